"""Employment entries (issue 11, content coverage: faq-employment.yaml).

Each row is a provider's question in their own words, not one of the entry's sample questions,
asked through the real Answerer over the packaged content. It must be answered (not handed over,
not a choice) by the entry written for it, and the answer must state the key fact. A few
questions on a neighbouring topic must still get the older entry that answers them, not an
employment entry.
"""

from __future__ import annotations

import pytest

from knowledge.answers import Answerer
from tests.knowledge.content_checks import answered_from, assert_each_entry_is_asked_twice

ASKED: list[tuple[str, str, str]] = [
    ("a carer is off sick for a week, do we pay statutory sick pay from the first day",
     "statutory-sick-pay", "from their first day of sickness"),
    ("what is statutory sick pay for a low paid carer on zero hours",
     "statutory-sick-pay", "80% of the employee's average weekly earnings"),
    ("how long does statutory maternity pay last for a care worker",
     "family-leave-and-pay", "up to 39 weeks"),
    ("can a carer who just joined take paternity leave",
     "family-leave-and-pay", "day-one rights"),
    ("making 30 care staff redundant, how long is the consultation",
     "redundancy-and-lost-contracts", "at least 30 days before the first dismissal"),
    ("how do we work out statutory redundancy pay for our carers",
     "redundancy-and-lost-contracts", "half a week's pay for each full year"),
    ("how do we check right to work with a share code",
     "right-to-work-checks", "share code"),
    ("a carer's visa runs out next month, do we need to check her right to work again",
     "right-to-work-checks", "repeat the check before it expires"),
    ("can we still sponsor a carer from abroad after july 2025",
     "sponsoring-overseas-care-workers", "22 July 2028"),
    ("a carer with a health and care visa from another provider wants to work for us, what "
     "do we do", "sponsoring-overseas-care-workers", "new certificate of sponsorship"),
    ("which staff do we have to auto enrol into a pension",
     "workplace-pension-auto-enrolment", "aged 22 to State Pension age"),
    ("a carer has opted out of the workplace pension, do we re-enrol her",
     "workplace-pension-auto-enrolment", "Every three years, re-enrol"),
    ("council staff are transferring to us in the LGPS, what is an admitted body",
     "lgps-and-pension-protection-on-transfer", "admission agreement"),
    ("do we have to offer the LGPS to council staff transferring to us",
     "lgps-and-pension-protection-on-transfer", "broadly comparable"),
    ("can carers sign an opt out of the 48 hour week",
     "working-time-rest-breaks", "cancel it with 7 days' notice"),
    ("what rest break must a carer get on a 12 hour shift",
     "working-time-rest-breaks", "20-minute break"),
    ("what is the acas code on disciplinary procedures",
     "disciplinary-and-grievance", "right to be accompanied"),
    ("how should we handle a carer's formal grievance",
     "disciplinary-and-grievance", "ideally more senior"),
    ("what is the statutory minimum notice we must give a carer",
     "notice-and-ending-employment", "up to 12 weeks"),
    ("how much notice must a carer give when resigning",
     "notice-and-ending-employment", "at least one week"),
    ("what are HMRC's mileage rates for carers",
     "mileage-and-motor-insurance", "45p a mile"),
    ("do carers need business use insurance on their car",
     "mileage-and-motor-insurance", "commuting cover is not enough"),
    ("do carers have a legal right to double time on bank holidays",
     "bank-holidays-and-weekend-pay", "no legal right"),
    ("can staff refuse to work on christmas day",
     "bank-holidays-and-weekend-pay", "if their contract requires it"),
    ("can we make flu vaccination compulsory for our carers",
     "staff-vaccination", "No law requires care staff to be vaccinated"),
    ("is covid vaccination still a legal requirement for care staff",
     "staff-vaccination", "revoked in March 2022"),
]

# A question next to an employment topic that an older entry answers: (question, the older
# entry, the employment entry that must not take it).
NEIGHBOURS: list[tuple[str, str, str]] = [
    ("notice period to end the contract early?",
     "contract-length-extensions", "notice-and-ending-employment"),
    ("how much holiday do zero hours carers build up",
     "holiday-pay", "bank-holidays-and-weekend-pay"),
    ("must carers be paid for the travel time between visits",
     "travel-time-home-care", "mileage-and-motor-insurance"),
    ("do our carers transfer to the new provider when we lose the contract",
     "tupe", "redundancy-and-lost-contracts"),
    ("does a carer need an enhanced DBS check",
     "dbs-checks", "right-to-work-checks"),
]

def test_every_new_entry_is_asked_twice() -> None:
    assert_each_entry_is_asked_twice("faq-employment.yaml", ASKED)


@pytest.mark.parametrize(("question", "entry_id", "fact"), ASKED,
                         ids=[f"{entry_id}-{n % 2}" for n, (_, entry_id, _) in enumerate(ASKED)])
def test_a_provider_question_gets_the_new_entry(answerer: Answerer, question: str,
                                                entry_id: str, fact: str) -> None:
    assert fact in answered_from(answerer, question, entry_id).answer


@pytest.mark.parametrize(("question", "older", "new"), NEIGHBOURS,
                         ids=[new for _, _, new in NEIGHBOURS])
def test_a_neighbouring_question_keeps_its_older_entry(answerer: Answerer, question: str,
                                                       older: str, new: str) -> None:
    assert answered_from(answerer, question, older).id != new
