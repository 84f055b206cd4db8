"""The formats people type and files hold, defined once for every feature.

E-mail addresses, placement, tender and invoice references, and the one CSV reader every bulk
import uses (people, placements, invoices, tenders, contracts, routing rules): all or nothing,
every problem reported as ``FILE:LINE: problem``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from bot.errors import ImportRejected
from bot.values import frozen
from knowledge.names import ALSO_WORDS, GIVEN_NAMES, NEVER_ALONE
from knowledge.search import english_words

MAX_ROWS = 10_000
MAX_FILE_BYTES = 5_000_000
MAX_FIELD = 200
EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
PLACEMENT_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,31}$")
# A person's name typed where a placement reference belongs ("MrsJones", "JohnSmith",
# "JSmith-1950"; session 20): pledgebot keeps placement references, never names. Upper-case
# codes ("NS-5501", "HV-0100", "MSK-0001") are references.
_NAME_LIKE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr)[A-Z]"  # MrsJones, MrJ, DrPatel1950
                        r"|[A-Z][a-z]{2,}[._-]?[A-Z][a-z]{2,}"  # JohnSmith, John_Smith
                        r"|[A-Z][a-z]{2,}[._/-]?(?:19\d\d|20[0-2]\d)$")  # JSmith-1950
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|sir|dame|lady|lord)[._-]?[a-z]{2,}$",
                        re.IGNORECASE)  # mrs-jones, MR.SMITH


# -- A placement reference as look-ups compare it (``reference_key``) ---------------------------

# A hyphen, a space or nothing between a reference's letters and its number ("RC-105", "RC 105",
# "rc105"), and a number's leading zeros ("RC-0105"): written either way, the same reference.
_LETTERS_THEN_NUMBER = re.compile(r"(?<=[A-Z])[- ]?(?=\d)")
# A number's leading zeros: the digits of a number part (at the start, or after its letters or
# a hyphen: not after "/" or ".", where "1.05" and "1.5" differ).
_LEADING_ZEROS = re.compile(r"(?<![^A-Z-])0+(?=\d)")


def reference_key(reference: str) -> str:
    """``reference`` as placement look-ups compare it (pure): in capitals, spaces made
    hyphens, a hyphen between its letters and its number whether typed or not, and its
    numbers' leading zeros left out ("rc 0105", "RC105" and "RC-105" are all "RC-105")."""
    said = _LETTERS_THEN_NUMBER.sub("-", "-".join(reference.upper().split()))
    return _LEADING_ZEROS.sub("", said)


def reference_like(key: str) -> str:
    """A SQL ``LIKE`` pattern (escaped with a backslash) that every stored reference of this
    ``reference_key`` matches, and few others: its letters and digits in order, anything
    where a hyphen or leading zeros could be. Which match is for ``reference_key`` to say."""
    pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    # Before every number part: anything (its hyphen after letters, typed or not; its zeros).
    pattern = re.sub(r"(?<=[A-Z])-(?=\d)", "", pattern)
    return re.sub(r"(?<![^A-Z-])(?=\d)", "%", pattern)


# Words typed around a reference given as an answer ("rc-101 please", "it's RC-101 thanks",
# "the placement is RC-101"): they change nothing (session 30's review: "rc-101 please" at
# "Which placement is this invoice for?" was refused).
_AROUND_A_REFERENCE = frozenset((
    "please", "pls", "plz", "thanks", "thank", "you", "ta", "cheers", "ok", "okay", "sorry",
    "it", "it's", "its", "is", "that's", "thats", "that", "this", "the", "one", "was", "for",
    "about", "i", "think", "placement", "placements", "reference", "ref", "number", "invoice",
    "our", "it\u2019s", "that\u2019s",
))
_TRIMMED = ".,;:!?\"'()"


def reference_answer(text: str) -> str:
    """``text``, an answer naming a reference, without courtesy words around it: those before
    the first word holding a digit (only when every one is such a word), and those after the
    last word that is not one ("rc-101 please" is "rc-101"; "RC-104 Northshire, thanks" is
    "RC-104 Northshire"). Two references stay two, for the caller to refuse: never guessed
    between (pure)."""
    words = [word.strip(_TRIMMED) for word in text.split()]
    words = [word for word in words if word]
    first = next((n for n, word in enumerate(words) if any(c.isdigit() for c in word)), None)
    if first is None:
        return " ".join(words)
    if all(word.casefold() in _AROUND_A_REFERENCE for word in words[:first]):
        words = words[first:]
    while len(words) > 1 and words[-1].casefold() in _AROUND_A_REFERENCE:
        words.pop()
    return " ".join(words)


def courtesy_words_only(words: list[str]) -> bool:
    """Whether every one of ``words`` is a courtesy word typed around a reference ("thanks",
    "please"), so that they change nothing ("none thanks" is "none"; pure)."""
    return all(word.strip(_TRIMMED).casefold() in _AROUND_A_REFERENCE for word in words)


# Words typed after a command that ask nothing of it ("/reminders please", "/cases show me",
# "/digest now thanks"): left out before its words are read (session 34's brief: they got the
# usage line alone).
_COURTESY_AFTER_A_COMMAND = frozenset((
    "please", "pls", "plz", "thanks", "thank", "you", "ta", "cheers", "me", "my", "mine", "show",
    "see", "now", "again", "for",
))


def command_words(args: str) -> list[str]:
    """A command's words after its name, in lower case, without the punctuation around each
    and without courtesy words ("please", "show me", "thanks"): what it is asked to do (pure)."""
    words = [word.strip(_TRIMMED).casefold() for word in args.split()]
    return [word for word in words if word and word not in _COURTESY_AFTER_A_COMMAND]


def looks_like_a_name(reference: str) -> bool:
    """Whether a placement reference reads as a person's name rather than a code: a code has a
    digit (session 26's trial: "JOAN-SMITH", "J.SMITH" and "SMITH.J" were kept as references)."""
    return (_HONORIFIC.match(reference) is not None
            or _NAME_LIKE.search(reference) is not None
            or not any(char.isdigit() for char in reference))


# Words that end a council's name and may be left out when it is typed ("Northshire" for
# "Northshire County Council", "Leeds" for "Leeds City Council").
_COUNCIL_WORDS = frozenset(("council", "county", "borough", "city", "district", "metropolitan"))


def council_names(name: str) -> list[str]:
    """The ways a council's name may be typed, longest first: whole, then without each of the
    trailing words every council has ("Northshire County Council", "Northshire County",
    "Northshire")."""
    words = name.split()
    names = [" ".join(words)]
    while len(words) > 1 and words[-1].lower() in _COUNCIL_WORDS:
        words.pop()
        names.append(" ".join(words))
    return names


def short_council_name(name: str) -> str:
    """A council's name as it may be typed shortest ("Northshire")."""
    return council_names(name)[-1]


def distinct_council_name(name: str, names: list[str]) -> str:
    """The shortest way to type ``name`` that names it alone among ``names``: its short name
    ("Northshire"), unless another council shares that ("Northshire County Council" and
    "Northshire Borough Council"), then a longer form ("Northshire County"); a question that
    offers one as its example is answered by it, not asked again."""
    # Each form is checked as ``council_named`` reads it (the session's review: with
    # "Northshire" and "Northshire County Council" the example "Northshire" named neither).
    councils = dict(enumerate(names))
    mine = names.index(name) if name in names else -1
    for form in reversed(council_names(name)):
        if council_named(form.split(), councils) == (mine, len(form.split())):
            return form
    return name


def reference_at(reference: str, council: str, held_at: int, names: list[str]) -> str:
    """A council's reference as a provider is shown it: alone ("T-9") when one council has it;
    when ``held_at`` councils do, with its council in the shortest form that names it alone
    among ``names``, every council's, as ``council_named`` reads it typed back ("T-9
    Northshire"; session 29's read: shortened among the tender's own councils it was refused
    when another council shared the short name)."""
    return f"{reference} {distinct_council_name(council, names)}" if held_at > 1 else reference


