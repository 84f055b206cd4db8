"""The outbox: queued with the change, delivered once, retried, dead-lettered, shared safely."""

from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from bot import migrations, outbox
from bot.db import make_engine, make_session_factory, transaction
from bot.errors import DeliveryError, PermanentDeliveryError, RateLimited
from bot.messages import Delivery, Notification
from bot.models import AuditEvent, Channel, ChannelIdentity, OutboxMessage, OutboxStatus
from bot.outbox import OutboxPolicy, OutboxSender
from tests.factories import FIXED_NOW, make_commissioner, make_person
from tests.waiting import until

POLICY = OutboxPolicy(max_attempts=3, lease=timedelta(seconds=60), backoff_base=10,
                      backoff_cap=600, batch_size=10)


def _queue(factory: sessionmaker[Session], person_id: int, count: int, prefix: str = "m") -> None:
    with transaction(factory) as session:
        for number in range(count):
            outbox.enqueue(session, Notification(
                person_id=person_id, kind="test", text=f"message {number}",
                idempotency_key=f"{prefix}-{number}"), now=FIXED_NOW)


def _statuses(factory: sessionmaker[Session]) -> Counter[str]:
    with factory() as session:
        return Counter(s.value for s in session.scalars(select(OutboxMessage.status)))


class Recorder:
    """An in-memory channel that records what it was asked to deliver."""

    def __init__(self, failures: list[Exception] | None = None) -> None:
        self.delivered: list[Delivery] = []
        self.failures = list(failures or [])
        self.lock = threading.Lock()

    async def __call__(self, delivery: Delivery) -> None:
        if self.failures:
            raise self.failures.pop(0)
        with self.lock:
            self.delivered.append(delivery)


def _sender(factory: sessionmaker[Session], deliver: Recorder, now=FIXED_NOW) -> OutboxSender:
    return OutboxSender(factory, Channel.CONSOLE, deliver, policy=POLICY, rate_per_second=1e6,
                        clock=lambda: now)


def test_enqueue_is_idempotent(factory: sessionmaker[Session]) -> None:
    person = make_commissioner(factory)
    with transaction(factory) as session:
        note = Notification(person_id=person, kind="t", text="hi", idempotency_key="same")
        assert outbox.enqueue(session, note, now=FIXED_NOW) is True
        assert outbox.enqueue(session, note, now=FIXED_NOW) is False
    with transaction(factory) as session:
        assert outbox.enqueue(session, note, now=FIXED_NOW) is False
    assert _statuses(factory) == Counter({"pending": 1})


def test_enqueue_picks_the_preferred_channel_and_address(factory: sessionmaker[Session]) -> None:
    person = make_commissioner(factory, email="priya@council.example")
    _queue(factory, person, 1)
    with factory() as session:
        row = session.scalars(select(OutboxMessage)).one()
    assert (row.channel, row.address, row.payload["text"]) == (
        Channel.CONSOLE, "priya@council.example", "message 0")


def test_enqueue_falls_back_to_email_without_an_identity(factory: sessionmaker[Session]) -> None:
    person = make_commissioner(factory, email="tom@council.example",
                               preferred_channel=Channel.TELEGRAM)
    _queue(factory, person, 1)
    with factory() as session:
        row = session.scalars(select(OutboxMessage)).one()
    assert (row.channel, row.address) == (Channel.EMAIL, "tom@council.example")


def test_a_rolled_back_change_queues_nothing(factory: sessionmaker[Session]) -> None:
    person = make_commissioner(factory)
    with pytest.raises(RuntimeError), transaction(factory) as session:
        outbox.enqueue(session, Notification(person_id=person, kind="t", text="x",
                                             idempotency_key="k"), now=FIXED_NOW)
        raise RuntimeError("the change failed")
    assert _statuses(factory) == Counter()


