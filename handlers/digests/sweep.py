"""The weekly digest sweep: exactly one digest per (person, ISO week), across processes.

Three steps, each safe to run in several processes at once:

1. plan: for each time zone people live in whose digest moment of the current (local) ISO week
   has come, less than ``CATCH_UP`` ago (``PLEDGEBOT_DIGEST_WEEKDAY`` at
   ``PLEDGEBOT_DIGEST_HOUR``, moved to the next working day after a bank holiday), one
   ``INSERT ... SELECT ... ON CONFLICT DO NOTHING`` writes a pending row per active person
   who has not turned the digest off; the unique (person, week) key keeps it one row however
   many sweepers insert it;
2. claim: a batch of pending rows (or rows whose claim outlived the lease), as the reminder
   sweep claims reminders (``scheduler/claims.py``);
3. deliver: in one transaction, gather the batch's content with a fixed number of queries,
   queue the non-empty digests in the outbox (idempotency key ``digest:PERSON:WEEK``), and
   mark the rows sent, or empty (never sent, never retried). With ``links`` (a secret key and
   a public address are set), each digest carries its person's one-click unsubscribe link.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from jinja2 import Environment
from sqlalchemy import and_, exists, literal, or_, select
from sqlalchemy.orm import Session, sessionmaker

from bot import outbox
from bot.db import dialect_insert, id_in, transaction
from bot.messages import Notification
from bot.models import Digest, DigestOptOut, DigestStatus, Person
from bot.values import frozen
from handlers.digests.content import (
    Reader,
    digest_day,
    gather,
    iso_week,
    render_digest,
    week_monday,
    zone_named,
    zone_of,
)
from handlers.digests.unsubscribe import UnsubscribeLinks
from scheduler.claims import Totals, claim_rows, finish_rows, run_batches
from scheduler.rules import WorkingCalendar

KIND = "digest.weekly"
# A sweep after downtime still sends the week's digests this long after their moment; later
# (a bot first started on a Thursday, say) the week is skipped: /digest still shows it.
CATCH_UP = timedelta(hours=48)


@frozen
class DigestSchedule:
    """When digests go: ISO weekday (1 = Monday) and local hour; the council's time zone."""

    weekday: int = 1
    hour: int = 8
    timezone: str = "Europe/London"

    def day_of(self, week: str, calendar: WorkingCalendar) -> date:
        """The day ``week``'s (``2026-W49``) digest goes: ``digest_day`` of that week."""
        return digest_day(week_monday(week), self.weekday, calendar)


@frozen
class DigestResult(Totals):
    """What one sweep did."""

    claimed: int = 0
    sent: int = 0
    empty: int = 0


def idempotency_key(person_id: int, week: str) -> str:
    """The outbox key of one person's digest of one week."""
    return f"digest:{person_id}:{week}"


def due_week(now: datetime, timezone: str, schedule: DigestSchedule,
             calendar: WorkingCalendar) -> str | None:
    """The ISO week whose digest is due at ``now`` for people in ``timezone``, or None before
    this week's digest moment there or more than ``CATCH_UP`` after it."""
    zone = zone_named(timezone)
    local = now.astimezone(zone)
    week = iso_week(local.date())
    day = schedule.day_of(week, calendar)
    moment = datetime.combine(day, time(schedule.hour), tzinfo=zone)
    return week if moment <= local < moment + CATCH_UP else None


def plan(factory: sessionmaker[Session], *, now: datetime, schedule: DigestSchedule,
         calendar: WorkingCalendar) -> int:
    """Write the pending digest rows now due; returns how many were new."""
    added = 0
    with transaction(factory) as session:
        zones = session.scalars(select(Person.timezone).where(Person.active).distinct()).all()
        due = {zone: week for zone in zones
               if (week := due_week(now, zone, schedule, calendar)) is not None}
        make_insert = dialect_insert(session)
        for zone, week in sorted(due.items()):
            chosen = (
                select(Person.id, literal(week), literal(DigestStatus.PENDING.value),
                       literal(now, Digest.created_at.type))
                .where(Person.active, Person.timezone == zone,
                       ~exists().where(DigestOptOut.person_id == Person.id),
                       ~exists().where(Digest.person_id == Person.id,
                                       Digest.iso_week == week))
                .order_by(Person.id))
            statement = (make_insert(Digest)
                         .from_select(["person_id", "iso_week", "status", "created_at"], chosen)
                         .on_conflict_do_nothing(index_elements=["person_id", "iso_week"])
                         .returning(Digest.id))
            added += len(session.execute(statement).all())
    return added


def claim_due(factory: sessionmaker[Session], *, now: datetime, lease: timedelta, batch: int,
              token: str) -> list[int]:
    """Claim up to ``batch`` pending digests (or ones whose claim outlived the lease)."""
    due = or_(Digest.status == DigestStatus.PENDING,
              and_(Digest.status == DigestStatus.CLAIMED, Digest.claimed_at < now - lease))
    return claim_rows(factory, Digest, due=due, order_by=(Digest.id,), batch=batch,
                      token=token, stamp=now, status=DigestStatus.CLAIMED)


def deliver_claimed(factory: sessionmaker[Session], ids: list[int], token: str, *,
                    now: datetime, templates: Environment, calendar: WorkingCalendar,
                    schedule: DigestSchedule, links: UnsubscribeLinks | None = None
                    ) -> DigestResult:
    """Gather, queue and mark one claimed batch, in one transaction."""
    with transaction(factory) as session:
        rows = session.execute(
            select(Digest.id, Digest.iso_week, Person)
            .join(Person, Person.id == Digest.person_id)
            .where(id_in(session, Digest.id, ids), Digest.claim_token == token,
                   Digest.status == DigestStatus.CLAIMED)
            .order_by(Digest.id)).all()
        readers = [Reader(person, week, now.astimezone(zone_of(person)).date())
                   for _id, week, person in rows]
        contents = gather(session, readers, now=now, calendar=calendar,
                          timezone=schedule.timezone)
        notifications, sent, empty = [], [], []
        for digest_id, week, person in rows:
            content = contents[person.id]
            if content.empty or not person.active:
                empty.append(digest_id)
                continue
            notifications.append(Notification(
                person_id=person.id, kind=KIND, text=render_digest(templates, content),
                idempotency_key=idempotency_key(person.id, week),
                unsubscribe=links.url(person.id, now=now) if links is not None else None))
            sent.append(digest_id)
        outbox.enqueue_many(session, notifications, now=now)
        finish_rows(session, Digest, sent, status=DigestStatus.SENT, sent_at=now)
        finish_rows(session, Digest, empty, status=DigestStatus.EMPTY, sent_at=None)
    return DigestResult(len(ids), len(sent), len(empty))


def sweep(factory: sessionmaker[Session], *, now: datetime, templates: Environment,
          calendar: WorkingCalendar, schedule: DigestSchedule,
          lease: timedelta = timedelta(minutes=5), batch: int = 1000,
          max_batches: int = 1000, links: UnsubscribeLinks | None = None) -> DigestResult:
    """Plan the digests due at ``now`` and send them; safe in several processes at once."""
    plan(factory, now=now, schedule=schedule, calendar=calendar)
    return run_batches(
        lambda token: claim_due(factory, now=now, lease=lease, batch=batch, token=token),
        lambda ids, token: deliver_claimed(factory, ids, token, now=now, templates=templates,
                                           calendar=calendar, schedule=schedule,
                                           links=links),
        DigestResult(), max_batches=max_batches)

