"""What is typed at the concern form's "What has happened, and to whom?", as dialogs through the
router (session 42's trial): a clear retraction ("no sorry, its about pay not safety") is a no,
nothing raised; anything that tells of harm, or that is not wholly a retraction, is raised."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, OutboxMessage
from handlers.safeguarding import retracted
from tests.factories import make_incoming
from tests.handlers.conftest import SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _say(router: Router, text: str = "", **kwargs: object) -> list[Reply]:
    return router.handle(make_incoming(text, sender=SAM, **kwargs))  # type: ignore[arg-type]


def _press(router: Router, reply: Reply, label: str) -> list[Reply]:
    [button] = [b for b in reply.buttons if b.label == label]
    return _say(router, action=button.action, action_value=button.value)


def _cases(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case)))


def _alerts(factory: sessionmaker[Session]) -> list[OutboxMessage]:
    with factory() as session:
        return list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "safeguarding.raised")))


def _the_form_open(router: Router) -> None:
    """The how-to guidance's "Raise a concern now" pressed: "What has happened?" waits."""
    [guidance] = _say(router, "what should I do if I suspect neglect")
    [form] = _press(router, guidance, "Raise a concern now")
    assert "What has happened, and to whom?" in form.text


NOTHING_RAISED = "Thank you: nothing has been raised."

# Taken back at "What has happened, and to whom?": a no, nothing raised.
RETRACTIONS = [
    "no sorry, its about pay not safety",
    "sorry, its about pay not safety",
    "no its about the rates not anyones safety",
    "not a safeguarding issue, its about the fees",
    "its not about safety, its about money",
    "sorry wrong button, its a payment question",
    "no, I meant our staff's pay",
    "i meant the rates, not a safety thing",
    "no, nobody is at risk, its about the contract",
    "no one is in danger, I was talking about wages",
    "sorry, I didn't mean to press that",
    "didnt mean to click that",
    "no, its about our funding, sorry",
    "nothing has happened, it was about the invoice",
    "nothing happened, sorry",
    "no its a money issue not safeguarding",
    "it's a business concern not a safeguarding one",
    "sorry, misunderstanding, its about the uplift",
    "no, everyone is safe, it's about the rates",
    "no need, its about pay",
    "no its about our carers pay, not about harm",
    "oops wrong button",
    "no, this is about staff wages, nobody's safety",
    "sorry i got confused, its about the invoice being late",
    "dont raise anything, its about the fees",
    "please don't send that, it's about pay",
    "no, it was about the late payment",
    "not safety, pay",
    "no - it's a pay issue",
    "its about the hourly rate, sorry",
    "no its a question about the contract not about a person",
    "sorry, I meant to ask about the tender",
    "no safeguarding issue here, just the rates",
    "cancel, its about money",
    "no, false alarm, its about the rates",
    "i changed my mind, its not a safety issue",
    "nobody is hurt, I was venting about the rates",
    "no, it's about the contract price, not about anyone's safety",
    "No sorry - it's about pay, not safety!",
    "not a safeguarding concern, sorry. its the rates",
]

# Typed at the same question, they tell of harm (or more than a retraction): raised.
HARMS = [
    "no, she has bruises",
    "no food left in her flat for days",
    "not safe at home, her son hits her",
    "no sorry, she has bruises on her arms",
    "sorry, its about RC-101, her son takes her pension",
    "not about pay, a carer slapped her",
    "its not about money, he was left in a wet bed all night",
    "no, her daughter is taking her money",
    "no one has been in to see her since friday",
    "not a pay thing, staff are shouting at residents",
    "sorry, the night carer is rough with her",
    "its about pay, and the night staff are taking money from residents",
    "no, wrong button, but she does have a black eye",
    "not about safety exactly, but she is scared of her son",
    "no nothing, just that she hasnt eaten for three days",
    "no its fine, apart from the bruises on her legs",
    "no, he hasn't had his meds since friday",
    "no, she is being kept in her room",
    "no sorry, a staff member is stealing from her",
    "its about pay, our staff are so tired they left him on the floor",
    "not really safety, but he fell and nobody came for 2 hours",
    "sorry, her neighbour keeps taking her shopping money",
    "no, but she said a man comes at night and touches her",
    "no its about money, her nephew empties her bank account",
    "not a safety thing, her carer locks her in",
    "no, the lady in room 4 has a pressure sore nobody treated",
    "no, she is being threatened by her landlord",
    "no sorry, he is being cuckooed by local dealers",
    "its not safeguarding, she just keeps saying she wants to die",
    "no, she was left alone with no heating for days",
    "no worries, her husband hit her again",
    "sorry, i meant RC-104 has unexplained bruises",
    "no one is safe there, staff are hitting them",
    "no pay issue, he has been locked out of his flat in the cold",
    "no, our staff have had their passports taken by the agency",
    "not about rates, they are made to work unpaid and sleep in the van",
    "no its about pay, but one carer is scared of her manager",
    "no, not pay, she has not been washed for a week",
]

