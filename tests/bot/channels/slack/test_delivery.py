"""The outbox delivering to Slack through the real slack_sdk and a fake Web API on 127.0.0.1:
a DM opened and posted, Slack's 429 waited out, a 5xx retried, permanent errors dead-lettered
with their reason, a refused token turning the channel not ready. SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.channels.slack.channel import SlackChannel
from bot.db import transaction
from bot.messages import Button, Notification
from bot.models import OutboxMessage, OutboxStatus
from bot.outbox import OutboxPolicy, OutboxSender, enqueue_many
from bot.templates import make_templates
from tests.bot.channels.slack.fake_slack import fake_slack
from tests.bot.channels.slack.support import (
    Running,
    run_scenario,
    slack_person,
    slack_settings,
)

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAM = "U0SAM0001"
FAST = OutboxPolicy(backoff_base=0.05, backoff_cap=0.1, max_attempts=3)


def _queue(factory: sessionmaker[Session], person_id: int, text: str = "Invoice INV-7 is due",
           buttons: tuple[Button, ...] = ()) -> None:
    with transaction(factory) as session:
        enqueue_many(session, [Notification(person_id=person_id, kind="test", text=text,
                                            idempotency_key="k1", buttons=buttons)])


def _row(factory: sessionmaker[Session]) -> OutboxMessage:
    with factory() as session:
        return session.scalars(select(OutboxMessage)).one()


async def _deliver_until(bot: Running, factory: sessionmaker[Session], done: Any,
                         within: float = 10.0) -> None:
    """Run the channel's outbox sender until ``done(row)`` (fails after ``within`` s)."""
    sender = OutboxSender(factory, bot.channel.kind, bot.channel.deliver, policy=FAST,
                          rate_per_second=100.0, poll_seconds=0.05)
    stop = asyncio.Event()
    task = asyncio.create_task(sender.run_forever(stop))
    deadline = time.monotonic() + within
    try:
        while not done(await asyncio.to_thread(_row, factory)):
            assert time.monotonic() < deadline, "the outbox did not get there in time"
            await asyncio.sleep(0.02)
    finally:
        stop.set()
        await task




def _sent(row: OutboxMessage) -> bool:
    return OutboxStatus(row.status) == OutboxStatus.SENT


def test_a_notification_is_a_direct_message_with_its_buttons(
        factory: sessionmaker[Session], database_url: str) -> None:
    person = slack_person(factory, SAM, "sam@riverside.example")
    _queue(factory, person, "Invoice <INV-7> & co is due",
           (Button(label="Done", action="deadline.done", value="7"),))

    async def scenario(bot: Running) -> None:
        await _deliver_until(bot, factory, _sent)
        assert bot.fake.of("conversations.open") == [{"users": SAM}]
        [post] = bot.fake.of("chat.postMessage")
        assert post["channel"] == f"D{SAM}"
        assert post["text"] == "Invoice &lt;INV-7&gt; &amp; co is due"
        assert post["blocks"][1]["elements"][0]["action_id"] == "deadline.done~0"

    run_scenario(factory, database_url, scenario)


def test_a_429_is_waited_out_and_the_message_goes_once(
        factory: sessionmaker[Session], database_url: str) -> None:
    person = slack_person(factory, SAM, "sam@riverside.example")
    _queue(factory, person)

    async def scenario(bot: Running) -> None:
        bot.fake.fail("chat.postMessage",
                      (429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "2"}))
        began = time.monotonic()
        await _deliver_until(bot, factory, _sent)
        assert time.monotonic() - began >= 2.0
        assert len(bot.fake.of("chat.postMessage")) == 2

    run_scenario(factory, database_url, scenario)
    row = _row(factory)
    assert row.attempts == 1  # being told to wait used up no attempt


def test_a_server_error_is_retried(factory: sessionmaker[Session], database_url: str) -> None:
    person = slack_person(factory, SAM, "sam@riverside.example")
    _queue(factory, person)

    async def scenario(bot: Running) -> None:
        bot.fake.fail("chat.postMessage", (503, {"ok": False, "error": "service_unavailable"},
                                           {}))
        await _deliver_until(bot, factory, _sent)
        assert len(bot.fake.of("chat.postMessage")) == 2

    run_scenario(factory, database_url, scenario)
    assert _row(factory).attempts == 2


