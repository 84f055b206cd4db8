"""The Telegram channel at run time: python-telegram-bot's ``Application`` in our event loop.

Long polling by default: a loop of ``getUpdates`` from the offset stored in the database, each
update handled before the next offset is stored, so a restart neither loses nor repeats one
(and the Router's de-duplication on ``update_id`` catches any repeat). Webhook mode when
``PLEDGEBOT_TELEGRAM_WEBHOOK_URL`` is set: ``setWebhook`` at start, with the secret token and
``allowed_updates``, and ``POST /telegram/webhook`` on the serve web app checks the
``X-Telegram-Bot-Api-Secret-Token`` header in constant time (403 and nothing stored otherwise).

Who may see what: a Telegram account linked to an active person (an admin's ``telegram_id``
in the people CSV, or ``/link EMAIL`` and the e-mailed code) goes through the Router like any
channel. An account not linked gets ``/start``, ``/link``, the code, and answers from the
public knowledge base only: never cases, placements, invoices or reminders. In a group the bot
hears only commands and mentions of itself, and answers in the person's private chat.

Sending: 30 messages a second overall, one a second per chat and 20 a minute per group
(Telegram's limits). ``RetryAfter`` becomes ``RateLimited``; ``Forbidden`` (the person blocked
the bot) and a chat that does not exist are permanent (dead-lettered with the reason); a
refused token stops the channel and turns ``/readyz`` red.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import hmac
import json
import logging
import os
import re
import secrets
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request
from starlette.responses import Response
from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter, TelegramError
from telegram.ext import Application, ApplicationBuilder, TypeHandler
from telegram.request import HTTPXRequest

from bot.channels.telegram import linking
from bot.channels.telegram.adapter import PRIVATE, NotText, to_incoming
from bot.channels.telegram.render import STORED_PREFIX, Outgoing, done, inline_data, render
from bot.config import Settings
from bot.db import transaction, utcnow
from bot.dispatch import CommandMatch, Router, clean_text, first_time, parse_command
from bot.errors import DeliveryError, PermanentDeliveryError, RateLimited
from bot.messages import Button, Delivery, Incoming, Reply
from bot.models import Channel, TelegramCallback, TelegramState
from bot.outbox import RateLimiter
from bot.templates import render as render_template
from knowledge.answers import lead_and_detail

log = logging.getLogger(__name__)
# PTB 22's documented opt-in to durations as timedelta (its next major version's default);
# without it, every RetryAfter warns as it is made.
os.environ.setdefault("PTB_TIMEDELTA", "true")

WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
ALLOWED_UPDATES = ("message", "callback_query")
OFFSET = "polling_offset"
PER_SECOND_OVERALL = 30.0
PER_CHAT_SECONDS = 1.0
PER_GROUP_PER_MINUTE = 20
# A delivery waits this long for its chat's turn; longer, and the outbox retries it later.
MAX_PACING_WAIT = 2.0
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")


class Pacer:
    """Telegram's sending limits: overall, per chat, per group (negative chat ids)."""

    def __init__(self, overall: float = PER_SECOND_OVERALL, per_chat: float = PER_CHAT_SECONDS,
                 per_group_minute: int = PER_GROUP_PER_MINUTE) -> None:
        """Start with every chat free."""
        self.overall = RateLimiter(overall, burst=1.0)
        self.per_chat = per_chat
        self.per_group_minute = per_group_minute
        self.next_at: dict[int, float] = {}
        self.group_sent: dict[int, collections.deque[float]] = collections.defaultdict(
            collections.deque)

    def wait_for(self, chat_id: int) -> float:
        """Seconds until ``chat_id`` may get its next message."""
        now = time.monotonic()
        wait = max(0.0, self.next_at.get(chat_id, 0.0) - now)
        if chat_id < 0:
            sent = self.group_sent[chat_id]
            while sent and sent[0] <= now - 60:
                sent.popleft()
            if len(sent) >= self.per_group_minute:
                wait = max(wait, sent[0] + 60 - now)
        return wait

    async def take(self, chat_id: int, *, max_wait: float | None = None) -> None:
        """Wait for ``chat_id``'s turn and the overall limit; ``RateLimited`` when the chat's
        turn is further off than ``max_wait``."""
        wait = self.wait_for(chat_id)
        if max_wait is not None and wait > max_wait:
            raise RateLimited(retry_after=wait, message=f"chat {chat_id} is at its limit")
        if wait > 0:
            await asyncio.sleep(wait)
        await self.overall.acquire()
        self.sent(chat_id)
        if chat_id < 0:
            self.group_sent[chat_id].append(time.monotonic())

    def sent(self, chat_id: int) -> None:
        """Start ``chat_id``'s next interval now: called as a send starts and again when it
        has been answered, so Telegram, which counts arrivals, never sees two sends to one
        chat closer than the interval however long the first one took to arrive."""
        self.next_at[chat_id] = time.monotonic() + self.per_chat


