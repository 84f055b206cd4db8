"""Waiting in a test for what another thread, task or process does: poll until it holds."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


def wait_until(check: Callable[[], bool], what: str, *, within: float = 10.0) -> None:
    """Poll ``check`` until it holds; fail naming ``what`` after ``within`` seconds."""
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


async def until(check: Callable[[], bool], what: str = "the condition", *,
                within: float = 10.0) -> None:
    """``wait_until`` in a running event loop: the loop's other tasks run while it waits."""
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.005)
