"""The safety question asked about words that tell something and ask nothing, as dialogs through
the router (session 42's trial): when the knowledge base has no answer, the question is the
whole reply (no "I don't know ... I've noted your question", no knowledge gap); when it
answers, its answer still comes after the question."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, OutboxMessage, Question
from handlers.ask.questions import knowledge_gaps
from tests.factories import make_incoming
from tests.handlers.conftest import SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _say(router: Router, text: str = "", **kwargs: object) -> list[Reply]:
    return router.handle(make_incoming(text, sender=SAM, **kwargs))  # type: ignore[arg-type]


def _press(router: Router, reply: Reply, label: str) -> list[Reply]:
    [button] = [b for b in reply.buttons if b.label == label]
    return _say(router, action=button.action, action_value=button.value)


ASKED = "Is this about someone's safety?"
TOLD = [
    "im worried about one of our service users",
    # (The trial's other example, "the lady on tuesday round wasnt answering and her curtains
    # have been shut for 3 days", is raised as neglect since the same session's second
    # safeguarding change: tests/handlers/test_safeguarding_session42_second.py.)
    "im worried about mr k on the tuesday round",
]


@pytest.mark.parametrize("words", TOLD)
def test_the_safety_question_alone_when_the_knowledge_base_has_no_answer(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 42's trial: the question, then "I don't know the answer to that ... I've noted
    # your question" [Ask a commissioner] [Tell me when someone answers], and a knowledge gap.
    [reply] = _say(router, words)
    assert reply.text.startswith(ASKED), reply.text
    assert [b.label for b in reply.buttons] == ["Raise a concern now"]
    assert knowledge_gaps(factory) == []


@pytest.mark.parametrize("words", TOLD)
def test_a_yes_then_carries_the_words_asked_about_to_the_concern(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _say(router, words)
    thanks, form = _say(router, "yes")
    assert thanks.text.startswith("Thank you for telling me.")
    assert "What has happened, and to whom?" in form.text
    done = _say(router, "RC-101 has not eaten and nobody has checked on her")[0]
    assert done.text.startswith("This sounds like a safeguarding concern."), done.text
    with factory() as session:
        [case] = session.scalars(select(Case))
        [alert] = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised"))
    assert words in case.description
    assert words in alert.payload["text"]


def test_a_no_then_is_thanked_and_nothing_is_kept_as_a_gap(
        router: Router, factory: sessionmaker[Session]) -> None:
    _say(router, TOLD[0])
    [reply] = _say(router, "no")
    assert reply.text.startswith("Thank you: nothing has been raised.")
    assert knowledge_gaps(factory) == []
    with factory() as session:
        assert session.scalars(select(Case)).all() == []


def test_the_knowledge_bases_answer_still_follows_the_question_when_it_has_one(
        router: Router, factory: sessionmaker[Session]) -> None:
    # A worry the knowledge base offers entries for: as before, the question, then its reply.
    asked, answered = _say(router, "im a bit worried about RC-101")
    assert asked.text.startswith(ASKED)
    assert "Raising a safeguarding concern" in [b.label for b in answered.buttons]


def test_a_question_asked_beside_the_worry_is_still_said_to_be_unknown(
        router: Router, factory: sessionmaker[Session]) -> None:
    # A question the knowledge base cannot answer is not dropped unanswered: as before.
    replies = _say(router, "im worried about one of our service users, who should we phone "
                           "about the new rota software?")
    assert replies[0].text.startswith(ASKED)
    assert len(replies) == 2, replies
    with factory() as session:
        assert session.scalars(select(Question.mode)).all() != []


def test_the_question_alone_says_the_name_was_kept_as_initials(
        router: Router, factory: sessionmaker[Session]) -> None:
    [reply] = _say(router, "im worried about Mrs Patricia Holmes on the tuesday round")
    assert reply.text.startswith(ASKED)
    assert reply.text.endswith("I've kept the name as initials. Please use the placement "
                               "reference (such as RC-104), never the name of a person you "
                               "support.")
    with factory() as session:
        assert session.scalars(select(Question.text)).all() == [
            "im worried about Mrs P. H. on the tuesday round"]
    assert knowledge_gaps(factory) == []


@pytest.mark.parametrize("words", [
    # Session 42's calibration run through the router: a question put at the end of a sentence
    # without its mark, or advice asked for with no question word, lost its "I don't know" and
    # its "Ask a commissioner" to the safety question alone.
    "my dad's in a care home and went into hospital, they're still charging him full fees is "
    "that allowed",
    "best mattress for someone at high risk of pressure sores",
])
def test_words_that_ask_without_a_question_mark_keep_the_knowledge_bases_reply(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    check, *answer = _say(router, words)
    assert check.text.startswith(ASKED), check.text
    assert answer, "the knowledge base's reply was dropped"
    assert any(b.label == "Ask a commissioner" for reply in answer for b in reply.buttons) or any(
        "I think you mean" in reply.text for reply in answer), [r.text for r in answer]
