"""``pledgebot ...``: run the bot, migrate the database, import people and routing rules, look
after the outbox and the cases."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import logging
import os
import re
import signal
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, aliased, sessionmaker

from bot import migrations, outbox
from bot.config import Settings, load_settings, unknown_variables
from bot.db import safe_url, transaction, utcnow
from bot.errors import BadInput, ConfigError, ImportRejected, PledgebotError, StoreUnavailable
from bot.models import (
    Case,
    CaseStatus,
    Channel,
    Contract,
    Invoice,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    OutboxStatus,
    Person,
    Placement,
    RoutingRule,
    Tender,
)
from bot.templates import make_templates, render
from bot.values import frozen
from handlers import feedback
from handlers.ask.chat import pledge_list
from handlers.ask.questions import council_names, knowledge_gaps, teach, with_suggestions
from handlers.cases import routing
from handlers.cases.service import (
    STATUS_WORDS,
    actor_words,
    category_title,
    first_raisers,
    hides_provider,
    history,
    latest_escalations,
    parse_reference,
)
from handlers.cases.sweep import sweep_cases
from handlers.deadlines import imports as deadline_imports
from handlers.deadlines.ics import calendar_domain, to_ics
from handlers.deadlines.store import calendar_items
from handlers.deadlines.sweep import sweep
from handlers.deps import Deps
from handlers.digests.chat import preview as digest_preview
from handlers.digests.sweep import DigestSchedule
from handlers.feedback.export import NoSuchCouncil, export_page
from handlers.formats import DayError, parse_day
from handlers.people import directory, leaving
from handlers.safeguarding import howto_question, knowledge_prefers_another_entry
from handlers.surveys import definitions as survey_definitions
from handlers.surveys import service as survey_service
from handlers.surveys.results import results_csv, survey_results
from handlers.talk.matching import death_worried
from knowledge import review, safeguarding
from knowledge.answers import (
    MAX_QUESTION_CHARS,
    Answer,
    Answerer,
    answerer_for,
    lead_and_detail,
)
from knowledge.base import MAX_TAUGHT_CHARS, Entry, content_folders, load_content
from knowledge.meaning import meaning_missing
from scheduler.rules import RULES, payment_clocks
from scheduler.rules import schedule as deadline_schedule

if TYPE_CHECKING:
    from bot.app import App
    from bot.channels import Channel as ChannelAdapter

EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool cut off by `head`


def _now(settings: Settings) -> datetime:
    """The current time, or the one PLEDGEBOT_FIXED_NOW pretends it is."""
    return (settings.fixed_now or datetime.now(UTC)).astimezone(UTC)


def _first_line(error: BaseException | None) -> str:
    text = str(error or "").strip()
    return text.splitlines()[0] if text else type(error).__name__


def _fail(message: str) -> None:
    print(f"pledgebot: {message}", file=sys.stderr)


@contextlib.contextmanager
def _connection(settings: Settings, *, migrate: bool = True
                ) -> Iterator[tuple[Engine, sessionmaker[Session]]]:
    """The database's engine and session factory for one command (migrated to head unless
    told not to); its connections are released when the command is done with them."""
    from bot.app import connect

    engine, factory = connect(settings, migrate=migrate)
    try:
        yield engine, factory
    finally:
        engine.dispose()


@contextlib.contextmanager
def _database(settings: Settings, *, migrate: bool = True) -> Iterator[sessionmaker[Session]]:
    """``_connection``'s session factory, for the commands that need no more."""
    with _connection(settings, migrate=migrate) as (_engine, factory):
        yield factory


def _deps(settings: Settings) -> Deps:
    from bot.app import build_deps

    return build_deps(settings)


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    """Start the bot and chat with it on the console."""
    from bot.app import build_app
    from bot.channels.console.adapter import ConsoleChannel

    fixed = settings.fixed_now
    app = build_app(settings, clock=(lambda: fixed) if fixed is not None else utcnow)
    try:
        if args.demo:
            directory.load_demo(app.factory)
            routing.load_demo_routing(app.factory)
        sender = (args.as_email or directory.DEMO_PROVIDER_EMAIL).strip().lower()
        stdin = sys.stdin.buffer
        interactive = sys.stdin.isatty()
        sys.stdout.reconfigure(line_buffering=False)  # type: ignore[union-attr]
        if interactive:
            print(f"pledgebot is listening as {sender}. Type /help, or Ctrl-D to leave.")
        console = ConsoleChannel(
            sender=sender, stdin=stdin, stdout=sys.stdout,
            unreadable_text=render(app.templates, "unreadable.txt"), interactive=interactive,
            not_a_choice=lambda typed: render(app.templates, "not_a_choice.txt",
                                              number=typed.number, numbers=typed.numbers),
            clock=app.clock, rate_per_second=settings.rate_limit_per_second.get("console", 100.0),
            peek=(functools.partial(outbox.peek_waiting, app.factory, Channel.CONSOLE,
                                    except_address=sender) if args.demo else None),
            peek_from=functools.partial(outbox.latest_id, app.factory) if args.demo else None)
        interrupted = asyncio.run(_run_until_interrupted(app, [console]))
        if interrupted or interactive:
            # Ctrl-C (or Ctrl-D at a terminal): a clean goodbye, after what was due was sent.
            print(("\n" if interactive else "") + render(app.templates, "goodbye.txt"),
                  flush=True)
    finally:
        app.close()
    return EXIT_OK


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    """Run every configured channel, the outbox senders, the scheduler and the web app (/healthz,
    /readyz, /metrics on PLEDGEBOT_HTTP_HOST:PLEDGEBOT_HTTP_PORT) in one process, until SIGTERM
    or SIGINT. Several may run on one PostgreSQL database; on SQLite only one.
    """
    from bot.app import serve

    return asyncio.run(serve(settings))


def cmd_slack_manifest(settings: Settings, args: argparse.Namespace) -> int:
    """Print the manifest that creates the Slack app in one step (api.slack.com/apps > Create New
    App > From an app manifest): scopes, /pledge, events, interactivity, App Home. Without --url
    the app uses Socket Mode (no public URL); with --url https://HOST Slack posts to
    https://HOST/slack/events.
    """
    from bot.channels.slack.manifest import manifest

    try:
        text = json.dumps(manifest(url=args.url), indent=2)
    except ValueError as error:
        print(f"pledgebot: --url {error}", file=sys.stderr)
        return EXIT_CONFIG
    print(text)
    return EXIT_OK


