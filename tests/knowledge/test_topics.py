"""The topic model (knowledge/topics.py): fitted on today's samples, read safely, used only for
the entries it was fitted on."""

from __future__ import annotations

import dataclasses
import json
import logging
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge import answers, cache, topics
from knowledge.answers import Answerer
from knowledge.base import PACKAGED, KnowledgeBase, Taught, add_taught
from knowledge.search import Searcher
from knowledge.topics import TopicModel, rows_digest, training_rows

ENTRIES = tuple(KnowledgeBase([PACKAGED]).content.entries.values())


@pytest.fixture(scope="module")
def searcher() -> Searcher:
    return Searcher(ENTRIES)


def test_the_shipped_model_was_fitted_on_todays_samples(searcher: Searcher) -> None:
    # Fails when the content or knowledge/asked.jsonl changed and bench/topics.py was not run.
    model = topics.packaged_model()
    assert model is not None
    assert model.digest == rows_digest(training_rows(searcher.samples)), (
        "knowledge/topics.json is out of date: run python bench/topics.py")
    assert set(model.classes) == {entry.id for entry in ENTRIES}
    assert searcher.topic_entries == {entry.id for entry in ENTRIES}


def test_its_probabilities_are_a_distribution_over_the_entries(searcher: Searcher) -> None:
    model = searcher.topics
    assert model is not None
    likely = model.probabilities(searcher.terms("do we have to pay the living wage to carers"))
    assert set(likely) == set(model.classes)
    assert sum(likely.values()) == pytest.approx(1.0)
    assert max(likely, key=likely.__getitem__) in {"national-living-wage", "real-living-wage"}
    assert model.probabilities(["nosuchterm"]) == {}


@pytest.mark.parametrize(("question", "with_it", "without_it"), [
    # The entry about CQC rating councils shares the words; the model knows which entry
    # providers' rating questions belong to.
    ("will a requires improvement rating from CQC affect our council contract",
     "cqc-registration-rating", "cqc-assessment-of-councils"),
    ("when a new contract starts do existing packages move onto its terms",
     "contract-award-mobilisation", "tupe-after-the-transfer"),
])
def test_it_puts_the_entry_that_answers_first(searcher: Searcher, question: str, with_it: str,
                                              without_it: str) -> None:
    assert searcher.rank(question)[0].entry_id == with_it
    assert Searcher(ENTRIES, topics=False).rank(question)[0].entry_id == without_it


def test_an_entry_a_council_taught_is_left_to_the_other_signals(tmp_path: Path) -> None:
    question = "who signs off the purchase orders for our invoices"
    add_taught(tmp_path, Taught(question, "payment-terms-late-payment"))
    entries = KnowledgeBase([PACKAGED, tmp_path]).content.entries.values()
    searcher = Searcher(entries)
    assert "payment-terms-late-payment" not in searcher.topic_entries
    assert len(searcher.topic_entries) == len(ENTRIES) - 1
    # Words like the taught ones find the taught entry, as without a model.
    best = searcher.rank("who signs off purchase orders for invoices")[0]
    assert best.entry_id == "payment-terms-late-payment"


@pytest.fixture
def model_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # The Answerer keeps its index by entries (answers._index): cleared on both sides, so this
    # test builds its own index without a model and leaves none behind for other tests.
    path = tmp_path / "topics.json"
    monkeypatch.setattr(topics, "MODEL_FILE", path)
    topics.packaged_model.cache_clear()
    answers._index.cache_clear()
    answers._built.cache_clear()
    yield path
    topics.packaged_model.cache_clear()
    answers._index.cache_clear()
    answers._built.cache_clear()


@pytest.mark.parametrize("text", [None, "", "{not json", '{"classes": ["a"]}', "\udcff",
                                  json.dumps({"digest": "x", "classes": ["a"], "entries": {},
                                              "intercepts": [0.0, 1.0], "weights": {}}),
                                  json.dumps({"digest": "x", "classes": ["a"], "entries": {},
                                              "intercepts": [0.0], "weights": {"t": [[5, 1]]}})])
def test_a_missing_or_broken_model_file_is_logged_and_the_search_still_answers(
        model_file: Path, text: str | None, caplog: pytest.LogCaptureFixture) -> None:
    if text is not None:
        model_file.write_bytes(text.encode("utf-8", "surrogateescape"))
    with caplog.at_level(logging.WARNING, logger="knowledge.topics"):
        assert topics.packaged_model() is None
    assert "no topic model" in caplog.text
    if text is not None:
        return  # what the person gets without a model: once, for the missing file, below
    answerer = Answerer(KnowledgeBase([PACKAGED]))
    assert answerer.searcher.topics is None
    answer = answerer.ask("how long is the standstill period?")
    assert (answer.mode, answer.hits[0].entry_id, answer.hits[0].topical) == (
        "answer", "standstill-challenges", False)


def test_a_model_document_round_trips() -> None:
    document = {"digest": "d", "classes": ["a", "b"], "entries": {"a": "1", "b": "2"},
                "intercepts": [0.0, 0.5], "weights": {"fee": [[0, 2.0]], "rare": []}}
    model = TopicModel.from_document(document)
    likely = model.probabilities(["fee", "rare", "unknown"])
    assert likely["a"] > likely["b"]
    # Only an entry whose sample texts have the digest the model was fitted with.
    first, second = ENTRIES[0], ENTRIES[1]
    known = TopicModel("d", (first.id, second.id), (0.0, 0.0), {},
                       {first.id: topics.entry_digest(first), second.id: "0" * 16})
    assert known.fitted_on(ENTRIES[:2]) == {first.id}
    with pytest.raises(ValueError, match="no classes"):
        TopicModel.from_document({**document, "classes": [], "intercepts": []})


def test_a_pickled_index_names_the_packaged_model_and_keeps_any_other(
        searcher: Searcher) -> None:
    # What the index cache stores: the shipped model by name (read once per process), so a
    # cached index holds no second copy; a model built in memory travels with the index.
    again = pickle.loads(pickle.dumps(searcher))  # noqa: S301 (our own bytes)
    assert again.topics is topics.packaged_model()
    assert [h.entry_id for h in again.rank("how long is standstill")] == [
        h.entry_id for h in searcher.rank("how long is standstill")]
    own = TopicModel("d", ("standstill-challenges",), (0.0,), {}, {})
    copied = pickle.loads(pickle.dumps(Searcher(ENTRIES, topics=own)))  # noqa: S301
    assert copied.topics == own


def test_a_refitted_model_is_a_new_index_cache_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.cache_key(ENTRIES)
    model = topics.packaged_model()
    assert model is not None
    refitted = dataclasses.replace(model, fingerprint="0" * 64)
    monkeypatch.setattr(topics, "packaged_model", lambda: refitted)
    assert cache.cache_key(ENTRIES) != before
    monkeypatch.setattr(topics, "packaged_model", lambda: None)
    assert cache.cache_key(ENTRIES) != before


def test_teaching_an_entry_a_question_does_not_make_its_other_questions_unsure(
        tmp_path: Path) -> None:
    # The taught entry is ranked without the model, so its lead is judged by the band chosen
    # for scores without it: under the model's band (a wider lead) these were only offered.
    add_taught(tmp_path, Taught("is there a cooling off period after the award letter",
                                "standstill-challenges"))
    answerer = Answerer(KnowledgeBase([PACKAGED, tmp_path]))
    for question in ("how long is the standstill period?",
                     "what is the standstill period under the procurement act"):
        answer = answerer.ask(question)
        assert (answer.mode, answer.hits[0].entry_id, answer.hits[0].topical) == (
            "answer", "standstill-challenges", False), question
