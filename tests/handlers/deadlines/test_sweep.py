"""Reminders end to end: a placement's first year, exactly once under concurrency and crashes."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from bot import migrations
from bot.app import build_router
from bot.config import Settings
from bot.db import make_engine, transaction
from bot.dispatch import Router
from bot.models import (
    Channel,
    Deadline,
    Invoice,
    OutboxMessage,
    Person,
    Placement,
    Reminder,
    ReminderStatus,
    Role,
)
from bot.templates import make_templates
from handlers.deadlines.store import ReminderPolicy, open_deadline
from handlers.deadlines.sweep import SweepResult, claim_due, deliver_claimed, sweep
from scheduler.rules import WorkingCalendar
from tests.factories import (
    Clock,
    count_rows,
    in_parallel,
    make_incoming,
)
from tests.handlers.deadlines.support import LONDON, at, import_tenders

CALENDAR = WorkingCalendar()
POLICY = ReminderPolicy()
TEMPLATES = make_templates()


def _sweep(factory: sessionmaker[Session], *, now: datetime, **options: Any) -> SweepResult:
    """One reminder sweep at ``now`` with this file's templates, calendar and policy."""
    return sweep(factory, now=now, templates=TEMPLATES, calendar=CALENDAR, policy=POLICY,
                 **options)


def _say(router: Router, text: str, sender: str) -> str:
    return "\n".join(reply.text for reply in router.handle(make_incoming(text, sender=sender)))


def _sent(factory: sessionmaker[Session]) -> list[tuple[str, str, str]]:
    """(local date of sending, recipient e-mail, stage) for every reminder in the outbox."""
    with factory() as session:
        rows = session.execute(
            select(OutboxMessage.created_at, Person.email, OutboxMessage.idempotency_key)
            .join(Person, Person.id == OutboxMessage.person_id)
            .where(OutboxMessage.kind.like("reminder.%"))
            .order_by(OutboxMessage.id)).all()
    return [(created.astimezone(LONDON).date().isoformat(), email, _stage(key))
            for created, email, key in rows]


def _stage(key: str) -> str:
    parts = key.split(":")  # reminder:d1:p2:on:2027-02-12 or reminder:d1:escalation
    return ":".join(parts[3:]) if parts[2].startswith("p") else parts[2]


@pytest.mark.one_database_each  # what is sent when, not the database's part (tests/conftest.py)
def test_a_placements_first_year(factory: sessionmaker[Session], database_url: str,
                                 people: dict[str, int]) -> None:
    clock = Clock(at(date(2026, 11, 30), 8))
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES, clock=clock)
    assert _say(router, "/placement new P-1042 2026-11-30 priya@northshire.example",
                "sam@riverside.example").startswith(
        "Placement P-1042 added, starting Mon 30 Nov 2026. The initial review is due Fri 26 "
        "Feb 2027")
    actions = {
        date(2027, 2, 26): ("/review done P-1042 today maintain", "priya@northshire.example"),
        date(2027, 9, 6): ("/review done P-1042 today increase", "sam@riverside.example"),
    }
    day = date(2026, 11, 30)
    while day <= date(2027, 11, 30):
        for hour in (9, 13):
            clock.now = at(day, hour, 1)
            _sweep(factory, now=clock.now)
        if day in actions:
            clock.now = at(day, 15)
            text, sender = actions[day]
            assert _say(router, text, sender).startswith("Recorded: P-1042")
        day += timedelta(days=1)

    both = ["priya@northshire.example", "sam@riverside.example"]
    expected = [
        # Initial review due Fri 26 Feb 2027 (28 Feb is a Sunday): 14, 7, 1 and 0 days before.
        *[(d, who, f"on:{d}") for d in ("2027-02-12", "2027-02-19", "2027-02-25", "2027-02-26")
          for who in both],
        # Joint monitoring due Thu 26 Aug 2027, not done on time.
        *[(d, who, f"on:{d}") for d in ("2027-08-12", "2027-08-19", "2027-08-25", "2027-08-26")
          for who in both],
        # Chased every 2 working days (Mon 30 Aug is the summer bank holiday) ...
        *[(d, who, f"chase:{d}") for d in ("2027-08-31", "2027-09-02", "2027-09-06")
          for who in both],
        # ... and escalated to Priya's manager after 5 working days, once.
        ("2027-09-03", "boss@northshire.example", "escalation"),
    ]
    sent = _sent(factory)
    assert sorted(sent) == sorted(expected)
    assert len(sent) == len(set(sent))
    with factory() as session:
        deadline = session.scalars(select(Deadline).where(Deadline.status == "open")).one()
        pending = session.scalars(select(Reminder.stage).where(
            Reminder.status == ReminderStatus.PENDING)).all()
    # The next monitoring review: 6 months after Mon 6 Sep 2027 is Mon 6 Mar 2028; its
    # 1-day reminder (Sun 5 Mar) moves back to Fri 3 Mar; its first chase, should it be
    # overdue, is planned with them (session 34).
    assert (deadline.rule, deadline.due_on) == ("monitoring", date(2028, 3, 6))
    assert sorted(pending) == ["chase:2028-03-08", "chase:2028-03-08",
                               "on:2028-02-21", "on:2028-02-21", "on:2028-02-28",
                               "on:2028-02-28", "on:2028-03-03", "on:2028-03-03",
                               "on:2028-03-06", "on:2028-03-06"]


