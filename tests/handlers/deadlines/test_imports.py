"""Placement, invoice and tender CSV imports: every row checked, all or nothing, with deadlines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.errors import ImportRejected
from bot.models import (
    AuditEvent,
    Bid,
    Contract,
    Deadline,
    Invoice,
    Organisation,
    OrganisationKind,
    Person,
    Placement,
    Reminder,
    Role,
    Tender,
)
from handlers import formats
from handlers.deadlines import imports as deadline_imports
from handlers.deadlines.store import ReminderPolicy, open_deadlines_for
from handlers.digests.content import Reader, gather
from handlers.people import directory
from scheduler.rules import WorkingCalendar
from tests.factories import count_rows, make_organisation, make_person

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
ONLY_NEW = (": a placements import only adds new placements; leave out the rows of those "
            "already imported")
KW = {"calendar": WorkingCalendar(), "policy": ReminderPolicy(), "now": NOW}
SAM = "sam.patel@riverside-care.example"
ALEX = "alex.morgan@hillview.example"
PRIYA = "priya.shah@northshire.example"
TOM = "tom.okafor@northshire.example"
NORTHSHIRE = "Northshire County Council"
RIVERSIDE = "Riverside Care Homes"
HILLVIEW = "Hillview Home Care CIC"

PLACEMENT_HEADER = ("reference,started_on,provider_contact_email,commissioner_email,ended_on,"
                    "contract_reference\n")
INVOICE_HEADER = "number,issuer,payer,amount,received_on,placement_reference,paid_on\n"
TENDER_HEADER = ("reference,title,commissioner_email,published_on,clarification_on,"
                 "submission_on,standstill_end_on,bidder_email,outcome,decided_on\n")
MODELS = (Placement, Invoice, Tender, Bid, Deadline, Reminder, AuditEvent)
IMPORTERS = {"placements": deadline_imports.import_placements,
             "invoices": deadline_imports.import_invoices,
             "tenders": deadline_imports.import_tenders,
             "contracts": deadline_imports.import_contracts}

# What an import says of a file that is not UTF-8 (the session's admin review).
NOT_UTF8_HINT = (' (in Excel, save it as "CSV UTF-8 (Comma delimited)"; a workbook (.xlsx) '
                 'is not a CSV file)')


@dataclass(frozen=True)
class Ids:
    """Ids of the demo people and organisations, and of the extra test records."""

    people: dict[str, int]
    organisations: dict[str, int]


def _counts(factory: sessionmaker[Session]) -> dict[str, int]:
    return {model.__name__: count_rows(factory, model) for model in MODELS}


def _ids(factory: sessionmaker[Session]) -> Ids:
    with factory() as session:
        return Ids(
            people={p.email: p.id for p in session.scalars(select(Person))},
            organisations={o.name: o.id for o in session.scalars(select(Organisation))},
        )


@pytest.fixture
def ids(factory: sessionmaker[Session]) -> Ids:
    """The demo directory, an inactive commissioner, a commissioner of a provider (a data slip),
    a second council, a subcontractor, and a contract between Northshire and Hillview."""
    directory.load_demo(factory)
    base = _ids(factory)
    northshire = base.organisations[NORTHSHIRE]
    gone = make_person(factory, email="gone@northshire.example", role=Role.COMMISSIONER,
                       organisation_id=northshire)
    make_person(factory, email="odd@riverside-care.example", role=Role.COMMISSIONER,
                organisation_id=base.organisations[RIVERSIDE])
    southshire = make_organisation(factory, "Southshire Council", OrganisationKind.COUNCIL)
    make_person(factory, email="jo@southshire.example", role=Role.COMMISSIONER,
                organisation_id=southshire)
    little = make_organisation(factory, "Little Helpers Ltd", OrganisationKind.PROVIDER)
    make_person(factory, email="kim@little.example", role=Role.PROVIDER, organisation_id=little)
    with transaction(factory) as session:
        person = session.get(Person, gone)
        assert person is not None
        person.active = False
        session.add(Contract(reference="HV-1", council_id=northshire,
                             provider_id=base.organisations[HILLVIEW],
                             commissioner_id=base.people[TOM], title="Home care"))
        session.add(Contract(reference="SS-1", council_id=southshire,
                             provider_id=base.organisations[RIVERSIDE],
                             commissioner_id=base.people[PRIYA], title="Elsewhere"))
    return _ids(factory)


def _deadlines(factory: sessionmaker[Session]) -> list[Deadline]:
    with factory() as session:
        return list(session.scalars(select(Deadline).order_by(Deadline.id)))


def _reminder_days(factory: sessionmaker[Session], deadline_id: int) -> dict[int, list[str]]:
    with factory() as session:
        found: dict[int, list[str]] = {}
        for reminder in session.scalars(select(Reminder).where(
                Reminder.deadline_id == deadline_id).order_by(Reminder.send_at)):
            found.setdefault(reminder.person_id, []).append(reminder.stage)
        return found


def _rejected(call: Callable[..., object], *args: object, **kwargs: object) -> list[str]:
    with pytest.raises(ImportRejected) as raised:
        call(*args, **kwargs)
    return raised.value.problems


def _import(factory: sessionmaker[Session], kind: str, data: str, *, source: str) -> int:
    return IMPORTERS[kind](factory, data.encode(), source=source, **KW)


def _imported(factory: sessionmaker[Session], kind: str, data: bytes, *,
              source: str) -> tuple[int, dict[str, int]]:
    """A ``kind`` import of ``data``: the rows it imported, and the rows of each model it added."""
    before = _counts(factory)
    count = IMPORTERS[kind](factory, data, source=source, **KW)
    after = _counts(factory)
    return count, {name: after[name] - before[name] for name in after}


def _rejected_whole(factory: sessionmaker[Session], kind: str, data: str | bytes, *,
                    source: str = "f.csv") -> list[str]:
    """The problems a ``kind`` import of ``data`` is rejected with; it writes nothing."""
    before = _counts(factory)
    raw = data.encode() if isinstance(data, str) else data
    problems = _rejected(IMPORTERS[kind], factory, raw, source=source, **KW)
    assert _counts(factory) == before
    return problems


# --- placements ----------------------------------------------------------------------------

GOOD_PLACEMENTS = (
    PLACEMENT_HEADER
    + f"nc-2026/041,2026-11-30,{SAM},{PRIYA},,\n"
    + ",,,,,\n"
    + f"NC-2026/042,2026-08-31,{ALEX.upper()},{TOM},2027-03-31,hv-1\n"
)


def test_a_good_placements_file_creates_placements_and_initial_reviews(
    factory: sessionmaker[Session], ids: Ids,
) -> None:
    assert _imported(factory, "placements", GOOD_PLACEMENTS.encode(),
                     source="placements.csv") == (2, {
        "Placement": 2, "Invoice": 0, "Tender": 0, "Bid": 0, "Deadline": 2, "Reminder": 16,
        "AuditEvent": 3})
    with factory() as session:
        placements = [(p.reference, p.council_id, p.provider_id, p.commissioner_id,
                       p.provider_contact_id, p.started_on, p.ended_on, p.contract_id is not None)
                      for p in session.scalars(select(Placement).order_by(Placement.id))]
        events = [(e.action, e.subject, e.detail) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.action == "placements.import"))]
    org, person = ids.organisations, ids.people
    assert placements == [
        ("NC-2026/041", org[NORTHSHIRE], org[RIVERSIDE], person[PRIYA], person[SAM],
         date(2026, 11, 30), None, False),
        ("NC-2026/042", org[NORTHSHIRE], org[HILLVIEW], person[TOM], person[ALEX],
         date(2026, 8, 31), date(2027, 3, 31), True),
    ]
    first, second = _deadlines(factory)
    assert (first.rule, first.reference, first.start_on, first.due_on, first.council_id,
            first.provider_id, first.provider_contact_id, first.commissioner_id) == (
        "initial-review", "NC-2026/041 initial review", date(2026, 11, 30), date(2027, 2, 26),
        org[NORTHSHIRE], org[RIVERSIDE], person[SAM], person[PRIYA])
    # 28 Feb 2027 is a Sunday: the review is due the Friday before.
    assert (second.reference, second.due_on) == ("NC-2026/042 initial review",
                                                 date(2026, 11, 30))
    # Each with its first chase, 2 working days after the due date, should it still be open.
    on_time = ["on:2027-02-12", "on:2027-02-19", "on:2027-02-25", "on:2027-02-26",
               "chase:2027-03-02"]
    assert _reminder_days(factory, first.id) == {person[SAM]: on_time, person[PRIYA]: on_time}
    # Reminder days already past (16 and 23 November) are not written.
    late = ["on:2026-11-27", "on:2026-11-30", "chase:2026-12-02"]
    assert _reminder_days(factory, second.id) == {person[ALEX]: late, person[TOM]: late}
    assert events == [("placements.import", "placements.csv", {"count": 2})]


def test_a_placement_imported_already_ended_gets_no_review_to_chase(
    factory: sessionmaker[Session], ids: Ids,
) -> None:
    # Session 22's review: a placement from 1 Jun to 15 Jul 2026 was chased as "OVERDUE by 95
    # days" for its initial review.
    ended = (PLACEMENT_HEADER + f"NC-2026/050,2026-06-01,{SAM},{PRIYA},2026-07-15,\n"
             + f"NC-2026/051,2026-11-02,{SAM},{PRIYA},2027-01-15,\n")
    _imported(factory, "placements", ended.encode(), source="ended.csv")
    assert [d.reference for d in _deadlines(factory)] == []


def test_a_placement_saved_meanwhile_rejects_the_whole_file_at_its_line(
    factory: sessionmaker[Session], ids: Ids, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A row another import saved after the check (the check cannot see it) is refused by the
    database when written, named by its line, and nothing of the file is kept."""
    assert _import(factory, "placements", GOOD_PLACEMENTS, source="first.csv") == 2
    monkeypatch.setattr(deadline_imports.Directory, "placement_exists",
                        lambda _self, _council_id, _reference: False)
    assert _rejected_whole(factory, "placements", GOOD_PLACEMENTS, source="again.csv") == [
        f"again.csv:2: placement NC-2026/041 already exists at {NORTHSHIRE}"]


