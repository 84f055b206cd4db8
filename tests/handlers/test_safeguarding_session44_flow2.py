"""Session 44's second flow brief (the safety review's dialogs), through the router: what happens
after a provider raised a safeguarding concern. More of it told with "he" about the carer the
concern told of ("he also took her phone" after "a carer slapped mrs d", even after a question
between), or the carer's name, is added to it, never a second URGENT case; harm to a new person
("mr e's daughter has done the same to him", "her daughter ... has bruises too") is raised of
its own; and follow-ups in other words ("will someone ring me back?", "what's the reference?",
"do i tell her family?", "should we stop using that agency?") are answered from the concern."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, CaseEvent, OutboxMessage, Person
from handlers.safeguarding import asks_what_happens_now
from tests.factories import Clock, make_incoming
from tests.handlers.conftest import HUB, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

RAISED = "This sounds like a safeguarding concern."
ADDED = "I've added this to the safeguarding concern {reference} and the hub is told now."
WHAT_NOW = "The safeguarding hub has your concern {reference}"
DONT_KNOW = "I don't know the answer to that"
CHECK = "Is this about someone's safety?"
PUSHED = "a carer pushed mrs f over in the lounge, she has a cut on her head"


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _say(router: Router, text: str, sender: str = SAM) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender))


def _shown(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


def _cases(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case).order_by(Case.id)))


def _comments(factory: sessionmaker[Session], reference: str) -> list[str]:
    with factory() as session:
        return list(session.scalars(select(CaseEvent.text).join(
            Case, Case.id == CaseEvent.case_id).where(
            Case.reference == reference, CaseEvent.action == "comment").order_by(CaseEvent.id)))


def _to(factory: sessionmaker[Session], email: str) -> list[OutboxMessage]:
    """Every message sent to ``email``, oldest first."""
    with factory() as session:
        person = session.scalars(select(Person.id).where(Person.email == email)).one()
        return list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == person).order_by(OutboxMessage.id)))


def _raised(router: Router, clock: Clock, words: str) -> str:
    """Sam's concern in ``words``, raised: its reference. The clock then moves on a little."""
    [raised] = _say(router, words)
    assert raised.text.startswith(RAISED), raised.text
    clock.now += timedelta(minutes=2)
    return raised.text.split("(reference ")[1].split(")")[0]


def _no_text_twice(messages: list[OutboxMessage]) -> None:
    texts = [message.payload["text"] for message in messages]
    assert len(texts) == len(set(texts)), texts


def _added_once(router: Router, factory: sessionmaker[Session], reference: str,
                words: str) -> None:
    """``words`` said now are added to the concern ``reference``: one comment, one update for
    the hub, no second case."""
    before = _to(factory, HUB)
    replies = _say(router, words)
    shown = _shown(replies)
    assert replies[0].text.startswith(ADDED.format(reference=reference)), shown
    assert RAISED not in shown, shown
    assert CHECK not in shown, shown
    assert len(_cases(factory)) == 1, shown
    assert len(_comments(factory, reference)) == 1
    after = _to(factory, HUB)
    [update] = after[len(before):]
    assert update.payload["text"].startswith(f"Update on safeguarding concern {reference}"), (
        update.payload["text"])
    assert update.urgent
    _no_text_twice(after)


