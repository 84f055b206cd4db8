"""The directory of organisations, people and channel identities: CSV import and demo data."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from bot import audit
from bot.db import transaction
from bot.errors import ImportRejected
from bot.models import Channel, ChannelIdentity, Organisation, OrganisationKind, Person, Role
from bot.values import frozen
from handlers.formats import EMAIL, a_name, read_csv

COLUMNS = (
    "organisation",
    "organisation_kind",
    "name",
    "email",
    "role",
    "timezone",
    "preferred_channel",
    "slack_id",
    "telegram_id",
    "email_verified",
    "safeguarding_lead",
    "escalation_contact_email",
)
REQUIRED = ("organisation", "organisation_kind", "name", "email", "role")
MAX_FIELD = 200
_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")
_TELEGRAM_ID = re.compile(r"^[0-9]{1,15}$")
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0", ""}


@frozen
class PersonRow:
    """One validated row of a people CSV."""

    line: int
    organisation: str
    organisation_kind: OrganisationKind
    name: str
    email: str
    role: Role
    timezone: str
    preferred_channel: Channel
    slack_id: str | None
    telegram_id: str | None
    email_verified: bool
    safeguarding_lead: bool
    escalation_contact_email: str | None = None


@frozen
class ImportCounts:
    """What a people import did: people added, people changed, people listed as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


Member = TypeVar("Member", bound=StrEnum)
Found = TypeVar("Found")


@dataclass
class Lookups:
    """Read-only look-ups of people and organisations in one transaction (an import's), each
    remembered for the next row."""

    session: Session
    _people: dict[str, Person | None] = field(default_factory=dict)
    _organisations: dict[str, Organisation | None] = field(default_factory=dict)

    def first(self, cache: dict[str, Found | None], key: str,
              query: Callable[[str], Select[Any]]) -> Found | None:
        """The first row ``query(key)`` finds, looked up once per key."""
        if key not in cache:
            cache[key] = self.session.scalars(query(key)).first()
        return cache[key]

    def person(self, email: str) -> Person | None:
        """The person with this e-mail address (any case)."""
        return self.first(self._people, email.lower(),
                          lambda key: select(Person).where(Person.email == key))

    def organisation(self, name: str) -> Organisation | None:
        """The organisation of this name (any case)."""
        return self.first(self._organisations, name.lower(), lambda key: select(Organisation)
                          .where(func.lower(Organisation.name) == key).order_by(Organisation.id))


