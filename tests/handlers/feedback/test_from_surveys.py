"""The published page end to end: providers answer a survey in chat, it closes, a commissioner
approves a comment and says what the council did, and ``GET /feedback`` (the route the feature
registers, with the real ``published_results``) shows it all, naming nobody."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.templates import make_templates
from tests.factories import FIXED_NOW
from tests.handlers.surveys.test_surveys import _catalogue, _open, _people, _say
from tests.web import request, web_app

AFTER_CLOSING = datetime(2026, 12, 14, 10, 0, tzinfo=UTC)  # "kinds" closes on 10 December


def _page(factory: sessionmaker[Session], database_url: str, tmp_path: Path,
          now: datetime = AFTER_CLOSING) -> str:
    router = build_router(factory, Settings(database_url=database_url,
                                            survey_dir=tmp_path / "surveys"),
                          make_templates(), clock=lambda: now)
    response = request(web_app(router, "/feedback"), "GET", "/feedback")
    assert response.status_code == 200
    return response.text


def test_answers_given_in_chat_reach_the_published_page_once_closed(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    _people(factory, providers=6)
    _catalogue(tmp_path)
    router = build_router(factory, Settings(database_url=database_url,
                                            survey_dir=tmp_path / "surveys"),
                          make_templates(), clock=lambda: FIXED_NOW)
    _open(factory, tmp_path)
    for number, overall in zip(range(2, 7), (5, 4, 4, 2, 4), strict=True):
        words = ", 5: Give us more notice" if number == 2 else ""
        said = _say(router, f"/survey answer kinds 1: {overall}, 2: a, 3: a, 4: yes{words}",
                    sender=f"p{number}@example.org")
        assert "thank" in said.lower(), said
    # While it is open, nothing is published.
    assert "Every kind" not in _page(factory, database_url, tmp_path, now=FIXED_NOW)
    _say(router, "/survey approve kinds 1", sender="priya@example.org")
    _say(router, "/survey respond kinds We now give six weeks' notice",
         sender="priya@example.org")

    page = _page(factory, database_url, tmp_path)
    assert "Every kind" in page
    assert "5 of 6 invited responded (83%)" in page
    # The Likert bars: one 2, three 4s, one 5 of five answers.
    assert "3 (60%)" in page
    assert "1 (20%)" in page
    assert "Average 3.8 out of 5, from 5 answers." in page
    # Only one free-text answer: fewer than 5, so not shown, approved or not.
    assert "Give us more notice" not in page
    assert "We now give six weeks&#39; notice" in page or "We now give six weeks' notice" in page
    for person in ("p2@example.org", "priya@example.org"):
        assert person not in page
