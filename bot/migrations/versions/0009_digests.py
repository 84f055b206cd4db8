"""Weekly digests: one row per (person, ISO week), and who turned their digest off.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``digest`` and ``digest_opt_out``."""
    op.create_table(
        "digest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("iso_week", sa.String(length=8), nullable=False),
        sa.Column(
            "status",
            sa.Enum("pending", "claimed", "sent", "empty", name="digest_status",
                    native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("claimed_at", bot.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("claim_token", sa.String(length=64), nullable=True),
        sa.Column("sent_at", bot.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_digest_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest")),
        sa.UniqueConstraint("person_id", "iso_week", name="uq_digest_person_week"),
    )
    op.create_index("ix_digest_due", "digest", ["status", "id"], unique=False)
    op.create_table(
        "digest_opt_out",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_digest_opt_out_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_opt_out")),
        sa.UniqueConstraint("person_id", name=op.f("uq_digest_opt_out_person_id")),
    )


def downgrade() -> None:
    """Drop ``digest_opt_out`` and ``digest``."""
    op.drop_table("digest_opt_out")
    op.drop_index("ix_digest_due", table_name="digest")
    op.drop_table("digest")
