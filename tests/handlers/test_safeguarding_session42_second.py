"""Session 42's second safeguarding brief, as dialogs through the router: "hit with" a thing is
no blow, what to do if someone cared for tells of harm gets the guidance, someone cared for not
answering for days is raised, and an invoice short-paid by the council is business."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, OutboxMessage, Question
from tests.factories import make_incoming
from tests.handlers.conftest import SAFEGUARDING_CONTACT, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _replies(router: Router, text: str) -> list[Reply]:
    return router.handle(make_incoming(text, sender=SAM))


def _cases(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case)))


def _alerts(factory: sessionmaker[Session]) -> list[OutboxMessage]:
    with factory() as session:
        return list(session.scalars(select(OutboxMessage)))


def _neither_raised_nor_asked(router: Router, factory: sessionmaker[Session],
                              *messages: str) -> None:
    for words in messages:
        replies = _replies(router, words)
        assert not any(reply.text.startswith(("Is this about someone's safety?",
                                              "This sounds like a safeguarding concern"))
                       for reply in replies), words
        assert _cases(factory) == [], words
        assert _alerts(factory) == [], words


def _each_raised(router: Router, factory: sessionmaker[Session], messages: tuple[str, ...],
                 kind: str) -> None:
    for raised, words in enumerate(messages, start=1):
        [reply] = _replies(router, words)
        assert reply.text.startswith("This sounds like a safeguarding concern."), words
        cases = _cases(factory)
        assert len(cases) == raised, words
        assert cases[-1].summary == f"Safeguarding concern ({kind})", words
        assert len(_alerts(factory)) == raised, words


def test_hit_with_changes_or_fines_is_not_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The brief's console trial: each raised URGENT (physical abuse) to the hub.
    _neither_raised_nor_asked(
        router, factory,
        "I'm sick of being hit with last minute changes to the spec",
        "getting hit with fines for late returns is a joke",
        "we were hit with the news on friday that the contract is ending",
        "hit with more paperwork again this week")


def test_hit_with_a_belt_a_slipper_or_a_hand_is_still_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    _each_raised(router, factory, (
        "she was hit with a belt by her son",
        "RC-101 says she was hit with a slipper",
        "the carer hit him with her hand",
        "she gets hit with the forms when she cant sign"), kind="physical abuse")


@pytest.mark.parametrize("text", [
    "what should i do if a resident tells me a carer hit them",
    "what do i do if a service user says staff shouted at her",
    "if a client tells me her son takes her money who do i tell",
])
def test_what_to_do_if_someone_tells_of_harm_gets_the_guidance_and_no_case(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    # The brief: the first was offered a choice with "Payment by results", the others were
    # raised URGENT.
    [reply] = _replies(router, text)
    assert reply.text.startswith("Raising a safeguarding concern\n"
                                 "- If anyone is in immediate danger, call 999 now.")
    assert f"report the concern straight away to {SAFEGUARDING_CONTACT}" in reply.text
    assert [b.label for b in reply.buttons] == ["Raise a concern now"]
    assert _cases(factory) == []
    assert _alerts(factory) == []
    with factory() as session:
        question = session.scalars(select(Question)).one()
        assert (question.mode, question.answered, question.entry_id) == (
            "guidance", True, "safeguarding-concerns")


def test_harm_a_resident_told_is_still_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    _each_raised(router, factory, (
        "what should I do, a resident told me a carer hit her",
        "what should i do if RC-101 tells me a carer hit her"), kind="physical abuse")


def test_someone_cared_for_not_answering_for_days_is_raised_as_neglect(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The brief: the first got only "Is this about someone's safety?".
    _each_raised(router, factory, (
        "the lady on tuesday round wasnt answering and her curtains have been shut for 3 days",
        "mr k hasnt answered the door since friday and his milk is still on the step",
        "RC-101 hasnt answered her door for two days and her curtains are still closed"),
        kind="neglect")


def test_an_invoice_short_paid_by_the_council_is_neither_raised_nor_asked(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The brief: the first was asked "Is this about someone's safety?".
    _neither_raised_nor_asked(
        router, factory,
        "missing money again, they short paid INV-3 by 400 quid",
        "INV-3 was underpaid by £400, money missing again",
        "missing payment again, INV-15 has not been paid in full")


def test_anger_at_a_tenders_papers_or_the_finance_team_is_not_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 43's trial: the first raised URGENT physical abuse, the second URGENT immediate
    # danger, each to the hub.
    _neither_raised_nor_asked(
        router, factory,
        "honestly this tender is a nightmare, i want to strangle whoever wrote the ITT",
        "im going to kill the finance team lol")


def test_a_threat_to_someone_beside_the_same_words_is_still_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    _each_raised(router, factory, (
        "the resident's son said he will kill her if she signs the documents",),
        kind="immediate danger")
