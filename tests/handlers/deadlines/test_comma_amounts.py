"""An invoice command's amount with a comma that may be pence or a slip ("£12,5": £12.50 or
£125?), as dialogs through the router: the question's answer taken right after it, typed bare
("£12.50", "12.50", "the first one") or pressed, and only when it is one of the sums asked
about; a comma before two figures ("£850,00") read as the usual way of writing pence, the one
sum asked about (session 44's brief: a bare reply was the knowledge base's "I don't know", and
"£850,00" was asked about as £85,000 too)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.messages import Reply
from bot.models import AuditEvent, Deadline, DeadlineStatus, Invoice, Question
from bot.templates import make_templates
from tests.factories import Clock, count_rows, make_incoming
from tests.handlers.deadlines.conftest import PRIYA, SAM
from tests.handlers.deadlines.support import MONDAY_2_NOVEMBER, at, say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

RECEIVED = "Invoice INV-2042 for {} to Northshire (placement P-7) recorded as received on"


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_2_NOVEMBER)


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, people: dict[str, int],
           clock: Clock) -> Router:
    """Sam's placement P-7 with Priya, started on Mon 2 Nov 2026; the router on Mon 7 Dec."""
    routed = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    assert say(routed, f"/placement new P-7 2026-11-02 {PRIYA}", SAM).startswith(
        "Placement P-7 added")
    clock.now = at(date(2026, 12, 7), 10)
    return routed


def _asked(router: Router, text: str, sender: str = SAM) -> Reply:
    [reply] = router.handle(make_incoming(text, sender=sender))
    return reply


def _invoices(factory: sessionmaker[Session]) -> list[tuple[str, date, int]]:
    with factory() as session:
        return [(invoice.number, invoice.received_on, invoice.amount_pence)
                for invoice in session.scalars(select(Invoice).order_by(Invoice.id))]


