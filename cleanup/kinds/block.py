"""Kind `block`: a whole line that is boilerplate ("Subscribe to our newsletter").

Fields:
- `pattern`: must match the whole line, surrounding spaces ignored; case-insensitive
  unless `ignore_case = false`.
- `max_words`: only lines this short.
- `requires` (optional): a quick test, searched before `pattern` is tried: a cheap
  regex (often a few literal words) every matching line contains. For speed only.
- `next_pattern` (optional): the next non-blank line must contain a match (a search),
  e.g. a photo credit after a caption.
- `next_contains_line` (optional, bool): the next non-blank line must contain this
  line's text (case-insensitive), as a caption printed twice does.
- `next_starts_with_line` (optional, bool): the next non-blank line must begin with
  this line's text and go on after a sentence's end or a mark (a caption followed by the
  same caption plus a credit: "Jensen Huang." / "Jensen Huang. Photo: …"), not as a
  sentence that merely starts with a heading's words.
- `next_max_words` (optional): the next non-blank line must be at most this long.
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
from .common import compile_regex, timeout_for
from ..model import Rule


class BlockMatcher:
    def __init__(self, rule: Rule):
        self.rule = rule
        flags = regex.IGNORECASE if rule.data.get("ignore_case", True) else 0
        self.pattern = compile_regex(rule, rule.data.get("pattern"), "pattern", flags)
        self.max_words = int(rule.data.get("max_words", 10_000))
        req = rule.data.get("requires")
        self.requires = compile_regex(rule, req, "requires", flags) if req is not None else None
        nxt = rule.data.get("next_pattern")
        self.next_pattern = compile_regex(rule, nxt, "next_pattern", flags) if nxt is not None else None
        self.next_contains_line = bool(rule.data.get("next_contains_line", False))
        self.next_starts_with_line = bool(rule.data.get("next_starts_with_line", False))
        self.next_max_words = int(rule.data.get("next_max_words", 10_000))
        self.also_next = bool(rule.data.get("also_next", False))
        run = rule.data.get("run_pattern")
        self.run_pattern = compile_regex(rule, run, "run_pattern", flags) if run is not None else None
        self.run_max = int(rule.data.get("run_max", 12))
        if self.also_next and self.run_pattern is not None:
            raise RuleError("'also_next' and 'run_pattern' cannot be combined")

    @property
    def needs_context(self) -> bool:
        return self.next_pattern is not None or self.next_contains_line or self.next_starts_with_line

    def matches_line(self, line: str, words: int | None = None) -> bool:
        """Does the line (by itself) match? `words`: its word count, when already known."""
        stripped = line.strip()
        if not stripped:
            return False
        if (len(stripped.split()) if words is None else words) > self.max_words:
            return False
        if self.requires is not None and _run(self.requires.search, stripped) is None:
            return False
        return _run(self.pattern.fullmatch, stripped) is not None

    def context_ok(self, lines: Sequence[str], i: int) -> bool:
        """Do the neighbours allow a match at line i (whatever the line itself)? Cheap when
        the rule has no neighbour condition; `match` checks everything again."""
        if not self.needs_context:
            return True
        following = _following(lines, i, 1)
        if not following:
            return False
        nxt = lines[following[0]].strip()
        if self.next_contains_line or self.next_starts_with_line:
            own = lines[i].strip().casefold()
            if self.next_contains_line and own not in nxt.casefold():
                return False
            if self.next_starts_with_line and not _repeats(own, nxt):
                return False
        return _at_most_words(nxt, self.next_max_words)

    def match(self, lines: Sequence[str], i: int, words: int | None = None) -> list[int]:
        """Indexes of the lines this rule removes when judged at line i (empty: no match).
        `lines` are the document's lines; blank ones are skipped as neighbours."""
        if not self.matches_line(lines[i], words):
            return []
        following = _following(lines, i, 1 if self.run_pattern is None else self.run_max)
        if self.needs_context:
            if not following:
                return []
            nxt = lines[following[0]].strip()
            if self.next_pattern is not None and not self.next_pattern.search(nxt, timeout=timeout_for(nxt)):
                return []
            own = lines[i].strip().casefold()
            if self.next_contains_line and own not in nxt.casefold():
                return []
            if self.next_starts_with_line and not _repeats(own, nxt):
                return []
            if len(nxt.split()) > self.next_max_words:
                return []
        found = [i]
        if self.also_next and following:
            found.append(following[0])
        if self.run_pattern is not None:
            for j in following:
                line = lines[j].strip()
                if not self.run_pattern.fullmatch(line, timeout=timeout_for(line)):
                    break
                found.append(j)
        return found


def _run(method, line: str):
    """Every call is timed: a rule file from anywhere may hold a pattern that backtracks
    for ever. (The boilerplate stage first rules out, for all rules at once, those whose
    literals a line lacks, then tries the patterns of the others: see
    cleanup/boilerplate_rules.py; this full check runs only after a pattern matched.)"""
    return method(line, timeout=timeout_for(line))


def _repeats(own: str, nxt: str) -> bool:
    nxt = nxt.casefold()
    if not nxt.startswith(own) or len(nxt) <= len(own):
        return False
    rest = nxt[len(own):].lstrip()
    # not "(" or ",": a heading followed by a paragraph that opens with it ("Mid-Century
    # Modern" / "Mid-Century Modern (MCM) furniture is…") is not a caption printed twice
    return own[-1] in ".!?" or rest[:1] in tuple(".;:|/[–—-")


def _at_most_words(line: str, n: int) -> bool:
    """len(line.split()) <= n, without splitting a line too short to hold more (n + 1 words
    take 2n + 1 characters at least)."""
    return len(line) <= 2 * n or len(line.split()) <= n


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
