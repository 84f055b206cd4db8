"""Bulk CSV imports of contracts, placements, invoices and tenders, and the deadlines they start.

Each importer is all or nothing, like the people import (``people.directory``): every row is
validated first, against the file and the database, and every problem is listed as
``FILE:LINE: problem``; only when there is none are the rows written, in one transaction with
one audit event (``contracts.import``, ``placements.import``, ``invoices.import`` or
``tenders.import``). A problem met while writing (a row someone else saved in the meantime)
raises :class:`ImportRejected` too and rolls the whole file back. Blank lines are skipped; a
file must be UTF-8 with a header row.

contracts: ``reference, title, commissioner_email, provider`` and, optional, ``uplift_on,
ends_on`` (a file without ``ends_on``, as before it was added, imports too). The contract's
council is the commissioner's organisation; ``provider`` is a provider organisation's name. A
reference is a code of up to 40 characters, stored upper-case, and the council's: unique within
it, not across councils, so a row whose council has that reference already is refused, and one
that another council has is not (and is never said to be). An ``uplift_on`` still to come
becomes an ``uplift`` deadline. ``ends_on`` is the contract's last day (up to 10 years ahead, not
before ``uplift_on``): without it, or until that day has passed, the contract is current work
(``Contract.current_on``); afterwards it is not, e.g. for where a safeguarding concern goes.

placements: ``reference, started_on, provider_contact_email, commissioner_email`` and, optional,
``ended_on, contract_reference``. A reference is a code (letters, digits and ``- / _ .``, up to
32 characters, stored upper-case), never a person's name. The placement's council is the
commissioner's organisation and its provider the contact's; it gets its ``initial-review``
deadline, as ``/placement new`` does in chat. A reference is the council's: unique within it,
not across councils, so a row whose council has that reference already is refused, and one
that another council has is not. A ``contract_reference`` is looked up among the placement's
council's contracts only.

invoices: ``number, issuer, payer, amount, received_on`` and, optional, ``placement_reference,
paid_on``. Issuer and payer are organisation names; the issuer is a provider, the payer a council
or another provider (a prime provider paying its subcontractor). Amounts are pounds (``1234.56``
or ``£1,234.56``), stored as pence. Numbers are at most 56 characters, so that the deadline's
reference ``invoice NUMBER`` fits its 64-character column. A paid invoice starts no clock; an
unpaid one gets a ``payment`` deadline from ``received_on`` (due at the legal limit, 30 calendar
days from receipt, with reminders before the pledge's 10-day aim too), with these people and
council:

* provider contact: the issuer's first active provider-role person (lowest id), or nobody;
* commissioner: the placement's commissioner when a placement is given; otherwise, for a council
  payer, the payer's first active commissioner; for a provider payer, the payer's first active
  provider-role person (the one who pays the subcontractor), in ``commissioner_id``; or nobody;
* council: the placement's council when a placement is given, else the payer. For a pure
  subcontract (a provider payer, no placement) there is no council at all, so ``council_id``
  holds the paying provider's id: the deadline still needs an owner organisation.

When a placement is given it must be the issuer's, and, for a council payer, that council's.
An issuer with that reference at two councils, invoicing a provider (a subcontract), writes the
council's name after it (``RC-104 Northshire``).

tenders: one row per tender, or per tender and bidder: ``reference, title, commissioner_email,
published_on`` (each on at least one of the tender's rows, whichever; its other rows may repeat
them or leave them blank, but not contradict them), and optional ``clarification_on, submission_on,
standstill_end_on, bidder_email, outcome (pending|won|lost), decided_on``. A tender reference is a
code of up to 40 characters (so ``REF clarification deadline`` fits), stored upper-case, and the
council's (the commissioner's organisation): a file naming a tender its council has already may
only decide its pending bids, and another council's tender of that reference is another tender,
never told of. A row without ``commissioner_email`` belongs to its reference's tender at the one
council the file's rows of that reference name (with two, it must say whose), so the rows may come
in any order. The bidder is an active provider-role person, one bid per provider organisation.
Dates must run published <= clarification <= submission <= standstill end. Each given tender date
becomes a deadline due on that very date; each bid becomes a :class:`Bid`, and a lost bid with its
decision date a ``bid-feedback`` deadline for the bidder and the commissioner. Each bidder also
gets its own copy (no commissioner on it) of the tender dates still to come that concern it:
clarification and submission while its bid is pending, the standstill end whatever the outcome. A
decision date may not be in the future nor before the tender was published.

"Today" is ``now``'s date in the configured time zone (``ReminderPolicy.timezone``); ``now``
must be timezone-aware.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot import audit
from bot.db import transaction
from bot.errors import ImportRejected
from bot.models import (
    Bid,
    Contract,
    Deadline,
    DeadlineStatus,
    Invoice,
    Organisation,
    OrganisationKind,
    Person,
    Placement,
    Role,
    Tender,
)
from bot.values import frozen
from handlers.deadlines.store import (
    BIDDING_RULES,
    TENDER_DATES,
    ReminderPolicy,
    close_deadline,
    first_active,
    local_date,
    open_deadline,
    open_payment,
)
from handlers.formats import (
    EMAIL,
    INVOICE_NUMBER,
    PLACEMENT_REFERENCE,
    TENDER_REFERENCE,
    AmountError,
    CsvRow,
    DayError,
    Problems,
    a_name,
    council_named,
    distinct_council_name,
    in_window,
    looks_like_a_name,
    parse_day,
    pence,
    read_csv,
    reject_if_any,
)
from handlers.people.directory import Lookups
from handlers.surveys import definitions
from handlers.surveys import service as surveys
from scheduler.rules import WorkingCalendar, schedule

PLACEMENT_COLUMNS = ("reference", "started_on", "provider_contact_email", "commissioner_email",
                     "ended_on", "contract_reference")
PLACEMENT_REQUIRED = PLACEMENT_COLUMNS[:4]
INVOICE_COLUMNS = ("number", "issuer", "payer", "amount", "received_on", "placement_reference",
                   "paid_on")
INVOICE_REQUIRED = INVOICE_COLUMNS[:5]
TENDER_COLUMNS = ("reference", "title", "commissioner_email", "published_on", "clarification_on",
                  "submission_on", "standstill_end_on", "bidder_email", "outcome", "decided_on")
TENDER_REQUIRED = TENDER_COLUMNS[:4]
CONTRACT_COLUMNS = ("reference", "title", "commissioner_email", "provider", "uplift_on",
                    "ends_on")
CONTRACT_REQUIRED = CONTRACT_COLUMNS[:4]
KINDS = ("contracts", "placements", "invoices", "tenders")

MAX_DAYS_AHEAD = 366  # "not more than a year in the future", as /placement new
OUTCOMES = ("pending", "won", "lost")
_DEADLINE_REFERENCE = 64  # the length of Deadline.reference

_TENDER_DATES = TENDER_DATES

Row = TypeVar("Row")  # one checked row of an import
Linked = TypeVar("Linked")  # a record a row names


def _today(now: datetime, policy: ReminderPolicy) -> date:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime, not a naive one")
    return local_date(now, policy.timezone)


# --- checking values -----------------------------------------------------------------------
def _empty(row: CsvRow, columns: tuple[str, ...], problems: Problems) -> bool:
    """Report each empty column of ``columns``; True when one was empty."""
    empty = [column for column in columns if not row.values[column]]
    problems.extend((row.line, f"{column} is empty") for column in empty)
    return bool(empty)


def _date(row: CsvRow, column: str, problems: Problems, today: date) -> date | None:
    """The date in ``column`` (2026-11-25 or 25/11/2026, as chat takes it), within the window
    chat accepts around ``today``; None (and a problem, unless blank) otherwise."""
    text = row.values[column]
    if not text:
        return None
    try:
        day = parse_day(text)
    except DayError as error:
        if error.problem == "unreal":
            problems.append((row.line, f"{column} {text!r} is not a real date"))
        else:
            problems.append((row.line, f"{column} {text!r} is not a date like 2026-11-25 "
                                       "or 25/11/2026"))
        return None
    if not in_window(day, today):
        problems.append((row.line, f"{column} {day.isoformat()} is too far from today (more "
                                   "than 5 years before or 2 years after)"))
        return None
    return day


def _dates(row: CsvRow, first: str, second: str, problems: Problems, today: date, *,
           latest: date, beyond: str) -> tuple[date | None, date | None]:
    """The dates in ``first`` and ``second`` (as ``_date`` reads them), each no later than
    ``latest`` ("COLUMN DAY ``beyond``" otherwise) and the second not before the first."""
    days = (_date(row, first, problems, today), _date(row, second, problems, today))
    for column, day in zip((first, second), days, strict=True):
        if day is not None and day > latest:
            problems.append((row.line, f"{column} {day.isoformat()} {beyond}"))
    start, end = days
    if start is not None and end is not None and end < start:
        problems.append((row.line, f"{second} {end.isoformat()} is before {first} "
                                   f"{start.isoformat()}"))
    return days


def _amount(row: CsvRow, problems: Problems) -> int | None:
    """The ``amount`` column, pounds as integer pence (1234.56, £1,234.56)."""
    text = row.values["amount"]
    if not text:
        return None
    try:
        return pence(text)
    except AmountError as error:
        problems.append((row.line, f"amount {text!r} {_AMOUNT_PROBLEMS[error.problem]}"))
        return None


_AMOUNT_PROBLEMS = {
    "unreadable": "is not a sum in pounds, like 1234.56 or £1,234.56",
    "not_positive": "must be more than nothing",
    "too_precise": "has more than 2 decimal places",
    "too_large": "looks too large; please check it",
}


def _reference(row: CsvRow, column: str, pattern: re.Pattern[str], longest: int,
               problems: Problems) -> str | None:
    """A reference code, upper-case; None (and a problem, unless blank) when it is not one."""
    text = row.values[column]
    if not text:
        return None
    if not pattern.match(text):
        problems.append((row.line, f"{column} {text!r} is not a reference code: letters, digits "
                                   f"and - / _ . only, up to {longest} characters"))
        return None
    if pattern is PLACEMENT_REFERENCE and looks_like_a_name(text):
        problems.append((row.line, f"{column} {text!r} looks like a person's name: use the "
                                   "placement's reference code, never a name"))
        return None
    return text.upper()


def _linked(row: CsvRow, column: str, find: Callable[[str], Linked | None], problems: Problems,
            *, unknown: Callable[[str], str],
            wrong: Callable[[Linked], str | None] = lambda _found: None) -> Linked | None:
    """The record the optional ``column`` names (looked up by ``find``), or None when blank;
    a problem when there is none (``unknown``, given the text) or it is not the row's
    (``wrong``, given the record: the problem, or None)."""
    text = row.values[column]
    if not text:
        return None
    found = find(text)
    problem = unknown(text) if found is None else wrong(found)
    if problem is not None:
        problems.append((row.line, problem))
    return found


def _clip(text: str) -> str:
    return text[:_DEADLINE_REFERENCE]


# --- the database, looked up once per value ------------------------------------------------


@dataclass
class Directory(Lookups):
    """The people and organisations of ``Lookups``, and placements and contracts, each looked
    up once in the import's transaction."""

    _placements: dict[str, list[Placement]] = field(default_factory=dict)
    _contracts: dict[tuple[int, str], Contract | None] = field(default_factory=dict)

    def placements(self, reference: str) -> list[Placement]:
        """Every council's placement with this reference (any case): a reference is a
        council's, so several councils may each have one."""
        key = reference.upper()
        if key not in self._placements:
            self._placements[key] = list(self.session.scalars(
                select(Placement).where(Placement.reference == key)
                .order_by(Placement.id)))
        return self._placements[key]

    def name_of(self, organisation_id: int) -> str:
        """The name of the organisation with this id."""
        return self.session.get_one(Organisation, organisation_id).name

    def contract(self, council_id: int, reference: str) -> Contract | None:
        """The council's contract with this reference (any case). A reference is the
        council's: another council's contract of that reference is none of this one's."""
        key = (council_id, reference.upper())
        if key not in self._contracts:
            self._contracts[key] = self.session.scalars(select(Contract).where(
                Contract.council_id == council_id, Contract.reference == key[1])).first()
        return self._contracts[key]

    def placement_exists(self, council_id: int, reference: str) -> bool:
        """Whether the council has a placement with this reference already (any case)."""
        return any(placement.council_id == council_id
                   for placement in self.placements(reference))

    def tender(self, council_id: int, reference: str) -> Tender | None:
        """The council's tender with this reference (any case), if it has one: another
        council's tender of that reference is none of this one's."""
        return self.session.scalars(select(Tender).where(
            Tender.council_id == council_id, Tender.reference == reference.upper())).first()

    def invoice_exists(self, issuer_id: int, number: str) -> bool:
        """Whether the issuer's invoice of this number is recorded already."""
        return self.session.scalars(select(Invoice.id).where(
            Invoice.issuer_id == issuer_id,
            func.lower(Invoice.number) == number.lower())).first() is not None

    def first_active(self, organisation_id: int, role: Role) -> Person | None:
        """The organisation's active person with this role and the lowest id."""
        return first_active(self.session, organisation_id, role)

    def someone(self, row: CsvRow, column: str, role: Role, problems: Problems) -> Person | None:
        """The active person with ``role`` named by e-mail in ``column``, or a problem."""
        email = row.values[column]
        if not email:
            return None
        if not EMAIL.match(email):
            problems.append((row.line, f"{column} {email!r} is not an e-mail address"))
            return None
        person = self.person(email)
        kind = OrganisationKind.PROVIDER if role == Role.PROVIDER else OrganisationKind.COUNCIL
        if person is None:
            problems.append((row.line, f"{column} {email!r} is nobody we know; import them "
                                       "with pledgebot people import first"))
        elif not person.active:
            problems.append((row.line, f"{column} {email!r} is no longer active"))
        elif person.role != role:
            problems.append((row.line, f"{column} {email!r} is a {person.role.value}, "
                                       f"not a {role.value}"))
        elif person.organisation.kind != kind:
            problems.append((row.line, f"{column} {email!r} does not work for a {kind.value}"))
        else:
            return person
        return None


