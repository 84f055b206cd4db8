"""What every content-coverage test checks about its file of new entries (issue 11).

Each test module lists providers' questions in their own words with the entry that must answer
them. These helpers check the list covers exactly the file's entries without copying a sample
question, and ask the questions through the real ``pledgebot ask --json`` in one process.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

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
        samples = {sample.lower() for sample in content.entries[entry_id].questions}
        assert question.lower() not in samples, question
    return written


def answered_from(answerer: Answerer, question: str, entry_id: str) -> Entry:
    """Ask ``question``: it must be answered, first from ``entry_id``; returns that entry."""
    answer = answerer.ask(question)
    first = ([hit.entry_id for hit in answer.hits][:1], [entry.id for entry in answer.entries][:1])
    assert (answer.mode, first) == ("answer", ([entry_id], [entry_id]))
    return answer.entries[0]


def ask_json(folder: Path, questions: list[str]) -> dict[str, dict[str, Any]]:
    """Each question asked once through ``pledgebot ask --json``, by question."""
    result = run_cli("ask", "--json", cwd=folder, stdin="\n".join(questions).encode() + b"\n")
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [row["question"] for row in rows] == questions
    return {row["question"]: row for row in rows}
