"""Someone leaves (``pledgebot people leave EMAIL --to EMAIL``): their open work goes on.

Through the router as people use it: Sam's placement P-7 with Priya (its review deadline and
reminders), a dispute Sam raised that Priya owns, a routing rule naming Priya with Tom as her
deputy, and Priya as Boss's cover; then Priya leaves, Tom takes over, and the reminders, the
case and new cases reach Tom, while Priya's address no longer speaks as her.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.db import transaction
from bot.dispatch import Router
from bot.errors import BadInput
from bot.messages import Notification
from bot.models import (
    Case,
    CaseEvent,
    Deadline,
    FormSession,
    OrganisationKind,
    OutboxMessage,
    Person,
    Placement,
    Reminder,
    ReminderStatus,
    Role,
    RoutingRule,
    TenderFollower,
)
from bot.outbox import enqueue
from bot.templates import make_templates
from handlers.deadlines.store import ReminderPolicy
from handlers.deadlines.sweep import sweep
from handlers.people.leaving import leave
from scheduler.rules import WorkingCalendar
from tests.cli import run_cli
from tests.factories import Clock, count_rows, make_organisation, make_person
from tests.handlers.deadlines.support import MONDAY_2_NOVEMBER, at
from tests.handlers.deadlines.support import say as _say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

TEMPLATES = make_templates()
SAM, KIM = "sam@riverside.example", "kim@riverside.example"
PRIYA, TOM, BOSS = "priya@northshire.example", "tom@northshire.example", "boss@northshire.example"


@pytest.fixture
def people(factory: sessionmaker[Session]) -> dict[str, int]:
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    riverside = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    ids = {name: make_person(factory, email=email, role=role, organisation_id=organisation,
                             name=name.title())
           for name, email, role, organisation in (
               ("priya", PRIYA, Role.COMMISSIONER, council),
               ("tom", TOM, Role.COMMISSIONER, council),
               ("boss", BOSS, Role.COMMISSIONER, council),
               ("sam", SAM, Role.PROVIDER, riverside),
               ("kim", KIM, Role.PROVIDER, riverside))}
    with transaction(factory) as session:
        session.add(RoutingRule(position=1, council_id=council, commissioner_id=ids["priya"],
                                deputy_id=ids["tom"], level1_id=ids["boss"]))
        session.get_one(Person, ids["boss"]).cover_id = ids["priya"]
        session.get_one(Person, ids["tom"]).escalation_contact_id = ids["priya"]
    return ids


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_2_NOVEMBER)


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, people: dict[str, int],
           clock: Clock) -> Router:
    return build_router(factory, Settings(database_url=database_url), TEMPLATES, clock=clock)


def _raise_dispute(router: Router, about: str = "skip") -> str:
    _say(router, "/conflict", SAM)
    _say(router, "Payment", SAM)
    _say(router, about, SAM)  # about P-7, whose commissioner Priya is, it goes to Tom
    _say(router, "Invoice INV-7 for P-7 is 40 days unpaid.", SAM)
    assert _say(router, "Payment this week.", SAM).startswith("Before I send your disagreement")
    done = _say(router, "Send", SAM)
    assert done.startswith("Thank you. Your case is PB-2026-"), done
    return done.split()[5].rstrip(",")


def _state(factory: sessionmaker[Session]) -> Counter[str]:
    """Who is active, who owns and raised each case, each rule's people, the messages queued."""
    outbox = count_rows(factory, OutboxMessage)
    with factory() as session:
        return Counter({
            "active": len(session.scalars(select(Person).where(Person.active)).all()),
            **{f"case {case.id}": case.assignee_id * 1000 + (case.raised_by_id or 0)
               for case in session.scalars(select(Case))},
            **{f"rule {rule.id}": hash((rule.commissioner_id, rule.deputy_id, rule.level1_id))
               for rule in session.scalars(select(RoutingRule))},
            "outbox": outbox,
        })


@pytest.fixture
def busy(router: Router, people: dict[str, int]) -> str:
    """Priya's open work: P-7's review (with reminders to come) and Sam's dispute about it."""
    assert _say(router, f"/placement new P-7 2026-11-02 {PRIYA}", SAM).startswith(
        "Placement P-7 added")
    return _raise_dispute(router)


