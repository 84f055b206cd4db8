"""Snoozing a reminder already queued in the outbox, as a dialog: it is withdrawn, not sent."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.messages import Delivery
from bot.models import (
    Channel,
    Deadline,
    OutboxMessage,
    OutboxStatus,
    Person,
    Reminder,
    ReminderStatus,
)
from bot.outbox import OutboxPolicy, OutboxSender, claim
from bot.templates import make_templates
from handlers.deadlines.store import ReminderPolicy
from handlers.deadlines.sweep import SNOOZE_DAY, SNOOZE_WEEK, sweep
from scheduler.rules import WorkingCalendar
from tests.cli import run_cli
from tests.factories import Clock, make_incoming
from tests.handlers.deadlines.conftest import BOSS, PRIYA, SAM
from tests.handlers.deadlines.support import MONDAY_2_NOVEMBER, at, say

TEMPLATES = make_templates()


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_2_NOVEMBER)


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, people: dict[str, int],
           clock: Clock) -> Router:
    """A router, Sam's placement P-7 with Priya and his invoice INV-1 on it, from 2 Nov 2026."""
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES, clock=clock)
    assert say(router, f"/placement new P-7 2026-11-02 {PRIYA}", SAM).startswith("Placement")
    assert say(router, "/invoice received INV-1 2026-11-02 100 P-7", SAM).startswith("Invoice")
    return router


def _sweep(factory: sessionmaker[Session], now: datetime) -> None:
    """Queue in the outbox the reminders due at ``now``."""
    sweep(factory, now=now, templates=TEMPLATES, calendar=WorkingCalendar(),
          policy=ReminderPolicy())


def _deliver(factory: sessionmaker[Session], now: datetime) -> list[tuple[str, str]]:
    """Run the console's outbox sender over what is queued: (to whom, the first line), in order."""
    delivered: list[tuple[str, str]] = []

    async def deliver(delivery: Delivery) -> None:
        delivered.append((delivery.address, delivery.text.splitlines()[0]))

    sender = OutboxSender(factory, Channel.CONSOLE, deliver, policy=OutboxPolicy(),
                          rate_per_second=1e6, clock=lambda: now)
    asyncio.run(sender.drain())
    return delivered


def _press(router: Router, sender: str, label: str, deadline_id: int) -> str:
    """What ``sender`` is told when they press ``label`` on a reminder of ``deadline_id``."""
    action = {"Snooze 1 day": SNOOZE_DAY, "Snooze 1 week": SNOOZE_WEEK}[label]
    return "\n".join(reply.text for reply in router.handle(make_incoming(
        sender=sender, action=action, action_value=str(deadline_id))))


def _outbox_list(database_url: str, folder: Path) -> list[str]:
    """``pledgebot outbox list``, its lines about messages, oldest first."""
    listed = run_cli("outbox", "list", cwd=folder, env={"PLEDGEBOT_DATABASE_URL": database_url})
    return sorted(line for line in listed.stdout.decode().splitlines() if line.startswith("#"))


