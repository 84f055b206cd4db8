"""Who is away (``/away``) on a day, and who covers for them.

Read here alone by ``/away`` itself, the reminders and their sweep, a new placement and a
change in condition told, and cases' routing, escalations and reassignment (session 32's brief:
"away today with a cover" was written out in five places, each a little differently).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from bot.models import Person, Role
from handlers.people.directory import COUNCIL_STAFF


def away_on(person: Person, day: date) -> bool:
    """Whether ``person`` is marked away on ``day``: their last day away is still to come, or
    is ``day`` (/away holds through the day it names), and their first day away, when set
    ahead, has come (session 36's trial: a leave from the 18th sent cases to the cover at
    once)."""
    return (person.away_until is not None and person.away_until >= day
            and (person.away_from is None or person.away_from <= day))


def absence_ahead(person: Person, day: date) -> bool:
    """Whether ``person`` has an absence not over on ``day``: away then, or set to start
    later (``/away`` from a day to come)."""
    return person.away_until is not None and person.away_until >= day


def planned_from(person: Person, day: date) -> date | None:
    """The first day of ``person``'s absence when it is set to start after ``day``; else
    None."""
    start = person.away_from
    return start if absence_ahead(person, day) and start is not None and start > day else None


def may_cover(person: Person, cover: Person | None) -> bool:
    """Whether ``cover`` may cover for ``person``: for council staff, an active commissioner or
    admin of the same council; for a provider, an active colleague at the same provider;
    never ``person``."""
    roles = COUNCIL_STAFF if person.role in COUNCIL_STAFF else (Role.PROVIDER,)
    return (cover is not None and cover.id != person.id and cover.active
            and cover.organisation_id == person.organisation_id and cover.role in roles)


def cover_on(session: Session, person: Person, day: date) -> Person | None:
    """``person``'s cover on ``day``: while they are away, the colleague they named, when that
    colleague may still cover them (``may_cover``: active, of the same organisation); else
    None."""
    if person.cover_id is None or not away_on(person, day):
        return None
    cover = session.get(Person, person.cover_id)
    return cover if may_cover(person, cover) else None
