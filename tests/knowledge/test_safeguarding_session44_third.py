"""Session 44's third reading brief, as tables of the reading alone (the dialogs are
``tests/handlers/test_safeguarding_session44_third.py``): medicines given to calm, quieten or
knock someone out, not for a symptom (chemical restraint), are raised, even after a prescriber
named for the prescription itself; a prescriber's own decision, an ordinary dose or a PRN given
as the care plan says are not. "everyone would be better off without me", of the writer, is
their own crisis; of someone else it stays a concern."""

from __future__ import annotations

import pytest

from knowledge.safeguarding import classify, writers_own_crisis

CHEMICAL_RESTRAINT = [
    # the brief's (only asked about), then our own rewordings
    "staff are giving prn haloperidol every evening just to calm her down, not for any symptom",
    "carers have been told to give extra risperidone whenever he gets agitated to calm him down",
    "the GP prescribed her lorazepam for anxiety but the carers give her double at night to keep"
    " her quiet",
    "the doctor prescribed oramorph for pain, the son gives it to her to knock her out",
    "the night staff give him his prn diazepam every night to calm him down, he isn't anxious",
    "the manager tells us to give extra quetiapine when she shouts, just to settle her",
    "her lorazepam was prescribed by the consultant but her daughter gives her double to keep"
    " her quiet",
    "the GP prescribed morphine for his pain and his wife gives it to him to knock him out",
]


@pytest.mark.parametrize("text", CHEMICAL_RESTRAINT)
def test_medicines_given_to_calm_or_knock_someone_out_are_raised(text: str) -> None:
    found = classify(text)
    assert found is not None, text
    assert found.disclosure, (text, found)
    assert found.kind == "physical abuse", (text, found)


ORDINARY_MEDICINES = [
    "the GP increased her sleeping tablets",
    "the doctor doubled his sleeping tablets",
    "the pharmacy gave us double the tablets",
    "the psychiatrist prescribed risperidone to calm his agitation",
    "we give her paracetamol at night",
    "prn lorazepam as per her care plan when she is distressed",
    # our own
    "the consultant started him on haloperidol to calm him down",
    "we give her prn lorazepam when she is anxious, as per the care plan",
]


@pytest.mark.parametrize("text", ORDINARY_MEDICINES)
def test_a_prescribers_decision_or_an_ordinary_dose_is_not_raised(text: str) -> None:
    found = classify(text)
    assert found is None or not found.disclosure, (text, found)


WRITERS_OWN = [
    "sometimes i think everyone would be better off without me",
    "everyone would be better off without me",
    "i feel like my family would be better off without me",
    "honestly everybody would be better off without me",
]


@pytest.mark.parametrize("text", WRITERS_OWN)
def test_everyone_better_off_without_the_writer_is_their_own_crisis(text: str) -> None:
    assert writers_own_crisis(text), text


SOMEONE_ELSES = [
    "mrs b thinks everyone would be better off without her",
    "RC-104 keeps saying everyone would be better off without him",
    "she said everyone would be better off without me",
]


@pytest.mark.parametrize("text", SOMEONE_ELSES)
def test_someone_elses_better_off_without_them_stays_a_concern(text: str) -> None:
    assert not writers_own_crisis(text), text
