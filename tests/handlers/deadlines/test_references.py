"""A placement reference is a council's: two councils may each have an RC-104, and every look-up
by reference chooses among the placements the sender may see (dialogs through the router)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.models import (
    Deadline,
    DeadlineStatus,
    Invoice,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    Person,
    Placement,
    Reminder,
    Role,
)
from bot.templates import make_templates
from handlers.deadlines import imports as deadline_imports
from handlers.deadlines.store import ReminderPolicy, calendar_items
from handlers.deadlines.sweep import DONE, NOT_APPLICABLE, SNOOZE_DAY, SNOOZE_WEEK, sweep
from handlers.formats import council_named
from scheduler.rules import WorkingCalendar
from tests.factories import Clock, count_rows, make_incoming, make_organisation, make_person
from tests.handlers.deadlines.conftest import BOSS, KIM, PRIYA, SAM
from tests.handlers.deadlines.support import at, say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SUE = "sue@southshire.example"  # commissioner, Southshire
TEMPLATES = make_templates()


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, people: dict[str, int]) -> Router:
    """Northshire (Priya, Boss), Southshire (Sue), Riverside (Sam), Hillview (Kim); a router
    on Wed 25 Nov 2026."""
    south = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL)
    make_person(factory, email=SUE, role=Role.COMMISSIONER, organisation_id=south,
                name="Sue Jones")
    return build_router(factory, Settings(database_url=database_url), TEMPLATES,
                        clock=Clock(at(date(2026, 11, 25), 10)))


def _counts(factory: sessionmaker[Session]) -> Counter[str]:
    return Counter({model.__tablename__: count_rows(factory, model) for model in (
        Placement, Invoice, Deadline, Reminder, OutboxMessage)})


def _placements(factory: sessionmaker[Session]) -> list[tuple[str, str, str, date | None]]:
    """Each placement's reference, council, provider and end."""
    with factory() as session:
        council, provider = Organisation.__table__.alias(), Organisation.__table__.alias()
        return [tuple(row) for row in session.execute(  # type: ignore[misc]
            select(Placement.reference, council.c.name, provider.c.name, Placement.ended_on)
            .join(council, council.c.id == Placement.council_id)
            .join(provider, provider.c.id == Placement.provider_id)
            .order_by(Placement.id))]


def _reviews(factory: sessionmaker[Session]) -> list[tuple[str, str, str]]:
    """Each review deadline's council, rule and status."""
    with factory() as session:
        return [(name, rule, status.value) for name, rule, status in session.execute(
            select(Organisation.name, Deadline.rule, Deadline.status)
            .join(Organisation, Organisation.id == Deadline.council_id)
            .where(Deadline.placement_id.is_not(None)).order_by(Deadline.id))]


def _added(router: Router, text: str, sender: str) -> None:
    assert say(router, text, sender).startswith("Placement "), text


@pytest.fixture
def two_councils(router: Router) -> Router:
    """Northshire's RC-104 (Priya's, with Sam of Riverside), then Southshire's RC-104 (Sue's,
    with Kim of Hillview)."""
    _added(router, f"/placement new RC-104 2026-11-02 {SAM}", PRIYA)
    _added(router, f"/placement new rc-104 2026-11-09 {KIM}", SUE)
    return router


# --- two councils, one reference each --------------------------------------------------------


def test_two_councils_each_record_their_own_rc_104(
        factory: sessionmaker[Session], two_councils: Router) -> None:
    # Southshire was refused ("The reference RC-104 is already in use"), which also told it
    # that another organisation had a placement RC-104.
    assert _placements(factory) == [("RC-104", "Northshire", "Riverside", None),
                                    ("RC-104", "Southshire", "Hillview", None)]


def test_each_council_lists_only_its_own_rc_104(two_councils: Router) -> None:
    assert say(two_councils, "/placement list", PRIYA) == (
        "Placements at Northshire:\nRC-104: started Mon 2 Nov 2026 · yours")
    assert say(two_councils, "/placement list", SUE) == (
        "Placements at Southshire:\nRC-104: started Mon 9 Nov 2026 · yours")
    assert say(two_councils, "/placement list", KIM) == (
        "Your placements:\nRC-104: started Mon 9 Nov 2026")


