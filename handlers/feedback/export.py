"""``pledgebot feedback export``: one council's page as a single static HTML file (inline CSS,
inline SVG, no script and no external asset), for councils that publish on their own site."""

from __future__ import annotations

from datetime import datetime

from jinja2 import Environment
from sqlalchemy.orm import Session

from handlers.feedback.page import (
    ResultsProvider,
    council_named,
    councils,
    load_page,
    render_page_data,
)
from scheduler.rules import WorkingCalendar


class NoSuchCouncil(ValueError):
    """The council asked for is not known, or one must be named; the message says which."""


def export_page(session: Session, *, council: str | None, now: datetime, timezone: str,
                calendar: WorkingCalendar, results: ResultsProvider, min_group: int,
                templates: Environment) -> tuple[str, str]:
    """The chosen council's name and its page; without ``council``, the only council's.

    Raises ``NoSuchCouncil`` for an unknown name, for no council at all, or when there are
    several and none is named.
    """
    known = councils(session)
    names = ", ".join(repr(each.name) for each in known)
    if council is None:
        if len(known) != 1:
            raise NoSuchCouncil("no council is set up yet" if not known else
                                f"name one with --council: {names}")
        chosen = known[0]
    else:
        named = council_named(known, council)
        if named is None:
            raise NoSuchCouncil(f"no council is called {council!r}"
                                + (f"; the councils: {names}" if known else ""))
        chosen = named
    data = load_page(session, chosen, now=now, timezone=timezone, calendar=calendar,
                     results=results, min_group=min_group)
    return chosen.name, render_page_data(templates, data)
