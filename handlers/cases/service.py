"""Cases: feedback, conflicts, questions and safeguarding concerns, owned by a named person.

A case has a reference people can quote (``PB-2026-000123``), an owner chosen by the routing
rules, two SLA clocks (acknowledge within N working days, resolve within M) and an append-only
history both sides see. Every function here works in the caller's transaction and returns the
notifications to queue, so the handler (or the SLA sweep) commits the change and the messages
together.

Who sees what (pledge 3): a provider's people see their organisation's cases, a commissioner the
cases of their council, an admin all. A case someone may not see is answered exactly as an
unknown reference, so its existence leaks nothing.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, false, or_, select, true
from sqlalchemy.orm import Session

from bot.config import CASE_CATEGORIES, Settings
from bot.errors import BadInput, NotAllowed
from bot.messages import Button, Notification
from bot.models import (
    Case,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Contract,
    Invoice,
    Organisation,
    Person,
    Placement,
    Role,
    RoutingRule,
    Tender,
)
from scheduler.rules import WorkingCalendar

CATEGORY_TITLES = {
    "payment": "Payment",
    "placement-review": "Placement review",
    "care-funding": "Care package and funding",
    "procurement": "Procurement process",
    "contract": "Contract",
    "other": "Other",
}
assert tuple(CATEGORY_TITLES) == CASE_CATEGORIES  # noqa: S101 - one list of categories
# [acknowledge, resolve] in working days, per kind; "kind.category" entries override.
DEFAULT_SLA = {"feedback": (5, 20), "conflict": (2, 20), "question": (2, 10),
               "safeguarding": (0, 5)}
CLOSED = (CaseStatus.RESOLVED, CaseStatus.WITHDRAWN)
TOP_LEVEL = 3
STATUS_WORDS = {
    CaseStatus.OPEN: "open, not yet acknowledged",
    CaseStatus.ACKNOWLEDGED: "acknowledged",
    CaseStatus.IN_PROGRESS: "in progress",
    CaseStatus.RESOLUTION_PROPOSED: "resolution proposed",
    CaseStatus.RESOLVED: "resolved",
    CaseStatus.WITHDRAWN: "withdrawn",
}
_REFERENCE = re.compile(r"^PB-(\d{4})-(\d{6,9})$")
MAX_DESCRIPTION = 4000
MAX_SUMMARY = 120
_BUTTON = "case."


def button_action(name: str) -> str:
    """The action of the button that does ``name`` to a case (``case.acknowledge``); the
    one-question form such a button opens has the same id."""
    return _BUTTON + name


def button_name(action: str) -> str:
    """What a case button (or its one-question form) does: ``button_action`` undone."""
    return action.removeprefix(_BUTTON)


# The actions of a case's buttons (registered in ``handlers/cases/__init__.py``).
ACKNOWLEDGE = button_action("acknowledge")
SHOW = button_action("show")
ASK = button_action("ask")
PROPOSE = button_action("propose")
RESOLVE = button_action("resolve")
REASSIGN = button_action("reassign")
COMMENT = button_action("comment")
ACCEPT = button_action("accept")
REJECT = button_action("reject")
WITHDRAW = button_action("withdraw")
BUTTONS = (ACKNOWLEDGE, SHOW, ASK, PROPOSE, RESOLVE, REASSIGN, COMMENT, ACCEPT, REJECT,
           WITHDRAW)


def reference_for(year: int, case_id: int) -> str:
    """The reference people quote: PB-<year opened>-<number, six digits at least>."""
    return f"PB-{year}-{case_id:06d}"


def parse_reference(text: str) -> str | None:
    """A reference as typed (any case, spaces around) in its stored form, or None."""
    candidate = text.strip().upper()
    return candidate if _REFERENCE.match(candidate) else None


# -- SLA clocks -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SlaPolicy:
    """How long a case may wait: per kind (and category), in working days, and the ladder."""

    days: Mapping[str, tuple[int, int]] = field(default_factory=lambda: dict(DEFAULT_SLA))
    day_end_hour: int = 17
    escalate_every: int = 5
    safeguarding_acknowledge: timedelta = timedelta(minutes=60)
    timezone: str = "Europe/London"

    @classmethod
    def from_settings(cls, settings: Settings) -> SlaPolicy:
        """The SLA policy the settings describe."""
        days = dict(DEFAULT_SLA)
        days.update({key: (value[0], value[1])
                     for key, value in settings.case_sla_working_days.items()})
        return cls(days=days, day_end_hour=settings.case_day_end_hour,
                   escalate_every=settings.case_escalate_every_working_days,
                   safeguarding_acknowledge=timedelta(
                       minutes=settings.safeguarding_acknowledge_minutes),
                   timezone=settings.timezone)

    def working_days(self, kind: str, category: str) -> tuple[int, int]:
        """[acknowledge, resolve] working days for a kind and category."""
        return self.days.get(f"{kind}.{category}") or self.days.get(kind) or DEFAULT_SLA[kind]

    def end_of(self, day: date) -> datetime:
        """The end of a working day (the configured hour, local time), as aware UTC."""
        zone = ZoneInfo(self.timezone)
        return datetime.combine(day, time(self.day_end_hour), tzinfo=zone).astimezone(
            ZoneInfo("UTC"))

    def after(self, moment: datetime, working_days: int, calendar: WorkingCalendar) -> datetime:
        """The end of the ``working_days``-th working day after ``moment``'s day.

        Zero means the end of the same day, or of the next working day when ``moment`` falls
        on a weekend, a bank holiday or after hours.
        """
        today = moment.astimezone(ZoneInfo(self.timezone)).date()
        if working_days == 0:
            day = today
            if not calendar.is_working_day(day) or self.end_of(day) <= moment:
                day = calendar.add_working_days(day, 1)
            return self.end_of(day)
        return self.end_of(calendar.add_working_days(today, working_days))

    def clocks(self, kind: CaseKind, category: str, opened_at: datetime,
               calendar: WorkingCalendar) -> tuple[datetime, datetime]:
        """(acknowledge by, resolve by) for a case opened at ``opened_at``.

        Safeguarding is acknowledged within minutes at any hour, never on working days.
        """
        acknowledge, resolve = self.working_days(kind.value, category)
        resolve_by = self.after(opened_at, resolve, calendar)
        if kind == CaseKind.SAFEGUARDING:
            return opened_at + self.safeguarding_acknowledge, resolve_by
        return self.after(opened_at, acknowledge, calendar), resolve_by


# -- routing ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Routed:
    """Who owns a case and why; ``chain`` is who is told at levels 1, 2 and 3."""

    assignee_id: int
    rule_id: int | None
    chain: tuple[int, ...]
    reason: str


def _available(person: Person | None, today: date, parties: set[int]) -> bool:
    return (person is not None and person.active and person.id not in parties
            and not (person.away_until is not None and person.away_until >= today))


def present(session: Session, person_id: int | None, today: date,
             parties: set[int]) -> tuple[Person | None, str]:
    """The person, or their cover while they are away; None if neither can take the case."""
    person = session.get(Person, person_id) if person_id is not None else None
    if person is None or not person.active or person.id in parties:
        return None, ""
    if _available(person, today, parties):
        return person, ""
    cover = session.get(Person, person.cover_id) if person.cover_id is not None else None
    if _available(cover, today, parties):
        assert cover is not None  # noqa: S101 - _available checked it
        return cover, f"covering for {person.name}, away until {person.away_until}"
    return None, ""


def default_owner(session: Session, settings: Settings, *, council_id: int | None = None,
                  parties: Iterable[int] = ()) -> Person:
    """Who owns a case no rule places: the configured default owner, else an admin, else a
    commissioner of the council. Raises only if there is nobody active at all."""
    excluded = set(parties)
    if settings.case_default_owner:
        configured = session.scalars(select(Person).where(
            Person.email == settings.case_default_owner.strip().lower(),
            Person.active.is_(True))).first()
        if configured is not None and configured.id not in excluded:
            return configured
    for query in (
        select(Person).where(Person.role == Role.ADMIN, Person.active.is_(True)),
        select(Person).where(Person.role == Role.COMMISSIONER, Person.active.is_(True),
                             Person.organisation_id == council_id),
    ):
        for person in session.scalars(query.order_by(Person.id)):
            if person.id not in excluded:
                return person
    raise BadInput("There is nobody to send this to yet: ask your administrator to add "
                   "the council's commissioners.")


def _specificity(rule: RoutingRule) -> int:
    return sum(value is not None for value in
               (rule.kind, rule.category, rule.service_type, rule.locality))


def matching_rules(session: Session, *, council_id: int, kind: str, category: str,
                   service_type: str | None, locality: str | None) -> list[RoutingRule]:
    """The council's rules a case matches, most specific first, then in file order."""
    rules = session.scalars(select(RoutingRule).where(RoutingRule.council_id == council_id)
                            .order_by(RoutingRule.position, RoutingRule.id)).all()
    wanted = {"kind": kind, "category": category,
              "service_type": (service_type or "").lower() or None,
              "locality": (locality or "").lower() or None}
    matched = [rule for rule in rules if all(
        getattr(rule, name) is None or getattr(rule, name) == value
        for name, value in wanted.items())]
    return sorted(matched, key=lambda rule: -_specificity(rule))


