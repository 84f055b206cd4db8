"""Fixtures the features' dialog tests share: the packaged knowledge base, and a small council
(Northshire: a commissioner and a safeguarding lead) with one provider user, behind a router."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.db import transaction
from bot.dispatch import Router
from bot.models import OrganisationKind, Role
from bot.templates import make_templates
from knowledge.answers import Answerer
from tests.factories import Clock, make_organisation, make_person

SAM = "sam@riverside.example"  # provider, Riverside
PRIYA = "priya@northshire.example"  # commissioner, Northshire
HUB = "hub@northshire.example"  # commissioner and safeguarding lead, Northshire
SAFEGUARDING_CONTACT = "Northshire Adult Safeguarding on 0100 000 0000"


@pytest.fixture
def northshire(factory: sessionmaker[Session]) -> dict[str, int]:
    """Sam (provider), Priya (commissioner) and the Hub (safeguarding lead): their ids."""
    with transaction(factory) as session:
        council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL,
                                    session=session)
        provider = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER,
                                     session=session)
        people = ((SAM, Role.PROVIDER, provider, "Sam", False),
                  (PRIYA, Role.COMMISSIONER, council, "Priya", False),
                  (HUB, Role.COMMISSIONER, council, "Hub", True))
        return {email: make_person(factory, email=email, role=role, organisation_id=organisation,
                                   name=name, safeguarding_lead=lead, session=session)
                for email, role, organisation, name, lead in people}


@pytest.fixture
def northshire_router(factory: sessionmaker[Session], database_url: str,
                      answerer: Answerer, northshire: dict[str, int], clock: Clock) -> Router:
    """Every feature registered, the packaged knowledge base, the clock at ``FIXED_NOW``
    (``clock``, which a test may move)."""
    settings = Settings(database_url=database_url, council_name="Northshire County Council",
                        safeguarding_contact=SAFEGUARDING_CONTACT)
    return build_router(factory, settings, make_templates(), clock=lambda: clock.now,
                        answerer=answerer)
