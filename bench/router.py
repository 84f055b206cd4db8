"""Benchmark: messages through the Router, then notifications out through the outbox.

For each database (a SQLite file; a fresh PostgreSQL database) this script

1. migrates an empty database and loads the demo people;
2. pushes N free-text messages from the demo provider through ``Router.handle`` on the console
   channel. The one registered handler writes a ``Question`` row and queues one
   ``Notification`` (unique idempotency key) for a demo commissioner: one transaction each;
3. delivers every queued notification with an ``OutboxSender`` on the console channel into an
   in-memory list (rate limit effectively off, batches of 200) and checks that exactly N unique
   idempotency keys arrived;
4. runs the named baseline on a second fresh database of the same kind: the same two inserts
   (the ``Question`` row and the outbox row) with a bare SQLAlchemy session and a commit per
   message, no router, so the router's figure can be read as a ratio of it.

It prints one table: rate per phase, per-message latency, router/baseline ratio and memory
(peak RSS of the process so far, and optionally the tracemalloc peak of each phase).

    /tmp/venv/bin/python bench/router.py [--messages 2000] [--db sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from _db import POSTGRES_ADMIN_URL, fresh_database, postgres_reachable
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot import outbox
from bot.config import Settings
from bot.db import make_engine, make_session_factory, utcnow
from bot.dispatch import Router
from bot.messages import Delivery, Incoming, Notification, Reply
from bot.migrations import upgrade
from bot.models import Channel, OutboxMessage, OutboxStatus, Person, Question
from bot.registry import Context
from bot.templates import make_templates
from bot.values import frozen
from handlers.people.directory import DEMO_PROVIDER_EMAIL, load_demo

COMMISSIONER_EMAIL = "priya.shah@northshire.example"
BATCH_SIZE = 200
AIM_SQLITE_MESSAGES_PER_SECOND = 500.0
REPLY_TEXT = "noted"


@frozen
class Result:
    """One row of the table: one phase on one database."""

    database: str
    phase: str
    count: int
    seconds: float
    peak_rss_mb: float
    traced_peak_mb: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None

    @property
    def rate(self) -> float:
        """Items per second."""
        return self.count / self.seconds if self.seconds > 0 else float("inf")


@frozen
class DemoIds:
    """The ids the handler and the baseline need, looked up once before timing."""

    provider_id: int
    provider_organisation_id: int
    commissioner_id: int
    commissioner_address: str


def peak_rss_mb() -> float:
    """The process's peak resident set size so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def traced(enabled: bool) -> Iterator[list[float]]:
    """Trace allocations for one phase; the yielded list gets the peak in MB at the end."""
    out: list[float] = []
    if not enabled:
        yield out
        return
    gc.collect()
    tracemalloc.start()
    try:
        yield out
    finally:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out.append(peak / 1024 / 1024)


# -- databases --------------------------------------------------------------------------------
def demo_ids(factory: sessionmaker[Session]) -> DemoIds:
    """Look up the demo provider and the commissioner the notifications go to."""
    with factory() as session:
        provider = session.scalars(select(Person).where(Person.email == DEMO_PROVIDER_EMAIL)).one()
        commissioner = session.scalars(
            select(Person).where(Person.email == COMMISSIONER_EMAIL)
        ).one()
        return DemoIds(
            provider_id=provider.id,
            provider_organisation_id=provider.organisation_id,
            commissioner_id=commissioner.id,
            commissioner_address=commissioner.email,  # the console identity's address
        )


def prepared(url: str) -> tuple[sessionmaker[Session], DemoIds, Callable[[], None]]:
    """Migrate, load the demo people; return the factory, the ids and a dispose function."""
    engine = make_engine(url)
    upgrade(engine)
    factory = make_session_factory(engine)
    load_demo(factory)
    return factory, demo_ids(factory), engine.dispose


def incoming(i: int) -> Incoming:
    """The i-th benchmark message from the demo provider."""
    return Incoming(
        channel=Channel.CONSOLE,
        conversation="bench",
        sender=DEMO_PROVIDER_EMAIL,
        text=f"Question number {i}: when will the placement review happen?",
        received_at=utcnow(),
        message_id=f"m{i}",
    )


def count_rows(factory: sessionmaker[Session]) -> tuple[int, int]:
    """How many questions and outbox rows there are."""
    with factory() as session:
        questions = session.scalar(select(func.count()).select_from(Question)) or 0
        queued = session.scalar(select(func.count()).select_from(OutboxMessage)) or 0
    return questions, queued


