"""Questions a person answered by picking one of two offered entries, stored before picks had
their own mode, become mode ``picked`` so that ``kb gaps`` lists them to teach.

The audit log says which they were: each pick wrote ``question.picked`` with subject
``question:ID``. Only rows still marked ``answer`` change.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_CHUNK = 500
_question = sa.table("question", sa.column("id", sa.Integer), sa.column("mode", sa.String))
_audit = sa.table("audit_log", sa.column("action", sa.String), sa.column("subject", sa.String))


def _picked_ids() -> list[int]:
    subjects = op.get_bind().scalars(
        sa.select(_audit.c.subject).where(_audit.c.action == "question.picked"))
    ids = set()
    for subject in subjects:
        kind, _, number = (subject or "").partition(":")
        if kind == "question" and number.isascii() and number.isdigit():
            ids.add(int(number))
    return sorted(ids)


def upgrade() -> None:
    """Old picks, still stored as ``answer``, become ``picked``."""
    bind = op.get_bind()
    ids = _picked_ids()
    for start in range(0, len(ids), _CHUNK):
        bind.execute(sa.update(_question)
                     .where(_question.c.id.in_(ids[start:start + _CHUNK]),
                            _question.c.mode == "answer")
                     .values(mode="picked"))


def downgrade() -> None:
    """Nothing to undo: the code of revision 0010 already reads and writes ``picked``."""
