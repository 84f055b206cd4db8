"""An invoice disputed by the one who pays it, and settled (session 36's trial: neither side
could record a dispute, so a disputed invoice headed for a false OVERDUE and escalation)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.models import Deadline, DeadlineStatus, OutboxMessage, Person, Reminder, ReminderStatus
from bot.templates import make_templates
from handlers.deadlines.store import ReminderPolicy
from handlers.deadlines.sweep import sweep
from scheduler.rules import WorkingCalendar
from tests.factories import Clock
from tests.handlers.deadlines.conftest import KIM, PRIYA, SAM
from tests.handlers.deadlines.support import MONDAY_2_NOVEMBER, at, say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, people: dict[str, int]) -> Router:
    """Sam's placement P-7 with Priya and his invoice INV-2043 (£980, received Fri 20 Nov
    2026, legal limit Sat 19 Dec); the router on Wed 9 Dec 2026."""
    clock = Clock(MONDAY_2_NOVEMBER)
    routed = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    say(routed, f"/placement new P-7 2026-11-02 {PRIYA}", SAM)
    clock.now = at(date(2026, 12, 9), 10, 20)
    assert say(routed, "/invoice received INV-2043 20/11/2026 980 P-7", SAM).startswith(
        "Invoice INV-2043 for £980.00")
    return routed


def _told(factory: sessionmaker[Session], email: str) -> list[str]:
    """What ``email`` was sent about invoices, oldest first."""
    with factory() as session:
        return [payload["text"] for payload in session.scalars(
            select(OutboxMessage.payload).join(Person, Person.id == OutboxMessage.person_id)
            .where(Person.email == email, OutboxMessage.kind.like("invoice.%"))
            .order_by(OutboxMessage.id))]


def _payment_clocks(factory: sessionmaker[Session]) -> list[tuple[DeadlineStatus, str | None]]:
    with factory() as session:
        return [(status, outcome) for status, outcome in session.execute(
            select(Deadline.status, Deadline.outcome).where(Deadline.rule == "payment")
            .order_by(Deadline.id))]


def test_the_council_disputes_an_invoice_and_its_clock_pauses_until_it_is_settled(
        factory: sessionmaker[Session], router: Router) -> None:
    assert say(router, "/invoice disputed INV-2043 hours dont match rota", PRIYA) == (
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        "disputed: hours dont match rota. Its payment clock is paused, so no reminders or "
        "escalation while it is disputed; Riverside has been told.\n"
        "The law still expects a dispute to be raised without undue delay and the undisputed "
        "part paid by the legal limit, Sat 19 Dec 2026 (Procurement Act 2023 s68). Once it is "
        "settled: /invoice undisputed INV-2043 (or /invoice paid INV-2043).")
    assert _told(factory, SAM) == [
        "Northshire has disputed your invoice INV-2043 (£980.00, received Fri 20 Nov 2026): "
        "hours dont match rota. Its payment clock is paused while it is disputed. Ask them what "
        "will settle it (corrected details: /invoice received INV-2043 with them); if you "
        "disagree, /conflict raises it with the council."]
    assert _payment_clocks(factory) == [(DeadlineStatus.NOT_APPLICABLE,
                                         "disputed: hours dont match rota")]
    with factory() as session:  # no reminder, no escalation is left to send
        assert session.scalars(select(Reminder.id).join(
            Deadline, Deadline.id == Reminder.deadline_id).where(
            Deadline.rule == "payment", Reminder.status == ReminderStatus.PENDING)).all() == []
    # Both sides see it in their list as disputed, not heading for OVERDUE.
    for email, side in ((SAM, "to Northshire"), (PRIYA, "from Riverside")):
        assert say(router, "/invoice list", email).endswith(
            f"Disputed (payment clock paused):\nINV-2043 £980.00 {side}, received Fri 20 Nov "
            "2026: disputed on Wed 9 Dec 2026, hours dont match rota"), email
    # Settled: the clock runs again from the day it was received.
    assert say(router, "/invoice undisputed INV-2043", PRIYA) == (
        "Invoice INV-2043 is no longer disputed: its payment clock runs again, legal limit Sat "
        "19 Dec 2026. Riverside has been told.")
    assert _told(factory, SAM)[1] == (
        "Northshire has settled the dispute on your invoice INV-2043: its payment clock runs "
        "again, legal limit Sat 19 Dec 2026.")
    assert [status for status, _outcome in _payment_clocks(factory)] == [
        DeadlineStatus.NOT_APPLICABLE, DeadlineStatus.OPEN]


def test_only_the_payer_disputes_an_open_invoice(
        factory: sessionmaker[Session], router: Router) -> None:
    # The provider who sent it, another provider, or an invoice paid or not disputed: refused,
    # nothing changed.
    assert say(router, "/invoice disputed INV-2043", SAM) == (
        "Only the organisation that pays invoice INV-2043 can record it disputed. If the "
        "council disputes it, ask them to; if you disagree with them, /conflict raises it.")
    assert say(router, "/invoice disputed INV-2043", KIM).startswith("I don't know an invoice")
    assert say(router, "/invoice undisputed INV-2043", PRIYA) == (
        "Invoice INV-2043 is not recorded as disputed, so nothing changed.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    say(router, "/invoice paid INV-2043", PRIYA)
    assert say(router, "/invoice disputed INV-2043 wrong rate", PRIYA).startswith(
        "Invoice INV-2043 is already recorded, and was paid on Wed 9 Dec 2026")
    assert _told(factory, SAM) == []


def test_a_dispute_over_part_of_an_invoice_leaves_the_rest_on_its_clock(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 37's brief: a dispute over two visits paused the clock for the whole £980, while
    # the undisputed part is still a sum due within the legal limit.
    assert say(router, "/invoice disputed INV-2043 £120 two visits not delivered", PRIYA) == (
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026): £120.00 of it is "
        "recorded as disputed: two visits not delivered. The rest, £860.00, is still due: its "
        "payment clock keeps running, legal limit Sat 19 Dec 2026 (Procurement Act 2023 s68); "
        "Riverside has been told. Once it is settled: /invoice undisputed INV-2043 (or "
        "/invoice paid INV-2043).")
    assert _told(factory, SAM) == [
        "Northshire has disputed £120.00 of your invoice INV-2043 (£980.00, received Fri 20 "
        "Nov 2026): two visits not delivered. The rest, £860.00, is still due by the legal "
        "limit, Sat 19 Dec 2026. Ask them what will settle it; if you disagree, /conflict "
        "raises it with the council."]
    # The clock runs on, and says what is disputed.
    assert _payment_clocks(factory) == [
        (DeadlineStatus.OPEN, "part disputed £120.00: two visits not delivered")]
    with factory() as session:
        assert session.scalars(select(Reminder.id).join(
            Deadline, Deadline.id == Reminder.deadline_id).where(
            Deadline.rule == "payment", Reminder.status == ReminderStatus.PENDING)).all() != []
    for email, side in ((SAM, "to Northshire"), (PRIYA, "from Riverside")):
        shown = say(router, "/invoice list", email)
        assert (f"INV-2043 £980.00 {side}, received Fri 20 Nov 2026: past the pledge aim, "
                "legal limit Sat 19 Dec 2026; £120.00 disputed (two visits not delivered), the "
                "rest, £860.00, still due by the legal limit\n") in shown, email
        assert "Disputed (payment clock paused)" not in shown
        assert "£120.00 of it disputed, the rest still due by the legal limit" in say(
            router, "/reminders", email), email
    # The reminders of its clock say so too.
    sweep(factory, now=at(date(2026, 12, 18), 9, 1), templates=make_templates(),
          calendar=WorkingCalendar(), policy=ReminderPolicy())
    with factory() as session:
        reminded = session.scalars(select(OutboxMessage.payload["text"].as_string()).where(
            OutboxMessage.kind == "reminder.payment")).all()
    assert reminded, "no reminder was sent"
    assert all("£120.00 of it disputed, the rest still due by the legal limit. (Pledge "
               "commitment 29.)" in text for text in reminded), reminded
    assert say(router, "/invoice disputed INV-2043 £1000 all of it", PRIYA) == (
        "£1,000.00 is more than invoice INV-2043's £980.00. To dispute all of it: "
        "/invoice disputed INV-2043 REASON.")
    # Settled: the note goes, the clock runs as it was.
    assert say(router, "/invoice undisputed INV-2043", PRIYA) == (
        "Invoice INV-2043 is no longer disputed in part: all £980.00 is due by the legal "
        "limit, Sat 19 Dec 2026. Riverside has been told.")
    assert _told(factory, SAM)[1] == (
        "Northshire has settled the dispute over part of your invoice INV-2043: all £980.00 "
        "is due by the legal limit, Sat 19 Dec 2026.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert "disputed" not in say(router, "/invoice list", SAM)
    # A part dispute's reason keeps no identifier, as a whole dispute's (session 37's review:
    # a phone number and an NHS number were kept and passed on).
    assert "call her on [phone number removed]" in say(
        router, "/invoice disputed INV-2043 £120 visits missed, call her on 07700 900123", PRIYA)
    assert _payment_clocks(factory) == [
        (DeadlineStatus.OPEN, "part disputed £120.00: visits missed, call her on "
                              "[phone number removed]")]
