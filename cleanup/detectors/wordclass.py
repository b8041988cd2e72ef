"""Word-class evidence (rules/data/wordclass.tsv): how often a word follows a subject pronoun
("he helped": a finite verb), a determiner ("the image", "his farm": a noun or an
adjective) and a modal ("can suit": a verb's base form), counted in a tagged-free English corpus (see scripts/build_wordclass.py).

A word is a verb here only when it never (almost never) follows a determiner, and a noun only
when it never follows a subject pronoun: the many words that are both ("work", "show") are
neither, and a word not in the data is neither.
"""
from __future__ import annotations

from .wordcase import data_path, load  # the same format: a word and its counts

_NONE = (0, 0, 0)  # after a pronoun, after a determiner, after a modal


class WordClass:
    def __init__(self, path: str = "data/wordclass.tsv", min_count: int = 3, max_other: float = 0.03):
        self.table = load(data_path(path))
        self.min_count = min_count
        self.max_other = max_other

    def is_verb(self, word: str) -> bool:
        verb, noun = self.table.get(word.casefold(), _NONE)[:2]
        return verb >= self.min_count and noun <= self.max_other * verb

    def is_noun(self, word: str) -> bool:
        verb, noun = self.table.get(word.casefold(), _NONE)[:2]
        return noun >= self.min_count and verb <= self.max_other * noun

    def is_noun_only(self, word: str, min_count: int) -> bool:
        """Seen `min_count` times after a determiner and never after a pronoun nor after a modal
        ("they suit" is rare in a small corpus, "can suit" is not)."""
        verb, noun, modal = self.table.get(word.casefold(), _NONE)
        return noun >= min_count and verb == 0 and modal == 0

    def verbs(self) -> set[str]:
        """Every word that is a verb here."""
        return {w for w in self.table if self.is_verb(w)}
