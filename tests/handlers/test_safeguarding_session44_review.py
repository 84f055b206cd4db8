"""What session 44's safety review found, as dialogs through the router: harm to someone else
typed in the Reply button's answer form, on a concern the hub asked about, is raised as a
concern of its own (it was added to the first concern, with no case, clock or category of its
own), while an answer about the same person is still added as the reply."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from tests.factories import Clock
from tests.handlers.conftest import HUB, SAM
from tests.handlers.test_safeguarding_session44_flow import (
    RAISED,
    _cases,
    _comments,
    _press,
    _raised,
    _say,
    _to,
)

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _answer_form_open(router: Router, factory: sessionmaker[Session], clock: Clock) -> str:
    """Sam's concern raised, the hub's yes or no question asked, the Reply button pressed: the
    concern's reference."""
    reference = _raised(router, clock)
    _say(router, f"/case {reference} acknowledge", sender=HUB)
    _say(router, f"/case {reference} ask has this carer hurt her before?", sender=HUB)
    clock.now += timedelta(minutes=5)
    [question] = [message for message in _to(factory, SAM)
                  if message.kind in ("case.information_requested", "case.comment")]
    [button] = question.payload["buttons"]
    _press(router, button["action"], button["value"])
    clock.now += timedelta(minutes=1)
    return reference


@pytest.mark.parametrize("words", [
    "yes, and he also hit mr k in room 2 on sunday",
    "no, but mrs j in room 5 says he slapped her yesterday",
    "not that we know. separately, mr b told us his son took his bank card",
    "another resident says the same carer pushed her",
    # a relative told of as harmed (the second review: added to the first concern)
    "not that we know. but her husband was also hit by him when he visited",
    "yes, and he hit her son too when he visited",
    "no but her grandson has bruises too and says the carer did it",
])
def test_harm_to_someone_else_in_the_answer_form_is_a_concern_of_its_own(
        router: Router, factory: sessionmaker[Session], clock: Clock, words: str) -> None:
    reference = _answer_form_open(router, factory, clock)
    replies = _say(router, words)
    shown = "\n".join(reply.text for reply in replies)
    assert RAISED in shown, shown
    found = _cases(factory)
    assert len(found) == 2, shown
    assert found[1].reference != reference
    assert words not in _comments(factory, reference)


@pytest.mark.parametrize("words", [
    "yes, he hit her last week as well",
    "she says he took her purse too",
    "her daughter told us he hit her again",
])
def test_more_about_the_same_person_in_the_answer_form_is_still_the_reply(
        router: Router, factory: sessionmaker[Session], clock: Clock, words: str) -> None:
    reference = _answer_form_open(router, factory, clock)
    replies = _say(router, words)
    assert replies[0].text.startswith(
        f"Added to the safeguarding concern {reference} as your reply"), replies[0].text
    assert len(_cases(factory)) == 1
    assert _comments(factory, reference)[-1] == words
