"""Repeated words and phrases: "the the", "in the in the" (fixed), a word said twice in
one clause (reported), and a sentence said twice (removed when it follows itself)."""
from __future__ import annotations

from typing import Iterator

import regex

from ..kinds import RuleError
from ..kinds.common import REGEX_TIMEOUT_SECONDS, finding
from ..model import Finding, Rule

_WORD = regex.compile(r"\b\p{L}[\p{L}'’]*\b")
# A word, a number or a compound of them: "food", "2016", "Covid-19", "600Mbit/s", "3.5".
_TOKEN = r"[\p{L}\p{N}](?:[\p{L}\p{N}'’]|[\-/.,:](?=[\p{L}\p{N}]))*"


class RepeatedWord:
    """The same word or run of words two or more times in a row, separated only by
    spaces: the copies go ("food food food" -> "food").

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
            r"(?<![\p{L}\p{N}'’\-/.,:])(?P<run>%s(?:[ ]+%s){0,%d}?)(?P<gap>[ ]+)(?P=run)(?:[ ]+(?P=run))*(?![\p{L}\p{N}'’\-/]|[.,:][\p{L}\p{N}])"
            % (_TOKEN, _TOKEN, n - 1),
            regex.IGNORECASE,
        )

    def find(self, text: str) -> Iterator[Finding]:
        for m in self.pattern.finditer(text, overlapped=False, timeout=REGEX_TIMEOUT_SECONDS):
            run = m.group("run")
            if run.casefold() in self.allow:
                continue
            first, second = text[m.start("run"):m.end("run")], text[m.end("gap"):m.end("gap") + len(run)]
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


class RepeatedSentence:
    """A sentence (of at least `min_words` words) said again. Right after itself, the
    copy goes; further away it is reported."""

    def __init__(self, rule: Rule):
        self.rule = rule
        self.min_words = int(rule.data.get("min_words", 5))
        self.report_confidence = float(rule.data.get("report_confidence", 0.5))

    def find(self, text: str) -> Iterator[Finding]:
        seen: dict[str, int] = {}
        prev_key, prev_end = None, -1
        for m in regex.finditer(r"[^\s.!?][^.!?\n]*[.!?]+[\"”’)]*", text, timeout=REGEX_TIMEOUT_SECONDS):
            words = _WORD.findall(m.group())
            key = " ".join(w.casefold() for w in words)
            gap = text[prev_end:m.start()]
            if len(words) >= self.min_words and key in seen:
                message = self.rule.message.format(found=m.group())
                if key == prev_key and regex.fullmatch(r"[ ]+", gap):
                    yield finding(self.rule, prev_end, m.end(), "", message)
                else:
                    yield finding(self.rule, m.start(), m.end(), None, message,
                                  confidence=self.report_confidence)
            seen.setdefault(key, m.start())
            prev_key, prev_end = key, m.end()
