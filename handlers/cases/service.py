"""Cases: feedback, conflicts, questions and safeguarding concerns, owned by a named person.

A case has a reference people can quote (``PB-2026-000123``), an owner chosen by the routing
rules, two SLA clocks (acknowledge within N working days, resolve within M) and an append-only
history both sides see. Every function here works in the caller's transaction and returns the
notifications to queue, so the handler (or the SLA sweep) commits the change and the messages
together. Every sentence they say or send is rendered from the ``templates`` the caller passes
(``case_*.txt``).

Who sees what (pledge 3): a provider's people see their organisation's cases, a commissioner the
cases of their council, an admin all. A case someone may not see is answered exactly as an
unknown reference, so its existence leaks nothing.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import field
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment
from sqlalchemy import ColumnElement, and_, false, func, or_, select, true
from sqlalchemy import case as when_sql
from sqlalchemy.orm import Session, aliased

from bot.config import CASE_CATEGORIES, Settings
from bot.db import id_in
from bot.errors import BadInput, NotAllowed
from bot.forms import asks_yes_or_no, yes_or_no
from bot.messages import Button, Notification
from bot.models import (
    CASE_CLOSED,
    Case,
    CaseCondition,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Contract,
    Invoice,
    Organisation,
    Person,
    Placement,
    ProviderService,
    Role,
    RoutingRule,
    Tender,
)
from bot.templates import day_words, render, shortened
from bot.values import frozen
from handlers.formats import initials_only, service_key
from handlers.identifiers import identifiers_removed, without_identifiers
from handlers.people.away import away_on, cover_on
from handlers.people.directory import COUNCIL_STAFF, name_in, person_named
from scheduler.rules import LEGAL_PAYMENT_DAYS, WorkingCalendar

CATEGORY_TITLES = {
    "payment": "Payment",
    "placement-review": "Placement review",
    "care-funding": "Care package and funding",
    "procurement": "Procurement process",
    "contract": "Contract",
    "other": "Other",
}
assert tuple(CATEGORY_TITLES) == CASE_CATEGORIES  # noqa: S101 - one list of categories
# A safeguarding concern is filed under "other" (no category is asked for: it goes at once);
# shown as that, "Safeguarding · Other" told its readers nothing (a review, session 22).
CONCERN_TITLE = "Someone's safety"


def category_title(case: Case) -> str:
    """How a case's category reads in a message or a list."""
    return title_of_category(case.kind, case.category)


# What a notification (the "Tell the council" button after a death was told) is about.
NOTIFICATION_TITLE = "A death"


def title_of_category(kind: CaseKind, category: str) -> str:
    """How a category of a case of ``kind`` reads (``category_title``)."""
    if kind == CaseKind.SAFEGUARDING and category == "other":
        return CONCERN_TITLE
    if kind == CaseKind.NOTIFICATION and category == "other":
        return NOTIFICATION_TITLE
    return CATEGORY_TITLES.get(category, category)
# [acknowledge, resolve] in working days, per kind; "kind.category" entries override.
DEFAULT_SLA = {"feedback": (5, 20), "conflict": (2, 20), "question": (2, 10),
               "safeguarding": (0, 5), "notification": (1, 10)}
CLOSED = CASE_CLOSED
TOP_LEVEL = 3
STATUS_WORDS = {
    CaseStatus.OPEN: "open, not yet acknowledged",
    CaseStatus.ACKNOWLEDGED: "acknowledged",
    CaseStatus.IN_PROGRESS: "in progress",
    CaseStatus.RESOLUTION_PROPOSED: "resolution proposed",
    CaseStatus.RESOLVED: "resolved",
    CaseStatus.WITHDRAWN: "withdrawn",
}
# As typed: any case, the hyphens or a space optional, the number's leading zeros left off
# ("PB-2026-4"), a sentence's full stop or brackets around it (session 34's trial).
_REFERENCE = re.compile(r"^PB[-\s]?(\d{4})[-\s]?(\d{1,9})$")
_AROUND_A_REFERENCE = "\"'()[]<>.,;:!?"
MAX_DESCRIPTION = 4000
MAX_SUMMARY = 120
# The words a side of a case is sent (a question, a comment, a resolution): whole up to this
# long, else their start and where to read the rest (session 24's trial: a resolution was sent
# cut at 120 characters, "... at least 10 days before de...").
MAX_QUOTE = 1500
_QUOTE_START = re.compile(rf"(.{{1,{MAX_QUOTE}}})(?=\s)", re.DOTALL)
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
REOPEN = button_action("reopen")
BUTTONS = (ACKNOWLEDGE, SHOW, ASK, PROPOSE, RESOLVE, REASSIGN, COMMENT, ACCEPT, REJECT,
           WITHDRAW, REOPEN)


def reference_for(year: int, case_id: int) -> str:
    """The reference people quote: PB-<year opened>-<number, six digits at least>."""
    return f"PB-{year}-{case_id:06d}"


def parse_reference(text: str) -> str | None:
    """A reference as typed (any case, spaces or punctuation around, the number's leading
    zeros left off) in its stored form, or None."""
    match = _REFERENCE.match(text.strip().strip(_AROUND_A_REFERENCE).strip().upper())
    return None if match is None else f"PB-{match[1]}-{int(match[2]):06d}"


def refused(templates: Environment, problem: str, *, field: str | None = None,
            **data: object) -> BadInput:
    """A case step that can't be taken, in the words of ``case_refused.txt``."""
    return BadInput(render(templates, "case_refused.txt", problem=problem, **data), field=field)


def unusable(templates: Environment, problem: str, *, field: str | None = None,
             **data: object) -> BadInput:
    """Words that can't go on a case, in the words of ``case_input.txt``."""
    return BadInput(render(templates, "case_input.txt", problem=problem, **data), field=field)


# -- SLA clocks -------------------------------------------------------------------------------
@frozen
class SlaPolicy:
    """How long a case may wait: per kind (and category), in working days, and the ladder."""

    days: Mapping[str, tuple[int, int]] = field(default_factory=lambda: dict(DEFAULT_SLA))
    day_end_hour: int = 17
    escalate_every: int = 5
    safeguarding_acknowledge: timedelta = timedelta(minutes=60)
    timezone: str = "Europe/London"
    reopen_days: int = 14

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
                   timezone=settings.timezone, reopen_days=settings.case_reopen_days)

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
@frozen
class Routed:
    """Who owns a case and why; ``chain`` is who is told at levels 1, 2 and 3."""

    assignee_id: int
    rule_id: int | None
    chain: tuple[int, ...]
    reason: str


def _available(person: Person | None, today: date, parties: set[int]) -> bool:
    return (person is not None and person.active and person.id not in parties
            and not away_on(person, today))


def present(session: Session, person_id: int | None, today: date,
             parties: set[int]) -> tuple[Person | None, str]:
    """The person, or their cover while they are away; None if neither can take the case."""
    person = session.get(Person, person_id) if person_id is not None else None
    if person is None or not person.active or person.id in parties:
        return None, ""
    if _available(person, today, parties):
        return person, ""
    cover = cover_on(session, person, today)
    if _available(cover, today, parties):
        assert cover is not None  # noqa: S101 - _available checked it
        return cover, f"covering for {person.name}, away until {person.away_until}"
    return None, ""


def council_staff() -> ColumnElement[bool]:
    """The people who may own a council's case no rule places (``default_owner``), and so
    answer a question handed over to it: its active admins and commissioners (compare
    ``Person.organisation_id`` beside it)."""
    return and_(Person.active.is_(True), Person.role.in_(COUNCIL_STAFF))


def owner_named(session: Session, case: Case, typed: str) -> tuple[Person | None, list[Person]]:
    """Who ``typed`` names as a case's new owner, and whom it may have meant when nobody.

    An e-mail address names whoever has it (``reassign`` refuses anyone who may not own the
    case, in the same words as for nobody); else the full name, or a first name only one of
    them has, of an active admin or commissioner of the case's council (session 30's trial:
    "priya" was "not an active commissioner of this council"). Meant: those with that first
    name, or the one whose address or name is closest to it (never another council's).
    """
    words = " ".join(typed.split()).lower()[:254]
    words = words.removeprefix("to ") if "@" not in words else words  # "reassign to tom"
    if not words:
        return None, []
    by_address = session.scalars(select(Person).where(Person.email == words)).first()
    if by_address is not None:
        return by_address, []
    staff = list(session.scalars(select(Person).where(
        council_staff(), Person.organisation_id == case.council_id).order_by(Person.id)))
    found, meant = person_named(staff, words)
    if found is None and not meant and " " in words:
        # Words around a name ("to priya when she is back"): whom a word of it names, offered,
        # never acted on (session 36's trial: the refusal read "to priya when she is back is
        # not an active commissioner").
        meant = list(dict.fromkeys(person for word in words.split()
                                   if len(word) > 2 and (person := person_named(staff, word)[0])
                                   is not None))
    return found, meant


def default_owner(session: Session, settings: Settings, *, templates: Environment,
                  council_id: int | None = None, parties: Iterable[int] = ()) -> Person:
    """Who owns a case no rule places: the configured default owner, else an admin, else a
    commissioner, of the case's council (``council_id``; any council's only when none is
    given). Never another council's staff (session 25's trial: a dispute with Southshire went
    to Northshire's admin). Raises only if the council has nobody active."""
    excluded = set(parties)
    ours = Person.organisation_id == council_id if council_id is not None else true()
    if settings.case_default_owner:
        configured = session.scalars(select(Person).where(
            Person.email == settings.case_default_owner.strip().lower(),
            Person.active.is_(True), ours)).first()
        if configured is not None and configured.id not in excluded:
            return configured
    # Admins first, then commissioners; each by id.
    for person in session.scalars(select(Person).where(council_staff(), ours)
                                  .order_by(Person.role != Role.ADMIN, Person.id)):
        if person.id not in excluded:
            return person
    raise refused(templates, "nobody_to_send")


