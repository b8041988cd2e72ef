"""Word-case statistics (rules/data/wordcase.tsv): how a word is written mid-sentence.

Classes: "lower" (almost always lower-case mid-sentence), "name" (almost always
Capitalised), "mixed", or None (not in the data). Thresholds come from the rule.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..kinds import RuleError


@lru_cache(maxsize=4)
def load(path: str) -> dict[str, tuple[int, ...]]:
    """A tab-separated table of a word and its counts (lines starting with # are comments)."""
    table: dict[str, tuple[int, ...]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, *counts = line.rstrip("\n").split("\t")
            table[word] = tuple(map(int, counts))
    return table


def data_path(name: str) -> str:
    from ..rulesets import builtin_rules_dir

    path = Path(name)
    if not path.is_absolute():
        path = builtin_rules_dir() / path
    if not path.is_file():
        raise RuleError(f"word-case data {name!r} not found")
    return str(path)


class WordCase:
    def __init__(self, path: str, max_capital_share: float, min_lower: int, name_share: float = 0.9,
                 min_name: int = 20):
        self.table = load(data_path(path))
        self.max_capital_share = max_capital_share
        self.min_lower = min_lower
        self.name_share = name_share
        self.min_name = min_name

    def counts(self, word: str) -> tuple[int, int] | None:
        return self.table.get(word.casefold())

    def share(self, word: str) -> float | None:
        c = self.counts(word)
        return None if c is None else c[1] / max(1, c[0] + c[1])

    def is_lower(self, word: str) -> bool:
        c = self.counts(word)
        return c is not None and c[0] >= self.min_lower and c[1] <= self.max_capital_share * (c[0] + c[1])

    def is_name(self, word: str) -> bool:
        c = self.counts(word)
        return c is not None and c[1] >= self.min_name and c[1] >= self.name_share * (c[0] + c[1])

    def is_common(self, word: str) -> bool:
        """Seen lower-case often enough to be an ordinary word (possibly also a name part)."""
        c = self.counts(word)
        return c is not None and c[0] >= 3 and c[0] >= 0.1 * (c[0] + c[1])
