"""Replies and deliveries as plain text for a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from bot.messages import Button, Delivery, Reply

SEPARATOR = "---"


def _buttons(buttons: Sequence[Button], start: int = 1) -> str:
    return "   ".join(f"[{number}] {button.label}" for number, button in enumerate(buttons, start))


def render_replies(replies: Sequence[Reply]) -> str:
    """All replies to one line, with numbered buttons (type the number to press one)."""
    parts: list[str] = []
    number = 1
    for reply in replies:
        parts.append(reply.text)
        if reply.buttons:
            parts.append(_buttons(reply.buttons, number))
            number += len(reply.buttons)
        if reply.form is not None:
            fields = ", ".join(field.label for field in reply.form.fields)
            parts.append(f"({reply.form.title}: {fields})")
    return "\n".join(parts)


def render_delivery(delivery: Delivery, *, pressable: bool = True) -> str:
    """A message the outbox delivered to a console identity."""
    urgent = "URGENT " if delivery.urgent else ""
    lines = [f"[{urgent}message for {delivery.address}]", delivery.text]
    if delivery.buttons and pressable:
        lines.append(_buttons(delivery.buttons))
    elif delivery.buttons:
        lines.append("   ".join(f"[{button.label}]" for button in delivery.buttons))
    return "\n".join(lines)
