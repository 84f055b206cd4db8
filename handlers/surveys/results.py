"""What a closed survey's published results hold: the shapes the feedback page, the export and
``pledgebot survey results`` share.

Nothing here names a person. A group with fewer responses than ``PLEDGEBOT_SURVEY_MIN_GROUP``
is ``suppressed``: its counts are empty and only "fewer than N responses" may be shown. Free
text appears only once a commissioner has approved it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

QuestionKind = Literal["likert", "single", "multiple", "yes_no", "free_text"]


@dataclass(frozen=True, slots=True)
class OptionCount:
    """How many responses chose one option (a Likert point 1-5, a choice, yes or no)."""

    label: str
    count: int


@dataclass(frozen=True, slots=True)
class QuestionResults:
    """One question's results.

    Attributes:
        key: the question's id in the survey's YAML.
        text: the question as asked.
        kind: likert, single, multiple, yes_no or free_text.
        answered: how many responses answered it.
        suppressed: fewer answered than the minimum group; counts, mean and comments empty.
        counts: per option, in the order the survey lists them (Likert: 1..5); empty for
            free text.
        mean: the Likert mean (one decimal), else None.
        comments: approved free-text answers only (free_text questions), in approval order.
    """

    key: str
    text: str
    kind: QuestionKind
    answered: int
    suppressed: bool
    counts: tuple[OptionCount, ...] = ()
    mean: float | None = None
    comments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class YouSaidWeDid:
    """A commissioner's response to a survey's results (``/survey respond ID TEXT``)."""

    text: str
    at: datetime


@dataclass(frozen=True, slots=True)
class SurveyResults:
    """One closed survey's published results for one council.

    Attributes:
        survey_id: the survey's id (``procurement-experience-T-2026-004``).
        title: its title.
        opens: its first day; closes: its last day.
        invited: how many people it was sent to; responded: how many answered.
        suppressed: fewer responded than the minimum group: nothing but the counts above.
        questions: each question's results, in the survey's order.
        responses: what the council said it did about them, oldest first.
    """

    survey_id: str
    title: str
    opens: date
    closes: date
    invited: int
    responded: int
    suppressed: bool
    questions: tuple[QuestionResults, ...] = ()
    responses: tuple[YouSaidWeDid, ...] = ()

    @property
    def response_rate(self) -> int | None:
        """Responded as a whole percent of invited; None when nobody was invited."""
        if self.invited == 0:
            return None
        return round(100 * self.responded / self.invited)
