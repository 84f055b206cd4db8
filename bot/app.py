"""The composition root: builds the engine, dependencies, router, channels, senders, scheduler.

Everything a running bot is made of is built here once, from the settings: the engine and
session factory, the template environment, the working-day calendar, the SLA and reminder
policies, the knowledge base, and the Router with every feature registered. ``run`` then starts
any set of channels (``bot.channels.Channel``), one outbox sender per channel and the scheduler
in one event loop, until a channel ends (the console at end of input) or ``stop`` is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import fcntl
import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import uvicorn
from jinja2 import Environment
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

import handlers
from bot import migrations
from bot.channels import VERIFIED_ONLY, Channel
from bot.channels.email.settings import from_address, imap_target, smtp_target
from bot.channels.recording import RecordingChannel
from bot.config import Settings
from bot.db import check_connection, make_engine, make_session_factory, utcnow
from bot.dispatch import Router
from bot.errors import ConfigError, PledgebotError
from bot.messages import Notification
from bot.models import Channel as ChannelKind
from bot.outbox import (
    NO_EVENTS,
    PURGE_JOB_ID,
    UNREACHABLE,
    OutboxEvents,
    OutboxPolicy,
    OutboxSender,
    Rerouted,
    purge_delivered,
    reroute_unreachable,
)
from bot.registry import Job, Middleware
from bot.templates import make_templates
from bot.web import Metrics, WebApp, channels_check, database_checks
from handlers.cases.service import SlaPolicy
from handlers.deadlines.store import ReminderPolicy
from handlers.deps import Deps
from knowledge.answers import Answerer, answerer_for
from knowledge.meaning import meaning_missing
from scheduler.jobs import build_scheduler
from scheduler.rules import WorkingCalendar

log = logging.getLogger(__name__)


def policy_from(settings: Settings) -> OutboxPolicy:
    """The outbox policy the settings describe."""
    return OutboxPolicy(
        max_attempts=settings.outbox_max_attempts,
        lease=timedelta(seconds=settings.outbox_lease_seconds),
        backoff_base=settings.outbox_backoff_base_seconds,
        backoff_cap=settings.outbox_backoff_cap_seconds,
        batch_size=settings.outbox_batch_size,
        max_in_flight=settings.outbox_max_in_flight,
    )


def connect(settings: Settings, *, migrate: bool = True) -> tuple[Engine, sessionmaker[Session]]:
    """Open the database the settings name (and migrate it to head); the caller disposes it.

    Raises ``StoreUnavailable`` when it cannot be reached; nothing is left open then.
    """
    engine = make_engine(settings.database_url)
    try:
        check_connection(engine)
        if migrate:
            migrations.upgrade(engine)
    except Exception:
        engine.dispose()
        raise
    return engine, make_session_factory(engine)


def build_deps(settings: Settings, *, answerer: Answerer | None = None) -> Deps:
    """The features' dependencies, from the settings, once."""
    return Deps(
        calendar=WorkingCalendar(),
        sla=SlaPolicy.from_settings(settings),
        reminders=ReminderPolicy.from_settings(settings),
        outbox=policy_from(settings),
        answerer=answerer,
    )


def build_router(
    factory: sessionmaker[Session],
    settings: Settings,
    templates: Environment,
    *,
    clock: Callable[[], datetime] = utcnow,
    answerer: Answerer | None = None,
    deps: Deps | None = None,
    observe: Middleware | None = None,
) -> Router[Deps]:
    """A Router with every feature registered, and the runtime's own jobs (outbox purge).

    ``deps`` replaces the dependencies built from the settings (a benchmark's calendar);
    ``observe`` is a middleware run first, around every feature's (the metrics).
    """
    deps = deps or build_deps(settings, answerer=answerer)
    router: Router[Deps] = Router(factory, settings, templates, deps=deps, clock=clock,
                                  verified_only=VERIFIED_ONLY)
    if observe is not None:
        router.use(observe)
    handlers.register(router, deps)
    keep = timedelta(days=settings.outbox_keep_days)
    router.job(PURGE_JOB_ID, lambda now: purge_delivered(factory, keep=keep, now=now),
               daily_at=(3, 17))
    if settings.telegram_bot_token is not None:
        from bot.channels.telegram import linking

        router.job(linking.PURGE_JOB_ID, lambda now: linking.purge(factory, now=now),
                   daily_at=(3, 53))
    return router


