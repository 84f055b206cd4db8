"""Identifiers of a person receiving care, other than a name, taken out of words the bot keeps
or passes on: an NHS number, a date of birth, a home address (session 36's trial: "M. T. (dob
12/03/1941, NHS no 485 777 3456) at 14 Elm Road" reached the hub's alert, the case, the
outbox and the question log, the name cut to initials and nothing else). Beside the cutting
of names (``handlers.formats.initials_only``, ``without_names``), never inside it: each is
applied where words about a person are kept.

Kept as they are: placement references ("RC-101", "HV-0231"), invoice, tender, contract and
case references ("INV-2041", "PB-2026-000001"), money, times, ordinary dates of events ("on
12/03/2026 she fell") and phone numbers (a concern's, a conflict's phone numbers are the
sender's or a service's far more often than the person's; staff signatures carry them).
"""

from __future__ import annotations

import re

from handlers.formats import MONTH_WORDS

NHS_NUMBER = "[NHS number removed]"
DATE_OF_BIRTH = "[date of birth removed]"
ADDRESS = "[address removed]"
# What each marker is called when the sender is told, in the order told.
REMOVED = {NHS_NUMBER: "an NHS number", DATE_OF_BIRTH: "a date of birth",
           ADDRESS: "an address"}

# -- NHS numbers ------------------------------------------------------------------------------
# Ten digits, as 3-3-4 (spaces or hyphens) or run together. Said to be one ("NHS no 485 777
# 3456", "NHS: 4857773456"): always. Unsaid: spaced 3-3-4 (the NHS's own way of writing one)
# not starting with 0 (a phone number's start); run together, only with a valid check digit,
# not starting with 0, and not after a word that makes it another number ("invoice", "PO").
_NHS_SAID = r"\bnhs(?:\s*(?:no\b\.?|num(?:ber)?\b|#))?\s*(?:is\s+)?[:.#-]?\s*"
_TEN_DIGITS = r"(?P<a>\d{3})(?P<gap>[ -]?)(?P<b>\d{3})(?P=gap)(?P<c>\d{4})"
_NHS_NUMBER = re.compile(r"(?<![\w£$€.,/-])(?P<said>" + _NHS_SAID + r")?" + _TEN_DIGITS
                         + r"(?![\w/-]|[.,]\d)", re.IGNORECASE)
_OTHER_NUMBER = re.compile(r"\b(?:inv(?:oice)?|po|order|ref(?:erence)?|contract|tender|account"
                           r"|acc|a/c|sort|tel|phone|mob(?:ile)?|fax|case|no\.?|number|#)"
                           r"\s*[:.#-]?\s*$", re.IGNORECASE)


def _nhs_check_digit(digits: str) -> bool:
    """Whether ten digits end with a valid NHS number check digit (modulus 11)."""
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1),
                                                             strict=True))
    check = 11 - total % 11
    return (0 if check == 11 else check) == int(digits[9])


def _nhs_number(found: re.Match[str]) -> str:
    digits = found.group("a") + found.group("b") + found.group("c")
    if found.group("said"):
        return NHS_NUMBER
    if digits.startswith("0"):
        return found.group(0)
    if found.group("gap"):  # spaced 3-3-4
        return NHS_NUMBER
    before = found.string[:found.start()]
    if _nhs_check_digit(digits) and not _OTHER_NUMBER.search(before):
        return NHS_NUMBER
    return found.group(0)


# -- dates of birth ---------------------------------------------------------------------------
# A date: 12/03/1941, 12-3-41, 12.03.1941, "12 March 1941", "12th of March 1941", "March 12,
# 1941"; after a word that says it is a birth date, a year alone ("born in 1941") too.
# One separator throughout: "1-1.30" and "12-12.30" are break times, not dates.
_NUMERIC_DATE = r"\d{1,2}(?P<sep>[/.-])\d{1,2}(?P=sep)(?:\d{4}|\d{2})"
_WORDED_DATE = (r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + MONTH_WORDS + r")\.?,?\s+\d{4}"
                r"|(?:" + MONTH_WORDS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}")
_A_DATE = rf"(?:{_NUMERIC_DATE}|{_WORDED_DATE})"
_BIRTH_SAID = (r"(?:\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b"
               r"|\bborn\b(?:\s+(?:on|in))?)\s*(?:is\s+|was\s+)?[:=-]?\s*")
_BIRTH_DATE = re.compile(rf"{_BIRTH_SAID}(?:{_A_DATE}|(?:19|20)\d\d)(?![\w/.-]\d)",
                         re.IGNORECASE)
