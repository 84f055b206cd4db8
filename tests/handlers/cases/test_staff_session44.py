"""Council staff working cases in chat (session 44's brief): how-to questions answered with the
real command, "undo that" asked before a reassignment is undone, a case's owner told when
someone else acknowledges it or asks its provider a question, and staff venting heard as such.
Dialogs through the router as the commissioners Priya Shah and Tom Okafor."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, CaseEvent, ChannelIdentity, OutboxMessage, Person, Question, Role
from handlers.talk.staff import staff_question
from tests.factories import Clock, count_rows, make_incoming, make_person
from tests.handlers.conftest import HUB, PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

PRIYA_SHAH = "priya.shah@northshire.example"  # commissioner, Northshire
TOM = "tom.okafor@northshire.example"  # commissioner, Northshire


@pytest.fixture
def router(northshire_router: Router, factory: sessionmaker[Session],
           northshire: dict[str, int]) -> Router:
    """Northshire's Priya as Priya Shah, and Tom Okafor beside her."""
    with transaction(factory) as session:
        session.execute(update(Person).where(Person.id == northshire[PRIYA]).values(
            email=PRIYA_SHAH, name="Priya Shah"))
        session.execute(update(ChannelIdentity).where(
            ChannelIdentity.person_id == northshire[PRIYA]).values(address=PRIYA_SHAH))
        council = session.get_one(Person, northshire[PRIYA]).organisation_id
    northshire[PRIYA_SHAH] = northshire[PRIYA]
    northshire[TOM] = make_person(factory, email=TOM, role=Role.COMMISSIONER,
                                  organisation_id=council, name="Tom Okafor")
    return northshire_router


def say(router: Router, sender: str, text: str) -> Reply:
    replies = router.handle(make_incoming(text, sender=sender))
    assert len(replies) == 1, replies
    return replies[0]


def press(router: Router, sender: str, reply: Reply, label: str) -> Reply:
    [button] = [b for b in reply.buttons if b.label == label]
    replies = router.handle(make_incoming(sender=sender, action=button.action,
                                          action_value=button.value))
    assert len(replies) == 1, replies
    return replies[0]


def raise_conflict(router: Router) -> str:
    """Sam's payment disagreement with no placement: Priya (the default owner) has it."""
    reply = say(router, SAM, "/conflict")
    reply = press(router, SAM, reply, "Payment")
    press(router, SAM, reply, "Skip")
    say(router, SAM, "Invoice INV-9 is 40 days unpaid.")
    summary = say(router, SAM, "Payment this week.")
    done = press(router, SAM, summary, "Send")
    assert done.text.startswith("Thank you. Your case is PB-2026-"), done.text
    return done.text.split()[5].rstrip(",")


def owner(factory: sessionmaker[Session], reference: str) -> int | None:
    with factory() as session:
        return session.scalars(select(Case.assignee_id).where(
            Case.reference == reference)).one()


def told(factory: sessionmaker[Session], person_id: int) -> list[str]:
    with factory() as session:
        return [message.payload["text"] for message in session.scalars(
            select(OutboxMessage).where(OutboxMessage.person_id == person_id)
            .order_by(OutboxMessage.id))]


def reassignments(factory: sessionmaker[Session], reference: str) -> int:
    with factory() as session:
        return len(session.scalars(select(CaseEvent.id).join(Case).where(
            Case.reference == reference, CaseEvent.action == "reassigned")).all())


# -- 1. how-to questions ----------------------------------------------------------------------
HOW_TO = (
    # The brief's.
    ("how do I close a case?", "close"),
    ("how do i acknowledge a case", "acknowledge_how"),
    ("how can I see all the cases?", "list"),
    ("how do I mark an invoice as paid?", "paid"),
    ("how do I record a dispute on an invoice?", "dispute"),
    # Reworded.
    ("how do i resolve a case", "close"),
    ("how can I close this case off?", "close"),
    ("how do I ack a new case?", "acknowledge_how"),
    ("where can I see all our cases", "list"),
    ("how do i record that an invoice has been paid", "paid"),
    ("how can I put an invoice into dispute?", "dispute"),
)


