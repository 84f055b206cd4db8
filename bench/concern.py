"""Fit the safeguarding concern model (knowledge/concern.json) and say how it does.

    python bench/concern.py            # fit and write the file, at the chosen thresholds
    python bench/concern.py --rechoose # the same, at the thresholds the folds choose now
    python bench/concern.py --report   # the packaged file's figures, fitting nothing
    python bench/concern.py --speed    # what the model adds to reading a message, as a ratio

The disclosures it learns from: the labelled set's, every probe's and the indirect disclosures
written for fitting (tests/knowledge/safeguarding_indirect_fit.jsonl and _fit_2.jsonl).
Everything else it learns as not a concern: the labelled set's and probes' other messages, 900
business messages written to brush against the words of harm (safeguarding_business.jsonl), 700
messages of the chat's own kind (safeguarding_chat.jsonl: greetings, requests for help, business
about a placement, form answers, everyday care), 900 ordinary messages about a person
(safeguarding_person.jsonl), 600 about care workers' day (safeguarding_staff.jsonl), 400 notes
about a person's night, money and food (safeguarding_notes.jsonl), a reviewer's 371 probes both
ways (safeguarding_review.jsonl), providers' questions (knowledge/asked.jsonl), question sets
1-22 and the content's own sample questions. Never the held-out sets that measure it:
calibration sets 23-29, safeguarding_indirect_heldout.jsonl and safeguarding_heldout_2.jsonl
to _10.jsonl, nor the reviewers' probes of sessions 18 and 19, nor the blind sets.

The threshold was chosen on five-fold out-of-fold probabilities of the fitting data: the lowest
at which no more than ``MAX_FOLD_ALARMS`` of the out-of-fold negatives the rules leave alone
would be flagged. A refit keeps the chosen thresholds (``CHOSEN_THRESHOLD``, ``CHOSEN_CHECK``)
and prints what the folds would choose now; ``--rechoose`` takes those instead.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import warnings
from pathlib import Path

from ask import ROOT

from knowledge import concern
from knowledge.base import PACKAGED, KnowledgeBase
from knowledge.safeguarding import concern_probability, detect, masked, unsure
from knowledge.safeguarding import rules as rules_verdict

TESTS = ROOT / "tests" / "knowledge"
C = 4.0  # chosen on the folds' recall at 0.1 % and 1 % of negatives (bench/README)
MIN_DF = 2
CHAT_WEIGHT = 3.0  # the chat's own negatives and the business messages count three times
# The thresholds in the packaged model, as chosen by the folds in session 19 (0.93, 0.43) and
# kept by every refit since unless ``--rechoose`` is given.
CHOSEN_THRESHOLD = 0.93
CHOSEN_CHECK = 0.43
MAX_FOLD_ALARMS = 0.001  # of the out-of-fold negatives the rules leave alone: a concern
# The same, for the check (the person is asked). Session 18: 2 %, was 1 %: on sets written
# blind it halves the concerns neither raised nor asked, for a few more ordinary messages asked
# about (bench/README "Session 18"); a missed concern is the worse mistake.
MAX_FOLD_CHECKS = 0.02
HELD_OUT_SETS = range(23, 30)
# Concerns and ordinary messages written blind to measure a fit: heldout_2 after the second fit
# (a regression gate since the third, whose briefs quoted some of it), heldout_3 to heldout_6
# after the third (session 18); heldout_7 to heldout_10 (session 19), written to measure the
# rules' false alarms on new writers.
LABELLED_HELD_OUT = ("safeguarding_heldout_2.jsonl", "safeguarding_heldout_3.jsonl",
                     "safeguarding_heldout_4.jsonl", "safeguarding_heldout_5.jsonl",
                     "safeguarding_heldout_6.jsonl", "safeguarding_heldout_7.jsonl",
                     "safeguarding_heldout_8.jsonl", "safeguarding_heldout_9.jsonl",
                     "safeguarding_heldout_10.jsonl")


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _questions(path: Path) -> list[str]:
    return [row["question"] for row in _rows(path) if row.get("kind") != "safeguarding"]


def fitting_data() -> list[tuple[str, int, float, str]]:
    """(text, 1 for a disclosure, weight, source) for every fitting message, each text once."""
    data: dict[str, tuple[str, int, float, str]] = {}

    def add(text: str, label: int, weight: float, source: str) -> None:
        key = " ".join(text.lower().split())
        if key and (key not in data or label):  # a text both ways: a disclosure
            data[key] = (text, label, weight, source)

    for name in ("safeguarding_business.jsonl", "safeguarding_chat.jsonl",
                 "safeguarding_person.jsonl", "safeguarding_staff.jsonl",
                 "safeguarding_notes.jsonl"):
        for row in _rows(TESTS / name):
            add(row["text"], 0, CHAT_WEIGHT, name)
    for path in [TESTS / "questions.jsonl", TESTS / "calibration_questions.jsonl",
                 *(TESTS / f"calibration_questions_{n}.jsonl" for n in range(2, 23))]:
        for text in _questions(path):
            add(text, 0, 1.0, "questions")
    for row in _rows(ROOT / "knowledge" / "asked.jsonl"):
        add(row["question"], 0, 1.0, "asked")
    for entry in KnowledgeBase([PACKAGED]).content.entries.values():
        for text in (entry.title, *entry.questions):
            add(text, 0, 1.0, "content")
    for name in ("safeguarding_labelled.jsonl", "safeguarding_probes.jsonl",
                 "safeguarding_indirect_fit.jsonl", "safeguarding_indirect_fit_2.jsonl",
                 "safeguarding_review.jsonl"):
        for row in _rows(TESTS / name):
            add(row["text"], int(row["label"] == "disclosure"), 1.0, name)
    return list(data.values())


class _Features:
    """The model's blocks of features (``concern.ANALYZERS``), side by side."""

    def __init__(self) -> None:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizers = {
            name: TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=MIN_DF,
                                  dtype=np.float64)
            for name, analyzer in concern.ANALYZERS.items()}

    def fit_transform(self, texts: list[str]):  # type: ignore[no-untyped-def]
        from scipy import sparse

        prepared = [concern.prepared(masked(text)) for text in texts]
        return sparse.hstack([vectorizer.fit_transform(prepared)
                              for vectorizer in self.vectorizers.values()]).tocsr()

    def transform(self, texts: list[str]):  # type: ignore[no-untyped-def]
        from scipy import sparse

        prepared = [concern.prepared(masked(text)) for text in texts]
        return sparse.hstack([vectorizer.transform(prepared)
                              for vectorizer in self.vectorizers.values()]).tocsr()


