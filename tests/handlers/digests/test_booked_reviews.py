"""A review said not held but booked for a day to come, in the digests, as dialogs through the
router and the weekly sweep: shown booked for that day, not counted overdue, until the day has
passed with no review recorded (session 44's brief: /reminders said booked, the digests still
counted it overdue)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import OutboxMessage, Person
from handlers.digests.sweep import sweep
from tests.factories import Clock
from tests.handlers.deadlines import conftest as deadline_people
from tests.handlers.deadlines import test_booked_reviews as booked_dialogs
from tests.handlers.deadlines.conftest import PRIYA, SAM
from tests.handlers.deadlines.support import at, say
from tests.handlers.digests.support import CALENDAR, SCHEDULE, TEMPLATES

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

# The deadline dialogs' people, clock and router (HV-0240 added on Mon 7 Dec 2026, its initial
# review due Wed 2 Dec asked about): the same fixtures, not copies.
people = deadline_people.people
clock = booked_dialogs.clock
router = booked_dialogs.router

BOOKED_TUESDAY = ("Initial placement review: HV-0240 initial review, booked for Tue 8 Dec 2026 "
                  "(due Wed 2 Dec 2026)")


def _line(digest: str) -> str:
    """The digest's line about HV-0240's initial review."""
    [line] = [line for line in digest.splitlines() if "HV-0240 initial review" in line]
    return line


def test_before_the_booking_the_digest_counts_the_review_overdue(router: Router) -> None:
    digest = say(router, "/digest", SAM)
    assert "Overdue (1):" in digest, digest
    assert _line(digest).endswith("HV-0240 initial review, 5 days overdue"), digest


@pytest.mark.parametrize("reader", [SAM, PRIYA])
def test_a_review_booked_for_a_day_to_come_is_booked_in_the_digest_not_overdue(
        router: Router, reader: str) -> None:
    say(router, "no not yet, its booked for tuesday", SAM)
    digest = say(router, "/digest", reader)
    assert "Overdue" not in digest, digest
    assert "Reviews booked (1):" in digest, digest
    assert _line(digest).endswith(BOOKED_TUESDAY), digest
    assert "Close one with /done NUMBER; /reminders lists them all." in digest


def test_on_the_booked_day_the_digest_says_booked_for_today(router: Router,
                                                            clock: Clock) -> None:
    say(router, "no not yet, its booked for tuesday", SAM)
    clock.now = at(date(2026, 12, 8), 9)
    digest = say(router, "/digest", SAM)
    assert "Overdue" not in digest, digest
    assert _line(digest).endswith(
        "HV-0240 initial review, booked for today (due Wed 2 Dec 2026)"), digest


def test_once_the_booked_day_has_passed_with_no_review_the_digest_counts_it_overdue(
        router: Router, clock: Clock) -> None:
    say(router, "no not yet, its booked for tuesday", SAM)
    clock.now = at(date(2026, 12, 9), 9)
    digest = say(router, "/digest", SAM)
    assert "Overdue (1):" in digest, digest
    assert "booked" not in digest
    assert _line(digest).endswith("HV-0240 initial review, 7 days overdue"), digest


def test_a_review_said_not_held_with_no_day_stays_overdue_in_the_digest(router: Router) -> None:
    say(router, "not yet", SAM)
    digest = say(router, "/digest", SAM)
    assert "Overdue (1):" in digest, digest
    assert "booked" not in digest


def test_the_weekly_digest_sent_says_the_review_is_booked(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "no not yet, its booked for 15/12", SAM)
    sweep(factory, now=at(date(2026, 12, 14), 8, 5), templates=TEMPLATES, calendar=CALENDAR,
          schedule=SCHEDULE)
    with factory() as session:
        sent = {email: payload["text"] for email, payload in session.execute(
            select(Person.email, OutboxMessage.payload)
            .join(Person, Person.id == OutboxMessage.person_id)
            .where(OutboxMessage.kind == "digest.weekly"))}
    for reader in (SAM, PRIYA):
        digest = sent[reader]
        assert "Overdue" not in digest, digest
        assert "Reviews booked (1):" in digest, digest
        assert _line(digest).endswith(
            "HV-0240 initial review, booked for Tue 15 Dec 2026 (due Wed 2 Dec 2026)"), digest
