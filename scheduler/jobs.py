"""APScheduler wiring of the periodic jobs the features registered; it only triggers them.

Each job is a plain function of the time (``bot.registry.Job``), owned and registered by the
feature whose rows it works on. The job store is in memory on purpose: the database rows are
the truth, and APScheduler's own FAQ says a job store must never be shared between processes.
A missed or doubled trigger (a restart, another process) neither loses nor repeats work.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.registry import Job

log = logging.getLogger(__name__)


async def run_job(job: Job, now: datetime) -> int | None:
    """Run one job in a worker thread; None if it failed or the app is shutting down.

    A failure (the database briefly away) is logged and the next run retries; on shutdown the
    thread finishes its transaction on its own and what it did not claim waits for the next
    run. Nothing is lost either way.
    """
    try:
        return await asyncio.to_thread(job.run, now)
    except asyncio.CancelledError:
        log.info("%s interrupted by shutdown", job.job_id)
    except Exception:
        log.exception("%s failed; the next run will retry", job.job_id)
    return None


def build_scheduler(
    jobs: Iterable[Job],
    *,
    timezone: str,
    clock: Callable[[], datetime],
    on_queued: Callable[[int], None] | None = None,
) -> AsyncIOScheduler:
    """An AsyncIOScheduler triggering ``jobs``; start it inside the running event loop.

    ``on_queued`` hears how many messages a job that ``queues_messages`` put in the outbox
    (the app wakes the outbox senders with it). Interval jobs run first at start, so a restart
    catches up at once; daily jobs run at their local time in ``timezone``.
    """
    # A run skipped because the previous one is still going, or coalesced after a pause, is
    # the design (max_instances=1, coalesce), not a problem: APScheduler would say so at
    # WARNING, on a console user's screen (the executor for a missed run, the scheduler itself
    # for a skipped one, which a busy machine causes). Real failures are logged by ``run_job``.
    logging.getLogger("apscheduler.executors.default").setLevel(logging.ERROR)
    scheduler_log = logging.getLogger("apscheduler.scheduler")
    if not any(isinstance(f, _SkippedRunFilter) for f in scheduler_log.filters):
        scheduler_log.addFilter(_SkippedRunFilter())
    scheduler = AsyncIOScheduler(
        timezone=timezone,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
    )
    for job in jobs:
        trigger = _runner(job, clock, on_queued)
        if job.daily_at is not None:
            hour, minute = job.daily_at
            scheduler.add_job(trigger, "cron", hour=hour, minute=minute, id=job.job_id,
                              replace_existing=True)
        else:
            scheduler.add_job(trigger, "interval", seconds=job.every_seconds, id=job.job_id,
                              replace_existing=True, next_run_time=clock())
    return scheduler


class _SkippedRunFilter(logging.Filter):
    """Drops APScheduler's warning that a run was skipped because the last is still going."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str)
                    and "maximum number of running instances reached" in record.msg)


def _runner(job: Job, clock: Callable[[], datetime],
            on_queued: Callable[[int], None] | None) -> Callable[[], object]:
    async def trigger() -> None:
        count = await run_job(job, clock())
        if job.queues_messages and count and on_queued is not None:
            on_queued(count)
    return trigger
