"""Session 42's safeguarding shapes, read by ``knowledge.safeguarding`` alone.

Figures and payments that were raised URGENT (the home hit hard by a thing, the provider owing a
refund, a body owing the home from its own account, a relative's criticism in the press), and
blows to someone cared for, told with a trailing clause, that were only asked about.
"""

from __future__ import annotations

import pytest

from knowledge.safeguarding import detect

# A thing (a bill, a rise, the pandemic) hitting the home or the business hard: a figure, as
# "hit us hard" already was.
HOME_HIT_HARD = [
    "the energy bills hit the home hard this winter",
    "the gas bills hit the home hard last winter",
    "the energy price rise hit the care home hard",
    "rising food costs hit the home really hard",
    "the agency rates hit the care home hard over christmas",
    "energy costs have hit the home hard this winter",
    "the heating bills hit the service hard in january",
    "the NI increase hit the agency hard this year",
    "the minimum wage rise hit the business hard",
    "the insurance premium rise hit the company hard",
    "the pandemic hit the home hard",
    "covid hit care homes hard",
    "the new fee rates hit homes hard across the county",
    "the late payments hit the branch hard this quarter",
]
# ... while a person hitting, or someone hit beside it, is still a blow.
HOME_HIT_HARD_NEAR = [
    "the resident hit the home manager hard in the face",
    "the energy bills hit the home hard and a carer hit Mrs B",
    "her son hit the carer hard at the home",
    "a resident hit the nurse hard in the home's lounge",
]

# The provider owing a refund or an overpayment to a person's family or estate, and a council or
# the NHS owing the home from its own account: payments, not money taken.
PROVIDER_OWES = [
    "we owe a resident's family £150 refund",
    "we owe the family £300 refund for the deposit",
    "we owe the resident's son £200 for overpaid fees",
    "we owe a client's daughter £75 refund after the package ended",
    "the home owes a resident's family £600 deposit back",
    "our company owes the resident's family £500 overpayment",
    "we owe Mrs B's family a refund of £420 for fees paid in advance",
    "we owe his family a refund of £250",
    "we owe a resident's family a £150 refund",
    "the council owes the home £12,000 from its social care account",
    "the council owes us £8,000 from its adult social care budget account",
    "the ICB owes the home £4,500 from its CHC account",
    "the council owes the home £2,000, paid from its account next week",
    "the local authority owes the home £15,000 from its pooled budget account",
    "the council still owes the home £12,000 out of its social care account",
]
# ... while money owed from a person's own account, or by someone holding it, is still raised.
PROVIDER_OWES_NEAR = [
    "the carer owes the home £300 from mrs b's purse",
    "the manager owes Mrs B £1,200 she took from her account",
    "a carer owes RC-101 £200",
    "her son owes her £5,000 and will not pay it back",
    "the daughter owes the home £3,000 and she is his deputy",
    "the council owes the home £300 from mrs b's account",
    "we owe Mrs B £150 from her allowance",
]

# A relative's criticism of the provider, in public or in writing: no blow to anyone.
CRITICISED = [
    "the resident's son hit us hard in the press",
    "the resident's nephew hit us hard online",
    "a resident's son hit the home hard in the local paper",
    "the resident's daughter hit us hard on facebook",
    "her son hit us hard on social media last week",
    "the client's daughter hit us hard in her review",
    "the resident's son hit us hard in the press about our fees",
    "the resident's son slammed us in the press",
]

