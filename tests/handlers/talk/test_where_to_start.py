""""hi im new, what do i need to look at": what is the person's now (cases routed or escalated
to them, deadlines) and the commands that show it, for either side; nothing kept as a
knowledge gap (session 36's trial: "I don't know")."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.dispatch import Router
from bot.models import Case, CaseKind, CaseStatus, Person, Question
from handlers.cases.service import record
from handlers.talk.start import where_to_start
from tests.factories import FIXED_NOW, make_incoming
from tests.handlers.conftest import HUB, PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


def said(router: Router, text: str, sender: str) -> str:
    return "\n".join(reply.text for reply in router.handle(make_incoming(text, sender=sender)))


def _case(factory: sessionmaker[Session], northshire: dict[str, int], *, owner: str,
          reference: str, escalated_to: str | None = None) -> None:
    with transaction(factory) as session:
        council = session.get_one(Person, northshire[PRIYA]).organisation_id
        provider = session.get_one(Person, northshire[SAM]).organisation_id
        case = Case(reference=reference, kind=CaseKind.CONFLICT, category="payment",
                    status=CaseStatus.ACKNOWLEDGED, council_id=council,
                    provider_id=provider, raised_by_id=northshire[SAM],
                    assignee_id=northshire[owner], summary="A case", description="A case",
                    opened_at=FIXED_NOW - timedelta(days=3),
                    acknowledge_due_at=FIXED_NOW, resolve_due_at=FIXED_NOW + timedelta(days=9))
        session.add(case)
        session.flush()
        if escalated_to is not None:
            case.level = 1
            record(session, case, "escalated", actor_id=None, now=FIXED_NOW, level=1,
                   to=northshire[escalated_to], reason="not resolved")


def test_a_new_commissioner_is_pointed_at_what_is_theirs(
        northshire_router: Router, factory: sessionmaker[Session],
        northshire: dict[str, int]) -> None:
    _case(factory, northshire, owner=PRIYA, reference="PB-2026-000001")
    _case(factory, northshire, owner=HUB, reference="PB-2026-000002", escalated_to=PRIYA)
    assert said(northshire_router, "hi im new, what do i need to look at", PRIYA) == (
        "Here is what is yours now:\n"
        "- Cases: 1 open routed to you, 1 escalated to you: /cases lists yours, /case REF "
        "shows one.\n"
        "- Deadlines: none open for you: /reminders lists them when there are.\n"
        "/digest shows your week; /help shows everything I can do.")
    with factory() as session:
        assert session.scalars(select(Question)).all() == []


def test_a_provider_is_pointed_at_their_organisations_cases(
        northshire_router: Router, factory: sessionmaker[Session],
        northshire: dict[str, int]) -> None:
    _case(factory, northshire, owner=PRIYA, reference="PB-2026-000001")
    assert said(northshire_router, "where do I start?", SAM) == (
        "Here is what is yours now:\n"
        "- Cases: 1 open for your organisation: /cases lists them, /case REF shows one.\n"
        "- Deadlines: none open for you: /reminders lists them when there are.\n"
        "/help shows everything I can do.")


@pytest.mark.parametrize("text", [
    "hi im new, what do i need to look at",
    "what should I look at first?",
    "what's waiting for me",
    "where do i start",
    "Hello, I'm new here. What should I focus on today?",
    "what needs my attention",
    "I'm new",
])
def test_where_to_start_is_read(text: str) -> None:
    assert where_to_start(text) is True


@pytest.mark.parametrize("text", [
    "what do i need to look at in a care plan review",
    "what should I check before paying an invoice?",
    "where do i start with a tender bid",
    "what is waiting for the provider",
    "what should i do if a carer hits a resident",
    "the new manager started today",
])
def test_other_questions_are_not_read_as_where_to_start(text: str) -> None:
    assert where_to_start(text) is None