def test_a_tenders_dates_remind_the_commissioner_and_the_bidder_once_each(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int]) -> None:
    from handlers.deadlines import imports as deadline_imports

    clock = Clock(at(date(2026, 11, 25), 8))
    csv_text = ("reference,title,commissioner_email,published_on,clarification_on,"
                "submission_on,standstill_end_on,bidder_email,outcome,decided_on\n"
                "T-9,Home care,priya@northshire.example,2026-11-20,2026-12-04,2026-12-18,,"
                "sam@riverside.example,pending,\n")
    deadline_imports.import_tenders(factory, csv_text.encode(), source="t.csv",
                                    calendar=CALENDAR, policy=POLICY, now=clock.now)
    day = date(2026, 11, 25)
    while day <= date(2027, 1, 8):
        clock.now = at(day, 9, 1)
        _sweep(factory, now=clock.now)
        day += timedelta(days=1)
    both = ["priya@northshire.example", "sam@riverside.example"]
    # Clarification Fri 4 Dec: 7, 1 and 0 days before (14 days before had passed at import);
    # submission Fri 18 Dec: 14, 7, 1 and 0 days before. Never chased once passed.
    days = ("2026-11-27", "2026-12-03", "2026-12-04",
            "2026-12-04", "2026-12-11", "2026-12-17", "2026-12-18")
    sent = _sent(factory)
    assert sorted(sent) == sorted((d, who, f"on:{d}") for d in days for who in both)
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES,
                    clock=lambda: at(date(2026, 11, 25), 10))
    # Each sees one line per tender date in /reminders: the commissioner not the bidder's copy.
    for who in both:
        listing = _say(router, "/reminders", who)
        assert listing.count("T-9 submission deadline") == 1, (who, listing)


def _due_deadlines(factory: sessionmaker[Session], people: dict[str, int], count: int,
                   now: datetime) -> None:
    from bot.models import Organisation

    with transaction(factory) as session:
        council = session.scalars(select(Organisation.id).where(
            Organisation.name == "Northshire")).one()
        provider = session.scalars(select(Organisation.id).where(
            Organisation.name == "Riverside")).one()
        for number in range(count):
            open_deadline(session, rule="payment", reference=f"invoice {number}",
                          start_on=date(2026, 11, 1), due_on=date(2026, 11, 11),
                          council_id=council, provider_id=provider,
                          provider_contact_id=people["sam"], commissioner_id=people["priya"],
                          calendar=CALENDAR, policy=POLICY, now=now)


def _reminder_count(factory: sessionmaker[Session], status: ReminderStatus) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(Reminder).where(
            Reminder.status == status)) or 0


def _concurrent_sweeps(url: str, now: datetime) -> list[int]:
    def work(sessions: sessionmaker[Session]) -> int:
        result = sweep(sessions, now=now, templates=TEMPLATES, calendar=CALENDAR,
                       policy=POLICY, batch=25)
        return result.sent + result.cancelled

    return in_parallel(url, work)