def cmd_doctor(settings: Settings, args: argparse.Namespace) -> int:
    """Check that the database answers and is up to date, list the channels `pledgebot serve` would
    deliver on, the people it cannot reach and why, and the dead-lettered messages. Exit 1 when
    anything needs attention.
    """
    from bot.app import configured_kinds, half_configured

    kinds = configured_kinds(settings)
    problems = 0
    with _connection(settings, migrate=False) as (engine, factory):
        current, head = migrations.current_revision(engine), migrations.head_revision()
        print(f"Database: {safe_url(settings.database_url)} answers.")
        if current != head:
            problems += 1
            print(f"  PROBLEM: it is at revision {current or 'none'}, this version needs {head}; "
                  "run: pledgebot db upgrade")
            return EXIT_FAILED
        served = ", ".join(kind.value for kind in kinds) or "none"
        print(f"Channels `pledgebot serve` delivers on: {served}.")
        for missing in half_configured(settings):
            problems += 1
            print(f"  PROBLEM: {missing}")
        if not kinds:
            # Not a problem of itself (nobody to reach yet, say); anyone there is is listed
            # below as unreachable.
            print("  To deliver, set PLEDGEBOT_SMTP_URL and PLEDGEBOT_EMAIL_FROM, "
                  "PLEDGEBOT_SLACK_BOT_TOKEN or PLEDGEBOT_TELEGRAM_BOT_TOKEN.")
        with factory() as session:
            people = session.scalars(select(Person).where(Person.active.is_(True))
                                     .order_by(Person.email)).all()
            reach = outbox.reachable_addresses(session, [p.id for p in people], kinds)
            dead = session.scalar(select(func.count()).select_from(OutboxMessage)
                                  .where(OutboxMessage.status == OutboxStatus.DEAD)) or 0
            leaderless = _councils_without_a_lead(session)
        unreachable = [p for p in people if p.id not in reach]
        fallback = [p for p in people if p.id in reach
                    and p.preferred_channel not in {c for c, _a in reach[p.id]}]
        if unreachable:
            problems += len(unreachable)
            print(f"People who cannot be reached ({len(unreachable)}): their messages are "
                  "dead-lettered.")
            for person in unreachable:
                print(f"  {_one_line(person.name)} <{person.email}>: prefers "
                      f"{person.preferred_channel.value}, which is not configured, and has no "
                      f"identity on a configured channel ({served})")
        if fallback:
            print(f"People reached on another channel than the one they prefer ({len(fallback)}):")
            for person in fallback:
                print(f"  {_one_line(person.name)} <{person.email}>: prefers "
                      f"{person.preferred_channel.value} (not configured); gets messages by "
                      f"{reach[person.id][0][0].value}")
        if not unreachable:
            print(f"Everyone can be reached ({len(people)} active people).")
        if dead:
            problems += 1
            print(f"Dead-lettered messages: {dead}; see: pledgebot outbox list --status dead")
        if leaderless:
            problems += len(leaderless)
            print(f"Councils with no active safeguarding lead ({len(leaderless)}): a concern "
                  "raised there reaches no lead at once.")
            for name in leaderless:
                print(f"  {_one_line(name)}: make someone a lead (safeguarding_lead yes in "
                      "pledgebot people import)")
    problems += _doctor_answers(settings)
    return EXIT_FAILED if problems else EXIT_OK


def _councils_without_a_lead(session: Session) -> list[str]:
    """The names of the councils with no active safeguarding lead."""
    led = select(Person.organisation_id).where(Person.safeguarding_lead.is_(True),
                                               Person.active.is_(True))
    return list(session.scalars(select(Organisation.name).where(
        Organisation.kind == OrganisationKind.COUNCIL, Organisation.id.not_in(led))
        .order_by(Organisation.name)))


def _doctor_answers(settings: Settings) -> int:
    """How questions are answered (``PLEDGEBOT_ANSWER_MEANING``); 1 when it cannot be as set."""
    if settings.answer_meaning == "off":
        print("Answers: by the question's words (PLEDGEBOT_ANSWER_MEANING=off).")
        return 0
    missing = meaning_missing()
    if missing is not None:
        print(f"Answers: by the question's words only.\n  PROBLEM: PLEDGEBOT_ANSWER_MEANING="
              f"minilm, but {missing}")
        return 1
    print("Answers: by the question's words, the first five re-ordered by what it means "
          "(all-MiniLM-L6-v2).")
    return 0


async def _run_until_interrupted(app: App, channels: Sequence[ChannelAdapter]) -> bool:
    """Run the channels until they end or Ctrl-C (SIGINT) or SIGTERM; True if interrupted.

    Ctrl-C stops the console at once, as the end of input would (what is already due is still
    delivered); a second Ctrl-C during that is the ordinary KeyboardInterrupt.
    """
    from bot.app import run

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    interrupted: list[int] = []
    installed: list[int] = []

    def interrupt(number: int) -> None:
        interrupted.append(number)
        stop.set()
        for installed_number in installed:
            loop.remove_signal_handler(installed_number)

    for signal_number in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signal_number, interrupt, int(signal_number))
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, Windows
            continue
        installed.append(int(signal_number))
    try:
        await run(app, channels, stop=stop)
    finally:
        for number in installed:
            loop.remove_signal_handler(number)
    return bool(interrupted)


def cmd_db_upgrade(settings: Settings, args: argparse.Namespace) -> int:
    """Bring the database schema up to date."""
    with _connection(settings, migrate=False) as (engine, _factory):
        before = migrations.current_revision(engine)
        migrations.upgrade(engine)
        after = migrations.current_revision(engine)
    if before == after:
        print(f"The database is up to date (revision {after}).")
    else:
        print(f"Upgraded the database from {before or 'empty'} to revision {after}.")
    return EXIT_OK


def cmd_people_import(settings: Settings, args: argparse.Namespace) -> int:
    """Import organisations, people and identities from a CSV, all or nothing."""
    with _database(settings) as factory:
        counts = directory.import_people_file(factory, Path(args.file))
    listed = counts.created + counts.updated + counts.unchanged
    print(f"Imported {listed} people ({counts.created} new, {counts.updated} updated, "
          f"{counts.unchanged} unchanged).")
    return EXIT_OK


def cmd_people_leave(settings: Settings, args: argparse.Namespace) -> int:
    """Mark someone as having left: no channel speaks as them any more and nothing new goes to
    them. Their open cases, deadlines and reminders, what they look after (placements,
    contracts, tenders, bids), the tenders they follow and their place in routing rules and as
    others' escalation contact or cover go to the colleague named with --to (someone active in
    the same organisation, on the same side), who is told. All or nothing; someone holding
    nothing open may leave without --to.
    """
    with _database(settings) as factory:
        handover = leaving.leave(factory, args.email, args.to, now=_now(settings),
                                 templates=make_templates())
    print(render(make_templates(), "people_left.txt", handover=handover,
                 held=leaving.held(handover)))
    return EXIT_OK


def cmd_people_list(settings: Settings, args: argparse.Namespace) -> int:
    """List everyone the bot knows."""
    with _database(settings) as factory:
        people = directory.list_people(factory)
    rows = [
        {
            "organisation": person.organisation.name,
            "name": person.name,
            "email": person.email,
            "role": person.role.value,
            "preferred_channel": person.preferred_channel.value,
            "active": person.active,
            "safeguarding_lead": person.safeguarding_lead,
            "identities": sorted(
                f"{i.channel.value}:{i.address}{'' if i.verified else ' (unverified)'}"
                for i in person.identities
            ),
        }
        for person in people
    ]
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return EXIT_OK
    if not rows:
        print("Nobody yet. Add people with: pledgebot people import FILE.csv")
        return EXIT_OK
    for row in rows:
        print(f"{row['organisation']} | {row['name']} <{row['email']}> | {row['role']} | "
              f"prefers {row['preferred_channel']}{'' if row['active'] else ' | has left'}")
    return EXIT_OK


def cmd_outbox_list(settings: Settings, args: argparse.Namespace) -> int:
    """List outbox messages, newest first."""
    status = OutboxStatus(args.status) if args.status else None
    with _database(settings) as factory:
        messages = outbox.list_messages(factory, status=status, limit=args.limit)
        totals = outbox.counts(factory)
    if args.json:
        for message in messages:
            print(json.dumps({
                "id": message.id, "status": message.status.value, "channel": message.channel.value,
                "address": message.address, "kind": message.kind, "attempts": message.attempts,
                "next_attempt_at": message.next_attempt_at.isoformat(),
                "last_error": message.last_error,
            }))
        return EXIT_OK
    summary = ", ".join(f"{count} {name}" for name, count in sorted(totals.items())) or "empty"
    print(f"Outbox: {summary}.")
    for message in messages:
        # A delivered message's earlier failure is history, said as such (the session's
        # admin review: "#1 sent ... | last error: unreachable" read as a failure).
        error = ("" if not message.last_error else
                 f" | earlier error: {message.last_error}"
                 if message.status == OutboxStatus.SENT else
                 # Why a withdrawn message was not sent ("not sent: case ... was resolved").
                 f" | {message.last_error}" if message.status == OutboxStatus.WITHDRAWN else
                 f" | last error: {message.last_error}")
        print(f"#{message.id} {message.status.value} {message.channel.value}:{message.address} "
              f"{message.kind} attempts={message.attempts}{error}")
    return EXIT_OK


