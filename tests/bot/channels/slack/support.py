"""The Slack channel running in this loop against ``FakeSlack``, and people with Slack ids."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.channels.slack.channel import SlackChannel
from bot.config import Settings
from bot.db import transaction
from bot.dispatch import Router
from bot.models import Channel, ChannelIdentity, Role
from bot.templates import make_templates
from bot.web import Metrics, WebApp
from knowledge.answers import Answerer
from tests.bot.channels.slack.fake_slack import SECRET, TOKEN, FakeSlack, Workspace, fake_slack
from tests.factories import make_person

SAM = "U0SAM0001"
QUESTION = "how long is the standstill period under the new act?"
ANSWER_TITLE = "Standstill periods and challenging an award"


@dataclass
class Running:
    """A started Slack channel, the fake it calls, and Slack's side of the talk."""

    fake: FakeSlack
    slack: Workspace
    channel: SlackChannel
    router: Router[Any]
    web: WebApp


def slack_settings(database_url: str, fake: FakeSlack, **extra: Any) -> Settings:
    """Settings for HTTP mode against ``fake``."""
    values: dict[str, Any] = {"slack_bot_token": TOKEN, "slack_signing_secret": SECRET,
                              "slack_api_url": fake.api_url, **extra}
    return Settings(database_url=database_url, **values)


@asynccontextmanager
async def running(factory: sessionmaker[Session], database_url: str,
                  answerer: Answerer | None = None, **extra: Any) -> AsyncIterator[Running]:
    """The Slack channel started on a router over ``factory``, with its web route."""
    async with fake_slack() as fake:
        settings = slack_settings(database_url, fake, **extra)
        router = build_router(factory, settings, make_templates(), answerer=answerer)
        channel = SlackChannel(settings)
        await channel.start(router)
        web = WebApp(Metrics())
        channel.add_routes(web)
        try:
            yield Running(fake, Workspace(web.build(), fake), channel, router, web)
        finally:
            await channel.stop()


def slack_person(factory: sessionmaker[Session], user_id: str, email: str, *,
                 role: Role = Role.PROVIDER, **extra: Any) -> int:
    """A person whose Slack user id is ``user_id`` (as an admin's people CSV sets it)."""
    person_id = make_person(factory, email=email, role=role, preferred_channel=Channel.SLACK,
                            **extra)
    with transaction(factory) as session:
        session.add(ChannelIdentity(person_id=person_id, channel=Channel.SLACK,
                                    address=user_id, verified=True))
    return person_id


def run_scenario(factory: sessionmaker[Session], database_url: str,
                 scenario: Callable[[Running], Awaitable[None]],
                 answerer: Answerer | None = None, **extra: Any) -> None:
    """Run ``scenario`` against a started Slack channel, in a loop of its own."""
    async def main() -> None:
        async with running(factory, database_url, answerer, **extra) as bot:
            await scenario(bot)
    asyncio.run(main())