@dataclass
class App:
    """Everything the running bot is made of; ``close`` disposes the engine."""

    settings: Settings
    engine: Engine
    factory: sessionmaker[Session]
    templates: Environment
    router: Router[Deps]
    policy: OutboxPolicy
    clock: Callable[[], datetime] = utcnow
    senders: list[OutboxSender] = field(default_factory=list)
    reroute_wake: asyncio.Event | None = None

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def wake_senders(self, _count: object = None) -> None:
        """Tell every outbox sender to look for work now."""
        for sender in self.senders:
            sender.wake()
        if self.reroute_wake is not None:
            self.reroute_wake.set()


def build_app(
    settings: Settings, *, migrate: bool = True, clock: Callable[[], datetime] = utcnow,
    observe: Middleware | None = None,
) -> App:
    """Connect to the database (migrating it to head) and register every feature."""
    engine, factory = connect(settings, migrate=migrate)
    templates = make_templates()
    answerer = answerer_for(settings.knowledge_dir, settings.cache_dir,
                            meaning=settings.answer_meaning == "minilm")
    if settings.answer_meaning == "minilm":
        reader = answerer.searcher.meaning
        if reader is None:
            log.warning("PLEDGEBOT_ANSWER_MEANING=minilm, but %s: answering by words only",
                        meaning_missing())
        else:
            # Every entry's vectors, read back (or, the first time, worked out: ~80 s on two
            # cores) in the background, so no provider's question waits for them.
            threading.Thread(target=reader.warm, name="meaning-warm", daemon=True).start()
    router = build_router(factory, settings, templates, clock=clock, answerer=answerer,
                          observe=observe)
    return App(
        settings=settings,
        engine=engine,
        factory=factory,
        templates=templates,
        router=router,
        policy=router.deps.outbox,  # the one the features use (``Deps.outbox``), built once
        clock=clock,
    )


JobObserver = Callable[[str, float, "int | None"], None]


async def run(app: App, channels: Sequence[Channel], *,
              stop: asyncio.Event | None = None,
              reachable: Sequence[ChannelKind] | None = None,
              events: OutboxEvents = NO_EVENTS,
              on_job: JobObserver | None = None,
              drain: bool = True) -> None:
    """Run ``channels``, an outbox sender for each, and the scheduler, in this event loop.

    Returns when any channel ends by itself or ``stop`` is set. With ``drain`` (the console),
    each sender then delivers what is already due (so a console demo shows what its last
    message queued); without it (``serve``), senders stop taking work and hand back what they
    had claimed. Then the channels stop and the scheduler shuts down; what is left waits in
    the outbox.

    ``reachable`` (``serve``) are the channels this process delivers on: messages for any other
    channel are moved to one the person has, or dead-lettered (``bot.outbox.reroute_unreachable``).
    ``events`` hears what the senders do and ``on_job`` each periodic job's duration and rows.
    """
    loop = asyncio.get_running_loop()
    stop = stop or asyncio.Event()
    app.senders = [
        OutboxSender(
            app.factory, channel.kind, channel.deliver, policy=app.policy,
            rate_per_second=channel.rate_per_second,
            poll_seconds=app.settings.outbox_poll_seconds, clock=app.clock,
            address=channel.only_address, events=events,
        )
        for channel in channels
    ]

    def wake(_notifications: Iterable[Notification]) -> None:
        # Called from the router's worker thread: hand over to the loop safely.
        loop.call_soon_threadsafe(app.wake_senders)

    app.router.on_notified.append(wake)
    jobs = [_observed(job, on_job) for job in app.router.jobs.values()]
    scheduler = build_scheduler(jobs, timezone=app.settings.timezone,
                                clock=app.clock, on_queued=app.wake_senders)
    if drain:
        # The console: what already waits for this person is shown, and its buttons are
        # pressable, before the first line is read (session 25's trial: the hub typed "1" at
        # the urgent alert it had just been shown, and the line was read before the alert's
        # buttons were).
        for sender in app.senders:
            await sender.drain()
    sending = [asyncio.create_task(sender.run_forever(stop)) for sender in app.senders]
    if reachable is not None:
        app.reroute_wake = asyncio.Event()
        sending.append(asyncio.create_task(
            _reroute_forever(app, list(reachable), stop, app.reroute_wake, events)))
    started: list[Channel] = []
    try:
        for channel in channels:
            await channel.start(app.router)
            started.append(channel)
        scheduler.start()
        ended = [asyncio.create_task(channel.wait()) for channel in channels]
        stopped = asyncio.create_task(stop.wait())
        await asyncio.wait([*ended, stopped], return_when=asyncio.FIRST_COMPLETED)
        for task in [*ended, stopped]:
            task.cancel()
        stop.set()
        # No new sweeps from here: a sweep already running finishes its claimed batch.
        scheduler.shutdown(wait=False)
        await asyncio.gather(*sending, return_exceptions=True)
        if drain:
            for sender in app.senders:
                await sender.drain()
    finally:
        stop.set()
        for task in sending:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if scheduler.running:
            scheduler.shutdown(wait=False)
        for channel in reversed(started):
            await channel.stop()
        app.router.on_notified.remove(wake)
        app.reroute_wake = None


