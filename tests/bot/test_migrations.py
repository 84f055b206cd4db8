"""Migrations take an empty database to head and back, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from bot import migrations
from bot.db import make_engine
from bot.models import Base

TABLES = {"organisation", "person", "channel_identity", "outbox", "audit_log", "question"}


@pytest.fixture
def empty_engine(database_url: str) -> Iterator[Engine]:
    """An engine on the empty database (SQLite, then PostgreSQL), disposed afterwards."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def test_empty_database_upgrades_to_head(empty_engine: Engine) -> None:
    assert migrations.current_revision(empty_engine) is None
    migrations.upgrade(empty_engine)
    assert migrations.current_revision(empty_engine) == migrations.head_revision()
    assert set(inspect(empty_engine).get_table_names()) >= TABLES


def test_upgrade_twice_changes_nothing(empty_engine: Engine) -> None:
    migrations.upgrade(empty_engine)
    migrations.upgrade(empty_engine)
    assert migrations.current_revision(empty_engine) == migrations.head_revision()


def test_migrations_match_the_models(empty_engine: Engine) -> None:
    migrations.upgrade(empty_engine)
    with empty_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_downgrade_to_base_and_up_again(empty_engine: Engine) -> None:
    migrations.upgrade(empty_engine)
    migrations.downgrade(empty_engine, "base")
    assert TABLES.isdisjoint(inspect(empty_engine).get_table_names())
    migrations.upgrade(empty_engine)
    assert set(inspect(empty_engine).get_table_names()) >= TABLES


def test_upgrading_a_database_that_holds_people(empty_engine: Engine) -> None:
    from sqlalchemy import text

    migrations.upgrade(empty_engine, "0002")
    with empty_engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO organisation (id, name, kind, created_at) "
            "VALUES (1, 'Northshire', 'council', '2026-01-01 00:00:00')"))
        connection.execute(text(
            "INSERT INTO person (id, organisation_id, name, email, role, timezone, "
            "preferred_channel, active, safeguarding_lead, created_at) VALUES (1, 1, "
            "'Priya', 'priya@n.example', 'commissioner', 'Europe/London', 'email', "
            "true, false, '2026-01-01 00:00:00')"))
        connection.execute(text(
            "INSERT INTO channel_identity (person_id, channel, address, verified, "
            "created_at) VALUES (1, 'email', 'priya@n.example', true, "
            "'2026-01-01 00:00:00')"))
    migrations.upgrade(empty_engine)
    with empty_engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT p.email, p.escalation_contact_id, i.address FROM person p "
            "JOIN channel_identity i ON i.person_id = p.id")).all()
    assert [tuple(row) for row in rows] == [("priya@n.example", None, "priya@n.example")]


