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
from bot.models import (
    AuditEvent,
    Deadline,
    DeadlineStatus,
    OutboxMessage,
    Person,
    Reminder,
    ReminderStatus,
)
from bot.templates import make_templates
from handlers.deadlines.store import ReminderPolicy
from handlers.deadlines.sweep import sweep
from scheduler.rules import WorkingCalendar
from tests.factories import Clock, make_incoming
from tests.handlers.deadlines.conftest import BOSS, KIM, PRIYA, SAM
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
    told = say(router, "no not yet, its booked for tuesday", SAM).splitlines()[-1]
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
    say(router, "no not yet, its booked for tuesday", SAM)
    clock.now = at(date(2026, 12, 8), 9)
    line = _line(say(router, "/reminders", SAM))
    assert "review booked for today" in line, line
    assert "OVERDUE" not in line


def test_once_the_booked_day_has_passed_with_no_review_it_is_overdue_again(
        router: Router, clock: Clock) -> None:
    say(router, "no not yet, its booked for tuesday", SAM)
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
    say(router, "no not yet, its booked for tuesday", SAM)
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


# -- a booking told unprompted ("the review for RC-101 is booked for 15 Dec") --------------


def _snoozes(factory: sessionmaker[Session], email: str) -> list[str]:
    """The pending snoozes of HV-0240's initial review kept for ``email``: their stages."""
    with factory() as session:
        return list(session.scalars(
            select(Reminder.stage).join(Person, Person.id == Reminder.person_id)
            .join(Deadline, Deadline.id == Reminder.deadline_id)
            .where(Person.email == email, Deadline.reference == "HV-0240 initial review",
                   Reminder.status == ReminderStatus.PENDING,
                   Reminder.stage.like("snooze:%"))))


@pytest.mark.parametrize(("words", "day", "booked"), [
    ("the review for HV-0240 is booked for 15 Dec", "Tue 15 Dec 2026", "2026-12-15"),
    ("HV-0240's review is booked for tuesday", "Tue 8 Dec 2026", "2026-12-08"),
    ("hv-0240 review has been arranged for 10/12", "Thu 10 Dec 2026", "2026-12-10"),
])
def test_a_booking_told_unprompted_is_recorded_as_the_answer_to_the_question_is(
        factory: sessionmaker[Session], router: Router, words: str, day: str,
        booked: str) -> None:
    say(router, "/reminders", SAM)  # the question "Did it happen?" no longer the one on offer
    assert say(router, words, SAM) == (
        f"Noted: the review for HV-0240 is booked for {day}; I'll remind you then.")
    assert _review(factory) == (DeadlineStatus.OPEN, [booked])
    assert _snoozes(factory, SAM) == [f"snooze:{booked}"]
    line = _line(say(router, "/reminders", SAM))
    assert f"review booked for {day}" in line, line


def test_a_booking_told_right_under_the_question_is_recorded_too(
        factory: sessionmaker[Session], router: Router) -> None:
    assert say(router, "the review for HV-0240 is booked for 15 Dec", SAM).endswith(
        "booked for Tue 15 Dec 2026. I'll remind you then; /reminders shows it booked for "
        "that day, and it is due again if the day passes with no /review done HV-0240 DATE.")
    assert _review(factory) == (DeadlineStatus.OPEN, ["2026-12-15"])


def test_the_councils_commissioner_may_tell_the_booking(
        factory: sessionmaker[Session], router: Router) -> None:
    assert say(router, "HV-0240's review is booked for tuesday", PRIYA) == (
        "Noted: the review for HV-0240 is booked for Tue 8 Dec 2026; I'll remind you then.")
    assert _review(factory) == (DeadlineStatus.OPEN, ["2026-12-08"])
    assert _snoozes(factory, PRIYA) == ["snooze:2026-12-08"]
    assert _snoozes(factory, SAM) == []


