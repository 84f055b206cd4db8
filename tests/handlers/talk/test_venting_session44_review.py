"""Venting the session's records review found kept as a question ("I don't know ... I've noted
your question", a knowledge gap): council staff at their workload, and a provider at the
council's late payments or at their own backlog. Heard in a line, nothing kept, nothing raised
(dialogs through the router)."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import AuditEvent, Case, Question
from tests.factories import count_rows, make_incoming
from tests.handlers.conftest import PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

STAFF_HEARD = (
    "That sounds hard, and I'm sorry. I haven't kept or passed on what you said. If it helps: "
    "/reminders shows your deadlines and what is overdue, /cases the cases routed to you, and "
    "/case REF reassign NAME passes one to a colleague.")
HEARD = (
    "That sounds really frustrating, and I'm sorry: it deserves to reach the council, not "
    "just me. I haven't passed it on, but two commands will: /feedback tells a named "
    "commissioner how working together is going (you can send it anonymously), and /conflict "
    "raises a disagreement that a named commissioner must answer by a deadline.")
PROVIDER_WORK_HEARD = (
    "That sounds hard, and I'm sorry. I haven't kept or passed on what you said. If it helps: "
    "/reminders shows your deadlines and what is overdue, and /invoice list your unpaid "
    "invoices.")


def _say(router: Router, text: str, sender: str) -> list[str]:
    return [reply.text for reply in router.handle(make_incoming(text, sender=sender))]


def _kept(factory: sessionmaker[Session]) -> Counter[str]:
    return Counter({"question": count_rows(factory, Question),
                    "audit": count_rows(factory, AuditEvent), "case": count_rows(factory, Case)})


@pytest.mark.parametrize("text", [
    "ugh, this caseload is crushing me",
    "I've got 40 reviews overdue and nobody to do them",
    "honestly I'm exhausted, the team is half empty",
    "another week of firefighting, can't keep up",
    "I want to quit",
    "i just want to quit this job",
])
def test_council_staff_venting_at_the_work_is_heard_and_nothing_is_kept(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    assert _say(northshire_router, text, PRIYA) == [STAFF_HEARD]
    assert _kept(factory) == Counter()


def test_a_provider_drowning_at_the_councils_late_payments_is_heard(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    assert _say(northshire_router, "we're drowning, the council never pays on time",
                SAM) == [HEARD]
    assert _kept(factory) == Counter()


def test_a_provider_fed_up_with_their_own_backlog_is_heard(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    assert _say(northshire_router, "so fed up with the backlog today", SAM) == [
        PROVIDER_WORK_HEARD]
    assert _kept(factory) == Counter()


@pytest.mark.parametrize("text", [
    # Wanting to quit something other than the job, or more said: not this line.
    "I want to quit smoking",
    "I want to quit the framework, how do I do that?",
    "I want to quit everything and end it all",
    # The work said of a person, or the care itself: as before.
    "the carer is crushing me",
    "I've got 40 reviews overdue and nobody to do them, a resident fell today",
])
def test_words_beside_the_venting_are_not_read_as_venting(
        northshire_router: Router, text: str) -> None:
    said = _say(northshire_router, text, PRIYA)
    assert STAFF_HEARD not in said
    assert PROVIDER_WORK_HEARD not in said


def test_wanting_to_quit_ending_it_all_is_still_raised(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    said = _say(northshire_router, "I want to quit everything and end it all", PRIYA)
    assert STAFF_HEARD not in said
    assert count_rows(factory, Case) + count_rows(factory, Question) >= 1