def test_two_processes_migrating_at_once_on_postgresql(postgres_url: str, tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("PLEDGEBOT_")}
    env["PLEDGEBOT_DATABASE_URL"] = postgres_url
    processes = [
        subprocess.Popen([sys.executable, "-m", "bot", "db", "upgrade"], cwd=tmp_path, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    results = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], results
    engine = make_engine(postgres_url)
    try:
        assert migrations.current_revision(engine) == migrations.head_revision()
    finally:
        engine.dispose()


def _council_at(engine: Engine, revision: str) -> tuple[Any, int, int, int]:
    """The database at ``revision`` with a council (its commissioner Priya) and a provider:
    the session factory and the three ids (the payment-clock migrations' tests)."""
    from bot.db import make_session_factory
    from bot.models import OrganisationKind, Role
    from tests.factories import make_organisation, make_person

    migrations.upgrade(engine, revision)
    factory = make_session_factory(engine)
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    provider = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    priya = make_person(factory, email="priya@n.example", role=Role.COMMISSIONER,
                        organisation_id=council)
    return factory, council, provider, priya


def test_0006_moves_open_payment_clocks_to_the_legal_limit(empty_engine: Engine) -> None:
    from datetime import UTC, date, datetime

    from sqlalchemy import select

    from bot.db import transaction
    from bot.models import Deadline, Reminder
    from handlers.deadlines.store import ReminderPolicy, insert_reminder, open_deadline
    from scheduler.rules import WorkingCalendar
    from tests.factories import make_person

    factory, council, provider, priya = _council_at(empty_engine, "0005")
    sam = make_person(factory, email="sam@r.example", organisation_id=provider)
    now = datetime(2026, 11, 2, 10, tzinfo=UTC)
    with transaction(factory) as session:
        ids = []
        for number in (1, 2):
            deadline = open_deadline(
                session, rule="payment", reference=f"invoice {number}",
                start_on=date(2026, 11, 2), due_on=date(2026, 11, 12), council_id=council,
                provider_id=provider, provider_contact_id=sam, commissioner_id=priya,
                calendar=WorkingCalendar(), policy=ReminderPolicy(), now=now)
            ids.append(deadline.id)
        session.get_one(Deadline, ids[1]).status = "done"  # type: ignore[assignment]
        for stage in ("chase:2026-11-16", "escalation"):
            insert_reminder(session, key=f"d{ids[0]}:{stage}", deadline_id=ids[0],
                            person_id=priya, stage=stage, now=now,
                            send_at=datetime(2026, 11, 16, 9, tzinfo=UTC))
    migrations.upgrade(empty_engine, "0006")  # 0013 moves the limit a day earlier
    with factory() as session:
        due = {d.id: d.due_on for d in session.scalars(select(Deadline))}
        reminders = session.execute(select(Reminder.stage, Reminder.person_id,
                                           Reminder.status)
                                    .where(Reminder.deadline_id == ids[0])).all()
    # The open clock is due at the legal limit, Wed 2 Dec; the closed one is history.
    assert due == {ids[0]: date(2026, 12, 2), ids[1]: date(2026, 11, 12)}
    stages = {(stage, person, status.value) for stage, person, status in reminders}
    assert {("chase:2026-11-16", priya, "cancelled"), ("escalation", priya, "cancelled"),
            ("chase:2026-12-03", priya, "pending"),
            ("chase:2026-12-03", sam, "pending")} <= stages


def test_0013_moves_open_payment_limits_to_the_30th_day_counting_receipt(
        empty_engine: Engine) -> None:
    """An open payment deadline at received + 30 moves to received + 29, with its "due
    today" reminder; a closed one, and one not at the old limit, stay as they were."""
    from datetime import UTC, date, datetime

    from sqlalchemy import select

    from bot.db import transaction
    from bot.models import Deadline, Reminder
    from handlers.deadlines.store import ReminderPolicy, insert_reminder, open_deadline
    from scheduler.rules import WorkingCalendar
    from tests.factories import make_person

    factory, council, provider, priya = _council_at(empty_engine, "0012")
    sam = make_person(factory, email="sam@r.example", organisation_id=provider)
    now = datetime(2026, 11, 2, 10, tzinfo=UTC)
    received = date(2026, 11, 2)
    with transaction(factory) as session:
        ids = []
        for number, due in ((1, date(2026, 12, 2)), (2, date(2026, 12, 2)),
                            (3, date(2026, 12, 1))):
            deadline = open_deadline(
                session, rule="payment", reference=f"invoice {number}", start_on=received,
                due_on=due, council_id=council, provider_id=provider,
                provider_contact_id=sam, commissioner_id=priya, calendar=WorkingCalendar(),
                policy=ReminderPolicy(), now=now)
            ids.append(deadline.id)
        session.get_one(Deadline, ids[1]).status = "done"  # type: ignore[assignment]
        insert_reminder(session, key=f"d{ids[0]}:p{sam}:on:2026-12-02", deadline_id=ids[0],
                        person_id=sam, stage="on:2026-12-02", now=now,
                        send_at=datetime(2026, 12, 2, 9, tzinfo=UTC))
    migrations.upgrade(empty_engine)
    with factory() as session:
        due = {d.id: d.due_on for d in session.scalars(select(Deadline))}
        stages = set(session.execute(select(Reminder.stage, Reminder.status).where(
            Reminder.deadline_id == ids[0], Reminder.person_id == sam)).all())
    assert due == {ids[0]: date(2026, 12, 1), ids[1]: date(2026, 12, 2),
                   ids[2]: date(2026, 12, 1)}
    assert not any(stage == "on:2026-12-02" and status.value == "pending"
                   for stage, status in stages)
    assert any(stage == "on:2026-12-01" and status.value == "pending" for stage, status in stages)


def test_0013_moves_the_due_today_reminder_to_a_weekday_and_keeps_one_after_a_sent_one(
        empty_engine: Engine) -> None:
    """The move itself (the session's code review): with only a "due today" reminder, it
    moves to the new last day, the Friday when that is a weekend; when that day's reminder
    was sent already, the moved one is kept under its own key, so a reminder on the limit
    still goes and the chases follow it."""
    from datetime import UTC, date, datetime

    from sqlalchemy import select, update

    from bot.db import transaction
    from bot.models import Reminder
    from handlers.deadlines.store import ReminderPolicy, open_deadline
    from scheduler.rules import WorkingCalendar

    factory, council, provider, priya = _council_at(empty_engine, "0012")
    now = datetime(2026, 11, 2, 10, tzinfo=UTC)
    only_today = ReminderPolicy(lead_days={"payment": (0,)})
    both = ReminderPolicy(lead_days={"payment": (1, 0)})
    with transaction(factory) as session:
        # Received Tue 10 Nov: old limit Thu 10 Dec, new Wed 9 Dec.
        weekday = open_deadline(
            session, rule="payment", reference="invoice 1", start_on=date(2026, 11, 10),
            due_on=date(2026, 12, 10), council_id=council, provider_id=provider,
            provider_contact_id=None, commissioner_id=priya, calendar=WorkingCalendar(),
            policy=only_today, now=now).id
        # Received Mon 9 Nov: old limit Wed 9 Dec, new Tue 8 Dec, whose reminder was sent.
        sent = open_deadline(
            session, rule="payment", reference="invoice 2", start_on=date(2026, 11, 9),
            due_on=date(2026, 12, 9), council_id=council, provider_id=provider,
            provider_contact_id=None, commissioner_id=priya, calendar=WorkingCalendar(),
            policy=both, now=now).id
        # Received Sat 7 Nov: old limit Mon 7 Dec, new Sun 6 Dec: reminded Friday 4 Dec.
        weekend = open_deadline(
            session, rule="payment", reference="invoice 3", start_on=date(2026, 11, 7),
            due_on=date(2026, 12, 7), council_id=council, provider_id=provider,
            provider_contact_id=None, commissioner_id=priya, calendar=WorkingCalendar(),
            policy=only_today, now=now).id
        session.execute(update(Reminder).where(
            Reminder.deadline_id == sent, Reminder.stage == "on:2026-12-08")
            .values(status="sent"))
    migrations.upgrade(empty_engine)
    with factory() as session:
        rows = {(r.deadline_id, r.stage, r.status.value, r.send_at.date())
                for r in session.scalars(select(Reminder))}
    assert (weekday, "on:2026-12-09", "pending", date(2026, 12, 9)) in rows
    assert (sent, "on:2026-12-08", "sent", date(2026, 12, 8)) in rows
    assert (sent, "on:2026-12-08", "pending", date(2026, 12, 8)) in rows
    assert (weekend, "on:2026-12-04", "pending", date(2026, 12, 4)) in rows


def _questions_as_before(session: Any, person: int, organisation: int, mode: str,
                         asked: tuple[tuple[str, str], ...]) -> list[int]:
    """Answered questions (words, entry) written as at an older revision: only the columns
    given, not through the model (which has columns added since). Their ids."""
    from sqlalchemy import insert

    from bot.models import Question

    table = Question.__table__
    return [session.execute(insert(table).returning(table.c.id).values(
        person_id=person, organisation_id=organisation, channel="console", text=text,
        answered=True, mode=mode, entry_id=entry)).scalar_one() for text, entry in asked]


def test_0011_lists_old_picks_in_the_gaps(empty_engine: Engine) -> None:
    """A pick stored as ``answer`` before picks had a mode becomes ``picked``; a plain answer
    and a question whose audit says something else stay as they were."""
    from sqlalchemy import select

    from bot.db import make_session_factory, transaction
    from bot.models import AuditEvent, OrganisationKind, Question
    from handlers.ask.questions import knowledge_gaps
    from tests.factories import make_organisation, make_person

    migrations.upgrade(empty_engine, "0010")
    factory = make_session_factory(empty_engine)
    provider = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    sam = make_person(factory, email="sam@r.example", organisation_id=provider)
    with transaction(factory) as session:
        # As written before 0011: not through the model (no case_id before 0018).
        picked, plain, rated = _questions_as_before(session, sam, provider, "answer", (
            ("holiday pay for carers", "holiday-pay"),
            ("how long is standstill", "standstill"),
            ("who pays for my tender portal", "find-opportunities")))
        session.add_all([
            AuditEvent(actor_id=sam, action="question.picked", subject=f"question:{picked}",
                       detail={"entry": "holiday-pay"}),
            AuditEvent(actor_id=sam, action="question.rated", subject=f"question:{rated}",
                       detail={"helpful": True}),
            AuditEvent(actor_id=sam, action="question.picked", subject="question:not-a-number"),
        ])
    assert knowledge_gaps(factory) == []
    migrations.upgrade(empty_engine)
    with factory() as session:
        modes = {id_: mode for id_, mode in session.execute(select(Question.id, Question.mode))}
    assert modes == {picked: "picked", plain: "answer", rated: "answer"}
    gaps = knowledge_gaps(factory)
    assert [(gap.question, gap.reason, gap.picked) for gap in gaps] == [
        ("holiday pay for carers", "picked", "holiday-pay")]


def test_0014_keeps_the_general_rules_pressed_a_gap_for_the_council(
        empty_engine: Engine) -> None:
    """A question kept unanswered whose general rules were pressed, stored as ``picked``,
    becomes ``general`` and unanswered; a pick from a choice stays ``picked``."""
    from sqlalchemy import select

    from bot.db import make_session_factory, transaction
    from bot.models import AuditEvent, OrganisationKind, Question
    from handlers.ask.questions import knowledge_gaps
    from tests.factories import make_organisation, make_person

    migrations.upgrade(empty_engine, "0013")
    factory = make_session_factory(empty_engine)
    provider = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    sam = make_person(factory, email="sam@r.example", organisation_id=provider)
    with transaction(factory) as session:
        general, chosen = _questions_as_before(session, sam, provider, "picked", (
            ("do you pay for travel time between calls", "travel-time-home-care"),
            ("is there a deadline for councils to pay invoices", "payment-terms-late-payment")))
        session.add_all([
            AuditEvent(actor_id=sam, action="question.unanswered",
                       subject=f"question:{general}", detail={"entry": None}),
            AuditEvent(actor_id=sam, action="question.answered",
                       subject=f"question:{chosen}", detail={"entry": None}),
            AuditEvent(actor_id=sam, action="question.unanswered", subject="question:x1"),
        ])
    migrations.upgrade(empty_engine)
    with factory() as session:
        kept = {id_: (mode, answered) for id_, mode, answered in session.execute(
            select(Question.id, Question.mode, Question.answered))}
    assert kept == {general: ("general", False), chosen: ("picked", True)}
    gaps = {gap.question: (gap.reason, gap.picked, gap.general)
            for gap in knowledge_gaps(factory)}
    assert gaps == {
        "do you pay for travel time between calls": (
            "unanswered", None, "travel-time-home-care"),
        "is there a deadline for councils to pay invoices": (
            "picked", "payment-terms-late-payment", None)}


def test_0012_gives_old_survey_emails_their_reply_command(empty_engine: Engine) -> None:
    """A survey e-mail queued without a reply command gets ``/survey answer KEY`` from its
    Answer button; one with a command already, and other kinds, are left as they were."""
    from sqlalchemy import select

    from bot import outbox
    from bot.db import make_session_factory, transaction
    from bot.messages import Button, Notification
    from bot.models import OrganisationKind, OutboxMessage
    from tests.factories import make_organisation, make_person

    migrations.upgrade(empty_engine, "0011")
    factory = make_session_factory(empty_engine)
    provider = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    sam = make_person(factory, email="sam@r.example", organisation_id=provider)
    answer = (Button(label="Answer", action="survey.start", value="northshire-2026"),)
    with transaction(factory) as session:
        outbox.enqueue_many(session, [
            Notification(person_id=sam, kind="survey.invitation", text="Please answer",
                         idempotency_key="old-invite", buttons=answer),
            Notification(person_id=sam, kind="survey.chaser", text="A reminder",
                         idempotency_key="new-chaser", buttons=answer,
                         reply_command="/survey answer other-key"),
            Notification(person_id=sam, kind="digest.weekly", text="Your week",
                         idempotency_key="digest", buttons=answer),
        ])
    migrations.upgrade(empty_engine)
    with factory() as session:
        replies = {key: payload.get("reply") for key, payload in session.execute(
            select(OutboxMessage.idempotency_key, OutboxMessage.payload))}
    assert replies == {"old-invite": "/survey answer northshire-2026",
                       "new-chaser": "/survey answer other-key", "digest": None}


def test_the_head_read_from_the_revision_files_is_alembics() -> None:
    from alembic.script import ScriptDirectory

    assert migrations.head_revision() == ScriptDirectory(str(migrations.HERE)).get_current_head()


def test_the_revision_read_without_alembic_is_alembics(empty_engine: Engine) -> None:
    for target in (None, "0003", "head"):
        if target is not None:
            migrations.upgrade(empty_engine, target)
        with empty_engine.connect() as connection:
            expected = MigrationContext.configure(connection).get_current_revision()
            assert migrations.stamped_revision(connection) == expected


def test_a_version_table_with_two_revisions_is_an_error(sqlite_url: str) -> None:
    from sqlalchemy import text

    engine = make_engine(sqlite_url)
    try:
        migrations.upgrade(engine)
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO alembic_version VALUES ('0003')"))
        with pytest.raises(RuntimeError, match="more than one revision"):
            migrations.current_revision(engine)
    finally:
        engine.dispose()


def test_0015_links_waiting_reminders_to_their_deadlines(empty_engine: Engine) -> None:
    """A reminder queued before the upgrade is linked to its deadline from its key, so it is
    withdrawn if the deadline is closed before it goes; other messages are left unlinked."""
    from datetime import date

    from sqlalchemy import select

    from bot import outbox
    from bot.db import make_session_factory, transaction
    from bot.messages import Notification
    from bot.models import Deadline, OrganisationKind, OutboxMessage
    from tests.factories import make_organisation, make_person

    migrations.upgrade(empty_engine, "0014")
    factory = make_session_factory(empty_engine)
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    sam = make_person(factory, email="sam@r.example")
    with transaction(factory) as session:
        deadline = Deadline(rule="payment", reference="invoice INV-1", council_id=council,
                            start_on=date(2026, 11, 2), due_on=date(2026, 12, 1))
        session.add(deadline)
        session.flush()
        outbox.enqueue_many(session, [
            Notification(person_id=sam, kind="reminder.payment", text="Pay INV-1",
                         idempotency_key=f"reminder:d{deadline.id}:p{sam}:on:2026-12-01"),
            Notification(person_id=sam, kind="digest.weekly", text="Your week",
                         idempotency_key="digest"),
        ])
    migrations.upgrade(empty_engine)
    with factory() as session:
        links = dict(session.execute(
            select(OutboxMessage.kind, OutboxMessage.deadline_id)).all())
    assert links == {"reminder.payment": deadline.id, "digest.weekly": None}


def test_0016_makes_a_placement_reference_unique_per_council(empty_engine: Engine) -> None:
    """Two councils may each have an RC-104 after 0016, one council still only one (in any
    case); a reference stored lower-case before is upper-cased, also when another council has
    it upper-case (the old constraint, case-sensitive, allowed Northshire's rc-105 beside
    Southshire's RC-105). Downgrading is refused, saying why, while two councils share a
    reference."""
    from datetime import date

    from sqlalchemy import insert, select, text
    from sqlalchemy.exc import IntegrityError

    from bot.db import transaction
    from bot.errors import MigrationRefused
    from bot.models import OrganisationKind, Placement, Role
    from tests.factories import make_organisation, make_person

    factory, north, provider, priya = _council_at(empty_engine, "0015")
    south = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL)
    sue = make_person(factory, email="sue@s.example", role=Role.COMMISSIONER,
                      organisation_id=south)
    sam = make_person(factory, email="sam@r.example", organisation_id=provider)

    def placement(council: int, commissioner: int, reference: str) -> dict[str, object]:
        return {"reference": reference, "council_id": council, "provider_id": provider,
                "commissioner_id": commissioner, "provider_contact_id": sam,
                "started_on": date(2026, 11, 2)}

    with empty_engine.begin() as connection:  # as written before 0016: not through the model
        connection.execute(insert(Placement.__table__), [
            placement(north, priya, "RC-104"), placement(north, priya, "rc-105"),
            placement(south, sue, "RC-105"), placement(south, sue, "rc-106")])
    migrations.upgrade(empty_engine, "0016")  # not further: the downgrade below starts here
    with factory() as session:
        stored = sorted(session.execute(
            text("SELECT council_id, reference FROM placement")).all())
    assert [tuple(row) for row in stored] == [
        (north, "RC-104"), (north, "RC-105"), (south, "RC-105"), (south, "RC-106")]
    with transaction(factory) as session:
        session.add(Placement(**placement(south, sue, "RC-104")))
    with pytest.raises(IntegrityError), transaction(factory) as session:
        session.add(Placement(**placement(north, priya, "rc-104")))  # stored as RC-104
    with factory() as session:
        references = sorted(session.execute(select(Placement.council_id, Placement.reference)
                                            .where(Placement.reference == "RC-104")).all())
    assert [tuple(row) for row in references] == [(north, "RC-104"), (south, "RC-104")]
    with pytest.raises(MigrationRefused,
                       match="more than one council has a placement RC-104"):
        migrations.downgrade(empty_engine, "0015")
    assert migrations.current_revision(empty_engine) == "0016"


