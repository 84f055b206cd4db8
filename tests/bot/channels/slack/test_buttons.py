"""Buttons in Slack: a reminder delivered and its Done button closing the deadline and updating
the message; a provider's conflict raised step by step in a DM, the escalation reaching the
commissioner and their Acknowledge button acting on the case. Real slack-bolt and slack_sdk,
fake Web API on 127.0.0.1, SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import re
import time
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.models import (
    Case,
    CaseStatus,
    Deadline,
    DeadlineStatus,
    OrganisationKind,
    OutboxMessage,
    OutboxStatus,
    Placement,
    Role,
    RoutingRule,
)
from bot.outbox import OutboxPolicy, OutboxSender
from bot.templates import make_templates
from handlers.deadlines.store import ReminderPolicy
from handlers.deadlines.sweep import sweep
from scheduler.rules import WorkingCalendar
from tests.bot.channels.slack.support import Running, running, slack_person
from tests.factories import make_organisation
from tests.serving import add_due_reminders, add_people

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

PRESSED = re.compile(r"^(?P<label>.+) ✓ by (?P<name>.+), \d\d:\d\d$")


async def _deliver_all(bot: Running, factory: sessionmaker[Session]) -> None:
    """Deliver everything due in the outbox through the Slack channel."""
    sender = OutboxSender(factory, bot.channel.kind, bot.channel.deliver,
                          policy=OutboxPolicy(), rate_per_second=100.0)
    await sender.drain()
    with factory() as session:
        left = session.scalars(select(OutboxMessage.status)).all()
    assert all(OutboxStatus(status) == OutboxStatus.SENT for status in left)


def _message(post: dict[str, Any]) -> dict[str, Any]:
    """A posted message as Slack shows it to an interaction payload."""
    return {"type": "message", "ts": post["ts"], "text": post["text"],
            "blocks": post["blocks"]}


def _button(post: dict[str, Any], label: str) -> str:
    return next(element["action_id"] for block in post["blocks"] if block["type"] == "actions"
                for element in block["elements"] if element["text"]["text"] == label)


async def _next_post(bot: Running, count: int) -> dict[str, Any]:
    """The ``count``-th chat.postMessage, once made."""
    return (await bot.fake.wait_for("chat.postMessage", count))[-1]


def test_a_reminder_is_delivered_and_its_done_button_closes_the_deadline(
        factory: sessionmaker[Session], database_url: str) -> None:
    [person] = add_people(factory, 1)  # Slack user U00000, "Person 0"
    now = datetime.now(UTC)
    add_due_reminders(factory, 1, [person], now=now)
    sweep(factory, now=now, templates=make_templates(), calendar=WorkingCalendar(),
          policy=ReminderPolicy())

    async def scenario(bot: Running) -> None:
        await _deliver_all(bot, factory)
        [reminder] = bot.fake.of("chat.postMessage")
        assert reminder["channel"] == "DU00000"
        assert "INV-0" in reminder["text"]
        await bot.slack.press("U00000", _message(reminder), "DU00000",
                              _button(reminder, "Done"))
        [update] = await bot.fake.wait_for("chat.update")
        assert (update["channel"], update["ts"]) == ("DU00000", reminder["ts"])
        assert [block["type"] for block in update["blocks"]] == ["section", "context"]
        note = update["blocks"][-1]["elements"][0]["text"]
        found = PRESSED.match(note)
        assert found is not None, note
        assert (found["label"], found["name"]) == ("Done", "Person 0")
        reply = await _next_post(bot, 2)
        assert reply["channel"] == "DU00000"
        assert "INV-0" in reply["text"]

    async def main() -> None:
        async with running(factory, database_url) as bot:
            await scenario(bot)
    asyncio.run(main())
    with factory() as session:
        [status] = session.scalars(select(Deadline.status)).all()
    assert DeadlineStatus(status) == DeadlineStatus.DONE


def _council_and_provider(factory: sessionmaker[Session]) -> dict[str, int]:
    north = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    riverside = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    sam = slack_person(factory, "U0SAM0001", "sam@riverside.example", name="Sam Patel",
                       organisation_id=riverside)
    priya = slack_person(factory, "U0PRIYA01", "priya@northshire.example", name="Priya Shah",
                         role=Role.COMMISSIONER, organisation_id=north)
    tom = slack_person(factory, "U0TOM0001", "tom@northshire.example", name="Tom Reed",
                       role=Role.COMMISSIONER, organisation_id=north)
    with transaction(factory) as session:
        session.add(RoutingRule(position=1, council_id=north, commissioner_id=priya,
                                deputy_id=tom, level1_id=tom))
        session.add(Placement(reference="RV-0042", council_id=north, provider_id=riverside,
                              commissioner_id=tom, provider_contact_id=sam,
                              started_on=date(2026, 6, 1)))
    return {"sam": sam, "priya": priya, "tom": tom}


def test_a_conflict_raised_in_slack_reaches_the_commissioner_who_acknowledges_it(
        factory: sessionmaker[Session], database_url: str) -> None:
    _council_and_provider(factory)
    sam, priya = "U0SAM0001", "U0PRIYA01"

    async def scenario(bot: Running) -> None:
        await bot.slack.dm(sam, "/conflict")
        asked = await _next_post(bot, 1)
        assert "What is it about?" in asked["text"]
        await bot.slack.press(sam, _message(asked), f"D{sam}", _button(asked, "Payment"))
        asked = await _next_post(bot, 2)
        assert "Which placement or invoice" in asked["text"]
        await bot.slack.dm(sam, "RV-0042")
        assert "What has happened?" in (await _next_post(bot, 3))["text"]
        await bot.slack.dm(sam, "Invoice INV-7 for RV-0042 is 40 days unpaid.")
        assert "What outcome would you like?" in (await _next_post(bot, 4))["text"]
        await bot.slack.dm(sam, "Payment this week, and the 10-day rule kept.")
        summary = await _next_post(bot, 5)
        assert summary["text"].startswith("Before I send your disagreement, please check it:")
        await bot.slack.press(sam, _message(summary), f"D{sam}", _button(summary, "Send"))
        done = await _next_post(bot, 6)
        assert done["text"].startswith("Thank you. Your case is PB-")
        await _deliver_all(bot, factory)
        [alert] = [post for post in bot.fake.of("chat.postMessage")
                   if post["channel"] == f"D{priya}"]
        assert "Acknowledge" in [element["text"]["text"] for block in alert["blocks"]
                                 if block["type"] == "actions"
                                 for element in block["elements"]]
        count = len(bot.fake.of("chat.postMessage"))
        await bot.slack.press(priya, _message(alert), f"D{priya}",
                              _button(alert, "Acknowledge"))
        [_payment, _send, update] = await bot.fake.wait_for("chat.update", 3)
        assert (update["channel"], update["ts"]) == (f"D{priya}", alert["ts"])
        found = PRESSED.match(update["blocks"][-1]["elements"][0]["text"])
        assert found is not None
        assert (found["label"], found["name"]) == ("Acknowledge", "Priya Shah")
        await _next_post(bot, count + 1)

    async def main() -> None:
        async with running(factory, database_url) as bot:
            await scenario(bot)
    began = time.monotonic()
    asyncio.run(main())
    assert time.monotonic() - began < 30
    with factory() as session:
        case = session.scalars(select(Case)).one()
    assert CaseStatus(case.status) == CaseStatus.ACKNOWLEDGED
