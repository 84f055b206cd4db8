"""Deadlines and their reminders in the database: open, complete, snooze, and plan the reminders.

A deadline is one clock of the pledge (a review, a payment, bid feedback, a tender date, an
uplift). Opening one writes its reminder rows at once, one per person and reminder day, at the
configured local hour on working days, and its first chase, for once it is overdue; the sweep
(``sweep.py``) sends them and, from the due date on, writes the next chase (every few working
days) and, after a while, one escalation to the commissioner's escalation contact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from jinja2 import Environment
from sqlalchemy import ColumnElement, and_, or_, select, true, union, update
from sqlalchemy.orm import Session

from bot import audit, outbox
from bot.config import Settings
from bot.db import execute_dml, id_in, insert_ignoring_duplicates
from bot.models import (
    AuditEvent,
    Bid,
    Contract,
    Deadline,
    DeadlineStatus,
    Invoice,
    Organisation,
    OrganisationKind,
    Person,
    Placement,
    Reminder,
    ReminderStatus,
    Role,
    Tender,
    TenderFollower,
)
from bot.templates import render
from bot.values import frozen
from handlers.deadlines.ics import CalendarItem, deadline_uid
from handlers.formats import reference_key, reference_like
from scheduler.rules import (
    DEFAULT_LEAD_DAYS,
    PaymentClocks,
    WorkingCalendar,
    payment_clocks,
    reminders_before,
)

# Rules whose due date is a given date (a tender's own dates, a contract's uplift date).
GIVEN_DATE_RULES = ("clarification", "submission", "standstill", "uplift")
# A tender's own dates simply pass: they are reminded of beforehand, never chased.
# A placement's reviews (pledges 24-26).
REVIEW_RULES = ("initial-review", "monitoring", "condition-change")
PASSING_RULES = ("clarification", "submission", "standstill")
# The tender's own dates: (Tender column, deadline rule, words after the reference).
TENDER_DATES = (
    ("clarification_on", "clarification", "clarification deadline"),
    ("submission_on", "submission", "submission deadline"),
    ("standstill_end_on", "standstill", "standstill ends"),
)
# The dates a provider still preparing a bid is reminded of (a bidder or a follower).
BIDDING_RULES = ("clarification", "submission")
# Deadlines only the council can meet (session 21's review: a provider's "/done 22 still
# waiting" closed the council's overdue feedback to it, and its reminders stopped).
BID_FEEDBACK_RULE = "bid-feedback"  # the council's feedback to an unsuccessful bidder
COUNCIL_DUTIES = (BID_FEEDBACK_RULE, "uplift")
# The outcome of a review closed because its placement ended ("placement ended 2026-11-30"),
# written by /placement end and the sweeps, read by the scorecard (a review due by then missed).
ENDED_PREFIX = "placement ended"
ENDED_OUTCOMES = f"{ENDED_PREFIX} %"  # LIKE pattern


def ended_outcome(ended: date) -> str:
    """The outcome of a review closed because its placement ended on ``ended``."""
    return f"{ENDED_PREFIX} {ended}"


# Lead days of the legal limit's reminders (PLEDGEBOT_REMINDER_LEAD_DAYS key); "payment" is the
# pledge's aim, the payment deadline's own rule.
PAYMENT_LIMIT = "payment-limit"
# When an unpaid invoice starts being chased and, later, escalated (PLEDGEBOT_INVOICE_ESCALATE_AT).
ESCALATE_AT_LIMIT = "limit"
ESCALATE_AT_AIM = "aim"


def _providers_copy() -> ColumnElement[bool]:
    """A provider's own copy of a tender date, as a bidder or a follower (the commissioner has
    the tender's own, which names no provider)."""
    return Deadline.rule.in_(PASSING_RULES) & Deadline.provider_id.is_not(None)


RULE_TITLES = {
    "initial-review": "Initial placement review",
    "monitoring": "Joint monitoring review",
    "condition-change": "Revisit after a change in condition",
    "payment": "Invoice payment",
    "bid-feedback": "Feedback to an unsuccessful bidder",
    "clarification": "Tender clarification deadline",
    "submission": "Tender submission deadline",
    "standstill": "Tender standstill ends",
    "uplift": "Contract uplift confirmation",
}
RULE_PLEDGES = {"initial-review": 24, "monitoring": 25, "condition-change": 26, "payment": 29,
                "bid-feedback": 28, "uplift": 7, "clarification": 14, "submission": 14,
                "standstill": 28}


@frozen
class ReminderPolicy:
    """When reminders go: lead days per rule, the local hour, chasing and escalation."""

    lead_days: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    hour: int = 9
    chase_every: int = 2
    escalate_after: int = 5
    timezone: str = "Europe/London"  # PLEDGEBOT_TIMEZONE: whose "today" an import means
    invoice_escalate_at: str = ESCALATE_AT_LIMIT  # PLEDGEBOT_INVOICE_ESCALATE_AT: limit or aim

    @classmethod
    def from_settings(cls, settings: Settings) -> ReminderPolicy:
        """The reminder policy the settings describe."""
        return cls(
            lead_days={rule: tuple(days) for rule, days in settings.reminder_lead_days.items()},
            hour=settings.reminder_hour,
            chase_every=settings.chase_every_working_days,
            escalate_after=settings.escalate_after_working_days,
            timezone=settings.timezone,
            invoice_escalate_at=settings.invoice_escalate_at,
        )

    def leads(self, rule: str) -> tuple[int, ...]:
        """The lead days of one rule."""
        return tuple(self.lead_days.get(rule, DEFAULT_LEAD_DAYS))


