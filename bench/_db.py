"""Helpers the benchmark scripts share: throwaway databases, copies of them, peak RSS, children.

Not a benchmark itself. The scripts run as ``python bench/X.py``, so ``bench/`` is first on
``sys.path`` and they import this module as ``_db``.

- ``fresh_database(kind)``: an empty SQLite file in a temporary folder, or a PostgreSQL database
  made with ``CREATE DATABASE`` on ``POSTGRES_ADMIN_URL``'s server and dropped ``WITH (FORCE)``
  afterwards;
- ``copy_of(url)``: a copy of a database nobody is connected to (a SQLite file copy; PostgreSQL
  ``CREATE DATABASE ... TEMPLATE ... STRATEGY FILE_COPY``), removed afterwards;
- ``settled_size_mb(url)``: checkpoint a SQLite file's WAL (so a file copy is whole) and give
  the database's size;
- ``reset_peak()`` / ``peak_mb()``: this process's own peak RSS (``VmHWM``) from a given point;
- ``run_child(name, **payload)``: run ``--child NAME --payload FILE`` of the running script in a
  fresh interpreter and return the JSON figures it prints last;
- ``spec_to_json`` / ``spec_from_json``: a frozen dataclass to JSON-ready fields and back, by its
  field types (dates, datetimes, enums, tuples), for samples handed to children;
- ``bench_parser`` / ``run_benchmarks``: the flags every database benchmark has (``--db``, and
  the hidden ``--child``/``--payload``) and the driver that runs a child or each database;
- ``channel_parser``: the Slack and Telegram benchmarks' flags (their numbers, ``--db``);
- ``profile_text(profiler)``: the cProfile tables the scripts print with ``--profile``.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import enum
import io
import json
import pstats
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import types
import typing
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager, suppress
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

T = typing.TypeVar("T")
# The demo council the sweep benchmarks load, and the facts of the app they measure.
COUNCIL = "Northshire County Council"
TIMEZONE = "Europe/London"
SWEEP_EVERY = timedelta(minutes=1)  # the sweep jobs' interval
LEASE = timedelta(minutes=5)  # how long a claim holds
AIM_SWEEP_SECONDS = 1.0  # the aim for one busy sweep on PostgreSQL
SEED = 20261125
POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


# -- memory -----------------------------------------------------------------------------------
def _status_kb(field: str) -> int:
    status = Path("/proc/self/status").read_text(encoding="ascii")
    found = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else 0


def reset_peak() -> float:
    """Reset this process's peak RSS (VmHWM) to its current RSS; return that RSS in MB."""
    with suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    return _status_kb("VmRSS") / 1024


def peak_mb() -> float:
    """This process's peak RSS since the last reset (VmHWM), in MB."""
    return _status_kb("VmHWM") / 1024


# -- databases --------------------------------------------------------------------------------
def postgres_reachable() -> str | None:
    """None if the PostgreSQL server answers, else a one-line reason."""
    engine = create_engine(POSTGRES_ADMIN_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (OperationalError, DBAPIError) as error:
        return str(error.orig or error).strip().splitlines()[0]
    finally:
        engine.dispose()
    return None


def _pg_admin(statement: str) -> None:
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(statement))
    finally:
        admin.dispose()


def _pg_url(name: str) -> str:
    return f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}"


@contextmanager
def fresh_database(kind: str) -> Iterator[str]:
    """Yield the URL of an empty database of ``kind``; remove it afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="pledgebot-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'bench.db'}"
        return
    name = f"pledgebot_bench_{uuid.uuid4().hex[:12]}"  # only hex digits: safe to quote
    _pg_admin(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name)
    finally:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def copy_of(url: str) -> Iterator[str]:
    """Yield a URL of a copy of the database at ``url`` (nobody may be connected to it)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        source = Path(str(parsed.database))
        target = source.with_name(f"copy-{uuid.uuid4().hex[:8]}.db")
        shutil.copyfile(source, target)
        try:
            yield f"sqlite:///{target}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        return
    name = f"pledgebot_copy_{uuid.uuid4().hex[:12]}"
    _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{parsed.database}" STRATEGY FILE_COPY')
    try:
        yield _pg_url(name)
    finally:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def settled_size_mb(url: str) -> float:
    """Checkpoint a SQLite file (so a copy of it is whole); the database's size in MB.

    Nobody else may be connected.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(str(parsed.database))
        with closing(sqlite3.connect(path)) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return path.stat().st_size / 1e6
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            size = connection.scalar(text("SELECT pg_database_size(current_database())"))
    finally:
        engine.dispose()
    return float(size or 0) / 1e6


def import_driver(url: str) -> None:
    """Import the database driver, which any process of either design has done before."""
    make_url(url).get_dialect().import_dbapi()


# -- children: each measurement in a fresh interpreter ---------------------------------------
def run_child(name: str, **payload: Any) -> dict[str, Any]:
    """Run the running script (``__main__``) with ``--child name`` in a new interpreter and
    return its JSON figures (the last line it prints)."""
    script = Path(str(sys.modules["__main__"].__file__)).resolve()
    with tempfile.TemporaryDirectory(prefix="pledgebot-bench-payload-") as folder:
        path = Path(folder) / "payload.json"  # samples are too big for a command line
        path.write_text(json.dumps(payload), encoding="utf-8")
        command = [sys.executable, str(script), "--child", name, "--payload", str(path)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"the {name} subprocess failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def evenly(items: Sequence[Any], count: int) -> list[Any]:
    """``count`` items spread evenly over ``items`` (all of them if there are fewer)."""
    if count >= len(items):
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


# -- samples handed to children ---------------------------------------------------------------
def spec_to_json(spec: Any) -> dict[str, Any]:
    """A frozen dataclass's fields, JSON-ready: dates as ISO strings, enums as their values."""
    def plain(value: Any) -> Any:
        if isinstance(value, date):  # datetimes too
            return value.isoformat()
        return value.value if isinstance(value, enum.Enum) else value
    return {name: plain(value) for name, value in dataclasses.asdict(spec).items()}


