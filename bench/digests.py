"""Benchmark: the weekly digest sweep for 10,000 people, 100,000 deadlines and 10,000 cases on
PostgreSQL, against a naive per-person loop in the same run.

1. migrates a fresh PostgreSQL database and bulk-loads one council with ``--commissioners``
   commissioners, ``--people`` people in all (the rest provider staff, five to an organisation),
   ``--deadlines`` deadlines (reviews, payments and bid feedback, due from 60 days before to 120
   days after the sweep, one in ten done) and ``--cases`` cases (every kind, opened over the
   200 days before, half of them closed), each tied to a random commissioner and provider;
2. runs ``sweep(...)`` once at Monday 30 November 2026 08:00 London (plans a row per person,
   claims, gathers, renders and queues every digest), counting the statements it sends;
3. runs the naive design on a sample of ``--naive-sample`` people: per person, its own
   transaction and the same ``gather`` for that one person (so one set of queries each), then
   renders it; its time and statements are extrapolated linearly to everyone and labelled so.

    python bench/digests.py [--people 10000] [--commissioners 500] [--deadlines 100000]
        [--cases 10000] [--naive-sample 1000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from _db import SEED, fresh_database
from sqlalchemy import Engine, event, insert, select

from bot import migrations, models
from bot.db import make_engine, make_session_factory, transaction
from bot.models import (
    Case,
    CaseKind,
    CaseStatus,
    ChannelIdentity,
    Deadline,
    DeadlineStatus,
    Organisation,
    OrganisationKind,
    Person,
    Role,
)
from bot.templates import make_templates
from handlers.digests.content import Reader, gather, render_digest
from handlers.digests.sweep import DigestSchedule, sweep
from scheduler.rules import WorkingCalendar

NOW = datetime(2026, 11, 30, 8, 0, 30, tzinfo=UTC)  # Monday, 08:00 London (GMT)
TODAY = NOW.date()
WEEK = "2026-W49"
RULES = ("initial-review", "monitoring", "condition-change", "payment", "bid-feedback")


def _load(engine: Engine, *, people: int, commissioners: int, deadlines: int,
          cases: int) -> None:
    randomly = random.Random(SEED)
    with engine.begin() as connection:
        council = connection.execute(insert(Organisation).returning(Organisation.id), [
            {"name": "Northshire", "kind": OrganisationKind.COUNCIL,
             "created_at": NOW}]).scalar_one()
        providers = people - commissioners
        organisations = connection.execute(
            insert(Organisation).returning(Organisation.id, sort_by_parameter_order=True),
            [{"name": f"Provider {n}", "kind": OrganisationKind.PROVIDER, "created_at": NOW}
             for n in range((providers + 4) // 5)]).scalars().all()
        rows = []
        for n in range(people):
            staff = n < commissioners
            rows.append({
                "organisation_id": council if staff else organisations[(n - commissioners) // 5],
                "name": f"Person {n}", "email": f"p{n}@example.org",
                "role": Role.COMMISSIONER if staff else Role.PROVIDER,
                "timezone": "Europe/London", "preferred_channel": "email", "active": True,
                "safeguarding_lead": False, "created_at": NOW})
        ids = connection.execute(insert(Person).returning(Person.id, Person.organisation_id,
                                                          sort_by_parameter_order=True),
                                 rows).all()
        connection.execute(insert(ChannelIdentity), [
            {"person_id": person_id, "channel": "email", "address": f"p{n}@example.org",
             "verified": True, "created_at": NOW} for n, (person_id, _o) in enumerate(ids)])
        staff_ids = [person_id for person_id, _o in ids[:commissioners]]
        contacts = ids[commissioners:]
        rows = []
        for n in range(deadlines):
            rule = randomly.choice(RULES)
            due = TODAY + timedelta(days=randomly.randint(-60, 120))
            contact, provider = randomly.choice(contacts)
            done = randomly.random() < 0.1
            rows.append({
                "rule": rule, "reference": f"P-{n}", "council_id": council,
                "provider_id": provider, "provider_contact_id": contact,
                "commissioner_id": randomly.choice(staff_ids),
                "start_on": due - timedelta(days=30 if rule == "payment" else 90),
                "due_on": due, "status": DeadlineStatus.DONE if done else DeadlineStatus.OPEN,
                "done_on": due if done else None, "created_at": NOW})
        connection.execute(insert(Deadline), rows)
        rows = []
        for n in range(cases):
            opened = NOW - timedelta(days=randomly.uniform(0, 200))
            closed = randomly.random() < 0.5
            contact, provider = randomly.choice(contacts)
            rows.append({
                "reference": f"PB-2026-{n:06d}", "kind": randomly.choice(list(CaseKind)),
                "category": "procurement",
                "status": CaseStatus.RESOLVED if closed else randomly.choice(
                    (CaseStatus.OPEN, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS)),
                "council_id": council, "provider_id": provider,
                "raised_by_id": contact if randomly.random() < 0.8 else None,
                "assignee_id": randomly.choice(staff_ids), "chain": [], "level": 0,
                "pledges": [], "summary": f"Case {n}", "description": f"Case {n}",
                "opened_at": opened,
                "acknowledged_at": opened + timedelta(minutes=randomly.randint(5, 3000)),
                "closed_at": opened + timedelta(days=randomly.uniform(1, 30)) if closed
                else None,
                "acknowledge_due_at": opened + timedelta(days=2),
                "resolve_due_at": opened + timedelta(days=20), "next_check_at": None})
        connection.execute(insert(Case), rows)


class Statements:
    """Counts the statements an engine sends while switched on."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: Any) -> None:
        self.count += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--commissioners", type=int, default=500)
    parser.add_argument("--deadlines", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--naive-sample", type=int, default=1_000)
    args = parser.parse_args(argv)
    calendar, templates, schedule = WorkingCalendar(), make_templates(), DigestSchedule()
    with fresh_database("postgresql") as url:
        engine = make_engine(url)
        try:
            migrations.upgrade(engine)
            started = time.perf_counter()
            _load(engine, people=args.people, commissioners=args.commissioners,
                  deadlines=args.deadlines, cases=args.cases)
            print(f"loaded {args.people:,} people ({args.commissioners:,} commissioners), "
                  f"{args.deadlines:,} deadlines, {args.cases:,} cases in "
                  f"{time.perf_counter() - started:.1f} s")
            factory = make_session_factory(engine)
            statements = Statements(engine)
            started = time.perf_counter()
            result = sweep(factory, now=NOW, templates=templates, calendar=calendar,
                           schedule=schedule)
            took = time.perf_counter() - started
            with factory() as session:
                queued = len(session.scalars(select(models.OutboxMessage.id)).all())
            print(f"sweep: {took:.2f} s, {statements.count:,} statements, {result.sent:,} "
                  f"digests queued ({queued:,} in the outbox), {result.empty:,} empty")
            statements.count = 0
            with factory() as session:
                everyone = session.scalars(select(Person).order_by(Person.id)).all()
            sample = random.Random(SEED).sample(list(everyone), args.naive_sample)
            started = time.perf_counter()
            for person in sample:
                with transaction(factory) as session:
                    person = session.get_one(Person, person.id)
                    content = gather(session, [Reader(person, WEEK, TODAY)], now=NOW,
                                     calendar=calendar, timezone=schedule.timezone)[person.id]
                    if not content.empty:
                        render_digest(templates, content)
            naive = time.perf_counter() - started
            scale = len(everyone) / len(sample)
            print(f"naive per-person loop, {len(sample):,} people: {naive:.2f} s, "
                  f"{statements.count:,} statements; extrapolated to {len(everyone):,}: "
                  f"{naive * scale:.1f} s, {statements.count * scale:,.0f} statements "
                  f"(x{naive * scale / took:.1f} the sweep's time)")
        finally:
            engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
