"""Asking: answers with their source and buttons, choices, abstention, hand-over, safeguarding."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.messages import Reply
from bot.models import AuditEvent, Case, CaseKind, OrganisationKind, OutboxMessage, Question
from bot.templates import make_templates
from knowledge.answers import Answerer
from knowledge.base import PACKAGED, KnowledgeBase
from tests.factories import (
    FIXED_NOW,
    make_commissioner,
    make_incoming,
    make_organisation,
    make_provider,
)

SAM = "sam@riverside.example"


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeBase([PACKAGED]))


def _router(factory: sessionmaker[Session], database_url: str, answerer: Answerer,
            **settings: object) -> Router:
    router = build_router(factory, Settings(database_url=database_url, **settings),
                          make_templates(), clock=lambda: FIXED_NOW, answerer=answerer)
    return router


@pytest.fixture
def router(factory: sessionmaker[Session], database_url: str, answerer: Answerer) -> Router:
    return _router(factory, database_url, answerer,
                   safeguarding_contact="Northshire Adult Safeguarding on 0100 000 0000",
                   council_name="Northshire County Council")


def _say(router: Router, text: str = "", **kwargs: object) -> list[Reply]:
    return router.handle(make_incoming(text, sender=SAM, **kwargs))  # type: ignore[arg-type]


def _questions(factory: sessionmaker[Session]) -> list[Question]:
    with factory() as session:
        return list(session.scalars(select(Question).order_by(Question.id)))


def test_an_answer_cites_its_source_and_offers_three_buttons(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory, SAM)
    [reply] = _say(router, "how long is the standstill period under the new act?")
    assert reply.text.startswith("Standstill periods and challenging an award\n")
    assert "at least 8 working days" in reply.text
    assert 'Source: pledgebot FAQ, "Standstill periods and challenging an award"' in reply.text
    assert "As at 25 November 2026." in reply.text
    assert [(b.label, b.action) for b in reply.buttons] == [
        ("Helpful", "answer.helpful"), ("Not helpful", "answer.unhelpful"),
        ("Ask a commissioner", "answer.handover")]
    [question] = _questions(factory)
    assert (question.mode, question.entry_id, question.answered) == (
        "answer", "standstill-challenges", True)


def test_a_pledge_answer_names_the_commitment(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory, SAM)
    [reply] = _say(router, "/ask what does the pledge say about paying subcontractors in 10 days")
    assert "Source: Pledge to Work Together, commitment 29 (Monitoring and Review)" in reply.text


def test_not_helpful_is_recorded_and_offers_a_person(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory, SAM)
    [answer] = _say(router, "council still hasnt paid our invoice from august")
    question_id = answer.buttons[1].value
    [reply] = _say(router, action="answer.unhelpful", action_value=question_id)
    assert reply.text == ("Thanks for telling me. I've noted it so the answer can be improved. "
                          "Would you like a person to answer?")
    assert [b.action for b in reply.buttons] == ["answer.handover"]
    [question] = _questions(factory)
    assert question.helpful is False


def test_asking_a_commissioner_tells_the_configured_contact_once(
    factory: sessionmaker[Session], database_url: str, answerer: Answerer
) -> None:
    router = _router(factory, database_url, answerer,
                     questions_contact="Priya@northshire.example")
    make_provider(factory, SAM)
    priya = make_commissioner(factory, "priya@northshire.example", name="Priya Shah")
    [answer] = _say(router, "tell me a joke")
    assert answer.text.startswith("I don't know the answer to that, and I'd rather not guess.")
    [button] = answer.buttons
    [first] = _say(router, action=button.action, action_value=button.value)
    [again] = _say(router, action=button.action, action_value=button.value)
    assert first.text == ("Thank you. I've passed your question to Priya Shah (reference "
                          "PB-2026-000001). A person will reply to you.")
    assert again.text == "Your question PB-2026-000001 is already with the commissioning team."
    with factory() as session:
        [alert] = session.scalars(select(OutboxMessage)).all()
        case = session.scalars(select(Case)).one()
    assert alert.person_id == priya
    assert 'Question: "tell me a joke"' in alert.payload["text"]
    assert "/case PB-2026-000001 comment YOUR ANSWER" in alert.payload["text"]
    # A question case, owned by the configured contact, with the question as its words.
    assert (case.kind, case.assignee_id, case.description, case.summary) == (
        CaseKind.QUESTION, priya, "tell me a joke", "Question Q-000001: tell me a joke")
    [question] = _questions(factory)
    assert question.handed_over_at == FIXED_NOW


def test_without_a_contact_the_question_is_recorded_and_nobody_is_promised(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory, SAM)
    [answer] = _say(router, "what's the weather in leeds tomorrow")
    [reply] = _say(router, action="answer.handover", action_value=answer.buttons[0].value)
    assert reply.text == ("Thank you. I've recorded your question for the commissioning team at "
                          "Northshire County Council (reference Q-000001). A person will pick "
                          "it up.")
    with factory() as session:
        assert session.scalars(select(OutboxMessage)).all() == []


def test_buttons_on_someone_elses_question_are_refused_and_change_nothing(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory, SAM)
    make_provider(factory, "kim@hillview.example")
    [answer] = _say(router, "what is the light touch threshold")
    question_id = answer.buttons[0].value
    for action in ("answer.helpful", "answer.unhelpful", "answer.handover"):
        replies = router.handle(make_incoming(sender="kim@hillview.example", action=action,
                                              action_value=question_id))
        assert [r.text for r in replies] == [
            "That button is no longer active. Type /help to see what I can do."]
    for forged in ("", "abc", "99999", "-1", "1" * 40):
        [reply] = _say(router, action="answer.helpful", action_value=forged)
        assert reply.text.startswith("That button is no longer active.")
    [question] = _questions(factory)
    assert (question.helpful, question.handed_over_at) == (None, None)


TWO_CLOSE_ENTRIES = """\
entries:
  - id: northshire-portal
    kind: local
    title: Northshire tender portal
    questions: [where is the northshire tender portal, portal login help, northshire portal,
                how do i use the portal, portal registration northshire]
    answer: Tenders are listed on the e-tendering site.
    as_at: 2026-11-01
  - id: northshire-portal-help
    kind: local
    title: Northshire portal helpdesk
    questions: [where is the northshire tender portal, portal login help, northshire portal,
                how do i use the portal, portal registration northshire]
    answer: The portal helpdesk answers weekdays 9 to 5.
    as_at: 2026-11-01
