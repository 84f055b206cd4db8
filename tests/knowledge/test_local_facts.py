"""A question asked of the council itself goes to a person (issue 11).

The bot speaks for one council, so "do you pay ...", "your hourly rate", "does this council ...",
a contact's e-mail address or phone number, "who is the ... for our home", "this month's payment
run" and a tender's own question numbers ask for that council's own practice, which no entry of
the general content can hold. The same words in a question about a rule are still answered.
"""

from __future__ import annotations

import pytest

from knowledge.answers import Answerer
from tests.knowledge.content_checks import answered_from


@pytest.mark.parametrize("question", [
    "do you pay travel time on top of the hourly rate for home care",
    "what's the waking night rate you pay for learning disability services",
    "is the fee uplift included in your nursing rates from april",
    "does this council pay care homes four weekly or monthly",
    "what is the phone number of the commissioning team",
    "can you give me the email address for the payments team",
    "who is the quality officer for our branch",
    "when is this month's payment run",
    "is question 4.3 of the quality questionnaire scored out of 5 or 10",
    "the specification says 40 hours but the pricing schedule says 45, which one do we price",
])
def test_a_question_asked_of_the_council_is_handed_over(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.ask(question)
    assert answer.mode == "abstain", [hit.entry_id for hit in answer.hits]
    assert not answer.answered
    assert answerer.searcher.asks_for_a_local_fact(question)


@pytest.mark.parametrize(("question", "expected"), [
    ("does the council have to pay for travel time between home care visits",
     "travel-time-home-care"),
    ("what is statutory sick pay this year", "statutory-sick-pay"),
    ("can the council change the evaluation criteria question weightings", "evaluation-scoring"),
    # The council leads a section 42 enquiry (session 13: that entry now comes first).
    ("who is responsible for investigating a safeguarding concern at our service",
     "section-42-enquiry-process"),
])
def test_a_rule_in_the_same_words_is_still_answered(
    answerer: Answerer, question: str, expected: str
) -> None:
    answered_from(answerer, question, expected)
    assert not answerer.searcher.asks_for_a_local_fact(question)


@pytest.mark.parametrize(("question", "entry_id"), [
    ("how much does it cost to get cyber essentials certified", "certifications-bid-requirements"),
    ("what does it cost to register for the DSPT", "data-protection-dspt"),
])
def test_a_price_the_entry_does_not_give_is_handed_over(
    answerer: Answerer, question: str, entry_id: str
) -> None:
    # The entry is on the topic but names no sum of money, so it cannot say what it costs.
    assert "£" not in answerer.knowledge.content.entries[entry_id].answer
    answer = answerer.ask(question)
    assert answer.mode == "abstain", [hit.entry_id for hit in answer.hits]
    assert answerer.searcher.asks_for_a_specific(question, entry_id)


@pytest.mark.parametrize("question", [
    "we were paid late twice this month, what can we do",
    "can you use agency staff to cover sleep-ins",
    "how do you use the pledge in contract monitoring",
    "can i see a copy of the pledge",
    "when do we get paid for the last week of a placement",
])
def test_a_general_question_in_local_sounding_words_is_not_a_local_fact(
    answerer: Answerer, question: str
) -> None:
    assert not answerer.searcher.asks_for_a_local_fact(question)


def test_an_entry_that_says_a_service_is_free_gives_its_price(answerer: Answerer) -> None:
    question = "how much does the public procurement review service cost"
    assert "£" not in answerer.knowledge.content.entries["disputes-complaints"].answer
    assert not answerer.searcher.asks_for_a_specific(question, "disputes-complaints")
