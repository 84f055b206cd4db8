"""Benchmark: the reminder sweep over 100,000 placements and 100,000 invoices, against the naive
design of one APScheduler job per reminder in a SQLAlchemyJobStore.

For each database (a SQLite file; a fresh PostgreSQL database) this script

1. migrates an empty database, loads the demo people and bulk-loads N placements and M invoices
   with their deadlines (``initial-review`` and ``payment``) and reminder rows. The rows are
   built by the same rules as ``open_deadline`` / ``plan_reminders`` (same columns, keys,
   stages, 09:00 Europe/London send times; checked against the real ``open_deadline`` on a
   sample), each deadline opened at 07:00 UTC on its start date; start dates are spread over the
   395 days before the sweep. The history up to the sweep is then settled as the minute sweeps
   would have left it: reminders before the sweep are ``sent``; a deadline whose due date has
   passed is ``done`` on its due date (after its due-day reminder, whose chase was then
   cancelled), so what is due at the sweep is one morning's reminders;
2. on fresh copies of that database (one per measured sweep), in a fresh subprocess each:
   one ``sweep(...)`` at 09:00:30 on Wednesday 25 November 2026 (claims, queues in the outbox
   and marks sent every due reminder), then idle sweeps one minute apart (nothing due: the
   common case), then ``claim_due`` alone in batches of 500 over the next morning's reminders
   (claimed, not delivered);
3. the app's own path to create reminders: ``open_deadline`` in one transaction per deadline on
   a sample of the same deadlines (about ``--naive-count`` reminders) in a fresh database, and
   the app's start-up (``build_router`` registering every feature's jobs, ``build_scheduler``
   with them, started paused and shut down);
4. the naive design on the same kind of database: an APScheduler 3 ``BackgroundScheduler``
   (started paused, so nothing runs) with a ``SQLAlchemyJobStore``, one ``date`` job per
   reminder (``--naive-count`` of the reminders still to be sent, id = the reminder's key);
   then a fresh scheduler on that job store: start-up (``start(paused=True)`` + ``shutdown``),
   loading every job (``get_jobs``) and finding the due ones (``get_due_jobs`` at the sweep).

It prints one table per database and the naive/pledgebot ratios. Figures from a subset are
extrapolated linearly and labelled so.

    /tmp/venv/bin/python bench/deadlines.py [--db sqlite|postgresql|both] [--placements 100000]
        [--invoices 100000] [--naive-count 20000] [--copies 3] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import cProfile
import json
import math
import random
import statistics
import sys
import time
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

import _db
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.db import make_engine, make_session_factory, transaction, utcnow
from bot.migrations import upgrade
from bot.models import (
    Deadline,
    DeadlineStatus,
    Invoice,
    Organisation,
    OutboxMessage,
    Person,
    Placement,
    Reminder,
    ReminderStatus,
)
from bot.templates import make_templates
from bot.values import frozen
from handlers.deadlines.store import (
    PASSING_RULES,
    ReminderPolicy,
    local_date,
    open_deadline,
    reminder_days,
    send_time,
)
from handlers.deadlines.sweep import claim_due, sweep
from handlers.people.directory import load_demo
from scheduler.jobs import build_scheduler
from scheduler.rules import WorkingCalendar, payment_clocks, schedule

# The measured sweep: 09:00:30 London time (GMT in November) on Wednesday 25 November 2026, the
# first minute sweep after the 09:00 reminders fell due; the one before ran at 08:59:30.
SWEEP_AT = datetime(2026, 11, 25, 9, 0, 30, tzinfo=UTC)
HISTORY_DAYS = 395  # about 13 months of start dates before the sweep
OPEN_HOUR_UTC = 7  # deadlines are opened at 07:00 UTC on their start date (before 09:00 local)
CLAIM_BATCH = 500
CHUNK_ROWS = 20_000
COMMISSIONERS = ("priya.shah@northshire.example", "tom.okafor@northshire.example")
PROVIDERS = (("Riverside Care Homes", "sam.patel@riverside-care.example"),
             ("Hillview Home Care CIC", "alex.morgan@hillview.example"))


def send_reminder(key: str) -> None:
    """The naive design's job function: one call per reminder (never run here)."""
    del key


# -- the data ---------------------------------------------------------------------------------
@frozen
class Spec:
    """One deadline as ``open_deadline`` is given it, and when it was opened."""

    id: int
    rule: str
    reference: str
    start_on: date
    due_on: date
    council_id: int
    provider_id: int
    provider_contact_id: int
    commissioner_id: int
    placement_id: int | None
    invoice_id: int | None

    @property
    def opened_at(self) -> datetime:
        """07:00 UTC on the start date: before that day's 09:00 reminders, in either season."""
        return datetime(self.start_on.year, self.start_on.month, self.start_on.day,
                        OPEN_HOUR_UTC, tzinfo=UTC)


@frozen
class DemoPeople:
    """The demo council, commissioners and providers the data is spread over."""

    council_id: int
    commissioners: tuple[int, ...]
    providers: tuple[tuple[int, int], ...]  # (organisation id, provider contact id)
    timezones: Mapping[int, str]