def route(session: Session, settings: Settings, *, council_id: int, kind: str, category: str,
          service_type: str | None = None, locality: str | None = None,
          parties: Iterable[int] = (), today: date) -> Routed:
    """Choose a case's owner: the best rule's commissioner (or their cover while away), else
    its deputy (or theirs), else the default owner. Never someone the case names as a party."""
    excluded = set(parties)
    for rule in matching_rules(session, council_id=council_id, kind=kind, category=category,
                               service_type=service_type, locality=locality):
        chain = tuple(pid for pid in (rule.level1_id, rule.level2_id, rule.level3_id)
                      if pid is not None)
        owner, why = present(session, rule.commissioner_id, today, excluded)
        if owner is not None:
            return Routed(owner.id, rule.id, chain, why or f"routing rule {rule.position}")
        deputy, why = present(session, rule.deputy_id, today, excluded)
        if deputy is not None:
            return Routed(deputy.id, rule.id, chain,
                          f"deputy on routing rule {rule.position}" + (f", {why}" if why else ""))
    owner = default_owner(session, settings, council_id=council_id, parties=excluded)
    return Routed(owner.id, None, (), "default owner: no routing rule matched")


def parties_of(session: Session, *, placement_id: int | None = None,
               invoice_id: int | None = None, tender_id: int | None = None,
               contract_id: int | None = None, named: Iterable[int] = ()) -> set[int]:
    """The council people a case is about: the commissioners of what it concerns, and anyone
    named. They never own it (conflict of interest)."""
    found = set(named)
    for model, key in ((Placement, placement_id), (Tender, tender_id), (Contract, contract_id)):
        if key is not None:
            row = session.get(model, key)
            if row is not None:
                found.add(row.commissioner_id)
    if invoice_id is not None:
        invoice = session.get(Invoice, invoice_id)
        if invoice is not None and invoice.placement_id is not None:
            placement = session.get(Placement, invoice.placement_id)
            if placement is not None:
                found.add(placement.commissioner_id)
    return found


