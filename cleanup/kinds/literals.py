"""Literal text every match of a pattern contains, or starts with: quick tests that skip a rule.

A pattern runs over a text however unlikely a match; a text holding none of the strings one of
which every match contains ("--" for a double hyphen; "chips", "nvidia"… for a rule's document
condition) cannot match. Two users: the pattern and substitute kinds test a whole text's ASCII
key (`required`, `may_match`), the boilerplate stage tests each line's words and start for many
rules at once (`required_literals`, `required_starts`, through cleanup/line_literals.py).

The strings are read from the pattern's syntax tree as the standard library's parser reads it:
the plain syntax both engines share, with \\p{…} classes read as \\w. Syntax it reads otherwise
(POSIX classes, fuzzy constraints, verbose mode) or not at all (\\L<list>, version 1, full case
folding) gives no test (None); a part that says nothing (a class, a wildcard, an optional piece)
only makes the answer weaker, never wrong. Case is ignored: every test is case-insensitive.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import product

import regex

from .casing import ascii_key, text_key

try:  # the standard library's regular-expression parser (private: without it, no quick test)
    from re import _constants as _c, _parser
except ImportError:  # Python 3.10
    try:
        import sre_constants as _c
        import sre_parse as _parser
    except ImportError:
        _c = _parser = None

# The tokens of a source that matter before parsing: a \p{…} property (\p{Lu}, \P{Han}, \pL), any
# other escape (so that "\\p" stays a backslash and a p), and syntax the regex module reads otherwise
# than the standard library: a POSIX class ("[[:alpha:]]" would leave a literal "]") and a brace
# that is not a repeat count (a fuzzy constraint: "{e<=1}" would be literal text).
_TOKEN = regex.compile(r"\\[pP](?:\{[^}]*\}|[A-Za-z])|\\.|\[:\^?[A-Za-z]+:\]|\{(?!\d*(?:,\d*)?\})", regex.DOTALL)
# Flags that change no literal (the regex module's bits for I, M, S are the standard library's);
# any other (verbose, full case-folding, version 1…) means no test.
_SHARED_FLAGS = regex.IGNORECASE | regex.MULTILINE | regex.DOTALL
_KNOWN_FLAGS = _SHARED_FLAGS | regex.UNICODE | regex.ASCII | regex.VERSION0
# A set built from a run of literal pieces stays this small (a cross product grows fast).
MAX_STRINGS = 64
MAX_STARTS = 512  # and a set of beginnings
MAX_CLASS = 4  # a class of at most this many characters is read as its characters
_KEY_RUN = regex.compile(rb"[a-z0-9_]+")
_SENTENCE_MARKS = frozenset(",.;:!?")


@dataclass(frozen=True)
class _Node:
    """What a piece of a pattern matches. `exact`: one of these strings and nothing else (None:
    unknown or too many); `needs`: every match contains one of these (None: nothing known);
    `starts`: every match starts with one of these ("" among them: no promise)."""
    exact: frozenset[str] | None
    needs: frozenset[str] | None
    starts: frozenset[str] | None


_ANY = _Node(None, None, None)  # a wildcard, a class, a back-reference: unknown text
_EMPTY = _Node(frozenset({""}), None, frozenset({""}))  # an anchor or a lookaround: consumes nothing


def required(source: str, flags: int = 0) -> tuple[bytes, ...] | None:
    """Keys (ascii_key) of strings one of which every match of the pattern contains, or None
    when none are known, for a whole-text test (may_match)."""
    found = required_literals(source, flags)
    if found is None or any(not s.strip() or s in _SENTENCE_MARKS for s in found):
        return None  # a space or a sentence mark: nearly every text has one
    return _cover({ascii_key(s) for s in found})


def _cover(keys: set[bytes]) -> tuple[bytes, ...]:
    """Few pieces of the keys, one of which each key holds (a whole-text test scans the text once
    per piece): the piece most keys hold first, and so on."""
    pieces = {p for key in keys for p in _pieces(key)}
    holders = {p: {k for k in keys if p in k} for p in pieces}
    left, chosen = set(keys), []
    while left:
        piece = max(holders, key=lambda p: (len(holders[p] & left), len(p), p))
        chosen.append(piece)
        left -= holders[piece]
    return tuple(sorted(chosen))


def _pieces(key: bytes) -> list[bytes]:
    """A key's words of four letters or more, else of three (shorter ones, such as "of", are in
    every text), else the key itself."""
    words = _KEY_RUN.findall(key)
    return [w for w in words if len(w) >= 4] or [w for w in words if len(w) == 3] or [key]


def may_match(keys: tuple[bytes, ...] | None, text: str) -> bool:
    """False when the text holds none of `keys` (see required()): no match is possible."""
    if keys is None:
        return True
    key = text_key(text)
    return any(k in key for k in keys)


def required_literals(source: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which (case ignored) is in every text the pattern matches in (fullmatch
    or search; a lookahead's are in the text, maybe after the match), or None when nothing
    can be said. `flags`: the compiled pattern's flags (inline global flags included)."""
    node = _read(source, flags)
    return _usable(node.needs) if node is not None else None


