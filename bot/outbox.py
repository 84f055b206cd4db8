"""The durable outbound queue: every message to a person who did not just write goes through it.

A notification is enqueued in the same transaction as the change that causes it. A sender loop
per channel claims due rows atomically (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; on SQLite the
single ``UPDATE ... WHERE status = 'pending' RETURNING`` under the database's write lock), delivers
them with a per-channel rate limit, to several recipients at once but one message at a time to
each, and marks them sent in batches. Failures are retried with exponential
backoff and jitter; after ``max_attempts`` a row is dead-lettered until an admin retries it.
A claim carries a lease: rows claimed by a sender that crashed are claimed again once the
lease expires.
A message about a deadline or a case that holds only while it stays so (a reminder of an
unpaid invoice, an escalation of an unacknowledged case) is withdrawn instead of claimed once
it no longer holds: the claim's own query checks it, so whatever closed the deadline or moved
the case on, by whichever path, the message is never sent (``withdrawn``, with the reason).
A person who snoozes a deadline has their waiting reminders of it withdrawn at once, in the
snooze's transaction (``withdraw_about_deadline``), by the same withdrawal.
The idempotency key is unique, so the same notification is never queued twice, and it travels
with the delivery so a channel can pass it on (e-mail Message-ID, Slack metadata) for the
receiving side to recognise a repeat after a crash between sending and marking.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import random
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, and_, delete, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot import audit
from bot.db import (
    dialect_of,
    execute_dml,
    id_in,
    id_in_parameter,
    insert_ignoring_duplicates,
    transaction,
    utcnow,
)
from bot.errors import DeliveryError, PermanentDeliveryError, RateLimited
from bot.messages import Delivery, Notification
from bot.models import (
    CASE_CLOSED,
    Case,
    CaseCondition,
    CaseStatus,
    Channel,
    ChannelIdentity,
    Deadline,
    DeadlineStatus,
    OutboxMessage,
    OutboxStatus,
    Person,
)
from bot.values import frozen

log = logging.getLogger(__name__)

MAX_ERROR_CHARS = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class OutboxPolicy:
    """How hard the outbox tries: attempts, lease, backoff, batch size and how many deliveries
    a sender has under way at once (``max_in_flight``, never two to one recipient)."""

    max_attempts: int = 8
    lease: timedelta = timedelta(seconds=120)
    backoff_base: float = 2.0
    backoff_cap: float = 3600.0
    batch_size: int = 50
    max_in_flight: int = 64

    def backoff(self, attempts: int, rng: random.Random | None = None) -> timedelta:
        """Exponential backoff with jitter: half to all of base * 2^(attempts-1), capped."""
        ceiling = min(self.backoff_cap, self.backoff_base * (2 ** max(attempts - 1, 0)))
        jitter = (rng or random).uniform(0.5, 1.0)
        return timedelta(seconds=ceiling * jitter)


class OutboxEvents:
    """What an outbox sender tells an observer (``bot.web.Metrics`` counts it); does nothing.

    The runtime core cannot import the metrics library, so the web app's metrics subclass this.
    """

    def delivered(self, channel: Channel, seconds: float) -> None:
        """One message was accepted by the platform after ``seconds`` in ``deliver``."""

    def retried(self, channel: Channel) -> None:
        """One failed delivery was scheduled to be tried again."""

    def rate_limited(self, channel: Channel, source: str) -> None:
        """The sender waited: for its own rate limit (``local``) or the platform's."""

    def dead_lettered(self, channel: Channel, reason: str) -> None:
        """One message was dead-lettered (``permanent``, ``attempts`` or ``unreachable``)."""


NO_EVENTS = OutboxEvents()


def enqueue(session: Session, notification: Notification, *, now: datetime | None = None) -> bool:
    """Queue a notification in the caller's transaction; False if its key was already queued.

    The channel is the notification's own, else the person's preferred channel, else e-mail
    (everyone has an e-mail address), so a message is never left without a way out.
    """
    return enqueue_many(session, [notification], now=now) == 1


def _addresses(session: Session, person_ids: Sequence[int]) -> dict[tuple[int, Channel], str]:
    """Each person's address on each channel: verified ones, and among those the oldest."""
    addresses: dict[tuple[int, Channel], str] = {}
    for identity in session.scalars(
        select(ChannelIdentity).where(id_in(session, ChannelIdentity.person_id, person_ids))
        .order_by(ChannelIdentity.verified, ChannelIdentity.id.desc())
    ):
        addresses[(identity.person_id, identity.channel)] = identity.address  # later rows win
    return addresses


@functools.cache
def _recipients_query(dialect: str) -> Select[int, Channel, str, Channel, str]:
    """Each person of the bound ``ids`` (a list): their id, preferred channel and e-mail, once
    per identity they have (channel and address; None for both when they have none), verified
    ones last and among those the oldest last, as ``_addresses`` reads them. Built once per
    kind of database: the one query ``enqueue_many`` makes before its insert."""
    return (select(Person.id, Person.preferred_channel, Person.email, ChannelIdentity.channel,
                   ChannelIdentity.address)
            .outerjoin(ChannelIdentity, ChannelIdentity.person_id == Person.id)
            .where(id_in_parameter(dialect, Person.id, "ids"))
            .order_by(ChannelIdentity.verified, ChannelIdentity.id.desc()))


def _route(person_id: int, preferred: Channel, email: str, channel: Channel | None,
           addresses: dict[tuple[int, Channel], str]) -> tuple[Channel, str]:
    """Where a message to the person ``person_id`` goes: ``channel``, else their ``preferred``
    one, else e-mail (everyone has an e-mail address)."""
    channel = channel or preferred
    address = addresses.get((person_id, channel))
    if address is None:
        return Channel.EMAIL, addresses.get((person_id, Channel.EMAIL), email)
    return channel, address


