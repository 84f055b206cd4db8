"""Who a Slack user is: an admin's ``slack_id`` in the people CSV, or the e-mail Slack reports.

Slack verifies the e-mail addresses of its members, so a Slack user whose ``users.info`` e-mail
is a registered, active person's e-mail becomes that person on Slack (a verified identity,
recorded in the audit log). A person who already has a Slack identity (set by an admin) is
never given a second one this way: the admin's word wins.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot import audit
from bot.db import transaction
from bot.models import Channel, ChannelIdentity, Person


def known_user(factory: sessionmaker[Session], user_id: str) -> bool:
    """Whether the Slack user already has an identity."""
    with factory() as session:
        return session.scalar(select(ChannelIdentity.id).where(
            ChannelIdentity.channel == Channel.SLACK, ChannelIdentity.address == user_id)
        ) is not None


def person_name(factory: sessionmaker[Session], user_id: str) -> str | None:
    """The name of the active person the Slack user is, or None."""
    with factory() as session:
        return session.scalar(
            select(Person.name).join(ChannelIdentity, ChannelIdentity.person_id == Person.id)
            .where(ChannelIdentity.channel == Channel.SLACK, ChannelIdentity.address == user_id,
                   Person.active.is_(True)))


def link_by_email(factory: sessionmaker[Session], user_id: str, email: str) -> int | None:
    """Make the Slack user the active person registered with ``email``; that person's id, or
    None when nobody is registered with it or they already have a Slack identity."""
    try:
        with transaction(factory) as session:
            person = session.scalar(select(Person).where(
                func.lower(Person.email) == email.strip().lower(), Person.active.is_(True)))
            if person is None:
                return None
            already = session.scalar(select(ChannelIdentity.id).where(
                ChannelIdentity.person_id == person.id, ChannelIdentity.channel == Channel.SLACK))
            if already is not None:
                return None
            session.add(ChannelIdentity(person_id=person.id, channel=Channel.SLACK,
                                        address=user_id, verified=True))
            audit.record(session, "identity.linked", actor_id=person.id,
                         subject=f"person:{person.id}", channel="slack", address=user_id,
                         by="slack e-mail")
            return person.id
    except IntegrityError:  # the same user's two first messages at once: one link is enough
        return None
