"""A survey by e-mail, end to end through Dovecot and aiosmtpd: the invitation carries the
questions numbered, the one-time link and one-click unsubscribe; a reply with numbers answers
it, in the same thread."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import App
from bot.config import Settings
from bot.db import transaction
from bot.models import (
    Channel,
    ChannelIdentity,
    OrganisationKind,
    SurveyAnonymousResponse,
    SurveyInvitee,
)
from bot.outbox import claim, reroute_unreachable
from handlers.surveys import definitions, sweep
from handlers.surveys.service import Links, open_survey
from tests.bot.channels.email.test_email_servers import mail, run_channel, text_of
from tests.factories import FIXED_NOW, make_organisation, make_person
from tests.mailservers import Dovecot, SmtpServer

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAM = "sam@provider.example"
PUBLIC = "https://pledgebot.northshire.example"


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, secret_key="k" * 40, public_url=PUBLIC)


def test_a_reply_with_numbers_answers_the_survey_in_its_thread(
        app: App, dovecot: Dovecot, smtp: SmtpServer, factory: sessionmaker[Session],
        settings: Settings) -> None:
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    make_person(factory, email=SAM, channel=Channel.EMAIL, preferred_channel=Channel.EMAIL)
    catalogue = definitions.load(None)
    with transaction(factory) as session:
        # The packaged procurement survey, sent (here) to every provider.
        definition = replace(catalogue.surveys["procurement-experience"], audience="providers")
        open_survey(session, definition, key="pe-t-1",
                    council_id=council, opens_on=FIXED_NOW.date(),
                    closes_on=FIXED_NOW.date() + timedelta(days=13), now=FIXED_NOW)
    sweep.sweep(factory, now=FIXED_NOW, templates=app.templates, catalogue=catalogue,
                links=Links.from_settings(settings))
    [invitation] = claim(app.factory, Channel.EMAIL, policy=app.policy, now=FIXED_NOW)

    async def scenario(channel: Channel | object) -> None:
        await channel.deliver(invitation)  # type: ignore[attr-defined]
        [sent] = await asyncio.to_thread(smtp.wait_for, 1)
        assert sent["List-Unsubscribe"].startswith(f"<{PUBLIC}/survey/stop?t=")
        assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        body = text_of(sent)
        assert f"{PUBLIC}/survey/form?t=" in body
        assert 'Or reply to this e-mail with your answers, each after its question\'s ' \
               'number, like "1: 4, 2: b, 3: yes, 5: your words":' in body
        reply = mail(SAM, "1: 4\n2: yes\n3: b\n4: a, c\n5: Publish the pricing model earlier"
                     "\n\nOn Wed, Pledgebot wrote:\n> 1. Overall ...",
                     subject=f"Re: {sent['Subject']}", message_id="<answers@provider.example>",
                     In_Reply_To=sent["Message-ID"], References=sent["Message-ID"])
        await asyncio.to_thread(dovecot.deliver, reply)
        [_, answered] = await asyncio.to_thread(smtp.wait_for, 2)
        assert answered["In-Reply-To"] == "<answers@provider.example>"
        assert "your answers to \"Your experience of this procurement\" are recorded" in \
            text_of(answered)

    run_channel(app, dovecot, smtp, scenario)
    with factory() as session:
        [stored] = session.scalars(select(SurveyAnonymousResponse)).all()
        assert session.scalars(select(SurveyInvitee.responded)).one() is True
    assert stored.answers == {
        "overall": 4, "timescale": "Yes", "hardest": "The pricing",
        "helped": ["Clarification answers", "Clear specification"],
        "improve": "Publish the pricing model earlier"}


@pytest.mark.parametrize("slack_identity", [True, False])
def test_an_invitation_moved_from_slack_to_email_reads_as_an_email_one(
        app: App, dovecot: Dovecot, smtp: SmtpServer, factory: sessionmaker[Session],
        settings: Settings, slack_identity: bool) -> None:
    # Trials: Sam prefers Slack, which is not configured here; his invitation went by e-mail
    # with "Press Answer, or say /survey ..." and no numbered questions nor form link.
    # With a Slack identity it is queued for Slack and moved to e-mail; without one, it is
    # queued for e-mail at once.
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    sam = make_person(factory, email=SAM, channel=Channel.EMAIL,
                      preferred_channel=Channel.SLACK)
    if slack_identity:
        with transaction(factory) as session:
            session.add(ChannelIdentity(person_id=sam, channel=Channel.SLACK, address="U123",
                                        verified=True))
    catalogue = definitions.load(None)
    with transaction(factory) as session:
        definition = replace(catalogue.surveys["procurement-experience"], audience="providers")
        open_survey(session, definition, key="pe-t-1", council_id=council,
                    opens_on=FIXED_NOW.date(),
                    closes_on=FIXED_NOW.date() + timedelta(days=13), now=FIXED_NOW)
    sweep.sweep(factory, now=FIXED_NOW, templates=app.templates, catalogue=catalogue,
                links=Links.from_settings(settings))
    moved = reroute_unreachable(app.factory, [Channel.EMAIL], now=FIXED_NOW).moved
    assert len(moved) == int(slack_identity)
    [invitation] = claim(app.factory, Channel.EMAIL, policy=app.policy, now=FIXED_NOW)

    async def scenario(channel: Channel | object) -> None:
        await channel.deliver(invitation)  # type: ignore[attr-defined]
        [sent] = await asyncio.to_thread(smtp.wait_for, 1)
        body = text_of(sent)
        assert "Press Answer" not in body
        assert f"{PUBLIC}/survey/form?t=" in body
        assert 'Or reply to this e-mail with your answers, each after its question\'s ' \
               'number, like "1: 4, 2: b, 3: yes, 5: your words":' in body
        assert "\n1. " in body
        assert "\n5. " in body

    run_channel(app, dovecot, smtp, scenario)
