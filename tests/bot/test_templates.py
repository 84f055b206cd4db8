"""bot.templates: the words every message shares (the list of councils, one way)."""

from __future__ import annotations

import pytest

from bot.templates import make_templates

COUNCILS = ["Northshire", "Southshire", "Westshire", "Eastshire"]


@pytest.mark.parametrize(("count", "listed", "one_each"), [
    (1, "Northshire", "Northshire"),
    (2, "Northshire and Southshire", "Northshire and one with Southshire"),
    (3, "Northshire, Southshire and Westshire", "each of Northshire, Southshire and Westshire"),
    (4, "Northshire, Southshire, Westshire and Eastshire",
     "each of Northshire, Southshire, Westshire and Eastshire"),
])
def test_names_and_lists_one_to_four_councils_as_a_sentence_does(
        count: int, listed: str, one_each: str) -> None:
    template = make_templates().from_string(
        "{{ councils|names_and }} / with {{ councils|names_and(one_each=True) }}")
    assert template.render(councils=COUNCILS[:count]) == f"{listed} / with {one_each}"
