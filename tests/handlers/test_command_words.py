"""Words after a command that takes none, or none of those typed (session 34's brief): a clear
intent is done, anything else is said not understood, with the usage line."""

from __future__ import annotations

import pytest

from bot.dispatch import Router
from tests.factories import make_incoming
from tests.handlers.conftest import PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


def _say(router: Router, text: str, sender: str = SAM) -> str:
    return "\n".join(reply.text for reply in router.handle(make_incoming(text, sender=sender)))


@pytest.mark.parametrize(("typed", "bare"), [
    ("/reminders please", "/reminders"),
    ("/reminders show me", "/reminders"),
    ("/reminders thanks!", "/reminders"),
    ("/cases please", "/cases"),
    ("/cases closed please", "/cases closed"),
    ("/digest please", "/digest"),
    ("/tender please", "/tender"),
    ("/survey please", "/survey"),
    ("/invoice list please", "/invoice list"),
    ("/help me", "/help"),
])
def test_courtesy_words_after_a_command_change_nothing(
        northshire_router: Router, typed: str, bare: str) -> None:
    assert _say(northshire_router, typed) == _say(northshire_router, bare)


def test_council_staff_s_reminders_council_please(northshire_router: Router) -> None:
    assert _say(northshire_router, "/reminders council please", PRIYA) == _say(
        northshire_router, "/reminders council", PRIYA)


@pytest.mark.parametrize(("typed", "usage"), [
    ("/reminders banana", "Usage: /reminders for your own open deadlines"),
    ("/cases banana", "Use /cases, /cases closed or /cases all."),
    ("/digest weekly banana", "Usage: /digest to see this week's digest now"),
    ("/tender banana", "Usage: /tender to see the tenders open for bids"),
    ("/invoice hello", "Usage: /invoice received NUMBER DATE AMOUNT"),
])
def test_words_not_understood_are_named_before_the_usage(
        northshire_router: Router, typed: str, usage: str) -> None:
    command, _, words = typed.partition(" ")
    answer = _say(northshire_router, typed)
    assert answer.startswith(f'I didn\'t understand "{words}" after {command}. {usage}'), answer