def _flag(value: str, column: str, problems: list[str], where: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered not in _FALSE:
        problems.append(f"{where}: {column} must be yes or no, not {value!r}")
    return False


def _choice(kind: type[Member], value: str, column: str, allowed: str, problems: list[str],
            where: str) -> Member | None:
    """``value`` as one of ``kind``'s members (any case), or None with a problem if not empty."""
    try:
        return kind(value.lower())
    except ValueError:
        if value:
            problems.append(f"{where}: {column} must be {allowed}, not {value!r}")
        return None


def _validate_row(line: int, raw: Mapping[str, str | None], where: str) -> tuple[PersonRow | None,
                                                                                list[str]]:
    problems: list[str] = []
    # Lengths and control characters were checked by ``read_csv``.
    values = {column: (raw.get(column) or "").strip() for column in COLUMNS}
    for column in REQUIRED:
        if not values[column]:
            problems.append(f"{where}: {column} is empty")
    email = values["email"].lower()
    if email and not EMAIL.match(email):
        problems.append(f"{where}: email {values['email']!r} is not an e-mail address")
    kind = _choice(OrganisationKind, values["organisation_kind"], "organisation_kind",
                   "council or provider", problems, where)
    role = _choice(Role, values["role"], "role", "provider, commissioner or admin", problems,
                   where)
    if kind is not None and role is not None:
        if role == Role.PROVIDER and kind != OrganisationKind.PROVIDER:
            problems.append(f"{where}: a provider must belong to a provider organisation")
        if role == Role.COMMISSIONER and kind != OrganisationKind.COUNCIL:
            problems.append(f"{where}: a commissioner must belong to a council")
        if role == Role.ADMIN and kind != OrganisationKind.COUNCIL:
            # An admin sees every organisation's data, so only the council may hold one.
            problems.append(f"{where}: an admin must belong to a council")
    timezone = values["timezone"] or "Europe/London"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"{where}: timezone {timezone!r} is not a known time zone")
    channel = _choice(Channel, values["preferred_channel"] or "email", "preferred_channel",
                      "one of console, slack, telegram, email", problems, where)
    slack_id = values["slack_id"] or None
    if slack_id and not _SLACK_ID.match(slack_id):
        problems.append(f"{where}: slack_id {slack_id!r} is not a Slack user id (like U012AB3CD)")
    telegram_id = values["telegram_id"] or None
    if telegram_id and not _TELEGRAM_ID.match(telegram_id):
        problems.append(f"{where}: telegram_id {telegram_id!r} must be digits")
    if channel == Channel.SLACK and not slack_id:
        problems.append(f"{where}: preferred_channel is slack but slack_id is empty")
    if channel == Channel.TELEGRAM and not telegram_id:
        problems.append(f"{where}: preferred_channel is telegram but telegram_id is empty")
    verified = _flag(values["email_verified"], "email_verified", problems, where)
    lead = _flag(values["safeguarding_lead"], "safeguarding_lead", problems, where)
    if lead and kind == OrganisationKind.PROVIDER:
        problems.append(f"{where}: a safeguarding lead must belong to a council")
    escalation = values["escalation_contact_email"].lower() or None
    if escalation is not None and not EMAIL.match(escalation):
        problems.append(f"{where}: escalation_contact_email {escalation!r} is not an e-mail "
                        "address")
    if escalation is not None and escalation == email:
        problems.append(f"{where}: a person cannot be their own escalation contact")
    if problems or kind is None or role is None or channel is None:
        return None, problems
    return (
        PersonRow(
            line=line, organisation=values["organisation"], organisation_kind=kind,
            name=values["name"], email=email, role=role, timezone=timezone,
            preferred_channel=channel, slack_id=slack_id, telegram_id=telegram_id,
            email_verified=verified, safeguarding_lead=lead, escalation_contact_email=escalation,
        ),
        [],
    )


def parse_people_csv(data: bytes, *, source: str = "<csv>") -> list[PersonRow]:
    """Validate a whole people CSV; raise ImportRejected listing every ``file:line: problem``."""
    read, file_problems = read_csv(data, source=source, columns=COLUMNS, required=REQUIRED,
                                   noun="people", max_field=MAX_FIELD)
    problems: list[tuple[int, str]] = [(line, f"{source}:{line}: {text}")
                                       for line, text in file_problems]
    rows: list[PersonRow] = []
    seen: dict[tuple[str, str], int] = {}
    org_kinds: dict[str, tuple[OrganisationKind, int]] = {}
    for read_row in read:
        line, raw = read_row.line, read_row.values
        where = f"{source}:{line}"
        row, row_problems = _validate_row(line, raw, where)
        problems.extend((line, problem) for problem in row_problems)
        if row is None:
            continue
        for key, value in (
            ("email", row.email), ("slack_id", row.slack_id), ("telegram_id", row.telegram_id)
        ):
            if value is None:
                continue
            if (key, value) in seen:
                problems.append(
                    (line, f"{where}: {key} {value!r} is already on line {seen[(key, value)]}"))
            seen[(key, value)] = line
        known = org_kinds.setdefault(row.organisation.lower(), (row.organisation_kind, line))
        if known[0] != row.organisation_kind:
            problems.append(
                (line, f"{where}: {row.organisation!r} is a {known[0].value} on line {known[1]}"))
        rows.append(row)
    if problems:
        raise ImportRejected([text for _line, text in sorted(problems, key=lambda p: p[0])])
    return rows


Identities = dict[tuple[Channel, str], ChannelIdentity]
_IN_CHUNK = 500  # values in one IN (...) list, well under any database's limit


def _in_chunks(session: Session, query: Callable[[list[Any]], Select[Found]],
               values: Sequence[Any]) -> list[Found]:
    """The rows a query finds for ``values``, asked ``_IN_CHUNK`` values at a time."""
    found: list[Found] = []
    for start in range(0, len(values), _IN_CHUNK):
        found.extend(session.scalars(query(list(values[start:start + _IN_CHUNK]))))
    return found


