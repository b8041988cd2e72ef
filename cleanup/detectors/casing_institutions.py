"""The name of an institution after its capitalised head word ("Ministry of foreign affairs" ->
"Ministry of Foreign Affairs", "Corps of engineers" -> "Corps of Engineers"), for a text lower-cased by
a tool (casing_names.py asks, after the other signals gave the head its capital).

The words after "of" or "for" join the name while they are nouns or adjectives (rules/data/wordpos.tsv),
and no function word or verb comes first ("Ministry of economy in Buenos Aires": "Economy" only);
"and" or a comma between two such words stays lower-case ("Economy, Trade and Industry").
"""
from __future__ import annotations

from .casing_wordpos import WordPos

_LINKS = {"of", "for"}
_JOINERS = {"and", ","}


class InstitutionNames:
    def __init__(self, heads: set[str], stop: set[str], wordpos: WordPos, max_words: int = 4):
        self.heads = heads
        self.stop = stop
        self.wordpos = wordpos
        self.max_words = max_words

    def names(self, text: str, words: list, named: dict) -> dict[int, tuple[int, str, str]]:
        """position -> (1, capital, why) for the lower-case words that complete a capitalised head's name."""
        found: dict[int, tuple[int, str, str]] = {}
        for i, head in enumerate(words[:-2]):
            hit = named.get(head.start())
            if hit is None or head.group().casefold() not in self.heads or not hit[1][:1].isupper():
                continue
            link = words[i + 1]
            if link.group() not in _LINKS or text[head.end():link.start()] != " " or text[link.end():words[i + 2].start()] != " ":
                continue
            for m in self._tail(text, words, i + 2, named):
                found[m.start()] = (1, m.group()[0].upper(),
                                    f"'{m.group()}' is part of the name '{head.group()} {link.group()} ...': capital letter")
        return found

    def _tail(self, text: str, words: list, first: int, named: dict) -> list:
        """The words that join the name from words[first] on (the joiners between them left out). After a
        comma the list must end with "and" ("Economy, Trade and Industry"), else the name ends at the comma."""
        tail: list = []
        before_comma = None  # how long the tail was at an open comma
        i = first
        while i < len(words) and len(tail) < self.max_words:
            m = words[i]
            if m.start() in named or not self._joins(m.group()):
                break
            tail.append(m)
            nxt = words[i + 1] if i + 1 < len(words) else None
            gap = text[m.end():nxt.start()] if nxt is not None else ""
            if gap == ", " and before_comma is None:
                before_comma, i = len(tail), i + 1
            elif gap == " " and nxt.group() == "and" and i + 2 < len(words) and text[nxt.end():words[i + 2].start()] == " ":
                before_comma, i = None, i + 2
            elif gap == " ":
                i += 1
            else:
                break  # a mark ends the name
        return tail if before_comma is None else tail[:before_comma]

    def _joins(self, word: str) -> bool:
        if not word.isalpha() or not word.islower() or word in self.stop:
            return False
        classes = self.wordpos.classes(word)
        return bool(classes) and ("n" in classes or "a" in classes) and classes != "v"