def invoice_clocks(deadline: Deadline, calendar: WorkingCalendar) -> PaymentClocks | None:
    """A payment deadline's two clocks (its due date is the legal limit); None for other rules."""
    if deadline.rule != "payment":
        return None
    return payment_clocks(deadline.start_on, calendar)


def chased_after(deadline: Deadline, *, calendar: WorkingCalendar,
                 policy: ReminderPolicy) -> date:
    """The date after which an open deadline is chased and, later, escalated: its due date.

    An invoice's due date is the legal limit; only with ``invoice_escalate_at = "aim"`` is it
    chased from the pledge's 10-day aim instead.
    """
    clocks = invoice_clocks(deadline, calendar)
    if clocks is not None and policy.invoice_escalate_at == ESCALATE_AT_AIM:
        return clocks.aim
    return deadline.due_on


def reminder_days(deadline: Deadline, *, calendar: WorkingCalendar,
                  policy: ReminderPolicy) -> list[date]:
    """The working days a deadline is reminded of before it falls due, in date order.

    An invoice is reminded of before the pledge's aim (lead days of ``payment``) and before the
    legal limit (lead days of ``payment-limit``).
    """
    clocks = invoice_clocks(deadline, calendar)
    rule = PAYMENT_LIMIT if clocks is not None else deadline.rule
    days = set(reminders_before(deadline.due_on, calendar, lead_days=policy.leads(rule),
                                not_before=deadline.start_on))
    if clocks is not None:
        days.update(reminders_before(clocks.aim, calendar, lead_days=policy.leads("payment"),
                                     not_before=deadline.start_on))
    return sorted(days)


def send_time(day: date, timezone: str, hour: int) -> datetime:
    """``hour``:00 local time on ``day`` in ``timezone``, as aware UTC (clock changes included)."""
    try:
        zone = ZoneInfo(timezone)
    except (KeyError, ValueError):
        zone = ZoneInfo("Europe/London")
    return datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)


def next_slot(day: date, timezone: str, hour: int, *, now: datetime,
              calendar: WorkingCalendar) -> datetime:
    """``hour``:00 on ``day``, or, if that has passed, on the next working day after today."""
    moment = send_time(day, timezone, hour)
    if moment >= now:
        return moment
    return send_time(calendar.add_working_days(local_date(now, timezone), 1), timezone, hour)


def local_date(moment: datetime, timezone: str) -> date:
    """The calendar date of ``moment`` in ``timezone``."""
    return moment.astimezone(ZoneInfo(timezone)).date()


# An open payment clock whose invoice the payer disputes only in part: its outcome (unused while
# it is open) begins so, then the amount disputed and the reason, and the clock keeps running
# for the rest (session 37's brief: the undisputed part is still a sum due by the legal limit).
PART_DISPUTED = "part disputed"


def part_disputed_outcome(pence: int, reason: str) -> str:
    """The outcome an open payment clock carries while ``pence`` of its invoice is disputed."""
    said = f"{PART_DISPUTED} £{pence / 100:,.2f}"
    return f"{said}: {reason}" if reason else said


def part_disputed(deadline: Deadline) -> tuple[int, str] | None:
    """An open payment clock's dispute over part of its invoice: (pence disputed, reason), or
    None when there is none."""
    outcome = deadline.outcome or ""
    if (deadline.rule != "payment" or deadline.status != DeadlineStatus.OPEN
            or not outcome.startswith(f"{PART_DISPUTED} £")):
        return None
    amount, _, reason = outcome.removeprefix(f"{PART_DISPUTED} £").partition(": ")
    pounds, _, pennies = amount.replace(",", "").partition(".")
    return int(pounds) * 100 + int(pennies or 0), reason


def part_disputed_words(deadline: Deadline) -> str | None:
    """How much of an open payment clock's invoice is disputed, as /reminders and the reminders
    say it ("£120.00 of it disputed"), or None."""
    part = part_disputed(deadline)
    return f"£{part[0] / 100:,.2f} of it disputed" if part is not None else None


def invoice_shown(invoice: Invoice, other: str, calendar: WorkingCalendar,
                  on: date) -> dict[str, object]:
    """An invoice as the replies tell it (``/invoice list``, an invoice asked after in words):
    its number, amount, the other side's name, when it was received, its pledge aim and legal
    limit, its standing on ``on`` and the days it is past the limit then."""
    clocks = payment_clocks(invoice.received_on, calendar)
    return {"number": invoice.number, "amount": f"{invoice.amount_pence / 100:,.2f}",
            "other": other, "received_on": invoice.received_on, "aim_on": clocks.aim,
            "limit_on": clocks.limit, "standing": clocks.standing(on).value,
            "late_days": (on - clocks.limit).days}


