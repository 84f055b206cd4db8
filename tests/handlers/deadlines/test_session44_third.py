"""Session 44's third review of reviews booked, as dialogs through the router: "no, it's
booked for Jan 2nd" under "Did it happen?" recorded as not happened with the booking dropped
(a month written before its day was not read); the same booking told twice wrote the same
audit event twice."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.models import AuditEvent, Deadline, DeadlineStatus
from bot.templates import make_templates
from handlers.deadlines.chat import booked_days
from tests.factories import Clock
from tests.handlers.deadlines.conftest import PRIYA, SAM
from tests.handlers.deadlines.support import MONDAY_2_NOVEMBER, at, say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_2_NOVEMBER)


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, people: dict[str, int],
           clock: Clock) -> Router:
    """Sam's placement P-7 with Priya, started Mon 2 Nov 2026; the router on Mon 7 Dec."""
    routed = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    assert say(routed, f"/placement new P-7 2026-11-02 {PRIYA}", SAM).startswith(
        "Placement P-7 added")
    clock.now = at(date(2026, 12, 7), 10)
    return routed


def _booked(factory: sessionmaker[Session]) -> list[str | None]:
    with factory() as session:
        return [detail.get("booked_for") for detail in session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "review.past_answered")
            .order_by(AuditEvent.id))]


@pytest.mark.parametrize("text", [
    "no, it's booked for Jan 2nd",
    "no, its booked for January 2nd",
    "No, booked for 2nd Jan",
    "no, booked for jan 2",
    "no, booked 2/1/2027",
    "no, booked for the 2nd of Jan",
    "no, it's booked for Jan 2nd 2027",
])
def test_a_booking_with_its_month_first_or_last_keeps_its_day(
        factory: sessionmaker[Session], router: Router, text: str) -> None:
    assert "Did it happen?" in say(router, f"/placement new HV-0240 02/09/2026 {PRIYA}", SAM)
    told = say(router, text, SAM)
    assert "booked for Sat 2 Jan 2027" in told, told
    assert _booked(factory) == ["2027-01-02"]
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.reference == "HV-0240 initial review")).one()
        assert review.status == DeadlineStatus.OPEN


@pytest.mark.parametrize(("text", "day"), [
    ("booked for Jan 2nd", date(2027, 1, 2)),
    ("booked for January 2nd", date(2027, 1, 2)),
    ("booked for 2nd Jan", date(2027, 1, 2)),
    ("booked for Dec 15th", date(2026, 12, 15)),
    ("booked for Jan 2nd 2027", date(2027, 1, 2)),
    ("booked for Dec 1st", None),  # gone: no booking
    ("booked for 24/7 care", None),
])
def test_the_booked_day_read(text: str, day: date | None) -> None:
    assert booked_days(text, date(2026, 12, 7)) == ((day,) if day else ())


def test_the_same_booking_told_twice_is_noted_once(
        factory: sessionmaker[Session], router: Router) -> None:
    assert "Did it happen?" in say(router, f"/placement new HV-0240 02/09/2026 {PRIYA}", SAM)
    assert "booked for Sat 2 Jan 2027" in say(router, "no, it's booked for Jan 2nd", SAM)
    again = say(router, "the review for HV-0240 is booked for 2nd Jan", SAM)
    assert again.startswith("Already noted"), again
    assert "Sat 2 Jan 2027" in again
    assert _booked(factory) == ["2027-01-02"]


def test_the_same_booking_told_twice_unprompted_is_noted_once(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, f"/placement new HV-0240 02/09/2026 {PRIYA}", SAM)
    say(router, "/cancel", SAM)
    first = say(router, "the review for HV-0240 is booked for 15/12", SAM)
    assert first.startswith("Noted"), first
    again = say(router, "HV-0240's review is booked for Dec 15th", SAM)
    assert again.startswith("Already noted"), again
    assert _booked(factory) == ["2026-12-15"]


def test_a_new_day_for_the_booking_is_noted(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, f"/placement new HV-0240 02/09/2026 {PRIYA}", SAM)
    say(router, "/cancel", SAM)
    say(router, "the review for HV-0240 is booked for 15/12", SAM)
    moved = say(router, "the review for HV-0240 is booked for 18/12", SAM)
    assert moved.startswith("Noted"), moved
    assert _booked(factory) == ["2026-12-15", "2026-12-18"]
