"""Models round-trip on both databases; times stay aware UTC; the audit log is append-only;
a placement is current until the day it ends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError
from sqlalchemy.orm import Session, sessionmaker

from bot import audit
from bot.db import transaction
from bot.models import (
    AppendOnlyError,
    AuditEvent,
    Channel,
    ChannelIdentity,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    OutboxStatus,
    Person,
    Placement,
    Role,
)

WHEN = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night the clocks change


def test_people_and_identities_round_trip(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        council = Organisation(name="Northshire", kind=OrganisationKind.COUNCIL, created_at=WHEN)
        person = Person(
            organisation=council, name="Priya Shah", email="priya@northshire.example",
            role=Role.COMMISSIONER, timezone="Europe/London",
            preferred_channel=Channel.SLACK, created_at=WHEN,
        )
        session.add_all([council, person])
        session.flush()
        session.add(ChannelIdentity(person=person, channel=Channel.SLACK, address="U0123ABC",
                                    verified=True, created_at=WHEN))
    with factory() as session:
        loaded = session.scalars(select(Person)).one()
        assert (loaded.name, loaded.email, loaded.role, loaded.preferred_channel) == (
            "Priya Shah", "priya@northshire.example", Role.COMMISSIONER, Channel.SLACK
        )
        assert loaded.organisation.kind == OrganisationKind.COUNCIL
        assert [(i.channel, i.address, i.verified) for i in loaded.identities] == [
            (Channel.SLACK, "U0123ABC", True)
        ]
        assert loaded.created_at == WHEN
        assert loaded.created_at.tzinfo is not None


def test_timestamps_come_back_as_aware_utc(factory: sessionmaker[Session]) -> None:
    paris = timezone(timedelta(hours=1))
    with transaction(factory) as session:
        session.add(Organisation(name="Paris office", kind=OrganisationKind.PROVIDER,
                                 created_at=datetime(2026, 1, 1, 13, 0, tzinfo=paris)))
    with factory() as session:
        created = session.scalars(select(Organisation.created_at)).one()
    assert created == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert created.utcoffset() == timedelta(0)


def test_naive_timestamps_are_refused(factory: sessionmaker[Session]) -> None:
    with pytest.raises(StatementError, match="naive datetime"), transaction(factory) as session:
        session.add(Organisation(name="Naive", kind=OrganisationKind.PROVIDER,
                                 created_at=datetime(2026, 1, 1)))  # noqa: DTZ001
        session.flush()


def test_outbox_row_round_trips(factory: sessionmaker[Session]) -> None:
    payload = {"text": "Review due for placement P-1042", "buttons": [
        {"label": "Done", "action": "review.done", "value": "P-1042"}]}
    with transaction(factory) as session:
        session.add(OutboxMessage(idempotency_key="k1", channel=Channel.EMAIL,
                                  address="a@b.example", kind="reminder", payload=payload,
                                  next_attempt_at=WHEN, created_at=WHEN))
    with factory() as session:
        row = session.scalars(select(OutboxMessage)).one()
    assert (row.status, row.attempts, row.payload, row.next_attempt_at) == (
        OutboxStatus.PENDING, 0, payload, WHEN)


def test_email_is_unique(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        org = Organisation(name="P", kind=OrganisationKind.PROVIDER)
        session.add(Person(organisation=org, name="A", email="a@p.example", role=Role.PROVIDER))
    with pytest.raises(IntegrityError), transaction(factory) as session:
        org = session.scalars(select(Organisation)).one()
        session.add(Person(organisation=org, name="B", email="a@p.example", role=Role.PROVIDER))
        session.flush()


def test_audit_log_refuses_changes_through_the_orm(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        audit.record(session, "people.import", subject="demo", created=3)
    with pytest.raises(AppendOnlyError), transaction(factory) as session:
        event = session.scalars(select(AuditEvent)).one()
        event.action = "tampered"
        session.flush()
    with factory() as session:
        assert session.scalars(select(AuditEvent.action)).all() == ["people.import"]


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET action = 'tampered'",
    "DELETE FROM audit_log",
])
def test_audit_log_refuses_changes_in_the_database(
    factory: sessionmaker[Session], statement: str
) -> None:
    with transaction(factory) as session:
        audit.record(session, "outbox.retry", ids=[1, 2])
    with pytest.raises(DBAPIError, match="append-only"), transaction(factory) as session:
        session.execute(text(statement))
    with factory() as session:
        events = session.scalars(select(AuditEvent)).all()
    assert [(e.action, e.detail) for e in events] == [("outbox.retry", {"ids": [1, 2]})]


def test_a_placement_is_current_until_the_day_it_ends(factory: sessionmaker[Session]) -> None:
    # One condition for "not ended on a day" (the session's review: written out twice, for a
    # council's surveys and a provider's councils).
    day = date(2026, 11, 25)
    with transaction(factory) as session:
        council = Organisation(name="Northshire", kind=OrganisationKind.COUNCIL, created_at=WHEN)
        provider = Organisation(name="Riverside", kind=OrganisationKind.PROVIDER,
                                created_at=WHEN)
        person = Person(organisation=council, name="Priya", email="priya@northshire.example",
                        role=Role.COMMISSIONER, timezone="Europe/London",
                        preferred_channel=Channel.EMAIL, created_at=WHEN)
        session.add_all([council, provider, person])
        session.flush()
        for reference, ended_on in (("RC-1", None), ("RC-2", day - timedelta(days=1)),
                                    ("RC-3", day), ("RC-4", day + timedelta(days=1))):
            session.add(Placement(reference=reference, council_id=council.id,
                                  provider_id=provider.id, commissioner_id=person.id,
                                  provider_contact_id=person.id, started_on=date(2026, 1, 5),
                                  ended_on=ended_on, created_at=WHEN))
    with factory() as session:
        current = session.scalars(select(Placement.reference).where(
            Placement.current_on(day)).order_by(Placement.reference)).all()
    assert current == ["RC-1", "RC-3", "RC-4"]
