"""A tender reference is a council's: two councils may each have a T-9, and ``/tender follow``
and ``/tender unfollow`` choose among the tenders the provider may see, asking which council's
when two have it (dialogs through the router)."""

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
    Organisation,
    OrganisationKind,
    OutboxMessage,
    Person,
    Reminder,
    Role,
    Tender,
    TenderFollower,
)
from bot.templates import make_templates
from handlers.deadlines import imports as deadline_imports
from handlers.deadlines.store import ReminderPolicy
from handlers.deadlines.sweep import sweep
from scheduler.rules import WorkingCalendar
from tests.factories import Clock, count_rows, make_organisation, make_person
from tests.handlers.deadlines.conftest import KIM, PRIYA
from tests.handlers.deadlines.support import at, import_tenders, say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SUE = "sue@southshire.example"  # commissioner, Southshire
HEADER = ("reference,title,commissioner_email,published_on,clarification_on,submission_on,"
          "standstill_end_on,bidder_email,outcome,decided_on\n")


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, people: dict[str, int]) -> Router:
    """Northshire's T-9 (Home care, Priya's) and T-11, Southshire's T-9 (Day care, Sue's) and
    T-11 (not published until January), and Westshire with none; a router on Wed 25 Nov 2026."""
    south = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL)
    make_organisation(factory, "Westshire", OrganisationKind.COUNCIL)
    make_person(factory, email=SUE, role=Role.COMMISSIONER, organisation_id=south,
                name="Sue Jones")
    now = at(date(2026, 11, 25), 8)
    import_tenders(factory, HEADER
                   + f"T-9,Home care,{PRIYA},2026-11-02,2026-12-04,2026-12-18,,,,\n"
                   + f"T-11,Respite,{PRIYA},2026-11-02,,2026-12-18,,,,\n", now)
    import_tenders(factory, HEADER
                   + f"t-9,Day care,{SUE},2026-11-09,2026-12-07,2026-12-21,,,,\n"
                   + f"T-11,Respite,{SUE},2027-01-04,,2027-02-01,,,,\n", now)
    return build_router(factory, Settings(database_url=database_url), make_templates(),
                        clock=Clock(at(date(2026, 11, 25), 10)))


def _counts(factory: sessionmaker[Session]) -> Counter[str]:
    return Counter({model.__tablename__: count_rows(factory, model)
                    for model in (TenderFollower, Deadline, Reminder)})


def _followed(factory: sessionmaker[Session]) -> list[tuple[str, str]]:
    """Each followed tender's reference and council."""
    with factory() as session:
        return [tuple(row) for row in session.execute(  # type: ignore[misc]
            select(Tender.reference, Organisation.name)
            .join(TenderFollower, TenderFollower.tender_id == Tender.id)
            .join(Organisation, Organisation.id == Tender.council_id)
            .order_by(TenderFollower.id))]


def test_a_provider_who_sees_t_9_at_two_councils_is_asked_which(
        factory: sessionmaker[Session], router: Router) -> None:
    before = _counts(factory)
    assert say(router, "/tender follow t-9", KIM) == (
        "Northshire and Southshire each have a tender T-9. Say which council's after the "
        "reference: /tender follow T-9 Northshire. Nothing is changed yet.")
    assert _counts(factory) == before


def test_a_provider_names_the_council_after_the_reference(
        factory: sessionmaker[Session], router: Router) -> None:
    assert say(router, "/tender follow T-9 southshire", KIM) == (
        "You're following T-9 Southshire (Day care). I'll remind you before its clarification "
        "deadline (Mon 7 Dec 2026) and submission deadline (Mon 21 Dec 2026). Stop with /tender "
        "unfollow T-9 Southshire.")
    assert _followed(factory) == [("T-9", "Southshire")]
    with factory() as session:
        copies = sorted((rule, name) for rule, name in session.execute(
            select(Deadline.rule, Organisation.name)
            .join(Organisation, Organisation.id == Deadline.council_id)
            .where(Deadline.provider_id.is_not(None))))
    assert copies == [("clarification", "Southshire"), ("submission", "Southshire")]
    # Unfollowing: the one of the two T-9s followed, without asking.
    assert say(router, "/tender unfollow T-9", KIM).startswith("You've stopped following T-9")
    assert _followed(factory) == []


