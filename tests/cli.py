"""Run the ``pledgebot`` command as a person at a terminal would.

``run_cli`` calls ``bot.cli.main`` in this process, as ``python -m bot`` would: a clean
PLEDGEBOT_* environment, the given working folder, standard input read from bytes, standard
output and error captured as bytes, and the exit code ``sys.exit`` would have given. That saves
a Python start-up (about a second) per command. ``run_real_cli`` starts the real program in a
subprocess; a few tests use it so that the entry point itself stays tested.
"""

from __future__ import annotations

import atexit
import io
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot import cli, migrations
from bot.db import make_engine

DEFAULT_DATABASE = "pledgebot.db"  # the default PLEDGEBOT_DATABASE_URL's file (bot/config.py)
# The demo's people get the week's digest from Monday 08:00 for 48 hours (handlers/digests/
# sweep.py), queued by its sweep while the demo runs: a test that reads all a demo run showed
# or queued runs it at a moment outside that window (a Wednesday, 10:00), or it fails on
# Mondays and Tuesdays only.
QUIET_MOMENT = {"PLEDGEBOT_FIXED_NOW": "2026-11-25T10:00:00+00:00"}


def _console_env(args: tuple[str, ...], env: dict[str, str] | None) -> dict[str, str] | None:
    """``env`` for ``pledgebot ARGS``: a console (``run``) started by a test runs at
    ``QUIET_MOMENT`` unless the test set its own time (every test reading a console's output
    whole failed in that window: four were found, on a Monday)."""
    if args[:1] != ("run",) or "PLEDGEBOT_FIXED_NOW" in (env or {}):
        return env
    return {**(env or {}), **QUIET_MOMENT}
_migrated: list[Path] = []


def _environment(env: dict[str, str] | None) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PLEDGEBOT_")}
    environment.update(env or {})
    return environment


@contextmanager
def _process_state(env: dict[str, str], cwd: Path) -> Iterator[None]:
    """Swap in ``env`` as os.environ and ``cwd`` as the working folder, then put both back."""
    saved_environment = dict(os.environ)
    saved_cwd = os.getcwd()
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    for name in set(os.environ) - set(env):
        del os.environ[name]
    os.environ.update(env)
    os.chdir(cwd)
    # As in a new process, logging.basicConfig in main() finds no handler and adds its own.
    root.handlers = []
    try:
        yield
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers = saved_handlers
        root.setLevel(saved_level)
        os.chdir(saved_cwd)
        for name in set(os.environ) - set(saved_environment):
            del os.environ[name]
        os.environ.update(saved_environment)


def _migrated_database() -> Path:
    """A SQLite file migrated to head, made once per process (and removed at its exit)."""
    if not _migrated:
        folder = Path(tempfile.mkdtemp(prefix="pledgebot-cli-"))
        atexit.register(shutil.rmtree, folder, True)
        engine = make_engine(f"sqlite:///{folder / DEFAULT_DATABASE}")
        try:
            migrations.upgrade(engine)
        finally:
            engine.dispose()
        _migrated.append(folder / DEFAULT_DATABASE)
    return _migrated[0]


def run_cli(*args: str, cwd: Path, stdin: bytes = b"", env: dict[str, str] | None = None,
            timeout: float = 120, migrated: bool = True) -> subprocess.CompletedProcess[bytes]:
    """``pledgebot ARGS`` with a clean PLEDGEBOT_* environment plus ``env``, in this process.

    With the default database and none yet in ``cwd``, the command finds a migrated copy there
    (``migrated=False``: it finds none and migrates from empty, as a first run does).
    ``timeout`` is accepted for the same signature as ``run_real_cli`` and not enforced.
    """
    if (migrated and "PLEDGEBOT_DATABASE_URL" not in (env or {})
            and not (cwd / DEFAULT_DATABASE).exists()):
        shutil.copyfile(_migrated_database(), cwd / DEFAULT_DATABASE)
    stdout_bytes, stderr_bytes = io.BytesIO(), io.BytesIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    fake_stdout = io.TextIOWrapper(stdout_bytes, encoding="utf-8")
    fake_stderr = io.TextIOWrapper(stderr_bytes, encoding="utf-8", errors="backslashreplace",
                                   line_buffering=True)
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    with _process_state(_environment(_console_env(args, env)), cwd):
        sys.stdin, sys.stdout, sys.stderr = fake_stdin, fake_stdout, fake_stderr
        try:
            returncode = cli.main(list(args))
        except SystemExit as exit_:  # argparse: --help, or a bad argument
            if exit_.code is None or isinstance(exit_.code, int):
                returncode = exit_.code or 0
            else:
                print(exit_.code, file=sys.stderr)
                returncode = 1
        except Exception:  # what the interpreter does with an uncaught exception
            traceback.print_exc()
            returncode = 1
        finally:
            fake_stdout.flush()
            fake_stderr.flush()
            sys.stdin, sys.stdout, sys.stderr = saved_streams
    return subprocess.CompletedProcess(
        ["pledgebot", *args], returncode, stdout_bytes.getvalue(), stderr_bytes.getvalue()
    )


def run_real_cli(*args: str, cwd: Path, stdin: bytes = b"", env: dict[str, str] | None = None,
                 timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """``pledgebot ARGS`` in a subprocess (``python -m bot``), with the same environment."""
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True,
                          cwd=cwd, env=_environment(_console_env(args, env)), timeout=timeout,
                          check=False)


EXAMPLE_COUNCIL_PEOPLE = """\
organisation,organisation_kind,name,email,role
Example Council,council,Priya Shah,priya@example.council,commissioner
Example Council,council,Tom Okafor,tom@example.council,commissioner
Example Council,council,Dana Reeve,dana@example.council,admin
"""
RIVERSIDE_SAM = "Riverside Care,provider,Sam Patel,sam@riverside.example,provider\n"


def import_people(folder: Path, people: str) -> None:
    """``pledgebot people import`` of ``people`` (CSV text) in ``folder``, which must work."""
    (folder / "people.csv").write_text(people)
    result = run_cli("people", "import", "people.csv", cwd=folder)
    assert result.returncode == 0, result.stderr.decode()
