"""Benchmark: pledgebot's Answerer against a plain BM25 baseline, on the evaluation questions.

One run measures, for pledgebot's ``Answerer`` and for the named baseline, on
``tests/knowledge/questions.jsonl`` (in_scope, out_of_scope and safeguarding rows):

* quality: top-1 and recall@3 over the in-scope rows, the share of in-scope questions
  answered, the share of out-of-scope questions declined, and safeguarding recall;
* per-question latency (p50 / p99 / max, ms) of the whole ``ask`` call over several passes of
  every question, the two systems' passes interleaved so machine noise hits both alike;
* start-up: imports + loading and validating the YAML + building the index, each in a fresh
  subprocess (so no cache of this process helps), median of several; and the peak RSS
  (``ru_maxrss``) of that subprocess after it has answered every question once.

The baseline is "plain BM25 baseline (rank-bm25 BM25Okapi over the same entries)": one document
per entry (title + sample questions + answer, + the commitment for pledge entries), lower-cased
and split on non-alphanumerics, no stemming, synonyms or typo correction; the query is
tokenised the same way and entries are ranked by ``get_scores``. It abstains when its top raw
score is at or below a threshold chosen to decline 90 % of the out-of-scope questions (tuned on
the very questions it is measured on, which flatters it). It has no safeguarding detector: its
"safeguarding recall" is the share of safeguarding rows it answers with the
``safeguarding-concerns`` entry first.

    /tmp/venv/bin/python bench/ask.py [--passes 5] [--starts 3]

Needs ``pip install -e '.[bench]'`` (rank-bm25, which brings numpy).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.values import frozen

if TYPE_CHECKING:
    from knowledge.base import Entry

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "knowledge" / "questions.jsonl"
SAFEGUARDING_ENTRY = "safeguarding-concerns"
BASELINE_NAME = "plain BM25 baseline (rank-bm25 BM25Okapi over the same entries)"
BASELINE_DECLINE_TARGET = 0.90
SYSTEMS = ("pledgebot", "baseline")

AIM_TOP1 = 0.90
AIM_RECALL3 = 0.97
AIM_DECLINED = 0.90
AIM_ANSWERED = 0.95
AIM_SAFEGUARDING = 1.0
AIM_P99_MS = 10.0
AIM_STARTUP_S = 2.0
AIM_RSS_MB = 300.0

_TOKEN = re.compile(r"[^\W_]+")


@frozen
class Row:
    """One evaluation question."""

    question: str
    ids: tuple[str, ...]
    kind: str


@frozen
class Outcome:
    """What one system did with one question: the ranked ids, whether it answered, the mode."""

    ranked: tuple[str, ...]
    answered: bool
    mode: str
    top_score: float = 0.0


def load_rows(path: Path) -> list[Row]:
    """The evaluation questions, one JSON object a line."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            rows.append(Row(raw["question"], tuple(raw["ids"]), raw["kind"]))
    return rows


def peak_rss_mb() -> float:
    """The process's peak resident set size so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def high_water_mb() -> float:
    """This process's own peak RSS (``VmHWM``, reset by exec), in MB; NaN if unavailable."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return float("nan")
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else float("nan")


# -- the baseline ------------------------------------------------------------------------------
def tokenise(text: str) -> list[str]:
    """Lower case, split on anything not a letter or digit."""
    return _TOKEN.findall(text.lower())


