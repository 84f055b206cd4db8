"""Which entry a question is about, learned from every sample question at once (issue 11).

The search's other two signals look at one text at a time: BM25 at an entry's whole text, and
the similarity at its single most alike sample question. This one is a multinomial logistic
regression over the same index terms, fitted on all the entries' sample questions together
(their own and providers' questions, ``Searcher.samples``), so each word counts by how well it
tells entries apart across every question asked of them ("living wage" for the wage entries
rather than for TUPE, which a few of its samples also mention).

It is fitted offline (``python bench/topics.py``, with scikit-learn from the ``bench`` extra)
and shipped as ``knowledge/topics.json``; answering needs no more than this module: a sum of
weights for the question's words and a softmax, in pure Python. The file names a digest of the
samples it was fitted on; ``tests/knowledge/test_topics.py`` fails when the packaged content's
samples have changed since, so the file is refitted with them.

Only the packaged entries have weights. A council's own entries, and entries it replaced or
taught questions to, are found by the other two signals alone: ``Searcher.rank`` leaves the
ordering to them whenever one of its first entries is not one whose samples the model was
fitted on (``TopicModel.fitted_on``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.base import Entry

log = logging.getLogger(__name__)

MODEL_FILE = Path(__file__).with_name("topics.json")

Row = tuple[str, frozenset[str]]  # an entry id and one sample question's index terms


def training_rows(samples: Iterable[tuple[str, Collection[str]]]) -> list[Row]:
    """The fitting rows of a searcher's samples: each sample's distinct terms, with its entry."""
    return [(entry_id, frozenset(terms)) for entry_id, terms in samples if terms]


def rows_digest(rows: Iterable[Row]) -> str:
    """A digest of the fitting rows, whatever their order."""
    lines = sorted(json.dumps([entry_id, sorted(terms)]) for entry_id, terms in rows)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def entry_digest(entry: Entry) -> str:
    """A digest of the texts an entry's samples come from (16 hex digits): the model counts only
    for entries whose samples are the ones it was fitted on, not for one a council replaced or
    taught a question to. Cheap: the texts, not their index terms."""
    texts = json.dumps([entry.title, list(entry.questions), list(entry.asked)])
    return hashlib.sha256(texts.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class TopicModel:
    """Fitted weights: one intercept per entry, and each known term's weights by entry."""

    digest: str
    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    # Every term the model was fitted with, with its weights of at least ``min_weight`` by
    # class index (an empty tuple for a term whose weights were all smaller).
    weights: Mapping[str, tuple[tuple[int, float], ...]]
    # Each class's ``entry_digest`` at fitting.
    entries: Mapping[str, str]
    # The sha256 of the file it was read from ("" when built in memory): what an index cache
    # keys on, since a refitted file may hold other weights for the same samples.
    fingerprint: str = ""

    def fitted_on(self, entries: Iterable[Entry]) -> frozenset[str]:
        """The ids of ``entries`` whose samples are the ones this model was fitted on."""
        return frozenset(entry.id for entry in entries
                         if self.entries.get(entry.id) == entry_digest(entry))

    def probabilities(self, terms: Iterable[str]) -> dict[str, float]:
        """How likely each entry is to answer a question of these index terms; empty when the
        model knows none of them. Each known term weighs 1/sqrt(how many), as in fitting."""
        known = {term for term in terms if term in self.weights}
        if not known:
            return {}
        share = 1 / math.sqrt(len(known))
        logits = list(self.intercepts)
        for term in known:
            for index, weight in self.weights[term]:
                logits[index] += share * weight
        top = max(logits)
        odds = [math.exp(logit - top) for logit in logits]
        total = sum(odds)
        return {entry_id: value / total for entry_id, value in zip(self.classes, odds,
                                                                     strict=True)}

    @classmethod
    def from_document(cls, document: Mapping[str, object], fingerprint: str = "") -> TopicModel:
        """The model a ``topics.json`` document describes (``ValueError`` when it is not one)."""
        try:
            classes = tuple(str(name) for name in document["classes"])  # type: ignore[attr-defined]
            intercepts = tuple(float(v) for v in document["intercepts"])  # type: ignore[attr-defined]
            raw = document["weights"]
            weights = {str(term): tuple((int(i), float(w)) for i, w in pairs)
                       for term, pairs in raw.items()}  # type: ignore[attr-defined]
            digest = str(document["digest"])
            entries = {str(k): str(v) for k, v in document["entries"].items()}  # type: ignore[attr-defined]
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"not a topic model: {error}") from error
        if not classes:
            raise ValueError("not a topic model: no classes")
        if len(classes) != len(intercepts) or any(
                not 0 <= i < len(classes) for pairs in weights.values() for i, _ in pairs):
            raise ValueError("not a topic model: its classes, intercepts and weights disagree")
        return cls(digest, classes, intercepts, weights, entries, fingerprint)


@lru_cache(maxsize=1)
def packaged_model() -> TopicModel | None:
    """The shipped model, read once; None (the search then uses its other signals alone) when
    the file is missing or unreadable, which is logged."""
    try:
        raw = MODEL_FILE.read_bytes()
        return TopicModel.from_document(json.loads(raw.decode("utf-8")),
                                        hashlib.sha256(raw).hexdigest())
    except (OSError, ValueError) as error:  # UnicodeDecodeError and JSON errors are ValueErrors
        log.warning("knowledge: no topic model (%s): %s", MODEL_FILE.name, error)
        return None
