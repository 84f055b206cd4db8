"""A council officer asking how to chase or escalate a case, as dialogs through the router
(session 42's trial: Tom's "how do i escalate a safeguarding case that the hub hasnt
acknowledged" got the providers' "Raising a safeguarding concern" and its Raise button): how a
case climbs the council's ladder, /case REF, who is next; harm a commissioner tells is still
raised."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case
from tests.factories import make_incoming
from tests.handlers.conftest import HUB, PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _say(router: Router, text: str, sender: str) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender))


def _cases(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case)))


ESCALATING = [
    "how do i escalate a safeguarding case that the hub hasnt acknowledged",
    "How do I escalate a safeguarding concern nobody has acknowledged?",
    "what happens if nobody acknowledges a safeguarding case",
    "who do i escalate an unacknowledged safeguarding alert to",
    "how do I chase a safeguarding case the hub has not acknowledged",
    "how do i escalate a safeguarding referral",
    "the hub hasnt acknowledged a safeguarding case, how do i escalate it?",
    "how can I chase up a safeguarding case thats not been acknowledged",
]


@pytest.mark.parametrize("words", ESCALATING)
@pytest.mark.parametrize("sender", [PRIYA, HUB])
def test_a_council_officer_asking_how_to_escalate_is_told_how_cases_escalate(
        router: Router, factory: sessionmaker[Session], words: str, sender: str) -> None:
    [reply] = _say(router, words, sender)
    assert reply.text.startswith("How a case escalates"), reply.text
    assert "within 60 minutes" in reply.text
    assert "escalation ladder" in reply.text
    assert "/case REF" in reply.text
    assert "Raise a concern now" not in [b.label for b in reply.buttons]
    assert "Raising a safeguarding concern" not in reply.text
    assert _cases(factory) == []


@pytest.mark.parametrize("words", [
    "how do I escalate this, a carer hit RC-104 this morning",
    "how do i escalate a safeguarding case, the night carer slapped RC-104",
])
def test_a_commissioner_telling_of_harm_is_still_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    reply = _say(router, words, PRIYA)[0]
    assert reply.text.startswith("This sounds like a safeguarding concern."), reply.text
    assert len(_cases(factory)) == 1


def test_a_provider_asking_the_same_still_gets_the_guidance_and_its_button(
        router: Router, factory: sessionmaker[Session]) -> None:
    [reply] = _say(router, ESCALATING[0], SAM)
    assert reply.text.startswith("Raising a safeguarding concern"), reply.text
    assert [b.label for b in reply.buttons] == ["Raise a concern now"]


def test_a_council_officer_asking_how_to_raise_a_concern_still_gets_the_guidance(
        router: Router, factory: sessionmaker[Session]) -> None:
    [reply] = _say(router, "how do I raise a safeguarding alert?", PRIYA)
    assert reply.text.startswith("Raising a safeguarding concern"), reply.text
