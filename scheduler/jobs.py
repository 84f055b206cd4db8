"""Scheduled jobs: plain functions with stable ids; APScheduler only triggers them.

The job store is in memory on purpose: the database rows are the truth, and APScheduler's own
FAQ says a job store must never be shared between processes.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from jinja2 import Environment
from sqlalchemy import delete, update
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.db import transaction, utcnow
from bot.forms import purge_expired
from bot.models import OutboxMessage, OutboxStatus, Question
from handlers.ask.questions import FORGOTTEN_TEXT
from handlers.cases.service import SlaPolicy
from handlers.cases.sweep import EscalationResult, sweep_cases
from handlers.deadlines.store import ReminderPolicy
from handlers.deadlines.sweep import SweepResult, sweep
from scheduler.rules import WorkingCalendar

log = logging.getLogger(__name__)
T = TypeVar("T")

PURGE_JOB_ID = "outbox.purge-delivered"
SWEEP_JOB_ID = "reminders.sweep"
CASES_JOB_ID = "cases.sweep"
FORMS_JOB_ID = "forms.purge-expired"
FORGET_JOB_ID = "questions.forget-old-words"
FORGOTTEN = FORGOTTEN_TEXT


def purge_delivered(
    factory: sessionmaker[Session], *, keep: timedelta, now: datetime | None = None
) -> int:
    """Delete delivered outbox rows older than ``keep``: their words need not be kept."""
    cutoff = (now or utcnow()) - keep
    with transaction(factory) as session:
        result = session.execute(
            delete(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.SENT, OutboxMessage.sent_at < cutoff)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)


@dataclass(frozen=True, slots=True)
class ReminderSweep:
    """What the reminder sweep job needs: words, working days, policy, and how often."""

    templates: Environment
    calendar: WorkingCalendar
    policy: ReminderPolicy
    every: timedelta = timedelta(minutes=1)
    lease: timedelta = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class CaseSweep:
    """What the SLA sweep job needs: settings (default owner), the SLA policy, working days."""

    settings: Settings
    policy: SlaPolicy
    calendar: WorkingCalendar
    every: timedelta = timedelta(minutes=1)
    lease: timedelta = timedelta(minutes=5)


def forget_old_questions(
    factory: sessionmaker[Session], *, keep: timedelta, now: datetime | None = None
) -> int:
    """Blank the words of questions older than ``keep``: they may name people we care for.

    What the bot did with each question (its outcome, entry and rating) stays for the gaps
    report; the free text, which a provider may have typed a name into, does not.
    """
    cutoff = (now or utcnow()) - keep
    with transaction(factory) as session:
        result = session.execute(
            update(Question)
            .where(Question.asked_at < cutoff, Question.text != FORGOTTEN)
            .values(text=FORGOTTEN)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)


async def _in_thread(name: str, work: Callable[[], T]) -> T | None:
    """Run a sweep in a worker thread; None if it failed or the app is shutting down.

    A failure (the database briefly away) is logged and the next run retries; on shutdown the
    thread finishes its transaction on its own and what it did not claim waits for the next
    sweep. Nothing is lost either way.
    """
    try:
        return await asyncio.to_thread(work)
    except asyncio.CancelledError:
        log.info("%s interrupted by shutdown", name)
    except Exception:
        log.exception("%s failed; the next run will retry", name)
    return None


def build_scheduler(
    factory: sessionmaker[Session],
    *,
    keep_delivered: timedelta,
    timezone: str,
    keep_questions: timedelta = timedelta(days=365),
    clock: Callable[[], datetime] = utcnow,
    reminders: ReminderSweep | None = None,
    after_sweep: Callable[[SweepResult], None] | None = None,
    cases: CaseSweep | None = None,
    after_cases: Callable[[EscalationResult], None] | None = None,
    keep_forms: timedelta | None = None,
) -> AsyncIOScheduler:
    """An AsyncIOScheduler with pledgebot's jobs; start it inside the running event loop.

    It only triggers work: the rows in the database are the truth, so a missed or doubled
    trigger (a restart, another process) neither loses nor repeats a reminder.
    """
    scheduler = AsyncIOScheduler(
        timezone=timezone,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
    )

    async def purge() -> None:
        await asyncio.to_thread(purge_delivered, factory, keep=keep_delivered, now=clock())

    scheduler.add_job(purge, "cron", hour=3, minute=17, id=PURGE_JOB_ID, replace_existing=True)

    async def forget() -> None:
        await asyncio.to_thread(forget_old_questions, factory, keep=keep_questions, now=clock())

    scheduler.add_job(forget, "cron", hour=3, minute=29, id=FORGET_JOB_ID,
                      replace_existing=True)
    if reminders is not None:
        settings = reminders

        async def send_reminders() -> None:
            result = await _in_thread("reminder sweep", functools.partial(
                sweep, factory, now=clock(), templates=settings.templates,
                calendar=settings.calendar, policy=settings.policy, lease=settings.lease))
            if after_sweep is not None and result is not None and result.sent:
                after_sweep(result)

        scheduler.add_job(send_reminders, "interval", seconds=settings.every.total_seconds(),
                          id=SWEEP_JOB_ID, replace_existing=True, next_run_time=clock())
    if keep_forms is not None:
        forms_keep = keep_forms

        async def purge_forms() -> None:
            await _in_thread("form purge", functools.partial(
                purge_expired, factory, now=clock(), keep=forms_keep))

        scheduler.add_job(purge_forms, "interval", hours=1, id=FORMS_JOB_ID,
                          replace_existing=True)
    if cases is not None:
        case_settings = cases

        async def escalate() -> None:
            result = await _in_thread("case sweep", functools.partial(
                sweep_cases, factory, now=clock(), settings=case_settings.settings,
                policy=case_settings.policy, calendar=case_settings.calendar,
                lease=case_settings.lease))
            if after_cases is not None and result is not None and result.escalated:
                after_cases(result)

        scheduler.add_job(escalate, "interval", seconds=case_settings.every.total_seconds(),
                          id=CASES_JOB_ID, replace_existing=True, next_run_time=clock())
    return scheduler
