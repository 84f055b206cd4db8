"""Choose the "sure" band of the answer decision (issue 11), each set held out in turn.

``Searcher.decide`` answers a question when its rule is met (asked coverage, sample similarity,
no missing specific, not a local fact, the first entry ahead by more than ``CLOSE``). Since
session 9 it answers *outright* only when it is also sure (``Searcher.sure``: asked coverage,
sample similarity and lead over the second entry each at least a ``SURE_*`` value); otherwise
the person is offered the entries with a person to ask. This script grids those three values
over the questions the rule would answer, on the tuned set and the calibration sets whose
questions are in ``knowledge/asked.jsonl`` (``bench/asked.py``'s ``TRAINING``). Since session 13
each set's questions are asked of an index built *without* that set's questions in its entries'
samples (``asked.jsonl`` written from the other sets), so every figure here is on questions the
index does not hold. Since session 10 it keeps the grid points that hold every set at or under
``--max-wrong`` confidently wrong (2 %, under the issue's 3 % aim) and takes the one with the
most answered right; ``--penalty N`` instead scores answered right minus N x confidently wrong
(session 9: 6). It prints:

* each set's top-1 (the ranking alone) and the pooled top-1, on which the weights of providers'
  questions (``FIELD_WEIGHTS["asked"]``, ``ASKED_SIMILARITY``) were chosen;
* for each set, the values chosen on the others and that set's figures under them (the
  out-of-sample estimate of the choice);
* the values chosen on all of them, and each set's figures under them;
* the figures of today's constants.

Figures here count only the search's own answers (a pledge looked up by number is not a
search); ``bench/ask_blind.py`` gives the whole bot's figures. The held-out calibration sets
(23 to 29; 21 and 22 until session 15) and the blind sets are never read here.

    python bench/answer_grid.py [--max-wrong 0.02 | --penalty 6]
        [--asked-weight W] [--asked-similarity S] [--topic-weight W] [--topic-c C]
        [--topic-min-weight M] [--top1-only]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import asked
import topics
from ask import ROOT, SAFEGUARDING_ENTRY

from bot.values import frozen
from knowledge import search
from knowledge import topics as knowledge_topics
from knowledge.answers import Answerer
from knowledge.base import PACKAGED, KnowledgeBase
from knowledge.search import EPSILON, SURE_ASKED_COVERAGE, SURE_MARGIN, SURE_SIMILARITY
from knowledge.topics import TopicModel

FOLDER = ROOT / "tests" / "knowledge"


def _label(name: str) -> str:
    number = name.removeprefix("calibration_questions").removesuffix(".jsonl").lstrip("_")
    return "tuned" if name == "questions.jsonl" else f"cal. {number or 1}"


SETS = {_label(name): FOLDER / name for name in asked.TRAINING}
# Session 13 widened the grid: with providers' questions among the samples, the measures of a
# right answer and a wrong one both rise.
COVERAGES = [round(0.55 + 0.025 * step, 3) for step in range(17)]  # 0.55 .. 0.95
SIMILARITIES = [round(0.3 + 0.025 * step, 3) for step in range(21)]  # 0.3 .. 0.8
MARGINS = [round(0.03 + 0.01 * step, 2) for step in range(18)]  # 0.03 .. 0.2


@frozen
class Candidate:
    """A question the rule would answer: its first entry's measures, and whether it is right."""

    asked_coverage: float
    similarity: float
    margin: float
    right: bool


Values = tuple[float, float, float]


TOPIC_FIT: dict[str, float] = {}  # topics.fit's keyword arguments (--topic-c, --topic-min-weight)


