"""Cases: routing (away with cover, conflict of interest, default owner), clocks, references."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.db import transaction
from bot.errors import BadInput
from bot.models import CaseEvent, CaseKind, Person, Role, RoutingRule
from handlers.cases import service as cases
from tests.factories import make_person
from tests.handlers.cases.support import (
    CALENDAR,
    POLICY,
    TEMPLATES,
    WEDNESDAY_10AM,
    council_with_rules,
)

NOW = WEDNESDAY_10AM


@pytest.fixture
def ids(factory: sessionmaker[Session]) -> dict[str, int]:
    return council_with_rules(
        factory, ("priya", "tom", "cover", "boss"),
        {"kind": "conflict", "category": "payment", "commissioner_id": "priya",
         "deputy_id": "tom", "level1_id": "boss"},
        {"kind": None, "category": None, "commissioner_id": "tom"})


def _route(factory: sessionmaker[Session], ids: dict[str, int], *, kind: str = "conflict",
           category: str = "payment", parties: tuple[int, ...] = (),
           today: date = date(2026, 11, 25)) -> cases.Routed:
    with factory() as session:
        return cases.route(session, Settings(), council_id=ids["council"], kind=kind,
                           category=category, parties=parties, today=today, templates=TEMPLATES)


def test_the_most_specific_rule_wins(factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    routed = _route(factory, ids)
    assert (routed.assignee_id, routed.chain) == (ids["priya"], (ids["boss"],))
    assert _route(factory, ids, category="contract").assignee_id == ids["tom"]


def test_away_goes_to_the_cover_until_the_date(factory: sessionmaker[Session],
                                                ids: dict[str, int]) -> None:
    with transaction(factory) as session:
        priya = session.get_one(Person, ids["priya"])
        priya.away_until, priya.cover_id = date(2026, 11, 30), ids["cover"]
    assert _route(factory, ids).assignee_id == ids["cover"]
    assert _route(factory, ids, today=date(2026, 12, 1)).assignee_id == ids["priya"]


def test_a_party_never_owns_the_case(factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    assert _route(factory, ids, parties=(ids["priya"],)).assignee_id == ids["tom"]


def test_no_rule_goes_to_the_default_owner(factory: sessionmaker[Session],
                                           ids: dict[str, int]) -> None:
    with transaction(factory) as session:
        for rule in session.scalars(select(RoutingRule)):
            session.delete(rule)
    routed = _route(factory, ids)
    assert (routed.assignee_id, routed.rule_id) == (ids["admin"], None)


@pytest.mark.parametrize(("left", "parties", "new_admin", "owner"), [
    ((), ("admin",), False, "priya"),
    ((), ("admin", "priya"), False, "tom"),
    (("admin",), (), False, "priya"),
    (("admin",), (), True, "new admin"),  # added after every commissioner, still first
], ids=["admin-a-party", "admin-and-priya-parties", "admin-left", "a-later-admin"])
def test_the_default_owner_is_the_council_s_first_active_admin_then_its_first_commissioner(
        factory: sessionmaker[Session], ids: dict[str, int], left: tuple[str, ...],
        parties: tuple[str, ...], new_admin: bool, owner: str) -> None:
    with transaction(factory) as session:
        for rule in session.scalars(select(RoutingRule)):
            session.delete(rule)
        for name in left:
            session.get_one(Person, ids[name]).active = False
    if new_admin:
        ids["new admin"] = make_person(factory, email="new.admin@example.org", role=Role.ADMIN,
                                       organisation_id=ids["council"])
    routed = _route(factory, ids, parties=tuple(ids[name] for name in parties))
    assert (routed.assignee_id, routed.rule_id) == (ids[owner], None)


def test_open_case_gives_a_reference_clocks_and_history(factory: sessionmaker[Session],
                                                        ids: dict[str, int]) -> None:
    with transaction(factory) as session:
        case, notes = cases.open_case(
            session, cases.NewCase(kind=CaseKind.CONFLICT, category="payment",
                                   council_id=ids["council"], provider_id=ids["provider"],
                                   raised_by_id=ids["sam"], description="Invoice 7 unpaid"),
            settings=Settings(), policy=POLICY, calendar=CALENDAR, now=NOW, templates=TEMPLATES)
        reference, owner = case.reference, case.assignee_id
        # Conflict: acknowledge within 2 working days, resolve within 20, by 17:00.
        assert case.acknowledge_due_at == datetime(2026, 11, 27, 17, tzinfo=UTC)
        assert case.resolve_due_at == datetime(2026, 12, 23, 17, tzinfo=UTC)
    assert reference == f"PB-2026-{case.id:06d}"
    assert owner == ids["priya"]
    assert [n.person_id for n in notes] == [ids["priya"]]
    with factory() as session:
        assert session.scalars(select(CaseEvent.action)).all() == ["opened"]
        sam = session.get_one(Person, ids["sam"])
        assert cases.find(session, sam, reference.lower(), templates=TEMPLATES).id == case.id


@pytest.mark.parametrize("text", ["", "   ", "x" * 100_000])
def test_a_bad_description_is_refused(factory: sessionmaker[Session], ids: dict[str, int],
                                      text: str) -> None:
    with pytest.raises(BadInput), transaction(factory) as session:
        cases.open_case(session, cases.NewCase(
            kind=CaseKind.FEEDBACK, category="other", council_id=ids["council"],
            description=text), settings=Settings(), policy=POLICY, calendar=CALENDAR, now=NOW,
            templates=TEMPLATES)
