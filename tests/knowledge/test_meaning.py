"""The optional meaning re-ranker (``knowledge.meaning``, PLEDGEBOT_ANSWER_MEANING=minilm).

These run the real model (all-MiniLM-L6-v2's weights, installed by the README's test
command) through the numpy pass: no stand-in. The reference values are the model's own:
token ids from its published tokenizer, cosines from the sentence-transformers quick start.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from knowledge import answers, meaning
from knowledge.answers import Answerer, index
from knowledge.base import PACKAGED, KnowledgeBase
from knowledge.cache import IndexCache
from knowledge.search import Searcher

LEAVE = """\
entries:
  - id: holiday-pay
    kind: local
    title: Holiday pay for care workers
    questions: [how is holiday pay worked out for care workers,
                do care workers get holiday pay on travel time,
                holiday pay on overtime and time spent travelling,
                what time counts for holiday pay, care workers holiday pay calculation]
    answer: Holiday pay includes regular overtime and paid travel time.
    as_at: 2026-11-01
  - id: annual-leave
    kind: local
    title: Annual leave entitlement
    questions: [how many days of annual leave do staff get,
                what is the statutory leave entitlement,
                how many weeks leave is an employee entitled to,
                minimum paid leave for employees, leave entitlement for part-time staff]
    answer: Workers are entitled to 5.6 weeks of paid annual leave a year.
    as_at: 2026-11-01