def demo_people(factory: sessionmaker[Session]) -> DemoPeople:
    """Look up the demo people by e-mail."""
    with factory() as session:
        council = session.scalars(
            select(Organisation).where(Organisation.name == _db.COUNCIL)).one()
        by_email = {p.email: p for p in session.scalars(select(Person))}
        orgs = {o.name: o.id for o in session.scalars(select(Organisation))}
        return DemoPeople(
            council_id=council.id,
            commissioners=tuple(by_email[e].id for e in COMMISSIONERS),
            providers=tuple((orgs[name], by_email[email].id) for name, email in PROVIDERS),
            timezones={p.id: p.timezone for p in by_email.values()},
        )


class Planner:
    """``plan_reminders`` without the database, with caches (few distinct dates, many rows)."""

    def __init__(self, calendar: WorkingCalendar, policy: ReminderPolicy) -> None:
        self.calendar = calendar
        self.policy = policy
        self._due: dict[tuple[str, date], date] = {}
        self._days: dict[tuple[str, date, date], list[date]] = {}
        self._send: dict[tuple[date, str], datetime] = {}

    def due(self, rule: str, start: date) -> date:
        """The due date of ``rule`` started on ``start`` (``schedule``; an invoice's legal
        limit)."""
        key = (rule, start)
        if key not in self._due:
            self._due[key] = (payment_clocks(start, self.calendar).limit if rule == "payment"
                              else schedule(rule, start, self.calendar).due)
        return self._due[key]

    def days(self, rule: str, due: date, start: date) -> list[date]:
        """The reminder days (``reminder_days`` with the policy's lead days)."""
        key = (rule, due, start)
        if key not in self._days:
            self._days[key] = reminder_days(Deadline(rule=rule, due_on=due, start_on=start),
                                            calendar=self.calendar, policy=self.policy)
        return self._days[key]

    def send_at(self, day: date, timezone: str) -> datetime:
        """``send_time`` at the policy's hour."""
        key = (day, timezone)
        if key not in self._send:
            self._send[key] = send_time(day, timezone, self.policy.hour)
        return self._send[key]

    def at_open(self, spec: Spec, timezones: Mapping[int, str]) -> list[dict[str, Any]]:
        """The reminder rows ``open_deadline`` writes for ``spec`` at its opening time."""
        now = spec.opened_at
        rows: list[dict[str, Any]] = []
        people = [spec.provider_contact_id, spec.commissioner_id]
        for person_id in dict.fromkeys(p for p in people if p is not None):
            timezone = timezones[person_id]
            today = local_date(now, timezone)
            days = self.days(spec.rule, spec.due_on, spec.start_on)
            future = [day for day in days if self.send_at(day, timezone) >= now]
            rows.extend(self.row(spec, person_id, "on", day, timezone, now=now)
                        for day in future)
            if spec.rule in PASSING_RULES:
                continue
            if spec.due_on < today or (not future and spec.due_on <= today):
                raise ValueError(f"deadline {spec.id} is overdue when opened: not modelled")
            # The first chase, planned at opening (``plan_reminders`` since session 34), a few
            # working days after the due date; no escalation yet (it comes later than it).
            chase_on = self.calendar.add_working_days(spec.due_on, self.policy.chase_every)
            rows.append(self.row(spec, person_id, "chase", chase_on, timezone, now=now))
        return rows

    def row(self, spec: Spec, person_id: int, stage: str, day: date, timezone: str, *,
            now: datetime, status: ReminderStatus = ReminderStatus.PENDING) -> dict[str, Any]:
        """One reminder row as ``plan_reminders`` writes it: ``stage`` "on" or "chase"."""
        return {"key": f"d{spec.id}:p{person_id}:{stage}:{day.isoformat()}",
                "deadline_id": spec.id, "person_id": person_id,
                "stage": f"{stage}:{day.isoformat()}", "send_at": self.send_at(day, timezone),
                "status": status, "claimed_at": None, "claim_token": None, "sent_at": None,
                "created_at": now}

    def settle(self, spec: Spec, rows: list[dict[str, Any]], timezones: Mapping[int, str],
               now: datetime) -> tuple[bool, list[dict[str, Any]]]:
        """Apply the history before the sweep at ``now``; (deadline done?, chase rows added).

        Reminders due before the previous minute sweep were sent by it. A deadline due before
        today was done on its due date after its due-day reminder, which (like any reminder
        sent on or after the due date) made the sweep write a chase, cancelled when it was done.
        """
        previous_sweep = now - _db.SWEEP_EVERY
        done = spec.due_on < local_date(now, _db.TIMEZONE)
        chases: list[dict[str, Any]] = []
        chased: set[int] = set()
        planned = {row["key"] for row in rows}
        for row in rows:
            if str(row["stage"]).startswith("chase:"):
                # The first chase planned at opening: cancelled when the deadline was done
                # (on its due date, before the chase's day); else still to come.
                if done:
                    row.update(status=ReminderStatus.CANCELLED)
                continue
            if row["send_at"] > previous_sweep:
                continue
            row.update(status=ReminderStatus.SENT, claimed_at=row["send_at"],
                       sent_at=row["send_at"])
            person_id = row["person_id"]
            timezone = timezones[person_id]
            sent_on = local_date(row["send_at"], timezone)
            if (done and sent_on >= spec.due_on and person_id not in chased
                    and spec.rule not in PASSING_RULES):
                chased.add(person_id)
                chase_on = self.calendar.add_working_days(max(sent_on, spec.due_on),
                                                          self.policy.chase_every)
                if f"d{spec.id}:p{person_id}:chase:{chase_on.isoformat()}" in planned:
                    continue  # the same chase as planned at opening: written once
                chases.append(self.row(spec, person_id, "chase", chase_on, timezone,
                                       now=row["send_at"], status=ReminderStatus.CANCELLED))
        return done, chases


