"""A spelling dictionary's word case (rules/data/namecase.tsv, lowerwords.txt: SCOWL, see
scripts/build_lexicon.py): the one way a name is written ("putin" -> "Putin", "nsa" -> "NSA",
"iphone" -> "iPhone"), whether English writes a word in lower case at all, and (commonnames.tsv)
which names are common where their lower-case word is rare ("einstein", "genoa").

Loaded on first use: only a sentence without any capital asks.
"""
from __future__ import annotations

from functools import lru_cache

from .wordcase import data_path


class Lexicon:
    def __init__(self, names: str = "data/namecase.tsv", lower: str = "data/lowerwords.txt",
                 common_names: str | None = None):
        self._names_path = data_path(names)
        self._lower_path = data_path(lower)
        self._common_path = data_path(common_names) if common_names else None

    def common_name(self, key: str) -> str | None:
        """The name `key` (lower-case) is, where the name is common and the lower-case word rare
        ("einstein" -> "Einstein"; rules/data/commonnames.tsv, see scripts/build_commonnames.py)."""
        return None if self._common_path is None else _names(self._common_path).get(key)

    def name_form(self, key: str) -> str | None:
        """How the dictionary writes `key` (lower-case), when it knows it only as a name."""
        return _names(self._names_path).get(key)

    def is_lower_word(self, key: str) -> bool:
        """Does the dictionary write `key` (lower-case) in lower case ("taxi", not "putin")?"""
        return key in _lower(self._lower_path)

    def is_word(self, key: str) -> bool:
        """Does the dictionary know `key` (lower-case) at all, as a word or as a name?"""
        return key in _lower(self._lower_path) or key in _names(self._names_path)


@lru_cache(maxsize=2)
def _names(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        return dict(line.rstrip("\n").split("\t", 1) for line in fh if not line.startswith("#"))


@lru_cache(maxsize=2)
def _lower(path: str) -> frozenset[str]:
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")  # (one split of the whole file: a quarter of a million lines)
    first = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))  # comments on top
    return frozenset(lines[first:]) - {""}
