"""Word classes a word form can belong to (rules/data/wordpos.tsv, from an inflection lexicon:
see scripts/build_wordpos.py): "appearance" is only a noun, "suit" a noun and a verb, "public"
an adjective and a noun. A word not in the data belongs to no class here.
"""
from __future__ import annotations

from functools import lru_cache

from .wordcase import data_path


class WordPos:
    def __init__(self, path: str = "data/wordpos.tsv"):
        self.table = _load(data_path(path))

    def classes(self, word: str) -> str:
        """The class letters of `word` (n noun, v verb, a adjective, r adverb), "" if unknown."""
        return self.table.get(word, "")

    def is_noun_only(self, word: str) -> bool:
        """A noun or an adjective, never a verb ("appearance", "public", not "suit")."""
        c = self.table.get(word, "v")
        return "v" not in c and "r" not in c

    def may_be_verb(self, word: str) -> bool:
        return "v" in self.table.get(word, "")

    def is_verb_only(self, word: str) -> bool:
        return self.table.get(word, "") == "v"


@lru_cache(maxsize=2)
def _load(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        return dict(line.rstrip("\n").split("\t", 1) for line in fh if not line.startswith("#"))
