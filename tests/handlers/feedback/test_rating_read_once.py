"""A rating typed at /feedback's rating question is read once by the form, however it goes
on (taken, in doubt, no rating): session 41's read-again found it parsed up to three times a
message."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot import forms
from bot.dispatch import Router
from tests.factories import make_incoming
from tests.handlers.conftest import SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

RATING = "How well are we working together on this?"


@pytest.mark.parametrize(("words", "said"), [
    ("it's a 4", "Please tell us about it in your own words."),
    ("I'd say 2 - no, 3", "which rating do you mean?"),
    ("1 the council never replies", "I've kept"),
    ("3 or 4", "Please choose one of: 1, 2, 3, 4, 5"),
])
def test_a_rating_is_read_once_by_the_form(
        northshire_router: Router, factory: sessionmaker[Session],
        monkeypatch: pytest.MonkeyPatch, words: str, said: str) -> None:
    for typed in ("/feedback", "1", "skip"):
        reply = northshire_router.handle(make_incoming(typed, sender=SAM))[-1]
    assert RATING in reply.text
    reads: list[str] = []
    read = forms._read_rating

    def counted(choices: tuple[str, ...], text: str) -> tuple[str, str] | bool:
        reads.append(text)
        return read(choices, text)

    monkeypatch.setattr(forms, "_read_rating", counted)
    replies = northshire_router.handle(make_incoming(words, sender=SAM))
    assert said in replies[-1].text, replies[-1].text
    # Once by the safeguarding check (which reads whether the words are only a choice),
    # once by the form.
    assert reads == [words, words], reads
