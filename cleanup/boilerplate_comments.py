"""Comment headers found by their shape: a name on a line of its own, then the comment's
date and time ("Jane Doe" / "December 19, 2025, 4:13 am", "Dana_C" / "3 hours ago").

A comment thread repeats this header once per comment, so a page with at least MIN_HEADERS
of them has a thread; the headers then count as comment markers for the article's end
(cleanup/boilerplate_end.py: a thread ends the article when the markers keep coming back).
An article's own byline and date is one such pair, never three. Marks only: nothing is
removed here on its own.
"""
from __future__ import annotations

from typing import Sequence

import regex

from .boilerplate_features import Block

RULE_ID = "boilerplate.comment-header.shape"
MIN_HEADERS = 3

_NAME = regex.compile(r"@?[\p{L}][\p{L}\p{N}.'’_@ -]{0,39}")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}})"
_TIME = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
# a date with a time (in either order), or "3 hours ago": when a comment was posted
_STAMP = regex.compile(
    rf"(?i)(?:on\s+)?(?:{_DATE}(?:,?\s+(?:at\s+)?{_TIME})|{_TIME},?\s+(?:on\s+)?{_DATE}|\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago)\W*")


def _name(b: Block) -> bool:
    return 1 <= b.words <= 4 and not b.sentence and _NAME.fullmatch(b.text) is not None


def comment_headers(blocks: Sequence[Block], removed: set[int]) -> dict[int, str]:
    """Line index -> RULE_ID for each name line followed by a timestamp line, when the page
    has at least MIN_HEADERS of them (else none)."""
    out: dict[int, str] = {}
    for k in range(len(blocks) - 1):
        b, stamp = blocks[k], blocks[k + 1]
        if b.index in removed or stamp.chars > 60 or not _name(b):
            continue
        if _STAMP.fullmatch(stamp.text) is not None:
            out[b.index] = RULE_ID
    return out if len(out) >= MIN_HEADERS else {}
