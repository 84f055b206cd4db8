"""Workforce and service entries (issue 11, content coverage: faq-workforce-and-services.yaml).

Each row is a provider's question in their own words, not one of the entry's sample questions,
asked through the real Answerer over the packaged content. It must be answered (or, when the bot is
not sure, offered first) by the entry written for it, and the answer must state the key fact. A few
questions on a neighbouring topic must still get the older entry that answers them, not one of
these entries.
"""

from __future__ import annotations

from tests.knowledge.content_checks import asked_twice_tests

ASKED: list[tuple[str, str, str]] = [
    ("we took over a contract last month, can we move the transferred carers onto our standard "
     "contract", "tupe-after-the-transfer",
     "void if its sole or principal reason is the transfer"),
    ("does tupe apply if the council moves a single client's care package to another agency",
     "tupe-after-the-transfer", "organised grouping of employees whose principal purpose"),
    ("are shared lives carers employees of the scheme",
     "shared-lives", "usually self-employed"),
    ("does the council's shared lives scheme have to be registered with the care quality "
     "commission", "shared-lives", "registers with CQC for personal care"),
    ("who does what in an extra care housing scheme, the landlord or the care company",
     "extra-care-housing", "the council commissions the care separately"),
    ("does the care provider in extra care housing need to be registered with cqc",
     "extra-care-housing", "CQC regulates the personal care, not the accommodation"),
    ("who covers the lost rent when a room in supported living is empty",
     "supported-living-voids", "the loss falls on the landlord unless a lease or agreement"),
    ("is the council obliged to make void payments for empty supported living rooms",
     "supported-living-voids", "void payments exist only where agreed"),
    ("our sponsor licence was suspended by the home office, must we inform the local authority",
     "sponsor-licence-and-council-contracts", "Tell your commissioner early"),
    ("can a revoked sponsor licence get us excluded from council care tenders",
     "sponsor-licence-and-council-contracts", "a licence decision is not itself one of them"),
]

# A question next to one of these topics that an older entry answers: (question, the older
# entry, the new entry that must not take it).
NEIGHBOURS: list[tuple[str, str, str]] = [
    ("when does the outgoing provider have to send employee liability information",
     "tupe", "tupe-after-the-transfer"),
    # Session 14: "how are sleep-ins paid in a supported living contract" is now offered the
    # sleep-in pay entry first (close, the supported living entry second), never the voids one.
    ("what does a supported living contract usually pay for, hours and sleep-ins",
     "supported-living-specifics", "supported-living-voids"),
    ("what duties does a sponsor licence holder have to keep",
     "sponsoring-overseas-care-workers", "sponsor-licence-and-council-contracts"),
    ("what are the mandatory exclusion grounds under the procurement act",
     "exclusion-grounds", "sponsor-licence-and-council-contracts"),
    ("difference between supported living and a residential care home",
     "supported-living-or-residential-care", "extra-care-housing"),
]


(test_every_new_entry_is_asked_twice, test_a_provider_question_gets_the_new_entry,
 test_pledgebot_ask_json_gives_the_new_entries,
 test_a_neighbouring_question_keeps_its_older_entry) = asked_twice_tests(
    "faq-workforce-and-services.yaml", ASKED, NEIGHBOURS)
