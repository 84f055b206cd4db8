"""The one Jinja2 environment every message's words come from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


def day_words(day: date) -> str:
    """A date as people write it: "Thu 12 Nov 2026" (every message about a day says it so)."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def names_and(names: Sequence[str], *, one_each: bool = False) -> str:
    """Names as a sentence lists them: "A", "A and B", "A, B and C".

    With ``one_each``, after "You have a placement RC-104 with": "A and one with B" for two,
    "each of A, B and C" for three or more (every message naming the councils that have the
    same reference says it so).
    """
    *rest, last = names
    if not rest:
        return last
    if one_each and len(rest) == 1:
        return f"{rest[0]} and one with {last}"
    return f"{'each of ' if one_each else ''}{', '.join(rest)} and {last}"


def shortened(text: str, limit: int) -> str:
    """``text`` on one line, at most ``limit`` characters: cut between words with an ellipsis
    when longer (session 34's brief: a review's outcome was cut mid-word in what the other side
    was told). A single word longer than ``limit`` is cut inside it."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    kept = flat[:limit - 1]
    if flat[limit - 1] != " " and " " in kept:
        kept = kept.rsplit(" ", 1)[0]  # the last word would be cut: left out whole
    return kept.rstrip(" ,;:.-") + "\u2026"


@cache
def make_templates() -> Environment:
    """The template environment (autoescape for HTML, trimmed blocks, strict names).

    One per process, shared by every app, CLI command and test: nothing changes it after it is
    built, and Jinja's own cache then compiles each template once.
    """
    environment = Environment(
        loader=PackageLoader("bot", "templates"),
        autoescape=select_autoescape(["html", "htm", "xml"], default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=False,
    )
    environment.filters["thousands"] = lambda number: f"{int(number):,}"
    environment.filters["day"] = day_words
    environment.filters["names_and"] = names_and
    environment.filters["shortened"] = shortened
    # Words a person typed, quoted as Python quotes them ('x', or "it's").
    environment.filters["repr"] = repr
    return environment


def render(environment: Environment, template: str, /, **data: object) -> str:
    """Render one template to text with surrounding blank space removed."""
    return environment.get_template(template).render(**data).strip()
