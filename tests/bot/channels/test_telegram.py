"""Telegram: the real python-telegram-bot against a fake Bot API on 127.0.0.1.

Long polling with stored offsets, the webhook's secret, buttons (answered, edited), the
/link flow, groups, non-text messages, and delivery with Telegram's errors and limits.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import shutil
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router, connect
from bot.channels.telegram import linking
from bot.channels.telegram.channel import Pacer, TelegramChannel
from bot.channels.telegram.render import MAX_CALLBACK_BYTES
from bot.config import Settings
from bot.db import transaction, utcnow
from bot.dispatch import Router
from bot.errors import DeliveryError, PermanentDeliveryError, RateLimited
from bot.messages import Button, Delivery, Notification, Reply
from bot.models import (
    Case,
    CaseKind,
    Channel,
    ChannelIdentity,
    FormSession,
    OutboxMessage,
    OutboxStatus,
    ProcessedMessage,
    Role,
    TelegramCallback,
    TelegramLink,
    TelegramState,
)
from bot.outbox import OutboxPolicy, OutboxSender, enqueue
from bot.templates import make_templates, render
from bot.web import Metrics, WebApp
from handlers.deps import Deps
from knowledge.answers import Answerer
from tests.bot.channels.fake_telegram import (
    TOKEN,
    FakeBotApi,
    callback_update,
    fake_bot_api,
    text_update,
)
from tests.factories import FIXED_NOW, Clock, make_person
from tests.waiting import until

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAM_TG = 555
SECRET = "s3cret-token_ok"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with fake_bot_api() as api:
        yield api


def _settings(database_url: str, api: FakeBotApi, **more: Any) -> Settings:
    return Settings(database_url=database_url, telegram_bot_token=TOKEN,
                    telegram_api_url=api.url, **more)


def _router(factory: sessionmaker[Session], settings: Settings, answerer: Answerer,
            clock: Clock) -> Router[Deps]:
    return build_router(factory, settings, make_templates(), clock=clock, answerer=answerer)


@dataclass
class Env:
    """Default Telegram settings on the test's database, and a router."""

    settings: Settings
    router: Router[Deps]


@pytest.fixture
def env(factory: sessionmaker[Session], database_url: str, api: FakeBotApi, answerer: Answerer,
        clock: Clock) -> Env:
    settings = _settings(database_url, api)
    return Env(settings, _router(factory, settings, answerer, clock))


def _link(factory: sessionmaker[Session], person_id: int, telegram_id: int = SAM_TG) -> None:
    with transaction(factory) as session:
        session.add(ChannelIdentity(person_id=person_id, channel=Channel.TELEGRAM,
                                    address=str(telegram_id), verified=True))


def _run(work: Callable[[TelegramChannel], Awaitable[None]], env: Env, *, email: bool = True,
         pacer: Pacer | None = None) -> None:
    """Start a channel, run ``work`` with it, stop it."""
    settings, router = env.settings, env.router

    async def main() -> None:
        channel = TelegramChannel(settings, email_configured=lambda: email, poll_timeout=1.0,
                                  pacer=pacer or Pacer(overall=1000.0, per_chat=0.0))
        await channel.start(router)
        try:
            await work(channel)
        finally:
            await channel.stop()
    asyncio.run(main())


def _texts(api: FakeBotApi, chat_id: int = SAM_TG) -> list[str]:
    return [str(p["text"]) for p in api.sent() if int(p["chat_id"]) == chat_id]


# -- long polling -------------------------------------------------------------------------------

def test_a_question_by_long_polling_is_answered_once_and_the_offset_stored(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi, clock: Clock) -> None:
    _link(factory, make_person(factory, email="sam@riverside.example"))
    question = text_update(7, "How long does the council have to pay our invoice?")

    async def work(channel: TelegramChannel) -> None:
        api.push(question)
        api.push(question)  # Telegram redelivers the same update_id
        await until(lambda: api.confirmed >= 8)
        await until(lambda: len(api.sent()) >= 1)

    _run(work, env)
    replies = _texts(api)
    assert len(replies) == 1
    assert replies[0].startswith("Council payment terms and late payment\n")
    assert api.sent()[0]["parse_mode"] == "HTML"
    assert "inline_keyboard" in api.sent()[0]["reply_markup"]
    with factory() as session:
        assert session.get(TelegramState, "polling_offset").value == "8"  # type: ignore[union-attr]
        assert session.scalars(select(ProcessedMessage.key)).all() == ["telegram:7"]
    commands = {c["command"] for c in api.sent("setMyCommands")[0]["commands"]}
    assert {"help", "start", "link", "unlink", "ask"} <= commands
    assert api.sent("deleteWebhook")


