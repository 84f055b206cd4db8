"""``pledgebot ...``: run the bot, migrate the database, import people, look after the outbox."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot import deadline_imports, directory, migrations, outbox
from bot.config import Settings, load_settings
from bot.db import check_connection, make_engine, make_session_factory, utcnow
from bot.errors import BadInput, ConfigError, ImportRejected, PledgebotError, StoreUnavailable
from bot.models import OutboxStatus, Person
from bot.questions import knowledge_gaps
from bot.templates import make_templates, render
from knowledge.answers import MAX_QUESTION_CHARS, Answer, Answerer
from knowledge.base import KnowledgeBase, content_folders, load_content
from scheduler.calendar import to_ics
from scheduler.deadlines import ReminderPolicy, calendar_items
from scheduler.rules import RULES, WorkingCalendar
from scheduler.rules import schedule as deadline_schedule
from scheduler.sweeps import sweep

EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2


def _now(settings: Settings) -> datetime:
    """The current time, or the one PLEDGEBOT_FIXED_NOW pretends it is."""
    return (settings.fixed_now or datetime.now(UTC)).astimezone(UTC)


def _fail(message: str) -> None:
    print(f"pledgebot: {message}", file=sys.stderr)


def _connected(settings: Settings, *, migrate: bool = True):
    engine = make_engine(settings.database_url)
    try:
        check_connection(engine)
        if migrate:
            migrations.upgrade(engine)
    except Exception:
        engine.dispose()
        raise
    return engine, make_session_factory(engine)


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    """Start the bot on the console channel."""
    from bot.app import build_app, run_console

    fixed = settings.fixed_now
    app = build_app(settings, clock=(lambda: fixed) if fixed is not None else utcnow)
    try:
        if args.demo:
            directory.load_demo(app.factory)
        sender = (args.as_email or directory.DEMO_PROVIDER_EMAIL).strip().lower()
        stdin = sys.stdin.buffer
        interactive = sys.stdin.isatty()
        sys.stdout.reconfigure(line_buffering=False)  # type: ignore[union-attr]
        if interactive:
            print(f"pledgebot is listening as {sender}. Type /help, or Ctrl-D to leave.")
        asyncio.run(
            run_console(app, sender=sender, stdin=stdin, stdout=sys.stdout,
                        interactive=interactive, show_everyones=args.demo)
        )
    finally:
        app.close()
    return EXIT_OK


def cmd_db_upgrade(settings: Settings, args: argparse.Namespace) -> int:
    """Apply every migration."""
    engine, _factory = _connected(settings, migrate=False)
    try:
        before = migrations.current_revision(engine)
        migrations.upgrade(engine)
        after = migrations.current_revision(engine)
    finally:
        engine.dispose()
    if before == after:
        print(f"The database is up to date (revision {after}).")
    else:
        print(f"Upgraded the database from {before or 'empty'} to revision {after}.")
    return EXIT_OK


def cmd_people_import(settings: Settings, args: argparse.Namespace) -> int:
    """Import organisations, people and identities from a CSV, all or nothing."""
    engine, factory = _connected(settings)
    try:
        created, updated = directory.import_people_file(factory, Path(args.file))
    finally:
        engine.dispose()
    print(f"Imported {created + updated} people ({created} new, {updated} updated).")
    return EXIT_OK


def cmd_people_list(settings: Settings, args: argparse.Namespace) -> int:
    """List everyone the bot knows."""
    engine, factory = _connected(settings)
    try:
        people = directory.list_people(factory)
    finally:
        engine.dispose()
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
              f"prefers {row['preferred_channel']}")
    return EXIT_OK


def cmd_outbox_list(settings: Settings, args: argparse.Namespace) -> int:
    """List outbox messages, newest first."""
    status = OutboxStatus(args.status) if args.status else None
    engine, factory = _connected(settings)
    try:
        messages = outbox.list_messages(factory, status=status, limit=args.limit)
        totals = outbox.counts(factory)
    finally:
        engine.dispose()
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
        error = f" | last error: {message.last_error}" if message.last_error else ""
        print(f"#{message.id} {message.status.value} {message.channel.value}:{message.address} "
              f"{message.kind} attempts={message.attempts}{error}")
    return EXIT_OK


def cmd_outbox_retry(settings: Settings, args: argparse.Namespace) -> int:
    """Put dead-lettered messages back in the queue."""
    if not args.ids and not args.all_dead:
        _fail("outbox retry: name message ids or use --all-dead")
        return EXIT_CONFIG
    engine, factory = _connected(settings)
    try:
        retried = outbox.retry(factory, args.ids, all_dead=args.all_dead)
    finally:
        engine.dispose()
    missing = sorted(set(args.ids) - set(retried))
    if retried:
        print(f"Queued again: {', '.join(f'#{i}' for i in retried)}.")
    if missing:
        print(f"Not dead-lettered (nothing done): {', '.join(f'#{i}' for i in missing)}.")
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
    if answer.mode == "not_english":
        return render(templates, "not_english.txt")
    if answer.mode == "abstain" or answer.best is None:
        return render(templates, "abstain.txt", council_name=settings.council_name)
    if answer.mode == "choose":
        options = "\n".join(f"- {entry.title} ({entry.id})" for entry in answer.entries[:2])
        return render(templates, "choose.txt") + "\n" + options
    entry = answer.best
    return render(templates, "answer.txt", title=entry.title, answer=entry.answer,
                  citation=entry.citation, sources=entry.sources[:3],
                  as_at=f"{entry.as_at.day} {entry.as_at:%B %Y}", confidence=entry.confidence)


def _answer_json(answer: Answer, settings: Settings) -> str:
    return json.dumps({
        "question": answer.question,
        "answered": answer.answered,
        "safeguarding": answer.mode == "safeguarding",
        "mode": answer.mode,
        "ids": [hit.entry_id for hit in answer.hits[:3]],
        "scores": [round(hit.score, 4) for hit in answer.hits[:3]],
        "answer": _answer_text(answer, settings),
        "latency_ms": round(answer.latency_ms, 3),
    }, ensure_ascii=False)


def _answerer(settings: Settings) -> Answerer:
    return Answerer(KnowledgeBase(content_folders(settings.knowledge_dir)))


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    """Answer one question, or (with --json and no question) one per line of stdin."""
    answerer = _answerer(settings)
    if args.question:
        answer = answerer.ask(" ".join(args.question))
        print(_answer_json(answer, settings) if args.json else _answer_text(answer, settings))
        return EXIT_OK
    if not args.json:
        _fail("ask: give a question, or use --json to read questions from standard input")
        return EXIT_CONFIG
    for raw in sys.stdin.buffer:
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            print(json.dumps({"question": None, "answered": False, "safeguarding": False,
                              "mode": "unreadable", "ids": [], "scores": [],
                              "answer": "That line is not UTF-8 text.", "latency_ms": 0.0}))
            continue
        print(_answer_json(answerer.ask(line), settings), flush=True)
    return EXIT_OK


def cmd_kb_check(settings: Settings, args: argparse.Namespace) -> int:
    """Validate the knowledge base; every problem as file:line: problem."""
    content = load_content(content_folders(settings.knowledge_dir))
    for problem in content.problems:
        print(problem)
    if content.problems:
        _fail(f"kb check: {len(content.problems)} problem(s) in {len(content.files)} file(s)")
        return EXIT_FAILED
    print(f"{len(content.entries)} entries in {len(content.files)} file(s), no problems.")
    return EXIT_OK


def cmd_kb_list(settings: Settings, args: argparse.Namespace) -> int:
    """Every entry id, one a line."""
    content = load_content(content_folders(settings.knowledge_dir))
    for entry_id in sorted(content.entries, key=_entry_order):
        print(entry_id)
    return EXIT_FAILED if content.problems else EXIT_OK


def _entry_order(entry_id: str) -> tuple[int, int, str]:
    if entry_id.startswith("pledge-") and entry_id[7:].isdigit():
        return (0, int(entry_id[7:]), entry_id)
    return (1, 0, entry_id)


def cmd_kb_gaps(settings: Settings, args: argparse.Namespace) -> int:
    """Unanswered and unhelpful questions, most frequent first."""
    engine, factory = _connected(settings)
    try:
        gaps = knowledge_gaps(factory, limit=args.limit)
    finally:
        engine.dispose()
    if args.json:
        for gap in gaps:
            print(json.dumps(gap.as_json()))
        return EXIT_OK
    if not gaps:
        print("No gaps: every question so far was answered and nobody said it was unhelpful.")
        return EXIT_OK
    for gap in gaps:
        print(f"{gap.count:>4}  {gap.reason:<12}  {gap.question}")
    return EXIT_OK


def cmd_deadlines(settings: Settings, args: argparse.Namespace) -> int:
    """Print the due date and reminder dates of a deadline rule started on a date."""
    try:
        start = date.fromisoformat(args.date)
    except ValueError:
        _fail(f"deadlines: {args.date!r} is not a date; write it as YYYY-MM-DD")
        return EXIT_CONFIG
    if not date(1900, 1, 1) <= start <= date(2999, 12, 31):
        _fail(f"deadlines: {args.date!r} is out of range (1900 to 2999)")
        return EXIT_CONFIG
    result = deadline_schedule(args.rule, start, WorkingCalendar())
    print(json.dumps(result.to_json()) if args.json else result.to_text())
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
    """Send every reminder due now (or at --at), once; safe beside running bots."""
    real_now = _now(settings)
    now = _parse_moment(args.at, settings.timezone, real_now) if args.at else real_now
    engine, factory = _connected(settings)
    try:
        result = sweep(factory, now=now, templates=make_templates(), calendar=WorkingCalendar(),
                       policy=ReminderPolicy.from_settings(settings),
                       lease=timedelta(seconds=settings.reminder_lease_seconds),
                       claimed_at=real_now)
    finally:
        engine.dispose()
    print(f"Swept at {now.isoformat(timespec='minutes')}: {result.sent} reminder(s) queued, "
          f"{result.cancelled} skipped (deadline closed, or a later reminder went instead).")
    return EXIT_OK


def cmd_calendar_export(settings: Settings, args: argparse.Namespace) -> int:
    """Write a person's deadlines as one .ics file that Outlook and Google Calendar import."""
    engine, factory = _connected(settings)
    try:
        with factory() as session:
            person = session.scalars(select(Person).where(
                Person.email == args.person.strip().lower())).first()
            if person is None:
                raise BadInput(f"calendar export: nobody has the e-mail {args.person!r}")
            now = _now(settings)
            items = calendar_items(session, person,
                                   today=now.astimezone(ZoneInfo(person.timezone)).date())
            name = f"pledgebot deadlines: {person.name}"
    finally:
        engine.dispose()
    data = to_ics(items, calendar_name=name, now=now)
    if args.out == "-":
        sys.stdout.buffer.write(data)
    else:
        Path(args.out).write_bytes(data)
        print(f"Wrote {len(items)} deadline(s) to {args.out}.")
    return EXIT_OK