def test_another_organisations_placement_is_refused_and_nothing_changes(
        factory: sessionmaker[Session], router: Router) -> None:
    told = say(router, "the review for HV-0240 is booked for 15 Dec", KIM)
    assert told == "I don't know a placement 'HV-0240'. Type /placement list to see yours."
    assert _review(factory) == (DeadlineStatus.OPEN, [])
    assert _snoozes(factory, KIM) == []
    assert _snoozes(factory, SAM) == []


@pytest.mark.parametrize(("words", "told"), [
    ("the review for HV-0240 is booked for 1 Dec",
     "Tue 1 Dec 2026 has passed, so nothing was recorded. If HV-0240's review was held then, "
     "/review done HV-0240 01/12/2026 records it; if it is booked for a day to come, tell me "
     "that day."),
    ("the review for HV-0240 is booked for next month sometime",
     "I couldn't read the day HV-0240's review is booked for, so nothing was recorded. Please "
     "say it as a date, such as: the review for HV-0240 is booked for 15/12/2026."),
])
def test_a_day_passed_or_unreadable_is_said_and_nothing_changes(
        factory: sessionmaker[Session], router: Router, words: str, told: str) -> None:
    say(router, "/reminders", SAM)
    assert say(router, words, SAM) == told
    assert _review(factory) == (DeadlineStatus.OPEN, [])
    assert _snoozes(factory, SAM) == []


# -- "next thursday" typed on a Wednesday: tomorrow, or the week after? (session 45) --------


@pytest.mark.parametrize("words", [
    "no not yet, its booked for next thursday",
    "HV-0240's review is booked for next thursday",
])
def test_next_thursday_typed_on_a_wednesday_is_asked_about_not_read_as_tomorrow(
        factory: sessionmaker[Session], router: Router, clock: Clock, words: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)  # Wed 9 Dec
    [asked] = router.handle(make_incoming(words, sender=SAM))
    assert asked.text == ("Which Thursday is the review for HV-0240 booked for: Thu 10 Dec 2026 "
                          "or Thu 17 Dec 2026? Please press one.")
    assert [button.label for button in asked.buttons] == ["Thu 10 Dec 2026", "Thu 17 Dec 2026"]
    assert _review(factory) == (DeadlineStatus.OPEN, [])
    # The day pressed is recorded as the booking.
    press = asked.buttons[1]
    assert "\n".join(reply.text for reply in router.handle(make_incoming(
        "", sender=SAM, action=press.action, action_value=press.value))) == (
        "Noted: the review for HV-0240 is booked for Thu 17 Dec 2026; I'll remind you then.")
    assert _review(factory) == (DeadlineStatus.OPEN, ["2026-12-17"])
    assert _snoozes(factory, SAM) == ["snooze:2026-12-17"]


@pytest.mark.parametrize(("on", "words", "booked"), [
    (date(2026, 12, 10), "HV-0240's review is booked for next thursday", "2026-12-17"),
    (date(2026, 12, 11), "HV-0240's review is booked for next tuesday", "2026-12-15"),
    (date(2026, 12, 9), "HV-0240's review is booked for next monday", "2026-12-14"),
    (date(2026, 12, 9), "HV-0240's review is booked for this thursday", "2026-12-10"),
    (date(2026, 12, 9), "HV-0240's review is booked for tomorrow", "2026-12-10"),
    (date(2026, 12, 9), "HV-0240's review is booked for the 18th", "2026-12-18"),
    # "this coming thursday" said on a Thursday: the coming one, never today; "next week
    # thursday" the Thursday of the next Monday-to-Sunday week, whatever the day said on.
    (date(2026, 12, 10), "HV-0240's review is booked for this coming thursday", "2026-12-17"),
    (date(2026, 12, 12), "HV-0240's review is booked for this coming thursday", "2026-12-17"),
    (date(2026, 12, 10), "HV-0240's review is booked for next week thursday", "2026-12-17"),
    (date(2026, 12, 12), "HV-0240's review is booked for next week thursday", "2026-12-17"),
    (date(2026, 12, 13), "HV-0240's review is booked for thursday next week", "2026-12-17"),
    (date(2026, 12, 7), "HV-0240's review is booked for thurs next week", "2026-12-17"),
])
def test_a_day_to_come_that_can_mean_one_day_only_is_recorded(
        factory: sessionmaker[Session], router: Router, clock: Clock, on: date, words: str,
        booked: str) -> None:
    clock.now = at(on, 10)
    say(router, "/reminders", SAM)  # the question no longer the one on offer
    assert say(router, words, SAM).startswith("Noted: the review for HV-0240 is booked for")
    assert _review(factory) == (DeadlineStatus.OPEN, [booked])


