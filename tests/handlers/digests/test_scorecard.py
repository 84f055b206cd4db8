"""The commitment scorecard against hand-counted fixtures for November 2026."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.models import CaseKind, CaseStatus, DeadlineStatus, Invoice, OrganisationKind, Role
from handlers.digests.scorecard import Ratio, Scorecard, scorecards
from tests.factories import make_organisation, make_person
from tests.handlers.digests.support import CALENDAR, add_case, add_deadline, utc

NOVEMBER = {"first": date(2026, 11, 1), "last": date(2026, 11, 30)}
DONE, OPEN, NA = DeadlineStatus.DONE, DeadlineStatus.OPEN, DeadlineStatus.NOT_APPLICABLE


@pytest.fixture
def november(factory: sessionmaker[Session]) -> dict[str, int]:
    """Two councils' reviews, bid feedback, invoices, conflicts and concerns around November."""
    a = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    b = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL)
    provider = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    owner = make_person(factory, email="priya@example.org", role=Role.COMMISSIONER,
                        organisation_id=a)
    # Reviews of A: on time, early, late, still open, not applicable (left out), due in
    # October and in December (left out), a condition-change revisit on time: 3 of 5.
    for rule, due, status, done in (
            ("initial-review", date(2026, 11, 5), DONE, date(2026, 11, 5)),
            ("monitoring", date(2026, 11, 10), DONE, date(2026, 11, 3)),
            ("monitoring", date(2026, 11, 12), DONE, date(2026, 11, 13)),
            ("initial-review", date(2026, 11, 20), OPEN, None),
            ("monitoring", date(2026, 11, 25), NA, None),
            ("monitoring", date(2026, 10, 31), DONE, date(2026, 10, 30)),
            ("initial-review", date(2026, 12, 1), OPEN, None),
            ("condition-change", date(2026, 11, 28), DONE, date(2026, 11, 28)),
            # Bid feedback of A: on time, a day late, still open on the last day: 1 of 3.
            ("bid-feedback", date(2026, 11, 6), DONE, date(2026, 11, 6)),
            ("bid-feedback", date(2026, 11, 18), DONE, date(2026, 11, 19)),
            ("bid-feedback", date(2026, 11, 30), OPEN, None)):
        add_deadline(factory, rule=rule, reference="P-1", council=a, due_on=due,
                     status=status, done_on=done)
    # Council B: one review, on time; nothing else.
    add_deadline(factory, rule="initial-review", reference="P-2", council=b,
                 due_on=date(2026, 11, 10), status=DONE, done_on=date(2026, 11, 10))
    # Invoices to A (aim = received + 10 days, limit + 30):
    with transaction(factory) as session:
        for number, payer, received, paid in (
                ("I1", a, date(2026, 11, 2), date(2026, 11, 6)),   # aim ✓ limit ✓
                ("I2", a, date(2026, 11, 2), date(2026, 11, 20)),  # aim ✗ limit ✓
                ("I3", a, date(2026, 11, 3), date(2026, 12, 10)),  # aim ✗ limit ✗
                ("I4", a, date(2026, 10, 5), None),                # October: left out
                ("I5", a, date(2026, 11, 10), None),               # aim ✗ (20 Nov), limit open
                ("I6", a, date(2026, 11, 25), None),               # both clocks still running
                ("I7", provider, date(2026, 11, 2), date(2026, 11, 3))):  # not to a council
            session.add(Invoice(number=number, issuer_id=provider, payer_id=payer,
                                amount_pence=10_000, received_on=received, paid_on=paid))
    # Conflicts of A (the period ends at midnight, 1 December, GMT).
    for opened, status, closed in (
            (utc(2026, 11, 28, 10), CaseStatus.OPEN, None),           # 2 days old
            (utc(2026, 11, 10, 9), CaseStatus.IN_PROGRESS, None),     # 20 days old
            (utc(2026, 8, 1, 9), CaseStatus.RESOLVED, utc(2026, 12, 5)),  # open then: 121 days
            (utc(2026, 10, 20, 9), CaseStatus.RESOLVED, utc(2026, 11, 4, 9)),   # 15 days
            (utc(2026, 11, 1, 9), CaseStatus.RESOLVED, utc(2026, 11, 4, 21)),   # 3.5 days
            (utc(2026, 11, 5, 9), CaseStatus.RESOLVED, utc(2026, 11, 15, 9)),   # 10 days
            (utc(2026, 11, 1, 9), CaseStatus.WITHDRAWN, utc(2026, 11, 20, 9)),  # neither
            (utc(2026, 9, 1, 9), CaseStatus.RESOLVED, utc(2026, 10, 1, 9))):    # neither
        add_case(factory, kind=CaseKind.CONFLICT, council=a, owner=owner, opened_at=opened,
                 status=status, closed_at=closed)
    # Safeguarding concerns of A: 30 minutes, exactly the hour, 2 hours, never (all counted),
    # raised in the period's last half hour and not yet acknowledged, raised in October.
    for opened, acknowledged in (
            (utc(2026, 11, 3, 10), utc(2026, 11, 3, 10, 30)),
            (utc(2026, 11, 4, 10), utc(2026, 11, 4, 11)),
            (utc(2026, 11, 5, 10), utc(2026, 11, 5, 12)),
            (utc(2026, 11, 6, 10), None),
            (utc(2026, 11, 30, 23, 30), None),
            (utc(2026, 10, 31, 10), utc(2026, 10, 31, 10, 5))):
        add_case(factory, kind=CaseKind.SAFEGUARDING, council=a, owner=owner,
                 opened_at=opened, acknowledged_at=acknowledged,
                 status=CaseStatus.ACKNOWLEDGED if acknowledged else CaseStatus.OPEN)
    return {"a": a, "b": b, "provider": provider}