def test_a_review_done_closes_the_senders_own_councils_rc_104(
        factory: sessionmaker[Session], two_councils: Router) -> None:
    # Southshire's was looked up as the first RC-104 of all, Northshire's, and Sue was told
    # "I don't know a placement".
    assert say(two_councils, "/review done RC-104 all well", SUE) == (
        "Recorded: RC-104 initial review done on Wed 25 Nov 2026. The next joint monitoring "
        "review is due Tue 25 May 2027 (pledge 25).")
    assert _reviews(factory) == [("Northshire", "initial-review", "open"),
                                 ("Southshire", "initial-review", "done"),
                                 ("Southshire", "monitoring", "open")]
    assert say(two_councils, "/review done RC-104", KIM) == (
        "RC-104's review on Wed 25 Nov 2026 is already recorded, so I haven't recorded it "
        "again. /reminders shows the next one.")
    assert say(two_councils, "/review done rc-104", SAM).startswith(
        "Recorded: RC-104 initial review done on Wed 25 Nov 2026.")
    assert [status for _council, _rule, status in _reviews(factory)] == [
        "done", "done", "open", "open"]


def test_each_council_is_reminded_of_its_own_rc_104(two_councils: Router) -> None:
    say(two_councils, "/review done RC-104", SUE)
    north = say(two_councils, "/reminders council", PRIYA)
    assert north.startswith("Open deadlines at Northshire (1, 0 overdue):")
    assert "RC-104 initial review, due Tue 2 Feb 2027 — Priya Shah" in north
    south = say(two_councils, "/reminders council", SUE)
    assert south.startswith("Open deadlines at Southshire (1, 0 overdue):")
    assert "RC-104 monitoring review, due Tue 25 May 2027 — Sue Jones" in south


def test_a_condition_change_and_an_end_reach_the_senders_own_rc_104(
        factory: sessionmaker[Session], two_councils: Router, people: dict[str, int]) -> None:
    assert say(two_councils, "/condition-change RC-104", SUE) == (
        "Noted. The revisit for RC-104 is due by Wed 9 Dec 2026 (pledge 26), and Kim has been "
        "told.")
    assert say(two_councils, "/placement end RC-104 2026-11-24", KIM) == (
        "Recorded: placement RC-104 ended on Tue 24 Nov 2026. Its 2 open reviews are closed: "
        "the placement has ended. The placement's other contact is told."
        " Ended by mistake? /placement reopen RC-104 undoes it.")
    assert _placements(factory) == [("RC-104", "Northshire", "Riverside", None),
                                    ("RC-104", "Southshire", "Hillview", date(2026, 11, 24))]
    with factory() as session:
        told = session.execute(select(OutboxMessage.kind, OutboxMessage.person_id)
                               .order_by(OutboxMessage.id)).all()
    # (Sam was told of the Northshire RC-104 when Priya added it, and of nothing since.)
    assert [kind for kind, person in told if person in (people["sam"], people["priya"])] == [
        "placement.added"]


def test_the_reference_is_in_use_only_at_the_same_council(
        factory: sessionmaker[Session], two_councils: Router) -> None:
    before = _counts(factory)
    for text, sender in ((f"/placement new RC-104 2026-11-20 {KIM}", PRIYA),
                         (f"/placement new Rc-104 2026-11-20 {KIM}", BOSS)):
        assert say(two_councils, text, sender) == (
            "The reference RC-104 is already in use at Northshire. Please choose another.")
    assert say(two_councils, f"/placement new RC-104 2026-11-20 {SAM}", SUE) == (
        "The reference RC-104 is already in use at Southshire. Please choose another.")
    assert _counts(factory) == before


def test_a_provider_is_not_told_another_provider_holds_a_reference(
        factory: sessionmaker[Session], two_councils: Router) -> None:
    # Session 30's trial: Hillview was told "The reference RC-104 is already in use at
    # Northshire. Please choose another.": that another provider has it, and to choose a code
    # that is the council's to give.
    before = _counts(factory)
    assert say(two_councils, f"/placement new RC-104 2026-11-20 {PRIYA}", KIM) == (
        "I can't add RC-104: please check the reference with your commissioner at Northshire.")
    # Its own placement it may be told of.
    assert say(two_councils, f"/placement new RC-104 2026-11-20 {PRIYA}", SAM) == (
        "You already have placement RC-104 at Northshire: /placement list shows it. If this "
        "is another placement, please check its reference with your commissioner there.")
    assert _counts(factory) == before


def test_a_provider_records_an_rc_104_at_a_council_that_has_none(
        factory: sessionmaker[Session], two_councils: Router) -> None:
    # The council named decides: Sam's RC-104 with Sue is Southshire's, which has Kim's.
    assert say(two_councils, f"/placement new RC-105 2026-11-20 {SUE}", SAM).startswith(
        "Placement RC-105 added")
    _added(two_councils, f"/placement new RC-105 2026-11-20 {PRIYA}", KIM)
    assert _placements(factory)[2:] == [("RC-105", "Southshire", "Riverside", None),
                                        ("RC-105", "Northshire", "Hillview", None)]


