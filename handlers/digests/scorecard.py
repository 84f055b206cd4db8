"""The commitment scorecard: how a council kept the pledge's clocks over a period.

``scorecards`` computes it for many councils at once with a handful of set-based queries (one
per figure, grouped by council, never one per person or row), for the commissioners' weekly
digest and for the published feedback page to come. Each percentage keeps the counts behind it;
a figure with nothing to count in the period says so (``Ratio.percent`` is None).

What each figure counts, for a period of local dates ``first`` .. ``last`` (both included),
judged as at the end of ``last``:

- placement reviews (pledges 24-26: initial review, joint monitoring, condition-change
  revisit) falling due in the period, not marked not applicable: on time when done on or
  before the due date;
- invoices to the council received in the period: within the pledge's aim (10 days, a working
  day) and within the legal limit (30 days) when paid by then; an unpaid invoice whose clock
  has not yet run out by the end of the period is not counted yet;
- feedback to unsuccessful bidders (pledge 28) falling due in the period: on time when given
  on or before the due date;
- conflicts (pledge 6) still open at the end of the period, by age; and the median days from
  raising to resolving of the conflicts resolved in the period (withdrawn ones left out);
- safeguarding concerns raised in the period: acknowledged within the hour; one raised in the
  period's last hour and not yet acknowledged is not counted yet.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, and_, case, func, or_, select
from sqlalchemy.orm import Session

from bot.db import id_in
from bot.models import Case, CaseKind, CaseStatus, Deadline, DeadlineStatus, Invoice, Placement
from bot.values import frozen
from handlers.deadlines.store import BID_FEEDBACK_RULE, ENDED_OUTCOMES, REVIEW_RULES
from scheduler.rules import WorkingCalendar, payment_clocks

ACKNOWLEDGE_WITHIN = timedelta(hours=1)
# Open conflicts by age in days: (label, oldest age in the band), youngest band first.
CONFLICT_AGES = (("under 1 week", 6), ("1-4 weeks", 27), ("4-12 weeks", 83),
                 ("over 12 weeks", None))


@frozen
class Ratio:
    """``met`` of ``total`` counted; the percentage is None when there was nothing to count."""

    met: int = 0
    total: int = 0

    @property
    def percent(self) -> int | None:
        """The share met, rounded to a whole percent; None with nothing counted."""
        if self.total == 0:
            return None
        return round(100 * self.met / self.total)


@frozen
class Scorecard:
    """One council's figures for one period (see the module docstring for what each counts).

    Attributes:
        first: the period's first day.
        last: the period's last day.
        reviews_on_time: placement reviews done on time.
        invoices_within_aim: invoices paid within the pledge's 10-day aim.
        invoices_within_limit: invoices paid within the 30-day legal limit.
        bid_feedback_on_time: unsuccessful bidders given feedback on time.
        conflicts_open: open conflicts per age band (label, count), youngest first.
        conflicts_resolved: conflicts resolved in the period.
        median_days_to_resolve: their median days to resolve (one decimal), or None.
        safeguarding_acknowledged: concerns acknowledged within the hour.
    """

    first: date
    last: date
    reviews_on_time: Ratio = Ratio()
    invoices_within_aim: Ratio = Ratio()
    invoices_within_limit: Ratio = Ratio()
    bid_feedback_on_time: Ratio = Ratio()
    conflicts_open: tuple[tuple[str, int], ...] = field(
        default_factory=lambda: tuple((label, 0) for label, _ in CONFLICT_AGES))
    conflicts_resolved: int = 0
    median_days_to_resolve: float | None = None
    safeguarding_acknowledged: Ratio = Ratio()

    @property
    def conflicts_open_total(self) -> int:
        """How many conflicts were open at the end of the period."""
        return sum(count for _label, count in self.conflicts_open)

    @property
    def has_data(self) -> bool:
        """Whether any figure counted anything."""
        ratios = (self.reviews_on_time, self.invoices_within_aim, self.invoices_within_limit,
                  self.bid_feedback_on_time, self.safeguarding_acknowledged)
        return (any(ratio.total for ratio in ratios) or self.conflicts_open_total > 0
                or self.conflicts_resolved > 0)


def _age_band(days: int) -> str:
    for label, oldest in CONFLICT_AGES:
        if oldest is None or days <= oldest:
            return label
    raise AssertionError("the last band takes any age")  # pragma: no cover


def _clock_ratios(session: Session, councils: list[int], first: date, last: date
                  ) -> dict[tuple[int, str], Ratio]:
    """Reviews and bid feedback due in the period, per (council, "review" | "bid-feedback"):
    one grouped query."""
    kind = case((Deadline.rule == BID_FEEDBACK_RULE, BID_FEEDBACK_RULE), else_="review")
    on_time = and_(Deadline.status == DeadlineStatus.DONE, Deadline.done_on.is_not(None),
                   Deadline.done_on <= Deadline.due_on)
    rows = session.execute(
        select(Deadline.council_id, kind, func.count(),
               func.sum(case((on_time, 1), else_=0)).cast(Integer))
        .where(id_in(session, Deadline.council_id, councils),
               Deadline.rule.in_((*REVIEW_RULES, BID_FEEDBACK_RULE)),
               # Not applicable is left out, but for a review missed while its placement
               # ran, closed when the placement ended (deadlines' ``_end_placement``): due by
               # the placement's end, not by the day the end was recorded (session 30's
               # review: reviews due after an end recorded before the session, closed then,
               # counted as missed).
               (Deadline.status != DeadlineStatus.NOT_APPLICABLE)
               | (Deadline.outcome.like(ENDED_OUTCOMES)
                  & (Deadline.due_on <= select(Placement.ended_on)
                     .where(Placement.id == Deadline.placement_id).scalar_subquery())),
               Deadline.due_on >= first, Deadline.due_on <= last)
        .group_by(Deadline.council_id, kind)).all()
    return {(council, which): Ratio(int(met or 0), int(total))
            for council, which, total, met in rows}


def _invoice_ratios(session: Session, councils: list[int], first: date, last: date,
                    calendar: WorkingCalendar) -> dict[int, tuple[Ratio, Ratio]]:
    """Per council, (within aim, within limit) of the invoices received in the period."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    rows = session.execute(
        select(Invoice.payer_id, Invoice.received_on, Invoice.paid_on)
        .where(id_in(session, Invoice.payer_id, councils),
               Invoice.received_on >= first, Invoice.received_on <= last)).all()
    for council, received, paid in rows:
        clocks = payment_clocks(received, calendar)
        tally = counts[council]
        for slot, limit in ((0, clocks.aim), (2, clocks.limit)):
            if paid is not None and paid <= limit:
                tally[slot] += 1
                tally[slot + 1] += 1
            elif paid is not None or limit <= last:
                tally[slot + 1] += 1  # paid late, or unpaid and the clock ran out
    return {council: (Ratio(t[0], t[1]), Ratio(t[2], t[3])) for council, t in counts.items()}


