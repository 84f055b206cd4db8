"""The invoice-dispute questions in Telegram (session 40's buttons, not seen on a platform
before): "Is £400 the part of INV-2043 you dispute?" [Yes, £400 of it] [No, all of it]; a
dispute typed without the slash, [Record the dispute] [No]; its settlement typed so, [Settle
the dispute] [No]. Each question arrives with its keyboard, a press records what it says (or
nothing), and the same button pressed twice, or one press delivered twice, records and tells
nothing twice. The real python-telegram-bot against the fake Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable, Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.channels.telegram.channel import Pacer, TelegramChannel
from bot.config import Settings
from bot.db import transaction
from bot.dispatch import Router
from bot.models import (
    AuditEvent,
    Channel,
    ChannelIdentity,
    Deadline,
    DeadlineStatus,
    OrganisationKind,
    OutboxMessage,
    Person,
    Placement,
    Role,
)
from bot.outbox import OutboxPolicy, OutboxSender
from bot.templates import make_templates
from tests.bot.channels.fake_telegram import (
    TOKEN,
    FakeBotApi,
    callback_update,
    fake_bot_api,
    text_update,
)
from tests.factories import Clock, make_organisation, make_person

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAM, PRIYA, KIM = 555, 556, 557


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with fake_bot_api() as api:
        yield api


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, api: FakeBotApi,
           clock: Clock) -> Router[Any]:
    """Northshire's Priya, Riverside's Sam (placement RV-0042 with Priya) and Hillview's Kim,
    each linked on Telegram; the router at FIXED_NOW (Wed 25 Nov 2026)."""
    north = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    riverside = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    hillview = make_organisation(factory, "Hillview", OrganisationKind.PROVIDER)
    ids = {}
    for user, email, role, organisation in (
            (SAM, "sam@riverside.example", Role.PROVIDER, riverside),
            (PRIYA, "priya@northshire.example", Role.COMMISSIONER, north),
            (KIM, "kim@hillview.example", Role.PROVIDER, hillview)):
        ids[user] = make_person(factory, email=email, role=role, organisation_id=organisation,
                                preferred_channel=Channel.TELEGRAM)
        with transaction(factory) as session:
            session.add(ChannelIdentity(person_id=ids[user], channel=Channel.TELEGRAM,
                                        address=str(user), verified=True))
    with transaction(factory) as session:
        session.add(Placement(reference="RV-0042", council_id=north, provider_id=riverside,
                              commissioner_id=ids[PRIYA], provider_contact_id=ids[SAM],
                              started_on=date(2026, 6, 1)))
    settings = Settings(database_url=database_url, telegram_bot_token=TOKEN,
                        telegram_api_url=api.url)
    return build_router(factory, settings, make_templates(), clock=clock)


class Talk:
    """Telegram's side of the talk: updates sent to a started channel, and what it sent."""

    def __init__(self, channel: TelegramChannel, api: FakeBotApi) -> None:
        self.channel, self.api = channel, api
        self.ids = itertools.count(1)

    def sent(self, chat: int) -> list[dict[str, Any]]:
        return [params for params in self.api.sent() if int(params["chat_id"]) == chat]

    async def update(self, data: dict[str, Any]) -> None:
        from telegram import Update
        assert self.channel.application is not None
        await self.channel.process(Update.de_json(data, self.channel.application.bot))

    async def say(self, user: int, text: str) -> dict[str, Any]:
        """``user`` types ``text`` in their private chat; the bot's last message there."""
        await self.update(text_update(next(self.ids), text, user_id=user))
        return self.sent(user)[-1]

    def press_update(self, user: int, message: dict[str, Any], label: str) -> dict[str, Any]:
        """A new press of ``label`` under ``message``, as Telegram sends it."""
        data = next(button["callback_data"] for row in message["reply_markup"]["inline_keyboard"]
                    for button in row if button["text"] == label)
        return callback_update(next(self.ids), data, user_id=user, message_id=4000,
                               text=message["text"])

    async def press(self, user: int, message: dict[str, Any], label: str,
                    update: dict[str, Any] | None = None) -> dict[str, Any]:
        """``user`` presses ``label`` under ``message`` (or ``update``, a press made already);
        the bot's last message in their chat."""
        await self.update(update or self.press_update(user, message, label))
        return self.sent(user)[-1]

    async def deliver(self, factory: sessionmaker[Session]) -> None:
        """Deliver what the outbox holds through the Telegram channel."""
        await OutboxSender(factory, self.channel.kind, self.channel.deliver,
                           policy=OutboxPolicy(), rate_per_second=1000.0).drain()


