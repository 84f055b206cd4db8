"""The console channel: pure line translation, and the real program driven through a pipe."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from bot.channels.console.adapter import UNREADABLE, NotAChoice, to_incoming
from bot.channels.console.renderer import number_buttons, pressable_buttons, render_replies
from bot.messages import Button, Incoming, Reply
from bot.models import Channel
from tests.cli import QUIET_MOMENT, _environment, run_cli, run_real_cli
from tests.factories import FIXED_NOW

BUTTONS = (Button(label="Helpful", action="answer.rate", value="up"),
           Button(label="Not helpful", action="answer.rate", value="down"))


@pytest.mark.parametrize(("raw", "buttons", "expected"), [
    (b"/help\n", (), {"text": "/help", "action": None}),
    ("caf\u00e9 question\r\n", (), {"text": "caf\u00e9 question", "action": None}),
    (b"2\n", BUTTONS, {"text": "", "action": "answer.rate", "action_value": "down",
                        "number": 2}),
    (b"1\n", (), {"text": "1", "action": None}),
    (b"\n", (), {"text": "", "action": None}),
    # A label typed in words presses its button (session 22's review), any case; other words
    # and a label with no such button waiting are text.
    (b"not helpful\n", BUTTONS, {"text": "", "action": "answer.rate", "action_value": "down",
                                 "number": None}),
    (b"Helpful.\n", BUTTONS, {"text": "", "action": "answer.rate", "action_value": "up"}),
    (b"helpful enough\n", BUTTONS, {"text": "helpful enough", "action": None}),
    (b"helpful\n", (), {"text": "helpful", "action": None}),
    # "[2]" typed as the button's number is shown (session 32's trial: a question).
    (b"[2]\n", BUTTONS, {"text": "", "action": "answer.rate", "action_value": "down",
                          "number": 2}),
    (b"[2]\n", (), {"text": "[2]", "action": None}),
])
def test_to_incoming(raw: bytes | str, buttons: tuple[Button, ...], expected: dict) -> None:
    incoming = to_incoming(raw, sender="sam@r.example", received_at=FIXED_NOW, buttons=buttons)
    assert isinstance(incoming, Incoming)
    assert incoming.channel == Channel.CONSOLE
    assert incoming.sender == "sam@r.example"
    assert {key: getattr(incoming, key) for key in expected} == expected


def test_a_number_typed_for_a_question_in_words_is_the_answer_not_a_button() -> None:
    controls = (Button(label="Skip", action="form.skip", value="9:1"),
                Button(label="Cancel", action="form.cancel", value="9"))
    question = Reply(text="Which pledge commitment?", buttons=controls)
    assert pressable_buttons([question]) == ()
    assert render_replies([question]) == "Which pledge commitment?"
    choice = Reply(text="Rating?", buttons=(Button(label="1", action="form.answer",
                                                   value="9:2:0"), *controls))
    # A choice question's number is one of its choices only, never Skip nor Cancel (trials:
    # "3" at "[1] Yes [2] No [3] Cancel" threw a survey's answers away).
    assert [b.label for b in pressable_buttons([choice])] == ["1"]
    assert render_replies([choice]) == "Rating?\n[1] 1   [Skip]   [Cancel]"


def test_a_number_no_button_has_is_not_a_choice() -> None:
    assert to_incoming(b"3\n", sender="s", received_at=FIXED_NOW, buttons=BUTTONS) == (
        NotAChoice(3, (1, 2)))


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
        b"2",
        b"",
        b"x" * 100_000,
        b"\x1b[31m/whoami\x07",
        b"\xff\xfe not utf-8",
        b"one of our night carers slapped a resident",
    ]
    result = run_real_cli("run", "--demo", cwd=tmp_path, stdin=b"\n".join(lines) + b"\n",
                          env=QUIET_MOMENT)
    assert result.returncode == 0
    assert result.stderr == b""
    blocks = _blocks(result.stdout)
    assert blocks[0].startswith("Hello Sam Patel. Here is what I can do for you:\n")
    assert "  /help - what I can do for you" in blocks[0]
    assert blocks[1] == "I don't know the command /frobnicate. Type /help to see what I can do."
    assert blocks[2].startswith("Standstill periods and challenging an award\n")
    assert "at least 8 working days" in blocks[2]
    assert blocks[2].endswith(
        "[1] More   [2] Helpful   [3] Not helpful   [4] Ask a commissioner")
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
    assert "(reference PB-2026-000001)" in blocks[8]
    # The safeguarding hub (a console user in the demo) is told at once, through the outbox,
    # and owns the urgent case the concern opened.
    assert blocks[9].startswith("[URGENT message for safeguarding@northshire.example (demo view: "
                                "it waits for them at their own console)]\n"
                                "URGENT safeguarding concern PB-2026-000001 (physical abuse)")
    assert blocks[9].endswith("[Acknowledge]   [Show the case]")
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


def test_a_whole_dispute_through_the_console(tmp_path: Path) -> None:
    """Raise, acknowledge, propose, reject, propose, accept: each person at their own console."""
    env = {"PLEDGEBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
           "PLEDGEBOT_FIXED_NOW": "2026-11-25T10:00:00+00:00"}

    delivered: list[str] = []

    def console(stdin: bytes, *extra: str) -> list[str]:
        """The replies, in order; what the outbox delivered meanwhile goes to ``delivered``."""
        result = run_cli("run", *extra, cwd=tmp_path, env=env, stdin=stdin)
        assert result.returncode == 0, result.stderr
        assert result.stderr == b""
        blocks = _blocks(result.stdout)
        delivered.extend(block for block in blocks if block.startswith("[message for "))
        return [block for block in blocks if not block.startswith("[message for ")]

    # Sam (the demo provider) raises it: the form asks four questions, shows the answers, and
    # "1" (Send) sends it.
    raised = console(b"/conflict\n1\nskip\nInvoice 7 for RV-0042 is 40 days unpaid\n"
                     b"Payment this week\n1\n", "--demo")
    assert raised[0].startswith("Disagreement \u2014 question 1 of 4\nWhat is it about?")
    assert raised[4].startswith("Before I send your disagreement, please check it:\n")
    assert raised[4].endswith("[1] Send   [2] Change   [Cancel]")
    assert raised[5] == (
        "Thank you. Your case is PB-2026-000001, with Priya Shah. They should acknowledge it by "
        "Fri 27 Nov 2026 17:00 and resolve it by Wed 23 Dec 2026 17:00; if not, I'll take it "
        "further. /case PB-2026-000001 shows where it is.")
    priya = ("--as", "priya.shah@northshire.example")
    # Priya sees it, presses Acknowledge and proposes a resolution.
    first = console(b"/case PB-2026-000001\n1\n/case PB-2026-000001 propose We pay INV-7 on "
                    b"Friday\n", *priya)
    assert first[0].startswith("PB-2026-000001 \u00b7 Conflict \u00b7 Payment\n"
                               "Status: open, not yet acknowledged")
    assert first[0].endswith("[1] Acknowledge   [2] Ask for information   [3] Propose a "
                             "resolution   [4] Resolve   [5] Reassign   [6] Comment")
    assert first[1] == "PB-2026-000001 acknowledged. Please resolve it by Wed 23 Dec 2026 17:00."
    assert first[2] == ("Proposal sent for PB-2026-000001; the provider can accept or reject "
                        "it.")
    # Sam rejects it with the button on the proposal, and says why.
    rejected = console(b"/case PB-2026-000001\n2\n/case PB-2026-000001 comment Friday is "
                       b"too late\n")
    assert "Proposed resolution: \u201cWe pay INV-7 on Friday\u201d" in rejected[0]
    assert rejected[0].endswith("[1] Accept   [2] Reject   [3] Comment   [4] Withdraw")
    assert rejected[1].startswith("PB-2026-000001 stays open, back with Priya Shah, who is told.")
    assert rejected[2] == "Comment added to PB-2026-000001."
    assert ("[message for sam.patel@riverside-care.example]\nPriya Shah proposes a resolution "
            "to your case PB-2026-000001:\n\u201cWe pay INV-7 on Friday\u201d\n[1] Accept   "
            "[2] Reject") in delivered
    # Priya proposes again; Sam accepts.
    second = console(b"/case PB-2026-000001 propose We pay INV-7 today\n", *priya)
    assert second[0].startswith("Proposal sent")
    accepted = console(b"/case PB-2026-000001\n1\n/cases all\n")
    assert accepted[1] == "Thank you: PB-2026-000001 is resolved."
    assert "PB-2026-000001 \u00b7 Conflict \u00b7 Payment \u00b7 resolved" in accepted[2]
    shown = console(b"/case PB-2026-000001\n", *priya)[0]
    events = [line.split(" \u00b7 ", 2)[2] for line in shown.splitlines()
              if line.startswith("- Wed 25 Nov 2026")]
    assert events == [
        "opened: Routed to Priya Shah (routing rule 2).", "acknowledged",
        "resolution proposed: We pay INV-7 on Friday", "rejected",
        "comment: Friday is too late", "resolution proposed: We pay INV-7 today", "accepted: We "
        "pay INV-7 today"]


def test_a_console_never_uses_up_other_peoples_messages(tmp_path: Path) -> None:
    env = {"PLEDGEBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}", **QUIET_MOMENT}
    # Sam raises a concern in the demo: the operator sees the hub's alert as a view only.
    sam = run_cli("run", "--demo", cwd=tmp_path, env=env,
                  stdin=b"one of our night carers slapped a resident\n")
    assert "(demo view: it waits for them at their own console)" in sam.stdout.decode()
    # ... so it still waits for the hub, and the hub's own console delivers it.
    waiting = run_cli("outbox", "list", "--status", "pending", cwd=tmp_path, env=env)
    assert "console:safeguarding@northshire.example safeguarding.raised" in waiting.stdout.decode()
    # Alex, another provider at his console, sees nothing of it; nor in the demo, whose view
    # starts when his console does (session 25's trial: he saw Sam's disclosure at every start).
    for demo in ((), ("--demo",)):
        alex = run_cli("run", "--as", "alex.morgan@hillview.example", *demo, cwd=tmp_path,
                       env=env, stdin=b"/whoami\n")
        assert "safeguarding" not in alex.stdout.decode()
    # The hub's console shows the alert before it reads a line, so "1" presses Acknowledge
    # (session 25's trial: the line was read before the alert's buttons).
    hub = run_cli("run", "--as", "safeguarding@northshire.example", cwd=tmp_path, env=env,
                  stdin=b"1\n")
    blocks = _blocks(hub.stdout)
    assert blocks[0].startswith("[URGENT message for safeguarding@northshire.example]")
    assert blocks[1].startswith("PB-2026-000001 acknowledged.")
    sent = run_cli("outbox", "list", "--status", "sent", cwd=tmp_path, env=env)
    assert "console:safeguarding@northshire.example safeguarding.raised" in sent.stdout.decode()



def test_while_a_form_question_waits_numbers_are_for_its_choices_only() -> None:
    answer = Reply(text="Standstill...", buttons=BUTTONS)
    form_question = Reply(text="You still have a form open", buttons=(
        Button(label="1", action="form.answer", value="9:2:0"),
        Button(label="2", action="form.answer", value="9:2:1"),
        Button(label="Cancel", action="form.cancel", value="9")))
    assert pressable_buttons([answer, form_question]) == form_question.buttons[:2]
    assert render_replies([answer, form_question]) == (
        "Standstill...\n[Helpful]   [Not helpful]\n"
        "You still have a form open\n[1] 1   [2] 2   [Cancel]")
    # Without a form question, the answer's buttons are numbered as before.
    assert pressable_buttons([answer]) == BUTTONS

def test_a_number_presses_a_button_only_when_the_last_reply_showed_buttons(
        tmp_path: Path) -> None:
    lines = [b"1", b"how long is the standstill period?", b"4", b"hello", b"2"]
    result = run_cli("run", "--demo", cwd=tmp_path, stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    blocks = _blocks(result.stdout)
    assert blocks[0].startswith('"1" on its own doesn\'t tell me what you mean')
    assert blocks[1].endswith(
        "[1] More   [2] Helpful   [3] Not helpful   [4] Ask a commissioner")
    assert blocks[2].startswith("Thank you. I've passed your question to")  # button 4
    assert blocks[-2].startswith("Hello Sam Patel.\nI can:")
    assert blocks[-1].startswith('"2" on its own doesn\'t tell me what you mean')


def test_a_button_shown_again_keeps_its_number(tmp_path: Path) -> None:
    # Session 30's trial: after "More", the ratings were renumbered from 1, so a "2" typed for
    # "Helpful" (its number where it was read) recorded "Not helpful".
    lines = [b"how long is the standstill period?", b"1", b"2"]
    result = run_cli("run", "--demo", cwd=tmp_path, stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    blocks = _blocks(result.stdout)
    assert blocks[0].endswith(
        "[1] More   [2] Helpful   [3] Not helpful   [4] Ask a commissioner")
    assert blocks[1].endswith("[2] Helpful   [3] Not helpful   [4] Ask a commissioner")
    assert blocks[2] == "Thank you, that helps me know the answer is right."


def test_a_number_none_of_the_buttons_has_is_refused_and_the_buttons_still_work(
        tmp_path: Path) -> None:
    # Session 30's trial: "5" beside [1] to [4] was told a number picks a button only when
    # buttons are shown, and the buttons were dropped, so "1" was refused too.
    lines = [b"how long is the standstill period?", b"5", b"1", b"1", b"0"]
    result = run_cli("run", "--demo", "--as", "priya.shah@northshire.example", cwd=tmp_path,
                     stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    blocks = _blocks(result.stdout)
    assert blocks[0].endswith(
        "[1] More   [2] Helpful   [3] Not helpful   [4] Ask a colleague")
    assert blocks[1] == "5 isn't one of the choices: pick 1 to 4."
    assert blocks[2].endswith("[2] Helpful   [3] Not helpful   [4] Ask a colleague")  # More
    assert blocks[3] == "1 isn't one of the choices: pick 2 to 4."  # More is no longer there
    assert blocks[4] == "0 isn't one of the choices: pick 2 to 4."
    assert len(blocks) == 5


def test_buttons_shown_again_keep_their_numbers_and_a_new_block_starts_at_1() -> None:
    more, helpful, unhelpful = (Button(label="More", action="answer.more", value="7"),
                                *BUTTONS)
    before = number_buttons([Reply(text="Answer", buttons=(more, helpful, unhelpful))])
    assert before == {1: more, 2: helpful, 3: unhelpful}
    after = number_buttons([Reply(text="More", buttons=(helpful, unhelpful))], before)
    assert after == {2: helpful, 3: unhelpful}
    assert render_replies([Reply(text="More", buttons=(helpful, unhelpful))], after) == (
        "More\n[2] Helpful   [3] Not helpful")
    # A new block (a button not shown before, or the same ones in another order): from 1.
    ask = Button(label="Ask a commissioner", action="answer.hand_over", value="7")
    assert number_buttons([Reply(text="Thanks", buttons=(unhelpful, ask))], after) == {
        1: unhelpful, 2: ask}
    assert number_buttons([Reply(text="Again", buttons=(unhelpful, helpful))], after) == {
        1: unhelpful, 2: helpful}


def test_ctrl_c_quits_the_interactive_console_at_once(tmp_path: Path) -> None:
    """At a terminal (a pseudo-terminal here), Ctrl-C while waiting for a line says goodbye
    and exits without waiting for Enter, and with no traceback."""
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the real program, at the terminal
        os.chdir(tmp_path)
        os.execvpe(sys.executable, [sys.executable, "-m", "bot", "run", "--demo"],  # noqa: S606
                   _environment({}))
    seen = b""

    def read_until(wanted: bytes, seconds: float) -> bool:
        nonlocal seen
        deadline = time.monotonic() + seconds
        while wanted not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([terminal], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(terminal, 4096)
                except OSError:  # the child has gone and closed the terminal
                    return wanted in seen
                seen += chunk
        return wanted in seen

    try:
        assert read_until(b"> ", 60), seen
        os.kill(pid, signal.SIGINT)
        assert read_until(b"Goodbye.", 10), seen
        deadline = time.monotonic() + 10
        while (ended := os.waitpid(pid, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ended[0] == pid, "still running after Ctrl-C"
        assert os.waitstatus_to_exitcode(ended[1]) == 0
        read_until(b"\0", 0.2)  # whatever is left
        assert b"Traceback" not in seen
        assert b"KeyboardInterrupt" not in seen
    finally:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(terminal)


def test_a_question_asked_mid_form_leaves_the_numbers_to_the_form(tmp_path: Path) -> None:
    lines = [b"/feedback", b"1", b"6", b"what does pledge 29 say", b"3"]
    result = run_cli("run", "--demo", cwd=tmp_path, stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    blocks = _blocks(result.stdout)
    assert "[Helpful]   [Not helpful]   [Ask a commissioner]\nYou still have a form open " in (
        blocks[3])
    assert blocks[3].endswith("[1] 1   [2] 2   [3] 3   [4] 4   [5] 5   [Cancel]")
    # "3" is the rating (button 3 of the form), not "Ask a commissioner" of the answer.
    assert blocks[4].startswith("Feedback — question 4 of 5\n")


def test_a_label_typed_for_a_button_shown_mid_form_presses_it(tmp_path: Path) -> None:
    # Session 31's review: a command's answer mid-form shows its buttons unnumbered (numbers
    # are the form's), and "more" typed was refused as "Please choose one of: Payment, ...".
    lines = [b"/conflict", b"/ask how long does the council have to pay an invoice", b"more",
             b"helpful", b"1"]
    result = run_cli("run", "--demo", cwd=tmp_path, stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    blocks = _blocks(result.stdout)
    assert "[More]   [Helpful]   [Not helpful]   [Ask a commissioner]\n" in blocks[1]
    assert blocks[2].startswith("For Procurement Act 2023 contracts")  # More
    assert "[Helpful]   [Not helpful]   [Ask a commissioner]\n" in blocks[2]
    assert blocks[3].startswith("Thank you, that helps me know the answer is right.")
    # A number is still the form's: "1" is Payment.
    assert blocks[4].startswith("Disagreement — question 2 of 4\n")
