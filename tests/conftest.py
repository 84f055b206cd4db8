"""Shared fixtures: an empty environment, and a migrated database on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot import migrations
from bot.config import Settings
from bot.db import make_engine, make_session_factory

POSTGRES_ADMIN_URL = os.environ.get(
    "PLEDGEBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(autouse=True)
def _empty_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests start from an empty environment, in an empty folder (no pledgebot.toml)."""
    for name in list(os.environ):
        if name.startswith("PLEDGEBOT_") and name != "PLEDGEBOT_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def _postgres_admin() -> Engine | None:
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError:
        engine.dispose()
        return None
    return engine


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine | None]:
    """An AUTOCOMMIT engine on the PostgreSQL server, or None when none is reachable."""
    engine = _postgres_admin()
    yield engine
    if engine is not None:
        engine.dispose()


def fresh_database_url(kind: str, tmp_path: Path, admin: Engine | None) -> Iterator[str]:
    """Yield the URL of an empty database of ``kind``, removed afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    if admin is None:
        if IN_CI:
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL} (CI must test it)")
        pytest.skip("PostgreSQL is not reachable")
    name = f"pledgebot_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_admin: Engine | None
) -> Iterator[str]:
    """An empty database, once on SQLite and once on PostgreSQL."""
    yield from fresh_database_url(request.param, tmp_path, postgres_admin)


@pytest.fixture
def postgres_url(tmp_path: Path, postgres_admin: Engine | None) -> Iterator[str]:
    """An empty PostgreSQL database (for tests that are about PostgreSQL itself)."""
    yield from fresh_database_url("postgresql", tmp_path, postgres_admin)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated database engine."""
    engine = make_engine(database_url)
    migrations.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def factory(engine: Engine) -> sessionmaker[Session]:
    """The session factory of the migrated database."""
    return make_session_factory(engine)


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Default settings pointing at the test database."""
    return Settings(database_url=database_url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An empty SQLite database file."""
    return f"sqlite:///{tmp_path / 'sqlite-only.db'}"
