"""Identifiers of a person receiving care, other than a name, taken out of words the bot keeps
or passes on: an NHS number, a date of birth, a home address (session 36's trial: "M. T. (dob
12/03/1941, NHS no 485 777 3456) at 14 Elm Road" reached the hub's alert, the case, the
outbox and the question log, the name cut to initials and nothing else). Beside the cutting
of names (``handlers.formats.initials_only``, ``without_names``), never inside it: each is
applied where words about a person are kept.

A phone number typed on a line, and an age (session 37's brief), are taken out too. A phone
number: a UK landline's or mobile's, starting 01, 02 or 07 (or +44 1, 2, 7), whoever's it is:
one beside a person's details may be theirs or their family's, and nobody can tell it from a
council switchboard's or a sender's own at a glance (the hub has those), but on a signature's
own line ("M: 07700 900123", the sender's, for the hub to call back); the bot's own words
(a helpline it gives) are never read, only words people send. Numbers starting 03, 08 or 09 are
services' (councils', charities', helplines': no household has one) and are kept. An age: a
person's ("aged 84", "84-year-old", "84 yo", "she is 84", "age 91"); an age range or group of
a service is kept ("aged 18+", "aged 18 to 64", "over 65s", "18-year-olds", "people aged 65").

Kept as they are: placement references ("RC-101", "HV-0231"), invoice, tender, contract and
case references ("INV-2041", "PB-2026-000001"), money, times, counts ("30 days") and ordinary
dates of events ("on 12/03/2026 she fell").
"""

from __future__ import annotations

import re

from handlers.formats import MONTH_WORDS, STREET_WORDS, TITLES

NHS_NUMBER = "[NHS number removed]"
DATE_OF_BIRTH = "[date of birth removed]"
ADDRESS = "[address removed]"
PHONE_NUMBER = "[phone number removed]"
AGE = "[age removed]"
# What each marker is called when the sender is told, in the order told.
REMOVED = {NHS_NUMBER: "an NHS number", DATE_OF_BIRTH: "a date of birth",
           ADDRESS: "an address", PHONE_NUMBER: "a phone number", AGE: "an age"}

# -- phone numbers ----------------------------------------------------------------------------
# A UK number as people type one: "07700 900123", "0161 496 0000", "020 7946 0000",
# "(0161) 4960000", "+44 7700 900123", "+44 (0)161 496 0000", "07700900123": groups of digits
# apart by a space or a hyphen, ten digits after the 0 (or the 44). Not inside a reference or
# an amount ("PB-2026-000001", "£0.50"), nor after a word that makes it another number
# ("invoice 07700900123", "ref:07700900123", "inv#07700900123"). In brackets, after a colon or
# a hash it is one ("daughter (07700 900123)", "mob:07700900123", "wife #07700900123": session
# 37's review).
_PHONE_NUMBER = re.compile(
    r"(?<![\w£$€.,/+-])(?P<number>(?:\+\s?44\s?(?:\(0\)\s?)?|0044\s?)\d{2,5}"
    r"|\(0\d{2,5}\)|0\d{2,5})(?P<rest>(?:\s?[ -]?\d{3,8}){0,2})(?![\w/-]|[.,]\d)")
_NOT_A_PHONE = re.compile(
    r"\b(?:inv(?:oice)?|po|order|ref(?:erence)?|contract|tender|account|acc|a/c|case|company"
    r"|charity|reg(?:istration)?|policy|claim|batch|serial|nhs)"
    r"(?:\s*(?:no\b\.?|num(?:ber)?\b|#))?\s*[:.#(-]?\s*$", re.IGNORECASE)
# A staff signature's own line, or a part of one between bars: the sender's number, which the
# hub may need to call back ("Kind regards, Jo Bloggs | Registered Manager | M: 07700 900123").
_SIGNATURE_BEFORE = re.compile(r"(?:^|\|)[ \t]*(?i:m|t|tel|telephone|mob|mobile|phone|direct"
                               r"(?:\s+line)?|ddi|office|work|w)[ \t]*[:.]?[ \t]*$",
                               re.MULTILINE)
