"""Replies and deliveries as Telegram messages: HTML text in chunks, and an inline keyboard.

Every character of a reply is escaped for Telegram's HTML parse mode (``<``, ``>``, ``&``), so
whatever a person typed arrives literally. A message longer than Telegram's 4,096 characters is
split on line boundaries (a single longer line is cut, never inside an ``&...;`` entity); the
keyboard goes with the last chunk. A button carries ``action|value`` as its callback data when
that fits Telegram's 64 bytes, else ``#<key>`` for a value kept on our side.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.messages import Button
from bot.values import frozen

MAX_TEXT = 4096
MAX_CALLBACK_BYTES = 64
STORED_PREFIX = "#"
SEPARATOR = "|"
# Buttons whose labels are this short share a row, two at a time.
SHORT_LABEL = 18


@frozen
class Outgoing:
    """One Telegram message to send: HTML text and, on the last chunk, the keyboard."""

    text: str
    keyboard: InlineKeyboardMarkup | None = None


def escape(text: str) -> str:
    """``text`` safe for HTML parse mode: it shows exactly as written."""
    return html.escape(text, quote=False)


def inline_data(button: Button) -> str | None:
    """The callback data carrying ``button`` itself, or None when it is over 64 bytes."""
    data = f"{button.action}{SEPARATOR}{button.value}"
    if data.startswith(STORED_PREFIX) or len(data.encode()) > MAX_CALLBACK_BYTES:
        return None
    return data


def parse_data(data: str) -> tuple[str, str] | None:
    """``(action, value)`` from inline callback data; None for a stored key or nonsense."""
    if data.startswith(STORED_PREFIX) or SEPARATOR not in data:
        return None
    action, _, value = data.partition(SEPARATOR)
    return (action, value) if action else None


def _cut(line: str, limit: int) -> list[str]:
    """A line longer than ``limit`` in pieces, never cutting an ``&...;`` entity in two."""
    pieces = []
    while len(line) > limit:
        at = limit
        amp = line.rfind("&", max(0, at - 8), at)
        if amp != -1 and ";" not in line[amp:at]:
            at = amp
        pieces.append(line[:at])
        line = line[at:]
    pieces.append(line)
    return pieces


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Already-escaped ``text`` in chunks of at most ``limit`` characters, split between lines."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        for piece in _cut(line, limit):
            candidate = piece if not current else f"{current}\n{piece}"
            if len(candidate) <= limit:
                current = candidate
                continue
            chunks.append(current)
            current = piece
    chunks.append(current)
    return [chunk for chunk in chunks if chunk.strip()] or [text[:limit] or "…"]


def keyboard(buttons: Sequence[Button], data_for: Callable[[Button], str]
             ) -> InlineKeyboardMarkup | None:
    """The buttons as an inline keyboard: short labels two to a row, long ones alone."""
    if not buttons:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    for button in buttons:
        key = InlineKeyboardButton(button.label, callback_data=data_for(button))
        short = len(button.label) <= SHORT_LABEL
        if short and rows and len(rows[-1]) == 1 and len(rows[-1][0].text) <= SHORT_LABEL:
            rows[-1].append(key)
        else:
            rows.append([key])
    return InlineKeyboardMarkup(rows)


def render(text: str, buttons: Sequence[Button], data_for: Callable[[Button], str]
           ) -> list[Outgoing]:
    """A reply or a delivery as the messages to send, the keyboard on the last one."""
    chunks = split_text(escape(text))
    markup = keyboard(buttons, data_for)
    return [Outgoing(chunk, markup if number == len(chunks) - 1 else None)
            for number, chunk in enumerate(chunks)]


def done(original: str, line: str) -> str:
    """A pressed button's message: its words, then ``line`` ("Done ✓ 09:14"); no keyboard."""
    body = escape(original)
    tail = f"\n\n{escape(line)}"
    return split_text(body, MAX_TEXT - len(tail))[-1] + tail if body else escape(line)
