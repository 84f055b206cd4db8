"""Which pledge commitment a question names by number: "pledge 6", "commitment six", "#6".

A pure function over the text. The number must sit next to the word "pledge" or "commitment"
(or follow "#", or be an ordinal before "commitment"/"pledge"), so "30 days" or "paid within 10"
never count. Numbers are digits, words (one to thirty) or ordinals (1st, first ... 30th,
thirtieth).
"""

from __future__ import annotations

import re
from functools import lru_cache

PLEDGE_COUNT = 30

_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]
_ORDINAL_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth"]
_ORDINAL_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                  "sixteenth", "seventeenth", "eighteenth", "nineteenth"]


def _words() -> dict[str, int]:
    found: dict[str, int] = {}
    for value, word in enumerate(_UNITS, start=1):
        found[word] = value
        found[f"twenty {word}"] = found[f"twenty-{word}"] = 20 + value
    for value, word in enumerate(_TEENS, start=10):
        found[word] = value
    for value, word in enumerate(_ORDINAL_UNITS, start=1):
        found[word] = value
        found[f"twenty {word}"] = found[f"twenty-{word}"] = 20 + value
    for value, word in enumerate(_ORDINAL_TEENS, start=10):
        found[word] = value
    found.update({"twenty": 20, "twentieth": 20, "thirty": 30, "thirtieth": 30})
    return found


_NUMBER_WORDS = _words()
_NUMBER = (r"(?P<n>\d{1,3}(?:st|nd|rd|th)?|"
           + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
           + ")")
_NOUN = r"(?:pledge|commitment|promise)s?"
_PATTERNS = (
    # pledge 6, pledge number 6, pledge no. 6, commitment #6, pledge six
    # (but not "the pledge six monthly review" or "pledge 10 day payment": a period, not a number)
    re.compile(rf"\b{_NOUN}\s+(?:number\s+|no\.?\s*|#\s*)?{_NUMBER}\b"
               r"(?![\s-]*(?:month|monthly|months|week|weekly|weeks|day|days|year|yearly|years)\b)"),
    # the 24th commitment, sixth pledge, 24th pledge commitment (singular: "the 30 commitments"
    # are all of them)
    re.compile(rf"\b{_NUMBER}\s+(?:pledge\s+)?(?:pledge|commitment|promise)\b"),
    # #6 on its own
    re.compile(rf"(?:^|\s)#\s*{_NUMBER}\b"),
)


def _lowered(text: str) -> str:
    """The message in lower case, its spaces collapsed: what every pattern here matches."""
    return " ".join(text.lower().split())


def _named_numbers(text: str) -> list[int]:
    lowered = _lowered(text)
    found_numbers = []
    for pattern in _PATTERNS:
        for found in pattern.finditer(lowered):
            raw = found.group("n")
            digits = re.match(r"\d+", raw)
            value = int(digits.group()) if digits else _NUMBER_WORDS.get(raw)
            if value is not None:
                found_numbers.append(value)
    return found_numbers


def pledge_number(text: str) -> int | None:
    """The commitment number (1 to 30) the text names, or None."""
    for value in _named_numbers(text):
        if 1 <= value <= PLEDGE_COUNT:
            return value
    return None


# More numbers after one named ("pledges 7 and 8", "commitments 3, 4 & 5"): each set off by a
# comma, "and", "or" or "&", and followed by nothing that makes it a count or a period ("pledge
# 29 and 10 days", "pledge 7 and 2 more things").
_MORE_NUMBERS = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+|&\s*)?|\s(?:and|or)\s+|\s*&\s*)"
                           + _NUMBER.replace("?P<n>", "?P<more>")
                           + r"(?=\s*$|\s*[?.!,;:&]|\s+(?:and|or|please|pls|say|says|mean"
                           r"|means|cover|covers|about|again)\b)")


# A range after a number named ("pledges 1-3", "commitments 4 to 6": session 44's review, only
# the first was shown).
# Its last number in words too ("pledges one to three": session 45's talk review, only the first).
_RANGE_TO = re.compile(r"\s*(?:-|\u2013|\u2014|to|through|thru|until|till)\s*"
                       + _NUMBER.replace("?P<n>", "?P<last>") + r"\b"
                       r"(?![\s-]*(?:month|months|week|weeks|day|days|year|years|%)\b)")


