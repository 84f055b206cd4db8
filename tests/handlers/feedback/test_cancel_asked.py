"""The answer to "Cancel this feedback form?" (asked after "never mind" mid-form), typed on
each channel, as dialogs through the router: its number ("1" for Cancel the form, "2" for
Keep going, as a channel without buttons lists them), a yes or a no, or the button's words
answer it while it waits, never the form's question (session 42's brief: on e-mail "1" was
the rating 1, and at the summary it sent the feedback)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, Channel, ChannelIdentity, FormSession, Person
from tests.cli import run_cli
from tests.factories import make_incoming
from tests.handlers.conftest import SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

RATING = "How well are we working together on this?"
CANCELLED = "Cancelled: nothing was sent."
CHANNELS = [Channel.CONSOLE, Channel.EMAIL, Channel.TELEGRAM, Channel.SLACK]


@pytest.fixture
def router(northshire_router: Router, factory: sessionmaker[Session]) -> Router:
    # Sam on every channel, so one dialog can be typed on each.
    with transaction(factory) as session:
        person = session.scalars(select(Person.id).where(Person.email == SAM)).one()
        for channel in CHANNELS[1:]:
            session.add(ChannelIdentity(person_id=person, channel=channel, address=SAM,
                                        verified=True))
    return northshire_router


def say(router: Router, text: str, channel: Channel = Channel.CONSOLE) -> list[Reply]:
    return router.handle(make_incoming(text, sender=SAM, channel=channel))


def one(router: Router, text: str, channel: Channel = Channel.CONSOLE) -> Reply:
    [reply] = say(router, text, channel)
    return reply


def _values(factory: sessionmaker[Session]) -> dict[str, object]:
    with factory() as session:
        return dict(session.scalars(select(FormSession.values)).one())


def _open_forms(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(FormSession)) or 0)


def _cases(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(Case)) or 0)


def _asked_to_cancel_at_the_rating(router: Router, channel: Channel) -> None:
    one(router, "/feedback", channel)
    one(router, "1", channel)
    assert RATING in one(router, "skip", channel).text
    asked = one(router, "never mind", channel)
    assert asked.text == "Cancel this feedback form?", asked.text


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("typed", ["1", "yes", "cancel", "Cancel the form", "yeah", "1."])
def test_the_first_choice_or_a_yes_cancels_the_form_on_every_channel(
        router: Router, factory: sessionmaker[Session], channel: Channel, typed: str) -> None:
    _asked_to_cancel_at_the_rating(router, channel)
    assert one(router, typed, channel).text == CANCELLED
    assert (_open_forms(factory), _cases(factory)) == (0, 0)


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("typed", ["2", "no", "keep going", "Keep going please", "nope"])
def test_the_second_choice_or_a_no_keeps_going_on_every_channel(
        router: Router, factory: sessionmaker[Session], channel: Channel, typed: str) -> None:
    _asked_to_cancel_at_the_rating(router, channel)
    again = one(router, typed, channel)
    assert RATING in again.text, again.text
    assert "Cancel this" not in again.text
    assert "_stop_asked" not in _values(factory)
    assert "rating" not in _values(factory)  # "2" was no rating
    # The question's own answer now.
    assert "Please tell us about it in your own words." in one(router, "2", channel).text
    assert _values(factory)["rating"] == "2"


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_first_choice_at_the_summary_cancels_and_never_sends(
        router: Router, factory: sessionmaker[Session], channel: Channel) -> None:
    _asked_to_cancel_at_the_rating(router, channel)
    one(router, "2", channel)  # Keep going
    one(router, "4", channel)
    one(router, "The portal logs us out every morning", channel)
    summary = one(router, "no", channel)
    assert summary.text.startswith("Before I send your feedback"), summary.text
    assert one(router, "never mind", channel).text == "Cancel this feedback form?"
    # "1" was the summary's Send, and the feedback went (found reading the brief).
    assert one(router, "1", channel).text == CANCELLED
    assert (_open_forms(factory), _cases(factory)) == (0, 0)


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_second_choice_at_the_summary_shows_it_again(
        router: Router, factory: sessionmaker[Session], channel: Channel) -> None:
    _asked_to_cancel_at_the_rating(router, channel)
    one(router, "2", channel)
    one(router, "4", channel)
    one(router, "The portal logs us out every morning", channel)
    one(router, "no", channel)
    one(router, "forget it", channel)
    again = one(router, "2", channel)  # was the summary's Change
    assert again.text.startswith("Before I send your feedback"), again.text
    assert one(router, "send", channel).text.startswith("Thank you"), "sent"


def test_other_words_while_cancel_is_asked_still_answer_the_question(
        router: Router, factory: sessionmaker[Session]) -> None:
    _asked_to_cancel_at_the_rating(router, Channel.EMAIL)
    reply = one(router, "4", Channel.EMAIL)
    assert "Please tell us about it in your own words." in reply.text, reply.text
    assert _values(factory)["rating"] == "4"


def _blocks(output: bytes) -> list[str]:
    text = output.decode("utf-8")
    assert text.endswith("\n---\n")
    return text[: -len("\n---\n")].split("\n---\n")


def test_the_console_numbers_both_answers_and_1_cancels(tmp_path: Path) -> None:
    # It showed "[1] Keep going   [Cancel the form]", so "1" there and "1" on e-mail meant
    # opposite things, and "2" was "2 isn't one of the choices".
    # Session 43's brief: "4" or "0" there too only restates the two choices, and the
    # question still waits (checked: already so; the console never passes them on).
    lines = [b"/feedback", b"1", b"skip", b"never mind", b"3", b"4", b"0", b"1"]
    result = run_cli("run", "--demo", cwd=tmp_path, stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    blocks = _blocks(result.stdout)
    assert blocks[3] == "Cancel this feedback form?\n[1] Cancel the form   [2] Keep going"
    assert blocks[4:7] == [f"{number} isn't one of the choices: pick 1 or 2."
                           for number in (3, 4, 0)]
    assert blocks[7] == CANCELLED


def test_the_console_keeps_going_on_2(tmp_path: Path) -> None:
    lines = [b"/feedback", b"1", b"skip", b"never mind", b"2", b"4"]
    result = run_cli("run", "--demo", cwd=tmp_path, stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    blocks = _blocks(result.stdout)
    assert RATING in blocks[4], blocks[4]
    assert "Please tell us about it in your own words." in blocks[5], blocks[5]