"""


@pytest.fixture(scope="module")
def encoder() -> meaning.Encoder:
    found = meaning.packaged_encoder()
    assert found is not None, f"the model is not installed: {meaning.INSTALL}"
    return found


class Counting(meaning.Encoder):
    """The real encoder, counting the texts it is asked to read."""

    def __init__(self, real: meaning.Encoder) -> None:
        self.__dict__.update(real.__dict__)
        self.read: list[str] = []

    def encode(self, texts: Sequence[str]) -> Any:
        self.read.extend(texts)
        return super().encode(texts)


@pytest.mark.parametrize(("text", "ids"), [
    ("Who attends a Care Act review?", [101, 2040, 23933, 1037, 2729, 2552, 3319, 1029, 102]),
    ("Naïve café: £500k, co-op e-mail (12.5%)",
     [101, 15743, 7668, 1024, 27813, 8889, 2243, 1010, 2522, 1011, 6728, 1041, 1011, 5653,
      1006, 2260, 1012, 1019, 1003, 1007, 102]),
    ("\uff26\uff35\uff2c\uff2c width", [101, 100, 9381, 102]),  # full-width FULL
    ("日本 test", [101, 1864, 1876, 3231, 102]),
    ("x" * 120, [101, 100, 102]),
    ("", [101, 102]),
    ("supercalifragilisticexpialidocious",
     [101, 3565, 9289, 10128, 29181, 24411, 4588, 10288, 19312, 21273, 10085, 6313, 102]),
])
def test_the_tokenizer_gives_the_models_own_ids(encoder: meaning.Encoder, text: str,
                                                ids: list[int]) -> None:
    assert encoder.tokenizer.encode(text) == ids


def test_a_long_text_is_cut_to_the_models_limit(encoder: meaning.Encoder) -> None:
    ids = encoder.tokenizer.encode("care " * 500)
    assert (len(ids), ids[0], ids[-1]) == (meaning.MAX_TOKENS, 101, 102)


def test_sentence_vectors_agree_with_the_published_example(encoder: meaning.Encoder) -> None:
    vectors = encoder.encode(["The weather is lovely today.", "It's so sunny outside!",
                              "He drove to the stadium."])
    cosines = vectors @ vectors.T
    assert vectors.shape == (3, 384)
    assert [round(float(cosines[i, j]), 3) for i, j in ((0, 1), (0, 2), (1, 2))] == [
        0.666, 0.105, 0.141]
    # One text alone gives the same vector as in a batch (padding changes nothing).
    alone = encoder.encode(["He drove to the stadium."])[0]
    assert float(alone @ vectors[2]) > 0.9999


def test_an_entrys_vectors_are_worked_out_once_and_kept(encoder: meaning.Encoder,
                                                        tmp_path: Path) -> None:
    texts = [("a", "How long is the standstill period?"), ("a", "standstill"),
             ("b", "When must the council pay an invoice?")]
    counting = Counting(encoder)
    first = meaning.MeaningIndex(counting, texts, store=tmp_path)
    signal = first.signal("how many days is standstill", ["a", "b", "missing"])
    assert signal["a"] > signal["b"] > 0
    assert signal["missing"] == 0.0
    assert counting.read == ["how many days is standstill", "How long is the standstill "
                             "period?", "standstill", "When must the council pay an invoice?"]
    # A restart reads the kept vectors: only the question is read.
    counting.read.clear()
    again = meaning.MeaningIndex(counting, texts, store=tmp_path)
    assert again.signal("how many days is standstill", ["a", "b"]) == {
        key: value for key, value in signal.items() if key != "missing"}
    assert counting.read == ["how many days is standstill"]
    # A taught question changes entry b's texts: only b is read again.
    counting.read.clear()
    taught = meaning.MeaningIndex(counting, [*texts, ("b", "invoice paid late")], store=tmp_path)
    taught.signal("late invoice", ["a", "b"])
    assert counting.read == ["late invoice", "When must the council pay an invoice?",
                             "invoice paid late"]
    # b's vectors of before are gone; a's are kept.
    assert len(list(tmp_path.glob("meaning-*.npy"))) == 2


def test_a_folder_it_cannot_write_leaves_answers_working(
        encoder: meaning.Encoder, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    with caplog.at_level(logging.WARNING, logger="knowledge.meaning"):
        signal = meaning.MeaningIndex(encoder, [("a", "standstill")], store=blocked).signal(
            "standstill", ["a"])
    assert signal["a"] > 0.99
    assert "not kept" in caplog.text


def test_the_shared_index_and_the_cache_file_hold_no_vectors(tmp_path: Path) -> None:
    entries = tuple(KnowledgeBase([PACKAGED]).content.entries.values())
    shared = index(entries)
    with_meaning = index(entries, meaning=True)
    assert shared.meaning is None
    assert with_meaning.meaning is not None
    assert with_meaning.entries is shared.entries  # a copy of the shared index, not a rebuild
    cache = IndexCache(tmp_path / "cache", (PACKAGED,))
    built = cache.searcher(entries).reading_meaning(with_meaning.meaning)
    cache.write(built, b"\0" * 32)
    read = cache.read(entries, b"\0" * 32)
    assert isinstance(read, Searcher)
    assert read.meaning is None


@pytest.fixture
def unread_model() -> Iterator[None]:
    """The model read afresh in the test, and the indexes built without it forgotten after."""
    meaning.packaged_encoder.cache_clear()
    answers._index.cache_clear()  # an index read with the model may be held
    answers._built.cache_clear()
    yield
    meaning.packaged_encoder.cache_clear()
    answers._index.cache_clear()  # it holds the index built without it
    answers._built.cache_clear()


def _answers_by_words() -> None:
    answerer = Answerer(KnowledgeBase([PACKAGED]), meaning=True)
    assert answerer.searcher.meaning is None
    assert answerer.ask("how long is the standstill period?").mode == "answer"


@pytest.mark.usefixtures("unread_model")
def test_without_the_model_it_answers_by_words_and_says_why(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(meaning, "MODEL_PACKAGE", "no_such_model_package")
    assert meaning.meaning_missing() == f"the model is not installed ({meaning.INSTALL})"
    _answers_by_words()


@pytest.fixture
def leave(tmp_path: Path) -> Searcher:
    """Two local entries, and the words' index over them (no topic model)."""
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "leave.yaml").write_text(LEAVE)
    return Searcher(KnowledgeBase([folder]).content.entries.values(), topics=False)


