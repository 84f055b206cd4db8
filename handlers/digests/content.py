"""What a person's weekly digest says, gathered for many people at once.

``gather`` reads a whole batch of people with a fixed number of queries (deadlines, cases, new
feedback, the last digest sent, and the scorecards of their councils), whatever the batch's
size, and sorts the rows to each person in Python. ``render_digest`` turns one person's content
into words (``bot/templates/digest_weekly.txt``).

Who sees what (the same as ``/reminders`` and ``/cases`` show them):

- a provider: its organisation's deadlines, and the open cases its people raised under their
  name (anonymous feedback stays unlinked, even from the sender's colleagues);
- a commissioner or an admin: the deadlines they are the commissioner of, the cases they own,
  feedback routed to them since their last digest, their council's surveys open that day
  (with how many have answered) and (commissioners) their council's scorecard for the 90 days
  before the digest's day.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from jinja2 import Environment
from sqlalchemy import ColumnElement, SQLColumnExpression, and_, func, or_, select
from sqlalchemy.orm import Session

from bot.db import id_in
from bot.models import (
    CASE_CLOSED,
    Case,
    CaseKind,
    CaseStatus,
    Deadline,
    DeadlineStatus,
    Digest,
    DigestStatus,
    Organisation,
    Person,
    Role,
    Survey,
    SurveyInvitee,
)
from bot.templates import render
from bot.values import frozen
from handlers.cases.service import (
    acknowledgement_overdue,
    latest_escalations,
    title_of_category,
    whose_for_council,
)
from handlers.deadlines.store import (
    PASSING_RULES,
    REVIEW_RULES,
    RULE_PLEDGES,
    RULE_TITLES,
    booked_days,
    provider_councils,
)
from handlers.digests.scorecard import Scorecard, scorecards
from handlers.formats import days_open
from scheduler.rules import LEGAL_PAYMENT_DAYS, WorkingCalendar, payment_clocks

# At most this many lines per section; the rest are counted ("and 12 more").
SHOWN = 15
SCORECARD_DAYS = 90
# What an open case waits for, by status: the owner's acknowledgement, the owner's work
# towards a resolution, or the provider's answer to a proposed resolution.
WAITS = {CaseStatus.OPEN: "acknowledgement", CaseStatus.ACKNOWLEDGED: "resolution",
         CaseStatus.IN_PROGRESS: "resolution", CaseStatus.RESOLUTION_PROPOSED: "provider"}
ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
BLANK_LINES = re.compile(r"\n{3,}")


def iso_week(day: date) -> str:
    """The ISO week a day falls in, as ``2026-W49``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_monday(label: str) -> date:
    """The Monday of an ISO week written ``2026-W49``; ValueError for anything else."""
    found = ISO_WEEK.match(label.strip())
    if found is None:
        raise ValueError(label)
    return date.fromisocalendar(int(found[1]), int(found[2]), 1)


def digest_day(monday: date, weekday: int, calendar: WorkingCalendar) -> date:
    """The day of the week's digest: ``weekday`` (1 = Monday), or, if that is a bank holiday
    or a weekend, the next working day of the same week (the day itself if none is left)."""
    day = monday + timedelta(days=weekday - 1)
    for offset in range(8 - weekday):
        candidate = day + timedelta(days=offset)
        if calendar.is_working_day(candidate):
            return candidate
    return day


def zone_named(name: str) -> ZoneInfo:
    """The time zone ``name`` (London if it is unknown)."""
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return ZoneInfo("Europe/London")


def zone_of(person: Person) -> ZoneInfo:
    """The person's time zone (London if theirs is unknown)."""
    return zone_named(person.timezone)


@frozen
class DeadlineLine:
    """One deadline in a digest; ``days`` is from the digest's day to the due date."""

    deadline_id: int
    title: str
    reference: str
    due_on: date
    days: int
    pledge: int | None
    aim_on: date | None = None
    council: str | None = None  # named when the reader holds the reference at two councils
    # A review said booked for this day (the digest's day or one to come): "booked for".
    booked_on: date | None = None


@frozen
class CaseLine:
    """One open case: its age in days and what it waits for (see ``WAITS``)."""

    reference: str
    kind: str
    category: str
    age: int
    waits: str
    # For the council's people: the provider and placement reference it is about ("Riverside
    # · RV-0042"; anonymous feedback's provider unnamed), and whether its acknowledgement is
    # past its time (session 36's trial: the hub's concerns read alike, none overdue).
    whose: str = ""
    overdue: bool = False
    # Whose case it is, when it is in a staff reader's digest as escalated to them.
    escalated_from: str | None = None


