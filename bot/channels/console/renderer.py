"""Replies and deliveries as plain text for a terminal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.messages import Button, Delivery, Reply

SEPARATOR = "---"
# The numbers a console shows on buttons, and the button each presses.
Numbers = Mapping[int, Button]


def _buttons(buttons: Sequence[Button], start: int = 1) -> str:
    return "   ".join(f"[{number}] {button.label}" for number, button in enumerate(buttons, start))


# Buttons a form offers beside a question answered in words (Skip, Cancel).
_FORM_CONTROLS = frozenset({"form.skip", "form.cancel"})
# Every button of a form's question (its choices too).
FORM_BUTTONS = _FORM_CONTROLS | {"form.answer"}


def numbered(reply: Reply) -> bool:
    """Whether typing a number presses one of the reply's buttons.

    Not for a form question answered in words (its only buttons are Skip and Cancel): there a
    typed number is the answer ("2" as a rating or a pledge number), and "skip" or /cancel
    are typed instead.
    """
    return bool(reply.buttons) and not all(
        button.action in _FORM_CONTROLS for button in reply.buttons)


def _asks_form(reply: Reply) -> bool:
    return any(button.action in FORM_BUTTONS for button in reply.buttons)


def _numbering(replies: Sequence[Reply]) -> list[bool]:
    """Per reply, whether its buttons are numbered. While a form's question waits among the
    replies (an answer given mid-form, then the form's question), a typed number is for the
    form: only its choices are numbered, the other replies' buttons are shown unnumbered."""
    form_waiting = any(_asks_form(reply) for reply in replies)
    return [numbered(reply) and (_asks_form(reply) or not form_waiting) for reply in replies]


def _numbers(reply: Reply) -> tuple[Button, ...]:
    """The buttons of a numbered reply that a typed number presses: a form question's choices
    only, never its Skip nor its Cancel (trials: "3" at a Yes/No survey question, shown
    "[1] Yes [2] No [3] Cancel", threw the answers already given away). Those are typed as
    words ("skip", "cancel", /cancel), which the form engine reads itself."""
    if not _asks_form(reply):
        return reply.buttons
    return tuple(button for button in reply.buttons if button.action not in _FORM_CONTROLS)


def pressable_buttons(replies: Sequence[Reply]) -> tuple[Button, ...]:
    """The buttons a typed number presses, in the order they are numbered."""
    return tuple(button for reply, pressable in zip(replies, _numbering(replies), strict=True)
                 if pressable for button in _numbers(reply))


def labelled_buttons(replies: Sequence[Reply]) -> tuple[Button, ...]:
    """The buttons shown without a number (a command's answer given while a form's question
    waits: "[More]   [Helpful]"): their label typed in words presses them, as a numbered
    one's does (session 31's review: "more" was refused as no choice of the form). Not a
    form's Skip nor Cancel, which the form engine reads in words itself."""
    return tuple(button for reply, pressable in zip(replies, _numbering(replies), strict=True)
                 if not pressable and numbered(reply) for button in reply.buttons
                 if button.action not in FORM_BUTTONS)


def number_buttons(replies: Sequence[Reply], before: Numbers | None = None) -> dict[int, Button]:
    """The number of each button a typed number presses, in the order they are shown.

    When every button was shown numbered in the block before (the same label, action and
    value) and in the same order, each keeps its number, so a number typed means what it meant
    where the person read it (session 30's trial: after "More", "[1] Helpful [2] Not helpful"
    made a "2" typed for "Helpful" record "Not helpful"). Otherwise the block is new, and its
    buttons are numbered from 1 (never out of order: "[1] More [2] Helpful [4] ...").
    """
    shown = pressable_buttons(replies)
    earlier = {button: number for number, button in (before or {}).items()}
    kept = [earlier[button] for button in shown if button in earlier]
    if shown and len(kept) == len(shown) and kept == sorted(set(kept)):
        return dict(zip(kept, shown, strict=True))
    return dict(enumerate(shown, 1))


def render_replies(replies: Sequence[Reply], numbers: Numbers | None = None) -> str:
    """All replies to one block, with numbered buttons (type the number to press one):
    ``numbers`` as ``number_buttons`` gave them, else from 1."""
    shown = iter(number_buttons(replies) if numbers is None else numbers)
    parts: list[str] = []
    for reply, pressable in zip(replies, _numbering(replies), strict=True):
        parts.append(reply.text)
        if pressable:
            pressed = _numbers(reply)
            parts.append("   ".join(
                [*(f"[{next(shown)}] {button.label}" for button in pressed),
                 *(f"[{button.label}]" for button in reply.buttons if button not in pressed)]))
        elif numbered(reply):
            parts.append("   ".join(f"[{button.label}]" for button in reply.buttons))
        # A form asked step by step brings its own buttons and question; the outline would
        # only repeat it, so it is shown just for a form that comes without them.
        if reply.form is not None and not reply.buttons:
            fields = ", ".join(field.label for field in reply.form.fields)
            parts.append(f"({reply.form.title}: {fields})")
    return "\n".join(parts)


def render_delivery(delivery: Delivery, *, pressable: bool = True, view: bool = False) -> str:
    """A message the outbox delivered to a console identity (``view``: one shown to the demo's
    operator that still waits for its own person)."""
    urgent = "URGENT " if delivery.urgent else ""
    waiting = " (demo view: it waits for them at their own console)" if view else ""
    lines = [f"[{urgent}message for {delivery.address}{waiting}]", delivery.text]
    if delivery.buttons and pressable:
        lines.append(_buttons(delivery.buttons))
    elif delivery.buttons:
        lines.append("   ".join(f"[{button.label}]" for button in delivery.buttons))
    return "\n".join(lines)
