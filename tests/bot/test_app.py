"""The composition root and the generic runner, driven by a channel that is not the console.

A scripted channel implements ``bot.channels.Channel``: on ``start`` it hands its messages to
the router and keeps the replies; the outbox sender the runner made for it calls its
``deliver``. It proves that any channel plugs into ``bot.app.run`` the same way.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import App, build_router, policy_from, run
from bot.channels import Channel
from bot.config import Settings
from bot.dispatch import Router
from bot.errors import PermanentDeliveryError
from bot.messages import Delivery, Incoming, Reply
from bot.models import Channel as ChannelKind
from bot.models import OrganisationKind, OutboxMessage, OutboxStatus, Role
from bot.templates import make_templates
from tests.factories import make_organisation, make_person

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
SAM = "sam@riverside.example"
HUB = "hub@northshire.example"
GONE = "gone@northshire.example"


class ScriptedChannel:
    """A Telegram-like channel whose users type a script; what it is sent, it keeps."""

    kind = ChannelKind.TELEGRAM
    rate_per_second = 1000.0
    only_address = None

    def __init__(self, script: list[tuple[str, str]], expected_deliveries: int) -> None:
        self.script = script
        self.replies: list[tuple[str, list[Reply]]] = []
        self.delivered: list[Delivery] = []
        self.expected = expected_deliveries
        self.done = asyncio.Event()
        self.stopped = False
        self._task: asyncio.Task[None] | None = None

    async def start(self, router: Router[object]) -> None:
        async def talk() -> None:
            for number, (sender, text) in enumerate(self.script):
                incoming = Incoming(channel=self.kind, conversation=sender, sender=sender,
                                    text=text, received_at=NOW, message_id=f"m{number}")
                self.replies.append((sender, await router.handle_async(incoming)))
            if len(self.delivered) >= self.expected:
                self.done.set()

        self._task = asyncio.create_task(talk())

    async def wait(self) -> None:
        await asyncio.wait_for(self.done.wait(), timeout=30)

    async def stop(self) -> None:
        self.stopped = True

    async def deliver(self, delivery: Delivery) -> None:
        if delivery.address == GONE:
            raise PermanentDeliveryError("the user blocked the bot")
        self.delivered.append(delivery)
        if len(self.delivered) >= self.expected and self._task is not None and self._task.done():
            self.done.set()


def _app(factory: sessionmaker[Session], settings: Settings) -> App:
    templates = make_templates()
    router = build_router(factory, settings, templates, clock=lambda: NOW)
    return App(settings=settings, engine=factory.kw["bind"], factory=factory,
               templates=templates, router=router, policy=policy_from(settings),
               clock=lambda: NOW)


def test_any_channel_runs_on_the_generic_runner(
    factory: sessionmaker[Session], database_url: str
) -> None:
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    for email, lead in ((HUB, True), (GONE, True)):
        make_person(factory, email=email, role=Role.COMMISSIONER, organisation_id=council,
                    channel=ChannelKind.TELEGRAM, preferred_channel=ChannelKind.TELEGRAM,
                    safeguarding_lead=lead)
    riverside = make_organisation(factory, "Riverside")
    make_person(factory, email=SAM, channel=ChannelKind.TELEGRAM, organisation_id=riverside,
                preferred_channel=ChannelKind.TELEGRAM)
    channel = ScriptedChannel([(SAM, "/whoami"), (SAM, "a resident told me a carer hit her")],
                              expected_deliveries=1)
    assert isinstance(channel, Channel)
    app = _app(factory, Settings(database_url=database_url))

    asyncio.run(run(app, [channel]))

    assert [replies[0].text.splitlines()[0] for _sender, replies in channel.replies] == [
        "You are Sam (provider) at Riverside, writing on telegram.",
        "This sounds like a safeguarding concern. Please act on it now:",
    ]
    [alert] = channel.delivered
    assert (alert.address, alert.kind, alert.urgent) == (HUB, "safeguarding.raised", True)
    assert channel.stopped
    with factory() as session:
        rows = session.execute(select(OutboxMessage.address, OutboxMessage.status)
                               .order_by(OutboxMessage.address)).all()
    # The blocked one is dead-lettered with its reason, never retried for ever.
    assert [tuple(row) for row in rows] == [(GONE, OutboxStatus.DEAD), (HUB, OutboxStatus.SENT)]


# What a start on SQLite with no e-mail configured does without (each a few hundredths of a
# second of `serve`'s start-up): Alembic (the database is already at head), the PostgreSQL
# dialect, icalendar, and the e-mail libraries.
NOT_LOADED_AT_START = ("alembic", "mako", "sqlalchemy.dialects.postgresql", "icalendar",
                       "aiosmtplib", "imapclient", "bot.channels.email.channel")


def test_a_start_on_sqlite_at_head_loads_nothing_it_does_not_use(tmp_path: Path) -> None:
    import subprocess
    import sys

    from bot import migrations
    from bot.db import make_engine

    url = f"sqlite:///{tmp_path / 'bot.db'}"
    engine = make_engine(url)
    try:
        migrations.upgrade(engine)
    finally:
        engine.dispose()
    script = (
        "import asyncio, sys\n"
        "from bot.app import build_app, service_channels\n"
        "from bot.cli import main\n"
        "from bot.config import Settings\n"
        "from bot.web import database_checks\n"
        f"app = build_app(Settings(database_url={url!r}, test_channel_file='r.log'))\n"
        "service_channels(app.settings)\n"
        "checks = [asyncio.run(check()) for _, check in database_checks(app.engine)]\n"
        "app.close()\n"
        f"print(checks, [name for name in {NOT_LOADED_AT_START!r} if name in sys.modules])\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, check=False)
    assert (result.returncode, result.stdout) == (0, "[None, None] []\n"), result.stderr


def test_the_senders_and_the_features_share_the_outbox_policy_the_settings_give(
        tmp_path: Path) -> None:
    """The outbox senders ``run`` starts and the features (a snooze's lease, ``Deps.outbox``)
    read one policy, the settings' own."""
    from datetime import timedelta

    from bot.app import build_app

    app = build_app(Settings(database_url=f"sqlite:///{tmp_path / 'bot.db'}",
                             outbox_lease_seconds=77, outbox_max_attempts=4,
                             cache_dir=tmp_path / "cache"))
    try:
        assert app.policy is app.router.deps.outbox
        assert (app.policy.lease, app.policy.max_attempts) == (timedelta(seconds=77), 4)
    finally:
        app.close()
