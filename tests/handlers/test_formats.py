"""handlers.formats: the example a question gives names its council alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from handlers.formats import (
    council_named,
    distinct_council_name,
    later_week_said,
    names_known,
    reference_key,
    reference_like,
    told_in,
    weekday_date_said,
    weekday_to_come,
    without_names,
    without_names_but,
    words_with_days,
)


@pytest.mark.parametrize("names", [
    # The session's review: "Northshire" was offered, and named neither council.
    ["Northshire", "Northshire County Council"],
    ["Northshire County Council", "Northshire"],
    ["Northshire Borough Council", "Northshire County Council"],
    ["Northshire Borough Council", "Northshire County Council", "Southshire"],
])
def test_the_example_council_name_is_one_council_named_reads_as_that_council_alone(
        names: list[str]) -> None:
    councils = dict(enumerate(names))
    for council_id, name in councils.items():
        example = distinct_council_name(name, names)
        assert council_named(example.split(), councils) == (council_id, len(example.split()))



@pytest.mark.parametrize(("text", "kept"), [
    # After "Dr" only a capitalised name is cut (session 29's last review: an urgent alert read
    # "The Dr T. U. RC-104 has bruises").
    ("The Dr told us RC-104 has bruises on both arms",
     "The Dr told us RC-104 has bruises on both arms"),
    ("I have a Dr appointment tomorrow", "I have a Dr appointment tomorrow"),
    ("GP/Dr says the marks look like finger marks", "GP/Dr says the marks look like finger marks"),
    ("Sadly Dr Ade Bello passed away", "Sadly Dr A. B. passed away"),
])
def test_a_doctor_s_name_is_cut_and_words_after_dr_are_not(text: str, kept: str) -> None:
    assert without_names(text) == kept


@pytest.mark.parametrize(("text", "kept"), [
    ("Priya said Margaret fell", "Priya said M. fell"),
    ("priya shah's note says Margaret Holmes moved", "priya shah's note says M. H. moved"),
    ("Priya's note", "Priya's note"),
    ("Tom O'Brien asked about Patricia Holmes", "Tom O'Brien asked about P. H."),
    ("our resident Priya fell", "our resident P. fell"),
    ("Mrs Priya Shah rang", "Mrs P. S. rang"),
])
def test_without_names_but_keeps_the_names_known_as_typed(text: str, kept: str) -> None:
    known = names_known(["Priya Shah", "Priya", "Tom O'Brien"])
    assert without_names_but(text, known) == kept


_PLACEMENT_WORDS = told_in(r"new REF DATE (?:EMAIL|(?P<name>.+))", r"new(?: REF(?: DATE)?)?",
                           r"end REF(?: DATE)?", r"reopen REF", r"list")
_CHANGE_WORDS = told_in(r"REF(?: DATE)?(?: (?P<told>.+))?")
_INVOICE_WORDS = told_in(r"received WORD(?: \d+)? DATE AMOUNT(?: REF| none)?",
                         r"paid WORD(?: \d+)?(?: DATE)?", r"list")


@pytest.mark.parametrize(("read", "words", "told"), [
    (_PLACEMENT_WORDS, "new RC-101 1/6/2026 the safeguarding hub", "the safeguarding hub"),
    (_PLACEMENT_WORDS, "new RC-101 next monday Priya  Shah", "Priya Shah"),
    (_PLACEMENT_WORDS, "new RC-101 1/6/2026 priya@northshire.example", ""),
    (_PLACEMENT_WORDS, "end RC-101 1 Dec 2026", ""),
    (_PLACEMENT_WORDS, "new RC-101", ""),
    (_PLACEMENT_WORDS, "list", ""),
    # Words no grammar fits are all read, as typed.
    (_PLACEMENT_WORDS, "end RC-101 she was hit", "end RC-101 she was hit"),
    (_CHANGE_WORDS, "RC-101 1/6/2026", ""),
    (_CHANGE_WORDS, "RC-101 she has bruises", "RC-101 she has bruises"),
    # An invoice number typed with a space is a slot too (session 35's brief: "Mar 1234").
    (_INVOICE_WORDS, "received Mar 1234 20/11/2026 100 P-7", ""),
    (_INVOICE_WORDS, "paid INV 2052 3 dec", ""),
    (_INVOICE_WORDS, "received INV-1 3 dec 400 none", ""),
])
def test_told_in_sets_a_commands_slots_aside(read: Callable[[str], str], words: str,
                                             told: str) -> None:
    assert read(words) == told


@pytest.mark.parametrize(("text", "kept"), [
    # Session 35's trial: "mrs H.-0231s arm", "Mr R.-002 told our carer".
    ("a bruise on mrs HV-0231s arm", "a bruise on mrs HV-0231s arm"),
    ("mrs HV-0231 has a bruise", "mrs HV-0231 has a bruise"),
    ("Mr RC-P-002 told our carer", "Mr RC-P-002 told our carer"),
    ("Mrs HV-0231's arm", "Mrs HV-0231's arm"),
    ("MRS rc105 fell", "MRS rc105 fell"),
    ("Mrs RC 104 fell", "Mrs RC 104 fell"),
    ("Mrs Jones RC-104 has bruises", "Mrs J. RC-104 has bruises"),
    ("mrs jones hv-0231 has bruises", "mrs J. hv-0231 has bruises"),
    # Names are still cut.
    ("Mrs Patricia Holmes at HV-0231 fell", "Mrs P. H. at HV-0231 fell"),
    ("Margaret told me", "M. told me"),
    ("Mrs Kay 92 fell", "Mrs K. 92 fell"),
])
def test_a_placement_reference_after_a_title_is_no_name(text: str, kept: str) -> None:
    assert without_names(text) == kept


@pytest.mark.parametrize(("typed", "key"), [
    ("RC-0105", "RC-105"), ("rc 105", "RC-105"), ("RC105", "RC-105"), ("HV-00100", "HV-100"),
    ("NS-T-2027-01", "NS-T-2027-1"), ("RC-000", "RC-0"),
    # Not the digits after "/" or ".", nor a number split by a hyphen: other references.
    ("RC/12/0105", "RC/12/0105"), ("RC-1.05", "RC-1.05"), ("RC-10-5", "RC-10-5"),
])
def test_a_reference_key_leaves_out_leading_zeros_and_the_hyphen_typed_or_not(
        typed: str, key: str) -> None:
    assert reference_key(typed) == key
    # Every reference of that key matches its LIKE pattern (read here as a regex).
    like = "^" + reference_like(key).replace("\\_", "_").replace("%", ".*") + "$"
    assert re.match(like, typed.upper().replace(" ", "-")) is not None


@pytest.mark.parametrize(("text", "kept"), [
    # Session 35's review: a short name in capitals before an age or a house number was read
    # as a placement reference ("MRS ALI 14 Oak Road" was kept whole).
    ("MRS ALI 14 Oak Road says a carer hit her", "MRS A. 14 Oak Road says a carer hit her"),
    ("MR LEE 82 has a bruise", "MR L. 82 has a bruise"),
    ("MRS JO SMITH 82 fell", "MRS J. S. 82 fell"),
    # Letters without a vowel, or only one or two of them, before a number are a reference.
    ("MRS NCC 104 fell", "MRS NCC 104 fell"),
    ("Mrs RC 104 fell", "Mrs RC 104 fell"),
    ("MRS HV 0231 says", "MRS HV 0231 says"),
    # Session 36's brief: but a common two-letter family name, or two capitals before a house
    # number and its street, is a name.
    ("MRS NG 14 Oak Road fell and hit her head", "MRS N. 14 Oak Road fell and hit her head"),
    ("MR WU 82 has a bruise", "MR W. 82 has a bruise"),
    ("MRS KT 14 OAK ROAD says", "MRS K. 14 OAK ROAD says"),
    # The session's review: a street's word as it is usually typed, abbreviated, is a street.
    ("MRS KT 14 Oak Rd fell", "MRS K. 14 Oak Rd fell"),
    ("MRS KT 14 Oak St fell", "MRS K. 14 Oak St fell"),
    ("Mrs KT 13 Mill Ln fell", "Mrs K. 13 Mill Ln fell"),
    ("MR KT 17 Elm Ave, fell", "MR K. 17 Elm Ave, fell"),
    ("MRS KT 12 Park Cres fell", "MRS K. 12 Park Cres fell"),
    ("MRS KT 12 Rose Gdns fell", "MRS K. 12 Rose Gdns fell"),
    # The session's review: a two-letter family name that is also a reference's letters is a
    # name before an age (two digits) or a house number, and a reference before a reference's
    # number (three or more digits, or a leading nought): the hub keeps its placement.
    ("Mrs SU 0042 fell", "Mrs SU 0042 fell"),
    ("Mr DO 1234 has bruises", "Mr DO 1234 has bruises"),
    ("Mrs LE 104 fell", "Mrs LE 104 fell"),
    ("Mr OH 104 fell", "Mr OH 104 fell"),
    ("MR DO 82 has a bruise", "MR D. 82 has a bruise"),
    ("Mrs SU 14 Oak Rd fell", "Mrs S. 14 Oak Rd fell"),
    # A number then a capitalised word that is no street's is still a reference.
    ("Mrs RC 104 Sunday fell", "Mrs RC 104 Sunday fell"),
    ("Mrs RC 12, Mill Lane fell", "Mrs R. 12, Mill Lane fell"),
    # Words in capitals before a number with no title are no name; nor two capitals after a
    # title that are no family name.
    ("the GP 14 days ago, CQC 28 days, OT 12 sessions", "the GP 14 days ago, CQC 28 days, OT 12 "
     "sessions"),
    ("DR NO 14 fell", "DR NO 14 fell"),
])
def test_a_short_name_in_capitals_before_a_number_is_cut(text: str, kept: str) -> None:
    assert without_names(text) == kept


# A weekday with a date after it is the date given (session 45's review: "thursday 17th" was
# read as the coming Thursday); one not its date's is two days, to be asked about.
WEDNESDAY_9_DECEMBER = date(2026, 12, 9)


@pytest.mark.parametrize(("said", "toward", "days"), [
    ("thursday 17th", "future", (date(2026, 12, 17),)),
    ("Monday 21 December", "either", (date(2026, 12, 21),)),
    ("friday 18/12", "either", (date(2026, 12, 18),)),
    ("next thursday 10th", "future", (date(2026, 12, 10),)),
    ("friday 8th january", "either", (date(2027, 1, 8),)),
    ("thursday 26th", "past", (date(2026, 11, 26),)),
    ("thursday 18th", "future", (date(2026, 12, 17), date(2026, 12, 18))),
    ("thursday week", "either", (date(2026, 12, 17),)),
    ("a week on thursday", "either", (date(2026, 12, 17),)),
    ("a week today", "either", (date(2026, 12, 16),)),
    ("a week tomorrow", "either", (date(2026, 12, 17),)),
    ("wednesday week", "either", (date(2026, 12, 16), date(2026, 12, 23))),  # said on one
    ("thursday", "either", None), ("last week", "either", None), ("the 17th", "either", None),
])
def test_a_weekday_with_a_date_is_the_date_given(said: str, toward: str,
                                                 days: tuple[date, ...] | None) -> None:
    assert weekday_date_said(said, WEDNESDAY_9_DECEMBER, toward) == days


@pytest.mark.parametrize(("words", "joined"), [
    ("done P-7 thursday 3rd went well", ["done", "P-7", "thursday 3rd", "went", "well"]),
    ("new Q-1 monday 21 december a@b.c", ["new", "Q-1", "monday 21 december", "a@b.c"]),
    ("received CT-1 monday 30th nov 100 none", ["received", "CT-1", "monday 30th nov", "100",
                                                "none"]),
    ("new Q-3 thursday week a@b.c", ["new", "Q-3", "thursday week", "a@b.c"]),
    ("done P-7 monday 3 carers came", ["done", "P-7", "monday", "3", "carers", "came"]),
    # A later week and "this coming" (session 46's brief: every command refused them).
    ("new Q-4 thursday next week a@b.c", ["new", "Q-4", "thursday next week", "a@b.c"]),
    ("new Q-5 a fortnight on friday a@b.c", ["new", "Q-5", "a fortnight on friday", "a@b.c"]),
    ("end Q-6 this coming thursday", ["end", "Q-6", "this coming thursday"]),
    ("done P-7 next week went well", ["done", "P-7", "next", "week", "went", "well"]),
])
def test_a_weekday_with_its_date_is_one_word_of_a_command(words: str,
                                                          joined: list[str]) -> None:
    assert words_with_days(words.split()) == joined


# A weekday in a later week, the one grammar of chat and commands (session 46's brief).
@pytest.mark.parametrize(("said", "on", "days"), [
    ("thursday next week", WEDNESDAY_9_DECEMBER, (date(2026, 12, 17),)),
    ("next week thursday", WEDNESDAY_9_DECEMBER, (date(2026, 12, 17),)),
    ("thurs next week", WEDNESDAY_9_DECEMBER, (date(2026, 12, 17),)),
    ("next week, thu", WEDNESDAY_9_DECEMBER, (date(2026, 12, 17),)),
    ("thursday next week", date(2026, 12, 13), (date(2026, 12, 17),)),  # on a Sunday
    ("monday next week", date(2026, 12, 7), (date(2026, 12, 14),)),  # on a Monday
    ("the thursday after next", WEDNESDAY_9_DECEMBER, (date(2026, 12, 17),)),
    ("thursday fortnight", WEDNESDAY_9_DECEMBER, (date(2026, 12, 24),)),
    ("a fortnight on friday", WEDNESDAY_9_DECEMBER, (date(2026, 12, 25),)),
    ("a fortnight today", WEDNESDAY_9_DECEMBER, (date(2026, 12, 23),)),
    ("thursday", WEDNESDAY_9_DECEMBER, None), ("next week", WEDNESDAY_9_DECEMBER, None),
])
def test_a_weekday_in_a_later_week(said: str, on: date, days: tuple[date, ...] | None) -> None:
    assert later_week_said(said, on) == days


@pytest.mark.parametrize(("said", "on", "days"), [
    ("this coming thursday", WEDNESDAY_9_DECEMBER, (date(2026, 12, 10),)),
    ("the coming thursday", WEDNESDAY_9_DECEMBER, (date(2026, 12, 10),)),
    ("this coming thursday", date(2026, 12, 10), (date(2026, 12, 17),)),  # never today
    ("next thursday", WEDNESDAY_9_DECEMBER, (date(2026, 12, 10), date(2026, 12, 17))),
])
def test_this_coming_weekday_is_the_coming_one(said: str, on: date,
                                               days: tuple[date, ...]) -> None:
    assert weekday_to_come(said, on) == days
