"""A digest e-mailed through a real SMTP server (aiosmtpd) carries RFC 8058 one-click
unsubscribe headers, and the link they hold turns the digest off when POSTed."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.app import App, build_app
from bot.channels.email.channel import EmailChannel
from bot.channels.email.settings import from_address, smtp_target
from bot.config import Settings
from bot.db import transaction
from bot.models import Channel, DigestOptOut, Person
from bot.outbox import OutboxPolicy, claim
from handlers.digests import SWEEP_JOB_ID
from tests.handlers.deadlines.support import at
from tests.handlers.digests.support import northshire_week
from tests.mailservers import SmtpServer
from tests.web import request, web_app

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

MONDAY_8 = at(date(2026, 11, 30), 8)
PUBLIC = "https://pledgebot.northshire.example"


def _app(database_url: str, **links: object) -> Iterator[App]:
    built = build_app(Settings(database_url=database_url, **links),  # type: ignore[arg-type]
                      clock=lambda: MONDAY_8)
    yield built
    built.close()


@pytest.fixture
def linked_app(database_url: str) -> Iterator[App]:
    yield from _app(database_url, secret_key=SecretStr("s" * 40), public_url=PUBLIC)


@pytest.fixture
def plain_app(database_url: str) -> Iterator[App]:
    yield from _app(database_url)


def _email_digest_to_sam(app: App, factory: sessionmaker[Session], smtp: SmtpServer) -> int:
    """Seed the week, make Sam an e-mail user, run the registered digest job, deliver Sam's."""
    sam = northshire_week(factory)["sam"]
    with transaction(factory) as session:
        session.execute(update(Person).where(Person.id == sam)
                        .values(preferred_channel=Channel.EMAIL))
    assert app.router.jobs[SWEEP_JOB_ID].run(MONDAY_8) == 4
    [delivery] = claim(factory, Channel.EMAIL, policy=OutboxPolicy(), now=MONDAY_8)
    channel = EmailChannel(smtp=smtp_target(smtp.url),
                           sender=from_address("Pledgebot <pledgebot@northshire.example>"),
                           templates=app.templates, clock=lambda: MONDAY_8, timeout=10)
    asyncio.run(channel.deliver(delivery))
    return sam


def _post(app: App, path: str) -> httpx.Response:
    return request(web_app(app.router, "/unsubscribe"), "POST", path, base_url=PUBLIC,
                   content=b"List-Unsubscribe=One-Click",
                   headers={"Content-Type": "application/x-www-form-urlencoded"})


def test_a_digest_email_carries_one_click_unsubscribe_that_works(
        linked_app: App, factory: sessionmaker[Session], smtp: SmtpServer) -> None:
    sam = _email_digest_to_sam(linked_app, factory, smtp)
    [message] = smtp.wait_for(1)
    [(envelope, _)] = smtp.messages
    assert envelope.rcpt_tos == ["sam@example.org"]
    assert "Your weekly digest, week of Mon 30 Nov 2026" in message["Subject"]
    header = str(message["List-Unsubscribe"])
    assert header.startswith(f"<{PUBLIC}/unsubscribe?t=")
    assert header.endswith(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # As the server received it: plain, one line each, not RFC 2047-encoded (which mail
    # programs do not recognise; the trial saw "=?utf-8?q?=3Chttps=3A//...?=").
    raw = envelope.content
    assert isinstance(raw, bytes)
    lines = raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    assert [line for line in lines if line.startswith(b"List-Unsubscribe")] == [
        f"List-Unsubscribe: {header}".encode(),
        b"List-Unsubscribe-Post: List-Unsubscribe=One-Click"]
    url = header[1:-1]
    text = message.get_body(("plain",))
    assert text is not None
    assert f"Stop these e-mails: {url}" in str(text.get_content())
    parts = urlsplit(url)
    answer = _post(linked_app, f"{parts.path}?{parts.query}")
    assert answer.status_code == 200
    with factory() as session:
        assert session.scalars(select(DigestOptOut.person_id)).all() == [sam]


def test_without_secret_key_and_public_url_no_header(
        plain_app: App, factory: sessionmaker[Session], smtp: SmtpServer) -> None:
    _email_digest_to_sam(plain_app, factory, smtp)
    [message] = smtp.wait_for(1)
    assert "Your weekly digest, week of Mon 30 Nov 2026" in message["Subject"]
    assert message["List-Unsubscribe"] is None
    assert message["List-Unsubscribe-Post"] is None
