"""Invoice questions in words the session's records review found still failing ("I don't
know", or a knowledge-base topic): a commissioner's "have we paid Hillview yet?", "which
invoices from riverside are still unpaid", "what do we owe providers?", "how do I mark HV-77 as
paid?"; a provider's "Has the LA settled our bills yet?", "invoice status", "council still
hasn't paid our invoice from november", "When will Northshire pay HV-77?". Each shows the
asker's own list, the invoice's status, or the command, never another organisation's, and
keeps nothing (dialogs through the router)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import Invoice, OrganisationKind, Question, Role
from handlers.talk.listings import Listing, listing_asked
from tests.factories import count_rows, make_organisation, make_person
from tests.handlers.conftest import PRIYA, SAM
from tests.handlers.deadlines.support import say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

ALEX = "alex@hillview.example"  # provider, Hillview: invoices to Northshire and Southshire
SUE = "sue@southshire.example"  # commissioner, Southshire: another council


def next_time(command: str) -> str:
    """The line after a list asked for in words."""
    return f"Next time, {command} shows this straight away."


@pytest.fixture
def router(northshire_router: Router, factory: sessionmaker[Session]) -> Router:
    """Riverside's RC-101 with CT-0901 (1 Oct, past the legal limit) and CT-0907 (20 Nov) to
    Northshire; Hillview's HV-77 to Northshire and HV-1 to Southshire."""
    say(northshire_router, f"/placement new RC-101 2026-08-01 {PRIYA}", SAM)
    for invoice in ("CT-0901 2026-10-01 1200", "CT-0907 2026-11-20 300"):
        assert say(northshire_router, f"/invoice received {invoice} RC-101", SAM).startswith(
            "Invoice CT-090")
    hillview = make_organisation(factory, "Hillview", OrganisationKind.PROVIDER)
    make_person(factory, email=ALEX, role=Role.PROVIDER, organisation_id=hillview, name="Alex")
    southshire = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL)
    make_person(factory, email=SUE, role=Role.COMMISSIONER, organisation_id=southshire,
                name="Sue")
    say(northshire_router, f"/placement new RC-201 2026-09-01 {SUE}", ALEX)
    say(northshire_router, f"/placement new HV-301 2026-09-01 {PRIYA}", ALEX)
    assert say(northshire_router, "/invoice received HV-1 2026-10-01 99 RC-201",
               ALEX).startswith("Invoice HV-1")
    assert say(northshire_router, "/invoice received HV-77 2026-11-02 77 HV-301",
               ALEX).startswith("Invoice HV-77")
    return northshire_router


@pytest.mark.parametrize(("text", "found"), [
    ("have we paid Hillview yet?", Listing("invoices", named="hillview")),
    ("have we paid riverside?", Listing("invoices", named="riverside")),
    ("have we paid Riverside Care Homes invoices yet",
     Listing("invoices", named="riverside care homes")),
    ("has finance paid the Hillview invoice", Listing("invoices", named="hillview")),
    ("which invoices from riverside are still unpaid", Listing("invoices", named="riverside")),
    ("what do we owe providers?", Listing("invoices")),
    ("any overdue invoices i need to chase?", Listing("invoices", "overdue")),
    ("Has the LA settled our bills yet?", Listing("invoices")),
    ("invoice status", Listing("invoices")),
    ("council still hasn't paid our invoice from november",
     Listing("invoices", month="november")),
    # Not the list: a payment made late, one invoice, the rules, "them".
    ("have we paid them?", None),
    # A council's payments to a provider: listed only for that council's own staff.
    ("has southshire paid hillview?",
     Listing("invoices", named="hillview", payer="southshire")),
    ("have we paid late?", None),
    ("have we paid the invoice CT-0901?", None),
    ("what do we owe in interest?", None),
    ("how do i chase an overdue invoice?", None),
])
def test_a_payment_asked_after_otherwise_is_read_as_the_invoice_list(
        text: str, found: Listing | None) -> None:
    assert listing_asked(text) == found


