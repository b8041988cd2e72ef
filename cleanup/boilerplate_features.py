"""Shallow features of lines, and a jusText-style classification of them.

Each non-blank line is a block. From the literature (boilerpipe: word counts of a
block and its neighbours; jusText: stopword density, length classes, a context pass
that judges short blocks by their neighbours). Words, thresholds and stopwords are
data: rules/data/boilerplate-<language>.toml and boilerplate-thresholds.toml.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse
from pathlib import Path
from typing import Sequence

import regex

from .line_literals import ascii_words

GOOD, NEAR_GOOD, SHORT, BAD = "good", "near-good", "short", "bad"

_WORD = regex.compile(r"\w+")
_DIGIT = regex.compile(r"[\d\p{No}]")  # matches every character str.isdigit() is true for
# Ends like a sentence: terminal punctuation, maybe inside closing quotes or brackets.
_SENTENCE_END = regex.compile(r"""[.!?…:;][\s"'”’»)\]]*$""")
# A title that ends with its date after a separator ("What is orange wine? - 22 January 2026"):
# a line of a list of articles, however many function words its title has.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATED_TITLE = regex.compile(
    rf"(?i)\S.{{0,160}}?\s(?:[-–—|•·/]\s*)?(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})")
# The same for a line of ASCII, with the standard library's re (faster; on ASCII the two engines
# agree: \w is [A-Za-z0-9_] (line_literals.ascii_words), \s is [ \t\n\v\f\r], no \p{No} character is ASCII).
_ASCII_DIGIT = re.compile(r"[0-9]")
_ASCII_SENTENCE_END = re.compile(r"""[.!?:;][ \t\n\v\f\r"')\]]*$""")


# Thresholds the data files may leave out (they override these).
DEFAULT_THRESHOLDS = {
    "teaser_excerpt_max_words": 60,  # an excerpt cut short ("…") under a teaser's title, up to this long
    "delimiter_min_count": 3,  # a short line repeated this often on a page stands between teasers
    "delimiter_max_words": 4,  # ...when it is at most this long
    "delimited_teasers_min_prose_before": 150,  # and such teasers follow this many words of prose
}


@dataclass(frozen=True)
class Profile:
    """What the features need to know about a language."""

    language: str
    stopwords: frozenset[str]
    thresholds: dict[str, float]

    def __getitem__(self, key: str) -> float:
        return self.thresholds[key]


def _data_dir() -> Path:
    from .rulesets import builtin_rules_dir

    return builtin_rules_dir() / "data"


@lru_cache(maxsize=8)
def load_profile(language: str = "en") -> Profile:
    """The stopwords and thresholds for `language` ("en", "en-US" → "en")."""
    lang = language.split("-")[0].lower()
    base = tomllib.loads((_data_dir() / "boilerplate-thresholds.toml").read_text("utf-8"))
    thresholds = {**DEFAULT_THRESHOLDS, **base.get("thresholds", {})}
    path = _data_dir() / f"boilerplate-{lang}.toml"
    if not path.is_file():
        path = _data_dir() / "boilerplate-en.toml"
    doc = tomllib.loads(path.read_text("utf-8"))
    thresholds.update(doc.get("thresholds", {}))
    return Profile(lang, frozenset(w.lower() for w in doc.get("stopwords", [])), thresholds)


@dataclass(slots=True)
class Block:
    """One non-blank line and what we measured of it."""

    index: int  # line index in the document
    text: str  # stripped
    words: int
    stopwords: int
    chars: int
    sentence: bool  # ends like a sentence
    cls: str = SHORT  # the context-free class
    final: str = SHORT  # after the context pass: GOOD or BAD

    @property
    def stop_density(self) -> float:
        return self.stopwords / self.words if self.words else 0.0

    @property
    def prose(self) -> bool:
        """Prose by itself, whatever its neighbours: a paragraph or a full sentence."""
        return self.cls in (GOOD, NEAR_GOOD)


def measure(index: int, text: str, profile: Profile) -> Block:
    stripped = text.strip()
    if stripped.isascii():
        tokens, digit, sentence_end = ascii_words(stripped), _ASCII_DIGIT, _ASCII_SENTENCE_END
    else:
        tokens, digit, sentence_end = _WORD.findall(stripped.lower()), _DIGIT, _SENTENCE_END
    if digit.search(stripped) is not None:  # numbers are not words (most lines have none)
        tokens = list(filterfalse(str.isdigit, tokens))
    stops = len(list(filter(profile.stopwords.__contains__, tokens)))  # (a map in C: no loop in Python)
    return Block(index, stripped, len(tokens), stops, len(stripped), bool(sentence_end.search(stripped)))


