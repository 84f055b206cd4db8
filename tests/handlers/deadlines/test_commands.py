"""The deadline commands as people type them (session 33's trial: a provider's finance officer,
a care-home manager and a commissioner), as dialogs through the router."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.messages import Button, Reply
from bot.models import (
    Deadline,
    DeadlineStatus,
    FormSession,
    Invoice,
    OutboxMessage,
    Person,
    Placement,
    Question,
    Reminder,
    ReminderStatus,
    TenderFollower,
)
from bot.templates import day_words, make_templates
from handlers.deadlines.chat import booked_days, says_left
from tests.factories import Clock, count_rows, make_incoming
from tests.handlers.deadlines.conftest import KIM, PRIYA, SAM
from tests.handlers.deadlines.support import (
    LONDON,
    MONDAY_2_NOVEMBER,
    at,
    import_tenders,
    say,
)

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

INVOICE_USAGE = ("Usage: /invoice received NUMBER DATE AMOUNT PLACEMENT (or \"none\" for no "
                 "single placement), or /invoice paid NUMBER [DATE] (the council may add the "
                 "provider's name), or /invoice list for the unpaid ones; the one who pays "
                 "it: /invoice disputed NUMBER [REASON] pauses its payment clock, /invoice "
                 "disputed NUMBER £AMOUNT [REASON] disputes only that much (the rest stays "
                 "due), /invoice undisputed NUMBER settles either.")


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_2_NOVEMBER)


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, people: dict[str, int],
           clock: Clock) -> Router:
    """Sam's placement P-7 with Priya, started on Mon 2 Nov 2026; the router on Mon 7 Dec."""
    routed = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    assert say(routed, f"/placement new P-7 2026-11-02 {PRIYA}", SAM).startswith(
        "Placement P-7 added")
    clock.now = at(date(2026, 12, 7), 10)
    return routed


def _ask(router: Router, text: str, sender: str) -> Reply:
    """The one reply ``sender`` gets to ``text``."""
    [reply] = router.handle(make_incoming(text, sender=sender))
    return reply


def _press(router: Router, button: Button, sender: str) -> str:
    return "\n".join(reply.text for reply in router.handle(
        make_incoming(sender=sender, action=button.action, action_value=button.value)))


def _counts(factory: sessionmaker[Session]) -> Counter[str]:
    return Counter({model.__tablename__: count_rows(factory, model) for model in (
        Placement, Invoice, Deadline, Reminder, OutboxMessage, TenderFollower)})


def _invoices(factory: sessionmaker[Session]) -> list[tuple[str, date, int]]:
    with factory() as session:
        return [(invoice.number, invoice.received_on, invoice.amount_pence)
                for invoice in session.scalars(select(Invoice).order_by(Invoice.id))]


# --- a subcommand mistyped ----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "reply"), [
    ("/invoice recieved INV-1 2/12/2026 400 none",
     "I don't know /invoice recieved. Did you mean /invoice received? " + INVOICE_USAGE),
    ("/invoice paidd INV-1", "I don't know /invoice paidd. Did you mean /invoice paid? "
                             + INVOICE_USAGE),
    ("/placement ennd P-7",
     "I don't know /placement ennd. Did you mean /placement end? Usage: /placement new REF "
     "START_DATE EMAIL (the commissioner's e-mail if you are a provider, the provider "
     "contact's if you commission), /placement end REF [END_DATE], /placement reopen REF (to "
     "undo an end recorded by mistake), or /placement list."),
    ("/review dnoe P-7", "I don't know /review dnoe. Did you mean /review done? Usage: /review "
                         "done REF [DATE] [outcome, e.g. increase / decrease / maintain]."),
    ("/tender folow T-9", "I don't know /tender folow. Did you mean /tender follow? Usage: "
                          "/tender to see the tenders open for bids and your tenders' dates, "
                          "/tender follow REF (or words of its title) to be reminded of a "
                          "tender's clarification and submission deadlines, "
                          "/tender unfollow REF to stop. If two councils have a tender REF, "
                          "put the council's name after it: /tender follow REF COUNCIL."),
    # A word near none of them is said not understood, then the usage line (session 34).
    ("/invoice hello", "I didn't understand \"hello\" after /invoice. " + INVOICE_USAGE),
])
def test_a_mistyped_subcommand_gets_a_did_you_mean(
        factory: sessionmaker[Session], router: Router, text: str, reply: str) -> None:
    before = _counts(factory)
    assert say(router, text, SAM) == reply
    assert _counts(factory) == before


# --- an invoice as typed ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "recorded"), [
    # The amount after a day and month is not its year (session 33's trial: "The date received
    # Mon 21 Oct 1320 is too far from today").
    ("/invoice received INV-2042 21 oct 1320 none", ("INV-2042", date(2026, 10, 21), 132000)),
    ("/invoice received INV-2042 21st of October 75 P-7", ("INV-2042", date(2026, 10, 21), 7500)),
    # A year is a year when the amount follows it.
    ("/invoice received INV-2042 21 oct 2026 1320 none", ("INV-2042", date(2026, 10, 21), 132000)),
    ("/invoice received INV-2042 21 oct 26 1320 P-7", ("INV-2042", date(2026, 10, 21), 132000)),
    # An invoice number typed with a space (session 33's trial: "I couldn't read the date
    # received '2052'").
    ("/invoice received INV 2052 2/12/2026 400 none", ("INV-2052", date(2026, 12, 2), 40000)),
    ("/invoice received inv 2052 2 dec 400 P-7", ("inv-2052", date(2026, 12, 2), 40000)),
    # ... one that starts with a month's name, the number after it no day and no year near
    # today (session 35's brief: "Mar 1234" was read as a date).
    ("/invoice received Mar 1234 20/11/2026 100 P-7", ("Mar-1234", date(2026, 11, 20), 10000)),
    ("/invoice received may 987 2026-11-20 100 none", ("may-987", date(2026, 11, 20), 10000)),
])
def test_an_invoice_is_read_as_people_type_it(
        factory: sessionmaker[Session], router: Router, text: str,
        recorded: tuple[str, date, int]) -> None:
    number, _received, pence = recorded
    assert say(router, text, SAM).startswith(
        f"Invoice {number} for £{pence / 100:,.2f} to Northshire (")
    assert _invoices(factory) == [recorded]


