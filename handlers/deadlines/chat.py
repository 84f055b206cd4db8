"""Deadlines in chat: placements, reviews, condition changes, invoices, tenders and reminders."""

from __future__ import annotations

import re
from calendar import monthrange
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot import forms
from bot.dispatch import HELD, nearest_word
from bot.errors import BadInput
from bot.messages import Button, Form, FormField, Incoming, Notification, Reply
from bot.models import (
    AuditEvent,
    Bid,
    Deadline,
    DeadlineStatus,
    Invoice,
    OfferedButtons,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    Person,
    Placement,
    Reminder,
    ReminderStatus,
    Role,
    Tender,
    TenderFollower,
)
from bot.registry import OFFER_SHOWN, WORDS_ANSWERED
from bot.templates import day_words, shortened
from handlers.buttons import buttons_for
from handlers.deadlines import store as clocks
from handlers.deadlines.store import REVIEW_RULES
from handlers.deadlines.sweep import SNOOZE_WEEK
from handlers.deps import Ctx
from handlers.formats import (
    INVOICE_NUMBER,
    LATER_WEEK,
    LATER_WEEK_GROUPS,
    MONTH_WORDS,
    PLACEMENT_REFERENCE,
    WEEKDAY_WORDS,
    AmountError,
    DayError,
    command_words,
    council_named,
    council_names,
    courtesy_words_only,
    day_in_words,
    distinct_council_name,
    in_window,
    later_week,
    later_week_said,
    looks_like_a_name,
    numbered_day,
    parse_day,
    pence,
    reference_answer,
    reference_at,
    reference_key,
    reference_like,
    short_council_name,
    week_on,
    weekday_date_said,
    weekday_on_a_date_to_come,
    weekday_said,
    weekday_to_come,
    weekday_with_date,
    without_names,
    words_with_days,
    year_after_day,
)
from handlers.identifiers import identifiers_removed, without_identifiers
from handlers.people.away import cover_on
from handlers.people.directory import name_in, person_named
from knowledge.names import GIVEN_NAMES
from scheduler.rules import payment_clocks, schedule

# The longest outcome or reason a deadline keeps (``Deadline.outcome``); a longer one is cut
# between words, so what the other side is told never ends mid-word.
MAX_OUTCOME = 500


def today(ctx: Ctx) -> date:
    """The sender's local date."""
    return clocks.local_date(ctx.now, ctx.person.timezone)


def parse_date(text: str, ctx: Ctx, *, what: str = "date", toward: str = "either") -> date:
    """YYYY-MM-DD, DD/MM/YYYY (also with "." or "-", or a two-digit year), DD/MM (this
    year's, or last year's when that is well ahead), "3 Dec", "today", "yesterday",
    "tomorrow", or a weekday ("friday", "last friday", "next monday"); a clear BadInput
    otherwise. Every command's dates are read here (session 30's trial: "/placement new" read
    "monday", "/placement end" did not).

    ``toward``: which a bare weekday means, "past" (the latest, today included: a review
    done, a change notified, an invoice received or paid), "future" (the coming one: a
    placement's start), or "either" (a placement's end): then which is asked, never guessed.
    Whether the day may be past or to come is the command's to check.
    """
    word = text.strip().lower()
    dated = weekday_date_said(word, today(ctx), toward)
    if dated is not None:
        # "thursday 17th", "thursday week": the date given; a weekday not its date's, asked.
        if len(dated) > 1:
            raise _unreadable(ctx, "weekday_date", what=what, text=text.strip(), days=dated)
        if not in_window(dated[0], today(ctx)):
            raise _unreadable(ctx, "date_too_far", what=what, day=dated[0])
        return dated[0]
    # "thursday next week", "a fortnight on friday": read as chat reads them, one grammar
    # (``formats.LATER_WEEK``; session 46's brief: every command refused them).
    later = later_week_said(word, today(ctx))
    if later is not None:
        if len(later) != 1:
            raise _unreadable(ctx, "date", what=what, text=text)
        if not in_window(later[0], today(ctx)):
            raise _unreadable(ctx, "date_too_far", what=what, day=later[0])
        return later[0]
    said = weekday_said(word, today(ctx))
    coming_days = weekday_to_come(word, today(ctx)) if toward != "past" else None
    if coming_days is not None and len(coming_days) == 2:
        # "next thursday" said on a Wednesday: tomorrow, or the week after? As chat asks
        # (``weekday_to_come``), both are named, nothing recorded (session 46's brief: a
        # command read it as tomorrow).
        raise _unreadable(ctx, "weekday_date", what=what, text=text.strip(), days=coming_days)
    if said is not None:
        past, coming = said
        if past == coming or toward == "past":
            day = past
        elif toward == "future":
            day = coming
        else:
            raise _unreadable(ctx, "which_weekday", what=what, text=text.strip(),
                              past=past, coming=coming)
        if not in_window(day, today(ctx)):
            raise _unreadable(ctx, "date_too_far", what=what, day=day)
        return day
    if word == "today":
        return today(ctx)
    if word == "yesterday":
        return today(ctx) - timedelta(days=1)
    if word == "tomorrow":  # read, so a command that wants a past day can say why not
        return today(ctx) + timedelta(days=1)
    try:
        parsed = parse_day(word, today(ctx))
    except DayError as error:
        # "3 Dec 2026", "3rd of December": the month in words (``words_with_days``).
        written = day_in_words(word, today(ctx))
        if written is None:
            problem = "no_such_date" if error.problem == "unreal" else "date"
            raise _unreadable(ctx, problem, what=what, text=text) from None
        parsed = written
    if not in_window(parsed, today(ctx)):
        raise _unreadable(ctx, "date_too_far", what=what, day=parsed)
    return parsed


def parse_amount(text: str, ctx: Ctx, *, typed: str | None = None) -> int:
    """An amount in pounds as integer pence, read as every invoice command reads one
    (``amount_typed``: "£1,234.56", "£2k", "1.5k", "forty pounds"); a clear BadInput
    otherwise, quoting ``typed`` (the words as typed, "0 pounds") when they are not ``text``.
    (Session 41's brief: "£2k" was read by /invoice disputed and refused by /invoice
    received.) A comma with one or two figures after it ("120,50", "£12,5": ``comma_readings``)
    is asked about with both sums it may be, never read as either."""
    said = amount_typed(text.strip())
    figure = pounds_typed(said.figure) if said is not None and not said.rest.strip() else text
    readings = comma_readings(figure)
    if readings is not None:
        # Two figures after the comma ("£850,00") are pence written with a comma, the usual
        # way on the Continent: that sum alone is asked about (session 44's brief: "£85,000?"
        # was asked too); one figure ("£12,5") may as well be a slip, so both are.
        offered = readings[:1] if pence_with_a_comma(figure) else readings
        raise AmountUnsure(ctx.render("deadlines_unreadable.txt", problem="amount_comma",
                                      text=typed or text, readings=offered),
                           typed=typed or text, figure=figure, readings=offered)
    try:
        return pence(figure)
    except AmountError as error:
        problem = {"unreadable": "amount", "too_large": "amount_too_large"}.get(
            error.problem, "amount_not_positive")
        raise _unreadable(ctx, problem, text=typed or text) from None


class AmountUnsure(BadInput):
    """An amount whose comma may be a decimal point or a slip ("£12,5": £12.50 or £125?),
    never guessed: asked about (``readings``: the sums offered, the usual one first) with the
    words as typed (``typed``) and the figure read (``figure``), so the command can be asked
    again with each sum in its place (``asking_amount``)."""

    def __init__(self, message: str, *, typed: str, figure: str,
                 readings: tuple[str, ...]) -> None:
        """Keep the words refused and the sums they may be."""
        super().__init__(message)
        self.typed = typed
        self.figure = figure
        self.readings = readings


def _unreadable(ctx: Ctx, problem: str, **data: object) -> BadInput:
    """What was typed can't be read: the words of ``deadlines_unreadable.txt``."""
    return BadInput(ctx.render("deadlines_unreadable.txt", problem=problem, **data))


def _refused(ctx: Ctx, problem: str, *, field: str | None = None, **data: object) -> BadInput:
    """What was asked can't be done: the words of ``deadlines_refused.txt`` (``field``: the
    form answer at fault, asked again when the words came from a form)."""
    return BadInput(ctx.render("deadlines_refused.txt", problem=problem, **data), field=field)


def _usage(ctx: Ctx, command: str, *, typed: str | None = None,
           subcommands: tuple[str, ...] = ()) -> BadInput:
    """How a command is written: the words of ``deadlines_usage.txt``; ``typed``, a word that
    is none of the command's ``subcommands`` but close to one ("recieved"), is answered "Did
    you mean /invoice received?" first, as an unknown command is (session 33's trial: it got
    the usage line alone, where "/remiders" got a did-you-mean)."""
    near = nearest_word(typed, subcommands) if typed and typed.lower() not in subcommands else None
    # A word that is no subcommand and near none: the words typed are said not understood
    # before the usage (session 34's brief: "/invoice hello" got the usage line alone).
    unclear = (ctx.args.strip() if typed and typed.lower() not in subcommands and not near
               else None)
    return BadInput(ctx.render("deadlines_usage.txt", command=command,
                               typed=f"{command} {typed}", near=f"{command} {near}" if near
                               else None, unclear=unclear))


def _reference(text: str, what: str, ctx: Ctx) -> str:
    if not PLACEMENT_REFERENCE.match(text):
        raise _unreadable(ctx, "reference", text=text, what=what)
    if what == "placement" and looks_like_a_name(text):
        raise _unreadable(ctx, "name_as_reference", text=text)
    return text.upper()


def _reference_first(ctx: Ctx, words: list[str]) -> list[str]:
    """A command's words with a day typed before the placement's reference put after it
    ("/review done 20/11/2026 RC-102": session 33's trial got "I don't know a placement
    '20/11/2026'"): only when the first word is no placement of theirs and reads as a day,
    and the second is one of their placements."""
    if len(words) < 2 or not _a_day(words[0], ctx):
        return words
    seen = clocks.placements_seen
    if seen(ctx.session, ctx.person, [words[0]]) or not seen(ctx.session, ctx.person, [words[1]]):
        return words
    return [words[1], words[0], *words[2:]]


_MONTH = re.compile(rf"(?:{MONTH_WORDS})\.?", re.IGNORECASE)


def _a_date_or_month(word: str, ctx: Ctx) -> bool:
    """Whether ``word`` reads as a day (as ``parse_date`` reads one) or a month's name."""
    return _MONTH.fullmatch(word.strip()) is not None or _a_day(word, ctx)


def _a_day(word: str, ctx: Ctx) -> bool:
    """Whether ``word`` reads as a day, as ``parse_date`` reads one."""
    lowered = word.strip().lower()
    return (lowered in ("today", "yesterday", "tomorrow")
            or weekday_said(lowered, today(ctx)) is not None
            or day_in_words(lowered, today(ctx)) is not None)


def _no_name(ctx: Ctx, text: str | None) -> None:
    """An outcome or reason is kept with the deadline and shown to both sides: never a name of
    someone receiving care (session 25's trial: "/not-applicable 22 Patricia Holmes moved to
    hospital" was kept and repeated; its review: "/done" and "/review done" kept them too)."""
    name = name_in(ctx.session, text) if text else None
    if name is not None:
        raise _refused(ctx, "a_name", name=name)


def _without_identifiers(text: str | None) -> str | None:
    """An outcome or reason as kept and told to the other side: without an NHS number, a date
    of birth, an address, a phone number or an age (``handlers.identifiers``; session 37's
    brief: "/done 4 went well, she is 91 now, family on 07700 900123" and a placement-ended
    reason with the new address were kept and told word for word)."""
    return without_identifiers(text) if text else text


def _identifiers_told(ctx: Ctx, kept: str | None, replies: list[Reply]) -> list[Reply]:
    """``replies``, the last telling once what was taken out of the words ``kept``."""
    removed = identifiers_removed(kept or "")
    if not removed or not replies:
        return replies
    last = replies[-1]
    told = ctx.render("identifiers_removed.txt", removed=removed)
    return [*replies[:-1], replace(last, text=f"{last.text}\n{told}")]


def _not_future(day: date, ctx: Ctx, what: str) -> None:
    if day > today(ctx):
        raise _unreadable(ctx, "date_in_future", what=what, day=day)


def _placement(ctx: Ctx, reference: str, after: list[str] | None = None, *, command: str,
               dated: bool = False, prose: bool = False
               ) -> tuple[Placement, list[str], str | None]:
    """The placement ``reference`` names among those the sender may see, the words ``after``
    it without a council's name, and its council's name when the sender has the reference at
    more than one council (for the reply to say which), else None.

    A reference is a council's, so two councils may each have an RC-104: the sender's is
    chosen in the query (``clocks.placements_seen``: a provider's own, council staff's council's,
    an admin's too); another organisation's is answered as unknown, as one that does not exist.
    A provider with an RC-104 at two councils says which by the council's name right after the
    reference (or, ``dated``, after the date that follows it, as ``/invoice paid NUMBER [DATE]
    [PROVIDER]`` takes the provider's); without it, which is asked (``command`` says how),
    never guessed.

    Any council's name there counts, not only the sender's: one whose placement it is not is
    refused, naming the sender's (session 27's review: "/review done RC-200 Northshire" closed
    Southshire's RC-200 with the outcome "Northshire"). Where free text follows (``prose``:
    the outcome of ``/review done``), a council's short name followed by more words may begin
    it ("RC-400 reading the care plan went well", with a council called Reading): a name counts
    only followed by nothing, a date or punctuation, or typed whole ("Reading Borough
    Council"); otherwise which council is asked, or the words are kept as the outcome when
    they name the one council the sender has the reference with.
    """
    found = clocks.placements_seen(ctx.session, ctx.person, [reference])
    if not found:
        raise _refused(ctx, "unknown_placement", reference=reference)
    words = list(after or ())
    councils = {placement.council_id: name for placement, name in found}
    every = clocks.council_names(ctx.session) if words else {}
    unclear: str | None = None  # a council's short name that may begin the outcome
    unclear_council = ""
    for at in (0, 1) if dated else (0,):
        named = council_named(words[at:], every) or council_named(words[at:], councils)
        if named is None:
            continue
        council_id, length = named
        if prose and not _council_alone(words[at:], length, every[council_id]):
            unclear, unclear_council = " ".join(words[at:at + length]), every[council_id]
            if council_id in councils and len(councils) == 1:
                unclear = None  # the name of the placement's own council: kept as said
            break
        if council_id not in councils:
            raise _refused(ctx, "not_your_council", reference=found[0][0].reference,
                           council=every[council_id], yours=sorted(councils.values()),
                           unclear=None)
        found = [(p, name) for p, name in found if p.council_id == council_id]
        words = words[:at] + words[at + length:]
        break
    if unclear is not None and len(found) == 1:
        # Another council's name, or the start of the outcome: never guessed.
        raise _refused(ctx, "not_your_council", reference=found[0][0].reference,
                       council=unclear_council,
                       yours=[found[0][1]], unclear=unclear,
                       example=short_council_name(found[0][1]))
    if len(found) > 1:
        names = [name for _placement, name in found]
        # The example names one council alone, so it answers the question: two councils of
        # one short name ("Northshire County Council", "Northshire Borough Council") were
        # asked about again and again.
        raise _refused(ctx, "placement_ambiguous", reference=found[0][0].reference,
                       command=command, councils=names,
                       example=distinct_council_name(names[0], names), unclear=unclear)
    return found[0][0], words, found[0][1] if len(councils) > 1 else None


# A day typed after a council's name ("RC-104 Northshire 3/12/2026", "... 3rd", "... 3 Dec",
# "... on 3/12", "... today"): the name is the council's, not the start of an outcome.
# A day after a council's short name: a date with its separators, a day and its month ("3
# December", "3rd of Dec"), an ordinal alone at the end ("the 3rd"), today or yesterday. Not
# a number and a word (the final review: "Reading 2 carers visited" closed Reading's review).
_A_DAY_NEXT = re.compile(
    r"^(?:on\s+|the\s+)?(?:\d{1,4}[-/.]\d|\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:jan|feb|mar|apr"
    r"|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{1,2}(?:st|nd|rd|th)[.,]?$|(?:today|yesterday)"
    r"\b(?!')(?!\s*s\b))", re.IGNORECASE)


def _council_alone(words: list[str], length: int, name: str) -> bool:
    """Whether the council's name that ``words`` start with (``length`` words of them) stands
    alone, so is the council's and not the start of free text: nothing follows it, punctuation
    ends it or starts what follows, a day follows it, or it was typed longer than its short
    name ("Reading Borough Council")."""
    after = words[length:]
    if not after or words[length - 1][-1:] in ",;:.)" or after[0][:1] in ",;:-(":
        return True
    if length > len(short_council_name(name).split()):
        return True
    return _A_DAY_NEXT.match(" ".join(after)) is not None


def _shared_council(ctx: Ctx, placement: Placement) -> str | None:
    """The council's name of ``placement`` when the sender is of its provider and the provider
    holds its reference at another council too, else None (``_shared_councils``)."""
    return _shared_councils(ctx, placement, [ctx.person])[ctx.person.id]


def _shared_councils(ctx: Ctx, placement: Placement,
                     people: list[Person]) -> dict[int, str | None]:
    """For each of ``people`` (by id), the council's name of ``placement`` when they are of its
    provider and the provider holds its reference at another council too, else None: said
    beside the reference so the provider can tell its two RC-104s apart. Read once for them
    all, and only when one of them is the provider's."""
    theirs = {person.id for person in people if person.role == Role.PROVIDER
              and person.organisation_id == placement.provider_id}
    shared = (clocks.shared_references(ctx.session, [placement.id]).get(placement.id)
              if theirs else None)
    return {person.id: shared if person.id in theirs else None for person in people}


def _labelled(reference: str, council: str | None) -> str:
    """A reference as shown: "RC-104 initial review (Southshire)" with a council, else as it is."""
    return f"{reference} ({council})" if council else reference


def _deadline_shown(ctx: Ctx, deadline: Deadline) -> str:
    """A deadline's reference as the sender is shown it (``clocks.council_shown``)."""
    return _labelled(deadline.reference,
                     clocks.council_shown(ctx.session, ctx.person, [deadline]).get(deadline.id))