def spec_from_json(cls: type[T], data: Mapping[str, Any]) -> T:
    """The inverse of ``spec_to_json``, read from ``cls``'s field types."""
    hints = typing.get_type_hints(cls)

    def typed(kind: Any, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
            kind = next(arg for arg in typing.get_args(kind) if arg is not type(None))
        if typing.get_origin(kind) is tuple:
            return tuple(value)
        if kind is datetime:
            return datetime.fromisoformat(value)
        if kind is date:
            return date.fromisoformat(value)
        return kind(value) if isinstance(kind, type) and issubclass(kind, enum.Enum) else value
    return cls(**{name: typed(hints[name], value) for name, value in data.items()})


# -- the scripts' shared frame ----------------------------------------------------------------
def bench_parser(doc: str | None) -> argparse.ArgumentParser:
    """A parser with ``--db`` and the hidden ``--child``/``--payload`` a child is run with."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--payload", help=argparse.SUPPRESS)
    return parser


DATABASES = ("sqlite", "postgresql")


def channel_parser(doc: str | None, **numbers: float) -> argparse.ArgumentParser:
    """The channel benchmarks' flags: one per keyword (``people=50`` is ``--people``, default
    50, of its default's type), then ``--db``, once per database to run (none: both)."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0] if doc else None)
    for name, default in numbers.items():
        parser.add_argument(f"--{name}", type=type(default), default=default)
    parser.add_argument("--db", choices=DATABASES, action="append")
    return parser


def database_kinds(choice: str) -> list[str]:
    """The databases ``--db`` names; PostgreSQL left out (and said) when its server is away."""
    kinds = ["sqlite", "postgresql"] if choice == "both" else [choice]
    if "postgresql" in kinds:
        reason = postgres_reachable()
        if reason is not None:
            print(f"PostgreSQL is unreachable at {POSTGRES_ADMIN_URL} ({reason}); "
                  "continuing with SQLite only")
            kinds = ["sqlite"]
    return kinds


Report = dict[str, Any]


def run_benchmarks(args: argparse.Namespace, *, child: Callable[[str, Report], int], banner: str,
                   bench_database: Callable[[str, argparse.Namespace], Report],
                   print_report: Callable[[Report], None], profiled: str) -> int:
    """Run one child measurement (``--child``), or each database's benchmark and its report."""
    if args.child:
        return child(args.child, json.loads(Path(args.payload).read_text(encoding="utf-8")))
    kinds = database_kinds(args.db)
    print(banner, flush=True)
    reports = [bench_database(kind, args) for kind in kinds]
    for report in reports:
        print_report(report)
        if "profile" in report:
            print(f"\n-- cProfile of {profiled} on {report['database']} --")
            print(report["profile"])
    return 0


def profile_text(profiler: cProfile.Profile) -> str:
    """The project's own calls, SQLAlchemy's costly steps and the top self-times."""
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"/(scheduler|bot|handlers)/|psycopg.*wait|sqlite3",
                                               30)
    stats.sort_stats("cumulative").print_stats(r"sqlalchemy/.*(_autoflush|_flush\b|dml.py.*values"
                                               r"|_compile_w_cache|_generate_cache_key"
                                               r"|loading.py.*instances)", 10)
    stats.sort_stats("tottime").print_stats(20)
    return out.getvalue()