def _specificity(rule: RoutingRule) -> int:
    return sum(value is not None for value in
               (rule.kind, rule.category, rule.service_type, rule.locality))


def matching_rules(session: Session, *, council_id: int, kind: str, category: str,
                   service_type: str | None, locality: str | None,
                   service_types: Iterable[str] = ()) -> list[RoutingRule]:
    """The council's rules a case matches, most specific first, then in file order. A rule's
    service type matches the case's own, or any of ``service_types`` (the provider's, from
    ``survey service-types``, when the case names none)."""
    rules = session.scalars(select(RoutingRule).where(RoutingRule.council_id == council_id)
                            .order_by(RoutingRule.position, RoutingRule.id)).all()
    wanted = {"kind": kind, "category": category,
              "locality": (locality or "").lower() or None}
    # Spelt as surveys match them ("Home Care", "home_care" and "home-care" are one; the
    # session's review: a rule for "Home Care" never matched a provider's "home-care").
    types = ({service_key(service_type)} if service_type
             else {service_key(each) for each in service_types})
    matched = [rule for rule in rules if all(
        getattr(rule, name) is None or getattr(rule, name) == value
        for name, value in wanted.items())
        and (rule.service_type is None or service_key(rule.service_type) in types)]
    return sorted(matched, key=lambda rule: -_specificity(rule))


def route(session: Session, settings: Settings, *, council_id: int, kind: str, category: str,
          service_type: str | None = None, locality: str | None = None,
          service_types: Iterable[str] = (), parties: Iterable[int] = (), today: date,
          templates: Environment) -> Routed:
    """Choose a case's owner: the best rule's commissioner (or their cover while away), else
    its deputy (or theirs), else the default owner. Never someone the case names as a party."""
    excluded = set(parties)
    matched = False
    for rule in matching_rules(session, council_id=council_id, kind=kind, category=category,
                               service_type=service_type, locality=locality,
                               service_types=service_types):
        matched = True
        chain = tuple(pid for pid in (rule.level1_id, rule.level2_id, rule.level3_id)
                      if pid is not None)
        owner, why = present(session, rule.commissioner_id, today, excluded)
        if owner is not None:
            return Routed(owner.id, rule.id, chain, why or f"routing rule {rule.position}")
        deputy, why = present(session, rule.deputy_id, today, excluded)
        if deputy is not None:
            return Routed(deputy.id, rule.id, chain,
                          f"deputy on routing rule {rule.position}" + (f", {why}" if why else ""))
    owner = default_owner(session, settings, templates=templates, council_id=council_id,
                          parties=excluded)
    # Session 22's review: with every rule's owner away, the history said no rule matched.
    return Routed(owner.id, None, (), "default owner: " + (
        "the matching rules' owners and deputies are away or party to the case" if matched
        else "no routing rule matched"))


def parties_of(session: Session, *, placement_id: int | None = None,
               invoice_id: int | None = None, tender_id: int | None = None,
               contract_id: int | None = None, named: Iterable[int] = ()) -> set[int]:
    """The council people a case is about: the commissioners of what it concerns, and anyone
    named. They never own it (conflict of interest)."""
    found = set(named)
    concerned = (
        session.get(Placement, placement_id) if placement_id is not None else None,
        session.get(Tender, tender_id) if tender_id is not None else None,
        session.get(Contract, contract_id) if contract_id is not None else None,
    )
    found.update(row.commissioner_id for row in concerned if row is not None)
    if invoice_id is not None:
        invoice = session.get(Invoice, invoice_id)
        if invoice is not None and invoice.placement_id is not None:
            placement = session.get(Placement, invoice.placement_id)
            if placement is not None:
                found.add(placement.commissioner_id)
    return found


# -- who sees what ----------------------------------------------------------------------------
def case_parties(session: Session, case: Case) -> set[int]:
    """``parties_of`` the case's own placement, invoice, tender and contract; none for a
    safeguarding concern (``concern_parties``)."""
    if not concern_parties(case.kind):
        return set()
    return parties_of(session, placement_id=case.placement_id, invoice_id=case.invoice_id,
                      tender_id=case.tender_id, contract_id=case.contract_id)


def concern_parties(kind: CaseKind) -> bool:
    """Whether what a case is about makes its commissioners parties to it: not for a
    safeguarding concern, which is about someone's safety at the placement, not a dispute
    with its commissioner (its hub, say, may own one about a placement it commissions)."""
    return kind != CaseKind.SAFEGUARDING


def visible_to(person: Person) -> ColumnElement[bool]:
    """The cases a person may see (pledge 3); always the ones they own. An admin administers
    their own council: another council's cases are not theirs to see (session 25's trial)."""
    if person.role in COUNCIL_STAFF:
        return or_(Case.council_id == person.organisation_id, Case.assignee_id == person.id)
    if person.role == Role.PROVIDER:
        return Case.provider_id == person.organisation_id
    return false()


def may_own(person: Person | None, case: Case) -> bool:
    """Whether someone may own, or be told of, a case: an active admin or commissioner of its
    council."""
    return (person is not None and person.active and person.role in COUNCIL_STAFF
            and person.organisation_id == case.council_id)


def find(session: Session, person: Person, reference: str, *, templates: Environment,
         for_update: bool = False) -> Case:
    """The case with this reference if the person may see it; else BadInput, worded exactly as
    for a reference that does not exist."""
    normal = parse_reference(reference)
    case = None
    if normal is not None:
        query = select(Case).where(Case.reference == normal, visible_to(person))
        if for_update:
            query = query.with_for_update()
        case = session.scalars(query).first()
    if case is None:
        raise refused(templates, "unknown_case", reference=reference.strip()[:40])
    return case


def anonymous(case: Case) -> bool:
    """Whether a case was raised anonymously: nothing on it names whoever wrote it, not even
    when they or a colleague comment on it or withdraw it (session 30's trial: their comment
    reached the council as "from Sam Patel")."""
    return case.raised_by_id is None


# What the sender's side of an anonymous case does, recorded with no one's name.
SENDERS_ACTIONS = ("opened", "comment", "withdrawn")


def actor_words(case: Case, action: str, name: str | None) -> str:
    """Who did an event of a case's history, as it reads: their name; "anonymous" for the
    sender's side of an anonymous case; else "pledgebot"."""
    if name is not None:
        return name
    return "anonymous" if anonymous(case) and action in SENDERS_ACTIONS else "pledgebot"


def hides_provider(case: Case) -> bool:
    """Whether the council is not told whose organisation raised a case: anonymous feedback
    (a one-person provider's name is its writer's). An anonymous safeguarding concern keeps
    its organisation: the hub must be able to reach the people at risk."""
    return anonymous(case) and case.kind == CaseKind.FEEDBACK


def provider_for_council(session: Session, case: Case) -> str | None:
    """The case's provider as the council's people read it: None when ``hides_provider``."""
    return None if hides_provider(case) else organisation_name(session, case.provider_id)


def whose_for_council(session: Session, found: Sequence[Case]) -> dict[str, str]:
    """Per case reference, the provider and the placement's reference each case is about, as
    the council's people read them ("Riverside · RV-0042"; never a person's name), or "": what
    tells one concern from another in the hub's /cases and digest (session 36's trial). A case
    the council raised about a placement names the placement's provider; anonymous feedback's
    provider is never named (``hides_provider``). The one rule for /cases and the digests."""
    wanted = {case.placement_id for case in found if case.placement_id}
    placements = {placement.id: placement for placement in session.scalars(
        select(Placement).where(id_in(session, Placement.id, wanted)))}
    providers = {case.provider_id for case in found} | {
        placement.provider_id for placement in placements.values()}
    names = dict(session.execute(select(Organisation.id, Organisation.name).where(
        id_in(session, Organisation.id, {id_ for id_ in providers if id_}))).all())
    whose = {}
    for case in found:
        placement = placements.get(case.placement_id or 0)
        provider = None if hides_provider(case) else names.get(
            case.provider_id or (placement.provider_id if placement is not None else 0))
        whose[case.reference] = " · ".join(
            part for part in (provider, placement.reference if placement else None) if part)
    return whose


# An open case past its time to be acknowledged, as the council's people read its status.
OVERDUE_WORDS = "open, acknowledgement OVERDUE"


def acknowledgement_overdue(case: Case, now: datetime) -> bool:
    """Whether an open case is past its time to be acknowledged: the council's people read it
    "acknowledgement OVERDUE" in /cases, /case and the digests (session 36's trial)."""
    return case.status == CaseStatus.OPEN and case.acknowledge_due_at < now


def most_urgent_first(now: datetime) -> tuple[ColumnElement[Any], ...]:
    """The order the council's people read their cases in (``/cases``): safeguarding and
    urgent open cases first; then those past their time to be acknowledged or resolved (as the
    SLA sweep reads a breach: a proposal waiting on the provider is not); then the rest; each
    group newest first (session 37's brief: newest first put a concern and an overdue case
    below a new one)."""
    live = Case.status.not_in(CLOSED)
    rank = when_sql(
        (and_(live, or_(Case.kind == CaseKind.SAFEGUARDING, Case.severity == "urgent")), 0),
        (and_(live, Case.status != CaseStatus.RESOLUTION_PROPOSED, or_(
            Case.resolve_due_at <= now,
            and_(Case.status == CaseStatus.OPEN, Case.acknowledge_due_at <= now))), 1),
        else_=2)
    return rank, Case.opened_at.desc(), Case.id.desc()


