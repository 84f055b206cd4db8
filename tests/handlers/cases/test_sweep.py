"""The SLA ladder: driven through an injected clock, by four sweepers at once, and after a
sweeper dies holding a claim."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.db import transaction
from bot.errors import PermanentDeliveryError
from bot.messages import Delivery
from bot.models import (
    Case,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Channel,
    Organisation,
    OutboxMessage,
    OutboxStatus,
    Person,
    Placement,
    Role,
    RoutingRule,
    Tender,
)
from bot.outbox import OutboxPolicy, OutboxSender, purge_delivered
from handlers.cases import service as cases
from handlers.cases.sweep import EscalationResult, check_claimed, claim_due_cases, sweep_cases
from tests.factories import count_rows, in_parallel, make_person
from tests.handlers.cases.support import (
    CALENDAR,
    POLICY,
    TEMPLATES,
    WEDNESDAY_10AM,
    council_with_rules,
)

ZONE = "Europe/London"
SETTINGS = Settings()
OPENED = WEDNESDAY_10AM


# The one routing rule: Priya owns every case, and it climbs to her lead, the head of service
# and the director in turn.
LADDER: dict[str, str | None] = {
    "commissioner_id": "priya", "level1_id": "lead", "level2_id": "head", "level3_id": "director"}


@pytest.fixture
def ids(factory: sessionmaker[Session]) -> dict[str, int]:
    return council_with_rules(factory, ("priya", "lead", "head", "director"), LADDER)


def _sweep(factory: sessionmaker[Session], *, now: datetime, **options: Any
           ) -> EscalationResult:
    """One SLA sweep at ``now`` with this file's settings, policy, calendar and templates."""
    return sweep_cases(factory, now=now, settings=SETTINGS, policy=POLICY, calendar=CALENDAR,
                       templates=TEMPLATES, **options)


@contextmanager
def _acting(factory: sessionmaker[Session], person_id: int,
            reference: str) -> Iterator[tuple[Session, Person, Case]]:
    """In one transaction: the session, the person, and the case they act on (locked)."""
    with transaction(factory) as session:
        person = session.get_one(Person, person_id)
        yield session, person, cases.find(session, person, reference, for_update=True,
                                          templates=TEMPLATES)


def _open(factory: sessionmaker[Session], ids: dict[str, int], *, count: int = 1,
          kind: CaseKind = CaseKind.CONFLICT, now: datetime = OPENED) -> list[str]:
    references = []
    with transaction(factory) as session:
        for number in range(count):
            case, _notes = cases.open_case(session, cases.NewCase(
                kind=kind, category="payment", council_id=ids["council"],
                provider_id=ids["provider"], raised_by_id=ids["sam"],
                description=f"Invoice {number} unpaid for 40 days"),
                settings=SETTINGS, policy=POLICY, calendar=CALENDAR, now=now, templates=TEMPLATES)
            references.append(case.reference)
    return references


def _escalations(factory: sessionmaker[Session]) -> list[tuple[str, int, str]]:
    """(when, to whom, first line) of every escalation message queued, in order."""
    with factory() as session:
        rows = session.execute(
            select(OutboxMessage.created_at, OutboxMessage.person_id, OutboxMessage.payload)
            .where(OutboxMessage.kind == "case.escalated")
            .order_by(OutboxMessage.created_at, OutboxMessage.id)).all()
    return [(f"{at:%Y-%m-%d %H:%M}", person, payload["text"].splitlines()[0])
            for at, person, payload in rows if not payload["text"].startswith("Your case")]


def _sweep_hourly(factory: sessionmaker[Session], start: datetime, end: datetime,
                  actions: dict[datetime, str] | None = None, ids: dict[str, int] | None = None,
                  reference: str = "") -> int:
    """Sweep every hour from start to end; at the given moments, act on the case first."""
    total = 0
    moment = start
    while moment <= end:
        for when, action in (actions or {}).items():
            if moment - timedelta(hours=1) < when <= moment:
                assert ids is not None
                with _acting(factory, ids["priya"], reference) as (session, person, case):
                    if action == "acknowledge":
                        cases.acknowledge(session, case, person, now=when, timezone=ZONE,
                                          policy=POLICY, calendar=CALENDAR, templates=TEMPLATES)
                    elif action == "propose":
                        cases.propose(session, case, person, "We'll pay this week", now=when,
                                      policy=POLICY, calendar=CALENDAR, templates=TEMPLATES)
        total += _sweep(factory, now=moment).escalated
        moment += timedelta(hours=1)
    return total


@pytest.mark.one_database_each  # what is sent when, not the database's part (tests/conftest.py)
def test_the_whole_ladder_through_an_injected_clock(factory: sessionmaker[Session],
                                                     ids: dict[str, int]) -> None:
    [reference] = _open(factory, ids)
    # Conflict: acknowledge by Fri 27 Nov 2026 17:00, resolve by Wed 23 Dec 2026 17:00 (20 working
    # days). Priya acknowledges late, on Monday 30 November at 11:00.
    escalated = _sweep_hourly(factory, OPENED, datetime(2027, 1, 20, tzinfo=UTC),
                              {datetime(2026, 11, 30, 11, tzinfo=UTC): "acknowledge"},
                              ids, reference)
    assert escalated == 3
    assert _escalations(factory) == [
        # Not acknowledged in time: level 1, at the first sweep after the clock ran out.
        ("2026-11-27 17:00", ids["lead"],
         f"Case {reference} is escalated to you (level 1): not acknowledged by Fri 27 Nov "
         "2026 17:00."),
        # Not resolved in time: level 2.
        ("2026-12-23 17:00", ids["head"],
         f"Case {reference} is escalated to you (level 2): not resolved by Wed 23 Dec 2026 "
         "17:00."),
        # Five working days later (24 Dec, 29, 30, 31 Dec, 4 Jan: Christmas, the Boxing Day
        # substitute on Monday 28 December and New Year's Day are not working days): level 3.
        ("2027-01-04 17:00", ids["director"],
         f"Case {reference} is escalated to you (level 3, the top of the ladder): not "
         "resolved by Wed 23 Dec 2026 17:00."),
    ]
    with factory() as session:
        case = session.scalars(select(Case)).one()
        assert (case.level, case.next_check_at, case.claim_token) == (3, None, None)
        actions = session.scalars(select(CaseEvent.action).order_by(CaseEvent.id)).all()
        assert actions == ["opened", "escalated", "acknowledged", "escalated", "escalated"]
        told = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.person_id == ids["sam"],
            OutboxMessage.kind == "case.escalated")).all()
    # The provider is told of every step.
    assert len(told) == 3
    assert "passed to Lead, a senior commissioner. We'll keep chasing it." in told[0]["text"]