def test_the_colleague_takes_over_everything_open_and_is_told(
        factory: sessionmaker[Session], router: Router, people: dict[str, int], busy: str,
        clock: Clock) -> None:
    _say(router, "/feedback", PRIYA)  # a form left open: it goes with her
    with transaction(factory) as session:  # waiting for her: her own digest, the case's alert
        enqueue(session, Notification(person_id=people["priya"], kind="digest.weekly",
                                      text="Your week", idempotency_key="digest:priya"))
        alert = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "case.opened")).one()
        assert (alert.person_id, alert.address) == (people["priya"], PRIYA)
    handover = leave(factory, PRIYA, TOM, now=clock.now, templates=TEMPLATES)
    assert handover.messages == 2  # the case's alert and P-7's notice (session 31)
    assert (handover.cases, handover.deadlines, handover.rules, handover.contacts) == (
        (busy,), 1, 1, 1)
    assert handover.reminders >= 1
    ids = people
    with factory() as session:
        priya = session.get_one(Person, ids["priya"])
        case = session.scalars(select(Case)).one()
        deadline = session.scalars(select(Deadline).where(Deadline.rule != "payment")).one()
        placement = session.scalars(select(Placement)).one()
        rule = session.scalars(select(RoutingRule)).one()
        pending = session.scalars(select(Reminder.person_id).where(
            Reminder.status == ReminderStatus.PENDING)).all()
        history = session.scalars(select(CaseEvent.text).where(
            CaseEvent.action == "reassigned")).all()
        told = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "people.handover")).one()
        assert not priya.active
        assert (case.assignee_id, deadline.commissioner_id, placement.commissioner_id) == (
            ids["tom"], ids["tom"], ids["tom"])
        assert ids["priya"] not in pending
        assert ids["tom"] in pending
        # Tom was her deputy: he is the rule's commissioner now, with no deputy of himself.
        assert (rule.commissioner_id, rule.deputy_id, rule.level1_id) == (
            ids["tom"], None, ids["boss"])
        assert session.get_one(Person, ids["boss"]).cover_id == ids["tom"]
        assert case.chain == [ids["boss"]]  # rule 1's ladder: Boss only, as before
        assert session.get_one(Person, ids["tom"]).escalation_contact_id is None
        assert session.scalars(select(FormSession)).all() == []
        assert history == ["Priya has left; reassigned to Tom."]
        assert told.person_id == ids["tom"]
        waiting = {(m.kind, m.person_id, m.address) for m in session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind != "people.handover"))}
        assert waiting == {("case.opened", ids["tom"], TOM),  # her digest is not sent
                           ("placement.added", ids["tom"], TOM)}
        assert told.payload["text"].startswith("Priya has left, and their open work is now "
                                               f"with you:\n- cases: {busy} (/case REF")
        # What she looked after is named, not only counted (session 25's trial).
        assert "\n- what they looked after: placement P-7\n" in told.payload["text"]
    # Her address no longer speaks as her; Tom sees the case and the review as his.
    assert _say(router, "/cases", PRIYA).startswith("Hello. I don't know who you are yet")
    assert busy in _say(router, "/cases", TOM)
    assert "P-7" in _say(router, "/reminders", TOM)


def test_an_escalation_level_who_leaves_is_replaced_on_open_cases_ladders(
        factory: sessionmaker[Session], router: Router, people: dict[str, int], busy: str,
        clock: Clock) -> None:
    with factory() as session:
        assert session.scalars(select(Case.chain)).one() == [people["boss"]]
    handover = leave(factory, BOSS, TOM, now=clock.now, templates=TEMPLATES)
    assert handover.rules == 1
    with factory() as session:
        case = session.scalars(select(Case)).one()
        rule = session.scalars(select(RoutingRule)).one()
    assert (case.chain, rule.level1_id) == ([people["tom"]], people["tom"])


