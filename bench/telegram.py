"""Benchmark: the Telegram channel (python-telegram-bot 22) against a fake Bot API on 127.0.0.1.

1. **Updates per second by long polling**: ``--updates`` questions from as many linked people
   pushed into the fake's ``getUpdates``, timed until the fake has received every reply
   (``sendMessage``). Telegram's sending limits are off here (they would cap replies at 30 a
   second): this is what the bot can handle.
2. **Updates per second by webhook**: the same through ``POST /telegram/webhook`` on the serve
   web app (in-process ASGI transport, ``--concurrency`` requests at a time).
3. **A burst of 1,000 notifications to 100 chats** through the outbox sender and the channel,
   against the fake enforcing Telegram's limits (over 30 sends in the last second, or a second
   send to one chat within a second, gets a 429 with ``retry_after``): total time against the
   theoretical minimum (1,000 / 30 a second = 33.3 s) and the 429s received.

Each of 1 and 2 runs on SQLite and PostgreSQL; 3 on SQLite (the database is not what limits it).

    python bench/telegram.py [--updates 300] [--concurrency 8] [--burst 1000] [--db sqlite]

Figures in bench/README.md.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _db import DATABASES, channel_parser, fresh_database  # noqa: E402

# This file is bench/telegram.py: with bench/ first on the path, ``import telegram`` would
# import it again instead of python-telegram-bot.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]

import httpx  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402

from bot.app import build_router, connect  # noqa: E402
from bot.channels.telegram.channel import Pacer, TelegramChannel  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.db import transaction  # noqa: E402
from bot.models import (  # noqa: E402
    Channel,
    ChannelIdentity,
    Organisation,
    OrganisationKind,
    Person,
    Role,
)
from bot.outbox import OutboxPolicy, OutboxSender  # noqa: E402
from bot.templates import make_templates  # noqa: E402
from bot.web import Metrics, WebApp  # noqa: E402
from knowledge.answers import Answerer  # noqa: E402
from knowledge.base import PACKAGED, KnowledgeBase  # noqa: E402
from tests.bot.channels.fake_telegram import TOKEN, FakeBotApi, fake_bot_api, text_update  # noqa: E402
from tests.serving import all_delivered, queue_notifications  # noqa: E402

QUESTION = "How quickly should the council pay an invoice?"
SECRET = "bench-secret"  # noqa: S105 - the fake's
FIRST_ID = 10_000


def _people(factory: sessionmaker[Session], count: int) -> list[int]:
    """``count`` providers linked to Telegram ids FIRST_ID...; their person ids."""
    with transaction(factory) as session:
        provider = Organisation(name="Bench Care Ltd", kind=OrganisationKind.PROVIDER)
        council = Organisation(name="Bench Council", kind=OrganisationKind.COUNCIL)
        session.add_all([provider, council])
        session.flush()
        ids = session.scalars(insert(Person).returning(Person.id), [
            {"organisation_id": provider.id, "name": f"Person {n}", "role": Role.PROVIDER,
             "email": f"p{n}@bench.example", "preferred_channel": Channel.TELEGRAM,
             "timezone": "Europe/London", "active": True, "safeguarding_lead": False}
            for n in range(count)]).all()
        session.execute(insert(ChannelIdentity), [
            {"person_id": pid, "channel": Channel.TELEGRAM, "address": str(FIRST_ID + n),
             "verified": True} for n, pid in enumerate(ids)])
        return list(ids)


async def _until(check: Callable[[], bool], within: float = 600.0) -> None:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError("the benchmark did not finish")
        await asyncio.sleep(0.005)


async def _updates_per_second(url: str, api: FakeBotApi, count: int, *, webhook: bool,
                              concurrency: int, answerer: Answerer) -> float:
    extra = {"telegram_webhook_url": "https://bench.example/telegram/webhook",
             "telegram_webhook_secret": SECRET} if webhook else {}
    settings = Settings(database_url=url, telegram_bot_token=TOKEN, telegram_api_url=api.url,
                        **extra)
    engine, factory = connect(settings)
    _people(factory, count)
    router = build_router(factory, settings, make_templates(), answerer=answerer)
    channel = TelegramChannel(settings, email_configured=lambda: False, poll_timeout=1.0,
                              pacer=Pacer(overall=1e9, per_chat=0.0))
    await channel.start(router)
    updates = [text_update(n + 1, QUESTION, user_id=FIRST_ID + n) for n in range(count)]
    try:
        began = time.perf_counter()
        if webhook:
            web = WebApp(Metrics())
            channel.add_routes(web)
            limit = asyncio.Semaphore(concurrency)
            transport = httpx.ASGITransport(app=web.build())
            async with httpx.AsyncClient(transport=transport, base_url="http://b") as client:
                async def post(update: dict[str, object]) -> None:
                    async with limit:
                        answer = await client.post(
                            "/telegram/webhook", json=update,
                            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
                        assert answer.status_code == 200
                await asyncio.gather(*(post(update) for update in updates))
        else:
            for update in updates:
                api.push(update)
        await _until(lambda: len(api.sent()) >= count)
        seconds = time.perf_counter() - began
    finally:
        await channel.stop()
        engine.dispose()
    assert len(api.sent()) == count, "every update answered once"
    return count / seconds


async def _burst(url: str, api: FakeBotApi, messages: int, chats: int) -> tuple[float, int]:
    api.enforce_limits = True
    settings = Settings(database_url=url, telegram_bot_token=TOKEN, telegram_api_url=api.url)
    engine, factory = connect(settings)
    people = _people(factory, chats)
    router = build_router(factory, settings, make_templates())
    channel = TelegramChannel(settings, email_configured=lambda: False, poll_timeout=1.0,
                              rate_per_second=30.0)
    await channel.start(router)
    sender = OutboxSender(factory, Channel.TELEGRAM, channel.deliver,
                          policy=OutboxPolicy(lease=timedelta(seconds=120)),
                          rate_per_second=30.0, poll_seconds=0.1)
    stop = asyncio.Event()
    try:
        queue_notifications(factory, messages, people, prefix="bench")
        began = time.perf_counter()
        running = asyncio.create_task(sender.run_forever(stop))
        await _until(lambda: len(api.sent()) >= messages)
        seconds = time.perf_counter() - began
        await _until(all_delivered(factory, messages), within=30)
        stop.set()
        await running
    finally:
        await channel.stop()
        engine.dispose()
    return seconds, api.too_many


def main() -> None:
    parser = channel_parser(__doc__, updates=300, concurrency=8, burst=1000, chats=100)
    parser.add_argument("--skip-burst", action="store_true")
    args = parser.parse_args()
    answerer = Answerer(KnowledgeBase([PACKAGED]))
    for kind in args.db or DATABASES:
        for webhook in (False, True):
            with fresh_database(kind) as url, fake_bot_api() as api:
                rate = asyncio.run(_updates_per_second(
                    url, api, args.updates, webhook=webhook, concurrency=args.concurrency,
                    answerer=answerer))
            how = f"webhook (x{args.concurrency})" if webhook else "long polling"
            print(f"{kind:10s} {how:16s} {args.updates} updates: {rate:6.1f} updates/s "
                  "(question in, answer received by the fake)")
    if args.skip_burst:
        return
    with fresh_database("sqlite") as url, fake_bot_api() as api:
        seconds, too_many = asyncio.run(_burst(url, api, args.burst, args.chats))
    minimum = max(args.burst / 30.0, args.burst / args.chats - 1)
    print(f"burst of {args.burst} to {args.chats} chats: {seconds:.1f} s against a minimum of "
          f"{minimum:.1f} s ({100 * (seconds / minimum - 1):+.1f} %); 429s received: "
          f"{too_many} ({100 * too_many / args.burst:.2f} %)")


if __name__ == "__main__":
    main()