@pytest.mark.parametrize(("text", "reply"), [
    # A year with no amount after it: the amount is missing, not the year.
    ("/invoice received INV-2042 21 oct 2026 none",
     "I couldn't read the amount 'none'. Please write it like 1234.56."),
    ("/invoice received INV-2042 21 oct 1320 400 none",
     "The date received Mon 21 Oct 1320 is too far from today. Please check it."),
])
def test_a_year_and_an_amount_that_cannot_be_told_apart_record_nothing(
        factory: sessionmaker[Session], router: Router, text: str, reply: str) -> None:
    before = _counts(factory)
    assert say(router, text, SAM) == reply
    assert _counts(factory) == before


@pytest.mark.parametrize(("amount", "pence"), [
    # Session 40's Left: "£2k" was read by /invoice disputed only; /invoice received refused
    # it. The amounts a dispute reads are read here too.
    ("£2k", 200000), ("£1.5k", 150000), ("2k", 200000), ("forty pounds", 4000),
    ("Two hundred and fifty quid", 25000), ("£1,250", 125000), ("£1,200.50", 120050),
    ("120 pounds", 12000), ("£ 120", 12000), ("1320", 132000), ("£400", 40000),
    ("£1.2345k", 123450), ("twelve hundred quid", 120000)])
def test_an_invoice_received_reads_the_amounts_a_dispute_reads(
        factory: sessionmaker[Session], router: Router, amount: str, pence: int) -> None:
    assert say(router, f"/invoice received INV-2042 2/12/2026 {amount} P-7", SAM).startswith(
        f"Invoice INV-2042 for £{pence / 100:,.2f} to Northshire (placement P-7) recorded")
    assert _invoices(factory) == [("INV-2042", date(2026, 12, 2), pence)]


def test_an_amount_in_words_is_kept_while_the_placement_is_asked(
        factory: sessionmaker[Session], router: Router) -> None:
    assert "Which placement is this invoice for?" in say(
        router, "/invoice received INV-2042 21 oct 2026 forty pounds", SAM)
    assert _invoices(factory) == []
    assert say(router, "P-7", SAM).startswith(
        "Invoice INV-2042 for £40.00 to Northshire (placement P-7) recorded as received on "
        "Wed 21 Oct 2026.")
    assert say(router, "/invoice received INV-2043 21 oct £2k none", SAM).startswith(
        "Invoice INV-2043 for £2,000.00 to Northshire (no placement) recorded as received on "
        "Wed 21 Oct 2026.")
    assert _invoices(factory) == [("INV-2042", date(2026, 10, 21), 4000),
                                  ("INV-2043", date(2026, 10, 21), 200000)]


@pytest.mark.parametrize(("amount", "reply"), [
    # Not an amount: refused plainly, as before, nothing recorded.
    ("forty", "I couldn't read the amount 'forty'. Please write it like 1234.56."),
    ("12O", "I couldn't read the amount '12O'. Please write it like 1234.56."),
    ("£2m", "I couldn't read the amount '£2m'. Please write it like 1234.56."),
    ("2kk", "I couldn't read the amount '2kk'. Please write it like 1234.56."),
    ("lots", "I couldn't read the amount 'lots'. Please write it like 1234.56."),
    ("0k", "The amount '0k' must be a positive sum in pounds and pence."),
    # Words of numbers that make no number (it was read as £3,000).
    ("two thousand thousand pounds",
     "I couldn't read the amount 'two thousand thousand pounds'. Please write it like "
     "1234.56."),
    ("£99999999k", "The amount '£99999999k' looks too large. Please check it."),
    # A comma with one or two figures after it: £120.50 or £12,050? Never guessed (the
    # read-again after session 42: a dispute asked, this read £120.50); asked, with a button
    # for each sum (session 44's brief); before two figures, pence alone, the usual reading.
    ("120,50", "Did you mean £120.50? A comma with two figures after it is usually pence. "
               "Nothing is recorded yet: reply £120.50 (or press it) and I'll record it; if "
               "you meant another sum, send the whole command again with it."),
    ("£12,50", "Did you mean £12.50? A comma with two figures after it is usually pence. "
               "Nothing is recorded yet: reply £12.50 (or press it) and I'll record it; if "
               "you meant another sum, send the whole command again with it."),
    *((typed, "Did you mean £12.50 or £125? Nothing is recorded yet: reply with the one you "
              "meant (or press it) and I'll record it, or send the whole command again.")
      for typed in ("£ 12,5", "12,5", "12,5 pounds")),
    ("1,5k", "I couldn't read the amount '1,5k'. Please write it like 1234.56."),
])
def test_an_invoice_received_refuses_what_is_no_amount(
        factory: sessionmaker[Session], router: Router, amount: str, reply: str) -> None:
    before = _counts(factory)
    assert say(router, f"/invoice received INV-2042 2/12/2026 {amount} P-7", SAM) == reply
    assert _counts(factory) == before


@pytest.mark.parametrize("typed", [
    "invoice received INV-2042 2/12/2026 £400 P-7", "Invoice received INV-2042 2/12/2026 400 P-7",
    "invoice received INV 2042 on 2 Dec £400 for P-7",
    "/invoice received INV-2042 2/12/2026 £400 for P-7"])
def test_an_invoice_received_typed_without_the_slash_is_the_command(
        factory: sessionmaker[Session], router: Router, typed: str) -> None:
    # The read-again after session 42: "invoice received INV-300 £450 for RC-101" got "I don't
    # know the answer to that", where "invoice disputed ..." without the slash is the command.
    assert say(router, typed, SAM).startswith(
        "Invoice INV-2042 for £400.00 to Northshire (placement P-7) recorded as received on "
        "Wed 2 Dec 2026.")
    assert _invoices(factory) == [("INV-2042", date(2026, 12, 2), 40000)]


@pytest.mark.parametrize(("typed", "sender", "reply"), [
    # No day it was received: the command to type, with the words given, never a day guessed.
    ("invoice received INV-300 £450 for P-7", SAM,
     "To record invoice INV-300, type the day it was received too: /invoice received INV-300 "
     "DATE £450 P-7 (DATE like 25/11/2026). Nothing was recorded."),
    ("invoice received INV-300 £450", SAM,
     "To record invoice INV-300, type the day it was received too: /invoice received INV-300 "
     "DATE £450 PLACEMENT (DATE like 25/11/2026; PLACEMENT its reference, or none). Nothing "
     "was recorded."),
    # Only a provider records the invoices it sends, as with the slash.
    ("invoice received INV-300 2/12/2026 £450 P-7", PRIYA,
     "Providers record the invoices they send with /invoice received."),
])
def test_an_invoice_received_typed_without_the_slash_and_unclear_says_what_to_type(
        factory: sessionmaker[Session], router: Router, typed: str, sender: str,
        reply: str) -> None:
    before = _counts(factory)
    assert say(router, typed, sender) == reply
    assert _counts(factory) == before


