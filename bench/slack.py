"""Benchmark: the Slack channel (real slack-bolt and slack_sdk) against a fake Slack on 127.0.0.1.

1. **Replies**: ``--messages`` signed direct-message events (each from a different registered
   person, asking "what is pledge 29?", answered from the shipped knowledge base) posted to
   ``POST /slack/events`` of the serve web app (httpx's ASGI transport, ``--concurrency`` at a
   time); each one's latency runs from the start of its POST until the fake Web API receives the
   ``chat.postMessage`` of its reply. Replies per second over the whole run, p50 and p99.
2. **Delivery**: ``--notifications`` queued notifications to ``--people`` people delivered by
   the outbox sender through the channel (``conversations.open`` + ``chat.postMessage``), the
   fake refusing with 429 (``Retry-After: 1``) any message less than a second after the last in
   the same conversation, as Slack does. Total time from the first claim to the last row marked
   sent, against the theoretical minimum (each conversation's messages one second apart:
   ``ceil(notifications / people) - 1`` seconds), and the 429s received. The Slack rate across
   conversations is set to ``--rate`` (``PLEDGEBOT_RATE_LIMIT_PER_SECOND``'s ``slack``).

Both on SQLite and PostgreSQL (``--db`` to pick one).

    python bench/slack.py [--messages 300] [--concurrency 8] [--notifications 1000]
        [--people 50] [--rate 60] [--db sqlite|postgresql]

Figures in bench/README.md.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _db import DATABASES, channel_parser, fresh_database  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402

from bot.models import OutboxMessage, OutboxStatus  # noqa: E402
from bot.outbox import OutboxPolicy, OutboxSender  # noqa: E402
from knowledge.answers import Answerer  # noqa: E402
from knowledge.base import PACKAGED, KnowledgeBase  # noqa: E402
from tests.bot.channels.slack.support import Running, running  # noqa: E402
from tests.serving import add_people, migrated, queue_notifications  # noqa: E402


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


async def _replies(bot: Running, users: list[str], concurrency: int) -> tuple[float, list[float]]:
    gate = asyncio.Semaphore(concurrency)
    sent: dict[str, float] = {}

    async def one(user: str) -> None:
        async with gate:
            sent[f"D{user}"] = time.monotonic()
            answer = await bot.slack.dm(user, "what is pledge 29?")
            assert answer.status_code == 200, answer.status_code

    began = time.monotonic()
    await asyncio.gather(*(one(user) for user in users))
    await bot.fake.wait_for("chat.postMessage", len(users), within=300)
    ended = max(call.at for call in bot.fake.calls if call.method == "chat.postMessage")
    latencies = [call.at - sent[call.args["channel"]] for call in bot.fake.calls
                 if call.method == "chat.postMessage"]
    assert len(latencies) == len(users), "one reply per message"
    return ended - began, latencies


def replies(url: str, messages: int, concurrency: int, answerer: Answerer) -> None:
    """Part 1 on the database at ``url``."""
    factory = migrated(url)
    add_people(factory, messages)
    users = [f"U{n:05d}" for n in range(messages)]

    async def main() -> tuple[float, list[float]]:
        async with running(factory, url, answerer) as bot:
            return await _replies(bot, users, concurrency)

    seconds, latencies = asyncio.run(main())
    factory.kw["bind"].dispose()
    print(f"  replies: {messages} DMs, concurrency {concurrency}: {messages / seconds:.1f} "
          f"replies/s, p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p99 {_percentile(latencies, 0.99) * 1000:.0f} ms")


def _left(factory: sessionmaker[Session]) -> int:
    """Outbox rows still to be sent (pending, or claimed and not yet marked)."""
    with factory() as session:
        return session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]))) or 0


def delivery(url: str, notifications: int, people: int, rate: float) -> None:
    """Part 2 on the database at ``url``."""
    factory = migrated(url)
    ids = add_people(factory, people)
    queue_notifications(factory, notifications, ids)

    async def main() -> tuple[float, int, int]:
        async with running(factory, url, rate_limit_per_second={"slack": rate}) as bot:
            bot.fake.per_conversation_seconds = 1.0
            sender = OutboxSender(factory, bot.channel.kind, bot.channel.deliver,
                                  policy=OutboxPolicy(batch_size=200),
                                  rate_per_second=bot.channel.rate_per_second)
            began = time.monotonic()
            # A message refused with a 429 waits its Retry-After; drain() stops when nothing
            # is due *now*, so go on until every row is sent.
            await sender.drain()
            while await asyncio.to_thread(_left, factory):
                await asyncio.sleep(0.05)
                await sender.drain()
            seconds = time.monotonic() - began
            return seconds, bot.fake.refused, len(bot.fake.of("chat.postMessage"))

    seconds, refused, posts = asyncio.run(main())
    with factory() as session:
        sent = session.scalar(select(func.count()).select_from(OutboxMessage)
                              .where(OutboxMessage.status == OutboxStatus.SENT))
    factory.kw["bind"].dispose()
    assert sent == notifications, f"{sent} of {notifications} sent"
    minimum = math.ceil(notifications / people) - 1
    print(f"  delivery: {notifications} notifications to {people} people at up to {rate:g}/s: "
          f"{seconds:.1f} s, theoretical minimum {minimum} s (+{(seconds / minimum - 1) * 100:.1f}"
          f" %), 429s {refused} ({refused / notifications * 100:.2f} per 100), "
          f"chat.postMessage calls {posts}")


def main() -> None:
    """Run both parts on each database."""
    parser = channel_parser(__doc__, messages=300, concurrency=8, notifications=1000, people=50,
                            rate=60.0)
    args = parser.parse_args()
    answerer = Answerer(KnowledgeBase([PACKAGED]))
    for kind in args.db or DATABASES:
        print(f"{kind}:")
        with fresh_database(kind) as url:
            replies(url, args.messages, args.concurrency, answerer)
        with fresh_database(kind) as url:
            delivery(url, args.notifications, args.people, args.rate)


if __name__ == "__main__":
    main()
