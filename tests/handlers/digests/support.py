"""What the digest tests share: a seeded Northshire week (2026-W49) and row makers."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.models import (
    Case,
    CaseKind,
    CaseStatus,
    Deadline,
    DeadlineStatus,
    OrganisationKind,
    Role,
)
from bot.templates import make_templates
from handlers.digests.sweep import DigestSchedule
from scheduler.rules import WorkingCalendar
from tests.factories import make_organisation, make_person

CALENDAR = WorkingCalendar()
SCHEDULE = DigestSchedule()
TEMPLATES = make_templates()
_numbers = itertools.count(1)


def add_deadline(factory: sessionmaker[Session], *, rule: str, reference: str, council: int,
                 due_on: date, start_on: date | None = None, commissioner: int | None = None,
                 provider: int | None = None, contact: int | None = None,
                 status: DeadlineStatus = DeadlineStatus.OPEN,
                 done_on: date | None = None) -> int:
    """One deadline row as the deadline feature writes them; its id."""
    with transaction(factory) as session:
        deadline = Deadline(rule=rule, reference=reference, council_id=council,
                            provider_id=provider, provider_contact_id=contact,
                            commissioner_id=commissioner, start_on=start_on or due_on,
                            due_on=due_on, status=status, done_on=done_on)
        session.add(deadline)
        session.flush()
        return deadline.id


def add_case(factory: sessionmaker[Session], *, kind: CaseKind, council: int, owner: int,
             opened_at: datetime, raised_by: int | None = None, provider: int | None = None,
             status: CaseStatus = CaseStatus.OPEN, category: str = "procurement",
             summary: str = "A case", rating: int | None = None,
             acknowledged_at: datetime | None = None, closed_at: datetime | None = None) -> str:
    """One case row as the cases feature writes them; its reference."""
    reference = f"PB-2026-{next(_numbers):06d}"
    with transaction(factory) as session:
        session.add(Case(
            reference=reference, kind=kind, category=category, status=status,
            council_id=council, provider_id=provider, raised_by_id=raised_by,
            assignee_id=owner, summary=summary, description=summary, rating=rating,
            opened_at=opened_at, acknowledged_at=acknowledged_at, closed_at=closed_at,
            acknowledge_due_at=opened_at + timedelta(days=2),
            resolve_due_at=opened_at + timedelta(days=20)))
    return reference


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware UTC time."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def northshire_week(factory: sessionmaker[Session]) -> dict[str, int]:
    """Northshire (Priya and Hub, commissioners; Ada, admin), Riverside (Sam), Hillside (Tess)
    and Brookside (Uma, who has nothing this week), with
    deadlines and cases around the week of Monday 30 November 2026 (2026-W49)."""
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    riverside = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    hillside = make_organisation(factory, "Hillside", OrganisationKind.PROVIDER)
    brookside = make_organisation(factory, "Brookside", OrganisationKind.PROVIDER)
    ids = {"council": council, "riverside": riverside, "hillside": hillside}
    for name, role, organisation in (("priya", Role.COMMISSIONER, council),
                                     ("hub", Role.COMMISSIONER, council),
                                     ("ada", Role.ADMIN, council),
                                     ("sam", Role.PROVIDER, riverside),
                                     ("tess", Role.PROVIDER, hillside),
                                     ("uma", Role.PROVIDER, brookside)):
        ids[name] = make_person(factory, email=f"{name}@example.org", role=role,
                                organisation_id=organisation, name=name.capitalize())

    def ours(rule: str, reference: str, due_on: date, *, start_on: date | None = None,
             status: DeadlineStatus = DeadlineStatus.OPEN, done_on: date | None = None) -> int:
        """A deadline between Priya and Sam's Riverside."""
        return add_deadline(factory, rule=rule, reference=reference, due_on=due_on,
                            start_on=start_on, status=status, done_on=done_on, council=council,
                            commissioner=ids["priya"], provider=riverside, contact=ids["sam"])

    # Due this week: a review on Wednesday; an invoice whose 10-day aim falls this week.
    ids["review"] = ours("initial-review", "P-1001", date(2026, 12, 2))
    ids["invoice"] = ours("payment", "INV-7 (P-1001)", date(2026, 12, 23),
                          start_on=date(2026, 11, 23))
    # Overdue: a monitoring review, and an invoice past its 30-day legal limit.
    ids["monitoring"] = ours("monitoring", "P-1002", date(2026, 11, 20))
    ids["late_invoice"] = ours("payment", "INV-3 (P-1002)", date(2026, 11, 19),
                               start_on=date(2026, 10, 20))
    # Neither: an invoice past its aim but within its legal limit, next week's review, a
    # review done already, a tender date that passed, and Hub's own review.
    ours("payment", "INV-5 (P-1001)", date(2026, 12, 10), start_on=date(2026, 11, 10))
    ours("initial-review", "P-1003", date(2026, 12, 9))
    ours("monitoring", "P-1004", date(2026, 12, 1), status=DeadlineStatus.DONE,
         done_on=date(2026, 11, 27))
    ours("submission", "T-9 submission", date(2026, 11, 27))
    add_deadline(factory, rule="initial-review", reference="P-2001", due_on=date(2026, 12, 3),
                 council=council, commissioner=ids["hub"], provider=hillside,
                 contact=ids["tess"])
    # Cases: Sam's conflict (open two weeks), anonymous and named feedback this week, and a
    # resolved conflict.
    add_case(factory, kind=CaseKind.CONFLICT, council=council, owner=ids["priya"],
             raised_by=ids["sam"], provider=riverside, category="payment",
             opened_at=utc(2026, 11, 16, 10), summary="Invoice INV-3 disputed")
    add_case(factory, kind=CaseKind.FEEDBACK, council=council, owner=ids["priya"],
             provider=riverside, opened_at=utc(2026, 11, 27, 9), rating=2,
             summary="The tender portal timed out twice")
    add_case(factory, kind=CaseKind.FEEDBACK, council=council, owner=ids["priya"],
             raised_by=ids["sam"], provider=riverside, status=CaseStatus.RESOLUTION_PROPOSED,
             opened_at=utc(2026, 11, 26, 9), rating=4, summary="Clear specification, thanks")
    add_case(factory, kind=CaseKind.CONFLICT, council=council, owner=ids["priya"],
             raised_by=ids["sam"], provider=riverside, status=CaseStatus.RESOLVED,
             opened_at=utc(2026, 11, 2, 9), closed_at=utc(2026, 11, 12, 9),
             summary="Uplift late")
    return ids
