"""Safeguarding practice entries (issue 11, content coverage).

Each row is a provider's practice question in their own words, not one of the entry's sample
questions, asked through ``pledgebot ask --json`` over the packaged content. It must be answered
(not handed over, not a choice, not read as a disclosure) by the entry written for it. Where a
person may be in danger, the two lines chat shows first must say to call 999. A few neighbouring
questions must not get the new entries, and a disclosure must still be read as a concern.
"""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.answers import lead_and_detail
from knowledge.base import PACKAGED, load_content
from tests.knowledge.content_checks import (
    ask_json,
    assert_each_entry_is_asked_in_other_words,
    offered,
    packaged_entries,
)

ASKED: list[tuple[str, str]] = [
    ("we've been handed a caused enquiry by the local authority, are we now responsible for it",
     "section-42-enquiry-process"),
    ("who makes the decision that a concern needs a full enquiry", "section-42-enquiry-process"),
    ("what are the six principles of adult safeguarding", "making-safeguarding-personal"),
    ("does the person get an independent advocate during safeguarding",
     "making-safeguarding-personal"),
    ("when can we report to safeguarding without consent",
     "safeguarding-referral-without-consent"),
    ("the family don't want us contacting safeguarding, can we go ahead anyway",
     "safeguarding-referral-without-consent"),
    ("what is the PIPOT process for allegations against staff", "allegations-against-staff"),
    ("an allegation has been made about a volunteer, what do we do", "allegations-against-staff"),
    ("how should staff record a safeguarding concern", "safeguarding-records"),
    ("what should a safeguarding record include", "safeguarding-records"),
    ("how do we know if something is a safeguarding issue or a complaint",
     "safeguarding-concern-complaint-or-quality"),
    ("what is the council's provider concerns procedure",
     "safeguarding-concern-complaint-or-quality"),
    ("the SAB has asked us for a chronology for a review, do we have to provide it",
     "safeguarding-adults-reviews"),
    ("what triggers a safeguarding adults review", "safeguarding-adults-reviews"),
    ("how often do care staff need safeguarding refresher training", "safeguarding-training"),
    ("what safeguarding level should a registered manager be trained to",
     "safeguarding-training"),
    ("what goes in a protection plan after a safeguarding enquiry",
     "safeguarding-plans-after-an-enquiry"),
    ("when does the council close a safeguarding plan", "safeguarding-plans-after-an-enquiry"),
    ("should self neglect be referred to the council", "self-neglect-and-hoarding"),
    ("how do we deal with self-neglect when the person has capacity",
     "self-neglect-and-hoarding"),
    ("how do we report an attorney misusing an LPA", "financial-abuse-what-providers-can-do"),
    ("appointee misusing a resident's benefits, who do we tell",
     "financial-abuse-what-providers-can-do"),
    ("what number do we give staff for the domestic abuse helpline",
     "domestic-abuse-helplines"),
    ("is there a helpline for men experiencing domestic abuse", "domestic-abuse-helplines"),
]
# Checked later than the rest of the file (session 37: the helplines' numbers).
AS_AT = {"domestic-abuse-helplines": "2026-12-06"}

# The entries about situations where someone may be at risk now: their first lines say so.
DANGER = {
    "making-safeguarding-personal", "safeguarding-referral-without-consent",
    "allegations-against-staff", "safeguarding-concern-complaint-or-quality",
    "safeguarding-plans-after-an-enquiry", "self-neglect-and-hoarding",
    "financial-abuse-what-providers-can-do", "domestic-abuse-helplines",
}
CALL_999 = "If someone is in immediate danger, call 999"
# Practice questions the bot is not sure of that read as how safeguarding works.
# Session 10's stricter sure band made the second one a choice too.
GUIDANCE_WHEN_NOT_SURE = frozenset({
    "what triggers a safeguarding adults review",
    "how do we deal with self-neglect when the person has capacity",
})

# Neighbouring questions that belong to other entries (or to no entry): never these.
NOT_THESE: list[tuple[str, str]] = [
    ("how do I report a safeguarding concern to the council", "safeguarding-records"),
    ("how much of the training time do we have to pay care workers for",
     "safeguarding-training"),
    ("what happens at a care act review of a placement", "safeguarding-adults-reviews"),
    ("how does a resident make a lasting power of attorney",
     "financial-abuse-what-providers-can-do"),
    ("what fire safety checks does a care home need", "self-neglect-and-hoarding"),
]

DISCLOSURES = [
    "a resident told me a carer hit her",
    "our carer says a client's son took her bank card and emptied her account",
]

NEW_ENTRIES = {entry_id for _, entry_id in ASKED}


@pytest.fixture(scope="module")
def answered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    questions = ([q for q, _ in ASKED] + [q for q, _ in NOT_THESE] + DISCLOSURES)
    return ask_json(tmp_path_factory.mktemp("ask"), questions)


def test_every_new_entry_is_asked_twice_in_other_words() -> None:
    assert assert_each_entry_is_asked_in_other_words(
        "faq-safeguarding-practice.yaml", ASKED) == NEW_ENTRIES
    assert all(sum(e == entry_id for _, e in ASKED) >= 2 for entry_id in NEW_ENTRIES)


def test_the_new_entries_link_the_existing_concerns_entry() -> None:
    content = load_content([PACKAGED])
    for entry_id in NEW_ENTRIES:
        entry = content.entries[entry_id]
        assert "safeguarding-concerns" in entry.related, entry_id
        assert entry.as_at.isoformat() == AS_AT.get(entry_id, "2026-12-03")
    assert "dbs-barring-referrals" in content.entries["allegations-against-staff"].related


@pytest.mark.parametrize(("question", "entry_id"), ASKED, ids=[q[:40] for q, _ in ASKED])
def test_a_practice_question_gets_its_entry(answered: dict[str, dict[str, Any]], question: str,
                                            entry_id: str) -> None:
    row = answered[question]
    assert offered(row, entry_id), (row["mode"], row["ids"])
    assert row["safeguarding"] is False
    # That entry, not the guidance; except where the bot is not sure (a choice) of a question
    # that reads as how safeguarding works: the how-to guidance and its "Raise a concern now"
    # button come first then, safety first (session 9).
    assert row["safeguarding_guidance"] is (question in GUIDANCE_WHEN_NOT_SURE)
    assert row["mode"] == "choose" or question not in GUIDANCE_WHEN_NOT_SURE
    if entry_id in DANGER:  # in the two lines shown first, answered or picked from a choice
        entry = packaged_entries()[entry_id]
        assert CALL_999 in (row["short"] if row["mode"] == "answer" else lead_and_detail(entry)[0])


@pytest.mark.parametrize(("question", "entry_id"), NOT_THESE,
                         ids=[q[:40] for q, _ in NOT_THESE])
def test_a_neighbouring_question_does_not_get_the_entry(answered: dict[str, dict[str, Any]],
                                                        question: str, entry_id: str) -> None:
    row = answered[question]
    assert not (row["mode"] == "answer" and row["ids"][0] == entry_id)


@pytest.mark.parametrize("text", DISCLOSURES)
def test_a_disclosure_is_still_a_concern(answered: dict[str, dict[str, Any]], text: str) -> None:
    row = answered[text]
    assert (row["safeguarding"], row["mode"]) == (True, "safeguarding")
    assert row["answer"].startswith("This sounds like a safeguarding concern.")
