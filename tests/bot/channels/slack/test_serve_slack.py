"""``pledgebot serve`` with Slack configured, as a real subprocess: signed events over real
HTTP to /slack/events, replies seen by the fake Slack Web API (run in a thread of the test),
and /readyz naming Slack when it refuses the token. SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bot.channels.slack.fake_slack import SECRET, TOKEN, FakeSlack, signature
from tests.bot.channels.slack.support import slack_person
from tests.serving import Serve, migrated

SAM = "U0SAM0001"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    """A fake Slack Web API serving from a thread of its own."""
    slack = FakeSlack()
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(slack.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield slack
    asyncio.run_coroutine_threadsafe(slack.stop(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()


def _serve(database_url: str, fake: FakeSlack, cwd: Path) -> Serve:
    return Serve({"PLEDGEBOT_DATABASE_URL": database_url, "PLEDGEBOT_SLACK_BOT_TOKEN": TOKEN,
                  "PLEDGEBOT_SLACK_SIGNING_SECRET": SECRET,
                  "PLEDGEBOT_SLACK_API_URL": fake.api_url, "PLEDGEBOT_LOG_LEVEL": "INFO",
                  "PLEDGEBOT_OUTBOX_POLL_SECONDS": "0.2"}, cwd).start()


def _post_event(serve: Serve, event: dict[str, Any]) -> int:
    body = json.dumps({"type": "event_callback", "team_id": "T0001", "event_id": "Ev1",
                       "event": event}).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(
        f"http://127.0.0.1:{serve.port}/slack/events", data=body, method="POST",
        headers={"Content-Type": "application/json", "X-Slack-Request-Timestamp": timestamp,
                 "X-Slack-Signature": signature(body, timestamp)})
    with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310 - loopback
        return int(answer.status)


@pytest.mark.one_database_each  # a serve behaviour, not the database\'s
def test_serve_answers_a_slack_direct_message_and_stops_cleanly(
        database_url: str, fake: FakeSlack, tmp_path: Path) -> None:
    factory = migrated(database_url)
    slack_person(factory, SAM, "sam@riverside.example")
    factory.kw["bind"].dispose()
    serve = _serve(database_url, fake, tmp_path)
    try:
        serve.wait_ready()
        ready = serve.get("/readyz").json()
        assert ready["checks"]["channel:slack"] == "ok"
        assert _post_event(serve, {"type": "message", "channel_type": "im", "user": SAM,
                                   "channel": f"D{SAM}", "text": "/whoami", "ts": "1.1"}) == 200
        deadline = time.monotonic() + 15
        while not fake.of("chat.postMessage"):
            assert time.monotonic() < deadline, serve.output()
            time.sleep(0.05)
        [post] = fake.of("chat.postMessage")
        assert post["channel"] == f"D{SAM}"
        assert serve.stop() == 0
    finally:
        serve.close()


@pytest.mark.one_database_each  # a serve behaviour, not the database\'s
def test_readyz_names_slack_when_it_refuses_the_token(
        database_url: str, fake: FakeSlack, tmp_path: Path) -> None:
    migrated(database_url).kw["bind"].dispose()
    fake.fail("auth.test", (200, {"ok": False, "error": "invalid_auth"}, {}))
    serve = _serve(database_url, fake, tmp_path)
    try:
        deadline = time.monotonic() + 30
        answer = None
        while answer is None or answer.json()["checks"]["channel:slack"] == "not started":
            assert time.monotonic() < deadline, serve.output()
            try:
                answer = serve.get("/readyz", timeout=1.0)
            except OSError:  # not listening yet
                time.sleep(0.05)
        assert answer.status == 503
        assert answer.json()["checks"]["channel:slack"] == "auth.test: invalid_auth"
        assert serve.stop() == 0
    finally:
        serve.close()