def _run(factory: sessionmaker[Session], *, kind: str, source: str, now: datetime,
         check: Callable[[Directory], tuple[int, Problems, Callable[[], None]]]) -> int:
    """Check every row in one transaction, then write them all, or raise and write nothing.

    ``check`` returns the number of rows, the problems found, and the function that writes.
    """
    with transaction(factory) as session:
        count, problems, write = check(Directory(session))
        reject_if_any(problems, source)
        write()
        audit.record(session, f"{kind}.import", subject=source[:100], at=now, count=count)
    return count


@frozen
class _Writing:
    """What writing a checked row needs besides the row: the import's directory (and through it
    its transaction), its source, and the calendar, policy and clock of its deadlines."""

    people: Directory
    source: str
    calendar: WorkingCalendar
    policy: ReminderPolicy
    now: datetime
    today: date

    @property
    def session(self) -> Session:
        return self.people.session


@frozen
class _RowImport(Generic[Row]):
    """An import checked and written row by row (contracts, placements, invoices).

    Called as ``importer(factory, data, source=..., calendar=..., policy=..., now=...)``, it
    reads the CSV, checks each row (its required columns not empty, then the rest against today
    by ``check_row``, which returns the row checked or None), refuses a row whose ``key``
    an earlier line has (``key`` gives the key and how to name it), then writes each valid row
    (``write_row``), all in one transaction; it returns the number of rows imported, or raises
    ImportRejected listing every problem and writes nothing.
    """

    kind: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    check_row: Callable[[CsvRow, Directory, date, Problems], Row | None]
    key: Callable[[CsvRow, Directory, Row | None], tuple[Hashable, str] | None]
    write_row: Callable[[_Writing, Row], None]

    def __call__(self, factory: sessionmaker[Session], data: bytes, *, source: str,
                 calendar: WorkingCalendar, policy: ReminderPolicy, now: datetime) -> int:
        today = _today(now, policy)
        rows, file_problems = read_csv(data, source=source, columns=self.columns,
                                        required=self.required, noun=self.kind)

        def check(people: Directory) -> tuple[int, Problems, Callable[[], None]]:
            problems = list(file_problems)
            valid: list[Row] = []
            lines: dict[Hashable, int] = {}
            for row in rows:
                before = len(problems)
                _empty(row, self.required, problems)
                item = self.check_row(row, people, today, problems)
                if len(problems) > before:
                    item = None  # a row with any problem is not written
                found = self.key(row, people, item)
                if found is not None:
                    value, named = found
                    if value in lines:
                        problems.append((row.line, f"{named} is already on line {lines[value]}"))
                        continue
                    lines[value] = row.line
                if item is not None:
                    valid.append(item)

            def write() -> None:
                writing = _Writing(people, source, calendar, policy, now, today)
                for item in valid:
                    self.write_row(writing, item)

            return len(rows), problems, write

        return _run(factory, kind=self.kind, source=source, now=now, check=check)