@pytest.mark.parametrize(("recorded", "paid"), [
    ("INV-2052", "INV 2052"), ("Mar-1234", "mar 1234")])
def test_an_invoice_number_typed_with_a_space_is_paid_as_recorded(
        factory: sessionmaker[Session], router: Router, recorded: str, paid: str) -> None:
    say(router, f"/invoice received {recorded} 2/12/2026 400 none", SAM)
    assert say(router, f"/invoice paid {paid}", PRIYA).startswith(
        f"Invoice {recorded} recorded as paid on Mon 7 Dec 2026")


@pytest.mark.parametrize(("number", "reply"), [
    ("Mar 1234", "Invoice Mar-1234 for £100.00 to Northshire (placement P-7) recorded as "
                 "received on Fri 20 Nov 2026."),
    ("Dec 2026", "Please check \"What is the invoice's number?\": 'Dec 2026' reads as a date, "
                 "not an invoice number.\nNothing was sent."),
])
def test_the_invoice_forms_number_is_read_as_the_command_reads_it(
        factory: sessionmaker[Session], router: Router, number: str, reply: str) -> None:
    # Session 35's brief: "Mar 1234" answered at the form's invoice-number question.
    submitted = dataclasses.replace(
        make_incoming(sender=SAM), form_id="invoice-placement", form_values={
            "number": number, "received": "2026-11-20", "amount": "100", "placement": "P-7"})
    [answer] = router.handle(submitted)
    assert answer.text.startswith(reply)


# --- an invoice recorded again ------------------------------------------------------------------


def _payments(factory: sessionmaker[Session]) -> list[tuple[date, date, str]]:
    with factory() as session:
        return [(deadline.start_on, deadline.due_on, deadline.status.value)
                for deadline in session.scalars(select(Deadline).where(
                    Deadline.rule == "payment").order_by(Deadline.id))]