def council_named(words: list[str], councils: dict[int, str]) -> tuple[int, int] | None:
    """The council of ``councils`` (id: name) whose name ``words`` start with, and how many
    words it takes; None when they name none of them.

    A name counts only whole: all of it, or without its trailing council words
    (``council_names``), in any case. Free text may follow a name ("/review done RC-104
    Northshire, went well"), so a word that merely begins one ("north", "went" for Wentworth)
    never picks a council; whether a short name followed by words is the council's or begins
    that text is the caller's to judge (``handlers.deadlines.chat._placement``).
    """
    typed = [word.strip(",.;:()").casefold() for word in words]
    found: list[tuple[int, int]] = []
    for council_id, name in councils.items():
        for form in council_names(name):
            wanted = form.casefold().split()
            if wanted and typed[:len(wanted)] == wanted:
                found.append((len(wanted), council_id))
    if not found:
        return None
    length, council_id = max(found)
    tied = {id_ for size, id_ in found if size == length}
    if len(tied) > 1:
        # A council's whole name beats another's short form ("Northshire" is the council of
        # that name, not "Northshire County Council"); else never picked by it.
        whole = [id_ for id_ in tied
                 if councils[id_].casefold().split() == typed[:length]]
        if len(whole) != 1:
            return None  # two councils of one short name ("Northshire"): never picked by it
        council_id = whole[0]
    return council_id, length


# A person named with a title in a case's words ("Mrs Jean Harris at HV-003 has had her hours
# cut", "Mr Smith's review"; session 21's review: such names reached the commissioner's alert,
# /cases and the digest). A title and an initial ("Mr B", "Mrs H.") is how a person should be
# written, and passes.
# Any case, any alphabet ("MRS HARRIS", "mrs harris", "Mr O'Brien", "Mrs McDonald", "Mr
# Łukasz"); a single letter after the title is an initial; "Ms Teams" and the like are not
# names (the session's own code review).
# A lower-case "ms", "miss" or "mx", or "MS", is a word ("she has MS", "we will miss it").
_TITLE = r"[Mm][Rr][Ss]?|Ms|M[Ii][Ss][Ss]|M[Xx]"
# The titles with a doctor's too: what the other readers of a titled name build on.
TITLES = _TITLE + "|Dr|DR"
# A placement reference after a title is no name, nor part of one: a word with a digit in it
# ("mrs HV-0231s arm", "Mr RC-P-002 told our carer", "MRS rc105"), or letters in capitals and
# digits written apart ("Mrs RC 104"), as ``handlers.safeguarding`` reads references (session
# 35's trial: "mrs H.-0231s arm", "Mr R.-002", and the concern about no placement).
# Letters written apart from their digits are a reference only when they are no name: one or
# two capitals ("Mrs RC 104"), or three or four with no vowel ("MRS NCC 104"); three or four
# with a vowel are a name before an age or a house number ("MRS ALI 14 Oak Road", "MR LEE 82":
# session 35's review, both were kept whole in the hub's alert). One or two capitals are a name
# too when they are a common family name ("MRS NG 14 Oak Road", "MR WU 82": session 36's brief),
# or when the number is a house number, a street's name after it ("MRS KT 14 OAK ROAD", "MRS KT
# 14 Oak Rd": a street's word as usually typed, abbreviated, the session's review). A family
# name's two letters are also a reference's ("Mrs SU 0042", "Mrs LE 104": the session's review,
# the hub lost the placement): they are a name only before an age, two digits with no leading
# nought ("MR WU 82"), or a house number; before a reference's number they are a reference.
_TWO_LETTER_FAMILY_NAMES = ("NG", "LI", "LY", "LE", "LO", "LU", "MA", "MO", "OH", "OU", "WU",
                            "XU", "YU", "YE", "HO", "HU", "KO", "KU", "IP", "AU", "PO", "SU",
                            "TU", "VO", "YI", "DO")
# A street's word, as ``handlers.identifiers`` reads an address (one list: session 37's brief,
# "Mrs NG 104 Oak Green" kept "NG" where "Mrs NG 104 Oak Road" was cut, the list here lacking
# "green", "vale", "parade", "wharf", "yard").
STREET_WORDS = ("street", "road", "lane", "avenue", "close", "way", "court", "drive", "crescent",
                "terrace", "square", "hill", "gardens", "grove", "place", "view", "park",
                "mews", "walk", "row", "rise", "parade", "green", "vale", "yard", "boulevard",
                "wharf", "rd", "st", "ln", "ave", "dr", "cl", "ct", "cres", "gdns", "pl", "terr",
                "sq")
_A_HOUSE_NUMBER = (r" \d{1,4}[A-Za-z]?,? (?:[A-Z][A-Za-z'-]+ ){1,3}(?i:"
                   + "|".join(STREET_WORDS) + r")\b")
_NOT_A_REFERENCE = (r"(?![\w'\u2019/-]*\d"
                    r"|(?:(?!(?:" + "|".join(_TWO_LETTER_FAMILY_NAMES)
                    + r") [1-9]\d(?![\w/-]))[A-Z]{1,2}"
                    r"|(?![A-Z]*[AEIOUY])[A-Z]{3,4})(?!" + _A_HOUSE_NUMBER
                    + r") \d{2,}(?![\w/-]))")
_NAME_AFTER_TITLE = (r")\.?\s+(?P<name>" + _NOT_A_REFERENCE
                     + r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*)")
_TITLED_NAME = re.compile(r"\b(?P<title>" + _TITLE + _NAME_AFTER_TITLE)
_NOT_NAMES = frozenset({"teams", "word", "excel", "forms", "outlook", "office", "access",
                        "project", "paint", "edge", "and", "or", "the", "is", "was", "has", "had",
                        "with", "of", "to", "in", "on", "at", "for", "an", "who", "who's"})


def titled_name(text: str) -> str | None:
    """A title and a name in ``text`` ("Mrs Harris"), or None."""
    for found in _TITLED_NAME.finditer(text):
        name = found.group("name")
        if len(name) > 1 and name.casefold() not in _NOT_NAMES:
            return found.group(0)
    return None


def _words(text: str) -> list[str]:
    return text.split()


# A full name with no title ("Patricia Holmes moved to hospital"; session 25's trial): a
# given name common among people receiving care (or anyone in the UK), then a capitalised
# word that is not part of a place or an organisation's name ("Mary Street", "Elizabeth
# House"). Given names that are also ordinary words ("Will", "Mark", "Grace", "May", "Rose",
# "Frank", "Bill") are left out: a missed name is less harm than refusing "Mark Complete".
_GIVEN_NAMES = GIVEN_NAMES
_NOT_SURNAMES = frozenset(_words("""
street road lane avenue close way court house lodge hall manor park place view gardens grove
drive crescent terrace square hill green care home homes nursing residential healthcare health
services service council trust ltd limited plc cic centre center group hospital hospitals
hospice ward wards unit surgery practice school college university foundation partnership
society charity villa villas mews line dock docks station infirmary clinic medical institute
academy ambulance centres building suite wing knife
"""))
# Given and family names that together name an organisation or a place, not a person receiving
# care (session 25's review: hospitals, wards, charities and shops were refused).
_NAMED_THINGS = frozenset(("leonard cheshire", "john lewis", "thomas cook", "elizabeth finn",
                           "joseph rowntree", "william harvey", "george eliot", "john radcliffe",
                           "james paget", "mary seacole", "florence nightingale", "arthur rank",
                           "helen allen", "thomas hardy", "john taylor", "james cook",
                           "john moores", "edward jenner", "albert dock", "elizabeth line",
                           "ted baker", "ken loach", "sam smith", "marie curie",
                           "jack daniels", "martin lewis", "ben nevis", "harvey nichols"))