def _migrated_with_a_queue(url: str, count: int, prefix: str = "m"
                           ) -> tuple[Engine, sessionmaker[Session], int]:
    """A new engine on the migrated database at ``url``, its session factory, and a person
    with ``count`` messages queued for them."""
    engine = make_engine(url)
    migrations.upgrade(engine)
    factory = make_session_factory(engine)
    person = make_commissioner(factory)
    _queue(factory, person, count, prefix=prefix)
    return engine, factory, person


def test_crash_between_enqueue_and_send_delivers_once_after_restart(database_url: str) -> None:
    first, _factory, _person = _migrated_with_a_queue(database_url, 5)
    first.dispose()  # the process dies before any sender ran

    second = make_engine(database_url)
    try:
        restarted = make_session_factory(second)
        recorder = Recorder()
        sender = _sender(restarted, recorder)
        assert asyncio.run(sender.drain()) == 5
        assert asyncio.run(sender.drain()) == 0
        assert sorted(d.idempotency_key for d in recorder.delivered) == [
            f"m-{n}" for n in range(5)]
        assert _statuses(restarted) == Counter({"sent": 5})
    finally:
        second.dispose()


def test_a_crashed_senders_claim_is_retried_after_the_lease(
    factory: sessionmaker[Session],
) -> None:
    person = make_commissioner(factory)
    _queue(factory, person, 3)
    lost = outbox.claim(factory, Channel.CONSOLE, policy=POLICY, now=FIXED_NOW, token="crashed")
    assert len(lost) == 3  # ... and then that sender died without sending

    recorder = Recorder()
    within_lease = _sender(factory, recorder, now=FIXED_NOW + timedelta(seconds=30))
    assert asyncio.run(within_lease.drain()) == 0
    after_lease = _sender(factory, recorder, now=FIXED_NOW + timedelta(seconds=61))
    assert asyncio.run(after_lease.drain()) == 3
    assert sorted(d.idempotency_key for d in recorder.delivered) == ["m-0", "m-1", "m-2"]
    # The crashed sender's late "sent" is refused: the row is no longer its claim.
    assert outbox.mark_sent(factory, lost[0], "crashed") is False
    assert _statuses(factory) == Counter({"sent": 3})


def test_transient_failures_are_retried_with_backoff(factory: sessionmaker[Session]) -> None:
    person = make_commissioner(factory)
    _queue(factory, person, 1)
    recorder = Recorder(failures=[DeliveryError("connection reset")])
    asyncio.run(_sender(factory, recorder).drain())
    with factory() as session:
        row = session.scalars(select(OutboxMessage)).one()
    assert (row.status, row.attempts, row.last_error) == (
        OutboxStatus.PENDING, 1, "DeliveryError: connection reset")
    delay = row.next_attempt_at - FIXED_NOW
    assert timedelta(seconds=5) <= delay <= timedelta(seconds=10)  # base 10 s, jitter 50-100 %

    assert asyncio.run(_sender(factory, recorder).drain()) == 0  # not due yet
    later = _sender(factory, recorder, now=FIXED_NOW + timedelta(seconds=11))
    assert asyncio.run(later.drain()) == 1
    assert [d.attempt for d in recorder.delivered] == [2]
    assert _statuses(factory) == Counter({"sent": 1})


def test_backoff_grows_exponentially_and_is_capped() -> None:
    policy = OutboxPolicy(backoff_base=2, backoff_cap=60)
    rng = random.Random(7)
    ceilings = [2, 4, 8, 16, 32, 60, 60]
    for attempts, ceiling in enumerate(ceilings, start=1):
        delay = policy.backoff(attempts, rng).total_seconds()
        assert ceiling / 2 <= delay <= ceiling


