"""The published feedback page (pledge 27): each council's commitment scorecard and its closed
surveys' results, public at ``GET /feedback`` and exported by ``pledgebot feedback export``.

    charts.py  the bar charts' geometry (pure)
    page.py    what a page shows (``load_page``) and its HTML (``render_page``, pure)
    web.py     the ``/feedback`` route
    export.py  the same page as one static file (``pledgebot feedback export``)
"""

from __future__ import annotations

from bot.dispatch import Router
from handlers.deps import Deps
from handlers.feedback import web
from handlers.feedback.page import ResultsProvider
from handlers.surveys.results import published_results

__all__ = ["published_results", "register"]


def register(router: Router[Deps], deps: Deps, *,
             results: ResultsProvider = published_results) -> None:
    """Register ``GET /feedback``."""
    settings = router.settings
    router.web(web.PATH, web.endpoint(router.factory, router.templates, clock=router.clock,
                                      timezone=settings.timezone, calendar=deps.calendar,
                                      results=results, min_group=settings.survey_min_group))