# --- another organisation's RC-104 -----------------------------------------------------------


@pytest.mark.parametrize(("text", "senders"), [
    ("/review done RC-104", (KIM, SUE)), ("/condition-change RC-104", (KIM, SUE)),
    ("/placement end RC-104", (KIM, SUE)), ("/review done RC-104 Northshire", (KIM, SUE)),
    ("/invoice received INV-1 2026-11-20 100 RC-104", (KIM,)),
])
def test_another_organisations_rc_104_is_unknown_and_nothing_changes(
        factory: sessionmaker[Session], router: Router, text: str,
        senders: tuple[str, ...]) -> None:
    _added(router, f"/placement new RC-104 2026-11-02 {SAM}", PRIYA)
    before = (_counts(factory), _placements(factory), _reviews(factory))
    for sender in senders:
        assert say(router, text, sender) == (
            "I don't know a placement 'RC-104'. Type /placement list to see yours.")
    assert (_counts(factory), _placements(factory), _reviews(factory)) == before


# --- a provider with an RC-104 at each of two councils ---------------------------------------


@pytest.fixture
def sams_two(router: Router) -> Router:
    """Sam's RC-104 with Northshire (Priya) and Sam's RC-104 with Southshire (Sue)."""
    _added(router, f"/placement new RC-104 2026-11-02 {PRIYA}", SAM)
    _added(router, f"/placement new RC-104 2026-11-09 {SUE}", SAM)
    return router


@pytest.mark.parametrize(("text", "how"), [
    ("/review done RC-104 went well", "/review done RC-104 Northshire, [DATE] [outcome]"),
    ("/review done RC-104 Norths", "/review done RC-104 Northshire, [DATE] [outcome]"),
    ("/condition-change RC-104 2026-11-20",
     "/condition-change RC-104 Northshire [DATE the change was notified]"),
    ("/placement end RC-104", "/placement end RC-104 Northshire [END_DATE]"),
    ("/invoice received INV-1 2026-11-20 100 RC-104",
     "/invoice received NUMBER DATE AMOUNT RC-104 Northshire"),
])
def test_a_provider_with_an_rc_104_at_two_councils_is_asked_which(
        factory: sessionmaker[Session], sams_two: Router, text: str, how: str) -> None:
    before = (_counts(factory), _placements(factory), _reviews(factory))
    assert say(sams_two, text, SAM) == (
        "You have a placement RC-104 with Northshire and one with Southshire. Say which "
        f"council's it is after the reference: {how}. Nothing is recorded yet.")
    assert (_counts(factory), _placements(factory), _reviews(factory)) == before


def test_a_provider_names_the_council_after_the_reference(
        factory: sessionmaker[Session], sams_two: Router) -> None:
    # With an RC-104 at each council, the reply says which council's was recorded.
    assert say(sams_two, "/review done RC-104 southshire 24/11/2026 all well", SAM) == (
        "Recorded: RC-104 initial review (Southshire) done on Tue 24 Nov 2026. The next joint "
        "monitoring review is due Mon 24 May 2027 (pledge 25).")
    assert _reviews(factory) == [("Northshire", "initial-review", "open"),
                                 ("Southshire", "initial-review", "done"),
                                 ("Southshire", "monitoring", "open")]
    with factory() as session:
        outcome = session.scalars(select(Deadline.outcome).where(
            Deadline.status == DeadlineStatus.DONE)).one()
    assert outcome == "all well"
    assert say(sams_two, "/condition-change RC-104 2026-11-20 Northshire", SAM) == (
        "Noted. The revisit for RC-104 (Northshire) is due by Fri 4 Dec 2026 (pledge 26), and "
        "the commissioner, Priya Shah, has been told.")
    assert say(sams_two, "/placement end RC-104 Southshire 2026-11-24", SAM) == (
        "Recorded: placement RC-104 (Southshire) ended on Tue 24 Nov 2026. Its open review is "
        "closed: the placement has ended. The placement's other contact is told."
        " Ended by mistake? /placement reopen RC-104 Southshire undoes it.")
    assert say(sams_two, "/invoice received INV-1 2026-11-20 100 RC-104 Northshire",
               SAM).startswith("Invoice INV-1 for £100.00 to Northshire (placement RC-104)")
    assert _placements(factory) == [("RC-104", "Northshire", "Riverside", None),
                                    ("RC-104", "Southshire", "Riverside", date(2026, 11, 24))]
    assert [(council, rule) for council, rule, status in _reviews(factory)
            if status == "open"] == [("Northshire", "initial-review"),
                                     ("Northshire", "condition-change")]
    with factory() as session:
        invoice = session.scalars(select(Invoice)).one()
        placement = session.get_one(Placement, invoice.placement_id)
        payer = session.get_one(Organisation, invoice.payer_id)
    assert (payer.name, placement.council_id) == ("Northshire", invoice.payer_id)