class Bm25Baseline:
    """rank-bm25's BM25Okapi over one document per entry; abstains below a score threshold."""

    def __init__(self, entries: Iterable[Entry], threshold: float = 0.0) -> None:
        """Tokenise every entry and build the BM25Okapi index (entries in id order)."""
        from rank_bm25 import BM25Okapi

        ordered = sorted(entries, key=lambda entry: entry.id)
        self.ids = [entry.id for entry in ordered]
        self.index = BM25Okapi([tokenise(self.document(entry)) for entry in ordered])
        self.threshold = threshold

    @staticmethod
    def document(entry: Entry) -> str:
        """Title, sample questions, answer, and the commitment of a pledge entry."""
        parts = [entry.title, *entry.questions, entry.answer]
        if entry.kind == "pledge" and entry.commitment:
            parts.append(entry.commitment)
        return "\n".join(parts)

    def ask(self, question: str, limit: int = 3) -> Outcome:
        """The best ``limit`` entries by raw BM25 score; answered when the top one is high."""
        scores = self.index.get_scores(tokenise(question))
        top = float(scores.max()) if len(scores) else 0.0
        if top <= 0.0:
            return Outcome((), answered=False, mode="abstain")
        order = (-scores).argsort(kind="stable")[:limit]
        ranked = tuple(self.ids[i] for i in order)
        answered = top > self.threshold
        return Outcome(ranked, answered, "answer" if answered else "abstain", top)


def choose_threshold(out_of_scope_tops: Sequence[float], target: float) -> float:
    """The smallest top score that declines (score <= threshold) ``target`` of the questions."""
    ordered = sorted(out_of_scope_tops)
    needed = math.ceil(target * len(ordered))
    return ordered[needed - 1] if needed else 0.0


def trade_off(in_scope_tops: Sequence[float], out_of_scope_tops: Sequence[float],
              target: float) -> tuple[float, float]:
    """The top score from which ``target`` of in-scope questions are answered, and the share of
    out-of-scope questions still declined (top score below it) at that point."""
    ordered = sorted(in_scope_tops, reverse=True)
    cut = ordered[math.ceil(target * len(ordered)) - 1]
    declined = sum(1 for top in out_of_scope_tops if top < cut) / len(out_of_scope_tops)
    return cut, declined


# -- pledgebot ---------------------------------------------------------------------------------
def pledgebot_asker() -> Callable[[str], Outcome]:
    """The packaged knowledge base's Answerer, wrapped to give an Outcome."""
    from bot.config import default_cache_dir
    from knowledge.answers import Answerer
    from knowledge.base import PACKAGED, KnowledgeBase

    knowledge = KnowledgeBase([PACKAGED])
    if knowledge.content.problems:
        raise SystemExit(f"the packaged content has problems: {knowledge.content.problems[0]}")
    # PLEDGEBOT_ANSWER_MEANING=minilm: with the meaning re-ranker (knowledge.meaning), its
    # vectors kept between runs in the bot's own cache folder (as bench/ask_meaning.py does).
    meaning = os.environ.get("PLEDGEBOT_ANSWER_MEANING", "off") == "minilm"
    answerer = Answerer(knowledge, meaning=meaning,
                        cache_dir=default_cache_dir() if meaning else None)
    if meaning and answerer.searcher.meaning is None:
        raise SystemExit("PLEDGEBOT_ANSWER_MEANING=minilm, but the model is not installed")

    def ask(question: str) -> Outcome:
        answer = answerer.ask(question)
        ranked = tuple(hit.entry_id for hit in answer.hits)
        return Outcome(ranked, answer.answered, answer.mode)

    return ask


# -- quality -----------------------------------------------------------------------------------
@frozen
class Quality:
    """The quality figures of one system on the evaluation set."""

    top1: float
    recall3: float
    answered: float
    answered_right: float
    declined: float
    safeguarding: float
    false_alarms: int
    counts: dict[str, int]


def _share(hits: int, total: int) -> float:
    return hits / total if total else float("nan")


