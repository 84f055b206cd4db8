"""Session 44's staffing brief, as tables of the reading alone (the dialogs are
``tests/handlers/test_safeguarding_session44_staffing.py``): a staffing shortage told about work
is no concern and nothing to ask about; a shortage with anything of care or anyone cared for
beside it is raised as before; a question only about complaining without giving a name is read
as one, a question telling of someone beside it is not."""

from __future__ import annotations

import pytest

from knowledge.safeguarding import asks_only_how_to_complain, detect, unsure

NO_CONCERN = [
    "not enough staff to cover the new contract",
    "the council has not enough staff to do reviews",
    "we are short staffed in the office so the quarterly return is late",
    "the brokerage team is understaffed so referrals are slow",
    "not enough staff to go to the provider forum meetings",
    "not enough staff to chase the unpaid invoices",
    "our commissioner says they have not enough staff to do the reviews",
    "we're understaffed and the council won't put the fees up",
]


@pytest.mark.parametrize("text", NO_CONCERN)
def test_a_shortage_told_about_work_is_no_concern(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is None


RAISED = [
    "short staffed tonight",
    "not enough staff on the contract hours so calls are cut short",
    "we are understaffed and the reviews are late, mrs b has had no wash",
    "not enough staff for the paperwork so care plans are out of date",
    "the council is short staffed and nobody checks on the vulnerable adults",
    "not enough staff to cover the contract, one carer for 20 residents at night",
    "short staffed because of the tender, people are being rushed",
    "not enough staff to do reviews and they are left in bed till lunch",
    "not enough staff to cover the contract hours",
    "not enough staff for the runs, the council says the contract is at risk",
]


@pytest.mark.parametrize("text", RAISED)
def test_a_shortage_with_anything_of_care_beside_it_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None, text


ONLY_HOW_TO_COMPLAIN = [
    "can I raise a complaint without giving my name?",
    "is there a way to complain without giving my name?",
    "can I complain and stay anonymous?",
    "how do I give feedback without my name being passed on?",
    "can we make a complaint anonymously?",
]


@pytest.mark.parametrize("text", ONLY_HOW_TO_COMPLAIN)
def test_only_how_to_complain_without_a_name(text: str) -> None:
    assert asks_only_how_to_complain(text)


MORE_THAN_HOW = [
    "can I report that a carer hit my mum without giving my name?",
    "can I complain without giving my name? I'm worried about my mum",
    "can I complain without giving my name, nobody came for 3 days?",
    "can I report a carer without giving my name?",
    "can I complain about the home without giving my name?",
    "can I raise a complaint about the council?",
    "I want to complain without giving my name because she is scared",
]


@pytest.mark.parametrize("text", MORE_THAN_HOW)
def test_more_than_how_to_complain_is_not_read_as_only_that(text: str) -> None:
    assert not asks_only_how_to_complain(text)
