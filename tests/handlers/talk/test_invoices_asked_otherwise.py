"""The invoice list asked for in other words, as dialogs through the router (session 44's
brief: "has the council paid us yet?", "has northshire paid any of my invoices?", "We run
supported living. List our invoices." from a provider and "have we paid Riverside's invoices
yet?" from a commissioner were the knowledge base's, or "I don't know")."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import OrganisationKind, Question, Role
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
    """Northshire with Riverside's placement RC-101 and two of its invoices (CT-0901 past the
    legal limit, CT-0907 within the aim); Hillview's Alex with HV-301 at Northshire (invoice
    HV-2) and RC-201 at Southshire (invoice HV-1)."""
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
    assert say(northshire_router, "/invoice received HV-2 2026-11-02 77 HV-301",
               ALEX).startswith("Invoice HV-2")
    return northshire_router


@pytest.mark.parametrize(("text", "found"), [
    ("has the council paid us yet?", Listing("invoices")),
    ("has northshire paid any of my invoices?", Listing("invoices", named="northshire")),
    ("We run supported living. List our invoices.", Listing("invoices")),
    ("have we paid Riverside's invoices yet?", Listing("invoices", named="riverside")),
    ("have we paid the invoices from Riverside?", Listing("invoices", named="riverside")),
    ("has Northshire Council paid our invoices", Listing("invoices", named="northshire council")),
    ("have they paid us?", Listing("invoices")),
    # Not a request for the list: told, one invoice, the rules, or more besides.
    ("council still hasnt paid our invoice from august", Listing("invoices", month="august")),
    ("has the council paid invoice CT-0901?", None),
    ("has the council paid us yet? we are owed thousands and may have to close", None),
    ("have we paid Riverside's invoices late?", None),
    ("We run supported living. What is a placement review?", None),
])
def test_a_payment_asked_after_is_read_as_the_invoice_list(
        text: str, found: Listing | None) -> None:
    assert listing_asked(text) == found


def test_has_the_council_paid_us_yet_is_the_providers_invoice_list(
        router: Router, factory: sessionmaker[Session]) -> None:
    listed = say(router, "/invoice list", SAM)
    assert "CT-0901" in listed
    assert say(router, "has the council paid us yet?", SAM) == (
        f"{listed}\n{next_time('/invoice list')}")
    assert count_rows(factory, Question) == 0


def test_a_council_named_is_the_providers_invoices_to_it_alone(router: Router) -> None:
    told = say(router, "has northshire paid any of my invoices?", ALEX)
    assert told == (f"{say(router, '/invoice list Northshire', ALEX)}\n"
                    f"{next_time('/invoice list Northshire')}")
    assert "HV-2" in told
    assert "HV-1 " not in told  # to Southshire
    assert "CT-09" not in told  # Riverside's


def test_who_we_are_told_first_then_the_list_asked(router: Router) -> None:
    listed = say(router, "/invoice list", SAM)
    assert say(router, "We run supported living. List our invoices.", SAM) == (
        f"{listed}\n{next_time('/invoice list')}")


def test_a_commissioner_asking_after_one_providers_invoices_sees_them_at_her_council(
        router: Router, factory: sessionmaker[Session]) -> None:
    told = say(router, "have we paid Riverside's invoices yet?", PRIYA)
    assert told.startswith("Unpaid invoices from Riverside (2, 1 overdue):"), told
    assert "CT-0901" in told
    assert "CT-0907" in told
    assert "HV-" not in told  # Hillview's, to Northshire too
    assert told.endswith(next_time("/invoice list Riverside"))
    assert count_rows(factory, Question) == 0


def test_another_councils_commissioner_sees_none_of_the_providers_invoices_elsewhere(
        router: Router) -> None:
    told = say(router, "have we paid Riverside's invoices yet?", SUE)
    assert "CT-09" not in told
    assert "HV-2" not in told
    assert told.startswith("No unpaid invoices from Riverside are recorded for the council."), (
        told)


def test_a_provider_never_sees_another_organisations_invoices_by_naming_it(
        router: Router) -> None:
    for text in ("have we paid Riverside's invoices yet?", "has riverside paid us yet?",
                 "has southshire paid any of my invoices?"):
        told = say(router, text, SAM)
        assert "HV-" not in told, (text, told)
    told = say(router, "have we paid Hillview's invoices yet?", SAM)
    assert "HV-" not in told
    assert told.startswith(
        "None of your invoices is to an organisation called \"Hillview\"; here are all of "
        "your unpaid ones."), told


def test_a_name_of_no_organisation_they_deal_with_is_said_with_their_whole_list(
        router: Router) -> None:
    listed = say(router, "/invoice list", PRIYA)
    told = say(router, "have we paid Acme's invoices yet?", PRIYA)
    assert told == (
        "None of the council's invoices is from an organisation called \"Acme\"; here are all "
        f"of its unpaid ones.\n{listed}\n{next_time('/invoice list')}")


def test_the_invoice_list_of_one_organisation_is_a_command_too(router: Router) -> None:
    told = say(router, "/invoice list riverside", PRIYA)
    assert told.startswith("Unpaid invoices from Riverside (2, 1 overdue):"), told
    assert "HV-2" not in told
    assert say(router, "/invoice list Hillview", PRIYA).startswith(
        "Unpaid invoices from Hillview (1, 0 overdue):\nHV-2 £77.00 from Hillview")
    assert say(router, "/invoice list Acme", PRIYA) == (
        "None of the council's invoices is from an organisation called 'Acme'. /invoice list "
        "shows all of them.")
