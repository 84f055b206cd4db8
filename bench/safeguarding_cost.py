"""What the safeguarding word rules (``knowledge.safeguarding.rules``) cost a message, against
the code path before session 29 (the named baseline), in one run.

    python bench/safeguarding_cost.py [--rounds 5]

The baseline is "the rules before session 29": the same module with the handling rules' gates
emptied (``_GATES``: each handling rule back in its kind's one alternation, tried at every
word's start), every soft mask tried (``_ANY_SOFT_ASIDE`` found everywhere), and the given
names written out as one alternation of 565 words (in ``_AGENT``, inside those rules, and in
``_CARED_FOR_ANYWHERE``) instead of a tree of their shared beginnings (``_one_of_words``).
Both are built from the module's own patterns, so they read exactly the same rules.

Measured, best of ``--rounds`` (the two paths' rounds interleaved, so machine noise hits both
alike), the module's caches cleared before each message:

* ordinary questions: the 2,100 providers' questions of held-out calibration sets 23-29 (the
  set ``bench/concern.py --speed`` reads), ms a message;
* long messages without a stop: those questions joined with a space, stops and commas taken
  out, at growing lengths, ms a message and microseconds a character (flat when the cost is
  linear in the length); and the same with "and she held the meeting" inside (a handling word
  whose rule does not match: the gated rule is then read in full).
* long messages of accidents (``--accidents``): one accident sentence written again and again to
  9,900 and to 99,000 characters, read whole (``detect`` and ``unsure``, as the router reads a
  message). The named baseline is the 9,900-character message's cost a character, in the same
  run: the 99,000-character message's cost a character over it is 1 when the read is linear in
  the length, and 10 when every accident re-reads the whole message (the shape that once took
  54 s for one such message). This replaced a timed assertion in the suite (session 39).

Neither path's verdicts differ: checked by the session's own comparison of every stored
message, 5,000 joins and 4,000 made-up handling sentences (bench/README, "Session 29").
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ask import ROOT

from knowledge import safeguarding
from knowledge.names import GIVEN_NAMES

TESTS = ROOT / "tests" / "knowledge"
HELD_OUT_SETS = range(23, 30)
LENGTHS = (250, 500, 1000, 2000, 4000)


def _questions() -> list[str]:
    return [json.loads(line)["question"] for n in HELD_OUT_SETS
            for line in (TESTS / f"calibration_questions_{n}.jsonl").read_text().splitlines()
            if line.strip()]


def _clear() -> None:
    for cached in (safeguarding._read, safeguarding._without_soft_masks,
                   safeguarding._verdict):
        cached.cache_clear()
    safeguarding._ANY_OF.clear()


@contextmanager
def baseline() -> Iterator[None]:
    """The module as before session 29, for the length of the block."""
    saved = (safeguarding._GATES, safeguarding._COMPILED, safeguarding._CARED_FOR_ANYWHERE,
             safeguarding._ANY_SOFT_ASIDE)
    names = safeguarding.ALSO_WORDS

    def plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
        text = pattern.pattern
        for words in (GIVEN_NAMES - names, GIVEN_NAMES):
            text = text.replace(safeguarding._one_of_words(words), "|".join(sorted(words)))
        return re.compile(text)

    try:
        safeguarding._GATES = {}
        safeguarding._COMPILED = {kind: tuple(plain(p) for p in patterns)
                                  for kind, patterns in saved[1].items()}
        safeguarding._CARED_FOR_ANYWHERE = plain(saved[2])
        safeguarding._ANY_SOFT_ASIDE = re.compile("")  # found in every text: every mask tried
        _clear()
        yield
    finally:
        (safeguarding._GATES, safeguarding._COMPILED, safeguarding._CARED_FOR_ANYWHERE,
         safeguarding._ANY_SOFT_ASIDE) = saved
        _clear()


def _per_message(texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        safeguarding._read.cache_clear()
        safeguarding._without_soft_masks.cache_clear()
        safeguarding.rules(text)
    return (time.process_time() - started) / len(texts) * 1000


def _best(texts: list[str], rounds: int) -> tuple[float, float]:
    """Best ms a message of the baseline and of the current path, rounds interleaved."""
    old, new = [], []
    for _ in range(rounds):
        with baseline():
            old.append(_per_message(texts))
        new.append(_per_message(texts))
    return min(old), min(new)


def _long(questions: list[str], length: int, inside: str, count: int) -> list[str]:
    """``count`` messages of about ``length`` characters with no stop nor comma."""
    bare = [re.sub(r"[.,;:!?]", "", q) for q in questions]
    made, at = [], 0
    for _ in range(count):
        words: list[str] = []
        while sum(len(w) + 1 for w in words) < length:
            words.append(bare[at % len(bare)])
            at += 1
            if inside and len(words) == 2:
                words.append(inside)
        made.append(" ".join(words)[:length])
    return made


ACCIDENTS = ("I slipped on the ice. ", "I hurt my back on the tender. ",
             "our cook burned her hand on the oven. ")


def _read_whole(text: str) -> float:
    """Seconds of CPU to read ``text`` as the router does, the module's caches cleared."""
    _clear()
    started = time.process_time()
    safeguarding.detect(text)
    safeguarding.unsure(text)
    return time.process_time() - started


def accidents(rounds: int) -> None:
    print("long messages of accidents (detect + unsure; microseconds a character):")
    _read_whole(ACCIDENTS[0])  # the concern model loaded once, outside the measures
    for sentence in ACCIDENTS:
        costs = {}
        for length in (9_900, 99_000):
            text = sentence * (length // len(sentence))
            costs[length] = min(_read_whole(text) for _ in range(rounds)) / len(text) * 1e6
        short, long = costs[9_900], costs[99_000]
        print(f"  {sentence.strip()!r}: 9,900 chars {short:6.2f} us/char (baseline), "
              f"99,000 chars {long:6.2f} us/char, ratio {long / short:4.2f} (1 = linear)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--accidents", action="store_true",
                        help="only the long messages of accidents")
    args = parser.parse_args(argv)
    if args.accidents:
        accidents(max(1, args.rounds // 2))
        return
    questions = _questions()
    check: Callable[[str], object] = safeguarding.rules
    with baseline():
        before = [repr(check(q)) for q in questions]
    assert before == [repr(check(q)) for q in questions], "the two paths' verdicts differ"
    old, new = _best(questions, args.rounds)
    print(f"{len(questions)} ordinary questions: rules() baseline {old:.3f} ms a message, "
          f"now {new:.3f} ms ({old / new:.1f}x faster)")
    print("long messages without a stop (ms a message; microseconds a character):")
    for inside in ("", "and she held the meeting"):
        print(f"  {'with ' + repr(inside) if inside else 'plain'}:")
        for length in LENGTHS:
            texts = _long(questions, length, inside, count=max(4, 8000 // length))
            old, new = _best(texts, max(2, args.rounds // 2))
            print(f"    {length:>5} chars: baseline {old:7.2f} ms "
                  f"({old / length * 1000:5.2f} us/char), now {new:6.2f} ms "
                  f"({new / length * 1000:5.2f} us/char), {old / new:4.1f}x")


if __name__ == "__main__":
    main()