def _save(session: Session, row: object, source: str, line: int, problem: str) -> None:
    """Add ``row`` and flush, turning a unique-constraint clash (a row saved meanwhile) into a
    rejection naming ``line`` and ``problem``."""
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise ImportRejected([f"{source}:{line}: {problem}"]) from None


# --- placements ----------------------------------------------------------------------------

ONLY_NEW = (": a placements import only adds new placements; leave out the rows of those "
            "already imported")


@frozen
class _PlacementRow:
    line: int
    reference: str
    started_on: date
    ended_on: date | None
    contact: Person
    commissioner: Person
    contract: Contract | None


def _check_placement(row: CsvRow, people: Directory, today: date,
                     problems: Problems) -> _PlacementRow | None:
    """A placements row: a new reference, its dates, its people, and the contract (if named)
    between their council and provider."""
    reference = _reference(row, "reference", PLACEMENT_REFERENCE, 32, problems)
    started, ended = _dates(row, "started_on", "ended_on", problems, today,
                            latest=today + timedelta(days=MAX_DAYS_AHEAD),
                            beyond="is more than a year away")
    contact = people.someone(row, "provider_contact_email", Role.PROVIDER, problems)
    commissioner = people.someone(row, "commissioner_email", Role.COMMISSIONER, problems)
    if (reference is not None and commissioner is not None
            and people.placement_exists(commissioner.organisation_id, reference)):
        # The trial re-imported a whole file to add rows: say that only new ones are taken.
        # Only the placement's own council's count: another council's RC-104 is another
        # person's (it was refused as "already exists", and the problem told of it).
        problems.append((row.line, f"placement {reference} already exists at "
                                   f"{commissioner.organisation.name}{ONLY_NEW}"))
    given = row.values["contract_reference"]

    def wrong(contract: Contract) -> str | None:
        if contact is not None and contract.provider_id != contact.organisation_id:
            return f"contract {given!r} is with another provider, not {contact.organisation.name}"
        return None

    # The contract is the placement's council's (another council's of that reference is
    # unknown here, never said to be theirs); with no usable commissioner, no council to look in.
    council = commissioner.organisation if commissioner is not None else None
    contract = None if council is None else _linked(
        row, "contract_reference", lambda text: people.contract(council.id, text), problems,
        wrong=wrong, unknown=lambda text: f"contract {text!r} does not exist at {council.name}")
    if reference is None or started is None or contact is None or commissioner is None:
        return None
    return _PlacementRow(row.line, reference, started, ended, contact, commissioner, contract)


