"""Precision and recall of the safeguarding check on the labelled set, by split.

Run ``python -m tests.knowledge.safeguarding_report`` from the repository root to print the
figures. A disclosure is counted as found when ``classify`` labels it "disclosure" (exactly
when ``detect`` returns a match); a how-to question when ``classify`` labels it "howto".
Positive = the label, negative = every other message of the labelled set. Rules are tuned on
the "dev" split only; "test" is the held-out quarter (every 4th line of the file, its "split"
field).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from bot.values import frozen

LABELLED = Path(__file__).with_name("safeguarding_labelled.jsonl")
QUESTIONS = Path(__file__).with_name("questions.jsonl")
SPLITS = ("dev", "test", "all")


def labelled_rows(split: str = "all") -> list[dict]:
    """The labelled messages of one split ("dev", "test" or "all")."""
    rows = [json.loads(line) for line in LABELLED.read_text().splitlines() if line.strip()]
    return rows if split == "all" else [row for row in rows if row["split"] == split]


def concerns_and_ordinary(name: str) -> tuple[list[str], list[str]]:
    """A file of this folder labelled "disclosure" / "none": its concerns and its ordinary
    messages (the held-out sets and the reviewers' probes)."""
    rows = [json.loads(line) for line in Path(__file__).with_name(name).read_text()
            .splitlines() if line.strip()]
    return ([row["text"] for row in rows if row["label"] == "disclosure"],
            [row["text"] for row in rows if row["label"] == "none"])


@frozen
class Score:
    """One label's confusion counts over a set of messages."""

    label: str
    true_pos: int
    false_pos: int
    false_neg: int

    @property
    def precision(self) -> float:
        """Share of the messages given the label that carry it (1.0 when none were given)."""
        given = self.true_pos + self.false_pos
        return self.true_pos / given if given else 1.0

    @property
    def recall(self) -> float:
        """Share of the messages carrying the label that were given it."""
        carrying = self.true_pos + self.false_neg
        return self.true_pos / carrying if carrying else 1.0

    def __str__(self) -> str:
        given = self.true_pos + self.false_pos
        precision = f"{self.precision:.3f}" if given else "  -  "
        return (f"{self.label:<10} P={precision} R={self.recall:.3f} "
                f"(tp={self.true_pos} fp={self.false_pos} fn={self.false_neg})")


def score(rows: Iterable[dict], label: str, predict: Callable[[str], str]) -> Score:
    """Confusion counts of ``label`` against ``predict`` (text -> predicted label)."""
    tp = fp = fn = 0
    for row in rows:
        predicted = predict(row["text"]) == label
        actual = row["label"] == label
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
    return Score(label, tp, fp, fn)


@cache
def current_predict(text: str) -> str:
    """The label the current ``knowledge.safeguarding`` gives ``text``.

    Kept per text for the process: the report scores each message under two labels and in two
    splits, and the tests score the same set again (``classify`` keeps only its last 256).
    Nothing changes the rules while a process runs but a test that patches them, which reads
    ``classify`` itself."""
    from knowledge.safeguarding import classify

    found = classify(text)
    return "none" if found is None else found.label


def report(predict: Callable[[str], str] = current_predict) -> str:
    """The figures, one line per split and label, plus the false alarms on questions.jsonl."""
    lines = []
    for split in SPLITS:
        rows = labelled_rows(split)
        for label in ("disclosure", "howto"):
            lines.append(f"{split:<4} n={len(rows):<3} {score(rows, label, predict)}")
    questions = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    others = [row["question"] for row in questions if row["kind"] != "safeguarding"]
    alarms = sum(predict(text) == "disclosure" for text in others)
    howtos = sum(predict(text) == "howto" for text in others)
    lines.append(f"questions.jsonl: {alarms} of {len(others)} non-safeguarding questions flagged "
                 f"as disclosures, {howtos} labelled howto")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())


def not_typos(*word_lists: Path) -> list[str]:
    """English words one edit away from a word of harm (``_NOT_TYPOS`` is built from these).

    Run with Debian's word lists: ``not_typos(Path("/usr/share/dict/british-english"),
    Path("/usr/share/dict/american-english"))`` (packages wbritish and wamerican).
    """
    from knowledge import safeguarding

    words: set[str] = set()
    for path in word_lists:
        for line in path.read_text(encoding="utf-8", errors="ignore").splitlines():
            word = line.strip().lower().replace("'", "")
            if word.isascii() and word.isalpha():
                words.add(word)
    lexicon = safeguarding._LEXICON
    return sorted(
        word for word in words
        if len(word) >= 5 and word not in lexicon
        and any(safeguarding._one_edit(word, known) for known in lexicon))