def cmd_outbox_retry(settings: Settings, args: argparse.Namespace) -> int:
    """Put dead-lettered messages back in the queue with fresh attempts."""
    if not args.ids and not args.all_dead:
        _fail("outbox retry: name message ids or use --all-dead")
        return EXIT_CONFIG
    if args.ids and args.all_dead:
        # One or the other, as the README writes it (`ID... | --all-dead`).
        _fail("outbox retry: name message ids or use --all-dead, not both")
        return EXIT_CONFIG
    with _database(settings) as factory:
        retried = outbox.retry(factory, args.ids, all_dead=args.all_dead)
        with factory() as session:
            known = set(session.scalars(
                select(OutboxMessage.id).where(OutboxMessage.id.in_(list(args.ids)))))
    missing = sorted(set(args.ids) - set(retried))
    if retried:
        print(f"Queued again: {', '.join(f'#{i}' for i in retried)}.")
    alive = [i for i in missing if i in known]
    unknown = [i for i in missing if i not in known]
    if alive:
        print(f"Not dead-lettered (nothing done): {', '.join(f'#{i}' for i in alive)}.")
    if unknown:
        print(f"No such message (nothing done): {', '.join(f'#{i}' for i in unknown)}. "
              "pledgebot outbox list shows the messages and their numbers.")
    if not retried and not missing:
        print("No dead-lettered messages.")
    return EXIT_OK if not missing else EXIT_FAILED


def _answer_text(answer: Answer, settings: Settings) -> str:
    templates = make_templates()
    if answer.mode == "safeguarding":
        return render(templates, "safeguarding.txt",
                      safeguarding_contact=settings.safeguarding_contact, reference=None)
    if answer.mode == "too_long":
        return render(templates, "question_too_long.txt", length=len(answer.question),
                      limit=MAX_QUESTION_CHARS)
    if answer.mode == "pledge_list":
        return pledge_list(templates, answer.entries)
    if answer.mode == "pledge_topic":
        return render(templates, "pledge_topic.txt", topic=answer.topic, entries=answer.entries)
    if answer.mode == "not_english":
        return render(templates, "not_english.txt")
    if answer.mode == "abstain" or answer.best is None:
        return render(templates, "abstain.txt", council_name=settings.council_name)
    if answer.mode == "choose":
        entries = answer.entries[:2]
        options = "\n".join(f"- {entry.title} ({entry.id})" for entry in entries)
        text = (render(templates, "choose_leaning.txt", title=entries[0].title,
                       others=len(entries) - 1)
                if answer.leans else render(templates, "choose.txt"))
        return text + "\n" + options
    return entry_text(answer.best, answer.question)


def entry_text(entry: Entry, question: str = "") -> str:
    """One entry's whole answer to ``question`` as ``pledgebot ask`` prints it (and a person
    reads it after picking the entry from a choice)."""
    lead, detail = lead_and_detail(entry, question)
    return render(make_templates(), "answer.txt", title=entry.title, lead=lead, detail=detail,
                  citation=entry.citation, sources=entry.sources[:3],
                  as_at=f"{entry.as_at.day} {entry.as_at:%B %Y}", confidence=entry.confidence)


def _short_text(answer: Answer) -> str | None:
    """The two lines a chat shows first (title and lead), for an answer with one entry."""
    if answer.mode != "answer" or answer.best is None:
        return None
    lead, _detail = lead_and_detail(answer.best, answer.question)
    return f"{answer.best.title}\n{lead}"


def _answer_json(answer: Answer, settings: Settings) -> str:
    guidance = _howto_guidance(answer, settings)
    return json.dumps({
        "question": answer.question,
        "answered": answer.answered,
        "safeguarding": answer.mode == "safeguarding",
        "safeguarding_guidance": guidance is not None,
        # The chat would ask whether it is about someone's safety (the concern model unsure,
        # an explained injury, or the soft tier; a death told with a cause or a doubt).
        "safeguarding_check": (answer.mode != "safeguarding"
                               and (safeguarding.unsure(answer.question) is not None
                                    or death_worried(answer.question) is not None)),
        "mode": answer.mode,
        "ids": [hit.entry_id for hit in answer.hits[:3]],
        "scores": [round(hit.score, 4) for hit in answer.hits[:3]],
        "answer": guidance if guidance is not None else _answer_text(answer, settings),
        "latency_ms": round(answer.latency_ms, 3),
        "short": _short_text(answer),
        "topic": answer.topic,
    }, ensure_ascii=False)


def _howto_guidance(answer: Answer, settings: Settings) -> str | None:
    """The safeguarding guidance, when the question asks how safeguarding works (as in chat:
    no concern is raised for it); None for anything else, a concern included."""
    if (answer.mode == "safeguarding" or howto_question(answer.question) is None
            or knowledge_prefers_another_entry(answer)):
        return None
    return render(make_templates(), "safeguarding_howto.txt",
                  safeguarding_contact=settings.safeguarding_contact, can_raise=False)


def _answerer(settings: Settings) -> Answerer:
    return answerer_for(settings.knowledge_dir, settings.cache_dir,
                        meaning=settings.answer_meaning == "minilm")


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    """Answer a question from the knowledge base. With --json and no question, read questions one a
    line from standard input and write one JSON object a line.
    """
    answerer = _answerer(settings)
    if args.question:
        answer = answerer.ask(" ".join(args.question))
        print(_answer_json(answer, settings) if args.json
              else _howto_guidance(answer, settings) or _answer_text(answer, settings))
        return EXIT_OK
    if not args.json:
        _fail("ask: give a question, or use --json to read questions from standard input")
        return EXIT_CONFIG
    for raw in sys.stdin.buffer:
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            print(json.dumps({"question": None, "answered": False, "safeguarding": False,
                              "safeguarding_guidance": False, "safeguarding_check": False,
                              "mode": "unreadable",
                              "ids": [], "scores": [],
                              "answer": "That line is not UTF-8 text.", "latency_ms": 0.0}))
            continue
        print(_answer_json(answerer.ask(line), settings), flush=True)
    return EXIT_OK


def cmd_kb_check(settings: Settings, args: argparse.Namespace) -> int:
    """Validate the packaged content and PLEDGEBOT_KNOWLEDGE_DIR, then warn on entries to review:
    as_at more than 12 months old, a figure that changes every April (NLW, NICs, thresholds)
    without a 'check the current rate' line, a law named without its primary source.
    """
    content = load_content(content_folders(settings.knowledge_dir))
    for problem in content.problems:
        print(problem)
    if content.problems:
        _fail(f"kb check: {len(content.problems)} problem(s) in {len(content.files)} file(s)")
        return EXIT_FAILED
    warned = review.warnings(content.entries.values(), _today(settings))
    for warning in warned:
        print(warning)
    summary = f"{len(content.entries)} entries in {len(content.files)} file(s), no problems"
    if not warned:
        print(f"{summary}.")
        return EXIT_OK
    print(f"{summary}, {len(warned)} warning(s).")
    if args.strict:
        _fail(f"kb check --strict: {len(warned)} warning(s)")
        return EXIT_FAILED
    return EXIT_OK


def cmd_kb_list(settings: Settings, args: argparse.Namespace) -> int:
    """Print every entry id, one a line."""
    content = load_content(content_folders(settings.knowledge_dir))
    if args.stale:
        due = review.due_for_review(content.entries.values(), _today(settings))
        if not due:
            print("No entries are due for review.")
        for item in due:
            print(f"{item.entry.as_at.isoformat()}  {item.entry.id}  {'; '.join(item.reasons)}")
        return EXIT_FAILED if content.problems else EXIT_OK
    for entry_id in sorted(content.entries, key=_entry_order):
        print(entry_id)
    return EXIT_FAILED if content.problems else EXIT_OK


