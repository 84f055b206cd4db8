"""A fetched e-mail as ``Incoming``, or the reason it gets no answer (pure).

Parsing uses the standard library's ``email`` package with ``policy.default``. A header that
cannot be read is treated as absent; a part in an unknown charset is read as UTF-8 with
replacement characters. The words taken are the first text/plain part (else the HTML part
made text), with quoted replies and the signature cut off; attachments are ignored and the
answer says so.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import html
import re
from collections.abc import Sequence
from datetime import datetime
from email.message import Message
from email.utils import getaddresses
from html.parser import HTMLParser

from bot.channels import canonical_address
from bot.messages import Button, Incoming
from bot.models import Channel
from bot.values import frozen

# Words kept from one message before quoting is cut: a reply is short; a pasted thread is not.
MAX_CHARS = 20_000
CASE_IN_SUBJECT = re.compile(r"\[?(PB-\d{4}-\d{6,9})\]?")
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,250}>")
_QUOTE_HEADER = re.compile(
    r"^(on .{0,200} wrote:|-{2,} ?original message ?-{2,}|_{10,}|from: .+|sent from my .+)$",
    re.IGNORECASE)
_AUTOREPLY_HEADERS = ("x-autoreply", "x-autorespond", "x-auto-response-suppress")


@frozen
class Mail:
    """What pledgebot reads of one message.

    Attributes:
        sender: the From: address in canonical form ("" when there is none to read).
        subject: one line.
        message_id: the Message-ID (None when missing or unreadable).
        key: what identifies it for de-duplication: the Message-ID, else a hash of the bytes.
        references: the thread's Message-IDs, oldest first (References, then In-Reply-To).
        text: the words, quoting and signature removed.
        attachments: how many attachments were ignored.
        refusal: why it gets no answer (an auto-reply, a bounce, a list), or None.
        authenticated: the receiving server vouched for the sender's domain (DKIM or SPF
            pass, aligned with the From: domain, in its Authentication-Results).
    """

    sender: str
    subject: str
    message_id: str | None
    key: str
    references: tuple[str, ...]
    text: str
    attachments: int
    refusal: str | None
    authenticated: bool = False


_RESULT = re.compile(r"\b(dkim|spf)\s*=\s*pass\b[^;]*?\b(header\.d|header\.i|smtp\.mailfrom)"
                     r"\s*=\s*([^\s;]+)", re.IGNORECASE)


def authenticated(message: Message, sender: str, authserv_id: str) -> bool:
    """Whether the receiving server ``authserv_id`` reports ``dkim=pass`` or ``spf=pass`` for
    the From: domain (RFC 8601 Authentication-Results; only the first header that server
    added is read, since the ones below it came with the message and anyone can write them).
    """
    if not sender or not authserv_id:
        return False
    domain = sender.rpartition("@")[2]
    try:
        values = [str(value) for value in message.get_all("Authentication-Results", [])]
    except Exception:
        return False
    for value in values:
        server = value.split(";", 1)[0].strip().split()
        if not server or server[0].lower() != authserv_id.lower():
            continue
        for _method, _property, found in _RESULT.findall(value):
            named = found.rpartition("@")[2].lower().strip("<>\"")
            if named == domain or domain.endswith("." + named):
                return True
        return False
    return False


def _header(message: Message, name: str) -> str:
    """A header as one string, "" when absent or unreadable."""
    try:
        value = message.get(name)
    except Exception:  # a malformed header raises on access with policy.default
        return ""
    return " ".join(str(value).split()) if value is not None else ""


def _ids(value: str) -> list[str]:
    return _MESSAGE_ID.findall(value)


def _sender(message: Message) -> str:
    try:
        pairs = getaddresses([_header(message, "From")])
    except Exception:
        return ""
    for _name, address in pairs:
        user, at, domain = address.rpartition("@")
        if at and user and domain and "\r" not in address and "\n" not in address:
            return canonical_address(Channel.EMAIL, address)
    return ""


class _HtmlText(HTMLParser):
    """Visible text of an HTML part: block tags as line breaks, scripts and styles dropped."""

    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "blockquote",
                        "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.quoted = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self.hidden += 1
        if tag == "blockquote":
            self.quoted += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head") and self.hidden:
            self.hidden -= 1
        if tag == "blockquote" and self.quoted:
            self.quoted -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden and not self.quoted:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The visible words of an HTML body (quoted blocks left out)."""
    parser = _HtmlText()
    try:
        parser.feed(markup[: MAX_CHARS * 5])
        parser.close()
    except Exception:
        return html.unescape(re.sub(r"<[^>]*>", " ", markup))
    return "\n".join(" ".join(line.split()) for line in "".join(parser.parts).splitlines())


def _content(part: Message) -> str:
    """A text part's words; an unknown or wrong charset read as UTF-8 with replacements."""
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except Exception:  # an unknown charset, a broken encoding: read the bytes instead
        content = None
    if isinstance(content, str):
        return content
    payload = part.get_payload(decode=True)
    return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""


def _is_attachment(part: Message) -> bool:
    try:
        disposition = (part.get_content_disposition() or "").lower()
    except Exception:
        disposition = ""
    return disposition == "attachment" or bool(part.get_filename(None))


