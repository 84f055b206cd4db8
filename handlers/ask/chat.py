"""Free text and /ask: safeguarding first, then an answer and its source, or "I don't know".

Every question is kept (the ``question`` table) with what the bot did, so that unanswered and
unhelpful ones can be listed by frequency (``pledgebot kb gaps``) and the missing entries written.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.dispatch import Context
from bot.errors import BadInput
from bot.messages import Button, Incoming, Notification, Reply
from bot.models import Case, CaseKind, Organisation, OrganisationKind, Person, Question, Role
from handlers.cases import service as cases
from handlers.cases.chat import council_for
from knowledge import safeguarding
from knowledge.answers import MAX_QUESTION_CHARS, Answer, Answerer
from knowledge.base import Entry

MAX_STORED_CHARS = MAX_QUESTION_CHARS
MAX_SOURCES_SHOWN = 3


def question_reference(question_id: int) -> str:
    """The reference a person can quote for a question."""
    return f"Q-{question_id:06d}"


def ask(incoming: Incoming, ctx: Context) -> list[Reply]:
    """Answer a question; a safeguarding concern is recognised before anything else."""
    question = ctx.args if incoming.text.startswith("/") else incoming.text
    if not question:
        return [Reply(text=ctx.render("ask_usage.txt"))]
    if ctx.answerer is None:  # no knowledge base wired: still safeguarding first
        concern = safeguarding.detect(question)
        if concern is not None:
            return raise_concern(question, concern, incoming, ctx)
        return [_record_and_abstain(question, incoming, ctx, "abstain")]
    answer = ctx.answerer.ask(question)
    if answer.mode == "safeguarding" and answer.concern is not None:
        return raise_concern(question, answer.concern, incoming, ctx)
    if answer.mode == "too_long":
        return [Reply(text=ctx.render("question_too_long.txt", length=len(question),
                                      limit=MAX_QUESTION_CHARS))]
    if answer.mode in ("abstain", "not_english"):
        return [_record_and_abstain(question, incoming, ctx, answer.mode, answer)]
    record = _record(question, incoming, ctx, answer)
    if answer.mode == "choose":
        buttons = tuple(
            Button(label=entry.title, action="answer.pick", value=f"{record.id}:{entry.id}")
            for entry in answer.entries[:2]
        )
        return [Reply(text=ctx.render("choose.txt"), buttons=buttons)]
    assert answer.best is not None  # noqa: S101 - answered means there is a best entry
    return [answer_reply(answer.best, record.id, ctx)]


def answer_reply(entry: Entry, question_id: int, ctx: Context) -> Reply:
    """One entry's answer with its source, date and the three follow-up buttons."""
    text = ctx.render(
        "answer.txt",
        title=entry.title,
        answer=entry.answer,
        citation=entry.citation,
        sources=entry.sources[:MAX_SOURCES_SHOWN],
        as_at=f"{entry.as_at.day} {entry.as_at:%B %Y}",
        confidence=entry.confidence,
    )
    value = str(question_id)
    return Reply(text=text, buttons=(
        Button(label="Helpful", action="answer.helpful", value=value),
        Button(label="Not helpful", action="answer.unhelpful", value=value),
        Button(label="Ask a commissioner", action="answer.handover", value=value),
    ))


def _record(question: str, incoming: Incoming, ctx: Context, answer: Answer | None,
            mode: str | None = None) -> Question:
    best = answer.hits[0] if answer is not None and answer.hits else None
    record = Question(
        person_id=ctx.person.id,
        organisation_id=ctx.person.organisation_id,
        channel=incoming.channel,
        text=question[:MAX_STORED_CHARS],
        answered=bool(answer is not None and answer.answered),
        mode=mode or (answer.mode if answer is not None else "abstain"),
        entry_id=best.entry_id if best is not None else None,
        score=round(best.score, 4) if best is not None else None,
        asked_at=ctx.now,
    )
    ctx.session.add(record)
    ctx.session.flush()
    action = "question.answered" if record.answered else "question.unanswered"
    ctx.audit(action, subject=f"question:{record.id}", entry=record.entry_id)
    return record


def _record_and_abstain(question: str, incoming: Incoming, ctx: Context, mode: str,
                        answer: Answer | None = None) -> Reply:
    record = _record(question, incoming, ctx, answer, mode)
    template = "not_english.txt" if mode == "not_english" else "abstain.txt"
    return Reply(
        text=ctx.render(template, council_name=ctx.settings.council_name),
        buttons=(Button(label="Ask a commissioner", action="answer.handover",
                        value=str(record.id)),),
    )


def _own_question(incoming: Incoming, ctx: Context) -> Question | None:
    """The question a button refers to, only if it is the presser's own."""
    raw = (incoming.action_value or "").split(":", 1)[0]
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
        return None
    record = ctx.session.get(Question, int(raw))
    if record is None or record.person_id != ctx.person.id:
        return None
    return record


def _stale(ctx: Context) -> list[Reply]:
    return [Reply(text=ctx.render("stale_button.txt"))]


