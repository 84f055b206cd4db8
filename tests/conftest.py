"""Shared fixtures: an empty environment, and a migrated database on SQLite and PostgreSQL.

Migrating a database takes about a second, so each pytest session (each xdist worker)
migrates one template per kind once: a SQLite file that each test copies, and a PostgreSQL
template database that each test's own database is copied from. Every test gets a database
to itself: a SQLite file removed afterwards, or a PostgreSQL copy that is emptied back to the
template's state for the next test (see ``PostgresDatabases``); tests about migrations get an
empty one.
"""

from __future__ import annotations

import gc
import os
import shutil
import uuid
import zlib
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from bot import db as bot_db
from bot import migrations
from bot.config import PREFIX, Settings, _toml_path
from bot.db import make_engine, make_session_factory
from knowledge.answers import Answerer
from knowledge.base import PACKAGED, KnowledgeBase
from tests.factories import Clock

# The collector's young generation is collected every 700 new objects by default; a test
# worker makes millions (every message read, every row loaded), and each full collection walks
# the whole heap of the imported bot and its knowledge index. Collected ~70 times less often,
# the same tests take ~5-8 % less CPU (session 38: tests/handlers/cases/test_chat.py, 25.7 and
# 28.3 s of CPU against 24.3-26.4). Nothing a test checks depends on when cycles are freed.
gc.set_threshold(50_000, 20, 100)

POSTGRES_ADMIN_URL = os.environ.get(
    "PLEDGEBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
TEMPLATE_FIXTURES = {"sqlite": "sqlite_template", "postgresql": "postgres_template"}
# The URLs of the test databases that were made as copies of a migrated template.
_MIGRATED: set[str] = set()


@pytest.fixture(scope="session")
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the session's tests (never the user's own ~/.cache)."""
    return tmp_path_factory.mktemp("cache-home")


# Each test's app makes its own engine, and SQLAlchemy keeps compiled SQL per engine and per
# dialect object, so every test compiled every statement afresh: about a fifth of a database
# test's time (session 28, a profile of tests/handlers/cases/test_chat.py). The engines the app
# makes in this process share, per driver, the first one's dialect and compiled-SQL cache: the
# same SQL for the same server, compiled once. The dialect is readied (its server's version
# read) by the first engine's first connection before any other engine uses it.
_SHARED_COMPILING: dict[str, tuple[Any, Any]] = {}


def _engine_sharing_compiled_sql(url: Any, **options: Any) -> Engine:
    engine = create_engine(url, **options)
    if engine.url.get_backend_name() == "sqlite":
        event.listen(engine, "checkout", _no_waiting_for_the_disk)
    shared = _SHARED_COMPILING.get(engine.url.drivername)
    if shared is None:
        try:
            with engine.connect():
                pass
        except SQLAlchemyError:
            return engine  # not reachable yet: this engine keeps its own
        finally:
            # That connection was made before the caller's "connect" listeners (SQLite's
            # pragmas: foreign keys, WAL, the bot's own BEGIN) were added: never pooled for a
            # test to use (the review of this harness).
            engine.dispose()
        _SHARED_COMPILING[engine.url.drivername] = (engine.dialect, engine._compiled_cache)
        return engine
    engine.dialect, engine._compiled_cache = shared
    return engine


def _no_waiting_for_the_disk(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """A test's SQLite database writes without waiting for the disk (``synchronous=OFF``, set at
    every checkout: after the bot's own "connect" pragmas, which set NORMAL), as its PostgreSQL
    test databases do (``synchronous_commit = off``): nothing of a test's survives a machine's
    crash anyway, and a process ended at any point loses nothing either way (WAL). Session 42:
    the checkpoint when a test's engine closed waited on the disk, 15 ms a test, and the
    Northshire fixture's commit 11 ms more (tests/handlers/conftest.py; 26 -> 15 ms)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.close()


bot_db.create_engine = _engine_sharing_compiled_sql  # type: ignore[assignment]


# Settings(...) reads its sources (the arguments, PLEDGEBOT_* variables, pledgebot.toml) through
# pydantic-settings: 3 ms a time, and thousands of tests build one. With no setting's variable
# in the environment and no pledgebot.toml (as ``_empty_environment`` leaves most tests), those
# sources give the arguments alone, so they are validated as they are: the same fields,
# defaults and validators, in 0.04 ms. A test that sets a variable or writes the file reads
# them as the bot does.
_SETTING_VARIABLES = frozenset(PREFIX + name.upper() for name in Settings.model_fields)
_settings_from_sources = Settings.__init__


