"""Deadline rules: real dates, worked out by hand against a calendar, as tables."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import holidays
import pytest

from scheduler.rules import (
    DEFAULT_LEAD_DAYS,
    RULES,
    Count,
    Rule,
    Schedule,
    UnknownRule,
    WorkingCalendar,
    add_months,
    due_date,
    england_and_wales_bank_holidays,
    get_rule,
    given_date_schedule,
    reminder_dates,
    schedule,
)

D = date.fromisoformat


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar(years=range(2026, 2029))


# --- the rule table ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "pledge", "amount", "unit"),
    [
        ("initial-review", 24, 3, Count.MONTHS),
        ("monitoring", 25, 6, Count.MONTHS),
        ("condition-change", 26, 14, Count.CALENDAR_DAYS),
        ("payment", 29, 10, Count.CALENDAR_DAYS),
        ("bid-feedback", 28, 5, Count.WORKING_DAYS),
    ],
)
def test_each_rule_has_the_pledges_default_count(
    name: str, pledge: int, amount: int, unit: Count
) -> None:
    rule = RULES[name]
    assert (rule.name, rule.pledge, rule.amount, rule.unit, rule.lead_days) == (
        name, pledge, amount, unit, (14, 7, 1, 0)
    )


def test_the_rule_table_has_exactly_the_five_cli_rules() -> None:
    assert list(RULES) == [
        "initial-review", "monitoring", "condition-change", "payment", "bid-feedback"
    ]


# --- month arithmetic ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2026-11-30", 3, "2027-02-28"),  # clamped: 2027 is not a leap year
        ("2027-11-29", 3, "2028-02-29"),  # 29 February exists in 2028
        ("2027-11-30", 3, "2028-02-29"),  # clamped to the leap day
        ("2027-08-31", 6, "2028-02-29"),
        ("2026-08-31", 6, "2027-02-28"),
        ("2027-01-31", 1, "2027-02-28"),
        ("2028-01-31", 1, "2028-02-29"),
        ("2026-10-31", 6, "2027-04-30"),  # 30-day month, across the year end
        ("2026-12-31", 3, "2027-03-31"),  # no clamp needed
        ("2026-01-15", 3, "2026-04-15"),
        ("2028-02-29", 12, "2029-02-28"),  # leap day + a year
        ("2028-03-31", -1, "2028-02-29"),  # backwards, clamped
        ("2027-01-15", -1, "2026-12-15"),  # backwards across the year end
        ("2027-05-31", 0, "2027-05-31"),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(start: str, months: int, expected: str) -> None:
    assert add_months(D(start), months) == D(expected)


# --- the working calendar ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2027-12-24", True),   # Friday before a Saturday Christmas
        ("2027-12-25", False),  # Christmas Day, Saturday
        ("2027-12-26", False),  # Boxing Day, Sunday
        ("2027-12-27", False),  # substitute day for Christmas
        ("2027-12-28", False),  # substitute day for Boxing Day
        ("2027-12-29", True),
        ("2028-01-03", False),  # substitute day for New Year's Day (Saturday)
        ("2026-12-28", False),  # substitute day for Boxing Day 2026 (Saturday)
        ("2027-03-26", False),  # Good Friday
        ("2027-03-29", False),  # Easter Monday (a bank holiday in England and Wales only)
        ("2027-03-30", True),
        ("2027-03-28", False),  # clocks go forward: a Sunday, nothing more
        ("2026-03-30", True),   # the Monday after the clocks go forward
        ("2026-10-26", True),   # the Monday after the clocks go back
        ("2026-01-02", True),   # 2 January: a bank holiday in Scotland only
        ("2026-11-30", True),   # St Andrew's Day: Scotland only
        ("2027-08-02", True),   # Scotland's summer bank holiday
        ("2027-08-30", False),  # England and Wales' late summer bank holiday
        ("2027-07-12", True),   # Battle of the Boyne: Northern Ireland only
        ("2022-09-19", False),  # one-off: the Queen's state funeral
        ("2023-05-08", False),  # one-off: the coronation
        ("2028-12-26", False),  # Boxing Day on a Tuesday
    ],
)
def test_working_days_are_weekdays_that_are_not_england_and_wales_bank_holidays(
    cal: WorkingCalendar, day: str, working: bool
) -> None:
    assert cal.is_working_day(D(day)) is working


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2027-12-29", "2027-12-29"),  # already a working day
        ("2027-02-28", "2027-02-26"),  # Sunday -> Friday
        ("2027-12-27", "2027-12-24"),  # over a substitute day and a weekend
        ("2027-12-28", "2027-12-24"),
        ("2028-01-03", "2027-12-31"),  # back into the previous year
        ("2027-03-26", "2027-03-25"),  # Good Friday -> Thursday
        ("2027-03-29", "2027-03-25"),  # Easter Monday -> Maundy Thursday
        ("2099-12-25", "2099-12-24"),  # a far year, loaded when asked about
    ],
)
def test_previous_working_day_is_on_or_before(
    cal: WorkingCalendar, day: str, expected: str
) -> None:
    assert cal.previous_working_day(D(day)) == D(expected)


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        ("2027-12-20", 0, "2027-12-20"),
        ("2027-12-20", 1, "2027-12-21"),
        ("2027-12-24", 1, "2027-12-29"),  # over Christmas and both substitute days
        ("2027-12-30", 2, "2028-01-04"),  # over New Year and its substitute day
        ("2027-01-09", 1, "2027-01-11"),  # from a Saturday
        ("2027-03-25", 1, "2027-03-30"),  # over Easter
    ],
)
def test_add_working_days_counts_from_the_day_after(
    cal: WorkingCalendar, day: str, count: int, expected: str
) -> None:
    assert cal.add_working_days(D(day), count) == D(expected)


def test_add_working_days_refuses_a_negative_count(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="negative"):
        cal.add_working_days(D("2027-01-11"), -1)


def test_holidays_between_lists_christmas_2027_with_its_substitute_days(
    cal: WorkingCalendar,
) -> None:
    found = cal.holidays_between(D("2027-12-20"), D("2028-01-05"))
    assert [day for day, _name in found] == [
        D("2027-12-25"), D("2027-12-26"), D("2027-12-27"), D("2027-12-28"),
        D("2028-01-01"), D("2028-01-03"),
    ]


def test_holidays_between_refuses_a_backwards_range(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="before first"):
        cal.holidays_between(D("2027-12-31"), D("2027-12-01"))


@pytest.mark.parametrize(
    ("day", "name"), [("2027-03-26", "Good Friday"), ("2027-03-25", None)]
)
def test_bank_holiday_names_the_day(cal: WorkingCalendar, day: str, name: str | None) -> None:
    assert cal.bank_holiday(D(day)) == name


@pytest.mark.parametrize("year", range(2022, 2031))
def test_england_and_wales_share_one_list_of_bank_holidays(year: int) -> None:
    assert england_and_wales_bank_holidays(year) == dict(holidays.UK(subdiv="WLS", years=year))


def test_a_calendar_can_take_another_holiday_source() -> None:
    closures = WorkingCalendar(lambda year: {date(year, 6, 1): "Council closure day"})
    assert [
        closures.is_working_day(D("2027-06-01")),  # a Tuesday, closed
        closures.is_working_day(D("2027-12-27")),  # not a holiday in this source
        closures.bank_holiday(D("2027-06-01")),
    ] == [False, True, "Council closure day"]


def test_a_calendar_with_no_working_days_fails_instead_of_looping() -> None:
    def every_day(year: int) -> dict[date, str]:
        return {date(year, 1, 1) + timedelta(days=n): "closed" for n in range(366)}

    closed = WorkingCalendar(every_day)
    with pytest.raises(ValueError, match="no working day"):
        closed.previous_working_day(D("2027-06-01"))
    with pytest.raises(ValueError, match="no working day"):
        closed.add_working_days(D("2027-06-01"), 1)


# --- due dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "start", "due"),
    [
        # months: clamp first (30 Nov + 3 months = Sun 28 Feb 2027), then back to Fri 26 Feb
        ("initial-review", "2026-11-30", "2027-02-26"),
        ("initial-review", "2027-11-29", "2028-02-29"),  # leap day, a Tuesday
        ("initial-review", "2027-11-30", "2028-02-29"),
        ("monitoring", "2027-08-31", "2028-02-29"),
        ("monitoring", "2026-08-31", "2027-02-26"),  # Sun 28 Feb 2027 -> Fri 26 Feb
        # Christmas Day (Friday 2026) -> Christmas Eve
        ("initial-review", "2026-09-25", "2026-12-24"),
        # Christmas 2027 on a Saturday and its substitute days (Mon 27, Tue 28) -> Fri 24 Dec
        ("initial-review", "2027-09-25", "2027-12-24"),
        ("initial-review", "2027-09-27", "2027-12-24"),
        ("initial-review", "2027-09-28", "2027-12-24"),
        # Easter 2027: Easter Monday 29 Mar -> over Good Friday 26 Mar -> Thu 25 Mar
        ("initial-review", "2026-12-29", "2027-03-25"),
        ("condition-change", "2027-03-12", "2027-03-25"),  # +14 days = Good Friday
        # New Year's Day 2028 substitute (Mon 3 Jan) -> Fri 31 Dec 2027
        ("condition-change", "2027-12-20", "2027-12-31"),
        # clocks change weekends: dates only, nothing moves
        ("condition-change", "2026-03-18", "2026-04-01"),  # spans Sun 29 Mar 2026
        ("payment", "2026-10-16", "2026-10-26"),  # spans Sun 25 Oct 2026
        # payment: 10 calendar days
        ("payment", "2027-01-07", "2027-01-15"),  # Sun 17 Jan -> Fri 15 Jan
        ("payment", "2027-01-06", "2027-01-15"),  # Sat 16 Jan -> Fri 15 Jan
        ("payment", "2027-05-21", "2027-05-28"),  # Spring bank holiday Mon 31 May -> Fri 28
        ("payment", "2027-03-20", "2027-03-30"),  # lands on a working day: unmoved
        # bid feedback: 5 working days after the award decision
        ("bid-feedback", "2027-12-20", "2027-12-29"),  # 21, 22, 23, 24, 29 Dec
        ("bid-feedback", "2027-12-23", "2028-01-04"),  # 24, 29, 30, 31 Dec, 4 Jan
        ("bid-feedback", "2027-03-24", "2027-04-02"),  # 25, 30, 31 Mar, 1, 2 Apr (Easter)
        ("bid-feedback", "2026-10-22", "2026-10-29"),  # 23, 26, 27, 28, 29 Oct (clocks)
        ("bid-feedback", "2027-01-09", "2027-01-15"),  # decided on a Saturday
    ],
)
def test_due_date(cal: WorkingCalendar, rule: str, start: str, due: str) -> None:
    assert due_date(RULES[rule], D(start), cal) == D(due)


def test_a_due_date_is_never_moved_back_before_the_start(cal: WorkingCalendar) -> None:
    one_day = Rule(name="one-day", pledge=26, amount=1, unit=Count.CALENDAR_DAYS)
    same_day = Rule(name="same-day", pledge=28, amount=0, unit=Count.WORKING_DAYS)
    # From Saturday 9 Jan 2027 no working day lies in the window: the date itself stands.
    assert [due_date(one_day, D("2027-01-09"), cal), due_date(same_day, D("2027-01-09"), cal)] == [
        D("2027-01-10"), D("2027-01-09")
    ]


# --- reminders -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "start", "reminders"),
    [
        # due Fri 15 Jan; 14 days before (1 Jan) is before the start: dropped
        ("payment", "2027-01-07", ["2027-01-08", "2027-01-14", "2027-01-15"]),
        # due Wed 29 Dec; 1 day before is a substitute day -> Fri 24 Dec
        ("bid-feedback", "2027-12-20", ["2027-12-22", "2027-12-24", "2027-12-29"]),
        # due Wed 1 Apr 2026; 14 days before is the start day itself: kept
        ("condition-change", "2026-03-18",
         ["2026-03-18", "2026-03-25", "2026-03-31", "2026-04-01"]),
        # due Tue 30 Mar 2027; 1 day before is Easter Monday -> Thu 25 Mar
        ("payment", "2027-03-20", ["2027-03-23", "2027-03-25", "2027-03-30"]),
        # due Thu 25 Mar 2027 (moved back over Easter)
        ("initial-review", "2026-12-29",
         ["2027-03-11", "2027-03-18", "2027-03-24", "2027-03-25"]),
        # due Fri 26 Feb 2027 (moved back from Sun 28 Feb)
        ("initial-review", "2026-11-30",
         ["2027-02-12", "2027-02-19", "2027-02-25", "2027-02-26"]),
    ],
)
def test_reminder_dates(cal: WorkingCalendar, rule: str, start: str, reminders: list[str]) -> None:
    assert reminder_dates(RULES[rule], D(start), cal) == [D(day) for day in reminders]


@pytest.mark.parametrize(
    ("start", "lead_days", "due", "reminders"),
    [
        # due Mon 18 Jan: 3, 2 and 1 days before all become Fri 15 Jan, sent once
        ("2027-01-08", (3, 2, 1, 0), "2027-01-18", ["2027-01-15", "2027-01-18"]),
        # from Sat 9 Jan: 10 and 9 days before (Sat 9, Sun 10) move to Fri 8, before the start
        ("2027-01-09", (10, 9, 1, 0), "2027-01-19", ["2027-01-18", "2027-01-19"]),
        # lead times in any order give sorted dates
        ("2027-01-07", (0, 14, 1, 7), "2027-01-15", ["2027-01-08", "2027-01-14", "2027-01-15"]),
        ("2027-01-07", (), "2027-01-15", []),
    ],
)
def test_reminders_with_configured_lead_times(
    cal: WorkingCalendar, start: str, lead_days: tuple[int, ...], due: str, reminders: list[str]
) -> None:
    planned = schedule("payment", D(start), cal, lead_days=lead_days)
    assert (planned.due, planned.reminders) == (D(due), tuple(D(day) for day in reminders))


# --- schedule() and its overrides ----------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "start", "overrides", "due"),
    [
        # 10 working days: 21-24, 29-31 Dec, 4-6 Jan
        ("bid-feedback", "2027-12-20", {"amount": 10}, "2028-01-06"),
        # a council paying in 10 working days: 24-28 May, (31 May bank holiday), 1-4, 7 Jun
        ("payment", "2027-05-21", {"unit": Count.WORKING_DAYS}, "2027-06-07"),
        # 5 calendar days instead of working days: Sat 25 Dec 2027 -> Fri 24 Dec
        ("bid-feedback", "2027-12-20", {"unit": Count.CALENDAR_DAYS}, "2027-12-24"),
        # 2 months: Sun 30 Jan 2028 -> Fri 28 Jan
        ("initial-review", "2027-11-30", {"amount": 2}, "2028-01-28"),
    ],
)
def test_schedule_overrides_the_count(
    cal: WorkingCalendar, rule: str, start: str, overrides: dict[str, object], due: str
) -> None:
    assert schedule(rule, D(start), cal, **overrides).due == D(due)  # type: ignore[arg-type]


def test_schedule_with_other_rules_uses_them(cal: WorkingCalendar) -> None:
    council = {"payment": Rule(name="payment", pledge=29, amount=30, unit=Count.CALENDAR_DAYS)}
    # 7 Jan + 30 days = Sat 6 Feb 2027 -> Fri 5 Feb
    assert schedule("payment", D("2027-01-07"), cal, rules=council).due == D("2027-02-05")


@pytest.mark.parametrize(
    "overrides", [{"amount": -1}, {"lead_days": (7, -1)}], ids=["amount", "lead-days"]
)
def test_negative_counts_are_refused(cal: WorkingCalendar, overrides: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        schedule("payment", D("2027-01-07"), cal, **overrides)  # type: ignore[arg-type]


def test_an_unknown_rule_names_the_valid_ones(cal: WorkingCalendar) -> None:
    with pytest.raises(UnknownRule) as caught:
        schedule("payments", D("2027-01-07"), cal)
    assert str(caught.value) == (
        "unknown deadline rule 'payments'; choose one of: initial-review, monitoring, "
        "condition-change, payment, bid-feedback"
    )


def test_an_unknown_rule_is_a_value_error() -> None:
    # rules.py imports nothing of the project, so it raises a plain ValueError subclass.
    with pytest.raises(ValueError, match="unknown deadline rule 'review'"):
        get_rule("review")


@pytest.mark.parametrize(
    "call",
    [
        lambda c: schedule("payment", datetime(2027, 1, 7, tzinfo=UTC), c),
        lambda c: add_months(datetime(2027, 1, 7, tzinfo=UTC), 1),
        lambda c: c.is_working_day(datetime(2027, 1, 7, tzinfo=UTC)),
        lambda c: schedule("payment", "2027-01-07", c),
    ],
    ids=["schedule", "add-months", "calendar", "string"],
)
def test_only_dates_are_accepted(
    cal: WorkingCalendar, call: Callable[[WorkingCalendar], object]
) -> None:
    with pytest.raises(TypeError, match=r"must be a datetime\.date"):
        call(cal)


# --- the result ----------------------------------------------------------------------------


def test_the_json_shape(cal: WorkingCalendar) -> None:
    shown = schedule("payment", D("2027-01-07"), cal).to_json()
    assert json.loads(json.dumps(shown)) == {
        "rule": "payment",
        "start": "2027-01-07",
        "due": "2027-01-15",
        "reminders": ["2027-01-08", "2027-01-14", "2027-01-15"],
    }


def test_the_json_keys_come_in_order(cal: WorkingCalendar) -> None:
    shown = schedule("bid-feedback", D("2027-12-20"), cal).to_json()
    assert list(shown) == ["rule", "start", "due", "reminders"]


@pytest.mark.parametrize(
    ("lead_days", "last_line"),
    [
        (DEFAULT_LEAD_DAYS, "reminders: 2027-12-22, 2027-12-24, 2027-12-29"),
        ((), "reminders: none"),
    ],
)
def test_the_text_for_people(
    cal: WorkingCalendar, lead_days: tuple[int, ...], last_line: str
) -> None:
    shown = schedule("bid-feedback", D("2027-12-20"), cal, lead_days=lead_days).to_text()
    assert shown.splitlines() == [
        "rule: bid-feedback", "start: 2027-12-20", "due: 2027-12-29", last_line
    ]


@pytest.mark.parametrize(
    ("today", "overdue", "pending"),
    [
        ("2027-01-07", False, ["2027-01-08", "2027-01-14", "2027-01-15"]),
        ("2027-01-14", False, ["2027-01-14", "2027-01-15"]),
        ("2027-01-15", False, ["2027-01-15"]),
        ("2027-01-16", True, []),
    ],
)
def test_overdue_and_pending_reminders_depend_on_today(
    cal: WorkingCalendar, today: str, overdue: bool, pending: list[str]
) -> None:
    planned = schedule("payment", D("2027-01-07"), cal)
    assert (planned.is_overdue(D(today)), planned.pending_reminders(D(today))) == (
        overdue, tuple(D(day) for day in pending)
    )


# --- given dates: tender dates and uplift dates --------------------------------------------


@pytest.mark.parametrize(
    ("name", "given", "start", "reminders"),
    [
        # a submission deadline on Sun 28 Mar 2027 stays put; 1 and 0 days before both move
        # back over Easter to Thu 25 Mar, sent once
        ("submission-deadline", "2027-03-28", "2027-03-01",
         ["2027-03-12", "2027-03-19", "2027-03-25"]),
        # an uplift date of Thu 1 Apr 2027 told on 25 Mar: 14 days before is dropped
        ("uplift-confirmation", "2027-04-01", "2027-03-25",
         ["2027-03-25", "2027-03-31", "2027-04-01"]),
    ],
)
def test_given_dates_keep_their_date_and_get_working_day_reminders(
    cal: WorkingCalendar, name: str, given: str, start: str, reminders: list[str]
) -> None:
    assert given_date_schedule(name, D(given), cal, start=D(start)) == Schedule(
        rule=name, start=D(start), due=D(given), reminders=tuple(D(day) for day in reminders)
    )


def test_a_given_date_before_the_start_is_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="before the start"):
        given_date_schedule("standstill-end", D("2027-03-01"), cal, start=D("2027-03-02"))
