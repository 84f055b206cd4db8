"""Keeping the content true: entries due for review, yearly figures, primary sources.

Three rules, each a warning from ``pledgebot kb check`` (errors with ``--strict``):

* an entry whose ``as_at`` is more than 12 months before today is stale;
* a figure that changes over time needs a "check the current rate" line in the answer
  (``rate``, ``threshold`` or ``figure`` all do): a £ amount next to "living wage", "minimum wage"
  or "National Insurance", or a percentage next to "National Insurance" or "NICs" (these change
  every April), and a £ amount next to "threshold" (procurement thresholds change on 1 January
  every two years), unless its clause speaks of turnover (a company-size test such as the
  Modern Slavery Act's £36m, which is not revised on that cycle);
* an entry that names an Act, a set of regulations or statutory guidance must list its primary
  source (legislation.gov.uk, or the official guidance page) among its sources.

``due_for_review`` gives the list ``pledgebot kb list --stale`` prints, oldest first: the stale
entries, and the entries with such a figure whose ``as_at`` is before the figure's latest change
day (the latest 1 April, or for thresholds the latest 1 January of an even year).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from bot.values import frozen
from knowledge.base import Entry, Problem

STALE_AFTER_MONTHS = 12
CHECK_LINE = re.compile(r"\bcheck the current (?:rates?|thresholds?|figures?)\b", re.IGNORECASE)
_MONEY = r"£\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn|million|billion)\b)?"
_APRIL_WORDS = (r"national living wage|living wage|minimum wage|\bNLW\b|\bNMW\b|"
                r"national insurance|\bNICs?\b")
_THRESHOLD_WORDS = r"thresholds?"


_BOUNDARY = re.compile(r"[.;!?](?=\s)|\n")  # a clause ends here ("£12.71" does not end one)


@frozen
class _Near:
    """A figure that counts when one of ``words`` is in its clause, at most ``gap`` away.

    ``unless``, when given, names words that make the clause about something else.
    """

    figure: re.Pattern[str]
    words: re.Pattern[str]
    gap: int
    unless: re.Pattern[str] | None = None


def _near(figure: str, words: str, gap: int, unless: str | None = None) -> _Near:
    return _Near(re.compile(figure, re.IGNORECASE), re.compile(words, re.IGNORECASE), gap,
                 re.compile(unless, re.IGNORECASE) if unless else None)


_APRIL_FIGURES = (_near(_MONEY, _APRIL_WORDS, 80),
                  _near(r"\d+(?:\.\d+)?%", r"national insurance|\bNICs?\b", 40))
_THRESHOLD_FIGURES = (_near(_MONEY, _THRESHOLD_WORDS, 80, unless=r"\bturnover\b"),)


@frozen
class LegalSource:
    """A law or statutory guidance, how entries name it, and where its primary text lives."""

    name: str
    named_as: re.Pattern[str]
    primary: tuple[str, ...]  # URL prefixes that count as the primary source


def _law(name: str, pattern: str, *primary: str) -> LegalSource:
    return LegalSource(name, re.compile(pattern), primary)


_LEG = "https://www.legislation.gov.uk/"
LEGAL_SOURCES = (
    _law("the Procurement Act 2023", r"Procurement Act 2023|\bPA23\b",
         f"{_LEG}ukpga/2023/54",
         "https://www.gov.uk/government/publications/procurement-act-2023-guidance",
         "https://gov.uk/government/publications/procurement-act-2023-guidance",
         "https://www.gov.uk/government/publications/ppn-"),
    _law("the Public Contracts Regulations 2015",
         r"Public Contracts Regulations|\bPCR(?: 2015)?\b",
         f"{_LEG}uksi/2015/102",
         "https://www.procurementpathway.civilservice.gov.uk/documents/pcr2015"),
    _law("the Provider Selection Regime", r"Provider Selection Regime|\bPSR\b",
         f"{_LEG}uksi/2023/1348", "https://legislation.gov.uk/uksi/2023/1348",
         "https://www.england.nhs.uk/long-read/provider-selection-regime"),
    _law("the Procurement Regulations 2024", r"Procurement Regulations 2024",
         f"{_LEG}uksi/2024/692", "https://legislation.gov.uk/uksi/2024/692",
         f"{_LEG}ukdsi/2024/9780348259728"),
    # Not the "Health and Care Act 2022" or the "Health and Social Care Act 2008".
    _law("the Care Act 2014", r"(?<!Health and )(?<!Social )Care Act", f"{_LEG}ukpga/2014/23",
         "https://www.gov.uk/guidance/care-and-support-statutory-guidance"),
    _law("the Late Payment of Commercial Debts (Interest) Act 1998", r"Late Payment",
         f"{_LEG}ukpga/1998/20"),
    _law("TUPE 2006", r"\bTUPE\b", f"{_LEG}uksi/2006/246", "https://acas.org.uk/tupe",
         "https://www.acas.org.uk/tupe"),
    _law("the Freedom of Information Act 2000", r"Freedom of Information Act",
         f"{_LEG}ukpga/2000/36"),
    _law("the Public Services (Social Value) Act 2012", r"Social Value\) Act|Social Value Act",
         f"{_LEG}ukpga/2012/3"),
    _law("the Health and Social Care Act 2008", r"Health and Social Care Act 2008",
         f"{_LEG}ukpga/2008/14"),
    _law("the Health and Care Act 2022", r"Health and Care Act 2022", f"{_LEG}ukpga/2022/31"),
)


@frozen
class Due:
    """An entry due for review, and why."""

    entry: Entry
    reasons: tuple[str, ...]


def stale_before(today: date) -> date:
    """The oldest ``as_at`` that is not yet stale: today, 12 months ago (28 Feb for 29 Feb)."""
    year = today.year - STALE_AFTER_MONTHS // 12
    day = min(today.day, 28) if today.month == 2 else today.day
    return today.replace(year=year, day=day)


def latest_april(today: date) -> date:
    """The most recent 1 April on or before ``today``, when NLW and NICs change."""
    april = date(today.year, 4, 1)
    return april if today >= april else date(today.year - 1, 4, 1)


def latest_threshold_change(today: date) -> date:
    """The most recent 1 January of an even year on or before ``today`` (threshold revisions)."""
    return date(today.year - today.year % 2, 1, 1)


def _texts(entry: Entry) -> list[str]:
    return [text for text in (entry.answer, entry.law_differs, entry.for_providers,
                              entry.for_commissioners) if text]


def _figures(entry: Entry, rules: tuple[_Near, ...]) -> list[str]:
    found: list[str] = []
    for text in _texts(entry):
        for rule in rules:
            for match in rule.figure.finditer(text):
                left = text[max(0, match.start() - rule.gap):match.start()]
                ends = list(_BOUNDARY.finditer(left))
                if ends:
                    left = left[ends[-1].end():]
                right = text[match.end():match.end() + rule.gap]
                end = _BOUNDARY.search(right)
                if end:
                    right = right[:end.start()]
                clause = f"{left} {right}"
                if rule.unless and rule.unless.search(clause):
                    continue
                if rule.words.search(clause) and match.group() not in found:
                    found.append(match.group())
    return found


def april_figures(entry: Entry) -> list[str]:
    """The NLW, NMW and NICs figures in ``entry``, as written (e.g. ``£12.71``, ``15%``)."""
    return _figures(entry, _APRIL_FIGURES)


def threshold_figures(entry: Entry) -> list[str]:
    """The £ amounts next to "threshold" in ``entry``, as written (e.g. ``£663,540``)."""
    return _figures(entry, _THRESHOLD_FIGURES)


def missing_primary_sources(entry: Entry) -> list[LegalSource]:
    """The laws ``entry`` names without listing a primary source for them."""
    text = " ".join(_texts(entry))
    return [law for law in LEGAL_SOURCES
            if law.named_as.search(text)
            and not any(source.startswith(law.primary) for source in entry.sources)]


def warnings(entries: Iterable[Entry], today: date) -> list[Problem]:
    """Every review warning for ``entries``, located at the entry, in file order."""
    found: list[Problem] = []
    limit = stale_before(today)
    for entry in entries:
        file, _, line = entry.origin.rpartition(":")
        at = int(line) if line.isdigit() else 1

        def warn(message: str, *, file: str = file, at: int = at, ident: str = entry.id) -> None:
            found.append(Problem(file, at, f"warning: {ident}: {message}"))

        if entry.as_at < limit:
            warn(f"as_at {entry.as_at.isoformat()} is more than {STALE_AFTER_MONTHS} months old; "
                 "check the entry and update as_at")
        if not CHECK_LINE.search(entry.answer):
            for figures, when in ((april_figures(entry), "every April"),
                                  (threshold_figures(entry), "every two years")):
                if figures:
                    warn(f"{', '.join(figures)} changes {when}; add a \"check the current "
                         "rate\" line to the answer")
        for law in missing_primary_sources(entry):
            warn(f"names {law.name} but lists no primary source for it ({law.primary[0]}...)")
    return sorted(found, key=lambda problem: (problem.file, problem.line))


def due_for_review(entries: Iterable[Entry], today: date) -> list[Due]:
    """Entries due for review, oldest ``as_at`` first (then by id)."""
    limit = stale_before(today)
    changes = ((april_figures, latest_april(today)),
               (threshold_figures, latest_threshold_change(today)))
    due: list[Due] = []
    for entry in entries:
        reasons: list[str] = []
        if entry.as_at < limit:
            reasons.append(f"more than {STALE_AFTER_MONTHS} months old")
        for find, changed_on in changes:
            figures = find(entry)
            if figures and entry.as_at < changed_on:
                reasons.append(f"{', '.join(figures)} may have changed on "
                               f"{changed_on.day} {changed_on:%B %Y}")
        if reasons:
            due.append(Due(entry, tuple(reasons)))
    return sorted(due, key=lambda item: (item.entry.as_at, item.entry.id))