def _settings_from_arguments_when_nothing_else_is_set(self: Settings, **values: Any) -> None:
    if (any(name.startswith("_") for name in values) or _toml_path() is not None
            or any(name.upper() in _SETTING_VARIABLES for name in os.environ)):
        _settings_from_sources(self, **values)
    else:
        BaseModel.__init__(self, **values)


Settings.__init__ = _settings_from_arguments_when_nothing_else_is_set  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _empty_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                       _cache_home: Path) -> None:
    """Tests start from an empty environment, in an empty folder (no pledgebot.toml).

    The default ``PLEDGEBOT_CACHE_DIR`` is under ``XDG_CACHE_HOME``: one folder for the
    session, so apps (and ``serve`` processes) on the same content share a built index.
    """
    for name in list(os.environ):
        if name.startswith("PLEDGEBOT_") and name != "PLEDGEBOT_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_home))
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


# A copy of a migrated template may be handed to the next test only while its schema is still the
# template's. Comparing the schemas (information_schema) took 20 ms of the server's time a test;
# instead each template notes any schema change made in it (an event trigger, copied with the
# template into every copy), so a reset asks one row whether there was one. A change rolled back
# takes its note with it. The note lives in its own schema, which no test's tables are in.
_NOTED = "pledgebot_test_ddl"
_NOTE_SCHEMA_CHANGES = f"""
CREATE SCHEMA {_NOTED};
CREATE TABLE {_NOTED}.changed (at timestamptz NOT NULL DEFAULT now());
CREATE FUNCTION {_NOTED}.note() RETURNS event_trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog AS
    $$ BEGIN INSERT INTO {_NOTED}.changed DEFAULT VALUES; END $$;
CREATE EVENT TRIGGER {_NOTED} ON ddl_command_end EXECUTE FUNCTION {_NOTED}.note();
ALTER EVENT TRIGGER {_NOTED} ENABLE ALWAYS;
"""
# Changed: a schema change noted, the noting trigger dropped or disabled (a change to an event
# trigger is never noted), or the Alembic revision no longer the template's alone. The trigger
# notes a change by any role (it runs as its owner) and in replica mode too (ENABLE ALWAYS).
_SCHEMA_CHANGED = (f"SELECT EXISTS (SELECT FROM {_NOTED}.changed) OR NOT EXISTS (SELECT FROM "
                   f"pg_event_trigger WHERE evtname = '{_NOTED}' AND evtenabled = 'A') "
                   "OR (SELECT count(*) <> 1 OR bool_or(version_num <> :revision) "
                   "FROM alembic_version)")
_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
_RESTART_SEQUENCES = """
SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, start_value, false)
  FROM pg_sequences WHERE schemaname = 'public'
"""


