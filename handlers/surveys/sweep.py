"""The survey sweep: open the dated surveys whose day has come, then send each invitation and
chaser once.

An invitee row is due when its survey is open, they have not answered nor asked to stop, and
its ``next_send_at`` has come. The sweep claims due rows (token and lease, as the reminder
sweep does), queues one message per row with the idempotency key
``survey:SURVEY:PERSON:N`` (N = 0 for the invitation, 1.. for the chasers), so no message
goes twice even when a sweeper dies mid-batch and another takes over, and moves the row on:
the next chaser ``chase_every_days`` later, or none after ``max_chasers``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from jinja2 import Environment
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot import outbox
from bot.db import id_in, transaction
from bot.messages import Button, Notification
from bot.models import Channel, ChannelIdentity, Person, Survey, SurveyInvitee, Tender
from bot.templates import render
from bot.values import frozen
from handlers.surveys.definitions import Catalogue, questions_of
from handlers.surveys.service import (
    Links,
    due_invitees,
    invite_newcomers,
    lettered,
    open_dated,
    today_of,
)
from scheduler.claims import Totals, claim_rows, run_batches

INVITE_KIND = "survey.invitation"
CHASER_KIND = "survey.chaser"
START = "survey.start"


@frozen
class SweepResult(Totals):
    """What one sweep did."""

    claimed: int = 0
    sent: int = 0


def idempotency_key(survey_id: int, person_id: int, number: int) -> str:
    """The outbox key of one survey message to one person (0: the invitation)."""
    return f"survey:{survey_id}:{person_id}:{number}"


def invitation_text(templates: Environment, survey: Survey, *, chaser: bool,
                    by_email: bool, form_link: str | None,
                    tender: tuple[str, str] | None = None, replies_read: bool = True) -> str:
    """The words of an invitation or chaser: on e-mail the questions numbered, with how to
    reply with numbers (and the one-time web link, when links are signed); a tender's survey
    names the tender (``tender``: its reference and title; the session's admin review: "this
    tender" was named nowhere). ``replies_read`` False: the person has no verified e-mail
    address, whose reply would be refused, so none is asked for."""
    questions = [(q, lettered(q)) for q in questions_of(survey.definition)]
    return render(templates, "survey_invitation.txt", survey=survey, chaser=chaser,
                  by_email=by_email, link=form_link, questions=questions,
                  intro=survey.definition.get("intro", ""), tender=tender,
                  replies_read=replies_read)


def claim_due(factory: sessionmaker[Session], *, now: datetime, lease: timedelta, batch: int,
              token: str) -> list[int]:
    """Claim up to ``batch`` due invitees."""
    return claim_rows(factory, SurveyInvitee, due=due_invitees(today_of(now), now, lease),
                      order_by=(SurveyInvitee.next_send_at, SurveyInvitee.id), batch=batch,
                      token=token, stamp=now)


def send_claimed(factory: sessionmaker[Session], ids: list[int], token: str, *,
                 now: datetime, templates: Environment, links: Links | None) -> SweepResult:
    """Queue one message per claimed invitee and move each on, in one transaction."""
    with transaction(factory) as session:
        rows = session.execute(
            select(SurveyInvitee, Survey, Person)
            .join(Survey, Survey.id == SurveyInvitee.survey_id)
            .join(Person, Person.id == SurveyInvitee.person_id)
            .where(id_in(session, SurveyInvitee.id, ids), SurveyInvitee.claim_token == token)
            .order_by(SurveyInvitee.id)).all()
        notifications = []
        tender_ids = {survey.tender_id for _i, survey, _p in rows if survey.tender_id}
        tenders = {tender_id: (reference, title) for tender_id, reference, title in
                   session.execute(select(Tender.id, Tender.reference, Tender.title).where(
                       Tender.id.in_(tender_ids)))} if tender_ids else {}
        verified = set(session.scalars(select(ChannelIdentity.person_id).where(
            ChannelIdentity.channel == Channel.EMAIL, ChannelIdentity.verified.is_(True),
            id_in(session, ChannelIdentity.person_id,
                  sorted({person.id for _i, _s, person in rows})))))
        for invitee, survey, person in rows:
            invitee.claim_token, invitee.claimed_at = None, None
            if not person.active:  # left since the survey opened: nothing more to send
                invitee.next_send_at = None
                continue
            stop = links.stop(survey, person.id, now) if links else None
            # The e-mail's words always: a chat invitation goes by e-mail instead when its
            # channel has no address or is not configured (trials: it kept "Press Answer").
            email = invitation_text(templates, survey, chaser=invitee.sent > 0, by_email=True,
                                    form_link=links.form(survey, person.id, now)
                                    if links else None,
                                    tender=tenders.get(survey.tender_id or 0),
                                    replies_read=person.id in verified)
            chat = email if person.preferred_channel == Channel.EMAIL else invitation_text(
                templates, survey, chaser=invitee.sent > 0, by_email=False, form_link=None,
                tender=tenders.get(survey.tender_id or 0))
            notifications.append(Notification(
                person_id=person.id, kind=CHASER_KIND if invitee.sent else INVITE_KIND,
                text=chat, idempotency_key=idempotency_key(survey.id, person.id, invitee.sent),
                buttons=(Button(label="Answer", action=START, value=survey.key),),
                unsubscribe=stop, reply_command=f"/survey answer {survey.key}",
                texts={} if chat is email else {Channel.EMAIL: email}))
            invitee.sent += 1
            invitee.next_send_at = (now + timedelta(days=survey.chase_every_days)
                                    if invitee.sent <= survey.max_chasers else None)
        outbox.enqueue_many(session, notifications, now=now)
    return SweepResult(len(ids), len(notifications))


def sweep(factory: sessionmaker[Session], *, now: datetime, templates: Environment,
          catalogue: Catalogue, links: Links | None, lease: timedelta = timedelta(minutes=5),
          batch: int = 500, max_batches: int = 1000) -> SweepResult:
    """Open the dated surveys now due, then send the invitations and chasers now due."""
    with transaction(factory) as session:
        open_dated(session, catalogue, today=today_of(now), now=now)
        invite_newcomers(session, today=today_of(now), now=now)
    return run_batches(
        lambda token: claim_due(factory, now=now, lease=lease, batch=batch, token=token),
        lambda chosen, token: send_claimed(factory, chosen, token, now=now,
                                           templates=templates, links=links),
        SweepResult(), max_batches=max_batches)
