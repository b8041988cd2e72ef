"""Capitals a lower-cased text lost where only the words around tell ("the navy" -> "the Navy",
"islamic state" -> "Islamic State", "in may," -> "in May,"), from a cased n-gram model
(rules/data/casecontext.tsv, see scripts/build_casecontext.py): how often a word English writes
both ways is Capitalised (or in capitals) after the token before it, before the token after it,
and between both.

A word gets a capital when the model writes it so at least `min_share` of the time there (less,
`min_share_beside_name`, right after a Capitalised word: names run over several words, "russian
navy"); not a word the corpora rarely saw, nor one mostly lower-case everywhere ("data"), nor after
a quote, a colon or a bracket (a start there or not, the corpora cannot tell), nor inside a token
("802.11a", "a.m."); in capitals only where English has no such lower-case word ("gmt", not "dot").

Asked only for a text without any capital (lower-cased by a tool): its words have lost their case
already, so a wrong guess costs less than in good text, and good text never reaches here.
Loaded on first use (about 20 MB in memory).
"""
from __future__ import annotations

from functools import lru_cache

from .wordcase import data_path

# Quotes as the model's corpora write them (Penn Treebank tokens): opening before a word, closing
# after one.
_QUOTES = {'"', "“", "”", "‘", "’", "'"}
# After these the corpora often start a sentence, a heading or a quote: no context for a name.
_NO_CONTEXT = {"``", "`", ":", ";", "-", "--", "—", "–", "(", "["}
_STUCK_BEFORE = ".,/:-_@#+&"  # "802.11a", "a.m.", "600mbit/s", "e-mail": part of a token
_STUCK_AFTER = "./:_@-"
_MIN_SEEN = 20  # a word seen less often in the corpora: its few capitals may all be one name
_MIN_SEEN_ALONE = 30  # the same, where no context asks for capitals
_PRIOR = 4.0  # how many of a context's counts the word's own share is worth (a Dirichlet prior)


class CaseContext:
    def __init__(self, d: dict, is_lower_word=lambda word: False):
        """`d`: the rule's fields (`casecontext`, the table; `context_share`, `context_share_beside_name`,
        `context_min_word_share`); `is_lower_word`: does English write the word in lower case?"""
        self._path = data_path(d.get("casecontext", "data/casecontext.tsv"))
        self.is_lower_word = is_lower_word
        self.min_share = float(d.get("context_share", 0.8))
        self.min_share_beside_name = float(d.get("context_share_beside_name", self.min_share))
        self.min_word_share = float(d.get("context_min_word_share", 0.2))

    def form(self, prev: str | None, word: str, nxt: str | None) -> tuple[int, float] | None:
        """(0 lower, 1 Capitalised, 2 UPPER; its probability) for the lower-case `word` between the
        token before it (as cased) and the one after it (lower-case), or None (not in the model)."""
        uni, back, fwd, tri = _tables(self._path)
        u = uni.get(word)
        if u is None:
            return None
        if sum(u) < _MIN_SEEN or (u[1] + u[2]) < self.min_word_share * sum(u):
            return 0, 1.0  # "reef": too rare to tell; "data", "gap": capitals only in a few titles
        contexts = [back.get((prev, word)) if prev else None, fwd.get((word, nxt)) if nxt else None,
                    tri.get((prev, word, nxt)) if prev and nxt else None]
        if sum(u) < _MIN_SEEN_ALONE and not any(c is not None and c[1] + c[2] > c[0] for c in contexts):
            return 0, 1.0  # "reef", "savannah": no context asks for capitals, and the word alone is rare
        prior = [(c + 0.5) / (sum(u) + 1.5) for c in u]
        p = prior[:]
        for ctx in contexts[:2]:
            if ctx is not None:  # naive Bayes: each context shifts the word's own odds
                p = [p[i] * (ctx[i] + _PRIOR * prior[i]) / (sum(ctx) + _PRIOR) / prior[i] for i in range(3)]
        z = sum(p)
        p = [x / z for x in p]
        t = contexts[2]
        if t is not None:  # both neighbours at once, the rest as the prior
            p = [(t[i] + _PRIOR * p[i]) / (sum(t) + _PRIOR) for i in range(3)]
        best = max(range(3), key=p.__getitem__)
        return best, p[best]

    def capitals(self, text: str, words: list, named: dict, sentence_starts: set[int]) -> dict[int, tuple[int, str, str]]:
        """position -> (length, replacement, why) for the plain lower-case words of `words` (matches, in
        order) that their context Capitalises; `named` (position -> (length, replacement, ...)) and
        `sentence_starts` say how the words before are written."""
        found: dict[int, tuple[int, str, str]] = {}
        cased: list[str] = []
        for i, m in enumerate(words):
            w = m.group()
            pos = m.start()
            cased.append(_cased(w, pos, named, found, sentence_starts))
            base, possessive = _split_possessive(w)
            if (pos in named or pos in sentence_starts or not base.isalpha() or not base.islower()
                    or not _plain(text, m)):
                continue
            prev = _token_before(text, words, i, cased)
            if prev in _NO_CONTEXT:
                continue  # a quote's or a clause's first word: a start or not, the corpora cannot tell
            nxt = "'s" if possessive else _token_after(text, words, i)
            guess = self.form(prev, base, nxt)
            # next to a name ("russian navy", "baltic fleet") a capital needs less evidence
            beside_name = prev is not None and prev[:1].isupper() and i and words[i - 1].start() not in sentence_starts
            if guess is None or guess[0] == 0 or guess[1] < (self.min_share_beside_name if beside_name else self.min_share):
                continue
            if guess[0] == 2 and self.is_lower_word(base):
                continue  # "the dot" is no "DOT": an acronym only where English has no such word
            new = base[0].upper() + base[1:] if guess[0] == 1 else base.upper()
            found[pos] = (len(base), new, f"'{base}' is written '{new}' here ({guess[1]:.0%} of the time in a cased corpus)")
            cased[-1] = new + w[len(base):]
        return found