def quality(rows: Sequence[Row], outcomes: Sequence[Outcome], *, detector: bool) -> Quality:
    """Score one system's outcomes against the acceptable ids."""
    counts = {kind: sum(1 for row in rows if row.kind == kind)
              for kind in ("in_scope", "out_of_scope", "safeguarding")}
    top1 = recall3 = answered = answered_right = declined = flagged = false_alarms = 0
    for row, outcome in zip(rows, outcomes, strict=True):
        if row.kind == "in_scope":
            first = outcome.ranked[0] if outcome.ranked else None
            top1 += first in row.ids
            recall3 += any(entry_id in row.ids for entry_id in outcome.ranked[:3])
            answered += outcome.answered
            answered_right += outcome.answered and first in row.ids
        elif row.kind == "out_of_scope":
            declined += not outcome.answered
        elif detector:
            flagged += outcome.mode == "safeguarding"
        else:
            flagged += bool(outcome.answered and outcome.ranked[:1] == (SAFEGUARDING_ENTRY,))
        if row.kind != "safeguarding" and outcome.mode == "safeguarding":
            false_alarms += 1
    return Quality(
        top1=_share(top1, counts["in_scope"]),
        recall3=_share(recall3, counts["in_scope"]),
        answered=_share(answered, counts["in_scope"]),
        answered_right=_share(answered_right, counts["in_scope"]),
        declined=_share(declined, counts["out_of_scope"]),
        safeguarding=_share(flagged, counts["safeguarding"]),
        false_alarms=false_alarms,
        counts=counts,
    )


# -- latency -----------------------------------------------------------------------------------
def timed_pass(ask: Callable[[str], Outcome], questions: Sequence[str],
               into: list[float]) -> list[Outcome]:
    """Ask every question once, appending each whole call's duration in ms; the outcomes."""
    clock = time.perf_counter
    outcomes = []
    for question in questions:
        started = clock()
        outcome = ask(question)
        into.append((clock() - started) * 1000)
        outcomes.append(outcome)
    return outcomes


@frozen
class Latency:
    """Per-question latency over all passes, in ms."""

    p50: float
    p99: float
    max: float
    first_pass_p99: float
    count: int


def latency(samples: Sequence[float], first_pass: Sequence[float]) -> Latency:
    """Percentiles (inclusive method, as bench/router.py) of the samples."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    first = statistics.quantiles(first_pass, n=100, method="inclusive")
    return Latency(cuts[49], cuts[98], max(samples), first[98], len(samples))


# -- start-up, in a fresh process --------------------------------------------------------------
def child(system: str, spawned_at: float, questions: Path) -> int:
    """Build one system from nothing, answer every question once, print figures as JSON."""
    clock = time.perf_counter
    started = clock()
    if system == "pledgebot":
        from knowledge.answers import Answerer
        from knowledge.base import PACKAGED, KnowledgeBase

        imported = clock()
        knowledge = KnowledgeBase([PACKAGED])
        loaded = clock()
        ask: Callable[[str], Any] = Answerer(knowledge).ask
        built = clock()
    else:
        import rank_bm25  # noqa: F401 - imported here so its import time is counted as such

        from knowledge.base import PACKAGED, load_content

        imported = clock()
        entries = load_content([PACKAGED]).entries.values()
        loaded = clock()
        ask = Bm25Baseline(entries).ask
        built = clock()
    ready_wall = time.time() - spawned_at
    ready_rss = peak_rss_mb()
    for row in load_rows(questions):
        ask(row.question)
    figures = {
        "imports": imported - started,
        "load": loaded - imported,
        "index": built - loaded,
        "startup": built - started,
        "process": ready_wall,
        "ready_rss": ready_rss,
        "rss": peak_rss_mb(),
        "hwm": high_water_mb(),
    }
    print(json.dumps(figures))
    return 0


def fresh_start(system: str, questions: Path) -> dict[str, float]:
    """Run ``child`` in a new interpreter and return its figures."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", system,
               "--spawned-at", repr(time.time()), "--questions", str(questions)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"the {system} start-up subprocess failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


@frozen
class Startup:
    """Medians over the fresh processes (seconds), and the largest peak RSS (MB)."""

    imports: float
    load: float
    index: float
    startup: float
    process: float
    ready_rss: float
    rss: float
    hwm: float


def startup(runs: Sequence[dict[str, float]]) -> Startup:
    """Median of each timing over the runs; the largest RSS."""
    def median(key: str) -> float:
        return statistics.median(run[key] for run in runs)

    return Startup(median("imports"), median("load"), median("index"), median("startup"),
                   median("process"), max(run["ready_rss"] for run in runs),
                   max(run["rss"] for run in runs), max(run["hwm"] for run in runs))


