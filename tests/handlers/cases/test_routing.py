"""Routing rules from a CSV: checked whole, all or nothing, replacing a council's rules."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.db import make_engine, make_session_factory, transaction
from bot.errors import ImportRejected
from bot.models import (
    Case,
    CaseKind,
    OrganisationKind,
    Person,
    ProviderService,
    Role,
    RoutingRule,
)
from bot.templates import make_templates
from handlers.cases import routing
from handlers.cases import service as cases
from scheduler.rules import WorkingCalendar
from tests.cli import EXAMPLE_COUNCIL_PEOPLE, RIVERSIDE_SAM, import_people, run_cli
from tests.factories import make_organisation, make_person

HEADER = "council,kind,category,service_type,locality,commissioner,deputy,level1,level2,level3\n"
NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
TODAY = date(2026, 11, 25)
TEMPLATES = make_templates()

# What an import says of a file that is not UTF-8 (the session's admin review).
NOT_UTF8_HINT = (' (in Excel, save it as "CSV UTF-8 (Comma delimited)"; a workbook (.xlsx) '
                 'is not a CSV file)')


@pytest.fixture
def ids(factory: sessionmaker[Session]) -> dict[str, int]:
    """Example Council (priya, tom, boss, admin dana, inactive gone), Other Council (olga),
    and a provider (sam)."""
    council = make_organisation(factory, "Example Council", OrganisationKind.COUNCIL)
    other = make_organisation(factory, "Other Council", OrganisationKind.COUNCIL)
    provider = make_organisation(factory, "Riverside Care", OrganisationKind.PROVIDER)
    found = {"council": council, "other": other, "provider": provider}
    for name, role, organisation in (
            ("priya", Role.COMMISSIONER, council), ("tom", Role.COMMISSIONER, council),
            ("boss", Role.COMMISSIONER, council), ("dana", Role.ADMIN, council),
            ("gone", Role.COMMISSIONER, council), ("olga", Role.COMMISSIONER, other),
            ("sam", Role.PROVIDER, provider)):
        found[name] = make_person(factory, email=f"{name}@example.org", role=role,
                                  organisation_id=organisation, name=name.capitalize())
    with transaction(factory) as session:
        session.get_one(Person, found["gone"]).active = False
    return found


def _import(factory: sessionmaker[Session], text: str,
            source: str = "rules.csv") -> list[tuple[str, int]]:
    return routing.import_routing(factory, routing.parse_routing_csv(text.encode(),
                                                                     source=source))


def _rules(factory: sessionmaker[Session]) -> list[tuple[int, int, str | None, str | None,
                                                          str | None, int]]:
    with factory() as session:
        return [(rule.council_id, rule.position, rule.kind, rule.category, rule.service_type,
                 rule.commissioner_id)
                for rule in session.scalars(select(RoutingRule).order_by(
                    RoutingRule.council_id, RoutingRule.position))]


def _problems(factory: sessionmaker[Session], text: str) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        _import(factory, text)
    return rejected.value.problems


# -- parsing, without a database ----------------------------------------------------------------
def test_parsing_tidies_the_values_without_a_database() -> None:
    parsed = routing.parse_routing_csv(
        (HEADER + "Example Council,Conflict,PAYMENT,Home Care, North ,Priya@Example.org,"
         "tom@example.org,,,\n\nExample Council,,,,,tom@example.org,,,,\n").encode(),
        source="r.csv")
    assert parsed.problems == ()
    assert parsed.rows[0] == routing.RuleRow(
        line=2, council="Example Council", kind="conflict", category="payment",
        service_type="home-care", locality="north", commissioner="priya@example.org",
        deputy="tom@example.org", level1=None, level2=None, level3=None)
    assert (parsed.rows[1].line, parsed.rows[1].kind, parsed.rows[1].deputy) == (4, None, None)


def test_a_ladder_naming_someone_twice_is_noted_not_refused() -> None:
    # Session 27: a level naming someone already on the ladder (or the rule's commissioner,
    # who holds its cases) tells nobody new; the case passes on to the next person. Said
    # at import, since it is often meant (a small team), never refused.
    parsed = routing.parse_routing_csv(
        (HEADER + "Example Council,,,,,priya@example.org,,lead@example.org,lead@example.org,"
         "head@example.org\nExample Council,conflict,,,,priya@example.org,,lead@example.org,"
         "PRIYA@example.org,\nExample Council,question,,,,priya@example.org,,lead@example.org,"
         "head@example.org,\n").encode(), source="r.csv")
    assert parsed.problems == ()
    assert routing.ladder_repeats(parsed) == [
        (2, "level2 'lead@example.org' is level1 too: a case passes over level 2 to the next "
            "person"),
        (3, "level2 'priya@example.org' is the commissioner, who holds the case: a case passes "
            "over level 2 to the next person"),
    ]


def test_optional_columns_may_be_left_out() -> None:
    parsed = routing.parse_routing_csv(b"council,commissioner\nExample Council,priya@x.org\n")
    assert (parsed.problems, parsed.rows[0].kind, parsed.rows[0].level3) == ((), None, None)


@pytest.mark.parametrize(("data", "problem"), [
    (b"", "r.csv:1: the file is empty; it needs a header row"),
    (HEADER.encode(), "r.csv: no routing rules in the file"),
    (b"council,kind,catgory,commissioner\n", "r.csv:1: unknown column(s): catgory"),
    (b"council,kind\nExample Council,conflict\n", "r.csv:1: missing column(s): commissioner"),
    (HEADER.encode() + b"Example Council,,,,,\xff@example.org,,,,\n",
     "r.csv:2: the file is not UTF-8 text" + NOT_UTF8_HINT),
    (HEADER.encode() + b"x" * 5_000_001, "r.csv: the file is larger than 5,000,000 bytes"),
], ids=["empty", "header only", "unknown column", "missing column", "not utf-8", "too large"])
def test_an_unusable_file_is_rejected_at_once(data: bytes, problem: str) -> None:
    with pytest.raises(ImportRejected) as rejected:
        routing.parse_routing_csv(data, source="r.csv")
    assert rejected.value.problems == [problem]


def test_more_than_ten_thousand_rows_is_refused() -> None:
    rows = "".join(f"Example Council,,,,area-{n},priya@example.org,,,,\n" for n in range(10_001))
    parsed = routing.parse_routing_csv((HEADER + rows).encode(), source="r.csv")
    assert parsed.problems == ((10_002, "more than 10,000 rows; split the file"),)


# -- importing ----------------------------------------------------------------------------------
def test_a_good_file_is_imported_in_order(factory: sessionmaker[Session],
                                          ids: dict[str, int]) -> None:
    counts = _import(factory, HEADER
                     + "Example Council,conflict,payment,Home Care,,priya@example.org,"
                       "TOM@example.org,boss@example.org,dana@example.org,\n"
                       "Other Council,,,,,olga@example.org,,,,\n"
                       "example council,,,,,tom@example.org,dana@example.org,,,\n")
    assert counts == [("Example Council", 2), ("Other Council", 1)]
    assert _rules(factory) == [
        (ids["council"], 1, "conflict", "payment", "home-care", ids["priya"]),
        (ids["council"], 2, None, None, None, ids["tom"]),
        (ids["other"], 1, None, None, None, ids["olga"]),
    ]
    with factory() as session:
        first = session.scalars(select(RoutingRule).where(RoutingRule.position == 1,
                                                          RoutingRule.council_id == ids["council"])
                                ).one()
        assert (first.deputy_id, first.level1_id, first.level2_id, first.level3_id) == (
            ids["tom"], ids["boss"], ids["dana"], None)


def test_importing_again_replaces_only_the_councils_named(factory: sessionmaker[Session],
                                                         ids: dict[str, int]) -> None:
    _import(factory, HEADER + "Example Council,,,,,priya@example.org,,,,\n"
                              "Example Council,feedback,,,,tom@example.org,,,,\n"
                              "Other Council,,,,,olga@example.org,,,,\n")
    assert _import(factory, HEADER + "Example Council,question,,,,tom@example.org,,,,\n") == [
        ("Example Council", 1)]
    assert _rules(factory) == [(ids["council"], 1, "question", None, None, ids["tom"]),
                               (ids["other"], 1, None, None, None, ids["olga"])]


def test_every_bad_row_is_reported_by_line_and_nothing_changes(
        factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    _import(factory, HEADER + "Example Council,,,,,priya@example.org,,,,\n")
    before = _rules(factory)
    problems = _problems(factory, HEADER
                         + "Example Council,,,,,priya@example.org,,,,\n"
                           "Nowhere Council,,,,,priya@example.org,,,,\n"
                           "Example Council,,,,l4,nobody@example.org,,,,\n"
                           "Example Council,,,,l5,sam@example.org,,,,\n"
                           "Example Council,complaint,,,l6,priya@example.org,,,,\n"
                           "Example Council,,billing,,l7,priya@example.org,,,,\n"
                           "Example Council,,,,l8,,tom@example.org,,,\n"
                           "example council,,,,,tom@example.org,,,,\n"
                           "Riverside Care,,,,,priya@example.org,,,,\n"
                           "Example Council,,,,l11,olga@example.org,,,,\n"
                           "Example Council,,,,l12,gone@example.org,,,,\n"
                           "Example Council,,,,l13,priya@example.org,priya@example.org,,,\n"
                           "Example Council,,,,l14,priya@example.org,,sam@example.org,,\n"
                           "Example Council,,,,l15,not-an-email,,,,\n"
                           "Example Council,,,,l16,priya@example.org,,olga@example.org,,\n")
    assert problems == [
        "rules.csv:3: council 'Nowhere Council' is not in the directory; import it with "
        "pledgebot people import first",
        "rules.csv:4: commissioner 'nobody@example.org' is nobody we know; import them with "
        "pledgebot people import first",
        "rules.csv:5: commissioner 'sam@example.org' is a provider, not a commissioner or admin",
        "rules.csv:6: kind 'complaint' must be one of feedback, conflict, question, "
        "safeguarding, notification (or empty for any)",
        "rules.csv:7: category 'billing' must be one of payment, placement-review, "
        "care-funding, procurement, contract, other (or empty for any)",
        "rules.csv:8: commissioner is empty: every rule needs one",
        "rules.csv:9: the same council, kind, category, service_type and locality as line 2",
        "rules.csv:10: council 'Riverside Care' is a provider, not a council",
        "rules.csv:11: commissioner 'olga@example.org' works for Other Council, not Example "
        "Council",
        "rules.csv:12: commissioner 'gone@example.org' is no longer active",
        "rules.csv:13: 'priya@example.org' is both commissioner and deputy; the deputy must be "
        "someone else",
        "rules.csv:14: level1 'sam@example.org' is a provider, not a commissioner or admin: "
        "escalation levels are told about other providers' cases",
        "rules.csv:15: commissioner 'not-an-email' is not an e-mail address",
        # An escalation level at another council (the session's admin review).
        "rules.csv:16: level1 'olga@example.org' works for Other Council, not Example Council",
    ]
    assert _rules(factory) == before


def test_imported_rules_decide_who_owns_a_case(factory: sessionmaker[Session],
                                               ids: dict[str, int]) -> None:
    _import(factory, HEADER + "Example Council,,,,,tom@example.org,,,,\n"
                              "Example Council,conflict,payment,Home Care,North,"
                              "priya@example.org,tom@example.org,boss@example.org,,\n")
    with factory() as session:
        routed = cases.route(session, Settings(), council_id=ids["council"], kind="conflict",
                             category="payment", service_type="HOME CARE", locality="north",
                             today=TODAY, templates=TEMPLATES)
        general = cases.route(session, Settings(), council_id=ids["council"], kind="question",
                              category="other", today=TODAY, templates=TEMPLATES)
    assert (routed.assignee_id, routed.chain, routed.reason) == (
        ids["priya"], (ids["boss"],), "routing rule 2")
    assert general.assignee_id == ids["tom"]


def test_a_providers_service_types_route_its_cases(factory: sessionmaker[Session],
                                                  ids: dict[str, int]) -> None:
    # Session 26's trial: a rule for home-care never matched, as no case carried a service
    # type. A provider's cases carry the service types `survey service-types` gave it.
    _import(factory, HEADER + "Example Council,,,,,tom@example.org,,,,\n"
                              "Example Council,,,Home Care,,priya@example.org,,,,\n")

    def owner() -> tuple[int, str | None]:
        with transaction(factory) as session:
            case, _notes = cases.open_case(session, cases.NewCase(
                kind=CaseKind.CONFLICT, category="payment", council_id=ids["council"],
                provider_id=ids["provider"], raised_by_id=ids["sam"],
                description="Invoice 7 unpaid"), settings=Settings(), policy=cases.SlaPolicy(),
                calendar=WorkingCalendar(), now=NOW, templates=TEMPLATES)
            return case.assignee_id, case.service_type

    assert owner() == (ids["tom"], None)  # no service type known: the general rule
    with transaction(factory) as session:
        session.add(ProviderService(organisation_id=ids["provider"], service_type="home-care"))
        session.add(ProviderService(organisation_id=ids["provider"],
                                    service_type="supported-living"))
    assert owner() == (ids["priya"], "home-care")


def test_with_every_matching_owner_away_the_history_says_so(factory: sessionmaker[Session],
                                                             ids: dict[str, int]) -> None:
    # Session 22's review: it said "no routing rule matched" when the rule's people were away.
    _import(factory, HEADER + "Example Council,,,,,priya@example.org,tom@example.org,,,\n")
    with transaction(factory) as session:
        for email in ("priya@example.org", "tom@example.org"):
            person = session.scalars(select(Person).where(Person.email == email)).one()
            person.away_until = date(2027, 1, 31)
    with factory() as session:
        routed = cases.route(session, Settings(), council_id=ids["council"], kind="conflict",
                             category="payment", today=TODAY, templates=TEMPLATES)
    assert routed.reason == ("default owner: the matching rules' owners and deputies are away "
                             "or party to the case")
    assert routed.assignee_id not in (ids["priya"], ids["tom"])


def test_cases_routed_by_a_replaced_rule_keep_their_owner(factory: sessionmaker[Session],
                                                          ids: dict[str, int]) -> None:
    _import(factory, HEADER + "Example Council,,,,,priya@example.org,,boss@example.org,,\n")
    with transaction(factory) as session:
        case, _notes = cases.open_case(
            session, cases.NewCase(kind=CaseKind.FEEDBACK, category="other",
                                   council_id=ids["council"], description="Thank you"),
            settings=Settings(), policy=cases.SlaPolicy(), calendar=WorkingCalendar(), now=NOW,
            templates=TEMPLATES)
        assert case.routing_rule_id is not None
    _import(factory, HEADER + "Example Council,,,,,tom@example.org,,,,\n")
    with factory() as session:
        kept = session.get_one(Case, case.id)
        assert (kept.assignee_id, kept.chain, kept.routing_rule_id) == (
            ids["priya"], [ids["boss"]], None)


# -- the command line -------------------------------------------------------------------------
PEOPLE = (EXAMPLE_COUNCIL_PEOPLE
          + "Other Council,council,Olga Berg,olga@other.council,commissioner\n" + RIVERSIDE_SAM)
ENV = {"PLEDGEBOT_FIXED_NOW": "2026-11-25T10:00:00+00:00"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder whose SQLite database (the default one) knows the people above."""
    import_people(tmp_path, PEOPLE)
    return tmp_path


