"""The pure halves of the Slack channel: Block Kit rendering (escaping) and payload -> Incoming."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.channels.slack.adapter import command_text, plain_text, to_incoming
from bot.channels.slack.render import (
    SECTION_CHARS,
    action_name,
    escape,
    message,
    pressed,
    reply_message,
)
from bot.messages import Button, Reply
from bot.models import Channel

NOW = datetime(2026, 12, 3, 9, 14, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "slack"


def _fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text())


@pytest.mark.parametrize(("typed", "shown"), [
    ("<!channel>", "&lt;!channel&gt;"),
    ("<@U123>", "&lt;@U123&gt;"),
    ("<https://x|y>", "&lt;https://x|y&gt;"),
    ("&amp;", "&amp;amp;"),
    ("Tom & Jerry > Spike", "Tom &amp; Jerry &gt; Spike"),
])
def test_typed_markup_is_rendered_as_literal_text(typed: str, shown: str) -> None:
    rendered = reply_message(Reply(text=f"You wrote: {typed}"))
    assert rendered["blocks"][0]["text"]["text"] == f"You wrote: {shown}"
    assert rendered["text"] == f"You wrote: {shown}"
    assert escape(typed) == shown


def test_buttons_are_one_actions_block_with_distinct_action_ids() -> None:
    rendered = message("Pick one", (Button(label="A", action="answer.pick", value="1:a"),
                                    Button(label="B", action="answer.pick", value="1:b")))
    assert rendered["blocks"][1] == {"type": "actions", "elements": [
        {"type": "button", "action_id": "answer.pick~0",
         "text": {"type": "plain_text", "text": "A", "emoji": False}, "value": "1:a"},
        {"type": "button", "action_id": "answer.pick~1",
         "text": {"type": "plain_text", "text": "B", "emoji": False}, "value": "1:b"}]}
    assert action_name("answer.pick~1") == "answer.pick"
    assert action_name("deadline.done") == "deadline.done"


def test_a_long_reply_is_split_into_sections_slack_accepts() -> None:
    text = "\n".join(["x" * 100] * 70)
    sections = message(text)["blocks"]
    assert len(sections) == 3
    assert all(len(block["text"]["text"]) <= SECTION_CHARS for block in sections)
    assert "\n".join(block["text"]["text"] for block in sections) == text


def test_a_pressed_message_loses_its_buttons_and_says_who_pressed() -> None:
    blocks = message("Invoice due", (Button(label="Done", action="deadline.done"),))["blocks"]
    assert pressed(blocks, "Done ✓ by Jo <Bloggs>, 09:14") == [
        blocks[0], {"type": "context", "elements": [
            {"type": "mrkdwn", "text": "Done ✓ by Jo &lt;Bloggs&gt;, 09:14"}]}]


@pytest.mark.parametrize(("slack", "words"), [
    ("&lt;!channel&gt; &amp; co", "<!channel> & co"),
    ("hi <@U123|jo> see <https://x.example|the page>", "hi @jo see the page (https://x.example)"),
    ("<!here> <https://x.example> <mailto:a@b.example|a@b.example>",
     "@here https://x.example a@b.example"),
    ("<#C123|general>", "#general"),
])
def test_slack_markup_in_typed_text_becomes_the_words_typed(slack: str, words: str) -> None:
    assert plain_text(slack) == words


@pytest.mark.parametrize(("typed", "line"), [
    ("", "/help"),
    ("feedback", "/feedback"),
    ("Cases", "/cases"),
    ("/reminders next week", "/reminders next week"),
    ("what is pledge 29?", "what is pledge 29?"),
])
def test_pledge_command_words_become_a_chat_line(typed: str, line: str) -> None:
    assert command_text(typed, {"help", "feedback", "cases", "reminders"}) == line


def test_a_direct_message_event_becomes_an_incoming() -> None:
    incoming = to_incoming(_fixture("dm.json"), received_at=NOW, team_id="T0001",
                           bot_user_id="UBOT0001")
    assert incoming is not None
    assert (incoming.channel, incoming.sender, incoming.conversation, incoming.text,
            incoming.message_id) == (Channel.SLACK, "U0SAM0001", "D0SAM0001",
                                     "what is <pledge> 29?", "Ev0DM00001")


@pytest.mark.parametrize("change", [
    {"team_id": "T0OTHER"},
    {"event": {"user": "UBOT0001"}},
    {"event": {"bot_id": "B0001"}},
    {"event": {"subtype": "message_changed"}},
    {"event": {"subtype": "message_deleted"}},
    {"event": {"channel_type": "channel"}},
])
def test_payloads_the_bot_ignores(change: dict[str, Any]) -> None:
    body = _fixture("dm.json")
    body.update({k: v for k, v in change.items() if k != "event"})
    body["event"].update(change.get("event", {}))
    assert to_incoming(body, received_at=NOW, team_id="T0001", bot_user_id="UBOT0001") is None


def test_a_button_press_becomes_an_incoming_with_its_action() -> None:
    incoming = to_incoming(_fixture("block_actions.json"), received_at=NOW, team_id="T0001",
                           bot_user_id="UBOT0001")
    assert incoming is not None
    assert (incoming.action, incoming.action_value, incoming.sender) == (
        "deadline.done", "17", "U0SAM0001")
    assert incoming.platform["label"] == "Done"
    assert incoming.platform["message_ts"] == "1700000001.000100"
