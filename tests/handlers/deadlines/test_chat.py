"""Deadlines in chat, as dialogs through the router: payment clocks, no guessed placement,
whose /reminders, and following tenders."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.db import transaction
from bot.dispatch import Router
from bot.messages import Delivery
from bot.models import (
    AuditEvent,
    Case,
    CaseKind,
    Channel,
    Deadline,
    DeadlineStatus,
    FormSession,
    Invoice,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    OutboxStatus,
    Person,
    Placement,
    Question,
    Reminder,
    ReminderStatus,
    Role,
    TenderFollower,
)
from bot.outbox import OutboxPolicy, OutboxSender
from bot.templates import make_templates
from handlers.deadlines.store import ReminderPolicy, cancel_pending
from handlers.deadlines.sweep import NOT_APPLICABLE, SNOOZE_DAY, close_ended, sweep
from handlers.digests.scorecard import scorecards
from handlers.formats import parse_day
from scheduler.rules import WorkingCalendar
from tests.factories import Clock, count_rows, make_incoming, make_organisation, make_person
from tests.handlers.deadlines.conftest import BOSS, KIM, PRIYA, SAM
from tests.handlers.deadlines.support import LONDON, MONDAY_2_NOVEMBER, at, import_tenders
from tests.handlers.deadlines.support import say as _say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

CALENDAR = WorkingCalendar()
TEMPLATES = make_templates()
TENDERS_CSV = (
    "reference,title,commissioner_email,published_on,clarification_on,submission_on,"
    "standstill_end_on,bidder_email,outcome,decided_on\n"
    f"T-9,Home care,{PRIYA},2026-11-20,2026-12-04,2026-12-18,2027-01-15,{SAM},pending,\n")


def _router(factory: sessionmaker[Session], url: str, clock: Clock, **settings: object) -> Router:
    return build_router(factory, Settings(database_url=url, **settings),  # type: ignore[arg-type]
                        TEMPLATES, clock=clock)


def _counts(factory: sessionmaker[Session]) -> Counter[str]:
    return Counter({model.__tablename__: count_rows(factory, model) for model in (
        Placement, Invoice, Deadline, Reminder, OutboxMessage, TenderFollower)})


def _line(listing: str, words: str) -> str:
    """The one line of a listing that holds ``words``."""
    lines = [line for line in listing.splitlines() if words in line]
    assert len(lines) == 1, listing
    return lines[0]


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_2_NOVEMBER)


@pytest.fixture
def placed(factory: sessionmaker[Session], database_url: str, people: dict[str, int],
           clock: Clock) -> Router:
    """A router, and Sam's placement P-7 with Priya, started on Mon 2 Nov 2026."""
    router = _router(factory, database_url, clock)
    assert _say(router, f"/placement new P-7 2026-11-02 {PRIYA}", SAM).startswith(
        "Placement P-7 added")
    return router


# --- 1. payment clocks that agree with the answers -------------------------------------------


def test_an_invoice_shows_the_pledge_aim_and_the_legal_limit(
        factory: sessionmaker[Session], placed: Router) -> None:
    assert _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM) == (
        "Invoice INV-1 for £100.00 to Northshire (placement P-7) recorded as received on "
        "Mon 2 Nov 2026. The pledge aims for payment by Thu 12 Nov 2026 (10 days, pledge 29); "
        "the legal limit is Tue 1 Dec 2026 (30 days, counting the day a valid invoice was "
        "received).")
    with factory() as session:
        deadline = session.scalars(select(Deadline).where(Deadline.rule == "payment")).one()
    # "30 days beginning with the day on which an invoice is received" (PA23 s68(2)): 2 Nov is
    # the first of them, 1 Dec the last (session 22's review: it said 2 Dec, a day late).
    assert (deadline.start_on, deadline.due_on) == (date(2026, 11, 2), date(2026, 12, 1))


def test_an_invoice_recorded_late_says_its_clocks_have_run_out(
        placed: Router, clock: Clock) -> None:
    # Session 30's trial: an invoice recorded 66 days after it was received was answered
    # "The pledge aims for payment by ..." with both dates long past.
    clock.now = at(date(2026, 12, 6), 10)
    assert _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM) == (
        "Invoice INV-1 for £100.00 to Northshire (placement P-7) recorded as received on "
        "Mon 2 Nov 2026. It is already 5 days past the legal limit, Tue 1 Dec 2026 (30 days, "
        "counting the day a valid invoice was received), and past the pledge's aim, Thu 12 "
        "Nov 2026 (10 days, pledge 29).")
    assert _say(placed, "/invoice received INV-2 2026-11-20 100 P-7", SAM) == (
        "Invoice INV-2 for £100.00 to Northshire (placement P-7) recorded as received on "
        "Fri 20 Nov 2026. It is already 6 days past the pledge's aim, Mon 30 Nov 2026 (10 "
        "days, pledge 29); the legal limit is Sat 19 Dec 2026 (30 days, counting the day a "
        "valid invoice was received).")


def test_the_legal_limit_is_thirty_calendar_days_even_on_a_weekend(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    clock.now = at(date(2026, 11, 9), 10)
    # Received Sat 7 Nov: the aim, Tue 17 Nov, is a working day; the limit, Sun 6 Dec, is kept
    # as it falls (the law counts calendar days and moves nothing).
    assert _say(placed, "/invoice received INV-2 2026-11-07 100 P-7", SAM).endswith(
        "The pledge aims for payment by Tue 17 Nov 2026 (10 days, pledge 29); the legal limit is "
        "Sun 6 Dec 2026 (30 days, counting the day a valid invoice was received).")


@pytest.mark.parametrize(("day", "line", "overdue"), [
    (date(2026, 11, 5), "invoice INV-1, pledge aim Thu 12 Nov 2026 (10 days), legal limit "
                        "Tue 1 Dec 2026 (30 days)", 0),
    (date(2026, 11, 20), "invoice INV-1, past the pledge aim (10 days); legal limit "
                         "Tue 1 Dec 2026 (30 days)", 0),
    (date(2026, 12, 1), "invoice INV-1, past the pledge aim (10 days); legal limit today "
                        "(30 days)", 0),
    (date(2026, 12, 4), "invoice INV-1, OVERDUE by 3 days (past the legal limit of 30 days)", 1),
])
def test_reminders_say_overdue_only_past_the_legal_limit(
        placed: Router, clock: Clock, day: date, line: str, overdue: int) -> None:
    _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    clock.now = at(day, 10)
    for who in (SAM, PRIYA):
        listing = _say(placed, "/reminders", who)
        # The council sees whose invoice it is (session 26's trial).
        seen = line if who == SAM else line.replace("INV-1,", "INV-1 from Riverside,")
        assert _line(listing, "Invoice payment").endswith(seen), listing
        assert listing.startswith(f"Your open deadlines (2, {overdue} overdue):")


@pytest.mark.parametrize(("paid", "words"), [
    ("2026-11-12", "recorded as paid on Thu 12 Nov 2026, 10 days after it was received: within "
                   "the pledge's 10-day aim."),
    ("2026-11-20", "recorded as paid on Fri 20 Nov 2026, 18 days after it was received: within "
                   "the "
                   "legal limit (Tue 1 Dec 2026), past the pledge's 10-day aim."),
    ("2026-12-01", "recorded as paid on Tue 1 Dec 2026, 29 days after it was received: within the "
                   "legal limit (Tue 1 Dec 2026), past the pledge's 10-day aim."),
    ("2026-12-02", "recorded as paid on Wed 2 Dec 2026, 30 days after it was received: past the "
                   "legal limit (Tue 1 Dec 2026, the 30th day counting the day it was received)."),
])
def test_paying_says_which_clock_was_met(placed: Router, clock: Clock, paid: str,
                                         words: str) -> None:
    _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    clock.now = at(date(2026, 12, 10), 10)
    assert _say(placed, f"/invoice paid INV-1 {paid}", PRIYA) == f"Invoice INV-1 {words}"


def _deliver_queued(factory: sessionmaker[Session], now: datetime) -> list[str]:
    """Run the console channel's outbox sender (down until now) over what is queued: the texts
    it delivered, in order."""
    delivered: list[str] = []

    async def deliver(delivery: Delivery) -> None:
        delivered.append(delivery.text)

    sender = OutboxSender(factory, Channel.CONSOLE, deliver, policy=OutboxPolicy(),
                          rate_per_second=1e6, clock=lambda: now)
    asyncio.run(sender.drain())
    return delivered


def test_a_reminder_queued_before_the_invoice_was_paid_is_withdrawn_not_sent(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    # The brief of session 27: a reminder waiting in the outbox (the channel down, or the
    # sender not yet run) went out after the invoice was paid, saying it was OVERDUE.
    _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    clock.now = at(date(2026, 11, 5), 10)
    assert _say(placed, "/invoice received INV-2 2026-11-05 100 P-7", SAM).startswith(
        "Invoice INV-2 for £100.00")
    clock.now = at(date(2026, 12, 4), 9, 1)
    sweep(factory, now=clock.now, templates=TEMPLATES, calendar=CALENDAR,
          policy=ReminderPolicy())
    with factory() as session:
        queued = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.kind == "reminder.payment")).all()
    # Priya's name whose invoice it is (session 34); Sam's are its own.
    assert sorted(payload["text"].split(",")[0] for payload in queued) == [
        "Invoice payment: invoice INV-1", "Invoice payment: invoice INV-1 from Riverside",
        "Invoice payment: invoice INV-2", "Invoice payment: invoice INV-2 from Riverside"]
    clock.now = at(date(2026, 12, 4), 9, 30)
    assert _say(placed, "/invoice paid INV-1 today", PRIYA).startswith(
        "Invoice INV-1 recorded as paid")
    delivered = _deliver_queued(factory, clock.now)
    # INV-2 is still unpaid: its reminders go, to Sam and to Priya; INV-1's never do.
    assert sorted(text.split(",")[0] for text in delivered if "Invoice payment" in text) == [
        "Invoice payment: invoice INV-2", "Invoice payment: invoice INV-2 from Riverside"]
    with factory() as session:
        rows = session.execute(select(OutboxMessage.status, OutboxMessage.last_error)
                               .where(OutboxMessage.kind == "reminder.payment")
                               .order_by(OutboxMessage.id)).all()
    withdrawn = [(status, error) for status, error in rows if status != OutboxStatus.SENT]
    assert withdrawn == [(OutboxStatus.WITHDRAWN,
                          "not sent: its deadline (payment, invoice INV-1) was closed as done "
                          "before it could be sent")] * 2
    # Nothing sent twice: a second pass delivers nothing more.
    assert _deliver_queued(factory, clock.now) == []


def test_the_council_says_whose_invoice_when_two_providers_use_one_number(
        placed: Router, clock: Clock, factory: sessionmaker[Session]) -> None:
    # Session 26's trial: Sam's and Alex's INV-2001; Priya was sent "to the provider's side".
    clock.now = at(date(2026, 11, 20), 10)
    assert _say(placed, f"/placement new P-8 2026-11-02 {PRIYA}", KIM).startswith("Placement")
    assert _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM).startswith("Invoice")
    assert _say(placed, "/invoice received INV-1 2026-11-03 200 P-8", KIM).startswith("Invoice")
    before = _counts(factory)
    assert _say(placed, "/invoice paid INV-1", PRIYA) == (
        "Hillview and Riverside each sent an invoice 'INV-1'. Say whose it is after the number "
        "(and the day, if you give one): /invoice paid INV-1 [DATE] Hillview.")
    assert _counts(factory) == before
    assert _say(placed, "/invoice paid INV-1 19/11/2026 river", PRIYA).startswith(
        "Invoice INV-1 recorded as paid on Thu 19 Nov 2026")
    # One of the two paid, the other is still not guessed (it may be the paid one again), but
    # the reply says which is paid and names the other in its example (session 34's trial).
    assert _say(placed, "/invoice paid INV-1", PRIYA) == (
        "Hillview and Riverside each sent an invoice 'INV-1'; Riverside's was recorded paid on "
        "Thu 19 Nov 2026. Say whose it is after the number (and the day, if you give one): "
        "/invoice paid INV-1 [DATE] Hillview.")
    assert _say(placed, "/invoice paid INV-1 hillview", PRIYA).startswith(
        "Invoice INV-1 recorded as paid on Fri 20 Nov 2026")
    with factory() as session:
        paid = dict(session.execute(select(Invoice.amount_pence, Invoice.paid_on)).all())
    assert paid == {10_000: date(2026, 11, 19), 20_000: date(2026, 11, 20)}
    assert _say(placed, "/invoice paid INV-1 Oakview", PRIYA) == (
        "I don't know an invoice 'INV-1' from 'Oakview'.")
    # A provider names no one: its own invoice is its own.
    assert _say(placed, "/invoice paid INV-1 Hillview", SAM).startswith("Usage: /invoice")


def test_a_payment_dated_tomorrow_is_refused_as_not_yet_made(
        factory: sessionmaker[Session], placed: Router) -> None:
    # Session 30's trial: "/invoice paid inv-2002 tomorrow" read "tomorrow" as whose invoice.
    _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    before = _counts(factory)
    for text, sender in (("/invoice paid inv-1 tomorrow", PRIYA),
                         ("/invoice paid INV-1 tomorrow", SAM),
                         ("/invoice paid INV-1 3/11/2026", PRIYA)):
        assert _say(placed, text, sender) == (
            "A payment is recorded once it is made: give today's date or an earlier one.")
    assert _counts(factory) == before
    with factory() as session:
        assert session.scalars(select(Invoice.paid_on)).one() is None


def test_an_invoice_closed_with_done_can_be_given_the_day_it_was_paid(
        placed: Router, clock: Clock, factory: sessionmaker[Session]) -> None:
    # Session 25's trial: "/done 3" recorded the invoice paid today, and "/invoice paid INV-1
    # 04/12/2026" then said only "already recorded as paid": the scorecard kept the wrong day.
    _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    with factory() as session:
        payment = session.scalars(select(Deadline).where(Deadline.rule == "payment")).one()
    clock.now = at(date(2026, 12, 10), 10)
    assert _say(placed, f"/done {payment.id}", PRIYA) == (
        "Invoice INV-1 recorded as paid on Thu 10 Dec 2026, 38 days after it was received: past "
        "the legal limit (Tue 1 Dec 2026, the 30th day counting the day it was received). Paid "
        "on another day? /invoice paid INV-1 DD/MM/YYYY records it.")
    assert _say(placed, "/invoice paid INV-1 12/11/2026", PRIYA) == (
        "Corrected: invoice INV-1 (recorded as paid on Thu 10 Dec 2026) paid on Thu 12 Nov "
        "2026, 10 days after it was received: within the pledge's 10-day aim.")
    with factory() as session:
        closed = session.get_one(Deadline, payment.id)
        invoice = session.scalars(select(Invoice)).one()
    assert (invoice.paid_on, closed.done_on, closed.status.value) == (
        date(2026, 11, 12), date(2026, 11, 12), "done")
    assert _say(placed, "/invoice paid INV-1 12/11/2026", PRIYA) == (
        "Invoice INV-1 was already recorded as paid on Thu 12 Nov 2026.")
    assert _say(placed, "/invoice paid INV-1 01/11/2026", PRIYA).startswith(
        "The payment date Sun 1 Nov 2026 is before the invoice was received")


def _sent(factory: sessionmaker[Session]) -> list[tuple[str, str, str]]:
    """(local date, recipient, stage) of every reminder queued, in order."""
    with factory() as session:
        rows = session.execute(
            select(OutboxMessage.created_at, Person.email, OutboxMessage.idempotency_key)
            .join(Person, Person.id == OutboxMessage.person_id)
            .where(OutboxMessage.kind.like("reminder.%")).order_by(OutboxMessage.id)).all()
    return [(created.astimezone(LONDON).date().isoformat(), email, key.split(":", 3)[-1]
             if ":p" in key else "escalation") for created, email, key in rows]


