"""/feedback dialogs from session 42's console trial, through the router: what a busy care
manager types where the form expects something else."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import FormSession
from tests.factories import make_incoming
from tests.handlers.conftest import SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

STORY = "Please tell us about it in your own words."
PORTAL = "the new portal keeps logging us out every morning"
ANONYMOUS = "Send it anonymously?"


def say(router: Router, text: str) -> list[Reply]:
    return router.handle(make_incoming(text, sender=SAM))


def one(router: Router, text: str) -> Reply:
    [reply] = say(router, text)
    return reply


def _values(factory: sessionmaker[Session]) -> dict[str, object]:
    with factory() as session:
        return dict(session.scalars(select(FormSession.values)).one())


def _at_anonymous(router: Router) -> None:
    for typed in ("/feedback", "1", "skip", "4"):
        one(router, typed)
    assert ANONYMOUS in one(router, PORTAL).text


@pytest.mark.parametrize("words", ["the council also pays our invoices late every month",
                                   "they pay late every month and never answer emails"])
def test_more_of_the_account_typed_at_the_anonymity_question_is_said_not_kept(
        northshire_router: Router, factory: sessionmaker[Session], words: str) -> None:
    # The trial: these got the knowledge base's answer on late payment, or only "Please
    # choose one of: ...", and the person thought they were part of their feedback.
    _at_anonymous(northshire_router)
    reply = one(northshire_router, words)
    assert reply.text.startswith(
        f"I haven't kept \u201c{words}\u201d. To add it to your answer to \u201c{STORY}\u201d, "
        "answer this question, then choose Change before you send it."), reply.text
    assert ANONYMOUS in reply.text
    assert _values(factory)["text"] == PORTAL  # never added under no name unasked


def test_a_question_at_the_anonymity_question_is_still_answered_aside(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    _at_anonymous(northshire_router)
    replies = say(northshire_router, "how long does the council have to pay an invoice?")
    assert "30 days" in replies[0].text, replies[0].text
    assert replies[-1].text.startswith("You still have a form open (Feedback)"), replies[-1].text


@pytest.mark.parametrize("typed", ["change", "Send"])
def test_the_summarys_buttons_typed_mid_form_say_when_they_come(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    # The trial: "change" at the rating (to change the first answer) got "That button isn't
    # on offer now. There is no form waiting to be sent", with the form open.
    for words in ("/feedback", "1", "skip"):
        one(northshire_router, words)
    reply = one(northshire_router, typed)
    assert reply.text.startswith(
        "Your answers are shown with Send and Change after the last question, and nothing is "
        "sent before that.\n\nFeedback — question 3 of 5\n"
        "How well are we working together on this?"), reply.text
    assert "no form waiting" not in reply.text
    assert [button.label for button in reply.buttons] == ["1", "2", "3", "4", "5", "Cancel"]
    assert "rating" not in _values(factory)


@pytest.mark.parametrize(("typed", "choice"), [("placement reviews", "Placement review"),
                                               ("Payments", "Payment"),
                                               ("contracts.", "Contract")])
def test_a_choice_typed_in_the_plural_is_taken(
        northshire_router: Router, factory: sessionmaker[Session], typed: str,
        choice: str) -> None:
    # The trial: "placement reviews" at "Which part of working with the council is it
    # about?" was "Please choose one of: Payment, Placement review, ...".
    one(northshire_router, "/feedback")
    reply = one(northshire_router, typed)
    assert "Which pledge commitment does it touch?" in reply.text, reply.text
    assert _values(factory)["part"] == choice


def _open_values(factory: sessionmaker[Session]) -> dict[str, object]:
    with factory() as session:
        return {name: value for name, value in session.scalars(select(FormSession.values)).one(
        ).items() if not name.startswith("_")}


@pytest.mark.parametrize(("start", "label", "typed"), [
    (("/conflict", "3", "skip", "the council cut the package without a review"),
     "What outcome would you like?", "what can I ask for?"),
    (("/conflict", "3", "skip", "the council cut the package without a review"),
     "What outcome would you like?", "What do you mean?"),
    (("/feedback", "1", "skip", "4"), STORY, "what should I put here?"),
])
def test_a_question_about_the_question_is_not_kept_as_its_answer(
        northshire_router: Router, factory: sessionmaker[Session], start: tuple[str, ...],
        label: str, typed: str) -> None:
    # The trial: "what can I ask for?" at "What outcome would you like?" was sent to the
    # council as the outcome wanted.
    for words in start:
        one(northshire_router, words)
    before = _open_values(factory)
    reply = one(northshire_router, typed)
    assert reply.text.startswith(
        f"I haven't kept \u201c{typed}\u201d: it reads as a question about this one, not "
        "your answer. Please type your answer in your own words."), reply.text
    assert label in reply.text
    assert _open_values(factory) == before


def test_a_question_that_answers_what_happened_is_still_kept(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    for words in ("/conflict", "3", "skip"):
        one(northshire_router, words)
    reply = one(northshire_router, "why hasn't the council paid for the extra hours?")
    assert "What outcome would you like?" in reply.text, reply.text


RATING = "How well are we working together on this?"
SCALE = "On this scale 1 is poor and 5 is very good; 2 to 4 are in between."
SUMMARY = "Before I send your feedback, please check it:"
HOW_TO_CANCEL = "To cancel this form, type /cancel (or just \u201ccancel\u201d): nothing is sent."


@pytest.mark.parametrize("typed", ["what is 1 and what is 5?", "what does 3 mean",
                                   "is 5 good or bad?"])
def test_a_question_about_the_rating_scale_is_answered_from_the_form_and_asked_again(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    # The brief: "what is 1" got the knowledge base's entry on one-to-one support, "what is
    # 5?" its "I don't know".
    for words in ("/feedback", "1", "skip"):
        one(northshire_router, words)
    reply = one(northshire_router, typed)
    assert reply.text.startswith(f"{SCALE}\n\nFeedback \u2014 question 3 of 5\n{RATING}"), (
        reply.text)
    assert [button.label for button in reply.buttons] == ["1", "2", "3", "4", "5", "Cancel"]
    assert "rating" not in _open_values(factory)
    assert STORY in one(northshire_router, "4").text
    assert _values(factory)["rating"] == "4"


def _at_summary(router: Router) -> None:
    for typed in ("/feedback", "1", "skip", "4", PORTAL):
        one(router, typed)
    assert one(router, "no").text.startswith(SUMMARY)


@pytest.mark.parametrize("typed", ["how do I cancel?", "how do i stop this"])
def test_how_to_cancel_asked_at_the_summary_is_told_and_the_summary_shown_again(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    _at_summary(northshire_router)
    reply = one(northshire_router, typed)
    assert reply.text.startswith(f"{HOW_TO_CANCEL}\n\n{SUMMARY}"), reply.text
    assert [button.label for button in reply.buttons] == ["Send", "Change", "Cancel"]
    assert _open_values(factory)["text"] == PORTAL  # still open, nothing sent
    assert one(northshire_router, "cancel").text == "Cancelled: nothing was sent."


def test_how_to_cancel_asked_at_a_question_is_told_and_the_question_asked_again(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    for words in ("/feedback", "1", "skip"):
        one(northshire_router, words)
    reply = one(northshire_router, "how can I cancel this?")
    assert reply.text.startswith(f"{HOW_TO_CANCEL}\n\nFeedback \u2014 question 3 of 5\n"
                                 f"{RATING}"), reply.text
    assert "rating" not in _open_values(factory)


@pytest.mark.parametrize("typed", ["fine", "ok"])
def test_a_word_that_says_little_as_the_whole_feedback_is_asked_about_once(
        northshire_router: Router, factory: sessionmaker[Session], typed: str) -> None:
    # The brief: "fine" at "Please tell us about it in your own words." was kept, silently, as
    # the whole of the feedback.
    for words in ("/feedback", "1", "skip", "4"):
        one(northshire_router, words)
    reply = one(northshire_router, typed)
    assert reply.text.startswith(
        f"Could you say a bit more? A sentence or two is enough.\n\n"
        f"Feedback \u2014 question 4 of 5\n{STORY}"), reply.text
    assert "text" not in _open_values(factory)
    # Said again: that is their feedback, kept.
    assert ANONYMOUS in one(northshire_router, typed).text
    assert _values(factory)["text"] == typed


def test_more_words_after_being_asked_are_the_feedback(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    for words in ("/feedback", "1", "skip", "4"):
        one(northshire_router, words)
    one(northshire_router, "fine")
    assert ANONYMOUS in one(northshire_router, PORTAL).text
    assert _open_values(factory)["text"] == PORTAL
