"""What a council's teaching loop does for the questions that come after it (issue 11).

A council admin reads ``pledgebot kb gaps`` and teaches (``kb teach``): a question the bot did
not answer right outright goes to the entry that answers it, and a question no entry answers
that the bot answered or offered goes to ``none`` (a person). This script plays that admin on
the odd lines of a labelled question file (the labels stand for the admin's judgement), through
the same store ``kb teach`` writes (``knowledge.base.add_taught``, a temporary council folder's
``taught.yaml``, then the reload), and asks again:

* the odd lines (the questions taught): what the loop fixes for the same words asked again;
* the even lines (never taught): what it does for new questions.

Figures are ``bench/ask_blind.py``'s own (``Verdict``, ``figures``). Only calibration files
should be given: the blind sets are measure-only, and teaching from their labels would turn
them into content.

    python bench/teach_loop.py tests/knowledge/calibration_questions_5.jsonl [...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from ask import Outcome, Row, load_rows
from ask_blind import Figures, Verdict, figures

from knowledge.answers import Answerer
from knowledge.base import (
    HAND_OVER,
    PACKAGED,
    KnowledgeBase,
    Taught,
    add_taught,
    taught_length_ok,
)


def _verdicts(answerer: Answerer, rows: list[Row]) -> list[Verdict]:
    verdicts = []
    for row in rows:
        answer = answerer.ask(row.question)
        ranked = tuple(hit.entry_id for hit in answer.hits)
        verdicts.append(Verdict(row, Outcome(ranked, answer.answered, answer.mode)))
    return verdicts


def _line(name: str, found: Figures) -> str:
    def share(part: int, whole: int) -> str:
        return f"{part / whole:6.1%}" if whole else "     -"

    return (f"  {name:32} top-1 {share(found.top1, found.with_ids)}  answered right "
            f"{share(found.answered_right, found.with_ids)}  confidently wrong "
            f"{share(found.confidently_wrong, found.n)}  choice {share(found.choice, found.n)}  "
            f"correct abstention {share(found.correct_abstention, found.without_ids)}")


def _lesson(verdict: Verdict) -> str | None:
    """What the admin teaches for one question: an entry id, ``none``, or nothing."""
    row = verdict.row
    if verdict.answered_right or verdict.safeguarding:
        return None
    if row.ids:
        return row.ids[0]
    return None if verdict.abstained else HAND_OVER


def run(path: Path) -> None:
    """Teach from the odd lines of one file; print its figures before and after."""
    rows = load_rows(path)
    taught_rows, new_rows = rows[0::2], rows[1::2]
    with tempfile.TemporaryDirectory() as folder:
        answerer = Answerer(KnowledgeBase([PACKAGED, Path(folder)]))
        before_taught = _verdicts(answerer, taught_rows)
        before_new = _verdicts(answerer, new_rows)
        lessons = 0
        now = datetime.now(UTC).isoformat()
        for verdict in before_taught:
            entry_id = _lesson(verdict)
            words = " ".join(verdict.row.question.split())
            if entry_id is not None and taught_length_ok(words):
                lessons += add_taught(Path(folder), Taught(words, entry_id, now, "bench"))
        answerer.knowledge.refresh(force=True)
        after_taught = _verdicts(answerer, taught_rows)
        after_new = _verdicts(answerer, new_rows)
    print(f"{path} ({len(rows)} questions; {lessons} taught from the odd lines)")
    print(_line("odd lines, before", figures(before_taught)))
    print(_line("odd lines, after (same words)", figures(after_taught)))
    print(_line("even lines, before", figures(before_new)))
    print(_line("even lines, after (new questions)", figures(after_new)))


def main(argv: list[str] | None = None) -> int:
    """Play the admin on each file given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("files", type=Path, nargs="+", metavar="FILE.jsonl")
    args = parser.parse_args(argv)
    for path in args.files:
        if "bench/data" in path.resolve().as_posix():
            parser.error(f"{path}: the blind sets are measure-only; give calibration files")
        run(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
