"""Lost capitals: a sentence that starts lower-case ("... soon. the company said"),
the pronoun "i", and a whole sentence in lower case ("talks in paris and london.").

In a sentence with no capital at all, names get theirs back: a word that is almost always
Capitalised (word-case statistics), and a two-word name whose words alone are ordinary words
("central america", `namephrases`: rules/data/namephrases.tsv, see scripts/build_namephrases.py),
a word never seen lower-case (`min_unseen_lower` times Capitalised: "haiti"), a word of the
rule's `lower_sentence_names` ("nato" -> "NATO", "i" -> "I"), "us" after "the" or before one of
`us_before` ("the us", "us troops" -> "US"), and a title (`titles`) before any of those
("president putin", "st. petersburg").

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

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from typing import Iterator

import regex

from ..kinds.common import finding
from ..model import Finding, Rule
from . import text as t
from .wordcase import WordCase, data_path

# (the mark first, the letter before it looked at after: a look-behind first is tried everywhere)
_AFTER_END = regex.compile(r"(?P<stop>[.!?])(?<=[\p{L}\p{N}][.!?])[ ]+(?=\p{Ll})")
_PREV_TOKEN = regex.compile(r"(\S+)[.!?]$")
# A plain word: letters (an apostrophe inside), then a space, a mark or the end; not an
# identifier, a path, a handle or a dotted name.
_PLAIN = regex.compile(r"\p{L}+(?:['’]\p{L}+)?(?=[\s,;:!?)\]\"”’']|\.(?![\p{L}\p{N}])|$)")
_NAME_NOTE = "(the sentence lost its capitals)."
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
_LOWER_START = regex.compile(r"[ ]*\p{Ll}")
_APOSTROPHE_REST = regex.compile(r"['’].*$")
_LONG_ASCII = regex.compile(r"[a-z]{4,}")
_NEXT_WORD = regex.compile(r"[ ]+(\p{Ll}+)")
_VOWEL = regex.compile(r"[aeiouy]")
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")
_WORD_BEFORE = regex.compile(r"\p{L}[,;:]?[ ]+\Z")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "our", "my", "your",
                "its", "each", "every", "some", "any", "no"}


class SentenceCase:
    def __init__(self, rule: Rule):
        d = rule.data
        self.rule = rule
        self.stats = WordCase(d.get("wordcase", "data/wordcase.tsv"), 1.0, 3,
                              float(d.get("name_share", 0.97)), int(d.get("min_name", 30)))
        self.abbreviations = {a.casefold().rstrip(".") for a in d.get("abbreviations", [])}
        self.phrases = _phrases(d["namephrases"]) if "namephrases" in d else frozenset()
        self.names = {k.casefold(): v for k, v in d.get("lower_sentence_names", {}).items()}
        self.titles = {w.casefold() for w in d.get("titles", [])}
        self.us_next = set(d.get("us_before", []))
        self.min_unseen_lower = int(d.get("min_unseen_lower", 1 << 30))
        self.pronoun_next = regex.compile(r"[ ]+(?:\L<w>)\b", w=d.get("pronoun_next", ["am"]))
        self.min_words = int(d.get("lower_sentence_min_words", 6))
        self.report_confidence = float(d.get("report_confidence", 0.5))
        self.style_min = int(d.get("lower_style_min", 3))
        self.style_share = float(d.get("lower_style_share", 0.3))

    def _known(self, word: str) -> bool:
        return self.stats.counts(word) is not None

    def find(self, text: str) -> Iterator[Finding]:
        found: list[Finding] = []
        spots = _Spots(text)
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
            ends_sentence = _ENDS_SENTENCE.search(line) is not None
            here = list(self._line(text, start, end, prev_ends_sentence, ends_sentence, spots))
            starts = [f for f in here if not f.message.endswith(_NAME_NOTE) and f.confidence >= self.rule.confidence]
            if len(starts) >= 2 and not _CAPITAL_START.search(line):
                # "hi, i'm dan. i'm 16. in my free time…": a paragraph in lower case on purpose
                here = [replace(f, confidence=min(f.confidence, self.report_confidence)) for f in here]
            found.extend(here)
        # Written in lower case on purpose ("hi, i'm dan. i build things."): report only.
        lowered = sum(1 for f in found if f.confidence >= self.rule.confidence and not f.message.endswith(_NAME_NOTE))
        if lowered >= self.style_min and lowered >= self.style_share * max(1, self._starts(text)):
            found = [replace(f, confidence=min(f.confidence, self.report_confidence)) for f in found]
        yield from found

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
        if not (self._known(base) or _LONG_ASCII.fullmatch(base) and _VOWEL.search(base)):
            return None
        if text[m.end():m.end() + 1] == "." and base in self.abbreviations:
            return None  # "vs.", "etc.": an abbreviation, not a sentence
        if len(base) > 1 and not self.stats.is_common(base) and self._lower_elsewhere(text, pos, w):
            return None  # "italki", "monday": a name this text writes in lower case
        canonical = self.names.get(base)
        if base == "us" and _NEXT_WORD.match(text, m.end()) and _NEXT_WORD.match(text, m.end()).group(1) in self.us_next:
            canonical = "US"  # "us officials said": the United States
        if canonical is not None and canonical.isupper() and len(base) > 1:
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
                        or not token.isalpha() or token[:1].isupper() and len(token) <= 3):
                    continue
            # "lungs? the nose?", "Club Z! offers": questions and titles go on in lower case
            conf = None if m.group("stop") == "." else self.report_confidence
            f = self._capital(text, m.end(), "starts a sentence", conf)
            if f is not None:
                done.add(m.end())
                yield f
        for m in spots.within(spots.i_contraction, start, end):
            yield finding(self.rule, m.start(), m.end(), "I", "The pronoun 'I' is written in capitals.")
        for m in spots.within(spots.i_before_word, start, end):
            if m.start() not in done and self.pronoun_next.match(text, m.end()):
                yield finding(self.rule, m.start(), m.end(), "I", "The pronoun 'I' is written in capitals.")
        if spots.within(spots.no_capital, start, end):
            yield from self._lower_sentences(text, start, end)

    def _lower_sentences(self, text: str, start: int, end: int) -> Iterator[Finding]:
        """A sentence with no capital at all: names that are always capitalised get theirs back."""
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
            for pos, (length, new, why) in sorted(self._names_in(text, s.start(), s.end()).items()):
                yield finding(self.rule, pos, pos + length, new, f"{why} {_NAME_NOTE}")

    def _names_in(self, text: str, start: int, end: int) -> dict[int, tuple[int, str, str]]:
        """position -> (length, replacement, why) for the names of a lower-cased sentence."""
        words = [m for m in t.WORD.finditer(text, start, end)]
        named: dict[int, tuple[int, str, str]] = {}
        for i, m in enumerate(words):
            w = m.group()
            before = words[i - 1].group().casefold() if i else ""
            base = t.POSSESSIVE_S.sub("", w)
            key = base.casefold()
            if i and (before, key) in self.phrases and m.start() - words[i - 1].end() == 1:
                # "central america": a two-word name, its words alone ordinary words
                for n in (words[i - 1], m):
                    if n.start() != start:
                        named[n.start()] = (1, n.group()[0].upper(), f"'{before} {key}' is a name: capital letters")
                continue
            if key in self.names and _PLAIN.match(text, m.start()) is not None:
                # "un", "nato", "putin": the rule's own list (acronyms, names the statistics lack)
                canonical = self.names[key]
                named[m.start()] = (len(base), canonical, f"'{base}' is written '{canonical}'")
                continue
            if key == "us" and (before == "the" or i + 1 < len(words) and words[i + 1].group() in self.us_next):
                named[m.start()] = (2, "US", "'the us', 'us president': the United States, 'US'")
                continue
            if before in _DETERMINERS or len(base) < 2 or _PLAIN.match(text, m.start()) is None:
                continue  # "the baker": a common noun; "i.e.", "u/name": no words
            if text[max(0, m.start() - 1):m.start()].isdigit():
                continue  # "0.4+0.1i"
            if "-" not in base and (self.stats.is_name(base) or self._never_lower(base)) and m.start() not in named:
                named[m.start()] = (1, w[0].upper(), f"'{w}' is a name: capital letter")
        # "president putin", "prime minister abe", "st. petersburg": a title before a name
        for i in range(len(words) - 2, -1, -1):
            m, nxt = words[i], words[i + 1]
            if (nxt.start() in named and m.start() not in named and m.group() in self.titles and m.start() != start
                    and not text[max(0, m.start() - 1):m.start()].isdigit()):  # "1st"
                named[m.start()] = (1, m.group()[0].upper(), f"'{m.group()}' is a title before a name: capital letter")
        return named

    def _ends_sentence(self, text: str, start: int, pos: int) -> bool:
        """Does the word before the mark at text[pos - 1] end a sentence (no "U.S.", "etc.", "Dr.")?"""
        prev = _PREV_TOKEN.search(text, max(start, pos - 30), pos)
        if prev is None:
            return True
        token = prev.group(1).strip("\"“”'’(")
        return not (token.casefold() in self.abbreviations or "." in token or len(token) < 2
                    or token[:1].isupper() and len(token) <= 3 and text[pos - 1] == ".")

    def _never_lower(self, word: str) -> bool:
        """Seen only Capitalised, often enough ("haiti", "munich"): a name."""
        c = self.stats.counts(word)
        return c is not None and c[0] == 0 and c[1] >= self.min_unseen_lower


class _Spots:
    """The matches of the per-line patterns, found over the whole text at once (none of them spans
    lines), looked up by line: most lines have none and are skipped."""

    def __init__(self, text: str):
        self.after_end = _matches(_AFTER_END, text)
        self.i_contraction = _matches(_I_CONTRACTION, text)
        self.i_before_word = _matches(_I_BEFORE_WORD, text)
        self.no_capital = _matches(_NO_CAPITAL, text)  # (a necessary condition of _lower_sentences)
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


@lru_cache(maxsize=4)
def _phrases(name: str) -> frozenset[tuple[str, str]]:
    """The two-word names of rules/data/namephrases.tsv ("central america"), as word pairs."""
    pairs = set()
    with open(data_path(name), encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                first, _, second = line.split("\t", 1)[0].partition(" ")
                pairs.add((first, second))
    return frozenset(pairs)