# A file with every placement problem, and what is said of it (the test is with the
# other kinds': test_every_problem_is_listed_and_nothing_is_written).
BAD_PLACEMENTS = (
    PLACEMENT_HEADER
    + f"PL-1,2026-11-30,{SAM},{PRIYA},,\n"
    + f"Mrs Jones,2026-11-30,{SAM},{PRIYA},,\n"
    + f"PL-3,2026-02-30,{SAM},{PRIYA},,\n"
    + f"PL-4,31/11/2026,{SAM},{PRIYA},,\n"
    + f"PL-5,2028-01-01,{SAM},{PRIYA},,\n"
    + f"PL-6,2026-11-30,{PRIYA},{SAM},,\n"
    + "PL-7,2026-11-30,nobody@nowhere.example,gone@northshire.example,,\n"
    + f"pl-1,2026-11-30,{SAM},{PRIYA},,\n"
    + f"PL-10,2026-11-30,{SAM},{PRIYA},2026-11-01,\n"
    + f"PL-11,2026-11-30,{SAM},{PRIYA},,NOPE\n"
    + f"PL-12,2026-11-30,{SAM},{PRIYA},,HV-1\n"
    + ",,,,,\n"
    + f"PL-14,,{SAM},not-an-email,,\n"
    + f"PL-15,2026-11-30,{SAM},odd@riverside-care.example,,\n"
    + f"old-1,2026-11-30,{SAM},{PRIYA},,\n"
    + f"PL-17,2026-11-30,{SAM},{PRIYA},,SS-1\n"
    + f"PL-18,0001-01-01,{SAM},{PRIYA},,\n"
    + f"MrsJones,2026-11-30,{SAM},{PRIYA},,\n"  # session 20: a name, not a reference
)

PLACEMENT_PROBLEMS = [
    "p.csv:3: reference 'Mrs Jones' is not a reference code: letters, digits and - / _ . "
    "only, up to 32 characters",
    "p.csv:4: started_on '2026-02-30' is not a real date",
    "p.csv:5: started_on '31/11/2026' is not a real date",
    "p.csv:6: started_on 2028-01-01 is more than a year away",
    f"p.csv:7: provider_contact_email '{PRIYA}' is a commissioner, not a provider",
    f"p.csv:7: commissioner_email '{SAM}' is a provider, not a commissioner",
    "p.csv:8: provider_contact_email 'nobody@nowhere.example' is nobody we know; import "
    "them with pledgebot people import first",
    "p.csv:8: commissioner_email 'gone@northshire.example' is no longer active",
    f"p.csv:9: reference PL-1 at {NORTHSHIRE} is already on line 2",
    "p.csv:10: ended_on 2026-11-01 is before started_on 2026-11-30",
    f"p.csv:11: contract 'NOPE' does not exist at {NORTHSHIRE}",
    "p.csv:12: contract 'HV-1' is with another provider, not Riverside Care Homes",
    "p.csv:14: started_on is empty",
    "p.csv:14: commissioner_email 'not-an-email' is not an e-mail address",
    "p.csv:15: commissioner_email 'odd@riverside-care.example' does not work for a council",
    f"p.csv:16: placement OLD-1 already exists at {NORTHSHIRE}" + ONLY_NEW,
    # Southshire's SS-1 is none of Northshire's, and never said to be Southshire's.
    f"p.csv:17: contract 'SS-1' does not exist at {NORTHSHIRE}",
    "p.csv:18: started_on 0001-01-01 is too far from today (more than 5 years before or 2 "
    "years after)",
    "p.csv:19: reference 'MrsJones' looks like a person's name: use the placement's reference "
    "code, never a name",
]


def test_a_clash_found_while_writing_rolls_back_the_whole_file(
    factory: sessionmaker[Session], ids: Ids, monkeypatch: pytest.MonkeyPatch,
) -> None:
    _import(factory, "placements", PLACEMENT_HEADER + f"PL-1A,2026-11-30,{SAM},{PRIYA},,\n",
            source="first.csv")
    # As if another import saved PL-1A between the checks and the writing.
    monkeypatch.setattr(deadline_imports.Directory, "placement_exists",
                        lambda _self, _council_id, _reference: False)
    clash = (PLACEMENT_HEADER + f"PL-1B,2026-11-30,{SAM},{PRIYA},,\n"
             + f"pl-1a,2026-12-01,{ALEX},{TOM},,\n")
    # PL-1B, its deadline and reminders are rolled back.
    assert _rejected_whole(factory, "placements", clash, source="clash.csv") == [
        f"clash.csv:3: placement PL-1A already exists at {NORTHSHIRE}"]
    with factory() as session:
        assert session.scalars(select(Placement.reference)).all() == ["PL-1A"]


def test_a_placements_file_again_with_a_new_row_says_only_new_rows_are_taken(
        factory: sessionmaker[Session], ids: Ids) -> None:
    # The trial added a row to its file and imported it all again.
    assert _import(factory, "placements", GOOD_PLACEMENTS, source="p.csv") == 2
    more = GOOD_PLACEMENTS + f"NC-2026/043,2026-11-30,{SAM},{PRIYA},,\n"
    with pytest.raises(ImportRejected) as again:
        _import(factory, "placements", more, source="p.csv")
    assert again.value.problems == [
        f"p.csv:2: placement NC-2026/041 already exists at {NORTHSHIRE}" + ONLY_NEW,
        f"p.csv:4: placement NC-2026/042 already exists at {NORTHSHIRE}" + ONLY_NEW]
    only_new = PLACEMENT_HEADER + f"NC-2026/043,2026-11-30,{SAM},{PRIYA},,\n"
    assert _import(factory, "placements", only_new, source="new.csv") == 1


