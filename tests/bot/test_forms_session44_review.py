"""Session 44's talk review, the /conflict and /feedback forms: a reference the person does not
have, and questions typed where the form expects an answer. Dialogs through the router (d-ids:
the review's dialogs)."""

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

REFERENCE_QUESTION = "Which placement or invoice is it about?"
HAPPENED = "What has happened?"
OUTCOME = "What outcome would you like?"
CONFLICT_SUMMARY = "Before I send your disagreement, please check it:"
FEEDBACK_SUMMARY = "Before I send your feedback, please check it:"
RATING = "How well are we working together on this?"
ANONYMOUS = "Send it anonymously?"
NOT_FOUND = "I can't find a placement, invoice, contract or tender"
PAID_PART = "The council paid 40% of the invoice with no reason"


def _say(router: Router, text: str) -> str:
    return "\n".join(reply.text for reply in router.handle(make_incoming(text, sender=SAM)))


def _values(factory: sessionmaker[Session]) -> dict[str, object]:
    with factory() as session:
        return {name: value for name, value in session.scalars(
            select(FormSession.values)).one().items() if not name.startswith("_")}


def _to(router: Router, *typed: str) -> None:
    for words in typed:
        _say(router, words)


def _the_case(factory: sessionmaker[Session]) -> Case:
    with factory() as session:
        [case] = session.scalars(select(Case)).all()
        session.expunge(case)
        return case


