"""Bidding detail entries (issue 11, content coverage: faq-bidding-detail.yaml).

Each row is a provider's question in their own words, not one of the entry's sample questions,
asked through the real Answerer over the packaged content. It must be answered (or offered
first) by the entry written for it, and the answer must state the key fact. A few questions on a
neighbouring topic must still get the older entry that answers them, not a bidding detail entry.
"""

from __future__ import annotations

from tests.knowledge.content_checks import asked_twice_tests

ASKED: list[tuple[str, str, str]] = [
    ("the evaluators disagreed about our score, how do they agree the final mark",
     "evaluation-moderation-and-price-scores", "agree one moderated score per question"),
    ("how do they work out price points when we are not the lowest bidder",
     "evaluation-moderation-and-price-scores", "the lowest price gets full marks"),
    ("competitor put in a rate way below cost, can the council throw it out as abnormally low",
     "abnormally-low-tenders", "only after asking the bidder to explain its price"),
    ("does the LA have to pay the homecare association's minimum hourly price",
     "abnormally-low-tenders", "It is guidance, not law"),
    ("what does a parent company actually sign up to in a guarantee for a council contract",
     "parent-company-guarantee", "the guarantor will put it right or pay"),
    ("who provides a performance bond and how does it work on a council contract",
     "parent-company-guarantee", "a bank's or insurer's promise to pay the council"),
    ("council wants to switch our day centre grant to a contract, what is the difference",
     "grants-or-contracts", "a contract buys a service the council specifies"),
    ("can the council just give our charity a grant rather than running a tender",
     "grants-or-contracts", "procurement law requires no tender"),
    ("we handed back a few home care packages, could that stop us winning future council "
     "contracts", "handing-back-packages", "on its own it is no ground to exclude you"),
    ("we gave notice on a dom care package, does the council have to find someone else",
     "handing-back-packages", "the council stays responsible for meeting the person's eligible"),
    ("what does co-production actually mean for commissioners and providers",
     "co-production-in-commissioning", "working with commissioners as equal partners"),
    ("the ITT asks us to evidence co-production, what should we put in our answer",
     "co-production-in-commissioning", "what changed as a result"),
    ("the council scrapped the tender after we had put weeks into our bid, will they pay our "
     "costs", "cancelled-procurements-bid-costs", "bidders normally carry their own bid costs"),
    ("is a council allowed to abandon a procurement once the bids are in",
     "cancelled-procurements-bid-costs", "procurement termination notice"),
]

# A question next to a bidding detail topic that an older entry answers: (question, the older
# entry, the bidding detail entry that must not take it).
NEIGHBOURS: list[tuple[str, str, str]] = [
    ("what price to quality weighting is normal for a homecare tender",
     "evaluation-scoring", "evaluation-moderation-and-price-scores"),
    ("what should we include when building up our hourly rate for a bid",
     "pricing-and-rates", "abnormally-low-tenders"),
    ("our credit score is too low for the council's financial check, what now",
     "financial-standing", "parent-company-guarantee"),
    ("our agency is going into administration, what must the council do for our clients",
     "provider-failure-handback", "handing-back-packages"),
    ("is it worth going to the provider engagement event before the homecare tender",
     "pre-market-engagement", "co-production-in-commissioning"),
]


(test_every_new_entry_is_asked_twice, test_a_provider_question_gets_the_new_entry,
 test_pledgebot_ask_json_gives_the_new_entries,
 test_a_neighbouring_question_keeps_its_older_entry) = asked_twice_tests(
    "faq-bidding-detail.yaml", ASKED, NEIGHBOURS)