_SIGNATURE_AFTER = re.compile(r"[ \t]*(?:$|\|)", re.MULTILINE)
# The writer's own number, for the hub to call back, as the signature's line ("please call me
# back on 07700 900123", "my mobile: 07700900123": session 37's review); never another's ("call
# her daughter on", "my mum's number").
_MINE_BEFORE = re.compile(
    r"(?:\b(?:call|ring|phone|text|contact|reach|get|catch|message|whatsapp)\s+me"
    r"(?:\s+back)?(?:\s+(?:on|at))?|\bme\s+(?:on|at)"
    r"|\bmy\s+(?:own\s+|work\s+)?(?:number|no\b\.?|mobile|mob|phone|cell|landline"
    r"|direct\s+line)(?:\s+(?:number|no\b\.?))?(?:\s+is)?)\s*[:.#(-]?\s*$", re.IGNORECASE)
_PHONE_DIGITS = 10  # after the 0 or the 44
_PERSONAL_STARTS = ("1", "2", "7")  # landlines and mobiles; 03, 08, 09 are services'


def _phone_number(found: re.Match[str]) -> str:
    number, rest = found.group("number"), found.group("rest")
    before = found.string[:found.start()]
    if _NOT_A_PHONE.search(before) or _MINE_BEFORE.search(before) or (
            _SIGNATURE_BEFORE.search(before) and _SIGNATURE_AFTER.match(found.string,
                                                                       found.end())):
        return found.group(0)
    # Groups after the number that are no part of it ("0161 496 0000 30 days" is read as far
    # as its ten digits).
    groups = re.findall(r"\s?[ -]?\d+", rest)
    digits = re.sub(r"\D", "", number)
    digits = digits[2:] if number.lstrip("(").startswith(("+", "0044")) else digits[1:]
    if digits.startswith("0"):  # "+44 (0)161 ..."
        digits = digits[1:]
    for count in range(len(groups), -1, -1):
        said = digits + re.sub(r"\D", "", "".join(groups[:count]))
        if len(said) == _PHONE_DIGITS:
            if not said.startswith(_PERSONAL_STARTS):
                return found.group(0)
            return PHONE_NUMBER + "".join(groups[count:])
        if len(said) < _PHONE_DIGITS:
            break
    return found.group(0)


# -- ages -------------------------------------------------------------------------------------
# A person's age: "aged 84", "age 91", "age: 91", "84-year-old", "84 year old", "84 years old",
# "84 yo", "84yo", "84 y/o", "she is 84", "he's 84", "shes 91", "she turned 90". An age kept:
# a service's range or group ("aged 18+", "aged 18 to 64", "aged 65 and over", "over 65s",
# "18-year-olds", "people aged 65", "pension age 66"), and a thing's ("a 30-year-old boiler").
_AN_AGE = r"(?:1[01]\d|120|[1-9]?\d)"
_A_RANGE_AFTER = (r"(?!\d|\s*\+|s\b|['\u2019]s\b|\s*(?:-|\u2013|to|and|or|plus|&)\s*"
                  r"(?:\d|over|above|older|under|upwards|plus)"
                  r"|\s*(?:%|per\s*cent|percent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?"
                  r"|times|pounds?|kg|miles?|pence|p\b|am\b|pm\b)|[.:,]\d)")
_GROUP_BEFORE = re.compile(
    r"\b(?:people|adults|persons|those|residents|individuals|clients|men|women|children|anyone"
    r"|everyone|users|customers|carers|staff|workers|employees|apprentices|volunteers|over"
    r"|under|between|from|all|pension|retirement|school"
    r"|working|minimum|maximum|legal|leaving|qualifying)\s+$", re.IGNORECASE)
# What an age of a thing, or of staff (a wage's band, hours' limits: "a 17 year old care
# assistant"), is said of: kept.
_THINGS = (r"building|home|house|contract|framework|system|policy|van|car|boiler|roof|lift"
           r"|property|agreement|bed|hoist|equipment|vehicle|flat|kitchen|bathroom|business"
           r"|company|organisation|service|support\s+worker|care\s+worker|care\s+assistant"
           r"|worker|employee|apprentice|staff|member\s+of\s+staff|applicant|volunteer|nurse"
           r"|driver|carer|support\s+workers|care\s+workers|carers|staff"
           # "how many hours can a 17 year old work" (a worker's; "who works" is no staff's)
           r"|work")