def reminder_row(*, key: str, deadline_id: int, person_id: int, stage: str,
                 send_at: datetime, now: datetime) -> dict[str, object]:
    """One reminder row as ``insert_reminders`` takes it."""
    return {"key": key, "deadline_id": deadline_id, "person_id": person_id, "stage": stage,
            "send_at": send_at, "status": ReminderStatus.PENDING, "created_at": now}


def insert_reminders(session: Session, rows: Iterable[dict[str, object]]) -> int:
    """Add reminders whose keys do not exist yet, in key order; returns how many were added.

    One ``INSERT ... ON CONFLICT (key) DO NOTHING`` for them all (batched by SQLAlchemy's
    insertmanyvalues, in the order given). Key order matters:
    two sweepers inserting overlapping keys in the same order never deadlock on PostgreSQL.
    """
    unique = sorted({str(row["key"]): row for row in rows}.items())
    return insert_ignoring_duplicates(session, Reminder.__table__,
                                      [row for _key, row in unique], key="key")


def insert_reminder(session: Session, *, key: str, deadline_id: int, person_id: int,
                    stage: str, send_at: datetime, now: datetime) -> bool:
    """Add one reminder unless its key exists already; True when it was added."""
    return insert_reminders(session, [reminder_row(
        key=key, deadline_id=deadline_id, person_id=person_id, stage=stage, send_at=send_at,
        now=now)]) == 1


def recipients(deadline: Deadline) -> list[int]:
    """The people reminded of a deadline: the provider's contact and the commissioner."""
    people = [deadline.provider_contact_id, deadline.commissioner_id]
    return list(dict.fromkeys(p for p in people if p is not None))


def plan_reminders(session: Session, deadline: Deadline, *, calendar: WorkingCalendar,
                   policy: ReminderPolicy, now: datetime) -> int:
    """Write a deadline's reminders still to come; returns how many were written.

    Reminder days already past are skipped, so importing an old placement does not send a
    burst of stale reminders; a deadline that is already overdue gets its first chase instead.

    The first chase (a couple of working days after the due date, ``chase_rows``) is written
    now, for every deadline chased once overdue, not left to a reminder sent on or after the due
    date: none is when the due date falls on a weekend or bank holiday (an invoice's legal
    limit, an uplift's given date: their last reminder goes the working day before) or when no
    lead time reaches it (session 34's trial: invoices due on Sun 27 Dec and Fri 1 Jan were
    never chased nor escalated). The chase a reminder sent on the due date writes has the
    same key, so it is written once.
    """
    rows: list[dict[str, object]] = []
    chased: list[tuple[Deadline, Person]] = []
    for person_id in recipients(deadline):
        person = session.get(Person, person_id)
        if person is None or not person.active:
            continue
        days = reminder_days(deadline, calendar=calendar, policy=policy)
        future = [day for day in days if send_time(day, person.timezone, policy.hour) >= now]
        rows.extend(reminder_row(
            key=f"d{deadline.id}:p{person_id}:on:{day.isoformat()}", deadline_id=deadline.id,
            person_id=person_id, stage=f"on:{day.isoformat()}",
            send_at=send_time(day, person.timezone, policy.hour), now=now) for day in future)
        if deadline.rule not in PASSING_RULES:
            chased.append((deadline, person))
    rows.extend(chase_rows(session, chased, calendar=calendar, policy=policy, now=now))
    return insert_reminders(session, rows)


def escalation_targets(session: Session, commissioner_ids: Iterable[int]
                       ) -> dict[int, Person | None]:
    """Whom each commissioner's overdue deadlines escalate to, as things are now: their active
    escalation contact, else their council's first active admin (never themself); None when
    there is nobody. Asked again when an escalation is sent, so a contact changed since it was
    planned is the one told (the trial's review: the old contact kept being told).

    A commissioner with no (active) escalation contact: their council's first active admin
    (session 22's review: the top of a council's ladder had overdue deadlines chased for
    ever and never escalated). A few queries for the whole batch.
    """
    wanted = set(commissioner_ids)
    if not wanted:
        return {}
    contact_of: dict[int, int | None] = {}
    organisation_of: dict[int, int] = {}
    for person_id, contact_id, organisation_id in session.execute(
            select(Person.id, Person.escalation_contact_id, Person.organisation_id)
            .where(Person.id.in_(wanted))):
        contact_of[person_id] = contact_id
        organisation_of[person_id] = organisation_id
    contact_ids = {c for c in contact_of.values() if c is not None}
    # Only staff of the commissioner's own council are told (an import refuses any other
    # contact; this keeps a contact set before that check from seeing another's work).
    contacts = ({p.id: p for p in session.scalars(
        select(Person).where(Person.id.in_(contact_ids), Person.active.is_(True),
                             Person.role.in_((Role.COMMISSIONER, Role.ADMIN))))}
        if contact_ids else {})
    targets: dict[int, Person | None] = {}
    for person_id, contact_id in contact_of.items():
        contact = contacts.get(contact_id) if contact_id is not None else None
        if contact is not None and contact.organisation_id == organisation_of[person_id]:
            targets[person_id] = contact
    needing = {organisation_of[p] for p in contact_of if p not in targets}
    admins: dict[int, list[Person]] = {}
    if needing:
        for admin in session.scalars(select(Person).where(
                Person.role == Role.ADMIN, Person.active.is_(True),
                Person.organisation_id.in_(needing)).order_by(Person.id)):
            admins.setdefault(admin.organisation_id, []).append(admin)
    for person_id in contact_of:
        if person_id not in targets:
            targets[person_id] = next((admin for admin in admins.get(
                organisation_of[person_id], []) if admin.id != person_id), None)
    return targets