SOUTHSHIRE = "Southshire Council"
JO = "jo@southshire.example"
KIM = "kim@little.example"


def _placement_rows(factory: sessionmaker[Session]) -> list[tuple[str, str, str]]:
    """Each placement's reference, council and provider, by name."""
    with factory() as session:
        names = {o.id: o.name for o in session.scalars(select(Organisation))}
        return [(p.reference, names[p.council_id], names[p.provider_id])
                for p in session.scalars(select(Placement).order_by(Placement.id))]


def test_a_reference_another_council_has_is_imported_as_this_councils_own(
        factory: sessionmaker[Session], ids: Ids) -> None:
    # A reference is a council's: Southshire's RC-104 was refused as "already exists" because
    # Northshire had one (and the problem told Southshire so).
    _import(factory, "placements", PLACEMENT_HEADER + f"RC-104,2026-11-02,{SAM},{PRIYA},,\n",
            source="north.csv")
    assert _import(factory, "placements",
                   PLACEMENT_HEADER + f"rc-104,2026-11-09,{KIM},{JO},,\n",
                   source="south.csv") == 1
    assert _placement_rows(factory) == [("RC-104", NORTHSHIRE, RIVERSIDE),
                                        ("RC-104", SOUTHSHIRE, "Little Helpers Ltd")]
    with factory() as session:
        reviews = sorted((d.reference, d.council_id) for d in session.scalars(select(Deadline)))
    assert reviews == sorted([("RC-104 initial review", ids.organisations[NORTHSHIRE]),
                              ("RC-104 initial review", ids.organisations[SOUTHSHIRE])])


def test_a_reference_the_same_council_has_is_still_refused(
        factory: sessionmaker[Session], ids: Ids) -> None:
    _import(factory, "placements", PLACEMENT_HEADER + f"RC-104,2026-11-02,{SAM},{PRIYA},,\n",
            source="north.csv")
    before = _counts(factory)
    # Another commissioner and provider of the same council: the same council's RC-104.
    again = PLACEMENT_HEADER + f"Rc-104,2026-11-09,{ALEX},{TOM},,\n"
    assert _rejected(_import, factory, "placements", again, source="again.csv") == [
        f"again.csv:2: placement RC-104 already exists at {NORTHSHIRE}" + ONLY_NEW]
    assert _counts(factory) == before


def test_one_file_may_hold_two_councils_rc_104_but_not_one_councils_twice(
        factory: sessionmaker[Session], ids: Ids) -> None:
    both = (PLACEMENT_HEADER + f"RC-104,2026-11-02,{SAM},{PRIYA},,\n"
            + f"RC-104,2026-11-09,{SAM},{JO},,\n")
    assert _import(factory, "placements", both, source="both.csv") == 2
    before = _counts(factory)
    twice = (PLACEMENT_HEADER + f"RC-105,2026-11-02,{SAM},{PRIYA},,\n"
             + f"RC-105,2026-11-09,{KIM},{JO},,\n"
             + f"rc-105,2026-11-09,{ALEX},{TOM},,\n")
    assert _rejected(_import, factory, "placements", twice, source="twice.csv") == [
        # The council named: RC-105 at Southshire on line 3 is another placement.
        f"twice.csv:4: reference RC-105 at {NORTHSHIRE} is already on line 2"]
    assert _counts(factory) == before


def test_an_invoice_names_its_issuers_placement_at_its_council(
        factory: sessionmaker[Session], ids: Ids) -> None:
    # Northshire's RC-104 is Riverside's, Southshire's is Little Helpers': each invoice is
    # linked to its own issuer's (the first RC-104 of all was taken, and Little Helpers' was
    # refused as "not one of Little Helpers Ltd's placements").
    _import(factory, "placements", PLACEMENT_HEADER + f"RC-104,2026-11-02,{SAM},{PRIYA},,\n"
            + f"RC-104,2026-11-09,{KIM},{JO},,\n", source="p.csv")
    invoices = (INVOICE_HEADER + f"L-1,Little Helpers Ltd,{SOUTHSHIRE},10,2026-11-20,rc-104,\n"
                + f"R-1,{RIVERSIDE},{NORTHSHIRE},20,2026-11-20,RC-104,\n")
    assert _import(factory, "invoices", invoices, source="i.csv") == 2
    with factory() as session:
        linked = {i.number: session.get_one(Placement, i.placement_id).council_id
                  for i in session.scalars(select(Invoice))}
    assert linked == {"L-1": ids.organisations[SOUTHSHIRE],
                      "R-1": ids.organisations[NORTHSHIRE]}
    before = _counts(factory)
    wrong = (INVOICE_HEADER + f"H-1,{HILLVIEW},{NORTHSHIRE},10,2026-11-20,RC-104,\n"
             + f"R-2,{RIVERSIDE},{SOUTHSHIRE},10,2026-11-20,RC-104,\n")
    assert _rejected(_import, factory, "invoices", wrong, source="w.csv") == [
        f"w.csv:2: placement RC-104 is not one of {HILLVIEW}'s placements",
        f"w.csv:3: payer '{SOUTHSHIRE}' does not commission {RIVERSIDE}'s placement RC-104: "
        "an invoice for a placement is paid by the council that commissions it"]
    assert _counts(factory) == before


def test_a_subcontract_invoice_says_which_council_when_its_issuer_has_two_rc_104s(
        factory: sessionmaker[Session], ids: Ids) -> None:
    _import(factory, "placements", PLACEMENT_HEADER + f"RC-104,2026-11-02,{KIM},{PRIYA},,\n"
            + f"RC-104,2026-11-09,{KIM},{JO},,\n", source="p.csv")
    before = _counts(factory)
    unsure = INVOICE_HEADER + f"S-1,Little Helpers Ltd,{RIVERSIDE},10,2026-11-20,RC-104,\n"
    assert _rejected(_import, factory, "invoices", unsure, source="s.csv") == [
        f"s.csv:2: placement RC-104 is Little Helpers Ltd's at {NORTHSHIRE} and at "
        f"{SOUTHSHIRE}: write the council after the reference (RC-104 Northshire)"]
    assert _counts(factory) == before
    named = (INVOICE_HEADER
             + f"S-1,Little Helpers Ltd,{RIVERSIDE},10,2026-11-20,RC-104 Southshire,\n")
    assert _import(factory, "invoices", named, source="s.csv") == 1
    with factory() as session:
        invoice = session.scalars(select(Invoice)).one()
        placement = session.get_one(Placement, invoice.placement_id)
    assert placement.council_id == ids.organisations[SOUTHSHIRE]


# --- invoices ------------------------------------------------------------------------------

GOOD_INVOICES = (
    INVOICE_HEADER
    + f'INV-001,{RIVERSIDE},{NORTHSHIRE},"£1,234.56",2026-11-16,nc-1,\n'
    + f"INV-002,riverside care homes,{NORTHSHIRE},99,2026-11-22,,\n"
    + "\n"
    + f"INV-003,{HILLVIEW},{NORTHSHIRE},10.5,2026-10-01,,2026-10-09\n"
    + f"SUB-7,Little Helpers Ltd,{RIVERSIDE},250.00,2026-11-20,,\n"
).replace("\n", "\r\n")


def _with_placement(factory: sessionmaker[Session]) -> None:
    _import(factory, "placements", PLACEMENT_HEADER + f"NC-1,2026-06-01,{SAM},{PRIYA},,\n",
            source="placements.csv")


