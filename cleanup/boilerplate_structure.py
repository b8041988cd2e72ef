"""Document structure: where the article is, and which lines repeat.

An article is usually one contiguous region of prose. The region is the run of
blocks with the largest score (prose words count for it, boilerplate words against
it: a maximum-sum segment), so navigation before it and footers after it fall outside.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

import regex

from .boilerplate_features import BAD, GOOD, NEAR_GOOD, Block, Profile

_SPACES = regex.compile(r"\s+")


def block_score(b: Block, removed: bool, profile: Profile) -> float:
    """What a block adds to a region that includes it."""
    if removed:
        return -max(b.words, 1) * profile["region_bad_weight"]
    if b.cls in (GOOD, NEAR_GOOD):
        return float(b.words)
    if b.cls == BAD:
        return -b.words * profile["region_bad_weight"]
    # short: a heading in the article costs nothing, a stray label costs a little
    return 0.0 if b.final == GOOD else -max(b.words, 1) * profile["region_short_weight"]


def article_region(blocks: Sequence[Block], removed: set[int], profile: Profile) -> tuple[int, int] | None:
    """(first, last) positions in `blocks` of the best-scoring run, or None when no run has prose."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for k, b in enumerate(blocks):
        if total <= 0:
            total, start = 0.0, k
        total += block_score(b, b.index in removed, profile)
        if total > best:
            best, best_span = total, (start, k)
    return best_span


def key(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def repeated(blocks: Sequence[Block], profile: Profile) -> Counter:
    """How often each short line's text occurs (only lines of at most repeat_max_words)."""
    return Counter(key(b.text) for b in blocks if b.words <= profile["repeat_max_words"])