def make_specs(people: DemoPeople, placements: int, invoices: int, planner: Planner,
               seed: int) -> tuple[list[Spec], list[dict[str, Any]], list[dict[str, Any]]]:
    """The deadlines, placement rows and invoice rows: start dates over the last 395 days."""
    rng = random.Random(seed)
    today = local_date(SWEEP_AT, _db.TIMEZONE)
    specs: list[Spec] = []
    placement_rows: list[dict[str, Any]] = []
    invoice_rows: list[dict[str, Any]] = []

    def opened(rule: str, reference: str, start: date, *, provider_id: int, contact_id: int,
               commissioner_id: int, placement_id: int | None, invoice_id: int | None) -> Spec:
        """The next deadline (id in order), due when ``rule`` says from ``start``."""
        spec = Spec(id=len(specs) + 1, rule=rule, reference=reference, start_on=start,
                    due_on=planner.due(rule, start), council_id=people.council_id,
                    provider_id=provider_id, provider_contact_id=contact_id,
                    commissioner_id=commissioner_id, placement_id=placement_id,
                    invoice_id=invoice_id)
        specs.append(spec)
        return spec

    for i in range(1, placements + 1):
        start = today - timedelta(days=rng.randrange(HISTORY_DAYS + 1))
        provider_id, contact_id = people.providers[i % len(people.providers)]
        commissioner_id = people.commissioners[i % len(people.commissioners)]
        reference = f"BENCH-P{i:07d}"
        spec = opened("initial-review", f"{reference} initial review", start,
                      provider_id=provider_id, contact_id=contact_id,
                      commissioner_id=commissioner_id, placement_id=i, invoice_id=None)
        placement_rows.append({
            "id": i, "reference": reference, "council_id": people.council_id,
            "provider_id": provider_id, "contract_id": None, "commissioner_id": commissioner_id,
            "provider_contact_id": contact_id, "started_on": start, "ended_on": None,
            "created_at": spec.opened_at,
        })
    by_start = sorted((s.start_on, s.id) for s in specs)
    starts = [start for start, _ in by_start]
    for i in range(1, invoices + 1):
        received = today - timedelta(days=rng.randrange(HISTORY_DAYS + 1))
        started = bisect.bisect_right(starts, received)  # placements started by then
        if started:
            placement = specs[by_start[rng.randrange(started)][1] - 1]
            provider_id, contact_id = placement.provider_id, placement.provider_contact_id
            commissioner_id, placement_id = placement.commissioner_id, placement.id
        else:  # no placement yet: the payer's first active commissioner, as the import does
            provider_id, contact_id = people.providers[i % len(people.providers)]
            commissioner_id, placement_id = people.commissioners[0], None
        number = f"BENCH-INV-{i:07d}"
        spec = opened("payment", f"invoice {number}", received, provider_id=provider_id,
                      contact_id=contact_id, commissioner_id=commissioner_id,
                      placement_id=placement_id, invoice_id=i)
        invoice_rows.append({
            "id": i, "number": number, "issuer_id": provider_id, "payer_id": people.council_id,
            "placement_id": placement_id, "amount_pence": rng.randrange(50_000, 500_000),
            "received_on": received, "paid_on": None, "created_at": spec.opened_at,
        })
    return specs, placement_rows, invoice_rows


def deadline_row(spec: Spec, done: bool) -> dict[str, Any]:
    """The deadline row ``open_deadline`` writes, closed on its due date if ``done``."""
    return {
        "id": spec.id, "rule": spec.rule, "reference": spec.reference,
        "council_id": spec.council_id, "provider_id": spec.provider_id,
        "provider_contact_id": spec.provider_contact_id,
        "commissioner_id": spec.commissioner_id, "placement_id": spec.placement_id,
        "invoice_id": spec.invoice_id, "tender_id": None, "bid_id": None, "contract_id": None,
        "start_on": spec.start_on, "due_on": spec.due_on,
        "status": DeadlineStatus.DONE if done else DeadlineStatus.OPEN,
        "done_on": spec.due_on if done else None, "outcome": None,
        "created_at": spec.opened_at,
    }


# -- databases --------------------------------------------------------------------------------
def prepare(url: str) -> tuple[Engine, sessionmaker[Session], DemoPeople]:
    """Migrate, load the demo people."""
    engine = make_engine(url)
    upgrade(engine)
    factory = make_session_factory(engine)
    load_demo(factory)
    return engine, factory, demo_people(factory)


