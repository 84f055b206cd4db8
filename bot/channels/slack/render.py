"""Replies and deliveries as Slack Block Kit (pure): ``section`` blocks in mrkdwn, buttons as
an ``actions`` block, and a plain ``text`` fallback for notifications.

Every string that reaches Slack is escaped (``&``, ``<``, ``>``), so words a person typed, such as
``<!channel>``, ``<@U123>`` or ``<https://x|y>``, show as they were typed and never become a
mention or a link. Slack parses the fallback ``text`` the same way, so it is escaped too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.messages import Button, Delivery, Form, FormField, Reply

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


# Slack's limits on a modal: its title, an option's text and value, options in one select.
TITLE_CHARS = 24
OPTION_VALUE_CHARS = 150
OPTIONS = 100
INPUT_CHARS = 3000
# A free-text answer longer than this gets a box of several lines.
ONE_LINE_CHARS = 150
# The action id of every input in a modal; the field's name is its block id.
INPUT_ACTION = "value"


def _plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:limit] or " ", "emoji": False}


def _input(field: FormField) -> Block:
    element: dict[str, Any]
    if field.choices:
        element = {"type": "static_select", "action_id": INPUT_ACTION, "options": [
            {"text": _plain(choice, LABEL_CHARS), "value": choice[:OPTION_VALUE_CHARS]}
            for choice in field.choices[:OPTIONS]]}
    else:
        element = {"type": "plain_text_input", "action_id": INPUT_ACTION,
                   "multiline": field.max_length > ONE_LINE_CHARS,
                   "max_length": min(field.max_length, INPUT_CHARS)}
    block: Block = {"type": "input", "block_id": field.name, "optional": not field.required,
                    "label": _plain(field.label, 2000), "element": element}
    if field.hint:
        block["hint"] = _plain(field.hint, 2000)
    return block


def modal(form: Form, *, submit: str, close: str, metadata: str = "") -> dict[str, Any]:
    """``form`` as a Slack modal (``views.open``): one input per field, a select for a field
    with choices. ``submit`` and ``close`` are the labels of its two buttons; Slack tells the
    bot when it is closed unsent (``notify_on_close``)."""
    return {"type": "modal", "callback_id": form.form_id, "title": _plain(form.title, TITLE_CHARS),
            "submit": _plain(submit, LABEL_CHARS), "close": _plain(close, LABEL_CHARS),
            "notify_on_close": True, "private_metadata": metadata,
            "blocks": [_input(field) for field in form.fields]}


def home(parts: Sequence[Reply]) -> dict[str, Any]:
    """The App Home tab: each part's words and buttons, divided."""
    blocks: list[Block] = []
    for number, part in enumerate(parts):
        if blocks:
            blocks.append({"type": "divider"})
        blocks.extend(sections(part.text))
        blocks.extend(actions(part.buttons, offset=number * BUTTONS_PER_BLOCK))
    return {"type": "home", "blocks": blocks[:100]}
