"""Kind `block`: a whole line that is boilerplate ("Subscribe to our newsletter").

Fields:
- `pattern`: must match the whole line, surrounding spaces ignored; case-insensitive
  unless `ignore_case = false`.
- `max_words`: only lines this short.
- `next_pattern` (optional): the next non-blank line must contain a match (a search),
  e.g. a photo credit after a caption.
- `next_contains_line` (optional, bool): the next non-blank line must contain this
  line's text (case-insensitive), as a caption printed twice does.
- `also_next` (optional, bool): when the rule matches, the next non-blank line goes too
  (the second copy of a doubled caption).
- `run_pattern` (optional): a heading of a list ("Related stories"): the following
  non-blank lines that match `run_pattern` in full, up to `run_max` of them (default 12),
  go with it.

The boilerplate stage decides what a removal spans.
"""
from __future__ import annotations

from typing import Sequence

import regex

from . import RuleError
from .common import REGEX_TIMEOUT_SECONDS, compile_regex
from ..model import Rule


class BlockMatcher:
    def __init__(self, rule: Rule):
        self.rule = rule
        flags = regex.IGNORECASE if rule.data.get("ignore_case", True) else 0
        self.pattern = compile_regex(rule, rule.data.get("pattern"), "pattern", flags)
        self.max_words = int(rule.data.get("max_words", 10_000))
        nxt = rule.data.get("next_pattern")
        self.next_pattern = compile_regex(rule, nxt, "next_pattern", flags) if nxt is not None else None
        self.next_contains_line = bool(rule.data.get("next_contains_line", False))
        self.also_next = bool(rule.data.get("also_next", False))
        run = rule.data.get("run_pattern")
        self.run_pattern = compile_regex(rule, run, "run_pattern", flags) if run is not None else None
        self.run_max = int(rule.data.get("run_max", 12))
        if self.also_next and self.run_pattern is not None:
            raise RuleError("'also_next' and 'run_pattern' cannot be combined")

    @property
    def needs_context(self) -> bool:
        return self.next_pattern is not None or self.next_contains_line

    def matches_line(self, line: str) -> bool:
        stripped = line.strip()
        if not stripped or len(stripped.split()) > self.max_words:
            return False
        return self.pattern.fullmatch(stripped, timeout=REGEX_TIMEOUT_SECONDS) is not None

    def match(self, lines: Sequence[str], i: int) -> list[int]:
        """Indexes of the lines this rule removes when judged at line i (empty: no match).
        `lines` are the document's lines; blank ones are skipped as neighbours."""
        if not self.matches_line(lines[i]):
            return []
        following = _following(lines, i, 1 if self.run_pattern is None else self.run_max)
        if self.needs_context:
            if not following:
                return []
            nxt = lines[following[0]].strip()
            if self.next_pattern is not None and not self.next_pattern.search(nxt, timeout=REGEX_TIMEOUT_SECONDS):
                return []
            if self.next_contains_line and lines[i].strip().casefold() not in nxt.casefold():
                return []
        found = [i]
        if self.also_next and following:
            found.append(following[0])
        if self.run_pattern is not None:
            for j in following:
                if not self.run_pattern.fullmatch(lines[j].strip(), timeout=REGEX_TIMEOUT_SECONDS):
                    break
                found.append(j)
        return found


def _following(lines: Sequence[str], i: int, n: int) -> list[int]:
    out = []
    for j in range(i + 1, len(lines)):
        if lines[j].strip():
            out.append(j)
            if len(out) == n:
                break
    return out


def compile(rule: Rule) -> BlockMatcher:
    return BlockMatcher(rule)
