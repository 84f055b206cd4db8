"""Session 43's trial: anger at a tender's documents or the council's back office, said as a
threat ("i want to strangle whoever wrote the ITT", "im going to kill the finance team lol"),
raised URGENT; a threat to a person stays raised."""

from __future__ import annotations

import pytest

from knowledge.safeguarding import detect

ANGER_AT_PAPERS_OR_AN_OFFICE = [
    "honestly this tender is a nightmare, i want to strangle whoever wrote the ITT",
    "i want to strangle whoever wrote the spec",
    "i want to strangle the spec writer",
    "im going to kill the finance team lol",
    "im going to kill the finance team",
    "i will kill the accounts department if they lose one more invoice",
    "i am going to kill the payroll team",
]
# ... while a threat to a person, or a blow, beside the same words is raised as before.
A_THREAT_TO_A_PERSON = [
    ("the finance team said he is going to kill her", "immediate danger"),
    ("i am going to kill the carer", "immediate danger"),
    ("he threatened to kill the resident over the documents", "immediate danger"),
    ("our carer hit her with the spreadsheet folder", "physical abuse"),
    ("she was hit by the accounts team member", "physical abuse"),
    ("the resident's son said he will kill her if she signs the documents", "immediate danger"),
]


@pytest.mark.parametrize("text", ANGER_AT_PAPERS_OR_AN_OFFICE)
def test_anger_at_papers_or_an_office_is_no_concern(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(("text", "kind"), A_THREAT_TO_A_PERSON)
def test_a_threat_to_a_person_is_still_raised(text: str, kind: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == kind