def readdress(session: Session, messages: Sequence[OutboxMessage], person: Person) -> None:
    """Send waiting ``messages`` to ``person`` instead (on their preferred channel, else
    e-mail), keeping their words and keys (someone has left and ``person`` took over)."""
    addresses = _addresses(session, [person.id])
    for message in messages:
        message.person_id = person.id
        message.channel, message.address = _route(person.id, person.preferred_channel,
                                                  person.email, None, addresses)


def enqueue_many(
    session: Session, notifications: Sequence[Notification], *, now: datetime | None = None
) -> int:
    """Queue many notifications in the caller's transaction with one multi-row insert.

    Same rules as :func:`enqueue` (the notification's channel, else the person's preferred
    one, else e-mail); keys already queued are skipped. Returns how many were new.
    """
    if not notifications:
        return 0
    now = now or utcnow()
    person_ids = sorted({n.person_id for n in notifications})
    # The people and their addresses in one query: (preferred channel, e-mail) by id.
    people: dict[int, tuple[Channel, str]] = {}
    addresses: dict[tuple[int, Channel], str] = {}
    for person_id, preferred, email, channel, address in session.execute(
            _recipients_query(dialect_of(session)), {"ids": person_ids}):
        people[person_id] = (preferred, email)
        if channel is not None and address is not None:
            addresses[(person_id, channel)] = address  # later rows win
    # The links to a deadline or a case only when some message has one: every row of one
    # multi-row insert names the same columns, and most batches (answers, digests) have none.
    linked = any(n.deadline_id is not None or n.case_id is not None for n in notifications)
    rows = []
    for notification in notifications:
        found = people.get(notification.person_id)
        if found is None:
            raise ValueError(f"no person {notification.person_id}")
        channel, address = _route(notification.person_id, *found, notification.channel,
                                  addresses)
        rows.append({
            "idempotency_key": notification.idempotency_key,
            "person_id": notification.person_id,
            "channel": channel, "address": address, "kind": notification.kind,
            "urgent": notification.urgent, "payload": notification.payload(),
            "status": OutboxStatus.PENDING, "attempts": 0, "next_attempt_at": now,
            "created_at": now,
        })
        if linked:
            rows[-1].update(deadline_id=notification.deadline_id, case_id=notification.case_id,
                            case_condition=notification.case_condition)
    return insert_ignoring_duplicates(session, OutboxMessage.__table__, rows,
                                      key="idempotency_key")


def _lease_run_out(now: datetime, lease: timedelta) -> ColumnElement[bool]:
    """A row claimed by a sender whose ``lease`` on it has run out (a crashed sender's)."""
    return and_(OutboxMessage.status == OutboxStatus.SENDING,
                OutboxMessage.claimed_at < now - lease)


def _due(now: datetime, lease: timedelta) -> ColumnElement[bool]:
    return or_(
        and_(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.next_attempt_at <= now),
        _lease_run_out(now, lease),
    )




def _case_moved_on() -> ColumnElement[bool]:
    """The case a message is about no longer is as the message needs it to be."""
    condition = OutboxMessage.case_condition
    return or_(
        Case.status.in_(CASE_CLOSED),
        and_(condition == CaseCondition.UNACKNOWLEDGED, Case.status != CaseStatus.OPEN),
        and_(condition == CaseCondition.PROPOSAL_WAITING,
             Case.status != CaseStatus.RESOLUTION_PROPOSED))


def _stale() -> ColumnElement[bool]:
    """A message about a deadline that has been closed, or about a case that has moved on
    (``Notification.deadline_id``, ``case_id``): it is not to be sent any more."""
    # Correlated on the outbox row only: the withdrawal's query joins Deadline and Case too.
    return or_(
        select(Deadline.id).where(Deadline.id == OutboxMessage.deadline_id,
                                  Deadline.status != DeadlineStatus.OPEN)
        .correlate_except(Deadline).exists(),
        select(Case.id).where(Case.id == OutboxMessage.case_id, _case_moved_on())
        .correlate_except(Case).exists())


def never_delivered(session: Session, keys: Collection[str]) -> set[str]:
    """Of the messages with these idempotency keys, those that have not reached their person
    and never will as things stand: withdrawn, dead-lettered (until an admin retries it), or
    waiting but no longer to be sent (the sender's next claim withdraws it). A key not found
    is not among them: its message was sent (and purged), since a withdrawn message about a
    case is kept while the case is open (``purge_delivered``)."""
    if not keys:
        return set()
    return set(session.scalars(select(OutboxMessage.idempotency_key).where(
        OutboxMessage.idempotency_key.in_(sorted(keys)),
        or_(OutboxMessage.status.in_((OutboxStatus.WITHDRAWN, OutboxStatus.DEAD)),
            and_(OutboxMessage.status == OutboxStatus.PENDING, _stale())))))


_CASE_WORDS = {CaseStatus.RESOLVED: "resolved", CaseStatus.WITHDRAWN: "withdrawn by the provider"}
_DEADLINE_WORDS = {DeadlineStatus.DONE: "done",
                   DeadlineStatus.NOT_APPLICABLE: "marked not applicable"}


def _withdrawal_reason(deadline: Deadline | None, case: Case | None,
                       condition: CaseCondition | None) -> str:
    """Why a message was withdrawn, for ``outbox list``."""
    if deadline is not None and deadline.status != DeadlineStatus.OPEN:
        return (f"not sent: its deadline ({deadline.rule}, {deadline.reference}) was closed "
                f"as {_DEADLINE_WORDS.get(deadline.status, deadline.status.value)} before it "
                "could be sent")
    assert case is not None  # noqa: S101 - only stale rows come here
    if case.status in _CASE_WORDS:
        what = _CASE_WORDS[case.status]
    elif condition == CaseCondition.UNACKNOWLEDGED:
        what = "acknowledged"
    else:
        what = "answered (its proposed resolution no longer waits)"
    return f"not sent: case {case.reference} was {what} before it could be sent"