def test_0016_refuses_a_council_with_one_reference_in_two_cases(empty_engine: Engine) -> None:
    """A council's rc-300 beside its RC-300 (two placements the old, case-sensitive constraint
    allowed) cannot both stay: every look-up reads a reference in any case, so neither could be
    named. The upgrade changes nothing and says which council and references, for an operator
    to rename one; then it goes through."""
    from datetime import date

    from sqlalchemy import insert, text

    from bot.errors import PledgebotError
    from bot.models import Placement
    from tests.factories import make_person

    factory, north, provider, priya = _council_at(empty_engine, "0015")
    sam = make_person(factory, email="sam@r.example", organisation_id=provider)

    def placement(reference: str) -> dict[str, object]:
        return {"reference": reference, "council_id": north, "provider_id": provider,
                "commissioner_id": priya, "provider_contact_id": sam,
                "started_on": date(2026, 11, 2)}

    with empty_engine.begin() as connection:
        connection.execute(insert(Placement.__table__), [
            placement("rc-300"), placement("RC-300"), placement("rc-301")])
    with pytest.raises(PledgebotError,
                       match=r"Northshire has placements RC-300 \(id 2\) and rc-300 \(id 1\)"):
        migrations.upgrade(empty_engine)
    assert migrations.current_revision(empty_engine) == "0015"
    with empty_engine.begin() as connection:
        assert connection.execute(text("SELECT reference FROM placement ORDER BY id")
                                  ).scalars().all() == ["rc-300", "RC-300", "rc-301"]
        connection.execute(text("UPDATE placement SET reference = 'RC-300-B' WHERE id = 1"))
    migrations.upgrade(empty_engine)
    with empty_engine.begin() as connection:
        assert connection.execute(text("SELECT reference FROM placement ORDER BY id")
                                  ).scalars().all() == ["RC-300-B", "RC-300", "RC-301"]


