"""question.answer_wanted: the asker wants to be told when someone teaches the answer.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``answer_wanted`` (false for every question asked so far)."""
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("answer_wanted", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.alter_column("answer_wanted", server_default=None)


def downgrade() -> None:
    """Drop ``answer_wanted``."""
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_column("answer_wanted")
