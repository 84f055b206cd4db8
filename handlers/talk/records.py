"""The person's own invoices and tenders named in plain words (session 35's trial: "Invoice
CT-0901 still outstanding. Please advise.", "CT-0901 now paid, thanks.", "paid" under an invoice
reminder and "when do we submit on the homecare tender" were each "I don't know", or a
knowledge-base entry, and a knowledge gap, while the bot held the facts).

    invoice_words       the invoice-like numbers of a short message about an invoice's state,
                        or one telling it paid
    paid_alone          "paid", "now paid" with nothing else
    (``matching.tender_dates_question``) a question about a tender's dates naming its reference
    tender_titled       a question about a tender's dates that names it by its title's words
    own_tender_asked    one's own tender's dates asked with its reference written otherwise
                        ("T9"), with a challenge asked after too, or with no reference at all
                        ("when do we have to submit by": the live ones)
    uplift_asked        when a contract's uplift comes ("our uplift for C-77", "not told yet")

What else such a message asks (interest on a late invoice, an invoice disputed or on hold,
whether to challenge, uplifts not yet told) is answered after the records by the knowledge
base's entry on it (``handlers.ask.chat.entry_answer``, kept as that entry's answer).

Each handler looks the words up among the asker's own records (a provider's organisation's
invoices, a council officer's council's; the tenders a provider bids on or follows, a council's
own) and passes anything else on, so a number that is not theirs gets the usual reply and never
another organisation's data. Nothing is recorded from plain words: a payment told gets the
command that records it, and, where the channel shows buttons, "Mark paid", which does as the
command does (``handlers.deadlines.chat.invoice_paid_button``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import Select, func, select

from bot.messages import Incoming, Reply
from bot.models import (
    Bid,
    Contract,
    Deadline,
    DeadlineStatus,
    Invoice,
    OfferedButtons,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    OutboxStatus,
    Placement,
    Role,
    Tender,
    TenderFollower,
)
from handlers.deadlines.chat import disputed_clock, mark_paid_buttons, may_mark_paid
from handlers.deadlines.store import (
    RULE_PLEDGES,
    RULE_TITLES,
    invoice_shown,
    local_date,
    open_deadlines_for,
    placements_seen,
)
from handlers.deps import Ctx
from handlers.formats import reference_key
from handlers.talk import chat
from handlers.talk.matching import (
    MAX_WORDS,
    asks,
    casefolded,
    questions_in,
    tender_dates_question,
)
from knowledge.search import COUNCIL_PLACES

INVOICE_WORDS_ROUTE = "invoice-words"
PAID_ALONE_ROUTE = "paid-alone"
TENDER_TITLED_ROUTE = "tender-titled"
OWN_TENDER_ROUTE = "own-tender"
UPLIFT_ROUTE = "uplift-asked"


# -- an invoice named by its number ---------------------------------------------------------------
# A word that may be an invoice number: letters and digits ("CT-0901", "INV-1187", "INV1187");
# digits alone only right after "invoice" ("invoice 1187").
_NUMBER_LIKE = re.compile(r"(?<![\w/.-])[a-z0-9]*[a-z][a-z0-9]*(?:[-/_.]?[a-z0-9]+)*(?![\w/-])")
_NUMBER_AFTER_INVOICE = re.compile(r"\b(?:invoice|inv)\W*(?:no\.?|number|#)?\s*#?(\d{2,})\b")
_INVOICE_WORD = re.compile(r"\b(?:invoices?|inv)\b")
_HYPHENED = re.compile(r"[a-z]{1,5}-\d{2,}")
# A word with digits that is no reference: a sum ("£250m", "50k", "1.2bn"), a time ("10am"), a
# date or a year ("1st", "nov26", "1990s"), a measure ("40hrs") (session 40's review: "is the
# £250m market sustainability fund paid to providers?" got "I have no invoice 250M recorded").
_NO_REFERENCE = re.compile(
    r"\d+(?:k|m|bn|mn|million|billion|am|pm|st|nd|rd|th|s|p|pa|pw|ph|hrs?|h|mins?|yrs?|x|mph"
    r"|gb|mb|kg|mg|ml|km|miles?|days?|weeks?|wks?)"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*[-/_.]?\d{1,4}")
_MONEY_BEFORE = re.compile(r"[£$€]\s*$")
# A payment told ("CT-0901 now paid, thanks", "INV-1187 paid today", "council has paid
# CT-0901"), not asked ("has CT-0901 been paid?") nor denied ("still not paid").
_PAID = re.compile(r"\bpaid\b|\bpayment (?:received|came in|has come in|arrived)\b"
                   r"|\b(?:received|got) (?:the )?payment\b")
_NOT_PAID = re.compile(r"\b(?:not|never|no|unpaid|yet|still|when|will|awaiting|waiting|chase"
                       r"|chasing|if|should|can|could|would|whether|part(?:ly|ially)?|short)\b"
                       r"|n't\b|\?"
                       # Asked with no question mark ("is invoice CT-0901 paid": session 36),
                       # after another question too ("who is my commissioner and is CT-0901
                       # paid": session 39's brief), not told ("and has been paid now").
                       r"|^(?:is|has|have|was|were|did|does|do|are|any)\b"
                       r"|\b(?:and|also|plus) (?:is|has|have|was|were|did|does|are)\b"
                       r"(?! (?:been|now|already|finally|just|all|paid)\b)")
# Asking about the rules, not about the invoice ("can we charge interest on CT-0901?"): the
# knowledge base's.
_ABOUT_THE_RULES = re.compile(r"\b(?:interest|charge|compensation|law|legal(?:ly)?|allowed"
                              r"|rules?|pledge|why|how long|how do|how can|what happens"
                              r"|entitled)\b")
MAX_NUMBERS = 4
# Words about an invoice's payment: a number named with them in a part of a message is read as
# an invoice's ("is CT-0901 paid?"), said to be none of theirs when it is not.
_ABOUT_PAYMENT = re.compile(r"\b(?:paid|(?<!fair )pay|payment|outstanding|overdue|unpaid|owed"
                            r"|owing|settled)\b")


@dataclass(frozen=True, slots=True)
class InvoiceWords:
    """The numbers a message names and what it says of them: asks their state, or tells one
    paid; ``named``: the word "invoice" is in it."""

    numbers: tuple[str, ...]
    told: Literal["state", "paid"]
    named: bool
    # What else it asks, answered after the invoice's state: a knowledge entry's id, or
    # WRONG_DETAILS (the bot's own way to correct it); and a month named for its invoices.
    topic: str | None = None
    month: int | None = None


def invoice_words(text: str) -> InvoiceWords | None:
    """The invoice-like numbers (as typed) of a short message about them, or None (pure:
    whether one is the person's invoice is the handler's to find). Asking what to do about
    them, or the rules ("can we charge interest on INV-2041"), the topic the knowledge base
    answers after their state; "hasn't paid us for November, what can I do", the month."""
    folded = casefolded(text)
    if not folded or folded.startswith("/") or len(folded.split()) > 2 * MAX_WORDS:
        return None
    topic = _topic(folded)
    if topic is None and (len(folded.split()) > MAX_WORDS or _ABOUT_THE_RULES.search(folded)):
        return None
    named = _INVOICE_WORD.search(folded) is not None
    # Three digits or more, unless the word "invoice" is there: "s42", "pa23", "m6" and "50k"
    # are not looked up as invoices.
    # Two digits will do for a reference with its hyphen said with a payment ("When will
    # Northshire pay HV-77?": session 44's records review, "I don't know").
    paying = _ABOUT_PAYMENT.search(folded) is not None
    numbers = [found.group(0) for found in _NUMBER_LIKE.finditer(folded)
               if sum(c.isdigit() for c in found.group(0)) >= (
                   1 if named else 2 if paying and _HYPHENED.fullmatch(found.group(0)) else 3)
               and _NO_REFERENCE.fullmatch(found.group(0)) is None
               and _MONEY_BEFORE.search(folded, 0, found.start()) is None]
    # Digits alone after "invoice" are looked up beside any other reference ("invoice 1187 for
    # RC-101 still outstanding": session 35's review, "I don't know").
    # ("INV-1187" is one number, not "1187" beside it).
    numbers = list(dict.fromkeys([digits for digits in _NUMBER_AFTER_INVOICE.findall(folded)
                                  if not any(digits in word for word in numbers)] + numbers))
    if len(numbers) > MAX_NUMBERS:
        return None
    if not numbers:
        month = _UNPAID_MONTH.search(folded)
        if topic != LATE_PAYMENT_ENTRY or month is None or _UNPAID.search(folded) is None:
            return None
        return InvoiceWords((), "state", named, topic, _MONTHS.index(month.group(1)[:3]) + 1)
    paid = (topic is None and _PAID.search(folded) is not None
            and _NOT_PAID.search(folded) is None)
    return InvoiceWords(tuple(numbers), "paid" if paid else "state", named, topic)


# What is asked beside an invoice's state, answered after it (session 36's trial: "I don't
# know"): a dispute or hold, a wrong amount, late payment and what can be done.
LATE_PAYMENT_ENTRY = "payment-terms-late-payment"
ON_HOLD_ENTRY = "council-invoice-on-hold"
WRONG_DETAILS = "wrong-details"
# "the council disputed RCH-1022 ..., how do i record that" (session 43's trial: the invoice's
# late-payment line and the on-hold entry): only the payer records a dispute; the provider may
# raise a disagreement with it.
RECORD_DISPUTE = "record-dispute"
_TOPICS = (
    (RECORD_DISPUTE, re.compile(
        r"\b(?:disput\w*|quer(?:y|ied|ies|ying))\b.*\b(?:how|where|can|do|should)"
        r" (?:do |can |should )?(?:i|we) (?:record|log|register|mark|enter|put|add|note)\b"
        r"|\b(?:how|where|can|do|should) (?:do |can |should )?(?:i|we) (?:record|log|register|mark"
        r"|enter|note)\b.*\b(?:disput\w*|quer(?:y|ied|ies|ying))\b")),
    (ON_HOLD_ENTRY, re.compile(r"\b(?:disput\w*|quer(?:y|ied|ies)|on hold|held|parked"
                               r"|rejected|bounced)\b")),
    (WRONG_DETAILS, re.compile(r"\b(?:wrong|incorrect|mistake\w*|error|typo|overcharged"
                               r"|undercharged)\b")),
    (LATE_PAYMENT_ENTRY, re.compile(
        r"\b(?:interest|compensation|late payment|paid late|pays? late|chase|chasing"
        r"|what (?:can|do|should|now)|what are our rights)\b")),
)
_UNPAID = re.compile(r"\b(?:hasn'?t|has not|havent|haven'?t|have not|not|never|still not)"
                     r"(?: yet)? (?:been )?paid\b|\bunpaid\b|\bstill owe")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_UNPAID_MONTH = re.compile(r"\b(?:for|in|from|since) (january|february|march|april|may|june"
                           r"|july|august|september|october|november|december|jan|feb|mar"
                           r"|apr|jun|jul|aug|sept?|oct|nov|dec)\b")


def _topic(folded: str) -> str | None:
    """What a message about an invoice asks beside its state (``_TOPICS``), or None."""
    return next((topic for topic, words in _TOPICS if words.search(folded)), None)


def _invoices_of(ctx: Ctx, numbers: tuple[str, ...]) -> list[Invoice]:
    """The person's own organisation's invoices with these numbers (any case): a provider's,
    as issuer or as a subcontract's payer; council staff's council's, as payer."""
    query = select(Invoice).where(func.lower(Invoice.number).in_(numbers))
    mine = ctx.person.organisation_id
    if ctx.person.role == Role.PROVIDER:
        query = query.where((Invoice.issuer_id == mine) | (Invoice.payer_id == mine))
    else:
        query = query.where(Invoice.payer_id == mine)
    return list(ctx.session.scalars(query.order_by(Invoice.number, Invoice.id)))


