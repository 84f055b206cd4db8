"""/feedback dialogs from a reviewer's console run (session 42), through the router: putting
the form off in words, a rating typed as the scale's words, a question about the question
without its "?", a choice in the plural, and words about the council's conduct at "Send it
anonymously?"."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, FormSession
from tests.factories import make_incoming
from tests.handlers.conftest import SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

PART = "Which part of working with the council is it about?"
RATING = "How well are we working together on this?"
STORY = "Please tell us about it in your own words."
ANONYMOUS = "Send it anonymously?"
ASKED = "Cancel this feedback form?"
CANCELLED = "Cancelled: nothing was sent."
PORTAL = "the new portal keeps logging us out every morning"
SAFETY = "Is this about someone's safety?"


def say(router: Router, text: str) -> list[Reply]:
    return router.handle(make_incoming(text, sender=SAM))


def one(router: Router, text: str) -> Reply:
    [reply] = say(router, text)
    return reply


def _values(factory: sessionmaker[Session]) -> dict[str, object]:
    with factory() as session:
        return dict(session.scalars(select(FormSession.values)).one())


def _counts(factory: sessionmaker[Session]) -> tuple[int, int]:
    with factory() as session:
        return (int(session.scalar(select(func.count()).select_from(FormSession)) or 0),
                int(session.scalar(select(func.count()).select_from(Case)) or 0))


def _at_rating(router: Router) -> None:
    one(router, "/feedback")
    one(router, "1")
    assert RATING in one(router, "skip").text


PUTTING_OFF = ["no thanks", "leave it", "scrap that", "don't bother", "not now",
               "I'll do it later", "i don't want to do this any more"]


@pytest.mark.parametrize("typed", PUTTING_OFF)
def test_putting_the_form_off_at_the_rating_asks_to_cancel_and_1_then_cancels(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    # The review: "Please choose one of: 1, 2, 3, 4, 5", and the "1" after it was the rating 1.
    _at_rating(northshire_router)
    assert one(northshire_router, typed).text == ASKED
    assert "rating" not in _values(factory)
    assert one(northshire_router, "1").text == CANCELLED
    assert _counts(factory) == (0, 0)


@pytest.mark.parametrize("typed", ["i don't want to do this any more", "not now", "leave it"])
def test_putting_the_form_off_at_the_own_words_asks_to_cancel(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _at_rating(northshire_router)
    assert STORY in one(northshire_router, "4").text
    assert one(northshire_router, typed).text == ASKED
    assert "text" not in _values(factory)  # never kept as the feedback


@pytest.mark.parametrize("words", ["the council should leave it to providers",
                                   "not now but soon we will need more placements"])
def test_the_same_words_inside_feedback_are_the_feedback(
        northshire_router: Router, factory: sessionmaker[Session], words: str) -> None:
    _at_rating(northshire_router)
    one(northshire_router, "4")
    assert ANONYMOUS in one(northshire_router, words).text
    assert _values(factory)["text"] == words


@pytest.mark.parametrize(("typed", "rating"), [
    ("poor", "1"), ("very good", "5"), ("Good", "4"), ("excellent", "5"),
    ("it's good", "4"), ("Very poor", "1")])
def test_a_rating_typed_as_the_scales_words_is_taken(
        northshire_router: Router, factory: sessionmaker[Session], typed: str,
        rating: str) -> None:
    # The hint says "1 is poor, 5 is very good.": "poor" got "Please choose one of: 1, 2, ...".
    _at_rating(northshire_router)
    assert STORY in one(northshire_router, typed).text
    assert _values(factory)["rating"] == rating


@pytest.mark.parametrize("typed", ["fair", "average"])
def test_a_middle_word_between_the_hints_words_is_asked_not_guessed(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    # "fair" was taken as a 2 (read between "poor" and "very good"); on the usual scale it is
    # the middle, a 3: which is meant is asked.
    _at_rating(northshire_router)
    reply = one(northshire_router, typed)
    assert "rating" not in _values(factory), reply.text
    assert "1, 2, 3, 4, 5" in reply.text, reply.text


def test_words_beside_a_scale_word_are_not_a_rating(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    _at_rating(northshire_router)
    reply = one(northshire_router, "good question")
    assert "rating" not in _values(factory), reply.text


def _at_outcome(router: Router) -> None:
    one(router, "/conflict")
    one(router, "1")
    one(router, "skip")
    assert "What outcome would you like?" in one(
        router, "three invoices for PL-2041 unpaid since october").text


@pytest.mark.parametrize("typed", ["what can I ask for", "what should i put here",
                                   "What do you mean"])
def test_a_question_about_the_question_without_its_mark_is_not_the_answer(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _at_outcome(northshire_router)
    reply = one(northshire_router, typed)
    assert "outcome" not in _values(factory), reply.text
    assert "What outcome would you like?" in reply.text
    assert not reply.text.startswith("Before I send")


def test_an_outcome_that_reads_like_one_is_still_the_answer(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    _at_outcome(northshire_router)
    words = "what we can ask for is payment within 30 days"
    reply = one(northshire_router, words)
    assert reply.text.startswith("Before I send"), reply.text


@pytest.mark.parametrize(("typed", "part"), [
    ("placements", "Placement review"), ("care packages", "Care package and funding"),
    ("procurement processes", "Procurement process"), ("Payments", "Payment"),
    ("placement reviews", "Placement review")])
def test_a_choice_in_the_plural_is_taken(
        northshire_router: Router, factory: sessionmaker[Session], typed: str,
        part: str) -> None:
    assert PART in one(northshire_router, "/feedback").text
    reply = one(northshire_router, typed)
    assert "Which pledge commitment" in reply.text, reply.text
    assert _values(factory)["part"] == part


def _at_anonymous(router: Router) -> None:
    _at_rating(router)
    one(router, "4")
    assert ANONYMOUS in one(router, PORTAL).text


@pytest.mark.parametrize("words", ["the council ignores our emails",
                                   "they never answer the phone"])
def test_the_councils_conduct_at_the_anonymity_question_asks_no_safety_question(
        northshire_router: Router, factory: sessionmaker[Session], words: str) -> None:
    _at_anonymous(northshire_router)
    replies = say(northshire_router, words)
    shown = "\n".join(reply.text for reply in replies)
    assert SAFETY not in shown, shown
    assert not any(button.label == "Raise a concern now"
                   for reply in replies for button in reply.buttons), shown
    assert ANONYMOUS in replies[-1].text
    assert _counts(factory) == (1, 0)


def test_harm_beside_the_councils_conduct_is_still_raised_or_asked(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    _at_anonymous(northshire_router)
    replies = say(northshire_router, "the council ignores our emails about RC-101's bruises")
    shown = "\n".join(reply.text for reply in replies)
    raised = _counts(factory)[1] == 1
    assert raised or SAFETY in shown, shown