# -- output ------------------------------------------------------------------------------------
def _pct(value: float) -> str:
    return f"{value * 100:.1f} %"


def _verdict(met: bool) -> str:
    return "yes" if met else "NO"


def print_table(q: dict[str, Quality], lat: dict[str, Latency], start: dict[str, Startup],
                threshold: float, passes: int, starts: int) -> None:
    """Both systems side by side, pledgebot/baseline, and whether pledgebot meets the aims."""
    mine, base = q["pledgebot"], q["baseline"]
    counts = mine.counts
    rows: list[tuple[str, str, str, str, str, str]] = []

    def share(label: str, aim: str, a: float, b: float, met: bool | None) -> None:
        rows.append((label, aim, _pct(a), _pct(b), "", "" if met is None else _verdict(met)))

    def cost(label: str, aim: str, a: float, b: float, pattern: str, met: bool | None) -> None:
        ratio = f"{a / b:.2f}" if b else "-"
        rows.append((label, aim, format(a, pattern), format(b, pattern), ratio,
                     "" if met is None else _verdict(met)))

    n_in, n_out, n_safe = counts["in_scope"], counts["out_of_scope"], counts["safeguarding"]
    share(f"top-1 (in-scope, n={n_in})", ">= 90 %", mine.top1, base.top1, mine.top1 >= AIM_TOP1)
    share("recall@3 (in-scope)", ">= 97 %", mine.recall3, base.recall3,
          mine.recall3 >= AIM_RECALL3)
    share("in-scope answered", ">= 95 %", mine.answered, base.answered,
          mine.answered >= AIM_ANSWERED)
    share("in-scope answered, right entry first", "", mine.answered_right, base.answered_right,
          None)
    share(f"out-of-scope declined (n={n_out})", ">= 90 %", mine.declined, base.declined,
          mine.declined >= AIM_DECLINED)
    share(f"safeguarding recall (n={n_safe})", "100 %", mine.safeguarding, base.safeguarding,
          mine.safeguarding >= AIM_SAFEGUARDING)
    rows.append(("non-safeguarding rows flagged", "", str(mine.false_alarms), "-", "", ""))
    a, b = lat["pledgebot"], lat["baseline"]
    cost(f"latency p50 ms ({a.count} asks)", "", a.p50, b.p50, ".3f", None)
    cost("latency p99 ms", "< 10", a.p99, b.p99, ".3f", a.p99 < AIM_P99_MS)
    cost("latency max ms", "", a.max, b.max, ".3f", None)
    cost("latency p99 ms, first pass only", "", a.first_pass_p99, b.first_pass_p99, ".3f", None)
    s, t = start["pledgebot"], start["baseline"]
    cost(f"start-up s (median of {starts})", "< 2", s.startup, t.startup, ".3f",
         s.startup < AIM_STARTUP_S)
    cost("  imports s", "", s.imports, t.imports, ".3f", None)
    cost("  load + validate YAML s", "", s.load, t.load, ".3f", None)
    cost("  build index s", "", s.index, t.index, ".3f", None)
    cost("process start to ready s", "", s.process, t.process, ".3f", None)
    cost("RSS when ready MB", "", s.ready_rss, t.ready_rss, ".1f", None)
    cost("peak RSS after all questions MB", "< 300", s.rss, t.rss, ".1f", s.rss < AIM_RSS_MB)
    cost("  cross-check: VmHWM MB", "", s.hwm, t.hwm, ".1f", None)

    header = ("metric", "aim", "pledgebot", "baseline", "pb/base", "aim met")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        first = f"{cells[0]:<{widths[0]}}  {cells[1]:<{widths[1]}}"
        rest = "".join(f"  {cell:>{width}}" for cell, width in zip(cells[2:], widths[2:],
                                                                   strict=True))
        return first + rest

    print(line(header))
    print("-" * len(line(header)))
    for row in rows:
        print(line(row))
    print()
    print(f"baseline = {BASELINE_NAME}; abstains when its top raw BM25 score <= "
          f"{threshold:.3f}, the threshold that declines {BASELINE_DECLINE_TARGET:.0%} of the "
          f"out-of-scope questions (gives {_pct(base.answered)} of in-scope answered)")
    print(f"latency: {passes} interleaved passes over all {a.count // passes} questions, "
          "whole ask call (perf_counter); pb/base is pledgebot / baseline")
    print("aim met: pledgebot against the issue's aims; baseline safeguarding recall = "
          f"safeguarding rows answered with {SAFEGUARDING_ENTRY} first (it has no detector)")