def chase_rows(session: Session, overdue: Iterable[tuple[Deadline, Person]], *,
               calendar: WorkingCalendar, policy: ReminderPolicy,
               now: datetime) -> list[dict[str, object]]:
    """The next overdue chase for each (deadline, person), and the escalations now due.

    The commissioners and their escalation contacts are looked up once for the whole batch.
    """
    pairs = list(overdue)
    targets = escalation_targets(
        session, {d.commissioner_id for d, _p in pairs if d.commissioner_id is not None})
    rows: list[dict[str, object]] = []
    for deadline, person in pairs:
        today = local_date(now, person.timezone)
        chased = chased_after(deadline, calendar=calendar, policy=policy)
        chase_on = calendar.add_working_days(max(today, chased), policy.chase_every)
        rows.append(reminder_row(
            key=f"d{deadline.id}:p{person.id}:chase:{chase_on.isoformat()}",
            deadline_id=deadline.id, person_id=person.id, stage=f"chase:{chase_on.isoformat()}",
            send_at=send_time(chase_on, person.timezone, policy.hour), now=now))
        escalate_on = calendar.add_working_days(chased, policy.escalate_after)
        contact = (targets.get(deadline.commissioner_id)
                   if deadline.commissioner_id is not None else None)
        if contact is not None and chase_on >= escalate_on:
            rows.append(reminder_row(
                key=f"d{deadline.id}:escalation", deadline_id=deadline.id,
                person_id=contact.id, stage="escalation",
                send_at=next_slot(escalate_on, contact.timezone, policy.hour, now=now,
                                  calendar=calendar),
                now=now))
    return rows


def schedule_chases(session: Session, overdue: Iterable[tuple[Deadline, Person]], *,
                    calendar: WorkingCalendar, policy: ReminderPolicy, now: datetime) -> int:
    """Write the next chase (and any escalation now due) for each overdue (deadline, person)."""
    return insert_reminders(session, chase_rows(session, overdue, calendar=calendar,
                                                policy=policy, now=now))


def open_deadline(
    session: Session,
    *,
    rule: str,
    reference: str,
    start_on: date,
    due_on: date,
    council_id: int,
    calendar: WorkingCalendar,
    policy: ReminderPolicy,
    now: datetime,
    actor_id: int | None = None,
    **links: int | None,
) -> Deadline:
    """Create a deadline and its reminders in the caller's transaction."""
    deadline = Deadline(rule=rule, reference=reference, start_on=start_on, due_on=due_on,
                        council_id=council_id, status=DeadlineStatus.OPEN, created_at=now,
                        **links)
    session.add(deadline)
    session.flush()
    plan_reminders(session, deadline, calendar=calendar, policy=policy, now=now)
    audit.record(session, "deadline.opened", actor_id=actor_id, subject=f"deadline:{deadline.id}",
                 at=now, rule=rule, due_on=due_on.isoformat())
    return deadline


def open_payment(session: Session, invoice: Invoice, *, council_id: int,
                 provider_contact_id: int | None, commissioner_id: int | None,
                 calendar: WorkingCalendar, policy: ReminderPolicy, now: datetime,
                 actor_id: int | None = None) -> Deadline:
    """Open an unpaid invoice's payment deadline: due at the legal limit (30 calendar days from
    receipt), reminded of before the pledge's 10-day aim too."""
    return open_deadline(
        session, rule="payment", reference=f"invoice {invoice.number}",
        start_on=invoice.received_on, due_on=payment_clocks(invoice.received_on, calendar).limit,
        council_id=council_id, provider_id=invoice.issuer_id,
        provider_contact_id=provider_contact_id, commissioner_id=commissioner_id,
        invoice_id=invoice.id, calendar=calendar, policy=policy, now=now, actor_id=actor_id)


