"""Shared fixtures: an empty environment, and a migrated database on SQLite and PostgreSQL.

Migrating a database takes about a second, so each pytest session (each xdist worker)
migrates one template per kind once: a SQLite file that each test copies, and a PostgreSQL
template database that each test's own database is created from. Every test still gets a
database of its own, dropped afterwards; tests about migrations get an empty one.
"""

from __future__ import annotations

import os
import shutil
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
TEMPLATE_FIXTURES = {"sqlite": "sqlite_template", "postgresql": "postgres_template"}
# The URLs of the test databases that were made as copies of a migrated template.
_MIGRATED: set[str] = set()


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


def _postgres_url(name: str) -> str:
    return f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}"


def _migrate(url: str) -> None:
    engine = make_engine(url)
    try:
        migrations.upgrade(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine | None]:
    """An AUTOCOMMIT engine on the PostgreSQL server, or None when none is reachable."""
    engine = _postgres_admin()
    yield engine
    if engine is not None:
        engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per session (per worker), for tests to copy."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    _migrate(f"sqlite:///{path}")
    # The last connection closed folds the write-ahead log into the file; copy only then.
    assert not path.with_name(f"{path.name}-wal").exists()
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_admin: Engine | None) -> Iterator[str | None]:
    """The name of a PostgreSQL database migrated to head once per session (per worker).

    Its name is new each session, so a template is never reused from an earlier run, and it
    is dropped when the session ends. Nothing stays connected to it, as CREATE DATABASE ...
    TEMPLATE requires.
    """
    if postgres_admin is None:
        yield None
        return
    name = f"pledgebot_template_{uuid.uuid4().hex[:12]}"
    with postgres_admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        _migrate(_postgres_url(name))
        yield name
    finally:
        with postgres_admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def fresh_database_url(
    kind: str, tmp_path: Path, admin: Engine | None, template: Path | str | None = None
) -> Iterator[str]:
    """Yield the URL of a database of ``kind``, removed afterwards.

    The database is empty, or a copy of ``template`` (a SQLite file, or the name of a
    PostgreSQL template database) when one is given.
    """
    if kind == "sqlite":
        path = tmp_path / "test.db"
        url = f"sqlite:///{path}"
        if template is not None:
            shutil.copyfile(template, path)
            _MIGRATED.add(url)
        try:
            yield url
        finally:
            _MIGRATED.discard(url)
        return
    if admin is None:
        if IN_CI:
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL} (CI must test it)")
        pytest.skip("PostgreSQL is not reachable")
    name = f"pledgebot_test_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template is not None else ""
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    url = _postgres_url(name)
    if template is not None:
        _MIGRATED.add(url)
    try:
        yield url
    finally:
        _MIGRATED.discard(url)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_admin: Engine | None
) -> Iterator[str]:
    """A database, once on SQLite and once on PostgreSQL.

    It is empty, unless the test also uses ``engine`` (directly or through ``factory``): then
    it is the migrated database that ``engine`` is connected to, made from the template.
    """
    template = None
    if "engine" in request.fixturenames:
        template = request.getfixturevalue(TEMPLATE_FIXTURES[request.param])
    yield from fresh_database_url(request.param, tmp_path, postgres_admin, template)


@pytest.fixture
def postgres_url(tmp_path: Path, postgres_admin: Engine | None) -> Iterator[str]:
    """An empty PostgreSQL database (for tests that are about PostgreSQL itself)."""
    yield from fresh_database_url("postgresql", tmp_path, postgres_admin)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated database engine (on a copy of the session's template)."""
    engine = make_engine(database_url)
    if database_url not in _MIGRATED:  # only if ``engine`` was asked for late, by name
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