# A word shaped as an invoice's reference: letters, a hyphen, three digits or more ("HV-0599");
# not a standard's number ("ISO-9001").
_REFERENCE_SHAPED = re.compile(r"(?!iso-|bs-|en-)[a-z]{1,5}-\d{3,}")


# Words that ask nothing but after the number named ("and what about HV-0599?").
_ONLY_ASKING_AFTER = frozenset(("what", "whats", "what's", "about", "and", "also", "any",
                                "update", "updates", "news", "on", "with", "status", "of", "the",
                                "how", "is", "so", "please", "re", "regarding"))


def _anyones_invoice(ctx: Ctx, numbers: tuple[str, ...], text: str) -> bool:
    """Whether any organisation's invoice has one of these numbers (any case), or ``text``
    asks after one shaped as an invoice's reference (``_REFERENCE_SHAPED``) and nothing else:
    which it is never told, only so that it is not kept as a question ("and what about
    CT-0901?"), and one that is another organisation's is said alike of one nobody has
    (session 40's review: "HV-0599" was a gap, "HV-0500" said not theirs, which told that it
    exists). Not "when is RC-999's review due": a placement's."""
    rest = set(re.findall(r"[a-z0-9'-]+", casefolded(text))) - set(numbers)
    if rest <= _ONLY_ASKING_AFTER and any(
            _REFERENCE_SHAPED.fullmatch(number) for number in numbers):
        return True
    return ctx.session.scalar(select(Invoice.id).where(
        func.lower(Invoice.number).in_(numbers)).limit(1)) is not None