def placements_seen(session: Session, person: Person,
                    references: Iterable[str]) -> list[tuple[Placement, str]]:
    """The placements ``person`` may see that have one of these references (any case), each
    with its council's name, by reference and then council.

    A reference is a council's, so several councils may each have one: the sender's own are
    chosen in the query (a provider's, by its organisation; council staff's, an admin's too,
    by their council), never the first of every council's, checked after.

    A reference typed otherwise than stored, only by its number's leading zeros or the hyphen
    after its letters ("RC-0105", "rc105" for "RC-105": ``reference_key``; session 35's
    brief: none was found), finds it; never when one is stored as typed (RC-105 and RC-0105
    are two placements), nor when two stored ones differ so (which is never guessed).
    """
    wanted = sorted({reference.upper() for reference in references})[:50]
    if not wanted:
        return []
    mine = person.organisation_id
    seen = (Placement.provider_id == mine) | (Placement.council_id == mine)
    query = (select(Placement, Organisation.name)
             .join(Organisation, Organisation.id == Placement.council_id))
    rows = [(placement, name) for placement, name in session.execute(
        query.where(Placement.reference.in_(wanted), seen))]
    stored = {placement.reference.upper() for placement, _name in rows}
    # Only the references no placement has as typed are looked for otherwise (the common
    # message names a reference as it is stored, and costs one query as before).
    keys = {reference: reference_key(reference) for reference in wanted
            if reference not in stored}
    if keys:
        alike = [(placement, name) for placement, name in session.execute(query.where(
            or_(*(Placement.reference.like(reference_like(key), escape="\\")
                  for key in sorted(set(keys.values())))), seen))]
        for key in keys.values():
            found = [(placement, name) for placement, name in alike
                     if reference_key(placement.reference) == key]
            if len({placement.reference for placement, _name in found}) == 1:
                rows.extend(found)  # never one of two stored alike, guessed
    return sorted({placement.id: (placement, name) for placement, name in rows}.values(),
                  key=lambda row: (row[0].reference, row[1]))


def shared_references(session: Session, placement_ids: Iterable[int]) -> dict[int, str]:
    """Of these placements, those whose provider holds the same reference at another council
    too, each with its council's name: what the provider is shown beside the reference, so it
    can tell its two RC-104s apart. A reference the provider holds at one council only is not
    in the answer, and is shown as it is (a council's name there would be noise).

    A query for the councils, then two for each slice of 5,000 placements asked about (a
    sweep's batch of 2,000 is one slice): those placements, and every council's placements
    with their references, found through the council-and-reference index (a subquery
    matching each placement by provider and reference scanned the table once a placement on
    SQLite: 52 s for a batch of 2,000 among 100,000 placements).
    """
    wanted = sorted(set(placement_ids))
    if not wanted:
        return {}
    councils = council_names(session)
    shared: dict[int, str] = {}
    # In slices: a digest's batch may ask about tens of thousands, more than SQLite takes
    # as the parameters of one statement.
    for start in range(0, len(wanted), _SLICE):
        asked = session.execute(select(
            Placement.id, Placement.provider_id, Placement.reference, Placement.council_id)
            .where(id_in(session, Placement.id, wanted[start:start + _SLICE]))).all()
        held: dict[tuple[int, str], set[int]] = {}
        for provider_id, reference, council_id in session.execute(
                select(Placement.provider_id, Placement.reference, Placement.council_id).where(
                    Placement.council_id.in_(sorted(councils)),
                    Placement.reference.in_(sorted({row.reference for row in asked})))):
            held.setdefault((provider_id, reference), set()).add(council_id)
        shared.update((row.id, councils[row.council_id]) for row in asked
                      if len(held.get((row.provider_id, row.reference), ())) > 1)
    return shared


_SLICE = 5000  # placements asked about at once (``shared_references``)


class _Held(Protocol):
    """What ``provider_councils`` reads of a deadline (a Deadline, or a row of its columns)."""

    @property
    def id(self) -> int: ...
    @property
    def provider_id(self) -> int | None: ...
    @property
    def placement_id(self) -> int | None: ...
    @property
    def tender_id(self) -> int | None: ...
    @property
    def contract_id(self) -> int | None: ...


def provider_councils(session: Session, deadlines: Iterable[_Held]) -> dict[int, str]:
    """Per deadline id, its council's name where the deadline's provider would otherwise read
    two alike: a placement or a contract reference the provider holds at another council too,
    a tender reference of which the provider (its bids, its people's follows) has another
    council's tender too. Said beside the reference, so its two "T-9 clarification deadline"s
    or "C-1 uplift"s are told apart; one held at a single council is not in the answer.

    Only the provider's own holdings decide, so nothing tells it of another council's."""
    rows = [row for row in deadlines if row.provider_id is not None]
    shown: dict[int, str] = {}
    placements = shared_references(session, {row.placement_id for row in rows
                                              if row.placement_id is not None})
    shown.update((row.id, placements[row.placement_id]) for row in rows
                 if row.placement_id is not None and row.placement_id in placements)
    for model, column, holdings in ((Contract, "contract_id", _contracts_held),
                                    (Tender, "tender_id", _tenders_held)):
        wanted = {(row.id, row.provider_id, getattr(row, column)) for row in rows
                  if getattr(row, column) is not None}
        if not wanted:
            continue
        of = {item_id: (reference, council_id) for item_id, reference, council_id in
              session.execute(select(model.id, model.reference, model.council_id).where(
                  id_in(session, model.id, sorted({item for _d, _p, item in wanted}))))}
        held = holdings(session, {provider for _d, provider, _i in wanted},
                        {reference for reference, _council in of.values()})
        councils: dict[int, str] = {}
        for deadline_id, provider_id, item_id in wanted:
            reference, council_id = of[item_id]
            if len(held.get((provider_id, reference), ())) > 1:
                if not councils:
                    councils = council_names(session)
                shown[deadline_id] = councils[council_id]
    return shown