def _withdraw(session: Session, found: Sequence[tuple[int, OutboxStatus, Channel, str]], *,
              now: datetime, lease: timedelta) -> list[int]:
    """Withdraw each ``(id, status it was read with, channel, reason)`` of ``found`` that is
    still in that status (a sender that took it meanwhile keeps it; one sending, only while
    its sender's ``lease`` is still run out); the ids withdrawn."""
    withdrawn = []
    for outbox_id, status, channel, reason in found:
        result = execute_dml(session, update(OutboxMessage).where(
            OutboxMessage.id == outbox_id,
            _lease_run_out(now, lease) if status == OutboxStatus.SENDING
            else OutboxMessage.status == status)
            .values(status=OutboxStatus.WITHDRAWN, last_error=reason, claim_token=None,
                    claimed_at=None)
            .execution_options(synchronize_session=False))
        if result.rowcount:
            withdrawn.append(outbox_id)
            log.info("outbox %s withdrawn: %s", outbox_id, reason,
                     extra={"outbox_id": outbox_id, "channel": Channel(channel).value})
    if withdrawn:
        audit.record(session, "outbox.withdrawn", at=now, ids=withdrawn)
    return withdrawn


def _withdraw_stale(session: Session, channel: Channel, *, now: datetime, lease: timedelta,
                    address: str | None) -> list[int]:
    """Withdraw this channel's waiting messages that are no longer to be sent (pending, or
    claimed by a sender whose lease ran out), each with its reason; their ids. Only those the
    claim could take now (``_due``) and that name a deadline or a case are read: one not yet
    due is withdrawn when it falls due, and the claim never takes a stale one anyway."""
    linked = or_(OutboxMessage.deadline_id.is_not(None), OutboxMessage.case_id.is_not(None))
    query = (select(OutboxMessage.id, OutboxMessage.status, OutboxMessage.case_condition,
                    Deadline, Case)
             .outerjoin(Deadline, Deadline.id == OutboxMessage.deadline_id)
             .outerjoin(Case, Case.id == OutboxMessage.case_id)
             .where(OutboxMessage.channel == channel, _due(now, lease), linked, _stale())
             .order_by(OutboxMessage.id)
             .with_for_update(skip_locked=True, of=OutboxMessage))
    if address is not None:
        query = query.where(OutboxMessage.address == address)
    return _withdraw(session, [
        (outbox_id, status, channel, _withdrawal_reason(deadline, case, condition))
        for outbox_id, status, condition, deadline, case in session.execute(query).all()],
        now=now, lease=lease)


def withdraw_about_deadline(session: Session, *, deadline_id: int, person_id: int, reason: str,
                            now: datetime, lease: timedelta,
                            sparing: Collection[str] = ()) -> list[int]:
    """Withdraw, in the caller's transaction, the messages about a deadline that wait for one
    person and have not gone (queued, back for a retry, dead-lettered, which an admin's retry
    would send, or claimed by a sender whose ``lease`` ran out, which the next claim takes
    again), but those whose idempotency keys are in ``sparing``; their ids. ``lease`` is the
    senders' (``OutboxPolicy.lease``, ``outbox_lease_seconds``): a row claimed for less is
    held by a live sender.

    For what the person has just put off (a snooze): ``reason`` is said in ``outbox list``.
    A message a live sender holds is under way and goes; one sent stays as it was (session
    28's review: a row left sending by a crashed sender was still delivered after a snooze).
    """
    query = (select(OutboxMessage.id, OutboxMessage.status, OutboxMessage.channel)
             .where(OutboxMessage.deadline_id == deadline_id,
                    OutboxMessage.person_id == person_id,
                    or_(OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.DEAD)),
                        _lease_run_out(now, lease)))
             .order_by(OutboxMessage.id))
    if sparing:
        query = query.where(OutboxMessage.idempotency_key.not_in(sorted(sparing)))
    return _withdraw(session, [(outbox_id, status, channel, reason)
                               for outbox_id, status, channel in session.execute(query).all()],
                     now=now, lease=lease)


def _same_thread(key: str) -> str:
    """What of an idempotency key says which line of messages it belongs to: a cover's copy
    (``...:cover:ID``) is one line, the person's own reminders another; an escalation
    (``...:escalation...``) is a line of its own in either (session 37's review: a cover
    for both a commissioner and their escalation contact had the escalation's copy withdrawn
    by the commissioner's next chase, which does not say it was escalated)."""
    head, cut, cover = key.partition(":cover:")
    line = "escalation" if ":escalation" in head else "reminder"
    return f"{line}:cover:{cover}" if cut else f"{line}:own"


def withdraw_superseded(session: Session, newer: Sequence[Notification], *,
                        now: datetime) -> list[int]:
    """Withdraw, in the caller's transaction, the waiting messages that ``newer`` replace:
    for each of its notifications about a deadline, the older ones of the same kind about the
    same deadline to the same person (and, for a cover's copy, for the same colleague) that
    wait (queued, back for a retry, or dead-lettered, which an admin's retry would send);
    their ids, each withdrawn as "superseded" (``outbox list`` says so).

    So a person away from their channel for weeks gets one up-to-date reminder, not every
    one queued meanwhile (session 37's trial). A message a sender holds (``sending``) is left
    to it: it may be under way; a row locked by another transaction is skipped, never waited
    for. Nothing is lost: the newest always goes.
    """
    wanted: dict[tuple[int | None, int | None, str, str], str] = {
        (n.deadline_id, n.person_id, n.kind, _same_thread(n.idempotency_key)): n.idempotency_key
        for n in newer if n.deadline_id is not None}
    if not wanted:
        return []
    found = session.execute(
        select(OutboxMessage.id, OutboxMessage.status, OutboxMessage.channel,
               OutboxMessage.deadline_id, OutboxMessage.person_id, OutboxMessage.kind,
               OutboxMessage.idempotency_key)
        .where(id_in(session, cast("ColumnElement[int]", OutboxMessage.deadline_id),
                     sorted({deadline_id for deadline_id, *_rest in wanted
                             if deadline_id is not None})),
               OutboxMessage.idempotency_key.not_in(sorted(wanted.values())),
               OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.DEAD)))
        .order_by(OutboxMessage.id)
        .with_for_update(skip_locked=True)).all()
    return _withdraw(session, [
        (outbox_id, status, channel,
         f"superseded by a newer message of the same deadline, which goes instead ({replaced})")
        for outbox_id, status, channel, deadline_id, person_id, kind, key in found
        if (replaced := wanted.get((deadline_id, person_id, kind, _same_thread(key))))
        is not None], now=now, lease=timedelta(0))