def test_an_answer_the_meaning_disputes_is_offered_as_a_choice_never_answered(
        encoder: meaning.Encoder, leave: Searcher) -> None:
    question = "do care workers get paid holiday"
    words = leave.decide(question)
    assert (words.mode, [hit.entry_id for hit in words.hits]) == (
        "answer", ["holiday-pay", "annual-leave"])
    # A reading that puts the other entry first (its one text is the question itself).
    disputed = leave.reading_meaning(meaning.MeaningIndex(encoder, [
        ("holiday-pay", "He drove to the stadium."), ("annual-leave", question)]))
    decision = disputed.decide(question)
    assert (decision.mode, decision.why, [hit.entry_id for hit in decision.hits]) == (
        "choose", "close", ["annual-leave", "holiday-pay"])
    # A reading that agrees changes nothing.
    agreed = leave.reading_meaning(meaning.MeaningIndex(encoder, [
        ("holiday-pay", question), ("annual-leave", "He drove to the stadium.")]))
    assert agreed.decide(question) == words


def test_a_re_ranker_that_fails_leaves_the_words_decision(
        encoder: meaning.Encoder, leave: Searcher, caplog: pytest.LogCaptureFixture) -> None:
    broken = Counting(encoder)
    broken.weights = {name: value for name, value in encoder.weights.items()
                      if name != "encoder.layer.3.output.dense.weight"}  # a damaged install
    reader = leave.reading_meaning(meaning.MeaningIndex(broken, [("annual-leave", "leave")]))
    question = "do care workers get paid holiday"
    with caplog.at_level(logging.WARNING, logger="knowledge.search"):
        assert reader.decide(question) == leave.decide(question)
    assert "meaning re-ranker failed (KeyError" in caplog.text


@pytest.mark.parametrize("damage", ["empty", "nan", "not numpy"])
def test_an_unreadable_vectors_file_is_worked_out_again(
        encoder: meaning.Encoder, tmp_path: Path, caplog: pytest.LogCaptureFixture,
        damage: str) -> None:
    texts = [("a", "How long is the standstill period?")]
    meaning.MeaningIndex(encoder, texts, store=tmp_path).signal("standstill", ["a"])
    [kept] = tmp_path.glob("meaning-*.npy")
    if damage == "nan":
        np.save(kept, np.full((1, 384), np.nan, dtype=np.float32), allow_pickle=False)
    else:
        kept.write_bytes(b"" if damage == "empty" else b"not numpy at all")
    counting = Counting(encoder)
    with caplog.at_level(logging.WARNING, logger="knowledge.meaning"):
        value = meaning.MeaningIndex(counting, texts, store=tmp_path).signal(
            "standstill", ["a"])["a"]
    assert value > 0.5
    assert counting.read == ["standstill", "How long is the standstill period?"]
    assert np.isfinite(np.load(kept)).all()  # written again, whole
    assert "worked out again" in caplog.text


def test_a_folder_others_can_write_is_not_used(encoder: meaning.Encoder, tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)  # noqa: S103 - the point of the test
    with caplog.at_level(logging.WARNING, logger="knowledge.meaning"):
        signal = meaning.MeaningIndex(encoder, [("a", "standstill")], store=shared).signal(
            "standstill", ["a"])
    assert signal["a"] > 0.99
    assert list(shared.iterdir()) == []
    assert "not a folder private to this user" in caplog.text


@pytest.mark.usefixtures("unread_model")
def test_a_damaged_model_is_reported_and_the_bot_answers_by_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    installed = meaning.model_dir()
    assert installed is not None
    damaged = tmp_path / "model"
    damaged.mkdir()
    for name in ("config.json", "vocab.txt"):
        shutil.copy(installed / name, damaged / name)
    with open(installed / "model.safetensors", "rb") as whole:
        (damaged / "model.safetensors").write_bytes(whole.read(1 << 20))  # cut short
    monkeypatch.setattr(meaning, "model_dir", lambda: damaged)
    with caplog.at_level(logging.WARNING, logger="knowledge.meaning"):
        missing = meaning.meaning_missing()
        _answers_by_words()
    assert missing is not None
    assert missing.startswith("the installed model could not be read")
    assert "could not be read" in caplog.text