def test_the_command_menu_shows_what_a_command_does_for_everyone(
        env: Env, api: FakeBotApi) -> None:
    # Telegram's menu is one list for every role: a command that does something else for
    # each role (/away, /reminders: their /help lines) shows its general summary there.
    async def work(channel: TelegramChannel) -> None:
        await until(lambda: bool(api.sent("setMyCommands")), "the command menu")

    _run(work, env)
    menu = {c["command"]: c["description"] for c in api.sent("setMyCommands")[0]["commands"]}
    assert (menu["away"], menu["reminders"]) == (
        "away until a date, with a colleague to cover for you",
        "your open deadlines (council staff: /reminders council for all of the council's)")


def test_a_restart_polls_from_the_stored_offset(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi, clock: Clock) -> None:
    with transaction(factory) as session:
        session.add(TelegramState(name="polling_offset", value="41"))

    async def work(channel: TelegramChannel) -> None:
        await until(lambda: bool(api.sent("getUpdates")) or any(
            c.method == "getUpdates" for c in api.calls))

    _run(work, env)
    first = next(c for c in api.calls if c.method == "getUpdates")
    assert first.params["offset"] == 41


def test_stickers_get_text_only_and_edited_messages_are_ignored(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi, clock: Clock) -> None:
    sticker = {"update_id": 3, "message": {
        "message_id": 30, "date": 1764756000, "chat": {"id": SAM_TG, "type": "private"},
        "from": {"id": SAM_TG, "is_bot": False, "first_name": "Sam"},
        "sticker": {"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1,
                    "is_animated": False, "is_video": False, "type": "regular"}}}
    edited = {"update_id": 4, "edited_message": text_update(4, "changed")["message"]}

    async def work(channel: TelegramChannel) -> None:
        api.push(sticker)
        api.push(edited)
        await until(lambda: api.confirmed >= 5)

    _run(work, env)
    assert _texts(api) == ["Text only, please: I can't read stickers, photos, voice notes or "
                           "files. Type your question instead."]


# -- unlinked accounts and groups ---------------------------------------------------------------

def test_an_unlinked_account_gets_public_answers_and_no_private_data(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi, clock: Clock) -> None:

    async def work(channel: TelegramChannel) -> None:
        for data in (text_update(1, "/start"),
                     text_update(2, "How long does the council have to pay our invoice?"),
                     text_update(3, "/reminders")):
            await channel.process(_update(channel, data))

    _run(work, env)
    start, answer, reminders = (_texts(api)[0], _texts(api)[1], _texts(api)[2:])
    assert "/link" in start
    assert "general questions only" in answer
    assert "I don't know who you are yet" in reminders[0]
    assert "/link" in reminders[-1]


def test_a_group_never_gets_private_data(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi, clock: Clock) -> None:
    _link(factory, make_person(factory, email="sam@riverside.example"))
    group = -100200

    async def work(channel: TelegramChannel) -> None:
        await channel.process(_update(channel, text_update(
            1, "/reminders@pledge_test_bot", chat_id=group, chat_type="supergroup")))
        await channel.process(_update(channel, text_update(
            2, "just chatting among ourselves", chat_id=group, chat_type="supergroup")))
        api.fail("sendMessage", 403, "Forbidden: bot can't initiate conversation with a user")
        await channel.process(_update(channel, text_update(
            3, "@pledge_test_bot what is the pledge?", chat_id=group, chat_type="supergroup",
            entities=[{"type": "mention", "offset": 0, "length": 16}])))

    _run(work, env)
    in_group = _texts(api, group)
    assert in_group[0] == "I've sent you a private message."
    assert in_group[1].startswith("I don't answer in groups")
    assert "https://t.me/pledge_test_bot" in in_group[1]
    assert len(in_group) == 2
    assert _texts(api, SAM_TG)  # the reminders went to the private chat


