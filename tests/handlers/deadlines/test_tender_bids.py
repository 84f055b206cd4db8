"""A bidder asking a tender's dates is told its own bid's outcome, and for a lost bid when the
council's feedback is due (pledge 28), and is not told to follow a tender it is reminded of as a
bidder; the council's staff are told the feedback they owe (session 30's trial), as dialogs
through the router."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.templates import make_templates
from tests.factories import Clock
from tests.handlers.deadlines.conftest import KIM, PRIYA, SAM
from tests.handlers.deadlines.support import at, import_tenders, say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

TENDERS = (
    "reference,title,commissioner_email,published_on,clarification_on,submission_on,"
    "standstill_end_on,bidder_email,outcome,decided_on\n"
    f"T-9,Home care,{PRIYA},2026-11-02,2026-12-10,2026-12-18,2027-01-15,{SAM},pending,\n"
    f"T-7,Day services,{PRIYA},2026-09-01,2026-09-20,2026-10-01,2026-10-20,{SAM},lost,"
    "2026-12-01\n"
    f"T-7,,,,,,,{KIM},won,2026-12-01\n")
T9 = ("T-9 Home care: clarification deadline Thu 10 Dec 2026, submission deadline Fri 18 Dec "
      "2026, standstill ends Fri 15 Jan 2027.")
T7 = ("T-7 Day services: clarification deadline Sun 20 Sep 2026, submission deadline Thu 1 Oct "
      "2026, standstill ends Tue 20 Oct 2026.")


def test_a_bidder_is_told_its_own_bid_and_the_feedback_it_is_owed(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    clock.now = at(date(2026, 12, 2), 10)
    import_tenders(factory, TENDERS, clock.now)
    router = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    assert say(router, "when is the clarification deadline for T-9?", SAM) == (
        T9 + " Your bid is due by the submission deadline.")
    assert say(router, "what are the dates for T-7", SAM) == (
        T7 + " Your bid was not successful (decided Tue 1 Dec 2026); the council's feedback to "
        "you is due by Tue 8 Dec 2026 (pledge 28).")
    assert say(router, "what are the dates for T-7", KIM) == (
        T7 + " Your bid was successful (decided Tue 1 Dec 2026).")
    # The council's staff are told the feedback they owe (pledge 28), naming no bidder.
    assert say(router, "when do I need to give feedback to the losing bidders on T-7",
               PRIYA) == (T7 + " Feedback is owed to 1 unsuccessful bidder, due by Tue 8 Dec "
                               "2026 (pledge 28): /reminders lists it.")
    assert say(router, "what are the dates for T-9", PRIYA) == T9
    # Nobody else's bid is told to another provider.
    assert say(router, "what are the dates for T-9", KIM) == (
        T9 + " /tender follow T-9 reminds you before them.")


def test_who_bid_is_told_to_the_council_and_a_bidder_hears_only_its_own_bid(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # Session 31's trial: "who bid for T-9?" and "when does T-9 close?" got general guidance
    # from the knowledge base, not the bot's own tender records.
    clock.now = at(date(2026, 12, 2), 10)
    import_tenders(factory, TENDERS, clock.now)
    router = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    assert say(router, "when does T-9 close?", SAM) == (
        T9 + " Your bid is due by the submission deadline.")
    for question in ("who bid for T-7?", "who are the bidders on T-7", "who won T-7",
                     "how many bids did T-7 get?"):
        assert say(router, question, PRIYA) == (
            "T-7 Day services: 2 bids: Hillview (successful), Riverside (not successful).")
        # A bidder: its own bid and the public dates; never the other bidder, nor how many.
        assert say(router, question, SAM) == (
            "T-7 Day services: who bid is the council's to keep confidential (pledge 3), so I "
            "can't say. Your bid was not successful (decided Tue 1 Dec 2026). Its dates: "
            "clarification deadline Sun 20 Sep 2026, submission deadline Thu 1 Oct 2026, "
            "standstill ends Tue 20 Oct 2026.")
    assert say(router, "who bid for T-9?", KIM) == (
        "T-9 Home care: who bid is the council's to keep confidential (pledge 3), so I can't "
        "say. I have no bid from you recorded on it. Its dates: clarification deadline Thu 10 "
        "Dec 2026, submission deadline Fri 18 Dec 2026, standstill ends Fri 15 Jan 2027.")


@pytest.mark.parametrize(("day", "said"), [
    # Session 36's trial: before the submission deadline the bid "awaits the council's
    # decision", though nothing has been submitted yet.
    (date(2026, 12, 10), " Your bid is due by the submission deadline."),
    (date(2026, 12, 17), " Your bid is due by the submission deadline."),
    (date(2026, 12, 18), " Your bid is due by the submission deadline."),
    # Once the submission deadline has passed, the decision is what is awaited.
    (date(2026, 12, 19), " Your bid awaits the council's decision."),
])
def test_a_bid_before_the_submission_deadline_is_said_to_be_due(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock, day: date, said: str) -> None:
    clock.now = at(date(2026, 12, 2), 10)
    import_tenders(factory, TENDERS, clock.now)
    router = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    clock.now = at(day, 16, 30)
    assert say(router, "when is the clarification deadline for T-9?", SAM) == T9 + said
    assert say(router, "who bid for T-9?", SAM) == (
        "T-9 Home care: who bid is the council's to keep confidential (pledge 3), so I can't "
        f"say.{said} Its dates: clarification deadline Thu 10 Dec 2026, submission deadline "
        "Fri 18 Dec 2026, standstill ends Fri 15 Jan 2027.")


# Who bid, who won, how many bids: the bot's tender records (session 31's review: questions
# about bidding, the knowledge base's, were told who bid is the council's to keep confidential).
WHO_BID = ("who bid for T-7?", "who has bid for T-7", "which providers bid for T-7?",
           "who submitted bids for T-7", "who else is bidding for T-7?", "who applied for T-7",
           "who tendered for T-7", "who was awarded T-7", "who got the contract for T-7",
           "which organisations have bid on T-7", "how many bids were received for T-7?",
           "how many bids were there for T-7", "how many bids were submitted for T-7?",
           "how many providers bid for T-7", "how many bids for T-7?",
           "list the bidders for T-7", "who is the successful bidder for T-7")
ABOUT_BIDDING = ("who do I contact about our bid for T-7?",
                 "who should I send our bid for T-7 to?",
                 "how many words can the bid for T-7 have?",
                 "who can help us with bidding for T-7", "who can bid for T-7?",
                 "who do we ask about the bid for T-7", "who reviews the bids for T-7?",
                 "who evaluates bids for T-7", "who should sign our bid for T-7",
                 "how many pages should our bid for T-7 be",
                 "who is the contact for bids on T-7", "who marks the bids on T-7")


def test_who_bid_is_told_and_questions_about_bidding_are_not(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    clock.now = at(date(2026, 12, 2), 10)
    import_tenders(factory, TENDERS, clock.now)
    router = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    for question in WHO_BID:
        assert say(router, question, PRIYA) == (
            "T-7 Day services: 2 bids: Hillview (successful), Riverside (not successful)."
        ), question
        assert say(router, question, SAM).startswith(
            "T-7 Day services: who bid is the council's to keep confidential (pledge 3)"
        ), question
    for question in ABOUT_BIDDING:
        for sender in (PRIYA, SAM):
            told = say(router, question, sender)
            assert "confidential" not in told, (question, told)
            assert "2 bids" not in told, (question, told)
