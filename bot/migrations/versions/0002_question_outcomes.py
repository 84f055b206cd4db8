"""Questions record what the bot did with them and whether the answer helped.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the outcome columns to ``question``."""
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mode", sa.String(length=16), nullable=False, server_default="abstain")
        )
        batch_op.add_column(sa.Column("entry_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("score", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("helpful", sa.Boolean(), nullable=True))
        batch_op.add_column(
            sa.Column("handed_over_at", bot.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_question_entry_id"), ["entry_id"], unique=False)
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.alter_column("mode", server_default=None)


def downgrade() -> None:
    """Drop the outcome columns."""
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_entry_id"))
        batch_op.drop_column("handed_over_at")
        batch_op.drop_column("helpful")
        batch_op.drop_column("score")
        batch_op.drop_column("entry_id")
        batch_op.drop_column("mode")
