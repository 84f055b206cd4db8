"""The buttons last shown to a person on a channel, so a label typed there presses one.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07

The console presses a button shown with the last reply when its label is typed; Slack and
Telegram told the person "That button isn't on offer now" (session 33's brief). The Router now
keeps the buttons of the last replies per person and channel.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``offered_buttons``."""
    op.create_table(
        "offered_buttons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.Enum("console", "slack", "telegram", "email",
                                     name="channel_name", native_enum=False, length=20),
                  nullable=False),
        sa.Column("buttons", sa.JSON(), nullable=False),
        sa.Column("offered_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_offered_buttons_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offered_buttons")),
        sa.UniqueConstraint("person_id", "channel", name=op.f("uq_offered_buttons_person_id")),
    )


def downgrade() -> None:
    """Drop ``offered_buttons``."""
    op.drop_table("offered_buttons")