# -- the other side is told of a booking, however it is told (session 45) ------------------


def _booking_notices(factory: sessionmaker[Session]) -> list[tuple[str, str]]:
    """The notices of a review's booking queued so far: (to whom, the text)."""
    with factory() as session:
        return [(email, str(payload["text"])) for email, payload in session.execute(
            select(Person.email, OutboxMessage.payload)
            .join(Person, Person.id == OutboxMessage.person_id)
            .where(OutboxMessage.kind == "deadline.booked").order_by(OutboxMessage.id))]


@pytest.mark.parametrize("words", [
    "the review for HV-0240 is booked for 15 Dec",  # told unprompted
    "no not yet, its booked for 15/12",  # the answer to "Did it happen?"
])
def test_a_providers_booking_is_told_to_the_commissioner(
        factory: sessionmaker[Session], router: Router, words: str) -> None:
    if "not yet" not in words:
        say(router, "/reminders", SAM)  # the question no longer the one on offer
    say(router, words, SAM)
    [(to, text)] = _booking_notices(factory)
    assert to == PRIYA
    assert "HV-0240 initial review is booked for Tue 15 Dec 2026" in text, text


# -- a weekday with a date after it: the date given wins (session 45's review) ---------------


@pytest.mark.parametrize(("words", "booked"), [
    ("no not yet, its booked for thursday 17th", "2026-12-17"),
    ("no not yet, its booked for thursday the 17th", "2026-12-17"),
    ("no not yet, its booked for Monday 21 December", "2026-12-21"),
    ("no not yet, its booked for friday 18/12", "2026-12-18"),
    ("no not yet, its booked for tuesday 22nd", "2026-12-22"),
    ("no not yet, its booked for thurs 17th", "2026-12-17"),
    ("no not yet, its booked for wed 16th", "2026-12-16"),
    ("no not yet, its booked for friday 8th january", "2027-01-08"),
    ("HV-0240's review is booked for monday 21st december", "2026-12-21"),
    ("HV-0240's review is booked for thursday 17 december", "2026-12-17"),
    ("HV-0240's review is booked for Tuesday 22nd", "2026-12-22"),
    # The date settles which Thursday "next thursday" is: never asked.
    ("HV-0240's review is booked for next thursday 10th", "2026-12-10"),
    ("HV-0240's review is booked for next thursday the 17th", "2026-12-17"),
    ("no not yet, its booked for next thursday 17/12", "2026-12-17"),
    # British "thursday week": the Thursday after the coming one.
    ("no not yet, its booked for thursday week", "2026-12-17"),
    ("HV-0240's review is booked for a week on thursday", "2026-12-17"),
    ("HV-0240's review is booked for a week today", "2026-12-16"),
    ("HV-0240's review is booked for a week tomorrow", "2026-12-17"),
    # The week after this one, and after the coming one (session 45's last review: each was
    # recorded as the coming day, Thu 10 / Fri 11 Dec, and the commissioner told so).
    ("no not yet, its booked for thursday next week", "2026-12-17"),
    ("HV-0240's review is booked for thursday of next week", "2026-12-17"),
    ("HV-0240's review is booked for next week thursday", "2026-12-17"),
    ("HV-0240's review is booked for the thursday after next", "2026-12-17"),
    ("HV-0240's review is booked for friday after next", "2026-12-18"),
    ("HV-0240's review is booked for thursday fortnight", "2026-12-24"),
    ("HV-0240's review is booked for a fortnight on friday", "2026-12-25"),
    # "this coming thursday": the coming one; "next week" with the weekday written any way
    # (session 46's brief: each was "I couldn't read the day").
    ("HV-0240's review is booked for this coming thursday", "2026-12-10"),
    ("the review for HV-0240 is booked for the coming thursday", "2026-12-10"),
    ("no not yet, its booked for this coming thursday", "2026-12-10"),
    ("no not yet, its booked for next week thursday", "2026-12-17"),
    ("the review for HV-0240 is booked for next week, thursday", "2026-12-17"),
    ("the review for HV-0240 is booked for next week thurs", "2026-12-17"),
    ("the review for HV-0240 is booked for thurs next week", "2026-12-17"),
    ("the review for HV-0240 is booked for next week on fri", "2026-12-18"),
])
def test_a_weekday_with_a_date_records_the_date_given(
        factory: sessionmaker[Session], router: Router, clock: Clock, words: str,
        booked: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)  # Wed 9 Dec
    if "not yet" not in words:
        say(router, "/reminders", SAM)  # the question no longer the one on offer
    told = say(router, words, SAM)
    assert "Noted" in told, told
    assert "Please press one" not in told
    assert _review(factory) == (DeadlineStatus.OPEN, [booked])
    [(to, text)] = _booking_notices(factory)
    assert to == PRIYA
    shown = date.fromisoformat(booked)
    assert f"booked for {shown:%a} {shown.day} {shown:%b %Y}" in text, text