def _placement_key(row: CsvRow, people: Directory,
                   item: _PlacementRow | None) -> tuple[tuple[int | str, str], str] | None:
    """A row's reference at its council (the commissioner's organisation; their e-mail while
    nobody is known by it): one file may hold two councils' RC-104, not one council's twice."""
    text = row.values["reference"]
    if not PLACEMENT_REFERENCE.match(text):
        return None
    email = row.values["commissioner_email"]
    commissioner = people.person(email) if email else None
    if commissioner is None:
        return (email.lower(), text.upper()), f"reference {text.upper()} with {email!r}"
    # Named with its council: the same reference at another council is another placement.
    return ((commissioner.organisation_id, text.upper()),
            f"reference {text.upper()} at {commissioner.organisation.name}")


def _write_placement(at: _Writing, item: _PlacementRow) -> None:
    placement = Placement(
        reference=item.reference, council_id=item.commissioner.organisation_id,
        provider_id=item.contact.organisation_id,
        contract_id=item.contract.id if item.contract else None,
        commissioner_id=item.commissioner.id, provider_contact_id=item.contact.id,
        started_on=item.started_on, ended_on=item.ended_on, created_at=at.now)
    _save(at.session, placement, at.source, item.line,
          f"placement {item.reference} already exists at {item.commissioner.organisation.name}")
    due = schedule("initial-review", item.started_on, at.calendar).due
    if item.ended_on is not None and (item.ended_on < due or item.ended_on <= at.now.date()):
        # Ended before its first review was due, or already ended: no review to chase
        # (session 22's review: a placement that ended in July was chased as 95 days overdue).
        return
    open_deadline(
        at.session, rule="initial-review", reference=f"{item.reference} initial review",
        start_on=item.started_on,
        due_on=due,
        council_id=placement.council_id, provider_id=placement.provider_id,
        provider_contact_id=placement.provider_contact_id,
        commissioner_id=placement.commissioner_id, placement_id=placement.id,
        calendar=at.calendar, policy=at.policy, now=at.now)


# A placements CSV, all or nothing, with each placement's initial review.
import_placements = _RowImport("placements", PLACEMENT_COLUMNS, PLACEMENT_REQUIRED,
                               _check_placement, _placement_key, _write_placement)


# --- invoices ------------------------------------------------------------------------------


@frozen
class _InvoiceRow:
    line: int
    number: str
    issuer: Organisation
    payer: Organisation
    amount_pence: int
    received_on: date
    paid_on: date | None
    placement: Placement | None


def _organisation(row: CsvRow, column: str, people: Directory,
                  problems: Problems) -> Organisation | None:
    return _linked(row, column, people.organisation, problems,
                   unknown=lambda name: f"{column} {name!r} is not an organisation we know")


def _check_invoice(row: CsvRow, people: Directory, today: date,
                   problems: Problems) -> _InvoiceRow | None:
    number = row.values["number"]
    if number and not INVOICE_NUMBER.match(number):
        problems.append((row.line, f"number {number!r} is not an invoice number: letters, "
                                   "digits and - / _ . only, up to 56 characters"))
    issuer = _organisation(row, "issuer", people, problems)
    payer = _organisation(row, "payer", people, problems)
    if issuer is not None and issuer.kind != OrganisationKind.PROVIDER:
        problems.append((row.line, f"issuer {issuer.name!r} is a {issuer.kind.value}, "
                                   "not a provider"))
    if issuer is not None and payer is not None and issuer.id == payer.id:
        problems.append((row.line, f"payer {payer.name!r} is the issuer itself"))
    pence = _amount(row, problems)
    received, paid = _dates(row, "received_on", "paid_on", problems, today, latest=today,
                            beyond="is in the future")

    placement = _invoice_placement(row, people, issuer, payer, problems)
    if (issuer is not None and INVOICE_NUMBER.match(number)
            and people.invoice_exists(issuer.id, number)):
        problems.append((row.line, f"invoice {number} from {issuer.name} is already recorded"))
    if issuer is None or payer is None or pence is None or received is None:
        return None
    return _InvoiceRow(row.line, number, issuer, payer, pence, received, paid, placement)


def _invoice_placement(row: CsvRow, people: Directory, issuer: Organisation | None,
                       payer: Organisation | None, problems: Problems) -> Placement | None:
    """The placement an invoices row names: its issuer's with that reference, at the payer
    when the payer is a council. A reference is a council's, so an issuer may have one at two
    councils; for a subcontract (a provider payer) the council's name follows the reference
    then ("RC-104 Northshire"), or which it is is a problem, never guessed."""
    text = row.values["placement_reference"]
    if not text:
        return None
    reference, *council_words = text.split()
    reference = reference.upper()
    every = people.placements(reference)
    if not every:
        problems.append((row.line, f"placement {reference} does not exist"))
        return None
    if issuer is None:
        return None  # the issuer's problem is listed already
    found = [placement for placement in every if placement.provider_id == issuer.id]
    if not found:
        problems.append((row.line, f"placement {reference} is not one of {issuer.name}'s "
                                   "placements"))
        return None
    if payer is not None and payer.kind == OrganisationKind.COUNCIL:
        found = [placement for placement in found if placement.council_id == payer.id]
        if not found:
            # The payer is what is wrong (or the reference): a placement's invoice is paid by
            # the council that commissions it. It blamed the placement ("placement RC-104 is
            # not commissioned by Southshire"), which is the issuer's and fine.
            problems.append((row.line, f"payer {payer.name!r} does not commission "
                                       f"{issuer.name}'s placement {reference}: an invoice for "
                                       "a placement is paid by the council that commissions "
                                       "it"))
            return None
    councils = {placement.council_id: people.name_of(placement.council_id)
                for placement in found}
    if council_words:
        named = council_named(council_words, councils)
        if named is None or named[1] != len(council_words):
            problems.append((row.line, f"placement {reference} is not {issuer.name}'s at "
                                       f"{' '.join(council_words)!r}"))
            return None
        found = [placement for placement in found if placement.council_id == named[0]]
    if len(found) > 1:
        names = sorted(councils.values())
        example = distinct_council_name(names[0], names)
        problems.append((row.line, f"placement {reference} is {issuer.name}'s at "
                                   f"{' and at '.join(names)}: write the council after the "
                                   f"reference ({reference} {example})"))
        return None
    return found[0]


