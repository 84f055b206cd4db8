"""The reminder sweep: claim due reminders atomically, put them in the outbox, mark them sent.

Two steps, so a sweeper that dies never loses a reminder and never sends one twice:

1. claim: one ``UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) AND <still due>
   RETURNING`` marks a batch as claimed with a token and a time (on SQLite the single UPDATE
   runs under the database's write lock, and the re-check of ``status`` makes it safe);
2. deliver: in one transaction, for each reminder still claimed by this token, queue the
   message in the outbox (idempotency key = the reminder's key), mark it sent and write the
   next chases of overdue deadlines, all in bulk.

A claim older than the lease is taken over by the next sweep, so a sweeper killed between the
steps delays its reminders by the lease, and the outbox's unique key keeps them single.

A reminder queued while an older one of the same deadline still waits for the same person
(they were away from their channel, or no sender ran) withdraws the older one as superseded
(``outbox.withdraw_superseded``): one reminder goes, the newest. Its words, "due in 2 days" or
"OVERDUE by 42 days", are counted when it is queued, not when it is delivered: a sender
delivers within seconds, and the next day's sweep supersedes it with a fresh count, so they are
at most a day old. Counting at delivery would put the deadline rules in the runtime's
senders, which know no feature (session 37's choice).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from jinja2 import Environment
from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker, undefer

from bot import outbox
from bot.db import id_in, transaction
from bot.messages import Button, Notification
from bot.models import (
    Deadline,
    DeadlineStatus,
    Organisation,
    Person,
    Placement,
    Reminder,
    ReminderStatus,
    Role,
)
from bot.templates import render
from bot.values import frozen
from handlers.buttons import buttons_for
from handlers.deadlines.store import (
    BID_FEEDBACK_RULE,
    PASSING_RULES,
    REVIEW_RULES,
    RULE_PLEDGES,
    RULE_TITLES,
    ReminderPolicy,
    booked_days,
    chased_after,
    close_deadline,
    ended_outcome,
    escalation_targets,
    invoice_clocks,
    local_date,
    may_close,
    part_disputed_words,
    provider_councils,
    schedule_chases,
    send_time,
)
from handlers.people.away import away_on, may_cover
from scheduler.claims import Totals, claim_rows, finish_rows, run_batches
from scheduler.rules import WorkingCalendar

# The actions of a reminder's buttons (registered in ``handlers/deadlines/__init__.py``).
DONE = "deadline.done"
SNOOZE_DAY = "deadline.snooze-day"
SNOOZE_WEEK = "deadline.snooze-week"
NOT_APPLICABLE = "deadline.not-applicable"
MARK_PAID_LABEL = "Mark paid"  # an invoice's Done (``reminder_buttons``)
REMINDER_CHOICES = (("Done", DONE), ("Snooze 1 day", SNOOZE_DAY), ("Snooze 1 week", SNOOZE_WEEK),
                    ("Not applicable", NOT_APPLICABLE))


@frozen
class SweepResult(Totals):
    """What one sweep did."""

    claimed: int = 0
    sent: int = 0
    cancelled: int = 0


def claim_due(factory: sessionmaker[Session], *, now: datetime, lease: timedelta,
              batch: int, token: str, claimed_at: datetime | None = None) -> list[int]:
    """Claim up to ``batch`` due reminders for ``token``; returns their ids.

    ``now`` decides what is due (a catch-up sweep may look back); ``claimed_at`` stamps the
    claim and must be the real time, or a live sweeper would think the lease long expired.
    """
    stamp = claimed_at or now
    due = or_(
        and_(Reminder.status == ReminderStatus.PENDING, Reminder.send_at <= now),
        and_(Reminder.status == ReminderStatus.CLAIMED, Reminder.claimed_at < stamp - lease),
    )
    return claim_rows(factory, Reminder, due=due, order_by=(Reminder.send_at, Reminder.id),
                      batch=batch, token=token, stamp=stamp, status=ReminderStatus.CLAIMED)


def reminder_buttons(deadline_id: int, *, may_close: bool = True,
                     covering: int | None = None, invoice: bool = False) -> tuple[Button, ...]:
    """Done, Snooze (1 day, 1 week) and Not applicable, for one deadline; only the snoozes for
    a person who may not close it (a provider reminded of the council's own duty). Under a copy
    had as ``covering``'s cover (/away), the snoozes name them ("ID:for:PERSON_ID"): they put
    off that person's reminders, never the cover's own of the same deadline (session 32's
    trial: an escalation contact covering snoozed their own). An invoice's Done is "Mark paid",
    which it does (session 36's brief: no button was seen to mark an invoice paid)."""
    choices = REMINDER_CHOICES if may_close else tuple(
        choice for choice in REMINDER_CHOICES if choice[1] in (SNOOZE_DAY, SNOOZE_WEEK))
    if invoice:
        choices = tuple((MARK_PAID_LABEL if action == DONE else label, action)
                        for label, action in choices)
    if covering is None:
        return buttons_for(str(deadline_id), choices)
    return tuple(Button(label=label, action=action, value=(
        f"{deadline_id}:for:{covering}" if action in (SNOOZE_DAY, SNOOZE_WEEK)
        else str(deadline_id))) for label, action in choices)


def _latest_due(session: Session, deadline_ids: set[int], now: datetime
                ) -> dict[tuple[int, int], int]:
    """Per (deadline, person), the id of the latest reminder due by ``now`` that is not
    cancelled (pending, claimed by any sweeper, or sent), latest by send time then id."""
    if not deadline_ids:
        return {}
    due = session.execute(
        select(Reminder.id, Reminder.deadline_id, Reminder.person_id)
        .where(id_in(session, Reminder.deadline_id, sorted(deadline_ids)),
               Reminder.send_at <= now, Reminder.status != ReminderStatus.CANCELLED)
        .order_by(Reminder.send_at, Reminder.id)
    ).all()
    return {(deadline_id, person_id): reminder_id for reminder_id, deadline_id, person_id in due}


def _covers(session: Session, people: list[Person], now: datetime) -> dict[int, Person]:
    """Per person away today (``/away``, by id), their cover: a colleague who may cover them
    (``may_cover``: at the same provider, or council staff of the same council); one read of
    the covers for the batch."""
    away = {person.id: person for person in people
            if person.cover_id is not None
            and away_on(person, local_date(now, person.timezone))}
    if not away:
        return {}
    found = {cover.id: cover for cover in session.scalars(select(Person).where(
        id_in(session, Person.id, sorted({person.cover_id for person in away.values()
                                          if person.cover_id is not None}))))}
    return {person_id: cover for person_id, person in away.items()
            if person.cover_id is not None
            and may_cover(person, cover := found.get(person.cover_id)) and cover is not None}


def deliver_claimed(factory: sessionmaker[Session], ids: list[int], token: str, *,
                    now: datetime, templates: Environment, calendar: WorkingCalendar,
                    policy: ReminderPolicy) -> SweepResult:
    """Queue the claimed reminders in the outbox and mark them sent, in one transaction.

    The batch is written in bulk: one multi-row outbox insert and one update per outcome,
    so a morning's thousands of reminders cost a handful of round trips, not thousands.
    """
    chases: dict[tuple[int, int], tuple[Deadline, Person]] = {}
    notifications: list[Notification] = []
    sent_ids: list[int] = []
    cancelled_ids: list[int] = []
    with transaction(factory) as session:
        rows = session.execute(
            select(Reminder.id, Reminder.key, Reminder.stage, Deadline, Person)
            .join(Deadline, Deadline.id == Reminder.deadline_id)
            .join(Person, Person.id == Reminder.person_id)
            .where(id_in(session, Reminder.id, ids), Reminder.claim_token == token,
                   Reminder.status == ReminderStatus.CLAIMED)
            .order_by(Reminder.send_at, Reminder.id)
            # Whether each is away (``_covers``) read with them, not one query each.
            .options(undefer(Person.away_from))
        ).all()
        # After downtime several reminders of one deadline may be due for one person at once,
        # claimed in different batches: send only the latest one due, whichever batch holds it,
        # so nobody gets the same reminder twice in a row.
        latest = _latest_due(session, {deadline.id for _i, _k, _s, deadline, _p in rows}, now)
        # A review missed while its placement ran is no longer chased once the placement has
        # ended (an end recorded ahead of time stops them when it comes: session 25's review).
        placement_ids = {deadline.placement_id for _i, _k, _s, deadline, _p in rows
                         if deadline.placement_id is not None and deadline.rule in REVIEW_RULES}
        ended_on = dict(session.execute(select(Placement.id, Placement.ended_on).where(
            id_in(session, Placement.id, sorted(placement_ids)),
            Placement.ended_on.is_not(None))).all()) if placement_ids else {}
        # A review said booked for a day to come (under "Did it happen?", or told unprompted)
        # is nobody's to chase, nor escalated, before that day (session 44's brief: the
        # booker's snooze spared only their own reminders); its reminders wait until the
        # working day after it, when it is overdue again if no review was recorded. On the
        # day itself only the booker's own reminder (their snooze) goes, "booked for today".
        booked = booked_days(session, {deadline.id for _i, _k, _s, deadline, _p in rows
                                       if deadline.rule in REVIEW_RULES
                                       and deadline.status == DeadlineStatus.OPEN})
        deferred: dict[int, datetime] = {}
        # A provider with an RC-104, a C-1 or a T-9 at two councils is told whose each
        # reminder is (one held at a single council reads as it always has).
        shared = provider_councils(session, [
            deadline for _i, _k, _s, deadline, planned in rows
            if planned.role == Role.PROVIDER])
        # Whose invoice each is, for anyone reminded of it but its provider (session 34's
        # trial: two providers each had an INV-1003, and the commissioner's reminders said
        # only "invoice INV-1003"; as /reminders names them since session 26).
        issuers = {deadline.provider_id for _i, _k, _s, deadline, _p in rows
                   if deadline.invoice_id is not None and deadline.provider_id is not None}
        issuer_names = dict(session.execute(select(Organisation.id, Organisation.name).where(
            Organisation.id.in_(sorted(issuers)))).all()) if issuers else {}
        # An escalation goes to whoever the commissioner's escalation contact is now, not to
        # whoever it was when the escalation was planned (the trial: a contact changed in the
        # meantime was never told, the old one was).
        targets = escalation_targets(session, {
            due.commissioner_id for _i, _k, step, due, _p in rows
            if step == "escalation" and due.commissioner_id is not None})
        # Someone away (/away) has their reminders sent to their cover too, a colleague at the
        # same provider or council (session 31's trial: providers had no cover; session 32's
        # brief: a commissioner's cover had new cases, but no reminders).
        # An escalation's contact away has their cover told too.
        covers = _covers(session, [*(planned for *_rest, planned in rows),
                                   *(target for target in targets.values()
                                     if target is not None)], now)
        for reminder_id, key, stage, deadline, planned in rows:
            superseded = latest.get((deadline.id, planned.id), reminder_id) != reminder_id
            escalation = stage == "escalation"
            person: Person | None = planned
            if escalation and deadline.commissioner_id is not None:
                person = targets.get(deadline.commissioner_id)
                if person is not None and person.id != planned.id:
                    session.execute(update(Reminder).where(Reminder.id == reminder_id)
                                    .values(person_id=person.id))
            if person is None:  # nobody to escalate to any more
                cancelled_ids.append(reminder_id)
                continue
            today = local_date(now, person.timezone)
            ended = ended_on.get(deadline.placement_id or -1)
            missed = (deadline.rule in REVIEW_RULES and ended is not None and ended <= today
                      and deadline.due_on <= ended)
            # A tender's own date that has passed is nothing to do: a reminder of it sent late
            # (a sweep catching up) is dropped, never sent as "OVERDUE" (session 26's trial).
            passed = deadline.rule in PASSING_RULES and deadline.due_on < today
            if missed and ended is not None and deadline.status == DeadlineStatus.OPEN:
                # An end recorded ahead has come: the review closes as ending it then would
                # have closed it (``chat._end_placement``), so it leaves /reminders and the
                # digests too (session 30's trial), still counted as missed by the scorecard.
                close_deadline(session, deadline, status=DeadlineStatus.NOT_APPLICABLE,
                               on=ended, outcome=ended_outcome(ended), actor_id=None,
                               now=now)
            if (superseded or missed or passed or deadline.status != DeadlineStatus.OPEN
                    or not person.active):
                cancelled_ids.append(reminder_id)
                continue
            booked_on = booked.get(deadline.id)
            if booked_on is not None and deadline.due_on < today and (
                    today < booked_on or (today == booked_on and not stage.startswith("snooze:"))):
                deferred[reminder_id] = send_time(calendar.add_working_days(booked_on, 1),
                                                  person.timezone, policy.hour)
                continue
            clocks = invoice_clocks(deadline, calendar)
            closes = may_close(person, deadline)
            # The bidder owed the council's feedback is told what it is owed, with no buttons:
            # the to-do and its snoozes are the commissioner's (session 37's trial).
            owed = (not escalation and deadline.rule == BID_FEEDBACK_RULE
                    and person.organisation_id == deadline.provider_id)
            text = render(
                templates, "reminder.txt",
                owed_tender=(deadline.reference.partition(" feedback to ")[0]
                             if owed else None),
                title=RULE_TITLES.get(deadline.rule, deadline.rule),
                reference=deadline.reference,
                council=(shared.get(deadline.id)
                         if not escalation and person.organisation_id == deadline.provider_id
                         else None),
                provider=(issuer_names.get(deadline.provider_id)
                          if deadline.invoice_id is not None and deadline.provider_id
                          is not None and person.organisation_id != deadline.provider_id
                          else None),
                due_on=deadline.due_on,
                days=(deadline.due_on - today).days,
                pledge=RULE_PLEDGES.get(deadline.rule),
                escalation=escalation,
                deadline_id=deadline.id,
                aim_on=clocks.aim if clocks is not None else None,
                standing=clocks.standing(today).value if clocks is not None else None,
                part_disputed=part_disputed_words(deadline),
                may_close=closes,
                booked_today=booked_on is not None and booked_on == today,
            )
            notifications.append(Notification(
                person_id=person.id, kind=f"reminder.{deadline.rule}", text=text,
                idempotency_key=f"reminder:{key}",
                buttons=() if escalation or owed else reminder_buttons(
                    deadline.id, may_close=closes, invoice=deadline.invoice_id is not None),
                # Withdrawn, not sent, if the deadline is closed before it goes out.
                deadline_id=deadline.id,
            ))
            cover = covers.get(person.id)
            if cover is not None and not (escalation and cover.id == deadline.commissioner_id):
                # (Never an escalation to the commissioner it is about, covering their contact.)
                notifications.append(Notification(
                    person_id=cover.id, kind=f"reminder.{deadline.rule}",
                    text=render(templates, "reminder_covering.txt", name=person.name,
                                until=person.away_until, reminder=text),
                    idempotency_key=f"reminder:{key}:cover:{cover.id}",
                    buttons=() if escalation or owed else reminder_buttons(
                        deadline.id, may_close=may_close(cover, deadline), covering=person.id,
                        invoice=deadline.invoice_id is not None),
                    deadline_id=deadline.id))
            sent_ids.append(reminder_id)
            # From the due date on, or the working day before one on a weekend or a bank
            # holiday (its last reminder): a deadline opened before its first chase was
            # planned with it (``plan_reminders``, session 34) still gets its chases.
            chased = calendar.previous_working_day(
                chased_after(deadline, calendar=calendar, policy=policy))
            if not escalation and today >= chased and deadline.rule not in PASSING_RULES:
                chases[(deadline.id, person.id)] = (deadline, person)
        # A reminder still waiting for its person (not at their console, say) is replaced by
        # this newer one of the same deadline, never sent beside it (session 37's trial).
        outbox.withdraw_superseded(session, notifications, now=now)
        outbox.enqueue_many(session, notifications, now=now)
        finish_rows(session, Reminder, sent_ids, status=ReminderStatus.SENT, sent_at=now)
        finish_rows(session, Reminder, cancelled_ids, status=ReminderStatus.CANCELLED,
                    sent_at=None)
        for reminder_id, send_at in deferred.items():  # a handful: one update each
            session.execute(update(Reminder).where(Reminder.id == reminder_id).values(
                status=ReminderStatus.PENDING, send_at=send_at, claim_token=None,
                claimed_at=None).execution_options(synchronize_session=False))
        # One multi-row insert in key order, so two sweepers never wait on each other's
        # unique-key inserts in opposite orders (a deadlock on PostgreSQL).
        schedule_chases(session, [chases[pair] for pair in sorted(chases)],
                        calendar=calendar, policy=policy, now=now)
    return SweepResult(len(ids), len(sent_ids), len(cancelled_ids))


def sweep(factory: sessionmaker[Session], *, now: datetime, templates: Environment,
          calendar: WorkingCalendar, policy: ReminderPolicy,
          lease: timedelta = timedelta(minutes=5), batch: int = 2000,
          max_batches: int = 1000, claimed_at: datetime | None = None) -> SweepResult:
    """Send every reminder due at ``now``; safe to run in several processes at once.

    A batch of 2,000 keeps the 09:00 burst to a few claims and transactions (each claim costs
    about 20 ms whatever its size on 1.7 M reminder rows) while one batch is still delivered
    in well under a second, far inside the lease.

    ``claimed_at`` is the real time when ``now`` is not (a catch-up sweep with ``--at``).
    """
    return run_batches(
        lambda token: claim_due(factory, now=now, lease=lease, batch=batch, token=token,
                                claimed_at=claimed_at),
        lambda ids, token: deliver_claimed(factory, ids, token, now=now, templates=templates,
                                           calendar=calendar, policy=policy),
        SweepResult(), max_batches=max_batches)


def close_ended(factory: sessionmaker[Session], *, now: datetime, policy: ReminderPolicy,
                batch: int = 2000) -> int:
    """Close as not applicable the open reviews and revisits of placements that have ended
    (``placement ended DATE``, as ``/placement end`` closes them); returns how many.

    Ending a placement closes them at once (session 30); this closes those an end recorded
    before then left open and chased, OVERDUE in /reminders for good, and those of an end
    recorded ahead once its day has passed with no reminder left to close them (session 30's
    review). The scorecard counts one due by the end as missed, as before. Run daily
    (``CLOSE_ENDED_JOB_ID``): it reads every open review."""
    today = local_date(now, policy.timezone)
    closed = 0
    while True:
        with transaction(factory) as session:
            rows = session.execute(
                select(Deadline, Placement.ended_on)
                .join(Placement, Placement.id == Deadline.placement_id)
                .where(Deadline.status == DeadlineStatus.OPEN,
                       Deadline.rule.in_(REVIEW_RULES),
                       Placement.ended_on.is_not(None), Placement.ended_on < today)
                .order_by(Deadline.id).limit(batch)).all()
            for deadline, ended in rows:
                assert ended is not None  # noqa: S101 - selected so
                close_deadline(session, deadline, status=DeadlineStatus.NOT_APPLICABLE,
                               on=ended, outcome=ended_outcome(ended), actor_id=None,
                               now=now)
        closed += len(rows)
        if len(rows) < batch:
            return closed
