"""Work told in plain words: a review held, and "done" on its own, get the command that records
them, and nothing is recorded (session 30's trial), as dialogs through the router."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import Deadline, Question
from handlers.talk.updates import bare_done, review_done_told
from tests.factories import count_rows, make_incoming
from tests.handlers.conftest import PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def one(router: Router, text: str, sender: str = SAM) -> str:
    [reply] = router.handle(make_incoming(text, sender=sender))
    return reply.text


@pytest.mark.parametrize(("text", "references"), [
    ("review for RC-201 done today, care package to stay the same", ("rc-201",)),
    ("RC-201 review held yesterday, all fine", ("rc-201",)),
    ("the 6 month review with rc-201 went well", ("rc-201",)),
    ("we had the review for RC-201 this morning", ("rc-201",)),
])
def test_a_review_told_as_held(text: str, references: tuple[str, ...]) -> None:
    assert review_done_told(text) == references


@pytest.mark.parametrize("text", [
    "when is the RC-201 review due?", "RC-201 review is overdue",
    "the review for RC-201 was not done", "RC-201 review has been postponed to next week",
    "review for RC-201 will be done tomorrow", "the review was done today",  # no reference
    "has the review for RC-201 been done", "/review done RC-201",
    # Session 30's review: a question after the news is the knowledge base's.
    "review for RC-101 done today, what paperwork should we send the council",
    "I reviewed RC-101 and also what is pledge 24",
])
def test_other_words_about_a_review(text: str) -> None:
    assert review_done_told(text) is None


@pytest.mark.parametrize("text", ["done", "Done.", "all done", "it's done", "finished thanks"])
def test_done_on_its_own(text: str) -> None:
    assert bare_done(text) is True


@pytest.mark.parametrize("text", ["done the review for RC-201", "are we done?", "not done"])
def test_done_with_more(text: str) -> None:
    assert bare_done(text) is None


def _open_reviews(factory: sessionmaker[Session]) -> list[tuple[str, str]]:
    with factory() as session:
        return [(rule, str(status)) for rule, status in session.execute(
            select(Deadline.rule, Deadline.status).order_by(Deadline.id))]


def test_a_review_told_gets_the_command_and_records_nothing(
        router: Router, factory: sessionmaker[Session]) -> None:
    one(router, f"/placement new RC-201 10/09/2026 {PRIYA}")
    before = _open_reviews(factory)
    assert one(router, "review for RC-201 done today, care package to stay the same") == (
        "Thank you. To record RC-201's review and start the next review's clock (pledge 24): "
        "/review done RC-201 DD/MM/YYYY OUTCOME, OUTCOME being increase, decrease or maintain "
        "(/review done RC-201 OUTCOME for one held today). Nothing is recorded until you do.")
    assert _open_reviews(factory) == before
    assert count_rows(factory, Question) == 0  # not a knowledge gap


def test_a_review_told_of_a_placement_not_theirs_goes_to_the_knowledge_base(
        router: Router, factory: sessionmaker[Session]) -> None:
    assert not one(router, "review for RC-999 done today").startswith("Thank you. To record")


def test_done_on_its_own_names_the_commands(router: Router,
                                            factory: sessionmaker[Session]) -> None:
    assert one(router, "done") == (
        "Done with what? Nothing is recorded from \"done\" alone:\n"
        "- a reminder: /done N, N being its number in /reminders\n"
        "- a placement review: /review done REF [DATE] [OUTCOME]\n"
        "- a form: answer its question, or /cancel to stop it")
    assert count_rows(factory, Question) == 0