def cmd_import_deadlines(settings: Settings, args: argparse.Namespace) -> int:
    """Import placements, invoices or tenders from a CSV, all or nothing."""
    engine, factory = _connected(settings)
    try:
        count = deadline_imports.import_file(
            args.kind, factory, Path(args.file), calendar=WorkingCalendar(),
            policy=ReminderPolicy.from_settings(settings), now=_now(settings))
    finally:
        engine.dispose()
    print(f"Imported {count} {args.kind} row(s) from {args.file}, with their deadlines.")
    return EXIT_OK


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError("must be between 1 and 100000")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The command line, with --help on every command."""
    parser = argparse.ArgumentParser(
        prog="pledgebot",
        description="pledgebot: the Pledge to Work Together, in chat and e-mail.",
        epilog="Settings come from PLEDGEBOT_* environment variables and pledgebot.toml.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = commands.add_parser("run", help="start the bot (console channel)",
                              description="Start the bot and chat with it on the console.")
    run.add_argument("--demo", action="store_true",
                     help="load the demo council and providers (safe to repeat)")
    run.add_argument("--as", dest="as_email", metavar="EMAIL",
                     help=f"talk as this person (default {directory.DEMO_PROVIDER_EMAIL})")
    run.set_defaults(func=cmd_run)

    db = commands.add_parser("db", help="database schema", description="Database schema.")
    db_commands = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    upgrade = db_commands.add_parser("upgrade", help="apply every migration",
                                     description="Bring the database schema up to date.")
    upgrade.set_defaults(func=cmd_db_upgrade)

    people = commands.add_parser("people", help="organisations and people",
                                 description="Organisations, people and their identities.")
    people_commands = people.add_subparsers(dest="people_command", metavar="COMMAND",
                                            required=True)
    people_import = people_commands.add_parser(
        "import", help="import people from a CSV file (all or nothing)",
        description="Import organisations, people and identities from a CSV file. Columns: "
        + ", ".join(directory.COLUMNS) + f" (required: {', '.join(directory.REQUIRED)}). "
        "Every row is validated first; if any row is bad nothing is imported.",
    )
    people_import.add_argument("file", metavar="FILE.csv")
    people_import.set_defaults(func=cmd_people_import)
    people_list = people_commands.add_parser("list", help="list everyone",
                                             description="List everyone the bot knows.")
    people_list.add_argument("--json", action="store_true", help="one JSON object a line")
    people_list.set_defaults(func=cmd_people_list)

    box = commands.add_parser("outbox", help="messages waiting to go out",
                              description="Messages waiting to go out, sent, or dead-lettered.")
    box_commands = box.add_subparsers(dest="outbox_command", metavar="COMMAND", required=True)
    box_list = box_commands.add_parser("list", help="list messages, newest first",
                                       description="List outbox messages, newest first.")
    box_list.add_argument("--status", choices=[s.value for s in OutboxStatus])
    box_list.add_argument("--limit", type=_positive, default=50)
    box_list.add_argument("--json", action="store_true", help="one JSON object a line")
    box_list.set_defaults(func=cmd_outbox_list)
    box_retry = box_commands.add_parser(
        "retry", help="queue dead-lettered messages again",
        description="Put dead-lettered messages back in the queue with fresh attempts.")
    box_retry.add_argument("ids", type=int, nargs="*", metavar="ID")
    box_retry.add_argument("--all-dead", action="store_true", help="every dead-lettered message")
    box_retry.set_defaults(func=cmd_outbox_retry)

    ask = commands.add_parser(
        "ask", help="answer a question from the knowledge base",
        description="Answer a question from the knowledge base. With --json and no question, "
        "read questions one a line from standard input and write one JSON object a line.")
    ask.add_argument("question", nargs="*", metavar="QUESTION")
    ask.add_argument("--json", action="store_true", help="JSON output")
    ask.set_defaults(func=cmd_ask)

    kb = commands.add_parser("kb", help="the knowledge base",
                             description="Check and list the knowledge base; find its gaps.")
    kb_commands = kb.add_subparsers(dest="kb_command", metavar="COMMAND", required=True)
    kb_check = kb_commands.add_parser(
        "check", help="validate all content (file:line: problem; exit 1 on any problem)",
        description="Validate the packaged content and PLEDGEBOT_KNOWLEDGE_DIR.")
    kb_check.set_defaults(func=cmd_kb_check)
    kb_list = kb_commands.add_parser("list", help="every entry id, one a line",
                                     description="Print every entry id, one a line.")
    kb_list.set_defaults(func=cmd_kb_list)
    kb_gaps = kb_commands.add_parser(
        "gaps", help="unanswered and unhelpful questions by frequency",
        description="Questions the bot could not answer, or whose answer was marked not "
        "helpful, most frequent first, so the missing entries can be written.")
    kb_gaps.add_argument("--limit", type=_positive, default=50)
    kb_gaps.add_argument("--json", action="store_true", help="one JSON object a line")
    kb_gaps.set_defaults(func=cmd_kb_gaps)

    deadlines = commands.add_parser(
        "deadlines", help="due date and reminders of a pledge deadline",
        description="Print the due date and reminder dates of a deadline rule started on DATE.")
    deadlines.add_argument("rule", choices=sorted(RULES), metavar="RULE",
                           help="one of: " + ", ".join(RULES))
    deadlines.add_argument("date", metavar="DATE", help="the start date, YYYY-MM-DD")
    deadlines.add_argument("--json", action="store_true", help="JSON output")
    deadlines.set_defaults(func=cmd_deadlines)

    reminders = commands.add_parser("reminders", help="deadline reminders",
                                    description="Deadline reminders.")
    reminder_commands = reminders.add_subparsers(dest="reminders_command", metavar="COMMAND",
                                                 required=True)
    sweep_parser = reminder_commands.add_parser(
        "sweep", help="send every reminder due now, once (recovery after downtime)",
        description="Claim every due reminder and queue it in the outbox, exactly once, even "
        "beside running bots. --at runs the sweep as if it were that time.")
    sweep_parser.add_argument("--at", metavar="DATETIME",
                              help="e.g. 2026-11-25T09:00 (local time) or with an offset")
    sweep_parser.set_defaults(func=cmd_reminders_sweep)

    columns = {
        "contracts": deadline_imports.CONTRACT_COLUMNS,
        "placements": deadline_imports.PLACEMENT_COLUMNS,
        "invoices": deadline_imports.INVOICE_COLUMNS,
        "tenders": deadline_imports.TENDER_COLUMNS,
    }
    for kind, help_text in (("contracts", "contracts and their uplift dates"),
                            ("placements", "placements and their review clocks"),
                            ("invoices", "invoices and their payment clocks"),
                            ("tenders", "tenders, their dates and bids")):
        group = commands.add_parser(kind, help=help_text, description=help_text.capitalize() + ".")
        group_commands = group.add_subparsers(dest=f"{kind}_command", metavar="COMMAND",
                                              required=True)
        importer = group_commands.add_parser(
            "import", help=f"import {kind} from a CSV file (all or nothing)",
            description=f"Import {kind} from a CSV file. Columns: "
            + ", ".join(columns[kind]) + ". Every row is validated first; if any row is bad "
            "nothing is imported.")
        importer.add_argument("file", metavar="FILE.csv")
        importer.set_defaults(func=cmd_import_deadlines, kind=kind)

    calendar = commands.add_parser("calendar", help="deadlines as calendar events",
                                   description="Deadlines as iCalendar (.ics) events.")
    calendar_commands = calendar.add_subparsers(dest="calendar_command", metavar="COMMAND",
                                                required=True)
    export = calendar_commands.add_parser(
        "export", help="write a person's deadlines as one .ics file",
        description="Write a person's deadlines (a year back, two years ahead) as one .ics "
        "file that Outlook and Google Calendar import; importing it again updates the events.")
    export.add_argument("--person", required=True, metavar="EMAIL")
    export.add_argument("--out", default="deadlines.ics", metavar="FILE",
                        help="where to write it (- for standard output; default deadlines.ics)")
    export.set_defaults(func=cmd_calendar_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors become one line on stderr and an exit code, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as error:
        _fail(str(error))
        return EXIT_CONFIG
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
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
    except Exception as error:  # the last line of defence: one line, not a traceback
        logging.getLogger("pledgebot").debug("unexpected error", exc_info=True)
        _fail(f"unexpected error: {type(error).__name__}: {error} "
              "(set PLEDGEBOT_LOG_LEVEL=DEBUG for details)")
        return EXIT_FAILED
