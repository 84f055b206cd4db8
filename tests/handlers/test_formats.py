"""handlers.formats: the example a question gives names its council alone."""

from __future__ import annotations

import pytest

from handlers.formats import council_named, distinct_council_name


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