def pledge_numbers(text: str) -> tuple[int, ...]:
    """Every commitment number (1 to 30) the text names, in the order named, each once
    ("what are pledges 7 and 8", "pledge 7 and pledge 8", "pledges 1-3"; a range typed
    backwards in order, "pledges 3-1"; one past the last to the last, "pledges 28-31"); ()
    when it names none."""
    return tuple(value for value in _numbers_named(text) if 1 <= value <= PLEDGE_COUNT)


def pledge_numbers_missing(text: str) -> tuple[int, ...]:
    """The numbers the text names beside a real commitment that the pledge does not have
    ("pledges 5 and 45": 45; "pledges 28-31": 31), in the order named; () when it names
    none, or no real one (``missing_pledge_number`` answers "pledge 45" alone). Session 44's
    third review: each was dropped unsaid."""
    named = _numbers_named(text)
    if not any(1 <= value <= PLEDGE_COUNT for value in named):
        return ()
    return tuple(value for value in named if not 1 <= value <= PLEDGE_COUNT)


def pledge_numbers_missing_said(text: str) -> tuple[str, ...]:
    """``pledge_numbers_missing`` as said: a range's numbers past the last commitment as one
    ("pledges 20-35": "31 to 35"), any other alone ("45")."""
    return tuple(f"{PLEDGE_COUNT + 1} to {value}" if value > PLEDGE_COUNT + 1
                 and _past_the_last(text, value) else str(value)
                 for value in pledge_numbers_missing(text))


def _past_the_last(text: str, value: int) -> bool:
    """Whether ``value`` ends a range of the text that begins at a commitment (pure)."""
    lowered = _lowered(text)
    for pattern in _PATTERNS:
        for named in pattern.finditer(lowered):
            ranged = _RANGE_TO.match(lowered, named.end())
            if (ranged is not None and _value(ranged.group("last")) == value
                    and 1 <= _value(named.group("n")) <= PLEDGE_COUNT):
                return True
    return False


@lru_cache(maxsize=256)
def _numbers_named(text: str) -> tuple[int, ...]:
    """``_numbers_read``, once a text: a pledge message asks it three times or more (the
    numbers, those missing, and how to say them: session 45)."""
    return _numbers_read(text)


def _numbers_read(text: str) -> tuple[int, ...]:
    """Every number the text names as a commitment, real or not, in the order named, each
    once; a range's numbers past the last commitment stand as its own last number."""
    lowered = _lowered(text)
    found: list[tuple[int, int]] = []  # (where, number)
    for pattern in _PATTERNS:
        for named in pattern.finditer(lowered):
            first = _value(named.group("n"))
            found.append((named.start("n"), first))
            end = named.end()
            ranged = _RANGE_TO.match(lowered, end)
            last = _value(ranged.group("last")) if ranged is not None else 0
            if ranged is not None and 1 <= first <= PLEDGE_COUNT and last >= 1 and last != first:
                low, high = min(first, last), max(first, last)
                found.extend((named.start("n"), value)
                             for value in range(low, min(high, PLEDGE_COUNT) + 1))
                if high > PLEDGE_COUNT:
                    found.append((ranged.start("last"), high))
                end = ranged.end()
            while (more := _MORE_NUMBERS.match(lowered, end)) is not None:
                found.append((more.start("more"), _value(more.group("more"))))
                end = more.end()
    return tuple(dict.fromkeys(value for _where, value in sorted(found)))


def _value(raw: str) -> int:
    """The value of a number as typed ("7", "7th", "seven", "seventh"); 0 if none."""
    digits = re.match(r"\d+", raw)
    return int(digits.group()) if digits else _NUMBER_WORDS.get(raw, 0)


def missing_pledge_number(text: str) -> int | None:
    """A commitment number the text names that the pledge does not have ("pledge 31"), or None.

    Only when it names no real one as well: "pledge 45" has no answer, whatever its words say.
    """
    numbers = _named_numbers(text)
    if not numbers or any(1 <= value <= PLEDGE_COUNT for value in numbers):
        return None
    return numbers[0]