def _placement_shaped(ctx: Ctx, numbers: tuple[str, ...]) -> list[str]:
    """The numbers shaped as the placements' references ("RC-999" where "RC-101" is
    recorded, any organisation's) that are none of the person's own placements (nor, where
    this is asked, their invoices): said to be no placement of theirs (session 40's second
    review: "and what about RC-999?" was said to be no invoice). Whether another
    organisation has an invoice of that number is never asked: the reply would tell it."""
    shaped = chat.placement_shaped(ctx, numbers)
    if not shaped:
        return []
    own = {reference_key(placement.reference)
           for placement, _council in placements_seen(ctx.session, ctx.person, shaped)}
    return [number for number in shaped if reference_key(number) not in own]


def _state_asked(said: InvoiceWords, text: str) -> bool:
    """Whether a whole message only asks after the state of the invoices it names, by its
    words alone (never by whether another organisation has one): a word of payment beside
    numbers shaped as an invoice's reference, or digits after "invoice" ("is INV-201 paid?",
    "has CT-0901 been paid", "has invoice 4471 been paid yet?"); not the rules asked beside
    one ("can we charge interest on INV-201?": the knowledge base's), nor a number of no such
    shape ("is s117 aftercare paid?", a case's "PB-2026-000042"), nor words that ask nothing
    of an invoice ("RV-0380 switching from direct payment to a managed account")."""
    return (said.told == "state" and said.topic is None and (said.named or asks(text))
            and _ABOUT_PAYMENT.search(casefolded(text)) is not None
            and all(_REFERENCE_SHAPED.fullmatch(number) or number.isdigit()
                    for number in said.numbers))


def _theirs(ctx: Ctx, invoice: Invoice) -> bool:
    """Whether a loaded invoice is the person's own organisation's, by ``_invoices_of``'s rule."""
    return may_mark_paid(ctx.person, invoice)