def test_dead_letter_after_max_attempts_then_admin_retry(factory: sessionmaker[Session]) -> None:
    person = make_commissioner(factory)
    _queue(factory, person, 1)
    recorder = Recorder(failures=[DeliveryError("down")] * 3)
    now = FIXED_NOW
    for _ in range(3):
        asyncio.run(_sender(factory, recorder, now=now).drain())
        now += timedelta(hours=1)
    assert _statuses(factory) == Counter({"dead": 1})
    dead = outbox.list_messages(factory, status=OutboxStatus.DEAD)
    assert [(m.attempts, m.last_error) for m in dead] == [(3, "DeliveryError: down")]
    assert asyncio.run(_sender(factory, recorder, now=now).drain()) == 0

    assert outbox.retry(factory, [dead[0].id], now=now) == [dead[0].id]
    assert asyncio.run(_sender(factory, recorder, now=now).drain()) == 1
    assert _statuses(factory) == Counter({"sent": 1})
    with factory() as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["outbox.dead", "outbox.retry"]


def test_permanent_failure_is_dead_at_once(factory: sessionmaker[Session]) -> None:
    person = make_commissioner(factory)
    _queue(factory, person, 1)
    recorder = Recorder(failures=[PermanentDeliveryError("user_not_found")])
    asyncio.run(_sender(factory, recorder).drain())
    assert _statuses(factory) == Counter({"dead": 1})


def test_rate_limited_waits_as_told_without_using_an_attempt(
    factory: sessionmaker[Session],
) -> None:
    person = make_commissioner(factory)
    _queue(factory, person, 1)
    recorder = Recorder(failures=[RateLimited(retry_after=30)] * 5)
    now = FIXED_NOW
    for _ in range(5):
        asyncio.run(_sender(factory, recorder, now=now).drain())
        now += timedelta(seconds=31)
    with factory() as session:
        row = session.scalars(select(OutboxMessage)).one()
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 0)
    assert asyncio.run(_sender(factory, recorder, now=now).drain()) == 1


def test_retry_of_a_message_that_is_not_dead_does_nothing(
    factory: sessionmaker[Session],
) -> None:
    person = make_commissioner(factory)
    _queue(factory, person, 1)
    with factory() as session:
        row_id = session.scalars(select(OutboxMessage.id)).one()
    assert outbox.retry(factory, [row_id, 999]) == []
    assert _statuses(factory) == Counter({"pending": 1})


def test_urgent_messages_go_first(factory: sessionmaker[Session]) -> None:
    person = make_commissioner(factory)
    _queue(factory, person, 3)
    with transaction(factory) as session:
        outbox.enqueue(session, Notification(person_id=person, kind="safeguarding", text="now",
                                             idempotency_key="urgent", urgent=True),
                       now=FIXED_NOW + timedelta(seconds=1))
    recorder = Recorder()
    asyncio.run(_sender(factory, recorder, now=FIXED_NOW + timedelta(seconds=2)).drain())
    assert recorder.delivered[0].idempotency_key == "urgent"


def _concurrent_senders(engine_url: str, person: int, total: int, workers: int) -> list[str]:
    engines: list[Engine] = [make_engine(engine_url, pool_size=2) for _ in range(workers)]
    recorder = Recorder()
    policy = OutboxPolicy(batch_size=25, lease=timedelta(minutes=5))
    barrier = threading.Barrier(workers)

    def work(engine: Engine) -> None:
        sender = OutboxSender(make_session_factory(engine), Channel.CONSOLE, recorder,
                              policy=policy, rate_per_second=1e9)
        barrier.wait()
        asyncio.run(sender.drain())

    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for future in [pool.submit(work, engine) for engine in engines]:
                future.result()
    finally:
        for engine in engines:
            engine.dispose()
    return [d.idempotency_key for d in recorder.delivered]


def _four_senders_deliver_each_message_once(url: str, count: int) -> None:
    engine, factory, person = _migrated_with_a_queue(url, count, prefix=uuid.uuid4().hex[:6])
    keys = _concurrent_senders(url, person, count, workers=4)
    duplicates = [key for key, times in Counter(keys).items() if times > 1]
    assert (len(keys), len(set(keys)), duplicates) == (count, count, [])
    assert _statuses(factory) == Counter({"sent": count})
    engine.dispose()