def test_four_sweepers_send_each_reminder_once(
    factory: sessionmaker[Session], database_url: str, people: dict[str, int]
) -> None:
    created = at(date(2026, 11, 1), 8)
    _due_deadlines(factory, people, 150, created)
    now = at(date(2026, 11, 12), 9, 30)  # every reminder up to the due date is due
    due = _reminder_count(factory, ReminderStatus.PENDING)
    with factory() as session:
        first_wave = session.scalar(select(func.count()).select_from(Reminder).where(
            Reminder.send_at <= now)) or 0
    handled = _concurrent_sweeps(database_url, now)
    # Every due reminder is handled exactly once: sent, or skipped for a later one.
    assert sum(handled) == first_wave
    assert due >= first_wave > 0
    with factory() as session:
        keys = session.scalars(select(OutboxMessage.idempotency_key)).all()
        sent = session.scalar(select(func.count()).select_from(Reminder).where(
            Reminder.status == ReminderStatus.SENT))
        assert len(keys) == len(set(keys)) == sent
        # Each payment deadline reached both of its people.
        assert len({tuple(key.split(":")[1:3]) for key in keys}) == 300
        assert session.scalar(select(func.count()).select_from(Reminder).where(
            Reminder.status == ReminderStatus.CLAIMED)) == 0


def test_a_sweeper_killed_after_claiming_is_taken_over_after_the_lease(
    factory: sessionmaker[Session], people: dict[str, int]
) -> None:
    _due_deadlines(factory, people, 10, at(date(2026, 11, 1), 8))
    now = at(date(2026, 11, 11), 9, 30)
    claimed = claim_due(factory, now=now, lease=timedelta(minutes=5), batch=1000, token="dead")
    assert claimed  # ... and the process dies here, before delivering
    soon = _sweep(factory, now=now + timedelta(minutes=1))
    assert soon.sent == 0
    later = _sweep(factory, now=now + timedelta(minutes=6))
    assert later.sent + later.cancelled == len(claimed)
    assert later.sent == 20  # the latest reminder of each of 10 deadlines, to 2 people
    # The dead sweeper's late delivery finds nothing still claimed by it.
    zombie = deliver_claimed(factory, claimed, "dead", now=now + timedelta(minutes=7),
                             templates=TEMPLATES, calendar=CALENDAR, policy=POLICY)
    assert zombie.sent == 0
    with factory() as session:
        keys = session.scalars(select(OutboxMessage.idempotency_key)).all()
    assert len(keys) == len(set(keys)) == later.sent


def test_closed_deadlines_send_nothing(factory: sessionmaker[Session], database_url: str,
                                       people: dict[str, int]) -> None:
    clock = Clock(at(date(2026, 11, 2), 8))
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES, clock=clock)
    _say(router, "/placement new P-7 2026-11-02 priya@northshire.example",
         "sam@riverside.example")
    _say(router, "/invoice received INV-1 2026-11-02 100 P-7", "sam@riverside.example")
    assert _say(router, "/invoice paid INV-1", "priya@northshire.example").startswith(
        "Invoice INV-1 recorded as paid on Mon 2 Nov 2026")
    result = _sweep(factory, now=at(date(2026, 11, 20), 10))
    assert result.sent == 0
    assert _sent(factory) == []


