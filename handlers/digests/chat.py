"""/digest: this week's digest now; /digest off and /digest on; the CLI's preview."""

from __future__ import annotations

from datetime import date, datetime

from jinja2 import Environment
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import BadInput
from bot.messages import Incoming, Reply
from bot.models import DigestOptOut, Person
from bot.templates import render
from handlers.deps import Ctx
from handlers.digests.content import (
    DigestContent,
    Reader,
    gather,
    iso_week,
    render_digest,
    zone_of,
)
from handlers.digests.sweep import DigestSchedule
from handlers.digests.unsubscribe import set_digest
from handlers.formats import command_words
from scheduler.rules import WorkingCalendar


def _today(person: Person, now: datetime) -> date:
    """The date at ``now`` where ``person`` lives."""
    return now.astimezone(zone_of(person)).date()


def _content(session: Session, person: Person, today: date, *, now: datetime,
             calendar: WorkingCalendar, timezone: str) -> DigestContent:
    """``person``'s digest of ``today``'s ISO week, as it reads on ``today``."""
    return gather(session, [Reader(person, iso_week(today), today)], now=now, calendar=calendar,
                  timezone=timezone)[person.id]


def digest_command(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/digest shows this week's digest now; /digest off|on stops or restarts the weekly one."""
    word = " ".join(command_words(ctx.args))  # "/digest please" (session 34's brief)
    if word == "":
        opted_out = ctx.session.scalar(
            select(DigestOptOut.id).where(DigestOptOut.person_id == ctx.person.id)) is not None
        content = _content(ctx.session, ctx.person, _today(ctx.person, ctx.now), now=ctx.now,
                           calendar=ctx.deps.calendar, timezone=ctx.settings.timezone)
        if content.empty:
            return [Reply(text=ctx.render("digest_told.txt", told="empty", off=opted_out))]
        return [Reply(text=render_digest(ctx.templates, content))]
    if word not in ("off", "on"):
        raise BadInput(ctx.render("digest_told.txt", told="usage", command="digest",
                                  unclear=ctx.args.strip()))
    changed = set_digest(ctx.session, ctx.person.id, on=word == "on", now=ctx.now)
    told = word if changed else f"already_{word}"
    return [Reply(text=ctx.render("digest_told.txt", told=told,
                                  weekday=ctx.settings.digest_weekday,
                                  hour=ctx.settings.digest_hour))]


def preview(session: Session, person: Person, *, week: str | None, now: datetime,
            calendar: WorkingCalendar, schedule: DigestSchedule,
            templates: Environment) -> str:
    """A person's digest as ``pledgebot digest preview`` prints it.

    Without ``week``, this week's as of today (what ``/digest`` shows); with ``week``
    (``2026-W49``), as it reads on that week's digest day. ValueError for a malformed week.
    """
    today = _today(person, now) if week is None else schedule.day_of(week, calendar)
    content = _content(session, person, today, now=now, calendar=calendar,
                       timezone=schedule.timezone)
    if content.empty:
        return render(templates, "digest_told.txt", told="empty", off=False)
    return render_digest(templates, content)