def _payment_people(item: _InvoiceRow, people: Directory) -> tuple[int | None, int | None, int]:
    """(provider contact, commissioner, council) of an invoice's payment deadline."""
    contact = people.first_active(item.issuer.id, Role.PROVIDER)
    contact_id = contact.id if contact is not None else None
    if item.placement is not None:
        return contact_id, item.placement.commissioner_id, item.placement.council_id
    if item.payer.kind == OrganisationKind.COUNCIL:
        payer_person = people.first_active(item.payer.id, Role.COMMISSIONER)
    else:
        payer_person = people.first_active(item.payer.id, Role.PROVIDER)
    return contact_id, payer_person.id if payer_person is not None else None, item.payer.id


def _invoice_key(row: CsvRow, people: Directory,
                 item: _InvoiceRow | None) -> tuple[tuple[int, str], str] | None:
    issuer = people.organisation(row.values["issuer"]) if row.values["issuer"] else None
    number = row.values["number"]
    if issuer is None or not number:
        return None
    # Any case: "inv-210" and "INV-210" in one file are one invoice (the session's admin
    # review: both were imported, two clocks), as the database check already reads them.
    return (issuer.id, number.casefold()), f"invoice {number} from {issuer.name}"


def _write_invoice(at: _Writing, item: _InvoiceRow) -> None:
    invoice = Invoice(
        number=item.number, issuer_id=item.issuer.id, payer_id=item.payer.id,
        placement_id=item.placement.id if item.placement else None,
        amount_pence=item.amount_pence, received_on=item.received_on,
        paid_on=item.paid_on, created_at=at.now)
    _save(at.session, invoice, at.source, item.line,
          f"invoice {item.number} from {item.issuer.name} is already recorded")
    if item.paid_on is not None:
        return
    contact_id, commissioner_id, council_id = _payment_people(item, at.people)
    open_payment(at.session, invoice, council_id=council_id,
                 provider_contact_id=contact_id, commissioner_id=commissioner_id,
                 calendar=at.calendar, policy=at.policy, now=at.now)


# An invoices CSV, all or nothing, with a payment deadline for each unpaid one.
import_invoices = _RowImport("invoices", INVOICE_COLUMNS, INVOICE_REQUIRED, _check_invoice,
                             _invoice_key, _write_invoice)


# --- tenders -------------------------------------------------------------------------------


@frozen
class _BidRow:
    line: int
    bidder: Person
    outcome: str
    decided_on: date | None


@dataclass
class _TenderPlan:
    """A tender gathered from its rows: each tender value with the line that gave it."""

    reference: str
    line: int
    values: dict[str, tuple[object, int]] = field(default_factory=dict)
    given: set[str] = field(default_factory=set)  # the columns a row gave, usable or not
    bids: list[_BidRow] = field(default_factory=list)
    decisions: list[tuple[int, date]] = field(default_factory=list)
    bidders: dict[int, int] = field(default_factory=dict)  # organisation id: line
    # A tender already recorded, whose pending bids this file decides (the award, imported
    # after the tender itself): the tender and, per bid row, the bid it decides.
    existing: Tender | None = None
    decides: list[tuple[Bid, _BidRow]] = field(default_factory=list)

    def value(self, column: str) -> object:
        """The tender's value of ``column``, or None."""
        return self.values.get(column, (None, 0))[0]

    def day(self, column: str) -> date | None:
        """The tender's date in ``column``, or None."""
        value = self.value(column)
        return value if isinstance(value, date) else None


def _tender_values(row: CsvRow, people: Directory, today: date,
                   problems: Problems) -> dict[str, object]:
    """The tender columns given on this row, checked: title, commissioner and dates."""
    given: dict[str, object] = {}
    if row.values["title"]:
        given["title"] = _title(row, problems)
    if row.values["commissioner_email"]:
        commissioner = people.someone(row, "commissioner_email", Role.COMMISSIONER, problems)
        given["commissioner_email"] = commissioner  # None when unusable (already reported)
    for column in ("published_on", *(column for column, _, _ in _TENDER_DATES)):
        if row.values[column]:
            given[column] = _date(row, column, problems, today)
    return given


def _merge(plan: _TenderPlan, row: CsvRow, given: dict[str, object], problems: Problems) -> None:
    """Add a row's tender values to the tender; report what contradicts an earlier row."""
    plan.given.update(given)
    for column, value in given.items():
        if value is None:
            continue  # unusable, and reported already
        if column not in plan.values:
            plan.values[column] = (value, row.line)
            continue
        known, line = plan.values[column]
        if known is None or known == value:
            continue
        shown = known.email if isinstance(known, Person) else str(known)
        problems.append((row.line, f"{column} {row.values[column]!r} contradicts line {line} "
                                   f"({shown!r})"))