_FAMILY = r"[A-Z](?:[a-z]+|['\u2019][A-Z][a-z]+)(?:-[A-Z][a-z]+)?"  # Holmes, O'Brien
# Looked for at every word, so "Yesterday Patricia Holmes" and "Dr Patricia Holmes" are read
# from "Patricia" (session 25's review); a word after it is read too ("... Hospital").
# Title case only: in capitals, "SENT TO PAUL FOR SIGN OFF" and "Sarah CQC" read as names
# (a second review), so "PATRICIA HOLMES" is not read either.
_UNTITLED_NAME = re.compile(r"\b(?=(?P<given>[A-Z][a-z]+)\s+(?P<family>" + _FAMILY
                            + r")\b(?:\s+(?P<next>[A-Z][a-z]+))?)")


def _untitled(text: str, known: Callable[[str], bool] | None) -> list[tuple[int, int, str]]:
    """(start, end, name) of every given-and-family name with no title in ``text``."""
    found = []
    for match in _UNTITLED_NAME.finditer(text):
        given, family, after = (match.group("given"), match.group("family"),
                                (match.group("next") or "").casefold())
        name = f"{given} {family}"
        if (given.casefold() in _GIVEN_NAMES and family.casefold() not in _NOT_SURNAMES
                and after not in _NOT_SURNAMES and name.casefold() not in _NAMED_THINGS
                and not (known is not None and known(name))):
            start = match.start("given")
            found.append((start, match.end("family"), text[start:match.end("family")]))
    return found


def untitled_name(text: str, *, known: Callable[[str], bool] | None = None) -> str | None:
    """A given name and a family name with no title in ``text`` ("Patricia Holmes"), or None;
    not a place or an organisation ("Mary Street", "George Eliot Hospital"). ``known``:
    whether a name found may be written (someone in the directory: council staff, providers'
    people, an organisation). Names in lower case or in capitals are not read: too many
    ordinary words and acronyms follow a given name."""
    found = _untitled(text, known)
    return found[0][2] if found else None


def a_name(text: str, *, known: Callable[[str], bool] | None = None) -> str | None:
    """A person's name in ``text``, with a title ("Mrs Harris") or without ("Patricia
    Holmes"), or None. ``known``: as for ``untitled_name``."""
    return titled_name(text) or untitled_name(text, known=known)


# Words that end a titled name typed in lower case ("mrs patricia holmes fell"): the name is
# cut to the title's next two words at most, stopping at one of these.
# A title typed in lower case before ordinary English words ("mrs rooms purse", "mr potato
# head") or a thing's name ("mr whippy van", "mrs doubtfire") is no name (session 42's trial:
# the hub's alert read "taking money from mrs R. P."); nor is an ordinary word after a name
# ("mrs holmes purse" is "mrs H. purse"). English words are ``knowledge.search.english_words``;
# but a family name is a name whatever else it is ("mrs smith", "mr brown", "mrs rose"): these
# common ones are English words too.
_FAMILY_WORDS = frozenset(_words("""
archer ash bacon baker ball banks barker barn baron bass bell berry best birch bird bishop black
bold bond booth bowman brand brewer bridge bright broad brook brooks brown bull bullock burns
burrows bush butcher butler canon carpenter carver castle chamberlain chambers chandler child
church clerk coats constable cook cooper cope cotton court coward cox crane cross crow dale day
deacon dean drake duke dyer eagle earl falconer farmer fellows field fields finch fisher flint ford
forest foster fox french friend frost fry fuller gardener gate gates gee gentle gill gold good gray
green grey grove hale hales hall hammer hardy hart hawk hay hays heard heath hedges heron
herring hill hog hood hope house hunt hunter jay joy keen key keys khan king knight lamb lane lark
lee little lock long lord love major manning march marsh martin mason may mayor merry miles mill
miller mills minor monk moody moon moor moss mould mutton newton nightingale noble north old page
pain parry parsons partridge peacock peck peel penny pike pool pope porter potter power powers
price prince prior proud rain read reed reeve rice rich rivers robin rock rogers rose rush sage
salmon salter savage seller sellers sergeant shah sharp shepherd sheriff shore short silver small
smith snow sparrow squire stack steel sterling steward stock stocks stone storm street streets
strong summer summers swan sweet swift tanner thatcher tower trout turner vale vicar wade wales
walker wall walls ward wards waters watts weaver well wells welsh west wheeler white wild wing
winter wise wolf wood woods worth wren wright young
"""))
_TITLED_THINGS = frozenset(_words("""
whippy softee kipling blobby tumble bean men motivator muscle sheen fixit tiggywinkle doubtfire
hinch freeze potato benn brightside
"""))
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def _an_english_word(word: str) -> bool:
    """Whether ``word``, typed in lower case after a title or a name, is an ordinary English
    word (its possessive aside), not a family name nor a given name."""
    bare = _POSSESSIVE.sub("", word).casefold()
    return bare in english_words() and bare not in _FAMILY_WORDS and bare not in GIVEN_NAMES


def _no_name_after_a_title(name: str, rest: list[str]) -> bool:
    """Whether the words after a title (``name`` typed in lower case, then ``rest``) are no
    name: an ordinary word or a thing's name, and no name after it ("mrs grace smith")."""
    bare = _POSSESSIVE.sub("", name).casefold()
    if bare in _TITLED_THINGS:
        after = _POSSESSIVE.sub("", rest[0]).casefold() if rest else ""
        return after not in _FAMILY_WORDS and after not in GIVEN_NAMES
    if not _an_english_word(bare):
        return False
    return not rest or not rest[0].islower() or _an_english_word(rest[0])


_AFTER_A_NAME = frozenset(_words("""
is was has had have needs need needed at in on with from and or but the a an to for who she he
her his their fell moved died went got gets will would can could should may might of by about
after before since until into our my your this that its it's says said told asked wants
"""))


@lru_cache(maxsize=256)  # kept and checked for names both (``handlers.ask.chat``)
def without_names(text: str) -> str:
    """``text`` with every name ``a_name`` finds cut to initials ("Mrs Patricia Holmes" ->
    "Mrs P. H.", "Patricia Holmes" -> "P. H.", "mrs patricia holmes" -> "mrs P. H."): what is
    kept of a question a person asked (session 25's trial: a name reached `kb gaps` and the
    `kb teach` line it offers)."""
    def initials(words: str) -> str:
        return " ".join(word[0].upper() + "." for word in words.split())

    def titled(found: re.Match[str]) -> str:
        name = found.group("name")
        if len(name) <= 1 or name.casefold() in _NOT_NAMES:
            return found.group(0)
        # After "Dr", only a capitalised name ("the Dr told us", "a Dr appointment" are words;
        # the session's review: an urgent alert read "The Dr T. U. RC-104 has bruises").
        if found.group("title") in ("Dr", "DR") and not name[:1].isupper():
            return found.group(0)
        # More of the name: capitalised words after a capitalised name; after one typed in
        # lower case, lower-case words that are not ``_AFTER_A_NAME``, nor ordinary words but
        # for the family name after a given name ("mrs patricia holmes purse" is "mrs P. H.
        # purse"). Typed in lower case, ordinary words after the title are no name at all.
        rest = (found.group("rest") or "").split()
        if name.islower() and _no_name_after_a_title(name, rest):
            return found.group(0)
        given = name.casefold() in GIVEN_NAMES
        more: list[str] = []
        for word in rest:
            # A possessive ends the name ("mrs jones's daughter took her pension": the session's
            # second review kept "mrs J. D. T. her pension").
            if re.search(r"['\u2019]s$", more[-1] if more else name):
                break
            if (word[:1].isupper() if name[:1].isupper()
                    else word.islower() and word.casefold() not in _AFTER_A_NAME
                    and ((given and not more) or not _an_english_word(word))):
                more.append(word)
            else:
                break
        kept = rest[len(more):]
        words = [name, *more]
        # "Mrs Jones's daughter" keeps its "'s" ("Mrs J.'s daughter"; session 26's trial).
        owner = re.search(r"['\u2019]s$", words[-1])
        if owner is not None:
            words[-1] = words[-1][:owner.start()]
        return (f"{found.group('title')} {initials(' '.join(words))}"
                + (owner.group(0) if owner is not None else "")
                + "".join(" " + word for word in kept))

    cut = _TITLED_FULL.sub(titled, text)
    # Overlapping finds ("Elizabeth Margaret Thatcher": two) are one name.
    spans: list[list[int]] = []
    for start, end, _name in _untitled(cut, None):
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    for start, end in reversed(spans):
        cut = cut[:start] + initials(cut[start:end]) + cut[end:]
    return given_names_alone(cut, lower_case=False)


