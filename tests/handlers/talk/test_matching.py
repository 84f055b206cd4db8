"""Small talk and bare numbers: the pure matchers, as tables."""

from __future__ import annotations

import pytest

from handlers.talk.matching import bare_number, small_talk


@pytest.mark.parametrize(("text", "kind"), [
    ("hi", "greeting"),
    ("Hello!", "greeting"),
    ("hey there", "greeting"),
    ("Good morning", "greeting"),
    ("good afternoon pledgebot", "greeting"),
    ("morning all", "greeting"),
    ("how are you?", "wellbeing"),
    ("hi, how are you doing", "wellbeing"),
    ("thanks", "thanks"),
    ("Thanks!", "thanks"),
    ("thank you very much :)", "thanks"),
    ("cheers", "thanks"),
    ("ok thanks", "thanks"),
    ("that's helpful, thank you", "thanks"),
    ("ok", "ack"),
    ("got it", "ack"),
    ("bye", "bye"),
    ("goodbye, thanks", "thanks"),
    ("who are you?", "who"),
    ("Who are you", "who"),
    ("what's pledgebot?", "who"),
    ("are you a bot?", "who"),
    ("are you chatgpt or something else", "who"),
    ("are you a real person or a bot", "who"),
    ("or something else", None),
    ("how are you or something else", None),
    ("hi there, who are you?", "who"),
    ("what can you do", "abilities"),
    ("what can you do?", "abilities"),
    ("help", "abilities"),
    ("Help!", "abilities"),
    ("help please", "abilities"),
    ("hello, what can you help me with?", "abilities"),
    ("how does this work?", "abilities"),
    ("\u2019hi\u2019", "greeting"),
])
def test_small_talk(text: str, kind: str) -> None:
    assert small_talk(text) == kind


@pytest.mark.parametrize("text", [
    "",
    "   ",
    "hi, how long is standstill?",
    "thanks, but what about TUPE?",
    "thanks but what about tupe",
    "hello, the council hasn't paid our invoice",
    "help me with TUPE",
    "help, a carer hit a resident",
    "what is the pledge",
    "what is the pledge to work together",
    "can you summarise the 30 commitments?",
    "how long is standstill?",
    "who do I report neglect to?",
    "what can you tell me about payment terms",
    "hi " * 20,
    "3",
    "pledge 3",
])
def test_not_small_talk(text: str) -> None:
    assert small_talk(text) is None


@pytest.mark.parametrize(("text", "number"), [
    ("1", 1),
    (" 3 ", 3),
    ("#6", 6),
    ("6.", 6),
    ("2)", 2),
    ("no. 4", 4),
    ("number 12", 12),
    ("99999", 99999),
])
def test_bare_number(text: str, number: int) -> None:
    assert bare_number(text) == number


@pytest.mark.parametrize("text", [
    "", "pledge 3", "3 days", "3,4", "1.5", "£300", "one", "PB-2026-000001", "1234567890",
])
def test_not_a_bare_number(text: str) -> None:
    assert bare_number(text) is None
