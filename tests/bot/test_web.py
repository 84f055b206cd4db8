"""The web app of ``pledgebot serve``, in process: readiness, metrics, routes; the metrics
middleware through the router; ``pledgebot doctor``; JSON log lines."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from bot import migrations
from bot.app import build_router
from bot.cli import JsonLines
from bot.config import Settings
from bot.db import check_connection, make_engine, make_session_factory
from bot.errors import DeliveryError, PermanentDeliveryError, RateLimited
from bot.messages import Delivery
from bot.models import Channel, Organisation, Person, Role
from bot.outbox import OutboxPolicy, OutboxSender
from bot.templates import make_templates
from bot.web import Metrics, WebApp, database_checks
from tests.cli import run_cli
from tests.factories import make_incoming, make_person
from tests.serving import add_people, queue_notifications


class Client:
    """Requests to an ASGI app in this process (httpx's ASGI transport, one loop a call)."""

    def __init__(self, app: Starlette) -> None:
        self.app = app

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def request(self, method: str, path: str) -> httpx.Response:
        async def call() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://web") as client:
                return await client.request(method, path)
        return asyncio.run(call())

    def get(self, path: str) -> httpx.Response:
        return self.request("GET", path)

    def post(self, path: str) -> httpx.Response:
        return self.request("POST", path)


def _samples(metrics: Metrics) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(metrics.text().decode())
            for sample in family.samples}


def _web(engine: Engine, factory: sessionmaker[Session] | None = None) -> WebApp:
    metrics = Metrics()
    if factory is not None:
        metrics.watch_database(factory)
    web = WebApp(metrics)
    for name, check in database_checks(engine):
        web.add_check(name, check)
    return web


def test_readyz_is_200_with_every_check_ok(engine: Engine) -> None:
    with Client(_web(engine).build()) as client:
        answer = client.get("/readyz")
    assert (answer.status_code, answer.json()["checks"]) == (
        200, {"database": "ok", "migrations": "ok"})


def test_readyz_names_migrations_not_at_head(database_url: str) -> None:
    engine = make_engine(database_url)  # an empty database: never migrated
    check_connection(engine)  # (a SQLite file comes with its first connection)
    try:
        with Client(_web(engine).build()) as client:
            answer = client.get("/readyz")
    finally:
        engine.dispose()
    assert (answer.status_code, answer.json()["not_ready"]) == (503, ["migrations"])
    assert answer.json()["checks"]["migrations"].startswith("the database is at revision none")


def test_readyz_names_a_channel_that_is_not_connected(engine: Engine) -> None:
    web = _web(engine)

    async def slack_down() -> str | None:
        return "Socket Mode is reconnecting"

    web.add_check("channel:slack", slack_down)
    with Client(web.build()) as client:
        answer = client.get("/readyz")
    assert (answer.status_code, answer.json()["not_ready"],
            answer.json()["checks"]["channel:slack"]) == (
        503, ["channel:slack"], "Socket Mode is reconnecting")


def test_healthz_is_200_even_when_the_database_is_not_ready(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'missing' / 'no.db'}")
    try:
        with Client(_web(engine).build()) as client:
            assert (client.get("/healthz").status_code, client.get("/readyz").status_code) == (
                200, 503)
    finally:
        engine.dispose()


