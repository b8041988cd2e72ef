"""Helpers the rule kinds share: findings from rules, regex compilation, case copying."""
from __future__ import annotations

from typing import Any

import regex

from . import RuleError
from ..model import Finding, Rule

# A hostile or unlucky pattern may backtrack for ever; one search gets this long.
REGEX_TIMEOUT_SECONDS = 0.5


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
        return pattern.search(text, timeout=REGEX_TIMEOUT_SECONDS) is not None
    return pattern.match(text, pos, timeout=REGEX_TIMEOUT_SECONDS) is not None
