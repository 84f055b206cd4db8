"""The feedback page rendered from results built by hand (pure: no database)."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest

from bot.templates import make_templates
from handlers.digests.scorecard import Ratio, Scorecard
from handlers.feedback.charts import BAR_MAX, question_chart, rate_chart
from handlers.feedback.page import last_whole_months, render_page
from handlers.surveys.results import OptionCount, QuestionResults, SurveyResults
from tests.handlers.feedback.support import procurement_survey, small_survey

TEMPLATES = make_templates()
CARD = Scorecard(first=date(2026, 9, 1), last=date(2026, 11, 30),
                 reviews_on_time=Ratio(5, 6), invoices_within_aim=Ratio(40, 52),
                 invoices_within_limit=Ratio(50, 52),
                 conflicts_open=(("under 1 week", 1), ("1-4 weeks", 2), ("4-12 weeks", 0),
                                 ("over 12 weeks", 0)),
                 conflicts_resolved=3, median_days_to_resolve=12.5)


def _page(*surveys: SurveyResults, min_group: int = 5) -> str:
    return render_page(TEMPLATES, "Northshire County Council", CARD, list(surveys),
                       min_group=min_group, updated=date(2026, 12, 3))


class _Text(HTMLParser):
    """The visible text of a page (no <style>, no <title>/<desc> inside charts)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "title", "desc"):
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "desc"):
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip():
            self.words.append(" ".join(data.split()))


def _visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.words)


@pytest.mark.parametrize(("today", "first", "last"), [
    (date(2026, 12, 3), date(2026, 9, 1), date(2026, 11, 30)),
    (date(2026, 3, 31), date(2025, 12, 1), date(2026, 2, 28)),
    (date(2026, 1, 1), date(2025, 10, 1), date(2025, 12, 31)),
])
def test_the_period_is_the_last_three_whole_months(today: date, first: date,
                                                   last: date) -> None:
    assert last_whole_months(today) == (first, last)


@pytest.mark.parametrize(("surveys", "shown"), [
    pytest.param((), (
        "From 1 September 2026 to 30 November 2026 (the last three whole months).",
        "Placement reviews done on time (pledges 24-26) 83% (5 of 6)",
        "within the pledge aim of 10 days (pledge 29) 77% (40 of 52)",
        "within the legal limit of 30 days 96% (50 of 52)",
        "feedback on time (pledge 28) no data",
        "Conflicts open at the end (pledge 6) 3: under 1 week 1, 1-4 weeks 2",
        "Median days to resolve a conflict 12.5 (3 resolved)",
        "No survey has closed yet."), id="the-scorecard-with-the-counts-behind-each-figure"),
    pytest.param((procurement_survey(),), (
        "20 of 25 invited responded (80%).",
        "Average 3.7 out of 5, from 20 answers.",
        "4 (good) 9 (45%)",
        "Uploading documents 12 (67%) Clarification questions 6 (33%)",
        "Yes 15 (75%) No 5 (25%)",
        "Which lot did you bid for? Fewer than 5 responses to this question: not shown.",
        "2 approved comments of 11 answers:",
        "10 November 2026: We now allow four weeks for tenders over £100,000"),
        id="each-question-kind-is-shown-as-it-should-be"),
])
def test_the_page_shows(surveys: tuple[SurveyResults, ...], shown: tuple[str, ...]) -> None:
    text = _visible(_page(*surveys))
    assert [phrase for phrase in shown if phrase not in text] == []


def test_a_suppressed_survey_shows_only_its_counts() -> None:
    html = _page(small_survey(), min_group=7)
    text = _visible(html)
    assert "3 of 12 invited responded (25%)." in text
    assert "Fewer than 7 responses: the answers are not shown" in text
    assert html.count('data-chart="') == 1  # the response rate alone


def test_words_from_the_survey_are_escaped() -> None:
    survey = procurement_survey()
    hostile = SurveyResults(
        survey_id="x", title='<script>alert("t")</script>', opens=date(2026, 9, 1),
        closes=date(2026, 9, 2), invited=5, responded=5, suppressed=False,
        questions=(QuestionResults(key="q", text="<img src=x onerror=alert(1)>",
                                   kind="free_text", answered=5, suppressed=False,
                                   comments=("</blockquote><a href='javascript:x'>",)),))
    html = _page(survey, hostile)
    assert "<script" not in html
    assert "<img" not in html
    assert "<a href='javascript" not in html
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in html
    assert "The &lt;b&gt;pricing&lt;/b&gt; template &amp; its macros were hard." in html


def test_no_external_asset_and_no_script() -> None:
    html = _page(procurement_survey(), small_survey())
    assert re.findall(r'(?:src|href)="(?!data:)[^"]*"', html) == []
    assert "<script" not in html
    assert "<style>" in html


def test_every_chart_has_a_title_and_a_text_equivalent() -> None:
    html = _page(procurement_survey())
    charts = re.findall(r'<svg role="img" aria-labelledby="(\S+)-title \1-desc"', html)
    assert len(charts) == 4
    for chart in charts:
        assert f'<title id="{chart}-title">' in html
        assert f'<desc id="{chart}-desc">' in html
    assert ("<desc id=\"s0q2-desc\">Yes: 15 (75%); No: 5 (25%). Out of 20 who answered this "
            "question.</desc>") in html


def test_bar_lengths_are_shares_of_who_answered() -> None:
    survey = procurement_survey()
    chart = question_chart(0, 1, survey.questions[1])
    assert chart is not None
    assert [(bar.label, bar.count, bar.percent, bar.width) for bar in chart.bars] == [
        ("Uploading documents", 12, 67, round(BAR_MAX * 12 / 18, 1)),
        ("Clarification questions", 6, 33, round(BAR_MAX * 6 / 18, 1)),
        ("Pricing schedule", 3, 17, round(BAR_MAX * 3 / 18, 1))]
    assert question_chart(0, 3, survey.questions[3]) is None  # suppressed
    assert question_chart(0, 4, survey.questions[4]) is None  # free text
    nobody = rate_chart(0, SurveyResults(survey_id="n", title="n", opens=date(2026, 1, 1),
                                         closes=date(2026, 1, 2), invited=0, responded=0,
                                         suppressed=True))
    assert [(bar.count, bar.percent, bar.width) for bar in nobody.bars] == [(0, 0, 0.0)]


def test_a_long_bar_label_is_cut_between_words() -> None:
    # Session 35's brief: "The pricing schedule and its embedded m…" was cut mid-word; the
    # whole label stays in the chart's text equivalent.
    long = "The pricing schedule and its embedded macros"
    word = "Antidisestablishmentarianismfloccinaucinihilipilification"
    survey = SurveyResults(
        survey_id="labels", title="Portal", opens=date(2026, 10, 1), closes=date(2026, 10, 2),
        invited=10, responded=10, suppressed=False,
        questions=(QuestionResults(key="portal", text="What was hard?", kind="multiple",
                                   answered=10, suppressed=False,
                                   counts=(OptionCount(long, 6), OptionCount(word, 4),
                                           OptionCount("Nothing", 1))),))
    html = _page(survey)
    text = _visible(html)
    assert ("The pricing schedule and its embedded… 6 (60%) "
            "Antidisestablishmentarianismfloccinauci… 4 (40%) Nothing 1 (10%)") in text
    assert f"{long}: 6 (60%); {word}: 4 (40%)" in html
