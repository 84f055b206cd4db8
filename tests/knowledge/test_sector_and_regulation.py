"""Sector and regulation entries (issue 11, content coverage: faq-sector-and-regulation.yaml).

Every entry asked twice in a provider's own words, and neighbouring questions kept by their older
entries: what each row checks is in ``content_checks.asked_twice_tests``.
"""

from __future__ import annotations

from tests.knowledge.content_checks import asked_twice_tests

ASKED: list[tuple[str, str, str]] = [
    ("what does the Care Provider Alliance actually do",
     "care-sector-bodies", "an informal alliance of the main national provider associations"),
    ("is joining a local care association worth it for a small provider",
     "care-sector-bodies", "is usually worth joining"),
    ("does the CQC now assess local authorities' adult social care",
     "cqc-assessment-of-councils", "section 46A of the Health and Social Care Act 2008"),
    ("how can a care provider get its views on the council into CQC's assessment",
     "cqc-assessment-of-councils", "partners' feedback, providers included"),
    ("who deals with a complaint from a relative about the care we give",
     "complaints-about-your-service", "regulation 16"),
    ("how long has a family got to take a complaint about our care to the ombudsman",
     "complaints-about-your-service", "12 months from knowing of the problem"),
    ("must a day centre that helps people to the toilet register with CQC",
     "day-services-and-cqc", "covers only care given where the person is living"),
    ("what routes do councils use to commission day opportunities",
     "day-services-and-cqc", "open framework or approved list"),
]

# A question next to one of these topics that an older entry answers: (question, the older
# entry, the new entry that must not take it).
NEIGHBOURS: list[tuple[str, str, str]] = [
    ("can providers send a joint response to the council's fee proposals",
     "fee-consultation", "care-sector-bodies"),
    ("how do we join the council's provider forum",
     "working-together-relationship", "care-sector-bodies"),
    ("what does CQC look at in an inspection",
     "cqc-inspections-what-to-expect", "cqc-assessment-of-councils"),
    ("can we complain to the ombudsman about the council's fee rates",
     "disputes-complaints", "complaints-about-your-service"),
    ("our day centre has had a council grant for years, is it going to become a contract",
     "grants-or-contracts", "day-services-and-cqc"),
]


(test_every_new_entry_is_asked_twice, test_a_provider_question_gets_the_new_entry,
 test_pledgebot_ask_json_gives_the_new_entries,
 test_a_neighbouring_question_keeps_its_older_entry) = asked_twice_tests(
    "faq-sector-and-regulation.yaml", ASKED, NEIGHBOURS)
