"""Tender and contract practice entries (issue 11, content coverage, fourth round).

Each row of ASKED is a provider's question in their own words, not one of the entry's sample
questions, asked through the real Answerer over the packaged content. It must be answered (not
handed over, not a choice) by the entry written or extended for it, and the answer must state
the key fact. The new entries sit in faq-contracts.yaml next to older ones, so the check that a
question is in other words covers the entries named here, not the whole file.
Each row of NEIGHBOURS is a question on a next-door topic that an older entry answers: the new
entry must not take it.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.base import PACKAGED, load_content
from tests.knowledge.content_checks import entry_tests
from tests.knowledge.test_base import TENDER_AND_CONTRACT_PRACTICE_FAQ_IDS

ASKED: list[tuple[str, str, str]] = [
    # New entries.
    ("does the council pay us less if our reablement clients don't get more independent",
     "outcome-based-payment", "what share of payment is at risk"),
    ("council wants to block book ten beds in our home, how is that different from spot "
     "placements", "block-spot-cost-volume", "risk of voids"),
    ("what's a cost and volume arrangement in a care contract",
     "block-spot-cost-volume", "baseline volume"),
    ("is a commissioner the same as the procurement team",
     "commissioning-vs-procurement", "analyse, plan, do, review"),
    ("does a council care tender need us to hold cyber essentials certification",
     "certifications-bid-requirements", "PPN 014"),
    ("do we have to tell the council that our manager is married to one of its evaluators",
     "conflicts-of-interest", "unfair advantage"),
    ("if the council signed the contract unlawfully can the court cancel it",
     "supplier-remedies", "set-aside condition"),
    ("can we recycle answers from a tender we submitted two years ago",
     "reusing-bid-content", "Update every fact"),
    # Older entries extended with the missing fact.
    ("do individual providers sign the pledge or is it the council",
     "about-the-pledge", "names no signatories"),
    ("does the ombudsman handle a care provider's fee dispute with the council",
     "disputes-complaints", "the courts are best placed"),
    ("who covers the cost of a mediator in a contract dispute with the local authority",
     "disputes-complaints", "the mediator's fee is shared"),
    ("can we request a meeting to go through our feedback after losing the tender",
     "assessment-summaries-feedback", "not a legal right"),
    ("can the award criteria be modified while the tender is still open",
     "evaluation-scoring", "Section 31"),
    ("what information does the outgoing provider have to hand over about transferring staff",
     "tupe", "regulation 11"),
    ("what happens to holiday the transferring carers haven't taken yet",
     "tupe", "Untaken holiday"),
    ("what should go into our plan for handing the service over to the next provider",
     "provider-failure-handback", "exit plan"),
    ("the son has stopped paying his mum's top up, what happens now",
     "top-ups-choice", "stays liable for the full cost"),
    # Without "for convenience" since session 15 a close call with "Contract length,
    # extensions and notice periods", which answers notice periods too (both offered).
    ("how much notice must the council give if it wants to end our contract for convenience",
     "contract-terms-risk", "for convenience"),
]

# (question, the new entry that must not answer it, the older entry that does)
NEIGHBOURS: list[tuple[str, str, str]] = [
    ("is the DSPT compulsory for a care home", "certifications-bid-requirements",
     "data-protection-dspt"),
    ("how many days standstill do we get after the award notice", "supplier-remedies",
     "standstill-challenges"),
    ("how do we write a strong method statement answer", "reusing-bid-content",
     "writing-quality-answers"),
    ("what is a market position statement", "commissioning-vs-procurement",
     "market-position-statement"),
    ("how do call offs from the framework work", "block-spot-cost-volume",
     "call-offs-brokerage"),
    ("what are the mandatory exclusion grounds", "conflicts-of-interest", "exclusion-grounds"),
]


def test_every_new_entry_is_asked_in_other_words() -> None:
    content = load_content([PACKAGED])
    new = {entry_id for _, entry_id, _ in ASKED} & set(TENDER_AND_CONTRACT_PRACTICE_FAQ_IDS)
    assert new == set(TENDER_AND_CONTRACT_PRACTICE_FAQ_IDS)
    for question, entry_id, _ in ASKED:
        entry = content.entries[entry_id]
        assert Path(entry.origin.rsplit(":", 1)[0]).name == "faq-contracts.yaml", entry_id
        assert question.lower() not in {sample.lower() for sample in entry.questions}, question


(test_a_provider_question_gets_the_entry, test_pledgebot_ask_json_gives_the_entries,
 test_a_neighbouring_question_keeps_its_older_entry) = entry_tests(ASKED, NEIGHBOURS)