def test_a_sqlite_file_replaced_under_a_running_server_is_not_ready(tmp_path: Path) -> None:
    """Deleted under a running server, a SQLite file comes back empty with the next new
    connection while old connections still read the deleted one: readiness and the metrics
    must say so, not read the old file and call it healthy (CI once saw database_up 1)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    migrations.upgrade(engine)
    web = _web(engine, make_session_factory(engine))
    with Client(web.build()) as client:
        # The pool now holds a connection on the file as it was.
        assert client.get("/readyz").status_code == 200
        path = Path(engine.url.database or "")
        path.unlink()
        sqlite3.connect(path).close()  # what a new connection does: an empty file
        answer = client.get("/readyz")
        scraped = _samples(web.metrics)
    assert (answer.status_code, "database" in answer.json()["not_ready"]) == (503, True)
    assert answer.json()["checks"]["database"] == (
        f"the database file {path.resolve()} was replaced while pledgebot was running: "
        "restart it")
    engine.dispose()
    assert scraped[("pledgebot_database_up", ())] == 0


def test_a_channel_adds_its_route_once(engine: Engine) -> None:
    web = _web(engine)

    async def events(request: Request) -> Response:
        return PlainTextResponse("ok")

    web.add_route("/slack/events", events)
    with pytest.raises(ValueError, match="added twice"):
        web.add_route("/slack/events", events)
    with Client(web.build()) as client:
        assert (client.post("/slack/events").text, client.get("/slack/events").status_code) == (
            "ok", 405)


def test_metrics_read_the_outbox_and_the_cases_from_the_database(
        factory: sessionmaker[Session]) -> None:
    people = add_people(factory, 2)
    queue_notifications(factory, 3, people)
    metrics = Metrics()
    metrics.watch_database(factory)
    samples = _samples(metrics)
    assert samples[("pledgebot_outbox_messages", (("channel", "slack"), ("status", "pending")))
                   ] == 3
    assert samples[("pledgebot_cases_open", (("status", "acknowledged"),))] == 0
    assert samples[("pledgebot_database_up", ())] == 1


def test_each_app_counts_on_its_own_registry() -> None:
    first, second = Metrics(), Metrics()
    first.dead_lettered(Channel.EMAIL, "unreachable")
    first.delivered(Channel.SLACK, 0.01)
    second.retried(Channel.SLACK)
    assert _samples(first)[("pledgebot_outbox_dead_letters_total",
                            (("channel", "email"), ("reason", "unreachable")))] == 1
    assert _samples(first)[("pledgebot_outbox_deliveries_total", (("channel", "slack"),))] == 1
    assert ("pledgebot_outbox_deliveries_total", (("channel", "slack"),)) not in _samples(second)
    assert _samples(second)[("pledgebot_outbox_retries_total", (("channel", "slack"),))] == 1


def test_the_router_counts_and_times_each_message_by_channel_and_outcome(
        factory: sessionmaker[Session], settings: Settings) -> None:
    make_person(factory, email="sam@provider.example", role=Role.PROVIDER)
    metrics = Metrics()
    router = build_router(factory, settings, make_templates(), observe=metrics.middleware)
    router.handle(make_incoming("/help", message_id="m1"))
    router.handle(make_incoming("/help", message_id="m2"))
    samples = _samples(metrics)
    assert samples[("pledgebot_messages_handled_total",
                    (("channel", "console"), ("outcome", "ok")))] == 2
    assert samples[("pledgebot_handler_seconds_count", (("channel", "console"),))] == 2


def test_doctor_names_who_cannot_be_reached_and_why(factory: sessionmaker[Session],
                                                    database_url: str, tmp_path: Path) -> None:
    add_people(factory, 1, preferred=Channel.TELEGRAM)
    env = {"PLEDGEBOT_DATABASE_URL": database_url,
           "PLEDGEBOT_TEST_CHANNEL_FILE": str(tmp_path / "record.log")}
    result = run_cli("doctor", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stdout.decode().splitlines()[1:] == [
        "Channels `pledgebot serve` delivers on: slack.",
        "People who cannot be reached (1): their messages are dead-lettered.",
        "  Person 0 <person0@serve.example>: prefers telegram, which is not configured, and "
        "has no identity on a configured channel (slack)",
        "Councils with no active safeguarding lead (1): a concern raised there reaches no lead "
        "at once.",
        "  Serve County Council: make someone a lead (safeguarding_lead yes in pledgebot people "
        "import)",
        "Answers: by the question's words (PLEDGEBOT_ANSWER_MEANING=off)."]


def test_doctor_says_who_gets_messages_on_another_channel(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    add_people(factory, 1, preferred=Channel.TELEGRAM)
    _add_lead(factory)
    env = {"PLEDGEBOT_DATABASE_URL": database_url,
           "PLEDGEBOT_TEST_CHANNEL_FILE": str(tmp_path / "record.log"),
           "PLEDGEBOT_TEST_CHANNEL_KIND": "email"}
    result = run_cli("doctor", cwd=tmp_path, env=env)
    assert (result.returncode, result.stdout.decode().splitlines()[1:]) == (0, [
        "Channels `pledgebot serve` delivers on: email.",
        "People reached on another channel than the one they prefer (1):",
        "  Person 0 <person0@serve.example>: prefers telegram (not configured); gets "
        "messages by email",
        "Everyone can be reached (2 active people).",
        "Answers: by the question's words (PLEDGEBOT_ANSWER_MEANING=off)."])


def _add_lead(factory: sessionmaker[Session]) -> None:
    """Serve County Council's safeguarding lead, reached by e-mail."""
    with factory() as session:
        council = session.scalars(select(Organisation.id).where(
            Organisation.name == "Serve County Council")).one()
    make_person(factory, email="lead@serve.example", role=Role.COMMISSIONER,
                organisation_id=council, channel=Channel.EMAIL,
                preferred_channel=Channel.EMAIL, safeguarding_lead=True)