@pytest.mark.parametrize(("words", "kind"), [
    *HOW_TO,
    # Not these: the ack deadline's meaning, a review, a provider's own invoice words.
    ("what does the ack deadline mean for cases", "acknowledge"),
    ("how do i close a placement", "placement"),  # /placement end (session 44's third review)
    ("how do i see my invoices", None),
    ("how do I see my cases", None),  # the how-to route's "Use /cases"
    ("how do i see all my cases", "list"),
    ("INV-1003 now paid, thanks", None),
    ("how do i close a section 42 case", None),
    # The knowledge base's: the complaints procedure, conflicts of interest, case notes.
    ("can i see the complaints procedure", None),
    ("how do i check the conflicts of interest", None),
    ("how do I close a case of suspected neglect", None),
    ("where can i see the case notes", None),
    ("how long does the council have to dispute an invoice", None),
])
def test_which_how_to_question_is_asked(words: str, kind: str | None) -> None:
    assert staff_question(words) == kind


STAFF_ANSWERS = {
    "close": "To close a case: /case REF resolve WHAT WAS DONE",
    "acknowledge_how": "To acknowledge a case: /case REF acknowledge",
    "list": "/cases shows the council's open cases, most urgent first; /cases all",
    "paid": "To record an invoice paid: /invoice paid NUMBER [DATE]",
    "dispute": "To record an invoice disputed: /invoice disputed NUMBER [REASON]",
}


@pytest.mark.parametrize(("words", "kind"), HOW_TO)
def test_a_commissioner_is_told_the_command(
        router: Router, factory: sessionmaker[Session], words: str, kind: str) -> None:
    reply = say(router, PRIYA_SHAH, words)
    assert reply.text.startswith(STAFF_ANSWERS[kind]), reply.text
    assert len(reply.text.splitlines()) <= 3
    assert "I don't know" not in reply.text
    assert count_rows(factory, Question) == 0  # no knowledge gap noted


def test_the_commands_named_are_the_commands_that_work(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int]) -> None:
    reference = raise_conflict(router)
    assert "/cases all" in say(router, TOM, "how can I see all the cases?").text
    assert reference in say(router, TOM, "/cases").text  # the council's, not only Tom's
    assert say(router, PRIYA_SHAH, f"/case {reference} acknowledge").text.startswith(
        f"{reference} acknowledged.")
    assert say(router, PRIYA_SHAH, f"/case {reference} resolve invoice paid in full"
               ).text.startswith(f"{reference} is resolved.")


def test_a_provider_asking_how_to_mark_an_invoice_paid_gets_the_providers_view(
        router: Router, factory: sessionmaker[Session]) -> None:
    reply = say(router, SAM, "how do I mark an invoice as paid?")
    assert reply.text.startswith("The council pays your invoices and records them paid"), (
        reply.text)
    assert "/invoice list" in reply.text
    assert "add the provider's name" not in reply.text
    assert count_rows(factory, Question) == 0


@pytest.mark.parametrize(("words", "start"), [
    ("how can I see all the cases?", "/cases shows your organisation's open cases"),
    ("how do I close a case?", "To close a case you raised: /case REF withdraw [WHY]."),
    ("how do i acknowledge a case", "The council acknowledges your cases, not you"),
])
def test_a_provider_asking_about_cases_is_answered_from_their_side(
        router: Router, factory: sessionmaker[Session], words: str, start: str) -> None:
    reply = say(router, SAM, words)
    assert reply.text.startswith(start), reply.text
    assert "resolve WHAT WAS DONE" not in reply.text
    assert count_rows(factory, Question) == 0


def test_a_provider_asking_how_to_dispute_an_invoice_is_not_told_the_payers_command(
        router: Router) -> None:
    reply = say(router, SAM, "how do I record a dispute on an invoice?")
    assert "/invoice disputed" not in reply.text
    assert "/conflict" in reply.text


# -- 2. "undo that" asks first ----------------------------------------------------------------
def test_undo_that_asks_before_undoing_a_reassignment(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int]) -> None:
    reference = raise_conflict(router)
    say(router, PRIYA_SHAH, f"/case {reference} reassign tom")
    asked = say(router, PRIYA_SHAH, "undo that")
    assert asked.text == f"Undo passing {reference} to Tom Okafor?"
    assert [b.label for b in asked.buttons] == ["Yes", "No"]
    # Nothing done yet.
    assert owner(factory, reference) == northshire[TOM]
    assert reassignments(factory, reference) == 1
    assert say(router, PRIYA_SHAH, "yes").text == (
        f"Undone: {reference} is yours again. Tom Okafor is told.")
    assert owner(factory, reference) == northshire[PRIYA_SHAH]
    assert told(factory, northshire[TOM])[-1] == (
        f"Priya Shah has taken back case {reference}: it is no longer yours.")
    # Nothing done twice: the Yes pressed again, or "undo that" again.
    again = press(router, PRIYA_SHAH, asked, "Yes")
    assert again.text == f"{reference} is yours already: nothing to undo."
    assert "Undo passing" not in say(router, PRIYA_SHAH, "undo that").text
    assert reassignments(factory, reference) == 2
    assert len(told(factory, northshire[TOM])) == 2  # passed it, taken back: once each