@pytest.mark.parametrize(("command", "reply"), [
    ("/invoice received INV-9 2026-12-25 100 P-7",
     "The date received Fri 25 Dec 2026 is in the future. Please check it."),
    ("/review done P-7 2026-10-01",
     "The review date Thu 1 Oct 2026 is before placement P-7 started (Mon 2 Nov 2026)."),
    ("/review done P-404", "I don't know a placement 'P-404'. Type /placement list to see yours."),
    # Session 22's review: "tomorrow" was kept as the outcome of a review recorded as done.
    ("/review done P-7 tomorrow",
     "A review is recorded once it has happened, so I haven't recorded P-7's review "
     "(\"tomorrow\"). When it is done, send /review done P-7; for a review done on an earlier "
     "day, /review done P-7 DD/MM/YYYY."),
    ("/review done P-7 next week", "A review is recorded once it has happened, so I haven't "
     "recorded P-7's review (\"next week\"). When it is done, send /review done P-7; for a "
     "review done on an earlier day, /review done P-7 DD/MM/YYYY."),
    ("/invoice received INV-1 2026-11-02 100 P-7", "Invoice INV-1 is already recorded as "
                                                   "received Mon 2 Nov 2026, £100.00, placement "
                                                   "P-7: nothing changed."),
    ("/invoice received INV-9 2026-13-45 100 P-7",
     "The date received '2026-13-45' does not exist. Please check it."),
    ("/invoice received INV-9 yesterdayish 100 P-7",
     "I couldn't read the date received 'yesterdayish'. Please write it as 2026-11-25 or "
     "25/11/2026."),
    ("/invoice received INV-9 2026-11-02 -5 P-7",
     "The amount '-5' must be a positive sum in pounds and pence."),
    ("/condition-change P-404", "I don't know a placement 'P-404'. Type /placement list to see "
                                "yours."),
    ("/done 99999", "I don't know that deadline. Type /reminders to see yours."),
    ("/placement new P-7 2026-11-02 priya@northshire.example",
     "You already have placement P-7 at Northshire: /placement list shows it. If this is "
     "another placement, please check its reference with your commissioner there."),
])
def test_bad_input_names_the_problem_and_creates_nothing(
    factory: sessionmaker[Session], database_url: str, people: dict[str, int], command: str,
    reply: str,
) -> None:
    clock = Clock(at(date(2026, 11, 2), 8))
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES, clock=clock)
    _say(router, "/placement new P-7 2026-11-02 priya@northshire.example",
         "sam@riverside.example")
    _say(router, "/invoice received INV-1 2026-11-02 100 P-7", "sam@riverside.example")

    def counts() -> Counter[str]:
        return Counter({model.__tablename__: count_rows(factory, model)
                        for model in (Placement, Invoice, Deadline, Reminder, OutboxMessage)})

    before = counts()
    assert _say(router, command, "sam@riverside.example") == reply
    assert counts() == before


def test_another_organisations_placement_is_unknown(
    factory: sessionmaker[Session], database_url: str, people: dict[str, int]
) -> None:
    clock = Clock(at(date(2026, 11, 2), 8))
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES, clock=clock)
    _say(router, "/placement new P-7 2026-11-02 priya@northshire.example",
         "sam@riverside.example")
    for command in ("/review done P-7", "/condition-change P-7",
                    "/invoice received INV-2 2026-11-02 10 P-7"):
        assert _say(router, command, "kim@hillview.example") == (
            "I don't know a placement 'P-7'. Type /placement list to see yours.")
    assert _say(router, "/reminders", "kim@hillview.example").startswith("Nothing is due")
    assert _say(router, "/done 1", "kim@hillview.example") == (
        "I don't know that deadline. Type /reminders to see yours.")


def test_migrated_database_for_reminders(database_url: str) -> None:
    engine = make_engine(database_url)
    migrations.upgrade(engine)
    engine.dispose()


@pytest.mark.parametrize("batch", [1, 7, 2000])
def test_a_catch_up_sweep_sends_one_reminder_per_deadline_and_person_whatever_the_batch(
    factory: sessionmaker[Session], people: dict[str, int], batch: int
) -> None:
    _due_deadlines(factory, people, 10, at(date(2026, 11, 1), 8))
    # Downtime: at 09:30 on the 11th several reminders of each deadline are due at once.
    now = at(date(2026, 11, 11), 9, 30)
    result = _sweep(factory, now=now, batch=batch)
    assert result.sent == 20  # the latest reminder of each of 10 deadlines, to 2 people
    with factory() as session:
        sent = session.execute(select(Reminder.deadline_id, Reminder.person_id).where(
            Reminder.status == ReminderStatus.SENT)).all()
        queued = session.scalar(select(func.count()).select_from(OutboxMessage))
    assert len(sent) == len(set(sent)) == queued == 20


