"""The one ASGI app (Starlette) of ``pledgebot serve``: health, readiness, metrics, and the
routes the channels add (``/slack/events``, ``/telegram/webhook``, later survey links).

- ``GET /healthz``: the process is alive and its event loop answers: always 200.
- ``GET /readyz``: 200 only when the database answers, its migrations are at head, there is
  a channel to deliver on and every configured channel is connected; otherwise 503. Both
  carry a JSON body ``{"ready": bool, "checks": {name: "ok" | reason}, "not_ready": [names]}``.
- ``GET /metrics``: the Prometheus text format, from a registry of this app's own (never the
  process-wide default), so several apps can live in one process (tests, benchmarks).

Counters and histograms are this process's; gauges read from the database (outbox depth, open
cases, unacknowledged safeguarding cases) are the whole database's, read at scrape time.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot import migrations
from bot.db import utcnow
from bot.messages import Incoming, Reply
from bot.models import Case, CaseKind, CaseStatus, Channel, OutboxMessage, OutboxStatus
from bot.outbox import OutboxEvents
from bot.registry import Context, Next

log = logging.getLogger(__name__)

PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8"
OPEN_CASE = (CaseStatus.OPEN, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS,
             CaseStatus.RESOLUTION_PROPOSED)
CHECK_TIMEOUT_SECONDS = 3.0

# A readiness check: None when ready, else the reason (one short line, no secrets).
Check = Callable[[], Awaitable[str | None]]
Endpoint = Callable[[Request], Awaitable[Response]]


class Metrics(OutboxEvents):
    """Every metric of one running bot, in a registry of its own."""

    def __init__(self) -> None:
        """Create the metrics (the database gauges come with ``watch_database``)."""
        self.registry = CollectorRegistry(auto_describe=True)
        reg = self.registry
        self.messages = Counter("pledgebot_messages_handled", "Messages handled, by channel "
                                "and outcome (ok, error)", ["channel", "outcome"], registry=reg)
        self.handler_seconds = Histogram(
            "pledgebot_handler_seconds", "Time to handle one message (middleware and handler)",
            ["channel"], registry=reg,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0))
        self.deliveries = Counter("pledgebot_outbox_deliveries", "Messages delivered",
                                  ["channel"], registry=reg)
        self.retries = Counter("pledgebot_outbox_retries", "Failed deliveries scheduled again",
                               ["channel"], registry=reg)
        self.rate_waits = Counter(
            "pledgebot_outbox_rate_limit_waits", "Waits before a delivery: our own rate limit "
            "(local) or the platform's (platform)", ["channel", "source"], registry=reg)
        self.dead_letters = Counter(
            "pledgebot_outbox_dead_letters", "Messages dead-lettered, by reason (permanent, "
            "attempts, unreachable)", ["channel", "reason"], registry=reg)
        self.sweep_seconds = Histogram(
            "pledgebot_sweep_seconds", "Duration of one run of a periodic job", ["job"],
            registry=reg, buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0))
        self.sweep_rows = Counter("pledgebot_sweep_rows_claimed", "Rows a periodic job claimed "
                                  "and handled", ["job"], registry=reg)

    def watch_database(self, factory: sessionmaker[Session]) -> None:
        """Add the gauges read from the database at each scrape."""
        self.registry.register(DatabaseCollector(factory, database_probe(factory.kw["bind"])))

    def text(self) -> bytes:
        """The metrics in the Prometheus text format (reads the database: call off the loop)."""
        return generate_latest(self.registry)

    # OutboxEvents
    def delivered(self, channel: Channel, seconds: float) -> None:
        """Count a delivery."""
        self.deliveries.labels(channel.value).inc()

    def retried(self, channel: Channel) -> None:
        """Count a retry."""
        self.retries.labels(channel.value).inc()

    def rate_limited(self, channel: Channel, source: str) -> None:
        """Count a rate-limit wait."""
        self.rate_waits.labels(channel.value, source).inc()

    def dead_lettered(self, channel: Channel, reason: str) -> None:
        """Count a dead letter."""
        self.dead_letters.labels(channel.value, reason).inc()

    def job_ran(self, job_id: str, seconds: float, rows: int | None) -> None:
        """Record one run of a periodic job."""
        self.sweep_seconds.labels(job_id).observe(seconds)
        if rows:
            self.sweep_rows.labels(job_id).inc(rows)

    def middleware(self, incoming: Incoming, ctx: Context[Any], rest: Next) -> list[Reply]:
        """Router middleware: count each message and time its handling (no words kept)."""
        began = time.perf_counter()
        channel = incoming.channel.value
        outcome = "error"
        try:
            replies = rest(incoming, ctx)
            outcome = "ok"
            return replies
        finally:
            self.messages.labels(channel, outcome).inc()
            self.handler_seconds.labels(channel).observe(time.perf_counter() - began)
            log.info("message %s handled (%s)", incoming.message_id or "-", outcome,
                     extra={"message_id": incoming.message_id, "channel": channel})


class DatabaseCollector(Collector):
    """Gauges read from the database at scrape time: they are the same in every process."""

    def __init__(self, factory: sessionmaker[Session], probe: Callable[[], str | None]) -> None:
        """Read through ``factory`` when ``probe`` finds the database there."""
        self.factory = factory
        self.probe = probe

    def collect(self) -> Iterator[Metric]:
        """Outbox depth, open cases, unacknowledged safeguarding cases, and whether the
        database answered at all."""
        up = GaugeMetricFamily("pledgebot_database_up", "1 when the database answered the "
                               "last scrape")
        try:
            missing = self.probe()
            if missing is not None:
                raise LookupError(missing)
            depth, cases, unacknowledged = self._read()
        except Exception as error:
            log.warning("metrics: the database did not answer (%s)", type(error).__name__)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        outbox = GaugeMetricFamily("pledgebot_outbox_messages", "Outbox messages by channel "
                                   "and status", labels=["channel", "status"])
        for (channel, status), count in sorted(depth.items()):
            outbox.add_metric([channel, status], count)
        yield outbox
        open_cases = GaugeMetricFamily("pledgebot_cases_open", "Cases not yet closed, by "
                                       "status", labels=["status"])
        for status in OPEN_CASE:
            open_cases.add_metric([status.value], cases.get(status.value, 0))
        yield open_cases
        yield GaugeMetricFamily("pledgebot_safeguarding_unacknowledged",
                                "Safeguarding cases open and not yet acknowledged",
                                value=unacknowledged)

    def _read(self) -> tuple[dict[tuple[str, str], int], dict[str, int], int]:
        with self.factory() as session:
            depth: dict[tuple[str, str], int] = {}
            for channel in Channel:
                for status in OutboxStatus:
                    depth[(channel.value, status.value)] = 0
            for channel, status, count in session.execute(
                    select(OutboxMessage.channel, OutboxMessage.status, func.count())
                    .group_by(OutboxMessage.channel, OutboxMessage.status)):
                depth[(Channel(channel).value, OutboxStatus(status).value)] = count
            cases = {CaseStatus(status).value: count for status, count in session.execute(
                select(Case.status, func.count()).where(Case.status.in_(OPEN_CASE))
                .group_by(Case.status))}
            unacknowledged = session.scalar(
                select(func.count()).select_from(Case).where(
                    Case.kind == CaseKind.SAFEGUARDING, Case.status == CaseStatus.OPEN,
                    Case.acknowledged_at.is_(None))) or 0
        return depth, cases, int(unacknowledged)


def database_probe(engine: Engine) -> Callable[[], str | None]:
    """A blocking check that the database answers: None, or why not (or it raises).

    For a SQLite file it also checks the file is the one pledgebot started with: an open
    connection keeps reading a deleted file, and a new connection to a deleted file creates an
    empty one in its place, so a file deleted under a running server could come back empty
    and look healthy (it once did, in a test that deletes it)."""
    sqlite_file = _sqlite_file(engine)
    started_with = None if sqlite_file is None else _file_identity(sqlite_file)

    def answers() -> str | None:
        nonlocal started_with
        if sqlite_file is not None:
            found = _file_identity(sqlite_file)
            if found is None:
                return f"the database file {sqlite_file} is missing"
            started_with = started_with or found  # made after start-up (a first migration)
            if found != started_with:
                return (f"the database file {sqlite_file} was replaced while pledgebot was "
                        "running: restart it")
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return None

    return answers


def channels_check(kinds: Sequence[str], missing: Sequence[str] = ()) -> Check:
    """The readiness check ``channels``: not ready when ``serve`` has no channel to deliver
    on (every message would be dead-lettered, the trial's "ready" bot), saying what is
    missing (``missing``: what channels set up in part still need)."""
    reason = None if kinds else "no channel to deliver on: " + ("; ".join(missing) or (
        "set PLEDGEBOT_SMTP_URL and PLEDGEBOT_EMAIL_FROM, PLEDGEBOT_SLACK_BOT_TOKEN or "
        "PLEDGEBOT_TELEGRAM_BOT_TOKEN"))

    async def check() -> str | None:
        return reason
    return check


def database_checks(engine: Engine) -> list[tuple[str, Check]]:
    """The readiness checks of the database: it answers; its migrations are at head."""
    head = migrations.head_revision()
    answers = database_probe(engine)

    def at_head() -> str | None:
        current = migrations.current_revision(engine)
        if current != head:
            return f"the database is at revision {current or 'none'}, the code needs {head}"
        return None

    return [("database", _off_loop(answers)), ("migrations", _off_loop(at_head))]


def _file_identity(path: Path) -> tuple[int, int] | None:
    """The device and inode of a file (None: no such file): the same name, another file."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return (status.st_dev, status.st_ino)


def _sqlite_file(engine: Engine) -> Path | None:
    if engine.url.get_backend_name() != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database).resolve()