def _entry_order(entry_id: str) -> tuple[int, int, str]:
    if entry_id.startswith("pledge-") and entry_id[7:].isdigit():
        return (0, int(entry_id[7:]), entry_id)
    return (1, 0, entry_id)


def cmd_kb_gaps(settings: Settings, args: argparse.Namespace) -> int:
    """Questions the bot could not answer, or whose answer was marked not helpful, or that it
    was not sure of and the person picked an entry for, most frequent first, so the missing
    entries can be written or the questions taught.
    """
    with _database(settings) as factory:
        gaps = with_suggestions(knowledge_gaps(factory, limit=args.limit), _answerer(settings),
                                [*council_names(factory), settings.council_name])
    if args.json:
        for gap in gaps:
            print(json.dumps(gap.as_json()))
        return EXIT_OK
    if not gaps:
        print("No gaps: every question so far was answered and nobody said it was unhelpful.")
        return EXIT_OK
    for gap in gaps:
        print(f"{gap.count:>4}  {gap.reason:<12}  {gap.question}")
        if gap.general is not None:
            print(f"      the council's own practice: only the general rules were shown "
                  f"({gap.general}); write the council's answer as an entry in "
                  "PLEDGEBOT_KNOWLEDGE_DIR, then teach the question to it")
        elif gap.own_practice:
            print("      the council's own practice: write the council's answer as an entry in "
                  "PLEDGEBOT_KNOWLEDGE_DIR, then teach the question to it")
        if gap.suggested is not None:
            likely = (f"picked entry: {gap.suggested}" if gap.suggested == gap.picked
                      else f"likely entry: {gap.suggested} (score {gap.suggested_score})")
            print(f"      {likely}; "
                  f'to teach it: pledgebot kb teach "{_teachable(gap.question)}" {gap.suggested}')
    return EXIT_OK


def cmd_kb_teach(settings: Settings, args: argparse.Namespace) -> int:
    """Keep QUESTION as a sample question of entry ENTRY_ID in the council's knowledge folder
    (PLEDGEBOT_KNOWLEDGE_DIR/taught.yaml), answered from then on; a running bot takes it within
    seconds. Whoever asked it and asked to be told is told. ENTRY_ID none: no entry answers
    QUESTION, so the bot says "I don't know" with "Ask a commissioner" (it leaves kb gaps).
    """
    answerer = _answerer(settings)
    templates = make_templates()
    try:
        with _database(settings) as factory, transaction(factory) as session:
            lesson, notifications = teach(
                session, answerer, settings.knowledge_dir, args.question, args.entry_id,
                taught_by="pledgebot kb teach", now=_now(settings), templates=templates)
            for notification in notifications:
                outbox.enqueue(session, notification, now=_now(settings))
    except BadInput as error:
        _fail(f"kb teach: {error}")
        return EXIT_FAILED
    print(render(templates, "taught.txt", question=lesson.question, entry_id=lesson.entry_id,
                 added=lesson.added, told=lesson.told, title=lesson.title,
                 corrected=lesson.corrected))
    return EXIT_OK


def cmd_deadlines(settings: Settings, args: argparse.Namespace) -> int:
    """Print the due date and reminder dates of a deadline rule started on DATE."""
    try:
        # Day first too, as the CSV imports and chat read it (the session's admin review).
        start = parse_day(args.date)
    except DayError as error:
        problem = "does not exist" if error.problem == "unreal" else "is not a date"
        _fail(f"deadlines: {args.date!r} {problem}; write it as YYYY-MM-DD or DD/MM/YYYY")
        return EXIT_CONFIG
    if not date(1900, 1, 1) <= start <= date(2999, 12, 31):
        _fail(f"deadlines: {args.date!r} is out of range (1900 to 2999)")
        return EXIT_CONFIG
    calendar = _deps(settings).calendar
    result = deadline_schedule(args.rule, start, calendar)
    if args.rule != "payment":
        print(json.dumps(result.to_json()) if args.json else result.to_text())
        return EXIT_OK
    # The payment rule is the pledge's aim; the legal limit is printed beside it (session 22's
    # review: the README's "the legal limit is always ..." was nowhere in the output).
    limit = payment_clocks(start, calendar).limit
    if args.json:
        print(json.dumps({**result.to_json(), "legal_limit": limit.isoformat()}))
    else:
        print(f"{result.to_text()}\nlegal limit: {limit.isoformat()}")
    return EXIT_OK


def _parse_moment(text: str, zone: str, now: datetime) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadInput(f"--at {text!r} is not a date and time; write it as "
                       "2026-11-25T09:00 (local) or 2026-11-25T09:00+00:00") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:
        raise BadInput(f"--at {text!r} is out of range") from None
    if moment > now + timedelta(minutes=1):
        raise BadInput(f"--at {text!r} is in the future; a sweep can only catch up on the past")
    if moment < now - timedelta(days=366):
        raise BadInput(f"--at {text!r} is more than a year ago")
    return moment


def cmd_reminders_sweep(settings: Settings, args: argparse.Namespace) -> int:
    """Claim every due reminder and queue it in the outbox, exactly once, even beside running bots.
    --at catches up: it sends what was due by an earlier time (up to a year back); a future time
    is refused, since it would send reminders early.
    """
    real_now = _now(settings)
    now = _parse_moment(args.at, settings.timezone, real_now) if args.at else real_now
    deps = _deps(settings)
    with _database(settings) as factory:
        result = sweep(factory, now=now, templates=make_templates(), calendar=deps.calendar,
                       policy=deps.reminders,
                       lease=timedelta(seconds=settings.reminder_lease_seconds),
                       claimed_at=real_now)
    print(f"Swept at {now.isoformat(timespec='minutes')}: {result.sent} reminder(s) queued, "
          f"{result.cancelled} skipped (deadline closed, or a later reminder went instead).")
    return EXIT_OK


def cmd_cases_sweep(settings: Settings, args: argparse.Namespace) -> int:
    """Escalate every case whose clock has run out, exactly once, even beside running bots.
    --at catches up to an earlier time, as ``reminders sweep`` does (session 26's trial: with a
    moved clock nothing escalated, and no command did it).
    """
    real_now = _now(settings)
    now = _parse_moment(args.at, settings.timezone, real_now) if args.at else real_now
    deps = _deps(settings)
    with _database(settings) as factory:
        result = sweep_cases(factory, now=now, settings=settings, policy=deps.sla,
                             calendar=deps.calendar, templates=make_templates(),
                             lease=timedelta(seconds=settings.case_lease_seconds),
                             claimed_at=real_now)
    print(f"Swept at {now.isoformat(timespec='minutes')}: {result.escalated} case(s) "
          "escalated.")
    return EXIT_OK


def cmd_digest_preview(settings: Settings, args: argparse.Namespace) -> int:
    """Print a person's weekly digest: this week's as of today, or with --week as it reads on that
    week's digest day. Nothing is sent.
    """
    schedule = DigestSchedule(weekday=settings.digest_weekday, hour=settings.digest_hour,
                              timezone=settings.timezone)
    with _database(settings) as factory, factory() as session:
        person = session.scalars(select(Person).where(
            Person.email == args.email.strip().lower())).first()
        if person is None:
            raise BadInput(f"digest preview: nobody has the e-mail {args.email!r}")
        try:
            text = digest_preview(session, person, week=args.week, now=_now(settings),
                                  calendar=_deps(settings).calendar, schedule=schedule,
                                  templates=make_templates())
        except ValueError:
            raise BadInput(f"digest preview: --week {args.week!r} is not an ISO week "
                           "like 2026-W49") from None
    print(text)
    return EXIT_OK


