"""Deadlines as an iCalendar (RFC 5545) feed: pure, no database, no I/O, no clock.

Each :class:`CalendarItem` becomes one all-day VEVENT (DTSTART;VALUE=DATE on the due date,
DTEND;VALUE=DATE the day after, as Outlook and Google Calendar expect). The UID is the item's
own, so exporting the same deadline again updates the event on re-import instead of adding a
second one. Escaping, line folding (75 octets) and CRLF line endings are left to the
``icalendar`` library; nothing here builds iCalendar text by hand.

    status            STATUS      summary             alarm
    open              CONFIRMED   as given            display alarm 09:00 the day before
    done              CONFIRMED   "Done: " + summary  none
    not_applicable    CANCELLED   as given            none

"Now" (the DTSTAMP) is always a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parseaddr
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from icalendar import Event

PRODID: Final = "-//pledgebot//deadlines//EN"
"""The product identifier written into every exported calendar."""

STATUSES: Final = frozenset({"open", "done", "not_applicable"})
"""The item statuses :func:`to_ics` understands."""

ALARM_TRIGGER: Final = timedelta(hours=-15)
"""Alarm offset from the start of an all-day event (midnight): 09:00 the day before."""

_EVENT_STATUS: Final = {"open": "CONFIRMED", "done": "CONFIRMED", "not_applicable": "CANCELLED"}
_DONE_PREFIX: Final = "Done: "


def deadline_uid(deadline_id: int, domain: str) -> str:
    """The calendar UID of one deadline: the same in every export and reminder of one
    deployment (so a calendar updates its event), and never another council's (``domain``)."""
    return f"deadline-{deadline_id}@{domain}"


def calendar_domain(email_from: str | None, public_url: str | None) -> str:
    """The domain in a deployment's deadline UIDs: its own, so two councils' deadline 6 are two
    events in a provider's calendar, not one overwriting the other (both were
    ``deadline-6@pledgebot``). The bot's From: address's domain (what its e-mailed reminders
    use), else its public address's host; ``pledgebot`` when neither is set."""
    _name, address = parseaddr(email_from or "")
    domain = address.rpartition("@")[2].strip().lower()
    if domain:
        return domain
    host = urlsplit(public_url or "").hostname
    return host.lower() if host else "pledgebot"


@dataclass(frozen=True, slots=True, kw_only=True)
class CalendarItem:
    """One deadline to show as an all-day event on ``due_on``.

    ``uid`` must be stable for the same deadline across exports (``deadline_uid``, e.g.
    ``"deadline-123@council.example"``) so a calendar that re-imports the feed updates the
    event.
    """

    uid: str
    summary: str
    due_on: date
    description: str
    status: str = "open"
    url: str | None = None

    def __post_init__(self) -> None:
        """Reject an empty UID, a datetime for ``due_on`` and an unknown status."""
        if not self.uid.strip():
            raise ValueError("calendar item uid must not be empty")
        if isinstance(self.due_on, datetime) or not isinstance(self.due_on, date):
            raise ValueError(f"due_on must be a date, not {type(self.due_on).__name__}")
        if self.status not in STATUSES:
            raise ValueError(
                f"unknown calendar item status {self.status!r}; expected one of "
                f"{', '.join(sorted(STATUSES))}"
            )


def to_ics(items: Iterable[CalendarItem], *, calendar_name: str, now: datetime) -> bytes:
    """Render ``items`` as one VCALENDAR (METHOD:PUBLISH), one VEVENT per item.

    Events are ordered by ``(due_on, uid)``. ``now`` becomes every event's DTSTAMP; it must be
    timezone-aware (an aware non-UTC time is converted to UTC) and a naive one raises
    :class:`ValueError`, as does the same UID appearing twice. Returns UTF-8 bytes with CRLF
    line endings and lines folded to at most 75 octets.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime (UTC), not a naive one")
    stamp = now.astimezone(UTC)
    # icalendar loads only when a calendar is made: not at every start of the bot.
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)

    seen: set[str] = set()
    for item in sorted(items, key=lambda i: (i.due_on, i.uid)):
        if item.uid in seen:
            raise ValueError(f"duplicate calendar item uid {item.uid!r}")
        seen.add(item.uid)
        calendar.add_component(_event(item, stamp))
    return calendar.to_ical()


def _event(item: CalendarItem, stamp: datetime) -> Event:
    """One all-day VEVENT for ``item``, with a display alarm only while it is open."""
    from icalendar import Alarm, Event

    summary = _DONE_PREFIX + item.summary if item.status == "done" else item.summary
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", item.due_on)
    event.add("dtend", item.due_on + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", item.description)
    event.add("status", _EVENT_STATUS[item.status])
    event.add("transp", "TRANSPARENT")
    if item.url is not None:
        event.add("url", item.url)
    if item.status == "open":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", ALARM_TRIGGER)
        event.add_component(alarm)
    return event
