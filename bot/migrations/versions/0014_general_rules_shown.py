"""Questions for a council's own practice whose general rules the person pressed, stored as
``picked`` (so ``kb gaps`` took the general entry for their answer), become ``general`` and
unanswered again: the council's own answer is still unknown.

The audit log says which they were: the question was kept unanswered
(``question.unanswered``, subject ``question:ID``) and then "picked", which only the general
rules' button could do; a pick from a choice was kept answered first. Only rows still marked
``picked`` change.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_CHUNK = 500
_question = sa.table("question", sa.column("id", sa.Integer), sa.column("mode", sa.String),
                     sa.column("answered", sa.Boolean))
_audit = sa.table("audit_log", sa.column("action", sa.String), sa.column("subject", sa.String))


def _unanswered_ids() -> list[int]:
    subjects = op.get_bind().scalars(
        sa.select(_audit.c.subject).where(_audit.c.action == "question.unanswered"))
    ids = set()
    for subject in subjects:
        kind, _, number = (subject or "").partition(":")
        if kind == "question" and number.isascii() and number.isdigit():
            ids.add(int(number))
    return sorted(ids)


def upgrade() -> None:
    """General rules pressed, stored as ``picked``, become ``general`` and unanswered."""
    bind = op.get_bind()
    ids = _unanswered_ids()
    for start in range(0, len(ids), _CHUNK):
        bind.execute(sa.update(_question)
                     .where(_question.c.id.in_(ids[start:start + _CHUNK]),
                            _question.c.mode == "picked")
                     .values(mode="general", answered=False))


def downgrade() -> None:
    """Nothing to undo: revision 0013's code reads ``general`` as an unanswered question."""
