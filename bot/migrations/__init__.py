"""Alembic migrations for pledgebot's tables, applied by ``pledgebot db upgrade`` and at start.

Every start (``serve``, ``run``, most commands) upgrades the database to head, and ``/readyz``
asks whether it is there; almost always it already is. Importing Alembic (with Mako, and
Pygments when installed) and running its environment to find that out took about a tenth of a
second of ``serve``'s start-up, so the question "is the database at head?" is answered without
Alembic: the head from the revision files' own ``revision`` / ``down_revision`` lines (Alembic's
``ScriptDirectory`` when they are not plain strings), the database's revision from its
``alembic_version`` table. Only a database that is not at head, or an upgrade to another
revision, goes through Alembic, as before: on PostgreSQL under its advisory lock, so that of
several processes starting at once one migrates and the others find it done.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).resolve().parent
VERSION_TABLE = "alembic_version"  # Alembic's default; env.py does not change it
_REVISION = re.compile(r"^revision\s*(?::[^=\n]*)?=\s*(['\"])([^'\"\n]+)\1\s*$", re.MULTILINE)
_DOWN_REVISION = re.compile(
    r"^down_revision\s*(?::[^=\n]*)?=\s*(?:None|(['\"])([^'\"\n]+)\1)\s*$", re.MULTILINE)


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration that runs on the given engine (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema up to ``revision`` (nothing to do when it is at head)."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` ("base" empties it)."""
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None when it has never been migrated."""
    with engine.connect() as connection:
        return stamped_revision(connection)


def stamped_revision(connection: Connection) -> str | None:
    """The revision in the ``alembic_version`` table (as Alembic's ``MigrationContext``
    reads it): None with no table or no row; more than one row is an error (one line of
    migrations has one head)."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise RuntimeError(f"{VERSION_TABLE} holds more than one revision: {sorted(rows)}")
    return str(rows[0]) if rows else None


@cache
def head_revision() -> str:
    """The newest revision shipped with this code (read once: the files ship with it)."""
    return _head_from_files() or _head_from_alembic()


def _head_from_files() -> str | None:
    """The one revision no other revises, read from the files; None when the files say
    anything a plain line of string revisions does not (Alembic then decides)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in sorted((HERE / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        revision = _REVISION.findall(source)
        down = _DOWN_REVISION.findall(source)
        if len(revision) != 1 or len(down) != 1:
            return None
        revisions.add(revision[0][1])
        if down[0][1]:
            revised.add(down[0][1])
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 and revised <= revisions else None


def _head_from_alembic() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(HERE)).get_current_head()
    assert head is not None  # noqa: S101 - the package always ships migrations
    return head
