"""Scheduled jobs: purging delivered messages and old words, the case sweep, form expiry."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from datetime import UTC, datetime, timedelta

from apscheduler.events import EVENT_JOB_MAX_INSTANCES
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.db import transaction
from bot.dispatch import FORMS_JOB_ID
from bot.models import (
    Case,
    CaseKind,
    Channel,
    FormSession,
    OrganisationKind,
    OutboxMessage,
    OutboxStatus,
    Person,
    Role,
)
from bot.outbox import PURGE_JOB_ID, purge_delivered
from bot.registry import Job
from bot.templates import make_templates
from handlers.ask.questions import FORGOTTEN_TEXT, forget_old_questions
from handlers.cases import SWEEP_JOB_ID as CASES_JOB_ID
from handlers.cases import service as cases
from scheduler.jobs import build_scheduler
from scheduler.rules import WorkingCalendar
from tests.factories import FIXED_NOW, make_organisation, make_person


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
    router = build_router(factory, Settings(), make_templates())

    async def started() -> tuple[bool, int, int, str]:
        scheduler = build_scheduler(router.jobs.values(), timezone="Europe/London",
                                    clock=lambda: FIXED_NOW)
        scheduler.start()
        try:
            job = scheduler.get_job(PURGE_JOB_ID)
            assert job is not None
            return job.coalesce, job.misfire_grace_time, job.max_instances, str(job.trigger)
        finally:
            scheduler.shutdown(wait=False)

    assert asyncio.run(started()) == (True, 3600, 1, "cron[hour='3', minute='17']")


def test_old_question_words_are_forgotten_but_outcomes_kept(
    factory: sessionmaker[Session],
) -> None:
    from bot.models import Question
    from tests.factories import make_provider

    person = make_provider(factory)
    with transaction(factory) as session:
        organisation = session.get_one(Person, person).organisation_id
        for days, text in ((400, "old question about P-1"), (10, "recent question")):
            session.add(Question(person_id=person, organisation_id=organisation,
                                 channel=Channel.CONSOLE, text=text, mode="abstain",
                                 asked_at=FIXED_NOW - timedelta(days=days)))
    assert forget_old_questions(factory, keep=timedelta(days=365), now=FIXED_NOW) == 1
    assert forget_old_questions(factory, keep=timedelta(days=365), now=FIXED_NOW) == 0
    with factory() as session:
        rows = session.execute(select(Question.text, Question.mode).order_by(Question.id)).all()
    assert [tuple(row) for row in rows] == [(FORGOTTEN_TEXT, "abstain"),
                                            ("recent question", "abstain")]


def test_the_case_sweep_job_escalates_what_is_due(factory: sessionmaker[Session]) -> None:
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    make_person(factory, email="dana@example.org", role=Role.ADMIN, organisation_id=council)
    policy, calendar = cases.SlaPolicy(), WorkingCalendar()
    with transaction(factory) as session:
        cases.open_case(session, cases.NewCase(
            kind=CaseKind.QUESTION, category="other", council_id=council,
            description="Who signs the contract variation?"), settings=Settings(),
            policy=policy, calendar=calendar, now=datetime(2026, 11, 23, 10, tzinfo=UTC),
            templates=make_templates())
    late = datetime(2026, 11, 25, 17, 1, tzinfo=UTC)  # acknowledge clock ran out at 17:00
    seen: list[int] = []

    with transaction(factory) as session:
        dana = session.scalars(select(Person)).one()
        session.add_all([
            FormSession(id=1, person_id=dana.id, form_id="feedback", values={},
                        started_at=late - timedelta(hours=30),
                        updated_at=late - timedelta(hours=25)),
        ])

    router = build_router(factory, Settings(), make_templates(), clock=lambda: late)

    async def run_jobs() -> None:
        scheduler = build_scheduler(router.jobs.values(), timezone="Europe/London",
                                    clock=lambda: late, on_queued=seen.append)
        job, forms_job = scheduler.get_job(CASES_JOB_ID), scheduler.get_job(FORMS_JOB_ID)
        assert job is not None
        assert forms_job is not None
        await job.func()
        await forms_job.func()

    asyncio.run(run_jobs())
    assert seen == [1]
    with factory() as session:
        assert session.scalars(select(Case.level)).one() == 1
        # The form left 25 hours ago is gone.
        assert session.scalar(select(FormSession.id)) is None


def test_a_run_skipped_while_the_last_is_still_going_says_nothing() -> None:
    """A busy machine makes a run outlast its interval: the next is skipped (the design), and
    no warning reaches a console user's screen (it once failed a console test under load)."""
    runs: list[datetime] = []
    finished = threading.Event()

    def slow(now: datetime) -> int:
        runs.append(now)
        time.sleep(0.4)
        finished.set()
        return 0

    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    keep = Keep(level=logging.WARNING)
    logging.getLogger("apscheduler").addHandler(keep)
    skipped: list[object] = []

    async def main() -> None:
        scheduler = build_scheduler([Job("test.slow", slow, every_seconds=0.1)],
                                    timezone="Europe/London",
                                    clock=lambda: datetime.now(UTC))
        scheduler.add_listener(skipped.append, EVENT_JOB_MAX_INSTANCES)
        scheduler.start()
        await asyncio.sleep(0.6)
        scheduler.shutdown(wait=False)

    try:
        asyncio.run(main())
    finally:
        logging.getLogger("apscheduler").removeHandler(keep)
    assert runs
    assert finished.wait(2)
    assert skipped, "the test needs a run to be skipped"
    assert [record.getMessage() for record in seen] == []
