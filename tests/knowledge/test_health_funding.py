"""Health funding entries (issue 11, content coverage: faq-health-funding.yaml).

Each row is a provider's question in their own words, not one of the entry's sample questions,
asked through the real Answerer over the packaged content. It must be answered by the entry
written for it (or, when the bot is not sure, offered with that entry first), and the answer must
state the key fact. A few
questions on a neighbouring topic must still get the older entry that answers them, not a
health funding entry.
"""

from __future__ import annotations

from tests.knowledge.content_checks import asked_twice_tests

ASKED: list[tuple[str, str, str]] = [
    ("how many days does the ICB have to make a CHC decision",
     "chc-process-for-care-homes", "within 28 days of receiving a positive Checklist"),
    ("ICB took more than 28 days to decide CHC, will the fees be refunded",
     "chc-process-for-care-homes", "refund costs from day 29"),
    ("who do we bill for a package split between the LA and the NHS",
     "joint-funded-packages", "Invoice the body your placement agreement or order names"),
    ("can the council charge the person for its share of a joint health and social care "
     "package", "joint-funded-packages", "only for the council's part"),
    ("what is the FNC rate from april 2026",
     "fnc-rates-and-payment", "£267.68 a week"),
    ("who gets the higher rate of FNC",
     "fnc-rates-and-payment", "already on the higher rate when the single band was introduced"),
    ("what does a trusted assessor do",
     "trusted-assessors", "on your behalf and with your permission"),
    ("can we adjust a client's hours ourselves because of trusted assessment",
     "trusted-assessors", "Change hours yourself only as far as your contract or scheme allows"),
    ("is the care workforce pathway compulsory for providers",
     "care-workforce-pathway", "it is guidance, not law"),
    ("how often must care homes update the capacity tracker",
     "care-workforce-pathway", "each month between the 8th and the 14th"),
]

# A question next to a health funding topic that an older entry answers: (question, the older
# entry, the health funding entry that must not take it).
NEIGHBOURS: list[tuple[str, str, str]] = [
    ("what does NHS funded nursing care cover",
     "funded-nursing-care", "fnc-rates-and-payment"),
    ("how does the NHS decide if a resident qualifies for continuing healthcare",
     "nhs-continuing-healthcare", "chc-process-for-care-homes"),
    ("a client was sectioned, can we charge him for his aftercare",
     "section-117-aftercare", "joint-funded-packages"),
    ("how are discharge to assess beds funded",
     "discharge-to-assess-contracts", "trusted-assessors"),
    ("do we need to put our staff on ASC-WDS",
     "adult-social-care-workforce-data-set", "care-workforce-pathway"),
]


(test_every_new_entry_is_asked_twice, test_a_provider_question_gets_the_new_entry,
 test_pledgebot_ask_json_gives_the_new_entries,
 test_a_neighbouring_question_keeps_its_older_entry) = asked_twice_tests(
    "faq-health-funding.yaml", ASKED, NEIGHBOURS)