# -- who sees what ----------------------------------------------------------------------------
def visible_to(person: Person) -> ColumnElement[bool]:
    """The cases a person may see (pledge 3); always the ones they own."""
    if person.role == Role.ADMIN:
        return true()
    if person.role == Role.COMMISSIONER:
        return or_(Case.council_id == person.organisation_id, Case.assignee_id == person.id)
    if person.role == Role.PROVIDER:
        return Case.provider_id == person.organisation_id
    return false()


def may_own(person: Person | None, case: Case) -> bool:
    """Whether someone may own, or be told of, a case: an active admin, or an active
    commissioner of its council."""
    return person is not None and person.active and (person.role == Role.ADMIN or (
        person.role == Role.COMMISSIONER and person.organisation_id == case.council_id))


def find(session: Session, person: Person, reference: str, *,
         for_update: bool = False) -> Case:
    """The case with this reference if the person may see it; else BadInput, worded exactly as
    for a reference that does not exist."""
    normal = parse_reference(reference)
    unknown = BadInput(f"I can't find a case {reference.strip()[:40]!r} that you can see. "
                       "/cases lists yours.")
    if normal is None:
        raise unknown
    query: Select[tuple[Case]] = select(Case).where(Case.reference == normal, visible_to(person))
    if for_update:
        query = query.with_for_update()
    case = session.scalars(query).first()
    if case is None:
        raise unknown
    return case


def side(person: Person, case: Case) -> str:
    """'council', 'provider' or 'admin': which side of the case a person acts on."""
    if person.role == Role.ADMIN:
        return "admin"
    if person.role == Role.COMMISSIONER and person.organisation_id == case.council_id:
        return "council"
    if person.role == Role.PROVIDER and person.organisation_id == case.provider_id:
        return "provider"
    raise NotAllowed("That case is not one you can act on.")


