"""What a line must contain for a pattern to match in it: a set of literal strings, one of
which is in every match (case ignored), read from the pattern's source.

For a cheap first test of many patterns at once (cleanup/line_literals.py): a line holding
none of a pattern's literals cannot match it, so the pattern is not run there. The reading
is conservative: any syntax it does not know (verbose mode, full case folding, version-1
sets, unusual escapes) makes it give up (None: no test, the pattern always runs), and a part
it cannot read (a class, a wildcard, an optional piece) only makes the answer weaker, never
wrong. Only the shape of the regex module's version-0 syntax is read; matching is left to
the regex module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

import regex

# At most this many strings in a set built from a run of literal pieces (a cross product grows fast).
MAX_STRINGS = 64
MAX_STARTS = 512  # and in a set of beginnings
# Flags that change how literals match or how the source reads.
_UNREADABLE_FLAGS = regex.VERBOSE | regex.FULLCASE | regex.VERSION1
_QUANTIFIER = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_ZERO_WIDTH_ESCAPES = "bBAZ"
_ONE_CHAR_ESCAPES = "dDwWsSntrfvaX"
_GROUP_NAME = re.compile(r"\?P?<(\w+)>")


class _Unreadable(ValueError):
    """The source uses syntax this reader does not know."""


# Nodes of the parsed pattern. `exact`: the node matches one of these strings and nothing else
# (None: unknown or too many). `needs`: every match contains one of these (None: nothing known).


@dataclass(frozen=True)
class _Node:
    exact: frozenset[str] | None
    needs: frozenset[str] | None
    starts: frozenset[str] | None  # every match starts with one of these ("" included: no promise)


_ANY = _Node(None, None, None)  # a wildcard, a class, a backreference: unknown text
_EMPTY = _Node(frozenset({""}), None, frozenset({""}))  # an anchor or a word boundary: consumes nothing


def required_literals(source: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which (case ignored) is in every text the pattern matches in (fullmatch
    or search; a lookahead's are in the text, maybe after the match), or None when nothing
    can be said. `flags`: the compiled pattern's flags (inline global flags included)."""
    node = _parsed(source, flags)
    return _usable(node.needs) if node is not None else None