# -- buttons ------------------------------------------------------------------------------------

def test_a_pressed_button_is_answered_edited_and_handled(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi, clock: Clock) -> None:
    _link(factory, make_person(factory, email="sam@riverside.example"))

    async def work(channel: TelegramChannel) -> None:
        await channel.process(_update(channel, text_update(
            1, "How long does the council have to pay our invoice?")))
        keyboard = api.sent()[0]["reply_markup"]["inline_keyboard"]
        more = next(b for row in keyboard for b in row if b["text"] == "More")
        await channel.process(_update(channel, callback_update(
            2, more["callback_data"], message_id=1000, text="Paying providers on time")))

    _run(work, env)
    assert api.sent("answerCallbackQuery")[0]["callback_query_id"] == "cq2"
    edit = api.sent("editMessageText")[0]
    assert edit["message_id"] == 1000
    assert edit["text"] == "Paying providers on time\n\nDone ✓ 10:00"
    assert "reply_markup" not in edit
    assert "Source" in _texts(api)[-1] or "gov.uk" in _texts(api)[-1]


def test_long_button_data_is_kept_on_our_side(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi, clock: Clock) -> None:
    long_value = "x" * 100
    pressed: list[tuple[str | None, str | None]] = []

    def note(incoming: Any, ctx: Any) -> list[Any]:
        pressed.append((incoming.action, incoming.action_value))
        return []
    env.router.button("test.long", note)
    _link(factory, make_person(factory, email="sam@riverside.example"))

    async def work(channel: TelegramChannel) -> None:
        await channel.deliver(Delivery(
            outbox_id=1, idempotency_key="k", channel=Channel.TELEGRAM, address=str(SAM_TG),
            kind="test", text="Pick", buttons=(Button(label="Go", action="test.long",
                                                      value=long_value),), urgent=False,
            attempt=1))
        data = api.sent()[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        assert len(data.encode()) <= MAX_CALLBACK_BYTES
        await channel.process(_update(channel, callback_update(5, data)))

    _run(work, env)
    assert pressed == [("test.long", long_value)]


def test_a_form_step_by_step_resumes_after_a_restart(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi, answerer: Answerer,
        clock: Clock) -> None:
    settings = env.settings
    make_person(factory, email="ada@council.example", role=Role.ADMIN)
    _link(factory, make_person(factory, email="sam@riverside.example"))

    async def first(channel: TelegramChannel) -> None:
        await _say(channel, 1, "/conflict")

    _run(first, Env(settings, _router(factory, settings, answerer, clock)))
    with factory() as session:
        assert session.scalars(select(FormSession.form_id)).all() == ["conflict"]
    keyboard = api.sent()[-1]["reply_markup"]["inline_keyboard"]

    async def second(channel: TelegramChannel) -> None:  # a new process: the form goes on
        choice = keyboard[0][0]["callback_data"]
        await channel.process(_update(channel, callback_update(2, choice)))
        await _say(channel, 3, "skip")
        await _say(channel, 4, "The invoice for PL-123 has been unpaid for 40 days.")
        await _say(channel, 5, "Payment this week, please.")
        await _say(channel, 6, "send")  # typed at the summary

    _run(second, Env(settings, _router(factory, settings, answerer, clock)))
    with factory() as session:
        assert session.scalars(select(FormSession)).all() == []
        case = session.scalars(select(Case)).one()
        assert case.kind == CaseKind.CONFLICT
    assert api.sent("editMessageText")
    assert case.reference in _texts(api)[-1]


# -- webhook ------------------------------------------------------------------------------------

def test_the_webhook_checks_the_secret_and_handles_each_update_once(
        factory: sessionmaker[Session], database_url: str, api: FakeBotApi,
        answerer: Answerer, clock: Clock) -> None:
    settings = _settings(database_url, api, telegram_webhook_secret=SECRET,
                         telegram_webhook_url="https://bot.example/telegram/webhook")
    env = Env(settings, _router(factory, settings, answerer, clock))
    statuses: list[int] = []

    async def work(channel: TelegramChannel) -> None:
        web = WebApp(Metrics())
        channel.add_routes(web)
        transport = httpx.ASGITransport(app=web.build())
        async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
            update = text_update(9, "/start")
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"},
                            {"X-Telegram-Bot-Api-Secret-Token": SECRET},
                            {"X-Telegram-Bot-Api-Secret-Token": SECRET}):
                response = await client.post("/telegram/webhook", json=update, headers=headers)
                statuses.append(response.status_code)
                if len(statuses) == 2:
                    with factory() as session:
                        assert session.scalars(select(ProcessedMessage)).all() == []
                    assert api.sent() == []

    _run(work, env)
    assert statuses == [403, 403, 200, 200]
    assert len(_texts(api)) == 1
    hook = api.sent("setWebhook")[0]
    assert hook["url"] == "https://bot.example/telegram/webhook"
    assert hook["secret_token"] == SECRET
    assert hook["allowed_updates"] == ["message", "callback_query"]