def show_reminders(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/reminders: my own open deadlines; /reminders council: the council's (council staff)."""
    words = command_words(ctx.args)  # "/reminders please" (session 34's brief)
    staff = ctx.person.role in (Role.COMMISSIONER, Role.ADMIN)
    if words not in ([], ["council"]):
        raise _usage(ctx, "reminders", typed=" ".join(words))
    council = bool(words)
    if council and not staff:
        raise _refused(ctx, "council_staff_only")
    on = today(ctx)
    deadlines = clocks.open_deadlines_for(ctx.session, ctx.person, today=on, council=council)
    names: dict[int, str] = {}
    if council:
        names = {person_id: name for person_id, name in ctx.session.execute(
            select(Person.id, Person.name).where(
                Person.id.in_({d.commissioner_id for d in deadlines if d.commissioner_id})))}
    # Council staff see whose invoice it is: two providers may number theirs the same
    # (session 26's trial: "invoice INV-2001" twice, with nothing to tell them apart); so does
    # a provider of a subcontractor's invoice it must pay (whom it pays; a subcontractor may
    # number one as the provider numbers its own).
    mine = ctx.person.organisation_id
    issuers = {d.provider_id for d in deadlines if d.invoice_id and d.provider_id
               and (staff or d.provider_id != mine)}
    # A provider's own invoices name whom each is to when they go to more than one payer (a
    # council, or a prime provider for a subcontract); to one payer, they read as they are.
    payers: dict[int, int] = {}
    if not staff:
        payers = {invoice_id: payer_id for invoice_id, payer_id in ctx.session.execute(
            select(Invoice.id, Invoice.payer_id).where(Invoice.id.in_(
                {d.invoice_id for d in deadlines if d.invoice_id and d.provider_id == mine})))}
        if len(set(payers.values())) < 2:
            payers = {}
    names_of = {organisation_id: name for organisation_id, name in ctx.session.execute(
        select(Organisation.id, Organisation.name).where(
            Organisation.id.in_(issuers | set(payers.values()))))} if issuers or payers else {}
    # A provider with an RC-104 at two councils sees whose each of their reviews is (they
    # read the same); a reference held at one council reads as it is.
    councils = clocks.council_shown(ctx.session, ctx.person, deadlines)
    # A review said booked for a day to come is shown booked, not overdue, until that day has
    # passed (session 44's brief: it read OVERDUE, the booking nowhere).
    booked = booked_reviews(ctx.session, deadlines, on)
    items = []
    for item in deadlines:
        payment = clocks.invoice_clocks(item, ctx.deps.calendar)
        standing = payment.standing(on) if payment is not None else None
        aim_on = payment.aim if payment is not None else None
        next_on = aim_on if aim_on is not None and standing == "within-aim" else item.due_on
        booked_on = booked.get(item.id)
        items.append({"id": item.id, "title": clocks.RULE_TITLES.get(item.rule, item.rule),
                      "reference": item.reference, "due_on": item.due_on,
                      "days": (item.due_on - on).days, "aim_on": aim_on, "standing": standing,
                      "next_on": next_on, "who": names.get(item.commissioner_id or 0),
                      "provider": names_of.get(item.provider_id or 0)
                      if item.provider_id in issuers and item.invoice_id else None,
                      "payer": names_of.get(payers.get(item.invoice_id or 0, 0)),
                      "council": councils.get(item.id),
                      "part_disputed": clocks.part_disputed_words(item),
                      "booked_on": booked_on,
                      "booked_today": booked_on == on})
    items.sort(key=lambda item: (item["booked_on"] or item["next_on"], item["id"]))
    overdue = sum(1 for item in deadlines if item.due_on < on and item.id not in booked)
    council_name = None
    if council:
        council_name = ctx.person.organisation.name  # an admin's too (session 25's review)
    return [Reply(text=ctx.render("deadlines_reminders.txt", items=items, overdue=overdue,
                                  council=council_name, staff=staff))]


def booked_reviews(session: Session, deadlines: list[Deadline], on: date) -> dict[int, date]:
    """The day each open review among ``deadlines`` is booked for, by id: the day the last
    answer about it said it is booked for (``clocks.booked_days``: under "Did it happen?", or
    told unprompted), while that day is ``on`` or still to come. One that has passed with no
    review recorded, or a later answer with no day, books none: the review is due again."""
    said = clocks.booked_days(session, [deadline.id for deadline in deadlines
                                        if deadline.rule in REVIEW_RULES])
    return {deadline_id: day for deadline_id, day in said.items() if day >= on}


def placement_command(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/placement new REF START OTHER_EMAIL | /placement list."""
    words = words_with_days(ctx.args.split())
    if words[:1] == ["list"]:
        return _list_placements(ctx)
    if words[:1] == ["end"]:
        return _end_placement(ctx, words[1:])
    if words[:1] == ["reopen"]:
        return _reopen_placement(ctx, words[1:])
    if words[:1] == ["new"] and _a_persons_name(words[1:3], ctx):
        # "/placement new Mrs Jones 1/12/2026 ..." (session 35's trial: the usage line alone):
        # why, then how it is written; nothing is kept.
        raise BadInput(ctx.render("deadlines_usage.txt", command="placement", typed=None,
                                  near=None, unclear=None, named=True))
    if words[:1] == ["new"] and 4 < len(words) <= 7 and "@" not in " ".join(words[3:]):
        # A full name for the other side ("/placement new RC-104 1/11/2026 Priya Shah": session
        # 33's second trial got the usage line), read as /away and /case REF reassign read one.
        words = [*words[:3], " ".join(words[3:])]
    if words[:1] != ["new"] or len(words) > 4:
        raise _usage(ctx, "placement", typed=words[0] if words else None,
                     subcommands=("new", "end", "reopen", "list"))
    if ctx.person.role not in (Role.PROVIDER, Role.COMMISSIONER):
        raise _refused(ctx, "admin_placement")
    if len(words) < 4:
        # What is missing is asked for, one question at a time (issue 11: a command missing
        # its words asks for them; session 26's trial: the next lines went to the knowledge
        # base as questions). What was given is kept.
        return forms.start(ctx, PLACEMENT_FORM.form_id,
                           initial=dict(zip(("reference", "started", "other"), words[1:],
                                            strict=False)))
    return _new_placement(ctx, words[1], words[2], words[3])


_TITLES = frozenset(("mr", "mrs", "ms", "miss", "mx", "dr"))


def _a_persons_name(words: list[str], ctx: Ctx) -> bool:
    """Whether the first two of a new placement's words are a person's name typed where its
    reference goes: a title and a word ("Mrs Jones", "Dr. Patel"), or a known given name and a
    word ("Mary Smith"), the word no day and no reference (it has no digit)."""
    if len(words) < 2 or any(char.isdigit() for char in words[1]) or _a_day(words[1], ctx):
        return False
    first = words[0].rstrip(".").casefold()
    return (first in _TITLES or first in GIVEN_NAMES) and words[1][:1].isalpha()


PLACEMENT_FORM = Form(form_id="placement-new", title="New placement", fields=(
    FormField(name="reference", label="What is the placement's reference?",
              hint="The council's code for it, such as RC-0052: never the person's name.",
              max_length=32, slot=True),
    FormField(name="started", label="When did it start (or when will it)?",
              hint="A day such as 01/12/2026, 1 Dec 2026 or monday.", max_length=40,
              slot=True),
    FormField(name="other", label="Who is the other side's contact?",
              hint="Their e-mail: a provider gives the commissioner's, a commissioner the "
                   "provider contact's.", max_length=254),
))


def check_placement_reference(value: str, ctx: Ctx) -> str:
    """The form's reference, read as ``/placement new`` reads it (a name refused)."""
    try:
        return _reference(value.strip().split()[0] if value.strip() else "", "placement", ctx)
    except BadInput as problem:
        raise BadInput(str(problem), field="reference") from None


def check_placement_start(value: str, ctx: Ctx) -> str:
    """The form's start day, read as ``/placement new`` reads it (as YYYY-MM-DD)."""
    return _start_day(value, ctx).isoformat()


def _start_day(word: str, ctx: Ctx) -> date:
    """A placement's start: "monday", "tomorrow" (the coming one; session 22's review: a new
    resident "starting monday" could not be added without working out the date), or a date,
    not more than a year ahead."""
    try:
        started = parse_date(word, ctx, what="start date", toward="future")
        if started > today(ctx) + timedelta(days=366):
            raise _refused(ctx, "start_too_far")
    except BadInput as problem:
        raise BadInput(str(problem), field="started") from None
    return started


def submit_placement(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The new-placement form answered: as ``/placement new REF START EMAIL``; a refusal names
    the answer at fault (``BadInput.field``), which the form asks again."""
    values = {name: str(incoming.form_values.get(name, "")).strip()
              for name in ("reference", "started", "other")}
    return _new_placement(ctx, values["reference"], values["started"], values["other"])


def _new_placement(ctx: Ctx, reference_word: str, start_word: str,
                   email: str) -> list[Reply]:
    """Add a placement (``/placement new`` or its form)."""
    return _add_placement(ctx, check_placement_reference(reference_word, ctx),
                          _start_day(start_word, ctx), email)


def _add_placement(ctx: Ctx, reference: str, started: date, email: str) -> list[Reply]:
    """Add the placement ``reference`` started on ``started`` with the person at ``email``
    (a provider names the commissioner, a commissioner the provider contact)."""
    other = ctx.session.scalars(select(Person).where(
        Person.email == email.lower())).first()
    me = ctx.person
    # Only a provider or a commissioner gets here: ``placement_command`` refuses anyone else
    # first, and the form's route takes only those two roles (the router checks it at every
    # answer), so an admin's branch here was never reached.
    provider = me.role == Role.PROVIDER
    # Someone who has left, or who is not a commissioner (an admin, say), is said as such
    # (session 25's trial: both were "I don't know a commissioner").
    wanted = Role.COMMISSIONER if provider else Role.PROVIDER
    meant: list[Person] = []
    if other is None and "@" not in email:
        # A name, as "/case REF reassign priya" reads one (session 33's trial): among the
        # active commissioners (to a provider) or provider contacts (to a commissioner).
        other, meant = person_named(list(ctx.session.scalars(select(Person).where(
            Person.active.is_(True), Person.role == wanted).order_by(Person.id))), email)
    if other is not None and (not other.active or other.role != wanted):
        # Said by the address typed, not the person's name or role (session 25's review).
        raise _refused(ctx, "not_active" if not other.active else "not_a",
                       email=other.email, role=wanted.value, field="other")
    if other is None:
        raise _refused(ctx, "unknown_commissioner" if provider else "unknown_provider_contact",
                       email=email, field="other", meant=meant)
    if other.safeguarding_lead:
        # The hub gets every concern; a placement's reviews and invoices are a commissioner's
        # (session 33's second trial: the hub was accepted as a placement's commissioner).
        raise _refused(ctx, "hub_not_commissioner", name=other.name, field="other")
    commissioner, contact = (other, me) if provider else (me, other)
    # A reference is the council's: only the council's own placements can hold it already
    # (another council's RC-104 is another person, and no business of this sender's).
    council = ctx.session.get_one(Organisation, commissioner.organisation_id)
    holder = ctx.session.scalars(select(Placement.provider_id).where(
        Placement.council_id == council.id,
        Placement.reference == reference)).first()
    if holder is not None:
        # A provider is not told that another provider holds it (pledge 3; session 30's
        # trial: "already in use ... choose another", but the code is the council's to give):
        # the council checks it. Its own placement, and council staff, get the plain reason.
        problem = ("reference_check" if provider and holder != me.organisation_id
                   else "reference_taken")
        raise _refused(ctx, problem, reference=reference, council=council.name,
                       field="reference", own=provider)
    # The same reference written another way ("RC-0105", "rc105" for RC-105: its
    # ``reference_key``), which every look-up would take for the one recorded: refused, never
    # a second placement (session 35's trial). Refused rather than asked to confirm: two
    # placements alike could then never be told apart. Another provider's is not said.
    key = reference_key(reference)
    alike = [(stored, provider_id) for stored, provider_id in ctx.session.execute(
        select(Placement.reference, Placement.provider_id).where(
            Placement.council_id == council.id,
            Placement.reference.like(reference_like(key), escape="\\")).order_by(Placement.id))
        if reference_key(stored) == key]
    if alike:
        stored, holder = alike[0]
        if provider and holder != me.organisation_id:
            raise _refused(ctx, "reference_check", reference=reference, council=council.name,
                           field="reference")
        raise _refused(ctx, "reference_alike", reference=reference, stored=stored,
                       field="reference")
    placement = Placement(reference=reference, council_id=commissioner.organisation_id,
                          provider_id=contact.organisation_id, commissioner_id=commissioner.id,
                          provider_contact_id=contact.id, started_on=started, created_at=ctx.now)
    ctx.session.add(placement)
    ctx.session.flush()
    deadline = open_review(ctx, placement, "initial-review", started)
    ctx.audit("placement.created", subject=f"placement:{placement.id}")
    # A provider's second RC-104 (at another council) is named with its council.
    shown = _labelled(reference, _shared_council(ctx, placement))
    overdue_days = (today(ctx) - deadline.due_on).days
    told = _tell_other_side_of_placement(ctx, placement, deadline, overdue_days)
    # A placement that started long ago: whether its first review happened is asked, not
    # assumed missed (session 31's trial: it was only "please arrange it now").
    buttons = _past_review_buttons(deadline, overdue_days)
    return [Reply(text=ctx.render("deadlines_placement_added.txt", reference=shown,
                                  started_on=started, review_due=deadline.due_on,
                                  overdue_days=overdue_days, told=told, plain=reference,
                                  told_at=None if provider else other.organisation.name),
                  buttons=buttons)]


def _tell_other_side_of_placement(ctx: Ctx, placement: Placement, review: Deadline,
                                  overdue_days: int) -> list[str]:
    """Someone added ``placement``: the other side's person (its commissioner when a provider
    added it, its provider contact when a commissioner did: the one its reminders go to) is
    told through the outbox, and their cover too while they are away (session 31's trial: the
    council heard nothing; session 32's brief: nor did the provider). Returns the names of
    those told."""
    provider = ctx.person.role == Role.PROVIDER
    named = ctx.session.get_one(
        Person, placement.commissioner_id if provider else placement.provider_contact_id)
    told = [named]
    cover = cover_on(ctx.session, named, today(ctx))
    if cover is not None and cover.id != ctx.person.id:
        told.append(cover)
    councils = _shared_councils(ctx, placement, told)
    for person in told:
        ctx.notify(Notification(
            person_id=person.id, kind="placement.added",
            text=ctx.render("deadlines_placement_told.txt", name=ctx.person.name,
                            organisation=ctx.person.organisation.name,
                            reference=_labelled(placement.reference, councils[person.id]),
                            started_on=placement.started_on, review_due=review.due_on,
                            overdue_days=overdue_days, to_provider=not provider,
                            covering=named.name if person is not named else None),
            idempotency_key=f"placement-added:{placement.id}:{person.id}"))
    return [person.name for person in told]


# The answers to "the initial review was due on DATE: did it happen?" (and to the same question
# of a next 6-monthly review already past its day), each on the review's id.
PAST_REVIEW_DONE = "placement.past-review.done"
PAST_REVIEW_NOT_HELD = "placement.past-review.not-held"
PAST_REVIEW_UNSURE = "placement.past-review.unsure"


def _past_review_buttons(review: Deadline, overdue_days: int) -> tuple[Button, ...]:
    """Yes (done on its due day) / No / Not sure, under a new placement whose initial review
    was due before today, or a review recorded whose next one was; none otherwise."""
    if overdue_days <= 0:
        return ()
    return buttons_for(str(review.id), (
        (f"Yes, done on {day_words(review.due_on)}", PAST_REVIEW_DONE),
        ("No", PAST_REVIEW_NOT_HELD), ("Not sure", PAST_REVIEW_UNSURE)))


def past_review_answered(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The answer to whether a past review happened (a new placement's initial review, or the
    next 6-monthly one already due when the one before was recorded): Yes records it done on
    its due day (and starts the next 6-monthly clock from then, asked about in turn when that
    one has passed too); No and Not sure are recorded (in the audit log) and leave it open,
    overdue, with what to do."""
    review = _deadline_from(incoming.action_value, ctx)
    if review.placement_id is None or review.rule not in ("initial-review", "monitoring"):
        raise _refused(ctx, "unknown_deadline")
    placement = ctx.session.get_one(Placement, review.placement_id)
    council = _shared_council(ctx, placement)
    if review.due_on >= today(ctx):
        # Only asked of a review already past its day; a press forged, or kept from another
        # placement's question, recorded one done on a day still to come (session 31's review).
        raise _refused(ctx, "review_not_due", reference=_labelled(placement.reference, council),
                       due_on=review.due_on, plain=placement.reference,
                       monitoring=review.rule == "monitoring")
    if incoming.action == PAST_REVIEW_DONE:
        told = ("the placement was added" if review.rule == "initial-review"
                else "the review before was recorded")
        return [_close_review(ctx, placement, review, review.due_on,
                              f"held on its due day (told when {told})", council)]
    held = "not held" if incoming.action == PAST_REVIEW_NOT_HELD else "not sure"
    ctx.audit(PAST_REVIEW_ANSWERED, subject=f"deadline:{review.id}", answer=held)
    return [Reply(text=ctx.render("deadlines_past_review.txt", answer=held,
                                  reference=_labelled(placement.reference, council),
                                  due_on=review.due_on, plain=placement.reference,
                                  monitoring=review.rule == "monitoring"))]


def _end_placement(ctx: Ctx, words: list[str]) -> list[Reply]:
    """/placement end REF [DATE]: the placement ended (or ends) then; its reviews due after
    that day stop (one missed while it ran stays, for the scorecard); the other side is told
    (session 22's review: an ended placement's reviews were chased as overdue, and nothing
    could end one)."""
    if not words:
        raise _usage(ctx, "placement")
    words = _reference_first(ctx, words)
    placement, rest, council = _placement(ctx, words[0], words[1:], command="placement end",
                                          dated=True)
    shown = _labelled(placement.reference, council)
    if len(rest) > 1:
        raise _usage(ctx, "placement")
    ended = parse_date(rest[0], ctx, what="end date") if rest else today(ctx)
    if ended < placement.started_on:
        raise _refused(ctx, "end_before_start", day=ended, reference=shown,
                       started_on=placement.started_on)
    # A day still to come is said as such ("ends on"), and a changed day says what it was
    # (session 25's trial: "ended on Thu 31 Dec 2026" on 5 December; a second day replaced
    # the first unsaid).
    future, was = ended > today(ctx), placement.ended_on
    if was is not None and was == ended:
        return [Reply(text=ctx.render("deadlines_placement_ended.txt", already=True,
                                      reference=shown, ended_on=ended,
                                      future=future))]
    placement.ended_on = ended
    reopened = 0
    if was is not None and ended > was:
        # Moved later (session 25's review): the reviews the earlier end stopped that fall by
        # the new one run again, and an open one it silenced is reminded of again. Their
        # cancelled reminders go (a cancelled key would block the new ones; an escalation's
        # too), and their reminders are planned afresh.
        for review in ctx.session.scalars(select(Deadline).where(
                Deadline.placement_id == placement.id, Deadline.rule.in_(REVIEW_RULES),
                Deadline.due_on <= ended,
                (Deadline.status == DeadlineStatus.OPEN)
                | ((Deadline.status == DeadlineStatus.NOT_APPLICABLE)
                   & Deadline.outcome.like(clocks.ENDED_OUTCOMES))).order_by(Deadline.id)):
            if not future:
                # Moved to a day already past: nothing runs again (session 30's review: "1
                # review deadline due by then runs again. Its open review is closed"); one the
                # earlier end closed stays closed, as ended on the new day.
                if review.status != DeadlineStatus.OPEN:
                    review.outcome = clocks.ended_outcome(ended)
                continue
            waiting = ctx.session.scalars(select(Reminder.id).where(
                Reminder.deadline_id == review.id,
                Reminder.status.in_((ReminderStatus.PENDING, ReminderStatus.CLAIMED)))).first()
            if review.status == DeadlineStatus.OPEN and waiting is not None:
                continue  # still reminded of as it was
            if review.status != DeadlineStatus.OPEN:
                review.status, review.done_on, review.outcome = DeadlineStatus.OPEN, None, None
                reopened += 1
            ctx.session.execute(delete(Reminder).where(
                Reminder.deadline_id == review.id, Reminder.status == ReminderStatus.CANCELLED))
            clocks.plan_reminders(ctx.session, review, calendar=ctx.deps.calendar,
                                  policy=ctx.deps.reminders, now=ctx.now)
    stopped = 0
    for review in ctx.session.scalars(select(Deadline).where(
            Deadline.placement_id == placement.id, Deadline.status == DeadlineStatus.OPEN,
            Deadline.rule.in_(REVIEW_RULES))):
        if future and review.due_on <= ended:
            continue  # due while it still runs: reminded of as ever (session 25's review)
        # Every open review and revisit closes, one missed while the placement ran too
        # (session 30's trial: it stayed in /reminders and the digests, "OVERDUE", for ever).
        # Closed on the end day (or today, for an end still to come), so one due by then is
        # still counted as missed by the scorecard (the session's code review: the scorecard
        # lost it) and one due after it is not counted.
        clocks.close_deadline(ctx.session, review, status=DeadlineStatus.NOT_APPLICABLE,
                              on=min(ended, today(ctx)), outcome=clocks.ended_outcome(ended),
                              actor_id=ctx.person.id, now=ctx.now)
        stopped += 1
    ctx.audit("placement.ended", subject=f"placement:{placement.id}", on=ended.isoformat())
    people = _tell_placements_others(ctx, placement, "placement.ended",
                                     f"placement-ended:{placement.id}:{ended.isoformat()}",
                                     ended_on=ended, stopped=stopped, future=future, was=was)
    return [Reply(text=ctx.render("deadlines_placement_ended.txt", reference=shown,
                                  typed=f"{placement.reference} {council}" if council
                                  else placement.reference,
                                  ended_on=ended, stopped=stopped, told=False,
                                  others=len(people), future=future, was=was,
                                  reopened=reopened))]


def _tell_placements_others(ctx: Ctx, placement: Placement, kind: str, key: str,
                            **data: object) -> list[Person]:
    """Tell the placement's commissioner and provider contact but the sender, in the words of
    ``deadlines_placement_ended.txt`` (its end, or its end undone), each with the council's
    name beside the reference when they need it, and a colleague covering for one of them
    while they are away (``cover_on``: session 36, as ``_tell_the_other_side`` tells a review
    recorded); returns the contacts told (not their covers)."""
    others = {placement.commissioner_id, placement.provider_contact_id} - {ctx.person.id, None}
    people = [ctx.session.get_one(Person, other)
              for other in sorted(pid for pid in others if pid is not None)]
    told: list[tuple[Person, Person | None]] = []
    for person in people:
        told.append((person, None))
        cover = cover_on(ctx.session, person, today(ctx))
        if cover is not None and cover.id not in {ctx.person.id, *others}:
            told.append((cover, person))
    councils = _shared_councils(ctx, placement, [person for person, _covered in told])
    for person, covered in told:
        ctx.notify(Notification(
            person_id=person.id, kind=kind,
            text=ctx.render("deadlines_placement_ended.txt", told=True, name=ctx.person.name,
                            reference=_labelled(placement.reference, councils[person.id]),
                            covering=covered.name if covered is not None else None,
                            covering_until=covered.away_until if covered is not None else None,
                            **data),
            idempotency_key=f"{key}:{person.id}"))
    return people


def _reviews_done(ctx: Ctx, placement: Placement) -> list[tuple[date, str]]:
    """The placement's reviews recorded done, as (day, rule), the latest first."""
    return [(day, rule) for day, rule in ctx.session.execute(
        select(Deadline.done_on, Deadline.rule).where(
            Deadline.placement_id == placement.id, Deadline.rule.in_(REVIEW_RULES),
            Deadline.status == DeadlineStatus.DONE, Deadline.done_on.is_not(None))
        .order_by(Deadline.done_on.desc(), Deadline.id.desc())) if day is not None]


def _last_review_done(ctx: Ctx, placement: Placement) -> date | None:
    """The day of the placement's latest review recorded done, if any."""
    done = _reviews_done(ctx, placement)
    return done[0][0] if done else None


def _reopen_placement(ctx: Ctx, words: list[str]) -> list[Reply]:
    """/placement reopen REF: undo an end recorded by mistake (session 33's trial: a
    commissioner ended the wrong placement, and nothing could undo it). The reviews the end
    closed run again, with their reminders; the other side is told."""
    if not words:
        raise _usage(ctx, "placement")
    placement, rest, council = _placement(ctx, words[0], words[1:], command="placement reopen")
    if rest:
        raise _usage(ctx, "placement")
    shown = _labelled(placement.reference, council)
    if placement.ended_on is None:
        raise _refused(ctx, "placement_not_ended", reference=shown)
    was, placement.ended_on = placement.ended_on, None
    reopened = 0
    # Only those the end closed, by its own words for that day (session 33's review: one
    # closed by hand as "placement ended when she moved" was reopened too).
    for review in ctx.session.scalars(select(Deadline).where(
            Deadline.placement_id == placement.id, Deadline.rule.in_(REVIEW_RULES),
            Deadline.status == DeadlineStatus.NOT_APPLICABLE,
            Deadline.outcome == clocks.ended_outcome(was)).order_by(Deadline.id)):
        review.status, review.done_on, review.outcome = DeadlineStatus.OPEN, None, None
        ctx.session.execute(delete(Reminder).where(
            Reminder.deadline_id == review.id, Reminder.status == ReminderStatus.CANCELLED))
        clocks.plan_reminders(ctx.session, review, calendar=ctx.deps.calendar,
                              policy=ctx.deps.reminders, now=ctx.now)
        reopened += 1
    if ctx.session.scalars(select(Deadline.id).where(
            Deadline.placement_id == placement.id, Deadline.status == DeadlineStatus.OPEN,
            Deadline.rule.in_(("initial-review", "monitoring")))).first() is None:
        # A review done while the end stood opened no next one (it fell after the end): the
        # 6-monthly clock runs again from it (session 33's review: none was tracked again).
        last = _last_review_done(ctx, placement)
        if last is not None:
            open_review(ctx, placement, "monitoring", last)
            reopened += 1
    ctx.audit("placement.reopened", subject=f"placement:{placement.id}", was=was.isoformat())
    people = _tell_placements_others(ctx, placement, "placement.reopened",
                                     f"placement-reopened:{placement.id}:{ctx.now.isoformat()}",
                                     reopen=True, ended_on=was, stopped=reopened, future=False,
                                     was=None)
    return [Reply(text=ctx.render("deadlines_placement_ended.txt", reopen=True, told=False,
                                  reference=shown, ended_on=was, stopped=reopened,
                                  others=len(people), future=False, was=None))]


def _ended(placement: Placement, day: date) -> bool:
    """Whether the placement had ended by ``day`` (on it, or before)."""
    return placement.ended_on is not None and placement.ended_on <= day


def open_review(ctx: Ctx, placement: Placement, rule: str, start: date) -> Deadline:
    """Open a review deadline for a placement, with its reminders."""
    due = schedule(rule, start, ctx.deps.calendar).due
    label = {"initial-review": "initial review", "monitoring": "monitoring review",
             "condition-change": "condition-change revisit"}[rule]
    return clocks.open_deadline(
        ctx.session, rule=rule, reference=f"{placement.reference} {label}", start_on=start,
        due_on=due, council_id=placement.council_id, provider_id=placement.provider_id,
        provider_contact_id=placement.provider_contact_id,
        commissioner_id=placement.commissioner_id, placement_id=placement.id,
        calendar=ctx.deps.calendar, policy=ctx.deps.reminders, now=ctx.now,
        actor_id=ctx.person.id)


def _list_placements(ctx: Ctx) -> list[Reply]:
    query = (select(Placement, Organisation.name)
             .join(Organisation, Organisation.id == Placement.council_id)
             .order_by(Placement.reference, Organisation.name).limit(100)
             .where((Placement.provider_id == ctx.person.organisation_id)
                    | (Placement.council_id == ctx.person.organisation_id)))
    rows = ctx.session.execute(query).all()
    # Council staff see the council's, their own marked (session 26's trial: a commissioner's
    # "Your placements" listed a colleague's).
    staff = ctx.person.organisation.kind == OrganisationKind.COUNCIL
    # A provider with an RC-104 at two councils sees whose each is; a reference it holds at
    # one council reads as it is.
    held = Counter(placement.reference for placement, _name in rows)
    return [Reply(text=ctx.render("deadlines_placements.txt",
                                  placements=[placement for placement, _name in rows],
                                  councils=[name if not staff and held[p.reference] > 1 else None
                                            for p, name in rows],
                                  today=today(ctx), me=ctx.person.id,
                                  council=ctx.person.organisation.name if staff else None))]


# Words for a time still to come, typed where a review's date goes.
_NOT_YET = re.compile(r"^(?:tomorrow|tmrw|tmw|tonight|next|later|soon|upcoming|planned|booked"
                      r"|scheduled)$", re.IGNORECASE)
# "in two weeks", "in 3 days", "in a month": a time to come after "in".
_IN_TIME = re.compile(r"^(?:a|an|one|two|three|four|five|six|a few|few|\d+)\s+(?:days?|weeks?"
                      r"|months?)\b", re.IGNORECASE)


def review_done(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/review done REF [DATE] [OUTCOME]: close the open review and start the next clock."""
    words = words_with_days(ctx.args.split())
    if len(words) < 2 or words[0] != "done":
        raise _usage(ctx, "review", typed=words[0] if words else None, subcommands=("done",))
    words = [words[0], *_reference_first(ctx, words[1:])]
    placement, rest, council = _placement(ctx, words[1], words[2:], command="review done",
                                          prose=True)
    # A day first ("/review done REF 17/12/2026 went well"), else one told among the words
    # ("hours up, held on the 17th": session 36's trial).
    first, rest = _day_first(ctx, rest, what="review date", not_yet=lambda when: _refused(
        ctx, "review_not_yet", reference=placement.reference, when=when))
    told = first or _day_told(ctx, " ".join(rest), command=f"/review done {placement.reference}",
                              what="review date")
    done_on, dated = told or today(ctx), told is not None
    outcome = shortened(" ".join(rest), MAX_OUTCOME) or None
    _no_name(ctx, outcome)
    outcome = _without_identifiers(outcome)
    reviews = list(ctx.session.scalars(
        select(Deadline).where(Deadline.placement_id == placement.id,
                               Deadline.status == DeadlineStatus.OPEN,
                               Deadline.rule.in_(REVIEW_RULES))
        .order_by(Deadline.due_on, Deadline.id)))
    # Words saying it did not happen are read before the day ("rearranged, to be held on
    # 14/01/2027" is no review done in the future).
    if reviews:
        _review_not_held(ctx, reviews[0], placement.reference, outcome)
    _not_future(done_on, ctx, "review date")
    if done_on < placement.started_on:
        raise _refused(ctx, "review_before_start", day=done_on, reference=placement.reference,
                       started_on=placement.started_on)
    if not reviews:
        raise _refused(ctx, "no_review_open", reference=placement.reference)
    if ctx.session.scalars(select(Deadline.id).where(
            Deadline.placement_id == placement.id, Deadline.rule.in_(REVIEW_RULES),
            Deadline.status == DeadlineStatus.DONE, Deadline.done_on == done_on)).first():
        # A review of this placement was recorded as done that same day: the same command
        # twice (session 22's review: the second closed the next review, which never happened).
        raise _refused(ctx, "review_already", reference=placement.reference, day=done_on)
    review, stays = _review_meant(ctx, placement, reviews, done_on, outcome)
    done = _reviews_done(ctx, placement)
    last = done[0][0] if done else None
    # Only an initial or monitoring review is compared, with those (a revisit after a change in
    # condition may fall between them).
    before = (next((day for day, rule in done if rule != "condition-change"), None)
              if review.rule != "condition-change" else None)
    if before is not None and done_on < before:
        # Before the latest review recorded (session 34's trial: "02/09/2026" typed for
        # "02/12/2026" was recorded as the next review, three months before the one it
        # followed, and moved the next review's day earlier).
        raise _refused(ctx, "review_before_last", reference=placement.reference, day=done_on,
                       last=before)
    if (not dated and last is not None and (done_on - last).days <= RECENT_REVIEW_DAYS
            and review.rule != "condition-change"
            and (review.due_on - done_on).days > RECENT_REVIEW_DAYS):
        # The same review sent again without its day (session 26's trial: "/review done RC-101
        # 3/12/26 went well", then "/review done RC-101", closed the next 6-monthly review two
        # days after the first). Another review so soon is recorded with its day.
        raise _refused(ctx, "review_recent", reference=placement.reference, day=last,
                       next_due=review.due_on)
    return _identifiers_told(ctx, outcome, [_close_review(ctx, placement, review, done_on,
                                                          outcome, council, stays=stays)])


RECENT_REVIEW_DAYS = 14
# An initial or monitoring review held more than this before its day, while a revisit after a
# change in condition is open, or was just recorded, is taken for that revisit, or asked about.
EARLY_REVIEW_DAYS = 28
# Words of /review done's outcome naming the review meant.
# ("will revisit the hours in March" names none; "initial concerns" neither).
_NAMES_REVISIT = re.compile(r"(?<!\bwill )(?<!\bto )(?<!'ll )\bre-?visit(?:ed)?\b"
                            r"|\bcondition[- ]change\b|\bchange (?:in|of) (?:\w+ )?condition\b",
                            re.IGNORECASE)
_NAMES_REGULAR = re.compile(r"\b(?:initial|monitoring|first|(?:3|three|6|six)[- ]?months?(?:ly)?"
                            r"|annual)\s+review\b", re.IGNORECASE)
_REVIEW_WORDS = {"initial-review": "initial review", "monitoring": "joint monitoring review",
                 "condition-change": "condition-change revisit"}


def _review_meant(ctx: Ctx, placement: Placement, reviews: list[Deadline], done_on: date,
                  outcome: str | None) -> tuple[Deadline, Deadline | None]:
    """Which of a placement's open ``reviews`` (soonest due first) /review done records on
    ``done_on``, and the initial or monitoring review that then stays open beside a revisit
    closed (said in the reply). The one its words name ("revisit", "initial review"); else
    a revisit, when the day can be its and the other review is not due for weeks; else the
    other review, when no revisit can be meant; else which is asked (session 36's trial: a
    day sent to correct a revisit closed the 3-month review, 16 days into the placement)."""
    revisits = [review for review in reviews if review.rule == "condition-change"
                and review.start_on <= done_on]
    regular = next((review for review in reviews if review.rule != "condition-change"), None)
    words = outcome or ""
    revisit_named = _NAMES_REVISIT.search(words) is not None
    regular_named = _NAMES_REGULAR.search(words) is not None
    # Named, and open: that one (a kind named that is not open is read as unnamed below).
    if revisit_named and not regular_named and revisits:
        return revisits[0], regular
    if regular_named and not revisit_named and regular is not None:
        return regular, None
    if regular is None:
        return (revisits or reviews)[0], None
    early = (regular.due_on - done_on).days > EARLY_REVIEW_DAYS
    if revisits and early:
        return revisits[0], regular
    if revisits:
        first, second = sorted((regular, revisits[0]), key=lambda review: (review.due_on,
                                                                            review.id))
        raise _refused(ctx, "review_which", reference=placement.reference, day=done_on,
                       reviews=[(_REVIEW_WORDS[review.rule], review.due_on, review.id)
                                for review in (first, second)])
    recorded = ctx.session.scalars(select(Deadline.done_on).where(
        Deadline.placement_id == placement.id, Deadline.rule == "condition-change",
        Deadline.status == DeadlineStatus.DONE).order_by(Deadline.done_on.desc())).first()
    if early and recorded is not None and abs((recorded - done_on).days) <= RECENT_REVIEW_DAYS:
        # Only the regular review open, weeks before its day, just after a revisit was
        # recorded: a day sent for the revisit is never recorded as this review unasked.
        raise _refused(ctx, "review_after_revisit", reference=placement.reference,
                       recorded=recorded, day=done_on, due_on=regular.due_on,
                       monitoring=regular.rule == "monitoring")
    if revisit_named and not regular_named and not any(
            review.rule == "condition-change" for review in reviews):
        # A revisit named with none open is never recorded as the other review unsaid
        # (session 36's review: the initial review closed 24 days early, without a word).
        raise _refused(ctx, "no_revisit_open", reference=placement.reference,
                       review=_REVIEW_WORDS[regular.rule].removeprefix("joint "),
                       due_on=regular.due_on, number=regular.id)
    return regular, None


# Words that say a thing has not happened yet, whatever the deadline: the one list each kind's
# reader below starts from (session 34's brief: "/done 10 not yet" closed a bid's feedback, and
# "not yet" alone marked an invoice paid).
_STILL_TO_COME = (r"\bnot yet\b|\bstill (?:waiting|pending|to (?:come|do|be \w+))\b"
                  r"|\bdid ?n[o']?t (?:happen|occur)\b|\bnever happened\b")
# Words kept as a review's outcome that say the review itself did not happen (session 33's
# trial: "/done 3 social worker never booked it" recorded the overdue review as done today).
# A thing cancelled inside a review that was held ("cancelled the extra visit") is not one:
# only the review, the meeting or "it" cancelled, or the words first.
_NOT_HELD = re.compile(
    r"(?:\b(?:never|not|yet to be|still to be|waiting for (?:\w+ ){0,3}to)|n't)\s+(?:\w+\s+)?"
    r"(?:happen(?:ed)?|held|book(?:ed)?|arranged|take place|took place|go ahead|went ahead"
    r"|(?:turn(?:ed)?|show(?:ed)?) up|came|come|done)\b"
    r"|\b(?:nobody|no one|no-one) (?:came|turned up|showed up|attended)\b"
    r"|^\W*(?:no|nope|n)\W*$|^\W*(?:review )?missed\b|\bno review\b"
    r"|\b(?:rebook|rearrang|reschedul)(?:ing|e)\b|\bnot possible\b"
    r"|\bunable to (?:hold|do|meet|go ahead)\b|\bheld over\b"
    r"|\bno[- ]show\b(?!\s+of\b)"
    rf"|{_STILL_TO_COME}|\bwaiting for a (?:date|time|slot)\b|\bawaiting a date\b"
    r"|\bwill (?:do|hold|have|book|arrange) (?:it|the review)\b|\bwill be (?:held|done)\b"
    r"|\bto be (?:held|done|arranged|rearranged|rebooked)\b|\bhad to (?:cancel|postpone)\b"
    r"|\b(?:moved|put back|pushed back|delayed|deferred) (?:to|until|till)"
    r" (?:next|another|a later)\b"
    r"|(?:^|\b(?:review|meeting|it|visit|we|they|she|he|sw|social worker|family|council)\s+"
    r"(?:was |got |has been |had to be |have |has )?)"
    r"(?:cancell?ed|postponed|called off|rearranged|re-arranged|rescheduled|put off|delayed"
    r"|deferred)\b"
    r"(?!\s+(?:the|a|an|her|his|their|our|one|two|some|all|extra|any)\b)",
    re.IGNORECASE)
# ... unless the same words also say it was held ("first date cancelled, held on the 3rd",
# "did not happen in person, done by phone instead").
_HELD = re.compile(r"\b(?:held(?! over)|took place|went ahead|went well|happened|reviewed"
                   r"|met (?:with|the))\b"
                   r"|\bdone (?:by|over|on|via)\b|\bby (?:phone|telephone|video)\b"
                   r"|\bover the phone\b|\bon (?:teams|zoom)\b", re.IGNORECASE)
# An invoice's /done with words that say it is not paid ("/done 4 still not paid" recorded
# it paid and told the council so: session 33's second trial).
_NOT_PAID = re.compile(
    r"\b(?:not|n't|never|un)[\s-]*(?:yet\s+)?(?:been\s+)?paid\b"
    r"|\bstill (?:not|waiting|outstanding|owed|due)\b"
    r"|\bchasing\b|\boutstanding\b|\boverdue\b|\bawaiting\b|\bwaiting for\b"
    r"|\bpart(?:ly|ially)?[\s-]paid\b|\bshort[\s-]paid\b|\bnot (?:yet |been )?(?:received"
    rf"|fully paid)\b|\bno payment\b|\bnext payment run\b|\bbounced\b|{_STILL_TO_COME}"
    # Nothing or part of it yet (session 36's second review: "nothing so far, please chase"
    # and "only half of it so far" recorded it paid).
    r"|\bnothing (?:yet|so far|received|in|has (?:come|arrived))\b|\bplease chase\b"
    r"|\bonly (?:half|part|some)\b|\bhalf[\s-](?:paid|of it)\b|\bstill owed\b",
    re.IGNORECASE)
# ... unless the rest says it was paid ("paid in full, nothing outstanding", "paid late after
# chasing": session 33's review refused both).
_PAID = re.compile(r"(?<!\bnot )(?<!n't )(?<!\bnot fully )(?<!\bnot yet )(?<!\bnot been )"
                   r"(?<!\bpart )(?<!\bpart-)(?<!\bpartly )(?<!\bpartially )(?<!\bshort )"
                   r"(?<!\bshort-)(?<!\bhalf )(?<!\bhalf-)"
                   r"\b(?:paid|payment (?:received|made|cleared))\b",
                   re.IGNORECASE)
# Any other deadline's /done (a tender's dates, a lost bid's feedback, an uplift): the words
# that say its thing has not been done, the verb first so "not yet sent" is read whole ...
_NOT_DONE = re.compile(
    r"(?:\b(?:never|not)|n't)\s+(?:\w+\s+)?(?:happen(?:ed)?|done|sent|given|held|made"
    r"|received|submitted|published|confirmed|agreed|issued|arranged|booked|ready|started"
    r"|finished|completed|closed|ended|applied|actioned|implemented|paid|in place|sorted)\b"
    r"|\bto be (?:applied|actioned|implemented|paid|sent|given|done|published|agreed)\b"
    rf"|{_STILL_TO_COME}|\bawaiting\b|\bwaiting (?:for|on)\b|\bpending\b|^\W*(?:no|nope|n)\W*$"
    r"|\b(?:postponed|delayed|deferred|rescheduled|extended|put back|pushed back|on hold"
    r"|cancell?ed|called off)\b",
    re.IGNORECASE)
# ... unless the rest says it was ("sent, still waiting for their reply").
_DONE = re.compile(r"\b(?:done|sent|given|held|happened|submitted|published|confirmed|agreed"
                   r"|issued|completed|finished|received|took place|went ahead|ended|closed"
                   r"|met|applied|implemented|in place|paid|actioned|backdated|sorted)\b",
                   re.IGNORECASE)
_NOTHING_LEFT = re.compile(r"\bnothing (?:(?:is|left|still) )?(?:pending|outstanding"
                           r"|left(?: to do)?)\b", re.IGNORECASE)


def _not_done(deadline: Deadline, outcome: str | None) -> bool:
    """Whether /done's (or /review done's) words say the deadline's thing has not happened:
    read with its kind's words (a review held, an invoice paid, anything else done)."""
    if not outcome:
        return False
    if deadline.invoice_id is not None:
        # "paid" read in the whole words: _PAID passes over a "paid" negated ("still not paid")
        return _NOT_PAID.search(outcome) is not None and _PAID.search(outcome) is None
    said, anyway = (_NOT_HELD, _HELD) if deadline.rule in REVIEW_RULES else (_NOT_DONE, _DONE)
    # "nothing pending" says it is done: read before "pending" is taken out (session 34's
    # second review: refused, while "not yet applied" was recorded done).
    if anyway is _DONE and _NOTHING_LEFT.search(outcome) is not None:
        outcome = _NOTHING_LEFT.sub(" done ", outcome)
    # The rest once the words of not happening are taken out: "held" in "not held" is no sign.
    return said.search(outcome) is not None and anyway.search(said.sub(" ", outcome)) is None


def _review_not_held(ctx: Ctx, review: Deadline, reference: str, outcome: str | None) -> None:
    """Refuse to close a review whose outcome says it did not happen."""
    if _not_done(review, outcome):
        raise _refused(ctx, "review_not_held", reference=reference, outcome=outcome,
                       due_on=review.due_on, number=review.id)


# -- whether a past review happened, answered in words (session 35's trial) ------------------
# "it happened on the 5th of dec actualy, social worker came out" under "Did it happen?" was
# "I don't know..." and the review stayed overdue: a yes with its day is recorded then, a no
# keeps it open, anything else is asked again. Only while that question is the one on offer.
PAST_REVIEW_ROUTE = "past-review-words"
# A day said in a sentence: "5th of dec", "Dec 5", "5 December 2026", "20/11/2026", "5/12",
# "yesterday", "last friday", "the 5th" (each with an "on" or "the" before it, taken with it);
# and a day to come ("tomorrow", "next friday"), never one a thing was done on.
# A weekday said before a date ("thursday 17th", "Monday 21 December", "next thursday
# 17/12") is kept as ``named``, the date read and checked against it (``weekday_with_date``);
# "thursday week", "a week on thursday", "a week today" as ``week`` (``week_on``).
_WEEKDAY_WORD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_SAID_DAY = re.compile(
    r"(?:\b(?:on|at)\s+)?(?:\bthe\s+)?(?:"
    r"\ba\s+week\s+(?:on\s+)?(?P<week>" + _WEEKDAY_WORD + r"|today|tomorrow)\b"
    r"|\b(?P<week2>" + _WEEKDAY_WORD + r")\s+week\b"
    # "thursday next week", "next week thursday", "thursday after next", "thursday fortnight",
    # "a fortnight on friday" (session 45's last review: each was read as the coming Thursday):
    # the grammar commands read too (``formats.LATER_WEEK``).
    r"|" + LATER_WEEK +
    r"|(?:\b(?P<named>(?:(?:last|next|this(?:\s+coming)?|coming)\s+)?(?:" + _WEEKDAY_WORD
    + r"|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun))\b\.?,?\s+(?:the\s+)?)?(?:"
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>" + MONTH_WORDS
    + r")\b\.?(?:,?\s+(?P<year>20\d\d)\b)?"
    r"|\b(?P<month2>" + MONTH_WORDS + r")\.?\s+(?:the\s+)?(?P<day2>\d{1,2})(?:st|nd|rd|th)?\b"
    r"(?:,?\s+(?P<year2>20\d\d)\b)?"
    r"|(?<![\w/.-])(?P<numeric>\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)(?![\w/-]|\.\d)"
    r"|\b(?P<ordinal>\d{1,2}(?:st|nd|rd|th))\b)"
    r"|\b(?P<relative>today|yesterday|tomorrow)\b"
    r"|\b(?P<weekday>(?:(?:last|next|this(?:\s+coming)?|coming)\s+)?" + _WEEKDAY_WORD
    + r")\b)", re.IGNORECASE)
# A yes, or words that say it was held ("it happened", "took place", "she was reviewed").
_SAID_YES = re.compile(r"^\W*(?:yes|yeah|yep|yup|aye|it did|we did|did)\b", re.IGNORECASE)
_SAID_NO = re.compile(r"^\W*(?:no|nope|nah|not yet|it didn'?t|it did not)\b"
                      r"|\b(?:no|nope),?\s+(?:it|we|they|she|he) did ?n[o']?t\b"
                      r"|\bdid ?n[o']?t\W*$", re.IGNORECASE)
_SAID_UNSURE = re.compile(r"^\W*(?:not sure|unsure|(?:i )?don'?t know|dunno|no idea|i'?m not "
                          r"sure|i am not sure|not certain)\b", re.IGNORECASE)
_SAID_HELD = re.compile(_HELD.pattern + r"|\b(?:happen(?:ed)?|done|came|visited|attended"
                        r"|went|all (?:good|fine|well|ok))\b", re.IGNORECASE)
# Words around the day that are no outcome: the yes, "it happened", "actually".
_NO_OUTCOME = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|yup|aye)\b\W*)?(?:(?:it|the review|review|we|they|that)\s+)?"
    r"(?:(?:was|did|has|had|got)\s+)?(?:(?:happen(?:ed)?|held|done|took place|take place"
    r"|went ahead)\b)?(?:\s*(?:it|the review))?", re.IGNORECASE)
_ACTUALLY = re.compile(r"\b(?:actual+y|actully|acually|in fact)\b", re.IGNORECASE)
MAX_PAST_REVIEW_WORDS = 300


def past_review_words(text: str) -> re.Match[str] | None:
    """Whether free words may answer "Did it happen?" (pure): a yes or a no with more words
    (a bare one presses its button), words that say it was held or not, or a day; never a
    question."""
    if (not text or len(text) > MAX_PAST_REVIEW_WORDS or forms.reads_as_question(text)
            or forms.yes_or_no(text) is not None):
        return None
    for said in (_SAID_YES, _SAID_NO, _SAID_UNSURE, _SAID_HELD, _NOT_HELD, _SAID_DAY):
        found = said.search(text)
        if found is not None:
            return found
    return None


def _past_review_on_offer(incoming: Incoming, ctx: Ctx) -> Deadline | None:
    """The open review whose "Did it happen?" is the one question on offer to the person on
    this channel (not one held over other replies), past its day; else None."""
    offer = ctx.session.scalars(select(OfferedButtons.buttons).where(
        OfferedButtons.person_id == ctx.person.id,
        OfferedButtons.channel == incoming.channel)).first()
    values = {str(button.get("value")) for button in offer or []
              if button.get("action") == PAST_REVIEW_DONE and not button.get(HELD)}
    if len(values) != 1:
        return None
    try:
        review = _deadline_from(values.pop(), ctx)
    except BadInput:
        return None
    if (review.placement_id is None or review.rule not in ("initial-review", "monitoring")
            or review.due_on >= today(ctx)):
        return None
    return review




def _day_said(found: re.Match[str], ctx: Ctx, *, to_come: bool = False) -> date | None:
    """The day ``_SAID_DAY`` found (``_days_said``), or None when it is none or may be either
    of two ("thursday 4th" when the 4th is a Friday)."""
    days = _days_said(found, ctx, to_come=to_come)
    return days[0] if len(days) == 1 else None


def _days_said(found: re.Match[str], ctx: Ctx, *, to_come: bool = False) -> tuple[date, ...]:
    """The days ``_SAID_DAY``'s ``found`` may mean: one, none, or two when a weekday said
    before the date is not that date's ("thursday 4th": Thu 3 or Fri 4?). A weekday with a date
    is the date (session 45's review: "thursday 17th" was read as the coming Thursday)."""
    day = _date_said(found, ctx, to_come=to_come)
    named = found.group("named")
    if named is None:
        return (day,) if day is not None else ()
    if day is None:  # "thursday 10.30": the weekday alone
        said = weekday_said(" ".join(named.split()), today(ctx))
        return (said[0],) if said is not None else ()
    named = " ".join(named.split())
    # "thursday 17th" on Wed 9 Dec: the latest 17th (Tue 17 Nov) is no Thursday, the coming
    # one is: that day, to be refused as one to come where a done day is asked (session 45's
    # last review: Tue 17 Nov or Thu 19 Nov were offered for a review done).
    return weekday_on_a_date_to_come(named, weekday_with_date(named, day),
                                     _dates_to_come(found, today(ctx)))


