"""A placement's reference is unique within its council, not across every council.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06

A reference is issued by a council: one council's RC-104 and another's are two people. The
unique constraint on ``placement.reference`` alone (``uq_placement_reference``) refused a
second council its own RC-104 and told it that another organisation had one; it becomes one on
``(council_id, reference)`` (``uq_placement_council_reference``). References are stored
upper-case (the model upper-cases them), so the new constraint holds in any case; a reference
stored otherwise before is upper-cased here, once the old constraint is gone (it was
case-sensitive: Northshire's "rc-105" beside Southshire's "RC-105" become two RC-105s).

One council's "rc-300" beside its own "RC-300" (which the old constraint allowed too) refuses
the upgrade before anything is changed, naming the council and both placements: every look-up
reads a reference in any case, so neither could be named apart, and which one is to have
another reference (or is a duplicate to remove) is an operator's call, not the migration's.
Downgrading refuses, saying why, once two councils share a reference.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.errors import MigrationRefused

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_placement = sa.table("placement", sa.column("id", sa.Integer),
                      sa.column("council_id", sa.Integer), sa.column("reference", sa.String))
_organisation = sa.table("organisation", sa.column("id", sa.Integer),
                         sa.column("name", sa.String))


def _refuse_references_in_two_cases() -> None:
    """Refuse, changing nothing, while a council has one reference in two cases."""
    bind = op.get_bind()
    upper = sa.func.upper(_placement.c.reference)
    clashes = (sa.select(_placement.c.council_id, upper.label("key"))
               .group_by(_placement.c.council_id, upper)
               .having(sa.func.count(_placement.c.id) > 1).subquery())
    rows = bind.execute(
        sa.select(_organisation.c.name, _placement.c.id, _placement.c.reference)
        .join(clashes, (clashes.c.council_id == _placement.c.council_id)
              & (clashes.c.key == upper))
        .join(_organisation, _organisation.c.id == _placement.c.council_id)).all()
    if not rows:
        return
    pairs: dict[tuple[str, str], list[str]] = {}
    for council, placement_id, reference in sorted(  # not by a collation: the same everywhere
            rows, key=lambda row: (row[0], row[2].upper(), row[2])):
        pairs.setdefault((council, reference.upper()), []).append(
            f"{reference} (id {placement_id})")
    named = [f"{council} has placements {' and '.join(placements)}"
             for (council, _key), placements in list(pairs.items())[:5]]
    more = f" and {len(pairs) - 5} more" if len(pairs) > 5 else ""
    raise MigrationRefused(
        "cannot upgrade to 0016: a placement reference is to be unique within its council in "
        f"any case, but {'; '.join(named)}{more}. Give one of each another reference (or "
        "delete a duplicate) and upgrade again; nothing was changed")


def _upper_case_references() -> None:
    """Upper-case each reference stored otherwise (after the check, none can clash)."""
    op.get_bind().execute(
        sa.update(_placement)
        .where(_placement.c.reference != sa.func.upper(_placement.c.reference))
        .values(reference=sa.func.upper(_placement.c.reference)))


def upgrade() -> None:
    """Unique per council: ``(council_id, reference)`` instead of ``reference``.

    In this order: refuse a council's reference in two cases; drop the old constraint (a
    case-sensitive one across every council, which an upper-cased "rc-105" would break where
    another council has "RC-105"); upper-case; then the new constraint. Two batches on SQLite,
    which rebuilds the table at the end of each.
    """
    _refuse_references_in_two_cases()
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_constraint("uq_placement_reference", type_="unique")
    _upper_case_references()
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_placement_council_reference",
                                          ["council_id", "reference"])


def downgrade() -> None:
    """Unique across every council again; refused while two councils share a reference."""
    bind = op.get_bind()
    shared = bind.execute(sa.select(_placement.c.reference)
                          .group_by(_placement.c.reference)
                          .having(sa.func.count(_placement.c.id) > 1)
                          .order_by(_placement.c.reference).limit(5)).scalars().all()
    if shared:
        raise MigrationRefused(
            "cannot downgrade below 0016: more than one council has a placement "
            f"{', '.join(shared)}; a reference was unique across every council before")
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_constraint("uq_placement_council_reference", type_="unique")
        batch_op.create_unique_constraint("uq_placement_reference", ["reference"])
