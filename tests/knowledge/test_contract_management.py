"""Contract management entries (issue 11, content coverage: faq-contract-management.yaml).

Every entry asked twice in a provider's own words, and neighbouring questions kept by their older
entries: what each row checks is in ``content_checks.asked_twice_tests``.
"""

from __future__ import annotations

from tests.knowledge.content_checks import asked_twice_tests

ASKED: list[tuple[str, str, str]] = [
    ("the commissioner wants us to sign a variation changing the specification, can we say no",
     "contract-variations-and-modifications", "a written variation signed by both sides"),
    ("what is a substantial modification of a public contract",
     "contract-variations-and-modifications", "materially changing the scope"),
    ("we have been bought out, will the council novate our contracts",
     "change-of-ownership-novation", "which needs the council's written consent"),
    ("what happens to our council contract if we merge with another provider",
     "change-of-ownership-novation", "CQC registration cannot transfer"),
    ("what must go in a rectification plan after a default notice",
     "default-notices-and-remedial-plans", "(root cause)"),
    ("are service credits for late calls legal",
     "default-notices-and-remedial-plans", "Cavendish v Makdessi [2015] UKSC 67"),
    ("who needs to sign the IPA",
     "individual-placement-agreements", "your authorised signatory"),
    ("individual placement agreement missing for a new admission, what should we do",
     "individual-placement-agreements", "an email confirming the person, rate and start date"),
    ("can the council give our quality monitoring report to families",
     "quality-reports-and-records-sharing", "Freedom of Information Act 2000"),
    ("can council quality officers look at our staff files",
     "quality-reports-and-records-sharing", "your contract's access or audit clauses"),
]

# A question next to a contract management topic that an older entry answers: (question, the
# older entry, the contract management entry that must not take it).
NEIGHBOURS: list[tuple[str, str, str]] = [
    ("we want to renegotiate the indemnity clause before signing the council contract",
     "contract-terms-risk", "contract-variations-and-modifications"),
    ("council says it will publish a performance notice about our breach, what is that",
     "contract-performance-notices", "default-notices-and-remedial-plans"),
    ("how long does a placement embargo usually last",
     "placement-suspensions", "default-notices-and-remedial-plans"),
    ("can a rival provider get our tender pricing through FOI",
     "confidentiality-foi", "quality-reports-and-records-sharing"),
    ("do we need a new CQC registration to open a second branch",
     "cqc-registration-changes", "change-of-ownership-novation"),
]


(test_every_new_entry_is_asked_twice, test_a_provider_question_gets_the_new_entry,
 test_pledgebot_ask_json_gives_the_new_entries,
 test_a_neighbouring_question_keeps_its_older_entry) = asked_twice_tests(
    "faq-contract-management.yaml", ASKED, NEIGHBOURS)
