"""cases, routing and forms

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "form_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("started_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_form_session_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_session")),
        sa.UniqueConstraint("person_id", name=op.f("uq_form_session_person_id")),
    )
    op.create_table(
        "routing_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("category", sa.String(length=32), nullable=True),
        sa.Column("service_type", sa.String(length=64), nullable=True),
        sa.Column("locality", sa.String(length=64), nullable=True),
        sa.Column("commissioner_id", sa.Integer(), nullable=False),
        sa.Column("deputy_id", sa.Integer(), nullable=True),
        sa.Column("level1_id", sa.Integer(), nullable=True),
        sa.Column("level2_id", sa.Integer(), nullable=True),
        sa.Column("level3_id", sa.Integer(), nullable=True),
        sa.Column("created_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commissioner_id"], ["person.id"], name=op.f("fk_routing_rule_commissioner_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["organisation.id"],
            name=op.f("fk_routing_rule_council_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["deputy_id"], ["person.id"], name=op.f("fk_routing_rule_deputy_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["level1_id"], ["person.id"], name=op.f("fk_routing_rule_level1_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["level2_id"], ["person.id"], name=op.f("fk_routing_rule_level2_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["level3_id"], ["person.id"], name=op.f("fk_routing_rule_level3_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routing_rule")),
    )
    with op.batch_alter_table("routing_rule", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_routing_rule_council_id"), ["council_id"], unique=False
        )

    op.create_table(
        "case_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "feedback",
                "conflict",
                "question",
                "safeguarding",
                name="case_kind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "acknowledged",
                "in_progress",
                "resolution_proposed",
                "resolved",
                "withdrawn",
                name="case_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("raised_by_id", sa.Integer(), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=False),
        sa.Column("routing_rule_id", sa.Integer(), nullable=True),
        sa.Column("chain", sa.JSON(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=True),
        sa.Column("invoice_id", sa.Integer(), nullable=True),
        sa.Column("tender_id", sa.Integer(), nullable=True),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("pledges", sa.JSON(), nullable=False),
        sa.Column("service_type", sa.String(length=64), nullable=True),
        sa.Column("locality", sa.String(length=64), nullable=True),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("outcome_wanted", sa.Text(), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("proposal", sa.Text(), nullable=True),
        sa.Column("opened_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", bot.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", bot.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("acknowledge_due_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resolve_due_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("next_check_at", bot.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("claimed_at", bot.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("claim_token", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["person.id"], name=op.f("fk_case_file_assignee_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_case_file_contract_id_contract")
        ),
        sa.ForeignKeyConstraint(
            ["council_id"], ["organisation.id"], name=op.f("fk_case_file_council_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoice.id"], name=op.f("fk_case_file_invoice_id_invoice")
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"], ["placement.id"], name=op.f("fk_case_file_placement_id_placement")
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["organisation.id"],
            name=op.f("fk_case_file_provider_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["raised_by_id"], ["person.id"], name=op.f("fk_case_file_raised_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["routing_rule_id"],
            ["routing_rule.id"],
            name=op.f("fk_case_file_routing_rule_id_routing_rule"),
        ),
        sa.ForeignKeyConstraint(
            ["tender_id"], ["tender.id"], name=op.f("fk_case_file_tender_id_tender")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_file")),
        sa.UniqueConstraint("reference", name=op.f("uq_case_file_reference")),
    )
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_file_assignee_id"), ["assignee_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_case_file_council_id"), ["council_id"], unique=False)
        batch_op.create_index("ix_case_file_due", ["next_check_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_case_file_provider_id"), ["provider_id"], unique=False
        )

    op.create_table(
        "case_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["person.id"], name=op.f("fk_case_event_actor_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_case_event_case_id_case_file")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_event")),
    )
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_event_case_id"), ["case_id"], unique=False)
    _make_case_history_append_only()

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("away_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("cover_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_person_cover_id_person"), "person", ["cover_id"], ["id"]
        )


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_person_cover_id_person"), type_="foreignkey")
        batch_op.drop_column("cover_id")
        batch_op.drop_column("away_until")

    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_event_case_id"))

    _drop_case_history_triggers()
    op.drop_table("case_event")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_file_provider_id"))
        batch_op.drop_index("ix_case_file_due")
        batch_op.drop_index(batch_op.f("ix_case_file_council_id"))
        batch_op.drop_index(batch_op.f("ix_case_file_assignee_id"))

    op.drop_table("case_file")
    with op.batch_alter_table("routing_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routing_rule_council_id"))

    op.drop_table("routing_rule")
    op.drop_table("form_session")


def _make_case_history_append_only() -> None:
    """The database itself refuses UPDATE and DELETE on a case's history."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER case_event_no_{verb.lower()} BEFORE {verb} ON case_event "
                "BEGIN SELECT RAISE(ABORT, 'case_event is append-only'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'case_event is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event "
        "FOR EACH ROW EXECUTE FUNCTION case_event_append_only()"
    )


def _drop_case_history_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS case_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS case_event_no_delete")
        return
    op.execute("DROP TRIGGER IF EXISTS case_event_append_only ON case_event")
    op.execute("DROP FUNCTION IF EXISTS case_event_append_only()")
