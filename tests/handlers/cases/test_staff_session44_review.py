"""What session 44's review found after the staff and talk changes, as dialogs through the
router: a question about seeing closed cases is the list's (it was told how to close one), a
commissioner asking how long they have to resolve a disagreement gets the service levels (it
was commitment 6, with confidence), and "undo that" with nothing to undo says so (it said "No
problem", as if done)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import Question
from handlers.talk.staff import staff_question
from tests.factories import count_rows
from tests.handlers.cases.test_staff_session44 import (
    PRIYA_SHAH,
    TOM,
    press,
    raise_conflict,
    router,  # noqa: F401  (the fixture)
    say,
)
from tests.handlers.conftest import SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.mark.parametrize(("text", "kind"), [
    ("where do I see closed cases", "list"),
    ("can I see resolved cases?", "list"),
    ("how do I find a closed case", "list"),
    ("how do I see cases I've closed", "list"),
    ("how can i view old cases", "list"),
    # still how to close one
    ("how do I close a case?", "close"),
    ("how do i resolve a case", "close"),
    ("can I close the resolved case?", "close"),
    # still the how-to route's "Use /cases"
    ("how do I see my cases", None),
])
def test_seeing_closed_cases_is_the_list(text: str, kind: str | None) -> None:
    assert staff_question(text) == kind


@pytest.mark.parametrize("text", ["where do I see closed cases", "can I see resolved cases?"])
def test_a_commissioner_asking_to_see_closed_cases_is_given_the_list_commands(
        router: Router, text: str) -> None:  # noqa: F811
    reply = say(router, TOM, text)
    assert "/cases closed" in reply.text
    assert "To close a case" not in reply.text


@pytest.mark.parametrize("text", [
    "how long do I have to resolve a conflict?",
    "sorry to bother, how long do I have to resolve a conflict?",
    "how long do we have to respond to feedback",
])
def test_a_commissioner_asking_their_own_time_to_resolve_gets_the_service_levels(
        router: Router, factory: sessionmaker[Session], text: str) -> None:  # noqa: F811
    reply = say(router, TOM, text)
    assert "resolve it within 20" in reply.text
    assert "Commitment 6" not in reply.text
    assert count_rows(factory, Question) == 0  # no knowledge gap


def test_undo_with_nothing_to_undo_says_so_to_staff(router: Router) -> None:  # noqa: F811
    reply = say(router, PRIYA_SHAH, "undo that")
    assert reply.text.startswith("There's nothing for me to undo just now")
    assert "No problem" not in reply.text


def test_undo_after_the_case_was_taken_back_says_nothing_is_left(
        router: Router) -> None:  # noqa: F811
    reference = raise_conflict(router)
    say(router, PRIYA_SHAH, f"/case {reference} reassign tom")
    asked = say(router, PRIYA_SHAH, "undo that")
    assert asked.text.startswith(f"Undo passing {reference} to Tom Okafor?")
    press(router, PRIYA_SHAH, asked, "Yes")
    again = say(router, PRIYA_SHAH, "undo that")
    assert again.text.startswith("There's nothing for me to undo just now")


def test_undo_with_nothing_to_undo_says_so_to_a_provider(router: Router) -> None:  # noqa: F811
    reply = say(router, SAM, "undo that")
    assert reply.text.startswith("There's nothing here for me to undo.")
    assert "/case REF withdraw" in reply.text


def test_oops_is_still_no_problem(router: Router) -> None:  # noqa: F811
    assert say(router, PRIYA_SHAH, "oops wrong one").text.startswith("No problem.")
