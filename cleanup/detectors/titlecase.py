"""Title Case inside a sentence: "the ChatGpt Chatbot is", "Alibaba Backed Startup".

A Capitalised word in mid-sentence that real text writes lower-case (word-case
statistics, rules/data/wordcase.tsv, plus the rule's `common` list of newer
words) is lower-cased when it cannot be part of a name:
- it ends its run of capitalised words and a lower-case word follows, and no
  other word of the run is an ordinary word ("Big Bang theory" is a name), or
- it follows a participle joined to a name ("Alibaba Backed Startup" ->
  "Alibaba-backed startup"): `participles` lists those ("Backed", "Based").
Such a word after ordinary capitalised words ("Supply Chain Expo") is only reported. Never: sentence starts, headings, lines in
Title Case, words in `name_parts` ("Cloud", "Word": product names), and a pair of words the text
writes so twice or more ("GitHub Actions ... GitHub Actions": a name, used consistently).
Human text is full of product and business names built of ordinary words ("Google Flights",
"BLVD Moving"), which look exactly like the damage: the rule file gives this rule
`needs_mt_evidence`, so its edits apply only in a text with other signs of machine translation
and are reported elsewhere (cleanup.pipeline.RuleStage).
"""
from __future__ import annotations

from typing import Iterator

import regex

from ..kinds.common import finding
from ..model import Finding, Rule
from . import text as t
from .wordcase import WordCase
from .text import word_set

_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")
_LAST_TOKEN = regex.compile(r"\S+[ -]*\Z")
_NEXT_LOWER = regex.compile(r"[ ]+(\p{Ll}+)")
# The words of a line as t.WORD.finditer cuts them, the others skipped in C: what comes before the
# next word that starts with an upper-case letter (group "w"; absent at the line's end). Every
# str.isupper() character is \p{Uppercase} (not the other way round: the caller checks).
_NEXT_CAPITALISED = regex.compile(r"(?:[^\p{L}]|(?!\p{Uppercase})%s)*+(?P<w>%s)?" % (t.WORD.pattern, t.WORD.pattern))
# Two capitalised words with one space between (a line without such a pair has nothing to find:
# `_run` takes no run's first word): the first word's run of letters (group 1), the second word
# (group 2, as t.WORD cuts it: a space is before it) and the lower-case word after it (group 3,
# what _NEXT_LOWER takes), if any. The match ends before the second word, so finditer finds
# every pair, also in a run of three or more.
_PAIR = regex.compile(r"(\p{Uppercase}[\p{L}\p{M}'’\-]*+) (?=(?=\p{Uppercase})(%s)(?:[ ]+(\p{Ll}+))?)" % t.WORD.pattern)
_NOT_TAKEN, _PARTICIPLE, _LOWER = 0, 1, 2  # what a capitalised word after another can be (see _may_find)


