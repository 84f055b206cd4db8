"""Cases in chat: /feedback and /conflict forms, /cases, /case and its actions, buttons, who
sees what (pledge 3), anonymous feedback, bad input."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Engine, event, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.channels.console.adapter import to_incoming as console_incoming
from bot.channels.console.renderer import number_buttons
from bot.config import Settings
from bot.db import transaction
from bot.dispatch import Router
from bot.messages import Button, Delivery, Incoming, Reply
from bot.models import (
    AuditEvent,
    Bid,
    Case,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Channel,
    ChannelIdentity,
    Contract,
    Deadline,
    FormSession,
    Invoice,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    OutboxStatus,
    Person,
    Placement,
    Question,
    Role,
    RoutingRule,
    Tender,
)
from bot.outbox import OutboxPolicy, OutboxSender
from bot.templates import make_templates
from handlers.cases import chat as cases_chat
from handlers.cases import service as cases_service
from handlers.cases.service import SlaPolicy
from handlers.cases.sweep import sweep_cases
from handlers.formats import a_name, titled_name, without_names
from knowledge.answers import Answerer
from scheduler.rules import WorkingCalendar
from tests.factories import (
    FIXED_NOW,
    Clock,
    count_rows,
    make_incoming,
    make_organisation,
    make_person,
)

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAM = "sam@riverside.example"  # provider, Riverside
ALEX = "alex@hillview.example"  # provider, Hillview (another organisation)
PRIYA = "priya@northshire.example"  # commissioner, Northshire
TOM = "tom@northshire.example"  # commissioner, Northshire
OTTO = "otto@southshire.example"  # commissioner, Southshire (another council)
DANA = "dana@northshire.example"  # admin
MEG = "meg@southshire.example"  # admin, Southshire


@pytest.fixture
def ids(factory: sessionmaker[Session]) -> dict[str, int]:
    with transaction(factory) as session:  # one transaction for them all
        north = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL,
                                  session=session)
        south = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL,
                                  session=session)
        riverside = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER,
                                      session=session)
        hillview = make_organisation(factory, "Hillview", OrganisationKind.PROVIDER,
                                     session=session)
        found = {"north": north, "south": south, "riverside": riverside, "hillview": hillview}
        for email, role, org in ((SAM, Role.PROVIDER, riverside), (ALEX, Role.PROVIDER, hillview),
                                 (PRIYA, Role.COMMISSIONER, north),
                                 (TOM, Role.COMMISSIONER, north),
                                 (OTTO, Role.COMMISSIONER, south), (DANA, Role.ADMIN, north),
                                 (MEG, Role.ADMIN, south)):
            found[email] = make_person(factory, email=email, role=role, organisation_id=org,
                                       name=email.split("@")[0].capitalize(), session=session)
        session.add(RoutingRule(position=1, council_id=north, commissioner_id=found[PRIYA],
                                deputy_id=found[TOM], level1_id=found[TOM]))
        placement = Placement(reference="RV-0042", council_id=north, provider_id=riverside,
                              commissioner_id=found[TOM], provider_contact_id=found[SAM],
                              started_on=date(2026, 6, 1))
        session.add(placement)
        session.flush()
        session.add(Invoice(number="INV-7", issuer_id=riverside, payer_id=north,
                            placement_id=placement.id, amount_pence=125_000,
                            received_on=date(2026, 10, 1)))
        session.add(Contract(reference="HV-HOMECARE", council_id=north, provider_id=hillview,
                             commissioner_id=found[PRIYA], title="Home care, north"))
    return found


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, clock: Clock) -> Router:
    router = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    return router


def say(router: Router, sender: str, text: str = "", **kwargs: object) -> Reply:
    replies = router.handle(make_incoming(text, sender=sender, **kwargs))  # type: ignore[arg-type]
    assert len(replies) == 1, replies
    return replies[0]


def press(router: Router, sender: str, reply: Reply, label: str) -> Reply:
    [button] = [b for b in reply.buttons if b.label == label]
    return say(router, sender, action=button.action, action_value=button.value)


def finish(router: Router, sender: str, last_answer: str) -> Reply:
    """Type a disagreement's last answer, then press Send under the summary it shows."""
    summary = say(router, sender, last_answer)
    assert summary.text.startswith("Before I send your disagreement, please check it:"), (
        summary.text)
    return press(router, sender, summary, "Send")


def raise_conflict(router: Router, sender: str = SAM, reference: str = "RV-0042") -> str:
    reply = say(router, sender, "/conflict")
    assert "What is it about?" in reply.text
    reply = press(router, sender, reply, "Payment")
    assert "Which placement or invoice" in reply.text
    reply = say(router, sender, reference) if reference else press(router, sender, reply, "Skip")
    assert "What has happened?" in reply.text
    reply = say(router, sender, "Invoice INV-7 for RV-0042 is 40 days unpaid.")
    assert "What outcome would you like?" in reply.text
    done = finish(router, sender, "Payment this week, and the 10-day rule kept.")
    assert done.text.startswith("Thank you. Your case is PB-2026-")
    return done.text.split()[5].rstrip(",")


def _conflict_without_a_placement(router: Router, sender: str, about: str) -> None:
    """/conflict with ``about`` chosen and the placement skipped, up to "What has happened?"."""
    reply = say(router, sender, "/conflict")
    reply = press(router, sender, reply, about)
    press(router, sender, reply, "Skip")


def _case(factory: sessionmaker[Session]) -> Case:
    with factory() as session:
        return session.scalars(select(Case).order_by(Case.id.desc())).first()  # type: ignore[return-value]


def _last_event(factory: sessionmaker[Session]) -> str:
    """What was last done to a case (its latest event's action)."""
    with factory() as session:
        return session.scalars(select(CaseEvent.action).order_by(CaseEvent.id.desc())
                               .limit(1)).one()


def test_a_conflict_through_its_form_is_routed_and_tells_the_owner(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    case = _case(factory)
    # Tom is the placement's commissioner: a party, so Priya (the rule's commissioner) owns it.
    assert (case.reference, case.kind, case.category, case.assignee_id) == (
        reference, CaseKind.CONFLICT, "payment", ids[PRIYA])
    assert (case.placement_id is not None, case.raised_by_id, case.provider_id) == (
        True, ids[SAM], ids["riverside"])
    assert case.outcome_wanted == "Payment this week, and the 10-day rule kept."
    with factory() as session:
        told = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "case.opened")).one()
        assert session.scalar(select(FormSession.id)) is None
    assert told.person_id == ids[PRIYA]
    assert told.payload["text"].startswith(f"New case {reference} for you")
    assert [b["label"] for b in told.payload["buttons"]] == ["Acknowledge", "Show the case"]


# -- the summary before a disagreement is sent ---------------------------------------------------
SUMMARY = (
    "Before I send your disagreement, please check it:\n"
    "- What is it about? Payment\n"
    "- Which placement or invoice is it about? RV-0042\n"
    "- What has happened? Invoice INV-7 for RV-0042 is 40 days unpaid.\n"
    "- What outcome would you like? Payment this week.\n\n"
    "Send it, change an answer, or cancel (then nothing is sent)?")


def _to_the_summary(router: Router) -> Reply:
    """Sam's disagreement about RV-0042, every question answered: the summary it shows."""
    press(router, SAM, say(router, SAM, "/conflict"), "Payment")
    say(router, SAM, "RV-0042")
    say(router, SAM, "Invoice INV-7 for RV-0042 is 40 days unpaid.")
    return say(router, SAM, "Payment this week.")


def _nothing_sent(factory: sessionmaker[Session]) -> bool:
    return count_rows(factory, Case) == 0 and count_rows(factory, OutboxMessage) == 0


