"""One-click unsubscribe from the digest: the signed link, POST turns it off, GET never does,
and forged, expired or foreign links change nothing."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette
from starlette.routing import Route

from bot.config import Settings
from bot.links import Signer
from bot.models import AuditEvent, DigestOptOut, OutboxMessage
from handlers.digests.sweep import sweep
from handlers.digests.unsubscribe import PATH, UnsubscribeLinks, endpoint
from tests.handlers.deadlines.support import at
from tests.handlers.digests.support import CALENDAR, SCHEDULE, TEMPLATES, northshire_week
from tests.web import request

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SECRET = "k" * 40
PUBLIC = "https://pledgebot.northshire.example"
MONDAY_8 = at(date(2026, 11, 30), 8)
LINKS = UnsubscribeLinks(Signer(SECRET), PUBLIC)


def _app(factory: sessionmaker[Session], links: UnsubscribeLinks | None = LINKS) -> Starlette:
    answer = endpoint(factory, TEMPLATES, links, lambda: MONDAY_8)
    return Starlette(routes=[Route(PATH, answer, methods=["GET", "POST"])])


def _call(app: Starlette, method: str, url: str) -> httpx.Response:
    if method == "POST":  # what a mail client's one-click sends (RFC 8058)
        return request(app, "POST", url, data={"List-Unsubscribe": "One-Click"})
    return request(app, "GET", url)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def _opted_out(factory: sessionmaker[Session]) -> list[int]:
    with factory() as session:
        return list(session.scalars(select(DigestOptOut.person_id).order_by(
            DigestOptOut.person_id)))


@pytest.fixture
def sam(factory: sessionmaker[Session]) -> int:
    return northshire_week(factory)["sam"]


def test_every_digest_carries_its_persons_link(factory: sessionmaker[Session]) -> None:
    ids = northshire_week(factory)
    sweep(factory, now=MONDAY_8, templates=TEMPLATES, calendar=CALENDAR, schedule=SCHEDULE,
          links=LINKS)
    with factory() as session:
        rows = session.execute(select(OutboxMessage.person_id, OutboxMessage.payload)
                               .where(OutboxMessage.kind == "digest.weekly")).all()
    assert {person for person, _ in rows} == {ids["priya"], ids["sam"], ids["tess"], ids["hub"]}
    for person, payload in rows:
        url = payload["unsubscribe"]
        assert url.startswith(f"{PUBLIC}/unsubscribe?t=")
        [token] = parse_qs(urlsplit(url).query)["t"]
        assert LINKS.person_of(token, now=MONDAY_8) == person


def test_without_a_secret_key_or_public_address_no_link(factory: sessionmaker[Session]) -> None:
    northshire_week(factory)
    assert UnsubscribeLinks.from_settings(Settings(public_url=PUBLIC)) is None
    assert UnsubscribeLinks.from_settings(Settings(secret_key=SecretStr(SECRET))) is None
    sweep(factory, now=MONDAY_8, templates=TEMPLATES, calendar=CALENDAR, schedule=SCHEDULE,
          links=None)
    with factory() as session:
        payloads = session.scalars(select(OutboxMessage.payload)).all()
    assert payloads
    assert all("unsubscribe" not in payload for payload in payloads)


def test_post_turns_the_digest_off_once(factory: sessionmaker[Session], sam: int) -> None:
    app = _app(factory)
    url = _path(LINKS.url(sam, now=MONDAY_8))
    first = _call(app, "POST", url)
    assert first.status_code == 200
    assert "Your weekly digest is off" in first.text
    assert _opted_out(factory) == [sam]
    again = _call(app, "POST", url)
    assert again.status_code == 200
    assert "was already off; nothing changed" in again.text
    assert _opted_out(factory) == [sam]
    with factory() as session:
        actions = session.scalars(select(AuditEvent.action).where(
            AuditEvent.subject == f"person:{sam}")).all()
    assert actions == ["digest.off"]


def test_get_only_asks_and_changes_nothing(factory: sessionmaker[Session], sam: int) -> None:
    url = _path(LINKS.url(sam, now=MONDAY_8))
    page = _call(_app(factory), "GET", url)
    assert page.status_code == 200
    assert "Stop your weekly digest?" in page.text
    assert 'method="post" action="/unsubscribe?t=' in page.text
    assert _opted_out(factory) == []


def test_the_confirm_button_posts_to_the_same_link(factory: sessionmaker[Session],
                                                    sam: int) -> None:
    app = _app(factory)
    page = _call(app, "GET", _path(LINKS.url(sam, now=MONDAY_8)))
    action = page.text.split('action="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert _call(app, "POST", action).status_code == 200
    assert _opted_out(factory) == [sam]


def test_a_bad_link_is_refused_and_changes_nothing(factory: sessionmaker[Session],
                                                   sam: int) -> None:
    other_key = UnsubscribeLinks(Signer("x" * 40), PUBLIC)
    survey = Signer(SECRET).sign("survey", {"person": sam}, now=MONDAY_8,
                                 valid_for=timedelta(days=1))
    bad = {
        "forged": (LINKS.url(sam, now=MONDAY_8)[:-3] + "AAA", "is not valid"),
        "other key": (other_key.url(sam, now=MONDAY_8), "is not valid"),
        "expired": (LINKS.url(sam, now=MONDAY_8 - timedelta(days=91)), "has expired"),
        "wrong purpose": (f"{PUBLIC}/unsubscribe?t={survey}", "is not valid"),
        "nobody": (LINKS.url(sam + 1000, now=MONDAY_8), "is not valid"),
        "no token": (f"{PUBLIC}/unsubscribe", "is not valid"),
        "garbage": (f"{PUBLIC}/unsubscribe?t=%00%ff" + "x" * 3000, "is not valid"),
    }
    app = _app(factory)
    for name, (url, says) in bad.items():
        for method in ("POST", "GET"):
            answer = _call(app, method, _path(url))
            assert (name, method, answer.status_code) == (name, method, 400)
            assert says in answer.text, name
            assert "Nothing was changed" in answer.text, name
    assert _opted_out(factory) == []


def test_without_links_configured_the_route_says_so(factory: sessionmaker[Session],
                                                     sam: int) -> None:
    answer = _call(_app(factory, links=None), "POST",
                   _path(LINKS.url(sam, now=MONDAY_8)))
    assert answer.status_code == 404
    assert "not set up" in answer.text
    assert _opted_out(factory) == []
