"""Session 44's third review: staff how-tos that were still "I don't know" (reopening a case,
a note only staff see, asking the provider, "how do i ack one", acknowledging a concern,
closing a placement) and asking to see closed cases, as dialogs through the router. Each is
answered with the real command in a line or two, and the commands named work."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import Case, CaseEvent, Question
from handlers.talk.staff import staff_question
from tests.factories import count_rows
from tests.handlers.cases.test_staff_session44 import (
    PRIYA_SHAH,
    TOM,
    raise_conflict,
    router,  # noqa: F401  (the fixture)
    say,
)
from tests.handlers.conftest import HUB, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.mark.parametrize(("text", "kind"), [
    ("how do I reopen a case", "reopen"),
    ("can I reopen a closed case?", "reopen"),
    ("how do I add a note only staff can see?", "note"),
    ("how do i add an internal note to a case", "note"),
    ("how do I ask the provider for more info on a case", "ask"),
    ("how can I request more information from the provider", "ask"),
    ("how do i ack one", "acknowledge_how"),
    ("how do i acknowledge a concern", "acknowledge_how"),
    ("how do I close a placement", "placement"),
    ("how do i end a placement", "placement"),
    ("show me closed cases", "closed"),
    ("show me the resolved cases", "closed"),
    ("where are resolved cases kept?", "list"),
    # unchanged
    ("how do I close a case?", "close"),
    ("where do I see closed cases", "list"),
    ("how do I see my cases", None),
    ("how do I hand back a package", None),
    ("what is the ack deadline", "acknowledge"),
])
def test_which_how_to_is_asked(text: str, kind: str | None) -> None:
    assert staff_question(text) == kind


ANSWERS = [
    (PRIYA_SHAH, "how do I reopen a case", "/case REF reopen"),
    (PRIYA_SHAH, "how do I add a note only staff can see?", "/case REF note TEXT"),
    (PRIYA_SHAH, "how do I ask the provider for more info on a case", "/case REF ask"),
    (PRIYA_SHAH, "how do i ack one", "/case REF acknowledge"),
    (HUB, "how do i acknowledge a concern", "/case REF acknowledge"),
    (TOM, "how do I close a placement", "/placement end REF [DATE]"),
    (TOM, "where are resolved cases kept?", "/cases closed"),
]


@pytest.mark.parametrize(("sender", "text", "command"), ANSWERS)
def test_staff_are_told_the_command(router: Router, factory: sessionmaker[Session],  # noqa: F811
                                    sender: str, text: str, command: str) -> None:
    reply = say(router, sender, text)
    assert command in reply.text, reply.text
    assert "I don't know" not in reply.text
    assert len(reply.text.splitlines()) <= 2
    assert count_rows(factory, Question) == 0  # no knowledge gap noted


def test_the_hub_is_told_a_concern_is_acknowledged_within_the_hour(
        router: Router) -> None:  # noqa: F811
    reply = say(router, HUB, "how do i acknowledge a concern")
    assert "within 60 minutes" in reply.text, reply.text


def test_show_me_closed_cases_shows_the_closed_list(router: Router) -> None:  # noqa: F811
    reference = raise_conflict(router)
    say(router, PRIYA_SHAH, f"/case {reference} resolve invoice paid in full")
    shown = say(router, PRIYA_SHAH, "show me closed cases")
    assert shown.text == say(router, PRIYA_SHAH, "/cases closed").text
    assert reference in shown.text


def test_the_note_and_ask_commands_named_work(router: Router,  # noqa: F811
                                              factory: sessionmaker[Session]) -> None:
    reference = raise_conflict(router)
    say(router, PRIYA_SHAH, f"/case {reference} note called them")
    say(router, PRIYA_SHAH, f"/case {reference} ask which invoice is it?")
    with factory() as session:
        actions = list(session.scalars(select(CaseEvent.action).join(
            Case, Case.id == CaseEvent.case_id).where(Case.reference == reference)))
    assert actions == ["opened", "note", "information_requested"]


def test_a_provider_asking_how_to_reopen_is_told_their_command(
        router: Router) -> None:  # noqa: F811
    reply = say(router, SAM, "how do I reopen a case")
    assert "/case REF reopen" in reply.text, reply.text
    assert "I don't know" not in reply.text


def test_a_provider_asking_about_staff_notes_is_not_told_the_staff_command(
        router: Router) -> None:  # noqa: F811
    reply = say(router, SAM, "how do I add a note only staff can see?")
    assert "/case REF note" not in reply.text
