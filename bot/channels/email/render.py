"""Replies and outbox deliveries as e-mail messages (pure: no network, no database).

Every message is multipart/alternative, text first then HTML; the HTML comes from the
autoescaped ``email_body.html`` template, so nothing a person typed is ever markup. Headers
are built with the standard library's ``EmailMessage`` (RFC 2047 names, folded lines); a
subject is one line whatever it was given.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from datetime import datetime
from email.generator import BytesGenerator
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, make_msgid
from typing import Any

from jinja2 import Environment

from bot.messages import Button, Delivery, Reply
from bot.templates import render, shortened

# A case reference as people quote it.
CASE_REFERENCE = re.compile(r"\bPB-\d{4}-\d{6,9}\b")
SUBJECT_CHARS = 120
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")
_REPLY_PREFIX = re.compile(r"^\s*((re|aw|sv|fwd?)\s*:\s*)+", re.IGNORECASE)


# Headers whose value a mail program reads as it stands (RFC 2369, RFC 8058): written as
# given, never RFC 2047-encoded (the trial: a long unsubscribe link came out as
# "=?utf-8?q?=3Chttps=3A//...?=", which no mail program recognises).
VERBATIM_HEADERS = frozenset({"list-unsubscribe", "list-unsubscribe-post"})
# RFC 5322's limit on a line; an unsubscribe link is far shorter.
_MAX_LINE = 998


class MailPolicy(EmailPolicy):
    """``email.policy.SMTP`` (CRLF line ends, RFC 2047 where needed), except that an ASCII
    ``List-Unsubscribe`` header is written on one line as it is."""

    def _verbatim(self, name: str, value: Any) -> str | None:
        text = str(value)
        line = f"{name}: {text}"
        if (name.lower() in VERBATIM_HEADERS and text.isascii() and len(line) <= _MAX_LINE
                and not _CONTROL.search(text)):
            return line + self.linesep
        return None

    def fold(self, name: str, value: Any) -> str:
        """The header as a line (or folded lines)."""
        return self._verbatim(name, value) or super().fold(name, value)

    def fold_binary(self, name: str, value: Any) -> bytes:
        """The header as bytes."""
        line = self._verbatim(name, value)
        return line.encode("ascii") if line is not None else super().fold_binary(name, value)


SMTP_POLICY = MailPolicy(linesep="\r\n")


def to_bytes(message: EmailMessage) -> bytes:
    """``message`` as it goes to the SMTP server (``SMTP_POLICY``)."""
    with io.BytesIO() as buffer:
        BytesGenerator(buffer, policy=SMTP_POLICY).flatten(message)
        return buffer.getvalue()


def one_line(text: str, limit: int = SUBJECT_CHARS) -> str:
    """``text`` on one line (control characters and line breaks as spaces), at most ``limit``
    characters: what a header may carry without a line a reader could inject. A longer one is
    cut between words with "…" (``shortened``; session 35's brief: subjects were cut
    mid-word)."""
    return shortened(_CONTROL.sub(" ", text), limit)


def reply_subject(original: str, text: str) -> str:
    """``Re: <original subject>``, with the case reference the answer names when the
    original lacks it."""
    subject = _REPLY_PREFIX.sub("", one_line(original, 200))
    found = CASE_REFERENCE.search(text)
    if found and found.group(0) not in subject:
        subject = f"[{found.group(0)}] {subject}".strip()
    return one_line(f"Re: {subject}" if subject else "Re: your message")


def delivery_subject(templates: Environment, delivery: Delivery) -> str:
    """The subject of an outbox message: the reference of the case it is about in brackets
    (``Notification.case_reference``; a reply to that subject comments on the case), then its
    first line. A message that only mentions cases (a digest, a survey) names none."""
    first = next((line for line in delivery.text.splitlines() if line.strip()), "")
    subject = render(templates, "email_subject.txt", first=one_line(first, 90),
                     reference=delivery.case_reference or "")
    return one_line(subject)


def delivery_message_id(delivery: Delivery, domain: str) -> str:
    """The same Message-ID for every attempt at one outbox message (the idempotency key's
    hash), naming the outbox row so a reply can be matched to it: ``<pb.ID.HASH@domain>``."""
    return reply_message_id(delivery.outbox_id, delivery.idempotency_key, domain)


def reply_message_id(outbox_id: int, idempotency_key: str, domain: str) -> str:
    """``<pb.ID.HASH@domain>`` for the outbox row ``outbox_id`` with ``idempotency_key``."""
    return f"<pb.{outbox_id}.{key_hash(idempotency_key)}@{domain}>"


_DELIVERY_ID = re.compile(r"<pb\.(\d{1,18})\.([0-9a-f]{20})@")


def outbox_id_of(message_id: str) -> tuple[int, str] | None:
    """The outbox id and key hash named by one of our delivery Message-IDs, or None."""
    found = _DELIVERY_ID.search(message_id)
    return (int(found.group(1)), found.group(2)) if found else None


def key_hash(idempotency_key: str) -> str:
    """The hash of an idempotency key as a delivery's Message-ID carries it."""
    return hashlib.sha256(idempotency_key.encode()).hexdigest()[:20]