def _shown(ctx: Ctx, invoices: list[Invoice]) -> list[dict[str, object]]:
    """Each invoice as the replies tell it: its number, amount, the other side, its dates and
    standing (as ``/invoice list``), and whether its payment clock still runs."""
    mine = ctx.person.organisation_id
    others = {invoice.payer_id if invoice.issuer_id == mine else invoice.issuer_id
              for invoice in invoices}
    names: dict[int, str] = {}
    kinds: dict[int, OrganisationKind] = {}
    for organisation in ctx.session.scalars(select(Organisation).where(Organisation.id.in_(
            others | {invoice.payer_id for invoice in invoices}))):
        names[organisation.id], kinds[organisation.id] = organisation.name, organisation.kind
    running = set(ctx.session.scalars(select(Deadline.invoice_id).where(
        Deadline.invoice_id.in_([invoice.id for invoice in invoices]),
        Deadline.status == DeadlineStatus.OPEN)))
    today = local_date(ctx.now, ctx.person.timezone)
    shown: list[dict[str, object]] = []
    for invoice in invoices:
        issued = invoice.issuer_id == mine
        row = invoice_shown(invoice, names.get(invoice.payer_id if issued else invoice.issuer_id,
                                               ""), ctx.deps.calendar, today)
        shown.append({
            **row, "id": invoice.id, "direction": "to" if issued else "from", "issued": issued,
            "paid_on": invoice.paid_on,
            "running": invoice.id in running,
            "disputed": disputed_clock(ctx.session, invoice),
            "council_pays": kinds.get(invoice.payer_id) == OrganisationKind.COUNCIL})
    return shown