def required_starts(source: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which (case ignored) every match of the pattern starts with, or None."""
    node = _parsed(source, flags)
    return _usable(node.starts) if node is not None else None


@lru_cache(maxsize=1024)
def _parsed(source: str, flags: int) -> _Node | None:
    try:
        return _read(source, flags)
    except _Unreadable:  # syntax this reader does not know: nothing can be said
        return None


def _read(source: str, flags: int) -> _Node | None:
    if flags & _UNREADABLE_FLAGS:
        return None
    reader = _Reader(source.removeprefix("(?i)"))  # a global case flag: the test ignores case anyway
    if not reader.readable():
        return None
    node = reader.alternation()
    return node if reader.pos == len(reader.src) else None


class _Reader:
    def __init__(self, source: str):
        self.src = source
        self.pos = 0

    def readable(self) -> bool:
        """Global inline flags (other than the case flag) make the source unreadable; they are
        found on the whole source once, before reading."""
        return not re.search(r"\(\?[a-zA-Z]*[xXfFV#]", self.src) and not re.match(r"\(\?[a-zA-Z]+\)", self.src)

    def alternation(self) -> _Node:
        branches = [self.sequence()]
        while self.pos < len(self.src) and self.src[self.pos] == "|":
            self.pos += 1
            branches.append(self.sequence())
        return _either(branches)

    def sequence(self) -> _Node:
        items: list[_Node] = []
        hints: list[frozenset[str]] = []  # what positive lookaheads need (inside the same line)
        while self.pos < len(self.src) and self.src[self.pos] not in "|)":
            node, hint = self.atom()
            before = self.pos
            node = self.quantified(node)
            items.append(node)
            if hint is not None and self.pos == before:  # (a lookahead made optional promises nothing)
                hints.append(hint)
        return _chain(items, hints)

    def atom(self) -> tuple[_Node, frozenset[str] | None]:
        c = self.src[self.pos]
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class(), None
        if c == "\\":
            return self.escape(), None
        self.pos += 1
        if c in ".":
            return _ANY, None
        if c in "^$":
            return _EMPTY, None
        if c in "*+?{":
            raise _Unreadable(c)
        return _literal(c), None

    def group(self) -> tuple[_Node, frozenset[str] | None]:
        src, start = self.src, self.pos + 1
        kind = "group"
        if src.startswith("?", start):
            named = _GROUP_NAME.match(src, start)
            if named:
                start = named.end()
            elif src.startswith(("?:", "?>"), start):
                start += 2
            elif src.startswith(("?=", "?!"), start):
                kind, start = ("ahead" if src[start + 1] == "=" else "not"), start + 2
            elif src.startswith(("?<=", "?<!"), start):
                kind, start = "not", start + 3  # a lookbehind: what it needs is before the match
            else:
                flags = re.compile(r"\?(-?i|i-?)?:").match(src, start)  # a scoped case flag only
                if not flags:
                    raise _Unreadable(src[start:start + 4])
                start = flags.end()
        self.pos = start
        inner = self.alternation()
        if self.pos >= len(src) or src[self.pos] != ")":
            raise _Unreadable("unbalanced")
        self.pos += 1
        if kind == "group":
            return inner, None
        return _EMPTY, inner.needs if kind == "ahead" else None

    def char_class(self) -> _Node:
        src, i = self.src, self.pos + 1
        negated = src.startswith("^", i)
        i += negated
        chars: list[str] = []
        plain = not negated
        first = True
        while True:
            if i >= len(src):
                raise _Unreadable("open class")
            c = src[i]
            if c == "]" and not first:
                break
            first = False
            if c == "[":
                raise _Unreadable("nested class")
            if c == "\\":
                nxt = src[i + 1:i + 2]
                if not nxt:
                    raise _Unreadable("escape")
                if nxt.isalnum():
                    plain = False
                    i += 2
                    if nxt in "pPNx" and src.startswith("{", i):
                        end = src.find("}", i)
                        if end < 0:
                            raise _Unreadable("escape")
                        i = end + 1
                    continue
                chars.append(nxt)
                i += 2
                continue
            if c == "-" and chars and i + 1 < len(src) and src[i + 1] != "]":
                plain = False  # a range
            chars.append(c)
            i += 1
        self.pos = i + 1
        if plain and 0 < len(chars) <= 4:
            return _Node(frozenset(chars), frozenset(chars), frozenset(chars))
        return _ANY

    def escape(self) -> _Node:
        src = self.src
        c = src[self.pos + 1:self.pos + 2]
        if not c:
            raise _Unreadable("escape")
        self.pos += 2
        if not c.isalnum():
            return _literal(c)
        if c in _ZERO_WIDTH_ESCAPES:
            return _EMPTY
        if c in _ONE_CHAR_ESCAPES:
            return _ANY
        if c in "pP":
            if src.startswith("{", self.pos):
                end = src.find("}", self.pos)
                if end < 0:
                    raise _Unreadable("escape")
                self.pos = end + 1
            else:
                self.pos += 1
            return _ANY
        raise _Unreadable("\\" + c)

    def quantified(self, node: _Node) -> _Node:
        src = self.src
        if self.pos >= len(src) or src[self.pos] not in "*+?{":
            return node
        c = src[self.pos]
        if c == "{":
            q = _QUANTIFIER.match(src, self.pos)
            if not q or not (q.group(1) or q.group(3)):
                raise _Unreadable("quantifier")
            low = int(q.group(1) or 0)
            high = low if q.group(2) is None else (int(q.group(3)) if q.group(3) else None)
            self.pos = q.end()
        else:
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
            self.pos += 1
        if self.pos < len(src) and src[self.pos] in "?+":
            self.pos += 1  # lazy or possessive: the same strings
        if self.pos < len(src) and src[self.pos] in "*+?{":
            raise _Unreadable("quantifier")
        return _repeat(node, low, high)


def _literal(c: str) -> _Node:
    s = frozenset({c})
    return _Node(s, s, s)


def _either(branches: list[_Node]) -> _Node:
    if len(branches) == 1:
        return branches[0]
    exact = None
    if all(b.exact is not None for b in branches):
        exact = frozenset().union(*(b.exact for b in branches))
        exact = exact if len(exact) <= MAX_STRINGS else None
    needs = starts = None
    if all(b.needs is not None for b in branches):
        needs = frozenset().union(*(b.needs for b in branches))
    if all(b.starts is not None for b in branches):
        starts = frozenset().union(*(b.starts for b in branches))
    return _Node(exact, _usable(exact) or needs, starts if starts is None or len(starts) <= MAX_STARTS else None)


def _repeat(node: _Node, low: int, high: int | None) -> _Node:
    if low == 0 and high == 1 and node.exact is not None:
        return _Node(node.exact | {""}, None, node.exact | {""})
    if low == high and node.exact is not None and 1 <= low <= 4:
        exact = _product([node.exact] * low)
        return _Node(exact, _usable(exact) or node.needs, exact or node.starts)
    if low >= 1:
        return _Node(None, node.needs, node.starts)
    return _Node(None, None, node.starts | {""} if node.starts is not None else None)


def _chain(items: list[_Node], hints: list[frozenset[str]]) -> _Node:
    """A sequence: the best of what its runs of exact pieces spell and what its parts need."""
    candidates = [n.needs for n in items if n.needs is not None] + hints
    run: list[frozenset[str]] = []
    runs: list[frozenset[str] | None] = []
    for n in items + [_ANY]:
        if n.exact is not None:
            run.append(n.exact)
            continue
        if run:
            runs.append(_product(run))
        run = []
    candidates += [s for r in runs if (s := _usable(r)) is not None]
    exact = runs[0] if len(runs) == 1 and all(n.exact is not None for n in items) else None
    if not items:
        exact = frozenset({""})
    return _Node(exact, best(candidates), _starts(items))


def _starts(items: list[_Node]) -> frozenset[str]:
    """What a sequence's matches start with: its leading exact pieces, then what the first
    other piece starts with (as far as the product stays small)."""
    found = frozenset({""})
    for n in items:
        more = n.exact if n.exact is not None else n.starts
        grown = _product([found, more], MAX_STARTS) if more is not None else None
        if grown is None:
            return found
        found = grown
        if n.exact is None:
            return found
    return found


def _product(sets: list[frozenset[str]], limit: int = MAX_STRINGS) -> frozenset[str] | None:
    size = 1
    for s in sets:
        size *= len(s)
        if size > limit:
            return None
    return frozenset("".join(p) for p in product(*sets))


def _usable(strings: frozenset[str] | None) -> frozenset[str] | None:
    """A set as a requirement: every string non-empty (an empty one is in every line)."""
    if strings is None or "" in strings:
        return None
    return strings


def best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling requirement: the one whose weakest string is the most telling
    (see strength()), then the one whose shortest string is the longest, then the smallest."""
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(strength(x) for x in s), min(len(x) for x in s), -len(s)))


# Characters so common in text that a line holding one says little.
_COMMON = frozenset(" \t,.'’\"-:;()!?")


def strength(literal: str) -> int:
    """How rarely text holds this literal, roughly: its longest run of letters and digits, or
    a rare mark (©, |, $…)."""
    runs = re.findall(r"[A-Za-z0-9_]+", literal)
    longest = max((len(r) for r in runs), default=0)
    if longest >= 3:
        return longest
    if any(c not in _COMMON and not c.isalnum() for c in literal):
        return 3
    return longest or (0 if literal[:1].isspace() else 1)
