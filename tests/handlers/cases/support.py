"""What the case service and SLA sweep tests share: the policy, calendar and templates, and a
council whose routing rules name its commissioners."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.models import Role, RoutingRule
from bot.templates import make_templates
from handlers.cases import service as cases
from scheduler.rules import WorkingCalendar
from tests.factories import make_council_and_provider

CALENDAR = WorkingCalendar()
POLICY = cases.SlaPolicy()
TEMPLATES = make_templates()
# Wednesday 25 November 2026, 10:00 in London (GMT).
WEDNESDAY_10AM = datetime(2026, 11, 25, 10, tzinfo=UTC)


def council_with_rules(factory: sessionmaker[Session], commissioners: tuple[str, ...],
                       *rules: dict[str, str | None]) -> dict[str, int]:
    """Northshire with an admin and ``commissioners``, Riverside with Sam, and ``rules`` as the
    council's routing rules in order: a ``..._id`` column names a person, the others are as
    given. Returns the ids by name, as ``make_council_and_provider``."""
    found = make_council_and_provider(
        factory, (("admin", Role.ADMIN), *((name, Role.COMMISSIONER) for name in commissioners)))
    with transaction(factory) as session:
        for position, rule in enumerate(rules, start=1):
            columns = {key: found[value] if key.endswith("_id") and value else value
                       for key, value in rule.items()}
            session.add(RoutingRule(position=position, council_id=found["council"], **columns))
    return found
