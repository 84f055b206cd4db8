"""What a closed survey's published results hold: the shapes the feedback page, the export and
``pledgebot survey results`` share.

Nothing here names a person. A group with fewer responses than ``PLEDGEBOT_SURVEY_MIN_GROUP``
is ``suppressed``: its counts are empty and only "fewer than N responses" may be shown. Free
text appears only once a commissioner has approved it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bot.models import (
    Survey,
    SurveyAction,
    SurveyAnonymousResponse,
    SurveyApprovedComment,
    SurveyInvitee,
    SurveyResponse,
)
from bot.values import frozen
from handlers.anonymous import anonymiser
from handlers.surveys.definitions import Question, QuestionKind, questions_of


@frozen
class OptionCount:
    """How many responses chose one option (a Likert point 1-5, a choice, yes or no)."""

    label: str
    count: int


@frozen
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


@frozen
class YouSaidWeDid:
    """A commissioner's response to a survey's results (``/survey respond ID TEXT``)."""

    text: str
    at: datetime


@frozen
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


def answers_of(session: Session, survey: Survey) -> list[dict[str, Any]]:
    """Every response's answers (named or anonymous), in no meaningful order."""
    if survey.anonymous:
        rows = session.scalars(select(SurveyAnonymousResponse.answers).where(
            SurveyAnonymousResponse.survey_id == survey.id).order_by(SurveyAnonymousResponse.id))
    else:
        rows = session.scalars(select(SurveyResponse.answers).where(
            SurveyResponse.survey_id == survey.id).order_by(SurveyResponse.id))
    return [dict(row) for row in rows]


def _question_results(question: Question, answers: list[dict[str, Any]], *, min_group: int,
                      approved: list[str], anonymous: Callable[[str], str]) -> QuestionResults:
    given = [a[question.key] for a in answers if a.get(question.key) not in (None, "", [])]
    answered = len(given)
    if answered < min_group:
        return QuestionResults(question.key, question.text, question.kind, answered, True)
    if question.kind == "free_text":
        # Made anonymous on both sides: words kept, or approved, before that was done on the
        # way in are published without a placement, a provider's name or titled initials.
        said = {anonymous(str(text).strip()) for text in given}
        published = tuple(dict.fromkeys(anonymous(text) for text in approved))
        return QuestionResults(question.key, question.text, question.kind, answered, False,
                               comments=tuple(text for text in published if text in said))
    tally: Counter[str] = Counter()
    for value in given:
        for item in (value if isinstance(value, list) else [value]):
            tally[str(item)] += 1
    counts = tuple(OptionCount(label, tally[label]) for label in question.choices)
    mean = None
    if question.kind == "likert":
        mean = round(sum(int(v) for v in given) / answered, 1)
    return QuestionResults(question.key, question.text, question.kind, answered, False,
                           counts=counts, mean=mean)


