"""Kind `block`: a whole line that is boilerplate ("Subscribe to our newsletter").

Fields: `pattern` (must match the whole line, surrounding spaces ignored;
case-insensitive unless `ignore_case = false`), `max_words` (only lines this
short). The boilerplate stage decides what a removal spans.
"""
from __future__ import annotations

import regex

from .common import REGEX_TIMEOUT_SECONDS, compile_regex
from ..model import Rule


class BlockMatcher:
    def __init__(self, rule: Rule):
        self.rule = rule
        flags = regex.IGNORECASE if rule.data.get("ignore_case", True) else 0
        self.pattern = compile_regex(rule, rule.data.get("pattern"), "pattern", flags)
        self.max_words = int(rule.data.get("max_words", 10_000))

    def matches_line(self, line: str) -> bool:
        stripped = line.strip()
        if not stripped or len(stripped.split()) > self.max_words:
            return False
        return self.pattern.fullmatch(stripped, timeout=REGEX_TIMEOUT_SECONDS) is not None


def compile(rule: Rule) -> BlockMatcher:
    return BlockMatcher(rule)
