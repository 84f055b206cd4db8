"""Fixtures of the Slack channel tests."""

from __future__ import annotations

import pytest

from knowledge.answers import Answerer
from knowledge.base import PACKAGED, KnowledgeBase


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    """The shipped knowledge base (loaded once per module)."""
    return Answerer(KnowledgeBase([PACKAGED]))
