"""One definition of a death told (``knowledge.deaths``), read by the safeguarding check's cap
on a plain death and by the chat's condolences: each death the check caps is one the chat
reads, and each "RIP" or "passed on" form one reads, the other reads (session 30)."""

from __future__ import annotations

import itertools

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


_OPENINGS = ("", "sadly ", "Very sadly ", "Unfortunately, ", "I'm sorry to say ", "fyi ",
             "Just to let you know ", "please be aware ", "Sad news, ",
             "We are sorry to tell you that ")
_WHOSE = ("", "Mrs B ", "one of our residents ", "RC-104 ", "my mum ", "the gentleman ", "she ")
_DEATHS = ("died", "passed away", "has passed away", "passed on", "has passed",
           "passed peacefully", "passed on peacefully", "sadly passed away", "died peacefully")
_AFTER = ("", " last night", " in her sleep last night", " in hospital on Monday",
          " peacefully at home", ", family were with her", " after a short illness",
          " with her family by her side")


def test_every_death_the_check_caps_is_a_death_told_to_the_chat() -> None:
    # Session 30's brief: "sadly passed away last night" was capped by the check and got
    # "I don't know" (a knowledge gap) from the chat; so did "please be aware ..." and
    # "... after a short illness".
    told = [opening + whose + death + after for opening, whose, death, after
            in itertools.product(_OPENINGS, _WHOSE, _DEATHS, _AFTER)]
    read = [text for text in told if capped(text)]
    assert len(read) > len(told) // 2
    assert [text for text in read if death_told(text) is None] == []


def test_a_death_with_harm_doubt_or_a_cause_is_neither_capped_nor_only_a_death_told() -> None:
    # With whose said or left out. Before: "Mrs B passed away in her chair, the carers had gone
    # home" was a death told, as was "Mrs B passed away alone in her room".
    causes = ("sadly passed away last night after a fall",
              "died after a fall last night",
              "passed away in her chair, the carers had gone home",
              "sadly died last night, nobody checked on her",
              "passed away suddenly, we dont know why",
              "died in hospital, staff missed her medication",
              "passed away alone in her room")
    told = [text for cause in causes for text in (cause, "Mrs B " + cause)]
    assert [text for text in told if capped(text) or death_told(text) is not None] == []