def _observed(job: Job, on_job: JobObserver | None) -> Job:
    """``job`` with its duration and rows told to ``on_job`` after every run."""
    if on_job is None:
        return job
    work = job.run

    def timed(now: datetime) -> int:
        began = time.perf_counter()
        rows: int | None = None
        try:
            rows = work(now)
            return rows
        finally:
            on_job(job.job_id, time.perf_counter() - began, rows)

    return dataclasses.replace(job, run=timed)


async def _reroute_forever(app: App, reachable: list[ChannelKind], stop: asyncio.Event,
                           wake: asyncio.Event, events: OutboxEvents) -> None:
    """Move or dead-letter messages for channels this process does not serve, until ``stop``."""
    while not stop.is_set():
        wake.clear()
        try:
            result = await asyncio.to_thread(
                reroute_unreachable, app.factory, reachable, now=app.clock(),
                limit=REROUTE_BATCH)
        except Exception as error:  # the database may be away; the senders say so already
            log.debug("reroute failed: %s", type(error).__name__)
            result = Rerouted([], [])
        for outbox_id, old, new in result.moved:
            log.info("outbox %s moved from %s to %s (%s not configured)", outbox_id, old.value,
                     new.value, old.value, extra={"outbox_id": outbox_id, "channel": new.value})
        for outbox_id, channel, _reason in result.dead:
            events.dead_lettered(channel, UNREACHABLE)
            log.warning("outbox %s dead-lettered: nobody can deliver it (%s not configured, no "
                        "other channel for the person)", outbox_id, channel.value,
                        extra={"outbox_id": outbox_id, "channel": channel.value})
        if result.moved:
            for sender in app.senders:
                sender.wake()
        if len(result.moved) + len(result.dead) >= REROUTE_BATCH:
            continue
        waiters = [asyncio.create_task(wake.wait()), asyncio.create_task(stop.wait())]
        _done, pending = await asyncio.wait(waiters, timeout=app.settings.outbox_poll_seconds,
                                            return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()


REROUTE_BATCH = 500


# ---------------------------------------------------------------------------------------------
# pledgebot serve


class ServeRefused(PledgebotError):
    """``serve`` cannot start: said in one line (another serve holds the SQLite file)."""


def service_channels(settings: Settings) -> list[Channel]:
    """Every channel whose settings are present, for ``serve`` (never the console).

    Slack, Telegram and e-mail plug in here when their settings exist. The recording channel
    runs only when a test or benchmark sets ``PLEDGEBOT_TEST_CHANNEL_FILE``.
    """
    channels: list[Channel] = []
    if settings.telegram_bot_token is not None:
        channels.append(_telegram(settings, channels))
    if settings.test_channel_file is not None:
        kind = ChannelKind(settings.test_channel_kind)
        channels.append(RecordingChannel(
            settings.test_channel_file, kind,
            rate_per_second=settings.rate_limit_per_second.get(kind.value, 10_000.0)))
    if settings.smtp_url and settings.email_from:
        channels.append(email_channel(settings))
    if settings.slack_bot_token and not (settings.test_channel_file is not None
                                         and settings.test_channel_kind == "slack"):
        from bot.channels.slack.channel import SlackChannel  # slack-bolt loads only when used
        channels.append(SlackChannel(settings))
    return channels


def half_configured(settings: Settings) -> list[str]:
    """Channels with some of their settings but not enough to deliver on, each as what is
    missing (the trial: PLEDGEBOT_SMTP_URL alone gave "delivers on: none" and no word why)."""
    missing = []
    if settings.smtp_url and not settings.email_from:
        missing.append("e-mail: PLEDGEBOT_SMTP_URL is set but PLEDGEBOT_EMAIL_FROM is not "
                       "(both are needed to send e-mail)")
    if settings.email_from and not settings.smtp_url:
        missing.append("e-mail: PLEDGEBOT_EMAIL_FROM is set but PLEDGEBOT_SMTP_URL is not "
                       "(both are needed to send e-mail)")
    if settings.imap_url and not (settings.smtp_url and settings.email_from):
        missing.append("e-mail: PLEDGEBOT_IMAP_URL is set, but e-mail needs PLEDGEBOT_SMTP_URL "
                       "and PLEDGEBOT_EMAIL_FROM too")
    if (settings.slack_app_token or settings.slack_signing_secret) and not (
            settings.slack_bot_token):
        missing.append("slack: PLEDGEBOT_SLACK_BOT_TOKEN is not set (Slack needs it)")
    if settings.telegram_webhook_url and not settings.telegram_bot_token:
        missing.append("telegram: PLEDGEBOT_TELEGRAM_BOT_TOKEN is not set (Telegram needs it)")
    return missing


def email_channel(settings: Settings) -> Channel:
    """The e-mail channel from PLEDGEBOT_SMTP_URL, PLEDGEBOT_EMAIL_FROM and (to read mail)
    PLEDGEBOT_IMAP_URL; a bad URL or address is a ``ConfigError``."""
    # aiosmtplib, imapclient and the mail rendering load only when e-mail is configured.
    from bot.channels.email.channel import EmailChannel

    return EmailChannel(
        smtp=smtp_target(settings.smtp_url or ""),
        sender=from_address(settings.email_from or ""),
        imap=imap_target(settings.imap_url) if settings.imap_url else None,
        poll_seconds=settings.imap_poll_seconds, templates=make_templates(),
        rate_per_second=settings.rate_limit_per_second.get("email", 5.0),
        require_auth=settings.email_require_auth,
        authserv_id=settings.email_authserv_id or (
            imap_target(settings.imap_url).host if settings.imap_url else ""),
    )


def _telegram(settings: Settings, channels: list[Channel]) -> Channel:
    """The Telegram channel; its /link codes go by e-mail when e-mail is among ``channels``."""
    from bot.channels.telegram.channel import TelegramChannel

    if settings.telegram_webhook_url is not None and settings.telegram_webhook_secret is None:
        raise ConfigError("PLEDGEBOT_TELEGRAM_WEBHOOK_SECRET",
                          "is required with PLEDGEBOT_TELEGRAM_WEBHOOK_URL")
    return TelegramChannel(
        settings, rate_per_second=settings.rate_limit_per_second.get("telegram", 25.0),
        email_configured=lambda: any(c.kind == ChannelKind.EMAIL for c in channels))


def configured_kinds(settings: Settings) -> list[ChannelKind]:
    """The channels ``serve`` delivers on with these settings (for ``pledgebot doctor``)."""
    return [channel.kind for channel in service_channels(settings)]


@contextlib.contextmanager
def sqlite_serve_lock(settings: Settings) -> Iterator[Path | None]:
    """Hold an exclusive lock next to a SQLite database for as long as ``serve`` runs.

    SQLite is one machine's file with one writer at a time: two ``serve`` processes on it would
    fight over its write lock. The lock is ``flock`` on ``<database>.serve.lock``: the kernel
    drops it when the process ends however it ends (SIGKILL too), so a stale lock file never
    blocks a restart. PostgreSQL needs no lock: several ``serve`` processes share the work.
    """
    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        yield None
        return
    path = Path(f"{Path(url.database).resolve()}.serve.lock")
    handle = path.open("a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise ServeRefused(
                f"another `pledgebot serve` (pid {holder}) is already running on "
                f"{url.database}; SQLite allows one; use PostgreSQL to run several") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield path
    finally:
        handle.close()


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: ``serve`` handles SIGTERM/SIGINT for the
    whole process (uvicorn's would re-raise SIGTERM after its shutdown: exit 143, not 0)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        """Leave the signals to ``serve``."""
        yield


def _listen(host: str, port: int) -> socket.socket:
    """Bind the web app's socket here, so a port in use is one clear line, not a traceback."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise ServeRefused(f"cannot listen on {host}:{port}: {error.strerror}") from None
    sock.listen(128)
    sock.setblocking(False)
    return sock


async def serve(settings: Settings) -> int:
    """``pledgebot serve``: channels, outbox senders, scheduler and web app in this loop.

    Returns the exit code: 0 after a clean stop on SIGTERM/SIGINT. A stop that takes longer
    than ``shutdown_grace_seconds`` ends the process with 1 (what it still held returns to
    the others when its leases expire).
    """
    with sqlite_serve_lock(settings):
        sock = _listen(settings.http_host, settings.http_port)
        metrics = Metrics()
        fixed = settings.fixed_now
        app = build_app(settings, clock=(lambda: fixed) if fixed is not None else utcnow,
                        observe=metrics.middleware)
        # Each /readyz reads the migration state: Alembic's "Context impl" lines at every
        # probe, and APScheduler's "Adding job" lines at start, are noise at INFO.
        for name in ("alembic.runtime.migration", "apscheduler.scheduler"):
            logging.getLogger(name).setLevel(logging.WARNING)
        try:
            return await _serve(app, metrics, sock)
        finally:
            sock.close()
            app.close()


async def _serve(app: App, metrics: Metrics, sock: socket.socket) -> int:
    settings = app.settings
    channels = service_channels(settings)
    metrics.watch_database(app.factory)
    web = WebApp(metrics)
    for name, check in database_checks(app.engine):
        web.add_check(name, check)
    web.add_check("channels", channels_check([channel.kind.value for channel in channels],
                                             half_configured(settings)))
    for channel in channels:
        web.add_check(f"channel:{channel.kind.value}", _channel_check(channel))
        add_routes = getattr(channel, "add_routes", None)
        if add_routes is not None:
            add_routes(web)
    for route in app.router.web_routes.values():
        web.add_route(route.path, route.endpoint, methods=route.methods)
    server = _Server(uvicorn.Config(web.build(), lifespan="off", log_config=None,
                                    access_log=False, timeout_graceful_shutdown=5))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    grace = settings.shutdown_grace_seconds

    def on_signal(signum: int) -> None:
        if stop.is_set():
            return
        log.info("%s: stopping (grace %g s)", signal.Signals(signum).name, grace)
        stop.set()
        server.should_exit = True
        watchdog = threading.Timer(grace, _overdue, args=(grace,))
        watchdog.daemon = True
        watchdog.start()

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, on_signal, signum)
    kinds = [channel.kind for channel in channels]
    host, port = sock.getsockname()[:2]
    log.info("serving on http://%s:%s; channels: %s", host, port,
             ", ".join(kind.value for kind in kinds) or "none")
    if not kinds:
        log.warning("no channel is configured: every queued message will be dead-lettered as "
                    "unreachable; configure a channel, then run `pledgebot outbox retry "
                    "--all-dead`")
    running = asyncio.create_task(run(app, channels, stop=stop, reachable=kinds,
                                      events=metrics, on_job=metrics.job_ran, drain=False))
    web_task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        await asyncio.wait([running, web_task], return_when=asyncio.FIRST_COMPLETED)
    finally:
        stop.set()
        server.should_exit = True
        results = await asyncio.gather(running, web_task, return_exceptions=True)
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    log.info("stopped")
    return 0


def _channel_check(channel: Channel) -> Callable[[], Awaitable[str | None]]:
    async def check() -> str | None:
        not_ready = getattr(channel, "not_ready", None)
        return not_ready() if not_ready is not None else None
    return check


def _overdue(grace: float) -> None:
    """The grace time is over: leave now; the leases give back what is still held."""
    log.error("shutdown took longer than %g s; exiting with claimed work left to its lease",
              grace)
    logging.shutdown()
    os._exit(1)