def test_a_good_invoices_file_creates_invoices_and_payment_deadlines(
    factory: sessionmaker[Session], ids: Ids,
) -> None:
    _with_placement(factory)
    data = b"\xef\xbb\xbf" + GOOD_INVOICES.encode()  # a byte-order mark, as Excel writes
    count, added = _imported(factory, "invoices", data, source="invoices.csv")
    assert (count, added["Invoice"], added["Deadline"]) == (4, 4, 3)
    org, person = ids.organisations, ids.people
    with factory() as session:
        placement_id = session.scalars(select(Placement.id)).one()
        invoices = {i.number: (i.issuer_id, i.payer_id, i.amount_pence, i.received_on,
                               i.paid_on, i.placement_id)
                    for i in session.scalars(select(Invoice))}
        invoice_ids = {i.number: i.id for i in session.scalars(select(Invoice))}
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "invoices.import")).one()
    assert invoices == {
        "INV-001": (org[RIVERSIDE], org[NORTHSHIRE], 123456, date(2026, 11, 16), None,
                    placement_id),
        "INV-002": (org[RIVERSIDE], org[NORTHSHIRE], 9900, date(2026, 11, 22), None, None),
        "INV-003": (org[HILLVIEW], org[NORTHSHIRE], 1050, date(2026, 10, 1),
                    date(2026, 10, 9), None),
        "SUB-7": (org["Little Helpers Ltd"], org[RIVERSIDE], 25000, date(2026, 11, 20), None,
                  None),
    }
    payments = [(d.reference, d.start_on, d.due_on, d.council_id, d.provider_id,
                 d.provider_contact_id, d.commissioner_id, d.invoice_id)
                for d in _deadlines(factory) if d.rule == "payment"]
    # Due at the legal limit: the 30th calendar day counting the day of receipt, kept on a
    # weekend (Sat 19 Dec).
    assert payments == [
        ("invoice INV-001", date(2026, 11, 16), date(2026, 12, 15), org[NORTHSHIRE],
         org[RIVERSIDE], person[SAM], person[PRIYA], invoice_ids["INV-001"]),
        # No placement: the council payer's first active commissioner.
        ("invoice INV-002", date(2026, 11, 22), date(2026, 12, 21), org[NORTHSHIRE],
         org[RIVERSIDE], person[SAM], person[PRIYA], invoice_ids["INV-002"]),
        # A subcontract: no council, so the paying provider owns the clock.
        ("invoice SUB-7", date(2026, 11, 20), date(2026, 12, 19), org[RIVERSIDE],
         org["Little Helpers Ltd"], person["kim@little.example"], person[SAM],
         invoice_ids["SUB-7"]),
    ]
    # The prime sees the subcontract invoice it must pay in its list, as the subcontractor
    # does (session 22's review: only the subcontractor did).
    with factory() as session:
        for email in (SAM, "kim@little.example"):
            reader = session.scalars(select(Person).where(Person.email == email)).one()
            listed = open_deadlines_for(session, reader, today=date(2026, 11, 25))
            assert "invoice SUB-7" in [deadline.reference for deadline in listed], email
        sam = session.scalars(select(Person).where(Person.email == SAM)).one()
        digest = gather(session, [Reader(sam, "2026-W51", date(2026, 12, 14))],
                        now=datetime(2026, 12, 14, 9, tzinfo=UTC), calendar=WorkingCalendar(),
                        timezone="Europe/London")
    assert "invoice SUB-7" in [line.reference for line in digest[sam.id].due]
    assert (event.subject, event.detail) == ("invoices.csv", {"count": 4})


def test_the_award_of_a_tender_imported_pending_is_imported_later(
    factory: sessionmaker[Session], ids: Ids,
) -> None:
    # Session 22's review: a tender imported while pending could never start its pledge-28
    # feedback clock ("tender T-1 already exists").
    pending = (TENDER_HEADER
               + f"T-1,Home care,{PRIYA},2026-09-01,2026-09-18,2026-10-02,2026-12-07,{SAM},,\n"
               + f"T-1,Home care,{PRIYA},2026-09-01,2026-09-18,2026-10-02,2026-12-07,{ALEX},,\n")
    _import(factory, "tenders", pending, source="t.csv")
    decided = (pending.replace(f"{SAM},,", f"{SAM},lost,2026-11-24")
               .replace(f"{ALEX},,", f"{ALEX},won,2026-11-24"))
    _import(factory, "tenders", decided, source="award.csv")
    with factory() as session:
        bids = sorted((b.outcome, b.decided_on) for b in session.scalars(select(Bid)))
        feedback = [(d.reference, d.due_on) for d in session.scalars(
            select(Deadline).where(Deadline.rule == "bid-feedback"))]
    assert bids == [("lost", date(2026, 11, 24)), ("won", date(2026, 11, 24))]
    assert feedback == [("T-1 feedback to Riverside Care Homes", date(2026, 12, 1))]
    # Importing it again decides nothing: refused; a file changing the tender is refused.
    with pytest.raises(ImportRejected) as again:
        _import(factory, "tenders", decided, source="award.csv")
    assert "award.csv:2: tender T-1 already exists" in again.value.problems
    with pytest.raises(ImportRejected) as changed:
        _import(factory, "tenders", pending.replace("Home care", "Day care"), source="c.csv")
    assert ("c.csv:2: tender T-1 already exists with another title: a file for it may only "
            "decide its pending bids") in changed.value.problems


# A file with every invoice problem, and what is said of it (the test is with the
# other kinds': test_every_problem_is_listed_and_nothing_is_written).
BAD_INVOICES = (
    INVOICE_HEADER
    + f"INV-1,{RIVERSIDE},{NORTHSHIRE},12.345,2026-11-20,,\n"
    + f"INV-2,{NORTHSHIRE},{RIVERSIDE},10,2026-11-20,,\n"
    + f"INV-3,{RIVERSIDE},Nowhere Council,-5,2026-11-26,,\n"
    + f"INV-4,{RIVERSIDE},{RIVERSIDE},abc,2026-11-20,,2026-11-19\n"
    + f"INV 5,{RIVERSIDE},{NORTHSHIRE},10,2026-11-20,NC-404,\n"
    + f"INV-6,{HILLVIEW},{NORTHSHIRE},10,2026-11-20,NC-1,\n"
    + f"INV-7,{RIVERSIDE},{NORTHSHIRE},0.00,2026-11-20,,\n"
    + f"INV-8,{RIVERSIDE},{NORTHSHIRE},10,2026-11-20,,2026-11-26\n"
    + f"INV-9,{RIVERSIDE},{NORTHSHIRE},10,,,\n"
    + f"inv-1,{RIVERSIDE.upper()},{NORTHSHIRE},10,2026-11-20,,\n"
    + f"INV-10,{RIVERSIDE},Southshire Council,10,2026-11-20,NC-1,\n"
    + f"OLD-1,{RIVERSIDE},{NORTHSHIRE},5,2026-11-02,,\n"
    + f"INV-11,{RIVERSIDE},{NORTHSHIRE},200000000.00,2026-11-20,,\n"
    + f"INV-12,{RIVERSIDE},{NORTHSHIRE},1e3,2026-11-20,,\n"
)

INVOICE_PROBLEMS = [
    "i.csv:2: amount '12.345' has more than 2 decimal places",
    "i.csv:3: issuer 'Northshire County Council' is a council, not a provider",
    "i.csv:4: payer 'Nowhere Council' is not an organisation we know",
    "i.csv:4: amount '-5' must be more than nothing",
    "i.csv:4: received_on 2026-11-26 is in the future",
    "i.csv:5: payer 'Riverside Care Homes' is the issuer itself",
    "i.csv:5: amount 'abc' is not a sum in pounds, like 1234.56 or £1,234.56",
    "i.csv:5: paid_on 2026-11-19 is before received_on 2026-11-20",
    "i.csv:6: number 'INV 5' is not an invoice number: letters, digits and - / _ . only, "
    "up to 56 characters",
    "i.csv:6: placement NC-404 does not exist",
    "i.csv:7: placement NC-1 is not one of Hillview Home Care CIC's placements",
    "i.csv:8: amount '0.00' must be more than nothing",
    "i.csv:9: paid_on 2026-11-26 is in the future",
    "i.csv:10: received_on is empty",
    # in any case (the session's admin review: "inv-1" and "INV-1" were both imported)
    "i.csv:11: invoice inv-1 from Riverside Care Homes is already on line 2",
    "i.csv:12: payer 'Southshire Council' does not commission Riverside Care Homes's "
    "placement NC-1: an invoice for a placement is paid by the council that commissions it",
    "i.csv:13: invoice OLD-1 from Riverside Care Homes is already recorded",
    "i.csv:14: amount '200000000.00' looks too large; please check it",
    "i.csv:15: amount '1e3' is not a sum in pounds, like 1234.56 or £1,234.56",
]