def test_a_provider_with_two_rc_104s_sees_whose_each_is(sams_two: Router) -> None:
    assert say(sams_two, "/placement list", SAM) == (
        "Your placements:\nRC-104 (Northshire): started Mon 2 Nov 2026\n"
        "RC-104 (Southshire): started Mon 9 Nov 2026")
    reminders = say(sams_two, "/reminders", SAM)
    assert "RC-104 initial review (Northshire), due Tue 2 Feb 2027" in reminders
    assert "RC-104 initial review (Southshire), due Tue 9 Feb 2027" in reminders


def test_a_council_sees_its_own_of_a_providers_two_rc_104s(
        factory: sessionmaker[Session], sams_two: Router) -> None:
    assert say(sams_two, "/review done RC-104", SUE).startswith(
        "Recorded: RC-104 initial review done on Wed 25 Nov 2026.")
    assert [status for _council, _rule, status in _reviews(factory)] == [
        "open", "done", "open"]
    assert say(sams_two, "/placement list", PRIYA) == (
        "Placements at Northshire:\nRC-104: started Mon 2 Nov 2026 · yours")


# --- a council's name after the reference ----------------------------------------------------


@pytest.mark.parametrize("text", [
    "/review done RC-104 Northshire", "/review done RC-104 northshire, all well",
    "/review done RC-104 Northshire 24/11/2026 all well",
    "/review done RC-104 Northshire went well",
    "/placement end RC-104 Northshire", "/placement end RC-104 2026-11-24 Northshire",
    "/condition-change RC-104 Northshire 2026-11-20",
    "/invoice received INV-1 2026-11-20 100 RC-104 Northshire",
])
def test_a_council_named_that_is_not_the_placements_is_refused(
        factory: sessionmaker[Session], two_councils: Router, text: str) -> None:
    # The session's review: Kim's RC-104 is Southshire's; "/review done RC-104 Northshire"
    # recorded Southshire's review with the outcome "Northshire" (and "/placement end" read
    # the name as its date, "/invoice received" gave the usage line).
    before = (_counts(factory), _placements(factory), _reviews(factory))
    refused = say(two_councils, text, KIM)
    assert refused.startswith(
        "You have no placement RC-104 with Northshire; yours is with Southshire. Nothing is "
        "recorded."), refused
    assert (_counts(factory), _placements(factory), _reviews(factory)) == before
    if text.endswith("went well"):  # the name may begin the outcome: how to write that
        assert refused.endswith(
            'If "Northshire" begins the outcome, give your council\'s name first: '
            "/review done RC-104 Southshire, Northshire ...")


def test_the_councils_own_name_after_its_reference_is_taken_or_kept_as_the_outcome(
        factory: sessionmaker[Session], two_councils: Router) -> None:
    assert say(two_councils, "/review done RC-104 Southshire went well", KIM).startswith(
        "Recorded: RC-104 initial review done on Wed 25 Nov 2026.")
    assert say(two_councils, "/review done RC-104 Northshire, all well", SAM).startswith(
        "Recorded: RC-104 initial review done on Wed 25 Nov 2026.")
    with factory() as session:
        outcomes = session.execute(select(Organisation.name, Deadline.outcome).join(
            Organisation, Organisation.id == Deadline.council_id).where(
            Deadline.status == DeadlineStatus.DONE).order_by(Deadline.id)).all()
    # A name followed by words may begin the outcome: kept, never guessed away.
    assert sorted(tuple(row) for row in outcomes) == [("Northshire", "all well"),
                                                      ("Southshire", "Southshire went well")]


@pytest.fixture
def sams_rc_400(factory: sessionmaker[Session], router: Router) -> Router:
    """Reading Borough Council (Rita); Sam's RC-400 with Northshire and with Reading."""
    reading = make_organisation(factory, "Reading Borough Council", OrganisationKind.COUNCIL)
    make_person(factory, email="rita@reading.example", role=Role.COMMISSIONER,
                organisation_id=reading, name="Rita Rao")
    _added(router, f"/placement new RC-400 2026-11-02 {PRIYA}", SAM)
    _added(router, "/placement new RC-400 2026-11-02 rita@reading.example", SAM)
    return router