def _texts(factory: sessionmaker[Session], email: str) -> list[str]:
    with factory() as session:
        payloads = session.scalars(
            select(OutboxMessage.payload).join(Person, Person.id == OutboxMessage.person_id)
            .where(Person.email == email, OutboxMessage.kind.like("reminder.%"))
            .order_by(OutboxMessage.id)).all()
    return [str(payload["text"]) for payload in payloads]


def _sweep_days(factory: sessionmaker[Session], first: date, last: date,
                policy: ReminderPolicy) -> None:
    day = first
    while day <= last:
        sweep(factory, now=at(day, 9, 1), templates=TEMPLATES, calendar=CALENDAR, policy=policy)
        day += timedelta(days=1)


def _payment_run(factory: sessionmaker[Session], database_url: str, clock: Clock,
                 policy: ReminderPolicy) -> list[tuple[str, str, str]]:
    router = _router(factory, database_url, clock,
                     invoice_escalate_at=policy.invoice_escalate_at)
    _say(router, f"/placement new P-7 2026-11-02 {PRIYA}", SAM)
    _say(router, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    _sweep_days(factory, date(2026, 11, 2), date(2026, 12, 11), policy)
    return [entry for entry in _sent(factory) if entry[0] < "2027-01-01"]


def test_an_unpaid_invoice_is_chased_and_escalated_only_past_the_legal_limit(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    sent = _payment_run(factory, database_url, clock, ReminderPolicy())
    both = (PRIYA, SAM)
    expected = [
        # Before the aim (Thu 12 Nov): 7, 1 and 0 days before (14 days before is before receipt).
        *[(d, who, f"on:{d}") for d in ("2026-11-05", "2026-11-11", "2026-11-12") for who in both],
        # Before the legal limit (Tue 1 Dec, the 30th day counting 2 Nov): 14, 7, 1 and 0 days
        # before; no chase in between.
        *[(d, who, f"on:{d}") for d in ("2026-11-17", "2026-11-24", "2026-11-30", "2026-12-01")
          for who in both],
        # Past the limit: chased every 2 working days, escalated after 5, once.
        *[(d, who, f"chase:{d}") for d in ("2026-12-03", "2026-12-07", "2026-12-09",
                                             "2026-12-11")
          for who in both],
        ("2026-12-08", BOSS, "escalation"),
    ]
    assert sorted(sent) == sorted(expected)
    texts = _texts(factory, SAM)
    assert texts[0].startswith(
        "Invoice payment: invoice INV-1. The pledge aims for payment by Thu 12 Nov 2026 (in 7 "
        "days); the legal limit (30 days, counting the day of receipt) is Tue 1 Dec 2026. "
        "(Pledge commitment 29.)")
    assert texts[3].startswith(
        "Invoice payment: invoice INV-1, past the pledge's 10-day aim (Thu 12 Nov 2026). The "
        "legal limit (30 days, counting the day of receipt) is Tue 1 Dec 2026 (in 14 days).")
    assert texts[7].startswith(
        "Invoice payment: invoice INV-1, OVERDUE by 2 days: past the legal limit of 30 days, "
        "counting the day of receipt (was due Tue 1 Dec 2026).")
    assert _texts(factory, BOSS) == [
        "Escalation: this invoice is still unpaid past the legal limit of 30 days, and you are "
        "the escalation contact.\nInvoice payment: invoice INV-1 from Riverside, OVERDUE by 7 "
        "days: past the "
        "legal limit of 30 days, counting the day of receipt (was due Tue 1 Dec 2026). (Pledge "
        "commitment 29.)"
        "\n\nPlease make sure someone acts on it today."]


def test_an_invoice_can_be_escalated_from_the_pledge_aim_when_configured(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    sent = _payment_run(factory, database_url, clock, ReminderPolicy(invoice_escalate_at="aim"))
    chases = sorted({d for d, who, stage in sent if stage.startswith("chase:")})
    # Chased from the aim (Thu 12 Nov): Mon 16, Wed 18 ... and escalated on Thu 19 Nov.
    assert chases[:2] == ["2026-11-16", "2026-11-18"]
    assert [entry for entry in sent if entry[1] == BOSS] == [
        ("2026-11-19", BOSS, "escalation")]
    assert _texts(factory, BOSS)[0].startswith(
        "Escalation: this invoice is still unpaid past the pledge's 10-day aim")


def test_a_bad_escalation_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="invoice_escalate_at"):
        Settings(invoice_escalate_at="never")  # type: ignore[arg-type]


# --- 2. no guessed placement -------------------------------------------------------------------


def test_an_invoice_without_a_placement_is_asked_for_not_guessed(
        factory: sessionmaker[Session], placed: Router) -> None:
    before = _counts(factory)
    assert _say(placed, "/invoice received INV-2 2026-11-02 100", SAM) == (
        "Invoice received\nWhich placement is this invoice for?\nIts reference, such as "
        "RC-0052, or \"none\" if it is for no single placement.\n"
        "Type your answer; /cancel stops without sending anything.")
    assert _counts(factory) == before


def test_the_placement_asked_for_an_invoice_is_taken_from_the_next_reply(
        factory: sessionmaker[Session], placed: Router) -> None:
    # Session 30's trial: the reference typed after the question went to the knowledge base
    # ("I don't know the answer to that").
    _say(placed, "/invoice received INV-2 2026-11-02 100", SAM)
    assert _say(placed, "P-99", SAM).startswith("I don't know a placement 'P-99'.")
    # Two references are never guessed between; one in any case, with words around it, is
    # taken (session 30's review: "rc-101 please" was refused).
    asked_again = ("Invoice received\nWhich placement is this invoice for?\nIts reference, such "
                   "as RC-0052, or \"none\" if it is for no single placement.\nType your answer; "
                   "/cancel stops without sending anything.")
    # Session 31's review: the form's own words, not the command line's ("Add its reference at
    # the end: /invoice received NUMBER DATE ...").
    assert _say(placed, "p-7 or P-99", SAM) == (
        f"Please give one reference: P-7 or P-99?\n\n{asked_again}")
    assert _say(placed, "p-7 for the lounge", SAM) == (
        "Please give the placement's reference, such as RC-0052, or \"none\" if the invoice is "
        f"for no single placement.\n\n{asked_again}")
    assert _say(placed, "it's p-7 please.", SAM).startswith(
        "Invoice INV-2 for £100.00 to Northshire (placement P-7) recorded as received on "
        "Mon 2 Nov 2026.")
    with factory() as session:
        invoice = session.scalars(select(Invoice)).one()
        placement = session.scalars(select(Placement)).one()
        assert session.scalar(select(FormSession.id)) is None
    assert (invoice.number, invoice.amount_pence, invoice.placement_id) == (
        "INV-2", 10000, placement.id)


def test_none_thanks_at_the_placement_question_records_the_invoice_unlinked(
        factory: sessionmaker[Session], placed: Router) -> None:
    # Session 31's review: "none thanks" got "Add its reference at the end: /invoice received".
    _say(placed, "/invoice received INV-2 2026-11-02 100", SAM)
    assert _say(placed, "none thanks", SAM).startswith(
        "Invoice INV-2 for £100.00 to Northshire (no placement) recorded as received on "
        "Mon 2 Nov 2026.")
    with factory() as session:
        assert session.scalars(select(Invoice.placement_id)).one() is None


def test_none_records_the_invoice_unlinked(factory: sessionmaker[Session], placed: Router,
                                           people: dict[str, int]) -> None:
    assert _say(placed, "/invoice received INV-2 2026-11-02 100 none", SAM).startswith(
        "Invoice INV-2 for £100.00 to Northshire (no placement) recorded as received on "
        "Mon 2 Nov 2026.")
    with factory() as session:
        invoice = session.scalars(select(Invoice)).one()
        deadline = session.scalars(select(Deadline).where(Deadline.rule == "payment")).one()
    assert (invoice.placement_id, invoice.payer_id) == (None, deadline.council_id)
    # As the invoices import does: the council's first active commissioner is reminded.
    assert (deadline.invoice_id, deadline.commissioner_id, deadline.provider_contact_id) == (
        invoice.id, people["boss"], people["sam"])


def test_an_invoice_number_is_found_in_any_case(
        factory: sessionmaker[Session], placed: Router) -> None:
    # Session 21's review: "/invoice paid inv-1003" was "I don't know an invoice".
    _say(placed, "/invoice received INV-1003 2026-11-02 100 P-7", SAM)
    assert _say(placed, "/invoice received inv-1003 2026-11-02 100 P-7", SAM) == (
        "Invoice INV-1003 is already recorded as received Mon 2 Nov 2026, £100.00, placement "
        "P-7: nothing changed.")
    # Without its placement, refused before the placement is asked (session 30's review).
    assert _say(placed, "/invoice received INV-1003 2026-11-02 100", SAM).startswith(
        "Invoice INV-1003 is already recorded: received Mon 2 Nov 2026, £100.00, placement P-7. "
        "To correct it")
    assert count_rows(factory, FormSession) == 0
    with factory() as session:
        assert len(session.scalars(select(Invoice)).all()) == 1  # the same invoice: refused
    assert _say(placed, "/invoice paid inv-1003", PRIYA).startswith("Invoice INV-1003")
    with factory() as session:
        assert session.scalars(select(Invoice.paid_on)).one() is not None


@pytest.mark.parametrize(("written", "day"), [
    ("02.11.2026", date(2026, 11, 2)), ("2-11-26", date(2026, 11, 2)),
    ("2026/11/02", date(2026, 11, 2)), ("2/11", date(2026, 11, 2)),
    ("31/1", date(2026, 1, 31)),  # no year: this year's (last year's only when well ahead)
])
def test_dates_are_read_as_people_write_them(
        factory: sessionmaker[Session], placed: Router, written: str, day: date) -> None:
    # Session 21's review: "20.11.2026", "20-11-26", "2026/11/20" and "3/12" were refused.
    reply = _say(placed, f"/invoice received INV-9 {written} 100 none", SAM)
    assert f"recorded as received on {day:%a} {day.day} {day:%b %Y}" in reply
    with factory() as session:
        assert session.scalars(select(Invoice.received_on)).one() == day


@pytest.mark.parametrize(("written", "today", "day"), [
    ("2/1", date(2026, 12, 5), date(2027, 1, 2)),  # early January, typed in December
    ("3/12", date(2026, 12, 5), date(2026, 12, 3)),
    ("18/02", date(2026, 12, 5), date(2026, 2, 18)),  # more than 60 days ahead: the last one
])
def test_a_date_without_a_year_is_the_latest_not_far_ahead(written: str, today: date,
                                                            day: date) -> None:
    # The session's own code review: "2/1" on 5 December was read as a January gone.
    assert parse_day(written, today) == day


def test_an_invoice_number_as_typed_wins_over_one_in_another_case(
        factory: sessionmaker[Session], placed: Router) -> None:
    # The session's own code review: INV-1 and inv-1 (kept apart before) made "/invoice paid
    # INV-1" ambiguous once numbers were looked up in any case.
    _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    with transaction(factory) as session:
        first = session.scalars(select(Invoice)).one()
        session.add(Invoice(number="inv-1", issuer_id=first.issuer_id, payer_id=first.payer_id,
                            placement_id=first.placement_id, amount_pence=5000,
                            received_on=first.received_on))
    assert _say(placed, "/invoice paid INV-1", PRIYA).startswith("Invoice INV-1 recorded as paid")
    with factory() as session:
        paid = {i.number: i.paid_on is not None for i in session.scalars(select(Invoice))}
    assert paid == {"INV-1": True, "inv-1": False}


def test_an_unlinked_invoice_from_a_provider_with_no_placement_goes_to_the_only_council(
        factory: sessionmaker[Session], placed: Router) -> None:
    # Session 24's trial: with one council in the directory, a provider with no placement or
    # contract yet was told "I can't tell which council this invoice is to".
    reply = _say(placed, "/invoice received INV-2 2026-11-02 100 none", KIM)
    assert reply.startswith("Invoice INV-2 for £100.00 to Northshire (no placement) recorded")
    with factory() as session:
        invoice = session.scalars(select(Invoice)).one()
        payer = session.get_one(Organisation, invoice.payer_id)
    assert (invoice.number, invoice.placement_id, payer.name) == ("INV-2", None, "Northshire")


def test_an_unlinked_invoice_is_refused_when_the_council_is_not_clear(
        factory: sessionmaker[Session], placed: Router) -> None:
    other = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL)
    make_person(factory, email="sue@southshire.example", role=Role.COMMISSIONER,
                organisation_id=other)
    _say(placed, "/placement new P-8 2026-11-02 sue@southshire.example", SAM)
    refusal = ("I can't tell which council this invoice is to: give the placement it is for "
               "(/placement list shows yours), or ask the council to import it.")
    before = _counts(factory)
    # Riverside works with two councils; Hillview with none yet.
    assert _say(placed, "/invoice received INV-2 2026-11-02 100 none", SAM) == refusal
    assert _say(placed, "/invoice received INV-2 2026-11-02 100 none", KIM) == refusal
    assert _counts(factory) == before


def test_an_unlinked_invoice_is_refused_while_the_provider_s_other_council_work_has_ended(
        factory: sessionmaker[Session], placed: Router, people: dict[str, int]) -> None:
    # Session 29: ended work no longer makes a provider a council's for a case or a question;
    # for an invoice it still counts, as an invoice may come after the work it is for has
    # ended (Southshire's, for its placement that ended in June), so it is not guessed.
    other = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL)
    sue = make_person(factory, email="sue@southshire.example", role=Role.COMMISSIONER,
                      organisation_id=other)
    with transaction(factory) as session:
        riverside = session.get_one(Person, people["sam"]).organisation_id
        session.add(Placement(reference="S-1", council_id=other, provider_id=riverside,
                              commissioner_id=sue, provider_contact_id=people["sam"],
                              started_on=date(2026, 1, 5), ended_on=date(2026, 6, 30)))
    assert _say(placed, "/invoice received INV-2 2026-11-02 100 none", SAM).startswith(
        "I can't tell which council this invoice is to")


# --- 3. whose /reminders -----------------------------------------------------------------------


def test_a_commissioners_reminders_are_their_own_and_the_councils_are_one_word_away(
        factory: sessionmaker[Session], placed: Router) -> None:
    _say(placed, f"/placement new P-8 2026-11-02 {BOSS}", SAM)
    own = _say(placed, "/reminders", PRIYA)
    assert own.startswith("Your open deadlines (1, 0 overdue):")
    assert "P-7 initial review" in own
    assert "P-8" not in own
    assert own.endswith("All of the council's: /reminders council.")
    council = _say(placed, "/reminders council", PRIYA)
    assert council.startswith("Open deadlines at Northshire (2, 0 overdue):")
    assert _line(council, "P-7").endswith(" — Priya Shah")
    assert _line(council, "P-8").endswith(" — Bo Ss")


def test_a_commissioner_with_nothing_of_their_own_is_pointed_to_the_council(
        factory: sessionmaker[Session], placed: Router, people: dict[str, int]) -> None:
    make_person(factory, email="new@northshire.example", role=Role.COMMISSIONER,
                organisation_id=_organisation_of(factory, people["priya"]))
    assert _say(placed, "/reminders", "new@northshire.example") == (
        "Nothing is due for you. I'll remind you before anything falls due. Type /reminders "
        "council for all of the council's open deadlines.")


def _organisation_of(factory: sessionmaker[Session], person_id: int) -> int:
    with factory() as session:
        return session.get_one(Person, person_id).organisation_id


@pytest.mark.parametrize(("text", "sender", "reply"), [
    ("/reminders council", SAM, "/reminders council is for council staff. Type /reminders for "
                                "your organisation's open deadlines."),
    ("/reminders everything", PRIYA, "I didn't understand \"everything\" after /reminders. "
                                     "Usage: /reminders for your own open deadlines, or "
                                     "/reminders council for all of the council's (council "
                                     "staff)."),
])
def test_reminders_refuses_what_it_cannot_show(placed: Router, text: str, sender: str,
                                               reply: str) -> None:
    assert _say(placed, text, sender) == reply