"""


def test_a_choice_of_two_then_picking_one(
    factory: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "local-kb"
    folder.mkdir()
    (folder / "portal.yaml").write_text(TWO_CLOSE_ENTRIES)
    router = _router(factory, database_url, Answerer(KnowledgeBase([folder])))
    make_provider(factory, SAM)
    [reply] = _say(router, "northshire portal")
    assert reply.text == ("I want to be sure I answer the right question. "
                          "Did you mean one of these?")
    assert sorted(b.label for b in reply.buttons) == [
        "Northshire portal helpdesk", "Northshire tender portal"]
    chosen = next(b for b in reply.buttons if b.label == "Northshire portal helpdesk")
    [picked] = _say(router, action=chosen.action, action_value=chosen.value)
    assert picked.text.startswith("Northshire portal helpdesk\n"
                                  "The portal helpdesk answers weekdays 9 to 5.")
    assert "Source: Northshire portal helpdesk (your council's own guidance)" in picked.text
    [question] = _questions(factory)
    assert (question.mode, question.entry_id, question.answered) == (
        "answer", "northshire-portal-help", True)


def test_a_safeguarding_concern_gets_guidance_a_reference_and_an_urgent_alert(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory, SAM)
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    lead = make_commissioner(factory, "hub@council.example", safeguarding_lead=True,
                             organisation_id=council)
    make_commissioner(factory, "priya@council.example", organisation_id=council)
    [reply] = _say(router, "resident in room 4 has bruises and is scared of one carer")
    assert reply.text == (
        "This sounds like a safeguarding concern. Please act on it now:\n"
        "- If anyone is in immediate danger, call 999.\n"
        "- To report a crime that is not an emergency, call 101.\n"
        "- Raise the concern with Northshire Adult Safeguarding on 0100 000 0000 today.\n"
        "Registered providers must also notify CQC. I have recorded that you raised a concern "
        "(reference PB-2026-000001)."
    )
    with factory() as session:
        [alert] = session.scalars(select(OutboxMessage)).all()
        actions = session.scalars(select(AuditEvent.action)).all()
        case = session.scalars(select(Case)).one()
    assert (alert.person_id, alert.urgent, alert.kind) == (lead, True, "safeguarding.raised")
    assert alert.payload["text"].startswith(
        "URGENT safeguarding concern PB-2026-000001 (physical abuse)")
    assert [b["label"] for b in alert.payload["buttons"]] == ["Acknowledge", "Show the case"]
    # An urgent case, owned by the safeguarding lead, to be acknowledged within the hour.
    assert (case.reference, case.kind, case.assignee_id, case.severity) == (
        "PB-2026-000001", CaseKind.SAFEGUARDING, lead, "urgent")
    assert case.acknowledge_due_at == FIXED_NOW + timedelta(minutes=60)
    [question] = _questions(factory)
    assert (question.safeguarding, question.mode) == (True, "safeguarding")
    assert actions == ["safeguarding.raised"]


def test_a_safeguarding_concern_still_gets_guidance_with_no_council_set_up(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory, SAM)
    [reply] = _say(router, "resident in room 4 has bruises and is scared of one carer")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    assert reply.text.endswith("(reference SG-000001).")
    with factory() as session:
        assert session.scalar(select(Case.id)) is None
        assert session.scalars(select(AuditEvent.action)).all() == ["safeguarding.raised"]


def test_a_question_about_the_safeguarding_process_is_answered_not_alarmed(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory, SAM)
    [reply] = _say(router, "how do we raise a safeguarding concern with the council")
    # The guidance and contacts, a way to raise one now, and no urgent case.
    assert reply.text.startswith("Raising a safeguarding concern\n")
    assert "call 999 now" in reply.text
    assert "Northshire Adult Safeguarding on 0100 000 0000" in reply.text
    assert [b.label for b in reply.buttons] == ["Raise a concern now"]
    with factory() as session:
        assert session.scalars(select(Case)).all() == []
        assert session.scalars(select(OutboxMessage)).all() == []


@pytest.mark.parametrize(("text", "start"), [
    ("/ask", "What would you like to ask? For example: /ask how long is the standstill period?"),
    ("\U0001f600\U0001f600\U0001f600", "I don't know the answer to that"),
    ("\u00bfCu\u00e1ndo me pagan la factura?", "Sorry, I can only answer questions in English"),
    ("'; DROP TABLE question; --", "I don't know the answer to that"),
    ("<script>alert(1)</script>", "I don't know the answer to that"),
    ("tell me a joke", "I don't know the answer to that"),
    ("care home near leeds for my mum", "I don't know the answer to that"),
    ("how much is council tax band d", "I don't know the answer to that"),
])
def test_odd_questions_get_a_sensible_reply(
    router: Router, factory: sessionmaker[Session], text: str, start: str
) -> None:
    make_provider(factory, SAM)
    [reply] = _say(router, text)
    assert reply.text.startswith(start)


def test_a_question_over_the_limit_is_refused_and_not_kept(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory, SAM)
    [reply] = _say(router, "/ask " + "tender " * 700)
    assert reply.text.startswith("That message is too long for me (4,904 characters")
    assert _questions(factory) == []


def test_the_answerer_refuses_a_50000_character_question(answerer: Answerer) -> None:
    answer = answerer.ask("standstill " * 5000)
    assert (answer.mode, answer.answered, answer.hits) == ("too_long", False, ())


def test_a_provider_working_with_two_councils_still_gets_guidance_and_every_lead_is_told(
    router: Router, factory: sessionmaker[Session]
) -> None:
    # Nothing says which council: the concern is not sent to a guessed one, but every
    # council's safeguarding leads are told at once.
    make_provider(factory, SAM)
    leads = [make_commissioner(factory, f"hub{n}@council.example", safeguarding_lead=True)
             for n in (1, 2)]
    [reply] = _say(router, "resident in room 4 has bruises and is scared of one carer")
    assert reply.text.endswith("(reference SG-000001).")
    with factory() as session:
        told = sorted(session.scalars(select(OutboxMessage.person_id)))
        assert session.scalar(select(Case.id)) is None
    assert told == leads


@pytest.mark.parametrize(("text", "number", "section"), [
    ("what is pledge 1", 1, "General"),
    ("commitment six", 6, "General"),
    ("/ask what does commitment 24 say", 24, "Monitoring and Review"),
    ("tell me about commitment 30", 30, "Monitoring and Review"),
])
def test_a_commitment_named_by_number_is_answered_with_it(
    router: Router, factory: sessionmaker[Session], text: str, number: int, section: str
) -> None:
    make_provider(factory, SAM)
    [reply] = _say(router, text)
    assert (f"Source: Pledge to Work Together, commitment {number} ({section})"
            in reply.text)


def test_the_commitments_are_listed_in_their_four_groups(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory, SAM)
    [reply] = _say(router, "list the pledge commitments")
    lines = reply.text.splitlines()
    assert lines[0] == "The Pledge to Work Together has 30 commitments:"
    assert [line for line in lines if not line.startswith("  ")][1:5] == [
        "General", "Pre Procurement", "Tendering Process", "Monitoring and Review"]
    assert "  24. Initial three-month placement review" in lines
    assert lines[-1] == 'Ask me about any of them by number, for example "pledge 6".'
    with factory() as session:
        assert session.scalars(select(Question.mode)).all() == ["pledge_list"]