def _tenders_and_contracts_at_0016(engine: Engine, tenders: list[tuple[str, str]],
                                   contracts: list[tuple[str, str]]) -> tuple[Any, int, int]:
    """The database at 0016 with Northshire (Priya) and Southshire (Sue), and their tenders
    and contracts (council "north" or "south", reference), written as before 0017: not
    through the models. The session factory and the two councils' ids."""
    from datetime import date

    from sqlalchemy import insert

    from bot.models import Contract, OrganisationKind, Role, Tender
    from tests.factories import make_organisation, make_person

    factory, north, provider, priya = _council_at(engine, "0016")
    south = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL)
    sue = make_person(factory, email="sue@s.example", role=Role.COMMISSIONER,
                      organisation_id=south)
    councils = {"north": (north, priya), "south": (south, sue)}
    with engine.begin() as connection:
        if tenders:
            connection.execute(insert(Tender.__table__), [
                {"reference": reference, "council_id": councils[at][0],
                 "commissioner_id": councils[at][1], "title": "Home care",
                 "published_on": date(2026, 11, 2)} for at, reference in tenders])
        if contracts:
            # Only the columns given (and created_at's default): no ends_on before 0017.
            connection.execute(insert(Contract.__table__), [
                {"reference": reference, "council_id": councils[at][0],
                 "provider_id": provider, "commissioner_id": councils[at][1],
                 "title": "Home care"} for at, reference in contracts])
    return factory, north, south


