"""Detectors behind the `detector` rule kind, by name. Each: factory(rule) -> matcher
with `find(text) -> Iterator[Finding]`."""
from __future__ import annotations

from . import balance, repetition

DETECTORS = {
    "repeated_word": repetition.RepeatedWord,
    "repeated_in_clause": repetition.RepeatedInClause,
    "unbalanced": balance.Unbalanced,
}