def side(person: Person, case: Case, templates: Environment) -> str:
    """'council', 'provider' or 'admin': which side of the case a person acts on."""
    if person.role == Role.ADMIN and person.organisation_id == case.council_id:
        return "admin"
    if person.role == Role.COMMISSIONER and person.organisation_id == case.council_id:
        return "council"
    if person.role == Role.PROVIDER and person.organisation_id == case.provider_id:
        return "provider"
    raise NotAllowed(render(templates, "case_refused.txt", problem="not_your_case"))


# -- opening ----------------------------------------------------------------------------------
@frozen
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
    # Who owns it before any routing rule (the commissioner of the tender a question names),
    # when they may: of the case's council, present, and no party to it; the rule's ladder
    # still escalates it.
    first_owner_id: int | None = None


def check_description(text: str, templates: Environment) -> str:
    """A description: not empty, not longer than ``MAX_DESCRIPTION`` characters."""
    cleaned = text.strip()
    if not cleaned:
        raise unusable(templates, "no_description")
    if len(cleaned) > MAX_DESCRIPTION:
        raise unusable(templates, "long_description", length=len(cleaned),
                       limit=MAX_DESCRIPTION)
    return cleaned


def _summary(text: str) -> str:
    return shortened(text, MAX_SUMMARY)


def open_case(session: Session, new: NewCase, *, settings: Settings, policy: SlaPolicy,
              calendar: WorkingCalendar, now: datetime,
              templates: Environment) -> tuple[Case, list[Notification]]:
    """Create a case, route it, start its clocks, write its first history event and tell its
    owner. Returns the case and the notifications to queue in the same transaction."""
    if new.category not in CASE_CATEGORIES:
        raise unusable(templates, "unknown_category", category=new.category)
    description = check_description(new.description, templates)
    today = now.astimezone(ZoneInfo(policy.timezone)).date()
    parties = parties_of(session, placement_id=new.placement_id, invoice_id=new.invoice_id,
                         tender_id=new.tender_id, contract_id=new.contract_id,
                         named=new.named_parties) if concern_parties(new.kind) else set(
        new.named_parties)
    # Nobody owns a case they raised themselves (session 20: a commissioner's "Ask a
    # commissioner" handed the question to themselves): like a party, the raiser is passed over.
    if new.raised_by_id is not None:
        parties = {*parties, new.raised_by_id}
    # The provider's service types (``survey service-types``) route its cases (session 26's
    # trial: a rule for home-care never matched, as no case carried a service type).
    provides = sorted(session.scalars(select(ProviderService.service_type).where(
        ProviderService.organisation_id == new.provider_id))) if (
        new.provider_id is not None and not new.service_type) else []
    routed = route(session, settings, council_id=new.council_id, kind=new.kind.value,
                   category=new.category, service_type=new.service_type,
                   locality=new.locality, service_types=provides, parties=parties,
                   today=today, templates=templates)
    if routed.rule_id is None and new.fallback_owner_id is not None:
        fallback = session.get(Person, new.fallback_owner_id)
        # Only someone of the case's own council (session 25's review: a Southshire question
        # went to Northshire's configured contact, who could not act on it).
        if _available(fallback, today, parties) and fallback is not None and (
                fallback.organisation_id == new.council_id):
            assert fallback is not None  # noqa: S101 - _available checked it
            routed = Routed(fallback.id, None, (), "the configured contact")
    first = session.get(Person, new.first_owner_id) if new.first_owner_id is not None else None
    if first is not None and _available(first, today, parties) and (
            first.organisation_id == new.council_id):
        routed = Routed(first.id, routed.rule_id, routed.chain,
                        "the commissioner of the tender it names")
    rule = session.get(RoutingRule, routed.rule_id) if routed.rule_id is not None else None
    if new.kind == CaseKind.SAFEGUARDING and (rule is None or rule.kind is None):
        # Only a rule written for safeguarding beats the council's safeguarding lead.
        lead = _safeguarding_lead(session, new.council_id, parties)
        if lead is not None:
            routed = Routed(lead.id, None, (), "the council's safeguarding lead")
    acknowledge_by, resolve_by = policy.clocks(new.kind, new.category, now, calendar)
    limit = invoice_limit(session, new.invoice_id)
    if limit is not None and acknowledge_by < policy.end_of(limit[1]) < resolve_by:
        # A dispute about an unpaid invoice is resolved by the day the law says it must be paid
        # (session 35's trial: "resolve by Thu 7 Jan 2027" for an invoice due by law on 16
        # Dec). Not before the acknowledgement is due, nor when that day has passed: then the
        # case keeps its own time, and the limit is said beside it (``resolve_words``).
        resolve_by = policy.end_of(limit[1])
    case = Case(
        # A unique stand-in until the id is known; replaced before the transaction commits.
        reference=f"new-{uuid.uuid4().hex[:16]}", kind=new.kind,
        category=new.category, severity=new.severity, status=CaseStatus.OPEN,
        council_id=new.council_id, provider_id=new.provider_id, raised_by_id=new.raised_by_id,
        assignee_id=routed.assignee_id, routing_rule_id=routed.rule_id, chain=list(routed.chain),
        level=0, placement_id=new.placement_id, invoice_id=new.invoice_id,
        tender_id=new.tender_id, contract_id=new.contract_id, pledges=list(new.pledges),
        service_type=((new.service_type or "").lower()
                      or (rule.service_type if rule is not None and rule.service_type else None)
                      or (provides[0] if len(provides) == 1 else None)),
        locality=(new.locality or "").lower() or None,
        summary=_summary(new.summary) or _summary(description),
        description=description, outcome_wanted=new.outcome_wanted, rating=new.rating,
        opened_at=now, acknowledge_due_at=acknowledge_by, resolve_due_at=resolve_by,
        next_check_at=acknowledge_by)
    session.add(case)
    session.flush()
    case.reference = reference_for(today.year, case.id)
    record(session, case, "opened", actor_id=new.raised_by_id, now=now,
           text=render(templates, "case_history.txt", event="opened",
                       owner=name_of(session, routed.assignee_id), reason=routed.reason),
           assignee_id=routed.assignee_id)
    return case, [owner_notification(session, case, "case.opened", now=now,
                                      timezone=policy.timezone, templates=templates)]


def invoice_limit(session: Session, invoice_id: int | None) -> tuple[str, date] | None:
    """The number and the legal payment limit of the unpaid invoice ``invoice_id`` (the last
    of the 30 calendar days beginning with its receipt, as ``scheduler.rules.payment_clocks``
    says it); None for none, or one paid."""
    invoice = session.get(Invoice, invoice_id) if invoice_id is not None else None
    if invoice is None or invoice.paid_on is not None:
        return None
    return invoice.number, invoice.received_on + timedelta(days=LEGAL_PAYMENT_DAYS - 1)


def resolve_words(session: Session, case: Case, *, now: datetime, timezone: str,
                  templates: Environment) -> str:
    """When a case is to be resolved by, as its messages say it: with the legal payment limit
    of the unpaid invoice it is about beside it, the day it is resolved by or the day it
    passed (``open_case``; session 35's trial)."""
    due = when(case.resolve_due_at, timezone)
    limit = invoice_limit(session, case.invoice_id)
    if limit is None:
        return due
    number, day = limit
    due_day = case.resolve_due_at.astimezone(ZoneInfo(timezone)).date()
    return render(templates, "case_invoice_limit.txt", due=due, number=number, limit=day,
                  same=due_day == day,
                  passed=day < now.astimezone(ZoneInfo(timezone)).date())


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


def first_raisers(session: Session, case_id: int | None = None) -> dict[int, int]:
    """Who raised the cases a colleague now follows because their raiser left (``pledgebot
    people leave``), by case id: the "opened" event's actor, where that is not
    ``Case.raised_by_id`` (who is told of the case now). History says who raised it. Every
    such case, or only ``case_id``'s."""
    query = (select(CaseEvent.case_id, CaseEvent.actor_id)
             .join(Case, Case.id == CaseEvent.case_id)
             .where(CaseEvent.action == "opened", CaseEvent.actor_id.is_not(None),
                    Case.raised_by_id.is_not(None), CaseEvent.actor_id != Case.raised_by_id))
    if case_id is not None:
        query = query.where(CaseEvent.case_id == case_id)
    return {found: actor for found, actor in session.execute(query).all() if actor is not None}


def name_of(session: Session, person_id: int | None) -> str:
    person = session.get(Person, person_id) if person_id is not None else None
    return person.name if person is not None else "nobody"


def role_words(person: Person, case: Case) -> str:
    """Who someone a case was passed to is, as its provider reads it: by role, never a level
    of the council's ladder (session 35's trial: "(level 2)" told the provider nothing)."""
    if (case.kind == CaseKind.SAFEGUARDING and person.safeguarding_lead
            and person.organisation_id == case.council_id):
        return "the council's safeguarding lead"
    if person.role == Role.COMMISSIONER:
        return "a senior commissioner"
    return "a senior colleague at the council"


@frozen
class Escalation:
    """A case's latest escalation, as its history says it: the level, and who was told."""

    level: int
    to: Person | None
    ended: bool = False