def pick(incoming: Incoming, ctx: Context) -> list[Reply]:
    """The person chose one of two offered entries."""
    record = _own_question(incoming, ctx)
    entry_id = (incoming.action_value or "").partition(":")[2]
    answerer: Answerer | None = ctx.answerer
    entry = answerer.entry(entry_id) if answerer is not None else None
    if record is None or entry is None:
        return _stale(ctx)
    record.entry_id = entry.id
    record.mode = "answer"
    record.answered = True
    ctx.audit("question.picked", subject=f"question:{record.id}", entry=entry.id)
    return [answer_reply(entry, record.id, ctx)]


def rate(incoming: Incoming, ctx: Context) -> list[Reply]:
    """Helpful or not helpful: recorded, so unhelpful answers show up in the gaps."""
    record = _own_question(incoming, ctx)
    if record is None:
        return _stale(ctx)
    helpful = incoming.action == "answer.helpful"
    record.helpful = helpful
    ctx.audit("question.rated", subject=f"question:{record.id}", helpful=helpful)
    reply = Reply(text=ctx.render("rated.txt", helpful=helpful))
    if not helpful and record.handed_over_at is None:
        reply = Reply(text=reply.text, buttons=(
            Button(label="Ask a commissioner", action="answer.handover", value=str(record.id)),))
    return [reply]


def hand_over(incoming: Incoming, ctx: Context) -> list[Reply]:
    """Open a question case for a person to answer, routed like any case, and tell its owner."""
    record = _own_question(incoming, ctx)
    if record is None:
        return _stale(ctx)
    question_ref = question_reference(record.id)
    if record.handed_over_at is not None:
        case = ctx.session.scalars(select(Case).where(
            Case.summary.like(f"Question {question_ref}:%"),
            Case.raised_by_id == ctx.person.id)).first()
        reference = case.reference if case is not None else question_ref
        return [Reply(text=ctx.render("handed_over.txt", already=True, reference=reference,
                                      contact=None, council_name=ctx.settings.council_name))]
    record.handed_over_at = ctx.now
    contact = _questions_contact(ctx)
    case: Case | None = None
    try:
        with ctx.session.begin_nested():
            case, _note = cases.open_case(ctx.session, cases.NewCase(
                kind=CaseKind.QUESTION, category="other", council_id=council_for(ctx),
                description=record.text[:cases.MAX_DESCRIPTION] or "(no words kept)",
                summary=f"Question {question_ref}: {' '.join(record.text.split())}"[
                    :cases.MAX_SUMMARY],
                provider_id=(ctx.person.organisation_id if ctx.person.role == Role.PROVIDER
                             else None),
                raised_by_id=ctx.person.id,
                fallback_owner_id=contact.id if contact is not None else None),
                settings=ctx.settings, policy=cases.SlaPolicy.from_settings(ctx.settings),
                calendar=ctx.calendar, now=ctx.now)
    except BadInput:
        case = None  # no council set up yet: the question is still kept for the gaps report
    reference = case.reference if case is not None else question_ref
    ctx.audit("question.handed_over", subject=f"question:{record.id}", case=reference)
    owner = ctx.session.get(Person, case.assignee_id) if case is not None else contact
    if owner is not None:
        ctx.notify(Notification(
            person_id=owner.id,
            kind="question.handed_over",
            text=ctx.render("question_alert.txt", reference=reference, name=ctx.person.name,
                            organisation=ctx.person.organisation.name, email=ctx.person.email,
                            text=record.text, is_case=case is not None),
            idempotency_key=f"question:{record.id}:handover",
            buttons=cases.council_buttons(case) if case is not None else (),
        ))
    return [Reply(text=ctx.render(
        "handed_over.txt", already=False, reference=reference,
        contact=owner.name if owner is not None else None,
        council_name=ctx.settings.council_name))]


def _questions_contact(ctx: Context) -> Person | None:
    """The configured contact; else, when the bot serves one council, its first commissioner."""
    email = ctx.settings.questions_contact
    if email:
        return ctx.session.scalars(
            select(Person).where(Person.email == email.strip().lower(), Person.active.is_(True))
        ).first()
    councils = ctx.session.scalars(
        select(Organisation.id).where(Organisation.kind == OrganisationKind.COUNCIL).limit(2)
    ).all()
    if len(councils) != 1:
        return None
    return ctx.session.scalars(
        select(Person).where(Person.organisation_id == councils[0],
                             Person.role == Role.COMMISSIONER, Person.active.is_(True),
                             Person.safeguarding_lead.is_(False))
        .order_by(Person.id)
    ).first()


def safeguarding_guard(text: str, incoming: Incoming, ctx: Context) -> list[Reply]:
    """The Router's text guard: words a provider types anywhere (a form, a case comment) that
    describe harm raise a safeguarding concern at once, as they would as a question.

    Not for council staff: they are the ones handling concerns, and their notes on a case
    ("the carer who hit her was suspended") must not open new ones.
    """
    if ctx.person.role != Role.PROVIDER:
        return []
    concern = safeguarding.detect(text)
    return raise_concern(text, concern, incoming, ctx) if concern is not None else []


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
                settings=ctx.settings, policy=cases.SlaPolicy.from_settings(ctx.settings),
                calendar=ctx.calendar, now=ctx.now)
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
