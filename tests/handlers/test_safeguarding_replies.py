"""Session 43's replies brief, as dialogs through the router: the provider's next message after
the hub's comment on their concern is their reply on it (never a safety question, never a second
case), and "what happens now?" right after a concern is raised is answered from the case."""

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

CONCERN = ("im worried about the resident in RV-0042, she has bruises on both arms and says a "
           "carer grabbed her last night")
ASKED = ("thanks for raising this. has the carer been taken off shift and has the family been "
         "told?")


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _say(router: Router, text: str, sender: str = SAM) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender))


def _cases(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case).order_by(Case.id)))


def _comments(factory: sessionmaker[Session], reference: str) -> list[str]:
    with factory() as session:
        return list(session.scalars(select(CaseEvent.text).join(
            Case, Case.id == CaseEvent.case_id).where(
            Case.reference == reference, CaseEvent.action == "comment").order_by(CaseEvent.id)))


def _last_to(factory: sessionmaker[Session], email: str) -> OutboxMessage:
    with factory() as session:
        person = session.scalars(select(Person.id).where(Person.email == email)).one()
        return session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == person).order_by(OutboxMessage.id.desc())).first()


def _raised_and_asked(router: Router, clock: Clock) -> str:
    """Sam's concern, the hub's acknowledgement and question on it: its reference."""
    [raised] = _say(router, CONCERN)
    assert raised.text.startswith("This sounds like a safeguarding concern."), raised.text
    reference = raised.text.split("(reference ")[1].split(")")[0]
    clock.now += timedelta(minutes=30)
    _say(router, f"/case {reference} acknowledge", sender=HUB)
    _say(router, f"/case {reference} comment {ASKED}", sender=HUB)
    clock.now += timedelta(minutes=5)
    return reference


# The trial's replies: the first three were asked "Is this about someone's safety?" and not
# added; the fourth opened a second URGENT case. The rules read harm in the fourth (its bruises):
# the hub's message says it is URGENT.
REPLIES = (
    ("yes hes off the rota pending investigation and her daughter was told this morning", False),
    ("her daughter was told this morning", False),
    ("yes carer taken off shift, family told", False),
    ("yes the carer is suspended and we told her daughter, we've kept the bruises photographed",
     True),
)


def test_the_next_message_after_the_hubs_question_is_the_reply_on_the_concern(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    reference = _raised_and_asked(router, clock)
    invited = _last_to(factory, SAM).payload["text"]
    assert invited.endswith("Press Reply to answer, or type your answer as your next message "
                            "today."), invited
    for turn, (words, harm) in enumerate(REPLIES):
        if turn:  # the hub asks again: a new invitation
            _say(router, f"/case {reference} comment anything else?", sender=HUB)
            clock.now += timedelta(minutes=5)
        [reply] = _say(router, words)
        assert reply.text == (
            f"Added to the safeguarding concern {reference} as your reply, and the hub is told "
            "now. If anyone is in immediate danger, call 999."), (words, reply.text)
        assert _comments(factory, reference)[-1] == words
        assert len(_cases(factory)) == 1, words
        told = _last_to(factory, HUB)
        assert told.urgent, words
        assert words in told.payload["text"], words
        assert told.payload["text"].startswith("URGENT") is harm, (words, told.payload["text"])
        clock.now += timedelta(minutes=5)
    # A thank-you is no reply: no urgent message to the hub for it.
    _say(router, f"/case {reference} comment thanks, that is all for now", sender=HUB)
    clock.now += timedelta(minutes=5)
    [thanks, *_] = _say(router, "ok thanks")
    assert not thanks.text.startswith("Added"), thanks.text
    assert _comments(factory, reference)[-1] == "thanks, that is all for now"


@pytest.mark.parametrize("words", [
    "yes hes off the rota. RV-0077 now says the same carer slapped her too",
    # Session 43's review: added to the first concern alone, a new person with a new abuser.
    "also a different resident on the top floor says her son punched her at the weekend",
])
def test_new_harm_to_another_placement_in_the_reply_is_added_and_raised_of_its_own(
        router: Router, factory: sessionmaker[Session], clock: Clock, words: str) -> None:
    # Decided: the reply is never lost (added to the concern, the hub's message URGENT); harm to
    # another person, named by their placement, is also a concern of its own, with its own clock
    # (session 34's rule), not a duplicate of this one.
    reference = _raised_and_asked(router, clock)
    replies = _say(router, words)
    assert replies[0].text.startswith(
        f"Added to the safeguarding concern {reference} as your reply"), replies[0].text
    assert _comments(factory, reference)[-1] == words
    assert any(reply.text.startswith("This sounds like a safeguarding concern.")
               for reply in replies[1:]), [reply.text for reply in replies]
    first, second = _cases(factory)
    assert first.reference == reference
    assert words in second.description
    assert _last_to(factory, HUB).urgent


def test_without_the_invitation_pending_a_concern_is_read_as_before(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    reference = _raised_and_asked(router, clock)
    clock.now += timedelta(days=1)  # no longer "your next message today"
    replies = _say(router, "RV-0042 says the night carer hit her again")
    assert not replies[0].text.startswith(f"Added to the safeguarding concern {reference} as "
                                          "your reply"), replies[0].text


# -- "what happens now?" right after a concern (the brief's item 2) -----------------------------
@pytest.mark.parametrize(("text", "asks"), [
    ("what happens now", True),
    ("what happens now?", True),
    ("what now?", True),
    ("will anyone actually do anything", True),
    ("so what happens next", True),
    ("is anyone going to do anything about it?", True),
    ("when will i hear back from them", True),
    ("has anyone seen it yet?", True),
    ("what happens now with the invoice for RV-0042", False),
    ("when will i hear back about my tender bid", False),
    ("what happens if a provider misses the tender deadline", False),
    ("now what is the standstill period", False),
])
def test_asks_what_happens_now(text: str, asks: bool) -> None:
    assert (asks_what_happens_now(text) is not None) is asks


def test_what_happens_now_right_after_a_concern_is_answered_from_the_case(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    [raised] = _say(router, "a resident RV-0042 told me the night carer hit her")
    reference = raised.text.split("(reference ")[1].split(")")[0]
    for words in ("what happens now", "will anyone actually do anything", "what now?"):
        clock.now += timedelta(minutes=2)
        [reply] = _say(router, words)
        assert reply.text.startswith(f"The safeguarding hub has your concern {reference}"), (
            words, reply.text)
        assert "acknowledge it within the hour" in reply.text
        assert "999" in reply.text
        assert f"/case {reference} shows how it stands" in reply.text
        assert "I don't know" not in reply.text
    assert len(_cases(factory)) == 1
    # Once the hub has acknowledged it, the answer says so.
    _say(router, f"/case {reference} acknowledge", sender=HUB)
    clock.now += timedelta(minutes=2)
    [reply] = _say(router, "when will i hear back from them")
    assert reply.text.startswith(f"The safeguarding hub has your concern {reference} and has "
                                 "acknowledged it: they will contact you today."), reply.text
    # A day and more later it is a question like any other.
    clock.now += timedelta(days=2)
    [later, *_] = _say(router, "what happens now")
    assert not later.text.startswith("The safeguarding hub has your concern"), later.text


def test_what_happens_now_with_no_concern_raised_is_the_knowledge_bases(
        router: Router) -> None:
    [reply, *_] = _say(router, "what happens now")
    assert not reply.text.startswith("The safeguarding hub has your concern"), reply.text
