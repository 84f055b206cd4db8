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
  fresh interpreter and return the JSON figures it prints last.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

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