def _done(factory: sessionmaker[Session]) -> list[tuple[str, date | None, str | None]]:
    with factory() as session:
        return [tuple(row) for row in session.execute(  # type: ignore[misc]
            select(Organisation.name, Deadline.done_on, Deadline.outcome).join(
                Organisation, Organisation.id == Deadline.council_id).where(
                Deadline.status == DeadlineStatus.DONE).order_by(Deadline.id))]


def test_an_outcome_beginning_with_a_councils_name_is_asked_about_never_guessed(
        factory: sessionmaker[Session], sams_rc_400: Router) -> None:
    # The session's review: Reading's review was closed with the outcome "the care plan
    # together went well".
    before = (_counts(factory), _reviews(factory))
    assert say(sams_rc_400, "/review done RC-400 reading the care plan together went well",
               SAM) == (
        "You have a placement RC-400 with Northshire and one with Reading Borough Council. "
        "Say which council's it is after the reference: /review done RC-400 Northshire, "
        '[DATE] [outcome]. I can\'t tell whether "reading" names the council or begins the '
        "outcome: put a comma after the council's name. Nothing is recorded yet.")
    assert (_counts(factory), _reviews(factory)) == before
    # The final review: a number after the short name was read as a day, and Reading's
    # review closed with the outcome "2 carers visited and all went well".
    assert say(sams_rc_400, "/review done RC-400 reading 2 carers visited and all went well",
               SAM).startswith("You have a placement RC-400 with Northshire and one with Reading")
    assert (_counts(factory), _reviews(factory)) == before
    assert say(sams_rc_400, "/review done RC-400 Reading, went well", SAM).startswith(
        "Recorded: RC-400 initial review (Reading Borough Council) done on Wed 25 Nov 2026.")
    assert say(sams_rc_400, "/review done RC-400 Northshire 24/11/2026", SAM).startswith(
        "Recorded: RC-400 initial review (Northshire) done on Tue 24 Nov 2026.")
    assert _done(factory) == [("Northshire", date(2026, 11, 24), None),
                              ("Reading Borough Council", date(2026, 11, 25), "went well")]


def test_a_council_named_whole_may_be_followed_by_the_outcome(
        factory: sessionmaker[Session], sams_rc_400: Router) -> None:
    assert say(sams_rc_400, "/review done RC-400 Reading Borough Council reading the plan "
               "went well", SAM).startswith(
        "Recorded: RC-400 initial review (Reading Borough Council) done")
    assert _done(factory) == [("Reading Borough Council", date(2026, 11, 25),
                               "reading the plan went well")]


def test_an_outcome_beginning_with_another_councils_name_is_asked_about_at_one_council(
        factory: sessionmaker[Session], router: Router) -> None:
    make_organisation(factory, "Reading Borough Council", OrganisationKind.COUNCIL)
    _added(router, f"/placement new RC-104 2026-11-02 {PRIYA}", SAM)
    before = (_counts(factory), _reviews(factory))
    assert say(router, "/review done RC-104 reading the care plan went well", SAM) == (
        "You have no placement RC-104 with Reading Borough Council; yours is with Northshire. "
        'Nothing is recorded. If "reading" begins the outcome, give your council\'s name '
        "first: /review done RC-104 Northshire, reading ...")
    assert (_counts(factory), _reviews(factory)) == before
    assert say(router, "/review done RC-104 Northshire, reading the care plan went well",
               SAM).startswith("Recorded: RC-104 initial review done")
    assert _done(factory) == [("Northshire", date(2026, 11, 25),
                               "reading the care plan went well")]


COUNCILS = {1: "Northshire County Council", 2: "Southshire", 3: "Wentworth"}


@pytest.mark.parametrize(("words", "found"), [
    ("Northshire went well", (1, 1)),
    ("northshire county council, all fine", (1, 3)),
    ("NORTHSHIRE COUNTY went well", (1, 2)),
    ("Northshire Borough", (1, 1)),  # the words after a name are left as they are
    ("southshire", (2, 1)),
    ("north went well", None),  # a word that only begins a name picks nothing
    ("went well", None),
    ("", None),
])
def test_a_council_is_named_only_by_its_whole_or_short_name(
        words: str, found: tuple[int, int] | None) -> None:
    assert council_named(words.split(), COUNCILS) == found


# --- whose each is, wherever a provider holding one reference at two councils is told -------


