"""The CLI fails like a Unix tool: one line and exit 2 when the database goes away mid-run, and
quietly when the reader of its output goes away."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.cli import run_cli


def test_a_database_that_breaks_mid_run_gives_one_line_and_exit_2(tmp_path: Path) -> None:
    database = tmp_path / "broken.db"
    url = f"sqlite:///{database}"
    assert run_cli("db", "upgrade", cwd=tmp_path,
                   env={"PLEDGEBOT_DATABASE_URL": url}).returncode == 0
    # The migrations say "at head" but a table has gone: the failure comes mid-command.
    with sqlite3.connect(database) as connection:
        connection.execute("DROP TABLE person")
    result = run_cli("people", "list", cwd=tmp_path, env={"PLEDGEBOT_DATABASE_URL": url})
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "pledgebot: the database stopped answering: no such table: person\n")


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    rows = ["organisation,organisation_kind,name,email,role"]
    rows += [f"Provider {n % 50},provider,Person {n},p{n}@provider{n % 50}.example,provider"
             for n in range(1200)]
    (tmp_path / "people.csv").write_text("\n".join(rows) + "\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PLEDGEBOT_")}
    env["PLEDGEBOT_DATABASE_URL"] = f"sqlite:///{tmp_path / 'many.db'}"
    # The import is not what is tested: it runs in this process; the listing is real.
    imported = run_cli("people", "import", "people.csv", cwd=tmp_path,
                       env={"PLEDGEBOT_DATABASE_URL": env["PLEDGEBOT_DATABASE_URL"]})
    assert imported.returncode == 0, imported.stderr
    with subprocess.Popen([sys.executable, "-m", "bot", "people", "list"], cwd=tmp_path,
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as listing:
        assert listing.stdout is not None
        assert listing.stderr is not None
        first = listing.stdout.readline()
        listing.stdout.close()  # what `| head -1` does
        errors = listing.stderr.read()
        assert listing.wait(timeout=60) == 141
    assert first.startswith(b"Provider ")
    assert errors == b""