@pytest.mark.parametrize(("text", "reply"), [
    ("/done", "Usage: /done NUMBER [outcome]. The number is the one in the reminder; /reminders "
              "lists your open deadlines with theirs."),
    ("/done   ", "Usage: /done NUMBER [outcome]. The number is the one in the reminder; "
                 "/reminders lists your open deadlines with theirs."),
    ("/not-applicable", "Usage: /not-applicable NUMBER REASON. The number is the one in the "
                        "reminder; /reminders lists your open deadlines with theirs."),
])
def test_a_closing_command_without_its_number_says_how_it_is_written(
        factory: sessionmaker[Session], placed: Router, text: str, reply: str) -> None:
    # It said "I don't know that deadline", as if a number had been given and was wrong.
    before = _counts(factory)
    for sender in (SAM, PRIYA):
        assert _say(placed, text, sender) == reply
    assert _counts(factory) == before


# --- 4. following tenders ----------------------------------------------------------------------


@pytest.fixture
def tendered(factory: sessionmaker[Session], database_url: str, people: dict[str, int],
             clock: Clock) -> Router:
    """Tender T-9 (Priya's), with Sam's pending bid, imported on Wed 25 Nov 2026."""
    clock.now = at(date(2026, 11, 25), 8)
    import_tenders(factory, TENDERS_CSV, clock.now)
    clock.now = at(date(2026, 11, 25), 10)
    return _router(factory, database_url, clock)


def _copies(factory: sessionmaker[Session], person_id: int) -> list[tuple[str, date, str]]:
    with factory() as session:
        return [(d.rule, d.due_on, d.status.value) for d in session.scalars(
            select(Deadline).where(Deadline.provider_contact_id == person_id)
            .order_by(Deadline.id))]


def test_a_provider_follows_a_tender_and_gets_its_bidding_dates(
        factory: sessionmaker[Session], tendered: Router, people: dict[str, int]) -> None:
    assert _say(tendered, "/tender follow t-9", KIM) == (
        "You're following T-9 (Home care). I'll remind you before its clarification deadline "
        "(Fri 4 Dec 2026) and submission deadline (Fri 18 Dec 2026). Stop with /tender "
        "unfollow T-9.")
    assert _copies(factory, people["kim"]) == [
        ("clarification", date(2026, 12, 4), "open"), ("submission", date(2026, 12, 18), "open")]
    assert _say(tendered, "/tender", KIM) == (
        "Tenders open for bids:\nT-9 Home care: clarification deadline Fri 4 Dec 2026, "
        "submission deadline Fri 18 Dec 2026, standstill ends Fri 15 Jan 2027 · you follow it\n"
        "/tender follow REF (or words of its title) reminds you before a tender's deadlines.")
    # The follower's copies are theirs: the commissioner's lists show each tender date once.
    assert _line(_say(tendered, "/reminders council", PRIYA), "submission")
    assert _line(_say(tendered, "/reminders", KIM), "submission")


def test_following_twice_changes_nothing(factory: sessionmaker[Session],
                                         tendered: Router) -> None:
    _say(tendered, "/tender follow T-9", KIM)
    before = _counts(factory)
    assert _say(tendered, "/tender follow T-9", KIM) == (
        "You're already following T-9. Nothing changed.")
    assert _counts(factory) == before


def test_a_bidder_following_is_not_reminded_twice(factory: sessionmaker[Session],
                                                  tendered: Router,
                                                  people: dict[str, int]) -> None:
    before = _copies(factory, people["sam"])
    assert _say(tendered, "/tender follow T-9", SAM).startswith("You're following T-9")
    assert _copies(factory, people["sam"]) == before


def test_a_colleague_of_the_bidder_following_is_told_who_is_reminded_and_nothing_doubles(
        factory: sessionmaker[Session], tendered: Router, people: dict[str, int]) -> None:
    # Session 22's review: a colleague following a tender the organisation bids on doubled
    # its dates in the organisation's /reminders, digest and calendar.
    with factory() as session:
        riverside = session.get_one(Person, people["sam"]).organisation_id
    jo = make_person(factory, email="jo@riverside.example", organisation_id=riverside,
                     name="Jo Lee")
    assert _say(tendered, "/tender follow T-9", "jo@riverside.example") == (
        "You're following T-9 (Home care). Sam at your organisation is reminded of its dates "
        "already (clarification deadline Fri 4 Dec 2026, submission deadline Fri 18 Dec "
        "2026); they are "
        "in your /reminders too. Stop with /tender unfollow T-9.")
    assert _copies(factory, jo) == []
    assert _line(_say(tendered, "/reminders", SAM), "submission")  # once
    # Two colleagues following (no bid): when the one reminded unfollows, the other is
    # reminded instead (the session's code review).
    kim_org = make_organisation(factory, "Hilltop", OrganisationKind.PROVIDER)
    for email in ("a@hilltop.example", "b@hilltop.example"):
        make_person(factory, email=email, organisation_id=kim_org)
        _say(tendered, "/tender follow T-9", email)
    with factory() as session:
        b_id = session.scalars(select(Person.id).where(
            Person.email == "b@hilltop.example")).one()
    assert _copies(factory, b_id) == []
    _say(tendered, "/tender unfollow T-9", "a@hilltop.example")
    assert _copies(factory, b_id) == [
        ("clarification", date(2026, 12, 4), "open"), ("submission", date(2026, 12, 18), "open")]


def test_unfollowing_stops_the_reminders(factory: sessionmaker[Session], tendered: Router,
                                         people: dict[str, int]) -> None:
    _say(tendered, "/tender follow T-9", KIM)
    assert _say(tendered, "/tender unfollow T-9", KIM) == (
        "You've stopped following T-9: no more reminders of its dates.")
    assert _copies(factory, people["kim"]) == [
        ("clarification", date(2026, 12, 4), "not_applicable"),
        ("submission", date(2026, 12, 18), "not_applicable")]
    with factory() as session:
        pending = session.scalar(select(func.count()).select_from(Reminder).where(
            Reminder.person_id == people["kim"], Reminder.status == ReminderStatus.PENDING))
    assert pending == 0
    assert "· you follow it" not in _say(tendered, "/tender", KIM)
    assert _say(tendered, "/tender unfollow T-9", KIM) == (
        "You aren't following T-9. Nothing changed.")
    # Following again starts the reminders again.
    assert _say(tendered, "/tender follow T-9", KIM).startswith("You're following T-9")
    assert [status for _r, _d, status in _copies(factory, people["kim"])].count("open") == 2


@pytest.mark.parametrize(("text", "sender", "reply"), [
    ("/tender follow T-404", KIM, "I don't know a tender 'T-404'. Please check its reference "
                                  "with the council."),
    ("/tender unfollow T-404", KIM, "I don't know a tender 'T-404'. Please check its reference "
                                    "with the council."),
    ("/tender follow T-9", PRIYA, "Only providers follow tenders; the tender's commissioner is "
                                  "reminded of its dates already."),
    ("/tender follow", KIM, "Usage: /tender to see the tenders open for bids and your tenders' "
                            "dates, /tender follow REF (or words of its title) to be reminded "
                            "of a tender's clarification and submission deadlines, "
                            "/tender unfollow REF to stop. If two councils have a tender REF, "
                            "put the council's name after it: /tender follow REF COUNCIL."),
])
def test_tender_follow_refuses_clearly_and_changes_nothing(
        factory: sessionmaker[Session], tendered: Router, text: str, sender: str,
        reply: str) -> None:
    before = _counts(factory)
    assert _say(tendered, text, sender) == reply
    assert _counts(factory) == before


def test_following_a_tender_whose_dates_have_passed(factory: sessionmaker[Session],
                                                    tendered: Router, clock: Clock,
                                                    people: dict[str, int]) -> None:
    clock.now = at(date(2026, 12, 21), 10)
    assert _say(tendered, "/tender follow T-9", KIM) == (
        "You're following T-9 (Home care). Its clarification and submission deadlines have "
        "passed or are not set, so there is nothing to remind you of yet. Stop with /tender "
        "unfollow T-9.")
    assert _copies(factory, people["kim"]) == []


def test_a_commissioners_calendar_holds_their_own_deadlines(
        factory: sessionmaker[Session], placed: Router, people: dict[str, int]) -> None:
    from handlers.deadlines.store import calendar_items

    _say(placed, f"/placement new P-8 2026-11-02 {BOSS}", SAM)
    _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    with factory() as session:
        priya = session.get_one(Person, people["priya"])
        items = calendar_items(session, priya, today=date(2026, 11, 2), templates=TEMPLATES,
                               domain="northshire.example")
    assert [item.summary for item in items] == [
        "Invoice payment: invoice INV-1", "Initial placement review: P-7 initial review"]
    assert all(item.uid.startswith("deadline-") and item.uid.endswith("@northshire.example")
               for item in items)
    assert items[0].description.startswith(
        "Invoice payment for invoice INV-1: the legal limit (30 days, counting the day of "
        "receipt) is Tue 1 Dec 2026; the pledge aims for payment within 10 days of receipt.")


# --- session 20: a review of the console demo ------------------------------------------------