def council_names(session: Session) -> dict[int, str]:
    """Every council's name, by its id."""
    return {council_id: name for council_id, name in session.execute(
        select(Organisation.id, Organisation.name).where(
            Organisation.kind == OrganisationKind.COUNCIL))}


def _contracts_held(session: Session, providers: set[int | None],
                    references: set[str]) -> dict[tuple[int | None, str], set[int]]:
    """Per (provider, reference), the councils it holds that contract reference at."""
    held: dict[tuple[int | None, str], set[int]] = {}
    for provider_id, reference, council_id in session.execute(
            select(Contract.provider_id, Contract.reference, Contract.council_id).where(
                Contract.provider_id.in_(sorted(p for p in providers if p is not None)),
                Contract.reference.in_(sorted(references)))):
        held.setdefault((provider_id, reference), set()).add(council_id)
    return held


def _tenders_held(session: Session, providers: set[int | None],
                  references: set[str]) -> dict[tuple[int | None, str], set[int]]:
    """Per (provider, reference), the councils whose tender of that reference the provider
    bids for or one of its people follows."""
    ids = sorted(p for p in providers if p is not None)
    bids = select(Bid.provider_id.label("provider_id"), Bid.tender_id.label("tender_id")).where(
        Bid.provider_id.in_(ids))
    follows = select(Person.organisation_id.label("provider_id"),
                     TenderFollower.tender_id.label("tender_id")).join(
        Person, Person.id == TenderFollower.person_id).where(Person.organisation_id.in_(ids))
    either = union(bids, follows).subquery()
    held: dict[tuple[int | None, str], set[int]] = {}
    for provider_id, reference, council_id in session.execute(
            select(either.c.provider_id, Tender.reference, Tender.council_id)
            .join(Tender, Tender.id == either.c.tender_id)
            .where(Tender.reference.in_(sorted(references)))):
        held.setdefault((provider_id, reference), set()).add(council_id)
    return held


def council_shown(session: Session, person: Person,
                  deadlines: Iterable[Deadline]) -> dict[int, str]:
    """Per deadline id, the council's name ``person`` is shown beside its reference: only a
    provider's, and only for its own deadline whose placement, contract or tender reference
    it holds at another council too (``provider_councils``). Council staff see their own
    council's."""
    if person.role != Role.PROVIDER:
        return {}
    return provider_councils(session, [deadline for deadline in deadlines
                                       if deadline.provider_id == person.organisation_id])


def councils_of(session: Session, organisation_id: int, *, on: date | None) -> set[int]:
    """The councils a provider works with (its placements' and contracts'); with none yet, the
    only council in the directory (one council's own deployment), or none when there are
    several. For what a case, a question or an invoice goes to when nothing it is about says
    so.

    ``on``: the councils of its work current that day (a placement or a contract not ended
    before it), so a provider whose only placement or contract with a council has ended is no
    longer that council's; with none current, those it has worked with (its last councils,
    a better guess than none). None: of all its work, ended or not (an invoice, which may
    come after the work has ended)."""
    # One query a table: each council with whether any of that work is current on ``on``.
    worked: dict[int, bool] = {}
    for council_id, current in (
            *session.execute(select(Placement.council_id, Placement.current_on(on)
                                    if on is not None else true())
                             .where(Placement.provider_id == organisation_id).distinct()),
            *session.execute(select(Contract.council_id, Contract.current_on(on)
                                    if on is not None else true())
                             .where(Contract.provider_id == organisation_id).distinct())):
        worked[council_id] = worked.get(council_id, False) or bool(current)
    councils = {council_id for council_id, current in worked.items() if current} or set(worked)
    if not councils:
        every = session.scalars(select(Organisation.id).where(
            Organisation.kind == OrganisationKind.COUNCIL).limit(2)).all()
        councils.update(every if len(every) == 1 else ())
    return councils


def first_active(session: Session, organisation_id: int, role: Role) -> Person | None:
    """The organisation's active person with this role and the lowest id."""
    return session.scalars(
        select(Person).where(Person.organisation_id == organisation_id,
                             Person.active.is_(True), Person.role == role)
        .order_by(Person.id)).first()


def cancel_pending(session: Session, deadline_ids: Iterable[int],
                   person_id: int | None = None) -> int:
    """Cancel the pending reminders of some deadlines (of one person only, if given)."""
    ids = list(deadline_ids)
    if not ids:
        return 0
    condition = [Reminder.deadline_id.in_(ids), Reminder.status == ReminderStatus.PENDING]
    if person_id is not None:
        condition.append(Reminder.person_id == person_id)
    result = execute_dml(
        session,
        update(Reminder).where(*condition).values(status=ReminderStatus.CANCELLED)
        .execution_options(synchronize_session=False))
    return int(result.rowcount or 0)