def held_out(path: Path, folder: Path) -> Answerer:
    """An answerer whose entries' samples hold every training set's questions but ``path``'s,
    with a topic model fitted on those samples alone (``bench/topics.py``)."""
    others = tuple(name for name in asked.TRAINING if name != path.name)
    file = folder / f"asked-without-{path.stem}.jsonl"
    file.write_text(asked.text(others), encoding="utf-8")
    knowledge = KnowledgeBase([PACKAGED], asked=file)
    model = None
    if search.TOPIC_WEIGHT:
        model = TopicModel.from_document(
            topics.fit(list(knowledge.content.entries.values()), **TOPIC_FIT))
    packaged = knowledge_topics.packaged_model
    knowledge_topics.packaged_model = lambda: model  # type: ignore[assignment]
    try:
        return Answerer(knowledge)
    finally:
        knowledge_topics.packaged_model = packaged


@dataclass
class Measured:
    """One set asked of an index without its own questions."""

    size: int
    covered: int  # questions with an accepted entry
    top1: int  # of those, how many the search ranks an accepted entry first for
    candidates: list[Candidate]


def measure() -> dict[str, Measured]:
    """Every set, each asked of an index without its own questions."""
    with tempfile.TemporaryDirectory() as folder:
        return {name: _measure(path, held_out(path, Path(folder)))
                for name, path in SETS.items()}


def _measure(path: Path, answerer: Answerer) -> Measured:
    searcher = answerer.searcher
    found: list[Candidate] = []
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    top1 = 0
    for row in rows:
        answer = answerer.ask(row["question"])
        hits = answer.hits
        # As bench/ask_blind.py: a concern flagged leads with the safeguarding entry.
        first = SAFEGUARDING_ENTRY if answer.mode == "safeguarding" else (
            hits[0].entry_id if hits else None)
        top1 += bool(row["ids"]) and first in row["ids"]
        if answer.mode not in ("answer", "choose") or len(hits) < 2:
            continue  # abstained, or a pledge looked up by number (one hit, not a search)
        # Only what the sure band decides: an answer, or a choice for "not sure". A close
        # call or a question about this council is a choice whatever the band.
        decision = searcher.decide(row["question"], hits=hits)
        if decision.mode != "answer" and decision.why != "not sure":
            continue
        best, second = hits[0], hits[1]
        found.append(Candidate(best.asked_coverage, best.similarity,
                               best.score - second.score, best.entry_id in row["ids"]))
    return Measured(len(rows), sum(1 for row in rows if row["ids"]), top1, found)


class Tally:
    """Answered right and confidently wrong under a grid point, each set counted once per
    point (every choice below asks the same points again)."""

    def __init__(self, sets: dict[str, Measured]) -> None:
        self.sets = sets
        self._counted: dict[tuple[Values, str], tuple[int, int]] = {}

    def counts(self, values: Values, names: set[str]) -> tuple[int, int]:
        """Answered right and confidently wrong over ``names`` under ``values``."""
        right = wrong = 0
        for name in names:
            if (values, name) not in self._counted:
                coverage, similarity, margin = (value - EPSILON for value in values)  # sure()
                kept = [c.right for c in self.sets[name].candidates
                        if c.asked_coverage >= coverage and c.similarity >= similarity
                        and c.margin >= margin]
                self._counted[values, name] = (sum(kept), len(kept) - sum(kept))
            right += self._counted[values, name][0]
            wrong += self._counted[values, name][1]
        return right, wrong


def best_values(tally: Tally, names: set[str], penalty: float) -> Values:
    """The grid point with the most right answers minus ``penalty`` x wrong ones on ``names``."""
    grid = itertools.product(COVERAGES, SIMILARITIES, MARGINS)

    def score(values: Values) -> tuple[float, Values]:
        right, wrong = tally.counts(values, names)
        return right - penalty * wrong, values

    return max(grid, key=score)


def capped_values(tally: Tally, names: set[str], cap: float) -> Values:
    """The grid point with the most answered right (the mean of each set's share) among those
    that keep every set of ``names`` at or under ``cap`` confidently wrong."""
    best: tuple[float, Values] | None = None
    for values in itertools.product(COVERAGES, SIMILARITIES, MARGINS):
        shares = []
        for name in names:
            right, wrong = tally.counts(values, {name})
            if wrong > cap * tally.sets[name].size:
                break
            shares.append(right / tally.sets[name].covered)
        else:
            mean = sum(shares) / len(shares)
            if best is None or mean > best[0]:
                best = (mean, values)
    if best is None:
        raise SystemExit(f"no grid point keeps every set at or under {cap:.1%} wrong")
    return best[1]


