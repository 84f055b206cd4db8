"""A death told ("sadly Mrs B passed away peacefully this morning"), as dialogs through the
router: condolences and what may be needed, never "I don't know" nor a knowledge gap; a
question about deaths still answered, an allegation still a safeguarding concern."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, CaseKind, OutboxMessage, Question
from handlers.ask.questions import knowledge_gaps
from knowledge.safeguarding import _plain_death, normalise
from tests.factories import count_rows, make_incoming
from tests.handlers.conftest import HUB, PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

CARED_FOR_REPLY = (
    "I'm so sorry to hear of this death. Thank you for letting me know.\n"
    "If it isn't done yet:\n"
    "- Tell the council without delay: press \"Tell the council\" and I'll pass this to a "
    "commissioner, or call the person's social worker.\n"
    "- Notify CQC without delay: a registered service must send a statutory notification of a "
    "death.\n"
    "- /placement end REF DATE stops the placement's reminders (its reference, never the "
    "person's name).\n"
    "If anything about the death worries you, tell me what happened and I'll pass it to the "
    "safeguarding team at once.")


def say(router: Router, text: str = "", sender: str = SAM, **pressed: str) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender, **pressed))


def _rows(factory: sessionmaker[Session]) -> Counter[str]:
    return Counter({model.__tablename__: count_rows(factory, model)
                    for model in (Question, Case, OutboxMessage)})


@pytest.mark.parametrize("text", [
    "sadly Mrs B passed away peacefully this morning",
    "RC-104 passed away last night",
])
def test_a_death_of_someone_cared_for_gets_condolences_and_no_gap(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Session 28's brief: "I don't know" and "Ask a commissioner", kept as a knowledge gap.
    [reply] = say(northshire_router, text)
    assert reply.text == CARED_FOR_REPLY
    assert [button.label for button in reply.buttons] == ["Tell the council"]
    assert knowledge_gaps(factory) == []
    # Kept only for the button (names cut to initials), and nothing else done until pressed.
    assert _rows(factory) == Counter({"question": 1})


def test_tell_the_council_hands_the_death_to_a_commissioner(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    [reply] = say(northshire_router, "RC-104 passed away last night")
    [handed] = say(northshire_router, action=reply.buttons[0].action,
                   action_value=reply.buttons[0].value)
    # Said as news told, not as a question nobody could answer (session 28's read).
    assert handed.text.startswith("Thank you. I've passed your news to ")
    assert handed.text.endswith("A person will be in touch.")
    with factory() as session:
        case = session.scalars(select(Case)).one()
        [alert] = session.scalars(select(OutboxMessage)).all()
    # Filed as what it is, not as a "Question" (session 30's review).
    assert (case.kind, case.description) == (CaseKind.NOTIFICATION,
                                             "RC-104 passed away last night")
    [shown] = say(northshire_router, f"/case {case.reference}")
    assert shown.text.startswith(f"{case.reference} · Notification · A death\n")
    assert alert.payload["text"].startswith(
        "Sam of Riverside (sam@riverside.example) told pledgebot of a death and asked for the "
        "council to be told (")
    assert 'Their words: "RC-104 passed away last night"' in alert.payload["text"]
    assert "could not answer" not in alert.payload["text"]
    assert alert.payload["text"].endswith(
        "Please get in touch with them: /case PB-2026-000001 comment YOUR REPLY (they are told), "
        "or reply to them directly.")


def test_a_staff_death_gets_condolences_never_good_to_hear(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    [reply] = say(northshire_router, "our registered manager passed away suddenly")
    assert reply.text == (
        "I'm so sorry to hear this, and sorry for your team's loss.\n"
        "If they were the registered manager, CQC must be told the service is without one, and "
        "the council will want to know who is in charge meanwhile: press \"Tell the council\" "
        "and I'll pass it to a commissioner.")
    assert [button.label for button in reply.buttons] == ["Tell the council"]
    assert knowledge_gaps(factory) == []


def test_council_staff_get_condolences_and_what_the_provider_does(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    [reply] = say(northshire_router, "sadly Mrs B passed away peacefully this morning", PRIYA)
    assert (reply.text, reply.buttons) == (
        "I'm so sorry to hear of this death. Thank you for letting me know.\n"
        "The provider must notify CQC without delay (a statutory notification of a death). "
        "/placement end REF DATE stops the placement's reminders.", ())
    assert knowledge_gaps(factory) == []


def test_a_question_about_fees_after_a_death_gets_the_knowledge_base_s_answer(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    # Session 31's review: it got the sympathy and the safety question, and nothing about fees.
    replies = say(northshire_router,
                  "RC-101 died on Monday and I want to know what happened with the fees after "
                  "death")
    [reply] = replies
    assert reply.text.startswith(
        "I'm so sorry to hear of this death.\nI think you mean \"Fees when a person is in "
        "hospital, away or dies\"")
    assert reply.buttons[0].label == "Fees when a person is in hospital, away or dies"
    assert count_rows(factory, Case) == 0
    assert knowledge_gaps(factory) == []


def test_a_death_the_safety_check_asks_about_gets_both_and_keeps_the_words(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    # The concern model is unsure of these words: it asks first, as before; the words are kept
    # for a "yes" to carry to the concern, and the condolences come instead of "I don't know".
    # (Session 30: "a resident died last night", told plainly, is no longer asked about; nor,
    # since session 37, with who was with them: "..., her daughter was with her".)
    text = "a resident died overnight, her daughter was with her at the end"
    check, condolence = say(northshire_router, text)
    assert check.text.startswith("Is this about someone's safety?")
    assert condolence.text == CARED_FOR_REPLY
    with factory() as session:
        assert session.scalars(select(Question.text)).all() == [text]
    assert knowledge_gaps(factory) == []


def test_a_question_about_a_death_is_still_answered_from_the_knowledge_base(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    [answer] = say(northshire_router, "what do we do when a resident dies")
    assert answer.text.startswith("Fees when a person is in hospital, away or dies\n")
    with factory() as session:
        question = session.scalars(select(Question)).one()
    assert (question.answered, question.mode) == (True, "answer")


@pytest.mark.parametrize("text", [
    "mr jones died after a carer hit him",
    "dad died in his chair and the carers had gone home",
    "she died after a fall nobody reported",
    "a carer hit him and he died",  # session 30's brief: harm told plainly is still raised
])
def test_a_death_the_safeguarding_check_reads_as_a_concern_is_raised_as_before(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [guidance] = say(northshire_router, text)
    assert guidance.text.startswith("This sounds like a safeguarding concern.")
    assert "sorry" not in guidance.text
    with factory() as session:
        case = session.scalars(select(Case)).one()
        alerted = session.scalars(select(OutboxMessage.address)).all()
    assert (case.kind, case.severity) == (CaseKind.SAFEGUARDING, "urgent")
    assert alerted == [HUB]


def test_a_second_death_in_the_same_words_is_passed_on_and_each_only_once(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    # Session 28's review: the second death matched the first's open case by its words, and
    # was "already with the commissioning team": nobody heard of it.
    text = "Mrs B passed away peacefully this morning"
    first, second = (say(northshire_router, text)[0] for _ in range(2))
    for reply in (first, second):
        [handed] = say(northshire_router, action=reply.buttons[0].action,
                       action_value=reply.buttons[0].value)
        assert handed.text.startswith("Thank you. I've passed your news to ")
    # The same button pressed again: already told, nobody told twice.
    [again] = say(northshire_router, action=first.buttons[0].action,
                  action_value=first.buttons[0].value)
    with factory() as session:
        cases = session.scalars(select(Case.reference).order_by(Case.id)).all()
    assert again.text == f"Your news {cases[0]} is already with the commissioning team."
    assert _rows(factory) == Counter({"question": 2, "case_file": 2, "outbox": 2})


def test_a_death_told_with_a_request_to_tell_the_council_gets_condolences(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    # Session 28's review: "please" made it a question: "I don't know", "Ask a commissioner".
    [reply] = say(northshire_router, "Sadly one of our residents passed away last night, please "
                                     "let the council know")
    assert reply.text == CARED_FOR_REPLY
    assert [button.label for button in reply.buttons] == ["Tell the council"]


def test_a_staff_death_with_a_title_or_an_illness_is_a_staff_death(
        northshire_router: Router) -> None:
    # Session 28's review: "Mrs" and "covid-19" (read as a placement's reference) gave the
    # reply for a resident.
    for text in ("Our director Mrs Patel passed away last week",
                 "Our manager died of covid-19 on Sunday"):
        [reply] = say(northshire_router, text)
        assert reply.text.startswith("I'm so sorry to hear this, and sorry for your team's loss.")


@pytest.mark.parametrize("text", [
    "Since the passing of the Procurement Act our bids take longer",
    "my laptop died this morning",
    "This tender is a rip-off",
    # The session's second review: a loss of money or staff, a program, a tender.
    "We are running at a loss of £200 per person per week on this package",
    "The loss of one of our staff to the NHS means we cannot cover Sundays",
    "Outlook died this morning so the invoice is late",
    "Sadly our Homecare Tender died at the final stage",
])
def test_words_of_things_ending_get_no_condolences_and_stay_questions(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Session 28's review: condolences for a laptop and an Act, kept as answered (never in
    # `kb gaps`).
    replies = say(northshire_router, text)
    assert not any("sorry" in reply.text for reply in replies)
    with factory() as session:
        assert session.scalars(select(Question.mode)).one() != "condolence"


@pytest.mark.parametrize(("text", "kept", "name"), [
    ("Sadly John Smith passed away this morning", "Sadly J. S. passed away this morning",
     ("John", "Smith")),
    ("Sadly Dr Ade Bello passed away", "Sadly Dr A. B. passed away", ("Ade", "Bello")),
])
def test_a_provider_telling_of_a_named_person_s_death_may_tell_the_council_and_no_name_is_kept(
        northshire_router: Router, factory: sessionmaker[Session], text: str, kept: str,
        name: tuple[str, str]) -> None:
    # Session 29's brief: "Sadly John Smith passed away" got "sorry for your loss" and no
    # "Tell the council", where "sadly one of our residents passed away" got both.
    [reply] = say(northshire_router, text)
    assert reply.text == CARED_FOR_REPLY
    [button] = reply.buttons
    assert button.label == "Tell the council"
    [handed] = say(northshire_router, action=button.action, action_value=button.value)
    assert handed.text.startswith("Thank you. I've passed your news to ")
    # What is kept and sent has the name as initials only, the doctor's too.
    with factory() as session:
        question = session.scalars(select(Question.text)).one()
        case = session.scalars(select(Case.description)).one()
        [alert] = session.scalars(select(OutboxMessage.payload)).all()
    assert question == case == kept
    assert f'Their words: "{kept}"' in alert["text"]
    assert not any(word in alert["text"] for word in name)


def test_a_death_in_the_writer_s_own_family_is_a_loss(northshire_router: Router) -> None:
    [family] = say(northshire_router, "Sadly my dad John passed away")
    assert (family.text, family.buttons) == (
        "I'm so sorry for your loss. Thank you for letting me know.", ())


@pytest.mark.parametrize("text", [
    "Sadly John Smith passed away this morning",
    "Sadly Dr Ade Bello passed away",
    "Sadly John Smith passed away last night, his family were with him",
])
def test_council_staff_told_only_a_name_get_condolences_not_the_provider_s_duties(
        northshire_router: Router, text: str) -> None:
    # Session 29's review: a commissioner told of a named death (maybe a colleague's) read
    # "The provider must notify CQC... /placement end REF DATE".
    replies = say(northshire_router, text, PRIYA)
    [condolence] = [reply for reply in replies if reply.text.startswith("I'm so sorry")]
    assert (condolence.text, condolence.buttons) == (
        "I'm so sorry for your loss. Thank you for letting me know.", ())


@pytest.mark.parametrize("text", [
    "Sadly John Smith passed away in room 4 last night",
    "Sadly our resident John Smith passed away",
])
def test_council_staff_told_of_someone_cared_for_by_name_get_what_the_provider_does(
        northshire_router: Router, text: str) -> None:
    replies = say(northshire_router, text, PRIYA)
    [condolence] = [reply for reply in replies if reply.text.startswith("I'm so sorry")]
    assert condolence.text.startswith("I'm so sorry to hear of this death.")
    assert "The provider must notify CQC without delay" in condolence.text
    assert condolence.buttons == ()


@pytest.mark.parametrize("text", [
    "Sadly John Smith passed away last night, his family were with him",
    "Sadly John Smith passed away last night, his wife was with him",
    "Sadly John Smith passed away in my care last night",
    "Sadly John Smith passed away on my shift",
    "Sadly John Smith passed away last night, the family have been informed",
    "Sadly Dr Ade Bello passed away, his son was told",
])
def test_a_named_death_with_a_family_word_elsewhere_may_still_tell_the_council(
        northshire_router: Router, text: str) -> None:
    # Session 29's review: any family word ("his wife", "in my care") made these the writer's
    # own loss, with no "Tell the council", where a provider telling of a resident's death is
    # the main case.
    replies = say(northshire_router, text)
    [condolence] = [reply for reply in replies if reply.text.startswith("I'm so sorry")]
    assert condolence.text == CARED_FOR_REPLY
    assert [button.label for button in condolence.buttons] == ["Tell the council"]


@pytest.mark.parametrize("text", [
    "Sadly my dad John passed away",
    "my friend Mary died",
    "my mum passed away",
    "My father, John Smith, has passed away",
    "Sadly my dad John passed away last night, the family were with him",
])
def test_my_or_our_family_word_before_the_death_is_the_writer_s_own_loss(
        northshire_router: Router, text: str) -> None:
    replies = say(northshire_router, text)
    [condolence] = [reply for reply in replies if reply.text.startswith("I'm so sorry")]
    assert (condolence.text, condolence.buttons) == (
        "I'm so sorry for your loss. Thank you for letting me know.", ())


def test_a_death_told_plainly_gets_condolences_only_and_no_urgent_case(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    # Session 28 left it: the concern model read this 0.95 and opened an urgent case, with the
    # hub alerted; session 29 asked "Is this about someone's safety?" before the condolences.
    # Session 30's trial: nothing about a death told plainly worries (the condolences ask to be
    # told if anything does), so "Tell the council" is the only button.
    [condolence] = say(northshire_router, "sadly one of our residents died last night")
    assert condolence.text == CARED_FOR_REPLY
    assert [button.label for button in condolence.buttons] == ["Tell the council"]
    assert count_rows(factory, Case) == 0
    assert count_rows(factory, OutboxMessage) == 0


# Session 30: each death the safeguarding check caps as told plainly (its model may ask about it,
# never raise it), with whose said or left out.
_PLAIN_DEATHS = [
    "sadly passed away last night",
    "passed away peacefully this morning",
    "died in her sleep last night, family were with her",
    "Very sadly passed away in hospital on Monday",
    "I'm sorry to say passed away at home yesterday",
    "Unfortunately, died peacefully at the weekend",
    "fyi has passed away this morning",
    "Sadly one of our residents passed away after a short illness",
    "please be aware RC-104 passed away this morning",
    "R.I.P. Mrs B",
    "Mrs B passed on last night",
    "one of our residents has passed",
    "Sad news, the death of Mrs B this morning",
]


def test_every_death_the_safety_check_caps_gets_condolences_and_no_urgent_case(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    # Session 30's brief: "sadly passed away last night" got "I don't know the answer..." and
    # was kept as a knowledge gap, though the safeguarding check read it as a death told.
    # (One conversation for them all: a test each spent its time setting up a database.)
    for text in _PLAIN_DEATHS:
        assert _plain_death(normalise(text)), text
        replies = say(northshire_router, text)
        [condolence] = [reply for reply in replies if reply.text.startswith("I'm so sorry")]
        assert condolence.text == CARED_FOR_REPLY, text
        assert [button.label for button in condolence.buttons] == ["Tell the council"], text
        # Nothing besides (session 30's trial: no safety question); never "I don't know",
        # never an urgent case.
        assert replies == [condolence], text
        assert count_rows(factory, Case) == 0, text
        assert count_rows(factory, OutboxMessage) == 0, text
        assert knowledge_gaps(factory) == [], text


def test_a_provider_telling_of_a_death_with_whose_left_out_may_tell_the_council(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    [reply] = say(northshire_router, "sadly passed away last night")
    assert reply.text == CARED_FOR_REPLY
    [button] = reply.buttons
    [handed] = say(northshire_router, action=button.action, action_value=button.value)
    assert handed.text.startswith("Thank you. I've passed your news to ")
    with factory() as session:
        case = session.scalars(select(Case)).one()
    assert (case.kind, case.description) == (CaseKind.NOTIFICATION,
                                             "sadly passed away last night")


@pytest.mark.parametrize("text", [
    "sadly passed away last night",
    "passed away peacefully this morning",
    "died in her sleep last night, family were with her",
])
def test_council_staff_told_of_a_death_with_whose_left_out_get_condolences(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Whose is not said: maybe a colleague's, so no provider's duties and nothing to hand on.
    replies = say(northshire_router, text, PRIYA)
    [condolence] = [reply for reply in replies if reply.text.startswith("I'm so sorry")]
    assert (condolence.text, condolence.buttons) == (
        "I'm so sorry for your loss. Thank you for letting me know.", ())
    assert knowledge_gaps(factory) == []


def test_a_death_with_a_cause_or_doubt_gets_no_plain_condolences(
        northshire_router: Router) -> None:
    # The words of harm or doubt are the safety check's (it asks, or raises a concern), never
    # read as only a death told, with whose said or left out. Before session 30, "Mrs B passed
    # away in her chair, the carers had gone home" got condolences (and the safety question).
    for text in ("sadly passed away last night after a fall",
                 "passed away in her chair, the carers had gone home",
                 "Mrs B passed away in her chair, the carers had gone home",
                 "sadly died last night, nobody checked on her",
                 "passed away suddenly, we dont know why",
                 "Mrs B passed away alone in her room"):
        replies = say(northshire_router, text)
        assert CARED_FOR_REPLY not in [reply.text for reply in replies]


# Session 30's trial: a plain death (the safeguarding check's cap) got "Is this about someone's
# safety? [1] Raise a concern now" before its condolences' "[2] Tell the council", and "1"
# opened the concern form.
@pytest.mark.parametrize("sender", [SAM, PRIYA])
def test_a_plain_death_is_not_asked_about(northshire_router: Router, sender: str) -> None:
    if sender == SAM:
        [added] = say(northshire_router, f"/placement new RC-104 1/9/2026 {PRIYA}")
        assert added.text.startswith("Placement RC-104 added")
    replies = say(northshire_router, "sadly the gentleman in RC-104 passed away last night",
                  sender)
    assert [reply.text.split("\n")[0] for reply in replies] == [
        "I'm so sorry to hear of this death. Thank you for letting me know."]
    assert [button.label for reply in replies for button in reply.buttons] == (
        ["Tell the council"] if sender == SAM else [])


# Session 30's trial: each got "I don't know the answer to that ... I've noted your question"
# (a knowledge gap), most with no safety question at all.
_WORRYING_DEATHS = [
    "RC-108 passed away this morning after a fall",
    "we have had a death at the home on RC-108",
    "RC-108 died unexpectedly after a fall at the home, the family are asking questions",
    "RC-108 was found dead in his room this morning",
    "died after a fall last night",
    "sadly passed away last night after a fall",
    "passed away suddenly, we dont know why",
    "the death of RC-108 after a fall",
]
CHECK_AFTER_SYMPATHY = (
    "I'm so sorry to hear of this death.\n"
    "Is this about someone's safety? If it is, press \"Raise a concern now\" and tell me what "
    "has happened: I'll pass it to the safeguarding hub at once. If anyone is in immediate "
    "danger, call 999.")
WORRIED_PROVIDER_REPLY = (
    "If it isn't done yet:\n"
    "- Tell the council without delay: press \"Tell the council\" and I'll pass this to a "
    "commissioner, or call the person's social worker.\n"
    "- Notify CQC without delay: a registered service must send a statutory notification of a "
    "death.")


def test_a_provider_telling_of_a_death_with_a_cause_or_doubt_is_asked_and_may_tell_the_council(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    for text in _WORRYING_DEATHS:
        asked, council = say(northshire_router, text)
        assert (asked.text, [button.label for button in asked.buttons]) == (
            CHECK_AFTER_SYMPATHY, ["Raise a concern now"]), text
        assert (council.text, [button.label for button in council.buttons]) == (
            WORRIED_PROVIDER_REPLY, ["Tell the council"]), text
        assert knowledge_gaps(factory) == [], text
        assert count_rows(factory, Case) == 0, text
        assert count_rows(factory, OutboxMessage) == 0, text


def test_council_staff_told_of_a_death_with_a_cause_or_doubt_are_asked_after_sympathy(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    for text in _WORRYING_DEATHS:
        [asked] = say(northshire_router, text, PRIYA)
        assert (asked.text, [button.label for button in asked.buttons]) == (
            CHECK_AFTER_SYMPATHY, ["Raise a concern now"]), text
        assert knowledge_gaps(factory) == [], text
        assert count_rows(factory, Case) == 0, text


def test_a_death_with_a_cause_told_to_the_council_is_handed_on_as_news(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    text = "RC-108 passed away this morning after a fall"
    _, council = say(northshire_router, text)
    [button] = council.buttons
    [handed] = say(northshire_router, action=button.action, action_value=button.value)
    assert handed.text.startswith("Thank you. I've passed your news to ")
    with factory() as session:
        case = session.scalars(select(Case)).one()
    assert (case.kind, case.description) == (CaseKind.NOTIFICATION, text)


def test_yes_to_the_question_after_a_death_with_a_cause_carries_its_words_to_the_concern(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    # Before, nothing asked: "yes" was a question of its own ("I don't know").
    say(northshire_router, "RC-108 passed away this morning after a fall", PRIYA)
    _, form = say(northshire_router, "yes", PRIYA)
    assert form.text.startswith("Safeguarding concern\nWhat has happened, and to whom?")
    say(northshire_router, "the bed rails were left down all night", PRIYA)
    with factory() as session:
        case = session.scalars(select(Case)).one()
    assert case.kind == CaseKind.SAFEGUARDING
    assert "RC-108 passed away this morning after a fall" in case.description


def test_a_death_told_with_a_word_that_reads_as_a_question_is_asked_after_sympathy(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    # Session 31: "help", "what", "how" read as a question, so each went to the knowledge base
    # ("I think you mean \"Fees when a person is in hospital, away or dies\"", "I don't know")
    # with no word of sympathy, and only some were asked about.
    for text in ("she had been asking for help all evening before she died",
                 "I am not sure what happened, Mr B at RC-101 passed away last night",
                 "RC-104 died last night, we don't know what happened",
                 "she had been shouting for help and then died",
                 "he passed away during the night and we are not sure how",
                 # Session 31's second review: "unclear" was "I don't know".
                 "Mr T passed away last night, it is unclear what happened"):
        replies = say(northshire_router, text)
        assert (replies[0].text, [button.label for button in replies[0].buttons]) == (
            CHECK_AFTER_SYMPATHY, ["Raise a concern now"]), text
        # Session 31's review: "she ... asking for help" got no "Tell the council" guidance.
        assert [(reply.text, [button.label for button in reply.buttons])
                for reply in replies[1:]] == [
            (WORRIED_PROVIDER_REPLY, ["Tell the council"])], text
        assert knowledge_gaps(factory) == [], text
        assert count_rows(factory, Case) == 0, text
    # ... and a question about a death is still the knowledge base's.
    [answer] = say(northshire_router, "what do we do when a resident dies")
    assert answer.text.startswith("Fees when a person is in hospital, away or dies")
