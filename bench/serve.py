"""Benchmark: ``pledgebot serve`` as a real process: memory, start-up, and delivery throughput.

1. **Idle memory**: one ``serve`` on a migrated SQLite file (the knowledge base and its search
   index are built at start), idle for ``--idle`` seconds after ``/readyz`` says 200; its
   resident memory (``VmRSS``) and peak (``VmHWM``) from ``/proc``.
2. **Start-up**: from ``Popen`` to the first ``/readyz`` 200, ``--starts`` times on a migrated
   SQLite file (median, min, max), and once on an empty file (migrations included, and the
   knowledge index built and kept in a fresh ``PLEDGEBOT_CACHE_DIR``, which the timed starts
   then read).
3. **Throughput on PostgreSQL**: in one run, one ``serve`` and then three, each on a fresh
   database with the same load: ``--messages`` notifications queued once every process is
   ready, delivered by the recording channel (playing Slack, rate limit off); deliveries per
   second from the commit of the queue to the last row marked sent (polled every 20 ms). Then the
   issue's mixed load, from ``Popen``: 2,000 due reminders and 1,000 queued notifications
   (start-up and the first sweep included). Every run checks each key was delivered once.

    python bench/serve.py [--messages 3000] [--starts 5] [--idle 5] [--repeat 3]
        [--skip-postgres]

Figures in bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _db import fresh_database  # noqa: E402

from bot.channels.recording import read_log  # noqa: E402
from tests import serving  # noqa: E402

FAST = '{"slack": 1000000}'


def _memory_mb(pid: int) -> tuple[float, float]:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text()
                  .splitlines() if ":" in line)
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


def idle_and_startup(starts: int, idle: float) -> None:
    """Figures 1 and 2, on SQLite."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        empty_url = f"sqlite:///{work / 'empty.db'}"
        # A cache folder of its own: the first start builds the knowledge index and keeps it
        # there, the timed starts read it back (as every start after the first does).
        env = serving.serve_env(empty_url, work / "r.log", PLEDGEBOT_CACHE_DIR=str(work / "cache"))
        first = serving.Serve(env, work, warm=False)
        began = time.monotonic()
        first.start()
        try:
            first.wait_ready()
            cold = time.monotonic() - began
            time.sleep(idle)
            rss, peak = _memory_mb(first.pid)
            assert first.stop() == 0
        finally:
            first.close()
        times: list[float] = []
        cpu: list[float] = []  # the process's own CPU time to ready: what load does not change
        for _ in range(starts):
            process = serving.Serve(env, work, warm=False)
            began = time.monotonic()
            process.start()
            try:
                process.wait_ready()
                times.append(time.monotonic() - began)
                cpu.append(_cpu_seconds(process.pid))
                assert process.stop() == 0
            finally:
                process.close()
    print(f"idle serve (SQLite, knowledge loaded, {idle:g} s after ready): RSS {rss:.1f} MB, "
          f"peak {peak:.1f} MB")
    print(f"start-up to /readyz 200, SQLite migrated, {starts} starts: median "
          f"{statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}); "
          f"empty file incl. migrations: {cold:.2f} s")
    print(f"  CPU (user + system) of serve to /readyz 200: median {statistics.median(cpu):.2f} s "
          f"(min {min(cpu):.2f}, max {max(cpu):.2f})")


def _wait(condition: Callable[[], bool], timeout: float = 300) -> float:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("not delivered in time")
        time.sleep(0.02)
    return time.monotonic()


def _once(record: Path, expected: int) -> None:
    keys = Counter(line[0] for line in read_log(record))
    assert (len(keys), max(keys.values())) == (expected, 1), (len(keys), max(keys.values()))


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (``/proc/PID/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


CPU_MS: list[float] = []  # per throughput run: the serves' CPU ms per delivery


def throughput(processes: int, messages: int) -> float:
    """Deliveries per second of ``processes`` serves, queue committed after all are ready."""
    with fresh_database("postgresql") as url, tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        factory = serving.migrated(url)
        people = serving.add_people(factory, 50)
        env = serving.serve_env(url, work / "r.log", PLEDGEBOT_RATE_LIMIT_PER_SECOND=FAST)
        serves = [serving.Serve(env, work, warm=False).start() for _ in range(processes)]
        try:
            for serve in serves:
                serve.wait_ready()
            cpu = sum(_cpu_seconds(serve.pid) for serve in serves)
            began = time.monotonic()
            serving.queue_notifications(factory, messages, people)
            ended = _wait(serving.all_delivered(factory, messages))
            cpu = sum(_cpu_seconds(serve.pid) for serve in serves) - cpu
            CPU_MS.append(cpu * 1000 / messages)
            assert [serve.stop() for serve in serves] == [0] * processes
        finally:
            serving.kill_quietly(serves)
            factory.kw["bind"].dispose()
        _once(work / "r.log", messages)
    return messages / (ended - began)


def mixed(processes: int) -> float:
    """Seconds from Popen until 2,000 reminders and 1,000 notifications are all delivered."""
    with fresh_database("postgresql") as url, tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        factory = serving.migrated(url)
        people = serving.add_people(factory, 50)
        serving.add_due_reminders(factory, 2000, people)
        serving.queue_notifications(factory, 1000, people)
        env = serving.serve_env(url, work / "r.log", PLEDGEBOT_RATE_LIMIT_PER_SECOND=FAST)
        began = time.monotonic()
        serves = [serving.Serve(env, work, warm=False).start() for _ in range(processes)]
        try:
            ended = _wait(serving.all_delivered(factory, 3000))
            assert [serve.stop() for serve in serves] == [0] * processes
        finally:
            serving.kill_quietly(serves)
            factory.kw["bind"].dispose()
        _once(work / "r.log", 3000)
    return ended - began


def main() -> None:
    """Run the three measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--idle", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    print("load average before: {:.1f} {:.1f} {:.1f} on {} CPUs".format(
        *os.getloadavg(), os.cpu_count()))
    idle_and_startup(args.starts, args.idle)
    if args.skip_postgres:
        return
    # One and three processes alternate, so a change in the machine's load hits both alike.
    ones, threes = [], []
    for _ in range(args.repeat):
        ones.append(throughput(1, args.messages))
        threes.append(throughput(3, args.messages))
    one, three = statistics.median(ones), statistics.median(threes)
    print(f"serve CPU per delivery (all processes): 1 process "
          f"{statistics.median(CPU_MS[0::2]):.2f} ms, 3 processes "
          f"{statistics.median(CPU_MS[1::2]):.2f} ms")
    print(f"PostgreSQL, {args.messages} notifications queued after start-up, median of "
          f"{args.repeat}: 1 process {one:.0f} deliveries/s ({_each(ones)}), 3 processes "
          f"{three:.0f} deliveries/s ({_each(threes)}), ratio {three / one:.2f}")
    singles, triples = [], []
    for _ in range(args.repeat):
        singles.append(mixed(1))
        triples.append(mixed(3))
    print(f"PostgreSQL, 2,000 due reminders + 1,000 notifications, from Popen to all sent, "
          f"median of {args.repeat}: 1 process {statistics.median(singles):.1f} s "
          f"({_each(singles)}), 3 processes {statistics.median(triples):.1f} s "
          f"({_each(triples)})")
    print("load average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


def _each(values: list[float]) -> str:
    return ", ".join(f"{value:.0f}" if value > 50 else f"{value:.1f}" for value in values)


if __name__ == "__main__":
    main()
