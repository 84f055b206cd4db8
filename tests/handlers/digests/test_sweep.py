"""The weekly digest sweep: contents per role, empty not sent, exactly once, time zones."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.models import Digest, DigestStatus, OutboxMessage, Person, Role
from handlers.digests.sweep import DigestResult, claim_due, sweep
from tests.factories import in_parallel, make_organisation, make_person
from tests.handlers.deadlines.support import at
from tests.handlers.digests.support import (
    CALENDAR,
    SCHEDULE,
    TEMPLATES,
    add_deadline,
    northshire_week,
    utc,
)

MONDAY_8 = at(date(2026, 11, 30), 8)


def _sweep(factory: sessionmaker[Session], now: datetime) -> DigestResult:
    return sweep(factory, now=now, templates=TEMPLATES, calendar=CALENDAR, schedule=SCHEDULE)


def _digests(factory: sessionmaker[Session]) -> dict[str, str]:
    """The queued digests' texts by recipient e-mail."""
    with factory() as session:
        rows = session.execute(
            select(Person.email, OutboxMessage.payload)
            .join(Person, Person.id == OutboxMessage.person_id)
            .where(OutboxMessage.kind == "digest.weekly").order_by(OutboxMessage.id)).all()
    found: dict[str, str] = {}
    for email, payload in rows:
        assert email not in found, f"{email} got two digests"
        found[email] = payload["text"]
    return found


# The placements' deadlines: the council's commissioner and the provider see the same.
W49_BOTH_SIDES = """Your weekly digest, week of Mon 30 Nov 2026

Overdue (2):
#4 Invoice payment: INV-3 (P-1002), 11 days overdue (past the legal limit of 30 days)
#3 Joint monitoring review: P-1002, 10 days overdue

Due this week (2):
#1 Initial placement review: P-1001, due Wed 2 Dec 2026
#2 Invoice payment: INV-7 (P-1001), pledge aim Thu 3 Dec 2026 (10 days), legal limit \
Wed 23 Dec 2026 (30 days)

Close one with /done NUMBER; /reminders lists them all.

"""

PRIYA_W49 = W49_BOTH_SIDES + """Open cases, oldest first (3):
PB-2026-{c1} · conflict · payment · Riverside · 14 days old · acknowledgement OVERDUE
PB-2026-{c3} · feedback · procurement process · Riverside · 4 days old · waits for the provider \
to answer your proposal
PB-2026-{c2} · feedback · procurement process · 3 days old · acknowledgement OVERDUE

/case REF shows one.

New feedback since your last digest (2):
PB-2026-{c3} · procurement process · Riverside · rated 4 of 5
  “Clear specification, thanks”
PB-2026-{c2} · procurement process · anonymous · rated 2 of 5
  “The tender portal timed out twice”

The council's pledge scorecard, Tue 1 Sep 2026 to Sun 29 Nov 2026:
Placement reviews done on time (pledges 24-26): 0% (0 of 1)
Invoices paid within the pledge aim of 10 days (pledge 29): no data
Invoices paid within the legal limit of 30 days: no data
Unsuccessful bidders given feedback on time (pledge 28): no data
Conflicts open at the end of Sun 29 Nov 2026 (pledge 6): 1; by age: 1-4 weeks 1
Median days to resolve a conflict: 10.0 (1 resolved)
Safeguarding concerns acknowledged within the hour: no data

/digest off stops these weekly messages."""

SAM_W49 = W49_BOTH_SIDES + """Open cases, oldest first (2):
PB-2026-{c1} · conflict · payment · 14 days old · waits for the council to acknowledge it
PB-2026-{c3} · feedback · procurement process · 4 days old · waits for your answer to the \
proposed resolution

/case REF shows one.

/digest off stops these weekly messages."""

TESS_W49 = """Your weekly digest, week of Mon 30 Nov 2026

Due this week (1):
#9 Initial placement review: P-2001, due Thu 3 Dec 2026

Close one with /done NUMBER; /reminders lists them all.

/digest off stops these weekly messages."""


