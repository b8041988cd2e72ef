"""Repeated words: "the the" (fixed), and a word said twice in one clause (reported)."""
from __future__ import annotations

from typing import Iterator

import regex

from ..kinds import RuleError
from ..kinds.common import REGEX_TIMEOUT_SECONDS, finding
from ..model import Finding, Rule

_WORD = regex.compile(r"\b\p{L}[\p{L}'’]*\b")


class RepeatedWord:
    """The same word twice in a row, separated only by spaces: the second goes.

    `allow` lists words that may legitimately repeat ("had had", "that that").
    """

    def __init__(self, rule: Rule):
        self.rule = rule
        self.allow = {w.casefold() for w in rule.data.get("allow", [])}
        # The same run of 1..max_words words, twice, with only spaces between.
        n = int(rule.data.get("max_words", 1))
        if not 1 <= n <= 8:
            raise RuleError("'max_words' must be 1..8")
        self.pattern = regex.compile(
            r"(?<![\p{L}\d'’\-])(?P<run>\p{L}[\p{L}'’]*(?:[ ]+\p{L}[\p{L}'’]*){0,%d})(?P<gap>[ ]+)(?P=run)(?![\p{L}\d'’\-])"
            % (n - 1),
            regex.IGNORECASE,
        )

    def find(self, text: str) -> Iterator[Finding]:
        for m in self.pattern.finditer(text, overlapped=False, timeout=REGEX_TIMEOUT_SECONDS):
            run = m.group("run")
            if run.casefold() in self.allow:
                continue
            first, second = text[m.start("run"):m.end("run")], text[m.end("gap"):m.end()]
            if first != second and first.casefold() == second.casefold() and not first[:1].isupper():
                continue  # "the The": likely a sentence boundary lost, not a stutter
            start = m.end("run")
            yield finding(self.rule, start, m.end(), "", self.rule.message.format(found=run))


class RepeatedInClause:
    """A content word said twice within one clause ("it is reportedly X, reportedly Y").

    Reported, not fixed: which of the two should go needs a reader. `words`
    limits it to words that rarely repeat by design (adverbs of attribution).
    """

    def __init__(self, rule: Rule):
        self.rule = rule
        words = rule.data.get("words")
        if not isinstance(words, list) or not words:
            raise RuleError("'words' must be a non-empty list")
        self.words = regex.compile(r"\b(?:\L<w>)\b", regex.IGNORECASE, w=words)
        self.window = int(rule.data.get("window", 12))

    def find(self, text: str) -> Iterator[Finding]:
        for sentence in regex.finditer(r"[^.!?\n]+", text, timeout=REGEX_TIMEOUT_SECONDS):
            seen: dict[str, int] = {}
            for m in self.words.finditer(text, sentence.start(), sentence.end()):
                key = m.group().casefold()
                words_between = len(_WORD.findall(text, seen.get(key, 0), m.start())) if key in seen else None
                if words_between is not None and words_between <= self.window:
                    yield finding(self.rule, m.start(), m.end(), None, self.rule.message.format(found=m.group()))
                seen[key] = m.end()