def test_a_council_without_that_tender_is_said_to_have_none_and_nothing_changes(
        factory: sessionmaker[Session], router: Router) -> None:
    before = _counts(factory)
    assert say(router, "/tender follow T-9 Westshire", KIM) == (
        "I don't know a tender 'T-9' at Westshire. Please check its reference with the council.")
    assert _counts(factory) == before


def test_a_tender_not_yet_published_by_another_council_is_not_asked_about(
        factory: sessionmaker[Session], router: Router) -> None:
    # Southshire's T-11 is unpublished: unknown to providers, so Northshire's is the one.
    assert say(router, "/tender follow T-11", KIM).startswith(
        "You're following T-11 (Respite).")
    assert _followed(factory) == [("T-11", "Northshire")]
    assert say(router, "/tender follow T-11 Southshire", KIM) == (
        "I don't know a tender 'T-11' at Southshire. Please check its reference with the "
        "council.")


def test_a_question_about_t_9s_dates_says_whose_each_is_to_a_provider_who_sees_two(
        router: Router) -> None:
    assert say(router, "when is the clarification deadline for T-9?", KIM) == (
        "T-9 Northshire Home care: clarification deadline Fri 4 Dec 2026, submission deadline "
        "Fri 18 Dec 2026. /tender follow T-9 Northshire reminds you before them.\n"
        "T-9 Southshire Day care: clarification deadline Mon 7 Dec 2026, submission deadline "
        "Mon 21 Dec 2026. /tender follow T-9 Southshire reminds you before them.")
    # Council staff see their own council's only, never told that another has one.
    assert say(router, "when is the clarification deadline for T-9?", PRIYA) == (
        "T-9 Home care: clarification deadline Fri 4 Dec 2026, submission deadline "
        "Fri 18 Dec 2026.")


def test_two_councils_of_one_short_name_are_named_apart_as_they_are_typed_back(
        factory: sessionmaker[Session], router: Router) -> None:
    # Eastshire County and Eastshire Borough both have a T-5: each is named so that typing it
    # back after the reference picks it (both were "T-5 Eastshire", which was refused).
    for name, email in (("Eastshire County Council", "ec@eastshire.example"),
                        ("Eastshire Borough Council", "eb@eastshire.example")):
        council = make_organisation(factory, name, OrganisationKind.COUNCIL)
        make_person(factory, email=email, role=Role.COMMISSIONER, organisation_id=council)
        import_tenders(factory, HEADER + f"T-5,Care {name[10:]},{email},2026-11-02,,"
                       "2026-12-18,,,,\n", at(date(2026, 11, 25), 8))
    asked = say(router, "/tender follow T-5", KIM)
    assert asked.endswith("/tender follow T-5 Eastshire Borough. Nothing is changed yet.")
    dates = say(router, "when is the submission deadline for T-5?", KIM)
    assert "/tender follow T-5 Eastshire Borough reminds" in dates
    assert "/tender follow T-5 Eastshire County reminds" in dates
    assert say(router, "/tender follow T-5 Eastshire County", KIM).startswith(
        "You're following T-5 Eastshire County (Care County Council).")
    assert _followed(factory) == [("T-5", "Eastshire County Council")]