def translate(error: TelegramError) -> DeliveryError:
    """A Telegram error as one of ours (see ``bot.errors``)."""
    if isinstance(error, RetryAfter):
        # The private timedelta: the public attribute warns that its type will change.
        wait = error._retry_after.total_seconds()
        return RateLimited(retry_after=wait, message=f"telegram: retry after {wait:g} s")
    if isinstance(error, Forbidden):
        return PermanentDeliveryError(f"telegram: {error.message}")
    if isinstance(error, BadRequest):
        # "Chat not found", a message Telegram will never take: retrying cannot help.
        return PermanentDeliveryError(f"telegram: {error.message}")
    return DeliveryError(f"telegram: {type(error).__name__}: {error.message}")


class TelegramChannel:
    """Telegram as a ``bot.channels.Channel`` (see the module docstring)."""

    kind = Channel.TELEGRAM
    only_address: str | None = None

    def __init__(self, settings: Settings, *, email_configured: Callable[[], bool],
                 rate_per_second: float = 25.0, poll_timeout: float = 30.0,
                 pacer: Pacer | None = None) -> None:
        """Serve the bot the settings name; ``email_configured()`` says whether a ``/link``
        code can be e-mailed."""
        if settings.telegram_bot_token is None:
            raise ValueError("PLEDGEBOT_TELEGRAM_BOT_TOKEN is not set")
        self.settings = settings
        self.token = settings.telegram_bot_token
        self.webhook_url = settings.telegram_webhook_url
        self.secret = settings.telegram_webhook_secret
        self.email_configured = email_configured
        self.rate_per_second = rate_per_second
        self.poll_timeout = poll_timeout
        self.pacer = pacer or Pacer()
        self.application: Application[Any, Any, Any, Any, Any, Any] | None = None
        self.router: Router[Any] | None = None
        self.username = ""
        self.problem: str | None = "not started"
        self._polling: asyncio.Task[None] | None = None
        self._ended = asyncio.Event()
        self._initialized = False
        self._requests: list[HTTPXRequest] = []

    # -- lifecycle ----------------------------------------------------------------------------
    async def start(self, router: Router[Any]) -> None:
        """Connect (``getMe``), set the command list, then poll or set the webhook.

        A refused token leaves the channel stopped and says so in ``not_ready``; serve goes
        on (the other channels, /readyz) rather than crash.
        """
        self.router = router
        # Our own request objects, so they are closed even when getMe fails (PTB closes only
        # what it initialised in full).
        self._requests = [HTTPXRequest(connection_pool_size=8),
                          HTTPXRequest(read_timeout=self.poll_timeout + 10)]
        application = (ApplicationBuilder().token(self.token)
                       .base_url(self.settings.telegram_api_url).updater(None)
                       .request(self._requests[0]).get_updates_request(self._requests[1])
                       .build())
        application.add_handler(TypeHandler(Update, self._on_update))
        self.application = application
        if await self._connect() is None:
            # Telegram unreachable (network, 5xx): keep trying in the background.
            self._polling = asyncio.create_task(self._connect_forever())

    async def _connect(self) -> bool | None:
        """``getMe``, ``setMyCommands``, the webhook; then polling. True when connected,
        False when the token is refused (for good), None when Telegram could not be reached."""
        assert self.application is not None  # noqa: S101
        assert self.router is not None  # noqa: S101
        bot = self.application.bot
        try:
            await self.application.initialize()
            self._initialized = True
            self.username = bot.username
            await bot.set_my_commands(self._commands(self.router))
            if self.webhook_url is not None:
                await bot.set_webhook(self.webhook_url, secret_token=self.secret,
                                      allowed_updates=list(ALLOWED_UPDATES))
            else:
                await bot.delete_webhook()
        except InvalidToken:
            self._refused()
            return False
        except TelegramError as error:
            self.problem = f"telegram: {type(error).__name__}: {error.message}"
            log.error("telegram did not start: %s", self.problem)
            return None
        self.problem = None
        log.info("telegram: @%s receiving by %s", self.username,
                 "webhook" if self.webhook_url else "long polling")
        if self.webhook_url is None:
            self._polling = asyncio.create_task(self._poll_forever())
        return True

    async def _connect_forever(self) -> None:
        delay = 1.0
        while True:
            await asyncio.sleep(delay)
            if await self._connect() is not None:
                return
            delay = min(60.0, delay * 2)

    async def wait(self) -> None:
        """Never ends by itself."""
        await self._ended.wait()

    async def stop(self) -> None:
        """Stop polling and close the connections."""
        if self._polling is not None and not self._polling.done():
            self._polling.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._polling
        if self.application is not None and self._initialized:
            with contextlib.suppress(TelegramError):
                await self.application.shutdown()
        for request in self._requests:
            await request.shutdown()
        self.problem = self.problem or "stopped"

    def not_ready(self) -> str | None:
        """Why Telegram is not connected (a refused token), or None."""
        return self.problem

    def _refused(self) -> None:
        self.problem = "telegram refused the bot token (Unauthorized): check " \
                       "PLEDGEBOT_TELEGRAM_BOT_TOKEN"
        log.error("%s; the Telegram channel is stopped", self.problem)
        if self._polling is not None and self._polling is not asyncio.current_task():
            self._polling.cancel()

    @staticmethod
    def _commands(router: Router[Any]) -> list[BotCommand]:
        summaries = {name: route.summary for name, route in router.commands.items()}
        summaries["link"] = "link this Telegram account to your registered e-mail"
        summaries["unlink"] = "unlink this Telegram account"
        return [BotCommand(name, (summary or name)[:256])
                for name, summary in sorted(summaries.items()) if _COMMAND_NAME.match(name)]

    # -- receiving ----------------------------------------------------------------------------
    def _factory(self) -> sessionmaker[Session]:
        assert self.router is not None  # noqa: S101 - set by start
        return self.router.factory

    def _read_offset(self) -> int | None:
        with self._factory()() as session:
            row = session.get(TelegramState, OFFSET)
            return int(row.value) if row is not None else None

    def _store_offset(self, offset: int) -> None:
        with transaction(self._factory()) as session:
            row = session.get(TelegramState, OFFSET)
            if row is None:
                session.add(TelegramState(name=OFFSET, value=str(offset)))
            elif int(row.value) < offset:
                row.value = str(offset)

    async def _poll_forever(self) -> None:
        """``getUpdates`` from the stored offset; each update handled, then the offset stored."""
        assert self.application is not None  # noqa: S101 - set by start
        bot = self.application.bot
        offset = await asyncio.to_thread(self._read_offset)
        failures = 0
        while True:
            try:
                updates = await bot.get_updates(
                    offset=offset, timeout=int(self.poll_timeout),
                    read_timeout=self.poll_timeout + 10, allowed_updates=list(ALLOWED_UPDATES))
                failures = 0
            except InvalidToken:
                self._refused()
                return
            except TelegramError as error:
                failures += 1
                delay = error._retry_after.total_seconds() if isinstance(
                    error, RetryAfter) else min(30.0, 0.5 * 2 ** min(failures, 6))
                log.warning("telegram getUpdates failed (%s); again in %.1f s",
                            type(error).__name__, delay)
                await asyncio.sleep(delay)
                continue
            for update in updates:
                await self.process(update)
                offset = update.update_id + 1
            if updates and offset is not None:
                # After the batch: a crash mid-batch fetches it again, and the Router's
                # de-duplication on update_id skips what was already handled.
                await asyncio.to_thread(self._store_offset, offset)

    async def process(self, update: Update) -> None:
        """Handle one update through the Application (its handlers call ``_on_update``)."""
        assert self.application is not None  # noqa: S101 - set by start
        await self.application.process_update(update)

    async def _on_update(self, update: Update, _context: object) -> None:
        try:
            await self._handle(update)
        except Exception:  # one bad update must not stop the others
            log.exception("telegram update %s failed", update.update_id)

    def _lookup(self, data: str) -> tuple[str, str] | None:
        with self._factory()() as session:
            row = session.scalars(select(TelegramCallback).where(
                TelegramCallback.key == data[len(STORED_PREFIX):])).first()
            return (row.action, row.value) if row is not None else None

    async def _handle(self, update: Update) -> None:
        assert self.router is not None  # noqa: S101
        assert self.application is not None  # noqa: S101
        router = self.router
        query = update.callback_query
        pressed = None
        if query is not None:
            with contextlib.suppress(TelegramError):
                await query.answer()  # the spinner stops at once
            if (query.data or "").startswith(STORED_PREFIX):
                pressed = await asyncio.to_thread(self._lookup, query.data or "")
                if pressed is None and query.message is not None:  # purged: a very old button
                    await self.send(query.message.chat.id, [Reply(text=self._words(
                        "stale_button.txt"))])
                    return
        incoming = to_incoming(update, bot_username=self.username, now=router.clock(),
                               pressed=pressed)
        if incoming is None:
            return
        if isinstance(incoming, NotText):
            if await asyncio.to_thread(self._first_time, incoming.message_id):
                await self.send(incoming.chat_id, [Reply(text=self._words(
                    "telegram_text_only.txt"))])
            return
        replies = await self._answer(incoming)
        if query is not None and query.message is not None:
            await self._mark_done(query.message.chat.id, query.message.message_id,
                                  getattr(query.message, "text", None) or "")
        await self._reply(incoming, replies)

    def _first_time(self, message_id: str) -> bool:
        probe = Incoming(channel=Channel.TELEGRAM, conversation="", sender="",
                         received_at=utcnow(), message_id=message_id)
        with transaction(self._factory()) as session:
            return first_time(session, probe, now=utcnow())

    async def _answer(self, incoming: Incoming) -> list[Reply]:
        """The replies to one message: the link flow, public knowledge, or the Router."""
        assert self.router is not None  # noqa: S101
        own, linked = await asyncio.to_thread(self._before_router, incoming)
        if own is not None:
            return own
        replies = await self.router.handle_async(incoming)
        if replies and not linked:
            replies = [*replies, Reply(text=self._words("telegram_link_hint.txt"))]
        return replies

    def _before_router(self, incoming: Incoming) -> tuple[list[Reply] | None, bool]:
        """What the channel answers itself (in the message's own transaction, de-duplicated):
        ``/link``, ``/unlink``, a code, and an unlinked account's questions and ``/start``
        (None: the Router answers); and whether the sender is linked."""
        assert self.router is not None  # noqa: S101
        text = clean_text(incoming.text)
        command = parse_command(text) if incoming.action is None else None
        now = self.router.clock()
        with transaction(self._factory()) as session:
            linked = linking.linked_person(session, incoming.sender) is not None
            return self._own_answer(session, incoming, text, command, now, linked), linked

    def _own_answer(self, session: Session, incoming: Incoming, text: str,
                    command: CommandMatch | None, now: datetime, linked: bool
                    ) -> list[Reply] | None:
        """The answer to a link command or code, or to an unlinked account's question or
        ``/start``; None when the Router answers."""
        name = command.name if command is not None else None
        if name not in ("link", "unlink") and (linked or incoming.action is not None):
            return None
        outcome: linking.Outcome | None = None
        if name in ("start", "help") and not linked:
            return self._once(session, incoming, now, [self._words("telegram_start.txt")])
        if name == "link":
            outcome = linking.request_code(
                session, incoming.sender, command.args if command else "", now=now,
                email_configured=self.email_configured(), code_text=self._code_text)
        elif name == "unlink":
            outcome = linking.unlink(session, incoming.sender)
        elif command is None and linking.looks_like_code(text):
            outcome = linking.try_code(session, incoming.sender, text, now=now)
        if outcome is not None:
            data = {"help_contact": self.settings.help_contact, **outcome.data}
            return self._once(session, incoming, now, [self._words(outcome.template,
                                                                   **data)])
        if command is not None:
            return None
        public = self._public_answer(text)
        return self._once(session, incoming, now, [public]) if public is not None else None

    @staticmethod
    def _once(session: Session, incoming: Incoming, now: datetime, texts: Sequence[str]
              ) -> list[Reply]:
        if not first_time(session, incoming, now=now):
            session.rollback()
            return []
        return [Reply(text=text) for text in texts]

    def _public_answer(self, text: str) -> str | None:
        """An answer from the public knowledge base, or None (the Router says what it can)."""
        assert self.router is not None  # noqa: S101
        answerer = getattr(self.router.deps, "answerer", None)
        if answerer is None or len(text) > self.settings.max_message_chars:
            return None
        answer = answerer.ask(text)
        entry = answer.best
        if answer.mode != "answer" or entry is None:
            return None
        lead, detail = lead_and_detail(entry, text)
        return self._words("telegram_public_answer.txt", title=entry.title, lead=lead,
                           detail=detail, citation=entry.citation)

    def _code_text(self, code: str) -> str:
        return self._words("telegram_code_email.txt", code=code,
                           minutes=int(linking.CODE_LIFETIME.total_seconds() // 60))

    def _words(self, template: str, **data: Any) -> str:
        assert self.router is not None  # noqa: S101
        return render_template(self.router.templates, template, **data)

    # -- sending ------------------------------------------------------------------------------
    async def _reply(self, incoming: Incoming, replies: Sequence[Reply]) -> None:
        """Send the replies; a group's go to the person's private chat, never the group."""
        if not replies:
            return
        chat_id = int(incoming.conversation)
        if incoming.platform.get("chat_type", PRIVATE) == PRIVATE:
            await self.send(chat_id, replies)
            return
        try:
            await self.send(int(incoming.sender), replies)
            note = self._words("telegram_sent_privately.txt")
        except PermanentDeliveryError:
            note = self._words("telegram_start_private.txt", link=f"https://t.me/{self.username}")
        await self.send(chat_id, [Reply(text=note)])

    async def send(self, chat_id: int, replies: Sequence[Reply], *,
                   max_wait: float | None = None) -> None:
        """Send replies to one chat, at Telegram's pace; raise ``bot.errors`` on failure."""
        messages: list[Outgoing] = []
        for reply in replies:
            data_for = await self._data_for(reply.buttons)
            messages.extend(render(reply.text, reply.buttons, data_for))
        for message in messages:
            await self._send_one(chat_id, message, max_wait=max_wait)

    async def _send_one(self, chat_id: int, message: Outgoing, *, max_wait: float | None
                        ) -> None:
        if self.application is None or self.problem is not None:
            raise DeliveryError(f"telegram is not connected: {self.problem}")
        await self.pacer.take(chat_id, max_wait=max_wait)
        try:
            await self.application.bot.send_message(
                chat_id, message.text, parse_mode=ParseMode.HTML,
                reply_markup=message.keyboard, disable_web_page_preview=True)
        except InvalidToken as error:
            self._refused()
            raise DeliveryError("telegram refused the bot token") from error
        except TelegramError as error:
            raise translate(error) from error
        finally:
            self.pacer.sent(chat_id)

    async def _data_for(self, buttons: Sequence[Button]) -> Callable[[Button], str]:
        """Callback data for each button; the long ones are stored, in one transaction."""
        long = [button for button in buttons if inline_data(button) is None]
        keys = await asyncio.to_thread(self._store_buttons, long) if long else {}

        def data_for(button: Button) -> str:
            return inline_data(button) or f"{STORED_PREFIX}{keys[(button.action, button.value)]}"
        return data_for

    def _store_buttons(self, buttons: Sequence[Button]) -> dict[tuple[str, str], str]:
        keys: dict[tuple[str, str], str] = {}
        with transaction(self._factory()) as session:
            for button in buttons:
                key = secrets.token_urlsafe(16)
                session.add(TelegramCallback(key=key, action=button.action, value=button.value,
                                             created_at=utcnow()))
                keys[(button.action, button.value)] = key
        return keys

    async def _mark_done(self, chat_id: int, message_id: int, original: str) -> None:
        """A pressed button's message: "Done ✓ 09:14" added and its keyboard removed."""
        assert self.application is not None  # noqa: S101
        assert self.router is not None  # noqa: S101
        local = self.router.clock().astimezone(self.settings.zone)
        line = self._words("telegram_done.txt", time=f"{local:%H:%M}")
        try:
            await self.application.bot.edit_message_text(
                done(original, line), chat_id=chat_id, message_id=message_id,
                parse_mode=ParseMode.HTML, reply_markup=None)
        except TelegramError as error:  # pressed twice ("message is not modified"), too old
            log.info("telegram: message %s not edited: %s", message_id, error)

    async def deliver(self, delivery: Delivery) -> None:
        """Send one outbox message to the Telegram user ``delivery.address``."""
        try:
            chat_id = int(delivery.address)
        except ValueError:
            raise PermanentDeliveryError(
                f"telegram: {delivery.address!r} is not a Telegram id") from None
        await self.send(chat_id, [Reply(text=delivery.text, buttons=delivery.buttons)],
                        max_wait=MAX_PACING_WAIT)

    # -- webhook ------------------------------------------------------------------------------
    def add_routes(self, web: Any) -> None:
        """``POST /telegram/webhook`` when the webhook is configured."""
        if self.webhook_url is not None:
            web.add_route(WEBHOOK_PATH, self.webhook)

    async def webhook(self, request: Request) -> Response:
        """One update from Telegram: 403 without the right secret (nothing read or stored);
        200 once handled, so Telegram retries an update we failed to take."""
        given = request.headers.get(SECRET_HEADER, "")
        if self.secret is None or not hmac.compare_digest(given.encode(), self.secret.encode()):
            return Response(status_code=403)
        if self.application is None or self.problem is not None:
            return Response(status_code=503)
        try:
            body = json.loads(await request.body())
            update = Update.de_json(body, self.application.bot)
        except (ValueError, TypeError, KeyError, AttributeError):  # not an update
            return Response(status_code=400)
        if update is None:
            return Response(status_code=400)
        await self.process(update)
        return Response(status_code=200)
