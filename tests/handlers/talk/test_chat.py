"""Conversation state a person can see, as dialogs through the router: small talk, a number
with no buttons waiting, words that are not an answer to an open form, and a concern typed
into a form (issue 11)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.channels.console.adapter import to_incoming
from bot.channels.console.renderer import pressable_buttons, render_replies
from bot.config import Settings
from bot.dispatch import Router
from bot.messages import Incoming, Reply
from bot.models import (
    AuditEvent,
    Case,
    CaseKind,
    Channel,
    Deadline,
    DeadlineStatus,
    FormSession,
    OrganisationKind,
    OutboxMessage,
    OutboxStatus,
    Person,
    Question,
    Role,
)
from bot.templates import make_templates
from handlers.ask.questions import knowledge_gaps
from handlers.talk.matching import condition_change_told
from knowledge.answers import Answerer
from knowledge.base import PACKAGED, KnowledgeBase
from tests.factories import (
    FIXED_NOW,
    Clock,
    count_rows,
    make_incoming,
    make_organisation,
    make_person,
)
from tests.handlers.conftest import PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

FEEDBACK_PLEDGE_LINE = ('You still have a form open (Feedback): answer question 2 of 5 '
                        '("Which pledge commitment does it touch?"), or type /cancel to stop it.')


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def say(router: Router, text: str, sender: str = SAM) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender))


def one(router: Router, text: str, sender: str = SAM) -> str:
    [reply] = say(router, text, sender)
    return reply.text


def _rows(factory: sessionmaker[Session]) -> Counter[str]:
    return Counter({"question": count_rows(factory, Question),
                    "audit": count_rows(factory, AuditEvent), "case": count_rows(factory, Case)})


# -- small talk ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "start"), [
    ("hi", "Hello Sam.\nI can:\n"),
    ("Good morning!", "Hello Sam.\nI can:\n"),
    ("how are you?", "Hello Sam: very well, thank you, and ready to help.\nI can:\n"),
    ("help", "I can:\n"),
    ("what can you do?", "I can:\n"),
    ("who are you?", "I'm pledgebot, an assistant for the Pledge to Work Together between "
                     "Northshire County Council and the care providers it works with."),
    ("thanks", "You're welcome. Ask me anything else about the pledge or tendering"),
    ("ok", "Good. Ask me anything else whenever you like"),
    # With nothing asked, a yes or a no is no question (it was "I don't know", noted as one).
    ("yes", "I wasn't waiting for a yes or no just now. Ask me anything about the pledge"),
    ("Nope.", "I wasn't waiting for a yes or no just now."),
    ("bye", "Goodbye, Sam. I'm here whenever you need me."),
    ("/ask thank you", "You're welcome."),
    # Session 32's trial: a choice of topics, a knowledge-base entry, or "I don't know ...
    # noted your question".
    ("no worries", "Good. Ask me anything else whenever you like"),
    ("that's fine", "Good. Ask me anything else whenever you like"),
    ("will do", "Good. Ask me anything else whenever you like"),
    ("are you there", "Yes, I'm here. What would you like to ask?"),
    ("Hello? Anyone there?", "Yes, I'm here. What would you like to ask?"),
    ("sorry wrong chat", "No problem. I'm here whenever you need me."),
    ("oops, ignore that", "No problem. I'm here whenever you need me."),
    # Session 33's trial: each was "I don't know" and a knowledge-base gap.
    ("what?", "What would you like to ask? Type your question in words"),
    ("huh??", "What would you like to ask? Type your question in words"),
    ("ack", "Good. Ask me anything else whenever you like"),
    ("Acknowledged, thanks", "You're welcome."),
    ("oops wrong one, undo that", "No problem. I'm here whenever you need me."),
    ("sorry, wrong file - scratch that", "No problem. I'm here whenever you need me."),
    # Session 37's trial: "I don't know" and a knowledge gap, where "ok thanks" was thanks.
    ("Thanks, Sam", "You're welcome."),
    # Session 43's trial: each was "I don't know" and a knowledge gap.
    ("what is this bot for", "I can:\n"),
    ("what does this do?", "I can:\n"),
    ("ok thanks thats really helpful", "You're welcome."),
    # Session 45's brief: thanks for the help was "I don't know" and a knowledge gap.
    ("thank you for your help", "You're welcome. Ask me anything else about the pledge"),
    ("many thanks for your help", "You're welcome."),
    ("cheers for the help", "You're welcome."),
    ("thanks for all your help today", "You're welcome."),
    ("Thank you so much for your help!", "You're welcome."),
    ("thanks for that", "You're welcome."),
    ("ok thanks for the info", "You're welcome."),
    # Session 45's talk review: each was "I don't know" and a knowledge gap.
    ("thank u", "You're welcome."),
    ("thanks a million", "You're welcome."),
    ("thank you kindly", "You're welcome."),
    ("thanks for explaining that", "You're welcome."),
])
def test_small_talk_gets_a_short_reply_and_is_no_question(
        router: Router, factory: sessionmaker[Session], text: str, start: str) -> None:
    assert one(router, text).startswith(start)
    # Not searched, not kept as a question, so never a knowledge gap.
    assert _rows(factory) == Counter()
    assert knowledge_gaps(factory) == []


@pytest.mark.parametrize("text", [
    "no worries, but when is the uplift paid?",
    "are you there? a carer hit a resident",
])
def test_small_talk_beside_a_question_or_a_concern_is_not_small_talk(
        router: Router, text: str) -> None:
    assert not one(router, text).startswith(("Good. Ask me", "Yes, I'm here", "No problem."))


def test_what_the_bot_can_do_is_told_by_role(router: Router) -> None:
    provider = one(router, "hello")
    commissioner = one(router, "hello", PRIYA)
    assert "take your feedback (/feedback) or a disagreement (/conflict)" in provider
    assert "/feedback" not in commissioner
    assert "show the cases routed to you and let you act on them (/cases, /case REF)" in (
        commissioner)
    assert commissioner.startswith("Hello Priya.")
    assert provider.endswith("Type /help for every command.")


@pytest.mark.parametrize(("text", "start"), [
    ("hi, how long is standstill?", "Standstill periods and challenging an award\n"),
    ("thanks, but what about TUPE?", "TUPE when care contracts are re-tendered\n"),
    ("thanks a million, how long is standstill?", "Standstill periods and challenging an award\n"),
    ("thank u. what about TUPE?", "TUPE when care contracts are re-tendered\n"),
    # Session 43's review: only greeted, the question taken for the organisation's name.
    ("Hi I'm Alex, manager at Hillview - what's pledge 18?",
     "Fair financial appraisal for providers of every size\n"),
])
def test_small_talk_with_a_question_is_a_question(
        router: Router, factory: sessionmaker[Session], text: str, start: str) -> None:
    assert one(router, text).startswith(start)
    with factory() as session:
        question = session.scalars(select(Question)).one()
    # Kept as typed, but for a name, kept as its initial.
    assert (question.text, question.answered) == (text.replace("Alex", "A."), True)


# -- a number with no buttons waiting ------------------------------------------------------------
def test_a_bare_number_is_not_a_question_and_opens_nothing(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The transcript: "1" answered "Contract length", then "3" opened a case.
    assert one(router, "1") == (
        '"1" on its own doesn\'t tell me what you mean: a number picks one of my buttons only '
        'when my last reply showed them numbered.\n'
        'To read pledge commitment 1, type "pledge 1". Otherwise, please ask your question in '
        'words, or type /help.')
    assert one(router, "3").startswith('"3" on its own')
    assert one(router, "#45") == (
        '"45" on its own doesn\'t tell me what you mean: a number picks one of my buttons only '
        'when my last reply showed them numbered.\n'
        'Otherwise, please ask your question in words, or type /help.')
    assert _rows(factory) == Counter()
    assert knowledge_gaps(factory) == []


def test_a_number_still_answers_a_form_question(router: Router,
                                                factory: sessionmaker[Session]) -> None:
    say(router, "/feedback")
    assert "question 2 of 5" in one(router, "Payment")
    assert "question 3 of 5" in one(router, "6")  # pledge 6
    assert "question 4 of 5" in one(router, "2")  # a rating of 2
    with factory() as session:
        form = session.scalars(select(FormSession)).one()
    assert form.values == {"part": "Payment", "pledge": "6", "rating": "2"}


def test_a_number_no_choice_has_is_refused_by_the_form_not_taken_as_a_number(
        router: Router) -> None:
    say(router, "/feedback")
    one(router, "Payment")
    one(router, "6")
    reply = one(router, "7")
    assert reply.startswith("Please choose one of: 1, 2, 3, 4, 5 (or type its number).")
    assert "How well are we working together on this?" in reply


# -- an open form is named when the words are not an answer to it --------------------------------
def test_a_question_typed_into_a_form_is_answered_and_the_form_named(
        router: Router, factory: sessionmaker[Session]) -> None:
    say(router, "/feedback")
    one(router, "Payment")
    # The issue: "how long is standstill?" was refused as "not a pledge commitment".
    answer, still_open = say(router, "how long is standstill?")
    assert answer.text.startswith("Standstill periods and challenging an award\n")
    assert "is not a pledge commitment" not in answer.text + still_open.text
    # The form is named last, with its question's buttons (Skip, Cancel).
    assert still_open.text == FEEDBACK_PLEDGE_LINE
    assert [b.label for b in still_open.buttons] == ["Skip", "Cancel"]
    # The question is kept like any other; the form waits where it was.
    with factory() as session:
        question = session.scalars(select(Question)).one()
        form = session.scalars(select(FormSession)).one()
    assert question.text == "how long is standstill?"
    assert (form.position, form.values) == (1, {"part": "Payment"})
    assert "question 3 of 5" in one(router, "6, 29")


PLACEMENT_START_LINE = ('You still have a form open (New placement): answer question 2 of 3 '
                        '("When did it start (or when will it)?"), or type /cancel to stop it.')


def test_words_that_are_no_date_at_a_date_question_are_answered_or_asked_again(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 34's trial: "pledge 31" and a misspelled question were read as start dates
    # ("I couldn't read the start date 'pledge 31'"), where spelled questions were answered.
    say(router, "/placement new")
    assert one(router, "RC-0199").startswith("New placement — question 2 of 3")
    missing, still_open = say(router, "pledge 31")
    assert missing.text.startswith("The pledge has 30 commitments, numbered 1 to 30, so there "
                                   "is no commitment 31.")
    assert still_open.text == PLACEMENT_START_LINE
    answer, still_open = say(router, "hw lng is teh standstil perod")
    assert answer.text.startswith("Standstill periods and challenging an award\n")
    assert still_open.text == PLACEMENT_START_LINE
    # Words no entry answers are no question: the date question again, nothing kept.
    asked_again = one(router, "the day she moved in")
    assert asked_again.startswith("I couldn't read the start date")
    assert "New placement — question 2 of 3" in asked_again
    with factory() as session:
        assert [question.text for question in session.scalars(select(Question))] == [
            "hw lng is teh standstil perod"]
        form = session.scalars(select(FormSession)).one()
    assert (form.position, form.values["reference"]) == (1, "RC-0199")


def test_a_question_without_its_question_mark_is_still_a_question(router: Router) -> None:
    say(router, "/feedback")
    one(router, "Payment")
    # (A commitment asked about here is this question's: session 45's brief; see
    # tests/bot/test_forms_session44.py.)
    answer, still_open = say(router, "how long is the standstill period")
    assert "standstill" in answer.text.lower()
    assert still_open.text == FEEDBACK_PLEDGE_LINE


def test_small_talk_typed_into_a_choice_question_names_the_form(router: Router) -> None:
    say(router, "/feedback")
    hello, still_open = say(router, "hi")
    assert hello.text.startswith("Hello Sam.\nI can:")
    assert still_open.text == (
        'You still have a form open (Feedback): answer question 1 of 5 ("Which part of '
        'working with the council is it about?"), or type /cancel to stop it.')
    assert [b.label for b in still_open.buttons] == [
        "Payment", "Placement review", "Care package and funding", "Procurement process",
        "Contract", "Other", "Cancel"]


def test_a_number_typed_after_a_command_with_buttons_mid_form_answers_the_form(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 30's review, on the console: /conflict, then /ask showed "[1] More [2] Helpful
    # [3] Not helpful ..." under the line naming the form; "1" meant for "Payment" was "not one
    # of the choices", and "3" recorded "Not helpful".
    shown: list[Reply] = []

    def type_(line: str) -> str:
        incoming = to_incoming(f"{line}\n", sender=SAM, received_at=FIXED_NOW,
                               buttons=pressable_buttons(shown))
        assert isinstance(incoming, Incoming)
        shown[:] = router.handle(incoming)
        return render_replies(shown)

    type_("/conflict")
    said = type_("/ask how long is standstill")
    assert said.startswith("Standstill periods and challenging an award\n")
    # The form's choices are numbered again; the answer's own buttons are pressed by name.
    assert said.endswith(
        '(You\'re still filling in Disagreement: question 1 of 4, "What is it about?". Answer '
        "it, or /cancel.)\n[1] Payment   [2] Placement review   [3] Care package and funding   "
        "[4] Procurement process   [5] Contract   [6] Other   [Cancel]")
    assert "Which placement or invoice is it about?" in type_("3")
    with factory() as session:
        form = session.scalars(select(FormSession)).one()
    assert form.values == {"about": "Care package and funding"}


def test_a_wrong_answer_that_is_not_a_question_is_still_explained(router: Router) -> None:
    say(router, "/feedback")
    one(router, "Payment")
    reply = one(router, "thirty")
    assert reply.startswith("'thirty' is not a pledge commitment")


def test_words_a_free_text_question_accepts_are_its_answer_even_as_a_question(
        router: Router, factory: sessionmaker[Session]) -> None:
    say(router, "/conflict")
    one(router, "Payment")
    one(router, "skip")
    reply = one(router, "why hasn't the council paid invoice INV-7 after 40 days?")
    assert "What outcome would you like?" in reply
    with factory() as session:
        form = session.scalars(select(FormSession)).one()
        assert session.scalars(select(Question)).all() == []
    assert form.values["description"] == (
        "why hasn't the council paid invoice INV-7 after 40 days?")


# -- a concern typed into a form -----------------------------------------------------------------
def test_a_concern_in_a_form_answer_gets_the_guidance_and_no_length_complaint(
        router: Router, factory: sessionmaker[Session]) -> None:
    say(router, "/feedback")
    one(router, "Payment")
    words = "a carer hit a resident, she has bruises on her arm"
    assert len(words) > 40  # longer than the pledge question allows
    guidance, line = (reply.text for reply in say(router, words))
    assert guidance.startswith("This sounds like a safeguarding concern. Please act on it now:")
    # The words are the hub's alone: not kept in the form, which waits in one short line.
    assert line == ("Your feedback form is on hold: answer its question when you're ready, "
                    "or /cancel.")
    assert "characters long" not in guidance + line
    with factory() as session:
        case = session.scalars(select(Case)).one()
        form = session.scalars(select(FormSession)).one()
    assert (case.kind, case.severity) == (CaseKind.SAFEGUARDING, "urgent")
    assert (form.position, form.values) == (1, {"part": "Payment"})


# -- a commitment the pledge does not have (session 20) ---------------------------------------
@pytest.mark.parametrize(("text", "number"), [
    ("pledge 31", 31), ("commitment 0", 0), ("what does pledge 45 say", 45)])
def test_a_commitment_the_pledge_does_not_have_is_said_so_and_is_no_gap(
        router: Router, factory: sessionmaker[Session], text: str, number: int) -> None:
    assert one(router, text) == (
        f"The pledge has 30 commitments, numbered 1 to 30, so there is no commitment {number}. "
        'Type "pledge 6" to read one, or "list the commitments" to see them all.')
    assert _rows(factory) == Counter()
    assert knowledge_gaps(factory) == []


def test_yes_or_no_answers_a_forms_two_way_choice(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 20: "no" at "Send it anonymously?" was refused ("Please choose one of: Yes,
    # anonymously, No, with my name").
    say(router, "/feedback")
    one(router, "Payment")
    one(router, "skip")
    one(router, "4")
    assert "Send it anonymously?" in one(router, "Invoices are paid on time since October")
    assert "- Send it anonymously? No, with my name\n" in one(router, "no")
    done = one(router, "send")
    assert "anonymously" not in done
    with factory() as session:
        case = session.scalars(select(Case)).one()
    assert case.raised_by_id is not None


def test_help_says_who_records_an_invoice_received_and_who_paid(router: Router) -> None:
    # Session 20's review: a commissioner saw "/invoice received ..." in /help, used it and was
    # told "Providers record the invoices they send with /invoice received."
    [line] = [line for line in one(router, "/help", PRIYA).splitlines()
              if line.strip().startswith("/invoice")]
    assert line.endswith("providers: record an invoice sent (received by the council); "
                         "either side: record one paid; the payer: record one disputed (its "
                         "payment clock paused), or part of it, or settled")


def test_help_lists_what_each_role_may_do_with_a_case_and_a_survey(router: Router) -> None:
    # Session 30's trial: a provider's /help listed "/case REF ... acknowledge | propose |
    # resolve | reassign" and "/survey ... results ID | approve ID N", each then refused.
    def lines(sender: str) -> list[str]:
        return [line.strip() for line in one(router, "/help", sender).splitlines()
                if line.strip().startswith(("/case ", "/survey "))]

    assert lines(SAM) == [
        "/case REF [comment TEXT | accept | reject | withdraw | reopen] - one case, or act on it",
        "/survey [ID | answer ID 1: 4, 2: b ...] - surveys open for you; answer one"]
    assert lines(PRIYA) == [
        "/case REF [comment TEXT | note TEXT | acknowledge | ask | propose | resolve | reassign] "
        "- one case, or act on it",
        "/survey [ID | answer ID 1: 4, 2: b ... | results ID | comments ID | approve ID N | "
        "unapprove ID N | respond ID TEXT] - surveys open for you; answer one"]


def test_help_names_reminders_council_to_council_staff_only(router: Router) -> None:
    # Session 31: a provider's /help read "(council staff: /reminders council ...)".
    def line(sender: str) -> str:
        [found] = [line.strip() for line in one(router, "/help", sender).splitlines()
                   if line.strip().startswith("/reminders ")]
        return found

    assert line(SAM) == "/reminders - your open deadlines"
    assert line(PRIYA) == ("/reminders - your open deadlines; /reminders council for all of "
                           "the council's")


def test_away_is_described_and_refused_in_the_words_for_each_role(router: Router) -> None:
    # Session 31's review: a provider's /help said /away sends "new cases" to the cover, and a
    # provider away too long was told to "ask an administrator to reassign your cases".
    def line(sender: str) -> str:
        [away] = [line.strip() for line in one(router, "/help", sender).splitlines()
                  if line.strip().startswith("/away ")]
        return away

    assert line(SAM) == (
        "/away [FROM until] UNTIL COVER_EMAIL | off - away until a date: your reminders and the "
        "news of your cases go to your cover too")
    assert line(PRIYA) == (
        "/away [FROM until] UNTIL COVER_EMAIL | off - away until a date: new cases and reminders "
        "go to your cover")
    assert one(router, "/away 2028-06-01 jo@riverside.example", SAM) == (
        "That is more than a year away: please give a return date within a year. If you are "
        "leaving your organisation, the council's pledgebot administrator can hand your "
        "placements and reminders to a colleague.")
    assert one(router, "/away 2028-06-01 jo@northshire.example", PRIYA) == (
        "That is more than a year away; please ask an administrator to reassign your cases "
        "instead.")


@pytest.mark.parametrize(("text", "start"), [
    ("?", "What would you like to ask? Type your question in words"),
    ("...", "What would you like to ask? Type your question in words"),
    ("lol", "Good. Ask me anything else whenever you like"),
    ("hmm", "Good. Ask me anything else whenever you like"),
])
def test_punctuation_alone_and_a_laugh_are_not_knowledge_gaps(
        router: Router, factory: sessionmaker[Session], text: str, start: str) -> None:
    # Session 20's review: "lol" and "?" got "I don't know ... I've noted your question".
    assert one(router, text).startswith(start)
    assert _rows(factory) == Counter()
    assert knowledge_gaps(factory) == []


@pytest.mark.parametrize(("text", "expected"), [
    # Session 34's trial: each was "I don't know" and a knowledge gap.
    ("stop", "There's nothing to stop: no form is open. While one is open, /cancel closes it; "
             "/help shows what I can do."),
    ("Quit", "There's nothing to stop: no form is open. While one is open, /cancel closes it; "
             "/help shows what I can do."),
    ("exit.", "There's nothing to stop: no form is open. While one is open, /cancel closes "
              "it; /help shows what I can do."),
    ("Send", "That button isn't on offer now. There is no form waiting to be sent: /help shows "
             "what I can do."),
    ("banana", "I'm not sure what you mean by \"banana\". Type your question in a few words, "
               "or /help to see what I can do."),
])
def test_stop_a_lone_button_label_and_a_word_alone_are_not_knowledge_gaps(
        router: Router, factory: sessionmaker[Session], text: str, expected: str) -> None:
    assert one(router, text) == expected
    assert _rows(factory) == Counter()
    assert knowledge_gaps(factory) == []


def test_stop_in_a_form_still_cancels_it_and_a_known_word_is_still_answered(
        router: Router, factory: sessionmaker[Session]) -> None:
    assert one(router, "/placement new").startswith("New placement")
    assert one(router, "stop").startswith("Cancelled")
    assert count_rows(factory, FormSession) == 0
    # One word the knowledge base has is a question as before.
    assert one(router, "tupe").startswith("TUPE when care contracts are re-tendered")


# -- a question about using the bot (session 21) --------------------------------------------------
def test_how_do_i_is_answered_with_the_bots_own_command_and_is_no_gap(
        router: Router, factory: sessionmaker[Session]) -> None:
    before = _rows(factory)
    assert one(router, "how do I raise a conflict?") == (
        "Use /conflict: raise a disagreement (payment, funding, a review...).\n"
        "Type it as: /conflict [TEXT]\nType /help to see everything I can do.")
    # Everyone may be away with a cover now (a provider since session 31's trial).
    # Each told what it does for them (session 31's review: a provider read "new cases").
    for sender, does in ((PRIYA, "new cases and reminders go to your cover"),
                         (SAM, "your reminders and the news of your cases go to your cover "
                               "too")):
        assert one(router, "how do I make sure cases go to Tom while I'm away",
                   sender=sender).startswith(f"Use /away: away until a date: {does}.")
    assert one(router, "how do I raise a conflict", sender=PRIYA).startswith(
        "/conflict is for providers")
    # A command's name alone is that command, not conflicts of interest.
    assert one(router, "conflict").startswith("Use /conflict: raise a disagreement")
    # "my cases" asks for the list itself (session 41: the usage before).
    assert one(router, "my cases") == (
        f"{one(router, '/cases')}\nNext time, /cases shows this straight away.")
    # Session 25's trial: "I don't know", though /feedback asks exactly that.
    assert one(router, "can i give feedback anonymously").endswith(
        # Session 44: as the form and the receipt say it, the organisation is not shown either.
        "It asks whether to send it anonymously: then the council sees your words, but neither "
        "your name nor your organisation.\nType /help to see everything I can do.")
    # Session 43's trial: each was "I don't know", a knowledge gap.
    for asked in ("can i complain anonymously", "can i give feedback without my name on it"):
        assert one(router, asked).startswith("Use /feedback: give feedback on working together.")
    # Session 35's trial: "I don't know"; /review done's own usage.
    assert one(router, "how do i record that we did a review for a client") == (
        "Use /review: record a review as done.\nType it as: /review done REF [DATE] [OUTCOME]\n"
        "Type /help to see everything I can do.")
    assert _rows(factory) == before  # nothing searched, recorded or opened
    # A question for the knowledge base is still searched and recorded.
    one(router, "how do I get feedback on my bid")
    assert count_rows(factory, Question) == 1


# -- session 22: when does a clock fall, for a day the person names ------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("resident moved in on 30 November 2026, when is the three month review due?",
     "For a placement that started on Mon 30 Nov 2026, the initial review (3 months, pledge "
     "24) is due by Fri 26 Feb 2027, moved back to a working day; then every 6 months (pledge "
     "25).\nTo be reminded: /placement new REF 30/11/2026 COMMISSIONER_EMAIL"),
    ("we sent invoice INV-77 on 2 Dec 2026, when must it be paid by?",
     "For an invoice the council received on Wed 2 Dec 2026: the pledge aims for payment by Fri "
     "11 Dec 2026 (10 days, pledge 29), and the legal limit is Thu 31 Dec 2026 (30 days, "
     "counting the day it was received). The clock runs from when the council receives a "
     "valid invoice, not when it was sent.\nTo have it tracked and be reminded: /invoice "
     "received NUMBER 02/12/2026 AMOUNT PLACEMENT"),
    ("her needs have gone up since 1/12/2026, when do they have to revisit?",
     "For a change in someone's condition notified on Tue 1 Dec 2026, the care package should "
     "be revisited by Tue 15 Dec 2026 (within 2 weeks, pledge 26).\n/condition-change REF "
     "01/12/2026 records it and tells the commissioner."),
    # The README's own example (session 25's trial: "I don't know").
    ("her needs went up on 1/12/2026, when must they revisit?",
     "For a change in someone's condition notified on Tue 1 Dec 2026, the care package should "
     "be revisited by Tue 15 Dec 2026 (within 2 weeks, pledge 26).\n/condition-change REF "
     "01/12/2026 records it and tells the commissioner."),
])
def test_a_question_naming_a_day_gets_the_date_by_the_reminders_rules_and_is_no_gap(
        router: Router, factory: sessionmaker[Session], text: str, expected: str) -> None:
    # Session 22's review: "I don't know", and no word of /placement or /invoice.
    before = _rows(factory)
    assert one(router, text) == expected
    assert _rows(factory) == before  # nothing recorded, no question kept


def test_a_due_date_question_without_a_day_goes_to_the_knowledge_base(router: Router) -> None:
    assert not one(router, "when is the three month review due?").startswith(
        "For a placement that started")


def test_asking_for_a_person_says_how_and_is_no_gap(router: Router,
                                                     factory: sessionmaker[Session]) -> None:
    # Session 22's review: "can i talk to a real person" became a case with only those words.
    before = _rows(factory)
    assert one(router, "can i talk to a real person").startswith(
        "Of course. Tell me in a sentence what it's about (a placement reference, not a name) "
        "and I'll give you a button to pass it to a named commissioner")
    assert _rows(factory) == before


# -- a change in condition told -----------------------------------------------------------------
def test_a_change_in_condition_told_points_to_the_command_and_records_nothing(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 26's trial: "... on RC-102 has had a fall, her condition has got worse, shes now
    # needing 2 carers" got "I don't know" and no word of /condition-change.
    assert one(router, f"/placement new RC-102 2026-11-02 {PRIYA}").startswith(
        "Placement RC-102 added")
    before = _rows(factory)
    for words in ("mrs b on rc-102 has had a fall, her condition has got worse, shes now "
                  "needing 2 carers", "RC-102 now needs two carers",
                  "RC-102's mobility has deteriorated"):
        # (A fall is also asked about: "Is this about someone's safety?", before it.)
        assert say(router, words)[-1].text == (
            "That sounds like a change in RC-102's needs. The council should revisit within 2 "
            "weeks of being told (pledge 26): record it with /condition-change RC-102 "
            "DD/MM/YYYY (the day the council was told), or /condition-change RC-102 for today, "
            "and I'll remind you both. Nothing is recorded until you do."), words
    after = _rows(factory)  # (the safety question's audit event aside)
    assert (after["question"], after["case"]) == (before["question"], before["case"])
    # A reference that is no placement of theirs, or a question, goes on as before.
    assert not one(router, "RC-999 now needs two carers").startswith("That sounds like")
    assert not one(router, "when does RC-102 need a review?").startswith("That sounds like")


CONDITION_ASKED_REPLY = (
    "When someone's condition changes, pledge 26 says commissioners and providers revisit the "
    "care package and its funding within 2 weeks of the council being told. Tell the council "
    "with /condition-change REF DD/MM/YYYY (REF being the placement's reference, the date the "
    "day the council was told), or /condition-change REF for today: the commissioner is told "
    "at once, and I'll remind you both of the revisit.")


def test_what_to_do_about_a_change_in_condition_gets_pledge_26_and_is_no_gap(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 34's trial: "I don't know", the Personal Expenses Allowance, "I don't know".
    for words in ("how do I tell the council a residents needs have gone up?",
                  "what happens when a person's condition changes?",
                  "The resident in RC-0101 has had a stroke and now needs two carers for every "
                  "transfer, what do I do?"):
        assert say(router, words)[-1].text == CONDITION_ASKED_REPLY, words
    assert count_rows(factory, Question) == 0
    assert knowledge_gaps(factory) == []
    # Council staff record it too; the provider is the one told.
    assert one(router, "what happens when a person's condition changes?", PRIYA).endswith(
        "Record it with /condition-change REF DD/MM/YYYY (REF being the placement's reference, "
        "the date the day the council was told), or /condition-change REF for today: the "
        "provider is told at once, and I'll remind you both of the revisit.")
    # A placement of theirs is named in the command.
    assert one(router, f"/placement new RC-102 2026-11-02 {PRIYA}").startswith(
        "Placement RC-102 added")
    assert say(router, "RC-102 has had a stroke and now needs two carers for every transfer, "
                       "what should we do?")[-1].text.startswith(
        "That sounds like a change in RC-102's needs. The council should revisit within 2 "
        "weeks of being told (pledge 26): record it with /condition-change RC-102 DD/MM/YYYY")
    # A question about the fee, or the day, is not this route's.
    assert not one(router, "residents needs have gone up a lot, how do we get the fee "
                           "increased").startswith("When someone's condition")


@pytest.mark.parametrize("text", [
    # Session 35's brief: the question in other orders and words ("I don't know" before).
    "when her condition changes what do we do?",
    "When someone's needs change, who do we tell?",
    "if someone's needs change what should we do",
    "what should we do if a resident's needs change?",
    "her condition has got worse, what now?",
    "his needs have gone up - what's the process?",
    "if a client's condition deteriorates what do I need to do",
    "when needs increase what happens?",
    # A calibration question, the changes in needs entry's: a person's care package.
    "No allocated social worker and the package needs changing urgently — who do we contact?",
])
def test_what_to_do_about_a_change_in_condition_is_read_in_other_words(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    assert [reply.text for reply in say(router, text)] == [CONDITION_ASKED_REPLY]
    assert count_rows(factory, Question) == 0


def test_more_care_needed_after_hospital_with_a_reference_gets_the_condition_change_answer(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 35's trial: "I don't know", and a knowledge gap.
    assert one(router, f"/placement new HV-0231 2026-11-02 {PRIYA}").startswith(
        "Placement HV-0231 added")
    assert [reply.text for reply in say(
        router, "HV-0231 came home from hospital yesterday and needs double up calls now, how "
                "do we get the package increased?")] == [
        "That sounds like a change in HV-0231's needs. The council should revisit within 2 "
        "weeks of being told (pledge 26): record it with /condition-change HV-0231 DD/MM/YYYY "
        "(the day the council was told), or /condition-change HV-0231 for today, and I'll "
        "remind you both. Nothing is recorded until you do."]
    assert [reply.text for reply in say(
        router, "she needs two carers now, how can we get her care package increased?")] == [
        CONDITION_ASKED_REPLY]
    assert count_rows(factory, Question) == 0


def test_more_care_asked_for_in_other_words_gets_the_condition_change_answer(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 35's review: "I don't know" ("can we get more hours?", "who do we ask to up the
    # hours?" were no question of what to do).
    assert one(router, f"/placement new RC-300 2026-11-02 {PRIYA}").startswith(
        "Placement RC-300 added")
    assert [reply.text for reply in say(
        router, "RC-300 is back from hospital and needs more care, can we get more hours?")] == [
        "That sounds like a change in RC-300's needs. The council should revisit within 2 "
        "weeks of being told (pledge 26): record it with /condition-change RC-300 DD/MM/YYYY "
        "(the day the council was told), or /condition-change RC-300 for today, and I'll "
        "remind you both. Nothing is recorded until you do."]
    assert [reply.text for reply in say(
        router, "mrs k needs two carers now since her fall, who do we ask to up the hours?")] == [
        CONDITION_ASKED_REPLY]
    assert count_rows(factory, Question) == 0


@pytest.mark.parametrize("text", [
    "has the contract changed?",
    "what changes in the Procurement Act?",
    "when the contract changes what do we do?",
    "if the conditions of the contract change what should we do?",
    "when her needs change, when must the council revisit?",
    "when someone's needs go up, what happens to the fee?",
    # Session 35's review: needs that are no person's, or "needs" the verb (the knowledge base's
    # "After award" entry and others before).
    "what's the process when the contract needs to change?",
    "what's next if the council's needs change during the tender?",
    "what's the next step if our training needs change?",
    "our recruitment needs have gone up - what's the process?",
    "what's the process if our training package needs changing?",
    # ... nor more hours wanted for a rota or a contract (session 35's review's wordings).
    "our rota needs more staff, can we get more hours on the contract?",
    "the service needs more carers, who do we ask to up the hours?",
    # ... nor a member of staff needing more (session 35's third review: pledge 26's reply).
    "our new manager needs more support since she started, can we get more hours?",
    # Harm told beside it is safeguarding's, first and alone.
    "a carer hit her and her condition has got worse, what now?",
])
def test_a_change_that_is_no_ones_condition_or_a_question_of_a_day_or_fee_is_not_pledge_26s(
        router: Router, text: str) -> None:
    assert CONDITION_ASKED_REPLY not in [reply.text for reply in say(router, text)]


def test_a_stroke_and_two_carers_are_not_asked_about_for_safety_but_harm_beside_them_is(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 34's trial: "Is this about someone's safety?" and "I don't know". A stroke is no
    # abuse or neglect: the concern model (0.69) reads the rest of the words alone.
    assert [reply.text for reply in say(
        router, "The resident in RC-0101 has had a stroke and now needs two carers for every "
                "transfer, what do I do?")] == [CONDITION_ASKED_REPLY]
    assert count_rows(factory, AuditEvent) == 0
    # Not eating beside it is still asked about, the answer after the question.
    first, last = say(router, "RC-0101 has had a stroke and now needs two carers, and she has "
                              "not eaten for days, what do I do?")
    assert first.text.startswith("Is this about someone's safety?")
    assert last.text == CONDITION_ASKED_REPLY


@pytest.mark.parametrize(("text", "found"), [
    ("RC-102 has had a fall and now needs 2 carers", ("rc-102",)),
    ("her condition has got worse, HV-0100", ("hv-0100",)),
    ("the needs of NS5501 have increased", ("ns5501",)),
    ("her condition has got worse", None),  # no reference
    ("what happens when needs increase for RC-102?", None),  # a question
    ("RC-102 invoice paid", None),  # no change in condition
])
def test_a_change_in_condition_is_read_from_a_statement_with_a_reference(
        text: str, found: tuple[str, ...] | None) -> None:
    assert condition_change_told(text) == found


# -- a statement that asks nothing (session 27) -------------------------------------------------
STATEMENT_REPLY = (
    "I haven't kept that or passed it on: I pass on questions, cases and concerns, not news.\n"
    "- To ask something, type your question and I'll answer it, or pass it to a commissioner.\n"
    "- /feedback tells the council how working together is going; /conflict raises a "
    "disagreement; /case REF comment TEXT adds to one of your cases.\n"
    "- If anyone is at risk of harm, tell me what happened and I'll pass it to the "
    "safeguarding team at once.")


@pytest.mark.parametrize(("text", "thanks"), [
    ("we had our contract review meeting today", "Thanks for letting me know."),
    ("just letting you know our manager is on leave next week", "Thanks for letting me know."),
    ("our CQC inspection went well", "That's good to hear, thanks for letting me know."),
    ("Hi, just a quick update: we signed the new contract today", "Thanks for letting me know."),
    ("fyi we submitted our tender yesterday", "Thanks for letting me know."),
])
def test_a_statement_gets_a_kind_reply_and_is_no_gap(
        router: Router, factory: sessionmaker[Session], text: str, thanks: str) -> None:
    # Session 27: each was "I don't know" (or a choice of entries) and a knowledge gap.
    assert one(router, text) == f"{thanks}\n{STATEMENT_REPLY}"
    assert _rows(factory) == Counter()
    assert knowledge_gaps(factory) == []


def test_a_commissioners_statement_is_told_what_they_can_do(router: Router) -> None:
    # (Their own leave told gets the offer of /away: tests/handlers/people/test_away_offer.py.)
    assert one(router, "we had our contract review meeting today", PRIYA) == (
        "Thanks for letting me know.\n"
        "I haven't kept that or passed it on: I pass on questions, cases and concerns, not news.\n"
        "- To ask something, type your question and I'll answer it, or pass it to a colleague.\n"
        "- /case REF comment TEXT adds a note to a case; /away sends new cases to your cover "
        "while you're away.")


@pytest.mark.parametrize(("text", "start"), [
    ("need to know the standstill period", "Standstill periods and challenging an award\n"),
    ("tell me about pledge 5", "Open door policy for all providers\n"),
    ("i want to know when invoices get paid", "Council payment terms and late payment\n"),
])
def test_a_question_without_a_question_mark_is_still_answered_and_kept(
        router: Router, factory: sessionmaker[Session], text: str, start: str) -> None:
    assert one(router, text).startswith(start)
    with factory() as session:
        question = session.scalars(select(Question)).one()
    assert (question.text, question.answered) == (text, True)


@pytest.mark.parametrize("text", [
    "we had our review today but not sure what happens next",
    "we had a fall last night",
    # Session 27's review: a provider's failure as news. (A death gets condolences:
    # tests/handlers/ask/test_condolence_chat.py.)
    "we went into administration today",
    "we got a letter from the council about our fees",
    "just letting you know we are handing back the contract",
])
def test_news_with_a_doubt_or_a_trouble_in_it_still_goes_to_the_knowledge_base(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Conservative: a question hidden from the admin is worse than a noisy gap.
    assert not one(router, text).startswith(("Thanks for letting me know",
                                              "That's good to hear"))
    with factory() as session:
        assert [question.text for question in session.scalars(select(Question))] == [text]


def test_a_statement_the_knowledge_base_answers_is_answered_and_kept(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path,
        northshire: dict[str, int]) -> None:
    # The council taught these words to an entry: they are answered from it, as before.
    text = "we were awarded the contract today"
    folder = tmp_path / "council-kb"
    folder.mkdir()
    (folder / "taught.yaml").write_text(
        f"taught:\n  - question: {text}\n    entry: contract-award-mobilisation\n"
        "    taught_at: '2026-11-01T09:00:00+00:00'\n    taught_by: admin@northshire.example\n")
    router = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=lambda: FIXED_NOW,
                          answerer=Answerer(KnowledgeBase([PACKAGED, folder])))
    assert one(router, text).startswith("After award - notices, signing and mobilisation\n")
    with factory() as session:
        question = session.scalars(select(Question)).one()
    assert (question.text, question.answered) == (text, True)


def test_a_statement_asked_about_for_safety_is_kept_for_the_concern(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The words a "yes" carries to the concern are the question kept: not the statement's.
    text = "our manager had an unannounced visit last night"
    check, rest = say(router, text)
    assert check.text.startswith("Is this about someone's safety?")
    assert not rest.text.startswith("Thanks for letting me know")
    with factory() as session:
        assert session.scalars(select(Question.text)).all() == [text]


def test_a_statement_that_discloses_harm_goes_to_safeguarding_first(
        router: Router, factory: sessionmaker[Session]) -> None:
    [guidance] = say(router, "just letting you know mrs b was very quiet and withdrawn today")
    assert guidance.text.startswith("This sounds like a safeguarding concern.")
    assert "Thanks for letting me know" not in guidance.text
    with factory() as session:
        case = session.scalars(select(Case)).one()
    assert (case.kind, case.severity) == (CaseKind.SAFEGUARDING, "urgent")


def test_a_change_in_condition_of_a_reference_at_two_councils_asks_for_the_council(
        router: Router, factory: sessionmaker[Session]) -> None:
    # A reference is a council's: Sam has an RC-102 at Northshire and one at Southshire, so
    # the command to send names the council; Southshire's commissioner sees only theirs.
    south = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL)
    make_person(factory, email="sue@southshire.example", role=Role.COMMISSIONER,
                organisation_id=south, name="Sue")
    for commissioner in (PRIYA, "sue@southshire.example"):
        assert one(router, f"/placement new RC-102 2026-11-02 {commissioner}").startswith(
            "Placement RC-102 ")  # "RC-102 (Southshire)" for the second
    assert one(router, "RC-102 now needs two carers") == (
        "That sounds like a change in RC-102's needs. The council should revisit within 2 "
        "weeks of being told (pledge 26). You have a placement RC-102 with Northshire and one "
        "with Southshire: record it with /condition-change RC-102 COUNCIL DD/MM/YYYY (the day "
        "the council was told, COUNCIL being Northshire or Southshire), or /condition-change "
        "RC-102 COUNCIL for today, and I'll remind you both. Nothing is recorded until you do.")
    assert one(router, "RC-102 now needs two carers", "sue@southshire.example").startswith(
        "That sounds like a change in RC-102's needs. The council should revisit within 2 "
        "weeks of being told (pledge 26): record it with /condition-change RC-102 DD/MM/YYYY")


def test_a_change_in_condition_of_a_reference_at_three_councils_names_each(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The placements review: "with Northshire, Westshire and one with Southshire".
    for council, email in (("Southshire", "sue@southshire.example"),
                           ("Westshire", "wes@westshire.example")):
        organisation = make_organisation(factory, council, OrganisationKind.COUNCIL)
        make_person(factory, email=email, role=Role.COMMISSIONER, organisation_id=organisation)
    for commissioner in (PRIYA, "sue@southshire.example", "wes@westshire.example"):
        assert one(router, f"/placement new RC-102 2026-11-02 {commissioner}").startswith(
            "Placement RC-102 ")  # "RC-102 (Southshire)" for the second
    reply = one(router, "RC-102 now needs two carers")
    assert "You have a placement RC-102 with each of " in reply
    assert "one with" not in reply
    assert all(council in reply for council in ("Northshire", "Southshire", "Westshire"))


@pytest.mark.parametrize("question", [
    "when is the review for RC-101 due", "when is RC-101's review due?",
    "when is the next review for RC-101?",
    # Session 37's trial: a choice offering "Certifications asked for in bids".
    "whens the next review for RC-101"])
def test_when_a_placements_review_is_due_is_read_from_the_reminders(
        router: Router, factory: sessionmaker[Session], question: str) -> None:
    # Session 32's trial: all three were "I don't know" and a knowledge-base gap.
    one(router, f"/placement new RC-101 2026-10-01 {PRIYA}")
    before = _rows(factory)
    expected = ("RC-101: initial placement review (pledge 24) due Thu 31 Dec 2026.\n"
                "/reminders lists all your open deadlines.")
    assert one(router, question) == expected
    assert one(router, question, PRIYA) == expected
    assert _rows(factory) == before
    # Another provider's placement is not theirs to see: the words go on.
    other = make_organisation(factory, "Hillview", OrganisationKind.PROVIDER)
    make_person(factory, email="alex@hillview.example", role=Role.PROVIDER,
                organisation_id=other, name="Alex")
    assert "Thu 31 Dec 2026" not in one(router, question, "alex@hillview.example")


def test_a_question_after_a_review_asked_about_is_answered_too(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 37's trial: only RC-014's dates, the second question silently dropped.
    one(router, f"/placement new RC-101 2026-10-01 {PRIYA}")
    review, payment = say(router, "Hi, two things - when is my next review for RC-101 due, and "
                                  "how long does the council have to pay invoices? Thanks Sam")
    assert review.text.startswith("RC-101: initial placement review (pledge 24) due Thu 31 Dec")
    assert payment.text.startswith('On "how long does the council have to pay invoices?":\n'
                                   "Council payment terms and late payment\n")
    # One the knowledge base does not answer is said not to be answered.
    _review, other = say(router, "when is the review for RC-101 due, and how many "
                                 "bananas are in the fridge?")
    assert other.text.startswith('I haven\'t answered "how many bananas are in the fridge?"')


@pytest.mark.parametrize(("sender", "start"), [
    (PRIYA, "Tenders aren't set up in chat: an administrator imports them"),
    (SAM, "The council sets up its tenders and their dates. /tender shows"),
])
def test_setting_up_a_tender_in_chat_says_who_imports_tenders_and_is_no_gap(
        router: Router, factory: sessionmaker[Session], sender: str, start: str) -> None:
    # Session 37's trial, from a contracts officer: "I don't know".
    assert one(router, "can i set up the tender dates in here? clarification deadline is "
                       "14th dec", sender).startswith(start)
    assert knowledge_gaps(factory) == []
    # A bidder putting in, entering or uploading a tender means its bid: the knowledge
    # base's (session 37's review).
    for bid in ("how do we upload our tender", "can we enter the tender?"):
        assert not one(router, bid, sender).startswith(start), bid


def test_a_review_past_its_day_is_said_overdue(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The session's review: a review 96 days past was answered "due Tue 1 Sep 2026", while
    # /reminders said OVERDUE.
    one(router, f"/placement new RC-104 2026-06-01 {PRIYA}")
    answer = one(router, "when is the review for RC-104 due")
    assert answer.startswith("RC-104: initial placement review (pledge 24), OVERDUE by "), answer
    assert "(was due Tue 1 Sep 2026)." in answer


# -- words meant for a case, typed without /case --------------------------------------------------
@pytest.mark.parametrize(("text", "lines"), [
    # Session 33's trial: "I don't know" and a knowledge-base gap.
    ("reply to PB-2026-000001: sorted now", [
        "To add that to case PB-2026-000001, type:",
        "/case PB-2026-000001 comment sorted now"]),
    ("re pb-2026-000042 - invoice sent again today", [
        "To add that to case PB-2026-000042, type:",
        "/case PB-2026-000042 comment invoice sent again today"]),
    ("any news on PB-2026-000007?", [
        "To see case PB-2026-000007, type /case PB-2026-000007; to add to it, "
        "/case PB-2026-000007 comment and your words."]),
])
def test_words_for_a_case_get_the_command_that_adds_them_and_are_no_gap(
        router: Router, factory: sessionmaker[Session], text: str, lines: list[str]) -> None:
    assert one(router, text).splitlines() == [*lines, "/cases lists your cases."]
    assert count_rows(factory, Question) == 0
    assert knowledge_gaps(factory) == []



# -- the person's own records --------------------------------------------------------------------
@pytest.mark.parametrize(("text", "first"), [
    # Session 33's trial: "I don't know" and a knowledge gap, or the pledge's review entries;
    # the list itself, as its command shows it (session 41: a pointer to the command before).
    ("which of our invoices are overdue?",
     "No unpaid invoices are recorded for you. /invoice received records one."),
    ("have I got any reviews coming up", "Nothing is due for you. I'll remind you before "
                                         "anything falls due."),
    # Session 35's trial: "when are my deadlines".
    ("what's due for us this week?", "Nothing is due for you. I'll remind you before anything "
                                     "falls due."),
    ("are any of my cases still open?", "No open cases. /feedback or /conflict raises one; "
                                        "/cases all shows closed ones too."),
])
def test_a_question_about_ones_own_records_is_its_list_and_is_no_gap(
        router: Router, factory: sessionmaker[Session], text: str, first: str) -> None:
    assert one(router, text).splitlines()[0] == first
    assert count_rows(factory, Question) == 0


def test_council_staff_asking_after_their_invoices_are_shown_the_councils_view(
        router: Router) -> None:
    assert one(router, "which invoices have we got overdue", PRIYA).splitlines() == [
        "No unpaid invoices are recorded for the council.",
        "No invoice is past the 30-day legal limit.",
        "Next time, /invoice list shows this straight away."]


@pytest.mark.parametrize("text", [
    "what happens if our invoice is overdue?",
    "can we charge interest on our overdue invoices?",
])
def test_a_question_about_the_rules_for_ones_records_is_the_knowledge_bases(
        router: Router, text: str) -> None:
    assert not one(router, text).startswith(("/reminders", "/cases"))


# -- a command retyped whole while its own form is open (session 33's trial) -------------------
def test_the_full_command_retyped_while_its_form_asks_closes_the_form(
        router: Router, factory: sessionmaker[Session]) -> None:
    # "/placement new RC-101 1/8/2026" asked for the contact; the whole command typed then was
    # recorded, but the form stayed open and took the next words as its answer.
    assert "Who is the other side's contact?" in one(router, "/placement new RC-101 1/8/2026")
    done = say(router, f"/placement new RC-101 1/8/2026 {PRIYA}")
    assert "You still have a form open" not in "\n".join(reply.text for reply in done)
    assert count_rows(factory, FormSession) == 0
    assert "needs an answer" not in one(router, "thanks")


def test_a_whole_invoice_retyped_while_its_placement_is_asked_closes_the_form(
        router: Router, factory: sessionmaker[Session]) -> None:
    one(router, f"/placement new RC-101 1/8/2026 {PRIYA}")
    assert "Which placement is this invoice for?" in one(
        router, "/invoice received INV-1 2/11/2026 100")
    say(router, "/invoice received INV-1 2/11/2026 100 RC-101")
    assert count_rows(factory, FormSession) == 0


def test_the_same_command_for_something_else_leaves_the_form_open(
        router: Router, factory: sessionmaker[Session]) -> None:
    one(router, "/placement new RC-101 1/8/2026")
    replies = say(router, f"/placement new RC-102 1/8/2026 {PRIYA}")
    assert replies[-1].text.startswith("(You're still filling in New placement:")
    assert count_rows(factory, FormSession) == 1


def test_a_shorter_command_while_its_form_asks_leaves_the_form_open(
        router: Router, factory: sessionmaker[Session]) -> None:
    one(router, "/placement new RC-101 1/8/2026")
    say(router, "/placement new RC-101")
    assert count_rows(factory, FormSession) == 1


# -- a yes/no question still waiting after another command (session 33's trial) ---------------
def _past_review_asked(router: Router) -> None:
    added = say(router, f"/placement new RC-104 1/6/2026 {PRIYA}")
    assert "Did it happen?" in added[0].text
    assert [b.label for b in added[0].buttons][1:] == ["No", "Not sure"]


def test_no_after_another_command_shows_the_question_still_waiting(
        router: Router, factory: sessionmaker[Session]) -> None:
    # "/placement new RC-104 ..." asked "Did it happen?", then /reminders, then "No" was
    # "I wasn't waiting for a yes or no just now." Since session 34's trial it is asked
    # which question it answers, the question shown again with its buttons: pressed there,
    # it is answered; the no typed again is not taken for it (session 34's review).
    _past_review_asked(router)
    say(router, "/reminders")
    which, question = say(router, "No")
    assert which.text.startswith('Your "no" may be for this question, asked earlier: please '
                                 "press the answer you mean under it.")
    assert question.text.startswith("Placement RC-104 added, starting ")
    assert question.text.endswith("Did it happen?")
    assert [b.label for b in question.buttons][1:] == ["No", "Not sure"]
    again, question = say(router, "No")
    assert again.text == ('Please press the answer you mean under the question: a typed "no" '
                          "is not taken for it.")
    [no] = [b for b in question.buttons if b.label == "No"]
    pressed = router.handle(make_incoming(sender=SAM, action=no.action, action_value=no.value))
    assert pressed[0].text.startswith("Noted: RC-104's initial review, due ")
    # Answered, it waits no more.
    assert one(router, "no").startswith("I wasn't waiting for a yes or no just now.")


def test_yes_after_other_commands_is_asked_about_not_pressed(
        router: Router, factory: sessionmaker[Session]) -> None:
    _past_review_asked(router)
    say(router, "/reminders")
    say(router, "/cases")
    which, question = say(router, "yes")
    assert which.text.startswith('Your "yes" may be for this question, asked earlier')
    with factory() as session:
        assert session.scalars(select(Deadline.status).where(
            Deadline.rule == "initial-review")).one() == DeadlineStatus.OPEN
    [done] = [b for b in question.buttons if b.label.startswith("Yes, done on")]
    pressed = router.handle(make_incoming(sender=SAM, action=done.action,
                                          action_value=done.value))
    assert pressed[0].text.startswith("Recorded: RC-104")


def _two_past_reviews_asked(router: Router) -> None:
    for reference in ("RC-101", "RC-102"):
        added = say(router, f"/placement new {reference} 1/6/2026 {PRIYA}")
        assert "Did it happen?" in added[0].text


@pytest.mark.parametrize("between", [(), ("/placement list", "/reminders")])
def test_a_yes_with_two_questions_waiting_asks_which_and_records_nothing(
        router: Router, factory: sessionmaker[Session], between: tuple[str, ...]) -> None:
    # Session 34's trial: two "/placement new" each asked "Did it happen?", then /placement
    # list and /reminders, then "yes" recorded RC-0102's initial review done.
    _two_past_reviews_asked(router)
    for text in between:
        say(router, text)
    which, *questions = say(router, "yes")
    assert which.text.startswith('Which question is your "yes" for? 2 are waiting')
    assert [q.text.split(",")[0] for q in questions] == ["Placement RC-101 added",
                                                          "Placement RC-102 added"]
    assert all([b.label for b in q.buttons][1:] == ["No", "Not sure"] for q in questions)
    # Still two: a yes is asked about again, never pressed.
    assert say(router, "yes")[0].text == ("Please press the answer you mean under the question "
                                          'it is for: a typed "yes" is not taken for either.')
    with factory() as session:
        assert session.scalars(select(Deadline.status).where(
            Deadline.rule == "initial-review")).all() == [DeadlineStatus.OPEN] * 2


def test_the_other_question_still_waits_after_one_is_answered(
        router: Router, factory: sessionmaker[Session]) -> None:
    _two_past_reviews_asked(router)
    _which, first, _second = say(router, "yes")
    [done] = [b for b in first.buttons if b.label.startswith("Yes, done on")]
    recorded = router.handle(make_incoming(sender=SAM, action=done.action,
                                           action_value=done.value))
    assert recorded[0].text.startswith("Recorded: RC-101")
    which, question = say(router, "no")
    assert which.text.startswith('Your "no" may be for this question, asked earlier')
    assert question.text.startswith("Placement RC-102 added")


def test_a_yes_or_no_after_other_words_is_not_taken_for_it(
        router: Router, factory: sessionmaker[Session]) -> None:
    _past_review_asked(router)
    say(router, "what is pledge 24?")
    assert one(router, "No").startswith("I wasn't waiting for a yes or no just now.")


def test_a_yes_or_no_the_next_day_is_not_taken_for_it(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    _past_review_asked(router)
    say(router, "/reminders")
    clock.now += timedelta(days=1)
    assert one(router, "No").startswith("I wasn't waiting for a yes or no just now.")


# -- words at the feedback's pledge question (session 33's trial) ------------------------------
def test_words_at_the_pledge_question_offer_likely_commitments_and_are_kept(
        router: Router, factory: sessionmaker[Session]) -> None:
    # "the new portal keeps logging us out" at "Which pledge commitment does it touch?" was
    # "... is not a pledge commitment", and the words were lost.
    say(router, "/feedback")
    one(router, "Payment")
    asked = one(router, "the new portal keeps logging us out")
    assert asked.startswith(
        "That isn't a commitment's number. It may touch commitment 5 (Commissioners will "
        "operate an open door policy for providers"), asked
    assert 'Type their numbers, or "not sure" to leave it out.' in asked
    assert ("I've kept what you wrote as your answer to \"Please tell us about it in your own "
            "words.\"") in asked
    assert "How well are we working together on this?" not in asked
    rating = one(router, "not sure")
    assert "How well are we working together on this?" in rating
    anonymous = one(router, "2")
    assert "Send it anonymously?" in anonymous
    with factory() as session:
        values = session.scalars(select(FormSession.values)).one()
    assert (values["pledge"], values["text"]) == (None, "the new portal keeps logging us out")


@pytest.mark.parametrize(("words", "told"), [("yes", "Recorded: RC-104"),
                                             ("no thanks", "Noted: RC-104's initial review")])
def test_a_yes_or_no_straight_after_the_question_answers_it(
        router: Router, factory: sessionmaker[Session], words: str, told: str) -> None:
    # Session 33's second trial: a yes typed at once under a "Yes, ..." / "No" question was
    # "I wasn't waiting for a yes or no" (it was only read after another command).
    _past_review_asked(router)
    assert one(router, words).startswith(told)


def test_words_for_a_question_case_from_council_staff_offer_resolve_not_comment(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 33's second trial: "reply to PB-...: yes we pay travel time" on a handed-over
    # question was told to use /case ... comment, which leaves the question open.
    [answer] = say(router, "what colour is the council's logo?")
    [handover] = [b for b in answer.buttons if b.action == "answer.handover"]
    [handed] = router.handle(make_incoming(sender=SAM, action=handover.action,
                                           action_value=handover.value))
    [reference] = re.findall(r"PB-2026-\d{6}", handed.text)
    reply = one(router, f"reply to {reference}: it is green", PRIYA)
    assert reply.splitlines()[:2] == [
        f"To answer the question {reference} (the provider is told, and it is closed), type:",
        f"/case {reference} resolve it is green"]
    assert count_rows(factory, Question) == 1  # Sam's, not this


@pytest.mark.parametrize(("text", "first"), [
    # Session 33's second trial: "I don't know", and "Client contributions".
    ("thanks. which of my invoices are overdue?",
     "No unpaid invoices are recorded for you. /invoice received records one."),
    ("ok. who do i chase at the council?", "I don't have a commissioner on record for you yet"),
    ("Hi, who is my commissioner?", "I don't have a commissioner on record for you yet"),
])
def test_small_talk_before_a_question_the_bot_answers_itself_does_not_hide_it(
        router: Router, factory: sessionmaker[Session], text: str, first: str) -> None:
    assert one(router, text).startswith(first)
    assert count_rows(factory, Question) == 0


def test_council_staff_asking_whom_to_chase_are_told_what_the_bot_can_tell_them(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 33's second trial: Tom's "who do I chase at the council" offered "Client
    # contributions".
    reply = say(router, "who do I chase at the council", PRIYA)[0]
    assert "Client contributions" not in reply.text
    assert reply.text.startswith("You work at the council yourself")
    assert count_rows(factory, Question) == 0


@pytest.mark.parametrize("between", [
    "/remiders",  # "Did you mean /reminders?": a question of its own
    "/placement lst",  # refused: nothing kept of that message
])
def test_a_yes_after_a_reply_that_asks_or_refuses_is_not_taken_for_the_old_question(
        router: Router, factory: sessionmaker[Session], between: str) -> None:
    # Session 33's review: "Did it happen?", then "/remiders" ("Did you mean /reminders?"),
    # then "yes" recorded RC-104's review as held and told the council.
    _past_review_asked(router)
    say(router, between)
    assert not one(router, "yes").startswith("Recorded: RC-104")
    with factory() as session:
        assert session.scalars(select(Deadline.status).where(
            Deadline.rule == "initial-review")).one() == DeadlineStatus.OPEN


def test_a_yes_after_a_notification_with_buttons_is_not_taken_for_the_old_question(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 33's review: "Did it happen?", /reminders, then a proposal arrived with Accept
    # and Reject; "yes" recorded the review as held.
    _past_review_asked(router)
    say(router, "/reminders")
    with factory() as session:
        sam = session.scalars(select(Person).where(Person.email == SAM)).one()
        session.add(OutboxMessage(
            person_id=sam.id, channel=Channel.CONSOLE, kind="case.resolution_proposed",
            payload={"text": "Priya proposes ...", "buttons": [
                {"label": "Accept", "action": "case.accept", "value": "PB-2026-000001"}]},
            idempotency_key="test:proposal", status=OutboxStatus.SENT, address=SAM,
            sent_at=datetime.now(UTC) + timedelta(minutes=1)))
        session.commit()
    assert not one(router, "yes").startswith("Recorded: RC-104")


def test_a_second_placements_review_asked_after_is_answered_once(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 38's brief: "when is RC-014's review, and when is RC-015's?".
    one(router, f"/placement new RC-101 2026-10-01 {PRIYA}")
    one(router, f"/placement new RC-102 2026-11-02 {PRIYA}")
    assert one(router, "when is RC-101's review, and when is RC-102's?") == (
        "RC-101: initial placement review (pledge 24) due Thu 31 Dec 2026.\n"
        "RC-102: initial placement review (pledge 24) due Tue 2 Feb 2027.\n"
        "/reminders lists all your open deadlines.")
    # One with no review open is said so, not left out.
    one(router, "/placement end RC-102 2026-12-01")
    assert one(router, "when is RC-101's review, and when is RC-102's?") == (
        "RC-101: initial placement review (pledge 24) due Thu 31 Dec 2026.\n"
        "RC-102: no review is open in your reminders.\n"
        "/reminders lists all your open deadlines.")
    # One that is none of theirs is said not answered.
    _review, other = say(router, "when is RC-101's review due, and when is RC-999's?")
    assert other.text.startswith('I haven\'t answered "when is RC-999\'s?"')
