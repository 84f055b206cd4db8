"""Digests: one weekly message per person, and the commitment scorecard.

    chat.py       /digest (this week's now), /digest off, /digest on
    content.py    what a digest holds, gathered for a batch of people at once; its words
    scorecard.py  the council's commitment scorecard for a period (set-based)
    sweep.py      the weekly sweep: plan a row per (person, ISO week), claim, send once
    unsubscribe.py  the one-click unsubscribe link every digest carries, and /unsubscribe
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.dispatch import Router
from handlers.deps import Deps
from handlers.digests import chat, sweep, unsubscribe

SWEEP_JOB_ID = "digests.sweep"


def register(router: Router[Deps], deps: Deps) -> None:
    """Register /digest, the weekly digest sweep and the ``/unsubscribe`` web route."""
    router.command("digest", chat.digest_command,
                   summary="your weekly digest now; /digest off or on to stop or restart it",
                   usage="[off | on]")
    settings, factory, templates = router.settings, router.factory, router.templates
    schedule = sweep.DigestSchedule(weekday=settings.digest_weekday, hour=settings.digest_hour,
                                    timezone=settings.timezone)
    lease = timedelta(seconds=settings.reminder_lease_seconds)
    links = unsubscribe.UnsubscribeLinks.from_settings(settings)

    def send_digests(now: datetime) -> int:
        return sweep.sweep(factory, now=now, templates=templates, calendar=deps.calendar,
                           schedule=schedule, lease=lease, links=links).sent

    router.job(SWEEP_JOB_ID, send_digests, every_seconds=settings.sweep_interval_seconds,
               queues_messages=True)
    router.web(unsubscribe.PATH, unsubscribe.endpoint(factory, templates, links, router.clock),
               methods=("GET", "POST"))