def test_a_placement_whose_first_review_has_passed_says_it_is_overdue(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # It said "The initial review is due 2026-12-01 (pledge 24); I'll remind you both before
    # then" on 5 December: a promise it could not keep.
    clock.now = at(date(2026, 12, 5), 10)
    router = _router(factory, database_url, clock)
    reply = _say(router, f"/placement new P-8 2026-09-01 {PRIYA}", SAM)
    assert reply == (
        "Placement P-8 added, starting Tue 1 Sep 2026. The initial review (pledge 24) was due "
        "Tue 1 Dec 2026, 4 days ago. Did it happen? If it was held on another day, /review done "
        "P-8 DATE records it. Until it is recorded it shows as overdue in both your /reminders. "
        "I've told Priya Shah at the council.")
    assert "overdue" in _line(_say(router, "/reminders", SAM), "P-8").lower()


@pytest.mark.parametrize(("answer", "told", "review"), [
    (0, "Recorded: P-8 initial review done on Tue 1 Dec 2026. The next joint monitoring review "
        "is due Tue 1 Jun 2027 (pledge 25).", (DeadlineStatus.DONE, date(2026, 12, 1))),
    (1, "Noted: P-8's initial review, due Tue 1 Dec 2026, has not happened. Please arrange it "
        "now; it stays overdue in /reminders until /review done P-8 DATE records it.",
     (DeadlineStatus.OPEN, None)),
    (2, "Noted that you aren't sure whether P-8's initial review (due Tue 1 Dec 2026) "
        "happened. Please check with the other side; when you know, /review done P-8 DATE "
        "records it. Until then it shows as overdue in /reminders.",
     (DeadlineStatus.OPEN, None)),
])
def test_a_placement_whose_first_review_has_passed_asks_whether_it_happened(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock, answer: int, told: str, review: tuple[DeadlineStatus, date | None]
) -> None:
    # Session 31's trial: a placement added long after it started was only told "please
    # arrange it now", never asked whether its first review had been held.
    clock.now = at(date(2026, 12, 5), 10)
    router = _router(factory, database_url, clock)
    [added] = router.handle(make_incoming(f"/placement new P-8 2026-09-01 {PRIYA}", sender=SAM))
    assert [button.label for button in added.buttons] == [
        "Yes, done on Tue 1 Dec 2026", "No", "Not sure"]
    pressed = added.buttons[answer]
    assert _say_button(router, pressed.action, pressed.value, SAM) == told
    with factory() as session:
        initial = session.scalars(select(Deadline).where(
            Deadline.rule == "initial-review")).one()
        assert (initial.status, initial.done_on) == review
        answers = session.scalars(select(AuditEvent.detail).where(
            AuditEvent.action == "review.past_answered")).all()
    assert answers == ([] if answer == 0 else [{"answer": ["not held", "not sure"][answer - 1]}])


def test_a_placement_a_provider_adds_is_told_to_its_commissioner(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # Session 31's trial: the council was not told when a provider added a placement.
    router = _router(factory, database_url, clock)
    _say(router, f"/placement new P-9 2026-11-02 {PRIYA}", SAM)
    with factory() as session:
        notices = session.execute(select(OutboxMessage.person_id, OutboxMessage.payload).where(
            OutboxMessage.kind == "placement.added")).all()
    assert [(person, payload["text"]) for person, payload in notices] == [(
        people["priya"],
        "Sam (Riverside) has added placement P-9 with you as its commissioner, starting Mon 2 "
        "Nov 2026. Its initial review (pledge 24) is due Tue 2 Feb 2027; I'll remind you before "
        "then. Not yours, or not the council's? Please tell them.")]


def test_a_placement_a_commissioner_adds_is_told_to_the_provider_and_their_cover(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # Session 32's brief: a commissioner adding a placement told nobody at the provider (a
    # provider adding one tells the commissioner).
    router = _router(factory, database_url, clock)
    with factory() as session:
        riverside = session.get_one(Person, people["sam"]).organisation_id
    jo = make_person(factory, email="jo@riverside.example", organisation_id=riverside,
                     name="Jo")
    assert _say(router, f"/placement new P-10 2026-11-02 {SAM}", PRIYA).endswith(
        "I'll remind you both before then. I've told Sam at Riverside.")
    _say(router, "/away 2027-01-29 jo@riverside.example", SAM)
    assert _say(router, f"/placement new P-11 2026-11-02 {SAM}", PRIYA).endswith(
        "I've told Sam and Jo at Riverside.")
    with factory() as session:
        notices = session.execute(select(OutboxMessage.person_id, OutboxMessage.payload).where(
            OutboxMessage.kind == "placement.added").order_by(OutboxMessage.id)).all()
    assert [(person, payload["text"]) for person, payload in notices] == [
        (people["sam"],
         "Priya Shah (Northshire) has added placement P-10 with you as its provider contact, "
         "starting Mon 2 Nov 2026. Its initial review (pledge 24) is due Tue 2 Feb 2027; I'll "
         "remind you before then. Not yours, or not your organisation's? Please tell them."),
        (people["sam"],
         "Priya Shah (Northshire) has added placement P-11 with you as its provider contact, "
         "starting Mon 2 Nov 2026. Its initial review (pledge 24) is due Tue 2 Feb 2027; I'll "
         "remind you before then. Not yours, or not your organisation's? Please tell them."),
        (jo,
         "Priya Shah (Northshire) has added placement P-11 with Sam, who is away: you cover "
         "for them, starting Mon 2 Nov 2026. Its initial review (pledge 24) is due Tue 2 Feb "
         "2027; I'll remind you before then. Not yours, or not your organisation's? Please "
         "tell them.")]


def _say_button(router: Router, action: str, value: str | None, sender: str) -> str:
    return "\n".join(reply.text for reply in router.handle(make_incoming(
        "", sender=sender, action=action, action_value=value)))


def test_a_placement_whose_review_is_ahead_still_promises_a_reminder(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    router = _router(factory, database_url, clock)
    assert _say(router, f"/placement new P-9 2026-11-02 {PRIYA}", SAM).endswith(
        "The initial review is due Tue 2 Feb 2027 (pledge 24); I'll remind you both before then. "
        "I've told Priya Shah at the council.")


@pytest.mark.parametrize("name", ["MrsJones", "JSmith-1950", "JohnSmith", "mr.smith",
                                  "JOAN-SMITH", "J.SMITH", "SMITH.J"])
def test_a_persons_name_is_not_a_placement_reference(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock, name: str) -> None:
    # Data about people receiving care is minimal: placement references, never names.
    router = _router(factory, database_url, clock)
    before = _counts(factory)
    reply = _say(router, f"/placement new {name} 2026-11-02 {PRIYA}", SAM)
    assert reply.startswith(f"'{name}' looks like a person's name. Please use the placement's "
                            "reference code (such as NS-5501) instead")
    assert _counts(factory) == before


def _told(factory: sessionmaker[Session], kind: str) -> list[int]:
    with factory() as session:
        return sorted(session.scalars(select(OutboxMessage.person_id).where(
            OutboxMessage.kind == kind)))


def test_a_providers_condition_change_tells_the_commissioner(
        factory: sessionmaker[Session], placed: Router, people: dict[str, int]) -> None:
    assert _say(placed, "/condition-change P-7", SAM) == (
        "Noted. The revisit for P-7 is due by Mon 16 Nov 2026 (pledge 26), and the commissioner, "
        "Priya Shah, has been told.")
    assert _told(factory, "condition-change") == [people["priya"]]


def test_a_condition_change_tells_an_away_commissioners_cover_too(
        factory: sessionmaker[Session], placed: Router, people: dict[str, int]) -> None:
    # Session 21's review: Priya was away with Bo Ss covering; only Priya was told.
    assert _say(placed, f"/away 2026-12-24 {BOSS}", PRIYA).startswith("Noted: from today until")
    assert _say(placed, "/condition-change P-7", SAM) == (
        "Noted. The revisit for P-7 is due by Mon 16 Nov 2026 (pledge 26), and the commissioner, "
        "Priya Shah, has been told, and Bo Ss, covering while they are away.")
    assert _told(factory, "condition-change") == sorted([people["priya"], people["boss"]])


def test_a_commissioners_condition_change_tells_the_provider_not_themselves(
        factory: sessionmaker[Session], placed: Router, people: dict[str, int]) -> None:
    # Session 20's review: Priya's own report was sent to Priya, "the commissioner has been
    # told", and the provider heard nothing.
    reply = _say(placed, "/condition-change P-7", PRIYA)
    assert reply.startswith(
        "Noted. The revisit for P-7 is due by Mon 16 Nov 2026 (pledge 26), and ")
    assert reply.endswith(" has been told.")
    assert "Priya" not in reply
    assert _told(factory, "condition-change") == [people["sam"]]
    # Another officer of the council: the provider and the placement's commissioner.
    assert _say(placed, f"/placement new P-8 2026-11-02 {PRIYA}", SAM).startswith(
        "Placement P-8 added")
    _say(placed, "/condition-change P-8", BOSS)
    assert _told(factory, "condition-change") == sorted(
        [people["sam"], people["sam"], people["priya"]])


def test_a_condition_change_sent_twice_or_corrected_leaves_one_revisit(
        factory: sessionmaker[Session], placed: Router, clock: Clock,
        people: dict[str, int]) -> None:
    """Session 21's review: the same report twice opened two revisits and told the
    commissioner twice; a corrected (earlier) date left the old revisit open beside the new
    one."""
    clock.now = at(date(2026, 11, 12), 10)
    first = _say(placed, "/condition-change P-7", SAM)
    assert first.startswith("Noted. The revisit for P-7 is due by Thu 26 Nov 2026")
    before = _counts(factory)
    assert _say(placed, "/condition-change P-7 12/11/2026", SAM) == (
        "Already noted: the revisit for P-7 after the change notified Thu 12 Nov 2026 is due by "
        "Thu 26 Nov 2026 (pledge 26). Nobody was told again.")
    assert _counts(factory) == before
    # An earlier date corrects it: one open revisit, due two weeks after the earlier date.
    corrected = _say(placed, "/condition-change P-7 10/11/2026", SAM)
    assert corrected.startswith("Corrected: the change for P-7 was notified Tue 10 Nov 2026, "
                                "not Thu 12 Nov 2026. Its revisit is due by Tue 24 Nov 2026")
    # A later date is a new change (the session's own code review: refusing it while a revisit
    # was open kept a deterioration from the council): its own revisit, and the council told.
    clock.now = at(date(2026, 11, 16), 10)
    assert _say(placed, "/condition-change P-7", SAM).startswith(
        "Noted. The revisit for P-7 is due by Mon 30 Nov 2026")
    with factory() as session:
        revisits = [(d.start_on, d.status.value) for d in session.scalars(
            select(Deadline).where(Deadline.rule == "condition-change").order_by(Deadline.id))]
    assert revisits == [(date(2026, 11, 12), "not_applicable"), (date(2026, 11, 10), "open"),
                        (date(2026, 11, 16), "open")]
    assert _told(factory, "condition-change") == [people["priya"]] * 3
    # One revisit done after both changes covers both (session 22's review: the second stayed
    # open and was chased as overdue after the revisit).
    clock.now = at(date(2026, 11, 20), 10)
    assert _say(placed, "/review done P-7 2026-11-20", SAM).startswith("Recorded")
    with factory() as session:
        statuses = [d.status.value for d in session.scalars(
            select(Deadline).where(Deadline.rule == "condition-change").order_by(Deadline.id))]
    assert statuses == ["not_applicable", "done", "done"]


def test_a_corrected_condition_change_date_says_it_corrects_the_first(
        factory: sessionmaker[Session], placed: Router, clock: Clock,
        people: dict[str, int]) -> None:
    """Session 30's trial: "/condition-change RC-106" then "... yesterday" sent the other side
    a second, near-identical notice, read as a second change."""
    clock.now = at(date(2026, 11, 12), 10)
    _say(placed, "/condition-change P-7", SAM)
    assert _say(placed, "/condition-change P-7 yesterday", SAM) == (
        "Corrected: the change for P-7 was notified Wed 11 Nov 2026, not Thu 12 Nov 2026. Its "
        "revisit is due by Wed 25 Nov 2026, not Thu 26 Nov 2026 (pledge 26), and the "
        "commissioner, Priya Shah, has been told.")
    with factory() as session:
        told = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.kind == "condition-change").order_by(OutboxMessage.id)).all()
        open_revisits = session.scalars(select(Deadline.start_on).where(
            Deadline.rule == "condition-change", Deadline.status == "open")).all()
    assert told[-1]["text"] == (
        "Sam (Riverside) has corrected the date of the change in the condition of the person "
        "in placement P-7: notified Wed 11 Nov 2026, not Thu 12 Nov 2026. The care package and "
        "funding should be revisited by Wed 25 Nov 2026, not Thu 26 Nov 2026 (pledge 26). "
        "This corrects the earlier notice: it is the same change.")
    assert open_revisits == [date(2026, 11, 11)]


def test_the_same_review_recorded_twice_closes_no_other(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    # Session 22's review: the second "/review done" closed the next review, never held.
    clock.now = at(date(2027, 2, 10), 10)
    assert _say(placed, "/review done P-7 2027-02-08", SAM).startswith("Recorded")
    before = _counts(factory)
    assert _say(placed, "/review done P-7 2027-02-08", SAM) == (
        "P-7's review on Mon 8 Feb 2027 is already recorded, so I haven't recorded it again. "
        "/reminders shows the next one.")
    assert _counts(factory) == before
    # The same for a revisit after a change in condition (the session's code review: the
    # second closed the initial review), and "this morning" is a review done today.
    clock.now = at(date(2027, 3, 1), 10)
    _say(placed, "/condition-change P-7 2027-02-22", SAM)
    assert _say(placed, "/review done P-7 this morning", SAM).startswith("Recorded")
    # "in two weeks" is to come; "on DATE" is that date (the session's code review).
    assert _say(placed, "/review done P-7 in two weeks", SAM).startswith(
        "A review is recorded once it has happened")
    before = _counts(factory)
    assert _say(placed, "/review done P-7", SAM) == (
        "P-7's review on Mon 1 Mar 2027 is already recorded, so I haven't recorded it again. "
        "/reminders shows the next one.")
    assert _counts(factory) == before


def test_a_review_sent_again_without_its_day_soon_after_is_not_the_next_review(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    # Session 26's trial: "/review done RC-101 3/12/26 went well", then "/review done RC-101",
    # closed the next 6-monthly review two days after the first.
    clock.now = at(date(2027, 2, 10), 10)
    assert _say(placed, "/review done P-7 08/02/2027 went well", SAM).startswith(
        "Recorded: P-7 initial review done on Mon 8 Feb 2027.")
    before = _counts(factory)
    assert _say(placed, "/review done P-7", SAM) == (
        "P-7's review was recorded as done on Mon 8 Feb 2027, and the next is not due until "
        "Fri 6 Aug 2027, so I haven't recorded another. If another review really took place, "
        "send its day: /review done P-7 DD/MM/YYYY.")
    assert _counts(factory) == before
    # With its day it is recorded (another review did take place).
    assert _say(placed, "/review done P-7 10/02/2027", SAM).startswith(
        "Recorded: P-7 monitoring review done on Wed 10 Feb 2027.")


def test_a_review_day_written_as_an_ordinal_or_a_weekday(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    # Session 26's trial: "/review done RC-103 the 3rd" was recorded as done today with "the
    # 3rd" as its outcome.
    clock.now = at(date(2027, 2, 10), 10)
    before = _counts(factory)
    for words in ("last week", "last month went well"):
        assert "review date" in _say(placed, f"/review done P-7 {words}", SAM), words
    assert _counts(factory) == before
    assert _say(placed, "/review done P-7 the 3rd all well", SAM).startswith(
        "Recorded: P-7 initial review done on Wed 3 Feb 2027.")
    with factory() as session:
        outcomes = session.scalars(select(Deadline.outcome).where(
            Deadline.status == DeadlineStatus.DONE)).all()
    assert outcomes == ["all well"]
    # An ordinal still to come this month is last month's.
    clock.now = at(date(2027, 8, 20), 10)
    assert _say(placed, "/review done P-7 25th", SAM).startswith(
        "Recorded: P-7 monitoring review done on Sun 25 Jul 2027.")
    # A count is not a day (the session's review: "1st review went well" was the 1st), and a
    # weekday's possessive starts an outcome.
    clock.now = at(date(2028, 2, 10), 10)
    assert _say(placed, "/review done P-7 2nd review went well", SAM).startswith(
        "Recorded: P-7 monitoring review done on Thu 10 Feb 2028.")
    clock.now = at(date(2028, 8, 20), 10)
    assert _say(placed, "/review done P-7 Monday's visit went well", SAM).startswith(
        "Recorded: P-7 monitoring review done on Sun 20 Aug 2028.")


def test_a_reason_naming_someone_is_refused_and_the_deadline_stays_open(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # Session 25's trial: "/not-applicable 22 Patricia Holmes moved to hospital" was kept and
    # repeated back. Initials pass.
    router = _router(factory, database_url, clock)
    _say(router, f"/placement new P-7 2026-11-02 {PRIYA}", SAM)
    with factory() as session:
        review = session.scalars(select(Deadline)).one()
    assert _say(router, f"/not-applicable {review.id} Patricia Holmes moved to hospital",
                SAM).startswith('"Patricia Holmes" looks like a person\'s name')
    assert _say(router, f"/not-applicable {review.id} Mrs Holmes moved to hospital",
                SAM).startswith('"Mrs Holmes" looks like a person\'s name')
    with factory() as session:
        assert session.get_one(Deadline, review.id).status.value == "open"
    # Nor in what /done and /review done keep (session 25's review).
    assert _say(router, f"/done {review.id} Patricia Holmes is settled", SAM).startswith(
        '"Patricia Holmes" looks like a person\'s name')
    clock.now = at(date(2026, 12, 1), 10)
    assert _say(router, "/review done P-7 Resident Patricia Holmes is settled", SAM).startswith(
        '"Patricia Holmes" looks like a person\'s name')
    with factory() as session:
        assert session.get_one(Deadline, review.id).status.value == "open"
    assert _say(router, f"/not-applicable {review.id} P.H. moved to hospital", SAM) == (
        "Recorded: P-7 initial review marked not applicable (P.H. moved to hospital).")
    with factory() as session:
        assert session.get_one(Deadline, review.id).outcome == "P.H. moved to hospital"


def test_council_staff_cannot_close_or_snooze_a_bidders_own_tender_dates(
        factory: sessionmaker[Session], tendered: Router, people: dict[str, int]) -> None:
    """Session 30's trial: the commissioner's "/done 5" closed the bidder's own copy of the
    submission deadline, and the bidder's /reminders lost it unsaid."""
    with factory() as session:
        copy = session.scalars(select(Deadline).where(
            Deadline.rule == "submission",
            Deadline.provider_contact_id == people["sam"])).one()
    before = _counts(factory)
    for attempt in (f"/done {copy.id}", f"/not-applicable {copy.id} not bidding"):
        assert _say(tendered, attempt, PRIYA) == (
            "I don't know that deadline. Type /reminders to see yours.")
    assert tendered.handle(make_incoming(
        "", sender=PRIYA, action=SNOOZE_DAY, action_value=str(copy.id)))[0].text == (
        "I don't know that deadline. Type /reminders to see yours.")
    with factory() as session:
        assert session.get_one(Deadline, copy.id).status.value == "open"
    assert _counts(factory) == before
    assert f"#{copy.id} " in _say(tendered, "/reminders", SAM)


def test_the_not_applicable_button_asks_why_and_takes_the_next_reply(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # Session 30's trial: the button said "Please tell me why ...: /not-applicable 1 REASON",
    # and the reason typed next went to the knowledge base.
    router = _router(factory, database_url, clock)
    _say(router, f"/placement new P-7 2026-11-02 {PRIYA}", SAM)
    with factory() as session:
        review = session.scalars(select(Deadline)).one()
    asked = "\n".join(reply.text for reply in router.handle(make_incoming(
        sender=SAM, action=NOT_APPLICABLE, action_value=str(review.id))))
    assert asked == (
        "Marking P-7 initial review as not applicable.\n\nNot applicable\n"
        "Why does it not apply?\nA few words, such as \"moved to another area\": never the "
        "name of the person receiving care.\n"
        "Type your answer; /cancel stops without sending anything.")
    assert _say(router, "Patricia Holmes went into hospital", SAM).startswith(
        '"Patricia Holmes" looks like a person\'s name')  # asked again, nothing kept
    assert _say(router, "resident went into hospital", SAM) == (
        "Recorded: P-7 initial review marked not applicable (resident went into hospital).")
    with factory() as session:
        closed = session.get_one(Deadline, review.id)
        assert (closed.status.value, closed.outcome) == (
            "not_applicable", "resident went into hospital")
    # The command without its reason asks for it too.
    _say(router, f"/placement new P-8 2026-11-02 {PRIYA}", SAM)
    with factory() as session:
        other = session.scalars(select(Deadline).where(Deadline.reference.like("P-8%"))).one()
    assert _say(router, f"/not-applicable {other.id}", SAM).startswith(
        "Marking P-8 initial review as not applicable.")


def test_the_not_applicable_label_typed_as_its_reason_is_asked_again(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # Session 32's trial: Not applicable pressed, then "Not applicable" typed (the button
    # pressed twice) marked the review not applicable "(Not applicable)".
    router = _router(factory, database_url, clock)
    _say(router, f"/placement new P-7 2026-11-02 {PRIYA}", SAM)
    with factory() as session:
        review = session.scalars(select(Deadline)).one()
    router.handle(make_incoming(sender=SAM, action=NOT_APPLICABLE, action_value=str(review.id)))
    assert _say(router, "Not applicable", SAM).startswith(
        "“Not applicable” is the button you pressed: I still need your own words.")
    with factory() as session:
        assert session.get_one(Deadline, review.id).status.value == "open"


def test_the_councils_feedback_to_a_bidder_is_not_closed_by_the_bidder(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    """Session 21's review: a provider's "/done 22 still waiting" closed the council's overdue
    feedback to it (pledge 28); its reminders stopped and the council's /reminders emptied."""
    clock.now = at(date(2026, 11, 25), 10)
    # Decided after the bids were in (a decision before submission_on is refused).
    import_tenders(factory, TENDERS_CSV.replace("2026-11-20,2026-12-04,2026-12-18",
                                                "2026-10-20,2026-11-04,2026-11-18").replace(
        ",pending,", ",lost,2026-11-24"), clock.now)
    router = _router(factory, database_url, clock)
    with factory() as session:
        feedback = session.scalars(select(Deadline).where(
            Deadline.rule == "bid-feedback")).one()
    before = _counts(factory)
    for attempt in (f"/done {feedback.id} still waiting",
                    f"/not-applicable {feedback.id} we gave up"):
        assert _say(router, attempt, SAM) == (
            f"{feedback.reference} is the council's to meet, so it closes when the council "
            "records it. If it is late, /conflict raises it with a commissioner.")
    with factory() as session:
        assert session.get_one(Deadline, feedback.id).status.value == "open"
    assert _counts(factory) == before
    # The bidder is reminded of it with the snoozes only; the commissioner can close it.
    clock.now = at(feedback.due_on, 10)
    sweep(factory, now=clock.now, templates=TEMPLATES, calendar=CALENDAR,
          policy=ReminderPolicy())
    with factory() as session:
        messages = list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "reminder.bid-feedback")))
    sent = {message.person_id: [b["label"] for b in message.payload["buttons"]]
            for message in messages}
    # Session 37's trial: the bidder was sent the council's to-do ("Feedback to an
    # unsuccessful bidder: ... feedback to Hillview, due tomorrow") with its snoozes. It is
    # told what it is owed, with no buttons; the commissioner keeps the to-do.
    assert sent[people["sam"]] == []
    assert sent[people["priya"]] == ["Done", "Snooze 1 day", "Snooze 1 week", "Not applicable"]
    texts = {message.person_id: message.payload["text"] for message in messages}
    assert texts[people["sam"]] == (
        "The council should send you feedback on T-9 by Tue 1 Dec 2026. (Pledge commitment "
        "28.) If it does not come, /conflict raises it with a commissioner.")
    assert texts[people["priya"]].endswith(f"type /done {feedback.id}.")
    assert _say(router, f"/done {feedback.id}", PRIYA).endswith("done. Its reminders are stopped.")


def test_a_placement_can_start_on_a_weekday_said_in_words(
        factory: sessionmaker[Session], placed: Router) -> None:
    # Session 22's review: "/placement new RC-221 monday ..." could not read "monday".
    assert _say(placed, f"/placement new RC-221 monday {PRIYA}", SAM).startswith(
        "Placement RC-221 added, starting Mon ")
    with factory() as session:
        started = session.scalars(select(Placement.started_on).where(
            Placement.reference == "RC-221")).one()
    assert started.weekday() == 0


@pytest.mark.parametrize(("text", "reply"), [
    # A start reads the coming day; "next monday" is one day, not two words (session 30).
    (f"/placement new RC-305 next monday {PRIYA}", "Placement RC-305 added, starting Mon 7 Dec"),
    (f"/placement new RC-305 tomorrow {PRIYA}", "Placement RC-305 added, starting Mon 7 Dec"),
    # An end may be past or to come: a bare weekday is asked, never guessed.
    ("/placement end P-7 fri", "Which Friday is the end date: Fri 4 Dec 2026 or Fri 11 Dec "
     "2026? Please send it again with the date, such as 04/12/2026. Nothing is recorded yet."),
    ("/placement end P-7 last friday", "Recorded: placement P-7 ended on Fri 4 Dec 2026."),
    ("/placement end P-7 next friday", "Recorded: placement P-7 ends on Fri 11 Dec 2026."),
    # What has happened reads the latest such day.
    ("/condition-change P-7 friday", "Noted. The revisit for P-7 is due by Fri 18 Dec 2026"),
    ("/review done P-7 on thursday went well",
     "Recorded: P-7 initial review done on Thu 3 Dec 2026."),
    ("/invoice received INV-1 wed 100 P-7", "Invoice INV-1 for £100.00 to Northshire "
     "(placement P-7) recorded as received on Wed 2 Dec 2026."),
])
def test_every_date_reads_weekdays_and_day_words_alike(
        placed: Router, clock: Clock, text: str, reply: str) -> None:
    # Session 30's trial: "/placement new" read "monday" and "tomorrow", "/placement end P-7
    # Friday" was unreadable, and "/placement new RC-305 next monday ..." got the usage line.
    clock.now = at(date(2026, 12, 6), 10)  # a Sunday
    assert _say(placed, text, SAM).startswith(reply)


def test_a_commissioner_with_no_escalation_contact_escalates_to_the_councils_admin(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # Session 22's review: the top of the council's ladder (no escalation contact) had overdue
    # deadlines chased for ever and never escalated.
    with factory() as session:
        council = session.get_one(Person, people["boss"]).organisation_id
    make_person(factory, email="dana@northshire.example", role=Role.ADMIN,
                organisation_id=council, name="Dana Reeve")
    router = _router(factory, database_url, clock)
    _say(router, f"/placement new P-9 2026-11-02 {BOSS}", SAM)
    _say(router, "/invoice received INV-9 2026-11-02 100 P-9", SAM)
    _sweep_days(factory, date(2026, 11, 2), date(2026, 12, 11), ReminderPolicy())
    sent = _sent(factory)
    assert ("2026-12-08", "dana@northshire.example", "escalation") in sent
    assert [who for _day, who, stage in sent if stage == "escalation"] == [
        "dana@northshire.example"]


def test_ending_a_placement_stops_its_reviews_and_tells_the_other_side(
        factory: sessionmaker[Session], placed: Router, clock: Clock,
        people: dict[str, int]) -> None:
    # Session 22's review: nothing could end a placement, and an ended one's reviews were
    # chased as overdue.
    clock.now = at(date(2026, 12, 1), 10)
    _say(placed, "/condition-change P-7 2026-11-30", SAM)
    assert _say(placed, "/placement end P-7 2026-12-01", SAM) == (
        "Recorded: placement P-7 ended on Tue 1 Dec 2026. Its 2 open reviews are closed: the "
        "placement has ended. The placement's other contact is told."
        " Ended by mistake? /placement reopen P-7 undoes it.")
    assert _say(placed, "/reminders", SAM).startswith("Nothing is due for you.")
    assert _told(factory, "placement.ended") == [people["priya"]]
    before = _counts(factory)
    assert _say(placed, "/condition-change P-7 2026-12-01", SAM) == (
        "Placement P-7 ended on Tue 1 Dec 2026, so a change notified since then starts no "
        "revisit.")
    assert _say(placed, "/placement end P-7 2026-12-01", SAM) == (
        "Placement P-7 is already recorded as ended on Tue 1 Dec 2026.")
    assert _say(placed, "/placement end P-7 2026-10-01", SAM) == (
        "The end date Thu 1 Oct 2026 is before placement P-7 started (Mon 2 Nov 2026).")
    assert _counts(factory) == before


def test_placement_new_with_words_missing_asks_for_them(
        factory: sessionmaker[Session], placed: Router) -> None:
    # Issue 11 (a command missing its words asks for them); session 26's trial: "/placement
    # new" showed the usage line, and "RC-105", "3 Dec", "priya" went to the knowledge base.
    asked = _say(placed, "/placement new", SAM)
    assert asked.startswith("New placement — question 1 of 3\nWhat is the placement's "
                            "reference?")
    before = _counts(factory)
    assert _say(placed, "JOAN-SMITH", SAM).startswith("'JOAN-SMITH' looks like a person's name")
    assert "question 2 of 3\nWhen did it start" in _say(placed, "P-8", SAM)
    assert "question 3 of 3\nWho is the other side's contact?" in _say(placed, "3 Nov", SAM)
    assert _say(placed, "jo", SAM).startswith("I don't know a commissioner 'jo'.")
    assert _counts(factory) == before  # nothing kept until it is whole
    assert _say(placed, PRIYA, SAM).startswith(
        "Placement P-8 added, starting Tue 3 Nov 2026.")
    # What was given with the command is kept; only the rest is asked.
    assert _say(placed, "/placement new P-9 2026-11-04", SAM).startswith(
        "New placement\nWho is the other side's contact?")
    assert _say(placed, PRIYA, SAM).startswith("Placement P-9 added")
    with factory() as session:
        assert session.scalars(select(Placement.reference).order_by(
            Placement.reference)).all() == ["P-7", "P-8", "P-9"]


def test_placements_are_listed_one_a_line(placed: Router) -> None:
    # Session 26's trial: "HV-001: started Sun 1 Nov 2026J.SMITH: started ...".
    assert _say(placed, f"/placement new P-8 2026-11-09 {PRIYA}", SAM).startswith(
        "Placement P-8 added")
    assert _say(placed, "/placement list", SAM) == (
        "Your placements:\nP-7: started Mon 2 Nov 2026\nP-8: started Mon 9 Nov 2026")
    # A commissioner sees the council's, their own marked (a colleague's is not "yours").
    assert _say(placed, f"/placement new P-10 2026-11-09 {SAM}", BOSS).startswith("Placement")
    assert _say(placed, "/placement list", PRIYA) == (
        "Placements at Northshire:\nP-10: started Mon 9 Nov 2026\n"
        "P-7: started Mon 2 Nov 2026 · yours\nP-8: started Mon 9 Nov 2026 · yours")


def test_a_placement_that_ends_later_says_so_and_a_changed_day_says_what_it_was(
        factory: sessionmaker[Session], placed: Router, clock: Clock,
        people: dict[str, int]) -> None:
    # Session 25's trial: "/placement end RC-0043 31.12.26" on 5 December said "ended on Thu
    # 31 Dec 2026"; another day replaced it unsaid; /placement list showed no end.
    clock.now = at(date(2026, 12, 5), 10)
    assert _say(placed, "/placement end P-7 31/12/2026", SAM) == (
        "Recorded: placement P-7 ends on Thu 31 Dec 2026. Its review due after that day is "
        "closed: the placement will have ended. The placement's other contact is told."
        " Ended by mistake? /placement reopen P-7 undoes it.")
    assert _say(placed, "/placement list", SAM).endswith("P-7: started Mon 2 Nov 2026, ends Thu "
                                                         "31 Dec 2026")
    assert _say(placed, "/placement end P-7 31/12/2026", SAM) == (
        "Placement P-7 is already recorded as ending on Thu 31 Dec 2026.")
    assert _say(placed, "/placement end P-7 03/12/2026", SAM) == (
        "Recorded: placement P-7 ended on Thu 3 Dec 2026 (it was recorded as Thu 31 Dec 2026). "
        "The placement's other contact is told."
        " Ended by mistake? /placement reopen P-7 undoes it.")
    with factory() as session:
        told = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.kind == "placement.ended").order_by(OutboxMessage.id)).all()
    assert [payload["text"] for payload in told] == [
        "Sam recorded that placement P-7 ends on Thu 31 Dec 2026; its review due after that "
        "day is closed.",
        "Sam recorded that placement P-7 ended on Thu 3 Dec 2026 (not Thu 31 Dec 2026 as "
        "recorded before).",
    ]
    assert _say(placed, "/placement list", SAM).endswith("ended Thu 3 Dec 2026")
    # Moved later than the initial review (2 Feb 2027): it runs again (session 25's review).
    assert _say(placed, "/placement end P-7 31/03/2027", SAM) == (
        "Recorded: placement P-7 ends on Wed 31 Mar 2027 (it was recorded as Thu 3 Dec 2026). "
        "1 review deadline due by then runs again. The placement's other contact is told."
        " Ended by mistake? /placement reopen P-7 undoes it.")
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.rule == "initial-review")).one()
        pending = session.scalars(select(Reminder.id).where(
            Reminder.deadline_id == review.id, Reminder.status == "pending")).all()
    assert (review.status.value, review.due_on) == ("open", date(2027, 2, 2))
    assert pending
    assert "P-7" in _say(placed, "/reminders", SAM)


def test_a_question_about_a_tenders_dates_names_them(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # Session 25's trial: "when is the clarification deadline for NS-T-2027-01?" from a
    # provider following it got "I don't know" and became a knowledge gap.
    clock.now = at(date(2026, 11, 23), 10)
    import_tenders(factory, TENDERS_CSV, clock.now)
    router = _router(factory, database_url, clock)
    dates = ("T-9 Home care: clarification deadline Fri 4 Dec 2026, submission deadline Fri 18 "
             "Dec 2026, standstill ends Fri 15 Jan 2027.")
    assert _say(router, "when is the clarification deadline for t-9?", KIM) == (
        dates + " /tender follow T-9 reminds you before them.")
    _say(router, "/tender follow T-9", KIM)
    assert _say(router, "What are the dates for T-9", KIM) == dates
    assert _say(router, "when does T-9 close?", PRIYA) == dates
    # "must", "can" and "how long" still ask for the dates (a second review).
    for question in ("when must we submit T-9", "how long until the T-9 deadline"):
        assert _say(router, question, KIM) == dates
    with factory() as session:
        assert session.scalars(select(Question)).all() == []  # no knowledge gap
    # A reference that is no tender goes on to the knowledge base.
    assert _say(router, "when is the submission deadline for T-99?", KIM).startswith(
        "I don't know the answer to that")
    # So does a question asking more than the dates (session 25's review: it got the dates).
    assert not _say(router, "I missed the submission deadline for T-9, can I still submit a "
                            "late bid?", KIM).startswith("T-9 Home care")
    # A tender not yet published is not shown (session 25's review).
    clock.now = at(date(2026, 11, 19), 10)
    assert not _say(router, "what are the dates for T-9", KIM).startswith("T-9 Home care")
    assert _say(router, "/tender follow T-9", SAM).startswith("I don't know a tender 'T-9'")


def test_a_placement_naming_someone_who_left_or_is_not_a_commissioner_says_so(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # Session 25's trial: both were "I don't know a commissioner".
    with transaction(factory) as session:
        session.get_one(Person, people["boss"]).active = False
    router = _router(factory, database_url, clock)
    assert _say(router, f"/placement new P-8 2026-11-02 {BOSS}", SAM) == (
        f"{BOSS} has left, so I can't name them on a placement. Please give the "
        "commissioner who looks after it now.")
    assert _say(router, f"/placement new P-8 2026-11-02 {KIM}", SAM).endswith(
        f"{KIM} is not a commissioner: please give the commissioner's e-mail.")
    assert _say(router, "/placement new P-8 2026-11-02 nobody@example.org", SAM) == (
        "I don't know a commissioner 'nobody@example.org'.")
    with factory() as session:
        assert session.scalars(select(Placement)).all() == []


def test_an_end_recorded_ahead_stops_chasing_a_missed_review_when_it_comes(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    # Session 25's review: with an end still to come, a review due before it and then missed
    # was chased for ever after the end had passed.
    clock.now = at(date(2026, 12, 5), 10)
    assert _say(placed, "/placement end P-7 26/02/2027", SAM).startswith(
        "Recorded: placement P-7 ends on Fri 26 Feb 2027")
    _sweep_days(factory, date(2027, 1, 18), date(2027, 4, 30), ReminderPolicy())
    sent = [(day, stage) for day, _who, stage in _sent(factory)]
    assert any("chase" in stage and day <= "2027-02-26" for day, stage in sent)  # while it ran
    assert [day for day, _stage in sent if day > "2027-02-26"] == []  # then nothing
    # ... and it is closed as ending the placement then would have closed it, so it leaves
    # /reminders (session 30's trial: it stayed there, "OVERDUE", for ever).
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.rule == "initial-review")).one()
    assert (review.status.value, review.done_on, review.outcome) == (
        "not_applicable", date(2027, 2, 26), "placement ended 2027-02-26")
    assert _say(placed, "/reminders", SAM).startswith("Nothing is due for you.")


def test_an_end_moved_later_reminds_of_the_review_it_had_silenced(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    # Session 25's review: a past end silenced the overdue review; moved later, it stayed silent.
    clock.now = at(date(2027, 2, 10), 10)
    _say(placed, "/placement end P-7 05/02/2027", SAM)
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.rule == "initial-review")).one()
        assert session.scalars(select(Reminder.id).where(
            Reminder.deadline_id == review.id, Reminder.status == "pending")).all() == []
    assert _say(placed, "/placement end P-7 30/06/2027", SAM).startswith(
        "Recorded: placement P-7 ends on Wed 30 Jun 2027 (it was recorded as Fri 5 Feb 2027).")
    _sweep_days(factory, date(2027, 2, 11), date(2027, 2, 19), ReminderPolicy())
    chased = [(day, who) for day, who, stage in _sent(factory) if "chase" in stage]
    assert chased  # chased again
    assert len(chased) == len(set(chased))  # once a day each at most


def test_a_day_written_out_is_read_in_a_command(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # Session 25's trial: "/invoice received INV-1002 3 Dec 2026 ..." got the usage line.
    clock.now = at(date(2026, 12, 5), 10)
    router = _router(factory, database_url, clock)
    assert _say(router, f"/placement new P-8 1st of December 2026 {PRIYA}", SAM).startswith(
        "Placement P-8 added, starting Tue 1 Dec 2026.")
    assert _say(router, "/invoice received INV-9 3 Dec 2026 100 P-8", SAM).startswith(
        "Invoice INV-9 for £100.00 to Northshire (placement P-8) recorded as received on Thu "
        "3 Dec 2026.")
    assert _say(router, "/invoice paid INV-9 4 dec", PRIYA).startswith(
        "Invoice INV-9 recorded as paid on Fri 4 Dec 2026")
    # A number before an ordinary word is not a day.
    assert _say(router, "/review done P-8 3 carers met the family", SAM).startswith(
        "Recorded")
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.rule == "initial-review")).one()
    assert (review.done_on, review.outcome) == (date(2026, 12, 5), "3 carers met the family")


def test_a_review_done_on_a_date_written_after_on_is_that_date(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    clock.now = at(date(2027, 2, 10), 10)
    assert _say(placed, "/review done P-7 on 01/02/2027", SAM).startswith("Recorded")
    with factory() as session:
        done = session.scalars(select(Deadline.done_on).where(
            Deadline.rule == "initial-review")).one()
    assert done == date(2027, 2, 1)


def test_a_review_missed_while_the_placement_ran_closes_when_it_ends_and_counts_as_missed(
        factory: sessionmaker[Session], placed: Router, clock: Clock,
        people: dict[str, int]) -> None:
    # Session 30's trial: a review missed while the placement ran stayed in both sides'
    # /reminders, "OVERDUE", after the placement ended. The session 29 code review: the
    # scorecard must not lose it.
    clock.now = at(date(2027, 3, 20), 10)
    assert "OVERDUE" in _say(placed, "/reminders", PRIYA)
    assert _say(placed, "/placement end P-7 2027-03-15", SAM) == (
        "Recorded: placement P-7 ended on Mon 15 Mar 2027. Its open review is closed: the "
        "placement has ended. The placement's other contact is told."
        " Ended by mistake? /placement reopen P-7 undoes it.")
    for sender in (SAM, PRIYA):
        assert _say(placed, "/reminders", sender).startswith("Nothing is due for you.")
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.rule == "initial-review")).one()
        pending = session.scalars(select(Reminder.id).where(
            Reminder.deadline_id == review.id, Reminder.status == "pending")).all()
        council = session.get_one(Person, people["priya"]).organisation_id
        card = scorecards(session, [council], first=date(2027, 2, 1), last=date(2027, 2, 28),
                          timezone="Europe/London", calendar=CALENDAR)[council]
    # Kept, closed, no longer chased, and counted as a review not done on time.
    assert (review.due_on, review.status.value, review.outcome) == (
        date(2027, 2, 2), "not_applicable", "placement ended 2027-03-15")
    assert pending == []
    assert (card.reviews_on_time.met, card.reviews_on_time.total) == (0, 1)
    # A review that fell due after the placement ended was never owed, whenever the end was
    # recorded (session 30's review: ends recorded before the session closed such reviews with
    # the day of recording, and the scorecard counted them as missed).
    with factory() as session:
        placement = session.scalars(select(Placement).where(Placement.reference == "P-7")).one()
        placement.ended_on = date(2027, 1, 20)
        session.commit()
        card = scorecards(session, [council], first=date(2027, 2, 1), last=date(2027, 2, 28),
                          timezone="Europe/London", calendar=CALENDAR)[council]
    assert card.reviews_on_time.total == 0


def test_a_provider_pays_its_own_invoice_when_a_subcontractor_uses_the_same_number(
        factory: sessionmaker[Session], placed: Router, people: dict[str, int],
        clock: Clock) -> None:
    # The session's code review: once a prime could mark subcontract invoices paid, its own
    # INV-1 was refused as ambiguous beside a subcontractor's INV-1 to it.
    from handlers.deadlines import imports as deadline_imports

    _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    deadline_imports.import_invoices(
        factory, (b"number,issuer,payer,amount,received_on,placement_reference,paid_on\n"
                  b"INV-1,Hillview,Riverside,50.00,2026-11-03,,\n"), source="sub.csv",
        calendar=WorkingCalendar(), policy=ReminderPolicy(), now=at(date(2026, 11, 5), 10))
    clock.now = at(date(2026, 11, 5), 10)
    assert _say(placed, "/invoice paid INV-1 2026-11-04", SAM).startswith(
        "Invoice INV-1 recorded as paid on Wed 4 Nov 2026")
    with factory() as session:
        paid = {(i.issuer_id, i.paid_on) for i in session.scalars(select(Invoice))}
        riverside = session.get_one(Person, people["sam"]).organisation_id
    assert (riverside, date(2026, 11, 4)) in paid
    assert len([1 for _issuer, day in paid if day is None]) == 1


@pytest.mark.parametrize(("words", "day", "outcome"), [
    # The session's second review.
    ("The 3rd", date(2027, 2, 3), None),
    ("On the 3rd went well", date(2027, 2, 3), "went well"),
    ("the 3rd, all well", date(2027, 2, 3), "all well"),
    ("the 2nd annual review went well", date(2027, 2, 10), "the 2nd annual review went well"),
])
def test_a_review_day_said_with_an_ordinal_in_any_case_or_with_a_comma(
        factory: sessionmaker[Session], placed: Router, clock: Clock, words: str, day: date,
        outcome: str | None) -> None:
    clock.now = at(date(2027, 2, 10), 10)
    assert _say(placed, f"/review done P-7 {words}", SAM).startswith(
        f"Recorded: P-7 initial review done on {day:%a} {day.day} {day:%b %Y}.")
    with factory() as session:
        [kept] = session.scalars(select(Deadline.outcome).where(
            Deadline.status == DeadlineStatus.DONE)).all()
    assert kept == outcome


@pytest.mark.parametrize(("words", "day"), [
    # The session's third review.
    ("the 2nd and final review went well", date(2027, 2, 10)),
    ("the 3rd they were happy", date(2027, 2, 3)),
    ("on 3rd went well", date(2027, 2, 3)),
    ("the 2nd review: all fine", date(2027, 2, 10)),
])
def test_a_review_day_with_an_ordinal_in_more_words(
        placed: Router, clock: Clock, words: str, day: date) -> None:
    clock.now = at(date(2027, 2, 10), 10)
    assert _say(placed, f"/review done P-7 {words}", SAM).startswith(
        f"Recorded: P-7 initial review done on {day:%a} {day.day} {day:%b %Y}.")


def test_a_question_typed_for_the_not_applicable_reason_is_not_the_reason(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # Session 30's review: "what does not applicable mean?" closed the review as its reason.
    router = _router(factory, database_url, clock)
    _say(router, f"/placement new P-7 2026-11-02 {PRIYA}", SAM)
    with factory() as session:
        review = session.scalars(select(Deadline)).one()
    _say(router, f"/not-applicable {review.id}", SAM)
    for words in ("what does not applicable mean?", "yes"):
        assert "Why does it not apply?" in _say(router, words, SAM)  # asked again
        with factory() as session:
            assert session.get_one(Deadline, review.id).status.value == "open"
    assert _say(router, "moved to another area", SAM) == (
        "Recorded: P-7 initial review marked not applicable (moved to another area).\n"
        "If the person has left the placement, /placement end P-7 [END_DATE] ends it and "
        "stops its reminders.")


def test_the_sweep_closes_the_reviews_of_a_placement_ended_before_they_were_closed_at_its_end(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    # Session 30's review: an end recorded before the session left a missed review open and
    # unchased, OVERDUE in /reminders for good ("already recorded as ended" to a second end).
    with factory() as session:
        placement = session.scalars(select(Placement).where(Placement.reference == "P-7")).one()
        placement.ended_on = date(2027, 3, 1)  # as the old /placement end left it: the
        cancel_pending(session, session.scalars(select(Deadline.id)).all())  # reminders off
        session.commit()
    clock.now = at(date(2027, 3, 20), 10)
    assert "OVERDUE" in _say(placed, "/reminders", SAM)
    sweep(factory, now=clock.now, templates=TEMPLATES, calendar=CALENDAR,
          policy=ReminderPolicy())
    assert "OVERDUE" in _say(placed, "/reminders", SAM)  # no reminder left to close it
    assert close_ended(factory, now=clock.now, policy=ReminderPolicy()) == 1  # the daily job
    assert _say(placed, "/reminders", SAM).startswith("Nothing is due for you.")
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.rule == "initial-review")).one()
    assert (review.status.value, review.done_on, review.outcome) == (
        "not_applicable", date(2027, 3, 1), "placement ended 2027-03-01")


@pytest.mark.parametrize(("words", "day", "outcome"), [
    ("thursday, all fine", "Thu 4 Feb 2027", "all fine"),
    ("last tuesday, went well", "Tue 9 Feb 2027", "went well"),
])
def test_a_review_day_said_as_a_weekday_before_a_comma(
        factory: sessionmaker[Session], placed: Router, clock: Clock, words: str, day: str,
        outcome: str) -> None:
    # Session 30's review: "thursday, all fine" was "I couldn't read the review date".
    clock.now = at(date(2027, 2, 10), 10)
    assert _say(placed, f"/review done P-7 {words}", SAM).startswith(
        f"Recorded: P-7 initial review done on {day}.")
    with factory() as session:
        kept = session.scalars(select(Deadline.outcome).where(
            Deadline.status == DeadlineStatus.DONE)).one()
    assert kept == outcome


def test_an_end_moved_later_to_a_day_past_reopens_nothing(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    # Session 30's review: "1 review deadline due by then runs again. Its open review is
    # closed: the placement has ended." for an end moved from one past day to another.
    clock.now = at(date(2027, 3, 20), 10)
    _say(placed, "/placement end P-7 2027-03-01", SAM)
    assert _say(placed, "/placement end P-7 2027-03-03", SAM) == (
        "Recorded: placement P-7 ended on Wed 3 Mar 2027 (it was recorded as Mon 1 Mar 2027). "
        "The placement's other contact is told."
        " Ended by mistake? /placement reopen P-7 undoes it.")
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.rule == "initial-review")).one()
    assert (review.status.value, review.outcome) == (
        "not_applicable", "placement ended 2027-03-03")


