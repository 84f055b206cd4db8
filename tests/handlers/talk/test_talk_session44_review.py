"""Session 44's talk review (/tmp/an/review-talk, ids dNNN): each line was "I don't know", a
commitment dropped or a confident wrong commitment; each is now what a busy care manager
expects. Dialogs through the router."""

from __future__ import annotations

import pytest

from bot.dispatch import Router
from tests.factories import make_incoming
from tests.handlers.conftest import HUB, PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

DONT_KNOW = "I don't know the answer to that"


def _said(router: Router, text: str, sender: str = SAM) -> str:
    return "\n".join(reply.text for reply in router.handle(make_incoming(text, sender=sender)))


def _shown(said: str, number: int) -> int:
    """Where commitment ``number``'s words are shown: alone ("Commitment 7:") or in a list of
    those on a topic ("7. ..."); -1 when not."""
    alone = said.find(f"Commitment {number}:")
    return alone if alone >= 0 else (said.find(f"\n{number}. ") + 1 or -1)


# 1. Several pledges asked at once: every one shown, in the order asked; none dropped silently.
@pytest.mark.parametrize(("text", "numbers"), [
    ("can you show me 7, 12 and 28", (7, 12, 28)),  # d004
    ("whats number 26", (26,)),  # d005
    ("24 25 26", (24, 25, 26)),  # d023
    ("pledges 1-3", (1, 2, 3)),  # d021
    ("pledges 4 to 6", (4, 5, 6)),
    ("which pledges are about insurance and about financial info requirements", (20, 19)),  # d007
    ("what pledge covers subcontractor payment and what pledge covers CQC monitoring",
     (29, 30)),  # d025
    ("the pledge about realistic budgets and the one about contract length", (11, 12)),  # d016
])
def test_several_pledges_asked_are_each_shown(northshire_router: Router, text: str,
                                              numbers: tuple[int, ...]) -> None:
    said = _said(northshire_router, text)
    where = [_shown(said, number) for number in numbers]
    assert all(at >= 0 for at in where), said
    assert where == sorted(where), said
    assert DONT_KNOW not in said
    assert "press it to see the answer" not in said


def test_a_long_range_says_it_shows_the_first_few(northshire_router: Router) -> None:
    said = _said(northshire_router, "pledges 1-12")
    assert "Commitment 1:" in said, said
    assert "Commitment 5:" in said, said
    assert "Commitment 6:" not in said
    assert "That's the first 5 of the 12 you asked for" in said
    assert "\"pledges 6-12\"" in said
    assert DONT_KNOW not in said


def test_what_about_another_number_after_a_pledge(northshire_router: Router) -> None:  # d241
    assert "Commitment 6:" in _said(northshire_router, "what is pledge 6")
    said = _said(northshire_router, "ok and what about 10?")
    assert "Commitment 10:" in said, said
    assert DONT_KNOW not in said


# 2. "Is there a pledge about X": X in no commitment is said so, never a commitment with
# confidence; X a commitment covers is still answered.
NOT_COVERED = ["step down placements", "parking for carers", "pets", "net zero",
               "staff uniforms", "visa sponsorship"]


@pytest.mark.parametrize("topic", NOT_COVERED)
def test_a_pledge_asked_about_something_no_commitment_covers(northshire_router: Router,
                                                             topic: str) -> None:
    said = _said(northshire_router, f"is there a pledge about {topic}")
    assert "I can't find a commitment about" in said, said
    assert "Commitment 6:" not in said


def test_step_down_placements_names_what_the_pledge_says(northshire_router: Router) -> None:
    said = _said(northshire_router, "is there a pledge about step down placements")  # d173
    assert "step down placements" in said.lower(), said
    assert "incentivise" in said, said


@pytest.mark.parametrize(("topic", "number"), [
    ("insurance", 20), ("contract length", 12), ("feedback to unsuccessful bidders", 28),
    ("paying subcontractors", 29), ("managing conflict", 6), ("three month reviews", 24),
])
def test_a_pledge_asked_about_something_a_commitment_covers(northshire_router: Router,
                                                            topic: str, number: int) -> None:
    said = _said(northshire_router, f"is there a pledge about {topic}")
    assert _shown(said, number) >= 0, said
    assert "I can't find a commitment" not in said


@pytest.mark.parametrize(("topic", "number"), [
    ("talking to us before a tender", 9), ("paperwork", 13)])
def test_a_pledge_asked_about_in_other_words_names_the_nearest_commitment(
        northshire_router: Router, topic: str, number: int) -> None:
    """Never "no commitment is about it" where one is, in other words (the lead's check after
    the review's mend: all three were told no commitment covers them)."""
    said = _said(northshire_router, f"is there a pledge about {topic}")
    assert "No commitment" not in said
    assert f"commitment {number}" in said.lower(), said


