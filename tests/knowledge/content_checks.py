"""What every content-coverage test checks about its file of new entries (issue 11).

Each test module lists providers' questions in their own words with the entry that must answer
them. These helpers check the list covers exactly the file's entries without copying a sample
question, and ask the questions through the real ``pledgebot ask --json`` in one process.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bot.cli import entry_text
from knowledge.answers import Answerer
from knowledge.base import PACKAGED, Entry, load_content
from tests.cli import run_cli


def assert_each_entry_is_asked_in_other_words(file_name: str,
                                              asked: Iterable[tuple[str, str]]) -> set[str]:
    """Every entry of ``file_name`` is asked, never in one of its own sample questions.

    ``asked`` holds (question, entry id) pairs; returns the entry ids of the file.
    """
    content = load_content([PACKAGED])
    written = {entry.id for entry in content.entries.values()
               if Path(entry.origin.rsplit(":", 1)[0]).name == file_name}
    pairs = list(asked)
    assert written == {entry_id for _, entry_id in pairs}
    for question, entry_id in pairs:
        entry = content.entries[entry_id]
        samples = {sample.lower() for sample in (*entry.questions, *entry.asked)}
        assert question.lower() not in samples, question
    return written


def assert_each_entry_is_asked_twice(file_name: str,
                                     asked: Iterable[tuple[str, str, str]]) -> None:
    """Every entry of ``file_name`` is asked exactly twice, never in its own sample questions.

    ``asked`` holds (question, entry id, fact) rows.
    """
    rows = list(asked)
    written = assert_each_entry_is_asked_in_other_words(
        file_name, [(question, entry_id) for question, entry_id, _ in rows])
    for entry_id in written:
        assert [row[1] for row in rows].count(entry_id) == 2, entry_id


# The bot gives a person an entry either as the answer or, when it is not sure enough to answer
# outright (``Searcher.sure``), first of the two it offers with a person to ask. How often it is
# sure is held by the gates in test_search.py; these tests hold that the entry reaches the person.
OFFERED = ("answer", "choose")


def answered_from(answerer: Answerer, question: str, entry_id: str) -> Entry:
    """Ask ``question``: it must be answered from ``entry_id``, or offered with it first;
    returns that entry."""
    answer = answerer.ask(question)
    first = ([hit.entry_id for hit in answer.hits][:1], [entry.id for entry in answer.entries][:1])
    assert answer.mode in OFFERED, (question, answer.mode)
    assert first == ([entry_id], [entry_id])
    return answer.entries[0]


def offered(row: dict[str, Any], entry_id: str) -> bool:
    """True when a ``pledgebot ask --json`` row gives the person ``entry_id``: as the answer, or
    first of a choice (``OFFERED``)."""
    return row["mode"] in OFFERED and row["ids"][:1] == [entry_id]


def read(row: dict[str, Any]) -> str:
    """What the person reads for a ``pledgebot ask --json`` row: the answer (or the safeguarding
    guidance), or after a choice, the first entry's answer once they pick it."""
    if row["mode"] != "choose" or row.get("safeguarding_guidance"):
        return str(row["answer"])
    return entry_text(packaged_entries()[row["ids"][0]])


@cache
def packaged_entries() -> Mapping[str, Entry]:
    """The packaged entries, read once for every test that needs them."""
    return load_content([PACKAGED]).entries


def ask_json(folder: Path, questions: list[str]) -> dict[str, dict[str, Any]]:
    """Each question asked once through ``pledgebot ask --json``, by question."""
    result = run_cli("ask", "--json", cwd=folder, stdin="\n".join(questions).encode() + b"\n")
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [row["question"] for row in rows] == questions
    return {row["question"]: row for row in rows}


def assert_ask_json_answers(folder: Path, asked: list[tuple[str, str, str]],
                            neighbours: list[tuple[str, str, str]]) -> None:
    """Through ``pledgebot ask --json``: each asked question is answered from its entry, with its
    fact in the answer (or, when the bot is not sure, offered with that entry first), and each
    neighbouring question from its older entry.

    ``asked`` holds (question, entry id, fact); ``neighbours`` (question, new entry, older entry).
    """
    questions = [question for question, _, _ in asked] + [row[0] for row in neighbours]
    answered = ask_json(folder, questions)
    rows = [answered[question] for question in questions]
    assert all(row["mode"] in OFFERED for row in rows), [row["mode"] for row in rows]
    assert [row["ids"][0] for row in rows] == (
        [entry_id for _, entry_id, _ in asked] + [older for _, _, older in neighbours])
    for row, (_, entry_id, fact) in zip(rows, asked, strict=False):
        # A choice names the entry the person can pick; they read the fact once they do.
        assert row["mode"] == "answer" or f"({entry_id})" in row["answer"]
        assert fact in read(row)


def entry_tests(asked: list[tuple[str, str, str]], neighbours: list[tuple[str, str, str]],
                ) -> tuple[Callable[..., None], Callable[..., None], Callable[..., None]]:
    """The three tests of a module of new entries, over its ASKED and NEIGHBOURS tables.

    A module binds them to its own ``test_...`` names so pytest collects them there.
    """
    @pytest.mark.parametrize(("question", "entry_id", "fact"), asked,
                             ids=[f"{entry_id}-{n}" for n, (_, entry_id, _) in enumerate(asked)])
    def test_a_provider_question_gets_the_entry(answerer: Answerer, question: str,
                                                entry_id: str, fact: str) -> None:
        assert fact in answered_from(answerer, question, entry_id).answer

    def test_pledgebot_ask_json_gives_the_entries(tmp_path: Path) -> None:
        assert_ask_json_answers(tmp_path, asked, neighbours)

    @pytest.mark.parametrize(("question", "new_entry", "older_entry"), neighbours,
                             ids=[new_entry for _, new_entry, _ in neighbours])
    def test_a_neighbouring_question_keeps_its_older_entry(answerer: Answerer, question: str,
                                                            new_entry: str,
                                                            older_entry: str) -> None:
        # Answered first from the older entry, so not from the new one.
        answered_from(answerer, question, older_entry)

    return (test_a_provider_question_gets_the_entry, test_pledgebot_ask_json_gives_the_entries,
            test_a_neighbouring_question_keeps_its_older_entry)


def asked_twice_tests(file_name: str, asked: list[tuple[str, str, str]],
                      neighbours: list[tuple[str, str, str]],
                      ) -> tuple[Callable[..., None], ...]:
    """The four tests of a module whose file of new entries is each asked twice: that check
    (``assert_each_entry_is_asked_twice``) and ``entry_tests``' three.

    ``asked`` holds (question, entry id, fact); ``neighbours`` (question, older entry, new
    entry), as those modules write them. A module binds the four to its own ``test_...`` names.
    """
    def test_every_new_entry_is_asked_twice() -> None:
        assert_each_entry_is_asked_twice(file_name, asked)

    return (test_every_new_entry_is_asked_twice, *entry_tests(
        asked, [(question, new, older) for question, older, new in neighbours]))

