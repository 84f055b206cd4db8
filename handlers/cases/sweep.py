"""The SLA sweep: cases not acknowledged or not resolved in time go up the escalation ladder.

The same two steps as the reminder sweep, so several processes and restarts neither lose nor
repeat a step:

1. claim: one ``UPDATE case_file ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) AND
   <still due> RETURNING`` stamps a batch of due cases (``next_check_at`` passed) with a token;
2. check: in one transaction, each case still claimed by the token is looked at again (a
   person may have acknowledged it meanwhile): a breached clock raises its level by one, tells
   the person at that level and the provider who raised it (and their cover, while they are
   away), records the step in its history, sets the next check and releases the claim. The
   outbox's unique keys (one per case and level) keep every message single even if a batch is
   retried.

A case's ``level`` only rises (0 to 3): level 1 is told when it is not acknowledged in time,
the next level when it is not resolved in time, and then one level more every
``escalate_every`` working days while it stays unresolved, up to level 3.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from jinja2 import Environment
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, sessionmaker, undefer

from bot import outbox
from bot.config import Settings
from bot.db import id_in, transaction
from bot.errors import BadInput
from bot.messages import Notification
from bot.models import (
    Case,
    CaseCondition,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Contract,
    Organisation,
    Person,
    Placement,
    Tender,
)
from bot.templates import render
from bot.values import frozen
from handlers.cases.about import About, cases_about
from handlers.cases.service import (
    CLOSED,
    TOP_LEVEL,
    SlaPolicy,
    case_key,
    case_notification,
    case_parties,
    category_title,
    council_buttons,
    default_owner,
    hides_provider,
    may_own,
    organisation_name,
    present,
    provider_buttons,
    raiser_notification,
    record,
    role_words,
    sees,
    when,
)
from handlers.people.away import away_on, may_cover
from scheduler.claims import Totals, claim_rows, run_batches
from scheduler.rules import WorkingCalendar


def claim_due_cases(factory: sessionmaker[Session], *, now: datetime, lease: timedelta,
                    batch: int, token: str, claimed_at: datetime | None = None) -> list[int]:
    """Claim up to ``batch`` cases whose next check is due; returns their ids."""
    stamp = claimed_at or now
    due = and_(Case.next_check_at <= now,
               or_(Case.claim_token.is_(None), Case.claimed_at < stamp - lease))
    return claim_rows(factory, Case, due=due, order_by=(Case.next_check_at, Case.id),
                      batch=batch, token=token, stamp=stamp)


def _breach(case: Case, now: datetime) -> str | None:
    """Which clock the case has run past: 'acknowledge', 'resolve' or None.

    A proposed resolution waits on the provider, so it breaches nothing until rejected.
    """
    if case.status in CLOSED or case.status == CaseStatus.RESOLUTION_PROPOSED:
        return None
    if now >= case.resolve_due_at:
        return "resolve"
    if case.status == CaseStatus.OPEN and now >= case.acknowledge_due_at:
        return "acknowledge"
    return None


def next_check(case: Case, now: datetime, policy: SlaPolicy,
               calendar: WorkingCalendar, *, level: int | None = None) -> datetime | None:
    """When the sweep should next look at the case: its next clock, or, while it is overdue,
    ``escalate_every`` working days on. None once closed, waiting on the provider, or at the
    top of the ladder."""
    if case.status == CaseStatus.RESOLUTION_PROPOSED:
        # Waiting on the provider: no level, but a reminder every escalate_every days.
        return policy.after(now, policy.escalate_every, calendar)
    if case.status in CLOSED or (case.level if level is None else level) >= TOP_LEVEL:
        return None
    clocks = [case.resolve_due_at]
    if case.status == CaseStatus.OPEN:
        clocks.append(case.acknowledge_due_at)
    upcoming = [moment for moment in clocks if moment > now]
    if _breach(case, now) is not None:
        if case.kind == CaseKind.SAFEGUARDING and case.status == CaseStatus.OPEN:
            # Nobody has acknowledged a safeguarding concern: the next level, and the next,
            # each after the same short interval, at any hour.
            upcoming.append(now + policy.safeguarding_acknowledge)
        else:
            upcoming.append(policy.after(now, policy.escalate_every, calendar))
    return min(upcoming)


@frozen
class Passed:
    """A level of the ladder a climbing case went past without telling anyone there: ``why``
    is "late" (its turn came at ``due`` while the sweep was not running), "told" (its person
    was told already, at ``told_at``), "owner" (its person holds the case), or one of
    ``UNAVAILABLE``: its person is away with nobody to cover, has left, is a party to the
    case, or is not of the case's council. ``stand_ins``: who stands in for a level with
    nobody to tell (the owner's escalation contact, the default owner), all told already."""

    level: int
    name: str | None
    why: str
    due: datetime | None = None
    told_at: int | None = None
    stand_ins: tuple[str, ...] = ()
    # For a party: what of theirs the case is about ("tender", "placement", "contract"), if
    # that is what makes them one.
    theirs: str | None = None


UNAVAILABLE = ("away", "left", "party", "unable")


def caught_up(case: Case, now: datetime, policy: SlaPolicy,
              calendar: WorkingCalendar) -> tuple[int, list[tuple[int, datetime]]]:
    """The level a breached case goes to at ``now``: one above its own, or, when the sweep has
    not run for a while (the service was down), the level a sweep running all along would
    have reached by now (session 22's review: a concern twelve days unacknowledged went to
    level 1 only). Only the person at that level is told, once; the levels passed over are
    returned with when each fell due, for the message to say so (session 27)."""
    moment = case.next_check_at if case.next_check_at is not None else now
    level = case.level + 1
    passed: list[tuple[int, datetime]] = []
    while level < TOP_LEVEL:
        following = next_check(case, min(moment, now), policy, calendar, level=level)
        if following is None or following > now or _breach(case, following) is None:
            break
        passed.append((level, min(moment, now)))
        level += 1
        moment = following
    return level, passed


@frozen
class Rung:
    """Whom a climbing case tells, at which level, and the levels passed over on the way.

    ``reached``: the level the case is at afterwards when that is above ``level`` (a late
    sweep whose levels due had nobody to tell from ``level`` up); ``nobody_new``: the ladder
    has nobody left who was not told already, so the default owner is told it has ended."""

    person: Person
    level: int
    passed: tuple[Passed, ...] = ()
    nobody_new: bool = False
    told: tuple[str, ...] = ()
    reached: int | None = None


def escalation_key(level: int, person_id: int) -> str:
    """The key of the escalation message to ``person_id`` at ``level`` (``case_notification``
    makes it the case's own)."""
    return f"level:{level}:to:{person_id}"


def told_so_far(session: Session, cases: Sequence[Case]) -> dict[int, dict[int, int]]:
    """Who has been told of each case by an escalation, and at which level (the first time),
    by case id: one query for the cases' escalations and one for their messages, however many
    cases a sweep escalates.

    Told means a message that reaches them: sent, or still on its way. Not one withdrawn
    unsent (the case was acknowledged before it went), nor one about to be, nor one
    dead-lettered (session 27's second review: Lead, whose level-1 message was withdrawn, was
    passed over at level 2 as "told at level 1", and never heard of the case)."""
    told: dict[int, dict[int, int]] = {case.id: {} for case in cases}
    if not cases:
        return told
    by_id = {case.id: case for case in cases}
    steps = []
    for case_id, detail in session.execute(select(CaseEvent.case_id, CaseEvent.detail).where(
            id_in(session, CaseEvent.case_id, by_id), CaseEvent.action == "escalated")
            .order_by(CaseEvent.id)):
        if isinstance(detail, dict) and isinstance(detail.get("to"), int):
            level = int(detail.get("level", 0))
            steps.append((case_id, detail["to"], level,
                          case_key(by_id[case_id], escalation_key(level, detail["to"]))))
    lost = outbox.never_delivered(session, [key for *_step, key in steps])
    for case_id, person_id, level, key in steps:
        if key not in lost:
            told[case_id].setdefault(person_id, level)
    return told


def _theirs(session: Session, case: Case, person_id: int) -> str | None:
    """What of ``person_id``'s the case is about (its tender, placement or contract, whose
    commissioner they are), making them a party to it; None for none of those."""
    concerned = (
        ("tender", session.get(Tender, case.tender_id) if case.tender_id else None),
        ("placement", session.get(Placement, case.placement_id) if case.placement_id else None),
        ("contract", session.get(Contract, case.contract_id) if case.contract_id else None))
    return next((what for what, row in concerned
                 if row is not None and row.commissioner_id == person_id), None)


def _unavailable(person: Person | None, today: date, parties: set[int]) -> str:
    """Why nobody at a level of the chain can be told (one of ``UNAVAILABLE``)."""
    if person is None or not person.active:
        return "left"
    if person.id in parties:
        return "party"
    if away_on(person, today):
        return "away"
    return "unable"


@frozen
class StandIns:
    """Who stands in for a level with nobody to tell, in order: the owner's escalation
    contact (when they may be told), then the default owner; ``nobody``: why there is no
    default owner, when there is none."""

    people: tuple[Person, ...]
    nobody: BadInput | None = None

    def new(self, told: Mapping[int, int]) -> Person | None:
        """The first of them not told of the case already, if any."""
        return next((person for person in self.people if person.id not in told), None)


def _stand_ins(session: Session, case: Case, owner: Person | None, today: date,
               parties: set[int], *, settings: Settings, templates: Environment) -> StandIns:
    """Who stands in for a level of ``case`` with nobody to tell (``StandIns``)."""
    contact_id = owner.escalation_contact_id if owner is not None else None
    contact, _why = present(session, contact_id, today, parties)
    people = (contact,) if contact is not None and may_own(contact, case) else ()
    try:
        return StandIns((*people, default_owner(session, settings, templates=templates,
                                                council_id=case.council_id, parties=parties)))
    except BadInput as error:
        return StandIns(people, nobody=error)


def _level_person(session: Session, case: Case, level: int, settings: Settings,
                  people: dict[int, Person], today: date, templates: Environment,
                  late: Sequence[tuple[int, datetime]] = (), *,
                  told: Mapping[int, int] | None = None) -> Rung:
    """Who is told at a level: the routing chain's person (or their cover while away), else
    the owner's escalation contact, else the default owner. Never a party to the case, the
    owner themself, or anyone outside the case's council but an admin.

    Nor anyone told at an earlier level (session 27's brief: a person named at two levels,
    or at a level while holding the case, was "escalated to" again, which told nobody new):
    such a level is passed over and the next one's person told, at their level. A level whose
    person cannot be told (away with nobody to cover, left, a party) gives way to those who
    stand in (the owner's escalation contact, the default owner), as before; when they have
    been told already, it is passed over too and the case climbs on (session 27's second
    review: the ladder ended there, and the level above was never told).

    ``late``: the levels a late sweep went past to reach ``level`` (``caught_up``), with when
    each fell due. When nobody from ``level`` up can be told, the highest of them whose
    person has not been told is, at their own level, before anyone stands in (the second
    review: level 3 naming the owner sent the case to the default owner, and levels 1 and 2
    were never told); the case stays at the level it reached. So too past the top of a
    ladder shorter than three levels: its top level is told, named as it is.

    When nobody new is left at all, the default owner (the hub or admin) is told that the
    ladder has ended, and the case goes to the top level (it climbs no more).

    ``told``: ``told_so_far`` of the case, when the caller has it (the sweep asks once for
    all its cases); else it is looked up here.
    """
    parties = case_parties(session, case)
    parties.add(case.assignee_id)
    if told is None:
        told = told_so_far(session, [case])[case.id]
    chain = list(case.chain or [])
    owner = people.get(case.assignee_id) or session.get(Person, case.assignee_id)

    def name(person_id: int) -> str | None:
        person = people.get(person_id) or session.get(Person, person_id)
        return person.name if person is not None else None

    def at_level(at: int) -> Person | Passed:
        """The person to tell at a level of the chain (or their cover), else why not."""
        named = chain[at - 1]
        person, _why = present(session, named, today, parties)
        if person is not None and may_own(person, case) and person.id not in told:
            return person
        if named == case.assignee_id:
            return Passed(at, name(named), "owner")
        seen = person.id if person is not None else named
        if seen in told:
            return Passed(at, name(seen), "told", told_at=told[seen])
        why = _unavailable(people.get(named) or session.get(Person, named), today, parties)
        return Passed(at, name(named), why,
                      theirs=_theirs(session, case, named) if why == "party" else None)

    # Who stands in (``_stand_ins``): read when a level first needs them, and only then.
    standing: StandIns | None = None
    passed: dict[int, Passed] = {}
    lower: tuple[int, Person] | None = None  # the highest level due with someone to tell
    for at, due in sorted(late):
        found = at_level(at) if at <= len(chain) else None
        if isinstance(found, Person):
            lower = (at, found)
        passed[at] = (found if isinstance(found, Passed) and found.why in ("told", "owner")
                      else Passed(at, name(chain[at - 1]) if at <= len(chain) else None,
                                  "late", due=due))

    def rung(person: Person, at: int, *, reached: int | None = None,
             nobody_new: bool = False, stands_in: bool = False) -> Rung:
        # A level passed over late whose person is told now is not said to be passed over;
        # the level someone stands in for is, with why (session 37's trial).
        steps = tuple(step for step_at, step in sorted(passed.items())
                      if (step_at != at or stands_in) and not (
            step.why == "late" and step_at <= len(chain) and chain[step_at - 1] == person.id))
        names = tuple(n for n in (name(pid) for pid in told) if n is not None)
        return Rung(person, at, steps, nobody_new=nobody_new, told=names if nobody_new else (),
                    reached=reached if reached is not None and reached > at else None)

    at = highest = level
    while at <= min(len(chain), TOP_LEVEL):
        highest = at
        found = at_level(at)
        if isinstance(found, Person):
            return rung(found, at)
        if found.why in UNAVAILABLE:
            if lower is not None:
                passed[at] = found
                break  # a late sweep: the level due below, before anyone stands in
            standing = standing or _stand_ins(session, case, owner, today, parties,
                                              settings=settings, templates=templates)
            stand_in = standing.new(told)
            if stand_in is not None:
                passed[at] = found
                return rung(stand_in, at, stands_in=True)
            found = Passed(at, found.name, found.why, stand_ins=tuple(dict.fromkeys(
                person.name for person in standing.people)))
        passed[at] = found
        at += 1
    if lower is not None:
        # Also past the top of a shorter ladder (no level 3): its highest level due is told,
        # at its own level, and the case has reached the top (session 34's trial: the owner's
        # escalation contact, at level 1 of a two-level ladder, was told as "level 3", standing
        # in for a level that does not exist, and level 2 was passed over).
        return rung(lower[1], lower[0], reached=highest)
    standing = standing or _stand_ins(session, case, owner, today, parties,
                                      settings=settings, templates=templates)
    stand_in = standing.new(told)
    at = min(max(level, len(chain) + 1), TOP_LEVEL)
    if stand_in is not None:
        return rung(stand_in, at)
    if standing.nobody is not None:
        # Nobody else at all: the owner is chased rather than the case left to sit.
        if owner is not None and owner.active:
            return rung(owner, at)
        raise standing.nobody
    return rung(standing.people[-1], TOP_LEVEL, nobody_new=True)


def escalation_words(templates: Environment, to: str, case: Case, level: int, reason: str,
                     target: Person, *, timezone: str, owner_name: str = "",
                     passed: Sequence[Passed] = (), nobody_new: bool = False,
                     told: Sequence[str] = (), provider: str | None = None,
                     about: str | None = None, whose: str | None = None) -> str:
    """The words of an escalation (``case_escalated.txt``): to the person at the new level
    (``to="target"``), to whoever raised the case (``"raiser"``), or its history's
    (``"history"``). ``provider``: the name of the case's provider (none for none);
    ``about``: what the case is about as ``to`` reads it (``About``), if anything;
    ``whose``: the raiser's case as their cover reads it ("Sam's"), else "Your"."""
    return render(
        templates, "case_escalated.txt", to=to, level=level, reason=reason,
        whose=whose or "Your",
        target=target.name, target_role=role_words(target, case), owner=owner_name,
        # The ladder's top reached: the sweep chases it no further (``next_check``).
        top=case.level >= TOP_LEVEL,
        reference=case.reference,
        urgent=case.kind == CaseKind.SAFEGUARDING, open=case.status == CaseStatus.OPEN,
        kind=case.kind.value.capitalize(),
        category=category_title(case), summary=case.summary,
        acknowledge_by=when(case.acknowledge_due_at, timezone),
        resolve_by=when(case.resolve_due_at, timezone),
        # Enough to act on from the message alone (session 26's trial: a concern's escalation
        # said only "Safeguarding concern (physical abuse)"): whose, and the words' start.
        provider=provider, about=about,
        words=(_start(case.description) if case.kind == CaseKind.SAFEGUARDING else None),
        passed=[{"level": step.level, "name": step.name, "why": step.why,
                 "due": when(step.due, timezone) if step.due is not None else None,
                 "told_at": step.told_at, "stand_ins": list(step.stand_ins),
                 "theirs": step.theirs}
                for step in passed],
        nobody_new=nobody_new, told=list(told))


ESCALATION_WORDS = 300  # of a concern's words, in its escalation


def _start(text: str) -> str:
    """The start of a concern's words, up to ``ESCALATION_WORDS`` characters, cut at a word."""
    flat = " ".join(text.split())
    if len(flat) <= ESCALATION_WORDS:
        return flat
    return flat[:ESCALATION_WORDS].rsplit(" ", 1)[0] + " …"


def _escalation_messages(case: Case, rung: Rung, reason: str, owner_name: str,
                         provider: str | None, timezone: str, templates: Environment,
                         about: About | None,
                         covering: tuple[Person, Person] | None = None) -> list[Notification]:
    def words(to: str, whose: str | None = None) -> str:
        # The council's staff read their own council's reference; the provider who raised
        # it, with the council's name beside one it holds at two councils (as its reminders).
        return escalation_words(templates, to, case, rung.level, reason, rung.person,
                                timezone=timezone, owner_name=owner_name, passed=rung.passed,
                                nobody_new=rung.nobody_new, told=rung.told, provider=provider,
                                about=(None if about is None else
                                       about.provider if to == "raiser" else about.council),
                                whose=whose)

    level, target = rung.level, rung.person
    # Not sent if the case is acknowledged (for a missed acknowledgement) or closed before
    # the outbox gets to it: it would tell of a step that no longer holds.
    holds = (CaseCondition.UNACKNOWLEDGED if reason == "acknowledge"
             else CaseCondition.ACTIVE)
    messages = [case_notification(case, target.id, "case.escalated", words("target"),
                                  key=escalation_key(level, target.id),
                                  buttons=council_buttons(case), holds_while=holds)]
    told = raiser_notification(case, "case.escalated", words("raiser"), key=f"level:{level}",
                               holds_while=holds)
    if told is not None:
        messages.append(told)
        if covering is not None and covering[1].id != target.id:
            raiser, cover = covering
            messages.append(case_notification(
                case, cover.id, "case.escalated",
                render(templates, "case_covering.txt", name=raiser.name,
                       until=raiser.away_until, told=words("raiser", f"{raiser.name}'s")),
                key=f"level:{level}:cover:{cover.id}", holds_while=holds))
    return messages


def raisers_covers(session: Session, cases: Sequence[Case], people: dict[int, Person],
                   today: date) -> dict[int, tuple[Person, Person]]:
    """Per case (by id) whose raiser is away ``today`` (``/away``) with a colleague covering
    who may see the case: the raiser and their cover, as ``cover_on`` finds them, read for all
    the cases at once (no query when nobody is away with a cover). ``people``: those read
    already, by id, the raisers among them; the covers are added.

    The sweep's notices to the raiser reach their cover too (left from session 35: the council's
    steps did, but not the sweep's escalations and reminders of a proposal waiting)."""
    away = {person.id: person for case in cases
            if (person := people.get(case.raised_by_id or -1)) is not None
            and person.cover_id is not None and away_on(person, today)}
    missing = {person.cover_id for person in away.values()} - set(people)
    if missing:
        people.update((person.id, person) for person in session.scalars(
            select(Person).where(id_in(session, Person.id, sorted(
                person_id for person_id in missing if person_id is not None)))))
    found: dict[int, tuple[Person, Person]] = {}
    for case in cases:
        raiser = away.get(case.raised_by_id or -1)
        cover = people.get(raiser.cover_id or -1) if raiser is not None else None
        if raiser is not None and cover is not None and may_cover(raiser, cover) and sees(
                cover, case):
            found[case.id] = (raiser, cover)
    return found


@frozen
class EscalationResult(Totals):
    """What one SLA sweep did."""

    claimed: int = 0
    escalated: int = 0
    released: int = 0


def check_claimed(factory: sessionmaker[Session], ids: list[int], token: str, *,
                  now: datetime, settings: Settings, policy: SlaPolicy,
                  calendar: WorkingCalendar, templates: Environment) -> EscalationResult:
    """Escalate the claimed cases whose clocks have run out; release them all, in one
    transaction."""
    notifications: list[Notification] = []
    with transaction(factory) as session:
        claimed = session.scalars(
            select(Case).where(id_in(session, Case.id, ids), Case.claim_token == token)
            .order_by(Case.id).with_for_update()).all()
        # Its owner and ladder, and whoever raised it (and their cover, while they are away).
        wanted = {pid for case in claimed for pid in [
            case.assignee_id, *(case.chain or []),
            *([case.raised_by_id] if case.raised_by_id is not None else [])]}
        # Whether each is away is read with them (``away_from`` is deferred), not one by one.
        people = {person.id: person for person in session.scalars(
            select(Person).where(Person.id.in_(wanted)).options(undefer(Person.away_from)))}
        contacts = {person.escalation_contact_id for person in people.values()} - set(people)
        contacts.discard(None)
        people.update((person.id, person) for person in session.scalars(
            select(Person).where(Person.id.in_(contacts)).options(undefer(Person.away_from))))
        covers = raisers_covers(session, claimed, people,
                                now.astimezone(ZoneInfo(policy.timezone)).date())
        # The cases this sweep escalates, decided once; what their messages name (the
        # provider, what each is about) is read for those alone, in one query each.
        breaches = {case.id: _breach(case, now) for case in claimed
                    if case.status != CaseStatus.RESOLUTION_PROPOSED and case.level < TOP_LEVEL}
        breached = [case for case in claimed if breaches.get(case.id) is not None]
        providers = {provider.id: provider for provider in session.scalars(
            select(Organisation).where(Organisation.id.in_(
                {case.provider_id for case in breached if case.provider_id is not None})))}
        # Written together at commit (one executemany per table), not case by case.
        with session.no_autoflush:
            escalated = _escalate(session, claimed, breaches, people, providers, notifications,
                                  now=now, settings=settings, policy=policy, calendar=calendar,
                                  templates=templates, about=cases_about(session, breached),
                                  already_told=told_so_far(session, breached), covers=covers)
        outbox.enqueue_many(session, notifications, now=now)
    return EscalationResult(len(claimed), escalated, len(claimed) - escalated)


def _escalate(session: Session, claimed: Sequence[Case], breaches: Mapping[int, str | None],
              people: dict[int, Person], providers: Mapping[int, Organisation],
              notifications: list[Notification], *, now: datetime, settings: Settings,
              policy: SlaPolicy, calendar: WorkingCalendar, templates: Environment,
              about: Mapping[int, About], already_told: Mapping[int, dict[int, int]],
              covers: Mapping[int, tuple[Person, Person]]) -> int:
    """Release each claimed case and raise the level of those whose clock ran out
    (``breaches``: each case's reason, None when its clock has not). ``covers``: the raiser
    and their cover, of each case whose raiser is away (``raisers_covers``)."""
    escalated = 0
    for case in claimed:
        case.claim_token = None
        case.claimed_at = None
        if case.status == CaseStatus.RESOLUTION_PROPOSED:
            key = f"proposal-waiting:{now.date().isoformat()}"
            told = raiser_notification(
                case, "case.proposal_waiting",
                render(templates, "case_told.txt", told="proposal_waiting",
                       reference=case.reference, proposal=case.proposal or ""),
                key=key, buttons=provider_buttons(case),
                holds_while=CaseCondition.PROPOSAL_WAITING)
            if told is not None:
                notifications.append(told)
                if case.id in covers:
                    raiser, cover = covers[case.id]
                    notifications.append(case_notification(
                        case, cover.id, "case.proposal_waiting",
                        render(templates, "case_covering.txt", name=raiser.name,
                               until=raiser.away_until, told=render(
                                   templates, "case_told.txt", told="proposal_waiting",
                                   reference=case.reference, proposal=case.proposal or "",
                                   whose=f"{raiser.name}'s")),
                        key=f"{key}:cover:{cover.id}", buttons=provider_buttons(case),
                        holds_while=CaseCondition.PROPOSAL_WAITING))
            case.next_check_at = next_check(case, now, policy, calendar)
            continue
        reason = breaches.get(case.id)
        if reason is None:
            case.next_check_at = next_check(case, now, policy, calendar)
            continue
        level, late = caught_up(case, now, policy, calendar)
        try:
            rung = _level_person(session, case, level, settings, people,
                                 now.astimezone(ZoneInfo(policy.timezone)).date(), templates,
                                 late, told=already_told[case.id])
        except BadInput:  # nobody at all to tell: keep checking, never drop the case
            case.next_check_at = policy.after(now, 1, calendar)
            continue
        owner = people.get(case.assignee_id)
        notifications.extend(climb(
            session, case, rung, reason, owner, now=now, timezone=policy.timezone,
            templates=templates, about=about.get(case.id), covering=covers.get(case.id),
            provider=providers.get(case.provider_id) if case.provider_id is not None else None))
        case.next_check_at = next_check(case, now, policy, calendar)
        escalated += 1
    return escalated


def next_to_tell(session: Session, case: Case, *, settings: Settings, today: date,
                 templates: Environment) -> Person | None:
    """Who ``case`` would go to if it climbed now, as the sweep picks them (``_level_person``):
    None when it is closed, at the top, or would only go back to its owner."""
    if case.status in CLOSED or case.level >= TOP_LEVEL:
        return None
    try:
        rung = _level_person(session, case, case.level + 1, settings, {}, today, templates)
    except BadInput:
        return None
    return None if rung.nobody_new or rung.person.id == case.assignee_id else rung.person


def climb(session: Session, case: Case, rung: Rung, reason: str, owner: Person | None, *,
          now: datetime, timezone: str, templates: Environment, flush: bool = False,
          provider: Organisation | None = None, about: About | None = None,
          covering: tuple[Person, Person] | None = None) -> list[Notification]:
    """Put ``case`` at the rung's level, write the history event (with the levels passed
    over) and return the messages to send. ``provider``: the case's provider, when the
    caller has it (else it is looked up); ``about``: what the case is about
    (``cases_about``), if anything; ``covering``: its raiser, away, and their cover, who is
    told too (``raisers_covers``)."""
    provider_name = (None if hides_provider(case)  # anonymous feedback: no organisation
                     else provider.name if provider is not None
                     else organisation_name(session, case.provider_id))
    case.level = max(rung.level, rung.reached or 0)
    record(session, case, "escalated", actor_id=None, now=now, flush=flush,
           text=escalation_words(templates, "history", case, rung.level, reason, rung.person,
                                 timezone=timezone, passed=rung.passed,
                                 nobody_new=rung.nobody_new, told=rung.told,
                                 provider=provider_name),
           level=rung.level, reason=reason, to=rung.person.id,
           # The levels climbed past (not the one someone stood in for, said in the words).
           **({"passed": skipped} if (skipped := [step.level for step in rung.passed
                                                  if step.level != rung.level]) else {}),
           **({"reached": rung.reached} if rung.reached is not None else {}),
           **({"ended": True} if rung.nobody_new else {}))
    return _escalation_messages(case, rung, reason,
                                owner.name if owner is not None else "nobody", provider_name,
                                timezone, templates, about, covering)


def sweep_cases(factory: sessionmaker[Session], *, now: datetime, settings: Settings,
                policy: SlaPolicy, calendar: WorkingCalendar, templates: Environment,
                lease: timedelta = timedelta(minutes=5), batch: int = 500,
                max_batches: int = 1000, claimed_at: datetime | None = None) -> EscalationResult:
    """Escalate every case whose clock has run out at ``now``; safe in several processes."""
    return run_batches(
        lambda token: claim_due_cases(factory, now=now, lease=lease, batch=batch, token=token,
                                      claimed_at=claimed_at),
        lambda ids, token: check_claimed(factory, ids, token, now=now, settings=settings,
                                         policy=policy, calendar=calendar, templates=templates),
        EscalationResult(), max_batches=max_batches)
