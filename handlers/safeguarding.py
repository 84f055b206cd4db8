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

from sqlalchemy import select

from bot.dispatch import Router, parse_command, typed_words
from bot.errors import BadInput, NotAllowed
from bot.messages import Incoming, Notification, Reply
from bot.models import Case, CaseKind, Organisation, OrganisationKind, Person, Question, Role
from bot.registry import Next
from handlers.cases import service as cases
from handlers.cases.chat import council_for
from handlers.deps import Ctx, Deps
from knowledge import safeguarding
from knowledge.answers import MAX_QUESTION_CHARS

# ``ctx.marks`` key set when this message raised a concern (the ask handler then says no more).
CONCERN_RAISED = "safeguarding.raised"
MAX_STORED_CHARS = MAX_QUESTION_CHARS


def register(router: Router[Deps], deps: Deps) -> None:
    """Read every typed word for harm, before any handler (a middleware)."""
    router.use(read_every_word)


def read_every_word(incoming: Incoming, ctx: Ctx, rest: Next) -> list[Reply]:
    """The middleware: raise a concern the words describe, then run the rest of the chain."""
    words = typed_words(incoming, ctx.registry).strip()
    if not words or not _reads(ctx, incoming):
        return rest(incoming, ctx)
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
    """Give the safeguarding guidance at once, record the concern, tell the leads now."""
    record = Question(
        person_id=ctx.person.id,
        organisation_id=ctx.person.organisation_id,
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
                provider_id=(ctx.person.organisation_id if ctx.person.role == Role.PROVIDER
                             else None),
                raised_by_id=ctx.person.id, summary=f"Safeguarding concern ({concern.kind})"),
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
        reference, key = f"SG-{record.id:06d}", f"safeguarding:{record.id}"
        told = list(ctx.session.scalars(
            select(Person).join(Organisation)
            .where(Person.safeguarding_lead.is_(True), Person.active.is_(True),
                   Organisation.kind == OrganisationKind.COUNCIL).order_by(Person.id)))
    ctx.audit("safeguarding.raised", subject=reference, kind=concern.kind,
              question=record.id)
    for lead in told:
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
            )
        )
    ]