def test_thursday_week_said_on_a_monday_is_the_week_after(
        factory: sessionmaker[Session], router: Router) -> None:
    say(router, "no not yet, its booked for thursday week", SAM)  # Mon 7 Dec
    assert _review(factory) == (DeadlineStatus.OPEN, ["2026-12-17"])


@pytest.mark.parametrize("words", [
    "no not yet, its booked for thursday 18th",
    "HV-0240's review is booked for thursday 18/12",
])
def test_a_weekday_and_a_date_that_disagree_are_asked_about(
        factory: sessionmaker[Session], router: Router, clock: Clock, words: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    if "not yet" not in words:
        say(router, "/reminders", SAM)
    [asked] = router.handle(make_incoming(words, sender=SAM))
    assert asked.text.startswith("Which day is the review for HV-0240 booked for: "
                                 "Thu 17 Dec 2026 or Fri 18 Dec 2026?"), asked.text
    assert [button.label for button in asked.buttons] == ["Thu 17 Dec 2026", "Fri 18 Dec 2026"]
    assert _review(factory) == (DeadlineStatus.OPEN, [])
    assert _booking_notices(factory) == []
    press = asked.buttons[1]
    router.handle(make_incoming("", sender=SAM, action=press.action, action_value=press.value))
    assert _review(factory) == (DeadlineStatus.OPEN, ["2026-12-18"])


# -- the day typed under "Which Thursday ...?" (session 45's review) --------------------------


@pytest.mark.parametrize(("typed", "booked"), [
    ("the 17th", "2026-12-17"),
    ("17th", "2026-12-17"),
    ("thursday 17th", "2026-12-17"),
    ("17/12", "2026-12-17"),
    ("the second one", "2026-12-17"),
    ("the first one", "2026-12-10"),
    ("10th", "2026-12-10"),
])
def test_a_day_typed_under_which_thursday_is_recorded_when_it_is_one_offered(
        factory: sessionmaker[Session], router: Router, clock: Clock, typed: str,
        booked: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, "/reminders", SAM)
    assert "Please press one" in say(router, "HV-0240's review is booked for next thursday", SAM)
    told = say(router, typed, SAM)
    shown = date.fromisoformat(booked)
    assert told == (f"Noted: the review for HV-0240 is booked for {shown:%a} {shown.day} "
                    f"{shown:%b %Y}; I'll remind you then.")
    assert _review(factory) == (DeadlineStatus.OPEN, [booked])


@pytest.mark.parametrize("typed", ["the 18th", "friday 18th", "24/12"])
def test_a_day_typed_under_which_thursday_that_was_not_offered_records_nothing(
        factory: sessionmaker[Session], router: Router, clock: Clock, typed: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, "/reminders", SAM)
    say(router, "HV-0240's review is booked for next thursday", SAM)
    told = say(router, typed, SAM)
    assert told.startswith("That isn't one of the two days I asked about, so nothing was "
                           "recorded. Please press the day"), told
    assert _review(factory) == (DeadlineStatus.OPEN, [])


# -- a booking moved to another day (session 45's review) ------------------------------------


@pytest.mark.parametrize("words", [
    "HV-0240's review has moved to 18/12",
    "HV-0240's review has been rescheduled to 18/12",
    "HV-0240's review is now on 18/12",
    "HV-0240's review has changed to 18/12",
    # Postponed, put back, pushed back: moves too (session 46's brief: "I don't know").
    "HV-0240's review has been postponed to 18/12",
    "HV-0240's review has been postponed until 18/12",
    "HV-0240's review has been put back to 18/12",
    "HV-0240's review has been pushed back to 18/12",
    "HV-0240's review has been rescheduled for 18/12",
    "HV-0240's review got moved back to the 18th",
])
def test_a_booking_moved_replaces_the_day_and_the_other_side_is_told_once(
        factory: sessionmaker[Session], router: Router, clock: Clock, words: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, "/reminders", SAM)
    say(router, "HV-0240's review is booked for 14/12", SAM)
    told = say(router, words, SAM)
    assert told.startswith("Noted: the review for HV-0240 is booked for Fri 18 Dec 2026"), told
    assert _review(factory) == (DeadlineStatus.OPEN, ["2026-12-14", "2026-12-18"])
    line = _line(say(router, "/reminders", SAM))
    assert "review booked for Fri 18 Dec 2026" in line, line
    assert "review booked for Fri 18 Dec 2026" in _line(say(router, "/reminders", PRIYA))
    notices = [text for to, text in _booking_notices(factory) if to == PRIYA]
    assert len(notices) == 2, notices
    assert "booked for Fri 18 Dec 2026 (moved from Mon 14 Dec 2026)" in notices[1], notices
    say(router, words, SAM)  # told again: nobody is told twice
    assert len(_booking_notices(factory)) == 2


def test_postponed_with_no_day_is_no_booking(factory: sessionmaker[Session],
                                              router: Router) -> None:
    say(router, "/reminders", SAM)
    say(router, "HV-0240's review is booked for 14/12", SAM)
    say(router, "HV-0240's review has been postponed", SAM)
    assert _review(factory) == (DeadlineStatus.OPEN, ["2026-12-14"])


# -- a move told with no reference (session 46's brief: "I don't know") ------------------------
# As a question about a tender named by its title (``talk.records.tender_titled``): the one
# placement it can be (the sender's one review booked for a day to come) is read; when more
# than one can be, the sender is asked to name the reference (the references listed), as a
# booking told without its day is; when none is booked, the words go on as before.


@pytest.mark.parametrize("words", [
    "the review has been moved to friday 18th",
    "review moved to 18/12",
    "the review has been postponed to 18/12",
    "the review is now on friday 18th",
])
def test_a_move_with_no_reference_is_the_one_booked_review(
        factory: sessionmaker[Session], router: Router, clock: Clock, words: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, "/reminders", SAM)
    say(router, "HV-0240's review is booked for 14/12", SAM)
    told = say(router, words, SAM)
    assert told.startswith("Noted: the review for HV-0240 is booked for Fri 18 Dec 2026"), told
    assert _review(factory) == (DeadlineStatus.OPEN, ["2026-12-14", "2026-12-18"])
    notices = [text for to, text in _booking_notices(factory) if to == PRIYA]
    assert "booked for Fri 18 Dec 2026 (moved from Mon 14 Dec 2026)" in notices[-1], notices


def test_a_move_with_no_reference_and_two_booked_reviews_asks_for_the_reference(
        factory: sessionmaker[Session], router: Router, clock: Clock) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, f"/placement new HV-0241 02/09/2026 {PRIYA}", SAM)
    say(router, "HV-0240's review is booked for 14/12", SAM)
    say(router, "HV-0241's review is booked for 15/12", SAM)
    told = say(router, "the review has been moved to friday 18th", SAM)
    assert told == (
        "Which placement's review has moved: HV-0240 (booked for Mon 14 Dec 2026) or HV-0241 "
        "(booked for Tue 15 Dec 2026)? Nothing was recorded. Please say it again with the "
        "reference, such as: the review for HV-0240 has moved to 18/12/2026.")
    assert _review(factory) == (DeadlineStatus.OPEN, ["2026-12-14"])