def _tender_t9(factory: sessionmaker[Session], database_url: str) -> tuple[Router, Clock]:
    """Tender T-9 (clarification Fri 4 Dec, submission Fri 18 Dec 2026), imported on Wed 25
    Nov; a router whose clock is that day at 10:00."""
    clock = Clock(at(date(2026, 11, 25), 8))
    import_tenders(factory, "reference,title,commissioner_email,published_on,clarification_on,"
                   "submission_on,standstill_end_on\nT-9,Home care,priya@northshire.example,"
                   "2026-11-20,2026-12-04,2026-12-18,2027-01-15\n", clock.now)
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES, clock=clock)
    clock.now = at(date(2026, 11, 25), 10)
    return router, clock


def test_a_provider_following_a_tender_is_reminded_of_its_bidding_dates_until_unfollowing(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int]) -> None:
    router, clock = _tender_t9(factory, database_url)
    assert _say(router, "/tender follow T-9", "kim@hillview.example").startswith(
        "You're following T-9")
    day = date(2026, 11, 26)
    while day <= date(2027, 1, 20):
        clock.now = at(day, 9, 1)
        _sweep(factory, now=clock.now)
        if day == date(2026, 12, 11):
            clock.now = at(day, 12)
            assert _say(router, "/tender unfollow T-9", "kim@hillview.example").startswith(
                "You've stopped following T-9")
        day += timedelta(days=1)
    kim = [(d, stage) for d, who, stage in _sent(factory) if who == "kim@hillview.example"]
    # Clarification Fri 4 Dec: 7, 1 and 0 days before; submission Fri 18 Dec: 14 days before
    # (Fri 4 Dec) and 7 days before (Fri 11 Dec, sent at 09:00, before unfollowing at noon);
    # nothing after, and never the standstill end, which concerns bidders only.
    assert kim == [("2026-11-27", "on:2026-11-27"), ("2026-12-03", "on:2026-12-03"),
                   ("2026-12-04", "on:2026-12-04"), ("2026-12-04", "on:2026-12-04"),
                   ("2026-12-11", "on:2026-12-11")]
    with factory() as session:
        texts = [payload["text"] for payload in session.scalars(
            select(OutboxMessage.payload).join(Person, Person.id == OutboxMessage.person_id)
            .where(Person.email == "kim@hillview.example").order_by(OutboxMessage.id))]
    assert texts[0].startswith("Tender clarification deadline: T-9 clarification deadline, due "
                               "on Fri 4 Dec 2026 (in 7 days).")
    # The commissioner is reminded of the tender's own dates, not of Kim's copies.
    with factory() as session:
        keys = session.scalars(select(OutboxMessage.idempotency_key).where(
            OutboxMessage.person_id == people["priya"])).all()
        reminded = {int(key.split(":")[1][1:]) for key in keys}
        providers = set(session.scalars(select(Deadline.provider_id).where(
            Deadline.id.in_(reminded))))
    assert len(keys) == 11
    assert providers == {None}


def test_a_late_sweep_drops_a_tenders_passed_dates_and_never_says_overdue(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int]) -> None:
    # Session 26's trial: a follower was sent "clarification deadline, OVERDUE by 8 days ...
    # /done 28" for a date that had simply passed, and the commissioner "Tender submission
    # deadline ... OVERDUE by 4 days".
    router, _clock = _tender_t9(factory, database_url)
    _say(router, "/tender follow T-9", "kim@hillview.example")
    _sweep(factory, now=at(date(2026, 12, 9), 9, 1))  # the first sweep since the 25th
    with factory() as session:
        texts = {email: [payload["text"] for payload, who in session.execute(
            select(OutboxMessage.payload, Person.email)
            .join(Person, Person.id == OutboxMessage.person_id)
            .order_by(OutboxMessage.id)) if who == email]
            for email in ("kim@hillview.example", "priya@northshire.example")}
    for email, sent in texts.items():
        assert sent, email
        assert not any("OVERDUE" in text or "clarification" in text for text in sent), sent
    [kim] = texts["kim@hillview.example"]
    assert kim.startswith("Tender submission deadline: T-9 submission deadline, due on Fri 18 "
                          "Dec 2026 (in 9 days).")
    # Her own copy: she marks it done once her bid is in.
    assert kim.endswith("Press Done when it is done, or type /done 5.")


