"""The safeguarding check: paraphrases of harm are flagged; ordinary questions are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.safeguarding import detect

QUESTIONS = Path(__file__).with_name("questions.jsonl")


@pytest.mark.parametrize("text", [
    "the carer keeps pinching the lady in room 2 when she thinks no one is looking",
    "resident P-330 has lost a lot of weight and staff say he's not being given his meals",
    "service user's grandson has been using her debit card without asking",
    "a tenant told us her partner won't let her see friends and checks her phone",
    "think someone is being made to work at a nail bar and they don't get paid",
    "client ref D-12 was left sitting in a soiled pad for hours",
    "resident has a black eye and won't say how",
    "man we support says he wants to end it all",
    "our manager restrains residents in their chairs at mealtimes",
    "neighbour reported the gentleman is living in squalor with mice everywhere",
    "DOMESTIC VIOLENCE at a client's home last night",
    "possible modern slavery at the car wash",
])
def test_harm_is_flagged(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", [
    "how long is the standstill period",
    "the council hasn't paid our invoice from september",
    "our staff don't get paid enough for the council rates",
    "can we get feedback on our bid",
    "what does the pledge say about reviews",
    "how do we report a safeguarding concern to the council",
    "do we have to notify CQC about safeguarding",
    "what is the fair cost of care",
])
def test_ordinary_questions_are_not_flagged(text: str) -> None:
    assert detect(text) is None


def test_the_evaluation_set() -> None:
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    missed = [r["question"] for r in rows
              if r["kind"] == "safeguarding" and not detect(r["question"])]
    false_alarms = [r["question"] for r in rows
                    if r["kind"] != "safeguarding" and detect(r["question"])]
    assert missed == []
    assert false_alarms == []