# -- 1. more of it, told after a question between (G03) or of the carer (C04, C16) ------------
def test_an_update_after_a_follow_up_question_is_added_to_the_concern(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # G03: a second URGENT case, as psychological abuse.
    reference = _raised(router, clock, "a carer slapped mrs d")
    [asked] = _say(router, "will someone call me?")
    assert asked.text.startswith(WHAT_NOW.format(reference=reference)), asked.text
    clock.now += timedelta(minutes=2)
    _added_once(router, factory, reference, "he also took her phone")
    assert _comments(factory, reference) == ["he also took her phone"]


def test_what_she_said_he_did_is_added_to_the_concern(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # C04: "he" is the carer the concern told of, "her" Mrs F.
    reference = _raised(router, clock, PUSHED)
    _added_once(router, factory, reference, "she also said he pushed her last week too")


def test_the_carers_name_and_shift_are_added_to_the_concern(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # C16: news about the carer the concern told of, not a concern of its own.
    reference = _raised(router, clock, "resident says a night carer hit her")
    _added_once(router, factory, reference,
                "the carer is called dave and he's on shift again tonight")
    [comment] = _comments(factory, reference)
    assert "dave" not in comment.lower(), comment  # names cut to initials, as before


@pytest.mark.parametrize("words", [
    "he has a black eye too", "he also has bruises on his arm",
    "the carer is called dave and he also hit mr k", "the same carer also hit him"])
def test_harm_to_a_man_after_a_concern_about_her_is_still_a_concern_of_its_own(
        router: Router, factory: sessionmaker[Session], clock: Clock, words: str) -> None:
    reference = _raised(router, clock, "a carer slapped mrs d")
    replies = _say(router, words)
    assert replies[0].text.startswith(RAISED), _shown(replies)
    assert len(_cases(factory)) == 2, words
    assert _comments(factory, reference) == []


# -- 2. a new person harmed is raised of their own (G09, C34) --------------------------------
def test_the_same_done_to_someone_new_is_raised_of_its_own(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # G09: only "Is this about someone's safety?" was asked; the hub was never told.
    first = _raised(router, clock, "mrs d's son took her bank card")
    before = _to(factory, HUB)
    replies = _say(router, "and mr e's daughter has done the same to him")
    shown = _shown(replies)
    assert replies[0].text.startswith(RAISED), shown
    assert CHECK not in shown, shown
    old, new = _cases(factory)
    assert old.reference == first
    assert new.summary == "Safeguarding concern (financial abuse)", new.summary
    assert "mr e's daughter has done the same to him" in new.description.lower()
    assert first in new.description, new.description  # what "the same" is
    assert _comments(factory, first) == []
    after = _to(factory, HUB)
    [alert] = after[len(before):]
    assert alert.payload["text"].startswith(
        f"URGENT safeguarding concern {new.reference} (financial abuse)"), alert.payload["text"]
    assert first in alert.payload["text"]
    _no_text_twice(after)


def test_a_daughter_with_bruises_is_raised_of_her_own(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # C34: added to the client's concern as an update.
    first = _raised(router, clock, "a client told me her husband hits her")
    before = _to(factory, HUB)
    replies = _say(router, "also her daughter who lives with them has bruises too")
    assert replies[0].text.startswith(RAISED), _shown(replies)
    old, new = _cases(factory)
    assert old.reference == first
    assert "daughter" in new.description
    assert _comments(factory, first) == []
    after = _to(factory, HUB)
    assert len(after) == len(before) + 1
    _no_text_twice(after)


@pytest.mark.parametrize("words", [
    "her daughter told us he hit her again", "her daughter told us she was hit again",
    "he also hits her daughter"])
def test_what_her_daughter_told_or_harm_to_her_daughter(
        router: Router, factory: sessionmaker[Session], clock: Clock, words: str) -> None:
    first = _raised(router, clock, "a client told me her husband hits her")
    replies = _say(router, words)
    if "told us" in words:  # the same person, told by her daughter
        assert replies[0].text.startswith(ADDED.format(reference=first)), _shown(replies)
        assert len(_cases(factory)) == 1
    else:  # the daughter harmed
        assert replies[0].text.startswith(RAISED), _shown(replies)
        assert len(_cases(factory)) == 2


# -- 3. follow-ups in other words, answered from the concern ---------------------------------
@pytest.mark.parametrize("words", [
    "will someone ring me back?", "will anyone get back to me today?",
    "who will contact me and when?"])
def test_when_will_someone_contact_me_is_answered_from_the_concern(
        router: Router, factory: sessionmaker[Session], clock: Clock, words: str) -> None:
    # C02, C25, C11: "Is this about someone's safety?", "I don't know", or an entry.
    reference = _raised(router, clock, PUSHED)
    alerts = len(_to(factory, HUB))
    [reply] = _say(router, words)
    assert reply.text.startswith(WHAT_NOW.format(reference=reference)), (words, reply.text)
    assert "contact you today" in reply.text
    assert len(_cases(factory)) == 1
    assert len(_to(factory, HUB)) == alerts


@pytest.mark.parametrize("words", ["is that all i need to do?",
                                   "is there anything else i should do?"])
def test_is_there_anything_else_to_do_is_answered_from_the_concern(
        router: Router, factory: sessionmaker[Session], clock: Clock, words: str) -> None:
    # C20, C33: "I don't know the answer to that".
    reference = _raised(router, clock, PUSHED)
    alerts = len(_to(factory, HUB))
    [reply] = _say(router, words)
    assert reply.text.startswith(WHAT_NOW.format(reference=reference)), (words, reply.text)
    assert "write down what you saw" in reply.text, reply.text
    assert "999" in reply.text
    assert len(_cases(factory)) == 1
    assert len(_to(factory, HUB)) == alerts


def test_whats_the_reference_gives_the_concerns_reference(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # C26: offered entries on DBS referrals and needs assessments.
    reference = _raised(router, clock, PUSHED)
    [reply] = _say(router, "what's the reference?")
    assert reply.text.startswith(f"Your concern's reference is {reference}."), reply.text
    assert len(_cases(factory)) == 1


def test_thanks_for_your_help_gets_a_kind_short_reply(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # C29: "I don't know the answer to that".
    reference = _raised(router, clock, PUSHED)
    alerts = len(_to(factory, HUB))
    [reply] = _say(router, "great, thanks for your help")
    assert reply.text.startswith("You're welcome."), reply.text
    assert reference in reply.text
    assert DONT_KNOW not in reply.text
    assert len(reply.text) < 300, reply.text
    assert len(_to(factory, HUB)) == alerts


def test_do_i_tell_her_family_gets_a_short_careful_reply(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # C23: "I don't know the answer to that".
    reference = _raised(router, clock, PUSHED)
    [reply] = _say(router, "do i tell her family?")
    assert reference in reply.text, reply.text
    assert "hub will advise" in reply.text, reply.text
    assert DONT_KNOW not in reply.text
    assert len(reply.text) < 500, reply.text
    assert len(_cases(factory)) == 1


def test_she_did_not_want_me_to_tell_gets_you_were_right_to_tell(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # C32: asked "Is this about someone's safety?", then "I don't know".
    reference = _raised(router, clock, PUSHED)
    alerts = len(_to(factory, HUB))
    [reply] = _say(router, "she doesn't want me to tell anyone, have i done wrong?")
    text = reply.text
    assert text.startswith("You were right to tell"), text
    assert reference in text, text
    assert "hub will advise" in text, text
    for verdict in ("lawful", "unlawful", "legal", "breach", "GDPR"):
        assert verdict not in text, text
    assert len(text) < 500, text
    assert len(_cases(factory)) == 1
    assert len(_to(factory, HUB)) == alerts


@pytest.mark.parametrize("words", [
    "should we stop using that agency?",
    "can i move the carer to another home while you look into it?"])
def test_the_agency_or_moving_the_carer_gets_a_short_careful_reply(
        router: Router, factory: sessionmaker[Session], clock: Clock, words: str) -> None:
    # C30, C17: "I don't know", or entries on TUPE and sponsor licences.
    reference = _raised(router, clock, PUSHED)
    alerts = len(_to(factory, HUB))
    [reply] = _say(router, words)
    text = reply.text
    assert "safe" in text, text
    assert f"hub will advise on your concern {reference}" in text, text
    for wrong in ("TUPE", "sponsor", DONT_KNOW):
        assert wrong not in text, text
    assert len(text) < 600, text
    assert len(_cases(factory)) == 1
    assert len(_to(factory, HUB)) == alerts


@pytest.mark.parametrize("words", [
    "what's the reference?", "do i tell her family?", "should we stop using that agency?",
    "is there anything else i should do?"])
def test_such_words_with_no_concern_just_raised_are_not_answered_from_one(
        router: Router, clock: Clock, words: str) -> None:
    _raised(router, clock, PUSHED)
    _say(router, "when is the next provider forum?")
    clock.now += timedelta(minutes=2)
    replies = _say(router, words)
    assert "safeguarding concern PB-" not in _shown(replies), _shown(replies)
    assert not replies[0].text.startswith(("Your concern's reference", "You were right")), (
        replies[0].text)


@pytest.mark.parametrize(("text", "asked"), [
    ("will someone ring me back?", "after"), ("will anyone get back to me today?", "after"),
    ("who will contact me and when?", "after"), ("is that all i need to do?", "todo"),
    ("is there anything else i should do?", "todo"), ("what's the reference?", "reference"),
    ("great, thanks for your help", "thanks"), ("do i tell her family?", "family"),
    ("she doesn't want me to tell anyone, have i done wrong?", "wishes"),
    ("should we stop using that agency?", "staff"),
    ("can i move the carer to another home while you look into it?", "staff"),
    ("what's the reference for the tender?", None), ("should we stop using paper invoices?", None),
    ("can i move the meeting to another day?", None),
])
def test_asks_what_happens_now_in_yet_more_words(text: str, asked: str | None) -> None:
    assert asks_what_happens_now(text) == asked
