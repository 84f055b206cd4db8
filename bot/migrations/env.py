"""Alembic environment: runs migrations on the engine handed over in ``config.attributes``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from bot.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Run the migrations in one transaction on the given engine."""
    engine = config.attributes.get("engine")
    if engine is None:  # the alembic command line, for writing new revisions
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///alembic.db")
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
