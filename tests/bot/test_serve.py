"""``pledgebot serve`` as a real subprocess, on SQLite and on PostgreSQL.

Deliveries go to the recording channel (``bot.channels.recording``), which plays Slack and
writes one line per delivery to a file: the people's preferred channel is Slack, so the file
is what they were sent. Ports are free ports found by binding port 0.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.channels.recording import read_log
from bot.models import Channel, OrganisationKind, OutboxMessage, OutboxStatus, Reminder
from tests.cli import run_cli
from tests.factories import make_organisation
from tests.serving import (
    Response,
    Serve,
    add_due_reminders,
    add_people,
    all_delivered,
    kill_quietly,
    migrated,
    queue_notifications,
    serve_env,
)
from tests.waiting import wait_until

GRACE = 10.0
# The exactly-once tests: due reminders and queued notifications shared by three serves
# (several claimed batches of 50 each, so every serve gets work).
REMINDERS = 400
NOTES = 200


@pytest.fixture
def started(tmp_path: Path) -> Iterator[Callable[..., Serve]]:
    """Start ``serve`` processes; any still running at the end are killed."""
    processes: list[Serve] = []

    def start(database_url: str, *, warm: bool = True, **extra: str) -> Serve:
        env = serve_env(database_url, tmp_path / "deliveries.log",
                        PLEDGEBOT_SHUTDOWN_GRACE_SECONDS=str(GRACE), **extra)
        process = Serve(env, tmp_path, warm=warm).start()
        processes.append(process)
        return process

    yield start
    kill_quietly(processes)


def _outbox(factory: sessionmaker[Session]) -> Counter[str]:
    with factory() as session:
        return Counter(OutboxStatus(status).value for status, in session.execute(
            select(OutboxMessage.status)))


def _samples(body: bytes) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a /metrics page, by name and sorted labels."""
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(body.decode())
            for sample in family.samples}


def _lines(path: Path) -> list[tuple[str, int, str, int, int]]:
    return read_log(path) if path.exists() else []


def test_serve_is_alive_ready_and_measured(
        factory: sessionmaker[Session], database_url: str, started: Callable[..., Serve]
) -> None:
    make_organisation(factory, "Northshire County Council", OrganisationKind.COUNCIL)
    serve = started(database_url, warm=False)  # the real ``python -m bot serve``
    serve.wait_ready()
    assert serve.get("/healthz").status == 200
    ready = serve.get("/readyz")
    assert (ready.status, ready.json()["checks"], ready.json()["not_ready"]) == (
        200, {"database": "ok", "migrations": "ok", "channels": "ok", "channel:slack": "ok"},
        [])
    # The features' own routes are served too: the published feedback page, and the survey
    # form (which, with no secret key set, says it is not set up rather than serving).
    page = serve.get("/feedback")
    assert page.status == 200
    assert "Provider feedback and the pledge: Northshire County Council" in page.body.decode()
    assert serve.get("/survey/form?t=x").status == 404
    # The jobs start with serve and run at once; under load the first sweep may still be
    # running at the first scrape, so scrape until it has been measured (or 20 s).
    sweep_measured = ("pledgebot_sweep_seconds_count", (("job", "reminders.sweep"),))
    deadline = time.monotonic() + 20
    samples = _samples(serve.get("/metrics").body)
    while sweep_measured not in samples and time.monotonic() < deadline:
        time.sleep(0.2)
        samples = _samples(serve.get("/metrics").body)
    assert samples[("pledgebot_database_up", ())] == 1
    assert samples[("pledgebot_outbox_messages", (("channel", "slack"), ("status", "pending")))
                   ] == 0
    assert samples[("pledgebot_cases_open", (("status", "open"),))] == 0
    assert samples[("pledgebot_safeguarding_unacknowledged", ())] == 0
    assert sweep_measured in samples
    began = time.monotonic()
    assert serve.stop() == 0
    assert time.monotonic() - began < GRACE


@pytest.mark.one_database_each  # a serve behaviour, not the database\'s
def test_readyz_is_not_ready_with_no_channel_to_deliver_on(
        database_url: str, tmp_path: Path) -> None:
    # Only half of e-mail's settings: nothing to deliver on (the trial's "ready" bot
    # dead-lettered every alert).
    serve = Serve({"PLEDGEBOT_DATABASE_URL": database_url,
                   "PLEDGEBOT_SMTP_URL": "smtp://127.0.0.1:1"}, tmp_path).start()
    try:
        answers: list[Response] = []

        def answered() -> bool:
            with contextlib.suppress(OSError):
                answers.append(serve.get("/readyz", timeout=1.0))
            return bool(answers)

        wait_until(answered, "serve to answer /readyz", within=30)
        ready = answers[0]
        assert (ready.status, ready.json()["not_ready"], ready.json()["checks"]["channels"]) == (
            503, ["channels"], "no channel to deliver on: e-mail: PLEDGEBOT_SMTP_URL is set but "
            "PLEDGEBOT_EMAIL_FROM is not (both are needed to send e-mail)")
        assert serve.stop() == 0
    finally:
        kill_quietly([serve])