# -- /link --------------------------------------------------------------------------------------

def _code(factory: sessionmaker[Session]) -> str:
    with factory() as session:
        row = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "telegram.link_code").order_by(OutboxMessage.id.desc())).first()
        assert row is not None
        assert row.channel == Channel.EMAIL
        found = re.search(r"\b(\d{6})\b", row.payload["text"])
        assert found is not None
        return found.group(1)


def _say(channel: TelegramChannel, update_id: int, text: str, user: int = SAM_TG
         ) -> Awaitable[None]:
    return channel.process(_update(channel, text_update(update_id, text, user_id=user)))


def test_link_with_the_right_code_links_the_account(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi, clock: Clock) -> None:
    person = make_person(factory, email="sam@riverside.example", role=Role.PROVIDER)

    async def work(channel: TelegramChannel) -> None:
        await _say(channel, 1, "/link Sam@Riverside.example")
        await _say(channel, 2, _code(factory))
        await _say(channel, 3, "/whoami")
        await _say(channel, 4, "/unlink")

    _run(work, env)
    texts = _texts(api)
    assert texts[0].startswith("If that address is registered")
    assert texts[1].startswith("Thank you, Sam")
    assert texts[2].startswith("You are Sam (provider)")
    assert texts[3].startswith("Done: this Telegram account is no longer linked")
    with factory() as session:
        assert session.scalars(select(ChannelIdentity).where(
            ChannelIdentity.person_id == person, ChannelIdentity.channel == Channel.TELEGRAM)
        ).all() == []


def test_an_unknown_address_is_indistinguishable_and_wrong_codes_lock(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi, clock: Clock) -> None:
    make_person(factory, email="sam@riverside.example")
    known, unknown = 601, 602

    async def work(channel: TelegramChannel) -> None:
        await _say(channel, 1, "/link sam@riverside.example", known)
        await _say(channel, 2, "/link nobody@riverside.example", unknown)
        for n in range(5):
            await _say(channel, 10 + n, "000000", unknown)
        await _say(channel, 20, "/link sam@riverside.example", unknown)

    _run(work, env)
    assert _texts(api, known)[0] == _texts(api, unknown)[0]
    wrong = _texts(api, unknown)[1:]
    assert wrong[0].startswith("That code isn't right. You have 4 tries left")
    assert wrong[4].startswith("Linking is locked for this account")
    assert wrong[5].startswith("Linking is locked for this account")
    with factory() as session:
        codes = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "telegram.link_code")).all()
        assert [row.address for row in codes] == ["sam@riverside.example"]


def test_an_expired_code_does_not_link(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi, clock: Clock) -> None:
    make_person(factory, email="sam@riverside.example")

    async def work(channel: TelegramChannel) -> None:
        await _say(channel, 1, "/link sam@riverside.example")
        clock.now = FIXED_NOW + timedelta(minutes=16)
        await _say(channel, 2, _code(factory))

    _run(work, env)
    assert _texts(api)[1].startswith("That code has expired")
    with factory() as session:
        assert session.scalars(select(ChannelIdentity).where(
            ChannelIdentity.channel == Channel.TELEGRAM)).all() == []


