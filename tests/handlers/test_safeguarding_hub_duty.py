"""The hub and council staff asking what to do when a provider raises a safeguarding concern get
their own duty, not the providers' guidance and its "Raise a concern now" button (session 43's
trial: the hub's "what should i do when a provider raises a safeguarding concern here")."""

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

DUTY = [
    "what should i do when a provider raises a safeguarding concern here",
    "how quickly do we have to respond to a safeguarding alert from a provider",
    "what do i do when we get a safeguarding alert from a provider?",
    "how fast must the hub respond to a safeguarding concern",
]


def _say(router: Router, text: str, sender: str) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender))


@pytest.mark.parametrize("sender", [HUB, PRIYA])
def test_council_staff_asking_their_duty_get_it_without_the_raise_button(
        northshire_router: Router, factory: sessionmaker[Session], sender: str) -> None:
    for words in DUTY:
        [reply] = _say(northshire_router, words, sender)
        assert reply.text.startswith("When a provider raises a safeguarding concern"), (
            words, reply.text)
        assert "within 60 minutes" in reply.text
        assert "/case REF acknowledge" in reply.text
        assert "today" in reply.text
        assert "Raise a concern now" not in [b.label for b in reply.buttons]
    with factory() as session:
        assert list(session.scalars(select(Case))) == []


def test_a_provider_asking_still_gets_the_guidance_and_its_button(
        northshire_router: Router) -> None:
    [reply] = _say(northshire_router, DUTY[0], SAM)
    assert reply.text.startswith("Raising a safeguarding concern"), reply.text
    assert [b.label for b in reply.buttons] == ["Raise a concern now"]


def test_council_staff_asking_how_to_raise_one_themselves_still_get_the_guidance(
        northshire_router: Router) -> None:
    [reply] = _say(northshire_router, "how do I raise a safeguarding alert?", HUB)
    assert reply.text.startswith("Raising a safeguarding concern"), reply.text
