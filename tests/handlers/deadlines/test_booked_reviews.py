"""A review not held yet but booked for a day to come, said under "Did it happen?", as dialogs
through the router: /reminders shows it booked for that day, not overdue, until the day has
passed with no review recorded (session 44's brief: it was kept as a snooze and an audit event,
and /reminders still showed it OVERDUE with no word of the booking)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.models import AuditEvent, Deadline, DeadlineStatus, OutboxMessage, Person
from bot.templates import make_templates
from handlers.deadlines.store import ReminderPolicy
from handlers.deadlines.sweep import sweep
from scheduler.rules import WorkingCalendar
from tests.factories import Clock
from tests.handlers.deadlines.conftest import BOSS, PRIYA, SAM
from tests.handlers.deadlines.support import MONDAY_2_NOVEMBER, at, say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_2_NOVEMBER)


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, people: dict[str, int],
           clock: Clock) -> Router:
    """Mon 7 Dec 2026: Sam adds HV-0240 (with Priya), started 2 Sep, its initial review due
    Wed 2 Dec and so asked about ("Did it happen?")."""
    routed = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    clock.now = at(date(2026, 12, 7), 10)
    assert "Did it happen?" in say(routed, f"/placement new HV-0240 02/09/2026 {PRIYA}", SAM)
    return routed


def _line(reminders: str) -> str:
    """The line of /reminders about HV-0240's initial review."""
    [line] = [line for line in reminders.splitlines() if "HV-0240 initial review" in line]
    return line


def _review(factory: sessionmaker[Session]) -> tuple[DeadlineStatus, list[str]]:
    """The initial review's status and the days it was said booked for (the audit log)."""
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.reference == "HV-0240 initial review")).one()
        booked = [str(detail.get("booked_for")) for detail in session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "review.past_answered",
                                            AuditEvent.subject == f"deadline:{review.id}"))]
        return review.status, booked


def test_before_the_booking_the_review_is_overdue(router: Router) -> None:
    assert "OVERDUE by 5 days" in _line(say(router, "/reminders", SAM))


def test_a_review_booked_for_a_day_to_come_is_shown_booked_not_overdue(
        factory: sessionmaker[Session], router: Router) -> None:
    told = say(router, "no not yet, its booked for next tuesday", SAM).splitlines()[-1]
    assert told == (
        "Noted: HV-0240's initial review, due Wed 2 Dec 2026, has not happened yet; booked for "
        "Tue 8 Dec 2026. I'll remind you then; /reminders shows it booked for that day, and "
        "it is due again if the day passes with no /review done HV-0240 DATE.")
    assert _review(factory) == (DeadlineStatus.OPEN, ["2026-12-08"])
    reminders = say(router, "/reminders", SAM)
    line = _line(reminders)
    assert "review booked for Tue 8 Dec 2026" in line, line
    assert "OVERDUE" not in line
    assert reminders.startswith("Your open deadlines (1, 0 overdue):"), reminders
    # The council's commissioner sees the booking too.
    line = _line(say(router, "/reminders", PRIYA))
    assert "review booked for Tue 8 Dec 2026" in line, line
    assert "OVERDUE" not in line


def test_on_the_booked_day_it_is_still_shown_booked(router: Router, clock: Clock) -> None:
    say(router, "no not yet, its booked for next tuesday", SAM)
    clock.now = at(date(2026, 12, 8), 9)
    line = _line(say(router, "/reminders", SAM))
    assert "review booked for today" in line, line
    assert "OVERDUE" not in line


def test_once_the_booked_day_has_passed_with_no_review_it_is_overdue_again(
        router: Router, clock: Clock) -> None:
    say(router, "no not yet, its booked for next tuesday", SAM)
    clock.now = at(date(2026, 12, 9), 9)
    reminders = say(router, "/reminders", SAM)
    line = _line(reminders)
    assert "OVERDUE by 7 days" in line, line
    assert "booked" not in line
    assert reminders.startswith("Your open deadlines (1, 1 overdue):"), reminders


def test_a_review_said_not_held_with_no_day_stays_overdue(router: Router) -> None:
    say(router, "not yet", SAM)
    assert "OVERDUE by 5 days" in _line(say(router, "/reminders", SAM))


def test_the_review_asked_after_in_words_names_the_booking(router: Router) -> None:
    say(router, "no not yet, its booked for next tuesday", SAM)
    told = say(router, "when is my next placement review", SAM)
    assert "Overdue review" not in told
    assert "HV-0240 initial review is booked for Tue 8 Dec 2026." in told, told


# -- the reminder sweep: nobody chased, nothing escalated, before the booked day ------------


def _review_reminders(factory: sessionmaker[Session]) -> list[tuple[str, str]]:
    """The reminders of HV-0240's initial review queued in the outbox so far: (to whom, the
    first line), in order."""
    with factory() as session:
        return [(email, str(payload["text"]).splitlines()[0])
                for email, payload in session.execute(
                    select(Person.email, OutboxMessage.payload)
                    .join(Person, Person.id == OutboxMessage.person_id)
                    .where(OutboxMessage.kind == "reminder.initial-review")
                    .order_by(OutboxMessage.id))]


def _sweep_days(factory: sessionmaker[Session], first: date, last: date) -> None:
    """The reminder sweep at 09:05 each day from ``first`` to ``last``."""
    day = first
    while day <= last:
        sweep(factory, now=at(day, 9, 5), templates=make_templates(),
              calendar=WorkingCalendar(), policy=ReminderPolicy())
        day += timedelta(days=1)


def test_without_a_booking_the_overdue_review_is_chased_and_escalated(
        factory: sessionmaker[Session], router: Router) -> None:
    _sweep_days(factory, date(2026, 12, 8), date(2026, 12, 14))
    told = {email for email, _line in _review_reminders(factory)}
    assert {SAM, PRIYA, BOSS} <= told, told


def test_a_booked_review_is_neither_chased_nor_escalated_before_its_booked_day(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "no not yet, its booked for 15/12", SAM)
    _sweep_days(factory, date(2026, 12, 8), date(2026, 12, 14))
    assert _review_reminders(factory) == []
    # On the booked day: Sam's reminder, as promised, says it is booked for today; nobody
    # else is chased, nothing escalated.
    _sweep_days(factory, date(2026, 12, 15), date(2026, 12, 15))
    assert _review_reminders(factory) == [
        (SAM, "Initial placement review: HV-0240 initial review, booked for today "
              "(due Wed 2 Dec 2026). (Pledge commitment 24.)")]
    # The day passed with no review recorded: it is overdue again, chased and escalated.
    _sweep_days(factory, date(2026, 12, 16), date(2026, 12, 18))
    later = _review_reminders(factory)[1:]
    assert {email for email, _line in later} == {SAM, PRIYA, BOSS}, later
    assert all("booked" not in line for _email, line in later), later
    assert any("OVERDUE by 14 days" in line for _email, line in later), later


def test_a_review_recorded_on_its_booked_day_sends_nothing_more(
        factory: sessionmaker[Session], router: Router, clock: Clock) -> None:
    say(router, "no not yet, its booked for 15/12", SAM)
    _sweep_days(factory, date(2026, 12, 8), date(2026, 12, 14))
    clock.now = at(date(2026, 12, 15), 8)
    assert say(router, "/review done HV-0240 15/12/2026", SAM).startswith("Recorded:")
    _sweep_days(factory, date(2026, 12, 15), date(2026, 12, 22))
    assert _review_reminders(factory) == []
