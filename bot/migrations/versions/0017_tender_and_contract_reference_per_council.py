"""Tender and contract references are unique within their council; a contract may end.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06

As 0016 did for placements: a tender's or a contract's reference is issued by its council, so
the unique constraints on ``reference`` alone (``uq_tender_reference``,
``uq_contract_reference``), which refused a second council its own T-1 and told it that another
organisation had one, become ones on ``(council_id, reference)``
(``uq_tender_council_reference``, ``uq_contract_council_reference``). References are stored
upper-case (the models upper-case them); one stored otherwise before is upper-cased here, once
the old constraint is gone.

One council's "t-1" beside its own "T-1" (the old, case-sensitive constraint allowed both)
refuses the upgrade before anything is changed, naming the council and both rows: every
look-up reads a reference in any case, so neither could be named apart. Which is to have
another reference is an operator's call, not the migration's.

A contract gets an optional end date, ``ends_on``: a contract without one, or ending today or
later, is current work; one that has ended is not.

Downgrading refuses, saying why, once two councils share a tender or a contract reference (and
drops the end dates).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.errors import MigrationRefused

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_TABLES = ("tender", "contract")
_organisation = sa.table("organisation", sa.column("id", sa.Integer),
                         sa.column("name", sa.String))


def _table(name: str) -> sa.TableClause:
    return sa.table(name, sa.column("id", sa.Integer), sa.column("council_id", sa.Integer),
                    sa.column("reference", sa.String))


def _in_two_cases(name: str) -> list[str]:
    """Each of the table's councils with one reference in two cases, and the rows, in words."""
    table = _table(name)
    upper = sa.func.upper(table.c.reference)
    clashes = (sa.select(table.c.council_id, upper.label("key"))
               .group_by(table.c.council_id, upper)
               .having(sa.func.count(table.c.id) > 1).subquery())
    rows = op.get_bind().execute(
        sa.select(_organisation.c.name, table.c.id, table.c.reference)
        .join(clashes, (clashes.c.council_id == table.c.council_id) & (clashes.c.key == upper))
        .join(_organisation, _organisation.c.id == table.c.council_id)).all()
    pairs: dict[tuple[str, str], list[str]] = {}
    for council, row_id, reference in sorted(  # not by a collation: the same everywhere
            rows, key=lambda row: (row[0], row[2].upper(), row[2])):
        pairs.setdefault((council, reference.upper()), []).append(f"{reference} (id {row_id})")
    return [f"{council} has {name}s {' and '.join(named)}"
            for (council, _key), named in pairs.items()]


def _refuse_references_in_two_cases() -> None:
    """Refuse, changing nothing, while a council has a tender or contract reference in two
    cases."""
    named = [clash for name in _TABLES for clash in _in_two_cases(name)]
    if not named:
        return
    more = f" and {len(named) - 5} more" if len(named) > 5 else ""
    raise MigrationRefused(
        "cannot upgrade to 0017: a tender or contract reference is to be unique within its "
        f"council in any case, but {'; '.join(named[:5])}{more}. Give one of each another "
        "reference (or delete a duplicate) and upgrade again; nothing was changed")


def upgrade() -> None:
    """Unique per council, upper-case, and a contract's ``ends_on``.

    In this order: refuse a council's reference in two cases; drop the old constraints (a
    case-sensitive one across every council, which an upper-cased "t-1" would break where
    another council has "T-1"); upper-case; then the new constraints. Two batches per table on
    SQLite, which rebuilds the table at the end of each.
    """
    _refuse_references_in_two_cases()
    for name in _TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_constraint(f"uq_{name}_reference", type_="unique")
        table = _table(name)
        op.get_bind().execute(
            sa.update(table).where(table.c.reference != sa.func.upper(table.c.reference))
            .values(reference=sa.func.upper(table.c.reference)))
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.create_unique_constraint(f"uq_{name}_council_reference",
                                              ["council_id", "reference"])
            if name == "contract":
                batch_op.add_column(sa.Column("ends_on", sa.Date(), nullable=True))


def downgrade() -> None:
    """Unique across every council again, without end dates; refused while two councils
    share a tender or a contract reference."""
    bind = op.get_bind()
    shared = []
    for name in _TABLES:
        table = _table(name)
        shared += [f"{name} {reference}" for reference in bind.execute(
            sa.select(table.c.reference).group_by(table.c.reference)
            .having(sa.func.count(table.c.id) > 1)
            .order_by(table.c.reference).limit(5)).scalars()]
    if shared:
        raise MigrationRefused(
            "cannot downgrade below 0017: more than one council has a "
            f"{', '.join(shared)}; a reference was unique across every council before. "
            "Nothing was changed")
    for name in _TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            if name == "contract":
                batch_op.drop_column("ends_on")
            batch_op.drop_constraint(f"uq_{name}_council_reference", type_="unique")
            batch_op.create_unique_constraint(f"uq_{name}_reference", ["reference"])
