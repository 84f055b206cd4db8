"""``pledgebot cases list`` and ``cases show``: every case for administrators, anonymity kept."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.db import make_engine, make_session_factory, transaction
from bot.models import Case, CaseKind, CaseStatus, Invoice, Organisation, Person, Placement
from bot.templates import make_templates
from handlers.cases import service as cases
from scheduler.rules import WorkingCalendar
from tests.cli import EXAMPLE_COUNCIL_PEOPLE, RIVERSIDE_SAM, import_people, run_cli

RULES = """\
council,kind,category,service_type,locality,commissioner,deputy,level1,level2,level3
Example Council,,,,,priya@example.council,tom@example.council,dana@example.council,,
"""
# Monday 30 November 2026, 12:00 in London.
ENV = {"PLEDGEBOT_FIXED_NOW": "2026-11-30T12:00:00+00:00"}


@pytest.fixture
def folder(tmp_path: Path) -> dict[str, str]:
    """A folder whose SQLite database has three cases; returns their references by name.

    conflict: Sam's, about a placement and an invoice, with a comment and an escalation;
    anonymous: feedback nobody is named on; question: from July, resolved.
    """
    import_people(tmp_path, EXAMPLE_COUNCIL_PEOPLE + RIVERSIDE_SAM)
    (tmp_path / "rules.csv").write_text(RULES)
    assert run_cli("routing", "import", "rules.csv", cwd=tmp_path).returncode == 0
    engine = make_engine(f"sqlite:///{tmp_path / 'pledgebot.db'}")
    factory = make_session_factory(engine)
    refs: dict[str, str] = {}
    options = {"settings": Settings(), "policy": cases.SlaPolicy(),
               "calendar": WorkingCalendar(), "templates": make_templates()}
    with transaction(factory) as session:
        person = {p.name.split()[0].lower(): p for p in session.scalars(select(Person))}
        council, provider = (session.scalars(select(Organisation.id).where(
            Organisation.name == name)).one() for name in ("Example Council", "Riverside Care"))
        placement = Placement(reference="P-1042", council_id=council, provider_id=provider,
                              commissioner_id=person["tom"].id,
                              provider_contact_id=person["sam"].id,
                              started_on=date(2026, 9, 1))
        session.add(placement)
        session.flush()
        invoice = Invoice(number="INV-7", issuer_id=provider, payer_id=council,
                          placement_id=placement.id, amount_pence=125_000,
                          received_on=date(2026, 11, 2))
        session.add(invoice)
        session.flush()
        question, _ = cases.open_case(session, cases.NewCase(
            kind=CaseKind.QUESTION, category="contract", council_id=council,
            provider_id=provider, raised_by_id=person["sam"].id,
            description="When is the uplift confirmed?"),
            now=datetime(2026, 7, 1, 9, tzinfo=UTC), **options)
        question.status = CaseStatus.RESOLVED
        question.closed_at = datetime(2026, 7, 3, 15, tzinfo=UTC)
        conflict, _ = cases.open_case(session, cases.NewCase(
            kind=CaseKind.CONFLICT, category="payment", council_id=council,
            provider_id=provider, raised_by_id=person["sam"].id,
            placement_id=placement.id, invoice_id=invoice.id, pledges=(6, 9),
            summary="Invoice INV-7 unpaid", description="Invoice INV-7 is 28 days late.\n"
            "Please pay it.", outcome_wanted="Payment this week"),
            now=datetime(2026, 11, 20, 10, tzinfo=UTC), **options)
        cases.record(session, conflict, "comment", actor_id=person["priya"].id,
                     now=datetime(2026, 11, 23, 9, 30, tzinfo=UTC), text="Chasing finance.")
        cases.record(session, conflict, "escalated", actor_id=None,
                     now=datetime(2026, 11, 27, 17, tzinfo=UTC), text="Level 1: Dana Reeve.",
                     level=1)
        cases.record(session, conflict, "information_requested", actor_id=person["priya"].id,
                     now=datetime(2026, 11, 27, 17, 5, tzinfo=UTC), text="Which invoice?")
        conflict.level = 1
        anonymous, _ = cases.open_case(session, cases.NewCase(
            kind=CaseKind.FEEDBACK, category="other", council_id=council,
            provider_id=provider, description="Meetings always \x1b[31mrun late."),
            now=datetime(2026, 11, 25, 10, tzinfo=UTC), **options)
        refs = {"question": question.reference, "conflict": conflict.reference,
                "anonymous": anonymous.reference}
    engine.dispose()
    refs["cwd"] = str(tmp_path)
    return refs


def _cli(refs: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = run_cli(*args, cwd=Path(refs["cwd"]), env=ENV)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def test_list_shows_every_case_newest_first(folder: dict[str, str]) -> None:
    code, out, _err = _cli(folder, "cases", "list")
    rows = [[cell.strip() for cell in line.split("  ") if cell.strip()]
            for line in out.splitlines()]
    assert code == 0
    assert rows == [
        ["reference", "kind", "category", "status", "level", "owner", "provider", "raised by",
         "opened", "age", "summary"],
        [folder["anonymous"], "feedback", "Other", "open, not yet acknowledged", "0",
         "Priya Shah", "-", "anonymous", "2026-11-25", "5d",
         "Meetings always [31mrun late."],
        [folder["conflict"], "conflict", "Payment", "open, not yet acknowledged", "1",
         "Priya Shah", "Riverside Care", "Sam Patel", "2026-11-20", "10d",
         "Invoice INV-7 unpaid"],
        [folder["question"], "question", "Contract", "resolved", "0", "Priya Shah",
         "Riverside Care", "Sam Patel", "2026-07-01", "152d", "When is the uplift confirmed?"],
    ]
    assert "\x1b" not in out


def test_list_filters_by_status(folder: dict[str, str]) -> None:
    code, out, _err = _cli(folder, "cases", "list", "--status", "resolved")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["reference", folder["question"]]
    _code, nothing, _err = _cli(folder, "cases", "list", "--status", "withdrawn")
    assert nothing == "No cases withdrawn.\n"


def test_list_refuses_an_unknown_status(folder: dict[str, str]) -> None:
    code, out, err = _cli(folder, "cases", "list", "--status", "closed")
    assert (code, out) == (2, "")
    assert "argument --status: invalid choice: 'closed'" in err


def test_list_as_json(folder: dict[str, str]) -> None:
    code, out, _err = _cli(folder, "cases", "list", "--status", "open", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"reference": folder["anonymous"], "kind": "feedback", "category": "other",
         "category_title": "Other", "status": "open",
         "status_text": "open, not yet acknowledged", "level": 0,
         "assignee": "Priya Shah", "provider": None, "raised_by": "anonymous",
         "followed_by": None, "opened_on": "2026-11-25", "age_days": 5,
         "summary": "Meetings always \x1b[31mrun late."},
        {"reference": folder["conflict"], "kind": "conflict", "category": "payment",
         "category_title": "Payment", "status": "open",
         "status_text": "open, not yet acknowledged", "level": 1,
         "assignee": "Priya Shah", "provider": "Riverside Care", "raised_by": "Sam Patel",
         "followed_by": None, "opened_on": "2026-11-20", "age_days": 10,
         "summary": "Invoice INV-7 unpaid"},
    ]


def test_show_prints_every_field_and_the_history(folder: dict[str, str]) -> None:
    code, out, _err = _cli(folder, "cases", "show", folder["conflict"].lower())
    assert code == 0
    lines = out.splitlines()
    fields = dict(line.split(": ", 1) for line in lines[:lines.index("")])
    assert {key: value.strip() for key, value in fields.items()} == {
        "Case": folder["conflict"], "Kind": "conflict", "Category": "Payment",
        "Status": "open, not yet acknowledged", "Level": "1", "Severity": "normal",
        "Council": "Example Council", "Provider": "Riverside Care", "Raised by": "Sam Patel",
        "Owner": "Priya Shah <priya@example.council>", "Placement": "P-1042",
        "Invoice": "INV-7", "Pledges": "6, 9", "Opened": "2026-11-20 10:00 GMT",
        # By INV-7's legal payment limit, its 30th day (commit 119af10).
        "Acknowledge by": "2026-11-24 17:00 GMT", "Resolve by": "2026-12-01 17:00 GMT",
        "Acknowledged": "-", "Closed": "-",
    }
    assert lines[lines.index(""):] == [
        "", "Summary:", "  Invoice INV-7 unpaid",
        "", "Description:", "  Invoice INV-7 is 28 days late.", "  Please pay it.",
        "", "Outcome wanted:", "  Payment this week",
        "", "History:",
        "  2026-11-20 10:00 GMT  Sam Patel  opened  Routed to Priya Shah (routing rule 1).",
        "  2026-11-23 09:30 GMT  Priya Shah  comment  Chasing finance.",
        "  2026-11-27 17:00 GMT  pledgebot  escalated  Level 1: Dana Reeve.",
        "  2026-11-27 17:05 GMT  Priya Shah  information requested  Which invoice?",
    ]


def test_a_case_whose_raiser_left_still_says_who_raised_it(folder: dict[str, str]) -> None:
    # Session 24's note: after ``people leave`` the colleague who now follows Sam's open case
    # was listed as its raiser. History says who raised it; the colleague is named beside.
    cwd = Path(folder["cwd"])
    import_people(cwd, EXAMPLE_COUNCIL_PEOPLE + RIVERSIDE_SAM
                  + "Riverside Care,provider,Kim Lee,kim@riverside.example,provider\n")
    left = run_cli("people", "leave", "sam@riverside.example", "--to", "kim@riverside.example",
                   cwd=cwd, env=ENV)
    assert left.returncode == 0, left.stderr.decode()
    _code, out, _err = _cli(folder, "cases", "list")
    raisers = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "Sam Patel (left; Kim Lee follows)" in raisers[folder["conflict"]]
    # The resolved question was not handed over: Sam raised it and nobody follows it.
    assert "Sam Patel" in raisers[folder["question"]]
    assert "follows" not in raisers[folder["question"]]
    _code, listed, _err = _cli(folder, "cases", "list", "--json")
    by_reference = {row["reference"]: row for row in json.loads(listed)}
    assert (by_reference[folder["conflict"]]["raised_by"],
            by_reference[folder["conflict"]]["followed_by"]) == ("Sam Patel", "Kim Lee")
    assert (by_reference[folder["question"]]["raised_by"],
            by_reference[folder["question"]]["followed_by"]) == ("Sam Patel", None)
    _code, shown, _err = _cli(folder, "cases", "show", folder["conflict"])
    assert "Raised by:      Sam Patel (left; Kim Lee follows)" in shown.splitlines()
    assert "Sam Patel  opened  Routed to Priya Shah" in shown


def test_show_uses_the_configured_time_zone(folder: dict[str, str]) -> None:
    result = run_cli("cases", "show", folder["question"], cwd=Path(folder["cwd"]),
                     env={**ENV, "PLEDGEBOT_TIMEZONE": "Europe/Paris"})
    out = result.stdout.decode()
    assert "Opened:         2026-07-01 11:00 CEST" in out
    assert "Closed:         2026-07-03 17:00 CEST" in out


def test_an_anonymous_case_names_nobody(folder: dict[str, str]) -> None:
    code, out, _err = _cli(folder, "cases", "show", folder["anonymous"])
    assert code == 0
    assert "Raised by:      anonymous" in out
    assert "  2026-11-25 10:00 GMT  anonymous  opened  Routed to Priya Shah" in out
    assert "Sam" not in out
    assert "\x1b" not in out
    _code, listed, _err = _cli(folder, "cases", "list", "--json")
    [row] = [row for row in json.loads(listed) if row["reference"] == folder["anonymous"]]
    assert row["raised_by"] == "anonymous"
    assert "Sam" not in json.dumps(row)


@pytest.mark.parametrize(("reference", "message"), [
    ("PB-2026-999999", "pledgebot: cases show: there is no case PB-2026-999999\n"),
    ("case 7", "pledgebot: cases show: 'case 7' is not a case reference (like "
               "PB-2026-000123)\n"),
])
def test_show_an_unknown_or_malformed_reference(folder: dict[str, str], reference: str,
                                                message: str) -> None:
    assert _cli(folder, "cases", "show", reference) == (1, "", message)


def test_list_with_no_cases(tmp_path: Path) -> None:
    result = run_cli("cases", "list", cwd=tmp_path)
    assert (result.returncode, result.stdout.decode()) == (0, "No cases.\n")
    as_json = run_cli("cases", "list", "--json", cwd=tmp_path)
    assert json.loads(as_json.stdout) == []


@pytest.mark.parametrize("words", [["routing"], ["routing", "import"], ["routing", "show"],
                                   ["cases"], ["cases", "list"], ["cases", "show"]],
                         ids=" ".join)
def test_help_on_the_new_commands(tmp_path: Path, words: list[str]) -> None:
    result = run_cli(*words, "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode().startswith("usage: pledgebot")


def test_cases_sweep_escalates_what_is_due_once(folder: dict[str, str]) -> None:
    # Session 26's trial: with a moved clock nothing escalated, and no command did it.
    code, out, _err = _cli(folder, "cases", "sweep")
    assert code == 0
    assert out.startswith("Swept at 2026-11-30T12:00")
    escalated = int(out.split(": ")[1].split()[0])
    assert escalated >= 1
    shown = [_cli(folder, "cases", "show", folder[name])[1] for name in ("conflict", "anonymous")]
    assert sum(text.count("  pledgebot  escalated  ") for text in shown) == escalated + 1
    # Exactly once: a second sweep at the same moment escalates nothing more.
    assert _cli(folder, "cases", "sweep") == (
        0, "Swept at 2026-11-30T12:00+00:00: 0 case(s) escalated.\n", "")
    code, _out, err = _cli(folder, "cases", "sweep", "--at", "2027-01-01T09:00")
    assert code != 0
    assert "is in the future" in err


def test_the_level_shown_is_the_one_the_history_ends_at(folder: dict[str, str]) -> None:
    # Session 35's review: past a two-level ladder the sweep sets Case.level to 3, and
    # `cases list` and `cases show` said 3 where /case says the level its history ends at.
    engine = make_engine(f"sqlite:///{Path(folder['cwd']) / 'pledgebot.db'}")
    with transaction(make_session_factory(engine)) as session:
        conflict = session.scalars(select(Case).where(
            Case.reference == folder["conflict"])).one()
        cases.record(session, conflict, "escalated", actor_id=None,
                     now=datetime(2026, 11, 28, 17, tzinfo=UTC), text="Level 2: Tom Okafor.",
                     level=2, ended=True)
        conflict.level = 3
    engine.dispose()
    _code, out, _err = _cli(folder, "cases", "list", "--status", "open", "--json")
    assert {row["reference"]: row["level"] for row in json.loads(out)} == {
        folder["conflict"]: 2, folder["anonymous"]: 0}
    _code, out, _err = _cli(folder, "cases", "show", folder["conflict"])
    fields = dict(line.split(":", 1) for line in out.splitlines()[:out.splitlines().index("")])
    assert fields["Level"].strip() == "2"
