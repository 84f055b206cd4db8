"""Session 44's third reading brief, as dialogs through the router: medicines given only to calm
someone, extra to calm them, or misused by someone else after a prescriber told of the
prescription, are raised (each was only asked "Is this about someone's safety?"); a
prescriber's own decision, an ordinary dose or a PRN given as the care plan says raise nothing.
"sometimes i think everyone would be better off without me" gets the crisis reply; the same of
someone cared for is not the writer's crisis. (The tables of the reading alone are
``tests/knowledge/test_safeguarding_session44_third.py``.)"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import AuditEvent, Case, OutboxMessage
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


def _crisis_events(factory: sessionmaker[Session]) -> list[AuditEvent]:
    with factory() as session:
        return list(session.scalars(select(AuditEvent).where(
            AuditEvent.action == "safeguarding.own_crisis")))


# The brief's (only asked about), then two of our own.
CHEMICAL_RESTRAINT = [
    "staff are giving prn haloperidol every evening just to calm her down, not for any symptom",
    "carers have been told to give extra risperidone whenever he gets agitated to calm him down",
    "the GP prescribed her lorazepam for anxiety but the carers give her double at night to keep"
    " her quiet",
    "the doctor prescribed oramorph for pain, the son gives it to her to knock her out",
    "the manager tells us to give extra quetiapine when she shouts, just to settle her",
    "the GP prescribed morphine for his pain and his wife gives it to him to knock him out",
]


@pytest.mark.parametrize("words", CHEMICAL_RESTRAINT)
def test_medicines_given_to_calm_or_knock_someone_out_are_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    assert replies[0].text.startswith(RAISED), replies[0].text
    assert SAFETY not in replies[0].text
    assert len(_cases(factory)) == 1
    assert len(_alerts(factory)) == 1


ORDINARY_MEDICINES = [
    "the GP increased her sleeping tablets",
    "the doctor doubled his sleeping tablets",
    "the pharmacy gave us double the tablets",
    "the psychiatrist prescribed risperidone to calm his agitation",
    "we give her paracetamol at night",
    "prn lorazepam as per her care plan when she is distressed",
]


@pytest.mark.parametrize("words", ORDINARY_MEDICINES)
def test_a_prescribers_decision_or_an_ordinary_dose_raises_nothing(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    shown = "\n".join(reply.text for reply in replies)
    assert replies, words
    assert RAISED not in shown, shown
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_everyone_better_off_without_the_writer_gets_the_crisis_reply(
        router: Router, factory: sessionmaker[Session]) -> None:
    [reply] = _replies(router, "sometimes i think everyone would be better off without me")
    assert "116 123" in reply.text, reply.text  # Samaritans
    assert "999" in reply.text
    assert RAISED not in reply.text
    assert [button.label for button in reply.buttons] == ["Tell the safeguarding team"]
    assert _cases(factory) == []
    assert _alerts(factory) == []
    assert len(_crisis_events(factory)) == 1


def test_someone_cared_for_better_off_without_them_is_not_the_writers_crisis(
        router: Router, factory: sessionmaker[Session]) -> None:
    replies = _replies(router, "mrs b thinks everyone would be better off without her")
    shown = "\n".join(reply.text for reply in replies)
    assert "116 123" not in shown, shown
    assert SAFETY in shown or RAISED in shown, shown
    assert _crisis_events(factory) == []
