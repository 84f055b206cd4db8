"""Asking: answers with their source and buttons, choices, abstention, hand-over, safeguarding."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.db import transaction
from bot.dispatch import Router
from bot.messages import Reply
from bot.models import (
    AuditEvent,
    Case,
    CaseKind,
    CaseStatus,
    Channel,
    Contract,
    Invoice,
    OrganisationKind,
    OutboxMessage,
    Person,
    Placement,
    Question,
    Role,
)
from bot.templates import make_templates
from handlers.ask.questions import knowledge_gaps
from knowledge.answers import Answerer, without_signoff
from knowledge.base import PACKAGED, KnowledgeBase
from tests.factories import (
    FIXED_NOW,
    make_commissioner,
    make_incoming,
    make_organisation,
    make_person,
    make_provider,
)
from tests.knowledge.test_pledges import TOPIC_COMMITMENTS

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAM = "sam@riverside.example"


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


@pytest.fixture
def sam(factory: sessionmaker[Session]) -> int:
    """Sam, a provider the bot knows, who asks the questions."""
    return make_provider(factory, SAM)


def _say(router: Router, text: str = "", **kwargs: object) -> list[Reply]:
    return router.handle(make_incoming(text, sender=SAM, **kwargs))  # type: ignore[arg-type]


def _questions(factory: sessionmaker[Session]) -> list[Question]:
    with factory() as session:
        return list(session.scalars(select(Question).order_by(Question.id)))


def test_an_answer_is_two_lines_then_more_gives_detail_source_and_date(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    [reply] = _say(router, "how long is the standstill period under the new act?")
    title, lead = reply.text.split("\n")
    assert title == "Standstill periods and challenging an award"
    assert "at least 8 working days" in lead
    assert "Source:" not in reply.text
    assert [(b.label, b.action) for b in reply.buttons] == [
        ("More", "answer.more"), ("Helpful", "answer.helpful"),
        ("Not helpful", "answer.unhelpful"), ("Ask a commissioner", "answer.handover")]
    [question] = _questions(factory)
    assert (question.mode, question.entry_id, question.answered) == (
        "answer", "standstill-challenges", True)
    more = reply.buttons[0]
    assert more.value == f"{question.id}:standstill-challenges"
    [detail] = _say(router, action=more.action, action_value=more.value)
    assert lead not in detail.text
    assert 'Source: pledgebot FAQ, "Standstill periods and challenging an award"' in detail.text
    # standstill-challenges was corrected on 3 December 2026 (issue 18).
    assert detail.text.splitlines()[-1].startswith("As at 3 December 2026.")
    assert [b.action for b in detail.buttons] == [
        "answer.helpful", "answer.unhelpful", "answer.handover"]


def test_more_on_a_commitment_says_what_it_means_for_the_readers_side(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 22's review: what the pledge entries say for providers and for commissioners
    # was never shown; commissioners read answers written for providers.
    make_commissioner(factory, "priya@northshire.example", name="Priya Shah")
    for sender, words in ((SAM, "For you: Check your sub-contract for payment terms of 30 "
                                "days or less"),
                          ("priya@northshire.example", "For you: Require primes to pay "
                                                       "sub-contractors at least as fast")):
        [reply] = router.handle(make_incoming("pledge 29", sender=sender))
        more = reply.buttons[0]
        [detail] = router.handle(make_incoming("", sender=sender, action=more.action,
                                               action_value=more.value))
        assert words in detail.text
        assert "For you:" not in reply.text  # the short answer stays two lines


def test_more_on_someone_elses_question_is_stale(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    make_provider(factory, "other@riverside.example")
    [reply] = _say(router, "how long is the standstill period under the new act?")
    [other] = router.handle(make_incoming("", sender="other@riverside.example",
                                          action="answer.more",
                                          action_value=reply.buttons[0].value))
    assert "Source:" not in other.text
    assert other.text == make_templates().get_template("stale_button.txt").render().strip()


def test_by_email_the_whole_answer_comes_at_once(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_person(factory, email=SAM, channel=Channel.EMAIL)
    [reply] = _say(router, "how long is the standstill period under the new act?",
                   channel=Channel.EMAIL)
    assert reply.text.startswith("Standstill periods and challenging an award\n")
    assert 'Source: pledgebot FAQ, "Standstill periods and challenging an award"' in reply.text
    assert "answer.more" not in [b.action for b in reply.buttons]


def test_a_pledge_answer_leads_with_the_pledges_own_words(
    router: Router, sam: int
) -> None:
    [reply] = _say(router, "/ask what does the pledge say about paying subcontractors in 10 days")
    assert reply.text.splitlines()[1].startswith('Commitment 29: "')
    [detail] = _say(router, action="answer.more", action_value=reply.buttons[0].value)
    assert "Source: Pledge to Work Together, commitment 29 (Monitoring and Review)" in detail.text


def test_a_yes_or_no_opening_is_left_off_for_a_question_that_asks_who_or_what(
    router: Router, sam: int
) -> None:
    """Session 21: "who pays for TUPE costs" was answered "Often yes: when a council ..."."""
    [who] = _say(router, "who pays for TUPE costs")
    title, lead = who.text.split("\n")
    assert title == "TUPE when care contracts are re-tendered"
    assert lead.startswith("When a council re-tenders care")
    [detail] = _say(router, action="answer.more", action_value=who.buttons[0].value)
    assert "The new employer takes on the staff's pay and terms, and their cost" in detail.text
    # A yes/no question keeps the entry's own opening.
    [does] = _say(router, "does TUPE apply when the council retenders the home care contract")
    assert does.text.split("\n")[1].startswith("Often yes: when a council re-tenders care")


@pytest.mark.parametrize(("question", "title"), [
    ("what's the 2 week rule in the pledge", "Revisit the package within two weeks of a change"),
    ("what happens if the council pays late", "Council payment terms and late payment"),
    ("what is PPN 06/20", "Social value in care tenders"),
    # Typing errors (session 31: "waht is teh standstil period" was "I don't know"; the speller
    # kept the samples' own typos as known words and left "waht" and "teh" as unknown ones).
    ("waht is teh standstil period", "Standstill periods and challenging an award"),
    ("what insurence do i need for a care tendor",
     "Insurance requirements in care tenders (EL, PL, PI)"),
    ("whta is a dynamic purchasign system",
     "Dynamic purchasing systems (DPS) and dynamic markets"),
])
def test_questions_a_review_found_unanswered_or_misread_are_answered(
    router: Router, factory: sessionmaker[Session], sam: int, question: str, title: str
) -> None:
    [reply] = _say(router, question)
    assert reply.text.split("\n")[0] == title
    assert reply.buttons[0].label == "More"
    [asked] = _questions(factory)
    assert (asked.mode, asked.answered) == ("answer", True)


def test_the_provider_selection_regime_misspelt_is_offered_first(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Answered outright until session 43's content (five sample questions, the topic model
    # refit) moved it just under the answer's sure band: offered, its entry first (CHANGELOG,
    # "Left (session 43)").
    [reply] = _say(router, "what is the provider selction regime")
    assert reply.buttons[0].label == (
        "Provider Selection Regime (PSR) for health and public health services")
    [asked] = _questions(factory)
    assert asked.mode == "choose"


def test_not_helpful_is_recorded_and_offers_a_person(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # (a late payment told in words is the invoice list's since session 44's records review)
    [answer] = _say(router, "how long is the standstill period?")
    assert [b.label for b in answer.buttons][1:3] == ["Helpful", "Not helpful"], answer
    question_id = answer.buttons[1].value
    [reply] = _say(router, action="answer.unhelpful", action_value=question_id)
    # Session 25's trial: it asked "Would you like a person to answer?", and "yes" was then
    # "I wasn't waiting for a yes or no".
    assert reply.text == ("Thanks for telling me. I've noted it so the answer can be improved. "
                          'If you\'d like a person to answer, press "Ask a commissioner".')
    assert [b.action for b in reply.buttons] == ["answer.handover"]
    [question] = _questions(factory)
    assert question.helpful is False


def test_asking_a_commissioner_tells_the_configured_contact_once(
    factory: sessionmaker[Session], sam: int, database_url: str, answerer: Answerer
) -> None:
    router = _router(factory, database_url, answerer,
                     questions_contact="Priya@northshire.example")
    priya = make_commissioner(factory, "priya@northshire.example", name="Priya Shah")
    [answer] = _say(router, "tell me a joke")
    assert answer.text.startswith("I don't know the answer to that, and I'd rather not guess.")
    button, _tell_me = answer.buttons
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
    # Session 33's trial: told to answer with "comment", the commissioner did, and the
    # question was escalated for being unresolved: answering is resolving.
    assert "/case PB-2026-000001 resolve YOUR ANSWER" in alert.payload["text"]
    # A question case, owned by the configured contact, with the question as its words.
    assert (case.kind, case.assignee_id, case.description, case.summary) == (
        CaseKind.QUESTION, priya, "tell me a joke", "tell me a joke")  # no Q- reference
    [question] = _questions(factory)
    assert question.handed_over_at == FIXED_NOW
    # The same question asked again and handed over again: the same case (session 25's
    # trial: two cases of one question for Priya).
    [second] = _say(router, "tell me a joke")
    [handed] = _say(router, action=second.buttons[0].action,
                    action_value=second.buttons[0].value)
    assert handed.text == "Your question PB-2026-000001 is already with the commissioning team."
    with factory() as session:
        assert len(session.scalars(select(Case)).all()) == 1
        assert len(session.scalars(select(OutboxMessage)).all()) == 1


def test_a_question_handed_over_keeps_its_own_case_when_its_words_are_asked_again(
    factory: sessionmaker[Session], sam: int, database_url: str, answerer: Answerer
) -> None:
    """A question names the case it was handed to (``Question.case_id``), not the newest case
    of its words: once its case is resolved, the same words asked and handed over again get a
    case of their own, and the first question's button pressed again still names its own
    (before 0018 it named the newest). Another provider's question in the same words is
    another case."""
    router = _router(factory, database_url, answerer,
                     questions_contact="priya@northshire.example")
    make_commissioner(factory, "priya@northshire.example", name="Priya Shah")
    make_provider(factory, "ann@lakeside.example")

    def asked_and_handed(sender: str) -> tuple[Reply, Reply]:
        [answer] = router.handle(make_incoming("tell me a joke", sender=sender))
        button = answer.buttons[0]
        [handed] = router.handle(make_incoming("", sender=sender, action=button.action,
                                               action_value=button.value))
        return answer, handed

    first, handed = asked_and_handed(SAM)
    assert "(reference PB-2026-000001)" in handed.text
    router.handle(make_incoming("/case PB-2026-000001 resolve Told them one",
                                sender="priya@northshire.example"))
    second, handed_again = asked_and_handed(SAM)
    assert "(reference PB-2026-000002)" in handed_again.text
    _ann_s, ann_s = asked_and_handed("ann@lakeside.example")
    assert "(reference PB-2026-000003)" in ann_s.text
    for answer, reference in ((first, "PB-2026-000001"), (second, "PB-2026-000002")):
        [again] = _say(router, action=answer.buttons[0].action,
                       action_value=answer.buttons[0].value)
        assert again.text == f"Your question {reference} is already with the commissioning team."
    with factory() as session:
        links = session.execute(select(Question.person_id, Case.reference, Case.status)
                                .join(Case, Question.case_id == Case.id)
                                .order_by(Question.id)).all()
    assert [(person == sam, reference, status.value) for person, reference, status in links] == [
        (True, "PB-2026-000001", "resolved"), (True, "PB-2026-000002", "open"),
        (False, "PB-2026-000003", "open")]


def test_with_no_council_set_up_the_question_is_kept_and_nobody_is_promised(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    [answer] = _say(router, "what's the weather in leeds tomorrow")
    [reply] = _say(router, action="answer.handover", action_value=answer.buttons[0].value)
    # Session 27: it said "A person will pick it up", with nobody told.
    assert reply.text == ("Thank you. I've kept your question (reference Q-000001), but nobody "
                          "at a council is set up in pledgebot to answer it yet, so no person "
                          "has been told. Please contact Northshire County Council directly.")
    with factory() as session:
        assert session.scalars(select(OutboxMessage)).all() == []


def _two_councils(factory: sessionmaker[Session]) -> dict[str, int]:
    """Northshire (Priya) and Southshire (Tom), each with a commissioner: their ids."""
    found = {}
    for council, email, name in (("Northshire", "priya@northshire.example", "Priya Shah"),
                                 ("Southshire", "tom@southshire.example", "Tom Reed")):
        found[council] = make_organisation(factory, council, OrganisationKind.COUNCIL)
        found[name] = make_commissioner(factory, email, name=name,
                                        organisation_id=found[council])
    return found


def test_a_provider_linked_to_no_council_chooses_the_council_that_answers(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 27: with several councils and no contact configured, the question went to
    # nobody, and the provider was told "A person will pick it up".
    ids = _two_councils(factory)
    [answer] = _say(router, "what's the weather in leeds tomorrow")
    [which] = _say(router, action="answer.handover", action_value=answer.buttons[0].value)
    assert which.text == ("You aren't linked to a council in pledgebot yet, so I don't know "
                          "which council should answer. Which one is your question for?")
    assert [b.label for b in which.buttons] == ["Northshire", "Southshire"]
    with factory() as session:
        assert session.scalars(select(Case)).all() == []  # nothing sent until they choose
    south = which.buttons[1]
    [reply] = _say(router, action=south.action, action_value=south.value)
    assert reply.text == ("Thank you. I've passed your question to Tom Reed at Southshire "
                          "(reference PB-2026-000001). A person will reply to you.")
    with factory() as session:
        case = session.scalars(select(Case)).one()
        [alert] = session.scalars(select(OutboxMessage)).all()
    assert (case.kind, case.council_id, case.assignee_id) == (
        CaseKind.QUESTION, ids["Southshire"], ids["Tom Reed"])
    assert alert.person_id == ids["Tom Reed"]
    assert 'Question: "what\'s the weather in leeds tomorrow"' in alert.payload["text"]
    # Pressed again, either council: it is with Southshire already.
    [again] = _say(router, action=which.buttons[0].action, action_value=which.buttons[0].value)
    assert again.text == "Your question PB-2026-000001 is already with the commissioning team."
    with factory() as session:
        assert len(session.scalars(select(Case)).all()) == 1


@pytest.mark.parametrize("south_ends", [FIXED_NOW.date() - timedelta(days=1), None],
                         ids=["ended", "current"])
def test_a_council_whose_only_contract_with_the_provider_ended_is_not_one_it_works_with(
    router: Router, factory: sessionmaker[Session], sam: int, south_ends: object
) -> None:
    # Session 29's brief: a contract that had ended still counted as work with its council, so
    # a provider working only with Northshire now was asked which of two councils to ask.
    ids = _two_councils(factory)
    with transaction(factory) as session:
        riverside = session.get_one(Person, sam).organisation_id
        for council, commissioner, ends_on in (("Northshire", "Priya Shah", None),
                                               ("Southshire", "Tom Reed", south_ends)):
            session.add(Contract(reference="RV-1", council_id=ids[council],
                                 provider_id=riverside, commissioner_id=ids[commissioner],
                                 title="Home care", ends_on=ends_on))
    [answer] = _say(router, "what's the weather in leeds tomorrow")
    [reply] = _say(router, action="answer.handover", action_value=answer.buttons[0].value)
    if south_ends is None:
        assert reply.text == "You work with more than one council: which one is your question for?"
        return
    assert reply.text == ("Thank you. I've passed your question to Priya Shah (reference "
                          "PB-2026-000001). A person will reply to you.")
    with factory() as session:
        assert session.scalars(select(Case.council_id)).one() == ids["Northshire"]


def test_a_provider_linked_to_no_council_is_answered_by_the_configured_contact(
    factory: sessionmaker[Session], sam: int, database_url: str, answerer: Answerer
) -> None:
    ids = _two_councils(factory)
    router = _router(factory, database_url, answerer, council_name="the councils",
                     questions_contact="tom@southshire.example")
    [answer] = _say(router, "what's the weather in leeds tomorrow")
    [reply] = _say(router, action="answer.handover", action_value=answer.buttons[0].value)
    assert reply.text == ("Thank you. I've passed your question to Tom Reed at Southshire "
                          "(reference PB-2026-000001). A person will reply to you.")
    with factory() as session:
        case = session.scalars(select(Case)).one()
        [alert] = session.scalars(select(OutboxMessage)).all()
    # A case (a reference and an acknowledgement clock), not only a message.
    assert (case.council_id, case.assignee_id, alert.person_id) == (
        ids["Southshire"], ids["Tom Reed"], ids["Tom Reed"])


def test_a_hand_over_reads_the_provider_s_councils_and_the_contact_once(
    engine: Engine, factory: sessionmaker[Session], sam: int, database_url: str,
    answerer: Answerer
) -> None:
    # The councils a provider works with were read twice (to place the question, then to
    # offer councils), and the configured contact twice (to place it, then to tell them).
    ids = _two_councils(factory)
    router = _router(factory, database_url, answerer, council_name="the councils",
                     questions_contact="tom@southshire.example")
    [answer] = _say(router, "what's the weather in leeds tomorrow")
    reads: list[str] = []

    def count(*args: object) -> None:
        reads.append(" ".join(str(args[2]).split()))

    event.listen(engine, "before_cursor_execute", count)
    try:
        [reply] = _say(router, action="answer.handover", action_value=answer.buttons[0].value)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert reply.text == ("Thank you. I've passed your question to Tom Reed at Southshire "
                          "(reference PB-2026-000001). A person will reply to you.")
    works_with = [read for read in reads if "FROM placement WHERE placement.provider_id" in read]
    contact = [read for read in reads if "WHERE person.email =" in read]
    assert (len(works_with), len(contact)) == (1, 1)
    with factory() as session:
        case = session.scalars(select(Case)).one()
    assert (case.council_id, case.assignee_id) == (ids["Southshire"], ids["Tom Reed"])


def test_a_council_the_provider_does_not_work_with_cannot_be_chosen(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    ids = _two_councils(factory)
    with transaction(factory) as session:
        provider = session.get_one(Person, sam).organisation_id
        session.add_all([Placement(reference=reference, provider_id=provider,
                                   council_id=ids[council], commissioner_id=ids[commissioner],
                                   provider_contact_id=sam, started_on=FIXED_NOW.date())
                         for reference, council, commissioner in (
                             ("RC-1", "Northshire", "Priya Shah"),
                             ("RC-2", "Southshire", "Tom Reed"))])
    [answer] = _say(router, "what's the weather in leeds tomorrow")
    [which] = _say(router, action="answer.handover", action_value=answer.buttons[0].value)
    assert which.text == "You work with more than one council: which one is your question for?"
    assert [b.label for b in which.buttons] == ["Northshire", "Southshire"]
    question_id = answer.buttons[0].value
    [refused] = _say(router, action=which.buttons[0].action, action_value=f"{question_id}:999")
    assert refused.text.startswith("That button is no longer active.")
    with factory() as session:
        assert session.scalars(select(Case)).all() == []


def _leaves(factory: sessionmaker[Session], *person_ids: int) -> None:
    with transaction(factory) as session:
        for person_id in person_ids:
            session.get_one(Person, person_id).active = False


def test_a_council_with_nobody_to_answer_is_not_offered(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 27's second review: a council whose only commissioner had left was offered,
    # and choosing it told nobody.
    ids = _two_councils(factory)
    ids["Westshire"] = make_organisation(factory, "Westshire", OrganisationKind.COUNCIL)
    make_commissioner(factory, "wendy@westshire.example", name="Wendy Cole",
                      organisation_id=ids["Westshire"])
    _leaves(factory, ids["Tom Reed"])
    [answer] = _say(router, "what's the weather in leeds tomorrow")
    [which] = _say(router, action="answer.handover", action_value=answer.buttons[0].value)
    assert [b.label for b in which.buttons] == ["Northshire", "Westshire"]


def test_a_council_whose_only_staff_is_an_admin_is_offered_and_its_admin_answers(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Whom a council's case goes to when no rule places it (an active admin or commissioner)
    # is who makes a council one to offer.
    ids = _two_councils(factory)
    ids["Westshire"] = make_organisation(factory, "Westshire", OrganisationKind.COUNCIL)
    ids["Wes Admin"] = make_person(factory, email="wes@westshire.example", name="Wes Admin",
                                   role=Role.ADMIN, organisation_id=ids["Westshire"])
    _leaves(factory, ids["Tom Reed"])
    [answer] = _say(router, "what's the weather in leeds tomorrow")
    [which] = _say(router, action="answer.handover", action_value=answer.buttons[0].value)
    assert [b.label for b in which.buttons] == ["Northshire", "Westshire"]
    [reply] = _say(router, action=which.buttons[1].action, action_value=which.buttons[1].value)
    assert reply.text.startswith("Thank you. I've passed your question to Wes Admin at "
                                 "Westshire (reference PB-2026-000001).")
    with factory() as session:
        case = session.scalars(select(Case)).one()
    assert (case.council_id, case.assignee_id) == (ids["Westshire"], ids["Wes Admin"])


def test_with_one_council_left_to_answer_the_question_goes_to_it(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    ids = _two_councils(factory)
    _leaves(factory, ids["Tom Reed"])
    [answer] = _say(router, "what's the weather in leeds tomorrow")
    [reply] = _say(router, action="answer.handover", action_value=answer.buttons[0].value)
    assert reply.text == ("Thank you. I've passed your question to Priya Shah at Northshire "
                          "(reference PB-2026-000001). A person will reply to you.")
    with factory() as session:
        case = session.scalars(select(Case)).one()
    assert (case.council_id, case.assignee_id) == (ids["Northshire"], ids["Priya Shah"])


def test_with_nobody_to_answer_at_any_council_it_is_said_once_naming_no_council(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 27's second review: both councils were offered, and the one chosen was followed
    # by "Please contact Northshire County Council directly" (the configured name).
    ids = _two_councils(factory)
    _leaves(factory, ids["Priya Shah"], ids["Tom Reed"])
    [answer] = _say(router, "what's the weather in leeds tomorrow")
    [reply] = _say(router, action="answer.handover", action_value=answer.buttons[0].value)
    assert reply.text == ("Thank you. I've kept your question (reference Q-000001), but nobody "
                          "at a council is set up in pledgebot to answer it yet, so no person "
                          "has been told. Please contact the council your question is for "
                          "directly.")
    assert reply.buttons == ()
    with factory() as session:
        assert session.scalars(select(Case)).all() == []
        assert session.scalars(select(OutboxMessage)).all() == []
        assert session.scalars(select(Question.handed_over_at)).one() == FIXED_NOW


def test_a_council_chosen_whose_staff_has_left_since_is_the_one_to_contact(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    ids = _two_councils(factory)
    [answer] = _say(router, "what's the weather in leeds tomorrow")
    [which] = _say(router, action="answer.handover", action_value=answer.buttons[0].value)
    _leaves(factory, ids["Tom Reed"])  # before Sam chooses Southshire
    south = which.buttons[1]
    [reply] = _say(router, action=south.action, action_value=south.value)
    assert reply.text == ("Thank you. I've kept your question (reference Q-000001), but nobody "
                          "at Southshire is set up in pledgebot to answer it yet, so no person "
                          "has been told. Please contact Southshire directly.")
    with factory() as session:
        assert session.scalars(select(Case)).all() == []
        assert session.scalars(select(OutboxMessage)).all() == []


@pytest.mark.parametrize("question", [
    "what does Leeds pay for residential care",
    "what are Leeds care home fees",
    "how much does Birmingham pay per hour for domiciliary care",
])
def test_what_another_named_place_pays_is_handed_to_a_person_not_offered_an_entry(
    router: Router, factory: sessionmaker[Session], sam: int, question: str
) -> None:
    # Words alone offered "Supported living or residential care" for Leeds' fees: only that
    # council can say what it pays, as for "what does Northshire pay" or "Leeds council".
    [answer] = _say(router, question)
    assert answer.text.startswith("I don't know the answer to that, and I'd rather not guess.")
    assert [button.label for button in answer.buttons] == ["Ask a commissioner",
                                                           "Tell me when someone answers"]
    [reply] = _say(router, action="answer.handover", action_value=answer.buttons[0].value)
    assert reply.text.startswith("Thank you. I've kept your question (reference Q-0000")


def test_buttons_on_someone_elses_question_are_refused_and_change_nothing(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
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
    factory: sessionmaker[Session], sam: int, database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "local-kb"
    folder.mkdir()
    (folder / "portal.yaml").write_text(TWO_CLOSE_ENTRIES)
    router = _router(factory, database_url, Answerer(KnowledgeBase([folder])))
    [reply] = _say(router, "northshire portal")
    assert reply.text == ("I want to be sure I answer the right question. "
                          "Did you mean one of these? If neither, press \"Ask a commissioner\" "
                          "and a person will answer.")
    assert sorted(b.label for b in reply.buttons[:2]) == [
        "Northshire portal helpdesk", "Northshire tender portal"]
    # Neither may be right: the way out to a person is always there.
    assert (reply.buttons[2].label, reply.buttons[2].action) == (
        "Ask a commissioner", "answer.handover")
    chosen = next(b for b in reply.buttons if b.label == "Northshire portal helpdesk")
    [picked] = _say(router, action=chosen.action, action_value=chosen.value)
    assert picked.text == ("Northshire portal helpdesk\n"
                           "The portal helpdesk answers weekdays 9 to 5.")
    [more] = _say(router, action="answer.more", action_value=picked.buttons[0].value)
    assert "Source: Northshire portal helpdesk (your council's own guidance)" in more.text
    [question] = _questions(factory)
    # Kept as picked (not as an answer the bot was sure of), so `kb gaps` offers it to teach.
    assert (question.mode, question.entry_id, question.answered) == (
        "picked", "northshire-portal-help", True)


def test_a_choice_that_leans_names_the_likelier_entry_then_picking_it(
    factory: sessionmaker[Session], sam: int, database_url: str
) -> None:
    # The first entry passes the answer rule and leads, but not by enough to be sure: the
    # person is told which entry the bot thinks it is, and can pick it, the other, or a person.
    router = _router(factory, database_url, Answerer(KnowledgeBase([PACKAGED])))
    # ("whats a PSQ?" until session 15, whose providers' questions brought the SQ entry level.)
    [reply] = _say(router, "how long is mobilisation usually")
    title = "After award - notices, signing and mobilisation"
    assert reply.text == (
        f'I think you mean "{title}", but I want to be sure before I answer: press it to see '
        'the answer, or the other topic below. If neither fits, press "Ask a commissioner" '
        "and a person will answer.")
    first, _other, person = reply.buttons
    assert first.label == title
    assert (person.label, person.action) == ("Ask a commissioner", "answer.handover")
    [picked] = _say(router, action=first.action, action_value=first.value)
    assert picked.text.startswith(f"{title}\n")
    [question] = _questions(factory)
    assert (question.mode, question.entry_id) == ("picked", "contract-award-mobilisation")


def test_a_safeguarding_concern_gets_guidance_a_reference_and_an_urgent_alert(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    lead = make_commissioner(factory, "hub@council.example", safeguarding_lead=True,
                             organisation_id=council)
    make_commissioner(factory, "priya@council.example", organisation_id=council)
    [reply] = _say(router, "resident in room 4 has bruises and is scared of one carer")
    assert reply.text == (
        "This sounds like a safeguarding concern. Please act on it now:\n"
        "- If anyone is in immediate danger, call 999.\n"
        "- To report a crime that is not an emergency, call 101.\n"
        "- You need not report it to the hub again (see below); call Northshire Adult "
        "Safeguarding on 0100 000 0000 if it is urgent or you learn more.\n"
        "Registered providers must also notify CQC. I have told the council's safeguarding hub "
        "now (reference PB-2026-000001): they will be in touch."
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
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    [reply] = _say(router, "resident in room 4 has bruises and is scared of one carer")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    assert reply.text.endswith("I have recorded that you raised a concern "
                               "(reference SG-000001).")  # nobody to tell: no claim it was
    with factory() as session:
        assert session.scalar(select(Case.id)) is None
        assert session.scalars(select(AuditEvent.action)).all() == ["safeguarding.raised"]


def test_a_question_about_the_safeguarding_process_is_answered_not_alarmed(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
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
    ("\U0001f600\U0001f600\U0001f600", "What would you like to ask? Type your question in words"),
    ("\u00bfCu\u00e1ndo me pagan la factura?", "Sorry, I can only answer questions in English"),
    ("'; DROP TABLE question; --", "I don't know the answer to that"),
    ("<script>alert(1)</script>", "I don't know the answer to that"),
    ("tell me a joke", "I don't know the answer to that"),
    ("care home near leeds for my mum", "I don't know the answer to that"),
    ("how much is council tax band d", "I don't know the answer to that"),
    # Out of scope with typing errors: mending them must not find an entry (an English word
    # the content does not use, "printer", is not a typo of "printed").
    ("wher can i buy cheap printer ink", "I don't know the answer to that"),
    ("can i park my car at the buidling", "I don't know the answer to that"),
    ("how do i pay my parkng fine to the counsil", "I don't know the answer to that"),
])
def test_odd_questions_get_a_sensible_reply(
    router: Router, sam: int, text: str, start: str
) -> None:
    [reply] = _say(router, text)
    assert reply.text.startswith(start)


def test_a_question_over_the_limit_is_refused_and_not_kept(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    [reply] = _say(router, "/ask " + "tender " * 700)
    assert reply.text.startswith("That message is too long for me (4,904 characters")
    assert _questions(factory) == []


def test_the_answerer_refuses_a_50000_character_question(answerer: Answerer) -> None:
    answer = answerer.ask("standstill " * 5000)
    assert (answer.mode, answer.answered, answer.hits) == ("too_long", False, ())


def test_a_provider_working_with_two_councils_still_gets_guidance_and_every_lead_is_told(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Nothing says which council: the concern is not sent to a guessed one; each council
    # holds a case of it, owned by its lead, who is told at once (session 26's trial: no case
    # was opened, so no acknowledgement clock ran).
    leads = [make_commissioner(factory, f"hub{n}@council.example", safeguarding_lead=True)
             for n in (1, 2)]
    [reply] = _say(router, "resident in room 4 has bruises and is scared of one carer")
    assert reply.text.endswith("now (references PB-2026-000001 and PB-2026-000002): they will "
                               "be in touch.")
    with factory() as session:
        told = sorted(session.scalars(select(OutboxMessage.person_id)))
        owners = sorted(session.scalars(select(Case.assignee_id)))
    assert told == leads
    assert owners == leads


@pytest.mark.parametrize(("text", "number", "section"), [
    ("what is pledge 1", 1, "General"),
    ("commitment six", 6, "General"),
    ("/ask what does commitment 24 say", 24, "Monitoring and Review"),
    ("tell me about commitment 30", 30, "Monitoring and Review"),
])
def test_a_commitment_named_by_number_is_answered_with_it(
    router: Router, sam: int, text: str, number: int, section: str
) -> None:
    [reply] = _say(router, text)
    assert reply.text.splitlines()[1].startswith(f'Commitment {number}: "')
    [more] = _say(router, action="answer.more", action_value=reply.buttons[0].value)
    assert (f"Source: Pledge to Work Together, commitment {number} ({section})"
            in more.text)


@pytest.mark.parametrize("text", [
    "What is the Pledge to Work Together?",
    # A helper's console review (session 23): offered two entries to choose from.
    "what does the pledge actually say",
    "What does the Pledge to Work Together cover?",
    # Session 35's trial: a greeting and the writer's role before it was "I don't know", and a
    # knowledge gap that suggested the entry on CQC registered managers.
    "hi im new here, im the registered manager at hillview. what is this pledge thing actualy",
    "Hello, I'm the finance director at Oakwood Care - what is this pledge all about?",
    # Session 35's review: "Initial three-month placement review" (new here, no stop after it).
    "hi im new here what is this pledge",
])
def test_what_is_the_pledge_says_what_it_is_and_its_four_groups_in_a_few_lines(
    router: Router, factory: sessionmaker[Session], sam: int, text: str
) -> None:
    # Session 43's trial: a summary and then all 30 commitments (about 40 lines); the groups
    # in a line each instead, and how to get the whole list or one commitment.
    [reply] = _say(router, text)
    lines = reply.text.splitlines()
    assert lines[0].startswith("The Pledge to Work Together is a voluntary protocol between")
    assert "It is not a law" in lines[0]
    assert lines[1:] == [
        "",
        "Its 30 commitments, in four groups:",
        "  General: 1-6",
        "  Pre Procurement: 7-12",
        "  Tendering Process: 13-22",
        "  Monitoring and Review: 23-30",
        "",
        'Say "list the commitments" for all 30, or "pledge 6" for one.']
    with factory() as session:
        [question] = session.scalars(select(Question))
        assert (question.mode, question.entry_id) == ("pledge_list", "about-the-pledge")


@pytest.mark.parametrize("text", [
    "list the pledge commitments", "summarise the 30 commitments"])
def test_the_commitments_are_listed_in_their_four_groups(
    router: Router, factory: sessionmaker[Session], sam: int, text: str
) -> None:
    [reply] = _say(router, text)
    lines = reply.text.splitlines()
    assert lines[0] == "The Pledge to Work Together has 30 commitments:"
    assert [line for line in lines if not line.startswith("  ")][1:5] == [
        "General", "Pre Procurement", "Tendering Process", "Monitoring and Review"]
    assert "  24. Initial three-month placement review" in lines
    assert lines[-1] == 'Ask me about any of them by number, for example "pledge 6".'
    with factory() as session:
        assert session.scalars(select(Question.mode)).all() == ["pledge_list"]


@pytest.mark.parametrize(("text", "topic", "numbers"), [
    ("which commitments cover feedback", "feedback", [27, 28]),
    ("what does the pledge say about tenders", "tenders", list(range(13, 23))),
])
def test_the_commitments_on_a_topic_in_the_pledges_own_words(
    router: Router, factory: sessionmaker[Session], sam: int, text: str, topic: str,
    numbers: list[int],
) -> None:
    [reply] = _say(router, text)
    lines = reply.text.splitlines()
    assert lines[0] == f"The pledge's commitments on {topic}:"
    assert [int(line.split(".")[0]) for line in lines[1:-1]] == numbers
    assert lines[1].startswith(f"{numbers[0]}. ")
    with factory() as session:
        assert session.scalars(select(Question.mode)).all() == ["pledge_topic"]


@pytest.mark.parametrize("text", [
    "pledges about payment",
    # Session 35's trial: commitments 1, 2, 17 and 28 (on "time"), and not 29; "prompt
    # payment" was "I don't know", "paid on time" commitment 17 alone.
    "what does the pledge say about paying on time",
    "what does the pledge say about being paid on time",
    "what does the pledge say about late payment",
    "what does the pledge say about prompt payment",
    "which commitments cover paying providers on time?",
    # Session 35's review: "I don't know"; 29 beside 17 (paid for outcomes, in its samples).
    "does the pledge say anything about the council paying providers promptly",
    "what does the pledge say about getting paid late",
])
def test_pledges_about_payment_gives_the_payment_commitment(
    router: Router, sam: int, text: str
) -> None:
    [reply] = _say(router, text)
    # Commitment 29 alone: not 17, "paid for outcomes" in its samples (session 35's review).
    assert "Commitment 17" not in reply.text, reply.text
    assert "\n17. " not in reply.text, reply.text
    assert reply.text.splitlines()[1].startswith(
        ('Commitment 29: "', "29. Commissioners ensure that prime contractors")), reply.text



@pytest.mark.parametrize(("topic", "numbers"), list(TOPIC_COMMITMENTS.items()))
def test_which_pledges_are_about_a_topic_lists_those_whose_own_words_are_on_it(
    router: Router, sam: int, topic: str, numbers: list[int]
) -> None:
    # Session 46: "fees" listed 6, "rates" 15 (a CQC rating), "contracts" 6, 20 and 29, each
    # through sample questions alone (the sets and why: tests/knowledge/test_pledges.py).
    [reply] = _say(router, f"which pledges are about {topic}")
    lines = reply.text.splitlines()
    if topic == "safeguarding":
        # The safeguarding guidance's route answers it first (handlers/safeguarding.py): how
        # to raise a concern, and no commitment listed.
        assert lines[0] == "Raising a safeguarding concern", reply.text
        assert "ommitment" not in reply.text, reply.text
    elif not numbers:
        assert lines[0].startswith(f"I can't find a commitment about {topic} "), reply.text
        assert not any(line[:1].isdigit() for line in lines), reply.text
    elif len(numbers) == 1:
        assert lines[1].startswith(f'Commitment {numbers[0]}: "'), reply.text
    else:
        assert lines[0] == f"The pledge's commitments on {topic}:", reply.text
        assert sorted(int(line.split(".")[0]) for line in lines[1:-1]) == numbers


@pytest.mark.parametrize(("text", "not_listed"), [
    ("pledges about rates", 15),  # a CQC rating is no fee rate
    ("pledges about fees", 6),  # fees are what a dispute is about in 6's samples only
    ("pledges about contracts", 29),  # prime contractors, not a contract
])
def test_a_commitment_on_a_topic_through_its_samples_alone_is_not_listed(
    router: Router, sam: int, text: str, not_listed: int
) -> None:
    [reply] = _say(router, text)
    assert reply.text.startswith("The pledge's commitments on "), reply.text
    assert f"\n{not_listed}. " not in reply.text, reply.text


_WAGES = ("National Living Wage and minimum wage for care workers",
          "The Real Living Wage (Living Wage Foundation) in care contracts")
_EXTENSIONS = ("Contract length, extensions and notice periods", "Reasonable contract duration")


# Session 46's review: a topic no commitment's own words carry, that the knowledge base offers
# two entries for, was "I can't find a commitment about X" alone and a knowledge gap; the offer
# (as before session 46) is kept after that line, and a commitment offered is the one named as
# the nearest ("extensions": 12, "Reasonable contract duration").
@pytest.mark.parametrize(("text", "topic", "offered", "nearest"), [
    ("which pledges are about wages", "wages", _WAGES, None),
    ("what does the pledge say about wages", "wages", _WAGES, None),
    ("which pledges are about workforce", "workforce", (
        "The Adult Social Care Workforce Data Set (ASC-WDS) - is it compulsory, and what is it "
        "for", "The Care Workforce Pathway for adult social care, and the Capacity Tracker "
        "returns"), None),
    ("which pledges are about inflation", "inflation", (
        "Annual fee uplifts - how they are worked out, and backdating",
        "Direct-payment holders and self-funders"), None),
    ("which pledges are about contract termination", "contract termination", (
        "Contract terms and the balance of risk", "A council cancels or abandons a care tender "
        "- can it, must it say why, and are bid costs paid"), None),
    ("which pledges are about top ups", "top ups", (
        "When residents can pay their own top-up (first-party top-ups)",
        "Choice of accommodation and third-party top-ups"), None),
    ("which pledges are about direct payments", "direct payments", (
        "Direct payments - what they can buy and who can be employed",
        "Direct-payment holders and self-funders"), None),
    ("which pledges are about self funders", "self funders", (
        "Direct-payment holders and self-funders", "Asking the council to arrange care for "
        "someone who pays in full (s18(3))"), None),
    ("which pledges are about social value", "social value", (
        "Social value in care tenders", "Putting a pound value on social value commitments and "
        "evidencing delivery"), None),
    ("which pledges are about extensions", "extensions", _EXTENSIONS, 12),
    ("is there a pledge about contract extensions", "contract extensions", _EXTENSIONS, 12),
])
def test_no_commitment_on_a_topic_keeps_the_entries_offered_for_it(
    router: Router, factory: sessionmaker[Session], sam: int, text: str, topic: str,
    offered: tuple[str, str], nearest: int | None
) -> None:
    replies = _say(router, text)
    said = "\n".join(reply.text for reply in replies)
    assert said.startswith(
        f"I can't find a commitment about {topic} in the pledge's own words."), said
    named = re.findall(r"The nearest may be commitment (\d+)", said)
    assert named == ([str(nearest)] if nearest is not None else []), said
    labels = tuple(button.label for reply in replies for button in reply.buttons)
    assert labels[:2] == offered, said
    assert "I've noted your question" not in said, said
    assert [gap.question for gap in knowledge_gaps(factory)] == []


# Session 46's review: "X and Y" where X is on commitments and Y a word the knowledge base
# knows but no commitment carries was read as one topic, and the bot denied any commitment was
# about X. X's commitments are listed, and none is said to be about Y.
@pytest.mark.parametrize(("topic", "listed", "numbers", "not_about"), [
    ("fees and wages", "fees", TOPIC_COMMITMENTS["fees"], "wages"),
    ("payment and wages", "payment", TOPIC_COMMITMENTS["payment"], "wages"),
    ("reviews and inflation", "reviews", TOPIC_COMMITMENTS["reviews"], "inflation"),
    ("feedback and top ups", "feedback", TOPIC_COMMITMENTS["feedback"], "top ups"),
    ("contracts and extensions", "contracts", TOPIC_COMMITMENTS["contracts"], "extensions"),
])
def test_a_topic_and_one_no_commitment_carries_lists_the_first_and_says_so_of_the_other(
    router: Router, sam: int, topic: str, listed: str, numbers: list[int], not_about: str
) -> None:
    replies = _say(router, f"which pledges are about {topic}")
    lines = replies[0].text.splitlines()
    assert lines[0] == f"The pledge's commitments on {listed}:", replies[0].text
    assert [int(line.split(".")[0]) for line in lines if line[:1].isdigit()] == numbers
    assert any(line.startswith(f"No commitment is about {not_about}.") for line in lines), (
        replies[0].text)
    assert "I can't find a commitment" not in replies[0].text


# Session 46's review: "is there a pledge on fees" said no commitment is about fees, where
# "which pledges are about fees" lists five.
@pytest.mark.parametrize("text", ["is there a pledge on fees", "is there a pledge about fees"])
def test_is_there_a_pledge_on_a_topic_lists_what_which_pledges_lists(
    router: Router, sam: int, text: str
) -> None:
    [reply] = _say(router, text)
    lines = reply.text.splitlines()
    assert lines[0] == "The pledge's commitments on fees:", reply.text
    assert [int(line.split(".")[0]) for line in lines if line[:1].isdigit()] == (
        TOPIC_COMMITMENTS["fees"])

def _admin(factory: sessionmaker[Session]) -> int:
    return make_person(factory, email="dana@northshire.example", role=Role.ADMIN)


@pytest.fixture
def council_kb(tmp_path: Path) -> Path:
    """The council's own knowledge folder, empty: where teaching writes taught.yaml."""
    folder = tmp_path / "council-kb"
    folder.mkdir()
    return folder


