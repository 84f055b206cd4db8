"""Free text and /ask: safeguarding first, then an answer, or an honest "I don't know"."""

from __future__ import annotations

from sqlalchemy import select

from bot.dispatch import Context
from bot.messages import Incoming, Notification, Reply
from bot.models import Organisation, OrganisationKind, Person, Question
from knowledge import safeguarding

MAX_STORED_CHARS = 4000


def ask(incoming: Incoming, ctx: Context) -> list[Reply]:
    """Answer a question; a safeguarding concern is recognised before anything else."""
    question = ctx.args if incoming.text.startswith("/") else incoming.text
    if not question:
        return [Reply(text=ctx.render("ask_usage.txt"))]
    concern = safeguarding.detect(question)
    if concern is not None:
        return raise_concern(question, concern, incoming, ctx)
    record = Question(
        person_id=ctx.person.id,
        organisation_id=ctx.person.organisation_id,
        channel=incoming.channel,
        text=question[:MAX_STORED_CHARS],
        asked_at=ctx.now,
    )
    ctx.session.add(record)
    ctx.session.flush()
    ctx.audit("question.unanswered", subject=f"question:{record.id}")
    return [Reply(text=ctx.render("unanswered.txt", council_name=ctx.settings.council_name))]


def raise_concern(
    text: str, concern: safeguarding.SafeguardingMatch, incoming: Incoming, ctx: Context
) -> list[Reply]:
    """Give the safeguarding guidance at once, record the concern, tell the leads now."""
    record = Question(
        person_id=ctx.person.id,
        organisation_id=ctx.person.organisation_id,
        channel=incoming.channel,
        text=text[:MAX_STORED_CHARS],
        safeguarding=True,
        asked_at=ctx.now,
    )
    ctx.session.add(record)
    ctx.session.flush()
    reference = f"SG-{record.id:06d}"
    ctx.audit("safeguarding.raised", subject=f"question:{record.id}", kind=concern.kind)
    leads = ctx.session.scalars(
        select(Person)
        .join(Organisation)
        .where(
            Person.safeguarding_lead.is_(True),
            Person.active.is_(True),
            Organisation.kind == OrganisationKind.COUNCIL,
        )
        .order_by(Person.id)
    ).all()
    for lead in leads:
        ctx.notify(
            Notification(
                person_id=lead.id,
                kind="safeguarding.raised",
                text=ctx.render(
                    "safeguarding_alert.txt",
                    reference=reference,
                    raised_by=ctx.person.name,
                    organisation=ctx.person.organisation.name,
                    email=ctx.person.email,
                    kind=concern.kind,
                    text=text[:MAX_STORED_CHARS],
                ),
                idempotency_key=f"safeguarding:{record.id}:person:{lead.id}",
                urgent=True,
            )
        )
    return [
        Reply(
            text=ctx.render(
                "safeguarding.txt",
                safeguarding_contact=ctx.settings.safeguarding_contact,
                reference=reference,
            )
        )
    ]
