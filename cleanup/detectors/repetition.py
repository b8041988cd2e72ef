"""Repeated words and phrases: "the the", "in the in the" (fixed), a word said twice in
one clause (reported), and a sentence said twice (removed when it follows itself)."""
from __future__ import annotations

from collections import Counter
from itertools import accumulate, compress, count, islice, repeat
from operator import eq, itemgetter, not_
from typing import Iterator

import re

import regex

from ..kinds import RuleError
from ..kinds.casing import NameStarts, text_key
from ..kinds.common import finding, timeout_for
from ..model import Finding, Rule
from . import text as t
from .wordcase import WordCase
from .text import word_set

_WORD = regex.compile(r"\b\p{L}[\p{L}'’]*\b")
# A word, a number or a compound of them: "food", "2016", "Covid-19", "600Mbit/s", "3.5".
_TOKEN = r"[\p{L}\p{N}](?:[\p{L}\p{N}'’]|[\-/.,:](?=[\p{L}\p{N}]))*"
# The last character of a chunk that cannot be part of a token (searched backwards).
_NOT_TOKEN_BACKWARDS = regex.compile(r"(?r)[^\p{L}\p{N}'’\-/.,:]")


# In a key: the end of a chunk that is surely no token's (a byte of none: a line break, a bracket);
# '?' stands for any other character, a letter or not.
_KEY_TAIL = re.compile(rb"[a-z0-9'\-/.,:?]*\Z")
_KEY_TOKEN_END = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789'?")  # a token's last character, before a space
_FIRST, _LAST = itemgetter(0), itemgetter(-1)  # of a chunk (never empty), as a byte's number


def _may_repeat_next(chunk: bytes, following: bytes) -> bool:
    """Can a one-word repeat start in `chunk` (not all letters and digits) with its copy in
    `following`? The word is the end of the chunk from its last character that cannot be in a
    token (the tail), and the copy starts the next chunk."""
    tail = _KEY_TAIL.search(chunk).group()
    if not tail or tail[-1] not in _KEY_TOKEN_END:
        return False  # the chunk ends outside a token ("word,", "(", "\n")
    if b"?" not in tail:
        return following.startswith(tail)
    return tail[-1] in following and following[0] in tail  # a '?' may end the word where it stands


