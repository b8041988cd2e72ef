"""Lost capitals: a sentence that starts lower-case ("... soon. the company said"),
the pronoun "i", and a whole sentence in lower case ("talks in paris and london.").

Only ordinary English words (word-case statistics) are capitalised at a sentence
start, so "npm", "iPhone" or "eBay" stay. Not after abbreviations (`abbreviations`),
ellipses, or a line that does not end a sentence (a wrapped line continues).
"""
from __future__ import annotations

from typing import Iterator

import regex

from ..kinds.common import finding
from ..model import Finding, Rule
from . import text as t
from .wordcase import WordCase

_AFTER_END = regex.compile(r"(?<![.…])(?P<stop>[.!?])['\"”’)]*[ ]+(?=\p{Ll})")
_PREV_TOKEN = regex.compile(r"(\S+)[.!?]$")


class SentenceCase:
    def __init__(self, rule: Rule):
        d = rule.data
        self.rule = rule
        self.stats = WordCase(d.get("wordcase", "data/wordcase.tsv"), 1.0, 3,
                              float(d.get("name_share", 0.97)), int(d.get("min_name", 30)))
        self.abbreviations = {a.casefold().rstrip(".") for a in d.get("abbreviations", [])}
        self.pronoun_next = regex.compile(r"[ ]+(?:\L<w>)\b", w=d.get("pronoun_next", ["am"]))
        self.min_words = int(d.get("lower_sentence_min_words", 6))

    def _known(self, word: str) -> bool:
        return self.stats.counts(word) is not None

    def find(self, text: str) -> Iterator[Finding]:
        prev_ends_sentence = True
        for start, end in t.lines(text):
            line = text[start:end]
            if not line.strip():
                continue
            yield from self._line(text, start, end, prev_ends_sentence)
            prev_ends_sentence = bool(regex.search(r"[.!?]['\"”’)]*\s*$", line))

    def _capital(self, text: str, pos: int, why: str) -> Finding | None:
        m = t.WORD.match(text, pos)
        if m is None:
            return None
        w = m.group()
        base = regex.sub(r"['’].*$", "", w)
        if not w.islower() or not (self._known(base) or regex.fullmatch(r"[a-z]{4,}", base)
                                    and regex.search(r"[aeiouy]", base)):
            return None
        return finding(self.rule, pos, pos + 1, w[0].upper(), f"'{w}' {why}: capital letter.")

    def _line(self, text: str, start: int, end: int, prev_ends: bool) -> Iterator[Finding]:
        line = text[start:end]
        sentence_like = bool(regex.search(r"[.!?]['\"”’)]*\s*$", line))
        done: set[int] = set()
        first = regex.match(r"[ \t\"“‘'(]*", line).end() + start
        if prev_ends and sentence_like:
            f = self._capital(text, first, "starts the sentence")
            if f is not None:
                done.add(first)
                yield f
        for m in _AFTER_END.finditer(text, start, end):
            prev = _PREV_TOKEN.search(text, max(start, m.start() - 30), m.start("stop") + 1)
            if m.group("stop") == "." and prev is not None:
                token = prev.group(1).strip("\"“”'’(")
                if (token.casefold() in self.abbreviations or "." in token or len(token) < 2
                        or not token.isalpha() or token[:1].isupper() and len(token) <= 3):
                    continue
            f = self._capital(text, m.end(), "starts a sentence")
            if f is not None:
                done.add(m.end())
                yield f
        for m in regex.finditer(r"(?<![\p{L}\d\-'’(./\[])i(?=['’](?:m|d|ll|ve)\b)", text[:end], pos=start):
            yield finding(self.rule, m.start(), m.end(), "I", "The pronoun 'I' is written in capitals.")
        for m in regex.finditer(r"(?<![\p{L}\d\-'’(./\[])i(?=[ ]+\p{Ll})", text[:end], pos=start):
            if m.start() not in done and self.pronoun_next.match(text, m.end()):
                yield finding(self.rule, m.start(), m.end(), "I", "The pronoun 'I' is written in capitals.")
        yield from self._lower_sentences(text, start, end)

    def _lower_sentences(self, text: str, start: int, end: int) -> Iterator[Finding]:
        """A sentence with no capital at all: names that are always capitalised get theirs back."""
        for s in regex.finditer(r"[^.!?\n]+[.!?]", text[:end], pos=start):
            body = s.group()
            words = t.WORD.findall(body)
            if len(words) < self.min_words or any(c.isupper() for c in body):
                continue
            for m in t.WORD.finditer(text, s.start(), s.end()):
                w = m.group()
                base = regex.sub(r"['’]s$", "", w)
                if "-" not in base and self.stats.is_name(base):
                    yield finding(self.rule, m.start(), m.start() + 1, w[0].upper(),
                                  f"'{w}' is a name: capital letter (the sentence lost its capitals).")
