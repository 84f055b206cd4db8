"""Providers following tenders; payment clocks due at the legal limit (30 days), not the aim.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

A payment deadline's due date was the pledge's 10-day aim; it is now the legal limit, 30 calendar
days from receipt (the aim is worked out from the receipt date). Open payment deadlines are moved
to their limit; their pending chases and escalation (written for the aim) are cancelled, and each
of their people gets one chase on the first weekday after the limit, from which the sweep chases
and escalates as usual.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from alembic import op

import bot.db

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_LEGAL_DAYS = 30
_AIM_DAYS = 10


def _weekday_after(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def upgrade() -> None:
    """Create ``tender_follower``; move open payment deadlines to the legal limit."""
    op.create_table(
        "tender_follower",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", bot.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_tender_follower_person_id_person")),
        sa.ForeignKeyConstraint(["tender_id"], ["tender.id"],
                                name=op.f("fk_tender_follower_tender_id_tender")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tender_follower")),
        sa.UniqueConstraint("tender_id", "person_id", name="uq_tender_follower_tender_person"),
    )
    with op.batch_alter_table("tender_follower", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tender_follower_person_id"), ["person_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_tender_follower_tender_id"), ["tender_id"],
                              unique=False)
    _move_payments_to_the_limit()


def _move_payments_to_the_limit() -> None:
    bind = op.get_bind()
    deadline = sa.table("deadline", sa.column("id", sa.Integer), sa.column("rule", sa.String),
                        sa.column("status", sa.String), sa.column("start_on", sa.Date),
                        sa.column("due_on", sa.Date),
                        sa.column("provider_contact_id", sa.Integer),
                        sa.column("commissioner_id", sa.Integer))
    reminder = sa.table("reminder", sa.column("key", sa.String),
                        sa.column("deadline_id", sa.Integer), sa.column("person_id", sa.Integer),
                        sa.column("stage", sa.String),
                        sa.column("send_at", bot.db.UTCDateTime(timezone=True)),
                        sa.column("status", sa.String),
                        sa.column("created_at", bot.db.UTCDateTime(timezone=True)))
    rows = bind.execute(sa.select(deadline.c.id, deadline.c.start_on, deadline.c.due_on,
                                  deadline.c.provider_contact_id, deadline.c.commissioner_id)
                        .where(deadline.c.rule == "payment", deadline.c.status == "open")).all()
    now = datetime.now(UTC)
    for deadline_id, start_on, due_on, contact_id, commissioner_id in rows:
        limit = start_on + timedelta(days=_LEGAL_DAYS)
        if due_on > start_on + timedelta(days=_AIM_DAYS):
            continue  # already at the limit
        bind.execute(sa.update(deadline).where(deadline.c.id == deadline_id)
                     .values(due_on=limit))
        bind.execute(sa.update(reminder).where(
            reminder.c.deadline_id == deadline_id, reminder.c.status == "pending",
            sa.or_(reminder.c.stage == "escalation", reminder.c.stage.like("chase:%")))
            .values(status="cancelled"))
        chase_on = _weekday_after(limit)
        for person_id in dict.fromkeys(p for p in (contact_id, commissioner_id) if p):
            key = f"d{deadline_id}:p{person_id}:chase:{chase_on.isoformat()}"
            exists = bind.execute(sa.select(reminder.c.key).where(reminder.c.key == key)).first()
            if exists is None:
                bind.execute(sa.insert(reminder).values(
                    key=key, deadline_id=deadline_id, person_id=person_id,
                    stage=f"chase:{chase_on.isoformat()}",
                    send_at=datetime.combine(chase_on, time(9), tzinfo=UTC),
                    status="pending", created_at=now))


def downgrade() -> None:
    """Drop ``tender_follower`` (payment deadlines keep their legal-limit due dates)."""
    with op.batch_alter_table("tender_follower", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tender_follower_tender_id"))
        batch_op.drop_index(batch_op.f("ix_tender_follower_person_id"))
    op.drop_table("tender_follower")