@frozen
class Loaded:
    """What the bulk load wrote."""

    seconds: float
    deadlines: int
    done: int
    reminders: int
    on_reminders: int
    by_status: dict[str, int]
    due_now: int


def _insert(engine: Engine, table: Any, rows: list[dict[str, Any]]) -> None:
    with engine.begin() as connection:
        for start in range(0, len(rows), CHUNK_ROWS):
            connection.execute(table.insert(), rows[start:start + CHUNK_ROWS])


def bulk_load(engine: Engine, specs: Sequence[Spec], placements: list[dict[str, Any]],
              invoices: list[dict[str, Any]], people: DemoPeople, planner: Planner) -> Loaded:
    """Insert placements, invoices, deadlines and reminders with Core executemany, in chunks."""
    started = time.perf_counter()
    today = local_date(SWEEP_AT, _db.TIMEZONE)
    for spec in specs:  # paid on the due date when the payment deadline was done
        if spec.invoice_id is not None and spec.due_on < today:
            invoices[spec.invoice_id - 1]["paid_on"] = spec.due_on
    _insert(engine, Placement.__table__, placements)
    _insert(engine, Invoice.__table__, invoices)
    statuses: Counter[str] = Counter()
    total = on_total = done_total = 0
    deadline_buffer: list[dict[str, Any]] = []
    reminder_buffer: list[dict[str, Any]] = []

    def flush() -> None:
        with engine.begin() as connection:
            if deadline_buffer:
                connection.execute(Deadline.__table__.insert(), deadline_buffer)
            if reminder_buffer:
                connection.execute(Reminder.__table__.insert(), reminder_buffer)
        deadline_buffer.clear()
        reminder_buffer.clear()

    for spec in specs:
        rows = planner.at_open(spec, people.timezones)
        on_total += len(rows)
        done, chases = planner.settle(spec, rows, people.timezones, SWEEP_AT)
        done_total += done
        rows.extend(chases)
        deadline_buffer.append(deadline_row(spec, done))
        reminder_buffer.extend(rows)
        total += len(rows)
        statuses.update(row["status"].value for row in rows)
        if len(reminder_buffer) >= CHUNK_ROWS:
            flush()
    flush()
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:  # ids were given explicitly: move the sequences on
            connection.execute(text(
                "SELECT setval(pg_get_serial_sequence('placement', 'id'), "
                "(SELECT max(id) FROM placement))"))
            connection.execute(text(
                "SELECT setval(pg_get_serial_sequence('invoice', 'id'), "
                "(SELECT max(id) FROM invoice))"))
            connection.execute(text(
                "SELECT setval(pg_get_serial_sequence('deadline', 'id'), "
                "(SELECT max(id) FROM deadline))"))
    seconds = time.perf_counter() - started
    with engine.connect() as connection:
        due_now = connection.scalar(
            select(func.count()).select_from(Reminder)
            .where(Reminder.status == ReminderStatus.PENDING, Reminder.send_at <= SWEEP_AT)) or 0
        counted = connection.scalar(select(func.count()).select_from(Reminder)) or 0
    assert counted == total, f"{counted} reminder rows, expected {total}"
    if engine.dialect.name == "postgresql":
        # What autovacuum does soon after a load this size; statistics for the planner.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    return Loaded(seconds=seconds, deadlines=len(specs), done=done_total, reminders=total,
                  on_reminders=on_total, by_status=dict(statuses), due_now=due_now)


# -- children: each measurement in a fresh interpreter ---------------------------------------
def _app_parts(*, warm: bool = True) -> tuple[Any, WorkingCalendar, ReminderPolicy]:
    """Templates, calendar and policy; a warm calendar has this year's and next year's bank
    holidays loaded, as the app's shared calendar has after its first use."""
    year = SWEEP_AT.year
    calendar = WorkingCalendar(years=(year, year + 1)) if warm else WorkingCalendar()
    return make_templates(), calendar, ReminderPolicy()


