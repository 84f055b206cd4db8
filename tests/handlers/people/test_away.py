"""/away as dialogs through the router: an absence already set is never shortened unasked,
a cover never told is told nothing, its date read as every command's, and your own status."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.dispatch import Router
from bot.messages import Button, Reply
from bot.models import OutboxMessage, OutboxStatus, Person
from tests.factories import Clock, make_incoming
from tests.handlers.conftest import HUB, PRIYA

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

# The router's clock: Wednesday 25 November 2026.


@pytest.fixture
def router(northshire_router: Router, factory: sessionmaker[Session],
           northshire: dict[str, int]) -> Router:
    """Northshire's router, with the Hub as Priya's escalation contact."""
    with transaction(factory) as session:
        session.get_one(Person, northshire[PRIYA]).escalation_contact_id = northshire[HUB]
    return northshire_router


def say(router: Router, text: str, sender: str = PRIYA) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender))


def said(router: Router, text: str, sender: str = PRIYA) -> str:
    return "\n".join(reply.text for reply in say(router, text, sender))


def press(router: Router, button: Button, sender: str = PRIYA) -> list[Reply]:
    return router.handle(make_incoming(sender=sender, action=button.action,
                                       action_value=button.value))


def _away(factory: sessionmaker[Session]) -> tuple[date | None, str | None]:
    """Priya's return date and her cover's e-mail."""
    with factory() as session:
        priya = session.scalars(select(Person).where(Person.email == PRIYA)).one()
        cover = session.get(Person, priya.cover_id) if priya.cover_id is not None else None
        return priya.away_until, cover.email if cover is not None else None


def _told(factory: sessionmaker[Session]) -> list[tuple[str, str, str]]:
    """What the Hub was told of covering, in order: kind, status, the text's first line."""
    with factory() as session:
        return [(row.kind, row.status.value, row.payload["text"].splitlines()[0])
                for row in session.scalars(select(OutboxMessage).where(
                    OutboxMessage.address == HUB).order_by(OutboxMessage.id))]


COVERING_31 = ("Priya is away until Thu 31 Dec 2026 and has named you as cover: new cases that "
               "would go to them come to you, with a copy of their reminders (reviews, "
               "invoices, tenders), and you can act on their open ones.")


# --- 2. a cover never told is told nothing ---------------------------------------------------


def test_a_cover_never_told_is_told_nothing_when_the_absence_ends(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # Session 32's trial: two absences ended before the cover was told of either; the second
    # /away off told Tom "Priya is back: you no longer cover for them".
    for until in ("18/12", "22/12"):
        say(router, f"/away {until} {HUB}")
        clock.now += timedelta(minutes=1)
        assert said(router, "/away off").startswith("Welcome back")
        clock.now += timedelta(minutes=1)
    assert [(kind, status) for kind, status, _text in _told(factory)] == [
        ("person.cover", "withdrawn"), ("person.cover", "withdrawn")]


def test_a_cover_told_once_that_they_no_longer_cover_is_not_told_again(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    say(router, f"/away 18/12 {HUB}")
    with transaction(factory) as session:
        session.execute(update(OutboxMessage).values(status=OutboxStatus.SENT))
    clock.now += timedelta(minutes=1)
    say(router, "/away off")  # the Hub read that they cover: they are told it ended
    clock.now += timedelta(minutes=1)
    say(router, f"/away 22/12 {HUB}")  # not gone yet when Priya is back again
    clock.now += timedelta(minutes=1)
    say(router, "/away off")
    assert [(kind, status) for kind, status, _text in _told(factory)] == [
        ("person.cover", "sent"), ("person.cover_ended", "pending"),
        ("person.cover", "withdrawn")]
