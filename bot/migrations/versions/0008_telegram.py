"""Telegram: the long-polling offset, long button data, and /link codes.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``telegram_state``, ``telegram_callback`` and ``telegram_link``."""
    op.create_table(
        "telegram_state",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_telegram_state")),
    )
    op.create_table(
        "telegram_callback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=200), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_telegram_callback")),
        sa.UniqueConstraint("key", name=op.f("uq_telegram_callback_key")),
    )
    op.create_index(op.f("ix_telegram_callback_created_at"), "telegram_callback",
                    ["created_at"], unique=False)
    op.create_table(
        "telegram_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("code_hash", sa.String(length=64), nullable=True),
        sa.Column("expires_at", bot.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", bot.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("updated_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_telegram_link_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_telegram_link")),
        sa.UniqueConstraint("telegram_id", name=op.f("uq_telegram_link_telegram_id")),
    )


def downgrade() -> None:
    """Drop the Telegram tables."""
    op.drop_table("telegram_link")
    op.drop_index(op.f("ix_telegram_callback_created_at"), table_name="telegram_callback")
    op.drop_table("telegram_callback")
    op.drop_table("telegram_state")
