"""The claim step and the batch loop every sweep shares (reminders, the SLA ladder, digests,
surveys), and the bulk release of rows that all move on alike (``finish_rows``: reminders,
digests; the survey sweep releases each invitee as it moves it on, as each moves differently).

A sweep never loses or repeats work, whether several processes run it at once or one dies
mid-way: it claims due rows atomically with a token and a time, handles the claimed batch in its
own transaction, and a claim older than the lease is taken over by the next sweeper.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from bot.db import id_in, transaction


class Totals:
    """A sweep's counts (a frozen dataclass of ints) that add up field by field across
    batches, as ``run_batches`` adds them."""

    __slots__ = ()

    def __add__(self: T, other: T) -> T:
        """The sum of two results, field by field."""
        return type(self)(*(getattr(self, item.name) + getattr(other, item.name)
                            for item in dataclasses.fields(self)))  # type: ignore[arg-type]


DEADLOCK_RETRIES = 3
RETRYABLE = ("40P01", "40001")  # deadlock detected, serialisation failure
R = TypeVar("R")
T = TypeVar("T", bound="Totals")


def claim_rows(factory: sessionmaker[Session], model: Any, *, due: ColumnElement[bool],
               order_by: Sequence[Any], batch: int, token: str, stamp: datetime,
               **values: Any) -> list[int]:
    """The claim step shared by the reminder and SLA sweeps: mark up to ``batch`` rows of
    ``model`` that are ``due`` with ``token`` and ``stamp`` (and ``values``); their ids.

    One ``UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) AND <due> RETURNING``;
    on SQLite the single UPDATE runs under the write lock and the re-check of ``due`` makes
    it safe. Only the rows that came back with this token are ours.
    """
    candidates = (select(model.id).where(due).order_by(*order_by).limit(batch)
                  .with_for_update(skip_locked=True))
    statement = (
        update(model)
        .where(model.id.in_(candidates.scalar_subquery()), due)
        .values(claimed_at=stamp, claim_token=token, **values)
        .returning(model.id, model.claim_token)
        .execution_options(synchronize_session=False)
    )
    with transaction(factory) as session:
        rows = session.execute(statement).all()
    return sorted(row.id for row in rows if row.claim_token == token)


def finish_rows(session: Session, model: Any, ids: Sequence[int], **values: Any) -> None:
    """Set ``values`` on the claimed rows ``ids`` of ``model`` and release their claim, in one
    bulk UPDATE (none when there are no ids)."""
    if ids:
        session.execute(update(model).where(id_in(session, model.id, ids))
                        .values(claim_token=None, **values)
                        .execution_options(synchronize_session=False))


def run_batches(claim: Callable[[str], list[int]], handle: Callable[[list[int], str], R],
                total: R, *, max_batches: int) -> R:
    """Claim and handle batches until nothing is due; a batch rolled back by a deadlock or a
    serialisation failure is still ours (claimed with our token), so it is simply retried."""
    for _ in range(max_batches):
        token = uuid.uuid4().hex
        ids = claim(token)
        if not ids:
            break
        for attempt in range(DEADLOCK_RETRIES):
            try:
                total += handle(ids, token)  # type: ignore[operator]
                break
            except DBAPIError as error:
                if _sqlstate(error) not in RETRYABLE or attempt == DEADLOCK_RETRIES - 1:
                    raise
    return total


def _sqlstate(error: DBAPIError) -> str | None:
    return getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