def results_for(session: Session, surveys: Sequence[Survey], *,
                min_group: int) -> list[SurveyResults]:
    """The results of many surveys, in their order, with a fixed number of queries (five,
    however many surveys): the feedback page shows every closed survey of a council."""
    if not surveys:
        return []
    ids = [survey.id for survey in surveys]
    counts = {survey_id: (invited, int(responded or 0)) for survey_id, invited, responded in
              session.execute(
                  select(SurveyInvitee.survey_id, func.count(),
                         func.sum(case((SurveyInvitee.responded.is_(True), 1), else_=0)))
                  .where(SurveyInvitee.survey_id.in_(ids))
                  .group_by(SurveyInvitee.survey_id))}
    actions: dict[int, list[YouSaidWeDid]] = defaultdict(list)
    for survey_id, text, at in session.execute(
            select(SurveyAction.survey_id, SurveyAction.text, SurveyAction.created_at)
            .where(SurveyAction.survey_id.in_(ids))
            .order_by(SurveyAction.created_at, SurveyAction.id)):
        actions[survey_id].append(YouSaidWeDid(text, at))
    shown = [s.id for s in surveys if counts.get(s.id, (0, 0))[1] >= min_group]
    answers: dict[int, list[dict[str, Any]]] = defaultdict(list)
    approved: dict[tuple[int, str], list[str]] = defaultdict(list)
    if shown:
        for table in (SurveyAnonymousResponse, SurveyResponse):
            for survey_id, given in session.execute(
                    select(table.survey_id, table.answers).where(table.survey_id.in_(shown))
                    .order_by(table.id)):
                answers[survey_id].append(dict(given))
        for survey_id, question, text in session.execute(
                select(SurveyApprovedComment.survey_id, SurveyApprovedComment.question,
                       SurveyApprovedComment.text)
                .where(SurveyApprovedComment.survey_id.in_(shown))
                .order_by(SurveyApprovedComment.approved_at, SurveyApprovedComment.id)):
            approved[(survey_id, question)].append(text)
    anonymous = anonymiser(session, [
        *(text for texts in approved.values() for text in texts),
        *(value for given in answers.values() for said in given for value in said.values()
          if isinstance(value, str))])
    found = []
    for survey in surveys:
        invited, responded = counts.get(survey.id, (0, 0))
        said = tuple(actions[survey.id])
        if responded < min_group:
            found.append(SurveyResults(survey.key, survey.title, survey.opens_on,
                                       survey.closes_on, invited, responded, True,
                                       responses=said))
            continue
        questions = tuple(_question_results(q, answers[survey.id], min_group=min_group,
                                            approved=approved[(survey.id, q.key)],
                                            anonymous=anonymous)
                          for q in questions_of(survey.definition))
        found.append(SurveyResults(survey.key, survey.title, survey.opens_on,
                                   survey.closes_on, invited, responded, False, questions,
                                   said))
    return found


def results_of(session: Session, survey: Survey, *, min_group: int) -> SurveyResults:
    """One survey's results, suppressed below ``min_group`` (whether or not it has closed)."""
    return results_for(session, [survey], min_group=min_group)[0]


def survey_by_key(session: Session, key: str) -> Survey | None:
    """The survey with ``key`` (any case, spaces round it ignored), or None."""
    return session.scalar(select(Survey).where(func.lower(Survey.key) == key.strip().lower()))


def survey_results(session: Session, survey_id: str, *, min_group: int) -> SurveyResults | None:
    """The results of the survey with key ``survey_id``, or None when there is none."""
    survey = survey_by_key(session, survey_id)
    return None if survey is None else results_of(session, survey, min_group=min_group)


def published_results(session: Session, council_id: int, *, min_group: int,
                      now: datetime) -> list[SurveyResults]:
    """The closed surveys of a council (last day before ``now``'s date), newest first."""
    surveys = session.scalars(
        select(Survey).where(Survey.council_id == council_id, Survey.closes_on < now.date())
        .order_by(Survey.closes_on.desc(), Survey.id.desc())).all()
    return results_for(session, surveys, min_group=min_group)


CSV_COLUMNS = ("survey", "question", "kind", "text", "answered", "suppressed", "option",
               "count", "mean")


def results_csv(results: SurveyResults, *, min_group: int) -> str:
    """The results as CSV: one row per option count, one per approved comment, one per
    question that has neither; a suppressed group says so and gives no figures."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerow([results.survey_id, "", "responses", results.title, results.responded,
                     "yes" if results.suppressed else "no", "invited", results.invited, ""])
    for question in results.questions:
        base = [results.survey_id, question.key, question.kind, question.text,
                question.answered, "yes" if question.suppressed else "no"]
        mean = "" if question.mean is None else f"{question.mean:.1f}"
        if question.counts:
            for option in question.counts:
                writer.writerow([*base, option.label, option.count, mean])
        elif question.comments:
            for comment in question.comments:
                writer.writerow([*base, comment, "", ""])
        else:
            writer.writerow([*base, "", "", mean])
    if results.suppressed:
        writer.writerow([results.survey_id, "", "suppressed",
                         f"fewer than {min_group} responses", "", "yes", "", "", ""])
    return out.getvalue()
