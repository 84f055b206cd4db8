""""who am i?" typed in plain words is told who the bot thinks the writer is, as /whoami tells
it (session 39's trial: "who am i?" was "I don't know" and a knowledge gap, and "who am i
logged in as" was answered with the electronic call monitoring entry)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import Question
from handlers.ask.questions import knowledge_gaps
from tests.factories import count_rows, make_incoming
from tests.handlers.conftest import PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


def one(router: Router, text: str, sender: str = SAM) -> str:
    [reply] = router.handle(make_incoming(text, sender=sender))
    return reply.text


@pytest.mark.parametrize("text", [
    "who am i", "who am i?", "Who am I logged in as?", "who do you think i am",
    "do you know who i am", "who am i signed in as", "which account am i using",
    "what account am i on", "who are you talking to", "whoami",
])
def test_who_am_i_in_words_says_who_the_bot_thinks_you_are(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    expected = one(northshire_router, "/whoami")
    assert expected.startswith("You are Sam")
    assert one(northshire_router, text) == expected
    assert one(northshire_router, text, sender=PRIYA).startswith("You are Priya")
    assert count_rows(factory, Question) == 0
    assert knowledge_gaps(factory) == []


@pytest.mark.parametrize("text", [
    "who am i supposed to send the invoice to", "who do i talk to about a late payment",
    "who am i meant to ask about the uplift",
])
def test_who_am_i_to_and_who_do_i_questions_are_not_read_as_who_am_i(
        northshire_router: Router, text: str) -> None:
    assert not one(northshire_router, text).startswith("You are Sam")
