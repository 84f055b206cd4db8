"""The e-mail channel's runtime: IMAP in, SMTP out.

Inbound, a task reads the mailbox: where the server offers IDLE it waits in IDLE for news
(at most ``PLEDGEBOT_IMAP_POLL_SECONDS``, renewed), else it polls that often. It searches for
unseen messages, fetches each with ``BODY.PEEK[]`` (which does not mark it read), hands it to
the router, sends the answer in the same thread, and only then flags it ``\\Seen``. The
router records each Message-ID in the same transaction as the work it does, so a message
fetched again after a crash between handling and flagging is recognised and not handled twice.

Outbound, ``deliver`` sends one outbox message with aiosmtplib: a 4xx reply is retried with
the outbox's backoff, a 5xx refusal of the recipient or the message is dead-lettered with the
server's reason, anything else (no connection, a timeout, a refused login) is retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from typing import Any

import aiosmtplib
from imapclient import IMAPClient  # type: ignore[import-untyped]
from imapclient.exceptions import IMAPClientError  # type: ignore[import-untyped]
from jinja2 import Environment
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.channels.email import adapter
from bot.channels.email.adapter import Mail
from bot.channels.email.render import (
    compose_delivery,
    compose_reply,
    key_hash,
    outbox_id_of,
    reply_message_id,
    to_bytes,
)
from bot.channels.email.settings import ImapTarget, SmtpTarget
from bot.db import transaction, utcnow
from bot.dispatch import Router, first_time
from bot.errors import DeliveryError, PermanentDeliveryError
from bot.messages import Button, Delivery, Incoming, Notification, Reply
from bot.models import Channel as ChannelKind
from bot.models import ChannelIdentity, Deadline, OutboxMessage, OutboxStatus, Person
from bot.templates import render
from handlers.deadlines.ics import CalendarItem, calendar_domain, deadline_uid, to_ics
from handlers.deadlines.store import RULE_TITLES
from handlers.deadlines.sweep import DONE

log = logging.getLogger(__name__)

SEEN = b"\\Seen"
# The outbox kind of an answer to an e-mail (kept as a sent row, or queued when SMTP defers).
ANSWER_KIND = "email.answer"


def smtp_error(error: Exception) -> DeliveryError:
    """An aiosmtplib failure as the outbox's error kinds: 5xx refusals of the recipient or the
    message are permanent, everything else is retried."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        codes = [refused.code for refused in error.recipients]
        reasons = "; ".join(f"{r.code} {r.message}" for r in error.recipients)
        if codes and all(500 <= code < 600 for code in codes):
            return PermanentDeliveryError(f"recipient refused: {reasons}"[:500])
        return DeliveryError(f"recipient deferred: {reasons}"[:500])
    if isinstance(error, (aiosmtplib.SMTPRecipientRefused, aiosmtplib.SMTPDataError)):
        reason = f"{error.code} {error.message}"[:500]
        if 500 <= error.code < 600:
            return PermanentDeliveryError(f"refused: {reason}")
        return DeliveryError(f"deferred: {reason}")
    if isinstance(error, aiosmtplib.SMTPResponseException):
        # A refused login or sender is our configuration, not the recipient: keep retrying.
        return DeliveryError(f"SMTP {error.code} {error.message}"[:500])
    return DeliveryError(f"SMTP: {type(error).__name__}: {error}"[:500])


def verified_sender(session: Session, address: str) -> int | None:
    """The active person whose verified e-mail identity ``address`` is (whose mail is read and
    acted on), or None: anyone can type a From: line."""
    return session.scalar(
        select(ChannelIdentity.person_id)
        .join(Person, Person.id == ChannelIdentity.person_id)
        .where(ChannelIdentity.channel == ChannelKind.EMAIL, ChannelIdentity.address == address,
               ChannelIdentity.verified.is_(True), Person.active.is_(True))
        .limit(1))


