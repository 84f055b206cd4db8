"""What the deadline tests share: local times, what a person is told, and a tenders import."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from handlers.deadlines import imports as deadline_imports
from handlers.deadlines.store import ReminderPolicy
from scheduler.rules import WorkingCalendar
from tests.factories import make_incoming

LONDON = ZoneInfo("Europe/London")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """Local London time as aware UTC (so British Summer Time is honoured)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).astimezone(UTC)


def say(router: Router, text: str, sender: str) -> str:
    """What ``sender`` is told when they type ``text``: every reply's words, one per line."""
    return "\n".join(reply.text for reply in router.handle(make_incoming(text, sender=sender)))


def import_tenders(factory: sessionmaker[Session], csv_text: str, now: datetime) -> int:
    """Import a tenders CSV (default calendar and reminder policy) as of ``now``."""
    return deadline_imports.import_tenders(factory, csv_text.encode(), source="t.csv",
                                           calendar=WorkingCalendar(), policy=ReminderPolicy(),
                                           now=now)


# Monday 2 November 2026, 10:00 in London: the day the dialogs' placement P-7 starts.
MONDAY_2_NOVEMBER = at(date(2026, 11, 2), 10)