def required_starts(source: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which (case ignored) every match of the pattern starts with, or None."""
    node = _read(source, flags)
    return _usable(node.starts) if node is not None else None


@lru_cache(maxsize=1024)
def _read(source: str, flags: int) -> _Node | None:
    tree = _tree(source, flags)
    return _sequence(tree) if tree is not None else None


def _tree(source: str, flags: int) -> list | None:
    """The standard library's syntax tree of the pattern, or None where it would read the
    pattern otherwise than the regex module (or not at all)."""
    if _parser is None or flags & ~_KNOWN_FLAGS:
        return None
    if any(token[0] != "\\" for token in _TOKEN.findall(source)):
        return None  # a POSIX class or a fuzzy constraint
    source = _TOKEN.sub(_as_shared, source)
    try:
        tree = _parser.parse(source, flags & _SHARED_FLAGS)
    except Exception:  # (the parser's only answer) regex-only syntax: \L<list>, (?r), \m…
        return None
    return None if tree.state.flags & ~_KNOWN_FLAGS else list(tree)  # e.g. an inline (?x)


def _as_shared(escape: regex.Match) -> str:
    """\\p{L}: a class, for this purpose as good as \\w; other escapes as they are."""
    return r"\w" if escape.group()[1] in "pP" else escape.group()


def _sequence(items) -> _Node:
    """A sequence of tree nodes: the best of what its runs of exact pieces spell, what its
    parts need and what its positive lookaheads need."""
    nodes: list[_Node] = []
    hints: list[frozenset[str]] = []
    for op, av in items:
        if op is _c.ASSERT and av[0] == 1 and (hint := _sequence(av[1]).needs) is not None:
            hints.append(hint)
        nodes.append(_node(op, av))
    return _chain(nodes, hints)


def _node(op, av) -> _Node:
    if op is _c.LITERAL:
        return _literal(frozenset({chr(av)}))
    if op is _c.IN:
        return _class(av)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _EMPTY
    if op is _c.SUBPATTERN:
        _, add_flags, _, inner = av
        return _ANY if add_flags & ~_KNOWN_FLAGS else _sequence(inner)  # (?x:…): read otherwise
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is _c.BRANCH:
        return _either([_sequence(branch) for branch in av[1]])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, high, inner = av
        return _repeat(_sequence(inner), low, None if high == _c.MAXREPEAT else high)
    return _ANY  # wildcards, back-references, conditionals: unknown text


def _literal(strings: frozenset[str]) -> _Node:
    return _Node(strings, strings, strings)


def _class(items) -> _Node:
    """A class of a few plain characters: one of them; any other class: unknown."""
    if len(items) > MAX_CLASS or any(op is not _c.LITERAL for op, _ in items):
        return _ANY  # a range, a category (\w, \d…), a negation, or too many to be telling
    return _literal(frozenset(chr(av) for _, av in items))


def _either(branches: list[_Node]) -> _Node:
    if len(branches) == 1:
        return branches[0]
    exact = _union([b.exact for b in branches], MAX_STRINGS)
    needs = _union([b.needs for b in branches])
    return _Node(exact, _usable(exact) or needs, _union([b.starts for b in branches], MAX_STARTS))


def _union(sets: list[frozenset[str] | None], limit: int | None = None) -> frozenset[str] | None:
    """All the strings of the sets (None if one is None, or if more than `limit`)."""
    if any(s is None for s in sets):
        return None
    found = frozenset().union(*sets)
    return found if limit is None or len(found) <= limit else None


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
    """A sequence: the best of what its runs of exact pieces spell and what its parts need.
    Runs are also cut at optional pieces: the parser reads "(?:subscribe|sign up) ?" as
    "s(?:ubscribe|ign up) ?", and only the run before the " ?" spells "subscribe", "sign up"."""
    runs = _runs(items, _exact)
    candidates = [n.needs for n in items if n.needs is not None] + hints
    candidates += [s for r in runs + _runs(items, _needed) if (s := _usable(r)) is not None]
    if not items:
        exact = frozenset({""})
    else:
        exact = runs[0] if all(n.exact is not None for n in items) else None
    return _Node(exact, _best(candidates), _starts(items))


def _runs(items: list[_Node], joins) -> list[frozenset[str] | None]:
    """What each longest run of pieces that `joins` accepts spells (None: too many strings)."""
    found, run = [], []
    for n in items + [_ANY]:
        if joins(n):
            run.append(n.exact)
            continue
        if run:
            found.append(_product(run))
        run = []
    return found


def _exact(n: _Node) -> bool:
    return n.exact is not None


def _needed(n: _Node) -> bool:
    """An exact piece that is not optional."""
    return n.exact is not None and "" not in n.exact


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
    """A set as a requirement: every string non-empty (an empty one is in every text)."""
    if strings is None or "" in strings:
        return None
    return strings


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling requirement: the one whose weakest string is the most telling
    (see _strength()), then the one whose shortest string is the longest, then the smallest."""
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(map(_strength, s)), min(map(len, s)), -len(s)))


# Characters so common in text that a line holding one says little.
_COMMON = frozenset(" \t,.'’\"-:;()!?")
_WORD_RUN = regex.compile(r"[A-Za-z0-9_]+")


def _strength(literal: str) -> int:
    """How rarely text holds this literal, roughly: its longest run of letters and digits, or
    a rare mark (©, |, $…)."""
    longest = max(map(len, _WORD_RUN.findall(literal)), default=0)
    if longest >= 3:
        return longest
    if any(c not in _COMMON and not c.isalnum() for c in literal):
        return 3
    return longest or (0 if literal[:1].isspace() else 1)
