"""A council comment says who reads it; an internal note (/case REF note TEXT) is for council
staff only, never sent to the provider (session 36's trial: "spoke to priya, she is off sick"
was sent to the provider as a comment, unsaid)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import CaseEvent, OutboxMessage
from tests.handlers.cases import test_chat
from tests.handlers.cases.test_chat import DANA, OTTO, PRIYA, SAM, TOM, raise_conflict, say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

# The cases dialogs' council (Priya owns conflicts, Tom her deputy) and router.
ids = test_chat.ids
router = test_chat.router


def _sent(factory: sessionmaker[Session]) -> list[tuple[int | None, str]]:
    with factory() as session:
        return [(row.person_id, row.kind) for row in session.scalars(
            select(OutboxMessage).order_by(OutboxMessage.id))]


def test_a_council_comment_says_the_provider_is_told(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    assert say(router, PRIYA, f"/case {reference} comment Thanks, checking").text == (
        f"Comment added to {reference}; Riverside (the provider) is told. For a note only "
        f"council staff read: /case {reference} note TEXT")
    # The provider's own comment: as before.
    assert say(router, SAM, f"/case {reference} comment Re-sent on 3 Nov").text == (
        f"Comment added to {reference}.")


def test_a_note_is_kept_for_council_staff_and_sent_to_nobody(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    before = _sent(factory)
    assert say(router, TOM, f"/case {reference} note spoke to priya, she is off sick").text == (
        f"Note added to {reference}: council staff read it in /case {reference}; the provider "
        "is not told and never sees it.")
    assert _sent(factory) == before
    with factory() as session:
        assert session.scalars(select(CaseEvent.text).where(CaseEvent.action == "note")).all() \
            == ["spoke to priya, she is off sick"]
    assert "she is off sick" in say(router, PRIYA, f"/case {reference}").text
    assert "she is off sick" in say(router, DANA, f"/case {reference}").text
    shown = say(router, SAM, f"/case {reference}").text
    assert "off sick" not in shown
    assert "note" not in shown.lower()


@pytest.mark.parametrize(("sender", "reply"), [
    (SAM, "Only council staff can add a note to a case; your comments go to the council: "
          "/case {reference} comment TEXT."),
    (OTTO, "I can't find a case '{reference}' that you can see. /cases lists yours."),
])
def test_a_note_is_refused_to_anyone_but_the_case_councils_staff(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], sender: str,
        reply: str) -> None:
    reference = raise_conflict(router)
    assert say(router, sender, f"/case {reference} note a word").text == reply.format(
        reference=reference)
    with factory() as session:
        assert session.scalars(select(CaseEvent.id).where(CaseEvent.action == "note")).all() \
            == []


def test_a_note_without_words_says_how(router: Router, ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    assert say(router, PRIYA, f"/case {reference} note").text == (
        f"Add the note's words: /case {reference} note TEXT (council staff only; the provider "
        "is not told).")
