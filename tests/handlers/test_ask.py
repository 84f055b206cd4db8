"""Free text: a safeguarding concern is answered first and the safeguarding lead told at once."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

import handlers
from bot.config import Settings
from bot.dispatch import Router
from bot.models import AuditEvent, OutboxMessage, Question
from bot.templates import make_templates
from tests.factories import FIXED_NOW, make_commissioner, make_incoming, make_provider


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str) -> Router:
    settings = Settings(database_url=database_url,
                        safeguarding_contact="Northshire Adult Safeguarding on 0100 000 0000")
    router = Router(factory, settings, make_templates(), clock=lambda: FIXED_NOW)
    handlers.register(router)
    return router


def test_a_safeguarding_concern_gets_guidance_a_reference_and_an_urgent_alert(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory, "sam@riverside.example")
    lead = make_commissioner(factory, "hub@council.example", safeguarding_lead=True)
    make_commissioner(factory, "priya@council.example")
    [reply] = router.handle(make_incoming(
        "resident in room 4 has bruises and is scared of one carer",
        sender="sam@riverside.example"))
    assert reply.text == (
        "This sounds like a safeguarding concern. Please act on it now:\n"
        "- If anyone is in immediate danger, call 999.\n"
        "- To report a crime that is not an emergency, call 101.\n"
        "- Raise the concern with Northshire Adult Safeguarding on 0100 000 0000 today.\n"
        "Registered providers must also notify CQC. I have recorded that you raised a concern "
        "(reference SG-000001)."
    )
    with factory() as session:
        [alert] = session.scalars(select(OutboxMessage)).all()
        question = session.scalars(select(Question)).one()
        actions = session.scalars(select(AuditEvent.action)).all()
    assert (alert.person_id, alert.urgent, alert.kind) == (lead, True, "safeguarding.raised")
    assert alert.payload["text"].startswith(
        "URGENT safeguarding concern SG-000001 (physical abuse)")
    assert "resident in room 4 has bruises" in alert.payload["text"]
    assert question.safeguarding is True
    assert actions == ["safeguarding.raised"]


def test_ask_command_checks_safeguarding_too(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory)
    [reply] = router.handle(make_incoming("/ask a client's son has been taking her pension"))
    assert reply.text.startswith("This sounds like a safeguarding concern.")


def test_ask_without_a_question_explains_itself(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory)
    [reply] = router.handle(make_incoming("/ask"))
    assert reply.text == (
        "What would you like to ask? For example: /ask how long is the standstill period?")
    with factory() as session:
        assert session.scalars(select(Question)).all() == []


def test_an_unanswerable_question_is_kept_for_a_person(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory)
    [reply] = router.handle(make_incoming("/ask can we bid for two lots at once?"))
    assert reply.text.startswith("I don't know the answer to that yet, and I'd rather not guess.")
    with factory() as session:
        question = session.scalars(select(Question)).one()
        assert session.scalars(select(OutboxMessage)).all() == []
    assert (question.text, question.safeguarding) == ("can we bid for two lots at once?", False)