@pytest.mark.slow
def test_four_concurrent_senders_on_postgresql_deliver_each_message_once(
    postgres_url: str,
) -> None:
    _four_senders_deliver_each_message_once(postgres_url, 1000)


def test_four_concurrent_senders_on_sqlite_deliver_each_message_once(sqlite_url: str) -> None:
    _four_senders_deliver_each_message_once(sqlite_url, 300)


def test_enqueue_many_matches_enqueue(factory: sessionmaker[Session]) -> None:
    console = make_commissioner(factory, email="priya@council.example")
    telegram_less = make_commissioner(factory, email="tom@council.example",
                                      preferred_channel=Channel.TELEGRAM)
    notes = [Notification(person_id=console, kind="t", text="a", idempotency_key="k1"),
             Notification(person_id=telegram_less, kind="t", text="b", idempotency_key="k2"),
             Notification(person_id=console, kind="t", text="c", idempotency_key="k1")]
    with transaction(factory) as session:
        assert outbox.enqueue_many(session, notes, now=FIXED_NOW) == 2
    with transaction(factory) as session:
        assert outbox.enqueue_many(session, notes, now=FIXED_NOW) == 0
    with factory() as session:
        rows = session.execute(select(OutboxMessage.idempotency_key, OutboxMessage.channel,
                                      OutboxMessage.address).order_by(OutboxMessage.id)).all()
    assert [tuple(row) for row in rows] == [
        ("k1", Channel.CONSOLE, "priya@council.example"),
        ("k2", Channel.EMAIL, "tom@council.example")]


