"""``pledgebot serve`` as a real subprocess, and the rows its tests and benchmark start from.

``Serve`` starts ``pledgebot serve`` on a free port with a clean PLEDGEBOT_* environment,
waits for ``/readyz`` and speaks HTTP to it: a process forked from a warm one that has already
imported the bot (``tests.warm``), or with ``warm=False`` the real ``python -m bot serve``. The
seeding helpers bulk-load people, due reminders and queued notifications (the recording
channel, ``bot.channels.recording``, plays the people's preferred channel). ``bench/serve.py``
uses them too.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from bot import migrations
from bot.db import make_engine, make_session_factory, transaction
from bot.messages import Notification
from bot.models import (
    Channel,
    ChannelIdentity,
    Deadline,
    DeadlineStatus,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    OutboxStatus,
    Person,
    Reminder,
    ReminderStatus,
    Role,
)
from bot.outbox import enqueue_many
from tests.warm import Forked, WarmStarter

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port nobody listens on now (bind port 0 and ask which one it got)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Response:
    """An HTTP answer: status, body bytes, and the body as JSON when it is JSON."""

    status: int
    body: bytes

    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.body)


@dataclass
class Serve:
    """One ``pledgebot serve`` subprocess."""

    env: dict[str, str]
    cwd: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | Forked | None = None
    log: Path | None = None
    warm: bool = True

    def start(self) -> Serve:
        """Start it (stderr to a log file beside the database)."""
        environment = {k: v for k, v in os.environ.items() if not k.startswith("PLEDGEBOT_")}
        environment.update(self.env)
        environment.update(PLEDGEBOT_HTTP_PORT=str(self.port))
        self.log = self.cwd / f"serve-{self.port}.log"
        if self.warm:
            self.log.write_bytes(b"")
            self.process = WarmStarter.start(["serve"], environment, self.cwd, self.log)
            return self
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "serve"], cwd=self.cwd, env=environment,
                stdout=log, stderr=subprocess.STDOUT)
        return self

    @property
    def pid(self) -> int:
        """The process id."""
        assert self.process is not None
        return self.process.pid

    def get(self, path: str, timeout: float = 5.0) -> Response:
        """GET ``path``; a 4xx/5xx is an answer too."""
        url = f"http://127.0.0.1:{self.port}{path}"
        try:
            with urllib.request.urlopen(url, timeout=timeout) as answer:
                return Response(answer.status, answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read())

    def wait_ready(self, timeout: float = 30.0) -> float:
        """Wait for /readyz 200; the seconds it took from now."""
        began = time.monotonic()
        deadline = began + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited {self.process.returncode}: {self.output()}")
            try:
                if self.get("/readyz", timeout=1.0).status == 200:
                    return time.monotonic() - began
            except OSError:
                pass
            time.sleep(0.02)
        raise AssertionError(f"serve not ready in {timeout} s: {self.output()}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        """Send ``sig`` and wait for the exit code."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(sig)
        return self.process.wait(timeout=timeout)

    def output(self) -> str:
        """What it wrote so far."""
        return self.log.read_text(errors="replace") if self.log and self.log.exists() else ""

    def close(self) -> None:
        """Kill it if it still runs (a failed test)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def add_people(factory: sessionmaker[Session], count: int, *,
               preferred: Channel = Channel.SLACK) -> list[int]:
    """``count`` provider people preferring ``preferred``, each with a verified identity on
    it (address ``U<n>`` for Slack, the e-mail otherwise); their ids."""
    with transaction(factory) as session:
        council = Organisation(name="Serve County Council", kind=OrganisationKind.COUNCIL)
        provider = Organisation(name="Serve Care Ltd", kind=OrganisationKind.PROVIDER)
        session.add_all([council, provider])
        session.flush()
        people = [Person(organisation_id=provider.id, name=f"Person {n}",
                         email=f"person{n}@serve.example", role=Role.PROVIDER,
                         preferred_channel=preferred) for n in range(count)]
        session.add_all(people)
        session.flush()
        session.add_all(ChannelIdentity(
            person_id=person.id, channel=preferred, verified=True,
            address=f"U{n:05d}" if preferred == Channel.SLACK else person.email)
            for n, person in enumerate(people))
        return [person.id for person in people]


def add_due_reminders(factory: sessionmaker[Session], count: int, person_ids: list[int], *,
                      now: datetime | None = None) -> None:
    """``count`` open deadlines, each with one reminder due a minute ago (to one person)."""
    now = now or datetime.now(UTC)
    due_on = now.date() + timedelta(days=30)
    with transaction(factory) as session:
        council_id = session.get_one(Person, person_ids[0]).organisation_id
        deadline_ids = session.scalars(insert(Deadline).returning(Deadline.id), [
            {"rule": "payment", "reference": f"INV-{n}", "council_id": council_id,
             "start_on": date(2026, 1, 1), "due_on": due_on, "status": DeadlineStatus.OPEN,
             "created_at": now} for n in range(count)]).all()
        session.execute(insert(Reminder), [
            {"key": f"serve:{deadline_id}", "deadline_id": deadline_id,
             "person_id": person_ids[n % len(person_ids)], "stage": "7",
             "send_at": now - timedelta(minutes=1), "status": ReminderStatus.PENDING,
             "created_at": now} for n, deadline_id in enumerate(deadline_ids)])


def queue_notifications(factory: sessionmaker[Session], count: int, person_ids: list[int],
                        *, prefix: str = "note") -> list[str]:
    """``count`` notifications in the outbox, spread over ``person_ids``; their keys."""
    keys = [f"{prefix}:{n}" for n in range(count)]
    with transaction(factory) as session:
        enqueue_many(session, [
            Notification(person_id=person_ids[n % len(person_ids)], kind="serve.test",
                         text=f"Message {n}", idempotency_key=key)
            for n, key in enumerate(keys)])
    return keys


def migrated(url: str) -> sessionmaker[Session]:
    """A session factory on ``url``, migrated to head (dispose ``factory.kw["bind"]``)."""
    engine = make_engine(url)
    migrations.upgrade(engine)
    return make_session_factory(engine)


def all_delivered(factory: sessionmaker[Session], expected: int) -> Callable[[], bool]:
    """A check: ``expected`` outbox rows are sent and no reminder is left unsent."""
    def check() -> bool:
        with factory() as session:
            sent = session.scalar(select(func.count()).select_from(OutboxMessage).where(
                OutboxMessage.status == OutboxStatus.SENT))
            waiting = session.scalar(select(func.count()).select_from(Reminder).where(
                Reminder.status != ReminderStatus.SENT))
        return sent == expected and waiting == 0
    return check


def serve_env(database_url: str, record: Path, **extra: str) -> dict[str, str]:
    """The settings a test's ``serve`` runs with: the recording channel playing Slack."""
    return {"PLEDGEBOT_DATABASE_URL": database_url, "PLEDGEBOT_TEST_CHANNEL_FILE": str(record),
            "PLEDGEBOT_LOG_LEVEL": "INFO", "PLEDGEBOT_SWEEP_INTERVAL_SECONDS": "5",
            "PLEDGEBOT_OUTBOX_POLL_SECONDS": "0.2", **extra}


def kill_quietly(processes: list[Serve]) -> None:
    """Kill what still runs (after a failed test)."""
    for process in processes:
        process.close()


SIGKILL = signal.SIGKILL