@pytest.fixture
def teach_router(factory: sessionmaker[Session], database_url: str, council_kb: Path) -> Router:
    """A router answering from the packaged knowledge and the council's folder."""
    return _router(factory, database_url, Answerer(KnowledgeBase([PACKAGED, council_kb])),
                   knowledge_dir=council_kb)


def test_an_admin_teaches_from_chat_and_the_asker_who_opted_in_is_told(
    factory: sessionmaker[Session], sam: int, teach_router: Router, council_kb: Path
) -> None:
    _admin(factory)
    question = "who signs off the purchase orders for our invoices"
    [unknown] = _say(teach_router, question)
    assert unknown.text.startswith("I don't know the answer to that")
    handover, tell_me = unknown.buttons
    assert (handover.action, tell_me.label) == (
        "answer.handover", "Tell me when someone answers")
    [noted] = _say(teach_router, action=tell_me.action, action_value=tell_me.value)
    # Session 25's trial: a manager took it that a person was on it; nobody is.
    assert noted.text == ("I'll tell you here when the council teaches me the answer to this "
                          "question. That may take a while, and nobody is asked to reply: for a "
                          'person\'s answer now, press "Ask a commissioner".')
    [taught] = teach_router.handle(make_incoming(
        f"/teach payment-terms-late-payment {question}", sender="dana@northshire.example"))
    assert taught.text == (f'Taught: "{question}" is now answered with '
                           'payment-terms-late-payment ("Council payment terms and late '
                           'payment"). 1 person has been told the answer.')
    assert "taught_by: dana@northshire.example" in (council_kb / "taught.yaml").read_text()
    with factory() as session:
        [told] = session.scalars(select(OutboxMessage)).all()
        [asked] = session.scalars(select(Question)).all()
    assert told.payload["text"].startswith(f'You asked "{question}" on ')
    assert "Council payment terms and late payment" in told.payload["text"]
    assert asked.answer_wanted is False
    # Live at once: the same question is now answered, in this process, without a restart.
    [again] = _say(teach_router, question)
    assert again.text.startswith("Council payment terms and late payment\n")


