"""Session 44's brief, the form engine through the /feedback form: what a busy care manager
types where the form expects something else. Dialogs through the router."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import Case, FormSession, Question
from tests.factories import count_rows, make_incoming
from tests.handlers.conftest import SAM, northshire, northshire_router

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

__all__ = ["northshire", "northshire_router"]  # the shared fixtures, used by name

PLEDGE_QUESTION = "Which pledge commitment does it touch?"
STORY = "Please tell us about it in your own words."
ANONYMOUS = "Send it anonymously?"
SUMMARY = "Before I send your feedback, please check it:"
PORTAL = "the new portal keeps logging us out every morning"


def _say(router: Router, text: str) -> str:
    return "\n".join(reply.text for reply in router.handle(make_incoming(text, sender=SAM)))


def _values(factory: sessionmaker[Session]) -> dict[str, object]:
    with factory() as session:
        return {name: value for name, value in session.scalars(
            select(FormSession.values)).one().items() if not name.startswith("_")}


def _to(router: Router, *typed: str) -> None:
    for words in typed:
        _say(router, words)


# "what does 3 mean" at the commitment question: commitment 3's title, and how to answer.
@pytest.mark.parametrize(("typed", "number", "title"), [
    ("what does 3 mean", 3, "Provider independence and commercial confidentiality"),
    ("what does 3 stand for?", 3, "Provider independence and commercial confidentiality"),
    ("what is 12", 12, "Reasonable contract duration"),
    ("which one is 20?", 20, "Proportionate insurance requirements"),
])
def test_a_number_asked_about_at_the_commitment_question_is_explained(
        northshire_router: Router, factory: sessionmaker[Session], typed: str, number: int,
        title: str) -> None:
    _to(northshire_router, "/feedback", "1")
    said = _say(northshire_router, typed)
    assert said.startswith(f"Commitment {number} is \u201c{title}\u201d"), said
    assert f"If your feedback touches it, type {number}" in said
    assert PLEDGE_QUESTION in said
    assert "I don't know" not in said
    assert "pledge" not in _values(factory)
    assert count_rows(factory, Question) == 0


# Session 45's brief: "what's pledge 3?" there got the knowledge base's answer, with its
# buttons, and "You still have a form open": it asks which commitment 3 is, as above.
@pytest.mark.parametrize(("typed", "number", "title"), [
    ("what's pledge 3?", 3, "Provider independence and commercial confidentiality"),
    ("whats pledge 3", 3, "Provider independence and commercial confidentiality"),
    ("What is commitment 12?", 12, "Reasonable contract duration"),
    ("what does pledge 20 say?", 20, "Proportionate insurance requirements"),
    ("which one is pledge 3", 3, "Provider independence and commercial confidentiality"),
])
def test_a_pledge_asked_about_at_the_commitment_question_is_explained(
        northshire_router: Router, factory: sessionmaker[Session], typed: str, number: int,
        title: str) -> None:
    _to(northshire_router, "/feedback", "1")
    replies = northshire_router.handle(make_incoming(typed, sender=SAM))
    said = "\n".join(reply.text for reply in replies)
    assert said.startswith(f"Commitment {number} is \u201c{title}\u201d"), said
    assert f"If your feedback touches it, type {number}" in said
    assert PLEDGE_QUESTION in said
    assert "You still have a form open" not in said
    assert [button.label for button in replies[-1].buttons] == ["Skip", "Cancel"]
    assert "pledge" not in _values(factory)
    assert count_rows(factory, Question) == 0
    assert PLEDGE_QUESTION not in _say(northshire_router, str(number))  # then its answer
    assert _values(factory)["pledge"] == str(number)


def test_a_number_alone_at_the_commitment_question_is_still_its_answer(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    _to(northshire_router, "/feedback", "1")
    assert "How well are we working together on this?" in _say(northshire_router, "3")
    assert _values(factory)["pledge"] == "3"


# "what happens next?" at the summary: what Send does.
@pytest.mark.parametrize("typed", ["what happens next?", "what happens when I press send?",
                                   "what happens now", "what does send do?"])
def test_what_happens_next_at_the_summary_says_what_sending_does(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _to(northshire_router, "/feedback", "1", "skip", "4", PORTAL, "1")
    said = _say(northshire_router, typed)
    assert said.startswith("Send passes your feedback to the council now"), said
    assert SUMMARY in said
    assert count_rows(factory, Case) == 0
    assert count_rows(factory, Question) == 0


# "ok" at "Send it anonymously?": asked again, yes or no, never taken nor small talk.
@pytest.mark.parametrize("typed", ["ok", "okay", "ok thanks", "fine"])
def test_ok_at_send_it_anonymously_is_asked_again(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _to(northshire_router, "/feedback", "1", "skip", "4", PORTAL)
    said = _say(northshire_router, typed)
    assert said.startswith(f"I couldn't tell which you mean from \u201c{typed}\u201d."), said
    assert ANONYMOUS in said
    assert "Ask me anything else" not in said
    assert "anonymous" not in _values(factory)


# "Good" as the whole of the feedback's own words: a bit more asked for once, as "fine" is.
@pytest.mark.parametrize("typed", ["Good", "good thanks", "very good", "not bad"])
def test_good_as_the_whole_account_is_asked_about_once(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _to(northshire_router, "/feedback", "1", "skip", "4")
    said = _say(northshire_router, typed)
    assert said.startswith("Could you say a bit more?"), said
    assert "text" not in _values(factory)
    said = _say(northshire_router, typed)  # said again: it is their answer
    assert ANONYMOUS in said, said
    assert _values(factory)["text"] == typed


def test_brilliant_as_the_whole_account_is_still_taken(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    _to(northshire_router, "/feedback", "1", "skip", "4")
    assert ANONYMOUS in _say(northshire_router, "brilliant")
    assert _values(factory)["text"] == "brilliant"


# Session 45 (fm2): the commitment's number said with words around it is the answer (the
# review's #132: "commitment 29 please" got the knowledge base's answer on 29, and the rating
# typed next was taken as commitment 2).
@pytest.mark.parametrize("typed", ["commitment 29 please", "number 29", "29 please", "it's 29",
                                   "its commitment 29"])
def test_a_commitment_number_with_words_around_it_is_the_answer(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _to(northshire_router, "/feedback", "1")
    said = _say(northshire_router, typed)
    assert "How well are we working together on this?" in said, said
    assert "You still have a form open" not in said
    assert _values(factory)["pledge"] == "29"
