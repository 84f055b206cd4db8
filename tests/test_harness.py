"""The test harness's own promise: every PostgreSQL test starts from the migrated template.

A copy of the template is emptied and handed to the next test (``tests/conftest.py``,
``PostgresDatabases``) only while no schema change was made in it; these check that a copy
whose schema a test changed, or whose revision it moved, is dropped instead, and that an
ordinary copy is emptied.
"""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests.conftest import IN_CI, PostgresDatabases, _postgres_url


def _need_postgres(databases: PostgresDatabases | None,
                   template: str | None) -> tuple[PostgresDatabases, str]:
    if databases is None or template is None:
        if IN_CI:
            pytest.fail("PostgreSQL is not reachable (CI must test it)")
        pytest.skip("PostgreSQL is not reachable")
    return databases, template


def _run(name: str, *statements: str) -> None:
    engine = create_engine(_postgres_url(name), poolclass=NullPool)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


@pytest.mark.parametrize(("change", "reused"), [
    # rows only: emptied and reused
    ("INSERT INTO organisation (name, kind, created_at) "
     "VALUES ('Northshire', 'council', now())", True),
    ("ALTER TABLE organisation ADD COLUMN extra integer", False),
    ("UPDATE alembic_version SET version_num = '0001'", False),
    # a change made in replica mode, or after the noting trigger was disabled or dropped
    ("SET LOCAL session_replication_role = replica; "
     "ALTER TABLE organisation ADD COLUMN extra integer", False),
    ("ALTER EVENT TRIGGER pledgebot_test_ddl DISABLE", False),
    ("DROP EVENT TRIGGER pledgebot_test_ddl", False),
])
def test_a_copy_is_reset_for_the_next_test_only_while_its_schema_is_the_templates(
        postgres_databases: PostgresDatabases | None, postgres_template: str | None,
        change: str, reused: bool) -> None:
    databases, template = _need_postgres(postgres_databases, postgres_template)
    name = databases.create(template)
    _run(name, change)
    databases.release(name, template)
    _, reset = databases.resetting[template][-1]
    assert reset.result() is reused
    if reused:
        engine = create_engine(_postgres_url(name), poolclass=NullPool)
        try:
            with engine.connect() as connection:
                assert connection.scalar(text("SELECT count(*) FROM organisation")) == 0
        finally:
            engine.dispose()


def test_a_schema_change_rolled_back_leaves_the_copy_reusable(
        postgres_databases: PostgresDatabases | None, postgres_template: str | None) -> None:
    databases, template = _need_postgres(postgres_databases, postgres_template)
    name = databases.create(template)
    engine = create_engine(_postgres_url(name), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            transaction = connection.begin()
            connection.execute(text("ALTER TABLE organisation ADD COLUMN extra integer"))
            transaction.rollback()
    finally:
        engine.dispose()
    databases.release(name, template)
    _, reset = databases.resetting[template][-1]
    assert reset.result() is True


def test_a_schema_change_by_another_role_is_made_and_noted(
        postgres_databases: PostgresDatabases | None, postgres_template: str | None) -> None:
    databases, template = _need_postgres(postgres_databases, postgres_template)
    name = databases.create(template)
    role = f"harness_{name[-12:]}"
    _run(name, f'CREATE ROLE "{role}"', f'GRANT CREATE, USAGE ON SCHEMA public TO "{role}"')
    try:
        _run(name, f'SET ROLE "{role}"', "CREATE TABLE public.mine (x integer)")
        databases.release(name, template)
        _, reset = databases.resetting[template][-1]
        assert reset.result() is False
    finally:
        _run(name, f'DROP OWNED BY "{role}"')  # its table and its rights, in that copy
        _run(name, f'DROP ROLE "{role}"')
