"""/case REF reassign with words around the name gets a refusal that names whom it may mean
and the command's form; a case passed on once acknowledged offers no [Acknowledge] (session
36's trial)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.dispatch import Router
from bot.models import OutboxMessage, Person
from tests.handlers.cases import test_chat
from tests.handlers.cases.test_chat import DANA, PRIYA, TOM, raise_conflict, say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

ids = test_chat.ids
router = test_chat.router


@pytest.fixture
def named(factory: sessionmaker[Session], ids: dict[str, int]) -> dict[str, int]:
    with transaction(factory) as session:
        session.get_one(Person, ids[PRIYA]).name = "Priya Shah"
        session.get_one(Person, ids[TOM]).name = "Tom Okafor"
    return ids


def test_words_around_a_name_are_refused_naming_whom_they_may_mean(
        router: Router, factory: sessionmaker[Session], named: dict[str, int]) -> None:
    reference = raise_conflict(router)
    assert say(router, PRIYA, f"/case {reference} reassign to priya when she is back").text == (
        f"I couldn't find \"to priya when she is back\" among this council's commissioners and "
        f"admins. Did you mean Priya Shah ({PRIYA})? /case {reference} reassign priya passes "
        "it to them now.")
    assert say(router, PRIYA, f"/case {reference} reassign to the new person").text == (
        "I couldn't find \"to the new person\" among this council's commissioners and admins. "
        f"/case {reference} reassign NAME (or their e-mail) passes it to one of them now.")
    # "to" before a name alone is read as the name.
    assert say(router, PRIYA, f"/case {reference} reassign to dana").text == (
        f"{reference} is now Dana's.")


def test_a_case_passed_on_once_acknowledged_offers_no_acknowledge(
        router: Router, factory: sessionmaker[Session], named: dict[str, int]) -> None:
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} acknowledge")
    assert say(router, PRIYA, f"/case {reference} reassign {DANA}").text == (
        f"{reference} is now Dana's.")
    with factory() as session:
        passed = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "case.reassigned",
            OutboxMessage.person_id == named[DANA])).one()
    assert [button["label"] for button in passed.payload["buttons"]] == ["Show the case"]


def test_a_case_passed_on_while_open_still_offers_acknowledge(
        router: Router, factory: sessionmaker[Session], named: dict[str, int]) -> None:
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} reassign {DANA}")
    with factory() as session:
        passed = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "case.reassigned",
            OutboxMessage.person_id == named[DANA])).one()
    assert [button["label"] for button in passed.payload["buttons"]] == [
        "Acknowledge", "Show the case"]
