"""The recording channel, for tests and benchmarks only: it plays a real channel's part and
writes each delivery as one line to a file instead of to a platform.

``pledgebot serve`` runs it only when ``PLEDGEBOT_TEST_CHANNEL_FILE`` is set; it then plays
``PLEDGEBOT_TEST_CHANNEL_KIND`` (default ``slack``): it delivers that channel's outbox messages,
and that channel counts as configured. Each line is tab-separated: the idempotency key, the
outbox id, the address, the attempt number and this process's id; never the words. Lines are
appended with one ``write`` on a file opened ``O_APPEND``, so several processes can share the
file without mixing lines.

Every call of ``deliver`` is a line, so a key written twice is a message delivered twice.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

from bot.dispatch import Router
from bot.messages import Delivery
from bot.models import Channel as ChannelKind


class RecordingChannel:
    """A channel with no platform: it appends one line per delivery to ``path``."""

    only_address: str | None = None

    def __init__(self, path: Path, kind: ChannelKind, *, rate_per_second: float = 10_000.0
                 ) -> None:
        """Record ``kind``'s deliveries in ``path`` (created if missing)."""
        self.path = path
        self.kind = kind
        self.rate_per_second = rate_per_second
        self._fd: int | None = None
        self._ended = asyncio.Event()

    async def start(self, router: Router[Any]) -> None:
        """Open the file; nothing is received on this channel."""
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    async def wait(self) -> None:
        """Never ends by itself."""
        await self._ended.wait()

    async def stop(self) -> None:
        """Close the file."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def not_ready(self) -> str | None:
        """Why the channel cannot deliver (its file is not open), or None."""
        return None if self._fd is not None else f"{self.path} is not open"

    async def deliver(self, delivery: Delivery) -> None:
        """Append one line for ``delivery``."""
        if self._fd is None:
            raise RuntimeError("the recording channel is not started")
        line = (f"{delivery.idempotency_key}\t{delivery.outbox_id}\t{delivery.address}\t"
                f"{delivery.attempt}\t{os.getpid()}\n")
        os.write(self._fd, line.encode())


def read_log(path: Path) -> list[tuple[str, int, str, int, int]]:
    """Every line of a recording: (key, outbox id, address, attempt, process id)."""
    rows = []
    for line in path.read_text().splitlines():
        key, outbox_id, address, attempt, pid = line.split("\t")
        rows.append((key, int(outbox_id), address, int(attempt), int(pid)))
    return rows
