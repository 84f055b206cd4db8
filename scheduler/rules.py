"""Deadline rules of the Pledge to Work Together: pure date arithmetic, no clock, no I/O.

Each rule counts from a start event (placement start, previous review, notification of a change,
invoice receipt, award decision) in one unit, stated on the rule:

    rule               pledge  default             counts
    initial-review       24    3 months            months (day of month clamped to month end)
    monitoring           25    6 months            months, from the previous review
    condition-change     26    14 calendar days    calendar days ("within two weeks")
    payment              29    10 calendar days    calendar days ("within 10 days of receipt")
    bid-feedback         28    5 working days      working days after the award decision

An invoice has two clocks (:func:`payment_clocks`): pledge 29's *aim* of 10 days (the rule
``payment`` above, a voluntary local commitment) and the *legal limit* of 30 calendar days from
receipt of a valid invoice (Procurement Act 2023 s68 for the council, s73 for a prime paying its
subcontractors; PCR 2015 reg 113 for older contracts). The limit is kept as it falls, even on a
weekend: the law counts calendar days and moves nothing, so paying on day 30 is on time and day
31 is late.

Working days are Monday to Friday except England and Wales bank holidays, substitute days
included. A due date that falls on a non-working day moves to the *previous* working day, so
meeting it still meets the commitment. Reminders go out at lead times measured in calendar days
before the due date (default 14, 7, 1 and 0); a reminder date that falls on a non-working day
moves to the previous working day, and reminders before the start date are dropped.

Tender dates (clarification deadline, submission deadline, standstill end) and the contract's
uplift date (pledge 7) are given dates, not computed ones: see :func:`given_date_schedule`.

Nothing here reads the clock: "today" is always a parameter.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType

import holidays

DEFAULT_LEAD_DAYS: tuple[int, ...] = (14, 7, 1, 0)
"""Reminder lead times, in calendar days before the due date."""

# Longer than any real run of weekends and bank holidays; a guard against a holiday source that
# (wrongly) declares every day a holiday, which would otherwise loop for ever.
_MAX_NON_WORKING_RUN = 31
_ONE_DAY = timedelta(days=1)


class Count(StrEnum):
    """The unit a rule counts in."""

    CALENDAR_DAYS = "calendar-days"
    WORKING_DAYS = "working-days"
    MONTHS = "months"


class UnknownRule(ValueError):
    """No deadline rule has this name; the message lists the valid names (safe to show)."""

    def __init__(self, name: str, valid: Iterable[str]) -> None:
        self.name = name
        self.valid = tuple(valid)
        super().__init__(f"unknown deadline rule {name!r}; choose one of: {', '.join(self.valid)}")


def _plain_date(value: object, what: str) -> date:
    """``value`` if it is a calendar date; a datetime (a subclass of date) is refused."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{what} must be a datetime.date, not {type(value).__name__}: {value!r}")
    return value


def england_and_wales_bank_holidays(year: int) -> dict[date, str]:
    """England and Wales bank holidays in ``year``, substitute ("observed") days included."""
    # subdiv="ENG" is the package's England list. England and Wales share one list of bank
    # holidays (the package's "WLS" list is identical), unlike Scotland and Northern Ireland;
    # without a subdivision the package gives only the UK-wide days (no Easter Monday).
    return dict(holidays.country_holidays("UK", subdiv="ENG", years=year))


