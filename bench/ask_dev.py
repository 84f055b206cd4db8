"""Ask the bot a development question set and list what it got wrong (for mending content).

Unlike the blind sets, a development set is meant to be read item by item: its misses say where
the content is missing, thin or worded unlike providers. One JSON object a line, as
``bench/ask_blind.py`` reads (``question``, accepted ``ids``, ``kind``).

    python bench/ask_dev.py                                   # bench/data/dev_questions_s32.jsonl
    python bench/ask_dev.py --set bench/data/other_dev.jsonl --misses-only
    PLEDGEBOT_ANSWER_MEANING=minilm python bench/ask_dev.py   # with the meaning re-ranker

Prints top-1 (the first entry ranked, whatever the mode, is accepted; a safeguarding reply counts
as ``safeguarding-concerns``), how many were answered right, confidently wrong or handed over,
and each miss with the bot's first three entries and its mode.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ask import ROOT, SAFEGUARDING_ENTRY, load_rows, pledgebot_asker

DEV = ROOT / "bench" / "data" / "dev_questions_s32.jsonl"


def main() -> None:
    """Ask every question of the set and print the figures and the misses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEV, help="the question file")
    parser.add_argument("--misses-only", action="store_true", help="no figures, misses only")
    args = parser.parse_args()
    rows = load_rows(args.set)
    ask = pledgebot_asker()
    with_ids = top1 = right = wrong = handed = 0
    misses = []
    for row in rows:
        outcome = ask(row.question)
        ranked = (SAFEGUARDING_ENTRY,) if outcome.mode == "safeguarding" else outcome.ranked
        first = ranked[0] if ranked else None
        answering = outcome.mode in ("answer", "pledge_topic", "safeguarding")
        if row.ids:
            with_ids += 1
            top1 += first in row.ids
            right += answering and first in row.ids
        wrong += answering and first not in row.ids
        handed += outcome.mode in ("abstain", "not_english", "too_long")
        if (row.ids and first not in row.ids) or (not row.ids and answering):
            misses.append((row, outcome.mode, ranked[:3]))
    if not args.misses_only:
        print(f"{args.set.name}: {len(rows)} questions, {with_ids} with accepted ids")
        print(f"top-1 {top1}/{with_ids} = {100 * top1 / max(with_ids, 1):.1f} %; "
              f"answered right {right}; confidently wrong {wrong}; handed over {handed}")
    for row, mode, ranked in misses:
        wanted = list(row.ids) or row.kind
        print(f"- {row.question!r}\n    want {wanted}; got {mode} {list(ranked)}")


if __name__ == "__main__":
    main()
