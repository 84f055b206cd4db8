"""Session 43's safeguarding brief, as dialogs through the router: a figure of grief, criticism
in the press and money owed to an estate get no safety question; "stuck" by a person is raised
as "struck"; "if a resident told me ..., what do I do" gets the guidance; the council not
answering gets no safety question wherever it is typed."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, OutboxMessage
from handlers import safeguarding
from tests.factories import make_incoming
from tests.handlers.conftest import SAFEGUARDING_CONTACT, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAFETY = "Is this about someone's safety?"
RAISED = "This sounds like a safeguarding concern."


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _replies(router: Router, text: str) -> list[Reply]:
    return router.handle(make_incoming(text, sender=SAM))


def _cases(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case)))


def _alerts(factory: sessionmaker[Session]) -> list[OutboxMessage]:
    with factory() as session:
        return list(session.scalars(select(OutboxMessage)))


def test_grief_criticism_and_an_estates_money_get_no_safety_question(
        router: Router, factory: sessionmaker[Session]) -> None:
    for words in ("she was hit with the news that her son had died",
                  "he was hit hard by his wife's death",
                  "the resident's son hit us hard in the press",
                  "a resident's son slammed us in the press",
                  "her daughter slammed the home on facebook",
                  "the home owes the resident's estate £420 after she died",
                  "the council ignores our emails",
                  "the council never answers the phone"):
        replies = _replies(router, words)
        shown = "\n".join(reply.text for reply in replies)
        assert SAFETY not in shown, words
        assert RAISED not in shown, words
        assert not any(button.label == "Raise a concern now"
                       for reply in replies for button in reply.buttons), words
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_blows_beside_the_figures_are_still_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    for raised, words in enumerate(("she was hit with a belt",
                                    "he was hit with a shoe by his son",
                                    "the resident's son hit her",
                                    "RC-101 was stuck by a visitor",
                                    "a resident was stuck by a carer"), start=1):
        replies = _replies(router, words)
        assert replies[0].text.startswith(RAISED), words
        cases = _cases(factory)
        assert len(cases) == raised, words
        assert cases[-1].summary == "Safeguarding concern (physical abuse)", words


def test_stuck_in_the_lift_or_by_the_door_is_not_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    for words in ("the resident was stuck in the lift", "the resident was stuck by the door"):
        replies = _replies(router, words)
        assert not replies[0].text.startswith(RAISED), words
    assert _cases(factory) == []


def test_if_a_resident_told_me_of_harm_gets_the_guidance_and_no_case(
        router: Router, factory: sessionmaker[Session]) -> None:
    [reply] = _replies(router, "if a resident told me a carer hit her, what do I do")
    assert reply.text.startswith("Raising a safeguarding concern\n"
                                 "- If anyone is in immediate danger, call 999 now.")
    assert f"report the concern straight away to {SAFEGUARDING_CONTACT}" in reply.text
    assert [b.label for b in reply.buttons] == ["Raise a concern now"]
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_a_resident_who_told_me_of_harm_is_still_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    replies = _replies(router, "a resident told me a carer hit her, what do I do")
    assert replies[0].text.startswith(RAISED)
    assert len(_cases(factory)) == 1
    assert len(_alerts(factory)) == 1


def test_the_council_not_answering_beside_harm_is_still_raised_or_asked(
        router: Router, factory: sessionmaker[Session]) -> None:
    replies = _replies(router, "the council ignores our emails about RC-101's bruises")
    shown = "\n".join(reply.text for reply in replies)
    assert len(_cases(factory)) == 1 or SAFETY in shown, shown


# The safety question's own answers are read with the chat's one apostrophe folding
# (``handlers.talk.matching.apostrophes_dropped``): a curly apostrophe, as phones type it, reads
# as a straight one.
@pytest.mark.parametrize(("typed", "answer"), [
    ("it's fine", "no"), ("it\u2019s fine", "no"), ("no it's not", "no"),
    ("no it\u2019s not", "no"), ("yes it's", "yes"), ("yes it\u2019s", "yes"),
    ("I'm not sure", "yes"), ("I\u2019m not sure", "yes"), ("that's right", "yes"),
    ("that\u2019s right", "yes"), ("maybe", "yes"), ("all fine", "no"), ("ok", "neither"),
    ("the invoice is late", None)])
def test_the_safety_questions_answers_fold_apostrophes(typed: str, answer: str | None) -> None:
    assert safeguarding.yes_or_no(typed) == answer


@pytest.mark.parametrize(("words", "only"), [
    ("that's clear", True), ("that\u2019s clear", True), ("thats all for now", True),
    ("I know who to call", True), ("she's been hit again", False), ("", True)])
def test_words_after_a_yes_that_only_acknowledge(words: str, only: bool) -> None:
    assert safeguarding._only_acknowledges(words) is only


@pytest.mark.parametrize("words", ["they never answer the phone",
                                   "they don't answer our emails at all"])
def test_the_councils_conduct_at_any_question_of_a_form_asks_no_safety_question(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # At "Send it anonymously?" only before (session 42's console run); the feedback's own
    # words are about the council too.
    _replies(router, "/feedback")
    _replies(router, "1")
    _replies(router, "skip")
    assert "Please tell us about it in your own words." in _replies(router, "4")[0].text
    replies = _replies(router, words)
    shown = "\n".join(reply.text for reply in replies)
    assert SAFETY not in shown, shown
    assert _cases(factory) == []


def test_they_never_answer_the_phone_typed_freely_is_still_asked(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Typed on its own, "they" may be someone at home not answering: asked, as before.
    replies = _replies(router, "they never answer the phone")
    assert SAFETY in "\n".join(reply.text for reply in replies)
