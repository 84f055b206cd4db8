"""The search index kept between starts: read back only while content and code are unchanged.

Each test calls ``IndexCache.searcher`` as a new process would (the in-process ``index``
memo would otherwise hand back the index it already holds). A file read back is told from a
file built anew by its inode: a build writes a new file and renames it over the old one.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from knowledge import cache
from knowledge.answers import Answerer
from knowledge.base import PACKAGED, KnowledgeBase, Taught, add_taught, load_content
from knowledge.cache import IndexCache, cache_key
from knowledge.search import Searcher

HERE = Path(__file__).resolve().parent
ENTRIES = tuple(load_content([PACKAGED]).entries.values())
# The file's handling (kept, damaged, private, rebuilt) is the same for any content: those tests
# index a few entries (a fifth of a second a build, against more than a second for them all).
FEW = ENTRIES[:12]
QUESTIONS = [json.loads(line)["question"] for name in ("questions.jsonl",
                                                        "calibration_questions.jsonl")
             for line in (HERE / name).read_text().splitlines() if line.strip()]
# Not answered by the packaged content; taught below (the question tests/bot/test_cli.py teaches).
UNANSWERED = "who signs off the purchase orders for our invoices"


@pytest.fixture(scope="module")
def fresh() -> Searcher:
    """The index of the packaged content built the ordinary way."""
    return Searcher(ENTRIES)


@pytest.fixture(scope="module")
def fresh_few() -> Searcher:
    """The index of ``FEW`` built the ordinary way."""
    return Searcher(FEW)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The cache file a first start writes for ``FEW`` (built once a module)."""
    kept = IndexCache(tmp_path_factory.mktemp("written"), (PACKAGED,))
    kept.searcher(FEW)
    return kept.path.read_bytes()


def _kept(folder: Path, written: bytes) -> IndexCache:
    """The packaged content's cache in ``folder`` as an earlier start left it."""
    kept = IndexCache(folder, (PACKAGED,))
    kept.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    kept.path.write_bytes(written)
    kept.path.chmod(0o600)
    return kept


def _state(searcher: Searcher) -> dict[str, object]:
    """Everything the index holds, its arrays as their type, shape and bytes (comparable)."""
    def plain(value: object) -> object:
        if isinstance(value, np.ndarray):
            return (value.dtype.str, value.shape, value.tobytes())
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, tuple | list):
            return type(value)(plain(item) for item in value)
        return value
    return {name: plain(value) for name, value in vars(searcher).items()}


def _inode(path: Path) -> int:
    return path.stat().st_ino


def _decisions(searcher: Searcher) -> list[object]:
    return [searcher.decide(question) for question in QUESTIONS]


def test_an_index_read_back_answers_every_question_as_a_fresh_build(
    tmp_path: Path, fresh: Searcher
) -> None:
    kept = IndexCache(tmp_path / "cache", (PACKAGED,))
    kept.searcher(ENTRIES)
    written = _inode(kept.path)
    read = IndexCache(tmp_path / "cache", (PACKAGED,)).searcher(ENTRIES)
    assert _inode(kept.path) == written  # read, not built again
    assert read is not fresh
    assert _state(read) == _state(fresh)
    assert _decisions(read) == _decisions(fresh)


def test_the_folder_and_the_file_are_private_to_the_user(tmp_path: Path) -> None:
    kept = IndexCache(tmp_path / "a" / "cache", (PACKAGED,))
    kept.searcher(FEW)
    assert oct(kept.directory.stat().st_mode & 0o777) == oct(0o700)
    assert oct(kept.path.stat().st_mode & 0o777) == oct(0o600)
    assert [path.name for path in kept.directory.iterdir()] == [kept.path.name]  # no temp file


def test_changed_content_is_built_anew_and_kept(tmp_path: Path, written: bytes) -> None:
    kept = _kept(tmp_path, written)
    before = _inode(kept.path)
    first = FEW[0]
    changed = (dataclasses.replace(first, questions=(*first.questions, UNANSWERED)),
               *FEW[1:])
    searcher = kept.searcher(changed)
    assert _inode(kept.path) != before
    assert searcher.entries[first.id].questions[-1] == UNANSWERED
    assert _state(searcher) == _state(Searcher(changed))
    again = _inode(kept.path)
    assert _state(IndexCache(tmp_path, (PACKAGED,)).searcher(changed)) == _state(searcher)
    assert _inode(kept.path) == again


