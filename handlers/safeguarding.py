"""Safeguarding: every word a person types is read for harm before any handler sees it.

``read_every_word`` is a Router middleware (``register`` adds it). It reads the typed words of
every message (free text, a command's words, a form's answers, a whole form's free-text answers;
``bot.dispatch.typed_words``) with ``knowledge.safeguarding.detect``. A concern is raised at once,
whatever then becomes of the message: the guidance goes back to the sender first, an urgent case
is opened for the council's safeguarding lead, and the leads are told now (through the outbox,
``urgent``). The handler then runs as usual inside a SAVEPOINT, so if it refuses the message
(``BadInput``, ``NotAllowed``) only its own work is undone, never the concern.

Whose words are read: a provider's, everywhere. Council staff handle concerns, and their notes
on a case ("the carer who hit her was suspended") must not open new ones, so only their questions
(free text outside a form, and ``/ask``) are read.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import audit
from bot.dispatch import Router, parse_command, typed_words
from bot.errors import BadInput, NotAllowed
from bot.messages import Incoming, Notification, Reply
from bot.models import (
    Case,
    CaseKind,
    FormSession,
    Organisation,
    OrganisationKind,
    Person,
    Question,
    Role,
)
from bot.registry import WORDS_ANSWERED, Next
from bot.templates import render
from handlers.cases import service as cases
from handlers.cases.chat import ANONYMOUS_CHOICES, FEEDBACK_FORM, council_for
from handlers.deps import Ctx, Deps
from knowledge import safeguarding
from knowledge.answers import MAX_QUESTION_CHARS

# ``ctx.marks`` keys: this message raised a concern (the runtime's ``WORDS_ANSWERED``: the ask
# handler then says no more, and an open form does not complain about the words); its words
# were read (the ask handler need not read them again).
CONCERN_RAISED = WORDS_ANSWERED
WORDS_READ = "safeguarding.read"
MAX_STORED_CHARS = MAX_QUESTION_CHARS


def register(router: Router[Deps], deps: Deps) -> None:
    """Read every typed word for harm, before any handler (a middleware); strangers' too."""
    router.use(read_every_word)
    templates, settings = router.templates, router.settings

    def guide_stranger(incoming: Incoming, session: Session, now: datetime) -> list[Reply]:
        """Anyone who describes harm gets the emergency guidance at once, known or not. Of a
        stranger nothing is kept but that it happened (an audit event with no actor, no
        words, no address): the hub cannot act on an unknown sender, so it is not told."""
        words = typed_words(incoming, router).strip()
        if not words or safeguarding.detect(words) is None:
            return []
        audit.record(session, "safeguarding.stranger", actor_id=None, subject=None, at=now,
                     channel=incoming.channel.value)
        return [Reply(text=render(templates, "safeguarding.txt",
                                  safeguarding_contact=settings.safeguarding_contact,
                                  reference=None, stranger=True))]

    router.use_for_strangers(guide_stranger)


def read_every_word(incoming: Incoming, ctx: Ctx, rest: Next) -> list[Reply]:
    """The middleware: raise a concern the words describe, then run the rest of the chain."""
    words = typed_words(incoming, ctx.registry).strip()
    if not words or not _reads(ctx, incoming):
        return rest(incoming, ctx)
    ctx.marks[WORDS_READ] = True
    concern = safeguarding.detect(words)
    if concern is None:
        return rest(incoming, ctx)
    guidance = raise_concern(words, concern, incoming, ctx)
    ctx.marks[CONCERN_RAISED] = True
    queued = len(ctx.notifications)
    savepoint = ctx.session.begin_nested()
    try:
        replies = rest(incoming, ctx)
    except (BadInput, NotAllowed) as error:
        # A refused command must not take the concern with it.
        savepoint.rollback()
        del ctx.notifications[queued:]
        return [*guidance, Reply(text=str(error))]
    savepoint.commit()
    return [*guidance, *replies]


def _reads(ctx: Ctx, incoming: Incoming) -> bool:
    """Whether this person's words are read: a provider's always; council staff's questions."""
    if ctx.person.role == Role.PROVIDER:
        return True
    if incoming.action is not None or incoming.form_id is not None:
        return False
    command = parse_command(incoming.text)
    if command is None:
        return not ctx.form_open
    return command.name == "ask"


