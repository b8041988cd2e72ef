"""Literal text every match of a pattern contains: a quick test that skips a rule for a text.

A rule's pattern runs over the whole text, however short the text and however unlikely a
match; when a text lacks every string one of which any match must contain ("--" for a double
hyphen, one of "chips", "nvidia", "wafer"… for a rule's document condition), it cannot match.
The strings are read from the pattern's syntax tree (the standard library's parser, which reads
the plain syntax both engines share, with \\p{…} classes read as \\w; anything else, e.g.
\\L<list> or a variable-width look-behind, gives no test) and looked for in the text's ASCII key
(kinds.casing.text_key), where case-insensitively equal strings are equal: one test, with or
without IGNORECASE.
"""
from __future__ import annotations

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

# Syntax the regex module reads otherwise than the standard library: POSIX classes ("[[:alpha:]]"
# would leave a literal "]"), fuzzy constraints ("{e<=1}" would be literal text).
_FOREIGN = ("[:", "{e", "{s", "{i", "{d", "{c")
_NOT_ALNUM = regex.compile(r"[^A-Za-z0-9]+")
_PROPERTY = regex.compile(r"\\[pP](?:\{[^}]*\}|[A-Za-z])")  # \p{Lu}, \P{Han}, \pL
# Flags that change no literal (the regex module's bits for I, M, S, X are the standard library's);
# any other (full case-folding, version 1…) means no quick test.
_SHARED_FLAGS = regex.IGNORECASE | regex.MULTILINE | regex.DOTALL | regex.VERBOSE
_KNOWN_FLAGS = _SHARED_FLAGS | regex.UNICODE | regex.ASCII | regex.VERSION0


def required(source: str, flags: int = 0) -> tuple[bytes, ...] | None:
    """Keys (ascii_key) of strings one of which every match of the pattern contains, or None
    when none are known (a pattern the standard library reads otherwise, or a match that
    may be of any characters)."""
    if _parser is None or flags & ~_KNOWN_FLAGS or "\\\\" in source:
        return None
    source = _PROPERTY.sub(r"\\w", source)  # \p{L}: a class, for this purpose as good as \w
    if any(f in source for f in _FOREIGN):
        return None
    try:
        tree = _parser.parse(source, flags & _SHARED_FLAGS)
    except Exception:  # regex-only syntax (\p{L}, \L<list>, (?r)…), or a version's quirk
        return None
    found = _of_sequence(list(tree))
    if not found or any(not s.strip() for s in found):
        return None  # nothing, or a space: every text has one
    return tuple(sorted({ascii_key(s) for s in found}))


def may_match(keys: tuple[bytes, ...] | None, text: str) -> bool:
    """False when the text holds none of `keys` (see required()): no match is possible."""
    if keys is None:
        return True
    key = text_key(text)
    return any(k in key for k in keys)


def _of_sequence(items) -> set[str] | None:
    """The best requirement of a sequence of nodes: a run of literal characters, or a child's."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append({"".join(run)})
            run = []
        child = _of_node(op, av)
        if child:
            options.append(child)
    if run:
        options.append({"".join(run)})
    options = [o for o in options if not any(c in s for s in o for c in "[]{}")]  # see _FOREIGN
    if not options:
        return None
    # the most selective: the longest shortest word in a string (" the " is in every text), then
    # the longest shortest string, then the fewest strings
    return max(options, key=lambda o: (min(map(_longest_word, o)), min(map(len, o)), -len(o)))


def _longest_word(s: str) -> int:
    return max(map(len, _NOT_ALNUM.split(s)))


def _of_node(op, av) -> set[str] | None:
    if op is _c.SUBPATTERN:
        return _of_sequence(list(av[-1]))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _of_sequence(list(av))
    if op is _c.BRANCH:
        alternatives = [_of_sequence(list(alt)) for alt in av[1]]
        if any(not a for a in alternatives):
            return None  # a branch that needs nothing: the whole needs nothing
        return set().union(*alternatives)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _, inner = av
        return _of_sequence(list(inner)) if low >= 1 else None
    return None  # classes, assertions, anchors, back-references: no literal text
