"""Slack in Socket Mode: the real slack-bolt and slack_sdk open a websocket to a fake Slack on
127.0.0.1 (apps.connections.open with the app token, hello, envelopes, acks), with timeouts."""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.channels.slack.channel import EVENTS_PATH, SlackChannel
from bot.templates import make_templates
from tests.bot.channels.slack.fake_slack import TEAM, fake_slack
from tests.bot.channels.slack.support import (
    SAM,
    Running,
    run_scenario,
    slack_person,
    slack_settings,
)

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

APP_TOKEN = "xapp-1-A0001-test"


def test_a_direct_message_over_the_websocket_is_acked_and_answered(
        factory: sessionmaker[Session], database_url: str) -> None:
    slack_person(factory, SAM, "sam@riverside.example")

    async def scenario(bot: Running) -> None:
        [opened] = [call for call in bot.fake.calls if call.method == "apps.connections.open"]
        assert opened.auth == f"Bearer {APP_TOKEN}"
        assert bot.channel.not_ready() is None
        assert all(getattr(route, "path", "") != EVENTS_PATH for route in bot.web.routes)
        envelope = await bot.fake.envelope("events_api", {
            "type": "event_callback", "team_id": TEAM, "event_id": "Ev0SOCKET1",
            "event": {"type": "message", "channel_type": "im", "user": SAM,
                      "channel": f"D{SAM}", "text": "/whoami", "ts": "1.1"}})
        [post] = await bot.fake.wait_for("chat.postMessage")
        assert post["channel"] == f"D{SAM}"
        deadline = time.monotonic() + 5
        while envelope not in [ack.get("envelope_id") for ack in bot.fake.acks]:
            assert time.monotonic() < deadline, bot.fake.acks
            await asyncio.sleep(0.01)

    run_scenario(factory, database_url, scenario, slack_app_token=APP_TOKEN)


def test_a_refused_socket_connection_gives_up_in_time_and_is_not_ready(
        factory: sessionmaker[Session], database_url: str) -> None:
    async def main() -> None:
        async with fake_slack() as fake:
            fake.fail("apps.connections.open",
                      *[(200, {"ok": False, "error": "invalid_auth"}, {})] * 50)
            settings = slack_settings(database_url, fake, slack_app_token=APP_TOKEN)
            channel = SlackChannel(settings, connect_timeout=1.0)
            began = time.monotonic()
            await channel.start(build_router(factory, settings, make_templates()))
            assert time.monotonic() - began < 5
            assert channel.not_ready() == "Socket Mode did not connect in 1 s"
            await channel.stop()
    asyncio.run(main())
