"""Start ``pledgebot`` commands as real processes without paying Python's start-up each time.

A ``python -m bot serve`` spends most of its first second importing the bot (SQLAlchemy, every
feature, the web stack, the channel libraries) and compiling the safeguarding rules' regular
expressions; the serve tests start about thirty of them. ``WarmStarter`` keeps one process per
test worker that has done that import once (as ``bot/__main__.py`` does: collector paused, then
frozen) and forks it for each command. The fork is a separate process with its own process id,
working folder, environment and standard streams, running ``bot.cli.main`` exactly as
``python -m bot`` would; signals reach it and its exit code is its own.

The fork is a grandchild of the warm process: the warm process forks a go-between that forks the
command and exits at once, and the test worker, marked a child subreaper (Linux ``prctl``), is
where the command is re-parented. So the test waits for it and reads its exit code with
``waitpid``, as ``subprocess.Popen`` does. ``Forked`` offers the part of ``Popen``'s interface
the tests use. Where the entry point itself is the thing tested, the tests still start
``python -m bot`` (``Serve(..., warm=False)``, ``tests.cli.run_real_cli``).
"""

from __future__ import annotations

import atexit
import ctypes
import importlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_PR_SET_CHILD_SUBREAPER = 36
# What ``python -m bot serve`` loads on start, and the channels' libraries.
WARM_MODULES = ("bot.cli", "bot.app", "bot.channels.email.channel", "bot.channels.slack.channel",
                "bot.channels.telegram.channel")


class Forked:
    """A command forked from the warm process, re-parented to this one (``Popen``'s methods)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """The exit code once it has exited (negative: the signal that ended it), else None."""
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the exit code (``subprocess.TimeoutExpired`` after ``timeout`` seconds)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"pid {self.pid}", timeout or 0.0)
            time.sleep(0.01)
        assert self.returncode is not None
        return self.returncode

    def send_signal(self, sig: int) -> None:
        """Send ``sig`` unless it has already exited and been waited for."""
        if self.returncode is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        """SIGKILL."""
        self.send_signal(signal.SIGKILL)


class WarmStarter:
    """One warm process, started on first use and ended when this process exits."""

    _lock = threading.Lock()
    _process: subprocess.Popen[bytes] | None = None

    @classmethod
    def start(cls, args: list[str], env: dict[str, str], cwd: Path, log: Path) -> Forked:
        """Run ``pledgebot ARGS`` in ``cwd`` with exactly ``env`` as its environment, standard
        input empty and its output and errors appended to ``log``."""
        with cls._lock:
            process = cls._warm()
            assert process.stdin is not None
            assert process.stdout is not None
            request = {"args": args, "env": env, "cwd": str(cwd), "log": str(log)}
            process.stdin.write(json.dumps(request).encode() + b"\n")
            process.stdin.flush()
            answer = process.stdout.readline()
        if not answer.strip().isdigit():
            raise RuntimeError(f"the warm process did not start {args}: {answer!r}")
        return Forked(int(answer))

    @classmethod
    def _warm(cls) -> subprocess.Popen[bytes]:
        if cls._process is None or cls._process.poll() is not None:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")
            environment = {k: v for k, v in os.environ.items() if not k.startswith("PLEDGEBOT_")}
            code = "from tests.warm import _serve_requests; _serve_requests()"
            cls._process = subprocess.Popen(
                [sys.executable, "-c", code], cwd=ROOT, env=environment,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            atexit.register(cls._end, cls._process)
        return cls._process

    @staticmethod
    def _end(process: subprocess.Popen[bytes]) -> None:
        if process.stdin is not None:
            process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _serve_requests() -> None:
    """The warm process: import what ``python -m bot`` imports, then fork one command per line
    read, answering with its process id."""
    import gc

    gc.disable()
    try:
        for name in WARM_MODULES:
            importlib.import_module(name)
    finally:
        gc.freeze()
        gc.enable()
    if threading.active_count() != 1:  # a fork copies only the calling thread
        raise RuntimeError(f"the warm process has {threading.active_count()} threads")
    for line in sys.stdin.buffer:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        read_end, write_end = os.pipe()
        between = os.fork()
        if between == 0:
            os.close(read_end)
            command = os.fork()
            if command == 0:
                os.close(write_end)
                _become(request)  # never returns
            os.write(write_end, f"{command}\n".encode())
            os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as answer:
            pid = answer.readline()
        os.waitpid(between, 0)  # once it has gone, the command is the test worker's child
        sys.stdout.buffer.write(pid)
        sys.stdout.flush()


def _become(request: dict[str, object]) -> None:
    """In the fork: take the request's folder, environment and streams, run the command, exit
    with its code."""
    code = 1
    try:
        os.chdir(str(request["cwd"]))
        os.environ.clear()
        os.environ.update(request["env"])  # type: ignore[arg-type]
        stdin = os.open(os.devnull, os.O_RDONLY)
        log = os.open(str(request["log"]), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.dup2(stdin, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(stdin)
        os.close(log)
        sys.argv = ["pledgebot", *request["args"]]  # type: ignore[misc]
        from bot import cli

        try:
            code = cli.main(sys.argv[1:])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:  # the fork must never return into the warm process's loop
        import traceback

        traceback.print_exc()
    finally:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