class WorkingCalendar:
    """Working days: Monday to Friday except bank holidays, whose years are loaded on demand."""

    __slots__ = ("_holidays_for_year", "_years")

    def __init__(
        self,
        holidays_for_year: Callable[[int], Mapping[date, str]] = england_and_wales_bank_holidays,
        *,
        years: Iterable[int] = (),
    ) -> None:
        """Build a calendar; ``years`` are loaded now, any other year when first asked about.

        Args:
            holidays_for_year: the bank holidays (date -> name) of one year; dates outside that
                year are ignored. Defaults to England and Wales.
            years: years to load at once, to keep the first lookups quick.
        """
        self._holidays_for_year = holidays_for_year
        self._years: dict[int, Mapping[date, str]] = {}
        for year in years:
            self._year(year)

    def _year(self, year: int) -> Mapping[date, str]:
        known = self._years.get(year)
        if known is None:
            # A cache, not state: two threads may both load a year, and both get the same answer.
            loaded = self._holidays_for_year(year)
            known = MappingProxyType({d: name for d, name in loaded.items() if d.year == year})
            self._years[year] = known
        return known

    def bank_holiday(self, day: date) -> str | None:
        """The name of the bank holiday on ``day``, or None."""
        day = _plain_date(day, "day")
        return self._year(day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        """True from Monday to Friday unless it is a bank holiday."""
        day = _plain_date(day, "day")
        return day.weekday() < 5 and day not in self._year(day.year)

    def previous_working_day(self, day: date) -> date:
        """``day`` if it is a working day, else the last working day before it."""
        current = _plain_date(day, "day")
        for _ in range(_MAX_NON_WORKING_RUN):
            if self.is_working_day(current):
                return current
            current -= _ONE_DAY
        raise ValueError(f"no working day in the {_MAX_NON_WORKING_RUN} days up to {day}")

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (``day`` itself is not counted; 0 -> day)."""
        current = _plain_date(day, "day")
        if count < 0:
            raise ValueError(f"count of working days must not be negative: {count}")
        remaining, idle = count, 0
        while remaining:
            current += _ONE_DAY
            if self.is_working_day(current):
                remaining, idle = remaining - 1, 0
            else:
                idle += 1
                if idle >= _MAX_NON_WORKING_RUN:
                    raise ValueError(f"no working day in the {idle} days up to {current}")
        return current

    def holidays_between(self, first: date, last: date) -> list[tuple[date, str]]:
        """Bank holidays from ``first`` to ``last`` inclusive, in date order, with their names."""
        first, last = _plain_date(first, "first"), _plain_date(last, "last")
        if last < first:
            raise ValueError(f"last ({last}) is before first ({first})")
        return sorted(
            (day, name)
            for year in range(first.year, last.year + 1)
            for day, name in self._year(year).items()
            if first <= day <= last
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """One deadline rule: due ``amount`` ``unit`` after the start event."""

    name: str
    pledge: int
    amount: int
    unit: Count
    lead_days: tuple[int, ...] = DEFAULT_LEAD_DAYS
    description: str = ""

    def __post_init__(self) -> None:
        """Check the numbers and normalise the unit and the lead days."""
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise TypeError(f"rule {self.name}: amount must be an int, not {self.amount!r}")
        if self.amount < 0:
            raise ValueError(f"rule {self.name}: amount must not be negative: {self.amount}")
        # Frozen: normalise through object.__setattr__, as dataclasses document for __post_init__.
        object.__setattr__(self, "unit", Count(self.unit))
        object.__setattr__(self, "lead_days", _check_lead_days(self.lead_days))


def _check_lead_days(lead_days: Iterable[int]) -> tuple[int, ...]:
    leads = tuple(lead_days)
    negative = [lead for lead in leads if lead < 0]
    if negative:
        raise ValueError(f"lead days (days before the due date) must not be negative: {negative}")
    return leads


RULES: Mapping[str, Rule] = MappingProxyType({
    rule.name: rule
    for rule in (
        Rule(name="initial-review", pledge=24, amount=3, unit=Count.MONTHS,
             description="Initial placement review, three months after the placement starts."),
        Rule(name="monitoring", pledge=25, amount=6, unit=Count.MONTHS,
             description="Joint monitoring review, six months after the previous review."),
        Rule(name="condition-change", pledge=26, amount=14, unit=Count.CALENDAR_DAYS,
             description="Revisit the care package within two weeks of notice of a change."),
        Rule(name="payment", pledge=29, amount=10, unit=Count.CALENDAR_DAYS,
             description="The pledge's aim: pay the supplier within 10 days of receiving its "
                         "invoice (the legal limit is 30 days)."),
        Rule(name="bid-feedback", pledge=28, amount=5, unit=Count.WORKING_DAYS,
             description="Feedback to unsuccessful bidders after the award decision."),
    )
})
"""The pledge's deadline rules by name, with their default counts."""


def get_rule(name: str, rules: Mapping[str, Rule] = RULES) -> Rule:
    """The rule called ``name``; raises :class:`UnknownRule` naming the valid ones."""
    try:
        return rules[name]
    except KeyError:
        raise UnknownRule(name, rules) from None


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the end of a shorter month."""
    day = _plain_date(day, "day")
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def due_date(rule: Rule, start: date, calendar: WorkingCalendar) -> date:
    """When ``rule`` falls due for a start event on ``start``, moved back to a working day.

    If no working day lies between ``start`` and the unmoved date (say, one calendar day from a
    Saturday), the unmoved date is returned: a due date before the start could not be met.
    """
    start = _plain_date(start, "start")
    unmoved = unmoved_date(rule, start, calendar)
    moved = calendar.previous_working_day(unmoved)
    return moved if moved >= start else unmoved


def unmoved_date(rule: Rule, start: date, calendar: WorkingCalendar) -> date:
    """When ``rule`` falls for a start on ``start`` before any move to a working day (what
    ``due_date`` moves; a chat reply says when it was moved)."""
    if rule.unit is Count.MONTHS:
        return add_months(start, rule.amount)
    if rule.unit is Count.CALENDAR_DAYS:
        return start + timedelta(days=rule.amount)
    return calendar.add_working_days(start, rule.amount)


def reminders_before(
    due: date, calendar: WorkingCalendar, *, lead_days: Iterable[int], not_before: date
) -> list[date]:
    """The working days to remind on before ``due``, in date order and without repeats.

    Each lead time is a number of calendar days before ``due``; a date that falls on a
    non-working day moves back to the previous working day, and dates before ``not_before``
    (the start) are dropped.
    """
    due = _plain_date(due, "due")
    not_before = _plain_date(not_before, "not_before")
    sent_on = {
        calendar.previous_working_day(due - timedelta(days=lead))
        for lead in _check_lead_days(lead_days)
    }
    return sorted(day for day in sent_on if day >= not_before)


def reminder_dates(rule: Rule, start: date, calendar: WorkingCalendar) -> list[date]:
    """The working days to remind on for ``rule`` started on ``start``; see reminders_before."""
    return reminders_before(
        due_date(rule, start, calendar), calendar, lead_days=rule.lead_days, not_before=start
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Schedule:
    """A rule's due date and reminder dates for one start date."""

    rule: str
    start: date
    due: date
    reminders: tuple[date, ...]

    def is_overdue(self, today: date) -> bool:
        """True once ``today`` is after the due date."""
        return _plain_date(today, "today") > self.due

    def pending_reminders(self, today: date) -> tuple[date, ...]:
        """The reminders on or after ``today``."""
        today = _plain_date(today, "today")
        return tuple(day for day in self.reminders if day >= today)

    def to_json(self) -> dict[str, str | list[str]]:
        """``{"rule", "start", "due", "reminders"}`` with ISO dates (YYYY-MM-DD)."""
        return {
            "rule": self.rule,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "reminders": [day.isoformat() for day in self.reminders],
        }

    def to_text(self) -> str:
        """Four ``label: value`` lines for people: rule, start, due and reminders."""
        reminders = ", ".join(day.isoformat() for day in self.reminders) or "none"
        return (
            f"rule: {self.rule}\nstart: {self.start.isoformat()}\n"
            f"due: {self.due.isoformat()}\nreminders: {reminders}"
        )


def schedule(
    rule_name: str,
    start: date,
    calendar: WorkingCalendar,
    *,
    amount: int | None = None,
    unit: Count | None = None,
    lead_days: Iterable[int] | None = None,
    rules: Mapping[str, Rule] = RULES,
) -> Schedule:
    """Due date and reminders for the rule ``rule_name`` started on ``start``.

    Args:
        rule_name: a key of ``rules``; an unknown name raises :class:`UnknownRule`.
        start: the date of the start event.
        calendar: the working days to count and to move dates by.
        amount, unit, lead_days: override the rule's own count and reminder lead times.
        rules: the rule table (a council's configured rules); defaults to :data:`RULES`.
    """
    rule = get_rule(rule_name, rules)
    rule = replace(
        rule,
        amount=rule.amount if amount is None else amount,
        unit=rule.unit if unit is None else unit,
        lead_days=rule.lead_days if lead_days is None else tuple(lead_days),
    )
    start = _plain_date(start, "start")
    due = due_date(rule, start, calendar)
    reminders = reminders_before(due, calendar, lead_days=rule.lead_days, not_before=start)
    return Schedule(rule=rule.name, start=start, due=due, reminders=tuple(reminders))


def given_date_schedule(
    name: str,
    due: date,
    calendar: WorkingCalendar,
    *,
    start: date,
    lead_days: Iterable[int] = DEFAULT_LEAD_DAYS,
) -> Schedule:
    """Reminders for a date set elsewhere: a tender date or a contract's uplift date.

    The given date is kept as it is, even on a non-working day: it is a fact set by the tender or
    the contract, and moving a standstill end earlier would be wrong. Reminders follow the usual
    rules (working days, none before ``start``).
    """
    due = _plain_date(due, "due")
    start = _plain_date(start, "start")
    if due < start:
        raise ValueError(f"{name}: the given date {due} is before the start {start}")
    reminders = reminders_before(due, calendar, lead_days=lead_days, not_before=start)
    return Schedule(rule=name, start=start, due=due, reminders=tuple(reminders))


LEGAL_PAYMENT_DAYS = 30
"""The legal period for paying a valid invoice, in calendar days (PA23 s68, s73; PCR 2015 reg
113). PA23 counts "30 days beginning with the day on which an invoice is received": the day of
receipt is the first of the 30, so the last day to pay is 29 days after it (session 22's review:
an invoice received on 2 December showed a legal limit of 1 January, one day late). PCR 2015's
"within 30 days from" the receipt would allow one day more; the earlier day is the one shown, so
a reminder is never late under either."""


class PaymentStanding(StrEnum):
    """Where an unpaid invoice stands against its two clocks."""

    WITHIN_AIM = "within-aim"  # on or before the pledge's aim date
    PAST_AIM = "past-aim"  # past the pledge's 10 days, within the legal 30
    OVERDUE = "overdue"  # past the legal limit


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentClocks:
    """An invoice's two clocks: the pledge's aim (10 days) and the legal limit (30 days)."""

    received: date
    aim: date
    limit: date

    def standing(self, today: date) -> PaymentStanding:
        """Within the aim, past the aim, or overdue (past the legal limit) on ``today``."""
        today = _plain_date(today, "today")
        if today > self.limit:
            return PaymentStanding.OVERDUE
        if today > self.aim:
            return PaymentStanding.PAST_AIM
        return PaymentStanding.WITHIN_AIM


def payment_clocks(received: date, calendar: WorkingCalendar, *,
                   rules: Mapping[str, Rule] = RULES) -> PaymentClocks:
    """The aim (rule ``payment``, moved back to a working day like every pledge clock) and the
    legal limit (the last of the 30 calendar days beginning with ``received``, not moved) of an
    invoice received then."""
    received = _plain_date(received, "received")
    aim = due_date(get_rule("payment", rules), received, calendar)
    limit = received + timedelta(days=LEGAL_PAYMENT_DAYS - 1)
    return PaymentClocks(received=received, aim=min(aim, limit), limit=limit)
