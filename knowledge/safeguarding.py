"""Recognise a message that describes harm to a person, before anything else answers it.

A pure function over the text. It errs on the side of flagging: a false alarm costs the sender
one extra paragraph of guidance; a missed concern can cost a person's safety. Patterns are grouped
by the kinds of harm the Care Act statutory guidance names (physical, sexual, psychological,
financial, neglect and acts of omission, self-neglect, domestic abuse, modern slavery,
organisational abuse) plus immediate danger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PERSON = (
    r"(?:resident|client|service user|person|man|woman|lady|gentleman|gent|tenant|patient|"
    r"her|him|them|mum|mother|dad|father|son|daughter|child|young person|someone|somebody|"
    r"individual|user|customer|he|she|they)"
)

_PATTERNS: dict[str, tuple[str, ...]] = {
    "immediate danger": (
        r"\b(?:in|at) (?:immediate |serious )?(?:danger|risk of harm)\b",
        r"\b(?:threaten\w*|going) to (?:kill|hurt|harm)\b",
        r"\bsuicid\w*|\bself[- ]?harm\w*|\bkill (?:him|her|them)sel\w*",
        r"\boverdos\w*",
        r"\bend (?:it all|(?:his|her|their|my) (?:own )?life)\b",
        r"\btake (?:his|her|their) own life\b",
        r"\b(?:doesn'?t|does not|don'?t|do not) want to (?:live|be alive|wake up)\b",
    ),
    "physical abuse": (
        r"\b(?:hit|hits|hitting|slap\w*|punch\w*|kick\w*|shov\w*|push(?:ed|ing)|beat\w*|"
        r"grab\w*|pinch\w*|strangl\w*|chok\w*|assault\w*|attack\w*|burn(?:s|ed|t)?)\b",
        r"\b(?:bruis\w*|black eye|injur\w*|wounds?|fractur\w*|swollen|scratch(?:es|ed))\b",
        r"\b(?:tied|strapped|restrain\w*|locked|lock\w*) (?:\w+ ){0,3}(?:in|to|up|into)\b",
        r"\b(?:sedat\w*|drugg\w*)\b",
    ),
    "sexual abuse": (
        r"\btouch\w* (?:\w+ ){0,2}(?:inappropriate\w*|sexual\w*)",
        r"\b(?:inappropriate\w*|sexual\w*) (?:touch\w*|contact|comments?|behaviou?r)",
        r"\b(?:rape\w*|sexual(?:ly)? (?:assault\w*|abus\w*|exploit\w*)|grooming|groomed)\b",
        r"\b(?:intimate|indecent|nude|naked) (?:photo\w*|picture\w*|images?)\b",
    ),
    "psychological abuse": (
        r"\b(?:shout\w*|scream\w*|swear\w*|yell\w*) at\b",
        r"\b(?:threat\w*|intimidat\w*|humiliat\w*|bull(?:y|ies|ied|ying)|frighten\w*|"
        r"scared of|afraid of|terrified)\b",
        r"\bcontrolling\b|\bcoerc\w*|\bisolat\w*|\bchecks (?:her|his|their) phone\b",
        r"\b(?:won'?t|wont|will not|doesn'?t|does not) let (?:her|him|them) (?:see|go|leave|"
        r"out|speak|talk|have)\b",
    ),
    "financial abuse": (
        r"\b(?:tak\w*|took|steal\w*|stole\w*|stolen|us\w*|borrow\w*) (?:\w+ ){0,3}"
        r"(?:money|cash|bank ?card|pension|benefits?|savings|purse|wallet|pin)\b",
        r"\b(?:money|cash|valuables|jewell?ery) (?:\w+ ){0,3}(?:missing|gone|disappear\w*)",
        r"\bfinancial(?:ly)? (?:abus\w*|exploit\w*)|\bscam\w*|\bfraud\w*",
        r"\bsign (?:over|away)\b|\bchange (?:her|his|their) will\b",
        r"\blarge sums?\b|\b(?:borrow\w*|took|taken|owes?) (?:\w+ ){0,2}£\s?\d",
        r"\b(?:debit|credit|bank|cash) ?card\b|\bwithout (?:asking|(?:her|his|their) "
        r"(?:permission|consent|knowledge))\b",
    ),
    "neglect": (
        r"\bneglect\w*",
        r"\b(?:not|never|hasn'?t|haven'?t|wasn'?t|weren'?t) (?:been )?(?:fed|washed|changed|"
        r"turned|given (?:food|water|drink|medication|meds))\b",
        r"\b(?:left|lying|sitting) (?:\w+ ){0,3}(?:in (?:wet|soiled|dirty)|on the floor|alone "
        r"for|without (?:food|water|care|help|heating))",
        r"\bpressure (?:sore|ulcer|damage)\w*|\bsoiled\b|\bunwashed\b",
        r"\bnot (?:being )?given (?:his|her|their|any) (?:meals?|food|drinks?|medication|meds)",
        r"\blost (?:a lot of|so much) weight\b",
        r"\b(?:no|without) food\b|\bnot eating\b|\bmissed (?:visits?|calls?|medication|meds)\b",
        r"\b(?:dehydrat\w*|malnourish\w*|starv\w*)",
        r"\bfound (?:\w+ ){0,3}on the floor\b|\bfall\w* (?:\w+ ){0,3}(?:not|never) reported\b",
    ),
    "self-neglect": (
        r"\bself[- ]?neglect\w*",
        r"\bhoard\w*",
        r"\b(?:rotting|rotten|mouldy|moldy) food\b|\b(?:filthy|squalor|infest\w*)\b",
        r"\b(?:won'?t|wont|will not|refus\w*) (?:\w+ ){0,2}(?:let (?:anyone|us|anybody) in|"
        r"open the door|help|eat|take (?:his|her|their) (?:medication|meds|insulin))",
        r"\bstopped taking (?:his|her|their) (?:medication|meds|insulin|tablets)\b",
    ),
    "domestic abuse": (
        r"\bdomestic (?:abuse|violence)\b",
        r"\b(?:husband|wife|partner|boyfriend|girlfriend|grandson|granddaughter|son|daughter|"
        r"nephew|niece|brother|sister) (?:\w+ ){0,2}(?:hits|hit|beats|threatens|controls|hurts)\b",
    ),
    "modern slavery": (
        r"\bmodern slavery\b|\btraffick\w*|\bforced (?:labou?r|to work)\b",
        r"\b(?:no|without|not being) pa(?:y|id)\b.*\b(?:work\w*|lives?|living)\b",
        r"\b(?:made|forced|pressured) to work\b|\b(?:don'?t|doesn'?t|never|not) (?:get )?paid\b"
        r"(?!.*\b(?:invoice|council|fee|bill)\w*)",
        r"\bpassports? (?:taken|held|kept|confiscated)\b|\bcuckoo\w*",
        r"\bdebt bondage\b|\bexploit\w*",
    ),
    "abuse": (
        r"\babus\w*",
        r"\bill[- ]?treat\w*|\bmistreat\w*|\bmaltreat\w*",
        r"\bharm(?:ed|ing)?\b|\bhurt(?:s|ing)?\b",
        rf"\b(?:worried|concerned|scared|frightened) (?:about|for) (?:the |a |our |this )?"
        rf"{_PERSON}\b.*\b(?:safe|safety|harm|hurt|danger|frightened|scared)",
        r"\bsafeguarding (?:concern|issue|alert|matter)\b(?! process)",
    ),
}

_COMPILED = {
    kind: tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns)
    for kind, patterns in _PATTERNS.items()
}

# Questions *about* the safeguarding process are answered from the knowledge base instead.
_PROCESS_QUESTION = re.compile(
    r"^(?:how|what|who|where|when|which|do|does|is|are|can|should|must|have)\b[^.!]*"
    r"\b(?:safeguarding|s42|section 42|cqc notification|notify cqc)\b",
    re.IGNORECASE,
)
_HARM_WORDS = re.compile(
    r"\b(?:bruis\w*|hit|slap\w*|injur\w*|stole|stolen|taking money|neglected|danger|"
    r"assault\w*|hurt)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SafeguardingMatch:
    """Why a message was flagged: the kind of harm and the words that matched."""

    kind: str
    evidence: str


def detect(text: str) -> SafeguardingMatch | None:
    """Return a match when ``text`` describes harm to a person; None otherwise."""
    if _PROCESS_QUESTION.search(text) and not _HARM_WORDS.search(text):
        return None
    for kind, patterns in _COMPILED.items():
        for pattern in patterns:
            found = pattern.search(text)
            if found is not None:
                return SafeguardingMatch(kind=kind, evidence=found.group(0)[:80])
    return None
