"""Measure (never tune): pledgebot's answers on the tuned question set and on a blind one.

Two question files, one JSON object a line with the accepted entry ``ids`` and a ``kind``:

* ``tests/knowledge/questions.jsonl``: the set the search thresholds were **tuned** on
  (kinds ``in_scope``, ``out_of_scope``, ``safeguarding``), so its figures are in-sample;
* ``bench/data/blind_questions_2.jsonl`` (session 7): a second blind set of 300, written and
  labelled the same way; measure it with ``--set blind2=bench/data/blind_questions_2.jsonl``
  and ``--summary-only``, never tune on it;
* ``bench/data/blind_questions.jsonl``: 290 questions written by someone who never saw the
  content, labelled afterwards by reading the content (not by running the bot): ``in_scope``
  with the entries that give a correct answer, ``not_covered`` (a question for the bot that no
  entry answers: it should abstain and hand over) or ``out_of_scope``. For measuring only.
* ``bench/data/blind_questions_relabelled.jsonl`` and ``blind_questions_2_relabelled.jsonl``
  (session 14): the same questions labelled afresh as the calibration sets are (two helpers
  reading the 219 entries, never the bot's answers nor the old labels; their in-scope ids
  merged, 9 and 11 disagreements settled by a third). Measure both labellings and report both:
  ``--blind bench/data/blind_questions_relabelled.jsonl --set
  blind2r=bench/data/blind_questions_2_relabelled.jsonl``.

Every question goes through the bot's real code path, ``knowledge.answers.Answerer`` over the
packaged ``KnowledgeBase`` (as ``pledgebot ask --json`` does), via ``bench/ask.py``'s
``pledgebot_asker``. Figures, for each set:

* top-1: the first entry the bot ranks (whatever the mode, as in ``bench/ask.py``) is accepted,
  over the questions that have accepted ids;
* answered right: mode ``answer`` (or ``pledge_topic``, the commitments on a topic, judged by
  the most relevant one) with an accepted entry first, over the same questions;
* confidently wrong: mode ``answer`` or ``pledge_topic`` with an entry that is not accepted,
  over **all** questions
  (an out-of-scope or not-covered question answered with anything counts);
* offered a choice (mode ``choose``; also whether one of the two offered is accepted);
* abstained (mode ``abstain``, ``not_english`` or ``too_long``: no entry given);
* safeguarding (mode ``safeguarding``: the bot gives the safeguarding guidance, which the chat
  handler records as the ``safeguarding-concerns`` entry, so it counts as that entry: right
  where that entry is accepted, a false alarm elsewhere; never "confidently wrong");
* correct abstention: of the questions with no accepted entry, the share abstained.

    python bench/ask_blind.py [--results bench/data/blind_results.jsonl] [--wrong]
    python bench/ask_blind.py --summary-only --results - \
        --set calibration=tests/knowledge/calibration_questions.jsonl \
        --set calibration2=tests/knowledge/calibration_questions_2.jsonl \
        --set calibration2-odd=tests/knowledge/calibration_questions_2.jsonl:odd \
        --set calibration2-even=tests/knowledge/calibration_questions_2.jsonl:even

``--set NAME=PATH`` (repeatable) adds any question file in the same format as another column of
the first table (``NAME=PATH:odd`` or ``NAME=PATH:even`` takes only its odd or even lines, the
calibrated and held-out halves of ``calibration_questions_2.jsonl``); ``--summary-only`` prints
that table and nothing per kind, topic or question (and writes no per-question file), which is
how the blind set is measured without looking at it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from ask import QUESTIONS, ROOT, SAFEGUARDING_ENTRY, Outcome, Row, load_rows, pledgebot_asker

from bot.values import frozen
from knowledge.safeguarding import unsure

BLIND = ROOT / "bench" / "data" / "blind_questions.jsonl"
RESULTS = ROOT / "bench" / "data" / "blind_results.jsonl"
ABSTAIN_MODES = frozenset({"abstain", "not_english", "too_long"})
# "pledges about feedback" lists the commitments on a topic, the most relevant ranked first:
# judged like an answer with that first commitment.
ANSWER_MODES = frozenset({"answer", "pledge_topic"})
NO_ENTRY_KINDS = ("out_of_scope", "not_covered")


@frozen
class Verdict:
    """What the bot did with one question, judged against its accepted ids."""

    row: Row
    outcome: Outcome

    @property
    def first(self) -> str | None:
        """The entry the bot leads with: the safeguarding entry when it flags a concern."""
        if self.outcome.mode == "safeguarding":
            return SAFEGUARDING_ENTRY
        return self.outcome.ranked[0] if self.outcome.ranked else None

    @property
    def has_ids(self) -> bool:
        return bool(self.row.ids)

    @property
    def top1(self) -> bool:
        return self.has_ids and self.first in self.row.ids

    @property
    def answered_right(self) -> bool:
        return self.outcome.mode in ("answer", "safeguarding", "pledge_topic") and self.top1

    @property
    def confidently_wrong(self) -> bool:
        return self.outcome.mode in ANSWER_MODES and self.first not in self.row.ids

    @property
    def choice(self) -> bool:
        return self.outcome.mode == "choose"

    @property
    def choice_right(self) -> bool:
        return self.choice and any(entry in self.row.ids for entry in self.outcome.ranked[:2])

    @property
    def abstained(self) -> bool:
        return self.outcome.mode in ABSTAIN_MODES

    @property
    def safeguarding(self) -> bool:
        return self.outcome.mode == "safeguarding"

    @property
    def asked_about(self) -> bool:
        """Chat would ask "Is this about someone's safety?" (the concern model unsure, or an
        explained injury)."""
        return not self.safeguarding and unsure(self.row.question) is not None

    @property
    def false_alarm(self) -> bool:
        return self.safeguarding and SAFEGUARDING_ENTRY not in self.row.ids

    @property
    def label(self) -> str:
        """One word for the per-question file."""
        if self.answered_right:
            return "right"
        if self.confidently_wrong:
            return "wrong"
        if self.choice:
            return "choice-right" if self.choice_right else "choice-wrong"
        if self.false_alarm:
            return "false-alarm"
        return "abstained-ok" if not self.has_ids else "abstained-missed"


@frozen
class Figures:
    """The counts behind one column of the table."""

    n: int
    with_ids: int
    without_ids: int
    top1: int
    answered_right: int
    confidently_wrong: int
    choice: int
    choice_right: int
    abstained: int
    safeguarding: int
    false_alarms: int
    asked_about: int
    correct_abstention: int
    kinds: dict[str, int]


def figures(verdicts: Sequence[Verdict]) -> Figures:
    """Count every figure over one set's verdicts."""
    def count(test: Callable[[Verdict], bool]) -> int:
        return sum(1 for verdict in verdicts if test(verdict))

    return Figures(
        n=len(verdicts),
        with_ids=count(lambda v: v.has_ids),
        without_ids=count(lambda v: not v.has_ids),
        top1=count(lambda v: v.top1),
        answered_right=count(lambda v: v.answered_right),
        confidently_wrong=count(lambda v: v.confidently_wrong),
        choice=count(lambda v: v.choice),
        choice_right=count(lambda v: v.choice_right),
        abstained=count(lambda v: v.abstained),
        safeguarding=count(lambda v: v.safeguarding),
        false_alarms=count(lambda v: v.false_alarm),
        asked_about=count(lambda v: v.asked_about),
        correct_abstention=count(lambda v: not v.has_ids and v.abstained),
        kinds=dict(Counter(v.row.kind for v in verdicts)),
    )


