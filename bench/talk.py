"""Measure what the chat's free-text routes take away from the knowledge base, and their cost.

Before a typed message reaches the knowledge base, the chat tries three pure matchers in order:
a safeguarding how-to question (``handlers.safeguarding.howto_question``: the guidance and a
"Raise a concern now" button, unless the knowledge base answers it with another entry first,
``knowledge_prefers_another_entry``), small talk (``handlers.talk.matching.small_talk``), a
question about using the bot (``handlers.talk.matching.how_to_use``, session 21), a question
asking when a pledge clock falls for a named day (``due_date_question``, session 22) and a bare
number (``handlers.talk.matching.bare_number``). A real question caught by one of them
would not be answered from the knowledge base, so this counts, on the tuned question set
(``tests/knowledge/questions.jsonl``) and the blind one (``bench/data/blind_questions.jsonl``),
how many questions each takes, lists them with their accepted entries, and times the three
matchers per message (the how-to matcher uncached, as for a new message; the knowledge base's
look-up for a how-to question is not in that time).

    python bench/talk.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handlers.safeguarding import (  # noqa: E402
    _classify,
    howto_question,
    knowledge_prefers_another_entry,
)
from handlers.talk.matching import (  # noqa: E402
    bare_number,
    due_date_question,
    how_to_use,
    small_talk,
)
from knowledge.answers import Answerer  # noqa: E402
from knowledge.base import PACKAGED, KnowledgeBase  # noqa: E402

SETS = {"tuned": ROOT / "tests/knowledge/questions.jsonl",
        "blind": ROOT / "bench/data/blind_questions.jsonl",
        "safeguarding labelled": ROOT / "tests/knowledge/safeguarding_labelled.jsonl"}


def _rows(path: Path) -> list[dict[str, object]]:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    # The labelled safeguarding set names its fields differently.
    return [{"question": row.get("question", row.get("text")),
             "kind": row.get("label", row.get("kind")), "ids": row.get("ids", [])}
            for row in rows]


def _per_message_us(questions: list[str], passes: int = 5) -> float:
    """Median over passes of the mean time per message of the three matchers, in µs."""
    means = []
    for _ in range(passes):
        _classify.cache_clear()
        started = time.perf_counter()
        for question in questions:
            howto_question(question)
            small_talk(question)
            how_to_use(question)
            due_date_question(question)
            bare_number(question)
        means.append((time.perf_counter() - started) / len(questions) * 1e6)
    return statistics.median(means)


def main() -> int:
    """Print the counts, the questions taken and the cost per message."""
    answerer = Answerer(KnowledgeBase([PACKAGED]))
    for name, path in SETS.items():
        rows = _rows(path)
        questions = [str(row["question"]) for row in rows]
        taken: dict[str, list[dict[str, object]]] = {
            "how-to guidance": [], "how-to, left to the knowledge base": [], "small talk": [],
            "using the bot": [], "a due date": [], "bare number": []}
        for row, question in zip(rows, questions, strict=True):
            if howto_question(question) is not None:
                answer = answerer.ask(question, read_for_harm=False)
                kept = knowledge_prefers_another_entry(answer)
                taken["how-to, left to the knowledge base" if kept else "how-to guidance"].append(
                    row)
            elif small_talk(question) is not None:
                taken["small talk"].append(row)
            elif how_to_use(question) is not None:
                taken["using the bot"].append(row)
            elif due_date_question(question) is not None:
                taken["a due date"].append(row)
            elif bare_number(question) is not None:
                taken["bare number"].append(row)
        counts = ", ".join(f"{kind} {len(found)}" for kind, found in taken.items())
        print(f"{name} set, {len(rows)} questions: taken by {counts}; "
              f"matchers {_per_message_us(questions):.0f} µs a message")
        if name == "safeguarding labelled":
            by_label = Counter(str(row["kind"]) for row in taken["how-to guidance"])
            labelled = Counter(str(row["kind"]) for row in rows)
            print(f"  guidance given to {by_label['howto']} of {labelled['howto']} how-to "
                  f"questions, {by_label['none']} of {labelled['none']} others, "
                  f"{by_label['disclosure']} of {labelled['disclosure']} disclosures")
            continue
        for kind, found in taken.items():
            for row in found:
                print(f"  {kind}: {row['question']!r} kind={row.get('kind')} ids={row['ids']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