def test_an_escalation_goes_to_the_escalation_contact_of_the_day_it_is_sent(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int]) -> None:
    from handlers.people import directory

    clock = Clock(at(date(2026, 11, 30), 8))
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES, clock=clock)
    _say(router, "/placement new P-1042 2026-11-30 priya@northshire.example",
         "sam@riverside.example")
    day = date(2027, 2, 1)
    planned: list[str] = []
    while not planned:  # until the escalation is planned (to Boss, Priya's contact then)
        clock.now = at(day, 9, 1)
        _sweep(factory, now=clock.now)
        with factory() as session:
            planned = list(session.scalars(select(Person.email).join(
                Reminder, Reminder.person_id == Person.id).where(
                Reminder.stage == "escalation", Reminder.status == ReminderStatus.PENDING)))
        day += timedelta(days=1)
    assert planned == ["boss@northshire.example"]
    # Then Priya's escalation contact changes to Nia, before the escalation is sent.
    csv_text = ("organisation,organisation_kind,name,email,role,escalation_contact_email\n"
                "Northshire,council,Nia Head,nia@northshire.example,commissioner,\n"
                "Northshire,council,Priya Shah,priya@northshire.example,commissioner,"
                "nia@northshire.example\n")
    directory.import_people(factory, directory.parse_people_csv(csv_text.encode()))
    while day <= date(2027, 3, 31):
        clock.now = at(day, 9, 1)
        _sweep(factory, now=clock.now)
        day += timedelta(days=1)
    escalated = [(who, stage) for _day, who, stage in _sent(factory) if stage == "escalation"]
    assert escalated == [("nia@northshire.example", "escalation")]


def test_an_escalation_to_a_contact_away_goes_to_their_cover_too(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int]) -> None:
    # Session 32's brief: a commissioner's /away with a cover holds for what they are sent
    # about deadlines, as a provider's does: Boss, away, has Nia told of Priya's overdue review.
    from tests.factories import make_person

    nia = make_person(factory, email="nia@northshire.example", role=Role.COMMISSIONER,
                      organisation_id=_council(factory, people), name="Nia Head")
    with transaction(factory) as session:
        boss = session.get_one(Person, people["boss"])
        boss.away_until, boss.cover_id = date(2027, 12, 31), nia
    clock = Clock(at(date(2026, 11, 30), 8))
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES, clock=clock)
    _say(router, "/placement new P-1042 2026-11-30 priya@northshire.example",
         "sam@riverside.example")
    day = date(2027, 2, 1)
    while day <= date(2027, 3, 31):
        clock.now = at(day, 9, 1)
        _sweep(factory, now=clock.now)
        day += timedelta(days=1)
    escalated = [(who, stage) for _day, who, stage in _sent(factory) if stage == "escalation"]
    assert escalated == [("boss@northshire.example", "escalation"),
                         ("nia@northshire.example", "escalation")]
    with factory() as session:
        copy = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.person_id == nia)).one()
    assert copy["text"].startswith("You cover for Bo Ss, away until Fri 31 Dec 2027:\n")
    assert copy["buttons"] == []


def _council(factory: sessionmaker[Session], people: dict[str, int]) -> int:
    with factory() as session:
        return session.get_one(Person, people["boss"]).organisation_id


def _chases_by_reference(factory: sessionmaker[Session]
                         ) -> dict[str, list[tuple[str, str, str]]]:
    """Per deadline reference, (local date sent, recipient, stage) of every chase and
    escalation in the outbox, in the order sent."""
    with factory() as session:
        rows = session.execute(
            select(OutboxMessage.created_at, Person.email, OutboxMessage.idempotency_key,
                   Deadline.reference)
            .join(Person, Person.id == OutboxMessage.person_id)
            .join(Deadline, Deadline.id == OutboxMessage.deadline_id)
            .where(OutboxMessage.kind.like("reminder.%"))
            .order_by(OutboxMessage.id)).all()
    found: dict[str, list[tuple[str, str, str]]] = {}
    for created, email, key, reference in rows:
        stage = _stage(key)
        if stage == "escalation" or stage.startswith("chase:"):
            found.setdefault(reference, []).append(
                (created.astimezone(LONDON).date().isoformat(), email, stage.split(":")[0]))
    return found