def _figures(tally: Tally, values: Values, name: str) -> str:
    right, wrong = tally.counts(values, {name})
    measured = tally.sets[name]
    return (f"answered right {right / measured.covered:6.1%}  confidently wrong "
            f"{wrong / measured.size:5.1%} ({wrong}/{measured.size})")


def main(argv: list[str] | None = None) -> int:
    """Grid the sure band, print held-out and pooled figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--max-wrong", type=float, default=0.02,
                        help="the most confidently wrong answers any set may have, as a share "
                             "of its questions (the default: 0.02)")
    parser.add_argument("--penalty", type=float, default=None,
                        help="instead of --max-wrong: how many right answers one confidently "
                             "wrong answer costs")
    parser.add_argument("--asked-weight", type=float, default=None,
                        help="measure with this BM25 weight of providers' questions instead of "
                             "FIELD_WEIGHTS['asked']")
    parser.add_argument("--asked-similarity", type=float, default=None,
                        help="measure with this ASKED_SIMILARITY instead of today's")
    parser.add_argument("--topic-weight", type=float, default=None,
                        help="measure with this TOPIC_WEIGHT (0: no topic model)")
    parser.add_argument("--topic-c", type=float, default=None,
                        help="fit each held-out set's topic model with this C")
    parser.add_argument("--topic-min-weight", type=float, default=None,
                        help="keep topic weights of at least this size")
    parser.add_argument("--top1-only", action="store_true",
                        help="print the top-1 line only (no grid)")
    args = parser.parse_args(argv)
    if args.topic_weight is not None:
        search.TOPIC_WEIGHT = args.topic_weight
    if args.topic_c is not None:
        TOPIC_FIT["c"] = args.topic_c
    if args.topic_min_weight is not None:
        TOPIC_FIT["min_weight"] = args.topic_min_weight
    if args.asked_weight is not None:
        search.FIELD_WEIGHTS["asked"] = args.asked_weight
    if args.asked_similarity is not None:
        search.ASKED_SIMILARITY = args.asked_similarity
    tally = Tally(measure())
    names = set(SETS)
    top1 = {name: measured.top1 for name, measured in tally.sets.items()}
    covered = sum(measured.covered for measured in tally.sets.values())
    print("top-1, each set's questions out of the index: " + ", ".join(
        f"{name} {top1[name] / tally.sets[name].covered:.1%}" for name in SETS)
        + f"; pooled {sum(top1.values())}/{covered} ({sum(top1.values()) / covered:.1%})")
    if args.top1_only:
        return 0

    def choose(on: set[str]) -> Values:
        if args.penalty is not None:
            return best_values(tally, on, args.penalty)
        return capped_values(tally, on, args.max_wrong)

    rule = (f"penalty {args.penalty:g}" if args.penalty is not None
            else f"at most {args.max_wrong:.1%} confidently wrong on each set")
    print(f"held out in turn ({rule}):")
    for name in SETS:
        values = choose(names - {name})
        print(f"  {name:7} chosen on the others {values}: "
              f"{_figures(tally, values, name)}")
    pooled = choose(names)
    today = (SURE_ASKED_COVERAGE, SURE_SIMILARITY, SURE_MARGIN)
    for label, values in ((f"chosen on all {len(SETS)}", pooled), ("today's constants", today)):
        print(f"{label} {values}:")
        for name in SETS:
            print(f"  {name:7} {_figures(tally, values, name)}")
    print("no sure band (the rule alone):")
    for name in SETS:
        print(f"  {name:7} {_figures(tally, (0.0, 0.0, 0.0), name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