def _date_said(found: re.Match[str], ctx: Ctx, *, to_come: bool = False) -> date | None:
    """The day ``_SAID_DAY`` found, without the weekday said before it: with no year, the
    latest such day not after today; with ``to_come``, this month's "17th" or a "12/12" up to
    ``SOON_DAYS`` ahead stays the day to come it is, to be refused as such (session 36's
    review: "held on 12/12" typed on 7 Dec was read as 12 Dec 2025, "next meeting on the 14th"
    as 14 Nov)."""
    now = today(ctx)
    groups = found.groupdict()
    later = later_week(groups, now)
    if later is not None:
        return later[0] if len(later) == 1 else None
    week = groups["week"] or groups["week2"]
    if week:
        ahead = week_on(week, now)
        return ahead[0] if ahead is not None and len(ahead) == 1 else None
    if groups["relative"]:
        return now + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[
            groups["relative"].lower()])
    if groups["weekday"]:
        said = weekday_said(" ".join(groups["weekday"].split()), now)
        return said[0] if said is not None else None
    if groups["ordinal"]:
        number = int(groups["ordinal"][:-2])
        if to_come and now.day < number:
            try:
                return now.replace(day=number)
            except ValueError:
                pass  # no 31st this month: the latest one
        return _latest_day_numbered(number, now)
    if groups["numeric"]:
        parts = re.split(r"[/.-]", groups["numeric"])
        if len(parts) == 3:
            try:
                return parse_day(groups["numeric"], now)
            except DayError:
                return None
        day_text, month_text, year_text = parts[0], parts[1], None
        month = int(month_text)
    else:
        day_text = groups["day"] or groups["day2"]
        month_name = (groups["month"] or groups["month2"]).lower()
        year_text = groups["year"] or groups["year2"]
        month = day_in_words(f"1 {month_name} {now.year}", now).month  # type: ignore[union-attr]
    years = [int(year_text)] if year_text else [now.year + 1, now.year, now.year - 1]
    for year in years:
        try:
            day = date(year, month, int(day_text))
        except ValueError:
            continue
        if day <= now or year_text or (to_come and (day - now).days <= SOON_DAYS):
            return day
    return None


# A day with no year this many days ahead, told among /done's words, is one to come.
SOON_DAYS = 92


def _latest_day_numbered(number: int, now: date) -> date | None:
    """"the 31st" alone: the latest day so numbered that exists and is not after ``now`` (31
    Oct on 7 Dec: no 31 Nov, 31 Dec to come; session 35's review), within a year; a day before
    the placement's start is then refused, with why, by the caller."""
    month = now.replace(day=1)
    for _ in range(12):
        try:
            day = month.replace(day=number)
        except ValueError:
            day = None
        if day is not None and day <= now:
            return day
        month = (month - timedelta(days=1)).replace(day=1)
    return None


def _past_review_outcome(text: str, found: re.Match[str]) -> str | None:
    """The words told beside the day, without the yes and "it happened" ("social worker came
    out" of "it happened on the 5th of dec actualy, social worker came out"), or None."""
    rest = f"{text[:found.start()]} {text[found.end():]}"
    rest = _ACTUALLY.sub(" ", rest)
    rest = _NO_OUTCOME.sub("", rest, count=1)
    rest = re.sub(r"\s+([,;:.!])", r"\1", " ".join(rest.split()))
    rest = re.sub(r"^[\W_]+|[\s,;:.\-]+$", "", rest)
    return rest or None


# A day a review not held yet is booked for, told beside the no ("not yet, its booked for next
# tuesday": session 43's trial lost the day): words that say it is booked, then its day, read
# by ``_SAID_DAY`` as every day in words is (session 45: a grammar of its own read "next
# thursday" typed on a Wednesday as the day after).
_BOOKED_FOR = re.compile(
    r"\b(?:booked|re-?booked|arranged|re-?arranged|scheduled|re-?scheduled|planned|set up"
    # Put back, pushed back: moves, as "moved to" is (session 46's brief).
    r"|(?:moved|put|pushed|brought)\s+(?:back|forward)|moved"
    r"|postponed|happening|going ahead|will be|to be held|taking place|changed"
    r"|now(?=\s+(?:on|for)\b))\b(?:\s+(?:in|for|on|to"
    r"|till|until)){0,2}\s+", re.IGNORECASE)
# How far ahead a booked day may be (a review booked for over a year ahead is a typing slip).
BOOKED_DAYS_AHEAD = 366


# The audit event of an answer to "Did it happen?" in words, with the day a review not held
# is booked for (``booked_for``), which /reminders shows (``booked_reviews``).
PAST_REVIEW_ANSWERED = clocks.PAST_REVIEW_ANSWERED


def _booked_said(text: str) -> re.Match[str] | None:
    """The day (``_SAID_DAY``'s match) said right after words that say a thing is booked, or
    None."""
    for booked in _BOOKED_FOR.finditer(text):
        found = _SAID_DAY.match(text, booked.end())
        if found is not None:
            return found
    return None


def _days_to_come(found: re.Match[str], now: date) -> tuple[date, ...]:
    """The days ``_SAID_DAY``'s ``found`` may mean, read toward the future (pure): one, or two
    for "next thursday" said on a Wednesday (``weekday_to_come``); a day with no year the
    nearest such day, "the 18th" this month's or the next month's with such a day."""
    days = _dates_to_come(found, now)
    named = found.group("named")
    if named is None:
        return days
    named = " ".join(named.split())
    if not days:  # "thursday 10.30": the weekday alone
        return weekday_to_come(named, now) or ()
    return weekday_with_date(named, days[0]) if len(days) == 1 else ()


def _dates_to_come(found: re.Match[str], now: date) -> tuple[date, ...]:
    """``_days_to_come`` without the weekday said before the date (pure)."""
    groups = found.groupdict()
    later = later_week(groups, now)
    if later is not None:
        return later
    week = groups["week"] or groups["week2"]
    if week:
        return week_on(week, now) or ()
    if groups["relative"]:
        return (now + timedelta(days=1),) if groups["relative"].lower() == "tomorrow" else ()
    if groups["weekday"]:
        return weekday_to_come(" ".join(groups["weekday"].split()), now) or ()
    if groups["ordinal"]:
        # This month's, else the next month with such a day.
        day = numbered_day(int(groups["ordinal"][:-2]), now, "future")
        return (day,) if day is not None else ()
    if groups["numeric"]:
        if _ROUND_THE_CLOCK.match(groups["numeric"]):
            return ()  # "booked for 24/7 care"
        said = groups["numeric"]
    else:
        # "Jan 2nd" read as "2 jan" (session 44's third review lost it).
        said = " ".join(part for part in (
            groups["day"] or groups["day2"], groups["month"] or groups["month2"],
            groups["year"] or groups["year2"]) if part)
    day = day_in_words(said.lower(), now)  # the nearest such day: one gone is no booking
    return (day,) if day is not None else ()


def booked_days(text: str, now: date) -> tuple[date, ...]:
    """The days still to come that ``text`` says a thing is booked for ("booked for next
    tuesday", "arranged for 15/12", "scheduled for the 18th", "rebooked for 5 January"), read
    toward the future (pure): usually one; two when the day said may mean either ("next
    thursday" on a Wednesday), to be asked about; none when no such day is said, or it is not
    after ``now``."""
    found = _booked_said(text)
    if found is None:
        return ()
    return tuple(day for day in _days_to_come(found, now)
                 if 0 < (day - now).days <= BOOKED_DAYS_AHEAD)


