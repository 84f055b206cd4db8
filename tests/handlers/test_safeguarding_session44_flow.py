"""Session 44's flow brief, as dialogs through the router: what happens after a provider raised
a safeguarding concern. Follow-ups asked in other words are answered from the concern just
raised ("is that it?", "will someone call me?", "should I suspend the carer?"); updates typed
without an invitation are added to it ("he also took her phone"), never a second case, while
harm to another person is still raised of its own; the provider's answer to the hub's question
through the Reply button is added to the concern as their reply; and whether the hub's message
invited a reply is read once a message."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, CaseEvent, OutboxMessage, Person
from handlers.safeguarding import asks_what_happens_now
from tests.factories import Clock, make_incoming
from tests.handlers.conftest import HUB, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

CONCERN = "a carer slapped the resident in room 4 this morning"
RAISED = "This sounds like a safeguarding concern."
WHAT_NOW = "The safeguarding hub has your concern {reference}"


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _say(router: Router, text: str, sender: str = SAM) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender))


def _press(router: Router, action: str, value: str, sender: str = SAM) -> list[Reply]:
    return router.handle(make_incoming(sender=sender, action=action, action_value=value))


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


def _raised(router: Router, clock: Clock) -> str:
    """Sam's concern, raised: its reference. The clock then moves on a little."""
    [raised] = _say(router, CONCERN)
    assert raised.text.startswith(RAISED), raised.text
    clock.now += timedelta(minutes=2)
    return raised.text.split("(reference ")[1].split(")")[0]


def _no_text_twice(messages: list[OutboxMessage]) -> None:
    texts = [message.payload["text"] for message in messages]
    assert len(texts) == len(set(texts)), texts


# -- 1. follow-ups in other words are answered from the concern just raised ------------------
@pytest.mark.parametrize("words", [
    "is that it?", "will someone call me?", "so what's next?", "ok will the police be told?",
    "how long will it take?", "who will contact me?"])
def test_a_follow_up_in_other_words_is_answered_from_the_concern(
        router: Router, factory: sessionmaker[Session], clock: Clock, words: str) -> None:
    reference = _raised(router, clock)
    alerts = len(_to(factory, HUB))
    [reply] = _say(router, words)
    assert reply.text.startswith(WHAT_NOW.format(reference=reference)), (words, reply.text)
    assert "I don't know" not in reply.text
    assert f"/case {reference} shows how it stands" in reply.text
    assert len(_cases(factory)) == 1, words
    assert len(_to(factory, HUB)) == alerts, words  # nothing more for the hub


@pytest.mark.parametrize(("text", "asked"), [
    ("so what's next?", "now"), ("what are the next steps", "now"),
    ("ok will the police be told?", "police"), ("should we call the police?", "police"),
    ("should I suspend the carer?", "suspend"), ("should we suspend the staff member?", "suspend"),
    ("do we need to suspend him?", "suspend"), ("should the carer be suspended?", "suspend"),
    ("is that it?", "after"), ("will someone call me?", "after"),
    ("how long will it take?", "after"), ("who will contact me?", "after"),
    ("when will they be in touch?", "after"),
    ("how long will the tender take to evaluate?", None),
    ("should I suspend the contract?", None),
    ("will the council call me about the invoice?", None),
    ("what are the next steps for the uplift?", None),
])
def test_asks_what_happens_now_in_other_words(text: str, asked: str | None) -> None:
    assert asks_what_happens_now(text) == asked


def test_will_the_police_be_told_says_who_decides_and_when_to_call_them(
        router: Router, clock: Clock) -> None:
    reference = _raised(router, clock)
    [reply] = _say(router, "ok will the police be told?")
    assert reply.text.startswith(WHAT_NOW.format(reference=reference)), reply.text
    assert "police" in reply.text
    assert "999" in reply.text


@pytest.mark.parametrize("words", [
    "should I suspend the carer?", "should we suspend the staff member?"])