# --- tenders -------------------------------------------------------------------------------

GOOD_TENDERS = (
    TENDER_HEADER
    + f"ncc/t/01,Home care lots 1-3,{PRIYA},2026-09-01,2026-09-18,2026-10-02,2026-12-07,,,\n"
    + f"NCC/T/01,,,,,,,{SAM},lost,2026-11-24\n"
    + f"NCC/T/01,Home care lots 1-3,{PRIYA.upper()},2026-09-01,,,,{ALEX},WON,2026-11-24\n"
    + f"NCC/T/02,Day services,{TOM},2026-11-20,,2027-01-15,,,,\n"
    + f"NCC/T/02,,,,,,,{SAM},,\n"
)


def test_a_good_tenders_file_creates_tenders_bids_and_deadlines(
    factory: sessionmaker[Session], ids: Ids,
) -> None:
    count, added = _imported(factory, "tenders", GOOD_TENDERS.encode(), source="tenders.csv")
    assert (count, added["Tender"], added["Bid"], added["Deadline"]) == (5, 2, 3, 8)
    org, person = ids.organisations, ids.people
    with factory() as session:
        tenders = {t.reference: (t.id, t.council_id, t.commissioner_id, t.title, t.published_on,
                                 t.clarification_on, t.submission_on, t.standstill_end_on)
                   for t in session.scalars(select(Tender))}
        first, second = tenders["NCC/T/01"][0], tenders["NCC/T/02"][0]
        bids = {(b.tender_id, b.provider_id): (b.provider_contact_id, b.outcome, b.decided_on,
                                               b.id)
                for b in session.scalars(select(Bid))}
    assert tenders == {
        "NCC/T/01": (first, org[NORTHSHIRE], person[PRIYA], "Home care lots 1-3",
                     date(2026, 9, 1), date(2026, 9, 18), date(2026, 10, 2), date(2026, 12, 7)),
        "NCC/T/02": (second, org[NORTHSHIRE], person[TOM], "Day services", date(2026, 11, 20),
                     None, date(2027, 1, 15), None),
    }
    lost = bids[(first, org[RIVERSIDE])][3]
    won = bids[(first, org[HILLVIEW])][3]
    pending = bids[(second, org[RIVERSIDE])][3]
    assert {key: value[:3] for key, value in bids.items()} == {
        (first, org[RIVERSIDE]): (person[SAM], "lost", date(2026, 11, 24)),
        (first, org[HILLVIEW]): (person[ALEX], "won", date(2026, 11, 24)),
        (second, org[RIVERSIDE]): (person[SAM], "pending", None),
    }
    assert [(d.rule, d.reference, d.start_on, d.due_on, d.council_id, d.provider_id,
             d.provider_contact_id, d.commissioner_id, d.tender_id, d.bid_id)
            for d in _deadlines(factory)] == [
        ("clarification", "NCC/T/01 clarification deadline", date(2026, 9, 1),
         date(2026, 9, 18), org[NORTHSHIRE], None, None, person[PRIYA], first, None),
        ("submission", "NCC/T/01 submission deadline", date(2026, 9, 1), date(2026, 10, 2),
         org[NORTHSHIRE], None, None, person[PRIYA], first, None),
        ("standstill", "NCC/T/01 standstill ends", date(2026, 9, 1), date(2026, 12, 7),
         org[NORTHSHIRE], None, None, person[PRIYA], first, None),
        # Each bidder's own copy of the dates still to come that concern it, without the
        # commissioner: the standstill end for both outcomes (T/01's other dates have passed).
        ("standstill", "NCC/T/01 standstill ends", date(2026, 9, 1), date(2026, 12, 7),
         org[NORTHSHIRE], org[RIVERSIDE], person[SAM], None, first, lost),
        # Five working days after Tuesday 24 November.
        ("bid-feedback", "NCC/T/01 feedback to Riverside Care Homes", date(2026, 11, 24),
         date(2026, 12, 1), org[NORTHSHIRE], org[RIVERSIDE], person[SAM], person[PRIYA],
         first, lost),
        ("standstill", "NCC/T/01 standstill ends", date(2026, 9, 1), date(2026, 12, 7),
         org[NORTHSHIRE], org[HILLVIEW], person[ALEX], None, first, won),
        ("submission", "NCC/T/02 submission deadline", date(2026, 11, 20), date(2027, 1, 15),
         org[NORTHSHIRE], None, None, person[TOM], second, None),
        # A pending bid: the bidder is reminded of the submission deadline too.
        ("submission", "NCC/T/02 submission deadline", date(2026, 11, 20), date(2027, 1, 15),
         org[NORTHSHIRE], org[RIVERSIDE], person[SAM], None, second, pending),
    ]


# A file with every tender problem, and what is said of it (the test is with the
# other kinds': test_every_problem_is_listed_and_nothing_is_written).
BAD_TENDERS = (
    TENDER_HEADER
    + f"T-1,Lot 1,{PRIYA},2026-09-01,2026-09-18,2026-09-10,,,,\n"
    + f"T-1,Lot one,,2026-09-02,,,,{SAM},lost,\n"
    + f"T-2,,{PRIYA},2026-09-01,,,,,,\n"
    + f"T-3,Lot 3,{SAM},2026-13-01,,,,,won,\n"
    + f"T-1,,,,,,,{ALEX},maybe,2026-11-24\n"
    + f"T-1,,,,,,,{SAM},pending,2026-11-20\n"
    + f"T-4,Lot 4,{PRIYA},2026-11-01,,,,{PRIYA},won,2026-11-26\n"
    + f"T-5,Lot 5,{PRIYA},2026-11-01,,,,{ALEX},lost,2026-10-01\n"
    + f"t-old,Old,{PRIYA},2026-01-05,,,,,,\n"
    + "T-2,,,,,,,,,\n"  # a bare repeat of a tender is fine
    + ",Lot 12,,,,,,,,\n"
    + f"T 13,Lot 13,{PRIYA},2026-11-01,,,,,,\n"
    + f"T-1,,{TOM},,,,,,,\n"
)

TENDER_PROBLEMS = [
    "t.csv:2: submission_on 2026-09-10 is before clarification_on 2026-09-18",
    "t.csv:3: title 'Lot one' contradicts line 2 ('Lot 1')",
    "t.csv:3: published_on '2026-09-02' contradicts line 2 ('2026-09-01')",
    "t.csv:3: decided_on is empty; a lost bid needs it",
    "t.csv:4: title is empty on every row of tender T-2; one of them needs it",
    f"t.csv:5: commissioner_email '{SAM}' is a provider, not a commissioner",
    "t.csv:5: published_on '2026-13-01' is not a real date",
    "t.csv:5: outcome is given but bidder_email is empty",
    "t.csv:6: outcome must be pending, won or lost, not 'maybe'",
    "t.csv:7: decided_on is given but the outcome is pending",
    "t.csv:7: Riverside Care Homes already bids for tender T-1 on line 3",
    f"t.csv:8: bidder_email '{PRIYA}' is a commissioner, not a provider",
    "t.csv:8: decided_on 2026-11-26 is in the future",
    "t.csv:9: decided_on 2026-10-01 is before published_on 2026-11-01",
    "t.csv:10: tender T-OLD already exists",
    "t.csv:12: reference is empty",
    "t.csv:13: reference 'T 13' is not a reference code: letters, digits and - / _ . only, "
    "up to 40 characters",
    f"t.csv:14: commissioner_email '{TOM}' contradicts line 2 ('{PRIYA}')",
]