def test_a_tender_date_that_has_passed_moves_but_is_not_counted_as_open_work(
        factory: sessionmaker[Session], router: Router, people: dict[str, int], busy: str,
        clock: Clock) -> None:
    # Session 24's second trial: the handover said 8 open deadlines, /reminders listed 6 (a
    # tender's own dates simply pass, and /reminders leaves them out once gone).
    with transaction(factory) as session:
        tender = _tender(session, people)
        council = session.get_one(Person, people["priya"]).organisation_id
        session.add(Deadline(rule="clarification", reference="T-1", council_id=council,
                             commissioner_id=people["priya"], tender_id=tender,
                             start_on=date(2026, 10, 1), due_on=date(2026, 10, 20)))
    handover = leave(factory, PRIYA, TOM, now=clock.now, templates=TEMPLATES)
    assert handover.deadlines == 1  # P-7's review only
    with factory() as session:
        owners = set(session.scalars(select(Deadline.commissioner_id)))
    assert owners == {people["tom"]}
    assert "P-7" in _say(router, "/reminders", TOM)


def test_the_reminders_to_come_reach_the_colleague(
        factory: sessionmaker[Session], router: Router, people: dict[str, int], busy: str,
        clock: Clock) -> None:
    leave(factory, PRIYA, TOM, now=clock.now, templates=TEMPLATES)
    # A review's first reminder comes weeks before its due date: sweep far enough ahead.
    result = sweep(factory, now=at(date(2027, 1, 25), 10), templates=TEMPLATES,
                   calendar=WorkingCalendar(), policy=ReminderPolicy())
    assert result.sent >= 1
    with factory() as session:
        to = set(session.scalars(select(OutboxMessage.person_id).where(
            OutboxMessage.kind.like("reminder.%"))))
        cancelled = session.scalars(select(Reminder).where(
            Reminder.status == ReminderStatus.CANCELLED)).all()
    assert people["tom"] in to
    assert people["priya"] not in to
    assert cancelled == []


def test_a_provider_contact_leaving_hands_their_case_and_tender_to_a_colleague(
        factory: sessionmaker[Session], router: Router, people: dict[str, int], busy: str,
        clock: Clock) -> None:
    with transaction(factory) as session:
        session.add(TenderFollower(tender_id=_tender(session, people), person_id=people["sam"]))
    handover = leave(factory, SAM, KIM, now=clock.now, templates=TEMPLATES)
    assert (handover.cases, handover.followed) == ((busy,), 1)
    with factory() as session:
        case = session.scalars(select(Case)).one()
        placement = session.scalars(select(Placement)).one()
        follower = session.scalars(select(TenderFollower)).one()
        handed = session.scalars(select(CaseEvent.text).where(
            CaseEvent.action == "handed_over")).one()
    assert (case.raised_by_id, case.assignee_id) == (people["kim"], people["priya"])
    assert (placement.provider_contact_id, follower.person_id) == (people["kim"], people["kim"])
    assert handed == "Sam has left; Kim follows the case for them."
    # The council's answer now reaches Kim.
    _say(router, f"/case {busy} comment We will pay on Friday.", PRIYA)
    with factory() as session:
        comment = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "case.comment")).one()
    assert comment.person_id == people["kim"]


def _tender(session: Session, people: dict[str, int]) -> int:
    from bot.models import Tender

    tender = Tender(reference="T-1", title="Home care", council_id=session.get_one(
        Person, people["priya"]).organisation_id, commissioner_id=people["priya"],
        published_on=date(2026, 11, 1))
    session.add(tender)
    session.flush()
    return tender.id


def test_a_colleague_who_would_be_a_party_to_a_case_they_own_is_refused(
        factory: sessionmaker[Session], router: Router, people: dict[str, int],
        clock: Clock) -> None:
    # Session 24's review: a dispute about P-7 goes to Tom, as P-7's commissioner Priya is a
    # party to it; with P-7 handed to Tom he would own a case he may not decide.
    assert _say(router, f"/placement new P-7 2026-11-02 {PRIYA}", SAM).startswith(
        "Placement P-7 added")
    reference = _raise_dispute(router, about="P-7")
    before = _state(factory)
    with pytest.raises(BadInput) as refused:
        leave(factory, PRIYA, TOM, now=clock.now, templates=TEMPLATES)
    assert str(refused.value) == (
        f"Tom cannot take this over: they own {reference}, and it is about a placement, "
        "contract or tender that would be theirs (a conflict of interest). Name "
        "another colleague, or first reassign that case to someone else (/case REF reassign "
        "EMAIL). Nothing was changed.")
    assert _state(factory) == before
    # Handed to Boss instead, everything goes, and the dispute stays with Tom.
    handover = leave(factory, PRIYA, BOSS, now=clock.now, templates=TEMPLATES)
    assert handover.cases == ()
    with factory() as session:
        case = session.scalars(select(Case)).one()
        placement = session.scalars(select(Placement)).one()
    assert (case.assignee_id, placement.commissioner_id) == (people["tom"], people["boss"])