# "what is the pledge to work together?": answered with what it is, then the list.
_WHAT_IS = re.compile(r"^(?:what is|what's|whats) (?:in )?(?:the|this) pledge"
                      r"(?: to work together)?"
                      # Session 35's trial: "what is this pledge thing actualy" ("I don't know").
                      r"(?: thing)?(?: (?:actually|actualy|actually about|all about|about))?"
                      r"[?.!]*$"
                      # A helper's console review (session 23): "what does the pledge actually
                      # say" was offered two entries to choose from.
                      r"|^what (?:does|do) the pledge(?: to work together)? (?:actually |really "
                      r"|even )?(?:say|contain|cover|include|promise|commit (?:us|councils|"
                      r"providers) to)"
                      # Session 37's trial: "what does the pledge actually promise us?" and
                      # "... promise providers" were "I don't know".
                      r"(?: (?:us|providers|care providers|councils|commissioners))?[?.!]*$")
_LIST = (
    re.compile(r"^(?:please |can you |could you )*(?:list|summari[sz]e|show(?: me)?|give me|"
               r"what are|tell me|remind me of)(?: all)?(?: of)? (?:the |all )?(?:30 |thirty )?"
               r"(?:pledge |pledge's )?(?:commitments|pledges|promises)"
               r"(?: (?:of|in) the pledge)?(?: to work together)?(?: please)?[?.!]*$"),
    _WHAT_IS,
    re.compile(r"^(?:the )?(?:30 |thirty )?(?:pledge )?commitments[?.!]*$"),
)


def asks_what_the_pledge_is(text: str) -> bool:
    """Whether the whole message asks what the pledge is ("what is the pledge to work
    together?"): answered with what it is, then the list."""
    return _WHAT_IS.match(_lowered(text)) is not None


def asks_for_the_list(text: str) -> bool:
    """Whether the whole message asks for the pledge's commitments as a list."""
    lowered = _lowered(text)
    return any(pattern.match(lowered) for pattern in _LIST)


_TOPIC_PATTERNS = (
    # pledges about payment, commitments on feedback, the pledge's commitments covering tenders
    re.compile(r"^(?:(?:please |can you |could you )*(?:list|show(?: me)?|give me|find|"
               r"tell me|what are) )?(?:the |all |any )?(?:(?:pledge'?s?|pledge to work "
               r"together'?s?) )?(?:pledges|commitments|promises) (?:about|on|covering|for|"
               r"relating to|related to|regarding|around|that cover|that mention|"
               r"that deal with|to do with|with) (?P<topic>.+)$"),
    # which commitments cover feedback, what pledges mention payment
    re.compile(r"^(?:which|what) (?:of the )?(?:pledges?|commitments?|promises?)(?: of the "
               r"pledge)? (?:cover|covers|mention|mentions|deal with|deals with|are about|"
               r"is about|relate to|relates to|talk about|talks about|say about|says about|"
               r"apply to|applies to|are there (?:about|on|for)|is there (?:about|on|for)) "
               r"(?P<topic>.+)$"),
    # what does the pledge say about tenders, what do the commitments say on payment
    re.compile(r"^(?:what|wat) (?:does|do) (?:the )?(?:pledge to work together|pledge|"
               r"pledges|commitments) (?:say|promise|commit to|cover|mean|tell us) "
               r"(?:about|on|regarding|for|around) (?P<topic>.+)$"),
    # anything in the pledge about feedback; is there a pledge on payment
    re.compile(r"^(?:is there |are there )?(?:anything|something|a commitment|a pledge|"
               r"any commitments?|any pledges?) (?:in the pledge )?(?:about|on|regarding|"
               r"covering) (?P<topic>.+)$"),
)
_TOPIC_TRIM = re.compile(r"^(?:the |a |an |our |my )|[\s?.!]+$|\s+(?:please|pls)$")
MAX_TOPIC_CHARS = 80