def test_a_change_to_the_search_code_is_a_new_key_and_a_new_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "knowledge"
    shutil.copytree(cache.PACKAGE, package, ignore=shutil.ignore_patterns("content", "__py*"))
    monkeypatch.setattr(cache, "PACKAGE", package)
    kept = IndexCache(tmp_path / "cache", (PACKAGED,))
    kept.searcher(FEW)
    key, before = cache_key(FEW), _inode(kept.path)
    with (package / "search.py").open("a") as source:
        source.write("\n# a changed ranking\n")
    assert cache_key(FEW) != key
    kept.searcher(FEW)
    assert _inode(kept.path) != before


def test_a_change_to_the_speller_s_english_words_is_a_new_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # They decide which words of the content are typing errors (``Speller.typos``).
    words = tmp_path / "english_words.txt"
    shutil.copyfile(cache.ENGLISH_WORDS, words)
    monkeypatch.setattr(cache, "ENGLISH_WORDS", words)
    key = cache_key(FEW)
    with words.open("a") as listed:
        listed.write("framwork\n")
    assert cache_key(FEW) != key


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "other index"])
def test_a_damaged_file_is_built_anew(
    tmp_path: Path, fresh_few: Searcher, written: bytes, damage: str
) -> None:
    kept = _kept(tmp_path, written)
    data = kept.path.read_bytes()
    header = len(cache.FORMAT) + 32
    if damage == "truncated":
        kept.path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        kept.path.write_bytes(data[:header] + b"\x80\x05not a pickle at all")
    elif damage == "empty":
        kept.path.write_bytes(b"")
    else:  # the right key over an index of other entries
        other = IndexCache(tmp_path / "other", (PACKAGED,))
        other.searcher(FEW[1:])
        kept.path.write_bytes(data[:header] + other.path.read_bytes()[header:])
    damaged = _inode(kept.path)
    assert _state(IndexCache(tmp_path, (PACKAGED,)).searcher(FEW)) == _state(fresh_few)
    assert _inode(kept.path) != damaged  # written again, whole
    assert kept.path.read_bytes()[:header] == data[:header]