# Someone cared for struck or knocked by a person, with where it was and a trailing clause.
STRUCK_BY_SOMEONE = [
    "RC-101 was struck by a visitor at the home, she knows him from church",
    "RC-0101 was struck by a visitor at the home, she knows him from church",
    "RC-101 was struck by a visitor at the home",
    "rc101 was struck by a visitor at the home, she knows him from church",
    "RV-0042 was struck by a visitor at the home, she knows him from church",
    "RC-101 got struck by a visitor at the home, she knows him from church",
    "RC-101 was struck by a visitor at the home, she nows him from chruch",
    "RC-101 was strcuk by a visitor at the home, she knows him from church",
    "RC-101 was struck by a vistor at the home, she knows him from church",
    "RC-101 was struck by a visitor at the home yesterday, she knows him from church",
    "RC-101 was struck by a visitor at the home on sunday and she knows him from church",
    "RC-101 was struck by a visitor at the home - she knows him from church",
    "RC-101 was struck by a visitor at the home; she knows him from church",
    "RC-101 was struck by a visitor to the home, she knows him from church",
    "RC-101 was struck by a visitor at the home, she knows him from the bingo",
    "RC-101 was struck by a visitor at the home, she says she knows him from church",
    "RC-101 was struck by a family friend at the home, he comes most weeks",
    "RC-101 was struck by a volunteer at the home, she knows him from church",
    "RC-101 was struck by a gentleman visitor, she knows him from church",
    "RC-101 was struck by someone at the home, she knows him from church",
    "RC-101 was struck by a man visiting the home, she knows him from church",
    "RC-101 was struck by the man who visits her, she knows him from church",
    "PL-77 was struck by another resident at lunch, they sit at the same table",
    "RC-0101 was knocked by a visitor at the home and fell, she knows him from church",
    "RC-101 was knocked over by a visitor in the lounge, she knows him from church",
    "RC-101 was knocked down by a visitor in the corridor, she knows him from church",
    "RC-101 was knocked to the floor by a visitor, she knows him from church",
    "RC-101 was struck by a visitor in the garden, he comes every sunday",
    "RC-101 has been struck by a visitor, she knows him from church",
    "RC-101 was struck by a visitor, who she knows from church",
    "RC-101 was struck in the face by a visitor, she knows him from church",
    "RC-101 was struck by her husband when he visited, she knows him well",
    "RC-101 was struck by her nephew during his visit, she is very upset",
    "RC-101 was hit by a visitor at the home, she knows him from church",
    "RC-0101 was hit by her son at the home, he visits on tuesdays",
    "PL-1187 was hit by a visitor at her flat, she knows him from church",
    "RC-101 was punched by a visitor at the home, she knows him from church",
    "RC-101 was slapped by a visitor at the home, she knows him from church",
    "RC-101 was kicked by a visitor at the home, she knows him from church",
    "RC-101 was thumped by another resident in the dining room, they never got on",
    "Mrs B was struck by a visitor at the home, she knows him from church",
    "a resident was struck by a visitor at the home, she knows him from church",
    "the resident in room 4 was struck by a visitor, she knows him from church",
    "our client was struck by her neighbour, she knows him from church",
    "a visitor struck RC-101 at the home, she knows him from church",
    "a visitor hit RC-0101 in the lounge, she knows him from church",
    "the carer struck RC-101 at the home, she knows her from church",
    "RC-101 was struck by a stranger in the car park of the home, she was shaken",
    "RC-0101 was struck by a visitor at the home, he said sorry after",
    "RC-101 was struck by a visiting relative at the home, she knows him from church",
    "Mr K was struck by another resident at the home, they share a table",
    "the client was struck by her lodger at home, she is scared of him",
]
# ... while an impression, or a carer's road accident, is not a blow.
STRUCK_NOT_A_BLOW = [
    "the truck struck our carer in the car park",
    "RC-101's daughter was struck by the staff at the home, they were so kind",
    "the inspector was struck by the staff at the home, so welcoming",
    "we were struck by the carers at the home and how patient they were",
]


@pytest.mark.parametrize("text", HOME_HIT_HARD + PROVIDER_OWES + CRITICISED)
def test_session_42s_figures_and_payments_are_not_raised(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", HOME_HIT_HARD_NEAR + PROVIDER_OWES_NEAR)
def test_blows_and_money_taken_beside_session_42s_figures_are_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", STRUCK_BY_SOMEONE)
def test_someone_cared_for_struck_by_a_person_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "physical abuse"


@pytest.mark.parametrize("text", STRUCK_NOT_A_BLOW)
def test_an_impression_or_a_carers_road_accident_is_not_raised(text: str) -> None:
    assert detect(text) is None
