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
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
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
# How many copies of a PostgreSQL template are made ahead of the tests that will use them.
AHEAD = 2
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


class PostgresDatabases:
    """Creates each test's PostgreSQL database, and drops it afterwards, off the test's path.

    CREATE DATABASE takes a few tenths of a second and DROP DATABASE waits for a checkpoint,
    so two background threads do them while tests run: the next copy of a template is created
    while the current test runs, and a finished test's database is dropped (WITH (FORCE))
    while the next one runs. Every test still gets a database made for it alone.
    """

    def __init__(self, admin: Engine) -> None:
        self.admin = admin
        self.pool = ThreadPoolExecutor(max_workers=AHEAD + 1, thread_name_prefix="test-databases")
        self.ahead: dict[str, deque[Future[str]]] = {}
        self.drops: list[Future[None]] = []

    def execute(self, sql: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(sql))

    def _create(self, template: str | None) -> str:
        name = f"pledgebot_test_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template is not None else ""
        self.execute(f'CREATE DATABASE "{name}"{copy}')
        return name

    def create(self, template: str | None = None) -> str:
        """A new database (empty, or a copy of ``template``); starts the next copy."""
        if template is None:
            return self._create(None)
        ahead = self.ahead.setdefault(template, deque())
        while len(ahead) < AHEAD + 1:
            ahead.append(self.pool.submit(self._create, template))
        return ahead.popleft().result()

    def drop(self, name: str) -> None:
        """Drop the database in the background."""
        self.drops.append(
            self.pool.submit(self.execute, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def forget(self, template: str) -> None:
        """Drop the copies of ``template`` made ahead, so that it can be dropped itself."""
        for made in self.ahead.pop(template, ()):
            self.drop(made.result())
        self.wait()

    def wait(self) -> None:
        """Wait for every drop so far; raise the first failure."""
        drops, self.drops = self.drops, []
        for future in drops:
            future.result()

    def close(self) -> None:
        for template in list(self.ahead):
            self.forget(template)
        self.wait()
        self.pool.shutdown()


@pytest.fixture(scope="session")
def postgres_databases(postgres_admin: Engine | None) -> Iterator[PostgresDatabases | None]:
    """Creates and drops the tests' PostgreSQL databases, or None when there is no server."""
    if postgres_admin is None:
        yield None
        return
    databases = PostgresDatabases(postgres_admin)
    try:
        yield databases
    finally:
        databases.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per session (per worker), for tests to copy."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    _migrate(f"sqlite:///{path}")
    # The last connection closed folds the write-ahead log into the file; copy only then.
    assert not path.with_name(f"{path.name}-wal").exists()
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_databases: PostgresDatabases | None) -> Iterator[str | None]:
    """The name of a PostgreSQL database migrated to head once per session (per worker).

    Its name is new each session, so a template is never reused from an earlier run, and it
    is dropped when the session ends. Nothing stays connected to it, as CREATE DATABASE ...
    TEMPLATE requires.
    """
    if postgres_databases is None:
        yield None
        return
    name = f"pledgebot_template_{uuid.uuid4().hex[:12]}"
    postgres_databases.execute(f'CREATE DATABASE "{name}"')
    try:
        _migrate(_postgres_url(name))
        yield name
    finally:
        postgres_databases.forget(name)
        postgres_databases.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fresh_database_url(
    kind: str,
    tmp_path: Path,
    databases: PostgresDatabases | None,
    template: Path | str | None = None,
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
    if databases is None:
        if IN_CI:
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL} (CI must test it)")
        pytest.skip("PostgreSQL is not reachable")
    name = databases.create(str(template) if template is not None else None)
    url = _postgres_url(name)
    if template is not None:
        _MIGRATED.add(url)
    try:
        yield url
    finally:
        _MIGRATED.discard(url)
        databases.drop(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_databases: PostgresDatabases | None
) -> Iterator[str]:
    """A database, once on SQLite and once on PostgreSQL.

    It is empty, unless the test also uses ``engine`` (directly or through ``factory``): then
    it is the migrated database that ``engine`` is connected to, made from the template.
    """
    template = None
    if "engine" in request.fixturenames:
        template = request.getfixturevalue(TEMPLATE_FIXTURES[request.param])
    yield from fresh_database_url(request.param, tmp_path, postgres_databases, template)


@pytest.fixture
def postgres_url(
    tmp_path: Path, postgres_databases: PostgresDatabases | None
) -> Iterator[str]:
    """An empty PostgreSQL database (for tests that are about PostgreSQL itself)."""
    yield from fresh_database_url("postgresql", tmp_path, postgres_databases)


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