# A given name standing alone ("Margaret told me her son takes her pension every week";
# session 28: kept word for word in the case and the hub's alert, where "Margaret Thornton"
# was cut). Any name of ``GIVEN_NAMES`` but ``NEVER_ALONE``, written with a capital
# ("Margaret", "Anne-Marie") or, in a concern's words, in lower case ("margaret"; never one of
# ``ALSO_WORDS``: "olive oil"). Not in an address, a link or a reference ("margaret.jones@...",
# "JOAN-1"), nor where it is part of a longer name the full-name rules read and kept: before
# a capitalised word ("Elizabeth Line", "Mary Seacole"), after a word that makes it a place's
# or a title's ("St Mary's", "Queen Elizabeth", "Princess Diana"), before a word of a place or
# an organisation ("Mary Street", "Florence ward"), or one of ``_NAMED_THINGS``.
_GIVEN_ALONE = re.compile(r"(?<![\w@./\\'\u2019-])"
                          r"(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)*|[a-z]{3,}"
                          r"|[A-Z]{4,}(?:-[A-Z]{3,})*)"
                          r"(?P<owner>['\u2019]s\b|(?<=s)['\u2019](?!\w))?"
                          r"(?![\w@'\u2019-]|\.\w)")
_NAME_OF_A_PLACE = frozenset(_words("""
st saint queen king prince princess lady lord sir dame port fort lake mount cape big
"""))
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?\s+$")
_WORD_AFTER = re.compile(r"\s+([^\W\d_]+)")


# A name that is also a word ("Olive", "Jack", "Roger"), written with a capital, is cut (privacy
# errs to cutting: "Olive grabbed her arm", "Ivy, her daughter, takes her pension", "It was
# Olive who hit her"; the session's second review), but where the words after it make it
# plainly an ordinary word: these phrases, read in the name and up to three words after it.
_ORDINARY_PHRASES = frozenset((
    "carol singers", "carol singer", "carol singing", "carol service", "carol services",
    "carol concert", "carol concerts", "olive oil", "olive oils", "olive green", "olive branch",
    "olive tree", "olive trees", "ivy league", "ivy leaves", "ivy leaf", "jack up", "jack plug",
    "jack plugs", "jack of all trades", "roger that", "terry towel", "terry towels",
    "terry towelling", "terry cloth", "terry nappies", "lily pad", "lily pads", "lily pond",
    "lily of the valley", "norman castle", "norman castles", "norman conquest", "norman church",
    "norman churches", "norman arch", "norman invasion", "harry the council",
    "harry the commissioners", "harry the commissioning", "harry the local authority",
    "harry the la", "stanley knife", "stanley knives", "rosemary oil"))
# The names those phrases begin with: only these, written with a capital, are read for one.
_PHRASE_STARTS = frozenset(phrase.split()[0] for phrase in _ORDINARY_PHRASES)
_PHRASE_AFTER = re.compile(r"(?:\s+[^\W\d_]+){1,3}")


def _an_ordinary_word(text: str, found: re.Match[str]) -> bool:
    """Whether a given name that is also a word begins one of ``_ORDINARY_PHRASES``."""
    after = _PHRASE_AFTER.match(text, found.end())
    if after is None:
        return False
    words = [found.group("name").casefold(), *after.group(0).casefold().split()]
    return any(" ".join(words[:length]) in _ORDINARY_PHRASES for length in (2, 3, 4))


def given_names_alone(text: str, *, lower_case: bool) -> str:
    """``text`` with each given name standing alone cut to its initial ("Margaret told me" ->
    "M. told me", "Anne-Marie's son" -> "A.-M.'s son"): names written with a capital, or
    with ``lower_case`` those typed in lower case ("margaret told me" -> "M. told me")."""
    def cut(found: re.Match[str]) -> str:
        name, whole = found.group("name"), found.group(0)
        first = name.split("-")[0].casefold()
        # Typed in lower case or in capitals ("MARGARET told me"): in a concern's words only.
        if name.islower() or name.isupper():
            if not lower_case:
                return whole
        elif lower_case:
            return whole
        if (first not in GIVEN_NAMES or first in NEVER_ALONE
                or (name.islower() and first in ALSO_WORDS)):
            return whole
        before = _WORD_BEFORE.search(text, 0, found.start())
        after = _WORD_AFTER.match(text, found.end())
        previous = before.group(1) if before is not None else ""
        following = after.group(1) if after is not None else ""
        if (first in _PHRASE_STARTS and not found.group("owner")
                and _an_ordinary_word(text, found)):
            return whole  # "Carol singers", "Jack up the fees", "Roger that"
        if (previous.casefold() in _NAME_OF_A_PLACE
                or following.casefold() in _NOT_SURNAMES
                or (not found.group("owner") and following[:1].isupper()
                    and following[1:].islower() and len(following) > 1)
                or f"{previous} {name}".casefold() in _NAMED_THINGS
                or (not found.group("owner") and f"{name} {following}".casefold()
                    in _NAMED_THINGS)):
            return whole
        owner = found.group("owner") or ""
        # A full stop after the name ends the sentence: "I told Margaret." -> "I told M."
        stop = "" if not owner and text.startswith(".", found.end()) else "."
        return "-".join(part[0].upper() + "." for part in name.split("-"))[:-1] + stop + owner

    return _GIVEN_ALONE.sub(cut, text)


# After a title, up to two more words that may be the name's (``without_names`` decides).
# A doctor's name is cut in what is kept too ("Sadly Dr Ade Bello passed away" -> "Dr A. B."),
# though it is no sign of someone cared for (a GP named in a case's words is not refused).
_TITLED_FULL = re.compile(r"\b(?P<title>" + TITLES + _NAME_AFTER_TITLE
                          + r"(?P<rest>(?:\s+" + _NOT_A_REFERENCE
                          + r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)?){0,2})")


# Short enough that "{reference} clarification deadline" fits a deadline's reference.
TENDER_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$")
# Short enough that "invoice {number}" fits a deadline's reference.
INVOICE_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,55}$")

MAX_AMOUNT_PENCE = 100_000_000_00  # £100m: anything bigger is a typing slip
_AMOUNT = re.compile(r"^-?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$")

# Problems of single rows: (line, what is wrong), reported together at the end.
Problems = list[tuple[int, str]]


@frozen
class CsvRow:
    """One non-blank data row: its line number and its values, stripped, by column."""

    line: int
    values: dict[str, str]


