"""A user's own crisis (suicidal thoughts, self-harm, "I can't go on"), as dialogs through the
router (session 44's records review, G10: a commissioner's "I can't cope anymore, I feel like
ending it all" opened an URGENT safeguarding concern about herself, sent to the council's hub
under her name). It gets a short crisis reply at once, the hub only if they press the button
and say what to tell it; nothing is kept of the words. Anyone else's crisis, someone's words
passed on, or the words typed into a form, stays a concern."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import AuditEvent, Case, CaseKind, OutboxMessage, Person, Question
from knowledge.safeguarding import writers_own_crisis
from tests.factories import make_incoming
from tests.handlers.conftest import HUB, PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _all(router: Router, text: str = "", sender: str = SAM, **kwargs: object) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender, **kwargs))  # type: ignore[arg-type]


def _press(router: Router, reply: Reply, label: str, sender: str = SAM) -> list[Reply]:
    [button] = [b for b in reply.buttons if b.label == label]
    return _all(router, sender=sender, action=button.action, action_value=button.value)


def _safeguarding(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case).where(
            Case.kind == CaseKind.SAFEGUARDING).order_by(Case.id)))


def _to_hub(factory: sessionmaker[Session]) -> list[OutboxMessage]:
    with factory() as session:
        hub = session.scalars(select(Person).where(Person.email == HUB)).one()
        return list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == hub.id)))


def _questions_kept(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return [str(text) for text in session.scalars(select(Question.text))]


def _crisis_events(factory: sessionmaker[Session]) -> list[AuditEvent]:
    with factory() as session:
        return list(session.scalars(select(AuditEvent).where(
            AuditEvent.action == "safeguarding.own_crisis")))


def _is_the_crisis_reply(reply: Reply) -> None:
    assert "999" in reply.text, reply.text
    assert "116 123" in reply.text  # Samaritans
    assert "NHS 111, option 2" in reply.text  # mental health crisis
    assert "SHOUT to 85258" in reply.text
    assert "your GP or your employee assistance programme" in reply.text
    assert "I haven't passed this on to anyone" in reply.text
    assert "This sounds like a safeguarding concern" not in reply.text
    assert "CQC" not in reply.text
    assert "noted your question" not in reply.text
    assert [button.label for button in reply.buttons] == ["Tell the safeguarding team"]


G10 = "I can't cope anymore, I feel like ending it all"

WRITERS_OWN = [
    "i've been thinking about taking all my tablets tonight",  # the second review
    G10,
    "I want to die",
    "i cant go on",
    "I've been cutting myself",
    "i wnat to die",
    "im feeling suicidle",
    "ive been cuting myslef again",
    "i keep thinking of killin myself",
    "I don't want to be here anymore",
    "i feel like ending my life",
    "I can't carry on like this",
    "thinking of ending it all tonight",
    "im having suicidal thoughts",
    "I\u2019m so done, I want to end my life",
    "i've been self-harming again",
    "honestly i just want to die, sorry",
    "I CANT GO ON ANYMORE",
    "i want to kil myself",
    "I'm a carer at Hillview and I can't go on",
    "/ask i dont want to live anymore",
]


@pytest.mark.parametrize("sender", [SAM, PRIYA])
@pytest.mark.parametrize("words", WRITERS_OWN)
def test_the_writers_own_crisis_gets_a_crisis_reply_and_is_not_sent_to_the_hub(
        router: Router, factory: sessionmaker[Session], words: str, sender: str) -> None:
    # G10: an URGENT concern about the writer, to the hub under her name ("raised by Priya
    # Shah"); others were "I've noted your question" (a knowledge gap keeping the words).
    [reply] = _all(router, words, sender=sender)
    _is_the_crisis_reply(reply)
    assert _safeguarding(factory) == []
    assert _to_hub(factory) == []
    assert _questions_kept(factory) == []  # not kept, not a knowledge gap
    # An audit event with no actor and no words.
    [event] = _crisis_events(factory)
    assert event.actor_id is None
    assert event.subject is None
    assert all(str(value) not in words for value in event.detail.values())


def test_pressed_the_button_asks_what_to_tell_the_hub_and_raises_it(
        router: Router, factory: sessionmaker[Session]) -> None:
    [reply] = _all(router, G10, sender=PRIYA)
    form = _press(router, reply, "Tell the safeguarding team", sender=PRIYA)
    assert "What has happened, and to whom?" in form[0].text, form[0].text
    [told] = _all(router, "I'm not coping and would like someone to call me", sender=PRIYA)
    assert "reference PB-2026-000001" in told.text, told.text
    assert len(_safeguarding(factory)) == 1


# -- anyone else's crisis, or words passed on: still raised at once -------------------------------
SOMEONE_ELSES = [
    "mrs b said she feels like ending it all",
    "a resident keeps saying he wants to die",
    "my client told me she's been cutting herself",
    "RC-101 wants to end it all",
    "I can't cope anymore, mr k says he'll end it all",
    "'I want to die' she said",
    "I feel like ending it all, says the resident in room 4",
    "I'm worried my mum wants to end her life",
    # ... and eight more: a name, a relayed line, a third person, a quote, a colleague
    "Doris: I want to die",
    "Doris said I want to die",
    "she keeps telling me I want to die",
    "he said \u201ci can't go on\u201d",
    "the lady in room 12 says she wants to end it all",
    "my colleague told me she is suicidal",
    "one of our tenants has been self harming",
    "RC-102 rang in tears, I want to die she kept saying",
]


@pytest.mark.parametrize("words", SOMEONE_ELSES)
def test_anyone_elses_crisis_or_words_passed_on_are_still_raised_at_once(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    told = _all(router, words)[0]
    assert told.text.startswith("This sounds like a safeguarding concern."), (words, told.text)
    assert len(_safeguarding(factory)) == 1
    assert _crisis_events(factory) == []


@pytest.mark.parametrize("words", ["I want to die", G10])
def test_the_writers_own_crisis_typed_into_the_concern_form_is_the_hubs(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # The concern form opened by the safeguarding guidance's button: the person chose the hub.
    guidance = _all(router, "what should I do if I suspect neglect")[0]
    _press(router, guidance, "Raise a concern now")
    told = _all(router, words)[0]
    assert "reference PB-2026-000001" in told.text, told.text
    assert len(_safeguarding(factory)) == 1
    assert _crisis_events(factory) == []


def test_the_writers_own_crisis_typed_into_another_form_is_still_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    _all(router, "/feedback")
    replies = _all(router, "I want to die")
    assert any(reply.text.startswith("This sounds like a safeguarding concern.")
               for reply in replies), replies
    assert len(_safeguarding(factory)) == 1
    assert _crisis_events(factory) == []


def test_no_labelled_disclosure_is_read_as_the_writers_own_crisis() -> None:
    # Such a message is not raised (the reply offers to tell the hub): no disclosure in the
    # labelled sets, the held-out ones included, may be one.
    folder = Path(__file__).parents[1] / "knowledge"
    read = [row["text"] for path in sorted(folder.glob("safeguarding_*.jsonl"))
            for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
            if row.get("label") == "disclosure" and writers_own_crisis(row["text"])]
    assert read == []


@pytest.mark.parametrize("words", ["I want to die laughing at this portal",
                                   "i wanted to die of embarrassment at the panel"])
def test_a_figure_of_speech_gets_no_crisis_reply(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _all(router, words)
    assert all("116 123" not in reply.text for reply in replies), replies
    assert _crisis_events(factory) == []


# -- session 45's brief ---------------------------------------------------------------------------
# 1. Ending a contract, a tender or the relationship with the council is a figure of speech: the
# business matter, no crisis reply (it was the crisis reply, 999 and Samaritans).
@pytest.mark.parametrize("words", [
    "i want to end it all with this contract",
    "i could just end it all with this tender",
    "I want to end it with this council",
    "i want to end it all with the council",
    "honestly i just want to end it all with this framework",
])
def test_ending_it_all_with_a_contract_is_no_crisis(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _all(router, words)
    assert replies, words
    assert all("116 123" not in reply.text for reply in replies), replies
    assert all("safeguarding concern" not in reply.text for reply in replies), replies
    assert _crisis_events(factory) == []
    assert _safeguarding(factory) == []


@pytest.mark.parametrize("words", [
    "i want to end it all",
    "I can't go on anymore",
    "I want to die",
    # the figure of speech beside a crisis of the writer's own: the crisis is read
    "i want to end it all with this contract, i want to die",
    "i want to end it all with this contract and end my life",
])
def test_ending_it_all_alone_is_still_the_crisis_reply(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    [reply] = _all(router, words)
    _is_the_crisis_reply(reply)
    assert len(_crisis_events(factory)) == 1


# 1b. Burnout said bluntly ("can't do this anymore" of the workload): a kind word about the
# work, and still every support number (it may be more than the work); nothing kept or sent.
@pytest.mark.parametrize("words", [
    "the workload is crushing me, can't do this anymore",
    "so much paperwork. i cant cope anymore",
    "this job, I can't take it anymore",
])
def test_burnout_said_bluntly_gets_a_kind_word_and_the_support_numbers(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    [reply] = _all(router, words, sender=PRIYA)
    assert reply.text.startswith("That sounds like far too much to carry"), reply.text
    _is_the_crisis_reply(reply)
    assert _safeguarding(factory) == []
    assert _to_hub(factory) == []
    assert _questions_kept(factory) == []
    assert len(_crisis_events(factory)) == 1


@pytest.mark.parametrize("words", [
    "I can't cope anymore, I feel like ending it all",
    "the workload is crushing me and i want to die",
    "i can't do this anymore",
])
def test_more_than_the_work_or_no_work_named_is_the_full_crisis_reply(
        router: Router, words: str) -> None:
    [reply] = _all(router, words)
    _is_the_crisis_reply(reply)
    assert not reply.text.startswith("That sounds like far too much to carry"), reply.text


# 3. A question beside the writer's own crisis: the crisis reply first, then the answer.
def test_a_question_beside_the_writers_own_crisis_is_answered_after_it(
        router: Router, factory: sessionmaker[Session]) -> None:
    replies = _all(router, "i can't cope anymore, how long is standstill?")
    _is_the_crisis_reply(replies[0])
    assert len(replies) == 2, replies
    assert "Standstill lasts at least 8 working days" in replies[1].text, replies[1].text
    assert len(_crisis_events(factory)) == 1
    assert _safeguarding(factory) == []
    # The question alone is kept, as any question is; the crisis words never are.
    assert all("cope" not in text for text in _questions_kept(factory))


# 4. The writer's own abuse and their own crisis in one message: raised as a concern (as
# before), one case, and the same reply carries the crisis support.
@pytest.mark.parametrize("words", [
    "my partner hits me and I want to die",
    "my husband beats me. i cant go on",
])
def test_own_abuse_beside_own_crisis_is_raised_once_with_the_crisis_support(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    [reply] = _all(router, words)
    assert reply.text.startswith("This sounds like a safeguarding concern."), reply.text
    assert "116 123" in reply.text
    assert "SHOUT to 85258" in reply.text
    assert "I haven't passed this on" not in reply.text  # it has been: the hub is told
    assert len(_safeguarding(factory)) == 1


# -- session 45's review --------------------------------------------------------------------------
# 1. A plan to end their life, or nobody missing them: sent to the hub as a concern about someone
# else, "notify CQC", no crisis numbers. 3. Pills saved up, "kms": no support at all ("I don't
# know the answer to that").
@pytest.mark.parametrize("words", [
    "i have a plan to end my life",
    "cant go on like this, i have a plan to end my life",
    "nobody would miss me if i was gone",
    "im so tired of everything, nobody would miss me",
    "no one would even notice if i was gone",
    "i have pills saved up and i'm ready",
    "ive been saving up my tablets",
    "kms",
    # ... with "tbh" after it, or "omg" before it
    "Nobody would miss me tbh",
    "omg kms",
])
def test_a_plan_pills_saved_or_nobody_missing_them_gets_the_crisis_reply(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    [reply] = _all(router, words)
    _is_the_crisis_reply(reply)
    assert _safeguarding(factory) == []
    assert _to_hub(factory) == []
    assert _questions_kept(factory) == []
    assert len(_crisis_events(factory)) == 1


def test_kms_beside_a_question_gets_the_crisis_reply_then_the_answer(
        router: Router, factory: sessionmaker[Session]) -> None:
    replies = _all(router, "kms. anyway how do i submit a return")
    _is_the_crisis_reply(replies[0])
    assert len(replies) == 2, replies
    assert replies[1].text.startswith('On "'), replies[1].text
    assert len(_crisis_events(factory)) == 1
    assert _safeguarding(factory) == []
    assert all("kms" not in text for text in _questions_kept(factory))


# Someone cared for, or figures of speech, stay as they were.
@pytest.mark.parametrize("words", [
    "mrs b has a plan to end her life",
    "a resident says nobody would miss her if she was gone",
])
def test_someone_elses_plan_or_pills_saved_stays_a_concern(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    told = _all(router, words)[0]
    assert told.text.startswith("This sounds like a safeguarding concern."), (words, told.text)
    assert len(_safeguarding(factory)) == 1
    assert _crisis_events(factory) == []


@pytest.mark.parametrize("words", [
    "this tender is killing me",
    "i could die of embarrassment",
    "i want to end it all with this contract",
    "the run is 40 kms each way, is mileage paid?",
    "nobody would miss me at the provider forum, can i skip it?",
    "ive got tablets stockpiled in the office for the residents, is that allowed?",
    "RC-101 has pills saved up in her drawer",  # hers: never the writer's crisis
])
def test_figures_of_speech_and_work_talk_get_no_crisis_reply(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _all(router, words)
    assert replies, words
    assert all("116 123" not in reply.text for reply in replies), replies
    assert _crisis_events(factory) == []


# 2. Bullied by their own manager, and their own crisis: no concern about someone cared for (it
# went to the hub, "notify CQC", no crisis numbers); the crisis reply, pointing to HR, a union or
# Acas for the bullying, not to the manager.
@pytest.mark.parametrize("words", [
    "my manager bullies me and i want to end my life",
    "im being bullied at work and i want to die",
    "my boss keeps picking on me, i cant go on",
])
def test_bullied_at_work_beside_their_own_crisis_gets_the_crisis_reply(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    [reply] = _all(router, words)
    assert "116 123" in reply.text, reply.text
    assert "SHOUT to 85258" in reply.text
    assert "CQC" not in reply.text
    assert "This sounds like a safeguarding concern" not in reply.text
    assert "Acas" in reply.text
    assert "Your manager, your GP" not in reply.text  # the manager may be the bully
    assert [button.label for button in reply.buttons] == ["Tell the safeguarding team"]
    assert _safeguarding(factory) == []
    assert _to_hub(factory) == []
    assert len(_crisis_events(factory)) == 1


def test_a_manager_bullying_residents_beside_a_crisis_stays_a_concern(
        router: Router, factory: sessionmaker[Session]) -> None:
    told = _all(router, "my manager bullies the residents and i want to die")[0]
    assert told.text.startswith("This sounds like a safeguarding concern."), told.text
    assert len(_safeguarding(factory)) == 1


# Bullied at work, and nothing else (session 45's review: an URGENT concern to the hub under the
# writer's name, "notify CQC"): support that points to Acas, HR or a union, no case, the hub only
# if they press the button; anyone cared for told beside it stays a concern.
@pytest.mark.parametrize("words", [
    "my manager bullies me",
    "my manager keeps picking on me",
    "im being bullied at work",
])
def test_bullied_at_work_alone_gets_support_and_no_case(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    [reply] = _all(router, words)
    assert reply.text.startswith("I'm sorry you're being treated like that"), reply.text
    assert "Acas" in reply.text
    assert "0300 123 1100" in reply.text
    assert "CQC" not in reply.text
    assert [button.label for button in reply.buttons] == ["Tell the safeguarding team"]
    assert _safeguarding(factory) == []
    assert _to_hub(factory) == []


@pytest.mark.parametrize("words", [
    "my manager bullies me and the residents",
    "my manager bullies me, she shouts at mrs b too",
    "the manager bullies the residents",
])
def test_bullying_that_reaches_someone_cared_for_stays_a_concern(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    told = _all(router, words)[0]
    assert told.text.startswith("This sounds like a safeguarding concern."), told.text
    assert len(_safeguarding(factory)) == 1


# -- session 45's final review --------------------------------------------------------------------
# "kms" after "want to" or "might", and "what's the point in living": no support at all ("I don't
# know the answer to that"), or only "Is this about someone's safety?" with a button that would
# send the writer's own crisis to the hub.
@pytest.mark.parametrize("words", [
    "i want to kms",
    "might kms tonight",
    "honestly i just want to kms",
    "whats the point in living",
    "i dont see the point in living anymore",
    "what is the point of living any more",
    "i cant see any point in living",
    "gonna kms tonight",
])
def test_kms_after_want_to_or_no_point_in_living_gets_the_crisis_reply(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    [reply] = _all(router, words)
    _is_the_crisis_reply(reply)
    assert _safeguarding(factory) == []
    assert _to_hub(factory) == []
    assert len(_crisis_events(factory)) == 1


@pytest.mark.parametrize("words", [
    "i could kms lol this portal",
    "whats the point in going on with this tender",
    "i dont see the point in living wage uplifts if the fees dont move",
])
def test_kms_as_a_joke_or_the_point_of_the_work_gets_no_crisis_reply(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _all(router, words)
    assert replies, words
    assert all("116 123" not in reply.text for reply in replies), replies
    assert _crisis_events(factory) == []


# The same review's missed concerns about people cared for, told with a neighbouring word: raised
# at once with the hub's reference, never the crisis reply (the words are someone else's).
@pytest.mark.parametrize("words", [
    "resident in rm 3 said hed stab the staff tonite",
    "the daughter said shes going to smother her mum",
    "mr d keeps sayin he'll swallow all his pills tonite",
    "nurse is crushing lorazepam into mr h's tea without him knowing so he stops shouting",
    "staff r giving mrs o her prn lorazepam every nite just to keep her settled",
    "staff put a pic of mr g asleep with his mouth open on snapchat",
    "gloves n pads ran out so carers r reusing them",
])
def test_neighbouring_words_of_harm_to_someone_cared_for_are_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    told = _all(router, words)[0]
    assert told.text.startswith("This sounds like a safeguarding concern."), (words, told.text)
    assert "PB-" in told.text, told.text
    assert len(_safeguarding(factory)) == 1
    assert _crisis_events(factory) == []