# Capitalised words before a number in brackets that make it no age ("Section (42)").
_NOT_NAMES = (r"(?:Section|Sections|Clause|Regulation|Schedule|Part|Appendix|Annex|Option|Table"
              r"|Figure|Page|Step|Room|Ward|Bed|Item|Question|Point|Para|Paragraph|Article|Rule"
              r"|Standard|Level|Band|Stage|Tier|Year|Years|Week|Weeks|Day|Days|Lot|Lots|Hours"
              r"|Visits|Calls|Staff|Carers|Total|Number|No|Ref|Version|Box|Line|Row)")
# The youngest a bare "she is N" (no "years old") or "Mrs K (N)" is read as an age at: the
# people placed are adults, or young people moving to adults' services; below it a count
# ("she is 2:1", "she is 14, was 21").
YOUNGEST_BARE_AGE = 16
# After a bare "she is N", another number it is set beside: a count's ("she is 14, was 21").
_A_COUNT_AFTER = re.compile(r"\s*,?\s*(?i:was|from|down\s+from|up\s+from|instead\s+of"
                            r"|rather\s+than)\s+\d")
# Words about staff's pay: the age of a worker decides it ("the minimum wage for a 20 year
# old": session 37's review), so an age of a pay band's ("aged 21", "a 20 year old", up to
# the oldest a band is set by) in the same sentence is kept; "she is 84" never is.
OLDEST_PAY_AGE = 25
_PAY_WORDS = re.compile(
    r"\b(?:wages?|salary|salaries|nlw|nmw|(?:national\s+)?(?:living|minimum)\s+wage"
    r"|apprentice(?:s|ship|ships)?|hourly\s+(?:rate|pay)|rate\s+of\s+pay|pay\s+(?:rates?|bands?"
    r"|scales?)|holiday\s+pay|sick\s+pay|ssp|auto[-\s]?enrol\w*|workplace\s+pension"
    r"|pension\s+contributions?|payroll)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?!\d)|[;\n]")
# An organisation's or a thing's years ("we're 2 years old", "the business is only 2 years
# old").
_ITS_YEARS_BEFORE = re.compile(r"\b(?:we['\u2019]re|we\s+are|were|it['\u2019]?s|it\s+is"
                               r"|(?:is|are)\s+only|only)\s+$", re.IGNORECASE)
_AGE = re.compile(
    # "aged 84", "age 91", "age: 91" (its cue kept)
    rf"(?P<cue>\b(?i:aged|age)\s*[:=-]?\s*){_AN_AGE}(?P<years>(?i:\s*(?:years?|yrs?)"
    rf"(?:\s*old)?)?){_A_RANGE_AFTER}"
    # "84-year-old", "84 years old", "84 yo", "84 y/o"
    rf"|(?<![\w£$€.,/:-]){_AN_AGE}(?P<old>(?i:[\s-]?(?:years?|yrs?)[\s-]old\b(?![-\s]?s\b)"
    rf"(?!\s+(?:{_THINGS})\b)|\s?(?:yo|y/o|y\.o\.?)(?![\w/])"
    # "84 years of age" (session 37's review)
    rf"|\s?(?:years?|yrs?)\s+of\s+age\b(?!\s*(?:and|or|&)\s*(?:over|above|older|under))))"
    # "Mrs K (84)", "M.T. (91)", "Margaret (84)" (session 37's review)
    rf"|(?P<named>(?:\b(?:{TITLES})\.?\s+[A-Z][\w'\u2019-]*"
    rf"|\b[A-Z]\.?(?:\s?[A-Z]\.?){{0,2}}|(?!{_NOT_NAMES}\b)\b[A-Z][a-z'\u2019-]+)"
    rf"\s*\(\s*)(?P<bracketed>{_AN_AGE})(?=\s*\))"
    # "she is 84", "he's 84", "shes 91", "she turned 90"
    rf"|(?P<who>\b(?i:she|he)(?i:\s+(?:is|was|turned|turns|will\s+be)|['\u2019]s|s)\s+)"
    rf"(?P<said>{_AN_AGE})(?![.:,/]\d)(?P<then>(?i:\s*(?:years?|yrs?)\s*old)?)"
    rf"(?=\s*(?:$|[.,;:!?)]|(?i:and|but|now|with|so|who|yet|this|next|last|today|or|&"
    rf"|in\s+(?:{MONTH_WORDS}))\b))")


