"""The invoice-dispute questions in Slack (session 40's buttons, not seen on a platform before):
"Is £400 the part of INV-2043 you dispute?" [Yes, £400 of it] [No, all of it]; a dispute typed
without the slash, [Record the dispute] [No]; its settlement typed so, [Settle the dispute]
[No]. Each question arrives with its buttons, a press records what it says (or nothing), and
the same button pressed twice, or one press delivered twice, records and tells nothing twice.
Real slack-bolt and slack_sdk, fake Web API on 127.0.0.1, SQLite or PostgreSQL."""

from __future__ import annotations

import itertools
import json
import time
import urllib.parse
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.models import (
    AuditEvent,
    Deadline,
    DeadlineStatus,
    OrganisationKind,
    OutboxMessage,
    Person,
    Placement,
    Role,
)
from bot.outbox import OutboxPolicy, OutboxSender
from tests.bot.channels.slack.fake_slack import TEAM
from tests.bot.channels.slack.support import Running, run_scenario, slack_person
from tests.factories import make_organisation

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAM, PRIYA, KIM = "U0SAM0001", "U0PRIYA01", "U0KIM0001"
_presses = itertools.count(1)


def _people(factory: sessionmaker[Session]) -> None:
    """Northshire's Priya, Riverside's Sam (placement RV-0042 with Priya) and Hillview's Kim,
    each on Slack."""
    north = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    riverside = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    hillview = make_organisation(factory, "Hillview", OrganisationKind.PROVIDER)
    sam = slack_person(factory, SAM, "sam@riverside.example", name="Sam Patel",
                       organisation_id=riverside)
    priya = slack_person(factory, PRIYA, "priya@northshire.example", name="Priya Shah",
                         role=Role.COMMISSIONER, organisation_id=north)
    slack_person(factory, KIM, "kim@hillview.example", name="Kim Lee", organisation_id=hillview)
    with transaction(factory) as session:
        session.add(Placement(reference="RV-0042", council_id=north, provider_id=riverside,
                              commissioner_id=priya, provider_contact_id=sam,
                              started_on=date(2026, 6, 1)))


def _received() -> str:
    """Two days ago in London, as typed: the invoice's day received."""
    return (datetime.now(UTC).astimezone(ZoneInfo("Europe/London")).date()
            - timedelta(days=2)).strftime("%d/%m/%Y")


def _labels(post: dict[str, Any]) -> list[str]:
    return [element["text"]["text"] for block in post.get("blocks") or []
            if block["type"] == "actions" for element in block["elements"]]


def _message(post: dict[str, Any]) -> dict[str, Any]:
    """A posted message as Slack shows it to an interaction payload."""
    return {"type": "message", "ts": post["ts"], "text": post["text"], "blocks": post["blocks"]}


def _press_body(user: str, post: dict[str, Any], label: str) -> bytes:
    """The form Slack posts when ``user`` presses ``label`` under ``post`` in their DM: each
    call a new press (its own ``action_ts``); posted twice, one press delivered twice."""
    button = next(element for block in post["blocks"] if block["type"] == "actions"
                  for element in block["elements"] if element["text"]["text"] == label)
    channel = f"D{user}"
    payload = {
        "type": "block_actions", "team": {"id": TEAM}, "user": {"id": user, "team_id": TEAM},
        "trigger_id": f"trig.press{next(_presses)}",
        "container": {"type": "message", "message_ts": post["ts"], "channel_id": channel,
                      "is_ephemeral": False},
        "channel": {"id": channel}, "message": _message(post),
        "actions": [{**button, "block_id": "b", "action_ts": f"{time.time():.6f}"}]}
    return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()


class Talk:
    """Slack's side of the talk: each message typed or button pressed, and the bot's reply."""

    def __init__(self, bot: Running) -> None:
        self.bot = bot

    def posts(self, user: str) -> list[dict[str, Any]]:
        return [post for post in self.bot.fake.of("chat.postMessage")
                if post["channel"] == f"D{user}"]

    async def say(self, user: str, text: str) -> dict[str, Any]:
        """``user`` types ``text`` in their DM; the bot's reply there."""
        count = len(self.bot.fake.of("chat.postMessage"))
        await self.bot.slack.dm(user, text)
        return (await self.bot.fake.wait_for("chat.postMessage", count + 1))[-1]

    async def press(self, user: str, post: dict[str, Any], label: str,
                    body: bytes | None = None) -> dict[str, Any]:
        """``user`` presses ``label`` under ``post`` (or posts ``body``, a press already
        made); the bot's reply."""
        count = len(self.bot.fake.of("chat.postMessage"))
        response = await self.bot.slack.post(body or _press_body(user, post, label),
                                             "application/x-www-form-urlencoded")
        assert response.status_code == 200
        return (await self.bot.fake.wait_for("chat.postMessage", count + 1))[-1]

    async def deliver(self, factory: sessionmaker[Session]) -> None:
        """Deliver what the outbox holds through the Slack channel."""
        await OutboxSender(factory, self.bot.channel.kind, self.bot.channel.deliver,
                           policy=OutboxPolicy(), rate_per_second=100.0).drain()


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