class TitleCaseWord:
    def __init__(self, rule: Rule):
        d = rule.data
        self.rule = rule
        self.stats = WordCase(d.get("wordcase", "data/wordcase.tsv"), float(d.get("max_capital_share", 0.02)),
                              int(d.get("min_lower", 20)))
        self.common = word_set(d, "common")
        self.name_parts = word_set(d, "name_parts")
        self.participles = word_set(d, "participles")
        self.report_confidence = float(d.get("report_confidence", 0.5))
        self._kinds: dict[str, int] = {}  # word -> _NOT_TAKEN / _PARTICIPLE / _LOWER (see _kind)
        self._participle_ends = tuple(self.participles)  # for str.endswith

    def _lower_word(self, word: str) -> bool:
        base = t.POSSESSIVE_S.sub("", word).casefold()
        if base in self.name_parts:
            return False
        parts = base.split("-")
        if all(p in self.common or self.stats.is_lower(p) for p in parts):
            return True
        # a compound: the first part an ordinary word, the rest not names ("Short-Video")
        return len(parts) > 1 and (parts[0] in self.common or self.stats.is_lower(parts[0])) and not any(
            self.stats.is_name(p) for p in parts[1:])

    def _ordinary(self, word: str) -> bool:
        base = t.POSSESSIVE_S.sub("", word).casefold()
        return base in self.common or base in self.name_parts or all(self.stats.is_common(p) for p in base.split("-"))

    def _kind(self, word: str) -> int:
        """A capitalised word after another: a participle ("Alibaba Backed"), an ordinary word
        _run may lower-case, or neither (_NOT_TAKEN). Kept per word (a pure function of it)."""
        kind = self._kinds.get(word)
        if kind is None:
            if not (word[0].isupper() and t.capitalised(word)):
                kind = _NOT_TAKEN
            elif word.casefold() in self.participles:
                kind = _PARTICIPLE
            else:
                kind = _LOWER if self._lower_word(word) else _NOT_TAKEN
            if len(self._kinds) > 100_000:  # a bound on memory over a long stream of texts
                self._kinds.clear()
            self._kinds[word] = kind
        return kind

    def _may_find(self, pair: regex.Match) -> bool:
        """Can _run find anything in a line, judging by one of its pairs (a _PAIR match)? A
        necessary condition (most lines with capitals have nothing): every finding is a word
        after another capitalised one that is a participle, or that is ordinary and either
        followed by a lower-case word (not a link) or after a participle (the word before, as
        t.WORD cuts it, ends the pair's first run: its case-folded text ends the run's)."""
        kind = self._kind(pair.group(2))
        if kind != _LOWER:
            return kind == _PARTICIPLE
        nxt = pair.group(3)
        return nxt is not None and nxt not in _LINKS or pair.group(1).casefold().endswith(self._participle_ends)

    def find(self, text: str) -> Iterator[Finding]:
        counts: dict[str, int] = {}
        line_end = -1
        for pair in _PAIR.finditer(text):  # a pair never spans lines
            if pair.start() < line_end or not self._may_find(pair):
                continue  # in a line judged already, or nothing to take (the line's next pair may have)
            start = text.rfind("\n", 0, pair.start()) + 1
            line_end = text.find("\n", pair.end())
            if line_end < 0:
                line_end = len(text)
            line = text[start:line_end]
            words = t.WORD.findall(line)
            if t.is_heading(line, words=words) or t.is_title_case(line, words=words):
                continue
            for f in self._line(text, start, line_end):
                phrase = text[self._pair_start(text, f):f.end]
                if phrase not in counts:
                    counts[phrase] = _count_whole(text, phrase)
                if counts[phrase] < 2:
                    yield f

    @staticmethod
    def _pair_start(text: str, f: Finding) -> int:
        """Where the word before the finding's word starts ("Google Flights", "Alibaba Backed")."""
        m = _LAST_TOKEN.search(text[max(0, f.start - 60):f.start])
        return f.start - len(m.group()) if m else f.start

    def _line(self, text: str, start: int, end: int) -> Iterator[Finding]:
        for members in capitalised_runs(text, start, end):
            if len(members) > 1:  # a lone capitalised word is never taken (see _run)
                opens = t.is_sentence_start(text, start, members[0][0])
                yield from self._run(text, end, opens, members)

    def _run(self, text: str, line_end: int, opens: bool, members: list[tuple[int, int]]) -> Iterator[Finding]:
        participle_at = None
        for k, (m_start, m_end) in enumerate(members):
            w = text[m_start:m_end]
            if opens and k == 0:
                continue
            if k > 0 and w.casefold() in self.participles and t.capitalised(w):
                # "Alibaba Backed" -> "Alibaba-backed": the space goes, the participle is lower-cased
                prev = text[members[k - 1][0]:members[k - 1][1]]
                yield finding(self.rule, members[k - 1][1], m_end, "-" + w.lower(),
                              f"'{prev} {w}' is a compound adjective: '{prev}-{w.lower()}'.")
                participle_at = k
                continue
            if not t.capitalised(w) or not self._lower_word(w):
                continue
            last = k == len(members) - 1
            nxt = _NEXT_LOWER.match(text, m_end, line_end)
            followed = nxt is not None and nxt.group(1) not in _LINKS
            before = [text[o[0]:o[1]] for j, o in enumerate(members[:k])
                      if j != participle_at and not (opens and j == 0 and text[o[0]:o[1]] in _FUNCTION)]
            # after a name ("ChatGPT Chatbot"), not alone ("the Hydrogen atoms") nor after a word ("Milky Way")
            strong = (participle_at is not None and k == participle_at + 1) or (
                last and followed and bool(before) and not any(self._ordinary(o) for o in before))
            if not strong and not (last and followed and before):
                continue  # a lone capitalised word: a name, a title or a sentence start we missed
            message = f"'{w}' is an ordinary word here: lower-case in mid-sentence."
            conf = self.rule.confidence if strong else self.report_confidence
            yield finding(self.rule, m_start, m_end, w.lower(), message, confidence=conf)


def capitalised_runs(text: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """The runs of capitalised words (t.WORD, first letter str.isupper()) one space apart in
    text[start:end], as lists of (start, end): the lower-case words skipped by the regex engine."""
    runs: list[list[tuple[int, int]]] = []
    prev_end = -2
    for m in _NEXT_CAPITALISED.finditer(text, start, end):
        w_start, w_end = m.span("w")
        if w_start < 0:
            break  # the line's end
        if not text[w_start].isupper():  # \p{Uppercase} is wider than str.isupper(): a lower word
            prev_end = -2
            continue
        if w_start == prev_end + 1 and text[prev_end] == " ":
            runs[-1].append((w_start, w_end))
        else:
            runs.append([(w_start, w_end)])
        prev_end = w_end
    return runs


def _count_whole(text: str, phrase: str) -> int:
    """len(regex.findall(r"(?<![\\p{L}\\p{N}])" + regex.escape(phrase) + r"(?![\\p{L}\\p{N}])", text)),
    without compiling a pattern for each phrase."""
    count, n = 0, len(phrase)
    if not n:
        return len(regex.findall(r"(?<![\p{L}\p{N}])(?![\p{L}\p{N}])", text))
    i = text.find(phrase)
    while i >= 0:
        if (i == 0 or not _LETTER_OR_DIGIT.match(text, i - 1)) and not _LETTER_OR_DIGIT.match(text, i + n):
            count += 1
            i = text.find(phrase, i + n)
        else:
            i = text.find(phrase, i + 1)
    return count


_LINKS = {"of", "and", "for", "at", "the", "to", "in", "on", "with", "or", "by", "from", "as", "de", "del", "la",
          "y", "und", "due", "vs", "versus", "against", "under", "over", "upon"}
_FUNCTION = {"The", "A", "An", "This", "That", "These", "Those", "Its", "Our", "Their", "His", "Her", "My",
             "Your", "In", "On", "At", "For", "With", "From", "By", "And", "But", "Meanwhile", "Also"}