def cmd_feedback_export(settings: Settings, args: argparse.Namespace) -> int:
    """Write a council's published feedback page (the scorecard of the last three whole months and
    its closed surveys' results) as one HTML file with nothing external, to publish on the
    council's own site.
    """
    with _database(settings) as factory, factory() as session:
        try:
            name, page = export_page(
                session, council=args.council, now=_now(settings),
                timezone=settings.timezone, calendar=_deps(settings).calendar,
                results=feedback.published_results, min_group=settings.survey_min_group,
                templates=make_templates())
        except NoSuchCouncil as error:
            raise BadInput(f"feedback export: {error}") from None
    if args.out == "-":
        sys.stdout.write(page)
    else:
        _write_out("feedback export", args.out, page.encode("utf-8"))
        print(f"Wrote the feedback page of {name} to {args.out}.")
    return EXIT_OK


def _write_out(command: str, out: str, data: bytes) -> None:
    """Write an export's file, or say plainly why not (the session's admin review: a folder
    that does not exist was "unexpected error: FileNotFoundError")."""
    try:
        Path(out).write_bytes(data)
    except OSError as error:
        raise BadInput(f"{command}: cannot write {out}: {error.strerror or error}; check the "
                       "folder exists and can be written, or use --out - for standard "
                       "output") from None


def cmd_calendar_export(settings: Settings, args: argparse.Namespace) -> int:
    """Write a person's deadlines (a year back, two years ahead) as one .ics file that Outlook and
    Google Calendar import; importing it again updates the events.
    """
    with _database(settings) as factory, factory() as session:
        person = session.scalars(select(Person).where(
            Person.email == args.person.strip().lower())).first()
        if person is None:
            raise BadInput(f"calendar export: nobody has the e-mail {args.person!r}")
        now = _now(settings)
        items = calendar_items(session, person,
                               today=now.astimezone(ZoneInfo(person.timezone)).date(),
                               templates=make_templates(),
                               domain=calendar_domain(settings.email_from, settings.public_url))
        name = f"pledgebot deadlines: {person.name}"
    data = to_ics(items, calendar_name=name, now=now)
    if args.out == "-":
        sys.stdout.buffer.write(data)
    else:
        _write_out("calendar export", args.out, data)
        print(f"Wrote {len(items)} deadline(s) to {args.out}.")
    return EXIT_OK


def cmd_import_deadlines(settings: Settings, args: argparse.Namespace) -> int:
    """Import placements, invoices or tenders from a CSV, all or nothing."""
    deps = _deps(settings)
    with _database(settings) as factory:
        extra = ({"survey_catalogue": survey_definitions.load(settings.survey_dir)}
                 if args.kind == "tenders" else {})
        count = deadline_imports.import_file(
            args.kind, factory, Path(args.file), calendar=deps.calendar,
            policy=deps.reminders, now=_now(settings), **extra)
    print(f"Imported {count} {args.kind} row(s) from {args.file}, with their deadlines.")
    return EXIT_OK


def cmd_survey_check(settings: Settings, args: argparse.Namespace) -> int:
    """Validate the packaged survey definitions and PLEDGEBOT_SURVEY_DIR's."""
    catalogue = survey_definitions.load(settings.survey_dir)
    problems = list(catalogue.problems)
    unchecked = None
    if any(d.council is not None and d.opens is not None for d in catalogue.surveys.values()):
        problems_in_database, unchecked = _unknown_councils(settings, catalogue)
        problems.extend(problems_in_database)
    for problem in problems:
        print(problem)
    if unchecked:
        _fail(f"survey check: council names not checked: {unchecked}")
    if problems:
        _fail(f"survey check: {len(problems)} problem(s) in {catalogue.files} file(s)")
        return EXIT_FAILED
    print(f"{len(catalogue.surveys)} survey(s) in {catalogue.files} file(s), no problems.")
    return EXIT_OK


def _unknown_councils(settings: Settings, catalogue: survey_definitions.Catalogue
                      ) -> tuple[list[Any], str | None]:
    """The dated surveys whose council the database does not hold, or why it was not looked
    at (no database yet, no council in it, or it cannot be read): never a new database file."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and (
            not url.database or not Path(url.database).exists()):
        return [], "no database yet (pledgebot people import adds the council)"
    try:
        with _database(settings, migrate=False) as factory, factory() as session:
            if session.scalar(select(func.count(Organisation.id)).where(
                    Organisation.kind == OrganisationKind.COUNCIL)) == 0:
                return [], "no council in the database yet (pledgebot people import adds it)"
            return survey_service.unknown_councils(session, catalogue), None
    except (SQLAlchemyError, StoreUnavailable) as error:
        return [], f"the database cannot be read ({_first_line(error)})"


def cmd_survey_results(settings: Settings, args: argparse.Namespace) -> int:
    """Print a survey's results; groups with fewer responses than PLEDGEBOT_SURVEY_MIN_GROUP are
    suppressed, free text only once approved.
    """
    with _database(settings) as factory, factory() as session:
        results = survey_results(session, args.survey_id,
                                 min_group=settings.survey_min_group)
    if results is None:
        raise BadInput(f"survey results: there is no survey {args.survey_id!r}")
    if args.csv:
        sys.stdout.write(results_csv(results, min_group=settings.survey_min_group))
    else:
        print(render(make_templates(), "survey_results.txt", results=results,
                     min_group=settings.survey_min_group))
    return EXIT_OK


def cmd_survey_service_types(settings: Settings, args: argparse.Namespace) -> int:
    """Replace the service types of every provider organisation the CSV file names (columns:
    organisation, service_type; one row per type). A survey with the audience {service_type:
    TYPE} goes to those providers' people. All or nothing.
    """
    with _database(settings) as factory, transaction(factory) as session:
        imported = survey_service.import_service_types(
            session, Path(args.file).read_bytes(), source=args.file)
    # What was stored, not the rows read (the trial: "3 rows" for two types stored).
    repeated = imported.rows - imported.stored
    print(f"Stored {imported.stored} service type(s) of {imported.providers} provider(s) from "
          f"{args.file}" + (f" ({repeated} row(s) named a type already listed for the same "
                             "provider, in another case or spelling)" if repeated else "")
          + ".")
    return EXIT_OK


def _today(settings: Settings) -> date:
    """Today's date in the configured time zone."""
    return _now(settings).astimezone(settings.zone).date()


_FOLLOWS = re.compile(r"^(?P<part>.+) \(after: (?P<before>.+)\)$")


def _teachable(question: str) -> str:
    """A kept question as it may be taught: a follow-up kept with the question before it ("when
    do we submit it (after: what is the social value weighting?)") as the two read together,
    never the "(after: ...)" note (session 34's review), within a taught question's length."""
    text = _one_line(question)
    followed = _FOLLOWS.match(text)
    if followed is not None:
        text = f"{followed['before']} {followed['part']}"
    return text if len(text) <= MAX_TAUGHT_CHARS else text[-MAX_TAUGHT_CHARS:].partition(" ")[2]


def _one_line(text: str | None) -> str:
    """Text fit for one cell of a terminal table: no control characters, no line breaks."""
    return " ".join(_printable(text or "").split())


def _printable(text: str) -> str:
    # Case texts come from chat: an escape sequence must not reach an administrator's terminal.
    return "".join(char if char == "\n" or unicodedata.category(char) != "Cc" else " "
                   for char in text)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Columns aligned with two spaces between them; the last column is not padded."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows,
                                                                     strict=True)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
            .rstrip() for line in (headers, *rows)]