def _sentence(found: re.Match[str]) -> str:
    """The sentence ``found`` is in."""
    text = found.string
    start = max((end.end() for end in _SENTENCE_END.finditer(text, 0, found.start())),
                default=0)
    end = _SENTENCE_END.search(text, found.end())
    return text[start:end.start() if end else len(text)]


def _age(found: re.Match[str]) -> str:
    if found.group("named") is not None:
        if int(found.group("bracketed")) < YOUNGEST_BARE_AGE:
            return found.group(0)
        return found.group("named") + AGE
    if found.group("who") is not None:
        if not found.group("then") and (
                int(found.group("said")) < YOUNGEST_BARE_AGE
                or _A_COUNT_AFTER.match(found.string, found.end())):
            return found.group(0)
        return found.group("who") + AGE
    if int(re.findall(r"\d+", found.group(0))[0]) <= OLDEST_PAY_AGE and _PAY_WORDS.search(
            _sentence(found)):
        return found.group(0)  # a worker's age band
    cue = found.group("cue")
    if cue is not None:
        if _GROUP_BEFORE.search(found.string[:found.start()]):
            return found.group(0)
        return cue + AGE
    before = found.string[:found.start()]
    if _GROUP_BEFORE.search(before) or _ITS_YEARS_BEFORE.search(before):
        return found.group(0)  # "over 18 year olds", "under 16 yo", "we're 2 years old"
    return AGE


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
_STREET_WORDS = "|".join(STREET_WORDS)  # as ``handlers.formats`` reads a house number
# A house number, then one to three words of the street's name, then a word for a street:
# "14 Elm Road", "3 Mill Lane", "14a Church Street", "Flat 2, 14 Elm Road". The name's words
# capitalised; typed in lower case, only after "at", "lives", "address" and the like ("lives
# at 3 mill lane"), so "2 weeks close" or "3 working days" is never an address.
# "Flat 2, 14 Elm Road", or "flat 3 Hadley Court" (the flat's number the house's).
_FLAT = (r"(?i:(?:flat|apartment|apt|unit)\s+(?:\d+[a-z]?,?\s+(?=\d))?)?")
_HOUSE = r"\d{1,4}[a-z]?,?\s+"
_NOT_A_STREET = r"(?!(?i:room|bed|ward|flat|unit|hours?|days?|weeks?|months?|years?)\b)"
_PLAIN_STREET_WORDS = ("road|rd|street|lane|ln|avenue|ave|drive|crescent|cres|gardens|gdns"
                       "|terrace|terr|grove|square|sq|mews|parade|boulevard|wharf")
_LITTLE_WORDS = ("(?:the|a|an|on|in|to|of|and|or|for|at|by|with|her|his|their|my|our|is|was|has"
                 "|had|have|can|cannot|can't|cant|could|will|won't|wont|would|did|didn't|does"
                 "|doesn't|do|not|no|fell|falls|needs?|help|but|from|into|up|down|out|over|this"
                 "|that|it|she|he|they|we|you|been|be|all|go|goes|went|got|get|take|took|room"
                 "|bed|near|off|past|round|around|behind|outside|inside|onto|across|along"
                 "|through|via|ran|walked|wandered|crossed|left)")