def main(argv: list[str] | None = None) -> int:
    """Parse the flags, run both systems, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--passes", type=int, default=5, help="latency passes (5)")
    parser.add_argument("--starts", type=int, default=3, help="fresh start-up processes (3)")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--child", choices=SYSTEMS, help=argparse.SUPPRESS)
    parser.add_argument("--spawned-at", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child, args.spawned_at, args.questions)
    if args.passes < 1 or args.starts < 1:
        parser.error("--passes and --starts must be at least 1")

    rows = load_rows(args.questions)
    questions = [row.question for row in rows]
    print(f"pledgebot ask benchmark: {len(rows)} questions, {args.passes} passes, "
          f"{args.starts} fresh starts each, python {sys.version.split()[0]}")

    # The fresh processes run first, while this one is small: Linux carries a process's peak
    # RSS over into the ru_maxrss of a child it forks, so a big parent would hide the child's.
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in SYSTEMS}
    for _ in range(args.starts):
        for name in SYSTEMS:
            runs[name].append(fresh_start(name, args.questions))
    start = {name: startup(runs[name]) for name in SYSTEMS}
    spawner_rss = peak_rss_mb()

    from knowledge.base import PACKAGED, load_content

    pledgebot = pledgebot_asker()
    baseline = Bm25Baseline(load_content([PACKAGED]).entries.values())
    asks: dict[str, Callable[[str], Outcome]] = {"pledgebot": pledgebot, "baseline": baseline.ask}
    # Pass 1 is the first time either system sees these questions; its outcomes are scored.
    samples: dict[str, list[float]] = {name: [] for name in SYSTEMS}
    outcomes = {name: timed_pass(ask, questions, samples[name]) for name, ask in asks.items()}
    first_pass = {name: list(samples[name]) for name in SYSTEMS}
    for _ in range(args.passes - 1):
        for name, ask in asks.items():
            timed_pass(ask, questions, samples[name])
    lat = {name: latency(samples[name], first_pass[name]) for name in SYSTEMS}

    tops = {kind: [outcome.top_score
                   for row, outcome in zip(rows, outcomes["baseline"], strict=True)
                   if row.kind == kind] for kind in ("in_scope", "out_of_scope")}
    baseline.threshold = choose_threshold(tops["out_of_scope"], BASELINE_DECLINE_TARGET)
    cut, still_declined = trade_off(tops["in_scope"], tops["out_of_scope"], AIM_ANSWERED)
    outcomes["baseline"] = [baseline.ask(question) for question in questions]
    q = {name: quality(rows, outcomes[name], detector=name == "pledgebot") for name in SYSTEMS}

    print()
    print_table(q, lat, start, baseline.threshold, args.passes, args.starts)
    print(f"RSS: ru_maxrss of each fresh process (largest of {args.starts}); this process was "
          f"{spawner_rss:.1f} MB when it started them, a floor Linux carries into a child's "
          "ru_maxrss; VmHWM is the child's own peak")
    print(f"baseline trade-off: to answer {AIM_ANSWERED:.0%} of in-scope questions it must "
          f"answer from a top score of {cut:.3f}, and then declines only "
          f"{_pct(still_declined)} of out-of-scope ones")
    return 0


if __name__ == "__main__":
    sys.exit(main())
