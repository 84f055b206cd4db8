"""Benchmark: the SLA sweep over 10,000 open cases, and opening a case through the Router.

For each database (a SQLite file; a fresh PostgreSQL database) this script

1. migrates an empty database, loads the demo people, adds one routing rule for the demo
   council (owner Priya Shah, deputy Tom Okafor, escalation levels 1-3: Tom Okafor, the
   Safeguarding Adults Hub, Dana Reeve) and bulk-loads N open cases with Core ``executemany``,
   each with its ``opened`` history event. The rows are built as ``open_case`` writes them
   (same columns, ``PB-YYYY-NNNNNN`` references, routed by that rule, clocks from
   ``SlaPolicy.clocks`` over ``WorkingCalendar``) and then as ``acknowledge`` /
   ``ask_information`` / ``propose`` leave them; a sample is checked against the real functions.
   Cases are opened in working hours over the 30 working days before the sweep (more of them
   recent), a mix of kinds (mostly conflicts and feedback) and statuses (open, acknowledged,
   in progress, resolution proposed). People acted in time before the sweep's day, so what is
   due at the sweep is the day's own clocks;
2. on fresh copies of that database, in a fresh subprocess each:
   (a) the busy sweep: ``sweep_cases`` at 17:00:30 on Wednesday 25 November 2026, just after
   the day's clocks ran out at 17:00, then 20 idle sweeps a minute apart (nothing due);
   (b) the worst case: ``sweep_cases`` at a moment when every running clock has run out, so
   every case not waiting on the provider is escalated;
   and the named baseline for both, "scan every open case": load every open case with the ORM
   and check its clocks in Python (no ``next_check_at``, no index, no claim), escalating the
   same cases the same way;
3. opening a case through ``Router.handle`` (``handlers.register``) as the demo provider on the
   console channel: the 5-message ``/conflict`` dialogue (command, a button, Skip, the
   description, the outcome) and, on another copy, one whole-form submission; the named
   baseline is a bare transaction inserting one ``Case`` row and its ``CaseEvent``.

It prints one table per database and the ratios, and whether the sweep meets the 1 s aim on
PostgreSQL.

    /tmp/venv/bin/python bench/cases.py [--db sqlite|postgresql|both] [--cases 10000]
        [--copies 3] [--open-count 200] [--check-count 200] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import _db
from sqlalchemy import Engine, event, func, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from bot import outbox
from bot.app import build_deps, build_router
from bot.config import CASE_CATEGORIES, Settings
from bot.db import make_engine, make_session_factory, transaction
from bot.dispatch import Router
from bot.messages import Incoming, Reply
from bot.migrations import upgrade
from bot.models import (
    Case,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Channel,
    FormSession,
    Organisation,
    OutboxMessage,
    Person,
    RoutingRule,
)
from bot.templates import make_templates
from bot.values import frozen
from handlers.cases.service import (
    CATEGORY_TITLES,
    CLOSED,
    TOP_LEVEL,
    NewCase,
    SlaPolicy,
    _summary,
    acknowledge,
    ask_information,
    check_description,
    comment,
    open_case,
    propose,
    reference_for,
)
from handlers.cases.sweep import _level_person, climb, sweep_cases
from handlers.people.directory import DEMO_PROVIDER_EMAIL, load_demo
from scheduler.rules import WorkingCalendar

# The busy sweep: Wednesday 25 November 2026 (GMT), the first minute sweep after the day's
# clocks ran out at 17:00; the one before ran at 16:59:30 and found nothing.
SWEEP_AT = datetime(2026, 11, 25, 17, 0, 30, tzinfo=UTC)
HANDLED_BY = SWEEP_AT - _db.SWEEP_EVERY  # everything due up to here was acted on in time
OPENED_BEFORE = SWEEP_AT - timedelta(hours=2)  # nothing opened on the day after 15:00:30
HISTORY_WORKING_DAYS = 30  # six weeks of working days, the sweep's day included
YOUNGER = 0.93  # weight of a working day relative to the next more recent one
# The Router's clock while opening cases: Wednesday 25 November 2026, 10:00 London.
OPEN_AT = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
KINDS = ((CaseKind.CONFLICT, 45), (CaseKind.FEEDBACK, 35), (CaseKind.QUESTION, 15),
         (CaseKind.SAFEGUARDING, 5))
STATUSES = ((CaseStatus.OPEN, 35), (CaseStatus.ACKNOWLEDGED, 25), (CaseStatus.IN_PROGRESS, 25),
            (CaseStatus.RESOLUTION_PROPOSED, 15))
ANONYMOUS_FEEDBACK = 0.2
BATCH = 500
IDLE_SWEEPS = 20
WARM_OPENS = 5
CHUNK_ROWS = 5_000
OWNER = "priya.shah@northshire.example"
DEPUTY = "tom.okafor@northshire.example"
CHAIN = ("tom.okafor@northshire.example", "safeguarding@northshire.example",
         "dana.reeve@northshire.example")
RAISERS = ("sam.patel@riverside-care.example", "alex.morgan@hillview.example")
OUTCOME = "Payment this week, and the 10-day rule kept."
PROPOSAL = "We will pay the invoice on Friday and review the payment run."
DESCRIPTIONS = {
    CaseKind.CONFLICT: "Invoice INV-{n} for placement RV-{p:04d} is {d} days unpaid; the "
                       "contract says 10 working days. We have chased it twice by e-mail and "
                       "had no answer.",
    CaseKind.FEEDBACK: "The review meeting for RV-{p:04d} was well run and the notes came "
                       "within {d} days.",
    CaseKind.QUESTION: "How do we claim the uplift for placement RV-{p:04d} from week {d}?",
    CaseKind.SAFEGUARDING: "Concern raised about the care at placement RV-{p:04d}: bruising "
                           "noticed {d} days ago, family told, GP informed.",
}


# -- the data ---------------------------------------------------------------------------------
@frozen
class Ids:
    """The demo people and the routing rule the cases use, looked up once."""

    council_id: int
    owner_id: int
    owner_name: str
    rule_id: int
    chain: tuple[int, ...]
    raisers: tuple[tuple[int, int], ...]  # (person id, organisation id)


@frozen
class Spec:
    """One case: what was raised, when, and what the council did before the sweep."""

    id: int
    kind: CaseKind
    category: str
    raised_by_id: int | None
    provider_id: int
    description: str
    outcome_wanted: str | None
    rating: int | None
    pledges: tuple[int, ...]
    opened_at: datetime
    acknowledge_due_at: datetime
    resolve_due_at: datetime
    status: CaseStatus
    acknowledged_at: datetime | None  # acknowledged (or asked about, or proposed) at
    step_at: datetime | None  # then asked about (in progress) or proposed at



def demo_ids(factory: sessionmaker[Session]) -> Ids:
    """Look up the demo people and the routing rule."""
    with factory() as session:
        by_email = {p.email: p for p in session.scalars(select(Person))}
        council = session.scalars(
            select(Organisation).where(Organisation.name == _db.COUNCIL)).one()
        rule = session.scalars(select(RoutingRule)).one()
        return Ids(council_id=council.id, owner_id=by_email[OWNER].id,
                   owner_name=by_email[OWNER].name, rule_id=rule.id,
                   chain=tuple(by_email[e].id for e in CHAIN),
                   raisers=tuple((by_email[e].id, by_email[e].organisation_id)
                                 for e in RAISERS))


def prepare(url: str) -> tuple[Engine, sessionmaker[Session], Ids]:
    """Migrate, load the demo people, add the routing rule."""
    engine = make_engine(url)
    upgrade(engine)
    factory = make_session_factory(engine)
    load_demo(factory)
    with transaction(factory) as session:
        by_email = {p.email: p.id for p in session.scalars(select(Person))}
        council = session.scalars(
            select(Organisation).where(Organisation.name == _db.COUNCIL)).one()
        session.add(RoutingRule(position=1, council_id=council.id,
                                commissioner_id=by_email[OWNER], deputy_id=by_email[DEPUTY],
                                level1_id=by_email[CHAIN[0]], level2_id=by_email[CHAIN[1]],
                                level3_id=by_email[CHAIN[2]]))
        # One owner for every case: the demo's safeguarding hub is not a lead here (a lead
        # would own the safeguarding cases that no rule written for safeguarding places).
        session.execute(update(Person).values(safeguarding_lead=False))
    return engine, factory, demo_ids(factory)


def _local(day: date, minute: int) -> datetime:
    """``minute`` minutes after midnight on ``day`` in London, as aware UTC."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(_db.TIMEZONE))
    return (midnight + timedelta(minutes=minute)).astimezone(UTC)


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A moment in [start, end], to the second."""
    seconds = max(0, int((end - start).total_seconds()))
    return start + timedelta(seconds=rng.randint(0, seconds))


def make_specs(ids: Ids, count: int, calendar: WorkingCalendar, policy: SlaPolicy,
               seed: int) -> list[Spec]:
    """``count`` open cases opened in working hours over the 30 working days to the sweep."""
    rng = random.Random(seed)
    day = SWEEP_AT.astimezone(ZoneInfo(_db.TIMEZONE)).date()
    days: list[date] = []
    while len(days) < HISTORY_WORKING_DAYS:
        if calendar.is_working_day(day):
            days.append(day)
        day -= timedelta(days=1)
    day_weights = [YOUNGER ** age for age in range(len(days))]
    kinds, kind_weights = zip(*KINDS, strict=True)
    statuses, status_weights = zip(*STATUSES, strict=True)
    specs: list[Spec] = []
    for number in range(1, count + 1):
        opened_on = rng.choices(days, day_weights)[0]
        last_minute = 15 * 60 if opened_on == days[0] else 17 * 60  # OPENED_BEFORE
        opened_at = _local(opened_on, rng.randrange(9 * 60, last_minute)) + timedelta(
            seconds=rng.randrange(60))
        kind = rng.choices(kinds, kind_weights)[0]
        category = rng.choice(CASE_CATEGORIES)
        acknowledge_by, resolve_by = policy.clocks(kind, category, opened_at, calendar)
        raiser_id, provider_id = ids.raisers[number % len(ids.raisers)]
        anonymous = (kind == CaseKind.FEEDBACK and resolve_by > HANDLED_BY
                     and rng.random() < ANONYMOUS_FEEDBACK)
        status = rng.choices(statuses, status_weights)[0]
        # Nobody let a clock run out before the sweep's day (no history of escalations): a case
        # whose acknowledge clock ran out by then was acknowledged in time, and one whose
        # resolve clock ran out has a resolution proposed.
        if status == CaseStatus.OPEN and acknowledge_by <= HANDLED_BY:
            status = CaseStatus.ACKNOWLEDGED
        if status != CaseStatus.OPEN and resolve_by <= HANDLED_BY:
            status = CaseStatus.RESOLUTION_PROPOSED
        if anonymous and status != CaseStatus.OPEN:
            status = CaseStatus.ACKNOWLEDGED  # nobody to ask or to accept a proposal
        acknowledged_at = step_at = None
        if status != CaseStatus.OPEN:
            acknowledged_at = _between(rng, opened_at, min(acknowledge_by, HANDLED_BY))
        if status in (CaseStatus.IN_PROGRESS, CaseStatus.RESOLUTION_PROPOSED):
            assert acknowledged_at is not None
            step_at = _between(rng, acknowledged_at, min(resolve_by, HANDLED_BY))
        words = DESCRIPTIONS[kind].format(n=number, p=number % 900, d=rng.randrange(2, 60))
        specs.append(Spec(
            id=number, kind=kind, category=category,
            raised_by_id=None if anonymous else raiser_id, provider_id=provider_id,
            description=words,
            outcome_wanted=OUTCOME if kind == CaseKind.CONFLICT else None,
            rating=rng.randint(1, 5) if kind == CaseKind.FEEDBACK else None,
            pledges=tuple(sorted(rng.sample(range(1, 31), rng.randrange(3))))
            if kind == CaseKind.FEEDBACK else (),
            opened_at=opened_at, acknowledge_due_at=acknowledge_by, resolve_due_at=resolve_by,
            status=status, acknowledged_at=acknowledged_at, step_at=step_at))
    return specs


TEMPLATES = make_templates()
_SLA = SlaPolicy()
_CALENDAR = WorkingCalendar(years=(SWEEP_AT.year - 1, SWEEP_AT.year, SWEEP_AT.year + 1))


def case_row(spec: Spec, ids: Ids) -> dict[str, Any]:
    """The ``case_file`` row ``open_case`` writes for ``spec`` (routed by the one rule), as
    ``acknowledge``, ``ask_information`` and ``propose`` then leave it."""
    description = check_description(spec.description, TEMPLATES)
    next_check: datetime | None = spec.acknowledge_due_at
    if spec.status in (CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS):
        next_check = spec.resolve_due_at
    elif spec.status == CaseStatus.RESOLUTION_PROPOSED:
        # Waiting on the provider: no level, a reminder to them escalate_every days on.
        assert spec.step_at is not None
        next_check = _SLA.after(spec.step_at, _SLA.escalate_every, _CALENDAR)
    year = spec.opened_at.astimezone(ZoneInfo(_db.TIMEZONE)).year
    return {
        "id": spec.id, "reference": reference_for(year, spec.id), "kind": spec.kind,
        "category": spec.category, "severity": "normal", "status": spec.status,
        "council_id": ids.council_id, "provider_id": spec.provider_id,
        "raised_by_id": spec.raised_by_id, "assignee_id": ids.owner_id,
        "routing_rule_id": ids.rule_id, "chain": list(ids.chain), "level": 0,
        "placement_id": None, "invoice_id": None, "tender_id": None, "contract_id": None,
        "pledges": list(spec.pledges), "service_type": None, "locality": None,
        "summary": _summary(description), "description": description,
        "outcome_wanted": spec.outcome_wanted, "rating": spec.rating,
        "proposal": PROPOSAL if spec.status == CaseStatus.RESOLUTION_PROPOSED else None,
        "opened_at": spec.opened_at, "acknowledged_at": spec.acknowledged_at,
        "closed_at": None, "acknowledge_due_at": spec.acknowledge_due_at,
        "resolve_due_at": spec.resolve_due_at, "next_check_at": next_check,
        "claimed_at": None, "claim_token": None,
    }


def event_row(spec: Spec, ids: Ids) -> dict[str, Any]:
    """The ``opened`` history event ``open_case`` writes (``id`` left to the database)."""
    return {"case_id": spec.id, "at": spec.opened_at, "actor_id": spec.raised_by_id,
            "action": "opened", "text": f"Routed to {ids.owner_name} (routing rule 1).",
            "detail": {"assignee_id": ids.owner_id}}


@frozen
class Loaded:
    """What the bulk load wrote and what is due when."""

    seconds: float
    cases: int
    by_status: dict[str, int]
    by_kind: dict[str, int]
    due_busy: int
    due_busy_raised: int  # of which have someone who raised them (who is told too)
    worst_at: str
    due_worst: int
    due_worst_raised: int


def bulk_load(engine: Engine, specs: Sequence[Spec], ids: Ids) -> Loaded:
    """Insert the cases and their ``opened`` events with Core executemany, in chunks."""
    started = time.perf_counter()
    rows = [case_row(spec, ids) for spec in specs]
    events = [event_row(spec, ids) for spec in specs]
    with engine.begin() as connection:
        for start in range(0, len(rows), CHUNK_ROWS):
            connection.execute(Case.__table__.insert(), rows[start:start + CHUNK_ROWS])
            connection.execute(CaseEvent.__table__.insert(), events[start:start + CHUNK_ROWS])
        if engine.dialect.name == "postgresql":  # ids were given: move the sequence on
            connection.execute(text("SELECT setval(pg_get_serial_sequence('case_file', 'id'), "
                                    "(SELECT max(id) FROM case_file))"))
    seconds = time.perf_counter() - started
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    with engine.connect() as connection:
        counted = connection.scalar(select(func.count()).select_from(Case)) or 0
    assert counted == len(rows), (counted, len(rows))
    # Escalations only: a proposal waiting on the provider gets a reminder, not a level.
    running = [r for r in rows if r["next_check_at"] is not None
               and r["status"] != CaseStatus.RESOLUTION_PROPOSED]
    busy = [r for r in running if r["next_check_at"] <= SWEEP_AT]
    worst_at = max(r["resolve_due_at"] for r in running) + timedelta(seconds=30)
    return Loaded(
        seconds=seconds, cases=len(rows),
        by_status=dict(Counter(r["status"].value for r in rows)),
        by_kind=dict(Counter(r["kind"].value for r in rows)),
        due_busy=len(busy), due_busy_raised=sum(r["raised_by_id"] is not None for r in busy),
        worst_at=worst_at.isoformat(), due_worst=len(running),
        due_worst_raised=sum(r["raised_by_id"] is not None for r in running))


# -- the named baseline for the sweep ---------------------------------------------------------
def naive_level(case: Case, now: datetime) -> int:
    """The level a case's missed clocks call for, from its clocks alone: one step for a missed
    acknowledgement, one for a missed resolution (the repeat every 5 working days is left out,
    which only spares the baseline work)."""
    if case.status in CLOSED or case.status == CaseStatus.RESOLUTION_PROPOSED:
        return 0
    missed_acknowledge = now >= case.acknowledge_due_at and (
        case.acknowledged_at is None or case.acknowledged_at > case.acknowledge_due_at)
    return min(TOP_LEVEL, int(missed_acknowledge) + int(now >= case.resolve_due_at))


def naive_sweep(factory: sessionmaker[Session], *, now: datetime, settings: Settings,
                policy: SlaPolicy) -> tuple[int, int]:
    """"Scan every open case": load them all with the ORM, check the clocks in Python, raise
    each case whose clocks call for a higher level by one level, as the app does (same person,
    history event and messages), in one transaction. No next_check_at, no index, no claim.
    Returns (cases loaded, cases escalated)."""
    notifications = []
    escalated = 0
    with transaction(factory) as session:
        active = session.scalars(select(Case).where(Case.status.not_in(CLOSED))).all()
        for case in active:
            if naive_level(case, now) <= case.level:
                continue
            level = case.level + 1
            reason = "resolve" if now >= case.resolve_due_at else "acknowledge"
            rung = _level_person(session, case, level, settings, {},
                                 now.astimezone(ZoneInfo(policy.timezone)).date(), TEMPLATES)
            owner = session.get(Person, case.assignee_id)
            notifications.extend(climb(session, case, rung, reason, owner,
                                       now=now, timezone=policy.timezone,
                                       templates=TEMPLATES, flush=True))
            escalated += 1
        outbox.enqueue_many(session, notifications, now=now)
    return len(active), escalated


# -- children: each measurement in a fresh interpreter ---------------------------------------
def _parts(url: str) -> tuple[Settings, SlaPolicy, WorkingCalendar]:
    """Settings for the database, the SLA policy they give, a calendar with 2026-27 loaded (as
    the app's shared calendar has after its first use)."""
    settings = Settings(database_url=url)
    year = SWEEP_AT.year
    return settings, SlaPolicy.from_settings(settings), WorkingCalendar(years=(year, year + 1))


class Statements:
    """Counts the SQL statements an engine sends, by first word."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.counts: Counter[str] = Counter()

    def _count(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.counts[statement.lstrip().split(None, 1)[0].upper()] += 1

    def __enter__(self) -> Counter[str]:
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self.counts

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._count)


def child_sweep(url: str, moment: str, expected: int, expected_raised: int, naive: bool,
                idle: int, profile: bool) -> dict[str, Any]:
    """One sweep at ``moment`` (pledgebot's ``sweep_cases``, or the naive scan), checked; then
    idle sweeps a minute apart."""
    now = datetime.fromisoformat(moment)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    settings, policy, calendar = _parts(url)

    def run(at: datetime) -> tuple[int, int]:
        if naive:
            return naive_sweep(factory, now=at, settings=settings, policy=policy)
        result = sweep_cases(factory, now=at, settings=settings, policy=policy,
                             calendar=calendar, templates=TEMPLATES, lease=_db.LEASE, batch=BATCH)
        return result.claimed, result.escalated

    # Warm-up, as in a running app: the connection, compiled statements, mappers, calendar.
    # The sweep a minute earlier finds nothing (everything due before was acted on).
    warm = run(HANDLED_BY)
    assert warm[1] == 0, warm
    profiler = cProfile.Profile() if profile else None
    with Statements(engine) as statements:
        base = _db.reset_peak()
        began = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        claimed, escalated = run(now)
        if profiler is not None:
            profiler.disable()
        seconds = time.perf_counter() - began
        peak = _db.peak_mb() - base
    with factory() as session:
        raised = session.scalar(select(func.count()).select_from(Case).where(Case.level > 0))
        events = session.scalar(select(func.count()).select_from(CaseEvent)
                                .where(CaseEvent.action == "escalated"))
        queued = session.scalar(select(func.count()).select_from(OutboxMessage)
                                .where(OutboxMessage.kind == "case.escalated"))
        left = session.scalar(select(func.count()).select_from(Case)
                              .where(Case.next_check_at <= now, Case.level < TOP_LEVEL))
    assert escalated == expected == raised == events, (escalated, expected, raised, events)
    assert queued == expected + expected_raised, (queued, expected, expected_raised)
    if not naive:
        assert left == 0, f"{left} cases still due after the sweep"
    idle_ms: list[float] = []
    for i in range(1, idle + 1):
        began = time.perf_counter()
        nothing = run(now + i * _db.SWEEP_EVERY)
        idle_ms.append((time.perf_counter() - began) * 1000)
        assert nothing[1] == 0, nothing
    figures: dict[str, Any] = {"seconds": seconds, "claimed": claimed, "escalated": escalated,
                               "queued": queued, "statements": dict(statements),
                               "peak_mb": peak, "idle_ms": idle_ms}
    if profiler is not None:
        figures["profile"] = _db.profile_text(profiler)
    engine.dispose()
    return figures


def _new_case(spec: Spec, ids: Ids) -> NewCase:
    return NewCase(kind=spec.kind, category=spec.category, council_id=ids.council_id,
                   description=spec.description, provider_id=spec.provider_id,
                   raised_by_id=spec.raised_by_id, pledges=spec.pledges,
                   outcome_wanted=spec.outcome_wanted, rating=spec.rating)


def _comparable(row: Mapping[str, Any]) -> dict[str, Any]:
    return {name: (value.value if isinstance(value, CaseKind | CaseStatus) else value)
            for name, value in row.items()}


def child_check(url: str, specs: list[dict[str, Any]]) -> dict[str, Any]:
    """Open the sample through ``open_case`` (one transaction each, at its opening time), then
    ``acknowledge`` / ``ask_information`` / ``propose`` it as the owner at its times; compare
    every column of the rows written with the bulk loader's."""
    engine = make_engine(url)
    factory = make_session_factory(engine)
    settings, policy, calendar = _parts(url)
    ids = demo_ids(factory)
    items = [_db.spec_from_json(Spec, s) for s in specs]
    renamed: list[Spec] = []
    for spec in items:
        with transaction(factory) as session:
            case, notifications = open_case(session, _new_case(spec, ids), settings=settings,
                                             policy=policy, calendar=calendar,
                                             now=spec.opened_at, templates=TEMPLATES)
            outbox.enqueue_many(session, notifications, now=spec.opened_at)
            renamed.append(replace(spec, id=case.id))
        if spec.acknowledged_at is None:
            continue
        with transaction(factory) as session:
            case = session.get_one(Case, case.id)
            owner = session.get_one(Person, ids.owner_id)
            acknowledge(session, case, owner, now=spec.acknowledged_at, templates=TEMPLATES,
                        timezone=_db.TIMEZONE, policy=policy, calendar=calendar)
            if spec.status == CaseStatus.IN_PROGRESS:
                # Asked, and answered (which resumes the ladder the question paused).
                assert spec.step_at is not None
                ask_information(session, case, owner, "Which invoice run was it in?",
                                now=spec.step_at, templates=TEMPLATES)
                raiser = session.get_one(Person, case.raised_by_id)
                comment(session, case, raiser, "The October run.", now=spec.step_at,
                        templates=TEMPLATES, policy=policy, calendar=calendar)
            elif spec.status == CaseStatus.RESOLUTION_PROPOSED:
                assert spec.step_at is not None
                propose(session, case, owner, PROPOSAL, now=spec.step_at, templates=TEMPLATES,
                        policy=policy, calendar=calendar)
    with engine.connect() as connection:
        written = {row["id"]: _comparable(row) for row in
                   connection.execute(select(Case.__table__)).mappings()}
        opened = {row["case_id"]: dict(row) for row in connection.execute(
            select(CaseEvent.case_id, CaseEvent.at, CaseEvent.actor_id, CaseEvent.action,
                   CaseEvent.text, CaseEvent.detail).where(CaseEvent.action == "opened"))
            .mappings()}
    mismatches: list[str] = []
    for spec in renamed:
        expected = _comparable(case_row(spec, ids))
        got = written.get(spec.id, {})
        differ = sorted(k for k in expected if expected[k] != got.get(k))
        if opened.get(spec.id) != event_row(spec, ids):
            differ.append("opened event")
        if differ:
            mismatches.append(f"case {spec.id} ({spec.kind.value}, {spec.status.value}): "
                              + ", ".join(differ))
    engine.dispose()
    return {"checked": len(renamed), "mismatches": mismatches[:5],
            "mismatch_count": len(mismatches),
            "statuses": dict(Counter(s.status.value for s in renamed)),
            "kinds": dict(Counter(s.kind.value for s in renamed))}


def _incoming(i: int, **fields: Any) -> Incoming:
    return Incoming(channel=Channel.CONSOLE, conversation="bench", sender=DEMO_PROVIDER_EMAIL,
                    received_at=OPEN_AT, message_id=f"o{i}", **fields)


def _one(replies: list[Reply]) -> Reply:
    assert len(replies) == 1, replies
    return replies[0]


def _press(router: Router, i: int, reply: Reply, label: str) -> Reply:
    [button] = [b for b in reply.buttons if b.label == label]
    return _one(router.handle(_incoming(i, action=button.action, action_value=button.value)))


def _dialogue(router: Router, number: int) -> tuple[str, list[float]]:
    """The 5-message /conflict dialogue; the reply's reference and each message's seconds."""
    title = CATEGORY_TITLES[CASE_CATEGORIES[number % len(CASE_CATEGORIES)]]
    steps: list[float] = []
    began = time.perf_counter()
    reply = _one(router.handle(_incoming(number * 10, text="/conflict")))
    steps.append(time.perf_counter() - began)
    assert "What is it about?" in reply.text, reply.text
    began = time.perf_counter()
    reply = _press(router, number * 10 + 1, reply, title)
    steps.append(time.perf_counter() - began)
    assert "Which placement or invoice" in reply.text, reply.text
    began = time.perf_counter()
    reply = _press(router, number * 10 + 2, reply, "Skip")
    steps.append(time.perf_counter() - began)
    assert "What has happened?" in reply.text, reply.text
    began = time.perf_counter()
    reply = _one(router.handle(_incoming(number * 10 + 3, text=DESCRIPTIONS[
        CaseKind.CONFLICT].format(n=number, p=number % 900, d=40))))
    steps.append(time.perf_counter() - began)
    assert "What outcome would you like?" in reply.text, reply.text
    began = time.perf_counter()
    reply = _one(router.handle(_incoming(number * 10 + 4, text=OUTCOME)))
    steps.append(time.perf_counter() - began)
    assert reply.text.startswith("Thank you. Your case is PB-"), reply.text
    return reply.text.split()[5].rstrip(","), steps


def _whole(router: Router, number: int) -> tuple[str, list[float]]:
    """One whole-form submission (as Slack's modal sends it), reference left empty."""
    title = CATEGORY_TITLES[CASE_CATEGORIES[number % len(CASE_CATEGORIES)]]
    values = {"about": title, "reference": "",
              "description": DESCRIPTIONS[CaseKind.CONFLICT].format(n=number, p=number % 900,
                                                                    d=40),
              "outcome": OUTCOME}
    began = time.perf_counter()
    reply = _one(router.handle(_incoming(number * 10, form_id="conflict", form_values=values)))
    seconds = time.perf_counter() - began
    assert reply.text.startswith("Thank you. Your case is PB-"), reply.text
    return reply.text.split()[5].rstrip(","), [seconds]


def _bare(factory: sessionmaker[Session], number: int, ids: Ids, clocks: tuple[datetime, datetime]
          ) -> tuple[str, list[float]]:
    """The baseline: one transaction, one Case row and its CaseEvent; no routing, form or
    outbox (the ids and clocks are worked out once, before timing)."""
    description = DESCRIPTIONS[CaseKind.CONFLICT].format(n=number, p=number % 900, d=40)
    raiser_id, provider_id = ids.raisers[0]
    began = time.perf_counter()
    with factory() as session:
        case = Case(reference=f"BENCH-{number:06d}", kind=CaseKind.CONFLICT, category="payment",
                    status=CaseStatus.OPEN, council_id=ids.council_id, provider_id=provider_id,
                    raised_by_id=raiser_id, assignee_id=ids.owner_id, chain=list(ids.chain),
                    level=0, summary=_summary(description), description=description,
                    outcome_wanted=OUTCOME, opened_at=OPEN_AT, acknowledge_due_at=clocks[0],
                    resolve_due_at=clocks[1], next_check_at=clocks[0])
        session.add(case)
        session.flush()
        session.add(CaseEvent(case_id=case.id, at=OPEN_AT, actor_id=raiser_id, action="opened",
                              text="Opened.", detail={}))
        session.commit()
        reference = case.reference
    return reference, [time.perf_counter() - began]


def child_open(url: str, how: str, count: int) -> dict[str, Any]:
    """Open ``count`` cases one way (after a few un-timed ones); check the rows afterwards."""
    engine = make_engine(url)
    factory = make_session_factory(engine)
    settings, policy, calendar = _parts(url)
    ids = demo_ids(factory)
    deps = dataclasses.replace(build_deps(settings), calendar=calendar, sla=policy)
    router = build_router(factory, settings, make_templates(), clock=lambda: OPEN_AT, deps=deps)
    clocks = policy.clocks(CaseKind.CONFLICT, "payment", OPEN_AT, calendar)
    with factory() as session:
        first_new = (session.scalar(select(func.max(Case.id))) or 0) + 1

    def one(number: int) -> tuple[str, list[float]]:
        if how == "dialogue":
            return _dialogue(router, number)
        if how == "whole":
            return _whole(router, number)
        return _bare(factory, number, ids, clocks)

    for number in range(WARM_OPENS):
        one(number)
    per_case: list[float] = []
    per_step: list[list[float]] = []
    references: list[str] = []
    with Statements(engine) as statements:
        base = _db.reset_peak()
        for number in range(WARM_OPENS, WARM_OPENS + count):
            reference, steps = one(number)
            references.append(reference)
            per_case.append(sum(steps))
            per_step.append(steps)
        peak = _db.peak_mb() - base
    total = WARM_OPENS + count
    with factory() as session:
        new = session.scalars(select(Case).where(Case.id >= first_new).order_by(Case.id)).all()
        opened = session.scalar(select(func.count()).select_from(CaseEvent).where(
            CaseEvent.case_id >= first_new, CaseEvent.action == "opened"))
        told = session.execute(select(OutboxMessage.idempotency_key, OutboxMessage.person_id)
                               .where(OutboxMessage.kind == "case.opened")).all()
        forms_left = session.scalar(select(func.count()).select_from(FormSession))
        assert len(new) == total, (len(new), total)
        assert opened == total, (opened, total)
        assert references == [c.reference for c in new[WARM_OPENS:]], "references differ"
        if how != "bare":
            year = OPEN_AT.year
            for case in new:
                assert case.reference == reference_for(year, case.id), case.reference
                assert (case.status, case.kind, case.level) == (
                    CaseStatus.OPEN, CaseKind.CONFLICT, 0), case.reference
                assert (case.assignee_id, case.routing_rule_id, tuple(case.chain)) == (
                    ids.owner_id, ids.rule_id, ids.chain), case.reference
                assert (case.acknowledge_due_at, case.resolve_due_at,
                        case.next_check_at) == (clocks[0], clocks[1], clocks[0]), case.reference
            keys = {key.split(":")[1] for key, person in told if person == ids.owner_id}
            assert keys == {str(case.id) for case in new}, "an outbox row is missing"
            assert len(told) == total, (len(told), total)
            assert forms_left == 0, forms_left
        else:
            assert not told, told
    engine.dispose()
    steps = [statistics.median(step) * 1000 for step in zip(*per_step, strict=True)]
    return {"count": count, "ms": [s * 1000 for s in per_case], "step_ms": steps,
            "statements": dict(statements), "peak_mb": peak}


def child(name: str, payload: dict[str, Any]) -> int:
    """Run one child measurement and print its figures as JSON."""
    if name == "sweep":
        figures = child_sweep(**payload)
    elif name == "check":
        figures = child_check(**payload)
    else:
        figures = child_open(**payload)
    print(json.dumps(figures))
    return 0


# -- one database -----------------------------------------------------------------------------
def bench_database(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    """Load; the sweeps and the naive scans on copies; opening cases; the loader check."""
    calendar, policy = WorkingCalendar(years=(SWEEP_AT.year, SWEEP_AT.year + 1)), SlaPolicy()
    report: dict[str, Any] = {"database": kind}
    with _db.fresh_database(kind) as base_url:
        engine, _factory, ids = prepare(base_url)
        specs = make_specs(ids, args.cases, calendar, policy, _db.SEED)
        loaded = bulk_load(engine, specs, ids)
        engine.dispose()
        report["loaded"] = asdict(loaded)
        report["size_mb"] = _db.settled_size_mb(base_url)
        print(f"[{kind}] loaded {loaded.cases:,} cases in {loaded.seconds:.1f} s "
              f"({report['size_mb']:,.1f} MB); {loaded.due_busy:,} due at "
              f"{SWEEP_AT:%Y-%m-%d %H:%M:%S} UTC, {loaded.due_worst:,} at {loaded.worst_at}",
              flush=True)
        runs = (("busy", SWEEP_AT.isoformat(), loaded.due_busy, loaded.due_busy_raised),
                ("worst", loaded.worst_at, loaded.due_worst, loaded.due_worst_raised))
        for label, moment, expected, raised in runs:
            for naive in (False, True):
                name = f"{label}_{'naive' if naive else 'app'}"
                report[name] = []
                for copy in range(args.copies):
                    with _db.copy_of(base_url) as url:
                        figures = _db.run_child(
                            "sweep", url=url, moment=moment, expected=expected,
                            expected_raised=raised, naive=naive,
                            idle=IDLE_SWEEPS if label == "busy" and not naive else 0,
                            profile=False)
                    report[name].append(figures)
                    print(f"[{kind}] {name} {copy + 1}: {figures['escalated']:,} escalated in "
                          f"{figures['seconds']:.2f} s", flush=True)
        if args.profile:
            with _db.copy_of(base_url) as url:
                report["profile"] = _db.run_child(
                    "sweep", url=url, moment=SWEEP_AT.isoformat(), expected=loaded.due_busy,
                    expected_raised=loaded.due_busy_raised, naive=False, idle=0,
                    profile=True)["profile"]
        for how in ("dialogue", "whole", "bare"):
            with _db.copy_of(base_url) as url:
                report[f"open_{how}"] = _db.run_child("open", url=url, how=how,
                                                  count=args.open_count)
            print(f"[{kind}] open ({how}): median "
                  f"{statistics.median(report[f'open_{how}']['ms']):.2f} ms", flush=True)
    # The loader's rows against the real functions, on a sample covering every kind/status.
    by_group: dict[tuple[str, str], list[Spec]] = {}
    for spec in specs:
        by_group.setdefault((spec.kind.value, spec.status.value), []).append(spec)
    chosen = {s.id: s for group in by_group.values() for s in group[:5]}
    chosen.update((s.id, s) for s in _db.evenly(specs, args.check_count))
    sample = [chosen[key] for key in sorted(chosen)]
    with _db.fresh_database(kind) as check_url:
        prepare(check_url)[0].dispose()
        report["check"] = _db.run_child("check", url=check_url,
                                    specs=[_db.spec_to_json(s) for s in sample])
    print(f"[{kind}] loader check: {report['check']['checked']} cases, "
          f"{report['check']['mismatch_count']} differ", flush=True)
    return report


# -- output -----------------------------------------------------------------------------------
def _range(values: Sequence[float], pattern: str) -> str:
    middle = format(statistics.median(values), pattern)
    if len(values) < 2:
        return middle
    return f"{middle} [{format(min(values), pattern)}-{format(max(values), pattern)}]"


def _statements(counts: Mapping[str, int]) -> str:
    return f"{sum(counts.values()):,} (" + ", ".join(
        f"{k} {v:,}" for k, v in sorted(counts.items())) + ")"


def print_report(report: dict[str, Any]) -> None:
    """One table per database, then the ratios against the baselines."""
    kind, loaded = report["database"], report["loaded"]
    print()
    print(f"== {kind} ==")
    print(f"data: {loaded['cases']:,} open cases ("
          + ", ".join(f"{k} {v:,}" for k, v in sorted(loaded["by_status"].items())) + "; "
          + ", ".join(f"{k} {v:,}" for k, v in sorted(loaded["by_kind"].items()))
          + f"); database {report['size_mb']:,.1f} MB; bulk load {loaded['seconds']:.1f} s")
    print(f"due at the busy sweep ({SWEEP_AT:%Y-%m-%d %H:%M:%S} UTC, Wednesday 17:00:30 London):"
          f" {loaded['due_busy']:,} ({loaded['due_busy'] / loaded['cases']:.1%}); at the worst "
          f"moment ({loaded['worst_at']}): {loaded['due_worst']:,} (every running clock)")
    rows: list[tuple[str, str, str]] = []
    for label, title in (("busy", "busy sweep at 17:00:30"),
                         ("worst", "worst case: every running clock run out")):
        app, naive = report[f"{label}_app"], report[f"{label}_naive"]
        seconds = [f["seconds"] for f in app]
        first = app[0]
        rows += [
            (f"{title}", _range(seconds, ".3f") + " s",
             f"median [range] of {len(app)} fresh copies; {first['claimed']:,} claimed, "
             f"{first['escalated']:,} escalated, {first['queued']:,} messages queued"),
            ("  cases escalated per second",
             f"{first['escalated'] / statistics.median(seconds):,.0f}", ""),
            ("  SQL statements", _statements(first["statements"]), ""),
            ("  peak RSS growth", f"{statistics.median(f['peak_mb'] for f in app):.1f} MB",
             "VmHWM over RSS before, own process"),
            ("  baseline: scan every open case", _range([f["seconds"] for f in naive], ".3f")
             + " s", f"{naive[0]['claimed']:,} loaded, {naive[0]['escalated']:,} escalated; "
             f"{_statements(naive[0]['statements'])}; RSS "
             f"+{statistics.median(f['peak_mb'] for f in naive):.1f} MB"),
        ]
    idle = [ms for f in report["busy_app"] for ms in f["idle_ms"]]
    rows.append(("idle sweep (nothing due)", f"{statistics.median(idle):.2f} ms",
                 f"median of {len(idle)}, max {max(idle):.2f} ms"))
    for how, title in (("dialogue", "open a case: /conflict dialogue, 5 messages"),
                       ("whole", "open a case: whole-form submission"),
                       ("bare", "  baseline: bare Case + CaseEvent insert")):
        figures = report[f"open_{how}"]
        ms = figures["ms"]
        cuts = statistics.quantiles(ms, n=10, method="inclusive") if len(ms) > 1 else ms * 9
        note = (f"median of {figures['count']} cases, p90 {cuts[8]:.2f} ms; "
                f"{sum(figures['statements'].values()) / figures['count']:.1f} statements/case")
        if how == "dialogue":
            note += "; per message " + " / ".join(f"{s:.2f}" for s in figures["step_ms"])
        rows.append((title, f"{statistics.median(ms):.2f} ms", note))
    check = report["check"]
    rows.append(("rows as the bulk loader's", "yes" if check["mismatch_count"] == 0 else
                 f"NO ({check['mismatch_count']})",
                 f"{check['checked']} cases opened through open_case and moved on by "
                 "acknowledge / ask_information / propose"
                 + ("" if not check["mismatches"] else ": " + "; ".join(check["mismatches"]))))
    width = max(len(r[0]) for r in rows) + 2
    for label, value, note in rows:
        print(f"{label:<{width}}{value:>24}   {note}")
    print()
    print("ratios (same run, same database kind):")
    for label in ("busy", "worst"):
        app = statistics.median(f["seconds"] for f in report[f"{label}_app"])
        naive = statistics.median(f["seconds"] for f in report[f"{label}_naive"])
        print(f"  {label} sweep: scan every open case / pledgebot = {naive / app:.1f}")
    bare = statistics.median(report["open_bare"]["ms"])
    for how in ("dialogue", "whole"):
        print(f"  open a case ({how}) / bare insert = "
              f"{statistics.median(report[f'open_{how}']['ms']) / bare:.1f}")
    busy = statistics.median(f["seconds"] for f in report["busy_app"])
    worst = statistics.median(f["seconds"] for f in report["worst_app"])
    verdict = "meets" if busy < _db.AIM_SWEEP_SECONDS else "MISSES"
    scope = "the aim" if kind == "postgresql" else "the aim (set for PostgreSQL)"
    print(f"aim, sweep under {_db.AIM_SWEEP_SECONDS:.0f} s on PostgreSQL: the busy sweep on "
          f"{kind} {verdict} {scope} ({busy:.3f} s); the worst case takes {worst:.3f} s")


def main(argv: list[str] | None = None) -> int:
    """Parse the flags, run the benchmarks, print the tables."""
    parser = _db.bench_parser(__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--copies", type=int, default=3,
                        help="measured sweeps of each kind, each on a fresh copy")
    parser.add_argument("--open-count", type=int, default=200,
                        help="cases opened (after 5 un-timed) for each way of opening")
    parser.add_argument("--check-count", type=int, default=200,
                        help="cases opened through open_case to check the bulk loader's rows")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one busy sweep (extra copy, not in the timings)")
    args = parser.parse_args(argv)
    if min(args.cases, args.copies, args.open_count, args.check_count) < 1:
        parser.error("--cases, --copies, --open-count and --check-count must be at least 1")
    banner = (f"pledgebot cases benchmark: {args.cases:,} open cases, {args.copies} copies per "
              f"sweep, {args.open_count} cases opened per way, python {sys.version.split()[0]}")
    return _db.run_benchmarks(args, child=child, banner=banner, bench_database=bench_database,
                          print_report=print_report, profiled="one busy sweep")


if __name__ == "__main__":
    sys.exit(main())
