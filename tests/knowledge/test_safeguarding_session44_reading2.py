"""Session 44's second reading brief, as tables of the reading alone (the dialogs are
``tests/handlers/test_safeguarding_session44_reading2.py``): medicines given to sedate or quieten
someone (chemical restraint) are raised, a prescriber's change and an ordinary dose are not; the
press harassing the staff, a thing "abusing" the writer, a joking threat with a laugh at one's own
manager or a colleague, and a council officer's hard words to the provider's staff are no
concern; a staffing shortage told with its effect on care is raised; real disclosures beside the
same words are raised as before."""

from __future__ import annotations

import pytest

from knowledge.safeguarding import detect

CHEMICAL_RESTRAINT = [
    # the brief's (safety review A29), then our own rewordings
    "daughter is giving her mum too much of her sleeping tablets to keep her quiet",
    "they give him extra sedatives so he sleeps through the night",
    "the son doubles her tablets to keep her quiet",
    "her husband gives her extra sleeping pills so she doesn't bother him at night",
    "the night staff give mr d more of his diazepam than prescribed to keep him quiet",
    "a carer is giving RC-104 double her sleeping tablets so she sleeps through the shift",
    "her son keeps giving her extra tablets to keep her quiet",
    "the daughter puts extra sleeping pills in mum's tea to knock her out",
    "staff are giving him too many of his lorazepam to keep him quiet at night",
    "the nephew doubles up her meds so she stays in bed all day",
    "they overdo her sleeping tablets to shut her up",
    "mrs k's son gives her too much of her medication so she sleeps all day",
    "her partner gives her too many sleeping tablets",
    "the carers give him his sleeping tablets at 6pm to keep him quiet",
]


@pytest.mark.parametrize("text", CHEMICAL_RESTRAINT)
def test_medicines_given_to_sedate_someone_are_raised(text: str) -> None:
    assert detect(text) is not None, text


ORDINARY_MEDICINES = [
    "the GP increased her sleeping tablets",
    "she takes her sleeping tablets at 10pm",
    "the doctor doubled his sleeping tablets last week",
    "how do we store sleeping tablets safely?",
    "the pharmacy gave us double the tablets",
    "we put extra tablets in the blister pack by mistake",
]


@pytest.mark.parametrize("text", ORDINARY_MEDICINES)
def test_an_ordinary_dose_or_a_prescribers_change_is_not_raised(text: str) -> None:
    assert detect(text) is None, text


NO_CONCERN = [
    # the brief's (safety review B13, B37; talk review d204, d184)
    "our staff are being harassed by the local paper about the closure",
    "my inbox is abusing me today",
    "I want to kill my manager lol",
    "we were abused by a commissioner on the phone, shouting at my manager",
    # the press harassing the staff, told the other way round
    "our carers are being harassed by journalists outside the home",
    "the deputy keeps getting harassed by the local paper",
    "i was harassed by a reporter at the front door about the inspection",
    "our manager is being hounded by the papers about the fees",
    "the team were doorstepped by the bbc yesterday",
    "my staff have been pestered by reporters since the closure was announced",
    # a thing abusing or bullying the writer
    "the printer is abusing me this morning",
    "my phone has been abusing me all day",
    "the rota is bullying me today",
    "this spreadsheet is bullying me",
    "my emails are abusing me",
    "the new portal is abusing us all week",
    # a joking threat, with a laugh, at one's own manager or a colleague
    "i'm going to kill my boss lol",
    "i could strangle my deputy haha",
    "i want to punch my line manager lol",
    "i'll throttle my co-worker if she takes my stapler again lol",
    "gonna murder my colleague \U0001F602",
    "i could kill the manager lmao",
    # a council officer's hard words to the provider's staff
    "our staff were verbally abused by a commissioner on the phone, screaming at our deputy",
    "we were abused by the commissioner at the meeting, shouting at our manager",
    "my manager was abused by the brokerage team on the phone, yelling at us",
    "the commissioner was really abusive to our staff on the phone",
    "a commissioner shouted at my manager on the phone",
    "i was shouted at by a council officer on the phone today",
]


@pytest.mark.parametrize("text", NO_CONCERN)
def test_no_concern(text: str) -> None:
    assert detect(text) is None, text


STILL_RAISED = [
    # the brief's
    "the carer abused mrs d on the phone",
    "a resident's son was shouting at her and pushed her",
    "my manager hit a resident lol",
    "I want to kill her lol she keeps ringing the bell",
    "the press say a carer abused a resident",
    # a threat at one's manager without a laugh stays as today (the brief)
    "I want to kill my manager",
    # our own
    "i'm going to kill the resident in room 4 lol",
    "i could strangle mrs b haha she never stops",
    "the papers are harassing mrs b's family",
    "a reporter was harassing mr d at his door",
    "our resident is being harassed by the local paper",
    "the inbox is abusing me and the night carer is abusing mrs k",
    "a commissioner shouted at my manager and hit a resident",
    "we were abused by a commissioner on the phone, shouting at mrs b",
    "my colleague punched a resident lol",
    "lol my manager slapped mr d",
    "the manager said he wants to kill her lol",
    "i want to kill my manager lol, she hit mrs k",
]


@pytest.mark.parametrize("text", STILL_RAISED)
def test_a_real_disclosure_is_still_raised(text: str) -> None:
    assert detect(text) is not None, text


STAFFING_WITH_AN_EFFECT_ON_CARE = [
    # the brief's
    "there are not enough staff to give the meds on time",
    "short staffed because of the new contract, calls are being cut short",
    # our own
    "there is not enough staff to do the morning calls",
    "there are not enough staff on tonight to do the double-ups",
    "we're short staffed so calls are being cut short",
    "calls are being cut short because of the contract",
    "short staffed due to the tender, visits are being cut short",
    "there were not enough staff on nights to turn mr d",
]


@pytest.mark.parametrize("text", STAFFING_WITH_AN_EFFECT_ON_CARE)
def test_a_shortage_with_an_effect_on_care_is_raised(text: str) -> None:
    assert detect(text) is not None, text


NOT_CARE_CALLS = [
    "our phone calls keep getting cut short, the line is terrible",
    "the teams call was cut short because the council had another meeting",
]


@pytest.mark.parametrize("text", NOT_CARE_CALLS)
def test_a_phone_call_cut_short_is_not_care_cut_short(text: str) -> None:
    assert detect(text) is None, text


# The brief left "we're short staffed and can't cover the contract hours" to judgement: the hours
# are people's care calls, and "not enough staff to cover the contract hours" was raised already,
# so a shortage told with hours of care it leaves uncovered is raised; the hours alone, beside a
# price, are not.
CARE_HOURS_UNCOVERED = [
    "we're short staffed and can't cover the contract hours",
    "we can't cover the contract hours because we're short staffed",
    "short staffed this week, unable to cover all the commissioned hours",
]


@pytest.mark.parametrize("text", CARE_HOURS_UNCOVERED)
def test_a_shortage_leaving_care_hours_uncovered_is_raised(text: str) -> None:
    assert detect(text) is not None, text


HOURS_AT_A_PRICE = [
    "we can't cover the contract hours at £18 an hour",
    "we cannot deliver the commissioned hours at the current rate",
]


@pytest.mark.parametrize("text", HOURS_AT_A_PRICE)
def test_hours_beside_a_price_are_not_raised(text: str) -> None:
    assert detect(text) is None, text
