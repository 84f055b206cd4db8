"""Rows of buttons about one thing: each a different action on the same value (a deadline's
id, a question's id), as a reminder's Done / Snooze and an answer's ratings are."""

from __future__ import annotations

from collections.abc import Iterable

from bot.messages import Button


def buttons_for(value: str, choices: Iterable[tuple[str, str]]) -> tuple[Button, ...]:
    """One button per ``(label, action)`` of ``choices``, in order, each carrying ``value``."""
    return tuple(Button(label=label, action=action, value=value) for label, action in choices)
