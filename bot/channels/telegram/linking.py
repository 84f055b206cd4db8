"""Linking a Telegram account to a registered person: ``/link EMAIL``, the code, ``/unlink``.

``/link EMAIL`` e-mails a one-time 6-digit code (through the outbox) to that address when it
belongs to an active person; the reply is the same whether it does or not, so nobody learns
which addresses are registered. An unknown address still gets a code row (of a code nobody
knows), so typing codes behaves the same for it. The code is good for 15 minutes; 5 wrong
codes lock linking for that Telegram account for an hour. Only the code's SHA-256 (with the
Telegram id) is kept, compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import execute_dml, transaction
from bot.messages import Notification
from bot.models import Channel, ChannelIdentity, Person, TelegramCallback, TelegramLink
from bot.outbox import enqueue
from bot.values import frozen

CODE_LIFETIME = timedelta(minutes=15)
MAX_WRONG_CODES = 5
LOCKOUT = timedelta(hours=1)
CODE_KIND = "telegram.link_code"
PURGE_JOB_ID = "telegram.purge"
# Buttons kept on our side are forgotten after this (a press then gets "stale button").
KEEP_BUTTONS = timedelta(days=30)
_CODE = re.compile(r"^\d{6}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@frozen
class Outcome:
    """What to tell the person: a template and its data."""

    template: str
    data: dict[str, Any] = field(default_factory=dict)


def looks_like_code(text: str) -> bool:
    """Whether ``text`` is six digits (a code, when a link is pending)."""
    return bool(_CODE.match(text.strip()))


def _hash(telegram_id: str, code: str) -> str:
    return hashlib.sha256(f"{telegram_id}:{code}".encode()).hexdigest()


def linked_person(session: Session, telegram_id: str) -> Person | None:
    """The active person this Telegram account is linked to, or None."""
    return session.scalars(
        select(Person).join(ChannelIdentity, ChannelIdentity.person_id == Person.id)
        .where(ChannelIdentity.channel == Channel.TELEGRAM,
               ChannelIdentity.address == telegram_id, Person.active.is_(True))).first()


def _row(session: Session, telegram_id: str) -> TelegramLink | None:
    return session.scalars(
        select(TelegramLink).where(TelegramLink.telegram_id == telegram_id)).first()


def _locked(row: TelegramLink | None, now: datetime) -> Outcome | None:
    if row is None or row.locked_until is None or now >= row.locked_until:
        return None
    minutes = max(1, int((row.locked_until - now).total_seconds() // 60) + 1)
    return Outcome("telegram_link_locked.txt", {"minutes": minutes})


def request_code(session: Session, telegram_id: str, email: str, *, now: datetime,
                 email_configured: bool, code_text: Callable[[str], str]) -> Outcome:
    """``/link EMAIL``: queue a code to that address if it is a person's; the same reply
    either way. ``code_text(code)`` is the e-mail's words."""
    email = email.strip().lower()
    if not _EMAIL.match(email):
        return Outcome("telegram_link_usage.txt")
    if linked_person(session, telegram_id) is not None:
        return Outcome("telegram_already_linked.txt")
    row = _row(session, telegram_id)
    locked = _locked(row, now)
    if locked is not None:
        return locked
    if not email_configured:
        return Outcome("telegram_link_no_email.txt", {"telegram_id": telegram_id})
    if row is None:
        row = TelegramLink(telegram_id=telegram_id, failures=0, updated_at=now)
        session.add(row)
    person = session.scalars(select(Person).where(
        func.lower(Person.email) == email, Person.active.is_(True))).first()
    code = f"{secrets.randbelow(10**6):06d}"
    row.code_hash = _hash(telegram_id, code)
    row.person_id = person.id if person is not None else None
    row.expires_at = now + CODE_LIFETIME
    row.locked_until = None
    row.updated_at = now
    session.flush()
    if person is not None:
        enqueue(session, Notification(
            person_id=person.id, kind=CODE_KIND, text=code_text(code), channel=Channel.EMAIL,
            idempotency_key=f"{CODE_KIND}:{telegram_id}:{uuid.uuid4().hex}"), now=now)
    return Outcome("telegram_link_sent.txt",
                   {"minutes": int(CODE_LIFETIME.total_seconds() // 60)})


def try_code(session: Session, telegram_id: str, code: str, *, now: datetime
             ) -> Outcome | None:
    """Six digits typed by an unlinked account: link it, or say what was wrong. None when
    no code was asked for (the digits are not a code)."""
    row = _row(session, telegram_id)
    locked = _locked(row, now)
    if locked is not None:
        return locked
    if row is None or row.code_hash is None:
        return None
    if row.expires_at is None or now >= row.expires_at:
        row.code_hash = None
        row.updated_at = now
        return Outcome("telegram_code_expired.txt")
    right = hmac.compare_digest(row.code_hash, _hash(telegram_id, code.strip()))
    person = session.get(Person, row.person_id) if right and row.person_id is not None else None
    if person is not None and person.active:
        execute_dml(session, delete(ChannelIdentity).where(
            ChannelIdentity.channel == Channel.TELEGRAM, ChannelIdentity.address == telegram_id))
        session.add(ChannelIdentity(person_id=person.id, channel=Channel.TELEGRAM,
                                    address=telegram_id, verified=True, created_at=now))
        session.delete(row)
        return Outcome("telegram_linked.txt", {"name": person.name})
    row.failures += 1
    row.updated_at = now
    if row.failures >= MAX_WRONG_CODES:
        row.failures = 0
        row.code_hash = None
        row.locked_until = now + LOCKOUT
        return Outcome("telegram_link_locked.txt",
                       {"minutes": int(LOCKOUT.total_seconds() // 60)})
    return Outcome("telegram_code_wrong.txt", {"left": MAX_WRONG_CODES - row.failures})


def unlink(session: Session, telegram_id: str) -> Outcome:
    """``/unlink``: forget which person this Telegram account is."""
    result = execute_dml(session, delete(ChannelIdentity).where(
        ChannelIdentity.channel == Channel.TELEGRAM, ChannelIdentity.address == telegram_id))
    return Outcome("telegram_unlinked.txt" if result.rowcount else "telegram_not_linked.txt")


def purge(factory: sessionmaker[Session], *, now: datetime) -> int:
    """Forget buttons older than ``KEEP_BUTTONS``, and link requests whose code expired and
    whose lock (if any) is over; returns how many rows went."""
    with transaction(factory) as session:
        buttons = execute_dml(session, delete(TelegramCallback).where(
            TelegramCallback.created_at < now - KEEP_BUTTONS))
        links = execute_dml(session, delete(TelegramLink).where(
            TelegramLink.updated_at < now - LOCKOUT - CODE_LIFETIME,
            (TelegramLink.locked_until.is_(None)) | (TelegramLink.locked_until < now)))
        return int(buttons.rowcount or 0) + int(links.rowcount or 0)