def _payment_clocks(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return len(session.scalars(select(Deadline).where(Deadline.rule == "payment")).all())


ONE_FIGURE = ("Did you mean £12.50 or £125? Nothing is recorded yet: reply with the one you "
              "meant (or press it) and I'll record it, or send the whole command again.")


def test_a_comma_before_one_figure_asks_both_sums_with_a_button_each(
        factory: sessionmaker[Session], router: Router) -> None:
    reply = _asked(router, "/invoice received INV-2042 2/12/2026 £12,5 P-7")
    assert reply.text == ONE_FIGURE
    assert [button.label for button in reply.buttons] == ["£12.50", "£125"]
    assert _invoices(factory) == []


@pytest.mark.parametrize(("answer", "pence"), [
    ("£12.50", 1250), ("12.50", 1250), ("12.5", 1250), ("the first one", 1250), ("first", 1250),
    ("£125", 12500), ("125", 12500), ("the second one", 12500), ("£125 please", 12500),
])
def test_a_bare_answer_right_after_the_question_records_the_command_once(
        factory: sessionmaker[Session], router: Router, answer: str, pence: int) -> None:
    _asked(router, "/invoice received INV-2042 2/12/2026 £12,5 P-7")
    told = say(router, answer, SAM)
    assert told.startswith(RECEIVED.format(f"£{pence / 100:,.2f}")), told
    assert _invoices(factory) == [("INV-2042", date(2026, 12, 2), pence)]
    assert _payment_clocks(factory) == 1
    # Said again: nothing more is recorded (the question is answered).
    again = say(router, answer, SAM)
    assert "recorded as received" not in again
    assert _invoices(factory) == [("INV-2042", date(2026, 12, 2), pence)]
    assert _payment_clocks(factory) == 1


def test_the_button_pressed_records_it_and_pressed_again_changes_nothing(
        factory: sessionmaker[Session], router: Router) -> None:
    reply = _asked(router, "/invoice received INV-2042 2/12/2026 £12,5 P-7")
    first = reply.buttons[0]
    pressed = router.handle(make_incoming(sender=SAM, action=first.action,
                                          action_value=first.value))
    assert pressed[0].text.startswith(RECEIVED.format("£12.50"))
    again = router.handle(make_incoming(sender=SAM, action=first.action,
                                        action_value=first.value))
    assert "recorded as received" not in again[0].text
    assert _invoices(factory) == [("INV-2042", date(2026, 12, 2), 1250)]


@pytest.mark.parametrize(("answer", "why"), [
    ("£13", "£13.00 is not one of the sums I asked about (£12.50 or £125). Nothing was "
            "recorded: reply with one of them, or send the whole command again with the sum "
            "you meant."),
    ("£1,250", "£1,250.00 is not one of the sums I asked about (£12.50 or £125). Nothing was "
               "recorded: reply with one of them, or send the whole command again with the sum "
               "you meant."),
    ("the third one", "I asked about two sums only (£12.50 or £125). Nothing was recorded: "
                      "reply with one of them, or send the whole command again with the sum "
                      "you meant."),
])
def test_any_other_answer_records_nothing_and_says_why(
        factory: sessionmaker[Session], router: Router, answer: str, why: str) -> None:
    _asked(router, "/invoice received INV-2042 2/12/2026 £12,5 P-7")
    reply = _asked(router, answer)
    assert reply.text == why
    assert [button.label for button in reply.buttons] == ["£12.50", "£125"]
    assert _invoices(factory) == []
    # The question still stands: one of its sums then records it.
    assert say(router, "12.50", SAM).startswith(RECEIVED.format("£12.50"))


def test_a_bare_sum_with_no_question_asked_records_nothing_and_says_so(
        factory: sessionmaker[Session], router: Router) -> None:
    unasked = ("No question about a sum is waiting, so nothing was recorded. An invoice's "
               "amount goes in its command: /invoice received NUMBER DATE AMOUNT PLACEMENT.")
    assert say(router, "£12.50", SAM) == unasked
    assert _invoices(factory) == []
    # Nor once the question is answered (it was the knowledge base's "I don't know").
    _asked(router, "/invoice received INV-2042 2/12/2026 £12,5 P-7")
    say(router, "12.50", SAM)
    assert say(router, "12.50", SAM) == unasked
    assert _invoices(factory) == [("INV-2042", date(2026, 12, 2), 1250)]
    assert count_rows(factory, Question) == 0


def test_another_message_after_the_question_leaves_it_unanswered(
        factory: sessionmaker[Session], router: Router) -> None:
    _asked(router, "/invoice received INV-2042 2/12/2026 £12,5 P-7")
    say(router, "/reminders", SAM)
    say(router, "12.50", SAM)
    assert _invoices(factory) == []


@pytest.mark.parametrize(("amount", "usual", "other"), [
    ("£850,00", "£850.00", "£85,000"), ("£12,50", "£12.50", "£1,250"),
    ("120,50", "£120.50", "£12,050"),
])
def test_a_comma_before_two_figures_is_read_as_pence_and_asked_about_alone(
        factory: sessionmaker[Session], router: Router, amount: str, usual: str,
        other: str) -> None:
    reply = _asked(router, f"/invoice received INV-2042 2/12/2026 {amount} P-7")
    assert reply.text == (
        f"Did you mean {usual}? A comma with two figures after it is usually pence. Nothing "
        f"is recorded yet: reply {usual} (or press it) and I'll record it; if you meant "
        f"another sum, send the whole command again with it.")
    assert [button.label for button in reply.buttons] == [usual]
    assert other not in reply.text
    assert _invoices(factory) == []
    assert say(router, usual, SAM).startswith(RECEIVED.format(usual))
    assert _invoices(factory) == [
        ("INV-2042", date(2026, 12, 2), int(usual.strip("£").replace(".", "")))]


def test_the_unlikely_reading_is_not_taken_as_an_answer(
        factory: sessionmaker[Session], router: Router) -> None:
    _asked(router, "/invoice received INV-2042 2/12/2026 £850,00 P-7")
    assert say(router, "£85,000", SAM) == (
        "£85,000.00 is not the sum I asked about (£850.00). Nothing was recorded: reply with "
        "it, or send the whole command again with the sum you meant.")
    assert _invoices(factory) == []


def test_a_part_dispute_with_a_comma_is_recorded_with_the_sum_chosen(
        factory: sessionmaker[Session], router: Router) -> None:
    assert say(router, "/invoice received INV-2043 20/11/2026 980 P-7", SAM).startswith(
        "Invoice INV-2043")
    reply = _asked(router, "/invoice disputed INV-2043 £12,5 missed visits", PRIYA)
    assert reply.text == ONE_FIGURE
    told = say(router, "£12.50", PRIYA)
    assert "£12.50" in told, told
    with factory() as session:
        assert session.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "invoice.part_disputed")).all() == ["invoice.part_disputed"]
        clocks = session.scalars(select(Deadline).where(Deadline.rule == "payment")).all()
        assert [clock.status for clock in clocks] == [DeadlineStatus.OPEN]
        assert (clocks[0].outcome or "").startswith("part disputed")


