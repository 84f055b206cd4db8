"""Fit the topic model (``knowledge/topics.json``) on the packaged entries' sample questions.

A multinomial logistic regression (scikit-learn's, L2, ``C``) over the search's index terms:
one row per sample question (an entry's title and own samples, and the providers' questions of
``knowledge/asked.jsonl``, ``Searcher.samples``), labelled with its entry; each row's distinct
terms weigh 1/sqrt(how many). Weights smaller than ``MIN_WEIGHT`` are left out of the file
(about a sixth of them are kept). ``knowledge/topics.py`` reads it; see its docstring.

Run it whenever the content or ``asked.jsonl`` changes (``tests/knowledge/test_topics.py``
fails until then):

    python bench/topics.py           # fit and write the file
    python bench/topics.py --check   # exit 1 when the file was fitted on other samples

Needs ``pip install -e '.[bench]'`` (scikit-learn). ``bench/answer_grid.py`` fits one model
per held-out set with ``fit`` below, so no set is measured on weights fitted on it.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings

from ask import ROOT

from knowledge.base import PACKAGED, Entry, KnowledgeBase
from knowledge.search import Searcher
from knowledge.topics import MODEL_FILE, Row, TopicModel, entry_digest, rows_digest, training_rows

C = 10.0  # chosen in session 15 on held-out sets 1-22 with bench/answer_grid.py
MIN_WEIGHT = 0.1


def rows_of(entries: list[Entry]) -> list[Row]:
    """The fitting rows of these entries (their titles, own and asked sample questions)."""
    return training_rows(Searcher(entries, topics=False).samples)


def fit(entries: list[Entry], *, c: float = C,
        min_weight: float = MIN_WEIGHT) -> dict[str, object]:
    """The ``topics.json`` document of a model fitted on the samples of ``entries``."""
    rows = rows_of(entries)
    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    vocabulary = sorted({term for _, terms in rows for term in terms})
    column = {term: index for index, term in enumerate(vocabulary)}
    data: list[float] = []
    indices: list[int] = []
    pointers = [0]
    for _, terms in rows:
        indices.extend(sorted(column[term] for term in terms))
        data.extend([1 / len(terms) ** 0.5] * len(terms))
        pointers.append(len(indices))
    matrix = sparse.csr_matrix((data, indices, pointers), shape=(len(rows), len(vocabulary)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lbfgs's "did not converge" at max_iter
        model = LogisticRegression(C=c, max_iter=1000).fit(matrix, [e for e, _ in rows])
    classes = [str(name) for name in model.classes_]
    weights: dict[str, list[list[float]]] = {}
    for term, index in column.items():
        kept = np.nonzero(np.abs(model.coef_[:, index]) >= min_weight)[0]
        weights[term] = [[int(i), round(float(model.coef_[i, index]), 3)] for i in kept]
    return {
        "about": "pledgebot's topic model: written by bench/topics.py, read by "
                 "knowledge/topics.py",
        "digest": rows_digest(rows),
        "entries": {entry.id: entry_digest(entry) for entry in entries},
        "C": c,
        "min_weight": min_weight,
        "classes": classes,
        "intercepts": [round(float(v), 4) for v in model.intercept_],
        "weights": weights,
    }


def main(argv: list[str] | None = None) -> int:
    """Fit and write the model, or with ``--check`` say whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when knowledge/topics.json was fitted on other samples")
    args = parser.parse_args(argv)
    entries = list(KnowledgeBase([PACKAGED]).content.entries.values())
    rows = rows_of(entries)
    if args.check:
        current = json.loads(MODEL_FILE.read_text(encoding="utf-8")) if MODEL_FILE.exists() else {}
        if current.get("digest") != rows_digest(rows):
            print(f"{MODEL_FILE.relative_to(ROOT)} is out of date: run python bench/topics.py",
                  file=sys.stderr)
            return 1
        print(f"{MODEL_FILE.relative_to(ROOT)} is up to date ({len(rows)} samples)")
        return 0
    document = fit(entries)
    TopicModel.from_document(document)  # what knowledge/topics.py will read
    MODEL_FILE.write_text(json.dumps(document, separators=(",", ":"), sort_keys=True) + "\n",
                          encoding="utf-8")
    kept = sum(len(pairs) for pairs in document["weights"].values())  # type: ignore[attr-defined]
    print(f"wrote {MODEL_FILE.relative_to(ROOT)} ({len(rows)} samples, {kept} weights, "
          f"{MODEL_FILE.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