def claim(
    factory: sessionmaker[Session],
    channel: Channel,
    *,
    policy: OutboxPolicy,
    now: datetime | None = None,
    token: str | None = None,
    address: str | None = None,
    limit: int | None = None,
    exclude: Collection[int] = (),
) -> list[Delivery]:
    """Claim up to ``policy.batch_size`` due rows of one channel for this sender, atomically.

    ``address`` restricts the claim to one recipient (a console talks for one person only);
    ``exclude`` are rows this sender still holds (so it never takes its own row twice, even
    when its lease on it has run out while the row waited its turn).
    """
    now = now or utcnow()
    token = token or uuid.uuid4().hex
    # Never claimed once stale (checked again in the UPDATE: a deadline closed between the
    # withdrawal and the claim leaves its message pending, withdrawn by the next claim).
    due = and_(_due(now, policy.lease), ~_stale())
    if address is not None:
        due = and_(due, OutboxMessage.address == address)
    if exclude:
        due = and_(due, OutboxMessage.id.not_in(sorted(exclude)))
    candidates = (
        select(OutboxMessage.id)
        .where(OutboxMessage.channel == channel, due)
        .order_by(OutboxMessage.urgent.desc(), OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit or policy.batch_size)
        .with_for_update(skip_locked=True)
        # Picked once: as a plain subquery, PostgreSQL may scan it again for the rows it has
        # just updated (no longer due), skip them and pick more, so a claim with LIMIT 2 took 3.
        .cte("picked").prefix_with("MATERIALIZED", dialect="postgresql")
    )
    statement = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(select(candidates.c.id)), due)
        .values(
            status=OutboxStatus.SENDING,
            claimed_at=now,
            claim_token=token,
            attempts=OutboxMessage.attempts + 1,
        )
        .returning(
            OutboxMessage.id,
            OutboxMessage.idempotency_key,
            OutboxMessage.channel,
            OutboxMessage.address,
            OutboxMessage.kind,
            OutboxMessage.urgent,
            OutboxMessage.attempts,
            OutboxMessage.payload,
            OutboxMessage.claim_token,
        )
        .execution_options(synchronize_session=False)
    )
    with transaction(factory) as session:
        _withdraw_stale(session, channel, now=now, lease=policy.lease, address=address)
        rows = session.execute(statement).all()
    deliveries = [_delivery(row) for row in rows if row.claim_token == token]
    deliveries.sort(key=lambda d: (not d.urgent, d.outbox_id))
    return deliveries


def peek_waiting(factory: sessionmaker[Session], channel: Channel, after_id: int, *,
                 except_address: str) -> list[Delivery]:
    """Messages waiting for others on ``channel`` queued after ``after_id``, read only.

    For the console demo's view of what colleagues receive: nothing is claimed or marked, so
    each person still gets their own messages at their own console.
    """
    with factory() as session:
        rows = session.execute(
            select(OutboxMessage).where(
                OutboxMessage.channel == channel, OutboxMessage.id > after_id,
                OutboxMessage.address != except_address,
                OutboxMessage.status == OutboxStatus.PENDING, ~_stale())
            .order_by(OutboxMessage.urgent.desc(), OutboxMessage.id)
        ).scalars().all()
        return [_delivery(row) for row in rows]


def latest_id(factory: sessionmaker[Session]) -> int:
    """The newest outbox message's id (0 for none): where a console demo's view starts."""
    with factory() as session:
        return int(session.scalar(select(func.max(OutboxMessage.id))) or 0)


def _delivery(row: Any) -> Delivery:
    """A Delivery from an outbox row (an ORM object or a RETURNING row: the same names)."""
    return Delivery.from_payload(
        payload=row.payload, outbox_id=row.id, idempotency_key=row.idempotency_key,
        channel=Channel(row.channel), address=row.address, kind=row.kind, urgent=row.urgent,
        attempt=row.attempts)


def _still_ours(delivery: Delivery, token: str) -> ColumnElement[bool]:
    """The claimed row of ``delivery``, only while this sender's claim on it holds."""
    return and_(OutboxMessage.id == delivery.outbox_id, OutboxMessage.claim_token == token,
                OutboxMessage.status == OutboxStatus.SENDING)


def mark_sent(
    factory: sessionmaker[Session], delivery: Delivery, token: str, *, now: datetime | None = None
) -> bool:
    """Record a delivery; False when our lease had expired and another sender took the row."""
    with transaction(factory) as session:
        result = execute_dml(
            session,
            update(OutboxMessage)
            .where(_still_ours(delivery, token))
            .values(status=OutboxStatus.SENT, sent_at=now or utcnow(), claim_token=None)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)


