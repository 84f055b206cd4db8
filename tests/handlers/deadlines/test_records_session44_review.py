"""The records review's smaller misses (session 44), as dialogs through the router: a review
"booked in for the 2nd of Jan" under "Did it happen?" recorded as not held with no booking; a
bare "125" or "no, £125" answering "£12.50 or £125?" refused or "I don't know"; "/invoice list
all" read as an organisation called "all"; a long name echoed whole; "I've sent invoice RV-1112
for £640 on 2 December for RC-101" "I don't know" with no pointer to /invoice received."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.channels.console.adapter import to_incoming
from bot.channels.console.renderer import number_buttons
from bot.config import Settings
from bot.dispatch import Router
from bot.messages import Incoming
from bot.models import AuditEvent, Deadline, DeadlineStatus, Invoice, Question
from bot.templates import make_templates
from tests.factories import Clock, count_rows, make_incoming
from tests.handlers.deadlines.conftest import PRIYA, SAM
from tests.handlers.deadlines.support import MONDAY_2_NOVEMBER, at, say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_2_NOVEMBER)


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, people: dict[str, int],
           clock: Clock) -> Router:
    """Sam's placement P-7 with Priya, started Mon 2 Nov 2026; the router on Mon 7 Dec."""
    routed = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    assert say(routed, f"/placement new P-7 2026-11-02 {PRIYA}", SAM).startswith(
        "Placement P-7 added")
    clock.now = at(date(2026, 12, 7), 10)
    return routed


def _invoices(factory: sessionmaker[Session]) -> list[tuple[str, date, int]]:
    with factory() as session:
        return [(invoice.number, invoice.received_on, invoice.amount_pence)
                for invoice in session.scalars(select(Invoice).order_by(Invoice.id))]


# -- "Did it happen?" answered "No, booked in for the 2nd of Jan" ------------------------------

def test_a_review_booked_in_for_a_day_is_recorded_booked_for_it(
        factory: sessionmaker[Session], router: Router) -> None:
    assert "Did it happen?" in say(router, f"/placement new HV-0240 02/09/2026 {PRIYA}", SAM)
    told = say(router, "No, booked in for the 2nd of Jan", SAM)
    assert "booked for Sat 2 Jan 2027" in told, told
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.reference == "HV-0240 initial review")).one()
        assert review.status == DeadlineStatus.OPEN
        assert [detail.get("booked_for") for detail in session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "review.past_answered"))] == [
            "2027-01-02"]
    line = next(line for line in say(router, "/reminders", SAM).splitlines()
                if "HV-0240 initial review" in line)
    assert "OVERDUE" not in line
    assert "booked for Sat 2 Jan 2027" in line


# -- "£12.50 or £125?" answered "125" or "no, £125" --------------------------------------------

ASKED = "/invoice received INV-2042 2/12/2026 £12,5 P-7"


def test_a_bare_125_typed_at_the_console_presses_the_125_button(router: Router) -> None:
    replies = router.handle(make_incoming(ASKED, sender=SAM))
    assert replies[0].text.startswith("Did you mean £12.50 or £125?")
    typed = to_incoming("125\n", sender=SAM, received_at=datetime(2026, 12, 7, 10, tzinfo=UTC),
                        buttons=number_buttons(replies))
    assert isinstance(typed, Incoming)
    assert typed.action == replies[0].buttons[1].action
    assert typed.action_value == replies[0].buttons[1].value


def test_a_bare_125_answering_the_question_records_125_once(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, ASKED, SAM)
    assert say(router, "125", SAM).startswith("Invoice INV-2042 for £125.00")
    assert _invoices(factory) == [("INV-2042", date(2026, 12, 2), 12500)]


def test_no_and_the_sum_answering_the_question_records_it_once(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, ASKED, SAM)
    assert say(router, "no, £125", SAM).startswith("Invoice INV-2042 for £125.00")
    assert _invoices(factory) == [("INV-2042", date(2026, 12, 2), 12500)]
    assert count_rows(factory, Question) == 0


def test_no_and_a_sum_not_asked_about_records_nothing(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, ASKED, SAM)
    assert "is not one of the sums" in say(router, "no, £1,250", SAM)
    assert _invoices(factory) == []


# -- /invoice list all, and a long name --------------------------------------------------------

def test_invoice_list_all_is_the_whole_list(router: Router) -> None:
    say(router, "/invoice received INV-7 2/12/2026 300 P-7", SAM)
    listed = say(router, "/invoice list", SAM)
    assert "INV-7" in listed
    assert say(router, "/invoice list all", SAM) == listed
    assert say(router, "/invoice list all of them", SAM) == listed


def test_a_long_name_is_not_echoed_whole(router: Router) -> None:
    told = say(router, "/invoice list " + "x" * 500, SAM)
    assert "x" * 100 not in told
    assert len(told) < 300
    assert "/invoice list shows all of them" in told


# -- an invoice sent, told in words ------------------------------------------------------------

def test_an_invoice_told_sent_gets_the_command_filled_in_and_nothing_recorded(
        factory: sessionmaker[Session], router: Router) -> None:
    told = say(router, "I've sent invoice RV-1112 for £640 on 2 December for P-7", SAM)
    assert _invoices(factory) == []
    assert count_rows(factory, Question) == 0
    [command] = re.findall(r"/invoice received [^\n]*?P-7", told)
    assert command == "/invoice received RV-1112 2 December £640 P-7", told
    # The command given records it, as typed.
    assert say(router, command, SAM).startswith("Invoice RV-1112 for £640.00")
    assert _invoices(factory) == [("RV-1112", date(2026, 12, 2), 64000)]


def test_an_invoice_told_sent_with_no_day_asks_for_the_day(
        factory: sessionmaker[Session], router: Router) -> None:
    told = say(router, "we've just sent invoice RV-1113 for £640 for P-7", SAM)
    assert "/invoice received RV-1113 DATE £640 P-7" in told, told
    assert _invoices(factory) == []


def test_an_invoice_told_sent_that_is_on_record_shows_its_status(
        factory: sessionmaker[Session], router: Router) -> None:
    """The second review: an invoice already recorded, told sent again, was offered the
    command to record it again; its status is shown, as before the pointer."""
    say(router, "/invoice received RV-1112 2/12/2026 640 P-7", SAM)
    told = say(router, "I've sent invoice RV-1112 for £640 on 2 December for P-7", SAM)
    assert told.startswith("Invoice RV-1112, £640.00 to "), told
    assert "/invoice received" not in told
    assert _invoices(factory) == [("RV-1112", date(2026, 12, 2), 64000)]
