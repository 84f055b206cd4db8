"""Fees, funding and care practice entries (issue 11, content coverage, session 8).

Each row of ASKED is a provider's question in their own words, not one of the entry's sample
questions, asked through the real Answerer over the packaged content. It must be answered (not
handed over, not a choice) by the entry written or extended for it, and the answer must state
the key fact. Each row of NEIGHBOURS is a question on a next-door topic that an older entry
answers: the new entry must not take it. The new entries sit in several files next to older
ones, so the check that every new entry is asked is made over NEW_ENTRY_IDS, not a whole file.
"""

from __future__ import annotations

from knowledge.base import PACKAGED, load_content
from tests.knowledge.content_checks import entry_tests
from tests.knowledge.test_base import FEES_FUNDING_AND_CARE_PRACTICE_FAQ_IDS

# Older entries this round extended with a missing fact (uplift cost models and backdating; the
# Schedule 6 and 7 exclusion grounds and self-cleaning).
EXTENDED_IDS = ["annual-uplifts", "exclusion-grounds"]

ASKED: list[tuple[str, str, str]] = [
    ("are council fee uplifts usually worked out from the living wage increase and inflation",
     "annual-uplifts", "CPI"),
    ("uplift agreed late in the year, will it be backdated to april",
     "annual-uplifts", "backdated to 1 April"),
    ("is the council allowed to ask for our full cost breakdown before agreeing an enhanced rate",
     "open-book-accounting", "no law makes care providers open their books"),
    ("what are the mandatory grounds for excluding a supplier under the new procurement act",
     "exclusion-grounds", "Schedule 6"),
    ("how is a care service rated under CQC's quality statements and evidence categories",
     "cqc-single-assessment-framework", "six categories"),
    ("what is the better care fund and who decides how it is spent",
     "national-care-funding-msif-bcf", "section 75"),
    ("nice guidance on how short a home care call can be",
     "home-care-short-visits-and-cancellations", "NG21"),
    ("can we still bill the council when a home care visit is cancelled with an hours notice",
     "home-care-short-visits-and-cancellations", "depends on your contract"),
    ("is completing the ASC-WDS compulsory for a care provider",
     "adult-social-care-workforce-data-set", "no law requires it"),
    ("how do we make an LDSS claim for care staff training",
     "training-funding-ldss", "NHS Business Services Authority"),
    ("when will the care sector fair pay agreement come into force",
     "fair-pay-agreement-adult-social-care", "Not yet in force"),
    ("what types of abuse does the care and support statutory guidance list",
     "types-of-abuse-and-neglect", "14.17"),
    ("what does the care act mean by promoting wellbeing",
     "care-act-wellbeing-principle", "Section 1"),
    ("how is supported living commissioned differently from a care home placement",
     "supported-living-or-residential-care", "housing benefit"),
    ("how do councils price extra 1:1 hours for a care home resident",
     "one-to-one-support-funding", "additional-hours rate"),
    ("should the council send us the care and support plan before someone moves in",
     "care-plan-before-placement", "s25"),
    ("what are the discharge to assess pathways and who funds the short term care",
     "discharge-to-assess-contracts", "four pathways"),
    ("council has put our invoice on hold for a query, what do we do",
     "council-invoice-on-hold", "purchase order"),
]

# (question, the new entry that must not answer it, the older entry that does)
NEIGHBOURS: list[tuple[str, str, str]] = [
    ("must the council pay fees that cover what care actually costs",
     "national-care-funding-msif-bcf", "cost-of-care-fee-setting"),
    ("how do i raise a safeguarding concern with the council", "types-of-abuse-and-neglect",
     "safeguarding-concerns"),
    ("ecm rounding rules lose us minutes on every visit",
     "home-care-short-visits-and-cancellations", "electronic-call-monitoring"),
    ("how do we get set up as a supplier so the council can pay us", "council-invoice-on-hold",
     "council-supplier-setup-invoicing"),
    ("do we have to pay staff for time spent on training", "training-funding-ldss",
     "training-time-and-costs"),
    ("does CQC regulate the housing in supported living", "supported-living-or-residential-care",
     "supported-living-specifics"),
    ("residents needs have gone up a lot, how do we get the fee increased",
     "one-to-one-support-funding", "changes-in-needs-variations"),
    ("when will the council tell us this years uplift", "open-book-accounting", "annual-uplifts"),
    ("what is the national living wage rate", "fair-pay-agreement-adult-social-care",
     "national-living-wage"),
    ("how long does CQC registration take", "cqc-single-assessment-framework",
     "cqc-registration-rating"),
]


def test_every_new_and_extended_entry_is_asked_in_other_words() -> None:
    content = load_content([PACKAGED])
    asked = {entry_id for _, entry_id, _ in ASKED}
    assert asked == set(FEES_FUNDING_AND_CARE_PRACTICE_FAQ_IDS + EXTENDED_IDS)
    for question, entry_id, _ in ASKED:
        samples = {sample.lower() for sample in content.entries[entry_id].questions}
        assert question.lower() not in samples, question


(test_a_provider_question_gets_the_entry, test_pledgebot_ask_json_gives_the_entries,
 test_a_neighbouring_question_keeps_its_older_entry) = entry_tests(ASKED, NEIGHBOURS)
