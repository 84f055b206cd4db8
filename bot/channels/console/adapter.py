"""Console lines to Incoming (pure), and the loop that reads stdin and writes replies."""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import re
import select
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO, TextIO

from bot.channels import canonical_address
from bot.channels.console.renderer import (
    FORM_BUTTONS,
    SEPARATOR,
    Numbers,
    labelled_buttons,
    number_buttons,
    render_delivery,
    render_replies,
)
from bot.db import utcnow
from bot.dispatch import Router
from bot.messages import Button, Delivery, Incoming, Reply
from bot.models import Channel

CONVERSATION = "console"
_BRACKETED = re.compile(r"\[\s*(\d{1,2})\s*\]")


class Unreadable:
    """A line that is not valid UTF-8 text."""


UNREADABLE = Unreadable()


@dataclass(frozen=True, slots=True)
class NotAChoice:
    """A number typed while numbered buttons wait that is none of their numbers ("5" beside
    [1] to [4]): the buttons still wait, and the person is told which numbers there are."""

    number: int
    numbers: tuple[int, ...]


def to_incoming(
    raw: bytes | str,
    *,
    sender: str,
    received_at: datetime,
    buttons: Sequence[Button] | Mapping[int, Button] = (),
    labelled: Sequence[Button] = (),
) -> Incoming | Unreadable | NotAChoice:
    """Turn one console line into an Incoming; a number, or a label typed in words, picks one
    of the last reply's buttons (``buttons``: numbered from 1, or by the numbers shown). A
    label typed in words also presses a button shown there without a number (``labelled``:
    a command's answer beside a form's waiting question); numbers stay the form's.

    A number that is none of the buttons' is ``NotAChoice`` (session 30's trial: it went on as
    text, was told numbers pick buttons only when they are shown, and the buttons were lost),
    except at a form's choice question, whose engine says which choices there are itself.
    """
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            return UNREADABLE
    line = raw.rstrip("\r\n")
    choice = line.strip()
    # "[2]" typed as the button's number is shown (session 32's trial) is that number.
    bracketed = _BRACKETED.fullmatch(choice)
    if bracketed is not None:
        choice = bracketed.group(1)
    # A button's label typed in words ("more", "Snooze 1 day") presses it too (session 22's
    # review: typed labels became questions for the knowledge base).
    said = " ".join(choice.casefold().strip(" .!\"'").split())
    numbers = _numbered(buttons)
    named = [button for button in numbers.values() if button.label.casefold() == said]
    if not named:
        named = [button for button in labelled if button.label.casefold() == said]
    number = None
    if choice.isascii() and choice.isdigit() and int(choice) in numbers:
        button = numbers[int(choice)]
        number = int(choice)
    elif choice.isascii() and choice.isdigit() and len(
            sums := [button for button in numbers.values()
                     if button.label.removeprefix("£").replace(",", "") == choice]) == 1:
        # A sum offered as a button ("£125") typed as its figures ("125": session 44's
        # records review, "125 isn't one of the choices") presses it.
        button = sums[0]
    elif (choice.isascii() and choice.isdigit() and numbers
          and not any(button.action in FORM_BUTTONS for button in numbers.values())):
        return NotAChoice(int(choice), tuple(sorted(numbers)))
    elif len(named) == 1:
        button = named[0]
    else:
        button = None
    if button is not None:
        return Incoming(
            channel=Channel.CONSOLE,
            conversation=CONVERSATION,
            sender=sender,
            action=button.action,
            action_value=button.value,
            received_at=received_at,
            number=number,
        )
    return Incoming(
        channel=Channel.CONSOLE,
        conversation=CONVERSATION,
        sender=sender,
        text=line,
        received_at=received_at,
    )


def _numbered(buttons: Sequence[Button] | Mapping[int, Button]) -> Numbers:
    if isinstance(buttons, Mapping):
        return buttons
    return {number: button for number, button in enumerate(buttons, 1)}


class LineReader:
    """Lines of a stream, read in a worker thread that gives up as soon as it is told to stop.

    A worker blocked in ``readline`` cannot be interrupted, and the event loop's shutdown waits
    for it: Ctrl-C would then wait for Enter. So for a stream with a file descriptor (a
    terminal, a pipe, a file) this waits for input with ``select`` in short steps, checking
    ``stopping`` between them, and reads with ``os.read`` (no buffer lock for a stuck thread to
    hold); another stream (a test's ``BytesIO``) is read with its own ``readline``.
    """

    STEP_SECONDS = 0.1

    def __init__(self, stream: BinaryIO) -> None:
        """Read ``stream``, which nothing else may read meanwhile."""
        self.stream = stream
        self.stopping = threading.Event()
        self._pending = b""
        self._ended = False
        try:
            self._fd: int | None = stream.fileno()
        except (OSError, ValueError, io.UnsupportedOperation):
            self._fd = None

    def readline(self) -> bytes:
        """The next line with its end of line; b"" at end of input or once stopping."""
        if self._fd is None:
            return b"" if self.stopping.is_set() else self.stream.readline()
        while b"\n" not in self._pending and not self._ended:
            if self.stopping.is_set():
                return b""
            ready, _, _ = select.select([self._fd], [], [], self.STEP_SECONDS)
            if not ready or self.stopping.is_set():
                continue
            chunk = os.read(self._fd, 65536)
            if chunk:
                self._pending += chunk
            else:
                self._ended = True
        line, newline, self._pending = self._pending.partition(b"\n")
        return line + newline


