"""What the deadline tests share: local times and a tenders import."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from handlers.deadlines import imports as deadline_imports
from handlers.deadlines.store import ReminderPolicy
from scheduler.rules import WorkingCalendar

LONDON = ZoneInfo("Europe/London")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """Local London time as aware UTC (so British Summer Time is honoured)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).astimezone(UTC)


def import_tenders(factory: sessionmaker[Session], csv_text: str, now: datetime) -> int:
    """Import a tenders CSV (default calendar and reminder policy) as of ``now``."""
    return deadline_imports.import_tenders(factory, csv_text.encode(), source="t.csv",
                                           calendar=WorkingCalendar(), policy=ReminderPolicy(),
                                           now=now)