def cmd_routing_import(settings: Settings, args: argparse.Namespace) -> int:
    """Replace the routing rules of the councils a CSV names, all or nothing."""
    with _database(settings) as factory:
        counts, repeats = routing.import_routing_file(factory, Path(args.file),
                                                      now=_now(settings))
        with factory() as session:
            by_place = session.execute(select(Organisation.name, RoutingRule.position)
                                       .join(Organisation,
                                             Organisation.id == RoutingRule.council_id)
                                       .where(RoutingRule.locality.is_not(None),
                                              Organisation.name.in_([c for c, _n in counts]))
                                       .order_by(Organisation.name,
                                                 RoutingRule.position)).all()
    for council, count in counts:
        print(f"Imported {count} routing rule{'' if count == 1 else 's'} for {council}.")
    if by_place:
        # Nothing gives a case a locality yet (session 26's trial: such rules never matched).
        several = len(by_place) > 1
        named = ", ".join(f"{council} {position}" for council, position in by_place)
        print(f"Note: rule{'s' if several else ''} {named} "
              f"{'name' if several else 'names'} a locality, which no case carries yet, so "
              f"{'they match' if several else 'it matches'} no case; leave locality empty.",
              file=sys.stderr)
    for line, note in repeats:
        print(f"Note: {args.file}:{line}: {note}.", file=sys.stderr)
    return EXIT_OK


def _someone(person: routing.RulePerson | None) -> str:
    if person is None:
        return "-"
    text = f"{person.name} <{person.email}>"
    if person.away_until is not None:
        cover = person.cover_name or "nobody"
        text += f" (away until {person.away_until.isoformat()}, cover {cover})"
    return text


def _rule_json(rule: routing.RuleView) -> dict[str, object]:
    def email(person: routing.RulePerson | None) -> str | None:
        return person.email if person is not None else None

    away = rule.commissioner.away_until
    return {
        "council": rule.council, "position": rule.position, "kind": rule.kind,
        "category": rule.category, "service_type": rule.service_type,
        "locality": rule.locality, "commissioner": rule.commissioner.email,
        "commissioner_away_until": away.isoformat() if away is not None else None,
        "commissioner_cover": rule.commissioner.cover_email,
        "deputy": email(rule.deputy), "level1": email(rule.levels[0]),
        "level2": email(rule.levels[1]), "level3": email(rule.levels[2]),
    }


