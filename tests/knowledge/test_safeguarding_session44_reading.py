"""Session 44's reading brief, as tables of the reading alone (the dialogs are
``tests/handlers/test_safeguarding_session44_reading.py``): anger at a thing or an office said as
a threat, a rating that "punched" someone, a rota or a contract called abusive, the press
harassing the staff and money owed to an estate are no concern and nothing to ask about; a
question supposing one of the staff, a relative or a visitor told or saw harm is a how-to
question; a real disclosure beside the same words is raised as before."""

from __future__ import annotations

import pytest

from handlers.safeguarding import howto_question
from knowledge.safeguarding import classify, detect, unsure

NO_CONCERN = [
    "I want to strangle the printer",
    "ugh i could throttle the council",
    "i'm gonna kill the printer lol",
    "im going to strangle the payroll team haha",
    "i swear i'll throttle the next person who says synergy",
    "i'll throttle whoever keeps moving the stapler",
    "could kill the wifi today",
    "i want to throw the laptop out of the window",
    "i could punch the brokerage team, third time they've lost our invoice",
    "i'm going to kill the next person who books a meeting over lunch \U0001F602",
    "honestly, i'm going to strangle the next person who asks me about the tender",
    "the home got kicked in the teeth by the inspection outcome",
    "our manager feels punched in the gut by the requires improvement rating",
    "our manager was punched in the gut by the inspection",
    "the council's rating kicked us in the teeth",
    "the rota is borderline abusive",
    "the sleep-in rota is abusive to our night staff",
    "our contract terms are abusive",
    "the new e-rostering system is abusive",
    "the payment terms are abusive",
    "the tabloids are hounding our manager",
    "the bbc keep doorstepping our staff",
    "the local paper has been hounding our staff all week",
    "the council still owes £800 to mr j's estate",
    "the council owes £800 to the late mrs j's estate",
    "we still owe her estate £95",
    "the LA owes £3k to the estate of RC-101 who died in may",
]


@pytest.mark.parametrize("text", NO_CONCERN)
def test_no_concern_and_nothing_to_ask(text: str) -> None:
    assert classify(text) is None
    assert unsure(text) is None


HOWTO = [
    "if a colleague told me they saw a carer hit a resident, what should i do?",
    "say a visitor saw a carer shout at a resident, who do we tell?",
    "supposing a carer witnessed another carer slapping a client, who should they report it to?",
    "what should i do if a carer tells me she saw a colleague push a resident?",
    "hypothetically speaking, if a relative told us a carer stole from their dad, what's the "
    "process?",
    "imagine a resident says a carer pinched her, what do we do?",
    "if a staff member says they saw a colleague shove someone, who do I contact?",
]


@pytest.mark.parametrize("text", HOWTO)
def test_a_supposed_telling_is_a_howto_question(text: str) -> None:
    found = howto_question(text)
    assert found is not None
    assert not found.disclosure


# Each raised before the change, and after it.
STILL_RAISED = [
    "the carer said, i'll strangle the next person who rings that bell",
    "the carer said i'll strangle the next person who rings that bell",
    "i could strangle her",
    "i want to strangle the resident in room 4",
    "the night carer told me i'm going to throttle the next resident who presses the buzzer",
    "honestly i want to punch the printer, and the carer punched mrs b yesterday",
    "i'm going to throttle the next resident who rings the bell",
    "gonna strangle her if she rings that bell again",
    "i'll strangle whoever hurt her",
    "i will throttle whoever took mrs b's money",
    "i could kill the finance team, they stole from mr d",
    "our manager was punched in the face by the cqc inspector",
    "our staff were kicked in the teeth by the report, and mrs b was kicked by a carer",
    "our manager got punched in the gut by the CQC rating, then mrs b's son punched her",
    "the home manager was punched in the gut by the report and is in hospital",
    "our deputy was kicked in the stomach by a resident",
    "mrs b got punched in the gut by a visitor",
    "the carer's rota is abusive to residents",
    "the rota is abusive and the night carer is abusive to mrs b",
    "the process is abusive to her",
    "the press are harassing the residents",
    "reporters are harassing mrs b's family",
    "the press are harassing our staff and a carer slapped mr d",
    "a journalist harassed mrs k at her door",
    "if a carer told me she hit mrs b what should i do",
    "say a carer hit RC-101, what do I do?",
    "if a carer saw a colleague hit mrs k yesterday, who do i tell?",
    "a carer saw another carer slap a resident, who should they tell?",
    "say, a carer saw another carer slap a resident",
    "just to say a carer saw another carer slap a resident, who should they tell?",
    "if one of our residents tells me her son hits her what should i do today",
    "her son owes her £500 and wants to move to the estate",
    "her son owes her £500, he lives on the estate",
    "the carer owes mrs b £200 and went to the estate agents",
]


@pytest.mark.parametrize("text", STILL_RAISED)
def test_a_real_disclosure_is_still_raised(text: str) -> None:
    assert detect(text) is not None