def close_deadline(session: Session, deadline: Deadline, *, status: DeadlineStatus, on: date,
                   outcome: str | None, actor_id: int | None, now: datetime) -> None:
    """Mark a deadline done or not applicable and cancel its reminders."""
    deadline.status = status
    deadline.done_on = on
    deadline.outcome = outcome
    cancel_pending(session, [deadline.id])
    audit.record(session, f"deadline.{status.value}", actor_id=actor_id,
                 subject=f"deadline:{deadline.id}", at=now, on=on.isoformat(),
                 outcome=outcome)


def redate_done(session: Session, deadline: Deadline, *, on: date, actor_id: int | None,
                now: datetime, following: Deadline | None = None,
                following_due: date | None = None, calendar: WorkingCalendar,
                policy: ReminderPolicy) -> int:
    """Change the day a deadline done was recorded done on, kept in the audit log with the day
    it replaces; the audit event's id, one for each change (the key of what is told of it: a
    day changed back and forth is told each time). ``following``: the review its closing
    started (``following_due`` its due day counted from ``on``), moved with it, its reminders
    planned again."""
    was = deadline.done_on
    deadline.done_on = on
    event = audit.record(session, "deadline.redated", actor_id=actor_id,
                         subject=f"deadline:{deadline.id}", at=now,
                         was=was.isoformat() if was is not None else None, on=on.isoformat())
    session.flush()
    if following is not None and following_due is not None:
        cancel_pending(session, [following.id])
        following.start_on, following.due_on = on, following_due
        session.flush()
        plan_reminders(session, following, calendar=calendar, policy=policy, now=now)
    return event.id


# The audit event of an answer about a review not held ("Did it happen?" answered no, or a
# booking told unprompted: "the review for RC-101 is booked for 15 Dec"), with the day it is
# booked for (``booked_for``) when one was said.
PAST_REVIEW_ANSWERED = "review.past_answered"


_SUBJECTS_A_QUERY = 500


def booked_days(session: Session, deadline_ids: Iterable[int]) -> dict[int, date]:
    """The day each of ``deadline_ids`` (reviews) was last said booked for, by id, whether it
    has passed or not: the last answer about it stands, and one with no day books none. One
    query a ``_SUBJECTS_A_QUERY`` ids, on the audit log's indexed action, narrowed to these
    reviews by the database (the log of every answer ever given is never read whole)."""
    subjects = {f"deadline:{deadline_id}": deadline_id for deadline_id in deadline_ids}
    if not subjects:
        return {}
    said: dict[int, date] = {}
    named = sorted(subjects)
    rows = (row for start in range(0, len(named), _SUBJECTS_A_QUERY)
            for row in session.execute(
                select(AuditEvent.subject, AuditEvent.detail)
                .where(AuditEvent.action == PAST_REVIEW_ANSWERED,
                       AuditEvent.subject.in_(named[start:start + _SUBJECTS_A_QUERY]))
                .order_by(AuditEvent.id)))
    for subject, detail in rows:
        deadline_id = subjects[subject or ""]
        said.pop(deadline_id, None)  # the last answer is the one that stands
        booked_for = (detail or {}).get("booked_for")
        try:
            day = date.fromisoformat(str(booked_for)) if booked_for else None
        except ValueError:
            day = None
        if day is not None:
            said[deadline_id] = day
    return said


def snooze(session: Session, deadline: Deadline, person: Person, *, days: int,
           calendar: WorkingCalendar, policy: ReminderPolicy, lease: timedelta,
           now: datetime, cover: Person | None = None) -> datetime:
    """Put off this person's reminders of a deadline by ``days``: one new reminder, then on.
    ``lease``: the outbox senders' lease (a reminder a sender has held for longer, it stopped
    with, and it is withdrawn). ``cover``: their cover (``/away``), who pressed it under a copy
    of their reminder; the reminders stay ``person``'s (the copies follow them while they are
    away) and the cover's copies not yet gone are withdrawn too (session 31's review: a cover's
    snooze started reminders of the cover's own, which went on after the absence)."""
    today = local_date(now, person.timezone)
    until = calendar.previous_working_day(today + timedelta(days=days))
    if until <= today:
        until = calendar.add_working_days(today, 1)
    stage = f"snooze:{until.isoformat()}"
    # Before the day, or an earlier snooze's (session 28's review: "Snooze 1 week" then
    # "Snooze 1 day" sent both): the new snooze replaces it.
    session.execute(
        update(Reminder)
        .where(Reminder.deadline_id == deadline.id, Reminder.person_id == person.id,
               Reminder.status == ReminderStatus.PENDING,
               or_(Reminder.send_at < send_time(until, person.timezone, policy.hour),
                   and_(Reminder.stage.like("snooze:%"), Reminder.stage != stage)))
        .values(status=ReminderStatus.CANCELLED)
        .execution_options(synchronize_session=False))
    send_at = send_time(until, person.timezone, policy.hour)
    # A reminder already handed to the outbox would still reach them after the press: it is
    # withdrawn with the snooze. Not an escalation (the commissioner's overdue deadline, for
    # their contact to act on), queued as "reminder:" and its key (sweep.deliver_claimed).
    escalations = session.scalars(select(Reminder.key).where(
        Reminder.deadline_id == deadline.id, Reminder.stage == "escalation"))
    for told in (person, cover) if cover is not None else (person,):
        outbox.withdraw_about_deadline(
            session, deadline_id=deadline.id, person_id=told.id, now=now, lease=lease,
            reason=(f"not sent: snoozed until {until.isoformat()} ({deadline.rule}, "
                    f"{deadline.reference})"),
            sparing={f"reminder:{key}" for key in escalations})
    key = f"d{deadline.id}:p{person.id}:snooze:{until.isoformat()}"
    if not insert_reminder(session, key=key, deadline_id=deadline.id, person_id=person.id,
                           stage=stage, send_at=send_at, now=now):
        # The same day snoozed to before, and replaced since ("1 week", "1 day", "1 week"
        # again; session 28's second review: the reply promised a reminder none was kept for).
        session.execute(
            update(Reminder).where(Reminder.key == key,
                                   Reminder.status == ReminderStatus.CANCELLED)
            .values(status=ReminderStatus.PENDING, send_at=send_at)
            .execution_options(synchronize_session=False))
    audit.record(session, "deadline.snoozed", actor_id=(cover or person).id,
                 subject=f"deadline:{deadline.id}", at=now, until=until.isoformat(),
                 **({"for_person": person.id} if cover is not None else {}))
    return send_at


