"""/digest in chat: this week's digest now, /digest off and on; and the CLI preview."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.db import transaction
from bot.dispatch import Router
from bot.models import CaseKind, DigestOptOut, OrganisationKind, OutboxMessage, Person, Role
from tests.cli import run_cli
from tests.factories import Clock, make_incoming, make_organisation, make_person
from tests.handlers.deadlines.support import at
from tests.handlers.digests.support import TEMPLATES, add_case, northshire_week, utc
from tests.handlers.digests.test_sweep import TESS_W49, _digests, _sweep

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

MONDAY_8 = at(date(2026, 11, 30), 8)


def _router(factory: sessionmaker[Session], database_url: str, clock: Clock) -> Router:
    return build_router(factory, Settings(database_url=database_url), TEMPLATES, clock=clock)


def _say(router: Router, text: str, sender: str, clock: Clock) -> str:
    replies = router.handle(make_incoming(text, sender=sender, received_at=clock.now))
    return "\n".join(reply.text for reply in replies)


def _opted_out(factory: sessionmaker[Session]) -> list[int]:
    with factory() as session:
        return list(session.scalars(select(DigestOptOut.person_id)))


def test_digest_shows_this_weeks_now(factory: sessionmaker[Session], database_url: str) -> None:
    northshire_week(factory)
    clock = Clock(MONDAY_8)
    router = _router(factory, database_url, clock)
    assert _say(router, "/digest", "tess@example.org", clock) == TESS_W49
    assert _say(router, "/digest", "uma@example.org", clock) == (
        "Nothing for your digest this week: nothing due or overdue, no open cases, "
        "no new feedback.")
    with factory() as session:  # shown, not sent
        assert session.scalars(select(OutboxMessage)).all() == []


def test_digest_off_stops_it_and_on_brings_it_back(factory: sessionmaker[Session],
                                                  database_url: str) -> None:
    ids = northshire_week(factory)
    clock = Clock(at(date(2026, 11, 27), 15))
    router = _router(factory, database_url, clock)
    assert _say(router, "/digest off", "tess@example.org", clock) == (
        "Your weekly digest is off. /digest still shows it whenever you ask; "
        "/digest on restarts it.")
    assert _say(router, "/digest off", "tess@example.org", clock) == (
        "Your weekly digest is already off. /digest on restarts it.")
    assert _opted_out(factory) == [ids["tess"]]
    _sweep(factory, MONDAY_8)
    assert "tess@example.org" not in _digests(factory)
    assert "sam@example.org" in _digests(factory)
    clock.now = at(date(2026, 12, 1), 9)
    assert _say(router, "/digest on", "tess@example.org", clock) == (
        "Your weekly digest is on: it comes every Monday at 08:00 your time (the next working "
        "day after a bank holiday), when there is something to tell.")
    assert _say(router, "/digest ON", "tess@example.org", clock) == (
        "Your weekly digest is already on.")
    assert _opted_out(factory) == []
    # Turned on again mid-week: this week's digest comes at the next sweep.
    _sweep(factory, clock.now)
    assert "tess@example.org" in _digests(factory)


def test_digest_with_other_words_gets_its_usage(factory: sessionmaker[Session],
                                                database_url: str) -> None:
    northshire_week(factory)
    clock = Clock(MONDAY_8)
    router = _router(factory, database_url, clock)
    assert _say(router, "/digest weekly please", "sam@example.org", clock) == (
        "I didn't understand \"weekly please\" after /digest. Usage: /digest to see this "
        "week's digest now, /digest off to stop the weekly "
        "message, /digest on to restart it.")
    assert _opted_out(factory) == []


def test_cli_preview(factory: sessionmaker[Session], database_url: str,
                     tmp_path: Path) -> None:
    northshire_week(factory)
    env = {"PLEDGEBOT_DATABASE_URL": database_url,
           "PLEDGEBOT_FIXED_NOW": "2026-12-02T12:00:00+00:00"}
    shown = run_cli("digest", "preview", "Tess@Example.org", "--week", "2026-W49",
                    cwd=tmp_path, env=env)
    assert (shown.returncode, shown.stdout.decode()) == (0, TESS_W49 + "\n")
    # Without --week: this week's as of today (Wednesday 2 December).
    today = run_cli("digest", "preview", "tess@example.org", cwd=tmp_path, env=env)
    assert today.stdout.decode() == TESS_W49 + "\n"
    # Next week's, as on Monday 7 December: her review was due on the 3rd.
    later = run_cli("digest", "preview", "tess@example.org", "--week", "2026-W50",
                    cwd=tmp_path, env=env)
    assert later.stdout.decode() == (
        "Your weekly digest, week of Mon 7 Dec 2026\n\nOverdue (1):\n"
        "#9 Initial placement review: P-2001, 4 days overdue\n\n"
        "Close one with /done NUMBER; /reminders lists them all.\n\n"
        "/digest off stops these weekly messages.\n")
    # A past week's preview: Sam's conflict of 16 November is there; the two feedback cases
    # opened on 26 and 27 November are not (session 25's trial: "-68 days old").
    past = run_cli("digest", "preview", "priya@example.org", "--week", "2026-W48",
                   cwd=tmp_path, env=env).stdout.decode()
    assert "Open cases, oldest first (1):\nPB-2026-" in past
    assert "conflict · payment · Riverside · 7 days old" in past
    nobody = run_cli("digest", "preview", "nobody@example.org", cwd=tmp_path, env=env)
    assert (nobody.returncode, nobody.stderr.decode()) == (
        1, "pledgebot: digest preview: nobody has the e-mail 'nobody@example.org'\n")
    bad = run_cli("digest", "preview", "tess@example.org", "--week", "49", cwd=tmp_path,
                  env=env)
    assert (bad.returncode, bad.stderr.decode()) == (
        1, "pledgebot: digest preview: --week '49' is not an ISO week like 2026-W49\n")
    with factory() as session:  # printed, not sent
        assert session.scalars(select(OutboxMessage)).all() == []


def _ages(text: str, pattern: str) -> dict[str, int]:
    """Each case reference's age in days as a digest or /cases words it ("today": 0)."""
    return {reference: 0 if age == "today" else int(age)
            for reference, age in re.findall(pattern, text)}


