"""Telegram updates to ``Incoming``, in pure functions.

Only what a person wrote or pressed becomes an ``Incoming``: a text message (in a group only a
command or a message that mentions the bot), or a button press. Stickers, photos, voice, files
and the like are ``NOT_TEXT`` (the channel answers "text only, please"); edited messages, the
bot's own service messages and anything else are None (ignored).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType

from telegram import Message, MessageEntity, Update

from bot.channels.telegram.render import parse_data
from bot.messages import Incoming
from bot.models import Channel
from bot.values import frozen

PRIVATE = "private"
GROUPS = frozenset({"group", "supergroup"})


@frozen
class NotText:
    """A message that is not text (a sticker, photo, voice note, file...)."""

    chat_id: int
    message_id: str


def _text_of_group_message(message: Message, text: str, bot_username: str) -> str | None:
    """The words of a group message meant for the bot (its command, or with the mention
    taken out), or None when it is not for the bot."""
    mention = f"@{bot_username}".lower()
    for entity in message.entities:
        part = text[entity.offset:entity.offset + entity.length]
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            command, _, to = part.partition("@")
            if to and to.lower() != bot_username.lower():
                return None  # a command for another bot
            return command + text[entity.length:]
        if entity.type == MessageEntity.MENTION and part.lower() == mention:
            return (text[:entity.offset] + text[entity.offset + entity.length:]).strip()
    return None


def to_incoming(update: Update, *, bot_username: str, now: datetime,
                pressed: tuple[str, str] | None = None) -> Incoming | NotText | None:
    """The ``Incoming`` an update stands for, ``NotText``, or None to ignore it.

    ``pressed`` is a stored button's ``(action, value)`` when the callback data was a key;
    ``now`` is when a button press arrived (Telegram dates only messages).
    The sender is the Telegram user id; the conversation, the chat id; the message id, the
    ``update_id`` (so a redelivered update is handled once).
    """
    message_id = str(update.update_id)
    query = update.callback_query
    if query is not None:
        pressed = pressed or parse_data(query.data or "")
        chat = query.message.chat if query.message is not None else None
        if pressed is None or chat is None or chat.type != PRIVATE:
            return None
        return Incoming(
            channel=Channel.TELEGRAM, conversation=str(chat.id), sender=str(query.from_user.id),
            action=pressed[0], action_value=pressed[1], received_at=now,
            message_id=message_id, platform=_platform(chat.type, callback_query_id=query.id))
    message = update.message
    if message is None or message.from_user is None or message.from_user.is_bot:
        return None  # edited messages, channel posts, joins and leaves
    chat = message.chat
    if chat.type not in GROUPS and chat.type != PRIVATE:
        return None
    text = message.text
    if text is None:
        if chat.type != PRIVATE or not _is_content(message):
            return None
        return NotText(chat_id=chat.id, message_id=message_id)
    if chat.type in GROUPS:
        found = _text_of_group_message(message, text, bot_username)
        if found is None:
            return None
        text = found
    return Incoming(
        channel=Channel.TELEGRAM, conversation=str(chat.id), sender=str(message.from_user.id),
        text=text, received_at=message.date, message_id=message_id,
        platform=_platform(chat.type))


def _is_content(message: Message) -> bool:
    """Whether a text-less message is something a person sent (not a service message)."""
    return any(getattr(message, kind, None) for kind in (
        "sticker", "photo", "voice", "audio", "video", "video_note", "document", "animation",
        "contact", "location", "venue", "poll", "dice"))


def _platform(chat_type: str, **extra: str) -> Mapping[str, str]:
    return MappingProxyType({"chat_type": chat_type, **extra})