def test_a_provider_away_has_a_colleague_cover_their_reminders(
        factory: sessionmaker[Session], placed: Router, people: dict[str, int],
        clock: Clock) -> None:
    # Session 31's trial: a provider had no /away ("only for admins and commissioners").
    with factory() as session:
        riverside = session.get_one(Person, people["sam"]).organisation_id
    jo = make_person(factory, email="jo@riverside.example", organisation_id=riverside,
                     name="Jo")
    # Another provider's user, or the council's, is no cover for Sam's reminders.
    for email in (KIM, PRIYA):
        assert _say(placed, f"/away 2027-01-29 {email}", SAM).startswith(
            f"{email} is not an active colleague at your organisation")
    assert _say(placed, "/away 2027-01-29 jo@riverside.example", SAM) == (
        "Noted: from today until Fri 29 Jan 2027, your reminders and the news of your cases "
        "also go to Jo, who is told. Anything that needs the council, they can raise with "
        "/conflict or /feedback as usual. /away off when you are back early.")
    # P-7's initial review (due Tue 2 Feb 2027) is reminded 14 days ahead: to Sam and to Jo.
    clock.now = at(date(2027, 1, 19), 9, 1)
    sweep(factory, now=clock.now, templates=TEMPLATES, calendar=CALENDAR,
          policy=ReminderPolicy())
    with factory() as session:
        told = session.execute(select(OutboxMessage.person_id, OutboxMessage.payload).where(
            OutboxMessage.kind.in_(("person.cover", "reminder.initial-review")),
            OutboxMessage.person_id.in_((people["sam"], jo)))
            .order_by(OutboxMessage.id)).all()
    assert [(person, payload["text"].splitlines()[0]) for person, payload in told] == [
        (jo, "Sam is away until Fri 29 Jan 2027 and has named you as cover: their reminders "
             "(reviews, invoices, tenders) and the news of their cases come to you too, and "
             "you can act on them."),
        (people["sam"], told[1][1]["text"].splitlines()[0]),
        (jo, "You cover for Sam, away until Fri 29 Jan 2027:")]
    assert told[2][1]["text"].splitlines()[1:] == told[1][1]["text"].splitlines()
    assert [b["label"] for b in told[2][1]["buttons"]] == [
        "Done", "Snooze 1 day", "Snooze 1 week", "Not applicable"]
    # Back: the reminders are Sam's alone again, and Jo, who read that they cover, is told.
    with transaction(factory) as session:
        session.execute(update(OutboxMessage).values(status=OutboxStatus.SENT))
    assert _say(placed, "/away off", SAM) == (
        "Welcome back: your reminders and the news of your cases come to you alone again.")
    assert _told_texts(factory, "person.cover_ended") == [
        (jo, "Sam is back: you no longer cover for them, and their reminders and the news of "
             "their cases go to them alone again.")]