def latest_escalations(session: Session, cases: Iterable[Case]) -> dict[int, Escalation]:
    """Per case id, its latest escalation (``Escalation``); a case never escalated is not in
    the answer. The level shown is the one its history ends at, never ``Case.level``, which
    the sweep sets to the top once the ladder has nobody left to climb to (session 35's trial:
    a two-level ladder's case showed "escalated to level 3", its history ending at level 2).
    Two queries, however many cases."""
    wanted = [case.id for case in cases if case.level]
    if not wanted:
        return {}
    latest: dict[int, tuple[int, int | None, bool]] = {}
    for case_id, detail in session.execute(select(CaseEvent.case_id, CaseEvent.detail).where(
            CaseEvent.case_id.in_(wanted), CaseEvent.action == "escalated")
            .order_by(CaseEvent.id)):
        if isinstance(detail, dict) and isinstance(detail.get("level"), int):
            to = detail.get("to")
            latest[case_id] = (detail["level"], to if isinstance(to, int) else None,
                               bool(detail.get("ended")))
    told = {to for _level, to, _ended in latest.values() if to is not None}
    people = {person.id: person for person in session.scalars(
        select(Person).where(Person.id.in_(told)))} if told else {}
    return {case_id: Escalation(level, people.get(to) if to is not None else None, ended)
            for case_id, (level, to, ended) in latest.items()}


def council_buttons(case: Case) -> tuple[Button, ...]:
    """What the owner can do from a notification: acknowledge it while nobody has (session
    36's trial: a case passed on once acknowledged offered [Acknowledge]), and show it."""
    show = Button(label="Show the case", action=SHOW, value=case.reference)
    if case.status != CaseStatus.OPEN:
        return (show,)
    return (Button(label="Acknowledge", action=ACKNOWLEDGE, value=case.reference), show)


def reply_button(case: Case) -> Button:
    """The provider's Reply under the council's question or comment: the case's comment form."""
    return Button(label="Reply", action=COMMENT, value=case.reference)


def provider_buttons(case: Case) -> tuple[Button, ...]:
    """What the provider can do with a proposed resolution."""
    return (Button(label="Accept", action=ACCEPT, value=case.reference),
            Button(label="Reject", action=REJECT, value=case.reference))


def owner_notification(session: Session, case: Case, kind: str, *, now: datetime,
                       timezone: str, templates: Environment, passed_by: str = "",
                       person_id: int | None = None, key: str | None = None) -> Notification:
    """Tell the case's owner about it (urgent for safeguarding: at once, at any hour): a new
    case (``case.opened``), or one ``passed_by`` someone."""
    urgent = case.kind == CaseKind.SAFEGUARDING
    text = render(
        templates, "case_owner_alert.txt", opened=kind == "case.opened", urgent=urgent,
        reference=case.reference, passed_by=passed_by, kind=case.kind.value.capitalize(),
        category=category_title(case),
        provider=provider_for_council(session, case), summary=case.summary,
        open=case.status == CaseStatus.OPEN,
        acknowledge_by=when(case.acknowledge_due_at, timezone),
        resolve_by=resolve_words(session, case, now=now, timezone=timezone,
                                 templates=templates),
        # A time already gone is said as such (session 26's trial: a case passed on at 12:00
        # said "Please acknowledge by ... 11:00").
        acknowledge_late=case.acknowledge_due_at < now, resolve_late=case.resolve_due_at < now)
    recipient = person_id if person_id is not None else case.assignee_id
    return case_notification(case, recipient, kind, text,
                             key=key or f"{kind}:{recipient}:{now.isoformat()}",
                             buttons=council_buttons(case))


def case_notification(case: Case, person_id: int, kind: str, text: str, *, key: str,
                      buttons: tuple[Button, ...] = (),
                      holds_while: CaseCondition | None = None,
                      reply_command: str | None = None) -> Notification:
    """A message about ``case`` to ``person_id``: keyed ``case:ID:key``, naming the case (its
    reference in an e-mail's subject), urgent when the case is a safeguarding one (delivered
    at once, at any hour). Every case message is built here.

    ``holds_while``: the message is withdrawn, not sent, if this no longer holds of the case
    when the outbox gets to it (an escalation of a case acknowledged meanwhile).
    ``reply_command``: what a plain e-mail reply to it gives (``Notification``)."""
    return Notification(
        person_id=person_id, kind=kind, text=text, idempotency_key=case_key(case, key),
        buttons=buttons,
        urgent=case.kind == CaseKind.SAFEGUARDING,
        case_reference=case.reference,
        case_id=case.id if holds_while is not None else None, case_condition=holds_while,
        reply_command=reply_command)


def case_key(case: Case, key: str) -> str:
    """The outbox idempotency key of ``case_notification``'s message keyed ``key``."""
    return f"case:{case.id}:{key}"


def raiser_notification(case: Case, kind: str, text: str, *, key: str,
                        buttons: tuple[Button, ...] = (),
                        holds_while: CaseCondition | None = None,
                        reply_command: str | None = None) -> Notification | None:
    """Tell whoever raised the case (nobody, for anonymous feedback)."""
    if case.raised_by_id is None:
        return None
    return case_notification(case, case.raised_by_id, kind, text,
                             key=f"{key}:to:{case.raised_by_id}", buttons=buttons,
                             holds_while=holds_while, reply_command=reply_command)


def organisation_name(session: Session, organisation_id: int | None) -> str | None:
    """An organisation's name (a case's provider, say), or None for none."""
    if organisation_id is None:
        return None
    organisation = session.get(Organisation, organisation_id)
    return organisation.name if organisation is not None else None


def when(moment: datetime, timezone: str) -> str:
    """A time as people read it: ``Wed 25 Nov 2026 17:00`` in the given timezone (its day as
    the templates' ``day`` filter says it)."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{day_words(local)} {local:%H:%M}"



# -- what people do with a case ---------------------------------------------------------------
ACTIVE = (CaseStatus.OPEN, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS,
          CaseStatus.RESOLUTION_PROPOSED)


@frozen
class Step:
    """One change to a case: what to tell the person who made it, and whom else to tell."""

    message: str
    notifications: tuple[Notification, ...] = ()


def check_text(text: str, action: str, templates: Environment, session: Session, *,
               names: bool = False) -> str:
    """A comment, question, proposal or reason: not empty, not over ``MAX_DESCRIPTION``, no
    name of a person (with ``names``, a comment on a safeguarding concern, names are cut to
    initials instead: an update on a concern is never refused). Refused as the
    ``text`` of an action's form, which asks it again (session 25's trial: a proposal naming
    "Mr Jenkins" closed the form, and the corrected proposal typed next went to the knowledge
    base)."""
    cleaned = text.strip()
    if not cleaned:
        raise unusable(templates, "no_text", action=action, field="text")
    if len(cleaned) > MAX_DESCRIPTION:
        raise unusable(templates, "long_text", action=action, length=len(cleaned),
                       limit=MAX_DESCRIPTION, field="text")
    # An NHS number, a date of birth, an address taken out, on any case (session 36's trial).
    if names:  # a concern's update is never refused; names cut, in any case
        return without_identifiers(initials_only(cleaned))
    refuse_names(cleaned, templates, session, field="text")
    return without_identifiers(cleaned)


def refuse_names(text: str, templates: Environment, session: Session, *,
                 field: str | None = None) -> None:
    """Refuse words that name a person ("Mrs Harris", "Patricia Holmes"; someone in the
    directory may be named): a case keeps placement references and initials, never the names
    of people receiving care."""
    name = name_in(session, text)
    if name is not None:
        raise unusable(templates, "a_name", name=name, field=field)


def _council_side(actor: Person, case: Case, action: str, templates: Environment,
                  session: Session, today: date) -> None:
    if side(actor, case, templates) == "provider":
        raise NotAllowed(render(templates, "case_refused.txt", problem="council_only",
                                action=action))
    _not_a_party(session, actor, case, action, templates)
    if not may_decide(session, actor, case, today):
        raise NotAllowed(render(templates, "case_refused.txt", problem="not_the_owner",
                                action=action, reference=case.reference,
                                owner=name_of(session, case.assignee_id)))


def decides(session: Session, actor: Person, case: Case, today: date) -> bool:
    """Whether a council-side person may act on a case now: ``may_decide``, and not a party
    to it (what ``_council_side`` refuses, as a yes or no for buttons and comments)."""
    return may_decide(session, actor, case, today) and actor.id not in case_parties(
        session, case)


def may_decide(session: Session, actor: Person, case: Case, today: date) -> bool:
    """Whether a council-side person may act on a case rather than only comment (session 22's
    review: the hub resolved a commissioner's payment dispute, a commissioner took a concern
    from the hub and closed it): an admin; its owner; the owner's escalation contact; the
    owner's cover while the owner is away; anyone it has been escalated to; and, for a
    safeguarding concern, the council's safeguarding leads."""
    if actor.id == case.assignee_id or (
            actor.role == Role.ADMIN and actor.organisation_id == case.council_id):
        return True
    if (case.kind == CaseKind.SAFEGUARDING and actor.safeguarding_lead
            and actor.organisation_id == case.council_id):
        return True
    owner = session.get(Person, case.assignee_id) if case.assignee_id is not None else None
    if owner is not None and (
            owner.escalation_contact_id == actor.id or not owner.active
            or getattr(cover_on(session, owner, today), "id", None) == actor.id):
        return True
    steps = session.scalars(select(CaseEvent.detail).where(
        CaseEvent.case_id == case.id, CaseEvent.action == "escalated"))
    return any(isinstance(detail, dict) and detail.get("to") == actor.id for detail in steps)


def _not_a_party(session: Session, actor: Person, case: Case, action: str,
                 templates: Environment) -> None:
    """A commissioner the case is about may comment on it and nothing else (pledge 6: nobody
    decides a dispute about themselves)."""
    parties = case_parties(session, case)
    if actor.id in parties:
        raise NotAllowed(render(templates, "case_refused.txt", problem="party_acting",
                                action=action, reference=case.reference))