def test_doctor_names_a_council_with_no_active_safeguarding_lead(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    add_people(factory, 1, preferred=Channel.EMAIL)
    _add_lead(factory)
    env = {"PLEDGEBOT_DATABASE_URL": database_url,
           "PLEDGEBOT_TEST_CHANNEL_FILE": str(tmp_path / "record.log"),
           "PLEDGEBOT_TEST_CHANNEL_KIND": "email"}
    assert run_cli("doctor", cwd=tmp_path, env=env).returncode == 0
    with factory.begin() as session:
        session.scalars(select(Person).where(Person.email == "lead@serve.example")
                        ).one().active = False
    result = run_cli("doctor", cwd=tmp_path, env=env)
    assert (result.returncode, result.stdout.decode().splitlines()[-3:]) == (1, [
        "Councils with no active safeguarding lead (1): a concern raised there reaches no lead "
        "at once.",
        "  Serve County Council: make someone a lead (safeguarding_lead yes in pledgebot people "
        "import)",
        "Answers: by the question's words (PLEDGEBOT_ANSWER_MEANING=off)."])


def test_doctor_says_what_e_mail_is_missing(factory: sessionmaker[Session], database_url: str,
                                            tmp_path: Path) -> None:
    env = {"PLEDGEBOT_DATABASE_URL": database_url,
           "PLEDGEBOT_SMTP_URL": "smtp://127.0.0.1:2525"}
    result = run_cli("doctor", cwd=tmp_path, env=env)
    assert (result.returncode, result.stdout.decode().splitlines()[1:4]) == (1, [
        "Channels `pledgebot serve` delivers on: none.",
        "  PROBLEM: e-mail: PLEDGEBOT_SMTP_URL is set but PLEDGEBOT_EMAIL_FROM is not (both "
        "are needed to send e-mail)",
        "  To deliver, set PLEDGEBOT_SMTP_URL and PLEDGEBOT_EMAIL_FROM, "
        "PLEDGEBOT_SLACK_BOT_TOKEN or PLEDGEBOT_TELEGRAM_BOT_TOKEN."])


def test_json_log_lines_carry_the_outbox_id_and_channel() -> None:
    record = logging.makeLogRecord({"name": "bot.outbox", "levelname": "INFO", "levelno": 20,
                                    "msg": "outbox %s delivered", "args": (7,),
                                    "outbox_id": 7, "channel": "slack"})
    line = json.loads(JsonLines().format(record))
    assert {key: line[key] for key in ("level", "logger", "message", "outbox_id", "channel")
            } == {"level": "INFO", "logger": "bot.outbox", "message": "outbox 7 delivered",
                  "outbox_id": 7, "channel": "slack"}


def test_serve_refuses_a_bad_log_format(tmp_path: Path) -> None:
    result = run_cli("serve", cwd=tmp_path, env={"PLEDGEBOT_LOG_FORMAT": "xml"})
    assert (result.returncode, result.stderr.decode()) == (
        2, "pledgebot: setting PLEDGEBOT_LOG_FORMAT: Input should be 'text' or 'json'\n")


def test_an_engine_for_a_missing_sqlite_folder_is_not_ready(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'gone.db'}")
    factory = make_session_factory(engine)
    try:
        metrics = Metrics()
        metrics.watch_database(factory)
        assert _samples(metrics)[("pledgebot_database_up", ())] == 0
    finally:
        engine.dispose()


def test_the_outbox_sender_tells_the_metrics_what_happened(
        factory: sessionmaker[Session]) -> None:
    people = add_people(factory, 1)
    queue_notifications(factory, 4, people)
    outcomes: list[Exception | None] = [RateLimited(retry_after=0), DeliveryError("timeout"),
                                        PermanentDeliveryError("blocked"), None]

    async def deliver(_delivery: Delivery) -> None:
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome

    metrics = Metrics()
    sender = OutboxSender(factory, Channel.SLACK, deliver, rate_per_second=1e6, events=metrics,
                          policy=OutboxPolicy(max_attempts=5, batch_size=10))
    assert asyncio.run(sender.run_once()) == 1
    samples = _samples(metrics)
    assert {name: samples.get((name, labels)) for name, labels in (
        ("pledgebot_outbox_deliveries_total", (("channel", "slack"),)),
        ("pledgebot_outbox_retries_total", (("channel", "slack"),)),
        ("pledgebot_outbox_rate_limit_waits_total",
         (("channel", "slack"), ("source", "platform"))),
        ("pledgebot_outbox_dead_letters_total", (("channel", "slack"), ("reason", "permanent"))),
    )} == {"pledgebot_outbox_deliveries_total": 1, "pledgebot_outbox_retries_total": 1,
           "pledgebot_outbox_rate_limit_waits_total": 1,
           "pledgebot_outbox_dead_letters_total": 1}