# 1. d126, d133, d134, d136: a reference the person does not have, refused; then every later
# line was refused as a reference too, and only "skip" got out.
def test_a_sentence_after_a_refused_reference_is_what_happened(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    _to(northshire_router, "/conflict", "Payment")
    said = _say(northshire_router, "INV-2231")
    assert said.startswith(NOT_FOUND), said
    assert "skip" in said
    assert REFERENCE_QUESTION in said
    said = _say(northshire_router, PAID_PART)
    assert NOT_FOUND not in said, said
    assert "I've left the reference out" in said
    assert OUTCOME in said
    assert REFERENCE_QUESTION not in said
    said = _say(northshire_router, "Pay the rest")
    assert CONFLICT_SUMMARY in said, said
    said = _say(northshire_router, "yes")
    assert count_rows(factory, Case) == 1, said
    case = _the_case(factory)
    assert PAID_PART in case.description
    assert "INV-2231" in case.description  # the reference they gave stays in the case
    assert case.outcome_wanted == "Pay the rest"


@pytest.mark.parametrize(("reference", "happened", "outcome"), [
    ("TEN-4", "They scored our bid wrongly", "A re-score"),
    ("CON-9", "The contract terms were changed without notice", "fair terms"),
    ("INV-1", "Unpaid for 50 days", "Paid within the week"),
])
def test_no_line_after_a_refused_reference_is_read_as_one(
        northshire_router: Router, factory: sessionmaker[Session], reference: str,
        happened: str, outcome: str) -> None:
    _to(northshire_router, "/conflict", "Procurement process", reference)
    said = _say(northshire_router, happened)
    assert NOT_FOUND not in said, said
    assert OUTCOME in said
    said = _say(northshire_router, outcome)
    assert CONFLICT_SUMMARY in said, said
    _say(northshire_router, "yes")
    case = _the_case(factory)
    assert happened in case.description
    assert reference in case.description
    assert case.outcome_wanted == outcome


def test_a_sentence_typed_first_at_the_reference_question_goes_on_too(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    _to(northshire_router, "/conflict", "Payment")
    said = _say(northshire_router, PAID_PART)
    assert NOT_FOUND not in said, said
    assert OUTCOME in said
    values = _values(factory)
    assert values["reference"] is None
    assert values["description"] == PAID_PART


def test_a_reference_like_word_is_still_refused_and_skip_still_goes_on(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    _to(northshire_router, "/conflict", "Payment", "INV-2231")
    said = _say(northshire_router, "INV-2232")
    assert said.startswith(NOT_FOUND), said
    assert REFERENCE_QUESTION in said
    assert HAPPENED in _say(northshire_router, "skip")
    assert _values(factory)["reference"] is None


@pytest.mark.parametrize("typed", ["HV-HOMECARE Westbury", "INV 2231", "RC-101 please"])
def test_words_that_may_be_a_reference_are_refused_as_before(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _to(northshire_router, "/conflict", "Contract")
    said = _say(northshire_router, typed)
    assert said.startswith(NOT_FOUND), said
    assert REFERENCE_QUESTION in said
    assert "I've left the reference out" not in said
    assert "reference" not in _values(factory)


def test_who_sees_this_at_the_summary_is_answered_then_sent(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    _to(northshire_router, "/conflict", "Payment", "INV-1", "Unpaid for 50 days",
        "Paid within the week")
    said = _say(northshire_router, "who sees this?")
    assert said.startswith("Send passes your disagreement to the council"), said
    assert CONFLICT_SUMMARY in said
    assert count_rows(factory, Case) == 0
    _say(northshire_router, "yes")
    assert count_rows(factory, Case) == 1


# 2. d186, d237: "what happens next?" at "What outcome would you like?" was the outcome sent.
@pytest.mark.parametrize("typed", ["what happens next?", "what happens now?", "who sees this?"])
def test_what_happens_next_at_the_outcome_question_is_answered_not_kept(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _to(northshire_router, "/conflict", "Payment", "skip", "Invoice 4471 unpaid after 45 days")
    said = _say(northshire_router, typed)
    assert "nothing is sent until you press Send" in said, said
    assert OUTCOME in said
    assert CONFLICT_SUMMARY not in said
    assert "outcome" not in _values(factory)
    assert count_rows(factory, Question) == 0
    said = _say(northshire_router, "Payment within 30 days")
    assert CONFLICT_SUMMARY in said
    assert _values(factory)["outcome"] == "Payment within 30 days"


def test_what_happens_next_at_what_has_happened_is_answered_not_kept(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    _to(northshire_router, "/conflict", "Payment", "skip")
    said = _say(northshire_router, "what happens next?")
    assert "nothing is sent until you press Send" in said, said
    assert HAPPENED in said
    assert "description" not in _values(factory)


# 3. d127, d130: questions at the reference question got the knowledge base's guesses.
@pytest.mark.parametrize("typed", ["what happens next?", "who sees this?"])
def test_what_happens_next_at_the_reference_question_is_answered_in_the_forms_terms(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _to(northshire_router, "/conflict", "Care package and funding")
    said = _say(northshire_router, typed)
    assert "nothing is sent until you press Send" in said, said
    assert REFERENCE_QUESTION in said
    assert "After award" not in said
    assert "I think you mean" not in said
    assert "reference" not in _values(factory)
    assert count_rows(factory, Question) == 0


@pytest.mark.parametrize("typed", ["how long do they have to reply?",
                                   "what if I don't have one?",
                                   # (the second review: told only to ask it later)
                                   "where do I find the invoice number?"])
def test_another_question_at_the_reference_question_is_told_how_to_answer(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _to(northshire_router, "/conflict", "Payment")
    said = _say(northshire_router, typed)
    assert "I think you mean" not in said, said
    assert NOT_FOUND not in said
    assert "skip" in said
    assert REFERENCE_QUESTION in said
    assert "the invoice number on your invoice" in said  # where to find one
    assert "reference" not in _values(factory)


def test_a_question_after_a_refused_reference_is_not_read_as_one(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    _to(northshire_router, "/conflict", "Care package and funding", "PL-104")
    said = _say(northshire_router, "what happens next?")
    assert NOT_FOUND not in said, said
    assert "After award" not in said
    assert "nothing is sent until you press Send" in said
    assert REFERENCE_QUESTION in said


# 4. d119: "I don't know" at the pledge question was kept as the feedback, with a safety
# question; "not sure" and "no idea" (d217, d218) leave the question out.
@pytest.mark.parametrize("typed", ["I don't know", "I don\u2019t know", "don't know",
                                   "not sure", "no idea"])
def test_i_dont_know_at_the_pledge_question_leaves_it_out(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _to(northshire_router, "/feedback", "Contract")
    said = _say(northshire_router, typed)
    assert said.startswith("Feedback \u2014 question 3 of 5"), said
    assert RATING in said
    assert "safety" not in said
    values = _values(factory)
    assert values["pledge"] is None
    assert "text" not in values


# 5. d116: "what does anonymous mean exactly?" got "I don't know the answer to that".
@pytest.mark.parametrize("typed", ["what does anonymous mean exactly?",
                                   "what does anonymously mean", "what is anonymous?"])
def test_what_anonymous_means_at_the_summary_is_explained(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _to(northshire_router, "/feedback", "Procurement process", "21, 22", "3",
        "PQQ examples would help", "Yes, anonymously")
    said = _say(northshire_router, typed)
    assert "neither your name nor your organisation" in said, said
    assert FEEDBACK_SUMMARY in said
    assert "I don't know" not in said
    assert count_rows(factory, Question) == 0
    assert count_rows(factory, Case) == 0


@pytest.mark.parametrize("typed", ["what does anonymous mean exactly?",
                                   "what does anonymously mean?"])
def test_what_anonymous_means_at_send_it_anonymously_is_explained(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _to(northshire_router, "/feedback", "Procurement process", "skip", "3",
        "PQQ examples would help")
    said = _say(northshire_router, typed)
    assert "neither your name nor your organisation" in said, said
    assert ANONYMOUS in said
    assert "I don't know" not in said
    assert "anonymous" not in _values(factory)
    assert count_rows(factory, Question) == 0
