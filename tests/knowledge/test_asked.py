"""Providers' questions (knowledge/asked.jsonl): the file is what the calibration sets give,
and a bad file is reported, never half-read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from knowledge.base import PACKAGED, load_content, read_asked

ROOT = Path(__file__).resolve().parents[2]


def test_the_file_is_what_the_sets_give() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "asked.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_a_bad_line_and_an_unknown_entry_are_problems(tmp_path: Path) -> None:
    path = tmp_path / "asked.jsonl"
    path.write_text('{"question": "how long is standstill", "ids": ["standstill-challenges"]}\n'
                    "not json\n"
                    '{"question": "what is a widget", "ids": ["no-such-entry"]}\n',
                    encoding="utf-8")
    asked, problems = read_asked(path)
    assert asked["standstill-challenges"] == ["how long is standstill"]
    assert [problem.line for problem in problems] == [2]
    content = load_content([PACKAGED], asked=path)
    assert any("no-such-entry" in str(problem) for problem in content.problems)
    assert "how long is standstill" in content.entries["standstill-challenges"].asked