def test_a_commissioner_away_has_their_cover_sent_their_reminders_too(
        factory: sessionmaker[Session], placed: Router, people: dict[str, int],
        clock: Clock) -> None:
    # Session 32's brief: a commissioner's /away sent new cases to the cover, but their
    # reminders (a provider's go to their cover too) to nobody else.
    assert _say(placed, f"/away 2027-01-29 {BOSS}", PRIYA).startswith("Noted: from today until")
    # P-7's initial review (due Tue 2 Feb 2027) is reminded 14 days ahead: to Priya and Bo Ss.
    clock.now = at(date(2027, 1, 19), 9, 1)
    sweep(factory, now=clock.now, templates=TEMPLATES, calendar=CALENDAR,
          policy=ReminderPolicy())
    with factory() as session:
        told = session.execute(select(OutboxMessage.person_id, OutboxMessage.payload).where(
            OutboxMessage.kind == "reminder.initial-review",
            OutboxMessage.person_id.in_((people["priya"], people["boss"])))
            .order_by(OutboxMessage.id)).all()
    assert [(person, payload["text"].splitlines()[0]) for person, payload in told] == [
        (people["priya"], told[0][1]["text"].splitlines()[0]),
        (people["boss"], "You cover for Priya Shah, away until Fri 29 Jan 2027:")]
    assert told[1][1]["text"].splitlines()[1:] == told[0][1]["text"].splitlines()
    assert [b["label"] for b in told[1][1]["buttons"]] == [
        "Done", "Snooze 1 day", "Snooze 1 week", "Not applicable"]
    # The cover's Done closes it, for Priya too.
    done = told[1][1]["buttons"][0]
    assert _say_button(placed, done["action"], done["value"], BOSS).startswith(
        "Recorded: P-7 initial review done on Tue 19 Jan 2027.")


