"""Session 44's brief, free conversation: each line was "I don't know", a wrong entry or a
wrong reply; each is now what a busy care manager expects. Dialogs through the router."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import Case, Question
from tests.factories import count_rows, make_incoming
from tests.handlers.conftest import HUB, PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

DONT_KNOW = "I don't know the answer to that"
SAFETY_ASKED = "Is this about someone's safety?"


def _say(router: Router, text: str, sender: str = SAM) -> list[str]:
    return [reply.text for reply in router.handle(make_incoming(text, sender=sender))]


def _said(router: Router, text: str, sender: str = SAM) -> str:
    return "\n".join(_say(router, text, sender))


# 1. Several pledges looked up in other words: each one's own words, in the order asked.
@pytest.mark.parametrize("text", [
    "what pledge 12 is about, and also what pledge 20 says",
    "what is pledge 12 about and also pledge 20",
    "show me pledge 12 and pledge 20 as well",
    "can you tell me what pledges 12 and 20 say please",
])
def test_two_pledges_in_other_words_are_both_shown(northshire_router: Router,
                                                   text: str) -> None:
    said = _said(northshire_router, text)
    assert "Commitment 12:" in said, said
    assert "Commitment 20:" in said, said
    assert said.index("Commitment 12:") < said.index("Commitment 20:")
    assert DONT_KNOW not in said


# 2. Two short questions in one message: each answered.
@pytest.mark.parametrize("text", [
    "what's TUPE? and what's a PPON?",
    "whats TUPE? whats a PPON?",
    "What's TUPE? Also what's a PPON?",
])
def test_two_short_questions_are_each_answered(northshire_router: Router, text: str) -> None:
    said = _said(northshire_router, text)
    assert "TUPE when care contracts are re-tendered" in said, said
    assert "Registering on the Central Digital Platform (PPON and share codes)" in said, said
    assert DONT_KNOW not in said


# 3. An introduction and an apology before the question: the question answered.
@pytest.mark.parametrize("text", [
    "Hi, Tom from commissioning here, sorry to bother you - which pledge covers prompt "
    "payment?",
    "Hello, it's Tom from commissioning, sorry to bother you, which pledge covers prompt "
    "payment?",
    "hi this is Tom from the commissioning team. sorry to trouble you. which pledge covers "
    "prompt payment?",
])
def test_an_introduction_and_an_apology_before_a_question(northshire_router: Router,
                                                          text: str) -> None:
    said = _said(northshire_router, text)
    assert "Commitment 29:" in said, said
    assert DONT_KNOW not in said


# 4. What the bot is for, in other words: the short what-I-can-do reply.
@pytest.mark.parametrize("text", [
    "what does this thing do",
    "what does this thing do?",
    "so what is this thing for",
    "what does this app do",
])
def test_what_the_thing_does_is_the_what_i_can_do_reply(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    said = _said(northshire_router, text)
    assert said == _said(northshire_router, "what is this bot for"), said
    assert "I can:" in said
    assert count_rows(factory, Question) == 0  # no knowledge gap


# 5. A complaint without one's name: /feedback, which can be sent anonymously.
@pytest.mark.parametrize("text", [
    "can I raise a complaint without giving my name?",
    "can we make a complaint without giving our name",
    "is there a way to complain without giving my name?",
    "can I raise a complaint anonymously?",
])
def test_a_complaint_without_a_name_is_feedback_sent_anonymously(
        northshire_router: Router, text: str) -> None:
    said = _said(northshire_router, text)
    assert "Use /feedback" in said, said
    assert "anonymously" in said
    assert DONT_KNOW not in said


@pytest.mark.parametrize("text", [
    "can I raise a conflict without giving my name?",
    "can we raise a dispute anonymously",
])
def test_a_conflict_without_a_name_says_feedback_is_the_anonymous_way(
        northshire_router: Router, text: str) -> None:
    said = _said(northshire_router, text)
    assert said.startswith("A disagreement raised with /conflict can't be anonymous"), said
    assert "use /feedback and choose to send it anonymously" in said
    assert DONT_KNOW not in said


# 6. A first tender: the knowledge base's getting-started entry, not the property disregard.
@pytest.mark.parametrize("text", [
    "first time doing a tender, not sure where to begin",
    "first time tendering, where do I start?",
    "we've never bid for a council contract before, where do we begin",
    "new to tendering, not sure where to start",
])
def test_a_first_tender_gets_the_getting_started_entry(northshire_router: Router,
                                                       text: str) -> None:
    said = _said(northshire_router, text)
    assert "Getting council work as a new or small provider" in said, said
    assert "property disregard" not in said
    assert DONT_KNOW not in said


# 7. Response times: what the pledge says (commitment 1's reasonable time), not commitment 3.
@pytest.mark.parametrize("text", [
    "This is ridiculous, nobody ever replies. What does the pledge say about response times?",
    "What does the pledge say about response times?",
    "which pledge covers response times",
    "does the pledge say how quickly the council should reply to us?",
])
def test_response_times_are_commitment_1(northshire_router: Router, text: str) -> None:
    said = _said(northshire_router, text)
    assert "Commitment 1:" in said, said
    assert "no response time" in said
    assert "Commitment 3:" not in said
    assert DONT_KNOW not in said


# 9. The hub's /help ends with what to do with alerts, not "tell me straight away".
def test_the_hubs_help_ends_with_what_to_do_with_alerts(northshire_router: Router) -> None:
    said = _said(northshire_router, "/help", sender=HUB)
    assert "tell me straight away" not in said, said
    assert said.endswith(
        "Safeguarding alerts come to you marked URGENT, at any hour: act on each as above, "
        "within the hour. If someone is in immediate danger, call 999 first.\n"
        "Please never type the name of a person you support: use their placement reference."
    ), said


def test_a_providers_help_still_says_to_tell_of_harm(northshire_router: Router) -> None:
    said = _said(northshire_router, "/help")
    assert "If you are worried that someone is being harmed, tell me straight away." in said


# 10. Joking threats at the council's teams: the venting line, never a concern.
VENT = "That sounds really frustrating, and I'm sorry"


@pytest.mark.parametrize("text", [
    "gonna kill the commissioning team if they move the goalposts again haha",
    "im going to kill the finance team lol",
    "I could murder the procurement team lol",
    "going to strangle the brokerage team if they lose our invoice again haha",
])
def test_a_joking_threat_at_a_team_is_venting(northshire_router: Router,
                                              factory: sessionmaker[Session], text: str) -> None:
    said = _said(northshire_router, text)
    assert said.startswith(VENT), said
    assert SAFETY_ASKED not in said
    assert count_rows(factory, Case) == 0
    assert count_rows(factory, Question) == 0


@pytest.mark.parametrize("text", [
    "im going to kill the resident in room 4 lol",
    "a carer said she would kill RC-101 haha",
])
def test_a_threat_at_a_person_is_never_venting(northshire_router: Router, text: str) -> None:
    said = _said(northshire_router, text)
    assert not said.startswith(VENT), said


# 11. Anger at a machine (session 45's brief: no longer raised, but "I don't know the answer to
# that" and a knowledge gap): the kind venting line, nothing kept, nothing raised.
HARD_DAY = "That sounds like a hard day, and I'm sorry."
STAFF_HARD = "That sounds hard, and I'm sorry."


@pytest.mark.parametrize("text", [
    "i want to strangle the printer",
    "i'll throttle the photocopier",
    "i could strangle this laptop",
    "i want to punch the fax machine",
    "gonna kill this printer lol",
])
def test_anger_at_a_machine_is_venting(northshire_router: Router,
                                       factory: sessionmaker[Session], text: str) -> None:
    said = _said(northshire_router, text)
    assert said.startswith(HARD_DAY), said
    assert DONT_KNOW not in said
    assert count_rows(factory, Case) == 0
    assert count_rows(factory, Question) == 0  # not a knowledge gap


def test_council_staff_angry_at_the_printer_get_their_own_line(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    said = _said(northshire_router, "i want to strangle the printer", PRIYA)
    assert said.startswith(STAFF_HARD), said
    assert count_rows(factory, Question) == 0


@pytest.mark.parametrize("text", [
    "i'll throttle the photocopier if the resident in room 4 touches it again",
    "i want to strangle the printer, mrs b fell again",
])
def test_anyone_beside_the_machine_is_not_venting(northshire_router: Router, text: str) -> None:
    said = _said(northshire_router, text)
    assert not said.startswith(HARD_DAY), said
