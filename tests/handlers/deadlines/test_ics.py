"""Deadlines as an iCalendar feed: render, parse back with icalendar, check every field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from icalendar import Calendar, Event

from handlers.deadlines.ics import (
    ALARM_TRIGGER,
    PRODID,
    CalendarItem,
    calendar_domain,
    deadline_uid,
    to_ics,
)

D = date.fromisoformat
NOW = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)


def item(**overrides: object) -> CalendarItem:
    """A typical open deadline, with any field overridden."""
    fields: dict[str, object] = {
        "uid": "deadline-123@pledgebot",
        "summary": "Initial placement review due: P-1042",
        "due_on": D("2026-03-16"),
        "description": "Review the placement with the provider.",
    }
    fields.update(overrides)
    return CalendarItem(**fields)  # type: ignore[arg-type]


def parse(data: bytes) -> Calendar:
    """Parse exported bytes back into a calendar, as a calendar client would."""
    return Calendar.from_ical(data)


def events(data: bytes) -> list[Event]:
    """The VEVENTs of an export, in file order."""
    return list(parse(data).walk("VEVENT"))


def only_event(data: bytes) -> Event:
    """The single VEVENT of an export of one item."""
    found = events(data)
    assert len(found) == 1
    return found[0]


def export(*items: CalendarItem, now: datetime = NOW) -> bytes:
    """Export ``items`` under a fixed calendar name."""
    return to_ics(items, calendar_name="Pledge deadlines: Northshire £", now=now)


# --- the calendar and its events ------------------------------------------------------------


def test_calendar_header() -> None:
    cal = parse(export(item()))
    assert cal.name == "VCALENDAR"
    assert str(cal["prodid"]) == PRODID == "-//pledgebot//deadlines//EN"
    assert str(cal["version"]) == "2.0"
    assert str(cal["calscale"]) == "GREGORIAN"
    assert str(cal["method"]) == "PUBLISH"
    assert str(cal["x-wr-calname"]) == "Pledge deadlines: Northshire £"


def test_event_fields_round_trip() -> None:
    data = export(item(url="https://pledgebot.example/deadlines/123"))
    event = only_event(data)
    assert str(event["uid"]) == "deadline-123@pledgebot"
    assert event.decoded("dtstamp") == NOW
    assert event.decoded("dtstamp").utcoffset() == timedelta(0)
    assert event.decoded("dtstart") == D("2026-03-16")
    assert not isinstance(event.decoded("dtstart"), datetime)
    assert event.decoded("dtend") == D("2026-03-17")
    assert not isinstance(event.decoded("dtend"), datetime)
    assert str(event["summary"]) == "Initial placement review due: P-1042"
    assert str(event["description"]) == "Review the placement with the provider."
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["transp"]) == "TRANSPARENT"
    assert str(event["url"]) == "https://pledgebot.example/deadlines/123"


def test_wire_format_of_dates_and_stamp() -> None:
    data = export(item())
    assert b"\r\nDTSTART;VALUE=DATE:20260316\r\n" in data
    assert b"\r\nDTEND;VALUE=DATE:20260317\r\n" in data
    assert b"\r\nDTSTAMP:20260301T083000Z\r\n" in data


@pytest.mark.parametrize(
    ("due_on", "dtend"),
    [
        (D("2026-03-16"), D("2026-03-17")),
        (D("2026-02-28"), D("2026-03-01")),  # not a leap year
        (D("2028-02-28"), D("2028-02-29")),  # leap year
        (D("2026-12-31"), D("2027-01-01")),  # year end
    ],
)
def test_all_day_event_ends_the_next_day(due_on: date, dtend: date) -> None:
    event = only_event(export(item(due_on=due_on)))
    assert event.decoded("dtstart") == due_on
    assert event.decoded("dtend") == dtend


def test_url_is_left_out_when_none() -> None:
    event = only_event(export(item(url=None)))
    assert "url" not in event


def test_output_uses_crlf_line_endings_only() -> None:
    data = export(item(description="line one\nline two"))
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert data.count(b"\r\n") > 10


# --- status mapping and alarms --------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "ics_status", "summary", "has_alarm"),
    [
        ("open", "CONFIRMED", "Initial placement review due: P-1042", True),
        ("done", "CONFIRMED", "Done: Initial placement review due: P-1042", False),
        ("not_applicable", "CANCELLED", "Initial placement review due: P-1042", False),
    ],
)
def test_status_mapping(status: str, ics_status: str, summary: str, has_alarm: bool) -> None:
    event = only_event(export(item(status=status)))
    assert str(event["status"]) == ics_status
    assert str(event["summary"]) == summary
    assert [alarm.name for alarm in event.subcomponents] == (["VALARM"] if has_alarm else [])


def test_open_item_alarm_fires_at_nine_the_day_before() -> None:
    data = export(item(status="open"))
    (alarm,) = only_event(data).walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(hours=-15) == ALARM_TRIGGER
    assert str(alarm["description"]) == "Initial placement review due: P-1042"
    assert b"\r\nTRIGGER:-PT15H\r\n" in data
    midnight = datetime.combine(D("2026-03-16"), datetime.min.time())
    assert midnight + alarm.decoded("trigger") == datetime(2026, 3, 15, 9, 0)  # noqa: DTZ001


def test_only_open_items_get_alarms_in_a_mixed_export() -> None:
    data = export(
        item(uid="a@pledgebot", status="open"),
        item(uid="b@pledgebot", status="done"),
        item(uid="c@pledgebot", status="not_applicable"),
        item(uid="d@pledgebot", status="open"),
    )
    with_alarm = [str(e["uid"]) for e in events(data) if list(e.walk("VALARM"))]
    assert with_alarm == ["a@pledgebot", "d@pledgebot"]
    assert data.count(b"BEGIN:VALARM") == 2


# --- stability and ordering -----------------------------------------------------------------


def test_uids_are_stable_across_exports() -> None:
    items = [
        item(uid="deadline-1@pledgebot", due_on=D("2026-04-01")),
        item(uid="deadline-2@pledgebot", due_on=D("2026-03-20"), status="done"),
    ]
    first = export(*items, now=NOW)
    second = export(*reversed(items), now=NOW + timedelta(days=1))
    uids = [str(e["uid"]) for e in events(first)]
    assert uids == ["deadline-2@pledgebot", "deadline-1@pledgebot"]
    assert [str(e["uid"]) for e in events(second)] == uids
    assert first != second  # only the stamp differs ...
    assert first.replace(b"20260301T083000Z", b"20260302T083000Z") == second


def test_same_input_gives_identical_bytes() -> None:
    items = [item(uid=f"deadline-{n}@pledgebot") for n in range(3)]
    assert export(*items) == export(*items)


def test_events_are_sorted_by_due_date_then_uid() -> None:
    data = export(
        item(uid="c@pledgebot", due_on=D("2026-05-01")),
        item(uid="z@pledgebot", due_on=D("2026-04-01")),
        item(uid="b@pledgebot", due_on=D("2026-05-01")),
        item(uid="a@pledgebot", due_on=D("2026-06-01")),
    )
    assert [(e.decoded("dtstart"), str(e["uid"])) for e in events(data)] == [
        (D("2026-04-01"), "z@pledgebot"),
        (D("2026-05-01"), "b@pledgebot"),
        (D("2026-05-01"), "c@pledgebot"),
        (D("2026-06-01"), "a@pledgebot"),
    ]


def test_accepts_any_iterable_including_a_generator() -> None:
    data = to_ics((item(uid=f"g{n}@pledgebot") for n in range(2)), calendar_name="x", now=NOW)
    assert [str(e["uid"]) for e in events(data)] == ["g0@pledgebot", "g1@pledgebot"]


def test_empty_export_is_a_valid_calendar_without_events() -> None:
    data = to_ics([], calendar_name="Nothing due", now=NOW)
    cal = parse(data)
    assert cal.name == "VCALENDAR"
    assert str(cal["prodid"]) == PRODID
    assert str(cal["x-wr-calname"]) == "Nothing due"
    assert list(cal.walk("VEVENT")) == []
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")


# --- escaping and folding -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Provider A, Provider B",
        "due; see contract clause 4.2",
        "first line\nsecond line\n\nafter a blank line",
        "Uplift of £12.50 per hour",
        "Thanks 🎉 for the review ✅",
        r"path C:\shared\reviews",
        'He said "fine": 50% done, 3; ok\n£ and 😀',
    ],
)
def test_special_characters_survive_a_round_trip(text: str) -> None:
    event = only_event(export(item(summary=text, description=text)))
    assert str(event["description"]) == text
    assert str(event["summary"]) == text


def test_text_is_escaped_on_the_wire() -> None:
    data = export(item(description="a, b; c\nd"))
    assert b"DESCRIPTION:a\\, b\\; c\\nd\r\n" in data


@pytest.mark.parametrize(
    "description",
    [
        "Review notes. " * 40,
        "£" * 200,  # two octets each
        "😀 emoji " * 60,  # four octets each
        "Mixed £ costs, 😀 smiles; and\nnew lines. " * 20,
    ],
)
def test_long_lines_are_folded_to_75_octets(description: str) -> None:
    data = export(item(description=description))
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert sum(1 for line in lines if line.startswith(b" ")) >= 2  # it really was folded
    for line in lines:
        line.decode("utf-8")  # folding never splits a multi-octet character
    assert str(only_event(data)["description"]) == description


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 3, 1, 8, 30),  # noqa: DTZ001 - naive on purpose
        datetime(2026, 3, 1),  # noqa: DTZ001 - naive on purpose
    ],
)
def test_naive_now_is_rejected(now: datetime) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        to_ics([item()], calendar_name="x", now=now)


def test_naive_now_is_rejected_even_for_an_empty_export() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        to_ics([], calendar_name="x", now=datetime(2026, 3, 1))  # noqa: DTZ001


def test_aware_non_utc_now_is_stamped_in_utc() -> None:
    bst = timezone(timedelta(hours=1))
    data = export(item(), now=datetime(2026, 6, 1, 10, 0, tzinfo=bst))
    assert b"\r\nDTSTAMP:20260601T090000Z\r\n" in data
    assert only_event(data).decoded("dtstamp") == datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def test_duplicate_uid_is_rejected() -> None:
    with pytest.raises(ValueError, match="duplicate calendar item uid 'same@pledgebot'"):
        export(
            item(uid="same@pledgebot", due_on=D("2026-03-16")),
            item(uid="same@pledgebot", due_on=D("2026-04-16")),
        )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"status": "closed"}, "unknown calendar item status 'closed'"),
        ({"status": "OPEN"}, "unknown calendar item status 'OPEN'"),
        ({"uid": ""}, "uid must not be empty"),
        ({"uid": "   "}, "uid must not be empty"),
        ({"due_on": datetime(2026, 3, 16, 9, 0, tzinfo=UTC)}, "due_on must be a date"),
        ({"due_on": "2026-03-16"}, "due_on must be a date"),
    ],
)
def test_bad_item_is_rejected(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        item(**overrides)


def test_item_is_frozen() -> None:
    deadline = item()
    with pytest.raises(AttributeError):
        deadline.status = "done"  # type: ignore[misc]


@pytest.mark.parametrize(("email_from", "public_url", "domain"), [
    ("Pledgebot <pledgebot@Northshire.gov.example>", "https://bot.other.example",
     "northshire.gov.example"),
    (None, "https://pledgebot.southshire.example:8443/x", "pledgebot.southshire.example"),
    ("pledgebot@council.example", None, "council.example"),
    (None, None, "pledgebot"),
])
def test_each_deployment_names_its_deadlines_in_its_own_domain(
        email_from: str | None, public_url: str | None, domain: str) -> None:
    # Two councils' deadline 6 were one UID, deadline-6@pledgebot: in a provider's calendar
    # holding both councils' reminders, one overwrote the other.
    assert calendar_domain(email_from, public_url) == domain
    assert deadline_uid(6, calendar_domain(email_from, public_url)) == f"deadline-6@{domain}"
