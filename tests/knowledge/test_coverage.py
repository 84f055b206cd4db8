"""Content coverage (issue 11): workforce and practice questions get the entry with the right fact.

Each question below is worded differently from the entry's own sample questions and from the
rows of ``questions.jsonl``; the test asserts the entry answered and the fact a provider needs.
"""

from __future__ import annotations

import pytest

from knowledge.answers import Answerer
from tests.knowledge.content_checks import answered_from


@pytest.mark.parametrize(("question", "entry_id", "fact"), [
    ("what hourly rate must we legally pay care assistants over 21",
     "national-living-wage", "£12.71 an hour from 1 April 2026"),
    ("is the living wage foundation rate a legal requirement or optional",
     "real-living-wage", "No law requires the Real Living Wage"),
    ("night staff sleep on site, do those sleeping hours get minimum wage",
     "sleep-ins-minimum-wage", "only for time the worker is awake for the purpose of working"),
    ("must carers be paid for driving from one client to the next",
     "travel-time-home-care", "except travel between the worker's home and their first or last"),
    ("how much paid annual leave should a part-time support worker get",
     "holiday-pay", "5.6 weeks' paid holiday a year"),
    ("employers national insurance percentage for our care workers",
     "employer-national-insurance", "15% since 6 April 2025"),
    ("data security and protection toolkit, is it needed for council work",
     "data-protection-dspt", "Data Security and Protection Toolkit"),
    ("at what turnover does a care company have to publish a slavery statement",
     "modern-slavery-statements", "£36 million or more"),
    ("member of staff wants to blow the whistle on our home, are they protected",
     "whistleblowing", "CQC is a prescribed person"),
    ("what goes in a continuity plan for floods and snow for home care",
     "business-continuity", "Civil Contingencies Act 2004"),
    ("are zero hour contracts allowed for domiciliary care staff",
     "zero-hours-home-care", "Zero-hours contracts are lawful"),
    ("council pays us only for the minutes logged by call monitoring, is that normal",
     "electronic-call-monitoring", "not required by law"),
    ("service user admitted to hospital, do we lose the council fee for their room",
     "hospital-absence-death-fees", "There is no national rule"),
    ("resident funded by a council in another county, who do we bill",
     "out-of-area-placements", "section 39 of the Care Act 2014"),
    ("do carers get paid for the hours they spend on training courses",
     "training-time-and-costs", "Regulation 33"),
    # Issue 11 item 3: these got the TUPE entry and an unrelated "did you mean".
    ("do we have to pay the living wage to carers?",
     "national-living-wage", "£12.71 an hour from 1 April 2026"),
    ("how much holiday pay do my staff get", "holiday-pay", "5.6 weeks' paid holiday a year"),
])
def test_a_workforce_question_gets_the_entry_and_its_key_fact(
    answerer: Answerer, question: str, entry_id: str, fact: str
) -> None:
    assert fact in answered_from(answerer, question, entry_id).answer


def test_what_to_report_to_cqc_is_offered_with_the_new_provider_guide(
        answerer: Answerer) -> None:
    # Session 13: providers' questions about starting out put the new-provider guide first; the
    # notifications entry, with its regulation, is the second of the two offered.
    answer = answerer.ask("list of things we must report to CQC as a registered provider")
    assert answer.mode == "choose"
    assert [entry.id for entry in answer.entries][:2] == [
        "new-providers-getting-started", "cqc-notifications"]
    assert "Regulation 18" in answer.entries[1].answer


def test_figures_that_change_every_april_tell_the_reader_to_check(answerer: Answerer) -> None:
    for entry_id in ("national-living-wage", "employer-national-insurance"):
        entry = answerer.entry(entry_id)
        assert entry is not None
        assert "Check the current rate" in entry.answer
        assert any(source.startswith("https://www.gov.uk/") for source in entry.sources)