def test_a_colleague_whose_own_cover_left_is_told_and_nothing_stale_is_forwarded(
        factory: sessionmaker[Session], router: Router, people: dict[str, int],
        clock: Clock) -> None:
    # Session 24's second trial: Tom left to Priya, whose cover he was; her cover quietly
    # became nobody, and Tom's waiting "you are Priya's cover" and an alert for a case since
    # withdrawn were forwarded to Priya.
    assert _say(router, f"/away 2026-12-20 {TOM}", PRIYA).startswith(
        "Noted: from today until Sun 20 Dec 2026")
    reference = _raise_dispute(router)  # Priya is away: it goes to Tom, her cover
    assert _say(router, f"/case {reference} withdraw no longer needed", SAM).startswith(
        f"{reference}")
    with factory() as session:
        waiting = sorted(m.kind for m in session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == people["tom"])))
    assert "person.cover" in waiting
    assert "case.opened" in waiting
    handover = leave(factory, TOM, PRIYA, now=clock.now, templates=TEMPLATES)
    assert (handover.own_cover_cleared, handover.messages) == (True, 0)
    with factory() as session:
        priya = session.get_one(Person, people["priya"])
        to_priya = session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == people["priya"])).all()
        still_for_tom = session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == people["tom"])).all()
    assert priya.cover_id is None
    assert still_for_tom == []
    [told] = [m for m in to_priya if m.kind == "people.handover"]
    assert "you had named them as your cover while away: you have none now" in (
        told.payload["text"])
    assert not [m for m in to_priya if m.kind in ("person.cover", "case.opened")]


def test_the_demo_data_brings_no_leaver_back(factory: sessionmaker[Session], clock: Clock,
                                            tmp_path: Path) -> None:
    from handlers.people.directory import DEMO_PROVIDER_EMAIL, load_demo

    load_demo(factory)
    leave(factory, DEMO_PROVIDER_EMAIL, None, now=clock.now, templates=TEMPLATES)
    load_demo(factory)  # as every `pledgebot run --demo` does
    with factory() as session:
        sam = session.scalars(select(Person).where(Person.email == DEMO_PROVIDER_EMAIL)).one()
    assert not sam.active


@pytest.mark.parametrize(("leaver", "colleague", "problem"), [
    ("nobody@northshire.example", TOM, "No one with the e-mail address "
                                      "'nobody@northshire.example' (the person leaving)."),
    (PRIYA, "nobody@x.example", "No one with the e-mail address 'nobody@x.example' (the "
                                "colleague taking over)."),
    (PRIYA, PRIYA, "The colleague taking over must be someone else."),
    (PRIYA, SAM, "Sam works for Riverside, not Northshire: name a colleague there."),
    (PRIYA, None, "Priya still holds open work (1 open case ("),
])
def test_a_leaving_that_cannot_be_done_changes_nothing(
        factory: sessionmaker[Session], people: dict[str, int], busy: str, clock: Clock,
        leaver: str, colleague: str | None, problem: str) -> None:
    before = _state(factory)
    with pytest.raises(BadInput) as refused:
        leave(factory, leaver, colleague, now=clock.now, templates=TEMPLATES)
    assert str(refused.value).startswith(problem)
    assert _state(factory) == before


def test_the_last_safeguarding_lead_leaves_only_with_a_colleague_who_becomes_one(
        factory: sessionmaker[Session], people: dict[str, int], clock: Clock) -> None:
    with transaction(factory) as session:
        session.get_one(Person, people["boss"]).safeguarding_lead = True
    with pytest.raises(BadInput, match=r"Boss still holds open work \(.*the council's "
                                       r"safeguarding lead\)"):
        leave(factory, BOSS, None, now=clock.now, templates=TEMPLATES)
    handover = leave(factory, BOSS, TOM, now=clock.now, templates=TEMPLATES)
    assert handover.safeguarding_lead
    with factory() as session:
        tom = session.get_one(Person, people["tom"])
        told = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.kind == "people.handover")).one()["text"]
        council = tom.organisation_id
    assert tom.safeguarding_lead
    assert "you are now told of every safeguarding concern at once" in told
    # With another lead still there (Tom now), a lead holding nothing else may simply leave.
    make_person(factory, email="lee@northshire.example", role=Role.COMMISSIONER,
                organisation_id=council, name="Lee", safeguarding_lead=True)
    assert not leave(factory, "lee@northshire.example", None, now=clock.now,
                     templates=TEMPLATES).anything


