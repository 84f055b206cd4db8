"""The optional meaning re-ranker (``knowledge.meaning``, PLEDGEBOT_ANSWER_MEANING=minilm).

These run the real model (all-MiniLM-L6-v2's weights, installed by the README's test
command) through the numpy pass: no stand-in. The reference values are the model's own:
token ids from its published tokenizer, cosines from the sentence-transformers quick start.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from knowledge import answers, meaning
from knowledge.answers import Answerer, index
from knowledge.base import PACKAGED, KnowledgeBase
from knowledge.cache import IndexCache
from knowledge.search import Searcher


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


def test_a_damaged_vectors_file_is_worked_out_again(encoder: meaning.Encoder, tmp_path: Path,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    texts = [("a", "How long is the standstill period?")]
    meaning.MeaningIndex(encoder, texts, store=tmp_path).signal("standstill", ["a"])
    [kept] = tmp_path.glob("meaning-*.npy")
    kept.write_bytes(b"not numpy at all")
    counting = Counting(encoder)
    with caplog.at_level(logging.WARNING, logger="knowledge.meaning"):
        value = meaning.MeaningIndex(counting, texts, store=tmp_path).signal(
            "standstill", ["a"])["a"]
    assert value > 0.5
    assert counting.read == ["standstill", "How long is the standstill period?"]
    assert "unreadable" in caplog.text
    assert kept.read_bytes() != b"not numpy at all"  # written again, whole


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


def test_without_the_model_it_answers_by_words_and_says_why(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(meaning, "MODEL_PACKAGE", "no_such_model_package")
    meaning.packaged_encoder.cache_clear()
    answers._index.cache_clear()  # an index read with the model may be held
    try:
        assert meaning.meaning_missing() == f"the model is not installed ({meaning.INSTALL})"
        answerer = Answerer(KnowledgeBase([PACKAGED]), meaning=True)
        assert answerer.searcher.meaning is None
        assert answerer.ask("how long is the standstill period?").mode == "answer"
    finally:
        monkeypatch.undo()
        meaning.packaged_encoder.cache_clear()
        answers._index.cache_clear()  # it holds the index built without it