def mark_sent_many(
    factory: sessionmaker[Session], claimed: Sequence[tuple[Delivery, str]], *,
    now: datetime | None = None,
) -> set[int]:
    """Record several deliveries (each with its claim token) in one transaction; returns the
    outbox ids marked, leaving out any whose lease had expired and another sender took."""
    if not claimed:
        return set()
    now = now or utcnow()
    by_token: dict[str, list[int]] = defaultdict(list)
    for delivery, token in claimed:
        by_token[token].append(delivery.outbox_id)
    marked: set[int] = set()
    with transaction(factory) as session:
        for token, ids in by_token.items():
            marked.update(session.scalars(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids), OutboxMessage.claim_token == token,
                       OutboxMessage.status == OutboxStatus.SENDING)
                .values(status=OutboxStatus.SENT, sent_at=now, claim_token=None)
                .returning(OutboxMessage.id)
                .execution_options(synchronize_session=False)
            ).all())
    return marked


def mark_failed(
    factory: sessionmaker[Session],
    delivery: Delivery,
    token: str,
    error: Exception,
    *,
    policy: OutboxPolicy,
    now: datetime | None = None,
) -> OutboxStatus | None:
    """Schedule a retry after a failed delivery, or dead-letter it; None if the claim was lost."""
    now = now or utcnow()
    message = f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS]
    attempts = delivery.attempt
    if isinstance(error, RateLimited):
        # Being told to slow down is not the message's fault: it does not use up an attempt.
        attempts -= 1
        next_at = now + timedelta(seconds=max(error.retry_after, 0.0))
    else:
        next_at = now + policy.backoff(attempts)
    dead = isinstance(error, PermanentDeliveryError) or attempts >= policy.max_attempts
    status = OutboxStatus.DEAD if dead else OutboxStatus.PENDING
    with transaction(factory) as session:
        result = execute_dml(
            session,
            update(OutboxMessage)
            .where(_still_ours(delivery, token))
            .values(status=status, attempts=attempts, next_attempt_at=next_at,
                    claim_token=None, claimed_at=None, last_error=message)
            .execution_options(synchronize_session=False)
        )
        if not result.rowcount:
            return None
        if dead:
            audit.record(
                session, "outbox.dead", subject=f"outbox:{delivery.outbox_id}", at=now,
                error=message, attempts=attempts,
            )
    return status


def release(factory: sessionmaker[Session], deliveries: Sequence[Delivery], token: str) -> int:
    """Give back claimed rows this sender will not get to, without using up an attempt."""
    if not deliveries:
        return 0
    with transaction(factory) as session:
        result = execute_dml(
            session,
            update(OutboxMessage)
            .where(OutboxMessage.id.in_([d.outbox_id for d in deliveries]),
                   OutboxMessage.claim_token == token,
                   OutboxMessage.status == OutboxStatus.SENDING)
            .values(status=OutboxStatus.PENDING, attempts=OutboxMessage.attempts - 1,
                    claim_token=None, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)


@frozen
class Rerouted:
    """What one pass of :func:`reroute_unreachable` did: moved and dead-lettered rows."""

    moved: list[tuple[int, Channel, Channel]]
    dead: list[tuple[int, Channel, str]]


UNREACHABLE = "unreachable"


def reroute_unreachable(
    factory: sessionmaker[Session], reachable: Sequence[Channel], *,
    now: datetime | None = None, limit: int = 500,
) -> Rerouted:
    """Move pending messages for channels nobody serves to one the person has, or dead-letter.

    ``reachable`` are the channels this process delivers on, in the order to fall back to
    (e-mail first when it is one of them). A pending row on any other channel goes to the
    first reachable channel the person has an identity on (for e-mail, their e-mail address
    will do); a person with none is dead-lettered at once with the reason, so no message
    waits silently for a channel that never comes. Each update re-checks the row is still
    pending on the old channel, so several processes may run this at once.
    """
    now = now or utcnow()
    order = sorted(reachable, key=lambda channel: channel != Channel.EMAIL)
    moved: list[tuple[int, Channel, Channel]] = []
    dead: list[tuple[int, Channel, str]] = []
    with transaction(factory) as session:
        rows = session.execute(
            select(OutboxMessage.id, OutboxMessage.channel, OutboxMessage.person_id)
            .where(OutboxMessage.status == OutboxStatus.PENDING,
                   OutboxMessage.channel.not_in(order))
            .order_by(OutboxMessage.id).limit(limit)
        ).all()
        if not rows:
            return Rerouted([], [])
        person_ids = sorted({row.person_id for row in rows if row.person_id is not None})
        addresses = reachable_addresses(session, person_ids, order)
        for outbox_id, channel, person_id in rows:
            found = addresses.get(person_id, []) if person_id is not None else []
            if found:
                target, address = found[0]
                values: dict[str, Any] = {"channel": target, "address": address}
                moved.append((outbox_id, Channel(channel), target))
            else:
                reason = unreachable_reason(Channel(channel), order)
                values = {"status": OutboxStatus.DEAD, "last_error": reason}
                dead.append((outbox_id, Channel(channel), reason))
            execute_dml(session, update(OutboxMessage).where(
                OutboxMessage.id == outbox_id, OutboxMessage.channel == channel,
                OutboxMessage.status == OutboxStatus.PENDING).values(**values)
                .execution_options(synchronize_session=False))
            if "status" in values:
                audit.record(session, "outbox.dead", subject=f"outbox:{outbox_id}", at=now,
                             error=values["last_error"], attempts=0)
    return Rerouted(moved, dead)


def unreachable_reason(channel: Channel, reachable: Sequence[Channel]) -> str:
    """Why a message on ``channel`` cannot go anywhere, for ``outbox list`` and the log."""
    served = ", ".join(c.value for c in reachable) or "none"
    return (f"{UNREACHABLE}: the {channel.value} channel is not configured and the person has "
            f"no identity on a configured channel (configured: {served})")


def reachable_addresses(session: Session, person_ids: Sequence[int],
                        order: Sequence[Channel]) -> dict[int, list[tuple[Channel, str]]]:
    """Per person, the (channel, address) pairs they can be reached on, in ``order``; a person
    reachable on none is missing. E-mail needs no identity: the person's address will do."""
    if not person_ids or not order:
        return {}
    found: dict[int, dict[Channel, str]] = {}
    for person_id, email in session.execute(
            select(Person.id, Person.email).where(id_in(session, Person.id, person_ids))):
        if Channel.EMAIL in order:
            found.setdefault(person_id, {})[Channel.EMAIL] = email
    for identity in session.scalars(
        select(ChannelIdentity).where(id_in(session, ChannelIdentity.person_id, person_ids),
                                      ChannelIdentity.channel.in_(order))
        .order_by(ChannelIdentity.verified, ChannelIdentity.id.desc())
    ):
        # As in enqueue_many: verified identities win, and among those the oldest.
        found.setdefault(identity.person_id, {})[identity.channel] = identity.address
    return {person_id: [(c, by_channel[c]) for c in order if c in by_channel]
            for person_id, by_channel in found.items()}


def list_messages(
    factory: sessionmaker[Session], *, status: OutboxStatus | None = None, limit: int = 100
) -> Sequence[OutboxMessage]:
    """The newest outbox rows, optionally of one status (for ``pledgebot outbox list``)."""
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if status is not None:
        query = query.where(OutboxMessage.status == status)
    with factory() as session:
        return session.scalars(query).all()


def counts(factory: sessionmaker[Session]) -> dict[str, int]:
    """How many outbox rows are in each status."""
    with factory() as session:
        rows = session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        ).all()
    return {str(OutboxStatus(status).value): count for status, count in rows}


