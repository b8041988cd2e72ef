"""Running the block rules over a document's lines, fast and safely.

One combined pattern (the rules' patterns as alternatives, in rule order) tells in one
regex call per distinct line which rule's pattern is the first to match the whole line,
so a line no rule matches (most lines) costs one call. The rule found there is then
checked in full (word limit, `requires`, neighbours); when it does not apply, the
rules after it are tried one by one (rare). Rules with a neighbour condition, or with a
quick test of plain words, are tried one by one, and only on lines whose neighbours or
words allow them. What the patterns say of a line is remembered, so a repeated line
(menus, footers) costs nothing the second time; the combined patterns (one per word
limit) are compiled once per process. Every regex call runs under a timeout: a hostile pattern
(nested quantifiers) cannot hang the stage. A rule that times out is skipped for that
line and its id recorded in `timed_out`.

Patterns that cannot share a combined pattern (backreferences, inline global flags,
group names of their own) are tried one by one on every line, after the combined call.
"""
from __future__ import annotations

import re as stdlib_re
from functools import lru_cache
from typing import Container, Sequence

import regex

from .kinds.block import BlockMatcher
from .kinds.common import timeout_for

# What makes a pattern unsafe to embed in an alternation: numbered or named references
# (their numbers shift), global inline flags, recursion.
_UNSHARABLE = regex.compile(r"\\[1-9]|\\g<|\(\?P[=>]|\(\?<\w|\(\?[&R0-9]|^\(\?[a-zA-Z]+\)|\(\?\w*[aLu]")


