"""Measure (never tune): how often a careful reader's first pick is an accepted entry, beside the
bot's top-1 on the same questions: is the blind sets' 90 % aim above what their labels allow?

A reader (a helper session) was given only the 219 entries' ids, titles and answer texts and a
set's questions (those with an accepted entry under either labelling, in file order, numbered
from 0), and picked for each the one entry a well-informed helpdesk officer would send, and a
second where another also answers it. It never saw the labels, the bot or its answers. The
picks are in ``bench/data/reader_picks_*.jsonl`` (``n``, ``id``, ``second``; the blind sets'
without the reader's reasons, so nothing of their questions is written down twice).

    python bench/reader_agreement.py

Prints, for each set and labelling: the reader's top-1 (first pick accepted), an accepted entry
among the reader's two, and the bot's top-1 on the same questions (as ``bench/ask_blind.py``
counts it: the first ranked entry, the safeguarding guidance counted as its entry). Summary
only: never per question.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ask import ROOT, SAFEGUARDING_ENTRY, pledgebot_asker

DATA = ROOT / "bench" / "data"
TESTS = ROOT / "tests" / "knowledge"
# (name, the picks, the labelled files whose questions were numbered: with an accepted entry
# under any of them)
SETS = (
    ("blind 1", "reader_picks_blind1.jsonl",
     (DATA / "blind_questions.jsonl", DATA / "blind_questions_relabelled.jsonl")),
    ("blind 2", "reader_picks_blind2.jsonl",
     (DATA / "blind_questions_2.jsonl", DATA / "blind_questions_2_relabelled.jsonl")),
    ("set 28", "reader_picks_set28.jsonl", (TESTS / "calibration_questions_28.jsonl",)),
)


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def main() -> int:
    ask = pledgebot_asker()
    for name, picks_file, labelled in SETS:
        labellings = [_rows(path) for path in labelled]
        questions = [row["question"] for row in labellings[0]]
        if any([row["question"] for row in rows] != questions for rows in labellings):
            raise SystemExit(f"{name}: the labellings do not hold the same questions")
        numbered = [i for i in range(len(questions))
                    if any(rows[i].get("ids") for rows in labellings)]
        picks = _rows(DATA / picks_file)
        if [pick["n"] for pick in picks] != list(range(len(numbered))):
            raise SystemExit(f"{name}: {picks_file} does not number {len(numbered)} questions")
        first = {}
        for i in numbered:
            outcome = ask(questions[i])
            top = SAFEGUARDING_ENTRY if outcome.mode == "safeguarding" else (
                outcome.ranked[0] if outcome.ranked else None)
            first[i] = top
        for path, rows in zip(labelled, labellings, strict=True):
            n = reader = either = bot = 0
            for pick, i in zip(picks, numbered, strict=True):
                ids = rows[i].get("ids") or []
                if not ids or rows[i].get("kind") == "safeguarding":
                    continue
                n += 1
                reader += pick["id"] in ids
                either += pick["id"] in ids or pick.get("second") in ids
                bot += first[i] in ids
            print(f"{name} ({path.name}): reader top-1 {reader}/{n} = {100 * reader / n:.1f} %, "
                  f"an accepted entry among the reader's two {either}/{n} = "
                  f"{100 * either / n:.1f} %; the bot's top-1 {bot}/{n} = {100 * bot / n:.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