def test_no_to_undo_changes_nothing(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int]) -> None:
    reference = raise_conflict(router)
    say(router, PRIYA_SHAH, f"/case {reference} reassign tom")
    asked = say(router, PRIYA_SHAH, "undo that")
    assert asked.text == f"Undo passing {reference} to Tom Okafor?"
    assert say(router, PRIYA_SHAH, "no").text == (
        f"Nothing changed: {reference} stays with Tom Okafor.")
    assert owner(factory, reference) == northshire[TOM]
    assert reassignments(factory, reference) == 1
    assert len(told(factory, northshire[TOM])) == 1  # only that it was passed to him
    # The Yes under the question, pressed after the no, still does what it says.
    assert press(router, PRIYA_SHAH, asked, "Yes").text.startswith(f"Undone: {reference}")


def test_undo_is_not_offered_after_30_minutes_nor_once_the_new_owner_has_acted(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int],
        clock: Clock) -> None:
    reference = raise_conflict(router)
    say(router, PRIYA_SHAH, f"/case {reference} reassign tom")
    asked = say(router, PRIYA_SHAH, "undo that")
    clock.now += timedelta(minutes=31)
    assert "Undo passing" not in say(router, PRIYA_SHAH, "undo that").text
    say(router, TOM, f"/case {reference} acknowledge")
    reply = press(router, PRIYA_SHAH, asked, "Yes")
    assert reply.text == f"{reference} is Tom Okafor's now: nothing undone."
    assert owner(factory, reference) == northshire[TOM]


def test_the_undo_question_is_only_the_one_who_passed_it_on(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int]) -> None:
    reference = raise_conflict(router)
    say(router, PRIYA_SHAH, f"/case {reference} reassign tom")
    asked = say(router, PRIYA_SHAH, "undo that")
    # Tom pressing Priya's button (a forged press) undoes nothing.
    reply = press(router, TOM, asked, "Yes")
    assert "Undone" not in reply.text
    assert owner(factory, reference) == northshire[TOM]


# -- 3. the owner told when someone else acknowledges or asks ------------------------------
@pytest.fixture
def toms_deputy_case(router: Router, factory: sessionmaker[Session],
                     northshire: dict[str, int]) -> str:
    """Sam's disagreement, Priya's, with Tom as her escalation contact (he may act on it)."""
    with transaction(factory) as session:
        session.execute(update(Person).where(Person.id == northshire[PRIYA_SHAH]).values(
            escalation_contact_id=northshire[TOM]))
    return raise_conflict(router)


def test_the_owner_is_told_when_someone_else_acknowledges_their_case(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int],
        toms_deputy_case: str) -> None:
    reference = toms_deputy_case
    before = len(told(factory, northshire[PRIYA_SHAH]))
    assert say(router, TOM, f"/case {reference} acknowledge").text.startswith(
        f"{reference} acknowledged.")
    assert told(factory, northshire[PRIYA_SHAH])[before:] == [
        f"Tom Okafor has acknowledged your case {reference}."]
    assert told(factory, northshire[TOM]) == []  # never told of his own act


def test_the_owner_is_told_when_someone_else_asks_the_provider(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int],
        toms_deputy_case: str) -> None:
    reference = toms_deputy_case
    before = len(told(factory, northshire[PRIYA_SHAH]))
    say(router, TOM, f"/case {reference} ask Which invoice dates are missing?")
    assert told(factory, northshire[PRIYA_SHAH])[before:] == [
        f"Tom Okafor has asked the provider about your case {reference}:\n"
        "“Which invoice dates are missing?”"]
    assert told(factory, northshire[TOM]) == []
    # The provider is told as before, once.
    assert sum("Which invoice dates are missing?" in text
               for text in told(factory, northshire[SAM])) == 1