def _provider_side(actor: Person, case: Case, action: str, templates: Environment) -> None:
    """Only the provider the case is about: not the council, and not an admin acting for it
    (session 22's review: the council's admin accepted its own proposal for the provider)."""
    if side(actor, case, templates) != "provider":
        raise NotAllowed(render(templates, "case_refused.txt", problem="provider_only",
                                action=action))
    if action == "withdraw" and case.kind == CaseKind.SAFEGUARDING:
        # A concern, once raised, is the hub's to close: the reporter adds what they know.
        raise NotAllowed(render(templates, "case_refused.txt", problem="concern_stays",
                                reference=case.reference))


# Who may do what, and from which states (the checks each step makes first).
_CAN = {
    "ask": ("council", ACTIVE),
    "propose": ("council", (CaseStatus.OPEN, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS)),
    "resolve": ("council", ACTIVE),
    "reassign": ("council", ACTIVE),
    "withdraw": ("provider", ACTIVE),
    "comment": ("either", ACTIVE),
}


def check_can(session: Session, person: Person, case: Case, action: str,
              templates: Environment, *, now: datetime, policy: SlaPolicy,
              passed_on: bool | None = None) -> None:
    """NotAllowed or BadInput, as the step itself would say, before anything is asked
    (``policy``: whether a resolved conflict may still be reopened; ``passed_on``: for
    "reassign", ``passed_on_by``'s answer when the caller has read it already)."""
    if action == "reopen":  # as ``reopen`` checks
        _provider_side(person, case, action, templates)
        _reopenable(session, case, person, now, policy, templates)
        return
    who, states = _CAN[action]
    today = now.date()
    if action == "reassign" and (person.id == case.assignee_id or (
            passed_on if passed_on is not None else passed_on_by(session, person, case,
                                                                 today))):
        pass  # its owner may always pass it on, and who just did may take it back (``reassign``)
    elif who == "council":
        _council_side(person, case, action, templates, session, today)
    elif who == "provider":
        _provider_side(person, case, action, templates)
    else:
        side(person, case, templates)
    _require(case, states, action, templates)
    if action == "resolve" and case.status == CaseStatus.RESOLUTION_PROPOSED:
        raise refused(templates, "proposal_waits", reference=case.reference)
    if action in ("ask", "propose") and case.raised_by_id is None:
        raise refused(templates, f"anonymous_{action}", reference=case.reference)


def _require(case: Case, allowed: tuple[CaseStatus, ...], action: str,
             templates: Environment, *, reopen_until: datetime | None = None,
             timezone: str = "Europe/London") -> None:
    """Refused unless the case is in one of the ``allowed`` states; a conflict the provider
    may still reopen says how (session 30's trial: "it can't be commented on now", and
    nothing more)."""
    if case.status not in allowed:
        raise refused(templates, "not_now", reference=case.reference,
                      status=STATUS_WORDS[case.status], action=action,
                      reopen_until=when(reopen_until, timezone) if reopen_until else None)


def _told(templates: Environment, told: str, case: Case, actor: Person | None = None,
          quote: str | None = None, **data: object) -> str:
    """What the other side of a case is told, in the words of ``case_told.txt``."""
    cut = quote is not None and len(quote) > MAX_QUOTE
    if quote is not None and cut:
        # Its start, up to MAX_QUOTE characters and cut between words (a whole last word kept).
        start = _QUOTE_START.match(quote)
        quote = (start.group(1) if start else quote[:MAX_QUOTE]).rstrip(" ,;:.") + "…"
    return render(templates, "case_told.txt", told=told, reference=case.reference,
                  actor=actor.name if actor is not None else None, quote=quote or None,
                  cut=cut, **data)


def _step(templates: Environment, step: str, case: Case, *told: Notification,
          **data: object) -> Step:
    """A Step whose message is in the words of ``case_step.txt``."""
    return Step(render(templates, "case_step.txt", step=step, reference=case.reference, **data),
                told)


def _tell_raiser(session: Session, case: Case, event: CaseEvent, words: Callable[..., str], *,
                 actor: Person, now: datetime, templates: Environment,
                 buttons: tuple[Button, ...] = (),
                 reply_command: str | None = None) -> tuple[Notification, ...]:
    """Whoever raised the case is told (``words()``), and while they are away their cover too
    (``/away``), once, in the same words but of the raiser's case, with the same buttons: the
    provider's side of ``_tell_council`` (session 35's brief: the council's comments on the
    cases of a provider away reached only them). Never the one who did it, nor a cover who
    may not see the case."""
    told = raiser_notification(case, f"case.{event.action}", words(), key=f"event:{event.id}",
                               buttons=buttons, reply_command=reply_command)
    if told is None:
        return ()
    raiser = session.get(Person, case.raised_by_id)
    cover = cover_on(session, raiser, now.date()) if raiser is not None else None
    if raiser is None or cover is None or cover.id == actor.id or not sees(cover, case):
        return (told,)
    return (told, case_notification(
        case, cover.id, f"case.{event.action}",
        render(templates, "case_covering.txt", name=raiser.name, until=raiser.away_until,
               told=words(whose=f"{raiser.name}'s")),
        key=f"event:{event.id}:to:{cover.id}", buttons=buttons, reply_command=reply_command))


def sees(person: Person, case: Case) -> bool:
    """Whether ``person`` may see ``case`` (``visible_to``, for one person and one case)."""
    if person.role in COUNCIL_STAFF:
        return person.organisation_id == case.council_id or person.id == case.assignee_id
    return person.role == Role.PROVIDER and person.organisation_id == case.provider_id


def escalated_holder(session: Session, case: Case) -> Person | None:
    """Who holds the case at its escalation level: whoever its latest escalation told (the
    person at that level, or their cover then), unless it has been passed on (reassigned)
    since, or they may no longer be told of it (``may_own``); None for a case never
    escalated."""
    if not case.level:
        return None
    latest = session.scalars(select(CaseEvent).where(
        CaseEvent.case_id == case.id, CaseEvent.action.in_(("escalated", "reassigned")))
        .order_by(CaseEvent.id.desc()).limit(1)).first()
    to = (latest.detail.get("to") if latest is not None and latest.action == "escalated"
          and isinstance(latest.detail, dict) else None)
    person = session.get(Person, to) if isinstance(to, int) else None
    return person if may_own(person, case) else None


def holder_name(session: Session, case: Case) -> str:
    """The name of whoever the provider's answer goes back to: the person holding the case at
    its escalation level (``escalated_holder``), else its owner (session 36's trial: "back
    with Priya" while Tom held the escalated case and Priya was off sick)."""
    holder = escalated_holder(session, case)
    return holder.name if holder is not None else name_of(session, case.assignee_id)


def _last_by(session: Session, case: Case, action: str) -> Person | None:
    """Who last did ``action`` to the case (proposed the resolution, resolved it), if known."""
    actor_id = session.scalars(select(CaseEvent.actor_id).where(
        CaseEvent.case_id == case.id, CaseEvent.action == action)
        .order_by(CaseEvent.id.desc()).limit(1)).first()
    return session.get(Person, actor_id) if actor_id is not None else None


def _tell_council(session: Session, case: Case, event: CaseEvent, words: Callable[..., str],
                  *, actor: Person, now: datetime, templates: Environment,
                  by: Person | None = None, holder: bool = True,
                  besides: Iterable[int] = ()) -> tuple[Notification, ...]:
    """Everyone on the council's side working on the case is told of the provider's step,
    once each: its owner; whoever holds it at its escalation level (``escalated_holder``,
    unless ``holder`` is False); and ``by``, whose proposal was answered or resolution
    reopened. While any of them is away, their cover too (``/away``), once, in the same words
    (session 36's trial: Sam's rejection of the proposal Tom made on the escalated case he
    held reached only Priya, off sick; neither Tom nor Dana, covering for him, heard).

    ``words(whose=..., who=...)``: the words; ``by`` reads them as theirs ("your proposed
    resolution", "which you resolved"), everyone else as ``by``'s ("Tom's", "Tom"). Never
    the one who did it, nor a cover in ``besides`` (told already, in other words)."""
    owner = session.get(Person, case.assignee_id) if case.assignee_id is not None else None
    others = (escalated_holder(session, case) if holder else None, by)
    told: dict[int, Person | None] = {case.assignee_id: owner} if (
        case.assignee_id is not None and case.assignee_id != actor.id) else {}
    for person in others:
        if person is not None and person.id != actor.id and may_own(person, case):
            told.setdefault(person.id, person)
    theirs = {"whose": f"{by.name}'s", "who": by.name} if by is not None else {}
    show = (Button(label="Show the case", action=SHOW, value=case.reference),)
    covered = {actor.id, *told, *besides}
    messages: list[Notification] = []
    for person_id, person in told.items():
        messages.append(case_notification(
            case, person_id, f"case.{event.action}",
            words() if by is not None and person_id == by.id else words(**theirs),
            key=f"event:{event.id}:to:{person_id}", buttons=show))
        cover = cover_on(session, person, now.date()) if person is not None else None
        if person is None or cover is None or cover.id in covered or not sees(cover, case):
            continue
        covered.add(cover.id)
        messages.append(case_notification(
            case, cover.id, f"case.{event.action}",
            render(templates, "case_covering.txt", name=person.name, until=person.away_until,
                   told=words(**theirs)),
            key=f"event:{event.id}:to:{cover.id}", buttons=show))
    return tuple(messages)


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
                timezone: str, policy: SlaPolicy, calendar: WorkingCalendar,
                templates: Environment) -> Step:
    """The council has seen the case: the acknowledge clock stops, the resolve clock runs."""
    _council_side(actor, case, "acknowledge", templates, session, now.date())
    if case.status != CaseStatus.OPEN:
        raise refused(templates, "already", reference=case.reference,
                      status=STATUS_WORDS[case.status])
    case.status = CaseStatus.ACKNOWLEDGED
    case.acknowledged_at = now
    resume_clock(case, now, policy, calendar)
    event = record(session, case, "acknowledged", actor_id=actor.id, now=now)
    raiser_told = _tell_raiser(session, case, event,
                               partial(_told, templates, "acknowledged", case, actor),
                               actor=actor, now=now, templates=templates)
    return _step(templates, "acknowledged", case, *raiser_told,
                 *_tell_owner(session, case, event, actor,
                              partial(_told, templates, "acknowledged_to_owner", case, actor),
                              now=now, templates=templates,
                              besides=[message.person_id for message in raiser_told]),
                 resolve_by=resolve_words(session, case, now=now, timezone=timezone,
                                          templates=templates))


