"""An invoice disputed by the one who pays it, and settled (session 36's trial: neither side
could record a dispute, so a disputed invoice headed for a false OVERDUE and escalation)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.messages import Button
from bot.models import (
    AuditEvent,
    Deadline,
    DeadlineStatus,
    Invoice,
    Organisation,
    OutboxMessage,
    Person,
    Question,
    Reminder,
    ReminderStatus,
)
from bot.templates import make_templates
from handlers.deadlines.chat import (
    AmountTyped,
    DisputeAmount,
    amount_typed,
    dispute_amount,
    invoice_dispute_typed,
    number_in_words,
)
from handlers.deadlines.store import ReminderPolicy
from handlers.deadlines.sweep import sweep
from scheduler.rules import WorkingCalendar
from tests.factories import Clock, count_rows, make_incoming, make_organisation
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



@pytest.mark.parametrize(("typed", "disputed", "reason"), [
    # Session 38's brief: a bare amount disputed the whole £980, "120" kept in the reason.
    # Unmistakably pounds: pence, a thousands comma, a currency word, or alone before a colon,
    # a dash or the end (session 38's review: "120 two visits" is asked, below).
    ("120: two visits not delivered", "120.00", "two visits not delivered"),
    ("120 - two visits not delivered", "120.00", "two visits not delivered"),
    ("120.50 two visits not delivered", "120.50", "two visits not delivered"),
    ("120 pounds two visits not delivered", "120.00", "two visits not delivered"),
    ("120 quid - two visits not delivered", "120.00", "two visits not delivered"),
    ("£120: two visits not delivered", "120.00", "two visits not delivered"),
    ("120", "120.00", ""),
])
def test_a_bare_amount_after_the_number_disputes_that_much(
        factory: sessionmaker[Session], router: Router, typed: str, disputed: str,
        reason: str) -> None:
    assert say(router, f"/invoice disputed INV-2043 {typed}", PRIYA).startswith(
        f"Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026): £{disputed} of "
        f"it is recorded as disputed{': ' + reason if reason else ''}. The rest, ")
    assert _payment_clocks(factory) == [
        (DeadlineStatus.OPEN,
         f"part disputed £{disputed}: {reason}" if reason else f"part disputed £{disputed}")]
    assert _told(factory, SAM)[0].startswith(f"Northshire has disputed £{disputed} of your "
                                             "invoice INV-2043")


def test_a_bare_amount_more_than_the_invoice_is_refused_as_one_in_pounds(
        factory: sessionmaker[Session], router: Router) -> None:
    assert say(router, "/invoice disputed INV-2043 1,200 not agreed", PRIYA) == (
        "£1,200.00 is more than invoice INV-2043's £980.00. To dispute all of it: "
        "/invoice disputed INV-2043 REASON.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert _told(factory, SAM) == []


# One router for each table of dialogs below (session 40: a database for each row cost the
# file's tables 13 s); every row is still tried and asserted, the rows wrong all listed.
_COUNTS = [
    "3 visits not delivered", "2 missed visits", "10 days late", "14 hours not worked",
    # Session 38's review: a date or a year is the reason's, not pounds ("12 Nov" disputed
    # £12.00 of it, the reason "Nov visit not delivered").
    "12 Nov visit not delivered", "12 November visit not delivered", "12/11 visit not made",
    "2025 invoice already paid", "2025", "2043 duplicate of INV-2042", "3 weekends not covered",
    "1.5 hours short",
    # Session 39's brief: a small count of a unit of care, a word or two before it, was asked
    # about ("Is 3 an amount in pounds?").
    "3 double-up visits not delivered", "2 respite nights", "2 double up calls not delivered",
    "5 double handed calls", "2 bank holidays", "2 service users not supported",
    "5 missing visits", "4 shortened visits", "2 no-show visits", "2 of the visits were missed",
    "3 of 5 visits", "3 double-ups not covered", "1 resident not supported", "2 sleep-ins",
    "1 client", "4 carer hours",
    # A bare number as much as the invoice's £980, or more, is no part of it in pounds: it is
    # the reason's, not offered as pounds (which would be refused).
    "1500 not agreed", "980 not delivered", "2000 not agreed",
]


def test_a_number_that_counts_something_is_part_of_the_reason(
        factory: sessionmaker[Session], router: Router) -> None:
    # "3 visits", "10 days": a count, not pounds; the whole is disputed, with the count kept
    # in the reason the reply shows. Each settled before the next (its clock opened again).
    wrong = []
    for row, typed in enumerate(_COUNTS):
        if row:
            say(router, "/invoice undisputed INV-2043", PRIYA)
        reply = say(router, f"/invoice disputed INV-2043 {typed}", PRIYA)
        clocks = _payment_clocks(factory)
        paused = [(DeadlineStatus.NOT_APPLICABLE, f"disputed: {said}")
                  for said in _COUNTS[:row + 1]]
        if not reply.startswith(
                f"Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is "
                f"recorded as disputed: {typed}. Its payment clock is paused") or clocks != paused:
            wrong.append((typed, reply, clocks[-1:]))
    assert wrong == []


_ASKED = [
    # Session 38's review: any bare number was read as pounds unless a listed counting word
    # followed ("2 double up calls not delivered" disputed £2.00, the count dropped from the
    # reason). Neither is guessed: both forms are shown, nothing is recorded.
    ("2 not delivered",
     "Is 2 an amount in pounds? For £2 of invoice INV-2043: /invoice disputed INV-2043 £2 "
     "not delivered. For all of it, start the reason with a word: /invoice "
     "disputed INV-2043 two not delivered. Nothing is recorded yet."),
    ("50 for the visits",
     "Is 50 an amount in pounds? For £50 of invoice INV-2043: /invoice disputed INV-2043 £50 "
     "for the visits. For all of it, start the reason with a word: /invoice "
     "disputed INV-2043 fifty for the visits. Nothing is recorded yet."),
    ("979 not delivered",
     "Is 979 an amount in pounds? For £979 of invoice INV-2043: /invoice disputed INV-2043 "
     "£979 not delivered. For all of it, start the reason with a word, not a number: /invoice "
     "disputed INV-2043 REASON. Nothing is recorded yet."),
    ("120 double up calls not delivered",
     "Is 120 an amount in pounds? For £120 of invoice INV-2043: /invoice disputed INV-2043 "
     "£120 double up calls not delivered. For all of it, start the reason with a word, not a "
     "number: /invoice disputed INV-2043 REASON. Nothing is recorded yet."),
    # Session 39's brief: a day and month with a point ("12.11") before a visit: a date, or
    # pence? Asked, the date offered with its month in words, which is read as the reason's.
    ("12.11 visit not made",
     "Is 12.11 an amount in pounds? For £12.11 of invoice INV-2043: /invoice disputed "
     "INV-2043 £12.11 visit not made. For all of it, write the date with its month: /invoice "
     "disputed INV-2043 12 Nov visit not made. Nothing is recorded yet."),
    ("120 two visits not delivered",
     "Is 120 an amount in pounds? For £120 of invoice INV-2043: /invoice disputed INV-2043 "
     "£120 two visits not delivered. For all of it, start the reason with a word, not a "
     "number: /invoice "
     "disputed INV-2043 REASON. Nothing is recorded yet."),
    ("21 missed", "Is 21 an amount in pounds? For £21 of invoice INV-2043: /invoice disputed "
     "INV-2043 £21 missed. For all of it, start the reason with a word: /invoice disputed "
     "INV-2043 twenty-one missed. Nothing is recorded yet."),
    # A long reason is shown cut, and with no phone number, as it would be kept.
    ("2 were not delivered on time, the family called 07700 900123 about it twice",
     "Is 2 an amount in pounds? For £2 of invoice INV-2043: /invoice disputed INV-2043 £2 "
     "were not delivered on time, the family called … For all of it, start the reason "
     "with a word: /invoice disputed INV-2043 two were not delivered on time, the family "
     "called … Nothing is recorded yet."),
]


def test_a_bare_number_that_may_be_pounds_or_a_count_is_asked_about(
        factory: sessionmaker[Session], router: Router) -> None:
    wrong = [(typed, said) for typed, reply in _ASKED
             if (said := say(router, f"/invoice disputed INV-2043 {typed}", PRIYA)) != reply]
    assert wrong == []
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert _told(factory, SAM) == []


def test_the_pounds_form_the_question_shows_records_the_reason_typed(
        factory: sessionmaker[Session], router: Router) -> None:
    # The second review: the question showed "£2 REASON", and typed as shown it recorded the
    # reason "REASON" and told the provider so.
    asked = say(router, "/invoice disputed INV-2043 2 not delivered on the day", PRIYA)
    shown = asked.split(": ", 1)[1].split(". For all of it", 1)[0]
    assert shown == "/invoice disputed INV-2043 £2 not delivered on the day"
    recorded = say(router, shown, PRIYA)
    assert "£2.00 of it is recorded as disputed: not delivered on the day" in recorded
    assert "REASON" not in recorded


@pytest.mark.parametrize(("typed", "quoted"), [
    ("0", "0"), ("0: test", "0"), ("0 test", "0"), ("£0 test", "£0"),
    ("0.00 pounds", "0.00 pounds"),
])
def test_an_amount_of_nothing_is_refused_in_the_words_typed(
        factory: sessionmaker[Session], router: Router, typed: str, quoted: str) -> None:
    # Session 38's review: "0 test" was answered "The amount '£0' must be...".
    assert say(router, f"/invoice disputed INV-2043 {typed}", PRIYA) == (
        f"The amount '{quoted}' must be a positive sum in pounds and pence.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]


def _corrected(router: Router, text: str) -> str:
    """Sam sends the invoice again with ``text``'s details and presses "Yes, replace it"."""
    [asked] = router.handle(make_incoming(text, sender=SAM))
    assert [button.label for button in asked.buttons] == ["Yes, replace it", "No, keep it"]
    return "\n".join(reply.text for reply in router.handle(make_incoming(
        sender=SAM, action=asked.buttons[0].action, action_value=asked.buttons[0].value)))