def test_a_council_is_named_apart_from_every_council_not_only_those_with_the_tender(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 29's read: shortened among the tender's own councils, Eastshire County's T-5 was
    # "T-5 Eastshire", which Eastshire Borough (with no T-5) made ambiguous when typed back.
    for name, email, tender in (("Eastshire County Council", "ec@eastshire.example", True),
                                ("Westshire Council", "w@westshire.example", True),
                                ("Eastshire Borough Council", "eb@eastshire.example", False)):
        council = make_organisation(factory, name, OrganisationKind.COUNCIL)
        make_person(factory, email=email, role=Role.COMMISSIONER, organisation_id=council)
        if tender:
            import_tenders(factory, HEADER + f"T-5,Care {name[:9]},{email},2026-11-02,,"
                           "2026-12-18,,,,\n", at(date(2026, 11, 25), 8))
    asked = say(router, "/tender follow T-5", KIM)
    assert asked.endswith("/tender follow T-5 Eastshire County. Nothing is changed yet.")
    dates = say(router, "when is the submission deadline for T-5?", KIM)
    assert "/tender follow T-5 Eastshire County reminds" in dates
    assert say(router, "/tender follow T-5 Eastshire County", KIM).startswith(
        "You're following T-5 Eastshire County (Care Eastshire).")
    assert _followed(factory) == [("T-5", "Eastshire County Council")]


def test_a_provider_with_t_9_and_c_1_at_two_councils_reads_whose_each_reminder_is(
        factory: sessionmaker[Session], router: Router, database_url: str) -> None:
    # Each read "T-9 clarification deadline" and "C-1 uplift" twice, with nothing to tell them
    # apart; a reference held at one council (T-11, C-2) reads as it is.
    for council in ("Northshire", "Southshire"):
        say(router, f"/tender follow T-9 {council}", KIM)
    say(router, "/tender follow T-11", KIM)
    contracts = "reference,title,commissioner_email,provider,uplift_on,ends_on\n"
    for commissioner, also in ((PRIYA, "C-2,Respite,{},Hillview,2027-01-11,\n"), (SUE, "")):
        deadline_imports.import_contracts(
            factory, (contracts + f"c-1,Home care,{commissioner},Hillview,2027-01-04,\n"
                      + also.format(commissioner)).encode(), source="c.csv",
            calendar=WorkingCalendar(), policy=ReminderPolicy(), now=at(date(2026, 11, 25), 8))
    lines = say(router, "/reminders", KIM).splitlines()
    shown = [line.split(": ", 1)[1].split(", ")[0] for line in lines if line.startswith("#")]
    assert sorted(shown) == [
        "C-1 uplift (Northshire)", "C-1 uplift (Southshire)", "C-2 uplift",
        "T-11 submission deadline",
        "T-9 clarification deadline (Northshire)", "T-9 clarification deadline (Southshire)",
        "T-9 submission deadline (Northshire)", "T-9 submission deadline (Southshire)"]
    # Council staff see their own council's, as they are.
    assert "T-9 clarification deadline, due" in say(router, "/reminders council", SUE)
    # So do the digest and the scheduled reminders.
    later = build_router(factory, Settings(database_url=database_url), make_templates(),
                         clock=Clock(at(date(2026, 12, 1), 10)))
    digest = [line for line in say(later, "/digest", KIM).splitlines() if "T-9" in line]
    assert [line.split(": ", 1)[1] for line in digest] == [
        "T-9 clarification deadline (Northshire), due Fri 4 Dec 2026"]
    sweep(factory, now=at(date(2026, 12, 4), 9, 30), templates=make_templates(),
          calendar=WorkingCalendar(), policy=ReminderPolicy())
    with factory() as session:
        told = [payload["text"].split(", due")[0] for payload in session.scalars(
            select(OutboxMessage.payload).join(Person, Person.id == OutboxMessage.person_id)
            .where(OutboxMessage.kind.like("reminder.%"), Person.email == KIM)
            .order_by(OutboxMessage.id))]
    assert sorted(told) == [
        "Tender clarification deadline: T-9 clarification deadline (Northshire)",
        "Tender clarification deadline: T-9 clarification deadline (Southshire)",
        "Tender submission deadline: T-11 submission deadline",
        "Tender submission deadline: T-9 submission deadline (Northshire)"]