# 3. An introduction or an apology, then the question: the question answered.
@pytest.mark.parametrize(("text", "sender", "expected"), [
    ("Hiya, Alex at Hillview, sorry for the hassle - which pledge says reviews should be about "
     "outcomes?", SAM, ("Commitment 23:", '"Outcome-focused, transparent contract reviews"')),
  # d017
    ("Morning! Sam here from Riverside. Quick one: what's the pledge on uplifts?", SAM,
     ("Commitment 7:", '"Fair costing mechanism and future uplifts"')),  # d018
    ("Hi, Tom Okafor, commissioning. Sorry to be a nuisance: what is the standstill period?",
     PRIYA, ("standstill",)),  # d198
    ("hello, Tom in commissioning, apologies if this is daft, what number is the mutual respect"
     " one", PRIYA, ("Commitment 1:", '"Mutual respect and professional behaviour"')),  # d019
    ("sorry to be a pain again but which pledge is about training costs", SAM,
     ("Commitment 7:", '"Fair costing mechanism and future uplifts"')),  # d020
    ("Good afternoon, Sam from Riverside Care. I hope you are well. Can you tell me which "
     "pledge is about invoices being paid on time?", SAM,
     ("Commitment 29:", '"Payment terms passed down to subcontractors"')),  # d199
    ("Hi, Priya here, sorry - how long do I have to reply to a disagreement?", PRIYA,
     ("working days",)),  # d245
])
def test_an_introduction_or_apology_then_a_question(northshire_router: Router, text: str,
                                                    sender: str,
                                                    expected: tuple[str, ...]) -> None:
    # The question's own answer, as when typed alone: the commitment, or it offered first.
    said = _said(northshire_router, text, sender)
    assert any(each in said for each in expected), said
    assert DONT_KNOW not in said


# 4. How long the council takes to answer a case, in other words: its working days.
@pytest.mark.parametrize("text", [
    "so annoyed. how long do you lot take to respond to a conflict?",  # d085
    "this is ridiculous, we've waited 3 months for the uplift. how long should the council "
    "take to reply?",  # d084
    "how long until someone gets back to me on my case",  # d086
    "what's the response time for a conflict?",  # d194
    "when will I hear back about my feedback?",  # d195
    "honestly sick of chasing the council. how long are they meant to take to answer a "
    "disagreement?",  # d192
    "we are fuming. how long do they have to acknowledge feedback?",  # d239
    "apologies, how quickly must the council resolve my conflict?",  # d246
])
def test_how_long_the_council_takes_to_answer(northshire_router: Router, text: str) -> None:
    said = _said(northshire_router, text)
    assert "working days" in said, said
    assert "/conflict" in said
    assert DONT_KNOW not in said


def test_the_hub_asks_how_long_it_has_for_a_concern(northshire_router: Router) -> None:
    said = _said(northshire_router, "how long do we have to respond to a concern", HUB)  # d154
    assert "60 minutes" in said, said
    assert DONT_KNOW not in said


# 5. What the bot can do, in other words; what an abbreviation stands for.
@pytest.mark.parametrize(("text", "sender"), [
    ("what can you do for me", PRIYA),  # d068
    ("what can I use this for?", PRIYA),  # d144
    ("what can I do here", HUB),  # d200
    ("what does this bot do for providers", SAM),  # d206
])
def test_what_the_bot_can_do_in_other_words(northshire_router: Router, text: str,
                                            sender: str) -> None:
    said = _said(northshire_router, text, sender)
    assert said == _said(northshire_router, "what can you do", sender)
    assert DONT_KNOW not in said


@pytest.mark.parametrize(("text", "meaning"), [
    ("what does CQC stand for", "Care Quality Commission"),  # d051
    ("what does PPON stand for?", "Public Procurement Organisation Number"),
    ("what does TUPE stand for", "Transfer of Undertakings (Protection of Employment)"),
])
def test_what_an_abbreviation_stands_for(northshire_router: Router, text: str,
                                         meaning: str) -> None:
    said = _said(northshire_router, text)
    assert meaning in said, said
    assert "Financial standing" not in said


# 6. A laughed-off threat at one's own manager (the talk review's d204, no longer raised since
# the safety2 reading) gets a kind line, not "I don't know", and no line about the council.
@pytest.mark.parametrize("text", ["I want to kill my manager lol", "gonna murder my boss haha"])
def test_a_joking_threat_at_ones_own_manager_gets_a_kind_line(northshire_router: Router,
                                                              text: str) -> None:
    said = _said(northshire_router, text)
    assert said.startswith("That sounds like a hard day, and I'm sorry."), said
    assert "This sounds like a safeguarding concern" not in said
    assert "reach the council" not in said