@pytest.mark.parametrize(("method", "error"), [
    ("conversations.open", "user_not_found"),
    ("conversations.open", "account_inactive"),
    ("chat.postMessage", "channel_not_found"),
    ("chat.postMessage", "is_archived"),
])
def test_a_permanent_error_is_dead_lettered_with_its_reason(
        factory: sessionmaker[Session], database_url: str, method: str, error: str) -> None:
    person = slack_person(factory, SAM, "sam@riverside.example")
    _queue(factory, person)

    async def scenario(bot: Running) -> None:
        bot.fake.fail(method, (200, {"ok": False, "error": error}, {}))
        await _deliver_until(bot, factory,
                             lambda row: OutboxStatus(row.status) == OutboxStatus.DEAD)
        assert len(bot.fake.of(method)) == 1

    run_scenario(factory, database_url, scenario)
    row = _row(factory)
    assert row.last_error == f"PermanentDeliveryError: {method}: {error}"
    assert row.attempts == 1


@pytest.mark.parametrize("error", ["invalid_auth", "token_revoked"])
def test_a_refused_token_makes_slack_not_ready_and_keeps_the_message(
        factory: sessionmaker[Session], database_url: str, error: str) -> None:
    person = slack_person(factory, SAM, "sam@riverside.example")
    _queue(factory, person)

    async def scenario(bot: Running) -> None:
        assert bot.channel.not_ready() is None
        bot.fake.fail("chat.postMessage", (200, {"ok": False, "error": error}, {}))
        await _deliver_until(bot, factory, lambda row: row.attempts >= 2)
        assert bot.channel.not_ready() == f"Slack refused the bot token ({error})"
        # Once refused, Slack is not called again with the same token.
        assert len(bot.fake.of("chat.postMessage")) == 1

    run_scenario(factory, database_url, scenario)
    row = _row(factory)
    assert OutboxStatus(row.status) == OutboxStatus.PENDING
    assert row.next_attempt_at is not None


def test_a_refused_token_at_start_makes_slack_not_ready(
        factory: sessionmaker[Session], database_url: str) -> None:
    async def main() -> None:
        async with fake_slack() as fake:
            fake.fail("auth.test", (200, {"ok": False, "error": "invalid_auth"}, {}))
            settings = slack_settings(database_url, fake)
            channel = SlackChannel(settings)
            await channel.start(build_router(factory, settings, make_templates()))
            assert channel.not_ready() == "auth.test: invalid_auth"
            await channel.stop()
    asyncio.run(main())


def test_a_429_in_one_conversation_does_not_hold_back_the_others(
        factory: sessionmaker[Session], database_url: str) -> None:
    sam = slack_person(factory, SAM, "sam@riverside.example")
    jo = slack_person(factory, "U0JO00001", "jo@riverside.example")
    with transaction(factory) as session:
        enqueue_many(session, [
            Notification(person_id=person, kind="test", text="Invoice INV-7 is due",
                         idempotency_key=f"k{person}") for person in (sam, jo)])

    def statuses() -> dict[str, OutboxStatus]:
        with factory() as session:
            return {address: OutboxStatus(status) for address, status in session.execute(
                select(OutboxMessage.address, OutboxMessage.status))}

    async def scenario(bot: Running) -> None:
        bot.fake.fail("chat.postMessage",
                      (429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "30"}))
        sender = OutboxSender(factory, bot.channel.kind, bot.channel.deliver, policy=FAST,
                              rate_per_second=100.0)
        await sender.drain()
        assert [post["channel"] for post in bot.fake.of("chat.postMessage")] == [
            f"D{SAM}", "DU0JO00001"]

    run_scenario(factory, database_url, scenario)
    assert statuses() == {SAM: OutboxStatus.PENDING, "U0JO00001": OutboxStatus.SENT}