# --- all three -----------------------------------------------------------------------------

GOOD = {"placements": GOOD_PLACEMENTS, "invoices": GOOD_INVOICES, "tenders": GOOD_TENDERS}
HEADERS = {"placements": PLACEMENT_HEADER, "invoices": INVOICE_HEADER, "tenders": TENDER_HEADER,
           "contracts": ",".join(deadline_imports.CONTRACT_COLUMNS) + "\n"}


@pytest.mark.parametrize(("kind", "old", "bad", "problems"), [
    ("placements", f"OLD-1,2026-11-02,{SAM},{PRIYA},,\n", BAD_PLACEMENTS, PLACEMENT_PROBLEMS),
    ("invoices", f"OLD-1,{RIVERSIDE},{NORTHSHIRE},5,2026-11-02,,\n", BAD_INVOICES,
     INVOICE_PROBLEMS),
    ("tenders", f"T-OLD,Old,{PRIYA},2026-01-05,,,,,,\n", BAD_TENDERS, TENDER_PROBLEMS),
])
def test_every_problem_is_listed_and_nothing_is_written(
    factory: sessionmaker[Session], ids: Ids, kind: str, old: str, bad: str, problems: list[str],
) -> None:
    """Each bad row's every problem, named by the file's initial and the line (``old`` is
    imported first, so that a row repeating it is refused)."""
    if kind == "invoices":
        _with_placement(factory)
    _import(factory, kind, HEADERS[kind] + old, source="old.csv")
    assert _rejected_whole(factory, kind, bad, source=f"{kind[0]}.csv") == problems


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_importing_the_same_file_again_is_rejected_and_changes_nothing(
    factory: sessionmaker[Session], ids: Ids, kind: str,
) -> None:
    if kind == "invoices":
        _with_placement(factory)
    _import(factory, kind, GOOD[kind], source="f.csv")
    assert _rejected_whole(factory, kind, GOOD[kind]) == {
        "placements": [f"f.csv:2: placement NC-2026/041 already exists at {NORTHSHIRE}"
                       + ONLY_NEW,
                       f"f.csv:4: placement NC-2026/042 already exists at {NORTHSHIRE}"
                       + ONLY_NEW],
        "invoices": ["f.csv:2: invoice INV-001 from Riverside Care Homes is already recorded",
                     "f.csv:3: invoice INV-002 from Riverside Care Homes is already recorded",
                     "f.csv:5: invoice INV-003 from Hillview Home Care CIC is already recorded",
                     "f.csv:6: invoice SUB-7 from Little Helpers Ltd is already recorded"],
        "tenders": ["f.csv:2: tender NCC/T/01 already exists",
                    "f.csv:5: tender NCC/T/02 already exists"],
    }[kind]


def _unusable(kind: str) -> list[tuple[bytes, str]]:
    header = HEADERS[kind].encode()
    columns = header.count(b",") + 1
    first = header.split(b",")[0]  # reference, or an invoice's number
    return [
        (b"", "f.csv:1: the file is empty; it needs a header row"),
        (b"\n\n", "f.csv:1: the file is empty; it needs a header row"),
        (header, f"f.csv: no {kind} in the file"),
        (header + b"\n,,,\n", f"f.csv: no {kind} in the file"),
        (header + b"Caf\xe9" + b"," * (columns - 1) + b"\n",
         "f.csv:2: the file is not UTF-8 text" + NOT_UTF8_HINT),
        (header + b"x" + b"," * columns + b"\n",
         "f.csv:2: more fields than the header has columns"),
        (header + b'"unclosed' + b"," * (columns - 1) + b"\n",
         "f.csv:2: the CSV is malformed: unexpected end of data"),
        (b"name," + header, "f.csv:1: unknown column(s): name"),
        (header[len(first) + 1:], f"f.csv:1: missing column(s): {first.decode()}"),
        (header.strip() + b", " + first.upper() + b"\n",
         f"f.csv:1: repeated column(s): {first.decode()}"),
    ]


# A file refused whole is refused before anything is written: its 39 cases are read on one
# database each (tests/conftest.py); the imports' writes and refusals run on both below.
@pytest.mark.one_database_each
@pytest.mark.parametrize(("kind", "data", "problem"), [
    (kind, data, problem) for kind in deadline_imports.KINDS for data, problem in _unusable(kind)
])
def test_unusable_files_are_rejected_whole(
    factory: sessionmaker[Session], kind: str, data: bytes, problem: str,
) -> None:
    assert _rejected_whole(factory, kind, data) == [problem]


