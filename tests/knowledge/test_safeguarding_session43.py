"""Session 43's safeguarding brief, read by ``knowledge.safeguarding`` alone.

Figurative blows ("hit with the news that her son had died", "hit hard by his wife's death"),
"stuck" typed for "struck" by a person, criticism in the press, money owed to an estate, and a
past-tense "if a resident told me ..." asked as a how-to question.
"""

from __future__ import annotations

import pytest

from knowledge.safeguarding import classify, detect, unsure

# Each read as a blow (raised, or asked about) before: a figure of grief, told of a person.
HIT_BY_A_DEATH = [
    "she was hit with the news that her son had died",
    "he was hit hard by his wife's death",
    "she was hit hard by the news of her husband's death",
    "he was hit hard by the loss of his brother",
    "mrs k was hit with the news that her sister had passed away",
    "RC-101 was hit really hard by her husband's death last month",
]
# ... while a blow with a thing or by a person stays raised.
HIT_WITH_A_BLOW = [
    "she was hit with a belt",
    "he was hit with a shoe by his son",
    "she was hit hard by her son",
    "he was hit with the news and then with a stick",
]

# "stuck" typed for "struck", by a person: raised as "struck" is.
STUCK_BY_A_PERSON = [
    "RC-101 was stuck by a visitor",
    "a resident was stuck by a carer",
    "mrs k was stuck by her son",
    "he was stuck by another resident in the lounge",
]
# ... stuck in a place or by a thing is no blow.
STUCK_NOT_BY_A_PERSON = [
    "the resident was stuck in the lift",
    "the resident was stuck by the door",
    "RC-101 was stuck in traffic on the way to her appointment",
]

# Criticism of the writer's business by a person, in the press or online.
CRITICISM = [
    "the resident's son hit us hard in the press",
    "a resident's son slammed us in the press",
    "her daughter slammed the home on facebook",
]

# Money the home owes an estate after a death.
OWED_TO_AN_ESTATE = [
    "the home owes the resident's estate £420 after she died",
]

# Hypothetical past-tense how-to questions: the guidance, no case.
IF_TOLD = [
    "if a resident told me a carer hit her, what do I do",
    # (a disclosure in session 42's second brief's tests, a how-to question by this brief's)
    "if a resident told me a carer hit her what should i do",
    "if a client said her son took her money, who do i tell?",
    "what should i do if a resident told me a carer hit her",
]
# ... a real telling, with no "if", stays raised.
TOLD = [
    "a resident told me a carer hit her, what do I do",
    "a resident told me a carer hit her yesterday, what should I do?",
    "when a resident told me a carer hit her I didn't know what to do",
]


@pytest.mark.parametrize("text", HIT_BY_A_DEATH)
def test_hit_by_a_death_or_its_news_is_neither_raised_nor_asked(text: str) -> None:
    assert detect(text) is None, text
    assert unsure(text) is None, text


@pytest.mark.parametrize("text", HIT_WITH_A_BLOW)
def test_hit_with_a_thing_or_by_a_person_is_still_raised(text: str) -> None:
    found = detect(text)
    assert found is not None, text
    assert found.kind == "physical abuse", text


@pytest.mark.parametrize("text", STUCK_BY_A_PERSON)
def test_stuck_by_a_person_is_raised_as_struck(text: str) -> None:
    found = detect(text)
    assert found is not None, text
    assert found.kind == "physical abuse", text


@pytest.mark.parametrize("text", STUCK_NOT_BY_A_PERSON)
def test_stuck_in_a_place_or_by_a_thing_is_not_raised(text: str) -> None:
    assert detect(text) is None, text


@pytest.mark.parametrize("text", CRITICISM + OWED_TO_AN_ESTATE)
def test_criticism_and_money_owed_to_an_estate_are_neither_raised_nor_asked(text: str) -> None:
    assert detect(text) is None, text
    assert unsure(text) is None, text


@pytest.mark.parametrize("text", ["the resident's son hit her",
                                  "a resident's son slammed her against the wall",
                                  "the son slammed his mum against the wall",
                                  "the son slammed us in the press and then slammed his mum "
                                  "against the wall"])
def test_a_son_hitting_her_is_still_raised(text: str) -> None:
    assert detect(text) is not None, text


@pytest.mark.parametrize("text", IF_TOLD)
def test_if_someone_told_me_of_harm_what_do_i_do_is_a_howto_question(text: str) -> None:
    found = classify(text)
    assert found is not None, text
    assert found.label == "howto", text


@pytest.mark.parametrize("text", TOLD)
def test_harm_someone_told_me_of_is_still_raised(text: str) -> None:
    assert detect(text) is not None, text
