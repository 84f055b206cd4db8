"""Telegram inside a real ``pledgebot serve`` subprocess, against the fake Bot API.

Readiness, the outbox delivering to Telegram (a blocked bot dead-lettered with the reason),
a question by long polling, a refused token turning /readyz red, and the webhook's secret.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.messages import Notification
from bot.models import Channel, ChannelIdentity, OutboxMessage, OutboxStatus, Role
from bot.outbox import enqueue_many
from tests.bot.channels.fake_telegram import TOKEN, FakeBotApi, fake_bot_api, text_update
from tests.factories import make_person
from tests.serving import Serve, kill_quietly
from tests.waiting import wait_until

SECRET = "serve-secret"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with fake_bot_api() as api:
        yield api


@pytest.fixture
def started(tmp_path: Path) -> Iterator[Callable[..., Serve]]:
    processes: list[Serve] = []

    def start(database_url: str, api: FakeBotApi, **extra: str) -> Serve:
        env = {"PLEDGEBOT_DATABASE_URL": database_url, "PLEDGEBOT_LOG_LEVEL": "INFO",
               "PLEDGEBOT_OUTBOX_POLL_SECONDS": "0.2", "PLEDGEBOT_TELEGRAM_BOT_TOKEN": TOKEN,
               "PLEDGEBOT_TELEGRAM_API_URL": api.url, **extra}
        process = Serve(env, tmp_path).start()
        processes.append(process)
        return process

    yield start
    kill_quietly(processes)


def _telegram_person(factory: sessionmaker[Session], email: str, telegram_id: int) -> int:
    person = make_person(factory, email=email, role=Role.PROVIDER,
                         preferred_channel=Channel.TELEGRAM)
    with transaction(factory) as session:
        session.add(ChannelIdentity(person_id=person, channel=Channel.TELEGRAM,
                                    address=str(telegram_id), verified=True))
    return person


@pytest.mark.one_database_each  # a serve behaviour, not the database\'s
def test_serve_delivers_to_telegram_and_answers_by_long_polling(
        factory: sessionmaker[Session], database_url: str, api: FakeBotApi,
        started: Callable[..., Serve]) -> None:
    sam = _telegram_person(factory, "sam@riverside.example", 555)
    kim = _telegram_person(factory, "kim@riverside.example", 556)
    api.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")  # the first send
    with transaction(factory) as session:
        enqueue_many(session, [
            Notification(person_id=kim, kind="test", text="For Kim", idempotency_key="kim"),
        ])
    serve = started(database_url, api)
    serve.wait_ready()
    assert serve.get("/readyz").json()["checks"]["channel:telegram"] == "ok"

    def status(key: str) -> OutboxStatus | None:
        with factory() as session:
            row = session.scalars(select(OutboxMessage).where(
                OutboxMessage.idempotency_key == key)).first()
            return row.status if row is not None else None
    wait_until(lambda: status("kim") == OutboxStatus.DEAD, "the blocked chat's dead letter",
               within=20)
    with transaction(factory) as session:
        enqueue_many(session, [
            Notification(person_id=sam, kind="test", text="Review <due> & soon",
                         idempotency_key="sam")])
    wait_until(lambda: status("sam") == OutboxStatus.SENT, "the delivery to Sam", within=20)
    api.push(text_update(11, "How long does the council have to pay our invoice?", user_id=555))
    sent = api.wait_for("sendMessage", 2, timeout=20)
    assert serve.stop() == 0
    assert sent[0]["text"] == "Review &lt;due&gt; &amp; soon"
    assert sent[0]["chat_id"] == 555
    assert sent[1]["text"].startswith("Council payment terms")
    with factory() as session:
        dead = session.scalars(select(OutboxMessage).where(
            OutboxMessage.idempotency_key == "kim")).one()
        assert "blocked by the user" in (dead.last_error or "")


@pytest.mark.one_database_each  # a serve behaviour, not the database\'s
def test_a_refused_token_turns_readyz_red(
        sqlite_url: str, api: FakeBotApi, started: Callable[..., Serve]) -> None:
    api.token = "999:revoked"
    serve = started(sqlite_url, api)
    deadline = time.monotonic() + 30
    ready = None
    while time.monotonic() < deadline:
        try:
            ready = serve.get("/readyz", timeout=1.0)
            if "Unauthorized" in ready.json()["checks"].get("channel:telegram", ""):
                break
        except OSError:
            pass
        time.sleep(0.1)
    assert ready is not None
    assert ready.status == 503
    assert "Unauthorized" in ready.json()["checks"]["channel:telegram"]
    assert serve.stop() == 0


def _post(serve: Serve, body: dict[str, object], secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(f"http://127.0.0.1:{serve.port}/telegram/webhook",
                                     data=json.dumps(body).encode(), headers=headers,
                                     method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - loopback
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.one_database_each  # a serve behaviour, not the database\'s
def test_the_webhook_through_serve(
        sqlite_url: str, api: FakeBotApi, started: Callable[..., Serve]) -> None:
    serve = started(sqlite_url, api, PLEDGEBOT_TELEGRAM_WEBHOOK_URL="https://bot.example/tg",
                    PLEDGEBOT_TELEGRAM_WEBHOOK_SECRET=SECRET)
    serve.wait_ready()
    update = text_update(21, "/start")
    assert _post(serve, update, None) == 403
    assert _post(serve, update, "wrong") == 403
    assert api.sent() == []
    assert _post(serve, update, SECRET) == 200
    assert _post(serve, update, SECRET) == 200
    assert serve.stop() == 0
    assert len(api.sent()) == 1
    assert "/link" in api.sent()[0]["text"]
    assert api.sent("setWebhook")[0]["secret_token"] == SECRET