def test_a_database_outage_is_two_log_lines_with_back_off(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "not-yet"
    engine = make_engine(f"sqlite:///{folder / 'bot.db'}")  # the folder does not exist yet
    sender = OutboxSender(make_session_factory(engine), Channel.CONSOLE, Recorder(),
                          policy=POLICY, rate_per_second=1e6, poll_seconds=0.01)
    stop = asyncio.Event()

    async def outage() -> int:
        running = asyncio.create_task(sender.run_forever(stop))
        deadline = time.monotonic() + 20
        tries = 0
        while "recovered" not in caplog.text and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            tries += 1
            if tries == 10:  # half a second of outage, then the database comes back
                folder.mkdir()
                migrations.upgrade(engine)
        stop.set()
        await running
        return tries

    with caplog.at_level(logging.WARNING, logger="bot.outbox"):
        asyncio.run(outage())
    engine.dispose()
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 2, lines
    assert lines[0].startswith("outbox sender for console cannot reach the database "
                               "(OperationalError: ")
    assert lines[0].endswith("; retrying with back-off")
    assert lines[1].startswith("outbox sender for console recovered after ")
    assert not any(record.exc_info for record in caplog.records)


def _rows(factory: sessionmaker[Session]) -> list[tuple[str, str, str, str | None]]:
    with factory() as session:
        return [(row.channel.value, row.address, row.status.value, row.last_error)
                for row in session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def _kim_with_messages(factory: sessionmaker[Session], channel: Channel, *,
                       also: tuple[Channel, str] | None = None, messages: int = 1) -> None:
    """Kim, who prefers Slack, known on ``channel`` (and verified on ``also``: a channel and an
    address), with ``messages`` queued for her."""
    person = make_person(factory, email="kim@council.example", channel=channel,
                         preferred_channel=Channel.SLACK)
    if also is not None:
        with transaction(factory) as session:
            session.add(ChannelIdentity(person_id=person, channel=also[0], address=also[1],
                                        verified=True))
    _queue(factory, person, messages)


def test_reroute_moves_a_message_for_an_unserved_channel_to_email_first(
        factory: sessionmaker[Session]) -> None:
    _kim_with_messages(factory, Channel.SLACK, also=(Channel.TELEGRAM, "42"))
    result = outbox.reroute_unreachable(factory, [Channel.TELEGRAM, Channel.EMAIL],
                                        now=FIXED_NOW)
    assert (result.moved, result.dead) == ([(1, Channel.SLACK, Channel.EMAIL)], [])
    assert _rows(factory) == [("email", "kim@council.example", "pending", None)]


def test_reroute_uses_another_channel_the_person_has(factory: sessionmaker[Session]) -> None:
    _kim_with_messages(factory, Channel.TELEGRAM, also=(Channel.SLACK, "U1"))
    outbox.reroute_unreachable(factory, [Channel.TELEGRAM], now=FIXED_NOW)
    assert _rows(factory) == [("telegram", "kim@council.example", "pending", None)]


def test_reroute_dead_letters_at_once_with_the_reason_when_nothing_can_reach_the_person(
        factory: sessionmaker[Session]) -> None:
    _kim_with_messages(factory, Channel.SLACK)
    result = outbox.reroute_unreachable(factory, [Channel.TELEGRAM], now=FIXED_NOW)
    reason = ("unreachable: the slack channel is not configured and the person has no "
              "identity on a configured channel (configured: telegram)")
    assert (result.moved, result.dead) == ([], [(1, Channel.SLACK, reason)])
    assert _rows(factory) == [("slack", "kim@council.example", "dead", reason)]
    with factory() as session:
        assert session.scalars(select(AuditEvent.subject).where(
            AuditEvent.action == "outbox.dead")).all() == ["outbox:1"]


def test_reroute_leaves_messages_for_served_channels_alone(
        factory: sessionmaker[Session]) -> None:
    _kim_with_messages(factory, Channel.SLACK, messages=2)
    result = outbox.reroute_unreachable(factory, [Channel.SLACK], now=FIXED_NOW)
    assert (result.moved, result.dead) == ([], [])
    assert [row[2] for row in _rows(factory)] == ["pending", "pending"]


# -- concurrent delivery across recipients -------------------------------------------------------


class Gate:
    """A channel whose deliveries wait until the test lets each one through.

    It records what is under way, the most under way at once overall and to one recipient,
    and what got through, in order.
    """

    def __init__(self) -> None:
        self.in_flight: dict[str, Delivery] = {}
        self.gates: dict[str, asyncio.Event] = {}
        self.everything = asyncio.Event()
        self.most_at_once = 0
        self.most_to_one = 0
        self.delivered: list[Delivery] = []

    async def __call__(self, delivery: Delivery) -> None:
        key = delivery.idempotency_key
        self.in_flight[key] = delivery
        self.most_at_once = max(self.most_at_once, len(self.in_flight))
        self.most_to_one = max(self.most_to_one, Counter(
            d.address for d in self.in_flight.values())[delivery.address])
        gate = self.gates.setdefault(key, asyncio.Event())
        try:
            waiting = [asyncio.create_task(gate.wait()),
                       asyncio.create_task(self.everything.wait())]
            try:
                await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in waiting:
                    task.cancel()
        finally:
            del self.in_flight[key]
        self.delivered.append(delivery)

    def let_through(self, *keys: str) -> None:
        for key in keys:
            self.gates.setdefault(key, asyncio.Event()).set()

    def under_way(self) -> set[str]:
        return set(self.in_flight)


@pytest.fixture
def gate() -> Gate:
    return Gate()


def _queue_round_robin(factory: sessionmaker[Session], *, people: int, each: int) -> None:
    """``each`` messages for each of ``people`` new people, queued round-robin: key
    ``p<person index>-<number>``."""
    ids = [make_commissioner(factory, email=f"person{n}@council.example")
           for n in range(people)]
    with transaction(factory) as session:
        for number in range(each):
            for index, person in enumerate(ids):
                outbox.enqueue(session, Notification(
                    person_id=person, kind="test", text=f"message {number}",
                    idempotency_key=f"p{index}-{number}"), now=FIXED_NOW)


def _gated_sender(factory: sessionmaker[Session], gate: Gate, *, max_in_flight: int = 64
                  ) -> OutboxSender:
    policy = OutboxPolicy(max_attempts=3, lease=timedelta(seconds=60), batch_size=50,
                          max_in_flight=max_in_flight)
    return OutboxSender(factory, Channel.CONSOLE, gate, policy=policy, rate_per_second=1e6,
                        clock=lambda: FIXED_NOW)


def _gated_pass(factory: sessionmaker[Session], gate: Gate,
                script: Callable[[], Awaitable[None]], *, stop: asyncio.Event | None = None,
                max_in_flight: int = 64) -> int:
    """One pass of a gated sender (``run_once``) while ``script`` watches ``gate`` and lets
    deliveries through; the number the pass sent."""
    async def work() -> int:
        running = asyncio.create_task(
            _gated_sender(factory, gate, max_in_flight=max_in_flight).run_once(stop))
        await script()
        return await running

    return asyncio.run(work())


def _send_the_rest(factory: sessionmaker[Session]) -> list[str]:
    """Drain what is left with a fresh (ungated) sender: the keys it delivered, in order."""
    recorder = Recorder()
    sent = asyncio.run(_sender(factory, recorder).drain())
    keys = [d.idempotency_key for d in recorder.delivered]
    assert sent == len(keys)
    return keys


def _by_status(factory: sessionmaker[Session]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    with factory() as session:
        for key, status in session.execute(select(
                OutboxMessage.idempotency_key, OutboxMessage.status).order_by(OutboxMessage.id)):
            found.setdefault(status.value, []).append(key)
    return found


def test_messages_to_different_recipients_are_under_way_at_once_never_two_to_one(
        factory: sessionmaker[Session], gate: Gate) -> None:
    _queue_round_robin(factory, people=3, each=3)

    async def rounds() -> None:
        for number in range(3):
            expected = {f"p{index}-{number}" for index in range(3)}
            await until(lambda: gate.under_way() == expected,  # noqa: B023
                         f"round {number}: {expected} under way together")
            gate.let_through(*expected)

    assert _gated_pass(factory, gate, rounds) == 9
    assert (gate.most_at_once, gate.most_to_one) == (3, 1)
    for index in range(3):  # each recipient's messages in the order queued
        assert [d.idempotency_key for d in gate.delivered if d.idempotency_key.startswith(
            f"p{index}-")] == [f"p{index}-{number}" for number in range(3)]
    assert _statuses(factory) == Counter({"sent": 9})


def test_no_more_than_max_in_flight_deliveries_are_under_way(
        factory: sessionmaker[Session], gate: Gate) -> None:
    _queue_round_robin(factory, people=5, each=1)

    async def one_at_a_time() -> None:
        for remaining in (5, 4, 3, 2, 1):
            await until(lambda: len(gate.under_way()) == min(2, remaining),  # noqa: B023
                         f"{min(2, remaining)} under way")
            gate.let_through(sorted(gate.under_way())[0])
            await until(lambda: len(gate.delivered) == 6 - remaining,  # noqa: B023
                         "one more delivered")

    assert _gated_pass(factory, gate, one_at_a_time, max_in_flight=2) == 5
    assert gate.most_at_once == 2
    assert _statuses(factory) == Counter({"sent": 5})


def test_a_stop_mid_pass_marks_what_went_and_hands_back_the_rest_to_send_once(
        factory: sessionmaker[Session], gate: Gate) -> None:
    _queue_round_robin(factory, people=3, each=3)
    stop = asyncio.Event()

    async def stop_mid_pass() -> None:
        first = {"p0-0", "p1-0", "p2-0"}
        await until(lambda: gate.under_way() == first, "the first three under way")
        stop.set()  # while three are being delivered: they finish, nothing else starts
        gate.let_through(*first)

    assert _gated_pass(factory, gate, stop_mid_pass, stop=stop) == 3
    assert gate.most_at_once == 3
    rows = _by_status(factory)
    assert sorted(rows["sent"]) == ["p0-0", "p1-0", "p2-0"]
    assert sorted(rows["pending"]) == [f"p{i}-{n}" for i in range(3) for n in (1, 2)]
    with factory() as session:  # handed back without using up an attempt
        assert set(session.scalars(select(OutboxMessage.attempts).where(
            OutboxMessage.status == OutboxStatus.PENDING))) == {0}

    rest = _send_the_rest(factory)
    assert len(rest) == 6
    keys = [d.idempotency_key for d in gate.delivered] + rest
    assert sorted(keys) == sorted(f"p{i}-{n}" for i in range(3) for n in range(3))
    assert _statuses(factory) == Counter({"sent": 9})


def test_a_cancelled_pass_marks_what_was_delivered_and_hands_back_the_rest(
        factory: sessionmaker[Session], gate: Gate) -> None:
    _queue_round_robin(factory, people=3, each=2)

    async def work() -> None:
        running = asyncio.create_task(_gated_sender(factory, gate).run_once())
        await until(lambda: gate.under_way() == {"p0-0", "p1-0", "p2-0"}, "three under way")
        gate.let_through("p0-0")
        await until(lambda: gate.under_way() == {"p0-1", "p1-0", "p2-0"},
                     "p0-0 delivered and p0-1 under way")
        running.cancel()  # as a process being shut down cuts the loop short
        with pytest.raises(asyncio.CancelledError):
            await running

    asyncio.run(work())
    assert [d.idempotency_key for d in gate.delivered] == ["p0-0"]
    rows = _by_status(factory)
    assert (rows["sent"], sorted(rows["pending"])) == (
        ["p0-0"], ["p0-1", "p1-0", "p1-1", "p2-0", "p2-1"])

    assert sorted(_send_the_rest(factory)) == ["p0-1", "p1-0", "p1-1", "p2-0", "p2-1"]
    assert _statuses(factory) == Counter({"sent": 6})


def test_deliveries_that_finish_together_are_marked_sent_in_one_transaction(
        factory: sessionmaker[Session], gate: Gate, monkeypatch: pytest.MonkeyPatch) -> None:
    _queue_round_robin(factory, people=10, each=1)
    marks: list[int] = []
    real = outbox.mark_sent_many

    def counted(*args: Any, **kwargs: Any) -> set[int]:
        marks.append(len(args[1]))
        return real(*args, **kwargs)

    monkeypatch.setattr(outbox, "mark_sent_many", counted)

    async def all_at_once() -> None:
        await until(lambda: len(gate.under_way()) == 10, "all ten under way")
        gate.everything.set()

    assert _gated_pass(factory, gate, all_at_once) == 10
    assert marks == [10]
    assert _statuses(factory) == Counter({"sent": 10})


def test_mark_sent_many_marks_only_rows_still_claimed_by_their_token(
        factory: sessionmaker[Session]) -> None:
    person = make_commissioner(factory)
    _queue(factory, person, 3)
    first = outbox.claim(factory, Channel.CONSOLE, policy=POLICY, now=FIXED_NOW, token="a",
                         limit=2)
    taken_over = outbox.claim(factory, Channel.CONSOLE, policy=POLICY, token="b",
                              now=FIXED_NOW + timedelta(seconds=61))
    assert [d.outbox_id for d in taken_over] == [d.outbox_id for d in first] + [3]
    assert outbox.mark_sent_many(factory, [(d, "a") for d in first], now=FIXED_NOW) == set()
    assert outbox.mark_sent_many(factory, [(taken_over[0], "b"), (taken_over[2], "b")],
                                 now=FIXED_NOW) == {taken_over[0].outbox_id, 3}
    assert _by_status(factory) == {"sent": ["m-0", "m-2"], "sending": ["m-1"]}


def test_a_claim_takes_no_more_than_its_limit(factory: sessionmaker[Session]) -> None:
    person = make_commissioner(factory)
    _queue(factory, person, 5)
    taken = outbox.claim(factory, Channel.CONSOLE, policy=POLICY, now=FIXED_NOW, limit=2)
    assert [d.idempotency_key for d in taken] == ["m-0", "m-1"]
    assert _by_status(factory) == {"sending": ["m-0", "m-1"],
                                   "pending": ["m-2", "m-3", "m-4"]}


def test_a_pass_under_a_long_queue_ends_after_its_share_and_the_next_goes_on(
        factory: sessionmaker[Session]) -> None:
    person = make_commissioner(factory)
    _queue(factory, person, 50)
    recorder = Recorder()
    policy = OutboxPolicy(lease=timedelta(seconds=60), batch_size=2)
    sender = OutboxSender(factory, Channel.CONSOLE, recorder, policy=policy,
                          rate_per_second=1e6, clock=lambda: FIXED_NOW)
    first = asyncio.run(sender.run_once())
    assert outbox.PASS_BATCHES * 2 <= first <= outbox.PASS_BATCHES * 2 + 1
    assert first + asyncio.run(sender.drain()) == 50
    assert [d.idempotency_key for d in recorder.delivered] == [f"m-{n}" for n in range(50)]
    assert _statuses(factory) == Counter({"sent": 50})


def test_the_rate_limiter_serves_waiters_in_the_order_they_came() -> None:
    limiter = outbox.RateLimiter(200.0, burst=1.0)
    served: list[int] = []

    async def one(number: int) -> None:
        await limiter.acquire()
        served.append(number)

    async def work() -> None:
        await asyncio.gather(*(one(number) for number in range(6)))

    asyncio.run(work())
    assert served == list(range(6))


def test_a_claim_with_a_message_tried_again_hands_back_the_new_ones_too(
    factory: sessionmaker[Session],
) -> None:
    # Within one pass, a claim that brings back a message the pass already tried (its retry
    # fell due) ends the pass's claiming: everything in that claim, new messages included, is
    # handed back at once with its attempt returned, not left "sending" until the lease ends.
    person = make_commissioner(factory)
    _queue(factory, person, 2)
    sender = _sender(factory, Recorder())
    with transaction(factory) as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        tried_before = rows[0].id
    one_pass = outbox._Pass(sender, None)
    one_pass.tried.add(tried_before)
    assert asyncio.run(one_pass._claim()) is False
    assert one_pass.held == {}
    with transaction(factory) as session:
        after = [(row.status.value, row.attempts, row.claim_token)
                 for row in session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]
    assert after == [("pending", 0, None), ("pending", 0, None)]


@pytest.mark.parametrize(("older", "newer", "superseded"), [
    # A newer chase replaces an older one, in the person's own line and in a cover's.
    ("reminder:d1:p2:chase:2026-12-08", "reminder:d1:p2:chase:2026-12-09", True),
    ("reminder:d1:p2:chase:2026-12-08:cover:2", "reminder:d1:p2:chase:2026-12-09:cover:2", True),
    # The person's own line and a cover's copy are apart.
    ("reminder:d1:p2:chase:2026-12-08", "reminder:d1:p2:chase:2026-12-09:cover:2", False),
    # An escalation's copy is a line of its own (session 37's review: a cover for both a
    # commissioner and their escalation contact had it withdrawn by the commissioner's chase).
    ("reminder:d1:escalation:cover:2", "reminder:d1:p2:chase:2026-12-09:cover:2", False),
    ("reminder:d1:escalation", "reminder:d1:p2:chase:2026-12-09", False),
])
def test_which_waiting_reminder_a_newer_one_supersedes(older: str, newer: str,
                                                       superseded: bool) -> None:
    assert (outbox._same_thread(older) == outbox._same_thread(newer)) is superseded