def _cards(factory: sessionmaker[Session], councils: list[int], **period: date
           ) -> dict[int, Scorecard]:
    with factory() as session:
        return scorecards(session, councils, timezone="Europe/London", calendar=CALENDAR,
                          **(period or NOVEMBER))


def test_each_figure_against_the_hand_count(factory: sessionmaker[Session],
                                            november: dict[str, int]) -> None:
    card = _cards(factory, [november["a"], november["b"]])[november["a"]]
    assert card == Scorecard(
        first=date(2026, 11, 1), last=date(2026, 11, 30),
        reviews_on_time=Ratio(3, 5),
        invoices_within_aim=Ratio(1, 4),
        invoices_within_limit=Ratio(2, 3),
        bid_feedback_on_time=Ratio(1, 3),
        conflicts_open=(("under 1 week", 1), ("1-4 weeks", 1), ("4-12 weeks", 0),
                        ("over 12 weeks", 1)),
        conflicts_resolved=3,
        median_days_to_resolve=10.0,
        safeguarding_acknowledged=Ratio(2, 4),
    )
    assert [ratio.percent for ratio in (card.reviews_on_time, card.invoices_within_aim,
                                        card.invoices_within_limit, card.bid_feedback_on_time,
                                        card.safeguarding_acknowledged)] == [60, 25, 67, 33, 50]


def test_another_council_counts_only_its_own(factory: sessionmaker[Session],
                                             november: dict[str, int]) -> None:
    card = _cards(factory, [november["a"], november["b"]])[november["b"]]
    assert card == Scorecard(first=date(2026, 11, 1), last=date(2026, 11, 30),
                             reviews_on_time=Ratio(1, 1))


def test_an_empty_period_has_no_data(factory: sessionmaker[Session],
                                     november: dict[str, int]) -> None:
    card = _cards(factory, [november["a"]], first=date(2026, 1, 1),
                  last=date(2026, 1, 31))[november["a"]]
    assert card == Scorecard(first=date(2026, 1, 1), last=date(2026, 1, 31))
    assert card.reviews_on_time.percent is None
    assert card.median_days_to_resolve is None
    assert not card.has_data


def test_a_fixed_number_of_queries_for_any_number_of_councils(
        engine: Engine, factory: sessionmaker[Session], november: dict[str, int]) -> None:
    statements: list[str] = []

    def count(*args: object) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):
            statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        _cards(factory, [november["a"]])
        one = len(statements)
        statements.clear()
        _cards(factory, [november["a"], november["b"], november["provider"]])
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == one == 4
