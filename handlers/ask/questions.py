"""Questions people asked: the gaps in the knowledge base, most frequent first."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db import execute_dml, transaction
from bot.models import Question

FORGOTTEN_TEXT = "[removed after the retention period]"
_SPACE = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[^\w\s£%]")


def normalise(text: str) -> str:
    """Lower case, no punctuation, single spaces: so near-identical questions group together."""
    return _SPACE.sub(" ", _PUNCTUATION.sub(" ", text.lower())).strip()


@dataclass(frozen=True, slots=True)
class Gap:
    """A question (as first asked) that keeps going unanswered or unhelped."""

    question: str
    count: int
    reason: str
    last_asked: datetime

    def as_json(self) -> dict[str, Any]:
        """One JSON object for ``pledgebot kb gaps --json``."""
        return {"question": self.question, "count": self.count, "reason": self.reason,
                "last_asked": self.last_asked.isoformat()}


def knowledge_gaps(factory: sessionmaker[Session], *, limit: int = 50) -> list[Gap]:
    """Unanswered and unhelpful questions grouped by wording, most frequent first.

    Safeguarding concerns are not knowledge gaps and are left out.
    """
    query = (
        select(Question.text, Question.answered, Question.helpful, Question.asked_at)
        .where(Question.safeguarding.is_(False), Question.text != FORGOTTEN_TEXT,
               or_(Question.answered.is_(False), Question.helpful.is_(False)))
        .order_by(Question.asked_at)
    )
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    last: dict[str, datetime] = {}
    reasons: dict[str, set[str]] = {}
    with factory() as session:
        for text, answered, _helpful, asked_at in session.execute(query):
            key = normalise(text)
            if not key:
                continue
            counts[key] += 1
            first.setdefault(key, text)
            last[key] = asked_at
            reasons.setdefault(key, set()).add("unanswered" if not answered else "not helpful")
    ranked = sorted(counts, key=lambda key: (-counts[key], -last[key].timestamp(), key))
    return [
        Gap(question=first[key], count=counts[key], reason="/".join(sorted(reasons[key])),
            last_asked=last[key])
        for key in ranked[:limit]
    ]


FORGET_JOB_ID = "questions.forget-old-words"


def forget_old_questions(
    factory: sessionmaker[Session], *, keep: timedelta, now: datetime
) -> int:
    """Blank the words of questions older than ``keep``: they may name people we care for.

    What the bot did with each question (its outcome, entry and rating) stays for the gaps
    report; the free text, which a provider may have typed a name into, does not.
    """
    cutoff = now - keep
    with transaction(factory) as session:
        result = execute_dml(
            session,
            update(Question)
            .where(Question.asked_at < cutoff, Question.text != FORGOTTEN_TEXT)
            .values(text=FORGOTTEN_TEXT)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)