@frozen
class FeedbackLine:
    """New feedback: the provider's organisation, or None when it was given anonymously."""

    reference: str
    category: str
    summary: str
    rating: int | None
    provider: str | None


@frozen
class SurveyLine:
    """A survey: open for the reader (until ``closes_on``), or closed with results published."""

    key: str
    title: str
    closes_on: date


@frozen
class RunningSurvey:
    """A survey of the reader's council that is open on the digest's day (staff only): how
    many of those it was sent to have answered so far."""

    key: str
    title: str
    closes_on: date
    responded: int
    invited: int


@dataclass(slots=True)
class DigestContent:
    """What one person's digest for one week holds."""

    person: Person
    week: str
    today: date
    week_last: date
    due: list[DeadlineLine] = field(default_factory=list)
    overdue: list[DeadlineLine] = field(default_factory=list)
    # Reviews said booked for the digest's day or one to come: neither overdue nor due until
    # that day has passed (session 44's brief: the digests counted them overdue).
    booked: list[DeadlineLine] = field(default_factory=list)
    cases: list[CaseLine] = field(default_factory=list)
    feedback: list[FeedbackLine] = field(default_factory=list)
    scorecard: Scorecard | None = None
    surveys: list[SurveyLine] = field(default_factory=list)
    results: list[SurveyLine] = field(default_factory=list)
    running: list[RunningSurvey] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing to tell: no deadline, case, feedback or survey, and no scorecard figure."""
        return not (self.due or self.overdue or self.booked or self.cases or self.feedback
                    or self.surveys or self.results or self.running
                    or (self.scorecard is not None and self.scorecard.has_data))


@frozen
class Reader:
    """Whose digest, for which week, read on which day."""

    person: Person
    week: str
    today: date


def _among(session: Session, column: object, ids: Sequence[int]) -> ColumnElement[bool]:
    """``id_in`` for a column that may be empty (NULL is in no list)."""
    return id_in(session, cast("SQLColumnExpression[int]", column), ids)


def _is_staff(person: Person) -> bool:
    return person.role in (Role.COMMISSIONER, Role.ADMIN)


def _key(person: Person) -> tuple[str, int]:
    """Whose rows a person reads: staff their own, a provider's people their organisation's."""
    return ("staff", person.id) if _is_staff(person) else ("provider", person.organisation_id)


def _deadlines(session: Session, readers: Sequence[Reader], calendar: WorkingCalendar,
               contents: dict[int, DigestContent]) -> None:
    staff = [r.person.id for r in readers if _is_staff(r.person)]
    providers = sorted({r.person.organisation_id for r in readers if not _is_staff(r.person)})
    provider_set = set(providers)
    latest = max(content.week_last for content in contents.values())
    # Plain rows, not ORM objects: a batch reads tens of thousands of deadlines.
    rows = session.execute(
        select(Deadline.id, Deadline.rule, Deadline.reference, Deadline.start_on,
               Deadline.due_on, Deadline.commissioner_id, Deadline.provider_id,
               Deadline.council_id, Deadline.placement_id, Deadline.tender_id,
               Deadline.contract_id).where(
            Deadline.status == DeadlineStatus.OPEN,
            # An invoice's due date is its legal limit; its aim may fall this week.
            or_(Deadline.due_on <= latest,
                (Deadline.rule == "payment")
                & (Deadline.due_on <= latest + timedelta(days=LEGAL_PAYMENT_DAYS))),
            or_(_among(session, Deadline.commissioner_id, staff),
                _among(session, Deadline.provider_id, providers),
                # a subcontractor's invoice a provider must pay (it sits where a council would)
                _among(session, Deadline.council_id, providers)))
        .order_by(Deadline.due_on, Deadline.id)).all()
    # A provider with an RC-104, a C-1 or a T-9 at two councils reads whose each is, as in
    # /reminders.
    shared = provider_councils(session, [row for row in rows if row.provider_id in provider_set])
    mine: dict[tuple[str, int], list[tuple[DeadlineLine, bool]]] = defaultdict(list)
    aims: dict[date, date] = {}
    for row in rows:
        aim = None
        if row.rule == "payment":
            if row.start_on not in aims:
                aims[row.start_on] = payment_clocks(row.start_on, calendar).aim
            aim = aims[row.start_on]
        entry = (DeadlineLine(row.id, RULE_TITLES.get(row.rule, row.rule), row.reference,
                             row.due_on, 0, RULE_PLEDGES.get(row.rule), aim),
                row.rule in PASSING_RULES)
        if row.commissioner_id is not None:
            mine[("staff", row.commissioner_id)].append(entry)
        if row.provider_id is not None:
            council = shared.get(row.id)
            mine[("provider", row.provider_id)].append(
                (replace(entry[0], council=council), entry[1]) if council else entry)
        if row.council_id in provider_set:
            mine[("provider", row.council_id)].append(entry)
    # The days reviews were said booked for, as /reminders reads them (one query).
    booked = booked_days(session, [row.id for row in rows if row.rule in REVIEW_RULES])
    for reader in readers:
        content = contents[reader.person.id]
        for deadline, passing in mine.get(_key(reader.person), []):
            line = replace(deadline, days=(deadline.due_on - reader.today).days)
            booked_on = booked.get(deadline.deadline_id)
            if booked_on is not None and booked_on >= reader.today:
                content.booked.append(replace(line, booked_on=booked_on))
                continue
            # An invoice is overdue only past the legal limit (its due date); one whose
            # pledge aim falls this week is due this week.
            if deadline.due_on < reader.today:
                if not passing:
                    content.overdue.append(line)
            elif deadline.due_on <= content.week_last or (
                    deadline.aim_on is not None
                    and reader.today <= deadline.aim_on <= content.week_last):
                content.due.append(line)


def _cases(session: Session, readers: Sequence[Reader], contents: dict[int, DigestContent], *,
           now: datetime, timezone: str) -> None:
    staff = [r.person.id for r in readers if _is_staff(r.person)]
    providers = sorted({r.person.organisation_id for r in readers if not _is_staff(r.person)})
    rows = session.scalars(
        select(Case).where(
            Case.status.not_in(CASE_CLOSED),
            or_(id_in(session, Case.assignee_id, staff),
                and_(_among(session, Case.provider_id, providers),
                     Case.raised_by_id.is_not(None))))
        .order_by(Case.opened_at, Case.id)).all()
    whose = whose_for_council(session, rows)
    mine: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for case in rows:
        mine[("staff", case.assignee_id)].append(case)
        if case.provider_id is not None and case.raised_by_id is not None:
            mine[("provider", case.provider_id)].append(case)
    for reader in readers:
        content = contents[reader.person.id]
        # Read now (sent, /digest): aged as /cases ages it, at ``now`` in the council's time
        # zone (``days_open``); a preview of another week, on that week's digest day.
        live = reader.today == now.astimezone(zone_of(reader.person)).date()
        for case in mine.get(_key(reader.person), []):
            age = days_open(case.opened_at, now if live else reader.today, timezone)
            if age < 0:  # opened after this digest's day (a past week's preview, session 25)
                continue
            council = _is_staff(reader.person)
            content.cases.append(CaseLine(
                case.reference, case.kind.value,
                title_of_category(case.kind, case.category).lower(), age,
                WAITS.get(case.status, "resolution"),
                whose=whose.get(case.reference, "") if council else "",
                overdue=council and live and acknowledgement_overdue(case, now)))
    _escalated(session, [r for r in readers if _is_staff(r.person)], contents, now=now,
               timezone=timezone)


def _escalated(session: Session, readers: Sequence[Reader],
               contents: dict[int, DigestContent], *, now: datetime, timezone: str) -> None:
    """Open cases escalated to a staff reader (the latest escalation named them, and it is
    not over), someone else's: "escalated to you" (session 36's trial: a case escalated to
    Tom was missing from his digest)."""
    wanted = {reader.person.id: reader for reader in readers}
    if not wanted:
        return
    escalated = list(session.scalars(select(Case).where(
        Case.status.not_in(CASE_CLOSED), Case.level > 0).order_by(Case.opened_at, Case.id)))
    latest = latest_escalations(session, escalated)
    whose = whose_for_council(session, escalated)
    for case in escalated:
        step = latest.get(case.id)
        if step is None or step.ended or step.to is None or step.to.id == case.assignee_id:
            continue
        reader = wanted.get(step.to.id)
        if reader is None:
            continue
        live = reader.today == now.astimezone(zone_of(reader.person)).date()
        age = days_open(case.opened_at, now if live else reader.today, timezone)
        if age < 0:
            continue
        owner = session.get(Person, case.assignee_id)
        contents[reader.person.id].cases.append(CaseLine(
            case.reference, case.kind.value, title_of_category(case.kind, case.category).lower(),
            age, WAITS.get(case.status, "resolution"),
            whose=whose.get(case.reference, ""),
            overdue=(case.status == CaseStatus.OPEN and live and case.acknowledge_due_at < now),
            escalated_from=owner.name if owner is not None else "nobody"))


def _since(session: Session, readers: Sequence[Reader], now: datetime) -> dict[int, datetime]:
    """Per person, when their last digest (of another week) went; else a week before now."""
    ids = [r.person.id for r in readers]
    rows = session.execute(
        select(Digest.person_id, Digest.iso_week, Digest.sent_at)
        .where(id_in(session, Digest.person_id, ids), Digest.status == DigestStatus.SENT)
    ).all()
    weeks = {r.person.id: r.week for r in readers}
    since = {person_id: now - timedelta(days=7) for person_id in ids}
    latest: dict[int, datetime] = {}
    for person_id, week, sent_at in rows:
        if week < weeks[person_id] and sent_at is not None and (
                person_id not in latest or sent_at > latest[person_id]):
            latest[person_id] = sent_at
    since.update(latest)
    return since


def _feedback(session: Session, readers: Sequence[Reader], now: datetime,
              since: dict[int, datetime], contents: dict[int, DigestContent]) -> None:
    staff = [r for r in readers if _is_staff(r.person)]
    if not staff:
        return
    rows = session.execute(
        select(Case, Organisation.name)
        .outerjoin(Organisation, Organisation.id == Case.provider_id)
        .where(Case.kind == CaseKind.FEEDBACK,
               id_in(session, Case.assignee_id, [r.person.id for r in staff]),
               Case.opened_at > min(since[r.person.id] for r in staff), Case.opened_at <= now)
        .order_by(Case.opened_at, Case.id)).all()
    for case, provider in rows:
        if case.opened_at > since[case.assignee_id]:
            contents[case.assignee_id].feedback.append(FeedbackLine(
                case.reference, title_of_category(case.kind, case.category).lower(),
                case.summary, case.rating,
                # Anonymous feedback names nobody, not even the organisation.
                provider if case.raised_by_id is not None else None))


def _surveys(session: Session, readers: Sequence[Reader], since_sent: dict[int, datetime],
             contents: dict[int, DigestContent]) -> None:
    """Surveys open for each reader and not yet answered; and the surveys closed since their
    last digest whose results are published: those they were asked, and (staff) their
    council's. Two queries for the whole batch (and the last digests, read once in ``gather``)."""
    ids = [r.person.id for r in readers]
    first = min(r.today for r in readers)
    last = max(r.today for r in readers)
    rows = session.execute(
        select(SurveyInvitee.person_id, Survey.key, Survey.title, Survey.opens_on,
               Survey.closes_on)
        .join(Survey, Survey.id == SurveyInvitee.survey_id)
        .where(id_in(session, SurveyInvitee.person_id, ids),
               SurveyInvitee.responded.is_(False), Survey.opens_on <= last,
               Survey.closes_on >= first)
        .order_by(Survey.closes_on, Survey.id)).all()
    for person_id, key, title, opens_on, closes_on in rows:
        today = contents[person_id].today
        if opens_on <= today <= closes_on:
            contents[person_id].surveys.append(SurveyLine(key, title, closes_on))
    since = {person_id: moment.date() for person_id, moment in since_sent.items()}
    councils = sorted({r.person.organisation_id for r in readers if _is_staff(r.person)})
    closed = session.execute(
        select(Survey.id, Survey.key, Survey.title, Survey.closes_on, Survey.council_id,
               SurveyInvitee.person_id)
        .outerjoin(SurveyInvitee, and_(SurveyInvitee.survey_id == Survey.id,
                                       id_in(session, SurveyInvitee.person_id, ids)))
        .where(Survey.closes_on >= min(since.values()) - timedelta(days=1),
               Survey.closes_on < last,
               or_(SurveyInvitee.person_id.is_not(None),
                   _among(session, Survey.council_id, councils)))
        .order_by(Survey.closes_on, Survey.id)).all()
    # Grouped once (the join gives a row per invitee), so each reader is two look-ups.
    asked: dict[int, dict[int, SurveyLine]] = defaultdict(dict)
    of_council: dict[int, dict[int, SurveyLine]] = defaultdict(dict)
    order: dict[int, int] = {}
    for survey_id, key, title, closes_on, council_id, person_id in closed:
        line = SurveyLine(key, title, closes_on)
        order.setdefault(survey_id, len(order))
        if person_id is not None:
            asked[person_id][survey_id] = line
        of_council[council_id][survey_id] = line
    for reader in readers:
        person = reader.person
        mine = dict(asked.get(person.id, {}))
        if _is_staff(person):
            mine.update(of_council.get(person.organisation_id, {}))
        for survey_id in sorted(mine, key=order.__getitem__):
            line = mine[survey_id]
            if since[person.id] <= line.closes_on < reader.today:
                contents[person.id].results.append(line)


