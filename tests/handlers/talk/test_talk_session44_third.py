"""Session 44's third review of the pledge by number and by topic: a range or list with a
number past the last commitment, a range typed backwards or with "through", several numbers
after an introduction and an apology, and a topic whose only known word is a party's. Every
commitment asked for is shown or said to be none; never one dropped silently, never ten
listed for a topic no commitment is about. Dialogs through the router."""

from __future__ import annotations

import pytest

from bot.dispatch import Router
from tests.factories import make_incoming
from tests.handlers.conftest import SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

DONT_KNOW = "I don't know the answer to that"


def _said(router: Router, text: str, sender: str = SAM) -> str:
    return "\n".join(reply.text for reply in router.handle(make_incoming(text, sender=sender)))


def _where(said: str, numbers: tuple[int, ...]) -> list[int]:
    return [said.find(f"Commitment {number}:") for number in numbers]


# 1. Ranges and lists: every real commitment shown in order; one the pledge lacks said so.
@pytest.mark.parametrize(("text", "numbers"), [
    ("pledges 13 through 16", (13, 14, 15, 16)),
    ("pledges 3-1", (1, 2, 3)),
    ("pledges 16 to 13", (13, 14, 15, 16)),
])
def test_a_range_shows_every_commitment_in_it(northshire_router: Router, text: str,
                                              numbers: tuple[int, ...]) -> None:
    said = _said(northshire_router, text)
    where = _where(said, numbers)
    assert all(at >= 0 for at in where), said
    assert where == sorted(where), said
    assert DONT_KNOW not in said


def test_a_range_past_the_last_commitment_shows_to_the_last_and_says_so(
        northshire_router: Router) -> None:
    said = _said(northshire_router, "pledges 28-31")
    where = _where(said, (28, 29, 30))
    assert all(at >= 0 for at in where), said
    assert where == sorted(where), said
    assert "The pledge has 30 commitments, numbered 1 to 30, so there is no commitment 31." in said
    assert DONT_KNOW not in said


def test_a_number_past_the_last_beside_a_real_one_is_said_to_be_none(
        northshire_router: Router) -> None:
    said = _said(northshire_router, "pledges 5 and 45")
    assert "Commitment 5:" in said, said
    assert "so there is no commitment 45." in said, said
    assert "numbered 1 to 30" in said
    assert said.find("Commitment 5:") < said.find("no commitment 45")


def test_a_number_past_the_last_alone_is_still_said_to_be_none(
        northshire_router: Router) -> None:
    said = _said(northshire_router, "pledge 45")
    assert "so there is no commitment 45" in said, said
    assert "Commitment" not in said.replace("commitments", "")


# 2. An introduction and an apology before several numbers: each shown.
@pytest.mark.parametrize(("text", "numbers"), [
    ("hi its sam from riverside care, really sorry, quick question - pledges 24 and 25?",
     (24, 25)),
    ("hi its sam from riverside care, really sorry, quick question - pledges 4 and 5", (4, 5)),
    ("hi its sam from riverside care, really sorry, quick question - pledges 8 and 9", (8, 9)),
])
def test_several_pledges_after_an_introduction_and_an_apology(northshire_router: Router,
                                                              text: str,
                                                              numbers: tuple[int, ...]) -> None:
    said = _said(northshire_router, text)
    where = _where(said, numbers)
    assert all(at >= 0 for at in where), said
    assert where == sorted(where), said
    assert DONT_KNOW not in said


# 3. A topic whose only known word names a party ("commissioners") is no loose list of ten.
def test_a_pledge_about_bullying_by_commissioners_is_not_ten_commitments(
        northshire_router: Router) -> None:
    said = _said(northshire_router, "is there a pledge about bullying by commissioners")
    assert "I can't find a commitment about bullying by commissioners" in said, said
    assert "commitment 1, \"Mutual respect and professional behaviour\"" in said, said
    assert "The pledge's commitments on" not in said
    assert "\n27. " not in said


@pytest.mark.parametrize(("topic", "numbers"), [
    ("respect from commissioners", (1, 3)),
    ("contracts", (12, 23)),
])
def test_a_topic_beside_a_party_still_lists_its_commitments(northshire_router: Router,
                                                            topic: str,
                                                            numbers: tuple[int, ...]) -> None:
    said = _said(northshire_router, f"is there a pledge about {topic}")
    assert f"The pledge's commitments on {topic}:" in said, said
    assert all(f"\n{number}. " in said for number in numbers), said


def test_a_long_range_past_the_last_commitment_says_which_are_none(
        northshire_router: Router) -> None:
    said = _said(northshire_router, "pledges 20-35")
    assert "Commitment 20:" in said, said
    assert "\"pledges 25-30\"" in said, said
    assert "so there are no commitments 31 to 35." in said, said