def test_teach_in_chat_takes_the_command_lines_order_too(
    factory: sessionmaker[Session], sam: int, teach_router: Router, council_kb: Path
) -> None:
    # Session 25's trial: "/teach QUESTION ENTRY_ID", as `pledgebot kb teach` is written, was
    # "There is no entry "can"".
    _admin(factory)
    [taught] = teach_router.handle(make_incoming(
        '/teach "who signs off the purchase orders for our invoices" '
        "payment-terms-late-payment", sender="dana@northshire.example"))
    assert taught.text.startswith('Taught: "who signs off the purchase orders for our '
                                  'invoices" is now answered with payment-terms-late-payment')
    # Quoted, a first word close to an entry id is still the question's (a second review).
    [again] = teach_router.handle(make_incoming(
        '/teach "insurance for volunteer drivers" mileage-and-motor-insurance',
        sender="dana@northshire.example"))
    assert again.text.startswith('Taught: "insurance for volunteer drivers" is now answered '
                                 "with mileage-and-motor-insurance")
    # Session 37's trial: the line `kb gaps` offered held "Mrs J. S.", which would have
    # been written into the council's knowledge folder.
    before = (council_kb / "taught.yaml").read_text()
    [refused] = teach_router.handle(make_incoming(
        '/teach "can Mrs J. S. at [placement] have her hours increased" pledge-26',
        sender="dana@northshire.example"))
    assert refused.text.startswith(
        "A taught question is kept in the council's knowledge folder, so it must not point to "
        'anyone: that one holds "Mrs J. S.". Put it without them')
    assert (council_kb / "taught.yaml").read_text() == before