def _check_bid(row: CsvRow, plan: _TenderPlan, people: Directory, today: date,
               problems: Problems) -> None:
    """Check a row's bid, if it has one, and add it to the tender."""
    before = len(problems)
    values = row.values
    if not values["bidder_email"]:
        for column in ("outcome", "decided_on"):
            if values[column]:
                problems.append((row.line, f"{column} is given but bidder_email is empty"))
        return
    bidder = people.someone(row, "bidder_email", Role.PROVIDER, problems)
    outcome = (values["outcome"] or "pending").lower()
    if outcome not in OUTCOMES:
        problems.append((row.line, f"outcome must be pending, won or lost, not "
                                   f"{values['outcome']!r}"))
    decided = _date(row, "decided_on", problems, today)
    if outcome in ("won", "lost") and not values["decided_on"]:
        problems.append((row.line, f"decided_on is empty; a {outcome} bid needs it"))
    if outcome == "pending" and values["decided_on"]:
        problems.append((row.line, "decided_on is given but the outcome is pending"))
    if decided is not None and decided > today:
        problems.append((row.line, f"decided_on {decided.isoformat()} is in the future"))
    if bidder is not None:
        key = bidder.organisation_id
        if key in plan.bidders:
            problems.append((row.line, f"{bidder.organisation.name} already bids for tender "
                                       f"{plan.reference} on line {plan.bidders[key]}"))
        plan.bidders.setdefault(key, row.line)
    if decided is not None:
        plan.decisions.append((row.line, decided))
    if len(problems) == before and bidder is not None:
        plan.bids.append(_BidRow(row.line, bidder, outcome, decided))


def _check_tender(plan: _TenderPlan, people: Directory, problems: Problems) -> None:
    """The checks of a whole tender: its dates in order, decisions after publication, and a
    reference not yet in the database."""
    # On any of its rows, not the first: the rows of a tender may come in any order.
    for column in TENDER_REQUIRED[1:]:
        if column not in plan.given:
            problems.append((plan.line, f"{column} is empty on every row of tender "
                                        f"{plan.reference}; one of them needs it"))
    previous: tuple[str, date] | None = None
    for column in ("published_on", *(column for column, _, _ in _TENDER_DATES)):
        day = plan.day(column)
        if day is None:
            continue
        if previous is not None and day < previous[1]:
            problems.append((plan.values[column][1], f"{column} {day.isoformat()} is before "
                                                     f"{previous[0]} {previous[1].isoformat()}"))
        previous = (column, day)
    published = plan.day("published_on")
    submitted = plan.day("submission_on")
    for line, decided in plan.decisions:
        if published is not None and decided < published:
            problems.append((line, f"decided_on {decided.isoformat()} is before published_on "
                                   f"{published.isoformat()}"))
        elif submitted is not None and decided < submitted:
            # Session 22's review: a bid "lost" before the bids were in was accepted.
            problems.append((line, f"decided_on {decided.isoformat()} is before submission_on "
                                   f"{submitted.isoformat()}"))
    # A reference is the council's (the commissioner's organisation): another council's
    # tender of that reference is another tender, neither refused nor told of.
    commissioner = plan.value("commissioner_email")
    if isinstance(commissioner, Person):
        tender = people.tender(commissioner.organisation_id, plan.reference)
        if tender is not None:
            _check_award(plan, tender, people, problems)


def _check_award(plan: _TenderPlan, tender: Tender, people: Directory,
                 problems: Problems) -> None:
    """A tender already recorded: the file may decide its pending bids (the award, imported
    after the tender; session 22's review: a tender imported while pending could never start
    its pledge-28 feedback clock), and change nothing else."""
    recorded: dict[str, object] = {
        "title": tender.title, "published_on": tender.published_on,
        **{column: getattr(tender, column) for column, _, _ in _TENDER_DATES}}
    for column, (value, line) in plan.values.items():
        known = (tender.commissioner_id if column == "commissioner_email"
                 else recorded.get(column))
        given = value.id if isinstance(value, Person) else value
        if given is not None and given != known:
            problems.append((line, f"tender {plan.reference} already exists with another "
                                   f"{column}: a file for it may only decide its pending bids"))
    bids = {bid.provider_id: bid for bid in people.session.scalars(
        select(Bid).where(Bid.tender_id == tender.id))}
    before = len(problems)
    early = False  # a decision before the submission date (said once, above or here)
    for item in plan.bids:
        bid = bids.get(item.bidder.organisation_id)
        if bid is None:
            problems.append((item.line, f"{item.bidder.organisation.name} is not a bidder of "
                                        f"tender {plan.reference}, which already exists"))
        elif bid.outcome != "pending" and (bid.outcome, bid.decided_on) != (
                item.outcome, item.decided_on):
            problems.append((item.line, f"{item.bidder.organisation.name}'s bid for tender "
                                        f"{plan.reference} is already recorded as "
                                        f"{bid.outcome} on {bid.decided_on}"))
        elif bid.outcome == "pending" and item.outcome != "pending":
            if (item.decided_on is not None and tender.submission_on is not None
                    and item.decided_on < tender.submission_on):
                # Against the recorded tender too: the file may leave its dates out. A file
                # that gives them was checked by ``_check_tender`` (the trial: said twice).
                if plan.day("submission_on") is None:
                    problems.append((item.line, f"decided_on {item.decided_on.isoformat()} "
                                                f"is before submission_on "
                                                f"{tender.submission_on.isoformat()}"))
                early = True
                continue
            plan.decides.append((bid, item))
    if early:
        return
    if len(problems) == before and not plan.decides:
        problems.append((plan.line, f"tender {plan.reference} already exists"))
    elif len(problems) == before:
        plan.existing = tender


def _write_award(plan: _TenderPlan, session: Session, *, calendar: WorkingCalendar,
                 policy: ReminderPolicy, now: datetime,
                 survey_catalogue: definitions.Catalogue) -> None:
    """Decide the pending bids of a tender already recorded: each bidder's copies of the
    bidding dates close, a lost bid starts its feedback clock (pledge 28), and the award's
    survey opens."""
    tender = plan.existing
    assert tender is not None  # noqa: S101 - checked before writing
    for bid, item in plan.decides:
        bid.outcome, bid.decided_on = item.outcome, item.decided_on
        for copy in session.scalars(select(Deadline).where(
                Deadline.bid_id == bid.id, Deadline.status == DeadlineStatus.OPEN,
                Deadline.rule.in_(BIDDING_RULES))):
            close_deadline(session, copy, status=DeadlineStatus.NOT_APPLICABLE,
                           on=local_date(now, policy.timezone), outcome=f"bid {item.outcome}",
                           actor_id=None, now=now)
        _feedback_clock(session, tender, bid, item, calendar=calendar, policy=policy, now=now)
    _award_survey(session, tender, [item for _bid, item in plan.decides], now=now,
                  catalogue=survey_catalogue)