def _off_loop(check: Callable[[], str | None]) -> Check:
    """Run a blocking check in a worker thread, with a time limit; an error is its reason."""
    async def run() -> str | None:
        try:
            return await asyncio.wait_for(asyncio.to_thread(check), CHECK_TIMEOUT_SECONDS)
        except TimeoutError:
            return f"no answer in {CHECK_TIMEOUT_SECONDS:g} s"
        except Exception as error:
            first = (str(getattr(error, "orig", None) or error).strip().splitlines() or [""])[0]
            return f"{type(error).__name__}: {first}"[:200]
    return run


class WebApp:
    """Builds the ASGI app: the built-in routes, readiness checks, and the channels' routes."""

    def __init__(self, metrics: Metrics) -> None:
        """Start with /healthz, /readyz and /metrics."""
        self.metrics = metrics
        self.checks: list[tuple[str, Check]] = []
        self.routes: list[BaseRoute] = [
            Route("/healthz", self._healthz, methods=["GET"]),
            Route("/readyz", self._readyz, methods=["GET"]),
            Route("/metrics", self._metrics, methods=["GET"]),
        ]

    def add_route(self, path: str, endpoint: Endpoint, *, methods: Sequence[str] = ("POST",)
                  ) -> None:
        """Add a channel's route (``/slack/events``, ``/telegram/webhook``)."""
        if any(getattr(route, "path", None) == path for route in self.routes):
            raise ValueError(f"route {path} added twice")
        self.routes.append(Route(path, endpoint, methods=list(methods)))

    def add_check(self, name: str, check: Check) -> None:
        """Add a readiness check: None when ready, else the reason."""
        self.checks.append((name, check))

    def build(self) -> Starlette:
        """The Starlette app with every route added so far."""
        return Starlette(routes=list(self.routes))

    async def readiness(self) -> dict[str, Any]:
        """Run every check at once; the JSON body of /readyz."""
        reasons = await asyncio.gather(*(check() for _name, check in self.checks))
        checks = {name: reason or "ok" for (name, _check), reason in
                  zip(self.checks, reasons, strict=True)}
        not_ready = [name for name, reason in checks.items() if reason != "ok"]
        return {"ready": not not_ready, "checks": checks, "not_ready": not_ready,
                "at": utcnow().isoformat(timespec="seconds")}

    async def _healthz(self, request: Request) -> Response:
        return JSONResponse({"alive": True})

    async def _readyz(self, request: Request) -> Response:
        body = await self.readiness()
        return JSONResponse(body, status_code=200 if body["ready"] else 503)

    async def _metrics(self, request: Request) -> Response:
        return PlainTextResponse(await asyncio.to_thread(self.metrics.text),
                                 media_type=PROMETHEUS_TEXT)
