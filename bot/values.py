"""``frozen``: the project's value class, a frozen dataclass with slots, named once.

A value class is read, compared and passed around, never changed in place (``dataclasses.replace``
makes a changed copy); slots keep it small and catch a misspelt attribute. ``@frozen`` is
``@dataclass(frozen=True, slots=True)``, and type checkers treat it as that (PEP 681).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar, dataclass_transform

_T = TypeVar("_T")


@dataclass_transform(frozen_default=True)
def frozen(cls: type[_T]) -> type[_T]:
    """``cls`` as a frozen dataclass with slots."""
    return dataclass(frozen=True, slots=True)(cls)
