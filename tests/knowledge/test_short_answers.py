"""The two lines chat shows first answer the question asked, and questions the content covers
are answered (session 36's trial), through ``pledgebot ask --json``.

``short`` is what chat shows first (the title and the lead); ``read`` is what the person reads
once they have the entry (``content_checks.read``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.knowledge.content_checks import ask_json, offered, read

# (question, entry, words the two-line short answer must hold). The trial's questions first:
# each short answer led with a fact for another question (the PA23 standstill for "the old
# PCR rules", a framework's length for "reopen", the EL minimum for "in place before we bid");
# then the question each entry is mostly asked, whose fact must stay in the first lines.
SHORT: list[tuple[str, str, list[str]]] = [
    ("how long is standstill under the old PCR rules", "standstill-challenges",
     ["10 days", "PCR 2015"]),
    ("how long is the standstill period", "standstill-challenges",
     ["at least 8 working days", "Procurement Act 2023", "voluntary"]),
    ("how often must an open framework reopen", "approved-lists-frameworks",
     ["at least once in the first 3 years, then at least every 5 years"]),
    ("does being on a framework guarantee us work", "approved-lists-frameworks",
     ["does not guarantee any work"]),
    ("can they make us have the insurance in place before we bid", "insurance",
     ["not to have it in place before award"]),
    ("what insurance do we need for a council care contract", "insurance",
     ["employer's liability (required by law)", "public liability"]),
]
# The trial's "I don't know"s on topics the content covers, and what the person must read:
# social value's typical weighting and the 28 days of employee liability information. ("when
# do DPSs end" and a £10m turnover asked for a £200k contract are still "I don't know": the
# samples that answered them cost answers on other questions.)
COVERED: list[tuple[str, str, str]] = [
    ("how much is social value worth in a tender", "social-value", "10\u201330% of the marks"),
    ("what is social value and how much is it worth in the scoring", "social-value",
     "10\u201330%"),
    ("how long before transfer do we get the TUPE employee info", "tupe",
     "at least 28 days before the transfer"),
]


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder: Path = tmp_path_factory.mktemp("short")
    return ask_json(folder, [row[0] for row in SHORT] + [row[0] for row in COVERED])


@pytest.mark.parametrize(("question", "entry_id", "words"), SHORT,
                         ids=[row[0] for row in SHORT])
def test_the_short_answer_answers_the_question_asked(answers: dict[str, dict[str, Any]],
                                                     question: str, entry_id: str,
                                                     words: list[str]) -> None:
    row = answers[question]
    assert (row["mode"], row["ids"][:1]) == ("answer", [entry_id])
    for said in words:
        assert said in row["short"], (said, row["short"])


@pytest.mark.parametrize(("question", "entry_id", "fact"), COVERED,
                         ids=[row[0] for row in COVERED])
def test_a_question_the_content_covers_is_not_i_dont_know(answers: dict[str, dict[str, Any]],
                                                          question: str, entry_id: str,
                                                          fact: str) -> None:
    row = answers[question]
    assert offered(row, entry_id), (row["mode"], row["ids"])
    assert fact in read(row)
