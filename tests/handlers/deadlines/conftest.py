"""The people the deadline dialog and sweep tests share."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.models import OrganisationKind, Person, Role
from tests.factories import make_organisation, make_person

SAM = "sam@riverside.example"
KIM = "kim@hillview.example"
PRIYA = "priya@northshire.example"
BOSS = "boss@northshire.example"


@pytest.fixture
def people(factory: sessionmaker[Session]) -> dict[str, int]:
    """Northshire (Boss, then Priya, whose escalation contact is Boss), Riverside's Sam and
    Hillview's Kim: their ids."""
    with transaction(factory) as session:  # one transaction for them all
        council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL,
                                    session=session)
        riverside = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER,
                                      session=session)
        hillview = make_organisation(factory, "Hillview", OrganisationKind.PROVIDER,
                                     session=session)
        ids = {
            "boss": make_person(factory, email=BOSS, role=Role.COMMISSIONER,
                                organisation_id=council, name="Bo Ss", session=session),
            "priya": make_person(factory, email=PRIYA, role=Role.COMMISSIONER,
                                 organisation_id=council, name="Priya Shah", session=session),
            "sam": make_person(factory, email=SAM, organisation_id=riverside, session=session),
            "kim": make_person(factory, email=KIM, organisation_id=hillview, session=session),
        }
        session.get_one(Person, ids["priya"]).escalation_contact_id = ids["boss"]
    return ids