def test_link_says_plainly_when_codes_cannot_be_emailed(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi, clock: Clock) -> None:
    make_person(factory, email="sam@riverside.example")

    async def work(channel: TelegramChannel) -> None:
        await _say(channel, 1, "/link sam@riverside.example")

    _run(work, env, email=False)
    assert _texts(api)[0].startswith("I can't send codes by e-mail on this bot")
    assert f"Telegram id {SAM_TG}" in _texts(api)[0]
    with factory() as session:
        assert session.scalars(select(OutboxMessage)).all() == []


# -- delivery -----------------------------------------------------------------------------------

@pytest.fixture
def env_on_sqlite(sqlite_url: str, sqlite_template: Path, api: FakeBotApi, answerer: Answerer,
                  clock: Clock) -> Iterator[Env]:
    """Settings and a router on one migrated SQLite file (for tests about sending only): a copy
    of the migrated template, which ``connect`` finds at head."""
    shutil.copyfile(sqlite_template, sqlite_url.removeprefix("sqlite:///"))
    settings = _settings(sqlite_url, api)
    engine, factory = connect(settings)
    try:
        yield Env(settings, _router(factory, settings, answerer, clock))
    finally:
        engine.dispose()


def _delivery(address: str = str(SAM_TG), text: str = "Your review is due") -> Delivery:
    return Delivery(outbox_id=1, idempotency_key="k1", channel=Channel.TELEGRAM,
                    address=address, kind="reminder", text=text, buttons=(), urgent=False,
                    attempt=1)


@pytest.mark.parametrize(("status", "description", "parameters", "error"), [
    (429, "Too Many Requests: retry after 7", {"retry_after": 7}, RateLimited),
    (403, "Forbidden: bot was blocked by the user", {}, PermanentDeliveryError),
    (400, "Bad Request: chat not found", {}, PermanentDeliveryError),
    (502, "Bad Gateway", {}, DeliveryError),
])
def test_delivery_errors_become_ours(
        env_on_sqlite: Env, api: FakeBotApi, status: int,
        description: str, parameters: dict[str, Any], error: type[Exception]) -> None:
    raised: list[Exception] = []

    async def work(channel: TelegramChannel) -> None:
        api.fail("sendMessage", status, description, **parameters)
        try:
            await channel.deliver(_delivery())
        except Exception as caught:
            raised.append(caught)

    _run(work, env_on_sqlite)
    assert type(raised[0]) is error
    if status == 429:
        assert raised[0].retry_after == 7  # type: ignore[attr-defined]
    if status in (403, 400):
        assert description.split(": ", 1)[1] in str(raised[0]).lower()


def test_a_refused_token_stops_the_channel_and_says_why(
        env_on_sqlite: Env, api: FakeBotApi) -> None:
    api.token = "999:revoked"
    seen: list[str | None] = []

    async def work(channel: TelegramChannel) -> None:
        seen.append(channel.not_ready())
        with pytest.raises(DeliveryError):
            await channel.deliver(_delivery())

    _run(work, env_on_sqlite)
    assert seen[0] is not None
    assert "Unauthorized" in seen[0]


def test_a_burst_of_500_keeps_to_the_limits(
        env_on_sqlite: Env, api: FakeBotApi) -> None:
    """Scaled down 20 times in time (per chat 0.05 s, 600 a second overall) so it runs in
    about a second; the same arithmetic holds at 1 s and 30 a second."""
    per_chat, overall = 0.05, 600.0
    times: dict[int, list[float]] = {}
    every: list[float] = []

    async def work(channel: TelegramChannel) -> None:
        real = channel._send_one

        async def timed(chat_id: int, message: Any, *, max_wait: float | None) -> None:
            await real(chat_id, message, max_wait=max_wait)
            stamp = time.monotonic()
            times.setdefault(chat_id, []).append(stamp)
            every.append(stamp)
        channel._send_one = timed  # type: ignore[method-assign]
        for n in range(500):
            await channel.send(1000 + n % 25, [Reply(text=f"notice {n}")])

    _run(work, env_on_sqlite, pacer=Pacer(overall=overall, per_chat=per_chat))
    assert len(api.sent()) == 500
    for stamps in times.values():
        gaps = [b - a for a, b in itertools.pairwise(stamps)]
        assert min(gaps) >= per_chat * 0.95
    window = int(overall * 0.1) + 2  # at most this many in any 0.1 s
    assert all(every[i + window - 1] - every[i] >= 0.1 * 0.9
               for i in range(len(every) - window + 1))


