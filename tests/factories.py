"""Factories for test data: messages, organisations and people, and a clock moved by hand."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import make_engine, make_session_factory, transaction
from bot.messages import Incoming
from bot.models import Channel, ChannelIdentity, Organisation, OrganisationKind, Person, Role

_counter = itertools.count(1)
FIXED_NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@dataclass
class Clock:
    """A clock the test moves by hand (``clock.now = ...``), for a router or a channel."""

    now: datetime = FIXED_NOW

    def __call__(self) -> datetime:
        """The current pretend time."""
        return self.now


def make_incoming(
    text: str = "",
    *,
    sender: str = "sam@provider.example",
    channel: Channel = Channel.CONSOLE,
    action: str | None = None,
    action_value: str | None = None,
    received_at: datetime = FIXED_NOW,
    message_id: str | None = None,
) -> Incoming:
    """A message as a channel adapter would build it."""
    return Incoming(
        channel=channel, conversation="test", sender=sender, text=text,
        action=action, action_value=action_value, received_at=received_at, message_id=message_id,
    )


def _unit(factory: sessionmaker[Session], session: Session | None
          ) -> AbstractContextManager[Session]:
    """``session`` when the caller has one open (a fixture making many rows in one
    transaction: each transaction is a commit and, on PostgreSQL, round trips), else a new
    transaction of its own."""
    return nullcontext(session) if session is not None else transaction(factory)


def make_organisation(
    factory: sessionmaker[Session], name: str | None = None,
    kind: OrganisationKind = OrganisationKind.PROVIDER, *, session: Session | None = None,
) -> int:
    """Create an organisation; returns its id. ``session``: in that open transaction."""
    with _unit(factory, session) as session:
        organisation = Organisation(name=name or f"Organisation {next(_counter)}", kind=kind)
        session.add(organisation)
        session.flush()
        return organisation.id


def make_person(
    factory: sessionmaker[Session],
    *,
    email: str,
    role: Role = Role.PROVIDER,
    organisation_id: int | None = None,
    name: str | None = None,
    channel: Channel = Channel.CONSOLE,
    verified: bool = True,
    preferred_channel: Channel = Channel.CONSOLE,
    safeguarding_lead: bool = False,
    session: Session | None = None,
) -> int:
    """Create a person with one identity on ``channel`` (address = e-mail); returns the id.
    ``session``: in that open transaction."""
    with _unit(factory, session) as session:
        if organisation_id is None:  # in the same transaction: one round of commits a person
            kind = (OrganisationKind.PROVIDER if role == Role.PROVIDER
                    else OrganisationKind.COUNCIL)
            organisation = Organisation(name=f"Organisation {next(_counter)}", kind=kind)
            session.add(organisation)
            session.flush()
            organisation_id = organisation.id
        # Only these columns, not the whole model's: tests of a database at an older revision
        # (tests/bot/test_migrations.py) hold people too, without the columns added since.
        person_id = session.execute(insert(Person).values(
            organisation_id=organisation_id,
            name=name or email.split("@")[0].title(),
            email=email,
            role=role,
            preferred_channel=preferred_channel,
            safeguarding_lead=safeguarding_lead,
        ).returning(Person.id)).scalar_one()
        session.add(
            ChannelIdentity(person_id=person_id, channel=channel, address=email, verified=verified)
        )
        return person_id


def make_provider(factory: sessionmaker[Session], email: str = "sam@provider.example") -> int:
    """A provider user with a console identity."""
    return make_person(factory, email=email, role=Role.PROVIDER)


def make_commissioner(
    factory: sessionmaker[Session], email: str = "priya@council.example", **kwargs: object
) -> int:
    """A commissioner with a console identity."""
    return make_person(factory, email=email, role=Role.COMMISSIONER, **kwargs)  # type: ignore[arg-type]


def make_council_and_provider(
    factory: sessionmaker[Session], council_staff: Sequence[tuple[str, Role]],
    provider_staff: Sequence[str] = ("sam",),
) -> dict[str, int]:
    """The Northshire council and the Riverside provider with the named people in them.

    Returns the ids by name ("council", "provider" and each person's name); each person's
    e-mail is name@example.org.
    """
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    provider = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    found = {"council": council, "provider": provider}
    people = [(name, role, council) for name, role in council_staff]
    people += [(name, Role.PROVIDER, provider) for name in provider_staff]
    for name, role, organisation_id in people:
        found[name] = make_person(factory, email=f"{name}@example.org", role=role,
                                  organisation_id=organisation_id, name=name.capitalize())
    return found


def in_parallel(url: str, work: Callable[[sessionmaker[Session]], int],
                workers: int = 4) -> list[int]:
    """Run ``work`` in ``workers`` threads released together, each with its own engine, as
    separate processes would; returns what each returned."""
    engines = [make_engine(url, pool_size=2) for _ in range(workers)]
    barrier = threading.Barrier(workers)

    def one(engine: object) -> int:
        sessions = make_session_factory(engine)  # type: ignore[arg-type]
        barrier.wait()
        return work(sessions)

    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(one, engines))
    finally:
        for engine in engines:
            engine.dispose()


def count_rows(factory: sessionmaker[Session], table: Any) -> int:
    """How many rows ``table`` (a model or a table) holds."""
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)