def _award_survey(session: Session, tender: Tender, bids: list[_BidRow], *, now: datetime,
                  catalogue: definitions.Catalogue) -> None:
    """Once the award is decided (a bid won or lost), its bidders are asked about the
    procurement (pledges 13-22, 28)."""
    decided = [item.decided_on for item in bids if item.decided_on is not None]
    if decided:
        surveys.open_for_award(session, tender, decided_on=max(decided), now=now,
                               catalogue=catalogue)


def _feedback_clock(session: Session, tender: Tender, bid: Bid, item: _BidRow, *,
                    calendar: WorkingCalendar, policy: ReminderPolicy, now: datetime) -> None:
    """A lost bid's pledge-28 clock: feedback to the bidder within 5 working days."""
    if item.outcome != "lost" or item.decided_on is None:
        return
    open_deadline(
        session, rule="bid-feedback",
        reference=_clip(f"{tender.reference} feedback to {item.bidder.organisation.name}"),
        start_on=item.decided_on,
        due_on=schedule("bid-feedback", item.decided_on, calendar).due,
        council_id=tender.council_id, provider_id=item.bidder.organisation_id,
        provider_contact_id=item.bidder.id, commissioner_id=tender.commissioner_id,
        tender_id=tender.id, bid_id=bid.id, calendar=calendar, policy=policy, now=now)


def _write_tender(plan: _TenderPlan, session: Session, *, source: str,
                  calendar: WorkingCalendar, policy: ReminderPolicy, now: datetime,
                  survey_catalogue: definitions.Catalogue) -> None:
    if plan.existing is not None:
        _write_award(plan, session, calendar=calendar, policy=policy, now=now,
                     survey_catalogue=survey_catalogue)
        return
    commissioner = plan.value("commissioner_email")
    published = plan.day("published_on")
    assert isinstance(commissioner, Person)  # noqa: S101 - checked before writing
    assert published is not None  # noqa: S101 - checked before writing
    council_id = commissioner.organisation_id
    tender = Tender(
        reference=plan.reference, council_id=council_id, commissioner_id=commissioner.id,
        title=str(plan.value("title")), published_on=published,
        clarification_on=plan.day("clarification_on"), submission_on=plan.day("submission_on"),
        standstill_end_on=plan.day("standstill_end_on"), created_at=now)
    _save(session, tender, source, plan.line, f"tender {plan.reference} already exists at "
          f"{commissioner.organisation.name}")
    for column, rule, words in _TENDER_DATES:
        due = plan.day(column)
        if due is not None:
            open_deadline(
                session, rule=rule, reference=f"{plan.reference} {words}", start_on=published,
                due_on=due, council_id=council_id, provider_id=None, provider_contact_id=None,
                commissioner_id=commissioner.id, tender_id=tender.id, calendar=calendar,
                policy=policy, now=now)
    today = local_date(now, policy.timezone)
    for item in plan.bids:
        bid = Bid(tender_id=tender.id, provider_id=item.bidder.organisation_id,
                  provider_contact_id=item.bidder.id, outcome=item.outcome,
                  decided_on=item.decided_on, created_at=now)
        session.add(bid)
        session.flush()
        # The bidder's own copy of each tender date still to come that concerns it: the
        # clarification and submission deadlines while its bid is pending, the standstill end
        # whatever the outcome. No commissioner on the copy: they have the tender's own.
        for column, rule, words in _TENDER_DATES:
            due = plan.day(column)
            concerns = rule == "standstill" or item.outcome == "pending"
            if due is not None and due >= today and concerns:
                open_deadline(
                    session, rule=rule, reference=_clip(f"{plan.reference} {words}"),
                    start_on=published, due_on=due, council_id=council_id,
                    provider_id=item.bidder.organisation_id,
                    provider_contact_id=item.bidder.id, commissioner_id=None,
                    tender_id=tender.id, bid_id=bid.id, calendar=calendar, policy=policy,
                    now=now)
        _feedback_clock(session, tender, bid, item, calendar=calendar, policy=policy, now=now)
    _award_survey(session, tender, plan.bids, now=now, catalogue=survey_catalogue)


def import_tenders(factory: sessionmaker[Session], data: bytes, *, source: str,
                   calendar: WorkingCalendar, policy: ReminderPolicy, now: datetime,
                   survey_catalogue: definitions.Catalogue | None = None) -> int:
    """Import a tenders CSV, all or nothing: tenders, their dates as deadlines, and bids.

    A tender whose award is decided (a bid won or lost) opens the "procurement experience"
    survey for its bidders (``survey_catalogue``: the council's definitions, else ours).

    Returns the number of rows imported; raises ImportRejected listing every problem.
    """
    today = _today(now, policy)
    rows, file_problems = read_csv(data, source=source, columns=TENDER_COLUMNS,
                                    required=TENDER_REQUIRED, noun="tenders")

    def check(people: Directory) -> tuple[int, Problems, Callable[[], None]]:
        problems = list(file_problems)
        # A reference is a council's: one file may hold two councils' T-1s, told apart by
        # their commissioners' councils. Every row is read before any is placed, so that a row
        # without a commissioner goes to its reference's one council in the whole file (with
        # two, which is asked), wherever that council's rows are: the same rows in any order
        # make the same tenders.
        read: list[tuple[CsvRow, str, dict[str, object], int | None]] = []
        councils: dict[str, dict[int, None]] = {}  # reference: its councils, in file order
        for row in rows:
            if _empty(row, ("reference",), problems):
                continue
            reference = _reference(row, "reference", TENDER_REFERENCE, 40, problems)
            if reference is None:
                continue
            given = _tender_values(row, people, today, problems)
            commissioner = given.get("commissioner_email")
            council = (commissioner.organisation_id if isinstance(commissioner, Person)
                       else None)
            if council is not None:
                councils.setdefault(reference, {})[council] = None
            read.append((row, reference, given, council))
        plans: dict[tuple[int | None, str], _TenderPlan] = {}
        for row, reference, given, council in read:
            if council is None:
                known = councils.get(reference, {})
                if len(known) > 1:
                    problems.append((row.line, f"tender {reference} is in this file for more "
                                               "than one council; give commissioner_email to "
                                               "say whose"))
                    continue
                council = next(iter(known), None)
            plan = plans.setdefault((council, reference), _TenderPlan(reference, row.line))
            _merge(plan, row, given, problems)
            _check_bid(row, plan, people, today, problems)
        for plan in plans.values():
            _check_tender(plan, people, problems)

        def write() -> None:
            # Read once for the whole file, not once per decided tender.
            catalogue = (survey_catalogue if survey_catalogue is not None
                         else definitions.load(None))
            for plan in plans.values():
                _write_tender(plan, people.session, source=source, calendar=calendar,
                              policy=policy, now=now, survey_catalogue=catalogue)

        return len(rows), problems, write

    return _run(factory, kind="tenders", source=source, now=now, check=check)


