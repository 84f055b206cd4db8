"""Session 42's mends to its safeguarding changes, as dialogs through the router: a refund owed
to a family that someone kept is raised again, someone cared for struck with who did it told
after is raised, and a cost or an event that "hit" is no blow."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, OutboxMessage
from tests.factories import make_incoming
from tests.handlers.conftest import SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


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


def _each_raised(router: Router, factory: sessionmaker[Session], messages: tuple[str, ...],
                 kind: str) -> None:
    for raised, words in enumerate(messages, start=1):
        [reply] = _replies(router, words)
        assert reply.text.startswith("This sounds like a safeguarding concern."), words
        cases = _cases(factory)
        assert len(cases) == raised, words
        assert cases[-1].summary == f"Safeguarding concern ({kind})", words
        assert len(_alerts(factory)) == raised, words


def test_a_refund_owed_to_a_family_that_the_manager_kept_is_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The reviewer: raised this morning, only asked about after the refund rule.
    _each_raised(router, factory, (
        "we owe Mrs B's family £150 refund but the manager kept the money",
        "the home owes the resident's estate £420 and the manager pocketed it",
        "we owe RC-101's family a £150 refund but the manager never paid it back"),
        kind="financial abuse")


def test_someone_cared_for_struck_with_who_did_it_told_after_is_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The reviewer: only asked about, in both trees.
    _each_raised(router, factory, (
        "a resident was struck, a carer did it",
        "RC-101 was struck last night, it was one of our staff"),
        kind="physical abuse")


def test_a_cost_or_an_event_that_hit_is_not_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The reviewer: each raised URGENT as physical abuse, in both trees.
    for words in ("Brexit hit our staffing badly",
                  "inflation is hitting care homes hard",
                  "the rate rise hit the resident's family hard",
                  "the council owes the home £12,000 from its social care account for RC-101"):
        replies = _replies(router, words)
        assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                       for reply in replies), words
        assert _cases(factory) == [], words
        assert _alerts(factory) == [], words
    # ... while a real blow, however hard, is raised as before.
    _each_raised(router, factory, ("the carer hit the resident hard",), kind="physical abuse")