def _fit(matrix, labels, weights):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(
            matrix, labels, sample_weight=weights)


def out_of_fold(data: list[tuple[str, int, float, str]], folds: int = 5) -> list[float]:
    """Each message's probability from a model fitted on the other folds.

    A message's fold is set by a digest of its own words, so adding a few messages (a sample
    question for an entry) leaves every other message in its fold, and the threshold chosen on
    the folds where it was (session 21: with shuffled folds, eleven new sample questions moved it
    from 0.93 to 0.94).
    """
    texts = [row[0] for row in data]
    labels = [row[1] for row in data]
    weights = [row[2] for row in data]
    found = [0.0] * len(data)
    fold_of = [int(hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest(), 16)
               % folds for text in texts]
    for fold in range(folds):
        train = [i for i in range(len(data)) if fold_of[i] != fold]
        test = [i for i in range(len(data)) if fold_of[i] == fold]
        features = _Features()
        matrix = features.fit_transform([texts[i] for i in train])
        model = _fit(matrix, [labels[i] for i in train], [weights[i] for i in train])
        held = features.transform([texts[i] for i in test])
        for index, value in zip(test, model.predict_proba(held)[:, 1], strict=True):
            found[index] = float(value)
    return found


def choose_threshold(data: list[tuple[str, int, float, str]], oof: list[float],
                     rules: list[bool], share: float = MAX_FOLD_ALARMS) -> float:
    """The lowest threshold (in steps of 0.01) at which at most ``share`` of the negatives the
    rules leave alone are over it out of fold."""
    negatives = [p for (_, label, _, _), p, caught in zip(data, oof, rules, strict=True)
                 if not label and not caught]
    allowed = int(share * len(negatives))
    for step in range(30, 100):
        threshold = step / 100
        if sum(p >= threshold for p in negatives) <= allowed:
            return threshold
    return 0.99