def test_should_i_suspend_the_carer_gets_a_short_careful_reply(
        router: Router, factory: sessionmaker[Session], clock: Clock, words: str) -> None:
    reference = _raised(router, clock)
    alerts = len(_to(factory, HUB))
    [reply] = _say(router, words)
    text = reply.text
    assert "embargo" not in text.lower(), text
    assert "sponsor" not in text.lower(), text
    assert "safe" in text, text
    assert "safeguarding and HR" in text or "HR polic" in text, text
    assert reference in text, text
    assert len(text) < 600, text
    assert len(_cases(factory)) == 1
    assert len(_to(factory, HUB)) == alerts


def test_should_i_suspend_the_carer_with_no_concern_is_not_answered_from_one(
        router: Router) -> None:
    [reply, *_] = _say(router, "should I suspend the carer?")
    assert "safeguarding concern PB-" not in reply.text, reply.text
    assert not reply.text.startswith("The safeguarding hub has your concern"), reply.text


def test_a_follow_up_days_later_is_not_answered_from_the_concern(
        router: Router, clock: Clock) -> None:
    _raised(router, clock)
    clock.now += timedelta(days=2)
    [reply, *_] = _say(router, "will someone call me?")
    assert not reply.text.startswith("The safeguarding hub has your concern"), reply.text


# -- 2. updates typed without an invitation are added to the concern just raised --------------
@pytest.mark.parametrize("words", [
    "he also took her phone", "the resident has a black eye now",
    "she's crying now and won't eat"])
def test_an_update_right_after_the_concern_is_added_to_it(
        router: Router, factory: sessionmaker[Session], clock: Clock, words: str) -> None:
    reference = _raised(router, clock)
    before = _to(factory, HUB)
    replies = _say(router, words)
    assert replies[0].text.startswith(
        f"I've added this to the safeguarding concern {reference} and the hub is told now."), (
        words, [reply.text for reply in replies])
    assert "Is this about someone's safety?" not in "\n".join(r.text for r in replies)
    assert _comments(factory, reference) == [words]
    assert len(_cases(factory)) == 1, words
    after = _to(factory, HUB)
    [update] = after[len(before):]
    assert words in update.payload["text"], update.payload["text"]
    assert update.urgent
    _no_text_twice(after)


