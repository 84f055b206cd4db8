"""Session 42's mends to its safeguarding changes, read by ``knowledge.safeguarding`` alone.

A reviewer compared the morning's tree with the afternoon's: the provider's refund owed to a
family had gone quiet even where someone kept the money; someone cared for struck, with who did
it told after, was only asked about; a cost, a policy or an event that "hit" a home, its staff or
a family was raised URGENT as a blow.
"""

from __future__ import annotations

import pytest

from knowledge.safeguarding import classify, detect

# The provider owes a family or an estate a refund, and someone kept, took, pocketed, spent or
# never passed on the money: raised this morning, only asked about this afternoon.
REFUND_KEPT = [
    "we owe Mrs B's family £150 refund but the manager kept the money",
    "we owe Mrs B's family £150 refund but the manager kept it",
    "we owe a resident's family £150 refund and the manager pocketed it",
    "we owe the family £150 refund, the deputy pocketed the money",
    "we owe RC-101's family a £150 refund but the manager took it",
    "the home owes the resident's estate £420 but the manager took the money",
    "the home owes the resident's estate £420 and the administrator spent it",
    "we owe Mrs B's family £150 refund but the office manager spent the money",
    "we owe Mrs B's family £150 refund, the manager has kept it for herself",
    "we owe Mrs B's family £150 refund but the manager never paid it back",
    "we owe the family of RC-101 a refund of £150 and the manager never passed it on",
    "we owe Mrs B's family £150 refund. The manager kept the money.",
    "we owe Mrs B's family £150 refund but it was never passed on, the manager kept it",
    "the home owes Mr K's estate £300 and one of the carers pocketed it",
    "we owe a resident's next of kin £150 refund but the manager is keeping the money",
    "we owe Mrs B's family a £150 refund; the owner took it out of the account for himself",
    "the agency owes the family £200 refund but the coordinator pocketed the cash",
    "we owe the family a refund of £150 but the manager kept the cash",
    "we owe Mrs B's family £150 refund but the manager spent it on herself",
    "we owe Mrs B's executors £150 refund and the manager has not passed it on, she kept it",
    "we owe Mrs B's family £150 refund but the manager took the money and never paid it back",
]

# The provider's plain refund to a family or an estate, as today's rule meant: quiet.
PLAIN_REFUND = [
    "we owe a resident's family £150 refund",
    "the home owes the resident's estate £420",
    "we owe Mrs B's family £150 refund, how do we pay it?",
    "we owe the family a £150 refund, can we pay it by bank transfer?",
    "the home owes the resident's estate £420, who do we pay it to?",
    "we owe Mrs B's family £150 refund and have kept them informed",
]


@pytest.mark.parametrize("text", REFUND_KEPT)
def test_a_refund_owed_that_someone_kept_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None, text
    assert found.kind == "financial abuse", text


@pytest.mark.parametrize("text", PLAIN_REFUND)
def test_a_plain_refund_owed_to_a_family_stays_quiet(text: str) -> None:
    assert detect(text) is None, text


# Someone cared for struck, with who did it told after: asked about only, in both trees.
STRUCK_THEN_WHO = [
    "a resident was struck, a carer did it",
    "a resident was struck, it was a carer",
    "a resident was struck by one of our staff",
    "a resident was struck, a carer did this",
    "a resident was struck - it was one of our carers",
    "RC-101 was struck, a carer did it",
    "Mrs B was struck last night, it was a carer",
    "a resident was struck last night and it was one of our staff",
    "a client was struck. A carer did it.",
    "a resident was struck, one of our staff did it",
    "PL-77 was struck, it was one of the night staff",
    "the resident in room 4 was struck, a member of staff did it",
    "a service user was struck, it was her son",
    "a resident was struck, we think a carer did it",
    "a resident was struck on the arm, a carer did this",
    "a resident got struck, it was an agency carer",
]


@pytest.mark.parametrize("text", STRUCK_THEN_WHO)
def test_someone_cared_for_struck_with_who_told_after_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None, text
    assert found.kind == "physical abuse", text


