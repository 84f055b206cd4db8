"""An absence set ahead: the first day away, so /away can be set for a leave to come.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07

Session 36's trial: "/away 2026-12-18 until jan 4th, cover dana" could not be read, and the
one-date form sent new cases to the cover from the day it was typed, unsaid. ``away_from`` is
the first day away (none: from when it was set, as every absence set before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``person.away_from``."""
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("away_from", sa.Date(), nullable=True))


def downgrade() -> None:
    """Drop ``person.away_from``."""
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("away_from")
