"""Lost capitals: a sentence that starts lower-case ("... soon. the company said"),
the pronoun "i", and a whole sentence in lower case ("talks in paris and london.").

In a sentence with no capital at all, names get theirs back (casing_names.py says which). In a
text without any capital (lower-cased by a tool) each line is such a sentence, across
abbreviations and initials ("gov. gretchen whitmer", "george w. bush"), when it reads as prose
(it ends like a sentence and holds no code: "range(10):", "x = 1", "pg_duckdb").

Only ordinary English words (word-case statistics), names of the spelling dictionary (in its
form: "nsa's" -> "NSA's", "iphone" -> "iPhone") and words of four letters or more with a letter
beyond ASCII ("havlíček") are capitalised at a sentence start, so "npm" or "n8n" stay. Not
after abbreviations (`abbreviations`, and a short word the statistics rarely see in lower case
before a full stop: "gov.", "bt."), ellipses, or a line that does not end a sentence (a wrapped
line continues).

Human text goes on in lower case on purpose in many places, so inside a line only a
full stop right after a word and followed by a space counts as a sentence end: not a
mark inside or after quotes or brackets ("'Really?' asked Ana", "(surprise!) you"), not
an ellipsis (". . . wasn't"), not inside an open bracket ("(ie. slugs)"). After "!" or
"?" ("lungs? the nose?", "Club Z! offers") it is reported only. The word must be a plain
word ("n8n", "pg_duckdb", "pathlib.Path", "u/name" are identifiers), and a word the text
also writes in lower case in mid-sentence ("italki") is a lower-case name, unless it is the
text's first word and the dictionary writes it in lower case ("taxi drivers ... a taxi"). A text
written in lower case on purpose (many lower-case sentence starts; "I" does not count) is
reported, not changed.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Iterator

import regex

from ..kinds.common import finding
from ..model import Finding, Rule
from . import text as t
from .casing_names import PLAIN as _PLAIN, LowerSentenceNames
from .wordcase import WordCase

# (the mark first, the letter before it looked at after: a look-behind first is tried everywhere)
_AFTER_END = regex.compile(r"(?P<stop>[.!?])(?<=[\p{L}\p{N}][.!?])[ ]+(?=\p{Ll})")
_PREV_TOKEN = regex.compile(r"(\S+)[.!?]$")
_NAME_NOTE = "(the sentence lost its capitals)."
_I_NOTE = "The pronoun 'I' is written in capitals."
# Compiled once (a pattern string passed to regex.search and the like is looked up in
# regex's cache on every call, and recompiled once it falls out).
_ENDS_SENTENCE = regex.compile(r"[.!?]['\"”’)]*\s*$")  # a line that ends like a sentence
_CAPITAL_START = regex.compile(r"(?:^|[.!?][ ]+)[\"“‘'(]*\p{Lu}")
_STARTS = regex.compile(r"(?:^|[.!?][ ]+)[\"“‘'(]*\p{L}", regex.MULTILINE)
_LEAD = regex.compile(r"[ \t\"“‘'(]*")
_TERM = regex.compile(r"\p{L}+[ ]*[—–:]")
_I_CONTRACTION = regex.compile(r"(?<![\p{L}\d\-'’(./\[])i(?=['’](?:m|d|ll|ve)\b)")
_I_BEFORE_WORD = regex.compile(r"(?<![\p{L}\d\-'’(./\[])i(?=[ ]+\p{Ll})")
# A sentence: a run without sentence marks up to one. A run that reaches the line's end
# without one is consumed whole by the second branch (and skipped): tried from each of its
# positions, the first branch alone took time quadratic in the line's length.
_SENTENCE = regex.compile(r"(?P<s>[^.!?\n]++[.!?])|[^.!?\n]++")
# A sentence (as _SENTENCE cuts them) without a capital A-Z: those without any capital are among them.
_NO_CAPITAL = re.compile(r"(?:^|(?<=[.!?]))[^.!?\nA-Z]+[.!?]", re.MULTILINE)
_ANY_CAPITAL = regex.compile(r"\p{Lu}")
_BLANK = regex.compile(r"[\s\"“‘'(]*")
_CODE = regex.compile(r"\w\(|[=_{}<>`|\\]|\)\s*:")  # "range(10):", "x = 1", "pg_duckdb": code, no prose
_LOWER_START = regex.compile(r"[ ]*[\"“‘'(]*\p{Ll}")
_APOSTROPHE_REST = regex.compile(r"['’].*$")
_LONG_ASCII = regex.compile(r"[a-z]{4,}")
_LONG_NON_ASCII = regex.compile(r"(?=.*[^a-z])\p{Ll}{4,}")  # "havlíček", "pawłowicz": a name, no identifier
_NEXT_ANY_WORD = regex.compile(r"[ ]+(\p{L}+)")  # ("us President": the rest may have its capitals)
_VOWEL = regex.compile(r"[aeiouy]")
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")
_WORD_BEFORE = regex.compile(r"\p{L}[,;:]?[ ]+\Z")


class SentenceCase:
    def __init__(self, rule: Rule):
        d = rule.data
        self.rule = rule
        self.stats = WordCase(d.get("wordcase", "data/wordcase.tsv"), 1.0, 3,
                              float(d.get("name_share", 0.97)), int(d.get("min_name", 30)))
        self.abbreviations = {a.casefold().rstrip(".") for a in d.get("abbreviations", [])}
        self.lower_names = LowerSentenceNames(d, self.stats)
        self.names, self.us_next, self.lexicon = self.lower_names.names, self.lower_names.us_next, self.lower_names.lexicon
        self.pronoun_next = regex.compile(r"[ ]+(?:\L<w>)\b", w=d.get("pronoun_next", ["am"]))
        self.min_words = int(d.get("lower_sentence_min_words", 6))
        self.report_confidence = float(d.get("report_confidence", 0.5))
        self.style_min = int(d.get("lower_style_min", 3))
        self.style_share = float(d.get("lower_style_share", 0.3))
        self.tool_lowered_min_words = int(d.get("tool_lowered_min_words", 1 << 30))

    def _known(self, word: str) -> bool:
        return self.stats.counts(word) is not None

    def find(self, text: str) -> Iterator[Finding]:
        found: list[Finding] = []
        spots = _Spots(text)
        # a text without any capital in long sentences: prose a tool lower-cased, not a casual style
        lowered_by_tool = spots.all_lower and self._long_sentences(text)
        prev: tuple[int, int] | None = None  # the last non-blank line: does it end a sentence? (asked lazily)
        for start, end in t.lines(text):
            line = text[start:end]
            if not line.strip():
                continue
            before, prev = prev, (start, end)
            first = _LEAD.match(text, start, end).end()
            # a line starting with a capital, with no sentence end before a lower-case word, no
            # "i" and no sentence without capitals has nothing to find
            if (first < end and text[first].isupper() or first == end) and not spots.on(start, end):
                continue
            prev_ends_sentence = before is None or _ENDS_SENTENCE.search(text[before[0]:before[1]]) is not None
            # (a line of tool-lowered prose is prose even where it ends without a mark, an MT segment,
            # but not where it goes on: "it can grow from cuttings; it can")
            ends_sentence = (_ENDS_SENTENCE.search(line) is not None
                             or lowered_by_tool and not line.rstrip().endswith((",", ";", ":"))
                             and len(t.WORD.findall(line)) >= self.tool_lowered_min_words)
            here = list(self._line(text, start, end, prev_ends_sentence, ends_sentence, spots))
            starts = [f for f in here if self._starts_sentence(f)]
            if len(starts) >= 2 and not _CAPITAL_START.search(line) and not lowered_by_tool:
                # "hi, i'm dan. i'm 16. in my free time…": a paragraph in lower case on purpose
                here = [replace(f, confidence=min(f.confidence, self.report_confidence)) for f in here]
            found.extend(here)
        # Written in lower case on purpose ("hi, i'm dan. i build things."): report only.
        lowered = sum(1 for f in found if self._starts_sentence(f))
        if (lowered >= self.style_min and lowered >= self.style_share * max(1, self._starts(text))
                and not lowered_by_tool):
            found = [replace(f, confidence=min(f.confidence, self.report_confidence)) for f in found]
        yield from found

    def _long_sentences(self, text: str) -> bool:
        """Are the text's sentences `tool_lowered_min_words` words long on average ("hi, i'm dan. i code."
        is not)?"""
        return len(t.WORD.findall(text)) >= self.tool_lowered_min_words * max(1, self._starts(text))

    def _starts_sentence(self, f: Finding) -> bool:
        """An applied capital at a sentence start (not a name, not the pronoun "I")."""
        return f.confidence >= self.rule.confidence and f.message != _I_NOTE and not f.message.endswith(_NAME_NOTE)

    @staticmethod
    def _starts(text: str) -> int:
        """Roughly how many sentences the text has."""
        return len(_STARTS.findall(text))

    def _capital(self, text: str, pos: int, why: str, confidence: float | None = None) -> Finding | None:
        m = _PLAIN.match(text, pos)
        if m is None:
            return None
        w = m.group()
        base = _APOSTROPHE_REST.sub("", w)
        if not w.islower() or len(base) < 2 and base not in ("a", "i"):
            return None
        named = None if self._known(base) else self.lexicon.name_form(base)
        if not (self._known(base) or named is not None or _LONG_ASCII.fullmatch(base) and _VOWEL.search(base)
                or _LONG_NON_ASCII.fullmatch(base)):
            return None  # "npm", "n8n": an identifier, written so on purpose
        if text[m.end():m.end() + 1] == "." and base in self.abbreviations:
            return None  # "vs.", "etc.": an abbreviation, not a sentence
        if len(base) > 1 and not self.stats.is_common(base) and self._lower_elsewhere(text, pos, w):
            # "italki", "monday": a name this text writes in lower case; but not the text's first
            # word when English writes it in lower case ("taxi drivers protested ... a taxi")
            if not (_BLANK.fullmatch(text, 0, pos) and self.lexicon.is_lower_word(base.casefold())):
                return None
        canonical = self.names.get(base) or named  # "nsa's" -> "NSA's", "iphone" -> "iPhone"
        nxt = _NEXT_ANY_WORD.match(text, m.end()) if base == "us" else None
        if nxt is not None and nxt.group(1).casefold() in self.us_next:
            canonical = "US"  # "us officials said": the United States
        if canonical is not None and canonical != base.capitalize() and len(base) > 1:
            return finding(self.rule, pos, pos + len(base), canonical, f"'{base}' {why}: '{canonical}'.", confidence)
        return finding(self.rule, pos, pos + 1, w[0].upper(), f"'{w}' {why}: capital letter.", confidence)

    @staticmethod
    def _lower_elsewhere(text: str, pos: int, word: str) -> bool:
        """Is `word` written so elsewhere in mid-sentence (a whole word, after a letter and a space)?"""
        # the matches of (?<![\p{L}\p{N}])word(?![\p{L}\p{N}]), in order, without a pattern per word
        i, n = text.find(word), len(word)
        while i >= 0:
            if (i == 0 or not _LETTER_OR_DIGIT.match(text, i - 1)) and not _LETTER_OR_DIGIT.match(text, i + n):
                if i != pos and _WORD_BEFORE.search(text[max(0, i - 3):i]):
                    return True
                i = text.find(word, i + n)
            else:
                i = text.find(word, i + 1)
        return False

    def _line(self, text: str, start: int, end: int, prev_ends: bool, sentence_like: bool,
              spots: _Spots) -> Iterator[Finding]:
        done: set[int] = set()
        first = _LEAD.match(text, start, end).end()
        # "requests — downloads the pages": a term and its explanation, not a sentence
        term = _TERM.match(text, first, end) is not None
        if prev_ends and sentence_like and not term:
            f = self._capital(text, first, "starts the sentence")
            if f is not None:
                done.add(first)
                yield f
        depth, counted = [0, 0], start  # "(" minus ")" and "[" minus "]" in text[start:counted]
        for m in spots.within(spots.after_end, start, end):
            piece = text[counted:m.start()]
            depth[0] += piece.count("(") - piece.count(")")
            depth[1] += piece.count("[") - piece.count("]")
            counted = m.start()
            if depth[0] > 0 or depth[1] > 0:
                continue  # "(ie. slugs)", "(a parent? teacher?)"
            prev = _PREV_TOKEN.search(text, max(start, m.start() - 30), m.start("stop") + 1)
            if m.group("stop") == "." and prev is not None:
                token = prev.group(1).strip("\"“”'’(")
                if (token.casefold() in self.abbreviations or "." in token or len(token) < 2
                        or not token.isalpha() or len(token) <= 3 and (token[:1].isupper() or self._short_form(token))):
                    continue  # "Mr.", "gov.", "bt.": an abbreviation more likely than a sentence's end
            # "lungs? the nose?", "Club Z! offers": questions and titles go on in lower case
            conf = None if m.group("stop") == "." else self.report_confidence
            f = self._capital(text, m.end(), "starts a sentence", conf)
            if f is not None:
                done.add(m.end())
                yield f
        for m in spots.within(spots.i_contraction, start, end):
            yield finding(self.rule, m.start(), m.end(), "I", _I_NOTE)
        for m in spots.within(spots.i_before_word, start, end):
            if m.start() not in done and self.pronoun_next.match(text, m.end()):
                yield finding(self.rule, m.start(), m.end(), "I", _I_NOTE)
        if spots.all_lower and sentence_like and not _CODE.search(text, start, end):
            yield from self._lower_line(text, start, end)
        elif spots.within(spots.no_capital, start, end):
            # (also a line of a text without capitals that is no prose: what a second run, with
            # capitals in the text, would find there anyway)
            yield from self._lower_sentences(text, start, end, spots.all_lower)

    def _lower_line(self, text: str, start: int, end: int) -> Iterator[Finding]:
        """A line of a text without any capital: its names, across abbreviations and initials
        ("gov. gretchen whitmer", "george w. bush", "9:30 a.m. on july 26") that cut sentences."""
        if len(t.WORD.findall(text, start, end)) < self.min_words:
            return
        for pos, (length, new, why, _) in sorted(self.lower_names.names_in(text, start, end, True).items()):
            yield finding(self.rule, pos, pos + length, new, f"{why} {_NAME_NOTE}")

    def _lower_sentences(self, text: str, start: int, end: int, all_lower: bool) -> Iterator[Finding]:
        """A sentence with no capital at all: names that are always capitalised get theirs back.
        Names known only from the spelling dictionary, or from no list at all, are applied only
        in a text without any capital (lower-cased by a tool); beside capitalised sentences such
        a sentence is more often code or a lower-case style ("sudo tailscale serve", "dbt has")."""
        for s in _SENTENCE.finditer(text, start, end):
            if s.start("s") < 0:
                continue  # no sentence mark up to the line's end
            body = s.group()
            if any(map(str.isupper, body)) or len(t.WORD.findall(body)) < self.min_words:
                continue
            if not (s.start() == start or _mark_before(text, start, s.start())):
                continue  # the rest of a sentence, after a colon or a bracket: not a whole sentence
            if not _LOWER_START.match(body):
                continue  # "), but also …": not a sentence's start
            if s.start() != start and not (body.startswith(" ") and self._ends_sentence(text, start, s.start())):
                continue  # "README.md file", "the U.S. internet": no sentence starts there
            for pos, (length, new, why, weak) in sorted(self.lower_names.names_in(text, s.start(), s.end(), all_lower).items()):
                confidence = self.report_confidence if weak and not all_lower else None
                yield finding(self.rule, pos, pos + length, new, f"{why} {_NAME_NOTE}", confidence)

    def _ends_sentence(self, text: str, start: int, pos: int) -> bool:
        """Does the word before the mark at text[pos - 1] end a sentence (no "U.S.", "etc.", "Dr.")?"""
        prev = _PREV_TOKEN.search(text, max(start, pos - 30), pos)
        if prev is None:
            return True
        token = prev.group(1).strip("\"“”'’(")
        return not (token.casefold() in self.abbreviations or "." in token or len(token) < 2
                    or len(token) <= 3 and text[pos - 1] == "." and (token[:1].isupper() or self._short_form(token)))

    def _short_form(self, token: str) -> bool:
        """A short lower-case word that English does not write so often ("mr", "gov", "bt"): before
        a full stop, an abbreviation."""
        return not self.stats.is_common(token)

class _Spots:
    """The matches of the per-line patterns, found over the whole text at once (none of them spans
    lines), looked up by line: most lines have none and are skipped."""

    def __init__(self, text: str):
        self.after_end = _matches(_AFTER_END, text)
        self.i_contraction = _matches(_I_CONTRACTION, text)
        self.i_before_word = _matches(_I_BEFORE_WORD, text)
        self.no_capital = _matches(_NO_CAPITAL, text)  # (a necessary condition of _lower_sentences)
        self.all_lower = _ANY_CAPITAL.search(text) is None
        self.all_starts = sorted(p for f in (self.after_end, self.i_contraction, self.i_before_word, self.no_capital)
                                 for p in f[0])

    @staticmethod
    def within(found: tuple[list[int], list], start: int, end: int) -> list:
        starts, matches = found
        return matches[bisect_left(starts, start):bisect_left(starts, end)]

    def on(self, start: int, end: int) -> bool:
        """Does any of them start on the line text[start:end]?"""
        i = bisect_left(self.all_starts, start)
        return i < len(self.all_starts) and self.all_starts[i] < end


def _matches(pattern, text: str) -> tuple[list[int], list]:
    found = list(pattern.finditer(text))
    return [m.start() for m in found], found


def _mark_before(text: str, start: int, pos: int) -> bool:
    """regex.search(r"[.!?][ ]*\\Z", text[start:pos]), without copying the line up to pos."""
    while pos > start and text[pos - 1] == " ":
        pos -= 1
    return pos > start and text[pos - 1] in ".!?"
