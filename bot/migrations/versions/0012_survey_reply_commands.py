"""Survey e-mails sent before ``Notification.reply_command`` existed learn theirs, so that a
plain reply to one answers the survey as a reply to a newer one does.

A survey's invitation or chaser carried one "Answer" button whose value is the survey's key;
the reply command is ``/survey answer KEY`` (what ``handlers.surveys.sweep`` now stores).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_KINDS = ("survey.invitation", "survey.chaser")
_START = "survey.start"
_outbox = sa.table("outbox", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                   sa.column("payload", sa.JSON))


def _reply_command(payload: Any) -> str | None:
    """``/survey answer KEY`` from the payload's one Answer button; None when it has a reply
    command already, or not exactly one such button."""
    if not isinstance(payload, dict) or payload.get("reply"):
        return None
    keys = [button.get("value") for button in payload.get("buttons") or ()
            if isinstance(button, dict) and button.get("action") == _START]
    if len(keys) != 1 or not isinstance(keys[0], str) or not keys[0].strip():
        return None
    return f"/survey answer {keys[0]}"


def upgrade() -> None:
    """Give each old survey message its reply command."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(_outbox.c.id, _outbox.c.payload)
                        .where(_outbox.c.kind.in_(_KINDS))).all()
    for outbox_id, payload in rows:
        command = _reply_command(payload)
        if command is not None:
            bind.execute(sa.update(_outbox).where(_outbox.c.id == outbox_id)
                         .values(payload={**payload, "reply": command}))


def downgrade() -> None:
    """Nothing to undo: the code of revision 0011 reads the reply command where it is."""