def _candidate_chunks(text: str, max_words: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each space-separated chunk of `text` in which a repeat of up to
    `max_words` words could start: a cheap necessary condition on the chunks that follow,
    compared by their key (kinds.casing.ascii_key), in which case-insensitively equal strings
    are equal. A repeat's first word ends its chunk, and its first
    copy starts the next chunk (one word) or is the whole chunk `max_words` further on."""
    parts = text_key(text).split(b" ")  # one byte for each character: offsets stay
    nonempty = list(compress(range(len(parts)), parts))
    words = list(filter(None, parts))
    # The comparisons run in C (map over bytes and their methods); Python sees only the few survivors.
    # Where one chunk starts or ends with another, their first or last bytes are equal: those of all
    # the chunks, as two strings, are compared first.
    firsts, lasts = bytes(map(_FIRST, words)), bytes(map(_LAST, words))
    # one word: the copy starts with the chunk's last token; a chunk of letters and digits only is that token
    alnum = list(map(bytes.isalnum, words))
    found = {i for i in compress(count(), map(eq, firsts, islice(firsts, 1, None)))
             if alnum[i] and words[i + 1].startswith(words[i])}
    # else (a chunk with other characters: fewer): the same on the chunk's tail that can be a token's
    last = len(words) - 1
    found.update(i for i in compress(range(last), map(not_, alnum))
                 if words[i][-1] in words[i + 1] and words[i + 1][0] in words[i]
                 and _may_repeat_next(words[i], words[i + 1]))
    for k in range(2, max_words + 1):
        last = len(words) - 2 * k  # the copy's last word, at i + 2k - 1, must exist
        found.update(i for i in compress(range(last + 1), map(eq, lasts, islice(lasts, k, None)))
                     if words[i].endswith(words[i + k]) and words[i + 2 * k - 1].startswith(words[i + k - 1]))
    if not found:
        return
    offsets = list(accumulate(map(len, parts), initial=0))
    for i in sorted(found):
        j = nonempty[i]
        start = offsets[j] + j
        yield start, start + len(parts[j])


# (pattern, text, matches) of the last text scanned: the repetition rules share one pattern.
# One tuple, replaced whole (threads sharing it see one scan or another, never a mix).
_last_scan: tuple = (None, None, None)


class RepeatedWord:
    """The same word or run of words two or more times in a row, separated only by
    spaces: the copies go ("food food food" -> "food").

    Human text repeats on purpose too, so only a stutter is fixed:
    - `allow` lists words and runs that may legitimately repeat ("had had", "Bora Bora").
    - Runs of `connectors` ("more and more", "region to region") and series after a comma
      ("brunch, brunch brunch") are deliberate: left alone.
    - A run repeated with another casing is left alone ("Token token": code, names), except a
      sentence's first word said again in lower case ("The the"), when it is an ordinary
      lower-case word (`wordcase` statistics; "Zee zee plant" stays).
    - A run of several words that starts with one of `report_openers` ("we think we think",
      "I know I know") is reported.
    - Lower-case runs are fixed in a line that ends like a sentence; in other lines (tables,
      headings, code), runs of `report_from_words` words or more ("we don't know we don't
      know") and an exclamation of its own ("– layers layers layers!") are reported.
    - A capitalised or numeric run is often a name ("Koh Phi Phi", "Chicken Chicken Cake",
      "Walla Walla") or a table row ("Yes Yes No"). `capitalised` chooses which of them this
      rule takes: "clause-end" (the default) fixes them only at the end of a clause, before
      a mark (". , ; : ! ?"), in a line that ends like a sentence ("in Paris Paris."), where
      a name does not repeat a word; "mid-sentence" takes the others in sentence lines
      (a rule that applies them only with evidence of machine translation, or reports them).
    """

    def __init__(self, rule: Rule):
        d = rule.data
        self.rule = rule
        self.allow = word_set(d, "allow")
        self.connectors = word_set(d, "connectors")
        self.report_confidence = float(d.get("report_confidence", 0.5))
        self.report_from_words = int(d.get("report_from_words", 3))
        self.report_openers = word_set(d, "report_openers")
        self.stats = WordCase(d["wordcase"], 0.02, 20) if "wordcase" in d else None
        self.capitalised = d.get("capitalised", "clause-end")
        if self.capitalised not in ("clause-end", "mid-sentence"):
            raise RuleError("'capitalised' must be 'clause-end' or 'mid-sentence'")
        # The same run of 1..max_words words, twice, with only spaces between.
        n = int(d.get("max_words", 1))
        if not 1 <= n <= 8:
            raise RuleError("'max_words' must be 1..8")
        self.max_words = n
        self.pattern = regex.compile(
            r"(?<![\p{L}\p{N}'’\-/.,:])(?P<run>%s(?:[ ]+%s){0,%d}?)(?P<gap>[ ]+)(?P=run)(?:[ ]+(?P=run))*(?![\p{L}\p{N}'’\-/]|[.,:][\p{L}\p{N}])"
            % (_TOKEN, _TOKEN, n - 1),
            regex.IGNORECASE,
        )

    def _matches(self, text: str) -> list[regex.Match]:
        """What `self.pattern.finditer(text)` finds, found faster: the pattern is tried only
        where a repeat can start, at the first token character at the end of a candidate
        chunk (before it the lookbehind fails, after it the run would not end the chunk)."""
        global _last_scan
        last = _last_scan
        if last[0] == self.pattern.pattern and last[1] is text:
            return last[2]
        out, done, budget = [], 0, timeout_for(text)
        for start, end in _candidate_chunks(text, self.max_words):
            other = _NOT_TOKEN_BACKWARDS.search(text, start, end)
            pos = other.end() if other else start
            if pos < done or pos >= end:
                continue
            m = self.pattern.match(text, pos, timeout=budget)
            if m is not None:
                out.append(m)
                done = m.end()
        _last_scan = (self.pattern.pattern, text, out)
        return out

    def find(self, text: str) -> Iterator[Finding]:
        lines = _Lines(text)
        for m in self._matches(text):
            verdict = self._judge(text, m, lines)
            if verdict is None:
                continue
            run = m.group("run")
            conf = self.rule.confidence if verdict else self.report_confidence
            yield finding(self.rule, m.end("run"), m.end(), "", self.rule.message.format(found=run), confidence=conf)

    def _judge(self, text: str, m: regex.Match, lines: _Lines) -> bool | None:
        """True: fix; False: report; None: leave alone (or to the other rule)."""
        run = m.group("run")
        words = run.split()
        if run.casefold() in self.allow or " ".join(words).casefold() in self.allow:
            return None
        copies = _SPACES.split(text[m.start():m.end()])
        copies = [" ".join(copies[i:i + len(words)]) for i in range(0, len(copies), len(words))]
        line_start, line_end = lines.around(m.start(), m.end())
        lower = words[0][:1].islower()
        if len(set(copies)) > 1:
            # "The the": a sentence's first word, typed again in lower case
            stutter = (len(words) == 1 and copies[0][:1].isupper() and copies[0][1:].islower()
                       and all(c.islower() for c in copies[1:]) and t.is_sentence_start(text, line_start, m.start())
                       and self.stats is not None and self.stats.is_lower(copies[1]))
            return True if stutter and self.capitalised == "clause-end" else None
        # "brunch, brunch brunch", "Yes, yes yes": a series said on purpose
        before = text[max(line_start, m.start() - 60):m.start()]
        if before.endswith(" ") and before.rstrip(" ").endswith(",") and regex.search(  # (compiled per word: rare)
                r"(?:^|[^\p{L}\p{N}])" + regex.escape(words[-1]) + r",[ ]+\Z", before, regex.IGNORECASE):
            return None
        if len(words) == 2 and any(w.casefold() in self.connectors for w in words) and not any(
                w.casefold() in _FUNCTION_WORDS for w in words if w.casefold() not in self.connectors):
            return None  # "more and more", "war after war after war", "region to region"; not "to the to the"
        sentence_line = lines.ends_sentence(line_start, line_end)
        if lower:
            if self.capitalised != "clause-end":
                return None
            if not sentence_line or len(words) >= self.report_from_words:
                return False
            if len(words) > 1 and words[0].casefold() in self.report_openers:
                return False  # "how we think we think", "I know I know": said so on purpose
            if _EXCLAMATION.match(text, m.end(), line_end) and _opens_before(text, line_start, m.start()):
                return False  # "– layers layers layers!": an exclamation, said so on purpose
            return True
        if not sentence_line:
            return None  # table rows, headings, code
        clause_end = bool(_CLAUSE_END.match(text, m.end(), line_end))
        if self.capitalised == "clause-end":
            return True if clause_end else None
        return None if clause_end else True


_FUNCTION_WORDS = {"the", "a", "an", "of", "in", "at", "this", "that", "these", "those", "it", "its", "is", "be",
                   "with", "his", "her", "their", "our", "my", "your", "as", "into", "onto"}
# A line that ends like a sentence (a full stop, perhaps inside quotes or brackets).
_SENTENCE_LINE = regex.compile(r"[.!?…]['\"”’)\]]*[ \t]*$")
_EXCLAMATION = regex.compile(r"['\"”’)\]]*!")
_CLAUSE_END = regex.compile(r"['\"”’)\]]*[.,;:!?](?:\s|$|['\"”’)\]])")
_SPACE = regex.compile(r"\s")
_OPENERS = ".!?;:—–-(\"“"


def _opens_before(text: str, line_start: int, pos: int) -> bool:
    """regex.search(r"(?:^|[.!?;:—–\\-(\"“]\\s*)\\Z", text[line_start:pos].rstrip()), looking back from
    pos only as far as the spaces go (the line's start may be far)."""
    while pos > line_start and text[pos - 1].isspace():  # rstrip()
        pos -= 1
    if pos == line_start:
        return True  # nothing before: ^ at the end
    while pos > line_start and _SPACE.match(text, pos - 1):  # \s*
        pos -= 1
    return pos > line_start and text[pos - 1] in _OPENERS


class _Lines:
    """The line around each repeat, for repeats in order: each part of the text is searched for
    line breaks about once (per repeat, a search from the text's start and to the line's end took
    time quadratic in the length of a line with many repeats)."""

    def __init__(self, text: str):
        self.text = text
        self.start, self.scanned, self.end = 0, 0, -1
        self.sentence: dict[int, bool] = {}

    def around(self, start: int, end: int) -> tuple[int, int]:
        """(text.rfind("\\n", 0, start) + 1, text.find("\\n", end) or the text's end)."""
        text = self.text
        if start < self.scanned:  # out of order: from scratch
            self.start, self.scanned, self.end = 0, 0, -1
        nl = text.rfind("\n", self.scanned, start)
        if nl >= 0:
            self.start = nl + 1
        self.scanned = start
        if end > self.end:
            e = text.find("\n", end)
            self.end = len(text) if e < 0 else e
        return self.start, self.end

    def ends_sentence(self, start: int, end: int) -> bool:
        """Does the line text[start:end] end like a sentence (_SENTENCE_LINE)?"""
        if start not in self.sentence:
            self.sentence[start] = _SENTENCE_LINE.search(self.text, start, end) is not None
        return self.sentence[start]


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
        self.first_pass = NameStarts(words)
        self.window = int(rule.data.get("window", 12))
        self.marks_in_words = any(_CLAUSE_MARK.search(w) for w in words)

    def find(self, text: str) -> Iterator[Finding]:
        starts = self.first_pass.starts(text)
        if starts == []:
            return  # none of the words anywhere (a first pass over the text's key): none in any clause
        seen: dict[str, int] = {}
        clause = None
        for here, m in self._words_by_clause(text, starts):
            if here != clause:
                seen, clause = {}, here
            key = m.group().casefold()
            words_between = len(_WORD.findall(text, seen.get(key, 0), m.start())) if key in seen else None
            if words_between is not None and words_between <= self.window:
                yield finding(self.rule, m.start(), m.end(), None, self.rule.message.format(found=m.group()))
            seen[key] = m.end()

    def _words_by_clause(self, text: str, starts: list[int] | None) -> Iterator[tuple[int, regex.Match]]:
        """The words' matches, each with an id of its clause (a run without . ! ? or a line break).
        `starts`: where a word can start (self.first_pass.starts(text))."""
        budget = timeout_for(text)
        if self.marks_in_words:  # a word may reach over a clause's end: clause by clause
            for clause in _CLAUSE.finditer(text, timeout=budget):
                for m in self.words.finditer(text, clause.start(), clause.end()):
                    yield clause.start(), m
            return
        # the whole text at once (no match can reach over a mark; a clause's edges are no letters,
        # so \b sees the same), the clause found from its first word (most clauses have none)
        clause_start, clause_end = -1, -1
        for m in self.first_pass.matches(self.words, text, budget, starts):  # = self.words.finditer(text)
            if m.start() > clause_end:
                clause_start = m.start()  # (the id: not the clause's start, its first word's)
                mark = _CLAUSE_MARK.search(text, m.end())
                clause_end = mark.start() if mark else len(text)
            yield clause_start, m


_CLAUSE = regex.compile(r"[^.!?\n]+")
_CLAUSE_MARK = re.compile(r"[.!?\n]")
# A sentence: from a character that is not a space or a mark, up to its marks (and closing quotes).
# A run that reaches the line's end without a mark is consumed whole by the second branch and
# skipped: tried from each of its positions, the first branch alone took time quadratic in the
# line's length.
_SENTENCE = regex.compile(r"(?P<s>[^\s.!?][^.!?\n]*+[.!?]+[\"”’)]*)|[^\s.!?][^.!?\n]*+")
_SPACES = regex.compile(r"[ ]+")


class RepeatedSentence:
    """A sentence (of at least `min_words` words) said again. Right after itself, the
    copy goes; further away it is reported."""

    def __init__(self, rule: Rule):
        self.rule = rule
        self.min_words = int(rule.data.get("min_words", 5))
        self.report_confidence = float(rule.data.get("report_confidence", 0.5))

    def find(self, text: str) -> Iterator[Finding]:
        budget = timeout_for(text)
        matches = _SENTENCE.finditer(text, timeout=budget)
        if self.min_words >= 1:
            # Only sentences whose first-pass key another sentence shares can be said twice (their
            # keys differ otherwise): the others are skipped in C (most texts: all of them).
            matches = _maybe_repeated(text, budget, self.min_words, matches)
        seen: set[str] = set()
        prev_key, prev_end = None, -1
        for m in matches:
            if m is None:
                prev_key = None  # sentences skipped: a key no other sentence has, nothing repeats it
                continue
            if m.start("s") < 0:
                continue  # a run up to the line's end without a sentence mark
            sentence = m.group()
            words = (_WORD if _NOT_PLAIN.search(sentence) else _PLAIN_WORD).findall(sentence)
            key = " ".join(words).casefold()  # the same as casefolding each word
            if len(words) >= self.min_words and key in seen:
                message = self.rule.message.format(found=sentence)
                if key == prev_key and _SPACES.fullmatch(text[prev_end:m.start()]):
                    yield finding(self.rule, prev_end, m.end(), "", message)
                else:
                    yield finding(self.rule, m.start(), m.end(), None, message,
                                  confidence=self.report_confidence)
            seen.add(key)
            prev_key, prev_end = key, m.end()


def _maybe_repeated(text: str, budget: float, min_words: int, matches: Iterator[regex.Match]) -> Iterator:
    """`matches` (_SENTENCE.finditer(text)) but only the sentences that may have the key of
    another, as RepeatedSentence.find makes them, with at least `min_words` (>= 1) words, and a
    None for any sentences left out between them: those whose first-pass key, a function of the
    key, another's is too. Found with no Python code per sentence (maps over C methods). In plain
    text (_NOT_PLAIN) the first-pass key is the sentence's letters apart: the key's words split at
    their apostrophes (see _LETTERS_APART), which for another sentence is made from its key."""
    sentences = _SENTENCE.findall(text, timeout=budget)  # '': a run without a sentence mark
    # (as ASCII bytes: the plain marks become '?', no letter either)
    ascii = map(str.encode, sentences, repeat("ascii"), repeat("replace"))
    keys = list(map(b" ".join, map(bytes.split, map(bytes.translate, ascii, repeat(_LETTERS_APART)))))
    glued = list(compress(count(), map(bytes.__contains__, keys, repeat(b"#"))))
    for i, key in zip(glued, map(_GLUED.sub, repeat(b""), map(keys.__getitem__, glued))):
        keys[i] = b" ".join(key.split())
    if _NOT_PLAIN.search(text):  # the sentences that are not plain: the key, split at its apostrophes
        for i in compress(count(), map(_NOT_PLAIN.search, sentences)):
            key = " ".join(_WORD.findall(sentences[i])).casefold()
            keys[i] = " ".join(key.translate(_APOSTROPHES_APART).split()).encode()
    some = list(filter(None, keys))  # (no words: never a finding)
    if len(set(some)) == len(some):
        return
    # a word of the key is one or more words of the first-pass key: at least min_words - 1 spaces
    repeated = {key for key, n in Counter(some).items() if n > 1 and key.count(b" ") >= min_words - 1}
    done = 0  # the matches taken or skipped so far
    for i in compress(count(), map(repeated.__contains__, keys)):
        if any(islice(sentences, done, i)):  # ('' : a run without a mark, not a sentence)
            yield None
        m = next(islice(matches, i - done, None), None)  # (findall and finditer find the same)
        if m is None:
            return
        yield m
        done = i + 1


# _WORD for text of ASCII and a few marks of typography (none of them a letter or a word character
# for either engine): there the standard library's re finds the same words, faster.
_PLAIN_MARKS = "’‘“”–—…•·«»©®™°€£\u00a0"
_PLAIN_WORD = re.compile(r"\b[A-Za-z][A-Za-z'’]*\b")
_NOT_PLAIN = re.compile("[^\x00-\x7f" + _PLAIN_MARKS + "]")

# A plain sentence's letters apart (its ASCII bytes translated, a plain mark a '?'): each letter
# lower-cased, each digit and '_' (word characters that are no letters) a '#', anything else a
# space. _PLAIN_WORD's words are the runs of letters and apostrophes (not at their ends), with no
# word character glued to either end (the regex engine backtracks to an apostrophe before one):
# the letters of runs with a '#' glued (_GLUED) are in no word, all others are.
_LETTERS_APART = bytes(c | 32 if chr(c).isalpha() and c < 128 else 35 if chr(c) in "0123456789_" else 32
                       for c in range(256))
_GLUED = re.compile(rb"[a-z#]*#[a-z#]*")
_APOSTROPHES_APART = {ord("'"): " ", ord("’"): " "}
