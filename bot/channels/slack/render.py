"""Replies and deliveries as Slack Block Kit (pure): ``section`` blocks in mrkdwn, buttons as
an ``actions`` block, and a plain ``text`` fallback for notifications.

Every string that reaches Slack is escaped (``&``, ``<``, ``>``), so words a person typed, such as
``<!channel>``, ``<@U123>`` or ``<https://x|y>``, show as they were typed and never become a
mention or a link. Slack parses the fallback ``text`` the same way, so it is escaped too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.messages import Button, Delivery, Reply

# Slack's limits: a section's text, a button's label and value, buttons in one actions block.
SECTION_CHARS = 3000
LABEL_CHARS = 75
VALUE_CHARS = 2000
BUTTONS_PER_BLOCK = 25
TEXT_CHARS = 40000
# Buttons in one block need distinct action ids: "<action>~<n>"; the adapter drops "~<n>".
ACTION_SUFFIX = "~"

Block = dict[str, Any]


def escape(text: str) -> str:
    """``text`` as literal mrkdwn: the three characters Slack reads as markup, escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chunks(text: str, size: int) -> list[str]:
    """``text`` in pieces of at most ``size`` characters, broken at line ends where it can."""
    pieces: list[str] = []
    while len(text) > size:
        cut = text.rfind("\n", 0, size)
        cut = cut if cut > 0 else size
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    if text or not pieces:
        pieces.append(text)
    return pieces


def sections(text: str) -> list[Block]:
    """``text`` as mrkdwn sections (escaped; split to fit Slack's 3,000 characters)."""
    escaped = escape(text) or " "
    return [{"type": "section", "text": {"type": "mrkdwn", "text": piece or " "}}
            for piece in _chunks(escaped, SECTION_CHARS)]


def actions(buttons: Sequence[Button], *, offset: int = 0) -> list[Block]:
    """``buttons`` as actions blocks of at most 25 buttons each."""
    blocks: list[Block] = []
    for start in range(0, len(buttons), BUTTONS_PER_BLOCK):
        elements = [
            {"type": "button", "action_id": f"{button.action}{ACTION_SUFFIX}{offset + number}",
             "text": {"type": "plain_text", "text": button.label[:LABEL_CHARS], "emoji": False},
             "value": button.value[:VALUE_CHARS] or " "}
            for number, button in enumerate(buttons[start:start + BUTTONS_PER_BLOCK], start)]
        blocks.append({"type": "actions", "elements": elements})
    return blocks


def fallback(text: str) -> str:
    """The plain ``text`` of a message: what a notification or a screen reader shows."""
    return escape(text)[:TEXT_CHARS]


def message(text: str, buttons: Sequence[Button] = ()) -> dict[str, Any]:
    """The ``text`` and ``blocks`` arguments of one ``chat.postMessage``."""
    return {"text": fallback(text), "blocks": [*sections(text), *actions(buttons)]}


def reply_message(reply: Reply) -> dict[str, Any]:
    """One reply as a Slack message."""
    return message(reply.text, reply.buttons)


def delivery_message(delivery: Delivery) -> dict[str, Any]:
    """One outbox delivery as a Slack message (an urgent one is marked as such)."""
    text = f"URGENT: {delivery.text}" if delivery.urgent else delivery.text
    return message(text, delivery.buttons)


def pressed(blocks: Sequence[Mapping[str, Any]], note: str) -> list[Block]:
    """A message's blocks after one of its buttons was pressed: every ``actions`` block is
    replaced by one context line (``note``, escaped), so nobody presses a button twice."""
    kept: list[Block] = [dict(block) for block in blocks if block.get("type") != "actions"]
    kept.append({"type": "context", "elements": [{"type": "mrkdwn", "text": escape(note)}]})
    return kept


def action_name(action_id: str) -> str:
    """The button's action from a rendered ``action_id``: ``deadline.done~0`` is
    ``deadline.done``."""
    name, _sep, number = action_id.rpartition(ACTION_SUFFIX)
    return name if name and number.isdigit() else action_id