def child_sweep(url: str, idle: int, profile: bool) -> dict[str, Any]:
    """The measured sweep at SWEEP_AT, idle sweeps, then claim_due alone the next morning."""
    engine = make_engine(url)
    factory = make_session_factory(engine)
    templates, calendar, policy = _app_parts()
    options = {"templates": templates, "calendar": calendar, "policy": policy, "lease": _db.LEASE}
    # Warm-up, as in a running app: the connection, compiled statements, the template and the
    # bank holidays. An idle sweep an hour earlier finds nothing (everything before was sent).
    warm = sweep(factory, now=SWEEP_AT - timedelta(hours=1), **options)
    assert warm.claimed == 0, warm
    statements: Counter[str] = Counter()

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements[statement.lstrip().split(None, 1)[0].upper()] += 1

    event.listen(engine, "before_cursor_execute", count)
    base = _db.reset_peak()
    profiler = cProfile.Profile() if profile else None
    began = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    result = sweep(factory, now=SWEEP_AT, **options)
    if profiler is not None:
        profiler.disable()
    seconds = time.perf_counter() - began
    sweep_peak = _db.peak_mb() - base
    event.remove(engine, "before_cursor_execute", count)
    with factory() as session:
        queued = session.scalar(select(func.count()).select_from(OutboxMessage)) or 0
        left = session.scalar(select(func.count()).select_from(Reminder).where(
            Reminder.status == ReminderStatus.PENDING, Reminder.send_at <= SWEEP_AT)) or 0
        chases = session.scalar(select(func.count()).select_from(Reminder).where(
            Reminder.stage.like("chase:%"), Reminder.status == ReminderStatus.PENDING)) or 0
    assert left == 0, f"{left} reminders still due after the sweep"
    assert queued == result.sent, (queued, result)
    idle_ms = []
    for i in range(1, idle + 1):
        began = time.perf_counter()
        nothing = sweep(factory, now=SWEEP_AT + i * _db.SWEEP_EVERY, **options)
        idle_ms.append((time.perf_counter() - began) * 1000)
        assert nothing.claimed == 0, nothing
    # claim_due alone: the next working day's 09:00 reminders, in batches, never delivered.
    next_day = calendar.add_working_days(local_date(SWEEP_AT, _db.TIMEZONE), 1)
    later = send_time(next_day, _db.TIMEZONE, policy.hour) + timedelta(seconds=30)
    claim_ms: list[float] = []
    claimed_later = 0
    began_all = time.perf_counter()
    while True:
        began = time.perf_counter()
        ids = claim_due(factory, now=later, lease=_db.LEASE, batch=CLAIM_BATCH,
                        token=uuid.uuid4().hex)
        if not ids:
            break
        claim_ms.append((time.perf_counter() - began) * 1000)
        claimed_later += len(ids)
    claim_all = time.perf_counter() - began_all
    figures: dict[str, Any] = {
        "seconds": seconds, "claimed": result.claimed, "sent": result.sent,
        "cancelled": result.cancelled, "chases_pending": chases, "peak_mb": sweep_peak,
        "statements": dict(statements), "idle_ms": idle_ms, "claim_ms": claim_ms,
        "claimed_later": claimed_later, "claim_all_seconds": claim_all,
    }
    if profiler is not None:
        figures["profile"] = _db.profile_text(profiler)
    engine.dispose()
    return figures


def _open(session: Session, spec: Spec, calendar: WorkingCalendar,
          policy: ReminderPolicy) -> int:
    deadline = open_deadline(
        session, rule=spec.rule, reference=spec.reference, start_on=spec.start_on,
        due_on=spec.due_on, council_id=spec.council_id, calendar=calendar, policy=policy,
        now=spec.opened_at, provider_id=spec.provider_id,
        provider_contact_id=spec.provider_contact_id, commissioner_id=spec.commissioner_id)
    return deadline.id


def child_create(url: str, specs: list[dict[str, Any]], one_transaction: bool) -> dict[str, Any]:
    """The app's path: ``open_deadline`` in one transaction per deadline (as in chat) or all in
    one transaction (as the CSV imports do); then check the rows against the bulk loader's."""
    engine = make_engine(url)
    factory = make_session_factory(engine)
    _templates, calendar, policy = _app_parts()
    people = demo_people(factory)
    items = [_db.spec_from_json(Spec, s) for s in specs]
    with factory() as session:  # warm-up: the connection and the person rows' mapper
        session.scalar(select(func.count()).select_from(Person))
    base = _db.reset_peak()
    ids: list[int] = []
    began = time.perf_counter()
    if one_transaction:
        with transaction(factory) as session:
            ids.extend(_open(session, spec, calendar, policy) for spec in items)
    else:
        for spec in items:
            with transaction(factory) as session:
                ids.append(_open(session, spec, calendar, policy))
    seconds = time.perf_counter() - began
    create_peak = _db.peak_mb() - base
    # The bulk loader's rows must be exactly what open_deadline wrote.
    planner = Planner(calendar, policy)
    expected = set()
    for spec, new_id in zip(items, ids, strict=True):
        renamed = Spec(**{**asdict(spec), "id": new_id})
        for row in planner.at_open(renamed, people.timezones):
            expected.add((row["key"], row["deadline_id"], row["person_id"], row["stage"],
                          row["send_at"], row["status"].value, row["created_at"]))
    with factory() as session:
        written = {
            (r.key, r.deadline_id, r.person_id, r.stage, r.send_at, r.status.value,
             r.created_at)
            for r in session.scalars(select(Reminder))
        }
    engine.dispose()
    return {"seconds": seconds, "deadlines": len(items), "reminders": len(written),
            "peak_mb": create_peak, "mismatches": len(expected ^ written)}


def _naive_scheduler(url: str) -> tuple[BackgroundScheduler, SQLAlchemyJobStore]:
    store = SQLAlchemyJobStore(url=url)
    return BackgroundScheduler(timezone=_db.TIMEZONE, jobstores={"default": store}), store


