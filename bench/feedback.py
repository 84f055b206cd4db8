"""Benchmark: the published feedback page's render time with 50 closed surveys, against the
scorecard query alone (the named baseline) and the page without surveys, in the same run.

For each database (``--db``), migrates a fresh one and bulk-loads one council with
``--deadlines`` reviews and bid-feedback clocks and ``--cases`` conflicts and safeguarding
concerns over the page's period (the last three whole months before 3 December 2026). Then,
``--repeat`` rounds in which each takes its turn (median and p95 reported):

- ``scorecard query`` (baseline): ``scorecards(...)`` for the council and the period;
- ``page, no surveys``: ``load_page`` + ``render_page`` with no survey published;
- ``page, 50 surveys``: the same with ``--surveys`` closed surveys (six questions each: Likert,
  single, multiple, yes/no and free text with three approved comments, one suppressed) from a
  results provider that returns them ready-built, so the figure is the page's own cost;
- ``render only, 50 surveys``: ``render_page`` alone (no database), to split query and render.

    python bench/feedback.py [--db sqlite|postgresql|both] [--surveys 50] [--repeat 30]
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from _db import COUNCIL, SEED, bench_parser, database_kinds, fresh_database
from sqlalchemy import insert

from bot import migrations
from bot.db import make_engine, make_session_factory, transaction
from bot.models import (
    Case,
    CaseKind,
    CaseStatus,
    Deadline,
    DeadlineStatus,
    Organisation,
    OrganisationKind,
    Person,
    Role,
    SurveyAction,
    SurveyAnonymousResponse,
    SurveyApprovedComment,
    SurveyInvitee,
)
from bot.templates import make_templates
from handlers.digests.scorecard import scorecards
from handlers.feedback.page import Council, last_whole_months, load_page, render_page_data
from handlers.surveys import definitions as survey_definitions
from handlers.surveys.results import (
    OptionCount,
    QuestionResults,
    SurveyResults,
    YouSaidWeDid,
    published_results,
)
from handlers.surveys.service import open_survey
from scheduler.rules import WorkingCalendar

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
TIMEZONE = "Europe/London"


def survey(number: int, rng: random.Random) -> SurveyResults:
    """One closed survey with every kind of question."""
    def counts(labels: list[str]) -> tuple[OptionCount, ...]:
        return tuple(OptionCount(label, rng.randint(0, 12)) for label in labels)
    likert = counts(["1", "2", "3", "4", "5"])
    answered = sum(option.count for option in likert)
    return SurveyResults(
        survey_id=f"procurement-experience-T-2026-{number:03d}",
        title=f"Procurement experience: tender T-2026-{number:03d}",
        opens=date(2026, 9, 1) + timedelta(days=number), closes=date(2026, 10, 1),
        invited=60, responded=answered, suppressed=False,
        questions=(
            QuestionResults("clarity", "How clear was the specification?", "likert",
                            answered, False, likert, 3.4),
            QuestionResults("time", "Was the time to respond enough?", "likert", answered,
                            False, counts(["1", "2", "3", "4", "5"]), 3.1),
            QuestionResults("lot", "Which lot did you bid for?", "single", answered, False,
                            counts(["Lot 1: home care", "Lot 2: extra care",
                                    "Lot 3: supported living"])),
            QuestionResults("portal", "Which parts of the portal were hard to use?",
                            "multiple", answered, False,
                            counts(["Uploading documents", "Clarifications", "Pricing"])),
            QuestionResults("feedback", "Did you get feedback within 5 working days?",
                            "yes_no", answered, False, counts(["Yes", "No"])),
            QuestionResults("better", "What would have made it better?", "free_text", 4,
                            True),
            QuestionResults("other", "Anything else?", "free_text", answered, False,
                            comments=tuple(f"Comment {i} on tender {number}: more time, "
                                           "please, & clearer <pricing>." for i in range(3))),
        ),
        responses=(YouSaidWeDid(f"We changed tender {number}'s timetable.", NOW),),
    )


def seed(url: str, deadlines: int, cases: int, rng: random.Random) -> int:
    """One council with clocks and cases over the period; its id."""
    engine = make_engine(url)
    migrations.upgrade(engine)
    factory = make_session_factory(engine)
    first, last = last_whole_months(NOW.date())
    days = (last - first).days + 1
    with transaction(factory) as session:
        council = Organisation(name=COUNCIL, kind=OrganisationKind.COUNCIL)
        session.add(council)
        session.flush()
        council_id = council.id
        owner = Person(organisation_id=council_id, name="Bench Commissioner",
                       email="bench@northshire.example", role=Role.COMMISSIONER)
        session.add(owner)
        session.flush()
        rows: list[dict[str, Any]] = []
        for number in range(deadlines):
            due = first + timedelta(days=rng.randrange(days))
            done = rng.random() < 0.8
            rows.append({
                "rule": rng.choice(["initial-review", "monitoring", "bid-feedback"]),
                "reference": f"P-{number}", "council_id": council_id, "start_on": due,
                "due_on": due, "status": DeadlineStatus.DONE if done else DeadlineStatus.OPEN,
                "done_on": due + timedelta(days=rng.randint(-3, 4)) if done else None})
        session.execute(insert(Deadline), rows)
        case_rows: list[dict[str, Any]] = []
        for number in range(cases):
            opened = datetime.combine(first, datetime.min.time(), tzinfo=UTC) + timedelta(
                hours=rng.randrange(days * 24))
            closed = opened + timedelta(days=rng.randint(1, 40)) if rng.random() < 0.6 else None
            kind = rng.choice([CaseKind.CONFLICT, CaseKind.SAFEGUARDING])
            case_rows.append({
                "reference": f"PB-2026-{number:06d}", "kind": kind, "category": "payment",
                "council_id": council_id, "status": CaseStatus.RESOLVED if closed
                else CaseStatus.OPEN, "opened_at": opened, "closed_at": closed,
                "acknowledged_at": opened + timedelta(minutes=rng.randint(5, 120)),
                "summary": "bench", "description": "bench", "assignee_id": owner.id,
                "acknowledge_due_at": opened + timedelta(days=2),
                "resolve_due_at": opened + timedelta(days=20)})
        session.execute(insert(Case), case_rows)
    engine.dispose()
    return council_id


def seed_surveys(url: str, council_id: int, surveys: int, rng: random.Random) -> None:
    """``surveys`` closed "procurement experience" surveys of the council, each sent to 60
    providers and answered by 20-45 of them (anonymously), with two approved comments and a
    "You said, we did" entry each: what ``published_results`` reads for the page."""
    definition = survey_definitions.load(None).surveys["procurement-experience"]
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        providers = [Person(organisation_id=council_id, name=f"Provider {n}",
                            email=f"provider{n}@bench.example", role=Role.PROVIDER)
                     for n in range(60)]
        session.add_all(providers)
        session.flush()
        for number in range(1, surveys + 1):
            closes = date(2026, 10, 1) + timedelta(days=number)
            stored = open_survey(session, definition, key=f"bench-{number:03d}",
                                 council_id=council_id, opens_on=closes - timedelta(days=21),
                                 closes_on=closes, now=NOW)
            assert stored is not None
            answered = rng.randint(20, 45)
            session.execute(insert(SurveyInvitee), [
                {"survey_id": stored.id, "person_id": person.id, "responded": n < answered,
                 "sent": 1, "stopped": False} for n, person in enumerate(providers)])
            session.execute(insert(SurveyAnonymousResponse), [
                {"id": rng.getrandbits(48), "survey_id": stored.id,
                 "answers": {"overall": rng.randint(1, 5),
                             "timescale": rng.choice(["Yes", "No"]),
                             "hardest": rng.choice(["The questions", "The pricing",
                                                    "The portal"]),
                             "helped": rng.sample(["Clarification answers",
                                                   "Clear specification",
                                                   "Feedback on the outcome"], 2),
                             "improve": f"More time, please ({n})."}}
                for n in range(answered)])
            session.add_all(SurveyApprovedComment(
                survey_id=stored.id, question="improve", text_hash=f"{number}-{n}",
                text=f"More time, please ({n}).", approved_by_id=None, approved_at=NOW)
                for n in range(2))
            session.add(SurveyAction(survey_id=stored.id, text=f"We changed tender {number}'s"
                                     " timetable.", author_id=None, created_at=NOW))
    engine.dispose()


def timed(repeat: int, works: dict[str, Callable[[], object]]
          ) -> dict[str, tuple[float, float]]:
    """Median and p95 milliseconds of each work over ``repeat`` rounds, after one warm-up.

    The works take turns within each round, so a busy spell of the machine falls on all of
    them alike rather than on whichever ran then.
    """
    samples: dict[str, list[float]] = {name: [] for name in works}
    for work in works.values():
        work()
    for _ in range(repeat):
        for name, work in works.items():
            began = time.perf_counter()
            work()
            samples[name].append((time.perf_counter() - began) * 1000)
    figures = {}
    for name, found in samples.items():
        found.sort()
        figures[name] = (statistics.median(found),
                         found[min(len(found) - 1, int(0.95 * len(found)))])
    return figures


def bench(kind: str, surveys: int, repeat: int, deadlines: int, cases: int) -> None:
    """Measure and print one database's rows."""
    rng = random.Random(SEED)
    published = [survey(number, rng) for number in range(1, surveys + 1)]
    templates = make_templates()
    calendar = WorkingCalendar()
    first, last = last_whole_months(NOW.date())
    with fresh_database(kind) as url:
        council_id = seed(url, deadlines, cases, rng)
        engine = make_engine(url)
        factory = make_session_factory(engine)
        council = Council(council_id, COUNCIL)

        def scorecard_only() -> object:
            with factory() as session:
                return scorecards(session, [council_id], first=first, last=last,
                                  timezone=TIMEZONE, calendar=calendar)

        def page(results: list[SurveyResults]) -> str:
            with factory() as session:
                data = load_page(session, council, now=NOW, timezone=TIMEZONE,
                                 calendar=calendar, min_group=5,
                                 results=lambda *_args, **_kw: results)
            return render_page_data(templates, data)

        with factory() as session:
            loaded = load_page(session, council, now=NOW, timezone=TIMEZONE,
                               calendar=calendar, min_group=5,
                               results=lambda *_args, **_kw: published)
        seed_surveys(url, council_id, surveys, rng)

        def stored_page() -> str:
            with factory() as session:
                data = load_page(session, council, now=NOW, timezone=TIMEZONE,
                                 calendar=calendar, min_group=5, results=published_results)
            return render_page_data(templates, data)

        assert stored_page().count('class="chart"') > surveys
        size = len(page(published).encode())
        rows = list(timed(repeat, {
            "scorecard query (baseline)": scorecard_only,
            "page, no surveys": lambda: page([]),
            f"page, {surveys} surveys": lambda: page(published),
            f"render only, {surveys} surveys": lambda: render_page_data(templates, loaded),
            f"page, {surveys} stored surveys (published_results)": stored_page,
        }).items())
        engine.dispose()
    print(f"\n{kind}: {deadlines} clocks, {cases} cases; page with {surveys} surveys is "
          f"{size / 1024:.0f} KiB")
    print("| database | what | median ms | p95 ms |\n|---|---|---:|---:|")
    for name, (median, p95) in rows:
        print(f"| {kind} | {name} | {median:.1f} | {p95:.1f} |")
    baseline = rows[0][1][0]
    print(f"page with {surveys} surveys / scorecard query: {rows[2][1][0] / baseline:.1f}x; "
          f"with {surveys} stored surveys: {rows[4][1][0] / baseline:.1f}x")


def main() -> int:
    """Run the benchmark on each database asked for."""
    parser = bench_parser(__doc__)
    parser.add_argument("--surveys", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--deadlines", type=int, default=5000)
    parser.add_argument("--cases", type=int, default=1000)
    args = parser.parse_args()
    print(f"feedback page benchmark, Python {sys.version.split()[0]}", flush=True)
    for kind in database_kinds(args.db):
        bench(kind, args.surveys, args.repeat, args.deadlines, args.cases)
    return 0


if __name__ == "__main__":
    sys.exit(main())
