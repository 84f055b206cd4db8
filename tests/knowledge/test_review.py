"""Keeping content true: stale entries, yearly figures, primary sources, no machine paths."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from knowledge.base import PACKAGED, Entry, load_content, yaml_files
from knowledge.review import (
    april_figures,
    due_for_review,
    latest_april,
    latest_threshold_change,
    missing_primary_sources,
    stale_before,
    threshold_figures,
    warnings,
)

REVIEW_DAY = date(2026, 12, 3)  # the day of the issue-18 corrections

# An absolute filesystem path of some machine: /work/..., /home/..., /tmp/..., C:\...
# The slash must not follow a word character, ':', '/' or '.', so URLs do not count.
ABSOLUTE_PATH = re.compile(
    r"(?<![\w:/.])/(?:work|home|tmp|root|Users|var|opt|mnt|srv|etc)/|\b[A-Za-z]:\\")

ENTRY = """\
  - id: {ident}
    kind: local
    title: A local entry
    questions: [a b c, d e f, g h i, j k l, m n o]
    answer: "{answer}"
    sources: [{sources}]
    as_at: {as_at}
"""


def _content(tmp_path: Path, *entries: str) -> list[Entry]:
    (tmp_path / "local.yaml").write_text("entries:\n" + "".join(entries))
    content = load_content([tmp_path])
    assert content.problems == ()
    return list(content.entries.values())


def _entry(ident: str, answer: str = "Plain words.", sources: str = "",
           as_at: str = "2026-11-01") -> str:
    return ENTRY.format(ident=ident, answer=answer, sources=sources, as_at=as_at)


def test_the_shipped_content_has_no_review_warnings() -> None:
    content = load_content([PACKAGED])
    assert [str(p) for p in warnings(content.entries.values(), REVIEW_DAY)] == []
    assert due_for_review(content.entries.values(), REVIEW_DAY) == []


def test_no_content_file_names_an_absolute_path_of_a_machine() -> None:
    offenders = [f"{path.name}:{number}: {line.strip()}"
                 for path in yaml_files(PACKAGED)
                 for number, line in enumerate(path.read_text().splitlines(), start=1)
                 if ABSOLUTE_PATH.search(line)]
    assert offenders == []


@pytest.mark.parametrize(("text", "found"), [
    ("# Written from /work/shared/domain-facts.md", True),
    ("see /home/sam/notes.txt", True),
    ("copied from C:\\Users\\sam\\pledge.docx", True),
    ("(/tmp/x)", True),
    ("https://www.example.org/home/work/tmp/page", False),
    ("hours/week and/or per visit", False),
])
def test_the_absolute_path_pattern(text: str, found: bool) -> None:
    assert bool(ABSOLUTE_PATH.search(text)) is found


@pytest.mark.parametrize(("today", "limit"), [
    (date(2026, 12, 3), date(2025, 12, 3)),
    (date(2028, 2, 29), date(2027, 2, 28)),
])
def test_stale_means_more_than_twelve_months_old(today: date, limit: date) -> None:
    assert stale_before(today) == limit


def test_change_days_of_yearly_figures() -> None:
    assert latest_april(date(2027, 3, 31)) == date(2026, 4, 1)
    assert latest_april(date(2027, 4, 1)) == date(2027, 4, 1)
    assert latest_threshold_change(date(2027, 6, 1)) == date(2026, 1, 1)
    assert latest_threshold_change(date(2028, 1, 1)) == date(2028, 1, 1)


def test_a_stale_entry_is_warned_about_at_its_line(tmp_path: Path) -> None:
    entries = _content(tmp_path, _entry("fresh", as_at="2025-12-03"),
                       _entry("old", as_at="2025-12-02"))
    assert [str(p).replace(f"{tmp_path}/", "") for p in warnings(entries, REVIEW_DAY)] == [
        "local.yaml:9: warning: old: as_at 2025-12-02 is more than 12 months old; check the "
        "entry and update as_at"]


def test_figures_that_change_need_a_check_the_current_rate_line(tmp_path: Path) -> None:
    nlw = "Pay at least the National Living Wage of £12.71 an hour and employer NICs at 15%."
    threshold = "The light touch threshold is £663,540 inc VAT."
    entries = _content(
        tmp_path,
        _entry("nlw", answer=nlw),
        _entry("nlw-checked", answer=nlw + " Check the current rate on gov.uk."),
        _entry("threshold", answer=threshold),
        _entry("threshold-checked", answer=threshold + " Check the current threshold."),
        _entry("no-figure", answer="The National Living Wage rises every April."),
    )
    messages = [p.message for p in warnings(entries, REVIEW_DAY)]
    assert messages == [
        'warning: nlw: £12.71, 15% changes every April; add a "check the current rate" line '
        "to the answer",
        'warning: threshold: £663,540 changes every two years; add a "check the current rate" '
        "line to the answer",
    ]
    by_id = {entry.id: entry for entry in entries}
    assert april_figures(by_id["nlw"]) == ["£12.71", "15%"]
    assert threshold_figures(by_id["threshold"]) == ["£663,540"]


LEGISLATION = "https://www.legislation.gov.uk/"
CARE_ACT_S42 = "Under Care Act s42 the council must make enquiries."


@pytest.mark.parametrize(("answer", "source"), [
    pytest.param(CARE_ACT_S42, LEGISLATION + "ukpga/2014/23/section/42", id="primary"),
    pytest.param("Care Act statutory guidance expects a yearly review.",
                 "https://www.gov.uk/guidance/care-and-support-statutory-guidance", id="guidance"),
    # Other acts named "care act" are not the Care Act.
    pytest.param("The Health and Care Act 2022 (section 181) requires training.",
                 LEGISLATION + "ukpga/2022/31/section/181", id="hca"),
    pytest.param("Under the Health and Social Care Act 2008 s10 it is an offence.",
                 LEGISLATION + "ukpga/2008/14/section/10", id="hsca"),
])
def test_a_law_named_with_its_primary_source_is_not_warned_about(tmp_path: Path, answer: str,
                                                                 source: str) -> None:
    entries = _content(tmp_path, _entry("law", answer=answer, sources=source))
    assert missing_primary_sources(entries[0]) == []
    assert warnings(entries, REVIEW_DAY) == []


@pytest.mark.parametrize(("answer", "source", "law", "primary"), [
    pytest.param(CARE_ACT_S42, "https://www.example-law-firm.co.uk/s42", "the Care Act 2014",
                 "ukpga/2014/23", id="secondary-only"),
    pytest.param("PCR 2015 regulation 113 implies 30-day payment.",
                 LEGISLATION + "ukpga/2023/54/section/68",
                 "the Public Contracts Regulations 2015", "uksi/2015/102", id="pcr"),
    pytest.param("The Health and Care Act 2022 amended the Care Act 2014.",
                 LEGISLATION + "ukpga/2022/31", "the Care Act 2014", "ukpga/2014/23", id="both"),
])
def test_a_law_named_needs_its_primary_source(tmp_path: Path, answer: str, source: str,
                                              law: str, primary: str) -> None:
    entries = _content(tmp_path, _entry("law", answer=answer, sources=source))
    assert [found.name for found in missing_primary_sources(entries[0])] == [law]
    assert [p.message for p in warnings(entries, REVIEW_DAY)] == [
        f"warning: law: names {law} but lists no primary source for it "
        f"({LEGISLATION}{primary}...)"]


def test_a_turnover_threshold_is_not_a_procurement_threshold(tmp_path: Path) -> None:
    # The Modern Slavery Act's £36m is a company-size test, not revised every two years.
    entries = _content(
        tmp_path,
        _entry("slavery", answer="Section 54 sets the £36m threshold, counting subsidiaries' "
               "turnover."),
        _entry("procurement", answer="The light touch threshold is £663,540; turnover checks "
               "are separate."),
    )
    assert [threshold_figures(entry) for entry in entries] == [[], ["£663,540"]]


def test_due_for_review_is_oldest_first_with_reasons(tmp_path: Path) -> None:
    entries = _content(
        tmp_path,
        _entry("b-old", as_at="2025-06-01"),
        _entry("a-old", as_at="2025-06-01"),
        _entry("oldest", as_at="2024-01-15"),
        _entry("wage", as_at="2026-03-01",
               answer="The National Living Wage is £12.71. Check the current rate."),
        _entry("wage-after-april", as_at="2026-04-02",
               answer="The National Living Wage is £12.71. Check the current rate."),
        _entry("fresh", as_at="2026-11-30"),
    )
    due = [(item.entry.id, item.reasons) for item in due_for_review(entries, REVIEW_DAY)]
    assert due == [
        ("oldest", ("more than 12 months old",)),
        ("a-old", ("more than 12 months old",)),
        ("b-old", ("more than 12 months old",)),
        ("wage", ("£12.71 may have changed on 1 April 2026",)),
    ]
