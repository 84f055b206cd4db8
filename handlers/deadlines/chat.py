"""Deadlines in chat: placements, reviews, condition changes, invoices, tenders and reminders."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select

from bot.errors import BadInput
from bot.messages import Incoming, Notification, Reply
from bot.models import (
    Bid,
    Deadline,
    DeadlineStatus,
    Invoice,
    Organisation,
    Person,
    Placement,
    Role,
    Tender,
)
from handlers.deadlines import store as clocks
from handlers.deadlines.sweep import SNOOZE_WEEK
from handlers.deps import Ctx
from handlers.formats import INVOICE_NUMBER, PLACEMENT_REFERENCE, DayError, in_window, parse_day
from scheduler.rules import schedule

REVIEW_RULES = ("initial-review", "monitoring", "condition-change")
MAX_AMOUNT_PENCE = 100_000_000_00  # £100m: anything bigger is a typing slip


def today(ctx: Ctx) -> date:
    """The sender's local date."""
    return clocks.local_date(ctx.now, ctx.person.timezone)


def parse_date(text: str, ctx: Ctx, *, what: str = "date") -> date:
    """YYYY-MM-DD, DD/MM/YYYY, "today" or "yesterday"; a clear BadInput otherwise."""
    word = text.strip().lower()
    if word == "today":
        return today(ctx)
    if word == "yesterday":
        return today(ctx) - timedelta(days=1)
    try:
        parsed = parse_day(word)
    except DayError as error:
        if error.problem == "unreal":
            raise BadInput(f"The {what} {text!r} does not exist. Please check it.") from None
        raise BadInput(f"I couldn't read the {what} {text!r}. Please write it as 2026-11-25 "
                       "or 25/11/2026.") from None
    if not in_window(parsed, today(ctx)):
        raise BadInput(f"The {what} {parsed.isoformat()} is too far from today. Please "
                       "check it.")
    return parsed


def parse_amount(text: str) -> int:
    """An amount in pounds (£1,234.56) as integer pence; a clear BadInput otherwise."""
    cleaned = text.strip().replace("£", "").replace(",", "")
    if not re.fullmatch(r"-?\d{1,12}(?:\.\d+)?", cleaned):
        raise BadInput(f"I couldn't read the amount {text!r}. Please write it like 1234.56.")
    try:
        pounds = Decimal(cleaned)
        exact = pounds == pounds.quantize(Decimal("0.01"))
    except InvalidOperation:
        raise BadInput(f"I couldn't read the amount {text!r}. Please write it like 1234.56."
                       ) from None
    if pounds <= 0 or not exact:
        raise BadInput(f"The amount {text!r} must be a positive sum in pounds and pence.")
    pence = int(pounds * 100)
    if pence > MAX_AMOUNT_PENCE:
        raise BadInput(f"The amount {text!r} looks too large. Please check it.")
    return pence


def _reference(text: str, what: str) -> str:
    if not PLACEMENT_REFERENCE.match(text):
        raise BadInput(f"{text!r} is not a {what} reference I can use: letters, digits and "
                       "- / _ . only, up to 32 characters.")
    return text.upper()


def _not_future(day: date, ctx: Ctx, what: str) -> None:
    if day > today(ctx):
        raise BadInput(f"The {what} {day.isoformat()} is in the future. Please check it.")


def _placement(ctx: Ctx, reference: str) -> Placement:
    """A placement the sender may see; another organisation's is answered as unknown."""
    placement = ctx.session.scalars(
        select(Placement).where(func.upper(Placement.reference) == reference.upper())).first()
    if placement is None or not _sees_placement(ctx.person, placement):
        raise BadInput(f"I don't know a placement {reference!r}. Type /placement list to see "
                       "yours.")
    return placement


def _sees_placement(person: Person, placement: Placement) -> bool:
    if person.role == Role.ADMIN:
        return True
    return person.organisation_id in (placement.provider_id, placement.council_id)


def _describe(deadline: Deadline, on: date) -> str:
    title = clocks.RULE_TITLES.get(deadline.rule, deadline.rule)
    days = (deadline.due_on - on).days
    if days < 0:
        when = f"OVERDUE by {-days} day{'s' if days != -1 else ''}"
    elif days == 0:
        when = "due today"
    else:
        when = f"due {deadline.due_on:%a} {deadline.due_on.day} {deadline.due_on:%b %Y}"
    return f"#{deadline.id} {title}: {deadline.reference}, {when}"