def test_a_cover_snoozing_a_covered_reminder_puts_off_the_owners_and_gets_none_of_their_own(
        factory: sessionmaker[Session], placed: Router, people: dict[str, int],
        clock: Clock) -> None:
    # Session 31's review: Jo's [Snooze 1 day] under a reminder she had as Sam's cover started
    # a reminder series of her own, which went on after Sam's /away off.
    with factory() as session:
        riverside = session.get_one(Person, people["sam"]).organisation_id
        review = session.scalars(select(Deadline).where(
            Deadline.rule == "initial-review")).one()
    jo = make_person(factory, email="jo@riverside.example", organisation_id=riverside,
                     name="Jo")
    _say(placed, "/away 2027-01-29 jo@riverside.example", SAM)

    def run_sweep(day: date) -> None:
        clock.now = at(day, 9, 1)
        sweep(factory, now=clock.now, templates=TEMPLATES, calendar=CALENDAR,
              policy=ReminderPolicy())

    def press(action: str) -> str:
        return "\n".join(reply.text for reply in placed.handle(make_incoming(
            "", sender="jo@riverside.example", action=action, action_value=str(review.id))))

    def reminded(person_id: int) -> list[str]:
        with factory() as session:
            return list(session.scalars(select(OutboxMessage.idempotency_key).where(
                OutboxMessage.kind == "reminder.initial-review",
                OutboxMessage.person_id == person_id,
                OutboxMessage.status != OutboxStatus.WITHDRAWN).order_by(OutboxMessage.id)))

    run_sweep(date(2027, 1, 19))  # 14 days ahead of Tue 2 Feb: to Sam, and to Jo as cover
    assert press(SNOOZE_DAY) == (
        "Sam's reminders of P-7 initial review wait until Wed 20 Jan 2027; while Sam is away "
        "they come to you too.")
    with factory() as session:
        assert session.scalars(select(Reminder.stage).where(
            Reminder.person_id == jo)).all() == []
        sams = session.scalars(select(Reminder.stage).where(
            Reminder.person_id == people["sam"],
            Reminder.status == ReminderStatus.PENDING).order_by(Reminder.send_at)).all()
    assert sams[0] == "snooze:2027-01-20"
    run_sweep(date(2027, 1, 20))  # the snoozed reminder: Sam's, copied to Jo once
    assert _say(placed, "/away off", SAM).startswith("Welcome back")
    # A press under the old copy after Sam is back starts nothing of Jo's.
    assert press(SNOOZE_DAY) == (
        "You are not reminded of P-7 initial review, so there is nothing to snooze (the "
        "reminders you had came while you covered for a colleague).")
    for day in (date(2027, 1, 21), date(2027, 1, 26), date(2027, 2, 1), date(2027, 2, 2),
                date(2027, 2, 4), date(2027, 2, 8)):
        run_sweep(day)
    with factory() as session:
        assert session.scalars(select(Reminder.stage).where(
            Reminder.person_id == jo)).all() == []
    # Jo's copy of the 19th, not sent yet when she pressed (no sender runs here), was
    # withdrawn with the snooze; the snoozed reminder came to her once, as Sam's cover.
    assert reminded(jo) == [f"reminder:d{review.id}:p{people['sam']}:snooze:2027-01-20:cover:{jo}"]
    # Sam's snoozed reminder was queued; with no sender running, each newer one superseded
    # the one before it (session 37), so one is left to go.
    with factory() as session:
        sams_queued = list(session.scalars(select(OutboxMessage.idempotency_key).where(
            OutboxMessage.kind == "reminder.initial-review",
            OutboxMessage.person_id == people["sam"])))
    assert any("snooze:2027-01-20" in key for key in sams_queued), sams_queued
    assert len(reminded(people["sam"])) == 1


def test_a_cover_with_their_own_reminders_snoozes_the_covered_copy_for_its_owner(
        factory: sessionmaker[Session], placed: Router, people: dict[str, int],
        clock: Clock) -> None:
    # Session 32's trial: Boss, Priya's escalation contact and her cover, pressed Snooze under
    # the copy of Priya's chase and put off his own reminders (the escalation's), not hers.
    assert _say(placed, f"/away 2027-02-26 {BOSS}", PRIYA).startswith("Noted: from today until")
    day = date(2027, 2, 2)  # P-7's initial review is due Tue 2 Feb 2027, and is not done
    while day <= date(2027, 2, 12):
        clock.now = at(day, 9, 1)
        sweep(factory, now=clock.now, templates=TEMPLATES, calendar=CALENDAR,
              policy=ReminderPolicy())
        day += timedelta(days=1)

    def stages(person: str) -> list[str]:
        with factory() as session:
            return list(session.scalars(select(Reminder.stage).where(
                Reminder.person_id == people[person], Reminder.status == ReminderStatus.PENDING)
                .order_by(Reminder.send_at)))

    with factory() as session:
        assert session.scalars(select(Reminder.id).where(
            Reminder.person_id == people["boss"], Reminder.stage == "escalation")).first()
        copy = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.person_id == people["boss"],
            OutboxMessage.idempotency_key.like("reminder:%:cover:%"))
            .order_by(OutboxMessage.id.desc())).first()
    assert copy is not None
    assert copy["text"].startswith("You cover for Priya Shah, away until Fri 26 Feb 2027:\n")
    boss_before = stages("boss")
    snooze = next(button for button in copy["buttons"] if button["action"] == SNOOZE_DAY)
    assert _say_button(placed, snooze["action"], snooze["value"], BOSS) == (
        "Priya Shah's reminders of P-7 initial review wait until Mon 15 Feb 2027; while Priya "
        "Shah is away they come to you too.")
    assert stages("priya")[0] == "snooze:2027-02-15"
    assert stages("boss") == boss_before
    # Once Priya is back, the copy's Snooze puts off nothing of Boss's own either.
    _say(placed, "/away off", PRIYA)
    assert _say_button(placed, snooze["action"], snooze["value"], BOSS) == (
        "You no longer cover for Priya Shah, so their reminders of P-7 initial review are "
        "theirs again: nothing was snoozed.")
    assert stages("boss") == boss_before


@pytest.mark.parametrize("answer", [0, 1, 2])
def test_a_past_review_answer_for_a_review_not_yet_due_records_nothing(
        factory: sessionmaker[Session], placed: Router, clock: Clock, answer: int) -> None:
    # Session 31's review: "Yes, done on DATE" pressed (forged, or kept) for P-7's initial
    # review, due Tue 2 Feb 2027, recorded it done on a day still to come.
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.rule == "initial-review")).one()
    action = ("placement.past-review.done", "placement.past-review.not-held",
              "placement.past-review.unsure")[answer]
    assert _say_button(placed, action, str(review.id), SAM) == (
        "P-7's initial review is not due until Tue 2 Feb 2027, so there is nothing to record "
        "yet. When it has happened, /review done P-7 DATE records it.")
    with factory() as session:
        kept = session.get_one(Deadline, review.id)
        assert (kept.status, kept.done_on) == (DeadlineStatus.OPEN, None)
        assert session.scalars(select(Deadline).where(Deadline.rule == "monitoring")).all() == []


def test_a_long_past_first_review_done_says_the_next_one_is_overdue(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # Session 31's review: "The next joint monitoring review is due Thu 10 Oct 2024", said in
    # December 2026.
    clock.now = at(date(2026, 12, 5), 10)
    router = _router(factory, database_url, clock)
    [added] = router.handle(make_incoming(f"/placement new P-8 2024-01-10 {PRIYA}", sender=SAM))
    yes = added.buttons[0]
    assert _say_button(router, yes.action, yes.value, SAM) == (
        "Recorded: P-8 initial review done on Wed 10 Apr 2024. The next joint monitoring review "
        "was due Thu 10 Oct 2024 (pledge 25), so it is OVERDUE. Did it happen? If it was held "
        "on another day, /review done P-8 DATE records it.")
    # Recorded so, the one after is overdue too; one still to come reads as before.
    assert _say(router, "/review done P-8 2024-10-10", SAM).endswith(
        "was due Thu 10 Apr 2025 (pledge 25), so it is OVERDUE. Did it happen? If it was held "
        "on another day, /review done P-8 DATE records it.")
    assert _say(router, "/review done P-8 2026-11-30", SAM).endswith(
        "The next joint monitoring review is due Fri 28 May 2027 (pledge 25).")


@pytest.mark.parametrize(("answer", "told", "monitoring"), [
    (0, "Recorded: P-8 monitoring review done on Thu 10 Oct 2024. The next joint monitoring "
        "review was due Thu 10 Apr 2025 (pledge 25), so it is OVERDUE. Did it happen? If it "
        "was held on another day, /review done P-8 DATE records it.",
     (DeadlineStatus.DONE, date(2024, 10, 10))),
    (1, "Noted: P-8's joint monitoring review, due Thu 10 Oct 2024, has not happened. Please "
        "arrange it now; it stays overdue in /reminders until /review done P-8 DATE records it.",
     (DeadlineStatus.OPEN, None)),
])
def test_a_next_review_already_due_asks_whether_it_happened(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock, answer: int, told: str, monitoring: tuple[DeadlineStatus, date | None]
) -> None:
    # Session 32's brief: after "Yes, done" the next 6-monthly review, already past its day,
    # was said OVERDUE but not asked about as the first one was.
    clock.now = at(date(2026, 12, 5), 10)
    router = _router(factory, database_url, clock)
    [added] = router.handle(make_incoming(f"/placement new P-8 2024-01-10 {PRIYA}", sender=SAM))
    [recorded] = router.handle(make_incoming("", sender=SAM, action=added.buttons[0].action,
                                             action_value=added.buttons[0].value))
    assert recorded.text == (
        "Recorded: P-8 initial review done on Wed 10 Apr 2024. The next joint monitoring review "
        "was due Thu 10 Oct 2024 (pledge 25), so it is OVERDUE. Did it happen? If it was held "
        "on another day, /review done P-8 DATE records it.")
    assert [button.label for button in recorded.buttons] == [
        "Yes, done on Thu 10 Oct 2024", "No", "Not sure"]
    pressed = recorded.buttons[answer]
    assert _say_button(router, pressed.action, pressed.value, SAM) == told
    with factory() as session:
        first = session.scalars(select(Deadline).where(Deadline.rule == "monitoring")
                                .order_by(Deadline.due_on)).first()
        assert first is not None
        assert (first.status, first.done_on) == monitoring


def test_a_review_recorded_with_the_next_one_still_to_come_asks_nothing(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    clock.now = at(date(2026, 12, 5), 10)
    router = _router(factory, database_url, clock)
    router.handle(make_incoming(f"/placement new P-8 2026-06-01 {PRIYA}", sender=SAM))
    [recorded] = router.handle(make_incoming("/review done P-8 2026-11-30", sender=SAM))
    assert recorded.text.endswith("The next joint monitoring review is due Fri 28 May 2027 "
                                  "(pledge 25).")
    assert recorded.buttons == ()


@pytest.mark.parametrize("outcome", [
    "social worker never booked it", "did not happen", "it didn't take place",
    "cancelled, to be rearranged", "review postponed to January", "no show from the council",
    "not booked yet", "the sw never came", "still to be booked", "meeting was called off",
    # Session 33's second trial: each recorded done.
    "moved to next week", "will do it next week", "still waiting for a date", "not yet",
    "we had to cancel", "SW off sick so review delayed",
    "family could not attend so we rescheduled",
    # Session 33's review: each recorded done.
    "no", "did not occur", "missed - sw on leave", "no review this time, sw on leave",
    "social worker off sick, rebooking for January", "rearranging for 14 Jan",
    "not possible, family unavailable", "held over to january, not yet arranged",
])
def test_a_review_closed_with_words_that_say_it_did_not_happen_stays_open(
        factory: sessionmaker[Session], placed: Router, clock: Clock, outcome: str) -> None:
    # Session 33's trial: "/done 3 social worker never booked it" recorded the overdue review
    # as done today and started the next one 6 months on; nobody was told.
    clock.now = at(date(2027, 2, 10), 10)
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.rule == "initial-review")).one()
    for typed in (f"/done {review.id} {outcome}", f"/review done P-7 {outcome}"):
        assert _say(placed, typed, SAM) == (
            f'"{outcome}" reads as if P-7\'s review did not happen, so I haven\'t recorded it '
            "as done: it stays open, due Tue 2 Feb 2027. When it has been held, /review done "
            "P-7 DATE records it; if it will not happen, /not-applicable "
            f"{review.id} REASON.")
    with factory() as session:
        kept = session.get_one(Deadline, review.id)
        assert (kept.status, kept.done_on) == (DeadlineStatus.OPEN, None)
        assert session.scalars(select(Deadline).where(Deadline.rule == "monitoring")).all() == []


@pytest.mark.parametrize("outcome", [
    "went well, no changes", "held with family, social worker did not attend",
    # (a day told, "held on the 3rd instead", is the day recorded: test_done_days.py)
    "first date cancelled, held a week later instead", "cancelled the extra evening visit",
    "package reduced, she never needs the night call now",
    # Session 33's second trial: refused.
    "did not happen in person, but was done by phone instead", "no show of concerns, maintain",
    # Session 33's review: refused.
    "reviewed with family, paperwork not done yet",
])
def test_a_review_closed_with_words_about_what_was_decided_is_recorded(
        factory: sessionmaker[Session], placed: Router, clock: Clock, outcome: str) -> None:
    clock.now = at(date(2027, 2, 10), 10)
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.rule == "initial-review")).one()
    assert _say(placed, f"/done {review.id} {outcome}", SAM).startswith(
        "Recorded: P-7 initial review done on Wed 10 Feb 2027.")
    with factory() as session:
        assert session.get_one(Deadline, review.id).outcome == outcome


def _told_texts(factory: sessionmaker[Session], kind: str) -> list[tuple[int, str]]:
    with factory() as session:
        return [(message.person_id, message.payload["text"]) for message in session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id))]


def test_an_invoice_marked_paid_or_a_review_recorded_tells_the_other_side(
        factory: sessionmaker[Session], placed: Router, clock: Clock,
        people: dict[str, int]) -> None:
    # Session 33's trial: "/invoice paid INV-2041" by the commissioner and the provider's
    # "/review done" and "/not-applicable" left the other side's /reminders without a word.
    _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    assert _say(placed, "/invoice paid INV-1", PRIYA).startswith("Invoice INV-1 recorded as paid")
    [(person, text)] = _told_texts(factory, "deadline.paid")
    assert person == people["sam"]
    assert text.startswith("Priya Shah of Northshire recorded invoice INV-1 as paid on ")
    # Again (a corrected day) tells nobody twice.
    _say(placed, "/invoice paid INV-1", PRIYA)
    assert len(_told_texts(factory, "deadline.paid")) == 1
    clock.now = at(date(2027, 1, 20), 10)
    assert _say(placed, "/review done P-7 went well", SAM).startswith("Recorded: P-7 initial")
    [(person, text)] = _told_texts(factory, "deadline.done")
    assert person == people["priya"]
    assert text == ('Sam of Riverside recorded P-7 initial review done on Wed 20 Jan '
                    '2027: "went well". The next joint monitoring review is due Tue 20 Jul '
                    '2027.')
    with factory() as session:
        monitoring = session.scalars(select(Deadline).where(
            Deadline.rule == "monitoring")).one()
    _say(placed, f"/not-applicable {monitoring.id} moved to another area", SAM)
    [(person, text)] = _told_texts(factory, "deadline.not_applicable")
    assert (person, text) == (people["priya"], 'Sam of Riverside marked P-7 '
                              'monitoring review not applicable: "moved to another area".')
    # What one's own side did is not sent back to it.
    assert people["sam"] not in [p for p, _ in _told_texts(factory, "deadline.done")]