def _references(text: str, refs: dict[str, str]) -> str:
    return text.format(**{key: ref.removeprefix("PB-2026-") for key, ref in refs.items()})


def test_a_seeded_week_per_role(factory: sessionmaker[Session]) -> None:
    ids = northshire_week(factory)
    result = _sweep(factory, MONDAY_8)
    digests = _digests(factory)
    refs = {key: _case_ref(factory, ids, n) for n, key in enumerate(("c1", "c2", "c3"))}
    assert digests["priya@example.org"] == _references(PRIYA_W49, refs)
    assert digests["sam@example.org"] == _references(SAM_W49, refs)
    assert digests["tess@example.org"] == TESS_W49
    # Hub: the same scorecard, only his own review; nothing of Priya's.
    assert "P-2001" in digests["hub@example.org"]
    assert "P-1001" not in digests["hub@example.org"]
    # Ada (admin, nothing of her own) and Uma (provider, nothing due): empty, not sent.
    assert sorted(digests) == ["hub@example.org", "priya@example.org", "sam@example.org",
                               "tess@example.org"]
    assert result == DigestResult(claimed=6, sent=4, empty=2)
    assert _rows(factory) == {
        (ids[name], "2026-W49", DigestStatus.EMPTY if name in ("ada", "uma")
         else DigestStatus.SENT)
        for name in ("priya", "hub", "ada", "sam", "tess", "uma")}


def _case_ref(factory: sessionmaker[Session], ids: dict[str, int], index: int) -> str:
    from bot.models import Case

    with factory() as session:
        return session.scalars(select(Case.reference).order_by(Case.id)).all()[index]


def _rows(factory: sessionmaker[Session]) -> set[tuple[int, str, DigestStatus]]:
    with factory() as session:
        return {(row.person_id, row.iso_week, row.status)
                for row in session.scalars(select(Digest))}


def test_nothing_before_the_digest_moment(factory: sessionmaker[Session]) -> None:
    northshire_week(factory)
    assert _sweep(factory, MONDAY_8 - timedelta(minutes=1)) == DigestResult()
    assert _digests(factory) == {}
    assert _rows(factory) == set()


def test_a_week_missed_by_more_than_two_days_is_skipped(factory: sessionmaker[Session]) -> None:
    northshire_week(factory)
    assert _sweep(factory, MONDAY_8 + timedelta(hours=48)) == DigestResult()
    assert _rows(factory) == set()
    assert _sweep(factory, MONDAY_8 + timedelta(hours=47, minutes=59)).sent == 4


def _crowd(factory: sessionmaker[Session], count: int) -> dict[str, int]:
    council = make_organisation(factory, "Northshire")
    ids = {"council": council}
    for number in range(count):
        provider = make_organisation(factory, f"Provider {number}")
        ids[f"p{number}"] = make_person(factory, email=f"p{number}@example.org",
                                        role=Role.PROVIDER, organisation_id=provider)
        add_deadline(factory, rule="initial-review", reference=f"P-{number}",
                     council=council, provider=provider, contact=ids[f"p{number}"],
                     due_on=date(2026, 12, 2))
    return ids


def test_exactly_once_under_three_concurrent_sweepers(factory: sessionmaker[Session],
                                                      database_url: str) -> None:
    people = _crowd(factory, 30)

    def work(sessions: sessionmaker[Session]) -> int:
        return sweep(sessions, now=MONDAY_8, templates=TEMPLATES, calendar=CALENDAR,
                     schedule=SCHEDULE, batch=4).sent

    sent = in_parallel(database_url, work, workers=3)
    assert sum(sent) == 30
    assert sorted(_digests(factory)) == sorted(f"{name}@example.org" for name in people
                                               if name != "council")
    # A restart, later the same week: nothing more.
    assert _sweep(factory, MONDAY_8 + timedelta(hours=3)) == DigestResult()
    assert _sweep(factory, MONDAY_8 + timedelta(hours=40)) == DigestResult()
    assert len(_digests(factory)) == 30