def test_updates_one_after_another_are_each_added_once(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    reference = _raised(router, clock)
    updates = ("he also took her phone", "the resident has a black eye now",
               "she's crying now and won't eat")
    for words in updates:
        _say(router, words)
        clock.now += timedelta(minutes=3)
    assert _comments(factory, reference) == list(updates)
    assert len(_cases(factory)) == 1
    hub = _to(factory, HUB)
    assert len(hub) == 1 + len(updates)
    _no_text_twice(hub)


def test_another_person_after_the_concern_is_still_raised_of_its_own(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    reference = _raised(router, clock)
    replies = _say(router, "another resident says the same carer pushed him")
    assert replies[0].text.startswith(RAISED), replies[0].text
    first, second = _cases(factory)
    assert first.reference == reference
    assert "another resident" in second.description
    assert _comments(factory, reference) == []


def test_a_resident_told_of_after_the_concern_is_someone_else(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # "a resident" is not "the resident" the concern told of: when unsure, someone else.
    _raised(router, clock)
    replies = _say(router, "a resident now has bruises on her arms")
    assert replies[0].text.startswith(RAISED), replies[0].text
    assert len(_cases(factory)) == 2


def test_residents_told_of_after_the_concern_are_more_than_its_own(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    _raised(router, clock)
    replies = _say(router, "the same carer is now slapping residents on the top floor")
    assert replies[0].text.startswith(RAISED), replies[0].text
    assert len(_cases(factory)) == 2


def test_a_follow_up_question_after_an_update_is_still_answered_from_the_concern(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    reference = _raised(router, clock)
    _say(router, "he also took her phone")
    clock.now += timedelta(minutes=2)
    [reply] = _say(router, "is that it?")
    assert reply.text.startswith(WHAT_NOW.format(reference=reference)), reply.text
    # Once something else was asked, such words are a question like any other.
    _say(router, "when is the next provider forum?")
    clock.now += timedelta(minutes=2)
    [later, *_] = _say(router, "how long will it take?")
    assert not later.text.startswith("The safeguarding hub has your concern"), later.text


# -- 3. the answer to the hub's question through the Reply button ------------------------------
@pytest.mark.parametrize("asked", [
    "ask has the carer been suspended?",  # a yes or no question: the answer form
    "ask what has happened since?",
    "comment has the family been told?"])
def test_an_answer_with_harm_through_the_reply_button_is_added_as_the_reply(
        router: Router, factory: sessionmaker[Session], clock: Clock, asked: str) -> None:
    reference = _raised(router, clock)
    _say(router, f"/case {reference} acknowledge", sender=HUB)
    _say(router, f"/case {reference} {asked}", sender=HUB)
    clock.now += timedelta(minutes=5)
    [question] = [message for message in _to(factory, SAM)
                  if message.kind in ("case.information_requested", "case.comment")]
    [button] = question.payload["buttons"]
    assert button["label"] == "Reply"
    _press(router, button["action"], button["value"])
    clock.now += timedelta(minutes=1)
    before = _to(factory, HUB)
    words = "yes he hit her again last night"
    replies = _say(router, words)
    shown = "\n".join(reply.text for reply in replies)
    assert RAISED not in shown, shown
    assert replies[0].text.startswith(
        f"Added to the safeguarding concern {reference} as your reply, and the hub is told "
        "now."), shown
    assert len(_cases(factory)) == 1, shown
    assert _comments(factory, reference)[-1] == words
    after = _to(factory, HUB)
    new = after[len(before):]
    assert len(new) == 1, [message.payload["text"] for message in new]
    assert words in new[0].payload["text"]
    assert new[0].payload["text"].startswith(
        f"URGENT: Update on safeguarding concern {reference}"), new[0].payload["text"]
    assert new[0].urgent
    _no_text_twice(after)


# -- 4. whether the hub's message invited a reply is read once a message -----------------------
@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    """Every SELECT run while the test's block runs."""
    seen: list[str] = []

    def count(*args: object) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):
            seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _last_outbox_reads(seen: list[str]) -> list[str]:
    """The reads of the newest message sent to someone (``reply_invited``'s first step)."""
    return [statement for statement in seen if "FROM outbox" in statement
            and "ORDER BY outbox.id DESC" in statement]


def _conflict(router: Router) -> str:
    """Sam's payment disagreement, no placement: its reference."""
    def pressed(replies: list[Reply], label: str) -> list[Reply]:
        [button] = [b for reply in replies for b in reply.buttons if b.label == label]
        return _press(router, button.action, button.value)

    replies = pressed(_say(router, "/conflict"), "Payment")
    pressed(replies, "Skip")
    _say(router, "Invoice INV-7 is 40 days unpaid.")
    done = pressed(_say(router, "Payment this week, and the 10-day rule kept."), "Send")
    assert done[0].text.startswith("Thank you. Your case is PB-2026-"), done[0].text
    return done[0].text.split()[5].rstrip(",")


def test_the_invitation_is_read_once_for_a_reply_on_a_case_that_is_no_concern(
        router: Router, factory: sessionmaker[Session], clock: Clock,
        statements: list[str]) -> None:
    # The middleware asks whether the council's message invited a reply (a concern's reply is
    # added there); the case's reply route asks it again of the same message: one query.
    reference = _conflict(router)
    clock.now += timedelta(minutes=5)
    _say(router, f"/case {reference} comment Is this for the carers support contract or the "
                 "spot-purchased sessions?", sender="priya@northshire.example")
    clock.now += timedelta(minutes=5)
    statements.clear()
    [reply] = _say(router, "carers support contract")
    assert reply.text == (f"Added to your case {reference}: “carers support contract”. "
                          "The council is told."), reply.text
    assert len(_last_outbox_reads(statements)) == 1, _last_outbox_reads(statements)