def _cased(word: str, pos: int, named: dict, found: dict, sentence_starts: set[int]) -> str:
    """The word as the text will write it: a name's replacement, or a capital at a sentence start."""
    hit = named.get(pos) or found.get(pos)
    if hit is not None:
        return hit[1] + word[hit[0]:]
    return word[0].upper() + word[1:] if pos in sentence_starts else word


def _plain(text: str, m) -> bool:
    """A word standing alone: not inside a token ("802.11a", "a.m.", "#r", "mbit/s", "a-b")."""
    before = text[m.start() - 1:m.start()] if m.start() else " "
    after = text[m.end():m.end() + 2]
    if before.isalnum() or before in _STUCK_BEFORE:
        return False
    return not (after[:1] in _STUCK_AFTER and after[1:2].strip() and after[1:2] not in "\"'”’)")


def _split_possessive(word: str) -> tuple[str, bool]:
    if len(word) > 2 and word[-2] in "'’" and word[-1] == "s":
        return word[:-2], True
    return word, False


def _token_before(text: str, words: list, i: int, cased: list[str]) -> str | None:
    """The token before words[i], as the model has it: a mark, "'s", or the cased word."""
    start = words[i - 1].end() if i else 0
    gap = text[start:words[i].start()]
    mark = gap.strip()[-1:]
    if mark in _QUOTES:
        return ("``" if mark in "\"“" else "`") if gap.endswith(mark) else ("''" if mark in "\"”" else "'")
    if mark:
        return mark
    if not i:
        return None
    base, possessive = _split_possessive(cased[i - 1])
    return "'s" if possessive else base


def _token_after(text: str, words: list, i: int) -> str | None:
    """The token after words[i], lower-case: a mark or the next word (its stem before "'s")."""
    end = words[i + 1].start() if i + 1 < len(words) else len(text)
    gap = text[words[i].end():end].strip()
    if gap and gap[0] in _QUOTES:
        return "''" if gap[0] in "\"”" else "'"
    if gap:
        return gap[0]
    if i + 1 >= len(words):
        return None
    return _split_possessive(words[i + 1].group().lower())[0]


@lru_cache(maxsize=2)
def _tables(path: str) -> tuple[dict, dict, dict, dict]:
    uni: dict = {}
    back: dict = {}
    fwd: dict = {}
    tri: dict = {}
    by_kind = {"u": uni, "b": back, "f": fwd, "t": tri}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            kind, *fields = line.rstrip("\n").split("\t")
            key = fields[0] if kind == "u" else tuple(fields[:-3])
            by_kind[kind][key] = tuple(map(int, fields[-3:]))
    return uni, back, fwd, tri
