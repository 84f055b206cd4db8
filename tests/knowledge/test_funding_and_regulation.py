"""Care funding and regulation entries (issue 11, content coverage, second round).

Each row is a provider's question in their own words, not one of the entry's sample questions,
asked through the real Answerer over the packaged content. It must be answered (not handed over,
not a choice) by the entry written for it, and the answer must state the key fact.
"""

from __future__ import annotations

import pytest

from knowledge.answers import Answerer
from tests.knowledge.content_checks import answered_from, assert_each_entry_is_asked_in_other_words

ASKED: list[tuple[str, str, str]] = [
    ("our agency is CQC registered, should our home care invoices include vat",
     "vat-on-care-services", "exempt from VAT"),
    ("the family want to keep mum's house, will the council defer the care home fees until "
     "it is sold", "deferred-payment-agreements", "deferred payment agreement"),
    ("does her house count in the first weeks of a permanent care home stay, and who pays our "
     "fees then",
     "twelve-week-property-disregard", "first 12 weeks"),
    ("above what level of savings does a person pay the full care home fees themselves",
     "capital-limits-means-test", "£23,250"),
    ("what income must the council leave a home care client with after charging",
     "minimum-income-guarantee", "Minimum Income Guarantee"),
    ("is it us or the local authority that should be collecting the resident's assessed "
     "charge", "client-contributions", "depends on your contract"),
    ("what is a resident's personal expenses allowance meant to be spent on",
     "personal-expenses-allowance", "Personal Expenses Allowance"),
    ("when can a care home resident pay a top-up out of their own capital",
     "first-party-top-ups", "deferred payment agreement"),
    ("our private payer's savings are nearly used up, when should the family ask the council "
     "for an assessment", "self-funders-running-out-of-money", "upper capital limit"),
    ("can a client with plenty of savings ask the council to arrange her home care and pay "
     "the full cost herself", "self-funders-asking-the-council-to-arrange-care", "s18(3)"),
    ("the family want the NHS to pay instead of the council, what is primary health need",
     "nhs-continuing-healthcare", "primary health need"),
    ("our nursing home residents - how does the nhs nursing contribution get paid to us",
     "funded-nursing-care", "flat-rate weekly NHS contribution"),
    ("does a person discharged after detention under section 3 have to pay for aftercare",
     "section-117-aftercare", "cannot be charged"),
    ("what does holding an individual service fund for someone mean for our agency",
     "individual-service-funds", "individual service fund (ISF)"),
    ("under section 5 what must a council do to look after the local care market",
     "market-shaping-duty", "efficient and effective market"),
    ("what makes someone's needs eligible for council care and support",
     "needs-assessment-eligibility", "eligibility criteria"),
    ("can she use her direct payments to employ her son who lives with her",
     "direct-payments-rules", "close relative"),
    ("we're opening another branch, do we have to apply to CQC to vary our registration",
     "cqc-registration-changes", "vary your registration"),
    ("how quickly must CQC be told after we revise our statement of purpose",
     "cqc-statement-of-purpose", "within 28 days"),
    ("our manager resigned last week, what do we need to do with CQC",
     "cqc-registered-manager", "registered manager"),
    ("the CQC draft report has factual mistakes, how do we challenge it before it is published",
     "cqc-factual-accuracy-and-rating-review", "factual accuracy check"),
    ("do new carers need an enhanced check with the barred list",
     "dbs-checks", "adults' barred list"),
    ("do we still have to make a DBS barring referral if the carer resigned before our "
     "disciplinary ended", "dbs-barring-referrals", "s35"),
    ("a resident who lacks capacity is under continuous supervision and not free to leave, do "
     "we need a DoLS", "deprivation-of-liberty-safeguards", "standard authorisation"),
    ("do all our support workers need learning disability and autism training",
     "learning-disability-autism-training", "Health and Care Act 2022"),
]

NEW_ENTRIES = {entry_id for _, entry_id, _ in ASKED}


def test_every_new_entry_is_asked() -> None:
    assert assert_each_entry_is_asked_in_other_words(
        "faq-care-funding-and-regulation.yaml",
        [(question, entry_id) for question, entry_id, _ in ASKED]) == NEW_ENTRIES


@pytest.mark.parametrize(("question", "entry_id", "fact"), ASKED,
                         ids=[entry_id for _, entry_id, _ in ASKED])
def test_a_provider_question_gets_the_new_entry(answerer: Answerer, question: str,
                                                entry_id: str, fact: str) -> None:
    assert fact in answered_from(answerer, question, entry_id).answer