def _run(router: Router[Any], api: FakeBotApi,
         work: Callable[[Talk], Awaitable[None]]) -> Talk:
    """Start a Telegram channel on ``router``, run ``work`` with it, stop it."""
    talked: list[Talk] = []

    async def main() -> None:
        channel = TelegramChannel(router.settings, email_configured=lambda: True,
                                  poll_timeout=1.0, pacer=Pacer(overall=1000.0, per_chat=0.0))
        await channel.start(router)
        try:
            talked.append(Talk(channel, api))
            await work(talked[0])
        finally:
            await channel.stop()
    asyncio.run(main())
    return talked[0]


def _labels(message: dict[str, Any]) -> list[str]:
    return [button["text"] for row in (message.get("reply_markup") or {}).get(
        "inline_keyboard", []) for button in row]


def _payment_clocks(factory: sessionmaker[Session]) -> list[tuple[DeadlineStatus, str | None]]:
    with factory() as session:
        return [(DeadlineStatus(status), outcome) for status, outcome in session.execute(
            select(Deadline.status, Deadline.outcome).where(Deadline.rule == "payment")
            .order_by(Deadline.id))]


def _queued(factory: sessionmaker[Session], email: str) -> list[str]:
    """The kinds of the invoice notices queued for ``email``, oldest first."""
    with factory() as session:
        return list(session.scalars(select(OutboxMessage.kind).join(
            Person, Person.id == OutboxMessage.person_id).where(
            Person.email == email, OutboxMessage.kind.like("invoice.%"))
            .order_by(OutboxMessage.id)))


def _audited(factory: sessionmaker[Session], action: str) -> int:
    with factory() as session:
        return len(session.scalars(select(AuditEvent.id).where(AuditEvent.action == action))
                   .all())


def test_is_400_the_part_you_dispute_yes_and_no(
        factory: sessionmaker[Session], router: Router[Any], api: FakeBotApi) -> None:
    async def work(talk: Talk) -> None:
        recorded = await talk.say(SAM, "/invoice received INV-2043 20/11/2026 980 RV-0042")
        assert recorded["text"].startswith("Invoice INV-2043 for £980.00 to Northshire")
        await talk.say(SAM, "/invoice received INV-2050 20/11/2026 5000 RV-0042")
        asked = await talk.say(PRIYA, "/invoice disputed INV-2043 missed visits, £400")
        assert asked["text"] == ("Is £400 the part of INV-2043 you dispute? Nothing is "
                                 "recorded until you say.")
        assert _labels(asked) == ["Yes, £400 of it", "No, all of it"]
        assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)] * 2
        # Another provider's person, with a forged press: not theirs, nothing changed.
        forged = await talk.press(KIM, asked, "Yes, £400 of it")
        assert forged["text"].startswith("That button is no longer active.")
        yes = talk.press_update(PRIYA, asked, "Yes, £400 of it")
        reply = await talk.press(PRIYA, asked, "", yes)
        assert reply["text"] == (
            "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026): £400.00 of it "
            "is recorded as disputed: missed visits, £400. The rest, £580.00, is still due: its "
            "payment clock keeps running, legal limit Sat 19 Dec 2026 (Procurement Act 2023 "
            "s68); Riverside has been told. Once it is settled: /invoice undisputed INV-2043 "
            "(or /invoice paid INV-2043).")
        # The question's keyboard is taken away once pressed.
        edit = api.sent("editMessageText")[-1]
        assert edit["text"].startswith("Is £400 the part of INV-2043 you dispute?")
        assert "reply_markup" not in edit
        again = await talk.press(PRIYA, asked, "Yes, £400 of it")
        assert again["text"] == ("£400.00 of invoice INV-2043 is already recorded as disputed: "
                                 "missed visits, £400. Nothing changed.")
        count = len(talk.sent(PRIYA))
        await talk.update(yes)  # the first press delivered again: handled once, nothing said
        assert len(talk.sent(PRIYA)) == count
        # No, all of it: the whole of the other invoice disputed, once.
        asked = await talk.say(PRIYA, "/invoice disputed INV-2050 missed visits, £400")
        assert _labels(asked) == ["Yes, £400 of it", "No, all of it"]
        reply = await talk.press(PRIYA, asked, "No, all of it")
        assert reply["text"].startswith(
            "Invoice INV-2050 (£5,000.00 from Riverside, received Fri 20 Nov 2026) is recorded "
            "as disputed: missed visits, £400. Its payment clock is paused")
        again = await talk.press(PRIYA, asked, "No, all of it")
        assert again["text"].startswith("Invoice INV-2050 was already recorded as disputed on "
                                        "Wed 25 Nov 2026")
        await talk.deliver(factory)

    talk = _run(router, api, work)
    assert _payment_clocks(factory) == [
        (DeadlineStatus.OPEN, "part disputed £400.00: missed visits, £400"),
        (DeadlineStatus.NOT_APPLICABLE, "disputed: missed visits, £400")]
    assert (_audited(factory, "invoice.part_disputed"), _audited(factory, "invoice.disputed")) == (
        1, 1)
    assert _queued(factory, "sam@riverside.example") == ["invoice.part_disputed",
                                                         "invoice.disputed"]
    told = [message["text"] for message in talk.sent(SAM)
            if message["text"].startswith("Northshire has disputed")]
    assert [text.split(" (")[0] for text in told] == [
        "Northshire has disputed £400.00 of your invoice INV-2043",
        "Northshire has disputed your invoice INV-2050"]


