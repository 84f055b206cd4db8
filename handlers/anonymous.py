"""Words people wrote, made fit for readers who must not learn who wrote them or whom they are
about: an anonymous survey's comments (shown to the council, published on the feedback page
and in its exports) and the questions ``kb gaps`` lists for teaching.

Session 37's trial: "Mrs J. S.'s family at RC-014 ..." reached a commissioner in an anonymous
survey's comments: a placement reference names the provider who wrote it, and initials after a
title still point at one person. Here, beside the cutting of names
(``handlers.formats.initials_only``) and of identifiers (``handlers.identifiers``):

- a person written with a title and initials ("Mrs J. S.", "Mr B", "mrs J.'s"), a family
  name after them or not ("Mrs J Smith"), is put as ``PERSON`` ("[a person]'s family");
- a placement's reference, one recorded or one with a recorded reference's letters ("RC-014"
  where "RC-101" is recorded), is put as ``PLACEMENT`` ("[placement]"); an invoice's number,
  a question's, a form's, a standard's ("Q-12", "Form CQ-15", "ISO-9001") are kept;
- a provider organisation's name ("Riverside Care Ltd", "riverside care"), or its distinctive
  words capitalised ("Riverside"), is put as ``ORGANISATION`` ("[an organisation]").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from sqlalchemy import exists, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from bot.models import Invoice, Organisation, OrganisationKind, Placement
from handlers.formats import (
    TITLES,
    initials_only,
    reference_key,
    reference_like,
    titled_name,
)
from handlers.identifiers import REMOVED, without_identifiers
from knowledge.search import english_words

PERSON = "[a person]"
PLACEMENT = "[placement]"
ORGANISATION = "[an organisation]"
# What each marker is called when the writer is told, after the identifiers' own.
TAKEN_OUT = {**REMOVED, PERSON: "a person's name or initials", PLACEMENT: "a placement reference",
             ORGANISATION: "an organisation's name"}

# A capitalised family name ("Smith", "O'Brien", "McDonald", "Smith-Jones"), not a word
# that starts a clause ("Mr B At the home ...").
_SURNAME = (r"(?!(?:The|And|At|In|On|Is|Was|Has|Had|From|To|For|With|Who|But|Or|If|Then|Said"
            r"|Says|Told|Asked|Came|Went|Got|Fell|Will|Would|Can|Could)(?![\w'\u2019-]))"
            r"[A-Z](?:[a-z]+(?:[A-Z][a-z]+)?|['\u2019][A-Z][a-z]+)(?:-[A-Z][a-z]+)?(?![\w-])")
# A title, then initials, then a family name if written: "Mrs J. S.", "Mr B", "MRS J.S.",
# "Dr A. B.", "Mrs J Smith", "Miss K. Hughes" (session 37's review: "[a person] Smith's family"
# kept the family name); an "'s" after them stays.
TITLED_INITIALS = re.compile(
    r"\b(?:" + TITLES + r"|MS|Sir|Lady)\.?\s+"
    r"[A-Z](?:\.\s?[A-Z]){0,3}(?:\.?\s+" + _SURNAME + r"|\.|(?![\w'\u2019.-]))")


# A marker followed by a capitalised word: a family name kept after it ("is [a person] Smith
# entitled": session 37's review, `kb gaps` offered such a line to teach).
_NAME_AFTER_MARKER = re.compile(re.escape("[a person]") + r"\s+" + _SURNAME)


def person_in_question(words: str) -> str | None:
    """What in a question to be taught points to a person: a title and initials (with a family
    name or not), "[a person]" and a family name, or a title and a capitalised name ("Mrs
    Harris", "MRS HARRIS"); None when nothing does. A title and a word in lower case is no
    person's ("do we charge for Mr & Mrs couples sharing a room": session 37's review)."""
    found = TITLED_INITIALS.search(words) or _NAME_AFTER_MARKER.search(words)
    if found is not None:
        return found.group(0)
    rest = words
    while (named := titled_name(rest)) is not None:
        if named.split()[-1][:1].isupper():
            return named
        rest = rest[rest.index(named) + len(named):]
    return None


def without_titled_initials(text: str) -> str:
    """``text`` with a title and a person's initials ("Mrs J. S.") put as ``PERSON``."""
    return TITLED_INITIALS.sub(PERSON, text)


