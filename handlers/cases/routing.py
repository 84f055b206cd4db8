"""Routing rules from a CSV file: which commissioner owns which council's cases.

A routing file has one rule a row: ``council, kind, category, service_type, locality,
commissioner, deputy, level1, level2, level3``. ``council`` (an organisation of kind council)
and ``commissioner`` (an e-mail) are required; an empty ``kind``, ``category``, ``service_type``
or ``locality`` matches anything. People are named by e-mail, in any case. The commissioner and
the deputy must be active commissioners or admins of that council, and not the same person; the
escalation levels must be active council staff (commissioners or admins), since they are told
about the case.

The import is all or nothing, like the other imports (``handlers/people/directory.py``,
``handlers/deadlines/imports.py``): the whole file is checked, against itself and the database, and
every problem is listed as ``FILE:LINE: problem``. It then REPLACES the rules of every council
the file names (the councils it does not name keep theirs), in one transaction with one audit
event (``routing.import``); a rule's position is its order among its council's rows in the file.
Service types and localities are stored lower-case, as ``service.matching_rules`` compares
them.

The CSV reading itself (size, UTF-8, header, blank lines, row limit, control characters) is
``handlers.formats.read_csv``, shared rather than copied.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot import audit
from bot.config import CASE_CATEGORIES
from bot.db import transaction, utcnow
from bot.errors import BadInput, ImportRejected
from bot.models import Case, CaseKind, Organisation, OrganisationKind, Person, Role, RoutingRule
from bot.values import frozen
from handlers.formats import EMAIL, Problems, read_csv, reject_if_any, service_key
from handlers.people.away import away_on
from handlers.people.directory import COUNCIL_STAFF, Lookups

COLUMNS = ("council", "kind", "category", "service_type", "locality", "commissioner", "deputy",
           "level1", "level2", "level3")
REQUIRED = ("council", "commissioner")
PEOPLE = ("commissioner", "deputy", "level1", "level2", "level3")
KINDS = tuple(kind.value for kind in CaseKind)
MAX_MATCH = 64  # the length of RoutingRule.service_type and .locality


@frozen
class RuleRow:
    """One data row of a routing file, tidied: empty means "any" (or "nobody")."""

    line: int
    council: str
    kind: str | None
    category: str | None
    service_type: str | None
    locality: str | None
    commissioner: str | None
    deputy: str | None
    level1: str | None
    level2: str | None
    level3: str | None

    def email(self, column: str) -> str | None:
        """The lower-case e-mail in one of the PEOPLE columns."""
        value: str | None = getattr(self, column)
        return value

    @property
    def key(self) -> tuple[str, str | None, str | None, str | None, str | None]:
        """What the rule matches, for spotting duplicates (council name in any case)."""
        return (self.council.lower(), self.kind, self.category, self.service_type, self.locality)


@frozen
class RoutingFile:
    """A routing file read and checked on its own: its rows and the problems found so far."""

    source: str
    rows: tuple[RuleRow, ...]
    problems: tuple[tuple[int, str], ...]


def parse_routing_csv(data: bytes, *, source: str = "<csv>") -> RoutingFile:
    """Read and check a routing file without the database.

    Returns every non-blank row with the problems of single rows and of duplicates, as
    ``(line, problem)``; raises ImportRejected at once when the file itself is unusable (too
    large, not UTF-8, empty, a bad header, no rules).
    """
    raw_rows, problems = read_csv(data, source=source, columns=COLUMNS, required=REQUIRED,
                                   noun="routing rules")
    found: Problems = list(problems)
    rows: list[RuleRow] = []
    first_line: dict[tuple[str, str | None, str | None, str | None, str | None], int] = {}
    for raw in raw_rows:
        values = raw.values
        line = raw.line
        if not values["council"]:
            found.append((line, "council is empty"))
        kind = values["kind"].lower() or None
        if kind is not None and kind not in KINDS:
            found.append((line, f"kind {values['kind']!r} must be one of {', '.join(KINDS)} "
                                "(or empty for any)"))
        category = values["category"].lower() or None
        if category is not None and category not in CASE_CATEGORIES:
            found.append((line, f"category {values['category']!r} must be one of "
                                f"{', '.join(CASE_CATEGORIES)} (or empty for any)"))
        for column in ("service_type", "locality"):
            if len(values[column]) > MAX_MATCH:
                found.append((line, f"{column} is longer than {MAX_MATCH} characters"))
        emails = {column: values[column].lower() or None for column in PEOPLE}
        for column, email in emails.items():
            if email is not None and not EMAIL.match(email):
                found.append((line, f"{column} {values[column]!r} is not an e-mail address"))
        if emails["commissioner"] is None:
            found.append((line, "commissioner is empty: every rule needs one"))
        elif emails["commissioner"] == emails["deputy"]:
            found.append((line, f"{emails['deputy']!r} is both commissioner and deputy; the "
                                "deputy must be someone else"))
        row = RuleRow(line=line, council=values["council"], kind=kind, category=category,
                      service_type=service_key(values["service_type"]) or None,
                      locality=values["locality"].lower() or None, **emails)
        if row.council:
            earlier = first_line.setdefault(row.key, line)
            if earlier != line:
                found.append((line, f"the same council, kind, category, service_type and "
                                    f"locality as line {earlier}"))
        rows.append(row)
    return RoutingFile(source=source, rows=tuple(rows), problems=tuple(found))


LEVELS = PEOPLE[2:]  # the ladder: level1, level2, level3


def ladder_repeats(parsed: RoutingFile) -> list[tuple[int, str]]:
    """``(line, note)`` for each level of a rule that names someone already on its ladder: an
    earlier level, or the commissioner, who holds the rule's cases (the deputy only when the
    commissioner is away, so not counted).

    A note, not a problem: the SLA sweep passes such a level over to the next person (never
    telling anyone twice), and a small council may well mean it; but it shortens the ladder,
    and an administrator should know (session 27).
    """
    notes: list[tuple[int, str]] = []
    for row in parsed.rows:
        seen: dict[str, str] = {}
        if row.commissioner is not None:
            seen[row.commissioner] = "the commissioner, who holds the case"
        for number, column in enumerate(LEVELS, start=1):
            email = row.email(column)
            if email is None:
                continue
            if email in seen:
                notes.append((row.line, f"{column} {email!r} is {seen[email]}: a case passes "
                                        f"over level {number} to the next person"))
            else:
                seen[email] = column + " too"
    return notes


def _check_person(row: RuleRow, column: str, council: Organisation | None, people: Lookups,
                  problems: Problems) -> None:
    email = row.email(column)
    if email is None or not EMAIL.match(email):
        return  # empty, or reported already
    person = people.person(email)
    if person is None:
        problems.append((row.line, f"{column} {email!r} is nobody we know; import them with "
                                   "pledgebot people import first"))
    elif not person.active:
        problems.append((row.line, f"{column} {email!r} is no longer active"))
    elif person.role not in COUNCIL_STAFF:
        what = "commissioner or admin" if column in ("commissioner", "deputy") else (
            "commissioner or admin: escalation levels are told about other providers' cases")
        problems.append((row.line, f"{column} {email!r} is a {person.role.value}, not a {what}"))
    elif (council is not None and person.organisation_id != council.id
          and (column in ("commissioner", "deputy") or person.role == Role.COMMISSIONER)):
        # An escalation level too (the session's admin review: another council's commissioner
        # was accepted and would have been told of this council's concerns); an admin may be
        # anyone's, as for owning a case.
        problems.append((row.line, f"{column} {email!r} works for "
                                   f"{person.organisation.name}, not {council.name}"))


def _check_against_directory(parsed: RoutingFile,
                             people: Lookups) -> tuple[Problems, dict[int, list[RuleRow]]]:
    """Every problem with councils and people, and the rows by council id, in file order."""
    problems: Problems = list(parsed.problems)
    by_council: dict[int, list[RuleRow]] = {}
    for row in parsed.rows:
        council = people.organisation(row.council) if row.council else None
        if row.council and council is None:
            problems.append((row.line, f"council {row.council!r} is not in the directory; "
                                       "import it with pledgebot people import first"))
        elif council is not None and council.kind != OrganisationKind.COUNCIL:
            problems.append((row.line, f"council {row.council!r} is a {council.kind.value}, "
                                       "not a council"))
            council = None
        for column in PEOPLE:
            _check_person(row, column, council, people, problems)
        if council is not None:
            by_council.setdefault(council.id, []).append(row)
    return problems, by_council


def import_routing(factory: sessionmaker[Session], parsed: RoutingFile, *,
                   now: datetime | None = None) -> list[tuple[str, int]]:
    """Replace the rules of every council ``parsed`` names, in one transaction.

    Checks every row against the directory first; any problem (from the file or the database)
    raises ImportRejected listing them all, and nothing changes. Cases routed by a replaced rule
    keep their owner and escalation chain; only their link to the old rule is cleared.

    Returns ``(council name, rules imported)`` for each council, in the file's order.
    """
    with transaction(factory) as session:
        people = Lookups(session)
        problems, by_council = _check_against_directory(parsed, people)
        reject_if_any(problems, parsed.source)
        if not by_council:
            raise ImportRejected([f"{parsed.source}: no routing rules in the file"])
        # Lock the councils so two imports of the same council run one after the other
        # (otherwise each could delete the old rules and both sets of new ones survive).
        councils = {council.id: council for council in session.scalars(
            select(Organisation).where(Organisation.id.in_(by_council))
            .order_by(Organisation.id).with_for_update())}
        old_rules = select(RoutingRule.id).where(RoutingRule.council_id.in_(by_council))
        session.execute(update(Case).where(Case.routing_rule_id.in_(old_rules))
                        .values(routing_rule_id=None).execution_options(
                            synchronize_session=False))
        session.execute(delete(RoutingRule).where(RoutingRule.council_id.in_(by_council))
                        .execution_options(synchronize_session=False))
        created_at = now or utcnow()
        for council_id, rows in by_council.items():
            for position, row in enumerate(rows, start=1):
                ids = {column: _id(people, row.email(column)) for column in PEOPLE}
                session.add(RoutingRule(
                    position=position, council_id=council_id, kind=row.kind,
                    category=row.category, service_type=row.service_type,
                    locality=row.locality, commissioner_id=ids["commissioner"],
                    deputy_id=ids["deputy"], level1_id=ids["level1"], level2_id=ids["level2"],
                    level3_id=ids["level3"], created_at=created_at))
        counts = [(councils[council_id].name, len(rows))
                  for council_id, rows in by_council.items()]
        audit.record(session, "routing.import", subject=parsed.source[:100], at=created_at,
                     councils=dict(counts))
    return counts


def _id(people: Lookups, email: str | None) -> int | None:
    if email is None:
        return None
    person = people.person(email)
    assert person is not None  # noqa: S101 - checked before anything is written
    return person.id


def import_routing_file(factory: sessionmaker[Session], path: Path, *,
                        now: datetime | None = None
                        ) -> tuple[list[tuple[str, int]], list[tuple[int, str]]]:
    """Read, check and import a routing file, all or nothing (see :func:`import_routing`);
    also the notes on ladders that name someone twice (:func:`ladder_repeats`)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise ImportRejected([f"{path}: cannot read the file: {reason}"]) from None
    parsed = parse_routing_csv(data, source=str(path))
    return import_routing(factory, parsed, now=now), ladder_repeats(parsed)


