"""Scheduled jobs: plain functions with stable ids; APScheduler only triggers them.

The job store is in memory on purpose: the database rows are the truth, and APScheduler's own
FAQ says a job store must never be shared between processes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction, utcnow
from bot.models import OutboxMessage, OutboxStatus

PURGE_JOB_ID = "outbox.purge-delivered"


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


def build_scheduler(
    factory: sessionmaker[Session],
    *,
    keep_delivered: timedelta,
    timezone: str,
    clock: Callable[[], datetime] = utcnow,
) -> AsyncIOScheduler:
    """An AsyncIOScheduler with pledgebot's jobs; start it inside the running event loop."""
    scheduler = AsyncIOScheduler(
        timezone=timezone,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
    )

    async def purge() -> None:
        await asyncio.to_thread(purge_delivered, factory, keep=keep_delivered, now=clock())

    scheduler.add_job(purge, "cron", hour=3, minute=17, id=PURGE_JOB_ID, replace_existing=True)
    return scheduler