# A placement reference as the bot's own examples write them ("RC-101"): letters, a hyphen,
# digits; not a case's ("PB-2026-000001") nor a tender's ("NS-T-2027-01").
_A_PLACEMENT_REFERENCE = re.compile(r"(?<![\w/-])([A-Za-z]{1,4})-\d{2,}(?![\w/-])")
# Not a placement's, one of this shape that no placement has, when a word before it or its
# letters say what else it is (session 37's review: "The clarification Q-12 was never
# answered", "Form CQ-15 asked", "Our ISO-9001 audit" were put as "[placement]"). Each
# look-behind is of one width, as Python's must be.
_OTHER_REFERENCE_BEFORE = "".join(rf"(?<!{before} )" for before in (
    "question", "questions", "question no", "question no.", "clarification", "clarifications",
    "section", "sections", "form", "forms", "pledge", "pledges", "lot", "lots", "itt"))
_OTHER_LETTERS = ("ISO", "NHS", "ITT", "BS", "EN", "IEC")
# A word that may be a placement reference of another form ("FLAT7", "NS/0042"): letters and
# digits, looked up among the placements recorded.
_WORD_WITH_DIGITS = re.compile(r"(?<![\w/-])[A-Za-z0-9][A-Za-z0-9/_.-]*\d[A-Za-z0-9/_.-]*"
                               r"(?<![/_.-])")
MAX_REFERENCE_CHARS = 32
# References looked for written another way in one query (an OR of as many LIKEs).
_LIKES_AT_ONCE = 100


def placement_references(session: Session, texts: Sequence[str]) -> re.Pattern[str] | None:
    """What a placement reference in these texts looks like: one recorded in the bot (any
    council's), or one written as "RC-101" is, unless it is an invoice's number (one recorded
    that no placement has, or one written after "invoice"); None when no text holds one.

    An invoice's number is kept as typed (session 35's trial: "Invoice [placement] still
    outstanding"): it names no one, and the admin reading the gaps may need it."""
    typed = {word.upper() for text in texts for word in _WORD_WITH_DIGITS.findall(text)
             if len(word) <= MAX_REFERENCE_CHARS and not word.isdigit()}
    looked_up = sorted(typed)[:MAX_REFERENCES_LOOKED_UP]
    recorded = set(session.scalars(select(Placement.reference).where(
        Placement.reference.in_(looked_up)))) if typed else set()
    invoices = set(session.scalars(select(Invoice.number).where(
        Invoice.number.in_(looked_up)))) - recorded if typed else set()
    # A placement's reference written another way ("RC-0101", "rc101" for "RC-101":
    # ``reference_key``, as ``placements_seen`` finds it; session 35's review: only one typed
    # as stored was left out), unless the word is an invoice's number as typed.
    keys = {word: reference_key(word) for word in looked_up
            if word not in recorded and word not in invoices}
    wanted = sorted(set(keys.values()))
    stored: set[str] = set()
    for start in range(0, len(wanted), _LIKES_AT_ONCE):
        stored.update(reference_key(reference) for reference in session.scalars(
            select(Placement.reference).where(or_(*(
                Placement.reference.like(reference_like(key), escape="\\")
                for key in wanted[start:start + _LIKES_AT_ONCE])))))
    recorded |= {word for word, key in keys.items() if key in stored}
    found = [re.escape(reference) for reference in sorted(recorded, key=len, reverse=True)]
    pattern = "|".join([rf"(?<![\w/-])(?:{'|'.join(found)})(?![\w/-])"] if found else [])
    numbers = [re.escape(number) for number in sorted(invoices, key=len, reverse=True)]
    shaped = (_INVOICE_BEFORE + _OTHER_REFERENCE_BEFORE
              + (rf"(?!(?:{'|'.join(numbers)})(?![\w/-]))" if numbers else "")
              + _shaped(session, texts))
    pattern = "|".join(filter(None, (pattern, shaped)))
    known = re.compile(pattern, re.IGNORECASE)
    return known if any(known.search(text) for text in texts) else None


def _shaped(session: Session, texts: Sequence[str]) -> str:
    """A pattern for a reference no placement has that is still put as a placement's: one
    with the letters of a recorded placement's reference ("RC-014" where "RC-101" is
    recorded, not "AB-12"); where no reference of this shape is recorded (none, or "FLAT7"),
    one as the bot's examples write them; never one whose letters are a standard's or a
    document's (``_OTHER_LETTERS``)."""
    letters = sorted({found.group(1).upper() for text in texts
                      for found in _A_PLACEMENT_REFERENCE.finditer(text)}
                     - set(_OTHER_LETTERS))[:MAX_REFERENCES_LOOKED_UP]
    if not letters:
        return r"(?!)"
    # In one query: the letters of recorded references among those typed, and "" if any
    # placement's reference recorded is written with a hyphen as these are.
    recorded = set(session.scalars(union_all(
        select(literal("")).where(exists().where(Placement.reference.contains("-"))), *(
            select(literal(prefix)).where(exists().where(
                func.upper(Placement.reference).like(f"{prefix}-%")))
            for prefix in letters))))
    if "" in recorded:
        letters = sorted(recorded - {""})
    if not letters:
        return r"(?!)"
    return rf"(?<![\w/-])(?:{'|'.join(letters)})-\d{{2,}}(?![\w/-])"


