"""/away set ahead ("/away 18 Dec until 4 Jan, cover hub"): stored with its first day, the
cover covering from that day only, the days said plainly; bad days refused with nothing stored
(session 36's trial)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import OutboxMessage, Person
from handlers.people.away import away_on
from tests.factories import make_incoming
from tests.handlers.conftest import HUB, PRIYA

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

# The router's clock: Wednesday 25 November 2026.


def said(router: Router, text: str, sender: str = PRIYA) -> str:
    return "\n".join(reply.text for reply in router.handle(make_incoming(text, sender=sender)))


def _priya(factory: sessionmaker[Session]) -> tuple[date | None, date | None, str | None]:
    """Priya's first and last days away and her cover's e-mail."""
    with factory() as session:
        priya = session.scalars(select(Person).where(Person.email == PRIYA)).one()
        cover = session.get(Person, priya.cover_id) if priya.cover_id is not None else None
        return priya.away_from, priya.away_until, cover.email if cover is not None else None


def _hub_told(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return [row.payload["text"] for row in session.scalars(
            select(OutboxMessage).where(OutboxMessage.address == HUB)
            .order_by(OutboxMessage.id))]


AHEAD = ("Noted: you're away from Fri 18 Dec 2026 until Mon 4 Jan 2027. From Fri 18 Dec 2026, "
         "new cases that would come to you go to Hub, who is told and gets a copy of your "
         "reminders too; until then they come to you as now. /away off cancels it.")


@pytest.mark.parametrize("typed", [
    "/away 2026-12-18 until jan 4th, cover hub",
    "/away from 18 Dec to 4 Jan 2027 hub",
    "/away 18/12/2026 - 4/1/2027 hub@northshire.example",
    "/away hub@northshire.example from 18 december until 4 january",
])
def test_an_absence_set_ahead_starts_on_its_first_day(
        router: Router, factory: sessionmaker[Session], typed: str) -> None:
    assert said(router, typed) == AHEAD
    assert _priya(factory) == (date(2026, 12, 18), date(2027, 1, 4), HUB)
    assert _hub_told(factory) == [
        "Priya is away from Fri 18 Dec 2026 until Mon 4 Jan 2027 and has named you as cover: "
        "from Fri 18 Dec 2026, new cases that would go to them come to you, with a copy of "
        "their reminders (reviews, invoices, tenders), and you can act on their open ones."]
    with factory() as session:
        priya = session.scalars(select(Person).where(Person.email == PRIYA)).one()
        assert [away_on(priya, day) for day in (
            date(2026, 11, 25), date(2026, 12, 17), date(2026, 12, 18), date(2027, 1, 4),
            date(2027, 1, 5))] == [False, False, True, True, False]
    # Asked after, it says when it starts; not away today.
    assert said(router, "/away") == (
        "You're marked away from Fri 18 Dec 2026 until Mon 4 Jan 2027, covered by Hub "
        "(hub@northshire.example); until then new cases come to you.\n"
        "Use /away FROM until TO COVER to change the dates or the cover, or /away off to "
        "cancel it.")


def test_the_one_date_form_says_from_today(router: Router,
                                           factory: sessionmaker[Session]) -> None:
    assert said(router, "/away 31/12/2026 hub").startswith(
        "Noted: from today until Thu 31 Dec 2026, new cases that would come to you go to Hub")
    assert _priya(factory) == (None, date(2026, 12, 31), HUB)
    assert said(router, "/away until 31/12/2026 hub").startswith(
        "You're already marked away until Thu 31 Dec 2026")


def test_from_today_is_the_one_date_form(router: Router, factory: sessionmaker[Session]) -> None:
    assert said(router, "/away today until 31/12/2026 hub").startswith(
        "Noted: from today until Thu 31 Dec 2026")
    assert _priya(factory) == (None, date(2026, 12, 31), HUB)


@pytest.mark.parametrize(("typed", "reply"), [
    ("/away 4 Jan 2027 until 18 Dec 2026 hub",
     "Your last day away, Fri 18 Dec 2026, is before your first, Mon 4 Jan 2027: please give "
     "the first day, then the last (/away 18 Dec until 4 Jan COVER)."),
    ("/away 2026-11-20 until 2026-12-18 hub",
     "Fri 20 Nov 2026 has passed: give the first day you will be away, today or later "
     "(or /away UNTIL COVER from today)."),
    ("/away 2026-12-18 until 2028-01-04 hub",
     "That is more than a year away; please ask an administrator to reassign your cases "
     "instead."),
])
def test_days_that_cannot_be_an_absence_are_refused_and_nothing_is_stored(
        router: Router, factory: sessionmaker[Session], typed: str, reply: str) -> None:
    assert said(router, typed) == reply
    assert _priya(factory) == (None, None, None)
    assert _hub_told(factory) == []


def test_an_absence_set_ahead_cancelled_withdraws_the_notice(
        router: Router, factory: sessionmaker[Session]) -> None:
    said(router, "/away 18 Dec until 4 Jan 2027 hub")
    assert said(router, "/away off") == (
        "Cancelled: you're no longer marked away from Fri 18 Dec 2026 until Mon 4 Jan 2027; "
        "new cases keep coming to you.")
    assert _priya(factory) == (None, None, None)
    with factory() as session:
        assert [row.status.value for row in session.scalars(
            select(OutboxMessage).where(OutboxMessage.address == HUB))] == ["withdrawn"]


def test_a_cover_missing_from_a_range_is_asked_for(router: Router,
                                                   factory: sessionmaker[Session]) -> None:
    assert said(router, "/away 18 Dec until 4 Jan 2027") == (
        "Who covers for you from Fri 18 Dec 2026 until Mon 4 Jan 2027? Add their e-mail: "
        "/away 2026-12-18 until 2027-01-04 COVER_EMAIL (for example tom@council.example).")
    assert _priya(factory) == (None, None, None)