def test_a_move_with_no_reference_and_no_booked_review_is_not_read_as_one(
        factory: sessionmaker[Session], router: Router, clock: Clock) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, "/reminders", SAM)
    assert "Noted" not in say(router, "the review has been moved to friday 18th", SAM)
    assert _review(factory) == (DeadlineStatus.OPEN, [])


@pytest.mark.parametrize("words", [
    "the contract review has been moved to friday 18th",
    "our fee review got postponed to 18/12",
])
def test_another_kind_of_review_moved_is_no_placements(
        factory: sessionmaker[Session], router: Router, clock: Clock, words: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, "/reminders", SAM)
    say(router, "HV-0240's review is booked for 14/12", SAM)
    assert "Noted" not in say(router, words, SAM)
    assert _review(factory) == (DeadlineStatus.OPEN, ["2026-12-14"])


# -- other answers typed under "Which Thursday ...?" (session 46's brief) ---------------------


@pytest.mark.parametrize(("typed", "booked"), [
    ("17", "2026-12-17"),
    ("10", "2026-12-10"),
    ("thu 17", "2026-12-17"),
    ("thurs 10th", "2026-12-10"),
    ("the 17th", "2026-12-17"),
    ("next week", "2026-12-17"),
    ("the later one", "2026-12-17"),
    ("the one next week", "2026-12-17"),
    ("this week", "2026-12-10"),
    ("tomorrow", "2026-12-10"),
])
def test_other_answers_under_which_thursday_are_read(
        factory: sessionmaker[Session], router: Router, clock: Clock, typed: str,
        booked: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, "/reminders", SAM)
    assert "Please press one" in say(router, "HV-0240's review is booked for next thursday", SAM)
    told = say(router, typed, SAM)
    shown = date.fromisoformat(booked)
    assert told == (f"Noted: the review for HV-0240 is booked for {shown:%a} {shown.day} "
                    f"{shown:%b %Y}; I'll remind you then.")
    assert _review(factory) == (DeadlineStatus.OPEN, [booked])