def _running(session: Session, readers: Sequence[Reader],
             contents: dict[int, DigestContent]) -> None:
    """For council staff: their council's surveys open on the digest's day, with the count
    of invitees who have answered (session 22's review: a commissioner's digest never named
    the surveys their council runs). One query for the whole batch."""
    staff = [r for r in readers if _is_staff(r.person)]
    if not staff:
        return
    councils = sorted({r.person.organisation_id for r in staff})
    first = min(r.today for r in staff)
    last = max(r.today for r in staff)
    responded = func.count(SurveyInvitee.id).filter(SurveyInvitee.responded.is_(True))
    rows = session.execute(
        select(Survey.key, Survey.title, Survey.council_id, Survey.opens_on, Survey.closes_on,
               responded, func.count(SurveyInvitee.id))
        .outerjoin(SurveyInvitee, SurveyInvitee.survey_id == Survey.id)
        .where(_among(session, Survey.council_id, councils), Survey.opens_on <= last,
               Survey.closes_on >= first)
        .group_by(Survey.id, Survey.key, Survey.title, Survey.council_id, Survey.opens_on,
                  Survey.closes_on)
        .order_by(Survey.closes_on, Survey.id)).all()
    for reader in staff:
        for key, title, council_id, opens_on, closes_on, answered, invited in rows:
            if council_id == reader.person.organisation_id and opens_on <= reader.today \
                    <= closes_on:
                contents[reader.person.id].running.append(
                    RunningSurvey(key, title, closes_on, int(answered), int(invited)))