def _drop(database_url: str, postgres_admin: Engine | None) -> None:
    """Take the database away: delete the SQLite file, or drop the PostgreSQL database."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{url.database}{suffix}").unlink(missing_ok=True)
        return
    assert postgres_admin is not None
    with postgres_admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{url.database}" WITH (FORCE)'))


def test_readyz_says_503_and_why_when_the_database_is_gone(
        factory: sessionmaker[Session], database_url: str, started: Callable[..., Serve],
        postgres_admin: Engine | None) -> None:
    serve = started(database_url)
    serve.wait_ready()
    factory.kw["bind"].dispose()
    _drop(database_url, postgres_admin)
    ready = serve.get("/readyz")
    assert (ready.status, ready.json()["ready"], "database" in ready.json()["not_ready"]) == (
        503, False, True)
    assert serve.get("/healthz").status == 200
    assert _samples(serve.get("/metrics").body)[("pledgebot_database_up", ())] == 0
    assert serve.stop() == 0


def test_sigterm_hands_back_what_was_claimed_and_exits_0(
        factory: sessionmaker[Session], database_url: str, started: Callable[..., Serve],
        tmp_path: Path) -> None:
    people = add_people(factory, 5)
    queue_notifications(factory, 200, people)
    record = tmp_path / "deliveries.log"
    # 10 a second: a claimed batch of 50 takes 5 s to send, so SIGTERM finds one half done.
    serve = started(database_url, PLEDGEBOT_RATE_LIMIT_PER_SECOND='{"slack": 10}')
    wait_until(lambda: len(_lines(record)) >= 5, "the first deliveries", within=30)
    began = time.monotonic()
    assert serve.stop(signal.SIGTERM) == 0
    assert time.monotonic() - began < GRACE
    lines = _lines(record)
    statuses = _outbox(factory)
    assert (statuses["sending"], statuses["sent"], statuses["sent"] + statuses["pending"]) == (
        0, len(lines), 200)
    assert len({key for key, *_rest in lines}) == len(lines)
    with factory() as session:
        left = session.execute(select(OutboxMessage.attempts, OutboxMessage.claim_token).where(
            OutboxMessage.status == OutboxStatus.PENDING)).all()
    assert {tuple(row) for row in left} == {(0, None)}
    assert "handed back" in serve.output()


def test_a_second_serve_on_one_sqlite_file_is_refused_in_one_line(
        sqlite_template: Path, tmp_path: Path, started: Callable[..., Serve]) -> None:
    database_url = f"sqlite:///{tmp_path / 'one.db'}"
    (tmp_path / "one.db").write_bytes(sqlite_template.read_bytes())
    first = started(database_url)
    first.wait_ready()
    second = run_cli("serve", cwd=tmp_path, env={
        "PLEDGEBOT_DATABASE_URL": database_url, "PLEDGEBOT_HTTP_PORT": "0"})
    assert second.returncode == 1
    assert second.stderr.decode().splitlines() == [
        f"pledgebot: another `pledgebot serve` (pid {first.pid}) is already running on "
        f"{tmp_path / 'one.db'}; SQLite allows one; use PostgreSQL to run several"]
    assert first.get("/readyz").status == 200
    assert first.stop() == 0


def test_serve_on_a_port_in_use_says_so_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", cwd=tmp_path, env={"PLEDGEBOT_HTTP_PORT": str(port)})
    assert (result.returncode, result.stderr.decode()) == (
        1, f"pledgebot: cannot listen on 127.0.0.1:{port}: Address already in use\n")


@pytest.mark.one_database_each  # a serve behaviour, not the database\'s
def test_a_message_nobody_can_deliver_is_dead_lettered_and_shown(
        factory: sessionmaker[Session], database_url: str, started: Callable[..., Serve],
        tmp_path: Path) -> None:
    people = add_people(factory, 1, preferred=Channel.TELEGRAM)
    queue_notifications(factory, 1, people)
    serve = started(database_url)
    serve.wait_ready()
    wait_until(lambda: _outbox(factory)["dead"] == 1, "the dead letter")
    # The counter is counted once the dead letter is committed, a moment after the row shows
    # (session 18: a clean-clone CI run read /metrics in between).
    dead = ("pledgebot_outbox_dead_letters_total",
            (("channel", "telegram"), ("reason", "unreachable")))
    wait_until(lambda: dead in _samples(serve.get("/metrics").body), "the dead-letter metric")
    samples = _samples(serve.get("/metrics").body)
    assert samples[dead] == 1
    assert samples[("pledgebot_outbox_messages",
                    (("channel", "telegram"), ("status", "dead")))] == 1
    assert serve.stop() == 0
    listed = run_cli("outbox", "list", "--status", "dead", cwd=tmp_path,
                     env={"PLEDGEBOT_DATABASE_URL": database_url})
    assert listed.stdout.decode().splitlines()[1:] == [
        "#1 dead telegram:person0@serve.example serve.test attempts=0 | last error: "
        "unreachable: the telegram channel is not configured and the person has no identity "
        "on a configured channel (configured: slack)"]
    assert "outbox 1 dead-lettered" in serve.output()


def _delivered_keys(record: Path) -> Counter[str]:
    return Counter(key for key, *_rest in _lines(record))


def _expected_keys(factory: sessionmaker[Session], notes: list[str]) -> set[str]:
    with factory() as session:
        reminders = {f"reminder:{key}" for key in session.scalars(select(Reminder.key))}
    return reminders | set(notes)


def _due_work(database_url: str) -> tuple[sessionmaker[Session], list[int], list[str]]:
    """Migrate the database and give 20 people REMINDERS due reminders and NOTES queued
    notifications; the session factory, the people and the notifications' keys."""
    factory = migrated(database_url)
    people = add_people(factory, 20)
    add_due_reminders(factory, REMINDERS, people)
    return factory, people, queue_notifications(factory, NOTES, people)