def _write(folder: Path, text: str, name: str = "rules.csv") -> str:
    (folder / name).write_text(text)
    return name


def test_cli_import_notes_a_rule_naming_a_locality(folder: Path) -> None:
    # Session 26's trial: a rule naming a locality matched no case, and nothing said so.
    _write(folder, HEADER + "Example Council,,,,North,priya@example.council,,,,\n"
                            "Example Council,,,,,tom@example.council,,,,\n")
    imported = run_cli("routing", "import", "rules.csv", cwd=folder, env=ENV)
    assert (imported.returncode, imported.stdout.decode(), imported.stderr.decode()) == (
        0, "Imported 2 routing rules for Example Council.\n",
        "Note: rule Example Council 1 names a locality, which no case carries yet, so it "
        "matches no case; leave locality empty.\n")


def test_cli_import_notes_a_ladder_naming_someone_twice(folder: Path) -> None:
    # Session 27: imported (it may be meant), and said, with the line.
    _write(folder, HEADER + "Example Council,,,,,priya@example.council,,tom@example.council,"
                            "tom@example.council,\n")
    imported = run_cli("routing", "import", "rules.csv", cwd=folder, env=ENV)
    assert (imported.returncode, imported.stdout.decode(), imported.stderr.decode()) == (
        0, "Imported 1 routing rule for Example Council.\n",
        "Note: rules.csv:2: level2 'tom@example.council' is level1 too: a case passes over "
        "level 2 to the next person.\n")


