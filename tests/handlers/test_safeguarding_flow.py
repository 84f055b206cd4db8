"""Safeguarding's case flow, as dialogs through the router: what a yes to the safety question
answers, which placement a concern is about, and when a disclosure opens a case of its own
(session 34's trial)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case
from tests.factories import make_incoming
from tests.handlers.conftest import SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _all(router: Router, text: str, sender: str = SAM) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender))


def _cases(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case).order_by(Case.id)))


STROKE = ("The resident in RC-0101 has had a stroke and now needs two carers for every "
          "transfer, what do I do?")


@pytest.mark.parametrize("between", [
    ("/reminders", "how long is the standstill period?"),
    ("how long is the standstill period?",),
    ("/reminders",),
])
def test_a_yes_after_other_replies_does_not_answer_the_safety_question(
        router: Router, factory: sessionmaker[Session], between: tuple[str, ...]) -> None:
    # Session 34's trial: the safety question, /reminders, an answer with its own buttons,
    # then "yes" opened the concern form and "Done" became an URGENT case.
    asked = _all(router, STROKE)
    assert asked[0].text.startswith("Is this about someone's safety?")
    for text in between:
        _all(router, text)
    [reply] = _all(router, "yes")
    assert reply.text.startswith("I wasn't waiting for a yes or no just now."), reply.text
    _all(router, "Done")
    assert _cases(factory) == []


def test_a_yes_straight_after_the_safety_question_still_opens_the_concern_form(
        router: Router, factory: sessionmaker[Session]) -> None:
    _all(router, STROKE)
    thanks, form = _all(router, "yes")
    assert thanks.text.startswith("Thank you for telling me.")
    assert "What has happened, and to whom?" in form.text
