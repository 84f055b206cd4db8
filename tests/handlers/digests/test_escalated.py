"""Cases escalated to a commissioner are in their digest, "escalated to you" (session 36's
trial: Tom's digest showed only the scorecard, though a case was escalated to him)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.models import Case, CaseKind, CaseStatus, OrganisationKind, Role
from handlers.cases.service import record
from tests.factories import Clock, make_organisation, make_person
from tests.handlers.digests.support import add_case, utc
from tests.handlers.digests.test_chat import MONDAY_8, _router, _say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


def _escalate(factory: sessionmaker[Session], reference: str, to: int) -> None:
    with transaction(factory) as session:
        case = session.scalars(select(Case).where(Case.reference == reference)).one()
        case.level = 1
        record(session, case, "escalated", actor_id=None, now=utc(2026, 11, 27, 9), level=1,
               to=to, reason="not acknowledged")


def test_a_case_escalated_to_you_is_in_your_digest(
        factory: sessionmaker[Session], database_url: str) -> None:
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    priya = make_person(factory, email="priya@example.org", role=Role.COMMISSIONER,
                        organisation_id=council)
    tom = make_person(factory, email="tom@example.org", role=Role.COMMISSIONER,
                      organisation_id=council)
    escalated = add_case(factory, kind=CaseKind.CONFLICT, council=council, owner=priya,
                         opened_at=utc(2026, 11, 23, 9), status=CaseStatus.ACKNOWLEDGED,
                         acknowledged_at=utc(2026, 11, 24, 9))
    _escalate(factory, escalated, tom)
    # A neighbour: escalated to someone else, not Tom's.
    other = add_case(factory, kind=CaseKind.CONFLICT, council=council, owner=priya,
                     opened_at=utc(2026, 11, 23, 10))
    _escalate(factory, other, priya)
    clock = Clock(MONDAY_8)
    router = _router(factory, database_url, clock)
    said = _say(router, "/digest", "tom@example.org", clock)
    assert re.findall(r"PB-\d{4}-\d{6}[^\n]*", said) == [
        f"{escalated} · conflict · procurement process · 7 days old · escalated to you; Priya's, "
        "waits for its resolution"]
    # The owner's digest lists both, as before.
    assert {line.split(" · ")[0] for line in re.findall(
        r"PB-\d{4}-\d{6}[^\n]*", _say(router, "/digest", "priya@example.org", clock))} == {
        escalated, other}