def test_cli_import_and_show(folder: Path) -> None:
    _write(folder, HEADER + "Example Council,conflict,payment,Home Care,,"
                            "priya@example.council,tom@example.council,dana@example.council,,\n"
                            "Example Council,,,,,tom@example.council,,,,\n"
                            "Other Council,,,,,olga@other.council,,,,\n")
    imported = run_cli("routing", "import", "rules.csv", cwd=folder, env=ENV)
    assert (imported.returncode, imported.stdout.decode()) == (
        0, "Imported 2 routing rules for Example Council.\n"
           "Imported 1 routing rule for Other Council.\n")
    engine = make_engine(f"sqlite:///{folder / 'pledgebot.db'}")
    with transaction(make_session_factory(engine)) as session:
        priya = session.scalars(select(Person).where(Person.name == "Priya Shah")).one()
        tom = session.scalars(select(Person).where(Person.name == "Tom Okafor")).one()
        priya.away_until, priya.cover_id = date(2026, 11, 30), tom.id
    engine.dispose()
    shown = run_cli("routing", "show", "--council", "example council", cwd=folder, env=ENV)
    # One word of the name finds the one council that has it (session 25's trial).
    assert run_cli("routing", "show", "--council", "EXAMPLE", cwd=folder,
                   env=ENV).stdout == shown.stdout
    lines = shown.stdout.decode().splitlines()
    assert lines[0] == ("Example Council: 2 rules (a case takes the most specific rule it "
                        "matches; a tie goes to the lower number)")
    assert lines[1].split() == ["#", "kind", "category", "service", "type", "locality",
                                "commissioner", "deputy", "level", "1", "level", "2", "level",
                                "3"]
    assert [line.split("  ")[0] for line in lines[2:]] == ["1", "2"]
    assert [[cell.strip() for cell in line.split("  ") if cell.strip()] for line in lines[2:]] == [
        ["1", "conflict", "payment", "home-care", "any",
         "Priya Shah <priya@example.council> (away until 2026-11-30, cover Tom Okafor)",
         "Tom Okafor <tom@example.council>", "Dana Reeve <dana@example.council>", "-", "-"],
        ["2", "any", "any", "any", "any", "Tom Okafor <tom@example.council>", "-", "-", "-",
         "-"]]
    assert len(lines) == 4
    as_json = run_cli("routing", "show", "--json", cwd=folder, env=ENV)
    assert json.loads(as_json.stdout) == [
        {"council": "Example Council", "position": 1, "kind": "conflict",
         "category": "payment", "service_type": "home-care", "locality": None,
         "commissioner": "priya@example.council", "commissioner_away_until": "2026-11-30",
         "commissioner_cover": "tom@example.council", "deputy": "tom@example.council",
         "level1": "dana@example.council", "level2": None, "level3": None},
        {"council": "Example Council", "position": 2, "kind": None, "category": None,
         "service_type": None, "locality": None, "commissioner": "tom@example.council",
         "commissioner_away_until": None, "commissioner_cover": None, "deputy": None,
         "level1": None, "level2": None, "level3": None},
        {"council": "Other Council", "position": 1, "kind": None, "category": None,
         "service_type": None, "locality": None, "commissioner": "olga@other.council",
         "commissioner_away_until": None, "commissioner_cover": None, "deputy": None,
         "level1": None, "level2": None, "level3": None},
    ]
    after_return = run_cli("routing", "show", cwd=folder,
                           env={"PLEDGEBOT_FIXED_NOW": "2026-12-01T10:00:00+00:00"})
    assert "away until" not in after_return.stdout.decode()