def test_a_dispute_and_its_settlement_typed_without_the_slash_are_asked_first(
        factory: sessionmaker[Session], router: Router[Any], api: FakeBotApi) -> None:
    async def work(talk: Talk) -> None:
        await talk.say(SAM, "/invoice received INV-2043 20/11/2026 980 RV-0042")
        asked = await talk.say(PRIYA, "invoice disputed INV-2043 hours dont match rota")
        assert asked["text"] == ('Shall I record invoice INV-2043 from Riverside as disputed '
                                 '("hours dont match rota")? Nothing is recorded until you '
                                 "say so.")
        assert _labels(asked) == ["Record the dispute", "No"]
        no = await talk.press(PRIYA, asked, "No")
        assert no["text"] == "Nothing recorded: the invoice's payment clock runs on as before."
        assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
        assert _queued(factory, "sam@riverside.example") == []
        asked = await talk.say(PRIYA, "invoice disputed INV-2043 hours dont match rota")
        record = talk.press_update(PRIYA, asked, "Record the dispute")
        recorded = await talk.press(PRIYA, asked, "", record)
        assert recorded["text"].startswith(
            "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
            "disputed: hours dont match rota.")
        again = await talk.press(PRIYA, asked, "Record the dispute")
        assert again["text"].startswith("Invoice INV-2043 was already recorded as disputed")
        count = len(talk.sent(PRIYA))
        await talk.update(record)  # delivered again
        assert len(talk.sent(PRIYA)) == count
        assert _payment_clocks(factory) == [
            (DeadlineStatus.NOT_APPLICABLE, "disputed: hours dont match rota")]
        # The settlement, asked the same way: No changes nothing; Settle settles it, once.
        asked = await talk.say(PRIYA, "invoice undisputed INV-2043")
        assert asked["text"] == (
            'Shall I record the dispute on invoice INV-2043 from Riverside ("hours dont match '
            'rota") as '
            "settled? Its payment clock would run again, legal limit Sat 19 Dec 2026. Nothing "
            "changes until you say so.")
        assert _labels(asked) == ["Settle the dispute", "No"]
        no = await talk.press(PRIYA, asked, "No")
        assert no["text"] == "Nothing changed: the dispute stands as recorded."
        assert _payment_clocks(factory) == [
            (DeadlineStatus.NOT_APPLICABLE, "disputed: hours dont match rota")]
        # Its sender cannot settle it.
        refused = await talk.press(SAM, asked, "Settle the dispute")
        assert refused["text"].startswith("Only the organisation that pays invoice INV-2043")
        settled = await talk.press(PRIYA, asked, "Settle the dispute")
        assert settled["text"] == (
            "Invoice INV-2043 is no longer disputed: its payment clock runs again, legal limit "
            "Sat 19 Dec 2026. Riverside has been told.")
        again = await talk.press(PRIYA, asked, "Settle the dispute")
        assert again["text"] == "Invoice INV-2043 is not recorded as disputed, so nothing changed."
        # A new dispute since: the old button settles nothing (session 41's review).
        await talk.say(PRIYA, "/invoice disputed INV-2043 rota")
        stale = await talk.press(PRIYA, asked, "Settle the dispute")
        assert stale["text"] == (
            "That question was about an earlier dispute on invoice INV-2043 from Riverside, so "
            'nothing changed. Type "invoice undisputed INV-2043" again if you still want to '
            "settle it.")
        await talk.deliver(factory)

    talk = _run(router, api, work)
    assert _payment_clocks(factory) == [
        (DeadlineStatus.NOT_APPLICABLE, "disputed: hours dont match rota"),
        (DeadlineStatus.NOT_APPLICABLE, "disputed: rota")]
    assert (_audited(factory, "invoice.disputed"), _audited(factory, "invoice.undisputed")) == (
        2, 1)
    # (The second dispute's notice is the first's: this test's clock stands still, and a
    # notice is sent once per invoice, outcome and instant.)
    assert _queued(factory, "sam@riverside.example") == ["invoice.disputed",
                                                         "invoice.undisputed"]
    told = [message["text"] for message in talk.sent(SAM)
            if message["text"].startswith("Northshire has")]
    assert [text.split(" your invoice")[0] for text in told] == [
        "Northshire has disputed", "Northshire has settled the dispute on"]
