"""Council staff's own how-to and status questions in plain words (session 43's trial: each
was "I don't know... Ask a colleague")."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Person
from handlers.talk.staff import staff_question
from tests.factories import make_incoming
from tests.handlers.conftest import HUB, PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.mark.parametrize(("words", "kind"), [
    ("how do i reassign a case to tom, he covers riverside now", "reassign"),
    ("can i pass this case to a colleague", "reassign"),
    ("actualy cancel that im not going away after all", "away"),
    ("cancel my away please", "away"),
    ("what's on for the council this week", "reminders"),
    ("whats due for the team this week?", "reminders"),
    ("whats the status of the riverside invoice complaint", "cases"),
    ("any update on the hillview dispute", "cases"),
    ("what does the ack deadline mean for cases", "acknowledge"),
    ("what is the acknowledgement time for a case", "acknowledge"),
    # not theirs
    ("what is the status of a section 42 case", None),
    ("how do i reassign a care worker to another client", None),
    ("what's on the agenda for the provider forum", None),
    ("cancel that", None),
    # A case named as the kind it is (session 45's brief: each went to the knowledge base).
    ("how do I close a complaint", "close"),
    ("how do I resolve a conflict", "close"),
    ("how do i close this dispute", "close"),
    ("how do i resolve the feedback from riverside", "close"),
    ("how do I reassign a conflict", "reassign"),
    ("how do i hand this concern to tom", "reassign"),
    ("can i pass the complaint to a colleague", "reassign"),
    ("how do i acknowledge a complaint", "acknowledge_how"),
    # still the knowledge base's, or the invoice's
    ("how do i resolve a conflict of interest", None),
    ("how do i close the complaints procedure", None),
    ("how do i raise a complaint", None),
    ("how do I close a dispute on an invoice", "dispute"),
])
def test_which_question_is_asked(words: str, kind: str | None) -> None:
    assert staff_question(words) == kind


def _say(router: Router, text: str, sender: str) -> Reply:
    [reply] = router.handle(make_incoming(text, sender=sender))
    return reply


def test_commissioners_get_the_command_or_its_answer(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    router = northshire_router
    reply = _say(router, "how do i reassign a case to tom, he covers riverside now", PRIYA)
    assert reply.text.startswith("To pass a case to a colleague: /case REF reassign NAME"), (
        reply.text)
    reply = _say(router, "actualy cancel that im not going away after all", PRIYA)
    assert reply.text.startswith("You aren't marked as away"), reply.text
    with transaction(factory) as session:
        session.execute(update(Person).where(Person.email == PRIYA).values(
            away_until=date(2027, 1, 2),
            cover_id=session.scalars(select(Person.id).where(Person.email == HUB)).one()))
    reply = _say(router, "actualy cancel that im not going away after all", PRIYA)
    assert reply.text.startswith("You're marked away"), reply.text
    assert "/away off" in reply.text
    assert _say(router, "what's on for the council this week", PRIYA).text == _say(
        router, "/reminders council", PRIYA).text
    assert _say(router, "whats the status of the riverside invoice complaint", PRIYA).text == (
        _say(router, "/cases", PRIYA).text)
    reply = _say(router, "what does the ack deadline mean for cases", PRIYA)
    assert reply.text.startswith("A case's acknowledge-by time is when"), reply.text
    assert "within 60 minutes" in reply.text
    assert "/case REF acknowledge" in reply.text
    assert "I don't know" not in reply.text


@pytest.mark.parametrize(("words", "starts"), [
    ("how do I close a complaint", "To close a complaint: /case REF resolve WHAT WAS DONE"),
    ("how do I reassign a conflict",
     "To pass a disagreement to a colleague: /case REF reassign NAME"),
    ("how do i hand this concern to tom",
     "To pass a concern to a colleague: /case REF reassign NAME"),
])
def test_a_case_named_as_its_kind_gets_the_staff_how_to(
        northshire_router: Router, words: str, starts: str) -> None:
    reply = _say(northshire_router, words, PRIYA)
    assert reply.text.startswith(starts), reply.text


def test_a_provider_closing_a_concern_is_not_told_to_withdraw_it(
        northshire_router: Router) -> None:
    # A concern, once raised, is the hub's to close (``cases.withdraw`` refuses it).
    assert "withdraw" not in _say(northshire_router, "how do i close a concern", SAM).text


def test_a_providers_own_complaint_is_not_read_as_the_councils_case(
        northshire_router: Router) -> None:
    # Their own complaints procedure (the knowledge base's), not "the council acknowledges".
    reply = _say(northshire_router, "how should we acknowledge a complaint from a resident", SAM)
    assert not reply.text.startswith("The council acknowledges your cases"), reply.text


def test_a_provider_asking_of_the_council_gets_no_council_command(
        northshire_router: Router) -> None:
    reply = _say(northshire_router, "what's on for the council this week", SAM)
    assert "/reminders council" not in reply.text


@pytest.mark.parametrize("sender", [PRIYA, SAM])
@pytest.mark.parametrize("words", [
    "how do i close a complaint about a carer hitting a resident",
    "how do we close a complaint about staff slapping a client",
])
def test_harm_named_in_a_how_to_gets_the_safeguarding_guidance(
        northshire_router: Router, sender: str, words: str) -> None:
    # Session 45's review: the staff how-to ("To close a complaint: /case REF resolve") hid the
    # harm from a commissioner, and a provider got "I don't know".
    reply = _say(northshire_router, words, sender)
    assert reply.text.startswith("Raising a safeguarding concern"), reply.text
    assert [button.label for button in reply.buttons] == ["Raise a concern now"]


def test_when_to_answer_feedback_is_the_response_times_not_the_how_to(
        northshire_router: Router) -> None:
    reply = _say(northshire_router, "when do I need to acknowledge feedback from a provider",
                 PRIYA)
    assert not reply.text.startswith("To acknowledge feedback"), reply.text
