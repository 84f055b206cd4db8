"""The geometry of the page's bar charts (pure): what the template draws as inline SVG.

Every chart is a column of horizontal bars in a viewBox ``WIDTH`` wide, each with its label
above it and its count and percentage after it, so the numbers are always visible text and the
chart reads at 320 px as well as on a wide screen. A bar's length is its share of the people
who answered (a multiple-choice question's shares may add up to more than 100%).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.templates import shortened
from bot.values import frozen
from handlers.surveys.definitions import LIKERT_WORDS
from handlers.surveys.results import OptionCount, QuestionResults, SurveyResults

WIDTH = 320
BAR_MAX = 210  # the longest bar; the count and percentage go after it
ROW = 46  # one label line and one bar
LABEL_Y = 16
BAR_Y = 22
BAR_HEIGHT = 16
LABEL_CHARS = 40


@frozen
class Bar:
    """One bar: its label, count, percentage of the base, and where it is drawn."""

    label: str
    count: int
    percent: int
    y: int
    width: float

    @property
    def label_y(self) -> int:
        """The baseline of the label above the bar."""
        return self.y - BAR_Y + LABEL_Y

    @property
    def value_x(self) -> int:
        """Where the count starts: after the longest bar, so it never covers one."""
        return BAR_MAX + 8

    @property
    def value_text(self) -> str:
        """The visible number: ``12 (40%)``."""
        return f"{self.count} ({self.percent}%)"

    @property
    def short_label(self) -> str:
        """The label as drawn (one line; the full label is in the chart's description): at
        most ``LABEL_CHARS``, cut between words with "…" (``shortened``; session 35's brief: a
        label was cut mid-word)."""
        return shortened(self.label, LABEL_CHARS)


@frozen
class BarChart:
    """A chart: an id (for title/desc), its title, its text equivalent and its bars."""

    chart_id: str
    title: str
    description: str
    base: int
    bars: tuple[Bar, ...]

    @property
    def height(self) -> int:
        """The viewBox height."""
        return len(self.bars) * ROW + 4

    @property
    def width(self) -> int:
        """The viewBox width."""
        return WIDTH

    @property
    def track_width(self) -> int:
        """The length of a full (100%) bar, drawn behind each bar."""
        return BAR_MAX

    @property
    def bar_height(self) -> int:
        """A bar's thickness."""
        return BAR_HEIGHT


def share(count: int, base: int) -> int:
    """``count`` as a whole percent of ``base`` (0 with no base)."""
    return round(100 * count / base) if base > 0 else 0


def bar_chart(chart_id: str, title: str, counts: Sequence[OptionCount], base: int,
              *, base_words: str) -> BarChart:
    """Bars for ``counts``, each as a share of ``base`` (who answered)."""
    bars = []
    for index, option in enumerate(counts):
        percent = share(option.count, base)
        fraction = option.count / base if base > 0 else 0.0
        bars.append(Bar(label=option.label, count=option.count, percent=percent,
                        y=index * ROW + BAR_Y, width=round(BAR_MAX * min(fraction, 1.0), 1)))
    parts = "; ".join(f"{bar.label}: {bar.value_text}" for bar in bars)
    description = f"{parts}. Out of {base} {base_words}." if bars else f"No {base_words}."
    return BarChart(chart_id=chart_id, title=title, description=description, base=base,
                    bars=tuple(bars))


def question_chart(survey_index: int, question_index: int,
                   question: QuestionResults) -> BarChart | None:
    """The chart of one question's answers; None for free text or a suppressed question."""
    if question.kind == "free_text" or question.suppressed:
        return None
    counts = question.counts
    if question.kind == "likert":
        counts = tuple(OptionCount(LIKERT_WORDS.get(option.label, option.label), option.count)
                       for option in counts)
    return bar_chart(f"s{survey_index}q{question_index}", question.text, counts,
                     question.answered, base_words="who answered this question")


def rate_chart(survey_index: int, results: SurveyResults) -> BarChart:
    """The response rate: one bar, responded of invited."""
    return bar_chart(f"s{survey_index}rate", f"Response rate: {results.title}",
                     (OptionCount("Responded", results.responded),), results.invited,
                     base_words="invited")