# -- showing the rules -----------------------------------------------------------------------
@frozen
class RulePerson:
    """Someone a rule names, and whether they are away (and who covers) on the day asked."""

    name: str
    email: str
    away_until: date | None = None
    cover_name: str | None = None
    cover_email: str | None = None


@frozen
class RuleView:
    """One rule as an administrator reads it; ``None`` criteria match anything."""

    council: str
    position: int
    kind: str | None
    category: str | None
    service_type: str | None
    locality: str | None
    commissioner: RulePerson
    deputy: RulePerson | None
    levels: tuple[RulePerson | None, RulePerson | None, RulePerson | None]


def _people_by_id(session: Session, ids: set[int]) -> dict[int, Person]:
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}


def list_rules(factory: sessionmaker[Session], *, today: date,
               council: str | None = None) -> list[RuleView]:
    """Every council's rules (or one council's, by name in any case), in order.

    Raises BadInput when ``council`` names no council.
    """
    with factory() as session:
        query = select(RoutingRule, Organisation.name).join(
            Organisation, Organisation.id == RoutingRule.council_id)
        if council is not None:
            councils = session.scalars(select(Organisation).where(
                Organisation.kind == OrganisationKind.COUNCIL).order_by(Organisation.name)).all()
            wanted_name = " ".join(council.split()).casefold()
            # The whole name in any case, else the one council whose name holds the words
            # ("northshire" for Northshire County Council; session 25's trial).
            found = next((c for c in councils if c.name.casefold() == wanted_name), None)
            partial = [c for c in councils if wanted_name and wanted_name in c.name.casefold()]
            if found is None and len(partial) == 1:
                found = partial[0]
            if found is None:
                raise BadInput(f"there is no council called {council.strip()[:200]!r}; the "
                               "councils are: " + ", ".join(c.name for c in councils)
                               if councils else
                               f"there is no council called {council.strip()[:200]!r}")
            query = query.where(RoutingRule.council_id == found.id)
        rows = session.execute(query.order_by(Organisation.name, RoutingRule.position,
                                              RoutingRule.id)).all()
        wanted = {pid for rule, _name in rows for pid in (
            rule.commissioner_id, rule.deputy_id, rule.level1_id, rule.level2_id,
            rule.level3_id) if pid is not None}
        people = _people_by_id(session, wanted)
        # The covers of people who are away, in a second round.
        covers = {p.cover_id for p in people.values() if p.cover_id is not None}
        people.update(_people_by_id(session, covers - people.keys()))

        def who(person_id: int | None, *, with_away: bool = False) -> RulePerson | None:
            if person_id is None or person_id not in people:
                return None
            person = people[person_id]
            if not with_away or not away_on(person, today):
                return RulePerson(person.name, person.email)
            cover = people.get(person.cover_id) if person.cover_id is not None else None
            return RulePerson(person.name, person.email, person.away_until,
                              cover.name if cover else None, cover.email if cover else None)

        views = []
        for rule, council_name in rows:
            commissioner = who(rule.commissioner_id, with_away=True)
            assert commissioner is not None  # noqa: S101 - a foreign key, never null
            views.append(RuleView(
                council=council_name, position=rule.position, kind=rule.kind,
                category=rule.category, service_type=rule.service_type,
                locality=rule.locality, commissioner=commissioner,
                deputy=who(rule.deputy_id, with_away=True),
                levels=(who(rule.level1_id), who(rule.level2_id), who(rule.level3_id))))
        return views


DEMO_ROUTING_CSV = """\
council,kind,category,service_type,locality,commissioner,deputy,level1,level2,level3
Northshire County Council,safeguarding,,,,safeguarding@northshire.example,priya.shah@northshire.example,tom.okafor@northshire.example,dana.reeve@northshire.example,
Northshire County Council,,,,,priya.shah@northshire.example,tom.okafor@northshire.example,tom.okafor@northshire.example,dana.reeve@northshire.example,
"""  # noqa: E501 - a CSV reads best one rule a line


def load_demo_routing(factory: sessionmaker[Session]) -> int:
    """The demo council's routing rules (safeguarding to its hub, the rest to Priya), unless
    it has rules already; returns how many were added."""
    with factory() as session:
        existing = session.scalar(select(func.count()).select_from(RoutingRule).join(
            Organisation, Organisation.id == RoutingRule.council_id).where(
            Organisation.name == "Northshire County Council")) or 0
    if existing:
        return 0
    counts = import_routing(factory, parse_routing_csv(DEMO_ROUTING_CSV.encode(),
                                                       source="demo"))
    return sum(count for _name, count in counts)