def test_a_cases_age_in_the_digest_is_whole_days_in_the_councils_time_zone(
        factory: sessionmaker[Session], database_url: str) -> None:
    # Opened at 00:30 on Friday 27 November in London (19:30 on the 26th in New York): on
    # Monday the 30th it is 3 days old for everyone, as the council counts its days.
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    priya = make_person(factory, email="priya@example.org", role=Role.COMMISSIONER,
                        organisation_id=council)
    with transaction(factory) as session:
        session.get_one(Person, priya).timezone = "America/New_York"
    reference = add_case(factory, kind=CaseKind.CONFLICT, council=council, owner=priya,
                         opened_at=utc(2026, 11, 27, 0, 30))
    clock = Clock(MONDAY_8)
    said = _say(_router(factory, database_url, clock), "/digest", "priya@example.org", clock)
    assert _ages(said, r"(PB-\d{4}-\d{6}) ·[^\n]* (\d+) days? old") == {reference: 3}


def test_the_digest_and_cases_give_a_case_the_same_age(
        factory: sessionmaker[Session], database_url: str) -> None:
    # Trials: at the same moment the digest said "4 days old" and /cases "3 days".
    northshire_week(factory)
    clock = Clock(MONDAY_8)
    router = _router(factory, database_url, clock)
    digest = _ages(_say(router, "/digest", "priya@example.org", clock),
                   r"(PB-\d{4}-\d{6}) ·[^\n]* (\d+) days? old")
    listed = _ages(_say(router, "/cases", "priya@example.org", clock),
                   r"(PB-\d{4}-\d{6}) ·[^\n]* · (today|\d+)(?: days?)?(?: ·|\n|$)")
    assert len(digest) == 3
    assert listed == digest
