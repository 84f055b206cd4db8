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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from jinja2 import Environment
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

import handlers
from bot import migrations
from bot.channels import VERIFIED_ONLY, Channel
from bot.config import Settings
from bot.db import check_connection, make_engine, make_session_factory, utcnow
from bot.dispatch import Router
from bot.messages import Notification
from bot.outbox import PURGE_JOB_ID, OutboxPolicy, OutboxSender, purge_delivered
from bot.templates import make_templates
from handlers.cases.service import SlaPolicy
from handlers.deadlines.store import ReminderPolicy
from handlers.deps import Deps
from knowledge.answers import Answerer
from knowledge.base import KnowledgeBase, content_folders
from scheduler.jobs import build_scheduler
from scheduler.rules import WorkingCalendar


def policy_from(settings: Settings) -> OutboxPolicy:
    """The outbox policy the settings describe."""
    return OutboxPolicy(
        max_attempts=settings.outbox_max_attempts,
        lease=timedelta(seconds=settings.outbox_lease_seconds),
        backoff_base=settings.outbox_backoff_base_seconds,
        backoff_cap=settings.outbox_backoff_cap_seconds,
        batch_size=settings.outbox_batch_size,
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
) -> Router[Deps]:
    """A Router with every feature registered, and the runtime's own jobs (outbox purge).

    ``deps`` replaces the dependencies built from the settings (a benchmark's calendar).
    """
    deps = deps or build_deps(settings, answerer=answerer)
    router: Router[Deps] = Router(factory, settings, templates, deps=deps, clock=clock,
                                  verified_only=VERIFIED_ONLY)
    handlers.register(router, deps)
    keep = timedelta(days=settings.outbox_keep_days)
    router.job(PURGE_JOB_ID, lambda now: purge_delivered(factory, keep=keep, now=now),
               daily_at=(3, 17))
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

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def wake_senders(self, _count: object = None) -> None:
        """Tell every outbox sender to look for work now."""
        for sender in self.senders:
            sender.wake()


def build_app(
    settings: Settings, *, migrate: bool = True, clock: Callable[[], datetime] = utcnow
) -> App:
    """Connect to the database (migrating it to head) and register every feature."""
    engine, factory = connect(settings, migrate=migrate)
    templates = make_templates()
    answerer = Answerer(KnowledgeBase(content_folders(settings.knowledge_dir)))
    router = build_router(factory, settings, templates, clock=clock, answerer=answerer)
    return App(
        settings=settings,
        engine=engine,
        factory=factory,
        templates=templates,
        router=router,
        policy=policy_from(settings),
        clock=clock,
    )


async def run(app: App, channels: Sequence[Channel], *,
              stop: asyncio.Event | None = None) -> None:
    """Run ``channels``, an outbox sender for each, and the scheduler, in this event loop.

    Returns when any channel ends by itself or ``stop`` is set. Before returning, each sender
    delivers what is already due (so a console demo shows what its last message queued), then
    the channels stop and the scheduler shuts down; what is left waits in the outbox.
    """
    loop = asyncio.get_running_loop()
    stop = stop or asyncio.Event()
    app.senders = [
        OutboxSender(
            app.factory, channel.kind, channel.deliver, policy=app.policy,
            rate_per_second=channel.rate_per_second,
            poll_seconds=app.settings.outbox_poll_seconds, clock=app.clock,
            address=channel.only_address,
        )
        for channel in channels
    ]

    def wake(_notifications: Iterable[Notification]) -> None:
        # Called from the router's worker thread: hand over to the loop safely.
        loop.call_soon_threadsafe(app.wake_senders)

    app.router.on_notified.append(wake)
    scheduler = build_scheduler(app.router.jobs.values(), timezone=app.settings.timezone,
                                clock=app.clock, on_queued=app.wake_senders)
    sending = [asyncio.create_task(sender.run_forever(stop)) for sender in app.senders]
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
        await asyncio.gather(*sending, return_exceptions=True)
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
