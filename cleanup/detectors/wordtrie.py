"""A list of words as one regular expression in the shape of a trie ("h(?:er|i[ms])" for
"her|him|his"): the standard `re` module tries the branches of a plain alternation one after
the other at every position, a trie only along the letters that are there."""
from __future__ import annotations

import re
from typing import Iterable


def trie_pattern(words: Iterable[bytes]) -> bytes:
    """A bytes pattern that matches the strings of `words` (none may be empty), the longest
    first where several match (they are then prefixes of each other, on one path of the trie,
    whose optional parts are greedy): the same as their alternation sorted longest first."""
    tree: dict = {}
    for word in words:
        if not word:
            raise ValueError("an empty word")
        node = tree
        for byte in word:
            node = node.setdefault(byte, {})
        node[None] = {}  # a word ends here
    return _branches(tree)


def _branches(node: dict) -> bytes:
    alternatives = [re.escape(bytes([b])) + _branches(node[b]) for b in sorted(k for k in node if k is not None)]
    if not alternatives:
        return b""
    body = b"|".join(alternatives)
    if None in node:  # a word ends here, longer ones go on
        return b"(?:" + body + b")?"
    return b"(?:" + body + b")" if len(alternatives) > 1 else body


# Every byte but a lower-case ASCII letter or a digit read as a space: in such a copy of a text's
# key (kinds.casing.text_key) a word that no letter or digit precedes stands after a space.
_SPACED = bytes(b if 97 <= b <= 122 or 48 <= b <= 57 else 32 for b in range(256))
_last: tuple = (None, b"")


def _spaced(key: bytes) -> bytes:
    """key with every byte but [a-z0-9] as a space, kept for the last key."""
    global _last
    last = _last
    if last[0] is not key:
        last = _last = (key, key.translate(_SPACED))
    return last[1]


class WordStarts:
    """Where one of a list of words starts in a text's key as a whole word: (?<![a-z0-9])word(?![a-z0-9]).
    One pattern that starts with a plain space, over a copy of the key in which every other byte
    is a space: the engine jumps from space to space (several times faster than a look-behind or a
    set of bytes tried at every position)."""

    def __init__(self, words: Iterable[str]):
        body = b"(?:" + trie_pattern(w.encode() for w in words) + b")(?= |$)"
        self.inside = re.compile(b" " + body)
        self.first = re.compile(body)

    def starts(self, key: bytes) -> list[int]:
        spaced = _spaced(key)
        found = [0] if self.first.match(spaced) else []
        found.extend(m.start() + 1 for m in self.inside.finditer(spaced))
        return found
