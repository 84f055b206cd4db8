"""The outbox knows what a reminder or an escalation is about, and withdraws it once closed.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

A reminder waiting in the outbox (a channel down, the sender not yet run) went out after its
invoice was paid, and an escalation after its case was acknowledged (session 27). An outbox row
now names the deadline (``deadline_id``) or the case (``case_id``, with ``case_condition``, what
must still hold of it) it is about; the sender withdraws it instead of sending it once that no
longer holds (status ``withdrawn``, a plain string column: no constraint to change).

Rows still waiting are linked from their keys (``reminder:d<deadline>:...``,
``case:<case>:level:...``), so what was queued before the upgrade is withdrawn too; an
escalation's reason is not in its key, so a waiting one is withdrawn only once its case is
closed (resolved or withdrawn).
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_REMINDER = re.compile(r"^reminder:d(\d+):")
_ESCALATION = re.compile(r"^case:(\d+):level:")


def upgrade() -> None:
    """Add the columns, and link the rows still waiting."""
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deadline_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("case_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column(
            "case_condition",
            sa.Enum("active", "unacknowledged", "proposal_waiting", name="case_condition",
                    native_enum=False, length=20),
            nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_outbox_deadline_id_deadline"), "deadline",
                                    ["deadline_id"], ["id"])
        batch_op.create_foreign_key(batch_op.f("fk_outbox_case_id_case_file"), "case_file",
                                    ["case_id"], ["id"])
    outbox = sa.table("outbox", sa.column("id", sa.Integer),
                      sa.column("idempotency_key", sa.String), sa.column("status", sa.String),
                      sa.column("deadline_id", sa.Integer), sa.column("case_id", sa.Integer),
                      sa.column("case_condition", sa.String))
    deadline = sa.table("deadline", sa.column("id", sa.Integer))
    case_file = sa.table("case_file", sa.column("id", sa.Integer))
    bind = op.get_bind()
    waiting = bind.execute(sa.select(outbox.c.id, outbox.c.idempotency_key).where(
        outbox.c.status.in_(("pending", "sending", "dead")))).all()
    deadlines = set(bind.scalars(sa.select(deadline.c.id)))
    cases = set(bind.scalars(sa.select(case_file.c.id)))
    for outbox_id, key in waiting:
        values: dict[str, object] = {}
        if (found := _REMINDER.match(key)) and int(found.group(1)) in deadlines:
            values = {"deadline_id": int(found.group(1))}
        elif (found := _ESCALATION.match(key)) and int(found.group(1)) in cases:
            values = {"case_id": int(found.group(1)), "case_condition": "active"}
        if values:
            bind.execute(sa.update(outbox).where(outbox.c.id == outbox_id).values(**values))


def downgrade() -> None:
    """Drop the columns; a withdrawn row is dead-lettered with its reason (the status before
    this revision that is never sent unless an admin retries it)."""
    outbox = sa.table("outbox", sa.column("status", sa.String))
    op.get_bind().execute(sa.update(outbox).where(outbox.c.status == "withdrawn")
                          .values(status="dead"))
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_outbox_case_id_case_file"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_outbox_deadline_id_deadline"),
                                 type_="foreignkey")
        batch_op.drop_column("case_condition")
        batch_op.drop_column("case_id")
        batch_op.drop_column("deadline_id")