def test_0017_makes_tender_and_contract_references_unique_per_council(
        empty_engine: Engine) -> None:
    """After 0017 two councils may each have a T-1 and a C-1, one council still only one (in
    any case); references stored lower-case before are upper-cased, also where another council
    has one upper-case (the old constraint was case-sensitive); existing contracts have no end
    date. Downgrading is refused, changing nothing, while two councils share a reference."""
    from datetime import date

    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from bot.db import transaction
    from bot.errors import MigrationRefused
    from bot.models import Contract, Tender

    factory, north, south = _tenders_and_contracts_at_0016(
        empty_engine, [("north", "T-1"), ("north", "t-2"), ("south", "T-2")],
        [("north", "c-1"), ("south", "C-1"), ("south", "c-3")])
    migrations.upgrade(empty_engine, "0017")  # not further: the downgrade below starts here
    with factory() as session:
        tenders = sorted(session.execute(text("SELECT council_id, reference FROM tender")))
        contracts = sorted(session.execute(
            text("SELECT council_id, reference, ends_on FROM contract")))
    assert [tuple(row) for row in tenders] == [(north, "T-1"), (north, "T-2"), (south, "T-2")]
    assert [tuple(row) for row in contracts] == [
        (north, "C-1", None), (south, "C-1", None), (south, "C-3", None)]
    with transaction(factory) as session:
        sue = session.scalars(text("SELECT id FROM person WHERE email = 'sue@s.example'")).one()
        session.add(Tender(reference="t-1", council_id=south, commissioner_id=sue,
                           title="Day care", published_on=date(2026, 12, 1)))
    with pytest.raises(IntegrityError), transaction(factory) as session:
        session.add(Tender(reference="t-1", council_id=south, commissioner_id=sue,
                           title="Day care", published_on=date(2026, 12, 1)))
    with pytest.raises(IntegrityError), transaction(factory) as session:
        contract = session.get_one(Contract, 3)
        session.add(Contract(reference="c-3", council_id=south, commissioner_id=sue,
                             provider_id=contract.provider_id, title="Again"))
    with pytest.raises(MigrationRefused,
                       match="more than one council has a tender T-1, tender T-2, contract C-1"):
        migrations.downgrade(empty_engine, "0016")
    assert migrations.current_revision(empty_engine) == "0017"