def _bodies(templates: Environment, texts: Sequence[str], buttons: Sequence[Button],
            *, unsubscribe: str | None, replies_read: bool = True) -> tuple[str, str]:
    choices = [button.label for button in buttons]
    text = render(templates, "email_body.txt", texts=texts, choices=choices,
                  unsubscribe=unsubscribe, replies_read=replies_read)
    paragraphs = [[line for line in block.splitlines()]
                  for body in texts for block in body.split("\n\n") if block.strip()]
    html = render(templates, "email_body.html", paragraphs=paragraphs, choices=choices,
                  unsubscribe=unsubscribe, replies_read=replies_read)
    return text + "\n", html + "\n"


def compose(
    templates: Environment,
    *,
    sender: Address,
    to: str,
    subject: str,
    texts: Sequence[str],
    buttons: Sequence[Button] = (),
    message_id: str | None = None,
    date: datetime,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
    auto_submitted: str | None = None,
    unsubscribe: str | None = None,
    replies_read: bool = True,
) -> EmailMessage:
    """One message from ``sender`` to ``to``: text and HTML alternatives, threading headers.
    ``replies_read`` False (``to`` is no verified address): the choices are not offered as
    replies, which would be refused; the reader is told nothing sent back is read, and to
    have the address confirmed."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = one_line(subject)
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id or make_msgid("pb", domain=sender.domain)
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = " ".join(references)
    if auto_submitted:
        message["Auto-Submitted"] = auto_submitted
    if unsubscribe:
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    text, html = _bodies(templates, texts, buttons, unsubscribe=unsubscribe,
                         replies_read=replies_read)
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message


def compose_reply(
    templates: Environment,
    *,
    sender: Address,
    to: str,
    original_subject: str,
    original_id: str | None,
    original_references: Sequence[str],
    replies: Sequence[Reply],
    date: datetime,
    message_id: str | None = None,
) -> EmailMessage:
    """The answer to a person's e-mail, in its thread (``In-Reply-To`` and ``References``)."""
    texts = [reply.text for reply in replies if reply.text]
    buttons = [button for reply in replies for button in reply.buttons]
    references = [*original_references, *([original_id] if original_id else [])][-20:]
    return compose(
        templates, sender=sender, to=to,
        subject=reply_subject(original_subject, "\n".join(texts)),
        texts=texts, buttons=buttons, date=date, in_reply_to=original_id,
        message_id=message_id,
        references=references, auto_submitted="auto-replied",
    )


def compose_delivery(templates: Environment, *, sender: Address, delivery: Delivery,
                     date: datetime, replies_read: bool = True) -> EmailMessage:
    """An outbox message (a reminder, an escalation, a digest) as a notification; one that
    carries an unsubscribe link (a digest) gets ``List-Unsubscribe`` with one-click."""
    return compose(
        templates, sender=sender, to=delivery.address,
        subject=delivery_subject(templates, delivery), texts=[delivery.text],
        buttons=delivery.buttons, message_id=delivery_message_id(delivery, sender.domain),
        date=date, auto_submitted="auto-generated", unsubscribe=delivery.unsubscribe,
        replies_read=replies_read,
    )