@pytest.mark.one_database_each  # what is sent when, not the database's part (tests/conftest.py)
@pytest.mark.parametrize("planned", [True, False], ids=["planned", "opened-before"])
def test_an_invoice_whose_legal_limit_falls_on_a_non_working_day_is_chased_and_escalated(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        planned: bool) -> None:
    # Session 34's trial: B-1's limit is Fri 1 Jan 2027 (a bank holiday), C-1's Sun 27 Dec
    # 2026: their last reminder ("tomorrow") went on the working day before, no reminder went
    # on or after the limit, and so no chase and no escalation ever did; A-1 (Thu 31 Dec) was.
    with transaction(factory) as session:  # Boss pays the council's invoices; Priya is above
        session.get_one(Person, people["boss"]).escalation_contact_id = people["priya"]
    clock = Clock(at(date(2026, 12, 7), 9, 30))
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES, clock=clock)
    for typed in ("A-1 02/12/2026", "B-1 03/12/2026", "C-1 28/11/2026"):
        assert "recorded as received" in _say(router, f"/invoice received {typed} 100 none",
                                              "kim@hillview.example")
    if not planned:  # opened before the first chase was planned with the reminders
        with transaction(factory) as session:
            session.execute(delete(Reminder).where(Reminder.stage.like("chase:%")))
    day = date(2026, 12, 7)
    while day <= date(2027, 1, 8):
        clock.now = at(day, 9, 1)
        _sweep(factory, now=clock.now)
        day += timedelta(days=1)
    both = ("boss@northshire.example", "kim@hillview.example")
    chased = _chases_by_reference(factory)
    # limit Thu 31 Dec; chased 2 working days on (Fri 1 Jan is a bank holiday), escalated
    # 5 working days on, Fri 8 Jan.
    assert chased["invoice A-1"] == [
        *[(d, who, "chase") for d in ("2027-01-05", "2027-01-07") for who in both],
        ("2027-01-08", "priya@northshire.example", "escalation")]
    # B-1: limit Fri 1 Jan, a bank holiday: chased and escalated on the same days.
    assert chased["invoice B-1"] == chased["invoice A-1"]
    # C-1: limit Sun 27 Dec (Mon 28 Dec is Boxing Day's substitute): chased from Wed 30 Dec,
    # escalated 5 working days after the limit, Tue 5 Jan.
    assert chased["invoice C-1"] == [
        *[(d, who, "chase") for d in ("2026-12-30", "2027-01-04") for who in both],
        ("2027-01-05", "priya@northshire.example", "escalation"),
        *[(d, who, "chase") for d in ("2027-01-06", "2027-01-08") for who in both]]


def _payment_texts(factory: sessionmaker[Session], email: str) -> list[str]:
    """The first line (after an escalation's heading) of every invoice reminder, chase and
    escalation queued for ``email``, in order."""
    with factory() as session:
        payloads = session.scalars(
            select(OutboxMessage.payload).join(Person, Person.id == OutboxMessage.person_id)
            .where(Person.email == email, OutboxMessage.kind == "reminder.payment")
            .order_by(OutboxMessage.id)).all()
    return [next(line for line in payload["text"].splitlines()
                 if line.startswith("Invoice payment:")) for payload in payloads]


