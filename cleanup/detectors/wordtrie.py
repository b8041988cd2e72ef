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
