"""Alembic environment: runs migrations on the engine handed over in ``config.attributes``.

On SQLite, foreign keys are switched off while a migration rebuilds tables (Alembic's batch
mode copies a table and drops the old one, which a foreign key would refuse), then every
foreign key is checked before the connection goes back. On PostgreSQL an advisory lock makes
several processes starting at once take turns, so only one of them migrates.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, text

from bot.models import Base

config = context.config
target_metadata = Base.metadata
MIGRATION_LOCK = 7_274_221  # any constant shared by every pledgebot process


def _driver_execute(connection: Connection, sql: str) -> None:
    """Run ``sql`` on the DBAPI connection itself, outside any SQLAlchemy transaction."""
    driver = connection.connection.driver_connection
    if driver is None:  # only a closed or invalidated connection has none
        raise RuntimeError("the migration connection is closed")
    driver.execute(sql)


def run_migrations_online() -> None:
    """Run the migrations in one transaction on the given engine."""
    engine = config.attributes.get("engine")
    if engine is None:  # the alembic command line, for writing new revisions
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///alembic.db")
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Outside any transaction (pysqlite runs in autocommit mode here), or it is ignored.
            _driver_execute(connection, "PRAGMA foreign_keys=OFF")
        try:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=sqlite,
                compare_type=True,
            )
            with context.begin_transaction():
                if connection.dialect.name == "postgresql":
                    connection.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
                context.run_migrations()
                if sqlite:
                    broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                    if broken:
                        raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
            connection.commit()
        finally:
            if sqlite:
                _driver_execute(connection, "PRAGMA foreign_keys=ON")


run_migrations_online()
