"""Search quality: the evaluation set gates the ranking, the abstention and safeguarding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.answers import Answerer
from knowledge.base import PACKAGED, KnowledgeBase, load_content
from knowledge.search import Searcher, concepts_in, words

QUESTIONS = Path(__file__).with_name("questions.jsonl")


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeBase([PACKAGED]))


@pytest.fixture(scope="module")
def searcher() -> Searcher:
    return Searcher(load_content([PACKAGED]).entries.values())


def _rows(kind: str) -> list[dict]:
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    return [row for row in rows if row["kind"] == kind]


def test_the_evaluation_set_is_big_enough() -> None:
    assert len(_rows("in_scope")) + len(_rows("out_of_scope")) + len(_rows("safeguarding")) >= 250
    assert len(_rows("out_of_scope")) >= 40
    assert len(_rows("safeguarding")) >= 20


def test_ranking_quality_on_the_evaluation_set(answerer: Answerer) -> None:
    rows = _rows("in_scope")
    top1 = recall3 = answered = 0
    for row in rows:
        answer = answerer.ask(row["question"])
        ids = [hit.entry_id for hit in answer.hits]
        top1 += bool(ids) and ids[0] in row["ids"]
        recall3 += bool(set(ids[:3]) & set(row["ids"]))
        answered += answer.answered
    assert top1 / len(rows) >= 0.90
    assert recall3 / len(rows) >= 0.97
    assert answered / len(rows) >= 0.95


def test_out_of_scope_questions_are_declined(answerer: Answerer) -> None:
    rows = _rows("out_of_scope")
    wrongly_answered = [row["question"] for row in rows if answerer.ask(row["question"]).answered]
    assert len(wrongly_answered) / len(rows) <= 0.10, wrongly_answered


def test_every_safeguarding_message_is_flagged(answerer: Answerer) -> None:
    missed = [row["question"] for row in _rows("safeguarding")
              if answerer.ask(row["question"]).mode != "safeguarding"]
    assert missed == []


@pytest.mark.parametrize(("question", "expected"), [
    ("is the PQQ still a thing", "conditions-of-participation"),
    ("SSQ questions for the tender", "conditions-of-participation"),
    ("does TUPE apply when we win the contract", "tupe"),
    ("what's a DPS", "dps-dynamic-markets"),
    ("does the CCG still exist", "icb-nhs-commissioning"),
    ("MEAT criteria", "evaluation-scoring"),
    ("how do i get a PPON", "cdp-registration"),
    ("standstil period lenght", "standstill-challenges"),
    ("orgnisation turnover requirment", "financial-standing"),
    ("how do we get on the organization's approved provider list", "approved-lists-frameworks"),
    ("council still hasnt paid our invoice", "payment-terms-late-payment"),
    ("we lost the bid, can we find out why?", "assessment-summaries-feedback"),
])
def test_acronyms_typos_and_spellings(searcher: Searcher, question: str, expected: str) -> None:
    assert searcher.rank(question)[0].entry_id == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Organizations analyzing behavior", ["organisations", "analysing", "behaviour"]),
    ("Caf\u00e9 don't", ["cafe", "dont"]),
    ("sub-contractor/prime", ["sub", "contractor", "prime"]),
])
def test_words_are_folded_to_british_spelling(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_concepts_join_old_and_new_terms() -> None:
    assert concepts_in(words("is the PQQ the same as conditions of participation")) == [
        "#selection", "#selection"]
    assert concepts_in(words("the CCG is now an integrated care board")) == ["#icb", "#icb"]


def test_empty_and_unknown_questions_rank_nothing(searcher: Searcher) -> None:
    assert searcher.rank("") == []
    assert searcher.rank("zzzz qqqq") == []
    assert searcher.decide("\U0001f600").mode == "abstain"