def _scorecards(session: Session, readers: Sequence[Reader], *, timezone: str,
                calendar: WorkingCalendar, contents: dict[int, DigestContent]) -> None:
    by_period: dict[date, list[Reader]] = defaultdict(list)
    for reader in readers:
        if reader.person.role == Role.COMMISSIONER:
            by_period[reader.today].append(reader)
    for today, group in by_period.items():
        cards = scorecards(session, {r.person.organisation_id for r in group},
                           first=today - timedelta(days=SCORECARD_DAYS),
                           last=today - timedelta(days=1), timezone=timezone,
                           calendar=calendar)
        for reader in group:
            contents[reader.person.id].scorecard = cards[reader.person.organisation_id]


def gather(session: Session, readers: Sequence[Reader], *, now: datetime,
           calendar: WorkingCalendar, timezone: str) -> dict[int, DigestContent]:
    """Each reader's digest content, by person id, with a fixed number of queries.

    Args:
        session: reads only.
        readers: the people, each with the ISO week of their digest and the day it is read.
        now: the time (new feedback is counted up to it).
        calendar: working days (the payment aim).
        timezone: the council's time zone (the scorecard's period, the cases' ages).
    """
    if not readers:
        return {}
    contents = {
        r.person.id: DigestContent(r.person, r.week, r.today,
                                   week_monday(r.week) + timedelta(days=6))
        for r in readers}
    _deadlines(session, readers, calendar, contents)
    _cases(session, readers, contents, now=now, timezone=timezone)
    since = _since(session, readers, now)
    _feedback(session, readers, now, since, contents)
    _surveys(session, readers, since, contents)
    _running(session, readers, contents)
    _scorecards(session, readers, timezone=timezone, calendar=calendar, contents=contents)
    return contents


def render_digest(templates: Environment, content: DigestContent) -> str:
    """The words of one digest (``digest_weekly.txt``), sections cut to ``SHOWN`` lines."""
    text = render(templates, "digest_weekly.txt", content=content, shown=SHOWN,
                  staff=_is_staff(content.person), monday=week_monday(content.week))
    # Sections left out leave their blank lines behind: one blank line between sections.
    return BLANK_LINES.sub("\n\n", text)

