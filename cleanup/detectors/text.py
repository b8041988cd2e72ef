"""Text helpers the detectors share: lines, words, sentence starts, headings."""
from __future__ import annotations

from typing import Iterator

import regex

WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*")
LINE = regex.compile(r"[^\n]+")
# What may stand between a sentence end and the next sentence's first word.
_SENTENCE_END = regex.compile(r"(?:[.!?…:;]['\"”’)\]]*|[\])])\s+$")
_OPENERS = regex.compile(r"(?:^|[\s(\[])[\"“‘'(\[«—–\-•*|:;]\s*$|^[\s\"“‘'(\[«—–\-•*#>|0-9.)]*$")
_HEADING_END = regex.compile(r"[.!?:;,…\"”’)]$")
_SENTENCE_END_LINE = regex.compile(r"[.!?…]['\"”’)]*\s*$")
POSSESSIVE_S = regex.compile(r"['’]s$")  # "Alibaba's" -> "Alibaba"
_HYPHEN = regex.compile(r"[\-]")


def word_set(data: dict, key: str) -> set[str]:
    """A rule field's word list, case-folded, as a set (missing: empty)."""
    return {w.casefold() for w in data.get(key, [])}


def lines(text: str) -> Iterator[tuple[int, int]]:
    for m in LINE.finditer(text):
        yield m.start(), m.end()


def is_sentence_start(text: str, line_start: int, pos: int) -> bool:
    """Is the word at pos the first of a sentence (or of a quote, list item, line)?"""
    before = text[max(line_start, pos - 40):pos]
    if pos - line_start <= 40 and _OPENERS.match(text[line_start:pos]):
        return True
    return bool(_SENTENCE_END.search(before) or _OPENERS.search(before))


def is_heading(line: str, max_words: int = 15, words: list[str] | None = None) -> bool:
    """A short line without final punctuation (a title, a heading, a caption, a byline).
    `words`: WORD.findall(line), when known."""
    stripped = line.strip()
    words = WORD.findall(stripped) if words is None else words
    return len(words) <= max_words and not _HEADING_END.search(stripped)


def is_title_case(line: str, share: float = 0.6, words: list[str] | None = None) -> bool:
    """Most longer words capitalised: a headline, written so on purpose. A line that
    ends like a sentence must be capitalised nearly throughout. `words`: WORD.findall(line),
    when known."""
    words = [w for w in (WORD.findall(line) if words is None else words) if len(w) > 3]
    if _SENTENCE_END_LINE.search(line):
        share = 0.9
        if len(words) < 5:
            return False
    elif len(words) < 2:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= share * len(words)


def capitalised(word: str) -> bool:
    """'Startup', 'Short-Video', 'Startup’s' (not 'iPhone', 'ChatGPT', 'USA')."""
    parts = _HYPHEN.split(POSSESSIVE_S.sub("", word))
    return all(p[:1].isupper() and (p[1:].islower() or not p[1:]) for p in parts) and len(word) > 1