def _cell(part: int, whole: int) -> str:
    share = f"{part / whole * 100:.1f} %" if whole else "-"
    return f"{share} ({part}/{whole})"


def _print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for index, row in enumerate([header, *rows]):
        cells = [f"{row[0]:<{widths[0]}}"] + [f"{cell:>{width}}" for cell, width
                                              in zip(row[1:], widths[1:], strict=True)]
        print("  ".join(cells))
        if index == 0:
            print("-" * (sum(widths) + 2 * (len(widths) - 1)))


def print_sets(named: dict[str, Figures]) -> None:
    """The figures of every set side by side."""
    sets = list(named.values())
    rows = [
        ["questions"] + [str(f.n) for f in sets],
        ["  by kind"] + [", ".join(f"{kind} {count}" for kind, count in sorted(f.kinds.items()))
                         for f in sets],
        ["top-1 (over questions with accepted ids)"]
        + [_cell(f.top1, f.with_ids) for f in sets],
        ["answered right (over questions with accepted ids)"]
        + [_cell(f.answered_right, f.with_ids) for f in sets],
        ["confidently wrong (over all questions)"]
        + [_cell(f.confidently_wrong, f.n) for f in sets],
        ["offered a choice (over all)"] + [_cell(f.choice, f.n) for f in sets],
        ["  of which an accepted entry among the two"]
        + [_cell(f.choice_right, f.choice) for f in sets],
        ["abstained (over all)"] + [_cell(f.abstained, f.n) for f in sets],
        ["safeguarding flagged (over all)"] + [_cell(f.safeguarding, f.n) for f in sets],
        ["  of which on a question where it is not accepted"]
        + [_cell(f.false_alarms, f.safeguarding) for f in sets],
        ["safeguarding asked about (model unsure, an explained injury, the soft tier)"]
        + [_cell(f.asked_about, f.n) for f in sets],
        ["correct abstention (out-of-scope + not-covered)"]
        + [_cell(f.correct_abstention, f.without_ids) for f in sets],
    ]
    _print_table(["figure", *named], rows)