def raise_concern(
    text: str, concern: safeguarding.SafeguardingMatch, incoming: Incoming, ctx: Ctx
) -> list[Reply]:
    """Give the safeguarding guidance at once, record the concern, tell the leads now.

    Words typed towards feedback (which may be anonymous) raise the concern anonymously: the
    case, the audit record and the alert carry the provider organisation but nothing that
    links the words to the person, no question row keeps them, and the person is told plainly
    what the hub will and will not see.
    """
    anonymous = _towards_feedback(incoming, ctx)
    person = ctx.person
    record: Question | None = None
    if not anonymous:
        record = Question(
            person_id=person.id,
            organisation_id=person.organisation_id,
            channel=incoming.channel,
            text=text[:MAX_STORED_CHARS],
            safeguarding=True,
            mode="safeguarding",
            entry_id="safeguarding-concerns",
            asked_at=ctx.now,
        )
        ctx.session.add(record)
        ctx.session.flush()
    # An urgent case at once: its owner must acknowledge within the hour, at any time, or the
    # SLA sweep escalates it; the council's safeguarding leads are told now, not at 09:00.
    case: Case | None = None
    try:
        with ctx.session.begin_nested():
            council_id = council_for(ctx)
            case, _owner_note = cases.open_case(ctx.session, cases.NewCase(
                kind=CaseKind.SAFEGUARDING, category="other", council_id=council_id,
                description=text[:cases.MAX_DESCRIPTION], severity="urgent",
                provider_id=(person.organisation_id if person.role == Role.PROVIDER
                             else None),
                raised_by_id=None if anonymous else person.id,
                summary=f"Safeguarding concern ({concern.kind})"),
                settings=ctx.settings, policy=ctx.deps.sla,
                calendar=ctx.deps.calendar, now=ctx.now, templates=ctx.templates)
    except BadInput:
        # No council or nobody to own it yet: the guidance and the alerts still go out.
        case = None
    if case is not None:
        reference, key = case.reference, f"case:{case.id}"
        told = cases.safeguarding_leads(ctx.session, case.council_id)
        if case.assignee_id not in {lead.id for lead in told}:
            told.insert(0, ctx.session.get_one(Person, case.assignee_id))
    else:
        serial = record.id if record is not None else uuid.uuid4().int % 10**6
        reference, key = f"SG-{serial:06d}", f"safeguarding:{uuid.uuid4().hex}"
        told = list(ctx.session.scalars(
            select(Person).join(Organisation)
            .where(Person.safeguarding_lead.is_(True), Person.active.is_(True),
                   Organisation.kind == OrganisationKind.COUNCIL).order_by(Person.id)))
    if anonymous:
        audit.record(ctx.session, "safeguarding.raised", actor_id=None, subject=reference,
                     at=ctx.now, kind=concern.kind, anonymous=True)
    else:
        ctx.audit("safeguarding.raised", subject=reference, kind=concern.kind,
                  question=record.id if record is not None else None)
    for lead in told:
        ctx.notify(
            Notification(
                person_id=lead.id,
                kind="safeguarding.raised",
                text=ctx.render(
                    "safeguarding_alert.txt",
                    reference=reference,
                    raised_by=None if anonymous else person.name,
                    organisation=person.organisation.name,
                    email=None if anonymous else person.email,
                    kind=concern.kind,
                    text=text[:MAX_STORED_CHARS],
                ),
                idempotency_key=f"{key}:safeguarding:to:{lead.id}",
                buttons=cases.council_buttons(case) if case is not None else (),
                urgent=True,
            )
        )
    return [
        Reply(
            text=ctx.render(
                "safeguarding.txt",
                safeguarding_contact=ctx.settings.safeguarding_contact,
                reference=reference,
                anonymous=anonymous,
            )
        )
    ]


def _towards_feedback(incoming: Incoming, ctx: Ctx) -> bool:
    """Whether these words are feedback, which may be anonymous: ``/feedback TEXT``, an answer
    while the feedback form is open, or a whole feedback form not signed with a name."""
    form_id = FEEDBACK_FORM.form_id
    if incoming.form_id is not None:
        return (incoming.form_id == form_id
                and incoming.form_values.get("anonymous") != ANONYMOUS_CHOICES[1])
    command = parse_command(incoming.text)
    if command is not None:
        return command.name == "feedback"
    if not ctx.form_open:
        return False
    open_form = ctx.session.scalar(
        select(FormSession.form_id).where(FormSession.person_id == ctx.person.id))
    return open_form == form_id