def test_a_correction_clears_a_part_dispute_and_says_so_to_both_sides(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 38's brief: the corrected invoice's new clock dropped the £120 dispute unsaid.
    say(router, "/invoice disputed INV-2043 £120 two visits not delivered", PRIYA)
    [asked] = router.handle(make_incoming("/invoice received INV-2043 20/11/2026 860 P-7",
                                          sender=SAM))
    assert asked.text.endswith(
        "The dispute Northshire recorded over £120.00 of it (two visits not delivered) is then "
        "cleared.")
    assert _corrected(router, "/invoice received INV-2043 20/11/2026 860 P-7") == (
        "Corrected: invoice INV-2043 for £860.00 to Northshire (placement P-7) recorded as "
        "received on Fri 20 Nov 2026. It is already 9 days past the pledge's aim, Mon 30 Nov "
        "2026 (10 days, pledge 29); the legal limit is Sat 19 Dec 2026 (30 days, counting the "
        "day a valid invoice was received).\n"
        "The dispute Northshire recorded over £120.00 of it (two visits not delivered) is "
        "cleared by the correction; Priya Shah has been told.")
    assert _told(factory, PRIYA) == [
        "Riverside has corrected invoice INV-2043 (now £860.00, received Fri 20 Nov 2026, "
        "placement P-7). The dispute you recorded over £120.00 of it (two visits not "
        "delivered) is cleared by the correction: all £860.00 is due by the legal limit, Sat "
        "19 Dec 2026. If some is still disputed: /invoice disputed INV-2043 £AMOUNT REASON."]
    assert _payment_clocks(factory) == [
        (DeadlineStatus.NOT_APPLICABLE, "invoice details corrected"), (DeadlineStatus.OPEN, None)]
    assert "disputed" not in say(router, "/invoice list", PRIYA)


def test_a_correction_clears_a_whole_dispute_and_says_so_to_both_sides(
        factory: sessionmaker[Session], router: Router) -> None:
    # Its notice asks for corrected details; sent, the paused clock ran again unsaid.
    say(router, "/invoice disputed INV-2043 hours dont match rota", PRIYA)
    assert _corrected(router, "/invoice received INV-2043 20/11/2026 900 P-7").endswith(
        "\nThe dispute Northshire recorded on Wed 9 Dec 2026 (hours dont match rota) is "
        "cleared by the correction; Priya Shah has been told.")
    assert _told(factory, PRIYA) == [
        "Riverside has corrected invoice INV-2043 (now £900.00, received Fri 20 Nov 2026, "
        "placement P-7). The dispute you recorded on Wed 9 Dec 2026 (hours dont match rota) "
        "is cleared by the correction: its payment clock runs again, legal limit Sat 19 Dec "
        "2026. If it is still disputed: /invoice disputed INV-2043 REASON."]
    assert [status for status, _outcome in _payment_clocks(factory)] == [
        DeadlineStatus.NOT_APPLICABLE, DeadlineStatus.OPEN]
    assert "Disputed (payment clock paused)" not in say(router, "/invoice list", PRIYA)


def _pounds(figure: str, typed: str, reason: str) -> DisputeAmount:
    return DisputeAmount(figure=figure, typed=typed, reason=reason, clear=True)


def _asked(figure: str, reason: str) -> DisputeAmount:
    return DisputeAmount(figure=figure, typed=figure, reason=reason, clear=False)


@pytest.mark.parametrize(("words", "expected"), [
    ("£120 two visits", _pounds("120", "£120", "two visits")),
    ("120", _pounds("120", "120", "")),
    ("120.50: two visits", _pounds("120.50", "120.50", "two visits")),
    ("120.50 two visits", _pounds("120.50", "120.50", "two visits")),
    ("120 GBP", _pounds("120", "120 GBP", "")),
    ("120 quid two visits", _pounds("120", "120 quid", "two visits")),
    ("1,120 - rota", _pounds("1,120", "1,120", "rota")),
    ("1,120 not agreed", _pounds("1,120", "1,120", "not agreed")),
    ("120: two visits", _pounds("120", "120", "two visits")),
    ("120 \u2013 two visits", _pounds("120", "120", "two visits")),
    ("0 test", _asked("0", "test")),
    ("3 visits not delivered", None),
    ("2 missed visits", None),
    ("2026 rates not applied", None),
    ("07700 900123 call her", None),
    ("10:30 visit not made", None),
    ("12.11.2026 visit", None),
    ("10-12 visits", None),
    ("hours dont match rota", None),
    # Session 38's review: each of these was read as pounds.
    ("12 Nov visit not delivered", None),
    ("12 November visit", None),
    ("12/11 visit", None),
    ("2025 invoice already paid", None),
    ("2025", None),
    ("2043 duplicate of INV-2042", None),
    ("3 weekends", None),
    ("6 meals", None),
    ("3 appointments", None),
    ("3 mths", None),
    ("1,120 hours not worked", None),
    # Session 39's brief: a small count of a unit of care, with a word or two between, is the
    # reason's (session 38's review had them asked).
    ("2 double up calls not delivered", None),
    ("3 double-up visits", None),
    ("3 double-ups", None),
    ("5 double handed calls", None),
    ("2 respite nights", None),
    ("2 bank holidays", None),
    ("2 service users", None),
    ("5 missing visits", None),
    ("4 shortened visits", None),
    ("2 no-show visits", None),
    ("2 of the visits were missed", None),
    ("3 of 5 visits", None),
    ("1 resident", None),
    ("2 sleep-ins", None),
    # ... but not a number that may be pounds for them, nor a count of no unit.
    ("50 for the visits", _asked("50", "for the visits")),
    ("40 towards the calls", _asked("40", "towards the calls")),
    ("120 double up calls", _asked("120", "double up calls")),
    ("2 two hour calls", _asked("2", "two hour calls")),
    ("2 missed", _asked("2", "missed")),
    ("2 not delivered", _asked("2", "not delivered")),
    ("101 not our placement", _asked("101", "not our placement")),
    ("120, two visits", _asked("120", "two visits")),
    # As much as the invoice or more: the reason's, whatever follows.
    ("980 not delivered", None),
    ("1500 not agreed", None),
    ("1,500 not agreed", _pounds("1,500", "1,500", "not agreed")),  # refused as more
])
def test_dispute_amount(words: str, expected: DisputeAmount | None) -> None:
    assert dispute_amount(words, invoiced=98_000, year=2026) == expected


@pytest.mark.parametrize(("words", "expected"), [
    # Session 39's brief: a year-like number was never pounds, even of a £5,000 invoice.
    ("2000 not agreed", _asked("2000", "not agreed")),
    ("2000", _asked("2000", "")),
    ("2026 rates not applied", None),
    ("2025 invoice already paid", None),
    ("2025 prices", None),
    ("2000 pounds not agreed", _pounds("2000", "2000 pounds", "not agreed")),
    ("£2000 not agreed", _pounds("2000", "£2000", "not agreed")),
    # A day and month with a point: asked, never pence unasked.
    ("12.11 visit", DisputeAmount(figure="12.11", typed="12.11", reason="visit", clear=False,
                                  day_month="12 Nov")),
    ("1.05 calls missed", DisputeAmount(figure="1.05", typed="1.05", reason="calls missed",
                                        clear=False, day_month="1 May")),
    ("12.11", _pounds("12.11", "12.11", "")),
    ("12.50 visit", None),
    ("1.5 hours short", None),
    ("12.11 hours short", None),
    # Session 40's brief: shorthand, words and a comma for the point were not read, and "£2k"
    # was refused as unreadable.
    ("£2k not delivered", _pounds("2k", "£2k", "not delivered")),
    ("£1.5k overcharged", _pounds("1.5k", "£1.5k", "overcharged")),
    ("£2K", _pounds("2K", "£2K", "")),
    ("2k not delivered", _pounds("2k", "2k", "not delivered")),
    ("2k pounds not delivered", _pounds("2k", "2k pounds", "not delivered")),
    ("2k visits not delivered", None),
    ("forty pounds for a missed visit", _pounds("40", "forty pounds", "for a missed visit")),
    ("Forty-five quid: visits", _pounds("45", "Forty-five quid", "visits")),
    ("two hundred and fifty pounds", _pounds("250", "two hundred and fifty pounds", "")),
    ("a thousand pounds not agreed", _pounds("1000", "a thousand pounds", "not agreed")),
    ("forty missed visits", None),
    ("two visits not delivered", None),
    ("120,50 two visits", _pounds("120,50", "120,50", "two visits")),
    ("£120,50 missed", _pounds("120,50", "£120,50", "missed")),
    ("120,50", _pounds("120,50", "120,50", "")),
    ("12,13 Nov visits", None),
    ("£1,200.50 wrong rate", _pounds("1,200.50", "£1,200.50", "wrong rate")),
    # Session 40's brief: a count of care with a sum in pounds after it disputes that sum.
    ("250 visits not delivered, £1,200", _pounds("1,200", "£1,200", "250 visits not delivered")),
    ("250 visits not delivered: 1,200 pounds",
     _pounds("1,200", "1,200 pounds", "250 visits not delivered")),
    ("250 visits not delivered (£1,200)",
     _pounds("1,200", "£1,200", "250 visits not delivered")),
    ("missed visits totalling £240 last week",
     _pounds("240", "£240", "missed visits totalling £240 last week")),
    ("12.50 per visit overcharged, £250", None),  # session 40's review: a rate before it
    ("2 not delivered - £2k", _pounds("2k", "£2k", "2 not delivered")),
    ("250 visits not delivered", None),
    # ... not a rate, an amount not plainly the one disputed, two sums, nor the whole or more.
    ("visits charged at £15 per visit", None),
    ("rate should be £15", None),
    ("250 visits not delivered, £1,200 or £1,300", None),
    ("invoice says £5,000, all wrong", None),
])
def test_dispute_amount_of_a_larger_invoice(words: str, expected: DisputeAmount | None) -> None:
    assert dispute_amount(words, invoiced=500_000, year=2026) == expected


@pytest.mark.parametrize(("figure", "words"), [
    ("0", "zero"), ("2", "two"), ("19", "nineteen"), ("20", "twenty"), ("21", "twenty-one"),
    ("99", "ninety-nine"), ("100", None), ("2.5", None), ("1,120", None),
])
def test_number_in_words(figure: str, words: str | None) -> None:
    assert number_in_words(figure) == words


def test_a_year_like_number_within_the_invoice_is_asked_about(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 39's brief: "2000 not agreed" was never read as pounds, even of a £5,000 invoice,
    # where it may well be: asked, nothing recorded; "2026 rates" stays the reason's.
    say(router, "/invoice received INV-2050 20/11/2026 5000 P-7", SAM)
    assert say(router, "/invoice disputed INV-2050 2000 not agreed", PRIYA) == (
        "Is 2000 an amount in pounds? For £2000 of invoice INV-2050: /invoice disputed "
        "INV-2050 £2000 not agreed. For all of it, start the reason with a word, not a number: "
        "/invoice disputed INV-2050 REASON. Nothing is recorded yet.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None), (DeadlineStatus.OPEN, None)]
    assert _told(factory, SAM) == []
    assert say(router, "/invoice disputed INV-2050 2026 rates not applied", PRIYA).startswith(
        "Invoice INV-2050 (£5,000.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        "disputed: 2026 rates not applied.")


def _audited(factory: sessionmaker[Session], action: str) -> int:
    with factory() as session:
        return len(session.scalars(select(AuditEvent.id).where(AuditEvent.action == action))
                   .all())


def test_a_second_dispute_over_part_says_what_it_replaces(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 39's brief: a second dispute replaced the first without saying so.
    say(router, "/invoice disputed INV-2043 £120 two visits not delivered", PRIYA)
    assert say(router, "/invoice disputed INV-2043 £200 four visits not delivered", PRIYA) == (
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026): £200.00 of it is "
        "recorded as disputed: four visits not delivered. This replaces the earlier dispute of "
        "£120.00: two visits not delivered. The rest, £780.00, is still due: its payment clock "
        "keeps running, legal limit Sat 19 Dec 2026 (Procurement Act 2023 s68); Riverside has "
        "been told. Once it is settled: /invoice undisputed INV-2043 (or /invoice paid "
        "INV-2043).")
    assert _told(factory, SAM)[1] == (
        "Northshire has disputed £200.00 of your invoice INV-2043 (£980.00, received Fri 20 "
        "Nov 2026): four visits not delivered. This replaces their earlier dispute of £120.00: "
        "two visits not delivered. The rest, £780.00, is still due by the legal limit, Sat 19 "
        "Dec 2026. Ask them what will settle it; if you disagree, /conflict raises it with the "
        "council.")
    assert _payment_clocks(factory) == [
        (DeadlineStatus.OPEN, "part disputed £200.00: four visits not delivered")]


def test_the_whole_disputed_after_a_part_says_what_it_replaces(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice disputed INV-2043 £120 two visits not delivered", PRIYA)
    assert say(router, "/invoice disputed INV-2043 hours dont match rota", PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        "disputed: hours dont match rota. This replaces the earlier dispute of £120.00: two "
        "visits not delivered. Its payment clock is paused")
    assert _told(factory, SAM)[1].startswith(
        "Northshire has disputed your invoice INV-2043 (£980.00, received Fri 20 Nov 2026): "
        "hours dont match rota. This replaces their earlier dispute of £120.00: two visits not "
        "delivered. Its payment clock is paused")
    assert _payment_clocks(factory) == [(DeadlineStatus.NOT_APPLICABLE,
                                         "disputed: hours dont match rota")]


def test_the_same_part_dispute_twice_is_recorded_once(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice disputed INV-2043 £120 two visits not delivered", PRIYA)
    assert say(router, "/invoice disputed INV-2043 120: two visits not delivered", PRIYA) == (
        "£120.00 of invoice INV-2043 is already recorded as disputed: two visits not "
        "delivered. Nothing changed.")
    assert len(_told(factory, SAM)) == 1
    assert _audited(factory, "invoice.part_disputed") == 1


def test_a_correction_of_the_date_alone_keeps_a_part_dispute(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 39's brief: a corrected invoice cleared its dispute when only its date changed.
    say(router, "/invoice disputed INV-2043 £120 two visits not delivered", PRIYA)
    [asked] = router.handle(make_incoming("/invoice received INV-2043 19/11/2026 980 P-7",
                                          sender=SAM))
    assert asked.text.endswith(
        "The dispute Northshire recorded over £120.00 of it (two visits not delivered) stands, "
        "as only the date changes.")
    assert _corrected(router, "/invoice received INV-2043 19/11/2026 980 P-7").endswith(
        "received on Thu 19 Nov 2026. It is already 12 days past the pledge's aim, Fri 27 Nov "
        "2026 (10 days, pledge 29); the legal limit is Fri 18 Dec 2026 (30 days, counting the "
        "day a valid invoice was received).\n"
        "The dispute Northshire recorded over £120.00 of it (two visits not delivered) still "
        "stands, as only the date changed; Priya Shah has been told.")
    assert _told(factory, PRIYA) == [
        "Riverside has corrected the date of invoice INV-2043: now received Thu 19 Nov 2026. "
        "The dispute you recorded over £120.00 of it (two visits not delivered) still stands: "
        "the rest, £860.00, is due by the legal limit, Fri 18 Dec 2026."]
    assert _payment_clocks(factory) == [
        (DeadlineStatus.NOT_APPLICABLE, "invoice details corrected"),
        (DeadlineStatus.OPEN, "part disputed £120.00: two visits not delivered")]
    assert "£120.00 disputed (two visits not delivered)" in say(router, "/invoice list", PRIYA)


def test_a_correction_of_the_date_alone_keeps_a_whole_dispute_paused(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice disputed INV-2043 hours dont match rota", PRIYA)
    assert _corrected(router, "/invoice received INV-2043 19/11/2026 980 P-7").endswith(
        "\nThe dispute Northshire recorded on Wed 9 Dec 2026 (hours dont match rota) still "
        "stands, as only the date changed: its payment clock stays paused; Priya Shah has been "
        "told.")
    assert _told(factory, PRIYA) == [
        "Riverside has corrected the date of invoice INV-2043: now received Thu 19 Nov 2026. "
        "The dispute you recorded on Wed 9 Dec 2026 (hours dont match rota) still stands, its "
        "payment clock paused. Once it is settled: /invoice undisputed INV-2043."]
    assert _payment_clocks(factory) == [(DeadlineStatus.NOT_APPLICABLE,
                                         "disputed: hours dont match rota")]
    assert say(router, "/invoice list", PRIYA).endswith(
        "Disputed (payment clock paused):\nINV-2043 £980.00 from Riverside, received Thu 19 Nov "
        "2026: disputed on Wed 9 Dec 2026, hours dont match rota")
    # Settled, its clock runs from the corrected day.
    assert say(router, "/invoice undisputed INV-2043", PRIYA).startswith(
        "Invoice INV-2043 is no longer disputed: its payment clock runs again, legal limit Fri "
        "18 Dec 2026.")


def test_an_invoice_number_typed_with_a_space_is_one_number(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 39's brief: "/invoice disputed INV 2043 ..." was not joined.
    assert say(router, "/invoice disputed INV 2043 hours dont match rota", PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        "disputed: hours dont match rota.")
    assert say(router, "/invoice undisputed INV 2043", PRIYA).startswith(
        "Invoice INV-2043 is no longer disputed")
    assert say(router, "/invoice disputed INV 2099 wrong rate", PRIYA) == (
        "I don't know an invoice 'INV-2099'.")


def test_help_shows_both_forms_of_a_dispute(router: Router) -> None:
    # Session 39's brief: it showed "disputed NUMBER [£AMOUNT] [REASON]" alone.
    [line] = [line for line in say(router, "/help", PRIYA).splitlines()
              if line.strip().startswith("/invoice")]
    assert "| disputed NUMBER [REASON] | disputed NUMBER £AMOUNT [REASON] |" in line


def test_a_correction_of_the_placement_clears_a_dispute_as_of_the_amount(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 39: only a correction of the date alone keeps the dispute; a new placement may be
    # what the dispute was about ("not our placement"), so it is cleared, as a new amount is.
    say(router, "/placement new P-8 2026-11-02 " + PRIYA, SAM)
    say(router, "/invoice disputed INV-2043 £120 two visits not delivered", PRIYA)
    assert _corrected(router, "/invoice received INV-2043 20/11/2026 980 P-8").endswith(
        "\nThe dispute Northshire recorded over £120.00 of it (two visits not delivered) is "
        "cleared by the correction; Priya Shah has been told.")
    assert _payment_clocks(factory) == [
        (DeadlineStatus.NOT_APPLICABLE, "invoice details corrected"), (DeadlineStatus.OPEN, None)]


_CHARGES = [
    # Session 39's review: a number of any size before a unit word session 39 added (client,
    # holiday, double-up, sleep-in ...) or "bank holiday" was read as the reason's and the
    # whole £1,200 recorded disputed; before, it was asked about. A unit word before a money
    # word is no count, nor a singular unit after a number above 1, nor a new unit word after
    # a number above 99.
    ("250 client contribution not deducted", "250", "client contribution not deducted"),
    ("200 holiday pay not agreed", "200", "holiday pay not agreed"),
    ("120 resident contribution", "120", "resident contribution"),
    ("150 double-up supplement not agreed", "150", "double-up supplement not agreed"),
    ("50 sleep-in supplement", "50", "sleep-in supplement"),
    ("40 double-up travel", "40", "double-up travel"),
    ("30 holiday cover", "30", "holiday cover"),
    ("90 user charge", "90", "user charge"),
    ("40 patient transport", "40", "patient transport"),
    ("75 bank holiday enhancement not agreed", "75", "bank holiday enhancement not agreed"),
    ("120 double-up visits not delivered", "120", "double-up visits not delivered"),
    # Session 39's review: a day and month with a point before a rate or a money word is
    # money-like: asked, with no date offered ("1 Oct per visit overcharged" was); a day no
    # month has is never offered as a date ("31 Feb visit" was).
    ("3.10 uplift not agreed", "3.10", "uplift not agreed"),
    ("2.10 rate increase not agreed", "2.10", "rate increase not agreed"),
    ("31.02 visit", "31.02", "visit"),
    # Session 39's third brief: a number of any size before "fees", "rates", "uplift",
    # "prices" was the reason's, the whole £1,200 disputed when £250 of it may have been
    # meant; and a count of people above 99 on one invoice is more likely pounds.
    ("250 care fees not agreed", "250", "care fees not agreed"),
    ("300 uplift not paid", "300", "uplift not paid"),
    ("150 rates wrong", "150", "rates wrong"),
    ("250 prices wrong", "250", "prices wrong"),
    ("250 clients", "250", "clients"),
]


def test_a_number_before_a_charge_for_a_unit_of_care_is_asked_about(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice received INV-1 20/11/2026 1200 P-7", SAM)
    wrong = []
    for typed, figure, reason in _CHARGES:
        spelled = number_in_words(figure)
        reply = say(router, f"/invoice disputed INV-1 {typed}", PRIYA)
        if reply != (
                f"Is {figure} an amount in pounds? For £{figure} of invoice INV-1: /invoice "
                f"disputed INV-1 £{figure} {reason}. For all of it, start the reason with a word"
                + (f": /invoice disputed INV-1 {spelled} {reason}." if spelled else
                   ", not a number: /invoice disputed INV-1 REASON.")
                + " Nothing is recorded yet."):
            wrong.append((typed, reply))
    assert wrong == []
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None), (DeadlineStatus.OPEN, None)]
    assert _told(factory, SAM) == []


def test_a_small_count_of_a_unit_of_care_stays_the_reason_of_a_larger_invoice(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice received INV-1 20/11/2026 1200 P-7", SAM)
    wrong = []
    for row, typed in enumerate([
            "3 double-up visits", "2 respite nights", "2 of the visits", "3 of 5 visits",
            "3 sleep-ins", "2 double up calls", "60 respite care nights", "1 client",
            "2 bank holidays", "4 wk late"]):
        if row:
            say(router, "/invoice undisputed INV-1", PRIYA)
        reply = say(router, f"/invoice disputed INV-1 {typed}", PRIYA)
        if not reply.startswith(
                "Invoice INV-1 (£1,200.00 from Riverside, received Fri 20 Nov 2026) is recorded "
                f"as disputed: {typed}. Its payment clock is paused"):
            wrong.append((typed, reply))
    assert wrong == []


@pytest.mark.parametrize(("words", "expected"), [
    # Session 39's review: the new unit words count only a small number, never before a
    # money word, and a singular one only one (or as a modifier of a unit after it).
    ("250 client contribution not deducted",
     _asked("250", "client contribution not deducted")),
    ("250 users", _asked("250", "users")),
    ("250 clients", _asked("250", "clients")),  # a count of people: a small one only
    ("250 residents not supported", _asked("250", "residents not supported")),
    ("300 staff", _asked("300", "staff")),
    ("150 people", _asked("150", "people")),
    ("12 clients", None),
    ("3 extra staff", None),
    ("2 carers", None),
    ("250 holidays", _asked("250", "holidays")),
    ("250 wk", _asked("250", "wk")),
    ("2 clients contribution", _asked("2", "clients contribution")),
    ("2 visits charge not agreed", _asked("2", "visits charge not agreed")),
    ("2 missed visits fee", _asked("2", "missed visits fee")),
    ("50 sleep-in supplement", _asked("50", "sleep-in supplement")),
    ("3 client", _asked("3", "client")),
    ("3 clients", None),
    ("1 patient not seen", None),
    ("3 double-up visits", None),
    ("60 respite care nights", None),
    ("2 bank holidays", None),
    ("250 visits not delivered", None),  # a unit counted before session 39, of any size
    ("10 days late", None),
    ("5 percent uplift", None),
    # A number before "per", "a", "an" or "each" and a unit is a rate: the reason's, never
    # the sum disputed, in any form (session 39's third brief).
    ("1.10 per visit", None),
    ("1.05 each visit", None),
    ("5.06 a visit", None),
    ("10 per visit overcharged", None),
    ("12.50 per visit overcharged", None),
    ("15 an hour overcharged", None),
    ("10 each visit", None),
    ("22.40 per hr not agreed", None),
    ("10 per cent uplift", None),
    ("700 per week not agreed", None),
    # ... not "per" before what is no unit, nor "each" alone.
    ("250 per contract not paid", _asked("250", "per contract not paid")),
    ("10 each", _asked("10", "each")),
    # A number before a money word: maybe the sum disputed, asked (session 39's third brief:
    # it was the reason's, of any size).
    ("250 care fees not agreed", _asked("250", "care fees not agreed")),
    ("300 uplift not paid", _asked("300", "uplift not paid")),
    ("150 rates wrong", _asked("150", "rates wrong")),
    ("250 prices wrong", _asked("250", "prices wrong")),
    ("3 rates wrong", _asked("3", "rates wrong")),
    ("3 care fees", _asked("3", "care fees")),
    # A day and month with a point before a money word, or a day no month has: no date.
    ("3.10 uplift", _asked("3.10", "uplift")),
    ("2.10 rate increase", _asked("2.10", "rate increase")),
    ("4.10 fee", _asked("4.10", "fee")),
    ("31.02 visit", _asked("31.02", "visit")),
    ("31.04 visit", _asked("31.04", "visit")),
    ("29.02 visit", DisputeAmount(figure="29.02", typed="29.02", reason="visit", clear=False,
                                  day_month="29 Feb")),
    ("12.11 visit", DisputeAmount(figure="12.11", typed="12.11", reason="visit", clear=False,
                                  day_month="12 Nov")),
])
def test_dispute_amount_of_a_1200_invoice(words: str, expected: DisputeAmount | None) -> None:
    assert dispute_amount(words, invoiced=120_000, year=2026) == expected


@pytest.mark.parametrize(("words", "expected"), [
    # Session 39's review: a year-like number before a money word was the year's, and the
    # whole £5,000 disputed; a year's thing right after it stays the reason's.
    ("2000 fee not agreed", _asked("2000", "fee not agreed")),
    ("2000 pay award not applied", _asked("2000", "pay award not applied")),
    ("2000 increase not agreed", _asked("2000", "increase not agreed")),
    ("2025 invoice already paid", None),
    ("2026 contract uplift", None),
    ("2026 rates", None),
    # Session 39's third brief: "2000 fees" of £5,000 was the year's; a year near this one
    # before a money word stays the reason's ("2026 fees", "2025 rates").
    ("2000 fees not agreed", _asked("2000", "fees not agreed")),
    ("2000 rates", _asked("2000", "rates")),
    ("2010 uplift not paid", _asked("2010", "uplift not paid")),
    ("2026 fees", None),
    ("2025 rates wrong", None),
    ("2026 uplift not paid", None),
    ("2027 prices", None),
    ("2026 fee increase not agreed", None),
    ("2026 not agreed", _asked("2026", "not agreed")),
])
def test_dispute_amount_of_a_year_like_number(words: str, expected: DisputeAmount | None) -> None:
    assert dispute_amount(words, invoiced=500_000, year=2026) == expected


def test_a_year_like_number_before_a_fee_is_asked_about(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice received INV-2050 20/11/2026 5000 P-7", SAM)
    assert say(router, "/invoice disputed INV-2050 2000 fee not agreed", PRIYA) == (
        "Is 2000 an amount in pounds? For £2000 of invoice INV-2050: /invoice disputed "
        "INV-2050 £2000 fee not agreed. For all of it, start the reason with a word, not a "
        "number: /invoice disputed INV-2050 REASON. Nothing is recorded yet.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None), (DeadlineStatus.OPEN, None)]


def test_replacing_the_date_of_a_wholly_disputed_invoice_says_its_clock_stays_paused(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 39's review: asked, it said "Its payment clocks then run from Thu 19 Nov 2026"
    # and then that the dispute, which keeps the clock paused, stands.
    say(router, "/invoice disputed INV-2043 hours dont match rota", PRIYA)
    [asked] = router.handle(make_incoming("/invoice received INV-2043 19/11/2026 980 P-7",
                                          sender=SAM))
    assert asked.text == (
        "Invoice INV-2043 is already recorded: received Fri 20 Nov 2026, £980.00, placement "
        "P-7. Replace it with received Thu 19 Nov 2026, £980.00, placement P-7? The dispute "
        "Northshire recorded on Wed 9 Dec 2026 (hours dont match rota) stands, as only the date "
        "changes: its payment clock stays paused until the dispute is settled, then runs from "
        "Thu 19 Nov 2026.")


def test_the_same_part_dispute_in_other_case_or_spacing_is_recorded_once(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 39's review: "Two visits" after "two visits" was said to replace it.
    say(router, "/invoice disputed INV-2043 £120 two visits not delivered", PRIYA)
    assert say(router, "/invoice disputed INV-2043 £120 Two  visits not Delivered", PRIYA) == (
        "£120.00 of invoice INV-2043 is already recorded as disputed: two visits not "
        "delivered. Nothing changed.")
    assert len(_told(factory, SAM)) == 1
    assert _payment_clocks(factory) == [
        (DeadlineStatus.OPEN, "part disputed £120.00: two visits not delivered")]


_RATE_NOTE = ("{typed} is read as a rate, so all of the invoice is disputed. If only part of "
              "it is: /invoice disputed {number} £AMOUNT REASON (it replaces this dispute).")


@pytest.mark.parametrize(("number", "invoiced", "typed", "rate"), [
    # Session 39's third brief: "12.50 per visit overcharged" is why it is disputed, not the
    # sum disputed: the whole is recorded, and the reply says how to dispute part instead.
    ("INV-1", "1200", "12.50 per visit overcharged", "12.50 per visit"),
    # A reason with no rate says nothing of one.
    ("INV-1", "1200", "3 visits missed", None),
    # A year near this one before fees or a rate stays the reason.
    ("INV-2050", "5000", "2026 fees not agreed", None),
    ("INV-2050", "5000", "2025 rates not applied", None),
    ("INV-2050", "5000", "1.10 per visit overcharged", "1.10 per visit"),
    # The read-again after session 42: "charged £18.50 per hour not £17" asked whether £17 was
    # the part disputed. A sum set against a rate is one too: all of it disputed, said so.
    ("INV-1", "1200", "charged £18.50 per hour not £17", "£18.50 per hour"),
    ("INV-1", "1200", "£18.50 an hour instead of the agreed £17", "£18.50 an hour"),
    ("INV-1", "1200", "billed £17 rather than £18.50 per hour", "£18.50 per hour"),
    ("INV-1", "1200", "visits charged at £15 per visit", "£15 per visit"),
])
def test_whether_a_reason_is_read_as_a_rate(
        factory: sessionmaker[Session], router: Router, number: str, invoiced: str, typed: str,
        rate: str | None) -> None:
    """Three tests until session 42, each case kept: a rate disputes the whole invoice and
    says how to dispute part; a reason with no rate says nothing of one; a year near this one
    before fees or a rate stays the reason."""
    say(router, f"/invoice received {number} 20/11/2026 {invoiced} P-7", SAM)
    said = say(router, f"/invoice disputed {number} {typed}", PRIYA)
    pounds = f"{int(invoiced):,}.00"
    assert said.startswith(
        f"Invoice {number} (£{pounds} from Riverside, received Fri 20 Nov 2026) is recorded "
        f"as disputed: {typed}."), said
    if number == "INV-1" and rate is not None:
        assert said == (
            f"Invoice INV-1 (£1,200.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
            f"disputed: {typed}. Its payment clock is paused, so no reminders or "
            "escalation while it is disputed; Riverside has been told.\n"
            "The law still expects a dispute to be raised without undue delay and the undisputed "
            "part paid by the legal limit, Sat 19 Dec 2026 (Procurement Act 2023 s68). Once it is "
            "settled: /invoice undisputed INV-1 (or /invoice paid INV-1).\n"
            + _RATE_NOTE.format(typed=rate, number=number))
    if rate is None:
        assert "read as a rate" not in said
    else:
        assert said.endswith("\n" + _RATE_NOTE.format(typed=rate, number=number)), said
    assert _payment_clocks(factory) == [
        (DeadlineStatus.OPEN, None), (DeadlineStatus.NOT_APPLICABLE, f"disputed: {typed}")]


def test_a_dispute_for_a_rate_is_replaced_by_a_part_and_a_sum_that_may_be_it_is_asked_about(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice received INV-1 20/11/2026 1200 P-7", SAM)
    say(router, "/invoice disputed INV-1 12.50 per visit overcharged", PRIYA)
    # The way shown (session 40's brief: it had to be settled first).
    assert "£150.00 of it is recorded as disputed: 12.50 per visit overcharged. This replaces" in (
        say(router, "/invoice disputed INV-1 £150 12.50 per visit overcharged", PRIYA))
    # A sum not plainly the one disputed is asked about (session 40's third brief: the whole
    # was disputed, with a note); "No, all of it" disputes the whole, with no note.
    say(router, "/invoice undisputed INV-1", PRIYA)
    asked = router.handle(make_incoming("/invoice disputed INV-1 rate should be £15",
                                        sender=PRIYA))
    assert asked[0].text == (
        "Is £15 the part of INV-1 you dispute? Nothing is recorded until you say.")
    assert _press(router, asked[0].buttons[1], PRIYA).endswith(
        "Once it is settled: /invoice undisputed INV-1 (or /invoice paid INV-1).")
    assert _payment_clocks(factory)[-1] == (
        DeadlineStatus.NOT_APPLICABLE, "disputed: rate should be £15")


def test_an_old_year_like_number_before_fees_is_asked_about(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 39's third brief: "2000 fees not agreed" of £5,000 disputed the whole.
    say(router, "/invoice received INV-2050 20/11/2026 5000 P-7", SAM)
    assert say(router, "/invoice disputed INV-2050 2000 fees not agreed", PRIYA) == (
        "Is 2000 an amount in pounds? For £2000 of invoice INV-2050: /invoice disputed "
        "INV-2050 £2000 fees not agreed. For all of it, start the reason with a word, not a "
        "number: /invoice disputed INV-2050 REASON. Nothing is recorded yet.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)] * 2


def test_a_part_dispute_replaces_a_whole_one_and_says_so(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 40's brief: a part dispute after a whole one was refused ("already recorded as
    # disputed"): the person had to settle it first.
    say(router, "/invoice disputed INV-2043 hours dont match rota", PRIYA)
    assert say(router, "/invoice disputed INV-2043 £120 two visits not delivered", PRIYA) == (
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026): £120.00 of it is "
        "recorded as disputed: two visits not delivered. This replaces the earlier dispute of "
        "all of it: hours dont match rota. The rest, £860.00, is still due: its payment clock "
        "runs again, legal limit Sat 19 Dec 2026 (Procurement Act 2023 s68); Riverside has "
        "been told. Once it is settled: /invoice undisputed INV-2043 (or /invoice paid "
        "INV-2043).")
    assert _told(factory, SAM)[1] == (
        "Northshire has disputed £120.00 of your invoice INV-2043 (£980.00, received Fri 20 "
        "Nov 2026): two visits not delivered. This replaces their earlier dispute of all of "
        "it: hours dont match rota. The rest, £860.00, is still due by the legal limit, Sat 19 "
        "Dec 2026. Ask them what will settle it; if you disagree, /conflict raises it with the "
        "council.")
    assert _payment_clocks(factory) == [
        (DeadlineStatus.NOT_APPLICABLE, "disputed: hours dont match rota"),
        (DeadlineStatus.OPEN, "part disputed £120.00: two visits not delivered")]
    # More than the invoice is refused as before, the whole dispute replaced by nothing.
    say(router, "/invoice undisputed INV-2043", PRIYA)
    say(router, "/invoice disputed INV-2043 rota", PRIYA)
    assert say(router, "/invoice disputed INV-2043 £1000 all", PRIYA).startswith(
        "£1,000.00 is more than invoice INV-2043's £980.00.")
    assert _payment_clocks(factory)[-1] == (DeadlineStatus.NOT_APPLICABLE, "disputed: rota")


@pytest.mark.parametrize("reason", [
    "£980 disputed in full", "disputed in full", "the whole £980 is disputed",
    "£980.00 - all of it, hours do not match the rota", "980 in full"])
def test_the_whole_invoice_said_is_disputed_whole(
        factory: sessionmaker[Session], router: Router, reason: str) -> None:
    # The read-again after session 42: "£1,200 disputed in full" of a £1,200 invoice was
    # refused ("£1,200.00 is all of invoice ..."), the person told to type it again without
    # the sum. All of it said is all of it disputed: recorded whole, the words its reason.
    assert say(router, f"/invoice disputed INV-2043 {reason}", PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        f"disputed: {reason}. Its payment clock is paused")
    assert _payment_clocks(factory) == [(DeadlineStatus.NOT_APPLICABLE, f"disputed: {reason}")]
    assert _audited(factory, "invoice.part_disputed") == 0
    assert len(_told(factory, SAM)) == 1


def test_amounts_in_other_forms_dispute_that_much(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 40's brief, through the command: each recorded, then settled.
    say(router, "/invoice received INV-2050 20/11/2026 5000 P-7", SAM)
    wrong = []
    for typed, disputed, reason in [
            ("£1.5k overcharged", "1,500.00", "overcharged"),
            ("Forty pounds: a missed visit", "40.00", "a missed visit"),
            ("250 visits not delivered, £1,200", "1,200.00", "250 visits not delivered")]:
        reply = say(router, f"/invoice disputed INV-2050 {typed}", PRIYA)
        clocks = _payment_clocks(factory)
        if (f"£{disputed} of it is recorded as disputed: {reason}. The rest" not in reply
                or clocks[-1] != (DeadlineStatus.OPEN, f"part disputed £{disputed}: {reason}")):
            wrong.append((typed, reply, clocks[-1]))
        say(router, "/invoice undisputed INV-2050", PRIYA)
    assert wrong == []


def test_a_dispute_typed_without_the_slash_is_the_command(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 40's brief: "invoice disputed INV-2043 ..." got the invoice's state and an answer
    # from the knowledge base, nothing recorded. Typed so, it is the command, as "help" is,
    # asked about first (session 40's third brief: conversation was recorded as disputes).
    typed = "Invoice disputed INV-2043 £120 two visits not delivered"
    asked = router.handle(make_incoming(typed, sender=PRIYA))
    assert [(reply.text, [button.label for button in reply.buttons]) for reply in asked] == [(
        'Shall I record £120.00 of invoice INV-2043 from Riverside as disputed ("two visits not '
        'delivered")? Nothing is recorded until you say so.', ["Record the dispute", "No"])]
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert _told(factory, "sam@riverside.example") == []
    assert _press(router, asked[0].buttons[0], PRIYA) == (
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026): £120.00 of it is "
        "recorded as disputed: two visits not delivered. The rest, £860.00, is still due: its "
        "payment clock keeps running, legal limit Sat 19 Dec 2026 (Procurement Act 2023 s68); "
        "Riverside has been told. Once it is settled: /invoice undisputed INV-2043 (or "
        "/invoice paid INV-2043).")
    settle = router.handle(make_incoming("invoice undisputed inv-2043", sender=PRIYA))
    assert _press(router, settle[0].buttons[0], PRIYA).startswith(
        "Invoice INV-2043 is no longer disputed in part")
    # Its sender is refused as by the command; a question about it is no command.
    assert say(router, "invoice disputed INV-2043 rota", SAM).startswith(
        "Only the organisation that pays invoice INV-2043 can record it disputed.")
    say(router, "invoice disputed INV-2043 what do we do now?", PRIYA)
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    # A sum that may be the part: the command's own question, asked once.
    assert say(router, "invoice disputed INV-2043 missed visits, £400", PRIYA) == (
        "Is £400 the part of INV-2043 you dispute? Nothing is recorded until you say.")
    assert _payment_clocks(factory)[-1] == (DeadlineStatus.OPEN, None)


def _press(router: Router, button: Button, sender: str) -> str:
    """What ``sender`` is told when they press ``button``."""
    return "\n".join(reply.text for reply in router.handle(make_incoming(
        "", sender=sender, action=button.action, action_value=button.value)))


def _asked(router: Router, typed: str, sender: str) -> list[tuple[str, list[str]]]:
    """What ``sender`` is told when they type ``typed``, each reply with its buttons' labels."""
    return [(reply.text, [button.label for button in reply.buttons])
            for reply in router.handle(make_incoming(typed, sender=sender))]


def test_a_settlement_typed_without_the_slash_is_asked_about_first(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 40's Left: "invoice undisputed INV-2" without the slash settled the dispute at
    # once, while "invoice disputed INV-2 ..." was asked about first.
    say(router, "/invoice disputed INV-2043 hours dont match rota", PRIYA)
    paused = _payment_clocks(factory)
    assert _asked(router, "invoice undisputed INV-2043", PRIYA) == [(
        'Shall I record the dispute on invoice INV-2043 from Riverside ("hours dont match '
        'rota") as settled? Its payment clock would run again, legal limit Sat 19 Dec 2026. '
        "Nothing changes until you say so.", ["Settle the dispute", "No"])]
    assert _payment_clocks(factory) == paused
    assert len(_told(factory, SAM)) == 1
    asked = router.handle(make_incoming("invoice undisputed INV-2043", sender=PRIYA))
    settle, no = asked[0].buttons
    assert _press(router, no, PRIYA) == "Nothing changed: the dispute stands as recorded."
    assert _payment_clocks(factory) == paused
    assert _press(router, settle, PRIYA) == (
        "Invoice INV-2043 is no longer disputed: its payment clock runs again, legal limit Sat "
        "19 Dec 2026. Riverside has been told.")
    assert [status for status, _outcome in _payment_clocks(factory)] == [
        DeadlineStatus.NOT_APPLICABLE, DeadlineStatus.OPEN]
    assert len(_told(factory, SAM)) == 2
    # Pressed again, or by its sender: the command's own refusals, nothing more changed or told.
    assert _press(router, settle, PRIYA) == (
        "Invoice INV-2043 is not recorded as disputed, so nothing changed.")
    assert _press(router, settle, SAM).startswith("Only the organisation that pays invoice")
    assert len(_payment_clocks(factory)) == 2
    assert len(_told(factory, SAM)) == 2
    assert _audited(factory, "invoice.undisputed") == 1
    # Nothing to settle: the command's refusal at once, no question.
    assert _asked(router, "invoice undisputed INV-2043", PRIYA) == [(
        "Invoice INV-2043 is not recorded as disputed, so nothing changed.", [])]


def test_a_yes_typed_answers_the_question_of_a_dispute_typed_without_the_slash(
        factory: sessionmaker[Session], router: Router) -> None:
    # "yes" at 'Shall I record ...?' [Record the dispute] [No] got "I wasn't waiting for a yes
    # or no just now", nothing recorded.
    say(router, "invoice disputed INV-2043 rota", PRIYA)
    assert say(router, "yes please", PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        "disputed: rota.")
    assert _payment_clocks(factory) == [(DeadlineStatus.NOT_APPLICABLE, "disputed: rota")]
    say(router, "invoice undisputed INV-2043", PRIYA)
    assert say(router, "no", PRIYA) == "Nothing changed: the dispute stands as recorded."
    say(router, "invoice undisputed INV-2043", PRIYA)
    assert say(router, "yes", PRIYA).startswith("Invoice INV-2043 is no longer disputed")
    assert [status for status, _outcome in _payment_clocks(factory)] == [
        DeadlineStatus.NOT_APPLICABLE, DeadlineStatus.OPEN]
    # Nothing asked: a yes is no answer to it.
    assert say(router, "yes", PRIYA).startswith("I wasn't waiting for a yes or no")
    assert _audited(factory, "invoice.disputed") == 1


def test_a_part_settlement_typed_without_the_slash_is_asked_about_first(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice disputed INV-2043 £120 two visits not delivered", PRIYA)
    running = _payment_clocks(factory)
    asked = router.handle(make_incoming("Invoice undisputed INV 2043", sender=PRIYA))
    assert [(reply.text, [button.label for button in reply.buttons]) for reply in asked] == [(
        'Shall I record the dispute over £120.00 of invoice INV-2043 from Riverside ("two '
        'visits not delivered") as settled? All £980.00 would be due by the legal limit, Sat 19 '
        'Dec 2026. Nothing changes until you say so.', ["Settle the dispute", "No"])]
    assert _payment_clocks(factory) == running
    assert _press(router, asked[0].buttons[0], PRIYA).startswith(
        "Invoice INV-2043 is no longer disputed in part")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    # The slash command settles at once, as before.
    say(router, "/invoice disputed INV-2043 £120 two visits not delivered", PRIYA)
    assert say(router, "/invoice undisputed INV-2043", PRIYA).startswith(
        "Invoice INV-2043 is no longer disputed in part")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]


def test_a_settlement_typed_without_the_slash_refuses_what_it_cannot_do(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice disputed INV-2043 rota", PRIYA)
    paused = _payment_clocks(factory)
    # Its sender, another provider, an unknown number, a forged or oversized press: a clear
    # reply, nothing changed.
    assert say(router, "invoice undisputed INV-2043", SAM).startswith(
        "Only the organisation that pays invoice INV-2043 can settle its dispute.")
    assert say(router, "invoice undisputed INV-2043", KIM).startswith(
        "I don't know an invoice")
    assert say(router, "invoice undisputed INV-9999", PRIYA).startswith(
        "I don't know an invoice")
    for value in ("disputed INV-2043 rota", "undisputed " + "9" * 700, "paid INV-2043"):
        assert _press(router, Button(label="Settle the dispute",
                                     action="invoice.undispute_record", value=value),
                      PRIYA).startswith("That button is no longer active.")
    assert _payment_clocks(factory) == paused
    assert _audited(factory, "invoice.undisputed") == 0


@pytest.mark.parametrize("typed", [
    "invoice disputed INV-2043 " + "hours dont match rota " * 40,
    "invoice undisputed INV-2043 " + "settled now " * 60])
def test_a_dispute_typed_without_the_slash_too_long_to_ask_about_is_said_so(
        factory: sessionmaker[Session], router: Router, typed: str) -> None:
    # Over 600 characters, "invoice disputed INV-2043 ..." went to the knowledge base, which
    # kept it as a question it could not answer.
    command = typed.split()[1]
    assert say(router, typed, PRIYA) == (
        f"That is too long for me to ask about (at most 600 characters), so nothing was "
        f"recorded. To record it, type the command with its slash: /invoice {command} "
        f"INV-2043{' REASON' if command == 'disputed' else ''}.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert count_rows(factory, Question) == 0


@pytest.mark.parametrize("typed", [
    # Session 40's third brief: each of these recorded a false dispute at once.
    "invoice disputed INV-2043 - what do we do now",
    "invoice disputed INV-2043 so what happens now",
    "invoice disputed INV-2043 last week, still waiting for the provider",
    "invoice disputed INV-2043 but nobody has told the provider",
])
def test_a_dispute_typed_without_the_slash_records_nothing_until_confirmed(
        factory: sessionmaker[Session], router: Router, typed: str) -> None:
    asked = [reply for reply in router.handle(make_incoming(typed, sender=PRIYA))
             if reply.buttons]
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert _audited(factory, "invoice.disputed") == 0
    if not asked:  # a question's shape: passed on to the other routes, nothing recorded
        return
    reason = typed.removeprefix("invoice disputed INV-2043 ")
    assert asked[0].text == (
        f'Shall I record invoice INV-2043 from Riverside as disputed ("{reason}")? Nothing is '
        "recorded until you say so.")
    record, no = asked[0].buttons
    assert _press(router, no, PRIYA) == (
        "Nothing recorded: the invoice's payment clock runs on as before.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert _press(router, record, PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        f"disputed: {reason}.")
    assert _payment_clocks(factory) == [(DeadlineStatus.NOT_APPLICABLE, f"disputed: {reason}")]
    # Pressed again, or by its sender: the command's own refusals, nothing more recorded.
    assert _press(router, record, PRIYA).startswith(
        "Invoice INV-2043 was already recorded as disputed")
    assert _press(router, record, SAM).startswith(
        "Only the organisation that pays invoice INV-2043 can record it disputed.")
    assert _audited(factory, "invoice.disputed") == 1


def test_two_providers_numbers_differing_in_case_alone_are_asked_about(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 40's brief: Sam's "INV-2043" and Kim's "inv-2043": "/invoice paid INV-2043"
    # marked Sam's paid unasked (the number as typed was looked for first).
    say(router, f"/placement new P-8 2026-11-02 {PRIYA}", KIM)
    assert say(router, "/invoice received inv-2043 23/11/2026 900 P-8", KIM).startswith(
        "Invoice inv-2043 for £900.00")
    assert say(router, "/invoice paid INV-2043", PRIYA) == (
        "Hillview and Riverside each sent an invoice 'INV-2043'. Say whose it is after the "
        "number (and the day, if you give one): /invoice paid INV-2043 [DATE] Hillview.")
    # A dispute too, which said no way to name whose it is (session 40: none could be
    # disputed); a reason that begins like a name is not taken for it.
    asked = ("Hillview and Riverside each sent an invoice 'INV-2043', so I can't tell which one "
             "you mean; nothing was recorded. Say whose it is after the number: /invoice "
             "disputed INV-2043 Hillview REASON.")
    assert say(router, "/invoice disputed INV-2043 rota", PRIYA) == asked
    assert say(router, "/invoice disputed INV-2043 home visits missed", PRIYA) == asked
    with factory() as session:
        assert session.scalars(select(Invoice.paid_on)).all() == [None, None]
    assert say(router, "/invoice disputed INV-2043 hillview £120 rota", PRIYA).startswith(
        "Invoice inv-2043 (£900.00 from Hillview, received Mon 23 Nov 2026): £120.00 of it is "
        "recorded as disputed: rota.")
    # Each provider's own is its own.
    assert say(router, "/invoice paid INV-2043", SAM).startswith(
        "Invoice INV-2043 recorded as paid on")


@pytest.mark.parametrize(("words", "expected"), [
    # Session 40's review: any "(", ":", ";" or "-" before a single later sum made it the sum
    # disputed. Only words that say so make it that: else the whole is disputed, said so.
    ("should be the agreed price (£2,500)", None),
    ("overcharged; agreed amount was: £2,500", None),
    ("missed visits on 3 days, £18.50 each", None),
    ("rates for 2025: £1,200", None),
    ("duplicate of INV-1 (£1,500)", None),
    ("hours dont match rota - £300", None),
    ("we owe: £300", None),
    ("contract says £300 a week", None),
    ("charged £1,200", None),
    ("visits not delivered (£300) as agreed", None),
    # ... still read: a count of undelivered care right before it, or words of a dispute.
    ("250 visits not delivered, £1,200", _pounds("1,200", "£1,200", "250 visits not delivered")),
    ("3 visits missed: £120", _pounds("120", "£120", "3 visits missed")),
    ("visits not delivered £1,200 disputed",
     _pounds("1,200", "£1,200", "visits not delivered £1,200 disputed")),
    ("disputing £1,200 for visits not delivered",
     _pounds("1,200", "£1,200", "disputing £1,200 for visits not delivered")),
    ("missed visits totalling £400", _pounds("400", "£400", "missed visits totalling £400")),
])
def test_dispute_amount_of_a_later_sum(words: str, expected: DisputeAmount | None) -> None:
    assert dispute_amount(words, invoiced=500_000, year=2026) == expected


@pytest.mark.parametrize(("words", "expected"), [
    ("£2k rota", AmountTyped("2k", "£2k", " rota", marked=True)),
    ("forty pounds: rota", AmountTyped("40", "forty pounds", ": rota", marked=True)),
    ("two hundred and fifty quid", AmountTyped("250", "two hundred and fifty quid", "",
                                               marked=True)),
    ("a thousand pounds", AmountTyped("1000", "a thousand pounds", "", marked=True)),
    ("twenty-five pounds", AmountTyped("25", "twenty-five pounds", "", marked=True)),
    ("one hundred and five pounds", AmountTyped("105", "one hundred and five pounds", "",
                                                marked=True)),
    ("three thousand two hundred pounds",
     AmountTyped("3200", "three thousand two hundred pounds", "", marked=True)),
    ("twelve hundred quid", AmountTyped("1200", "twelve hundred quid", "", marked=True)),
    ("120 visits", AmountTyped("120", "120", " visits", marked=False)),
    # A comma with one or two figures after it: read, with both sums it may be (never one
    # guessed); one figure only when said to be pounds ("12,5 missed visits" is no sum).
    ("£12,50 missed", AmountTyped("12,50", "£12,50", " missed", marked=True,
                                  readings=("£12.50", "£1,250"))),
    ("120,50", AmountTyped("120,50", "120,50", "", marked=False,
                           readings=("£120.50", "£12,050"))),
    ("12,5 pounds", AmountTyped("12,5", "12,5 pounds", "", marked=True,
                                readings=("£12.50", "£125"))),
    ("£1,250 rota", AmountTyped("1,250", "£1,250", " rota", marked=True)),
    ("12,5 missed visits", None), ("1,5k", None), ("£2,5k", None), ("120,50k", None),
    # Numbers in words that are no number: not read (two thousand thousand was £3,000).
    ("two thousand thousand pounds", None), ("two hundred hundred pounds", None),
    ("five twenty pounds", None), ("twenty twenty pounds", None), ("eleven five pounds", None),
    ("forty", None), ("and forty pounds", None), ("07700 900123", None), ("10:30", None),
])
def test_amount_typed(words: str, expected: AmountTyped | None) -> None:
    assert amount_typed(words) == expected


@pytest.mark.parametrize("typed", [
    "two thousand thousand pounds rota", "two hundred hundred pounds rota",
    "five twenty pounds: a missed visit", "£12O rota"])
def test_an_amount_that_cannot_be_read_disputes_nothing(
        factory: sessionmaker[Session], router: Router, typed: str) -> None:
    # Words of numbers out of a number's order were read as sums ("two thousand thousand
    # pounds" as £3,000, "five twenty pounds" as £25); unread, all of it was disputed.
    amount = typed.split(":")[0].removesuffix(" rota")
    assert say(router, f"/invoice disputed INV-2043 {typed}", PRIYA) == (
        f"I couldn't read the amount '{amount}'. Please write it like 1234.56.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert _told(factory, SAM) == []


def test_a_later_sum_said_otherwise_disputes_the_whole_and_says_so(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 40's review: "should be the agreed price (£2,500)" disputed £2,500 of £5,000.
    say(router, "/invoice received INV-2050 20/11/2026 5000 P-7", SAM)
    wrong = []
    # Session 40's third brief: a sum that may be the part is asked about (below); a rate is
    # none, typed first too ("£18.50 each for ...": £18.50 was disputed).
    for typed, mentioned in [("missed visits on 3 days, £18.50 each", "£18.50"),
                             ("£18.50 each for 20 missed visits", "£18.50")]:
        reply = say(router, f"/invoice disputed INV-2050 {typed}", PRIYA)
        clocks = _payment_clocks(factory)
        if (f"is recorded as disputed: {typed}." not in reply
                or f"{mentioned} is not read as the sum disputed, so all of the invoice is "
                "disputed." not in reply
                or clocks[-1] != (DeadlineStatus.NOT_APPLICABLE, f"disputed: {typed}")):
            wrong.append((typed, reply, clocks[-1]))
        say(router, "/invoice undisputed INV-2050", PRIYA)
    assert wrong == []


# Session 40's third brief: words cannot tell whether a later sum is the part disputed.
_SUM_ASKED = [
    ("missed visits, £400", "£400"), ("visits not delivered - £1,200", "£1,200"),
    ("missed visits: £600", "£600"), ("missed visits (£350)", "£350"),
    ("20 missed visits, £370 in total", "£370"), ("2025 uplift not applied: £300", "£300"),
    ("2026 rates not applied, £300", "£300"), ("dated 2025, £300", "£300"),
    ("we were charged £250 for visits that were cancelled", "£250"),
    ("overcharged - £250 should not have been charged", "£250"),
    ("should be the agreed price (£2,500)", "£2,500"),
    ("overcharged; agreed amount was: £2,500", "£2,500"),
    ("rates for 2025: £1,200", "£1,200"), ("duplicate of INV-1 (£1,500)", "£1,500")]


def test_a_later_sum_that_may_be_the_part_disputed_is_asked_about(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice received INV-2050 20/11/2026 5000 P-7", SAM)
    wrong = []
    for row, (typed, figure) in enumerate(_SUM_ASKED):
        before = _payment_clocks(factory)
        asked = router.handle(make_incoming(f"/invoice disputed INV-2050 {typed}",
                                            sender=PRIYA))
        shown = [(reply.text, [button.label for button in reply.buttons]) for reply in asked]
        if shown != [(f"Is {figure} the part of INV-2050 you dispute? Nothing is recorded "
                      "until you say.", [f"Yes, {figure} of it", "No, all of it"])] or (
                _payment_clocks(factory) != before):
            wrong.append((typed, shown))
            continue
        yes, no = asked[0].buttons
        if row == 0 and not _press(router, yes, SAM).startswith(  # its sender: not theirs
                "That button is no longer active."):
            wrong.append((typed, "pressed by its sender"))
        # Yes on even rows, No on odd ones: each records its dispute.
        reply = _press(router, yes if row % 2 == 0 else no, PRIYA)
        clock = _payment_clocks(factory)[-1]
        expected = ((DeadlineStatus.OPEN, f"part disputed {figure}.00: {typed}")
                    if row % 2 == 0 else (DeadlineStatus.NOT_APPLICABLE, f"disputed: {typed}"))
        said = (f"{figure}.00 of it is recorded as disputed: {typed}." if row % 2 == 0
                else f"is recorded as disputed: {typed}.")
        if said not in reply or clock != expected:
            wrong.append((typed, reply, clock))
        say(router, "/invoice undisputed INV-2050", PRIYA)
    assert wrong == []


def test_a_sum_plainly_the_part_disputed_is_recorded_at_once(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice received INV-2050 20/11/2026 5000 P-7", SAM)
    wrong = []
    for typed, figure in [("£400 of INV-2050 is disputed", "£400"),
                          ("we dispute £250 of it", "£250"),
                          ("missed visits - we dispute £400", "£400"),
                          ("£1,200 - visits not delivered", "£1,200"),
                          ("2 visits not delivered, £90", "£90"),
                          ("250 visits not delivered, £1,200", "£1,200")]:
        reply = say(router, f"/invoice disputed INV-2050 {typed}", PRIYA)
        if f"{figure}.00 of it is recorded as disputed" not in reply:
            wrong.append((typed, reply))
        say(router, "/invoice undisputed INV-2050", PRIYA)
    assert wrong == []


def test_a_provider_is_named_by_its_whole_name_or_a_distinctive_word(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 40's review: with "Home Care Ltd" and Riverside each an INV-2043, "home visits
    # missed" disputed Home Care Ltd's: a name's ordinary words name no one.
    with factory() as session:
        session.get_one(Organisation, session.scalars(select(Organisation.id).where(
            Organisation.name == "Hillview")).one()).name = "Home Care Ltd"
        session.commit()
    say(router, f"/placement new P-8 2026-11-02 {PRIYA}", KIM)
    say(router, "/invoice received INV-2043 23/11/2026 900 P-8", KIM)
    wrong = []
    for typed in ["home visits missed on 3 Dec", "care not delivered", "Home Care visits",
                  "ltd rota", "plus rota"]:
        reply = say(router, f"/invoice disputed INV-2043 {typed}", PRIYA)
        if not reply.startswith("Home Care Ltd and Riverside each sent an invoice"):
            wrong.append((typed, reply))
    assert wrong == []
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)] * 2
    assert say(router, "/invoice disputed INV-2043 Home Care Ltd rota", PRIYA).startswith(
        "Invoice INV-2043 (£900.00 from Home Care Ltd, received Mon 23 Nov 2026) is recorded "
        "as disputed: rota.")
    assert say(router, "/invoice disputed INV-2043 riverside's rota", PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded "
        "as disputed: rota.")


@pytest.mark.parametrize(("text", "command"), [
    ("invoice disputed INV-2043 rota", True),
    ("invoice disputed INV 2043 rota", True),
    ("Invoice undisputed inv-2043", True),
    ("invoice disputed 10234 hours wrong", True),
    # Session 40's review: none of these is the command.
    ("Invoice disputed INV-2 what happens now", False),
    ("invoice disputed INV-2 how long does it take", False),
    ("invoice disputed INV-2 should we pay the rest", False),
    ("invoice disputed INV-2 is that ok?", False),
    ("invoice disputed by the council", False),
    ("invoice disputed yesterday by priya", False),
    ("invoice disputed because of missed visits", False),
    ("invoice disputed with the provider, will update", False),
    ("Invoice disputed - can you check INV-2 please", False),
])
def test_a_dispute_typed_without_the_slash_only_when_plainly_the_command(
        text: str, command: bool) -> None:
    assert (invoice_dispute_typed(text) is not None) == command


def test_two_invoice_numbers_in_one_dispute_are_refused(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 40's review: "invoice disputed INV-2 and INV-3, both have wrong hours" disputed
    # INV-2 with the reason "and INV-3 ...".
    say(router, "/invoice received INV-2044 20/11/2026 500 P-7", SAM)
    wrong = []
    for typed in ["invoice disputed INV-2043 and INV-2044, both have wrong hours",
                  "/invoice disputed INV-2043 and INV-2044, both have wrong hours",
                  "/invoice disputed INV-2043 INV-2044 wrong hours",
                  "/invoice disputed INV-2043, INV-2044 wrong hours"]:
        reply = say(router, typed, PRIYA)
        if not reply.startswith("That names two invoices, INV-2043 and INV-2044"):
            wrong.append((typed, reply))
    assert wrong == []
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)] * 2
    # Another invoice named in the reason is the reason's.
    assert say(router, "/invoice disputed INV-2043 duplicate of INV-2044", PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        "disputed: duplicate of")
    # Typed without the slash, a question or no number is no command: it falls through.
    assert not say(router, "invoice disputed by the council", PRIYA).startswith(
        "I don't know an invoice")


def _offered(router: Router, typed: str, sender: str) -> tuple[Button, ...]:
    """The buttons of the one reply ``sender`` gets when they type ``typed``."""
    (reply,) = router.handle(make_incoming(typed, sender=sender))
    return reply.buttons


# Its savepoint on both databases.
@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_an_old_settle_button_never_settles_a_dispute_recorded_after_it_was_asked(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 41's review (O1): [Settle the dispute], asked about a part dispute, settled the
    # whole dispute that replaced it, never shown in any question; Riverside was told.
    say(router, "/invoice disputed INV-2043 £100 missed visits", PRIYA)
    settle, _no = _offered(router, "invoice undisputed INV-2043", PRIYA)
    say(router, "/invoice disputed INV-2043 rota", PRIYA)
    paused = _payment_clocks(factory)
    told = len(_told(factory, SAM))
    stale = ('That question was about an earlier dispute on invoice INV-2043 from Riverside, so '
             'nothing changed. Type "invoice undisputed INV-2043" again if you still want to '
             "settle it.")
    assert _press(router, settle, PRIYA) == stale
    assert _payment_clocks(factory) == paused
    assert len(_told(factory, SAM)) == told
    assert _audited(factory, "invoice.undisputed") == 0
    # (O3) Settled with the slash, then a new dispute: the old button still settles nothing.
    settle, _no = _offered(router, "invoice undisputed INV-2043", PRIYA)
    say(router, "/invoice undisputed INV-2043", PRIYA)
    say(router, "/invoice disputed INV-2043 hours wrong", PRIYA)
    paused = _payment_clocks(factory)
    assert _press(router, settle, PRIYA) == stale
    assert _payment_clocks(factory) == paused
    assert _audited(factory, "invoice.undisputed") == 1
    # Asked afresh, it settles the dispute it asked about.
    settle, _no = _offered(router, "invoice undisputed INV-2043", PRIYA)
    assert _press(router, settle, PRIYA).startswith("Invoice INV-2043 is no longer disputed")
    assert _audited(factory, "invoice.undisputed") == 2


# Its savepoint on both databases.
@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_an_old_record_button_records_nothing_once_the_dispute_has_changed(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 41's review (O4): [Record the dispute] pressed after the dispute it recorded was
    # settled recorded it again, and Riverside was told twice.
    record, _no = _offered(router, "invoice disputed INV-2043 rota wrong", PRIYA)
    assert _press(router, record, PRIYA).startswith("Invoice INV-2043 (£980.00 from Riverside")
    say(router, "/invoice undisputed INV-2043", PRIYA)
    told = len(_told(factory, SAM))
    assert _press(router, record, PRIYA) == (
        "The dispute on invoice INV-2043 from Riverside has changed since I asked, so nothing "
        'was recorded. Type "invoice disputed INV-2043" with its reason again if you still '
        "want to record it.")
    assert [status for status, _outcome in _payment_clocks(factory)] == [
        DeadlineStatus.NOT_APPLICABLE, DeadlineStatus.OPEN]
    assert len(_told(factory, SAM)) == told
    assert _audited(factory, "invoice.disputed") == 1


def test_a_button_from_before_its_question_was_kept_changes_nothing(
        factory: sessionmaker[Session], router: Router) -> None:
    # Buttons sent before the dispute asked about was kept in them carry the command alone:
    # which dispute they asked about can't be told, so they change nothing and say so.
    say(router, "/invoice disputed INV-2043 rota", PRIYA)
    paused = _payment_clocks(factory)
    assert _press(router, Button(label="Settle the dispute", action="invoice.undispute_record",
                                 value="undisputed INV-2043"), PRIYA) == (
        'That button is from an older question, so nothing changed. Type "invoice undisputed '
        'INV-2043" again if you still want to.')
    assert _press(router, Button(label="Record the dispute", action="invoice.dispute_record",
                                 value="disputed INV-2043 hours"), PRIYA) == (
        'That button is from an older question, so nothing changed. Type "invoice disputed '
        'INV-2043 hours" again if you still want to.')
    assert _payment_clocks(factory) == paused
    assert _audited(factory, "invoice.undisputed") == 0


def test_the_questions_name_whose_invoice_it_is(
        factory: sessionmaker[Session], router: Router) -> None:
    # Council staff see several providers' invoices numbered alike: the question said none.
    assert _asked(router, "invoice disputed INV-2043 rota", PRIYA)[0][0] == (
        'Shall I record invoice INV-2043 from Riverside as disputed ("rota")? Nothing is '
        "recorded until you say so.")
    say(router, "/invoice disputed INV-2043 rota", PRIYA)
    assert _asked(router, "invoice undisputed INV-2043", PRIYA)[0][0].startswith(
        'Shall I record the dispute on invoice INV-2043 from Riverside ("rota") as settled?')


@pytest.mark.parametrize("typed", [
    "Invoice Undisputed inv-2043", "INVOICE UNDISPUTED INV-2043", "invoice Undisputed INV-2043"])
def test_a_settlement_typed_in_capitals_is_asked_about(
        factory: sessionmaker[Session], router: Router, typed: str) -> None:
    # Session 41's review (U17, O14): it got the usage text.
    say(router, "/invoice disputed INV-2043 rota", PRIYA)
    assert _asked(router, typed, PRIYA)[0][1] == ["Settle the dispute", "No"]
    assert say(router, "yes", PRIYA).startswith("Invoice INV-2043 is no longer disputed")


def test_a_dispute_typed_in_capitals_is_asked_about(
        factory: sessionmaker[Session], router: Router) -> None:
    assert _asked(router, "INVOICE DISPUTED INV-2043 rota", PRIYA) == [(
        'Shall I record invoice INV-2043 from Riverside as disputed ("rota")? Nothing is '
        "recorded until you say so.", ["Record the dispute", "No"])]
    assert say(router, "/invoice Disputed INV-2043 rota", PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        "disputed: rota.")


@pytest.mark.parametrize("typed", [
    "yes settle it", "yes please settle", "Yes, settle the dispute please", "yes go ahead"])
def test_a_yes_with_the_questions_own_words_settles(
        factory: sessionmaker[Session], router: Router, typed: str) -> None:
    # Session 41's review (O12): "yes settle it" got an unrelated knowledge-base answer.
    say(router, "/invoice disputed INV-2043 rota", PRIYA)
    say(router, "invoice undisputed INV-2043", PRIYA)
    assert say(router, typed, PRIYA).startswith("Invoice INV-2043 is no longer disputed")
    assert _audited(factory, "invoice.undisputed") == 1


@pytest.mark.parametrize("typed", [
    "yes dispute it", "yes dispute", "yes, dispute it please", "yes record it",
    "yes record the dispute"])
def test_a_yes_with_a_disputes_words_never_settles(
        factory: sessionmaker[Session], router: Router, typed: str) -> None:
    # The session's second invoice review (Y7, E10, F2): each settled the dispute.
    say(router, "/invoice disputed INV-2043 rota", PRIYA)
    say(router, "invoice undisputed INV-2043", PRIYA)
    assert _asked(router, typed, PRIYA) == [(
        "My question was whether to settle the dispute, not to record one, so nothing changed: "
        "press Settle the dispute or No.", ["Settle the dispute", "No"])]
    assert _audited(factory, "invoice.undisputed") == 0


@pytest.mark.parametrize("reason", [
    "3 120 minute calls missed", "2 100 hour visits missed", "4 100 visits missed"])
def test_a_count_after_a_number_is_no_amount_with_a_space_inside(
        factory: sessionmaker[Session], router: Router, reason: str) -> None:
    # The session's second invoice review (D2, D6, D10): refused as "£3 or £3,120".
    assert "without spaces" not in say(router, f"/invoice disputed INV-2043 {reason}", PRIYA)


def test_a_yes_with_the_questions_own_words_records_but_never_settles_a_record(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "invoice disputed INV-2043 rota", PRIYA)
    assert _asked(router, "yes settle it", PRIYA) == [(
        "My question was whether to record a dispute, not to settle one, so nothing changed: "
        "press Record the dispute or No.", ["Record the dispute", "No"])]
    assert _audited(factory, "invoice.disputed") == 0
    assert say(router, "yes record it", PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        "disputed: rota.")


@pytest.mark.parametrize(("typed", "meant"), [
    ("/invoice disputed INV-2043 £ 1 200 rota", ("£1", "£1,200")),
    ("/invoice disputed INV-2043 £1 200 rota", ("£1", "£1,200")),
    ("invoice disputed INV-2043 £ 1 200 rota", ("£1", "£1,200")),
    ("/invoice disputed INV-2043 1 200 rota", ("£1", "£1,200")),
])
def test_an_amount_with_a_space_inside_is_refused(
        factory: sessionmaker[Session], router: Router, typed: str,
        meant: tuple[str, str]) -> None:
    # Session 41's review (U59): "£ 1 200 rota" recorded £1.00 disputed for "200 rota".
    assert say(router, typed, PRIYA) == (
        f"I couldn't tell whether you mean {meant[0]} or {meant[1]}: please type the amount "
        "without spaces. Nothing was recorded.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert _audited(factory, "invoice.part_disputed") == 0


@pytest.mark.parametrize("typed", [
    "/invoice received INV-5 01/12/2026 £ 1 200 P-7",
    "/invoice received INV-5 01/12/2026 1 200 P-7"])
def test_an_invoice_amount_with_a_space_inside_is_refused(
        factory: sessionmaker[Session], router: Router, typed: str) -> None:
    # Session 41's review: "200" was read as the placement.
    assert say(router, typed, SAM) == (
        "I couldn't tell whether you mean £1 or £1,200: please type the amount without spaces. "
        "Nothing was recorded.")
    assert count_rows(factory, Invoice) == 1


def test_a_settlement_after_the_legal_limit_says_the_invoice_is_overdue(
        factory: sessionmaker[Session], router: Router) -> None:
    # The session's trial: "all £2,000.00 is due by the legal limit, Fri 30 Oct 2026", 38
    # days after it.
    say(router, "/invoice received INV-9 01/10/2026 500 P-7", SAM)
    say(router, "/invoice disputed INV-9 £100 rota", PRIYA)
    asked = say(router, "invoice undisputed INV-9", PRIYA)
    assert "All £500.00 would be overdue: the legal limit was Fri 30 Oct 2026." in asked, asked
    assert say(router, "yes", PRIYA).startswith(
        "Invoice INV-9 is no longer disputed in part: all £500.00 is overdue: the legal limit "
        "was Fri 30 Oct 2026.")


@pytest.mark.parametrize("typed", ["invoice undisputed INV-2043", "/invoice undisputed INV-2043",
                                   "invoice undisputed INV-2043."])
def test_a_provider_settling_is_told_only_the_payer_settles(
        factory: sessionmaker[Session], router: Router, typed: str) -> None:
    # The session's trial: told "... can record it disputed"; "INV-2043." was no invoice.
    say(router, "/invoice disputed INV-2043 rota", PRIYA)
    assert say(router, typed, SAM).startswith(
        "Only the organisation that pays invoice INV-2043 can settle its dispute.")


@pytest.mark.parametrize("amount", ["500", "£500"])
def test_three_digits_after_an_amount_with_nothing_after_them_are_the_placement(
        factory: sessionmaker[Session], router: Router, amount: str) -> None:
    # The session's second invoice review (A1, A15): refused as "£500 or £500,101".
    say(router, f"/placement new 101 2026-11-02 {PRIYA}", SAM)
    assert say(router, f"/invoice received INV-5 01/12/2026 {amount} 101", SAM).startswith(
        "Invoice INV-5 for £500.00 to Northshire (placement 101) recorded as received")
    assert count_rows(factory, Invoice) == 2


@pytest.mark.parametrize("typed", ["1,5k missed visits", "£2,5k missed visits", "1,5K rota"])
def test_an_amount_that_cannot_be_read_is_refused_never_the_reasons(
        factory: sessionmaker[Session], router: Router, typed: str) -> None:
    # Session 41's review (U24): "1,5k missed visits" disputed the whole invoice, "1,5k" left
    # in the reason.
    first = typed.split()[0]
    assert say(router, f"/invoice disputed INV-2043 {typed}", PRIYA) == (
        f"I couldn't read the amount '{first}'. Please write it like 1234.56.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert _told(factory, SAM) == []


def test_an_implausibly_large_invoice_is_refused(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 41's review (A20): "99999k" recorded £99,999,000.00.
    for typed in ("99999k", "£2,000,000.01", "£5m"):
        reply = say(router, f"/invoice received INV-5 01/12/2026 {typed} P-7", SAM)
        assert "nothing was recorded" in reply.casefold() or "couldn't read" in reply, reply
    assert say(router, "/invoice received INV-5 01/12/2026 99999k P-7", SAM) == (
        "£99,999,000.00 is more than I record for one invoice in chat (at most £2,000,000.00), "
        "so nothing was recorded: please check the amount. If it really is that much, ask your "
        "pledgebot administrator to import it.")
    assert count_rows(factory, Invoice) == 1
    # A large block contract's month is recorded.
    assert say(router, "/invoice received INV-6 01/12/2026 £650k P-7", SAM).startswith(
        "Invoice INV-6 for £650,000.00")
    assert say(router, "/invoice received INV-7 01/12/2026 £2,000,000 P-7", SAM).startswith(
        "Invoice INV-7 for £2,000,000.00")


@pytest.mark.parametrize("typed", ["yes settle it", "yes, settle", "settle it",
                                   "Settle the dispute please"])
def test_a_settlement_said_with_no_question_waiting_says_how_to_settle(
        factory: sessionmaker[Session], router: Router, typed: str) -> None:
    # Session 42's brief: with no invoice question asked, each went to the knowledge base
    # ("I don't know the answer to that ..."), kept as a question it could not answer.
    say(router, "/invoice disputed INV-2043 rota", PRIYA)
    paused = _payment_clocks(factory)
    assert _asked(router, typed, PRIYA) == [(
        "No question about an invoice is waiting for an answer, so nothing changed. To settle "
        "a dispute: /invoice undisputed NUMBER.", [])]
    assert _payment_clocks(factory) == paused
    assert _audited(factory, "invoice.undisputed") == 0
    assert count_rows(factory, Question) == 0


PROVIDERS_CONFLICT = ("A disagreement with the council that is not about an invoice? /conflict "
                      "records it as a case a named commissioner must answer.")


def test_a_settlement_said_with_no_question_waiting_tells_a_provider_who_settles(
        factory: sessionmaker[Session], router: Router) -> None:
    assert say(router, "yes settle it", SAM) == (
        "No question about an invoice is waiting for an answer, so nothing changed. The "
        "organisation that pays an invoice settles a dispute on it: /invoice undisputed NUMBER."
        f"\n{PROVIDERS_CONFLICT}")
    assert count_rows(factory, Question) == 0


@pytest.mark.parametrize("typed", ["settle the dispute", "settle dispute please"])
def test_a_provider_settling_with_no_question_waiting_is_pointed_to_conflict_too(
        factory: sessionmaker[Session], router: Router, typed: str) -> None:
    # The reviewer (session 42): this morning a provider's "settle the dispute" got the
    # knowledge base's topics, "Resolving disputes and complaints with commissioners" among
    # them; today only how an invoice's dispute is settled. A dispute may be no invoice's.
    say(router, "/invoice disputed INV-2043 rota", PRIYA)
    paused = _payment_clocks(factory)
    assert _asked(router, typed, SAM) == [(
        "No question about an invoice is waiting for an answer, so nothing changed. The "
        "organisation that pays an invoice settles a dispute on it: /invoice undisputed NUMBER."
        f"\n{PROVIDERS_CONFLICT}", [])]
    assert _payment_clocks(factory) == paused
    assert count_rows(factory, Question) == 0


def test_settle_it_without_a_yes_answers_the_question_asked(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice disputed INV-2043 rota", PRIYA)
    say(router, "invoice undisputed INV-2043", PRIYA)
    assert say(router, "settle it", PRIYA).startswith("Invoice INV-2043 is no longer disputed")
    assert _audited(factory, "invoice.undisputed") == 1


@pytest.mark.parametrize("typed", [
    "invoice undisputed INV-9 Riverside", "/invoice undisputed INV-9 Riverside",
    "/invoice undisputed INV-9 riverside's"])
def test_a_settlement_naming_a_provider_who_did_not_send_the_invoice_is_refused(
        factory: sessionmaker[Session], router: Router, typed: str) -> None:
    # Session 42's brief: INV-9 is Hillview's alone; "invoice undisputed INV-9 Riverside"
    # settled Hillview's dispute, Riverside's name read as nothing.
    say(router, f"/placement new P-8 2026-11-02 {PRIYA}", KIM)
    say(router, "/invoice received INV-9 23/11/2026 900 P-8", KIM)
    say(router, "/invoice disputed INV-9 rota", PRIYA)
    paused = _payment_clocks(factory)
    told = len(_told(factory, KIM))
    assert _asked(router, typed, PRIYA) == [(
        "Invoice INV-9 is from Hillview, not Riverside, so nothing changed. If you meant that "
        "one: /invoice undisputed INV-9.", [])]
    assert _payment_clocks(factory) == paused
    assert len(_told(factory, KIM)) == told
    assert _audited(factory, "invoice.undisputed") == 0


def test_a_dispute_naming_a_provider_who_did_not_send_the_invoice_is_refused(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, f"/placement new P-8 2026-11-02 {PRIYA}", KIM)
    say(router, "/invoice received INV-9 23/11/2026 900 P-8", KIM)
    for typed in ("/invoice disputed INV-9 Riverside rota",
                  "invoice disputed INV-9 Riverside £120 rota"):
        assert say(router, typed, PRIYA) == (
            "Invoice INV-9 is from Hillview, not Riverside, so nothing was recorded. If you "
            "meant that one: /invoice disputed INV-9 Hillview REASON."), typed
    assert _payment_clocks(factory)[-1] == (DeadlineStatus.OPEN, None)
    assert _told(factory, KIM) == []
    # Its own sender named: the name is no part of the reason, which may then name another.
    assert say(router, "/invoice disputed INV-9 Hillview Riverside covered the visits",
               PRIYA).startswith(
        "Invoice INV-9 (£900.00 from Hillview, received Mon 23 Nov 2026) is recorded as "
        "disputed: Riverside covered the visits.")


def test_a_dispute_naming_a_provider_who_sent_neither_invoice_of_its_number_is_refused(
        factory: sessionmaker[Session], router: Router) -> None:
    make_organisation(factory, "Brookfield Lodge")
    say(router, f"/placement new P-8 2026-11-02 {PRIYA}", KIM)
    say(router, "/invoice received INV-2043 23/11/2026 900 P-8", KIM)
    assert say(router, "/invoice disputed INV-2043 Brookfield rota", PRIYA) == (
        "Hillview and Riverside each sent an invoice 'INV-2043', but not Brookfield Lodge, so "
        "nothing was recorded. Say whose it is after the number: /invoice disputed INV-2043 "
        "Hillview REASON.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)] * 2


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_an_old_button_acts_on_its_own_invoice_once_another_has_the_same_number(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 42's brief: after Hillview recorded an inv-2043 too, [Record the dispute] asked
    # for Riverside's was told "Hillview and Riverside each sent an invoice ... say whose".
    record, _no = _offered(router, "invoice disputed INV-2043 rota", PRIYA)
    say(router, f"/placement new P-8 2026-11-02 {PRIYA}", KIM)
    say(router, "/invoice received inv-2043 23/11/2026 900 P-8", KIM)
    assert _press(router, record, PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        "disputed: rota.")
    assert _payment_clocks(factory) == [(DeadlineStatus.NOT_APPLICABLE, "disputed: rota"),
                                        (DeadlineStatus.OPEN, None)]
    assert _told(factory, KIM) == []
    # ... and its settlement, asked of Riverside's by its name, settles Riverside's alone.
    settle, _no = _offered(router, "invoice undisputed INV-2043 riverside", PRIYA)
    say(router, "/invoice disputed INV-2043 hillview £100 late", PRIYA)
    assert _press(router, settle, PRIYA) == (
        "Invoice INV-2043 is no longer disputed: its payment clock runs again, legal limit Sat "
        "19 Dec 2026. Riverside has been told.")
    assert _audited(factory, "invoice.undisputed") == 1
    assert _audited(factory, "invoice.part_disputed") == 1
    assert _told(factory, KIM)[-1].startswith("Northshire has disputed £100.00 of your invoice")
    # Pressed again once its own has changed: refused plainly, nothing more changed.
    assert _press(router, record, PRIYA) == (
        "The dispute on invoice INV-2043 from Riverside has changed since I asked, so nothing "
        'was recorded. Type "invoice disputed INV-2043" with its reason again if you still '
        "want to record it.")
    assert _audited(factory, "invoice.disputed") == 1


@pytest.mark.parametrize(("typed", "meant"), [
    ("/invoice disputed INV-2043 120 visits, £1 200", ("£1", "£1,200")),
    ("invoice disputed INV-2043 120 visits, £1 200", ("£1", "£1,200")),
    ("/invoice disputed INV-2043 missed visits £ 1 200 disputed", ("£1", "£1,200")),
    ("/invoice disputed INV-2043 missed visits, 1 200 pounds", ("£1", "£1,200")),
    ("/invoice disputed INV-2043 rota (£2 500)", ("£2", "£2,500")),
])
def test_an_amount_with_a_space_inside_anywhere_in_the_reason_is_refused(
        factory: sessionmaker[Session], router: Router, typed: str,
        meant: tuple[str, str]) -> None:
    # Session 42's brief: "120 visits, £1 200" asked "Is £1 the part of INV-2043 you
    # dispute?"; "1 200 pounds" later asked about £200.
    assert say(router, typed, PRIYA) == (
        f"I couldn't tell whether you mean {meant[0]} or {meant[1]}: please type the amount "
        "without spaces. Nothing was recorded.")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert _told(factory, SAM) == []


@pytest.mark.parametrize(("typed", "readings"), [
    ("£12,5 missed visits", "£12.50 or £125"), ("missed visits £12,5", "£12.50 or £125"),
    ("rota, £12,5 disputed", "£12.50 or £125"), ("12,5 pounds missed visits", "£12.50 or £125"),
    ("£12,50 missed visits", "£12.50 or £1,250"), ("missed visits £12,50", "£12.50 or £1,250"),
    ("12,50 pounds short", "£12.50 or £1,250"), ("missed visits, 12,5 quid", "£12.50 or £125"),
    ("£ 12,50 short", "£12.50 or £1,250"), ("£12,50 each for missed visits", "£12.50 or £1,250"),
    # ... and a bare one read as a sum (the read-again after session 42: "120,50" was read as
    # £120.50 here and by /invoice received, where "£12,50" was refused).
    ("120,50 two visits", "£120.50 or £12,050"), ("120,50", "£120.50 or £12,050"),
    ("1,20: a missed visit", "£1.20 or £120")])
def test_a_sum_with_one_or_two_figures_after_its_comma_is_asked_never_guessed(
        factory: sessionmaker[Session], router: Router, typed: str, readings: str) -> None:
    # Session 42's brief: "£12,5" (£12.50? £125?) was kept in the reason, all of the invoice
    # disputed; "£12,50" (£12.50? £1,250?) was read as £12.50. A clear question beats a guess.
    # (A bare "12,5" is the reason's: below.)
    # Session 44's brief: asked with a button for each sum, which a sum typed alone answers;
    # a comma before two figures is pence, the one sum asked about.
    pence = re.search(r"\d,(\d{1,2})(?!\d)", typed)
    assert pence is not None
    if len(pence.group(1)) == 2:
        usual = readings.split(" or ")[0]
        asked = (f"Did you mean {usual}? A comma with two figures after it is usually pence. "
                 f"Nothing is recorded yet: reply {usual} (or press it) and I'll record it; if "
                 f"you meant another sum, send the whole command again with it.")
    else:
        asked = (f"Did you mean {readings}? Nothing is recorded yet: reply with the one you "
                 f"meant (or press it) and I'll record it, or send the whole command again.")
    assert say(router, f"/invoice disputed INV-2043 {typed}", PRIYA) == asked
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert _told(factory, SAM) == []


@pytest.mark.parametrize("reason", [
    "2,3 and 4 December visits not delivered", "1,2 December visits missed",
    "12,5 missed visits", "3,4 and 10 Dec no carer came", "12,50 missed visits",
    "2,30 and 4 December visits not delivered", "1,250 visits short"])
def test_days_or_numbers_listed_with_a_comma_first_are_the_reasons(
        factory: sessionmaker[Session], router: Router, reason: str) -> None:
    # The reviewer's regression (session 42): this morning each was recorded disputed, the
    # whole invoice with that reason; the new rule on "12,5" refused them as an unreadable
    # amount. Said to be money ("£12,5", "12,5 pounds") it is refused: above.
    assert say(router, f"/invoice disputed INV-2043 {reason}", PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        f"disputed: {reason}. Its payment clock is paused")
    assert _payment_clocks(factory) == [(DeadlineStatus.NOT_APPLICABLE, f"disputed: {reason}")]
    assert _told(factory, SAM) == [
        "Northshire has disputed your invoice INV-2043 (£980.00, received Fri 20 Nov 2026): "
        f"{reason}. Its payment clock is paused while it is disputed. Ask them what will settle "
        "it (corrected details: /invoice received INV-2043 with them); if you disagree, "
        "/conflict raises it with the council."]


def test_days_listed_with_a_comma_typed_without_the_slash_are_asked_about_whole(
        factory: sessionmaker[Session], router: Router) -> None:
    record, _no = _offered(
        router, "invoice disputed INV-2043 2,3 and 4 December visits not delivered", PRIYA)
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert _press(router, record, PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        "disputed: 2,3 and 4 December visits not delivered.")
    assert _payment_clocks(factory) == [(DeadlineStatus.NOT_APPLICABLE,
                                         "disputed: 2,3 and 4 December visits not delivered")]


def test_a_sum_in_pounds_with_two_figures_after_its_comma_is_never_read_as_pence(
        factory: sessionmaker[Session], router: Router) -> None:
    # The reviewer (session 42): "£12,50" was read as £12.50, its question answered "1"
    # recording £12.50 of the invoice disputed; £12.50 or £1,250?
    # (Session 44's brief: before two figures, the comma is read as pence, the one sum asked,
    # with its button; "1" is no answer to it.)
    assert _asked(router, "invoice disputed INV-2043 £12,50 missed visits", PRIYA) == [(
        "Did you mean £12.50? A comma with two figures after it is usually pence. Nothing is "
        "recorded yet: reply £12.50 (or press it) and I'll ask before I record it; if you "
        "meant another sum, send the whole command again with it.", ["£12.50"])]
    assert say(router, "1", PRIYA).startswith("£1.00 is not the sum I asked about (£12.50).")
    assert _payment_clocks(factory) == [(DeadlineStatus.OPEN, None)]
    assert _audited(factory, "invoice.part_disputed") == 0
    assert _told(factory, SAM) == []


def test_a_number_with_a_comma_before_a_count_or_later_without_pounds_is_the_reasons(
        factory: sessionmaker[Session], router: Router) -> None:
    # "1,5 hours" counts; a later number with no "£", as any other ("missed visits, 400"),
    # is the reason's: all of it disputed, the reply saying so.
    assert say(router, "/invoice disputed INV-2043 1,5 hours short each visit", PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        "disputed: 1,5 hours short each visit.")
    say(router, "/invoice undisputed INV-2043", PRIYA)
    assert say(router, "/invoice disputed INV-2043 120 visits, 12,5", PRIYA).startswith(
        "Invoice INV-2043 (£980.00 from Riverside, received Fri 20 Nov 2026) is recorded as "
        "disputed: 120 visits, 12,5.")


def test_an_old_button_changes_nothing_once_its_invoice_was_corrected(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 42's brief: a question's button acts only on the invoice it was made for, as it
    # was; corrected since ("£120 of £980" asked, the invoice now £100), it changes nothing.
    record, _no = _offered(router, "invoice disputed INV-2043 £120 two visits not delivered",
                           PRIYA)
    _corrected(router, "/invoice received INV-2043 20/11/2026 100 P-7")
    told = len(_told(factory, SAM))
    assert _press(router, record, PRIYA) == (
        "Invoice INV-2043 from Riverside was corrected since I asked, so nothing was recorded. "
        'Type "invoice disputed INV-2043" with its reason again if you still want to record it.')
    assert _payment_clocks(factory)[-1] == (DeadlineStatus.OPEN, None)
    assert len(_told(factory, SAM)) == told
    assert _audited(factory, "invoice.part_disputed") == 0