def print_kinds(verdicts: Sequence[Verdict]) -> None:
    """What the bot did, by kind of question, on one set."""
    kinds = sorted({v.row.kind for v in verdicts})
    rows = []
    for kind in kinds:
        mine = [v for v in verdicts if v.row.kind == kind]
        total = len(mine)
        rows.append([
            kind, str(total),
            _cell(sum(v.answered_right for v in mine), total),
            _cell(sum(v.confidently_wrong for v in mine), total),
            _cell(sum(v.choice for v in mine), total),
            _cell(sum(v.abstained for v in mine), total),
            _cell(sum(v.safeguarding for v in mine), total),
        ])
    _print_table(["kind", "n", "answered right", "confidently wrong", "choice", "abstained",
                  "safeguarding"], rows)


def print_topics(raw: Sequence[dict], verdicts: Sequence[Verdict]) -> None:
    """Per topic of the blind set: how many questions an entry answers, and what the bot did."""
    topics: dict[str, list[Verdict]] = {}
    for item, verdict in zip(raw, verdicts, strict=True):
        topics.setdefault(str(item.get("topic", "-")), []).append(verdict)
    rows = []
    for topic, mine in sorted(topics.items(), key=lambda pair: -len(pair[1])):
        rows.append([
            topic, str(len(mine)), str(sum(v.has_ids for v in mine)),
            str(sum(v.answered_right for v in mine)), str(sum(v.confidently_wrong for v in mine)),
            str(sum(v.choice for v in mine)), str(sum(v.abstained for v in mine)),
            str(sum(v.safeguarding for v in mine)),
        ])
    _print_table(["topic", "n", "with ids", "right", "conf. wrong", "choice", "abstained",
                  "safeguarding"], rows)


def write_results(path: Path, raw: Sequence[dict], verdicts: Sequence[Verdict]) -> None:
    """One line per question: its id and kind, the bot's mode, first three, and a verdict."""
    lines = []
    for item, verdict in zip(raw, verdicts, strict=True):
        lines.append(json.dumps({
            "id": item.get("id"), "kind": verdict.row.kind, "mode": verdict.outcome.mode,
            "ranked": list(verdict.outcome.ranked[:3]), "verdict": verdict.label,
        }, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def print_wrong(raw: Sequence[dict], verdicts: Sequence[Verdict]) -> None:
    """Every confidently wrong answer: question, what the bot answered, what was expected."""
    for item, verdict in zip(raw, verdicts, strict=True):
        if verdict.confidently_wrong:
            accepted = ", ".join(verdict.row.ids) or "none"
            print(f"{item.get('id')} [{verdict.row.kind}] {verdict.row.question}\n"
                  f"    answered {verdict.first}; accepted: {accepted}\n"
                  f"    expected: {item.get('expected', '')}")


def _half(rows: list[Row], lines: str | None) -> list[Row]:
    """The odd (1, 3, 5 ...) or even lines of a question file, or all of it."""
    if lines is None:
        return rows
    return rows[0::2] if lines == "odd" else rows[1::2]


def _raw(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def main(argv: list[str] | None = None) -> int:
    """Ask every question of both sets once, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tuned", type=Path, default=QUESTIONS)
    parser.add_argument("--blind", type=Path, default=BLIND)
    parser.add_argument("--results", type=Path, default=RESULTS,
                        help="per-question results of the blind set (jsonl); '-' for none")
    parser.add_argument("--wrong", action="store_true",
                        help="also list every confidently wrong answer on the blind set")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=PATH[:odd|:even]",
                        help="another question file (or its odd or even lines) to measure, "
                             "as one more column")
    parser.add_argument("--summary-only", action="store_true",
                        help="only the table of figures: nothing per kind, topic or question")
    args = parser.parse_args(argv)

    ask = pledgebot_asker()
    files = {"tuned (questions.jsonl)": args.tuned, "blind": args.blind}
    for named in args.set:
        name, _, path = named.partition("=")
        if not path:
            parser.error(f"--set needs NAME=PATH, not {named!r}")
        files[name] = Path(path)
    lines: dict[str, str] = {}
    for name, path in list(files.items()):
        base, colon, half = str(path).rpartition(":")
        if colon and half in ("odd", "even"):
            files[name], lines[name] = Path(base), half
    verdicts = {name: [Verdict(row, ask(row.question)) for row in _half(load_rows(path),
                                                                        lines.get(name))]
                for name, path in files.items()}
    blind_raw = _raw(args.blind)

    print(f"pledgebot answers, measured only (thresholds were tuned on {args.tuned.name}); "
          f"python {sys.version.split()[0]}")
    print()
    print_sets({name: figures(found) for name, found in verdicts.items()})
    if args.summary_only:
        return 0
    print()
    print("blind set, by kind:")
    print_kinds(verdicts["blind"])
    print()
    print("blind set, by topic (counts):")
    print_topics(blind_raw, verdicts["blind"])
    if str(args.results) != "-":
        write_results(args.results, blind_raw, verdicts["blind"])
        print()
        print(f"per-question results: {args.results}")
    if args.wrong:
        print()
        print_wrong(blind_raw, verdicts["blind"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
