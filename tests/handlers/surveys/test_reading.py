"""Reading answers (pure): typed choices, several choices, numbered replies, as tables."""

from __future__ import annotations

from typing import Any

import pytest

from handlers.surveys.definitions import Question
from handlers.surveys.service import SurveyRefused, read_answer, read_numbered

HELPED = Question("helped", "multiple", "What helped?",
                  ("Clarification answers", "Market engagement events", "Clear specification"))
HELPED_OR_NONE = Question("helped", "multiple", "What helped?",
                          ("Clarification answers", "None of these"), none="None of these")
PART = Question("part", "single", "Which part?", ("The questions", "The pricing"))
OVERALL = Question("overall", "likert", "Overall?")
TIME = Question("time", "yes_no", "Enough time?")
CHANGE = Question("change", "free_text", "What should change?", required=False)
ALL = (OVERALL, TIME, PART, HELPED, CHANGE)


@pytest.mark.parametrize(("question", "given", "stored"), [
    (OVERALL, "4", 4),
    (OVERALL, " 5. ", 5),
    (TIME, "Y", "Yes"),
    (TIME, "no", "No"),
    (PART, "b", "The pricing"),
    (PART, "2", "The pricing"),
    (PART, "the QUESTIONS", "The questions"),
    (HELPED, "a, c", ["Clarification answers", "Clear specification"]),
    (HELPED, "c a", ["Clarification answers", "Clear specification"]),
    (HELPED, "Clear specification and clarification answers",
     ["Clarification answers", "Clear specification"]),
    (HELPED, "b+b", ["Market engagement events"]),
    (HELPED, ["Market engagement events", "Clear specification"],
     ["Market engagement events", "Clear specification"]),
    (CHANGE, "  Pay, on time  ", "Pay, on time"),
    (HELPED_OR_NONE, "none of them", ["None of these"]),
    (HELPED_OR_NONE, "Nothing.", ["None of these"]),
    (HELPED_OR_NONE, "b", ["None of these"]),
    (HELPED_OR_NONE, ["None of these"], ["None of these"]),
])
def test_answers_are_read_as_stored(question: Question, given: Any, stored: Any) -> None:
    assert read_answer(question, given) == stored


@pytest.mark.parametrize(("question", "given"), [
    (OVERALL, "6"), (OVERALL, "four"), (TIME, "maybe"), (PART, "c"), (PART, "3"),
    (HELPED, "a, z"), (HELPED, ["Nothing"]), (CHANGE, "x" * 2001),
    (HELPED, "none of them"), (HELPED_OR_NONE, "a, none"),
    (HELPED_OR_NONE, ["Clarification answers", "None of these"]),
])
def test_bad_answers_are_refused(question: Question, given: Any) -> None:
    with pytest.raises(SurveyRefused) as refused:
        read_answer(question, given)
    assert refused.value.code == "bad_answer"


@pytest.mark.parametrize(("text", "given"), [
    ("1: 4, 2: yes, 3: b, 4: a, c, 5: Pay on time, please",
     {"overall": "4", "time": "yes", "part": "b", "helped": "a, c",
      "change": "Pay on time, please"}),
    ("1. 4\n2) no\nq3=a\n", {"overall": "4", "time": "no", "part": "a"}),
    ("5: only words", {"change": "only words"}),
])
def test_numbered_replies(text: str, given: dict[str, str]) -> None:
    assert read_numbered(ALL, text) == given


@pytest.mark.parametrize("text", ["four, yes", "", "6: 2"])
def test_unreadable_numbered_replies(text: str) -> None:
    with pytest.raises(SurveyRefused) as refused:
        read_numbered(ALL, text)
    assert refused.value.code == "unreadable"