def _waiting_to_be_told(factory: sessionmaker[Session], teach_router: Router) -> str:
    """An admin (Dana), and Sam's question the bot could not answer, with "Tell me when
    someone answers" pressed; the question."""
    _admin(factory)
    question = "who signs off the purchase orders for our invoices"
    [unknown] = _say(teach_router, question)
    _say(teach_router, action=unknown.buttons[1].action, action_value=unknown.buttons[1].value)
    return question


def test_teaching_the_same_words_to_another_entry_corrects_the_asker_told_before(
    factory: sessionmaker[Session], sam: int, teach_router: Router, council_kb: Path
) -> None:
    # Session 21's review: taught to a wrong entry, the asker was told it at once; the
    # correction, taught from the command line, never reached them.
    question = _waiting_to_be_told(factory, teach_router)
    teach_router.handle(make_incoming(f"/teach pledge-27 {question}",
                                      sender="dana@northshire.example"))
    [corrected] = teach_router.handle(make_incoming(
        f"/teach council-invoice-on-hold {question}", sender="dana@northshire.example"))
    assert corrected.text.endswith(
        "1 person told an earlier answer has been sent this one.")
    with factory() as session:
        first, second = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
    assert first.payload["text"].startswith(f'You asked "{question}"')
    assert second.payload["text"].startswith(
        f'A correction to the answer I sent you for "{question}"')
    assert "Invoices put on hold or queried" in second.payload["text"]
    # Taught again to the same entry: nobody is told twice.
    [again] = teach_router.handle(make_incoming(
        f"/teach council-invoice-on-hold {question}", sender="dana@northshire.example"))
    assert "been sent" not in again.text
    with factory() as session:
        assert len(session.scalars(select(OutboxMessage)).all()) == 2
    # Back to the first entry: corrected again (the session's own code review).
    [back] = teach_router.handle(make_incoming(f"/teach pledge-27 {question}",
                                               sender="dana@northshire.example"))
    assert back.text.endswith("1 person told an earlier answer has been sent this one.")
    with factory() as session:
        *_, last = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
    assert last.payload["text"].startswith(
        f'A correction to the answer I sent you for "{question}"')
    assert last.idempotency_key.endswith(":taught:pledge-27:2")


