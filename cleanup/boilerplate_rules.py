"""Running the block rules over a document's lines, fast and safely.

Most lines match no rule, and most rules need a word or a mark the line lacks: each rule's
pattern (and its quick test `requires`) is read once for the strings every match contains
(cleanup/kinds/literals.py), and one look at a line's words tells which rules may match it
at all (cleanup/line_literals.py). Only those rules run their patterns, in rule order; the
first that matches the whole line is checked in full (word limit, `requires`, neighbours),
and when that fails the next one is tried. A rule whose pattern says nothing usable (a
caption rule: any short line) runs on every line its word limit allows. Rules with a
neighbour condition test the cheap part of it first (a line repeated in the next one).
What the patterns say of a line is remembered, so a repeated line (menus, footers) costs
little the second time. Every regex call runs under a timeout: a hostile pattern (nested
quantifiers) cannot hang the stage. A rule that times out is skipped for the rest of the
text and its id recorded in `timed_out`.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Container, Sequence

from .kinds.block import BlockMatcher
from .kinds.common import timeout_for
from .line_literals import LiteralIndex
from .kinds.literals import required_literals, required_starts


class RuleRunner:
    def __init__(self, matchers: Sequence[BlockMatcher]):
        self.matchers = list(matchers)
        self.timed_out: list[str] = []
        self.max_words = [m.max_words for m in self.matchers]
        self._limits = sorted(set(self.max_words))
        self.contextual = frozenset(k for k, m in enumerate(self.matchers) if m.needs_context)
        self.contextual_order = tuple(sorted(self.contextual))
        self.repeat_rules = frozenset(k for k in self.contextual
                                      if self.matchers[k].next_contains_line or self.matchers[k].next_starts_with_line)
        # What each rule needs of a line: its pattern's beginnings (the line starts with one)
        # or else its literals (the line holds one), and its quick test's literals; each set
        # is a bit of one index.
        sets: list[tuple[str, frozenset[str]]] = []
        self.needs = []
        for m in self.matchers:
            need = 0
            for kind, strings in _literal_sets(m):
                need |= 1 << len(sets)
                sets.append((kind, strings))
            self.needs.append(need)
        self.index = LiteralIndex(sets)
        self._word_limit = max((n for n, need in zip(self.max_words, self.needs) if need & self.index.word_sets),
                               default=0)
        self._by_bits: dict[tuple[int, int], tuple[int, ...]] = {}
        # What the patterns say of a line (facts about the text, whatever rules timed out):
        # line -> (its literal bits, {rule: its pattern matches}, whether its words were looked
        # at: a line longer than every rule that needs a word is spared that).
        self._lines: dict[str, tuple[int, dict[int, bool], bool]] = {}
        self._skip_ids: list[str] = []
        self._skip: frozenset[int] = frozenset()
        self._next_of: Sequence[str] | None = None  # the document whose next non-blank lines are in _next
        self._next: list[int] = []
        self._in_next: list[bool | None] = []  # line i's text is in the next non-blank line (None: not asked yet)

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
        limit, literals, neighbours) and whose pattern matches the whole line, or None."""
        facts = self._lines.get(stripped)
        in_words = words <= self._word_limit  # a longer line: no rule that needs a word is left
        if facts is None or in_words and not facts[2]:
            if len(self._lines) > _MEMO_MAX:
                self._lines.clear()
            facts = self._lines[stripped] = (self.index.bits(stripped, in_words), {}, in_words)
        bits, fits, _ = facts
        skipped = self._skipped if self.timed_out or self._skip_ids else _NONE
        for k in self._candidates(words, bits):
            if k <= after or k in skipped:
                continue
            # the neighbours first when that test is cheap and rarely passed (a line repeated
            # in the next one), else after the line's own pattern (both must pass)
            if k in self.repeat_rules and not self._context_ok(k, lines, i):
                continue
            fit = fits.get(k)
            if fit is None:
                fit = self._fits(k, stripped)
                if not self.timed_out or k not in self._skipped:  # a fact of the text (not a timeout): remember it
                    fits[k] = fit
            if fit and (k not in self.contextual or k in self.repeat_rules or self._context_ok(k, lines, i)):
                return k
        return None

    def _candidates(self, words: int, bits: int) -> tuple[int, ...]:
        """The rules, in order, that a line of this many words holding these literal bits may match."""
        key = (bisect_left(self._limits, words), bits)  # (lines between two word limits: the same rules)
        found = self._by_bits.get(key)
        if found is None:
            if len(self._by_bits) > _MEMO_MAX:
                self._by_bits.clear()
            found = self._by_bits[key] = tuple(
                k for k, (n, need) in enumerate(zip(self.max_words, self.needs)) if words <= n and need & bits == need)
        return found

    def _fits(self, k: int, stripped: str) -> bool:
        """Does rule k's pattern match the whole line? (False on a timeout, which is recorded.)"""
        try:
            return self.matchers[k].pattern.fullmatch(stripped, timeout=timeout_for(stripped)) is not None
        except TimeoutError:
            self._timeout(k)
            return False

    def _context_ok(self, k: int, lines: Sequence[str], i: int) -> bool:
        """The rule's `context_ok`, after a cheaper test that every match passes: a rule that
        wants the next line to repeat this one needs this line's text in it (most short lines
        fail here, and the next line is found once per document, not once per rule)."""
        m = self.matchers[k]
        if m.next_contains_line or m.next_starts_with_line:
            if self._next_of is not lines:
                self._next_of, self._next = lines, _next_nonblank(lines)
                self._in_next = [None] * len(lines)
            in_next = self._in_next[i]
            if in_next is None:  # (asked by each such rule: found once)
                j = self._next[i]
                in_next = self._in_next[i] = j >= 0 and lines[i].strip().casefold() in lines[j].casefold()
            if not in_next:
                return False
        return m.context_ok(lines, i)

    @property
    def _skipped(self) -> frozenset[int]:
        """Rules that timed out on this text (until `timed_out` is cleared): a hostile
        pattern costs its time budget once per text, not once per line."""
        if len(self._skip_ids) != len(self.timed_out):  # (most texts: both empty)
            self._skip_ids = list(self.timed_out)
            self._skip = frozenset(k for k, m in enumerate(self.matchers) if m.rule.id in self.timed_out)
        return self._skip

    def _timeout(self, k: int) -> None:
        rule_id = self.matchers[k].rule.id
        if rule_id not in self.timed_out:
            self.timed_out.append(rule_id)


def _literal_sets(m: BlockMatcher) -> list[tuple[str, frozenset[str]]]:
    """("starts" | "in", strings): what a line must start with or hold for the rule to match it."""
    found = []
    starts = required_starts(m.pattern.pattern, m.pattern.flags)
    if starts is not None:
        found.append(("starts", starts))
    elif (strings := required_literals(m.pattern.pattern, m.pattern.flags)) is not None:
        found.append(("in", strings))
    if m.requires is not None and (strings := required_literals(m.requires.pattern, m.requires.flags)) is not None:
        found.append(("in", strings))
    return found


def _next_nonblank(lines: Sequence[str]) -> list[int]:
    """For each line, the index of the next non-blank line (-1 at the end)."""
    out, nxt = [-1] * len(lines), -1
    for i in range(len(lines) - 1, -1, -1):
        out[i] = nxt
        if lines[i].strip():
            nxt = i
    return out


_NONE: frozenset[int] = frozenset()

# Remembered lines per runner (a few MB at most; cleared when full).
_MEMO_MAX = 50_000
