"""Running-the-business entries (issue 11, content coverage, third round).

Each row is a provider's question in their own words, not one of the entry's sample questions,
asked through ``pledgebot ask --json`` over the packaged content. It must be answered (not handed
over, not a choice) by the entry written for it, and the answer must state the key fact. A few
neighbouring questions, which other entries answer, must not get the new entry.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.knowledge.content_checks import (
    ask_json,
    assert_each_entry_is_asked_in_other_words,
    offered,
    read,
)

ASKED: list[tuple[str, str, str]] = [
    ("the council's payments team wants our bank details and company number before we can be "
     "paid, how does supplier set-up work", "council-supplier-setup-invoicing", "supplier number"),
    ("council pays us in one big payment each month, how can we get a remittance that shows "
     "what it is for", "council-supplier-setup-invoicing", "remittance advice"),
    ("the council is recovering an overpayment by cutting our next payment, can it do that",
     "council-overpayment-recovery", "set-off or recovery clause"),
    ("council wants back fees it paid for visits we never delivered, how far back can it go",
     "council-overpayment-recovery", "Limitation Act 1980"),
    # Session 37's brief: "the council sent a credit note / asked us for a credit note, what
    # now?" got "I don't know".
    ("the council asked us for a credit note, what now?", "credit-notes",
     "agree was billed wrongly"),
    ("the council sent a credit note, what now?", "credit-notes",
     "the 30-day legal limit (Procurement Act 2023 s68"),
    ("we won the new homecare lot, who pays for recruiting and training carers before the "
     "start date", "mobilisation-costs-new-contract", "No law requires a council to fund"),
    ("is it normal that councils dont fund start-up costs for a new service",
     "mobilisation-costs-new-contract", "a framework place guarantees no work"),
    ("is it allowed to draft our tender answers with chatgpt",
     "ai-in-tender-writing", "PPN 017"),
    ("the ITT asks us to declare any use of AI in preparing our bid, does that affect our score",
     "ai-in-tender-writing", "should not be scored"),
    ("what happens if the cabinet office puts us on the debarment list, can we still win "
     "council contracts", "debarment-list", "excluded supplier"),
    ("can a supplier be removed from the debarment list before the five years are up",
     "debarment-list", "never more than five years"),
    ("how do councils turn our social value commitments into a pound figure with proxy values",
     "social-value-measurement", "proxy value"),
    ("what evidence will we need to report the social value we promised after the contract "
     "starts", "social-value-measurement", "contract KPIs"),
    ("are we allowed to ask a private resident for a deposit before admission",
     "care-home-consumer-law", "Consumer Rights Act 2015"),
    ("what does the CMA expect from care homes on fee increases for self funders",
     "care-home-consumer-law", "advance notice"),
    ("what happens if we dont pay the CQC annual fee",
     "cqc-annual-fees", "cancel your registration"),
    ("how does CQC calculate the annual fee for a care home",
     "cqc-annual-fees", "number of registered places"),
    ("do CQC give notice before inspecting a domiciliary care service",
     "cqc-inspections-what-to-expect", "usually unannounced"),
    ("our service has improved since it was rated requires improvement, can we ask CQC to "
     "reassess us", "cqc-inspections-what-to-expect", "no guaranteed date for re-inspection"),
    ("a former member of staff has made a subject access request, what is the deadline to "
     "respond", "subject-access-requests", "one calendar month"),
    ("can we charge a fee to answer a subject access request",
     "subject-access-requests", "manifestly unfounded or excessive"),
    ("what retention periods apply to care records when a resident dies",
     "care-records-retention", "Records Management Code of Practice"),
    ("is there a minimum period to keep home care records and staff pay records",
     "care-records-retention", "kept for 6 years"),
    ("does a hoist failure count as a dangerous occurrence under RIDDOR",
     "riddor-reporting-care", "lifting equipment"),
    ("which accidents to care staff have to be reported to HSE",
     "riddor-reporting-care", "more than 7 days"),
]

# Questions next to a new entry's topic that another entry answers (or, for a figure the
# content does not hold, that is handed to a person): the new entry must not answer them.
NEIGHBOURS: list[tuple[str, str]] = [
    ("how much will CQC charge our home care agency this year", "cqc-annual-fees"),
    ("what are mandatory exclusion grounds under the procurement act", "debarment-list"),
    ("the council still hasnt paid our invoice from two months ago",
     "council-overpayment-recovery"),
    ("the council put our invoice on hold because the hours differ from the care plan",
     "credit-notes"),
    ("the council is taking an old overpayment off our next remittance, can it",
     "credit-notes"),
    ("how long is the mobilisation period after a contract award",
     "mobilisation-costs-new-contract"),
    ("the council wont pay the top up for a resident, can the family pay it",
     "care-home-consumer-law"),
    ("what do we have to notify CQC about", "riddor-reporting-care"),
    ("we had a data breach, do we have to tell the ICO", "subject-access-requests"),
    ("what counts as social value in a care tender", "social-value-measurement"),
]

NEW_ENTRIES = {entry_id for _, entry_id, _ in ASKED}


@pytest.fixture(scope="module")
def answered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every question of this module asked once through ``pledgebot ask --json``."""
    questions = [question for question, _, _ in ASKED] + [question for question, _ in NEIGHBOURS]
    return ask_json(tmp_path_factory.mktemp("ask"), questions)


def test_every_new_entry_is_asked_in_other_words() -> None:
    assert assert_each_entry_is_asked_in_other_words(
        "faq-provider-operations.yaml",
        [(question, entry_id) for question, entry_id, _ in ASKED]) == NEW_ENTRIES
    assert {entry_id for _, entry_id in NEIGHBOURS} <= NEW_ENTRIES


@pytest.mark.parametrize(("question", "entry_id", "fact"), ASKED,
                         ids=[f"{entry_id}-{n % 2}" for n, (_, entry_id, _) in enumerate(ASKED)])
def test_a_provider_question_gets_the_new_entry(answered: dict[str, dict[str, Any]], question: str,
                                                entry_id: str, fact: str) -> None:
    row = answered[question]
    assert offered(row, entry_id), (row["mode"], row["ids"])
    assert fact in read(row)


@pytest.mark.parametrize(("question", "entry_id"), NEIGHBOURS,
                         ids=[entry_id for _, entry_id in NEIGHBOURS])
def test_a_neighbouring_question_does_not_get_the_new_entry(answered: dict[str, dict[str, Any]],
                                                            question: str,
                                                            entry_id: str) -> None:
    row = answered[question]
    assert not (row["mode"] == "answer" and row["ids"][:1] == [entry_id]), row["ids"]