def test_is_400_the_part_you_dispute_yes_records_the_part_once(
        factory: sessionmaker[Session], database_url: str) -> None:
    _people(factory)
    seen: list[Talk] = []

    async def scenario(bot: Running) -> None:
        talk = Talk(bot)
        seen.append(talk)
        recorded = await talk.say(SAM, f"/invoice received INV-2043 {_received()} 980 RV-0042")
        assert recorded["text"].startswith("Invoice INV-2043 for £980.00 to Northshire")
        asked = await talk.say(PRIYA, "/invoice disputed INV-2043 missed visits, £400")
        assert asked["text"] == ("Is £400 the part of INV-2043 you dispute? Nothing is "
                                 "recorded until you say.")
        assert _labels(asked) == ["Yes, £400 of it", "No, all of it"]
        assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
        # Another provider's person, with a forged press of Priya's button: not theirs.
        forged = await talk.press(KIM, asked, "Yes, £400 of it")
        assert forged["text"].startswith("That button is no longer active.")
        assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
        press = _press_body(PRIYA, asked, "Yes, £400 of it")
        reply = await talk.press(PRIYA, asked, "", press)
        assert reply["channel"] == f"D{PRIYA}"
        assert reply["text"].startswith(
            "Invoice INV-2043 (£980.00 from Riverside, received ")
        assert "£400.00 of it is recorded as disputed: missed visits, £400. The rest, £580.00, " \
               "is still due" in reply["text"]
        # The question's buttons are replaced by who pressed which.
        update = next(update for update in bot.fake.of("chat.update")
                      if (update["channel"], update["ts"]) == (f"D{PRIYA}", asked["ts"]))
        assert _labels(update) == []
        assert "Yes, £400 of it ✓ by Priya Shah" in update["blocks"][-1]["elements"][0]["text"]
        # The same button pressed again: the command's own refusal, nothing recorded again.
        again = await talk.press(PRIYA, asked, "Yes, £400 of it")
        assert again["text"] == ("£400.00 of invoice INV-2043 is already recorded as "
                                 "disputed: missed visits, £400. Nothing changed.")
        # The first press delivered a second time: handled once, nothing said.
        await bot.slack.post(press, "application/x-www-form-urlencoded")
        await talk.deliver(factory)

    run_scenario(factory, database_url, scenario)
    talk = seen[0]
    assert _payment_clocks(factory) == [
        (DeadlineStatus.OPEN, "part disputed £400.00: missed visits, £400")]
    assert _audited(factory, "invoice.part_disputed") == 1
    assert _queued(factory, "sam@riverside.example") == ["invoice.part_disputed"]
    told = [post["text"] for post in talk.posts(SAM) if "has disputed" in post["text"]]
    assert len(told) == 1
    assert told[0].startswith(
        "Northshire has disputed £400.00 of your invoice INV-2043 (£980.00, received ")
    assert "missed visits, £400. The rest, £580.00, is still due by the legal limit" in told[0]
    recorded = [post for post in talk.posts(PRIYA) if "is recorded as disputed" in post["text"]]
    assert len(recorded) == 1


