"""Fixtures both e-mail test files use: a real SMTP server and the app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.app import App, build_app
from bot.config import Settings
from tests.factories import FIXED_NOW
from tests.mailservers import SmtpServer, running_smtp


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with running_smtp() as server:
        yield server


@pytest.fixture
def app(settings: Settings) -> Iterator[App]:
    built = build_app(settings, clock=lambda: FIXED_NOW)
    yield built
    built.close()