def retry(
    factory: sessionmaker[Session],
    ids: Sequence[int] = (),
    *,
    all_dead: bool = False,
    actor_id: int | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Put dead-lettered rows back in the queue with fresh attempts; returns the ids retried."""
    now = now or utcnow()
    condition = OutboxMessage.status == OutboxStatus.DEAD
    if not all_dead:
        condition = and_(condition, OutboxMessage.id.in_(list(ids)))
    with transaction(factory) as session:
        retried = list(
            session.scalars(
                update(OutboxMessage)
                .where(condition)
                .values(status=OutboxStatus.PENDING, attempts=0, next_attempt_at=now)
                .returning(OutboxMessage.id)
                .execution_options(synchronize_session=False)
            ).all()
        )
        if retried:
            audit.record(session, "outbox.retry", actor_id=actor_id, at=now, ids=sorted(retried))
    return sorted(retried)


class RateLimiter:
    """A token bucket: at most ``rate`` sends a second, with bursts of up to ``burst``."""

    def __init__(self, rate: float, burst: float | None = None) -> None:
        """Start full."""
        self.rate = rate
        self.capacity = burst if burst is not None else max(1.0, rate)
        self.tokens = self.capacity
        self.updated = time.monotonic()

    def must_wait(self) -> bool:
        """Whether the next ``acquire`` will have to wait."""
        elapsed = time.monotonic() - self.updated
        return min(self.capacity, self.tokens + elapsed * self.rate) < 1

    async def acquire(self) -> None:
        """Wait until one send is allowed.

        The token is taken at once, into debt if need be, and the caller waits until the debt
        is paid: callers waiting together are served in the order they came (with a retry
        loop, some would lose every race and wait far longer than the rate asks).
        """
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate) - 1
        self.updated = now
        if self.tokens < 0:
            await asyncio.sleep(-self.tokens / self.rate)


Deliver = Callable[[Delivery], Awaitable[None]]


@dataclass(slots=True)
class _Held:
    """A claimed message this sender has not finished with, and the claim it came in."""

    delivery: Delivery
    token: str
    claimed: float  # time.monotonic() of the claim
    seconds: float = 0.0  # time spent in ``deliver``, once delivered


class OutboxSender:
    """The sender loop of one channel: claim, deliver at the channel's rate, mark.

    Deliveries to different recipients run at once (at most ``policy.max_in_flight``), so a
    platform that paces each conversation (Slack: about one message a second) keeps them all
    busy; messages to one recipient go one after another, in the order claimed. Delivered
    messages are marked sent in batches: whatever has been delivered while the previous mark
    was being written goes in the next transaction.
    """

    def __init__(
        self,
        factory: sessionmaker[Session],
        channel: Channel,
        deliver: Deliver,
        *,
        policy: OutboxPolicy,
        rate_per_second: float,
        poll_seconds: float = 1.0,
        clock: Callable[[], datetime] = utcnow,
        address: str | None = None,
        events: OutboxEvents = NO_EVENTS,
    ) -> None:
        """Wire one channel's delivery function to the outbox (one address, if given)."""
        self.events = events
        self.address = address
        # Never hold more than can be sent in half the lease at this rate, so a slow
        # platform cannot let a claim expire while its messages are still waiting.
        self.batch_size = max(1, min(policy.batch_size,
                                     int(rate_per_second * policy.lease.total_seconds() / 2)))
        self.max_in_flight = max(1, policy.max_in_flight)
        self.factory = factory
        self.channel = channel
        self.deliver = deliver
        self.policy = policy
        # Evenly spread, no bursts: with many recipients under way at once, a burst would put
        # them all on the platform in the same instant and slow every answer.
        self.limiter = RateLimiter(rate_per_second, burst=1.0)
        self.poll_seconds = poll_seconds
        self.clock = clock
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Look for work now instead of at the next poll."""
        self._wake.set()

    async def run_once(self, stop: asyncio.Event | None = None) -> int:
        """Deliver what is due now; returns how many were delivered.

        Claims up to the batch size, and claims more whenever half of what it holds is done,
        until a claim finds nothing new, or finds a message this pass has already tried (it
        failed and is due again): each message is tried at most once a pass, and a pass
        ends soon after a retry falls due, so retries do not wait behind a long queue.

        When ``stop`` is set, deliveries under way finish and are marked, and what is still
        claimed and not started is handed back at once (no attempt used up), not left for its
        lease to expire. If the task is cancelled, what was delivered is still marked sent
        and everything else, including deliveries cut short, is handed back.
        """
        return await _Pass(self, stop).run()

    async def _deliver_one(self, held: _Held) -> bool:
        """Deliver one claimed message; on failure record the outcome. True if delivered (the
        caller marks it sent)."""
        delivery, token = held.delivery, held.token
        where = {"outbox_id": delivery.outbox_id, "channel": self.channel.value}
        began = time.monotonic()
        try:
            await self.deliver(delivery)
        except Exception as error:  # a bug in a channel must not stop the loop
            if isinstance(error, DeliveryError):
                log.warning("delivery %s failed: %s", delivery.outbox_id, error, extra=where)
            else:
                log.exception("delivery %s raised", delivery.outbox_id, extra=where)
            if isinstance(error, RateLimited):
                self.events.rate_limited(self.channel, "platform")
            status = await asyncio.to_thread(
                mark_failed, self.factory, delivery, token, error,
                policy=self.policy, now=self.clock(),
            )
            if status == OutboxStatus.DEAD:
                reason = "permanent" if isinstance(error, PermanentDeliveryError) else "attempts"
                self.events.dead_lettered(self.channel, reason)
                log.warning("outbox %s dead-lettered (%s)", delivery.outbox_id, reason,
                            extra=where)
            elif status == OutboxStatus.PENDING and not isinstance(error, RateLimited):
                self.events.retried(self.channel)  # a platform's wait is counted on its own
            return False
        held.seconds = time.monotonic() - began
        return True

    async def _mark(self, batch: Sequence[_Held]) -> int:
        """Mark delivered messages sent in one transaction; returns how many were ours."""
        marked = await asyncio.to_thread(
            mark_sent_many, self.factory, [(held.delivery, held.token) for held in batch],
            now=self.clock())
        for held in batch:
            where = {"outbox_id": held.delivery.outbox_id, "channel": self.channel.value}
            if held.delivery.outbox_id in marked:
                self.events.delivered(self.channel, held.seconds)
                log.info("outbox %s delivered", held.delivery.outbox_id, extra=where)
            else:
                log.warning("delivery %s: lease expired before it was marked",
                            held.delivery.outbox_id, extra=where)
        return len(marked)

    async def _release(self, rest: Sequence[_Held]) -> None:
        """Hand back claimed rows we will not deliver; if the database is away, the lease
        gives them back later (said once in the log)."""
        if not rest:
            return
        by_token: dict[str, list[Delivery]] = defaultdict(list)
        for held in rest:
            by_token[held.token].append(held.delivery)
        released = 0
        try:
            for token, deliveries in by_token.items():
                released += await asyncio.to_thread(release, self.factory, deliveries, token)
        except Exception as error:
            log.warning("outbox sender for %s could not hand back %d claimed message(s) "
                        "(%s); they return when their lease expires", self.channel.value,
                        len(rest), type(error).__name__, extra={"channel": self.channel.value})
            return
        log.info("outbox sender for %s handed back %d claimed message(s)", self.channel.value,
                 released, extra={"channel": self.channel.value})

    async def drain(self) -> int:
        """Deliver until nothing is due now; returns how many were delivered."""
        total = 0
        while True:
            sent = await self.run_once()
            total += sent
            if sent == 0:
                return total

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set, sleeping ``poll_seconds`` when idle.

        While the database is away the loop says so once (one WARNING line, the traceback only
        at DEBUG), backs off (doubling up to ``MAX_OUTAGE_WAIT`` seconds) and says once when it
        has recovered: an outage is two log lines, not one traceback a second.
        """
        down_since: float | None = None
        wait = self.poll_seconds
        while not stop.is_set():
            try:
                sent = await self.run_once(stop)
            except Exception as error:  # the database may be briefly away; keep the loop alive
                if down_since is None:
                    down_since = time.monotonic()
                    log.warning("outbox sender for %s cannot reach the database (%s: %s); "
                                "retrying with back-off", self.channel.value,
                                type(error).__name__, (str(error).strip().splitlines() or [""])[0],
                                exc_info=log.isEnabledFor(logging.DEBUG))
                else:
                    log.debug("outbox sender for %s still failing", self.channel.value,
                              exc_info=True)
                wait = min(wait * 2, MAX_OUTAGE_WAIT)
                await _sleep_unless(stop, wait)
                continue
            if down_since is not None:
                log.warning("outbox sender for %s recovered after %.0f s", self.channel.value,
                            time.monotonic() - down_since)
                down_since, wait = None, self.poll_seconds
            if sent:
                continue
            self._wake.clear()
            waiters = [asyncio.create_task(self._wake.wait()), asyncio.create_task(stop.wait())]
            _done, pending = await asyncio.wait(
                waiters, timeout=self.poll_seconds, return_when=asyncio.FIRST_COMPLETED
            )
            for task in pending:
                task.cancel()


PASS_BATCHES = 20  # a pass claims at most this many batches' worth of messages


class _Pass:
    """One :meth:`OutboxSender.run_once`: claims, a lane per recipient, and the marker.

    ``held`` is every claimed message not yet finished (waiting in a lane or being delivered);
    a delivered message leaves it for ``delivered`` (to be marked), a failed one once its
    failure is recorded. Whatever is still held at the end is handed back; a delivered message
    is never handed back (a crash before its mark lets the lease return it, as before).
    """

    def __init__(self, sender: OutboxSender, stop: asyncio.Event | None) -> None:
        self.sender = sender
        self.stop = stop
        self.held: dict[int, _Held] = {}
        self.tried: set[int] = set()
        self.lanes: dict[str, deque[_Held]] = {}
        self.lane_tasks: dict[str, asyncio.Task[None]] = {}
        self.slots = asyncio.Semaphore(sender.max_in_flight)
        self.progress = asyncio.Event()
        self.delivered: list[_Held] = []
        self.to_mark = asyncio.Event()
        self.closing = False
        self.failure: BaseException | None = None
        self.marked = 0
        self.margin = sender.policy.lease.total_seconds() * 0.8

    def stopping(self) -> bool:
        return (self.stop is not None and self.stop.is_set()) or self.failure is not None

    async def run(self) -> int:
        marker = asyncio.create_task(self._mark_loop())
        exhausted = False
        try:
            while not self.stopping():
                if not exhausted and len(self.held) <= self.sender.batch_size // 2:
                    exhausted = not await self._claim()
                    continue
                if not self.lane_tasks:
                    break
                self.progress.clear()
                await self.progress.wait()
            # Stopping or nothing left to claim: let the lanes finish (on stop, each finishes
            # the delivery under way and starts no other).
            while self.lane_tasks:
                self.progress.clear()
                await self.progress.wait()
        finally:
            lanes = list(self.lane_tasks.values())
            for task in lanes:
                task.cancel()
            await asyncio.gather(*lanes, return_exceptions=True)
            self.closing = True
            self.to_mark.set()
            # Not gather: cancelling this task again must not cut the last marks short.
            await asyncio.wait([marker])
            await self.sender._release(list(self.held.values()))
        if self.failure is not None:
            raise self.failure
        return self.marked

    async def _claim(self) -> bool:
        """Claim more; False when nothing more is due (the claim came back short or empty),
        or this pass has had its share."""
        sender = self.sender
        if len(self.tried) >= PASS_BATCHES * sender.batch_size:
            # A pass under a steady inflow would never end: end it now and then, so what it
            # remembers stays small and a retry that falls due is not kept waiting.
            return False
        token = uuid.uuid4().hex
        limit = sender.batch_size - len(self.held)
        deliveries = await asyncio.to_thread(
            claim, sender.factory, sender.channel, policy=sender.policy, now=sender.clock(),
            token=token, address=sender.address, limit=limit, exclude=set(self.held),
        )
        claimed = time.monotonic()
        fresh = [_Held(d, token, claimed) for d in deliveries if d.outbox_id not in self.tried]
        again = [_Held(d, token, claimed) for d in deliveries if d.outbox_id in self.tried]
        if again:
            # Tried in this pass already and due again: hand them back, with anything new of
            # the same claim, and claim no more, so this pass ends with what it holds and the
            # next one takes them in their turn (each with its attempt given back).
            await sender._release(again + fresh)
            return False
        for held in fresh:
            self.tried.add(held.delivery.outbox_id)
            self.held[held.delivery.outbox_id] = held
            self.lanes.setdefault(held.delivery.address, deque()).append(held)
            if held.delivery.address not in self.lane_tasks:
                self.lane_tasks[held.delivery.address] = asyncio.create_task(
                    self._lane(held.delivery.address))
        # A short claim took everything due: claiming again in this pass would come back empty.
        return bool(fresh) and len(deliveries) >= limit

    async def _lane(self, address: str) -> None:
        """Deliver one recipient's messages, one after another."""
        sender = self.sender
        queue = self.lanes[address]
        try:
            while queue and not self.stopping():
                held = queue[0]
                async with self.slots:
                    if self.stopping():
                        break
                    if sender.limiter.must_wait():
                        sender.events.rate_limited(sender.channel, "local")
                    await sender.limiter.acquire()
                    if self.stopping():
                        break
                    if time.monotonic() - held.claimed > self.margin:
                        # Our lease is nearly over: another sender may take these rows soon,
                        # so give the lane back rather than risk sending one twice.
                        rest = list(queue)
                        queue.clear()
                        for item in rest:
                            del self.held[item.delivery.outbox_id]
                        await sender._release(rest)
                        break
                    ok = await sender._deliver_one(held)
                queue.popleft()
                del self.held[held.delivery.outbox_id]
                if ok:
                    self.delivered.append(held)
                    self.to_mark.set()
                self.progress.set()  # one fewer held: perhaps time to claim more
        except Exception as error:  # recording a failure needs the database: it may be away
            if self.failure is None:
                self.failure = error
        finally:
            if self.lane_tasks.get(address) is asyncio.current_task():
                del self.lane_tasks[address]
                if not queue:
                    del self.lanes[address]
            self.progress.set()

    async def _mark_loop(self) -> None:
        """Mark what has been delivered, in batches, until the pass closes."""
        while True:
            if not self.delivered:
                if self.closing:
                    return
                self.to_mark.clear()
                await self.to_mark.wait()
                continue
            batch, self.delivered = self.delivered, []
            try:
                self.marked += await self.sender._mark(batch)
            except Exception as error:  # the database is away: stop, and let run() raise
                if self.failure is None:
                    self.failure = error
                self.progress.set()
                return


MAX_OUTAGE_WAIT = 60.0


async def _sleep_unless(stop: asyncio.Event, seconds: float) -> None:
    """Sleep ``seconds``, or less if ``stop`` is set meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


PURGE_JOB_ID = "outbox.purge-delivered"


def purge_delivered(
    factory: sessionmaker[Session], *, keep: timedelta, now: datetime
) -> int:
    """Delete delivered outbox rows older than ``keep``, and withdrawn ones queued before then:
    their words need not be kept. A withdrawn message about a case still open is kept until
    the case closes: the SLA ladder reads it to know its person was never told (session 27's
    second review), where a missing row means a message sent."""
    cutoff = now - keep
    case_open = (select(Case.id).where(Case.id == OutboxMessage.case_id,
                                       Case.status.not_in(CASE_CLOSED))
                 .correlate_except(Case).exists())
    with transaction(factory) as session:
        result = execute_dml(
            session,
            delete(OutboxMessage)
            .where(or_(
                and_(OutboxMessage.status == OutboxStatus.SENT, OutboxMessage.sent_at < cutoff),
                and_(OutboxMessage.status == OutboxStatus.WITHDRAWN,
                     OutboxMessage.created_at < cutoff, ~case_open)))
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)