def test_someone_already_gone_or_taken_over_by_the_other_side_is_refused(
        factory: sessionmaker[Session], people: dict[str, int], clock: Clock) -> None:
    council = make_organisation(factory, "Eastshire", OrganisationKind.COUNCIL)
    make_person(factory, email="admin@eastshire.example", role=Role.ADMIN,
                organisation_id=council, name="Ann")
    make_person(factory, email="pat@eastshire.example", role=Role.PROVIDER,
                organisation_id=council, name="Pat")
    with pytest.raises(BadInput, match="Pat is a provider and Ann a admin"):
        leave(factory, "admin@eastshire.example", "pat@eastshire.example", now=clock.now,
              templates=TEMPLATES)
    leave(factory, KIM, None, now=clock.now, templates=TEMPLATES)  # held nothing
    with pytest.raises(BadInput, match=r"Kim <kim@riverside\.example> has already left\."):
        leave(factory, KIM, SAM, now=clock.now, templates=TEMPLATES)
    with pytest.raises(BadInput, match=r"Kim <kim@riverside\.example> has left too"):
        leave(factory, SAM, KIM, now=clock.now, templates=TEMPLATES)


def test_pledgebot_people_leave(tmp_path: Path) -> None:
    council = ("organisation,organisation_kind,name,email,role\n"
               "Example Council,council,Priya Shah,priya@example.council,commissioner\n"
               "Example Council,council,Tom Okafor,tom@example.council,commissioner\n")
    (tmp_path / "people.csv").write_text(council)
    assert run_cli("people", "import", "people.csv", cwd=tmp_path).returncode == 0
    left = run_cli("people", "leave", "PRIYA@example.council", cwd=tmp_path)
    assert (left.returncode, left.stdout.decode()) == (0, (
        "Priya Shah has left: no channel speaks as them any more, and nothing new goes to "
        "them.\nThey held nothing open.\n"))
    again = run_cli("people", "leave", "priya@example.council", "--to", "tom@example.council",
                    cwd=tmp_path)
    assert (again.returncode, again.stderr.decode()) == (
        1, "pledgebot: Priya Shah <priya@example.council> has already left.\n")
    assert run_cli("people", "list", cwd=tmp_path).stdout.decode().splitlines() == [
        "Example Council | Priya Shah <priya@example.council> | commissioner | prefers email "
        "| has left",
        "Example Council | Tom Okafor <tom@example.council> | commissioner | prefers email"]
    listed = run_cli("people", "list", "--json", cwd=tmp_path).stdout.decode()
    assert '"email": "priya@example.council", "role": "commissioner", ' in listed
    assert '"active": false' in listed
    assert '"active": true' in listed


def test_a_provider_contact_with_one_reference_at_two_councils_hands_over_both_named_apart(
        factory: sessionmaker[Session], router: Router, people: dict[str, int],
        clock: Clock) -> None:
    # A reference is a council's: Sam's P-7 at Northshire and Sam's P-7 at Southshire are two
    # placements, and the colleague is told whose each is.
    south = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL)
    make_person(factory, email="sue@southshire.example", role=Role.COMMISSIONER,
                organisation_id=south, name="Sue")
    for commissioner in (PRIYA, "sue@southshire.example"):
        assert _say(router, f"/placement new P-7 2026-11-02 {commissioner}", SAM).startswith(
            "Placement P-7 ")  # "P-7 (Southshire)" for the second
    handover = leave(factory, SAM, KIM, now=clock.now, templates=TEMPLATES)
    assert handover.named == ("placement P-7 (Northshire)", "placement P-7 (Southshire)")
    with factory() as session:
        contacts = session.scalars(select(Placement.provider_contact_id)).all()
    assert contacts == [people["kim"], people["kim"]]