# -- phases -----------------------------------------------------------------------------------
def question_row(message: Incoming, person_id: int, organisation_id: int,
                 now: datetime) -> Question:
    """The row the handler (and the baseline) adds for one message."""
    return Question(person_id=person_id, organisation_id=organisation_id,
                    channel=message.channel, text=message.text, asked_at=now)


def notification_of(message: Incoming, asker: str, commissioner_id: int) -> Notification:
    """What the handler (and the baseline) tells the commissioner about one message."""
    return Notification(person_id=commissioner_id, kind="bench.question",
                        text=f"{asker} asked: {message.text}",
                        idempotency_key=f"bench:{message.message_id}", channel=Channel.CONSOLE)


def make_router(factory: sessionmaker[Session], url: str, ids: DemoIds) -> Router[None]:
    """A router with one free-text handler: one Question row and one Notification."""
    router: Router[None] = Router(factory, Settings(database_url=url), make_templates(),
                                  deps=None)

    def note_question(message: Incoming, ctx: Context[None]) -> list[Reply]:
        ctx.session.add(question_row(message, ctx.person.id, ctx.person.organisation_id, ctx.now))
        ctx.notify(notification_of(message, ctx.person.name, ids.commissioner_id))
        return [Reply(text=REPLY_TEXT)]

    router.text(note_question)
    return router


def run_router(
    database: str, factory: sessionmaker[Session], url: str, ids: DemoIds, n: int, trace: bool
) -> Result:
    """Push n messages through Router.handle; every one must get the handler's reply."""
    router = make_router(factory, url, ids)
    latencies: list[float] = []
    failed = 0
    with traced(trace) as peak:
        start = time.perf_counter()
        for i in range(n):
            began = time.perf_counter()
            replies = router.handle(incoming(i))
            latencies.append(time.perf_counter() - began)
            if len(replies) != 1 or replies[0].text != REPLY_TEXT:
                failed += 1
        seconds = time.perf_counter() - start
    assert failed == 0, f"{failed} messages got an error reply instead of the handler's"
    assert count_rows(factory) == (n, n), f"expected {n} questions and {n} outbox rows"
    return _result(database, "router.handle", n, seconds, peak, latencies)


def run_baseline(
    database: str, factory: sessionmaker[Session], ids: DemoIds, n: int, trace: bool
) -> Result:
    """The same two inserts with a bare session and a commit per message: no router."""
    latencies: list[float] = []
    with traced(trace) as peak:
        start = time.perf_counter()
        for i in range(n):
            began = time.perf_counter()
            message = incoming(i)
            now = utcnow()
            with factory() as session:
                session.add(question_row(message, ids.provider_id, ids.provider_organisation_id,
                                         now))
                notification = notification_of(message, "Sam Patel", ids.commissioner_id)
                session.add(
                    OutboxMessage(
                        idempotency_key=notification.idempotency_key,
                        person_id=notification.person_id,
                        channel=Channel.CONSOLE,
                        address=ids.commissioner_address,
                        kind=notification.kind,
                        urgent=False,
                        payload=notification.payload(),
                        status=OutboxStatus.PENDING,
                        attempts=0,
                        next_attempt_at=now,
                        created_at=now,
                    )
                )
                session.commit()
            latencies.append(time.perf_counter() - began)
        seconds = time.perf_counter() - start
    assert count_rows(factory) == (n, n), f"expected {n} questions and {n} outbox rows"
    return _result(database, "baseline (bare session)", n, seconds, peak, latencies)


def run_drain(database: str, factory: sessionmaker[Session], n: int, trace: bool) -> Result:
    """Deliver every queued notification into a list; exactly n unique keys must arrive."""
    delivered: list[Delivery] = []

    async def deliver(delivery: Delivery) -> None:
        delivered.append(delivery)

    async def drain() -> int:
        sender = outbox.OutboxSender(
            factory,
            Channel.CONSOLE,
            deliver,
            policy=outbox.OutboxPolicy(batch_size=BATCH_SIZE),
            rate_per_second=1e9,
            poll_seconds=0.01,
        )
        return await sender.drain()

    with traced(trace) as peak:
        start = time.perf_counter()
        sent = asyncio.run(drain())
        seconds = time.perf_counter() - start
    keys = {delivery.idempotency_key for delivery in delivered}
    assert len(delivered) == n, f"delivered {len(delivered)}, expected {n}"
    assert len(keys) == n, f"{len(keys)} unique idempotency keys, expected {n}"
    assert sent == n, f"drain reported {sent}, expected {n}"
    assert outbox.counts(factory) == {OutboxStatus.SENT.value: n}, outbox.counts(factory)
    return _result(database, "outbox drain", n, seconds, peak, None)