# A cost, a policy or an event as what "hit" or is "hitting": raised URGENT in both trees.
HIT_BY_A_COST_OR_EVENT = [
    "Brexit hit our staffing badly",
    "inflation is hitting care homes hard",
    "the budget cuts hit residents' activities",
    "the rate rise hit the resident's family hard",
    "brexit has hit recruitment really badly",
    "inflation hit our margins badly this year",
    "inflation is hitting the residents' families hard",
    "the cost of living crisis is hitting our staff hard",
    "the cost of living is hitting families badly",
    "the energy price rise hit the home's budget",
    "the budget cuts are hitting residents' outings",
    "the council's cuts hit the day centre hard",
    "the NI rise hit our payroll badly",
    "the minimum wage rise is hitting small providers hard",
    "the fee freeze hit the residents' activity budget",
    "the pandemic hit our occupancy badly",
    "covid hit the residents' families hard",
    "the interest rate rise hit the resident's daughter hard",
    "the staffing shortage is hitting the residents' care hours",
    "rising food prices are hitting the kitchen budget",
    "the tax rise hit our carers' take-home pay",
    "the cuts hit the residents' families badly",
    "brexit is still hitting recruitment of carers",
]

# A real blow stays raised, however hard.
REAL_BLOWS = [
    "the carer hit the resident hard",
    "her son hit her badly",
    "the carer is hitting the residents",
    "her son has hit her badly again",
    "a carer hit Mrs B hard across the face",
    "the night carer hit RC-101 hard",
    "her husband is hitting her",
    "the carer hit the resident's hand hard",
    "the agency carer hit the resident hard with a hairbrush",
    "his daughter hit him badly",
    "a resident hit another resident hard",
    "the carer keeps hitting the residents",
    "the manager hit the resident badly",
    "her son hit her hard in the face",
    "mr K's son is hitting him",
    "the carer hit her badly after the budget cuts",
    "the cuts hit the day centre hard and her son hit her",
    "after the rate rise her son hit her badly",
    "inflation is hitting everyone hard and her son hit her badly",
    "the cook hit the resident hard on the arm",
    "the carer was hitting the residents hard",
]


@pytest.mark.parametrize("text", HIT_BY_A_COST_OR_EVENT)
def test_a_cost_or_event_that_hit_is_not_a_blow(text: str) -> None:
    assert detect(text) is None, text


@pytest.mark.parametrize("text", REAL_BLOWS)
def test_a_real_blow_is_still_raised(text: str) -> None:
    found = detect(text)
    assert found is not None, text
    assert found.kind == "physical abuse", text


def test_the_council_owing_from_its_own_account_for_a_reference_is_business() -> None:
    # Raised URGENT as financial abuse in both trees: "for RC-101" is whose care, not whose
    # account.
    assert detect("the council owes the home £12,000 from its social care account for RC-101") \
        is None
    assert detect("the council owes the home £12,000 from its account for RC-101's care") is None


def test_money_owed_from_a_persons_own_account_is_still_raised() -> None:
    found = detect("the carer owes the home £300 from the account for RC-101")
    assert found is not None
    assert found.kind == "financial abuse"


# Session 42's last read: a question about the process with only the age of whom it is for
# after it was raised URGENT as abuse ("dols" a process word, "she" a person); harm beside the
# age is still raised, and a question with more told after it is read as before.
@pytest.mark.parametrize("text", [
    "What is DoLS? She is 17.", "What is DoLS? The resident is 17.",
    "Do we need a DoLS? Our client is 16.", "do we need a dols? hes 17", "What is DoLS? she is 87",
])
def test_a_process_question_with_only_an_age_after_it_is_no_disclosure(text: str) -> None:
    assert detect(text) is None, text
    found = classify(text)
    assert found is not None
    assert found.label == "howto", found


@pytest.mark.parametrize("text", [
    "Do we need a DoLS? She is 17 and staff lock her in.",
    "Is this a DoLS issue? She keeps trying to leave and staff stop her.",
    "What is DoLS? She is 17 and her dad hits her.",
])
def test_a_process_question_with_more_told_after_it_is_read_as_before(text: str) -> None:
    assert detect(text) is not None, text
