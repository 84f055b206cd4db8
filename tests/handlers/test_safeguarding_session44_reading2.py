"""Session 44's second reading brief, as dialogs through the router: medicines given to sedate
or quieten someone ("daughter is giving her mum too much of her sleeping tablets to keep her
quiet") are raised; the press harassing the staff, "my inbox is abusing me", a joking threat
with a laugh at one's own manager and a council officer's hard words to the provider's staff get
an ordinary reply, no concern; a staffing shortage told with its effect on care ("not enough
staff to give the meds on time", "calls are being cut short") is raised; real disclosures beside
the same words are raised as before. (The tables of the reading alone are
``tests/knowledge/test_safeguarding_session44_reading2.py``.)"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, OutboxMessage
from tests.factories import make_incoming
from tests.handlers.conftest import SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAFETY = "Is this about someone's safety?"
RAISED = "This sounds like a safeguarding concern."


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _replies(router: Router, text: str) -> list[Reply]:
    return router.handle(make_incoming(text, sender=SAM))


def _cases(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case)))


def _alerts(factory: sessionmaker[Session]) -> list[OutboxMessage]:
    with factory() as session:
        return list(session.scalars(select(OutboxMessage)))


def _assert_raised(router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    assert replies[0].text.startswith(RAISED), replies[0].text
    assert len(_cases(factory)) == 1
    assert len(_alerts(factory)) == 1


def _assert_not_raised(router: Router, factory: sessionmaker[Session], words: str) -> str:
    replies = _replies(router, words)
    shown = "\n".join(reply.text for reply in replies)
    assert replies, words
    assert RAISED not in shown, shown
    assert _cases(factory) == []
    assert _alerts(factory) == []
    return shown


# Safety review A29 (only asked "Is this about someone's safety?"), then our own rewordings.
CHEMICAL_RESTRAINT = [
    "daughter is giving her mum too much of her sleeping tablets to keep her quiet",
    "the son doubles her tablets to keep her quiet",
    "they give him extra sedatives so he sleeps through the night",
    "the night staff give mr d more of his diazepam than prescribed to keep him quiet",
    "the daughter puts extra sleeping pills in mum's tea to knock her out",
    "her partner gives her too many sleeping tablets",
    "her son keeps giving her extra tablets to keep her quiet",
    "staff are giving him too many of his lorazepam to keep him quiet at night",
    "they overdo her sleeping tablets to shut her up",
    "mrs k's son gives her too much of her medication so she sleeps all day",
]


@pytest.mark.parametrize("words", CHEMICAL_RESTRAINT)
def test_medicines_given_to_sedate_someone_are_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _assert_raised(router, factory, words)


ORDINARY_MEDICINES = [
    "the GP increased her sleeping tablets",
    "she takes her sleeping tablets at 10pm",
    "the doctor doubled his sleeping tablets last week",
]


@pytest.mark.parametrize("words", ORDINARY_MEDICINES)
def test_an_ordinary_dose_or_a_prescribers_change_raises_nothing(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _assert_not_raised(router, factory, words)


# The brief's false alarms (each raised URGENT, the hub alerted), then our own rewordings.
FALSE_ALARMS = [
    "our staff are being harassed by the local paper about the closure",
    "my inbox is abusing me today",
    "I want to kill my manager lol",
    "we were abused by a commissioner on the phone, shouting at my manager",
    # the press harassing the staff, told the other way round
    "the deputy keeps getting harassed by the local paper",
    "i was harassed by a reporter at the front door about the inspection",
    "the team were doorstepped by the bbc yesterday",
    "my staff have been pestered by reporters since the closure was announced",
    "our manager is being hounded by the papers about the fees",
    # a thing abusing or bullying the writer
    "the printer is abusing me this morning",
    "my phone has been abusing me all day",
    "the rota is bullying me today",
    "my emails are abusing me",
    "this spreadsheet is bullying me",
    "the new portal is abusing us all week",
    # a joking threat, with a laugh, at one's own manager or a colleague
    "i'm going to kill my boss lol",
    "i could strangle my deputy haha",
    "i want to punch my line manager lol",
    "i'll throttle my co-worker if she takes my stapler again lol",
    "gonna murder my colleague \U0001F602",
    "i could kill the manager lmao",
    # a council officer's hard words to the provider's staff
    "our staff were verbally abused by a commissioner on the phone, screaming at our deputy",
    "we were abused by the commissioner at the meeting, shouting at our manager",
    "my manager was abused by the brokerage team on the phone, yelling at us",
    "the commissioner was really abusive to our staff on the phone",
    "a commissioner shouted at my manager on the phone",
]


@pytest.mark.parametrize("words", FALSE_ALARMS)
def test_a_false_alarm_gets_an_ordinary_reply_and_no_concern(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    shown = _assert_not_raised(router, factory, words)
    assert SAFETY not in shown, shown


# Not raised, and since session 45's brief not asked either: where the press harassed the
# staff ("outside the home") is part of the figure, not left to the concern model (0.48).
def test_press_harassing_carers_outside_the_home_is_not_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    shown = _assert_not_raised(
        router, factory, "our carers are being harassed by journalists outside the home")
    assert SAFETY not in shown, shown


# The brief's, then our own: a real disclosure beside the same words.
STILL_RAISED = [
    "the carer abused mrs d on the phone",
    "a resident's son was shouting at her and pushed her",
    "my manager hit a resident lol",
    "I want to kill her lol she keeps ringing the bell",
    "the press say a carer abused a resident",
    "I want to kill my manager",
    "i'm going to kill the resident in room 4 lol",
    "i could strangle mrs b haha she never stops",
    "the papers are harassing mrs b's family",
    "our resident is being harassed by the local paper",
    "the inbox is abusing me and the night carer is abusing mrs k",
    "a commissioner shouted at my manager and hit a resident",
    "we were abused by a commissioner on the phone, shouting at mrs b",
    "my colleague punched a resident lol",
    "i want to kill my manager lol, she hit mrs k",
]


@pytest.mark.parametrize("words", STILL_RAISED)
def test_a_real_disclosure_beside_the_same_words_is_still_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _assert_raised(router, factory, words)


# Left by this session's staffing change: a shortage told with its effect on care.
STAFFING_WITH_AN_EFFECT_ON_CARE = [
    "there are not enough staff to give the meds on time",
    "short staffed because of the new contract, calls are being cut short",
    "there is not enough staff to do the morning calls",
    "there are not enough staff on tonight to do the double-ups",
    "we're short staffed so calls are being cut short",
    "short staffed due to the tender, visits are being cut short",
    # the brief's left to judgement: the hours are people's care calls (as "not enough staff to
    # cover the contract hours", raised already), so raised
    "we're short staffed and can't cover the contract hours",
    "we can't cover the contract hours because we're short staffed",
]


@pytest.mark.parametrize("words", STAFFING_WITH_AN_EFFECT_ON_CARE)
def test_a_shortage_with_an_effect_on_care_is_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _assert_raised(router, factory, words)


def test_a_phone_call_cut_short_is_no_concern(
        router: Router, factory: sessionmaker[Session]) -> None:
    _assert_not_raised(router, factory, "our phone calls keep getting cut short, the line is bad")
