"""Feedback surveys (pledges 13-22, 27, 28).

    definitions.py  survey YAML: the packaged ones (content/) and the council's folder, checked
    service.py      opening a survey for its audience, reading and recording answers
    sweep.py        the sweep: dated surveys opened, invitations and chasers sent once
    chat.py         /survey, the chat forms, the Answer button
    web.py          the signed one-time web form, and the link that stops the chasers
    results.py      the shapes of published results, and computing them
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.dispatch import Router
from bot.models import Role
from handlers.deps import Deps
from handlers.surveys import chat, definitions, sweep, web
from handlers.surveys.service import Links

SWEEP_JOB_ID = "surveys.sweep"
log = logging.getLogger(__name__)


def register(router: Router[Deps], deps: Deps) -> None:
    """Register /survey, the survey forms and button, the web form, and the survey sweep."""
    router.command("survey", chat.survey_command,
                   summary="surveys open for you; answer one",
                   usage={Role.PROVIDER: "[ID | answer ID 1: 4, 2: b ...]"} | dict.fromkeys(
                       chat.STAFF, "[ID | answer ID 1: 4, 2: b ... | results ID | comments ID "
                                   "| approve ID N | unapprove ID N | respond ID TEXT]"),
                   roles=(Role.PROVIDER, Role.COMMISSIONER, Role.ADMIN))
    router.button(sweep.START, chat.start_button)
    settings, factory, templates = router.settings, router.factory, router.templates
    catalogue = definitions.load(settings.survey_dir)
    for problem in catalogue.problems:
        log.warning("survey definition: %s", problem)
    chat.register_forms(router, catalogue)
    links = Links.from_settings(settings)
    for path, endpoint in web.endpoints(factory, templates, links, router.clock).items():
        router.web(path, endpoint, methods=("GET", "POST"))
    lease = timedelta(seconds=settings.reminder_lease_seconds)

    def send(now: datetime) -> int:
        return sweep.sweep(factory, now=now, templates=templates, catalogue=catalogue,
                           links=links, lease=lease).sent

    router.job(SWEEP_JOB_ID, send, every_seconds=settings.sweep_interval_seconds,
               queues_messages=True)