def _body(message: Message) -> tuple[str, int]:
    """The words (plain preferred, else HTML as text) and how many attachments were skipped."""
    plain: str | None = None
    markup: str | None = None
    attachments = 0
    for part in message.walk():
        if part.is_multipart():
            continue
        if _is_attachment(part):
            attachments += 1
            continue
        kind = part.get_content_type()
        if kind == "text/plain" and plain is None:
            plain = _content(part)
        elif kind == "text/html" and markup is None:
            markup = _content(part)
        elif not kind.startswith("text/"):
            attachments += 1
    if plain is not None and plain.strip():
        return plain, attachments
    if markup is not None:
        return html_to_text(markup), attachments
    return plain or "", attachments


def strip_quoting(text: str) -> str:
    """The new words of a reply: up to the first quoted line's header or signature, without
    quoted (``>``) lines."""
    kept: list[str] = []
    for line in text[:MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        bare = line.strip()
        if bare in ("--", "-- ") or line == "-- " or _QUOTE_HEADER.match(bare):
            break
        if bare.startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip()


def refusal(message: Message, sender: str, own: str) -> str | None:
    """Why this message must get no answer (RFC 3834 and the usual auto-reply marks), or None.

    Never answered: ``Auto-Submitted`` other than ``no``; ``Precedence: bulk|junk|list``;
    ``X-Autoreply``, ``X-Autorespond``, ``X-Auto-Response-Suppress``; a ``List-Id``; a null
    or MAILER-DAEMON sender; a delivery status notification; a message from ourselves.
    """
    auto = _header(message, "Auto-Submitted").lower()
    if auto and auto.split(";")[0].strip() != "no":
        return f"Auto-Submitted: {auto[:40]}"
    precedence = _header(message, "Precedence").lower()
    if precedence in ("bulk", "junk", "list"):
        return f"Precedence: {precedence}"
    for name in _AUTOREPLY_HEADERS:
        if name in (key.lower() for key in message):
            return name
    if _header(message, "List-Id"):
        return "List-Id"
    if _header(message, "Return-Path").strip() == "<>":
        return "null sender"
    if not sender:
        return "no readable sender"
    local = sender.partition("@")[0]
    if local in ("mailer-daemon", "postmaster"):
        return "MAILER-DAEMON"
    content_type = message.get_content_type()
    reports = ("message/delivery-status", "message/disposition-notification")
    if content_type == "multipart/report" or any(
            part.get_content_type() in reports for part in message.walk()):
        return "delivery status notification"
    if sender == own:
        return "from ourselves"
    return None


def parse(raw: bytes, *, own: str, authserv_id: str = "") -> Mail:
    """Read one message's bytes (never raises for any input); ``authserv_id`` is the
    receiving server whose Authentication-Results are trusted."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    sender = _sender(message)
    ids = _ids(_header(message, "Message-ID"))
    message_id = ids[0] if ids else None
    thread = _ids(_header(message, "References"))
    for parent in _ids(_header(message, "In-Reply-To")):
        if parent not in thread:
            thread.append(parent)
    try:
        text, attachments = _body(message)
    except Exception:  # a part the library cannot walk: nothing readable
        text, attachments = "", 0
    key = message_id or "sha256:" + hashlib.sha256(raw).hexdigest()
    return Mail(
        sender=sender,
        subject=" ".join(_header(message, "Subject").split())[:300],
        message_id=message_id,
        key=key,
        references=tuple(thread[-20:]),
        text=strip_quoting(text),
        attachments=attachments,
        refusal=refusal(message, sender, own),
        authenticated=authenticated(message, sender, authserv_id),
    )


_ALIASES = {
    "snooze a week": "snooze 1 week", "snooze one week": "snooze 1 week",
    "snooze a day": "snooze 1 day", "snooze one day": "snooze 1 day",
    "snooze": "snooze 1 day", "n/a": "not applicable", "na": "not applicable",
    # An invoice reminder's Done is labelled "Mark paid": "done DATE" and "paid DATE" still
    # press it (session 36's review: both were read as questions).
    "done": "mark paid", "paid": "mark paid",
}


def pressed(text: str, buttons: Sequence[Button]) -> tuple[Button, str] | None:
    """The button a reply's first line names ("done", "snooze a week", "not applicable
    REASON"), with the words after the label; None when it names none."""
    original = " ".join(text.strip().split("\n", 1)[0].split()).rstrip(".!")
    first = original.lower()
    found = _press(first, buttons)
    if found is not None:
        return found[0], original[found[1]:].strip()
    for alias, label in _ALIASES.items():
        if first == alias or first.startswith(alias + " "):
            found = _press(label, buttons)
            return None if found is None else (found[0], original[len(alias):].strip())
    return None


def _press(words: str, buttons: Sequence[Button]) -> tuple[Button, int] | None:
    """The button ``words`` start with, and how many characters its label took."""
    for button in sorted(buttons, key=lambda b: -len(b.label)):
        label = button.label.lower()
        if words == label or words.startswith(label + " "):
            return button, len(label)
    return None


def case_reference(mail: Mail) -> str | None:
    """The case a message is about: the reference in its subject."""
    found = CASE_IN_SUBJECT.search(mail.subject)
    return found.group(1) if found else None


def to_incoming(mail: Mail, *, received_at: datetime, text: str | None = None,
                button: Button | None = None) -> Incoming:
    """The router's view of one message: its words (or a button it pressed by name)."""
    thread = mail.references[0] if mail.references else mail.key
    return Incoming(
        channel=Channel.EMAIL,
        conversation=thread[:200],
        sender=mail.sender,
        text="" if button is not None else (mail.text if text is None else text),
        action=button.action if button is not None else None,
        action_value=button.value if button is not None else None,
        received_at=received_at,
        message_id=mail.key[:200],
        platform={"message_id": mail.message_id or "", "subject": mail.subject},
    )