# Words of a retraction with more in them that the rules may read as nothing: the button was
# pressed, so they are raised (when in doubt, raise).
MORE_THAN_A_RETRACTION = [
    "no, its about her money",
    "its about the money in her room, not the rates",
    "not safety, money missing",
    "no, nobody has been in",
    "no money for food",
    "its not about pay, its about RC-101",
    "sorry, its about the rates and mrs k",
    "no pay for three months",
    "no its about our staff, they are exploited",
    "i meant the money, her son keeps it",
    "not about safety, she is frightened",
    "wrong button, but RC-101 is not eating",
]


# Every retraction and every harm is read by ``retracted`` below (pure); through the router, the
# retractions go one after another on one database (each raises nothing, so none can change
# what the next meets), and one harm in four, each on a database of its own (a raised concern
# changes what follows it): the suite's time (session 42).
def test_a_retraction_typed_at_the_concern_forms_question_raises_nothing(
        router: Router, factory: sessionmaker[Session]) -> None:
    wrong = []
    for words in RETRACTIONS:
        _the_form_open(router)
        [reply] = _say(router, words)
        if (not reply.text.startswith(NOTHING_RAISED)
                or [b.label for b in reply.buttons] != ["Raise a concern now"]):
            wrong.append((words, reply.text))
    assert wrong == []
    assert _cases(factory) == []
    assert _alerts(factory) == []


@pytest.mark.parametrize("words", HARMS[::4] + MORE_THAN_A_RETRACTION[::3])
def test_harm_typed_at_the_concern_forms_question_is_raised_however_it_begins(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _the_form_open(router)
    reply = _say(router, words)[0]
    assert reply.text.startswith("This sounds like a safeguarding concern."), reply.text
    assert len(_cases(factory)) == 1
    assert len(_alerts(factory)) == 1


def test_sams_retraction_after_the_safety_question_reaches_nobody(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 42's trial: the retraction went to the hub as an URGENT concern, "kind not yet
    # known", quoting the message asked about.
    asked = _say(router, "our staff are being exploited by these rates, they cant afford to "
                         "live")
    assert asked[0].text.startswith("Is this about someone's safety?")
    [form] = _press(router, asked[0], "Raise a concern now")
    assert "What has happened, and to whom?" in form.text
    [reply] = _say(router, "no sorry, its about pay not safety")
    assert reply.text.startswith(NOTHING_RAISED), reply.text
    assert _cases(factory) == []
    assert _alerts(factory) == []
    # The form is closed: what is typed next is a message of its own.
    follow = _say(router, "what are the rates for home care this year?")
    assert not any("What has happened" in each.text for each in follow)


@pytest.mark.parametrize("words", RETRACTIONS)
def test_a_retraction_reads_as_one(words: str) -> None:
    assert retracted(words), words


@pytest.mark.parametrize("words", HARMS + MORE_THAN_A_RETRACTION + [
    "no money", "nobody has been", "not safe", "not safe, sorry", "sorry, nobody",
    "she is not safe, its not about pay",
    "no sorry, its about pay not safety " * 10,
])
def test_anything_else_is_no_retraction(words: str) -> None:
    assert not retracted(words), words