@pytest.mark.parametrize("typed", ["the blue one", "hmm", "18", "fri 18", "whichever"])
def test_an_answer_under_which_thursday_that_is_neither_day_is_asked_again(
        factory: sessionmaker[Session], router: Router, clock: Clock, typed: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, "/reminders", SAM)
    say(router, "HV-0240's review is booked for next thursday", SAM)
    [asked] = router.handle(make_incoming(typed, sender=SAM))
    assert asked.text.startswith("That isn't one of the two days I asked about"), asked.text
    assert [button.label for button in asked.buttons] == ["Thu 10 Dec 2026", "Thu 17 Dec 2026"]
    assert _review(factory) == (DeadlineStatus.OPEN, [])


def test_words_naming_neither_day_twice_go_on_and_the_buttons_still_work(
        factory: sessionmaker[Session], router: Router, clock: Clock) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, "/reminders", SAM)
    say(router, "HV-0240's review is booked for next thursday", SAM)
    [asked] = router.handle(make_incoming("hmm", sender=SAM))
    assert asked.text.startswith("That isn't one of the two days I asked about"), asked.text
    # Asked once again only: the next words go on (here to the knowledge base).
    assert not say(router, "hmm", SAM).startswith("That isn't one of the two days")
    press = asked.buttons[1]
    assert "\n".join(reply.text for reply in router.handle(make_incoming(
        "", sender=SAM, action=press.action, action_value=press.value))) == (
        "Noted: the review for HV-0240 is booked for Thu 17 Dec 2026; I'll remind you then.")
    assert _review(factory) == (DeadlineStatus.OPEN, ["2026-12-17"])


