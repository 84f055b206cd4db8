"""Surveys: the running surveys, who was invited, named and anonymous responses (apart), used
one-time links, approved comments, "You said, we did" entries, and providers' service types.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

UTC = bot.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    """Create the survey tables."""
    op.create_table(
        "survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("template", sa.String(length=64), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("audience", sa.String(length=120), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=True),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("max_chasers", sa.Integer(), nullable=False),
        sa.Column("chase_every_days", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["council_id"], ["organisation.id"],
                                name=op.f("fk_survey_council_id_organisation")),
        sa.ForeignKeyConstraint(["tender_id"], ["tender.id"],
                                name=op.f("fk_survey_tender_id_tender")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey")),
        sa.UniqueConstraint("key", name=op.f("uq_survey_key")),
    )
    op.create_index(op.f("ix_survey_council_id"), "survey", ["council_id"], unique=False)
    op.create_table(
        "survey_invitee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("responded", sa.Boolean(), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("next_send_at", UTC, nullable=True),
        sa.Column("stopped", sa.Boolean(), nullable=False),
        sa.Column("claimed_at", UTC, nullable=True),
        sa.Column("claim_token", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["survey_id"], ["survey.id"],
                                name=op.f("fk_survey_invitee_survey_id_survey")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_survey_invitee_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_invitee")),
        sa.UniqueConstraint("survey_id", "person_id", name="uq_survey_invitee_survey_person"),
    )
    op.create_index(op.f("ix_survey_invitee_survey_id"), "survey_invitee", ["survey_id"])
    op.create_index(op.f("ix_survey_invitee_person_id"), "survey_invitee", ["person_id"])
    op.create_index("ix_survey_invitee_due", "survey_invitee", ["responded", "next_send_at"])
    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("submitted_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["survey_id"], ["survey.id"],
                                name=op.f("fk_survey_response_survey_id_survey")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_survey_response_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
        sa.UniqueConstraint("survey_id", "person_id", name="uq_survey_response_survey_person"),
    )
    op.create_index(op.f("ix_survey_response_survey_id"), "survey_response", ["survey_id"])
    op.create_table(
        "survey_anonymous_response",
        # INTEGER on SQLite: the random id is the rowid, so no hidden rowid counts answers.
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  autoincrement=False, nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["survey_id"], ["survey.id"],
                                name=op.f("fk_survey_anonymous_response_survey_id_survey")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_anonymous_response")),
    )
    op.create_index(op.f("ix_survey_anonymous_response_survey_id"),
                    "survey_anonymous_response", ["survey_id"])
    op.create_table(
        "survey_link_use",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("used_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_link_use")),
        sa.UniqueConstraint("nonce", name=op.f("uq_survey_link_use_nonce")),
    )
    op.create_table(
        "survey_approved_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=64), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["survey_id"], ["survey.id"],
                                name=op.f("fk_survey_approved_comment_survey_id_survey")),
        sa.ForeignKeyConstraint(["approved_by_id"], ["person.id"],
                                name=op.f("fk_survey_approved_comment_approved_by_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_approved_comment")),
        sa.UniqueConstraint("survey_id", "question", "text_hash",
                            name="uq_survey_approved_comment_text"),
    )
    op.create_index(op.f("ix_survey_approved_comment_survey_id"), "survey_approved_comment",
                    ["survey_id"])
    op.create_table(
        "survey_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["survey_id"], ["survey.id"],
                                name=op.f("fk_survey_action_survey_id_survey")),
        sa.ForeignKeyConstraint(["author_id"], ["person.id"],
                                name=op.f("fk_survey_action_author_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_action")),
    )
    op.create_index(op.f("ix_survey_action_survey_id"), "survey_action", ["survey_id"])
    op.create_table(
        "provider_service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("service_type", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"],
                                name=op.f("fk_provider_service_organisation_id_organisation")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provider_service")),
        sa.UniqueConstraint("organisation_id", "service_type",
                            name="uq_provider_service_organisation_type"),
    )
    op.create_index(op.f("ix_provider_service_service_type"), "provider_service",
                    ["service_type"])


def downgrade() -> None:
    """Drop the survey tables."""
    for table in ("provider_service", "survey_action", "survey_approved_comment",
                  "survey_link_use", "survey_anonymous_response", "survey_response",
                  "survey_invitee", "survey"):
        op.drop_table(table)
