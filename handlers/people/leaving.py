"""``pledgebot people leave EMAIL --to EMAIL``: someone has left; their open work goes on.

A person who has left is marked inactive: no channel finds them any more (so a leaver's Slack,
Telegram or e-mail address no longer speaks as them), and nothing new is routed to them. What
they held that is still open goes, in one transaction, to the colleague named with ``--to``
(someone active in the same organisation):

* cases they own (their history says so) and open cases they raised, so the other side's
  answers reach someone;
* open deadlines they are the commissioner or the provider contact of, and their reminders
  still to be sent (otherwise cancelled at sending, as for anyone inactive);
* the placements, contracts, tenders and bids they look after, so later deadlines go to the
  colleague too; the tenders they follow;
* the routing rules naming them (as commissioner, deputy or an escalation level), and anyone
  whose escalation contact or cover they were;
* their place as a safeguarding lead (told of every concern at once): the colleague becomes
  one, and the council's last lead cannot leave without a colleague to take it;
* the messages about that work still waiting to be sent to them (a reminder or a case's alert
  held for working hours), now addressed to the colleague; the rest waiting for them (a
  digest, a survey invitation) are not sent.

The colleague is sent one message listing what they now hold. Someone who holds nothing open
may leave without ``--to``. History is kept as it was: who raised, said or decided what.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from jinja2 import Environment
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot import audit, outbox
from bot.db import transaction
from bot.errors import BadInput
from bot.messages import Notification
from bot.models import (
    Bid,
    Case,
    Contract,
    Deadline,
    DeadlineStatus,
    FormSession,
    Organisation,
    OutboxMessage,
    OutboxStatus,
    Person,
    Placement,
    Reminder,
    ReminderStatus,
    Role,
    RoutingRule,
    Tender,
    TenderFollower,
)
from bot.templates import render
from bot.values import frozen
from handlers.cases import service as cases
from handlers.deadlines.store import PASSING_RULES

COUNCIL_SIDE = (Role.COMMISSIONER, Role.ADMIN)


@frozen
class Handover:
    """What passed from the leaver to the colleague (counts, and the cases' references)."""

    leaver: str
    colleague: str | None
    cases: tuple[str, ...] = ()
    deadlines: int = 0
    reminders: int = 0
    looked_after: int = 0  # placements, contracts, tenders and bids
    followed: int = 0
    # What they looked after or followed, by reference ("placement RC-0042", "bid for T-1",
    # "following T-2"), for the colleague's message.
    named: tuple[str, ...] = ()
    rules: int = 0
    contacts: int = 0  # people whose escalation contact or cover they were
    safeguarding_lead: bool = False  # the colleague became one in their place
    # The colleague's own escalation contact or cover was the leaver: now nobody (never
    # themselves), which the colleague is told to put right.
    own_contact_cleared: bool = False
    own_cover_cleared: bool = False
    messages: int = 0  # waiting messages about their work, now addressed to the colleague

    @property
    def anything(self) -> bool:
        """Whether they held anything open (the colleague's own cover aside)."""
        return bool(self.cases or self.deadlines or self.reminders or self.looked_after
                    or self.followed or self.rules or self.contacts or self.safeguarding_lead)


def _person(session: Session, email: str, what: str) -> Person:
    person = session.scalars(select(Person).where(
        func.lower(Person.email) == email.strip().lower())).first()
    if person is None:
        raise BadInput(f"No one with the e-mail address {email.strip()!r} ({what}).")
    return person


def leave(factory: sessionmaker[Session], email: str, colleague_email: str | None, *,
          now: datetime, templates: Environment) -> Handover:
    """Mark ``email`` as having left and hand their open work to ``colleague_email``; all or
    nothing. BadInput (nothing changed) for an unknown or inactive person, a colleague in
    another organisation, on the other side, inactive or the leaver, or open work and no
    colleague."""
    with transaction(factory) as session:
        leaver = _person(session, email, "the person leaving")
        if not leaver.active:
            raise BadInput(f"{leaver.name} <{leaver.email}> has already left.")
        colleague = None
        if colleague_email is not None:
            colleague = _person(session, colleague_email, "the colleague taking over")
            if colleague.id == leaver.id:
                raise BadInput("The colleague taking over must be someone else.")
            if not colleague.active:
                raise BadInput(f"{colleague.name} <{colleague.email}> has left too: "
                               "name someone still there.")
            if colleague.organisation_id != leaver.organisation_id:
                raise BadInput(f"{colleague.name} works for {colleague.organisation.name}, "
                               f"not {leaver.organisation.name}: name a colleague there.")
            if (leaver.role in COUNCIL_SIDE) != (colleague.role in COUNCIL_SIDE):
                raise BadInput(f"{colleague.name} is a {colleague.role.value} and "
                               f"{leaver.name} a {leaver.role.value}: name a colleague who "
                               "can do their work.")
        clashing = _clashes(session, colleague) if colleague is not None else {}
        owned = set(session.scalars(select(Case.reference).where(
            Case.status.in_(cases.ACTIVE), Case.assignee_id == colleague.id))
        ) if colleague is not None else set()
        handover = _hand_over(session, leaver, colleague, now=now, templates=templates)
        if colleague is not None:
            # Nobody decides a case they raised or one about their own placement, contract or
            # tender (session 24's review: P-7's case went to Tom as its commissioner's deputy;
            # with P-7 his, he owned a case he could not act on).
            new = {reference: why for reference, why in _clashes(session, colleague).items()
                   if reference not in clashing}
            if new:
                # A case they own already clashes with what they would take over (session
                # 25's trial: "would be theirs to decide" read wrong for a case that was).
                raise BadInput(
                    f"{colleague.name} cannot take this over: " + "; ".join(
                        (f"they own {reference}, and {why}" if reference in owned
                         else f"{reference} would be theirs to decide, but {why}")
                        for reference, why in sorted(new.items()))
                    + ". Name another colleague, or first reassign that case to someone else "
                    "(/case REF reassign EMAIL). Nothing was changed.")
        if handover.anything and colleague is None:
            raise BadInput(f"{leaver.name} still holds open work ({held(handover)}): name the "
                           "colleague taking it over with --to EMAIL. Nothing was changed.")
        leaver.active = False
        session.execute(FormSession.__table__.delete().where(
            FormSession.person_id == leaver.id))
        handover = dataclasses.replace(
            handover, messages=_readdress(session, leaver, colleague, handover.cases))
        audit.record(session, "person.left", actor_id=None, subject=f"person:{leaver.id}",
                     at=now, to=colleague.id if colleague is not None else None,
                     cases=len(handover.cases), deadlines=handover.deadlines)
        if colleague is not None and handover.anything:
            outbox.enqueue(session, Notification(
                person_id=colleague.id, kind="people.handover",
                text=render(templates, "people_handover.txt", leaver=leaver.name,
                            handover=handover),
                idempotency_key=f"handover:{leaver.id}:{now.isoformat()}"), now=now)
        return handover


# Waiting messages about the leaver's work, which the colleague now does; any other waiting for
# them (a digest, a survey invitation, an answer to a question they asked) is theirs alone.
WORK_KINDS = ("reminder.", "case.", "safeguarding.", "placement.", "question.handed_over")


def _readdress(session: Session, leaver: Person, colleague: Person | None,
               handed: tuple[str, ...]) -> int:
    """Address the leaver's waiting messages about work to ``colleague`` (on their own channel,
    else e-mail) and drop the rest waiting for the leaver; how many were readdressed. A case's
    message goes on only for a case ``handed`` over (not one closed since, say)."""
    waiting = session.scalars(select(OutboxMessage).where(
        OutboxMessage.person_id == leaver.id,
        OutboxMessage.status == OutboxStatus.PENDING)).all()
    kept = []
    for message in waiting:
        case = (message.payload or {}).get("case")
        if (colleague is None or not message.kind.startswith(WORK_KINDS)
                or (case is not None and case not in handed)):
            session.delete(message)
        else:
            kept.append(message)
    if colleague is not None:
        outbox.readdress(session, kept, colleague)
    return len(kept)


def _clashes(session: Session, colleague: Person) -> dict[str, str]:
    """The open cases ``colleague`` owns and may not decide, with why (``cases.may_own``, a
    party to it, or its raiser)."""
    session.flush()
    found = {}
    for case in session.scalars(select(Case).where(
            Case.status.in_(cases.ACTIVE), Case.assignee_id == colleague.id)):
        if case.raised_by_id == colleague.id:
            found[case.reference] = "they raised it"
        elif not cases.may_own(colleague, case):
            found[case.reference] = "it is another council's"
        elif colleague.id in cases.case_parties(session, case):
            found[case.reference] = ("it is about a placement, contract or tender that would "
                                     "be theirs (a conflict of interest)")
    return found


def held(handover: Handover) -> str:
    """What the leaver held, in words ("2 open cases (PB-2026-000001, ...), 1 routing rule")."""
    def count(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"
    parts = []
    if handover.cases:
        parts.append(count(len(handover.cases), "open case", "open cases")
                     + f" ({', '.join(handover.cases)})")
    if handover.deadlines or handover.reminders:
        parts.append(count(handover.deadlines, "open deadline", "open deadlines") + " with "
                     + count(handover.reminders, "reminder", "reminders") + " to come")
    if handover.looked_after:
        parts.append(count(handover.looked_after, "placement, contract, tender or bid",
                           "placements, contracts, tenders or bids") + " looked after")
    if handover.followed:
        parts.append(count(handover.followed, "followed tender", "followed tenders"))
    if handover.rules:
        parts.append(count(handover.rules, "routing rule", "routing rules"))
    if handover.contacts:
        parts.append(count(handover.contacts, "colleague's escalation contact or cover",
                           "colleagues' escalation contact or cover"))
    if handover.safeguarding_lead:
        parts.append("the council's safeguarding lead")
    if handover.messages:
        parts.append(count(handover.messages, "waiting message", "waiting messages")
                     + " about their work, readdressed")
    for cleared, what in ((handover.own_cover_cleared, "cover while away"),
                          (handover.own_contact_cleared, "escalation contact")):
        if cleared:
            parts.append(f"(they were {handover.colleague}'s own {what}: {handover.colleague} "
                         "has none now)")
    return ", ".join(parts)


def _hand_over(session: Session, leaver: Person, colleague: Person | None, *, now: datetime,
               templates: Environment) -> Handover:
    """Move the leaver's open work to ``colleague``; with None, only count it (the same
    statements then set each column to the leaver again, which counts the rows and changes
    nothing)."""
    to = colleague.id if colleague is not None else leaver.id
    me = leaver.id
    moved_cases: list[str] = []
    if colleague is not None:
        # The escalation ladder of every open case: the colleague at the leaver's level (once,
        # if the colleague is on it already).
        for case in session.scalars(select(Case).where(Case.status.in_(cases.ACTIVE))):
            if me in (case.chain or []):
                case.chain = list(dict.fromkeys(to if step == me else step
                                                for step in case.chain))
    for case in session.scalars(select(Case).where(
            Case.status.in_(cases.ACTIVE),
            (Case.assignee_id == me) | (Case.raised_by_id == me)).order_by(Case.id)):
        moved_cases.append(case.reference)
        if colleague is None:
            continue
        if case.assignee_id == me:
            case.assignee_id = to
            cases.record(session, case, "reassigned", actor_id=None, now=now,
                         text=f"{leaver.name} has left; reassigned to {colleague.name}.",
                         assignee_id=to, left=me)
        if case.raised_by_id == me:
            case.raised_by_id = to
            cases.record(session, case, "handed_over", actor_id=None, now=now,
                         text=f"{leaver.name} has left; {colleague.name} follows the case "
                              "for them.", raised_by_id=to, left=me)

    def move(statement: object) -> int:
        return int(session.execute(statement).rowcount or 0)  # type: ignore[call-overload]

    open_deadlines = Deadline.status == DeadlineStatus.OPEN
    # Counted as /reminders lists them: a tender's own dates simply pass (PASSING_RULES), so one
    # whose day has gone is moved with the rest but not counted (session 24's second trial).
    passed = Deadline.rule.in_(PASSING_RULES) & (Deadline.due_on < now.date())
    deadlines = 0
    for column in (Deadline.commissioner_id, Deadline.provider_contact_id):
        deadlines += int(session.scalar(select(func.count(Deadline.id)).where(
            column == me, open_deadlines, ~passed)) or 0)
        move(update(Deadline).where(column == me, open_deadlines).values({column.key: to}))
    reminders = move(update(Reminder).where(
        Reminder.person_id == me,
        Reminder.status.in_((ReminderStatus.PENDING, ReminderStatus.CLAIMED)))
        .values(person_id=to))
    # Named in the colleague's message, not only counted (session 25's trial). A reference is
    # a council's, so a provider contact's placements at several councils say whose each is
    # (two councils' P-7 are two placements).
    placements = sorted((reference, council) for reference, council in session.execute(
        select(Placement.reference, Organisation.name)
        .join(Organisation, Organisation.id == Placement.council_id)
        .where((Placement.commissioner_id == me) | (Placement.provider_contact_id == me))))
    several = len({council for _reference, council in placements}) > 1
    references = [f"placement {reference}" + (f" ({council})" if several else "")
                  for reference, council in placements]
    references += [f"{kind} {reference}" for kind, query in (
        ("contract", select(Contract.reference).where(Contract.commissioner_id == me)),
        ("tender", select(Tender.reference).where(Tender.commissioner_id == me)),
        ("bid for", select(Tender.reference).join(Bid, Bid.tender_id == Tender.id)
         .where(Bid.provider_contact_id == me)),
        ("following", select(Tender.reference).join(
            TenderFollower, TenderFollower.tender_id == Tender.id)
         .where(TenderFollower.person_id == me)),
    ) for reference in sorted(session.scalars(query))]
    looked_after = 0
    for column in (Placement.commissioner_id, Placement.provider_contact_id,
                   Contract.commissioner_id, Tender.commissioner_id, Bid.provider_contact_id):
        looked_after += move(update(column.class_).where(column == me)
                             .values({column.key: to}))
    followed = 0
    for follow in session.scalars(select(TenderFollower).where(TenderFollower.person_id == me)):
        followed += 1
        already = session.scalars(select(TenderFollower.id).where(
            TenderFollower.tender_id == follow.tender_id,
            TenderFollower.person_id == to)).first()
        if colleague is None:
            continue
        if already is None:
            follow.person_id = to
        else:
            session.delete(follow)
    rules = 0
    places = ("commissioner_id", "deputy_id", "level1_id", "level2_id", "level3_id")
    for rule in session.scalars(select(RoutingRule)):
        named = [name for name in places if getattr(rule, name) == me]
        rules += bool(named)
        for name in named if colleague is not None else ():
            setattr(rule, name, to)
        if named and rule.deputy_id == rule.commissioner_id:  # the colleague was the deputy
            rule.deputy_id = None
    contacts = 0
    cleared = {}
    for column in (Person.escalation_contact_id, Person.cover_id):
        contacts += move(update(Person).where(column == me, Person.id != to)
                         .values({column.key: to}))
        if colleague is not None:  # never one's own contact or cover
            cleared[column.key] = bool(move(update(Person).where(
                Person.id == to, column == me).values({column.key: None})))
    # A safeguarding lead is told of every concern at once: the colleague takes their place;
    # with no colleague, the council's last lead is held (no concern may go unheard).
    other_leads = session.scalars(select(Person.id).where(
        Person.organisation_id == leaver.organisation_id, Person.id != me,
        Person.safeguarding_lead.is_(True), Person.active.is_(True)).limit(1)).first()
    lead = leaver.safeguarding_lead and (colleague is not None or other_leads is None)
    if lead and colleague is not None:
        colleague.safeguarding_lead = True
    return Handover(leaver=leaver.name, colleague=colleague.name if colleague else None,
                    cases=tuple(moved_cases), deadlines=deadlines, reminders=reminders,
                    looked_after=looked_after, followed=followed, named=tuple(references),
                    rules=rules,
                    contacts=contacts, safeguarding_lead=lead,
                    own_contact_cleared=cleared.get("escalation_contact_id", False),
                    own_cover_cleared=cleared.get("cover_id", False))