@pytest.mark.parametrize("words", [
    "the review has been moved to friday 18th",
    "it's been postponed to 18/12",
    "review put back to the 18th",
])
def test_a_move_with_no_reference_under_did_it_happen_is_that_reviews_booking(
        factory: sessionmaker[Session], router: Router, words: str) -> None:
    told = say(router, words, SAM)  # Mon 7 Dec, "Did it happen?" asked of HV-0240
    assert told.endswith("booked for Fri 18 Dec 2026. I'll remind you then; /reminders shows it "
                         "booked for that day, and it is due again if the day passes with no "
                         "/review done HV-0240 DATE."), told
    assert _review(factory) == (DeadlineStatus.OPEN, ["2026-12-18"])


# -- only the placement's review is moved by words naming no placement (session 46's review) ---
# The reviewer's setup: Wed 9 Dec 2026 10:00, Sam adds RC-101 and books its review for 14/12;
# each of these was read as RC-101's review moved (a wrong day recorded and Priya told).
# Only what a placement's review is called is read ("the review", "her review", "the annual
# review", ...), "review" a noun: these go on as before, recording nothing.

_NOT_THE_PLACEMENTS_REVIEW = [
    "I need to review the rota now for friday",
    "I'll review the rota which has been moved to friday",
    "the rota review has been moved to 18/12",
    "our staffing review has been postponed to 18/12",
    "the annual fees meeting review postponed to friday",
    "the review of our training policy has moved to friday 18th",
    "the quality monitoring visit review has been put back to 18/12",
    "my appraisal review has been moved to 18/12",
    "our CQC inspection review was postponed to 18/12",
    "the rent review has moved to friday",
    "the safeguarding review has been moved to 18/12",
    "staff supervision review now on friday",
    "the menu review is now on friday",
    "Dad's medication review has been moved to 18/12",
    "the mock inspection review got pushed back to next week on fri",
    "the contract review has been moved to 18/12",
]


def _told_so_far(factory: sessionmaker[Session]) -> tuple[int, int]:
    """How many reviews' answers were recorded (any placement) and how many messages queued."""
    with factory() as session:
        answers = len(session.scalars(select(AuditEvent.id).where(
            AuditEvent.action == "review.past_answered")).all())
        queued = len(session.scalars(select(OutboxMessage.id)).all())
        return answers, queued


def _rc101_booked(factory: sessionmaker[Session]) -> list[str]:
    """The days RC-101's initial review was said booked for (the audit log)."""
    with factory() as session:
        review = session.scalars(select(Deadline).where(
            Deadline.reference == "RC-101 initial review")).one()
        return [str(detail.get("booked_for")) for detail in session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "review.past_answered",
                                            AuditEvent.subject == f"deadline:{review.id}"))]