# -- opening ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class NewCase:
    """What someone raises; checked by ``open_case``."""

    kind: CaseKind
    category: str
    council_id: int
    description: str
    provider_id: int | None = None
    raised_by_id: int | None = None
    summary: str = ""
    severity: str = "normal"
    placement_id: int | None = None
    invoice_id: int | None = None
    tender_id: int | None = None
    contract_id: int | None = None
    pledges: tuple[int, ...] = ()
    service_type: str | None = None
    locality: str | None = None
    outcome_wanted: str | None = None
    rating: int | None = None
    named_parties: tuple[int, ...] = ()
    # Who owns it when no routing rule matches, before the default owner (e.g. the configured
    # questions contact); ignored if they are a party to the case or inactive.
    fallback_owner_id: int | None = None


def check_description(text: str) -> str:
    """A description: not empty, not longer than ``MAX_DESCRIPTION`` characters."""
    cleaned = text.strip()
    if not cleaned:
        raise BadInput("Please describe it in a few words: the description is empty.")
    if len(cleaned) > MAX_DESCRIPTION:
        raise BadInput(f"That description is {len(cleaned):,} characters; please keep it under "
                       f"{MAX_DESCRIPTION:,} (a summary is fine: the commissioner can ask).")
    return cleaned


def _summary(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= MAX_SUMMARY else first[: MAX_SUMMARY - 1].rstrip() + "…"


def open_case(session: Session, new: NewCase, *, settings: Settings, policy: SlaPolicy,
              calendar: WorkingCalendar, now: datetime) -> tuple[Case, list[Notification]]:
    """Create a case, route it, start its clocks, write its first history event and tell its
    owner. Returns the case and the notifications to queue in the same transaction."""
    if new.category not in CASE_CATEGORIES:
        raise BadInput(f"Unknown category {new.category!r}.")
    description = check_description(new.description)
    today = now.astimezone(ZoneInfo(policy.timezone)).date()
    parties = parties_of(session, placement_id=new.placement_id, invoice_id=new.invoice_id,
                         tender_id=new.tender_id, contract_id=new.contract_id,
                         named=new.named_parties)
    routed = route(session, settings, council_id=new.council_id, kind=new.kind.value,
                   category=new.category, service_type=new.service_type,
                   locality=new.locality, parties=parties, today=today)
    if routed.rule_id is None and new.fallback_owner_id is not None:
        fallback = session.get(Person, new.fallback_owner_id)
        if _available(fallback, today, parties):
            assert fallback is not None  # noqa: S101 - _available checked it
            routed = Routed(fallback.id, None, (), "the configured contact")
    rule = session.get(RoutingRule, routed.rule_id) if routed.rule_id is not None else None
    if new.kind == CaseKind.SAFEGUARDING and (rule is None or rule.kind is None):
        # Only a rule written for safeguarding beats the council's safeguarding lead.
        lead = _safeguarding_lead(session, new.council_id, parties)
        if lead is not None:
            routed = Routed(lead.id, None, (), "the council's safeguarding lead")
    acknowledge_by, resolve_by = policy.clocks(new.kind, new.category, now, calendar)
    case = Case(
        # A unique stand-in until the id is known; replaced before the transaction commits.
        reference=f"new-{uuid.uuid4().hex[:16]}", kind=new.kind,
        category=new.category, severity=new.severity, status=CaseStatus.OPEN,
        council_id=new.council_id, provider_id=new.provider_id, raised_by_id=new.raised_by_id,
        assignee_id=routed.assignee_id, routing_rule_id=routed.rule_id, chain=list(routed.chain),
        level=0, placement_id=new.placement_id, invoice_id=new.invoice_id,
        tender_id=new.tender_id, contract_id=new.contract_id, pledges=list(new.pledges),
        service_type=(new.service_type or "").lower() or None,
        locality=(new.locality or "").lower() or None,
        summary=new.summary.strip()[:MAX_SUMMARY] or _summary(description),
        description=description, outcome_wanted=new.outcome_wanted, rating=new.rating,
        opened_at=now, acknowledge_due_at=acknowledge_by, resolve_due_at=resolve_by,
        next_check_at=acknowledge_by)
    session.add(case)
    session.flush()
    case.reference = reference_for(today.year, case.id)
    record(session, case, "opened", actor_id=new.raised_by_id, now=now,
           text=f"Routed to {_name(session, routed.assignee_id)} ({routed.reason}).",
           assignee_id=routed.assignee_id)
    return case, [owner_notification(session, case, "case.opened", now=now,
                                      timezone=policy.timezone)]


def safeguarding_leads(session: Session, council_id: int) -> list[Person]:
    """The council's active safeguarding leads (with none, the case's owner is told alone:
    a concern never goes to another council)."""
    return list(session.scalars(
        select(Person).where(Person.safeguarding_lead.is_(True), Person.active.is_(True),
                             Person.organisation_id == council_id).order_by(Person.id)))


def _safeguarding_lead(session: Session, council_id: int, parties: set[int]) -> Person | None:
    return next((lead for lead in safeguarding_leads(session, council_id)
                 if lead.id not in parties), None)


# -- history and messages ---------------------------------------------------------------------
def record(session: Session, case: Case, action: str, *, actor_id: int | None, now: datetime,
           text: str | None = None, flush: bool = True, **detail: object) -> CaseEvent:
    """Append one event to a case's history.

    Flushed at once by default, so the event's id can key the messages about it; a bulk
    caller that needs no id passes ``flush=False`` and lets the commit write them together.
    """
    event = CaseEvent(case_id=case.id, at=now, actor_id=actor_id, action=action, text=text,
                      detail=dict(detail))
    session.add(event)
    if flush:
        session.flush()
    return event


def history(session: Session, case: Case) -> list[tuple[CaseEvent, str | None]]:
    """A case's events, oldest first, with the actor's name (None for the system or an
    anonymous sender)."""
    rows = session.execute(
        select(CaseEvent, Person.name).outerjoin(Person, Person.id == CaseEvent.actor_id)
        .where(CaseEvent.case_id == case.id).order_by(CaseEvent.at, CaseEvent.id)).all()
    return [(event, name) for event, name in rows]


def _name(session: Session, person_id: int | None) -> str:
    person = session.get(Person, person_id) if person_id is not None else None
    return person.name if person is not None else "nobody"


def council_buttons(case: Case) -> tuple[Button, ...]:
    """What the owner can do from a notification."""
    return (Button(label="Acknowledge", action=ACKNOWLEDGE, value=case.reference),
            Button(label="Show the case", action=SHOW, value=case.reference))


def provider_buttons(case: Case) -> tuple[Button, ...]:
    """What the provider can do with a proposed resolution."""
    return (Button(label="Accept", action=ACCEPT, value=case.reference),
            Button(label="Reject", action=REJECT, value=case.reference))


def owner_notification(session: Session, case: Case, kind: str, *, now: datetime,
                       timezone: str, note: str = "",
                       person_id: int | None = None) -> Notification:
    """Tell the case's owner about it (urgent for safeguarding: at once, at any hour)."""
    provider = _organisation_name(session, case.provider_id)
    urgent = case.kind == CaseKind.SAFEGUARDING
    lines = [
        f"{'URGENT safeguarding case' if urgent else 'New case'} {case.reference} for you"
        if kind == "case.opened" else f"Case {case.reference}: {note}",
        f"{case.kind.value.capitalize()} · {CATEGORY_TITLES.get(case.category, case.category)}"
        + (f" · from {provider}" if provider else ""),
        f"“{case.summary}”",
        (f"Please acknowledge by {when(case.acknowledge_due_at, timezone)}; resolve by "
         if case.status == CaseStatus.OPEN else "Please resolve by ")
        + f"{when(case.resolve_due_at, timezone)}.",
        f"Reply /case {case.reference} to see it.",
    ]
    recipient = person_id if person_id is not None else case.assignee_id
    return Notification(person_id=recipient, kind=kind, text="\n".join(lines),
                        idempotency_key=f"case:{case.id}:{kind}:{recipient}:"
                                        f"{now.isoformat()}",
                        buttons=council_buttons(case), urgent=urgent)


def raiser_notification(case: Case, kind: str, text: str, *, key: str,
                        buttons: tuple[Button, ...] = ()) -> Notification | None:
    """Tell whoever raised the case (nobody, for anonymous feedback)."""
    if case.raised_by_id is None:
        return None
    return Notification(person_id=case.raised_by_id, kind=kind, text=text,
                        idempotency_key=f"case:{case.id}:{key}:to:{case.raised_by_id}",
                        buttons=buttons, urgent=case.kind == CaseKind.SAFEGUARDING)


def _organisation_name(session: Session, organisation_id: int | None) -> str | None:
    if organisation_id is None:
        return None
    organisation = session.get(Organisation, organisation_id)
    return organisation.name if organisation is not None else None


def when(moment: datetime, timezone: str) -> str:
    """A time as people read it: ``Wed 25 Nov 17:00`` in the given timezone."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local:%a} {local.day} {local:%b} {local:%H:%M}"



# -- what people do with a case ---------------------------------------------------------------
ACTIVE = (CaseStatus.OPEN, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS,
          CaseStatus.RESOLUTION_PROPOSED)


@dataclass(frozen=True, slots=True)
class Step:
    """One change to a case: what to tell the person who made it, and whom else to tell."""

    message: str
    notifications: tuple[Notification, ...] = ()


def check_text(text: str, what: str) -> str:
    """A comment, question, proposal or reason: not empty, not over ``MAX_DESCRIPTION``."""
    cleaned = text.strip()
    if not cleaned:
        raise BadInput(f"Please add {what}.")
    if len(cleaned) > MAX_DESCRIPTION:
        raise BadInput(f"That is {len(cleaned):,} characters; please keep {what} under "
                       f"{MAX_DESCRIPTION:,}.")
    return cleaned


def _council_side(actor: Person, case: Case, doing: str) -> None:
    if side(actor, case) == "provider":
        raise NotAllowed(f"Only the council can {doing} a case.")


def _provider_side(actor: Person, case: Case, doing: str) -> None:
    if side(actor, case) == "council":
        raise NotAllowed(f"Only the provider can {doing} a case.")


# Who may do what, and from which states (the checks each step makes first).
_CAN = {
    "ask": ("council", ACTIVE, "asked about"),
    "propose": ("council", (CaseStatus.OPEN, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS),
                "given a proposal"),
    "resolve": ("council", ACTIVE, "resolved"),
    "reassign": ("council", ACTIVE, "reassigned"),
    "withdraw": ("provider", ACTIVE, "withdrawn"),
    "comment": ("either", ACTIVE, "commented on"),
}


def check_can(person: Person, case: Case, action: str) -> None:
    """NotAllowed or BadInput, as the step itself would say, before anything is asked."""
    who, states, doing = _CAN[action]
    if who == "council":
        _council_side(person, case, {"ask": "ask about",
                                     "propose": "propose a resolution to"}.get(action, action))
    elif who == "provider":
        _provider_side(person, case, action)
    else:
        side(person, case)
    _require(case, states, doing)


def _require(case: Case, allowed: tuple[CaseStatus, ...], doing: str) -> None:
    if case.status not in allowed:
        raise BadInput(f"{case.reference} is {STATUS_WORDS[case.status]}, so it can't be "
                       f"{doing} now.")


def _tell_raiser(case: Case, event: CaseEvent, text: str, *,
                 buttons: tuple[Button, ...] = ()) -> tuple[Notification, ...]:
    told = raiser_notification(case, f"case.{event.action}", text, key=f"event:{event.id}",
                               buttons=buttons)
    return (told,) if told is not None else ()


def _tell_owner(case: Case, event: CaseEvent, text: str) -> tuple[Notification, ...]:
    return (Notification(person_id=case.assignee_id, kind=f"case.{event.action}", text=text,
                         idempotency_key=f"case:{case.id}:event:{event.id}:to:"
                                         f"{case.assignee_id}",
                         buttons=(Button(label="Show the case", action=SHOW,
                                         value=case.reference),),
                         urgent=case.kind == CaseKind.SAFEGUARDING),)


def _quote(text: str) -> str:
    return f"“{_summary(text)}”" if len(text) > MAX_SUMMARY else f"“{text}”"


def resume_clock(case: Case, now: datetime, policy: SlaPolicy,
                 calendar: WorkingCalendar) -> None:
    """Set when the SLA sweep next looks at a case whose ladder runs (again).

    Its resolve deadline, if still to come; once overdue, never earlier than the ladder's next
    step already set, and after a pause (waiting on the provider) ``escalate_every`` working
    days from now, so acting on an overdue case never makes it climb a level a minute later.
    """
    if case.resolve_due_at > now:
        case.next_check_at = case.resolve_due_at
    elif case.next_check_at is None or case.next_check_at <= now:
        case.next_check_at = policy.after(now, policy.escalate_every, calendar)


def acknowledge(session: Session, case: Case, actor: Person, *, now: datetime,
                timezone: str, policy: SlaPolicy, calendar: WorkingCalendar) -> Step:
    """The council has seen the case: the acknowledge clock stops, the resolve clock runs."""
    _council_side(actor, case, "acknowledge")
    if case.status != CaseStatus.OPEN:
        raise BadInput(f"{case.reference} is already {STATUS_WORDS[case.status]}.")
    case.status = CaseStatus.ACKNOWLEDGED
    case.acknowledged_at = now
    resume_clock(case, now, policy, calendar)
    event = record(session, case, "acknowledged", actor_id=actor.id, now=now)
    return Step(f"{case.reference} acknowledged. Please resolve it by "
                f"{when(case.resolve_due_at, timezone)}.",
                _tell_raiser(case, event, f"{actor.name} has acknowledged your case "
                             f"{case.reference} and will come back to you."))


def _start_work(case: Case, now: datetime) -> None:
    if case.status == CaseStatus.OPEN:
        case.acknowledged_at = now
    case.status = CaseStatus.IN_PROGRESS


def ask_information(session: Session, case: Case, actor: Person, text: str, *,
                    now: datetime) -> Step:
    """The council asks the provider for more information (which also acknowledges it)."""
    _council_side(actor, case, "ask about")
    _require(case, ACTIVE, "asked about")
    question = check_text(text, "your question")
    if case.raised_by_id is None:
        raise BadInput(f"{case.reference} is anonymous feedback: there is nobody to ask. "
                       "Add a comment to its history instead.")
    _start_work(case, now)
    case.proposal = None
    # Waiting on the provider: the ladder pauses until they answer (a comment resumes it).
    case.next_check_at = None
    case.claim_token = case.claimed_at = None
    event = record(session, case, "information_requested", actor_id=actor.id, now=now,
                   text=question)
    return Step(f"Your question is sent; {case.reference} is now in progress.",
                _tell_raiser(case, event, f"{actor.name} asks about your case "
                             f"{case.reference}:\n{_quote(question)}\nReply with "
                             f"/case {case.reference} comment YOUR ANSWER"))


def comment(session: Session, case: Case, actor: Person, text: str, *, now: datetime,
            policy: SlaPolicy, calendar: WorkingCalendar) -> Step:
    """Either side adds a note to the history; the other side is told. The provider's answer
    to a question resumes the ladder the question paused."""
    who = side(actor, case)
    _require(case, ACTIVE, "commented on")
    words = check_text(text, "a comment")
    if (who == "provider" and case.next_check_at is None
            and case.status == CaseStatus.IN_PROGRESS):
        resume_clock(case, now, policy, calendar)
    event = record(session, case, "comment", actor_id=actor.id, now=now, text=words)
    told: tuple[Notification, ...] = ()
    if who in ("council", "admin"):
        told += _tell_raiser(case, event, f"{actor.name} commented on your case "
                             f"{case.reference}:\n{_quote(words)}")
    if who in ("provider", "admin") and case.assignee_id != actor.id:
        told += _tell_owner(case, event, f"New comment on {case.reference} from "
                            f"{actor.name}:\n{_quote(words)}")
    return Step(f"Comment added to {case.reference}.", told)


def propose(session: Session, case: Case, actor: Person, text: str, *, now: datetime,
            policy: SlaPolicy, calendar: WorkingCalendar) -> Step:
    """The council proposes a resolution; the provider accepts or rejects it."""
    _council_side(actor, case, "propose a resolution to")
    _require(case, (CaseStatus.OPEN, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS),
             "given a proposal")
    proposal = check_text(text, "the resolution you propose")
    if case.raised_by_id is None:
        raise BadInput(f"{case.reference} is anonymous feedback: nobody can accept a proposal. "
                       f"Use /case {case.reference} resolve WHAT WAS DONE.")
    _start_work(case, now)
    case.status = CaseStatus.RESOLUTION_PROPOSED
    case.proposal = proposal
    # Waiting on the provider: the ladder pauses; the sweep reminds the provider instead.
    case.next_check_at = policy.after(now, policy.escalate_every, calendar)
    case.claim_token = case.claimed_at = None
    event = record(session, case, "resolution_proposed", actor_id=actor.id, now=now,
                   text=proposal)
    return Step(f"Proposal sent for {case.reference}; the provider can accept or reject it.",
                _tell_raiser(case, event, f"{actor.name} proposes a resolution to your case "
                             f"{case.reference}:\n{_quote(proposal)}",
                             buttons=provider_buttons(case)))


def resolve(session: Session, case: Case, actor: Person, text: str, *, now: datetime) -> Step:
    """The council closes the case as resolved, saying what was done."""
    _council_side(actor, case, "resolve")
    _require(case, ACTIVE, "resolved")
    outcome = check_text(text, "what was done")
    _close(case, CaseStatus.RESOLVED, now)
    event = record(session, case, "resolved", actor_id=actor.id, now=now, text=outcome)
    return Step(f"{case.reference} is resolved.",
                _tell_raiser(case, event, f"{actor.name} has resolved your case "
                             f"{case.reference}:\n{_quote(outcome)}"))


def _close(case: Case, status: CaseStatus, now: datetime) -> None:
    case.status = status
    case.closed_at = now
    case.next_check_at = None
    case.claim_token = None
    case.claimed_at = None


def reassign(session: Session, case: Case, actor: Person, to: Person, *, now: datetime,
             timezone: str) -> Step:
    """Hand the case to another commissioner of the council (never to a party to it)."""
    _council_side(actor, case, "reassign")
    _require(case, ACTIVE, "reassigned")
    if not may_own(to, case):
        raise BadInput(f"{to.email} is not an active commissioner of this council.",
                       field="text")
    if to.id == case.assignee_id:
        raise BadInput(f"{case.reference} is already {to.name}'s.", field="text")
    parties = parties_of(session, placement_id=case.placement_id, invoice_id=case.invoice_id,
                         tender_id=case.tender_id, contract_id=case.contract_id)
    if to.id in parties:
        raise BadInput(f"{to.name} is a party to {case.reference} (conflict of interest); "
                       "please choose someone else.", field="text")
    before = case.assignee_id
    case.assignee_id = to.id
    event = record(session, case, "reassigned", actor_id=actor.id, now=now,
                   text=f"Reassigned from {_name(session, before)} to {to.name}.",
                   assignee_id=to.id)
    told = owner_notification(session, case, "case.reassigned", now=now,
                              note=f"{actor.name} passed it to you", timezone=timezone)
    return Step(f"{case.reference} is now {to.name}'s.",
                (told, *_tell_raiser(case, event,
                                     f"Your case {case.reference} is now with {to.name}.")))


def accept(session: Session, case: Case, actor: Person, *, now: datetime) -> Step:
    """The provider accepts the proposed resolution: the case is resolved."""
    _provider_side(actor, case, "accept a resolution to")
    _require(case, (CaseStatus.RESOLUTION_PROPOSED,), "accepted")
    _close(case, CaseStatus.RESOLVED, now)
    event = record(session, case, "accepted", actor_id=actor.id, now=now,
                   text=case.proposal)
    return Step(f"Thank you: {case.reference} is resolved.",
                _tell_owner(case, event, f"{actor.name} accepted your proposed resolution; "
                            f"{case.reference} is resolved."))


def reject(session: Session, case: Case, actor: Person, text: str = "", *,
           now: datetime, policy: SlaPolicy, calendar: WorkingCalendar) -> Step:
    """The provider rejects the proposal: the case is in progress again, its clock running
    (if it has run out, the council has ``escalate_every`` working days before the next
    level)."""
    _provider_side(actor, case, "reject a resolution to")
    _require(case, (CaseStatus.RESOLUTION_PROPOSED,), "rejected")
    reason = check_text(text, "why") if text.strip() else None
    case.status = CaseStatus.IN_PROGRESS
    case.next_check_at = None  # the provider-reminder time is not a step of the ladder
    resume_clock(case, now, policy, calendar)
    event = record(session, case, "rejected", actor_id=actor.id, now=now, text=reason)
    because = f"\n{_quote(reason)}" if reason else ""
    hint = "" if reason else (f" To say why, send /case {case.reference} comment "
                              "WHAT WOULD WORK.")
    return Step(f"{case.reference} is open again; {_name(session, case.assignee_id)} is told."
                + hint,
                _tell_owner(case, event, f"{actor.name} rejected the proposed resolution of "
                            f"{case.reference}; it is in progress again.{because}"))


def withdraw(session: Session, case: Case, actor: Person, text: str = "", *,
             now: datetime) -> Step:
    """The provider withdraws the case."""
    _provider_side(actor, case, "withdraw")
    _require(case, ACTIVE, "withdrawn")
    reason = check_text(text, "why") if text.strip() else None
    _close(case, CaseStatus.WITHDRAWN, now)
    event = record(session, case, "withdrawn", actor_id=actor.id, now=now, text=reason)
    return Step(f"{case.reference} is withdrawn.",
                _tell_owner(case, event, f"{actor.name} withdrew {case.reference}."))