def _press(router: Router, action: str, deadline_id: int, sender: str) -> str:
    return "\n".join(reply.text for reply in router.handle(make_incoming(
        sender=sender, action=action, action_value=str(deadline_id))))


def _told(factory: sessionmaker[Session], kind: str) -> dict[str, list[str]]:
    """The texts of the outbox messages of ``kind`` (a prefix), by recipient e-mail."""
    with factory() as session:
        rows = session.execute(select(Person.email, OutboxMessage.payload).join(
            Person, Person.id == OutboxMessage.person_id).where(
            OutboxMessage.kind.like(f"{kind}%")).order_by(OutboxMessage.id)).all()
    told: dict[str, list[str]] = {}
    for email, payload in rows:
        told.setdefault(email, []).append(payload["text"])
    return told


@pytest.fixture
def sams_three(sams_two: Router) -> Router:
    """Sam's two RC-104s, and an RC-105 with Northshire only."""
    _added(sams_two, f"/placement new RC-105 2026-11-02 {PRIYA}", SAM)
    return sams_two


def test_reminders_name_the_council_of_a_reference_held_at_two_councils(
        factory: sessionmaker[Session], sams_three: Router) -> None:
    # Sam was reminded of "RC-104 initial review" twice, with nothing to tell them apart.
    sweep(factory, now=at(date(2027, 2, 2), 9, 30), templates=TEMPLATES,
          calendar=WorkingCalendar(), policy=ReminderPolicy())
    told = _told(factory, "reminder.")
    assert [text.splitlines()[0] for text in told[SAM]] == [
        "Initial placement review: RC-104 initial review (Northshire), due today, "
        "Tue 2 Feb 2027. (Pledge commitment 24.)",
        "Initial placement review: RC-104 initial review (Southshire), due on Tue 9 Feb 2027 "
        "(in 7 days). (Pledge commitment 24.)",
        "Initial placement review: RC-105 initial review, due today, Tue 2 Feb 2027. "
        "(Pledge commitment 24.)"]
    # Each council's own people read their own reference as it is.
    assert [text.splitlines()[0] for text in told[PRIYA] + told[SUE]] == [
        "Initial placement review: RC-104 initial review, due today, Tue 2 Feb 2027. "
        "(Pledge commitment 24.)",
        "Initial placement review: RC-105 initial review, due today, Tue 2 Feb 2027. "
        "(Pledge commitment 24.)",
        "Initial placement review: RC-104 initial review, due on Tue 9 Feb 2027 (in 7 days). "
        "(Pledge commitment 24.)"]


def test_the_digest_names_the_council_of_a_reference_held_at_two_councils(
        factory: sessionmaker[Session], database_url: str, sams_three: Router) -> None:
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES,
                          clock=Clock(at(date(2027, 2, 8), 10)))
    digest = say(router, "/digest", SAM)
    assert "Overdue (2):\n#1 Initial placement review: RC-104 initial review (Northshire), " \
           "6 days overdue\n#3 Initial placement review: RC-105 initial review, 6 days " \
           "overdue\n" in digest, digest
    assert "Due this week (1):\n#2 Initial placement review: RC-104 initial review " \
           "(Southshire), due Tue 9 Feb 2027\n" in digest, digest
    assert "(Northshire)" not in say(router, "/digest", PRIYA)


def test_the_calendar_names_the_council_of_a_reference_held_at_two_councils(
        factory: sessionmaker[Session], sams_three: Router, people: dict[str, int]) -> None:
    with factory() as session:
        items = {email: calendar_items(
            session, session.get_one(Person, people[who]), today=date(2026, 11, 25),
            templates=TEMPLATES, domain="pledgebot.example") for email, who in (
            (SAM, "sam"), (PRIYA, "priya"))}
    assert [item.summary for item in items[SAM]] == [
        "Initial placement review: RC-104 initial review (Northshire)",
        "Initial placement review: RC-105 initial review",
        "Initial placement review: RC-104 initial review (Southshire)"]
    assert items[SAM][2].description.startswith(
        "Initial placement review for RC-104 initial review (Southshire), due Tue 9 Feb 2027.")
    assert [item.summary for item in items[PRIYA]] == [
        "Initial placement review: RC-104 initial review",
        "Initial placement review: RC-105 initial review"]