@pytest.mark.parametrize("words", _NOT_THE_PLACEMENTS_REVIEW)
def test_another_review_or_review_as_a_verb_moved_records_nothing(
        factory: sessionmaker[Session], router: Router, clock: Clock, words: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, f"/placement new RC-101 01/09/2026 {PRIYA}", SAM)
    say(router, "/reminders", SAM)
    assert say(router, "the review for RC-101 is booked for 14/12", SAM).startswith(
        "Noted: the review for RC-101 is booked for Mon 14 Dec 2026")
    before = _told_so_far(factory)
    told = say(router, words, SAM)
    assert "Noted" not in told, told
    assert "RC-101" not in told, told
    assert _rc101_booked(factory) == ["2026-12-14"]
    assert _told_so_far(factory) == before  # no booking recorded, nobody told
    assert "Fri" not in say(router, "/reminders", SAM).split("RC-101 initial review")[1] \
        .splitlines()[0]


@pytest.mark.parametrize("words", [
    "the review has been moved to friday 18th",
    "her review has been moved to 18/12",
    "their review got postponed to 18/12",
    "the annual review has moved to friday 18th",
    "the initial review is now on friday 18th",
    "the placement review has been put back to 18/12",
    "the 6-month review has been moved to 18/12",
    "the care review has been moved to 18/12",
    "the care plan review has been moved to 18/12",
    "the 6-monthly review has been moved to 18/12",
    "review moved to 18/12",
])
def test_the_placements_review_moved_with_no_reference_is_still_read(
        factory: sessionmaker[Session], router: Router, clock: Clock, words: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, f"/placement new RC-101 01/09/2026 {PRIYA}", SAM)
    say(router, "/reminders", SAM)
    say(router, "the review for RC-101 is booked for 14/12", SAM)
    told = say(router, words, SAM)
    assert told.startswith("Noted: the review for RC-101 is booked for Fri 18 Dec 2026"), told
    assert _rc101_booked(factory) == ["2026-12-14", "2026-12-18"]


@pytest.mark.parametrize("words", [
    "the contract review has been moved to 18/12",
    "the rota review was moved to friday",
])
def test_another_review_moved_under_did_it_happen_records_nothing(
        factory: sessionmaker[Session], router: Router, words: str) -> None:
    before = _told_so_far(factory)
    told = say(router, words, SAM)  # Mon 7 Dec, "Did it happen?" asked of HV-0240
    assert "Noted" not in told, told
    assert _review(factory) == (DeadlineStatus.OPEN, [])
    assert _told_so_far(factory) == before


# -- "this coming thursday", "thursday next week" under "Which Thursday ...?" (session 46's review)


@pytest.mark.parametrize(("typed", "booked"), [
    ("this coming thursday", "2026-12-10"),
    ("thursday next week", "2026-12-17"),
    ("next week thursday", "2026-12-17"),
    ("the week after", "2026-12-17"),
    ("not this week", "2026-12-17"),
])
def test_which_week_said_as_a_day_under_which_thursday_is_read(
        factory: sessionmaker[Session], router: Router, clock: Clock, typed: str,
        booked: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, "/reminders", SAM)
    assert "Please press one" in say(router, "HV-0240's review is booked for next thursday", SAM)
    told = say(router, typed, SAM)
    shown = date.fromisoformat(booked)
    assert told == (f"Noted: the review for HV-0240 is booked for {shown:%a} {shown.day} "
                    f"{shown:%b %Y}; I'll remind you then.")
    assert _review(factory) == (DeadlineStatus.OPEN, [booked])


@pytest.mark.parametrize("typed", ["cancel", "no", "actually it's been cancelled"])
def test_no_day_under_which_thursday_is_not_asked_again(
        factory: sessionmaker[Session], router: Router, clock: Clock, typed: str) -> None:
    clock.now = at(date(2026, 12, 9), 10)
    say(router, "/reminders", SAM)
    say(router, "HV-0240's review is booked for next thursday", SAM)
    told = say(router, typed, SAM)
    assert "That isn't one of the two days" not in told, told
    assert _review(factory) == (DeadlineStatus.OPEN, [])