def digest(data: list[tuple[str, int, float, str]]) -> str:
    """A digest of the fitting messages, their labels and weights, whatever their order."""
    lines = sorted(json.dumps([text, label, weight]) for text, label, weight, _ in data)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def document(data: list[tuple[str, int, float, str]], threshold: float,
             check: float) -> dict[str, object]:
    """The ``concern.json`` document of a model fitted on all of ``data``, with scikit-learn's
    probabilities for a few messages (the pure-Python scorer must give the same)."""
    features = _Features()
    matrix = features.fit_transform([row[0] for row in data])
    model = _fit(matrix, [row[1] for row in data], [row[2] for row in data])
    examples = [row[0] for row in data[::max(1, len(data) // 40)]]
    probabilities = model.predict_proba(features.transform(examples))[:, 1]
    blocks: dict[str, dict[str, list[float]]] = {}
    offset = 0
    for name, vectorizer in features.vectorizers.items():
        blocks[name] = {key: [round(float(vectorizer.idf_[index]), 4),
                              round(float(model.coef_[0, offset + index]), 4)]
                        for key, index in sorted(vectorizer.vocabulary_.items())}
        offset += len(vectorizer.vocabulary_)
    return {
        "about": "pledgebot's safeguarding concern model: written by bench/concern.py, read by "
                 "knowledge/concern.py",
        "C": C, "min_df": MIN_DF, "messages": len(data), "digest": digest(data),
        "disclosures": sum(row[1] for row in data),
        "threshold": threshold,
        "check_threshold": check,
        "intercept": round(float(model.intercept_[0]), 4),
        "examples": [[text, round(float(p), 8)]
                     for text, p in zip(examples, probabilities, strict=True)],
        "blocks": blocks,
    }


def report(model: concern.ConcernModel) -> None:
    """How the model and the rules do on the held-out sets: concerns and checks."""
    def verdict(text: str) -> str:
        # What the chat does: raised (by the rules or the model), asked about (the model
        # unsure, an explained injury, or the soft tier), a how-to question, or nothing.
        found = rules_verdict(text)
        if found is not None and not found.disclosure:
            return "howto"
        if detect(text) is not None:
            return "rules" if found is not None else "model"
        return "check" if unsure(text) is not None else "none"

    held = _rows(TESTS / "safeguarding_indirect_heldout.jsonl")
    verdicts = [verdict(row["text"]) for row in held]
    rules = verdicts.count("rules")
    print(f"held-out indirect disclosures: rules {rules}, with the model "
          f"{rules + verdicts.count('model')} of {len(held)}, and {verdicts.count('check')} "
          f"more asked (threshold {model.threshold}, check from {model.check_threshold})")
    for name in LABELLED_HELD_OUT:
        rows = _rows(TESTS / name)
        for label, what in (("disclosure", "concerns"), ("none", "ordinary")):
            found = [verdict(row["text"]) for row in rows if row["label"] == label]
            print(f"{name}, {len(found)} {what}: rules {found.count('rules')}, model "
                  f"{found.count('model')}, asked {found.count('check')}, neither "
                  f"{found.count('none') + found.count('howto')}")
    for n in HELD_OUT_SETS:
        texts = _questions(TESTS / f"calibration_questions_{n}.jsonl")
        new = [(verdict(text), text) for text in texts]
        flags = [text for found, text in new if found == "model"]
        checks = [text for found, text in new if found == "check"]
        print(f"set {n}: {len(flags)} new concerns, {len(checks)} checks of {len(texts)}"
              + "".join(f"\n    {concern_probability(t) or 0:.2f} {t[:110]}" for t in flags))


def speed(rounds: int = 5) -> None:
    """The cost of reading a message: the rules alone (the baseline) and ``classify`` (the
    rules, then the model where they find nothing), over held-out sets 23-29, best of
    ``rounds``; the model's load time."""
    import time

    from knowledge.safeguarding import classify as both

    texts = [text for n in HELD_OUT_SETS
             for text in _questions(TESTS / f"calibration_questions_{n}.jsonl")]
    started = time.perf_counter()
    concern.model.cache_clear()
    concern.model()
    load = time.perf_counter() - started

    def best(read) -> float:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            for text in texts:
                read(text)
            times.append((time.perf_counter() - started) / len(texts) * 1000)
        return min(times)

    alone, with_model = best(rules_verdict), best(both)
    print(f"{len(texts)} messages: rules alone {alone:.3f} ms a message, rules and model "
          f"{with_model:.3f} ms ({with_model / alone:.2f} x the rules); model loaded in "
          f"{load * 1000:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    """Fit and write the model (or, with ``--report``, report the packaged one)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--report", action="store_true", help="report the packaged model")
    parser.add_argument("--speed", action="store_true", help="time the packaged model")
    parser.add_argument("--rechoose", action="store_true",
                        help="take the thresholds the folds choose now, not the chosen ones")
    args = parser.parse_args(argv)
    if args.speed:
        speed()
        return 0
    if not args.report:
        data = fitting_data()
        print(f"{len(data)} messages, {sum(row[1] for row in data)} disclosures")
        # True where the rules give the message a label (the model is not asked then).
        rules = [rules_verdict(row[0]) is not None for row in data]
        oof = out_of_fold(data)
        threshold = choose_threshold(data, oof, rules)
        check = choose_threshold(data, oof, rules, MAX_FOLD_CHECKS)
        asked = [row for row, caught in zip(data, rules, strict=True) if not caught]
        asked_p = [p for p, caught in zip(oof, rules, strict=True) if not caught]
        for step in sorted({0.5, 0.6, 0.7, 0.8, 0.9, threshold, check}):
            found = sum(row[1] and p >= step for row, p in zip(asked, asked_p, strict=True))
            alarms = sum(not row[1] and p >= step for row, p in zip(asked, asked_p, strict=True))
            print(f"out of fold at {step:.2f}: {found} of the {sum(r[1] for r in asked)} "
                  f"disclosures the rules leave alone, {alarms} alarms of "
                  f"{sum(not r[1] for r in asked)} other messages")
        print(f"the folds choose: threshold {threshold}, check from {check}")
        if not args.rechoose:
            # Kept as chosen (session 21): a refit for a few new sample questions moved the
            # folds' choice between 0.93 and 0.94 and back, and with it dozens of held-out
            # concerns between raised and asked; the operating point changes only when it is
            # chosen again on purpose (--rechoose), with the held-out sets measured.
            threshold, check = CHOSEN_THRESHOLD, CHOSEN_CHECK
        print(f"threshold {threshold}, check from {check}")
        for row, p, caught in sorted(zip(data, oof, rules, strict=True), key=lambda x: -x[1]):
            if not row[1] and not caught and p >= threshold - 0.2:
                print(f"    alarm {p:.2f} [{row[3]}] {row[0][:100]}")
        written = document(data, threshold, check)
        concern.MODEL_FILE.write_text(json.dumps(written, separators=(",", ":")) + "\n",
                                      encoding="utf-8")
        sizes = {name: len(block) for name, block in written["blocks"].items()}  # type: ignore[attr-defined]
        print(f"wrote {concern.MODEL_FILE.relative_to(ROOT)} ({sizes}, "
              f"{concern.MODEL_FILE.stat().st_size // 1024} KiB)")
        concern.model.cache_clear()
    model = concern.model()
    if model is None:
        print("no model", file=sys.stderr)
        return 1
    report(model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