# Not right after the word "invoice" ("invoice CT-0901", "inv no. CT-0901"): an invoice's
# number. Each look-behind is of one width, as Python's must be.
_INVOICE_BEFORE = "".join(rf"(?<!{before})" for before in (
    "invoice ", "invoice: ", "invoice no ", "invoice no. ", "invoice number ", "invoice #",
    "inv ", "inv. ", "inv no ", "inv no. ", "inv #", "invoices "))


MAX_REFERENCES_LOOKED_UP = 500


# Said after an organisation's name, and left off it when people write it ("Riverside Care
# Ltd" is written "Riverside Care").
_LEGAL_WORDS = re.compile(r"[\s,.]+(?:ltd|limited|plc|llp|cic|inc|uk)\.?$", re.IGNORECASE)
MIN_ORGANISATION_CHARS = 4


# Words many providers' names share: a provider is written by the rest of its name
# ("Riverside" for "Riverside Care Homes", "Hillview" for "Hillview Home Care CIC").
_GENERIC = """
care carers caring homes home homecare services service ltd limited cic plc llp inc uk group
support supported supporting healthcare health nursing residential living community trust
partnership partnerships agency solutions domiciliary the of and & company co associates
foundation charity social housing lifestyles options independent senior
"""
_GENERIC_WORDS = frozenset(_GENERIC.split())


def _short_names(name: str) -> list[str]:
    """The distinctive words of a provider's name, each run of them between its generic ones
    (``_GENERIC_WORDS``) that is long enough to be no chance word; one after a generic word
    only if it is not one everyday English word ("Home Instead", "Abbey Care Village": not
    "Instead, ..." nor "Village")."""
    runs: list[tuple[bool, list[str]]] = [(False, [])]
    for word in name.split():
        generic = word.strip(".,").casefold()
        if generic in _GENERIC_WORDS:
            runs.append((runs[-1][0] or bool(runs[-1][1]) or generic != "the", []))
        else:
            runs[-1][1].append(word.strip(","))
    english = english_words()
    return [" ".join(run) for after_generic, run in runs
            if run and len(" ".join(run)) >= MIN_ORGANISATION_CHARS
            and not (after_generic and len(run) == 1 and run[0].casefold() in english)]


def _capitalised(form: str) -> str:
    """A pattern for ``form`` written with its first letter a capital, the rest in any case."""
    words = form.split()
    return r"\s+".join(re.escape(word[0]) + (rf"(?i:{re.escape(word[1:])})" if word[1:] else "")
                       for word in words)


def _organisations(session: Session) -> re.Pattern[str] | None:
    """A provider organisation's name, as recorded or without its "Ltd", in any case; or its
    distinctive words alone (``_short_names``), capitalised (session 37's review: "Riverside
    were treated unfairly" was kept)."""
    names: set[str] = set()
    short: set[str] = set()
    for name in session.scalars(select(Organisation.name).where(
            Organisation.kind == OrganisationKind.PROVIDER)):
        for form in (name.strip(), _LEGAL_WORDS.sub("", name.strip())):
            if len(form) >= MIN_ORGANISATION_CHARS:
                names.add(r"\s+".join(re.escape(word) for word in form.split()))
        short.update(_capitalised(form) for form in _short_names(name))
    if not names:
        return None
    alternatives = "|".join(f"(?i:{name})" for name in sorted(names, key=len, reverse=True))
    distinctive = "|".join(sorted(short, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives}{'|' if distinctive else ''}{distinctive})"
                      r"(?![\w-])")


def anonymiser(session: Session, texts: Sequence[str]) -> Callable[[str], str]:
    """What makes each of ``texts`` (and any text with the same references) anonymous: names
    cut (``initials_only``), identifiers taken out (``without_identifiers``), then placement
    references, provider organisations' names and titled initials put as markers. A fixed
    number of queries, however many texts; the same text always comes out the same."""
    placements = placement_references(session, texts)
    # The names are read at the first text: none is read where no comment is shown.
    names: list[re.Pattern[str] | None] = []

    def anonymous(text: str) -> str:
        cut = without_identifiers(initials_only(text))
        if placements is not None:
            cut = placements.sub(PLACEMENT, cut)
        if not names:
            names.append(_organisations(session))
        organisations = names[0]
        if organisations is not None:
            cut = organisations.sub(ORGANISATION, cut)
        return without_titled_initials(cut)
    return anonymous


def taken_out(text: str) -> list[str]:
    """What the markers in ``text`` stand for ("a placement reference", ...), in order."""
    return [said for marker, said in TAKEN_OUT.items() if marker in text]