def test_is_400_the_part_you_dispute_no_records_all_of_it_once(
        factory: sessionmaker[Session], database_url: str) -> None:
    _people(factory)
    seen: list[Talk] = []

    async def scenario(bot: Running) -> None:
        talk = Talk(bot)
        seen.append(talk)
        await talk.say(SAM, f"/invoice received INV-2043 {_received()} 980 RV-0042")
        asked = await talk.say(PRIYA, "/invoice disputed INV-2043 missed visits, £400")
        assert _labels(asked) == ["Yes, £400 of it", "No, all of it"]
        reply = await talk.press(PRIYA, asked, "No, all of it")
        assert reply["text"].startswith("Invoice INV-2043 (£980.00 from Riverside, received ")
        assert "is recorded as disputed: missed visits, £400. Its payment clock is paused" \
            in reply["text"]
        again = await talk.press(PRIYA, asked, "No, all of it")
        assert again["text"].startswith("Invoice INV-2043 was already recorded as disputed")
        await talk.deliver(factory)

    run_scenario(factory, database_url, scenario)
    assert _payment_clocks(factory) == [
        (DeadlineStatus.NOT_APPLICABLE, "disputed: missed visits, £400")]
    assert _audited(factory, "invoice.disputed") == 1
    assert _queued(factory, "sam@riverside.example") == ["invoice.disputed"]
    assert len([post for post in seen[0].posts(SAM) if "has disputed" in post["text"]]) == 1


def test_a_dispute_and_its_settlement_typed_without_the_slash_are_asked_first(
        factory: sessionmaker[Session], database_url: str) -> None:
    _people(factory)
    seen: list[Talk] = []

    async def scenario(bot: Running) -> None:
        talk = Talk(bot)
        seen.append(talk)
        await talk.say(SAM, f"/invoice received INV-2043 {_received()} 980 RV-0042")
        # [Record the dispute] [No]: No records nothing.
        asked = await talk.say(PRIYA, "invoice disputed INV-2043 hours dont match rota")
        assert asked["text"] == ('Shall I record invoice INV-2043 from Riverside as disputed '
                                 '("hours dont match rota")? Nothing is recorded until you '
                                 "say so.")
        assert _labels(asked) == ["Record the dispute", "No"]
        no = await talk.press(PRIYA, asked, "No")
        assert no["text"] == "Nothing recorded: the invoice's payment clock runs on as before."
        assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
        assert _queued(factory, "sam@riverside.example") == []
        # Asked again, Record records it, once.
        asked = await talk.say(PRIYA, "invoice disputed INV-2043 hours dont match rota")
        recorded = await talk.press(PRIYA, asked, "Record the dispute")
        assert "is recorded as disputed: hours dont match rota." in recorded["text"]
        again = await talk.press(PRIYA, asked, "Record the dispute")
        assert again["text"].startswith("Invoice INV-2043 was already recorded as disputed")
        assert _payment_clocks(factory) == [
            (DeadlineStatus.NOT_APPLICABLE, "disputed: hours dont match rota")]
        # [Settle the dispute] [No]: No changes nothing.
        asked = await talk.say(PRIYA, "invoice undisputed INV-2043")
        assert asked["text"].startswith(
            'Shall I record the dispute on invoice INV-2043 from Riverside ("hours dont match '
            'rota") as '
            "settled? Its payment clock would run again, legal limit ")
        assert _labels(asked) == ["Settle the dispute", "No"]
        no = await talk.press(PRIYA, asked, "No")
        assert no["text"] == "Nothing changed: the dispute stands as recorded."
        assert _payment_clocks(factory) == [
            (DeadlineStatus.NOT_APPLICABLE, "disputed: hours dont match rota")]
        asked = await talk.say(PRIYA, "invoice undisputed INV-2043")
        press = _press_body(PRIYA, asked, "Settle the dispute")
        settled = await talk.press(PRIYA, asked, "", press)
        assert settled["text"].startswith("Invoice INV-2043 is no longer disputed: its payment "
                                          "clock runs again")
        again = await talk.press(PRIYA, asked, "Settle the dispute")
        assert again["text"] == "Invoice INV-2043 is not recorded as disputed, so nothing changed."
        await bot.slack.post(press, "application/x-www-form-urlencoded")  # delivered twice
        await talk.deliver(factory)

    run_scenario(factory, database_url, scenario)
    assert _payment_clocks(factory) == [
        (DeadlineStatus.NOT_APPLICABLE, "disputed: hours dont match rota"),
        (DeadlineStatus.OPEN, None)]
    assert (_audited(factory, "invoice.disputed"), _audited(factory, "invoice.undisputed")) == (
        1, 1)
    assert _queued(factory, "sam@riverside.example") == ["invoice.disputed",
                                                         "invoice.undisputed"]
    told = [post["text"] for post in seen[0].posts(SAM) if post["text"].startswith("Northshire")]
    assert len(told) == 2
    assert [text.split(" your invoice")[0] for text in told] == [
        "Northshire has disputed", "Northshire has settled the dispute on"]
    settled = [post for post in seen[0].posts(PRIYA) if "is no longer disputed" in post["text"]]
    assert len(settled) == 1