class Measures:
    """measure() and classify(), remembered per line text: a page repeats its menus, a site its
    footers, and the stage's later rounds see the same lines again (cleanup/boilerplate_rounds.py).
    Blocks come out classified (`cls` set)."""

    MAX = 50_000

    def __init__(self, profile: Profile):
        self.profile = profile
        self.seen: dict[str, tuple[str, int, int, int, bool, str]] = {}

    def __call__(self, index: int, text: str) -> Block:
        got = self.seen.get(text)
        if got is None:
            b = measure(index, text, self.profile)
            b.cls = classify(b, self.profile)
            if len(self.seen) > self.MAX:
                self.seen.clear()
            self.seen[text] = (b.text, b.words, b.stopwords, b.chars, b.sentence, b.cls)
            return b
        return Block(index, *got)


def classify(block: Block, profile: Profile) -> str:
    """jusText's context-free classes, plus: a short line that is a whole sentence is near-good,
    and a title ending with a date is short (a list of articles, not prose)."""
    density = block.stop_density
    if block.words <= profile["dated_title_max_words"] and _may_end_with_date(block.text) \
            and _DATED_TITLE.fullmatch(block.text):
        return SHORT
    if block.chars < profile["length_low"]:
        if block.sentence and block.words >= profile["sentence_min_words"] and density >= profile["stopwords_low"]:
            return NEAR_GOOD
        return SHORT
    if density >= profile["stopwords_high"]:
        return GOOD if block.chars > profile["length_high"] else NEAR_GOOD
    if density >= profile["stopwords_low"]:
        return NEAR_GOOD
    return BAD


def _may_end_with_date(text: str) -> bool:
    """A dated title ends with a digit (an ASCII character that is no digit cannot be one;
    other characters are left to the pattern)."""
    last = text[-1:]
    return not last.isascii() or last.isdigit()


def resolve_context(blocks: Sequence[Block]) -> None:
    """jusText's context pass: short and near-good blocks take their neighbours' verdict.
    As in jusText, every block is judged by its neighbours' classes before the pass
    (not by verdicts given earlier in the same pass). Linear: each nearest-neighbour
    lookup is precomputed by one pass in each direction."""
    for b in blocks:
        b.final = b.cls
    classes = [b.cls for b in blocks]
    prev_gb, next_gb = _nearest(classes, (SHORT, NEAR_GOOD))
    prev_any, next_any = _nearest(classes, (SHORT,))
    for i, b in enumerate(blocks):  # short blocks, judged by the nearest good/bad ones
        if b.cls != SHORT:
            continue
        if prev_gb[i] == GOOD and next_gb[i] == GOOD:
            b.final = GOOD
        elif prev_gb[i] == BAD and next_gb[i] == BAD:
            b.final = BAD
        else:  # good on one side, bad on the other: good when the bad side has near-good prose first
            near = (prev_gb[i] == BAD and prev_any[i] == NEAR_GOOD) or (next_gb[i] == BAD and next_any[i] == NEAR_GOOD)
            b.final = GOOD if near else BAD
    finals = [b.final for b in blocks]
    skip = [c == NEAR_GOOD for c in classes]
    prev_f, next_f = _nearest(finals, (), skip)
    for i, b in enumerate(blocks):  # near-good blocks: bad only between bad ones
        if b.cls == NEAR_GOOD:
            b.final = BAD if (prev_f[i] == BAD and next_f[i] == BAD) else GOOD


def _nearest(values: list[str], skip: tuple[str, ...], skipped: list[bool] | None = None):
    """For each position, the nearest value before it and after it that is not skipped
    (BAD at the document's edges, which count as boilerplate)."""
    n = len(values)
    prev, nxt = [BAD] * n, [BAD] * n
    last = BAD
    for i in range(n):
        prev[i] = last
        if values[i] not in skip and not (skipped and skipped[i]):
            last = values[i]
    last = BAD
    for i in range(n - 1, -1, -1):
        nxt[i] = last
        if values[i] not in skip and not (skipped and skipped[i]):
            last = values[i]
    return prev, nxt