def _update(channel: TelegramChannel, data: dict[str, Any]) -> Any:
    from telegram import Update
    assert channel.application is not None
    return Update.de_json(data, channel.application.bot)


def test_a_group_gets_at_most_20_a_minute_and_a_chat_one_a_second() -> None:
    pacer = Pacer(overall=1000.0)

    async def main() -> None:
        for _ in range(20):
            pacer.next_at.pop(-5, None)  # only the group's minute is under test here
            await pacer.take(-5)
        assert 59 < pacer.wait_for(-5) <= 60
        with pytest.raises(RateLimited):
            await pacer.take(-5, max_wait=2.0)
        await pacer.take(7)
        assert 0.9 < pacer.wait_for(7) <= 1.0
    asyncio.run(main())


def test_old_buttons_and_finished_link_requests_are_purged(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi, clock: Clock) -> None:
    make_person(factory, email="sam@riverside.example")
    long = Button(label="Go", action="test.long", value="v" * 80)

    async def work(channel: TelegramChannel) -> None:
        await channel.send(SAM_TG, [Reply(text="Pick", buttons=(long,))])
        await _say(channel, 1, "/link sam@riverside.example")
        data = api.sent()[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        later = FIXED_NOW + timedelta(days=31)
        with transaction(factory) as session:  # the button was made 31 days before "later"
            session.execute(update(TelegramCallback).values(created_at=FIXED_NOW))
        assert linking.purge(factory, now=later) == 2
        await channel.process(_update(channel, callback_update(2, data)))

    _run(work, env)
    assert _texts(api)[-1] == render(make_templates(), "stale_button.txt")
    with factory() as session:
        assert session.scalars(select(TelegramLink)).all() == []


def test_retry_after_waits_through_the_outbox_without_using_an_attempt(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi) -> None:
    person = make_person(factory, email="sam@riverside.example",
                         preferred_channel=Channel.TELEGRAM)
    _link(factory, person)
    with transaction(factory) as session:
        enqueue(session, Notification(person_id=person, kind="test", text="Due soon",
                                      idempotency_key="due"))
    api.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    rows: list[tuple[OutboxStatus, int, float]] = []

    def row() -> OutboxMessage:
        with factory() as session:
            return session.scalars(select(OutboxMessage)).one()

    async def work(channel: TelegramChannel) -> None:
        sender = OutboxSender(factory, Channel.TELEGRAM, channel.deliver,
                              policy=OutboxPolicy(), rate_per_second=30.0)
        await sender.run_once()
        first = row()
        rows.append((first.status, first.attempts,
                     (first.next_attempt_at - utcnow()).total_seconds()))
        await until(lambda: row().next_attempt_at <= utcnow())
        await sender.run_once()
        rows.append((row().status, row().attempts, 0.0))

    _run(work, env)
    (status, attempts, wait), (later, after, _) = rows
    assert (status, attempts) == (OutboxStatus.PENDING, 0)
    assert 0.5 < wait <= 1.0
    assert (later, after) == (OutboxStatus.SENT, 1)
    assert _texts(api) == ["Due soon"]


def test_telegram_unreachable_at_start_is_tried_again(
        env: Env, factory: sessionmaker[Session], api: FakeBotApi) -> None:
    api.fail("getMe", 502, "Bad Gateway")
    seen: list[str | None] = []

    async def work(channel: TelegramChannel) -> None:
        seen.append(channel.not_ready())
        await until(lambda: channel.not_ready() is None)
        await _say(channel, 1, "/start")

    _run(work, env)
    assert seen[0] is not None
    assert "Bad Gateway" in seen[0]
    assert "/link" in _texts(api)[0]
