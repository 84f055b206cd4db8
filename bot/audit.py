"""Append to the audit log, in the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.db import utcnow
from bot.models import AuditEvent


def record(
    session: Session,
    action: str,
    *,
    actor_id: int | None = None,
    subject: str | None = None,
    at: datetime | None = None,
    **detail: Any,
) -> AuditEvent:
    """Add one audit event (who, when, what) to the session's transaction."""
    event = AuditEvent(
        action=action, actor_id=actor_id, subject=subject, detail=detail, at=at or utcnow()
    )
    session.add(event)
    return event
