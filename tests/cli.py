"""Run the real ``pledgebot`` command in a subprocess, as a person at a terminal would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(
    *args: str,
    cwd: Path,
    stdin: bytes = b"",
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[bytes]:
    """``pledgebot ARGS`` with a clean PLEDGEBOT_* environment plus ``env``."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PLEDGEBOT_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=environment,
        timeout=timeout,
        check=False,
    )