def reply_to_invoice_words(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """An invoice of the person's organisation named by its number: its state, as
    ``/invoice list`` tells it, and what to do (``/conflict`` past the legal limit); told paid,
    the command that records it. A number that is none of theirs is said not to be recorded
    for them when told paid with the word "invoice", or when its state is asked (alone, by
    the words: ``_state_asked``; in a part, as ever); else it goes on."""
    said: InvoiceWords = ctx.match
    invoices = (_invoices_of(ctx, said.numbers) if said.numbers
                else _unpaid_in(ctx, said.month or 0))
    if not invoices:
        if said.told == "paid" and said.named:
            return [Reply(text=ctx.render("invoice_words.txt", outcome="unknown",
                                          numbers=[n.upper() for n in said.numbers],
                                          provider=ctx.person.role == Role.PROVIDER))]
        words = ctx.args or incoming.text
        if not said.numbers:
            about_one = False
        elif ctx.registry.trying(ctx):
            about_one = bool(said.named or _ABOUT_PAYMENT.search(casefolded(words))
                             or _anyones_invoice(ctx, said.numbers, words))
        else:
            about_one = chat.one_part(incoming, ctx) and _state_asked(said, words)
        if about_one:
            # A part of a message about an invoice that is none of theirs ("is CT-0901 paid?
            # and who is my commissioner?" from another provider): said plainly, as one that
            # does not exist, and kept as no question (session 40's brief: dropped, or a
            # knowledge gap with another organisation's number); a whole message asking after
            # one's state (session 43's brief: "is INV-201 paid?" got "I don't know" or the
            # knowledge base's payment terms).
            shaped = _placement_shaped(ctx, said.numbers)
            return [Reply(text=ctx.render(
                "invoice_words.txt", outcome="none_of_theirs",
                numbers=[n.upper() for n in said.numbers if n not in shaped],
                placements=[n.upper() for n in shaped],
                provider=ctx.person.role == Role.PROVIDER))]
        return ctx.registry.pass_on(INVOICE_WORDS_ROUTE, incoming, ctx)
    replies = [Reply(text=ctx.render("invoice_words.txt", outcome=said.told,
                                     invoices=_shown(ctx, invoices),
                                     several=_issuers_sharing(invoices),
                                     provider=ctx.person.role == Role.PROVIDER,
                                     wrong=said.topic == WRONG_DETAILS,
                                     record_dispute=said.topic == RECORD_DISPUTE,
                                     placements=_placements(ctx, invoices)),
                     buttons=mark_paid_buttons(invoices))]

    found = {invoice.number.casefold() for invoice in invoices}

    def read(part: str) -> object | None:
        """A part this route answered: its invoices, or what it asks beside them; not one
        naming only other numbers ("is CT-0901 paid? and is CT-0999 paid?": session 40's
        brief, the second was dropped)."""
        words = invoice_words(part)
        if words is not None and words.numbers and found.isdisjoint(words.numbers):
            words = None
        return words or (
            True if said.topic is not None and _topic(casefolded(part)) == said.topic else None)

    # Then the other questions asked (session 38's brief: "CT-0901 is disputed, what can we
    # do? and how long is the standstill period?" lost the second).
    return chat.other_questions(incoming, ctx, read,
                                answered=[invoice.number for invoice in invoices],
                                own=[*replies, *_entry_after(said.topic, incoming, ctx)])


def _entry_after(topic: str | None, incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The knowledge base's entry on what else was asked, after the person's own records."""
    if topic is None or topic == WRONG_DETAILS:
        return []
    if topic == RECORD_DISPUTE:
        if ctx.person.role == Role.PROVIDER:
            return []  # the line after the invoice's state says it
        topic = ON_HOLD_ENTRY
    # Here, not at the top: the ask handler's module imports the talk package's matchers.
    from handlers.ask.chat import entry_answer
    answer = entry_answer(topic, ctx.args or incoming.text, incoming, ctx)
    return [answer] if answer is not None else []


def _unpaid_in(ctx: Ctx, month: int) -> list[Invoice]:
    """The person's organisation's unpaid invoices received in that month, the last one of
    that name up to today ("hasn't paid us for November")."""
    today = local_date(ctx.now, ctx.person.timezone)
    year = today.year if month <= today.month else today.year - 1
    first = date(year, month, 1)
    after = date(year + month // 12, month % 12 + 1, 1)
    mine = ctx.person.organisation_id
    query = select(Invoice).where(Invoice.paid_on.is_(None), Invoice.received_on >= first,
                                  Invoice.received_on < after)
    if ctx.person.role == Role.PROVIDER:
        query = query.where((Invoice.issuer_id == mine) | (Invoice.payer_id == mine))
    else:
        query = query.where(Invoice.payer_id == mine)
    return list(ctx.session.scalars(query.order_by(Invoice.received_on, Invoice.id)
                                    .limit(MAX_NUMBERS)))


def _placements(ctx: Ctx, invoices: list[Invoice]) -> dict[int, str]:
    """Each invoice's placement reference, where it has one (for the command that corrects it)."""
    ids = {invoice.placement_id for invoice in invoices if invoice.placement_id is not None}
    found: dict[int, str] = {placement_id: reference for placement_id, reference in
                             ctx.session.execute(select(Placement.id, Placement.reference)
                                                 .where(Placement.id.in_(ids)))} if ids else {}
    return {invoice.id: found[invoice.placement_id] for invoice in invoices
            if invoice.placement_id in found}


def _issuers_sharing(invoices: list[Invoice]) -> bool:
    """Whether two of the invoices have one number (two providers' INV-1 at one council)."""
    numbers = [invoice.number.lower() for invoice in invoices]
    return len(numbers) != len(set(numbers))


# -- "paid" alone, under an invoice reminder ------------------------------------------------------
_PAID_ALONE = re.compile(r"(?:(?:it'?s|its|it is|it has been|it was|now|all|been|has been"
                         r"|that'?s|thats|got|just) )*paid(?: now| today| in full| thanks"
                         r"| thank you)*[.!]*")


def paid_alone(text: str) -> bool | None:
    """True for "paid", "it's been paid", "paid now" with nothing else (pure); else None."""
    return True if _PAID_ALONE.fullmatch(casefolded(text)) else None


def reply_to_paid_alone(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"paid" right after an invoice's reminder, the last thing the person was sent on this
    channel: about that invoice, the command that records it paid (session 35's trial: it
    offered "Travel time between home-care visits"). Otherwise it goes on."""
    query = (select(OutboxMessage.kind, OutboxMessage.deadline_id)
             .where(OutboxMessage.person_id == ctx.person.id,
                    OutboxMessage.channel == incoming.channel,
                    OutboxMessage.status == OutboxStatus.SENT)
             .order_by(OutboxMessage.sent_at.desc(), OutboxMessage.id.desc()).limit(1))
    shown_at = ctx.session.scalars(select(OfferedButtons.offered_at).where(
        OfferedButtons.person_id == ctx.person.id,
        OfferedButtons.channel == incoming.channel)).first()
    if shown_at is not None:  # replies shown since are the last thing the person saw
        query = query.where(OutboxMessage.sent_at > shown_at)
    last = ctx.session.execute(query).first()
    invoice = None
    if last is not None and last.kind == "reminder.payment" and last.deadline_id is not None:
        deadline = ctx.session.get(Deadline, last.deadline_id)
        invoice = (ctx.session.get(Invoice, deadline.invoice_id)
                   if deadline is not None and deadline.invoice_id is not None else None)
    if invoice is None or not _theirs(ctx, invoice):
        return ctx.registry.pass_on(PAID_ALONE_ROUTE, incoming, ctx)
    return [Reply(text=ctx.render("invoice_words.txt", outcome="paid",
                                  invoices=_shown(ctx, [invoice]), several=False,
                                  provider=ctx.person.role == Role.PROVIDER),
                  buttons=mark_paid_buttons([invoice]))]


# -- a tender named by its reference --------------------------------------------------------------
TENDER_DATES_ROUTE = "tender-dates"


def reply_to_tender_dates(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A question about the dates of a tender it names by reference: its dates (a provider
    may follow any tender, so may ask of any; council staff of their council's), then the
    other questions the message asks (``chat.other_questions``: session 38's brief, "when is
    the clarification deadline for T-12, and how long is standstill?" lost the second). A
    reference that is no such tender goes on to the next route, the knowledge base at last."""
    return _tender_dates_then(TENDER_DATES_ROUTE, incoming, ctx)


def _tender_dates_then(route: str, incoming: Incoming, ctx: Ctx,
                       read: Callable[[str], object | None] | None = None, *,
                       answered: Iterable[str] | None = None, topic: str | None = None
                       ) -> list[Reply]:
    """The dates of the tenders ``ctx.match`` names, the knowledge base's entry on ``topic``
    when one is given, then the other questions the message asks (``chat.other_questions``,
    ``read`` reading the parts answered, ``tender_dates_part`` unless given; ``answered``: the
    references answered, those of the tenders found unless given). None the person may ask
    about: the words go on past ``route``."""
    found = chat.tenders_named(ctx)
    if found is None:
        return ctx.registry.pass_on(route, incoming, ctx)
    if answered is None:
        answered = {tender.reference for tender in found[0]}
    return chat.other_questions(incoming, ctx, read or tender_dates_part, answered=answered,
                                own=[*chat.tender_dates(incoming, ctx, found),
                                     *_entry_after(topic, incoming, ctx)])


# -- a tender named by its title ------------------------------------------------------------------
_A_TENDER = re.compile(r"\btenders?\b")
# Asking when: a tender's dates are its clarification and submission deadlines, its close, its
# standstill (``tender_dates.txt``).
_ASKS_DATES = re.compile(r"\b(?:deadlines?|dates?|clos(?:e|es|ing)|by when)\b"
                         r"|^\W*(?:when|when's|whens)\b")
# More than its dates, another tender than the one running ("the next home care tender", "when
# will the results be announced"), or tenders in general: the knowledge base's.
_MORE_THAN_DATES = re.compile(
    r"\b(?:why|what happens|challeng\w*|appeal\w*|late|miss(?:ed)?|extend\w*|extension|if"
    r"|how do|how can|how should|how close|portal|next|new|future|upcoming|results?|outcomes?"
    r"|announce\w*|publish\w*|moderat\w*|scores?|interviews?|site visits?|engagement|pipeline"
    r"|notice|usually|normally|typically|expected|moved|still|tupe|eli|insurance|liability"
    r"|price|pricing|where|shared?|send|logs?|cover|plan|expir\w*|back out|go(?:es|ing)? out"
    r"|putting)\b")
_A_REFERENCE = re.compile(r"\b[a-z]*\d[a-z0-9]*(?:[-/][a-z0-9]+)+\b|\b[a-z]+\d{3,}\b")
# Words of a title that do not tell one tender from another.
_TITLE_FILLERS = frozenset((
    "a", "an", "and", "the", "of", "for", "in", "on", "to", "with", "lot", "lots", "tender",
    "tenders", "contract", "contracts", "framework", "service", "services", "support", "county",
    "council", "dps"))


def tender_titled(text: str) -> str | None:
    """The words of a short question about a tender's dates that names no reference (pure: the
    handler finds the tender by its title among the person's own)."""
    folded = casefolded(text)
    if (len(folded.split()) > 2 * MAX_WORDS or _A_TENDER.search(folded) is None
            or _ASKS_DATES.search(folded) is None or _MORE_THAN_DATES.search(folded)
            or _A_REFERENCE.search(folded)):  # a reference that is no tender of theirs
        return None
    return folded


def _squashed(words: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", words.casefold())


def _title_named(title: str, squashed_text: str) -> bool:
    """Whether the words name the tender of this title: its first two telling words, run
    together or not ("home care" for "Home care and reablement": "homecare tender")."""
    telling = [word for word in re.findall(r"[a-z0-9]+", title.casefold())
               if word not in _TITLE_FILLERS and not word.isdigit()]
    if not telling:
        return False
    key = "".join(telling[:2])
    return len(key) >= 4 and key in squashed_text


def reply_to_tender_titled(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The dates of the one tender the words name by its title among the person's own (a
    provider's: bid on or followed; council staff's: their council's), as a question naming
    its reference gets them; none or several: the words go on."""
    query = _own_tenders_query(ctx)
    squashed = _squashed(str(ctx.match))
    places = {word for word in re.findall(r"[a-z]+", str(ctx.match)) if word in COUNCIL_PLACES}
    named = [tender for tender, council in ctx.session.execute(
                 query.add_columns(Organisation.name)
                 .join(Organisation, Organisation.id == Tender.council_id)
                 .order_by(Tender.id).limit(200))
             if _title_named(tender.title, squashed)
             # "the Kent homecare tender" is not Northshire's (the trial's calibration sets)
             and places <= set(re.findall(r"[a-z]+", council.casefold()))]
    if len(named) != 1:
        return ctx.registry.pass_on(TENDER_TITLED_ROUTE, incoming, ctx)
    ctx.match = (named[0].reference,)
    return _tender_dates_then(TENDER_TITLED_ROUTE, incoming, ctx, answered=())


# -- one's own tenders asked after without their exact reference ---------------------------------
STANDSTILL_ENTRY = "standstill-challenges"
# A tender's dates asked (session 36's trial: "when do we have to submit by", "whats the
# standstill on T9", "when do we get feedback").
_TENDER_DATES = re.compile(r"\b(?:submit|submission|clarifications?|standstill|feedback"
                           r"|closing date|bids? close|tenders? close)\b")
_ASKS = re.compile(r"\b(?:when|whens|when's|what date|which date|by when|deadlines?|dates?"
                   r"|what's|whats|how long)\b")
# Whether to challenge: the knowledge base's standstill and challenges entry, after the dates.
_CHALLENGE = re.compile(r"\b(?:challeng\w*|appeal\w*|dispute the (?:award|decision|outcome))\b")
# Asking more than its dates and a challenge ("I missed the submission deadline for T-9, can I
# still submit a late bid?"): the knowledge base's (session 25's review).
_BEYOND_DATES = re.compile(r"\b(?:why|what happens|late|miss(?:ed)?|extend\w*|extension|if)\b")
# A tender lost, and whether that may be challenged ("We lost T-12. Is it legal?"): the
# standstill and challenges entry, the tender only named.
_LOST = re.compile(r"\b(?:lost|unsuccessful|not successful|(?:didn'?t|did not) win"
                   r"|(?:weren'?t|were not|wasn'?t|was not) successful)\b")
_LAWFUL = re.compile(r"\b(?:legal|illegal|lawful|unlawful|legit(?:imate)?|allowed|fair"
                     r"|unfair)\b")
# A question naming no tender is read only when each of its words is one of these: "when do
# we have to submit by" is theirs, "when do we have to submit our annual return" is not.
_OWN_TENDER_WORDS = frozenset((
    "when", "whens", "what", "whats", "which", "is", "are", "the", "a", "our", "we", "us",
    "i", "do", "does", "did", "have", "has", "had", "to", "need", "must", "should", "by",
    "submit", "submission", "submissions", "deadline", "deadlines", "date", "dates", "bid",
    "bids", "tender", "tenders", "clarification", "clarifications", "questions", "standstill",
    "end", "ends", "feedback", "get", "hear", "back", "due", "for", "on", "it", "in", "of",
    "period", "will", "be", "going", "can", "last", "final", "day", "time", "until", "how",
    "long", "close", "closes", "closing", "expect", "from", "there",
))


# "how long is the standstill period?" names no tender and asks the rule (session 38's
# brief: a bidder was given its tender's dates for it); "how long until we submit" asks when.
_HOW_LONG_A_RULE = re.compile(r"\bhow long\b(?!.*\buntil\b)")


@dataclass(frozen=True, slots=True)
class TenderAsked:
    """References as typed (none: the person's live tenders) and whether a challenge is asked
    after as well."""

    references: tuple[str, ...]
    challenge: bool
    # Only whether the outcome may be challenged is asked, not its dates ("We lost T-12. Is it
    # legal?": session 40's brief, it got the dates alone): the entry, not the dates.
    outcome_only: bool = False


def own_tender_asked(text: str) -> TenderAsked | None:
    """A short question about a tender's dates that names it as its reference may be written
    ("T9" for T-9), asks whether to challenge as well, or names none but is only about one's
    own tender's dates ("when do we have to submit by"); else None (pure: which tenders are
    the person's is the handler's to find)."""
    folded = casefolded(text)
    if not folded or folded.startswith("/") or len(folded.split()) > 2 * MAX_WORDS:
        return None
    challenge = _CHALLENGE.search(folded) is not None
    if (_TENDER_DATES.search(folded) is None and _LOST.search(folded) is not None
            and (challenge or _LAWFUL.search(folded) is not None)
            # asked, not told ("we lost T-12, it's so unfair": a feeling's)
            and any(asks(part) for part in questions_in(folded, sentences=True))):
        references = _tender_references(folded)
        return TenderAsked(references, challenge=True, outcome_only=True) if references else None
    if (_TENDER_DATES.search(folded) is None or _BEYOND_DATES.search(folded) is not None
            or (_ASKS.search(folded) is None and not challenge)):
        return None
    references = _tender_references(folded)
    if references:
        return TenderAsked(references, challenge)
    words = re.findall(r"[a-z]+", folded.replace("'", ""))
    if challenge or not set(words) <= _OWN_TENDER_WORDS:
        return None
    if _HOW_LONG_A_RULE.search(folded):
        return None  # "how long is the standstill period?": the rule, the knowledge base's
    return TenderAsked((), challenge=False)


def _tender_references(folded: str) -> tuple[str, ...]:
    """The words of ``folded`` that may be a tender's reference (letters and digits), once
    each, in order."""
    return tuple(dict.fromkeys(
        word for word in re.findall(r"[a-z0-9]+(?:[-/_.][a-z0-9]+)*", folded)
        if any(c.isdigit() for c in word) and any(c.isalpha() for c in word)))


_JOINED_ON = re.compile(r"^(?:and|also|plus|then|but|or)\b\W*")


def tender_dates_part(part: str) -> object | None:
    """Whether a part of a message asks a tender's dates, as the tender routes answer them
    ("and when do we submit", after the tender's dates were asked), so that it is not answered
    again (pure)."""
    alone = _JOINED_ON.sub("", casefolded(part))
    return (own_tender_asked(alone) or tender_titled(alone)
            or tender_dates_question(alone))


def _own_tenders_query(ctx: Ctx) -> Select[Tender]:
    """The person's own tenders: a provider's bid on or followed, council staff's council's."""
    if ctx.person.role == Role.PROVIDER:
        return select(Tender).where(
            Tender.id.in_(select(Bid.tender_id).where(
                Bid.provider_id == ctx.person.organisation_id))
            | Tender.id.in_(select(TenderFollower.tender_id).where(
                TenderFollower.person_id == ctx.person.id)))
    return select(Tender).where(Tender.council_id == ctx.person.organisation_id)


def _own_tenders(ctx: Ctx) -> list[Tender]:
    """The person's own tenders (``_own_tenders_query``), at most 200."""
    return list(ctx.session.scalars(_own_tenders_query(ctx).order_by(Tender.id).limit(200)))


def reply_to_own_tender(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The dates of the person's own tenders the words name, however the reference is written;
    naming none, of the live ones (a date still to come, or feedback still owed to them); then,
    for a challenge asked after, the knowledge base's standstill entry. None of theirs: the
    words go on."""
    asked: TenderAsked = ctx.match
    tenders = _own_tenders(ctx)
    if asked.references:
        named = {_squashed(reference) for reference in asked.references}
        tenders = [tender for tender in tenders if _squashed(tender.reference) in named]
    elif named_before := {_squashed(word) for word in re.findall(
            r"[a-z0-9]+(?:[-/_.][a-z0-9]+)*", casefolded(incoming.text))} & {
            _squashed(tender.reference) for tender in tenders}:
        # A part naming none, of a message that names one of theirs ("We lost T-9. Why did we
        # lose? When do we get feedback?"): that one (session 39's review: T-12's too).
        tenders = [tender for tender in tenders if _squashed(tender.reference) in named_before]
    else:
        today = local_date(ctx.now, ctx.person.timezone)
        owed = set(ctx.session.scalars(select(Bid.tender_id).join(
            Deadline, (Deadline.bid_id == Bid.id) & (Deadline.status == DeadlineStatus.OPEN))
            .where(Bid.provider_id == ctx.person.organisation_id)))
        tenders = [tender for tender in tenders
                   if tender.id in owed or any(day is not None and day >= today for day in (
                       tender.clarification_on, tender.submission_on, tender.standstill_end_on))]
    if not tenders:
        return ctx.registry.pass_on(OWN_TENDER_ROUTE, incoming, ctx)
    ctx.match = tuple(dict.fromkeys(tender.reference for tender in tenders))

    def read(part: str) -> object | None:
        """A part this route answered: its tenders' dates, or the challenge asked after."""
        folded = casefolded(part)
        return tender_dates_part(part) or (
            True if asked.challenge and (_CHALLENGE.search(folded) or (
                asked.outcome_only and (_LOST.search(folded) or _LAWFUL.search(folded))))
            else None)

    if asked.outcome_only:
        # The entry on challenging an award answers it; the tender's dates do not.
        return chat.other_questions(incoming, ctx, read, answered=ctx.match,
                                    own=_entry_after(STANDSTILL_ENTRY, incoming, ctx))

    # Then the other questions asked (session 38's brief: "whats the standstill on T9, and
    # how long does the council have to pay invoices?" lost the second).
    return _tender_dates_then(OWN_TENDER_ROUTE, incoming, ctx, read, answered=ctx.match,
                              topic=STANDSTILL_ENTRY if asked.challenge else None)


# -- an uplift asked after ------------------------------------------------------------------------
UPLIFTS_ENTRY = "annual-uplifts"
_UPLIFT = re.compile(r"\bup-?lifts?\b")
# When it comes, or that it has not come yet (session 36's trial: "when will we hear about our
# uplift for C-77", "the council hasnt told us the uplift yet and its march").
_UPLIFT_WHEN = re.compile(r"\b(?:when|whens|when's|what date|by when|due|hear|heard|told|tell"
                          r"|confirm\w*|yet|still|news)\b")
_UPLIFT_NOT_YET = re.compile(r"\b(?:yet|still|not|hasn'?t|haven'?t|havent|no news|nothing)\b")
# How uplifts are worked out, their size or backdating: the knowledge base's alone.
_UPLIFT_RULES = re.compile(r"\b(?:how (?:are|is|do|does|much|big)|worked out|calculat\w*|work"
                           r"|percent\w*|backdat\w*|back-dat\w*|why|rate|fair|negotiat\w*"
                           r"|challeng\w*|amount|what uplift|which uplift|entitled|should we"
                           r"|direct payments?|self-?funders?|national living wage|nlw)\b")


def uplift_asked(text: str) -> tuple[tuple[str, ...], bool] | None:
    """(contract references as typed, whether it says the uplift has not come yet) of a short
    message asking when the person's uplift comes; else None (pure)."""
    folded = casefolded(text)
    if (not folded or folded.startswith("/") or len(folded.split()) > 2 * MAX_WORDS
            or _UPLIFT.search(folded) is None or _UPLIFT_WHEN.search(folded) is None
            or _UPLIFT_RULES.search(folded) is not None or "%" in folded):
        return None
    references = tuple(dict.fromkeys(
        word for word in re.findall(r"[a-z0-9]+(?:[-/_.][a-z0-9]+)*", folded)
        if any(c.isdigit() for c in word) and any(c.isalpha() for c in word)))
    if not references and re.search(r"\b(?:our|we|us|my)\b", folded) is None:
        return None
    return references, _UPLIFT_NOT_YET.search(folded) is not None


def reply_to_uplift(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The person's open uplift deadlines (the contracts named, when any are), as /reminders
    tells them, then, where it is said not to have come yet, the knowledge base's uplifts
    entry. None (or a contract that is none of theirs): the words go on."""
    references, not_yet = ctx.match
    today = local_date(ctx.now, ctx.person.timezone)
    uplifts = [deadline for deadline in open_deadlines_for(ctx.session, ctx.person, today=today)
               if deadline.rule == "uplift" and deadline.contract_id is not None]
    if references:
        named = {_squashed(reference) for reference in references}
        contracts = {contract.id for contract in ctx.session.scalars(select(Contract).where(
            Contract.id.in_([uplift.contract_id for uplift in uplifts])))
            if _squashed(contract.reference) in named}
        uplifts = [uplift for uplift in uplifts if uplift.contract_id in contracts]
    if not uplifts:
        return ctx.registry.pass_on(UPLIFT_ROUTE, incoming, ctx)
    replies = [Reply(text=ctx.render("review_due.txt", placements=[], reviews=[
        {"reference": uplift.reference, "pledge": RULE_PLEDGES.get(uplift.rule),
         "title": RULE_TITLES.get(uplift.rule, uplift.rule), "due_on": uplift.due_on,
         "days": (uplift.due_on - today).days} for uplift in uplifts]))]
    # Then the other questions asked ("when is our uplift due? and is CT-0901 paid?": session
    # 39's brief, the second was dropped).
    return chat.other_questions(
        incoming, ctx, lambda part: uplift_asked(part) or _UPLIFT.search(casefolded(part)),
        answered=[uplift.reference for uplift in uplifts],
        own=replies + _entry_after(UPLIFTS_ENTRY if not_yet else None, incoming, ctx))