def _conflicts(session: Session, councils: list[int], start: datetime, end: datetime
               ) -> dict[int, tuple[dict[str, int], list[float]]]:
    """Per council, open conflicts at ``end`` by age band and the days each conflict resolved
    in the period took: one query."""
    found: dict[int, tuple[dict[str, int], list[float]]] = defaultdict(lambda: ({}, []))
    open_at_end = or_(Case.closed_at.is_(None), Case.closed_at >= end)
    resolved_in = and_(Case.status == CaseStatus.RESOLVED, Case.closed_at >= start,
                       Case.closed_at < end)
    rows = session.execute(
        select(Case.council_id, Case.opened_at, Case.closed_at, Case.status)
        .where(id_in(session, Case.council_id, councils), Case.kind == CaseKind.CONFLICT,
               Case.opened_at < end, or_(open_at_end, resolved_in))).all()
    for council, opened, closed, status in rows:
        bands, durations = found[council]
        if closed is None or closed >= end:
            band = _age_band((end - opened).days)
            bands[band] = bands.get(band, 0) + 1
        if status == CaseStatus.RESOLVED and closed is not None and start <= closed < end:
            durations.append((closed - opened).total_seconds() / 86400)
    return found


def _safeguarding(session: Session, councils: list[int], start: datetime, end: datetime
                  ) -> dict[int, Ratio]:
    """Per council, concerns raised in the period and acknowledged within the hour."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    rows = session.execute(
        select(Case.council_id, Case.opened_at, Case.acknowledged_at)
        .where(id_in(session, Case.council_id, councils), Case.kind == CaseKind.SAFEGUARDING,
               Case.opened_at >= start, Case.opened_at < end)).all()
    for council, opened, acknowledged in rows:
        deadline = opened + ACKNOWLEDGE_WITHIN
        if acknowledged is not None and acknowledged <= deadline:
            counts[council][0] += 1
            counts[council][1] += 1
        elif acknowledged is not None or deadline <= end:
            counts[council][1] += 1
    return {council: Ratio(met, total) for council, (met, total) in counts.items()}


def scorecards(session: Session, council_ids: Iterable[int], *, first: date, last: date,
               timezone: str, calendar: WorkingCalendar) -> dict[int, Scorecard]:
    """The scorecard of each council for the local dates ``first`` .. ``last`` (included).

    Args:
        session: reads only.
        council_ids: the councils (each gets a scorecard, empty ones included).
        first: the period's first day.
        last: the period's last day.
        timezone: whose midnights bound the period for the cases' timestamps.
        calendar: working days, for the pledge's 10-day payment aim.
    """
    councils = sorted(set(council_ids))
    if not councils:
        return {}
    zone = ZoneInfo(timezone)
    start = datetime.combine(first, time(), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)
    clocks = _clock_ratios(session, councils, first, last)
    invoices = _invoice_ratios(session, councils, first, last, calendar)
    conflicts = _conflicts(session, councils, start, end)
    concerns = _safeguarding(session, councils, start, end)
    cards = {}
    for council in councils:
        aim, limit = invoices.get(council, (Ratio(), Ratio()))
        bands, durations = conflicts.get(council, ({}, []))
        cards[council] = Scorecard(
            first=first, last=last,
            reviews_on_time=clocks.get((council, "review"), Ratio()),
            invoices_within_aim=aim, invoices_within_limit=limit,
            bid_feedback_on_time=clocks.get((council, BID_FEEDBACK_RULE), Ratio()),
            conflicts_open=tuple((label, bands.get(label, 0)) for label, _ in CONFLICT_AGES),
            conflicts_resolved=len(durations),
            median_days_to_resolve=(round(statistics.median(durations), 1) if durations
                                    else None),
            safeguarding_acknowledged=concerns.get(council, Ratio()),
        )
    return cards