def replies_read(factory: sessionmaker[Session], address: str) -> bool:
    """Whether a reply from ``address`` would be read (``verified_sender``)."""
    with factory() as session:
        return verified_sender(session, address) is not None


def reminder_calendar(factory: sessionmaker[Session], templates: Environment,
                      delivery: Delivery, now: datetime, domain: str) -> bytes | None:
    """The deadline a reminder is about as an iCalendar request (the same UID as `pledgebot
    calendar export` gives it, so a calendar updates the event: ``domain`` is the From:
    address's, as ``calendar_domain`` gives the export), or None when it names no
    deadline."""
    done = next((b for b in delivery.buttons if b.action == DONE), None)
    if done is None or not done.value.isdigit():
        return None
    with factory() as session:
        deadline = session.get(Deadline, int(done.value))
        if deadline is None:
            return None
        title = RULE_TITLES.get(deadline.rule, deadline.rule)
        item = CalendarItem(
            uid=deadline_uid(deadline.id, domain), summary=f"{title}: {deadline.reference}",
            due_on=deadline.due_on, description=delivery.text)
    calendar = to_ics([item], calendar_name="pledgebot", now=now)
    return calendar.replace(b"METHOD:PUBLISH", b"METHOD:REQUEST", 1)


class EmailChannel:
    """E-mail as a ``bot.channels.Channel``."""

    kind = ChannelKind.EMAIL
    only_address: str | None = None
    IDLE_STEP_SECONDS = 0.5

    def __init__(
        self,
        *,
        smtp: SmtpTarget,
        sender: Address,
        templates: Environment,
        imap: ImapTarget | None = None,
        poll_seconds: float = 60.0,
        rate_per_second: float = 5.0,
        clock: Callable[[], datetime] = utcnow,
        timeout: float = 30.0,
        require_auth: bool = False,
        authserv_id: str = "",
        use_idle: bool = True,
    ) -> None:
        """Send as ``sender`` through ``smtp``; read ``imap`` (None: send only).

        With ``require_auth``, a mail that would change something (a command, a reply to a
        case or a button's words) is acted on only when ``authserv_id``'s
        Authentication-Results say DKIM or SPF passed for its From: domain.
        """
        self.require_auth = require_auth
        self.authserv_id = authserv_id
        self.smtp, self.imap = smtp, imap
        self.sender = sender
        self.own = sender.addr_spec.lower()
        # Deadline UIDs in the From: address's domain, as `pledgebot calendar export` has them.
        self.calendar_domain = calendar_domain(str(sender), None)
        self.templates = templates
        self.poll_seconds = poll_seconds
        self.rate_per_second = rate_per_second
        self.clock = clock
        self.timeout = timeout
        self._router: Router[Any] | None = None
        self._client: IMAPClient | None = None
        self._problem: str | None = None if imap is None else "not connected yet"
        self._stopping = asyncio.Event()
        # The same, for the IDLE wait in a worker thread.
        self._stop_seen = threading.Event()
        self.use_idle = use_idle
        self.idle = False
        self._polling: asyncio.Task[None] | None = None
        self._ended = asyncio.Event()

    # -- the Channel protocol ----------------------------------------------------------------
    async def start(self, router: Router[Any]) -> None:
        """Begin polling the mailbox (when one is configured)."""
        self._router = router
        if self.imap is not None:
            self._polling = asyncio.create_task(self._poll_forever())

    async def wait(self) -> None:
        """Never ends by itself."""
        await self._ended.wait()

    async def stop(self) -> None:
        """Stop polling after the message in hand, and log out."""
        self._stopping.set()
        self._stop_seen.set()
        if self._polling is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._polling
        await asyncio.to_thread(self._disconnect)

    def not_ready(self) -> str | None:
        """Why the mailbox cannot be read, or None."""
        return None if self._problem is None else f"IMAP: {self._problem}"

    async def deliver(self, delivery: Delivery) -> None:
        """Send one outbox message (reminder, escalation, alert) as a notification. To an
        address no active person has verified, its choices are not offered as replies, and
        the reader is told that nothing sent back is read (a reply from it is refused,
        ``_look_up``, whatever the notification's own words suggest: "/done 4", "Reply /case
        ...") and to have the address confirmed."""
        now = self.clock()
        read = True
        if self._router is not None:
            read = await asyncio.to_thread(replies_read, self._router.factory, delivery.address)
        message = compose_delivery(self.templates, sender=self.sender, delivery=delivery,
                                   date=now, replies_read=read)
        if delivery.kind.startswith("reminder.") and self._router is not None:
            calendar = await asyncio.to_thread(reminder_calendar, self._router.factory,
                                               self.templates, delivery, now,
                                               self.calendar_domain)
            if calendar is not None:
                message.add_attachment(calendar, maintype="text", subtype="calendar",
                                       params={"method": "REQUEST"}, filename="deadline.ics")
        await self.send(message, delivery.address)

    # -- sending -------------------------------------------------------------------------------
    async def send(self, message: EmailMessage, to: str) -> None:
        """Hand ``message`` to the SMTP server for ``to``, or raise a ``DeliveryError``."""
        target = self.smtp
        try:
            # Flattened here, not by aiosmtplib (``email.policy.SMTP``), so that the
            # List-Unsubscribe header stays a plain <https://...> (``render.SMTP_POLICY``).
            await aiosmtplib.send(
                to_bytes(message), sender=self.own, recipients=[to], hostname=target.host,
                port=target.port, username=target.username, password=target.password,
                use_tls=target.tls, start_tls=target.starttls,
                timeout=self.timeout,
            )
        except (TimeoutError, aiosmtplib.SMTPException, OSError) as error:
            raise smtp_error(error) from None

    # -- receiving ----------------------------------------------------------------------------
    async def _poll_forever(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.poll_once()
            except (IMAPClientError, OSError) as error:
                self._problem = f"{type(error).__name__}: {error}"[:300]
                log.warning("e-mail: reading the mailbox failed: %s", self._problem)
                await asyncio.to_thread(self._disconnect)
            else:
                if self._client is not None and self.idle:
                    try:
                        await asyncio.to_thread(self._idle, self.poll_seconds)
                        continue
                    except (IMAPClientError, OSError) as error:
                        log.info("e-mail: IDLE ended: %s: %s", type(error).__name__, error)
                        await asyncio.to_thread(self._disconnect)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.poll_seconds)

    def _connect(self) -> IMAPClient:
        if self._client is None:
            if self.imap is None:
                raise RuntimeError("no mailbox is configured")
            client = IMAPClient(self.imap.host, port=self.imap.port, ssl=self.imap.tls,
                                timeout=self.timeout)
            client.login(self.imap.username, self.imap.password)
            client.select_folder(self.imap.folder)
            self.idle = self.use_idle and client.has_capability("IDLE")
            self._client = client
        return self._client

    def _idle(self, seconds: float) -> None:
        """Wait in IDLE until the server reports news, ``seconds`` pass (servers drop an IDLE
        after 30 minutes, so it is renewed), or the channel stops."""
        client = self._connect()
        client.idle()
        try:
            deadline = time.monotonic() + min(seconds, 25 * 60)
            while not self._stop_seen.is_set() and time.monotonic() < deadline:
                if client.idle_check(timeout=self.IDLE_STEP_SECONDS):
                    return
        finally:
            client.idle_done()

    def _disconnect(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(Exception):
                client.logout()

    def _unseen(self) -> list[int]:
        client = self._connect()
        client.noop()
        return sorted(int(uid) for uid in client.search(["UNSEEN"]))

    def _fetch(self, uid: int) -> bytes | None:
        found = self._connect().fetch([uid], ["BODY.PEEK[]"])
        data = found.get(uid, {}).get(b"BODY[]")
        return bytes(data) if data is not None else None

    def _flag(self, uid: int) -> None:
        self._connect().add_flags([uid], [SEEN])

    async def poll_once(self) -> int:
        """Handle every unseen message once; returns how many were read."""
        uids = await asyncio.to_thread(self._unseen)
        self._problem = None
        for uid in uids:
            if self._stopping.is_set():
                break
            raw = await asyncio.to_thread(self._fetch, uid)
            if raw is not None:
                try:
                    await self.receive(raw)
                except Exception as error:
                    # Flagged all the same: a message that breaks us once would every time.
                    log.error("e-mail: message %s of %d bytes could not be handled: %s: %s",
                              uid, len(raw), type(error).__name__, error)
            await asyncio.to_thread(self._flag, uid)
        return len(uids)

    async def receive(self, raw: bytes) -> None:
        """Handle one message's bytes and send the answer, if it gets one (never raises for
        anything a message contains)."""
        router = self._router
        if router is None:
            raise RuntimeError("the e-mail channel is not started")
        mail = adapter.parse(raw, own=self.own, authserv_id=self.authserv_id)
        if mail.refusal is not None:
            log.info("e-mail %s from %s not answered: %s", mail.key[:80], mail.sender or "-",
                     mail.refusal)
            return
        now = self.clock()
        person_id, button_rows, reply_command = await asyncio.to_thread(
            self._look_up, router.factory, mail)
        if person_id is None and not await asyncio.to_thread(self._first_today, router.factory,
                                                      mail.sender, now):
            log.info("e-mail %s from unknown %s not answered: answered once today already",
                     mail.key[:80], mail.sender)
            return
        replies = await self._handle(router, mail, button_rows, reply_command, now)
        if not replies:
            return  # handled before (fetched again after a crash), or nothing to say
        if mail.attachments:
            replies.append(Reply(text=render(self.templates, "email_attachments.txt",
                                             count=mail.attachments)))
        if not any(reply.text for reply in replies):
            return
        texts = [reply.text for reply in replies if reply.text]
        buttons = tuple(button for reply in replies for button in reply.buttons)
        record = None
        if person_id is not None:
            record = await asyncio.to_thread(self._record, router.factory, person_id, mail,
                                             texts, buttons, now)
        message = compose_reply(
            self.templates, sender=self.sender, to=mail.sender, original_subject=mail.subject,
            original_id=mail.message_id, original_references=mail.references,
            replies=replies, date=self.clock(),
            message_id=None if record is None else reply_message_id(
                record, f"email-answer:{mail.key}"[:200], self.sender.domain))
        try:
            await self.send(message, mail.sender)
        except DeliveryError as error:
            if record is None:
                log.error("e-mail: the answer to %s could not be sent: %s", mail.key[:80],
                          error)
                return
            # Handled already (a second fetch would be ignored): the outbox retries the
            # answer, as a new e-mail, rather than lose it.
            log.warning("e-mail: the answer to %s could not be sent (%s); queued in the outbox",
                        mail.key[:80], error)
            await asyncio.to_thread(self._retry_later, router.factory, record, str(error), now)
            note = Notification(
                person_id=person_id or 0, kind=ANSWER_KIND, text="\n\n".join(texts),
                buttons=buttons, idempotency_key=f"email-answer:{mail.key}"[:200],
                channel=ChannelKind.EMAIL)
            for listener in router.on_notified:
                listener([note])

    @staticmethod
    def _record(factory: sessionmaker[Session], person_id: int, mail: Mail,
                texts: Sequence[str], buttons: Sequence[Button], now: datetime) -> int:
        """Keep an answer as a sent outbox row: its id goes in the answer's Message-ID, so a
        reply to the answer can press its buttons as a reply to a reminder does."""
        with transaction(factory) as session:
            row = OutboxMessage(
                idempotency_key=f"email-answer:{mail.key}"[:200], person_id=person_id,
                channel=ChannelKind.EMAIL, address=mail.sender, kind=ANSWER_KIND,
                payload=Notification(person_id=person_id, kind=ANSWER_KIND,
                                     text="\n\n".join(texts), buttons=tuple(buttons),
                                     idempotency_key="").payload(),
                status=OutboxStatus.SENT, attempts=1, next_attempt_at=now, sent_at=now,
                created_at=now)
            session.add(row)
            session.flush()
            return row.id

    @staticmethod
    def _retry_later(factory: sessionmaker[Session], record: int, error: str,
                     now: datetime) -> None:
        """Hand a recorded answer that could not be sent to the outbox sender."""
        with transaction(factory) as session:
            row = session.get_one(OutboxMessage, record)
            row.status, row.sent_at, row.next_attempt_at = OutboxStatus.PENDING, None, now
            row.last_error = error[:500]

    async def _handle(self, router: Router[Any], mail: Mail, buttons: Sequence[Button],
                      reply_command: str | None, now: datetime) -> list[Reply]:
        text = mail.text
        if not text and not mail.references:
            text = mail.subject
        press = adapter.pressed(text, buttons) if buttons else None
        reference = adapter.case_reference(mail)
        acts = press is not None or reference is not None or text.lstrip().startswith("/")
        if self.require_auth and acts and not mail.authenticated:
            log.info("e-mail %s from %s not acted on: no DKIM or SPF pass from %s",
                     mail.key[:80], mail.sender, self.authserv_id or "-")
            return [Reply(text=render(self.templates, "email_unauthenticated.txt"))]
        if press is not None:
            button, rest = press
            if not rest:
                return await router.handle_async(adapter.to_incoming(mail, received_at=now,
                                                                     button=button))
            # The command named by the button's label, else a reminder button's by its action
            # ("Mark paid" is an invoice reminder's Done, "deadline.done": session 36's review).
            named = [button.label.lower().replace(" ", "-")]
            if button.action.startswith("deadline."):
                named.append(button.action.removeprefix("deadline."))
            command = next((name for name in named if name in router.commands), None)
            if command is not None:
                # "done 2026-12-01 outcome", "not applicable REASON": the button's command.
                text = f"/{command} {button.value} {rest}"
            # Otherwise the words are read as words (a form's answer, a question).
        if press is None and reply_command and text and not text.startswith("/"):
            # The message replied to says what a reply means (a survey's: "1: 4, 2: b ...").
            text = f"{reply_command} {text}"
        elif reference is not None and text and not text.startswith("/"):
            text = f"/case {reference} comment {text}"
        return await router.handle_async(adapter.to_incoming(mail, received_at=now, text=text))

    def _look_up(self, factory: sessionmaker[Session], mail: Mail
                 ) -> tuple[int | None, tuple[Button, ...], str | None]:
        """The sender's person id when they are registered and active with a verified address
        (else None), and the buttons and reply command of the delivery of ours this message
        answers."""
        with factory() as session:
            known = verified_sender(session, mail.sender)
            if known is None:
                return None, (), None
            for parent in reversed(mail.references):
                named = outbox_id_of(parent)
                if named is None:
                    continue
                row = session.get(OutboxMessage, named[0])
                if (row is not None and row.channel == ChannelKind.EMAIL
                        and row.address == mail.sender
                        and key_hash(row.idempotency_key) == named[1]):
                    payload = row.payload or {}
                    reply = payload.get("reply")
                    return (known, tuple(Button(**b) for b in payload.get("buttons", ())),
                            str(reply) if reply else None)
        return known, (), None

    def _first_today(self, factory: sessionmaker[Session], sender: str, now: datetime) -> bool:
        """Record that ``sender`` (unknown) was answered today; False if already answered."""
        marker = Incoming(channel=ChannelKind.EMAIL, conversation="", sender=sender,
                          received_at=now,
                          message_id=f"unknown-sender:{sender}:{now.date().isoformat()}")
        with transaction(factory) as session:
            return first_time(session, marker, now=now)
