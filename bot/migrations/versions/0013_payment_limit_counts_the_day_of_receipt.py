"""An open invoice's legal limit counts the day it was received: due a day earlier.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05

PA23 s68(2) (s73 for sub-contracts) gives "30 days beginning with the day on which an invoice is
received": the day of receipt is the first of the 30, so the last day to pay is 29 days after
it, not 30 (session 22's review). An open payment deadline still at received + 30 moves to
received + 29. Its pending reminder for the old last day moves to the new one (a weekday: the
Friday before a weekend; bank holidays are not looked up here), or is cancelled when that day
has a pending reminder already; the reminders before it and any chase already written stay as
they are (at most a day late, once), and the sweep works from the new date after that.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from alembic import op

import bot.db

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_OLD_DAYS = 30
_NEW_DAYS = 29


def upgrade() -> None:
    """Move open payment deadlines at received + 30 to received + 29."""
    bind = op.get_bind()
    deadline = sa.table("deadline", sa.column("id", sa.Integer), sa.column("rule", sa.String),
                        sa.column("status", sa.String), sa.column("start_on", sa.Date),
                        sa.column("due_on", sa.Date))
    reminder = sa.table("reminder", sa.column("id", sa.Integer), sa.column("key", sa.String),
                        sa.column("deadline_id", sa.Integer), sa.column("person_id", sa.Integer),
                        sa.column("stage", sa.String),
                        sa.column("send_at", bot.db.UTCDateTime(timezone=True)),
                        sa.column("status", sa.String))
    rows = bind.execute(sa.select(deadline.c.id, deadline.c.start_on, deadline.c.due_on)
                        .where(deadline.c.rule == "payment", deadline.c.status == "open")).all()
    for deadline_id, start_on, due_on in rows:
        if due_on != start_on + timedelta(days=_OLD_DAYS):
            continue  # not a limit counted the old way
        new_due = start_on + timedelta(days=_NEW_DAYS)
        bind.execute(sa.update(deadline).where(deadline.c.id == deadline_id)
                     .values(due_on=new_due))
        # Reminders go on weekdays: the new last day, or the Friday before it.
        day = new_due
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        old_stage, new_stage = f"on:{due_on.isoformat()}", f"on:{day.isoformat()}"
        for reminder_id, person_id, send_at in bind.execute(
                sa.select(reminder.c.id, reminder.c.person_id, reminder.c.send_at).where(
                    reminder.c.deadline_id == deadline_id, reminder.c.stage == old_stage,
                    reminder.c.status == "pending")).all():
            new_key = f"d{deadline_id}:p{person_id}:{new_stage}"
            taken = bind.execute(sa.select(reminder.c.status).where(
                reminder.c.key == new_key)).first()
            if taken is not None and taken[0] == "pending":
                # One is due that day already: it is the "due today" one now.
                bind.execute(sa.update(reminder).where(reminder.c.id == reminder_id)
                             .values(status="cancelled"))
                continue
            if taken is not None:
                # That day's was sent already: this one stays, under its own key, so a
                # reminder on or after the limit is still sent and the chases follow it (the
                # session's code review: cancelling it left the invoice never chased).
                new_key += ":limit"
            moved: datetime = send_at - (due_on - day)
            bind.execute(sa.update(reminder).where(reminder.c.id == reminder_id)
                         .values(key=new_key, stage=new_stage, send_at=moved))


def downgrade() -> None:
    """Nothing to undo: a day earlier is never late under either reading."""
