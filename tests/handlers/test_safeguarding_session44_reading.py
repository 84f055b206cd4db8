"""Session 44's reading brief, as dialogs through the router: anger said as a threat at a thing,
the paperwork, a back office or "the next person who...", a rating or an inspection that
"punched" someone, a rota or a contract called abusive, the press harassing the staff and money
owed to a dead resident's estate get an ordinary reply, no concern; a hypothetical "if a carer
told me they'd seen a colleague hit someone, who do I report it to?" gets the how-to guidance;
real disclosures beside the same words are raised as before."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, OutboxMessage
from tests.factories import make_incoming
from tests.handlers.conftest import SAFEGUARDING_CONTACT, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAFETY = "Is this about someone's safety?"
RAISED = "This sounds like a safeguarding concern."
GUIDANCE = "Raising a safeguarding concern\n- If anyone is in immediate danger, call 999 now."


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


# The brief's false alarms (each raised URGENT, the hub alerted), then our own rewordings.
FALSE_ALARMS = [
    "i want to strangle the printer",
    "i'll throttle the next person who sends me a spreadsheet",
    "i'll strangle the finance lot if they lose our invoice again :)",
    "our manager got punched in the gut by the CQC rating",
    "the rota is abusive",
    "the press are harassing our staff",
    "the council owes £1,200 to the estate of a resident who passed in october",
    # anger at a thing, the paperwork, a back office or "the next person who..."
    "i could strangle this laptop",
    "i'm going to throttle the photocopier",
    "i want to punch the fax machine",
    "i'm going to throttle the next person who asks me for a timesheet",
    "i will strangle the next person who books a meeting at 4pm on a friday lol",
    "gonna strangle the payroll lot if they get it wrong again \U0001F602",
    "i'll kill the next person who sends me a spreadsheet haha",
    "honestly i could throttle whoever designed this portal lol",
    # a rating, an inspection or a report that punched or kicked someone
    "we got kicked in the teeth by the inspection",
    "the home was punched in the gut by the ofsted report",
    "our registered manager was kicked in the teeth by the inspection report",
    "our deputy felt punched in the stomach by the cqc rating",
    # "abusive" of a rota, a system or a contract
    "the staffing rota is abusive",
    "the on-call rota is frankly abusive to our managers",
    "this IT system is abusive",
    "the new contract terms are abusive",
    # the press or the media harassing the staff
    "the media are harassing our staff",
    "journalists keep harassing our carers outside the home",
    "reporters have been harassing the staff since the story ran",
    "a local paper is harassing our manager for comment",
    # money owed to an estate
    "we owe £340 to the estate of a resident who died last month",
    "the council owes money to the estate of mrs k who died in august",
    "the estate of a former resident is owed £2,000 by the council",
]


@pytest.mark.parametrize("words", FALSE_ALARMS)
def test_a_false_alarm_gets_an_ordinary_reply_and_no_concern(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    shown = "\n".join(reply.text for reply in replies)
    assert replies, words
    assert RAISED not in shown, shown
    assert SAFETY not in shown, shown
    assert not any(button.label == "Raise a concern now"
                   for reply in replies for button in reply.buttons), shown
    assert _cases(factory) == []
    assert _alerts(factory) == []


# The brief's hypothetical how-to questions (each raised URGENT), then our own rewordings.
HYPOTHETICAL_HOWTO = [
    "if a carer told me they'd seen a colleague hit someone, who do I report it to?",
    "hypothetically if a resident tells us a carer took money from her, what do we do?",
    "say a carer saw another carer slap a resident, who should they tell?",
    "if a member of staff told me they'd seen a colleague slap a resident, who do I tell?",
    "hypothetically, if a carer saw a colleague push a resident, what should they do?",
    "say a resident told us a carer had taken money from her purse, who do we report it to?",
    "what if a carer saw another carer hit a client, who should they report it to?",
    "suppose a resident says a carer hit her, what do we do?",
    "if one of my carers witnessed a colleague hitting a resident, what's the process?",
    "say a relative told us a carer stole from their mum, who do we tell?",
]


@pytest.mark.parametrize("words", HYPOTHETICAL_HOWTO)
def test_a_hypothetical_question_gets_the_guidance_and_no_case(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    [reply] = _replies(router, words)
    assert reply.text.startswith(GUIDANCE), reply.text
    assert f"report the concern straight away to {SAFEGUARDING_CONTACT}" in reply.text
    assert [button.label for button in reply.buttons] == ["Raise a concern now"]
    assert _cases(factory) == []
    assert _alerts(factory) == []


# Written (and passing) before the change: real disclosures beside the same words.
STILL_RAISED = [
    "a carer strangled a resident last night",
    "the night carer throttled mrs b",
    "a resident was punched in the gut by a staff member",
    "the carer is abusive to her",
    "the new carer is harassing mr d for money",
    "a resident told me a carer hit her",
    "if i tell you a carer hit a resident will you keep it quiet? because she did",
    "a carer told me she saw a colleague hit someone this morning",
    # our own
    "her son tried to strangle her",
    "the agency carer throttled RC-101 when she refused her meds",
    "he said he will strangle her if she tells anyone",
    "the carer said she would strangle the next resident who rang the bell",
    "RC-204 was kicked by a carer",
    "mr d got punched in the stomach by another resident",
    "her husband is abusive",
    "the night staff are abusive to the residents",
    "her daughter is harassing her for money",
    "a visitor keeps harassing mrs p",
    "a carer told me she saw a colleague slap a resident",
    "the carer who strangled mrs b is on shift again",
    "her nephew has been taking money from her account",
    "a carer hit a resident, who do I report it to?",
    "hypothetically speaking a carer did hit mrs j yesterday, who do i tell",
    "if a carer told me yesterday she saw a colleague hit mrs k, who do i tell?",
    "the estate agent took £1,200 from the resident",
    "our manager was punched in the gut by a resident's son",
]


@pytest.mark.parametrize("words", STILL_RAISED)
def test_a_real_disclosure_beside_the_same_words_is_still_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = _replies(router, words)
    assert replies[0].text.startswith(RAISED), replies[0].text
    assert len(_cases(factory)) == 1
    assert len(_alerts(factory)) == 1