def _start_work(case: Case, now: datetime) -> None:
    if case.status == CaseStatus.OPEN:
        case.acknowledged_at = now
    case.status = CaseStatus.IN_PROGRESS


def ask_information(session: Session, case: Case, actor: Person, text: str, *,
                    now: datetime, templates: Environment) -> Step:
    """The council asks the provider for more information (which also acknowledges it)."""
    _council_side(actor, case, "ask", templates, session, now.date())
    _require(case, ACTIVE, "ask", templates)
    question = check_text(text, "ask", templates, session)
    if case.raised_by_id is None:
        raise refused(templates, "anonymous_ask", reference=case.reference)
    _start_work(case, now)
    case.proposal = None
    # Waiting on the provider: the ladder pauses until they answer (a comment resumes it).
    case.next_check_at = None
    case.claim_token = case.claimed_at = None
    event = record(session, case, "information_requested", actor_id=actor.id, now=now,
                   text=question)
    # A "Reply" button opens the one-question comment form for this case (session 21's review:
    # a provider's answer typed as plain words went to the knowledge base).
    raiser_told = _tell_raiser(session, case, event,
                               partial(_told, templates, "asked", case, actor, question),
                               actor=actor, now=now, templates=templates,
                               buttons=(reply_button(case),))
    step = _step(templates, "asked", case, *raiser_told,
                 *_tell_owner(session, case, event, actor,
                              partial(_told, templates, "asked_to_owner", case, actor,
                                      question),
                              now=now, templates=templates,
                              besides=[message.person_id for message in raiser_told]))
    return _noted(question, templates, step)


def question_waiting(session: Session, case: Case) -> CaseEvent | None:
    """The council's latest question on the case when its provider has not commented since
    (the answer it waits for); else None."""
    asked = session.scalars(select(CaseEvent).where(
        CaseEvent.case_id == case.id, CaseEvent.action == "information_requested")
        .order_by(CaseEvent.id.desc()).limit(1)).first()
    if asked is None:
        return None
    answered = session.scalar(select(CaseEvent.id).join(Person, Person.id == CaseEvent.actor_id)
                              .where(CaseEvent.case_id == case.id, CaseEvent.id > asked.id,
                                     CaseEvent.action == "comment",
                                     Person.role == Role.PROVIDER).limit(1))
    return asked if answered is None else None


def yes_no_question_waiting(session: Session, case: Case) -> str | None:
    """The council's latest question on the case when it is answered with a yes or a no and
    its provider has not commented since (the answer it waits for); else None. A comment of
    the council's that asks one is such a question too (58c0488's review: "yes" to "Are you
    happy for us to close this case now the invoice is paid?" was refused)."""
    asked = question_waiting(session, case)
    if asked is None:
        asked = session.scalars(select(CaseEvent).join(Person, Person.id == CaseEvent.actor_id)
                                .where(CaseEvent.case_id == case.id,
                                       CaseEvent.action == "comment",
                                       Person.role != Role.PROVIDER)
                                .order_by(CaseEvent.id.desc()).limit(1)).first()
        if asked is not None and session.scalar(
                select(CaseEvent.id).outerjoin(Person, Person.id == CaseEvent.actor_id)
                .where(CaseEvent.case_id == case.id, CaseEvent.id > asked.id,
                       CaseEvent.action == "comment",
                       (Person.role == Role.PROVIDER) | CaseEvent.actor_id.is_(None))
                .limit(1)) is not None:
            asked = None
    return asked.text if asked is not None and asks_yes_or_no(asked.text or "") else None


def questions_waiting_for(session: Session, person: Person) -> list[tuple[Case, CaseEvent]]:
    """The council's questions waiting for ``person``'s answer: on the active cases they
    raised (whom the question was sent to), newest question first. One query, however many
    cases (``question_waiting`` case by case was 1 + 2 per case)."""
    if person.role != Role.PROVIDER:
        return []
    latest = (select(CaseEvent.case_id, func.max(CaseEvent.id).label("asked_id"))
              .where(CaseEvent.action == "information_requested")
              .group_by(CaseEvent.case_id).subquery())
    commenter = aliased(Person)
    answered = (select(CaseEvent.id).join(commenter, commenter.id == CaseEvent.actor_id)
                .where(CaseEvent.case_id == latest.c.case_id,
                       CaseEvent.id > latest.c.asked_id, CaseEvent.action == "comment",
                       commenter.role == Role.PROVIDER))
    asked = aliased(CaseEvent)
    return [(case, event) for case, event in session.execute(
        select(Case, asked)
        .join(latest, latest.c.case_id == Case.id)
        .join(asked, asked.id == latest.c.asked_id)
        .where(visible_to(person), Case.raised_by_id == person.id, Case.status.in_(ACTIVE),
               ~answered.exists())
        .order_by(asked.id.desc())).all()]


def comment(session: Session, case: Case, actor: Person, text: str, *, now: datetime,
            policy: SlaPolicy, calendar: WorkingCalendar, templates: Environment,
            update: Sequence[str] | None = None, urgent: bool = False) -> Step:
    """Either side adds a note to the history; the other side is told. The provider's answer
    to a question resumes the ladder the question paused. ``update``: more harm told about a
    safeguarding concern, which the owner and the hub are told as an update on it, naming the
    placement references given and the writer's organisation (session 36's trial); ``urgent``:
    that update's message begins "URGENT" (harm told in a reply on it: session 43)."""
    who = side(actor, case, templates)
    _require(case, ACTIVE, "comment", templates, timezone=policy.timezone, reopen_until=(
        reopen_until(session, case, policy) if who == "provider" else None))
    # On a safeguarding concern an update is never refused, its names cut to initials (session
    # 25's trial: an update naming the person was refused, and raised again as a second,
    # unlinked concern).
    words = check_text(text, "comment", templates, session,
                       names=case.kind == CaseKind.SAFEGUARDING)
    # A lone yes or no answers the council's yes/no question, which its owner is shown with it.
    answering = (yes_no_question_waiting(session, case)
                 if who == "provider" and yes_or_no(words) is not None else None)
    if (who == "provider" and case.next_check_at is None
            and case.status == CaseStatus.IN_PROGRESS):
        resume_clock(case, now, policy, calendar)
    if (who in ("council", "admin") and case.status == CaseStatus.OPEN
            and decides(session, actor, case, now.date())):
        # The owner's side answering the provider has seen the case (session 22's review: after
        # Priya answered, the provider still saw "open, not yet acknowledged").
        case.status = CaseStatus.ACKNOWLEDGED
        case.acknowledged_at = now
        resume_clock(case, now, policy, calendar)
        record(session, case, "acknowledged", actor_id=actor.id, now=now)
    # The provider's side of an anonymous case comments anonymously: no name in its history
    # or in what the council is sent.
    hidden = who == "provider" and anonymous(case)
    event = record(session, case, "comment", actor_id=None if hidden else actor.id, now=now,
                   text=words)
    writer = None if hidden else actor
    heading: dict[str, object] = ({} if update is None or writer is None else {
        "update": list(update), "organisation": writer.organisation.name, "urgent": urgent})
    told: tuple[Notification, ...] = ()
    if who in ("council", "admin"):
        # With a Reply button, and a plain reply taken as the answer (session 35's trial: the
        # provider's answer to a comment that asked which contract went to the knowledge base).
        told += _tell_raiser(session, case, event,
                             partial(_told, templates, "commented_to_raiser", case, actor,
                                     words),
                             actor=actor, now=now, templates=templates,
                             buttons=(reply_button(case),),
                             reply_command=f"/case {case.reference} comment")
    if who in ("provider", "admin"):
        # Its owner and whoever holds it at its escalation level, once each (session 37's
        # brief: a comment on the case escalated to Tom reached Priya alone).
        text_told = _told(templates, "commented_to_owner", case, writer, words,
                          answering=answering, **heading)
        owner_told = _tell_council(session, case, event, lambda **_whose: text_told,
                                   actor=actor, now=now, templates=templates)
        told += owner_told
        # On a safeguarding concern the hub hears it too, at once (urgent): once, a lead who
        # is the owner's cover too having been told as that.
        told += _tell_hub(session, case, event, actor,
                          _told(templates, "commented_to_owner", case, writer, words,
                                **heading),
                          besides=[message.person_id for message in owner_told])
    # Said when names were cut (session 26's trial: it happened unsaid); on anonymous
    # feedback, who will (not) see it.
    # A question handed over from the knowledge base is answered by resolving it: a comment
    # leaves it open and chased (session 33's trial: the commissioner answered with a comment
    # and the question was escalated as unresolved, unsaid).
    question_due = (when(case.resolve_due_at, policy.timezone)
                    if who in ("council", "admin") and case.kind == CaseKind.QUESTION else None)
    step = _step(templates, "commented", case, *told,
                 initials=words != without_identifiers(text.strip()),
                 anonymous=hidden, unanswerable=who != "provider" and anonymous(case),
                 question_due=question_due, council=who in ("council", "admin"),
                 told_to=_raiser_words(session, case) if who != "provider" and told else None)
    return _noted(words, templates, step)


