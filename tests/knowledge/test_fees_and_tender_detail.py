"""Fee and tender detail entries (issue 11, content coverage: faq-fees-and-tender-detail.yaml).

Every entry asked twice in a provider's own words, and neighbouring questions kept by their older
entries: what each row checks is in ``content_checks.asked_twice_tests``.
"""

from __future__ import annotations

from tests.knowledge.content_checks import asked_twice_tests

ASKED: list[tuple[str, str, str]] = [
    ("who decides what band a council-funded care home resident is placed in",
     "fee-bands-and-usual-cost", "from its Care Act needs assessment"),
    ("is the usual cost the same thing as the personal budget",
     "fee-bands-and-usual-cost", "it is the personal budget for that type of accommodation"),
    ("are councils allowed to pay some providers more than others for identical work",
     "different-rates-for-providers",
     "no law says every provider must get the same rate or uplift"),
    ("must a council pay everyone on its framework an identical hourly rate",
     "different-rates-for-providers",
     "framework rates and price-review clauses apply to everyone on that framework"),
    ("how long do care providers have to bring a judicial review of fee rates",
     "judicial-review-of-fee-setting", "promptly and within 3 months"),
    ("what happened in the Stoke-on-Trent care home fees case",
     "judicial-review-of-fee-setting", "a 1.4% uplift quashed"),
    ("our tender was rejected for failing a pass/fail criterion, can they do that",
     "pass-fail-and-post-tender-clarification", "fail it and the council can reject the bid"),
    ("can the council let a bidder fix a mistake after tenders have closed",
     "pass-fail-and-post-tender-clarification", "obvious clerical slip"),
    ("does PPN 06/21 apply to councils buying care",
     "carbon-reduction-plans", "bind only central government"),
    ("what does a carbon reduction plan have to include",
     "carbon-reduction-plans", "net zero by 2050"),
]

# A question next to a fee or tender detail topic that an older entry answers: (question, the
# older entry, the new entry that must not take it).
NEIGHBOURS: list[tuple[str, str, str]] = [
    ("family member has stopped paying the third party top-up, what happens now",
     "top-ups-choice", "fee-bands-and-usual-cost"),
    ("how does a council work out the yearly percentage increase to fees",
     "annual-uplifts", "different-rates-for-providers"),
    ("is a council obliged to consult providers on next year's fees",
     "fee-consultation", "judicial-review-of-fee-setting"),
    ("our upload failed at the deadline, will the council accept our bid late",
     "submission-deadlines-late", "pass-fail-and-post-tender-clarification"),
    ("what is social value in a council tender",
     "social-value", "carbon-reduction-plans"),
]


(test_every_new_entry_is_asked_twice, test_a_provider_question_gets_the_new_entry,
 test_pledgebot_ask_json_gives_the_new_entries,
 test_a_neighbouring_question_keeps_its_older_entry) = asked_twice_tests(
    "faq-fees-and-tender-detail.yaml", ASKED, NEIGHBOURS)
