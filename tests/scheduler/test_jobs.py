"""Scheduled jobs: delivered messages are purged after the keep period, nothing else."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.models import Channel, OutboxMessage, OutboxStatus
from scheduler.jobs import PURGE_JOB_ID, build_scheduler, purge_delivered
from tests.factories import FIXED_NOW


def _row(key: str, status: OutboxStatus, sent_days_ago: int | None) -> OutboxMessage:
    sent_at = None if sent_days_ago is None else FIXED_NOW - timedelta(days=sent_days_ago)
    return OutboxMessage(idempotency_key=key, channel=Channel.EMAIL, address="a@b.example",
                         kind="t", payload={"text": key}, status=status, sent_at=sent_at,
                         next_attempt_at=FIXED_NOW, created_at=FIXED_NOW)


def test_purge_removes_only_old_delivered_messages(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        session.add_all([
            _row("old-sent", OutboxStatus.SENT, 31),
            _row("new-sent", OutboxStatus.SENT, 29),
            _row("old-dead", OutboxStatus.DEAD, None),
            _row("pending", OutboxStatus.PENDING, None),
        ])
    assert purge_delivered(factory, keep=timedelta(days=30), now=FIXED_NOW) == 1
    with factory() as session:
        keys = sorted(session.scalars(select(OutboxMessage.idempotency_key)))
    assert keys == ["new-sent", "old-dead", "pending"]


def test_the_scheduler_has_the_purge_job_with_a_generous_grace(
    factory: sessionmaker[Session],
) -> None:
    async def started() -> tuple[bool, int, int, str]:
        scheduler = build_scheduler(factory, keep_delivered=timedelta(days=30),
                                    timezone="Europe/London")
        scheduler.start()
        try:
            job = scheduler.get_job(PURGE_JOB_ID)
            assert job is not None
            return job.coalesce, job.misfire_grace_time, job.max_instances, str(job.trigger)
        finally:
            scheduler.shutdown(wait=False)

    assert asyncio.run(started()) == (True, 3600, 1, "cron[hour='3', minute='17']")
