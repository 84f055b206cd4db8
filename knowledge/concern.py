"""A second reader for safeguarding concerns: the messages the word rules do not catch (issue 11).

The rules of ``knowledge.safeguarding`` catch a disclosure that uses the words of harm ("a carer
hit her", "mr b is being financially abused"), but people often tell of harm without them: "he
shakes when his son's car pulls up outside", "nobody has been in since tuesday, fridge empty".
On disclosures written by people who never saw the rules, the rules caught about half.

This reader is a logistic regression over the letters and the words of the message: character
n-grams (3 to 5 letters, within words) and words and word pairs, TF-IDF weighted, of the text the
rules leave once their masks have set aside idioms and ordinary business
(``safeguarding.masked``), with placement references and figures made one token each. It is
fitted offline (``python bench/concern.py``, scikit-learn from the ``bench`` extra) on
disclosures and on messages of every other kind the chat receives (greetings, requests for
help, business about a placement, providers' questions), and shipped as
``knowledge/concern.json``; scoring needs only this module, in pure Python.

``knowledge.safeguarding`` asks it only when the rules find nothing, and only of a message of
at least ``MIN_WORDS`` words. The file carries the probability at which a message is treated as a
concern (``threshold``: an urgent case, as for the rules' disclosures), and a lower one
(``check_threshold``) from which the person is asked, beside the usual answer, whether the message
is about someone's safety, with the "Raise a concern now" button: the hub is not told of those
unless the person says so. Both are chosen on the fitting data's own cross-validation, never on
the held-out sets that measure them.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

MODEL_FILE = Path(__file__).with_name("concern.json")
MIN_N, MAX_N = 3, 5
_SIZES = range(MIN_N, MAX_N + 1)
# A message shorter than this is not read: "help", "hi there", "yes please" tell of nobody.
MIN_WORDS = 4

# A placement or case reference ("RV-0042", "PL-1187", "PB-2026-0113", "ref 55321"), an invoice
# number, a date, an amount: one token each, so the model learns nothing from the digits.
_REFERENCE = re.compile(r"\b[a-z]{1,5}[-/]?\d[\d/-]*\b|\bref(?:erence)?\.? ?(?:no\.? ?)?\d+\b")
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
_SPACES = re.compile(r"\s+")


def prepared(masked: str) -> str:
    """The text the model reads, from the rules' masked text (``safeguarding.masked``):
    references and figures made one token each."""
    text = _REFERENCE.sub(" qref ", masked)
    text = _NUMBER.sub(" 0 ", text)
    return _SPACES.sub(" ", text).strip()


def ngrams(text: str) -> list[str]:
    """The character n-grams of an already prepared text: each word padded with a space on
    either side, every run of ``MIN_N`` to ``MAX_N`` letters of it (a word shorter than ``n``
    gives itself once). The fitting uses this same function."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        size = len(padded)
        if size > MAX_N:  # most words: every size, in one comprehension (the same order)
            grams += [padded[i:i + n] for n in _SIZES for i in range(size - n + 1)]
            continue
        for n in _SIZES:
            if size <= n:
                grams.append(padded)
                break
            grams += [padded[i:i + n] for i in range(size - n + 1)]
    return grams


def word_count(text: str) -> int:
    """How many words a message has (letters or digits)."""
    return len(re.findall(r"[A-Za-z0-9]+", text))


def words(text: str) -> list[str]:
    """The words of an already prepared text and each pair of neighbouring words."""
    tokens = text.split()
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


# The model's two blocks of features, each TF-IDF weighted and normalised on its own (as two
# scikit-learn vectorizers side by side): letters within words, and words and word pairs.
ANALYZERS = {"chars": ngrams, "words": words}


@dataclass(frozen=True)
class Block:
    """One block of features: each feature's inverse document frequency and weight."""

    idf: dict[str, float]
    weight: dict[str, float]


@dataclass(frozen=True)
class ConcernModel:
    """The fitted blocks, the intercept and the two thresholds."""

    blocks: dict[str, Block]
    intercept: float
    threshold: float
    check_threshold: float

    @classmethod
    def from_document(cls, document: dict[str, object]) -> ConcernModel:
        """The model of a ``concern.json`` document."""
        found = document["blocks"]
        if not isinstance(found, dict) or set(found) - set(ANALYZERS):
            raise TypeError("blocks is not a mapping of known analyzers")
        blocks = {name: Block(idf={key: float(pair[0]) for key, pair in features.items()},
                              weight={key: float(pair[1]) for key, pair in features.items()})
                  for name, features in found.items()}
        return cls(blocks=blocks,
                   intercept=float(document["intercept"]),  # type: ignore[arg-type]
                   threshold=float(document["threshold"]),  # type: ignore[arg-type]
                   check_threshold=float(document["check_threshold"]))  # type: ignore[arg-type]

    def probability(self, masked: str) -> float:
        """How likely a message is a disclosure, from 0 to 1, from its masked text (the rules'
        ``safeguarding.masked``)."""
        ready = prepared(masked)
        score = self.intercept + sum(_score(name, block, ready)
                                     for name, block in self.blocks.items())
        return 1 / (1 + math.exp(-max(-50.0, min(50.0, score))))


def _score(name: str, block: Block, text: str) -> float:
    """One block's share of the linear score for an already prepared text."""
    # Counted in C, then the model's features kept in the order first seen (the same values,
    # summed in the same order, as counting only the model's features).
    idf = block.idf
    values = {feature: (1 + math.log(count)) * idf[feature]
              for feature, count in Counter(ANALYZERS[name](text)).items() if feature in idf}
    if not values:
        return 0.0
    norm = math.sqrt(sum(value * value for value in values.values()))
    weight = block.weight
    return sum(value * weight[feature] for feature, value in values.items()) / norm


@lru_cache(maxsize=1)
def model() -> ConcernModel | None:
    """The packaged model, or None when its file is missing or unreadable (the rules alone)."""
    try:
        document = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
        return ConcernModel.from_document(document)
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.error("safeguarding: the concern model %s could not be read (%s); the word rules "
                  "alone read messages", MODEL_FILE, error)
        return None
