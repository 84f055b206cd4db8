"""The survey web form and the chasers' stop link, served by ``pledgebot serve``.

Plain HTML that works without JavaScript. The signed link is the capability (no CSRF token
needed): a forged, expired or reused link is refused with nothing stored; a used link's nonce
is recorded in the same transaction as the answers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse

from bot.db import transaction
from bot.links import BadLink, Link
from bot.models import Survey
from bot.templates import render
from handlers.pages import html_page
from handlers.surveys.definitions import questions_of
from handlers.surveys.service import (
    FORM_PATH,
    FORM_PURPOSE,
    STOP_PATH,
    STOP_PURPOSE,
    Links,
    SurveyRefused,
    link_used,
    may_answer,
    read_answers,
    record,
    stop_chasers,
    today_of,
)

MAX_BODY = 64_000
Endpoint = Callable[[Request], Awaitable[HTMLResponse]]


def _page(templates: Environment, status: int, **data: Any) -> HTMLResponse:
    values: dict[str, Any] = {"title": "Survey", "message": "", "survey": None,
                              "questions": None, "intro": "", "token": "", "action": "",
                              "stop_form": False}
    values.update(data)
    return html_page(render(templates, "survey_page.html", **values), status)


async def _token(request: Request) -> tuple[str, dict[str, list[str]]] | None:
    """The link's token and the posted fields; None when the body is too big."""
    fields: dict[str, list[str]] = {}
    if request.method == "POST":
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return None
        fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    token = (fields.get("t") or [request.query_params.get("t", "")])[0]
    return token, fields


def endpoints(factory: sessionmaker[Session], templates: Environment, links: Links | None,
              clock: Callable[[], datetime]) -> dict[str, Endpoint]:
    """The form and stop endpoints, by path."""

    def told(status: int, word: str, **data: Any) -> HTMLResponse:
        return _page(templates, status, message=render(templates, "survey_web.txt", told=word),
                     **data)

    def check(purpose: str, token: str, now: datetime) -> Link | HTMLResponse:
        if links is None:
            return told(404, "forged")
        try:
            return links.signer.verify(purpose, token, now=now)
        except BadLink as error:
            return told(410 if error.reason == "expired" else 403, error.reason)

    def form_work(link: Link, fields: dict[str, list[str]] | None, now: datetime,
                  token: str) -> HTMLResponse:
        with transaction(factory) as session:
            if link_used(session, link.nonce):
                return told(409, "used")
            survey = session.get(Survey, int(link.payload.get("s", 0)))
            if survey is None:
                return told(403, "forged")
            person_id = int(link.payload.get("p", 0))
            questions = questions_of(survey.definition)
            try:
                may_answer(session, survey, person_id, today=today_of(now))
                if fields is None:
                    return _page(templates, 200, title=survey.title, survey=survey,
                                 questions=questions, intro=survey.definition.get("intro", ""),
                                 token=token, action=FORM_PATH)
                given: dict[str, str | list[str]] = {
                    q.key: fields.get(q.key, []) if q.kind == "multiple"
                    else " ".join(fields.get(q.key, [])) for q in questions}
                answers = read_answers(questions, given)
                outcome = record(session, survey, person_id, answers, now=now,
                                 nonce=link.nonce).outcome
            except SurveyRefused as error:
                message = render(templates, "survey_refused.txt", code=error.code,
                                 **error.data)
                if error.code not in ("missing", "bad_answer"):
                    return _page(templates, 409, title=survey.title, message=message)
                # Asked again, with what was wrong; nothing is stored and the link stays good.
                return _page(templates, 422, title=survey.title, message=message,
                             survey=survey, questions=questions, token=token,
                             intro=survey.definition.get("intro", ""), action=FORM_PATH)
            return told(200, "thanks" if outcome == "recorded" else "changed",
                        title=survey.title)

    async def survey_form(request: Request) -> HTMLResponse:
        read = await _token(request)
        if read is None:
            return told(413, "too_big")
        token, fields = read
        now = clock()
        link = check(FORM_PURPOSE, token, now)
        if isinstance(link, HTMLResponse):
            return link
        return await run_in_threadpool(form_work, link,
                                       fields if request.method == "POST" else None, now, token)

    def stop_work(link: Link, post: bool, token: str) -> HTMLResponse:
        if not post:
            return told(200, "stop", stop_form=True, token=token, action=STOP_PATH)
        with transaction(factory) as session:
            stop_chasers(session, int(link.payload.get("s", 0)), int(link.payload.get("p", 0)))
        return told(200, "stopped")

    async def survey_stop(request: Request) -> HTMLResponse:
        read = await _token(request)
        if read is None:
            return told(413, "too_big")
        token, _ = read
        link = check(STOP_PURPOSE, token, clock())
        if isinstance(link, HTMLResponse):
            return link
        return await run_in_threadpool(stop_work, link, request.method == "POST", token)

    return {FORM_PATH: survey_form, STOP_PATH: survey_stop}