_ADDRESS = re.compile(
    rf"(?P<lead>(?<![\w£$€.,/:-]))(?={_FLAT}{_HOUSE}[A-Z]){_FLAT}{_HOUSE}"
    rf"(?:{_NOT_A_STREET}[A-Z][a-z'\u2019]+\s+){{1,3}}(?i:{_STREET_WORDS})\b\.?"
    # Typed in capitals, the street's word in capitals too: "14 OAK ROAD", "2 ST JOHNS CLOSE".
    rf"|(?P<caps>(?<![\w£$€.,/:-])){_FLAT}{_HOUSE}"
    rf"(?:{_NOT_A_STREET}[A-Z][A-Z'\u2019]+\s+){{1,3}}(?:{_STREET_WORDS.upper()})\b\.?"
    rf"|(?P<said>\b(?i:at|address|addr|lives|living|live|moved|move|to|from|of)[\s:]\s*)"
    rf"{_FLAT}{_HOUSE}(?:{_NOT_A_STREET}[a-z'\u2019]+\s+){{1,3}}(?:{_STREET_WORDS})\b\.?"
    # After a title and one or two capitals (a family name or an initial), typed in lower
    # case: "Mrs NG 104 oak road" (session 37's brief). Only a street's plain word, after
    # words that are no verb or little word ("Mrs SU 0042 cannot walk far" is a reference).
    rf"|(?P<titled>\b(?:[Mm][Rr][Ss]?|Ms|M[Ii][Ss][Ss]|M[Xx])\.?\s+[A-Z]{{1,2}}\.?,?\s+)"
    rf"{_HOUSE}(?:{_NOT_A_STREET}(?!{_LITTLE_WORDS}\b)[a-z'\u2019]+\s+){{1,2}}"
    rf"(?:{_PLAIN_STREET_WORDS})\b\.?")


def _address(found: re.Match[str]) -> str:
    return (found.group("said") or found.group("titled") or "") + ADDRESS


# A UK postcode: "NE1 4AB", "M1 1AE", "SW1A 1AA"; in lower case only with its space.
_POSTCODE = re.compile(r"(?<![\w-])(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
                       r"|[a-z]{1,2}\d[a-z\d]?\s\d[a-z]{2})(?![\w-])")
_TITLED_BEFORE_AN_ADDRESS = re.compile(
    r"\b(?P<title>[Mm][Rr][Ss]?|Ms|M[Ii][Ss][Ss]|M[Xx]|Dr|DR)\.?\s+(?P<initial>[A-Z])[A-Z]\b"
    r"(?=,?\s+(?:(?i:of|at|from|in)\s+)?" + re.escape(ADDRESS) + ")")
# An address and the postcode after it are one address.
_ADDRESS_TWICE = re.compile(re.escape(ADDRESS) + r"(?:,?\s*(?:[A-Z][a-z]+,?\s+){0,2}"
                            + re.escape(ADDRESS) + r")+")


def without_identifiers(text: str) -> str:
    """``text`` with each NHS number, date of birth, home address, phone number and age put as
    a marker ("[NHS number removed]", "[date of birth removed]", "[address removed]", "[phone
    number removed]", "[age removed]")."""
    # Phone numbers first: "+44 161 496 0000" holds an NHS number's 3-3-4.
    cut = _PHONE_NUMBER.sub(_phone_number, text)
    cut = _NHS_NUMBER.sub(_nhs_number, cut)
    cut = _BIRTH_DATE.sub(DATE_OF_BIRTH, cut)
    cut = _OLD_DATE.sub(_old_date, cut)
    cut = _ADDRESS.sub(_address, cut)
    cut = _POSTCODE.sub(ADDRESS, cut)
    cut = _ADDRESS_TWICE.sub(ADDRESS, cut)
    # A family name's two capitals after a title, before an address, are a name, whatever
    # ``handlers.formats`` made of them ("Mrs NG [address removed]": session 37's brief).
    cut = _TITLED_BEFORE_AN_ADDRESS.sub(r"\g<title> \g<initial>.", cut)
    return _AGE.sub(_age, cut)


def identifiers_removed(text: str) -> list[str]:
    """What ``without_identifiers`` took out of words now kept as ``text`` ("an NHS number",
    "a date of birth", "an address", "a phone number", "an age"), read from the markers it
    holds; [] for none."""
    return [said for marker, said in REMOVED.items() if marker in text]
