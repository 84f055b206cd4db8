"""The /away dialogs' router (``test_away``, ``test_away_offer``; ``test_leaving`` builds its
own)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.dispatch import Router
from bot.models import Person
from tests.handlers.conftest import HUB, PRIYA


@pytest.fixture
def router(northshire_router: Router, factory: sessionmaker[Session],
           northshire: dict[str, int]) -> Router:
    """Northshire's router, with the Hub as Priya's escalation contact and, here, a plain
    commissioner colleague who may cover for her (a safeguarding lead may not: /away refuses
    the safeguarding hub, ``test_away.test_the_safeguarding_hub_is_no_cover``)."""
    with transaction(factory) as session:
        session.get_one(Person, northshire[PRIYA]).escalation_contact_id = northshire[HUB]
        session.get_one(Person, northshire[HUB]).safeguarding_lead = False
    return northshire_router