def test_a_placement_ended_by_mistake_is_reopened_with_its_reviews(
        factory: sessionmaker[Session], placed: Router, people: dict[str, int]) -> None:
    # Session 33's trial: "/placement end RC-102" (the wrong one) ended it at once; "undo
    # that", "/placement reopen RC-102" and adding it again were all refused.
    ended = _say(placed, "/placement end P-7", PRIYA)
    assert ended.endswith("Ended by mistake? /placement reopen P-7 undoes it.")
    assert _say(placed, "/placement reopen P-7", PRIYA) == (
        "Placement P-7 is running again: its end on Mon 2 Nov 2026 is undone. Its review "
        "runs again, with its reminders: /reminders shows it. The placement's other contact "
        "is told.")
    with factory() as session:
        placement = session.scalars(select(Placement)).one()
        review = session.scalars(select(Deadline).where(
            Deadline.rule == "initial-review")).one()
        assert placement.ended_on is None
        assert (review.status, review.done_on, review.outcome) == (
            DeadlineStatus.OPEN, None, None)
        assert session.scalars(select(Reminder.id).where(
            Reminder.deadline_id == review.id,
            Reminder.status == ReminderStatus.PENDING)).first() is not None
    [(person, text)] = _told_texts(factory, "placement.reopened")
    assert person == people["sam"]
    assert text == ("Priya Shah undid the end of placement P-7 (it was recorded as ended on Mon "
                    "2 Nov 2026): it is running again, and its review runs again.")
    assert _say(placed, "/placement reopen P-7", PRIYA) == (
        "Placement P-7 is not recorded as ended, so there is nothing to undo.")
    assert _say(placed, "/placement reopen P-99", PRIYA).startswith("I don't know")


@pytest.mark.parametrize("outcome", ["still not paid", "not paid, chasing", "unpaid",
                                     "part paid", "still outstanding", "awaiting payment",
                                     # session 33's review: recorded paid
                                     "payment not received", "not fully paid", "no payment yet",
                                     "council says next payment run", "bounced, not received",
                                     # session 36's second review: recorded paid (an e-mail
                                     # reply "Paid nothing so far, please chase" presses it)
                                     "nothing so far, please chase", "only half of it so far",
                                     "half paid, rest still owed"])
def test_an_invoice_closed_with_words_that_say_it_is_not_paid_stays_open(
        factory: sessionmaker[Session], placed: Router, outcome: str) -> None:
    # Session 33's second trial: "/done 4 still not paid" recorded INV-2052 paid today and
    # told the council so.
    _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    with factory() as session:
        payment = session.scalars(select(Deadline).where(Deadline.rule == "payment")).one()
    assert _say(placed, f"/done {payment.id} {outcome}", SAM) == (
        f'"{outcome}" reads as if invoice INV-1 is not paid yet, so I haven\'t recorded it as '
        "paid. When it is paid, /invoice paid INV-1 DATE records it; if it will not be paid "
        f"(sent in error), /not-applicable {payment.id} REASON.")
    with factory() as session:
        assert session.scalars(select(Invoice.paid_on)).one() is None
        assert session.get_one(Deadline, payment.id).status == DeadlineStatus.OPEN
    assert _told_texts(factory, "deadline.paid") == []
    # Said paid in words, it is (session 33's review: "paid in full, nothing outstanding"
    # was refused).
    assert _say(placed, f"/done {payment.id} paid in full, nothing outstanding",
                SAM).startswith("Invoice INV-1 recorded as paid")


def test_an_invoice_marked_not_applicable_leaves_the_invoice_list(
        factory: sessionmaker[Session], placed: Router) -> None:
    # Session 33's second trial: /reminders dropped it, /invoice list still showed it unpaid.
    _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    _say(placed, "/invoice received INV-2 2026-11-02 200 P-7", SAM)
    with factory() as session:
        first = session.scalars(select(Deadline).where(
            Deadline.rule == "payment").order_by(Deadline.id)).first()
        assert first is not None
    assert "INV-1" in _say(placed, "/invoice list", SAM)
    _say(placed, f"/not-applicable {first.id} sent in error", SAM)
    listed = _say(placed, "/invoice list", SAM)
    assert "INV-2" in listed
    assert "INV-1" not in listed


def test_a_colleague_recording_a_review_tells_the_placements_own_commissioner_and_their_cover(
        factory: sessionmaker[Session], placed: Router, clock: Clock,
        people: dict[str, int]) -> None:
    # Session 33's second trial: Priya's colleague's "/review done" told the provider only;
    # while Priya was away, Sam's told Priya and not her cover.
    clock.now = at(date(2027, 1, 20), 10)
    assert _say(placed, "/away 29/01/2027 boss@northshire.example", PRIYA).startswith(
        "Noted: from today until Fri 29 Jan 2027")
    _say(placed, "/review done P-7 went well", SAM)
    told = _told_texts(factory, "deadline.done")
    assert [person for person, _text in told] == [people["priya"], people["boss"]]
    assert told[1][1].startswith(
        "You cover for Priya Shah, away until Fri 29 Jan 2027:\nSam of Riverside recorded P-7")


def test_a_placement_ended_or_reopened_tells_the_other_sides_cover_while_they_are_away(
        factory: sessionmaker[Session], placed: Router, clock: Clock,
        people: dict[str, int]) -> None:
    # Session 36: the placement's other contact away (/away), their cover heard nothing of its
    # end, as they do of a review recorded or an invoice paid (``deadlines_closed_told``).
    with factory() as session:
        riverside = session.get_one(Person, people["sam"]).organisation_id
    jo = make_person(factory, email="jo@riverside.example", organisation_id=riverside,
                     name="Jo")
    clock.now = at(date(2026, 12, 1), 10)
    _say(placed, "/away 2026-12-06 jo@riverside.example", SAM)
    assert _say(placed, "/placement end P-7 2026-12-01", PRIYA).endswith(
        "The placement's other contact is told. Ended by mistake? /placement reopen P-7 "
        "undoes it.")
    ended = ("Priya Shah recorded that placement P-7 ended on Tue 1 Dec 2026; its open review "
             "is closed.")
    assert _told_texts(factory, "placement.ended") == [
        (people["sam"], ended), (jo, f"You cover for Sam, away until Sun 6 Dec 2026:\n{ended}")]
    # Sam's end of it tells Priya's cover, Boss, while she is away.
    _say(placed, "/placement reopen P-7", PRIYA)
    _say(placed, f"/away 2026-12-18 {BOSS}", PRIYA)
    _say(placed, "/placement end P-7 2026-12-02", SAM)
    told = _told_texts(factory, "placement.ended")[2:]
    covering = "You cover for Priya Shah, away until Fri 18 Dec 2026:\nSam recorded"
    assert [(person, text.startswith(covering)) for person, text
            in told] == [(people["priya"], False), (people["boss"], True)]
    # Back (after his return day), Sam alone is told.
    clock.now = at(date(2026, 12, 7), 10)
    _say(placed, "/placement reopen P-7", PRIYA)
    assert [person for person, _text in _told_texts(factory, "placement.reopened")] == [
        people["sam"], jo, people["sam"]]


def test_a_reopened_placement_keeps_a_review_clock_and_leaves_reviews_closed_by_hand(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    # Session 33's review: a review done while the end stood opened no next one, and reopening
    # left the placement with no review clock; a review closed by hand with words starting
    # "placement ended" was reopened.
    clock.now = at(date(2026, 12, 10), 10)
    _say(placed, "/placement end P-7 2027-03-01", SAM)
    assert _say(placed, "/review done P-7 2026-12-03", SAM).startswith("Recorded: P-7 initial")
    assert _say(placed, "/placement reopen P-7", SAM).startswith("Placement P-7 is running again")
    with factory() as session:
        monitoring = session.scalars(select(Deadline).where(
            Deadline.rule == "monitoring", Deadline.status == DeadlineStatus.OPEN)).one()
        assert monitoring.due_on == date(2027, 6, 3)
    _say(placed, f"/not-applicable {monitoring.id} placement ended when she moved", SAM)
    _say(placed, "/placement end P-7 2027-03-05", SAM)
    _say(placed, "/placement reopen P-7", SAM)
    with factory() as session:
        kept = session.get_one(Deadline, monitoring.id)
        assert (kept.status, kept.outcome) == (DeadlineStatus.NOT_APPLICABLE,
                                               "placement ended when she moved")


def test_an_invoice_marked_not_applicable_by_the_council_is_told_to_the_provider(
        factory: sessionmaker[Session], placed: Router, people: dict[str, int]) -> None:
    # Session 34's trial: the council marked a disputed invoice not applicable; it left the
    # provider's /invoice list and /reminders unsaid, and sent again it said "nothing changed".
    _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    with factory() as session:
        payment = session.scalars(select(Deadline).where(Deadline.rule == "payment")).one()
    _say(placed, f"/not-applicable {payment.id} disputed", PRIYA)
    [(person, text)] = _told_texts(factory, "deadline.not_applicable")
    assert person == people["sam"]
    assert text.endswith('marked invoice INV-1 not applicable: "disputed". Its payment clock '
                         "has stopped and it is off your /reminders; if it is still owed, "
                         "/conflict raises it with the council.")
    again = _say(placed, "/invoice received INV-1 2026-11-02 100 P-7", SAM)
    assert again.endswith('nothing changed. Its payment clock was marked not applicable on '
                          'Mon 2 Nov 2026 ("disputed"); if it is still owed, /conflict raises '
                          "it with the council."), again


def test_a_review_dated_before_the_latest_review_recorded_is_refused(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    # Session 34's trial: "02/09/2026" typed for a later day was recorded as the next review,
    # months before the review it followed, and moved the next review's day earlier.
    clock.now = at(date(2027, 3, 1), 10)
    assert _say(placed, "/review done P-7 01/02/2027 went well", SAM).startswith(
        "Recorded: P-7 initial review done on Mon 1 Feb 2027.")
    assert _say(placed, "/review done P-7 10/12/2026 maintain", SAM) == (
        "The review date Thu 10 Dec 2026 is before P-7's latest review, recorded done on "
        "Mon 1 Feb 2027, so I haven't recorded it. Please check the date: "
        "/review done P-7 DD/MM/YYYY.")
    with factory() as session:
        done = session.scalars(select(Deadline.done_on).where(
            Deadline.status == DeadlineStatus.DONE)).all()
        due = session.scalars(select(Deadline.due_on).where(
            Deadline.status == DeadlineStatus.OPEN, Deadline.placement_id.is_not(None))).all()
    assert done == [date(2027, 2, 1)]
    assert due == [date(2027, 7, 30)]  # six months on, the working day before a Sunday


def test_a_revisit_after_a_change_in_condition_may_be_dated_before_a_later_review(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    # Session 34's review: a revisit after a change in condition recorded, a review held
    # before it was refused as "before the latest review" and stayed overdue.
    clock.now = at(date(2026, 11, 20), 10)
    # (here the revisit, due first, is recorded first, and the initial review after it is
    # dated before it)
    assert _say(placed, "/condition-change P-7 9/11/2026", SAM).startswith("Noted.")
    assert _say(placed, "/review done P-7 12/11/2026 revisit held", SAM).startswith(
        "Recorded: P-7")
    assert _say(placed, "/review done P-7 10/11/2026 initial review held", SAM).startswith(
        "Recorded: P-7 initial review done on Tue 10 Nov 2026")
    with factory() as session:
        done = sorted(session.scalars(select(Deadline.rule).where(
            Deadline.status == DeadlineStatus.DONE)).all())
    assert done == ["condition-change", "initial-review"]


def test_a_subcontractors_invoice_marked_not_applicable_does_not_point_it_to_the_council(
        factory: sessionmaker[Session], placed: Router, clock: Clock) -> None:
    # Session 34's review: the prime marked its subcontractor's invoice not applicable and the
    # subcontractor was told "/conflict raises it with the council", who is not its payer.
    from handlers.deadlines import imports as deadline_imports

    deadline_imports.import_invoices(
        factory, (b"number,issuer,payer,amount,received_on,placement_reference,paid_on\n"
                  b"SUB-7,Hillview,Riverside,50.00,2026-11-03,,\n"), source="sub.csv",
        calendar=WorkingCalendar(), policy=ReminderPolicy(), now=at(date(2026, 11, 5), 10))
    clock.now = at(date(2026, 11, 5), 10)
    with factory() as session:
        payment = session.scalars(select(Deadline).where(Deadline.rule == "payment")).one()
    assert _say(placed, f"/not-applicable {payment.id} work not delivered", SAM).startswith(
        "Recorded")
    told = _told_texts(factory, "deadline.not_applicable")
    assert told, "the subcontractor is told"
    for _person, text in told:
        assert text.endswith('marked invoice SUB-7 not applicable: "work not delivered".')


@pytest.mark.parametrize(("command", "told"), [
    ("done 2", "deadline.done"), ("not-applicable 2", "deadline.not_applicable"),
    ("review done P-8", "deadline.done")])
def test_harm_told_in_an_outcome_reaches_the_hub_without_the_deadlines_number(
        factory: sessionmaker[Session], placed: Router, command: str, told: str) -> None:
    # Session 35's brief: "/done 2 review held, a carer slapped her" (the 2 picking one of
    # two reviews) reached the safeguarding hub as "2 review held, a carer slapped her".
    assert _say(placed, f"/placement new P-8 2026-11-02 {PRIYA}", SAM).startswith(
        "Placement P-8 added")
    words = "review held, a carer slapped her"
    said = _say(placed, f"/{command} {words}", SAM)
    assert said.startswith("This sounds like a safeguarding concern.")
    with factory() as session:
        [concern] = session.scalars(select(Case).where(Case.kind == CaseKind.SAFEGUARDING))
        [alert] = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised"))
        notices = [message.payload["text"] for message in session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == told))]
        closed = session.get_one(Deadline, 2)
    # "/review done P-8 ...": the outcome alone too (the mend's brief: the hub's case began
    # "done P-8 ..."); the About line names the placement.
    assert concern.description == words
    assert f'\n"{words}"\nAbout: placement P-8 (told on deadline #2, ' in alert.payload[
        "text"]
    # The deadline keeps the words without the number; the commissioner's notice holds them
    # back (session 35's brief: it quoted the harm the hub already had) and says where they
    # went, as a form does with words withheld; the sender is told so.
    assert (closed.outcome, len(notices)) == (words, 1)
    assert "slapped" not in notices[0]
    assert "they wrote went to the safeguarding hub only." in notices[0]
    assert "you wrote went to the safeguarding hub only, not to Priya Shah." in said


@pytest.mark.parametrize("command", ["done", "not-applicable"])
def test_harm_told_on_an_invoices_deadline_names_the_invoice_in_the_hubs_about_line(
        factory: sessionmaker[Session], placed: Router, command: str) -> None:
    # The mend's brief: "/not-applicable 2 invoice withdrawn; her son has been taking money
    # from her purse" on invoice CT-0901's deadline raised a case with no About line.
    assert _say(placed, "/invoice received CT-0901 2026-11-02 100 P-7", SAM).startswith(
        "Invoice CT-0901")
    with factory() as session:
        payment = session.scalars(select(Deadline).where(Deadline.rule == "payment")).one()
        placement = session.scalars(select(Placement).where(Placement.reference == "P-7")).one()
    words = "invoice withdrawn; her son has been taking money from her purse"
    assert _say(placed, f"/{command} {payment.id} {words}", SAM).startswith(
        "This sounds like a safeguarding concern.")
    with factory() as session:
        [concern] = session.scalars(select(Case).where(Case.kind == CaseKind.SAFEGUARDING))
        [alert] = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised"))
    assert (concern.description, concern.placement_id) == (words, placement.id)
    assert (f'\n"{words}"\nAbout: invoice CT-0901 for placement P-7 (told on deadline '
            f'#{payment.id}).\n') in alert.payload["text"]


def test_harm_told_on_a_tenders_deadline_names_it_in_the_hubs_about_line(
        factory: sessionmaker[Session], tendered: Router) -> None:
    with factory() as session:
        deadline = session.scalars(select(Deadline).where(
            Deadline.tender_id.is_not(None), Deadline.provider_contact_id.is_not(None))
            .order_by(Deadline.id)).first()
        assert deadline is not None
        sender = session.get_one(Person, deadline.provider_contact_id).email
    words = "not bidding; a carer slapped her yesterday"
    assert _say(tendered, f"/not-applicable {deadline.id} {words}", sender).startswith(
        "This sounds like a safeguarding concern.")
    with factory() as session:
        [alert] = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised"))
    assert (f'\n"{words}"\nAbout: {deadline.reference} (told on deadline '
            f'#{deadline.id}).\n') in alert.payload["text"]