def _set_identity(
    session: Session, identities: Identities, person: Person, channel: Channel, address: str,
    *, verified: bool, where: str, problems: list[str],
) -> bool:
    """Give ``person`` this address; whether anything changed."""
    existing = identities.get((channel, address))
    # An identity read from the database names its owner by id; one added by this import (not
    # yet written) by the object.
    taken = existing is not None and (
        existing.person_id != person.id if existing.person_id is not None
        else existing.person is not person)
    if taken:
        problems.append(f"{where}: {channel.value} id {address!r} belongs to someone else")
        return False
    if existing is None:
        identity = ChannelIdentity(person=person, channel=channel, address=address,
                                   verified=verified)
        session.add(identity)
        identities[channel, address] = identity
        return True
    if verified and not existing.verified:
        existing.verified = True
        return True
    return False


def _as_it_was(person: Person) -> tuple[object, ...]:
    """What an import may change of a person, to tell an updated person from an unchanged one."""
    return (person.organisation_id, person.name, person.role, person.timezone,
            person.preferred_channel, person.safeguarding_lead, person.active,
            person.escalation_contact_id)


COUNCIL_STAFF = (Role.COMMISSIONER, Role.ADMIN)


def _contact_problem(person: Person, contact: Person, row: PersonRow) -> str | None:
    """Why ``contact`` may not be ``person``'s escalation contact (or cover), or None.

    Who is told of someone's overdue work sees that work, so it must be active staff of the
    same council (the trial's Westshire review escalated to Eastshire's Eve)."""
    named = f"escalation contact {row.escalation_contact_email!r}"
    if person.role not in COUNCIL_STAFF:
        return (f"{named}: only council staff (commissioners, admins) have an escalation "
                "contact")
    if contact.organisation_id != person.organisation_id:
        return (f"{named} belongs to {contact.organisation.name}, not "
                f"{person.organisation.name}: name someone of {person.organisation.name}")
    if contact.role not in COUNCIL_STAFF:
        return f"{named} is a {contact.role.value}: name a commissioner or admin"
    if not contact.active:
        return f"{named} has left: name someone still there"
    return None


def _last_leads(session: Session, rows: Sequence[PersonRow], people: Mapping[str, Person],
                leads_before: Mapping[int, set[int]], source: str) -> list[str]:
    """A problem for each row that takes away a council's last active safeguarding lead (as
    ``people leave`` refuses to: no concern may go unheard)."""
    problems = []
    for organisation_id, before in leads_before.items():
        if not before:
            continue  # none before this import: ``pledgebot doctor`` reports it
        still = session.scalar(select(func.count()).select_from(Person).where(
            Person.organisation_id == organisation_id, Person.safeguarding_lead.is_(True),
            Person.active.is_(True)))
        if still:
            continue
        for row in rows:
            person = people.get(row.email)
            if person is not None and person.id in before:
                problems.append(
                    f"{source}:{row.line}: {person.name} is {person.organisation.name}'s last "
                    "safeguarding lead: make someone else a lead (safeguarding_lead yes) first, "
                    "or in the same file")
    return problems


