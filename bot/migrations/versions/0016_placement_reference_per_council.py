"""A placement's reference is unique within its council, not across every council.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06

A reference is issued by a council: one council's RC-104 and another's are two people. The
unique constraint on ``placement.reference`` alone (``uq_placement_reference``) refused a
second council its own RC-104 and told it that another organisation had one; it becomes one on
``(council_id, reference)`` (``uq_placement_council_reference``). References are stored
upper-case (the model upper-cases them), so the new constraint holds in any case; a reference
stored otherwise before is upper-cased here, unless its council has that upper-case one too (the
old constraint allowed "rc-104" beside "RC-104"), when it is left as it is.

Upgrading cannot fail on existing data: references unique across every council are unique
within each. Downgrading refuses, saying why, once two councils share a reference.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_placement = sa.table("placement", sa.column("id", sa.Integer),
                      sa.column("council_id", sa.Integer), sa.column("reference", sa.String))


def _upper_case_references() -> None:
    """Upper-case each reference stored otherwise that its council has not upper-case too."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(_placement.c.id, _placement.c.council_id,
                                  _placement.c.reference)
                        .where(_placement.c.reference != sa.func.upper(_placement.c.reference))
                        .order_by(_placement.c.id)).all()
    for placement_id, council_id, reference in rows:
        taken = bind.execute(sa.select(_placement.c.id).where(
            _placement.c.council_id == council_id,
            _placement.c.reference == reference.upper())).first()
        if taken is None:
            bind.execute(sa.update(_placement).where(_placement.c.id == placement_id)
                         .values(reference=reference.upper()))


def upgrade() -> None:
    """Unique per council: ``(council_id, reference)`` instead of ``reference``."""
    _upper_case_references()
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_constraint("uq_placement_reference", type_="unique")
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
        raise RuntimeError(
            "cannot downgrade below 0016: more than one council has a placement "
            f"{', '.join(shared)}; a reference was unique across every council before")
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_constraint("uq_placement_council_reference", type_="unique")
        batch_op.create_unique_constraint("uq_placement_reference", ["reference"])