def test_cli_reimport_replaces(folder: Path) -> None:
    _write(folder, HEADER + "Example Council,,,,,tom@example.council,,,,\n"
                            "Example Council,feedback,,,,priya@example.council,,,,\n")
    assert run_cli("routing", "import", "rules.csv", cwd=folder).returncode == 0
    _write(folder, HEADER + "Example Council,question,,,,priya@example.council,,,,\n")
    assert run_cli("routing", "import", "rules.csv", cwd=folder).returncode == 0
    rules = json.loads(run_cli("routing", "show", "--json", cwd=folder).stdout)
    assert [(r["position"], r["kind"], r["commissioner"]) for r in rules] == [
        (1, "question", "priya@example.council")]


def test_cli_bad_file_imports_nothing(folder: Path) -> None:
    _write(folder, HEADER + "Example Council,,,,,tom@example.council,,,,\n"
                            "Example Council,feedback,,,,sam@riverside.example,,,,\n")
    result = run_cli("routing", "import", "rules.csv", cwd=folder)
    assert (result.returncode, result.stdout.decode(), result.stderr.decode()) == (
        1, "", "rules.csv:3: commissioner 'sam@riverside.example' is a provider, not a "
               "commissioner or admin\n"
               "pledgebot: 1 problem(s) found; nothing was imported\n")
    shown = run_cli("routing", "show", cwd=folder)
    assert shown.stdout.decode() == (
        "No routing rules yet. Add them with: pledgebot routing import FILE.csv\n")


def test_cli_invalid_utf8_and_missing_file(folder: Path) -> None:
    (folder / "rules.csv").write_bytes(HEADER.encode() + b"Example Council,,,,,\xe9,,,,\n")
    bad = run_cli("routing", "import", "rules.csv", cwd=folder)
    assert (bad.returncode, bad.stderr.decode().splitlines()[0]) == (
        1, "rules.csv:2: the file is not UTF-8 text" + NOT_UTF8_HINT)
    missing = run_cli("routing", "import", "nope.csv", cwd=folder)
    assert missing.returncode == 1
    assert missing.stderr.decode().startswith("nope.csv: cannot read the file: No such file")


def test_cli_show_an_unknown_council(folder: Path) -> None:
    result = run_cli("routing", "show", "--council", "Narnia", cwd=folder)
    assert (result.returncode, result.stderr.decode()) == (
        1, "pledgebot: there is no council called 'Narnia'; the councils are: Example Council, "
           "Other Council\n")
    # "council" is in both names: not one council.
    both = run_cli("routing", "show", "--council", "council", cwd=folder)
    assert both.returncode == 1
    assert both.stderr.decode().startswith("pledgebot: there is no council called 'council'")
