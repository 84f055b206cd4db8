"""Cases in chat: /feedback and /conflict (forms), /cases, /case REF and its actions, buttons.

Every read goes through ``service.find`` or ``service.visible_to``, so a provider sees only
its organisation's cases and a commissioner only their council's; another organisation's
reference is answered exactly as an unknown one. Anonymous feedback keeps no link to its
sender: not on the case, its history, the audit log or the form once submitted.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import TypeVar

from sqlalchemy import and_, func, select

from bot import audit, forms
from bot.errors import BadInput
from bot.messages import Button, Form, FormField, Incoming, Notification, Reply
from bot.models import (
    AuditEvent,
    Bid,
    Case,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Contract,
    Invoice,
    OfferedButtons,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    Person,
    Placement,
    Question,
    Role,
    Tender,
)
from bot.registry import REPLY_MEANT, said_label
from bot.values import frozen
from bot.words import apostrophes_dropped
from handlers.buttons import buttons_for
from handlers.cases import service as cases
from handlers.cases.about import cases_about
from handlers.deadlines.store import council_names, councils_of, local_date, placements_seen
from handlers.deps import SAFETY_ASKED, Ctx
from handlers.formats import (
    command_words,
    council_named,
    days_open,
    distinct_council_name,
    reference_answer,
)
from handlers.identifiers import without_identifiers
from handlers.people.directory import COUNCIL_STAFF
from knowledge.deaths import DEATH
from knowledge.pledges import pledge_number
from knowledge.search import english_words

MAX_LISTED = 20
ANONYMOUS_CHOICES = ("Yes, anonymously", "No, with my name")
PART_CHOICES = tuple(cases.CATEGORY_TITLES.values())
RATING_CHOICES = ("1", "2", "3", "4", "5")

FEEDBACK_FORM = Form(form_id="feedback", title="Feedback", fields=(
    FormField(name="part", label="Which part of working with the council is it about?",
              choices=PART_CHOICES),
    FormField(name="pledge", label="Which pledge commitment does it touch?",
              hint="A number from 1 to 30 (several with commas).", required=False,
              max_length=40),
    FormField(name="rating", label="How well are we working together on this?",
              hint="1 is poor, 5 is very good.", choices=RATING_CHOICES),
    FormField(name="text", label="Please tell us about it in your own words.",
              hint="Use placement references, never the names of people receiving care.",
              max_length=cases.MAX_DESCRIPTION, prose=True,
              story=True),
    FormField(name="anonymous", label="Send it anonymously?",
              hint="The council then sees neither your name nor your organisation, so "
                   "nobody can write to you about it: your organisation reads any reply "
                   "with /case.", choices=ANONYMOUS_CHOICES, sending=True),
), confirm=True)  # sent to the council and kept, as a disagreement: shown back first

CONFLICT_FORM = Form(form_id="conflict", title="Disagreement", fields=(
    FormField(name="about", label="What is it about?", choices=PART_CHOICES),
    FormField(name="reference", label="Which placement or invoice is it about?",
              hint="Its placement reference or invoice number (or a contract or tender "
                   "reference).", required=False,
              max_length=64),
    FormField(name="description", label="What has happened?",
              hint="Use placement references, never the names of people receiving care.",
              max_length=cases.MAX_DESCRIPTION, prose=True,
              story=True),
    FormField(name="outcome", label="What outcome would you like?",
              max_length=cases.MAX_DESCRIPTION, prose=True),
), confirm=True)  # sent to the council's commissioner at once, and kept: checked first


# Asked after a rejection that came without its reason (the Reject button, "/case REF reject",
# "reject" typed): the answer goes on the case as a comment (session 30's trial: "To say why,
# send /case ... comment", and the reason typed next went to the knowledge base).
WHY_REJECTED_FORM = Form(form_id="case.why-rejected", title="Rejected", fields=(
    FormField(name="reference", label="Which case?", max_length=20),
    FormField(name="text", label="What would work for you?",
              hint="It goes on the case as a comment.", required=False,
              max_length=cases.MAX_DESCRIPTION, prose=True),
), pressed=("Reject",), cancelled="case_why_rejected_cancelled.txt")


# One-question forms behind the action buttons: the reference comes with the button.
ACTION_FORMS = {
    "ask": ("Ask for information", "What would you like to ask the provider?"),
    "propose": ("Propose a resolution", "What resolution do you propose?"),
    "resolve": ("Resolve", "What was done to resolve it?"),
    "reassign": ("Reassign", "Whose is it now? Their name or e-mail address, please."),
    "comment": ("Comment", "Your comment:"),
    "withdraw": ("Withdraw", "Why are you withdrawing it? (optional)"),
    "reopen": ("Reopen", "Why isn't it resolved for you?"),
}


# The comment form when the council's yes/no question waits for the provider's answer (the
# Reply button, "/case REF comment"): a lone yes or no is an answer there (session 30's review:
# "yes" was refused as "needs a few words").
ANSWER_FORM = Form(form_id=cases.button_action("answer"), title="Answer", fields=(
    FormField(name="reference", label="Which case?", max_length=20),
    FormField(name="text", label="Your answer to the council's question:",
              hint="A yes or a no will do, or a few words.",
              max_length=cases.MAX_DESCRIPTION, prose=True, yes_no=True),
), pressed=("Reply", "Comment"))


def _comment_form(ctx: Ctx, case: Case, action: str) -> str:
    """The form that asks for an action's words: for a provider's comment while the council's
    yes/no question waits, the answer form, which takes a lone yes or no."""
    if (action == "comment" and ctx.person.role == Role.PROVIDER
            and cases.yes_no_question_waiting(ctx.session, case) is not None):
        return ANSWER_FORM.form_id
    return cases.button_action(action)


def check_not_a_question(value: str, ctx: Ctx) -> str:
    """A resolution or a proposal is words for the other side, not a question for the bot
    (the second review: "how many cases do i have open", typed at "What was done to resolve
    it?", resolved the case with those words). Refused, the form answers the question and
    waits for the resolution."""
    if forms.reads_as_question(value):
        raise BadInput(ctx.render("case_input.txt", problem="a_question"))
    return value


# Validators of the one-question forms whose words go to the other side as a decision.
ACTION_VALIDATORS = {"resolve": {"text": check_not_a_question},
                     "propose": {"text": check_not_a_question}}


def action_form(action: str) -> Form:
    """The one-question form behind an action button (the reference comes with the button)."""
    title, label = ACTION_FORMS[action]
    return Form(form_id=cases.button_action(action), title=title, fields=(
        FormField(name="reference", label="Which case?", max_length=20),
        FormField(name="text", label=label, required=action != "withdraw",
                  max_length=cases.MAX_DESCRIPTION if action != "reassign" else 254,
                  prose=action != "reassign",
                  # A resolution closes the case, a reopening's reason is recorded: "thanks"
                  # is neither (58c0488's review: a comment, though, takes it).
                  reason=action in ("resolve", "reopen")),
    ), pressed=(title, "Reply") if action == "comment" else (title,))


# -- helpers ----------------------------------------------------------------------------------
def _category(title: str, ctx: Ctx) -> str:
    for key, value in cases.CATEGORY_TITLES.items():
        if value.lower() == title.strip().lower():
            return key
    raise cases.unusable(ctx.templates, "unknown_part", title=title)


# The words a pledge number may come with ("pledge 14, 21", "commitment 14", "#14", "14 and
# 21"; session 32's trial: "'pledge 14' is not a pledge commitment").
_PLEDGE_WORDS = re.compile(r"\b(?:(?:pledges?|commitments?|numbers?)(?=[\s#\d]|$)"
                           r"|nos?\.?(?=\s*#?\d))|#", re.IGNORECASE)
# Words around the numbers that say nothing more ("commitment 29 please", "it's 29", "29 I
# think"; session 45's review: refused, then answered as a question about 29, and the rating
# typed next taken as commitment 2).
_PLEDGE_AROUND = re.compile(
    r"^\s*(?:(?:it|that)(?:['\u2019]?s| is)|its|thats)\b"
    r"|\b(?:please|pls|thanks|thank you|ta|i think)\W*$", re.IGNORECASE)
_PLEDGE_SEPARATORS = re.compile(r"[,;/&+]|\band\b|\s+(?=\d)", re.IGNORECASE)


# A number asked about at the pledge question ("what does 3 mean", "which one is 20?";
# session 44's brief: the knowledge base's "I don't know"), or a commitment named by its
# number ("what's pledge 3?", "what does commitment 12 say": session 45's brief, the knowledge
# base's answer beside "You still have a form open"): there it asks which commitment that is.
_NUMBER_NAMED = r"(?:(?:pledge|commitment) )?(?:number |no )?"
_ASKS_WHAT_A_NUMBER_IS = re.compile(
    r"^(?:(?:so|ok|okay|sorry|um|erm|and) )*(?:"
    rf"(?:what (?:does|do|did|is|s|was)|whats) {_NUMBER_NAMED}(?P<a>\d{{1,3}})"
    r"(?: (?:mean|say|stand for|about|cover|again|one))*"
    rf"|(?:which|what) one is {_NUMBER_NAMED}(?P<c>\d{{1,3}})"
    rf"|(?:what about|tell me about|explain) {_NUMBER_NAMED}(?P<d>\d{{1,3}}))$")


def number_asked_about(value: str) -> int | None:
    """The commitment number words typed at the pledge question ask about ("what does 3
    mean"), or None (pure)."""
    plain = " ".join(re.findall(r"[a-z0-9]+", apostrophes_dropped(value)))
    found = _ASKS_WHAT_A_NUMBER_IS.match(plain)
    if found is None:
        return None
    return int(next(number for number in found.groups() if number is not None))


def check_pledges(value: str, ctx: Ctx) -> str:
    """The feedback form's pledge numbers (1 to 30, commas), sorted without repeats. Words
    with no number in them are the feedback's story: refused with the commitments they may
    touch (by the pledge's words), and kept for the question that takes the story (session
    33's trial: "the new portal keeps logging us out" was "not a pledge commitment"). A number
    asked about ("what does 3 mean") is explained, with how to answer, and asked again."""
    asked = number_asked_about(value)
    if asked is not None:
        answerer = ctx.deps.answerer
        entry = answerer.entry(f"pledge-{asked}") if answerer is not None else None
        raise BadInput(ctx.render(
            "case_input.txt", problem="pledge_explained", number=asked,
            title=entry.title if entry is not None else "",
            commitment=" ".join((entry.commitment or "").split()) if entry is not None else ""),
            meant_here=True)
    if not any(character.isdigit() for character in value) and not _PLEDGE_WORDS.search(
            value) and len(value.split()) > 1:
        raise BadInput(ctx.render("case_input.txt", problem="pledge_words",
                                  likely=_likely_pledges(ctx, value)), a_story=True)
    numbers = []
    words = _PLEDGE_WORDS.sub(" ", _PLEDGE_AROUND.sub(" ", value)).strip().rstrip(".")
    for part in _PLEDGE_SEPARATORS.split(words):
        word = part.strip()
        if not word:
            continue
        if not (word.isascii() and word.isdigit() and 1 <= int(word) <= 30):
            # A number out of range is named alone ("45"), words with the whole answer.
            raise cases.unusable(ctx.templates, "not_a_pledge",
                                 text=word if word.isdigit() else value.strip())
        numbers.append(int(word))
    if not numbers:
        raise cases.unusable(ctx.templates, "no_pledge")
    return ",".join(str(number) for number in sorted(set(numbers)))


# How many commitments words at the pledge question are offered, and how long each is shown.
LIKELY_PLEDGES = 3
_LIKELY_CHARACTERS = 70


def _likely_pledges(ctx: Ctx, words: str) -> list[tuple[int, str]]:
    """The pledge commitments ``words`` may touch, most likely first: (number, commitment cut
    short), by the knowledge base's ranking of its pledge entries; [] without one."""
    answerer = ctx.deps.answerer
    if answerer is None:
        return []
    likely = []
    for hit in answerer.searcher.rank(words, limit=40):
        entry = answerer.entry(hit.entry_id)
        if entry is None or entry.kind != "pledge" or entry.number is None:
            continue
        commitment = " ".join((entry.commitment or entry.title or "").split())
        if len(commitment) > _LIKELY_CHARACTERS:
            commitment = commitment[:_LIKELY_CHARACTERS].rsplit(" ", 1)[0] + "\u2026"
        likely.append((entry.number, commitment))
        if len(likely) == LIKELY_PLEDGES:
            break
    return likely


def check_description(value: str, ctx: Ctx) -> str:
    """A description a case can hold, naming nobody."""
    cleaned = cases.check_description(value, ctx.templates)
    cases.refuse_names(cleaned, ctx.templates, ctx.session)
    # An NHS number, a date of birth, an address taken out before the words are shown back
    # and sent (session 36's trial: "lives at 3 Mill Lane, NHS 943 476 5919" reached the
    # commissioner); the sender is told when it is sent (``_told_removed``).
    return without_identifiers(cleaned)


def check_what_would_work(value: str, ctx: Ctx) -> str:
    """What would work, after a rejection: a description, not a question (answered as one,
    the form kept open) nor a lone yes (session 30's review: "how long does the council have
    to resolve a conflict?" and "yes" were each posted to the council as the comment), nor
    thanks alone."""
    if forms.reads_as_question(value) or forms.yes_or_no(value) == "yes":
        raise BadInput(ctx.render("case_step.txt", step="what_would_work"))
    if acknowledges(value) is not None:
        # "ok thanks" (session 33's brief: it was posted to the council as the comment).
        raise BadInput(ctx.render("case_step.txt", step="what_would_work_thanks"),
                       meant_here=True)
    return check_description(value, ctx)


@frozen
class Related:
    """What a case is about, found by the reference the provider gave."""

    council_id: int
    placement_id: int | None = None
    invoice_id: int | None = None
    contract_id: int | None = None
    tender_id: int | None = None


class ReferenceNotFound(BadInput):
    """No placement, invoice, contract or tender of the sender's has the reference, nor one
    with another council they named (``_related``)."""


def _related(ctx: Ctx, text: str) -> Related:
    """The sender's organisation's placement, invoice, contract or tender (one it bid for)
    with this reference; else BadInput, worded the same whether it exists elsewhere or not.

    A placement reference is a council's: a provider with an RV-0042 at two councils is asked
    which, and names the council after the reference ("RV-0042 Southshire"), never guessed."""
    word = text.strip().lower()
    organisation = ctx.person.organisation_id
    session = ctx.session
    first, *council_words = text.split() or [""]
    placements = [(placement, name) for placement, name
                  in placements_seen(session, ctx.person, [first])
                  if placement.provider_id == organisation]
    # Any council's name after the reference counts, not only the provider's: one it has no
    # such placement, contract or tender with is refused and asked again, worded the same
    # whether that council has one of that reference with someone else or not (it was "I
    # can't find ... 'RC-104 Westshire'").
    named: tuple[int, int] | None = None
    every: dict[int, str] = {}
    if council_words:
        every = council_names(session)
        named = council_named(council_words, every)
        if named is not None and named[1] != len(council_words):
            named = None  # more words than a council's name: not a council named
    placement = _at_one_council(ctx, "placement", council_words, placements, named=named)
    if placement is not None:
        return Related(placement.council_id, placement_id=placement.id)
    invoice = session.scalars(select(Invoice).where(
        func.lower(Invoice.number) == word, Invoice.issuer_id == organisation)
        .order_by(Invoice.id.desc())).first()
    if invoice is not None:
        return Related(invoice.payer_id, invoice_id=invoice.id)
    # An invoice number and the council it is to ("INV-7 Northshire"; the session's review:
    # "INV-7 Southshire" was "not a placement you have with Southshire").
    invoices = [(row, name) for row, name in session.execute(
        select(Invoice, Organisation.name)
        .join(Organisation, Organisation.id == Invoice.payer_id)
        .where(func.lower(Invoice.number) == first.lower(), Invoice.issuer_id == organisation)
        .order_by(Invoice.id.desc()))] if council_words else []
    to_it = _at_council_named(council_words, invoices, lambda row: row.payer_id)
    if to_it:
        return Related(to_it[0][0].payer_id, invoice_id=to_it[0][0].id)
    contracts = [(row, name) for row, name in session.execute(
        select(Contract, Organisation.name)
        .join(Organisation, Organisation.id == Contract.council_id)
        .where(Contract.reference == first.upper(), Contract.provider_id == organisation)
        .order_by(Organisation.name))]
    contract = _at_one_council(ctx, "contract", council_words, contracts)
    if contract is not None:
        return Related(contract.council_id, contract_id=contract.id)
    tenders = [(row, name) for row, name in session.execute(
        select(Tender, Organisation.name)
        .join(Organisation, Organisation.id == Tender.council_id)
        .join(Bid, Bid.tender_id == Tender.id)
        .where(Tender.reference == first.upper(), Bid.provider_id == organisation)
        .order_by(Organisation.name))]
    tender = _at_one_council(ctx, "tender", council_words, tenders)
    if tender is not None:
        return Related(tender.council_id, tender_id=tender.id)
    if named is not None:
        # Called a placement, contract or tender only when the provider has one of that
        # reference elsewhere; an invoice, or a reference it has none of, is "I can't find".
        what, theirs = next(((kind, rows) for kind, rows in (
            ("placement", placements), ("contract", contracts), ("tender", tenders),
            ("", invoices)) if rows), ("", []))
        raise cases.unusable(ctx.templates, "not_yours_there", field="reference", what=what,
                             reference=first.upper(), council=every[named[0]],
                             yours=sorted({name for _row, name in theirs}))
    raise ReferenceNotFound(str(cases.unusable(ctx.templates, "unknown_related",
                                               text=text.strip()[:64])), field="reference")


Row = TypeVar("Row")
Referenced = TypeVar("Referenced", Placement, Contract, Tender)


def _at_council_named(council_words: list[str], rows: list[tuple[Row, str]],
                      council_of: Callable[[Row], int], *,
                      named: tuple[int, int] | None = None) -> list[tuple[Row, str]]:
    """The sender's rows of a reference (each with its council's name) at the council named
    after it: all of them when no council is named, none when the words are not all one of
    their councils' names. A short name two councils share picks the one the sender has.

    ``named``: the council the words name among every council, when the caller read it; it
    comes first ("Northshire" is that council, not the sender's Northshire County Council)."""
    if not council_words:
        return rows
    chosen = named or council_named(council_words,
                                    {council_of(row): name for row, name in rows})
    return [(row, name) for row, name in rows
            if chosen is not None and chosen == (council_of(row), len(council_words))]


def _at_one_council(ctx: Ctx, what: str, council_words: list[str],
                    found: list[tuple[Referenced, str]], *,
                    named: tuple[int, int] | None = None) -> Referenced | None:
    """The one of the sender's placements, contracts or tenders (each with its council's
    name) of a reference: at the council named after it, if any (``_at_council_named``). A
    reference is a council's, so a provider may have a C-1 with two councils; which is asked,
    never guessed."""
    rows = _at_council_named(council_words, found, lambda row: row.council_id, named=named)
    if len(rows) > 1:
        names = [name for _row, name in rows]
        raise cases.unusable(ctx.templates, "related_ambiguous", field="reference", what=what,
                             reference=rows[0][0].reference, councils=names,
                             example=distinct_council_name(names[0], names))
    return rows[0][0] if rows else None


def check_related(value: str, ctx: Ctx) -> str:
    """A placement, invoice, contract or tender reference of the sender's own; words around it
    such as "please" are left out (``reference_answer``). Several ("INV-2041 and INV-2042":
    session 33's trial, "I can't find ...") are kept, each checked, as "INV-2041, INV-2042":
    the case is linked to the first, and names the others (``submit_conflict``)."""
    reference = reference_answer(value) or value.strip()
    several = several_references(reference)
    if several:
        councils = {_related(ctx, each).council_id for each in several}
        if len(councils) > 1:
            raise cases.unusable(ctx.templates, "related_councils", field="reference")
        return ", ".join(several)
    try:
        _related(ctx, reference)
    except ReferenceNotFound as not_found:
        _not_a_reference(ctx, value)
        # A reference as typed, not found ("RV-9999", "INV 1234"): a yes after it says it is
        # right, one the council has no record of (session 45's brief: "yes" was refused as
        # a reference in turn). Never "yes" or other words refused as one.
        words = _reference_words(value)
        not_found.may_be_right = len(words) <= MAX_REFERENCE_WORDS and any(
            _reads_as_a_reference(word) or any(character.isdigit() for character in word)
            for word in words)
        raise
    return reference


# The most words a reference not found may be typed in (a reference and a council's name).
MAX_REFERENCE_WORDS = 3


def _not_a_reference(ctx: Ctx, value: str) -> None:
    """Refuse words found no reference of the sender's that plainly are none (the review of
    session 44: after a reference refused, the description, the outcome and "yes" were each
    refused as a reference in turn, and only "skip" went on): a question, answered with how to
    answer this one, never the knowledge base's guess; a sentence (``plainly_no_reference``),
    refused with ``BadInput.goes_on``, so that the form leaves this question out and takes
    the words as the next one's answer. Else nothing: the caller refuses them as a reference
    not found."""
    if any(_reads_as_a_reference(word) for word in _reference_words(value)):
        return
    if forms.reads_as_question(value):
        raise BadInput(ctx.render("case_input.txt", problem="reference_asked",
                                  words=" ".join(value.split())), meant_here=True)
    if plainly_no_reference(value):
        raise BadInput(ctx.render("case_input.txt", problem="unknown_related",
                                  text=value.strip()[:64]), goes_on=True)


def _reference_words(value: str) -> list[str]:
    """``value``'s words without the punctuation around each (pure)."""
    return [word for word in (part.strip(".,;:!?()[]\"'\u2018\u2019\u201c\u201d")
                              for part in value.split()) if word]


def _reads_as_a_reference(word: str) -> bool:
    """Whether ``word`` may be a reference: letters then a digit ("INV-2231"), or capitals
    joined by a dash or a slash ("HV-HOMECARE"; never "re-score") (pure)."""
    return (_A_REFERENCE.fullmatch(word) is not None
            or (("-" in word or "/" in word) and word.isupper()))


def plainly_no_reference(value: str) -> bool:
    """Whether ``value`` is plainly no placement, invoice, contract or tender reference: no
    word of it may be one (``_reads_as_a_reference``), and it is four words or more ("Unpaid
    for 50 days"), or two or more with no digit at all ("Pay the rest", "fair terms") (pure)."""
    words = _reference_words(value)
    if any(_reads_as_a_reference(word) for word in words):
        return False
    return len(words) >= 4 or (len(words) >= 2 and not any(
        character.isdigit() for character in value))


_REFERENCES_APART = re.compile(r"\s*(?:[,;&+]|\band\b|\s)\s*", re.IGNORECASE)


def several_references(text: str) -> list[str]:
    """The references in ``text`` when it is two or more of them and nothing else
    ("INV-2041 and INV-2042", "RC-101, RC-102"); else [] (pure)."""
    words = [word for word in _REFERENCES_APART.split(text) if word]
    if len(words) < 2 or not all(_A_REFERENCE.fullmatch(word) for word in words):
        return []
    return list(dict.fromkeys(words))


# A word that reads as a placement, invoice, contract or tender reference: letters, then a
# digit ("RC-101", "INV-2050", "C-1").
_A_REFERENCE = re.compile(r"[A-Za-z]{1,12}[-/]?\d[\w/-]*")


# How long after its work with a council ended feedback or a disagreement may still be about it.
RECENTLY_ENDED = timedelta(days=183)


def council_for(ctx: Ctx, *, councils: set[int] | None = None) -> int:
    """The council a case goes to when nothing it is about says so: the sender's own (council
    staff); else the one council the provider works with (its contracts and placements);
    else the only council there is. A provider working with several councils is asked which
    placement or invoice it is about, rather than sent to a council it may not deal with.

    ``councils``: the provider's ``councils_of``, when the caller has read it (a question's:
    those of its current work). Else those of its work current or ended lately
    (``RECENTLY_ENDED``): feedback or a disagreement may be about work that has just ended
    (session 29's review: one about a Southshire contract ended last month went silently to
    Northshire), but not about work ended long ago (the next review: a provider with a
    contract ended years ago could send no feedback at all)."""
    if ctx.person.organisation.kind == OrganisationKind.COUNCIL:
        return ctx.person.organisation_id
    if councils is None:
        councils = councils_of(ctx.session, ctx.person.organisation_id,
                               on=ctx.now.date() - RECENTLY_ENDED)
    if len(councils) == 1:
        return next(iter(councils))
    names = sorted(ctx.session.scalars(select(Organisation.name).where(
        Organisation.id.in_(councils)))) if councils else []
    raise cases.unusable(ctx.templates, "which_council", councils=names, field="reference")


def _notify_all(ctx: Ctx, notifications: tuple[Notification, ...] | list[Notification]
                ) -> None:
    for notification in notifications:
        ctx.notify(notification)


def _owner_name(ctx: Ctx, case: Case) -> str:
    owner = ctx.session.get(Person, case.assignee_id)
    return owner.name if owner is not None else "the council"


# -- raising ----------------------------------------------------------------------------------
def feedback_command(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/feedback [TEXT]: start the feedback form (the text, if given, is the first answer)."""
    try:
        council_for(ctx)  # before any question, so nobody fills in a form that can't go
    except BadInput:
        return [Reply(text=ctx.render("case_refused.txt", problem="feedback_several_councils"))]
    initial = {"text": ctx.args} if ctx.args.strip() else None
    return forms.start(ctx, FEEDBACK_FORM.form_id, initial=initial)


def conflict_command(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/conflict [TEXT]: start the disagreement form, the text its story; a first word that
    names what it is about ("/conflict payment INV-2050 ...") and a reference of the sender's
    in it are taken too (session 33's trial: "What is it about?" was still asked)."""
    words = ctx.args.strip()
    if not words:
        return forms.start(ctx, CONFLICT_FORM.form_id)
    initial = {"description": words}
    first = words.split()[0].strip(".,;:-")
    about = forms.match_choice(PART_CHOICES, first) if first.isalpha() else None
    if about is not None:
        initial["about"] = about
    rest = words.split()[1:] if about is not None else words.split()
    for word in rest:
        reference = word.strip(".,;:()")
        if not _A_REFERENCE.fullmatch(reference):
            continue
        try:
            related = _related(ctx, reference)
        except BadInput:
            continue
        initial["reference"] = reference
        # ... and what it is about, when the reference says it: an invoice is a payment, a
        # tender the procurement, a contract the contract (session 43's trial: "/conflict
        # invoice RCH-1022 is 5 weeks late ..." was still asked "What is it about?"); a
        # placement may be its review or its funding, so that is asked. The summary shows it
        # before anything is sent.
        said = ("payment" if related.invoice_id is not None
                else "procurement" if related.tender_id is not None
                else "contract" if related.contract_id is not None else None)
        # ... only when it is the one reference in the words and not denied ("about the RC-5
        # review, not INV-301": the session's review, filed as Payment).
        shaped = [other for other in rest if _A_REFERENCE.fullmatch(other.strip(".,;:()'s"))]
        denied = re.search(r"\b(?:not|separate from|nothing to do with|apart from)\W+(?:\w+\W+)?"
                           + re.escape(reference), words, re.IGNORECASE)
        if "about" not in initial and said is not None and len(shaped) == 1 and not denied:
            initial["about"] = cases.CATEGORY_TITLES[said]
        rest = [other for other in rest if other is not word]
        break
    if not any(character.isalpha() for character in " ".join(rest)):
        del initial["description"]  # "/conflict payment INV-7": the story is still asked
    return forms.start(ctx, CONFLICT_FORM.form_id, initial=initial)


# The same words sent again within this time (a form sent twice, a retry) open no second case.
SAME_WORDS_WINDOW = timedelta(hours=24)


def _sent_already(ctx: Ctx, kind: CaseKind, description: str, raised_by_id: int | None,
                  *, council_id: int, about: dict[str, int | None] | None = None
                  ) -> Reply | None:
    """The reply for words that opened a case of this kind within ``SAME_WORDS_WINDOW``
    (session 22's review: the same feedback sent twice made two cases, both in the
    commissioner's digest), or None. Anonymous feedback is matched by its organisation, as
    nothing links it to a person."""
    sender = (Case.raised_by_id == raised_by_id if raised_by_id is not None
              else and_(Case.raised_by_id.is_(None), Case.provider_id == _provider_of(ctx)))
    # The same council and the same placement, invoice, contract or tender (the session's
    # code review: two disputes in the same generic words about different invoices are two).
    same = [getattr(Case, column) == value if value is not None
            else getattr(Case, column).is_(None) for column, value in (about or {}).items()]
    reference = ctx.session.scalars(select(Case.reference).where(
        Case.kind == kind, Case.opened_at >= ctx.now - SAME_WORDS_WINDOW,
        Case.description == description.strip()[:cases.MAX_DESCRIPTION], sender,
        Case.council_id == council_id, *same)
        .order_by(Case.id.desc())).first()
    if reference is None:
        return None
    return Reply(text=ctx.render("case_raised.txt", kind="again", reference=reference,
                                 anonymous=raised_by_id is None))


def submit_feedback(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Open a feedback case from the completed form; sent anonymously with words that say who
    sent it (a placement reference, an invoice number, the organisation's name), ask first."""
    values = incoming.form_values
    anonymous = values["anonymous"] == ANONYMOUS_CHOICES[0]
    named = _named_sender(values["text"], ctx) if anonymous else []
    if named:
        held = json.dumps({name: values.get(name) or "" for name in _HELD})
        replies = forms.start(ctx, IDENTIFIES_FORM.form_id, initial={"held": held})
        return forms.with_note(replies, ctx.render(
            "feedback_identifies.txt", named=[word for word, _kind in named],
            organisation=_provider_name(ctx), words="",
            placements_only=all(kind == "placement" for _word, kind in named)))
    return _send_feedback(values, anonymous, ctx)


# Anonymous feedback whose words name one of the sender's placements, invoices, contracts or
# tenders bid for, or their organisation (session 32's trial: "the council sees neither your
# name nor your organisation", while the words named RC-101, which its commissioner knows to
# be theirs): what to do, asked first.
IDENTIFIES_CHOICES = ("Send without them", "Change my words", "Send anyway")
_HELD = ("part", "pledge", "rating", "text")
_NAMED_INSTEAD = {"placement": "[placement]", "invoice": "[invoice]",
                  "contract": "[contract]", "tender": "[tender]",
                  "organisation": "[our organisation]"}
IDENTIFIES_FORM = Form(form_id="feedback.identifies", title="Feedback", fields=(
    # The feedback's answers, given when the form starts (never asked): prose, so that
    # another form started meanwhile does not throw them away.
    FormField(name="held", label="Your feedback", max_length=cases.MAX_DESCRIPTION + 1000,
              prose=True),
    FormField(name="send", label="How would you like to send it?",
              hint="Without them, each is put as " + ", ".join(
                  f'"{instead}"' for instead in _NAMED_INSTEAD.values()) + ".",
              choices=IDENTIFIES_CHOICES),
))
# The words of an organisation's name that say nothing of which one it is ("Riverside Care
# Homes Ltd" is known as "Riverside" too).
_GENERIC_NAME_WORDS = frozenset((
    "the", "and", "of", "care", "homes", "home", "ltd", "limited", "services", "service",
    "group", "healthcare", "health", "support", "living", "lodge", "house", "plc", "cic", "uk",
    "agency", "nursing", "residential", "domiciliary", "community", "trust", "partnership",
    "solutions", "company", "co"))


def _provider_name(ctx: Ctx) -> str:
    return ctx.session.get_one(Organisation, ctx.person.organisation_id).name


def _named_sender(text: str, ctx: Ctx) -> list[tuple[str, str]]:
    """The words of ``text`` that say which provider wrote it, as typed, with what they are:
    its placement references, invoice numbers, contract references and the references of
    tenders it bid for, and the organisation's name (whole, or without its generic words: with
    its capitals, or in any case when a word of it is no English word: "hillview")."""
    # A reference: a word with a digit or a separator in it ("RV-0042", "INV-7", "HV-HOMECARE").
    words = {word.rstrip("/_.-").upper(): word.rstrip("/_.-")
             for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}", text)
             if any(char.isdigit() or char in "/_.-" for char in word.rstrip("/_.-"))}
    named: list[tuple[str, str]] = []
    if words:
        asked = sorted(words)[:50]
        mine = ctx.person.organisation_id
        theirs: dict[str, str] = {}
        for kind, column, query in (
                ("placement", Placement.reference,
                 select(Placement.reference).where(Placement.provider_id == mine)),
                ("invoice", Invoice.number,
                 select(Invoice.number).where(Invoice.issuer_id == mine)),
                ("contract", Contract.reference,
                 select(Contract.reference).where(Contract.provider_id == mine)),
                # A tender it bid for: the council knows its bidders.
                ("tender", Tender.reference,
                 select(Tender.reference).join(Bid, Bid.tender_id == Tender.id)
                 .where(Bid.provider_id == mine))):
            for reference in ctx.session.scalars(query.where(func.upper(column).in_(asked))):
                theirs.setdefault(reference.upper(), kind)
        named = [(typed, theirs[upper]) for upper, typed in words.items() if upper in theirs]
    organisation = _provider_name(ctx)
    distinctive = " ".join(word for word in organisation.split()
                           if word.casefold().strip(".,&()") not in _GENERIC_NAME_WORDS)
    # The short form as typed with its capitals ("we hope the council" is no "Hope Care"),
    # unless a word of it is none of English's ("hillview": session 33's brief).
    english = english_words()
    short_any_case = any(word not in english for word in re.findall(r"[a-z]+",
                                                                    distinctive.casefold()))
    for name, flags in ((organisation, re.IGNORECASE),
                        (distinctive, re.IGNORECASE if short_any_case else re.NOFLAG)):
        found = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags)
        if len(name) >= 4 and found is not None:
            named.append((found.group(0), "organisation"))
            break
    return named


def _without_named(text: str, named: list[tuple[str, str]]) -> str:
    """``text`` with each of the ``named`` words put as what it is ("[placement]")."""
    for word, kind in named:
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", _NAMED_INSTEAD[kind], text,
                      flags=re.IGNORECASE)
    return text


def submit_identifying(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Anonymous feedback whose words say who sent it: sent without those words, sent as it
    is, or its words asked for again (its other answers kept)."""
    held = json.loads(incoming.form_values["held"])
    choice = incoming.form_values["send"]
    values = {name: str(held.get(name) or "") for name in _HELD}
    values["anonymous"] = ANONYMOUS_CHOICES[0]
    if choice == IDENTIFIES_CHOICES[1]:
        kept = {name: values[name] for name in ("part", "pledge", "rating") if values[name]}
        replies = forms.start(ctx, FEEDBACK_FORM.form_id, initial=kept,
                              skipped=[name for name in ("pledge",) if not values[name]])
        return forms.with_note(replies, ctx.render(
            "feedback_identifies.txt", named=[], organisation="", words=values["text"],
            placements_only=False))
    named = _named_sender(values["text"], ctx)
    if choice == IDENTIFIES_CHOICES[0]:
        values["text"] = _without_named(values["text"], named)
        named = []
    # Sent anyway: the thanks does not say the council cannot tell who sent it (the session's
    # review).
    return _send_feedback(values, True, ctx, named_anyway=named)


def _send_feedback(values: Mapping[str, str], anonymous: bool, ctx: Ctx, *,
                   named_anyway: Sequence[tuple[str, str]] = ()) -> list[Reply]:
    """Open the feedback case and tell its owner."""
    again = _sent_already(ctx, CaseKind.FEEDBACK, values["text"],
                          None if anonymous else ctx.person.id, council_id=council_for(ctx))
    if again is not None:
        return [again]
    pledges = tuple(int(n) for n in values.get("pledge", "").split(",") if n)
    new = cases.NewCase(
        kind=CaseKind.FEEDBACK, category=_category(values["part"], ctx),
        council_id=council_for(ctx), description=values["text"],
        provider_id=_provider_of(ctx), raised_by_id=None if anonymous else ctx.person.id,
        pledges=pledges, rating=int(values["rating"]))
    case, notifications = cases.open_case(ctx.session, new, settings=ctx.settings,
                                          policy=ctx.deps.sla, calendar=ctx.deps.calendar,
                                          now=ctx.now, templates=ctx.templates)
    _notify_all(ctx, notifications)
    audit.record(ctx.session, "case.opened", actor_id=None if anonymous else ctx.person.id,
                 subject=f"case:{case.reference}", at=ctx.now, kind="feedback",
                 anonymous=anonymous)
    return [Reply(text=_told_removed(ctx.render(
        "case_raised.txt", kind="feedback", reference=case.reference, anonymous=anonymous,
        owner=_owner_name(ctx, case),
        named_anyway=" and ".join(typed for typed, _ in named_anyway)), values["text"], ctx))]


def _told_removed(text: str, words: str, ctx: Ctx) -> str:
    """``text``, with a line telling what ``check_description`` took out of ``words``."""
    return cases.identifiers_noted(text, words, ctx.templates)


def check_conflict(values: Mapping[str, str], ctx: Ctx) -> None:
    """Before the disagreement's answers are shown back to send: whose council it goes to,
    refused (BadInput at its placement question) as ``submit_conflict`` would refuse it."""
    if values.get("reference"):
        _related(ctx, values["reference"].split(", ")[0])
    else:
        council_for(ctx)


def submit_conflict(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Open a conflict case from the completed form and tell its owner."""
    values = dict(incoming.form_values)
    # Several references: the case is linked to the first; its words name the others.
    linked, *also = (values.get("reference") or "").split(", ")
    if also:
        values["reference"] = linked
        named = [other for other in also
                 if other.casefold() not in values["description"].casefold()]
        if named:
            values["description"] += "\n" + ctx.render("case_step.txt", step="also_about",
                                                       references=named)
    related = _related(ctx, values["reference"]) if values.get("reference") else None
    again = _sent_already(
        ctx, CaseKind.CONFLICT, values["description"], ctx.person.id,
        council_id=related.council_id if related is not None else council_for(ctx),
        about={"placement_id": related.placement_id if related is not None else None,
               "invoice_id": related.invoice_id if related is not None else None,
               "contract_id": related.contract_id if related is not None else None,
               "tender_id": related.tender_id if related is not None else None})
    if again is not None:
        return [again]
    new = cases.NewCase(
        kind=CaseKind.CONFLICT, category=_category(values["about"], ctx),
        council_id=related.council_id if related is not None else council_for(ctx),
        description=values["description"], provider_id=_provider_of(ctx),
        raised_by_id=ctx.person.id,
        placement_id=related.placement_id if related is not None else None,
        invoice_id=related.invoice_id if related is not None else None,
        contract_id=related.contract_id if related is not None else None,
        tender_id=related.tender_id if related is not None else None,
        outcome_wanted=values["outcome"])
    case, notifications = cases.open_case(ctx.session, new, settings=ctx.settings,
                                          policy=ctx.deps.sla, calendar=ctx.deps.calendar,
                                          now=ctx.now, templates=ctx.templates)
    _notify_all(ctx, notifications)
    ctx.audit("case.opened", subject=f"case:{case.reference}", kind="conflict")
    return [Reply(text=_told_removed(ctx.render(
        "case_raised.txt", kind="conflict", reference=case.reference,
        owner=_owner_name(ctx, case),
        acknowledge_by=cases.when(case.acknowledge_due_at, ctx.settings.timezone),
        resolve_by=cases.resolve_words(ctx.session, case, now=ctx.now,
                                       timezone=ctx.settings.timezone, templates=ctx.templates),
        linked=linked, also=also), f"{values['description']}\n{values['outcome']}", ctx))]


def _provider_of(ctx: Ctx) -> int | None:
    return ctx.person.organisation_id if ctx.person.role == Role.PROVIDER else None


# -- reading ----------------------------------------------------------------------------------
def _age(case: Case, now: datetime, timezone: str) -> str:
    days = days_open(case.opened_at, now, timezone)  # as the digest says it (session 26)
    return "today" if days < 1 else f"{days} day{'s' if days != 1 else ''}"


def list_cases(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/cases [all]: the cases I may see, active ones unless 'all': the council's people the
    most urgent first (``most_urgent_first``), a provider newest first."""
    word = " ".join(command_words(ctx.args))  # "/cases please" (session 34's brief)
    if word not in ("", "all", "open", "closed"):
        raise cases.unusable(ctx.templates, "list", command="cases", unclear=ctx.args.strip())
    query = select(Case).where(cases.visible_to(ctx.person))
    if word in ("", "open"):
        query = query.where(Case.status.not_in(cases.CLOSED))
    elif word == "closed":
        query = query.where(Case.status.in_(cases.CLOSED))
    total = ctx.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    staff = ctx.person.role != Role.PROVIDER
    # The council's people read the most urgent first; a provider its own, newest first.
    order = (cases.most_urgent_first(ctx.now) if staff
             else (Case.opened_at.desc(), Case.id.desc()))
    found = ctx.session.scalars(query.order_by(*order).limit(MAX_LISTED)).all()
    escalated = cases.latest_escalations(ctx.session, found)
    whose = cases.whose_for_council(ctx.session, found) if staff else {}
    rows = [{
        "reference": case.reference,
        "kind": case.kind.value.capitalize(),
        "category": cases.category_title(case),
        # The council's people read an acknowledgement past its time (session 36's trial: the
        # hub's concern, a day past its one hour, read "not yet acknowledged").
        "status": (cases.OVERDUE_WORDS if staff and cases.acknowledgement_overdue(case, ctx.now)
                   else cases.STATUS_WORDS[case.status]),
        "whose": whose.get(case.reference, ""),
        "age": _age(case, ctx.now, ctx.settings.timezone),
        "level": escalated[case.id].level if case.id in escalated else 0,
        "yours": case.assignee_id == ctx.person.id,
        "summary": case.summary,
    } for case in found]
    return [Reply(text=ctx.render("case_list.txt", rows=rows, total=total, which=word or "open",
                                  shown=len(rows), provider=ctx.person.role == Role.PROVIDER))]


def show_case(ctx: Ctx, case: Case) -> Reply:
    """A case's detail and history, with the buttons for what this person can do next."""
    zone = ctx.settings.timezone
    timeline = []
    resolution = None  # the words it was resolved with (session 21: only in the history)
    # Its provider reads who it was passed to by role, never the council's ladder's levels
    # nor who was passed over (session 35's trial).
    its_provider = (ctx.person.role == Role.PROVIDER
                    and ctx.person.organisation_id == case.provider_id)
    for event, name in cases.history(ctx.session, case):
        if event.action in cases.COUNCIL_ONLY_EVENTS and ctx.person.role not in COUNCIL_STAFF:
            continue  # an internal note: the council's staff alone read it
        if event.action in ("resolved", "accepted") and event.text:
            resolution = event.text
        actor = cases.actor_words(case, event.action, name)
        text = event.text or ""
        owner = (event.detail or {}).get("assignee_id")
        if event.action == "opened" and ctx.person.role == Role.PROVIDER and owner is not None:
            # How it was routed ("routing rule 2") is the council's business (session 24's
            # trial): the provider sees to whom.
            text = ctx.render("case_history.txt", event="opened", reason=None,
                              owner=cases.name_of(ctx.session, owner))
        if event.action == "escalated" and its_provider:
            text = _escalation_for_provider(ctx, case, event.detail or {})
        timeline.append({"when": cases.when(event.at, zone), "who": actor,
                         "action": event.action.replace("_", " "), "text": text})
    provider = (ctx.session.get(Organisation, case.provider_id)
                if case.provider_id is not None else None)
    if cases.hides_provider(case) and not (ctx.person.role == Role.PROVIDER
                                           and ctx.person.organisation_id == case.provider_id):
        provider = None  # the council is not told whose anonymous feedback it is
    if provider is None and case.placement_id is not None and ctx.person.role != Role.PROVIDER:
        # A concern the council raised about a provider's placement: the council reads whose
        # (the provider does not see the case).
        placement = ctx.session.get(Placement, case.placement_id)
        provider = (ctx.session.get(Organisation, placement.provider_id)
                    if placement is not None else None)
    # Its provider's people read whose RC-104 it is when they hold one at two councils.
    about = cases_about(ctx.session, [case]).get(case.id)
    related = (None if about is None else about.provider if its_provider else about.council)
    text = ctx.render(
        "case_detail.txt", case=case, kind=case.kind.value.capitalize(),
        category=cases.category_title(case),
        # Worded as /cases words it for the council's people (the session's review: "open, not
        # yet acknowledged" here beside the list's "acknowledgement OVERDUE").
        status=(cases.OVERDUE_WORDS if ctx.person.role != Role.PROVIDER
                and cases.acknowledgement_overdue(case, ctx.now)
                else cases.STATUS_WORDS[case.status]),
        owner=_owner_name(ctx, case),
        provider=provider.name if provider is not None else None,
        related=related,
        pledges=", ".join(str(p) for p in case.pledges or ()),
        acknowledge_by=cases.when(case.acknowledge_due_at, zone),
        resolve_by=cases.resolve_words(ctx.session, case, now=ctx.now, timezone=zone,
                                       templates=ctx.templates),
        # A time already gone is said as overdue since then (session 36's trial: "Acknowledge
        # by Thu 3 Dec 2026 17:00" read the next morning as if still to come).
        acknowledge_late=case.acknowledge_due_at < ctx.now,
        resolve_late=case.resolve_due_at < ctx.now,
        anonymous=case.raised_by_id is None,
        timeline=timeline, closed=case.status in cases.CLOSED,
        escalated=_escalated_to(ctx, case, provider_view=its_provider),
        resolution=resolution if case.status == CaseStatus.RESOLVED else None)
    return Reply(text=text, buttons=_buttons_for(ctx, case))


def _escalated_to(ctx: Ctx, case: Case, *, provider_view: bool) -> dict[str, object] | None:
    """Whom the case was last escalated to, for its status line: the level its history ends
    at (``latest_escalations``) for the council, by role for its provider; None if never."""
    latest = cases.latest_escalations(ctx.session, [case]).get(case.id)
    if latest is None:
        return None
    return {"level": latest.level, "provider": provider_view,
            "name": latest.to.name if latest.to is not None else "nobody",
            "role": cases.role_words(latest.to, case) if latest.to is not None else ""}


def _escalation_for_provider(ctx: Ctx, case: Case, detail: Mapping[str, object]) -> str:
    """An escalation in the case's history as its provider reads it: to whom, by role."""
    to = detail.get("to")
    person = ctx.session.get(Person, to) if isinstance(to, int) else None
    return ctx.render("case_history.txt", event="escalated", reason=detail.get("reason"),
                      ended=bool(detail.get("ended")),
                      target=person.name if person is not None else "the council",
                      role=(cases.role_words(person, case) if person is not None
                            else "a senior colleague"))


def _buttons_for(ctx: Ctx, case: Case) -> tuple[Button, ...]:
    """What this person can do next with the case, as buttons."""
    who = cases.side(ctx.person, case, ctx.templates)
    if case.status in cases.CLOSED:
        until = (cases.reopen_until(ctx.session, case, ctx.deps.sla) if who == "provider"
                 else None)
        reopenable = until is not None and ctx.now <= until
        return buttons_for(case.reference, [("Reopen", cases.REOPEN)]) if reopenable else ()
    ref = case.reference
    labels: list[tuple[str, str]] = []
    # Only what the person may do: a commissioner who is not the owner's side comments; a
    # resolution waits for the provider's answer; a concern is not withdrawn (the session's
    # code review: the other buttons only brought a refusal).
    if who in ("council", "admin") and cases.decides(ctx.session, ctx.person, case,
                                                      ctx.now.date()):
        if case.status == CaseStatus.OPEN:
            labels.append(("Acknowledge", cases.ACKNOWLEDGE))
        if case.raised_by_id is not None:
            labels.append(("Ask for information", cases.ASK))
            if case.status != CaseStatus.RESOLUTION_PROPOSED:
                labels.append(("Propose a resolution", cases.PROPOSE))
        if case.status != CaseStatus.RESOLUTION_PROPOSED:
            labels.append(("Resolve", cases.RESOLVE))
        labels.append(("Reassign", cases.REASSIGN))
    if who == "provider":
        if case.status == CaseStatus.RESOLUTION_PROPOSED:
            labels += [("Accept", cases.ACCEPT), ("Reject", cases.REJECT)]
        labels.append(("Comment", cases.COMMENT))
        if case.kind != CaseKind.SAFEGUARDING:
            labels.append(("Withdraw", cases.WITHDRAW))
    if who == "council":
        labels.append(("Comment", cases.COMMENT))
    return buttons_for(ref, labels)


# -- acting -----------------------------------------------------------------------------------
def case_command(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/case REF [ACTION [TEXT]]: show a case, or act on it."""
    reference, _, rest = ctx.args.strip().partition(" ")
    if not reference:
        return [Reply(text=ctx.render("case_usage.txt", action=None,
                                      provider=ctx.person.role == Role.PROVIDER))]
    typed, _, text = rest.strip().partition(" ")
    action = action_meant(typed)
    if not action:
        case = cases.find(ctx.session, ctx.person, reference, templates=ctx.templates)
        return [show_case(ctx, case)]
    if action not in ACTIONS:
        # Checked after find, so an unknown action never tells whether a case exists.
        cases.find(ctx.session, ctx.person, reference, templates=ctx.templates)
        raise BadInput(ctx.render("case_usage.txt", action=typed[:30],
                                  meant=_close_action(action),
                                  provider=ctx.person.role == Role.PROVIDER))
    case = cases.find(ctx.session, ctx.person, reference, templates=ctx.templates,
                      for_update=True)
    if action == "note" and not text.strip():
        cases.side(ctx.person, case, ctx.templates)
        raise BadInput(ctx.render("case_refused.txt", problem="note_words",
                                  reference=case.reference))
    if not text.strip() and action in ASKED_FOR_TEXT:
        return _ask_for_text(ctx, case, action)
    if action == "reject":
        return _reject(ctx, case, text.strip())
    said = text.strip()
    if said and action in _TAKE_NO_WORDS:
        # Words after an action that takes none are kept as a comment, not dropped (session
        # 34's trial: "/case REF acknowledge extra words here" lost them): before accepting,
        # which closes the case, and after acknowledging, which the comment then follows.
        steps = ([_act(ctx, case, "comment", said), _act(ctx, case, action, "")]
                 if action == "accept" else
                 [_act(ctx, case, action, ""), _act(ctx, case, "comment", said)])
        done = Reply(text="\n".join(step.text for step in steps))
    else:
        done = _act(ctx, case, action, said)
    # Done in full by the command: the same action's form, if it waits, has nothing left to
    # ask (session 21's review: it stayed open and took the next question as an e-mail).
    forms.close_if_open(ctx, cases.button_action(action), reference=case.reference)
    if action == "comment":  # what would work, said by command after a rejection
        forms.close_if_open(ctx, WHY_REJECTED_FORM.form_id, reference=case.reference)
        forms.close_if_open(ctx, ANSWER_FORM.form_id, reference=case.reference)
    return [done]


# Actions that take no words of their own.
_TAKE_NO_WORDS = ("acknowledge", "accept")


# Actions whose words are required: typed without them, the command asks for them (the same
# one-question form as the action's button), so the next line is for the case.
ASKED_FOR_TEXT = ("ask", "comment", "propose", "resolve", "reassign", "reopen")


def _ask_for_text(ctx: Ctx, case: Case, action: str) -> list[Reply]:
    """``/case REF ACTION`` without its words: check the action is theirs to take now, then
    ask for the words."""
    cases.check_can(ctx.session, ctx.person, case, action, ctx.templates, now=ctx.now,
                    policy=ctx.deps.sla)
    return forms.start(ctx, _comment_form(ctx, case, action),
                       initial={"reference": case.reference})


# ``Context.marks`` key: harm the safeguarding middleware read in the provider's comment on a
# concern (the placement references it is about): the hub's message is an URGENT update on the
# concern, as a reply typed with harm is (session 44's brief: an answer through the Reply button,
# "yes he hit her again last night", opened a second URGENT case).
HARM_TOLD = "cases.harm_told"


def _act(ctx: Ctx, case: Case, action: str, text: str) -> Reply:
    zone = ctx.settings.timezone
    session, person, now = ctx.session, ctx.person, ctx.now
    templates = ctx.templates
    policy, calendar = ctx.deps.sla, ctx.deps.calendar
    if action == "acknowledge":
        step = cases.acknowledge(session, case, person, now=now, timezone=zone,
                                 templates=templates, policy=policy, calendar=calendar)
    elif action == "ask":
        step = cases.ask_information(session, case, person, text, now=now, templates=templates)
    elif action == "comment":
        harm = ctx.marks.pop(HARM_TOLD, None) if case.kind == CaseKind.SAFEGUARDING else None
        step = cases.comment(session, case, person, text, now=now, templates=templates,
                             policy=policy, calendar=calendar, update=harm,
                             urgent=harm is not None)
    elif action == "note":
        step = cases.note(session, case, person, text, now=now, templates=templates)
    elif action == "propose":
        step = cases.propose(session, case, person, text, now=now, templates=templates,
                             policy=policy, calendar=calendar)
    elif action == "resolve":
        step = cases.resolve(session, case, person, text, now=now, templates=templates,
                             policy=policy)
    elif action == "reassign":
        # Before looking anyone up; whether they may take it back is read once.
        passed_on = person.id != case.assignee_id and cases.passed_on_by(session, person,
                                                                         case, now.date())
        cases.check_can(session, person, case, "reassign", templates, now=now, policy=policy,
                        passed_on=passed_on)
        if not text.strip():
            raise cases.refused(templates, "reassign_to_whom")
        to, meant = ((person, []) if _ME.fullmatch(" ".join(text.lower().split()))
                     else cases.owner_named(session, case, text))
        if to is None:  # worded as for someone who may not own it: no address oracle
            raise cases.refused(templates, "not_commissioner", email=text.strip()[:254],
                                meant=meant, reference=case.reference, field="text",
                                typed=" ".join(text.split())[:254])
        step = cases.reassign(session, case, person, to, now=now, timezone=zone,
                              templates=templates, passed_on=passed_on)
    elif action == "accept":
        step = cases.accept(session, case, person, now=now, templates=templates)
    elif action == "reject":
        step = cases.reject(session, case, person, text, now=now, templates=templates,
                            policy=policy, calendar=calendar)
    elif action == "reopen":
        step = cases.reopen(session, case, person, text, now=now, policy=policy,
                            calendar=calendar, templates=templates)
    else:
        step = cases.withdraw(session, case, person, text, now=now, templates=templates)
    _notify_all(ctx, step.notifications)
    if cases.anonymous(case) and ctx.person.role == Role.PROVIDER:
        # Nothing links an anonymous case to its sender's side, the audit log included.
        audit.record(ctx.session, f"case.{action}", actor_id=None,
                     subject=f"case:{case.reference}", at=ctx.now, anonymous=True)
    else:
        ctx.audit(f"case.{action}", subject=f"case:{case.reference}")
    return Reply(text=step.message)


ACTIONS = ("acknowledge", "ask", "comment", "propose", "resolve", "reassign", "accept",
           "reject", "withdraw", "reopen", "note")


def action_meant(typed: str) -> str:
    """The action a word after ``/case REF`` names: the action itself, its past tense or
    another ending ("acknowledged", "resolved"), or the first three letters or more of one
    action alone ("ack", "ackn"); else the word as typed, in lower case (session 34's trial:
    the hub's "acknowledged" and "ack" got "I don't know how to ..." on the 60-minute
    safeguarding path)."""
    word = typed.lower().strip(".,;:!?")
    if word in ACTIONS:
        return word
    ending = [action for action in ACTIONS if word.startswith(action)
              and word[len(action):] in ("d", "ed", "s", "es", "ing", "n", "ment")]
    # "not" is a word of its own, never "note" begun.
    begun = [action for action in ACTIONS
             if len(word) >= 3 and action.startswith(word) and action != "note"]
    for found in (ending, begun):
        if len(found) == 1:
            return found[0]
    return typed.lower()


def _close_action(typed: str) -> str | None:
    """The action a mistyped word is nearest to, for "Did you mean ...?", or None."""
    close = difflib.get_close_matches(typed, ACTIONS, n=1, cutoff=0.75)
    return close[0] if close else None
# The labels of the case buttons (``show_case``'s and the notifications'), all but the
# action forms' titles: typed with no such button on offer, they are told so.
BUTTON_LABELS = ("Acknowledge", "Show the case", "Accept", "Reject", "Reply",
                 *(title for title, _label in ACTION_FORMS.values()))
# What a commissioner types for Acknowledge (session 33's trial: "ack" became a question).
ACKNOWLEDGE_WORDS = ("ack", "ackd", "ack'd", "acked", "acknowledged", "acknowledge it",
                     "ack it", "acknowledged thanks", "ack thanks")
# "/case REF reassign me": the one typing (session 43's brief: taking back a case passed on).
_ME = re.compile(r"(?:(?:back )?to )?(?:me|myself)(?: back)?")

# "no keep it with me", "undo that" straight after passing a case on (session 43's trial: "I
# don't know"): the case is taken back, while ``cases.passed_on_by`` allows it.
TAKE_BACK_ROUTE = "case-take-back"
TAKE_BACK_MINUTES = 30
_TAKE_BACK = re.compile(
    r"(?:(?:oh|oops|sorry|wait|no|nope|actually|actualy|hang on|hold on|my mistake|my bad"
    r"|ah|erm|um)\W+)*(?:(?:no\W+)?keep (?:it|that|this|the case)(?: with me| myself"
    r"| mine| please)*|undo(?: that| it| the reassign(?:ment)?| please)*|take it back"
    r"|(?:give|put|pass|send) it back(?: to me)?(?: please)?|i(?:ll| will) keep it"
    r"|(?:it was|that was|i meant|meant) (?:to keep it|mine))")


def takes_back(text: str) -> str | None:
    """``text`` when it only asks to undo a step just taken or keep the case ("oh wait no
    keep it with me", "undo that"; pure); else None."""
    words = " ".join(re.sub(r"[^a-z ]", " ", apostrophes_dropped(text)).split())
    return text if _TAKE_BACK.fullmatch(words) else None


def take_back(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The case this person passed on in the last ``TAKE_BACK_MINUTES``, while they may take it
    back (``cases.passed_on_by``): asked first, "Undo passing REF to NAME?" with Yes and No
    (session 44's brief: "undo that" undid it unasked, and may have meant something else);
    else the words go on (small talk's "undo that")."""
    if ctx.person.role not in COUNCIL_STAFF:
        return ctx.registry.pass_on(TAKE_BACK_ROUTE, incoming, ctx)
    passed = ctx.session.scalars(select(CaseEvent).where(
        CaseEvent.actor_id == ctx.person.id, CaseEvent.action == "reassigned",
        CaseEvent.at >= ctx.now - timedelta(minutes=TAKE_BACK_MINUTES))
        .order_by(CaseEvent.id.desc()).limit(1)).first()
    case = ctx.session.get(Case, passed.case_id) if passed is not None else None
    if (passed is None or case is None
            or not cases.passed_on_by(ctx.session, ctx.person, case, ctx.now.date())):
        return ctx.registry.pass_on(TAKE_BACK_ROUTE, incoming, ctx)
    return [Reply(text=ctx.render("case_step.txt", step="take_back_asked",
                                  reference=case.reference,
                                  owner=cases.name_of(ctx.session, case.assignee_id)),
                  buttons=(Button(label="Yes", action=TAKE_BACK_BUTTON, value=f"yes:{passed.id}"),
                           Button(label="No", action=TAKE_BACK_BUTTON, value=f"no:{passed.id}")))]


# The Yes and No under "Undo passing REF to NAME?": the value is the answer and the id of the
# reassignment asked about.
TAKE_BACK_BUTTON = "case.take-back"
_TAKE_BACK_VALUE = re.compile(r"(yes|no):(\d{1,12})")


def take_back_button(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Yes: the reassignment asked about is undone, its new owner told, while it is still the
    case's last and the one who made it may take the case back (``cases.passed_on_by``);
    pressed again, or too late, nothing is done twice. No: nothing changes."""
    found = _TAKE_BACK_VALUE.fullmatch(incoming.action_value or "")
    passed = ctx.session.get(CaseEvent, int(found.group(2))) if found is not None else None
    if (found is None or passed is None or passed.action != "reassigned"
            or passed.actor_id != ctx.person.id):  # a forged press, or another's question
        return [Reply(text=ctx.render("case_step.txt", step="take_back_none"))]
    case = ctx.session.get_one(Case, passed.case_id, with_for_update=True)
    owner = cases.name_of(ctx.session, case.assignee_id)
    yours = case.assignee_id == ctx.person.id
    if found.group(1) == "no":
        return [Reply(text=ctx.render("case_step.txt", step="take_back_kept",
                                      reference=case.reference, owner=owner, yours=yours))]
    latest = ctx.session.scalars(select(CaseEvent.id).where(
        CaseEvent.case_id == case.id, CaseEvent.action == "reassigned")
        .order_by(CaseEvent.id.desc()).limit(1)).first()
    if latest != passed.id or not cases.passed_on_by(ctx.session, ctx.person, case,
                                                     ctx.now.date()):
        return [Reply(text=ctx.render("case_step.txt", step="take_back_late",
                                      reference=case.reference, owner=owner, yours=yours))]
    step = cases.reassign(ctx.session, case, ctx.person, ctx.person, now=ctx.now,
                          timezone=ctx.settings.timezone, templates=ctx.templates,
                          passed_on=True)
    _notify_all(ctx, step.notifications)
    ctx.audit("case.reassign", subject=f"case:{case.reference}")
    return [Reply(text=ctx.render("case_step.txt", step="taken_back", reference=case.reference,
                                  owner=owner))]


# A yes typed again once "Undo passing REF to NAME?" was answered yes (session 45's brief: it
# was "I wasn't waiting for a yes or no").
TAKE_BACK_AGAIN_ROUTE = "case-take-back-again"


def take_back_answered_again(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A bare yes from council staff whose last step, in the last ``TAKE_BACK_MINUTES``, took
    back a case they had passed on, with nothing shown to them since: "That's done already",
    and what was done (nothing is done twice); else the words go on."""
    if ctx.person.role not in COUNCIL_STAFF or ctx.match != "yes":
        return ctx.registry.pass_on(TAKE_BACK_AGAIN_ROUTE, incoming, ctx)
    taken = ctx.session.scalars(select(CaseEvent).where(
        CaseEvent.actor_id == ctx.person.id,
        CaseEvent.at >= ctx.now - timedelta(minutes=TAKE_BACK_MINUTES))
        .order_by(CaseEvent.id.desc()).limit(1)).first()
    case = (ctx.session.get(Case, taken.case_id)
            if taken is not None and taken.action == "reassigned" else None)
    if taken is None or case is None or case.assignee_id != ctx.person.id:
        return ctx.registry.pass_on(TAKE_BACK_AGAIN_ROUTE, incoming, ctx)
    # A taking back: the case's reassignment before it was this person's too ...
    before = ctx.session.scalars(select(CaseEvent.actor_id).where(
        CaseEvent.case_id == case.id, CaseEvent.action == "reassigned",
        CaseEvent.id < taken.id).order_by(CaseEvent.id.desc()).limit(1)).first()
    # ... and its "Undone" is the last thing shown to them here.
    shown_since = ctx.session.scalars(select(OfferedButtons.id).where(
        OfferedButtons.person_id == ctx.person.id, OfferedButtons.channel == incoming.channel,
        OfferedButtons.offered_at > taken.at)).first()
    if before != ctx.person.id or shown_since is not None:
        return ctx.registry.pass_on(TAKE_BACK_AGAIN_ROUTE, incoming, ctx)
    return [Reply(text=ctx.render("case_step.txt", step="take_back_done",
                                  reference=case.reference))]


ACK_WAITING_ROUTE = "case-ack-waiting"
_ACKNOWLEDGE_SAID = frozenset(said_label(word) for word in (*ACKNOWLEDGE_WORDS, "Acknowledge"))


def acknowledge_typed(text: str) -> str | None:
    """``text`` when it is only "ack" or another word for the Acknowledge button (pure)."""
    return text if said_label(text) in _ACKNOWLEDGE_SAID else None


def name_the_cases_to_acknowledge(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"ack" typed with no Acknowledge on offer (an on-offer one is pressed before any route):
    the cases still waiting for this person to acknowledge them, and how (session 33's second
    trial: it was small talk's "Good.", as if something had been acknowledged); with none
    waiting, a button label typed that is not on offer. A provider, who acknowledges no case,
    means "ok": small talk's."""
    if ctx.person.role == Role.PROVIDER:
        return ctx.registry.pass_on(ACK_WAITING_ROUTE, incoming, ctx)
    waiting = ctx.session.scalars(select(Case).where(
        Case.assignee_id == ctx.person.id, Case.status == CaseStatus.OPEN)
        .order_by(Case.id)).all()
    if not waiting:
        return ctx.registry.fallback(incoming, ctx)
    return [Reply(text=ctx.render("case_ack_waiting.txt",
                                  references=[case.reference for case in waiting]),
                  buttons=cases.council_buttons(waiting[0]) if len(waiting) == 1 else ())]


def case_button(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A case's button: Show, Acknowledge, Accept and Reject act at once; the others ask one
    question first (a one-field form that carries the reference)."""
    reference = incoming.action_value or ""
    action = cases.button_name(incoming.action or "")
    if action == "show":
        return [show_case(ctx, cases.find(ctx.session, ctx.person, reference,
                                          templates=ctx.templates))]
    case = cases.find(ctx.session, ctx.person, reference, templates=ctx.templates,
                      for_update=True)
    if action == "reject":
        return _reject(ctx, case, "")
    # A typed number follows the buttons last shown, which change with the case's state: it
    # may be meant for another list (session 35's trial: "3" meant for Propose, read as
    # Resolve after Acknowledge renumbered them, resolved the case). A step that closes the
    # case after its one question, chosen so, is asked first; the button pressed, or its label
    # typed, is not. (Accept's number is its list's first, under the proposal it answers.)
    if action in ("acknowledge", "accept"):
        return [_act(ctx, case, action, "")]
    # Before asking anything.
    cases.check_can(ctx.session, ctx.person, case, action, ctx.templates, now=ctx.now,
                    policy=ctx.deps.sla)
    if action in CONFIRM_CLOSING_FORMS and incoming.number is not None:
        asked = forms.start(ctx, CONFIRM_CLOSING_FORMS[action].form_id,
                            initial={"reference": case.reference})
        return forms.with_note(asked, ctx.render(
            "case_step.txt", step="confirm_closing", action=action, reference=case.reference,
            number=incoming.number, told=case.raised_by_id is not None or action != "resolve"))
    return forms.start(ctx, _comment_form(ctx, case, action),
                       initial={"reference": case.reference})


def _confirm_closing_form(action: str) -> Form:
    """"Resolve PB-...?" asked when a step that closes a case was chosen by a typed number
    (``case_button``); Yes asks for its words, as its button does."""
    title = ACTION_FORMS[action][0]
    return Form(form_id=f"case.confirm-{action}", title=title, fields=(
        FormField(name="reference", label="Which case?", max_length=20),
        FormField(name="confirm", label=f"{title} it?", choices=(f"Yes, {action} it", "No")),
    ))


CONFIRM_CLOSING_FORMS = {action: _confirm_closing_form(action)
                         for action in ("resolve", "withdraw")}


def submit_confirmed_closing(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A closing step chosen by a typed number, confirmed: its words are asked, as under its
    button; No does nothing."""
    action = (incoming.form_id or "").removeprefix("case.confirm-")
    reference = incoming.form_values.get("reference", "")
    case = cases.find(ctx.session, ctx.person, reference, templates=ctx.templates,
                      for_update=True)
    if incoming.form_values.get("confirm") == "No":
        return [Reply(text=ctx.render("case_step.txt", step="not_closed",
                                      reference=case.reference,
                                      status=cases.STATUS_WORDS[case.status]))]
    cases.check_can(ctx.session, ctx.person, case, action, ctx.templates, now=ctx.now,
                    policy=ctx.deps.sla)
    return forms.start(ctx, cases.button_action(action), initial={"reference": case.reference})


def _reject(ctx: Ctx, case: Case, reason: str) -> list[Reply]:
    """Reject the proposal; without its reason, ask "What would work for you?" (the answer
    becomes a comment), or, while another form holds the person's words, say how to add it."""
    done = _act(ctx, case, "reject", reason)
    if reason:
        return [done]
    try:
        asked = forms.start(ctx, WHY_REJECTED_FORM.form_id, initial={"reference": case.reference})
    except BadInput:
        return [Reply(text=ctx.render("case_step.txt", step="say_why", reference=case.reference,
                                      said=done.text))]
    return forms.with_note(asked, done.text)


def submit_why_rejected(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """What would work, said after a rejection: a comment on the case (nothing when skipped)."""
    reference = incoming.form_values.get("reference", "")
    text = incoming.form_values.get("text", "")
    if not text:
        return [Reply(text=ctx.render("case_step.txt", step="why_skipped", reference=reference))]
    case = cases.find(ctx.session, ctx.person, reference, templates=ctx.templates,
                      for_update=True)
    return [_act(ctx, case, "comment", text)]


# What a form other than an action's own does to its case: the answer to the council's
# question (``ANSWER_FORM``) is a comment.
_FORM_ACTIONS = {ANSWER_FORM.form_id: "comment"}


def submit_action(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The one-question form of an action button, or the answer to the council's question
    (``ANSWER_FORM``, a comment), answered."""
    form_id = incoming.form_id or ""
    action = _FORM_ACTIONS.get(form_id) or cases.button_name(form_id)
    case = cases.find(ctx.session, ctx.person, incoming.form_values.get("reference", ""),
                      templates=ctx.templates, for_update=True)
    return [_act(ctx, case, action, incoming.form_values.get("text", ""))]


# "accept" or "reject" typed, not pressed, when a proposed resolution waits for the person's
# answer (session 26's trial: "accept" got an answer about how packages are allocated).
# Only the buttons' own words (the session's review: "agreed" or "I agree that", typed in any
# context, resolved the case), after a "yes", "ok" or "no" ("yes that's fine, we accept"); a
# rejection may say why ("no we reject that, the fee change must be paid now"), which goes
# with it (session 26's trial: the reason went to the knowledge base).
_YES = r"(?:yes|yeah|yep|ok|okay|fine|great|good|thats fine|that's fine|that is fine|thanks"
_YES += r"|thank you)"
_WHAT = r"(?: (?:it|that|this|the (?:proposal|proposed resolution|resolution|offer)))?"
# Not "accept?" (a question) nor "no, accept" (the session's second review: both resolved it).
_ACCEPT = re.compile(r"^\W*(?:" + _YES + r"\W+){0,3}(?:i |we )?accept" + _WHAT
                     + r"(?:[ ,.!-]+(?:thanks|thank you|cheers))?[ .!]*$", re.IGNORECASE)
_REJECT = re.compile(r"^\W*(?:(?:" + _YES + r"|no|nope|sorry)\W+){0,3}(?:i |we )?reject" + _WHAT
                     + r"(?:(?:\s*[,;:-]\s*|\.\s+|\s+because\s+|\s+as\s+(?!well\b))"
                     r"(?P<reason>\S.{0,3000}))?[\s.!]*$", re.IGNORECASE | re.DOTALL)


# Words that clearly refuse a proposal without the button's word ("I don't accept that",
# "cannot accept, too late", "not acceptable", "no thanks, that doesn't work": session 33's
# second trial: a safety question and topics, or "I don't know"): offered as Reject, asked
# first, the words kept as the reason. Never a question.
_REFUSE = re.compile(
    r"^\W*(?:(?:no|nope|sorry)(?:\W+(?:thanks|thank you))?\W+){0,2}(?:(?:(?:i|we)\s+)?"
    r"(?:do not|don't|dont|cannot|can't|cant|can not|won't|will not|could not|couldn't)"
    r"\s+accept|(?:(?:that|it|this)(?:'s|s| is)?\s+)?(?:not\s+acceptable|unacceptable)"
    # "that doesn't work" only as the whole of it (session 33's review: "it doesn't work for
    # me, the portal keeps logging me out" was offered as Reject)
    r"|(?:that|it|this)\s+(?:doesn't|does not|doesnt|won't|will not|wont)\s+work(?:\s+for"
    r"\s+(?:us|me))?(?=\W*$))\b(?:(?!\?).)*$", re.IGNORECASE | re.DOTALL)


def proposal_answer(text: str) -> tuple[str, str] | None:
    """("accept", "") or ("reject", the reason or "") when ``text`` is only that answer to a
    proposal; ("refuse", the words) when it refuses one in other words (pure)."""
    words = " ".join(text.replace("\u2019", "'").split())
    if _ACCEPT.match(words):
        return ("accept", "")
    found = _REJECT.match(words)
    if found is None:
        return ("refuse", words) if _REFUSE.match(words) else None
    return ("reject", (found.group("reason") or "").strip())


def answer_a_proposal(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The typed answer to a proposal waiting for this person: as its button (a reason given
    with a rejection goes with it) when that proposal is the last thing shown to them; with
    one waiting but not on screen, asked first (session 33's trial: "accept" typed with no
    proposal on screen resolved a case at once); with several, which one is asked. With none
    waiting the words go on."""
    waiting = ctx.session.scalars(select(Case).where(
        cases.visible_to(ctx.person), Case.status == CaseStatus.RESOLUTION_PROPOSED,
        Case.provider_id == ctx.person.organisation_id).order_by(Case.id)).all() if (
        ctx.person.role == Role.PROVIDER) else []
    if not waiting:
        return ctx.registry.pass_on(PROPOSAL_ANSWER_ROUTE, incoming, ctx)
    action, reason = ctx.match
    # Refused in other words: Reject, always asked first, the words its reason.
    asking = action == "refuse"
    if asking:
        action = "reject"
    shown = _proposal_last_shown(ctx)
    if shown is None and len(waiting) > 1:
        return [Reply(text=ctx.render("case_which_proposal.txt", action=action,
                                      references=[case.reference for case in waiting]))]
    case = cases.find(ctx.session, ctx.person, (shown or waiting[0]).reference,
                      templates=ctx.templates, for_update=True)
    if shown is None or asking:
        asked = forms.start(ctx, CONFIRM_ANSWER_FORMS[action].form_id,
                            initial={"reference": case.reference, "reason": reason},
                            skipped=("reason",))
        return forms.with_note(asked, ctx.render(
            "case_step.txt", step=f"confirm_{action}", reference=case.reference,
            proposal=case.proposal, owner=cases.holder_name(ctx.session, case)))
    if action == "reject":
        return _reject(ctx, case, reason)
    return [_act(ctx, case, action, reason)]


def _confirm_answer_form(action: str) -> Form:
    """"Accept the proposal on PB-...?" asked when the word was typed with the proposal not
    on screen: the case and the reason given, and the Yes (in the action's own word, so the
    word typed again answers it) or No."""
    return Form(form_id=f"case.confirm-{action}", title=f"{action.capitalize()} the proposal",
                fields=(
                    FormField(name="reference", label="Which case?", max_length=20),
                    FormField(name="reason", label="Why?", required=False,
                              max_length=cases.MAX_DESCRIPTION),
                    FormField(name="confirm", label="Is that your answer?",
                              choices=(f"Yes, {action} it", "No")),
                ))


CONFIRM_ANSWER_FORMS = {action: _confirm_answer_form(action) for action in ("accept", "reject")}


def submit_confirmed_answer(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The proposal's answer confirmed: as its button; No sends nothing."""
    values = incoming.form_values
    reference = values.get("reference", "")
    if values.get("confirm") == "No":
        return [Reply(text=ctx.render("case_step.txt", step="not_answered",
                                      reference=reference))]
    action = (incoming.form_id or "").removeprefix("case.confirm-")
    case = cases.find(ctx.session, ctx.person, reference, templates=ctx.templates,
                      for_update=True)
    if action == "reject":
        return _reject(ctx, case, values.get("reason", ""))
    return [_act(ctx, case, "accept", "")]


PROPOSAL_ANSWER_ROUTE = "proposal-answer"


# Words typed while the council's question waits for the person's answer (session 32's trial:
# "It was INV-5, sent on 2 October" after "Which invoice number was it?" was a knowledge-base
# gap). They are offered as the reply, not added at once: a comment reaches the council and
# cannot be taken back, and the words may well be for the bot. Yes adds them; No passes them
# on as if the question were not waiting.
IS_REPLY_FORM = Form(form_id="case.is-reply", title="Your reply", fields=(
    FormField(name="reference", label="Which case?", max_length=20),
    FormField(name="text", label="Your reply:", max_length=cases.MAX_DESCRIPTION, prose=True,
              yes_no=True),
    FormField(name="reply", label="Add it to the case as your reply?", choices=("Yes", "No")),
))
REPLY_ROUTE = "case-reply"
_CASE_NAMED = re.compile(r"\bPB-\d{4}-\d{6,9}\b", re.IGNORECASE)
# What may stand around a case's reference typed alone ("PB-2026-000002:", "(PB-2026-000002)").
_AROUND_A_REFERENCE = " \t\n.,;:!-()[]\"'\u201c\u201d"


def reads_as_reply(text: str) -> str | None:
    """``text`` when it could answer someone's question: words that ask nothing (pure)."""
    words = text.strip()
    if not any(character.isalnum() for character in words) or words.endswith("?"):
        return None
    return None if forms.reads_as_question(words) else words


def offer_as_reply(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Words typed while the council's question on a case the person raised waits: "Is this
    your reply to ...?" with Yes and No. With no question waiting the words go on.

    Never words the bot asked about (words a concern answered reach no text route: the
    session's review: "resident
    RC-102 is missing" got the safety question AND this offer, and the "yes" meant for the
    safety question became a comment on a payment case, no concern raised), a death told (its
    sympathy and what to do come first), nor words naming another case. Those are read
    before the database is asked which questions wait."""
    text = ctx.args or incoming.text
    if (ctx.marks.get(SAFETY_ASKED)
            or DEATH.search(" ".join(text.casefold().split())) is not None):
        return ctx.registry.pass_on(REPLY_ROUTE, incoming, ctx)
    waiting = cases.questions_waiting_for(ctx.session, ctx.person)
    named = {found.upper() for found in _CASE_NAMED.findall(text)}
    if named:
        # A reference typed picks the question its words answer (session 33's brief: with two
        # waiting, "PB-2026-000002" was told to use /case REF comment).
        waiting = [(case, asked) for case, asked in waiting if case.reference in named]
    if not waiting:
        return ctx.registry.pass_on(REPLY_ROUTE, incoming, ctx)
    if len(waiting) > 1:
        return [Reply(text=ctx.render("case_reply_offer.txt", step="which", references=[
            case.reference for case, _asked in waiting]))]
    [(case, asked)] = waiting
    if named and not _CASE_NAMED.sub("", text).strip(_AROUND_A_REFERENCE):
        # The reference alone: the next words are the reply to its question.
        picked = forms.start(ctx, IS_REPLY_FORM.form_id, initial={"reference": case.reference})
        return forms.with_note(picked, ctx.render("case_reply_offer.txt", step="picked",
                                                  **_asked_words(ctx, case, asked)))
    return _offer(ctx, case, asked, text)


def _offer(ctx: Ctx, case: Case, asked: CaseEvent, text: str) -> list[Reply]:
    """"Is this your reply to ... on PB-... ("...")?" with Yes and No (``submit_is_reply``);
    added at once when the person has just said it is (``REPLY_MEANT``)."""
    if ctx.marks.get(REPLY_MEANT) == case.reference:
        return _file_the_reply(ctx, case, text)
    offered = forms.start(ctx, IS_REPLY_FORM.form_id,
                          initial={"reference": case.reference, "text": text})
    return forms.with_note(offered, ctx.render("case_reply_offer.txt", step="offer",
                                               **_asked_words(ctx, case, asked)))


def _asked_words(ctx: Ctx, case: Case, asked: CaseEvent) -> dict[str, object]:
    """What ``case_reply_offer.txt`` names of the council's words the reply would answer."""
    return {"reference": case.reference, "question": asked.text,
            "asker": cases.name_of(ctx.session, asked.actor_id)}


# The provider's words typed right after the council's comment on their case (session 35's
# trial: "carers support contract", the answer to "Is this for the carers support contract or
# the spot-purchased sessions?", was a knowledge-base question). Only the next message, the
# same day, with nothing shown to them since; never a question of their own
# (``reads_as_reply``), a command, words the bot asked about, a death told, nor words naming
# another case. Added to the case at once only when they clearly answer the comment (share its
# words, or name one of the options it asked between); words that ask for something of their
# own go on to what reads them (session 35's review: "standstill period", "pledge 29", "I need
# to raise a new complaint about invoice INV-8", "RC-104 needs double up calls now" were each
# filed silently as the reply); any others are offered as the reply, Yes or No.
COMMENT_REPLY_ROUTE = "case-comment-reply"
COMMENT_YES_NO_ROUTE = "case-comment-yes-no"
# Words that start a request of their own rather than answer ("raise", "complaint", "hand
# back", "new").
_OWN_REQUEST = re.compile(
    r"\b(?:raise|raising|complain\w*|hand(?:ing|ed)?\s+(?:\w+\s+){0,3}?back|handback"
    r"|new)\b", re.IGNORECASE)
_REFERENCE_WORD = re.compile(r"\b[A-Za-z]{1,12}-\d[\w/-]*")
# Words too common to show that a reply answers a comment.
_COMMON = frozenset((
    "the", "and", "for", "this", "that", "with", "you", "your", "our", "ours", "are", "was",
    "were", "can", "could", "would", "will", "please", "confirm", "from", "have", "has", "had",
    "not", "but", "any", "all", "its", "it's", "what", "which", "who", "when", "where", "how",
    "why", "did", "does", "about", "into", "them", "they", "their", "there", "then", "than",
    "been", "being", "just", "also", "still", "yet", "now", "is", "it", "or", "we",
))
_CONTENT_WORD = re.compile(r"[a-z0-9]+")


def _content_words(text: str) -> set[str]:
    """The words of ``text`` that carry its meaning, plural or not (pure)."""
    return {word[:-1] if len(word) > 3 and word.endswith("s") else word
            for word in _CONTENT_WORD.findall(text.casefold())
            if len(word) >= 3 and word not in _COMMON}


def _comment_answered(ctx: Ctx, text: str) -> tuple[Case, CaseEvent] | None:
    """The person's case and the council's comment that ``text`` typed now may answer
    (``_comment_last_shown``); else None."""
    if (ctx.person.role != Role.PROVIDER or ctx.marks.get(SAFETY_ASKED)
            or DEATH.search(" ".join(text.casefold().split())) is not None):
        return None
    shown = reply_invited(ctx)
    named = {found.upper() for found in _CASE_NAMED.findall(text)}
    if shown is None or named - {shown.reference}:
        return None
    # The council's question on another case waits too: which it answers is asked there.
    if any(case.id != shown.id
           for case, _asked in cases.questions_waiting_for(ctx.session, ctx.person)):
        return None
    comment = ctx.session.scalars(select(CaseEvent).where(
        CaseEvent.case_id == shown.id, CaseEvent.action.in_(_COUNCIL_WORDS),
        CaseEvent.actor_id != ctx.person.id).order_by(CaseEvent.id.desc()).limit(1)).first()
    return None if comment is None else (shown, comment)


def _asks_for_its_own(ctx: Ctx, case: Case, text: str) -> bool:
    """Whether ``text`` asks for something of its own: a new request or complaint, a package
    handed back, a pledge, a command's word, or a placement or invoice not on ``case``."""
    if _OWN_REQUEST.search(text) or pledge_number(text) is not None:
        return True
    first = text.split()[0].lstrip("/").casefold() if text.split() else ""
    if first in ctx.registry.commands:
        return True
    own = {case.reference.upper()}
    if case.placement_id is not None:
        placement = ctx.session.get(Placement, case.placement_id)
        own |= {placement.reference.upper()} if placement is not None else set()
    if case.invoice_id is not None:
        invoice = ctx.session.get(Invoice, case.invoice_id)
        own |= {invoice.number.upper()} if invoice is not None else set()
    return any(found.upper() not in own for found in _REFERENCE_WORD.findall(text))


def _file_the_reply(ctx: Ctx, case: Case, text: str) -> list[Reply]:
    """``text`` added to ``case`` as the provider's comment, and they are told so."""
    case = cases.find(ctx.session, ctx.person, case.reference, templates=ctx.templates,
                      for_update=True)
    try:
        _act(ctx, case, "comment", text)
    except BadInput as refused:
        # Words it can't keep (a person's name): asked again, for this case.
        asked = forms.start(ctx, _comment_form(ctx, case, "comment"),
                            initial={"reference": case.reference})
        return forms.with_note(asked, str(refused))
    return [Reply(text=ctx.render("case_step.txt", step="reply_added",
                                  reference=case.reference, quote=text.strip()))]


def add_the_reply(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Words typed right after the council's comment on the person's case: its answer, added
    to the case when they clearly answer it, offered as the answer when unclear; else (words
    that ask for something of their own, a question the knowledge base answers) they go on."""
    text = ctx.args or incoming.text
    meant = ctx.marks.get(REPLY_MEANT)
    if isinstance(meant, str):
        # They have said these words answer the message on this case ("The message", pressed
        # under "which did you mean?"): added to it, whatever was shown since (the session's
        # second review: after a comment they went to the knowledge base, nothing on the case).
        return _file_the_reply(ctx, cases.find(ctx.session, ctx.person, meant,
                                               templates=ctx.templates), text)
    found = _comment_answered(ctx, text)
    if found is None:
        return ctx.registry.pass_on(COMMENT_REPLY_ROUTE, incoming, ctx)
    case, comment = found
    shares = bool(_content_words(text) & _content_words(comment.text or ""))
    if _asks_for_its_own(ctx, case, text):
        if shares:  # its own request, in the comment's words: asked
            return _offer(ctx, case, comment, text)
        return ctx.registry.pass_on(COMMENT_REPLY_ROUTE, incoming, ctx)
    if shares:
        return _file_the_reply(ctx, case, text)
    answerer = ctx.deps.answerer
    if answerer is not None and answerer.ask(text, read_for_harm=False).mode == "answer":
        return ctx.registry.pass_on(COMMENT_REPLY_ROUTE, incoming, ctx)
    if acknowledges(text) is not None:  # "ok thanks" may only acknowledge it: asked
        return _offer(ctx, case, comment, text)
    # The comment invited it ("type your answer as your next message today") and nothing came
    # between: added at once, as a reply to the hub's is (session 43's trial: "sure, ill email
    # it to finance today" was asked Yes or No).
    return _file_the_reply(ctx, case, text)


def take_a_yes_or_no(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A bare yes or no typed right after the council's comment: its answer when the comment
    asks a yes or a no (not one option or another), offered as the answer when it does not
    (session 35's review: "yes" to "Can you confirm the invoice went to the payments inbox?"
    was "I wasn't waiting for a yes or no just now"); else it goes on."""
    text = ctx.args or incoming.text
    found = _comment_answered(ctx, text)
    if found is None:
        return ctx.registry.pass_on(COMMENT_YES_NO_ROUTE, incoming, ctx)
    case, comment = found
    asked = comment.text or ""
    if forms.asks_yes_or_no(asked) and re.search(r"\bor\b", asked, re.IGNORECASE) is None:
        return _file_the_reply(ctx, case, text)
    return _offer(ctx, case, comment, text)


# The council's words on a case that a provider's next message may answer: a comment, or a
# question asked with "Ask for information" (session 36's trial: the hub's URGENT question on
# a concern was answered in plain words, and they were only offered as the reply).
_COUNCIL_WORDS = ("comment", "information_requested")
_COUNCIL_MESSAGES = frozenset(f"case.{action}" for action in _COUNCIL_WORDS)


# ``Context.marks`` key: ``reply_invited``'s answer for this message (the safeguarding middleware
# and the reply routes ask it of the same words). Forgotten (``forget_reply_invited``) once
# anything is done for the message: it is a step since the council's message.
REPLY_INVITED = "cases.reply_invited"


def reply_invited(ctx: Ctx) -> Case | None:
    """The person's active case whose council comment or question invited their reply ("type
    your answer as your next message today") and still waits for it (``_comment_last_shown``);
    read once a message (``REPLY_INVITED``)."""
    if REPLY_INVITED not in ctx.marks:
        ctx.marks[REPLY_INVITED] = _comment_last_shown(ctx)
    found: Case | None = ctx.marks[REPLY_INVITED]
    return found


def forget_reply_invited(ctx: Ctx) -> None:
    """Have ``reply_invited`` read again: something was done for this message since."""
    ctx.marks.pop(REPLY_INVITED, None)


def _comment_last_shown(ctx: Ctx) -> Case | None:
    """The person's active case whose council comment or question (with its Reply button) is
    the newest message sent to them, today, with no reply to them on this channel after it
    and nothing done or asked by them since; else None."""
    if ctx.person.role != Role.PROVIDER or ctx.incoming is None:
        return None
    last = ctx.session.scalars(select(OutboxMessage).where(
        OutboxMessage.person_id == ctx.person.id).order_by(OutboxMessage.id.desc())
        .limit(1)).first()
    if last is None or last.kind not in _COUNCIL_MESSAGES or not any(
            button.get("action") == cases.COMMENT for button in last.payload.get("buttons") or []):
        return None
    zone = ctx.settings.timezone
    if local_date(last.created_at, zone) != local_date(ctx.now, zone):
        return None
    offer = ctx.session.scalars(select(OfferedButtons.offered_at).where(
        OfferedButtons.person_id == ctx.person.id,
        OfferedButtons.channel == ctx.incoming.channel)).first()
    since = last.created_at
    # A reply at the same moment came after it: the notification is queued as the council
    # acts, before any reply to the person.
    if offer is not None and offer >= since:
        return None
    if _acted_since(ctx, since):
        return None
    case = ctx.session.scalars(select(Case).where(
        cases.visible_to(ctx.person), Case.reference == last.payload.get("case"))).first()
    return case if case is not None and case.status in cases.ACTIVE else None


def submit_is_reply(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Yes: the words go on the case as the reply. No: they go on as if nothing waited."""
    values = incoming.form_values
    reference, text = values.get("reference", ""), values.get("text", "")
    if values.get("reply") == "Yes":
        case = cases.find(ctx.session, ctx.person, reference, templates=ctx.templates,
                          for_update=True)
        return [_act(ctx, case, "comment", text)]
    ctx.args = text
    words = dataclasses.replace(incoming, text=text, action=None, action_value=None,
                                form_id=None, form_values=MappingProxyType({}))
    return forms.with_note(ctx.registry.pass_on(REPLY_ROUTE, words, ctx),
                           ctx.render("case_reply_offer.txt", step="not_added",
                                      reference=reference))


# "ok thanks", "that's fine" typed when a proposed resolution was the last thing shown to the
# person (session 32's trial: "You're welcome", "Good", a knowledge-base entry): asked whether
# they accept it, never taken as the acceptance (it closes the case, and "ok" may only
# acknowledge the message).
_ACKNOWLEDGING = re.compile(
    r"^(?:(?:ok|okay|k|yes|yeah|yep|fine|that'?s fine|that is fine|thats fine|sounds good"
    r"|good|great|lovely|perfect|noted|understood|agreed|thanks|thank you|thank u|ta|cheers"
    r"|brilliant|right|alright|all right)[\s,.!]*){1,4}$", re.IGNORECASE)
PROPOSAL_SHOWN_ROUTE = "proposal-shown"


def acknowledges(text: str) -> str | None:
    """``text`` when it only acknowledges what was said ("ok thanks", "that's fine") (pure)."""
    words = " ".join(text.replace("\u2019", "'").split())
    return words if _ACKNOWLEDGING.match(words) else None


def ask_about_the_proposal(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"Do you accept the proposed resolution of PB-...?" with Accept and Reject, when that
    proposal was the last thing shown to the person; else the words go on (small talk)."""
    case = _proposal_last_shown(ctx)
    if case is None:
        return ctx.registry.pass_on(PROPOSAL_SHOWN_ROUTE, incoming, ctx)
    return [Reply(text=ctx.render("case_step.txt", step="accept_it", reference=case.reference,
                                  proposal=case.proposal),
                  buttons=cases.provider_buttons(case))]


def _proposal_last_shown(ctx: Ctx) -> Case | None:
    """The case whose proposed resolution was the last thing shown to the person: the newest
    message sent to them carries its Accept button, no reply to them on this channel came
    after it (``OfferedButtons``, kept for every reply: session 33's trial: "accept" typed
    after /cases resolved a case), and they have neither acted nor asked anything since; or
    the last reply to them carries it (the case shown)."""
    if ctx.person.role != Role.PROVIDER:
        return None
    last = ctx.session.scalars(select(OutboxMessage).where(
        OutboxMessage.person_id == ctx.person.id).order_by(OutboxMessage.id.desc())
        .limit(1)).first()
    offer = ctx.session.scalars(select(OfferedButtons).where(
        OfferedButtons.person_id == ctx.person.id,
        OfferedButtons.channel == ctx.incoming.channel)).first() if ctx.incoming else None
    if offer is not None and (last is None or offer.offered_at > last.created_at):
        shown, since = offer.buttons, offer.offered_at
    elif last is not None:
        shown, since = last.payload.get("buttons") or [], last.created_at
    else:
        return None
    reference = next((button.get("value") for button in shown
                      if button.get("action") == cases.ACCEPT), None)
    if reference is None:
        return None
    if _acted_since(ctx, since):
        return None
    case = ctx.session.scalars(select(Case).where(
        cases.visible_to(ctx.person), Case.reference == reference)).first()
    return case if case is not None and case.status == CaseStatus.RESOLUTION_PROPOSED else None


def _acted_since(ctx: Ctx, since: datetime) -> bool:
    """Whether the person did anything (a step recorded) or asked anything since ``since``."""
    return bool(ctx.session.scalar(select(AuditEvent.id).where(
        AuditEvent.actor_id == ctx.person.id, AuditEvent.at > since).limit(1)) or (
        ctx.session.scalar(select(Question.id).where(
            Question.person_id == ctx.person.id, Question.asked_at > since).limit(1))))