def child_naive_schedule(url: str, jobs: list[list[str]]) -> dict[str, Any]:
    """One APScheduler date job per reminder, added to a paused scheduler's job store."""
    scheduler, _store = _naive_scheduler(url)
    scheduler.start(paused=True)
    base = _db.reset_peak()
    began = time.perf_counter()
    for key, send_at in jobs:
        scheduler.add_job(send_reminder, "date", run_date=datetime.fromisoformat(send_at),
                          id=key, args=[key])
    seconds = time.perf_counter() - began
    schedule_peak = _db.peak_mb() - base
    scheduler.shutdown()
    return {"seconds": seconds, "jobs": len(jobs), "peak_mb": schedule_peak}


def child_naive_start(url: str) -> dict[str, Any]:
    """A fresh scheduler on the populated job store: start-up, load all jobs, find due ones."""
    _db.import_driver(url)
    base = _db.reset_peak()
    began = time.perf_counter()
    scheduler, _store = _naive_scheduler(url)
    scheduler.start(paused=True)
    scheduler.shutdown()
    startup = time.perf_counter() - began
    startup_peak = _db.peak_mb() - base
    scheduler, store = _naive_scheduler(url)
    scheduler.start(paused=True)
    base = _db.reset_peak()
    began = time.perf_counter()
    loaded = scheduler.get_jobs()
    load_seconds = time.perf_counter() - began
    load_peak = _db.peak_mb() - base
    count = len(loaded)
    del loaded
    began = time.perf_counter()
    due = store.get_due_jobs(SWEEP_AT)
    due_seconds = time.perf_counter() - began
    scheduler.shutdown()
    return {"startup": startup, "startup_peak_mb": startup_peak, "load_seconds": load_seconds,
            "load_peak_mb": load_peak, "jobs": count, "due_seconds": due_seconds,
            "due": len(due)}


def child_app_start(url: str) -> dict[str, Any]:
    """The app's scheduler with the sweep job: engine, build, start paused, shut down."""
    _db.import_driver(url)
    base = _db.reset_peak()
    began = time.perf_counter()
    engine = make_engine(url)
    factory = make_session_factory(engine)
    templates, _calendar, _policy = _app_parts(warm=False)
    router = build_router(factory, Settings(database_url=url), templates)

    async def start() -> int:
        scheduler = build_scheduler(router.jobs.values(), timezone=_db.TIMEZONE, clock=utcnow)
        scheduler.start(paused=True)
        jobs = len(scheduler.get_jobs())
        scheduler.shutdown(wait=False)
        return jobs

    jobs = asyncio.run(start())
    seconds = time.perf_counter() - began
    figures = {"startup": seconds, "startup_peak_mb": _db.peak_mb() - base, "jobs": jobs}
    engine.dispose()
    return figures


def child(name: str, payload: dict[str, Any]) -> int:
    """Run one child measurement and print its figures as JSON."""
    if name == "sweep":
        figures = child_sweep(payload["url"], payload["idle"], payload["profile"])
    elif name == "create":
        figures = child_create(payload["url"], payload["specs"], payload["one_transaction"])
    elif name == "naive-schedule":
        figures = child_naive_schedule(payload["url"], payload["jobs"])
    elif name == "naive-start":
        figures = child_naive_start(payload["url"])
    else:
        figures = child_app_start(payload["url"])
    print(json.dumps(figures))
    return 0