class ConsoleChannel:
    """The console as a ``bot.channels.Channel``: reads lines from stdin, answers each with one
    flushed reply block, prints deliveries; it ends at end of input."""

    kind = Channel.CONSOLE

    def __init__(
        self,
        *,
        sender: str,
        stdin: BinaryIO,
        stdout: TextIO,
        unreadable_text: str,
        not_a_choice: Callable[[NotAChoice], str] = lambda typed: (
            f"{typed.number} isn't one of the choices."),
        interactive: bool = False,
        clock: Callable[[], datetime] = utcnow,
        rate_per_second: float = 100.0,
        peek: Callable[[int], list[Delivery]] | None = None,
        peek_from: Callable[[], int] | None = None,
    ) -> None:
        """Talk as the console identity ``sender``; only their messages are delivered here.

        ``peek(after_id)``, when given, returns what waits for other people (the single-
        operator demo, where seeing the safeguarding alert go out is the point): it is shown
        after each reply, marked as a view, and left waiting for its own person.
        ``peek_from()``: the outbox id the view starts after, so it shows what this console's
        messages cause, not what others left waiting (session 25's trial: a provider's console
        showed another provider's safeguarding alert at every start).
        """
        self.sender = canonical_address(Channel.CONSOLE, sender)
        self.stdin, self.stdout = stdin, stdout
        self.unreadable_text = unreadable_text
        self.not_a_choice = not_a_choice
        self.interactive = interactive
        self.clock = clock
        self.rate_per_second = rate_per_second
        self.only_address: str | None = self.sender
        self.peek = peek
        self.peek_from = peek_from
        self.peeked = 0
        # The buttons a typed number presses, by the number shown on each.
        self.buttons: Numbers = {}
        # The buttons shown without a number, which a typed label presses.
        self.labelled: tuple[Button, ...] = ()
        self._reading: asyncio.Task[None] | None = None
        self._lines = LineReader(stdin)

    async def start(self, router: Router[Any]) -> None:
        """Begin reading lines for ``router``."""
        if self.peek_from is not None:
            self.peeked = await asyncio.to_thread(self.peek_from)
        self._reading = asyncio.create_task(self.run(router))

    async def wait(self) -> None:
        """Return at end of input."""
        if self._reading is not None:
            await asyncio.shield(self._reading)

    async def stop(self) -> None:
        """Stop reading at once (a line being answered is finished first)."""
        self._lines.stopping.set()
        if self._reading is not None and not self._reading.done():
            self._reading.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reading

    async def run(self, router: Router[Any]) -> None:
        """Answer every line until end of input."""
        while True:
            if self.interactive:
                self.stdout.write("> ")
                self.stdout.flush()
            raw = await asyncio.to_thread(self._lines.readline)
            if not raw:
                return
            incoming = to_incoming(
                raw, sender=self.sender, received_at=self.clock(), buttons=self.buttons,
                labelled=self.labelled,
            )
            if isinstance(incoming, NotAChoice):
                # The buttons still wait, with the same numbers.
                self.write(self.not_a_choice(incoming))
                continue
            if isinstance(incoming, Unreadable):
                replies = [Reply(text=self.unreadable_text)]
            else:
                replies = await router.handle_async(incoming)
            self.buttons = number_buttons(replies, before=self.buttons)
            self.labelled = labelled_buttons(replies)
            self.write(render_replies(replies, self.buttons))
            if self.peek is not None:
                for waiting in await asyncio.to_thread(self.peek, self.peeked):
                    self.peeked = max(self.peeked, waiting.outbox_id)
                    self.write(render_delivery(waiting, pressable=False, view=True))

    async def deliver(self, delivery: Delivery) -> None:
        """Show an outbox message addressed to a console identity.

        Only a message for the person at this console gets pressable (numbered) buttons: the
        others are shown so a demo can see what colleagues receive, not to act for them.
        """
        mine = delivery.address == self.sender
        if mine and delivery.buttons:
            self.buttons = dict(enumerate(delivery.buttons, 1))
            self.labelled = ()
        self.write(render_delivery(delivery, pressable=mine))

    def write(self, block: str) -> None:
        """Write one block and its separator, flushed so a pipe sees it at once."""
        self.stdout.write(block + "\n" + SEPARATOR + "\n")
        self.stdout.flush()
