"""Which of many literal sets a line may hold a string of (or start with), all sets at
once, in a few C-speed calls per line.

Each set (from cleanup/kinds/literals.py: a pattern matches only lines holding, or starting
with, one of its strings) gets a bit. A line's bits are a superset of the sets it holds a
string of: a set whose bit is clear cannot be matched, so the pattern behind it need not run.
A string a line must hold is tested through a probe it contains: its longest run of ASCII
letters and digits (a line holds it inside one of its words, so the line's words are looked
up, each distinct word once per index), or one mark (©, |, $…) looked up in the line. The
strings a line must start with are tried at its start, all at once (one pattern, a trie).
Case is ignored the way the regex module ignores it: lower case, after mapping the few letters
it equates with an ASCII letter that lower() does not (ſ, ı, İ, the Kelvin sign).
"""
from __future__ import annotations

import re
from typing import Sequence

# Letters regex's IGNORECASE equates with an ASCII letter, that str.lower() does not map to
# it (tests/test_speed_literals.py checks this against the regex module).
_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "\u212a": "k"})
_ODD = re.compile("[ſıİ\u212a]")
_WORD = re.compile(r"\w+")
_ASCII_RUN = re.compile(r"[A-Za-z0-9_]+")
_COMMON_MARKS = frozenset(" \t,.'’\"-:;()!?")
# Words remembered per index (their bits); cleared when full.
MAX_WORDS = 200_000


def fold(line: str) -> str:
    """The line as the probes see it."""
    if line.isascii() or _ODD.search(line) is None:
        return line.lower()
    return line.translate(_FOLD).lower()


def ascii_words(line: str) -> list[str]:
    """The lower-case words ([A-Za-z0-9_]+) of a line of ASCII, as the boilerplate stage's
    rules and features both want them: found once for both (remembered for a while)."""
    found = _ascii_words.get(line)
    if found is None:
        if len(_ascii_words) > MAX_LINES:
            _ascii_words.clear()
        found = _ascii_words[line] = _ASCII_RUN.findall(line.lower())
    return found


# A page's lines: the rules see them, then the features (a few MB at most).
MAX_LINES = 20_000
_ascii_words: dict[str, list[str]] = {}


def probe(literal: str) -> tuple[str, str] | None:
    """("word", run) or ("mark", character): a piece every occurrence of the literal contains
    (case ignored), or None when the literal has none this index can test."""
    runs = _ASCII_RUN.findall(literal)
    word = max(runs, key=len, default="").lower()
    marks = [c for c in literal if _uncased(c) and not c.isalnum() and not c.isspace()]
    rare = [c for c in marks if c not in _COMMON_MARKS]
    if len(word) >= 3:
        return "word", word
    if rare or marks:  # a mark, even a common one, is in fewer lines than a letter or two
        return "mark", (rare or marks)[0]
    if word:
        return "word", word
    return None


def _uncased(c: str) -> bool:
    """A character that only matches itself, case ignored."""
    return c.lower() == c == c.upper() == c.casefold()


class LiteralIndex:
    """Sets of two kinds, each with its bit: ("in", strings), one of which the line holds, and
    ("starts", strings), one of which the line starts with (the strings' own case ignored)."""

    def __init__(self, sets: Sequence[tuple[str, frozenset[str] | None]]):
        self.always = 0  # bits of sets that cannot be tested: always set
        self.word_bits: dict[str, int] = {}
        self.mark_bits: dict[str, int] = {}
        self.start_bits: dict[str, int] = {}
        for j, (kind, strings) in enumerate(sets):
            if kind == "starts" and strings and all(_foldable(x) for x in strings):
                for x in strings:
                    self.start_bits[x.lower()] = self.start_bits.get(x.lower(), 0) | 1 << j
                continue
            probes = [probe(x) for x in strings] if kind == "in" and strings else [None]
            if None in probes:
                self.always |= 1 << j
                continue
            for how, piece in probes:
                table = self.word_bits if how == "word" else self.mark_bits
                table[piece] = table.get(piece, 0) | 1 << j
        self._marks = re.compile("[" + "".join(map(re.escape, self.mark_bits)) + "]") if self.mark_bits else None
        # At each position of a word, the longest probe starting there (its prefixes that are
        # probes start there too: their bits are added to it); the same at a line's start.
        self._scan = _longest_first(self.word_bits, lookahead=True)
        self._with_prefixes = {w: _prefix_bits(w, self.word_bits) for w in self.word_bits}
        self._start = _longest_first(self.start_bits, lookahead=False)
        self._start_with_prefixes = {w: _prefix_bits(w, self.start_bits) for w in self.start_bits}
        self.word_sets = 0  # the bits of sets with a word among their probes
        for b in self.word_bits.values():
            self.word_sets |= b
        self._words: dict[str, int] = {}  # each word seen: its bits
        self._hot: dict[str, int] = {}  # the words whose bits are not 0

    def bits(self, line: str, words: bool = True) -> int:
        """The bits of the sets the line may hold a string of, or start with (the always-on
        ones included). `words=False`: those of `word_sets` are left out (not looked for)."""
        low = fold(line)
        found = self.always
        if self._start is not None:
            start = self._start.match(low)
            if start is not None:
                found |= self._start_with_prefixes[start.group()]
        if self._scan is not None and words:  # (on ASCII, \w is [A-Za-z0-9_])
            words = set(ascii_words(line) if line.isascii() else _WORD.findall(low))
            new = words.difference(self._words)
            if new:
                self._learn(new)
            for w in self._hot.keys() & words:
                found |= self._hot[w]
        if self._marks is not None:
            for mark in set(self._marks.findall(low)):
                found |= self.mark_bits[mark]
        return found

    def _learn(self, words) -> None:
        if len(self._words) > MAX_WORDS:
            self._words.clear()
            self._hot.clear()
        scan, with_prefixes = self._scan.finditer, self._with_prefixes
        for w in words:
            b = 0
            for m in scan(w):
                b |= with_prefixes[m.group(1)]
            self._words[w] = b
            if b:
                self._hot[w] = b


def _foldable(literal: str) -> bool:
    """Can fold() compare this literal's characters? (ASCII ones, or ones without case.)"""
    return all(c.isascii() or _uncased(c) for c in literal)


def _longest_first(strings, lookahead: bool) -> re.Pattern | None:
    """A pattern matching the longest of the strings at a position (as a trie: one branch per
    next character), inside a lookahead when every position is to be scanned."""
    if not strings:
        return None
    trie: dict = {}
    for x in strings:
        node = trie
        for c in x:
            node = node.setdefault(c, {})
        node[""] = {}
    body = _trie_source(trie)
    return re.compile(f"(?=({body}))" if lookahead else body)


def _trie_source(node: dict) -> str:
    branches = [re.escape(c) + _trie_source(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _prefix_bits(word: str, table: dict[str, int]) -> int:
    b = 0
    for n in range(1, len(word) + 1):
        b |= table.get(word[:n], 0)
    return b