def _seen_by(person: Person, *, council: bool) -> ColumnElement[bool]:
    """The deadlines a person's own list holds, or with ``council`` their council's.

    A provider's are its organisation's. A commissioner's own are those they are the
    commissioner of; their council's are all the council's, each tender date once (not the
    providers' copies); an admin's too (an admin administers one council: session 25).
    """
    if person.role.value == "provider":
        # Its own, and a subcontractor's invoice it must pay (the payer sits where a council
        # would; session 22's review: the prime never saw them).
        return ((Deadline.provider_id == person.organisation_id)
                | (Deadline.council_id == person.organisation_id))
    if not council:
        return Deadline.commissioner_id == person.id
    return (Deadline.council_id == person.organisation_id) & ~_providers_copy()


def open_deadlines_for(session: Session, person: Person, *, today: date, council: bool = False,
                       limit: int = 50) -> list[Deadline]:
    """A person's open deadlines (see ``_seen_by``), by due date; tender dates once passed are
    left out."""
    query = select(Deadline).where(
        Deadline.status == DeadlineStatus.OPEN,
        ~(Deadline.rule.in_(PASSING_RULES) & (Deadline.due_on < today)),
        _seen_by(person, council=council))
    return list(session.scalars(query.order_by(Deadline.due_on, Deadline.id).limit(limit)))


def calendar_items(session: Session, person: Person, *, today: date,
                   templates: Environment, domain: str) -> list[CalendarItem]:
    """A person's own deadlines from a year ago to two years ahead, as calendar events (their
    UIDs in ``domain``, ``ics.calendar_domain``)."""
    query = select(Deadline).where(Deadline.due_on >= today - timedelta(days=365),
                                   Deadline.due_on <= today + timedelta(days=730),
                                   _seen_by(person, council=False))
    deadlines = list(session.scalars(query.order_by(Deadline.due_on, Deadline.id)))
    councils = council_shown(session, person, deadlines)
    items = []
    for deadline in deadlines:
        title = RULE_TITLES.get(deadline.rule, deadline.rule)
        # "RC-104 initial review (Southshire)" where the provider has an RC-104 at two councils.
        council = councils.get(deadline.id)
        reference = f"{deadline.reference} ({council})" if council else deadline.reference
        description = render(templates, "deadlines_calendar_item.txt", rule=deadline.rule,
                             title=title, reference=reference, due_on=deadline.due_on,
                             pledge=RULE_PLEDGES.get(deadline.rule), deadline_id=deadline.id)
        items.append(CalendarItem(
            uid=deadline_uid(deadline.id, domain), summary=f"{title}: {reference}",
            due_on=deadline.due_on, description=description, status=deadline.status.value))
    return items


def may_act_on(person: Person, deadline: Deadline) -> bool:
    """Whether a person may close or snooze a deadline (its provider's or council's people; an
    admin as their council's, never another council's: session 25's review).

    A bidder's or a follower's own copy of a tender date is the provider's alone: the council
    has the tender's own (session 30's trial: a commissioner's "/done 5" closed a bidder's
    submission deadline, which left its /reminders unsaid)."""
    if person.organisation_id == deadline.provider_id:
        return True
    return person.organisation_id == deadline.council_id and not (
        deadline.rule in PASSING_RULES and deadline.provider_id is not None)


def may_close(person: Person, deadline: Deadline) -> bool:
    """Whether a person may close a deadline (done or not applicable), beyond ``may_act_on``:
    a council's own duty (feedback to a bidder, confirming an uplift) is the council's to
    close; its provider is reminded of it but cannot mark it done."""
    return may_act_on(person, deadline) and not (
        deadline.rule in COUNCIL_DUTIES and person.organisation_id != deadline.council_id)
