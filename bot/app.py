"""The composition root: builds the engine, router, channels, outbox senders and scheduler."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import BinaryIO, TextIO

from jinja2 import Environment
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

import handlers
from bot import migrations
from bot.channels.console.adapter import ConsoleChannel
from bot.config import Settings
from bot.db import check_connection, make_engine, make_session_factory, utcnow
from bot.dispatch import Router
from bot.messages import Notification
from bot.models import Channel
from bot.outbox import OutboxPolicy, OutboxSender
from bot.templates import make_templates, render
from handlers.cases.service import SlaPolicy
from handlers.deadlines.store import ReminderPolicy
from knowledge.answers import Answerer
from knowledge.base import KnowledgeBase, content_folders
from scheduler.jobs import CaseSweep, ReminderSweep, build_scheduler


def policy_from(settings: Settings) -> OutboxPolicy:
    """The outbox policy the settings describe."""
    return OutboxPolicy(
        max_attempts=settings.outbox_max_attempts,
        lease=timedelta(seconds=settings.outbox_lease_seconds),
        backoff_base=settings.outbox_backoff_base_seconds,
        backoff_cap=settings.outbox_backoff_cap_seconds,
        batch_size=settings.outbox_batch_size,
    )


@dataclass
class App:
    """Everything the running bot is made of; ``close`` disposes the engine."""

    settings: Settings
    engine: Engine
    factory: sessionmaker[Session]
    templates: Environment
    router: Router
    policy: OutboxPolicy
    clock: Callable[[], datetime] = utcnow
    senders: list[OutboxSender] = field(default_factory=list)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def build_app(
    settings: Settings, *, migrate: bool = True, clock: Callable[[], datetime] = utcnow
) -> App:
    """Connect to the database (migrating it to head) and register every handler."""
    engine = make_engine(settings.database_url)
    try:
        check_connection(engine)
        if migrate:
            migrations.upgrade(engine)
    except Exception:
        engine.dispose()
        raise
    factory = make_session_factory(engine)
    templates = make_templates()
    answerer = Answerer(KnowledgeBase(content_folders(settings.knowledge_dir)))
    router = Router(factory, settings, templates, clock=clock, answerer=answerer)
    handlers.register(router)
    return App(
        settings=settings,
        engine=engine,
        factory=factory,
        templates=templates,
        router=router,
        policy=policy_from(settings),
        clock=clock,
    )


async def run_console(
    app: App, *, sender: str, stdin: BinaryIO, stdout: TextIO, interactive: bool,
    show_everyones: bool = False,
) -> None:
    """Run the console channel, its outbox sender and the scheduler until end of input.

    The console delivers only the messages of the person at it, unless ``show_everyones``
    (the single-operator demo, where seeing the safeguarding alert go out is the point).
    """
    loop = asyncio.get_running_loop()
    console = ConsoleChannel(
        app.router,
        sender=sender,
        stdin=stdin,
        stdout=stdout,
        unreadable_text=render(app.templates, "unreadable.txt"),
        interactive=interactive,
        clock=app.clock,
    )
    sender_loop = OutboxSender(
        app.factory,
        Channel.CONSOLE,
        console.deliver,
        policy=app.policy,
        rate_per_second=app.settings.rate_limit_per_second.get("console", 100.0),
        poll_seconds=app.settings.outbox_poll_seconds,
        clock=app.clock,
        address=None if show_everyones else sender,
    )
    app.senders = [sender_loop]

    def wake(_notifications: Iterable[Notification]) -> None:
        # Called from the router's worker thread: hand over to the loop safely.
        for outbox_sender in app.senders:
            loop.call_soon_threadsafe(outbox_sender.wake)

    app.router.on_notified.append(wake)
    scheduler = build_scheduler(
        app.factory,
        keep_delivered=timedelta(days=app.settings.outbox_keep_days),
        keep_questions=timedelta(days=app.settings.question_keep_days),
        timezone=app.settings.timezone,
        clock=app.clock,
        reminders=ReminderSweep(
            templates=app.templates,
            calendar=app.router.calendar,
            policy=ReminderPolicy.from_settings(app.settings),
            every=timedelta(seconds=app.settings.sweep_interval_seconds),
            lease=timedelta(seconds=app.settings.reminder_lease_seconds),
        ),
        after_sweep=lambda _result: [sender.wake() for sender in app.senders],
        cases=CaseSweep(
            settings=app.settings,
            policy=SlaPolicy.from_settings(app.settings),
            calendar=app.router.calendar,
            every=timedelta(seconds=app.settings.sweep_interval_seconds),
            lease=timedelta(seconds=app.settings.case_lease_seconds),
        ),
        after_cases=lambda _result: [sender.wake() for sender in app.senders],
        keep_forms=timedelta(hours=app.settings.form_expiry_hours),
    )
    scheduler.start()
    stop = asyncio.Event()
    sending = asyncio.create_task(sender_loop.run_forever(stop))
    try:
        await console.run()
        # Before leaving, deliver what the conversation queued for console identities.
        stop.set()
        await sending
        await sender_loop.drain()
    finally:
        stop.set()
        if not sending.done():
            sending.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sending
        scheduler.shutdown(wait=False)
        app.router.on_notified.remove(wake)