def _result(
    database: str,
    phase: str,
    n: int,
    seconds: float,
    peak: list[float],
    latencies: list[float] | None,
) -> Result:
    p50 = p99 = None
    if latencies:
        cuts = statistics.quantiles(latencies, n=100, method="inclusive")
        p50, p99 = cuts[49] * 1000, cuts[98] * 1000
    return Result(
        database=database,
        phase=phase,
        count=n,
        seconds=seconds,
        peak_rss_mb=peak_rss_mb(),
        traced_peak_mb=peak[0] if peak else None,
        p50_ms=p50,
        p99_ms=p99,
    )


def bench_database(kind: str, n: int, trace: bool) -> list[Result]:
    """Router, drain and baseline on one kind of database (baseline on its own fresh one)."""
    results: list[Result] = []
    with fresh_database(kind) as url:
        factory, ids, dispose = prepared(url)
        try:
            results.append(run_router(kind, factory, url, ids, n, trace))
            results.append(run_drain(kind, factory, n, trace))
        finally:
            dispose()
    with fresh_database(kind) as url:
        factory, ids, dispose = prepared(url)
        try:
            results.append(run_baseline(kind, factory, ids, n, trace))
        finally:
            dispose()
    return results


# -- output -----------------------------------------------------------------------------------
def _fmt(value: float | None, pattern: str) -> str:
    return "-" if value is None else format(value, pattern)


def print_table(results: list[Result], *, traced_run: bool = False) -> None:
    """One line per phase, then the router/baseline ratio per database."""
    header = (
        f"{'database':<11}{'phase':<25}{'count':>7}{'seconds':>9}{'per second':>12}"
        f"{'p50 ms':>9}{'p99 ms':>9}{'peak RSS MB':>13}{'traced MB':>11}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.database:<11}{r.phase:<25}{r.count:>7}{r.seconds:>9.2f}{r.rate:>12,.0f}"
            f"{_fmt(r.p50_ms, '.2f'):>9}{_fmt(r.p99_ms, '.2f'):>9}{r.peak_rss_mb:>13.1f}"
            f"{_fmt(r.traced_peak_mb, '.1f'):>11}"
        )
    print()
    for database in dict.fromkeys(r.database for r in results):
        by_phase = {r.phase: r for r in results if r.database == database}
        router = by_phase["router.handle"]
        baseline = by_phase["baseline (bare session)"]
        line = (
            f"{database}: router {router.rate:,.0f} msg/s vs baseline {baseline.rate:,.0f} msg/s"
            f" -> router/baseline = {router.rate / baseline.rate:.2f}"
        )
        if database == "sqlite" and traced_run:
            line += "; tracemalloc slows every phase, so no verdict on the aim"
        elif database == "sqlite":
            verdict = "meets" if router.rate >= AIM_SQLITE_MESSAGES_PER_SECOND else "MISSES"
            line += f"; {verdict} the aim of {AIM_SQLITE_MESSAGES_PER_SECOND:.0f} msg/s"
        print(line)


def main(argv: list[str] | None = None) -> int:
    """Parse the flags, run the benchmarks, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=2000, help="messages per run (2000)")
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also record each phase's tracemalloc peak (slows every phase down)",
    )
    args = parser.parse_args(argv)
    if args.messages < 1:
        parser.error("--messages must be at least 1")
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    if "postgresql" in kinds:
        reason = postgres_reachable()
        if reason is not None:
            print(
                f"PostgreSQL is unreachable at {POSTGRES_ADMIN_URL} ({reason}); "
                "continuing with SQLite only"
            )
            kinds = ["sqlite"]
    print(
        f"pledgebot router benchmark: {args.messages:,} messages, python "
        f"{sys.version.split()[0]}, tracemalloc {'on' if args.tracemalloc else 'off'}, "
        f"peak RSS after imports {peak_rss_mb():.1f} MB"
    )
    results: list[Result] = []
    for kind in kinds:
        results.extend(bench_database(kind, args.messages, args.tracemalloc))
    print()
    print_table(results, traced_run=args.tracemalloc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
