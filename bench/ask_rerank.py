"""Would a learned re-ranking of the first five entries put the right one first more often?

Measured in session 10 (issue 11), not shipped. For each in-scope question of the tuned set and
calibration sets 1-7, the search's first five entries are described by what the search already
measures (its score and the gap to the first, sample similarity, asked coverage, coverage, the
share of the question in the entry's title and in its answer text, whether it is a commitment,
how many sample questions it has, its place). A pairwise logistic model (accepted entry against
each other entry of the same question, L2-regularised, fitted by Newton's method) is trained on
all sets but one and scored on that one: top-1 as ranked today against top-1 re-ranked. The
blind sets are never read.

    python bench/ask_rerank.py [--l2 1.0]

Needs ``pip install -e '.[bench]'`` (numpy, which rank-bm25 brings).
"""

from __future__ import annotations

import argparse
import json
import math
import sys

import numpy as np
from ask import ROOT

from knowledge.answers import Answerer
from knowledge.base import PACKAGED, KnowledgeBase
from knowledge.search import Searcher

FOLDER = ROOT / "tests" / "knowledge"
SETS = {"tuned": FOLDER / "questions.jsonl",
        **{f"cal. {n}": FOLDER / f"calibration_questions{'' if n == 1 else f'_{n}'}.jsonl"
           for n in range(1, 8)}}
FIRST = 5
FEATURES = ("score", "gap to first", "similarity", "asked coverage", "coverage", "title share",
            "answer share", "commitment", "log samples", *(f"place {n + 1}" for n in range(FIRST)))

Question = tuple[frozenset[str], list[str], np.ndarray]  # accepted ids, ranked ids, features


def described(searcher: Searcher, text: str) -> tuple[list[str], np.ndarray]:
    """The first entries for ``text`` and what the search measures of each."""
    hits = searcher.rank(text, limit=FIRST)
    asked = {term for term, _ in searcher.query_terms(text) if term in searcher.idf}
    total = sum(searcher.idf[term] for term in asked) or 1.0

    def share(words: str) -> float:
        terms = set(searcher.terms(words, correct=False))
        return sum(searcher.idf[term] for term in asked if term in terms) / total

    rows = []
    for place, hit in enumerate(hits):
        entry = searcher.entries[hit.entry_id]
        rows.append([hit.score, hit.score - hits[0].score, hit.similarity, hit.asked_coverage,
                     hit.coverage, share(entry.title), share(entry.answer),
                     float(entry.kind == "pledge"), math.log(1 + len(entry.questions)),
                     *(float(place == n) for n in range(FIRST))])
    return [hit.entry_id for hit in hits], np.array(rows)


def questions(searcher: Searcher) -> dict[str, list[Question]]:
    """Every set's in-scope questions with their first entries described."""
    found: dict[str, list[Question]] = {}
    for name, path in SETS.items():
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        found[name] = []
        for row in rows:
            if row["kind"] != "in_scope":
                continue
            ranked, features = described(searcher, row["question"])
            if ranked:
                found[name].append((frozenset(row["ids"]), ranked, features))
    return found


def fit(training: list[Question], l2: float) -> np.ndarray:
    """Weights from every (accepted, other) pair of the same question's first entries."""
    pairs = [features[right] - features[wrong] for accepted, ranked, features in training
             for right in range(len(ranked)) if ranked[right] in accepted
             for wrong in range(len(ranked)) if ranked[wrong] not in accepted]
    x = np.vstack([np.array(pairs), -np.array(pairs)])
    y = np.r_[np.ones(len(pairs)), np.zeros(len(pairs))]
    weights = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ weights))
        gradient = x.T @ (p - y) + l2 * weights
        hessian = (x.T * (p * (1 - p))) @ x + l2 * np.eye(len(weights))
        weights -= np.linalg.solve(hessian, gradient)
    return weights


def top1(items: list[Question], weights: np.ndarray | None) -> float:
    """The share whose first entry (as ranked, or re-ranked by ``weights``) is accepted."""
    right = 0
    for accepted, ranked, features in items:
        first = 0 if weights is None else int(np.argmax(features @ weights))
        right += ranked[first] in accepted
    return right / len(items)


def main(argv: list[str] | None = None) -> int:
    """Each set held out in turn: top-1 as ranked and re-ranked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args(argv)
    found = questions(Answerer(KnowledgeBase([PACKAGED])).searcher)
    print(f"top-1 over in-scope questions, each set held out in turn (l2 {args.l2:g}):")
    for name, items in found.items():
        training = [item for other, rows in found.items() if other != name for item in rows]
        weights = fit(training, args.l2)
        print(f"  {name:7} ({len(items):3}): as ranked {top1(items, None):6.1%}   "
              f"re-ranked {top1(items, weights):6.1%}")
    weights = fit([item for rows in found.values() for item in rows], args.l2)
    print("weights on all sets: " + ", ".join(
        f"{name} {weight:+.2f}" for name, weight in zip(FEATURES, weights, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