# --- contracts -----------------------------------------------------------------------------


@frozen
class _ContractRow:
    line: int
    reference: str
    title: str
    commissioner: Person
    provider: Organisation
    uplift_on: date | None
    ends_on: date | None


_EARLIEST_END = date(1990, 1, 1)


def _ends_on(row: CsvRow, problems: Problems, today: date) -> date | None:
    """The optional ``ends_on`` column: a contract's last day, read as ``_date`` reads dates
    but any day since 1990 and up to ten years ahead (a contract often runs longer than the
    two years chat takes)."""
    text = row.values["ends_on"]
    if not text:
        return None
    try:
        day = parse_day(text)
    except DayError:
        return _date(row, "ends_on", problems, today)  # its problem, in _date's words
    # Any past end (a contract that ended long ago is imported as ended, not current), from
    # 1990 on; up to ten years ahead.
    if _EARLIEST_END <= day <= today + timedelta(days=10 * 366):
        return day
    problems.append((row.line, f"ends_on {day.isoformat()} is too far from today (before 1990 "
                               "or more than 10 years after)"))
    return None


def _check_contract(row: CsvRow, people: Directory, today: date,
                    problems: Problems) -> _ContractRow | None:
    """A contracts row: a reference new at the commissioner's council, a commissioner, a
    provider, the uplift date and the end date, if any."""
    reference = _reference(row, "reference", TENDER_REFERENCE, 40, problems)
    commissioner = people.someone(row, "commissioner_email", Role.COMMISSIONER, problems)
    provider = _organisation(row, "provider", people, problems)
    if provider is not None and provider.kind != OrganisationKind.PROVIDER:
        problems.append((row.line, f"provider {provider.name!r} is a council, not a provider"))
        provider = None
    uplift = _date(row, "uplift_on", problems, today)
    if uplift is not None and uplift > today + timedelta(days=2 * MAX_DAYS_AHEAD):
        problems.append((row.line, f"uplift_on {uplift.isoformat()} is more than two years away"))
    ends = _ends_on(row, problems, today)
    if uplift is not None and ends is not None and uplift > ends:
        problems.append((row.line, f"uplift_on {uplift.isoformat()} is after ends_on "
                                   f"{ends.isoformat()}"))
    # Only the commissioner's own council's contracts count: another council's C-1 is another
    # contract (it was refused as "already exists", which told of it).
    if (reference is not None and commissioner is not None
            and people.contract(commissioner.organisation_id, reference) is not None):
        problems.append((row.line, f"contract {reference} already exists at "
                                   f"{commissioner.organisation.name}"))
    title = _title(row, problems)
    if reference is None or commissioner is None or provider is None or not title:
        return None
    return _ContractRow(row.line, reference, title, commissioner, provider, uplift, ends)


def _title(row: CsvRow, problems: Problems) -> str | None:
    """A contract's or tender's title, naming nobody (session 26's trial: "Care package for
    Mrs Patricia Holmes" was imported as a contract's title)."""
    title = row.values["title"]
    name = a_name(title) if title else None
    if name is not None:
        problems.append((row.line, f"title names a person ({name!r}): use the placement's "
                                   "reference code or initials, never a name"))
        return None
    return title


def _contract_key(row: CsvRow, people: Directory,
                  item: _ContractRow | None) -> tuple[tuple[int, str], str] | None:
    """A row's reference at its council: one file may hold two councils' C-1, not one
    council's twice."""
    if item is None:
        return None
    return ((item.commissioner.organisation_id, item.reference),
            f"reference {item.reference} at {item.commissioner.organisation.name}")


def _write_contract(at: _Writing, item: _ContractRow) -> None:
    contract = Contract(reference=item.reference, title=item.title[:200],
                        council_id=item.commissioner.organisation_id,
                        provider_id=item.provider.id, commissioner_id=item.commissioner.id,
                        uplift_on=item.uplift_on, ends_on=item.ends_on, created_at=at.now)
    _save(at.session, contract, at.source, item.line,
          f"contract {item.reference} already exists at {item.commissioner.organisation.name}")
    if item.uplift_on is None or item.uplift_on < at.today:
        return
    contact = at.people.first_active(item.provider.id, Role.PROVIDER)
    open_deadline(
        at.session, rule="uplift", reference=f"{item.reference} uplift",
        start_on=at.today, due_on=item.uplift_on,
        council_id=contract.council_id, provider_id=contract.provider_id,
        provider_contact_id=contact.id if contact is not None else None,
        commissioner_id=contract.commissioner_id, contract_id=contract.id,
        calendar=at.calendar, policy=at.policy, now=at.now)


# A contracts CSV, all or nothing; a future uplift date becomes a deadline (pledge 7), due on
# the date the contract gives (kept even on a weekend), reminding the commissioner and the
# provider's first active contact.
import_contracts = _RowImport("contracts", CONTRACT_COLUMNS, CONTRACT_REQUIRED,
                              _check_contract, _contract_key, _write_contract)


# --- files ---------------------------------------------------------------------------------

_IMPORTERS: dict[str, Callable[..., int]] = {
    "contracts": import_contracts,
    "placements": import_placements,
    "invoices": import_invoices,
    "tenders": import_tenders,
}


def import_file(kind: str, factory: sessionmaker[Session], path: Path, **kw: object) -> int:
    """Read ``path`` and import it as ``kind`` (contracts, placements, invoices or tenders).

    ``kw`` are the importer's keywords (calendar, policy, now); the source is the path.
    """
    importer = _IMPORTERS.get(kind)
    if importer is None:
        raise ValueError(f"unknown import {kind!r}; choose one of: {', '.join(KINDS)}")
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise ImportRejected([f"{path}: cannot read the file: {reason}"]) from None
    return importer(factory, data, source=str(path), **kw)