# A whole date not said to be a birth date, its year long past: a birth date, not an event
# the bot is told of ("on 12/03/2026 she fell" is kept). Years of two digits from 30 read as
# 19xx.
OLDEST_EVENT_YEAR = 1990
_OLD_DATE = re.compile(rf"(?<![\w/.-]){_A_DATE}(?![\w/-]|[.]\d)", re.IGNORECASE)


def _old_date(found: re.Match[str]) -> str:
    numbers = [int(number) for number in re.findall(r"\d+", found.group(0))]
    year = numbers[-1] + (0 if numbers[-1] >= 100 else 1900 if numbers[-1] >= 30 else 2000)
    if found.group("sep") and not (1 <= numbers[0] <= 31 and 1 <= numbers[1] <= 12):
        return found.group(0)  # no day and month of a British date
    return DATE_OF_BIRTH if year < OLDEST_EVENT_YEAR else found.group(0)


# -- addresses --------------------------------------------------------------------------------
_STREET_WORDS = ("road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|way|court|ct|crescent"
                 "|cres|gardens|gdns|place|pl|terrace|terr|grove|square|sq|mews|walk|row|hill"
                 "|parade|rise|view|green|park|vale|yard|boulevard|wharf")
# A house number, then one to three words of the street's name, then a word for a street:
# "14 Elm Road", "3 Mill Lane", "14a Church Street", "Flat 2, 14 Elm Road". The name's words
# capitalised; typed in lower case, only after "at", "lives", "address" and the like ("lives
# at 3 mill lane"), so "2 weeks close" or "3 working days" is never an address.
# "Flat 2, 14 Elm Road", or "flat 3 Hadley Court" (the flat's number the house's).
_FLAT = (r"(?i:(?:flat|apartment|apt|unit)\s+(?:\d+[a-z]?,?\s+(?=\d))?)?")
_HOUSE = r"\d{1,4}[a-z]?,?\s+"
_NOT_A_STREET = r"(?!(?i:room|bed|ward|flat|unit|hours?|days?|weeks?|months?|years?)\b)"
_ADDRESS = re.compile(
    rf"(?P<lead>(?<![\w£$€.,/:-]))(?={_FLAT}{_HOUSE}[A-Z]){_FLAT}{_HOUSE}"
    rf"(?:{_NOT_A_STREET}[A-Z][a-z'\u2019]+\s+){{1,3}}(?i:{_STREET_WORDS})\b\.?"
    # Typed in capitals, the street's word in capitals too: "14 OAK ROAD", "2 ST JOHNS CLOSE".
    rf"|(?P<caps>(?<![\w£$€.,/:-])){_FLAT}{_HOUSE}"
    rf"(?:{_NOT_A_STREET}[A-Z][A-Z'\u2019]+\s+){{1,3}}(?:{_STREET_WORDS.upper()})\b\.?"
    rf"|(?P<said>\b(?i:at|address|addr|lives|living|live|moved|move|to|from|of)[\s:]\s*)"
    rf"{_FLAT}{_HOUSE}(?:{_NOT_A_STREET}[a-z'\u2019]+\s+){{1,3}}(?:{_STREET_WORDS})\b\.?")


def _address(found: re.Match[str]) -> str:
    return (found.group("said") or "") + ADDRESS


# A UK postcode: "NE1 4AB", "M1 1AE", "SW1A 1AA"; in lower case only with its space.
_POSTCODE = re.compile(r"(?<![\w-])(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
                       r"|[a-z]{1,2}\d[a-z\d]?\s\d[a-z]{2})(?![\w-])")
# An address and the postcode after it are one address.
_ADDRESS_TWICE = re.compile(re.escape(ADDRESS) + r"(?:,?\s*(?:[A-Z][a-z]+,?\s+){0,2}"
                            + re.escape(ADDRESS) + r")+")


def without_identifiers(text: str) -> str:
    """``text`` with each NHS number, date of birth and home address put as a marker
    ("[NHS number removed]", "[date of birth removed]", "[address removed]")."""
    cut = _NHS_NUMBER.sub(_nhs_number, text)
    cut = _BIRTH_DATE.sub(DATE_OF_BIRTH, cut)
    cut = _OLD_DATE.sub(_old_date, cut)
    cut = _ADDRESS.sub(_address, cut)
    cut = _POSTCODE.sub(ADDRESS, cut)
    return _ADDRESS_TWICE.sub(ADDRESS, cut)


def identifiers_removed(text: str) -> list[str]:
    """What ``without_identifiers`` took out of words now kept as ``text`` ("an NHS number",
    "a date of birth", "an address"), read from the markers it holds; [] for none."""
    return [said for marker, said in REMOVED.items() if marker in text]