def test_an_invoice_recorded_again_with_other_details_is_corrected_once_confirmed(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 33's trial: "Invoice INV-2043 is already recorded." and no way to correct it.
    say(router, "/invoice received INV-2043 2/12/2026 400 none", SAM)
    before = _counts(factory)
    asked = _ask(router, "/invoice received INV-2043 3/12/2026 450 P-7", SAM)
    assert asked.text == (
        "Invoice INV-2043 is already recorded: received Wed 2 Dec 2026, £400.00, no placement. "
        "Replace it with received Thu 3 Dec 2026, £450.00, placement P-7? Its payment clocks "
        "then run from Thu 3 Dec 2026.")
    assert [button.label for button in asked.buttons] == ["Yes, replace it", "No, keep it"]
    assert _counts(factory) == before  # nothing changes until it is confirmed
    assert _press(router, asked.buttons[0], SAM) == (
        "Corrected: invoice INV-2043 for £450.00 to Northshire (placement P-7) recorded as "
        "received on Thu 3 Dec 2026. The pledge aims for payment by Fri 11 Dec 2026 (10 days, "
        "pledge 29); the legal limit is Fri 1 Jan 2027 (30 days, counting the day a valid "
        "invoice was received).")
    assert _invoices(factory) == [("INV-2043", date(2026, 12, 3), 45000)]
    assert _payments(factory) == [(date(2026, 12, 2), date(2026, 12, 31), "not_applicable"),
                                  (date(2026, 12, 3), date(2027, 1, 1), "open")]
    # The old clock's reminders are gone from /reminders; the new one is there, once.
    assert say(router, "/reminders", SAM).count("invoice INV-2043") == 1
    # Pressed again, it is done already.
    assert _press(router, asked.buttons[0], SAM).startswith("Invoice INV-2043 is already")


def test_keeping_an_invoice_recorded_again_changes_nothing(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice received INV-2043 2/12/2026 400 none", SAM)
    before = _counts(factory)
    asked = _ask(router, "/invoice received INV-2043 2/12/2026 450 none", SAM)
    assert _press(router, asked.buttons[1], SAM) == (
        "Kept: invoice INV-2043 stays as received Wed 2 Dec 2026, £400.00.")
    assert _invoices(factory) == [("INV-2043", date(2026, 12, 2), 40000)]
    assert _counts(factory) == before


@pytest.mark.parametrize(("text", "reply"), [
    ("/invoice received INV-2043 2/12/2026 400 none",
     "Invoice INV-2043 is already recorded as received Wed 2 Dec 2026, £400.00, no placement: "
     "nothing changed."),
    ("/invoice received INV-2043 2/12/2026 400",
     "Invoice INV-2043 is already recorded: received Wed 2 Dec 2026, £400.00, no placement. "
     "To correct it, send it again in full: /invoice received INV-2043 DATE AMOUNT PLACEMENT "
     "(or none)."),
])
def test_an_invoice_recorded_again_as_it_was_says_so_and_how_to_correct_it(
        factory: sessionmaker[Session], router: Router, text: str, reply: str) -> None:
    say(router, "/invoice received INV-2043 2/12/2026 400 none", SAM)
    before = _counts(factory)
    assert say(router, text, SAM) == reply
    assert _counts(factory) == before


def test_a_paid_invoice_is_not_replaced(factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/invoice received INV-2043 2/12/2026 400 none", SAM)
    asked = _ask(router, "/invoice received INV-2043 2/12/2026 450 none", SAM)
    say(router, "/invoice paid INV-2043 4/12/2026", PRIYA)
    before = _counts(factory)
    refused = (
        "Invoice INV-2043 is already recorded, and was paid on Fri 4 Dec 2026, so I can't "
        "change it. If it is wrong, please tell the council.")
    assert say(router, "/invoice received INV-2043 2/12/2026 450 none", SAM) == refused
    assert _press(router, asked.buttons[0], SAM) == refused
    assert _invoices(factory) == [("INV-2043", date(2026, 12, 2), 40000)]
    assert _counts(factory) == before
    with factory() as session:
        assert session.scalars(select(Deadline.status).where(
            Deadline.rule == "payment")).all() == [DeadlineStatus.DONE]


# --- a date before the reference ----------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "/review done 4/12/2026 P-7", "/review done 4 Dec 2026 P-7 went well",
    "/review done friday P-7",
])
def test_a_review_done_with_its_date_before_the_reference(
        factory: sessionmaker[Session], router: Router, text: str) -> None:
    # Session 33's trial: "/review done 20/11/2026 RC-102" was "I don't know a placement
    # '20/11/2026'".
    assert say(router, text, SAM).startswith(
        "Recorded: P-7 initial review done on Fri 4 Dec 2026.")


def test_a_condition_change_with_its_date_before_the_reference(router: Router) -> None:
    assert say(router, "/condition-change 4/12/2026 P-7", SAM).startswith(
        "Noted. The revisit for P-7 is due by")


# --- tenders to bid for -------------------------------------------------------------------------

TENDERS = (
    "reference,title,commissioner_email,published_on,clarification_on,submission_on,"
    "standstill_end_on,bidder_email,outcome,decided_on\n"
    f"T-9,Home care,{PRIYA},2026-11-20,2026-12-04,2026-12-18,2027-01-15,{SAM},pending,\n"
    f"NCC-T-2026-14,Nursing care beds,{PRIYA},2026-11-25,2026-12-10,2026-12-22,,,,\n"
    f"T-3,Day services,{PRIYA},2026-09-01,,2026-10-30,,{KIM},lost,2026-11-10\n"
    f"T-20,Respite,{PRIYA},2027-01-04,,2027-02-01,,,,\n")  # not published yet
OPEN = ("Tenders open for bids:\n"
        "T-9 Home care: clarification deadline Fri 4 Dec 2026, submission deadline Fri 18 Dec "
        "2026, standstill ends Fri 15 Jan 2027{t9}\n"
        "NCC-T-2026-14 Nursing care beds: clarification deadline Thu 10 Dec 2026, submission "
        "deadline Tue 22 Dec 2026{t14}\n"
        "/tender follow REF (or words of its title) reminds you before a tender's deadlines.")


@pytest.fixture
def tendered(factory: sessionmaker[Session], router: Router) -> Router:
    """The council's tenders: T-9 (Sam's bid pending), NCC-T-2026-14, T-3 (closed, Kim's bid
    lost) and T-20 (not yet published); the router on Mon 7 Dec 2026."""
    import_tenders(factory, TENDERS, at(date(2026, 12, 7), 8))
    return router


def test_a_provider_sees_the_tenders_open_for_bids(tendered: Router) -> None:
    # Session 33's trial: "/tender" said "No tenders for you yet." with a tender published.
    assert say(tendered, "/tender", KIM) == (
        OPEN.format(t9="", t14="") + "\n"
        "Your closed tenders:\n"
        "T-3 Day services: closed for bids Fri 30 Oct 2026. Your bid was not successful "
        "(decided Tue 10 Nov 2026).")
    assert say(tendered, "/tender", SAM) == OPEN.format(t9=" · you are a bidder", t14="")


def test_a_provider_follows_a_tender_by_words_of_its_title(
        factory: sessionmaker[Session], tendered: Router) -> None:
    # Session 33's trial: "/tender follow nursing" was "I don't know a tender 'nursing'".
    assert say(tendered, "/tender follow nursing", KIM) == (
        "You're following NCC-T-2026-14 (Nursing care beds). I'll remind you before its "
        "clarification deadline (Thu 10 Dec 2026) and submission deadline (Tue 22 Dec 2026). "
        "Stop with /tender unfollow NCC-T-2026-14.")
    assert say(tendered, "/tender", KIM).startswith(
        OPEN.format(t9="", t14=" · you follow it"))
    assert say(tendered, "/tender unfollow nursing beds", KIM) == (
        "You've stopped following NCC-T-2026-14: no more reminders of its dates.")


@pytest.mark.parametrize(("text", "reply"), [
    ("/tender follow care", "2 tenders open for bids have 'care' in their title: T-9 Home care, "
                            "NCC-T-2026-14 Nursing care beds. Which one? /tender follow REF, "
                            "such as /tender follow T-9. Nothing is changed yet."),
    ("/tender follow dentistry", "No tender open for bids has 'dentistry' in its title. /tender "
                                 "lists those that are."),
    ("/tender follow day services", "No tender open for bids has 'day services' in its title. "
                                    "/tender lists those that are."),
    ("/tender follow respite", "No tender open for bids has 'respite' in its title. /tender "
                               "lists those that are."),
])
def test_words_that_name_no_single_open_tender_change_nothing(
        factory: sessionmaker[Session], tendered: Router, text: str, reply: str) -> None:
    before = _counts(factory)
    assert say(tendered, text, KIM) == reply
    assert _counts(factory) == before


def test_a_followed_tender_whose_dates_have_passed_is_listed_as_closed(
        tendered: Router, clock: Clock) -> None:
    say(tendered, "/tender follow NCC-T-2026-14", KIM)
    clock.now = at(date(2026, 12, 23), 10)
    assert say(tendered, "/tender", KIM) == (
        "No tenders are open for bids just now.\n"
        "Your closed tenders:\n"
        "T-3 Day services: closed for bids Fri 30 Oct 2026. Your bid was not successful "
        "(decided Tue 10 Nov 2026).\n"
        "NCC-T-2026-14 Nursing care beds: closed for bids Tue 22 Dec 2026.")


# --- the open invoices --------------------------------------------------------------------------


def test_invoice_list_shows_the_unpaid_invoices_to_either_side(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 33's trial: "/invoice list" got the usage line.
    assert say(router, "/invoice list", SAM) == (
        "No unpaid invoices are recorded for you. /invoice received records one.")
    say(router, "/invoice received INV-1 2/11/2026 100 P-7", SAM)
    say(router, "/invoice received INV-2 1/12/2026 250.50 none", SAM)
    say(router, "/invoice received INV-3 1/12/2026 80 none", SAM)
    say(router, "/invoice paid INV-3", PRIYA)
    assert say(router, "/invoice list", SAM) == (
        "Unpaid invoices (2, 1 overdue):\n"
        "INV-1 £100.00 to Northshire, received Mon 2 Nov 2026: OVERDUE, past the legal limit "
        "Tue 1 Dec 2026\n"
        "INV-2 £250.50 to Northshire, received Tue 1 Dec 2026: pledge aim Fri 11 Dec 2026, "
        "legal limit Wed 30 Dec 2026\n"
        "/invoice paid NUMBER records one paid; /reminders lists all your deadlines.")
    assert say(router, "/invoice list", PRIYA).splitlines()[1] == (
        "INV-1 £100.00 from Riverside, received Mon 2 Nov 2026: OVERDUE, past the legal limit "
        "Tue 1 Dec 2026")


# --- a person named by their first name ---------------------------------------------------------


def test_a_placement_names_the_commissioner_by_first_name(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 33's trial: "/placement new RC-101 1/8/2026 priya" was "I don't know a
    # commissioner 'priya'", where "/case ... reassign priya" worked.
    assert say(router, "/placement new P-8 1/12/2026 priya", SAM).startswith(
        "Placement P-8 added, starting Tue 1 Dec 2026.")
    with factory() as session:
        assert session.scalars(select(Placement.commissioner_id).where(
            Placement.reference == "P-8")).one() == session.scalars(
            select(Placement.commissioner_id).where(Placement.reference == "P-7")).one()
    assert say(router, "/placement new P-9 1/12/2026 pryia", SAM) == (
        "I don't know a commissioner 'pryia'. Did you mean Priya Shah (priya@northshire.example)?")


@pytest.mark.parametrize(("words", "kept"), [
    ("yes", False), ("Yes please", False), ("y", False), ("replace it", False),
    ("no", True), ("keep it", True), ("No thanks", True),
])
def test_the_replace_question_is_answered_in_words(
        factory: sessionmaker[Session], router: Router, words: str, kept: bool) -> None:
    # Session 33's second trial: "yes", "replace it", "keep it" typed at "Replace it with
    # ...?" were "I wasn't waiting for a yes or no" or "I don't know" (and a knowledge gap).
    say(router, "/invoice received INV-2043 2/12/2026 400 none", SAM)
    _ask(router, "/invoice received INV-2043 3/12/2026 450 none", SAM)
    answer = say(router, words, SAM)
    assert answer.startswith("Kept: invoice INV-2043" if kept else "Corrected: invoice INV-2043")
    assert _invoices(factory) == [("INV-2043", date(2026, 12, 2), 40000) if kept
                                  else ("INV-2043", date(2026, 12, 3), 45000)]
    assert count_rows(factory, Question) == 0


def test_a_placement_takes_the_other_side_by_full_name_and_never_the_hub(
        factory: sessionmaker[Session], router: Router, people: dict[str, int]) -> None:
    # Session 33's second trial: "/placement new RC-104 1/11/2026 Priya Shah" got the usage
    # line, and the safeguarding hub was accepted as a placement's commissioner.
    with factory() as session:
        session.get_one(Person, people["boss"]).safeguarding_lead = True
        session.commit()
    assert say(router, "/placement new P-8 2026-11-02 Priya Shah", SAM).startswith(
        "Placement P-8 added")
    for named in ("boss@northshire.example", "Bo Ss"):
        assert say(router, f"/placement new P-9 2026-11-02 {named}", SAM) == (
            "Bo Ss is the council's safeguarding hub (it gets every concern), so it can't be a "
            "placement's contact: name the commissioner who manages the placement.")
    with factory() as session:
        assert "P-9" not in [p.reference for p in session.scalars(select(Placement))]


# --- /done with words that say it has not happened (session 34) ---------------------------------


def _status(factory: sessionmaker[Session], number: int) -> str:
    with factory() as session:
        return session.get_one(Deadline, number).status.value


@pytest.mark.parametrize(("number", "sender", "words", "what"), [
    (10, PRIYA, "not yet", "T-3 feedback to Hillview"),
    (10, PRIYA, "still waiting for the scores", "T-3 feedback to Hillview"),
    (3, PRIYA, "didn't happen", "T-9 submission deadline"),
    (7, PRIYA, "not yet published", "NCC-T-2026-14 clarification deadline"),
    (5, SAM, "bid not submitted yet", "T-9 submission deadline"),
    (4, PRIYA, "postponed to next month", "T-9 standstill ends"),
    # Session 34's second review: recorded done once "applied" and "actioned" said done.
    (4, PRIYA, "not yet applied, waiting for sign-off", "T-9 standstill ends"),
    (10, PRIYA, "to be actioned next week", "T-3 feedback to Hillview"),
    (10, PRIYA, "has not been actioned", "T-3 feedback to Hillview"),
])
def test_done_with_words_that_say_it_has_not_happened_leaves_it_open(
        factory: sessionmaker[Session], tendered: Router, number: int, sender: str,
        words: str, what: str) -> None:
    # Session 34's brief: "/done N not yet" on a tender date or a bid's feedback recorded the
    # words as its outcome and closed it (reviews and invoices were already read so).
    with factory() as session:
        due = session.get_one(Deadline, number).due_on
    assert say(tendered, f"/done {number} {words}", sender) == (
        f"\"{words}\" reads as if {what} has not happened yet, so I haven't closed it: it "
        f"stays open, due {due:%a} {due.day} {due:%b %Y}. When it has, /done {number} closes "
        f"it; if it will not happen, /not-applicable {number} REASON.")
    assert _status(factory, number) == "open"


@pytest.mark.parametrize("words", [
    "feedback sent by email", "sent, still waiting for their reply", "", "bid submitted",
    # Session 34's review: "3% uplift applied from April, nothing pending" was refused.
    "feedback actioned, nothing pending", "applied, previously postponed", "nothing pending"])
def test_done_with_words_of_what_was_done_closes_it(
        factory: sessionmaker[Session], tendered: Router, words: str) -> None:
    number = 5 if words == "bid submitted" else 10
    sender = SAM if number == 5 else PRIYA
    assert say(tendered, f"/done {number} {words}".strip(), sender).startswith("Recorded: ")
    assert _status(factory, number) == "done"


def test_an_invoice_done_with_not_yet_stays_unpaid(
        factory: sessionmaker[Session], router: Router) -> None:
    # "not yet" alone was read as paid: the invoice's reader shares the general words now.
    say(router, "/invoice received INV-7 2/12/2026 400 none", SAM)
    with factory() as session:
        number = session.scalars(select(Deadline.id).where(
            Deadline.invoice_id.is_not(None))).one()
    assert say(router, f"/done {number} not yet", SAM).startswith(
        "\"not yet\" reads as if invoice INV-7 is not paid yet")
    assert _status(factory, number) == "open"


def test_a_long_review_outcome_is_cut_between_words_for_the_other_side(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 34's brief: the outcome was cut at its 500th character, mid-word, in what the
    # commissioner was told.
    outcome = " ".join(["agreed increase of evening support"] * 20)  # 699 characters
    assert say(router, f"/done 1 {outcome}", SAM).startswith("Recorded: P-7 initial review done")
    with factory() as session:
        [told] = [message.payload["text"] for message in session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "deadline.done"))]
        kept = session.get_one(Deadline, 1).outcome
    shown = " ".join(["agreed increase of evening support"] * 14) + " agreed…"  # 497 characters
    assert kept == shown
    assert f': "{shown}".' in told


@pytest.mark.parametrize("dash", ["\u2011", "\u2010", "\u2013", "\u2014", "\u2212"])
def test_a_reference_typed_with_another_dash_is_read_as_typed_with_a_hyphen(
        factory: sessionmaker[Session], router: Router, dash: str) -> None:
    # Session 34's brief: "RC\u2011110" with a non-breaking hyphen (a phone's or Word's) was "not a
    # placement reference I can use", and "P\u20137" with an en dash was no placement.
    assert say(router, f"/placement new RC{dash}110 2026-11-02\u00a0{PRIYA}", SAM).startswith(
        "Placement RC-110 added")
    assert say(router, f"/review done P{dash}7 went well", SAM).startswith(
        "Recorded: P-7 initial review done")
    with factory() as session:
        assert sorted(session.scalars(select(Placement.reference))) == ["P-7", "RC-110"]


@pytest.mark.parametrize(("text", "said"), [
    ("/invoice received Dec 2026 01/12/2026 400 P-7", "Dec 2026"),
    ("/invoice received December 2026 400 P-7 none", "December 2026"),
    ("/invoice received 3 Dec 2026 400 P-7", "3 Dec 2026"),
    ("/invoice received 03/12/2026 400 P-7 none", "03/12/2026"),
    ("/invoice received yesterday 400 P-7 none", "yesterday"),
])
def test_a_date_is_never_taken_as_an_invoice_number(
        factory: sessionmaker[Session], router: Router, text: str, said: str) -> None:
    # Session 34's brief: "/invoice received Dec 2026 ..." recorded an invoice "Dec-2026".
    before = _counts(factory)
    assert say(router, text, SAM) == (
        f"'{said}' reads as a date, not an invoice number. Please start with the number on the "
        "invoice: /invoice received NUMBER DATE AMOUNT PLACEMENT (or \"none\").")
    assert _counts(factory) == before


@pytest.mark.parametrize("whole", [
    f"/placement new RC-1 1/11/2026 {PRIYA}",
    f"/placement new rc-1 2026-11-01 {PRIYA}",
    f"/placement new RC-1 1 Nov 2026 {PRIYA}",
])
def test_a_command_typed_whole_in_other_words_closes_its_own_form(
        factory: sessionmaker[Session], router: Router, whole: str) -> None:
    # Session 34's brief: typed again whole while its form asked for the contact, the command
    # closed the form only when written the same way ("01/11/2026", not "1/11/2026"), and the
    # next words went to the form as the contact.
    assert say(router, "/placement new RC-1 01/11/2026", SAM).startswith(
        "New placement\nWho is the other side's contact?")
    assert say(router, whole, SAM).startswith("Placement RC-1 added, starting Sun 1 Nov 2026")
    assert count_rows(factory, FormSession) == 0


def test_the_same_command_about_another_placement_leaves_the_form_open(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "/placement new RC-1 01/11/2026", SAM)
    assert say(router, f"/placement new RC-2 1/11/2026 {PRIYA}", SAM).startswith(
        "Placement RC-2 added")
    assert count_rows(factory, FormSession) == 1


@pytest.mark.parametrize("said", [
    "ack", "ok",
    # Session 35's review: an acknowledgement, a greeting or a bare yes or no closed the review
    # with itself as the reason ("marked not applicable (thanks)"), and told the commissioner.
    "thanks", "hello", "cheers", "ta", "great", "yes", "no", "thank you", "hi there"])
def test_ack_is_no_reason_for_a_deadline_not_applicable(
        factory: sessionmaker[Session], router: Router, said: str) -> None:
    # Session 34: "ack" at a question answered in words is taken as its answer, but it says
    # nothing of why a review does not apply: asked again, the review left open.
    assert "Why does it not apply?" in say(router, "/not-applicable 1", SAM)
    # The form's answer, refused in its words: never small talk's "Good. Ask me anything else
    # ..." beside it (session 35's brief).
    assert say(router, said, SAM).startswith(
        "A few words, please: why does it not apply?\n\nNot applicable\nWhy does it not apply?")
    assert _status(factory, 1) == "open"
    assert say(router, "moved to another area", SAM) == (
        "Recorded: P-7 initial review marked not applicable (moved to another area).\n"
        "If the person has left the placement, /placement end P-7 [END_DATE] ends it and "
        "stops its reminders.")


@pytest.mark.parametrize(("reason", "left"), [
    ("person moved out of area", True), ("moved away", True), ("left the service", True),
    ("Moved to another council area", True), ("transferred to another authority", True),
    ("has moved out", True),
    ("resident went into hospital", False), ("review held by the hospital team", False),
    ("moved to another room", False), ("not our placement", False)])
def test_a_reason_saying_the_person_left_is_read(reason: str, left: bool) -> None:
    assert (says_left(reason) is not None) == left


def test_a_review_not_applicable_as_the_person_left_points_to_ending_the_placement(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 43's trial: "/not-applicable 3 person moved out of area" closed the review and
    # said nothing of the placement, whose next reviews would still be chased.
    assert say(router, "/not-applicable 1 person moved out of area", SAM) == (
        "Recorded: P-7 initial review marked not applicable (person moved out of area).\n"
        "If the person has left the placement, /placement end P-7 [END_DATE] ends it and "
        "stops its reminders.")
    assert _status(factory, 1) == "not_applicable"


# --- whether a past review happened, answered in words (session 35's trial) ---------------------


def _past_review_asked(router: Router) -> None:
    """HV-0240 added with its initial review long past: "Did it happen?" is asked."""
    assert "Did it happen?" in say(router, f"/placement new HV-0240 02/09/2026 {PRIYA}", SAM)


def _initial_review(factory: sessionmaker[Session]) -> tuple[DeadlineStatus, date | None,
                                                             str | None]:
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.reference == "HV-0240 initial review")).one()
        return review.status, review.done_on, review.outcome


@pytest.mark.parametrize(("words", "done_on", "outcome"), [
    # Session 35's trial: "I don't know...", and the review stayed overdue.
    ("it happened on the 5th of dec actualy, social worker came out", date(2026, 12, 5),
     "social worker came out"),
    ("Yes, held on 5 Dec", date(2026, 12, 5), None),
    ("yes it was on 20/11/2026, all fine", date(2026, 11, 20), "all fine"),
    ("yes yesterday - placement going well", date(2026, 12, 6), "placement going well"),
    ("it took place on 5th December 2026", date(2026, 12, 5), None),
    # Session 35's review: asked again. An ordinal day alone is the latest such day that
    # exists and is not in the future (no 31 Nov; 31 Dec is to come).
    ("yes on the 31st", date(2026, 10, 31), None),
    ("on the 1st", date(2026, 12, 1), None),
    ("the 5th", date(2026, 12, 5), None),
])
def test_a_past_review_said_held_on_a_day_in_words_is_recorded_on_that_day(
        factory: sessionmaker[Session], router: Router, words: str, done_on: date,
        outcome: str | None) -> None:
    _past_review_asked(router)
    reply = say(router, words, SAM)
    assert reply.startswith(f"Recorded: HV-0240 initial review done on {day_words(done_on)}"), (
        reply)
    assert (f'with the outcome "{outcome}"' in reply) == (outcome is not None)
    assert _initial_review(factory) == (DeadlineStatus.DONE, done_on, outcome)


@pytest.mark.parametrize("words", ["not yet", "no, it's booked for next week",
                                   "no the social worker never came out"])
def test_a_past_review_said_not_held_in_words_stays_open(
        factory: sessionmaker[Session], router: Router, words: str) -> None:
    _past_review_asked(router)
    # (the last reply: the middleware may ask about someone's safety first)
    assert say(router, words, SAM).splitlines()[-1].startswith(
        "Noted: HV-0240's initial review, due ")
    assert _initial_review(factory) == (DeadlineStatus.OPEN, None, None)


@pytest.mark.parametrize(("words", "booked"), [
    ("not yet, booked for friday", date(2026, 12, 11)),
    ("not yet - scheduled for the 18th", date(2026, 12, 18)),
    ("booked on 12th dec", date(2026, 12, 12)), ("arranged for tomorrow", date(2026, 12, 8)),
    ("booked for the 3rd", date(2027, 1, 3)),  # the 3rd to come
    ("no, it's booked for next week", None), ("not yet", None),
    ("no the social worker never came out", None), ("booked for 24/7 care", None),
    ("it was booked for last monday", None), ("booked for 5/12", None),  # not to come
    ("booked for next monday", date(2026, 12, 14)),  # Monday 14th: next week's, no other
])
def test_the_day_a_review_is_booked_for(words: str, booked: date | None) -> None:
    assert booked_days(words, date(2026, 12, 7)) == ((booked,) if booked else ())


def test_next_tuesday_said_on_a_monday_may_be_either_tuesday() -> None:
    # Session 45: read as the day after; "next" may mean this week's or the week after's.
    assert booked_days("no not yet, its booked for next tuesday", date(2026, 12, 7)) == (
        date(2026, 12, 8), date(2026, 12, 15))


@pytest.mark.parametrize(("words", "booked"), [
    # Session 43's trial: "no not yet, its booked for next tuesday" was a plain No; the day it
    # is booked for was lost. (Today is Mon 7 Dec 2026: "next tuesday" may be the 8th or the
    # 15th, and is asked about: tests/handlers/deadlines/test_booked_reviews.py.)
    ("no not yet, its booked for tuesday", date(2026, 12, 8)),
    ("no, it's arranged for 15/12", date(2026, 12, 15)),
    ("no it didn't, rebooked for 5 January", date(2027, 1, 5)),
])
def test_a_past_review_said_not_held_but_booked_reminds_on_the_booked_day(
        factory: sessionmaker[Session], router: Router, people: dict[str, int], words: str,
        booked: date) -> None:
    _past_review_asked(router)
    reply = say(router, words, SAM).splitlines()[-1]
    assert reply == (
        f"Noted: HV-0240's initial review, due Wed 2 Dec 2026, has not happened yet; booked "
        f"for {day_words(booked)}. I'll remind you then; /reminders shows it booked for that "
        f"day, and it is due again if the day passes with no /review done HV-0240 DATE."), reply
    assert _initial_review(factory) == (DeadlineStatus.OPEN, None, None)
    with factory() as session:
        review = session.scalars(select(Deadline.id).where(
            Deadline.reference == "HV-0240 initial review")).one()
        waiting = session.scalars(select(Reminder.send_at).where(
            Reminder.deadline_id == review, Reminder.person_id == people["sam"],
            Reminder.status == ReminderStatus.PENDING)).all()
    # No reminder before the booked day; one on it.
    assert waiting
    assert min(waiting).astimezone(LONDON).date() == booked, waiting


@pytest.mark.parametrize(("words", "asked"), [
    ("yes it happened, social worker came out", "On which day was HV-0240's initial review "
                                                "held?"),
    ("it happened on the 5th of dec but no it didn't", "I couldn't tell whether HV-0240's "
                                                        "initial review"),
])
def test_a_past_review_answered_unclearly_in_words_is_asked_again(
        factory: sessionmaker[Session], router: Router, words: str, asked: str) -> None:
    _past_review_asked(router)
    [reply] = router.handle(make_incoming(words, sender=SAM))
    assert reply.text.startswith(asked)
    assert [button.label for button in reply.buttons][1:] == ["No", "Not sure"]
    assert _initial_review(factory) == (DeadlineStatus.OPEN, None, None)
    # Then the day alone answers it.
    assert say(router, "on the 5th", SAM).startswith(
        "Recorded: HV-0240 initial review done on Sat 5 Dec 2026")


def test_a_day_in_words_with_nothing_asked_records_no_review(
        factory: sessionmaker[Session], router: Router) -> None:
    _past_review_asked(router)
    say(router, "/reminders", SAM)
    assert not say(router, "it happened on the 5th of dec", SAM).startswith("Recorded")
    assert _initial_review(factory) == (DeadlineStatus.OPEN, None, None)


# --- a person's name typed as the reference (session 35's trial) -------------------------------

PLACEMENT_USAGE = (
    "Usage: /placement new REF START_DATE EMAIL (the commissioner's e-mail if you are a "
    "provider, the provider contact's if you commission), /placement end REF [END_DATE], "
    "/placement reopen REF (to undo an end recorded by mistake), or /placement list.")


@pytest.mark.parametrize("name", ["Mrs Jones", "mr. smith", "Dr Patel", "Miss Holmes",
                                  "Mary Smith", "john o'brien"])
def test_a_placement_named_by_the_persons_name_is_refused_with_why(
        factory: sessionmaker[Session], router: Router, name: str) -> None:
    before = _counts(factory)
    assert say(router, f"/placement new {name} 1/12/2026 {PRIYA}", SAM) == (
        "Use the placement's reference (for example HV-0240), not the person's name: we keep "
        "no names. " + PLACEMENT_USAGE)
    assert _counts(factory) == before


# --- a reference written another way than one recorded (session 35's trial) --------------------


@pytest.mark.parametrize(("typed", "sender", "other"), [
    ("RC-0105", SAM, PRIYA), ("rc105", SAM, PRIYA), ("RC-00105", PRIYA, SAM)])
def test_a_placement_reference_written_another_way_is_refused(
        factory: sessionmaker[Session], router: Router, typed: str, sender: str,
        other: str) -> None:
    assert say(router, f"/placement new RC-105 1/12/2026 {PRIYA}", SAM).startswith(
        "Placement RC-105 added")
    before = _counts(factory)
    assert say(router, f"/placement new {typed} 1/12/2026 {other}", sender) == (
        f"{typed.upper()} is already recorded (written RC-105): use that reference.")
    assert _counts(factory) == before


def test_another_providers_reference_written_another_way_is_not_said(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, f"/placement new RC-105 1/12/2026 {PRIYA}", SAM)
    assert say(router, f"/placement new RC-0105 1/12/2026 {PRIYA}", KIM) == (
        "I can't add RC-0105: please check the reference with your commissioner at Northshire.")


def test_a_weekday_with_a_date_to_come_is_refused_for_a_review_done(router: Router) -> None:
    # Session 45's last review: "thursday 17th" (here on Mon 7 Dec) was offered as Tue 17 Nov
    # or Thu 19 Nov ("such as 19/11/2026"): the 17th that is a Thursday is to come.
    reply = say(router, "/review done P-7 thursday 17th", SAM)
    assert "Thu 17 Dec 2026 is in the future" in reply, reply
    assert "Nov" not in reply


# -- a weekday with a date in a command: the date given, checked (session 45's review) -----


@pytest.mark.parametrize(("command", "told"), [
    ("/review done P-7 thursday 3rd went well", "Recorded: P-7 initial review done on Thu 3 "
     "Dec 2026."),
    ("/review done P-7 thursday 26th", "Recorded: P-7 initial review done on Thu 26 Nov 2026."),
    ("/review done P-7 on thursday 26/11 all fine", "Recorded: P-7 initial review done on Thu "
     "26 Nov 2026."),
    (f"/placement new Q-1 thursday 17th {PRIYA}", "Placement Q-1 added, starting Thu 17 Dec "
     "2026."),
    (f"/placement new Q-2 monday 21 december {PRIYA}", "Placement Q-2 added, starting Mon 21 "
     "Dec 2026."),
    (f"/placement new Q-3 thursday week {PRIYA}", "Placement Q-3 added, starting Thu 17 Dec "
     "2026."),
    ("/invoice received CT-1 monday 30th nov 100 none", "Invoice CT-1 for £100.00 to "
     "Northshire (no placement) recorded as received on Mon 30 Nov 2026."),
])
def test_a_weekday_with_a_date_in_a_command_is_the_date_given(
        router: Router, command: str, told: str) -> None:
    reply = say(router, command, SAM)
    assert reply.startswith(told), reply
    assert "went well" not in reply or '"went well"' in reply


@pytest.mark.parametrize("command", [
    "/review done P-7 friday 3rd went well",  # Thu 3 Dec or Fri 4 Dec?
    "/review done P-7 a week today",  # to come
])
def test_a_weekday_and_date_that_disagree_in_a_command_record_nothing(
        factory: sessionmaker[Session], router: Router, command: str) -> None:
    reply = say(router, command, SAM)
    assert not reply.startswith("Recorded"), reply
    assert "Nothing is recorded yet" in reply or "is in the future" in reply, reply
    with factory() as session:
        assert session.scalars(select(Deadline.status).where(
            Deadline.reference == "P-7 initial review")).one() == DeadlineStatus.OPEN


# -- a day to come in a command, read as chat reads it (session 46's brief) -----------------


@pytest.mark.parametrize(("command", "told"), [
    (f"/placement new Q-4 thursday next week {PRIYA}", "Placement Q-4 added, starting Thu 17 "
     "Dec 2026."),
    (f"/placement new Q-5 next week thursday {PRIYA}", "Placement Q-5 added, starting Thu 17 "
     "Dec 2026."),
    (f"/placement new Q-6 thurs next week {PRIYA}", "Placement Q-6 added, starting Thu 17 Dec "
     "2026."),
    (f"/placement new Q-7 thursday fortnight {PRIYA}", "Placement Q-7 added, starting Thu 24 "
     "Dec 2026."),
    (f"/placement new Q-8 a fortnight on friday {PRIYA}", "Placement Q-8 added, starting Fri "
     "25 Dec 2026."),
    (f"/placement new Q-9 the thursday after next {PRIYA}", "Placement Q-9 added, starting Thu "
     "17 Dec 2026."),
    (f"/placement new Q-10 this coming thursday {PRIYA}", "Placement Q-10 added, starting Thu "
     "10 Dec 2026."),
    (f"/placement new Q-11 next friday {PRIYA}", "Placement Q-11 added, starting Fri 18 Dec "
     "2026."),  # said on a Saturday: the coming Friday, in next week
])
def test_a_later_week_in_a_command_is_read_as_chat_reads_it(
        router: Router, clock: Clock, command: str, told: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)  # Wed 9 Dec
    if "next friday" in command:
        clock.now = at(date(2026, 12, 12), 10)  # Sat 12 Dec: the coming Friday is next week's
    reply = say(router, command, SAM)
    assert reply.startswith(told), reply


@pytest.mark.parametrize(("command", "what"), [
    (f"/placement new Q-12 next thursday {PRIYA}", "start date"),
    ("/placement end P-7 next thursday", "end date"),
])
def test_next_thursday_on_a_wednesday_in_a_command_names_both_days_and_records_nothing(
        factory: sessionmaker[Session], router: Router, clock: Clock, command: str,
        what: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)  # Wed 9 Dec
    reply = say(router, command, SAM)
    assert reply == (f"Which Thursday is the {what}: Thu 10 Dec 2026 or Thu 17 Dec 2026? Please "
                     "send it again with the date alone, such as 17/12/2026. Nothing is "
                     "recorded yet."), reply
    with factory() as session:
        assert session.scalars(select(Placement.reference).order_by(Placement.id)).all() == [
            "P-7"]
        assert session.scalars(select(Placement.ended_on)).all() == [None]
