"""``GET /feedback``: the published feedback page, public, no login, no personal data.

With one council, its page. With several, a list linking each as
``/feedback?council=NAME``; an unknown name gets the list again (404).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from urllib.parse import quote

from jinja2 import Environment
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request
from starlette.responses import Response

from handlers.feedback.page import (
    ResultsProvider,
    council_named,
    councils,
    load_page,
    render_index,
    render_page_data,
)
from handlers.pages import html_page
from scheduler.rules import WorkingCalendar

PATH = "/feedback"
MAX_NAME = 200


def council_href(name: str) -> str:
    """The link to one council's page."""
    return f"{PATH}?council={quote(name, safe='')}"


def page_for(factory: sessionmaker[Session], templates: Environment, *, asked: str | None,
             now: datetime, timezone: str, calendar: WorkingCalendar,
             results: ResultsProvider, min_group: int) -> tuple[int, str]:
    """The status and HTML of ``/feedback`` (``asked``: the ``council`` parameter)."""
    with factory() as session:
        known = councils(session)
        listed = [(council.name, council_href(council.name)) for council in known]
        if asked is None and len(known) != 1:
            return 200, render_index(templates, listed)
        chosen = known[0] if asked is None else council_named(known, asked)
        if chosen is None:
            return 404, render_index(templates, listed, missing=(asked or "")[:MAX_NAME])
        data = load_page(session, chosen, now=now, timezone=timezone, calendar=calendar,
                         results=results, min_group=min_group)
    back = PATH if len(known) > 1 else None
    return 200, render_page_data(templates, data, index_href=back)


def endpoint(factory: sessionmaker[Session], templates: Environment, *,
             clock: Callable[[], datetime], timezone: str, calendar: WorkingCalendar,
             results: ResultsProvider, min_group: int
             ) -> Callable[[Request], Awaitable[Response]]:
    """The ``GET /feedback`` endpoint (the database is read off the event loop)."""

    async def feedback(request: Request) -> Response:
        asked = request.query_params.get("council")
        status, body = await asyncio.to_thread(
            page_for, factory, templates, asked=asked, now=clock(), timezone=timezone,
            calendar=calendar, results=results, min_group=min_group)
        return html_page(body, status, cache="public, max-age=300")

    return feedback