def test_teaching_none_tells_the_asker_waiting_to_ask_a_person(
    factory: sessionmaker[Session], sam: int, teach_router: Router, council_kb: Path
) -> None:
    # Session 21's review: taught to no entry, the asker who pressed "Tell me when someone
    # answers" was never told and kept waiting.
    question = _waiting_to_be_told(factory, teach_router)
    [taught] = teach_router.handle(make_incoming(f"/teach none {question}",
                                                 sender="dana@northshire.example"))
    assert taught.text.endswith("1 person waiting for an answer was told to ask a person.")
    with factory() as session:
        [told] = session.scalars(select(OutboxMessage)).all()
        [asked] = session.scalars(select(Question)).all()
    assert "it is one for a person to answer, not me" in told.payload["text"]
    [button] = told.payload["buttons"]
    assert (button["label"], button["value"]) == ("Ask a commissioner", str(asked.id))
    assert asked.answer_wanted is False
    # The button hands the question to a person, as the one under the answer does.
    [handed] = _say(teach_router, action=button["action"], action_value=button["value"])
    assert "passed your question" in handed.text


WRONGLY_ANSWERED = "how do we apply for a skilled worker sponsor licence"


def test_an_admin_hands_a_wrongly_answered_question_to_a_person(
    factory: sessionmaker[Session], sam: int, teach_router: Router, council_kb: Path
) -> None:
    # The sponsorship entry is about sponsoring carers, not how to apply for the licence; the
    # bot answered it anyway (since session 15 it offers it, leaning to it) until an admin
    # taught the question to no entry.
    _admin(factory)
    [before] = _say(teach_router, WRONGLY_ANSWERED)
    assert before.text.startswith(
        ("Sponsoring care workers from overseas",
         'I think you mean "Sponsoring care workers from overseas'))
    [taught] = teach_router.handle(make_incoming(
        f"/teach NONE {WRONGLY_ANSWERED}", sender="dana@northshire.example"))
    assert taught.text == (f'Taught: "{WRONGLY_ANSWERED}" now gets "I don\'t know" and "Ask a '
                           'commissioner" (no entry answers it).')
    assert "entry: none" in (council_kb / "taught.yaml").read_text()
    # Live at once, for the same words in any case or punctuation: "I don't know", and a person.
    [after] = _say(teach_router, "How do we apply for a Skilled Worker sponsor licence?")
    assert after.text.startswith("I don't know the answer to that")
    assert "Ask a commissioner" in [button.label for button in after.buttons]
    # Other questions on the topic are still answered from the entry.
    [other] = _say(teach_router, "can care homes sponsor overseas care workers")
    assert other.text.startswith("Sponsoring care workers from overseas")


@pytest.mark.parametrize(("command", "start"), [
    ("/teach no-such-entry how do we get paid", 'There is no entry "no-such-entry". '
     "`pledgebot kb list` lists every entry id."),
    # Session 25's trial: a mistyped id got no suggestion.
    ("/teach payment-terms-late-paymnt how do we get paid", 'There is no entry '
     '"payment-terms-late-paymnt". Did you mean "payment-terms-late-payment"? Nothing was '
     "changed."),
    # ... even when the question's last word is an entry id (session 25's review).
    ("/teach insurnace do we need public liability insurance", 'There is no entry '
     '"insurnace". Did you mean "insurance"? Nothing was changed.'),
    ("/teach payment-terms-late-payment " + "x" * 301, "A question to teach must be 3 to 300"),
    ("/teach payment-terms-late-payment", "Usage: /teach ENTRY_ID QUESTION"),
])
def test_teaching_refuses_bad_input_and_changes_nothing(
    factory: sessionmaker[Session], teach_router: Router, council_kb: Path, command: str,
    start: str,
) -> None:
    _admin(factory)
    [reply] = teach_router.handle(make_incoming(command, sender="dana@northshire.example"))
    assert reply.text.startswith(start)
    assert not (council_kb / "taught.yaml").exists()


def test_only_admins_may_teach(sam: int, teach_router: Router, council_kb: Path) -> None:
    [reply] = _say(teach_router, "/teach payment-terms-late-payment when do we get paid")
    assert "admins" in reply.text
    assert not (council_kb / "taught.yaml").exists()


@pytest.mark.parametrize("signed", [
    "how long is the standstill period? Kind regards, Jo",
    "how long is the standstill period?\nMany thanks\nSam Patel\nRegistered Manager\n"
    "Riverside Care Homes\n01234 567890",
    "how long is the standstill period? Thanks, Jo Bloggs. Sent from my iPhone",
])
def test_a_sign_off_after_the_question_is_neither_answered_nor_kept(
    router: Router, factory: sessionmaker[Session], sam: int, signed: str
) -> None:
    # Session 36's trial: "how long is the standstill? Kind regards, Jo" was "I don't know".
    [reply] = _say(router, signed)
    assert reply.text.startswith("Standstill periods and challenging an award\n")
    assert "initials" not in reply.text  # the writer's name is not someone's in care
    [question] = _questions(factory)
    assert (question.text, question.mode) == ("how long is the standstill period?", "answer")


