"""One definition of a death told (``knowledge.deaths``), read by the safeguarding check's cap
on a plain death and by the chat's condolences: each death the check caps is one the chat
reads, and each "RIP" or "passed on" form one reads, the other reads (session 30)."""

from __future__ import annotations

import pytest

from handlers.talk.matching import death_told
from knowledge.safeguarding import _plain_death, normalise


def capped(text: str) -> bool:
    """Whether the safeguarding check reads ``text`` as a death told plainly (its model may
    ask about it, never raise it)."""
    return _plain_death(normalise(text))


@pytest.mark.parametrize("text", [
    "RIP Mrs B",
    "R.I.P. Mrs B",
    "Mrs B, rest in peace",
    "RIP RC-104",
    "Mrs B passed on last night",
    "Mrs B passed on peacefully",
    "one of our residents passed on, family were with her",
    "Mrs B has passed",
    "sadly Mrs B has passed this morning",
    "Sad news, the death of Mrs B this morning",
    "the sad passing of Mrs B",
])
def test_each_rip_or_passed_on_form_is_read_by_both(text: str) -> None:
    # Before: "passed on" and "has passed" were a death to the check only, "death of" and
    # "passing of" to the chat only, "R.I.P." and "rest in peace" to neither.
    assert (capped(text), death_told(text) is not None) == (True, True)


@pytest.mark.parametrize("text", [
    "We will rip out the old kitchen next month",
    "This tender is a rip-off",
    "rip up the contract and start again",
    "Since the passing of the Act our bids take longer",
    "we have passed on the news",
    "we passed on the news to the council",
    "she has passed the assessment",
    "the deadline has passed",
])
def test_words_of_things_ending_or_handed_on_are_read_by_neither(text: str) -> None:
    # Before: "we have passed on the news" was a death told plainly to the check.
    assert (capped(text), death_told(text)) == (False, None)