def test_a_sweeper_that_dies_after_claiming_delays_but_never_loses(
        factory: sessionmaker[Session]) -> None:
    _crowd(factory, 3)
    from handlers.digests.sweep import plan

    assert plan(factory, now=MONDAY_8, schedule=SCHEDULE, calendar=CALENDAR) == 3
    assert len(claim_due(factory, now=MONDAY_8, lease=timedelta(minutes=5), batch=10,
                         token="dead")) == 3
    # Within the lease nobody takes them over; after it, the next sweep sends them, once.
    assert _sweep(factory, MONDAY_8 + timedelta(minutes=4)).sent == 0
    assert _sweep(factory, MONDAY_8 + timedelta(minutes=6)).sent == 3
    assert _sweep(factory, MONDAY_8 + timedelta(minutes=12)).sent == 0
    assert len(_digests(factory)) == 3


def test_next_week_brings_the_next_digest(factory: sessionmaker[Session]) -> None:
    ids = _crowd(factory, 1)
    add_deadline(factory, rule="monitoring", reference="P-X", council=ids["council"],
                 due_on=date(2026, 12, 9), provider=_organisation(factory, ids["p0"]),
                 contact=ids["p0"])
    assert _sweep(factory, MONDAY_8).sent == 1
    assert _sweep(factory, at(date(2026, 12, 7), 8)).sent == 1
    assert _rows(factory) == {(ids["p0"], "2026-W49", DigestStatus.SENT),
                              (ids["p0"], "2026-W50", DigestStatus.SENT)}


def _organisation(factory: sessionmaker[Session], person_id: int) -> int:
    with factory() as session:
        return session.get_one(Person, person_id).organisation_id


@pytest.mark.parametrize(("zone", "first_utc"), [
    ("America/New_York", utc(2026, 11, 30, 13)),  # 08:00 EST
    ("Asia/Tokyo", utc(2026, 11, 29, 23)),  # 08:00 JST, Sunday evening in London
    ("Europe/London", utc(2026, 11, 30, 8)),
])
def test_each_person_gets_it_at_their_own_eight(factory: sessionmaker[Session], zone: str,
                                                first_utc: datetime) -> None:
    ids = _crowd(factory, 1)
    with transaction(factory) as session:
        session.get_one(Person, ids["p0"]).timezone = zone
    assert _sweep(factory, first_utc - timedelta(minutes=1)).sent == 0
    assert _sweep(factory, first_utc).sent == 1
    with factory() as session:
        assert session.scalars(select(Digest.iso_week)).all() == ["2026-W49"]


def test_a_bank_holiday_monday_moves_it_to_tuesday(factory: sessionmaker[Session]) -> None:
    # Easter Monday, 29 March 2027 (British Summer Time).
    ids = _crowd(factory, 1)
    add_deadline(factory, rule="monitoring", reference="P-E", council=ids["council"],
                 due_on=date(2027, 3, 31), provider=_organisation(factory, ids["p0"]),
                 contact=ids["p0"])
    assert _sweep(factory, at(date(2027, 3, 29), 9)).sent == 0
    assert _sweep(factory, at(date(2027, 3, 30), 7, 59)).sent == 0
    assert _sweep(factory, at(date(2027, 3, 30), 8)).sent == 1
    assert _digests(factory)["p0@example.org"] == (
        "Your weekly digest, week of Mon 29 Mar 2027\n\n"
        "Overdue (1):\n#1 Initial placement review: P-0, 118 days overdue\n\n"
        "Due this week (1):\n#2 Joint monitoring review: P-E, due Wed 31 Mar 2027\n\n"
        "Close one with /done NUMBER; /reminders lists them all.\n\n"
        "/digest off stops these weekly messages.")