@pytest.mark.parametrize(("text", "first", "mode"), [
    # Session 37's trial: each was "I don't know", the question alone answered.
    ("Hi Priya, quick q on invoices - how long does the council have to pay us",
     "Council payment terms and late payment", "answer"),
    ("Dear pledgebot, I'm the CEO of a small charity. What does the pledge actually promise "
     "us? Many thanks, Ruth", "The Pledge to Work Together is a voluntary protocol", "answer"),
    ("what does the pledge promise providers",
     "The Pledge to Work Together is a voluntary protocol", "answer"),
    # A reference is no word of the question (without it, placement reviews were found).
    ("our 3 month review for RC-014 is way overdue, nobody from the council has come out. "
     "what can i do?", 'I think you mean "Care Act reviews of placements and care plans"',
     "choose"),
    ("Hello, we just heard we lost the home care tender NCC-HC-2027. How do we challenge "
     "this and how long have we got? Kind regards, Alex",
     'I think you mean "Standstill periods and challenging an award"', "choose"),
    # The challenge's time limit is the law's, in the entry (was: asked for a fact it lacks).
    ("how do we challenge a tender decision and how long have we got?",
     "Standstill periods and challenging an award", None),
])
def test_a_salutation_framing_or_reference_does_not_stop_the_answer(
    router: Router, factory: sessionmaker[Session], sam: int, text: str, first: str,
    mode: str | None
) -> None:
    [reply] = _say(router, text)
    assert first in reply.text.split("\n")[0], reply.text
    questions = _questions(factory)
    if mode is not None and questions:
        assert questions[-1].mode in (mode, "pledge_list")


@pytest.mark.parametrize("preamble", [
    "quick one, ", "Quick question - ", "sorry to bother you but ", "hi, quick one: ",
    "I've got a question: "])
def test_a_preamble_before_the_question_does_not_stop_the_answer(
    router: Router, factory: sessionmaker[Session], sam: int, preamble: str
) -> None:
    # Session 20 (a review of the console demo): "quick one, how long is the standstill
    # period?" was "I don't know"; without "quick one," it was answered.
    [reply] = _say(router, preamble + "how long is the standstill period?")
    assert reply.text.split("\n")[0] == "Standstill periods and challenging an award"
    [question] = _questions(factory)
    assert question.text == preamble + "how long is the standstill period?"  # kept as typed
    assert (question.mode, question.entry_id) == ("answer", "standstill-challenges")


@pytest.mark.parametrize("preamble", [
    "hi im new in finance, ", "Hello, I'm new here - ", "hiya, I am fairly new to the role, ",
    "Good morning. I'm new at Riverside and ", "hey, hope you're well, "])
def test_a_greeting_or_a_word_about_the_writer_before_the_question_does_not_move_the_answer(
    router: Router, factory: sessionmaker[Session], sam: int, preamble: str
) -> None:
    # Session 33's trial: "hi im new in finance, how long has the council got to pay an
    # invoice?" offered "Invoices put on hold"; without its first clause it was answered.
    [reply] = _say(router, preamble + "when does the council have to pay our invoices by?")
    assert reply.text.split("\n")[0] == "Council payment terms and late payment"
    [question] = _questions(factory)
    assert (question.mode, question.entry_id) == ("answer", "payment-terms-late-payment")


