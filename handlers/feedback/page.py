"""The published feedback page (pledge 27): what it shows, gathered and rendered.

``render_page`` is pure: one council's scorecard and closed surveys' results in, one HTML
document out (autoescaped ``feedback_page.html``, inline CSS, inline SVG charts, no script, no
external asset), the same for ``GET /feedback`` and ``pledgebot feedback export``.
``load_page`` reads what it shows: the council's commitment scorecard for the last three whole
months and the results a ``ResultsProvider`` publishes (the surveys feature's
``published_results``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from jinja2 import Environment
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import Organisation, OrganisationKind
from bot.templates import render
from bot.values import frozen
from handlers.digests.scorecard import Scorecard, scorecards
from handlers.feedback.charts import BarChart, question_chart, rate_chart
from handlers.surveys.results import QuestionResults, SurveyResults
from scheduler.rules import WorkingCalendar

PERIOD_MONTHS = 3


class ResultsProvider(Protocol):
    """Publishes a council's closed surveys' results (``handlers.surveys.results``)."""

    def __call__(self, session: Session, council_id: int, /, *, min_group: int,
                 now: datetime) -> list[SurveyResults]:
        """The council's closed surveys' results, newest first."""


@frozen
class Council:
    """A council the page can be about."""

    council_id: int
    name: str


@frozen
class QuestionView:
    """One question as the page shows it."""

    question: QuestionResults
    chart: BarChart | None


@frozen
class SurveyView:
    """One survey as the page shows it."""

    results: SurveyResults
    rate: BarChart
    questions: tuple[QuestionView, ...]


@frozen
class PageData:
    """Everything one council's page shows."""

    council: str
    scorecard: Scorecard
    results: tuple[SurveyResults, ...]
    min_group: int
    updated: date


def last_whole_months(today: date, months: int = PERIOD_MONTHS) -> tuple[date, date]:
    """The first and last day of the ``months`` whole calendar months before ``today``'s."""
    last = today.replace(day=1) - timedelta(days=1)
    first = last.replace(day=1)
    for _ in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    return first, last


def councils(session: Session) -> list[Council]:
    """Every council, by name."""
    rows = session.execute(select(Organisation.id, Organisation.name)
                           .where(Organisation.kind == OrganisationKind.COUNCIL)
                           .order_by(Organisation.name)).all()
    return [Council(council_id, name) for council_id, name in rows]


def council_named(known: list[Council], name: str) -> Council | None:
    """The council called ``name`` (any case, spaces round it ignored), or None: the page and
    its export find a council the same way."""
    wanted = name.strip().casefold()
    return next((council for council in known if council.name.casefold() == wanted), None)


def load_page(session: Session, council: Council, *, now: datetime, timezone: str,
              calendar: WorkingCalendar, results: ResultsProvider,
              min_group: int) -> PageData:
    """What ``council``'s page shows at ``now`` (reads only)."""
    today = now.astimezone(ZoneInfo(timezone)).date()
    first, last = last_whole_months(today)
    card = scorecards(session, [council.council_id], first=first, last=last,
                      timezone=timezone, calendar=calendar)[council.council_id]
    published = results(session, council.council_id, min_group=min_group, now=now)
    return PageData(council=council.name, scorecard=card, results=tuple(published),
                    min_group=min_group, updated=today)


def _views(results: Sequence[SurveyResults]) -> list[SurveyView]:
    return [SurveyView(results=survey, rate=rate_chart(s, survey),
                       questions=tuple(QuestionView(question, question_chart(s, q, question))
                                       for q, question in enumerate(survey.questions)))
            for s, survey in enumerate(results)]


def render_page(templates: Environment, council: str, scorecard: Scorecard,
                results: Sequence[SurveyResults], *, min_group: int, updated: date,
                index_href: str | None = None) -> str:
    """One council's published feedback page as a whole HTML document.

    Args:
        templates: the one template environment (autoescaped for .html).
        council: the council's name.
        scorecard: its commitment scorecard (its period is said on the page).
        results: its closed surveys' published results, in the order to show them.
        min_group: the smallest group whose results are shown ("fewer than N responses").
        updated: the day the page was made.
        index_href: a link back to the list of councils, when there are several.
    """
    return render(templates, "feedback_page.html", council=council, card=scorecard,
                  surveys=_views(results), min_group=min_group, updated=updated,
                  index_href=index_href) + "\n"


def render_page_data(templates: Environment, data: PageData, *,
                     index_href: str | None = None) -> str:
    """``render_page`` of what ``load_page`` gathered."""
    return render_page(templates, data.council, data.scorecard, data.results,
                       min_group=data.min_group, updated=data.updated, index_href=index_href)


def render_index(templates: Environment, listed: Sequence[tuple[str, str]], *,
                 missing: str | None = None) -> str:
    """The list of councils (name, link) when the bot serves several; ``missing``: the name
    asked for that is not one of them."""
    return render(templates, "feedback_index.html", councils=listed, missing=missing) + "\n"