class PostgresDatabases:
    """Creates each test's PostgreSQL database, and resets or drops it afterwards.

    DROP DATABASE forces a checkpoint of the whole server (a second or more here, and it slows
    every other connection), so a copy of a migrated template is not dropped after its test:
    it is emptied (every table's rows deleted, every sequence restarted: 0.02 s) and handed to
    the next test, provided no schema change was made in it (the template notes each one:
    ``_NOTE_SCHEMA_CHANGES``), its revision is still the template's, and the template itself
    holds no rows. Any copy that cannot be
    reset so (a test dropped it, changed its schema, or left it locked) is dropped in a
    background thread and replaced by a new copy. Every test still starts from a database
    equal to the freshly migrated template. Test databases commit without waiting for the
    disk (``synchronous_commit = off``): nothing here survives a server crash anyway.
    """

    def __init__(self, admin: Engine) -> None:
        self.admin = admin
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="test-databases")
        self.drops: list[Future[None]] = []
        # template -> its Alembic revision and the statements that empty a copy of it (see
        # ``_reset``), for the templates whose copies can be reset (they note schema changes)
        self.resettable: dict[str, tuple[str, str]] = {}
        # template -> copies reset to the template's state, ready for the next test
        self.spare: dict[str, list[str]] = {}
        # template -> copies being reset in the background, oldest first, with their resets
        self.resetting: dict[str, list[tuple[str, Future[bool]]]] = {}

    def execute(self, sql: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(sql))

    def _engine(self, name: str) -> Engine:
        return create_engine(_postgres_url(name), poolclass=NullPool)

    def learn(self, template: str) -> None:
        """Make ``template``'s copies resettable by emptying every table, if they can be: its
        tables are empty and we are a superuser (for the event trigger and the reset's
        replica mode). From here on the template and its copies note any schema change."""
        engine = self._engine(template)
        try:
            with engine.begin() as connection:
                tables = [name for name in connection.scalars(text(_TABLES))
                          if name != "alembic_version"]
                empty = all(connection.scalar(text(f'SELECT NOT EXISTS (SELECT FROM "{name}")'))
                            for name in tables)
                superuser = connection.scalar(text("SELECT current_setting('is_superuser')"))
                if empty and superuser == "on":
                    connection.exec_driver_sql(_NOTE_SCHEMA_CHANGES)
                    revision = str(connection.scalar(
                        text("SELECT version_num FROM alembic_version")))
                    self.resettable[template] = (revision, "; ".join(
                        ["SET LOCAL session_replication_role = replica",
                         *(f'DELETE FROM "{name}"' for name in tables),
                         # A driver's statement: its % signs are the driver's placeholders.
                         _RESTART_SEQUENCES.replace("%", "%%")]))
        finally:
            engine.dispose()

    def create(self, template: str | None = None) -> str:
        """A new database (empty), or a copy of ``template``: a reset one if there is one.

        A copy is reset in the background while the next test runs on another (session 28:
        the reset was a third of a PostgreSQL test's own time), so a worker keeps two or
        three copies of a template: one in use, one or two being reset or ready."""
        spare = self.spare.get(template or "")
        if spare:
            return spare.pop()
        resetting = self.resetting.get(template or "", [])
        while len(resetting) > 1 or (resetting and resetting[0][1].done()):
            name, reset = resetting.pop(0)
            if reset.result():
                return name
            self.drop(name)
        name = f"pledgebot_test_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template is not None else ""
        self.execute(f'CREATE DATABASE "{name}"{copy}')
        self.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
        return name

    def _reset(self, name: str, template: str) -> bool:
        """Empty the copy ``name`` of a template; False if it is no longer like the template."""
        engine = self._engine(name)
        try:
            with engine.begin() as connection:
                # Any connection the test left open is ended from this one (an admin
                # connection of its own cost as much again as the rest: session 28).
                connection.execute(text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"))
                connection.execute(text("SET LOCAL lock_timeout = '5s'"))
                if connection.scalar(text(_SCHEMA_CHANGED),
                                     {"revision": self.resettable[template][0]}):
                    return False
                # The schema is the template's, so its tables are: every row deleted and every
                # sequence restarted in one round trip (one statement per table took twice as
                # long). Rows go in any order: foreign-key triggers do not fire in this mode.
                connection.exec_driver_sql(self.resettable[template][1])
            return True
        except SQLAlchemyError:
            return False
        finally:
            engine.dispose()

    def release(self, name: str, template: str | None) -> None:
        """A test is done with ``name``: reset it for the next test, or drop it."""
        if template is not None and template in self.resettable:
            self.resetting.setdefault(template, []).append(
                (name, self.pool.submit(self._reset, name, template)))
        else:
            self.drop(name)

    def drop(self, name: str) -> None:
        """Drop the database in the background."""
        self.drops.append(
            self.pool.submit(self.execute, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def forget(self, template: str) -> None:
        """Drop the spare copies of ``template``, so that it can be dropped itself."""
        for name, reset in self.resetting.pop(template, ()):
            reset.result()
            self.spare.setdefault(template, []).append(name)
        for name in self.spare.pop(template, ()):
            self.drop(name)
        self.resettable.pop(template, None)
        self.wait()

    def wait(self) -> None:
        """Wait for every drop so far; raise the first failure."""
        drops, self.drops = self.drops, []
        for future in drops:
            future.result()

    def close(self) -> None:
        for template in {*self.spare, *self.resetting}:
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
        postgres_databases.learn(name)
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
    template_name = str(template) if template is not None else None
    name = databases.create(template_name)
    url = _postgres_url(name)
    if template is not None:
        _MIGRATED.add(url)
    try:
        yield url
    finally:
        _MIGRATED.discard(url)
        databases.release(name, template_name)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_databases: PostgresDatabases | None
) -> Iterator[str]:
    """A database, once on SQLite and once on PostgreSQL.

    It is empty, unless the test also uses ``engine`` (directly or through ``factory``): then
    it is the migrated database that ``engine`` is connected to, made from the template.
    """
    kind = request.param
    if kind == FIRST_ON_POSTGRESQL:  # a dialog table's case (see ``pytest_generate_tests``)
        kind = "postgresql" if request.node.nodeid in _FIRST_CASES else "sqlite"
    request.node.user_properties.append(("database", kind))
    template = None
    if "engine" in request.fixturenames:
        template = request.getfixturevalue(TEMPLATE_FIXTURES[kind])
    yield from fresh_database_url(kind, tmp_path, postgres_databases, template)


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


@pytest.fixture(scope="session")
def answerer() -> Answerer:
    """The packaged knowledge base's answerer, built once (indexing takes a moment)."""
    return Answerer(KnowledgeBase([PACKAGED]))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An empty SQLite database file."""
    return f"sqlite:///{tmp_path / 'sqlite-only.db'}"


@pytest.fixture
def clock() -> Clock:
    """A clock at FIXED_NOW that the test moves by hand."""
    return Clock()


# Conversation and channel tests are about what a person sees, not about the database under it:
# each of them runs on ONE of the two databases (the files marked ``one_database_each``), chosen
# by its name, so that about half run on SQLite and half on PostgreSQL and every kind of dialog
# still meets both. The data layer's own tests (stores, sweeps, imports, the outbox, migrations,
# ``serve``) run every test on both. Session 31: the suite was over its 4 minutes on this machine,
# and running every dialog twice was a third of its time for no second thing learned.
# A table of cases (a parametrised dialog test: 76 venting lines, 40 retractions) runs its FIRST
# case on PostgreSQL and every other case on SQLite (its id says "pg-first"; a failure's report
# names the database): each table meets both databases, where before all of its cases went to the
# one its name picked. Session 42: the session's tables put 1,732 dialogs on PostgreSQL, whose
# copy and reset cost a dialog about 40 ms more than SQLite's; with the rule, 864.
FIRST_ON_POSTGRESQL = "first-case-on-postgresql"
_FIRST_CASES: set[str] = set()  # the node ids of the tables' first cases (this run's collection)


def _a_table(metafunc: pytest.Metafunc) -> bool:
    """Whether the test is parametrised into more than one case (a generator of values, whose
    length is not known without using it up, counts as more than one)."""
    for marker in metafunc.definition.iter_markers("parametrize"):
        values = marker.args[1] if len(marker.args) > 1 else marker.kwargs.get("argvalues", ())
        if not hasattr(values, "__len__") or len(values) > 1:
            return True
    return False


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if ("database_url" not in metafunc.fixturenames
            or metafunc.definition.get_closest_marker("one_database_each") is None):
        return
    for marker in metafunc.definition.iter_markers("parametrize"):
        names = marker.args[0] if marker.args else marker.kwargs.get("argnames", "")
        if "database_url" in (names.replace(" ", "").split(",") if isinstance(names, str)
                              else names):
            return  # the test chose its database itself
    # As a mark, read by pytest's own parametrizing (which then leaves the fixture's two
    # params alone), not a parametrize call of ours that would clash with theirs.
    if _a_table(metafunc):
        metafunc.definition.add_marker(pytest.mark.parametrize(
            "database_url", [FIRST_ON_POSTGRESQL], indirect=True, ids=["pg-first"]))
        return
    metafunc.definition.add_marker(pytest.mark.parametrize(
        "database_url", [one_database_for(metafunc.definition.nodeid)], indirect=True))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failed test's report names the database it ran on (a table's case's id does not)."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.failed:
        for name, value in item.user_properties:
            if name == "database":
                report.sections.append(("database", str(value)))


def one_database_for(nodeid: str) -> str:
    """The database a ``one_database_each`` test runs on: the same every run."""
    name = nodeid.split("[", 1)[0]
    return ("sqlite", "postgresql")[zlib.crc32(name.encode()) % 2]


# The workers (pytest-xdist) take tests in their order: a file of long tests taken last keeps
# the run waiting on one worker while the others are idle. The files whose tests start servers
# and processes, or read whole question sets, go first; every other test keeps its place.
_LONG_FIRST = (
    "tests/bot/test_serve.py",
    "tests/bot/channels/test_telegram_serve.py",
    "tests/bot/channels/slack/test_serve_slack.py",
    "tests/bot/channels/email/test_email_servers.py",
    "tests/bot/channels/test_console.py",
    "tests/handlers/ask/test_meaning_chat.py",
    "tests/knowledge/test_concern.py",
    "tests/knowledge/test_safeguarding.py",
    "tests/bot/test_cli.py",
    "tests/knowledge/test_cache.py",
    "tests/knowledge/test_topics.py",
    "tests/bot/test_migrations.py",
    "tests/knowledge/test_search.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    tables: set[str] = set()
    for item in items:  # in collection order: each table's first case
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("database_url") == FIRST_ON_POSTGRESQL:
            table = item.nodeid.split("[", 1)[0]
            if table not in tables:
                tables.add(table)
                _FIRST_CASES.add(item.nodeid)
    rank = {path: place for place, path in enumerate(_LONG_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(_LONG_FIRST)))
