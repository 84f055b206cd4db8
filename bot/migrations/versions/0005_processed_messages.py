"""Messages already handled, so a platform's redelivery is not handled twice.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``processed_message``."""
    op.create_table(
        "processed_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("handled_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processed_message")),
        sa.UniqueConstraint("key", name=op.f("uq_processed_message_key")),
    )
    op.create_index(op.f("ix_processed_message_handled_at"), "processed_message",
                    ["handled_at"], unique=False)


def downgrade() -> None:
    """Drop ``processed_message``."""
    op.drop_index(op.f("ix_processed_message_handled_at"), table_name="processed_message")
    op.drop_table("processed_message")