class RuleRunner:
    def __init__(self, matchers: Sequence[BlockMatcher]):
        self.matchers = list(matchers)
        self.timed_out: list[str] = []
        self.sharable = frozenset(k for k, m in enumerate(self.matchers) if _sharable(m))
        if self.sharable and _combined(_parts(self.matchers, tuple(sorted(self.sharable)))) is None:
            self.sharable = frozenset()
        self.max_words = [m.max_words for m in self.matchers]
        self.contextual = frozenset(k for k, m in enumerate(self.matchers) if m.needs_context)
        self.contextual_order = tuple(sorted(self.contextual))
        self.repeat_rules = frozenset(k for k in self.contextual
                                      if self.matchers[k].next_contains_line or self.matchers[k].next_starts_with_line)
        # A rule whose quick test (`requires`) is a list of words is tried only on lines that
        # contain one of them: its pattern is often slow (it looks for a credit anywhere in
        # the line), the substring test is cheap.
        self.gates = {k: stdlib_re.compile("|".join(stdlib_re.escape(w) for w in words))
                      for k in self.sharable if (words := _literals(self.matchers[k])) is not None}
        self.combinable = self.sharable - self.contextual - set(self.gates)
        self._parts = {k: _part(self.matchers[k], k) for k in self.combinable}
        self._by_words: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        # What the patterns say of a line (facts about the text, whatever rules timed out):
        # (line, word count, after rule k) -> the next rule whose pattern matches it.
        self._hits: dict[tuple[str, int, int], int | None] = {}
        self._skip_ids: list[str] = []
        self._skip: frozenset[int] = frozenset()
        self._next_of: Sequence[str] | None = None  # the document whose next non-blank lines are in _next
        self._next: list[int] = []

    def match(self, lines: Sequence[str], i: int, words: int,
              locked: Container[int] = ()) -> tuple[BlockMatcher, list[int]] | None:
        """The first rule that removes line i, with the lines it removes (none of them
        `locked`); None when no rule does."""
        stripped = lines[i].strip()
        k = -1
        while True:
            k = self._next_hit(lines, i, stripped, words, k)
            if k is None:
                return None
            m, hit = self._full_check(k, lines, i, words)
            if hit and not any(j in locked for j in hit):
                return m, hit

    def match_in_context(self, lines: Sequence[str], i: int, words: int,
                         locked: Container[int] = ()) -> tuple[BlockMatcher, list[int]] | None:
        """`match`, asking only the rules with a neighbour condition: for a line that no rule
        removed before its neighbours changed (the others judge the line alone, as before)."""
        skipped = self._skipped
        for k in self.contextual_order:
            if words > self.max_words[k] or k in skipped or k in self.repeat_rules and not self._context_ok(k, lines, i):
                continue
            m, hit = self._full_check(k, lines, i, words)
            if hit and not any(j in locked for j in hit):
                return m, hit
        return None

    def _full_check(self, k: int, lines: Sequence[str], i: int, words: int) -> tuple[BlockMatcher, list[int]]:
        """Rule k's full check: `requires`, neighbours, what else it removes ([] on a timeout)."""
        m = self.matchers[k]
        try:
            return m, m.match(lines, i, words)
        except TimeoutError:
            self._timeout(k)
            return m, []

    def _next_hit(self, lines: Sequence[str], i: int, stripped: str, words: int, after: int) -> int | None:
        """The first rule after rule `after` (in rule order) that line i may match (word
        limit, neighbours, quick test) and whose pattern matches the whole line, or None."""
        first = self._shared_hit(stripped, words, after)
        _, alone = self._for_words(words)
        low = None
        skipped = self._skipped
        for k in alone:
            if k <= after or k in skipped:
                continue
            if first is not None and k > first:
                break
            # the neighbours first when that test is cheap and rarely passed (a line repeated
            # in the next one), else after the line's own pattern (both must pass)
            if k in self.repeat_rules and not self._context_ok(k, lines, i):
                continue
            if k in self.gates:
                low = stripped.lower() if low is None else low
                if self.gates[k].search(low) is None:
                    continue
            try:
                if self.matchers[k].pattern.fullmatch(stripped, timeout=timeout_for(stripped)) and \
                        (k not in self.contextual or k in self.repeat_rules or self._context_ok(k, lines, i)):
                    return k
            except TimeoutError:
                self._timeout(k)
        return first

    def _context_ok(self, k: int, lines: Sequence[str], i: int) -> bool:
        """The rule's `context_ok`, after a cheaper test that every match passes: a rule that
        wants the next line to repeat this one needs this line's text in it (most short lines
        fail here, and the next line is found once per document, not once per rule)."""
        m = self.matchers[k]
        if m.next_contains_line or m.next_starts_with_line:
            if self._next_of is not lines:
                self._next_of, self._next = lines, _next_nonblank(lines)
            j = self._next[i]
            if j < 0 or lines[i].strip().casefold() not in lines[j].casefold():
                return False
        return m.context_ok(lines, i)

    def _shared_hit(self, stripped: str, words: int, after: int) -> int | None:
        """The first combinable rule after `after` whose pattern matches the whole line: by
        one combined call (one compiled pattern per word limit), or, after a rule whose full
        check failed (rare), one by one. Remembered per line (a fact of the text, unless a
        rule timed out on it): a page repeats its menus, a site its footers."""
        memo = (stripped, words, after)
        found = self._hits.get(memo, -2)
        if found != -2:
            return found if found is None or found not in self._skipped else self._shared_hit(stripped, words, found)
        shared, _ = self._for_words(words)
        skipped = self._skipped
        rest = shared if after < 0 and not skipped else tuple(k for k in shared if k > after and k not in skipped)
        if not rest:
            return None
        timeouts = len(self.timed_out)
        if after >= 0:
            first = self._one_by_one(stripped, rest)
        else:
            try:
                hit = _combined(tuple(self._parts[k] for k in rest)).fullmatch(stripped, timeout=timeout_for(stripped))
                first = int(hit.lastgroup[1:]) if hit is not None else None
            except TimeoutError:  # one rule of them is slow here: find which, one by one
                first = self._one_by_one(stripped, rest)
        if len(self.timed_out) == timeouts and not skipped:  # a fact of the text: remember it
            if len(self._hits) > _MEMO_MAX:
                self._hits.clear()
            self._hits[memo] = first
        return first

    def _for_words(self, words: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The rules a line of this many words may match, in order: (those of the combined
        pattern, the others). Rules with a neighbour condition are among the others: their
        patterns match many lines (any short line may be a caption), their neighbours few."""
        found = self._by_words.get(words)
        if found is None:
            ks = [k for k, n in enumerate(self.max_words) if words <= n]
            found = self._by_words[words] = (tuple(k for k in ks if k in self.combinable),
                                             tuple(k for k in ks if k not in self.combinable))
        return found

    def _one_by_one(self, stripped: str, ks: Sequence[int]) -> int | None:
        for k in ks:
            if k in self._skipped:
                continue
            m = self.matchers[k]
            try:
                if m.pattern.fullmatch(stripped, timeout=timeout_for(stripped)):
                    return k
            except TimeoutError:
                self._timeout(k)
        return None

    @property
    def _skipped(self) -> frozenset[int]:
        """Rules that timed out on this text (until `timed_out` is cleared): a hostile
        pattern costs its time budget once per text, not once per line."""
        if len(self._skip_ids) != len(self.timed_out):
            self._skip_ids = list(self.timed_out)
            self._skip = frozenset(k for k, m in enumerate(self.matchers) if m.rule.id in self.timed_out)
        return self._skip

    def _timeout(self, k: int) -> None:
        rule_id = self.matchers[k].rule.id
        if rule_id not in self.timed_out:
            self.timed_out.append(rule_id)


def _next_nonblank(lines: Sequence[str]) -> list[int]:
    """For each line, the index of the next non-blank line (-1 at the end)."""
    out, nxt = [-1] * len(lines), -1
    for i in range(len(lines) - 1, -1, -1):
        out[i] = nxt
        if lines[i].strip():
            nxt = i
    return out


# Remembered lines per runner (a few MB at most; cleared when full).
_MEMO_MAX = 50_000


_LITERAL = regex.compile(r"(?:\\b)?([^\\|()\[\]{}.*+?^$]+)(?:\\b)?|\[([^\]\\^-]+)\]")


def _literals(m: BlockMatcher) -> tuple[str, ...] | None:
    """The rule's quick test (`requires`) as lower-case words a line must contain one of,
    when it is a plain list of words (else None). Looser than the test itself (word
    boundaries dropped), so the rule is still checked in full afterwards."""
    if m.requires is None or not m.requires.flags & regex.IGNORECASE and not m.requires.pattern.startswith("(?i)"):
        return None
    words: list[str] = []
    for part in m.requires.pattern.removeprefix("(?i)").split("|"):
        found = _LITERAL.fullmatch(part)
        if found is None:
            return None
        words.extend([found.group(1).lower()] if found.group(1) else list(found.group(2).lower()))
    return tuple(words) if all(words) else None


def _sharable(m: BlockMatcher) -> bool:
    req = m.requires.pattern if m.requires is not None else ""
    return not _UNSHARABLE.search(m.pattern.pattern) and not _UNSHARABLE.search(req.removeprefix("(?i)"))


def _part(m: BlockMatcher, k: int) -> str:
    """Rule k's pattern as one alternative of a combined pattern, in a group named r<k>."""
    flag = "i" if m.pattern.flags & regex.IGNORECASE else "-i"
    return f"(?P<r{k}>(?{flag}:{m.pattern.pattern}))"


def _parts(matchers: Sequence[BlockMatcher], ks: Sequence[int]) -> tuple[str, ...]:
    return tuple(_part(matchers[k], k) for k in ks)


@lru_cache(maxsize=1024)
def _combined(parts: tuple[str, ...]) -> regex.Pattern | None:
    """One pattern whose alternatives are the rules' patterns in order; None when they
    cannot be combined. Shared by every runner of the process (compiling is slow)."""
    try:
        return regex.compile("|".join(parts))
    except (regex.error, OverflowError):
        return None
