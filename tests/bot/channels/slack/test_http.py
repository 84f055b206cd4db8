"""Slack in HTTP mode: the real slack-bolt and slack_sdk, signed requests to /slack/events,
and a fake Slack Web API on 127.0.0.1 that sees the bot's replies. SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.models import ChannelIdentity, ProcessedMessage, Question
from knowledge.answers import Answerer
from tests.bot.channels.slack.fake_slack import BOT_USER
from tests.bot.channels.slack.support import (
    ANSWER_TITLE,
    QUESTION,
    SAM,
    Running,
    run_scenario,
    slack_person,
)
from tests.factories import count_rows

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


def _texts(posts: list[dict[str, Any]]) -> list[str]:
    return [post["blocks"][0]["text"]["text"] for post in posts]


def test_a_direct_message_question_is_answered_in_block_kit(
        factory: sessionmaker[Session], database_url: str, answerer: Answerer) -> None:
    slack_person(factory, SAM, "sam@riverside.example")

    async def scenario(bot: Running) -> None:
        answer = await bot.slack.dm(SAM, QUESTION)
        assert answer.status_code == 200
        [post] = await bot.fake.wait_for("chat.postMessage")
        assert post["channel"] == f"D{SAM}"
        assert post["text"].startswith(ANSWER_TITLE)
        section, buttons = post["blocks"]
        assert section["type"] == "section"
        assert section["text"]["type"] == "mrkdwn"
        assert section["text"]["text"].startswith(ANSWER_TITLE)
        assert [(b["text"]["text"], b["action_id"]) for b in buttons["elements"]] == [
            ("More", "answer.more~0"), ("Helpful", "answer.helpful~1"),
            ("Not helpful", "answer.unhelpful~2"), ("Ask a commissioner", "answer.handover~3")]
        [call] = [c for c in bot.fake.calls if c.method == "chat.postMessage"]
        assert call.auth == "Bearer xoxb-test-token"

    run_scenario(factory, database_url, scenario, answerer)
    assert count_rows(factory, Question) == 1


@pytest.mark.parametrize(("problem", "options"), [
    ("wrong secret", {"secret": "not-the-signing-secret"}),
    ("older than five minutes", {"age": 6 * 60}),
    ("no signature headers", {"signed": False}),
    # The session's admin review: a timestamp that is no number was a 500 and a traceback.
    ("a timestamp that is no number", {"signed": False, "headers": {
        "X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=zz"}}),
])
def test_a_request_not_signed_by_slack_gets_401_and_changes_nothing(
        factory: sessionmaker[Session], database_url: str, answerer: Answerer, problem: str,
        options: dict[str, Any]) -> None:
    slack_person(factory, SAM, "sam@riverside.example")

    async def scenario(bot: Running) -> None:
        refused = await bot.slack.dm(SAM, QUESTION, **options)
        assert refused.status_code == 401, problem
        # A signed message after it is answered: had the refused one run, it would be first.
        await bot.slack.dm(SAM, "what is pledge 29?")
        [post] = await bot.fake.wait_for("chat.postMessage")
        assert not post["text"].startswith(ANSWER_TITLE)
        await asyncio.sleep(0)
        assert len(bot.fake.of("chat.postMessage")) == 1

    run_scenario(factory, database_url, scenario, answerer)
    assert count_rows(factory, ProcessedMessage) == 1
    assert count_rows(factory, Question) == 1


def test_a_signed_body_that_is_not_json_gets_400_and_changes_nothing(
        factory: sessionmaker[Session], database_url: str, answerer: Answerer) -> None:
    # The session's admin review: "Internal Server Error 500".
    async def scenario(bot: Running) -> None:
        refused = await bot.slack.post(b"{not json", "application/json")
        assert refused.status_code == 400

    run_scenario(factory, database_url, scenario, answerer)
    assert count_rows(factory, ProcessedMessage) == 0
    assert count_rows(factory, Question) == 0


def test_a_retried_event_is_handled_once(
        factory: sessionmaker[Session], database_url: str, answerer: Answerer) -> None:
    slack_person(factory, SAM, "sam@riverside.example")

    async def scenario(bot: Running) -> None:
        await bot.slack.dm(SAM, QUESTION, event_id="Ev0RETRIED")
        retry = await bot.slack.dm(SAM, QUESTION, event_id="Ev0RETRIED",
                                   headers={"X-Slack-Retry-Num": "1",
                                            "X-Slack-Retry-Reason": "http_timeout"})
        assert retry.status_code == 200
        await bot.slack.dm(SAM, "what is pledge 29?")
        await bot.fake.wait_for("chat.postMessage", 2)
        await asyncio.sleep(0.2)
        assert [text.startswith(ANSWER_TITLE) for text in
                _texts(bot.fake.of("chat.postMessage"))].count(True) == 1

    run_scenario(factory, database_url, scenario, answerer)
    assert count_rows(factory, Question) == 2


@pytest.mark.parametrize("who", ["the bot itself", "another bot", "another workspace",
                                 "an edit"])
def test_messages_the_bot_must_not_answer_are_ignored(
        factory: sessionmaker[Session], database_url: str, answerer: Answerer, who: str) -> None:
    slack_person(factory, SAM, "sam@riverside.example")
    event: dict[str, Any] = {"type": "message", "channel_type": "im", "channel": f"D{SAM}",
                             "user": SAM, "text": QUESTION, "ts": "1.1"}
    team = "T0001"
    if who == "the bot itself":
        event["user"] = BOT_USER
    elif who == "another bot":
        event["bot_id"] = "B0OTHER"
    elif who == "another workspace":
        team = "T0OTHER"
    else:
        event.update(subtype="message_changed", message={"text": QUESTION, "user": SAM})

    async def scenario(bot: Running) -> None:
        answer = await bot.slack.event(event, team=team)
        assert answer.status_code == 200
        await bot.slack.dm(SAM, "what is pledge 29?")
        [post] = await bot.fake.wait_for("chat.postMessage")
        assert not post["text"].startswith(ANSWER_TITLE)

    run_scenario(factory, database_url, scenario, answerer)
    assert count_rows(factory, Question) == 1


def test_an_unknown_slack_user_is_known_by_the_email_slack_reports(
        factory: sessionmaker[Session], database_url: str, answerer: Answerer) -> None:
    from tests.factories import make_provider
    make_provider(factory, "jo@riverside.example")

    async def scenario(bot: Running) -> None:
        bot.fake.user("U0JO00001", "Jo@Riverside.example")
        await bot.slack.dm("U0JO00001", QUESTION)
        [post] = await bot.fake.wait_for("chat.postMessage")
        assert post["text"].startswith(ANSWER_TITLE)
        await bot.slack.dm("U0JO00001", "what is pledge 29?")
        await bot.fake.wait_for("chat.postMessage", 2)
        assert len(bot.fake.of("users.info")) == 1

    run_scenario(factory, database_url, scenario, answerer)
    with factory() as session:
        [(address, verified)] = session.execute(
            select(ChannelIdentity.address, ChannelIdentity.verified)
            .where(ChannelIdentity.channel == "slack")).all()
    assert (address, verified) == ("U0JO00001", True)


def test_a_slack_user_nobody_registered_gets_the_unknown_sender_reply(
        factory: sessionmaker[Session], database_url: str, answerer: Answerer) -> None:
    async def scenario(bot: Running) -> None:
        bot.fake.user("U0NEW0001", "stranger@elsewhere.example")
        await bot.slack.dm("U0NEW0001", QUESTION)
        [post] = await bot.fake.wait_for("chat.postMessage")
        assert post["text"].startswith("Hello. I don't know who you are yet")
        assert "with this slack account" in post["text"]

    run_scenario(factory, database_url, scenario, answerer)
    assert count_rows(factory, Question) == 0
    assert count_rows(factory, ChannelIdentity) == 0


def test_slack_is_configured_when_the_bot_token_is_set(sqlite_url: str) -> None:
    from bot.app import configured_kinds
    from bot.config import Settings
    from bot.models import Channel
    assert configured_kinds(Settings(database_url=sqlite_url)) == []
    assert configured_kinds(Settings(database_url=sqlite_url, slack_bot_token="xoxb-1",
                                     slack_signing_secret="s")) == [Channel.SLACK]


def test_http_mode_without_a_signing_secret_is_a_clear_setting_error(sqlite_url: str) -> None:
    from bot.app import configured_kinds
    from bot.config import Settings
    from bot.errors import ConfigError
    with pytest.raises(ConfigError, match="PLEDGEBOT_SLACK_SIGNING_SECRET"):
        configured_kinds(Settings(database_url=sqlite_url, slack_bot_token="xoxb-1"))