def test_0017_refuses_a_council_with_one_reference_in_two_cases(empty_engine: Engine) -> None:
    """A council's t-9 beside its T-9 (or c-9 beside C-9) cannot both stay: every look-up
    reads a reference in any case. The upgrade changes nothing and names the council and the
    rows, for an operator to rename one; then it goes through."""
    from sqlalchemy import text

    from bot.errors import MigrationRefused

    _tenders_and_contracts_at_0016(
        empty_engine, [("north", "t-9"), ("north", "T-9"), ("south", "t-10")],
        [("south", "C-9"), ("south", "c-9")])
    with pytest.raises(MigrationRefused,
                       match=r"Northshire has tenders T-9 \(id 2\) and t-9 \(id 1\); "
                             r"Southshire has contracts C-9 \(id 1\) and c-9 \(id 2\)\."):
        migrations.upgrade(empty_engine)
    assert migrations.current_revision(empty_engine) == "0016"
    with empty_engine.begin() as connection:
        assert connection.execute(text("SELECT reference FROM tender ORDER BY id")
                                  ).scalars().all() == ["t-9", "T-9", "t-10"]
        connection.execute(text("UPDATE tender SET reference = 'T-9-B' WHERE id = 1"))
        connection.execute(text("DELETE FROM contract WHERE id = 2"))
    migrations.upgrade(empty_engine)
    with empty_engine.begin() as connection:
        assert connection.execute(text("SELECT reference FROM tender ORDER BY id")
                                  ).scalars().all() == ["T-9-B", "T-9", "T-10"]