def test_replies_name_the_council_of_a_reference_held_at_two_councils_only(
        sams_three: Router) -> None:
    assert say(sams_three, "/placement list", SAM) == (
        "Your placements:\nRC-104 (Northshire): started Mon 2 Nov 2026\n"
        "RC-104 (Southshire): started Mon 9 Nov 2026\nRC-105: started Mon 2 Nov 2026")
    reminders = say(sams_three, "/reminders", SAM)
    assert "#2 Initial placement review: RC-104 initial review (Southshire), due " in reminders
    assert "#3 Initial placement review: RC-105 initial review, due " in reminders
    assert _press(sams_three, SNOOZE_WEEK, 2, SAM) == (
        "I'll remind you about RC-104 initial review (Southshire) again on Wed 2 Dec 2026.")
    assert _press(sams_three, SNOOZE_WEEK, 3, SAM) == (
        "I'll remind you about RC-105 initial review again on Wed 2 Dec 2026.")
    assert _press(sams_three, NOT_APPLICABLE, 2, SAM).startswith(
        "Marking RC-104 initial review (Southshire) as not applicable.\n\nNot applicable\n"
        "Why does it not apply?")
    say(sams_three, "/cancel", SAM)
    assert _press(sams_three, DONE, 1, SAM) == (
        "Recorded: RC-104 initial review (Northshire) done on Wed 25 Nov 2026. The next joint "
        "monitoring review is due Tue 25 May 2027 (pledge 25).")
    assert say(sams_three, "/done 1", SAM) == (
        "RC-104 initial review (Northshire) was recorded done on Wed 25 Nov 2026. If it was "
        "done on another day: /done 1 DD/MM/YYYY.")
    # The council's own people are told of their own reference as it is.
    assert _press(sams_three, SNOOZE_DAY, 2, SUE) == (
        "I'll remind you about RC-104 initial review again on Thu 26 Nov 2026.")
    assert say(sams_three, "/not-applicable 2 moved to another area", SUE) == (
        "Recorded: RC-104 initial review marked not applicable (moved to another area).\n"
        "If the person has left the placement, /placement end RC-104 [END_DATE] ends it and "
        "stops its reminders.")


def test_the_provider_is_told_whose_placement_a_council_recorded(
        factory: sessionmaker[Session], sams_three: Router) -> None:
    say(sams_three, "/condition-change RC-104 2026-11-24", SUE)
    say(sams_three, "/placement end RC-104 2026-11-24", SUE)
    say(sams_three, "/condition-change RC-105 2026-11-24", PRIYA)
    assert [text.split(",")[0] for text in _told(factory, "condition-change")[SAM]] == [
        "Sue Jones (Southshire) reports a change in the condition of the person in placement "
        "RC-104 (Southshire)",
        "Priya Shah (Northshire) reports a change in the condition of the person in placement "
        "RC-105"]
    assert _told(factory, "placement.ended")[SAM] == [
        "Sue Jones recorded that placement RC-104 (Southshire) ended on Tue 24 Nov 2026; its "
        "2 open reviews are closed."]


def test_a_providers_second_rc_104_is_added_with_its_councils_name(router: Router) -> None:
    assert say(router, f"/placement new RC-104 2026-11-02 {PRIYA}", SAM).startswith(
        "Placement RC-104 added, starting Mon 2 Nov 2026.")
    assert say(router, f"/placement new RC-104 2026-11-09 {SUE}", SAM).startswith(
        "Placement RC-104 (Southshire) added, starting Mon 9 Nov 2026.")


def test_a_providers_invoices_in_its_list_say_whom_each_is_from_or_to(
        factory: sessionmaker[Session], router: Router) -> None:
    # A subcontractor's invoice the provider must pay was labelled "(Riverside)", the
    # provider's own name, as though it were a council; its own to a prime "(Hillview)".
    _added(router, f"/placement new RC-104 2026-11-02 {PRIYA}", SAM)
    deadline_imports.import_invoices(
        factory, (b"number,issuer,payer,amount,received_on,placement_reference,paid_on\n"
                  b"R-1,Riverside,Northshire,20,2026-11-20,RC-104,\n"
                  b"SUB-1,Hillview,Riverside,10,2026-11-20,,\n"
                  b"SUB-2,Riverside,Hillview,10,2026-11-20,,\n"),
        source="i.csv", calendar=WorkingCalendar(), policy=ReminderPolicy(),
        now=at(date(2026, 11, 25), 9))
    assert [line.split(",")[0] for line in say(router, "/reminders", SAM).splitlines()[1:4]] == [
        "#2 Invoice payment: invoice R-1 to Northshire",
        "#3 Invoice payment: invoice SUB-1 from Hillview",
        "#4 Invoice payment: invoice SUB-2 to Hillview"]
    # Kim's own invoices go to one payer: they read as they are.
    assert [line.split(",")[0] for line in say(router, "/reminders", KIM).splitlines()[1:3]] == [
        "#3 Invoice payment: invoice SUB-1",
        "#4 Invoice payment: invoice SUB-2 from Riverside"]