@pytest.mark.one_database_each  # what is sent when, not the database's part (tests/conftest.py)
def test_acknowledged_in_time_and_a_pending_proposal_escalate_nothing(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    [reference] = _open(factory, ids)
    escalated = _sweep_hourly(
        factory, OPENED, datetime(2027, 1, 20, tzinfo=UTC),
        {datetime(2026, 11, 26, 9, tzinfo=UTC): "acknowledge",
         datetime(2026, 12, 10, 9, tzinfo=UTC): "propose"}, ids, reference)
    # Acknowledged in time; a proposal waits on the provider, so the ladder pauses.
    assert escalated == 0
    assert _escalations(factory) == []


def test_safeguarding_escalates_within_the_hour_at_any_time(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    saturday_night = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)
    _open(factory, ids, kind=CaseKind.SAFEGUARDING, now=saturday_night)
    early = _sweep(factory, now=saturday_night + timedelta(minutes=59))
    late = _sweep(factory, now=saturday_night + timedelta(minutes=61))
    assert (early.escalated, late.escalated) == (0, 1)
    with factory() as session:
        urgent = session.scalars(select(OutboxMessage.urgent).where(
            OutboxMessage.kind == "case.escalated")).all()
    assert urgent == [True, True]  # the lead and the raiser, at once, on a Saturday night


def test_without_a_chain_the_owner_s_escalation_contact_then_the_default_owner(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    with transaction(factory) as session:
        rule = session.scalars(select(RoutingRule)).one()
        rule.level1_id = rule.level2_id = rule.level3_id = None
        session.get_one(Person, ids["priya"]).escalation_contact_id = ids["head"]
    _open(factory, ids)
    _sweep(factory, now=datetime(2026, 11, 27, 17, tzinfo=UTC))
    assert [to for _at, to, _text in _escalations(factory)] == [ids["head"]]
    with transaction(factory) as session:
        session.get_one(Person, ids["priya"]).escalation_contact_id = None
    _open(factory, ids)
    _sweep(factory, now=datetime(2026, 11, 27, 17, tzinfo=UTC))
    assert [to for _at, to, _text in _escalations(factory)] == [ids["head"], ids["admin"]]


def _concurrent(url: str, now: datetime) -> list[int]:
    return in_parallel(url, lambda sessions: sweep_cases(
        sessions, now=now, settings=SETTINGS, policy=POLICY, calendar=CALENDAR, batch=20,
        templates=TEMPLATES).escalated)


def test_four_sweepers_escalate_each_case_once(factory: sessionmaker[Session],
                                               database_url: str, ids: dict[str, int]) -> None:
    _open(factory, ids, count=120)
    late = datetime(2026, 11, 27, 17, 1, tzinfo=UTC)
    assert sum(_concurrent(database_url, late)) == 120
    assert sum(_concurrent(database_url, late + timedelta(minutes=1))) == 0
    with factory() as session:
        keys = session.scalars(select(OutboxMessage.idempotency_key).where(
            OutboxMessage.kind == "case.escalated")).all()
        events = session.scalar(select(func.count()).select_from(CaseEvent).where(
            CaseEvent.action == "escalated"))
        levels = set(session.scalars(select(Case.level)))
        claimed = session.scalar(select(func.count()).select_from(Case).where(
            Case.claim_token.is_not(None)))
    assert len(keys) == len(set(keys)) == 240  # the level-1 person and the raiser, per case
    assert (events, levels, claimed) == (120, {1}, 0)


def test_a_sweeper_killed_after_claiming_is_taken_over_after_the_lease(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    _open(factory, ids, count=5)
    now = datetime(2026, 11, 27, 17, 1, tzinfo=UTC)
    lease = timedelta(minutes=5)
    claimed = claim_due_cases(factory, now=now, lease=lease, batch=100, token="dead")
    assert len(claimed) == 5  # ... and the process dies here
    soon = _sweep(factory, now=now + timedelta(minutes=1), lease=lease)
    later = _sweep(factory, now=now + timedelta(minutes=6), lease=lease)
    assert (soon.escalated, later.escalated) == (0, 5)
    zombie = check_claimed(factory, claimed, "dead", now=now + timedelta(minutes=7),
                           settings=SETTINGS, policy=POLICY, calendar=CALENDAR,
                           templates=TEMPLATES)
    assert zombie.claimed == 0
    assert len(_escalations(factory)) == 5


def test_closed_cases_are_never_escalated(factory: sessionmaker[Session],
                                          ids: dict[str, int]) -> None:
    [reference] = _open(factory, ids)
    with _acting(factory, ids["priya"], reference) as (session, priya, case):
        cases.resolve(session, case, priya, "Paid on 26 November", now=OPENED, templates=TEMPLATES,
                      policy=POLICY)
    result = _sweep(factory, now=datetime(2027, 3, 1, tzinfo=UTC))
    assert (result.claimed, result.escalated) == (0, 0)
    with factory() as session:
        assert session.scalars(select(Case.status)).one() == CaseStatus.RESOLVED


def test_acting_on_an_overdue_case_never_makes_it_climb_a_minute_later(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    [reference] = _open(factory, ids)
    overdue = datetime(2026, 12, 23, 17, 1, tzinfo=UTC)  # past both clocks, never acknowledged
    assert _sweep(factory, now=overdue).escalated == 1
    next_morning = datetime(2026, 12, 24, 9, tzinfo=UTC)
    with _acting(factory, ids["priya"], reference) as (session, priya, case):
        cases.acknowledge(session, case, priya, now=next_morning,
                          timezone=ZONE, policy=POLICY, calendar=CALENDAR, templates=TEMPLATES)
        # Asking the provider pauses the ladder until they answer.
        cases.ask_information(session, case, priya, "Which invoice?", now=next_morning,
                              templates=TEMPLATES)
        assert case.next_check_at is None
    soon = _sweep(factory, now=next_morning + timedelta(minutes=1))
    assert soon.escalated == 0
    with _acting(factory, ids["sam"], reference) as (session, sam, case):
        cases.comment(session, case, sam, "INV-7", now=next_morning + timedelta(hours=1),
                      policy=POLICY, calendar=CALENDAR, templates=TEMPLATES)
        # Answered: the ladder runs again, five working days on (29, 30, 31 Dec, 4, 5 Jan).
        assert case.next_check_at == datetime(2027, 1, 5, 17, tzinfo=UTC)
    assert _sweep(factory, now=datetime(2027, 1, 5, 16, tzinfo=UTC)).escalated == 0


def test_an_unacknowledged_safeguarding_case_climbs_every_hour(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    saturday_night = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)
    _open(factory, ids, kind=CaseKind.SAFEGUARDING, now=saturday_night)
    moments = [saturday_night + timedelta(minutes=30 * step) for step in range(1, 12)]
    levels = []
    for moment in moments:
        _sweep(factory, now=moment)
        with factory() as session:
            levels.append(session.scalars(select(Case.level)).one())
    # 60 minutes after it was raised, then every 60 minutes, up to the top of the ladder.
    assert levels == [0, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3]


@pytest.mark.parametrize("about", ["placement", "tender"])
def test_escalation_never_goes_to_a_party_to_the_case(factory: sessionmaker[Session],
                                                      ids: dict[str, int], about: str) -> None:
    with transaction(factory) as session:
        concerned: Placement | Tender = Placement(
            reference="RV-1", council_id=ids["council"], provider_id=ids["provider"],
            commissioner_id=ids["lead"], provider_contact_id=ids["sam"],
            started_on=date(2026, 6, 1)) if about == "placement" else Tender(
            reference="T-9", council_id=ids["council"], commissioner_id=ids["lead"],
            title="Home care", published_on=date(2026, 10, 1))
        session.add(concerned)
        session.flush()
        cases.open_case(session, cases.NewCase(
            kind=CaseKind.CONFLICT, category="payment", council_id=ids["council"],
            provider_id=ids["provider"], raised_by_id=ids["sam"],
            placement_id=concerned.id if about == "placement" else None,
            tender_id=concerned.id if about == "tender" else None,
            description=f"Lead's {about} is late"), settings=SETTINGS, policy=POLICY,
            calendar=CALENDAR, now=OPENED, templates=TEMPLATES)
    _sweep(factory, now=datetime(2026, 11, 27, 17, 1, tzinfo=UTC))
    # Lead (level 1) is the placement's commissioner: the default owner is told instead,
    # and why (session 37's trial: "escalated to you (level 1)" while the routing rule
    # named someone else at level 1).
    assert [to for _at, to, _text in _escalations(factory)] == [ids["admin"]]
    [text] = _texts_to(factory, ids["admin"])
    with factory() as session:
        lead = session.get_one(Person, ids["lead"]).name
    assert (f"Level 1 was passed over: {lead} is a party to the case (the {about} is theirs)."
            in text.splitlines())


@pytest.mark.one_database_each  # what is sent when, not the database's part (tests/conftest.py)
def test_a_proposal_left_unanswered_reminds_the_provider_not_the_ladder(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    [reference] = _open(factory, ids)
    with _acting(factory, ids["priya"], reference) as (session, priya, case):
        cases.propose(session, case, priya, "We pay INV-7 on Friday", now=OPENED,
                      policy=POLICY, calendar=CALENDAR, templates=TEMPLATES)
    # Proposed on Wed 25 Nov: reminders on Wed 2 Dec and Wed 9 Dec at 17:00, no levels.
    _sweep_hourly(factory, OPENED, datetime(2026, 12, 10, tzinfo=UTC))
    with factory() as session:
        waiting = session.execute(
            select(OutboxMessage.created_at, OutboxMessage.person_id, OutboxMessage.payload)
            .where(OutboxMessage.kind == "case.proposal_waiting")
            .order_by(OutboxMessage.id)).all()
        level = session.scalars(select(Case.level)).one()
    assert [(at, person) for at, person, _payload in waiting] == [
        (datetime(2026, 12, 2, 17, tzinfo=UTC), ids["sam"]),
        (datetime(2026, 12, 9, 17, tzinfo=UTC), ids["sam"])]
    assert waiting[0][2]["text"].startswith(
        f"A resolution to your case {reference} is waiting for your answer")
    assert [b["label"] for b in waiting[0][2]["buttons"]] == ["Accept", "Reject"]
    assert level == 0
    assert _escalations(factory) == []


def test_rejecting_a_proposal_on_an_overdue_case_gives_the_council_time(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    [reference] = _open(factory, ids)
    with _acting(factory, ids["priya"], reference) as (session, priya, case):
        cases.propose(session, case, priya, "We pay on Friday",
                      now=datetime(2026, 12, 21, 10, tzinfo=UTC), policy=POLICY, calendar=CALENDAR,
                      templates=TEMPLATES)
    rejected_at = datetime(2026, 12, 24, 10, tzinfo=UTC)  # after the resolve clock ran out
    with _acting(factory, ids["sam"], reference) as (session, sam, case):
        cases.reject(session, case, sam, "Friday is too late", now=rejected_at,
                     policy=POLICY, calendar=CALENDAR, templates=TEMPLATES)
        # Five working days (29, 30, 31 Dec, 4, 5 Jan), not the provider-reminder time.
        assert case.next_check_at == datetime(2027, 1, 5, 17, tzinfo=UTC)
    assert _sweep(factory, now=rejected_at + timedelta(minutes=1)).escalated == 0


def test_after_the_service_was_down_a_case_goes_to_the_level_it_has_reached(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 22's review: a concern raised on 23 Nov and first swept 12 days later went to
    # level 1 only, citing the resolve deadline rather than the missed hour.
    saturday_night = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)
    [concern] = _open(factory, ids, kind=CaseKind.SAFEGUARDING, now=saturday_night)
    [conflict] = _open(factory, ids, now=OPENED)
    # The conflict, first swept on Mon 4 Jan: level 1 on 27 Nov, level 2 on 4 Dec (five
    # working days on, still not acknowledged), level 3 on 11 Dec: the top.
    assert _sweep(factory, now=datetime(2027, 1, 4, 9, tzinfo=UTC)).escalated == 2
    with factory() as session:
        levels = dict(session.execute(select(Case.reference, Case.level)).all())
        events = session.scalars(select(CaseEvent.detail).where(
            CaseEvent.action == "escalated").order_by(CaseEvent.case_id)).all()
    assert levels == {concern: 3, conflict: 3}
    # One step in each history, one message to the person at the top, none to levels 1-2.
    assert [detail["level"] for detail in events] == [3, 3]
    assert [(to, line) for _at, to, line in _escalations(factory)] == [
        (ids["director"], f"URGENT: Case {concern} is escalated to you (level 3, the top of "
                          "the ladder): not acknowledged by Sun 29 Nov 2026 00:30, nor "
                          "resolved by " + _resolve_by(factory, concern) + "."),
        (ids["director"], f"Case {conflict} is escalated to you (level 3, the top of the "
                          "ladder): not acknowledged by Fri 27 Nov 2026 17:00, nor resolved "
                          "by Wed 23 Dec 2026 17:00."),
    ]
    # Enough to act on from the message alone: whose it is, and a concern's own words (session
    # 26's trial: only "Safeguarding concern (...)").
    with factory() as session:
        texts = {payload["text"].split("Case ")[1].split()[0]: payload["text"]
                 for payload in session.scalars(
            select(OutboxMessage.payload).where(OutboxMessage.kind == "case.escalated",
                                                OutboxMessage.person_id == ids["director"]))}
    provider = _provider(factory, ids)
    assert f"· from {provider}\n" in texts[concern]
    assert "“Invoice 0 unpaid for 40 days”" in texts[concern]
    assert f"· from {provider}\n" in texts[conflict]
    assert texts[conflict].count("“") == 1  # its summary only
    # And which levels it passed over, and why (session 27).
    assert ("Level 1 (Lead) was passed over: its turn came on Fri 27 Nov 2026 17:00, while "
            "the SLA check was not running.\nLevel 2 (Head) was passed over: its turn came on "
            "Fri 4 Dec 2026 17:00, while the SLA check was not running.") in texts[conflict]


def _resolve_by(factory: sessionmaker[Session], reference: str) -> str:
    with factory() as session:
        due = session.scalars(select(Case.resolve_due_at).where(
            Case.reference == reference)).one()
    return cases.when(due, ZONE)


def _provider(factory: sessionmaker[Session], ids: dict[str, int]) -> str:
    with factory() as session:
        return session.get_one(Organisation, ids["provider"]).name


def _texts_to(factory: sessionmaker[Session], person_id: int) -> list[str]:
    """The words of every escalation queued for ``person_id``, in order."""
    with factory() as session:
        return [payload["text"] for payload in session.scalars(
            select(OutboxMessage.payload).where(OutboxMessage.kind == "case.escalated",
                                                OutboxMessage.person_id == person_id)
            .order_by(OutboxMessage.id))]


def _ladder(factory: sessionmaker[Session], ids: dict[str, int], *levels: str | None) -> None:
    with transaction(factory) as session:
        rule = session.scalars(select(RoutingRule)).one()
        rule.level1_id, rule.level2_id, rule.level3_id = (
            ids[name] if name else None for name in levels)


# Not acknowledged by Fri 27 Nov 17:00 (level 1), still not five working days on (level 2).
LEVEL_1_DUE = datetime(2026, 11, 27, 17, 1, tzinfo=UTC)
LEVEL_2_DUE = datetime(2026, 12, 4, 17, 1, tzinfo=UTC)


def test_a_person_named_at_two_levels_is_told_once_and_the_case_goes_on_to_the_next(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 27's brief: with Lead at levels 1 and 2, the case "escalated" to Lead again.
    _ladder(factory, ids, "lead", "lead", "director")
    [reference] = _open(factory, ids)
    _sweep(factory, now=LEVEL_1_DUE)
    assert _sweep(factory, now=LEVEL_2_DUE).escalated == 1
    assert [(to, line) for _at, to, line in _escalations(factory)] == [
        (ids["lead"], f"Case {reference} is escalated to you (level 1): not acknowledged by "
                      "Fri 27 Nov 2026 17:00."),
        (ids["director"], f"Case {reference} is escalated to you (level 3, the top of the "
                          "ladder): not acknowledged by Fri 27 Nov 2026 17:00."),
    ]
    [director] = _texts_to(factory, ids["director"])
    assert "Level 2 was passed over: Lead is there too, told at level 1." in director
    with factory() as session:
        case = session.scalars(select(Case)).one()
        steps = session.scalars(select(CaseEvent.detail).where(
            CaseEvent.action == "escalated").order_by(CaseEvent.id)).all()
    assert (case.level, case.next_check_at) == (3, None)
    assert [(step["level"], step["to"], step.get("passed", [])) for step in steps] == [
        (1, ids["lead"], []), (3, ids["director"], [2])]


def test_a_level_naming_the_case_s_owner_passes_to_the_next_person(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Priya holds the case and is named at level 2: telling her tells nobody new.
    _ladder(factory, ids, "lead", "priya", "director")
    _open(factory, ids)
    _sweep(factory, now=LEVEL_1_DUE)
    _sweep(factory, now=LEVEL_2_DUE)
    assert [to for _at, to, _line in _escalations(factory)] == [ids["lead"], ids["director"]]
    [director] = _texts_to(factory, ids["director"])
    assert "Level 2 was passed over: Priya is there, and already holds the case." in director


def test_with_nobody_new_left_on_the_ladder_the_default_owner_is_told_it_has_ended(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # The admin (the council's default owner) is every level: told at level 1, then told once
    # more that nobody new is left, and the ladder ends there (no third message).
    _ladder(factory, ids, "admin", "admin", None)
    [reference] = _open(factory, ids)
    _sweep(factory, now=LEVEL_1_DUE)
    _sweep(factory, now=LEVEL_2_DUE)
    _sweep(factory, now=datetime(2027, 1, 20, 9, tzinfo=UTC))
    assert [(to, line) for _at, to, line in _escalations(factory)] == [
        (ids["admin"], f"Case {reference} is escalated to you (level 1): not acknowledged by "
                       "Fri 27 Nov 2026 17:00."),
        (ids["admin"], f"Case {reference} has reached the end of its escalation ladder: not "
                       "acknowledged by Fri 27 Nov 2026 17:00."),
    ]
    [_first, end] = _texts_to(factory, ids["admin"])
    assert ("Nobody new is left to tell: Admin has been told already. It stays with Priya; "
            "please see that someone acts on it.") in end
    with factory() as session:
        assert session.scalars(select(Case.level)).one() == 3


def test_a_late_sweep_tells_the_level_reached_once_and_says_which_levels_it_passed_over(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 27's brief: serve was down from Thursday to Monday. Level 1 (Lead) fell due on
    # Fri 27 Nov and level 2 (Head) on Fri 4 Dec. The case goes to Head, once, and Head is
    # told that Lead was passed over and why; Lead is not sent a step that is already past.
    [reference] = _open(factory, ids)
    monday = datetime(2026, 12, 7, 9, tzinfo=UTC)
    assert _sweep(factory, now=monday).escalated == 1
    assert _sweep(factory, now=monday + timedelta(minutes=1)).escalated == 0
    assert [(to, line) for _at, to, line in _escalations(factory)] == [
        (ids["head"], f"Case {reference} is escalated to you (level 2): not acknowledged by "
                      "Fri 27 Nov 2026 17:00.")]
    [head] = _texts_to(factory, ids["head"])
    assert ("Level 1 (Lead) was passed over: its turn came on Fri 27 Nov 2026 17:00, while "
            "the SLA check was not running.") in head
    with factory() as session:
        [step] = session.execute(select(CaseEvent.text, CaseEvent.detail).where(
            CaseEvent.action == "escalated")).all()
        raiser = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.person_id == ids["sam"],
            OutboxMessage.kind == "case.escalated")).one()
    assert (step.detail["level"], step.detail["to"], step.detail["passed"]) == (
        2, ids["head"], [1])
    assert step.text == (
        "Escalated to Head (level 2): not acknowledged in time.\nLevel 1 (Lead) was passed "
        "over: its turn came on Fri 27 Nov 2026 17:00, while the SLA check was not running.")
    assert raiser["text"] == (f"Your case {reference} was not acknowledged by Fri 27 Nov 2026 "
                              "17:00, so it has been passed to Head, a senior commissioner. "
                              "We'll keep chasing it.")


# -- session 27's second review: "told" means a message that reaches its person -------------
RESOLVE_MISSED = datetime(2026, 12, 23, 17, 1, tzinfo=UTC)


def _deliver(factory: sessionmaker[Session], now: datetime, *,
             refusing: str | None = None) -> list[tuple[str, str]]:
    """Run the console channel's outbox sender over what is queued at ``now``: (address,
    kind) of each message delivered. A message to ``refusing`` fails for good (the bot is
    blocked, say), so it is dead-lettered."""
    delivered: list[tuple[str, str]] = []

    async def deliver(delivery: Delivery) -> None:
        if delivery.address == refusing:
            raise PermanentDeliveryError("blocked by the user")
        delivered.append((delivery.address, delivery.kind))

    sender = OutboxSender(factory, Channel.CONSOLE, deliver, policy=OutboxPolicy(),
                          rate_per_second=1e6, clock=lambda: now)
    asyncio.run(sender.drain())
    return delivered


def _acknowledge(factory: sessionmaker[Session], ids: dict[str, int], reference: str,
                 now: datetime) -> None:
    with _acting(factory, ids["priya"], reference) as (session, priya, case):
        cases.acknowledge(session, case, priya, now=now, timezone=ZONE, policy=POLICY,
                          calendar=CALENDAR, templates=TEMPLATES)


def _steps(factory: sessionmaker[Session]) -> list[tuple[int, int, list[int]]]:
    """(level, to whom, levels passed over) of each escalation in the case's history."""
    with factory() as session:
        return [(step["level"], step["to"], step.get("passed", []))
                for step in session.scalars(select(CaseEvent.detail).where(
                    CaseEvent.action == "escalated").order_by(CaseEvent.id))]


@pytest.mark.parametrize("sender_ran", [True, False], ids=["withdrawn", "to-be-withdrawn"])
def test_an_escalation_withdrawn_unsent_has_told_nobody_so_its_person_is_told_next_time(
        factory: sessionmaker[Session], ids: dict[str, int], sender_ran: bool) -> None:
    # Session 27's second review: Priya acknowledged before Lead's level-1 message went, so
    # it was withdrawn; the level-2 sweep then passed Lead over as "told at level 1" and went
    # to Director. Lead never heard of the case. The same while the withdrawal is still to
    # come (the sender not yet run: the message will never be sent).
    _ladder(factory, ids, "lead", "lead", "director")
    [reference] = _open(factory, ids)
    _sweep(factory, now=LEVEL_1_DUE)
    _acknowledge(factory, ids, reference, LEVEL_1_DUE + timedelta(minutes=5))
    if sender_ran:  # neither Lead nor Sam hears of the escalation
        assert _deliver(factory, LEVEL_1_DUE + timedelta(minutes=6)) == []
    assert _sweep(factory, now=RESOLVE_MISSED).escalated == 1
    assert [(to, line) for _at, to, line in _escalations(factory)] == [
        (ids["lead"], f"Case {reference} is escalated to you (level 1): not acknowledged by "
                      "Fri 27 Nov 2026 17:00."),
        (ids["lead"], f"Case {reference} is escalated to you (level 2): not resolved by Wed "
                      "23 Dec 2026 17:00."),
    ]
    [_withdrawn, told] = _texts_to(factory, ids["lead"])
    assert "passed over" not in told
    assert _steps(factory) == [(1, ids["lead"], []), (2, ids["lead"], [])]
    # And it reaches Lead (the level-1 message, if still waiting, never does).
    assert _deliver(factory, RESOLVE_MISSED + timedelta(minutes=1)) == [
        ("lead@example.org", "case.escalated"), ("sam@example.org", "case.escalated")]
    with factory() as session:
        case = session.scalars(select(Case)).one()
        statuses = session.execute(select(OutboxMessage.person_id, OutboxMessage.status).where(
            OutboxMessage.kind == "case.escalated").order_by(OutboxMessage.id)).all()
    assert case.level == 2
    assert [tuple(row) for row in statuses] == [
        (ids["lead"], OutboxStatus.WITHDRAWN), (ids["sam"], OutboxStatus.WITHDRAWN),
        (ids["lead"], OutboxStatus.SENT), (ids["sam"], OutboxStatus.SENT)]


def test_an_escalation_dead_lettered_has_told_nobody_so_its_person_is_told_next_time(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    _ladder(factory, ids, "lead", "lead", "director")
    [reference] = _open(factory, ids)
    _sweep(factory, now=LEVEL_1_DUE)
    assert ("lead@example.org", "case.escalated") not in _deliver(
        factory, LEVEL_1_DUE + timedelta(minutes=1), refusing="lead@example.org")
    assert _sweep(factory, now=LEVEL_2_DUE).escalated == 1
    assert [(to, line) for _at, to, line in _escalations(factory)] == [
        (ids["lead"], f"Case {reference} is escalated to you (level 1): not acknowledged by "
                      "Fri 27 Nov 2026 17:00."),
        (ids["lead"], f"Case {reference} is escalated to you (level 2): not acknowledged by "
                      "Fri 27 Nov 2026 17:00."),
    ]
    assert _steps(factory) == [(1, ids["lead"], []), (2, ids["lead"], [])]


def test_a_withdrawn_escalation_is_kept_while_its_case_is_open_to_know_who_was_never_told(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Lead at levels 1 and 3; Lead's level-1 message was withdrawn (acknowledged in time for
    # it). Level 3 falls due on Mon 4 Jan, 38 days later: the nightly purge (30 days) must not
    # have taken the withdrawn row, or Lead would pass for told and be passed over again.
    _ladder(factory, ids, "lead", "head", "lead")
    [reference] = _open(factory, ids)
    _sweep(factory, now=LEVEL_1_DUE)
    _acknowledge(factory, ids, reference, LEVEL_1_DUE + timedelta(minutes=5))
    _deliver(factory, LEVEL_1_DUE + timedelta(minutes=6))
    _sweep(factory, now=RESOLVE_MISSED)
    _deliver(factory, RESOLVE_MISSED + timedelta(minutes=1))
    level_3_due = datetime(2027, 1, 4, 17, 1, tzinfo=UTC)
    purge_delivered(factory, keep=timedelta(days=30), now=level_3_due - timedelta(hours=14))
    assert _sweep(factory, now=level_3_due).escalated == 1
    assert [to for _at, to, _line in _escalations(factory)] == [
        ids["lead"], ids["head"], ids["lead"]]
    assert _steps(factory) == [(1, ids["lead"], []), (2, ids["head"], []),
                               (3, ids["lead"], [])]
    # Once the case is closed, the purge takes it.
    with _acting(factory, ids["priya"], reference) as (session, priya, case):
        cases.resolve(session, case, priya, "Paid", now=level_3_due, templates=TEMPLATES,
                      policy=POLICY)
    assert purge_delivered(factory, keep=timedelta(days=30),
                           now=level_3_due + timedelta(hours=10)) == 2
    with factory() as session:
        assert session.scalars(select(OutboxMessage.status).where(
            OutboxMessage.status == OutboxStatus.WITHDRAWN)).all() == []


# -- session 27's second review: a level with nobody to tell, and a late sweep's top level ---
def _away(factory: sessionmaker[Session], *names_ids: int) -> None:
    """Away until next summer, with nobody to cover."""
    with transaction(factory) as session:
        for person_id in names_ids:
            session.get_one(Person, person_id).away_until = date(2027, 6, 1)


def _left(factory: sessionmaker[Session], person_id: int) -> None:
    with transaction(factory) as session:
        session.get_one(Person, person_id).active = False


@pytest.mark.parametrize(("ladder", "away", "left", "first", "why"), [
    # Admin (the default owner, who stands in) at level 1; Head away.
    (("admin", "head", "director"), ("head",), None, "admin",
     "Head is away, with nobody to cover, and Admin, who stands in, has been told already."),
    # Lead and Head both away: Admin stands in for Lead at level 1, and has been told.
    (("lead", "head", "director"), ("lead", "head"), None, "admin",
     "Head is away, with nobody to cover, and Admin, who stands in, has been told already."),
    (("admin", "head", "director"), (), "head", "admin",
     "Head has left, and Admin, who stands in, has been told already."),
], ids=["away", "two-away", "left"])
def test_after_a_level_with_nobody_new_to_tell_the_case_climbs_on_to_the_next_person(
        factory: sessionmaker[Session], ids: dict[str, int], ladder: tuple[str, str, str],
        away: tuple[str, ...], left: str | None, first: str, why: str) -> None:
    # Session 27's second review: with Head away and Admin told at level 1 already, the
    # level-2 sweep said the ladder had ended ("Nobody new is left to tell: Admin has been
    # told already") and Director, at level 3, was never told.
    _ladder(factory, ids, *ladder)
    _away(factory, *(ids[name] for name in away))
    if left is not None:
        _left(factory, ids[left])
    [reference] = _open(factory, ids)
    _sweep(factory, now=LEVEL_1_DUE)
    assert _sweep(factory, now=LEVEL_2_DUE).escalated == 1
    assert [(to, line) for _at, to, line in _escalations(factory)] == [
        (ids[first], f"Case {reference} is escalated to you (level 1): not acknowledged by "
                     "Fri 27 Nov 2026 17:00."),
        (ids["director"], f"Case {reference} is escalated to you (level 3, the top of the "
                          "ladder): not acknowledged by Fri 27 Nov 2026 17:00."),
    ]
    [director] = _texts_to(factory, ids["director"])
    assert f"Level 2 was passed over: {why}" in director
    assert "Nobody new" not in director
    assert _steps(factory) == [(1, ids[first], []), (3, ids["director"], [2])]
    with factory() as session:
        case = session.scalars(select(Case)).one()
        raiser = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.person_id == ids["sam"], OutboxMessage.kind == "case.escalated")
            .order_by(OutboxMessage.id)).all()
    assert (case.level, case.next_check_at) == (3, None)
    assert raiser[-1]["text"].startswith(
        f"Your case {reference} was not acknowledged by Fri 27 Nov 2026 17:00, so it has been "
        "passed to Director, a senior commissioner, the last person it can be passed to.")


def test_a_level_away_with_a_cover_is_escalated_to_the_cover(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 32's brief: a commissioner's /away with a cover holds for their escalations as
    # for their new cases: Head, away, has Director told in their place at level 2.
    _ladder(factory, ids, "lead", "head", None)
    with transaction(factory) as session:
        head = session.get_one(Person, ids["head"])
        head.away_until, head.cover_id = date(2027, 6, 1), ids["director"]
    [reference] = _open(factory, ids)
    _sweep(factory, now=LEVEL_1_DUE)
    assert _sweep(factory, now=LEVEL_2_DUE).escalated == 1
    assert [(to, line) for _at, to, line in _escalations(factory)] == [
        (ids["lead"], f"Case {reference} is escalated to you (level 1): not acknowledged by "
                      "Fri 27 Nov 2026 17:00."),
        (ids["director"], f"Case {reference} is escalated to you (level 2): not acknowledged "
                          "by Fri 27 Nov 2026 17:00."),
    ]


def test_with_nobody_new_left_the_raiser_is_told_it_can_go_no_higher(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 27's second review: the provider was told "it has gone to Admin (level 3, the top
    # of the ladder). We'll keep chasing it", though Admin had it at level 1 and the case
    # climbs no more.
    _ladder(factory, ids, "admin", "admin", None)
    [reference] = _open(factory, ids)
    _sweep(factory, now=LEVEL_1_DUE)
    _sweep(factory, now=LEVEL_2_DUE)
    with factory() as session:
        raiser = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.person_id == ids["sam"], OutboxMessage.kind == "case.escalated")
            .order_by(OutboxMessage.id)).all()
    assert [payload["text"] for payload in raiser] == [
        f"Your case {reference} was not acknowledged by Fri 27 Nov 2026 17:00, so it has been "
        "passed to Admin, a senior colleague at the council. We'll keep chasing it.",
        f"Your case {reference} was not acknowledged by Fri 27 Nov 2026 17:00. Everyone it can "
        "be escalated to at the council has been told already, so it can go no higher; we "
        "have asked Admin to see that someone acts on it.",
    ]


@pytest.mark.parametrize(("top", "away", "why"), [
    ("priya", None, "Priya is there, and already holds the case."),
    ("director", "director", "Director is away, with nobody to cover."),
], ids=["owner", "away"])
def test_a_late_sweep_whose_top_level_has_nobody_to_tell_tells_the_level_below(
        factory: sessionmaker[Session], ids: dict[str, int], top: str, away: str | None,
        why: str) -> None:
    # Session 27's second review: first swept on 20 January, every level long due, level 3
    # naming Priya, who holds the case: it went to Admin (the default owner), and Lead and
    # Head, on the ladder, were never told. Head, the highest level due with someone not yet
    # told, is told, at level 2; the case has reached the top and climbs no more.
    _ladder(factory, ids, "lead", "head", top)
    if away is not None:
        _away(factory, ids[away])
    [reference] = _open(factory, ids)
    late = datetime(2027, 1, 20, 9, tzinfo=UTC)
    assert _sweep(factory, now=late).escalated == 1
    assert _sweep(factory, now=late + timedelta(days=31)).escalated == 0
    assert [(to, line) for _at, to, line in _escalations(factory)] == [
        (ids["head"], f"Case {reference} is escalated to you (level 2): not acknowledged by "
                      "Fri 27 Nov 2026 17:00, nor resolved by Wed 23 Dec 2026 17:00.")]
    [head] = _texts_to(factory, ids["head"])
    assert ("Level 1 (Lead) was passed over: its turn came on Fri 27 Nov 2026 17:00, while "
            f"the SLA check was not running.\nLevel 3 was passed over: {why}") in head
    assert _steps(factory) == [(2, ids["head"], [1, 3])]
    with factory() as session:
        case = session.scalars(select(Case)).one()
        [step] = session.scalars(select(CaseEvent.text).where(
            CaseEvent.action == "escalated")).all()
        raiser = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.person_id == ids["sam"],
            OutboxMessage.kind == "case.escalated")).one()
    assert (case.level, case.next_check_at) == (3, None)
    assert step == ("Escalated to Head (level 2): not resolved in time.\nLevel 1 (Lead) was "
                    "passed over: its turn came on Fri 27 Nov 2026 17:00, while the SLA check "
                    f"was not running.\nLevel 3 was passed over: {why}")
    assert raiser["text"].startswith(
        f"Your case {reference} was not acknowledged by Fri 27 Nov 2026 17:00, nor resolved by "
        "Wed 23 Dec 2026 17:00, so it has been passed to Head, a senior commissioner, the last "
        "person it can be passed to.")


def _reads_of_sweep(engine: Engine, factory: sessionmaker[Session],
                    now: datetime) -> tuple[int, list[str]]:
    """(cases escalated, the SELECT statements sent) of one SLA sweep at ``now``.

    The reads only: the writes are the ORM's, which on SQLite inserts the history's rows one
    by one (it batches an INSERT ... RETURNING there only where the rows' order is sure)."""
    reads: list[str] = []

    def count(*args: object) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):
            reads.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        escalated = _sweep(factory, now=now).escalated
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return escalated, reads


def test_a_sweep_reads_the_same_for_one_case_as_for_several(
        engine: Engine, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Who was told of each case already (its escalations, and whether their messages reach
    # anyone) was read case by case, two queries each, and its provider's name three times:
    # a sweep escalating 500 cases sent 2,500 queries. With Lead at levels 1 and 2, level 2
    # needs it: Lead, told at level 1, is passed over.
    _ladder(factory, ids, "lead", "lead", "director")
    [alone] = _open(factory, ids)  # level 1 due Fri 27 Nov, level 2 Fri 4 Dec
    several = _open(factory, ids, count=3, now=OPENED + timedelta(days=1))  # Mon 30, Mon 7
    assert _sweep(factory, now=LEVEL_1_DUE).escalated == 1
    assert _sweep(factory, now=datetime(2026, 11, 30, 17, 1, tzinfo=UTC)).escalated == 3
    one = _reads_of_sweep(engine, factory, LEVEL_2_DUE)
    three = _reads_of_sweep(engine, factory, datetime(2026, 12, 7, 17, 1, tzinfo=UTC))
    assert (one[0], three[0]) == (1, 3)
    # 7: the outbox reads the people told and their addresses in one query (session 34).
    assert len(three[1]) == len(one[1]) == 7
    with factory() as session:
        steps = session.execute(select(Case.reference, CaseEvent.detail).join(
            CaseEvent, CaseEvent.case_id == Case.id).where(CaseEvent.action == "escalated")
            .order_by(CaseEvent.id)).all()
    assert [(reference, step["level"], step["to"], step.get("passed", []))
            for reference, step in steps] == [
        (alone, 1, ids["lead"], []),
        *[(reference, 1, ids["lead"], []) for reference in several],
        (alone, 3, ids["director"], [2]),
        *[(reference, 3, ids["director"], [2]) for reference in several]]
    provider = _provider(factory, ids)
    assert all(f"· from {provider}\n" in text for text in _texts_to(factory, ids["director"]))


def test_one_sweep_reminds_of_a_proposal_and_escalates_another_case(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    waiting, overdue = _open(factory, ids, count=2)
    with _acting(factory, ids["priya"], waiting) as (session, priya, case):
        cases.propose(session, case, priya, "We'll pay this week",
                      now=datetime(2026, 11, 26, 10, tzinfo=UTC), policy=POLICY,
                      calendar=CALENDAR, templates=TEMPLATES)
    assert _sweep(factory, now=LEVEL_1_DUE).escalated == 1  # the other case, level 1
    # Fri 4 Dec: the proposal has waited five working days, the other case is at level 2.
    result = _sweep(factory, now=LEVEL_2_DUE)
    assert (result.claimed, result.escalated, result.released) == (2, 1, 1)
    with factory() as session:
        reminders = session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.kind == "case.proposal_waiting"))
        levels = dict(session.execute(select(Case.reference, Case.level)).all())
    assert (reminders, levels) == (1, {waiting: 0, overdue: 2})
    assert [to for _at, to, _line in _escalations(factory)] == [ids["lead"], ids["head"]]


def test_a_late_sweep_past_a_two_level_ladder_tells_its_top_level_named_as_it_is(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Session 34's trial: a ladder of two levels (Lead, then Head), Priya's escalation contact
    # Lead; first swept seven weeks on. The case went to Lead, who stands in for a level 3 the
    # ladder does not have, "(level 3, the top of the ladder)", and Head "was passed over".
    # It goes to Head, the top level there is, named as level 2; Lead, passed over while the
    # check was not running, is said so; the case climbs no more (as with regular sweeps,
    # where nobody new would be left to tell above Head).
    _ladder(factory, ids, "lead", "head", None)
    with transaction(factory) as session:
        session.get_one(Person, ids["priya"]).escalation_contact_id = ids["lead"]
    [reference] = _open(factory, ids)
    late = datetime(2027, 1, 25, 9, tzinfo=UTC)
    assert _sweep(factory, now=late).escalated == 1
    assert _sweep(factory, now=late + timedelta(days=31)).escalated == 0
    assert [(to, line) for _at, to, line in _escalations(factory)] == [
        (ids["head"], f"Case {reference} is escalated to you (level 2): not acknowledged by "
                      "Fri 27 Nov 2026 17:00, nor resolved by Wed 23 Dec 2026 17:00.")]
    [head] = _texts_to(factory, ids["head"])
    assert ("Level 1 (Lead) was passed over: its turn came on Fri 27 Nov 2026 17:00, while "
            "the SLA check was not running.\n") in head
    assert "level 3" not in head.lower()
    assert _steps(factory) == [(2, ids["head"], [1])]
    with factory() as session:
        case = session.scalars(select(Case)).one()
        [step] = session.scalars(select(CaseEvent.text).where(
            CaseEvent.action == "escalated")).all()
    assert (case.level, case.next_check_at) == (3, None)
    assert step == ("Escalated to Head (level 2): not resolved in time.\nLevel 1 (Lead) was "
                    "passed over: its turn came on Fri 27 Nov 2026 17:00, while the SLA check "
                    "was not running.")


def _cover_sam(factory: sessionmaker[Session], ids: dict[str, int]) -> int:
    """Sam away until next summer, Jo (a colleague at Riverside) covering; Jo's id."""
    jo = make_person(factory, email="jo@riverside.example", role=Role.PROVIDER,
                     organisation_id=ids["provider"], name="Jo")
    with transaction(factory) as session:
        sam = session.get_one(Person, ids["sam"])
        sam.away_until, sam.cover_id = date(2027, 6, 1), jo
    return jo


def test_an_away_raisers_cover_is_told_of_each_escalation_once_read_for_all_cases_at_once(
        engine: Engine, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    # Left from session 35: the sweep's "it has been passed to Lead" reached Sam, away, and
    # not Jo, covering. The covers are read for the batch (one query more, however many
    # cases), and each is told once.
    jo = _cover_sam(factory, ids)
    [alone] = _open(factory, ids)  # level 1 due Fri 27 Nov
    several = _open(factory, ids, count=3, now=OPENED + timedelta(days=1))  # Mon 30 Nov
    one = _reads_of_sweep(engine, factory, LEVEL_1_DUE)
    three = _reads_of_sweep(engine, factory, datetime(2026, 11, 30, 17, 1, tzinfo=UTC))
    assert (one[0], three[0]) == (1, 3)
    assert len(three[1]) == len(one[1]) == 7
    with factory() as session:
        told = [(payload["text"].splitlines(), payload["buttons"]) for payload in session.scalars(
            select(OutboxMessage.payload).where(OutboxMessage.person_id == jo)
            .order_by(OutboxMessage.id))]
    assert [lines[0] for lines, _buttons in told] == [
        "You cover for Sam, away until Tue 1 Jun 2027:"] * 4
    assert [lines[1].split(" was ")[0] for lines, _buttons in told] == [
        f"Sam's case {reference}" for reference in (alone, *several)]
    assert told[0][0][1].endswith(", so it has been passed to Lead, a senior commissioner. "
                                  "We'll keep chasing it.")
    # A sweep again at the same moment, and another before the next level is due: nothing new.
    queued = count_rows(factory, OutboxMessage)
    assert _sweep(factory, now=datetime(2026, 11, 30, 17, 2, tzinfo=UTC)).escalated == 0
    assert _sweep(factory, now=datetime(2026, 12, 1, 9, tzinfo=UTC)).escalated == 0
    assert count_rows(factory, OutboxMessage) == queued


def test_an_away_raisers_cover_is_reminded_of_a_proposal_waiting_until_they_are_back(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    jo = _cover_sam(factory, ids)
    with transaction(factory) as session:  # back on Sun 6 Dec
        session.get_one(Person, ids["sam"]).away_until = date(2026, 12, 6)
    [reference] = _open(factory, ids)
    with _acting(factory, ids["priya"], reference) as (session, priya, case):
        cases.propose(session, case, priya, "We pay INV-7 on Friday", now=OPENED,
                      policy=POLICY, calendar=CALENDAR, templates=TEMPLATES)
    # Reminders on Wed 2 Dec (Sam away) and Wed 9 Dec (back), at 17:00.
    _sweep_hourly(factory, OPENED, datetime(2026, 12, 10, tzinfo=UTC))
    with factory() as session:
        waiting = session.execute(
            select(OutboxMessage.created_at, OutboxMessage.person_id, OutboxMessage.payload)
            .where(OutboxMessage.kind == "case.proposal_waiting")
            .order_by(OutboxMessage.created_at, OutboxMessage.person_id)).all()
    assert [(at.day, person) for at, person, _payload in waiting] == [
        (2, ids["sam"]), (2, jo), (9, ids["sam"])]
    assert waiting[1][2]["text"] == (
        "You cover for Sam, away until Sun 6 Dec 2026:\n"
        f"A resolution to Sam's case {reference} is waiting for your answer:\n"
        "“We pay INV-7 on Friday”")
    assert [b["label"] for b in waiting[1][2]["buttons"]] == ["Accept", "Reject"]
