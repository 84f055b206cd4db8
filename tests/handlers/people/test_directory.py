"""People CSV import: every row validated, errors with line numbers, all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.errors import ImportRejected
from bot.models import AuditEvent, Channel, ChannelIdentity, Organisation, Person, Role
from handlers.people import directory
from tests.factories import count_rows

HEADER = "organisation,organisation_kind,name,email,role,preferred_channel,slack_id,telegram_id\n"
GOOD = (
    HEADER
    + "Northshire County Council,council,Priya Shah,Priya.Shah@northshire.example,commissioner,"
      "slack,U0PRIYA1,\n"
    + "Riverside Care Homes,provider,Sam Patel,sam@riverside.example,provider,telegram,,12345\n"
)

# What an import says of a file that is not UTF-8 (the session's admin review).
NOT_UTF8_HINT = (' (in Excel, save it as "CSV UTF-8 (Comma delimited)"; a workbook (.xlsx) '
                 'is not a CSV file)')


def _import(factory: sessionmaker[Session], data: str, *,
            source: str = "<csv>") -> tuple[int, int, int]:
    """Read and import a people CSV, as ``pledgebot people import`` does; (created, updated,
    unchanged)."""
    rows = directory.parse_people_csv(data.encode(), source=source)
    counts = directory.import_people(factory, rows, source=source)
    return counts.created, counts.updated, counts.unchanged


def _rejected(data: str | bytes, *, source: str,
              factory: sessionmaker[Session] | None = None) -> list[str]:
    """The problems a people CSV is rejected with when read, or, given ``factory``, when
    read and imported."""
    with pytest.raises(ImportRejected) as raised:
        rows = directory.parse_people_csv(
            data.encode() if isinstance(data, str) else data, source=source)
        if factory is not None:
            directory.import_people(factory, rows, source=source)
    return raised.value.problems


def test_a_good_file_imports_people_and_identities(factory: sessionmaker[Session]) -> None:
    assert _import(factory, GOOD, source="people.csv") == (2, 0, 0)
    with factory() as session:
        priya = session.scalars(
            select(Person).where(Person.email == "priya.shah@northshire.example")).one()
        identities = sorted((i.channel.value, i.address) for i in priya.identities)
        assert (priya.role, priya.preferred_channel, priya.organisation.name) == (
            Role.COMMISSIONER, Channel.SLACK, "Northshire County Council")
    assert identities == [("console", "priya.shah@northshire.example"),
                          ("email", "priya.shah@northshire.example"), ("slack", "U0PRIYA1")]


def test_reimport_updates_instead_of_duplicating(factory: sessionmaker[Session]) -> None:
    _import(factory, GOOD)
    assert _import(factory, GOOD.replace("Sam Patel", "Samira Patel")) == (0, 1, 1)
    assert count_rows(factory, Person) == 2
    assert count_rows(factory, Organisation) == 2
    with factory() as session:
        names = sorted(session.scalars(select(Person.name)))
    assert names == ["Priya Shah", "Samira Patel"]


def test_bad_rows_are_all_reported_with_line_numbers_and_nothing_is_imported(
    factory: sessionmaker[Session],
) -> None:
    bad = (
        HEADER
        + "Riverside Care Homes,provider,Sam Patel,sam@riverside.example,provider,,,\n"
        + "Riverside Care Homes,provider,,not-an-email,provider,,,\n"
        + "Northshire County Council,council,Tom,tom@northshire.example,wizard,,,\n"
        + "Riverside Care Homes,provider,Kim,kim@riverside.example,commissioner,,,\n"
        + "Hillview,provider,Alex,SAM@riverside.example,provider,pigeon,,\n"
        + "Hillview,provider,Jo,jo@hillview.example,provider,telegram,,@jo\n"
    )
    assert _rejected(bad, source="people.csv") == [
        "people.csv:3: name is empty",
        "people.csv:3: email 'not-an-email' is not an e-mail address",
        "people.csv:4: role must be provider, commissioner or admin, not 'wizard'",
        "people.csv:5: a commissioner must belong to a council",
        "people.csv:6: preferred_channel must be one of console, slack, telegram, email, "
        "not 'pigeon'",
        "people.csv:7: telegram_id '@jo' must be digits",
    ]
    assert count_rows(factory, Person) == 0


def test_duplicate_rows_in_one_file(factory: sessionmaker[Session]) -> None:
    dup = GOOD + "Riverside Care Homes,provider,Sam Again,SAM@riverside.example,provider,,,\n"
    assert _rejected(dup, source="f.csv") == [
        "f.csv:4: email 'sam@riverside.example' is already on line 3"]


def test_an_organisation_cannot_change_kind(factory: sessionmaker[Session]) -> None:
    _import(factory, GOOD)
    clash = HEADER + "Riverside Care Homes,council,Kim,kim@r.example,commissioner,,,\n"
    assert _rejected(clash, source="c", factory=factory) == [
        "c:2: 'Riverside Care Homes' is already registered as a provider"]
    assert count_rows(factory, Person) == 2


def test_a_slack_id_of_someone_else_rejects_the_whole_file(
    factory: sessionmaker[Session],
) -> None:
    _import(factory, GOOD)
    clash = (HEADER + "Hillview,provider,Alex,alex@hillview.example,provider,,,\n"
             + "Hillview,provider,Jo,jo@hillview.example,provider,slack,U0PRIYA1,\n")
    assert _rejected(clash, source="c", factory=factory) == [
        "c:3: slack id 'U0PRIYA1' belongs to someone else"]
    assert count_rows(factory, Person) == 2  # Alex on line 2 was not imported either
    with factory() as session:
        assert session.scalars(select(AuditEvent.action)).all() == ["people.import"]


@pytest.mark.parametrize(("data", "problem"), [
    (b"", "f.csv:1: the file is empty; it needs a header row"),
    (b"name,email\nA,a@b.example\n", "f.csv:1: missing column(s): organisation, "
                                      "organisation_kind, role"),
    (HEADER.encode() + b"Caf\xe9,provider,A,a@b.example,provider,,,\n",
     "f.csv:2: the file is not UTF-8 text" + NOT_UTF8_HINT),
    (HEADER.encode(), "f.csv: no people in the file"),
    (HEADER.encode() + b"A,provider,B,b@c.example,provider,,,,extra\n",
     "f.csv:2: more fields than the header has columns"),
    ((HEADER + "A,provider,\"unclosed,b@c.example,provider,,,\n").encode(),
     "f.csv:2: the CSV is malformed: unexpected end of data"),
])
def test_unusable_files(data: bytes, problem: str) -> None:
    assert _rejected(data, source="f.csv") == [problem]


def test_demo_data_loads_idempotently(factory: sessionmaker[Session]) -> None:
    assert directory.load_demo(factory) == directory.ImportCounts(created=6)
    assert directory.load_demo(factory) == directory.ImportCounts(unchanged=6)
    assert count_rows(factory, Person) == 6
    assert count_rows(factory, ChannelIdentity) == 12
    with factory() as session:
        leads = session.scalars(select(Person.email).where(Person.safeguarding_lead)).all()
    assert leads == ["safeguarding@northshire.example"]


def test_a_refused_row_with_an_escalation_contact_is_reported_not_a_crash(
        factory: sessionmaker[Session]) -> None:
    _import(factory, GOOD)
    clash = ("organisation,organisation_kind,name,email,role,escalation_contact_email\n"
             "Riverside Care Homes,council,Kim,kim@r.example,commissioner,"
             "priya.shah@northshire.example\n")
    assert _rejected(clash, source="c", factory=factory) == [
        "c:2: 'Riverside Care Homes' is already registered as a provider"]
    assert count_rows(factory, Person) == 2


def test_escalation_contacts_are_linked(factory: sessionmaker[Session]) -> None:
    data = (
        "organisation,organisation_kind,name,email,role,escalation_contact_email\n"
        "Northshire,council,Priya,priya@n.example,commissioner,boss@n.example\n"
        "Northshire,council,Boss,boss@n.example,commissioner,\n"
    )
    _import(factory, data)
    with factory() as session:
        priya = session.scalars(select(Person).where(Person.email == "priya@n.example")).one()
        assert priya.escalation_contact is not None
        assert priya.escalation_contact.email == "boss@n.example"


def test_an_unknown_escalation_contact_rejects_the_file(factory: sessionmaker[Session]) -> None:
    data = ("organisation,organisation_kind,name,email,role,escalation_contact_email\n"
            "Northshire,council,Priya,priya@n.example,commissioner,ghost@n.example\n")
    assert _rejected(data, source="f", factory=factory) == [
        "f:2: escalation contact 'ghost@n.example' is not in the file or the directory"]
    assert count_rows(factory, Person) == 0


def test_an_admin_must_belong_to_a_council() -> None:
    data = ("organisation,organisation_kind,name,email,role\n"
            "Hillview,provider,Eve,eve@hillview.example,admin\n")
    assert _rejected(data, source="f") == ["f:2: an admin must belong to a council"]


# Two councils and a provider, as in the council IT operator's trial.
TRIAL = (
    "organisation,organisation_kind,name,email,role,safeguarding_lead,escalation_contact_email\n"
    "Westshire Council,council,Alice Morgan,alice@westshire.example,commissioner,no,\n"
    "Westshire Council,council,Wes Boss,boss@westshire.example,commissioner,no,\n"
    "Westshire Council,council,Sara Lead,sara@westshire.example,commissioner,yes,\n"
    "Eastshire Council,council,Eve East,eve.east@eastshire.example,commissioner,yes,\n"
    "Oakview Care,provider,Olivia Oak,olivia@oakview.example,provider,no,\n"
    "Elmview Care,provider,Ed Elm,ed@elmview.example,provider,no,\n"
)
TRIAL_HEADER = TRIAL.splitlines()[0] + "\n"


def _escalation_contacts(factory: sessionmaker[Session]) -> dict[str, str | None]:
    with factory() as session:
        return {person.email: person.escalation_contact.email
                if person.escalation_contact else None
                for person in session.scalars(select(Person))}


@pytest.mark.parametrize(("row", "problem"), [
    ("Westshire Council,council,Alice Morgan,alice@westshire.example,commissioner,no,"
     "eve.east@eastshire.example",
     "f:2: escalation contact 'eve.east@eastshire.example' belongs to Eastshire Council, not "
     "Westshire Council: name someone of Westshire Council"),
    ("Westshire Council,council,Alice Morgan,alice@westshire.example,commissioner,no,"
     "olivia@oakview.example",
     "f:2: escalation contact 'olivia@oakview.example' belongs to Oakview Care, not "
     "Westshire Council: name someone of Westshire Council"),
    ("Oakview Care,provider,Olivia Oak,olivia@oakview.example,provider,no,"
     "boss@westshire.example",
     "f:2: escalation contact 'boss@westshire.example': only council staff (commissioners, "
     "admins) have an escalation contact"),
], ids=["another-council", "a-provider", "for-a-provider"])
def test_an_escalation_contact_of_another_organisation_rejects_the_file(
        factory: sessionmaker[Session], row: str, problem: str) -> None:
    _import(factory, TRIAL)
    assert _rejected(TRIAL_HEADER + row + "\n", source="f", factory=factory) == [problem]
    assert set(_escalation_contacts(factory).values()) == {None}


def test_an_escalation_contact_who_has_left_rejects_the_file(
        factory: sessionmaker[Session]) -> None:
    _import(factory, TRIAL)
    with factory.begin() as session:
        session.scalars(select(Person).where(
            Person.email == "boss@westshire.example")).one().active = False
    row = ("Westshire Council,council,Alice Morgan,alice@westshire.example,commissioner,no,"
           "boss@westshire.example\n")
    assert _rejected(TRIAL_HEADER + row, source="f", factory=factory) == [
        "f:2: escalation contact 'boss@westshire.example' has left: name someone still there"]


def test_an_active_person_under_another_organisation_is_refused(
        factory: sessionmaker[Session]) -> None:
    _import(factory, TRIAL)
    moved = TRIAL_HEADER + "Elmview Care,provider,Olivia Oak,olivia@oakview.example,provider,no,\n"
    assert _rejected(moved, source="f", factory=factory) == [
        "f:2: Olivia Oak belongs to Oakview Care: to move someone, run `pledgebot people leave` "
        "first, then import them"]
    with factory() as session:
        olivia = session.scalars(select(Person).where(
            Person.email == "olivia@oakview.example")).one()
        assert olivia.organisation.name == "Oakview Care"


def test_someone_who_left_may_come_back_under_another_organisation(
        factory: sessionmaker[Session]) -> None:
    _import(factory, TRIAL)
    with factory.begin() as session:
        session.scalars(select(Person).where(
            Person.email == "olivia@oakview.example")).one().active = False
    moved = TRIAL_HEADER + "Elmview Care,provider,Olivia Oak,olivia@oakview.example,provider,no,\n"
    assert _import(factory, moved) == (0, 1, 0)
    with factory() as session:
        olivia = session.scalars(select(Person).where(
            Person.email == "olivia@oakview.example")).one()
        assert (olivia.organisation.name, olivia.active) == ("Elmview Care", True)


def test_the_last_safeguarding_lead_cannot_be_taken_away(factory: sessionmaker[Session]) -> None:
    _import(factory, TRIAL)
    unlead = TRIAL_HEADER + (
        "Westshire Council,council,Sara Lead,sara@westshire.example,commissioner,no,\n")
    assert _rejected(unlead, source="f", factory=factory) == [
        "f:2: Sara Lead is Westshire Council's last safeguarding lead: make someone else a lead "
        "(safeguarding_lead yes) first, or in the same file"]
    with factory() as session:
        leads = sorted(session.scalars(select(Person.email).where(Person.safeguarding_lead)))
    assert leads == ["eve.east@eastshire.example", "sara@westshire.example"]


def test_a_lead_may_hand_over_in_the_same_file(factory: sessionmaker[Session]) -> None:
    _import(factory, TRIAL)
    swap = TRIAL_HEADER + (
        "Westshire Council,council,Sara Lead,sara@westshire.example,commissioner,no,\n"
        "Westshire Council,council,Wes Boss,boss@westshire.example,commissioner,yes,\n")
    assert _import(factory, swap) == (0, 2, 0)
    with factory() as session:
        leads = sorted(session.scalars(select(Person.email).where(Person.safeguarding_lead)))
    assert leads == ["boss@westshire.example", "eve.east@eastshire.example"]


def test_reimporting_the_same_file_counts_people_unchanged(
        factory: sessionmaker[Session]) -> None:
    assert _import(factory, TRIAL) == (6, 0, 0)
    assert _import(factory, TRIAL) == (0, 0, 6)
