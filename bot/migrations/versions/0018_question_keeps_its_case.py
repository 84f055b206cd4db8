"""A question keeps the case it was handed to.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06

"Ask a commissioner" and "Tell the council" open a question case; pressed again, the bot said
"already with the commissioning team" and named a case it found by the question's words: the
newest of the asker's question cases in those words, so the same words asked again later, and
handed over again once the first case was closed, made the first question's button name the
second case. ``question.case_id`` now names the case (the one opened for it, or the open one of
the same words asked before that it joined).

Questions handed over before the upgrade are linked where that is certain: a case whose summary
names the question's reference (summaries before session 21: "Question Q-000017: ..."), or the
one case the asker opened in the question's words at the very moment it was handed over (the
case opened by that press). Others stay unlinked: a question handed to the questions contact
with no case (it has none), and one told "already" because its words were in an open case (which
case was open then is not certain); pressed again, such a question is still "already with the
commissioning team", under its own Q- reference.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# As handlers.cases.service.MAX_DESCRIPTION and the words kept for a question with none.
_MAX_DESCRIPTION = 4000
_NO_WORDS = "(no words kept)"

_question = sa.table("question", sa.column("id", sa.Integer),
                     sa.column("person_id", sa.Integer), sa.column("text", sa.Text),
                     sa.column("handed_over_at", bot.db.UTCDateTime(timezone=True)),
                     sa.column("case_id", sa.Integer))
_case = sa.table("case_file", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                 sa.column("raised_by_id", sa.Integer), sa.column("summary", sa.String),
                 sa.column("description", sa.Text),
                 sa.column("opened_at", bot.db.UTCDateTime(timezone=True)))


def _link_questions_handed_over() -> None:
    """Link each question handed over before to its case, where that is certain."""
    bind = op.get_bind()
    handed = bind.execute(sa.select(_question.c.id, _question.c.person_id, _question.c.text,
                                    _question.c.handed_over_at)
                          .where(_question.c.handed_over_at.is_not(None))).all()
    if not handed:
        return
    by_summary: dict[str, list[int]] = {}
    by_words: dict[tuple[int | None, str], list[tuple[int, object]]] = {}
    for case_id, raised_by, summary, description, opened_at in bind.execute(
            sa.select(_case.c.id, _case.c.raised_by_id, _case.c.summary, _case.c.description,
                      _case.c.opened_at).where(_case.c.kind == "question")
            .order_by(_case.c.id)):
        if summary.startswith("Question Q-"):
            by_summary.setdefault(summary.split(":", 1)[0], []).append(case_id)
        by_words.setdefault((raised_by, description), []).append((case_id, opened_at))
    for question_id, person_id, text, handed_over_at in handed:
        named = by_summary.get(f"Question Q-{question_id:06d}", [])
        opened = [case_id for case_id, opened_at in
                  by_words.get((person_id, text[:_MAX_DESCRIPTION] or _NO_WORDS), [])
                  if opened_at == handed_over_at]
        found = named if named else opened
        if len(found) == 1:
            bind.execute(sa.update(_question).where(_question.c.id == question_id)
                         .values(case_id=found[0]))


def upgrade() -> None:
    """Add ``question.case_id`` (a case's id, or empty), and link what was handed over."""
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_question_case_id_case_file"), "case_file",
                                    ["case_id"], ["id"])
    _link_questions_handed_over()


def downgrade() -> None:
    """Drop the link (the words find a question's case again)."""
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_question_case_id_case_file"),
                                 type_="foreignkey")
        batch_op.drop_column("case_id")