def import_people(
    factory: sessionmaker[Session], rows: Sequence[PersonRow], *, source: str = "<csv>",
    keep_leavers: bool = False,
) -> ImportCounts:
    """Create or update everyone in ``rows`` in one transaction; says how many were created,
    updated and listed unchanged.

    A person listed who had left (``pledgebot people leave``) is active again, unless
    ``keep_leavers`` (the demo data, loaded at every ``run --demo``, brings nobody back).

    People are matched by e-mail address. Any conflict with the database (an organisation of
    the other kind, an identity that belongs to someone else, an active person listed under
    another organisation, an escalation contact who is not active staff of the person's
    council, a council's last safeguarding lead taken away) rejects the whole import. The
    people and identities the file names are read up front (a few queries, not several a row).
    """
    created: set[str] = set()
    changed: set[str] = set()
    before: dict[str, tuple[object, ...]] = {}
    problems: list[str] = []
    with transaction(factory) as session, session.no_autoflush:
        organisations = {o.name.lower(): o for o in session.scalars(select(Organisation))}
        emails = sorted({row.email for row in rows} | {
            row.escalation_contact_email for row in rows if row.escalation_contact_email})
        people = {person.email: person for person in _in_chunks(
            session, lambda chunk: select(Person).where(Person.email.in_(chunk)), emails)}
        addresses = sorted({address for row in rows for address in (
            row.email, row.slack_id, row.telegram_id) if address})
        identities: Identities = {
            (identity.channel, identity.address): identity for identity in _in_chunks(
                session, lambda chunk: select(ChannelIdentity).where(
                    ChannelIdentity.address.in_(chunk)), addresses)}
        # The active safeguarding leads of every council the file touches, as they were.
        leads_before: dict[int, set[int]] = {}
        councils = [o.id for name, o in organisations.items()
                    if o.kind == OrganisationKind.COUNCIL and name in {
                        row.organisation.lower() for row in rows} | {
                        p.organisation.name.lower() for p in people.values()}]
        for organisation_id in councils:
            leads_before[organisation_id] = set(session.scalars(select(Person.id).where(
                Person.organisation_id == organisation_id, Person.safeguarding_lead.is_(True),
                Person.active.is_(True))))
        for row in rows:
            where = f"{source}:{row.line}"
            organisation = organisations.get(row.organisation.lower())
            if organisation is None:
                organisation = Organisation(name=row.organisation, kind=row.organisation_kind)
                session.add(organisation)
                organisations[row.organisation.lower()] = organisation
            elif organisation.kind != row.organisation_kind:
                problems.append(
                    f"{where}: {organisation.name!r} is already registered as a "
                    f"{organisation.kind.value}"
                )
                continue
            person = people.get(row.email)
            if person is None:
                person = Person(email=row.email)
                session.add(person)
                people[row.email] = person
                created.add(row.email)
            elif keep_leavers and not person.active:
                continue  # left: the demo data neither brings them back nor changes them
            elif person.active and person.organisation is not organisation:
                # Their placements, reminders and chases would follow them to the new
                # organisation (the trial's Olivia): someone moving leaves first, handing
                # their work to a colleague, and is then imported anew.
                problems.append(
                    f"{where}: {person.name} belongs to {person.organisation.name}: to move "
                    "someone, run `pledgebot people leave` first, then import them")
                continue
            else:
                before.setdefault(row.email, _as_it_was(person))
            person.organisation = organisation
            person.name = row.name
            person.role = row.role
            person.timezone = row.timezone
            person.preferred_channel = row.preferred_channel
            person.safeguarding_lead = row.safeguarding_lead
            person.active = True
            for channel, address, verified in (
                    (Channel.EMAIL, row.email, row.email_verified),
                    (Channel.CONSOLE, row.email, True),
                    (Channel.SLACK, row.slack_id, True),
                    (Channel.TELEGRAM, row.telegram_id, True)):
                if address and _set_identity(session, identities, person, channel, address,
                                             verified=verified, where=where, problems=problems):
                    changed.add(row.email)
        session.flush()
        for row in rows:
            person = people.get(row.email)
            if row.escalation_contact_email is None or person is None:
                continue
            if row.email not in created and row.email not in before:
                continue  # its row was refused above, or left alone (the demo's leavers)
            contact = people.get(row.escalation_contact_email)
            if contact is None:
                problems.append(f"{source}:{row.line}: escalation contact "
                                f"{row.escalation_contact_email!r} is not in the file or the "
                                "directory")
                continue
            problem = _contact_problem(person, contact, row)
            if problem is not None:
                problems.append(f"{source}:{row.line}: {problem}")
                continue
            person.escalation_contact_id = contact.id
        session.flush()
        problems.extend(_last_leads(session, rows, people, leads_before, source))
        if problems:
            raise ImportRejected(problems)  # rolls the whole transaction back
        changed.update(email for email, was in before.items()
                       if _as_it_was(people[email]) != was)
        counts = ImportCounts(created=len(created), updated=len(changed - created),
                              unchanged=len(set(before) - changed))
        audit.record(session, "people.import", subject=source, created=counts.created,
                     updated=counts.updated, unchanged=counts.unchanged)
    return counts


