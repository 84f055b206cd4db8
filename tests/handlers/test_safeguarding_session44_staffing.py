"""Session 44's staffing brief, as dialogs through the router: a staffing shortage told about
work (reviews, contracts, tenders, paperwork, e-mails, a council or commissioning team,
recruitment, money) gets an ordinary reply, no concern; a shortage told with its effect on
people cared for is raised as before. A question only about how to complain or give feedback
without giving a name, no harm told, gets its answer without "Is this about someone's safety?";
harm told in the same question is still raised."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, OutboxMessage
from tests.factories import make_incoming
from tests.handlers.conftest import PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAFETY = "Is this about someone's safety?"
RAISED = "This sounds like a safeguarding concern."
FEEDBACK = "Use /feedback: give feedback on working together."


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _replies(router: Router, text: str, sender: str = SAM) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender))


def _cases(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case)))


def _alerts(factory: sessionmaker[Session]) -> list[OutboxMessage]:
    with factory() as session:
        return list(session.scalars(select(OutboxMessage)))


def _ordinary(replies: list[Reply]) -> str:
    shown = "\n".join(reply.text for reply in replies)
    assert replies, shown
    assert RAISED not in shown, shown
    assert SAFETY not in shown, shown
    assert not any(button.label == "Raise a concern now"
                   for reply in replies for button in reply.buttons), shown
    return shown


# The brief's false alarms (each raised URGENT as organisational abuse), then our own.
STAFFING_ABOUT_WORK = [
    "not enough staff to cover the new contract",
    "we have too many reviews and not enough staff",
    "reviews are overdue because we are short staffed",
    "our team is short staffed so reviews are late",
    "not enough staff in commissioning to answer emails",
    "the council has not enough staff to do reviews",
    "so many reviews overdue and not enough staff",
    # our own
    "not enough staff to do the paperwork",
    "not enough staff to take on the new contract",
    "our reviews are behind because the team is understaffed",
    "not enough staff to answer the phones in the office",
    "not enough staff to do the annual reviews this quarter",
    "we are understaffed and can't recruit",
    "our commissioner says they have not enough staff to do the reviews",
    "the local authority is understaffed so our invoices sit for months",
    "not enough staff to write the tender response",
    "we don't have enough staff to bid for the new tender, not enough staff to be honest",
    "the brokerage team has not enough staff to process the invoices",
    "we're understaffed so the contract monitoring return will be late",
    "not enough staff in the finance team to chase payments",
    "recruitment is impossible at the moment, we are understaffed and the funding has not gone up",
    "the commissioning team is understaffed, which is why nobody answers our e-mails",
    "short staffed in the council's contracts team so the reviews are overdue",
]


@pytest.mark.parametrize("words", STAFFING_ABOUT_WORK)
def test_a_staffing_shortage_told_about_work_gets_an_ordinary_reply(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _ordinary(_replies(router, words))
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_a_commissioner_told_of_reviews_and_staff_gets_an_ordinary_reply(
        router: Router, factory: sessionmaker[Session]) -> None:
    _ordinary(_replies(router, "we have too many reviews and not enough staff", sender=PRIYA))
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_a_shortage_told_with_money_missing_is_no_longer_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The concern model reads "the money isn't there" alone as a doubt (0.63): asked, as it
    # would be without the shortage; no longer raised as organisational abuse.
    replies = _replies(router, "we are understaffed and can't recruit, the money isn't there")
    assert not replies[0].text.startswith(RAISED), replies[0].text
    assert _cases(factory) == []
    assert _alerts(factory) == []


# Written (and passing) before the change: a shortage with its effect on people cared for.
STAFFING_WITH_HARM = [
    "residents are not getting showers, not enough staff",
    "short staffed tonight, only one carer for 20 residents",
    "not enough staff so mrs k was left in bed till 2pm",
    "we're so short staffed that calls are being missed and clients aren't getting their meds",
    "understaffed every night and residents are left wet",
    # our own
    "short staffed tonight",
    "residents are left in bed till lunchtime because we're short staffed",
    "we're short staffed and RC-101 missed her lunch",
    "not enough staff so the call bells ring for ages",
    "understaffed at night, nobody turns mr d",
    "short staffed so she had to wait an hour for the toilet",
    "not enough staff to do the double up calls so clients are being hoisted by one carer",
    "not enough staff on the floor and a resident fell unwitnessed",
    "not enough staff so nobody came to mum's call",
    "not enough staff for the reviews and the residents are not getting their meds",
    "the home has not enough staff to cover the contract hours so RC-204 is missing visits",
    "we are understaffed and the money isn't there, residents are left in bed all morning",
    "the council has not enough staff to do reviews and mr b has had no care for a week",
    "not enough staff to do the paperwork and the night carer is on her own with 30 residents",
    "not enough staff on nights so people are left in wet pads till morning",
    "not enough staff and the tender is due, people are being rushed",
    "the council is so understaffed that nobody checks on the vulnerable adults",
    "they are short staffed at the council and their reviews are late, and she has no carer",
    "not enough staff to cover the contract hours so visits are being missed",
    "understaffed so the reviews are late and the meds are late too",
]


@pytest.mark.parametrize("words", STAFFING_WITH_HARM)
def test_a_staffing_shortage_with_an_effect_on_people_is_still_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    assert replies[0].text.startswith(RAISED), replies[0].text
    assert len(_cases(factory)) == 1
    assert len(_alerts(factory)) == 1


# The brief's questions (each asked "Is this about someone's safety?" first), then our own.
HOW_TO_COMPLAIN_UNNAMED = [
    "can I raise a complaint without giving my name?",
    "is there a way to complain without giving my name?",
    # our own (the first five asked before the change too)
    "can I complain without giving my name?",
    "can I make a complaint without giving my name",
    "how do I raise a complaint without giving my name?",
    "can i raise something without giving my name?",
    "can I report something without giving my name?",
    "can I make a complaint anonymously?",
    "how do I give feedback without giving my name?",
    "can we leave feedback anonymously?",
]


@pytest.mark.parametrize("words", HOW_TO_COMPLAIN_UNNAMED[:2])
def test_the_briefs_questions_get_the_feedback_answer_alone(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    [reply] = _replies(router, words)
    assert reply.text.startswith(FEEDBACK), reply.text
    assert "neither your name nor your organisation" in reply.text
    assert _cases(factory) == []


@pytest.mark.parametrize("words", HOW_TO_COMPLAIN_UNNAMED)
def test_how_to_complain_without_a_name_gets_the_answer_and_no_safety_question(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _ordinary(_replies(router, words))
    assert _cases(factory) == []
    assert _alerts(factory) == []


# Written (and passing) before the change: harm told in the same question is raised.
HARM_TOLD_UNNAMED = [
    "can I report that a carer hit my mum without giving my name?",
    "can I complain anonymously? a carer slapped my dad",
    "can I raise a complaint without giving my name, the night staff are abusing residents",
    "is there a way to report anonymously that my nan is being hit by a carer?",
]


@pytest.mark.parametrize("words", HARM_TOLD_UNNAMED)
def test_harm_told_in_a_question_about_anonymity_is_still_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    assert replies[0].text.startswith(RAISED), replies[0].text
    assert len(_cases(factory)) == 1
    assert len(_alerts(factory)) == 1


# Not told of harm, but not only how to complain either: still asked, as before.
STILL_ASKED = [
    "can I complain without giving my name? I'm worried about my mum",
]


@pytest.mark.parametrize("words", STILL_ASKED)
def test_a_worry_about_someone_beside_the_question_is_still_asked(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    assert replies[0].text.startswith(SAFETY), replies[0].text
    assert [button.label for button in replies[0].buttons] == ["Raise a concern now"]
    assert _cases(factory) == []
