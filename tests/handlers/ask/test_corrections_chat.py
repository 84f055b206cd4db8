"""The review's corrections in a conversation: what a provider reads in chat (issue 18)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.templates import make_templates
from knowledge.answers import Answerer
from tests.factories import FIXED_NOW, make_incoming, make_provider

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAM = "sam@riverside.example"


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, answerer: Answerer) -> Router:
    make_provider(factory, SAM)
    return build_router(factory, Settings(database_url=database_url), make_templates(),
                        clock=lambda: FIXED_NOW, answerer=answerer)


def _ask(router: Router, text: str) -> str:
    """The two lines chat shows, then what "More" shows (the detail, sources, as-at date).

    When the bot is not sure enough to answer outright it offers a choice; the provider presses
    the first entry offered, as they would, and reads that."""
    [reply] = router.handle(make_incoming(text, sender=SAM))
    picks = [button for button in reply.buttons if button.action == "answer.pick"]
    if picks:
        [reply] = router.handle(make_incoming(sender=SAM, action="answer.pick",
                                              action_value=picks[0].value))
    more = [button for button in reply.buttons if button.action == "answer.more"]
    if not more:
        return reply.text
    [detail] = router.handle(make_incoming(sender=SAM, action="answer.more",
                                           action_value=more[0].value))
    return f"{reply.text}\n{detail.text}"


def test_a_6m_home_care_contract_asks_about_kpis(router: Router) -> None:
    # Session 13 handed this wording over (providers' questions had moved the words' weights,
    # and its best entry's own samples carried 0.496 of it, under 0.51); session 14 weighs
    # coverage with the entries' own text again, and it is offered the entry.
    text = _ask(router, "We hold a £6m home care contract with the county. Does the council "
                        "have to set and publish 3 KPIs for it?")
    assert text.startswith("Contract monitoring, KPIs and quality assurance\n")
    assert "Section 52 does not cover light touch contracts or frameworks" in text
    assert "most care contracts are exempt" in text
    assert "https://www.legislation.gov.uk/ukpga/2023/54/section/52" in text
    assert "As at 3 December 2026." in text


def test_a_provider_on_a_2023_contract_asks_how_long_the_council_may_take_to_pay(
        router: Router) -> None:
    text = _ask(router, "our contract was awarded in 2023 - how long is the council allowed "
                        "to take to pay us?")
    assert text.startswith("Council payment terms and late payment\n")
    assert "get the same 30 days for valid, undisputed invoices under regulation 113" in text
    assert "implies the term where the contract lacks it (reg 113(6))" in text
    assert "check the payment clause" not in text
    assert "https://www.legislation.gov.uk/uksi/2015/102/regulation/113" in text


def test_a_provider_asked_to_help_with_a_section_42_enquiry(router: Router) -> None:
    text = _ask(router, "the council asked us to do part of a section 42 enquiry, must we?")
    assert text.startswith("Raising a safeguarding concern\n")
    assert "providers are expected to cooperate" in text
    assert "you must cooperate" not in text
