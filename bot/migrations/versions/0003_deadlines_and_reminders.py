"""deadlines and reminders

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("commissioner_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("uplift_on", sa.Date(), nullable=True),
        sa.Column("created_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commissioner_id"], ["person.id"], name=op.f("fk_contract_commissioner_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["council_id"], ["organisation.id"], name=op.f("fk_contract_council_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["organisation.id"], name=op.f("fk_contract_provider_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract")),
        sa.UniqueConstraint("reference", name=op.f("uq_contract_reference")),
    )
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contract_council_id"), ["council_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contract_provider_id"), ["provider_id"], unique=False)

    op.create_table(
        "tender",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("commissioner_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("clarification_on", sa.Date(), nullable=True),
        sa.Column("submission_on", sa.Date(), nullable=True),
        sa.Column("standstill_end_on", sa.Date(), nullable=True),
        sa.Column("created_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commissioner_id"], ["person.id"], name=op.f("fk_tender_commissioner_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["council_id"], ["organisation.id"], name=op.f("fk_tender_council_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tender")),
        sa.UniqueConstraint("reference", name=op.f("uq_tender_reference")),
    )
    with op.batch_alter_table("tender", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tender_council_id"), ["council_id"], unique=False)

    op.create_table(
        "bid",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("provider_contact_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("created_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["provider_contact_id"], ["person.id"], name=op.f("fk_bid_provider_contact_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["organisation.id"], name=op.f("fk_bid_provider_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["tender_id"], ["tender.id"], name=op.f("fk_bid_tender_id_tender")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bid")),
        sa.UniqueConstraint("tender_id", "provider_id", name="uq_bid_tender_provider"),
    )
    with op.batch_alter_table("bid", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bid_provider_id"), ["provider_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bid_tender_id"), ["tender_id"], unique=False)

    op.create_table(
        "placement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=32), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("commissioner_id", sa.Integer(), nullable=False),
        sa.Column("provider_contact_id", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("created_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commissioner_id"], ["person.id"], name=op.f("fk_placement_commissioner_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_placement_contract_id_contract")
        ),
        sa.ForeignKeyConstraint(
            ["council_id"], ["organisation.id"], name=op.f("fk_placement_council_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["provider_contact_id"],
            ["person.id"],
            name=op.f("fk_placement_provider_contact_id_person"),
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["organisation.id"],
            name=op.f("fk_placement_provider_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placement")),
        sa.UniqueConstraint("reference", name=op.f("uq_placement_reference")),
    )
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_placement_council_id"), ["council_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_placement_provider_id"), ["provider_id"], unique=False
        )

    op.create_table(
        "invoice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("issuer_id", sa.Integer(), nullable=False),
        sa.Column("payer_id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=True),
        sa.Column("amount_pence", sa.BigInteger(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("created_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["issuer_id"], ["organisation.id"], name=op.f("fk_invoice_issuer_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["payer_id"], ["organisation.id"], name=op.f("fk_invoice_payer_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"], ["placement.id"], name=op.f("fk_invoice_placement_id_placement")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice")),
        sa.UniqueConstraint("issuer_id", "number", name="uq_invoice_issuer_number"),
    )
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoice_issuer_id"), ["issuer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoice_payer_id"), ["payer_id"], unique=False)

    op.create_table(
        "deadline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("provider_contact_id", sa.Integer(), nullable=True),
        sa.Column("commissioner_id", sa.Integer(), nullable=True),
        sa.Column("placement_id", sa.Integer(), nullable=True),
        sa.Column("invoice_id", sa.Integer(), nullable=True),
        sa.Column("tender_id", sa.Integer(), nullable=True),
        sa.Column("bid_id", sa.Integer(), nullable=True),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "done",
                "not_applicable",
                name="deadline_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=500), nullable=True),
        sa.Column("created_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["bid_id"], ["bid.id"], name=op.f("fk_deadline_bid_id_bid")),
        sa.ForeignKeyConstraint(
            ["commissioner_id"], ["person.id"], name=op.f("fk_deadline_commissioner_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_deadline_contract_id_contract")
        ),
        sa.ForeignKeyConstraint(
            ["council_id"], ["organisation.id"], name=op.f("fk_deadline_council_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoice.id"], name=op.f("fk_deadline_invoice_id_invoice")
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"], ["placement.id"], name=op.f("fk_deadline_placement_id_placement")
        ),
        sa.ForeignKeyConstraint(
            ["provider_contact_id"],
            ["person.id"],
            name=op.f("fk_deadline_provider_contact_id_person"),
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["organisation.id"], name=op.f("fk_deadline_provider_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["tender_id"], ["tender.id"], name=op.f("fk_deadline_tender_id_tender")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline")),
    )
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deadline_council_id"), ["council_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deadline_invoice_id"), ["invoice_id"], unique=False)
        batch_op.create_index("ix_deadline_open", ["status", "due_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_deadline_placement_id"), ["placement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_deadline_provider_id"), ["provider_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deadline_reference"), ["reference"], unique=False)
        batch_op.create_index(batch_op.f("ix_deadline_tender_id"), ["tender_id"], unique=False)

    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("send_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "claimed",
                "sent",
                "cancelled",
                name="reminder_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("claimed_at", bot.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("claim_token", sa.String(length=64), nullable=True),
        sa.Column("sent_at", bot.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["deadline_id"], ["deadline.id"], name=op.f("fk_reminder_deadline_id_deadline")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_reminder_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
        sa.UniqueConstraint("key", name=op.f("uq_reminder_key")),
    )
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_deadline_id"), ["deadline_id"], unique=False)
        batch_op.create_index("ix_reminder_due", ["status", "send_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_reminder_person_id"), ["person_id"], unique=False)

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("escalation_contact_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_person_escalation_contact_id_person"),
            "person",
            ["escalation_contact_id"],
            ["id"],
        )


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_person_escalation_contact_id_person"), type_="foreignkey"
        )
        batch_op.drop_column("escalation_contact_id")

    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_person_id"))
        batch_op.drop_index("ix_reminder_due")
        batch_op.drop_index(batch_op.f("ix_reminder_deadline_id"))

    op.drop_table("reminder")
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_tender_id"))
        batch_op.drop_index(batch_op.f("ix_deadline_reference"))
        batch_op.drop_index(batch_op.f("ix_deadline_provider_id"))
        batch_op.drop_index(batch_op.f("ix_deadline_placement_id"))
        batch_op.drop_index("ix_deadline_open")
        batch_op.drop_index(batch_op.f("ix_deadline_invoice_id"))
        batch_op.drop_index(batch_op.f("ix_deadline_council_id"))

    op.drop_table("deadline")
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_payer_id"))
        batch_op.drop_index(batch_op.f("ix_invoice_issuer_id"))

    op.drop_table("invoice")
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_placement_provider_id"))
        batch_op.drop_index(batch_op.f("ix_placement_council_id"))

    op.drop_table("placement")
    with op.batch_alter_table("bid", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bid_tender_id"))
        batch_op.drop_index(batch_op.f("ix_bid_provider_id"))

    op.drop_table("bid")
    with op.batch_alter_table("tender", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tender_council_id"))

    op.drop_table("tender")
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_provider_id"))
        batch_op.drop_index(batch_op.f("ix_contract_council_id"))

    op.drop_table("contract")