def test_when_the_placement_review_is_due_leads_with_the_pledges_three_months(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 21's review: "I don't know"; then the Care Act entry, whose first lines give 12
    # months: the pledge's initial three-month review comes first, the Care Act entry beside it.
    [reply] = _say(router, "when is the placement review due")
    assert [b.label for b in reply.buttons][:2] == [
        "Initial three-month placement review", "Care Act reviews of placements and care plans"]


def test_text_speak_is_read_as_the_words_it_stands_for(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 21's review: "when shud council pay my invoce" was "I don't know".
    [reply] = _say(router, "when shud council pay my invoce")
    assert reply.buttons[0].label == "Council payment terms and late payment"
    [asked] = _questions(factory)
    assert asked.mode == "choose"


@pytest.mark.parametrize("words", [
    "our bid was neglected",
    "the council has been neglecting the market",
    "we feel our tender was neglected by the evaluators",
])
def test_a_figurative_harm_verb_is_not_searched_for(
    router: Router, factory: sessionmaker[Session], sam: int, words: str
) -> None:
    # Session 21's review: "our bid was neglected" offered "Self-neglect and hoarding".
    [reply] = _say(router, words)
    offered = " ".join([reply.text, *(b.label for b in reply.buttons)])
    assert "neglect" not in offered.lower()
    with factory() as session:
        assert session.scalars(select(Case)).all() == []  # no concern, no case


def test_the_topic_words_of_harm_are_still_searched(router: Router, sam: int) -> None:
    [reply] = _say(router, "what is self-neglect")
    assert reply.text.split("\n")[0] == "Self-neglect and hoarding"


def test_a_commissioner_who_asks_what_the_bot_cannot_answer_is_offered_a_colleague(
    router: Router, factory: sessionmaker[Session]
) -> None:
    # Session 22's review: a commissioner was told to "press Ask a commissioner" for a person
    # at the council, as if from outside it.
    make_commissioner(factory, "priya@northshire.example", name="Priya Shah")
    [reply] = router.handle(make_incoming("what colour is the sky",
                                          sender="priya@northshire.example"))
    assert reply.text.splitlines()[1] == (
        "If you'd like a colleague to answer it, press \"Ask a colleague\".")
    assert [b.label for b in reply.buttons] == ["Ask a colleague", "Tell me when someone answers"]


def test_council_staff_are_told_to_press_the_button_they_see(
    factory: sessionmaker[Session], sam: int, teach_router: Router, council_kb: Path
) -> None:
    # Session 31's review: council staff were told to press "Ask a commissioner" above a
    # button that says "Ask a colleague".
    _admin(factory)
    make_commissioner(factory, "priya@northshire.example", name="Priya Shah")
    priya = "priya@northshire.example"
    for words in ("can I speak to a person?", "\u00bfCu\u00e1ndo me pagan la factura?",
                  "who signs off the purchase orders for our invoices"):
        [reply] = teach_router.handle(make_incoming(words, sender=priya))
        assert "Ask a commissioner" not in reply.text, (words, reply.text)
        if reply.buttons:
            assert "Ask a colleague" in [b.label for b in reply.buttons], words
        assert 'press "Ask a colleague"' in reply.text, (words, reply.text)
    wanted = reply.buttons[1]
    teach_router.handle(make_incoming(sender=priya, action=wanted.action,
                                      action_value=wanted.value))
    teach_router.handle(make_incoming(
        "/teach none who signs off the purchase orders for our invoices",
        sender="dana@northshire.example"))
    with factory() as session:
        [told] = session.scalars(select(OutboxMessage)).all()
    assert 'Press "Ask a colleague" and one will reply to you.' in told.payload["text"]
    assert [b["label"] for b in told.payload["buttons"]] == ["Ask a colleague"]


def test_a_commissioner_is_answered_in_words_for_the_council_and_offered_a_colleague(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 31's trial: a commissioner was offered "Ask a commissioner" under an answer, and
    # read "whether your council uses it" in an answer written for providers.
    make_commissioner(factory, "priya@northshire.example", name="Priya Shah")
    question = "How does ECM work for home care?"
    [provider] = _say(router, question)
    [staff] = router.handle(make_incoming(question, sender="priya@northshire.example"))
    assert provider.text.splitlines()[0] == "Electronic call monitoring (ECM) in home care"
    assert "whether your council uses it" in provider.text
    assert staff.text.splitlines()[0] == (
        "Electronic call monitoring (ECM) in home care (written for providers)")
    assert "whether the council uses it" in staff.text
    assert [b.label for b in staff.buttons] == ["More", "Helpful", "Not helpful",
                                                "Ask a colleague"]
    [unhelpful] = router.handle(make_incoming(
        sender="priya@northshire.example", action="answer.unhelpful",
        action_value=staff.buttons[1].value))
    assert unhelpful.text.endswith('press "Ask a colleague".')
    assert [b.label for b in unhelpful.buttons] == ["Ask a colleague"]


@pytest.mark.parametrize(("words", "named"), [
    ("we feel bullied by the commissioning team", True),
    # (Session 42: "the council never replies to our emails about fees" and "the tender
    # evaluation was rigged" are venting, heard before the knowledge base is asked, with
    # /feedback and /conflict: tests/handlers/talk/test_venting.py.)
    # Session 22's review: raised as an urgent safeguarding case and the hub alerted.
    ("our staff were verbally abused by the commissioner", True),
    ("the contracts officer bullied my deputy at the provider forum", True),
    # Session 30's trial: "I don't know" alone.
    ("the council's late payments are an abuse of the pledge, we've been hit hard by the 60 day "
     "delays", True),
    ("we were hit with a 20% cut in hourly rate", True),
    ("the social worker was really aggressive with our deputy manager", True),
    ("what colour is the sky", False),
])
def test_a_grievance_the_knowledge_base_cannot_answer_names_conflict(
    router: Router, factory: sessionmaker[Session], sam: int, words: str, named: bool
) -> None:
    # Session 20's review: "we feel bullied by the commissioning team" got only "I don't know".
    [reply] = _say(router, words)
    assert reply.text.startswith("I don't know the answer to that")
    assert ("/conflict records it as a case" in reply.text) is named
    assert [b.label for b in reply.buttons] == ["Ask a commissioner",
                                                "Tell me when someone answers"]
    with factory() as session:
        assert session.scalars(select(Case)).all() == []  # no concern, no case


NAMES_NOTE = ("I've kept the name as initials. Please use the placement reference (such as "
              "RC-104), never the name of a person you support.")


@pytest.mark.parametrize(("text", "noted"), [
    # Session 30's trial: kept as initials, and nobody was told.
    ("can Mrs Smith in RC-0042 have her hours increased after her stroke?", True),
    ("Patricia Holmes at RC-0042 needs more hours, who pays?", True),
    ("how long is the standstill period?", False),
    ("what are the fees at Elizabeth House?", False),
])
def test_a_question_naming_someone_is_told_to_use_references(
        router: Router, factory: sessionmaker[Session], sam: int, text: str,
        noted: bool) -> None:
    [reply] = _say(router, text)
    assert reply.text.endswith(NAMES_NOTE) is noted
    assert reply.text.count(NAMES_NOTE) == int(noted)


@pytest.mark.parametrize(("text", "kept"), [
    # Session 25's trial: the name reached `kb gaps` and the `kb teach` line it offers.
    ("does the council have to review Mrs Patricia Holmes package after her fall at RC-0042?",
     "does the council have to review Mrs P. H. package after her fall at RC-0042?"),
    ("Patricia Holmes at RC-0042 needs more hours, who pays?",
     "P. H. at RC-0042 needs more hours, who pays?"),
    ("can Mr B at RC-0042 have a review early?", "can Mr B at RC-0042 have a review early?"),
    ("what are the fees at Elizabeth House?", "what are the fees at Elizabeth House?"),
])
def test_a_question_is_kept_with_initials_for_a_name(
        router: Router, factory: sessionmaker[Session], sam: int, text: str,
        kept: str) -> None:
    _say(router, text)
    assert [question.text for question in _questions(factory)] == [kept]


@pytest.mark.parametrize(("text", "kept"), [
    # Session 32's trial: council staff named were taken for people receiving care ("I've kept
    # the name as initials..."), and `kb gaps` showed "can P. S. tell me".
    ("can Priya Shah tell me when the uplift will be paid",
     "can Priya Shah tell me when the uplift will be paid"),
    # (The sign-off is not kept since session 36: the writer's name goes with it.)
    ("Hi Tom Okafor, thanks for the meeting today, can you confirm when the new framework "
     "starts? Regards, Sam",
     "Hi Tom Okafor, thanks for the meeting today, can you confirm when the new framework "
     "starts?"),
    # Someone else beside them is still cut to initials, and noted.
    ("can Priya Shah review Patricia Holmes at RC-0042 early?",
     "can Priya Shah review P. H. at RC-0042 early?"),
    # The session's review: a resident who shares a staff member's name, or another
    # provider's user's, was kept as typed.
    ("our resident Tom Okafor in RC-101 needs more hours, can we get them?",
     "our resident T. O. in RC-101 needs more hours, can we get them?"),
    ("my client Alex Morgan in RC-102 needs a review, who do I ask?",
     "my client A. M. in RC-102 needs a review, who do I ask?"),
    # Session 33's brief: a staff member's first name alone was cut ("P. said ..."); kept now,
    # but never a resident's or a client's who shares it, nor another provider's user's.
    ("Priya said the uplift would be paid in December, when will it be?",
     "Priya said the uplift would be paid in December, when will it be?"),
    ("our resident Priya in RC-101 needs more hours, can we get them?",
     "our resident P. in RC-101 needs more hours, can we get them?"),
    ("Alex said the fees go up in April, is that right?",
     "A. said the fees go up in April, is that right?"),
])
def test_the_names_of_people_in_the_directory_are_kept_as_typed(
        router: Router, factory: sessionmaker[Session], sam: int, text: str,
        kept: str) -> None:
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    for email, name in (("priya.shah@northshire.example", "Priya Shah"),
                        ("tom.okafor@northshire.example", "Tom Okafor")):
        make_person(factory, email=email, role=Role.COMMISSIONER, organisation_id=council,
                    name=name)
    hillview = make_organisation(factory, "Hillview", OrganisationKind.PROVIDER)
    make_person(factory, email="alex.morgan@hillview.example", role=Role.PROVIDER,
                organisation_id=hillview, name="Alex Morgan")
    [reply] = _say(router, text)
    assert reply.text.endswith(NAMES_NOTE) is (kept != without_signoff(text))
    assert [question.text for question in _questions(factory)] == [kept]


def test_a_short_follow_up_is_asked_with_the_last_question(
        router: Router, factory: sessionmaker[Session], sam: int) -> None:
    # Session 25's trial: "and for home care?" after an answer was "I don't know" every time.
    [alone] = _say(router, "and for home care?")
    assert alone.text.startswith("I don't know the answer to that")
    [first] = _say(router, "how long is standstill")
    assert first.text.startswith("Standstill periods and challenging an award\n")
    [follow] = _say(router, "and for home care?")
    assert follow.text.startswith("Standstill periods and challenging an award\n")
    # A follow-up the knowledge base places on its own is its own question; a new question is
    # never joined to the last (a second review: "what about safeguarding training" was asked
    # as "how long is standstill safeguarding training").
    [own] = _say(router, "what about safeguarding training")
    assert own.text.startswith("Safeguarding training for care staff\n")
    # Kept as typed, with the question it follows; a follow-up of a follow-up follows the
    # same question, not "how long is standstill for home care for ...".
    _say(router, "how long is standstill")
    _say(router, "and for home care?")
    _say(router, "and in wales?")
    texts = [q.text for q in _questions(factory)]
    assert texts[:4] == ["and for home care?", "how long is standstill",
                         "and for home care? (after: how long is standstill)",
                         "what about safeguarding training"]
    assert texts[6] in ("and in wales? (after: how long is standstill)", "and in wales?")
    # Not after a question handed to a person, and not half an hour later.
    _say(router, "what does leeds pay for residential care")
    [after_leeds] = _say(router, "and for home care?")
    assert after_leeds.text.startswith("I don't know the answer to that")
    _say(router, "how long is standstill")
    with transaction(factory) as session:
        for question in session.scalars(select(Question)):
            question.asked_at = FIXED_NOW - timedelta(minutes=31)
    [later] = _say(router, "and for home care?")
    assert later.text.startswith("I don't know the answer to that")
    assert _questions(factory)[-1].text == "and for home care?"


def test_a_question_about_the_councils_own_practice_points_to_the_general_rules(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 26's trial: "do you pay for travel time between calls" got a bare "I don't
    # know", though the knowledge base holds the rules on travel time. It is still a question
    # for a person (the council's own practice), with the general rules one press away.
    [reply] = _say(router, "do you pay for travel time between calls")
    assert reply.text.startswith(
        "That depends on the council's own practice, so I'd rather a person answered it than "
        'guess. I\'ve noted your question. The general rules are under "Travel time between '
        'home-care visits".')
    assert [b.label for b in reply.buttons] == [
        "Travel time between home-care visits", "Ask a commissioner",
        "Tell me when someone answers"]
    [question] = _questions(factory)
    assert (question.mode, question.answered, question.entry_id) == (
        "general", False, "travel-time-home-care")
    [shown] = _say(router, action=reply.buttons[0].action, action_value=reply.buttons[0].value)
    assert shown.text.startswith("Travel time between home-care visits\nYour care workers "
                                 "must be paid for it: travel between visits is working time")
    # A question nothing answers is a plain "I don't know", with no entry offered.
    [unknown] = _say(router, "what is the meaning of life")
    assert unknown.text.startswith("I don't know the answer to that")
    assert [b.label for b in unknown.buttons] == ["Ask a commissioner",
                                                  "Tell me when someone answers"]


def test_travel_time_is_answered_for_the_workers_pay_and_the_councils_rate_both(
    router: Router, sam: int
) -> None:
    # Session 35's trial: "do we get paid for travel time between calls" (a manager asking
    # whether the council pays the agency) opened "Yes: time a care worker spends travelling
    # ... is working time", read as "the council pays it".
    [reply] = _say(router, "do we get paid for travel time between calls")
    title, lead = reply.text.splitlines()[:2]
    assert title == "Travel time between home-care visits"
    assert not lead.startswith(("Yes", "No"))
    assert "minimum wage" in lead
    assert ("Whether the council pays your agency for it depends on its contract and fee "
            "rates: ask your commissioner.") in lead


@pytest.mark.parametrize(("text", "title"), [
    ("we lost the tender, what feedback are we entitled to",
     "Feedback after a tender and assessment summaries"),
    ("pledge 28", "Detailed feedback for unsuccessful bidders"),
])
def test_the_feedback_owed_after_a_lost_bid_gives_the_reminders_clock(
    router: Router, sam: int, text: str, title: str
) -> None:
    # Session 35's trial: the answers never said the 5 working days the bot's own
    # bid-feedback reminders count (scheduler.rules, "bid-feedback").
    [reply] = _say(router, text)
    assert reply.text.startswith(title + "\n")
    [more] = _say(router, action="answer.more", action_value=reply.buttons[0].value)
    # As the bot's own clock, never as pledge 28's words (the commitment sets no days).
    said = re.compile(r"5 working days (?:of|from) the award")
    assert said.search(more.text) or said.search(reply.text), more.text
    assert "Pledge 28 promises" not in more.text or "It sets no days" in more.text


def test_pressing_the_general_rules_leaves_the_question_a_gap_for_the_council(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 27: pressing the general rules was kept as "picked", as if the entry had
    # answered it, and `kb gaps` offered to teach the council's question to the general entry.
    [reply] = _say(router, "do you pay for travel time between calls")
    general = reply.buttons[0]
    [shown] = _say(router, action=general.action, action_value=general.value)
    assert shown.text.startswith("Travel time between home-care visits\n")
    [question] = _questions(factory)
    # Still unanswered: only the council knows what it pays; the general entry was shown.
    assert (question.mode, question.answered, question.entry_id) == (
        "general", False, "travel-time-home-care")
    [gap] = knowledge_gaps(factory)
    assert (gap.question, gap.reason, gap.picked, gap.general) == (
        "do you pay for travel time between calls", "unanswered", None,
        "travel-time-home-care")
    with factory() as session:
        actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-1] == "question.general_shown"


@pytest.mark.parametrize(("linked", "asked"), [
    (True, "You work with more than one council: which council should I tell?"),
    (False, "You aren't linked to a council in pledgebot yet, so I don't know which council "
            "should hear it. Which council should I tell?"),
])
def test_a_death_told_asks_which_council_to_tell_not_which_the_question_is_for(
    router: Router, factory: sessionmaker[Session], sam: int, linked: bool, asked: str
) -> None:
    # Session 28's review: "Tell the council" after a death asked "which one is your question
    # for?".
    ids = _two_councils(factory)
    if linked:
        with transaction(factory) as session:
            provider = session.get_one(Person, sam).organisation_id
            session.add_all([Placement(reference=reference, provider_id=provider,
                                       council_id=ids[council], commissioner_id=ids[person],
                                       provider_contact_id=sam, started_on=FIXED_NOW.date())
                             for reference, council, person in (
                                 ("RC-1", "Northshire", "Priya Shah"),
                                 ("RC-2", "Southshire", "Tom Reed"))])
    [condolence] = _say(router, "RC-2 passed away last night")
    assert condolence.text.startswith("I'm so sorry to hear of this death."), condolence.text
    [which] = _say(router, action=condolence.buttons[0].action,
                   action_value=condolence.buttons[0].value)
    assert which.text == asked
    assert [b.label for b in which.buttons] == ["Northshire", "Southshire"]


def test_a_commissioner_commenting_on_a_question_is_told_it_stays_open_until_resolved(
    factory: sessionmaker[Session], sam: int, database_url: str, answerer: Answerer
) -> None:
    # Session 33's trial: Priya answered with /case REF comment, as the hand-over told her,
    # and the question went up the ladder a week later as not resolved; nobody had said so.
    router = _router(factory, database_url, answerer,
                     questions_contact="priya@northshire.example")
    make_commissioner(factory, "priya@northshire.example", name="Priya Shah")
    [answer] = _say(router, "tell me a joke")
    _say(router, action=answer.buttons[0].action, action_value=answer.buttons[0].value)
    [reply] = router.handle(make_incoming("/case PB-2026-000001 comment Which kind of joke?",
                                          sender="priya@northshire.example"))
    with factory() as session:
        whose = session.get_one(Person, sam).organisation.name
    assert reply.text == (
        f"Comment added to PB-2026-000001; {whose} (the provider) is told. The question "
        "stays open until you close it with /case PB-2026-000001 resolve YOUR ANSWER (due Wed 9 "
        "Dec 2026 17:00). For a note only council staff read: /case PB-2026-000001 note TEXT")
    [resolved] = router.handle(make_incoming("/case PB-2026-000001 resolve A knock-knock one",
                                             sender="priya@northshire.example"))
    assert resolved.text.startswith("PB-2026-000001 is resolved.")
    with factory() as session:
        assert session.scalars(select(Case.status)).one() == CaseStatus.RESOLVED


@pytest.mark.parametrize("text", [
    # Session 33's trial: "how lnog does the council have to pay" was "I don't know".
    "how lnog does the council have to pay us",
    "how olng has the council got to pay",
])
def test_a_typo_in_how_long_is_read_as_the_words_it_stands_for(
    router: Router, factory: sessionmaker[Session], sam: int, text: str
) -> None:
    [reply] = _say(router, text)
    assert reply.buttons[0].label == "Council payment terms and late payment"
    [asked] = _questions(factory)
    assert asked.answered


def test_two_questions_in_one_message_get_an_answer_each(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 33's trial: "any tips? also what is social value" was "I don't know" as a whole.
    standstill, tupe = _say(router, "how long is the standstill period? and what is TUPE")
    assert standstill.text.splitlines()[:2] == [
        'On "how long is the standstill period?":',
        "Standstill periods and challenging an award"]
    assert standstill.text.splitlines()[-1] == (
        'Source: pledgebot FAQ, "Standstill periods and challenging an award"')
    assert tupe.text.splitlines()[:2] == [
        'On "what is TUPE":', "TUPE when care contracts are re-tendered"]
    assert [(q.text, q.mode, q.entry_id) for q in _questions(factory)] == [
        ("how long is the standstill period?", "answer", "standstill-challenges"),
        ("what is TUPE", "answer", "tupe")]


def test_a_part_of_a_message_no_entry_answers_is_said_and_kept_as_a_gap(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    answered, unknown = _say(router, "what is social value? also can my dog come to the "
                                     "team meeting")
    assert answered.text.splitlines()[1] == "Social value in care tenders"
    assert unknown.text.splitlines()[:2] == [
        'On "can my dog come to the team meeting":',
        "I don't know the answer to that, and I'd rather not guess. I've noted your question."]
    assert [b.label for b in unknown.buttons] == [
        "Ask a commissioner", "Tell me when someone answers"]
    assert [gap.question for gap in knowledge_gaps(factory)] == [
        "can my dog come to the team meeting"]


def test_a_message_whose_parts_no_entry_answers_is_one_i_dont_know(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    [reply] = _say(router, "can my dog come to the meeting? and who brings the biscuits")
    assert reply.text.startswith("I don't know the answer to that")
    [question] = _questions(factory)
    assert question.text == "can my dog come to the meeting? and who brings the biscuits"


def test_when_the_first_review_happens_leads_with_the_pledges_clock_then_the_care_acts(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 33's trial: the short answer gave the Care Act's 12 months and 6-8 weeks; the
    # pledge's own 3 months, then 6 months, were only under "More".
    [offered] = _say(router, "how soon should the first review of a placement happen")
    care_act = offered.buttons[0]
    assert care_act.label == "Care Act reviews of placements and care plans"
    [reply] = _say(router, action=care_act.action, action_value=care_act.value)
    title, lead = reply.text.split("\n")
    assert title == "Care Act reviews of placements and care plans"
    assert lead.index("within 3 months") < lead.index("every 6 months") < lead.index(
        "at least every 12 months")


def test_kb_gaps_shows_no_placement_reference_and_the_question_keeps_it_for_a_person(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 33's trial: "RC-101 has been given his tablets crushed in his tea" was listed
    # in `kb gaps` with its reference. A reference the bot has recorded in another form
    # ("FLAT7") is left out as well.
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    priya = make_commissioner(factory, "priya@northshire.example", name="Priya Shah")
    with transaction(factory) as session:
        provider = session.get_one(Person, sam).organisation_id
        session.add(Placement(reference="FLAT7", provider_id=provider, council_id=council,
                              commissioner_id=priya, provider_contact_id=sam,
                              started_on=FIXED_NOW.date()))
    for text in ("is it ok that RC-102 moved rooms without the family knowing",
                 "is it ok that rc-215 moved rooms without the family knowing",
                 "is it ok that flat7 moved rooms without the family knowing"):
        [reply] = _say(router, text)
        assert reply.text.startswith("I don't know the answer to that")
    [gap] = knowledge_gaps(factory)
    assert (gap.question, gap.count) == (
        "is it ok that [placement] moved rooms without the family knowing", 3)
    # What a person is handed keeps the reference they need.
    assert _questions(factory)[0].text == (
        "is it ok that RC-102 moved rooms without the family knowing")


def test_kb_gaps_keeps_an_invoice_number_as_typed(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 35's trial: "Invoice [placement] still outstanding". An invoice's number names
    # no one; one written after "invoice", or recorded as an invoice's, is kept as typed.
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    with transaction(factory) as session:
        provider = session.get_one(Person, sam).organisation_id
        session.add(Invoice(number="CT-0907", issuer_id=provider, payer_id=council,
                            amount_pence=100, received_on=FIXED_NOW.date()))
    # (Session 37: a reference is no word of the search; each is a question no entry answers
    # whatever its reference. Session 43: "Invoice CT-0901 still outstanding. Please advise."
    # is said to be no invoice of theirs, and kept as no gap: one that is no such question.)
    for text in ("is it ok that invoice CT-0901 was written in green ink",
                 "is it ok that CT-0907 was signed by the pledge lead in green ink",
                 "is it ok that RC-102 moved rooms without the family knowing"):
        [reply] = _say(router, text)
        assert reply.text.startswith("I don't know the answer to that"), text
    assert sorted(gap.question for gap in knowledge_gaps(factory)) == [
        "is it ok that CT-0907 was signed by the pledge lead in green ink",
        "is it ok that [placement] moved rooms without the family knowing",
        "is it ok that invoice CT-0901 was written in green ink"]


def test_kb_gaps_leaves_out_a_placement_reference_written_another_way(
    router: Router, factory: sessionmaker[Session], sam: int
) -> None:
    # Session 35's review: "invoice RC-0101 for march ..." and "invoice RC101 is for the lady
    # in [placement]" were listed with the reference as typed, RC-101 being recorded: only a
    # reference stored exactly as typed was left out (``formats.reference_key``).
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    priya = make_commissioner(factory, "priya@northshire.example", name="Priya Shah")
    with transaction(factory) as session:
        provider = session.get_one(Person, sam).organisation_id
        session.add(Placement(reference="RC-101", provider_id=provider, council_id=council,
                              commissioner_id=priya, provider_contact_id=sam,
                              started_on=FIXED_NOW.date()))
    # (Session 37: a reference is no word of the search, so the questions are ones no entry
    # answers whatever the reference.)
    for text in ("invoice RC-0101 for march went to the wrong address, is that ok",
                 "invoice rc101 is for the lady in RC-101, can we charge the top-up"):
        [reply] = _say(router, text)
        assert reply.text.startswith("I don't know the answer to that"), text
    assert sorted(gap.question for gap in knowledge_gaps(factory)) == [
        "invoice [placement] for march went to the wrong address, is that ok",
        "invoice [placement] is for the lady in [placement], can we charge the top-up"]


def test_a_long_question_handed_over_is_summed_up_between_words(
    factory: sessionmaker[Session], sam: int, database_url: str, answerer: Answerer
) -> None:
    # Session 34's brief: the case's summary, quoted when the question is resolved, was the
    # question's first 120 characters, cut mid-word.
    router = _router(factory, database_url, answerer,
                     questions_contact="priya@northshire.example")
    make_commissioner(factory, "priya@northshire.example", name="Priya Shah")
    question = ("what is the weather going to be like in leeds tomorrow afternoon when I drive "
                "over to the office about the rotas and the parking permits")
    [answer] = _say(router, question)
    _say(router, action=answer.buttons[0].action, action_value=answer.buttons[0].value)
    shown = ("what is the weather going to be like in leeds tomorrow afternoon when I drive "
             "over to the office about the rotas and…")
    with factory() as session:
        assert session.scalars(select(Case.summary)).one() == shown
    router.handle(make_incoming("/case PB-2026-000001 resolve Nobody here knows, sorry",
                                sender="priya@northshire.example"))
    with factory() as session:
        told = [message.payload["text"] for message in session.scalars(
            select(OutboxMessage).where(OutboxMessage.person_id == sam))]
    assert [text for text in told if f"your question “{shown}”" in text]


def test_a_question_naming_a_tender_goes_to_the_tenders_commissioner(
    factory: sessionmaker[Session], sam: int, database_url: str, answerer: Answerer
) -> None:
    # Session 37's trial: a question about NCC-HC-2027 went to the configured contact, Priya,
    # while Tom runs that tender.
    from tests.handlers.deadlines.support import import_tenders

    router = _router(factory, database_url, answerer,
                     questions_contact="priya@northshire.example")
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    make_commissioner(factory, "priya@northshire.example", name="Priya Shah",
                      organisation_id=council)
    tom = make_commissioner(factory, "tom@northshire.example", name="Tom Okafor",
                            organisation_id=council)
    import_tenders(factory, "reference,title,commissioner_email,published_on,clarification_on,"
                   "submission_on,standstill_end_on\nT-9,Home care,tom@northshire.example,"
                   "2026-11-20,2026-12-04,2026-12-18,2027-01-15\n", FIXED_NOW)
    [answer] = _say(router, "for the T-9 tender, is the price per hour meant to include "
                            "travel time?")
    [ask] = [b for b in answer.buttons if b.action == "answer.handover"]
    [reply] = _say(router, action=ask.action, action_value=ask.value)
    assert reply.text.startswith("Thank you. I've passed your question to Tom Okafor")
    with factory() as session:
        [alert] = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "question.handed_over")).all()
    assert alert.person_id == tom
    assert ("It is about tender T-9: an answer that clarifies the tender should be shared with "
            "every bidder.") in alert.payload["text"]
