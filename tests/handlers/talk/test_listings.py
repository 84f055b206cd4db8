"""The person's own lists asked for in plain words, as dialogs through the router (session 41:
"show my invoices" and "my cases" got the command's usage, "which invoices are overdue?" and
"who is the provider for RC-0101" "I don't know", "which providers have overdue reviews?" an
entry on reviews in general)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import OrganisationKind, Question, Role
from handlers.talk import listings, matching
from handlers.talk.listings import Listing, listing_asked
from knowledge.search import english_words
from tests.factories import count_rows, make_organisation, make_person
from tests.handlers.conftest import PRIYA, SAM
from tests.handlers.deadlines.support import say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

ALEX = "alex@hillview.example"  # provider, Hillview: none of Riverside's records are hers
SUE = "sue@southshire.example"  # commissioner, Southshire: another council


def next_time(command: str) -> str:
    """The line after a list asked for in words."""
    return f"Next time, {command} shows this straight away."


@pytest.fixture
def router(northshire_router: Router, factory: sessionmaker[Session]) -> Router:
    """Northshire with Riverside's placements RC-101 (its initial review overdue) and RC-102,
    and four of Riverside's invoices: CT-0901 past the legal limit, CT-0905 past the pledge's
    aim, CT-0907 within it, CT-0902 disputed by the council; Hillview's Alex with RC-201 at
    Southshire, and an invoice of her own."""
    say(northshire_router, f"/placement new RC-101 2026-08-01 {PRIYA}", SAM)
    say(northshire_router, f"/placement new RC-102 2026-10-01 {PRIYA}", SAM)
    for invoice in ("CT-0901 2026-10-01 1200", "CT-0905 2026-11-10 500",
                    "CT-0907 2026-11-20 300", "CT-0902 2026-11-01 450"):
        assert say(northshire_router, f"/invoice received {invoice} RC-101", SAM).startswith(
            "Invoice CT-090")
    assert "disputed" in say(northshire_router, "/invoice disputed CT-0902 visits missed", PRIYA)
    hillview = make_organisation(factory, "Hillview", OrganisationKind.PROVIDER)
    make_person(factory, email=ALEX, role=Role.PROVIDER, organisation_id=hillview, name="Alex")
    southshire = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL)
    make_person(factory, email=SUE, role=Role.COMMISSIONER, organisation_id=southshire,
                name="Sue")
    say(northshire_router, f"/placement new RC-201 2026-09-01 {SUE}", ALEX)
    assert say(northshire_router, "/invoice received HV-1 2026-10-01 99 RC-201",
               ALEX).startswith("Invoice HV-1")
    return northshire_router


@pytest.mark.parametrize(("text", "found"), [
    ("show my invoices", Listing("invoices")),
    ("my invoices", Listing("invoices")),
    ("what invoices have we got outstanding", Listing("invoices")),  # all unpaid: the list
    ("which invoices are past the legal limit", Listing("invoices", "overdue")),
    ("list my cases", Listing("cases")),
    ("my cases", Listing("cases")),
    ("which invoices are overdue?", Listing("invoices", "overdue")),
    ("how many invoices are past 30 days", Listing("invoices", "overdue")),
    ("which of our invoices are past the pledge aim", Listing("invoices", "aim")),
    ("any disputed invoices?", Listing("invoices", "disputed")),
    ("when is my next placement review", Listing("reviews", "next")),
    ("which providers have overdue reviews?", Listing("reviews", "overdue", council=True)),
    ("show me my deadlines", Listing("deadlines")),
    ("show the council's deadlines", Listing("deadlines", council=True)),
    ("list our tenders", Listing("tenders")),
    ("my placements", Listing("placements")),
    ("which placements have overdue reviews", Listing("reviews", "overdue", council=True)),
    ("have I got any reviews coming up", Listing("reviews", "next")),
    ("when is our next payment due", Listing("invoices")),
    ("who is the provider for RC-0101", Listing("provider", reference="RC-0101")),
    ("which provider has rc-101?", Listing("provider", reference="RC-101")),
    # How-to questions and changes: the how-to reply's.
    # "how do I see ...": the command, not the list.
    ("how do I see my invoices", Listing("invoices", how_to=True)),
    ("where can we view our tenders?", Listing("tenders", how_to=True)),
    ("how do I see my cases", None),  # the how-to reply's own
    ("how do I get my invoices paid", None),
    ("get my invoices paid", None),
    ("record an invoice", None),
    ("placements", None),  # the command's name alone: its usage
    ("when are reminders sent to us?", None),
    ("when is our deadline to ask clarification questions", None),
    ("when is the review for RC-101 due?", None),  # the review-due route's
    ("which invoices are overdue? and who is my commissioner?", None),  # each part in turn
    # Told, but the list shows the invoice's standing (session 44's records review).
    ("council still hasnt paid our invoice from august", Listing("invoices", month="august")),
    ("what do I do with a paid invoice?", None),
    # Anything else asked about a list's records: a word of no list (session 41's check on
    # the calibration sets: each was read as a list in the first version).
    ("what info has to be on our invoices to the council", None),
    ("what insurance levels do councils normally want for care tenders", None),
    ("is there any hardship support for providers whose invoices are paid late?", None),
    ("which e-tendering portal does the council use for adult social care tenders", None),
    ("What do you need from us for the annual contract review?", None),
    ("what's a 'provisional invoice' on a council provider portal", None),
    ("pay my invoices", None),
    ("close my case", None),
    ("dispute an invoice", None),
    ("follow a tender", None),
    # The rules: the knowledge base's.
    ("when must the council pay an invoice", None),
    ("what happens if an invoice is overdue", None),
    ("how often are placement reviews", None),
    ("can we charge interest on our overdue invoices?", None),
    ("how long does the council have to pay invoices?", None),
    ("what is a placement review", None),
    ("what should an invoice include", None),
    ("what are the rules on disputed invoices", None),
    ("how are tenders evaluated", None),
    ("which providers can bid for tenders", None),
    ("who is the provider of last resort", None),
    ("how many days is the pledge aim for invoices", None),
    ("what counts as an overdue review", None),
    ("my invoice was rejected, what do I do", None),
    ("show me the pledge on prompt payment", None),
    # Session 41's review: the rules asked about a list, each answered with the person's list.
    *((text, None) for text in (
        "any pledge on late invoices?", "any pledge on overdue reviews?",
        "is there any limit on disputed invoices", "is there a limit for late invoices",
        "are there any pledge deadlines for overdue reviews",
        "any deadline for disputed invoices?",
        "is there a pledge aim for late invoices", "what pledge aim is there for late invoices",
        "any pledge for invoices not paid", "what reviews are due for placements",
        "are there monitoring reviews due every year", "are there reviews due every month",
        "tell me the pledge on late invoices", "tell me the legal limit for invoices",
        "tell me the deadline for initial reviews", "what are overdue reviews",
        "what are disputed invoices", "what are late invoices",
        "which invoices are due in 30 days",
        "how many invoices can be late", "which reviews are due for placements",
        "any limit on unpaid invoices", "is there a pledge on open tenders",
        "what are open tenders",
        "is there a legal limit for late invoices", "is there a pledge on our late invoices")),
    ("which invoices are past the 30-day legal limit", Listing("invoices", "overdue")),
    ("what are the open tenders", Listing("tenders")),
])
def test_a_request_for_a_list_is_read_for_which_and_what_in_it(
        text: str, found: Listing | None) -> None:
    assert listing_asked(text) == found


def test_my_invoices_in_words_are_the_invoice_list_and_the_command_for_next_time(
        router: Router, factory: sessionmaker[Session]) -> None:
    listed = say(router, "/invoice list", SAM)
    assert "CT-0901" in listed
    assert say(router, "show my invoices", SAM) == f"{listed}\n{next_time('/invoice list')}"
    assert say(router, "my invoices", SAM) == f"{listed}\n{next_time('/invoice list')}"
    # The council's officer: the council's, from the provider.
    council = say(router, "/invoice list", PRIYA)
    assert "from Riverside" in council
    assert say(router, "our invoices", PRIYA) == f"{council}\n{next_time('/invoice list')}"
    assert count_rows(factory, Question) == 0


def test_another_providers_invoices_are_never_listed(router: Router) -> None:
    listed = say(router, "show my invoices", ALEX)
    assert "HV-1" in listed
    assert "CT-09" not in listed
    assert "HV-1" not in say(router, "which invoices are overdue?", SAM)


@pytest.mark.parametrize(("text", "line"), [
    ("which invoices are overdue?", "1 invoice is past the 30-day legal limit: CT-0901."),
    ("how many invoices are past 30 days", "1 invoice is past the 30-day legal limit: CT-0901."),
    ("which of our invoices are past the pledge aim",
     "2 invoices are past the pledge's 10-day aim: CT-0901, CT-0905."),
    ("any disputed invoices?", "1 invoice is disputed: CT-0902."),
])
def test_invoices_asked_after_by_their_state_are_listed_and_named(
        router: Router, text: str, line: str) -> None:
    listed = say(router, "/invoice list", SAM)
    assert say(router, text, SAM) == f"{listed}\n{line}\n{next_time('/invoice list')}"


def test_none_in_the_state_asked_is_said(router: Router) -> None:
    assert say(router, "any disputed invoices?", ALEX).splitlines()[-2:] == [
        "No invoice is disputed.", next_time("/invoice list")]


def test_my_cases_in_words_are_the_case_list(router: Router) -> None:
    for person in (SAM, PRIYA):
        listed = say(router, "/cases", person)
        assert say(router, "my cases", person) == f"{listed}\n{next_time('/cases')}"
        assert say(router, "list my cases", person) == f"{listed}\n{next_time('/cases')}"


def test_the_next_review_asked_is_the_reminders_list_with_the_overdue_and_the_next(
        router: Router) -> None:
    listed = say(router, "/reminders", SAM)
    assert say(router, "when is my next placement review", SAM) == "\n".join((
        listed, "Overdue review: RC-101 initial review (26 days).",
        "Next review to come: RC-102 initial review, due Thu 31 Dec 2026.",
        next_time("/reminders")))


def test_overdue_reviews_asked_by_council_staff_are_the_councils_with_their_providers(
        router: Router, factory: sessionmaker[Session]) -> None:
    listed = say(router, "/reminders council", PRIYA)
    assert "RC-201" not in listed  # Southshire's
    assert say(router, "which providers have overdue reviews?", PRIYA) == "\n".join((
        listed, "Overdue review: RC-101 initial review (Riverside, 26 days).",
        next_time("/reminders council")))
    assert count_rows(factory, Question) == 0


def test_the_provider_of_a_placement_is_said_only_for_one_the_person_may_see(
        router: Router, factory: sessionmaker[Session]) -> None:
    assert say(router, "who is the provider for RC-0101", PRIYA) == (
        "RC-101's provider is Riverside; their contact for it is Sam.")
    assert say(router, "who is the provider for RC-101", SAM) == (
        "RC-101 is your organisation's placement (Riverside).")
    # Another council's, another provider's, or none at all: the same reply.
    cannot = ("I can't find a placement {} at Northshire. /placement list shows the placements "
              "you can see.")
    assert say(router, "who is the provider for RC-201", PRIYA) == cannot.format("RC-201")
    assert say(router, "who is the provider for RC-999", PRIYA) == cannot.format("RC-999")
    assert say(router, "who is the provider for RC-101", ALEX) == (
        "I can't find a placement RC-101 of yours. /placement list shows the placements you can "
        "see.")
    assert count_rows(factory, Question) == 0


def test_placements_in_words_are_the_placement_list(router: Router) -> None:
    for person in (SAM, PRIYA):
        listed = say(router, "/placement list", person)
        assert "RC-101" in listed
        assert "RC-201" not in listed
        assert say(router, "my placements", person) == (
            f"{listed}\n{next_time('/placement list')}")


def test_tenders_in_words_are_the_tender_list(router: Router) -> None:
    listed = say(router, "/tender", SAM)
    assert say(router, "list our tenders", SAM) == f"{listed}\n{next_time('/tender')}"


@pytest.mark.parametrize("text", [
    "how do I see my invoices", "pay my invoices", "dispute an invoice", "close my case",
    "record an invoice",
])
def test_a_how_to_question_or_a_change_is_never_listed_nor_run(router: Router,
                                                               text: str) -> None:
    reply = say(router, text, PRIYA)
    assert "Next time," not in reply
    assert "Unpaid invoices" not in reply
    assert "No open cases" not in reply


def test_how_do_i_see_my_invoices_is_told_the_command_that_lists_them(router: Router) -> None:
    assert say(router, "how do I see my invoices", SAM) == (
        "Type /invoice list: it lists the unpaid invoices your organisation sent, each with the "
        "pledge's 10-day aim and the 30-day legal limit, then the disputed ones.")
    assert say(router, "how do I see my cases", SAM).startswith("Use /cases:")


@pytest.mark.parametrize("text", [
    "when must the council pay an invoice", "what happens if an invoice is overdue",
    "how often are placement reviews", "what happens if my invoice is overdue?",
    "how long does the council have to pay invoices?", "what counts as an overdue review",
])
def test_a_question_about_the_rules_stays_the_knowledge_bases(router: Router,
                                                              text: str) -> None:
    reply = say(router, text, SAM)
    assert "Next time," not in reply
    assert "Unpaid invoices" not in reply
    assert "Your open deadlines" not in reply


# Session 42: terse requests ("overdue invoices", "cases?", "whats overdue") are lists like the
# longer forms; the rules asked in the same words stay the knowledge base's.
TERSE_LISTS = [
    ("invoices overdue?", Listing("invoices", "overdue")),
    ("overdue invoices", Listing("invoices", "overdue")),
    ("overdue invoices?", Listing("invoices", "overdue")),
    ("invoices overdue", Listing("invoices", "overdue")),
    ("any invoices late", Listing("invoices", "overdue")),
    ("any late invoices", Listing("invoices", "overdue")),
    ("my late invoices?", Listing("invoices", "overdue")),
    ("all unpaid invoices", Listing("invoices")),
    ("our outstanding invoices", Listing("invoices")),
    ("my invoices not paid yet", Listing("invoices")),
    ("any disputed invoices", Listing("invoices", "disputed")),
    ("show disputed invoices", Listing("invoices", "disputed")),
    ("show invoices disputed", Listing("invoices", "disputed")),
    ("our outstandng invoices", Listing("invoices")),
    ("outstanding invoices", Listing("invoices")),
    ("invoices outstanding", Listing("invoices")),
    ("invoices not paid yet", Listing("invoices")),
    ("outstandng invoices", Listing("invoices")),
    ("invoices past due", Listing("invoices", "overdue")),
    ("show invoices", Listing("invoices")),
    ("invoices please", Listing("invoices")),
    ("invoices pls", Listing("invoices")),
    ("invoices?", Listing("invoices")),
    ("open cases", Listing("cases")),
    ("open cases?", Listing("cases")),
    ("any cases", Listing("cases")),
    ("cases open", Listing("cases")),
    ("cases open?", Listing("cases")),
    ("cases?", Listing("cases")),
    ("my reminders?", Listing("deadlines")),
    ("reminders?", Listing("deadlines")),
    ("reminders due", Listing("deadlines")),
    ("deadlines?", Listing("deadlines")),
    ("upcoming deadlines", Listing("deadlines")),
    ("whats overdue", Listing("deadlines")),
    ("whats overdue?", Listing("deadlines")),
    ("what's overdue", Listing("deadlines")),
    ("what is overdue", Listing("deadlines")),
    ("anything overdue?", Listing("deadlines")),
    ("any overdue", Listing("deadlines")),
    ("whats late", Listing("deadlines")),
    ("anything late", Listing("deadlines")),
    ("whats outstanding", Listing("deadlines")),
    ("reviews overdue?", Listing("reviews", "overdue")),
    ("overdue reviews", Listing("reviews", "overdue")),
    ("reviews due?", Listing("reviews")),
    ("next review?", Listing("reviews", "next")),
    ("open tenders", Listing("tenders")),
    # Session 43's brief: the invoices not paid asked after in other words, and "overdue?"
    # alone (a provider's late payments: the invoice list, its overdue ones named).
    ("which invoices haven't been paid", Listing("invoices")),
    ("which invoices havent been paid?", Listing("invoices")),
    ("which of our invoices are unpaid", Listing("invoices")),
    ("which of my invoices have not been paid yet", Listing("invoices")),
    ("has the council paid our invoices yet?", Listing("invoices")),
    ("has the council paid my invoices", Listing("invoices")),
    ("have our invoices been paid yet?", Listing("invoices")),
    ("overdue?", Listing("invoices", "overdue")),
    # Typos, no punctuation.
    ("invocies overdue", Listing("invoices", "overdue")),
    ("overdue invoces", Listing("invoices", "overdue")),
    ("ovedue invoices", Listing("invoices", "overdue")),
    ("overdue invoicse", Listing("invoices", "overdue")),
    ("my remiders", Listing("deadlines")),
    ("upcomming deadlines", Listing("deadlines")),
]
# The rules asked in the same words: the knowledge base's, as on main.
RULES_IN_LIST_WORDS = [
    "what happens if invoices are overdue?", "is interest due on overdue invoices",
    "how are open cases escalated", "what is a late payment under the pledge",
    "how long can invoices take", "what happens to overdue invoices",
    "are overdue invoices charged interest", "overdue invoices interest?",
    "late invoices what can we do", "late invoice rules", "overdue invoices pledge",
    "pledge on overdue invoices", "what does the pledge say about late invoices",
    "when is an invoice overdue", "when are invoices overdue",
    "when does an invoice become overdue", "how many days until an invoice is overdue",
    "is 30 days the limit for invoices", "who pays interest on late invoices",
    "can we charge for late invoices", "how are cases escalated", "who handles open cases",
    "what is an open case", "what makes a case open", "how long do cases stay open",
    "how quickly are cases acknowledged", "what are reminders for", "how do reminders work",
    "when do reminders go out", "why are invoices late", "why are invoices paid late",
    "what counts as overdue", "whats overdue mean", "what does overdue mean",
    "overdue meaning", "is the council allowed to pay late", "late payment interest act",
    "late payment legislation", "overdue reviews consequences", "what if reviews are overdue",
    "who chases overdue invoices", "who chases late invoices",
    "escalation of overdue invoices", "are disputed invoices paid",
    "do disputed invoices count as late", "how long can cases be open",
    "can invoices be late", "is late payment a breach of the pledge",
    "overdue invoices and the pledge", "tender deadlines rules", "late invoices compensation",
    "overdue invoices what now", "late invoices who to contact",
    # Session 43's brief: beside the invoices not paid asked after, the rules in their words.
    "what happens if the council hasn't paid our invoice", "what is an overdue review",
    "can we charge interest on overdue invoices", "what if our invoices haven't been paid",
    "why haven't our invoices been paid", "has the council got to pay our invoices in 30 days",
    "has the council paid interest on our late invoices", "has the council paid invoices late",
    "what can we do if invoices haven't been paid", "which invoices have to be paid first",
    "overdue meaning?", "overdue what does it mean", "is overdue the same as late",
    "what is overdue under the pledge", "what is overdue for a review",
    "is an invoice overdue after 30 days", "overdue invoice interest rate", "open cases sla",
    "how long are cases open before escalation", "what are open cases",
    "whats a late invoice", "invoices late what are my rights",
    "whats the penalty for late invoices", "do late invoices get escalated",
    "overdue invoices escalation", "open cases who decides", "invoices",
    "cases", "paid invoices", "all cases", "tenders?", "placements?", "invoice disputes",
    "dispute invoices", "invoiced late", "reviewed late", "disputes?",
    # The topic named, with no "my", "any" or "show": the knowledge base answers it (on main,
    # the entry on late payment). ("outstanding invoices", "invoices not paid yet" were here:
    # the demo's knowledge base said "I don't know" to them, session 42's review; they are
    # lists, in TERSE_LISTS.)
    "late invoices", "late invoices?", "invoices late?", "unpaid invoices",
    "disputed invoices", "invoices disputed?",
]


@pytest.mark.parametrize(("text", "found"), TERSE_LISTS)
def test_a_terse_request_for_a_list_is_read_like_the_longer_forms(
        text: str, found: Listing) -> None:
    assert listing_asked(text) == found


@pytest.mark.parametrize("text", RULES_IN_LIST_WORDS)
def test_the_rules_asked_in_a_lists_words_are_never_a_list(text: str) -> None:
    assert listing_asked(text) is None


@pytest.mark.parametrize(("text", "command", "focus"), [
    ("overdue invoices", "/invoice list", "1 invoice is past the 30-day legal limit: CT-0901."),
    ("invoices overdue?", "/invoice list",
     "1 invoice is past the 30-day legal limit: CT-0901."),
    ("invocies overdue", "/invoice list", "1 invoice is past the 30-day legal limit: CT-0901."),
    ("show disputed invoices", "/invoice list", "1 invoice is disputed: CT-0902."),
    ("open cases", "/cases", None),
    ("cases?", "/cases", None),
    ("my reminders?", "/reminders", None),
    ("whats overdue", "/reminders", None),
    # Session 42's review: "I don't know", and the late-payment entry.
    ("outstanding invoices", "/invoice list", None),
    ("invoices outstanding?", "/invoice list", None),
    ("invoices not paid", "/invoice list", None),
])
def test_a_terse_request_runs_its_list_like_the_longer_forms(
        router: Router, factory: sessionmaker[Session], text: str, command: str,
        focus: str | None) -> None:
    listed = say(router, command, SAM)
    assert say(router, text, SAM) == "\n".join(
        (listed, *((focus,) if focus else ()), next_time(command)))
    assert count_rows(factory, Question) == 0


def test_the_invoices_not_paid_asked_in_other_words_are_the_invoice_list(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 43's brief: each was a knowledge base entry, or "I don't know".
    listed = say(router, "/invoice list", SAM)
    overdue = "1 invoice is past the 30-day legal limit: CT-0901."
    for text, focus in (
            ("which invoices haven't been paid", ()),
            ("which of our invoices are unpaid", ()),
            ("has the council paid our invoices yet?", ()),
            ("overdue?", (overdue,)),
            # Who they are told first, then the request.
            ("We are a care home. show my invoices", ()),
            ("we're a home care agency. which invoices are overdue?", (overdue,))):
        assert say(router, text, SAM) == "\n".join(
            (listed, *focus, next_time("/invoice list"))), text
    assert count_rows(factory, Question) == 0


@pytest.mark.parametrize("text", [
    "what happens if invoices are overdue?", "is interest due on overdue invoices",
    "how are open cases escalated", "what is a late payment under the pledge",
    "how long can invoices take", "overdue invoices interest?", "whats overdue mean",
    "cases", "late invoices", "unpaid invoices",
    # Session 43's brief.
    "what happens if the council hasn't paid our invoice", "what is an overdue review",
    "can we charge interest on overdue invoices",
])
def test_the_rules_in_a_lists_words_get_no_list(router: Router, text: str) -> None:
    reply = say(router, text, SAM)
    assert "Next time," not in reply
    assert "Unpaid invoices" not in reply
    assert "CT-0901" not in reply
    assert "Your open deadlines" not in reply


@pytest.mark.parametrize("text", ["show the council's deadlines", "council deadlines",
                                  "the councils deadlines?"])
def test_a_provider_asking_for_the_councils_deadlines_is_told_whose_they_are(
        router: Router, text: str) -> None:
    listed = say(router, "/reminders", SAM)
    assert say(router, text, SAM) == "\n".join((
        "The council's deadlines are shown to council staff; here are your own.", listed,
        next_time("/reminders")))


def test_council_staff_asking_for_the_councils_deadlines_are_shown_them_as_before(
        router: Router) -> None:
    listed = say(router, "/reminders council", PRIYA)
    assert say(router, "show the council's deadlines", PRIYA) == (
        f"{listed}\n{next_time('/reminders council')}")


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
@pytest.mark.parametrize("person", [SAM, PRIYA])
def test_the_disputed_invoices_named_are_those_the_list_shows_disputed(
        router: Router, database_url: str, person: str) -> None:
    # CT-0905 disputed in part (its clock runs on for the rest), CT-0907 disputed and then
    # settled: the first is named, the second not; CT-0902 disputed whole, as before.
    assert "disputed" in say(router, "/invoice disputed CT-0905 £100 visits missed", PRIYA)
    assert "disputed" in say(router, "/invoice disputed CT-0907 hours wrong", PRIYA)
    say(router, "/invoice undisputed CT-0907", PRIYA)
    listed = say(router, "/invoice list", person)
    assert say(router, "any disputed invoices?", person) == "\n".join((
        listed, "2 invoices are disputed: CT-0902, CT-0905.", next_time("/invoice list")))


@pytest.mark.parametrize("text", ["past invoices", "invoices paid late", "paid invoices?",
                                  "past cases"])
def test_a_terse_word_of_their_history_is_no_list(text: str) -> None:
    assert listing_asked(text) is None


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_the_invoices_in_the_state_asked_are_found_in_one_query(
        router: Router, engine: Engine, database_url: str) -> None:
    """The line naming them costs one query, however many invoices there are (it was one for
    each invoice that might be disputed)."""
    assert "disputed" in say(router, "/invoice disputed CT-0905 £100 visits missed", PRIYA)
    assert "disputed" in say(router, "/invoice disputed CT-0901 hours wrong", PRIYA)
    statements: list[str] = []

    def counted(*args: object) -> None:
        statements.append(str(args[2]))

    def queries(text: str) -> int:
        statements.clear()
        event.listen(engine, "before_cursor_execute", counted)
        try:
            say(router, text, PRIYA)
        finally:
            event.remove(engine, "before_cursor_execute", counted)
        return len(statements)

    for focus in ("any disputed invoices?", "which invoices are overdue?",
                  "which invoices are past the pledge aim"):
        assert queries(focus) - queries("show my invoices") == 1


def test_a_question_about_ones_own_records_is_read_once(
        router: Router, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lists' matcher and the own-records route read the words once between them."""
    read: list[str] = []
    asks_which = matching._ASKS_WHICH

    class Counting:
        def search(self, text: str) -> re.Match[str] | None:
            read.append(text)
            return asks_which.search(text)

    monkeypatch.setattr(matching, "_ASKS_WHICH", Counting())
    matching.own_records_question.cache_clear()
    text = "what reviews do I have due for my clients"
    assert "/reminders" in say(router, text, SAM)
    assert read.count(text.casefold()) == 1


# The reviewer (session 42): "what remainders are due" was the reminders list, "remainders"
# read as a typo of "reminders"; it is an English word of its own, as "deadliness" is.
@pytest.mark.parametrize("text", [
    "what remainders are due", "any remainders due?", "my remainders",
    "my deadliness"])
def test_an_english_word_is_never_read_as_a_lists_word_typed_wrong(text: str) -> None:
    assert listing_asked(text) is None


@pytest.mark.parametrize("text", ["what remainders are due", "my remainders"])
def test_remainders_asked_after_get_no_list(router: Router, text: str) -> None:
    reply = say(router, text, SAM)
    assert "Next time," not in reply
    assert "Your open deadlines" not in reply


def test_no_english_word_is_respelled_as_a_lists_word() -> None:
    # Every word of the English word list, read for typos of a list's words, stays itself.
    respelled = {word: listings._spelled(word) for word in english_words()
                 if listings._spelled(word) != word}
    assert respelled == {}