def test_two_councils_of_one_short_name_are_asked_about_by_names_that_answer(
        factory: sessionmaker[Session], router: Router) -> None:
    # The example was "/review done RC-600 Northshire", which named both and was asked about
    # again, and again.
    for council, email in (("Westshire County Council", "wes@county.example"),
                           ("Westshire Borough Council", "wes@borough.example")):
        make_person(factory, email=email, role=Role.COMMISSIONER, name="Wes",
                    organisation_id=make_organisation(factory, council, OrganisationKind.COUNCIL))
        _added(router, f"/placement new RC-600 2026-11-02 {email}", SAM)
    before = (_counts(factory), _reviews(factory))
    for asked in ("/review done RC-600", "/review done RC-600 Westshire, went well"):
        assert say(router, asked, SAM) == (
            "You have a placement RC-600 with Westshire Borough Council and one with Westshire "
            "County Council. Say which council's it is after the reference: /review done "
            "RC-600 Westshire Borough, [DATE] [outcome]. Nothing is recorded yet.")
    assert (_counts(factory), _reviews(factory)) == before
    assert say(router, "/review done RC-600 Westshire Borough, went well", SAM).startswith(
        "Recorded: RC-600 initial review (Westshire Borough Council) done on Wed 25 Nov 2026.")
    assert [(council, status) for council, _rule, status in _reviews(factory)] == [
        ("Westshire County Council", "open"), ("Westshire Borough Council", "done"),
        ("Westshire Borough Council", "open")]


def test_a_reference_at_three_councils_names_each_once(
        factory: sessionmaker[Session], sams_two: Router) -> None:
    make_person(factory, email="wes@westshire.example", role=Role.COMMISSIONER, name="Wes",
                organisation_id=make_organisation(factory, "Westshire", OrganisationKind.COUNCIL))
    _added(sams_two, "/placement new RC-104 2026-11-16 wes@westshire.example", SAM)
    assert say(sams_two, "/placement end RC-104", SAM) == (
        "You have a placement RC-104 with each of Northshire, Southshire and Westshire. Say "
        "which council's it is after the reference: /placement end RC-104 Northshire "
        "[END_DATE]. Nothing is recorded yet.")


# --- a reference typed with its number's leading zeros (or without them) --------------------


@pytest.mark.parametrize(("stored", "typed"), [
    ("RC-105", "RC-0105"), ("RC-0105", "rc-105"), ("HV-0100", "hv-00100")])
def test_a_reference_typed_with_other_leading_zeros_finds_the_placement(
        router: Router, stored: str, typed: str) -> None:
    # Session 35's brief: "RC-0105" typed for a placement stored as "RC-105" found none, in a
    # command and in a follow-up told in words.
    _added(router, f"/placement new {stored} 2026-11-02 {PRIYA}", SAM)
    assert say(router, f"the review for {typed} was done today", SAM).startswith(
        f"Thank you. To record {stored}'s review and start the next review's clock (pledge 24): "
        f"/review done {stored} DD/MM/YYYY ")
    assert say(router, f"/review done {typed} went well", SAM).startswith(
        f"Recorded: {stored} initial review done on Wed 25 Nov 2026.")


def test_of_two_placements_alike_but_for_leading_zeros_the_one_typed_exactly_is_found(
        factory: sessionmaker[Session], router: Router) -> None:
    _added(router, f"/placement new RC-105 2026-11-02 {PRIYA}", SAM)
    # (the second as an import may bring it: "/placement new" refuses it, session 35's trial)
    deadline_imports.import_placements(
        factory, (f"reference,started_on,provider_contact_email,commissioner_email\n"
                  f"RC-0105,2026-11-09,{SAM},{PRIYA}\n").encode(), source="p.csv",
        calendar=WorkingCalendar(), policy=ReminderPolicy(), now=at(date(2026, 11, 25), 10))
    assert say(router, "/review done RC-0105 went well", SAM).startswith(
        "Recorded: RC-0105 initial review done")
    assert say(router, "/review done rc-105 went well", SAM).startswith(
        "Recorded: RC-105 initial review done")
    # Neither typed exactly: never guessed between them.
    before = _counts(factory)
    assert say(router, "/placement end RC-00105", SAM) == (
        "I don't know a placement 'RC-00105'. Type /placement list to see yours.")
    assert _counts(factory) == before