def test_a_dispute_typed_without_the_slash_is_asked_about_again_with_the_sum_chosen(
        factory: sessionmaker[Session], router: Router) -> None:
    # Typed without the slash a dispute is asked about before anything is recorded (session
    # 40): the sum chosen leads to that question, not past it.
    assert say(router, "/invoice received INV-2043 20/11/2026 980 P-7", SAM).startswith(
        "Invoice INV-2043")
    assert _asked(router, "invoice disputed INV-2043 £12,5 missed visits", PRIYA).text == (
        ONE_FIGURE.replace("I'll record it", "I'll ask before I record it"))
    shall = _asked(router, "12.50", PRIYA)
    assert shall.text.startswith(
        "Shall I record £12.50 of invoice INV-2043 from Riverside as disputed"), shall.text
    with factory() as session:
        assert session.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "invoice.part_disputed")).all() == []
    record = shall.buttons[0]
    told = "\n".join(reply.text for reply in router.handle(make_incoming(
        sender=PRIYA, action=record.action, action_value=record.value)))
    assert "£12.50" in told, told
    with factory() as session:
        assert session.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "invoice.part_disputed")).all() == ["invoice.part_disputed"]


def test_the_invoice_forms_comma_amount_is_asked_about_and_a_bare_answer_records_it(
        factory: sessionmaker[Session], router: Router) -> None:
    # Session 44's brief: the /invoice received form (its placement asked for) answered whole
    # with "12,5" said "send the whole command again", while the question's sum, replied
    # alone or pressed, is what records it.
    submitted = dataclasses.replace(
        make_incoming(sender=SAM), form_id="invoice-placement", form_values={
            "number": "INV-2042", "received": "2026-12-02", "amount": "12,5",
            "placement": "P-7"})
    [reply] = router.handle(submitted)
    assert reply.text == ("Did you mean £12.50 or £125? Nothing is recorded yet: reply with "
                          "the one you meant (or press it) and I'll record it.")
    assert "whole command" not in reply.text
    assert [button.label for button in reply.buttons] == ["£12.50", "£125"]
    assert _invoices(factory) == []
    assert say(router, "£125", SAM).startswith(RECEIVED.format("£125.00"))
    assert _invoices(factory) == [("INV-2042", date(2026, 12, 2), 12500)]
    assert _payment_clocks(factory) == 1


def test_the_invoice_forms_two_figure_comma_is_asked_about_alone_and_pressed(
        factory: sessionmaker[Session], router: Router) -> None:
    submitted = dataclasses.replace(
        make_incoming(sender=SAM), form_id="invoice-placement", form_values={
            "number": "INV-2042", "received": "2026-12-02", "amount": "£850,00",
            "placement": "P-7"})
    [reply] = router.handle(submitted)
    assert reply.text == ("Did you mean £850.00? A comma with two figures after it is usually "
                          "pence. Nothing is recorded yet: reply £850.00 (or press it) and "
                          "I'll record it.")
    [button] = reply.buttons
    pressed = router.handle(make_incoming(sender=SAM, action=button.action,
                                          action_value=button.value))
    assert pressed[0].text.startswith(RECEIVED.format("£850.00"))
    assert _invoices(factory) == [("INV-2042", date(2026, 12, 2), 85000)]
