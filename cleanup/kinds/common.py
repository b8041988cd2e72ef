"""Helpers the rule kinds share: findings from rules, regex compilation, case copying."""
from __future__ import annotations

from typing import Any

import regex

from . import RuleError
from ..model import Finding, Rule

# A hostile or unlucky pattern may backtrack for ever, so every regex call gets a time
# budget. regex's `timeout=` is one wall-clock budget for the whole call, and for
# finditer for the whole iteration, including the caller's work between matches. A fixed
# budget therefore made honest rules time out on long texts (a 1 MB article: the
# repetition detectors need ~1 s there), while a pathological pattern must still be
# stopped quickly on short ones. The budget is a base plus an allowance per megabyte
# (million characters) of the text searched: see timeout_for().
REGEX_TIMEOUT_SECONDS = 0.5  # the base: what any call gets, however short the text
REGEX_SECONDS_PER_MB = 5.0  # ~5x what the slowest built-in rule needs per MB


def timeout_for(text: str | int) -> float:
    """The time budget of one regex call (or one whole finditer) over `text`
    (or over that many characters): REGEX_TIMEOUT_SECONDS plus REGEX_SECONDS_PER_MB per
    million characters. Call it at the call site, e.g.
    `pattern.finditer(text, timeout=timeout_for(text))`."""
    n = text if isinstance(text, int) else len(text)
    return REGEX_TIMEOUT_SECONDS + REGEX_SECONDS_PER_MB * max(0, n) / 1_000_000


def finding(rule: Rule, start: int, end: int, replacement: str | None, message: str | None = None,
            confidence: float | None = None) -> Finding:
    return Finding(
        start=start,
        end=end,
        rule=rule.id,
        category=rule.category,
        message=message or rule.message,
        replacement=replacement,
        confidence=rule.confidence if confidence is None else confidence,
    )


def compile_regex(rule: Rule, source: Any, field_name: str, flags: int = 0) -> regex.Pattern:
    if not isinstance(source, str) or not source:
        raise RuleError(f"'{field_name}' must be a non-empty string")
    try:
        return regex.compile(source, flags)
    except regex.error as exc:
        raise RuleError(f"'{field_name}' does not compile: {exc}") from None


def regex_flags(rule: Rule) -> int:
    flags = regex.MULTILINE
    if rule.data.get("ignore_case", False):
        flags |= regex.IGNORECASE
    return flags


def match_case(found: str, replacement: str) -> str:
    """Give `replacement` the casing pattern of `found` (UPPER, Title, lower)."""
    letters = [c for c in found if c.isalpha()]
    if not letters:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters[0].isupper() and not replacement[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def context_ok(pattern: regex.Pattern | None, text: str, pos: int | None = None) -> bool:
    """A context condition: absent means yes; with pos, it must match exactly there."""
    if pattern is None:
        return True
    if pos is None:
        return pattern.search(text, timeout=timeout_for(text)) is not None
    return pattern.match(text, pos, timeout=timeout_for(len(text) - pos)) is not None
