"""Session 46's review of the first safeguarding round: a tradesperson's no-show set aside only
when nothing but a vent is told beside it, and medicines got ready for a round are no hoard.

Each row is the reviewer's exact input with the reading it had before that round (every one of
them was made worse by it: the concerns went quiet or only asked, the rounds raised URGENT)."""

from __future__ import annotations

import pytest

from knowledge.safeguarding import detect, unsure


def _reading(text: str) -> str:
    if detect(text) is not None:
        return "raised"
    return "asked" if unsure(text) is not None else "quiet"


@pytest.mark.parametrize(("text", "reading"), [
    # Someone cared for left without care beside a tradesperson who did not come: read as before.
    ("the lift engineer never came so nobody upstairs has had a hot meal in 3 days", "raised"),
    ("the lift engineer never came so nobody upstairs has had a hot meal", "raised"),
    ("the plumber hasnt turned up, no hot water for anyone to wash for a week", "raised"),
    ("the meals delivery man never turned up so no lunch today", "raised"),
    ("the hoist engineer hasnt turned up so no one has been hoisted out of bed today", "raised"),
    ("the lift engineer hasnt come, nobody on the top floor has been out of bed for a week",
     "raised"),
    ("the engineer never turned up, the call bells are dead and nobody can ring for help",
     "raised"),
    ("the oxygen delivery driver hasnt turned up and the cylinders are nearly empty", "raised"),
    ("the pharmacy delivery driver hasnt come, no insulin for anyone tonight", "asked"),
    ("the pharmacy delivery man hasnt come, no insulin tonight", "asked"),
    ("the engineer never came so the hoist is still broken and nobody can be got up", "asked"),
    # ... and the vent alone is still set aside.
    ("i could kill the plumber, he still hasnt turned up", "quiet"),
    ("im going to murder the electrician, he never showed", "quiet"),
    ("i could strangle the gas engineer, still hasnt turned up", "quiet"),
    # Medicines got ready for a round are not hoarded: read as before.
    ("we have his tablets put aside in his blister pack for the weekend", "quiet"),
    ("we have her pills put aside in her tray ready for the round", "quiet"),
    ("mrs b has her meds put aside in a pot for the afternoon round", "asked"),
    ("mrs b has her tablets put by in her dosette", "asked"),
    ("RC-101 has her tablets put aside in her blister pack", "asked"),
    # ... while medicines saved up or stashed by someone cared for are still raised.
    ("RC-101 has pills saved up in her drawer", "raised"),
    ("found a stash of tablets in her room", "raised"),
    # One's own manager short with one, once, is one's working day (raised URGENT as possible
    # harm when typed at a form's summary as "also ... too"); harm beside it is read as before.
    ("also the manager was rude to me too", "quiet"),
    ("our manager was rude to me on the phone", "quiet"),
    ("ugh my boss was so short with me today", "quiet"),
    ("also the manager was rude to mrs b too", "raised"),
    ("the manager was rude to me and hit a resident", "raised"),
    ("also the manager hit me", "raised"),
])
def test_the_first_rounds_set_asides_after_their_review(text: str, reading: str) -> None:
    assert _reading(text) == reading
