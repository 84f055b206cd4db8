"""The console channel: pure line translation, and the real program driven through a pipe."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.channels.console.adapter import UNREADABLE, to_incoming
from bot.channels.console.renderer import render_replies
from bot.messages import Button, Incoming, Reply
from bot.models import Channel
from tests.cli import run_cli
from tests.factories import FIXED_NOW

BUTTONS = (Button(label="Helpful", action="answer.rate", value="up"),
           Button(label="Not helpful", action="answer.rate", value="down"))


@pytest.mark.parametrize(("raw", "buttons", "expected"), [
    (b"/help\n", (), {"text": "/help", "action": None}),
    ("caf\u00e9 question\r\n", (), {"text": "caf\u00e9 question", "action": None}),
    (b"2\n", BUTTONS, {"text": "", "action": "answer.rate", "action_value": "down"}),
    (b"3\n", BUTTONS, {"text": "3", "action": None}),
    (b"1\n", (), {"text": "1", "action": None}),
    (b"\n", (), {"text": "", "action": None}),
])
def test_to_incoming(raw: bytes | str, buttons: tuple[Button, ...], expected: dict) -> None:
    incoming = to_incoming(raw, sender="sam@r.example", received_at=FIXED_NOW, buttons=buttons)
    assert isinstance(incoming, Incoming)
    assert incoming.channel == Channel.CONSOLE
    assert incoming.sender == "sam@r.example"
    assert {key: getattr(incoming, key) for key in expected} == expected


def test_invalid_utf8_is_unreadable() -> None:
    assert to_incoming(b"\xff\xfe bad\n", sender="s", received_at=FIXED_NOW) is UNREADABLE


def test_render_numbers_buttons_across_replies() -> None:
    replies = [Reply(text="Answer one", buttons=BUTTONS[:1]), Reply(text="More", buttons=BUTTONS)]
    assert render_replies(replies) == (
        "Answer one\n[1] Helpful\nMore\n[2] Helpful   [3] Not helpful")


def _blocks(output: bytes) -> list[str]:
    text = output.decode("utf-8")
    assert text.endswith("\n---\n")
    return text[: -len("\n---\n")].split("\n---\n")


def test_the_console_answers_piped_lines_one_block_each(tmp_path: Path) -> None:
    lines = [
        b"/help",
        b"/frobnicate",
        b"how long is the standstill period?",
        b"1",
        b"",
        b"x" * 100_000,
        b"\x1b[31m/whoami\x07",
        b"\xff\xfe not utf-8",
        b"one of our night carers slapped a resident",
    ]
    result = run_cli("run", "--demo", cwd=tmp_path, stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0
    assert result.stderr == b""
    blocks = _blocks(result.stdout)
    assert blocks[0].startswith("Hello Sam Patel. Here is what I can do for you:\n")
    assert "  /help - what I can do for you" in blocks[0]
    assert blocks[1] == "I don't know the command /frobnicate. Type /help to see what I can do."
    assert blocks[2].startswith("Standstill periods and challenging an award\n")
    assert "at least 8 working days" in blocks[2]
    assert blocks[2].endswith("[1] Helpful   [2] Not helpful   [3] Ask a commissioner")
    assert blocks[3] == "Thank you, that helps me know the answer is right."
    assert blocks[4] == "I didn't catch anything there. Type /help to see what I can do."
    assert blocks[5] == ("That message is too long for me (100,000 characters; the limit is "
                         "4,000). Please send a shorter version. Nothing was saved.")
    # Control characters are dropped; what is left is not a command, so it is a question.
    assert blocks[6].startswith("I don't know the answer to that, and I'd rather not guess.")
    assert blocks[7] == ("I couldn't read that message: it isn't plain text I understand. "
                         "Nothing was saved. Please type it again.")
    assert blocks[8].startswith("This sounds like a safeguarding concern. Please act on it now:\n"
                                "- If anyone is in immediate danger, call 999.\n"
                                "- To report a crime that is not an emergency, call 101.")
    # The safeguarding hub (a console user in the demo) is told at once, through the outbox.
    assert blocks[9].startswith("[URGENT message for safeguarding@northshire.example]\n"
                                "URGENT safeguarding concern SG-")
    assert len(blocks) == 10


def test_talking_as_someone_else_and_as_a_stranger(tmp_path: Path) -> None:
    env = {"PLEDGEBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}"}
    assert run_cli("run", "--demo", cwd=tmp_path, env=env).returncode == 0
    as_admin = run_cli("run", "--as", "Dana.Reeve@northshire.example", cwd=tmp_path, env=env,
                       stdin=b"/whoami\n")
    assert _blocks(as_admin.stdout) == [
        "You are Dana Reeve (admin) at Northshire County Council, writing on console."]
    stranger = run_cli("run", "--as", "nobody@nowhere.example", cwd=tmp_path, env=env,
                       stdin=b"/help\nhello\n")
    assert _blocks(stranger.stdout) == [
        "Hello. I don't know who you are yet, so I can't help on this account.\n"
        "To be added, please ask your council's commissioning team to register you "
        "for pledgebot."
    ] * 2


def test_repeating_the_demo_keeps_one_copy_of_everyone(tmp_path: Path) -> None:
    for _ in range(2):
        assert run_cli("run", "--demo", cwd=tmp_path).returncode == 0
    listed = run_cli("people", "list", cwd=tmp_path)
    assert listed.stdout.decode().count("\n") == 6