def _payment_deadline(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.scalars(select(OutboxMessage.deadline_id).where(
            OutboxMessage.kind == "reminder.payment").limit(1)).one()
def _invoice_deadline(factory: sessionmaker[Session]) -> int:
    """The id of INV-1's payment deadline (what its reminders' buttons carry)."""
    with factory() as session:
        return session.scalars(select(Deadline.id).where(Deadline.rule == "payment")).one()


def test_a_snooze_withdraws_the_reminder_already_queued_for_its_person(
        factory: sessionmaker[Session], router: Router, clock: Clock, database_url: str,
        tmp_path: Path) -> None:
    # Session 28's brief: Sam pressed Snooze and the reminder waiting in the outbox still came.
    deadline_id = _invoice_deadline(factory)
    # Priya was told of the placement when Sam added it (session 31's trial).
    assert [to for to, _line in _deliver(factory, clock.now)] == [PRIYA]
    clock.now = at(date(2026, 12, 2), 9, 1)
    _sweep(factory, clock.now)
    assert sorted(to for to, _line in _deliver(factory, clock.now)) == [PRIYA, SAM]
    clock.now = at(date(2026, 12, 4), 9, 1)
    _sweep(factory, clock.now)  # the chase: queued for both, the channel not yet run
    clock.now = at(date(2026, 12, 4), 9, 5)
    assert _press(router, SAM, "Snooze 1 week", deadline_id) == (
        "I'll remind you about invoice INV-1 again on Fri 11 Dec 2026.")
    # Priya's chase goes; Sam's does not (his first reminder, delivered, stays as it was).
    assert [to for to, _line in _deliver(factory, clock.now)] == [PRIYA]
    lines = _outbox_list(database_url, tmp_path)
    assert [line.split(" ")[1] for line in lines] == ["sent"] * 4 + ["withdrawn"]
    assert lines[4].endswith(
        f"console:{SAM} reminder.payment attempts=0 | not sent: snoozed until 2026-12-11 "
        "(payment, invoice INV-1)")
    # Nothing for Sam until the day he chose; then his reminder comes.
    for day in (date(2026, 12, 7), date(2026, 12, 10)):
        clock.now = at(day, 9, 1)
        _sweep(factory, clock.now)
        assert SAM not in [to for to, _line in _deliver(factory, clock.now)]
    clock.now = at(date(2026, 12, 11), 9, 1)
    _sweep(factory, clock.now)
    assert [line for to, line in _deliver(factory, clock.now) if to == SAM] == [
        "Invoice payment: invoice INV-1, OVERDUE by 10 days: past the legal limit of 30 days, "
        "counting the day of receipt (was due Tue 1 Dec 2026). (Pledge commitment 29.)"]


def test_a_snooze_leaves_an_escalation_queued_for_the_same_person(
        factory: sessionmaker[Session], router: Router, clock: Clock) -> None:
    # Boss is told that Priya's invoice deadline is overdue; his snooze of the deadline puts
    # off his own reminders (none here), not what he is told to act on as her contact.
    deadline_id = _invoice_deadline(factory)
    for day in (date(2026, 12, 4), date(2026, 12, 8)):  # chased, then escalated
        clock.now = at(day, 9, 1)
        _sweep(factory, clock.now)
    clock.now = at(date(2026, 12, 8), 9, 5)
    assert _press(router, BOSS, "Snooze 1 day", deadline_id) == (
        "I'll remind you about invoice INV-1 again on Wed 9 Dec 2026.")
    delivered = _deliver(factory, clock.now)
    assert [line for to, line in delivered if to == BOSS] == [
        "Escalation: this invoice is still unpaid past the legal limit of 30 days, and you are "
        "the escalation contact."]


@pytest.mark.parametrize(("minutes", "status"), [
    (3, OutboxStatus.WITHDRAWN),  # the crashed sender's lease (2 minutes) ran out
    (1, OutboxStatus.SENDING),  # a live sender holds it: under way
])
def test_a_snooze_withdraws_a_reminder_a_crashed_sender_left_sending(
        factory: sessionmaker[Session], router: Router, clock: Clock, minutes: int,
        status: OutboxStatus) -> None:
    # Session 28's review: only queued and dead rows were withdrawn; a row left sending by a
    # crashed sender was claimed again after the snooze and delivered.
    deadline_id = _invoice_deadline(factory)
    clock.now = at(date(2026, 12, 2), 9, 1)
    _sweep(factory, clock.now)
    [held] = [delivery for delivery in claim(factory, Channel.CONSOLE, policy=OutboxPolicy(),
                                             now=clock.now, address=SAM)]
    clock.now += timedelta(minutes=minutes)
    assert _press(router, SAM, "Snooze 1 week", deadline_id).startswith("I'll remind you")
    with factory() as session:
        assert session.get_one(OutboxMessage, held.outbox_id).status == status
    if status == OutboxStatus.WITHDRAWN:
        assert SAM not in [to for to, _line in _deliver(factory, clock.now)]


@pytest.mark.parametrize(("lease_seconds", "seconds", "status"), [
    (600, 180, OutboxStatus.SENDING),  # held 3 minutes of a 10-minute lease: under way
    (60, 90, OutboxStatus.WITHDRAWN),  # held 90 s of a 1-minute lease: its sender stopped
])
def test_a_snooze_reads_a_sender_s_claim_by_the_configured_lease(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock, lease_seconds: int, seconds: int, status: OutboxStatus) -> None:
    # Session 29: the snooze judged a claim by the default 2-minute lease, whatever
    # PLEDGEBOT_OUTBOX_LEASE_SECONDS said, so a row a live sender held for 3 minutes of its 10
    # was withdrawn under it (and went anyway), and one a stopped sender left for 90 s of its
    # 1 minute was kept, to be claimed again and delivered after the snooze.
    router = build_router(factory, Settings(database_url=database_url,
                                            outbox_lease_seconds=lease_seconds),
                          TEMPLATES, clock=clock)
    assert say(router, f"/placement new P-7 2026-11-02 {PRIYA}", SAM).startswith("Placement")
    assert say(router, "/invoice received INV-1 2026-11-02 100 P-7", SAM).startswith("Invoice")
    deadline_id = _invoice_deadline(factory)
    clock.now = at(date(2026, 12, 2), 9, 1)
    _sweep(factory, clock.now)
    policy = OutboxPolicy(lease=timedelta(seconds=lease_seconds))
    [held] = claim(factory, Channel.CONSOLE, policy=policy, now=clock.now, address=SAM)
    clock.now += timedelta(seconds=seconds)
    assert _press(router, SAM, "Snooze 1 week", deadline_id).startswith("I'll remind you")
    with factory() as session:
        assert session.get_one(OutboxMessage, held.outbox_id).status == status


def test_a_second_snooze_replaces_the_first(
        factory: sessionmaker[Session], router: Router, clock: Clock) -> None:
    # Session 28's review: "Snooze 1 week" then "Snooze 1 day" sent the week's reminder too.
    deadline_id = _invoice_deadline(factory)
    clock.now = at(date(2026, 12, 2), 9, 1)
    _sweep(factory, clock.now)
    _deliver(factory, clock.now)
    clock.now = at(date(2026, 12, 2), 9, 5)
    assert _press(router, SAM, "Snooze 1 week", deadline_id).endswith("Wed 9 Dec 2026.")
    assert _press(router, SAM, "Snooze 1 day", deadline_id).endswith("Thu 3 Dec 2026.")
    with factory() as session:
        sam = session.scalars(select(Person.id).where(Person.email == SAM)).one()
        waiting = session.scalars(select(Reminder.stage).where(
            Reminder.person_id == sam, Reminder.status == ReminderStatus.PENDING,
            Reminder.stage.like("snooze:%"))).all()
    assert waiting == ["snooze:2026-12-03"]
    # And back to the week: the cancelled reminder of 9 Dec is kept again, as the reply says
    # (session 28's second review: its key existed, so none was kept).
    assert _press(router, SAM, "Snooze 1 week", deadline_id).endswith("Wed 9 Dec 2026.")
    with factory() as session:
        waiting = session.scalars(select(Reminder.stage).where(
            Reminder.person_id == sam, Reminder.status == ReminderStatus.PENDING,
            Reminder.stage.like("snooze:%"))).all()
    assert waiting == ["snooze:2026-12-09"]