# -- one database -----------------------------------------------------------------------------
def bench_database(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    """Load, sweep on copies, the app's create path and start-up, the naive design."""
    calendar, policy = WorkingCalendar(), ReminderPolicy()
    planner = Planner(calendar, policy)
    report: dict[str, Any] = {"database": kind}
    with _db.fresh_database(kind) as base_url:
        engine, _factory, people = prepare(base_url)
        specs, placement_rows, invoice_rows = make_specs(
            people, args.placements, args.invoices, planner, _db.SEED)
        loaded = bulk_load(engine, specs, placement_rows, invoice_rows, people, planner)
        del placement_rows, invoice_rows
        engine.dispose()
        report["loaded"] = asdict(loaded)
        report["size_mb"] = _db.settled_size_mb(base_url)
        print(f"[{kind}] loaded {loaded.deadlines:,} deadlines and {loaded.reminders:,} "
              f"reminders in {loaded.seconds:.1f} s ({report['size_mb']:,.0f} MB); "
              f"{loaded.due_now:,} due at {SWEEP_AT:%Y-%m-%d %H:%M:%S} UTC", flush=True)
        # Samples for the create paths: about --naive-count reminders each.
        pending: list[list[str]] = []
        for spec in specs:
            for row in planner.at_open(spec, people.timezones):
                if row["send_at"] > SWEEP_AT - _db.SWEEP_EVERY:
                    pending.append([row["key"], row["send_at"].isoformat()])
        report["pending_total"] = len(pending)
        naive_jobs = _db.evenly(pending, args.naive_count)
        per_deadline = loaded.on_reminders / loaded.deadlines
        sample = _db.evenly(specs, max(1, math.ceil(args.naive_count / per_deadline)))
        del specs, pending
        report["sweeps"] = []
        for copy in range(args.copies + (1 if args.profile else 0)):
            profiled = copy == args.copies
            with _db.copy_of(base_url) as url:
                figures = _db.run_child("sweep", url=url, idle=args.idle, profile=profiled)
            if profiled:
                report["profile"] = figures["profile"]
            else:
                report["sweeps"].append(figures)
                print(f"[{kind}] sweep {copy + 1}: {figures['claimed']:,} claimed in "
                      f"{figures['seconds']:.2f} s", flush=True)
        report["app_start"] = _db.run_child("app-start", url=base_url)
    for name, one_transaction in (("create", False), ("create_one", True)):
        with _db.fresh_database(kind) as create_url:
            prepare(create_url)[0].dispose()
            report[name] = _db.run_child("create", url=create_url, one_transaction=one_transaction,
                                     specs=[_db.spec_to_json(s) for s in sample])
            how = "one transaction" if one_transaction else "a transaction per deadline"
            print(f"[{kind}] open_deadline ({how}): {report[name]['reminders']:,} reminders "
                  f"in {report[name]['seconds']:.1f} s", flush=True)
    with _db.fresh_database(kind) as naive_url:
        report["naive_schedule"] = _db.run_child("naive-schedule", url=naive_url, jobs=naive_jobs)
        print(f"[{kind}] naive: {len(naive_jobs):,} jobs scheduled in "
              f"{report['naive_schedule']['seconds']:.1f} s", flush=True)
        report["naive_start"] = _db.run_child("naive-start", url=naive_url)
    return report


# -- output -----------------------------------------------------------------------------------
def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _matches(create: Mapping[str, Any]) -> str:
    return "yes" if create["mismatches"] == 0 else f"NO ({create['mismatches']} differ)"


def print_report(report: dict[str, Any]) -> None:
    """One table per database: the data, pledgebot's figures, the naive design, the ratios."""
    kind, loaded, sweeps = report["database"], report["loaded"], report["sweeps"]
    seconds = [s["seconds"] for s in sweeps]
    sweep_s = _median(seconds)
    first = sweeps[0]
    firsts = ", ".join(f"{s['claim_ms'][0]:.1f}" for s in sweeps if s["claim_ms"])
    idle = [ms for s in sweeps for ms in s["idle_ms"]]
    claims = [ms for s in sweeps for ms in s["claim_ms"]]
    claim_all = _median([s["claim_all_seconds"] for s in sweeps])
    create, create_one = report["create"], report["create_one"]
    app_start = report["app_start"]
    naive, naive_start = report["naive_schedule"], report["naive_start"]
    total, pending = loaded["reminders"], report["pending_total"]
    per_reminder = create["seconds"] / create["reminders"]
    per_reminder_one = create_one["seconds"] / create_one["reminders"]
    per_job = naive["seconds"] / naive["jobs"]
    scale = pending / naive_start["jobs"]
    sweep_mb = _median([s["peak_mb"] for s in sweeps])
    print()
    print(f"== {kind} ==")
    status = ", ".join(f"{k} {v:,}" for k, v in sorted(loaded["by_status"].items()))
    print(f"data: {loaded['deadlines']:,} deadlines ({loaded['done']:,} done), {total:,} "
          f"reminders ({status}); database {report['size_mb']:,.0f} MB; bulk load "
          f"{loaded['seconds']:.1f} s (the bench's own Core executemany, not the app's path)")
    print(f"due at the sweep ({SWEEP_AT:%Y-%m-%d %H:%M:%S} UTC = 09:00:30 London): "
          f"{loaded['due_now']:,} of {total:,} reminders ({loaded['due_now'] / total:.2%}); "
          f"still to be sent (pending): {pending:,}")
    rows: list[tuple[str, str, str]] = [
        ("sweep at 09:00:30 (find, claim, outbox, sent)",
         f"{sweep_s:.2f} s" + (f" [{min(seconds):.2f}-{max(seconds):.2f}]"
                               if len(seconds) > 1 else ""),
         f"median [range] of {len(seconds)} fresh copies; {first['claimed']:,} claimed, "
         f"{first['sent']:,} sent, {first['cancelled']:,} cancelled, "
         f"{first['chases_pending']:,} chases written"),
        ("  reminders per second", f"{first['claimed'] / sweep_s:,.0f}", ""),
        ("  SQL statements", f"{sum(first['statements'].values()):,}",
         ", ".join(f"{k} {v:,}" for k, v in sorted(first["statements"].items()))),
        ("  peak RSS growth", f"{sweep_mb:.1f} MB", "VmHWM over RSS before, own process"),
        ("idle sweep (nothing due)", f"{_median(idle):.2f} ms",
         f"median of {len(idle)}; max {max(idle):.2f} ms"),
        (f"claim_due alone, batch of {CLAIM_BATCH}", f"{_median(claims):.1f} ms",
         f"median of {len(claims)} batches (first of each copy: "
         f"{firsts} ms)"),
        ("claim every due reminder, no delivery", f"{claim_all:.2f} s",
         f"the {first['claimed_later']:,} due at 09:00:30 the next working day, batches of "
         f"{CLAIM_BATCH}: {first['claimed_later'] / claim_all:,.0f}/s"),
        ("open_deadline, a transaction per deadline", f"{per_reminder * 1000:.3f} ms/rem.",
         f"{create['deadlines']:,} deadlines, {create['reminders']:,} reminders in "
         f"{create['seconds']:.1f} s (chat path); rows as the bulk loader's: {_matches(create)}"),
        ("open_deadline, all in one transaction", f"{per_reminder_one * 1000:.3f} ms/rem.",
         f"the same in {create_one['seconds']:.1f} s (CSV import path); rows as the bulk "
         f"loader's: {_matches(create_one)}"),
        ("start-up: build_scheduler, start, shutdown", f"{app_start['startup'] * 1000:.0f} ms",
         f"{app_start['jobs']} jobs whatever the data; RSS "
         f"+{app_start['startup_peak_mb']:.1f} MB"),
        ("naive: add_job per reminder", f"{per_job * 1000:.3f} ms/job",
         f"{naive['jobs']:,} jobs in {naive['seconds']:.1f} s; RSS +{naive['peak_mb']:.1f} MB"),
        ("naive: start paused + shutdown", f"{naive_start['startup'] * 1000:.0f} ms",
         f"{naive_start['jobs']:,} jobs in the store; RSS +"
         f"{naive_start['startup_peak_mb']:.1f} MB"),
        ("naive: get_jobs (load every job)", f"{naive_start['load_seconds']:.2f} s",
         f"{naive_start['jobs']:,} jobs; RSS +{naive_start['load_peak_mb']:.1f} MB"),
        ("naive: get_due_jobs at the sweep", f"{naive_start['due_seconds'] * 1000:.0f} ms",
         f"{naive_start['due']:,} due of {naive_start['jobs']:,} (loaded, not run)"),
    ]
    width = max(len(r[0]) for r in rows) + 2
    for label, value, note in rows:
        print(f"{label:<{width}}{value:>20}   {note}")
    verdict = "meets" if sweep_s < _db.AIM_SWEEP_SECONDS else "MISSES"
    print(f"aim, sweep under {_db.AIM_SWEEP_SECONDS:.0f} s (set for PostgreSQL): the full 09:00 "
          f"sweep on {kind} {verdict} it ({sweep_s:.2f} s); finding and claiming alone: "
          f"{claim_all:.2f} s for {first['claimed_later']:,}; the idle sweep "
          f"{_median(idle):.1f} ms")
    print()
    naive_load_mb = naive_start["load_peak_mb"] * scale
    compare = [
        (f"create all {total:,} reminders, chat path (linear)",
         f"{per_reminder * total:,.0f} s", f"{per_job * total:,.0f} s", per_job / per_reminder),
        ("  the same, CSV import path (linear)", f"{per_reminder_one * total:,.0f} s",
         f"{per_job * total:,.0f} s", per_job / per_reminder_one),
        ("start-up", f"{app_start['startup'] * 1000:.0f} ms",
         f"{naive_start['startup'] * 1000:.0f} ms",
         naive_start["startup"] / app_start["startup"]),
        ("memory at start-up (RSS growth)", f"{app_start['startup_peak_mb']:.1f} MB",
         f"{naive_start['startup_peak_mb']:.1f} MB",
         naive_start["startup_peak_mb"] / max(app_start["startup_peak_mb"], 0.1)),
        (f"memory, all {pending:,} pending (naive get_jobs, linear x{scale:.1f})",
         f"{sweep_mb:.1f} MB (sweep)", f"{naive_load_mb:,.0f} MB",
         naive_load_mb / max(sweep_mb, 0.1)),
        (f"time to load all {pending:,} pending (naive linear)", "none",
         f"{naive_start['load_seconds'] * scale:,.1f} s", math.inf),
    ]
    width = max(len(c[0]) for c in compare) + 2
    print(f"{'naive / pledgebot':<{width}}{'pledgebot':>18}{'naive':>12}{'ratio':>8}")
    for label, ours, theirs, ratio in compare:
        shown = "-" if math.isinf(ratio) else f"{ratio:,.1f}"
        print(f"{label:<{width}}{ours:>18}{theirs:>12}{shown:>8}")


def main(argv: list[str] | None = None) -> int:
    """Parse the flags, run the benchmarks, print the tables."""
    parser = _db.bench_parser(__doc__)
    parser.add_argument("--placements", type=int, default=100_000)
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--naive-count", type=int, default=20_000,
                        help="naive jobs to schedule (and reminders for open_deadline); "
                             "the totals are extrapolated linearly from this many")
    parser.add_argument("--copies", type=int, default=3,
                        help="measured sweeps, each on a fresh copy of the loaded database")
    parser.add_argument("--idle", type=int, default=20, help="idle sweeps per copy")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one sweep (extra copy, not in the timings)")
    args = parser.parse_args(argv)
    if min(args.placements, args.invoices) < 1 or args.naive_count < 1 or args.copies < 1:
        parser.error("--placements, --invoices, --naive-count and --copies must be at least 1")
    banner = (f"pledgebot deadline benchmark: {args.placements:,} placements, {args.invoices:,} "
              f"invoices, naive sample {args.naive_count:,} jobs, {args.copies} sweep copies, "
              f"python {sys.version.split()[0]}")
    return _db.run_benchmarks(args, child=child, banner=banner, bench_database=bench_database,
                          print_report=print_report, profiled="one sweep")


if __name__ == "__main__":
    sys.exit(main())