def cmd_routing_show(settings: Settings, args: argparse.Namespace) -> int:
    """Print the routing rules in order, per council, with who is away."""
    with _database(settings) as factory:
        rules = routing.list_rules(factory, today=_today(settings), council=args.council)
    if args.json:
        print(json.dumps([_rule_json(rule) for rule in rules], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not rules:
        print("No routing rules yet. Add them with: pledgebot routing import FILE.csv")
        return EXIT_OK
    councils = list(dict.fromkeys(rule.council for rule in rules))
    for number, council in enumerate(councils):
        mine = [rule for rule in rules if rule.council == council]
        if number:
            print()
        print(f"{council}: {len(mine)} rule{'' if len(mine) == 1 else 's'} (a case takes the "
              "most specific rule it matches; a tie goes to the lower number)")
        print("\n".join(_table(
            ("#", "kind", "category", "service type", "locality", "commissioner", "deputy",
             "level 1", "level 2", "level 3"),
            [(str(rule.position), rule.kind or "any", rule.category or "any",
              rule.service_type or "any", rule.locality or "any", _someone(rule.commissioner),
              _someone(rule.deputy), *(_someone(level) for level in rule.levels))
             for rule in mine])))
    return EXIT_OK


def _case_summaries(factory: sessionmaker[Session], status: CaseStatus | None,
                    today: date, zone: ZoneInfo) -> list[dict[str, object]]:
    """Every case (or those with ``status``), newest first, as the administrator sees them."""
    assignee, raiser = aliased(Person), aliased(Person)
    provider = aliased(Organisation)
    query = (select(Case, assignee.name, raiser.name, provider.name)
             .join(assignee, assignee.id == Case.assignee_id)
             .outerjoin(raiser, raiser.id == Case.raised_by_id)
             .outerjoin(provider, provider.id == Case.provider_id)
             .order_by(Case.opened_at.desc(), Case.id.desc()))
    if status is not None:
        query = query.where(Case.status == status)
    with factory() as session:
        found = session.execute(query).all()
        # The level its history ends at, as /case and /cases show it: never Case.level, the
        # sweep's top once a shorter ladder is done (session 35's review: "3" past two levels).
        escalated = latest_escalations(session, [case for case, *_names in found])
        raisers = first_raisers(session)
        names = dict(session.execute(select(Person.id, Person.name).where(
            Person.id.in_(set(raisers.values())))).all()) if raisers else {}
    rows: list[dict[str, object]] = []
    for case, assignee_name, raiser_name, provider_name in found:
        opened = case.opened_at.astimezone(zone).date()
        # A colleague follows a case whose raiser left: "raised by" stays who raised it.
        first = names.get(raisers.get(case.id, -1))
        rows.append({
            "reference": case.reference, "kind": case.kind.value, "category": case.category,
            "category_title": category_title(case), "status": case.status.value,
            "status_text": STATUS_WORDS[case.status],
            "level": escalated[case.id].level if case.id in escalated else 0,
            "assignee": assignee_name,
            # Nor its organisation (session 30: a one-person provider's name is its writer's).
            "provider": None if hides_provider(case) else provider_name,
            # Anonymous feedback stays anonymous: nothing links it to a person (pledge 30).
            "raised_by": "anonymous" if case.raised_by_id is None else first or raiser_name,
            "followed_by": raiser_name if first else None,
            "opened_on": opened.isoformat(), "age_days": (today - opened).days,
            "summary": case.summary,
        })
    return rows


def cmd_cases_list(settings: Settings, args: argparse.Namespace) -> int:
    """List every case, newest first. Anonymous feedback shows as anonymous."""
    status = CaseStatus(args.status) if args.status else None
    with _database(settings) as factory:
        rows = _case_summaries(factory, status, _today(settings), settings.zone)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    if not rows:
        print("No cases." if status is None else f"No cases {STATUS_WORDS[status]}.")
        return EXIT_OK
    print("\n".join(_table(
        ("reference", "kind", "category", "status", "level", "owner", "provider", "raised by",
         "opened", "age", "summary"),
        [(str(row["reference"]), str(row["kind"]), str(row["category_title"]),
          str(row["status_text"]), str(row["level"]), _one_line(str(row["assignee"])),
          _one_line(str(row["provider"] or "-")), _one_line(_raiser(row)),
          str(row["opened_on"]), f"{row['age_days']}d", _one_line(str(row["summary"])))
         for row in rows])))
    return EXIT_OK


def _raiser(row: dict[str, object]) -> str:
    """Who raised a case, and who follows it for them since they left."""
    if row.get("followed_by"):
        return f"{row['raised_by']} (left; {row['followed_by']} follows)"
    return str(row["raised_by"] or "-")


def _when(moment: datetime | None, zone: ZoneInfo) -> str:
    if moment is None:
        return "-"
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def _case_text(session: Session, case: Case, zone: ZoneInfo) -> list[str]:
    """Every field of a case worth reading, then its history."""
    def name_of(person_id: int | None) -> str:
        person = session.get(Person, person_id) if person_id is not None else None
        return _one_line(f"{person.name} <{person.email}>") if person is not None else "-"

    def organisation(organisation_id: int | None) -> str:
        found = session.get(Organisation, organisation_id) if organisation_id else None
        return _one_line(found.name) if found is not None else "-"

    if case.raised_by_id is None:
        raised_by = "anonymous"
    else:
        raiser = session.get(Person, case.raised_by_id)
        raised_by = _one_line(raiser.name) if raiser is not None else "-"
        first = session.get(Person, first_raisers(session, case.id).get(case.id, -1))
        if first is not None and raiser is not None:
            raised_by = _raiser({"raised_by": _one_line(first.name), "followed_by": raised_by})
    latest = latest_escalations(session, [case]).get(case.id)  # as /case shows it
    fields = [
        ("Case", case.reference),
        ("Kind", case.kind.value),
        ("Category", category_title(case)),
        ("Status", STATUS_WORDS[case.status]),
        ("Level", str(latest.level) if latest is not None else "0"),
        ("Severity", _one_line(case.severity)),
        ("Council", organisation(case.council_id)),
        ("Provider", "anonymous" if hides_provider(case) else organisation(case.provider_id)),
        ("Raised by", raised_by),
        ("Owner", name_of(case.assignee_id)),
    ]
    for label, model, key, column in (("Placement", Placement, case.placement_id, "reference"),
                                      ("Invoice", Invoice, case.invoice_id, "number"),
                                      ("Tender", Tender, case.tender_id, "reference"),
                                      ("Contract", Contract, case.contract_id, "reference")):
        if key is not None:
            row = session.get(model, key)
            fields.append((label, _one_line(getattr(row, column)) if row is not None else "-"))
    if case.service_type:
        fields.append(("Service type", _one_line(case.service_type)))
    if case.locality:
        fields.append(("Locality", _one_line(case.locality)))
    fields += [
        ("Pledges", ", ".join(str(pledge) for pledge in case.pledges) or "-"),
        ("Opened", _when(case.opened_at, zone)),
        ("Acknowledge by", _when(case.acknowledge_due_at, zone)),
        ("Resolve by", _when(case.resolve_due_at, zone)),
        ("Acknowledged", _when(case.acknowledged_at, zone)),
        ("Closed", _when(case.closed_at, zone)),
    ]
    if case.rating is not None:
        fields.append(("Rating", str(case.rating)))
    width = max(len(label) for label, _value in fields) + 1
    lines = [f"{label + ':':<{width}} {value}" for label, value in fields]
    for label, text in (("Summary", case.summary), ("Description", case.description),
                        ("Outcome wanted", case.outcome_wanted), ("Proposal", case.proposal)):
        if text:
            lines += ["", f"{label}:", *("  " + line for line in _printable(text).splitlines())]
    lines += ["", "History:"]
    events = history(session, case)
    for event, actor in events:
        who = _one_line(actor_words(case, event.action, actor))
        text = f"  {_one_line(event.text)}" if event.text else ""
        lines.append(f"  {_when(event.at, zone)}  {who}  {event.action.replace('_', ' ')}{text}")
    if not events:
        lines.append("  (nothing yet)")
    return lines


def cmd_cases_show(settings: Settings, args: argparse.Namespace) -> int:
    """Print one case: every field and its history, times in the configured time zone."""
    reference = parse_reference(args.reference)
    if reference is None:
        raise BadInput(f"cases show: {args.reference[:40]!r} is not a case reference "
                       "(like PB-2026-000123)")
    with _database(settings) as factory, factory() as session:
        case = session.scalars(select(Case).where(Case.reference == reference)).first()
        if case is None:
            raise BadInput(f"cases show: there is no case {reference}")
        lines = _case_text(session, case, settings.zone)
    print("\n".join(lines))
    return EXIT_OK


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError("must be between 1 and 100000")
    return value


# A command's sub-commands (what ``add_subparsers`` returns).
_Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


@frozen
class _Arg:
    """One ``add_argument`` call, kept to be made on a command's parser."""

    names: tuple[str, ...]
    options: dict[str, Any]


def _arg(*names: str, **options: Any) -> _Arg:
    return _Arg(names, options)


JSON_LINES = _arg("--json", action="store_true", help="one JSON object a line")
JSON_OUTPUT = _arg("--json", action="store_true", help="JSON output")
CSV_FILE = _arg("file", metavar="FILE.csv")
LIMIT = _arg("--limit", type=_positive, default=50)


def _group(commands: _Commands, name: str, *, help: str, description: str | None = None
           ) -> _Commands:
    """A command that only groups sub-commands (``pledgebot NAME COMMAND``); one is required.
    Its page says ``description``, by default ``help`` as a sentence."""
    group = commands.add_parser(name, help=help,
                                description=description or f"{help[0].upper()}{help[1:]}.")
    return group.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)


def _command(commands: _Commands, name: str, func: Callable[[Settings, argparse.Namespace], int],
             *args: _Arg, help: str, description: str | None = None, **defaults: str) -> None:
    """A command that runs ``func``, with its arguments and ``--help``: ``help`` is its line in
    the list of commands, ``description`` (by default ``func``'s docstring) its own page."""
    parser = commands.add_parser(name, help=help, description=description or func.__doc__)
    for arg in args:
        parser.add_argument(*arg.names, **arg.options)
    parser.set_defaults(func=func, **defaults)


def build_parser() -> argparse.ArgumentParser:
    """The command line, with --help on every command."""
    parser = argparse.ArgumentParser(
        prog="pledgebot",
        description="pledgebot: the Pledge to Work Together, in chat and e-mail.",
        epilog="Settings come from PLEDGEBOT_* environment variables and pledgebot.toml.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    _command(commands, "run", cmd_run,
             _arg("--demo", action="store_true",
                  help="load the demo council and providers (safe to repeat)"),
             _arg("--as", dest="as_email", metavar="EMAIL",
                  help=f"talk as this person (default {directory.DEMO_PROVIDER_EMAIL})"),
             help="start the bot (console channel)")

    db_commands = _group(commands, "db", help="database schema")
    _command(db_commands, "upgrade", cmd_db_upgrade, help="apply every migration")

    people_commands = _group(commands, "people", help="organisations and people",
                             description="Organisations, people and their identities.")
    _command(people_commands, "import", cmd_people_import, CSV_FILE,
             help="import people from a CSV file (all or nothing)",
             description="Import organisations, people and identities from a CSV file. Columns: "
             + ", ".join(directory.COLUMNS) + f" (required: {', '.join(directory.REQUIRED)}). "
             "Every row is validated first; if any row is bad nothing is imported.")
    _command(people_commands, "list", cmd_people_list, JSON_LINES, help="list everyone")
    _command(people_commands, "leave", cmd_people_leave, _arg("email", metavar="EMAIL"),
             _arg("--to", metavar="EMAIL",
                  help="the colleague who takes over their open work"),
             help="mark someone as having left and hand their open work to a colleague")

    _command(commands, "serve", cmd_serve,
             help="run the bot as a service (channels, outbox, scheduler, web app)")
    _command(commands, "doctor", cmd_doctor,
             help="check the database, the channels and who cannot be reached")

    _command(_group(commands, "slack", help="the Slack app"), "manifest", cmd_slack_manifest,
             _arg("--url", metavar="https://HOST",
                  help="the public address of `pledgebot serve` (HTTP mode)"),
             help="print the Slack app manifest (JSON)")

    box_commands = _group(commands, "outbox", help="messages waiting to go out",
                          description="Messages waiting to go out, sent, dead-lettered, or "
                                      "withdrawn (what they were about was closed first).")
    _command(box_commands, "list", cmd_outbox_list,
             _arg("--status", choices=[s.value for s in OutboxStatus]), LIMIT, JSON_LINES,
             help="list messages, newest first")
    _command(box_commands, "retry", cmd_outbox_retry,
             _arg("ids", type=int, nargs="*", metavar="ID"),
             _arg("--all-dead", action="store_true", help="every dead-lettered message"),
             help="queue dead-lettered messages again")

    _command(commands, "ask", cmd_ask, _arg("question", nargs="*", metavar="QUESTION"),
             JSON_OUTPUT, help="answer a question from the knowledge base")

    kb_commands = _group(commands, "kb", help="the knowledge base",
                         description="Check and list the knowledge base; find its gaps.")
    _command(kb_commands, "check", cmd_kb_check,
             _arg("--strict", action="store_true",
                  help="treat the review warnings as errors (exit 1)"),
             help="validate all content (file:line: problem; exit 1 on any problem)")
    _command(kb_commands, "list", cmd_kb_list,
             _arg("--stale", action="store_true",
                  help="only the entries due for review, oldest first, with the reason"),
             help="every entry id, one a line")
    _command(kb_commands, "gaps", cmd_kb_gaps, LIMIT, JSON_LINES,
             help="unanswered and unhelpful questions by frequency")
    _command(kb_commands, "teach", cmd_kb_teach,
             _arg("question", metavar="QUESTION"),
             _arg("entry_id", metavar="ENTRY_ID",
                  help="the entry that answers it, or none: no entry does"),
             help="attach a question to the entry that answers it")

    _command(commands, "deadlines", cmd_deadlines,
             _arg("rule", choices=sorted(RULES), metavar="RULE",
                  help="one of: " + ", ".join(RULES)),
             _arg("date", metavar="DATE", help="the start date, YYYY-MM-DD"), JSON_OUTPUT,
             help="due date and reminders of a pledge deadline")

    reminder_commands = _group(commands, "reminders", help="deadline reminders")
    _command(reminder_commands, "sweep", cmd_reminders_sweep,
             _arg("--at", metavar="DATETIME",
                  help="a past moment, e.g. 2026-11-25T09:00 (local time) or with an offset"),
             help="send every reminder due now, once (recovery after downtime)")

    for kind, columns, help_text in (
            ("contracts", deadline_imports.CONTRACT_COLUMNS, "contracts and their uplift dates"),
            ("placements", deadline_imports.PLACEMENT_COLUMNS,
             "placements and their review clocks"),
            ("invoices", deadline_imports.INVOICE_COLUMNS, "invoices and their payment clocks"),
            ("tenders", deadline_imports.TENDER_COLUMNS, "tenders, their dates and bids")):
        _command(_group(commands, kind, help=help_text),
                 "import", cmd_import_deadlines, CSV_FILE, kind=kind,
                 help=f"import {kind} from a CSV file (all or nothing)",
                 description=f"Import {kind} from a CSV file. Columns: " + ", ".join(columns)
                 + ". Every row is validated first; if any row is bad nothing is imported.")

    calendar_commands = _group(commands, "calendar", help="deadlines as calendar events",
                               description="Deadlines as iCalendar (.ics) events.")
    _command(calendar_commands, "export", cmd_calendar_export,
             _arg("--person", required=True, metavar="EMAIL"),
             _arg("--out", default="deadlines.ics", metavar="FILE",
                  help="where to write it (- for standard output; default deadlines.ics)"),
             help="write a person's deadlines as one .ics file")

    feedback_commands = _group(commands, "feedback", help="the published feedback page",
                               description="The published feedback page (pledge 27).")
    _command(feedback_commands, "export", cmd_feedback_export,
             _arg("--out", required=True, metavar="FILE",
                  help="where to write it (- for standard output)"),
             _arg("--council", metavar="NAME", help="the council (needed when there are several)"),
             help="write the published feedback page as one static HTML file")

    digest_commands = _group(commands, "digest", help="weekly digests",
                             description="The weekly digest each person gets.")
    _command(digest_commands, "preview", cmd_digest_preview, _arg("email", metavar="EMAIL"),
             _arg("--week", metavar="YYYY-Www", help="an ISO week, like 2026-W49"),
             help="print a person's digest without sending it")

    survey_commands = _group(commands, "survey", help="feedback surveys",
                             description="Feedback surveys: their YAML definitions and results.")
    _command(survey_commands, "check", cmd_survey_check,
             help="validate the survey YAML (file:line: problem; exit 1 on any problem)")
    _command(survey_commands, "results", cmd_survey_results, _arg("survey_id", metavar="ID"),
             _arg("--csv", action="store_true", help="as CSV on standard output"),
             help="a survey's results (groups under the minimum suppressed)")
    _command(survey_commands, "service-types", cmd_survey_service_types, CSV_FILE,
             help="set which service types providers deliver (for audiences)")

    route_commands = _group(commands, "routing", help="who owns which cases",
                            description="Routing rules: which commissioner owns which council's "
                            "cases, with a deputy and escalation levels.")
    _command(route_commands, "import", cmd_routing_import, CSV_FILE,
             help="replace the routing rules of the councils a CSV file names",
             description="Replace the routing rules of every council the CSV file names (the "
             "others keep theirs). Columns: " + ", ".join(routing.COLUMNS) + " (required: "
             + ", ".join(routing.REQUIRED) + "). People are given by e-mail; an empty kind, "
             "category, service_type or locality matches anything. Every row is validated first; "
             "if any row is bad nothing is imported.")
    _command(route_commands, "show", cmd_routing_show,
             _arg("--council", metavar="NAME", help="only this council's rules"),
             _arg("--json", action="store_true", help="a JSON list of rules"),
             help="the routing rules in order, per council")

    case_commands = _group(commands, "cases", help="feedback, conflicts, questions and "
                           "safeguarding cases (for administrators)",
                           description="Every case, for administrators.")
    _command(case_commands, "list", cmd_cases_list,
             _arg("--status", choices=[s.value for s in CaseStatus]),
             _arg("--json", action="store_true", help="a JSON list of cases"),
             help="every case, newest first")
    _command(case_commands, "show", cmd_cases_show,
             _arg("reference", metavar="REF", help="like PB-2026-000123"),
             help="one case, with its history")
    _command(case_commands, "sweep", cmd_cases_sweep,
             _arg("--at", metavar="DATETIME",
                  help="a past moment, e.g. 2026-11-25T09:00 (local time) or with an offset"),
             help="escalate every case whose clock has run out, once (recovery after downtime)")
    return parser


class JsonLines(logging.Formatter):
    """One JSON object a line: time, level, logger, message, and the ids an event names
    (``outbox_id``, ``message_id``, ``channel``) as fields of their own."""

    FIELDS = ("outbox_id", "message_id", "channel")

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname, "logger": record.name, "message": record.getMessage(),
        }
        for name in self.FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def _configure_logging(settings: Settings) -> None:
    """Log to stderr at the configured level, as text or as JSON lines."""
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    if settings.log_format == "json":
        for handler in logging.getLogger().handlers:
            handler.setFormatter(JsonLines())


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors become one line on stderr and an exit code, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    for warning in unknown_variables(os.environ):
        print(f"pledgebot: warning: {warning}", file=sys.stderr)
    try:
        settings = load_settings()
    except ConfigError as error:
        _fail(str(error))
        return EXIT_CONFIG
    _configure_logging(settings)
    func: Callable[[Settings, argparse.Namespace], int] = args.func
    try:
        return func(settings, args)
    except StoreUnavailable as error:
        _fail(str(error))
        return EXIT_CONFIG
    except ImportRejected as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        _fail(f"{len(error.problems)} problem(s) found; nothing was imported")
        return EXIT_FAILED
    except PledgebotError as error:
        _fail(str(error))
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``pledgebot cases list | head``): stop quietly, as Unix tools do.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except DBAPIError as error:
        # The database went away mid-run: one line naming the problem, never the SQL.
        _fail(f"the database stopped answering: {_first_line(error.orig)}")
        return EXIT_CONFIG
    except Exception as error:  # the last line of defence: one line, not a traceback
        logging.getLogger("pledgebot").debug("unexpected error", exc_info=True)
        _fail(f"unexpected error: {type(error).__name__}: {error} "
              "(set PLEDGEBOT_LOG_LEVEL=DEBUG for details)")
        return EXIT_FAILED
