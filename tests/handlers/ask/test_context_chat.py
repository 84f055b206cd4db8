"""A question with sentences that tell around it, as dialogs through the router (session 42's
brief): a question typed without its question mark, a sentence after it that names somewhere
else, a knowledge question about safeguarding after harmless words, a wish to raise a concern
beside a question, and a list asked for beside a question."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, CaseKind, Person, Placement, Question
from handlers.ask.questions import knowledge_gaps
from tests.factories import make_incoming
from tests.handlers.conftest import PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

RAISE = "Raise a concern now"
NO_COMMISSIONER = "I don't have a commissioner on record for you yet"


def say(router: Router, text: str = "", sender: str = SAM, **pressed: str) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender, **pressed))


def _first_lines(replies: list[Reply]) -> list[str]:
    return [next((line for line in reply.text.splitlines() if not line.startswith("On ")), "")
            for reply in replies]


def _labels(reply: Reply) -> list[str]:
    return [button.label for button in reply.buttons]


# 1. A question without its question mark after a sentence that tells.

@pytest.mark.parametrize(("text", "title"), [
    ("We have 40 beds. How long does the council have to pay invoices",
     "Council payment terms and late payment"),
    ("We run three care homes in Westbury. How long is the standstill period",
     "Standstill periods and challenging an award"),
    ("Our commissioner is lovely. What is a contract performance notice",
     "Contract performance notices (Procurement Act s71)"),
    ("We have 40 beds. how long does the council have to pay invoices.",
     "Council payment terms and late payment"),
])
def test_a_question_without_its_mark_after_a_sentence_is_offered_as_with_it(
        northshire_router: Router, factory: sessionmaker[Session], text: str,
        title: str) -> None:
    # Session 42's brief: "I don't know" without the "?", offered with it.
    [offered] = say(northshire_router, text)
    assert offered.text.startswith(f'I think you mean "{title}"'), offered.text
    assert _labels(offered)[0] == title
    assert "Ask a commissioner" in _labels(offered)
    with factory() as session:
        assert list(session.scalars(select(Question.text))) == [text]
    assert knowledge_gaps(factory) == []


@pytest.mark.parametrize("text", [
    "We are a care provider in Glasgow. How long is the standstill period",
    "One of our carers was arrested. Do we need to tell the council",
    "We are a subcontractor, our contract is with the lead provider not the council. How long "
    "does the council have to pay invoices",
    "The resident is 17 and moving over from children's services. Do we need a DoLS "
    "authorisation",
])
def test_a_question_without_its_mark_is_never_answered_outright_read_alone(
        northshire_router: Router, text: str) -> None:
    [reply] = say(northshire_router, text)
    assert reply.text.startswith(("I think you mean", "I don't know")), reply.text


# 2. A sentence after the question that tells where the asker is.

@pytest.mark.parametrize("text", [
    "How long is the standstill period? We're in Glasgow.",
    "How long is the standstill period? We are in Scotland.",
    "How long is the standstill period? Our home is registered with the Care Inspectorate.",
    "How long does the council have to pay invoices? We are based in Cardiff.",
    "How long is the standstill period? It's for a contract in Belfast.",
    "How long is the standstill period? thanks, we're in Glasgow",
    "How long is the standstill period. We're in Glasgow",
])
def test_a_place_elsewhere_told_after_the_question_is_handed_to_a_person(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Session 42's brief: answered for England, the sentence after read as a question of its
    # own ("I don't know" for it); told before the question it is "I don't know".
    [reply] = say(northshire_router, text)
    assert reply.text.startswith("I don't know the answer to that"), reply.text
    assert "Ask a commissioner" in _labels(reply)
    with factory() as session:
        assert list(session.scalars(select(Question.text))) == [text]


@pytest.mark.parametrize(("text", "title"), [
    ("How long is the standstill period? We are a small charity.",
     "Standstill periods and challenging an award"),
    ("How long does the council have to pay invoices? We are a subcontractor to the lead "
     "provider.", "Council payment terms and late payment"),
    # Answered whole before, outright. Told an age under 18 ("The resident is 17."), as this
    # was before session 42's review, it is handed to a person: DoLS is for adults (below).
    ("Do we need a DoLS authorisation? The resident is 87.",
     "Deprivation of Liberty Safeguards (DoLS)"),
])
def test_other_circumstances_told_after_the_question_are_offered_never_answered(
        northshire_router: Router, factory: sessionmaker[Session], text: str,
        title: str) -> None:
    # As told before it: the sentence may change what is asked.
    [offered] = say(northshire_router, text)
    assert offered.text.startswith(f'I think you mean "{title}"'), offered.text
    with factory() as session:
        assert list(session.scalars(select(Question.text))) == [text]


@pytest.mark.parametrize("text", [
    "How long is the standstill period? Thanks!", "How long is the standstill period? thanks",
    "how long is standstill now under the Procurement Act? thought it was 10 days.",
    "How long is the standstill period? I thought it was 10 days."])
def test_thanks_or_a_guess_after_the_question_is_answered_outright(
        northshire_router: Router, text: str) -> None:
    [answered] = say(northshire_router, text)
    assert answered.text.splitlines()[0] == "Standstill periods and challenging an award"


# 3. A knowledge question about safeguarding after harmless words.

@pytest.mark.parametrize("text", [
    "We care for people with dementia. What is DoLS?",
    "We have 40 beds. What is DoLS?",
    "We care for people with dementia. What is DoLS",
])
def test_a_knowledge_question_after_harmless_words_gets_its_entry_offered(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Session 42's brief: the safeguarding guidance; "What is DoLS?" alone gets its entry.
    [offered] = say(northshire_router, text)
    title = "Deprivation of Liberty Safeguards (DoLS)"
    assert offered.text.startswith(f'I think you mean "{title}"'), offered.text
    assert RAISE not in _labels(offered)
    with factory() as session:
        assert session.scalars(select(Case)).all() == []


def test_harm_told_before_a_knowledge_question_is_still_raised(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    replies = say(northshire_router, "We care for people with dementia. A carer hit Mrs B.")
    assert replies[0].text.startswith("This sounds like a safeguarding concern")
    with factory() as session:
        [case] = session.scalars(select(Case)).all()
    assert (case.kind, case.severity) == (CaseKind.SAFEGUARDING, "urgent")


@pytest.mark.parametrize("text", [
    "We care for people with dementia. How do I report abuse?",
    "We care for people with dementia. How do I report abuse",
    "We have 40 beds. How do I raise a safeguarding concern?",
    "We are a care home. What should I do if I suspect neglect?",
])
def test_a_how_to_report_after_harmless_words_still_gets_the_guidance(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [guided] = say(northshire_router, text)
    assert guided.text.startswith("Raising a safeguarding concern"), guided.text
    assert RAISE in _labels(guided)
    with factory() as session:
        assert session.scalars(select(Case)).all() == []


# 4. A wish to raise a concern beside a question.

def _placed_with_priya(factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    with factory() as session:
        priya = session.get_one(Person, ids[PRIYA])
        sam = session.get_one(Person, ids[SAM])
        session.add(Placement(reference="RV-0001", council_id=priya.organisation_id,
                              provider_id=sam.organisation_id, commissioner_id=priya.id,
                              provider_contact_id=sam.id, started_on=date(2026, 9, 1)))
        session.commit()


@pytest.mark.parametrize("text", [
    "I need to raise a safeguarding concern. who is my commissioner",
    "I need to raise a safeguarding concern. Who is my commissioner?",
    "i want to make a safeguarding referral. who is my commissioner",
])
def test_a_wish_to_raise_a_concern_beside_a_question_answers_both(
        northshire_router: Router, factory: sessionmaker[Session], northshire: dict[str, int],
        text: str) -> None:
    # Session 42's brief: the guidance only, as "How do I report a suspected safeguarding
    # concern? Who is my commissioner?" answers both.
    _placed_with_priya(factory, northshire)
    replies = say(northshire_router, text)
    assert _first_lines(replies) == [
        "Raising a safeguarding concern",
        "Your commissioner, from your current placements and contracts:"], replies
    assert RAISE in _labels(replies[0])
    with factory() as session:
        assert session.scalars(select(Case)).all() == []  # nothing told yet: no concern


# 5. A list asked for beside a question.

@pytest.mark.parametrize("text", [
    "show my invoices pls, and who is my commissioner",
    "show my invoices. who is my commissioner?",
    "who is my commissioner? and show my invoices",
])
def test_a_list_asked_for_beside_a_question_is_shown_and_the_question_answered(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Session 42's brief: the list was read by the knowledge base (a choice of invoice entries).
    replies = say(northshire_router, text)
    lines = _first_lines(replies)
    listed = "No unpaid invoices are recorded for you. /invoice received records one."
    assert sorted(lines) == sorted([listed, NO_COMMISSIONER + ": none of your current "
                                    "placements or contracts names one. /conflict, /feedback and"
                                    " \"Ask a commissioner\" still reach the right person at the "
                                    "council."]), replies
    assert any("/invoice list" in reply.text for reply in replies)
    assert knowledge_gaps(factory) == []


# 6. Session 42's review of the above (each "I think you mean", "I don't know" or a part lost).

PLEDGE_6 = "Resolving conflict positively"
LISTED = "The Pledge to Work Together has 30 commitments:"


@pytest.mark.parametrize(("text", "first"), [
    ("What is pledge 6? I'm based in Birmingham.", PLEDGE_6),
    ("What is pledge 6? We are a care home.", PLEDGE_6),
    ("I'm based in Birmingham. What is pledge 6?", PLEDGE_6),
    ("commitment 24. We are a small charity.", "Initial three-month placement review"),
    ("What does pledge 6 say? We're a home care agency.", PLEDGE_6),
    # The pledge's own words are the same wherever the asker is.
    ("What is pledge 6? We're in Glasgow.", PLEDGE_6),
    ("list the commitments. We are a care home.", LISTED),
    ("We are a care home. list the commitments", LISTED),
    ("list the commitments please. I'm new to the pledge.", LISTED),
])
def test_a_pledge_looked_up_beside_who_the_asker_is_is_answered_outright(
        northshire_router: Router, factory: sessionmaker[Session], text: str,
        first: str) -> None:
    # The review: "What is pledge 6? I'm based in Birmingham." was only offered, "list the
    # commitments. We are a care home." was "I don't know": a pledge looked up is answered as
    # typed alone, whoever asks.
    [answered] = say(northshire_router, text)
    assert answered.text.splitlines()[0] == first, answered.text
    assert not answered.text.startswith(("I think you mean", "I don't know"))
    with factory() as session:
        assert list(session.scalars(select(Question.text))) == [text]
    assert knowledge_gaps(factory) == []


ELSEWHERE_AFTER = [
    "How long is the standstill period? where we are: Wales",
    "How long is the standstill period? Where we are based: Wales",
    "How long is the standstill period? where we're based - Glasgow",
    "How long is the standstill period. where we are: Wales",
    "How long is the standstill period? based in wales",
    "How long is the standstill period? this is for a welsh council",
    "How long is the standstill period? in scotland btw",
    "How long is the standstill period? (Scotland)",
    "How long is the standstill period? NI provider here",
    "How long is the standstill period? we're a provider in N. Ireland",
    "How long is the standstill period? Location: Cardiff",
    "How long is the standstill period? - Scotland",
    "How long does the council have to pay invoices? our council is in Wales",
    "How long is the standstill period? asking for a provider in Belfast",
    "How long is the standstill period? just so you know we're in Wales",
]


@pytest.mark.parametrize("text", ELSEWHERE_AFTER)
def test_a_place_elsewhere_told_after_the_question_in_any_wording_is_handed_to_a_person(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # The review: "... ? where we are: Wales" was answered for England, the place read as a
    # question of its own; "NI provider here" got the National Insurance entry.
    [reply] = say(northshire_router, text)
    assert reply.text.startswith("I don't know the answer to that"), reply.text
    assert "Ask a commissioner" in _labels(reply)
    with factory() as session:
        assert list(session.scalars(select(Question.text))) == [text]


def test_where_the_asker_is_in_england_told_so_is_offered(northshire_router: Router) -> None:
    [offered] = say(northshire_router, "How long is the standstill period? where we are: Leeds")
    assert offered.text.startswith(
        'I think you mean "Standstill periods and challenging an award"'), offered.text


@pytest.mark.parametrize("text", [
    "We look after a resident aged 17. What is DoLS?",
    "We look after a resident aged 17. What is DoLS",
    "Do we need a DoLS authorisation? The resident is 17.",
    "What is DoLS? We look after a 17-year-old.",
    "We have a 17 year old placed with us. Does DoLS apply?",
    "We support a 16-year-old. Do the liberty protection safeguards apply?",
    "Our new client is 17 years old. Does the Mental Capacity Act apply?",
    "The young person is under 18. Can we apply for a DoLS?",
])
def test_an_age_under_18_beside_a_dols_question_is_handed_to_a_person(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # The review: DoLS was offered, which does not apply under 18.
    replies = say(northshire_router, text)
    assert [reply.text.splitlines()[0] for reply in replies] == [
        "I don't know the answer to that, and I'd rather not guess. I've noted your "
        "question."], replies
    assert "Deprivation of Liberty" not in replies[0].text
    assert "Ask a commissioner" in _labels(replies[0])
    with factory() as session:
        assert session.scalars(select(Case)).all() == []


@pytest.mark.parametrize("text", [
    "We look after a resident aged 87. What is DoLS?",
    "We care for people with dementia. What is DoLS?",
    "Do we need a DoLS authorisation? The resident is 87.",
])
def test_an_adult_beside_a_dols_question_still_gets_the_dols_entry_offered(
        northshire_router: Router, text: str) -> None:
    [offered] = say(northshire_router, text)
    assert offered.text.startswith(
        'I think you mean "Deprivation of Liberty Safeguards (DoLS)"'), offered.text


@pytest.mark.parametrize(("text", "lines"), [
    ("my cases, and what is pledge 6",
     ["No open cases. /feedback or /conflict raises one; /cases all shows closed ones too.",
      PLEDGE_6]),
    ("my cases and what is pledge 6",
     ["No open cases. /feedback or /conflict raises one; /cases all shows closed ones too.",
      PLEDGE_6]),
    ("my cases please. what is pledge 6",
     ["No open cases. /feedback or /conflict raises one; /cases all shows closed ones too.",
      PLEDGE_6]),
    ("my cases and who is my commissioner",
     ["No open cases. /feedback or /conflict raises one; /cases all shows closed ones too.",
      NO_COMMISSIONER + ": none of your current placements or contracts names one. /conflict,"
      " /feedback and \"Ask a commissioner\" still reach the right person at the council."]),
])
def test_a_short_list_asked_before_a_question_is_shown_and_the_question_answered(
        northshire_router: Router, factory: sessionmaker[Session], text: str,
        lines: list[str]) -> None:
    # The review: "my cases, and what is pledge 6" answered pledge 6 alone, the list dropped.
    replies = say(northshire_router, text)
    assert _first_lines(replies) == lines, replies
    assert knowledge_gaps(factory) == []


# What must not change: answered questions, disclosures, how-tos, parts (the session's own
# texts, each as it was before the changes above: the first line of each reply that is not a
# part's name, and whether a concern was raised).
KEPT = [
    ('How long is the standstill period?',
     ['Standstill periods and challenging an award'], False),
    ('How long is the standstill period? Thanks!',
     ['Standstill periods and challenging an award'], False),
    ('How long is the standstill period? thanks',
     ['Standstill periods and challenging an award'], False),
    ('What is social value? Cheers',
     ['Social value in care tenders'], False),
    ('What is DoLS?',
     ['Deprivation of Liberty Safeguards (DoLS)'], False),
    ('What is social value?',
     ['Social value in care tenders'], False),
    ('How long does the council have to pay invoices?',
     ['Council payment terms and late payment'], False),
    ('how long is standstill now under the Procurement Act? thought it was 10 days.',
     ['Standstill periods and challenging an award'], False),
    ('What is a contract performance notice?',
     ['Contract performance notices (Procurement Act s71)'], False),
    ('Who is my commissioner?',
     ["I don't have a commissioner on record for you yet: none of y"], False),
    ('who is my commissioner? thanks',
     ["I don't have a commissioner on record for you yet: none of y"], False),
    ('Can we charge interest on late payments?',
     ['Council payment terms and late payment'], False),
    ('What is the Procurement Act?',
     ['I think you mean "What changed for providers under the Procu'], False),
    ('how long does the council have to pay invoices',
     ['Council payment terms and late payment'], False),
    ('What is DoLS? Who is my commissioner?',
     ['Deprivation of Liberty Safeguards (DoLS)',
      "I don't have a commissioner on record for you yet: none of y"], False),
    ('what is social value? also can my dog come to the team meeting',
     ['Social value in care tenders',
      "I don't know the answer to that, and I'd rather not guess. I"], False),
    ('when is my next review due? and what is pledge 6?',
     ["/reminders lists your open deadlines, with each placement's ",
      'Resolving conflict positively'], False),
    ('Who is my commissioner. What is their email',
     ["I don't have a commissioner on record for you yet: none of y"], False),
    ('a carer hit a resident. who is my commissioner?',
     ['This sounds like a safeguarding concern. Please act on it no',
      "I don't have a commissioner on record for you yet: none of y"], True),
    ('We care for people with dementia. A carer hit Mrs B.',
     ['This sounds like a safeguarding concern. Please act on it no'], True),
    ('A carer hit Mrs B.',
     ['This sounds like a safeguarding concern. Please act on it no'], True),
    ('RC-101 has bruises on her arms and says a carer grabbed her',
     ['This sounds like a safeguarding concern. Please act on it no'], True),
    ('Our night carer slapped a resident. How long is the standstill period?',
     ['This sounds like a safeguarding concern. Please act on it no',
      'Standstill periods and challenging an award'], True),
    ("We have 40 beds. A resident's son has been taking her pension.",
     ['This sounds like a safeguarding concern. Please act on it no'], True),
    ('We care for people with dementia. Mrs B was left in a soiled bed all night.',
     ['This sounds like a safeguarding concern. Please act on it no'], True),
    ('I think a carer is stealing from RC-102',
     ['This sounds like a safeguarding concern. Please act on it no'], True),
    ('We care for people with dementia. How do I report abuse?',
     ['Raising a safeguarding concern'], False),
    ('How do I report abuse?',
     ['Raising a safeguarding concern'], False),
    ('How do I report a suspected safeguarding concern? Who is my commissioner?',
     ['Raising a safeguarding concern',
      "I don't have a commissioner on record for you yet: none of y"], False),
    ('How do I report a suspected safeguarding concern? How long is the standstill period?',
     ['Raising a safeguarding concern',
      'Standstill periods and challenging an award'], False),
    ('What should I do if I suspect neglect?',
     ['Raising a safeguarding concern'], False),
    ('What is a section 42 enquiry?',
     ['I want to be sure I answer the right question. Did you mean '], False),
    ('I need to raise a safeguarding concern',
     ['Raising a safeguarding concern'], False),
    ('i want to make a safeguarding referral please',
     ['Raising a safeguarding concern'], False),
    ('who do i tell about a resident being hit',
     ['Raising a safeguarding concern'], False),
    ('We care for people with dementia. Is that abuse?',
     ['Raising a safeguarding concern'], False),
    ('We are a care home. What should I do if I suspect neglect?',
     ['Raising a safeguarding concern'], False),
    ('We have 40 beds. How do I raise a safeguarding concern?',
     ['Raising a safeguarding concern'], False),
    ('We care for people with dementia. who do i tell about a resident being hit',
     ['Raising a safeguarding concern'], False),
    ('Allegation made against one of our carers. What do we have to tell the council and is '
     'there a separate process for people in positions of trust?',
     ['Allegations against staff or volunteers (people in positions'], False),
    ('One of our carers was arrested. Do we need to tell the council?',
     ["I don't know the answer to that, and I'd rather not guess. I"], False),
    ('Our lift has been broken for a week. Who do we notify?',
     ["I don't know the answer to that, and I'd rather not guess. I"], False),
    ('We are a home care agency. Do we need to register?',
     ["I don't know the answer to that, and I'd rather not guess. I"], False),
    ('We are a care provider in Glasgow. How long is the standstill period?',
     ["I don't know the answer to that, and I'd rather not guess. I"], False),
    ('We have a new client starting Monday. When is the first placement review due?',
     ["I don't know the answer to that, and I'd rather not guess. I"], False),
    ('We have 40 beds. How long does the council have to pay invoices?',
     ['I think you mean "Council payment terms and late payment", b'], False),
    ('show my invoices pls',
     ['No unpaid invoices are recorded for you. /invoice received r'], False),
    ('show my invoices',
     ['No unpaid invoices are recorded for you. /invoice received r'], False),
    ('my cases please',
     ['No open cases. /feedback or /conflict raises one; /cases all'], False),
    ('which invoices are overdue?',
     ['No unpaid invoices are recorded for you. /invoice received r'], False),
    ('how do I see my invoices',
     ['Type /invoice list: it lists the unpaid invoices your organi'], False),
    ('Is CT-0901 paid? We sent it on 1 Nov. Who is my commissioner?',
     ['I have no invoice CT-0901 recorded for your organisation. /i',
      "I don't have a commissioner on record for you yet: none of y"], False),
    ('what a week. who is my commissioner',
     ["I don't have a commissioner on record for you yet: none of y"], False),
    # A how-to read with the sentence before it, beside another question (found on the
    # calibration sets through the router: the guidance alone, the other part dropped).
    ('LA asked us to do a s42 enquiry ourselves. do we legally have to, and what goes in the '
     'report',
     ['Raising a safeguarding concern',
      "I don't know the answer to that, and I'd rather not guess. I"], False),
    ('any tips? also what is social value',
     ['I want to be sure I answer the right question. Did you mean '], False),
]


# The texts that raise nothing go one after another to one router (none keeps anything that
# changes how the next is read: no case, no form); each that raises on a database of its own.
# One database a table, not one a text: the suite's time (session 42).
def _as_it_was(router: Router, factory: sessionmaker[Session],
               kept: list[tuple[str, list[str], bool]]) -> None:
    wrong = []
    for text, lines, raised in kept:
        if raised:
            continue
        said = [line[:60] for line in _first_lines(say(router, text))]
        if said != lines:
            wrong.append((text, said))
    assert wrong == []
    with factory() as session:
        assert session.scalars(select(Case)).all() == []


def _raised_as_it_was(router: Router, factory: sessionmaker[Session], text: str,
                      lines: list[str]) -> None:
    replies = say(router, text)
    assert [line[:60] for line in _first_lines(replies)] == lines, replies
    with factory() as session:
        kinds = [case.kind for case in session.scalars(select(Case))]
    assert kinds == [CaseKind.SAFEGUARDING]


def test_what_the_changes_leave_as_it_was(northshire_router: Router,
                                          factory: sessionmaker[Session]) -> None:
    _as_it_was(northshire_router, factory, KEPT)


@pytest.mark.parametrize(("text", "lines"), [(text, lines) for text, lines, raised in KEPT
                                             if raised])
def test_what_the_changes_leave_raised_as_it_was(northshire_router: Router,
                                                 factory: sessionmaker[Session], text: str,
                                                 lines: list[str]) -> None:
    _raised_as_it_was(northshire_router, factory, text, lines)


# What session 42's review of the changes above must leave as it was: answered questions, offers,
# disclosures and lists (each as it was before the review's changes).
KEPT_TOO = [
    ("commitment 24",
     ["Initial three-month placement review"], False),
    ("list the commitments",
     ["The Pledge to Work Together has 30 commitments:"], False),
    ("pledges about payment",
     ["Payment terms passed down to subcontractors"], False),
    ("what does the pledge say about late payment",
     ["Payment terms passed down to subcontractors"], False),
    ("How much has employer NI gone up?",
     ["I think you mean \"Employer National Insurance, pensions and "], False),
    ("Does the NI increase affect care fees? We are a small charity.",
     ["I don't know the answer to that, and I'd rather not guess. I"], False),
    ("What is the national living wage for a 17 year old?",
     ["I think you mean \"National Living Wage and minimum wage for "], False),
    ("How many hours can a 17 year old care assistant work?",
     ["I don't know the answer to that, and I'd rather not guess. I"], False),
    ("We look after a resident aged 87. What is DoLS?",
     ["I think you mean \"Deprivation of Liberty Safeguards (DoLS)\","], False),
    ("How long is the standstill period? We're in Birmingham.",
     ["I think you mean \"Standstill periods and challenging an awar"], False),
    ("show my invoices, and what is pledge 6",
     ["No unpaid invoices are recorded for you. /invoice received r",
      "Resolving conflict positively"], False),
    ("what is social value and how is it scored?",
     ["I want to be sure I answer the right question. Did you mean "], False),
    ("how and when do we get paid?",
     ["I think you mean \"Council payment terms and late payment\", b"], False),
    ("my invoices please",
     ["No unpaid invoices are recorded for you. /invoice received r"], False),
    ("A 17 year old resident told me a carer hit her.",
     ["This sounds like a safeguarding concern. Please act on it no"], True),
    ("Our resident is 16 and says her stepdad hits her. What is DoLS?",
     ["This sounds like a safeguarding concern. Please act on it no"], True),
    ("A carer locked a resident in her room all night. Is that a DoLS issue?",
     ["This sounds like a safeguarding concern. Please act on it no"], True),
    ("RC-104 says a carer took money from her purse",
     ["This sounds like a safeguarding concern. Please act on it no"], True),
    ("We support adults with learning disabilities. Do we need a DoLS?",
     ["I think you mean \"Deprivation of Liberty Safeguards (DoLS)\","], False),
    ("What is pledge 6 and who is my commissioner?",
     ["Resolving conflict positively",
      "I don't have a commissioner on record for you yet: none of y"], False),
    ("Who is my commissioner? We are in Wales.",
     ["I don't have a commissioner on record for you yet: none of y"], False),
    ("Is CT-0901 paid? We're in Cardiff.",
     ["I have no invoice CT-0901 recorded for your organisation. /i"], False),
    ("What is the Mental Capacity Act?",
     ["I don't know the answer to that, and I'd rather not guess. I"], False),
    ("I need to raise a safeguarding concern. What is pledge 6?",
     ["Raising a safeguarding concern", "Resolving conflict positively"], False),
    ("what is pledge 31",
     ["The pledge has 30 commitments, numbered 1 to 30, so there is"], False),
    ("Can we charge interest on late payments? We're based in Leeds.",
     ["I think you mean \"Council payment terms and late payment\", b"], False),
    ("What is DoLS? We are a nursing home.",
     ["I think you mean \"Deprivation of Liberty Safeguards (DoLS)\","], False),
    ("How long is the standstill period? We're in England.",
     ["I think you mean \"Standstill periods and challenging an awar"], False),
    ("What is pledge 6, we're a care home",
     ["Resolving conflict positively"], False),
    ("How long is the standstill period? Newport.",
     ["I don't know the answer to that, and I'd rather not guess. I"], False),
    ("What does pledge 29 say? Our invoice CT-0901 is late.",
     ["Payment terms passed down to subcontractors",
      "I have no invoice CT-0901 recorded for your organisation. /i"], False),
    ("show my invoices and what is social value",
     ["No unpaid invoices are recorded for you. /invoice received r",
      "Social value in care tenders"], False),
]


def test_what_the_review_leaves_as_it_was(northshire_router: Router,
                                          factory: sessionmaker[Session]) -> None:
    _as_it_was(northshire_router, factory, KEPT_TOO)


@pytest.mark.parametrize(("text", "lines"), [(text, lines) for text, lines, raised in KEPT_TOO
                                             if raised])
def test_what_the_review_leaves_raised_as_it_was(northshire_router: Router,
                                                 factory: sessionmaker[Session], text: str,
                                                 lines: list[str]) -> None:
    _raised_as_it_was(northshire_router, factory, text, lines)


@pytest.mark.parametrize("text", ["What is DoLS? She is 17.",
                                  "Do we need a DoLS? Our client is 16."])
def test_a_dols_question_with_a_childs_age_after_it_raises_nothing_and_is_handed_over(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Session 42's last read: raised URGENT to the hub as abuse (a false alarm).
    replies = say(northshire_router, text)
    assert replies[0].text.startswith("I don't know the answer to that"), replies
    with factory() as session:
        assert session.scalars(select(Case)).all() == []