def test_the_file_size_is_limited(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(formats, "MAX_FILE_BYTES", 10)
    assert _rejected(deadline_imports.import_tenders, factory, GOOD_TENDERS.encode(),
                     source="f.csv", **KW) == ["f.csv: the file is larger than 10 bytes"]


def test_import_file_reads_and_dispatches(
    factory: sessionmaker[Session], ids: Ids, tmp_path: Path,
) -> None:
    path = tmp_path / "tenders.csv"
    path.write_text(GOOD_TENDERS, encoding="utf-8")
    assert deadline_imports.import_file("tenders", factory, path, **KW) == 5
    with factory() as session:
        assert session.scalars(select(AuditEvent.subject).where(
            AuditEvent.action == "tenders.import")).all() == [str(path)]
    missing = tmp_path / "missing.csv"
    assert _rejected(deadline_imports.import_file, "placements", factory, missing, **KW) == [
        f"{missing}: cannot read the file: No such file or directory"]
    with pytest.raises(ValueError, match="unknown import 'people'"):
        deadline_imports.import_file("people", factory, path, **KW)


def test_now_must_be_timezone_aware(factory: sessionmaker[Session]) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        deadline_imports.import_placements(
            factory, GOOD_PLACEMENTS.encode(), source="f.csv", calendar=WorkingCalendar(),
            policy=ReminderPolicy(), now=datetime(2026, 11, 25, 10))  # noqa: DTZ001


def test_dates_in_year_one_are_problems_with_their_line_not_crashes(
    factory: sessionmaker[Session], ids: Ids,
) -> None:
    invoices = INVOICE_HEADER + f"INV-1,{RIVERSIDE},{NORTHSHIRE},10.00,0001-01-01,,\n"
    assert _rejected_whole(factory, "invoices", invoices, source="i.csv") == [
        "i.csv:2: received_on 0001-01-01 is too far from today (more than 5 years before or 2 "
        "years after)"]
    tenders = TENDER_HEADER + f"T-1,Home care,{PRIYA},0001-01-01,,,,,,\n"
    assert _rejected_whole(factory, "tenders", tenders, source="t.csv") == [
        "t.csv:2: published_on 0001-01-01 is too far from today (more than 5 years before or 2 "
        "years after)"]


def test_a_date_written_day_first_is_taken_as_chat_takes_it(
    factory: sessionmaker[Session], ids: Ids,
) -> None:
    data = PLACEMENT_HEADER + f"PL-1,15/10/2026,{SAM},{PRIYA},,\n"
    assert _import(factory, "placements", data, source="p.csv") == 1
    with factory() as session:
        assert session.scalars(select(Placement.started_on)).one() == date(2026, 10, 15)


def test_a_title_naming_a_person_is_refused(factory: sessionmaker[Session], ids: Ids) -> None:
    # Session 26's trial: "Care package for Mrs Patricia Holmes" was imported as a contract's
    # title. A title names a service, never a person receiving care.
    contracts = (HEADERS["contracts"] + f"C-1,Care package for Mrs Patricia Holmes,{PRIYA},"
                 f"{RIVERSIDE},\n" + f"C-2,Home care for Patricia Holmes,{PRIYA},{RIVERSIDE},\n")
    assert _rejected_whole(factory, "contracts", contracts, source="c.csv") == [
        "c.csv:2: title names a person ('Mrs Patricia'): use the placement's reference code or "
        "initials, never a name",
        "c.csv:3: title names a person ('Patricia Holmes'): use the placement's reference code "
        "or initials, never a name"]
    tenders = HEADERS["tenders"] + f"T-9,Support for Mr Jenkins,{PRIYA},2026-11-02,,,,,,\n"
    assert _rejected_whole(factory, "tenders", tenders, source="t.csv") == [
        "t.csv:2: title names a person ('Mr Jenkins'): use the placement's reference code or "
        "initials, never a name"]
    good = HEADERS["contracts"] + f"C-3,Home care for Mrs B (RV-0042),{PRIYA},{RIVERSIDE},\n"
    assert _import(factory, "contracts", good, source="c.csv") == 1


# --- tender and contract references are a council's ----------------------------------------

OLD_CONTRACT_HEADER = "reference,title,commissioner_email,provider,uplift_on\n"


def _contract_rows(factory: sessionmaker[Session]) -> list[tuple[str, str, date | None]]:
    """Each contract's reference, council and end date."""
    with factory() as session:
        names = {o.id: o.name for o in session.scalars(select(Organisation))}
        return [(c.reference, names[c.council_id], c.ends_on)
                for c in session.scalars(select(Contract).order_by(Contract.id))]


def test_a_contract_reference_another_council_has_is_imported_as_this_councils_own(
        factory: sessionmaker[Session], ids: Ids) -> None:
    # Southshire has SS-1: Northshire's SS-1 was refused as "already exists", telling it so.
    # A file of the columns before ends_on still imports.
    one = OLD_CONTRACT_HEADER + f"ss-1,Home care,{PRIYA},{RIVERSIDE},\n"
    assert _import(factory, "contracts", one, source="c.csv") == 1
    assert _contract_rows(factory) == [("HV-1", NORTHSHIRE, None), ("SS-1", SOUTHSHIRE, None),
                                       ("SS-1", NORTHSHIRE, None)]
    assert _rejected_whole(factory, "contracts", one, source="again.csv") == [
        f"again.csv:2: contract SS-1 already exists at {NORTHSHIRE}"]


def test_a_placement_names_its_councils_contract_of_a_reference_two_councils_have(
        factory: sessionmaker[Session], ids: Ids) -> None:
    _import(factory, "contracts", OLD_CONTRACT_HEADER + f"SS-1,Home care,{TOM},{HILLVIEW},\n",
            source="c.csv")
    _import(factory, "placements", PLACEMENT_HEADER + f"PL-1,2026-11-02,{ALEX},{TOM},,ss-1\n",
            source="p.csv")
    with factory() as session:
        placement = session.scalars(select(Placement)).one()
        contract = session.get_one(Contract, placement.contract_id)
    assert (contract.reference, contract.council_id) == ("SS-1", ids.organisations[NORTHSHIRE])


def test_one_contracts_file_may_hold_two_councils_c_1_but_not_one_councils_twice(
        factory: sessionmaker[Session], ids: Ids) -> None:
    header = HEADERS["contracts"]
    assert _rejected_whole(factory, "contracts", header
                           + f"C-1,Home care,{PRIYA},{RIVERSIDE},,\n"
                           + f"C-1,Home care,{JO},{RIVERSIDE},,\n"
                           + f"c-1,Day care,{TOM},{HILLVIEW},,\n", source="c.csv") == [
        f"c.csv:4: reference C-1 at {NORTHSHIRE} is already on line 2"]
    assert _import(factory, "contracts", header + f"C-1,Home care,{PRIYA},{RIVERSIDE},,\n"
                   + f"C-1,Home care,{JO},{RIVERSIDE},,\n", source="c.csv") == 2
    assert _contract_rows(factory)[2:] == [("C-1", NORTHSHIRE, None), ("C-1", SOUTHSHIRE, None)]


def test_a_contracts_end_date_is_imported_and_checked(
        factory: sessionmaker[Session], ids: Ids) -> None:
    header = HEADERS["contracts"]
    assert _rejected_whole(factory, "contracts", header
                           + f"C-4,Home care,{PRIYA},{RIVERSIDE},,2037-01-01\n"
                           + f"C-5,Home care,{PRIYA},{RIVERSIDE},2027-04-01,2027-03-31\n"
                           + f"C-6,Home care,{PRIYA},{RIVERSIDE},,31/02/2027\n"
                           + f"C-7,Home care,{PRIYA},{RIVERSIDE},,1989-12-31\n",
                           source="c.csv") == [
        "c.csv:2: ends_on 2037-01-01 is too far from today (before 1990 or more than 10 years "
        "after)",
        "c.csv:3: uplift_on 2027-04-01 is after ends_on 2027-03-31",
        "c.csv:4: ends_on '31/02/2027' is not a real date",
        "c.csv:5: ends_on 1989-12-31 is too far from today (before 1990 or more than 10 years "
        "after)"]
    # A contract ended more than 5 years ago is imported as ended (it was refused, and left
    # blank it would be current).
    assert _import(factory, "contracts", header
                   + f"C-1,Home care,{PRIYA},{RIVERSIDE},,2025-11-30\n"
                   + f"C-2,Day care,{PRIYA},{RIVERSIDE},2027-04-01,\n"
                   + f"C-3,Supported living,{PRIYA},{RIVERSIDE},,31/03/2031\n"
                   + f"C-4,Home care,{PRIYA},{RIVERSIDE},,2012-06-30\n",
                   source="c.csv") == 4
    assert _contract_rows(factory)[2:] == [("C-1", NORTHSHIRE, date(2025, 11, 30)),
                                           ("C-2", NORTHSHIRE, None),
                                           ("C-3", NORTHSHIRE, date(2031, 3, 31)),
                                           ("C-4", NORTHSHIRE, date(2012, 6, 30))]


def test_a_tender_reference_another_council_has_is_this_councils_own_tender(
        factory: sessionmaker[Session], ids: Ids) -> None:
    # Northshire's T-1 with Sam's pending bid; Southshire's own T-1 is a new tender, neither
    # refused nor taken as deciding Northshire's (its award file decides its own bids only).
    north = TENDER_HEADER + f"T-1,Home care,{PRIYA},2026-09-01,,2026-10-02,,{SAM},,\n"
    _import(factory, "tenders", north, source="north.csv")
    south = TENDER_HEADER + f"t-1,Day care,{JO},2026-09-01,,2026-10-02,,{SAM},,\n"
    assert _import(factory, "tenders", south, source="south.csv") == 1
    _import(factory, "tenders", south.replace(f"{SAM},,", f"{SAM},lost,2026-11-24"),
            source="award.csv")
    with factory() as session:
        names = {o.id: o.name for o in session.scalars(select(Organisation))}
        tenders = [(t.reference, names[t.council_id], t.title, bid.outcome)
                   for t, bid in session.execute(select(Tender, Bid).join(
                       Bid, Bid.tender_id == Tender.id).order_by(Tender.id))]
    assert tenders == [("T-1", NORTHSHIRE, "Home care", "pending"),
                       ("T-1", SOUTHSHIRE, "Day care", "lost")]
    assert _rejected_whole(factory, "tenders", north, source="again.csv") == [
        "again.csv:2: tender T-1 already exists"]


def test_one_tenders_file_may_hold_two_councils_t_1(
        factory: sessionmaker[Session], ids: Ids) -> None:
    # Rows were grouped by reference alone: Southshire's T-1 row "contradicted" Northshire's.
    rows = (f"T-1,Home care,{PRIYA},2026-09-01,,2026-10-02,,{SAM},,\n"
            f"T-1,Day care,{JO},2026-09-08,,2026-10-09,,{SAM},,\n")
    before = _counts(factory)
    assert _rejected_whole(factory, "tenders", TENDER_HEADER + rows
                           + f"T-1,,,,,,,{ALEX},,\n", source="t.csv") == [
        "t.csv:4: tender T-1 is in this file for more than one council; give commissioner_email "
        "to say whose"]
    assert _counts(factory) == before
    assert _import(factory, "tenders", TENDER_HEADER + rows + f"T-1,,{JO},,,,,{ALEX},,\n",
                   source="t.csv") == 3
    with factory() as session:
        names = {o.id: o.name for o in session.scalars(select(Organisation))}
        assert sorted((t.reference, names[t.council_id], t.title, b.provider_id) for t, b in
                      session.execute(select(Tender, Bid).join(Bid, Bid.tender_id == Tender.id))
                      ) == sorted([
            ("T-1", NORTHSHIRE, "Home care", ids.organisations[RIVERSIDE]),
            ("T-1", SOUTHSHIRE, "Day care", ids.organisations[RIVERSIDE]),
            ("T-1", SOUTHSHIRE, "Day care", ids.organisations[HILLVIEW])])


def _tenders_held(factory: sessionmaker[Session]) -> dict[str, list[tuple[object, ...]]]:
    """The tenders, bids and deadlines the database holds, by names and dates (not ids)."""
    with factory() as session:
        names = {o.id: o.name for o in session.scalars(select(Organisation))}
        emails = {p.id: p.email for p in session.scalars(select(Person))}
        references = {t.id: t.reference for t in session.scalars(select(Tender))}
        return {
            "tenders": sorted((t.reference, names[t.council_id], emails[t.commissioner_id],
                               t.title, t.published_on, t.submission_on)
                              for t in session.scalars(select(Tender))),
            "bids": sorted((references[b.tender_id], names[b.provider_id],
                            emails[b.provider_contact_id], b.outcome)
                           for b in session.scalars(select(Bid))),
            "deadlines": sorted((d.rule, d.reference, d.due_on, names[d.council_id],
                                 names.get(d.provider_id or 0, ""),
                                 emails.get(d.commissioner_id or 0, ""))
                                for d in session.scalars(select(Deadline))),
        }


@pytest.mark.parametrize("commissioner_row", ["first", "last"])
def test_a_tenders_rows_make_the_same_tender_in_either_order(
        factory: sessionmaker[Session], ids: Ids, commissioner_row: str) -> None:
    # A row without commissioner_email joined the tenders of its reference seen so far: before
    # the row naming the commissioner it made a tender of no council ("commissioner_email is
    # empty"); after it, it joined that tender.
    named = f"T-1,Home care,{PRIYA},2026-09-01,,2026-12-15,,{SAM},,\n"
    unnamed = f"T-1,Home care,,2026-09-01,,2026-12-15,,{ALEX},,\n"
    rows = named + unnamed if commissioner_row == "first" else unnamed + named
    assert _import(factory, "tenders", TENDER_HEADER + rows, source="t.csv") == 2
    assert _tenders_held(factory) == {
        "tenders": [("T-1", NORTHSHIRE, PRIYA, "Home care", date(2026, 9, 1),
                     date(2026, 12, 15))],
        "bids": [("T-1", HILLVIEW, ALEX, "pending"), ("T-1", RIVERSIDE, SAM, "pending")],
        "deadlines": [("submission", "T-1 submission deadline", date(2026, 12, 15), NORTHSHIRE,
                       "", PRIYA),
                      ("submission", "T-1 submission deadline", date(2026, 12, 15), NORTHSHIRE,
                       HILLVIEW, ""),
                      ("submission", "T-1 submission deadline", date(2026, 12, 15), NORTHSHIRE,
                       RIVERSIDE, "")],
    }


@pytest.mark.parametrize("unnamed_line", [2, 3, 4])
def test_a_row_without_commissioner_of_a_two_council_reference_is_refused_wherever_it_is(
        factory: sessionmaker[Session], ids: Ids, unnamed_line: int) -> None:
    # Only a row after both councils' rows was asked whose it is: before them it made a tender
    # of no council, and between them it was taken as Northshire's and imported.
    rows = [f"T-1,Home care,{PRIYA},2026-09-01,,2026-10-02,,{SAM},,\n",
            f"T-1,Day care,{JO},2026-09-08,,2026-10-09,,{SAM},,\n"]
    rows.insert(unnamed_line - 2, f"T-1,,,,,,,{ALEX},,\n")
    assert _rejected_whole(factory, "tenders", TENDER_HEADER + "".join(rows),
                           source="t.csv") == [
        f"t.csv:{unnamed_line}: tender T-1 is in this file for more than one council; give "
        "commissioner_email to say whose"]


def test_a_large_tenders_file_with_its_commissioners_last_imports(
        factory: sessionmaker[Session], ids: Ids) -> None:
    # 300 rows: each tender's two bids without commissioner_email first, then each tender's
    # own row. Each row without a commissioner was looked for among every tender so far, and
    # the rows naming the commissioner came after their tender's first row (refused). (Its
    # speed on a 9,999-row file was measured once: CHANGELOG, session 30.)
    references = [f"T-{number:04}" for number in range(100)]
    rows = "".join(f"{reference},,,,,,,{bidder},,\n" for bidder in (ALEX, KIM)
                   for reference in references)
    rows += "".join(f"{reference},Home care,{PRIYA},2026-09-01,,2026-10-02,,{SAM},,\n"
                    for reference in references)
    count, added = _imported(factory, "tenders", (TENDER_HEADER + rows).encode(),
                             source="t.csv")
    assert (count, added["Tender"], added["Bid"], added["Deadline"]) == (300, 100, 300, 100)


def test_each_councils_t_1_award_opens_its_own_survey(
        factory: sessionmaker[Session], ids: Ids) -> None:
    # The award survey's key was the tender's reference alone: Southshire's T-1 award, after
    # Northshire's, opened none; then it named the council's short name when another council
    # had a T-1 (telling the bidders so), and a third council of that short name opened none.
    # Now every key ends with its council's id.
    from bot.models import Survey

    borough = make_organisation(factory, "Northshire Borough Council", OrganisationKind.COUNCIL)
    make_person(factory, email="bo@northshire-borough.example", role=Role.COMMISSIONER,
                organisation_id=borough)
    councils = (NORTHSHIRE, SOUTHSHIRE, "Northshire Borough Council")
    for commissioner in (PRIYA, JO, "bo@northshire-borough.example"):
        _import(factory, "tenders", TENDER_HEADER + f"T-1,Home care,{commissioner},2026-09-01,,"
                f"2026-10-02,,{SAM},lost,2026-11-24\n", source="t.csv")
    with factory() as session:
        names = {o.id: o.name for o in session.scalars(select(Organisation))}
        surveys = [(survey.key, names[survey.council_id])
                   for survey in session.scalars(select(Survey).order_by(Survey.id))]
    assert surveys == [(f"procurement-experience-T-1-c{_ids(factory).organisations[name]}",
                        name) for name in councils]


def test_an_award_survey_keyed_before_references_were_upper_case_is_not_opened_again(
        factory: sessionmaker[Session], ids: Ids) -> None:
    # A survey opened before migration 0017 has the reference as typed ("...-t-1", no council):
    # a later award decision of the upgraded T-1 opened a second survey of it.
    from bot.models import Survey

    row = f"T-1,Home care,{PRIYA},2026-09-01,,2026-10-02,,{{}},{{}}\n"
    for sam, alex in ((",", ","), ("lost,2026-11-24", ","), ("lost,2026-11-24", "won,2026-11-25")):
        _import(factory, "tenders", TENDER_HEADER + row.format(SAM, sam) + row.format(ALEX, alex),
                source="t.csv")
        if alex == ",":
            with transaction(factory) as session:  # as opened before 0017, if one was
                for survey in session.scalars(select(Survey)):
                    survey.key = "procurement-experience-t-1"
    with factory() as session:
        assert list(session.scalars(select(Survey.key))) == ["procurement-experience-t-1"]
        assert session.scalar(select(Bid.outcome).join(
            Person, Person.id == Bid.provider_contact_id).where(Person.email == ALEX)) == "won"