def import_people_file(factory: sessionmaker[Session], path: Path) -> ImportCounts:
    """Validate and import a people CSV file, all or nothing."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportRejected([f"{path}: cannot read the file: {error.strerror}"]) from None
    return import_people(factory, parse_people_csv(data, source=str(path)), source=str(path))


def list_people(factory: sessionmaker[Session]) -> list[Person]:
    """Everyone, with organisation and identities loaded, by organisation then name."""
    with factory() as session:
        return list(
            session.scalars(
                select(Person)
                .join(Organisation)
                .options(selectinload(Person.organisation), selectinload(Person.identities))
                .order_by(Organisation.name, Person.name)
            )
        )


DEMO_CSV = """\
organisation,organisation_kind,name,email,role,preferred_channel,email_verified,safeguarding_lead,escalation_contact_email
Northshire County Council,council,Priya Shah,priya.shah@northshire.example,commissioner,console,yes,no,tom.okafor@northshire.example
Northshire County Council,council,Tom Okafor,tom.okafor@northshire.example,commissioner,console,yes,no,
Northshire County Council,council,Safeguarding Adults Hub,safeguarding@northshire.example,commissioner,console,yes,yes,
Northshire County Council,council,Dana Reeve,dana.reeve@northshire.example,admin,console,yes,no,
Riverside Care Homes,provider,Sam Patel,sam.patel@riverside-care.example,provider,console,yes,no,
Hillview Home Care CIC,provider,Alex Morgan,alex.morgan@hillview.example,provider,console,yes,no,
"""  # noqa: E501 - a CSV reads best one person a line
DEMO_PROVIDER_EMAIL = "sam.patel@riverside-care.example"


def load_demo(factory: sessionmaker[Session]) -> ImportCounts:
    """Load the demo council, commissioners, safeguarding hub and providers; safe to repeat."""
    return import_people(
        factory, parse_people_csv(DEMO_CSV.encode(), source="demo"), source="demo",
        keep_leavers=True)


def in_directory(session: Session) -> Callable[[str], bool]:
    """Whether a name is someone's in the directory (council staff, providers' people), in
    any case: a name that may be written where a person receiving care's may not
    (``handlers.formats.a_name``)."""
    def known(name: str) -> bool:
        wanted = " ".join(name.split()).lower()
        return (session.scalar(select(Person.id).where(
                    func.lower(Person.name) == wanted).limit(1)) is not None
                # or an organisation's name holds it ("Leonard Cheshire Disability")
                or session.scalar(select(Organisation.id).where(
                    func.lower(Organisation.name).contains(wanted, autoescape=True))
                    .limit(1)) is not None)
    return known


def name_in(session: Session, text: str) -> str | None:
    """A name of someone receiving care in ``text`` (``handlers.formats.a_name``), never
    someone in the directory: what case words and deadline notes must not keep."""
    return a_name(text, known=in_directory(session)) if text else None


def person_named(people: Sequence[Person], typed: str) -> tuple[Person | None, list[Person]]:
    """Who of ``people`` ``typed`` names, and whom it may have meant when nobody: as ``/case
    REF reassign`` reads a new owner (``handlers.cases.service.owner_named``), so a first name
    is read the same way everywhere (session 33's trial: "/placement new ... priya" and
    "/away 18/12/2026 tom" were refused where "reassign tom" worked).

    An e-mail address names whoever of them has it; else their full name, or a first name
    only one of them has. Meant: those with that first name, or the one whose first name (or
    address) is closest to it.
    """
    words = " ".join(typed.split()).lower()[:254]
    if not words:
        return None, []
    for matches in ([p for p in people if p.email == words],
                    [p for p in people if p.name.lower() == words],
                    [p for p in people if p.name.lower().split()[:1] == [words]]):
        if len(matches) == 1:
            return matches[0], []
        if matches:
            return None, matches
    # The closest one alone: an address to addresses, a full name to full names, a first
    # name mistyped ("prya": session 30) to first names.
    spelt = ({p.email: p for p in people} if "@" in words
             else {p.name.lower(): p for p in people} if " " in words
             else {p.name.lower().split()[0]: p for p in people if p.name.split()})
    close = difflib.get_close_matches(words, list(spelt), n=1, cutoff=0.8)
    return None, [spelt[key] for key in close]