@pytest.mark.parametrize("text", [
    "have we paid Hillview yet?",
    "has finance paid the Hillview invoice",
])
def test_a_commissioner_asking_after_hillview_sees_its_invoice_at_her_council_alone(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    told = say(router, text, PRIYA)
    assert told.startswith("Unpaid invoices from Hillview (1"), told
    assert "HV-77 " in told
    assert "HV-1 " not in told  # to Southshire
    assert "CT-09" not in told
    assert told.endswith(next_time("/invoice list Hillview"))
    assert count_rows(factory, Question) == 0


@pytest.mark.parametrize("text", [
    "have we paid riverside?",
    "have we paid Riverside invoices yet",
    "which invoices from riverside are still unpaid",
])
def test_a_commissioner_asking_after_riverside_sees_its_invoices(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    told = say(router, text, PRIYA)
    assert told.startswith("Unpaid invoices from Riverside (2, 1 overdue):"), told
    assert "HV-" not in told
    assert count_rows(factory, Question) == 0


def test_another_council_asking_after_hillview_sees_its_own_invoice_alone(
        router: Router) -> None:
    told = say(router, "have we paid hillview yet?", SUE)
    assert "HV-1 " in told
    assert "HV-77" not in told
    assert "CT-09" not in told


def test_what_the_council_owes_providers_is_its_invoice_list(
        router: Router, factory: sessionmaker[Session]) -> None:
    listed = say(router, "/invoice list", PRIYA)
    assert say(router, "what do we owe providers?", PRIYA) == (
        f"{listed}\n{next_time('/invoice list')}")
    assert count_rows(factory, Question) == 0


def test_overdue_invoices_to_chase_are_the_overdue_ones_named(
        router: Router, factory: sessionmaker[Session]) -> None:
    told = say(router, "any overdue invoices i need to chase?", PRIYA)
    assert told.startswith(say(router, "/invoice list", PRIYA)), told
    assert "CT-0901" in told.splitlines()[-2]
    assert count_rows(factory, Question) == 0


def test_how_to_mark_one_invoice_paid_is_the_command(
        router: Router, factory: sessionmaker[Session]) -> None:
    told = say(router, "how do I mark HV-77 as paid?", PRIYA)
    assert told.startswith("To record invoice HV-77 paid: /invoice paid HV-77 [DATE]"), told
    assert "I don't know" not in told
    with factory() as session:
        assert [invoice.paid_on for invoice in session.query(Invoice)] == [None] * 4


@pytest.mark.parametrize("text", [
    "Has the LA settled our bills yet?",
    "invoice status",
])
def test_a_provider_asking_after_their_bills_sees_their_list(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    listed = say(router, "/invoice list", SAM)
    assert say(router, text, SAM) == f"{listed}\n{next_time('/invoice list')}"
    assert count_rows(factory, Question) == 0


def test_the_council_not_paying_an_invoice_from_november_shows_it(
        router: Router, factory: sessionmaker[Session]) -> None:
    told = say(router, "council still hasn't paid our invoice from november", SAM)
    assert "CT-0907" in told, told
    assert "I don't know" not in told
    assert "HV-" not in told
    assert count_rows(factory, Question) == 0


def test_when_the_council_will_pay_an_invoice_is_its_status(
        router: Router, factory: sessionmaker[Session]) -> None:
    told = say(router, "When will Northshire pay HV-77?", ALEX)
    assert told.startswith("Invoice HV-77, £77.00 to Northshire"), told
    assert count_rows(factory, Question) == 0


def test_another_organisations_invoice_asked_after_is_never_shown(router: Router) -> None:
    told = say(router, "When will Northshire pay HV-77?", SAM)
    assert "£77" not in told
    assert "Hillview" not in told


# -- session 45: the month told, the pressure told, the council named by its own staff -------


def test_an_invoice_from_november_not_paid_shows_novembers_alone(
        router: Router, factory: sessionmaker[Session]) -> None:
    told = say(router, "council still hasn't paid our invoice from november", SAM)
    assert told.startswith("Unpaid invoices received in November 2026 (1, 0 overdue):"), told
    assert "CT-0907" in told
    assert "CT-0901" not in told  # received in October
    assert count_rows(factory, Question) == 0


def test_an_invoice_from_a_month_with_none_unpaid_says_so_and_names_the_rest(
        router: Router) -> None:
    told = say(router, "council still hasn't paid our invoice from september", SAM)
    assert told.splitlines()[0] == (
        "No unpaid invoice received in September 2026 is recorded. Your other unpaid invoices: "
        "CT-0901 (received Thu 1 Oct 2026), CT-0907 (received Fri 20 Nov 2026)."), told
    assert told.endswith(next_time("/invoice list"))


def test_a_payment_asked_after_under_pressure_gets_a_kind_line_and_conflict(
        router: Router, factory: sessionmaker[Session]) -> None:
    listed = say(router, "/invoice list", SAM)
    told = say(router, "has the council paid us yet? we might have to lay off staff", SAM)
    assert told.startswith(listed), told
    assert ("I'm sorry: that is a lot of pressure on you and your staff. If a payment is late, "
            "/conflict raises it with a named commissioner, who must answer by a deadline."
            ) in told, told
    assert count_rows(factory, Question) == 0


def test_a_commissioner_naming_her_own_council_as_payer_sees_the_providers_invoices(
        router: Router, factory: sessionmaker[Session]) -> None:
    told = say(router, "has northshire paid hillview yet", PRIYA)
    assert told.startswith("Unpaid invoices from Hillview (1"), told
    assert "HV-77 " in told
    assert "CT-09" not in told
    assert told.endswith(next_time("/invoice list Hillview"))


def test_another_councils_payments_are_never_listed(router: Router) -> None:
    told = say(router, "has northshire paid hillview yet", SUE)
    assert "HV-77" not in told
    assert "HV-1 " not in told


@pytest.mark.parametrize("sender", [PRIYA, SAM])
def test_undo_right_after_marking_an_invoice_paid_says_how_it_is_put_right(
        router: Router, factory: sessionmaker[Session], sender: str) -> None:
    assert say(router, "/invoice paid CT-0907", sender).startswith(
        "Invoice CT-0907 recorded as paid")
    told = say(router, "undo that", sender)
    assert "nothing here for me to undo" not in told.casefold(), told
    assert told.startswith("Invoice CT-0907 was just recorded paid on "), told
    assert told.endswith(
        "I can't mark an invoice unpaid again in chat: if it was not paid, please ask your "
        "pledgebot administrator to correct it. If only the day is wrong, /invoice paid "
        "CT-0907 DD/MM/YYYY records the right one."), told
    with factory() as session:  # nothing changed by the words
        assert session.query(Invoice).filter_by(number="CT-0907").one().paid_on is not None
