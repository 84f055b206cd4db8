"""The engine and session factory (created and disposed by the app, passed to everything
else), and the few bulk-SQL helpers every table shares."""

from __future__ import annotations

import enum
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    ColumnElement,
    CursorResult,
    Engine,
    Integer,
    SQLColumnExpression,
    Table,
    any_,
    bindparam,
    create_engine,
    event,
    text,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.expression import UpdateBase
from sqlalchemy.types import DateTime, TypeDecorator

from bot.errors import StoreUnavailable

SQLITE_BUSY_TIMEOUT_MS = 30_000


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC that always comes back timezone-aware.

    SQLite keeps ``DateTime(timezone=True)`` values naive, so we convert on the way in and out;
    a naive datetime on the way in is a bug, and we refuse it.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Refuse naive datetimes; store UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Return aware UTC datetimes."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def id_in(session: Session, column: SQLColumnExpression[int], ids: Iterable[int]
          ) -> ColumnElement[bool]:
    """``column IN (ids)``; on PostgreSQL as ``= ANY(array)``, one parameter for all the ids.

    psycopg parses every statement's placeholders in Python and caches only small statements,
    so an IN list of thousands of ids costs milliseconds on the client before it is even sent.
    """
    values = list(ids)
    if session.get_bind().dialect.name == "postgresql":
        # Here, not at the top: a bot on SQLite never loads the PostgreSQL dialect (0.04 s).
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == any_(bindparam(None, values, type_=ARRAY(Integer)))
    return column.in_(values)


def id_in_parameter(dialect: str, column: SQLColumnExpression[int], name: str
                    ) -> ColumnElement[bool]:
    """``column IN (ids)`` as ``id_in`` writes it on the database named ``dialect``, with the
    ids a parameter ``name`` bound when the statement runs (a list), so a statement built once
    serves every call."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == any_(bindparam(name, type_=ARRAY(Integer)))
    return column.in_(bindparam(name, expanding=True))


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def safe_url(url: str) -> str:
    """The database URL with any password hidden, fit for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable URL>"


def make_engine(url: str, *, pool_size: int = 5) -> Engine:
    """Create the engine for a SQLite file or a PostgreSQL server."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise StoreUnavailable(f"the database URL cannot be parsed: {error}") from None
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # pysqlite's own BEGIN handling defers locks and breaks RETURNING claims under
            # concurrency; we issue BEGIN IMMEDIATE ourselves (below) so writers queue cleanly.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(
        url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True, future=True
    )


def check_connection(engine: Engine) -> None:
    """Open one connection, or raise StoreUnavailable with a one-line reason."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (OperationalError, DBAPIError) as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise StoreUnavailable(
            f"cannot reach the database at {safe_url(str(engine.url))}: {reason}"
        ) from None


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """The session factory everything else receives."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with factory() as session, session.begin():
        yield session


def execute_dml(session: Session, statement: UpdateBase) -> CursorResult[Any]:
    """``session.execute`` for an UPDATE or DELETE without RETURNING, whose ``rowcount`` tells
    how many rows it touched.

    SQLAlchemy returns a ``CursorResult`` for such a statement, but ``Session.execute`` is typed
    as returning the general ``Result``, which has no ``rowcount``.
    """
    return cast(CursorResult[Any], session.execute(statement))


def dialect_insert(session: Session) -> Any:
    """This database's ``insert`` (the dialect's, which has ``on_conflict_do_nothing``).

    PostgreSQL's is imported only on PostgreSQL: a bot on SQLite never loads that dialect.
    """
    return insert_for(session.get_bind().dialect.name)


def insert_for(dialect: str) -> Any:
    """The ``insert`` of the database named ``dialect`` ("sqlite" or "postgresql")."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgres_insert

        return postgres_insert
    return sqlite_insert


def dialect_of(session: Session) -> str:
    """The name of the database ``session`` talks to: "sqlite" or "postgresql"."""
    return session.get_bind().dialect.name


def insert_ignoring_duplicates(session: Session, table: Table, rows: Sequence[dict[str, Any]],
                               *, key: str) -> int:
    """``INSERT ... ON CONFLICT (key) DO NOTHING`` for many rows; returns how many were new.

    One Core statement executed with a list of parameter sets: SQLAlchemy's "insertmanyvalues"
    batches it into multi-row VALUES with one cached compiled statement, which costs far less
    per row than compiling a fresh ``.values([...])`` statement with thousands of parameters.
    """
    if not rows:
        return 0
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        return _insert_json_rows(session, table, rows, key=key)
    return len(session.connection().execute(_sqlite_insert_ignoring(table, key),
                                            list(rows)).all())


@functools.cache
def _sqlite_insert_ignoring(table: Table, key: str) -> Any:
    """SQLite's ``INSERT ... ON CONFLICT (key) DO NOTHING RETURNING id`` into ``table``, built
    once: a statement object carries its cache key, so running it again costs no hashing."""
    return (sqlite_insert(table).on_conflict_do_nothing(index_elements=[key])
            .returning(table.c.id))


def _insert_json_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]], *,
                   key: str) -> int:
    """PostgreSQL: the rows as one JSON document, ``INSERT ... SELECT FROM json_to_recordset``.

    One parameter whatever the number of rows: psycopg neither parses thousands of
    placeholders nor quotes thousands of array elements in Python, and the server reads the
    JSON in C. ``ORDER BY`` the key inserts in key order, which keeps two sweepers writing
    overlapping keys from deadlocking.
    """
    dialect = session.get_bind().dialect
    names = list(rows[0])
    definitions: list[str] = []
    processors: list[Callable[[Any], Any] | None] = []
    for name in names:
        column_type = table.c[name].type
        if isinstance(column_type, JSON):
            definitions.append(f'"{name}" json')
            processors.append(None)  # the object goes into the document as it is
            continue
        definitions.append(f'"{name}" {column_type.compile(dialect=dialect)}')
        processors.append(column_type.dialect_impl(dialect).bind_processor(dialect))
    records = [{name: (process(row[name]) if process is not None else row[name])
                for name, process in zip(names, processors, strict=True)} for row in rows]
    columns = ", ".join(f'"{name}"' for name in names)
    # Only the table's own column names and types go into the text; the rows are a parameter.
    sql = (
        f'INSERT INTO "{table.name}" ({columns}) SELECT {columns} '  # noqa: S608 - see above
        f"FROM json_to_recordset(CAST(:rows AS json)) AS r({', '.join(definitions)}) "
        f'ORDER BY "{key}" ON CONFLICT ("{key}") DO NOTHING RETURNING id')
    document = json.dumps(records, default=_json_value, separators=(",", ":"))
    return len(session.execute(text(sql), {"rows": document}).all())


def _json_value(value: object) -> object:
    """Datetimes as ISO 8601 (with their offset), enums as their value, for the document."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"cannot put {type(value).__name__} in a JSON row")