@pytest.mark.one_database_each  # what is sent when, not the database's part (tests/conftest.py)
def test_invoice_reminders_to_the_payer_name_the_provider_the_invoice_is_from(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int]) -> None:
    # Session 34's trial: "Invoice payment: invoice INV-1003. The pledge aims for payment by
    # tomorrow ..." to the commissioner, while two providers each had an INV-1003.
    with transaction(factory) as session:
        session.get_one(Person, people["boss"]).escalation_contact_id = people["priya"]
    clock = Clock(at(date(2026, 11, 2), 9, 30))
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES, clock=clock)
    for sender in ("kim@hillview.example", "sam@riverside.example"):
        assert "recorded as received" in _say(
            router, "/invoice received INV-1003 02/11/2026 100 none", sender)
    day = date(2026, 11, 2)
    while day <= date(2026, 12, 9):
        clock.now = at(day, 9, 1)
        _sweep(factory, now=clock.now)
        day += timedelta(days=1)
    boss = _payment_texts(factory, "boss@northshire.example")
    assert boss[0] == ("Invoice payment: invoice INV-1003 from Hillview. The pledge aims for "
                       "payment by Thu 12 Nov 2026 (in 7 days); the legal limit (30 days, "
                       "counting the day of receipt) is Tue 1 Dec 2026. (Pledge commitment 29.)")
    assert boss[1].startswith("Invoice payment: invoice INV-1003 from Riverside. ")
    assert all(" from Hillview" in text or " from Riverside" in text for text in boss)
    assert "Invoice payment: invoice INV-1003 from Hillview, OVERDUE by 2 days: " in " ".join(boss)
    # The escalation too; each provider's own read as they did.
    assert _payment_texts(factory, "priya@northshire.example") == [
        f"Invoice payment: invoice INV-1003 from {provider}, OVERDUE by 7 days: past the legal "
        "limit of 30 days, counting the day of receipt (was due Tue 1 Dec 2026). (Pledge "
        "commitment 29.)" for provider in ("Hillview", "Riverside")]
    kim = _payment_texts(factory, "kim@hillview.example")
    assert kim[0].startswith("Invoice payment: invoice INV-1003. The pledge aims ")
    assert not any(" from " in text for text in kim)


@pytest.mark.one_database_each  # what is sent when, not the database's part (tests/conftest.py)
def test_an_uplift_due_on_a_saturday_is_chased_and_escalated(
        factory: sessionmaker[Session], people: dict[str, int]) -> None:
    # The same as session 34's invoices for a given date: the uplift of Sat 16 Jan 2027 is
    # last reminded of on Fri 15 Jan, and is chased from Tue 19 Jan while not confirmed.
    from handlers.deadlines import imports as deadline_imports

    deadline_imports.import_contracts(
        factory, b"reference,title,commissioner_email,provider,uplift_on\n"
                 b"C-1,Home care,priya@northshire.example,Hillview,2027-01-16\n",
        source="c.csv", calendar=CALENDAR, policy=POLICY, now=at(date(2026, 12, 28), 8))
    day = date(2026, 12, 28)
    while day <= date(2027, 1, 22):
        _sweep(factory, now=at(day, 9, 1))
        day += timedelta(days=1)
    both = ("kim@hillview.example", "priya@northshire.example")
    assert sorted(_chases_by_reference(factory)["C-1 uplift"]) == sorted([
        *[(d, who, "chase") for d in ("2027-01-19", "2027-01-21") for who in both],
        ("2027-01-22", "boss@northshire.example", "escalation")])


def test_a_newer_reminder_supersedes_the_undelivered_ones_of_its_deadline(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int]) -> None:
    # Session 37's trial: three sweeps queued three reminders of one revisit for Priya, who
    # was not there to get them, and her console then showed all three at once ("in 2
    # days", "OVERDUE by 36 days", "OVERDUE by 42 days").
    from bot import outbox

    clock = Clock(at(date(2026, 12, 1), 10))
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES, clock=clock)
    _say(router, "/placement new RC-014 2026-11-02 priya@northshire.example",
         "sam@riverside.example")
    assert "due by Tue 15 Dec 2026" in _say(router, "/condition-change RC-014",
                                            "sam@riverside.example")
    for moment in (at(date(2026, 12, 13), 8), at(date(2027, 1, 20), 10, 5),
                   at(date(2027, 1, 26), 9)):
        _sweep(factory, now=moment)
    with factory() as session:
        revisits = session.execute(
            select(OutboxMessage.status, OutboxMessage.last_error)
            .join(Deadline, Deadline.id == OutboxMessage.deadline_id)
            .where(Deadline.rule == "condition-change",
                   OutboxMessage.person_id == people["priya"])
            .order_by(OutboxMessage.id)).all()
    assert [status for status, _why in revisits] == ["withdrawn", "withdrawn", "pending"]
    assert all((why or "").startswith("superseded") for _status, why in revisits[:2])
    deliveries = outbox.claim(factory, Channel.CONSOLE, policy=outbox.OutboxPolicy(),
                              now=at(date(2027, 1, 28), 12), address="priya@northshire.example")
    revisit = [d.text for d in deliveries if "RC-014 condition-change" in d.text]
    assert len(revisit) == 1
    assert "OVERDUE by 42 days" in revisit[0]
