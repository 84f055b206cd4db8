"""Content coverage (issue 11) as a dialog: the living-wage question reported in the issue."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.models import Question
from bot.templates import make_templates
from knowledge.answers import Answerer
from tests.factories import FIXED_NOW, make_incoming, make_provider

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAM = "sam@riverside.example"


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, answerer: Answerer) -> Router:
    return build_router(factory, Settings(database_url=database_url), make_templates(),
                        clock=lambda: FIXED_NOW, answerer=answerer)


def test_the_living_wage_question_gets_the_wage_entry_not_tupe(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory, SAM)
    [reply] = router.handle(make_incoming("do we have to pay the living wage to carers?",
                                          sender=SAM))
    # Two lines in chat: the title and the lead, which carries the rate and the check line.
    assert reply.text.startswith("National Living Wage and minimum wage for care workers\n")
    assert "£12.71 an hour from 1 April 2026" in reply.text
    assert "Check the current rate on gov.uk" in reply.text
    [more] = [button for button in reply.buttons if button.action == "answer.more"]
    [detail] = router.handle(make_incoming(sender=SAM, action=more.action,
                                           action_value=more.value))
    assert "https://www.gov.uk/national-minimum-wage-rates" in detail.text
    assert "As at 3 December 2026." in detail.text
    with factory() as session:
        [question] = session.scalars(select(Question))
        assert (question.mode, question.entry_id) == ("answer", "national-living-wage")


def test_a_charity_asking_about_cqc_registration_is_told_it_must_register(
    router: Router, factory: sessionmaker[Session]
) -> None:
    # Session 43's trial: offered the new-providers entry, not the one that says who registers.
    make_provider(factory, SAM)
    [reply] = router.handle(make_incoming("we are a charity, do we need to register with CQC",
                                          sender=SAM))
    title, lead = reply.text.split("\n")
    assert title == "CQC registration and ratings in tenders"
    assert lead.startswith("Any provider, company or charity, must be CQC-registered")
    with factory() as session:
        [question] = session.scalars(select(Question))
        assert (question.mode, question.entry_id) == ("answer", "cqc-registration-rating")


def test_an_unpaid_invoice_from_a_named_month_is_offered_the_payment_terms(
    router: Router, factory: sessionmaker[Session]
) -> None:
    # Session 43's trial: "october" counted as a detail the entry lacks, so "I don't know".
    make_provider(factory, SAM)
    [reply] = router.handle(make_incoming(
        "the council still havent paid our invoice from october, how long r they allowed",
        sender=SAM))
    assert reply.text.startswith('I think you mean "Council payment terms and late payment"')
    assert reply.buttons[0].label == "Council payment terms and late payment"
    with factory() as session:
        [question] = session.scalars(select(Question))
        assert (question.mode, question.entry_id) == ("choose", "payment-terms-late-payment")