def past_review_told(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Words typed under "Did it happen?" (``past_review_words``): a yes with its day records
    the review done that day, with the other words as its outcome; a no (or "not yet") keeps
    it open, as the No button does; words unsure, as Not sure; anything else unclear (a yes
    without its day, a yes and a no) is asked again, briefly, with the buttons. Words with no
    such question on offer go on to the next route."""
    review = _past_review_on_offer(incoming, ctx)
    if review is None:
        return ctx.registry.pass_on(PAST_REVIEW_ROUTE, incoming, ctx)
    text = (ctx.args or incoming.text).strip()
    placement = ctx.session.get_one(Placement, review.placement_id)
    council = _shared_council(ctx, placement)
    shown = _labelled(placement.reference, council)
    monitoring = review.rule == "monitoring"

    def again(answer: str, problem: str | None = None) -> list[Reply]:
        return [Reply(text=ctx.render("deadlines_past_review.txt", answer=answer,
                                      reference=shown, due_on=review.due_on,
                                      plain=placement.reference, monitoring=monitoring,
                                      problem=problem),
                      buttons=_past_review_buttons(review, (today(ctx) - review.due_on).days))]

    negative = _SAID_NO.search(text) is not None or _NOT_HELD.search(text) is not None
    positive = (_SAID_YES.search(text) is not None
                or _SAID_HELD.search(_NOT_HELD.sub(" ", text)) is not None)
    booking = review_booking_words(text)
    if booking is not None:
        if booking.group("reference").upper() != placement.reference.upper():
            # Another placement's booking told while this one's question waits: that one's.
            return ctx.registry.pass_on(PAST_REVIEW_ROUTE, incoming, ctx)
        # "the review for HV-0240 is booked for 15 Dec": not held yet, booked (session 44).
        negative = negative or bool(booked_days(text, today(ctx)))
    elif (_MOVED_SAID.search(text) is not None and _NO_BOOKING.search(text) is None
          and _BOOKED_REFERENCE.search(text) is None and only_the_placements_review(text)):
        # "it's been postponed to 18/12", naming no placement: this review's, moved to a day
        # to come, so not held yet (session 46's brief: "I couldn't tell whether ...").
        negative = negative or bool(booked_days(text, today(ctx)))
    day = _SAID_DAY.search(text)
    if _SAID_UNSURE.search(text) is not None and not positive:
        held = "not sure"
    elif negative and not positive:
        held = "not held"
    elif negative or (day is None and not positive):
        return again("unclear")
    elif day is None:
        return again("which day")
    else:
        done_on = _day_said(day, ctx)
        if done_on is None:
            return again("unclear")
        outcome = shortened(_past_review_outcome(text, day) or "", MAX_OUTCOME) or None
        if not positive and outcome is not None:
            # A day among other words, none saying it was held ("invoice sent 5 Dec"): asked.
            return again("unclear")
        try:
            _no_name(ctx, outcome)
            outcome = _without_identifiers(outcome)
            _not_future(done_on, ctx, "review date")
            if done_on < placement.started_on:
                raise _refused(ctx, "review_before_start", day=done_on,
                               reference=placement.reference, started_on=placement.started_on)
            last = _last_review_done(ctx, placement)
            if last is not None and done_on <= last:
                raise _refused(ctx, "review_before_last", reference=placement.reference,
                               day=done_on, last=last)
        except BadInput as problem:
            # Said with the question again, so the right day can still answer it.
            return again("refused", str(problem))
        return _identifiers_told(ctx, outcome, [_close_review(ctx, placement, review, done_on,
                                                              outcome, council, kept=outcome)])
    # Not held yet, but booked for a day to come: that day is kept (in the audit log) and the
    # person's reminders of the review wait until it, as a snooze does; the review stays open,
    # shown booked in /reminders until the day passes (``booked_reviews``; a review has no
    # booked day of its own: the smallest honest record).
    days = booked_days(text, today(ctx)) if held == "not held" else ()
    if len(days) > 1:
        return [_ask_booked_day(ctx, review, shown, days)]
    booked = days[0] if days else None
    before = (clocks.booked_days(ctx.session, [review.id]).get(review.id)
              if booked is not None else None)
    if booked is not None and before == booked:
        return [Reply(text=ctx.render("deadlines_review_booked.txt", told="already",
                                      reference=shown, day=booked))]
    if booked is not None:
        reminded = _book_review(ctx, review, booked, before, answer=held)
    else:
        reminded = False
        ctx.audit(PAST_REVIEW_ANSWERED, subject=f"deadline:{review.id}", answer=held)
    return [Reply(text=ctx.render("deadlines_past_review.txt", answer=held, reference=shown,
                                  due_on=review.due_on, plain=placement.reference,
                                  monitoring=monitoring, booked=booked, reminded=reminded))]


# -- a review's booking told unprompted (session 44's brief) ----------------------------------
# "the review for RC-101 is booked for 15 Dec", "HV-0240's review is booked for next tuesday",
# typed with no "Did it happen?" waiting, went to the knowledge base: the booking is recorded
# as that question's answer records one (the audit event with its day, and the snooze).
REVIEW_BOOKED_ROUTE = "review-booked-words"
_BOOKED_REFERENCE = re.compile(r"(?<![\w/-])(?P<reference>[A-Za-z]{1,4}-\d{2,})(?:['\u2019]?s)?"
                               r"(?![\w/-])")
_REVIEW_WORD = re.compile(r"\breviews?\b", re.IGNORECASE)
# Booked, then when (read by ``booked_day``, or said unreadable: "booked for next month").
_MOVED_TO = (r"\b(?:(?:moved|put|pushed|brought)\s+(?:back|forward)|moved|re-?scheduled"
             r"|re-?arranged|re-?booked|changed|postponed)"
             r"\s+(?:to|till|until|for)\s+\S|\bnow\s+(?:on|for)\s+\S")
_BOOKING_SAID = re.compile(
    r"\b(?:booked|re-?booked|arranged|re-?arranged|scheduled|re-?scheduled|set up|planned)"
    r"\s+(?:in\s+)?(?:for|on)\s+\S"
    # Moved to another day (session 45's review: "HV-0240's review has moved to 18/12").
    # Postponed, put back, pushed back to a day: moves too (session 46's brief: "postponed to
    # 18/12" was "I don't know", "put back to 18/12" "I couldn't read the day").
    r"|" + _MOVED_TO, re.IGNORECASE)
# Words that undo a booking or say it was held: never read as one ("booked for 15 Dec but
# cancelled", "was booked for the 3rd and went ahead").
_NO_BOOKING = re.compile(r"\bcancel|\bcalled off\b|\bpostponed\b(?!\s+(?:to|till|until|for)\b)"
                         r"|\bnot\b|n't\b|\bnever\b"
                         r"|\bwent ahead\b|\btook place\b|\bhappened\b|\bheld on\b",
                         re.IGNORECASE)
MAX_BOOKING_WORDS = 200


def review_booking_words(text: str) -> re.Match[str] | None:
    """Words that tell a placement's review is booked for a day (pure): one placement
    reference, the word "review", "booked for" (or arranged, scheduled ... for or on) and
    something after it; never a question, nor words that undo or deny it. The match is the
    reference's."""
    if (not text or len(text) > MAX_BOOKING_WORDS or forms.reads_as_question(text)
            or _REVIEW_WORD.search(text) is None or _BOOKING_SAID.search(text) is None
            or _NO_BOOKING.search(text) is not None):
        return None
    found = list(_BOOKED_REFERENCE.finditer(text))
    if len({match.group("reference").upper() for match in found}) != 1:
        return None
    return found[0]


def review_booking_told(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A review's booking told unprompted (``review_booking_words``), by the placement's
    provider or its council's staff: recorded as "Did it happen?" answered "not yet, booked
    for DAY" records it, for the review open on the placement; a day passed or unreadable is
    said, and nothing changes. Another organisation's reference is unknown to them."""
    found = ctx.match
    if not isinstance(found, re.Match) or ctx.person.role not in (
            Role.PROVIDER, Role.COMMISSIONER, Role.ADMIN):
        return ctx.registry.pass_on(REVIEW_BOOKED_ROUTE, incoming, ctx)
    text = (ctx.args or incoming.text).strip()
    placement, _rest, council = _placement(ctx, found.group("reference").upper(),
                                           command="review")
    shown = _labelled(placement.reference, council)
    review = ctx.session.scalars(select(Deadline).where(
        Deadline.placement_id == placement.id, Deadline.status == DeadlineStatus.OPEN,
        Deadline.rule.in_(("initial-review", "monitoring")))
        .order_by(Deadline.due_on, Deadline.id)).first()
    if review is None:
        return [Reply(text=ctx.render("deadlines_review_booked.txt", told="no_review",
                                      reference=shown))]
    return _booking_told(ctx, review, placement, shown, text)


def _booking_told(ctx: Ctx, review: Deadline, placement: Placement, shown: str,
                  text: str) -> list[Reply]:
    """The booking ``text`` tells of ``review`` (of ``placement``, shown as ``shown``)
    recorded; two days it may mean asked about; a day passed or unreadable said."""
    days = booked_days(text, today(ctx))
    if not days:
        day = _booked_said(text)
        gone = _day_said(day, ctx) if day is not None else None
        return [Reply(text=ctx.render(
            "deadlines_review_booked.txt",
            told="passed" if gone is not None and gone < today(ctx) else "unreadable",
            reference=shown, plain=placement.reference, day=gone))]
    if len(days) > 1:
        return [_ask_booked_day(ctx, review, shown, days)]
    return [_booking_noted(ctx, review, shown, days[0], told="unprompted")]


# A booked review's move told with no reference ("the review has been moved to friday 18th":
# session 46's brief, "I don't know"). As a question naming a tender by its title is read
# (``handlers.talk.records.tender_titled``), the one it can be is read: the sender's one
# review booked for a day to come. With more than one, which is asked by naming the reference
# (the references listed: a booking is told by its reference, never picked for the sender);
# with none booked, the words go on as before.
REVIEW_MOVED_ROUTE = "review-moved-words"
_MOVED_SAID = re.compile(_MOVED_TO, re.IGNORECASE)
# What a placement's review is called (session 46's review: "the rota review has been moved
# to 18/12", "I need to review the rota now for friday" were read as the placement's review
# moved): "review" a noun, the first word or after "the", "her", "his" or "their", with at most
# two of the words a placement's review is called by before it ("the annual review", "the
# initial placement review"; a placement's review is a care (plan) review), and not "the review of
# ..." (of something else). A positive list: any other word before it (the rota, staffing,
# contract, medication review) or "review" a verb ("I'll review") is another review.
_PLACEMENT_REVIEW = re.compile(
    r"(?:^\W*|\b(?:the|her|his|their)\s+)"
    r"(?:(?:initial|annual|placement|care(?:\s+plan)?|(?:6|six|3|three)[- ]?months?(?:ly)?)"
    r"\s+){0,2}"
    r"review\b(?!\s+(?:of|into|about|on|for|with|by)\b)", re.IGNORECASE)


def only_the_placements_review(text: str) -> bool:
    """Whether every "review" in ``text`` is a placement's review by what it is called
    (``_PLACEMENT_REVIEW``; pure); true when no review is named ("it's been postponed to
    18/12")."""
    return len(_REVIEW_WORD.findall(text)) == len(_PLACEMENT_REVIEW.findall(text))


def review_move_words(text: str) -> re.Match[str] | None:
    """Words that tell a review was moved to another day and name no placement (pure): the
    word "review", "moved to" (postponed, put back, rescheduled ... to or for) and something
    after it, no reference, every review named a placement's by what it is called
    (``only_the_placements_review``); never a question, nor words that undo or deny it."""
    if (not text or len(text) > MAX_BOOKING_WORDS or forms.reads_as_question(text)
            or _REVIEW_WORD.search(text) is None or _NO_BOOKING.search(text) is not None
            or _BOOKED_REFERENCE.search(text) is not None
            or not only_the_placements_review(text)):
        return None
    return _MOVED_SAID.search(text)


def review_move_told(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A review's move told with no reference (``review_move_words``): recorded for the
    sender's one review booked for a day to come, as when told with its reference; with more
    than one, the sender is asked to say it again with the reference, nothing recorded; with
    none, the words go on to the next route."""
    if ctx.person.role not in (Role.PROVIDER, Role.COMMISSIONER, Role.ADMIN):
        return ctx.registry.pass_on(REVIEW_MOVED_ROUTE, incoming, ctx)
    on = today(ctx)
    reviews = [deadline for deadline in clocks.open_deadlines_for(
                   ctx.session, ctx.person, today=on, council=False, limit=1000)
               if deadline.rule in REVIEW_RULES and deadline.placement_id is not None]
    booked = booked_reviews(ctx.session, reviews, on)
    candidates = [review for review in reviews if review.id in booked]
    if not candidates:
        return ctx.registry.pass_on(REVIEW_MOVED_ROUTE, incoming, ctx)
    text = (ctx.args or incoming.text).strip()
    shown: list[tuple[Deadline, Placement, str]] = []
    for review in candidates:
        placement = ctx.session.get_one(Placement, review.placement_id)
        shown.append((review, placement,
                      _labelled(placement.reference, _shared_council(ctx, placement))))
    if len(shown) == 1:
        review, placement, label = shown[0]
        return _booking_told(ctx, review, placement, label, text)
    said = booked_days(text, on)
    return [Reply(text=ctx.render(
        "deadlines_review_booked.txt", told="which_placement",
        placements=[(label, booked[review.id]) for review, _placement, label in shown],
        example=said[0].strftime("%d/%m/%Y") if len(said) == 1 else None,
        plain=shown[0][1].reference))]


def _booking_noted(ctx: Ctx, review: Deadline, shown: str, booked: date, *,
                   told: str) -> Reply:
    """A review's booking for ``booked`` recorded (``_book_review``), or said already noted
    when the same booking was told before (nothing written twice)."""
    before = clocks.booked_days(ctx.session, [review.id]).get(review.id)
    if before == booked:
        return Reply(text=ctx.render("deadlines_review_booked.txt", told="already",
                                     reference=shown, day=booked))
    reminded = _book_review(ctx, review, booked, before, answer="not held", told=told)
    return Reply(text=ctx.render("deadlines_review_booked.txt", told="booked",
                                 reference=shown, day=booked, reminded=reminded))


def _book_review(ctx: Ctx, review: Deadline, booked: date, before: date | None, *,
                 answer: str, told: str | None = None) -> bool:
    """A review not held yet booked for ``booked``: kept (the audit event ``booked_reviews``
    reads), the person's reminders of it waiting until that day (as a snooze does), and the
    other side told, however the booking was told (session 45: told unprompted, the
    commissioner heard nothing). ``before``: the day it was booked for until now, if any
    (``store.booked_days``, read once by the caller). Whether the person is reminded of it
    themselves."""
    reminded = _reminded(ctx, review)
    if reminded:
        clocks.snooze(ctx.session, review, ctx.person, days=(booked - today(ctx)).days,
                      calendar=ctx.deps.calendar, policy=ctx.deps.reminders,
                      lease=ctx.deps.outbox.lease, now=ctx.now)
    ctx.audit(PAST_REVIEW_ANSWERED, subject=f"deadline:{review.id}", answer=answer,
              booked_for=booked.isoformat(), **({"told": told} if told else {}))
    # A booking moved to another day says so (session 45's review: "has moved to 18/12").
    _tell_the_other_side(ctx, review, "booked", on=booked, reference=review.reference,
                         key=f":{booked.isoformat()}",
                         moved_from=before if before is not None and before != booked
                         and before >= today(ctx) else None)
    return reminded


# A day pressed under "Which Thursday is the review for REF booked for?" (session 45).
REVIEW_BOOKED_DAY = "placement.review.booked-day"


def _ask_booked_day(ctx: Ctx, review: Deadline, shown: str, days: tuple[date, ...]) -> Reply:
    """A booked day that may mean either of two ("next thursday" on a Wednesday): asked, one
    button per day; nothing is recorded until one is pressed."""
    return Reply(text=ctx.render("deadlines_review_booked.txt", told="which",
                                 reference=shown, days=days),
                 buttons=tuple(Button(label=day_words(day), action=REVIEW_BOOKED_DAY,
                                      value=f"{review.id}:{day.isoformat()}") for day in days))


def review_booked_day_chosen(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The day pressed under "Which Thursday ...?": the booking recorded as if told with that
    day; a day passed since, or a review no longer open, is a stale button."""
    return _booked_day_chosen(incoming.action_value or "", ctx)


# A day typed under "Which Thursday ...?" (session 45's review: "the 17th" got "I don't
# know"): a date ("the 17th", "thursday 17th", "17/12") or which of the two ("the second one").
BOOKED_DAY_TYPED_ROUTE = "review-booked-day-typed"
_WHICH_ONE = re.compile(r"^\W*(?:(?:the|it'?s|its)\s+)?(?P<which>first|1st|earlier|sooner"
                        r"|second|2nd|later|last)(?:\s+(?:one|day|date))?\W*$", re.IGNORECASE)
_AROUND_A_DAY = re.compile(r"^\W*(?:(?:it'?s|its|it is|on|for|booked for|the)\s+)*$"
                           r"|^\W*(?:please|thanks?|thank you|ta)?\W*$", re.IGNORECASE)
MAX_BOOKED_DAY_WORDS = 40
# Which week ("next week", "the one next week", "this week": session 46's brief, they went to
# the knowledge base), a day's number with or without its weekday ("17", "thu 17"), and any
# other short answer, asked again (``booked_day_typed``).
_WHICH_WEEK = re.compile(r"^\W*(?:(?:the|it'?s|its|it is)\s+)?(?:(?:one|day)\s+)?(?:(?:in|of)\s+)?"
                         r"(?P<whichweek>this|next|the following|following)\s+week(?:'?s)?"
                         r"(?:\s+(?:one|day))?\W*$"
                         # "the week after", "not this week": the later week (session 46's
                         # review: asked again).
                         r"|^\W*(?:(?:the|it'?s|its|it is)\s+)?(?:(?:one|day)\s+)?"
                         r"(?P<weekafter>(?:in\s+)?(?:the\s+)?week\s+after|not\s+this\s+week)"
                         r"\W*$", re.IGNORECASE)
_NUMBER_ALONE = re.compile(r"^\W*(?:(?:the|it'?s|its|it is|on)\s+)*(?:(?P<dayname>" + WEEKDAY_WORDS
                           + r")\.?,?\s+(?:the\s+)?)?(?P<number>\d{1,2})(?:st|nd|rd|th)?\W*$",
                           re.IGNORECASE)
_ANY_SHORT = re.compile(r"(?P<other>.+)", re.DOTALL)
# A weekday said with which one it is ("this coming thursday"; "thursday next week" is
# ``LATER_WEEK``'s), read as a day as a date is; a weekday alone answers nothing.
_WHICH_WEEKDAY = re.compile(r"^(?:this\s+coming|coming|this)\s", re.IGNORECASE)
# No day but a no or a cancelling ("cancel", "no", "actually it's been cancelled": session
# 46's review, asked again): never asked again, they go on to what reads them.
_NO_DAY_ANSWER = re.compile(r"^\W*(?:no|nope|nah|cancel|stop|never\s*mind|forget it)\b"
                            r"|\bcancel|\bcalled off\b", re.IGNORECASE)
# At most this many words answer the question as something else: more are other words.
MAX_OTHER_ANSWER_WORDS = 5


def booked_day_words(text: str) -> re.Match[str] | None:
    """Words that may answer "Which Thursday ...?" (pure): which of the two ("the second
    one", "the later one"), which week ("next week"), a day's number ("17", "thu 17"), or a
    date with little else ("the 17th", "thursday 17th", "17/12", "tomorrow"); else any other
    answer of a few words that is no question (``other``: asked again while the question is
    on offer), never longer words, which go on."""
    if not text or len(text) > MAX_BOOKED_DAY_WORDS:
        return None
    for answer in (_WHICH_ONE, _WHICH_WEEK, _NUMBER_ALONE):
        found = answer.match(text)
        if found is not None:
            return found
    found = _SAID_DAY.search(text)
    if (found is not None and (any(found.group(name) for name in (
            "day", "day2", "numeric", "ordinal", "relative", *LATER_WEEK_GROUPS))
            or _WHICH_WEEKDAY.match(found.group("weekday") or "") is not None)
            and _AROUND_A_DAY.match(text[:found.start()])
            and _AROUND_A_DAY.match(text[found.end():])):
        return found
    if (len(text.split()) > MAX_OTHER_ANSWER_WORDS or forms.reads_as_question(text)
            or _NO_DAY_ANSWER.search(text) is not None):
        return None
    return _ANY_SHORT.match(text)


def _offered_day(found: re.Match[str], days: tuple[date, date], now: date) -> int | None:
    """Which of the two ``days`` offered (0 or 1) the answer ``found`` (``booked_day_words``)
    names, or None when it names neither, or both."""
    groups = found.groupdict()
    if groups.get("which"):
        return 0 if groups["which"].lower() in ("first", "1st", "earlier", "sooner") else 1
    if groups.get("whichweek") or groups.get("weekafter"):  # not _SAID_DAY's "week"
        monday = now - timedelta(days=now.weekday())
        this_week = (groups.get("whichweek") or "").lower() == "this"
        wanted = monday + timedelta(days=0 if this_week else 7)
        weeks = [day - timedelta(days=day.weekday()) == wanted for day in days]
        return weeks.index(True) if weeks.count(True) == 1 else None
    if groups.get("number"):
        named = (weekday_to_come(groups["dayname"], now) if groups.get("dayname")
                 else None)
        matching = [n for n, day in enumerate(days) if day.day == int(groups["number"])
                    and (not named or named[0].weekday() == day.weekday())]
        return matching[0] if len(matching) == 1 else None
    if groups.get("other") is not None:
        return None
    said = set(_days_to_come(found, now))
    matching = [n for n, day in enumerate(days) if day in said]
    return matching[0] if len(matching) == 1 and len(said) == 1 else None


def booked_day_typed(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A day typed under "Which Thursday ...?" (``booked_day_words``), while that question is
    the one on offer: recorded as the button for that day records it, when it is one of the
    days offered (and only then); another day is asked about again, with the same buttons.
    Words with no such question on offer go on to the next route."""
    offer = ctx.marks[OFFER_SHOWN] if OFFER_SHOWN in ctx.marks else ctx.session.scalars(
        select(OfferedButtons.buttons).where(
            OfferedButtons.person_id == ctx.person.id,
            OfferedButtons.channel == incoming.channel)).first()
    offered = [button for button in offer or [] if button.get("action") == REVIEW_BOOKED_DAY]
    found = ctx.match
    if len(offered) != 2 or not isinstance(found, re.Match):
        return ctx.registry.pass_on(BOOKED_DAY_TYPED_ROUTE, incoming, ctx)
    values = [str(button.get("value")) for button in offered]
    days = (_day_of_value(values[0]), _day_of_value(values[1]))
    chosen = _offered_day(found, days, today(ctx))
    if chosen is not None:
        return _booked_day_chosen(values[chosen], ctx)
    if found.groupdict().get("other") is not None:
        # Words that name neither day are asked about again once (their buttons marked so);
        # the second time they go on, so a person who has moved on is never held by it.
        if all(value.endswith(ASKED_AGAIN) for value in values):
            return ctx.registry.pass_on(BOOKED_DAY_TYPED_ROUTE, incoming, ctx)
        values = [value.removesuffix(ASKED_AGAIN) + ASKED_AGAIN for value in values]
    return [Reply(text=ctx.render("deadlines_review_booked.txt", told="not_offered", days=days),
                  buttons=tuple(Button(label=day_words(day), action=REVIEW_BOOKED_DAY,
                                       value=value)
                                for day, value in zip(days, values, strict=True)))]


# The end of a "Which Thursday ...?" button's value when the question was asked again after
# words that named neither day ("ID:YYYY-MM-DD:again").
ASKED_AGAIN = ":again"


def _day_of_value(value: str) -> date:
    """The day of a "Which Thursday ...?" button's value ("ID:YYYY-MM-DD", maybe with
    ``ASKED_AGAIN``); raises ValueError for any other."""
    return date.fromisoformat(value.split(":")[1] if ":" in value else value)


def _booked_day_chosen(value: str, ctx: Ctx) -> list[Reply]:
    """The booking of the review and day in ``value`` ("ID:YYYY-MM-DD") recorded, as the
    button pressed under "Which Thursday ...?" records it."""
    number = value.partition(":")[0]
    try:
        booked = _day_of_value(value)
    except ValueError:
        return [Reply(text=ctx.render("stale_button.txt"))]
    review = _deadline_from(number, ctx, closing=False)
    if (review.placement_id is None or review.rule not in ("initial-review", "monitoring")
            or booked <= today(ctx)):
        return [Reply(text=ctx.render("stale_button.txt"))]
    placement = ctx.session.get_one(Placement, review.placement_id)
    shown = _labelled(placement.reference, _shared_council(ctx, placement))
    return [_booking_noted(ctx, review, shown, booked, told="asked")]


# Words after "the 3rd" that go on with an outcome, so it was a day ("the 3rd went well",
# "the 3rd all fine"); any other word makes it a count ("the 3rd carer", "the 2nd annual
# review": the session's second review).
_A_DAY_THEN = frozenset(("went", "was", "all", "everything", "fine", "ok", "okay", "good",
                         "done", "completed", "nothing", "with", "at", "by", "-", "outcome",
                         "agreed", "they", "we", "she", "he", "it", "everyone"))
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$", re.IGNORECASE)
# The start of a day in words that ``parse_date`` does not read ("monday", "last week"); words
# that also begin an outcome ("sat with her", "this went well", "december's review") are not.
_DAY_WORD = re.compile(r"^(?:(?:last|on) )?(?:monday|tuesday|wednesday|thursday|friday|saturday"
                       r"|sunday|mon|tue|tues|thu|thur|thurs|fri)\b(?!['\u2019]s)"
                       r"|^last (?:week|month)\b", re.IGNORECASE)


def _day_of_the_month(word: str, ctx: Ctx, what: str = "review date") -> date:
    """"3rd": the latest day so numbered not after today (``_latest_day_numbered``: this
    month's, or an earlier month's when it is still to come or the month has none)."""
    found = _ORDINAL.match(word)
    assert found is not None  # noqa: S101 - matched by the caller
    day = _latest_day_numbered(int(found.group(1)), today(ctx))
    if day is None:
        raise _unreadable(ctx, "date", what=what, text=word)
    return day


# "24/7 care" is round the clock, never the 24th of July.
_ROUND_THE_CLOCK = re.compile(r"^24[/-]7\b")


def _day_first(ctx: Ctx, rest: list[str], *, what: str,
               not_yet: Callable[[str], BadInput] | None = None) -> tuple[date | None, list[str]]:
    """The day a thing was done, written first in a command's words (``words_with_days``:
    "17/12/2026 went well", "on the 3rd", "yesterday", "last monday"), and the words after
    it; with none first, None and the words as they were. ``not_yet``: the refusal of words
    first that say it is still to come ("tomorrow", "in two weeks"), when it has one."""
    words = rest
    if len(rest) >= 2 and rest[0].lower() == "on" and (
            re.match(r"^\d", rest[1]) or weekday_said(rest[1], today(ctx)) is not None
            or weekday_date_said(rest[1], today(ctx)) is not None):
        rest = rest[1:]  # "/review done REF on 01/12/2026" (the session's code review)
    # "next friday" is one word here (``words_with_days``): its "next" says it is to come.
    if not_yet is not None and rest and (_NOT_YET.match(rest[0].split()[0]) or (
            len(rest) >= 2 and rest[0].lower() == "in" and _IN_TIME.match(" ".join(rest[1:])))):
        # "tomorrow", "next week": a review to come is not done (session 22's review: the
        # word was kept as the outcome and the review recorded as done today).
        raise not_yet(" ".join(rest[:3] if rest[0].lower() == "in" else rest[:2]))
    # A date ("01/12/2026", "1 Dec"), not a number that starts the outcome ("3 carers met").
    # "the 3rd", "on the 3rd", or "3rd" on its own (session 26's trial: kept as the outcome,
    # done today); not "1st review went well" or "the 3rd carer now attends" (the session's
    # review: read as the 1st and the 3rd).
    lowered = [word.lower() for word in rest]
    at = 1 if lowered[:1] == ["on"] else 0
    the = lowered[at:at + 1] == ["the"]
    ordinal = [word.rstrip(",.;:-") for word in rest[at + the:at + the + 1]]
    ends = bool(ordinal) and ordinal[0] != rest[at + the]  # "the 3rd, all well"
    following = lowered[at + the + 1:at + the + 2]
    if ordinal and _ORDINAL.match(ordinal[0]) and (
            not following or ends or following[0] in _A_DAY_THEN):
        return _day_of_the_month(ordinal[0], ctx, what), rest[at + the + 1:]
    if rest and _ROUND_THE_CLOCK.match(rest[0]):
        return None, words
    if (rest and re.match(r"^\d+(?:[-/.]|\w* )", rest[0])) or rest[:1] in (["today"],
                                                                        ["yesterday"]):
        return parse_date(rest[0], ctx, what=what), rest[1:]
    if rest and weekday_date_said(rest[0], today(ctx)) is not None:
        # "thursday 3rd", "monday 7/12" (one word: ``words_with_days``): the date given.
        return parse_date(rest[0], ctx, what=what, toward="past"), rest[1:]
    if rest and weekday_said(rest[0], today(ctx)) is not None and (
            _DAY_WORD.match(rest[0]) or " " in rest[0]):
        # "monday", "last tuesday": the latest such day, read as every command reads it.
        return parse_date(rest[0], ctx, what=what, toward="past"), rest[1:]
    if rest and _DAY_WORD.match(" ".join(rest[:2])):
        # "last week", "December": a day I can't be sure of is asked for, never kept as the
        # outcome with the day recorded today.
        raise _unreadable(ctx, "date", what=what, text=" ".join(rest[:2]))
    return None, words


# A day told among the words ("revisit happened on the 17th", "held on 17/12", "visited
# 5 Dec"): after "on" or a word saying it happened, or "yesterday", "last monday" anywhere;
# never a day with nothing saying it is when it happened ("new hours from 4 Jan", "hours up
# to 14/wk", "17 residents"), nor an ordinal that counts ("on the 2nd visit").
_HAPPENED_BEFORE = re.compile(
    r"\b(?:held|happened|done|took place|went ahead|visited|completed|carried out|reviewed"
    r"|revisited|attended|met|came(?: out| round)?|went|paid|sent|submitted|received|agreed"
    r"|confirmed|issued|published"
    r"|applied|implemented)\s*$", re.IGNORECASE)
# Words after an ordinal day that go on about that day ("on the 17th and all fine").
_DAY_JOINERS = _A_DAY_THEN | frozenset(("and", "as", "when", "after", "before", "in", "so",
                                         "but", "because", "instead", "of", "for", "via",
                                         "over", "following", "then", "which", "where"))


# Words before a day, in its clause, that say the day is another event's, to come ("next
# meeting on the 14th", "family visiting on friday", "review booked for 5/1", "will be held on
# the 4th"): never the day a thing was done (session 36's review).
_AHEAD = re.compile(
    r"\b(?:next|will|shall|going to|to be|planned|planning|booked|booking|scheduled|due"
    r"|upcoming|coming|visiting|arranged|rearrang\w*|rebook\w*|reschedul\w*|moved|postpon\w*"
    r"|until|till|from)\b"
    r"|'ll\b", re.IGNORECASE)
# Words after a day that say it is when the thing was done ("17/12: review held").
_HAPPENED_AFTER = re.compile(
    r"^\s*[:\-\u2013,]?\s*(?:(?:the\s+)?(?:review|revisit|visit|meeting|it)\s+)?(?:was\s+)?"
    r"(?:held|happened|done|took place|went ahead|completed|carried out)\b", re.IGNORECASE)
# A vague day after words that say it was done ("revisit held last week"): asked for, as it is
# when written first (session 36's review: recorded as done today).
_VAGUE_DONE = re.compile(
    _HAPPENED_BEFORE.pattern.removesuffix(r"\s*$") + r"\s+(?:on\s+)?(?P<vague>last (?:week|month)"
    r"|earlier this (?:week|month)|the other day|recently|(?:a few|some|a couple of) "
    r"(?:days|weeks) ago)\b", re.IGNORECASE)
TOLD, UNSURE = "told", "unsure"
# A day ``_SAID_DAY`` reads that is still to come ("tomorrow", "on next friday").
_TO_COME = re.compile(r"^(?:(?:on|at)\s+)?(?:the\s+)?(?:tomorrow|next\s|this\s|coming\s)",
                      re.IGNORECASE)


def _told_as_the_day(found: re.Match[str], text: str) -> str | None:
    """How a day ``_SAID_DAY`` found in ``text`` is told: ``TOLD`` as the day the thing was
    done (after words saying it happened, "held on 17/12", or before them, "17/12: review
    held", or "yesterday", "last friday"); ``UNSURE`` when only "on" ties it to anything
    ("all good, meeting on the 18th"), to be asked about; None when it is no such day (another
    event's, to come: "next meeting on the 14th"; "new hours from 4 Jan"; "24/7 care"; "on the
    2nd visit")."""
    groups = found.groupdict()
    before = text[:found.start()]
    verb = _HAPPENED_BEFORE.search(before)
    # After a word saying it happened, only words just before that word point it ahead ("to
    # be held on the 4th"; not "due on the 15th held on the 17th"); else the whole clause.
    ahead = (" ".join(before[:verb.start()].split()[-3:]) if verb is not None
             else re.split(r"[,;.!?]|\b(?:and|but|then)\b", before)[-1])
    if _AHEAD.search(ahead) is not None or _TO_COME.match(found.group(0)) is not None:
        return None
    if (groups["week"] is not None or groups["week2"] is not None
            or any(groups.get(name) for name in LATER_WEEK_GROUPS)):
        return None  # "thursday week", "a week today", "thursday next week": to come
    if groups["relative"] is not None:
        return TOLD
    done = verb is not None or _HAPPENED_AFTER.match(text[found.end():]) is not None
    on = re.match(r"on\s", found.group(0), re.IGNORECASE) is not None
    if groups["weekday"] is not None:
        if done or groups["weekday"].lower().startswith("last"):
            return TOLD
        return UNSURE if on else None
    if not (done or on):
        # A whole date nothing ties to anything ("all good, review was 2 Dec", "17/12/2026"):
        # asked about, never recorded as done today (session 37's brief); a lone number or
        # ordinal ("2-3 carers", "the 3rd carer") is no day.
        dated = (groups["month"] is not None or groups["month2"] is not None
                 or (groups["numeric"] is not None
                     and len(re.split(r"[/.-]", groups["numeric"])) == 3))
        return UNSURE if dated else None
    if groups["numeric"] is not None and _ROUND_THE_CLOCK.match(groups["numeric"]) is not None:
        return None
    if groups["ordinal"] is not None:
        after = text[found.end():]
        following = re.match(r"\s*(\w+|-)", after)
        # "on the 17th, hours up", "on the 17th with the family"; not "on the 2nd visit".
        if not (following is None or re.match(r"\s*[,;:.!?)]", after) is not None
                or following.group(1).lower() in _DAY_JOINERS):
            return None
    return TOLD if done else UNSURE


def _day_told(ctx: Ctx, text: str, *, command: str, what: str) -> date | None:
    """The day ``text`` says a thing happened (``_told_as_the_day``), as "Did it happen?" in
    words reads it (``_SAID_DAY``, ``_day_said``), a day to come kept as such; None with
    none. Two different days are asked about, never one picked (``command``: how to send it
    again with the day first), as is a day only "on" ties to anything, or a vague one
    ("held last week": ``what``, what the day is called)."""
    vague = _VAGUE_DONE.search(text)
    if vague is not None:
        raise _unreadable(ctx, "date", what=what, text=vague.group("vague"))
    days: list[date] = []
    sure = False
    for found in _SAID_DAY.finditer(text):
        told = _told_as_the_day(found, text)
        if told is None:
            continue
        for day in _days_said(found, ctx, to_come=True):  # "on thursday 4th": two, asked
            if day not in days:
                days.append(day)
                sure = sure or told == TOLD
    if len(days) > 1:
        raise _refused(ctx, "days_told", days=days, command=command)
    if days and not sure:
        raise _refused(ctx, "day_unsure", day=days[0], command=command)
    return days[0] if days else None


def _close_review(ctx: Ctx, placement: Placement, review: Deadline, done_on: date,
                  outcome: str | None, council: str | None = None, *,
                  kept: str | None = None, stays: Deadline | None = None) -> Reply:
    """Close one review; a regular review starts the next 6-monthly one (pledge 25), asked
    about (Yes, done on DATE / No / Not sure) when it is already past its day. The reply names
    ``council`` when given (the sender has the reference at several)."""
    clocks.close_deadline(ctx.session, review, status=DeadlineStatus.DONE, on=done_on,
                          outcome=outcome, actor_id=ctx.person.id, now=ctx.now)
    if review.rule == "condition-change":
        # A revisit covers every change in condition notified by the day it was done (session
        # 22's review: a second notification's revisit stayed open and was chased as overdue).
        for earlier in ctx.session.scalars(select(Deadline).where(
                Deadline.placement_id == placement.id, Deadline.rule == "condition-change",
                Deadline.status == DeadlineStatus.OPEN, Deadline.start_on <= done_on)):
            clocks.close_deadline(ctx.session, earlier, status=DeadlineStatus.DONE, on=done_on,
                                  outcome=outcome, actor_id=ctx.person.id, now=ctx.now)
    other_open = ctx.session.scalars(select(Deadline.id).where(
        Deadline.placement_id == placement.id, Deadline.status == DeadlineStatus.OPEN,
        Deadline.rule.in_(("initial-review", "monitoring")))).first()
    following = None
    if (review.rule != "condition-change" and other_open is None
            and not _ended(placement, schedule("monitoring", done_on, ctx.deps.calendar).due)):
        following = open_review(ctx, placement, "monitoring", done_on)
    next_due = following.due_on if following is not None else None
    # A review done long ago (an old placement added late) starts a next one already past its
    # day: it is said to be overdue (session 31's review: "is due Thu 10 Oct 2024" two years
    # on), and whether it happened is asked as the first one's was (session 32's brief).
    overdue_days = (today(ctx) - next_due).days if next_due is not None else 0
    withheld = _tell_the_other_side(ctx, review, "done", on=done_on, reference=review.reference,
                                    outcome=outcome, next_due=next_due)
    return Reply(
        text=ctx.render("deadlines_review_done.txt", reference=review.reference,
                        done_on=done_on, next_due=next_due, council=council,
                        plain=placement.reference, overdue=overdue_days > 0,
                        kept=kept if not withheld else None, withheld=withheld,
                        stays=stays),
        buttons=_past_review_buttons(following, overdue_days) if following is not None else ())


def _tell_the_other_side(ctx: Ctx, deadline: Deadline, what: str, *, on: date,
                         reference: str, outcome: str | None = None,
                         next_due: date | None = None, key: str = "",
                         moved_from: date | None = None) -> list[str]:
    """A deadline's people on the other side from the sender (its commissioner when a
    provider closed it, its provider contact when the council did) are told it was closed
    (session 33's trial: an invoice marked paid or a review recorded left the other side's
    /reminders without a word).

    An outcome or reason whose words raised a safeguarding concern (the middleware has
    answered them: ``WORDS_ANSWERED``) is held back from them, as a form holds back words
    withheld, and they are told it went to the safeguarding hub (session 35's brief: the
    commissioner's notice quoted "a carer slapped her", which the hub already had). Returns the
    names of those it was held back from (none when nothing was)."""
    withheld = bool(outcome) and bool(ctx.marks.get(WORDS_ANSWERED))
    told: list[tuple[Person, Person | None]] = []
    for person_id in sorted(pid for pid in (deadline.provider_contact_id,
                                            deadline.commissioner_id)
                            if pid is not None and pid != ctx.person.id):
        named = ctx.session.get_one(Person, person_id)
        if not named.active:
            continue
        told.append((named, None))
        # A colleague covering while they are away is told too (session 33's second trial).
        cover = cover_on(ctx.session, named, today(ctx))
        if cover is not None and cover.id != ctx.person.id:
            told.append((cover, named))
    for person, covered in told:
        shown = reference
        if deadline.placement_id is not None:
            placement = ctx.session.get_one(Placement, deadline.placement_id)
            shown = _labelled(reference, _shared_councils(ctx, placement, [person])[person.id])
        ctx.notify(Notification(
            person_id=person.id, kind=f"deadline.{what}",
            text=ctx.render("deadlines_closed_told.txt", what=what, name=ctx.person.name,
                            organisation=ctx.person.organisation.name, reference=shown,
                            on=on, outcome=None if withheld else outcome,
                            withheld=withheld, next_due=next_due, moved_from=moved_from,
                            invoice_owed=(deadline.invoice_id is not None
                                          and person.role == Role.PROVIDER
                                          and _paid_by_a_council(ctx, deadline)),
                            covering=covered.name if covered is not None else None,
                            covering_until=covered.away_until if covered is not None else None),
            idempotency_key=f"deadline-closed:{deadline.id}:{what}{key}:{person.id}"))
    return [person.name for person, _covered in told] if withheld else []


def _paid_by_a_council(ctx: Ctx, deadline: Deadline) -> bool:
    """Whether the deadline's invoice is a council's to pay (not a prime contractor's, whose
    subcontractor's dispute is not the council's: session 34's review)."""
    invoice = ctx.session.get(Invoice, deadline.invoice_id) if deadline.invoice_id else None
    return invoice is not None and ctx.session.get_one(
        Organisation, invoice.payer_id).kind == OrganisationKind.COUNCIL


def condition_change(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/condition-change REF [DATE]: start the 2-week clock and tell the commissioner now."""
    words = words_with_days(ctx.args.split())
    if not words:
        raise _usage(ctx, "condition-change")
    words = _reference_first(ctx, words)
    placement, rest, council = _placement(ctx, words[0], words[1:], command="condition-change",
                                          dated=True)
    shown = _labelled(placement.reference, council)
    if len(rest) > 1:
        raise _usage(ctx, "condition-change")
    notified = (parse_date(rest[0], ctx, what="notification date", toward="past") if rest
                else today(ctx))
    _not_future(notified, ctx, "notification date")
    if notified < placement.started_on:
        raise _refused(ctx, "notified_before_start", day=notified, reference=shown)
    if _ended(placement, notified):
        raise _refused(ctx, "placement_ended", reference=shown,
                       ended_on=placement.ended_on)
    # The same report twice opened two revisits and told the commissioner twice, and a
    # corrected (earlier) date left the old revisit open (session 21's review).
    # A later date is a new change, with its own revisit (the open one is still due).
    pending = ctx.session.scalars(select(Deadline).where(
        Deadline.placement_id == placement.id, Deadline.rule == "condition-change",
        Deadline.status == DeadlineStatus.OPEN, Deadline.start_on >= notified)
        .order_by(Deadline.start_on)).first()
    if pending is not None and notified == pending.start_on:
        return [Reply(text=ctx.render(
            "deadlines_condition_change.txt", pending=True, reference=shown,
            notified_on=pending.start_on, due_on=pending.due_on, same=True))]
    if pending is not None:  # an earlier notification date: a correction of the open one
        clocks.close_deadline(ctx.session, pending, status=DeadlineStatus.NOT_APPLICABLE,
                              on=today(ctx), outcome=f"notified on {notified} instead",
                              actor_id=ctx.person.id, now=ctx.now)
    deadline = open_review(ctx, placement, "condition-change", notified)
    # A correction says what it corrects, to the sender and to those told (session 30's
    # trial: the second, near-identical notice read as a second change).
    facts = {"notified_on": notified, "due_on": deadline.due_on,
             "was_notified_on": pending.start_on if pending is not None else None,
             "was_due_on": pending.due_on if pending is not None else None}
    # The other side is told (session 20: a commissioner's own report was sent to themselves,
    # and "the commissioner has been told"): a provider's report goes to the commissioner, a
    # council officer's to the provider's contact (and to the commissioner, if not them).
    if ctx.person.role == Role.PROVIDER:
        told = [placement.commissioner_id]
    else:
        told = [placement.provider_contact_id]
        if placement.commissioner_id != ctx.person.id:
            told.append(placement.commissioner_id)
    # A commissioner away (/away) is told for their return, and their cover now (session 21's
    # review: the cover heard nothing of a revisit due while the commissioner was away).
    covers: list[int] = []
    for person_id in told:
        cover = cover_on(ctx.session, ctx.session.get_one(Person, person_id), today(ctx))
        if cover is not None and cover.id not in told + covers and cover.id != ctx.person.id:
            covers.append(cover.id)
    councils = _shared_councils(ctx, placement,
                                [ctx.session.get_one(Person, pid) for pid in told + covers])
    for person_id in told + covers:
        ctx.notify(Notification(
            person_id=person_id, kind="condition-change",
            text=ctx.render("deadlines_condition_change.txt", to_commissioner=True,
                            name=ctx.person.name, organisation=ctx.person.organisation.name,
                            reference=_labelled(placement.reference, councils[person_id]),
                            **facts),
            idempotency_key=f"condition-change:{deadline.id}:{person_id}"))
    names = [ctx.session.get_one(Person, person_id).name for person_id in told]
    covering = [ctx.session.get_one(Person, person_id).name for person_id in covers]
    return [Reply(text=ctx.render("deadlines_condition_change.txt", to_commissioner=False,
                                  told=names, covering=covering,
                                  provider=ctx.person.role == Role.PROVIDER, reference=shown,
                                  **facts))]


def invoice_command(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/invoice received NUMBER DATE AMOUNT [PLACEMENT] | /invoice paid NUMBER [DATE]."""
    return asking_amount(ctx)


# A sum offered for an amount whose comma is unsure ("Did you mean £12.50 or £125?"): its
# value is /invoice's words with that sum in place of the one typed, run when pressed (or
# typed: ``amount_answer``) while it is on offer, so once.
INVOICE_AMOUNT = "invoice.amount_chosen"
INVOICE_AMOUNT_ROUTE = "invoice-amount-answered"


# A sum's button value that begins so runs a dispute typed without the slash again, which
# asks "Shall I record ...?" before anything is recorded, as it did when first typed.
_ASK_FIRST = "?"


def asking_amount(ctx: Ctx, *, incoming: Incoming | None = None,
                  ask_first: bool = False) -> list[Reply]:
    """/invoice's words (``ctx.args``) run in a savepoint (``ask_first``: as a dispute typed
    without the slash, ``incoming``'s, is: asked about first); an amount in them whose comma
    is unsure undoes it all and is asked about, a button for each sum it may be (session 44's
    brief: "£12.50" typed after the question was the knowledge base's, and the whole command
    had to be typed again); when the sum can't be put in the words' place, refused as
    before."""
    queued = len(ctx.notifications)
    savepoint = ctx.session.begin_nested()
    try:
        replies = (_dispute_asked(incoming, ctx) if ask_first and incoming is not None
                   else _invoice_words_run(ctx))
    except AmountUnsure as unsure:
        savepoint.rollback()
        del ctx.notifications[queued:]
        asked = _amount_asked(ctx, ctx.args, unsure, ask_first=ask_first)
        if asked is None:
            raise
        return [asked]
    except BaseException:
        savepoint.rollback()
        del ctx.notifications[queued:]
        raise
    savepoint.commit()
    return replies


def _amount_asked(ctx: Ctx, args: str, unsure: AmountUnsure, *, ask_first: bool = False,
                  form: bool = False) -> Reply | None:
    """"Did you mean £12.50 or £125?" with a button for each sum, its value /invoice's words
    (``args``) with that sum in place; None when the sum can't be put there. ``form``: the
    words were a form's answers, not a command typed, so none is to be sent again."""
    values = [_words_with_sum(args, unsure, reading) for reading in unsure.readings]
    if any(value is None for value in values):
        return None
    return Reply(text=ctx.render("deadlines_unreadable.txt", problem="amount_asked",
                                 readings=unsure.readings, ask_first=ask_first, form=form),
                 buttons=tuple(Button(label=reading, action=INVOICE_AMOUNT,
                                      value=(_ASK_FIRST if ask_first else "") + (value or ""))
                               for reading, value in zip(unsure.readings, values,
                                                         strict=True)))


def _words_with_sum(args: str, unsure: AmountUnsure, reading: str) -> str | None:
    """/invoice's words with ``reading`` ("£12.50") in place of the amount ``unsure`` refused,
    or None when it is not there once (pure)."""
    if args.count(unsure.typed) == 1:
        return args.replace(unsure.typed, reading)
    figure = re.search(r"\d+,\d{1,2}", unsure.figure)
    if figure is None:
        return None
    found = list(re.finditer(rf"(?<![\d,.]){re.escape(figure.group())}(?![\d,])", args))
    if len(found) != 1:
        return None
    at = found[0]
    return args[:at.start()] + reading.removeprefix("£") + args[at.end():]


def _amounts_on_offer(incoming: Incoming, ctx: Ctx) -> list[dict[str, str]]:
    """The sums asked about on offer to the person on this channel, in order."""
    offer = ctx.session.scalars(select(OfferedButtons.buttons).where(
        OfferedButtons.person_id == ctx.person.id,
        OfferedButtons.channel == incoming.channel)).first()
    return [button for button in offer or []
            if button.get("action") == INVOICE_AMOUNT and not button.get(HELD)]


def invoice_amount_chosen(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A sum pressed under "Did you mean £12.50 or £125?": /invoice's words run with it, once
    (the question answered, it is no longer on offer: pressed again, nothing is)."""
    if not any(button.get("value") == incoming.action_value
               for button in _amounts_on_offer(incoming, ctx)):
        return [Reply(text=ctx.render("deadlines_unreadable.txt", problem="amount_answered"))]
    return _amount_run(incoming, ctx, incoming.action_value or "")


def _amount_run(incoming: Incoming, ctx: Ctx, value: str) -> list[Reply]:
    """A sum's button value run: /invoice's words, or a dispute typed without the slash asked
    about again (``_ASK_FIRST``)."""
    ask_first = value.startswith(_ASK_FIRST)
    ctx.args = value.removeprefix(_ASK_FIRST)
    return asking_amount(ctx, incoming=incoming, ask_first=ask_first)


_WHICH_SUM = re.compile(r"^(?:the )?(?P<which>first|1st|second|2nd|third|3rd|fourth|4th)"
                        r"(?: one| sum| amount| figure)?$")
_SAID_BEFORE_THE_SUM = re.compile(
    r"^(?:(?:no|nope|nah|sorry|oops|oh|actually|not that(?: one)?|(?:i )?meant|it'?s|it is"
    r"|it was|make it|should be|it should be)\b[\s,.:;!-]*)+(?=£|\d)")
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3,
             "4th": 3}


def amount_answer(text: str) -> str | None:
    """A sum alone ("£12.50", "12.50 please", "125") or which of those asked about ("the
    first one", "second"), as words that may answer "Did you mean £12.50 or £125?"; else
    None (pure: ``invoice_amount_answered`` answers it only while such a question is on
    offer)."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split()).strip(" .!")
    folded = re.sub(r"(?:,?\s+(?:please|pls|thanks|thank you|ta))+$", "", folded).strip(" .!")
    # "no, £125", "sorry, I meant 125" (session 44's records review: "I don't know").
    folded = _SAID_BEFORE_THE_SUM.sub("", folded)
    if _WHICH_SUM.match(folded):
        return folded
    said = amount_typed(folded)
    if said is None or said.rest.strip(" .!"):
        return None
    return folded


def invoice_amount_answered(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A sum typed alone right after "Did you mean £12.50 or £125?" (``amount_answer``): one
    of those asked about runs /invoice's words with it, as its button would; any other sum,
    or a fifth of two, changes nothing and says why, the question asked again. With no such
    question on offer, the words go on."""
    offered = _amounts_on_offer(incoming, ctx)
    said = str(ctx.match or "")
    if not offered and said and _MONEY_ALONE.search(said) is not None and (
            ctx.person.role in (Role.PROVIDER, Role.COMMISSIONER, Role.ADMIN)):
        # "£12.50" again once the question is answered, or with none asked: said so, not
        # the knowledge base's "I don't know" (a bare "3" may be a pledge's number: on).
        return [Reply(text=ctx.render("deadlines_unreadable.txt", problem="amount_unasked",
                                      provider=ctx.person.role == Role.PROVIDER))]
    if not offered or not said:
        return ctx.registry.pass_on(INVOICE_AMOUNT_ROUTE, incoming, ctx)
    readings = tuple(str(button.get("label") or "") for button in offered)
    buttons = tuple(Button(label=str(button.get("label") or ""), action=INVOICE_AMOUNT,
                           value=str(button.get("value") or "")) for button in offered)
    which = _WHICH_SUM.match(said)
    chosen: dict[str, str] | None = None
    problem, typed = "amount_not_offered", ""
    if which is not None:
        index = _ORDINALS[which.group("which")]
        chosen = offered[index] if index < len(offered) else None
        problem = "amount_beyond"
    else:
        amount = amount_typed(said)
        # A sum with an unsure comma of its own is none of those asked about.
        asked = (_reading_pence(pounds_typed(amount.figure))
                 if amount is not None and amount.readings is None else None)
        chosen = next((button for button, reading in zip(offered, readings, strict=True)
                       if asked is not None and _reading_pence(reading) == asked), None)
        typed = f"£{asked / 100:,.2f}" if asked is not None else said
    if chosen is None:
        return [Reply(text=ctx.render("deadlines_unreadable.txt", problem=problem, typed=typed,
                                      readings=readings), buttons=buttons)]
    return _amount_run(incoming, ctx, str(chosen.get("value") or ""))


# Plainly money: a "£", pence after a point, or a currency word.
_MONEY_ALONE = re.compile(r"£|\d\.\d\d\b|\b(?:pounds?|quid|gbp)\b")


def _reading_pence(reading: str) -> int | None:
    """A sum offered or typed ("£1,250", "£12.50", "125") in pence, else None (pure)."""
    try:
        return pence(reading)
    except AmountError:
        return None


def _invoice_words_run(ctx: Ctx, *, invoice_id: int | None = None) -> list[Reply]:
    """/invoice's words (``ctx.args``) run; ``invoice_id``: a dispute or its settlement acts
    on that invoice alone (the one a question's button was made for)."""
    said = ctx.args.split()
    if said and said[0].casefold() in _INVOICE_SUBCOMMANDS:
        # "Invoice Undisputed INV-1", "/invoice Received ...": read as typed in lower case
        # (session 41's review: they got the usage text).
        said[0] = said[0].casefold()
    words = _invoice_words(words_with_days(said), ctx)
    if command_words(ctx.args) == ["list"]:  # "/invoice list please" (session 34's brief)
        return _list_invoices(ctx)
    listed = command_words(ctx.args)
    if listed[:1] == ["list"]:
        # "/invoice list Riverside": those from (to) that organisation alone (session 44's
        # brief: "have we paid Riverside's invoices yet?").
        named = " ".join(ctx.args.split()[1:]).strip(" ?.!")
        if _ALL_OF_THEM.fullmatch(named.casefold()):
            # "/invoice list all" (session 44's records review: "an organisation called
            # 'all'"): the whole list.
            return _list_invoices(ctx)
        others = invoice_counterparts_named(ctx, named)
        if not others:
            # Cut, not echoed whole (session 44's records review: 500 letters came back).
            raise _refused(ctx, "invoice_other_unknown", name=shortened(named, MAX_NAME_SAID),
                           provider=ctx.person.role == Role.PROVIDER)
        return _list_invoices(ctx, others=others)
    if words[:1] == ["received"] and len(words) >= 4:
        # The amount may be words ("forty pounds", "£ 120"); the placement last, with its
        # council's name after it when the provider has one of that reference at two councils
        # ("... RC-104 Northshire").
        taken = max(_amount_words(words[3:]), 1)
        rest = words[3 + taken:]
        if rest[:1] == ["for"] and len(rest) > 1:  # "£450 for RC-101"
            rest = rest[1:]
        _amount_not_split(ctx, " ".join(words[3:]), placement_last=True)
        return _invoice_received(ctx, words[1], words[2], " ".join(words[3:3 + taken]),
                                 rest[0] if rest else None, rest[1:])
    if words[:1] == ["paid"] and len(words) >= 2:
        rest = words[2:]
        when = None
        if rest and (rest[0][:1].isdigit() or weekday_said(rest[0], today(ctx)) is not None
                     or rest[0].lower() in ("today", "yesterday", "tomorrow")):
            # "tomorrow" is a day, not whose invoice (session 30's trial: "I don't know an
            # invoice 'inv-2002' from 'tomorrow'").
            when, rest = rest[0], rest[1:]
        if rest and ctx.person.role == Role.PROVIDER:
            raise _usage(ctx, "invoice")
        return _invoice_paid(ctx, words[1], when, issuer=" ".join(rest) or None)
    if words[:1] in (["disputed"], ["undisputed"]) and len(words) >= 2:
        return _invoice_dispute(ctx, words[1], " ".join(words[2:]),
                                disputed=words[0] == "disputed", invoice_id=invoice_id)
    raise _usage(ctx, "invoice", typed=words[0] if words else None,
                 subcommands=_INVOICE_SUBCOMMANDS)


_ALL_OF_THEM = re.compile(r"(?:all|all of them|everything|every one|all invoices|all unpaid"
                          r"|unpaid|open|all open|outstanding|all outstanding)")
MAX_NAME_SAID = 60
_INVOICE_SUBCOMMANDS = ("received", "paid", "list", "disputed", "undisputed")
# An amount typed with a space inside, "£ 1 200", "1 200": £1 and "200" of the words after it,
# or £1,200? Never guessed (session 41's review: "£ 1 200 rota" recorded £1.00 disputed for
# "200 rota"; "/invoice received ... £ 1 200 RC-101" read "200" as the placement). Not before
# a count ("3 120 minute calls" is the reason's to read).
_AMOUNT_SPLIT = re.compile(
    r"\s*(?P<pound>£\s*)?(?P<first>\d{1,3})(?P<groups>(?:[ \t]\d{3})+)"
    r"(?P<pounds>\s*(?:pounds?|quid|gbp)\b)?(?=$|\s|\)|[;,:.!?](?!\d))(?P<after>\s*\S*)",
    re.IGNORECASE)


def amount_split(text: str, *, placement_last: bool = False,
                 marked: bool = False) -> tuple[str, str] | None:
    """The two sums an amount typed with a space inside may be ("£ 1 200 rota": "£1",
    "£1,200"), or None when ``text`` begins with no such amount (pure). ``placement_last``:
    a last group of three digits with nothing after it is the placement ("/invoice received
    ... 500 101": £500 for placement 101, the session's second invoice review). ``marked``:
    only one said to be pounds, with a "£" or a currency word ("£1 200", "1 200 pounds")."""
    found = _AMOUNT_SPLIT.match(text)
    if found is None or (marked and not (found.group("pound") or found.group("pounds"))):
        return None
    # (The word after, without the space before it: "3 120 minute calls" is a count; the
    # space kept, no count was ever found and each was refused, the second review found.)
    after = found.group("after").strip().strip(".,;:!?()").casefold()
    if placement_last and not after and not found.group("pounds"):
        return None
    if not found.group("pound") and not found.group("pounds") and (
            after in _COUNTED or after in _CARE_UNITS or after in ("ml", "mg", "litres")):
        return None
    whole = found.group("first") + "".join(found.group("groups").split())
    return f"£{found.group('first')}", f"£{int(whole):,}"


# Where a sum may start later in a dispute's words: a "£" or a digit that begins a word.
_SUM_STARTS = re.compile(r"(?<![\w£.,])(?=£|\d)")


def _amount_not_split(ctx: Ctx, text: str, *, placement_last: bool = False,
                      anywhere: bool = False) -> None:
    """Refused, nothing recorded, when ``text`` begins with an amount typed with a space
    inside (``amount_split``); ``anywhere``: or has one said to be pounds later in it ("120
    visits, £1 200", "1 200 pounds": session 42's brief, it asked about £1). A bare number
    later ("3 120 minute calls") is the words', as any later number without "£" is."""
    meant = amount_split(text, placement_last=placement_last)
    if meant is None and anywhere:
        meant = next((split for found in _SUM_STARTS.finditer(text) if found.start() > 0
                      and (split := amount_split(text[found.start():], marked=True))
                      is not None), None)
    if meant is not None:
        raise _unreadable(ctx, "amount_split", one=meant[0], other=meant[1])


# "invoice disputed INV-1 ..." typed without its slash (session 40's brief: it got the
# invoice's state and the knowledge base's answer, nothing recorded).
INVOICE_DISPUTE_TYPED_ROUTE = "invoice-dispute-typed"
_DISPUTE_TYPED = re.compile(r"\s*invoice\s+(?P<args>(?:un)?disputed\s+\S.*)",
                            re.IGNORECASE | re.DOTALL)
MAX_DISPUTE_TYPED = 600
INVOICE_RECEIVED_TYPED_ROUTE = "invoice-received-typed"
_RECEIVED_TYPED = re.compile(r"\s*invoice\s+(?P<args>received\s+\S.*)",
                             re.IGNORECASE | re.DOTALL)
_SENT_TOLD = re.compile(
    r"\s*(?:(?:i|we)(?:'ve|\u2019ve| have)?\s+)?(?:just\s+|now\s+|already\s+|today\s+)?"
    r"(?P<sent>sent|issued|raised|submitted|emailed|e-mailed)\s+(?:the\s+council\s+|them\s+)?"
    r"(?:an?\s+|the\s+|our\s+)?invoice\s+(?:number\s+|no\.?\s+)?(?P<args>\S.*?)[.!]?\s*",
    re.IGNORECASE | re.DOTALL)
# Words said around the command's slots without the slash: "on 2 Dec", "£450 for RC-101".
_RECEIVED_FILLER = frozenset(("on", "dated", "for"))
_NUMBERED_DAY = re.compile(r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?")
# The words a question about a dispute starts with after its number ("invoice disputed INV-2
# what happens now": session 40's review, it was recorded).
_ASKED_AFTER = frozenset((
    "what", "whats", "what's", "how", "hows", "how's", "why", "when", "where", "who", "which",
    "can", "could", "should", "shall", "does", "do", "did", "is", "are", "will", "would",
    "has", "have", "any", "may", "might", "must"))


def invoice_dispute_typed(text: str) -> re.Match[str] | None:
    """"invoice disputed NUMBER ..." or "invoice undisputed NUMBER" typed without the slash,
    as the command's words (pure), only when plainly the command: an invoice number (with a
    digit in it, "INV 2043" typed apart too) right after "disputed", and no question after it
    ("invoice disputed INV-1 what now", "... is that ok?"), which is the knowledge base's;
    "invoice disputed by the council" names no invoice and is told to the other routes
    (session 40's review: it got "I don't know an invoice 'by'")."""
    return _invoice_typed(text, _DISPUTE_TYPED)


def invoice_received_typed(text: str) -> re.Match[str] | None:
    """"invoice received NUMBER ..." typed without the slash, as the command's words (pure),
    only when plainly the command, as ``invoice_dispute_typed`` reads a dispute's (the
    read-again after session 42: "invoice received INV-300 £450 for RC-101" got "I don't know
    the answer to that"); or an invoice told sent ("I've sent invoice RV-1112 for £640 on 2
    December for RC-101": session 44's records review, "I don't know"), which is only ever
    pointed to the command."""
    return _invoice_typed(text, _RECEIVED_TYPED) or _invoice_typed(text, _SENT_TOLD)


def _invoice_typed(text: str, command: re.Pattern[str]) -> re.Match[str] | None:
    """``command``'s words typed without the slash, when plainly the command: an invoice
    number right after its subcommand, no question (pure)."""
    if not text or forms.reads_as_question(text):
        return None
    found = command.fullmatch(text)
    if found is None:
        return None
    words = found.group("args").split()[0 if "sent" in command.groupindex else 1:]
    if any(character.isdigit() for character in words[0]):
        rest = words[1:]
    elif len(words) > 1 and words[0].isalpha() and words[1].isascii() and words[1].isdigit():
        rest = words[2:]
    else:
        return None
    if "?" in text or (rest and rest[0].casefold().strip(",.:;") in _ASKED_AFTER):
        return None
    return found


def invoice_dispute_told(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The words ``invoice_dispute_typed`` matched, handled as ``/invoice`` handles them, as
    "help" without its slash is the help; by a person who may use /invoice (else passed on)."""
    if ctx.person.role not in (Role.PROVIDER, Role.COMMISSIONER, Role.ADMIN) or ctx.match is None:
        return ctx.registry.pass_on(INVOICE_DISPUTE_TYPED_ROUTE, incoming, ctx)
    ctx.args = ctx.match.group("args").strip()
    if len(ctx.match.string) > MAX_DISPUTE_TYPED:
        # Too long for a button to carry: said so, nothing recorded (it went to the knowledge
        # base, which kept it as a question it could not answer).
        kind, number, *_rest = ctx.args.split()
        if not any(character.isdigit() for character in number):
            number = " ".join(ctx.args.split()[1:3])  # "INV 2043"
        raise _refused(ctx, "dispute_typed_too_long", limit=MAX_DISPUTE_TYPED,
                       command=kind.casefold(), number=number)
    return asking_amount(ctx, incoming=incoming, ask_first=True)


def invoice_received_told(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The words ``invoice_received_typed`` matched, by a person who may use /invoice (else
    passed on): run as "/invoice received ..." when they hold the day it was received ("on"
    before it and "for" before the placement let be); else the command to type with the
    words given, nothing recorded, a day never guessed. Only a provider records one, of its
    own, as with the slash."""
    if ctx.person.role not in (Role.PROVIDER, Role.COMMISSIONER, Role.ADMIN) or ctx.match is None:
        return ctx.registry.pass_on(INVOICE_RECEIVED_TYPED_ROUTE, incoming, ctx)
    if ctx.person.role != Role.PROVIDER:
        raise _refused(ctx, "providers_only")
    if "sent" in ctx.match.re.groupindex:
        typed_number = (ctx.match.group("args").split() or [""])[0]
        if ctx.session.scalars(select(Invoice.id).where(
                Invoice.issuer_id == ctx.person.organisation_id,
                func.lower(Invoice.number) == typed_number.lower())).first() is not None:
            # Already on record (the second review: offered the command to record it again):
            # its status, as the words about an invoice get it.
            return ctx.registry.pass_on(INVOICE_RECEIVED_TYPED_ROUTE, incoming, ctx)
        return _invoice_sent_told(ctx, ctx.match.group("args").split())
    typed = ctx.match.group("args").split()
    words = ["received", *(word for word in typed[1:]
                           if word.casefold() not in _RECEIVED_FILLER)]
    said = _invoice_words(words_with_days(words), ctx)
    day = said[2] if len(said) > 2 else ""
    if _a_day(day, ctx) or _NUMBERED_DAY.fullmatch(day):
        ctx.args = " ".join(words)
        return asking_amount(ctx)
    rest = said[2:]
    taken = _amount_words(rest)
    raise _refused(ctx, "received_typed_undated", number=said[1],
                   amount=" ".join(rest[:taken]) if taken else None,
                   placement=" ".join(rest[taken:]) if taken and rest[taken:] else None)


def _invoice_sent_told(ctx: Ctx, typed: list[str]) -> list[Reply]:
    """An invoice told sent in words ("I've sent invoice RV-1112 for £640 on 2 December for
    RC-101"): the /invoice received command with what was said filled in, in its order (the
    number, the day, the sum, the placement), nothing recorded: told is not asked."""
    number, *rest = typed
    words = [word for word in words_with_days(rest) if word.casefold() not in _RECEIVED_FILLER]
    day = next((word for word in words if _a_day(word, ctx) or _NUMBERED_DAY.fullmatch(word)),
               None)
    rest = [word for word in words if word != day]
    taken = _amount_words(rest)
    raise _refused(ctx, "received_sent_told", number=number, day=day,
                   amount=" ".join(rest[:taken]) if taken else None,
                   placement=" ".join(rest[taken:]) if taken and rest[taken:] else None)


# "invoice disputed INV-2 ..." typed without the slash is asked about before anything is
# recorded (session 40's third brief: "invoice disputed INV-2 last week, still waiting for the
# provider" paused a payment clock): Record runs the command typed, No records nothing.
# "invoice undisputed INV-2" likewise (session 41's brief: it settled the dispute at once).
INVOICE_DISPUTE_RECORD = "invoice.dispute_record"
INVOICE_DISPUTE_DROP = "invoice.dispute_drop"
INVOICE_UNDISPUTE_RECORD = "invoice.undispute_record"
INVOICE_UNDISPUTE_DROP = "invoice.undispute_drop"
# What each button's value must begin with: the subcommand it runs (a Record press with a
# settlement's value, or the other way round, is a forged one).
_TYPED_ACTIONS = {INVOICE_DISPUTE_RECORD: "disputed", INVOICE_DISPUTE_DROP: "disputed",
                  INVOICE_UNDISPUTE_RECORD: "undisputed", INVOICE_UNDISPUTE_DROP: "undisputed"}


INVOICE_DISPUTE_YES_ROUTE = "invoice-dispute-yes"


# Words of the question a yes may be said with ("yes settle it", "yes please record the
# dispute", "yes go ahead": session 41's review, they got a knowledge-base answer), and the
# ones that are a settlement's alone.
_QUESTIONS_WORDS = frozenset((
    "it", "the", "this", "that", "one", "as", "please", "pls", "thanks",
    "thank", "you", "ta", "cheers", "go", "ahead", "do", "now", "ok", "okay", "then"))
_SETTLEMENTS_WORDS = frozenset(("settle", "settled", "settles"))
# A dispute's own words: "yes dispute it" at 'Shall I record the dispute ... as settled?' is no
# yes to settling (the session's second invoice review: it settled the dispute).
_DISPUTES_WORDS = frozenset(("record", "dispute", "disputed", "disputes"))


def said_yes(text: str) -> str | None:
    """"yes" when ``text`` is a yes alone ("yes", "yes please") or with words of no question
    ("yes go ahead"), "settle" when with a settlement's ("yes settle it", "yes, settle the
    dispute") or a settlement asked for alone ("settle it", "settle the dispute please"),
    "dispute" when with a dispute's alone ("yes record it", "yes dispute it"), else None
    (pure): the answer to 'Shall I record ...?', whose first button's label has no "Yes" in
    it."""
    if forms.yes_or_no(text) == "yes":
        return "yes"
    words = re.findall(r"[a-z]+", text.casefold())
    if words[:1] == ["settle"] and len(words) <= 8 and set(words[1:]) <= (
            _QUESTIONS_WORDS | {"dispute"}):
        return "settle"  # "settle it": the imperative only, never "settled" (a feeling's)
    if not words or forms.yes_or_no(words[0]) != "yes" or len(words) > 8:
        return None
    rest = set(words[1:])
    if not rest or not rest <= _QUESTIONS_WORDS | _SETTLEMENTS_WORDS | _DISPUTES_WORDS:
        return None
    return ("settle" if rest & _SETTLEMENTS_WORDS else "dispute" if rest & _DISPUTES_WORDS
            else "yes")


def dispute_yes_told(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A yes typed while 'Shall I record ...?' [Record the dispute] / [Settle the dispute]
    [No] is the one question on offer: as its first button pressed (it got "I wasn't waiting
    for a yes or no"); else passed on."""
    offer = ctx.session.scalars(select(OfferedButtons.buttons).where(
        OfferedButtons.person_id == ctx.person.id,
        OfferedButtons.channel == incoming.channel)).first()
    pressed = [button for button in offer or [] if not button.get(HELD)
               and button.get("action") in (INVOICE_DISPUTE_RECORD, INVOICE_UNDISPUTE_RECORD)]
    said = said_yes(incoming.text)
    if not pressed and said == "settle":
        # "yes settle it", "settle it" with no invoice question asked: said so, with how to
        # settle one (session 42's brief: it went to the knowledge base).
        return [Reply(text=ctx.render("deadlines_invoice.txt", outcome="settle_unasked",
                                      provider=ctx.person.role == Role.PROVIDER))]
    if len(pressed) != 1:
        return ctx.registry.pass_on(INVOICE_DISPUTE_YES_ROUTE, incoming, ctx)
    settling = pressed[0].get("action") == INVOICE_UNDISPUTE_RECORD
    if (said == "settle" and not settling) or (said == "dispute" and settling):
        # "yes settle it" at 'Shall I record invoice INV-2 as disputed?', "yes dispute it" at
        # 'Shall I record the dispute ... as settled?': never the other pressed, the question
        # asked again.
        return [Reply(text=ctx.render("deadlines_invoice.txt", outcome="yes_to_another",
                                      settling=settling),
                      buttons=tuple(Button(label=str(button.get("label") or ""),
                                           action=str(button.get("action") or ""),
                                           value=str(button.get("value") or ""))
                                    for button in offer or [] if not button.get(HELD)))]
    return invoice_dispute_answered(replace(
        incoming, text="", action=str(pressed[0]["action"]),
        action_value=str(pressed[0].get("value") or "")), ctx)


@dataclass(frozen=True, slots=True)
class _Tried:
    """/invoice's words run in a savepoint (``_tried``): its replies, the invoices whose
    dispute it recorded or settled, and, of the one it recorded disputed, the dispute as it
    would then stand."""

    replies: list[Reply]
    acted: frozenset[int]
    would: DisputeStanding | None


def _tried(ctx: Ctx, *, invoice_id: int | None = None,
           kept: Callable[[_Tried], bool] = lambda _tried: False) -> _Tried:
    """Run /invoice's words (``ctx.args``; ``invoice_id``: on that invoice alone) in a
    savepoint, kept when ``kept`` says so, else undone with what it would have told anyone;
    its refusals are raised, undone. The one dry run of a dispute's question and its
    button."""
    queued = len(ctx.notifications)
    last = ctx.session.scalar(select(func.max(AuditEvent.id))) or 0
    savepoint = ctx.session.begin_nested()
    try:
        replies = _invoice_words_run(ctx, invoice_id=invoice_id)
        acted = frozenset(int((subject or "").removeprefix("invoice:")) for subject in
                          ctx.session.scalars(select(AuditEvent.subject).where(
                              AuditEvent.action.in_(_DISPUTE_EVENTS), AuditEvent.id > last)))
        disputed = ctx.session.scalars(select(AuditEvent.subject).where(
            AuditEvent.action.in_(("invoice.disputed", "invoice.part_disputed")),
            AuditEvent.id > last).order_by(AuditEvent.id.desc()).limit(1)).first()
        invoice = (ctx.session.get_one(Invoice, int(disputed.removeprefix("invoice:")))
                   if disputed is not None else None)
        tried = _Tried(replies, acted, _dispute_standing(ctx, invoice, _open_clocks(
            ctx, invoice)) if invoice is not None else None)
        keep = kept(tried)
    except BaseException:
        savepoint.rollback()
        del ctx.notifications[queued:]
        raise
    if keep:
        savepoint.commit()
    else:
        savepoint.rollback()
        del ctx.notifications[queued:]
    return tried


def _dispute_asked(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"invoice disputed NUMBER ..." or "invoice undisputed NUMBER" without the slash: run as
    the command would be, in a savepoint always undone (``_tried``), so its refusals and
    questions are said at once; a dispute it would record, or settle, is asked about instead,
    with what it would record or settle (the part, the reason), and a button that runs the
    command for real."""
    settling = ctx.args.casefold().startswith("undisputed")
    tried = _tried(ctx)
    if len(tried.acted) != 1:
        return tried.replies
    invoice = ctx.session.get_one(Invoice, next(iter(tried.acted)))
    if settling:
        # The dispute as it stands, once the savepoint is undone.
        standing = _dispute_standing(ctx, invoice, _open_clocks(ctx, invoice))
        if standing is None:
            return tried.replies
        limit = payment_clocks(invoice.received_on, ctx.deps.calendar).limit
        return [Reply(
            text=ctx.render("deadlines_invoice.txt", outcome="undispute_asked",
                            number=invoice.number, amount=f"{invoice.amount_pence / 100:,.2f}",
                            issuer=_issuer_name(ctx, invoice), dispute=standing.said,
                            limit_on=limit, limit_passed=limit < today(ctx)),
            buttons=buttons_for(_asked_about(ctx, invoice), (
                ("Settle the dispute", INVOICE_UNDISPUTE_RECORD),
                ("No", INVOICE_UNDISPUTE_DROP))))]
    if tried.would is None:
        return tried.replies
    return [Reply(text=ctx.render("deadlines_invoice.txt", outcome="dispute_asked",
                                  issuer=_issuer_name(ctx, invoice), number=invoice.number,
                                  disputed=tried.would.said["disputed"],
                                  reason=tried.would.said["reason"]),
                  buttons=buttons_for(_asked_about(ctx, invoice), (
                      ("Record the dispute", INVOICE_DISPUTE_RECORD),
                      ("No", INVOICE_DISPUTE_DROP))))]


def _issuer_name(ctx: Ctx, invoice: Invoice) -> str:
    """The name of the organisation that sent ``invoice`` (session 41's review: a question
    about a council's invoice named no provider, whose numbers may look alike)."""
    return ctx.session.get_one(Organisation, invoice.issuer_id).name


# What a dispute's question was asked about, kept in its buttons' values before the command's
# words: "#INVOICE_ID.EVENT_ID disputed INV-1 rota", EVENT_ID the last dispute, part dispute,
# settlement or correction recorded of the invoice when asked (0: none). Pressed once that has
# changed, the button changes nothing (session 41's review: an old [Settle the dispute] settled
# the whole dispute that had replaced the part it asked about; an old [Record the dispute]
# pressed after the dispute was settled recorded it again; session 42: the invoice corrected).
# A value without it (a button sent before session 41's second brief) changes nothing either:
# which dispute it asked about is unknown.
_ASKED_ABOUT = re.compile(r"#(?P<invoice>\d{1,18})\.(?P<event>\d{1,18}) (?P<args>\S.*)",
                          re.DOTALL)
_DISPUTE_EVENTS = ("invoice.disputed", "invoice.part_disputed", "invoice.undisputed")


def _last_dispute_event(ctx: Ctx, invoice_id: int, *,
                        events: tuple[str, ...] = (*_DISPUTE_EVENTS, "invoice.corrected")) -> int:
    """The id of the last dispute, part dispute, settlement or correction (``events``)
    recorded of the invoice, 0 if none."""
    return ctx.session.scalar(select(func.max(AuditEvent.id)).where(
        AuditEvent.action.in_(events),
        AuditEvent.subject == f"invoice:{invoice_id}")) or 0


def _asked_about(ctx: Ctx, invoice: Invoice) -> str:
    """The value of a dispute's question's buttons: what it was asked about, then the
    command's words as typed (``_ASKED_ABOUT``)."""
    return (f"#{invoice.id}.{_last_dispute_event(ctx, invoice.id)} "
            f"{ctx.args[:MAX_DISPUTE_TYPED]}")


def invoice_dispute_answered(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """[Record the dispute] / [No] under a dispute typed without the slash, [Settle the
    dispute] / [No] under a settlement: Record or Settle runs "/invoice disputed ..." or
    "/invoice undisputed ..." as typed, with all its checks (the payer only; one disputed
    already, or none to settle, is said so); No changes nothing. A value of the other kind, or
    any other, is a stale or forged press."""
    value = incoming.action_value or ""
    kind = _TYPED_ACTIONS.get(incoming.action or "")
    asked = _ASKED_ABOUT.fullmatch(value)
    typed = asked.group("args") if asked is not None else value
    if (kind is None or not typed.casefold().startswith(f"{kind} ")
            or len(typed) > MAX_DISPUTE_TYPED):
        return [Reply(text=ctx.render("stale_button.txt"))]
    if incoming.action in (INVOICE_DISPUTE_DROP, INVOICE_UNDISPUTE_DROP):
        return [Reply(text=ctx.render("deadlines_invoice.txt", outcome=(
            "dispute_dropped" if kind == "disputed" else "undispute_dropped")))]
    if asked is None:
        return [Reply(text=ctx.render("deadlines_invoice.txt", outcome="asked_before_kept",
                                      typed=typed))]
    invoice_id = int(asked.group("invoice"))
    event = int(asked.group("event"))
    changed = _last_dispute_event(ctx, invoice_id) != event
    invoice = ctx.session.get(Invoice, invoice_id)
    if (changed and invoice is not None and invoice.payer_id == ctx.person.organisation_id
            and _last_dispute_event(ctx, invoice_id, events=("invoice.corrected",)) > event):
        # Corrected since it was asked about (its amount, its date): what was asked may no
        # longer be what it would do, so nothing is (session 42's brief).
        return [Reply(text=ctx.render("deadlines_invoice.txt", outcome="asked_before_change",
                                      kind=kind, number=invoice.number, corrected=True,
                                      issuer=_issuer_name(ctx, invoice)))]
    ctx.args = typed
    # Run as typed on the invoice asked about alone (session 42's brief: once another
    # provider's invoice had its number, the press asked whose), in a savepoint: what it would
    # record is kept only when that invoice's dispute is as it was when asked; its refusals
    # are said as they are ("was already recorded as disputed", pressed again).
    tried = _tried(ctx, invoice_id=invoice_id, kept=lambda tried: not tried.acted or (
        not changed and tried.acted == {invoice_id}))
    if tried.acted and (changed or tried.acted != {invoice_id}):
        if invoice is None or invoice.payer_id != ctx.person.organisation_id:
            return [Reply(text=ctx.render("stale_button.txt"))]
        return [Reply(text=ctx.render("deadlines_invoice.txt", outcome="asked_before_change",
                                      kind=kind, number=invoice.number,
                                      issuer=_issuer_name(ctx, invoice)))]
    return tried.replies


def _invoice_words(words: list[str], ctx: Ctx) -> list[str]:
    """/invoice's words as they were meant (session 33's trial):

    - an invoice number typed with a space, letters then digits ("INV 2052"), is one number
      ("INV-2052"), not a number and a date; after ``disputed`` and ``undisputed``, as the
      invoice is recorded (``_number_joined``);
    - after ``/invoice received``, a number after a day and month ("21 oct 1320") is the
      amount, not the day's year, unless an amount follows it ("21 oct 2026 1320") or it is a
      four-digit year near today ("21 oct 2026 none": the amount is missing, and is asked for).
    """
    if words[:1] == ["received"]:
        words = [words[0], *_invoice_number_first(words[1:], ctx, join=len(words) >= 5)]
    elif words[:1] == ["paid"]:
        words = [words[0], *_invoice_number_first(words[1:], ctx, join=True, dates=False)]
    elif words[:1] in (["disputed"], ["undisputed"]) and _typed_apart(words[1:], ctx):
        words = [words[0], *_number_joined(words[1:], ctx)]
    if words[:1] != ["received"] or len(words) < 3:
        return words
    split = year_after_day(words[2])
    if split is None or (len(words) > 3 and _amount_words(words[3:])):
        return words
    day, number = split
    written = day_in_words(words[2], today(ctx))
    if len(number) == 4 and written is not None and in_window(written, today(ctx)):
        return words
    return [*words[:2], day, number, *words[3:]]


def _invoice_number_first(words: list[str], ctx: Ctx, *, join: bool,
                          dates: bool = True) -> list[str]:
    """``words`` that begin with an invoice number, the number typed with a space, letters then
    digits ("INV 2052", "Mar 1234": ``_typed_apart``), made one ("INV-2052") when ``join``.
    ``dates``: a date typed where the number goes is refused (session 34's brief: "/invoice
    received Dec 2026 ..." recorded an invoice "Dec-2026"): the number is asked for, never
    made up."""
    apart = _typed_apart(words, ctx)
    if dates and words and _a_date_or_month(words[0], ctx) and not apart:
        said = " ".join(words[:2]) if len(words) >= 2 and re.fullmatch(
            r"\d{2}|\d{4}", words[1]) and not words[0][:1].isdigit() else words[0]
        raise _unreadable(ctx, "invoice_number_date", text=said)
    if not (apart and join):
        return words
    joiner = "" if words[0][-1] in "-/#" else "-"
    return [f"{words[0]}{joiner}{words[1]}", *words[2:]]


def _typed_apart(words: list[str], ctx: Ctx) -> bool:
    """Whether ``words`` begin with an invoice number typed with a space, letters then digits
    ("INV 2052"): not a month's name and a day or a year near today ("Dec 2026", "Mar 12"),
    which is a date; but a month's name with a number that is neither ("Mar 1234": session
    35's brief, it was read as a date) is an invoice number."""
    if len(words) < 2 or not words[0].rstrip("-/#").isalpha() or not (
            words[1].isascii() and words[1].isdigit()):
        return False
    month = words[0].rstrip("-/#")
    if _MONTH.fullmatch(month) is None:
        return not _a_day(words[0], ctx)  # "yesterday 400" is a day and an amount
    if len(words[1]) <= 2:
        return False  # a day ("Mar 12"), or a year of two digits ("Mar 26")
    on = today(ctx)
    days = (day_in_words(f"{day} {month.rstrip('.')} {words[1]}", on) for day in (1, 28))
    return not any(day is not None and in_window(day, on) for day in days)


def _number_joined(words: list[str], ctx: Ctx) -> list[str]:
    """``words`` that begin with an invoice number typed with a space ("INV 2043": session
    39's brief, "/invoice disputed INV 2043 ..." was not joined), made the invoice's number as
    recorded ("INV-2043", "INV2043"); left apart when the letters alone are an invoice's
    number of the sender's organisation and no joined one is."""
    mine = ctx.person.organisation_id

    def known(number: str) -> bool:
        return ctx.session.scalars(select(Invoice.id).where(
            func.lower(Invoice.number) == number.lower(),
            (Invoice.issuer_id == mine) | (Invoice.payer_id == mine)).limit(1)).first() is not None

    letters, digits = words[0], words[1]
    joined = [f"{letters}{joiner}{digits}"
              for joiner in (("",) if letters[-1] in "-/#" else ("-", "", "/"))]
    number = next((number for number in joined if known(number)), None)
    if number is None and known(letters):
        return words
    return [number or joined[0], *words[2:]]


def check_invoice_number(value: str, ctx: Ctx) -> str:
    """The invoice form's number, read as ``/invoice received`` reads it
    (``_invoice_number_first``): "Mar 1234" is "Mar-1234", "Dec 2026" refused as a date."""
    words = value.split()
    try:
        number = _invoice_number_first(words, ctx, join=True)
    except BadInput:
        raise _unreadable(ctx, "invoice_number_date", text=value.strip(), asked=True) from None
    if len(number) != 1 or not INVOICE_NUMBER.match(number[0]):
        raise _unreadable(ctx, "invoice_number", text=value.strip())
    return number[0]


def _amount_words(words: list[str]) -> int:
    """How many of ``words`` the amount they begin with takes ("£2k": 1, "forty pounds": 2,
    "£ 120": 2), read as ``amount_typed`` reads it; 0 when they begin with none, or with one
    that ends inside a word ("1200,")."""
    said = amount_typed(" ".join(words))
    if said is None:
        # Words of numbers before a currency word that make no number ("two thousand
        # thousand pounds") are the amount still, refused whole.
        spelled = _SPELLED_POUNDS.match(" ".join(words))
        return len(spelled.group().split()) if spelled is not None else 0
    count = len(said.typed.split())
    return count if " ".join(words[:count]) == said.typed else 0


def invoice_counterparts_named(ctx: Ctx, name: str) -> dict[int, str]:
    """The organisations ``name`` names (id: name) among those on the other side of the
    person's invoices: for a provider, the councils and any organisation it has invoiced; for
    council staff, the providers and any organisation that has invoiced the council. Named
    whole, without "the" or "'s", or without a council's trailing words ("Northshire"), or by
    the first words of its name ("Riverside" for "Riverside Care"); none for no such name."""
    typed = " ".join(name.casefold().replace("\u2019", "'").split())
    typed = re.sub(r"^the\s+", "", typed).removesuffix("'s").removesuffix("'").strip()
    if not typed:
        return {}
    provider = ctx.person.role == Role.PROVIDER
    mine = ctx.person.organisation_id
    dealt = (select(Invoice.payer_id).where(Invoice.issuer_id == mine) if provider
             else select(Invoice.issuer_id).where(Invoice.payer_id == mine))
    kind = OrganisationKind.COUNCIL if provider else OrganisationKind.PROVIDER
    found = {}
    for organisation_id, full in ctx.session.execute(
            select(Organisation.id, Organisation.name).where(
                Organisation.id != mine,
                (Organisation.kind == kind) | Organisation.id.in_(dealt))):
        forms = [form.casefold() for form in council_names(full)]
        if typed in forms or forms[0].startswith(f"{typed} "):
            found[organisation_id] = full
    return found


def _list_invoices(ctx: Ctx, *, others: dict[int, str] | None = None,
                   received_in: date | None = None) -> list[Reply]:
    """/invoice list: the unpaid invoices a provider's organisation sent, or its council was
    sent, each with its clocks, the overdue first (session 33's trial: it got the usage
    line); ``others``: only those to (from) these organisations (id: name); ``received_in``:
    only those received in that day's month ("hasn't paid our invoice from november")."""
    # Unpaid with its payment clock still running: one marked not applicable ("sent in
    # error") is off /reminders, so off this list too (session 33's second trial).
    query = select(Invoice, Organisation.name).where(
        Invoice.paid_on.is_(None),
        select(Deadline.id).where(Deadline.invoice_id == Invoice.id,
                                  Deadline.status == DeadlineStatus.OPEN).exists())
    other_side = Invoice.payer_id if ctx.person.role == Role.PROVIDER else Invoice.issuer_id
    if ctx.person.role == Role.PROVIDER:
        query = query.join(Organisation, Organisation.id == Invoice.payer_id).where(
            Invoice.issuer_id == ctx.person.organisation_id)
    else:
        query = query.join(Organisation, Organisation.id == Invoice.issuer_id).where(
            Invoice.payer_id == ctx.person.organisation_id)
    if others is not None:
        query = query.where(other_side.in_(sorted(others)))
    month = _month_of(received_in)
    if month is not None:
        query = query.where(Invoice.received_on >= month[0], Invoice.received_on < month[1])
    on = today(ctx)
    invoices = []
    shown_of: dict[int, tuple[Invoice, dict[str, object]]] = {}
    for invoice, name in ctx.session.execute(query.order_by(Invoice.received_on, Invoice.id)
                                             .limit(50)):
        invoices.append(clocks.invoice_shown(invoice, name, ctx.deps.calendar, on))
        shown_of[invoice.id] = (invoice, invoices[-1])
    # Disputed in part: its clock runs on for the rest, so it stays in the list, saying how
    # much is disputed (session 37's brief).
    for deadline in ctx.session.scalars(select(Deadline).where(
            Deadline.invoice_id.in_(sorted(shown_of)), Deadline.status == DeadlineStatus.OPEN,
            Deadline.outcome.like(f"{clocks.PART_DISPUTED} %"))) if shown_of else ():
        part = clocks.part_disputed(deadline)
        if part is not None and deadline.invoice_id in shown_of:
            invoice, shown = shown_of[deadline.invoice_id]
            shown.update(disputed=f"{part[0] / 100:,.2f}", disputed_reason=part[1],
                         rest=f"{(invoice.amount_pence - part[0]) / 100:,.2f}")
    # Disputed by the one who pays: its clock paused, shown apart (session 36's trial).
    disputed = []
    unpaid = (select(Invoice, Organisation.name).where(Invoice.paid_on.is_(None))
              .join(Organisation, Organisation.id == (
                  Invoice.payer_id if ctx.person.role == Role.PROVIDER else Invoice.issuer_id))
              .where((Invoice.issuer_id if ctx.person.role == Role.PROVIDER
                      else Invoice.payer_id) == ctx.person.organisation_id))
    if others is not None:
        unpaid = unpaid.where(other_side.in_(sorted(others)))
    if month is not None:
        unpaid = unpaid.where(Invoice.received_on >= month[0], Invoice.received_on < month[1])
    for invoice, name in ctx.session.execute(unpaid.where(
            select(Deadline.id).where(Deadline.invoice_id == Invoice.id,
                                      Deadline.outcome.like(f"{DISPUTED}%")).exists())
            .order_by(Invoice.received_on, Invoice.id).limit(50)):
        paused = disputed_clock(ctx.session, invoice)
        if paused is not None:
            disputed.append({**clocks.invoice_shown(invoice, name, ctx.deps.calendar, on),
                             "disputed_on": paused.done_on,
                             "reason": (paused.outcome or "").removeprefix(DISPUTED)
                             .lstrip(": ")})
    return [Reply(text=ctx.render("deadlines_invoice.txt", outcome="list", invoices=invoices,
                                  disputed=disputed,
                                  provider=ctx.person.role == Role.PROVIDER,
                                  others=" or ".join(sorted(others.values())) if others
                                  else None, month=received_in,
                                  overdue=sum(1 for invoice in invoices
                                              if invoice["standing"] == "overdue")))]


def invoices_listed(ctx: Ctx, *, others: dict[int, str] | None = None,
                    received_in: date | None = None) -> list[Reply]:
    """/invoice list as it shows to the person, of the organisations ``others`` alone, or of
    the invoices received in ``received_in``'s month alone (``_list_invoices``)."""
    return _list_invoices(ctx, others=others, received_in=received_in)


def _month_of(day: date | None) -> tuple[date, date] | None:
    """The first day of ``day``'s month and of the month after it; None for None."""
    if day is None:
        return None
    first = day.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1)


NO_PLACEMENT = "none"  # /invoice received ... none: an invoice for no single placement


# The most one invoice recorded in chat may be: £2m. The largest care invoices are a block
# contract's month, several hundred thousand pounds; above £2m a typing slip ("99999k", a
# "000" too many) is far likelier (session 41's review: "99999k" recorded £99,999,000.00).
# A real one that large is imported (``pledgebot import invoices`` takes up to £100m).
MAX_INVOICE_PENCE = 2_000_000_00


def _invoice_received(ctx: Ctx, number: str, when: str, amount: str,
                      placement_ref: str | None, council_words: list[str]) -> list[Reply]:
    if ctx.person.role != Role.PROVIDER:
        raise _refused(ctx, "providers_only")
    if not INVOICE_NUMBER.match(number):
        raise _unreadable(ctx, "invoice_number", text=number)
    # Before anything is asked (session 30's review: its placement was asked first, and the
    # invoice refused only once it was given).
    recorded = ctx.session.scalars(select(Invoice).where(
        Invoice.issuer_id == ctx.person.organisation_id,
        func.lower(Invoice.number) == number.lower())).first()
    if recorded is not None and recorded.paid_on is not None:
        raise _refused(ctx, "invoice_paid_already", number=recorded.number,
                       paid_on=recorded.paid_on)
    received = parse_date(when, ctx, what="date received", toward="past")
    _not_future(received, ctx, "date received")
    pence = parse_amount(amount, ctx)
    if pence > MAX_INVOICE_PENCE:
        raise _refused(ctx, "invoice_too_large", amount=f"{pence / 100:,.2f}",
                       most=f"{MAX_INVOICE_PENCE / 100:,.2f}")
    if recorded is not None and placement_ref is None:
        # Recorded already: how to correct it, never its placement asked for (session 33's
        # trial: "is already recorded", with no way out).
        raise BadInput(ctx.render("deadlines_refused.txt", problem="invoice_recorded",
                                  **_invoice_facts(ctx, recorded)))
    if placement_ref is None:
        # Never guess the placement (the provider's latest one was often the wrong one): ask,
        # and take the next reply as its answer (session 30's trial: the reference typed
        # next went to the knowledge base).
        return forms.start(ctx, INVOICE_PLACEMENT_FORM.form_id, initial={
            "number": number, "received": received.isoformat(), "amount": amount})
    placement, council_id, commissioner_id = _invoice_payer(ctx, placement_ref, council_words)
    if recorded is not None:
        return [_ask_to_replace(ctx, recorded, received, pence, placement)]
    invoice = Invoice(number=number, issuer_id=ctx.person.organisation_id, payer_id=council_id,
                      placement_id=placement.id if placement is not None else None,
                      amount_pence=pence, received_on=received, created_at=ctx.now)
    ctx.session.add(invoice)
    ctx.session.flush()
    clocks.open_payment(ctx.session, invoice, council_id=council_id,
                        provider_contact_id=ctx.person.id, commissioner_id=commissioner_id,
                        calendar=ctx.deps.calendar, policy=ctx.deps.reminders, now=ctx.now,
                        actor_id=ctx.person.id)
    return [Reply(text=_invoice_recorded(ctx, invoice, placement))]


def _invoice_payer(ctx: Ctx, placement_ref: str,
                   council_words: list[str]) -> tuple[Placement | None, int, int | None]:
    """The placement an invoice is for (None for "none"), the council that pays it and the
    commissioner reminded of it, from the end of ``/invoice received``."""
    if placement_ref.lower() == NO_PLACEMENT:
        if council_words:
            raise _usage(ctx, "invoice")
        council_id = _only_council(ctx)
        commissioner = clocks.first_active(ctx.session, council_id, Role.COMMISSIONER)
        return None, council_id, commissioner.id if commissioner is not None else None
    placement, rest, _council = _placement(ctx, placement_ref, council_words,
                                           command="invoice received")
    if rest:
        raise _usage(ctx, "invoice")
    return placement, placement.council_id, placement.commissioner_id


def _invoice_recorded(ctx: Ctx, invoice: Invoice, placement: Placement | None, *,
                      corrected: bool = False) -> str:
    """An invoice recorded as received (``corrected``: replacing what was recorded), with its
    payment clocks."""
    council = ctx.session.get_one(Organisation, invoice.payer_id)
    payment = payment_clocks(invoice.received_on, ctx.deps.calendar)
    return ctx.render(
        "deadlines_invoice.txt", outcome="received", number=invoice.number,
        amount=f"{invoice.amount_pence / 100:,.2f}", council=council.name,
        placement=placement.reference if placement is not None else None,
        received_on=invoice.received_on, aim_on=payment.aim, limit_on=payment.limit,
        # Recorded late, its clocks may have run out already: said so (session 30's trial).
        late_days=(today(ctx) - payment.limit).days,
        past_aim_days=(today(ctx) - payment.aim).days, corrected=corrected)


def _invoice_facts(ctx: Ctx, invoice: Invoice) -> dict[str, object]:
    """What is recorded of an invoice, as a refusal or a question says it."""
    placement = (ctx.session.get_one(Placement, invoice.placement_id)
                 if invoice.placement_id is not None else None)
    return {"number": invoice.number, "received_on": invoice.received_on,
            "amount": f"{invoice.amount_pence / 100:,.2f}",
            "placement": placement.reference if placement is not None else None}


# The answers to "Invoice INV-1 is already recorded: ... Replace it with ...?", each on
# "INVOICE_ID:RECEIVED:PENCE:PLACEMENT_ID" (0: no placement).
INVOICE_REPLACE = "invoice.replace"
INVOICE_KEEP = "invoice.keep"


def _clock_stopped(ctx: Ctx, invoice: Invoice) -> Deadline | None:
    """The unpaid invoice's payment clock marked not applicable, when none runs now (session
    34's trial: sent again after the council stopped it, it said only "nothing changed")."""
    if invoice.paid_on is not None:
        return None
    closed = ctx.session.scalars(select(Deadline).where(
        Deadline.invoice_id == invoice.id).order_by(Deadline.id.desc()).limit(1)).first()
    return (closed if closed is not None and closed.status == DeadlineStatus.NOT_APPLICABLE
            else None)


def _ask_to_replace(ctx: Ctx, invoice: Invoice, received: date, pence: int,
                    placement: Placement | None) -> Reply:
    """An unpaid invoice sent again: the same details change nothing; others are asked
    about ("Replace it with ...? Yes / No"), never taken unasked, as a slip may be either."""
    was = _invoice_facts(ctx, invoice)
    if (invoice.received_on, invoice.amount_pence, invoice.placement_id) == (
            received, pence, placement.id if placement is not None else None):
        return Reply(text=ctx.render("deadlines_invoice.txt", outcome="same",
                                     stopped=_clock_stopped(ctx, invoice), **was))
    value = (f"{invoice.id}:{received.isoformat()}:{pence}:"
             f"{placement.id if placement is not None else 0}")
    standing = _dispute_standing(ctx, invoice, _open_clocks(ctx, invoice))
    return Reply(
        text=ctx.render("deadlines_invoice.txt", outcome="replace", was=was,
                        received_on=received, amount=f"{pence / 100:,.2f}",
                        placement=placement.reference if placement is not None else None,
                        dispute=standing.said if standing is not None else None,
                        dispute_kept=_date_alone(invoice, pence, placement)),
        buttons=buttons_for(value, (("Yes, replace it", INVOICE_REPLACE),
                                    ("No, keep it", INVOICE_KEEP))))


def _date_alone(invoice: Invoice, pence: int, placement: Placement | None) -> bool:
    """Whether a correction to ``pence`` for ``placement`` changes only the invoice's date
    (asked only when something changes): its dispute then stands (session 39's brief: a
    corrected date cleared it), while a new amount or placement clears it."""
    return (invoice.amount_pence, invoice.placement_id) == (
        pence, placement.id if placement is not None else None)


def replace_invoice_answered(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"Yes, replace it" / "No, keep it" under an invoice sent again with other details: Yes
    records the new day, amount and placement, its payment clock closed and a new one opened
    from the new day (its reminders with it); No changes nothing. An invoice paid since, or
    replaced already, is not changed."""
    parts = (incoming.action_value or "").split(":")
    try:
        invoice_id, received, pence, placement_id = (
            int(parts[0]), date.fromisoformat(parts[1]), int(parts[2]), int(parts[3]))
    except (IndexError, ValueError):
        return [Reply(text=ctx.render("stale_button.txt"))]
    invoice = ctx.session.get(Invoice, invoice_id)
    placement = ctx.session.get(Placement, placement_id) if placement_id else None
    if (invoice is None or invoice.issuer_id != ctx.person.organisation_id
            or (placement_id and (placement is None
                                  or placement.provider_id != ctx.person.organisation_id))):
        return [Reply(text=ctx.render("stale_button.txt"))]
    if invoice.paid_on is not None:
        raise _refused(ctx, "invoice_paid_already", number=invoice.number,
                       paid_on=invoice.paid_on)
    if incoming.action == INVOICE_KEEP:
        return [Reply(text=ctx.render("deadlines_invoice.txt", outcome="kept",
                                      **_invoice_facts(ctx, invoice)))]
    if (invoice.received_on, invoice.amount_pence, invoice.placement_id) == (
            received, pence, placement.id if placement is not None else None):
        return [Reply(text=ctx.render("deadlines_invoice.txt", outcome="same",
                                      **_invoice_facts(ctx, invoice)))]
    if placement is not None:
        council_id, commissioner_id = placement.council_id, placement.commissioner_id
    else:
        council_id, commissioner_id = invoice.payer_id, None
        commissioner = clocks.first_active(ctx.session, council_id, Role.COMMISSIONER)
        commissioner_id = commissioner.id if commissioner is not None else None
    was = _invoice_facts(ctx, invoice)
    # A dispute its payer recorded is cleared by the corrected invoice, whose clock starts
    # afresh: said to both sides (session 38's brief: the new clock dropped it unsaid); but
    # a correction of the date alone leaves what is disputed as it was, so the dispute stands
    # (session 39's brief): a part dispute is carried to the new clock, a whole one's clock
    # stays paused.
    running = _open_clocks(ctx, invoice)
    standing = _dispute_standing(ctx, invoice, running)
    kept = standing is not None and _date_alone(invoice, pence, placement)
    part = _part_disputed(running)
    carried = part[0].outcome if kept and part is not None else None
    for deadline in running:
        clocks.close_deadline(ctx.session, deadline, status=DeadlineStatus.NOT_APPLICABLE,
                              on=today(ctx), outcome="invoice details corrected",
                              actor_id=ctx.person.id, now=ctx.now)
    invoice.received_on, invoice.amount_pence = received, pence
    invoice.placement_id, invoice.payer_id = (
        placement.id if placement is not None else None), council_id
    ctx.session.flush()
    if not kept or carried is not None:
        clock = clocks.open_payment(ctx.session, invoice, council_id=council_id,
                                    provider_contact_id=ctx.person.id,
                                    commissioner_id=commissioner_id,
                                    calendar=ctx.deps.calendar, policy=ctx.deps.reminders,
                                    now=ctx.now, actor_id=ctx.person.id)
        clock.outcome = carried
    ctx.audit("invoice.corrected", subject=f"invoice:{invoice.id}",
              was=f"{was['received_on']} £{was['amount']} {was['placement'] or 'none'}")
    corrected = _invoice_recorded(ctx, invoice, placement, corrected=True)
    if standing is None:
        return [Reply(text=corrected)]
    said = (_dispute_kept(ctx, invoice, standing) if kept
            else _dispute_cleared(ctx, invoice, standing))
    return [Reply(text=f"{corrected}\n{said}")]


@dataclass(frozen=True, slots=True)
class DisputeStanding:
    """A dispute a payer recorded on an unpaid invoice, still standing: as the replies say it
    (``said``), and who recorded it (None when not known)."""

    said: dict[str, object]
    recorded_by: int | None
    commissioner_id: int | None


def _open_clocks(ctx: Ctx, invoice: Invoice) -> list[Deadline]:
    """The invoice's open payment clocks."""
    return list(ctx.session.scalars(select(Deadline).where(
        Deadline.invoice_id == invoice.id, Deadline.status == DeadlineStatus.OPEN)))


def _part_disputed(running: list[Deadline]) -> tuple[Deadline, tuple[int, str]] | None:
    """The open clock whose invoice is disputed in part, with how much and why."""
    return next(((deadline, found) for deadline in running
                 if (found := clocks.part_disputed(deadline)) is not None), None)


def _dispute_standing(ctx: Ctx, invoice: Invoice, running: list[Deadline]
                      ) -> DisputeStanding | None:
    """The dispute, whole (its clock paused) or over part (its clock running, among
    ``running``, the open clocks), that the invoice's payer recorded and has not settled;
    None when there is none."""
    paused = disputed_clock(ctx.session, invoice)
    part = _part_disputed(running)
    if part is not None:
        clock, (disputed, reason) = part
        said: dict[str, object] = {"disputed": f"{disputed / 100:,.2f}", "reason": reason,
                                   "rest": f"{(invoice.amount_pence - disputed) / 100:,.2f}"}
    elif paused is not None:
        clock = paused
        said = {"disputed": None, "on": paused.done_on,
                "reason": (paused.outcome or "").removeprefix(DISPUTED).lstrip(": ")}
    else:
        return None
    recorded = ctx.session.scalars(select(AuditEvent.actor_id).where(
        AuditEvent.action.in_(("invoice.disputed", "invoice.part_disputed")),
        AuditEvent.subject == f"invoice:{invoice.id}").order_by(AuditEvent.id.desc())
        .limit(1)).first()
    said["payer"] = ctx.session.get_one(Organisation, invoice.payer_id).name
    return DisputeStanding(said, recorded, clock.commissioner_id)


def _dispute_recorder(ctx: Ctx, standing: DisputeStanding) -> Person | None:
    """Who is told of a correction to a disputed invoice: the one who recorded the dispute,
    else the commissioner its clock reminded (None when neither is active)."""
    for person_id in (standing.recorded_by, standing.commissioner_id):
        person = ctx.session.get(Person, person_id) if person_id is not None else None
        if person is not None and person.active and person.id != ctx.person.id:
            return person
    return None


def _dispute_kept(ctx: Ctx, invoice: Invoice, standing: DisputeStanding) -> str:
    """The dispute of an invoice whose date alone was corrected said still standing; the one
    who recorded it told of the new date (and so the new legal limit)."""
    told = _dispute_recorder(ctx, standing)
    if told is not None:
        ctx.notify(Notification(
            person_id=told.id, kind="invoice.dispute_kept",
            text=ctx.render("deadlines_invoice.txt", outcome="dispute_kept_told",
                            issuer=ctx.person.organisation.name, dispute=standing.said,
                            limit_on=payment_clocks(invoice.received_on,
                                                    ctx.deps.calendar).limit,
                            **_invoice_facts(ctx, invoice)),
            idempotency_key=f"invoice.dispute_kept:{invoice.id}:{ctx.now.isoformat()}"))
    return ctx.render("deadlines_invoice.txt", outcome="dispute_kept", dispute=standing.said,
                      told=told.name if told is not None else None).strip()


def _dispute_cleared(ctx: Ctx, invoice: Invoice, standing: DisputeStanding) -> str:
    """The corrected invoice's dispute said cleared; the one who recorded it told (else the
    commissioner its clock reminded), with the invoice as it now stands."""
    told = _dispute_recorder(ctx, standing)
    if told is not None:
        facts = _invoice_facts(ctx, invoice)
        ctx.notify(Notification(
            person_id=told.id, kind="invoice.dispute_cleared",
            text=ctx.render("deadlines_invoice.txt", outcome="dispute_cleared_told",
                            issuer=ctx.person.organisation.name, dispute=standing.said,
                            limit_on=payment_clocks(invoice.received_on,
                                                    ctx.deps.calendar).limit, **facts),
            idempotency_key=f"invoice.dispute_cleared:{invoice.id}:{ctx.now.isoformat()}"))
    return ctx.render("deadlines_invoice.txt", outcome="dispute_cleared", dispute=standing.said,
                      told=told.name if told is not None else None).strip()


INVOICE_PLACEMENT_FORM = Form(form_id="invoice-placement", title="Invoice received", fields=(
    FormField(name="number", label="What is the invoice's number?", max_length=64, slot=True),
    FormField(name="received", label="When did the council receive it?", max_length=40,
              slot=True),
    FormField(name="amount", label="How much is it for?", max_length=40, slot=True),
    FormField(name="placement", label="Which placement is this invoice for?",
              hint='Its reference, such as RC-0052, or "none" if it is for no single '
                   "placement.", max_length=120, none_answer=True, slot=True),
))


def check_invoice_placement(value: str, ctx: Ctx) -> str:
    """The placement an invoice is for, as the end of ``/invoice received`` reads it: a
    reference the provider has (with its council's name when it has two), or "none"; words
    around it such as "please" are left out (``reference_answer``). Refused in the form's own
    words, never the command line's (session 31's review: "none thanks" and "RC-101 or
    RC-102" were told "Add its reference at the end: /invoice received ...")."""
    words = reference_answer(value).split()
    if not words:
        raise _refused(ctx, "invoice_placement")
    if words[0].lower() == NO_PLACEMENT:
        if not courtesy_words_only(words[1:]):
            raise _refused(ctx, "invoice_placement")
        _only_council(ctx)
        return NO_PLACEMENT
    # Two references are never guessed between: which one is asked.
    references = list(dict.fromkeys(
        word.strip(".,;:!?\"'()").upper() for word in words
        if any(char.isdigit() for char in word) and any(char.isalpha() for char in word)
        and PLACEMENT_REFERENCE.match(word.strip(".,;:!?\"'()"))))
    if len(references) > 1:
        raise _refused(ctx, "one_reference", references=references)
    _placement_found, rest, _council = _placement(ctx, words[0], words[1:],
                                                  command="invoice received")
    if rest:
        raise _refused(ctx, "invoice_placement")
    return " ".join(words)


def submit_invoice_placement(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """``/invoice received`` without its placement, once the placement was asked and given."""
    values = incoming.form_values
    words = values.get("placement", "").split()
    number, received, amount = (values.get(name, "") for name in ("number", "received", "amount"))
    try:
        return _invoice_received(ctx, number, received, amount, words[0] if words else None,
                                 words[1:])
    except AmountUnsure as unsure:
        # Its sum asked about as the command's is, so the sum replied alone or pressed records
        # it (session 44's brief: the form's question said to send the whole command again).
        asked = _amount_asked(ctx, " ".join(["received", number, received, amount, *words]),
                              unsure, form=True)
        if asked is None:
            raise
        return [asked]


def _only_council(ctx: Ctx) -> int:
    """The one council the sender's organisation works with (``clocks.councils_of``); an
    unlinked invoice is refused when there are several, or none, rather than guessed. Its
    ended work counts: an invoice may come after the work it is for has ended."""
    councils = clocks.councils_of(ctx.session, ctx.person.organisation_id, on=None)
    if len(councils) != 1:
        raise _refused(ctx, "which_council")
    return councils.pop()


def _invoice_paid(ctx: Ctx, number: str, when: str | None, *,
                  issuer: str | None = None) -> list[Reply]:
    paid_on = parse_date(when, ctx, what="payment date", toward="past") if when else today(ctx)
    if paid_on > today(ctx):
        raise _refused(ctx, "paid_in_future")
    # In any case ("inv-1003" for INV-1003). Two providers' numbers that differ in case alone
    # are one number to the payer, asked about below (session 40's brief: the one typed as
    # stored was marked paid unasked); only one sender's two are told apart by case.
    query = select(Invoice).where(func.lower(Invoice.number) == number.lower())
    if ctx.person.role == Role.PROVIDER:  # as its issuer, or as a subcontract's payer
        query = query.where((Invoice.issuer_id == ctx.person.organisation_id)
                            | (Invoice.payer_id == ctx.person.organisation_id))
    else:  # a commissioner, or an admin: their council's (session 25's review)
        query = query.where(Invoice.payer_id == ctx.person.organisation_id)
    invoices = list(ctx.session.scalars(query.order_by(Invoice.id)))
    if ctx.person.role == Role.PROVIDER and len(invoices) > 1:
        # Its own invoice first, when a subcontractor's has the same number (the session's
        # code review: the provider's own was refused as ambiguous).
        own = [i for i in invoices if i.issuer_id == ctx.person.organisation_id]
        invoices = own or invoices
    if len({invoice.issuer_id for invoice in invoices}) == 1 and len(invoices) > 1:
        invoices = [invoice for invoice in invoices if invoice.number == number] or invoices
    names = {invoice.id: ctx.session.get_one(Organisation, invoice.issuer_id).name
             for invoice in invoices}
    if issuer is not None:  # "/invoice paid INV-2001 riverside": the council says whose
        invoices = [invoice for invoice in invoices
                    if issuer.lower() in names[invoice.id].lower()]
    if not invoices:
        raise _refused(ctx, "unknown_invoice", number=number, issuer=issuer)
    # Two providers' INV-2001: which is asked, never guessed, even when one is paid (the
    # session's review: a repeat for the paid one would have stopped the other's clock).
    if len(invoices) > 1:
        # Each said paid or not, the example naming an unpaid one (session 34's trial: asked
        # which, the commissioner could not tell which one was still to pay).
        ordered = sorted(invoices, key=lambda invoice: (invoice.paid_on is not None,
                                                        names[invoice.id]))
        raise _refused(ctx, "invoice_ambiguous", number=number,
                       issuers=sorted(names[invoice.id] for invoice in invoices),
                       example=names[ordered[0].id],
                       paid=[(names[invoice.id], invoice.paid_on) for invoice in ordered
                             if invoice.paid_on is not None])
    return [Reply(text=_mark_paid(ctx, invoices[0], paid_on, dated=when is not None))]


DISPUTED = "disputed"  # a payment clock closed as disputed: its outcome begins so


def disputed_clock(session: Session, invoice: Invoice) -> Deadline | None:
    """The invoice's payment clock paused by a dispute still standing: its last one, closed as
    disputed, with none open since (None once settled or paid)."""
    last = session.scalars(select(Deadline).where(
        Deadline.invoice_id == invoice.id, Deadline.rule == "payment")
        .order_by(Deadline.id.desc()).limit(1)).first()
    return (last if last is not None and invoice.paid_on is None
            and last.status == DeadlineStatus.NOT_APPLICABLE
            and (last.outcome or "").startswith(DISPUTED) else None)


# A word that is meant as an amount, read or not: "£12O", "£2,5k", "1,5k", "2.5.k".
_AMOUNT_LIKE = re.compile(r"£\S*|\d[\d,.]*k[.,;:!?]*", re.IGNORECASE)
# A sum in pounds later in a dispute's words, read or not: "£400", "£12,5", "£ 12,5" (its
# figures alone: "£18ph" is £18).
_POUNDS_WORD = re.compile(r"(?<![\w£])£\s*\d[\d,.]*")


def _sums_read(ctx: Ctx, reason: str) -> None:
    """Refused, nothing recorded, when a dispute's words hold a sum said to be money that
    ``parse_amount`` does not read as one sum: "£12,5", "missed visits, 12,50 quid" (£12.50 or
    £1,250? asked, as every invoice command asks), or one later that can't be read ("missed
    visits £12O"): never guessed, nor kept as the reason's with all of the invoice disputed
    (session 42's brief). A bare number later ("120 visits, 12,5") is the words', as any
    number without "£" is; one first is read by ``dispute_amount``."""
    for found in _SUM_STARTS.finditer(reason):
        said = amount_typed(reason[found.start():])
        if said is not None and said.marked:
            parse_amount(said.typed, ctx)
    for found in _POUNDS_WORD.finditer(reason):
        if found.start() > 0:
            typed = found.group().rstrip(".,;:!?")
            parse_amount(typed, ctx)


def _invoice_dispute(ctx: Ctx, number: str, reason: str, *, disputed: bool,
                     invoice_id: int | None = None, whole: bool = False) -> list[Reply]:
    """/invoice disputed NUMBER [REASON] | /invoice undisputed NUMBER: the organisation that
    pays an invoice (a council, or a prime provider for a subcontractor's) records it disputed,
    which pauses its payment clock (no reminders, no escalation, no false OVERDUE), or the
    dispute settled, which opens the clock again from the day it was received (session 36's
    trial). The provider who sent it is told either way; it is never recorded by its sender.

    ``invoice_id``: the invoice a button named (its number is then no one else's); ``whole``:
    all of it disputed, as the button "No, all of it" says, without asking about a sum."""
    number = number.rstrip(",;:.!?") or number  # "invoice undisputed INV-1." (the trial)
    mine = ctx.person.organisation_id
    other = _another_number(ctx, number, reason)
    if other is not None:  # "INV-2 and INV-3, both wrong hours": one at a time, never guessed
        raise _refused(ctx, "dispute_two_numbers", number=number, other=other,
                       disputed=disputed)
    query = select(Invoice).where(func.lower(Invoice.number) == number.lower())
    if invoice_id is not None:
        query = query.where(Invoice.id == invoice_id)
    if ctx.person.role == Role.PROVIDER:
        query = query.where((Invoice.issuer_id == mine) | (Invoice.payer_id == mine))
    else:
        query = query.where(Invoice.payer_id == mine)
    invoices = list(ctx.session.scalars(query.order_by(Invoice.id)))
    paying = [invoice for invoice in invoices if invoice.payer_id == mine]
    if not invoices:
        raise _refused(ctx, "unknown_invoice", number=number, issuer=None)
    if not paying:
        raise _refused(ctx, "dispute_not_payer", number=invoices[0].number, disputed=disputed)
    names = {invoice.id: ctx.session.get_one(Organisation, invoice.issuer_id).name
             for invoice in paying}
    # Two providers' INV-1: never guessed, but may be named; the name of the one that sent it
    # is no part of the reason, and another's is refused (session 42's brief: "invoice
    # undisputed INV-9 Riverside" settled Hillview's INV-9, the only one).
    named = _issuer_named(paying, names, reason)
    if named is not None:
        paying, reason = [named[0]], named[1]
    else:
        other = _other_provider_named(ctx, {invoice.issuer_id for invoice in paying}, reason)
        if other is not None:
            raise _refused(ctx, "dispute_other_issuer", number=paying[0].number,
                           disputed=disputed, named=other, issuers=sorted(names.values()))
    if len(paying) > 1:
        raise _refused(ctx, "dispute_ambiguous", number=number, disputed=disputed,
                       issuers=sorted(names.values()), example=min(names.values()))
    invoice = paying[0]
    if invoice.paid_on is not None:
        raise _refused(ctx, "invoice_paid_already", number=invoice.number,
                       paid_on=invoice.paid_on)
    paused = disputed_clock(ctx.session, invoice)
    running = _open_clocks(ctx, invoice)
    found_part = _part_disputed(running)
    part = found_part[1] if found_part is not None else None
    # "/invoice disputed INV-1 £120 two visits not delivered": only that much is disputed
    # (session 37's brief); the clock runs on for the rest. "120", "120.50", "120 pounds" are
    # as "£120" (session 38's brief: the whole was disputed, "120" read as the reason's);
    # "3 visits", "12 Nov", "2026 rates", "2 double up calls" (session 39's brief) and a
    # number as much as the invoice or more stay the reason's, as a rate ("12.50 per visit":
    # the whole disputed, the reply saying how to dispute part); "2 not delivered", "2000 not
    # agreed" of a larger invoice, "250 care fees", "250 clients", "12.11 visit" are asked
    # about, never guessed (session 38's review: it disputed £2.00; session 39's third brief:
    # "250 care fees" disputed the whole). The reason kept, either way, with no name or
    # identifier.
    # Over part of one disputed whole, it replaces that dispute (session 40's brief: it was
    # refused, the person told to settle the whole first).
    if disputed:
        _amount_not_split(ctx, reason, anywhere=True)
        _sums_read(ctx, reason)
    said = (dispute_amount(reason, invoiced=invoice.amount_pence, year=today(ctx).year)
            if disputed else None)
    if said is not None and not said.clear:
        # "0 test": no amount either way
        parse_amount(pounds_typed(said.figure), ctx, typed=said.typed)
        raise _refused(ctx, "dispute_amount_unclear", number=invoice.number,
                       figure=said.figure, spelled=number_in_words(said.figure),
                       day_month=said.day_month,
                       reason=_shown(without_identifiers(without_names(said.reason))))
    if said is not None and parse_amount(pounds_typed(said.figure), ctx,
                                         typed=said.typed) == invoice.amount_pence:
        # "£1,200 disputed in full" of a £1,200 invoice: all of it disputed, the words as
        # typed its reason (the read-again after session 42: it was refused as "all of" it).
        said = None
    facts = {"number": invoice.number, "amount": f"{invoice.amount_pence / 100:,.2f}",
             "received_on": invoice.received_on, "issuer": names[invoice.id],
             "payer": ctx.person.organisation.name,
             "reason": without_identifiers(without_names(
                 said.reason if said is not None else reason))[:400],
             "limit_on": payment_clocks(invoice.received_on, ctx.deps.calendar).limit}
    # A second dispute replaces the first: said so (session 39's brief: it was not).
    if disputed and part is not None:
        facts["replaces"] = {"disputed": f"{part[0] / 100:,.2f}", "reason": part[1]}
    if said is not None:
        if paused is not None:
            facts["replaces"] = {"disputed": None, "reason": (paused.outcome or "").removeprefix(
                DISPUTED).lstrip(": ")}
        return _invoice_part_dispute(ctx, invoice, running, parse_amount(
            pounds_typed(said.figure), ctx, typed=said.typed), facts, paused=paused)
    first = reason.strip().partition(" ")[0]
    if disputed and paused is None and _AMOUNT_LIKE.fullmatch(first):
        # "£12O", "1,5k": no amount read, never the reason's with all of it disputed (session
        # 41's review: "1,5k missed visits" disputed the whole £20,000)
        parse_amount(first, ctx)
    spelled = _SPELLED_POUNDS.match(reason.strip())
    if disputed and paused is None and spelled is not None:  # "two thousand thousand pounds"
        parse_amount(spelled.group().strip(), ctx)
    if not disputed and part is not None:
        for deadline in running:
            if clocks.part_disputed(deadline) is not None:
                deadline.outcome = None
        told = running[0].provider_contact_id
        ctx.audit("invoice.undisputed", subject=f"invoice:{invoice.id}")
        return _told_of_dispute(ctx, invoice, "part_undisputed", told, facts)
    if disputed:
        if paused is not None:
            raise _refused(ctx, "disputed_already", number=invoice.number,
                           on=paused.done_on, outcome=paused.outcome)
        if not running:  # marked not applicable for another reason: not tracked
            raise _refused(ctx, "dispute_not_tracked", number=invoice.number)
        # A later sum not plainly the one disputed ("missed visits, £400"): asked, never
        # guessed (session 40's third brief); a rate ("£18.50 each") is no part of it.
        asked = None if whole else _sum_asked(reason, invoiced=invoice.amount_pence)
        if asked is not None:
            return [_part_asked(ctx, invoice, asked, reason)]
        for deadline in running:
            clocks.close_deadline(ctx.session, deadline, status=DeadlineStatus.NOT_APPLICABLE,
                                  on=today(ctx), outcome=f"{DISPUTED}: {facts['reason']}"
                                  if facts["reason"] else DISPUTED,
                                  actor_id=ctx.person.id, now=ctx.now)
        told = running[0].provider_contact_id
        ctx.audit("invoice.disputed", subject=f"invoice:{invoice.id}")
        # A rate ("12.50 per visit", "charged £18.50 per hour not £17"): the whole disputed,
        # and said so with how to dispute part (session 39's third brief); the payer's reply
        # only.
        facts["rate"] = _rate_said(reason)
        # A sum said otherwise ("rate should be £15"): the whole disputed, said so likewise.
        facts["mentioned"] = (None if whole  # "No, all of it" pressed: said so already
                              else pounds_mentioned(reason, invoiced=invoice.amount_pence))
    else:
        if paused is None:
            raise _refused(ctx, "not_disputed", number=invoice.number)
        told = paused.provider_contact_id
        clocks.open_payment(ctx.session, invoice, council_id=paused.council_id,
                            provider_contact_id=told, commissioner_id=paused.commissioner_id,
                            calendar=ctx.deps.calendar, policy=ctx.deps.reminders, now=ctx.now,
                            actor_id=ctx.person.id)
        ctx.audit("invoice.undisputed", subject=f"invoice:{invoice.id}")
    return _told_of_dispute(ctx, invoice, "disputed" if disputed else "undisputed", told,
                            facts)


# A dispute's later sum, asked about: "Yes, £400 of it" / "No, all of it". Its value is
# "INVOICE_ID|FIGURE|REASON" (the invoice a button names is found by its id).
INVOICE_DISPUTE_PART = "invoice.dispute_part"
INVOICE_DISPUTE_WHOLE = "invoice.dispute_whole"
MAX_ASKED_REASON = 1500


def _part_asked(ctx: Ctx, invoice: Invoice, figure: str, reason: str) -> Reply:
    """"Is £400 the part of INV-2 you dispute?", with a button for each answer."""
    value = f"{invoice.id}|{figure}|{reason[:MAX_ASKED_REASON]}"
    return Reply(text=ctx.render("deadlines_invoice.txt", outcome="part_asked",
                                 number=invoice.number, figure=figure),
                 buttons=(Button(label=f"Yes, {figure} of it", action=INVOICE_DISPUTE_PART,
                                 value=value),
                          Button(label="No, all of it", action=INVOICE_DISPUTE_WHOLE,
                                 value=value)))


def invoice_part_answered(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"Yes, £400 of it" records that much of the invoice disputed, "No, all of it" the whole,
    each with the reason typed and every check of /invoice disputed (the payer only, not
    paid, not disputed already); a value of no invoice of theirs is a stale button."""
    invoice_id, _, rest = (incoming.action_value or "").partition("|")
    figure, _, reason = rest.partition("|")
    invoice = (ctx.session.get(Invoice, int(invoice_id))
               if invoice_id.isascii() and invoice_id.isdigit() and len(invoice_id) < 12
               else None)
    if (invoice is None or invoice.payer_id != ctx.person.organisation_id
            or not figure.startswith("£")):  # a forged press names no other's invoice
        return [Reply(text=ctx.render("stale_button.txt"))]
    part = incoming.action == INVOICE_DISPUTE_PART
    return _invoice_dispute(ctx, invoice.number, f"{figure} {reason}" if part else reason,
                            disputed=True, invoice_id=invoice.id, whole=not part)


def _sum_asked(words: str, *, invoiced: int) -> str | None:
    """The one sum in pounds in a dispute's words, as typed ("£400"), that may be the part
    disputed or may not ("missed visits, £400", "should be the agreed price (£2,500)"): less
    than the invoice and no rate ("£18.50 each", "£15 per visit", "£300 a week"); else None
    (pure). Asked about, as words cannot tell (session 40's third brief)."""
    said = pounds_mentioned(words, invoiced=invoiced)
    if said is None:
        return None
    found = next(found for found in _POUNDS_LATER.finditer(words.strip())
                 if found.group().strip() == said)
    after = words.strip()[found.end():].split()[:1]
    if after and after[0].strip(".,;:!?()").casefold() in _RATE_WORDS:
        return None
    figure = found.group("pound") or found.group("word")
    return f"£{figure}"


def _another_number(ctx: Ctx, number: str, words: str) -> str | None:
    """A second invoice number that a dispute's words begin with, after "and", "&" or a
    comma ("INV-2 and INV-3, both have wrong hours": session 40's review, INV-2 was disputed
    for "and INV-3 ..."): one of the same letters as ``number`` ("INV-3"), or one the
    sender's organisation sent or pays; else None. Named later ("duplicate of INV-1"), it is
    the reason's."""
    typed = words.lstrip(" ,;&+").split()
    if typed[:1] and typed[0].casefold() in ("and", "&", "+", "plus"):
        typed = typed[1:]
    if not typed:
        return None
    other = typed[0].strip(",.;:()")
    letters = re.match(r"[A-Za-z]+", number)
    shaped = re.fullmatch(r"([A-Za-z]+)[-/#]?\d+", other)
    if shaped is not None and letters is not None and (
            shaped.group(1).casefold() == letters.group().casefold()):
        return other if other.casefold() != number.casefold() else None
    if not other or other.casefold() == number.casefold() or not any(
            character.isdigit() for character in other):
        return None
    mine = ctx.person.organisation_id
    known = ctx.session.scalars(select(Invoice.number).where(
        func.lower(Invoice.number) == other.casefold(),
        (Invoice.issuer_id == mine) | (Invoice.payer_id == mine)).limit(1)).first()
    return known


def _issuer_named(invoices: list[Invoice], names: dict[int, str],
                  words: str) -> tuple[Invoice, str] | None:
    """The one of two providers' invoices of a number whose sender ``words`` begin by naming
    (``_name_first``; ``names``: the sender's name by invoice id), and the words after it;
    None when they name none, or more than one (session 40: "/invoice disputed INV-1" of two
    providers' could not be told whose, and none could be disputed)."""
    found = _name_first({invoice.id: names[invoice.id] for invoice in invoices}, words)
    if found is None:
        return None
    return next(invoice for invoice in invoices if invoice.id == found[0]), found[1]


def _name_first(names: dict[int, str], words: str) -> tuple[int, str] | None:
    """The one key of ``names`` whose name ``words`` begin with, and the words after it; None
    when they name none, or more than one (pure). Named: by its whole name ("Home Care Ltd
    rota"), the start of it with a distinctive word ("hillview home £120 rota"), or a
    distinctive word of it alone ("Riverside's £120"); never by its ordinary words (session
    40's review: "home visits missed" disputed "Home Care Ltd"'s)."""
    typed = words.split()

    def bare(word: str) -> str:
        return word.casefold().strip(".,:;!?()'\"").removesuffix("'s").removesuffix("\u2019s")

    name_words = {key: [bare(word) for word in name.split()] for key, name in names.items()}
    found: tuple[int, str] | None = None
    if typed:
        first = bare(typed[0])
        named = [key for key in names if _distinctive(first) and first in name_words[key]]
        if len(named) == 1:
            found = (named[0], " ".join(typed[1:]))
    for count in range(1, min(len(typed), 6) + 1):
        said = [bare(word) for word in typed[:count]]
        named = [key for key in names if name_words[key][:count] == said
                 and (count == len(name_words[key]) or any(map(_distinctive, said)))]
        if len(named) == 1:
            found = (named[0], " ".join(typed[count:]))
    return found


def _other_provider_named(ctx: Ctx, issuers: set[int], words: str) -> str | None:
    """The name of the provider that a dispute's words begin by naming (``_name_first``)
    when it is none of ``issuers`` (the senders of the invoices of its number that the
    person's organisation pays); else None."""
    if not words.strip():
        return None
    others = {organisation_id: name for organisation_id, name in ctx.session.execute(
        select(Organisation.id, Organisation.name).where(
            Organisation.kind == OrganisationKind.PROVIDER,
            Organisation.id.not_in(sorted(issuers))))}
    found = _name_first(others, words)
    return others[found[0]] if found is not None else None


# Words of providers' names that name none of them alone: ordinary English words and a
# company's parts (session 40's review: "home visits missed" named "Home Care Ltd").
_ORDINARY_NAME_WORDS = frozenset((
    "home", "homes", "care", "carers", "caring", "cares", "plus", "ltd", "limited", "llp", "plc",
    "cic", "inc", "co", "company", "group", "the", "and", "of", "for", "at", "in", "on",
    "services", "service", "support", "supported", "supporting", "living", "live", "lives",
    "health", "healthcare", "community", "communities", "social", "people", "person", "trust",
    "partnership", "partners", "solutions", "agency", "agencies", "nursing", "nurses",
    "residential", "domiciliary", "family", "families", "life", "independent", "independence",
    "help", "helping", "hands", "quality", "first", "best", "bright", "new", "well", "together",
    "uk", "england", "north", "south", "east", "west", "county", "city", "council", "housing",
    "association", "foundation", "charity", "house", "lodge", "court", "place", "centre", "center",
    "network", "options", "choices", "choice", "hour", "hours", "day", "days", "night", "nights",
    "visit", "visits", "staff", "team", "my", "your", "our", "all", "one", "direct", "local",
    "total", "complete", "personal", "companions", "kind", "heart", "comfort", "age", "elderly",
    "senior", "seniors", "respite", "assist", "assistance", "assisted", "angels", "star", "stars",
    "sun", "rose", "park", "view", "green", "hill", "river", "oak", "oaks", "meadow", "meadows",
    "gardens", "garden", "manor", "hall", "bank", "way", "lane", "road", "street", "global",
    "national", "regional", "premier", "prime", "rota", "missed", "late", "wrong", "invoice",
    "calls", "call", "double", "extra", "rates", "rate", "fees", "fee", "overcharged", "not",
    "no"))


def _distinctive(word: str) -> bool:
    """Whether a word of a provider's name names it alone: not an ordinary word, nor a short
    one, nor a number ("Riverside", "Hillview"; not "home", "care", "plus", "ltd")."""
    return len(word) >= 4 and word.isalpha() and word not in _ORDINARY_NAME_WORDS


# A number at the start of a dispute's words, "£120", "120", "120.50", "1,120", "120 pounds",
# and what follows it; not "07700 ..." (a phone number), "10:30", "10-12", "12.11.2026",
# "12/11" (a date), "12th".
# Thousands as "k" ("£2k", "1.5k": session 40's brief, "£2k" was refused as unreadable) are
# read too, and a comma with one or two figures after it ("120,50", "£12,5"), whose sum is
# asked about, never guessed (``comma_readings``); no "k" after that ("1,5k": unreadable).
_FIGURE = (r"(?:\d+,\d{1,2}(?![\d,k])|(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
           r"(?:k(?![a-z]))?)")
_AMOUNT_FIRST = re.compile(
    rf"(?P<pound>£\s*)?(?!0\d)(?P<amount>{_FIGURE})"
    r"(?P<pounds>\s*(?:pounds?|quid|gbp)\b)?"
    r"(?=$|\s|;|[,:.](?!\d)|[-\u2013\u2014](?!\d))", re.IGNORECASE)
# A sum in pounds later in a dispute's words, "£1,200", "1,200 pounds" (session 40's brief:
# "250 visits not delivered, £1,200" disputed the whole, the count read as the reason's).
_POUNDS_LATER = re.compile(
    rf"(?<![\w£.,])(?:£\s*(?P<pound>{_FIGURE})|(?P<word>{_FIGURE})\s*(?:pounds?|quid|gbp)\b)"
    r"(?=$|\s|[;,:.!?)](?!\d)|[-\u2013\u2014](?!\d))", re.IGNORECASE)
# What right before a later sum makes it plainly the sum disputed ("totalling £240",
# "disputing £1,200"), or right after it ("£1,200 disputed", "£1,200 in dispute"); a
# separator alone never does (session 40's review: "should be the agreed price (£2,500)"
# disputed £2,500), only after a count of care not delivered ("250 visits not delivered,
# £1,200"). Not "should be £15", "not £1,300": the whole disputed, said so.
_PLAIN_BEFORE = frozenset((
    "totalling", "totaling", "total", "totals", "worth", "overcharged", "disputed",
    "disputing", "dispute"))
_PLAIN_AFTER = frozenset(("disputed", "dispute"))
# Words around a later sum that make it another sum than the one disputed (what was agreed,
# what it should be, a rate, what is owed, a year's): the whole disputed, said so.
_SAID_OTHERWISE = frozenset((
    "agreed", "agree", "agreement", "should", "shouldve", "price", "prices", "priced",
    "pricing", "rate", "rates", "was", "were", "is", "owe", "owed", "owes", "owing", "contract",
    "contracted", "contractual", "duplicate", "duplicated", "each", "per", "weekly",
    "monthly", "hourly", "daily", "annual", "annually", "instead", "expected",
    "quoted", "quote", "budget", "budgeted", "only", "actual", "actually", "correct",
    "original", "originally", "previous", "previously", "tariff", "tariffs"))
# A count of care not delivered, which a sum after a separator may be the cost of: "250
# visits not delivered", "3 visits missed", "2 missed calls", "2 not delivered": a number
# and a few words, one of these among them.
_NOT_DELIVERED = re.compile(r"\d+(?:\s+[\w'-]+){1,4}")
_NOT_DELIVERED_WORDS = frozenset((
    "missed", "undelivered", "cancelled", "canceled", "delivered", "provided", "attended"))
# Numbers in words before a currency word ("forty pounds", "two hundred and fifty quid").
_SPELLED_POUNDS = re.compile(
    r"(?P<words>(?:(?:a|and|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety|hundred|thousand)(?:[\s-]+|(?=\s*(?:pounds?|quid"
    r"|gbp)\b)))+)(?P<pounds>pounds?|quid|gbp)\b(?=$|\s|[;,:.!?](?!\d)|[-\u2013\u2014])",
    re.IGNORECASE)
# What may stand between a bare number alone and the reason: "120: two visits", "120 - rota".
_AMOUNT_ALONE = re.compile(r"\s*(?:$|[.!]\s*$|:|[-\u2013\u2014](?!\d))")
# The words after a bare number that make it a count, not pounds: "3 visits not delivered",
# "2 missed visits", "10 days late". No money word ("rates", "fees", "uplift", "prices": a
# number before one may be the sum disputed, asked about; session 39's third brief), nor
# "per" (a rate is read by ``_a_rate``).
_COUNTED = frozenset((
    "day", "days", "week", "weeks", "wks", "month", "months", "year", "years", "yrs", "hour",
    "hours", "hr", "hrs", "h", "min", "mins", "minute", "minutes", "visit", "visits", "call",
    "calls", "night", "nights", "shift", "shifts", "session", "sessions", "carer", "person",
    "times", "x", "%", "percent", "units", "miles", "items", "lines", "invoices", "placements",
    "packages", "weekend", "weekends", "fortnight", "fortnights", "mth", "mths", "meal",
    "meals", "appointment", "appointments"))
# Units that count only a small number (``_MOST_COUNTED``), read by ``_counts_care`` (session
# 39's review: "250 client contribution", "200 holiday pay", read as the reason's, had the
# whole invoice disputed). People among them: an invoice's dispute rarely counts more than 99
# of them, so "250 clients" may be £250 (session 39's third brief); hours, visits and days
# of a month's care may run to hundreds and count at any size.
_SMALL_COUNTED = frozenset((
    "wk", "yr", "resident", "residents", "client", "clients", "user", "users", "patient",
    "patients", "people", "staff", "carers", "double-up", "double-ups", "doubleup",
    "doubleups", "sleep-in", "sleep-ins", "sleepin", "sleepins", "holiday", "holidays",
    "occasion", "occasions"))
# A rate: a number before one of these and a unit ("12.50 per visit", "15 an hour", "10 per
# cent"), which is why an invoice is disputed, not the sum disputed (session 39's third
# brief: the reason's, the whole invoice disputed, the reply saying how to dispute part).
_RATE_WORDS = frozenset(("per", "a", "an", "each"))
_RATE_UNITS = frozenset((
    "visit", "call", "night", "hour", "hr", "h", "day", "week", "wk", "month", "mth", "year",
    "yr", "annum", "shift", "session", "carer", "resident", "client", "user", "patient",
    "person", "head", "bed", "room", "placement", "package", "meal", "appointment", "mile",
    "unit", "item", "cent", "fortnight", "weekend", "double-up", "doubleup", "sleep-in",
    "sleepin", "min", "minute", "occasion"))
# One of a unit: after a number above 1 it names what the sum is for ("40 patient transport",
# "250 client contribution") or a unit after it ("3 double-up visits"), never the count.
_ONE_OF = frozenset((
    "visit", "call", "night", "hour", "day", "week", "shift", "carer", "resident", "client",
    "user", "patient", "session", "double-up", "doubleup", "sleep-in", "sleepin", "meal",
    "appointment", "holiday", "weekend", "placement", "package", "person", "occasion"))
# Words of money: a unit of care before one is what a sum is for, not a count ("2 visits
# charge", "50 sleep-in supplement"); a day and month with a point before one is pence.
_MONEY_WORDS = frozenset((
    "contribution", "contributions", "pay", "charge", "charges", "supplement", "supplements",
    "enhancement", "enhancements", "travel", "cover", "rate", "rates", "fee", "fees", "premium",
    "premiums", "top-up", "top-ups", "topup", "uplift", "uplifts", "cost", "costs", "allowance",
    "allowances", "mileage"))
_BEFORE_COUNTED = frozenset((
    "missed", "extra", "late", "short", "cancelled", "canceled", "additional", "more", "fewer",
    "less", "unattended", "undelivered", "double", "duplicate", "duplicated", "unworked",
    "care", "waking", "sleeping", "sleep-in", "home", "x"))
# The units of care a small count may be of with a word or two between ("3 double-up visits",
# "2 respite nights", "2 of the visits": session 39's brief, they were asked about).
_CARE_UNITS = frozenset((
    "visit", "visits", "call", "calls", "night", "nights", "hour", "hours", "hr", "hrs", "day",
    "days", "week", "weeks", "shift", "shifts", "carer", "carers", "resident", "residents",
    "client", "clients", "user", "users", "patient", "patients", "session", "sessions",
    "double-up", "double-ups", "doubleup", "doubleups", "sleep-in", "sleep-ins", "meal",
    "meals", "appointment", "appointments", "holiday", "holidays", "weekend", "weekends",
    "placement", "placements", "package", "packages", "staff", "people", "person", "occasion",
    "occasions"))
# The words between that make a number pounds for those units, or a second count: "50 for the
# visits", "40 towards the calls", "2 two hour calls" are asked about.
_NOT_BETWEEN = frozenset((
    "for", "on", "towards", "toward", "to", "from", "re", "regarding", "over", "against", "at",
    "in", "by", "per", "each", "a", "an", "pounds", "pound", "quid", "gbp", "worth", "cost",
    "costs", "charged", "billed", "paid", "because", "as", "and", "or", "but", "is", "was",
    "hundred", "dozen"))
_MOST_COUNTED = 99  # "small": a count of visits or nights a dispute names is rarely more
# What a year-like number is the year of: "2025 invoice already paid", "2026 contract".
# Not a money word, nor one that follows a sum ("2000 fee", "2000 pay award", "2000 increase"
# are asked about: session 39's review).
_A_YEARS = frozenset((
    "invoice", "contract", "contracts", "budget", "tariff", "tariffs", "price", "pricing",
    "framework", "tender", "agreement", "review", "financial", "fy"))
# What a year near this one is the year of, though a sum may come before it too: "2026 fees",
# "2025 rates", "2026 pay award" (session 39's third brief: "2000 fees" of £5,000 is asked).
_A_RECENT_YEARS = frozenset((
    *_MONEY_WORDS, "prices", "award", "awards", "increase", "increases"))
# How far from this year a year-like number before a money word is read as a year.
_YEARS_BACK, _YEARS_ON = 5, 1
# Units of time, after which a day and month with a point ("12.11 hours") is no date.
_DURATIONS = frozenset((
    "day", "days", "week", "weeks", "wk", "wks", "month", "months", "mth", "mths", "year",
    "years", "yr", "yrs", "hour", "hours", "hr", "hrs", "h", "min", "mins", "minute", "minutes",
    "fortnight", "fortnights", "times", "x", "%", "percent"))
# A day and month with a point, "12.11", "1.05": a date as much as pence.
_DAY_MONTH = re.compile(r"(0?[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])")
# A day of a month: "12 Nov visit not delivered", "12 November".
_MONTHS = frozenset((
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december"))
_MONTH_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec")


@dataclass(frozen=True, slots=True)
class DisputeAmount:
    """A number at the start of a dispute's words that is, or may be, an amount in pounds."""

    figure: str  # "120", "1,120.50"
    typed: str  # as typed: "£120", "120", "120 pounds"
    reason: str  # the words after it: "two visits not delivered"
    clear: bool  # unmistakably pounds; else asked about, never guessed
    day_month: str | None = None  # "12 Nov": the date "12.11" may be, when asked about


def dispute_amount(words: str, *, invoiced: int, year: int) -> DisputeAmount | None:
    """The amount a dispute's words begin with (``_amount_first``), or, when they begin with
    none that is clearly pounds, the one sum in pounds later in them that is plainly the sum
    disputed ("250 visits not delivered, £1,200": session 40's brief), or None (pure)."""
    first = _amount_first(words, invoiced=invoiced, year=year)
    if first is not None and first.clear and (
            first.reason.split()[:1] in (["each"], ["per"])
            or _a_rate([word.strip(".,;:!?()").casefold() for word in first.reason.split()[:2]])):
        # "£18.50 each for 20 missed visits", "£18.50 an hour instead of £17": a rate, all of
        # it disputed
        return None
    if first is not None and first.clear:
        return first
    return _pounds_later(words.strip(), invoiced=invoiced) or first


def _pounds_later(text: str, *, invoiced: int) -> DisputeAmount | None:
    """The one sum in pounds after the start of ``text`` that is plainly the sum disputed: a
    word of a dispute around it ("totalling £240", "£1,200 disputed"), or a separator after a
    count of care not delivered ("250 visits not delivered, £1,200"), whose words are then
    its reason (else all the words); no rate ("£15 per visit"), less than the invoice. Two
    sums, one said otherwise ("should be the agreed price (£2,500)", "£18.50 each", "rates
    for 2025: £1,200") or after a separator alone, are no sum disputed: None (session 40's
    review)."""
    sums = [found for found in _sums_not_rates(text) if found.start() > 0
            and not text[found.end():].startswith("/")]
    if len(sums) != 1:
        return None
    found = sums[0]
    figure = found.group("pound") or found.group("word")
    if _pounds_of(figure) * 100 >= invoiced:
        return None
    before = text[:found.start()].rstrip()
    words_before = [word.strip(".,;:!?()").casefold() for word in before.split()]
    words_after = [word for word in (word.strip(".,;:!?()").casefold()
                                     for word in text[found.end():].split()) if word]
    if any(word in _SAID_OTHERWISE or re.fullmatch(r"(?:19|20)\d\d", word)
           for word in (*words_before, *words_after)) or words_before[-1:] == ["not"]:
        return None
    said = (words_before[-1:] != [] and words_before[-1] in _PLAIN_BEFORE) or (
        words_after[:1] != [] and words_after[0] in _PLAIN_AFTER) or words_after[:2] == [
        "in", "dispute"]
    clause = before.rstrip(" ,;:-(=\u2013\u2014")
    counted = (not words_after and before[-1:] in ",;:-(=\u2013\u2014"
               and _NOT_DELIVERED.fullmatch(clause) is not None
               and any(word in _NOT_DELIVERED_WORDS for word in words_before))
    if not (said or counted):
        return None
    reason = clause if counted else text
    return DisputeAmount(figure=figure, typed=found.group().strip(), reason=reason, clear=True)


def pounds_mentioned(words: str, *, invoiced: int) -> str | None:
    """The one sum in pounds in a dispute's words, as typed, that is less than the invoice and
    no rate: said when all of the invoice is disputed for words that name no sum disputed
    ("rate should be £15"); else None (pure)."""
    sums = [found for found in _sums_not_rates(words.strip())
            if _pounds_of(found.group("pound") or found.group("word")) * 100 < invoiced]
    return sums[0].group().strip() if len(sums) == 1 else None


# Words that set one sum against another: "£18.50 per hour not £17", "£18.50 an hour instead
# of the agreed £17", "£17 rather than £18.50 per hour"; one of the first among them.
_COMPARING = frozenset(("not", "instead", "rather", "than", "vs", "versus", "v", "compared"))
_COMPARING_TOO = frozenset((
    *_COMPARING, "of", "to", "with", "and", "but", "the", "our", "agreed", "contracted",
    "contract", "usual", "correct", "rate"))


def _rates_in(text: str) -> list[tuple[re.Match[str], bool]]:
    """Each sum in pounds in ``text`` (``_POUNDS_LATER``) and whether it is a rate (pure): one
    before a rate's words ("£15 per visit", "£300 a week"), or one set against a rate ("£18.50
    per hour not £17": the read-again after session 42, "Is £17 the part you dispute?")."""
    found = list(_POUNDS_LATER.finditer(text))
    rates = [_a_rate([word.strip(".,;:!?()").casefold()
                      for word in text[one.end():].split()[:2]]) for one in found]

    def compared(first: int) -> bool:
        between = [word for word in (word.strip(".,;:!?()-").casefold() for word in text[
            found[first].end():found[first + 1].start()].split()) if word]
        if rates[first]:
            between = between[2:]  # "per hour"
        return bool(between) and set(between) <= _COMPARING_TOO and bool(
            set(between) & _COMPARING)

    for at in range(len(found) - 1):
        if rates[at] != rates[at + 1] and compared(at):
            rates[at] = rates[at + 1] = True
    return list(zip(found, rates, strict=True))


def _sums_not_rates(text: str) -> list[re.Match[str]]:
    """The sums in pounds in ``text`` that are no rate (``_rates_in``), in order (pure)."""
    return [found for found, rate in _rates_in(text) if not rate]


def _rate_said(words: str) -> str | None:
    """The rate a dispute's words name, as typed: first ("12.50 per visit"), or a sum in pounds
    with a rate's words ("charged £18.50 per hour not £17": "£18.50 per hour"); else None
    (pure)."""
    first = _rate_first(words)
    if first is not None:
        return first
    text = words.strip()
    rate = next((found for found, rate in _rates_in(text) if rate
                 and _a_rate([word.strip(".,;:!?()").casefold()
                              for word in text[found.end():].split()[:2]])), None)
    if rate is None:
        return None
    return " ".join([rate.group().strip(), *(word.strip(".,;:!?()") for word in
                                             text[rate.end():].split()[:2])])


def _pounds_of(figure: str) -> Decimal:
    """A figure as read ("1,200", "2k", "1.5k") in pounds (pure; "120,50" as 12050, its
    comma dropped: compared only, for it is asked about before it is recorded)."""
    return Decimal(pounds_typed(figure).removeprefix("£").replace(",", ""))


@dataclass(frozen=True, slots=True)
class AmountTyped:
    """An amount in pounds at the start of some words, as typed."""

    figure: str  # the number: "120", "1,120.50", "120,50", "2k"; "40" for "forty pounds"
    typed: str  # as typed: "£2k", "120 pounds", "forty pounds"
    rest: str  # the words after it, as typed
    marked: bool  # said to be pounds: a "£" or a currency word
    # The two sums a figure with a comma and one or two figures after it may be ("£12,50":
    # "£12.50", "£1,250"): never read as either (``comma_readings``).
    readings: tuple[str, str] | None = None


def amount_typed(text: str) -> AmountTyped | None:
    """The amount ``text`` begins with, as every invoice command reads one (pure): "£120",
    "120", "120.50", "1,120", "£2k", "1.5k", "120 pounds", "120 quid", "forty pounds", "two
    hundred and fifty quid"; not "07700 ..." (a phone number), "10:30", "10-12",
    "12.11.2026", "12/11", "12th", "forty" alone. Whether a number so read is the sum meant
    is each command's to say (a dispute's "3 visits" is a count).

    A comma with two figures after it ("120,50", "£12,50"), or one said to be pounds ("£12,5",
    "12,5 pounds"), is read with ``readings``, the two sums it may be (£12.50 or £1,250?),
    which every command asks about and none records (the read-again after session 42: a
    dispute refused "£12,50" while /invoice received read "120,50" as £120.50). A bare "12,5"
    is no sum ("12,5 missed visits", "1,2 December": numbers listed); "1,250" is thousands."""
    found = _AMOUNT_FIRST.match(text)
    if found is not None:
        figure = found.group("amount")
        marked = bool(found.group("pound") or found.group("pounds"))
        readings = comma_readings(figure)
        if readings is not None and not marked and len(figure.partition(",")[2]) < 2:
            return None
        return AmountTyped(figure=figure, typed=found.group().strip(),
                           rest=text[found.end():], marked=marked, readings=readings)
    found = _SPELLED_POUNDS.match(text)
    if found is None:
        return None
    value = _number_said(found.group("words").casefold().replace("-", " ").split())
    if value is None:
        return None
    return AmountTyped(figure=str(value), typed=found.group().strip(),
                       rest=text[found.end():], marked=True)


def _number_said(words: list[str]) -> int | None:
    """The whole number ``words`` say ("two hundred and fifty", "a thousand", "twenty five"),
    or None when they say none: nothing, or words out of a number's order ("two thousand
    thousand", "two hundred hundred", "five twenty": session 41, the first was read as
    3,000) (pure)."""
    total = current = 0
    thousands = False
    for at, word in enumerate(words):
        value = _SPELLED_VALUES.get(word)
        below = current % 100  # the tens and units said since the last hundred
        if value is not None and value >= 20:  # "twenty": only after nothing, or a hundred
            if below:
                return None
            current += value
        elif value is not None:  # "five", "eleven": after nothing, a hundred, or "twenty"
            if below and (below % 10 or value >= 10):
                return None
            current += value
        elif word == "hundred":  # after "a" or a number below a hundred ("twelve hundred")
            if current >= 100 or (current == 0 and words[at - 1:at] != ["a"]):
                return None
            current = (current or 1) * 100
        elif word == "thousand":  # once, after "a" or a number below a thousand
            if thousands or (current == 0 and words[at - 1:at] != ["a"]):
                return None
            thousands, total, current = True, (current or 1) * 1000, 0
        elif word == "a" and words[at + 1:at + 2] in (["hundred"], ["thousand"]):
            continue
        elif word != "and" or at == 0:
            return None
    return total + current or None


_COMMA_SUM = re.compile(r"£?\s*(?P<pounds>\d+),(?P<after>\d{1,2})")


def comma_readings(figure: str) -> tuple[str, str] | None:
    """The two sums a figure with a comma and one or two figures after it may be, the comma a
    point or a slip ("12,50": "£12.50", "£1,250"; "£12,5": "£12.50", "£125"), else None
    (pure). Neither is guessed: asked, nothing recorded ("1,250" is thousands)."""
    found = _COMMA_SUM.fullmatch(figure.strip())
    if found is None:
        return None
    pounds, after = found.group("pounds"), found.group("after")
    return f"£{Decimal(f'{pounds}.{after}'):,.2f}", f"£{int(pounds + after):,}"


def pence_with_a_comma(figure: str) -> bool:
    """Whether a figure's comma stands before two figures at its end ("£850,00", "120,50"):
    pence written with a comma, the usual way of writing it where a comma is the decimal
    point; a thousands comma has three after it, so reading it as one is the slip (pure)."""
    found = _COMMA_SUM.fullmatch(figure.strip())
    return found is not None and len(found.group("after")) == 2


def pounds_typed(figure: str) -> str:
    """A figure as ``pence`` reads it: "2k" as "2000", "1.5k" as "1500" (pure; anything else
    as it is: "120,50" is asked about, ``comma_readings``)."""
    text = figure.strip()
    sign = "£" if text.startswith("£") else ""
    text = text.removeprefix("£").strip()
    if text[-1:] in ("k", "K") and re.fullmatch(r"[\d,]+(?:\.\d+)?", text[:-1]):
        # "1.5k" is "1500", not "1500.0" (nor "1.2345k" "1234.5000", more pence than there are)
        text = format((Decimal(text[:-1].replace(",", "")) * 1000).normalize(), "f")
    return sign + text


def _amount_first(words: str, *, invoiced: int, year: int) -> DisputeAmount | None:
    """The amount a dispute's words begin with, or None when they begin with none or with a
    number that is the reason's (pure). ``invoiced``: the invoice's amount in pence; ``year``:
    this year, near which a year-like number before a money word is a year.

    Pounds for sure (``clear``): "£120", a currency word ("120 pounds", "120 quid", "120
    gbp"), pence ("120.50"), a thousands comma ("1,120"), or a number alone before a colon, a
    dash or the end ("120: two visits", "120"). The reason's: a rate ("12.50 per visit", "15
    an hour", "1.10 each visit", "10 per cent"), a day of a month ("12 Nov visit"), a count
    ("3 visits", "2 missed visits", "10 days late"), a small count of a unit of care a word or
    two on ("3 double-up visits", "2 respite nights", "2 of the visits") or of people ("3
    clients"), a year's thing ("2025 invoice", "2026 contract"), a year near this one before
    a money word ("2026 rates", "2025 fees"), or a number that is not clearly pounds and is as
    much as the invoice or more ("1500 not agreed" of £980: never offered as pounds, which
    would be refused). Any other bare number followed by words ("2 not delivered", "101 not
    our placement"), before a money word ("250 care fees", "300 uplift", "150 rates"), of
    people above 99 ("250 clients"), a year-like number ("2000 not agreed", "2000 fees" of
    £5,000) and a day and month with a point ("12.11 visit"; "3.10 uplift", asked with no date
    offered) may be either: not ``clear``.
    """
    typed = amount_typed(words.strip())
    if typed is None:
        return None
    figure, rest = typed.figure, typed.rest
    said = DisputeAmount(figure=figure, typed=typed.typed,
                         reason=rest.lstrip(" \t:;,.-\u2013\u2014"), clear=True)
    if typed.marked:
        return said
    after = [word.strip(".,;:!?()").casefold() for word in rest.split()[:4]]
    if typed.readings is not None and (after[:1] in (["and"], ["&"], ["or"])
                                       or rest.lstrip()[:1] == ","):
        return None  # "2,30 and 4 December visits": days or numbers listed
    alone = _AMOUNT_ALONE.match(rest) is not None
    dated = _DAY_MONTH.fullmatch(figure)
    if _a_rate(after):
        return None
    if dated is not None and not alone and after and after[0] not in _DURATIONS:
        said = replace(said, clear=False, day_month=_day_month(dated, after[0]))
    elif (after and (_counted(after) or after[0] in _MONTHS)) or _counts_care(figure, rest):
        return None
    elif figure.isdigit() and 1990 <= int(figure) <= 2099:
        if after and (after[0] in _A_YEARS or (
                after[0] in _A_RECENT_YEARS
                and year - _YEARS_BACK <= int(figure) <= year + _YEARS_ON)):
            return None
        said = replace(said, clear=False)
    elif not ("." in figure or "," in figure or figure[-1:] in "kK" or alone):
        said = replace(said, clear=False)
    pounds = _pounds_of(figure)
    return None if not said.clear and pounds * 100 >= invoiced else said


# After a day and month with a point, what makes it a sum: "1.10 per visit", "1.05 each".
_PRICED = frozenset(("per", "each", "a", "an", "increase", *_MONEY_WORDS))


def _day_month(dated: re.Match[str], following: str) -> str | None:
    """The date "12.11" may be ("12 Nov"), offered when asked about; None when the word after
    it makes it a sum ("1.10 per visit", "3.10 uplift") or no month has that day ("31.02":
    session 39's review, "31 Feb" and "1 Oct per visit" were offered)."""
    day, month = int(dated.group(1)), int(dated.group(2))
    if following in _PRICED or day > monthrange(2024, month)[1]:  # a leap year: 29.02 is
        return None
    return f"{day} {_MONTH_SHORT[month - 1]}"


def _a_rate(after: list[str]) -> bool:
    """Whether the words ``after`` a number make it a rate: "per visit", "an hour", "each
    visit", "per cent"; not "per contract", nor "each" alone."""
    return len(after) > 1 and after[0] in _RATE_WORDS and after[1] in _RATE_UNITS


def _rate_first(words: str) -> str | None:
    """The rate a dispute's words begin with, as typed ("12.50 per visit"), else None (pure)."""
    found = amount_typed(words.strip())
    if found is None or found.marked:
        return None
    typed = found.rest.split()[:2]
    if not _a_rate([word.strip(".,;:!?()").casefold() for word in typed]):
        return None
    return " ".join([found.figure, *(word.strip(".,;:!?()") for word in typed)])


def _counted(after: list[str]) -> bool:
    """Whether the words ``after`` a number begin with what it counts ("3 visits", "2 missed
    visits", "10 days late"); never a unit of care before a money word ("2 visits charge":
    what a sum is for)."""
    if after[0] in _COUNTED:
        unit = 0
    elif after[0] in _BEFORE_COUNTED and len(after) > 1 and after[1] in _COUNTED:
        unit = 1
    else:
        return False
    return not (after[unit] in _CARE_UNITS and after[unit + 1:unit + 2] != []
                and after[unit + 1] in _MONEY_WORDS)


def _counts_care(figure: str, rest: str) -> bool:
    """Whether a small whole number ``figure`` counts a unit of care in ``rest``, the words
    after it: one that counts only a small number ("3 sleep-ins", "1 client") or any unit of
    care a word or two on ("3 double-up visits", "2 of the visits", "3 of 5 visits"). Never
    one before a money word ("75 bank holiday enhancement", "90 user charge"), nor one of a
    unit after a number above 1 ("40 patient transport"), unless a unit follows it."""
    if not (figure.isdigit() and int(figure) <= _MOST_COUNTED and rest[:1].isspace()):
        return False
    many = int(figure) > 1
    tokens = rest.split()
    between: list[str] = []
    for at, token in enumerate(tokens[:4]):
        word = token.casefold()
        bare = word.strip(".,;:!?()")
        if bare in _MONEY_WORDS:
            return False
        unit = bare in _SMALL_COUNTED or (bare in _CARE_UNITS and bool(between))
        if unit and not (many and bare in _ONE_OF):
            following = tokens[at + 1].casefold().strip(".,;:!?()") if at + 1 < len(tokens) else ""
            return following not in _MONEY_WORDS
        if not (re.fullmatch(r"[a-z][a-z'-]*", word) or (
                word.isdigit() and between[-1:] == ["of"])):
            return False  # "120, two visits": a comma, a full stop or a sum between
        if word in _NOT_BETWEEN or any(part in _SPELLED for part in word.split("-")):
            return False
        between.append(word)
    return False


_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SPELLED = frozenset((*_UNITS, *_TENS[2:]))
_SPELLED_VALUES = {**{word: value for value, word in enumerate(_UNITS) if value},
                   **{word: value * 10 for value, word in enumerate(_TENS) if value >= 2}}


def number_in_words(figure: str) -> str | None:
    """A whole number below 100 in words ("21": "twenty-one"), else None (pure)."""
    if not figure.isdigit() or int(figure) >= 100:
        return None
    number = int(figure)
    if number < 20:
        return _UNITS[number]
    tens, units = divmod(number, 10)
    return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")


def _shown(reason: str, most: int = 60) -> str:
    """A reason short enough to show back in an example command, cut at a word (never in a
    "[phone number removed]"), its full stop left for the sentence around it."""
    if len(reason) <= most:
        return reason.rstrip(" .")
    cut = reason[:most].rsplit(" ", 1)[0]
    if cut.rfind("[") > cut.rfind("]"):
        cut = cut[:cut.rfind("[")]
    return cut.rstrip(" .,;:") + " …"


def _invoice_part_dispute(ctx: Ctx, invoice: Invoice, running: list[Deadline], disputed: int,
                          facts: dict[str, object], *,
                          paused: Deadline | None = None) -> list[Reply]:
    """/invoice disputed NUMBER £AMOUNT [REASON]: part of the invoice disputed by its payer.
    Its payment clock keeps running (reminders, escalation and OVERDUE as before) and carries
    the amount and reason, which /invoice list, /reminders and the reminders show. ``paused``:
    the clock a dispute of the whole paused, opened again from the day it was received, as
    when that dispute is settled."""
    if disputed >= invoice.amount_pence:
        raise _refused(ctx, "part_too_much", number=invoice.number,
                       disputed=f"{disputed / 100:,.2f}", amount=facts["amount"],
                       whole=disputed == invoice.amount_pence)
    if paused is not None:
        running = [clocks.open_payment(
            ctx.session, invoice, council_id=paused.council_id,
            provider_contact_id=paused.provider_contact_id,
            commissioner_id=paused.commissioner_id, calendar=ctx.deps.calendar,
            policy=ctx.deps.reminders, now=ctx.now, actor_id=ctx.person.id)]
    payments = [deadline for deadline in running if deadline.rule == "payment"]
    if not payments:  # marked not applicable for another reason: not tracked
        raise _refused(ctx, "dispute_not_tracked", number=invoice.number)
    outcome = clocks.part_disputed_outcome(disputed, str(facts["reason"]))
    # Typed again, if in another case or spacing ("Two  visits"): kept once, as recorded
    # (session 39's review: it was said to replace the first).
    recorded = [clocks.part_disputed(deadline) for deadline in payments]
    if all(found is not None and found[0] == disputed and _same_words(found[1], str(
            facts["reason"])) for found in recorded):
        raise _refused(ctx, "part_disputed_already", number=invoice.number,
                       disputed=f"{disputed / 100:,.2f}",
                       reason=recorded[0][1] if recorded[0] is not None else facts["reason"])
    for deadline in payments:
        deadline.outcome = outcome
    ctx.audit("invoice.part_disputed", subject=f"invoice:{invoice.id}")
    return _told_of_dispute(ctx, invoice, "part_disputed", payments[0].provider_contact_id,
                            {**facts, "disputed": f"{disputed / 100:,.2f}",
                             "rest": f"{(invoice.amount_pence - disputed) / 100:,.2f}"})


def _same_words(said: str, other: str) -> bool:
    """Whether two reasons differ at most in case and spacing ("two visits", "Two  visits")."""
    return " ".join(said.split()).casefold() == " ".join(other.split()).casefold()


def _told_of_dispute(ctx: Ctx, invoice: Invoice, outcome: str, told: int | None,
                     facts: dict[str, object]) -> list[Reply]:
    """The payer's reply about a dispute recorded or settled, the provider who sent the invoice
    told of it (``told``, their contact, when there is one). A legal limit already passed is
    said so ("is overdue: the legal limit was ..."; the session's trial: "is due by the legal
    limit, Fri 30 Oct 2026", 38 days before)."""
    limit_on = facts.get("limit_on")
    if isinstance(limit_on, date):
        facts = {**facts, "limit_passed": limit_on < today(ctx)}
    if told is not None:
        ctx.notify(Notification(
            person_id=told, kind=f"invoice.{outcome}",
            text=ctx.render("deadlines_invoice.txt", outcome=f"{outcome}_told", **facts),
            # The amount in it: a dispute replaced by another of another amount at the same
            # instant is a second notice, not the first sent again.
            idempotency_key=f"invoice.{outcome}:{invoice.id}:{facts.get('disputed', 'all')}:"
                            f"{ctx.now.isoformat()}"))
    return [Reply(text=ctx.render("deadlines_invoice.txt", outcome=outcome, told=told is not None,
                                  **facts))]


# "Mark paid" under a reply about an invoice (session 36's brief: only the command typed
# recorded one paid from chat). Its value is the invoice's id.
INVOICE_PAID = "invoice.paid"


def may_mark_paid(person: Person, invoice: Invoice) -> bool:
    """Whether /invoice paid finds the invoice for the person: their council's as its payer; a
    provider's as its issuer, or as a subcontract's payer."""
    mine = person.organisation_id
    return invoice.payer_id == mine or (person.role == Role.PROVIDER
                                        and invoice.issuer_id == mine)


def mark_paid_buttons(invoices: list[Invoice]) -> tuple[Button, ...]:
    """A "Mark paid" button for each unpaid invoice, named by its number when there are
    several (the typed command stays in the words, for channels without buttons)."""
    unpaid = [invoice for invoice in invoices if invoice.paid_on is None]
    return tuple(Button(label=f"Mark {invoice.number} paid" if len(unpaid) > 1 else "Mark paid",
                        action=INVOICE_PAID, value=str(invoice.id)) for invoice in unpaid)


def invoice_paid_button(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The Mark paid button: as /invoice paid NUMBER, paid today. An invoice that is not the
    person's organisation's (a forged press), or none, is refused with nothing recorded; one
    already paid (pressed twice, or an old button) is said so, not recorded again."""
    value = incoming.action_value or ""
    invoice = (ctx.session.get(Invoice, int(value), with_for_update=True)
               if value.isascii() and value.isdigit() and len(value) < 12 else None)
    if invoice is None or not may_mark_paid(ctx.person, invoice):
        raise _refused(ctx, "invoice_not_theirs")
    return [Reply(text=_mark_paid(ctx, invoice, today(ctx)))]


def _mark_paid(ctx: Ctx, invoice: Invoice, paid_on: date, *, dated: bool = False) -> str:
    """Record an invoice paid and close its payment clock. ``dated``: the day was typed; for
    an invoice recorded paid on another day, it corrects that day (session 25's trial:
    "/done 3" recorded today, and the day it was really paid could not be given after)."""
    number = invoice.number
    was = invoice.paid_on
    if was is not None and (not dated or paid_on == was):
        return ctx.render("deadlines_invoice.txt", outcome="already_paid", number=number,
                          paid_on=was)
    if paid_on < invoice.received_on:
        raise _refused(ctx, "paid_before_received", day=paid_on,
                       received_on=invoice.received_on)
    invoice.paid_on = paid_on
    if was is None:
        for deadline in _open_clocks(ctx, invoice):
            clocks.close_deadline(ctx.session, deadline, status=DeadlineStatus.DONE,
                                  on=paid_on, outcome="paid", actor_id=ctx.person.id,
                                  now=ctx.now)
            _tell_the_other_side(ctx, deadline, "paid", on=paid_on, reference=number)
    else:  # its clock closed when it was first recorded paid: now on the day it was
        for deadline in ctx.session.scalars(select(Deadline).where(
                Deadline.invoice_id == invoice.id, Deadline.status == DeadlineStatus.DONE,
                Deadline.done_on == was)):
            deadline.done_on = paid_on
        ctx.audit("invoice.paid_on_corrected", subject=f"invoice:{invoice.id}",
                  was=was.isoformat(), on=paid_on.isoformat())
    clock = payment_clocks(invoice.received_on, ctx.deps.calendar)
    return ctx.render("deadlines_invoice.txt", outcome="paid", number=number, paid_on=paid_on,
                      days=(paid_on - invoice.received_on).days, was=was, dated=dated,
                      standing=clock.standing(paid_on).value, limit_on=clock.limit)


def tender_command(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/tender: my tenders' dates; /tender follow REF, /tender unfollow REF (providers)."""
    words = ctx.args.split()
    if not command_words(ctx.args):  # "/tender please" (session 34's brief)
        return _show_tenders(ctx)
    action = words[0].lower()
    if action not in ("follow", "unfollow") or len(words) < 2:
        raise _usage(ctx, "tender", typed=action, subcommands=("follow", "unfollow"))
    if ctx.person.role != Role.PROVIDER:
        raise _refused(ctx, "providers_follow")
    published = ctx.session.scalars(select(Tender.id).where(
        Tender.reference == words[1].upper(), Tender.published_on <= today(ctx))).first()
    if published is None and not any(char.isdigit() for char in words[1]):
        # Words of its title, not a reference (session 33's trial: "/tender follow nursing").
        tender, named = _tender_titled(ctx, words[1:], action=action)
    else:
        tender, named = _tender(ctx, words[1], words[2:], action=action)
    if action == "follow":
        return [Reply(text=_follow(ctx, tender, named))]
    return [Reply(text=_unfollow(ctx, tender, named))]


def _tender(ctx: Ctx, reference: str, council_words: list[str], *,
            action: str) -> tuple[Tender, str]:
    """The published tender a provider's ``/tender follow|unfollow REF [COUNCIL]`` names, and
    how to name it back (``REF``, or ``REF Council`` when two councils have that reference).

    A reference is a council's, so two councils may each have a T-1: among the tenders
    published by any council (a provider may follow any), the council's name after the
    reference says which; without it, an unfollow takes the one the sender follows, and
    otherwise which is asked, never guessed. One not yet published is unknown.
    """
    found = [(tender, name) for tender, name in ctx.session.execute(
        select(Tender, Organisation.name)
        .join(Organisation, Organisation.id == Tender.council_id)
        .where(Tender.reference == reference.upper(), Tender.published_on <= today(ctx))
        .order_by(Organisation.name))]
    held_at = len(found)  # how many councils publish this reference
    # Every council's name: as the words typed back are read, and what a council shown beside
    # the reference is named apart from (``reference_at``).
    every = clocks.council_names(ctx.session)
    names = list(every.values())
    if council_words:
        named = council_named(council_words, every)
        if named is None or named[1] != len(council_words):
            raise _usage(ctx, "tender")
        found = [(tender, name) for tender, name in found if tender.council_id == named[0]]
        if not found:
            raise _refused(ctx, "unknown_tender", reference=reference.upper(),
                           council=every[named[0]])
    if len(found) > 1 and action == "unfollow":
        followed = set(ctx.session.scalars(select(TenderFollower.tender_id).where(
            TenderFollower.person_id == ctx.person.id)))
        found = [(tender, name) for tender, name in found if tender.id in followed] or found
    if not found:
        raise _refused(ctx, "unknown_tender", reference=reference, council=None)
    if len(found) > 1:
        raise _refused(ctx, "tender_ambiguous", reference=found[0][0].reference, action=action,
                       councils=[name for _tender, name in found],
                       example=distinct_council_name(found[0][1], names))
    tender, name = found[0]
    # The council named so that it is typed back as it is shown: two councils of one short
    # name ("Eastshire County", "Eastshire Borough") were both "T-5 Eastshire", refused.
    return tender, reference_at(tender.reference, name, held_at, names)


# Words of a tender's title that pick none out ("/tender follow the nursing tender").
_TITLE_FILLER = frozenset(("the", "a", "an", "of", "for", "and", "tender", "tenders", "one"))
MAX_TENDERS_SHOWN = 20


def _open_tenders(ctx: Ctx) -> list[tuple[Tender, str]]:
    """The tenders open for bids, any council's (a provider may bid for any), each with how
    it is named to be typed back: published, their submission deadline not passed (or not
    set), and no bid decided; the soonest submission first."""
    on = today(ctx)
    decided = select(Bid.tender_id).where(Bid.outcome != "pending")
    rows = ctx.session.execute(
        select(Tender, Organisation.name)
        .join(Organisation, Organisation.id == Tender.council_id)
        .where(Tender.published_on <= on,
               Tender.submission_on.is_(None) | (Tender.submission_on >= on),
               Tender.id.not_in(decided))
        .order_by(Tender.submission_on.is_(None), Tender.submission_on, Tender.reference)
        .limit(MAX_TENDERS_SHOWN)).all()
    return _named_tenders(ctx, [(tender, name) for tender, name in rows])


def _named_tenders(ctx: Ctx, rows: list[tuple[Tender, str]]) -> list[tuple[Tender, str]]:
    """Each tender with its reference as it is typed back (with its council's name when two
    councils publish that reference: ``reference_at``)."""
    names = list(clocks.council_names(ctx.session).values())
    references = {tender.reference for tender, _name in rows}
    held = Counter(reference for reference in ctx.session.scalars(
        select(Tender.reference).where(Tender.reference.in_(references),
                                       Tender.published_on <= today(ctx))))
    return [(tender, reference_at(tender.reference, name, held[tender.reference], names))
            for tender, name in rows]


def _tender_titled(ctx: Ctx, words: list[str], *, action: str) -> tuple[Tender, str]:
    """The one tender whose title has every one of ``words`` (as the start of one of its
    words, in any case): among those open for bids to follow, among those followed to
    unfollow. Several are listed to choose from, none said so; never guessed."""
    typed = " ".join(words)
    wanted = [word.casefold().strip(",.;:!?\"'") for word in words]
    wanted = [word for word in wanted if word and word not in _TITLE_FILLER]
    if action == "follow":
        candidates = _open_tenders(ctx)
    else:
        followed = [(tender, name) for tender, name in ctx.session.execute(
            select(Tender, Organisation.name)
            .join(Organisation, Organisation.id == Tender.council_id)
            .join(TenderFollower, TenderFollower.tender_id == Tender.id)
            .where(TenderFollower.person_id == ctx.person.id).order_by(Tender.reference))]
        candidates = _named_tenders(ctx, followed)
    found = [(tender, named) for tender, named in candidates if wanted and all(
        any(part.startswith(word) for part in re.findall(r"\w+", tender.title.casefold()))
        for word in wanted)]
    if not found:
        raise _refused(ctx, "no_tender_titled", words=typed, action=action)
    if len(found) > 1:
        raise _refused(ctx, "tenders_titled", words=typed, action=action,
                       tenders=[(named, tender.title) for tender, named in found])
    return found[0]


def _show_tenders(ctx: Ctx) -> list[Reply]:
    """The dates of tenders: to a provider, those open for bids (any council's) with which
    they bid for or follow, then their own closed ones with their bid's outcome (session
    33's trial: "No tenders for you yet." with one published); to council staff, their
    council's."""
    if ctx.person.role != Role.PROVIDER:
        # A commissioner, or an admin: their council's (session 25's review).
        tenders = ctx.session.scalars(
            select(Tender).where(Tender.council_id == ctx.person.organisation_id)
            .order_by(Tender.published_on.desc()).limit(MAX_TENDERS_SHOWN)).all()
        return [Reply(text=ctx.render("deadlines_tenders.txt", tenders=tenders))]
    bids = {tender_id: (outcome, decided_on) for tender_id, outcome, decided_on in
            ctx.session.execute(select(Bid.tender_id, Bid.outcome, Bid.decided_on).where(
                Bid.provider_id == ctx.person.organisation_id))}
    follows = set(ctx.session.scalars(select(TenderFollower.tender_id).where(
        TenderFollower.person_id == ctx.person.id)))
    open_now = _open_tenders(ctx)
    still = {tender.id for tender, _named in open_now}
    closed = _named_tenders(ctx, [(tender, name) for tender, name in ctx.session.execute(
        select(Tender, Organisation.name)
        .join(Organisation, Organisation.id == Tender.council_id)
        .where(Tender.id.in_(set(bids) | follows), Tender.id.not_in(still),
               Tender.published_on <= today(ctx))
        .order_by(Tender.submission_on, Tender.reference).limit(MAX_TENDERS_SHOWN))])
    return [Reply(text=ctx.render("deadlines_tenders.txt", provider=True, open=open_now,
                                  closed=closed, bids=bids, follows=follows))]


def _my_copies(ctx: Ctx, tender: Tender, *, followed_only: bool) -> list[Deadline]:
    """My open copies of the tender's bidding dates (as its bidder's contact or a follower)."""
    query = select(Deadline).where(
        Deadline.tender_id == tender.id, Deadline.rule.in_(clocks.BIDDING_RULES),
        Deadline.provider_contact_id == ctx.person.id, Deadline.status == DeadlineStatus.OPEN)
    if followed_only:
        query = query.where(Deadline.bid_id.is_(None))
    # In their order (a colleague's copies are made in it when one unfollows; PostgreSQL gave
    # its rows in any order, and the copies came out of order: a CI run in session 30).
    return list(ctx.session.scalars(query.order_by(Deadline.due_on, Deadline.id)))


def _follow(ctx: Ctx, tender: Tender, named: str) -> str:
    """Follow a tender: my own reminders of its clarification and submission deadlines to come.

    Following twice changes nothing; a date I am already reminded of (as the bid's contact) is
    not copied again. ``named`` is how the reply names the tender.
    """
    following = ctx.session.scalars(select(TenderFollower.id).where(
        TenderFollower.tender_id == tender.id, TenderFollower.person_id == ctx.person.id)).first()
    if following is not None:
        return ctx.render("deadlines_follow.txt", outcome="already", reference=named)
    ctx.session.add(TenderFollower(tender_id=tender.id, person_id=ctx.person.id,
                                   created_at=ctx.now))
    covered = {deadline.rule for deadline in _my_copies(ctx, tender, followed_only=False)}
    # A date a colleague is reminded of already (the bid's contact, another follower) is the
    # organisation's once: in everyone's /reminders, digest and calendar (session 22's review:
    # it was listed twice). The follower is told who is reminded.
    colleagues = {deadline.rule: deadline.provider_contact_id
                  for deadline in ctx.session.scalars(select(Deadline).where(
                      Deadline.tender_id == tender.id, Deadline.rule.in_(clocks.BIDDING_RULES),
                      Deadline.provider_id == ctx.person.organisation_id,
                      Deadline.status == DeadlineStatus.OPEN))
                  if deadline.rule not in covered}
    on = today(ctx)
    dates = []
    for column, rule, words in clocks.TENDER_DATES:
        due = getattr(tender, column)
        if rule not in clocks.BIDDING_RULES or due is None or due < on:
            continue
        dates.append((words, due))
        if rule not in covered and rule not in colleagues:
            _follower_copy(ctx, tender, ctx.person, rule, f"{tender.reference} {words}"[:64],
                           start_on=min(tender.published_on, on), due_on=due)
    ctx.audit("tender.followed", subject=f"tender:{tender.id}")
    colleague_names = sorted({person.name for person in ctx.session.scalars(select(Person).where(
        Person.id.in_([pid for pid in colleagues.values() if pid is not None])))})
    return ctx.render("deadlines_follow.txt", outcome="following", reference=named,
                      title=tender.title, dates=dates, colleagues=colleague_names)


def _unfollow(ctx: Ctx, tender: Tender, named: str) -> str:
    """Stop following a tender: its follower's reminders stop (a bid's own copies stay)."""
    following = ctx.session.scalars(select(TenderFollower).where(
        TenderFollower.tender_id == tender.id, TenderFollower.person_id == ctx.person.id)).first()
    if following is None:
        return ctx.render("deadlines_follow.txt", outcome="not_following",
                          reference=named)
    ctx.session.delete(following)
    closed = []
    for deadline in _my_copies(ctx, tender, followed_only=True):
        clocks.close_deadline(ctx.session, deadline, status=DeadlineStatus.NOT_APPLICABLE,
                              on=today(ctx), outcome="stopped following",
                              actor_id=ctx.person.id, now=ctx.now)
        closed.append(deadline)
    _hand_over(ctx, tender, closed)
    ctx.audit("tender.unfollowed", subject=f"tender:{tender.id}")
    return ctx.render("deadlines_follow.txt", outcome="unfollowed", reference=named)


def _hand_over(ctx: Ctx, tender: Tender, closed: list[Deadline]) -> None:
    """The dates an unfollower was reminded of for their organisation go to a colleague who
    still follows the tender (the session's code review: a colleague following without copies,
    told the first was reminded, was then reminded of nothing)."""
    if not closed:
        return
    ctx.session.flush()
    colleague = ctx.session.scalars(
        select(Person).join(TenderFollower, TenderFollower.person_id == Person.id).where(
            TenderFollower.tender_id == tender.id, Person.active.is_(True),
            Person.organisation_id == ctx.person.organisation_id, Person.id != ctx.person.id)
        .order_by(TenderFollower.id)).first()
    if colleague is None:
        return
    for deadline in closed:
        still = ctx.session.scalars(select(Deadline.id).where(
            Deadline.tender_id == tender.id, Deadline.rule == deadline.rule,
            Deadline.provider_id == ctx.person.organisation_id,
            Deadline.status == DeadlineStatus.OPEN)).first()
        if still is None and deadline.due_on >= today(ctx):
            _follower_copy(ctx, tender, colleague, deadline.rule, deadline.reference,
                           start_on=deadline.start_on, due_on=deadline.due_on)


def _follower_copy(ctx: Ctx, tender: Tender, person: Person, rule: str, reference: str, *,
                   start_on: date, due_on: date) -> None:
    """A follower's own copy of one of the tender's bidding dates, with its reminders (no
    commissioner on it: the tender's own copy has them)."""
    clocks.open_deadline(
        ctx.session, rule=rule, reference=reference, start_on=start_on, due_on=due_on,
        council_id=tender.council_id, provider_id=person.organisation_id,
        provider_contact_id=person.id, commissioner_id=None, tender_id=tender.id,
        calendar=ctx.deps.calendar, policy=ctx.deps.reminders, now=ctx.now,
        actor_id=ctx.person.id)


def _deadline_from(value: str | None, ctx: Ctx, *, closing: bool = True) -> Deadline:
    """The open deadline a /done, /not-applicable or button names, that the person may act on
    (``closing``: close, not only snooze)."""
    raw = (value or "").strip().lstrip("#")
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else None
    deadline = ctx.session.get(Deadline, number) if number is not None else None
    if deadline is None or not clocks.may_act_on(ctx.person, deadline):
        raise _refused(ctx, "unknown_deadline")
    if deadline.status != DeadlineStatus.OPEN:
        invoice = (ctx.session.get(Invoice, deadline.invoice_id)
                   if deadline.invoice_id is not None else None)
        if invoice is not None and invoice.paid_on is not None:
            # An invoice reminder's Mark paid pressed again: said paid, as /invoice paid says.
            raise BadInput(ctx.render("deadlines_invoice.txt", outcome="already_paid",
                                      number=invoice.number, paid_on=invoice.paid_on))
        raise _refused(ctx, "already_closed", reference=_deadline_shown(ctx, deadline))
    if closing and not clocks.may_close(ctx.person, deadline):
        raise _refused(ctx, "council_duty", reference=deadline.reference)
    return deadline


def done_command(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/done NUMBER [OUTCOME], or the Done button: close a deadline; what was taken out of
    the outcome (``_without_identifiers``) is told once."""
    replies, outcome = _done(incoming, ctx)
    return _identifiers_told(ctx, outcome, replies)


def _done(incoming: Incoming, ctx: Ctx) -> tuple[list[Reply], str | None]:
    day: date | None = None
    if incoming.action is not None:
        deadline, outcome = _deadline_from(incoming.action_value, ctx), None
    else:
        number, _, outcome_text = ctx.args.strip().partition(" ")
        if not number:
            raise _usage(ctx, "done")
        done = _done_already(ctx, number)
        if done is not None:
            return [_ask_to_redate(ctx, done, outcome_text)], None
        deadline = _deadline_from(number, ctx)
        day, outcome_text = _day_done(ctx, deadline, outcome_text)
        outcome = shortened(outcome_text, MAX_OUTCOME) or None
        _no_name(ctx, outcome)
        outcome = _without_identifiers(outcome)
    if deadline.placement_id is not None and deadline.rule in REVIEW_RULES:
        placement = ctx.session.get_one(Placement, deadline.placement_id)
        _review_not_held(ctx, deadline, placement.reference, outcome)
        _day_done_may_be(ctx, deadline, day)
        return [_close_review(ctx, placement, deadline, day or today(ctx), outcome,
                              _shared_council(ctx, placement))], outcome
    if deadline.invoice_id is not None:
        invoice = ctx.session.get_one(Invoice, deadline.invoice_id)
        if _not_done(deadline, outcome):
            raise _refused(ctx, "invoice_not_paid", outcome=outcome, number=invoice.number,
                           deadline=deadline.id)
        if day is not None and day > today(ctx):
            raise _refused(ctx, "paid_in_future")
        return [Reply(text=_mark_paid(ctx, invoice, day or today(ctx),
                                      dated=day is not None))], outcome
    if _not_done(deadline, outcome):
        raise _refused(ctx, "deadline_not_done", outcome=outcome, number=deadline.id,
                       reference=_deadline_shown(ctx, deadline), due_on=deadline.due_on)
    _day_done_may_be(ctx, deadline, day)
    clocks.close_deadline(ctx.session, deadline, status=DeadlineStatus.DONE,
                          on=day or today(ctx), outcome=outcome, actor_id=ctx.person.id,
                          now=ctx.now)
    return [Reply(text=ctx.render("deadlines_closed.txt", outcome="done",
                                  reference=_deadline_shown(ctx, deadline),
                                  done_on=day))], outcome


REDATE_DONE = "deadline.redate"
KEEP_DAY_DONE = "deadline.redate.keep"


def _done_already(ctx: Ctx, number: str) -> Deadline | None:
    """The deadline ``number`` names, when it is done already and the person may close it (and
    so change the day it was done: ``_ask_to_redate``); None otherwise."""
    raw = number.strip().lstrip("#")
    if not (raw.isascii() and raw.isdigit() and len(raw) < 12):
        return None
    deadline = ctx.session.get(Deadline, int(raw))
    if (deadline is None or deadline.status != DeadlineStatus.DONE or deadline.done_on is None
            or not clocks.may_act_on(ctx.person, deadline)
            or not clocks.may_close(ctx.person, deadline)):
        return None
    return deadline


def day_done_was(deadline: Deadline) -> date:
    """The day a deadline done (``_done_already``) was recorded done on."""
    if deadline.done_on is None:
        raise ValueError(f"deadline {deadline.id} has no day done")
    return deadline.done_on


def _ask_to_redate(ctx: Ctx, deadline: Deadline, text: str) -> Reply:
    """/done NUMBER DAY for a deadline done already: "Change the day recorded for ... from
    DAY to DAY?" (Yes / No), the day refused as /done refuses it (to come, before the
    deadline was opened); without a day, it is said to be done already and how to change the
    day (session 37's brief: a day recorded done could not be corrected in chat)."""
    day, _outcome = _day_done(ctx, deadline, text)
    shown = _deadline_shown(ctx, deadline)
    if day is None or day == deadline.done_on:
        return Reply(text=ctx.render("deadlines_redate.txt", outcome="done_already",
                                     reference=shown, done_on=deadline.done_on,
                                     number=deadline.id))
    _day_done_may_be(ctx, deadline, day)
    value = f"{deadline.id}:{day_done_was(deadline).isoformat()}:{day.isoformat()}"
    return Reply(text=ctx.render("deadlines_redate.txt", outcome="ask", reference=shown,
                                 was=deadline.done_on, on=day),
                 buttons=buttons_for(value, (("Yes", REDATE_DONE), ("No", KEEP_DAY_DONE))))


def redate_answered(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Yes / No under "Change the day recorded for ...?": Yes records the new day (an
    invoice's day paid with it, a review's next one counted from it while still open), kept
    in the audit log with the day it replaces; No changes nothing. A deadline changed since
    the question is not changed."""
    parts = (incoming.action_value or "").split(":")
    try:
        number, was, day = int(parts[0]), date.fromisoformat(parts[1]), date.fromisoformat(
            parts[2])
    except (IndexError, ValueError):
        return [Reply(text=ctx.render("stale_button.txt"))]
    deadline = _done_already(ctx, str(number))
    if deadline is None or deadline.done_on != was:
        return [Reply(text=ctx.render("stale_button.txt"))]
    shown = _deadline_shown(ctx, deadline)
    if incoming.action == KEEP_DAY_DONE:
        return [Reply(text=ctx.render("deadlines_redate.txt", outcome="kept", reference=shown,
                                      done_on=was))]
    _day_done_may_be(ctx, deadline, day)
    if deadline.invoice_id is not None:
        invoice = ctx.session.get_one(Invoice, deadline.invoice_id)
        if invoice.paid_on == was:
            # The invoice's day paid and its clock's, as /invoice paid NUMBER DATE corrects it.
            return [Reply(text=_mark_paid(ctx, invoice, day, dated=True))]
    following: Deadline | None = None
    if deadline.placement_id is not None and deadline.rule in ("initial-review", "monitoring"):
        following = ctx.session.scalars(select(Deadline).where(
            Deadline.placement_id == deadline.placement_id, Deadline.rule == "monitoring",
            Deadline.status == DeadlineStatus.OPEN, Deadline.start_on == was,
            Deadline.id > deadline.id)).first()
    following_due = (schedule("monitoring", day, ctx.deps.calendar).due
                     if following is not None else None)
    change = clocks.redate_done(ctx.session, deadline, on=day, actor_id=ctx.person.id,
                                now=ctx.now, following=following, following_due=following_due,
                                calendar=ctx.deps.calendar, policy=ctx.deps.reminders)
    # Whoever was told the day it was done is told the day it is now: each change once (its
    # audit event's id; the days alone repeat when a day is changed back and forth).
    _tell_the_other_side(ctx, deadline, "redated", on=day, reference=deadline.reference,
                         next_due=following_due, key=f":{change}")
    return [Reply(text=ctx.render("deadlines_redate.txt", outcome="changed", reference=shown,
                                  was=was, on=day, next_due=following_due))]


def _day_done(ctx: Ctx, deadline: Deadline, text: str) -> tuple[date | None, str]:
    """The day /done's words say the deadline was met, and the outcome without it when it
    came first ("/done 4 17/12/2026 hours up"); one told among the words is kept in them
    ("revisit happened on the 17th, hours up": session 36's trial recorded it done the day it
    was typed). None when no day is told: it is done today."""
    if not text.strip():
        return None, text
    first, rest = _day_first(ctx, words_with_days(text.split()), what=_day_what(deadline))
    if first is not None:
        return first, " ".join(rest)
    return _day_told(ctx, text, command=f"/done {deadline.id}",
                     what=_day_what(deadline)), text


def _day_what(deadline: Deadline) -> str:
    """What a day /done was given is called in its replies."""
    if deadline.rule in REVIEW_RULES:
        return "review date"
    return "payment date" if deadline.invoice_id is not None else "date"


def _day_done_may_be(ctx: Ctx, deadline: Deadline, day: date | None) -> None:
    """Refuse a day told to /done that is to come, or before the deadline was opened."""
    if day is None:
        return
    _not_future(day, ctx, _day_what(deadline))
    if day < deadline.start_on:
        raise _refused(ctx, "done_before_opened", day=day, number=deadline.id,
                       reference=_deadline_shown(ctx, deadline), start_on=deadline.start_on)


def snooze_button(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Snooze 1 day or 1 week: this person's reminders of the deadline wait until then; under
    a copy had as a colleague's cover ("ID:for:PERSON_ID"), that colleague's."""
    number, _, owner_text = (incoming.action_value or "").partition(":for:")
    deadline = _deadline_from(number, ctx, closing=False)
    days = 7 if incoming.action == SNOOZE_WEEK else 1
    owner, cover = ctx.person, None
    if owner_text:
        # Pressed under a copy had as their cover: the colleague's reminders alone are put off,
        # even when the cover has reminders of the deadline of their own (session 32's trial:
        # an escalation contact covering put off their own).
        covered = _covered_for(ctx, deadline)
        if covered is None or str(covered.id) != owner_text:
            named = ctx.session.get(Person, int(owner_text)) if (
                owner_text.isascii() and owner_text.isdigit() and len(owner_text) < 12) else None
            raise _refused(ctx, "cover_over", reference=_deadline_shown(ctx, deadline),
                           owner=named.name if named is not None else None)
        owner, cover = covered, ctx.person
    elif not _reminded(ctx, deadline):
        # Pressed under a copy had as a colleague's cover (/away): the colleague's reminders
        # are put off, as their own snooze would, and none of the cover's own begin (session
        # 31's review: they did, and went on after the colleague was back).
        covered = _covered_for(ctx, deadline)
        if covered is None:
            raise _refused(ctx, "not_reminded", reference=_deadline_shown(ctx, deadline),
                           covered=_had_cover_copies(ctx, deadline))
        owner, cover = covered, ctx.person
    send_at = clocks.snooze(ctx.session, deadline, owner, days=days,
                            calendar=ctx.deps.calendar, policy=ctx.deps.reminders,
                            lease=ctx.deps.outbox.lease, now=ctx.now, cover=cover)
    on = clocks.local_date(send_at, owner.timezone)
    return [Reply(text=ctx.render("deadlines_closed.txt", outcome="snoozed",
                                  reference=_deadline_shown(ctx, deadline), on=on,
                                  owner=owner.name if cover is not None else None))]


def _reminded(ctx: Ctx, deadline: Deadline) -> bool:
    """Whether the person is reminded of a deadline themselves: one of its people, or with
    reminders of it kept for them (a contact since replaced, an escalation contact)."""
    if ctx.person.id in clocks.recipients(deadline):
        return True
    return ctx.session.scalar(select(Reminder.id).where(
        Reminder.deadline_id == deadline.id, Reminder.person_id == ctx.person.id
    ).limit(1)) is not None


def _covered_for(ctx: Ctx, deadline: Deadline) -> Person | None:
    """The one of a deadline's people away today with the person as their cover, if any."""
    for person_id in clocks.recipients(deadline):
        person = ctx.session.get_one(Person, person_id)
        cover = cover_on(ctx.session, person, clocks.local_date(ctx.now, person.timezone))
        if person.active and cover is not None and cover.id == ctx.person.id:
            return person
    return None


def _had_cover_copies(ctx: Ctx, deadline: Deadline) -> bool:
    """Whether the person was sent copies of a deadline's reminders as a colleague's cover."""
    return ctx.session.scalar(select(OutboxMessage.id).where(
        OutboxMessage.deadline_id == deadline.id, OutboxMessage.person_id == ctx.person.id,
        OutboxMessage.idempotency_key.like("reminder:%:cover:%")).limit(1)) is not None


def not_applicable(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/not-applicable NUMBER REASON, or the button (which asks for the reason, as the command
    does without one: session 30's trial told "/not-applicable 1 REASON", and the reason typed
    next went to the knowledge base)."""
    if incoming.action is not None:
        return _ask_why_not_applicable(ctx, _deadline_from(incoming.action_value, ctx))
    number, _, reason = ctx.args.strip().partition(" ")
    if not number:
        raise _usage(ctx, "not-applicable-number")
    deadline = _deadline_from(number, ctx)
    reason = reason.strip()
    if not reason:
        return _ask_why_not_applicable(ctx, deadline)
    if len(reason) < 3:
        raise _usage(ctx, "not-applicable")
    return _close_not_applicable(ctx, deadline, reason)


# A reason a review does not apply that says the person left ("person moved out of area",
# "moved away", "left the service"): the placement is then pointed to /placement end, which
# stops its next reviews too (session 43's trial: only the one review closed, unsaid).
_LEFT = r"(?:council|county|borough|area|authority|local authority|la|district|region|provider" \
        r"|home|care home|service|placement)"
_SAYS_LEFT = re.compile(
    r"\bmoved (?:out\b|away\b|abroad\b|(?:to|into) (?:another|a different|a new|other) "
    + _LEFT + r"\b)"
    r"|\bleft (?:the |our |this )?(?:service|area|placement|home|care home|county|borough|us)\b"
    r"|\btransferred (?:out\b|to (?:another|a different|a new|other) " + _LEFT + r"\b)"
    r"|\bout of (?:the )?area\b|\bno longer (?:with us|in (?:our|the|this) (?:care|service"
    r"|area|home))\b|\brelocated\b", re.IGNORECASE)


def says_left(reason: str) -> re.Match[str] | None:
    """Whether a reason a review does not apply says the person left the placement (pure)."""
    return _SAYS_LEFT.search(reason)


def _close_not_applicable(ctx: Ctx, deadline: Deadline, reason: str) -> list[Reply]:
    _no_name(ctx, reason)
    reason = without_identifiers(reason)
    kept = shortened(reason, MAX_OUTCOME)
    clocks.close_deadline(ctx.session, deadline, status=DeadlineStatus.NOT_APPLICABLE,
                          on=today(ctx), outcome=kept, actor_id=ctx.person.id, now=ctx.now)
    # A placement's review, and an invoice's payment clock (session 34's trial: the council
    # marked a disputed invoice not applicable and it left the provider's /invoice list and
    # /reminders unsaid, though it was not paid).
    if ((deadline.placement_id is not None and deadline.rule in REVIEW_RULES)
            or deadline.invoice_id is not None):
        withheld = _tell_the_other_side(ctx, deadline, "not_applicable", on=today(ctx),
                                        reference=deadline.reference, outcome=kept)
    else:
        withheld = []
    # A review of a placement still running, not applicable as the person left: one line to
    # end the placement, whose later reviews would be chased otherwise.
    placement = (ctx.session.get(Placement, deadline.placement_id)
                 if deadline.placement_id is not None and deadline.rule in REVIEW_RULES
                 and says_left(reason) is not None else None)
    return _identifiers_told(ctx, kept, [Reply(text=ctx.render(
        "deadlines_closed.txt", outcome="not_applicable",
        reference=_deadline_shown(ctx, deadline), reason=shortened(reason, 80),
        withheld=withheld,
        end=placement.reference if placement is not None and placement.ended_on is None
        else None))])


NOT_APPLICABLE_FORM = Form(form_id="deadline-not-applicable", title="Not applicable", fields=(
    FormField(name="deadline", label="Which deadline (its number)?", max_length=12),
    FormField(name="reason", label="Why does it not apply?",
              hint="A few words, such as \"moved to another area\": never the name of the "
                   "person receiving care.", max_length=MAX_OUTCOME, prose=True, reason=True),
), pressed=("Not applicable",))


def _ask_why_not_applicable(ctx: Ctx, deadline: Deadline) -> list[Reply]:
    asked = forms.start(ctx, NOT_APPLICABLE_FORM.form_id, initial={"deadline": str(deadline.id)})
    return forms.with_note(asked, ctx.render("deadlines_closed.txt", outcome="why_not_applicable",
                                             reference=_deadline_shown(ctx, deadline)))


def check_not_applicable_reason(value: str, ctx: Ctx) -> str:
    """The reason a deadline does not apply: a few words, naming nobody."""
    reason = value.strip()
    # A question is answered as one, the form kept open, never the reason (session 30's review:
    # "what does not applicable mean?" closed the review with itself as the reason).
    # Nor a button's words ("ack" for Acknowledge, taken as a free answer: session 34).
    # Nor small talk ("thanks", "hello", "great": session 35's review, "marked not applicable
    # (thanks)" was told to the commissioner).
    if (len(reason) < 3 or forms.reads_as_question(reason)
            or forms.says_nothing(reason, ctx.registry)
            or ctx.registry.label_typed(reason) is not None):
        raise BadInput(ctx.render("deadlines_closed.txt", outcome="reason_too_short"))
    _no_name(ctx, reason)
    return reason


def submit_not_applicable(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The reason asked for after the Not applicable button (or the command without one)."""
    deadline = _deadline_from(incoming.form_values.get("deadline"), ctx)
    return _close_not_applicable(ctx, deadline, incoming.form_values.get("reason", ""))
