"""Running the block rules over a document's lines, fast and safely.

One combined pattern (the rules' patterns as alternatives, in rule order) tells in one
regex call per distinct line which rule's pattern is the first to match the whole line,
so a line no rule matches (most lines) costs one call. The rule found there is then
checked in full (word limit, `requires`, neighbours); when it does not apply, the later
rules are tried one by one. Every regex call runs under a timeout: a hostile pattern
(nested quantifiers) cannot hang the stage. A rule that times out is skipped for that
line and its id recorded in `timed_out`.

Patterns that cannot share a combined pattern (backreferences, inline global flags,
group names of their own) are tried one by one on every line, after the combined call.
"""
from __future__ import annotations

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
        self.shared = [k for k, m in enumerate(self.matchers) if _sharable(m)]
        if _combine(self.matchers, self.shared) is None:
            self.shared = []
        self.alone = [k for k in range(len(self.matchers)) if k not in set(self.shared)]
        self.literals = [_literals(m) for m in self.matchers]
        self.max_words = [m.max_words for m in self.matchers]
        self.sharable = frozenset(self.shared)
        self.contextual = frozenset(k for k, m in enumerate(self.matchers) if m.needs_context)
        self._by_words: dict[int, tuple[int, ...]] = {}
        self._combined: dict[tuple[int, ...], regex.Pattern | None] = {}
        self._skip_ids: list[str] = []
        self._skip: frozenset[int] = frozenset()

    def match(self, lines: Sequence[str], i: int, words: int,
              locked: Container[int] = ()) -> tuple[BlockMatcher, list[int]] | None:
        """The first rule that removes line i, with the lines it removes (none of them
        `locked`); None when no rule does."""
        stripped = lines[i].strip()
        low = stripped.lower()
        candidates = [k for k in self._for_words(words)
                      if k not in self._skipped
                      and (self.literals[k] is None or any(w in low for w in self.literals[k]))
                      and (k not in self.contextual or self.matchers[k].context_ok(lines, i))]
        while candidates:
            k = self._first_hit(stripped, candidates)
            if k is None:
                return None
            m = self.matchers[k]
            try:
                hit = m.match(lines, i, words)
            except TimeoutError:
                self._timeout(k)
                hit = []
            if hit and not any(j in locked for j in hit):
                return m, hit
            candidates = [c for c in candidates if c > k]
        return None

    def _for_words(self, words: int) -> tuple[int, ...]:
        """The rules a line of this many words may match, in order."""
        found = self._by_words.get(words)
        if found is None:
            found = self._by_words[words] = tuple(k for k, n in enumerate(self.max_words) if words <= n)
        return found

    def _first_hit(self, stripped: str, candidates: Sequence[int]) -> int | None:
        """The first of `candidates` whose pattern matches the whole line, or None: the
        sharable ones in one combined call, the others one by one."""
        shared = tuple(k for k in candidates if k in self.sharable)
        first = None
        if shared:
            try:
                found = self._combined_of(shared).fullmatch(stripped, timeout=timeout_for(stripped))
                first = int(found.lastgroup[1:]) if found is not None else None
            except TimeoutError:  # one rule of them is slow here: find which, one by one
                first = self._one_by_one(stripped, shared)
                shared = tuple(k for k in shared if k not in self._skipped)
        alone = self._one_by_one(stripped, [k for k in candidates if k not in self.sharable])
        if alone is not None and (first is None or alone < first):
            first = alone
        return first

    def _combined_of(self, ks: tuple[int, ...]) -> regex.Pattern:
        """The combined pattern of rules `ks` (few distinct sets: a start and a word limit)."""
        if ks not in self._combined:
            self._combined[ks] = _combine(self.matchers, ks)
        return self._combined[ks]

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


_LITERAL = regex.compile(r"(?:\\b)?([^\\|()\[\]{}.*+?^$]+)(?:\\b)?|\[([^\]\\^-]+)\]")


def _literals(m: BlockMatcher) -> tuple[str, ...] | None:
    """The rule's quick test (`requires`) as lower-case words a line must contain one of,
    when it is a plain list of words (else None): a substring test is much cheaper than a
    regex search. Looser than the test itself (word boundaries dropped), so the rule is
    still checked in full afterwards."""
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


def _combine(matchers: Sequence[BlockMatcher], ks: Sequence[int]) -> regex.Pattern | None:
    """One pattern whose alternatives are the rules' patterns in order, each in a group
    named r<k>; None when they cannot be combined."""
    if not ks:
        return None
    parts = []
    for k in ks:
        m = matchers[k]
        flag = "i" if m.pattern.flags & regex.IGNORECASE else "-i"
        parts.append(f"(?P<r{k}>(?{flag}:{m.pattern.pattern}))")
    try:
        return regex.compile("|".join(parts))
    except (regex.error, OverflowError):
        return None
