"""Telegram's pure halves: the renderer (HTML escaping, splitting, buttons) and the adapter;
and its settings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError
from telegram import Bot, Update

from bot.app import configured_kinds
from bot.channels.telegram.adapter import NotText, to_incoming
from bot.channels.telegram.render import (
    MAX_CALLBACK_BYTES,
    done,
    escape,
    inline_data,
    parse_data,
    render,
    split_text,
)
from bot.config import Settings
from bot.errors import ConfigError
from bot.messages import Button, Incoming
from bot.models import Channel
from tests.bot.channels.fake_telegram import TOKEN, callback_update, text_update

NOW = datetime(2026, 12, 3, 9, 14, tzinfo=UTC)


def _data(button: Button) -> str:
    return inline_data(button) or "#stored"


@pytest.mark.parametrize(("typed", "sent"), [
    ("<b>", "&lt;b&gt;"),
    ("Tom & Jerry", "Tom &amp; Jerry"),
    ("</code>", "&lt;/code&gt;"),
    ("&amp;", "&amp;amp;"),
])
def test_what_people_typed_arrives_literally(typed: str, sent: str) -> None:
    assert render(f"You wrote {typed}", (), _data)[0].text == f"You wrote {sent}"


def test_a_long_reply_is_split_on_line_boundaries() -> None:
    line = "x" * 99
    text = "\n".join([line] * 100)  # 9,999 characters
    chunks = split_text(text)
    assert [len(chunk) for chunk in chunks] == [3999, 3999, 1999]  # 40, 40 and 20 lines
    assert "\n".join(chunks) == text
    assert all(chunk.split("\n")[-1] == line for chunk in chunks)


def test_a_single_line_over_the_limit_is_cut_outside_an_entity() -> None:
    escaped = escape("a" * 4094 + "&&&")  # the limit falls inside "&amp;"
    chunks = split_text(escaped)
    assert chunks[0] == "a" * 4094
    assert "".join(chunks) == escaped


def test_the_keyboard_goes_with_the_last_chunk() -> None:
    text = "\n".join(["y" * 1000] * 9)
    messages = render(text, (Button(label="OK", action="a", value="1"),), _data)
    assert len(messages) == 3
    assert [m.keyboard is not None for m in messages] == [False, False, True]


def test_callback_data_fits_64_bytes_or_is_stored() -> None:
    short = Button(label="More", action="ask.more", value="12:payment-terms")
    long = Button(label="More", action="ask.more", value="é" * 40)
    assert inline_data(short) == "ask.more|12:payment-terms"
    assert parse_data("ask.more|12:payment-terms") == ("ask.more", "12:payment-terms")
    assert inline_data(long) is None
    assert len((inline_data(short) or "").encode()) <= MAX_CALLBACK_BYTES
    assert parse_data("#key") is None


def test_short_buttons_share_a_row() -> None:
    buttons = (Button(label="Helpful", action="h"), Button(label="Not helpful", action="n"),
               Button(label="Ask a commissioner about it", action="c"))
    keyboard = render("Answer", buttons, _data)[0].keyboard
    assert keyboard is not None
    assert [[key.text for key in row] for row in keyboard.inline_keyboard] == [
        ["Helpful", "Not helpful"], ["Ask a commissioner about it"]]


def test_a_pressed_message_says_done() -> None:
    assert done("Is <this> right?", "Done ✓ 09:14") == "Is &lt;this&gt; right?\n\nDone ✓ 09:14"


# -- the adapter --------------------------------------------------------------------------------

def _update(data: dict[str, object]) -> Update:
    update = Update.de_json(data, Bot(TOKEN))
    assert update is not None
    return update


def test_a_private_message_becomes_an_incoming() -> None:
    incoming = to_incoming(_update(text_update(5, "hello <b>")), bot_username="pb", now=NOW)
    assert isinstance(incoming, Incoming)
    assert (incoming.sender, incoming.conversation, incoming.text, incoming.message_id) == (
        "555", "555", "hello <b>", "5")
    assert incoming.received_at.tzinfo is not None


def test_a_group_hears_only_commands_and_mentions_of_the_bot() -> None:
    def group(text: str, entities: list[dict[str, object]] | None = None) -> object:
        update = text_update(1, text, chat_id=-9, chat_type="group", entities=entities)
        return to_incoming(_update(update), bot_username="pb", now=NOW)

    assert group("chatting among ourselves") is None
    assert group("/help@otherbot") is None
    command = group("/help@pb")
    assert isinstance(command, Incoming)
    assert command.text == "/help"
    mention = group("@pb what is the pledge?",
                    [{"type": "mention", "offset": 0, "length": 3}])
    assert isinstance(mention, Incoming)
    assert mention.text == "what is the pledge?"


def test_a_button_press_carries_its_action() -> None:
    incoming = to_incoming(_update(callback_update(8, "ask.more|3:x")), bot_username="pb",
                           now=NOW)
    assert isinstance(incoming, Incoming)
    assert (incoming.action, incoming.action_value, incoming.received_at) == (
        "ask.more", "3:x", NOW)
    assert incoming.platform["callback_query_id"] == "cq8"


def test_photos_are_not_text_and_edits_are_ignored() -> None:
    photo = text_update(2, "x")
    del photo["message"]["text"]
    photo["message"]["photo"] = [{"file_id": "f", "file_unique_id": "u", "width": 1,
                                  "height": 1}]
    assert to_incoming(_update(photo), bot_username="pb", now=NOW) == NotText(555, "2")
    edited = {"update_id": 3, "edited_message": text_update(3, "changed")["message"]}
    assert to_incoming(_update(edited), bot_username="pb", now=NOW) is None


# -- settings -----------------------------------------------------------------------------------

def test_telegram_is_configured_by_its_token_and_a_webhook_needs_its_secret() -> None:
    assert configured_kinds(Settings()) == []
    assert configured_kinds(Settings(telegram_bot_token=TOKEN)) == [Channel.TELEGRAM]
    with pytest.raises(ConfigError, match="PLEDGEBOT_TELEGRAM_WEBHOOK_SECRET"):
        configured_kinds(Settings(telegram_bot_token=TOKEN,
                                  telegram_webhook_url="https://bot.example/telegram/webhook"))
    with pytest.raises(ValidationError):
        Settings(telegram_webhook_secret="has spaces in it")