@pytest.mark.slow
def test_three_serves_on_postgresql_deliver_everything_exactly_once(
        postgres_url: str, started: Callable[..., Serve], tmp_path: Path) -> None:
    factory, _people, notes = _due_work(postgres_url)
    # 100 a second each: one serve alone would take 6 s, long after the others have started.
    serves = [started(postgres_url, PLEDGEBOT_RATE_LIMIT_PER_SECOND='{"slack": 100}')
              for _ in range(3)]
    wait_until(all_delivered(factory, REMINDERS + NOTES), "every delivery", within=60)
    assert [serve.stop() for serve in serves] == [0, 0, 0]
    delivered = _delivered_keys(tmp_path / "deliveries.log")
    assert (set(delivered), max(delivered.values())) == (_expected_keys(factory, notes), 1)
    assert len({pid for *_rest, pid in _lines(tmp_path / "deliveries.log")}) >= 2
    factory.kw["bind"].dispose()


@pytest.mark.slow
def test_a_serve_killed_half_way_loses_nothing_and_repeats_at_most_its_last_delivery(
        postgres_url: str, started: Callable[..., Serve], tmp_path: Path) -> None:
    factory, people, notes = _due_work(postgres_url)
    record = tmp_path / "deliveries.log"
    # 200 a second each: the victim alone would need 3 s, and a batch of 50 takes a quarter
    # of a second, far inside the 2 s lease even on a loaded machine.
    short = {"PLEDGEBOT_OUTBOX_LEASE_SECONDS": "2", "PLEDGEBOT_REMINDER_LEASE_SECONDS": "2",
             "PLEDGEBOT_RATE_LIMIT_PER_SECOND": '{"slack": 200}'}
    serves = [started(postgres_url, **short) for _ in range(3)]
    wait_until(lambda: len(_lines(record)) >= (REMINDERS + NOTES) // 2,
               "half the deliveries", within=60)
    victim = serves[0]
    assert victim.stop(signal.SIGKILL) == -signal.SIGKILL
    wait_until(all_delivered(factory, REMINDERS + NOTES), "the rest, after the lease",
               within=60)
    assert [serve.stop() for serve in serves[1:]] == [0, 0]
    delivered = _delivered_keys(record)
    assert set(delivered) == _expected_keys(factory, notes)
    # A SIGKILL between the platform accepting a message and the outbox marking it sent is
    # the one window no queue can close. The victim's sender delivers to many recipients at
    # once and marks them sent in batches: at most one delivery under way per recipient, plus
    # one delivered and waiting in the batch being marked, each delivered first by the victim
    # and once more after its lease.
    repeated = [key for key, count in delivered.items() if count > 1]
    assert len(repeated) <= 2 * len(people)
    for key in repeated:
        first = next(line for line in _lines(record) if line[0] == key)
        assert (delivered[key], first[4]) == (2, victim.pid)
    factory.kw["bind"].dispose()