def read_csv(data: bytes, *, source: str, columns: tuple[str, ...],
             required: tuple[str, ...], noun: str,
             max_field: int = MAX_FIELD) -> tuple[list[CsvRow], Problems]:
    """The rows of a CSV file and the problems of single rows (too many fields, control
    characters, overlong values); raises ImportRejected when the file itself is unusable
    (too large, not UTF-8, no header, unknown, missing or repeated columns, no rows)."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportRejected([f"{source}: the file is larger than {MAX_FILE_BYTES:,} bytes"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRejected([f"{source}:{line}: the file is not UTF-8 text (in Excel, save it "
                              "as \"CSV UTF-8 (Comma delimited)\"; a workbook (.xlsx) is not "
                              "a CSV file)"]) from None
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        header = reader.fieldnames
    except csv.Error as error:
        raise ImportRejected([f"{source}:1: the header cannot be read: {error}"]) from None
    if not header:
        raise ImportRejected([f"{source}:1: the file is empty; it needs a header row"])
    cleaned = [column.strip().lower() for column in header]
    unknown = [column for column in cleaned if column not in columns]
    missing = [column for column in required if column not in cleaned]
    repeated = sorted({column for column in cleaned if cleaned.count(column) > 1})
    header_problems = []
    if unknown:
        header_problems.append(f"{source}:1: unknown column(s): {', '.join(unknown)}")
    if missing:
        header_problems.append(f"{source}:1: missing column(s): {', '.join(missing)}")
    if repeated:
        header_problems.append(f"{source}:1: repeated column(s): {', '.join(repeated)}")
    if header_problems:
        raise ImportRejected(header_problems)
    reader.fieldnames = cleaned
    rows: list[CsvRow] = []
    problems: Problems = []
    seen = 0
    line = 1
    try:
        for raw in reader:
            line = reader.line_num
            if None in raw:
                problems.append((line, "more fields than the header has columns"))
                continue
            if all(not (value or "").strip() for value in raw.values()):
                continue  # a blank line
            seen += 1
            if seen > MAX_ROWS:
                problems.append((line, f"more than {MAX_ROWS:,} rows; split the file"))
                break
            values = {column: (raw.get(column) or "").strip() for column in columns}
            for column, value in values.items():
                if len(value) > max_field:
                    problems.append((line, f"{column} is longer than {max_field} characters"))
                if any(ord(char) < 32 for char in value):
                    problems.append((line, f"{column} contains control characters"))
            rows.append(CsvRow(line, values))
    except csv.Error as error:
        problems.append((line + 1, f"the CSV is malformed: {error}"))
    if not rows and not problems:
        raise ImportRejected([f"{source}: no {noun} in the file"])
    return rows, problems


def reject_if_any(problems: Problems, source: str) -> None:
    """Raise ImportRejected listing every problem, in line order, if there is any."""
    if problems:
        ordered = sorted(problems, key=lambda problem: problem[0])  # stable within a line
        raise ImportRejected([f"{source}:{line}: {text}" for line, text in ordered])


AmountProblem = Literal["unreadable", "not_positive", "too_precise", "too_large"]


class AmountError(ValueError):
    """An amount that is not a sum of money we can use; ``problem`` says why, each caller says
    it in its own words (a chat reply, an import's ``FILE:LINE`` problem)."""

    def __init__(self, text: str, problem: AmountProblem) -> None:
        super().__init__(f"amount {text!r}: {problem}")
        self.text = text
        self.problem: AmountProblem = problem


def pence(text: str) -> int:
    """An amount in pounds (``1234.56``, ``£1,234.56``) as integer pence.

    Thousands may be grouped with commas, correctly (``1,234``, not ``1,2``); at most two
    decimal places; more than nothing and at most ``MAX_AMOUNT_PENCE``. Raises ``AmountError``.
    """
    cleaned = text.strip().removeprefix("£").strip()
    if not _AMOUNT.match(cleaned):
        raise AmountError(text, "unreadable")
    try:
        pounds = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        raise AmountError(text, "unreadable") from None
    exponent = pounds.as_tuple().exponent
    if pounds <= 0:
        raise AmountError(text, "not_positive")
    if isinstance(exponent, int) and exponent < -2:
        raise AmountError(text, "too_precise")
    amount = int(pounds * 100)
    if amount > MAX_AMOUNT_PENCE:
        raise AmountError(text, "too_large")
    return amount


DayProblem = Literal["unreadable", "unreal"]
# Dates further from today than this are typing slips (year 1, 2206): chat and imports agree.
DAYS_BACK = 5 * 366
DAYS_AHEAD = 2 * 366
_ISO_DAY = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$")  # 2026-11-25, 2026/11/25
# 25/11/2026, 25.11.2026, 25-11-2026, and with a two-digit year (25/11/26: 2026); session 21's
# review found "20.11.2026", "20-11-26" and "2026/11/20" refused.
_UK_DAY = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$")
# 25/11 with no year: read only where today is known (chat), as the nearest such day not more
# than DAYS_AHEAD_NO_YEAR ahead.
_NO_YEAR = re.compile(r"^(\d{1,2})[/.](\d{1,2})$")
DAYS_AHEAD_NO_YEAR = 60


class DayError(ValueError):
    """Text that is not a date: ``problem`` is "unreadable" (no date format) or "unreal"
    (like 2026-02-30)."""

    def __init__(self, text: str, problem: DayProblem) -> None:
        super().__init__(f"date {text!r}: {problem}")
        self.text = text
        self.problem: DayProblem = problem


def parse_day(text: str, today: date | None = None) -> date:
    """A date written 2026-11-25 or 25/11/2026 (day first, as in the UK; "/", "." or "-"
    between, a two-digit year as 20YY), or, when ``today`` is given, 25/11 (the latest such
    day not more than ``DAYS_AHEAD_NO_YEAR`` days ahead); raises DayError."""
    word = text.strip()
    iso, uk = _ISO_DAY.match(word), _UK_DAY.match(word)
    no_year = _NO_YEAR.match(word) if today is not None else None
    if iso is not None:
        year, _sep, month, day = iso.groups()
    elif uk is not None:
        day, _sep, month, year = uk.groups()
        year = f"20{year}" if len(year) == 2 else year
    elif no_year is not None and today is not None:
        day, month = (int(part) for part in no_year.groups())
        # The latest such day no more than DAYS_AHEAD_NO_YEAR ahead: next year's ("2/1" in
        # December), this year's, or last year's (the session's own code review: "2/1" on 5
        # December was read as a January gone).
        latest = today + timedelta(days=DAYS_AHEAD_NO_YEAR)
        for year in (today.year + 1, today.year, today.year - 1):
            try:
                found = date(year, month, day)
            except ValueError:
                continue  # 29/2 outside a leap year
            if found <= latest:
                return found
        raise DayError(text, "unreal")
    else:
        raise DayError(text, "unreadable")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise DayError(text, "unreal") from None


def in_window(day: date, today: date) -> bool:
    """Whether ``day`` is within the window people plausibly mean (5 years back, 2 ahead)."""
    return today - timedelta(days=DAYS_BACK) <= day <= today + timedelta(days=DAYS_AHEAD)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def coming_day(word: str, today: date) -> date | None:
    """A day to come said as "tomorrow" or a weekday ("friday", "fri": the next one after
    today), as people say it (session 20: "/away friday ..." was unreadable; session 22: a
    placement "starting monday"); else None."""
    word = word.strip().lower().rstrip(".")
    if word == "tomorrow":
        return today + timedelta(days=1)
    for number, name in enumerate(WEEKDAYS):
        if len(word) >= 3 and name.startswith(word):
            return today + timedelta(days=(number - today.weekday() - 1) % 7 + 1)
    return None


# "this coming thursday", "the coming thursday", "coming thursday": the coming one, as "this
# thursday" is (session 46's brief: "I couldn't read the day").
_WEEKDAY_SAID = re.compile(r"^(?:(last|next|this(?:\s+coming)?|(?:the\s+)?coming)\s+)?"
                           r"([a-z]{3,9})\.?$")


def _weekday(text: str) -> tuple[str | None, int] | None:
    """("last" | "next" | "this" | None, the weekday's number) of a weekday in words."""
    found = _WEEKDAY_SAID.fullmatch(text.strip().lower().rstrip(",;:."))
    if found is None:
        return None
    which, word = found.groups()
    if which is not None and "coming" in which:
        which = "this"
    word = "wed" if word == "weds" else word
    number = next((n for n, name in enumerate(WEEKDAYS) if name.startswith(word)), None)
    return None if number is None else (which, number)


# A weekday in words, whole or short, as the later-week phrases take it.
WEEKDAY_WORDS = (r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|weds|thu|thur"
                 r"|thurs|fri|sat|sun")
# A weekday in a later week: "thursday next week", "next week thursday", "thursday after next",
# "thursday fortnight", "a fortnight on friday" (session 45's last review), with the weekday
# whole or short ("thurs next week": session 46's brief). One grammar: chat's day in a sentence
# (``handlers.deadlines.chat._SAID_DAY``) and a command's day (``later_week_said``) are built
# on it; its groups are read by ``later_week``.
LATER_WEEK = (
    r"\b(?P<nextweek>" + WEEKDAY_WORDS + r")\.?\s+(?:of\s+)?next\s+week\b"
    r"|\bnext\s+week,?\s+(?:on\s+)?(?:the\s+)?(?P<nextweek2>" + WEEKDAY_WORDS + r")\b"
    r"|\b(?P<afternext>" + WEEKDAY_WORDS + r")\.?\s+after\s+next\b"
    r"|\b(?P<fortnight>" + WEEKDAY_WORDS + r")\.?\s+fortnight\b"
    r"|\ba\s+fortnight\s+(?:on\s+)?(?P<fortnight2>" + WEEKDAY_WORDS + r"|today|tomorrow)\b")
LATER_WEEK_GROUPS = ("nextweek", "nextweek2", "afternext", "fortnight", "fortnight2")
_LATER_WEEK_SAID = re.compile(r"(?:the\s+)?(?:" + LATER_WEEK + r")")


def later_week(groups: dict[str, str | None], today: date) -> tuple[date, ...] | None:
    """The day "thursday next week" (that weekday in the week after this, Monday to Sunday),
    "thursday after next" (a week after the coming one), "thursday fortnight" or "a fortnight
    on thursday" (two weeks after the coming one; "a fortnight today": 14 days) say, by the
    groups of ``LATER_WEEK`` (pure); None when ``groups`` hold none of them."""
    next_week = groups.get("nextweek") or groups.get("nextweek2")
    if next_week:
        coming = weekday_to_come(next_week, today)
        if not coming:
            return ()
        monday = today + timedelta(days=7 - today.weekday())
        return (monday + timedelta(days=coming[0].weekday()),)
    after = groups.get("afternext")
    fortnight = groups.get("fortnight") or groups.get("fortnight2")
    word = after or fortnight
    if not word:
        return None
    weeks = 1 if after else 2
    if word.lower() in ("today", "tomorrow"):
        return (today + timedelta(days=7 * weeks + (word.lower() == "tomorrow")),)
    coming = weekday_to_come(word, today)
    return (coming[0] + timedelta(days=7 * weeks),) if coming else ()


def later_week_said(text: str, today: date) -> tuple[date, ...] | None:
    """The day a weekday in a later week, said alone ("thursday next week", "a fortnight on
    friday": ``LATER_WEEK``), is (pure); None when ``text`` is no such day."""
    found = _LATER_WEEK_SAID.fullmatch(" ".join(text.lower().split()))
    return later_week(found.groupdict(), today) if found is not None else None


def weekday_said(text: str, today: date) -> tuple[date, date] | None:
    """A weekday in words ("friday", "fri", "last friday", "next monday", "this fri") as the
    two days it may mean: (the latest such day up to today, the first one after today).
    "last" means only the one before today, "next" and "this" only the one to come (both
    returned the same); None when the words are no weekday. One reading for every command's
    date (session 30's trial: "/placement new" read "monday", "/placement end" did not)."""
    said = _weekday(text)
    if said is None:
        return None
    which, number = said
    past = today - timedelta(days=(today.weekday() - number) % 7)
    coming = today + timedelta(days=(number - today.weekday() - 1) % 7 + 1)
    if which == "last":
        before = past if past < today else past - timedelta(days=7)
        return before, before
    if which in ("next", "this"):
        return coming, coming
    return past, coming


def weekday_to_come(text: str, today: date) -> tuple[date, ...] | None:
    """A weekday to come in words ("thursday", "this thu", "next thursday") as the days it
    may mean, read as ``weekday_said`` reads it: the first such day after today; and "next"
    when that day falls in this week (Monday to Sunday) may also mean the one in the week
    after ("next thursday" said on a Wednesday: tomorrow, or 8 days ahead?), so both are
    returned, to be asked about. None when the words are no weekday, or "last" one."""
    said = _weekday(text)
    if said is None or said[0] == "last":
        return None
    coming = today + timedelta(days=(said[1] - today.weekday() - 1) % 7 + 1)
    if said[0] == "next" and coming.weekday() > today.weekday():
        return coming, coming + timedelta(days=7)
    return (coming,)


def weekday_with_date(text: str, day: date) -> tuple[date, ...]:
    """The days "thursday 17th" may mean, the weekday ``text`` said before the date ``day``
    (pure): the date alone when it is that weekday ("thursday 17th" on Thu 17 Dec; the date
    given wins over "next"); else the weekday nearest to the date and the date itself, in
    order ("thursday 18th": Thu 17 or Fri 18?), to be asked about. The date alone when
    ``text`` is no weekday (session 45's review: "thursday 17th" was read as Thu 10 Dec)."""
    said = _weekday(text)
    if said is None or day.weekday() == said[1]:
        return (day,)
    near = day + timedelta(days=(said[1] - day.weekday() + 3) % 7 - 3)
    return tuple(sorted((near, day)))


def week_on(text: str, today: date) -> tuple[date, ...] | None:
    """A week after the day ``text`` says, as in "thursday week", "a week on thursday", "a
    week today", "a week tomorrow" (pure): "today" and "tomorrow" plus 7 days; a weekday the
    one after the coming one (on Wed 9 Dec, "thursday week" is Thu 17 Dec), and said on
    that weekday itself both a week and two weeks ahead, to be asked about. None when
    ``text`` is no such day."""
    word = " ".join(text.lower().split())
    if word in ("today", "tomorrow"):
        return (today + timedelta(days=7 + (word == "tomorrow")),)
    said = _weekday(word)
    if said is None or said[0] is not None:
        return None
    coming = today + timedelta(days=(said[1] - today.weekday() - 1) % 7 + 1)
    if coming.weekday() == today.weekday():
        return coming, coming + timedelta(days=7)
    return (coming + timedelta(days=7),)


# Month names as people write them, and a day with its month in words ("30 November 2026",
# "2nd dec", "30 nov 26"): the due-date questions of the chat (session 22).
_MONTHS = (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
           ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
           ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
           ("dec", "december"))
MONTH_WORDS = "|".join(name for names in _MONTHS for name in names)  # a regex alternation
_MONTH_NUMBER = {name: number for number, names in enumerate(_MONTHS, start=1)
                 for name in names}
_DAY_AND_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?(" + MONTH_WORDS
                            + r")\.?(?: (\d{4}|\d{2}))?")


# A weekday with its date after it ("thursday 17th", "monday 21 december", "next thu the
# 17/12"), and a week on from a day ("thursday week", "a week on thursday", "a week today"):
# one word of a command (``words_with_days``), read by ``weekday_date_said``.
_WEEKDAY_THEN_DATE = re.compile(
    r"(?P<named>(?:(?:last|next|this) )?[a-z]{3,9}),? (?:the )?(?P<date>\d{1,2}(?:st|nd|rd|th)"
    r"|\d{1,2}[/.-]\d{1,2}(?:[/.-](?:\d{4}|\d{2}))?|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:"
    + "|".join(name for names in _MONTHS for name in names) + r")\.?(?: \d{4})?)")
_WEEK_ON = re.compile(r"a week (?:on )?(?P<week>[a-z]{3,9})|(?P<week2>[a-z]{3,9}) week")


def weekday_date_said(text: str, today: date, toward: str = "either") -> tuple[date, ...] | None:
    """The days a weekday with a date after it ("thursday 17th", "monday 21 december") or a
    week on from a day ("thursday week", "a week today") may mean (pure): one day, or two to
    be asked about (a weekday that is not its date's: "thursday 18th", Thu 17 or Fri 18?);
    None when ``text`` is neither. The date given wins over the weekday (session 45's review:
    "thursday 17th" was read as the coming Thursday). A date with no month ("17th") is, by
    ``toward``, the latest such day up to today ("past"), the first after today ("future"),
    or this month's ("either")."""
    word = " ".join(text.lower().split())
    week = _WEEK_ON.fullmatch(word)
    if week is not None:
        return week_on(week.group("week") or week.group("week2"), today)
    found = _WEEKDAY_THEN_DATE.fullmatch(word)
    if found is None or _weekday(found.group("named")) is None:
        return None
    said = found.group("date")
    ordinal = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", said)
    day: date | None
    if ordinal is not None:
        day = numbered_day(int(ordinal.group(1)), today, toward)
    else:
        day = day_in_words(said, today)
    if day is None:
        return None
    days = weekday_with_date(found.group("named"), day)
    if ordinal is not None and toward == "past":
        # "thursday 17th" said on Wed 9 Dec of a day done: the 17th that is a Thursday is to
        # come (Thu 17 Dec), so that day, for the caller to refuse as one to come (session
        # 45's last review: Tue 17 Nov or Thu 19 Nov were offered, "such as 19/11/2026").
        ahead = numbered_day(int(ordinal.group(1)), today, "future")
        return weekday_on_a_date_to_come(found.group("named"), days,
                                         (ahead,) if ahead is not None else ())
    return days


def weekday_on_a_date_to_come(named: str, days: tuple[date, ...],
                              ahead: Iterable[date]) -> tuple[date, ...]:
    """The days a weekday said before a date may mean (``weekday_with_date``'s ``days``),
    unless they are two and one of ``ahead`` (the date read as one to come) is that weekday's:
    then that day alone ("thursday 17th" said on Wed 9 Dec of a day done: the latest 17th is
    no Thursday, the coming one is), for the caller to refuse as one to come (pure)."""
    if len(days) == 2:
        for later in ahead:
            if weekday_with_date(named, later) == (later,):
                return (later,)
    return days


def numbered_day(number: int, today: date, toward: str) -> date | None:
    """"the 17th": this month's ("either"), the latest up to today ("past") or the first
    after today ("future"), within three months; None with no such day."""
    month = today.replace(day=1)
    step = {"past": -1, "future": 1}.get(toward, 0)
    for _ in range(3):
        try:
            day = month.replace(day=number)
        except ValueError:
            day = None
        if day is not None and (step == 0 or (day <= today if step < 0 else day > today)):
            return day
        if step == 0:
            return None
        month = ((month - timedelta(days=1)).replace(day=1) if step < 0
                 else (month + timedelta(days=32)).replace(day=1))
    return None


def words_with_days(words: list[str]) -> list[str]:
    """A command's words with a day written out ("3 Dec 2026", "3rd of December", as
    ``day_in_words`` reads it) made one word, so "/invoice received INV-1 3 Dec 2026 100 P-7"
    reads its date (session 25's trial: it got the usage line)."""
    out: list[str] = []
    at = 0
    while at < len(words):
        # The longest run of two to four words from here that is such a day, or a weekday
        # after "last", "next" or "this" ("next monday": session 30's trial got the usage line).
        # So is a weekday with its date, or a week on from a day ("thursday 17th", "thursday
        # week": session 45's review).
        end = next((end for end in range(min(len(words), at + 6), at + 1, -1)
                    if (end <= at + 4 and _DAY_AND_MONTH.fullmatch(
                        " ".join(words[at:end]).lower()))
                    or (end <= at + 3 and words[at].lower() in (
                        "last", "next", "this", "coming", "the")
                        and _weekday(" ".join(words[at:end])) is not None)
                    or _joined_day(words[at:end])), at + 1)
        out.append(" ".join(words[at:end]))
        at = end
    return out


def _joined_day(words: list[str]) -> bool:
    """Whether ``words`` are a weekday with its date or a week on from a day, as
    ``weekday_date_said`` reads them."""
    said = " ".join(words).lower()
    if _LATER_WEEK_SAID.fullmatch(said):  # "thursday next week", "a fortnight on friday"
        return True
    week = _WEEK_ON.fullmatch(said)
    if week is not None:
        named = week.group("week") or week.group("week2")
        return named in ("today", "tomorrow") or _weekday(named) is not None
    found = _WEEKDAY_THEN_DATE.fullmatch(said)
    return found is not None and _weekday(found.group("named")) is not None


def year_after_day(text: str) -> tuple[str, str] | None:
    """A day written with its month and a number after it that was read as its year ("21 oct
    1320"), as the day and the number ("21 oct", "1320"); None for anything else. Whether the
    number is the year or the next word of a command (an amount) is the command's to say."""
    found = _DAY_AND_MONTH.fullmatch(text.strip().lower())
    if found is None or found.group(3) is None:
        return None
    return text.strip()[:found.start(3)].rstrip(), found.group(3)


def day_in_words(text: str, today: date) -> date | None:
    """A day written with its month in words, or as ``parse_day`` reads it: with no year, the
    nearest such day to ``today`` (a day asked about is usually recent or near); None when
    there is no such day."""
    found = _DAY_AND_MONTH.fullmatch(text.strip().lower())
    if found is None:
        try:
            return parse_day(text, today)
        except DayError:
            return None
    day, month, year = found.groups()
    years = ([int(year) + (2000 if len(year) == 2 else 0)] if year is not None
             else [today.year - 1, today.year, today.year + 1])
    candidates = []
    for candidate in years:
        try:
            candidates.append(date(candidate, _MONTH_NUMBER[month], int(day)))
        except ValueError:
            continue
    return min(candidates, key=lambda when: abs((when - today).days), default=None)


def days_open(opened_at: datetime, at: datetime | date, timezone: str) -> int:
    """How many whole days something opened at ``opened_at`` (a case) has been open at ``at``:
    the calendar days between the day it opened and the day of ``at``, both in the council's
    time zone ``timezone`` (opened Thursday 15:00, read Monday 08:00: 4). ``at`` is a moment,
    or a day already in that time zone. The one age the weekly digest and /cases show (trials:
    at the same moment one said "4 days old", the other "3 days")."""
    try:
        zone = ZoneInfo(timezone)
    except (KeyError, ValueError):
        zone = ZoneInfo("Europe/London")
    day = at.astimezone(zone).date() if isinstance(at, datetime) else at
    return (day - opened_at.astimezone(zone).date()).days


def service_key(text: str) -> str:
    """A service type as it is matched: lower case, words joined by hyphens ("Home Care",
    "home_care" and "home-care" are one), for surveys' audiences and routing rules alike."""
    return "-".join(word for word in re.split(r"[\s_-]+", text.strip().lower()) if word)


# A full name typed all in lower case ("margaret thornton in room 3 has bruises"; session 26's
# third trial: kept word for word in the concern): a given name, a family name that is no
# common word, then a word that ends a name's place in a sentence. Cut to initials in a
# concern's words only, where a false find costs a word, not a refusal; a verb after the
# given name ("john hit her") is never taken for a family name.
_COMMON_AFTER_A_NAME = frozenset(_words("""
has had have is was are were will would can could did does do said says told tells called rang
came comes went goes fell falls hit hits slapped pushed kicked punched grabbed shouted swore
took takes stole steals left leaves lost needs needed wants wanted got gets found finds saw sees
the a an and or but in at on of to for from with by about who which that this his her their our
my your its him them they she he it we you i me us not no never always also just still again
now then today yesterday tonight room flat bed house home care carer carers staff nurse doctor
gp son daughter husband wife mum dad brother sister family friend neighbour
"""))
_ENDS_A_NAME = frozenset(_words("""
in at from on has had is was who whose told said says and but , . ; : ( - s
"""))
# Read at each word's start (a lookahead, so "saw margaret" read first does not hide
# "margaret thornton" after it: the final read of the change found "i saw margaret thornton
# in room 3" kept whole).
_LOWER_FULL_NAME = re.compile(r"(?<![\w'])(?=([a-z]{2,})\s+([a-z][a-z'-]{2,30})"
                              r"(?=\s*([a-z]+|[,.;:(-])))")


def _lower_full_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, initials) of each full name typed in lower case in ``text``."""
    spans: list[tuple[int, int, str]] = []
    last = 0
    for found in _LOWER_FULL_NAME.finditer(text):
        given, family, after = found.group(1), found.group(2), found.group(3) or ""
        if (found.start() < last or given not in GIVEN_NAMES or given in ALSO_WORDS
                or family in _COMMON_AFTER_A_NAME or family in GIVEN_NAMES
                or after not in _ENDS_A_NAME):  # "olive oil was spilt" is no name
            continue
        spans.append((found.start(), found.end(2), f"{given[0].upper()}. {family[0].upper()}."
                      + ("'s" if family.endswith("'s") else "")))
        last = found.end(2)
    return spans


def _cut(text: str, spans: list[tuple[int, int, str]]) -> str:
    kept, last = [], 0
    for start, end, initials in spans:
        kept += [text[last:start], initials]
        last = end
    return "".join([*kept, text[last:]])


# A name after a title ("Mrs Priya Shah") is read as anyone's: a resident may share it.
_TITLED = re.compile(r"\b(?:mr|mrs|ms|miss|mx|dr|sir|lady)\.?\s+$"
                     # ... or a word for someone cared for ("our resident Tom Okafor", "my client
                     # Alex Morgan": the session's review) or their family.
                     r"|\b(?:residents?|clients?|service users?|tenants?|patients?|customers?"
                     r"|gentleman|mum|mom|dad|mother|father|husband|wife|son|daughter|nan"
                     r"|grandma|grandad)\s+$", re.IGNORECASE)
_FIRST_KEPT = 0xE000  # private-use characters stand in for the names kept while names are cut


def names_known(names: Iterable[str]) -> Callable[[str], bool]:
    """Whether a name is one of ``names``, in any case and spacing: a ``known`` predicate as
    ``a_name`` and ``without_names_but`` take, read from names loaded once."""
    folded = frozenset(" ".join(name.split()).casefold() for name in names if name.strip())
    return lambda name: " ".join(name.split()).casefold() in folded


# The words a kept name is read in: letters, joined by hyphens ("Anne-Marie"); an apostrophe
# parts them ("O'Brien" is read as "O" and "Brien", and "Priya's" holds "Priya").
_NAME_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MAX_NAME_WORDS = 4


def without_names_but(text: str, known: Callable[[str], bool]) -> str:
    """``without_names``, keeping as typed the names ``known`` says may be written (the
    directory's people: council staff and providers' users, never people receiving care;
    session 32's trial: "can Priya Shah tell me when the uplift will be paid" was kept as "can
    P. S. tell me"), but never one after a title or a word for someone cared for ("our
    resident Tom Okafor"). ``known`` is asked of each run of up to ``MAX_NAME_WORDS`` words,
    the longest first."""
    if any(_FIRST_KEPT <= ord(char) < _FIRST_KEPT + 256 for char in text):
        return without_names(text)
    words = list(_NAME_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(words) and len(spans) < 256:
        start = words[index].start()
        for count in range(min(MAX_NAME_WORDS, len(words) - index), 0, -1):
            end = words[index + count - 1].end()
            if known(text[start:end]) and not _TITLED.search(text, 0, start):
                spans.append((start, end))
                index += count
                break
        else:
            index += 1
    if not spans:
        return without_names(text)
    kept = [text[start:end] for start, end in spans]
    stood_in = _cut(text, [(start, end, chr(_FIRST_KEPT + number))
                           for number, (start, end) in enumerate(spans)])
    cut = without_names(stood_in)
    return re.sub("[\ue000-\ue0ff]", lambda found: kept[ord(found.group(0)) - _FIRST_KEPT], cut)


def without_lower_case_names(text: str) -> str:
    """``text`` with a full name typed in lower case cut to initials ("margaret thornton in
    room 3" -> "M. T. in room 3"), when the given name is a common one, the next word no common
    word and the word after it one that follows a name ("in", "has", "said", a comma)."""
    return _cut(text, _lower_full_names(text))


def without_capitals_names(text: str) -> str:
    """``text`` with a full name typed in capitals cut to initials as ``without_lower_case_names``
    reads one ("MARGARET THORNTON TOLD ME" -> "M. T. TOLD ME"; the session's review)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return text
    return _cut(text, [(start, end, initials) for start, end, initials
                       in _lower_full_names(lowered) if text[start:end].isupper()])


def initials_only(text: str) -> str:
    """``text`` with every name a concern may hold cut to initials: names ``without_names``
    finds (with a given name standing alone), then full names typed in lower case
    (``without_lower_case_names``) or in capitals (``without_capitals_names``), then given
    names standing alone typed in lower case or in capitals."""
    return given_names_alone(without_capitals_names(without_lower_case_names(
        without_names(text))), lower_case=True)


# -- A command's slots and what is told beside them (``Router.command(free_text=...)``) --------

# The slots of a command's grammar (``told_in``), in lower case, spaces made one: a reference
# (a word with a digit), a date as the commands read one, an amount, an e-mail address.
SLOTS = {
    "REF": r"(?=[a-z/_.#-]*\d)[a-z0-9/_.#-]{1,40}",
    "DATE": (r"(?:\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:"
             + MONTH_WORDS + r")\.?(?: \d{4}| \d{2})?|today|tomorrow|yesterday|(?:(?:last|next"
             r"|this) )?(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)"),
    "AMOUNT": r"£?\d[\d,]*(?:\.\d{1,2})?",
    "EMAIL": r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}",
    "WORD": r"\S+",
}
# At most this many words make a name (a contact's, a tender's).
NAME_WORDS = 12


def told_in(*grammars: str) -> Callable[[str], str]:
    """The ``free_text`` of a command whose words are slots: a pure function of its words to
    what the person told of their own, for the checks that read every typed word.

    Each grammar is a regular expression over the command's words (in lower case, spaces made
    one), with ``SLOTS`` named in capitals and two named groups: ``name`` (a contact's or a
    tender's name, read on its own: "the safeguarding hub" tells of nobody, "a carer hit her"
    does) and ``told`` (words told beside the slots: all the command's words are read, as
    typed, the slots giving their setting). Words no grammar fits are all read, as typed.
    """
    slot = re.compile(r"\b(?:" + "|".join(SLOTS) + r")\b")
    compiled = [re.compile(slot.sub(lambda found: SLOTS[found.group(0)], grammar))
                for grammar in grammars]

    def free_text(words: str) -> str:
        typed = words.split()
        said = " ".join(typed).lower()  # the same words, one to one
        for grammar in compiled:
            found = grammar.fullmatch(said)
            if found is None:
                continue
            groups = found.groupdict()
            name = groups.get("name")
            if groups.get("told") or (name and len(name.split()) > NAME_WORDS):
                return words
            if not name:
                return ""
            before = len(said[:found.start("name")].split())
            return " ".join(typed[before:before + len(name.split())])
        return words

    return free_text