def _noted(kept: str, templates: Environment, step: Step) -> Step:
    """``step``, its message telling what was taken out of the words ``kept``
    (``identifiers_noted``)."""
    return Step(identifiers_noted(step.message, kept, templates), step.notifications)


def identifiers_noted(message: str, kept: str, templates: Environment) -> str:
    """``message``, with a line telling what was taken out of the words ``kept`` (an NHS
    number, a date of birth, an address: ``without_identifiers``), once, when anything was."""
    removed = identifiers_removed(kept)
    if not removed:
        return message
    return f"{message}\n{render(templates, 'identifiers_removed.txt', removed=removed)}"


def _raiser_words(session: Session, case: Case) -> str | None:
    """Who the council's comment on ``case`` reaches, for its writer: the provider by name
    ("Riverside Care Homes (the provider)"), or the colleague who raised it."""
    raiser = session.get(Person, case.raised_by_id) if case.raised_by_id is not None else None
    if raiser is None:
        return None
    if raiser.role == Role.PROVIDER:
        return f"{raiser.organisation.name} (the provider)"
    return raiser.name


def note(session: Session, case: Case, actor: Person, text: str, *, now: datetime,
         templates: Environment) -> Step:
    """Council staff's internal note on a case: kept in its history for the council's staff
    alone, never sent to anyone, never shown to the provider (session 36's trial: a
    colleague's sickness, written as a comment, reached the provider)."""
    if side(actor, case, templates) == "provider":
        raise NotAllowed(render(templates, "case_refused.txt", problem="note_council_only",
                                reference=case.reference))
    words = check_text(text, "note", templates, session,
                       names=case.kind == CaseKind.SAFEGUARDING)
    record(session, case, "note", actor_id=actor.id, now=now, text=words)
    return _noted(words, templates, _step(templates, "noted", case,
                                          initials=words != without_identifiers(text.strip())))


# What only council staff read in a case's history (``note``).
COUNCIL_ONLY_EVENTS = ("note",)


def propose(session: Session, case: Case, actor: Person, text: str, *, now: datetime,
            policy: SlaPolicy, calendar: WorkingCalendar, templates: Environment) -> Step:
    """The council proposes a resolution; the provider accepts or rejects it."""
    _council_side(actor, case, "propose", templates, session, now.date())
    _require(case, (CaseStatus.OPEN, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS),
             "propose", templates)
    proposal = check_text(text, "propose", templates, session)
    if case.raised_by_id is None:
        raise refused(templates, "anonymous_propose", reference=case.reference)
    _start_work(case, now)
    case.status = CaseStatus.RESOLUTION_PROPOSED
    case.proposal = proposal
    # Waiting on the provider: the ladder pauses; the sweep reminds the provider instead.
    case.next_check_at = policy.after(now, policy.escalate_every, calendar)
    case.claim_token = case.claimed_at = None
    event = record(session, case, "resolution_proposed", actor_id=actor.id, now=now,
                   text=proposal)
    raiser_told = _tell_raiser(session, case, event,
                               partial(_told, templates, "proposed", case, actor, proposal),
                               actor=actor, now=now, templates=templates,
                               buttons=provider_buttons(case))
    step = _step(templates, "proposed", case, *raiser_told,
                 *_tell_owner(session, case, event, actor,
                              partial(_told, templates, "proposed", case, actor, proposal),
                              now=now, templates=templates,
                              besides=[message.person_id for message in raiser_told]))
    return _noted(proposal, templates, step)


def resolve(session: Session, case: Case, actor: Person, text: str, *, now: datetime,
            templates: Environment, policy: SlaPolicy) -> Step:
    """The council closes the case as resolved, saying what was done. A conflict's provider
    is told until when they may reopen it (pledge 6: a dispute is not closed by one side
    alone)."""
    _council_side(actor, case, "resolve", templates, session, now.date())
    _require(case, ACTIVE, "resolve", templates)
    if case.status == CaseStatus.RESOLUTION_PROPOSED:
        # The provider's answer to the proposal is awaited: accepting it resolves the case.
        raise refused(templates, "proposal_waits", reference=case.reference)
    outcome = check_text(text, "resolve", templates, session)
    _close(case, CaseStatus.RESOLVED, now)
    event = record(session, case, "resolved", actor_id=actor.id, now=now, text=outcome)
    until = reopen_until(session, case, policy)
    until_words = when(until, policy.timezone) if until is not None else None
    reopen_button = ((Button(label="Reopen", action=REOPEN, value=case.reference),)
                     if until is not None else ())
    raiser_told = _tell_raiser(
        session, case, event, partial(
            _told, templates, "resolved", case, actor, outcome, reopen_until=until_words,
            # A question answered is quoted, so they know which (session 33's trial).
            question=case.summary if case.kind == CaseKind.QUESTION else None),
        actor=actor, now=now, templates=templates, buttons=reopen_button)
    owner_told = _tell_owner(session, case, event, actor,
                             partial(_told, templates, "resolved", case, actor, outcome),
                             now=now, templates=templates,
                             besides=[message.person_id for message in raiser_told])
    step = _step(templates, "resolved", case, *raiser_told, *owner_told,
                 *_tell_hub(session, case, event, actor,
                            _told(templates, "resolved_to_hub", case, actor, outcome),
                            besides=[message.person_id for message in (*raiser_told,
                                                                       *owner_told)]),
                 reopen_until=until_words)
    return _noted(outcome, templates, step)


def _tell_owner(session: Session, case: Case, event: CaseEvent, actor: Person,
                words: Callable[..., str], *, now: datetime, templates: Environment,
                besides: Iterable[int] = ()) -> tuple[Notification, ...]:
    """The case's owner, when someone else (their cover, a safeguarding lead, whoever it was
    escalated to) acknowledges, asks the provider about, proposes or resolves it, is told, once
    (session 43's trial: the hub resolved the concern it had passed to Priya, and Priya was
    never told; session 44's brief: nor when someone else acknowledged or asked); while they
    are away, their cover too, once, in the same words of the owner's case (session 45's
    brief: the cover, acting on the owner's cases, never heard). Never the one who did it,
    nor anyone in ``besides`` (told already).

    ``words(whose=...)``: the words; the owner reads them as theirs, the cover as the
    owner's ("Priya Shah's")."""
    if case.assignee_id is None or case.assignee_id in (actor.id, *besides):
        return ()
    show = (Button(label="Show the case", action=SHOW, value=case.reference),)
    told = (case_notification(case, case.assignee_id, f"case.{event.action}", words(),
                              key=f"event:{event.id}:owner", buttons=show),)
    owner = session.get(Person, case.assignee_id)
    cover = cover_on(session, owner, now.date()) if owner is not None else None
    if (owner is None or cover is None or cover.id in (actor.id, *besides)
            or not sees(cover, case)):
        return told
    return (*told, case_notification(
        case, cover.id, f"case.{event.action}",
        render(templates, "case_covering.txt", name=owner.name, until=owner.away_until,
               told=words(whose=f"{owner.name}'s")),
        key=f"event:{event.id}:to:{cover.id}", buttons=show))


def _tell_hub(session: Session, case: Case, event: CaseEvent, actor: Person, text: str,
              *, besides: Iterable[int] = ()) -> tuple[Notification, ...]:
    """A safeguarding concern resolved or passed on: its council's safeguarding leads are
    told, but for whoever did it (session 22's review: a commissioner took a concern from the
    hub and closed it, and the hub never heard)."""
    if case.kind != CaseKind.SAFEGUARDING:
        return ()
    skip = {actor.id, *besides}
    return tuple(
        case_notification(case, lead.id, f"case.{event.action}", text,
                          key=f"event:{event.id}:to:{lead.id}",
                          buttons=(Button(label="Show the case", action=SHOW,
                                          value=case.reference),))
        for lead in safeguarding_leads(session, case.council_id) if lead.id not in skip)


def _close(case: Case, status: CaseStatus, now: datetime) -> None:
    case.status = status
    case.closed_at = now
    case.next_check_at = None
    case.claim_token = None
    case.claimed_at = None


def passed_on_by(session: Session, actor: Person, case: Case, today: date) -> bool:
    """Whether ``actor`` passed ``case`` to its owner today, and the owner has done nothing
    with it since: they may take it back (session 43's trial: Priya passed her case to Tom by
    mistake, and "/case REF reassign priya" was refused as Tom's)."""
    latest = session.scalars(select(CaseEvent).where(
        CaseEvent.case_id == case.id, CaseEvent.action == "reassigned")
        .order_by(CaseEvent.id.desc()).limit(1)).first()
    if (latest is None or latest.actor_id != actor.id or actor.id == case.assignee_id
            or latest.at.date() != today):
        return False
    acted = session.scalars(select(CaseEvent.id).where(
        CaseEvent.case_id == case.id, CaseEvent.id > latest.id,
        CaseEvent.actor_id == case.assignee_id).limit(1)).first()
    return acted is None