def test_a_folder_that_cannot_be_made_still_gives_the_index(
    tmp_path: Path, fresh_few: Searcher, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with caplog.at_level(logging.WARNING, logger="knowledge.cache"):
        searcher = IndexCache(blocker / "cache", (PACKAGED,)).searcher(FEW)
    assert _state(searcher) == _state(fresh_few)
    assert "knowledge index cache not written" in caplog.text


def test_a_read_only_folder_still_gives_the_index(
    tmp_path: Path, fresh_few: Searcher, caplog: pytest.LogCaptureFixture
) -> None:
    if os.geteuid() != 0:
        folder = tmp_path / "cache"
        folder.mkdir(mode=0o500)
    else:
        # Root writes to a 0500 folder anyway; nobody, root included, can create a file in
        # /proc/self (this process's own folder, private to its user).
        folder = Path("/proc/self")
    before = sorted(path.name for path in folder.iterdir())
    try:
        with caplog.at_level(logging.WARNING, logger="knowledge.cache"):
            assert _state(IndexCache(folder, (PACKAGED,)).searcher(FEW)) == _state(fresh_few)
        assert sorted(path.name for path in folder.iterdir()) == before
        assert "knowledge index cache not written" in caplog.text
    finally:
        if folder != Path("/proc/self"):
            folder.chmod(0o700)


@pytest.mark.parametrize("loose", ["folder", "file"])
def test_a_file_others_could_have_written_is_not_read(
    tmp_path: Path, fresh_few: Searcher, written: bytes, loose: str,
    caplog: pytest.LogCaptureFixture
) -> None:
    kept = _kept(tmp_path / "cache", written)
    planted = _inode(kept.path)
    (kept.directory if loose == "folder" else kept.path).chmod(0o777 if loose == "folder"
                                                             else 0o666)
    with caplog.at_level(logging.WARNING, logger="knowledge.cache"):
        searcher = IndexCache(tmp_path / "cache", (PACKAGED,)).searcher(FEW)
    assert _state(searcher) == _state(fresh_few)
    assert "not private to this user" in caplog.text
    if loose == "folder":
        assert _inode(kept.path) == planted  # and nothing written into that folder either


def test_each_set_of_content_folders_has_its_own_file(tmp_path: Path) -> None:
    council = tmp_path / "council"
    council.mkdir()
    assert IndexCache(tmp_path, (PACKAGED,)).path != IndexCache(tmp_path,
                                                                (PACKAGED, council)).path


def test_a_taught_question_is_answered_at_once_and_after_a_restart(tmp_path: Path) -> None:
    council = tmp_path / "council"
    council.mkdir()
    folders = [PACKAGED, council]
    answerer = Answerer(KnowledgeBase(folders), cache_dir=tmp_path / "cache")
    assert answerer.ask(UNANSWERED).mode == "abstain"
    add_taught(council, Taught(UNANSWERED, "payment-terms-late-payment"))
    answerer.knowledge.refresh(force=True)  # as /teach in chat does
    answer = answerer.ask(UNANSWERED)
    assert (answer.mode, answer.entries[0].id) == ("answer", "payment-terms-late-payment")
    # The next start reads the index built after the lesson, which answers it too.
    entries = tuple(KnowledgeBase(folders).content.entries.values())
    kept = IndexCache(tmp_path / "cache", tuple(folders))
    written = _inode(kept.path)
    restarted = kept.searcher(entries)
    assert _inode(kept.path) == written
    assert restarted.decide(UNANSWERED).hits[0].entry_id == "payment-terms-late-payment"


def test_a_lesson_taught_by_another_process_is_not_hidden_by_the_cache(tmp_path: Path) -> None:
    council = tmp_path / "council"
    council.mkdir()
    folders = (PACKAGED, council)
    kept = IndexCache(tmp_path / "cache", folders)
    before = kept.searcher(tuple(KnowledgeBase(list(folders)).content.entries.values()))
    assert before.decide(UNANSWERED).mode == "abstain"
    add_taught(council, Taught(UNANSWERED, "payment-terms-late-payment"))  # `kb teach`
    after = kept.searcher(tuple(KnowledgeBase(list(folders)).content.entries.values()))
    # The taught words are one of the entry's samples in the index now (the Answerer answers
    # them from their lesson; other words like them find the entry through the sample).
    decision = after.decide(UNANSWERED)
    best = decision.hits[0]
    assert (decision.mode != "abstain", best.entry_id, round(best.similarity, 6)) == (
        True, "payment-terms-late-payment", 1.0)
    answer = Answerer(KnowledgeBase(list(folders))).ask(UNANSWERED)
    assert (answer.mode, answer.hits[0].entry_id) == ("answer", "payment-terms-late-payment")


def test_an_index_this_process_made_from_other_folders_is_shared_and_kept_for_the_next_start(
        tmp_path: Path) -> None:
    # Session 38: the index is made once per content in a process (answers._words_index), so a
    # second app on the same content from other folders shares it; its folders' cache file is
    # still written, for their own next start to read.
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    one = Answerer(KnowledgeBase([PACKAGED, first]), cache_dir=tmp_path / "cache-1")
    other = Answerer(KnowledgeBase([PACKAGED, second]), cache_dir=tmp_path / "cache-2")
    assert other.searcher is one.searcher
    entries = tuple(KnowledgeBase([PACKAGED, second]).content.entries.values())
    kept = IndexCache(tmp_path / "cache-2", (PACKAGED, second))
    assert kept.path.read_bytes().startswith(cache.FORMAT + cache_key(entries))
    written = _inode(kept.path)
    Answerer(KnowledgeBase([PACKAGED, second]), cache_dir=tmp_path / "cache-2")
    assert _inode(kept.path) == written  # already held: not written again
    restarted = kept.read(entries, cache_key(entries))
    assert restarted is not None
    assert restarted.decide(UNANSWERED).mode == one.searcher.decide(UNANSWERED).mode