# "does the pledge say anything about X": a request for the commitments on X only when X is in
# a commitment's own words (``Answerer``); otherwise the search's, as before (session 35: taken
# always, it answered one blind question confidently with a commitment its labels do not accept).
_NAMED_TOPIC_PATTERNS = (
    re.compile(r"^(?:does|do) (?:the )?(?:pledge to work together|pledge|pledges|commitments)"
               r" (?:say|mention|promise|cover|include|have) (?:anything |something |much )?"
               r"(?:about|on|regarding|for|around) (?P<topic>.+)$"),
)


def pledge_topic(text: str, patterns: tuple[re.Pattern[str], ...] | None = None) -> str | None:
    """The topic of a request for the commitments on a topic ("pledges about payment"), or None.

    Only the whole message counts, so "the council has not paid us, what does the pledge say
    about late payment" stays a question for the search; a number ("pledge 6") is not a topic.
    """
    lowered = " ".join(text.lower().replace("\u2019", "'").split())
    for pattern in _TOPIC_PATTERNS if patterns is None else patterns:
        found = pattern.match(lowered)
        if found is None:
            continue
        topic = found.group("topic")
        for _ in range(3):
            topic = _TOPIC_TRIM.sub("", topic).strip()
        if topic and len(topic) <= MAX_TOPIC_CHARS and pledge_number(lowered) is None:
            return topic
    return None


def pledge_topic_named(text: str) -> str | None:
    """The topic of "does the pledge say anything about X" (X), or None: a request for the
    commitments on X only when X is in a commitment's own words (``Answerer`` checks)."""
    return pledge_topic(text, _NAMED_TOPIC_PATTERNS)


# The pledge's words around its commitments (its heading, the paragraphs after them): what it
# says beyond the thirty, quoted when asked about something no commitment covers ("is there a
# pledge about step down placements": session 44's review, commitment 6 given with confidence).
PLEDGE_SURROUNDS = (
    # Its heading: the one place the pledge names safeguarding (session 46: "which pledges are
    # about safeguarding" was offered two entries of the search).
    "A Protocol to cover commissioning, procurement and safeguarding processes in social "
    "services.",
    "The central Government Procurement Pledge and Procurement Pledge for Local Authorities "
    "developed by the Local Government Association, have both highlighted how important it is "
    "to work in partnership with providers to forecast future demand.",
    "It is imperative that forecasting include meaningful information that is of use to "
    "potential providers and is presented in a coherent way.",
    "In the field of social care and health, it is important that commissioners work with "
    "potential providers to address strategic barriers so that future needs of the population "
    "are met.",
    "This includes strategies to incentivise step down placements at a pace that matches the "
    "abilities, needs and wishes of individuals, as well as to reward providers who enable "
    "individuals to live more independently and with less support.",
    "Asking providers to take the financial risk of innovating and training staff to "
    "appropriate levels requires treating them as equal partners in the delivery of care and "
    "health.",
    "Treating them as equal partners means pre procurement discussions which are open and "
    "honest, with no pre-set agendas.",
    "Lengthy and complex procurement processes, including those for large Framework "
    "Agreements, Dynamic Purchasing Systems, and the different Prime Models, deter SMEs and VSCs "
    "from bidding on contracts or frameworks.",
    "Principles and practices which build trust and mutual respect will achieve better "
    "outcomes for individuals using social and health care services.",
)
_SMALL_WORDS = frozenset(("a", "an", "the", "of", "for", "to", "and", "or", "in", "on", "our",
                          "my", "about", "with", "any"))


def pledge_text_naming(topic: str) -> str | None:
    """The sentence of the pledge's words around its commitments that names every word of
    ``topic`` (each as typed or its first five letters: "placements", "placement"), or None
    (pure)."""
    wanted = [word[:5] for word in re.findall(r"[a-z0-9]+", topic.casefold())
              if word not in _SMALL_WORDS]
    if not wanted:
        return None
    for sentence in PLEDGE_SURROUNDS:
        said = re.findall(r"[a-z0-9]+", sentence.casefold())
        if all(any(word.startswith(each) for word in said) for each in wanted):
            return sentence
    return None
