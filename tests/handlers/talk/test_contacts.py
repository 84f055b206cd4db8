"""Who a provider's commissioner is, and how long the council has to answer a disagreement or
feedback: from the bot's own records and service levels, as dialogs through the router (session
30's trial: both were "I don't know" and kept as knowledge gaps)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.models import Person, Placement, Question, Role
from bot.templates import make_templates
from handlers.talk.contacts import case_times_question, my_commissioner_question
from knowledge.answers import Answerer
from tests.factories import FIXED_NOW, count_rows, make_incoming, make_person
from tests.handlers.conftest import PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

NONE_ON_RECORD = ("I don't have a commissioner on record for you yet: none of your current "
                  "placements or contracts names one.")


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def one(router: Router, text: str, sender: str = SAM) -> str:
    [reply] = router.handle(make_incoming(text, sender=sender))
    return reply.text


def _place(factory: sessionmaker[Session], ids: dict[str, int], reference: str, *,
           commissioner: int, ended_on: date | None = None) -> None:
    with factory() as session:
        priya = session.get_one(Person, ids[PRIYA])
        sam = session.get_one(Person, ids[SAM])
        session.add(Placement(reference=reference, council_id=priya.organisation_id,
                              provider_id=sam.organisation_id, commissioner_id=commissioner,
                              provider_contact_id=sam.id, started_on=date(2026, 9, 1),
                              ended_on=ended_on))
        session.commit()


@pytest.mark.parametrize("text", [
    "who is my commissioner?", "Who's our commissioner", "who are our commissioners",
    "who is my contact at the council?", "who do I contact at the council", "whos my commissioner",
    "who is the commissioner for us?", "who should we speak to at the local authority",
])
def test_asking_who_the_commissioner_is(text: str) -> None:
    assert my_commissioner_question(text) is True


@pytest.mark.parametrize("text", [
    "who is my commissioner for RC-104 and can they ring me", "what does a commissioner do",
    "who is the commissioner responsible for market shaping in general",
    "is my commissioner allowed to change the fee", "who are you",
])
def test_other_questions_about_commissioners(text: str) -> None:
    assert my_commissioner_question(text) is None


def test_a_provider_is_told_its_commissioners_from_its_current_work(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int]) -> None:
    assert one(router, "who is my commissioner?").startswith(NONE_ON_RECORD)
    _place(factory, northshire, "RV-0001", commissioner=northshire[PRIYA])
    _place(factory, northshire, "RV-0002", commissioner=northshire[PRIYA])
    # Work that has ended names nobody current.
    gone = make_person(factory, email="gone@northshire.example", name="Gone",
                       role=Role.COMMISSIONER, organisation_id=_council_of(factory, northshire))
    _place(factory, northshire, "RV-0003", commissioner=gone, ended_on=date(2026, 10, 1))
    assert one(router, "who is my commissioner?") == (
        "Your commissioner, from your current placements and contracts:\n"
        f"- Priya ({PRIYA}), Northshire: RV-0001, RV-0002\n"
        '/conflict, /feedback and "Ask a commissioner" reach the right person for you.')
    assert count_rows(factory, Question) == 0  # not a knowledge gap


def _council_of(factory: sessionmaker[Session], ids: dict[str, int]) -> int:
    with factory() as session:
        return session.get_one(Person, ids[PRIYA]).organisation_id


def test_council_staff_asking_get_the_knowledge_base(router: Router) -> None:
    assert not one(router, "who is my commissioner?", PRIYA).startswith(
        ("Your commissioner", NONE_ON_RECORD))


@pytest.mark.parametrize(("text", "kind"), [
    ("how long does the council have to reply to a conflict?", "conflict"),
    ("how quickly will my feedback be answered", "feedback"),
    ("when will the commissioner respond to our dispute", "conflict"),
    ("how many working days does the council have to resolve a complaint", "conflict"),
])
def test_asking_how_long_the_council_has(text: str, kind: str) -> None:
    assert case_times_question(text) == kind


@pytest.mark.parametrize("text", [
    "how long does a care home have to respond to a complaint",
    "how long do we have to answer a clarification question",
    "how long does the council have to pay an invoice",
    "how long does a family have to complain about care",
    "what is a conflict of interest",
    # Session 30's review: the provider's own, or between others.
    "how quickly should we respond to negative feedback from staff",
    "when should we resolve a disagreement between two carers",
    "how long do we have to respond to a complaint from the council?",
])
def test_other_questions_about_how_long(text: str) -> None:
    assert case_times_question(text) is None


def test_how_long_the_council_has_is_its_own_service_levels(
        factory: sessionmaker[Session], database_url: str, answerer: Answerer,
        northshire: dict[str, int]) -> None:
    settings = Settings(database_url=database_url, council_name="Northshire County Council",
                        case_sla_working_days={"conflict": [3, 15], "conflict.payment": [1, 10]})
    router = build_router(factory, settings, make_templates(), clock=lambda: FIXED_NOW,
                          answerer=answerer)
    assert one(router, "how long does the council have to reply to a conflict?") == (
        "The council aims to acknowledge a disagreement (/conflict) within 3 working days and "
        "resolve it within 15; feedback (/feedback) within 5 and 20 working days.\n"
        "Some kinds of disagreement have their own times: the case's own dates are in /case "
        "REF.\n"
        "If it runs late, I remind the person who has it and then pass it up the council's "
        "escalation list. /cases shows yours with their dates.")
    assert count_rows(factory, Question) == 0


@pytest.mark.parametrize("text", [
    # Session 33's trial (a commissioner): "I don't know" and a knowledge gap.
    "how quickly do i have to respond to a providers conflict",
    "how long have we got to reply to a provider's dispute?",
    "when do I need to acknowledge feedback from a provider",
])
def test_council_staff_asking_how_long_they_have_to_answer_a_provider_get_the_service_levels(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    assert one(router, text, PRIYA).startswith(
        "The council aims to acknowledge a disagreement (/conflict) within 2 working days")
    assert count_rows(factory, Question) == 0


def test_a_provider_asking_how_long_it_has_to_answer_a_provider_is_not_told_the_councils(
        router: Router) -> None:
    assert not one(router, "how quickly do we have to respond to a providers dispute").startswith(
        "The council aims")


@pytest.mark.parametrize("text", [
    # Session 33's trial: "who do i chase at the council" offered "Client contributions".
    "who do i chase at the council",
    "Who should we ring at the council?",
    "who can I get hold of in the local authority",
])
def test_who_to_chase_at_the_council_is_who_the_commissioner_is(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    assert one(router, text) == NONE_ON_RECORD + (
        ' /conflict, /feedback and "Ask a commissioner" still reach the right person at the '
        "council.")
    assert count_rows(factory, Question) == 0


@pytest.mark.parametrize("text", [
    # Session 43's brief: "I don't know", or the general rules of a CQC registration.
    "What is my commissioner's email?", "what is my commissioners email address",
    "whats our commissioner's e-mail", "my commissioner's email please",
    "who is my commissioner and what is their email",
    "who is my commissioner and their email address",
    "what are my commissioner's contact details", "how do I contact my commissioner?",
    "can I have my commissioner's email",
])
def test_asking_the_commissioners_email(text: str) -> None:
    assert my_commissioner_question(text) is True


def test_the_commissioners_email_asked_is_the_directorys(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int]) -> None:
    _place(factory, northshire, "RV-0001", commissioner=northshire[PRIYA])
    assert one(router, "What is my commissioner's email?").splitlines()[1] == (
        f"- Priya ({PRIYA}), Northshire: RV-0001")
    assert count_rows(factory, Question) == 0


def test_the_commissioners_email_asked_beside_a_concern_gets_both(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int]) -> None:
    _place(factory, northshire, "RV-0001", commissioner=northshire[PRIYA])
    guidance, who = router.handle(make_incoming(
        "I need to raise a safeguarding concern. What is my commissioner's email?", sender=SAM))
    assert "Raise a concern now" in [button.label for button in guidance.buttons]
    assert f"- Priya ({PRIYA}), Northshire: RV-0001" in who.text.splitlines()