def test_the_owner_acting_on_their_own_case_is_not_told_of_it(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int],
        toms_deputy_case: str) -> None:
    reference = toms_deputy_case
    before = told(factory, northshire[PRIYA_SHAH])
    say(router, PRIYA_SHAH, f"/case {reference} acknowledge")
    say(router, PRIYA_SHAH, f"/case {reference} ask Which invoice dates are missing?")
    assert told(factory, northshire[PRIYA_SHAH]) == before
    assert told(factory, northshire[TOM]) == []


def test_the_owner_is_told_when_the_hub_acknowledges_a_concern_they_own(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int]) -> None:
    say(router, SAM, "RV-0042 has bruises on her arms and says a carer grabbed her last night")
    with factory() as session:
        reference = session.scalars(select(Case.reference)).one()
    # The hub passes it, unacknowledged, to Priya; then acknowledges it itself.
    say(router, HUB, f"/case {reference} reassign priya")
    before = len(told(factory, northshire[PRIYA_SHAH]))
    say(router, HUB, f"/case {reference} acknowledge")
    assert told(factory, northshire[PRIYA_SHAH])[before:] == [
        f"Hub has acknowledged your case {reference}."]


def test_an_away_owners_cover_is_told_once_when_someone_else_acknowledges_their_case(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int],
        toms_deputy_case: str) -> None:
    # Session 45's brief: the owner was told, their cover (acting on their cases) never.
    reference = toms_deputy_case
    dana = "dana@northshire.example"
    with factory() as session:
        council = session.get_one(Person, northshire[TOM]).organisation_id
    northshire[dana] = make_person(factory, email=dana, role=Role.COMMISSIONER,
                                   organisation_id=council, name="Dana")
    assert say(router, PRIYA_SHAH, f"/away 2026-12-20 {dana}").text.startswith("Noted: from today")
    before = {who: len(told(factory, northshire[who])) for who in (PRIYA_SHAH, dana, TOM)}
    say(router, TOM, f"/case {reference} acknowledge")
    assert told(factory, northshire[PRIYA_SHAH])[before[PRIYA_SHAH]:] == [
        f"Tom Okafor has acknowledged your case {reference}."]
    assert told(factory, northshire[dana])[before[dana]:] == [
        "You cover for Priya Shah, away until Sun 20 Dec 2026:\n"
        f"Tom Okafor has acknowledged Priya Shah's case {reference}."]
    assert told(factory, northshire[TOM])[before[TOM]:] == []


def test_a_cover_acknowledging_the_case_themselves_is_not_told_of_it(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int],
        toms_deputy_case: str) -> None:
    reference = toms_deputy_case
    say(router, PRIYA_SHAH, f"/away 2026-12-20 {TOM}")
    before = {who: len(told(factory, northshire[who])) for who in (PRIYA_SHAH, TOM)}
    say(router, TOM, f"/case {reference} acknowledge")
    assert told(factory, northshire[PRIYA_SHAH])[before[PRIYA_SHAH]:] == [
        f"Tom Okafor has acknowledged your case {reference}."]
    assert told(factory, northshire[TOM])[before[TOM]:] == []


# -- 4. staff venting ------------------------------------------------------------------------
STAFF_HEARD = (
    "That sounds hard, and I'm sorry. I haven't kept or passed on what you said. If it helps: "
    "/reminders shows your deadlines and what is overdue, /cases the cases routed to you, and "
    "/case REF reassign NAME passes one to a colleague.")


@pytest.mark.parametrize("words", [
    "I've got 40 placement reviews overdue and no staff",
    "we're drowning in reviews this month",
    "honestly the backlog is killing me",
    "this backlog is a nightmare",
    "the workload is killing me",
    "so behind on reviews with no staff",
])
def test_staff_venting_gets_the_staff_line_and_nothing_is_kept(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    reply = say(router, PRIYA_SHAH, words)
    assert reply.text == STAFF_HEARD
    assert count_rows(factory, Question) == 0
    assert count_rows(factory, Case) == 0  # "killing me" is no concern raised


@pytest.mark.parametrize("words", [
    "the carer is killing me, please help",
    "RC-101 says her son is killing her",
])
def test_killing_said_of_a_person_is_never_the_staff_line(
        router: Router, words: str) -> None:
    replies = router.handle(make_incoming(words, sender=PRIYA_SHAH))
    assert STAFF_HEARD not in [reply.text for reply in replies]
