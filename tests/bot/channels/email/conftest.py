"""Fixtures the e-mail test files share: a real SMTP server, a real IMAP server (Dovecot) and
the app."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import App, build_app
from bot.config import Settings
from tests.factories import FIXED_NOW
from tests.mailservers import Dovecot, SmtpServer, running_dovecot, running_smtp


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with running_smtp() as server:
        yield server


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    """One Dovecot for a test file."""
    # Not pytest's tmp_path: its parent is private to root, and Dovecot's workers are not.
    with tempfile.TemporaryDirectory(prefix="pledgebot-imap-") as folder, \
            running_dovecot(Path(folder)) as server:
        yield server


@pytest.fixture
def app(settings: Settings) -> Iterator[App]:
    built = build_app(settings, clock=lambda: FIXED_NOW)
    yield built
    built.close()
