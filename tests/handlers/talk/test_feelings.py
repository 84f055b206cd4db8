"""A feeling said to the bot (anger at a late payment, a tender lost, an apology) as dialogs
through the router: a short kind reply that points to what helps, never "I don't know", a
knowledge gap, or a safeguarding question (session 35's trial)."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import AuditEvent, Case, Question
from handlers.ask.questions import knowledge_gaps
from handlers.talk.feelings import feeling
from tests.factories import count_rows, make_incoming
from tests.handlers.conftest import PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

LATE_PAYMENT = (
    "I'm sorry: waiting to be paid is hard on any provider, and you're right to chase it. By "
    "law the council must pay a valid invoice within 30 days of receiving it, and the pledge "
    "aims for 10 days (pledge 29). /conflict raises it with a named commissioner, who must "
    "answer by a deadline; /invoice received NUMBER DD/MM/YYYY AMOUNT PLACEMENT keeps the "
    "invoice's clocks and reminds you both.")
LOST_TENDER = (
    "I'm sorry: losing a tender is a real blow, for you and for your staff. You are owed "
    "feedback: pledge 28 promises every unsuccessful bidder detailed, specific and timely "
    "feedback, and once the council records the award here I remind it to give that within 5 "
    "working days of the decision. Use it for your next bid; if it does not come, or says too "
    "little, /conflict raises it with a named commissioner.")
APOLOGY = (
    "No problem at all: we all have times like that. I'm here whenever you need me: ask me "
    "about the pledge or tendering, /reminders shows your deadlines, and /feedback or "
    "/conflict takes something to a named commissioner.")
HARD_TIME = APOLOGY.replace("No problem at all", "Sorry to hear it")


def _say(router: Router, text: str, sender: str = SAM) -> list[str]:
    return [reply.text for reply in router.handle(make_incoming(text, sender=sender))]


def _rows(factory: sessionmaker[Session]) -> Counter[str]:
    return Counter({"question": count_rows(factory, Question),
                    "audit": count_rows(factory, AuditEvent), "case": count_rows(factory, Case)})


@pytest.mark.parametrize(("text", "expected"), [
    ("you lot are fucking useless, 3 weeks and still no payment", LATE_PAYMENT),
    ("this is ridiculous, we still haven't been paid for October", LATE_PAYMENT),
    ("fed up of chasing payment for invoices that are 6 weeks overdue", LATE_PAYMENT),
    ("we lost the tender, its a disaster, staff are devastated", LOST_TENDER),
    ("Gutted. We didn't win the homecare bid.", LOST_TENDER),
    ("sorry. long week", APOLOGY),
    ("sorry for swearing, long week", APOLOGY),
    ("apologies for my tone earlier, I was frustrated", APOLOGY),
    ("apologies, I was rude", APOLOGY),
    # Session 35's brief: each opened an URGENT safeguarding case ("rough" read as handling).
    ("rough week, sorry", APOLOGY),
    ("sorry for my language earlier, it's been a rough day", APOLOGY),
    ("it's been a rough day", HARD_TIME),
    # Session 36's trial: "I don't know ... I've noted your question" and a knowledge gap.
    ("rough day yesterday but the home is calm now", HARD_TIME),
    ("rough night last night but everyone is settled now", HARD_TIME),
    ("long week. all fine now", HARD_TIME),
])
def test_a_feeling_gets_a_kind_reply_that_points_to_what_helps(
        northshire_router: Router, factory: sessionmaker[Session], text: str,
        expected: str) -> None:
    assert _say(northshire_router, text) == [expected]
    # No question kept (no knowledge gap), no safeguarding question or case.
    assert _rows(factory) == Counter()
    assert knowledge_gaps(factory) == []


def test_council_staff_are_not_pointed_to_a_providers_commands(
        northshire_router: Router) -> None:
    [said] = _say(northshire_router, "sorry. long week", PRIYA)
    assert said.startswith("No problem at all: we all have times like that.")
    assert "/conflict" not in said
    [said] = _say(northshire_router, "we lost the tender, its a disaster", PRIYA)
    assert "/conflict" not in said


@pytest.mark.parametrize("text", [
    # A question is the knowledge base's, however it is said.
    "we lost the tender, its a disaster, can we challenge the award?",
    "what happens if the council pays late?",
    "sorry, how long is standstill?",
    "sorry",  # small talk's
    # Harm is safeguarding's.
    "a carer hit a resident, you lot are useless",
    "we lost the contract for the day centre last year",
    # A hard time with more beside it than that all is calm now (session 36).
    "rough day yesterday and the home is not calm now",
    "rough night, mrs b was up all night shouting",
    "rough day yesterday but the home is calm now, when is the review due",
    # Session 43: a question after a dash ("whats" with no apostrophe), and harm beside anger
    # at the council, were read as venting (tests/knowledge: calibration_questions_10,
    # safeguarding_probes).
    "frustrated visit vs missed visit - whats the difference for billing the council",
    "whats the difference between a spot and a block contract, the council is useless",
    "the council ignored my report, i was punched again today",
    "the council is useless, i was assaulted at work again",
])
def test_a_question_news_or_harm_is_not_read_as_a_feeling(text: str) -> None:
    assert feeling(text) is None


def test_frustration_with_the_council_is_venting() -> None:
    # Session 42: it was a statement for the knowledge base (None here, and "I don't know");
    # frustration with the council is now heard, and /feedback and /conflict offered
    # (tests/handlers/talk/test_venting.py).
    assert feeling("the council is useless at forecasting demand") == "vent"


@pytest.mark.parametrize("text", [
    # Session 35's review: a challenge said beside the loss is time-critical: the standstill
    # and how to challenge first, then pledge 28's feedback (it was the feedback alone).
    "we lost the tender, its a disaster. we want to challenge the decision",
    "we lost the tender, gutted. we were 2nd by 0.5 points, the standstill ends friday and we "
    "might challenge",
])
def test_a_tender_lost_with_a_challenge_gets_the_standstill(
        northshire_router: Router, text: str) -> None:
    [said] = _say(northshire_router, text)
    assert said.startswith("Act fast if you may challenge: standstill is short")
    assert "(Standstill periods and challenging an award).\n" in said
    assert said.endswith(LOST_TENDER)


@pytest.mark.parametrize(("text", "sender"), [
    # Session 35's review: the client's own contribution is not the council's payment, and
    # council staff waiting on a provider's invoices are no provider waiting to be paid.
    ("this is ridiculous, mrs f still hasnt paid her contribution for 3 months", SAM),
    ("absolutely fuming, the provider still hasnt sent invoices for 3 months", PRIYA),
    ("this is ridiculous, we still haven't been paid for October", PRIYA),
])
def test_anger_at_no_payment_owed_by_the_council_gets_no_late_payment_reply(
        northshire_router: Router, text: str, sender: str) -> None:
    said = "\n".join(_say(northshire_router, text, sender))
    assert "waiting to be paid" not in said
    assert "must pay a valid invoice" not in said