def test_a_disagreement_is_shown_back_and_sent_only_with_send(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    summary = _to_the_summary(router)
    assert summary.text == SUMMARY
    assert [b.label for b in summary.buttons] == ["Send", "Change", "Cancel"]
    assert _nothing_sent(factory)
    done = press(router, SAM, summary, "Send")
    assert done.text.startswith("Thank you. Your case is PB-2026-000001, with Priya.")
    assert (_case(factory).outcome_wanted, count_rows(factory, FormSession)) == (
        "Payment this week.", 0)
    # Pressed again (a double tap, a platform's retry), it sends nothing more.
    assert press(router, SAM, summary, "Send").text == STALE
    assert count_rows(factory, Case) == 1


STALE = "That button is no longer active. Type /help to see what I can do."


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_send_change_and_cancel_typed_at_the_summary(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    for typed in ("cancel", "CANCEL", "Cancel it", "/cancel"):
        _to_the_summary(router)
        assert say(router, SAM, typed).text == "Cancelled: nothing was sent.", typed
        assert (_nothing_sent(factory), count_rows(factory, FormSession)) == (True, 0)
    for typed in ("change", "Change", "CHANGE", "2"):
        _to_the_summary(router)
        again = say(router, SAM, typed)
        assert again.text == PICK, typed
        assert _nothing_sent(factory)
        say(router, SAM, "/cancel")
    for typed in ("send", "SEND", "Send it", "yes", "1"):
        _to_the_summary(router)
        # Sent: the first opens the case; the others are the same words again, said so.
        assert "PB-2026-000001" in say(router, SAM, typed).text, typed
        assert count_rows(factory, FormSession) == 0
    assert count_rows(factory, Case) == 1


def test_cancel_at_the_summary_sends_and_keeps_nothing(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    summary = _to_the_summary(router)
    assert press(router, SAM, summary, "Cancel").text == "Cancelled: nothing was sent."
    assert (_nothing_sent(factory), count_rows(factory, FormSession)) == (True, 0)
    assert press(router, SAM, summary, "Send").text == STALE
    assert _nothing_sent(factory)


PICK = (
    "Which answer would you like to change?\n"
    "1. What is it about? Payment\n"
    "2. Which placement or invoice is it about? RV-0042\n"
    "3. What has happened? Invoice INV-7 for RV-0042 is 40 days unpaid.\n"
    "4. What outcome would you like? Payment this week.\n\n"
    "Type its number, or \"back\" to leave them as they are; /cancel stops without sending "
    "anything.")


def test_change_asks_which_answer_then_only_that_one(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 33's trial: Change walked through every question from the first, and "4" typed
    # there (meaning the 4th answer) silently made the category "Procurement process".
    first = _to_the_summary(router)
    which = press(router, SAM, first, "Change")
    assert which.text == PICK
    assert [b.label for b in which.buttons] == [
        "What is it about?", "Which placement or invoice is it about?", "What has happened?",
        "What outcome would you like?", "Back", "Cancel"]
    outcome = say(router, SAM, "4")
    assert outcome.text == (
        "Disagreement — question 4 of 4\nWhat outcome would you like?\n"
        "Your answer: \"Payment this week.\"\n"
        "Type a new answer, or keep it; /cancel stops without sending anything.")
    second = say(router, SAM, "Payment by Friday, with interest.")
    assert second.text == SUMMARY.replace("Payment this week.",
                                          "Payment by Friday, with interest.")
    # The summary shown before the change is out of date: its Send sends nothing.
    assert press(router, SAM, first, "Send").text == STALE
    assert _nothing_sent(factory)
    placement = press(router, SAM, press(router, SAM, second, "Change"),
                      "Which placement or invoice is it about?")
    assert 'Your answer: "RV-0042"' in placement.text
    assert [b.label for b in placement.buttons] == ["Keep", "Skip", "Cancel"]
    third = say(router, SAM, "INV-7")
    assert third.text == SUMMARY.replace("? RV-0042", "? INV-7").replace(
        "Payment this week.", "Payment by Friday, with interest.")
    assert say(router, SAM, "change").text == PICK.replace("? RV-0042", "? INV-7").replace(
        "Payment this week.", "Payment by Friday, with interest.")
    assert say(router, SAM, "back").text == third.text
    assert say(router, SAM, "send").text.startswith("Thank you. Your case is")
    case = _case(factory)
    with factory() as session:
        invoice = session.scalars(select(Invoice).where(Invoice.number == "INV-7")).one()
    assert (case.category, case.invoice_id, case.description, case.outcome_wanted) == (
        "payment", invoice.id, "Invoice INV-7 for RV-0042 is 40 days unpaid.",
        "Payment by Friday, with interest.")


def test_change_then_a_word_that_is_no_answer_asks_again(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    press(router, SAM, _to_the_summary(router), "Change")
    again = say(router, SAM, "9")
    assert again.text == "Please type the number of an answer, 1 to 4.\n\n" + PICK
    assert _case_count(factory) == 0


def _case_count(factory: sessionmaker[Session]) -> int:
    return count_rows(factory, Case)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_unknown_reply_at_the_summary_is_refused_with_the_choices(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    _to_the_summary(router)
    # Putting it off ("maybe later") asks whether to cancel, as "never mind" does (session 42;
    # it was refused with the choices); "Keep going" shows the summary again.
    asked = say(router, SAM, "maybe later")
    assert asked.text == "Cancel this disagreement form?"
    assert [b.label for b in asked.buttons] == ["Cancel the form", "Keep going"]
    assert press(router, SAM, asked, "Keep going").text.endswith(SUMMARY)
    # ("ok" sends, as a yes does: session 45's brief; tests/handlers/cases/test_form_free_text.py)
    refused = say(router, SAM, "skip")
    assert refused.text == (
        "Please choose one of: Send, Change, Cancel (or type its number).\n\n" + SUMMARY)
    assert [b.label for b in refused.buttons] == ["Send", "Change", "Cancel"]
    # ... and "no" keeps it open, unsent (session 45's review; test_form_free_text.py).
    held = say(router, SAM, "no")
    assert held.text.startswith("Not sent: your disagreement stays open."), held.text
    assert [b.label for b in held.buttons] == ["Send", "Change", "Cancel"]
    # Another command meanwhile names the summary; another form is not started over it.
    listed = say(router, SAM, "/cases")
    assert listed.text.endswith(
        "(Your disagreement is not sent yet: Send it, Change an answer, or Cancel.)")
    assert [b.label for b in listed.buttons] == ["Send", "Change", "Cancel"]
    # A question is answered, and the summary named after it.
    asked = router.handle(make_incoming("how long does the council have to reply?", sender=SAM))
    assert asked[-1].text == ("You still have a form open (Disagreement), not sent yet: Send "
                              "it, Change an answer, or type /cancel to stop it.")
    assert say(router, SAM, "/feedback").text.startswith(
        "You have a disagreement half done, with your words in it, so I haven't started "
        "another form. It waits for: \"Send, Change, Cancel\"")
    assert _nothing_sent(factory)
    assert press(router, SAM, refused, "Send").text.startswith("Thank you. Your case is")


def test_a_whole_disagreement_from_a_modal_is_sent_at_once(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # A Slack modal has its own Send button: no summary after it.
    [reply] = router.handle(Incoming(
        channel=Channel.CONSOLE, conversation="test", sender=SAM, form_id="conflict",
        form_values={"about": "Payment", "reference": "RV-0042",
                     "description": "Invoice INV-7 is 40 days unpaid.", "outcome": "Pay it"},
        received_at=FIXED_NOW))
    assert reply.text.startswith("Thank you. Your case is PB-2026-000001")
    assert count_rows(factory, FormSession) == 0


def test_the_story_typed_at_the_pledge_number_is_kept_and_the_question_says_what_it_takes(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Session 24's trial: a complaint typed at "Which pledge commitment does it touch?" got
    "That answer is 121 characters long; the limit for this question is 40" and was lost."""
    press(router, SAM, say(router, SAM, "/feedback"), "Payment")
    story = ("The council keeps paying our invoices late and never answers our e-mails about "
             "it, which leaves us short every month")
    kept = say(router, SAM, story)
    assert kept.text.startswith(
        'I\'ve kept what you wrote as your answer to "Please tell us about it in your own '
        'words.", so you won\'t need to type it again.\n\nThis question takes only a short '
        "answer (up to 40 characters), not a paragraph.")
    assert "Which pledge commitment does it touch?" in kept.text
    rating = say(router, SAM, "29")
    assert "How well are we working together on this?" in rating.text
    anonymous = press(router, SAM, rating, "2")
    assert "Send it anonymously?" in anonymous.text  # "in your own words" is not asked again
    done = sent_feedback(router, SAM, press(router, SAM, anonymous, "No, with my name"))
    assert done.text.startswith("Thank you")
    case = _case(factory)
    assert (case.description, case.pledges, case.rating) == (story, [29], 2)


def test_a_short_answer_refused_for_what_it_says_is_not_kept_as_the_story(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 24's review: "pledges 3 and 5 mostly i think" at the pledge number was kept as
    # the feedback's own words, and that question was never asked.
    press(router, SAM, say(router, SAM, "/feedback"), "Payment")
    refused = say(router, SAM, "pledges 3 and 5 mostly i think")
    assert "kept what you wrote" not in refused.text
    assert "Which pledge commitment does it touch?" in refused.text
    # Nor a hesitant line a little too long for it (session 24's second trial).
    hesitant = say(router, SAM, "I am not sure which one, maybe about payments")
    assert hesitant.text.startswith("This question takes only a short answer (up to 40 "
                                    "characters), not a paragraph.")
    rating = say(router, SAM, "3, 5")
    own_words = press(router, SAM, rating, "3")
    assert "Please tell us about it in your own words." in own_words.text


@pytest.mark.parametrize(("typed", "pledges"), [
    ("pledge 14, 21", [14, 21]),
    ("commitment 14", [14]),
    ("#14", [14]),
    ("14 and 21", [14, 21]),
    ("Pledges 14 & 21.", [14, 21]),
])
def test_the_pledge_numbers_are_read_with_their_words_around_them(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], typed: str,
        pledges: list[int]) -> None:
    # Session 32's trial: "'pledge 14' is not a pledge commitment".
    press(router, SAM, say(router, SAM, "/feedback"), "Payment")
    rating = say(router, SAM, typed)
    assert "How well are we working together on this?" in rating.text, rating.text
    press(router, SAM, rating, "3")
    anonymous = say(router, SAM, "Invoices for RV-0042 are paid late every month")
    sent_feedback(router, SAM, press(router, SAM, anonymous, "No, with my name"))
    assert _case(factory).pledges == pledges


def test_a_story_a_little_too_long_for_the_pledge_number_is_kept(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 32's trial: 41 to 80 characters were refused and lost, not kept.
    press(router, SAM, say(router, SAM, "/feedback"), "Payment")
    story = "invoices are always paid late by the council, every month"
    kept = say(router, SAM, story)
    assert kept.text.startswith(
        'I\'ve kept what you wrote as your answer to "Please tell us about it in your own '
        'words."')
    assert "Which pledge commitment does it touch?" in kept.text
    rating = say(router, SAM, "skip")
    anonymous = press(router, SAM, rating, "2")
    assert "Send it anonymously?" in anonymous.text
    sent_feedback(router, SAM, press(router, SAM, anonymous, "No, with my name"))
    assert _case(factory).description == story


def test_the_story_typed_at_the_first_choice_is_kept_and_a_bare_number_is_not_an_outcome(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Session 21's review: a complaint typed at "What is it about?" had to be typed again,
    and "1" typed at "What outcome would you like?" (no buttons there) became the outcome."""
    say(router, SAM, "/conflict")
    story = "The council has cut our hourly rate for RV-0042 without consultation"
    kept = say(router, SAM, story)
    assert kept.text.startswith('I\'ve kept what you wrote as your answer to "What has '
                                'happened?", so you won\'t need to type it again.')
    assert "What is it about?" in kept.text  # the choice is still asked, with its buttons
    assert "Payment" in [b.label for b in kept.buttons]
    placement = press(router, SAM, kept, "Payment")
    assert "Which placement or invoice" in placement.text
    outcome = say(router, SAM, "RV-0042")
    assert "What outcome would you like?" in outcome.text  # "What has happened?" not asked
    refused = say(router, SAM, "1")
    assert refused.text.startswith("This question needs a few words, not a number")
    assert "What outcome would you like?" in refused.text
    done = finish(router, SAM, "A meeting to agree the rate")
    assert done.text.startswith("Thank you. Your case is PB-2026-")
    case = _case(factory)
    assert (case.category, case.description, case.outcome_wanted) == (
        "payment", story, "A meeting to agree the rate")


# "never mind" alone is asked about since session 41 (test_form_free_text.py).
@pytest.mark.parametrize("word", ["cancel", "Cancel.", "stop"])
def test_cancel_typed_without_the_slash_stops_the_form_and_sends_nothing(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], word: str) -> None:
    # Session 21's review: "cancel" at "What has happened?" became the disagreement's text.
    _conflict_without_a_placement(router, SAM, "Payment")
    assert say(router, SAM, word).text == "Cancelled: nothing was sent."
    with factory() as session:
        assert session.scalars(select(FormSession)).all() == []
        assert session.scalars(select(Case)).all() == []


def test_a_titled_name_is_refused_in_a_cases_words_and_initials_pass(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Session 21's review: "Mrs Jean Harris at HV-003 ..." reached the commissioner's alert
    and /cases; only placement references were checked for names."""
    _conflict_without_a_placement(router, SAM, "Payment")
    refused = say(router, SAM, "Mrs Jean Harris at RV-0042 is waiting for her review")
    assert refused.text.startswith('"Mrs Jean" looks like a person\'s name. Please write the '
                                   'placement reference or initials instead')
    assert "What has happened?" in refused.text
    say(router, SAM, "Mr B at RV-0042 is waiting for his review")
    done = finish(router, SAM, "A review")
    assert done.text.startswith("Thank you. Your case is PB-2026-")
    reference = done.text.split()[5].rstrip(",")
    # A case's comment is checked the same way; nothing is added.
    before = _snapshot(factory)
    assert say(router, SAM, f"/case {reference} comment Mr Smith asked again").text.startswith(
        '"Mr Smith" looks like a person\'s name.')
    assert _snapshot(factory) == before
    with factory() as session:
        assert all("Harris" not in (case.description or "") and "Smith" not in case.summary
                   for case in session.scalars(select(Case)))


def test_a_full_name_with_no_title_is_refused_unless_it_is_in_the_directory(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 25's trial: names with no title passed every check.
    make_person(factory, email="margaret.hughes@northshire.example", role=Role.COMMISSIONER,
                organisation_id=ids["north"], name="Margaret Hughes")
    reference = raise_conflict(router)
    before = _snapshot(factory)
    assert say(router, SAM, f"/case {reference} comment Patricia Holmes fell again").text == (
        '"Patricia Holmes" looks like a person\'s name. Please write the placement reference or '
        'initials instead ("Mr B at RV-0042"), never the name of someone receiving care; for '
        "council staff, their role.")
    assert _snapshot(factory) == before
    # Council staff in the directory may be named; so may a place ("Elizabeth House").
    assert say(router, SAM, f"/case {reference} comment Margaret Hughes promised to call, "
                            "as Elizabeth House did").text.startswith("Comment added")


@pytest.mark.parametrize(("words", "name"), [
    # Session 25's review: a capitalised word before the name, a title it does not know, upper
    # case; and hospitals, wards, charities and shops, which are not people.
    ("Yesterday Patricia Holmes moved", "Patricia Holmes"),
    ("Dr Patricia Holmes asked", "Patricia Holmes"),
    ("Can John Smith have extra hours?", "John Smith"),
    ("Patricia Holmes care plan updated", "Patricia Holmes"),
    ("John Smith health declined", "John Smith"),
    # A second review: capitals and acronyms are not names.
    ("PATRICIA HOLMES fell", None), ("SENT TO PAUL FOR SIGN OFF", None), ("Sarah CQC", None),
    ("Emma DBS check completed", None),
    ("Resident moved to George Eliot Hospital", None), ("Mary Seacole Ward", None),
    ("Arthur Rank Hospice", None), ("Leonard Cheshire", None), ("John Lewis vouchers", None),
    ("the Elizabeth Line was down", None), ("Patricia called the office", None),
    ("Will Smith", None), ("Mary Street", None), ("St John Ambulance", None),
    ("Queen Elizabeth Hospital", None),
    # Session 26's trial: short forms of given names ("Bob Jones at 12 High Street").
    ("Bob Jones at 12 High Street is lovely", "Bob Jones"), ("Dave Brown rang", "Dave Brown"),
    ("Ted Baker vouchers", None),
])
def test_full_names_with_no_title_and_what_is_not_a_person(words: str,
                                                            name: str | None) -> None:
    assert a_name(words) == name


@pytest.mark.parametrize(("words", "kept"), [
    ("does Mrs Patricia Holmes need a review", "does Mrs P. H. need a review"),
    ("mrs patricia holmes fell", "mrs P. H. fell"),
    ("Mrs Patricia Anne Holmes", "Mrs P. A. H."),
    ("Yesterday Patricia Holmes moved", "Yesterday P. H. moved"),
    ("Elizabeth Margaret Thatcherington moved out", "E. M. T. moved out"),
    ("Mary Anne Holmes moved", "M. A. H. moved"),
    ("ask Mr Jenkins about the invoice", "ask Mr J. about the invoice"),
    # Session 26's trial: the "'s" was lost ("Mrs J. daughter").
    ("Spoke to Mrs Jones's daughter Karen Jones", "Spoke to Mrs J.'s daughter K. J."),
    ("Mrs Patricia Holmes's review", "Mrs P. H.'s review"),
    # The session's second review: a lower-case possessive ate the words after it.
    ("mrs jones's daughter took her pension", "mrs J.'s daughter took her pension"),
    ("George Eliot Hospital discharged Mr B", "George Eliot Hospital discharged Mr B"),
])
def test_what_is_kept_of_a_question_has_initials_for_names(words: str, kept: str) -> None:
    assert without_names(words) == kept


@pytest.mark.parametrize(("words", "name"), [
    ("MRS HARRIS is waiting", "MRS HARRIS"), ("mrs harris is waiting", "mrs harris"),
    ("Mr O'Brien is waiting", "Mr O'Brien"), ("Mrs McDonald is waiting", "Mrs McDonald"),
    ("Mr Łukasz is waiting", "Mr Łukasz"),
    ("We discussed it on Ms Teams", None), ("Mr B is waiting", None),
    ("We will miss the review date", None), ("A resident with MS needs a hoist", None),
])
def test_titled_names_in_any_case_or_alphabet_and_words_that_are_not_names(
        words: str, name: str | None) -> None:
    # The session's own code review: the first rule missed these names and refused "Ms Teams".
    assert titled_name(words) == name


def test_a_short_word_at_a_choice_is_refused_and_nothing_is_kept(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    say(router, SAM, "/conflict")
    refused = say(router, SAM, "money stuff")
    assert refused.text.startswith("Please choose one of: Payment")
    with factory() as session:
        assert session.scalars(select(FormSession.values)).one() == {}


def _deliver_queued(factory: sessionmaker[Session], now: datetime) -> list[Delivery]:
    """Run the console channel's outbox sender (down until now) over what is queued."""
    delivered: list[Delivery] = []

    async def deliver(delivery: Delivery) -> None:
        delivered.append(delivery)

    sender = OutboxSender(factory, Channel.CONSOLE, deliver, policy=OutboxPolicy(),
                          rate_per_second=1e6, clock=lambda: now)
    asyncio.run(sender.drain())
    return delivered


@pytest.mark.parametrize("shared", [True, False], ids=["shared", "one-council"])
def test_a_case_about_a_reference_held_at_two_councils_names_its_council_to_the_provider(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], clock: Clock,
        shared: bool) -> None:
    # Session 29's brief: reminders and digests named the council beside Riverside's RV-0042
    # held at two councils; its case's escalations and /case did not say whose it was (nor,
    # escalated up the ladder, what it was about at all).
    if shared:
        with transaction(factory) as session:
            session.add(Placement(reference="RV-0042", council_id=ids["south"],
                                  provider_id=ids["riverside"], commissioner_id=ids[OTTO],
                                  provider_contact_id=ids[SAM], started_on=date(2026, 6, 1)))
    reference = raise_conflict(router, reference="RV-0042 Northshire" if shared else "RV-0042")
    seen = "placement RV-0042 (Northshire)" if shared else "placement RV-0042"
    assert f"\nAbout: {seen}\n" in say(router, SAM, f"/case {reference}").text
    # The council's staff read their own council's reference as it is.
    assert "\nAbout: placement RV-0042\n" in say(router, PRIYA, f"/case {reference}").text
    with factory() as session:
        due = session.scalars(select(Case.acknowledge_due_at)).one()
    assert sweep_cases(factory, now=due + timedelta(minutes=1), settings=Settings(),
                       policy=SlaPolicy(), calendar=WorkingCalendar(),
                       templates=make_templates()).escalated == 1
    with factory() as session:
        told = dict(session.execute(select(OutboxMessage.person_id, OutboxMessage.payload)
                                    .where(OutboxMessage.kind == "case.escalated")).all())
    raiser = told.pop(ids[SAM])["text"]
    assert raiser.startswith(f"Your case {reference}, about {seen}, was not acknowledged by ")
    [target] = [payload["text"] for payload in told.values()]
    assert target.splitlines()[2:4] == [
        "About: placement RV-0042", "\u201cInvoice INV-7 for RV-0042 is 40 days unpaid.\u201d"]


def test_an_escalation_queued_before_the_case_was_acknowledged_is_withdrawn_not_sent(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # The brief of session 27: the SLA sweep queued "escalated to you (level 1)" for Tom and
    # "it has gone to Tom" for Sam; Priya acknowledged before the outbox sender ran, and both
    # still went out.
    reference = raise_conflict(router, reference="")
    _deliver_queued(factory, clock.now)  # Priya's alert of the new case
    with factory() as session:
        due = session.scalars(select(Case.acknowledge_due_at)).one()
    clock.now = due + timedelta(minutes=1)
    assert sweep_cases(factory, now=clock.now, settings=Settings(),
                       policy=SlaPolicy(), calendar=WorkingCalendar(),
                       templates=make_templates()).escalated == 1
    clock.now += timedelta(minutes=5)
    assert say(router, PRIYA, f"/case {reference} acknowledge").text.startswith(
        f"{reference} acknowledged.")
    delivered = _deliver_queued(factory, clock.now)
    # Sam hears it is acknowledged; nobody hears of an escalation that no longer holds.
    assert [(d.address, d.kind) for d in delivered] == [(SAM, "case.acknowledged")]
    with factory() as session:
        withdrawn = session.execute(
            select(OutboxMessage.address, OutboxMessage.status, OutboxMessage.last_error)
            .where(OutboxMessage.kind == "case.escalated").order_by(OutboxMessage.id)).all()
    reason = (f"not sent: case {reference} was acknowledged before it could be sent")
    assert sorted(tuple(row) for row in withdrawn) == [(SAM, OutboxStatus.WITHDRAWN, reason),
                                                       (TOM, OutboxStatus.WITHDRAWN, reason)]
    assert _deliver_queued(factory, clock.now) == []


def test_a_whole_dispute_raise_acknowledge_propose_reject_propose_accept(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    reference = raise_conflict(router)
    # Priya acknowledges from the button on her notification.
    with factory() as session:
        [button] = [b for b in session.scalars(select(OutboxMessage.payload)).one()["buttons"]
                    if b["label"] == "Acknowledge"]
    acknowledged = say(router, PRIYA, action=button["action"], action_value=button["value"])
    assert acknowledged.text.startswith(f"{reference} acknowledged.")
    clock.now += timedelta(hours=2)
    assert say(router, PRIYA, f"/case {reference} propose We pay INV-7 on Friday").text == (
        f"Proposal sent for {reference}; the provider can accept or reject it.")
    shown = say(router, SAM, f"/case {reference}")
    assert "Proposed resolution: “We pay INV-7 on Friday”" in shown.text
    assert [b.label for b in shown.buttons] == ["Accept", "Reject", "Comment", "Withdraw"]
    rejected = press(router, SAM, shown, "Reject")
    assert rejected.text == (f"{reference} stays open, back with Priya, who is told."
                             + WHY_ASKED)
    assert say(router, SAM, "skip").text == f"Nothing added to {reference}."
    clock.now += timedelta(hours=2)
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 today, with interest")
    accepted = say(router, SAM, f"/case {reference} accept")
    assert accepted.text == f"Thank you: {reference} is resolved."
    with factory() as session:
        case = session.scalars(select(Case)).one()
        actions = session.scalars(select(CaseEvent.action).order_by(CaseEvent.id)).all()
        sam_told = session.scalars(select(OutboxMessage.kind).where(
            OutboxMessage.person_id == ids[SAM]).order_by(OutboxMessage.id)).all()
    assert (case.status, case.next_check_at, case.closed_at) == (
        CaseStatus.RESOLVED, None, clock.now)
    assert actions == ["opened", "acknowledged", "resolution_proposed", "rejected",
                       "resolution_proposed", "accepted"]
    assert sam_told == ["case.acknowledged", "case.resolution_proposed",
                        "case.resolution_proposed"]
    history = say(router, SAM, f"/case {reference}").text
    assert "- Wed 25 Nov 2026 10:00 · Sam · opened" in history
    assert "· Priya · resolution proposed: We pay INV-7 today, with interest" in history
    assert "Status: resolved" in history
    assert say(router, SAM, f"/case {reference} accept").text == (
        f"{reference} is resolved, so it can't be accepted now.")


def test_anonymous_feedback_keeps_no_link_to_the_person(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reply = say(router, SAM, "/feedback")
    reply = press(router, SAM, reply, "Procurement process")
    assert "Which pledge commitment" in reply.text
    reply = say(router, SAM, "31")
    assert "'31' is not a pledge commitment" in reply.text
    reply = say(router, SAM, "12, 14")
    reply = say(router, SAM, "4")  # the rating, typed
    reply = say(router, SAM, "The tender asked for the same policies three times.")
    done = sent_feedback(router, SAM, press(router, SAM, reply, "Yes, anonymously"))
    assert done.text.startswith("Thank you. Your feedback is recorded as PB-2026-")
    assert "anonymously" in done.text
    case = _case(factory)
    assert (case.raised_by_id, case.provider_id, case.rating, case.pledges, case.category) == (
        None, ids["riverside"], 4, [12, 14], "procurement")
    with factory() as session:
        assert session.scalars(select(CaseEvent.actor_id)).all() == [None]
        audit_actors = session.scalars(select(AuditEvent.actor_id).where(
            AuditEvent.action.like("case.%"))).all()
        assert audit_actors == [None]
        assert session.scalar(select(FormSession.id)) is None
        # Nothing tells the sender about it, so nothing is addressed to them.
        assert session.scalars(select(OutboxMessage.person_id)).all() == [ids[PRIYA]]
    # The organisation still sees it; the history names nobody.
    shown = say(router, SAM, f"/case {case.reference}").text
    assert "anonymous" in shown
    assert "Sam" not in shown
    assert say(router, PRIYA, f"/case {case.reference} ask Which tender?").text.startswith(
        f"{case.reference} is anonymous feedback: there is nobody to ask.")


def _payment_feedback(router: Router, words: str, *, pledge: str = "29") -> Reply:
    """Feedback about payment in ``words`` (``pledge`` typed at the pledge question), rated 2:
    the reply that asks whether to send it anonymously."""
    press(router, SAM, say(router, SAM, "/feedback"), "Payment")
    say(router, SAM, pledge)
    say(router, SAM, "2")
    return say(router, SAM, words)


def sent_feedback(router: Router, sender: str, summary: Reply) -> Reply:
    """Press Send under the feedback's summary (session 33's trial: shown back first, as a
    disagreement is); the reply to it."""
    assert summary.text.startswith("Before I send your feedback, please check it:"), (
        summary.text)
    return press(router, sender, summary, "Send")


def _anonymous_feedback_naming(router: Router, words: str) -> Reply:
    """Feedback about payment in ``words``, sent anonymously: the reply to that choice."""
    return sent_feedback(router, SAM, press(router, SAM, _payment_feedback(router, words),
                                            "Yes, anonymously"))


WORDS_NAMING_RV_0042 = "The invoice for RV-0042 was paid 3 months late, again"


def test_anonymous_feedback_naming_a_placement_warns_before_it_is_sent(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 32's trial: anonymous feedback naming RC-101 told its commissioner who sent it.
    warned = _anonymous_feedback_naming(router, WORDS_NAMING_RV_0042)
    assert warned.text.startswith(
        "Your words name RV-0042: the council knows whose placement that is, so it would "
        "know the feedback is from Riverside even sent anonymously.")
    assert [b.label for b in warned.buttons] == [
        "Send without them", "Change my words", "Send anyway", "Cancel"]
    assert _nothing_sent(factory)
    done = press(router, SAM, warned, "Send without them")
    assert "anonymously" in done.text
    case = _case(factory)
    assert (case.raised_by_id, case.description, case.pledges, case.rating) == (
        None, "The invoice for [placement] was paid 3 months late, again", [29], 2)


def test_anonymous_feedback_naming_the_organisation_may_be_sent_anyway(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    words = "Riverside has waited 3 months for the uplift"
    warned = _anonymous_feedback_naming(router, words)
    assert warned.text.startswith("Your words name Riverside: ")
    sent = press(router, SAM, warned, "Send anyway")
    # The session's review: the thanks still said the council sees neither name nor
    # organisation.
    assert ("the council sees neither your name nor your organisation, though your words name "
            "Riverside, as you chose.") in sent.text, sent.text
    case = _case(factory)
    assert (case.raised_by_id, case.description) == (None, words)


def test_anonymous_feedback_naming_an_invoice_or_the_organisations_short_name_warns(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    with factory.begin() as session:  # known to the council by its name's first word
        riverside = session.get_one(Organisation, ids["riverside"])
        riverside.name = "Riverside Care Homes Ltd"
    warned = _anonymous_feedback_naming(router, "inv-7 took Riverside 3 months to get paid")
    assert warned.text.startswith(
        "Your words name inv-7 and Riverside: the council would know the feedback is from "
        "Riverside Care Homes Ltd even sent anonymously.")
    press(router, SAM, warned, "Send without them")
    assert _case(factory).description == "[invoice] took [our organisation] 3 months to get paid"


def test_anonymous_feedback_using_the_short_names_word_in_lower_case_is_sent_at_once(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    with factory.begin() as session:
        session.get_one(Organisation, ids["riverside"]).name = "Hope Care Ltd"
    done = _anonymous_feedback_naming(router, "we hope the council pays on time next year")
    assert done.text.startswith("Thank you. Your feedback is recorded as PB-2026-")


def test_anonymous_feedback_naming_a_placement_may_be_changed(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    warned = _anonymous_feedback_naming(router, WORDS_NAMING_RV_0042)
    again = press(router, SAM, warned, "Change my words")
    assert "Please tell us about it in your own words." in again.text
    assert WORDS_NAMING_RV_0042 in again.text  # shown, to copy from
    assert _nothing_sent(factory)
    anonymous = say(router, SAM, "One invoice was paid 3 months late, again")
    sent_feedback(router, SAM, press(router, SAM, anonymous, "Yes, anonymously"))
    case = _case(factory)
    assert (case.raised_by_id, case.description, case.pledges, case.rating) == (
        None, "One invoice was paid 3 months late, again", [29], 2)


def test_changing_the_words_after_a_skipped_pledge_question_asks_for_the_words(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # The session's review: with the pledge question skipped, "Change my words" asked "Which
    # pledge commitment does it touch?", and the new words were "not a pledge commitment".
    reply = _payment_feedback(router, WORDS_NAMING_RV_0042, pledge="skip")
    warned = sent_feedback(router, SAM, press(router, SAM, reply, "Yes, anonymously"))
    again = press(router, SAM, warned, "Change my words")
    assert "Please tell us about it in your own words." in again.text, again.text
    assert "Which pledge commitment" not in again.text
    anonymous = say(router, SAM, "One invoice was paid 3 months late, again")
    sent_feedback(router, SAM, press(router, SAM, anonymous, "Yes, anonymously"))
    case = _case(factory)
    assert (case.raised_by_id, case.description, case.pledges, case.rating) == (
        None, "One invoice was paid 3 months late, again", [], 2)


@pytest.mark.parametrize("words", [
    "really helpful", "very helpful", "excellent", "brilliant", "fantastic", "perfect"])
def test_praise_in_a_word_is_the_feedback(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], words: str) -> None:
    # Session 35's review of 58c0488: praise in a word or two was refused as small talk
    # ("A few words, please: ... doesn't answer this question.").
    reply = _payment_feedback(router, words)
    assert "Send it anonymously?" in reply.text, reply.text
    sent_feedback(router, SAM, press(router, SAM, reply, "No, with my name"))
    assert _case(factory).description == words


def test_feedback_naming_a_placement_with_the_name_is_sent_at_once(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reply = _payment_feedback(router, WORDS_NAMING_RV_0042, pledge="skip")
    done = sent_feedback(router, SAM, press(router, SAM, reply, "No, with my name"))
    assert done.text.startswith("Thank you. Your feedback is recorded as PB-2026-")
    assert _case(factory).description == WORDS_NAMING_RV_0042


def test_a_yes_or_no_in_feedback_is_never_small_talk_nor_the_feedback(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 30's trial: "no" at the optional pledge question was "I wasn't waiting for a yes
    # or no"; "yes" at "Please tell us about it in your own words." became the feedback.
    reply = say(router, SAM, "/feedback")
    reply = press(router, SAM, reply, "Procurement process")
    reply = say(router, SAM, "no")
    assert reply.text.startswith("Feedback \u2014 question 3 of 5\nHow well")  # skipped
    reply = say(router, SAM, "2")
    reply = say(router, SAM, "yes")
    assert reply.text == (
        "This question needs a few words, not just a yes or no.\n\n"
        "Feedback \u2014 question 4 of 5\nPlease tell us about it in your own words.\n"
        "Use placement references, never the names of people receiving care.\n"
        "Type your answer; /cancel stops without sending anything.")
    reply = say(router, SAM, "The tender asked for the same policies three times.")
    sent_feedback(router, SAM, press(router, SAM, reply, "No, with my name"))
    case = _case(factory)
    assert (case.pledges, case.rating, case.description) == (
        [], 2, "The tender asked for the same policies three times.")


def _anonymous_feedback(router: Router, sender: str = SAM) -> str:
    """Anonymous feedback about payment from ``sender``; its reference."""
    reply = press(router, sender, say(router, sender, "/feedback"), "Payment")
    reply = say(router, sender, "29")
    reply = say(router, sender, "1")
    reply = say(router, sender, "payments always late, three months running")
    assert "neither your name nor your organisation" in reply.text  # what anonymous means
    done = sent_feedback(router, sender, press(router, sender, reply, "Yes, anonymously"))
    assert "anonymously: the council sees neither your name nor your organisation" in done.text
    return done.text.split()[7].rstrip(",")


def _sent(factory: sessionmaker[Session], kind: str) -> list[str]:
    with factory() as session:
        return list(session.scalars(select(OutboxMessage.payload["text"].as_string()).where(
            OutboxMessage.kind == kind).order_by(OutboxMessage.id)))


def test_anonymous_feedback_names_neither_writer_nor_organisation_in_the_new_case_alert(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Session 30's trial: the alert said "from Riverside Care Homes" (a one-person
    provider's name is its writer's)."""
    reference = _anonymous_feedback(router)
    [alert] = _sent(factory, "case.opened")
    assert alert.startswith(f"New case {reference} for you\nFeedback · Payment\n")
    assert "Riverside" not in alert


def test_anonymous_feedback_shows_the_council_no_organisation_and_its_writers_comments_no_name(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Session 30's trial: Sam's comment on his anonymous feedback reached Priya "from Sam
    Patel", and her /case said "Provider: Riverside" and "Sam Patel · comment"."""
    reference = _anonymous_feedback(router)
    asked = say(router, PRIYA, f"/case {reference} comment can you tell me which invoices?")
    assert asked.text == (
        f"Comment added to {reference}. It was raised anonymously, so nobody is sent your "
        f"comment: its provider's people read it with /case {reference}.")
    assert "· Priya · comment: can you tell me which invoices?" in say(
        router, SAM, f"/case {reference}").text
    answered = say(router, SAM, f"/case {reference} comment invoices INV-2231 and INV-2240")
    assert answered.text == (
        f"Comment added to {reference}. It carries no name, as the case doesn't.")
    assert _sent(factory, "case.comment") == [
        f"New comment on {reference} from its anonymous sender:\n“invoices INV-2231 and INV-2240”"]
    shown = say(router, PRIYA, f"/case {reference}").text
    assert "· anonymous · comment: invoices INV-2231 and INV-2240" in shown
    assert ("Sam" not in shown, "Riverside" not in shown) == (True, True)
    assert "Provider: Riverside" in say(router, SAM, f"/case {reference}").text  # its own
    with factory() as session:
        assert session.scalars(select(CaseEvent.actor_id).where(
            CaseEvent.action == "comment").order_by(CaseEvent.id)).all() == [ids[PRIYA], None]
        assert ids[SAM] not in session.scalars(select(AuditEvent.actor_id)).all()


def test_anonymous_feedback_withdrawn_names_nobody(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = _anonymous_feedback(router)
    say(router, SAM, f"/case {reference} withdraw sorted now")
    assert _sent(factory, "case.withdrawn") == [f"Its anonymous sender withdrew {reference}."]
    assert "· anonymous · withdrawn: sorted now" in say(router, PRIYA, f"/case {reference}").text


def test_anonymous_feedback_escalated_names_no_organisation(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    reference = _anonymous_feedback(router)
    with factory() as session:
        due = session.scalars(select(Case.acknowledge_due_at)).one()
    clock.now = due + timedelta(minutes=1)
    assert sweep_cases(factory, now=clock.now, settings=Settings(), policy=SlaPolicy(),
                       calendar=WorkingCalendar(), templates=make_templates()).escalated == 1
    [escalation] = _sent(factory, "case.escalated")
    assert reference in escalation
    assert "Riverside" not in escalation
    assert "Riverside" not in say(router, TOM, f"/case {reference}").text


def test_feedback_with_a_name_and_a_first_answer_on_the_command_line(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reply = say(router, SAM, "/feedback Reviews are arranged at two days' notice")
    reply = press(router, SAM, reply, "Placement review")
    reply = press(router, SAM, reply, "Skip")
    reply = press(router, SAM, reply, "2")
    assert "Send it anonymously?" in reply.text  # the text was given with the command
    done = sent_feedback(router, SAM, press(router, SAM, reply, "No, with my name"))
    assert "Priya will look at it" in done.text
    case = _case(factory)
    assert (case.raised_by_id, case.pledges, case.rating) == (ids[SAM], [], 2)


def test_cases_lists_only_what_each_person_may_see(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    mine = raise_conflict(router)
    theirs = raise_conflict(router, ALEX, reference="")
    assert mine in say(router, SAM, "/cases").text
    assert theirs not in say(router, SAM, "/cases").text
    assert theirs in say(router, ALEX, "/cases all").text
    assert mine not in say(router, ALEX, "/cases all").text
    council = say(router, PRIYA, "/cases").text
    assert mine in council
    assert theirs in council
    assert "yours" in council
    assert say(router, OTTO, "/cases all").text.startswith("No cases.")
    assert mine in say(router, DANA, "/cases").text
    # An admin administers their own council (session 25's trial: Southshire's admin listed
    # and opened Northshire's cases).
    assert say(router, MEG, "/cases all").text.startswith("No cases.")
    assert "RV-0042" not in say(router, MEG, "/placement list").text
    assert "RV-0042" in say(router, DANA, "/placement list").text
    # ... nor another council's invoices and deadlines (session 25's review).
    assert say(router, MEG, "/invoice paid INV-7 01/11/2026").text == (
        "I don't know an invoice 'INV-7'.")
    assert say(router, SAM, f"/placement new RV-0099 2026-11-02 {PRIYA}").text.startswith(
        "Placement RV-0099 added")
    with factory() as session:
        review = session.scalars(select(Deadline)).one()
    assert "RV-0099" not in say(router, MEG, "/reminders council").text
    assert "RV-0099" in say(router, DANA, "/reminders council").text
    assert say(router, MEG, f"/done {review.id}").text.startswith("I don't know that deadline")
    with factory() as session:
        assert session.get_one(Deadline, review.id).status.value == "open"
        assert session.scalars(select(Invoice.paid_on)).one() is None


def test_another_councils_contact_never_owns_a_case_and_a_stuck_one_can_be_passed_on(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 25's review: the configured questions contact (Northshire's Dana) got a
    # Southshire question she could not act on; and a case an earlier version gave to another
    # council's admin could be neither acted on nor reassigned by her.
    from handlers.cases import service as cases
    from scheduler.rules import WorkingCalendar

    with transaction(factory) as session:
        case, _ = cases.open_case(session, cases.NewCase(
            kind=CaseKind.QUESTION, category="other", council_id=ids["south"],
            provider_id=ids["riverside"], raised_by_id=ids[SAM], description="Who pays?",
            fallback_owner_id=ids[DANA]), now=FIXED_NOW, settings=Settings(),
            policy=cases.SlaPolicy(), calendar=WorkingCalendar(), templates=make_templates())
        assert case.assignee_id == ids[MEG]
        case.assignee_id = ids[DANA]  # as an earlier version's default owner left it
        reference = case.reference
    assert reference in say(router, DANA, "/cases").text
    assert say(router, DANA, f"/case {reference} reassign {MEG}").text == (
        f"{reference} is now Meg's.")
    assert _case(factory).assignee_id == ids[MEG]


def test_a_case_with_another_council_goes_to_that_councils_staff(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 25's trial: Southshire has no routing rule, and a dispute about its placement
    # went to Northshire's admin (the first admin anywhere), who could then read it.
    with transaction(factory) as session:
        session.add(Placement(reference="SS-0001", council_id=ids["south"],
                              provider_id=ids["riverside"], commissioner_id=ids[OTTO],
                              provider_contact_id=ids[SAM], started_on=date(2026, 6, 1)))
    reference = raise_conflict(router, reference="SS-0001")
    case = _case(factory)
    # Otto is a party (the placement's commissioner): Southshire's admin owns it.
    assert (case.council_id, case.assignee_id) == (ids["south"], ids[MEG])
    assert reference in say(router, MEG, "/cases").text
    assert say(router, DANA, "/cases all").text.startswith("No cases.")
    assert say(router, DANA, f"/case {reference}").text.startswith("I can't find a case")
    assert say(router, DANA, f"/case {reference} resolve paid").text.startswith(
        "I can't find a case")
    with factory() as session:
        told = set(session.scalars(select(OutboxMessage.person_id)))
    assert ids[DANA] not in told


OUTSIDERS_TYPE = [
    "/case {ref}", "/case {ref} comment hello", "/case {ref} acknowledge",
    "/case {ref} ask why?", "/case {ref} propose pay it", "/case {ref} resolve paid",
    "/case {ref} reassign tom@northshire.example", "/case {ref} accept",
    "/case {ref} reject no", "/case {ref} withdraw", "/case {ref} frobnicate",
]
OUTSIDERS_PRESS = ["case.show", "case.acknowledge", "case.accept", "case.reject"]


def _about(message: dict[str, str], reference: str) -> dict[str, str]:
    """``message`` (its text, or a button's action and value) about the case ``reference``."""
    return {key: value.format(ref=reference) for key, value in message.items()}


@pytest.mark.parametrize("message", [{"text": command} for command in OUTSIDERS_TYPE]
                         + [{"action": action, "action_value": "{ref}"}
                            for action in OUTSIDERS_PRESS],
                         ids=OUTSIDERS_TYPE + [f"button {action}" for action in OUTSIDERS_PRESS])
def test_another_organisations_case_is_answered_as_unknown(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        message: dict[str, str]) -> None:
    """A command typed or a button forged: the same answer as for a case that does not exist,
    and nothing changes."""
    reference = raise_conflict(router)
    with _unchanged(factory):
        for outsider in (ALEX, OTTO, MEG):
            theirs = say(router, outsider, **_about(message, reference)).text
            unknown = say(router, outsider, **_about(message, "PB-2026-999999")).text
            assert theirs == unknown.replace("PB-2026-999999", reference)
            assert theirs.startswith("I can't find a case")


def _snapshot(factory: sessionmaker[Session]) -> tuple[object, ...]:
    with factory() as session:
        case = session.scalars(select(Case)).one()
        return (case.status, case.assignee_id, case.level,
                len(session.scalars(select(CaseEvent.id)).all()),
                len(session.scalars(select(OutboxMessage.id)).all()))


@pytest.fixture
def tom_leads_safeguarding(factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Tom is made Northshire's safeguarding lead."""
    with transaction(factory) as session:
        session.get_one(Person, ids[TOM]).safeguarding_lead = True


@pytest.fixture
def hillview_also_works_for_southshire(factory: sessionmaker[Session],
                                       ids: dict[str, int]) -> None:
    """Hillview, with a Northshire contract already, is given a Southshire one too."""
    with transaction(factory) as session:
        session.add(Contract(reference="HV-SOUTH", council_id=ids["south"],
                             provider_id=ids["hillview"], commissioner_id=ids[OTTO],
                             title="Home care, south"))


@contextmanager
def _unchanged(factory: sessionmaker[Session]) -> Iterator[None]:
    """Assert that the block leaves the one case (status, assignee, level), its events and the
    outbox as they were."""
    before = _snapshot(factory)
    yield
    assert _snapshot(factory) == before


def test_each_side_may_only_do_its_own_part(router: Router, factory: sessionmaker[Session],
                                            ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    assert say(router, SAM, f"/case {reference} acknowledge").text == (
        "Only the council can acknowledge a case.")
    assert say(router, SAM, f"/case {reference} propose I'll pay myself").text == (
        "Only the council can propose a resolution to a case.")
    assert say(router, PRIYA, f"/case {reference} withdraw").text == (
        "Only the provider can withdraw a case.")
    assert say(router, PRIYA, f"/case {reference} accept").text == (
        "Only the provider can accept a resolution to a case.")
    # Tom is the placement's commissioner: a party, so the case can't be passed to him.
    assert say(router, PRIYA, f"/case {reference} reassign {TOM}").text.startswith(
        "Tom is a party to")
    assert say(router, PRIYA, f"/case {reference} reassign {OTTO}").text == (
        f"{OTTO} is not an active commissioner of this council.")
    assert say(router, PRIYA, f"/case {reference} reassign {DANA}").text == (
        f"{reference} is now Dana's.")
    assert _case(factory).assignee_id == ids[DANA]


def test_comments_go_to_the_other_side(router: Router, factory: sessionmaker[Session],
                                       ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    assert say(router, SAM, f"/case {reference} comment The invoice was re-sent on 3 Nov"
               ).text == f"Comment added to {reference}."
    assert say(router, PRIYA, f"/case {reference} comment Thanks, checking").text == (
        f"Comment added to {reference}; Riverside (the provider) is told. For a note "
        f"only council staff read: /case {reference} note TEXT")
    with factory() as session:
        told = session.execute(select(OutboxMessage.person_id, OutboxMessage.kind)
                               .order_by(OutboxMessage.id)).all()
    assert told == [(ids[PRIYA], "case.opened"), (ids[PRIYA], "case.comment"),
                    (ids[SAM], "case.comment")]
    # The owner's answer acknowledged the case (session 22's review: it still showed "open,
    # not yet acknowledged" to the provider).
    assert _case(factory).status == CaseStatus.ACKNOWLEDGED
    assert "acknowledged" in say(router, SAM, f"/case {reference}").text


def _case_messages(factory: sessionmaker[Session], kind: str) -> list[tuple[int, str]]:
    """(to whom, words) of every ``kind`` message queued, in order."""
    with factory() as session:
        return [(person_id, payload["text"]) for person_id, payload in session.execute(
            select(OutboxMessage.person_id, OutboxMessage.payload)
            .where(OutboxMessage.kind == kind).order_by(OutboxMessage.id))]


def test_a_providers_comment_on_an_away_owners_case_goes_to_their_cover_too(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 34's trial: Priya away with Tom as cover ("you can act on their open ones");
    # Sam's comment on her open case, asking her to chase, reached Priya alone.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} ask Which address was the invoice sent to?")
    say(router, PRIYA, f"/away 2026-12-20 {TOM}")
    assert say(router, SAM, f"/case {reference} comment To accounts, please chase").text == (
        f"Comment added to {reference}.")
    comment = f"New comment on {reference} from Sam:\n“To accounts, please chase”"
    assert _case_messages(factory, "case.comment") == [
        (ids[PRIYA], comment),
        (ids[TOM], f"You cover for Priya, away until Sun 20 Dec 2026:\n{comment}")]
    # The cover commenting is not told of their own comment; back, Priya's cover hears no more.
    say(router, PRIYA, f"/away 2026-12-20 {DANA}")
    say(router, DANA, f"/case {reference} comment Chased with accounts today")
    say(router, PRIYA, "/away off")
    say(router, SAM, f"/case {reference} comment Thank you")
    assert [to for to, _text in _case_messages(factory, "case.comment")][2:] == [
        ids[SAM], ids[PRIYA], ids[PRIYA]]


def test_the_councils_steps_on_an_away_providers_case_go_to_their_cover_too(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 35's brief: Sam away with Jo (a colleague at Riverside) as cover; the council's
    # acknowledgement, question, comment, proposal and resolution reached Sam alone.
    jo = make_person(factory, email="jo@riverside.example", role=Role.PROVIDER,
                     organisation_id=ids["riverside"], name="Jo")
    reference = raise_conflict(router)
    say(router, SAM, "/away 2026-12-20 jo@riverside.example")
    cover = "You cover for Sam, away until Sun 20 Dec 2026:\n"
    say(router, PRIYA, f"/case {reference} acknowledge")
    say(router, PRIYA, f"/case {reference} ask Which address was the invoice sent to?")
    say(router, PRIYA, f"/case {reference} comment Checking with accounts")
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 on Friday")
    assert _case_messages(factory, "case.acknowledged") == [
        (ids[SAM], f"Priya has acknowledged your case {reference} and will come back to you."),
        (jo, f"{cover}Priya has acknowledged Sam's case {reference} and will come back to "
             "you.")]
    asked = "Which address was the invoice sent to?”\nReply with /case"
    assert [(to, asked in text, text.startswith(cover)) for to, text in _case_messages(
        factory, "case.information_requested")] == [(ids[SAM], True, False), (jo, True, True)]
    reply = "\nPress Reply to answer, or type your answer as your next message today."
    assert _case_messages(factory, "case.comment") == [
        (ids[SAM], f"Priya commented on your case {reference}:\n“Checking with accounts”{reply}"),
        (jo, f"{cover}Priya commented on Sam's case {reference}:\n“Checking with accounts”"
             f"{reply}")]
    with factory() as session:
        [(to_sam, _), (to_jo, buttons)] = session.execute(
            select(OutboxMessage.person_id, OutboxMessage.payload["buttons"])
            .where(OutboxMessage.kind == "case.resolution_proposed")
            .order_by(OutboxMessage.id)).all()
    assert (to_sam, to_jo, [button["label"] for button in buttons]) == (
        ids[SAM], jo, ["Accept", "Reject"])
    # The cover acts for Sam; the resolution that follows reaches both, once each.
    assert say(router, "jo@riverside.example", f"/case {reference} reject not by Friday"
               ).text == (f"{reference} stays open, back with Priya, who is told.")
    say(router, PRIYA, f"/case {reference} resolve Paid today")
    assert [(to, text.startswith(cover), f"resolved Sam's case {reference}" in text)
            for to, text in _case_messages(factory, "case.resolved")] == [
        (ids[SAM], False, False), (jo, True, True)]
    # Back, Sam's cover hears no more.
    say(router, SAM, "/away off")
    say(router, SAM, f"/case {reference} reopen It has not arrived")
    say(router, PRIYA, f"/case {reference} comment Chasing it")
    assert [to for to, _text in _case_messages(factory, "case.comment")] == [
        ids[SAM], jo, ids[SAM]]


def _sweep_at(factory: sessionmaker[Session], now: datetime) -> int:
    """One SLA sweep at ``now``; how many messages the outbox holds afterwards."""
    sweep_cases(factory, now=now, settings=Settings(), policy=SlaPolicy(),
                calendar=WorkingCalendar(), templates=make_templates())
    return count_rows(factory, OutboxMessage)


def _next_check(factory: sessionmaker[Session]) -> datetime:
    with factory() as session:
        moment = session.scalars(select(Case.next_check_at)).one()
    assert moment is not None
    return moment


def _told_by_sweep(factory: sessionmaker[Session], kind: str) -> list[tuple[int, str, list[str]]]:
    """(to whom, words, button labels) of every ``kind`` message queued, in order."""
    with factory() as session:
        return [(person_id, payload["text"], [b["label"] for b in payload["buttons"]])
                for person_id, payload in session.execute(
                    select(OutboxMessage.person_id, OutboxMessage.payload)
                    .where(OutboxMessage.kind == kind).order_by(OutboxMessage.id))]


def test_the_sweeps_notices_on_an_away_providers_case_go_to_their_cover_too(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Left from session 35: with Sam away and Jo covering, the council's steps reached Jo, but
    # the SLA sweep's "it has been passed to Dana" and the reminders of a proposal waiting on
    # an answer reached Sam alone.
    jo = make_person(factory, email="jo@riverside.example", role=Role.PROVIDER,
                     organisation_id=ids["riverside"], name="Jo")
    reference = raise_conflict(router)
    assert say(router, SAM, "/away 2026-12-06 jo@riverside.example").text.startswith(
        "Noted: from today until Sun 6 Dec 2026")
    cover = "You cover for Sam, away until Sun 6 Dec 2026:\n"
    with factory() as session:
        due = session.scalars(select(Case.acknowledge_due_at)).one()
    queued = _sweep_at(factory, due + timedelta(minutes=1))
    passed = (f"case {reference}, about placement RV-0042, was not acknowledged by Fri 27 Nov "
              "2026 17:00, so it has been passed to Dana, ")
    told = [(to, text) for to, text, _buttons in _told_by_sweep(factory, "case.escalated")
            if to in (ids[SAM], jo)]
    assert [(to, text.startswith(f"Your {passed}"), text.startswith(f"{cover}Sam's {passed}"))
            for to, text in told] == [(ids[SAM], True, False), (jo, False, True)]
    # A second sweep sends nothing new.
    assert _sweep_at(factory, due + timedelta(minutes=2)) == queued
    # A proposal waiting on Sam's answer: its reminder reaches Jo too, with Accept and Reject.
    clock.now = due + timedelta(minutes=30)
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 on Friday")
    first = _next_check(factory)
    queued = _sweep_at(factory, first)
    waiting = (f"A resolution to {{}} case {reference} is waiting for your answer:\n"
               "“We pay INV-7 on Friday”")
    assert _told_by_sweep(factory, "case.proposal_waiting") == [
        (ids[SAM], waiting.format("your"), ["Accept", "Reject"]),
        (jo, cover + waiting.format("Sam's"), ["Accept", "Reject"])]
    assert _sweep_at(factory, first + timedelta(minutes=1)) == queued
    # Back (his return date has passed), Sam alone is reminded.
    assert first.date() < date(2026, 12, 6) < _next_check(factory).date()
    _sweep_at(factory, _next_check(factory))
    assert [to for to, _text, _buttons in _told_by_sweep(
        factory, "case.proposal_waiting")] == [ids[SAM], jo, ids[SAM]]


@pytest.mark.parametrize(("answer", "kind", "told"), [
    ("/case {} accept", "case.accepted",
     "Jo accepted the proposed resolution of your case {}; it is resolved:\n"
     "“We pay INV-7 on Friday”"),
    ("/case {} reject not paid yet", "case.rejected",
     "Jo rejected the proposed resolution of your case {}; it is in progress again:\n"
     "“not paid yet”"),
])
def test_a_cover_answering_the_raisers_proposal_tells_the_raiser_once(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        answer: str, kind: str, told: str) -> None:
    # The session's review: Jo, covering for Sam, accepted the resolution from the sweep's
    # copy; the council was told, Sam never was (only /cases closed showed it).
    jo = make_person(factory, email="jo@riverside.example", role=Role.PROVIDER,
                     organisation_id=ids["riverside"], name="Jo")
    reference = raise_conflict(router)
    say(router, SAM, "/away 2026-12-06 jo@riverside.example")
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 on Friday")
    say(router, "jo@riverside.example", answer.format(reference))
    to_sam = [text for to, text, _buttons in _told_by_sweep(factory, kind) if to == ids[SAM]]
    assert to_sam == [told.format(reference)]  # their own record: no cover copy to Jo
    assert jo not in [to for to, _text, _buttons in _told_by_sweep(factory, kind)]


def test_the_raiser_answering_their_own_proposal_is_not_told_it(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 on Friday")
    assert say(router, SAM, f"/case {reference} accept").text == (
        f"Thank you: {reference} is resolved.")
    told = [to for to, _text, _buttons in _told_by_sweep(factory, "case.accepted")]
    assert told  # the council is told ...
    assert ids[SAM] not in told  # ... not Sam of his own step


@pytest.mark.parametrize("cover", ["not away", "away, no cover", "cover left"])
def test_the_sweeps_notices_go_to_the_provider_alone_without_a_cover_to_tell(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        cover: str) -> None:
    jo = make_person(factory, email="jo@riverside.example", role=Role.PROVIDER,
                     organisation_id=ids["riverside"], name="Jo")
    reference = raise_conflict(router)
    if cover != "not away":
        say(router, SAM, "/away 2026-12-06 jo@riverside.example")
    with transaction(factory) as session:
        if cover == "away, no cover":
            session.get_one(Person, ids[SAM]).cover_id = None
        elif cover == "cover left":
            session.get_one(Person, jo).active = False
    with factory() as session:
        due = session.scalars(select(Case.acknowledge_due_at)).one()
    _sweep_at(factory, due + timedelta(minutes=1))
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 on Friday")
    _sweep_at(factory, _next_check(factory))
    told = [(kind, to) for kind in ("case.escalated", "case.proposal_waiting")
            for to, text, _buttons in _told_by_sweep(factory, kind) if to in (ids[SAM], jo)]
    assert told == [("case.escalated", ids[SAM]), ("case.proposal_waiting", ids[SAM])]


# -- the council's side told of the provider's answer to a proposal ---------------------------
def _escalated_to_tom(router: Router, factory: sessionmaker[Session], clock: Clock) -> str:
    """Sam's conflict (no placement, so Tom is no party to it), Priya's, not acknowledged in
    time: the sweep escalates it to Tom at level 1. The clock is then half an hour on."""
    reference = raise_conflict(router, reference="")
    with factory() as session:
        due = session.scalars(select(Case.acknowledge_due_at)).one()
    _sweep_at(factory, due + timedelta(minutes=1))
    assert sorted(to for to, _text in _case_messages(factory, "case.escalated")) == sorted(
        (ids_of(factory, TOM), ids_of(factory, SAM)))
    clock.now = due + timedelta(minutes=30)
    return reference


def ids_of(factory: sessionmaker[Session], email: str) -> int:
    with factory() as session:
        return session.scalars(select(Person.id).where(Person.email == email)).one()


def test_an_answer_to_a_proposal_is_told_to_whoever_proposed_it_and_the_owner_once_each(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Session 36's trial: Tom, holding Priya's escalated case while she was off sick, proposed
    # a resolution; Sam's rejection reached Priya alone, and Sam was told it was back with her.
    reference = _escalated_to_tom(router, factory, clock)
    say(router, TOM, f"/case {reference} propose We pay INV-7 on Friday")
    clock.now += timedelta(minutes=5)
    say(router, SAM, "/cases")
    assert say(router, SAM, "we reject that, not by Friday").text.startswith(
        f"Reject the proposal on {reference}: “We pay INV-7 on Friday”? It goes back to Tom.")
    assert say(router, SAM, "yes").text == (
        f"{reference} stays open, back with Tom, who is told.")
    rejected = (f"Sam rejected the proposed resolution of {reference}; it is in progress "
                "again.\n“not by Friday”")
    assert _case_messages(factory, "case.rejected") == [
        (ids[PRIYA], rejected), (ids[TOM], rejected)]
    say(router, TOM, f"/case {reference} propose We pay INV-7 today")
    assert say(router, SAM, f"/case {reference} accept").text == (
        f"Thank you: {reference} is resolved.")
    assert _case_messages(factory, "case.accepted") == [
        (ids[PRIYA], f"Sam accepted Tom's proposed resolution; {reference} is resolved."),
        (ids[TOM], f"Sam accepted your proposed resolution; {reference} is resolved.")]


@pytest.mark.parametrize("answer", ["accept", "reject"])
def test_the_owners_own_proposal_answered_tells_them_once_and_whoever_holds_it(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], clock: Clock,
        answer: str) -> None:
    reference = _escalated_to_tom(router, factory, clock)
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 on Friday")
    said = say(router, SAM, f"/case {reference} {answer}").text
    told = _case_messages(factory, f"case.{answer}ed")
    if answer == "accept":
        assert told == [
            (ids[PRIYA], f"Sam accepted your proposed resolution; {reference} is resolved."),
            (ids[TOM], f"Sam accepted Priya's proposed resolution; {reference} is resolved.")]
    else:
        assert said.startswith(f"{reference} stays open, back with Tom, who is told.")
        rejected = (f"Sam rejected the proposed resolution of {reference}; it is in progress "
                    "again.")
        assert told == [(ids[PRIYA], rejected), (ids[TOM], rejected)]


def test_an_answer_to_the_proposal_of_someone_away_reaches_their_cover_once(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # The trial: Tom proposed, then went away with Dana covering; the rejection reached
    # neither of them.
    reference = _escalated_to_tom(router, factory, clock)
    say(router, TOM, f"/case {reference} propose We pay INV-7 on Friday")
    say(router, TOM, f"/away 2027-01-04 {DANA}")
    assert say(router, SAM, f"/case {reference} reject not by Friday").text == (
        f"{reference} stays open, back with Tom, who is told.")
    rejected = (f"Sam rejected the proposed resolution of {reference}; it is in progress "
                "again.\n“not by Friday”")
    assert _case_messages(factory, "case.rejected") == [
        (ids[PRIYA], rejected), (ids[TOM], rejected),
        (ids[DANA], f"You cover for Tom, away until Mon 4 Jan 2027:\n{rejected}")]
    # A cover told already in their own right is told once: Priya away, Tom covering her.
    say(router, TOM, "/away off")
    say(router, PRIYA, f"/away 2026-12-20 {TOM}")
    say(router, TOM, f"/case {reference} propose We pay INV-7 today")
    say(router, SAM, f"/case {reference} accept")
    assert _case_messages(factory, "case.accepted") == [
        (ids[PRIYA], f"Sam accepted Tom's proposed resolution; {reference} is resolved."),
        (ids[TOM], f"Sam accepted your proposed resolution; {reference} is resolved.")]


def test_a_case_withdrawn_with_a_proposal_waiting_is_told_to_whoever_proposed_it(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router, reference="")
    say(router, DANA, f"/case {reference} propose We pay INV-7 today")
    assert say(router, SAM, f"/case {reference} withdraw").text == f"{reference} is withdrawn."
    assert _case_messages(factory, "case.withdrawn") == [
        (ids[PRIYA], f"Sam withdrew {reference}."), (ids[DANA], f"Sam withdrew {reference}.")]


def test_the_owners_cover_reads_whose_proposal_was_accepted(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Tom, covering for Priya, was told "Sam accepted your proposed resolution".
    reference = raise_conflict(router, reference="")
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 today")
    say(router, PRIYA, f"/away 2026-12-20 {TOM}")
    say(router, SAM, f"/case {reference} accept")
    assert _case_messages(factory, "case.accepted") == [
        (ids[PRIYA], f"Sam accepted your proposed resolution; {reference} is resolved."),
        (ids[TOM], "You cover for Priya, away until Sun 20 Dec 2026:\n"
                   f"Sam accepted Priya's proposed resolution; {reference} is resolved.")]


def test_an_answer_to_a_proposal_on_a_case_never_escalated_is_told_as_before(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router, reference="")
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 on Friday")
    assert say(router, SAM, f"/case {reference} reject").text.startswith(
        f"{reference} stays open, back with Priya, who is told.")
    say(router, SAM, "skip")
    assert _case_messages(factory, "case.rejected") == [(ids[PRIYA], (
        f"Sam rejected the proposed resolution of {reference}; it is in progress again."))]
    # Away, the owner's cover is told too, as since session 34.
    say(router, PRIYA, f"/away 2026-12-20 {TOM}")
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 today")
    say(router, SAM, f"/case {reference} reject")
    rejected = f"Sam rejected the proposed resolution of {reference}; it is in progress again."
    assert _case_messages(factory, "case.rejected")[1:] == [
        (ids[PRIYA], rejected),
        (ids[TOM], f"You cover for Priya, away until Sun 20 Dec 2026:\n{rejected}")]


def test_a_providers_comment_on_an_escalated_case_reaches_whoever_holds_it_and_the_owner(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Session 37's brief: Sam's comment on the case escalated to Tom reached Priya alone.
    reference = _escalated_to_tom(router, factory, clock)
    say(router, SAM, f"/case {reference} comment Still not paid, please chase")
    comment = f"New comment on {reference} from Sam:\n“Still not paid, please chase”"
    assert _case_messages(factory, "case.comment") == [
        (ids[PRIYA], comment), (ids[TOM], comment)]
    # Tom away with Dana covering: Dana hears it too; Tom's own comment is not told to him.
    say(router, TOM, f"/away 2027-01-04 {DANA}")
    say(router, SAM, f"/case {reference} comment Any news?")
    news = f"New comment on {reference} from Sam:\n“Any news?”"
    assert _case_messages(factory, "case.comment")[2:] == [
        (ids[PRIYA], news), (ids[TOM], news),
        (ids[DANA], f"You cover for Tom, away until Mon 4 Jan 2027:\n{news}")]


def test_a_case_withdrawn_or_reopened_is_told_to_whoever_holds_it_and_the_owner(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    reference = _escalated_to_tom(router, factory, clock)
    say(router, TOM, f"/case {reference} resolve Paid today")
    assert say(router, SAM, f"/case {reference} reopen It has not arrived").text.startswith(
        f"{reference} is open again, back with Tom, who is told why.")
    reopened = f"Sam has reopened {reference}, which {{}} resolved; it is in progress again:"
    assert [(to, text.splitlines()[0]) for to, text in _case_messages(
        factory, "case.reopened")] == [
        (ids[PRIYA], reopened.format("Tom")), (ids[TOM], reopened.format("you"))]
    say(router, SAM, f"/case {reference} withdraw")
    assert _case_messages(factory, "case.withdrawn") == [
        (ids[PRIYA], f"Sam withdrew {reference}."), (ids[TOM], f"Sam withdrew {reference}.")]


@pytest.mark.parametrize(("text", "expected"), [
    ("/case", "Which case?"),
    ("/case nonsense", "I can't find a case 'nonsense' that you can see."),
    ("/case PB-2026-000001 comment " + "x" * 100_000, "That message is too long for me"),
    ("/cases everything", "Use /cases, /cases closed or /cases all."),
])
def test_bad_input_gets_a_clear_reply_and_changes_nothing(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], text: str,
        expected: str) -> None:
    raise_conflict(router)
    with _unchanged(factory):
        reply = say(router, SAM, text)
    assert reply.text.startswith(expected) or expected in reply.text


def test_bare_case_lists_only_what_each_role_may_do(
        router: Router, ids: dict[str, int]) -> None:
    # Session 30's review: a provider was shown acknowledge, ask, propose, resolve, reassign.
    start = "Which case? /case REF shows one (/cases lists yours); /case REF then one of: "
    assert say(router, SAM, "/case").text == (
        start + "comment TEXT; accept; reject [WHY]; withdraw [WHY]; reopen WHY.")
    for staff in (PRIYA, DANA):
        assert say(router, staff, "/case").text == (
            start + "comment TEXT (the provider reads it); note TEXT (council staff only); "
            "acknowledge; ask QUESTION; propose RESOLUTION; resolve WHAT WAS DONE; reassign "
            "NAME.")


def test_a_reference_in_any_case_with_words_around_it_is_taken(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 30's review: "rc-101 please" at the placement question was refused.
    press(router, SAM, say(router, SAM, "/conflict"), "Payment")
    assert "What has happened?" in say(router, SAM, "It's rv-0042 please").text
    with factory() as session:
        form = session.scalars(select(FormSession)).one()
    assert form.values["reference"] == "rv-0042"
    say(router, SAM, "Invoice INV-7 is 40 days unpaid.")
    assert finish(router, SAM, "Pay it").text.startswith("Thank you. Your case is PB-2026-")
    with factory() as session:
        placement = session.scalars(select(Placement)).one()
    assert _case(factory).placement_id == placement.id


def test_an_empty_or_huge_description_is_refused_in_the_form(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    _conflict_without_a_placement(router, SAM, "Contract")
    again = say(router, SAM, "   ")
    assert "What has happened?" in again.text
    huge = say(router, SAM, "x" * 100_000)
    assert "100,000 characters" in huge.text
    # A channel that submits the form whole (a Slack modal) is held to the field's limit.
    whole = router.handle(Incoming(
        channel=Channel.CONSOLE, conversation="test", sender=SAM, form_id="conflict",
        form_values={"about": "Contract", "description": "y" * 100_000, "outcome": "Pay"},
        received_at=FIXED_NOW))
    assert "What has happened?" in whole[0].text
    assert "100,000" in whole[0].text
    with factory() as session:
        assert session.scalar(select(Case.id)) is None
        row = session.scalars(select(FormSession)).one()
    assert "description" not in row.values


def test_an_unknown_placement_is_asked_again(router: Router, factory: sessionmaker[Session],
                                             ids: dict[str, int]) -> None:
    reply = say(router, ALEX, "/conflict")
    reply = press(router, ALEX, reply, "Payment")
    # RV-0042 is Riverside's: to Hillview it does not exist.
    reply = say(router, ALEX, "RV-0042")
    assert reply.text.startswith(
        "I can't find a placement, invoice, contract or tender 'RV-0042' of yours. Please "
        "check it; if it is one the council has no record of (an invoice it has not logged, "
        "say), type \"skip\" and give 'RV-0042' when you say what happened, so it stays in "
        "the case.")
    assert "Which placement or invoice" in reply.text
    # Skipped, the reference goes into the words of the case, and the case opens.
    reply = say(router, ALEX, "skip")
    assert "What has happened?" in reply.text
    say(router, ALEX, "Invoice RV-0042 for October is unpaid after 45 days")
    done = finish(router, ALEX, "Payment this week")
    assert done.text.startswith("Thank you. Your case is PB-2026-")
    case = _case(factory)
    assert (case.invoice_id, case.description) == (
        None, "Invoice RV-0042 for October is unpaid after 45 days")


def test_a_form_abandoned_half_way_opens_nothing(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    reply = say(router, SAM, "/conflict")
    press(router, SAM, reply, "Payment")
    clock.now += timedelta(hours=25)
    later = say(router, SAM, "/cases")
    assert "put aside" in later.text
    assert later.text.endswith("No open cases. /feedback or /conflict raises one; /cases all "
                               "shows closed ones too.")
    with factory() as session:
        assert session.scalar(select(Case.id)) is None
        assert session.scalar(select(FormSession.id)) is None


def test_commissioners_cannot_raise_provider_feedback(router: Router,
                                                      ids: dict[str, int]) -> None:
    assert "providers" in say(router, PRIYA, "/feedback").text


def test_a_name_typed_at_an_action_question_is_asked_again_not_lost(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 25's trial: "Mr Jenkins" in a proposal closed the form ("Cancelled: nothing was
    # sent"), and the corrected proposal typed next went to the knowledge base as a question.
    reference = raise_conflict(router)
    assert "What resolution do you propose?" in say(router, PRIYA,
                                                    f"/case {reference} propose").text
    again = say(router, PRIYA, "We will pay Mr Jenkins invoice")
    assert again.text.startswith('"Mr Jenkins" looks like a person\'s name.')
    assert "What resolution do you propose?" in again.text
    assert "Cancelled" not in again.text
    assert say(router, PRIYA, "We will pay on Friday").text.startswith("Proposal sent")
    with factory() as session:
        assert session.scalar(select(Case.proposal)) == "We will pay on Friday"
        assert session.scalar(select(Question.id)) is None  # nothing went to the knowledge base


def test_the_action_buttons_ask_one_question_then_act(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    shown = say(router, PRIYA, f"/case {reference}")
    assert [b.label for b in shown.buttons] == [
        "Acknowledge", "Ask for information", "Propose a resolution", "Resolve", "Reassign",
        "Comment"]
    question = press(router, PRIYA, shown, "Propose a resolution")
    assert "What resolution do you propose?" in question.text
    done = say(router, PRIYA, "We pay INV-7 on Friday")
    assert done.text == f"Proposal sent for {reference}; the provider can accept or reject it."
    case = _case(factory)
    assert (case.status, case.proposal) == (CaseStatus.RESOLUTION_PROPOSED,
                                            "We pay INV-7 on Friday")
    # The same form submitted whole for a case the sender can't see changes nothing.
    with _unchanged(factory):
        forged = router.handle(Incoming(
            channel=Channel.CONSOLE, conversation="test", sender=OTTO, form_id="case.resolve",
            form_values={"reference": reference, "text": "closed by someone else"},
            received_at=FIXED_NOW))
    assert forged[0].text.startswith("I can't find a case")


def test_away_with_cover_routes_new_cases_to_the_cover_until_the_date(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    assert say(router, PRIYA, f"/away 2026-11-30 {OTTO}").text == (
        f"{OTTO} is not an active commissioner of your council.")
    assert say(router, PRIYA, "/away 2026-11-01 tom@northshire.example").text.startswith(
        "Sun 1 Nov 2026 has passed")
    # A provider's cover is a colleague at the provider, never the council (session 31).
    assert say(router, SAM, f"/away 2026-11-30 {TOM}").text.startswith(
        f"{TOM} is not an active colleague at your organisation")
    assert say(router, PRIYA, f"/away 2026-11-30 {DANA}").text == (
        "Noted: from today until Mon 30 Nov 2026, new cases that would come to you go to Dana, "
        "who is told and gets a copy of your reminders too. /away off when you are back early.")
    with factory() as session:
        told = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.kind == "person.cover", OutboxMessage.person_id == ids[DANA])).one()
    assert told["text"] == (
        "Priya is away until Mon 30 Nov 2026 and has named you as cover: new cases that would "
        "go to them come to you, with a copy of their reminders (reviews, invoices, tenders), "
        "and you can act on their open ones.")
    # Tom's cover, Priya, is away too: he is told so (session 22's review).
    assert say(router, TOM, f"/away 2026-11-27 {PRIYA}").text.endswith(
        "Note: Priya is away too, until Mon 30 Nov 2026; while you are both away, cases go to "
        "their cover or to the council's default owner.")
    raise_conflict(router)
    assert _case(factory).assignee_id == ids[DANA]
    clock.now += timedelta(days=6)  # 1 December: Priya is back
    raise_conflict(router)
    assert _case(factory).assignee_id == ids[PRIYA]
    assert say(router, PRIYA, "/away off").text.startswith("Welcome back")
    # Session 25's trial: a case passed to someone away sat with them, unsaid.
    say(router, PRIYA, f"/away 2026-12-10 {TOM}")
    with factory() as session:
        first = session.scalars(select(Case).order_by(Case.id)).first()
    assert first is not None
    assert first.assignee_id == ids[DANA]
    assert say(router, DANA, f"/case {first.reference} reassign {PRIYA}").text == (
        f"Priya is away until Thu 10 Dec 2026, so {first.reference} would wait for them. Their "
        f"cover is {TOM}: /case {first.reference} reassign {TOM}.")
    with factory() as session:
        assert session.get_one(Case, first.id).assignee_id == ids[DANA]
    say(router, PRIYA, "/away off")
    # Session 25's trial: "Welcome back" to someone who was not away.
    assert say(router, PRIYA, "/away off").text.startswith(
        "You aren't marked as away, so nothing changed")


def _cover_notices(factory: sessionmaker[Session], person_id: int) -> list[tuple[str, str]]:
    with factory() as session:
        return [(row.kind, row.status.value) for row in session.scalars(
            select(OutboxMessage).where(OutboxMessage.person_id == person_id,
                                        OutboxMessage.kind.like("person.cover%"))
            .order_by(OutboxMessage.id))]


def test_back_early_the_covers_notice_not_yet_gone_is_withdrawn(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Session 30's trial: back early, Priya's cover still read first that she was away and
    he covered for her."""
    say(router, PRIYA, f"/away 2026-12-24 {TOM}")
    assert say(router, PRIYA, "/away off").text.startswith("Welcome back")
    assert _cover_notices(factory, ids[TOM]) == [("person.cover", "withdrawn")]


def test_back_early_a_cover_who_was_told_is_told_they_no_longer_cover(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    say(router, PRIYA, f"/away 2026-12-24 {TOM}")
    with transaction(factory) as session:
        session.execute(update(OutboxMessage).values(status=OutboxStatus.SENT))
    say(router, PRIYA, f"/away 2026-12-24 {DANA}")  # another cover named: Tom no longer covers
    with transaction(factory) as session:
        session.execute(update(OutboxMessage).values(status=OutboxStatus.SENT))
    say(router, PRIYA, "/away off")
    with factory() as session:
        ended = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "person.cover_ended").order_by(OutboxMessage.id)).all()
    assert [(row.person_id, row.payload["text"]) for row in ended] == [
        (ids[TOM], "Priya has named someone else as cover: you no longer cover for them."),
        (ids[DANA], "Priya is back: you no longer cover for them, and new cases and their "
                    "reminders go to them alone again.")]


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_harm_described_in_a_form_raises_a_safeguarding_concern_at_once(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    _conflict_without_a_placement(router, SAM, "Payment")
    # Typed as the answer to "What has happened?", not as a question: still read first.
    replies = router.handle(make_incoming(
        "A carer hit a resident and there are bruises on her arm", sender=SAM))
    assert replies[0].text.startswith("This sounds like a safeguarding concern.")
    # The words are the hub's alone (session 21): the form waits at "What has happened?", in
    # one short line after the concern (session 43's trial).
    assert replies[-1].text == ("Your disagreement form is on hold: answer its question when "
                                "you're ready, or /cancel.")
    with factory() as session:
        urgent = session.scalars(select(Case).where(
            Case.kind == CaseKind.SAFEGUARDING)).one()
        alert = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised")).one()
    assert (urgent.raised_by_id, alert.person_id, alert.urgent) == (ids[SAM], ids[TOM], True)
    # The form goes on: the disagreement is still raised when finished, without the concern.
    say(router, SAM, "Invoices for RV-0042 are unpaid")
    done = finish(router, SAM, "Safe staffing and a review")
    assert done.text.startswith("Thank you. Your case is PB-2026-")
    assert _case(factory).description == "Invoices for RV-0042 are unpaid"


@pytest.mark.usefixtures("hillview_also_works_for_southshire")
def test_a_provider_working_with_two_councils_is_asked_which_placement(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    _conflict_without_a_placement(router, ALEX, "Payment")
    say(router, ALEX, "Two invoices unpaid")
    asked = say(router, ALEX, "Pay them")
    assert asked.text.startswith("You work with Northshire, Southshire: please give the "
                                 "placement reference or invoice number it is about.")
    assert "Which placement or invoice is it about?" in asked.text
    with factory() as session:
        assert session.scalar(select(Case.id)) is None


@pytest.mark.usefixtures("hillview_also_works_for_southshire")
def test_feedback_is_refused_up_front_when_the_council_is_unclear(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    assert say(router, ALEX, "/feedback").text.startswith(
        "You work with several councils, so I can't tell whose this feedback is for.")
    with factory() as session:
        assert session.scalar(select(FormSession.id)) is None


@pytest.fixture
def hillview_s_southshire_contract_ended_last_month(factory: sessionmaker[Session],
                                                    ids: dict[str, int]) -> None:
    """Hillview, with a current Northshire contract, had a Southshire one that ended last
    month."""
    with transaction(factory) as session:
        session.add(Contract(reference="HV-SOUTH", council_id=ids["south"],
                             provider_id=ids["hillview"], commissioner_id=ids[OTTO],
                             title="Home care, south", ends_on=date(2026, 10, 31)))


@pytest.mark.usefixtures("hillview_s_southshire_contract_ended_last_month")
def test_a_disagreement_about_ended_work_asks_which_council_never_the_current_one(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 29's review: ended work dropped from the councils a provider works with sent a
    # disagreement with no reference, maybe about the ended Southshire contract, silently to
    # Northshire. A disagreement or feedback may be about work that has ended.
    _conflict_without_a_placement(router, ALEX, "Payment")
    say(router, ALEX, "Our last invoices were never paid")
    asked = say(router, ALEX, "Pay them")
    assert asked.text.startswith("You work with Northshire, Southshire: please give the "
                                 "placement reference or invoice number it is about.")
    with factory() as session:
        assert session.scalar(select(Case.id)) is None


@pytest.mark.usefixtures("hillview_s_southshire_contract_ended_last_month")
def test_feedback_about_ended_work_is_refused_never_sent_to_the_current_council(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    assert say(router, ALEX, "/feedback Southshire never answered our emails").text.startswith(
        "You work with several councils, so I can't tell whose this feedback is for.")
    with factory() as session:
        assert session.scalar(select(FormSession.id)) is None
        assert session.scalar(select(Case.id)) is None


def test_feedback_goes_to_the_current_council_when_the_other_work_ended_long_ago(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 29's last review: counting all ended work, a provider whose Southshire contract
    # ended years ago could send no feedback at all (the form asks for no council).
    with transaction(factory) as session:
        session.add(Contract(reference="HV-OLD", council_id=ids["south"],
                             provider_id=ids["hillview"], commissioner_id=ids[OTTO],
                             title="Home care, south", ends_on=date(2023, 3, 31)))
    reply = say(router, ALEX, "/feedback Reviews are arranged at two days' notice")
    assert not reply.text.startswith("You work with several councils")
    assert reply.buttons  # the form's first question, about what the feedback is about


def test_buttons_for_the_other_side_are_refused_before_any_question(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    for action, expected in (("case.resolve", "Only the council can resolve a case."),
                             ("case.reassign", "Only the council can reassign a case.")):
        assert say(router, SAM, action=action, action_value=reference).text == expected
    assert say(router, PRIYA, action="case.withdraw", action_value=reference).text == (
        "Only the provider can withdraw a case.")
    with factory() as session:
        assert session.scalar(select(FormSession.id)) is None
    # An unknown address and an ineligible one get the same answer (no address oracle).
    unknown = say(router, PRIYA, f"/case {reference} reassign nobody@nowhere.example").text
    outsider = say(router, PRIYA, f"/case {reference} reassign {ALEX}").text
    assert unknown.replace("nobody@nowhere.example", ALEX) == outsider
    assert say(router, SAM, f"/case {reference} reassign nobody@nowhere.example").text == (
        "Only the council can reassign a case.")


def test_a_form_for_a_case_that_changed_meanwhile_is_closed(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    shown = say(router, PRIYA, f"/case {reference}")
    press(router, PRIYA, shown, "Propose a resolution")
    say(router, SAM, f"/case {reference} withdraw")
    closed = say(router, PRIYA, "We pay on Friday")
    assert closed.text == (f"{reference} is withdrawn, so it can't be given a proposal now."
                           "\n\nCancelled: nothing was sent.")
    with factory() as session:
        assert session.scalar(select(FormSession.id)) is None


def test_a_conflict_about_a_contract_goes_to_the_deputy_when_the_owner_is_a_party(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router, ALEX, reference="hv-homecare")
    case = _case(factory)
    # Priya manages the contract, so the rule's deputy, Tom, owns the case.
    assert (case.reference, case.assignee_id, case.council_id) == (
        reference, ids[TOM], ids["north"])
    assert case.contract_id is not None
    assert "About: contract HV-HOMECARE" in say(router, ALEX, f"/case {reference}").text


HARM = "A carer hit a resident and there are bruises on her arm"


def _concerns(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return len(session.scalars(select(Case.id).where(
            Case.kind == CaseKind.SAFEGUARDING)).all())


def test_a_concern_in_a_refused_case_command_is_kept(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    say(router, SAM, f"/case {reference} withdraw")
    replies = router.handle(make_incoming(f"/case {reference} comment {HARM}", sender=SAM))
    assert replies[0].text.startswith("This sounds like a safeguarding concern.")
    assert replies[-1].text == f"{reference} is withdrawn, so it can't be commented on now."
    assert _concerns(factory) == 1


def test_the_safety_question_in_a_refused_case_command_is_kept(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Words the concern model is unsure of (no word of harm): the question and its button stay
    # when the command is refused, and the audit record of having asked is kept.
    reference = raise_conflict(router)
    say(router, SAM, f"/case {reference} withdraw")
    replies = router.handle(make_incoming(
        f"/case {reference} comment can someone ring me about my mum, im worried", sender=SAM))
    assert replies[0].text.startswith("Is this about someone's safety?")
    assert [b.label for b in replies[0].buttons] == ["Raise a concern now"]
    assert replies[-1].text == f"{reference} is withdrawn, so it can't be commented on now."
    assert _concerns(factory) == 0
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "safeguarding.checked")) == 1


def test_council_notes_on_a_case_raise_no_new_concern(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    reply = say(router, PRIYA, f"/case {reference} comment The carer who hit her is suspended")
    assert reply.text == (f"Comment added to {reference}; Riverside (the provider) is "
                          "told. For a note only council staff read: /case "
                          f"{reference} note TEXT")
    assert _concerns(factory) == 0


def test_one_concern_per_message_and_none_for_a_plain_choice(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    whole = router.handle(Incoming(
        channel=Channel.CONSOLE, conversation="test", sender=SAM, form_id="conflict",
        form_values={"about": "Payment", "description": HARM, "outcome": HARM},
        received_at=FIXED_NOW))
    assert whole[0].text.startswith("This sounds like a safeguarding concern.")
    assert _concerns(factory) == 1
    # Typed at a choice question: not a choice, so read for harm (the form waits, its choices
    # still on offer).
    say(router, SAM, "/conflict")
    replies = router.handle(make_incoming(HARM, sender=SAM))
    assert replies[0].text.startswith("This sounds like a safeguarding concern.")
    assert replies[-1].text.startswith("Your disagreement form is on hold:")
    assert "Payment" in [button.label for button in replies[-1].buttons]
    assert _concerns(factory) == 2


def test_a_typo_in_the_reassign_form_is_asked_again(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    assert say(router, SAM, action="case.propose", action_value=reference).text == (
        "Only the council can propose a resolution to a case.")
    shown = say(router, PRIYA, f"/case {reference}")
    press(router, PRIYA, shown, "Reassign")
    again = say(router, PRIYA, "dana@northshire.exmaple")
    assert again.text.startswith("dana@northshire.exmaple is not an active commissioner")
    assert "Whose is it now?" in again.text
    assert say(router, PRIYA, DANA).text == f"{reference} is now Dana's."


def test_a_case_is_reassigned_by_a_colleagues_name_and_a_typo_gets_a_suggestion(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Session 30's trial: Tom typed "priya" at "Whose is it now?" and was told "priya is not
    an active commissioner of this council"."""
    with transaction(factory) as session:
        session.get_one(Person, ids[PRIYA]).name = "Priya Shah"
        session.get_one(Person, ids[TOM]).name = "Tom Okafor"
    reference = raise_conflict(router, reference="")
    assert say(router, PRIYA, f"/case {reference} reassign Tom Okafor").text == (
        f"{reference} is now Tom Okafor's.")
    press(router, TOM, say(router, TOM, f"/case {reference}"), "Reassign")
    typo = say(router, TOM, "priya@northshire.exmaple")
    assert typo.text.startswith(
        "priya@northshire.exmaple is not an active commissioner of this council. Did you "
        f"mean Priya Shah ({PRIYA})? /case {reference} reassign EMAIL passes it to them.")
    # A first name mistyped gets its suggestion too (session 30's review: none was given).
    assert say(router, TOM, "prya").text.startswith(
        "I couldn't find \"prya\" among this council's commissioners and admins. Did you mean "
        f"Priya Shah ({PRIYA})? /case {reference} reassign priya passes it to them now.")
    assert say(router, TOM, "priya").text == f"{reference} is now Priya Shah's."
    assert _case(factory).assignee_id == ids[PRIYA]
    # Never another council's commissioner, by name or address.
    assert say(router, PRIYA, f"/case {reference} reassign otto").text == (
        "I couldn't find \"otto\" among this council's commissioners and admins. /case "
        f"{reference} reassign NAME (or their e-mail) passes it to one of them now.")


@pytest.mark.parametrize("text", [
    "/not-applicable 1 the carer hit her",
    "/done 7 the carer hit her",
    "/review done RV-0042 2026-11-20 the carer hit her",
    "/invoice paid INV-7 the carer hit her",
    "/placement list the carer hit her",
    "/away the carer hit her",
    "/cases the carer hit her",
])
@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_harm_typed_in_any_command_raises_the_concern_once(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], text: str) -> None:
    replies = router.handle(make_incoming(text, sender=SAM))
    assert replies[0].text.startswith("This sounds like a safeguarding concern.")
    with factory() as session:
        urgent = session.scalars(select(Case).where(Case.kind == CaseKind.SAFEGUARDING)).one()
        alert = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised")).one()
    assert (urgent.raised_by_id, alert.person_id, alert.urgent) == (ids[SAM], ids[TOM], True)
    # The deadline's number is not the person's words (session 35's brief), nor "/review
    # done"'s reference and day (the mend's brief).
    told = ("the carer hit her" if text.startswith("/review done ")
            else text.split(" ", 2 if text.startswith(("/done ", "/not-applicable ")) else 1)[-1])
    assert urgent.description == told


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_harm_in_a_comment_on_a_dispute_reaches_the_hub_in_the_persons_own_words(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 24's trial: the hub's urgent alert began "PB-2026-000001 comment ...".
    reference = raise_conflict(router)
    words = "we found out the night carer punched her yesterday"
    guidance, added = router.handle(make_incoming(f"/case {reference} comment {words}",
                                                  sender=SAM))
    assert guidance.text.startswith("This sounds like a safeguarding concern.")
    assert added.text == f"Comment added to {reference}."
    with factory() as session:
        urgent = session.scalars(select(Case).where(Case.kind == CaseKind.SAFEGUARDING)).one()
        alert = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised")).one()
    assert urgent.description == words
    assert f'"{words}"' in alert.payload["text"]
    assert alert.payload["text"].split("\n")[1:3] == [
        f'"{words}"',  # not "PB-... comment ..."
        # Session 34's trial: the words named no placement; the case they were told on does.
        f"About: placement RV-0042 (told in a comment on case {reference})."]


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_harm_after_a_case_reference_with_no_action_keeps_every_word(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 24's review: "/case REF Carer slapped ..." reached the hub as "slapped ...".
    reference = raise_conflict(router)
    router.handle(make_incoming(f"/case {reference} Carer slapped the resident this morning",
                                sender=SAM))
    with factory() as session:
        urgent = session.scalars(select(Case).where(Case.kind == CaseKind.SAFEGUARDING)).one()
    assert "Carer slapped the resident this morning" in urgent.description


def test_harm_in_a_whole_form_submission_raises_one_concern_and_the_form_is_taken(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    replies = router.handle(Incoming(
        channel=Channel.CONSOLE, conversation="test", sender=SAM, form_id="conflict",
        form_values={"about": "Payment", "reference": "RV-0042",
                     "description": "The carer hit her", "outcome": "the carer hit her again"},
        received_at=FIXED_NOW))
    assert replies[0].text.startswith("This sounds like a safeguarding concern.")
    assert replies[-1].text.startswith("Thank you. Your case is PB-2026-")
    with factory() as session:
        kinds = sorted(session.scalars(select(Case.kind)))
    assert kinds == [CaseKind.CONFLICT, CaseKind.SAFEGUARDING]


@pytest.mark.parametrize("action", [
    "acknowledge", "ask How much is owed?", "propose We pay half", "resolve Closed: no issue",
    "reassign otto@southshire.example"])
def test_a_party_to_a_dispute_may_not_decide_it(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], action: str) -> None:
    reference = raise_conflict(router, ALEX, reference="hv-homecare")  # Priya's contract
    before = _case(factory)
    verb = {"acknowledge": "acknowledge", "ask": "ask about", "propose":
            "propose a resolution to", "resolve": "resolve", "reassign": "reassign"}
    reply = say(router, PRIYA, f"/case {reference} {action}")
    assert reply.text == (f"You are a party to {reference} (conflict of interest): you may "
                          f"comment on it, but not {verb[action.split()[0]]} it.")
    after = _case(factory)
    assert (after.status, after.acknowledged_at, after.assignee_id, after.proposal) == (
        before.status, before.acknowledged_at, before.assignee_id, before.proposal)
    # The button says the same before asking anything.
    name = action.split()[0]
    if name in ("acknowledge", "ask", "propose", "resolve", "reassign"):
        pressed = say(router, PRIYA, action=f"case.{name}", action_value=reference)
        assert pressed.text.startswith(f"You are a party to {reference}")
    # Commenting is still open to a party.
    assert say(router, PRIYA, f"/case {reference} comment We sent the contract terms").text == (
        f"Comment added to {reference}; Hillview (the provider) is told. For a note "
        f"only council staff read: /case {reference} note TEXT")


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_a_concern_typed_as_feedback_is_the_hubs_with_the_name_and_not_kept_as_feedback(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Session 21's review: typed as the feedback's text, a disclosure was raised anonymously
    (before any anonymity was chosen; "with my name" later did not change it) and was also
    filed as routine feedback, read in digests and every commissioner's /cases."""
    reply = say(router, SAM, "/feedback")
    reply = press(router, SAM, reply, "Procurement process")
    reply = say(router, SAM, "skip")
    reply = say(router, SAM, "2")
    replies = router.handle(make_incoming(HARM, sender=SAM))
    assert replies[0].text.startswith("This sounds like a safeguarding concern.")
    assert "they will be in touch" in replies[0].text
    assert "Because you wrote it in feedback" not in replies[0].text
    assert replies[-1].text == ("Your feedback form is on hold: answer its question when "
                                "you're ready, or /cancel.")
    say(router, SAM, "The council's portal keeps timing out")
    done = sent_feedback(router, SAM, say(router, SAM, "Yes, anonymously"))
    assert done.text.startswith("Thank you. Your feedback is recorded as PB-2026-")
    with factory() as session:
        kinds = {case.kind: case for case in session.scalars(select(Case))}
        alert = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised")).one()
    assert kinds[CaseKind.SAFEGUARDING].raised_by_id == ids[SAM]
    assert SAM in alert.payload["text"]
    feedback = kinds[CaseKind.FEEDBACK]
    assert (feedback.raised_by_id, feedback.description) == (
        None, "The council's portal keeps timing out")


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_the_same_words_after_the_hub_closed_the_concern_are_a_new_concern(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 25's trial: resolved by the hub, the same words were "passed already" and
    # reached no one.
    router.handle(make_incoming(HARM, sender=SAM))
    with transaction(factory) as session:
        first = session.scalars(select(Case)).one()
        first.status = CaseStatus.RESOLVED
    again = router.handle(make_incoming(HARM, sender=SAM))
    assert not again[0].text.startswith("I passed these same words")
    with factory() as session:
        concerns = session.scalars(select(Case).where(
            Case.kind == CaseKind.SAFEGUARDING).order_by(Case.id)).all()
        alerts = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised")).all()
    assert [case.status for case in concerns] == [CaseStatus.RESOLVED, CaseStatus.OPEN]
    assert len(alerts) == 2


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_a_concern_at_the_end_of_a_message_over_the_limit_is_raised_not_refused(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 25's trial: a pasted night log of 4,348 characters ending in a disclosure got
    # "That message is too long for me ... Nothing was saved".
    log_text = "22:00 all settled, checks done, no concerns noted on the unit. " * 70
    ordinary = say(router, SAM, log_text)
    assert ordinary.text.startswith("That message is too long for me")
    replies = router.handle(make_incoming(
        log_text + "At 03:00 the agency carer was seen hitting HV-12 with a slipper and HV-12 "
                   "has a bruise on her cheek.", sender=SAM))
    assert replies[0].text.startswith("This sounds like a safeguarding concern.")
    with factory() as session:
        case = session.scalars(select(Case)).one()
        alerts = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised")).all()
    assert case.kind == CaseKind.SAFEGUARDING
    assert case.description.endswith("HV-12 has a bruise on her cheek.")
    assert len(case.description) <= 4000
    assert len(alerts) == 1
    # The hub's alert keeps the end too, and says where the whole is (session 26's trial:
    # it stopped mid-log, before the harm).
    text = alerts[0].payload["text"]
    assert "HV-12 has a bruise on her cheek." in text
    # (Over the case's own limit too, so the case holds more of it, not all.)
    assert f"(Its middle is cut here: /case {case.reference} holds more of it.)" in text
    assert text.endswith(f"Please acknowledge it within the hour (/case {case.reference} "
                         "acknowledge) and contact them today.")


def test_a_concern_typed_at_the_summary_is_raised_and_the_disagreement_waits_unsent(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    _to_the_summary(router)
    replies = router.handle(make_incoming(HARM, sender=SAM))
    assert replies[0].text.startswith("This sounds like a safeguarding concern.")
    assert replies[-1].text == ("Your disagreement form is on hold, not sent yet: Send it "
                                "when you're ready, or /cancel.")
    assert [button.label for button in replies[-1].buttons] == ["Send", "Change", "Cancel"]
    with factory() as session:
        kinds = session.scalars(select(Case.kind)).all()
    assert kinds == [CaseKind.SAFEGUARDING]
    assert say(router, SAM, "Send").text.startswith("Thank you. Your case is")
    assert _case(factory).description == "Invoice INV-7 for RV-0042 is 40 days unpaid."


def test_the_same_concern_typed_again_is_not_raised_twice_and_the_form_keeps_it(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """The session's own review: words the rules read as harm, typed into a form, were not kept
    and raised a new urgent case on every retry, so the disagreement could never be sent."""
    _conflict_without_a_placement(router, SAM, "Payment")
    router.handle(make_incoming(HARM, sender=SAM))
    again = router.handle(make_incoming(HARM, sender=SAM))
    assert again[0].text.startswith("I passed these same words to the council's safeguarding "
                                    "hub already (reference PB-2026-")
    assert "What outcome would you like?" in again[-1].text  # kept this time
    done = finish(router, SAM, "A review")
    assert done.text.startswith("Thank you. Your case is PB-2026-")
    with factory() as session:
        kinds = sorted(case.kind for case in session.scalars(select(Case)))
        alerts = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised")).all()
    assert kinds == [CaseKind.CONFLICT, CaseKind.SAFEGUARDING]
    assert len(alerts) == 1


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_a_concern_given_with_the_command_starts_the_form_without_it(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    replies = router.handle(make_incoming(f"/conflict {HARM}", sender=SAM))
    assert replies[0].text.startswith("This sounds like a safeguarding concern.")
    assert replies[-1].text.startswith("Your disagreement form is open, without those words.\n\n")
    assert "What is it about?" in replies[-1].text
    with factory() as session:
        assert session.scalars(select(FormSession.values)).one() == {}
        assert [case.kind for case in session.scalars(select(Case))] == [CaseKind.SAFEGUARDING]


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_a_concern_in_anonymous_feedback_sent_whole_is_raised_anonymously(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    replies = router.handle(Incoming(
        channel=Channel.CONSOLE, conversation="test", sender=SAM, form_id="feedback",
        form_values={"part": "Procurement process", "rating": "2", "text": HARM,
                     "anonymous": "Yes, anonymously"},
        received_at=FIXED_NOW))
    assert replies[0].text.startswith("This sounds like a safeguarding concern.")
    assert replies[0].text.endswith(
        "Because you wrote it in feedback, which can be anonymous, the hub sees your "
        "organisation and your words but not your name or contact details, and cannot reply "
        "to you. If you can, call them as well so they can ask you more.")
    assert replies[-1].text.startswith("Thank you. Your feedback is recorded as PB-2026-")
    with factory() as session:
        kinds = {case.kind: case for case in session.scalars(select(Case))}
        alert = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised")).one()
        # No row anywhere links the words to Sam.
        assert session.scalars(select(Question.id)).all() == []
        assert session.scalars(select(CaseEvent.actor_id)).all() == [None, None]
        assert set(session.scalars(select(AuditEvent.actor_id))) == {None}
        assert session.scalar(select(FormSession.id)) is None
    assert kinds[CaseKind.SAFEGUARDING].raised_by_id is None
    assert kinds[CaseKind.SAFEGUARDING].provider_id == ids["riverside"]
    assert kinds[CaseKind.FEEDBACK].raised_by_id is None
    assert "raised anonymously by someone at Riverside" in alert.payload["text"]
    assert "Sam" not in alert.payload["text"]
    assert SAM not in alert.payload["text"]


def test_a_case_action_without_its_words_asks_for_them(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    asked = say(router, PRIYA, f"/case {reference} ask")
    assert "What would you like to ask the provider?" in asked.text
    # The next line is the question for the case, not a question for the knowledge base.
    done = say(router, PRIYA, "When was INV-7 first sent?")
    assert done.text == f"Your question is sent; {reference} is now in progress."
    with factory() as session:
        event = session.scalars(select(CaseEvent).where(
            CaseEvent.action == "information_requested")).one()
        assert session.scalars(select(Question)).all() == []
    assert event.text == "When was INV-7 first sent?"


@pytest.mark.parametrize(("action", "label"), [
    ("comment", "Your comment:"),
    ("propose", "What resolution do you propose?"),
    ("resolve", "What was done to resolve it?"),
    ("reassign", "Whose is it now? Their name or e-mail address, please."),
])
def test_every_case_action_that_needs_words_asks_for_them(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], action: str,
        label: str) -> None:
    reference = raise_conflict(router)
    with _unchanged(factory):
        asked = say(router, PRIYA, f"/case {reference} {action}").text
    # The case came with the command: its one question is not "question 2 of 2" (session 21).
    assert asked.split("\n")[:2] == [cases_chat.ACTION_FORMS[action][0], label]
    # Another command meanwhile names the question still waiting, not "the question above".
    assert say(router, PRIYA, "/cases").text.endswith(
        f"(You're still filling in {cases_chat.ACTION_FORMS[action][0]}: \"{label}\". "
        "Answer it, or /cancel.)")


def test_an_action_done_in_full_closes_its_own_waiting_form(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Session 21's review: "/case REF reassign", then "/case REF reassign EMAIL" reassigned
    it but left the form open, which took the next question as an e-mail address."""
    reference = raise_conflict(router)
    assert "Whose is it now?" in say(router, PRIYA, f"/case {reference} reassign").text
    done = say(router, PRIYA, f"/case {reference} comment Looking into it")
    assert done.text.endswith("Answer it, or /cancel.)")  # another action: the form waits
    done = say(router, PRIYA, f"/case {reference} reassign {DANA}")
    assert "still filling in" not in done.text
    with factory() as session:
        assert session.scalars(select(FormSession)).all() == []
    assert _case(factory).assignee_id == ids[DANA]


def test_the_providers_reply_to_a_question_is_one_button_away(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 21's review: the provider's answer, typed as plain words, went to the knowledge
    # base; the question now comes with a Reply button for the case.
    reference = raise_conflict(router)
    assert say(router, PRIYA, f"/case {reference} ask When was INV-7 first sent?").text == (
        f"Your question is sent; {reference} is now in progress.")
    with factory() as session:
        asked = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "case.information_requested")).one()
    [button] = asked.payload["buttons"]
    assert (button["label"], button["value"]) == ("Reply", reference)
    form = say(router, SAM, action=button["action"], action_value=button["value"])
    assert "Your comment:" in form.text
    assert say(router, SAM, "On 1 October, by e-mail").text.startswith("Comment added to")
    with factory() as session:
        comment = session.scalars(select(CaseEvent).where(
            CaseEvent.action == "comment")).one()
        assert session.scalars(select(Question)).all() == []
    assert comment.text == "On 1 October, by e-mail"


def test_a_yes_or_no_answers_the_councils_yes_or_no_question(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 30's review: "yes" at the Reply button's "Your comment:" was refused ("needs a
    # few words, not just a yes or no") although the council asked a yes/no question.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} ask Was INV-7 sent to the right address?")
    form = press(router, SAM, _reply_button(factory), "Reply")
    assert form.text.startswith("Answer\nYour answer to the council's question:\n")
    assert say(router, SAM, "yes").text == f"Comment added to {reference}."
    with factory() as session:
        comment = session.scalars(select(CaseEvent).where(CaseEvent.action == "comment")).one()
        told = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "case.comment")).one()
    assert comment.text == "yes"
    assert told.payload["text"].startswith(
        f"New comment on {reference} from Sam, answering your question “Was INV-7 sent to the "
        "right address?”:\n“yes”")
    # Answered, and to a question not answered yes or no, a lone "no" is still refused.
    say(router, PRIYA, f"/case {reference} ask When was it first sent?")
    assert "Your comment:" in say(router, SAM, f"/case {reference} comment").text
    assert say(router, SAM, "no").text.startswith(
        "This question needs a few words, not just a yes or no.")
    say(router, SAM, "/cancel")
    # Session 31's review: a request for information put as a question took a lone "yes".
    for question, yes_or_no in (("Could you send us the PO number?", False),
                                ("May I ask what date it was sent?", False),
                                ("Can you please tell us who you sent it to?", False),
                                ("Has it been paid?", True),
                                ("Did you send it by post?", True),
                                ("Can you confirm it went to the finance team?", True)):
        say(router, PRIYA, f"/case {reference} ask {question}")
        say(router, SAM, f"/case {reference} comment")
        answered = say(router, SAM, "yes").text
        assert answered.startswith(
            f"Comment added to {reference}." if yes_or_no
            else "This question needs a few words, not just a yes or no."), question
        if not yes_or_no:
            say(router, SAM, "/cancel")


def _reply_button(factory: sessionmaker[Session]) -> Reply:
    """The council's latest question as the provider receives it, with its Reply button."""
    with factory() as session:
        asked = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "case.information_requested")
            .order_by(OutboxMessage.id.desc())).first()
    assert asked is not None
    return Reply(text=asked.payload["text"], buttons=tuple(
        Button(label=b["label"], action=b["action"], value=b["value"])
        for b in asked.payload["buttons"]))


def test_a_question_typed_at_the_resolution_is_answered_and_resolves_nothing(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 21's review: "how many cases do i have open", typed at "What was done to resolve
    # it?", resolved the case with those words, and the provider was told them.
    reference = raise_conflict(router)
    assert "What was done to resolve it?" in say(router, PRIYA, f"/case {reference} resolve").text
    before = _snapshot(factory)
    replies = router.handle(make_incoming("how long is the standstill period?", sender=PRIYA))
    # Asked of the knowledge base (this router has none wired: "I don't know"), not sent.
    assert replies[0].text.startswith("I don't know the answer to that")
    assert "What was done to resolve it?" in replies[-1].text  # the form waits
    assert _snapshot(factory)[:3] == before[:3]  # status, owner, level: not resolved
    done = say(router, PRIYA, "We paid INV-7 in full")
    assert done.text.startswith(f"{reference} is resolved")
    assert _case(factory).status == CaseStatus.RESOLVED


@pytest.mark.parametrize("words", ["thanks", "great"])
def test_small_talk_is_no_resolution(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], words: str) -> None:
    # Session 35's review: small talk alone closes nothing (a comment takes it; a resolution
    # does not).
    reference = raise_conflict(router)
    assert "What was done to resolve it?" in say(router, PRIYA, f"/case {reference} resolve").text
    assert say(router, PRIYA, words).text.startswith(
        f"A few words, please: “{words}” doesn't answer this question.\n\nResolve\n")
    assert _case(factory).status != CaseStatus.RESOLVED
    assert say(router, PRIYA, "We paid INV-7 in full").text.startswith(f"{reference} is resolved")


def test_a_resolved_case_shows_its_resolution(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 21's review: the agreed resolution was only in the history.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} resolve We paid INV-7 with interest")
    shown = say(router, SAM, f"/case {reference}").text
    assert "Resolution: “We paid INV-7 with interest”" in shown
    assert shown.index("Resolution:") < shown.index("History:")


def test_a_conflict_the_council_resolved_alone_is_reopened_by_its_provider_with_a_reason(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Session 30's trial: Priya resolved Sam's dispute ("paid in this week's run") without
    his word; "it hasn't been paid" was refused as a comment and as a rejection (pledge 6)."""
    reference = raise_conflict(router)
    resolved = say(router, PRIYA, f"/case {reference} resolve paid in this week's run")
    assert resolved.text == (f"{reference} is resolved. The provider is told, and can reopen "
                             "it until Wed 9 Dec 2026 23:59.")
    with factory() as session:
        told = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.kind == "case.resolved")).one()
    assert told["text"] == (
        f"Priya has resolved your case {reference}:\n“paid in this week's run”\n"
        f"If it isn't resolved for you, you can reopen it until Wed 9 Dec 2026 23:59: "
        f"/case {reference} reopen WHY returns it to Priya.")
    assert [b["label"] for b in told["buttons"]] == ["Reopen"]
    assert say(router, SAM, f"/case {reference} comment it hasn't been paid").text == (
        f"{reference} is resolved, so it can't be commented on now. If it isn't resolved for "
        f"you, /case {reference} reopen WHY returns it to its owner (until Wed 9 Dec 2026 "
        "23:59).")
    shown = say(router, SAM, f"/case {reference}")
    asked = press(router, SAM, shown, "Reopen")
    assert "Why isn't it resolved for you?" in asked.text
    reopened = (f"{reference} is open again, back with Priya, who is told why. Each resolution "
                "can be reopened once: if Priya resolves it again and it still isn't resolved "
                "for you, you can reopen it then.")
    assert say(router, SAM, "it hasn't been paid").text == reopened
    case = _case(factory)
    assert (case.status, case.closed_at, case.next_check_at is not None) == (
        CaseStatus.IN_PROGRESS, None, True)
    with factory() as session:
        back = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "case.reopened")).one()
    assert (back.person_id, back.payload["text"]) == (ids[PRIYA], (
        f"Sam has reopened {reference}, which you resolved; it is in progress again:\n"
        "“it hasn't been paid”"))
    # Session 30's review: it could be reopened again and again, and "it has not been paid"
    # was asked "Is this about someone's safety?". A second reopen waits for a new resolution.
    assert say(router, SAM, f"/case {reference} reopen it has not been paid").text == (
        f"You have reopened {reference} already: it is back with Priya. Each resolution can be "
        "reopened once, so if Priya resolves it again and it still isn't resolved for you, you "
        f"can reopen it then. Meanwhile /case {reference} comment TEXT adds to it.")
    say(router, PRIYA, f"/case {reference} resolve paid on Friday, remittance sent")
    press(router, SAM, say(router, SAM, f"/case {reference}"), "Reopen")
    assert say(router, SAM, "it has not been paid").text == reopened
    with factory() as session:
        assert session.scalars(select(AuditEvent).where(
            AuditEvent.action == "safeguarding.checked")).all() == []


def test_a_death_with_a_cause_commented_on_a_case_is_asked_about_whatever_money_words_it_has(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 31's review: ", and the invoice is still unpaid" made the death a business note
    # on the case ("Comment added" only), where without it the safety question was asked.
    reference = raise_conflict(router)
    replies = router.handle(make_incoming(
        f"/case {reference} comment RC-101 passed away last night after a fall, and the invoice "
        "is still unpaid", sender=SAM))
    assert [(reply.text, [b.label for b in reply.buttons]) for reply in replies] == [
        ("I'm so sorry to hear of this death.\nIs this about someone's safety? If it is, press "
         "\"Raise a concern now\" and tell me what has happened: I'll pass it to the "
         "safeguarding hub at once. If anyone is in immediate danger, call 999.",
         ["Raise a concern now"]),
        (f"Comment added to {reference}.", [])]


def test_money_words_about_someone_on_a_case_are_still_asked_about(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 31's second review: a money word made any comment on a payment case a business
    # note, a financial abuse told there included ("Comment added" only; asked before).
    reference = raise_conflict(router)
    replies = router.handle(make_incoming(
        f"/case {reference} comment the daughter who has lasting power of attorney is refusing "
        "to pay for his clothes and toiletries but bought herself a car", sender=SAM))
    assert [[b.label for b in reply.buttons] for reply in replies] == [
        ["Raise a concern now"], []]
    assert replies[0].text.startswith("Is this about someone's safety?")
    assert replies[1].text == f"Comment added to {reference}."
    # A note about the money alone is still no safety question.
    assert [reply.text for reply in router.handle(make_incoming(
        f"/case {reference} comment they still have not paid the invoice", sender=SAM))] == [
        f"Comment added to {reference}."]


def test_reopening_is_refused_politely_to_the_council_and_a_colleague_is_told_who_reopened(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 31's review: a council officer's "reopen" crashed ("Sorry, something went
    # wrong"); Sam's colleague Jo was told "You have reopened ..." after Sam reopened it.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} resolve paid in this week's run")
    assert say(router, PRIYA, f"/case {reference} reopen it was late").text == (
        "Only the provider can reopen a case. A resolution the council made is theirs to "
        "contest.")
    jo = "jo@riverside.example"
    make_person(factory, email=jo, role=Role.PROVIDER, organisation_id=ids["riverside"],
                name="Jo")
    say(router, SAM, f"/case {reference} reopen it has not been paid")
    assert say(router, jo, f"/case {reference} reopen not paid").text == (
        f"Sam reopened {reference} already: it is back with Priya. Each resolution can be "
        "reopened once, so if Priya resolves it again and it still isn't resolved for you, you "
        f"can reopen it then. Meanwhile /case {reference} comment TEXT adds to it.")
    assert _case(factory).status == CaseStatus.IN_PROGRESS


def test_a_conflict_is_not_reopened_once_accepted_nor_after_its_time(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    accepted = raise_conflict(router)
    say(router, PRIYA, f"/case {accepted} propose We pay INV-7 today")
    say(router, SAM, f"/case {accepted} accept")
    assert say(router, SAM, f"/case {accepted} reopen not paid").text == (
        f"{accepted} stays resolved: only a disagreement the council resolved without your "
        "acceptance can be reopened. /conflict raises a new one.")
    assert say(router, SAM, f"/case {accepted}").buttons == ()
    late = raise_conflict(router, reference="INV-7")
    say(router, PRIYA, f"/case {late} resolve Paid on Friday")
    clock.now += timedelta(days=15)
    assert say(router, SAM, f"/case {late} reopen not paid").text == (
        f"{late} could be reopened until Wed 9 Dec 2026 23:59; that time has passed. "
        f"/conflict raises a new one, and can quote {late}.")
    assert say(router, SAM, f"/case {late}").buttons == ()


def test_the_provider_is_sent_the_whole_resolution_and_the_start_of_a_very_long_one(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 24's trial: a 150-character resolution reached the provider cut at 120
    # characters ("... at least 10 days before de…").
    reference = raise_conflict(router)
    resolution = ("We have raised the portal time-outs with the supplier and agreed that we will "
                  "publish clarification answers at least 10 days before deadlines.")
    long_comment = " ".join(["We checked every invoice line again."] * 60)  # 2,219 characters
    say(router, PRIYA, f"/case {reference} comment {long_comment}")
    say(router, PRIYA, f"/case {reference} resolve {resolution}")
    with factory() as session:
        resolved, commented = (session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.kind == kind)).one()["text"]
            for kind in ("case.resolved", "case.comment"))
    assert f"“{resolution}”" in resolved
    assert "shows all of it" not in resolved
    quoted = commented.split("“")[1].split("”")[0]
    assert quoted.endswith("…")
    assert 1400 < len(quoted) <= 1501
    assert long_comment.startswith(quoted[:-1])
    assert long_comment[len(quoted) - 1] == " "  # cut between words
    assert commented.rstrip().endswith(f"That is its start: /case {reference} shows all of it.")


def test_the_provider_sees_to_whom_a_case_went_and_the_council_sees_why(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 24's trial: providers read "Routed to Priya Shah (routing rule 2)".
    reference = raise_conflict(router)
    with factory() as session:
        opened = session.scalars(select(CaseEvent.text).where(
            CaseEvent.action == "opened")).one()
    owner, why = opened.removeprefix("Routed to ").removesuffix(").").split(" (", 1)
    assert why  # the council's own view keeps the reason
    assert f"Routed to {owner}." in say(router, SAM, f"/case {reference}").text
    assert f"({why})" not in say(router, SAM, f"/case {reference}").text
    assert opened in say(router, PRIYA, f"/case {reference}").text


def test_a_case_action_not_theirs_is_refused_before_asking(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    assert say(router, SAM, f"/case {reference} ask").text == (
        "Only the council can ask about a case.")
    with factory() as session:
        assert session.scalars(select(FormSession)).all() == []


@pytest.mark.parametrize(("day", "until"), [
    ("friday", "Fri 27 Nov 2026"), ("Fri", "Fri 27 Nov 2026"), ("tomorrow", "Thu 26 Nov 2026"),
    ("wednesday", "Wed 2 Dec 2026")])  # today is Wednesday 25 November: the next one
def test_away_takes_a_weekday_or_tomorrow_as_the_return_date(
        router: Router, ids: dict[str, int], day: str, until: str) -> None:
    # Session 20's review: "/away friday ..." was "I couldn't read the return date 'friday'".
    assert say(router, PRIYA, f"/away {day} {DANA}").text == (
        f"Noted: from today until {until}, new cases that would come to you go to Dana, who is "
        "told and gets a copy of your reminders too. /away off when you are back early.")


def test_a_concern_typed_at_a_feedback_choice_question_is_raised_with_the_name(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 20's review: typed at question 1 (a choice: the words are not the feedback's
    # text), the concern was raised anonymously before anonymity was asked, and stayed so
    # when the person then sent the feedback "No, with my name": the hub could not reply.
    say(router, SAM, "/feedback")
    replies = router.handle(make_incoming(HARM, sender=SAM))
    assert replies[0].text.startswith("This sounds like a safeguarding concern.")
    assert "anonymous" not in replies[0].text
    with factory() as session:
        case = session.scalars(select(Case).where(Case.kind == CaseKind.SAFEGUARDING)).one()
        alert = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised")).one()
    assert case.raised_by_id == ids[SAM]
    assert SAM in alert.payload["text"]


def test_a_commissioners_ask_a_commissioner_goes_to_someone_else(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 20's review: Priya pressed "Ask a commissioner" and was told "I've passed your
    # question to Priya Shah": herself. The raiser of a case never owns it, like a party.
    replies = router.handle(make_incoming("what is the weather like in Leeds today",
                                          sender=PRIYA))
    handover = next(b for b in replies[-1].buttons if b.label == "Ask a colleague")
    done = router.handle(make_incoming(sender=PRIYA, action=handover.action,
                                       action_value=handover.value))
    assert "Priya" not in done[-1].text
    with factory() as session:
        case = session.scalars(select(Case).where(Case.kind == CaseKind.QUESTION)).one()
    assert (case.raised_by_id, case.assignee_id) == (ids[PRIYA], ids[TOM])


# --- session 22: a review of who may act on a case ---------------------------------------------


def test_only_the_provider_may_accept_and_the_proposal_waits_for_them(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # The review: the council's admin proposed and then accepted its own proposal for the
    # provider, and the owner resolved a case whose proposal waited for the provider.
    reference = raise_conflict(router)
    say(router, DANA, f"/case {reference} propose We confirm a 3 percent uplift")
    with _unchanged(factory):
        assert say(router, DANA, f"/case {reference} accept").text == (
            "Only the provider can accept a resolution to a case.")
        assert say(router, DANA, f"/case {reference} reject").text == (
            "Only the provider can reject a resolution to a case.")
        waits = say(router, PRIYA, f"/case {reference} resolve paid").text
    assert waits.startswith(f"{reference} waits for the provider's answer to your proposed "
                            "resolution")
    assert say(router, SAM, f"/case {reference} accept").text == (
        f"Thank you: {reference} is resolved.")


def test_a_commissioner_who_is_not_the_owners_side_may_comment_but_not_decide(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # The review: the hub's account resolved a commissioner's payment dispute.
    _conflict_without_a_placement(router, SAM, "Payment")
    say(router, SAM, "Invoice INV-7 is 40 days unpaid.")
    reference = finish(router, SAM, "Payment this week.").text.split()[5].rstrip(",")
    assert _case(factory).assignee_id == ids[PRIYA]
    with _unchanged(factory):
        for action in ("acknowledge", "resolve paid", "propose we pay", f"reassign {DANA}",
                       "ask which invoice?"):
            assert say(router, TOM, f"/case {reference} {action}").text.startswith(
                f"{reference} is Priya's case: only they, their cover while they are away, "
                "their escalation contact or someone it has been escalated to can"), action
    assert say(router, TOM, f"/case {reference} comment I can help with this").text == (
        f"Comment added to {reference}; Riverside (the provider) is told. For a note "
        f"only council staff read: /case {reference} note TEXT")
    assert [b.label for b in say(router, TOM, f"/case {reference}").buttons] == ["Comment"]
    # Priya's escalation contact may act for her.
    with transaction(factory) as session:
        session.get_one(Person, ids[PRIYA]).escalation_contact_id = ids[TOM]
    assert say(router, TOM, f"/case {reference} resolve Paid on Friday").text.startswith(
        f"{reference} is resolved.")
    # Said twice, it is resolved already (session 25: "is resolved, so it can't be resolved
    # now"); another step says why it can't be taken.
    with _unchanged(factory):
        assert say(router, TOM, f"/case {reference} resolve Paid on Friday").text == (
            f"{reference} is already resolved.")
        assert say(router, TOM, f"/case {reference} ask which invoice?").text == (
            f"{reference} is resolved, so it can't be asked about now.")


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_a_concern_stays_with_the_hub_and_the_hub_hears_of_every_step(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    say(router, SAM, HARM)
    concern = _case(factory)
    reference = concern.reference
    assert (concern.kind, concern.assignee_id) == (CaseKind.SAFEGUARDING, ids[TOM])
    # The provider cannot withdraw it; a commissioner who is not a lead cannot take it.
    assert say(router, SAM, f"/case {reference} withdraw").text.startswith(
        f"{reference} is a safeguarding concern: once raised it stays with the safeguarding "
        "hub")
    assert [b.label for b in say(router, SAM, f"/case {reference}").buttons] == ["Comment"]
    assert say(router, PRIYA, f"/case {reference} reassign {PRIYA}").text.startswith(
        f"{reference} is Tom's case")
    # Harm told in a comment on it (the hub's question answered) goes to this case: no
    # second concern, and the hub is told at once.
    replies = router.handle(make_incoming(
        f"/case {reference} comment It is RV-0042 and she has also been hit on the arm",
        sender=SAM))
    assert [r.text for r in replies] == [
        f"I've added this to the safeguarding concern {reference} and the hub is told now. If "
        "anyone is in immediate danger, call 999.", f"Comment added to {reference}."]
    assert _concerns(factory) == 1
    # Naming the person, the update still goes to this concern (session 25's trial: it was
    # refused for the name and raised again as a second, unlinked urgent case).
    named = router.handle(make_incoming(
        f"/case {reference} comment Mrs Harris has also been hit on the arm", sender=SAM))
    assert [r.text for r in named] == [
        f"I've added this to the safeguarding concern {reference} and the hub is told now. If "
        "anyone is in immediate danger, call 999.",
        f"Comment added to {reference}. Names in it are kept as initials."]
    assert _concerns(factory) == 1
    # The name is kept as initials, in the history and in what the hub is sent (session 26).
    with factory() as session:
        texts = session.scalars(select(CaseEvent.text).where(
            CaseEvent.action == "comment")).all()
        sent = [payload["text"] for payload in session.scalars(select(OutboxMessage.payload))]
    assert "Mrs H. has also been hit on the arm" in texts
    assert not any("Harris" in (text or "") for text in texts + sent)
    # The lead passes it to Priya, who resolves it: the hub (Tom) hears of it.
    assert say(router, TOM, f"/case {reference} reassign {PRIYA}").text == (
        f"{reference} is now Priya's.")
    assert say(router, PRIYA, f"/case {reference} resolve Police and CQC informed"
               ).text.startswith(f"{reference} is resolved.")
    with factory() as session:
        to_tom = session.execute(select(OutboxMessage.kind, OutboxMessage.urgent).where(
            OutboxMessage.person_id == ids[TOM]).order_by(OutboxMessage.id)).all()
    assert [tuple(row) for row in to_tom] == [
        ("safeguarding.raised", True), ("case.comment", True), ("case.comment", True),
        ("case.resolved", True)]


def test_the_same_words_sent_twice_open_one_case(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 22's review: the same feedback sent twice made two cases, both in the digest.
    reference = raise_conflict(router)
    reply = say(router, SAM, "/conflict")
    reply = press(router, SAM, reply, "Payment")
    say(router, SAM, "RV-0042")
    say(router, SAM, "Invoice INV-7 for RV-0042 is 40 days unpaid.")
    again = finish(router, SAM, "Payment this week, and the 10-day rule kept.")
    assert again.text == (
        f"You sent these same words as {reference} within the last day, so I haven't opened a "
        f"second case. /case {reference} shows where it is; /case {reference} comment TEXT adds "
        "to it.")
    for _ in range(2):  # the same anonymous feedback twice
        sent = router.handle(Incoming(
            channel=Channel.CONSOLE, conversation="test", sender=SAM, form_id="feedback",
            form_values={"part": "Procurement process", "rating": "2", "pledge": "",
                         "anonymous": cases_chat.ANONYMOUS_CHOICES[0],
                         "text": "The portal times out"}, received_at=FIXED_NOW))
    assert sent[-1].text.startswith("The same words came in as anonymous feedback (PB-2026-")
    # The same words about another invoice are another disagreement (the session's code
    # review).
    other = raise_conflict(router, reference="INV-7")
    assert other != reference
    with factory() as session:
        kinds = session.scalars(select(Case.kind).order_by(Case.id)).all()
    assert kinds == [CaseKind.CONFLICT, CaseKind.FEEDBACK, CaseKind.CONFLICT]


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_another_form_does_not_throw_away_a_half_done_disagreement(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 22's review: /feedback half-way through /conflict dropped the conflict's words.
    _conflict_without_a_placement(router, SAM, "Payment")
    say(router, SAM, "Invoice INV-7 is 40 days unpaid.")
    busy = say(router, SAM, "/feedback the portal is slow")
    assert busy.text == (
        "You have a disagreement half done, with your words in it, so I haven't started another "
        "form. It waits for: \"What outcome would you like?\" Answer that to carry on, or send "
        "/cancel to drop it; then ask again.")
    done = finish(router, SAM, "Payment this week.")
    assert done.text.startswith("Thank you. Your case is PB-2026-")
    with factory() as session:
        case = session.scalars(select(Case)).one()
    assert (case.kind, case.description) == (CaseKind.CONFLICT, "Invoice INV-7 is 40 days unpaid.")
    # The safeguarding concern's form is never held up by another.
    _conflict_without_a_placement(router, SAM, "Payment")
    say(router, SAM, "Something else is unpaid.")
    concern = say(router, SAM, action="safeguarding.raise", action_value="")
    assert concern.text.startswith("I've cancelled your unfinished Disagreement.")


def _placement(factory: sessionmaker[Session], reference: str, council: int, provider: int,
               commissioner: int, contact: int, *, started_on: date = date(2026, 6, 1),
               ended_on: date | None = None) -> None:
    """A placement of ``provider``'s with ``council``."""
    with transaction(factory) as session:
        session.add(Placement(reference=reference, council_id=council, provider_id=provider,
                              commissioner_id=commissioner, provider_contact_id=contact,
                              started_on=started_on, ended_on=ended_on))


@pytest.fixture
def both_councils_lead(factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Tom leads safeguarding at Northshire, Otto at Southshire."""
    with transaction(factory) as session:
        session.get_one(Person, ids[TOM]).safeguarding_lead = True
        session.get_one(Person, ids[OTTO]).safeguarding_lead = True


def _concern_cases(factory: sessionmaker[Session]) -> list[tuple[str, int, int]]:
    """Each concern's reference, council and owner."""
    with factory() as session:
        return [tuple(row) for row in session.execute(  # type: ignore[misc]
            select(Case.reference, Case.council_id, Case.assignee_id)
            .where(Case.kind == CaseKind.SAFEGUARDING).order_by(Case.id))]


def _alerted(factory: sessionmaker[Session]) -> dict[int, list[str | None]]:
    """Who was sent an urgent concern alert, and the case each names."""
    found: dict[int, list[str | None]] = {}
    with factory() as session:
        for person, payload in session.execute(select(
                OutboxMessage.person_id, OutboxMessage.payload).where(
                OutboxMessage.kind == "safeguarding.raised").order_by(OutboxMessage.id)):
            named = re.search(r"PB-\d{4}-\d+", payload["text"])
            found.setdefault(person, []).append(named.group(0) if named else None)
    return found


@pytest.mark.usefixtures("hillview_also_works_for_southshire", "both_councils_lead")
def test_a_concern_from_a_provider_of_two_councils_is_a_case_at_each(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 26's trial: it opened no case (no acknowledgement clock) and went, as "SG-...",
    # to every council's leads.
    reply = say(router, ALEX, HARM)
    [north, south] = _concern_cases(factory)
    assert (north[1], south[1]) == (ids["north"], ids["south"])
    assert reply.text.endswith(
        f"I have told the safeguarding hubs of Northshire and Southshire now (references "
        f"{north[0]} and {south[0]}): they will be in touch.")
    alerted = _alerted(factory)
    assert alerted[ids[TOM]] == [north[0]]
    assert alerted[ids[OTTO]] == [south[0]]


@pytest.mark.usefixtures("hillview_also_works_for_southshire", "both_councils_lead")
def test_a_concern_naming_a_placement_goes_to_that_placements_council(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    _placement(factory, "HV-0901", ids["south"], ids["hillview"], ids[OTTO], ids[ALEX])
    reply = say(router, ALEX, f"hv-0901. {HARM}")
    [(reference, council, _owner)] = _concern_cases(factory)
    assert council == ids["south"]
    assert f"hub now (reference {reference})" in reply.text
    assert set(_alerted(factory)) == {ids[OTTO]}


@pytest.mark.usefixtures("both_councils_lead")
def test_a_concern_from_a_provider_no_council_knows_is_a_case_at_every_council(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    oakview = make_organisation(factory, "Oakview", OrganisationKind.PROVIDER)
    make_person(factory, email="olu@oakview.example", role=Role.PROVIDER,
                organisation_id=oakview, name="Olu")
    say(router, "olu@oakview.example", HARM)
    cases = _concern_cases(factory)
    assert [council for _reference, council, _owner in cases] == [ids["north"], ids["south"]]
    assert set(_alerted(factory)) == {ids[TOM], ids[OTTO]}


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_an_unsure_update_on_a_concern_is_not_asked_about(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 26's trial: "/case REF comment ..." on a concern also got "Is this about
    # someone's safety?" (the hub is told of the comment anyway).
    say(router, SAM, HARM)
    [reference] = [case[0] for case in _concern_cases(factory)]
    words = "can someone ring me about my mum, im worried"
    replies = router.handle(make_incoming(f"/case {reference} comment {words}", sender=SAM))
    assert [reply.text for reply in replies] == [f"Comment added to {reference}."]
    # The same words anywhere else are asked about.
    assert router.handle(make_incoming(words, sender=SAM))[0].text.startswith(
        "Is this about someone's safety?")


def test_accept_typed_answers_the_one_proposal_waiting(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 26's trial: "accept" typed after a proposal got a knowledge-base answer.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} acknowledge")
    # Nothing waits for Sam yet, and a commissioner has nothing to accept: the Accept button
    # is not on offer (session 32's trial: a knowledge-base answer).
    assert say(router, SAM, "accept").text.startswith("That button isn't on offer now.")
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 on Friday")
    assert say(router, PRIYA, "accept").text.startswith("That button isn't on offer now.")
    # "agreed" is not the button's word (the session's review: it resolved the case).
    assert not say(router, SAM, "agreed").text.startswith("Thank you:")
    assert _case(factory).status == CaseStatus.RESOLUTION_PROPOSED
    assert say(router, SAM, "I accept it").text == f"Thank you: {reference} is resolved."
    assert _case(factory).status == CaseStatus.RESOLVED


def test_reject_typed_with_two_proposals_waiting_asks_which(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    first = raise_conflict(router)
    second = raise_conflict(router, reference="INV-7")
    for reference in (first, second):
        say(router, PRIYA, f"/case {reference} acknowledge")
        say(router, PRIYA, f"/case {reference} propose We pay on Friday")
    # Neither is on screen (session 33's trial: the last one shown is the one answered).
    clock.now += timedelta(minutes=5)
    say(router, SAM, "/cases")
    assert say(router, SAM, "reject").text == (
        f"Proposals wait for your answer on {first}, {second}. Which one? Send /case REF "
        "reject with its reference.")
    with factory() as session:
        statuses = session.scalars(select(Case.status)).all()
    assert statuses == [CaseStatus.RESOLUTION_PROPOSED] * 2


def test_a_correction_of_the_answer_before_changes_it_and_asks_again(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 26's trial: "oh wait wrong one, INV-2001" typed after the invoice question became
    # the answer to "What has happened?" and the case's headline.
    reply = say(router, SAM, "/conflict")
    reply = press(router, SAM, reply, "Payment")
    assert "What has happened?" in say(router, SAM, "RV-0042").text
    corrected = say(router, SAM, "oh wait wrong one, INV-7")
    assert corrected.text.startswith(
        'Changed: "Which placement or invoice is it about?" is now "INV-7".')
    assert "What has happened?" in corrected.text
    say(router, SAM, "Invoice INV-7 is 40 days unpaid.")
    finish(router, SAM, "Payment this week.")
    case = _case(factory)
    assert case.description == "Invoice INV-7 is 40 days unpaid."
    with factory() as session:
        invoice = session.scalars(select(Invoice).where(Invoice.number == "INV-7")).one()
    assert case.invoice_id == invoice.id
    # Words that begin like a correction but name no answer of the question before are the
    # answer to the question asked.
    reply = say(router, SAM, "/conflict")
    reply = press(router, SAM, reply, "Payment")
    say(router, SAM, "RV-0042")
    assert "What outcome would you like?" in say(
        router, SAM, "sorry, wrong of the council to hold back our fees").text
    # Words in prose are never "corrected" (the session's review: the outcome "Should be paid
    # in full at the new rate, with interest" replaced the description).
    done = finish(router, SAM, "Should be paid in full at the new rate, with interest")
    assert done.text.startswith("Thank you. Your case is")
    case = _case(factory)
    assert (case.description, case.outcome_wanted) == (
        "sorry, wrong of the council to hold back our fees",
        "Should be paid in full at the new rate, with interest")


@pytest.mark.usefixtures("both_councils_lead")
def test_a_concern_goes_to_the_councils_a_provider_works_with_now(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # The session's review: a placement with Southshire that ended in 2021 sent an unrelated
    # concern to Southshire too.
    _placement(factory, "HV-0100", ids["south"], ids["hillview"], ids[OTTO], ids[ALEX],
               started_on=date(2020, 1, 6), ended_on=date(2021, 3, 1))
    say(router, ALEX, HARM)
    assert [council for _reference, council, _owner in _concern_cases(factory)] == [
        ids["north"]]


def _contract(factory: sessionmaker[Session], reference: str, council: int, provider: int,
              commissioner: int, *, ends_on: date | None) -> None:
    """A contract of ``provider``'s with ``council``, ending on ``ends_on`` (or not at all)."""
    with transaction(factory) as session:
        session.add(Contract(reference=reference, council_id=council, provider_id=provider,
                             commissioner_id=commissioner, title="Home care",
                             ends_on=ends_on))


@pytest.mark.usefixtures("both_councils_lead")
def test_a_concern_leaves_out_a_council_whose_only_contract_with_the_provider_has_ended(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 28: a contract had no end date, so one that ended years ago counted as current
    # work and the concern went to that council's hub too. Hillview's Northshire contract has
    # no end date; its Southshire one ended last year; one ending today is still current.
    _contract(factory, "HV-SOUTH", ids["south"], ids["hillview"], ids[OTTO],
              ends_on=date(2025, 9, 30))
    say(router, ALEX, HARM)
    assert [council for _reference, council, _owner in _concern_cases(factory)] == [
        ids["north"]]
    assert set(_alerted(factory)) == {ids[TOM]}
    _contract(factory, "HV-SOUTH-2", ids["south"], ids["hillview"], ids[OTTO],
              ends_on=FIXED_NOW.date())
    say(router, ALEX, f"Another matter. {HARM}")
    assert [council for _reference, council, _owner in _concern_cases(factory)][1:] == [
        ids["north"], ids["south"]]


@pytest.mark.usefixtures("both_councils_lead")
def test_a_concern_from_a_provider_with_only_an_ended_contract_goes_to_that_council(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # No current work with any council: the rule before end dates stands (the councils it
    # has worked with), not every council's hub.
    oakview = make_organisation(factory, "Oakview", OrganisationKind.PROVIDER)
    make_person(factory, email="olu@oakview.example", role=Role.PROVIDER,
                organisation_id=oakview, name="Olu")
    _contract(factory, "OV-1", ids["south"], oakview, ids[OTTO], ends_on=date(2025, 9, 30))
    say(router, "olu@oakview.example", HARM)
    assert [council for _reference, council, _owner in _concern_cases(factory)] == [
        ids["south"]]
    assert set(_alerted(factory)) == {ids[OTTO]}



def test_a_rejection_typed_with_its_reason_keeps_the_reason(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 26's second trial: "yes that's fine, we accept" and "no we reject that, ..." went
    # to the knowledge base, and the reason typed after a bare "reject" was lost.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} acknowledge")
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 next month")
    rejected = say(router, SAM, "no we reject that, the fee change must be paid now")
    assert rejected.text == f"{reference} stays open, back with Priya, who is told."
    with factory() as session:
        event = session.scalars(select(CaseEvent).where(
            CaseEvent.action == "rejected")).one()
    assert event.text == "the fee change must be paid now"
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 on Friday")
    assert say(router, SAM, "yes that's fine, we accept").text == (
        f"Thank you: {reference} is resolved.")


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_more_about_the_same_placement_the_same_day_goes_to_its_open_concern(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 26's second trial: "further to my report about RC-104 this morning ..." opened a
    # second, unlinked urgent case that nobody acknowledged.
    say(router, SAM, "RV-0042 has bruises on her arms and says a carer grabbed her")
    [(reference, _council, _owner)] = _concern_cases(factory)
    replies = router.handle(make_incoming(
        "further to my report about RV-0042 this morning, she now has a red mark on her wrist "
        "and says the carer hit her", sender=SAM))
    assert replies[0].text.startswith(
        f"I've added this to the safeguarding concern {reference} and the hub is told now.")
    assert len(_concern_cases(factory)) == 1
    with factory() as session:
        comments = session.scalars(select(CaseEvent.text).where(
            CaseEvent.action == "comment")).all()
        told = session.scalars(select(OutboxMessage.kind).where(
            OutboxMessage.person_id == ids[TOM]).order_by(OutboxMessage.id)).all()
    assert comments == ["further to my report about RV-0042 this morning, she now has a red "
                        "mark on her wrist and says the carer hit her"]
    assert told == ["safeguarding.raised", "case.comment"]
    # Harm about another placement is a concern of its own.
    say(router, SAM, "RV-0099 says the night carer slapped him")
    assert len(_concern_cases(factory)) == 2


def test_a_correction_naming_the_right_answer_first_is_taken(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # The session's second review: "sorry wrong one, RV-0042 not INV-7" tried only the last
    # word, the answer already given, and became the description.
    reply = say(router, SAM, "/conflict")
    reply = press(router, SAM, reply, "Payment")
    say(router, SAM, "INV-7")
    corrected = say(router, SAM, "sorry wrong one, RV-0042 not INV-7")
    assert corrected.text.startswith(
        'Changed: "Which placement or invoice is it about?" is now "RV-0042".')


WHY_ASKED = ("\n\nRejected\nWhat would work for you?\nIt goes on the case as a comment.\n"
             "Type your answer, or skip it; /cancel stops without sending anything.")


def test_a_rejection_without_its_reason_asks_what_would_work_and_keeps_it_as_a_comment(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 30's trial: after Reject, "To say why, send /case ... comment WHAT WOULD WORK",
    # and the reason typed next was answered as a question for the knowledge base.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} acknowledge")
    say(router, PRIYA, f"/case {reference} propose We pay once the PO number is added")
    rejected = press(router, SAM, say(router, SAM, f"/case {reference}"), "Reject")
    assert rejected.text == f"{reference} stays open, back with Priya, who is told." + WHY_ASKED
    assert say(router, SAM, "We don't have a PO number, you never issued one").text == (
        f"Comment added to {reference}.")
    with factory() as session:
        events = session.execute(select(CaseEvent.action, CaseEvent.text)
                                 .order_by(CaseEvent.id)).all()
        assert session.scalar(select(FormSession.id)) is None
    assert events[-2:] == [("rejected", None),
                           ("comment", "We don't have a PO number, you never issued one")]
    assert _case(factory).status == CaseStatus.IN_PROGRESS


def test_typed_answers_to_a_proposal_that_are_not_answers(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # The session's second review: "accept?" and "no, accept" resolved the case; "reject."
    # went to the knowledge base.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} acknowledge")
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 next month")
    for words in ("accept?", "no, accept"):
        say(router, SAM, words)
        assert _case(factory).status == CaseStatus.RESOLUTION_PROPOSED, words
    assert say(router, SAM, "reject.").text == (
        f"{reference} stays open, back with Priya, who is told." + WHY_ASKED)


def test_a_case_passed_on_after_its_time_says_it_is_overdue(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Session 26's second trial: passed on at 12:00, it said "Please acknowledge by ... 11:00".
    reference = raise_conflict(router, reference="")  # no placement: Tom is no party
    clock.now += timedelta(days=10)
    assert say(router, PRIYA, f"/case {reference} reassign {TOM}").text == (
        f"{reference} is now Tom's.")
    with factory() as session:
        [told] = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.person_id == ids[TOM],
            OutboxMessage.kind == "case.reassigned")).all()
    assert "so it is overdue: please acknowledge it now; resolve by " in told["text"]
    assert "Please acknowledge by" not in told["text"]


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_a_follow_up_naming_another_placement_or_sent_twice(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # The session's third review: a follow-up naming another placement too became a comment on
    # the first concern; the same follow-up twice was two comments and two alerts.
    _placement(factory, "RV-0043", ids["north"], ids["riverside"], ids[TOM], ids[SAM])
    say(router, SAM, "RV-0042 has bruises on her arms and says a carer grabbed her")
    more = "further to my report about RV-0042, she now has a red mark and the carer hit her"
    first = router.handle(make_incoming(more, sender=SAM))
    assert first[0].text.startswith("I've added this to the safeguarding concern")
    again = router.handle(make_incoming(more, sender=SAM))
    assert again[0].text.startswith("I passed these same words to the council's safeguarding")
    with factory() as session:
        comments = session.scalars(select(CaseEvent.text).where(
            CaseEvent.action == "comment")).all()
    assert comments == [more]
    say(router, SAM, "further to RV-0042: RV-0043 was also hit by the same carer last night")
    assert len(_concern_cases(factory)) == 2  # RV-0043's is a concern of its own


# -- a placement reference is a council's ------------------------------------------------------
def _case_about(factory: sessionmaker[Session]) -> tuple[int, int | None]:
    """The one conflict case's council and placement's council."""
    with factory() as session:
        case = session.scalars(select(Case).where(Case.kind == CaseKind.CONFLICT)).one()
        placement = session.get(Placement, case.placement_id) if case.placement_id else None
        return case.council_id, placement.council_id if placement is not None else None


def test_a_disagreement_about_a_placement_of_two_councils_asks_which(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Sam has an RV-0042 at Northshire and one at Southshire: the first of them was taken.
    _placement(factory, "RV-0042", ids["south"], ids["riverside"], ids[OTTO], ids[SAM])
    reply = say(router, SAM, "/conflict")
    reply = press(router, SAM, reply, "Payment")
    asked = say(router, SAM, "rv-0042")
    assert asked.text.startswith(
        "You have a placement RV-0042 with Northshire and one with Southshire: please give "
        "the council's name after the reference (RV-0042 Northshire).")
    assert count_rows(factory, Case) == 0
    assert "What has happened?" in say(router, SAM, "RV-0042 Southshire").text
    say(router, SAM, "Invoice INV-7 is 40 days unpaid.")
    assert finish(router, SAM, "Payment this week.").text.startswith("Thank you. Your case is")
    assert _case_about(factory) == (ids["south"], ids["south"])


def test_a_disagreement_about_a_contract_two_councils_have_asks_which(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 28: a contract reference is a council's too; Hillview has an HV-HOMECARE with
    # Northshire and one with Southshire, and the first of them was taken.
    _contract(factory, "hv-homecare", ids["south"], ids["hillview"], ids[OTTO], ends_on=None)
    reply = say(router, ALEX, "/conflict")
    reply = press(router, ALEX, reply, "Payment")
    asked = say(router, ALEX, "HV-HomeCare")
    assert asked.text.startswith(
        "You have a contract HV-HOMECARE with Northshire and one with Southshire: please give "
        "the council's name after the reference (HV-HOMECARE Northshire).")
    assert count_rows(factory, Case) == 0
    assert "What has happened?" in say(router, ALEX, "HV-HOMECARE southshire").text
    say(router, ALEX, "The uplift was not paid.")
    assert finish(router, ALEX, "Pay it.").text.startswith("Thank you. Your case is")
    with factory() as session:
        case = session.scalars(select(Case)).one()
        contract = session.get_one(Contract, case.contract_id)
    assert (case.council_id, contract.council_id) == (ids["south"], ids["south"])


@pytest.mark.parametrize(("others", "named"), [
    ((), "Southshire"),  # a council the provider has no placement with at all
    (("RV-0043",), "Southshire"),  # one it has other placements with, not RV-0042
    (("RV-0043",), "SOUTHSHIRE"),
])
def test_a_disagreement_naming_a_council_without_that_placement_is_refused_and_asked_again(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        others: tuple[str, ...], named: str) -> None:
    # Hillview's RV-0042 at Southshire is said of exactly as no RV-0042 there at all. It was
    # "I can't find a placement, invoice, contract or tender 'RV-0042 Southshire' of yours".
    _placement(factory, "RV-0042", ids["south"], ids["hillview"], ids[OTTO], ids[ALEX])
    for reference in others:
        _placement(factory, reference, ids["south"], ids["riverside"], ids[OTTO], ids[SAM])
    press(router, SAM, say(router, SAM, "/conflict"), "Payment")
    refused = say(router, SAM, f"rv-0042 {named}")
    assert refused.text.startswith(
        "RV-0042 is not a placement you have with Southshire. Yours is with Northshire: give "
        "the council's name after the reference (RV-0042 Northshire), or another reference."
    ), refused.text
    assert "Which placement or invoice is it about?" in refused.text
    assert count_rows(factory, Case) == 0
    assert "What has happened?" in say(router, SAM, "RV-0042 Northshire").text
    say(router, SAM, "Invoice INV-7 is 40 days unpaid.")
    assert finish(router, SAM, "Payment this week.").text.startswith("Thank you. Your case is")
    assert _case_about(factory) == (ids["north"], ids["north"])


@pytest.mark.parametrize(("words", "refused"), [
    ("INV-7 Northshire", None),  # the invoice, to the council it is to
    ("inv-7 NORTHSHIRE", None),
    ("INV-7 Southshire", "I can't find INV-7 with Southshire. Yours is with Northshire: give the "
                         "council's name after the reference (INV-7 Northshire), or another "
                         "reference."),
    ("ZZ-9 Southshire", "I can't find ZZ-9 with Southshire."),
])
def test_a_disagreement_naming_an_invoice_and_a_council_is_never_called_a_placement(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], words: str,
        refused: str | None) -> None:
    # The session's review: "INV-7 Southshire" was "INV-7 is not a placement you have with
    # Southshire", and "INV-7 Northshire" was not found at all.
    press(router, SAM, say(router, SAM, "/conflict"), "Payment")
    reply = say(router, SAM, words)
    if refused is not None:
        assert reply.text.startswith(refused + "\n"), reply.text
        assert "placement" not in reply.text.split("\n")[0]
        assert count_rows(factory, Case) == 0
        return
    assert "What has happened?" in reply.text
    say(router, SAM, "It is 40 days unpaid.")
    assert finish(router, SAM, "Payment this week.").text.startswith("Thank you. Your case is")
    with factory() as session:
        case = session.scalars(select(Case)).one()
        invoice = session.get_one(Invoice, case.invoice_id)
    assert (case.council_id, invoice.number) == (ids["north"], "INV-7")


def test_a_disagreement_about_a_placement_at_two_councils_of_one_short_name_is_answered_once(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # "Northshire" named both, so the example the question gave was asked about again.
    borough = make_organisation(factory, "Northshire Borough Council", OrganisationKind.COUNCIL)
    county = make_organisation(factory, "Northshire County Council", OrganisationKind.COUNCIL)
    for council in (borough, county):
        commissioner = make_person(factory, email=f"c{council}@northshire.example",
                                   role=Role.COMMISSIONER, organisation_id=council)
        _placement(factory, "RV-0500", council, ids["riverside"], commissioner, ids[SAM])
    press(router, SAM, say(router, SAM, "/conflict"), "Payment")
    asked = say(router, SAM, "RV-0500")
    assert asked.text.startswith(
        "You have a placement RV-0500 with Northshire Borough Council and one with Northshire "
        "County Council: please give the council's name after the reference (RV-0500 "
        "Northshire Borough)."), asked.text
    # The example is an answer: taken, and the form goes on to the next question.
    assert "What has happened?" in say(router, SAM, "RV-0500 Northshire Borough").text


def test_a_disagreement_about_another_providers_placement_of_that_reference_is_refused(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Hillview's RV-0042 at Southshire is not Sam's to name, and Sam's is not Alex's.
    _placement(factory, "RV-0042", ids["south"], ids["hillview"], ids[OTTO], ids[ALEX])
    reference = raise_conflict(router, SAM, "RV-0042")
    assert reference.startswith("PB-")
    assert _case_about(factory) == (ids["north"], ids["north"])
    reply = say(router, ALEX, "/conflict")
    reply = press(router, ALEX, reply, "Payment")
    assert "What has happened?" in say(router, ALEX, "RV-0042").text
    say(router, ALEX, "Our invoice is unpaid.")
    finish(router, ALEX, "Payment this week.")
    with factory() as session:
        councils = sorted(session.scalars(select(Case.council_id).where(
            Case.kind == CaseKind.CONFLICT)))
    assert councils == sorted([ids["north"], ids["south"]])


@pytest.mark.usefixtures("both_councils_lead")
def test_a_concern_naming_a_reference_two_councils_use_goes_to_the_senders_own_council(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Northshire's RV-0042 is Sam's, Southshire's is Hillview's.
    _placement(factory, "RV-0042", ids["south"], ids["hillview"], ids[OTTO], ids[ALEX])
    say(router, SAM, "RV-0042 has bruises on her arms and says a carer grabbed her")
    assert [council for _ref, council, _owner in _concern_cases(factory)] == [ids["north"]]
    assert set(_alerted(factory)) == {ids[TOM]}
    say(router, ALEX, "rv-0042 has bruises on his arms and says a carer grabbed him")
    assert [council for _ref, council, _owner in _concern_cases(factory)] == [
        ids["north"], ids["south"]]
    assert set(_alerted(factory)) == {ids[TOM], ids[OTTO]}


@pytest.mark.usefixtures("both_councils_lead")
def test_more_about_a_placement_of_two_councils_goes_to_its_concern_at_each(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # The session's review: Sam's RV-0042 at Northshire and at Southshire; the first concern
    # was a case at each, so "further to RV-0042" found two and opened two new urgent cases
    # every time it was sent.
    _placement(factory, "RV-0042", ids["south"], ids["riverside"], ids[OTTO], ids[SAM])
    _placement(factory, "RV-0043", ids["north"], ids["riverside"], ids[TOM], ids[SAM])
    say(router, SAM, "RV-0042 has bruises on her arms and says a carer grabbed her")
    [(north, _n, _o), (south, _s, _p)] = _concern_cases(factory)
    more = "Further to RV-0042: she now has bruises on her legs as well"
    replies = router.handle(make_incoming(more, sender=SAM))
    assert replies[0].text.startswith(
        f"I've added this to the safeguarding concerns {north} (Northshire) and {south} "
        "(Southshire) and the hubs are told now.")
    assert len(_concern_cases(factory)) == 2
    again = router.handle(make_incoming(more, sender=SAM))
    assert again[0].text.startswith("I passed these same words to the council's safeguarding")
    with factory() as session:
        comments = sorted(session.execute(select(Case.reference, CaseEvent.text).join(
            CaseEvent, CaseEvent.case_id == Case.id).where(
            CaseEvent.action == "comment")).all())
        told = sorted(session.execute(select(OutboxMessage.person_id, OutboxMessage.kind)
                                      .where(OutboxMessage.kind == "case.comment")).all())
    assert [tuple(row) for row in comments] == [(north, more), (south, more)]
    assert [tuple(row) for row in told] == sorted(
        [(ids[TOM], "case.comment"), (ids[OTTO], "case.comment")])
    # Another placement named too: a concern of its own, as at one council (at each council
    # of the placements it names).
    say(router, SAM, "further to RV-0042: RV-0043 was also hit by the same carer last night")
    assert len(_concern_cases(factory)) == 4


def test_a_disagreement_naming_a_council_without_that_contract_says_contract(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Hillview's HV-HOMECARE is Northshire's; a contract of that reference at Southshire
    # (anybody's) is not Hillview's to name.
    press(router, ALEX, say(router, ALEX, "/conflict"), "Payment")
    refused = say(router, ALEX, "HV-HOMECARE Southshire")
    assert refused.text.startswith(
        "HV-HOMECARE is not a contract you have with Southshire. Yours is with Northshire: "
        "give the council's name after the reference (HV-HOMECARE Northshire), or another "
        "reference."), refused.text
    assert count_rows(factory, Case) == 0
    assert "What has happened?" in say(router, ALEX, "HV-HOMECARE Northshire").text


def test_a_new_case_alert_ends_with_how_to_see_it_on_a_line_of_its_own(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 30's trial: every new-case alert read "... resolve by Wed 6 Jan 2027 17:00.Reply
    # /case PB-... to see it." (the template's last block tag ate the line's end).
    reference = raise_conflict(router)
    with factory() as session:
        payloads = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.person_id == ids[PRIYA])).all()
    [alert] = [payload["text"] for payload in payloads if reference in payload["text"]
               and "for you" in payload["text"]]
    lines = alert.splitlines()
    assert lines[-1] == f"Reply /case {reference} to see it."
    assert lines[-2].startswith("Please acknowledge by ")
    assert lines[-2].endswith(".")


@pytest.mark.parametrize(("until", "shown"), [
    ("friday", "Fri 27 Nov 2026"), ("this friday", "Fri 27 Nov 2026"),
    ("friday next week", "Fri 4 Dec 2026"),
    ("30 Nov 2026", "Mon 30 Nov 2026"), ("3rd of December", "Thu 3 Dec 2026"),
])
def test_away_reads_its_date_as_every_command_does(
        router: Router, ids: dict[str, int], until: str, shown: str) -> None:
    # Session 30's trial: "/away next friday EMAIL" got the usage line.
    assert say(router, PRIYA, f"/away {until} {DANA}").text == (
        f"Noted: from today until {shown}, new cases that would come to you go to Dana, who is "
        "told and gets a copy of your reminders too. /away off when you are back early.")


def test_away_next_friday_said_on_a_wednesday_asks_which_friday(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 46: "next friday" said on a Wednesday (FIXED_NOW) is this week's Friday to some and
    # the next week's to others; every command now asks, as a booking in chat does (it was read
    # as the coming one, Fri 27 Nov, here).
    assert say(router, PRIYA, f"/away next friday {DANA}").text == (
        "Which Friday is the return date: Fri 27 Nov 2026 or Fri 4 Dec 2026? Please send it "
        "again with the date alone, such as 04/12/2026. Nothing is recorded yet.")
    assert say(router, PRIYA, f"/away 04/12/2026 {DANA}").text.startswith(
        "Noted: from today until Fri 4 Dec 2026,")


def test_what_would_work_is_never_a_question_nor_a_lone_yes(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 30's review: after Reject, a question and a lone "yes" were each posted to the
    # council as the case's comment.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} acknowledge")
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 next month")
    say(router, SAM, f"/case {reference} reject")
    for words in ("how long does the council have to resolve a conflict?", "yes"):
        replies = router.handle(make_incoming(words, sender=SAM))
        assert "What would work for you?" in replies[-1].text  # asked again
        with factory() as session:
            assert session.scalars(select(CaseEvent).where(
                CaseEvent.action == "comment")).all() == []
    assert say(router, SAM, "pay INV-7 this week").text.startswith(
        f"Comment added to {reference}.")


def test_a_cover_is_told_nothing_once_the_absence_is_over_and_told_once_a_notice_was_read(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Session 30's review: "/away off" weeks after the return day told the cover "Priya is
    # back"; and with the return day moved (the first notice read, the second not yet sent),
    # "/away off" withdrew the second and told the cover nothing.
    def ended() -> list[str]:
        with factory() as session:
            return list(session.scalars(select(OutboxMessage.payload["text"].as_string()).where(
                OutboxMessage.kind == "person.cover_ended",
                OutboxMessage.person_id == ids[DANA])))

    say(router, PRIYA, f"/away 2026-11-27 {DANA}")
    clock.now += timedelta(days=10)  # 5 December: back since the 27th
    assert say(router, PRIYA, "/away off").text.startswith("Welcome back")
    assert ended() == []
    say(router, PRIYA, f"/away 2026-12-24 {DANA}")
    with factory() as session:  # Dana has read that she covers until the 24th
        session.execute(update(OutboxMessage).where(
            OutboxMessage.kind == "person.cover", OutboxMessage.person_id == ids[DANA])
            .values(status=OutboxStatus.SENT))
        session.commit()
    say(router, PRIYA, f"/away 2026-12-28 {DANA}")
    say(router, PRIYA, "/away off")
    assert len(ended()) == 1


BUTTON_AGAIN = "“{label}” is the button you pressed: I still need your own words."


def test_a_button_label_typed_as_the_reason_it_asks_for_is_asked_again(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 32's trial: Reopen, then "Reopen" typed (the button pressed twice), reopened the
    # case with the reason "Reopen"; Reject, then "Reject", sent the comment "Reject" to Tom.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} resolve paid in this week's run")
    press(router, SAM, say(router, SAM, f"/case {reference}"), "Reopen")
    again = say(router, SAM, "Reopen")
    assert again.text.startswith(BUTTON_AGAIN.format(label="Reopen")), again.text
    assert "Why isn't it resolved for you?" in again.text
    assert _case(factory).status == CaseStatus.RESOLVED
    assert say(router, SAM, "it hasn't been paid").text.startswith(f"{reference} is open again")
    say(router, PRIYA, f"/case {reference} propose We pay once the PO number is added")
    press(router, SAM, say(router, SAM, f"/case {reference}"), "Reject")
    again = say(router, SAM, "reject")
    assert again.text.startswith(BUTTON_AGAIN.format(label="reject")), again.text
    assert "What would work for you?" in again.text
    assert _last_event(factory) == "rejected"
    assert say(router, SAM, "Pay it now").text == f"Comment added to {reference}."


@pytest.mark.parametrize("label", [
    "Tell the council", "[1]", "accept", "Acknowledge", "Snooze 1 week", "Helpful",
    "Yes, done on Thu 3 Dec 2026", "More", "Ask a commissioner", "reject.", "Send anyway",
    "Change my words", "Send without them", "Set me away", "Keep Fri 18 Dec 2026",
    "Change date to Thu 24 Dec 2026"])
def test_a_button_label_typed_when_no_such_button_is_on_offer_is_not_a_question(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        label: str) -> None:
    # Session 32's trial: "Tell the council" got commitment 26's answer, "[1]" and "accept"
    # a knowledge-base entry, "Acknowledge", "Snooze 1 week", "Helpful" were noted as
    # questions, and an old "Yes, done on ..." or "More", then the offered "Ask a
    # commissioner", opened a case whose question was the button's label.
    reply = say(router, SAM, label)
    assert reply.text.startswith("That button isn't on offer now."), reply.text
    assert reply.buttons == ()
    assert count_rows(factory, Question) == 0
    assert count_rows(factory, Case) == 0


def test_words_typed_while_the_councils_question_waits_are_offered_as_the_reply(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 32's trial: Tom asked "Which invoice number was it?"; Sam's "It was INV-5, sent
    # on 2 October" was "I don't know the answer to that" and a knowledge-base gap.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} ask Which invoice number was it?")
    offered = say(router, SAM, "It was INV-5, sent on 2 October")
    assert offered.text.startswith(
        f"Is this your reply to Priya on {reference} (“Which invoice number was it?”)? If it "
        "is, I'll add it to the case and tell them."), offered.text
    assert [b.label for b in offered.buttons][:2] == ["Yes", "No"]
    assert count_rows(factory, Question) == 0
    assert press(router, SAM, offered, "Yes").text == f"Comment added to {reference}."
    with factory() as session:
        assert session.execute(select(CaseEvent.action, CaseEvent.text)
                               .order_by(CaseEvent.id.desc()).limit(1)).one() == (
            "comment", "It was INV-5, sent on 2 October")
        assert session.scalar(select(FormSession.id)) is None
    # Answered: the next words are no reply.
    assert not say(router, SAM, "It was INV-5, sent on 2 October").text.startswith("Is this")


def test_words_that_are_not_the_reply_go_on_as_before(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} ask Which invoice number was it?")
    offered = say(router, SAM, "our team meeting is on Tuesday")
    answered = press(router, SAM, offered, "No")
    assert answered.text.startswith(f"I haven't added that to {reference}."), answered.text
    assert count_rows(factory, Question) == 1
    assert _last_event(factory) == "information_requested"


def test_a_lone_yes_is_never_offered_as_the_reply(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # The session's review: a lone "yes" was offered as the reply to the council's yes/no
    # question, even when it was meant for the bot's own question (the safety question, "Did
    # the review happen?"). A "yes" with words is offered; a lone one is small talk's again.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} ask Is the invoice with your accounts team?")
    offered = say(router, SAM, "yes it is with them since Monday")
    assert offered.text.startswith(f"Is this your reply to Priya on {reference}"), offered.text
    say(router, SAM, "/cancel")
    assert not say(router, SAM, "yes").text.startswith("Is this your reply")
    assert _last_event(factory) == "information_requested"


def test_a_concern_a_death_or_another_case_is_never_offered_as_the_reply(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # The session's review: with the council's question waiting, "resident RC-102 is missing"
    # got the safety question AND "Is this your reply ...?", and the "yes" meant for the safety
    # question put it on the payment case as a comment, no concern raised; a death was offered
    # as the reply before any sympathy; words naming another case were offered to this one.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} ask Which invoice number was it?")
    for words in ("resident RC-101 is missing", "RC-101 passed away last night",
                  "PB-2026-000999: the review is now booked for 12 January"):
        replies = router.handle(make_incoming(words, sender=SAM))
        assert not any(reply.text.startswith("Is this your reply") for reply in replies), (
            words, [reply.text for reply in replies])
        say(router, SAM, "/cancel")
    with factory() as session:
        assert session.scalars(select(CaseEvent.action).where(
            CaseEvent.action == "comment")).all() == []


@pytest.mark.parametrize("words", ["ok thanks", "ok", "that's fine", "Thank you, that's fine."])
def test_ok_typed_when_the_proposal_was_the_last_thing_shown_asks_whether_it_is_accepted(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], clock: Clock,
        words: str) -> None:
    # Session 32's trial: with a proposal waiting, "ok thanks" got "You're welcome", "ok"
    # "Good", and "that's fine" a knowledge-base entry; none said the proposal still waits.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} acknowledge")
    clock.now += timedelta(minutes=5)
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 on Friday")
    asked = say(router, SAM, words)
    assert asked.text == (f"Do you accept the proposed resolution of {reference}?\n"
                          "“We pay INV-7 on Friday”"), asked.text
    assert [b.label for b in asked.buttons] == ["Accept", "Reject"]
    assert _case(factory).status == CaseStatus.RESOLUTION_PROPOSED
    assert count_rows(factory, Question) == 0
    assert press(router, SAM, asked, "Accept").text == f"Thank you: {reference} is resolved."


def test_ok_typed_after_something_else_was_shown_is_not_taken_for_the_proposal(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} acknowledge")
    clock.now += timedelta(minutes=5)
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 on Friday")
    clock.now += timedelta(minutes=5)
    say(router, SAM, "/case " + reference + " comment Which Friday?")
    clock.now += timedelta(minutes=5)
    assert not say(router, SAM, "ok thanks").text.startswith("Do you accept")


def _on_slack(factory: sessionmaker[Session], email: str) -> None:
    """Give ``email``'s person a Slack identity (address = e-mail, as the factory's)."""
    with transaction(factory) as session:
        person_id = session.scalars(select(Person.id).where(Person.email == email)).one()
        session.add(ChannelIdentity(person_id=person_id, channel=Channel.SLACK, address=email,
                                    verified=True))


def test_a_button_label_typed_while_its_button_is_on_offer_presses_it(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 33's brief: on Slack and Telegram, "Acknowledge" typed under a case showing its
    # Acknowledge button was "That button isn't on offer now" (the console presses it).
    reference = raise_conflict(router)
    _on_slack(factory, PRIYA)
    shown = say(router, PRIYA, f"/case {reference}", channel=Channel.SLACK)
    assert "Acknowledge" in [button.label for button in shown.buttons]
    reply = say(router, PRIYA, "acknowledge", channel=Channel.SLACK)
    assert reply.text.startswith(f"{reference} acknowledged."), reply.text
    assert _case(factory).status == CaseStatus.ACKNOWLEDGED
    # Pressed, it is on offer no more: typed again, it is not a question either.
    assert say(router, PRIYA, "Acknowledge", channel=Channel.SLACK).text.startswith(
        "That button isn't on offer now.")


def test_a_notifications_button_label_typed_presses_it_while_it_is_the_last_shown(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # The new case's alert to Priya carries Acknowledge; typed on Slack after it was sent,
    # the label presses it.
    _on_slack(factory, PRIYA)
    reference = raise_conflict(router)
    with transaction(factory) as session:
        alert = session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == ids[PRIYA]).order_by(OutboxMessage.id.desc())).first()
        assert alert is not None
        assert "Acknowledge" in [button["label"] for button in alert.payload["buttons"]]
        alert.channel = Channel.SLACK
        alert.status = OutboxStatus.SENT
        alert.sent_at = FIXED_NOW
    reply = say(router, PRIYA, "Acknowledge", channel=Channel.SLACK)
    assert reply.text.startswith(f"{reference} acknowledged."), reply.text


@pytest.mark.parametrize("label", ["Acknowledge", "Helpful", "Snooze 1 week", "Send anyway"])
def test_another_offers_button_label_typed_in_a_form_is_not_its_answer(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        label: str) -> None:
    # Session 33's brief: a label of a button not on offer, typed while a form is open, was
    # kept as the form's answer (the feedback's own words).
    press(router, SAM, say(router, SAM, "/feedback"), "Payment")
    say(router, SAM, "29")
    asked = say(router, SAM, "2")
    assert "Please tell us about it in your own words." in asked.text
    replies = router.handle(make_incoming(label, sender=SAM))
    assert [reply.text for reply in replies] == [
        RENDERED_NOT_ON_OFFER[label],
        "You still have a form open (Feedback): answer question 4 of 5 (\"Please tell us "
        "about it in your own words.\"), or type /cancel to stop it."]
    assert [button.label for button in replies[-1].buttons] == ["Cancel"]
    with factory() as session:
        values = session.scalars(select(FormSession.values)).one()
    assert "text" not in values
    assert count_rows(factory, Case) == 0


RENDERED_NOT_ON_OFFER = {
    "Acknowledge": "That button isn't on offer now. /cases lists your cases; /case REF shows "
                   "one with the buttons for what you can do with it now.",
    "Helpful": "That button isn't on offer now. Those buttons come with an answer of mine: "
               "type your question in words and they'll be under the answer.",
    "Snooze 1 week": "That button isn't on offer now. /reminders shows your deadlines, each "
                     "with its buttons.",
    "Send anyway": "That button isn't on offer now. /feedback starts a new feedback form.",
}


def test_a_label_that_answers_the_open_question_is_its_answer(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # A label that is one of the open question's own choices answers it ("Send anyway" at the
    # anonymous feedback's "your words name ..." question).
    warned = _anonymous_feedback_naming(router, "Riverside has waited 3 months for the uplift")
    assert warned.text.startswith("Your words name Riverside: ")
    sent = say(router, SAM, "send anyway")
    assert sent.text.startswith("Thank you. Your feedback is recorded as PB-2026-"), sent.text


@pytest.mark.parametrize("words", ["ok thanks", "thanks", "Thank you!", "ok"])
def test_thanks_at_what_would_work_is_asked_again_never_sent(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        words: str) -> None:
    # Session 33's brief: "ok thanks" typed at Reject's "What would work for you?" was posted
    # to the council as the case's comment.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} acknowledge")
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 next month")
    say(router, SAM, f"/case {reference} reject")
    again = say(router, SAM, words)
    assert again.text.startswith(
        "Nothing is added to the case yet. What would work for you? Type it in a few words, "
        "or \"skip\" to add nothing."), again.text
    with factory() as session:
        assert session.scalars(select(CaseEvent).where(
            CaseEvent.action == "comment")).all() == []
    assert say(router, SAM, "skip").text == f"Nothing added to {reference}."


@pytest.mark.parametrize("how", ["/cancel", "cancel", "button"])
def test_cancel_after_a_reject_says_the_rejection_was_sent(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], how: str) -> None:
    # Session 33's brief: /cancel at "What would work for you?" said "nothing was sent", when
    # the rejection had been sent to the council already.
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} acknowledge")
    say(router, PRIYA, f"/case {reference} propose We pay INV-7 next month")
    asked = say(router, SAM, f"/case {reference} reject")
    assert "What would work for you?" in asked.text
    cancelled = press(router, SAM, asked, "Cancel") if how == "button" else say(router, SAM, how)
    assert cancelled.text == (
        f"Your rejection of {reference} was sent already; only saying what would work for "
        "you is cancelled, and nothing is added to the case.")
    with factory() as session:  # the rejection stands; nothing else was added
        assert session.scalars(select(CaseEvent.action).order_by(CaseEvent.id)).all()[-1:] == [
            "rejected"]
        assert session.scalar(select(FormSession.id)) is None


def _two_questions_waiting(router: Router, clock: Clock) -> tuple[str, str]:
    """Two disagreements of Sam's, Priya's question waiting on each: their references."""
    first = raise_conflict(router)
    clock.now += timedelta(days=2)  # the same words again are a new case after a day
    second = raise_conflict(router)
    say(router, PRIYA, f"/case {first} ask Which invoice number was it?")
    say(router, PRIYA, f"/case {second} ask When was the review held?")
    return first, second


def test_a_case_reference_typed_picks_which_waiting_question_the_next_words_answer(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Session 33's brief: with two of the council's questions waiting, typing one's reference
    # did not pick it: the words after it were told to use /case REF comment.
    _first, second = _two_questions_waiting(router, clock)
    asked = say(router, SAM, second.lower())
    assert "Your reply:" in asked.text, asked.text
    assert f"{second} (“When was the review held?”)" in asked.text, asked.text
    offered = say(router, SAM, "It was held on 2 October")
    assert "Add it to the case as your reply?" in offered.text, offered.text
    assert press(router, SAM, offered, "Yes").text == f"Comment added to {second}."
    with factory() as session:
        assert session.execute(select(Case.reference, CaseEvent.text)
                               .join(Case, Case.id == CaseEvent.case_id)
                               .order_by(CaseEvent.id.desc()).limit(1)).one() == (
            second, "It was held on 2 October")


def test_a_case_reference_typed_with_the_words_offers_them_to_that_case(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    first, _second = _two_questions_waiting(router, clock)
    offered = say(router, SAM, f"{first}: it was INV-5")
    assert offered.text.startswith(
        f"Is this your reply to Priya on {first} (“Which invoice number was it?”)?"), (
        offered.text)


def test_the_questions_waiting_are_read_in_one_query_however_many(
        router: Router, engine: Engine, factory: sessionmaker[Session],
        ids: dict[str, int], clock: Clock) -> None:
    first, second = _two_questions_waiting(router, clock)
    clock.now += timedelta(days=2)
    say(router, PRIYA, f"/case {raise_conflict(router)} ask Which placement?")
    reads: list[str] = []

    def count(*args: object) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):
            reads.append(str(args[2]))

    with factory() as session:
        sam = session.get_one(Person, ids[SAM])
        event.listen(engine, "before_cursor_execute", count)
        try:
            waiting = cases_service.questions_waiting_for(session, sam)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert [(case.reference, asked.text) for case, asked in waiting][1:] == [
            (second, "When was the review held?"), (first, "Which invoice number was it?")]
    assert len(reads) <= 2, reads


def _riverside_contract_and_bid(factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Riverside's contract RS-HOMECARE and its bid for tender NS-T-2027-01, at Northshire."""
    with transaction(factory) as session:
        session.add(Contract(reference="RS-HOMECARE", council_id=ids["north"],
                             provider_id=ids["riverside"], commissioner_id=ids[PRIYA],
                             title="Home care, river"))
        tender = Tender(reference="NS-T-2027-01", council_id=ids["north"],
                        commissioner_id=ids[PRIYA], title="Supported living",
                        published_on=date(2026, 10, 1))
        session.add(tender)
        session.flush()
        session.add(Bid(tender_id=tender.id, provider_id=ids["riverside"],
                        provider_contact_id=ids[SAM]))


@pytest.mark.parametrize(("words", "named", "sent"), [
    ("The uplift on rs-homecare is 3 months late", "rs-homecare",
     "The uplift on [contract] is 3 months late"),
    ("Nobody answered our clarification on NS-T-2027-01 for weeks", "NS-T-2027-01",
     "Nobody answered our clarification on [tender] for weeks"),
])
def test_anonymous_feedback_naming_a_contract_or_a_tender_bid_for_warns(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], words: str,
        named: str, sent: str) -> None:
    # Session 33's brief: a contract or tender reference told the council who wrote it, and
    # was not warned of as a placement or an invoice is.
    _riverside_contract_and_bid(factory, ids)
    warned = _anonymous_feedback_naming(router, words)
    assert warned.text.startswith(f"Your words name {named}: "), warned.text
    press(router, SAM, warned, "Send without them")
    assert _case(factory).description == sent


def test_anonymous_feedback_naming_another_providers_contract_is_sent_at_once(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # HV-HOMECARE is Hillview's: it says nothing of who at Riverside wrote.
    done = _anonymous_feedback_naming(router, "HV-HOMECARE shows the uplift can be quick")
    assert done.text.startswith("Thank you. Your feedback is recorded as PB-2026-")


def test_anonymous_feedback_naming_the_organisation_in_lower_case_warns(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 33's brief: "hillview" typed in lower case was not seen as the organisation's
    # name (a word no English word list has: "we hope" still says nothing of Hope Care).
    with factory.begin() as session:
        session.get_one(Organisation, ids["riverside"]).name = "Hillbrook Home Care CIC"
    warned = _anonymous_feedback_naming(router, "hillbrook has waited 3 months for the uplift")
    assert warned.text.startswith("Your words name hillbrook: "), warned.text
    press(router, SAM, warned, "Send without them")
    assert _case(factory).description == "[our organisation] has waited 3 months for the uplift"


@pytest.mark.parametrize("text", ["Helpful", "/ask Helpful"])
def test_a_button_label_is_never_offered_as_the_reply(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], text: str) -> None:
    reference = raise_conflict(router)
    say(router, PRIYA, f"/case {reference} ask Which invoice number was it?")
    assert say(router, SAM, text).text.startswith("That button isn't on offer now.")
    with factory() as session:
        assert session.scalar(select(FormSession.id)) is None


# -- session 33's trial (talk2) ---------------------------------------------------------------
def _proposed(router: Router, words: str = "We pay INV-7 on Friday", **kwargs: str) -> str:
    reference = raise_conflict(router, **kwargs)
    say(router, PRIYA, f"/case {reference} acknowledge")
    say(router, PRIYA, f"/case {reference} propose {words}")
    return reference


def test_accept_typed_with_no_proposal_on_screen_asks_before_it_resolves(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Session 33's trial: "accept" typed with no proposal on screen resolved the case at
    # once, while "Acknowledge" typed the same way was refused as not on offer.
    reference = _proposed(router)
    clock.now += timedelta(minutes=5)
    say(router, SAM, "/cases")  # something else is on screen now
    asked = say(router, SAM, "accept")
    assert asked.text.startswith(
        f"Accept the proposal on {reference}: “We pay INV-7 on Friday”? It resolves the case."
    ), asked.text
    assert [b.label for b in asked.buttons] == ["Yes, accept it", "No", "Cancel"]
    assert _case(factory).status == CaseStatus.RESOLUTION_PROPOSED
    assert say(router, SAM, "yes").text == f"Thank you: {reference} is resolved."
    assert _case(factory).status == CaseStatus.RESOLVED


def test_accept_typed_and_then_no_changes_nothing(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    reference = _proposed(router)
    clock.now += timedelta(minutes=5)
    say(router, SAM, "/cases")
    say(router, SAM, "we accept")
    assert say(router, SAM, "no").text == (
        f"Nothing sent: the proposal on {reference} still waits for your answer. "
        f"/case {reference} shows it.")
    assert _case(factory).status == CaseStatus.RESOLUTION_PROPOSED
    assert count_rows(factory, FormSession) == 0


def test_accept_typed_while_the_case_shows_its_accept_button_acts(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = _proposed(router)
    shown = say(router, SAM, f"/case {reference}")
    assert "Accept" in [b.label for b in shown.buttons]
    assert say(router, SAM, "yes we accept").text == f"Thank you: {reference} is resolved."


def test_reject_typed_with_no_proposal_on_screen_asks_and_keeps_the_reason(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    reference = _proposed(router)
    clock.now += timedelta(minutes=5)
    say(router, SAM, "/cases")
    asked = say(router, SAM, "we reject it because the fee change must be paid now")
    assert asked.text.startswith(f"Reject the proposal on {reference}: “We pay INV-7 on "
                                 "Friday”? It goes back to Priya."), asked.text
    assert _case(factory).status == CaseStatus.RESOLUTION_PROPOSED
    assert say(router, SAM, "yes").text == (
        f"{reference} stays open, back with Priya, who is told.")
    with factory() as session:
        event = session.scalars(select(CaseEvent).where(
            CaseEvent.action == "rejected")).one()
    assert event.text == "the fee change must be paid now"


@pytest.mark.parametrize("words", ["ack", "Ackd", "ack'd", "acked", "acknowledged", "ack."])
def test_ack_typed_while_the_new_cases_acknowledge_is_on_offer_presses_it(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        words: str) -> None:
    # Session 33's trial: "ack" typed under the new case's alert was "I don't know ...", and
    # "1" then passed "ack" to a colleague as a question.
    reference = raise_conflict(router)
    with transaction(factory) as session:
        alert = session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == ids[PRIYA]).order_by(OutboxMessage.id.desc())).first()
        assert alert is not None
        alert.status = OutboxStatus.SENT
        alert.sent_at = FIXED_NOW
    reply = say(router, PRIYA, words)
    assert reply.text.startswith(f"{reference} acknowledged."), reply.text
    assert _case(factory).status == CaseStatus.ACKNOWLEDGED
    assert count_rows(factory, Question) == 0


def test_ack_typed_with_no_acknowledge_on_offer_is_no_question(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    raise_conflict(router)  # Priya's, not Tom's: no case waits for Tom to acknowledge it
    say(router, TOM, "/cases")
    assert say(router, TOM, "ack").text.startswith("That button isn't on offer now.")
    assert count_rows(factory, Question) == 0
    assert _case(factory).status == CaseStatus.OPEN


@pytest.mark.parametrize("words", [
    "ack", "acked", "acknowledged",
    # Session 35's review of 58c0488: an acknowledgement is a comment (small talk alone is
    # refused only where a reason is asked for, "Why does it not apply?").
    "that works", "sounds good", "perfect", "no problem", "fine", "all good", "noted",
    "understood"])
def test_ack_typed_as_a_free_text_answer_is_the_answer(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        words: str) -> None:
    # Session 34's brief: "ack" at "Your comment:" was "That button isn't on offer now."
    reference = raise_conflict(router)
    assert "Your comment:" in say(router, SAM, f"/case {reference} comment").text
    assert say(router, SAM, words).text.startswith("Comment added to")
    with factory() as session:
        assert session.scalars(select(CaseEvent.text).where(
            CaseEvent.action == "comment")).one() == words


@pytest.mark.parametrize("words", ["yes", "that works", "no problem"])
def test_a_yes_answers_the_councils_comment_that_asks_yes_or_no(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        words: str) -> None:
    # Session 35's review of 58c0488: "yes" to the council's comment "Are you happy for us to
    # close this case now the invoice is paid?" was "not just a yes or no".
    reference = raise_conflict(router)
    asked = "Are you happy for us to close this case now the invoice is paid?"
    say(router, PRIYA, f"/case {reference} comment {asked}")
    assert say(router, SAM, f"/case {reference} comment").text.startswith(
        "Answer\nYour answer to the council's question:\n")
    assert say(router, SAM, words).text == f"Comment added to {reference}."
    answering = f", answering your question “{asked}”" if words == "yes" else ""
    assert _sent(factory, "case.comment")[-1].startswith(
        f"New comment on {reference} from Sam{answering}:\n“{words}”")
    # Answered: a lone "no" is a comment's few words again.
    assert "Your comment:" in say(router, SAM, f"/case {reference} comment").text
    assert say(router, SAM, "no").text.startswith(
        "This question needs a few words, not just a yes or no.")


def test_a_category_and_reference_given_with_conflict_are_taken(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 33's trial: "/conflict payment INV-2050 ..." still asked what it was about.
    asked = say(router, SAM, "/conflict payment INV-7 is 40 days unpaid")
    assert "What outcome would you like?" in asked.text, asked.text
    assert "question 1 of 1" not in asked.text
    done = finish(router, SAM, "Payment this week.")
    assert done.text.startswith("Thank you. Your case is PB-2026-")
    case = _case(factory)
    with factory() as session:
        invoice = session.scalars(select(Invoice).where(Invoice.number == "INV-7")).one()
    assert (case.category, case.invoice_id, case.description) == (
        "payment", invoice.id, "payment INV-7 is 40 days unpaid")


def test_a_word_that_is_no_category_is_the_story(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    asked = say(router, SAM, "/conflict the council has not paid RV-0042")
    assert "What is it about?" in asked.text


def test_an_invoice_named_with_conflict_makes_it_about_payment(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 43's trial: "/conflict invoice RCH-1022 is 5 weeks late and nobody answers my
    # emails" still asked "What is it about?", Payment its first choice.
    asked = say(router, SAM, "/conflict invoice INV-7 is 5 weeks late and nobody answers")
    assert "What is it about?" not in asked.text
    assert "What outcome would you like?" in asked.text, asked.text
    done = finish(router, SAM, "Payment this week.")
    assert done.text.startswith("Thank you. Your case is PB-2026-")
    case = _case(factory)
    assert (case.category, case.description) == (
        "payment", "invoice INV-7 is 5 weeks late and nobody answers")


@pytest.mark.parametrize("words", [
    "about the RV-0042 review, not INV-7",
    "RV-0042's review was cancelled; separate from INV-7 which is fine",
])
def test_an_invoice_beside_another_reference_or_denied_leaves_what_it_is_about_asked(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], words: str) -> None:
    # Session 43's review: each was filed as Payment, the question never asked.
    assert "What is it about?" in say(router, SAM, f"/conflict {words}").text


def test_two_references_at_the_placement_question_are_kept_and_the_first_linked(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 33's trial: "INV-2041 and INV-2042" was "I can't find a placement, invoice...".
    press(router, SAM, say(router, SAM, "/conflict"), "Payment")
    asked = say(router, SAM, "RV-0042 and INV-7")
    assert "What has happened?" in asked.text, asked.text
    say(router, SAM, "Both are 40 days unpaid.")
    summary = say(router, SAM, "Payment this week.")
    assert "- Which placement or invoice is it about? RV-0042, INV-7\n" in summary.text
    done = press(router, SAM, summary, "Send")
    assert done.text.endswith(
        "It is linked to RV-0042; INV-7 is named in its description."), done.text
    case = _case(factory)
    assert case.placement_id is not None
    assert case.description == "Both are 40 days unpaid.\n(Also about INV-7.)"


def test_feedback_is_shown_back_and_recorded_only_with_send(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 33's trial: feedback was recorded at once after the anonymity answer, while a
    # disagreement is shown back first.
    reply = _payment_feedback(router, "Invoices are paid late every month")
    summary = press(router, SAM, reply, "No, with my name")
    assert summary.text == (
        "Before I send your feedback, please check it:\n"
        "- Which part of working with the council is it about? Payment\n"
        "- Which pledge commitment does it touch? 29\n"
        "- How well are we working together on this? 2\n"
        "- Please tell us about it in your own words. Invoices are paid late every month\n"
        "- Send it anonymously? No, with my name\n\n"
        "Send it, change an answer, or cancel (then nothing is sent)?")
    assert count_rows(factory, Case) == 0
    assert say(router, SAM, "cancel").text == "Cancelled: nothing was sent."
    assert count_rows(factory, Case) == 0


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_the_hubs_help_leads_with_its_case_commands_and_the_hour_to_acknowledge(
        router: Router, ids: dict[str, int]) -> None:
    # Session 43's trial: the hub's /help was a commissioner's (placements, invoices, tenders)
    # with nothing on handling concerns.
    lines = say(router, TOM, "/help").text.splitlines()
    assert lines[:6] == [
        "Hello Tom. Here is what I can do for you (safeguarding hub):",
        "Acknowledge each new concern within the hour (/case REF acknowledge), then contact "
        "whoever raised it that day.",
        "  /cases - the concerns and cases you hold, with status and age",
        "  /case REF - one case; add acknowledge, comment TEXT (the provider reads it), "
        "note TEXT (council staff only), ask, resolve or reassign to act on it",
        "",
        "Also:"]
    rest = "\n".join(lines[6:])
    assert "/cases" not in rest
    assert "/case " not in rest
    assert "/ask QUESTION" in rest
    # A commissioner who is not the hub keeps the usual /help.
    assert say(router, PRIYA, "/help").text.startswith(
        "Hello Priya. Here is what I can do for you (commissioner):\n  /")


@pytest.mark.parametrize("words", ["ack", "acknowledged"])
def test_ack_typed_with_none_on_offer_names_the_case_waiting_to_be_acknowledged(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        words: str) -> None:
    # Session 33's second trial: "ack" with no Acknowledge on offer was "Good. Ask me anything
    # else", which sounds as if something was acknowledged; the case still waited.
    reference = raise_conflict(router)
    say(router, PRIYA, "/help")
    reply = say(router, PRIYA, words)
    assert not reply.text.startswith("Good."), reply.text
    assert reference in reply.text
    assert f"/case {reference} acknowledge" in reply.text
    assert _case(factory).status == CaseStatus.OPEN
    assert count_rows(factory, Question) == 0
    # Its Acknowledge is on offer now: "ack" again presses it.
    assert say(router, PRIYA, words).text.startswith(f"{reference} acknowledged.")
    assert _case(factory).status == CaseStatus.ACKNOWLEDGED


def _question_handed_over(router: Router) -> str:
    """Sam's question the knowledge base cannot answer, handed to Priya: its reference."""
    [answer] = router.handle(make_incoming("do you pay for care workers' travel time?",
                                           sender=SAM))
    [handover] = [b for b in answer.buttons if b.action == "answer.handover"]
    reply = say(router, SAM, action=handover.action, action_value=handover.value)
    while "PB-2026-" not in reply.text:  # which council, when asked
        northshire = next(b for b in reply.buttons if "Northshire" in b.label)
        reply = say(router, SAM, action=northshire.action, action_value=northshire.value)
    [reference] = re.findall(r"PB-2026-\d{6}", reply.text)
    return reference


def test_a_resolved_question_case_quotes_the_question_to_the_provider(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = _question_handed_over(router)
    say(router, PRIYA, f"/case {reference} resolve yes we pay travel time")
    with factory() as session:
        told = session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == ids[SAM]).order_by(OutboxMessage.id.desc())).first()
        assert told is not None
        text = told.payload["text"]
    assert text.startswith(
        f"Priya has resolved your question \u201cdo you pay for care workers' travel time?\u201d "
        f"({reference}):\n\u201cyes we pay travel time\u201d"), text


@pytest.mark.parametrize("words", [
    "we do not accept it", "cannot accept, too late", "not acceptable",
    "no thanks, that doesn't work", "We can't accept this", "I don't accept that"])
def test_words_refusing_the_proposal_on_screen_are_offered_as_reject_with_their_reason(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        words: str) -> None:
    # Session 33's second trial: "I don't accept that" was "Is this about someone's safety?"
    # and topics; "cannot accept, too late" was "I don't know".
    reference = _proposed(router)
    say(router, SAM, f"/case {reference}")  # the proposal on screen, with Accept / Reject
    asked = say(router, SAM, words)
    assert asked.text.startswith(f"Reject the proposal on {reference}: “We pay INV-7 on "
                                 "Friday”? It goes back to Priya."), asked.text
    assert _case(factory).status == CaseStatus.RESOLUTION_PROPOSED
    assert say(router, SAM, "yes").text == (
        f"{reference} stays open, back with Priya, who is told.")
    with factory() as session:
        event = session.scalars(select(CaseEvent).where(
            CaseEvent.action == "rejected")).one()
    assert event.text == words
    assert count_rows(factory, Question) == 0


def test_words_refusing_with_no_proposal_waiting_are_not_a_rejection(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    raise_conflict(router)
    assert not say(router, SAM, "not acceptable").text.startswith("Reject the proposal")


def test_a_complaint_that_something_does_not_work_is_not_a_rejection(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 33's review: with a proposal waiting, "it doesn't work for me, the portal keeps
    # logging me out" was offered as Reject, and "yes" rejected it with that reason.
    reference = _proposed(router)
    say(router, SAM, f"/case {reference}")
    replies = router.handle(make_incoming("it doesn't work for me, the portal keeps logging me "
                                          "out", sender=SAM))
    assert not any(reply.text.startswith("Reject the proposal") for reply in replies)


# -- session 34's trial: a case's reference and action as people type them --------------------
def test_a_short_or_punctuated_reference_finds_the_case(
        router: Router, ids: dict[str, int]) -> None:
    reference = raise_conflict(router)  # PB-YYYY-000001
    year = reference.split("-")[1]
    for typed in (f"PB-{year}-1", f"{reference}.", f"({reference.lower()})", f"pb{year}-01"):
        assert say(router, SAM, f"/case {typed}").text.startswith(reference), typed
    assert say(router, SAM, f"/case PB-{year}-2").text.startswith("I can't find a case")


def test_an_action_typed_as_its_past_tense_or_its_start_is_taken(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    first, second = raise_conflict(router), raise_conflict(router, reference="")
    assert say(router, PRIYA, f"/case {first} acknowledged").text.startswith(
        f"{first} acknowledged.")
    assert say(router, PRIYA, f"/case {second} ack").text.startswith(f"{second} acknowledged.")
    mistyped = say(router, PRIYA, f"/case {first} aknowlege").text
    assert "I don't know how to 'aknowlege' a case. Did you mean acknowledge?" in mistyped
    with factory() as session:
        statuses = session.scalars(select(Case.status).order_by(Case.id)).all()
    assert statuses == [CaseStatus.ACKNOWLEDGED, CaseStatus.ACKNOWLEDGED]


def test_words_after_acknowledge_are_kept_as_a_comment(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router)
    reply = say(router, PRIYA, f"/case {reference} acknowledge looking at it with finance today")
    assert reply.text.startswith(f"{reference} acknowledged.")
    with factory() as session:
        events = session.execute(select(CaseEvent.action, CaseEvent.text)
                                 .order_by(CaseEvent.id)).all()
    assert [tuple(event) for event in events][-2:] == [
        ("acknowledged", None), ("comment", "looking at it with finance today")]


# -- a plain reply right after the council's comment (session 35's trial) ---------------------
SPOT_OR_CONTRACT = "Is this for the carers support contract or the spot-purchased sessions?"


def _council_comments(router: Router, clock: Clock) -> str:
    """Sam's dispute, then Priya's comment asking which it is about: the case's reference."""
    reference = raise_conflict(router)
    clock.now += timedelta(minutes=5)
    say(router, PRIYA, f"/case {reference} comment {SPOT_OR_CONTRACT}")
    clock.now += timedelta(minutes=5)
    return reference


def test_a_plain_reply_right_after_the_councils_comment_goes_on_the_case(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Session 35's trial: the provider's "carers support contract", typed right after the
    # commissioner's comment, was a knowledge-base question ("I think you mean Shared Lives
    # schemes..."); the comment came with no Reply button nor any word on how to answer.
    reference = _council_comments(router, clock)
    [(to, words)] = _case_messages(factory, "case.comment")
    assert to == ids[SAM]
    assert words == (f"Priya commented on your case {reference}:\n“{SPOT_OR_CONTRACT}”\n"
                     "Press Reply to answer, or type your answer as your next message today.")
    with factory() as session:
        payload = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.kind == "case.comment")).one()
    assert payload["buttons"] == [{"label": "Reply", "action": "case.comment",
                                   "value": reference}]
    assert payload["reply"] == f"/case {reference} comment"  # an e-mail's reply
    added = say(router, SAM, "carers support contract")
    assert added.text == (f"Added to your case {reference}: “carers support contract”. "
                          "The council is told."), added.text
    with factory() as session:
        event = session.scalars(select(CaseEvent).order_by(CaseEvent.id.desc())).first()
    assert (event.action, event.actor_id, event.text) == (
        "comment", ids[SAM], "carers support contract")
    assert _case_messages(factory, "case.comment")[-1] == (
        ids[PRIYA], f"New comment on {reference} from Sam:\n“carers support contract”")
    assert count_rows(factory, Question) == 0
    # Only the next message: said again, the words are no reply.
    assert not say(router, SAM, "carers support contract").text.startswith("Added")


@pytest.mark.parametrize("later", [
    "how long does the council have to pay an invoice",  # a question of its own
    "a day later",  # not the same day
    "after another reply",  # the comment is not the last thing shown
])
def test_words_not_right_after_the_councils_comment_are_not_added_to_the_case(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], clock: Clock,
        later: str) -> None:
    _council_comments(router, clock)
    words = "carers support contract"
    if later == "a day later":
        clock.now += timedelta(days=1)
    elif later == "after another reply":
        say(router, SAM, "/cases")
        clock.now += timedelta(minutes=1)
    else:
        words = later
    reply = router.handle(make_incoming(words, sender=SAM, received_at=clock.now))[0]
    assert not reply.text.startswith("Added"), reply.text
    assert _last_event(factory) == "comment"
    with factory() as session:
        assert session.scalars(select(func.count()).select_from(CaseEvent).where(
            CaseEvent.action == "comment")).one() == 1


# -- the level a case shows (session 35's trial) -------------------------------------------------
def test_a_case_past_a_two_level_ladder_shows_the_level_its_history_ends_at(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Session 35's trial: a ladder of two levels (Dana, then Lee), first swept seven weeks on:
    # Lee was told at level 2 and the case climbs no more, but /case and /cases said
    # "escalated to level 3", a level the ladder does not have; the provider was told "(level
    # 2)", the ladder's own words, and read its history's "Level 1 was passed over".
    lee = make_person(factory, email="lee@northshire.example", role=Role.COMMISSIONER,
                      organisation_id=ids["north"], name="Lee")
    with transaction(factory) as session:
        session.execute(update(RoutingRule).values(level1_id=ids[DANA], level2_id=lee))
    reference = raise_conflict(router)
    clock.now = datetime(2027, 1, 25, 9, tzinfo=FIXED_NOW.tzinfo)
    assert sweep_cases(factory, now=clock.now, settings=Settings(), policy=SlaPolicy(),
                       calendar=WorkingCalendar(), templates=make_templates()).escalated == 1
    shown = say(router, PRIYA, f"/case {reference}").text
    # Past its acknowledgement time, worded as /cases words it (the session's review).
    assert "Status: open, acknowledgement OVERDUE · escalated to Lee (level 2)\n" in shown, shown
    listed = say(router, PRIYA, "/cases").text
    assert "· escalated to level 2 ·" in listed, listed
    assert "level 3" not in shown + listed
    [told] = [text for to, text in _case_messages(factory, "case.escalated") if to == ids[SAM]]
    assert told == (
        f"Your case {reference}, about placement RV-0042, was not acknowledged by Fri 27 Nov "
        "2026 17:00, nor resolved by Wed 23 Dec 2026 17:00, so it has been passed to Lee, a "
        "senior commissioner, the last person it can be passed to."), told
    theirs = say(router, SAM, f"/case {reference}").text
    assert "Status: open, not yet acknowledged · passed to Lee, a senior commissioner\n" in (
        theirs), theirs
    assert ("· pledgebot · escalated: Passed to Lee, a senior commissioner: not resolved in "
            "time.\n") in theirs + "\n", theirs
    assert "· escalated\n" in say(router, SAM, "/cases").text + "\n"
    assert "level" not in (theirs + say(router, SAM, "/cases").text).lower()


# -- a dispute about an invoice and its legal payment limit (session 35's trial) ----------------
@pytest.mark.parametrize(("received", "resolve_by"), [
    # Received 17 Nov: its legal limit, Wed 16 Dec, comes before the 20 working days' Wed 23
    # Dec, so the case is to be resolved by then.
    (date(2026, 11, 17), "Wed 16 Dec 2026 17:00 (the legal payment limit of invoice INV-8)"),
    # Received 1 Oct: the limit, Fri 30 Oct, has passed; the case's own time is said with it.
    (date(2026, 10, 1), "Wed 23 Dec 2026 17:00 (invoice INV-8's legal payment limit, Fri 30 "
                        "Oct 2026, has passed)"),
])
def test_a_dispute_about_an_invoice_is_resolved_by_its_legal_payment_limit(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], received: date,
        resolve_by: str) -> None:
    # Session 35's trial: a dispute about a late invoice said "resolve by Thu 7 Jan 2027",
    # three weeks after the invoice's legal payment limit of 16 Dec.
    with transaction(factory) as session:
        session.add(Invoice(number="INV-8", issuer_id=ids["riverside"], payer_id=ids["north"],
                            amount_pence=90_000, received_on=received))
    reply = say(router, SAM, "/conflict payment INV-8 Invoice INV-8 is unpaid.")
    assert "What outcome would you like?" in reply.text, reply.text
    done = finish(router, SAM, "Payment now.")
    reference = done.text.split()[5].rstrip(",")
    assert f"resolve it by {resolve_by}; if not" in done.text, done.text
    assert f"Acknowledge by Fri 27 Nov 2026 17:00; resolve by {resolve_by}.\n" in say(
        router, PRIYA, f"/case {reference}").text
    with factory() as session:
        alert = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.kind == "case.opened")).one()
    assert f"resolve by {resolve_by}." in alert["text"], alert["text"]


# -- Resolve chosen by a typed number (session 35's trial) ---------------------------------------
def _typed_on_the_console(router: Router, sender: str, shown: Reply, typed: str) -> Reply:
    """``typed`` at the console under ``shown``, its buttons numbered as the console shows them
    (``to_incoming``: a number presses the button shown with it)."""
    incoming = console_incoming(typed, sender=sender, received_at=FIXED_NOW,
                                buttons=number_buttons([shown]))
    assert isinstance(incoming, Incoming)
    [reply] = router.handle(incoming)
    return reply


def test_resolve_chosen_by_a_typed_number_is_asked_first(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 35's trial: after Acknowledge the case's buttons were numbered anew ([3] was
    # Propose, then Resolve), and the commissioner's "3", meant for Propose, resolved the
    # case before the payment was made, nothing asked. A typed number now asks first; the
    # Resolve button pressed itself, or the command, asks for the resolution as before.
    reference = raise_conflict(router)
    shown = say(router, PRIYA, f"/case {reference}")
    assert say(router, PRIYA, f"/case {reference} acknowledge").text.startswith(
        f"{reference} acknowledged.")
    shown = say(router, PRIYA, f"/case {reference}")
    assert [b.label for b in shown.buttons][:3] == [
        "Ask for information", "Propose a resolution", "Resolve"]
    asked = _typed_on_the_console(router, PRIYA, shown, "3")
    assert asked.text.startswith(
        f"You typed 3, Resolve: resolve {reference}? It closes the case, and the provider is "
        "told.\n\nResolve\nResolve it?"), asked.text
    assert [b.label for b in asked.buttons] == ["Yes, resolve it", "No", "Cancel"]
    assert say(router, PRIYA, "no").text == (
        f"Nothing done: {reference} is still acknowledged. /case {reference} shows it.")
    assert _case(factory).status == CaseStatus.ACKNOWLEDGED
    asked = _typed_on_the_console(router, PRIYA, shown, "3")
    resolving = press(router, PRIYA, asked, "Yes, resolve it")
    assert "What was done to resolve it?" in resolving.text, resolving.text
    assert say(router, PRIYA, "INV-7 paid on 1 Dec.").text.startswith(f"{reference} is resolved.")
    # The button itself, pressed: no question first.
    second = raise_conflict(router, reference="")
    pressed = press(router, PRIYA, say(router, PRIYA, f"/case {second}"), "Resolve")
    assert "What was done to resolve it?" in pressed.text, pressed.text


def test_withdraw_chosen_by_a_typed_number_is_asked_first(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # The provider's side of the same trial: Withdraw closes the case after its one
    # (optional) question; chosen by a number, which may be meant for another list, it is
    # asked first.
    reference = _proposed(router)
    shown = say(router, SAM, f"/case {reference}")
    assert [b.label for b in shown.buttons] == ["Accept", "Reject", "Comment", "Withdraw"]
    asked = _typed_on_the_console(router, SAM, shown, "4")
    assert asked.text.startswith(
        f"You typed 4, Withdraw: withdraw {reference}? It closes the case, and the council is "
        "told.\n\nWithdraw\nWithdraw it?"), asked.text
    assert "Why are you withdrawing it?" in press(router, SAM, asked, "Yes, withdraw it").text
    say(router, SAM, "/cancel")
    assert _case(factory).status == CaseStatus.RESOLUTION_PROPOSED


def _comments(factory: sessionmaker[Session]) -> list[str | None]:
    with factory() as session:
        return list(session.scalars(select(CaseEvent.text).where(CaseEvent.action == "comment")
                                    .order_by(CaseEvent.id)))


@pytest.mark.parametrize("words", [
    "standstill period",  # a knowledge question (answered before the route was added)
    "pledge 29",  # a pledge looked up
    "I need to raise a new complaint about invoice INV-8 being late",
    "we want to hand back the package for RC-104 next month",
    "RC-104 needs double up calls now",  # a placement not on the case
])
def test_a_request_of_its_own_right_after_the_councils_comment_is_not_added_to_the_case(
        factory: sessionmaker[Session], database_url: str, answerer: Answerer,
        ids: dict[str, int], clock: Clock, words: str) -> None:
    # Session 35's review: each was "Added to your case PB-...", silently, with no answer.
    router = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock, answerer=answerer)
    _council_comments(router, clock)
    reply = say(router, SAM, words)
    assert reply.text
    assert not reply.text.startswith(("Added", "Is this your reply")), reply.text
    assert _comments(factory) == [SPOT_OR_CONTRACT]


@pytest.mark.parametrize(("words", "kept"), [
    # Session 43's trial: offered as the reply, Yes or No, where a reply to the hub's comment
    # was added at once; the comment invited it ("type your answer as your next message today").
    ("sure, ill email it to finance today", "ill email it to finance today"),
    ("we sent it to them on Monday", "we sent it to them on Monday")])
def test_a_plain_reply_to_the_councils_comment_that_invited_it_is_added_at_once(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], clock: Clock,
        words: str, kept: str) -> None:
    reference = _council_comments(router, clock)
    added = say(router, SAM, words)
    assert added.text == f"Added to your case {reference}: “{kept}”. The council is told.", (
        added.text)
    assert _comments(factory) == [SPOT_OR_CONTRACT, kept]


@pytest.mark.parametrize(("comment", "taken"), [
    ("Can you confirm the invoice went to the payments inbox?", True),  # asks a yes or no
    ("Checking with accounts", False),  # asks nothing: offered
])
def test_a_bare_yes_right_after_the_councils_comment(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], clock: Clock,
        comment: str, taken: bool) -> None:
    # Session 35's review: "yes" was "I wasn't waiting for a yes or no just now."
    reference = raise_conflict(router)
    clock.now += timedelta(minutes=5)
    say(router, PRIYA, f"/case {reference} comment {comment}")
    clock.now += timedelta(minutes=5)
    reply = say(router, SAM, "yes")
    if taken:
        assert reply.text == f"Added to your case {reference}: “yes”. The council is told."
        assert _comments(factory) == [comment, "yes"]
    else:
        assert reply.text.startswith(f"Is this your reply to Priya on {reference}"), reply.text
        assert _comments(factory) == [comment]


# -- /case says a time already passed as overdue (session 36's trial) -----------------------------
def test_case_says_an_acknowledgement_and_a_resolution_already_due_as_overdue(
        router: Router, ids: dict[str, int], clock: Clock) -> None:
    # Session 36's trial: "/case PB-..." the morning after its acknowledgement time said
    # "Acknowledge by Thu 3 Dec 2026 17:00; resolve by ..." as if it were still to come.
    reference = raise_conflict(router)
    shown = say(router, PRIYA, f"/case {reference}").text
    assert "Acknowledge by Fri 27 Nov 2026 17:00; resolve by Wed 23 Dec 2026 17:00.\n" in shown
    clock.now = datetime(2026, 11, 28, 9, 30, tzinfo=FIXED_NOW.tzinfo)
    shown = say(router, PRIYA, f"/case {reference}").text
    assert ("Acknowledgement overdue since Fri 27 Nov 2026 17:00; resolve by Wed 23 Dec 2026 "
            "17:00.\n") in shown, shown
    assert "Acknowledge by" not in shown
    # Acknowledged, then past its resolve-by time: the resolution is said overdue.
    assert say(router, PRIYA, f"/case {reference} acknowledge").text.startswith(
        f"{reference} acknowledged.")
    assert "Resolve by Wed 23 Dec 2026 17:00.\n" in say(router, PRIYA, f"/case {reference}").text
    clock.now = datetime(2026, 12, 24, 9, 30, tzinfo=FIXED_NOW.tzinfo)
    shown = say(router, SAM, f"/case {reference}").text
    assert "Resolution overdue since Wed 23 Dec 2026 17:00.\n" in shown, shown


# -- the council's newer question beats a stale confirmation (session 36's trial) --------------
HUB_ASKS = "is the carer still on shift? was police called? which carer (staff initials)?"
SUSPENDED = "carer suspended pending investigation, police not called yet, staff initials KL"


def _concern_asked_about(router: Router, factory: sessionmaker[Session], clock: Clock, *,
                         confirmation: bool) -> tuple[str, str]:
    """Sam's dispute with a proposal on it and Sam's concern; with ``confirmation``, Sam's
    "accept" typed with the proposal not on screen, its confirmation left unanswered; then
    the hub (Tom) asks about the concern an hour later. The two references."""
    dispute = _proposed(router)
    router.handle(make_incoming("the night carer hit her last night", sender=SAM))
    with factory() as session:
        concern = session.scalars(select(Case.reference).where(
            Case.kind == CaseKind.SAFEGUARDING)).one()
    clock.now += timedelta(minutes=5)
    if confirmation:
        say(router, SAM, "/cases")
        asked = say(router, SAM, "accept")
        assert [b.label for b in asked.buttons] == ["Yes, accept it", "No", "Cancel"]
    clock.now += timedelta(hours=1)
    say(router, TOM, f"/case {concern} ask {HUB_ASKS}")
    clock.now += timedelta(minutes=25)
    return dispute, concern


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_an_answer_to_the_hubs_question_is_not_swallowed_by_a_stale_confirmation(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Session 36's trial: Sam left "Accept the proposal ... Is that your answer?" unanswered;
    # an hour later the hub asked about a concern, and Sam's answer got "Please choose one of:
    # Yes, accept it, No", nothing reaching the hub.
    dispute, concern = _concern_asked_about(router, factory, clock, confirmation=True)
    replies = router.handle(make_incoming(SUSPENDED, sender=SAM, received_at=clock.now))
    texts = [reply.text for reply in replies]
    assert texts[0] == f"Added to your case {concern}: “{SUSPENDED}”. The council is told.", texts
    assert texts[-1].startswith("You still have a form open (Accept the proposal)"), texts
    assert [b.label for b in replies[-1].buttons] == ["Yes, accept it", "No", "Cancel"]
    assert _comments(factory)[-1] == SUSPENDED
    assert _case_messages(factory, "case.comment")[-1] == (
        ids[TOM], f"New comment on {concern} from Sam:\n“{SUSPENDED}”")
    # The confirmation still waits, and its answer still works.
    assert say(router, SAM, "yes").text == f"Thank you: {dispute} is resolved."


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_an_answer_to_the_hubs_question_with_nothing_pending_goes_on_the_concern(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    _dispute, concern = _concern_asked_about(router, factory, clock, confirmation=False)
    reply = say(router, SAM, SUSPENDED)
    assert reply.text == (f"Added to the safeguarding concern {concern} as your reply, and the "
                          "hub is told now. If anyone is in immediate danger, call 999.")
    assert _comments(factory)[-1] == SUSPENDED


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_words_at_a_confirmation_with_no_newer_message_are_still_refused(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # The confirmation was the last thing shown: words it refuses are asked again, as before.
    dispute, _concern = _concern_asked_about(router, factory, clock, confirmation=True)
    say(router, SAM, "/cancel")
    say(router, SAM, "/cases")
    say(router, SAM, "accept")
    reply = say(router, SAM, "the rota is sorted for next week now")
    assert reply.text.startswith("Please choose one of: Yes, accept it, No"), reply.text
    assert say(router, SAM, "no").text.startswith(f"Nothing sent: the proposal on {dispute}")


# -- /cases most urgent first (session 37's brief) ----------------------------------------------
@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_the_councils_case_list_shows_concerns_then_overdue_cases_then_the_newest(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # Newest first, a concern and a case past its acknowledgement were below a new case.
    overdue = raise_conflict(router)
    with factory() as session:
        clock.now = session.scalars(select(Case.acknowledge_due_at)).one() + timedelta(hours=1)
    router.handle(make_incoming("the night carer hit her at RV-0042 last night", sender=SAM))
    clock.now += timedelta(minutes=5)
    newest = raise_conflict(router)
    with factory() as session:
        concern = session.scalars(select(Case.reference).where(
            Case.kind == CaseKind.SAFEGUARDING)).one()
    for person in (TOM, PRIYA):
        listed = say(router, person, "/cases").text
        assert [line.split(" · ")[0] for line in listed.splitlines()
                if line.startswith("PB-")] == [concern, overdue, newest], listed
        assert listed.startswith("Open cases, most urgent first:\n"), listed
    # The provider's own list stays newest first.
    assert [line.split(" · ")[0] for line in say(router, SAM, "/cases").text.splitlines()
            if line.startswith("PB-")] == [newest, concern, overdue]


# -- the hub's /cases tells concerns apart (session 36's trial) ---------------------------------
@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_the_hubs_case_list_names_provider_placement_and_an_overdue_acknowledgement(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Session 36's trial: four concerns read the same line by line, "open, not yet
    # acknowledged", though one was a day past its one-hour acknowledgement.
    router.handle(make_incoming("the night carer hit her at RV-0042 last night", sender=SAM))
    with factory() as session:
        concern = session.scalars(select(Case).where(Case.kind == CaseKind.SAFEGUARDING)).one()
    clock.now = concern.acknowledge_due_at + timedelta(minutes=1)
    listed = say(router, TOM, "/cases").text
    line = next(line for line in listed.split("\n") if line.startswith(concern.reference))
    assert line.startswith(
        f"{concern.reference} · Safeguarding · Someone's safety · open, acknowledgement OVERDUE ·"
    ), listed
    assert f"\n  Riverside · RV-0042: “{concern.summary}”" in listed, listed
    assert "Riverside" not in say(router, SAM, "/cases").text  # their own: no need to say
    # /case words the same state as /cases does, keeping its "overdue since" line (the
    # session's review: "Status: open, not yet acknowledged" beside the list's OVERDUE).
    shown = say(router, TOM, f"/case {concern.reference}").text
    assert "\nStatus: open, acknowledgement OVERDUE" in shown, shown
    assert "Acknowledgement overdue since " in shown
    assert "not yet acknowledged" not in shown
    # Its raiser's side reads its own status as before.
    assert "Status: open, not yet acknowledged" in say(
        router, SAM, f"/case {concern.reference}").text


@pytest.mark.usefixtures("tom_leads_safeguarding")
def test_a_case_within_its_acknowledgement_time_is_not_overdue(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    reference = raise_conflict(router, reference="")
    listed = say(router, PRIYA, "/cases").text
    assert f"{reference} · Conflict · Payment · open, not yet acknowledged ·" in listed, listed
    assert "OVERDUE" not in listed
    assert "\n  Riverside: “" in listed, listed
    shown = say(router, PRIYA, f"/case {reference}").text
    assert "Status: open, not yet acknowledged" in shown, shown
    assert "OVERDUE" not in shown


# -- a change of mind typed inside a form is no answer (session 36's trial) ---------------------
def _at_the_outcome(router: Router) -> None:
    reply = say(router, SAM, "/conflict")
    reply = press(router, SAM, reply, "Payment")
    reply = say(router, SAM, "RV-0042")
    assert "What outcome would you like?" in say(
        router, SAM, "Invoice INV-7 for RV-0042 is 40 days unpaid.").text


@pytest.mark.parametrize(("words", "switch"), [
    ("actually no, make this feedback not a complaint", "/feedback"),
    ("wrong form, I wanted to give feedback", "/feedback"),
    ("start again", None),
    ("actually no", None),
])
def test_a_change_of_mind_inside_a_form_is_not_kept_as_the_answer(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], words: str,
        switch: str | None) -> None:
    # Session 36's trial: "actually no, make this feedback not a complaint" at "What outcome
    # would you like?" was the disagreement's outcome, shown with Send.
    _at_the_outcome(router)
    reply = say(router, SAM, words)
    assert reply.text.startswith("That sounds like a change of mind about this disagreement, "
                                 "so I haven't kept it as your answer."), reply.text
    assert ("/cancel stops it (nothing is sent)" + (f", then {switch} starts" if switch else "")
            ) in reply.text, reply.text
    assert "\nWhat outcome would you like?\n" in reply.text, reply.text
    assert "Cancel" in [b.label for b in reply.buttons]
    with factory() as session:
        assert "outcome" not in session.scalars(select(FormSession.values)).one()


@pytest.mark.parametrize("words", [
    "actually no payment has been made since October",
    "Payment now, and make sure the feedback from finance is passed on",
])
def test_an_outcome_that_only_sounds_like_a_change_of_mind_is_kept(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        words: str) -> None:
    _at_the_outcome(router)
    assert say(router, SAM, words).text.startswith(
        "Before I send your disagreement, please check it:")


@pytest.mark.parametrize("words", [
    "Our manager will turn this into a complaint if unpaid",
    "The council said it should be a dispute, not a complaint",
    "I meant to raise a complaint last month about this",
    "this should be a complaint, not feedback",
    "make this a dispute",
])
def test_words_of_the_story_or_asking_for_this_forms_own_kind_are_the_answer(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        words: str) -> None:
    # Session 36's review: each was refused as "a change of mind about this disagreement" at
    # "What has happened?"; complaint, dispute and conflict are all this form's kind.
    reply = say(router, SAM, "/conflict")
    reply = press(router, SAM, reply, "Payment")
    assert "What has happened?" in say(router, SAM, "RV-0042").text
    reply = say(router, SAM, words)
    assert "change of mind" not in reply.text, reply.text
    assert "What outcome would you like?" in reply.text, reply.text
    with factory() as session:
        assert session.scalars(select(FormSession.values)).one()["description"] == words


@pytest.mark.parametrize(("words", "switch"), [
    ("I want to do feedback instead", "/feedback"),
    ("this should be feedback, not a complaint", "/feedback"),
    ("no, switch to feedback please", "/feedback"),
])
def test_a_short_message_asking_for_another_kind_is_a_change_of_mind(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], words: str,
        switch: str) -> None:
    _at_the_outcome(router)
    reply = say(router, SAM, words)
    assert reply.text.startswith("That sounds like a change of mind about this disagreement"), (
        reply.text)
    assert f", then {switch} starts" in reply.text, reply.text


# -- the council's newer question beside a form at a free-text question (session 36's review) --
WENT_TO = "It went to the accounts inbox on 20 Nov"


def _asked_while_the_form_waits(router: Router, clock: Clock) -> str:
    """Sam's case, then a new /conflict left at "What has happened?"; Priya then asks on the
    case. The case's reference."""
    reference = raise_conflict(router)
    clock.now += timedelta(minutes=10)
    reply = say(router, SAM, "/conflict")
    reply = press(router, SAM, reply, "Payment")
    assert "What has happened?" in say(router, SAM, "RV-0042").text
    clock.now += timedelta(minutes=10)
    say(router, PRIYA, f"/case {reference} ask Which finance inbox did you send INV-7 to?")
    clock.now += timedelta(minutes=10)
    return reference


@pytest.mark.parametrize("meant", ["case", "form"])
def test_words_at_a_free_text_question_after_the_councils_newer_question_are_asked_about(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int], clock: Clock,
        meant: str) -> None:
    # Session 36's review: the reply to Priya's question became the new disagreement's "What
    # has happened?"; nothing reached the case. Any words answer a free-text question, so
    # which was meant is asked, nothing lost either way.
    reference = _asked_while_the_form_waits(router, clock)
    asked = say(router, SAM, WENT_TO)
    assert asked.text.startswith(f"Is this your answer to the message on {reference}"), (
        asked.text)
    assert "or to your disagreement's question “What has happened?”" in asked.text, asked.text
    assert [b.label for b in asked.buttons] == ["The message", "The form"]
    with factory() as session:
        assert "description" not in session.scalars(select(FormSession.values)).one()
    if meant == "case":
        replies = router.handle(make_incoming(sender=SAM, action=asked.buttons[0].action,
                                              action_value=asked.buttons[0].value))
        assert _comments(factory)[-1:] == [WENT_TO], [r.text for r in replies]
        assert replies[-1].text.startswith("You still have a form open (Disagreement)"), (
            replies[-1].text)
        assert say(router, SAM, "Invoice INV-9 is unpaid.").text.startswith(
            "Disagreement — question 4 of 4")
    else:
        reply = press(router, SAM, asked, "The form")
        assert "What outcome would you like?" in reply.text, reply.text
        with factory() as session:
            assert session.scalars(select(FormSession.values)).one()["description"] == WENT_TO
        assert WENT_TO not in _comments(factory)


def test_words_held_by_which_did_you_mean_are_kept_when_other_words_are_typed(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Session 37's brief: typing on instead of pressing a button dropped the held words.
    reference = _asked_while_the_form_waits(router, clock)
    say(router, SAM, WENT_TO)
    again = say(router, SAM, "Invoice INV-9 is unpaid.")
    assert again.text.startswith(
        f"Your words “{WENT_TO}” are kept until you say where they go, so I haven't taken "
        "“Invoice INV-9 is unpaid.”: send it again once you have.\nIs this your answer to the "
        f"message on {reference}"), again.text
    assert [b.label for b in again.buttons] == ["The message", "The form"]
    with factory() as session:
        assert "description" not in session.scalars(select(FormSession.values)).one()
    # Its button's label typed is as good as pressed.
    replies = router.handle(make_incoming("The message", sender=SAM))
    assert _comments(factory)[-1:] == [WENT_TO], [r.text for r in replies]
    assert say(router, SAM, "Invoice INV-9 is unpaid.").text.startswith(
        "Disagreement — question 4 of 4")


def test_words_at_a_form_after_a_case_message_asking_nothing_are_its_answer(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Session 37's brief: any message about a case (an acknowledgement) asked "which did you
    # mean?"; only the council's question (or a comment inviting a reply) waits for words.
    reference = raise_conflict(router)
    clock.now += timedelta(minutes=10)
    reply = say(router, SAM, "/conflict")
    reply = press(router, SAM, reply, "Payment")
    assert "What has happened?" in say(router, SAM, "RV-0042").text
    clock.now += timedelta(minutes=10)
    say(router, PRIYA, f"/case {reference} acknowledge")
    clock.now += timedelta(minutes=10)
    assert "What outcome would you like?" in say(router, SAM, WENT_TO).text


def test_words_at_a_free_text_question_with_no_newer_message_are_its_answer(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    reference = _asked_while_the_form_waits(router, clock)
    say(router, SAM, "/cancel")
    reply = say(router, SAM, "/conflict")
    reply = press(router, SAM, reply, "Payment")
    assert "What has happened?" in say(router, SAM, "RV-0042").text
    assert "What outcome would you like?" in say(router, SAM, WENT_TO).text
    assert reference  # the question on it still waits, and was shown before the form


def test_the_message_pressed_after_a_comment_adds_the_words_to_the_case(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        clock: Clock) -> None:
    # Session 36's second review: after a comment (not "Ask for information"), "The message"
    # sent the held words on as a question for the knowledge base ("I don't know ..."), and
    # nothing reached the case.
    reference = raise_conflict(router)
    clock.now += timedelta(minutes=10)
    reply = say(router, SAM, "/conflict")
    reply = press(router, SAM, reply, "Payment")
    assert "What has happened?" in say(router, SAM, "RV-0042").text
    clock.now += timedelta(minutes=10)
    say(router, PRIYA, f"/case {reference} comment Also, what was the amount?")
    clock.now += timedelta(minutes=10)
    words = "It was 4,200 pounds for October"
    asked = say(router, SAM, words)
    assert asked.text.startswith(f"Is this your answer to the message on {reference}"), (
        asked.text)
    replies = router.handle(make_incoming(sender=SAM, action=asked.buttons[0].action,
                                          action_value=asked.buttons[0].value))
    assert _comments(factory)[-1:] == [words], [r.text for r in replies]
    assert replies[0].text.startswith(f"Added to your case {reference}"), replies[0].text


def test_asking_how_a_case_escalates_names_who_is_next_on_its_ladder(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 43's brief: the escalation reply said who is next only generically. Priya has
    # the case; level 1 of its rule is Tom, RV-0042's commissioner and so a party to it: the
    # sweep would pass him over for the council's default owner, Dana (its admin).
    reference = raise_conflict(router)
    with factory() as session:
        assert session.scalars(select(Case.assignee_id)).all() == [ids[PRIYA]]
    reply = say(router, PRIYA, f"how do i escalate {reference}?")
    assert reply.text.startswith("How a case escalates"), reply.text
    assert reply.text.endswith(
        f"{reference} has not been escalated yet; if it climbs now, it goes to Dana.")
    # About no placement of his, Tom is next: level 1.
    other = raise_conflict(router, reference="")
    reply = say(router, PRIYA, f"what happens if nobody acknowledges {other.lower()}")
    assert reply.text.endswith(
        f"{other} has not been escalated yet; if it climbs now, it goes to Tom.")
    # Without a reference, or with one the asker may not see, as before.
    assert "if it climbs now" not in say(router, PRIYA, "how do i escalate a case?").text
    assert "if it climbs now" not in say(router, OTTO, f"how do i escalate {reference}?").text
