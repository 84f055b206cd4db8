"""``bot.words``: the one folding of typed words, for the form engine and the features (pure)."""

from __future__ import annotations

import pytest

from bot import forms
from bot.words import apostrophes_dropped


@pytest.mark.parametrize(("text", "expected"), [
    ("I'm", "im"), ("I\u2019d  say", "id say"), ("  Don't\tknow ", "dont know"), ("", ""),
    ("RC-101's", "rc-101s"),
])
def test_apostrophes_dropped(text: str, expected: str) -> None:
    assert apostrophes_dropped(text) == expected


@pytest.mark.parametrize("text", ["I\u2019d give it a 4", "I'd give it a 4", "it\u2019s a 4"])
def test_the_form_engine_folds_curly_and_straight_apostrophes_alike(text: str) -> None:
    assert forms.rated(("1", "2", "3", "4", "5"), text) == ("4", "")