def show_reminders(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/reminders: my open deadlines, overdue first."""
    items = clocks.open_deadlines_for(ctx.session, ctx.person, today=today(ctx))
    if not items:
        return [Reply(text="Nothing is due for you. I'll remind you before anything falls due.")]
    on = today(ctx)
    lines = [_describe(item, on) for item in items]
    overdue = sum(1 for item in items if item.due_on < on)
    head = f"Your open deadlines ({len(items)}, {overdue} overdue):"
    return [Reply(text="\n".join([head, *lines, "", "Close one with /done NUMBER [outcome]."]))]


def placement_command(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/placement new REF START OTHER_EMAIL | /placement list."""
    words = ctx.args.split()
    if words[:1] == ["list"]:
        return _list_placements(ctx)
    if words[:1] != ["new"] or len(words) != 4:
        raise BadInput("Usage: /placement new REF START_DATE EMAIL (the commissioner's e-mail "
                       "if you are a provider, the provider contact's if you commission), or "
                       "/placement list.")
    reference = _reference(words[1], "placement")
    started = parse_date(words[2], ctx, what="start date")
    other = ctx.session.scalars(select(Person).where(
        Person.email == words[3].lower(), Person.active.is_(True))).first()
    me = ctx.person
    if me.role == Role.PROVIDER:
        if other is None or other.role != Role.COMMISSIONER:
            raise BadInput(f"I don't know a commissioner {words[3]!r}.")
        commissioner, contact = other, me
    elif me.role == Role.COMMISSIONER:
        if other is None or other.role != Role.PROVIDER:
            raise BadInput(f"I don't know a provider contact {words[3]!r}.")
        commissioner, contact = me, other
    else:
        raise BadInput("Admins add placements with pledgebot placements import.")
    if started > today(ctx) + timedelta(days=366):
        raise BadInput("The start date is more than a year away. Please check it.")
    exists = ctx.session.scalars(select(Placement.id).where(
        func.upper(Placement.reference) == reference)).first()
    if exists is not None:
        raise BadInput(f"The reference {reference} is already in use. Please choose another.")
    placement = Placement(reference=reference, council_id=commissioner.organisation_id,
                          provider_id=contact.organisation_id, commissioner_id=commissioner.id,
                          provider_contact_id=contact.id, started_on=started, created_at=ctx.now)
    ctx.session.add(placement)
    ctx.session.flush()
    deadline = open_review(ctx, placement, "initial-review", started)
    ctx.audit("placement.created", subject=f"placement:{placement.id}")
    return [Reply(text=f"Placement {reference} added, starting {started.isoformat()}. The "
                       f"initial review is due {deadline.due_on.isoformat()} (pledge 24); "
                       "I'll remind you both before then.")]


def open_review(ctx: Ctx, placement: Placement, rule: str, start: date) -> Deadline:
    """Open a review deadline for a placement, with its reminders."""
    due = schedule(rule, start, ctx.deps.calendar).due
    label = {"initial-review": "initial review", "monitoring": "monitoring review",
             "condition-change": "condition-change revisit"}[rule]
    return clocks.open_deadline(
        ctx.session, rule=rule, reference=f"{placement.reference} {label}", start_on=start,
        due_on=due, council_id=placement.council_id, provider_id=placement.provider_id,
        provider_contact_id=placement.provider_contact_id,
        commissioner_id=placement.commissioner_id, placement_id=placement.id,
        calendar=ctx.deps.calendar, policy=ctx.deps.reminders, now=ctx.now,
        actor_id=ctx.person.id)


def _list_placements(ctx: Ctx) -> list[Reply]:
    query = select(Placement).order_by(Placement.reference).limit(100)
    if ctx.person.role != Role.ADMIN:
        query = query.where((Placement.provider_id == ctx.person.organisation_id)
                            | (Placement.council_id == ctx.person.organisation_id))
    placements = ctx.session.scalars(query).all()
    if not placements:
        return [Reply(text="No placements yet. Add one with /placement new REF START_DATE EMAIL.")]
    lines = [f"{p.reference}: started {p.started_on.isoformat()}" for p in placements]
    return [Reply(text="Your placements:\n" + "\n".join(lines))]


def review_done(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/review done REF [DATE] [OUTCOME]: close the open review and start the next clock."""
    words = ctx.args.split()
    if len(words) < 2 or words[0] != "done":
        raise BadInput("Usage: /review done REF [DATE] [outcome, e.g. increase / decrease / "
                       "maintain].")
    placement = _placement(ctx, words[1])
    done_on = today(ctx)
    rest = words[2:]
    if (rest and re.match(r"^\d", rest[0])) or rest[:1] in (["today"], ["yesterday"]):
        done_on = parse_date(rest[0], ctx, what="review date")
        rest = rest[1:]
    outcome = " ".join(rest)[:500] or None
    _not_future(done_on, ctx, "review date")
    if done_on < placement.started_on:
        raise BadInput(f"The review date {done_on.isoformat()} is before placement "
                       f"{placement.reference} started ({placement.started_on.isoformat()}).")
    review = ctx.session.scalars(
        select(Deadline).where(Deadline.placement_id == placement.id,
                               Deadline.status == DeadlineStatus.OPEN,
                               Deadline.rule.in_(REVIEW_RULES))
        .order_by(Deadline.due_on, Deadline.id)).first()
    if review is None:
        raise BadInput(f"Placement {placement.reference} has no review open.")
    return [Reply(text=_close_review(ctx, placement, review, done_on, outcome))]


def _close_review(ctx: Ctx, placement: Placement, review: Deadline, done_on: date,
                  outcome: str | None) -> str:
    """Close one review; a regular review starts the next 6-monthly one (pledge 25)."""
    clocks.close_deadline(ctx.session, review, status=DeadlineStatus.DONE, on=done_on,
                          outcome=outcome, actor_id=ctx.person.id, now=ctx.now)
    reply = f"Recorded: {review.reference} done on {done_on.isoformat()}."
    other_open = ctx.session.scalars(select(Deadline.id).where(
        Deadline.placement_id == placement.id, Deadline.status == DeadlineStatus.OPEN,
        Deadline.rule.in_(("initial-review", "monitoring")))).first()
    if review.rule != "condition-change" and other_open is None:
        following = open_review(ctx, placement, "monitoring", done_on)
        reply += (f" The next joint monitoring review is due {following.due_on.isoformat()} "
                  "(pledge 25).")
    return reply


def condition_change(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/condition-change REF [DATE]: start the 2-week clock and tell the commissioner now."""
    words = ctx.args.split()
    if not words or len(words) > 2:
        raise BadInput("Usage: /condition-change REF [DATE the change was notified].")
    placement = _placement(ctx, words[0])
    notified = parse_date(words[1], ctx, what="notification date") if len(words) == 2 else (
        today(ctx))
    _not_future(notified, ctx, "notification date")
    if notified < placement.started_on:
        raise BadInput(f"The date {notified.isoformat()} is before placement "
                       f"{placement.reference} started.")
    deadline = open_review(ctx, placement, "condition-change", notified)
    ctx.notify(Notification(
        person_id=placement.commissioner_id, kind="condition-change",
        text=(f"{ctx.person.name} ({ctx.person.organisation.name}) reports a change in the "
              f"condition of the person in placement {placement.reference}, notified "
              f"{notified.isoformat()}. The care package and funding should be revisited by "
              f"{deadline.due_on.isoformat()} (pledge 26)."),
        idempotency_key=f"condition-change:{deadline.id}"))
    return [Reply(text=f"Noted. The revisit for {placement.reference} is due by "
                       f"{deadline.due_on.isoformat()} (pledge 26), and the commissioner has "
                       "been told.")]


def invoice_command(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/invoice received NUMBER DATE AMOUNT [PLACEMENT] | /invoice paid NUMBER [DATE]."""
    words = ctx.args.split()
    if words[:1] == ["received"] and len(words) in (4, 5):
        return _invoice_received(ctx, words[1], words[2], words[3],
                                 words[4] if len(words) == 5 else None)
    if words[:1] == ["paid"] and len(words) in (2, 3):
        return _invoice_paid(ctx, words[1], words[2] if len(words) == 3 else None)
    raise BadInput("Usage: /invoice received NUMBER DATE AMOUNT [PLACEMENT], or "
                   "/invoice paid NUMBER [DATE].")


def _invoice_received(ctx: Ctx, number: str, when: str, amount: str,
                      placement_ref: str | None) -> list[Reply]:
    if ctx.person.role != Role.PROVIDER:
        raise BadInput("Providers record the invoices they send with /invoice received.")
    if not INVOICE_NUMBER.match(number):
        raise BadInput(f"{number!r} is not an invoice number I can use.")
    received = parse_date(when, ctx, what="date received")
    _not_future(received, ctx, "date received")
    pence = parse_amount(amount)
    if placement_ref is not None:
        placement = _placement(ctx, placement_ref)
    else:
        placements = ctx.session.scalars(
            select(Placement).where(Placement.provider_id == ctx.person.organisation_id)
            .order_by(Placement.started_on.desc(), Placement.id.desc())).all()
        councils = {p.council_id for p in placements}
        if len(councils) != 1:
            raise BadInput("Which placement is this invoice for? Add it at the end: "
                           "/invoice received NUMBER DATE AMOUNT PLACEMENT.")
        placement = placements[0]
    duplicate = ctx.session.scalars(select(Invoice.id).where(
        Invoice.issuer_id == ctx.person.organisation_id, Invoice.number == number)).first()
    if duplicate is not None:
        raise BadInput(f"Invoice {number} is already recorded.")
    invoice = Invoice(number=number, issuer_id=ctx.person.organisation_id,
                      payer_id=placement.council_id, placement_id=placement.id,
                      amount_pence=pence, received_on=received, created_at=ctx.now)
    ctx.session.add(invoice)
    ctx.session.flush()
    due = schedule("payment", received, ctx.deps.calendar).due
    clocks.open_deadline(
        ctx.session, rule="payment", reference=f"invoice {number}", start_on=received,
        due_on=due, council_id=placement.council_id, provider_id=placement.provider_id,
        provider_contact_id=ctx.person.id, commissioner_id=placement.commissioner_id,
        invoice_id=invoice.id, calendar=ctx.deps.calendar, policy=ctx.deps.reminders,
        now=ctx.now, actor_id=ctx.person.id)
    council = ctx.session.get_one(Organisation, placement.council_id)
    return [Reply(text=f"Invoice {number} for £{pence / 100:,.2f} to {council.name} (placement "
                       f"{placement.reference}) recorded as received on "
                       f"{received.isoformat()}. Payment is due by {due.isoformat()} "
                       "(the pledge's 10 days; the law's limit is 30 days).")]


def _invoice_paid(ctx: Ctx, number: str, when: str | None) -> list[Reply]:
    paid_on = parse_date(when, ctx, what="payment date") if when else today(ctx)
    _not_future(paid_on, ctx, "payment date")
    query = select(Invoice).where(Invoice.number == number)
    if ctx.person.role == Role.PROVIDER:
        query = query.where(Invoice.issuer_id == ctx.person.organisation_id)
    elif ctx.person.role == Role.COMMISSIONER:
        query = query.where(Invoice.payer_id == ctx.person.organisation_id)
    invoices = ctx.session.scalars(query).all()
    if not invoices:
        raise BadInput(f"I don't know an invoice {number!r}.")
    if len(invoices) > 1:
        raise BadInput(f"More than one provider sent an invoice {number!r}; please mark it paid "
                       "from the provider's side.")
    return [Reply(text=_mark_paid(ctx, invoices[0], paid_on))]


def _mark_paid(ctx: Ctx, invoice: Invoice, paid_on: date) -> str:
    """Record an invoice paid and close its payment clock."""
    number = invoice.number
    if invoice.paid_on is not None:
        return (f"Invoice {number} was already recorded as paid on "
                f"{invoice.paid_on.isoformat()}.")
    if paid_on < invoice.received_on:
        raise BadInput(f"The payment date {paid_on.isoformat()} is before the invoice was "
                       f"received ({invoice.received_on.isoformat()}).")
    invoice.paid_on = paid_on
    for deadline in ctx.session.scalars(select(Deadline).where(
            Deadline.invoice_id == invoice.id, Deadline.status == DeadlineStatus.OPEN)):
        clocks.close_deadline(ctx.session, deadline, status=DeadlineStatus.DONE, on=paid_on,
                              outcome="paid", actor_id=ctx.person.id, now=ctx.now)
    days = (paid_on - invoice.received_on).days
    return (f"Invoice {number} recorded as paid on {paid_on.isoformat()}, "
            f"{days} day{'s' if days != 1 else ''} after it was received.")


def show_tenders(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/tender: the dates of my tenders (bids for a provider, the council's for a commissioner)."""
    query = select(Tender).order_by(Tender.published_on.desc()).limit(20)
    if ctx.person.role == Role.PROVIDER:
        query = query.join(Bid, Bid.tender_id == Tender.id).where(
            Bid.provider_id == ctx.person.organisation_id)
    elif ctx.person.role == Role.COMMISSIONER:
        query = query.where(Tender.council_id == ctx.person.organisation_id)
    tenders = ctx.session.scalars(query).all()
    if not tenders:
        return [Reply(text="No tenders for you yet.")]
    lines = []
    for tender in tenders:
        dates = [("clarification deadline", tender.clarification_on),
                 ("submission deadline", tender.submission_on),
                 ("standstill ends", tender.standstill_end_on)]
        shown = ", ".join(f"{name} {day.isoformat()}" for name, day in dates if day)
        lines.append(f"{tender.reference} {tender.title}: {shown or 'no dates yet'}")
    return [Reply(text="Your tenders:\n" + "\n".join(lines))]


def _deadline_from(value: str | None, ctx: Ctx) -> Deadline:
    raw = (value or "").strip().lstrip("#")
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else None
    deadline = ctx.session.get(Deadline, number) if number is not None else None
    if deadline is None or not clocks.may_act_on(ctx.person, deadline):
        raise BadInput("I don't know that deadline. Type /reminders to see yours.")
    if deadline.status != DeadlineStatus.OPEN:
        raise BadInput(f"{deadline.reference} is already closed.")
    return deadline


def done_command(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/done NUMBER [OUTCOME], or the Done button: close a deadline."""
    if incoming.action is not None:
        deadline, outcome = _deadline_from(incoming.action_value, ctx), None
    else:
        number, _, outcome_text = ctx.args.partition(" ")
        deadline, outcome = _deadline_from(number, ctx), (outcome_text.strip()[:500] or None)
    if deadline.placement_id is not None and deadline.rule in REVIEW_RULES:
        placement = ctx.session.get_one(Placement, deadline.placement_id)
        return [Reply(text=_close_review(ctx, placement, deadline, today(ctx), outcome))]
    if deadline.invoice_id is not None:
        invoice = ctx.session.get_one(Invoice, deadline.invoice_id)
        return [Reply(text=_mark_paid(ctx, invoice, today(ctx)))]
    clocks.close_deadline(ctx.session, deadline, status=DeadlineStatus.DONE, on=today(ctx),
                          outcome=outcome, actor_id=ctx.person.id, now=ctx.now)
    return [Reply(text=f"Recorded: {deadline.reference} done. Its reminders are stopped.")]


def snooze_button(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Snooze 1 day or 1 week: this person's reminders of the deadline wait until then."""
    deadline = _deadline_from(incoming.action_value, ctx)
    days = 7 if incoming.action == SNOOZE_WEEK else 1
    send_at = clocks.snooze(ctx.session, deadline, ctx.person, days=days,
                            calendar=ctx.deps.calendar,
                            policy=ctx.deps.reminders, now=ctx.now)
    on = clocks.local_date(send_at, ctx.person.timezone)
    return [Reply(text=f"I'll remind you about {deadline.reference} again on "
                       f"{on:%A} {on.day} {on:%B}.")]


def not_applicable(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/not-applicable NUMBER REASON, or the button (which asks for the reason)."""
    if incoming.action is not None:
        deadline = _deadline_from(incoming.action_value, ctx)
        return [Reply(text=f"Please tell me why {deadline.reference} does not apply: "
                           f"/not-applicable {deadline.id} REASON")]
    number, _, reason = ctx.args.partition(" ")
    deadline = _deadline_from(number, ctx)
    reason = reason.strip()
    if len(reason) < 3:
        raise BadInput("Please give a reason: /not-applicable NUMBER REASON")
    clocks.close_deadline(ctx.session, deadline, status=DeadlineStatus.NOT_APPLICABLE,
                          on=today(ctx), outcome=reason[:500], actor_id=ctx.person.id,
                          now=ctx.now)
    return [Reply(text=f"Recorded: {deadline.reference} marked not applicable ({reason[:80]}).")]
