"""Procurement and contract practice entries (issue 11, content coverage).

Each row of ASKED is a provider's question in their own words, not one of the entry's sample
questions, asked through the real Answerer over the packaged content. It must be answered (not
handed over, not a choice) by the entry written for it, and the answer must state the key fact.
Each row of NEIGHBOURS is a question on a next-door topic that an older entry answers: the new
entry must not take it.
"""

from __future__ import annotations

from tests.knowledge.content_checks import assert_each_entry_is_asked_in_other_words, entry_tests

ASKED: list[tuple[str, str, str]] = [
    ("is a contract change notice required if the council varies our light touch care contract",
     "procurement-act-notices", "not required for light touch contracts"),
    ("does every council have to publish a pipeline notice",
     "procurement-act-notices", "more than £100m"),
    ("when does a council have to publish a contract performance notice about a supplier",
     "contract-performance-notices", "Section 71"),
    ("does a light touch homecare contract get annual KPI assessment notices",
     "contract-performance-notices", "Light touch contracts and frameworks are outside s52"),
    ("the council has stopped making new placements at our home after the safeguarding "
     "concerns, what can we do", "placement-suspensions", "review date"),
    ("how do we get the placement embargo on our nursing home lifted",
     "placement-suspensions", "a clear test for lifting the suspension"),
    ("what should we expect on the day of the council's contract monitoring visit to our home "
     "care branch", "contract-monitoring-visits", "PAMMS"),
    ("what key performance indicators are usual in a residential care contract",
     "contract-monitoring-visits", "pressure ulcers"),
    ("are case studies a good idea in a method statement answer",
     "writing-quality-answers", "anonymised case studies"),
    ("does the word count include tables and headings in our tender quality answers",
     "writing-quality-answers", "what the tender documents say counts"),
    ("what did the old standard selection questionnaire ask for",
     "standard-selection-questionnaire", "PPN 03/23"),
    ("should our subcontractor fill in the selection questionnaire as well",
     "standard-selection-questionnaire", "parts 1 and 2"),
    ("does the council have to consult care providers before it sets the fee rates",
     "fee-consultation", "para 4.31"),
    ("council only gave providers a week to comment on proposed fee rates, is that a fair "
     "consultation", "fee-consultation", "Gunning principles"),
]

NEW_ENTRIES = {entry_id for _, entry_id, _ in ASKED}

# (question, the new entry that must not answer it, the older entry that does)
NEIGHBOURS: list[tuple[str, str, str]] = [
    ("what is a contract details notice", "procurement-act-notices",
     "contract-award-mobilisation"),
    ("can poor performance on a previous council contract be used against us",
     "contract-performance-notices", "exclusion-grounds"),
    ("how do i raise a safeguarding concern with the council", "placement-suspensions",
     "safeguarding-concerns"),
    ("how are care tenders scored", "writing-quality-answers", "evaluation-scoring"),
    ("when will the council tell us this years uplift", "fee-consultation", "annual-uplifts"),
]


def test_every_new_entry_is_asked() -> None:
    assert assert_each_entry_is_asked_in_other_words(
        "faq-procurement-practice.yaml",
        [(question, entry_id) for question, entry_id, _ in ASKED]) == NEW_ENTRIES


(test_a_provider_question_gets_the_new_entry, test_pledgebot_ask_json_gives_the_new_entries,
 test_a_neighbouring_question_keeps_its_older_entry) = entry_tests(ASKED, NEIGHBOURS)