def test_0018_links_a_question_handed_over_to_its_case_where_that_is_certain(
        empty_engine: Engine) -> None:
    """A question handed over before 0018 is linked to the case opened by that press (the
    asker's, in its words, opened at that moment), or to the case whose older summary names
    its reference; one told "already" (its words in a case opened before), one handed to the
    contact with no case, and one never handed over stay unlinked. The link goes again on a
    downgrade."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import insert, inspect, select

    from bot.db import transaction
    from bot.models import Case, CaseKind, Question
    from tests.factories import make_person

    factory, north, provider, priya = _council_at(empty_engine, "0017")
    sam = make_person(factory, email="sam@r.example", organisation_id=provider)
    first = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    table = Question.__table__

    def question(text: str, handed_over_at: datetime | None) -> int:
        with empty_engine.begin() as connection:  # as written before 0018: no case_id
            return int(connection.execute(insert(table).returning(table.c.id).values(
                person_id=sam, organisation_id=provider, channel="console", text=text,
                answered=False, mode="abstain", handed_over_at=handed_over_at)).scalar_one())

    def case(reference: str, summary: str, description: str, opened_at: datetime) -> int:
        with transaction(factory) as session:
            row = Case(reference=reference, kind=CaseKind.QUESTION, category="other",
                       council_id=north, provider_id=provider, raised_by_id=sam,
                       assignee_id=priya, summary=summary, description=description,
                       opened_at=opened_at, acknowledge_due_at=opened_at + timedelta(days=2),
                       resolve_due_at=opened_at + timedelta(days=20))
            session.add(row)
            session.flush()
            return row.id

    pressed = question("tell me a joke", first)
    opened = case("PB-2026-000001", "tell me a joke", "tell me a joke", first)
    again = question("tell me a joke", first + timedelta(hours=1))  # "already": no case
    older = question("how are fees set", first + timedelta(days=1))
    named = case("PB-2026-000002", f"Question Q-{older:06d}: how are fees set",
                 "how are fees set", first + timedelta(days=1, seconds=1))
    to_the_contact = question("what time is it", first + timedelta(days=2))
    kept = question("what is the weather", None)
    migrations.upgrade(empty_engine)
    with factory() as session:
        links = dict(session.execute(select(Question.id, Question.case_id)).all())
    assert links == {pressed: opened, again: None, older: named, to_the_contact: None,
                     kept: None}
    migrations.downgrade(empty_engine, "0017")
    assert "case_id" not in {column["name"] for column in
                             inspect(empty_engine).get_columns("question")}
