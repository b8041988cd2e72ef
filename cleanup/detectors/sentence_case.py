"""Lost capitals: a sentence that starts lower-case ("... soon. the company said"),
the pronoun "i", and a whole sentence in lower case ("talks in paris and london.").

Only ordinary English words (word-case statistics) are capitalised at a sentence
start, so "npm", "iPhone" or "eBay" stay. Not after abbreviations (`abbreviations`),
ellipses, or a line that does not end a sentence (a wrapped line continues).

Human text goes on in lower case on purpose in many places, so inside a line only a
full stop right after a word and followed by a space counts as a sentence end: not a
mark inside or after quotes or brackets ("'Really?' asked Ana", "(surprise!) you"), not
an ellipsis (". . . wasn't"), not inside an open bracket ("(ie. slugs)"). After "!" or
"?" ("lungs? the nose?", "Club Z! offers") it is reported only. The word must be a plain
word ("n8n", "pg_duckdb", "pathlib.Path", "u/name" are identifiers), and a word the text
also writes in lower case in mid-sentence ("italki") is a lower-case name. A text written
in lower case on purpose (many lower-case sentence starts) is reported, not changed.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

import regex

from ..kinds.common import finding
from ..model import Finding, Rule
from . import text as t
from .wordcase import WordCase

_AFTER_END = regex.compile(r"(?<=[\p{L}\p{N}])(?P<stop>[.!?])[ ]+(?=\p{Ll})")
_PREV_TOKEN = regex.compile(r"(\S+)[.!?]$")
# A plain word: letters (an apostrophe inside), then a space, a mark or the end; not an
# identifier, a path, a handle or a dotted name.
_PLAIN = regex.compile(r"\p{L}+(?:['’]\p{L}+)?(?=[\s,;:!?)\]\"”’']|\.(?![\p{L}\p{N}])|$)")
_NAME_NOTE = "(the sentence lost its capitals)."
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "our", "my", "your",
                "its", "each", "every", "some", "any", "no"}


class SentenceCase:
    def __init__(self, rule: Rule):
        d = rule.data
        self.rule = rule
        self.stats = WordCase(d.get("wordcase", "data/wordcase.tsv"), 1.0, 3,
                              float(d.get("name_share", 0.97)), int(d.get("min_name", 30)))
        self.abbreviations = {a.casefold().rstrip(".") for a in d.get("abbreviations", [])}
        self.pronoun_next = regex.compile(r"[ ]+(?:\L<w>)\b", w=d.get("pronoun_next", ["am"]))
        self.min_words = int(d.get("lower_sentence_min_words", 6))
        self.report_confidence = float(d.get("report_confidence", 0.5))
        self.style_min = int(d.get("lower_style_min", 3))
        self.style_share = float(d.get("lower_style_share", 0.3))

    def _known(self, word: str) -> bool:
        return self.stats.counts(word) is not None

    def find(self, text: str) -> Iterator[Finding]:
        found: list[Finding] = []
        prev_ends_sentence = True
        for start, end in t.lines(text):
            line = text[start:end]
            if not line.strip():
                continue
            here = list(self._line(text, start, end, prev_ends_sentence))
            starts = [f for f in here if not f.message.endswith(_NAME_NOTE) and f.confidence >= self.rule.confidence]
            if len(starts) >= 2 and not regex.search(r"(?:^|[.!?][ ]+)[\"“‘'(]*\p{Lu}", line):
                # "hi, i'm dan. i'm 16. in my free time…": a paragraph in lower case on purpose
                here = [replace(f, confidence=min(f.confidence, self.report_confidence)) for f in here]
            found.extend(here)
            prev_ends_sentence = bool(regex.search(r"[.!?]['\"”’)]*\s*$", line))
        # Written in lower case on purpose ("hi, i'm dan. i build things."): report only.
        lowered = sum(1 for f in found if f.confidence >= self.rule.confidence and not f.message.endswith(_NAME_NOTE))
        if lowered >= self.style_min and lowered >= self.style_share * max(1, self._starts(text)):
            found = [replace(f, confidence=min(f.confidence, self.report_confidence)) for f in found]
        yield from found

    @staticmethod
    def _starts(text: str) -> int:
        """Roughly how many sentences the text has."""
        return len(regex.findall(r"(?:^|[.!?][ ]+)[\"“‘'(]*\p{L}", text, regex.MULTILINE))

    def _capital(self, text: str, pos: int, why: str, confidence: float | None = None) -> Finding | None:
        m = _PLAIN.match(text, pos)
        if m is None:
            return None
        w = m.group()
        base = regex.sub(r"['’].*$", "", w)
        if not w.islower() or len(base) < 2 and base not in ("a", "i"):
            return None
        if not (self._known(base) or regex.fullmatch(r"[a-z]{4,}", base) and regex.search(r"[aeiouy]", base)):
            return None
        if text[m.end():m.end() + 1] == "." and base in self.abbreviations:
            return None  # "vs.", "etc.": an abbreviation, not a sentence
        if len(base) > 1 and not self.stats.is_common(base) and self._lower_elsewhere(text, pos, w):
            return None  # "italki", "monday": a name this text writes in lower case
        return finding(self.rule, pos, pos + 1, w[0].upper(), f"'{w}' {why}: capital letter.", confidence)

    @staticmethod
    def _lower_elsewhere(text: str, pos: int, word: str) -> bool:
        for m in regex.finditer(r"(?<![\p{L}\p{N}])" + regex.escape(word) + r"(?![\p{L}\p{N}])", text):
            if m.start() != pos and regex.search(r"\p{L}[,;:]?[ ]+\Z", text[max(0, m.start() - 3):m.start()]):
                return True
        return False

    def _line(self, text: str, start: int, end: int, prev_ends: bool) -> Iterator[Finding]:
        line = text[start:end]
        sentence_like = bool(regex.search(r"[.!?]['\"”’)]*\s*$", line))
        done: set[int] = set()
        first = regex.match(r"[ \t\"“‘'(]*", line).end() + start
        # "requests — downloads the pages": a term and its explanation, not a sentence
        term = regex.match(r"\p{L}+[ ]*[—–:]", text[first:end]) is not None
        if prev_ends and sentence_like and not term:
            f = self._capital(text, first, "starts the sentence")
            if f is not None:
                done.add(first)
                yield f
        for m in _AFTER_END.finditer(text, start, end):
            before = text[start:m.start()]
            if before.count("(") > before.count(")") or before.count("[") > before.count("]"):
                continue  # "(ie. slugs)", "(a parent? teacher?)"
            prev = _PREV_TOKEN.search(text, max(start, m.start() - 30), m.start("stop") + 1)
            if m.group("stop") == "." and prev is not None:
                token = prev.group(1).strip("\"“”'’(")
                if (token.casefold() in self.abbreviations or "." in token or len(token) < 2
                        or not token.isalpha() or token[:1].isupper() and len(token) <= 3):
                    continue
            # "lungs? the nose?", "Club Z! offers": questions and titles go on in lower case
            conf = None if m.group("stop") == "." else self.report_confidence
            f = self._capital(text, m.end(), "starts a sentence", conf)
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
            if not (s.start() == start or regex.search(r"[.!?][ ]*\Z", text[start:s.start()])):
                continue  # the rest of a sentence, after a colon or a bracket: not a whole sentence
            if not regex.match(r"[ ]*\p{Ll}", body):
                continue  # "), but also …": not a sentence's start
            prev = ""
            for m in t.WORD.finditer(text, s.start(), s.end()):
                w, before = m.group(), prev
                prev = w.casefold()
                base = regex.sub(r"['’]s$", "", w)
                if before in _DETERMINERS or len(base) < 2 or _PLAIN.match(text, m.start()) is None:
                    continue  # "the baker": a common noun; "i.e.", "u/name": no words
                if text[max(0, m.start() - 1):m.start()].isdigit():
                    continue  # "0.4+0.1i"
                if "-" not in base and self.stats.is_name(base):
                    yield finding(self.rule, m.start(), m.start() + 1, w[0].upper(),
                                  f"'{w}' is a name: capital letter {_NAME_NOTE}")