def reassign(session: Session, case: Case, actor: Person, to: Person, *, now: datetime,
             timezone: str, templates: Environment, passed_on: bool | None = None) -> Step:
    """Hand the case to another commissioner of the council (never to a party to it). Its
    owner may always pass it on: one owned by another council's admin (given so by an earlier
    version's default owner) could otherwise be neither acted on nor passed (session 25).

    ``passed_on``: ``passed_on_by``'s answer for ``actor``, when the caller has read it already
    (session 45's brief: read two or three times for one step); None: read here if needed."""
    taking_back = to.id == actor.id and actor.id != case.assignee_id and (
        passed_on if passed_on is not None else passed_on_by(session, actor, case,
                                                             now.date()))
    if actor.id != case.assignee_id and not taking_back:
        _council_side(actor, case, "reassign", templates, session, now.date())
    _require(case, ACTIVE, "reassign", templates)
    if not may_own(to, case):
        raise refused(templates, "not_commissioner", email=to.email, field="text")
    if to.id == case.assignee_id:
        raise refused(templates, "already_theirs", reference=case.reference, name=to.name,
                      field="text")
    day = now.astimezone(ZoneInfo(timezone)).date()
    if away_on(to, day):
        # Session 25's trial: an urgent concern was passed to someone away, unsaid; it sat
        # with them until it escalated. Their cover is named instead.
        cover = cover_on(session, to, day)
        raise refused(templates, "away", reference=case.reference, name=to.name,
                      until=to.away_until, cover=cover.email if cover is not None else None,
                      field="text")
    parties = case_parties(session, case)
    if to.id in parties:
        raise refused(templates, "party", reference=case.reference, name=to.name,
                      field="text")
    before = case.assignee_id
    case.assignee_id = to.id
    event = record(session, case, "reassigned", actor_id=actor.id, now=now,
                   text=render(templates, "case_history.txt", event="reassigned",
                               before=name_of(session, before), after=to.name),
                   assignee_id=to.id)
    # Taking a case oneself needs no message to oneself (session 22's review: "Priya Shah
    # passed it to you" reached Priya after she had closed it).
    told = () if to.id == actor.id else (owner_notification(
        session, case, "case.reassigned", now=now, timezone=timezone, templates=templates,
        # keyed on the step, not the instant: passed back and forth, it is told each time
        passed_by=actor.name, key=f"event:{event.id}:to:{to.id}"),)
    # Whoever had it, when someone else moves it, hears it is no longer theirs (session 43's
    # trial: Tom was never told Priya had taken back the case she had passed him).
    former = session.get(Person, before) if before is not None else None
    if former is not None and former.id != actor.id:
        told = (*told, case_notification(
            case, former.id, "case.reassigned",
            _told(templates, "taken_from_you", case, actor, owner=to.name,
                  back=to.id == actor.id),
            key=f"event:{event.id}:from:{former.id}"))
    raiser_told = _tell_raiser(session, case, event,
                               partial(_told, templates, "reassigned", case, owner=to.name),
                               actor=actor, now=now, templates=templates)
    return _step(templates, "reassigned", case, *told, *raiser_told,
                 *_tell_hub(session, case, event, actor,
                            _told(templates, "reassigned_to_hub", case, actor, owner=to.name),
                            besides=(to.id, *(message.person_id for message in raiser_told))),
                 owner=to.name)


def accept(session: Session, case: Case, actor: Person, *, now: datetime,
           templates: Environment) -> Step:
    """The provider accepts the proposed resolution: the case is resolved."""
    _provider_side(actor, case, "accept", templates)
    _require(case, (CaseStatus.RESOLUTION_PROPOSED,), "accept", templates)
    _close(case, CaseStatus.RESOLVED, now)
    event = record(session, case, "accepted", actor_id=actor.id, now=now,
                   text=case.proposal)
    return _step(templates, "accepted", case,
                 *_tell_council(session, case, event,
                                partial(_told, templates, "accepted", case, actor),
                                actor=actor, now=now, templates=templates,
                                by=_last_by(session, case, "resolution_proposed")),
                 *_raiser_answered_for(case, event, actor, templates))


def reject(session: Session, case: Case, actor: Person, text: str = "", *,
           now: datetime, policy: SlaPolicy, calendar: WorkingCalendar,
           templates: Environment) -> Step:
    """The provider rejects the proposal: the case is in progress again, its clock running
    (if it has run out, the council has ``escalate_every`` working days before the next
    level)."""
    _provider_side(actor, case, "reject", templates)
    _require(case, (CaseStatus.RESOLUTION_PROPOSED,), "reject", templates,
             timezone=policy.timezone, reopen_until=reopen_until(session, case, policy))
    reason = check_text(text, "reject", templates, session) if text.strip() else None
    case.status = CaseStatus.IN_PROGRESS
    case.next_check_at = None  # the provider-reminder time is not a step of the ladder
    resume_clock(case, now, policy, calendar)
    event = record(session, case, "rejected", actor_id=actor.id, now=now, text=reason)
    step = _step(templates, "rejected", case,
                 *_tell_council(session, case, event,
                                partial(_told, templates, "rejected", case, actor, reason),
                                actor=actor, now=now, templates=templates,
                                by=_last_by(session, case, "resolution_proposed")),
                 *_raiser_answered_for(case, event, actor, templates),
                 owner=holder_name(session, case))
    return _noted(reason or "", templates, step)


def _raiser_answered_for(case: Case, event: CaseEvent, actor: Person,
                         templates: Environment) -> tuple[Notification, ...]:
    """The raiser is told, once, when a colleague (their cover, from the sweep's copy of the
    proposal waiting) accepted or rejected the council's proposal on their case: their own
    record of it, to them alone (the session's review: Sam, back, had nothing to say his case
    was resolved). Nobody when they answered it themselves, or for anonymous feedback."""
    if case.raised_by_id is None or case.raised_by_id == actor.id:
        return ()
    told = raiser_notification(
        case, f"case.{event.action}",
        _told(templates, f"{event.action}_to_raiser", case, actor, event.text),
        key=f"event:{event.id}")
    return (told,) if told is not None else ()


def reopen_until(session: Session, case: Case, policy: SlaPolicy) -> datetime | None:
    """Until when the provider may reopen a resolved conflict: ``policy.reopen_days`` after
    the council resolved it without their acceptance (one they accepted stays resolved);
    None when it can't be reopened."""
    if (case.kind != CaseKind.CONFLICT or case.status != CaseStatus.RESOLVED
            or case.closed_at is None or case.raised_by_id is None):
        return None
    # One reopen per resolution the council made alone: a second needs a new resolution.
    last = _last_settling(session, case)
    if last is None or last.action != "resolved":
        return None
    zone = ZoneInfo(policy.timezone)
    last_day = case.closed_at.astimezone(zone).date() + timedelta(days=policy.reopen_days)
    return datetime.combine(last_day, time(23, 59), tzinfo=zone).astimezone(ZoneInfo("UTC"))


def _last_settling(session: Session, case: Case) -> CaseEvent | None:
    """The latest resolution, acceptance or reopening in the case's history, or None."""
    return session.scalars(select(CaseEvent).where(
        CaseEvent.case_id == case.id,
        CaseEvent.action.in_(("resolved", "accepted", "reopened")))
        .order_by(CaseEvent.at.desc(), CaseEvent.id.desc())).first()


def reopen(session: Session, case: Case, actor: Person, text: str, *, now: datetime,
           policy: SlaPolicy, calendar: WorkingCalendar, templates: Environment) -> Step:
    """The provider contests a resolution the council made alone: the conflict is in
    progress again with its owner, who is told why."""
    _provider_side(actor, case, "reopen", templates)
    _reopenable(session, case, actor, now, policy, templates)
    reason = check_text(text, "reopen", templates, session)
    case.status = CaseStatus.IN_PROGRESS
    case.closed_at = None
    resume_clock(case, now, policy, calendar)
    event = record(session, case, "reopened", actor_id=actor.id, now=now, text=reason)
    step = _step(templates, "reopened", case,
                 *_tell_council(session, case, event,
                                partial(_told, templates, "reopened", case, actor, reason),
                                actor=actor, now=now, templates=templates,
                                by=_last_by(session, case, "resolved")),
                 owner=holder_name(session, case))
    return _noted(reason, templates, step)


def _reopenable(session: Session, case: Case, actor: Person, now: datetime, policy: SlaPolicy,
                templates: Environment) -> None:
    """Refused, saying why, unless ``actor``'s provider may reopen the case now."""
    until = reopen_until(session, case, policy)
    if until is None:
        last = _last_settling(session, case)
        if case.status in ACTIVE and last is not None and last.action == "reopened":
            # Said plainly (session 30's review): reopened once, it waits for a new resolution;
            # a colleague is told who reopened it (session 31's review: "You have reopened").
            raise refused(templates, "reopened_already", reference=case.reference,
                          owner=name_of(session, case.assignee_id),
                          reopened_by=(None if last.actor_id == actor.id
                                       else name_of(session, last.actor_id)))
        _require(case, (CaseStatus.RESOLVED,), "reopen", templates)  # still open, withdrawn
        raise refused(templates, "not_reopenable", reference=case.reference)
    if now > until:
        raise refused(templates, "reopen_late", reference=case.reference,
                      until=when(until, policy.timezone))


def withdraw(session: Session, case: Case, actor: Person, text: str = "", *,
             now: datetime, templates: Environment) -> Step:
    """The provider withdraws the case."""
    _provider_side(actor, case, "withdraw", templates)
    _require(case, ACTIVE, "withdraw", templates)
    reason = check_text(text, "withdraw", templates, session) if text.strip() else None
    # A proposal waiting for the provider's answer: whoever made it hears it is withdrawn.
    proposer = (_last_by(session, case, "resolution_proposed")
                if case.status == CaseStatus.RESOLUTION_PROPOSED else None)
    _close(case, CaseStatus.WITHDRAWN, now)
    hidden = anonymous(case)  # withdrawn anonymously, as it was raised
    event = record(session, case, "withdrawn", actor_id=None if hidden else actor.id, now=now,
                   text=reason)
    step = _step(templates, "withdrawn", case,
                 *_tell_council(session, case, event,
                                partial(_told, templates, "withdrawn", case,
                                        None if hidden else actor),
                                actor=actor, now=now, templates=templates, by=proposer))
    return _noted(reason or "", templates, step)
