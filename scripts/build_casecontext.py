"""Build rules/data/casecontext.tsv: how the words English writes both ways ("navy" and "Navy",
"state" and "State", "may" and "May") are written next to a given word: "the Navy", "Islamic State",
"in May ,". A text lower-cased by a tool gets these capitals back from their context
(cleanup/detectors/casing_context.py).

Source: the same cased n-gram model as build_wordcase.py (truecase 0.0.14, daltonfury42/truecase,
MIT licence, file truecase/data/english.dist, trained on NLTK's Brown, Reuters, SemCor, CoNLL-2000
and State of the Union corpora), its unigram, backward bigram, forward bigram and trigram counts.
Only run at build time, never at run time:

    pip download --no-deps truecase==0.0.14 && unzip truecase-0.0.14-py3-none-any.whl
    python scripts/build_casecontext.py truecase/data/english.dist > rules/data/casecontext.tsv

Output, one line per table entry, counts of the word's forms (lower, Capitalised, UPPER):
    u<TAB>word<TAB>lower<TAB>capital<TAB>upper             the word alone
    b<TAB>previous token<TAB>word<TAB>...                   after a token, as the corpus writes it
    f<TAB>word<TAB>next token<TAB>...                       before a token, lower-cased
    t<TAB>previous token<TAB>word<TAB>next token<TAB>...    between both
Only words seen both lower-case and with capitals ("ambiguous") are kept, and of the context
entries only those seen at least `_MIN_COUNT` times whose share of capitals differs from the
word's own by at least `_MIN_SHIFT` (the rest says nothing the word alone does not), so the
file stays small (1.5 MB; about 20 MB in memory, loaded only for a text without capitals).
"""
from __future__ import annotations

import collections
import re
import sys

from build_wordcase import _Unpickler

_MIN_COUNT = 3
_MIN_SHIFT = 0.2
_WORD = re.compile(r"[a-z]+")
_TOKEN = re.compile(r"[^\s_]+")  # no tabs, no "_" (the model's key separator)


def _shape3(token: str) -> int | None:
    """0 lower, 1 Capitalised, 2 UPPER (two letters or more), None other (mIxEd)."""
    if token.islower():
        return 0
    if token[:1].isupper() and token[1:].islower() or len(token) == 1 and token.isupper():
        return 1
    if token.isupper():
        return 2
    return None


def _capital_share(counts: list[int]) -> float:
    return (counts[1] + counts[2]) / max(1, sum(counts))


def tables(d: dict) -> tuple[dict, dict, dict, dict]:
    """(unigram, backward, forward, trigram) counts per form, keyed by lower-cased word."""
    uni, back, fwd, tri = (collections.defaultdict(lambda: [0, 0, 0]) for _ in range(4))
    for token, n in d["uni_dist"].items():
        shape = _shape3(token)
        if shape is not None and _WORD.fullmatch(token.lower()):
            uni[token.lower()][shape] += n
    ambiguous = {w for w, c in uni.items() if c[0] and c[1] + c[2]}
    for key, n in d["backward_bi_dist"].items():
        prev, _, token = key.partition("_")
        shape, low = _shape3(token), token.lower()
        if shape is not None and low in ambiguous and _TOKEN.fullmatch(prev):
            back[(prev, low)][shape] += n
    for key, n in d["forward_bi_dist"].items():
        token, _, nxt = key.rpartition("_")
        shape, low = _shape3(token), token.lower()
        if shape is not None and low in ambiguous and _TOKEN.fullmatch(nxt):
            fwd[(low, nxt)][shape] += n
    for key, n in d["trigram_dist"].items():
        parts = key.split("_")
        if len(parts) != 3:
            continue
        prev, token, nxt = parts
        shape, low = _shape3(token), token.lower()
        if shape is not None and low in ambiguous and _TOKEN.fullmatch(prev) and _TOKEN.fullmatch(nxt):
            tri[(prev, low, nxt)][shape] += n
    return {w: uni[w] for w in ambiguous}, back, fwd, tri


def informative(word_counts: list[int], counts: list[int]) -> bool:
    """Seen often enough, and shifting the word's share of capitals."""
    return (sum(counts) >= _MIN_COUNT
            and abs(_capital_share(counts) - _capital_share(word_counts)) >= _MIN_SHIFT)


def write(uni: dict, back: dict, fwd: dict, tri: dict, out) -> None:
    out.write("# kind\tcontext and word\tlower\tcapital\tupper  (see scripts/build_casecontext.py for the source)\n")
    for word in sorted(uni):
        out.write("u\t{}\t{}\t{}\t{}\n".format(word, *uni[word]))
    for kind, table, word_at in (("b", back, 1), ("f", fwd, 0), ("t", tri, 1)):
        for key in sorted(table):
            if key[word_at] in uni and informative(uni[key[word_at]], table[key]):
                out.write("{}\t{}\t{}\t{}\t{}\n".format(kind, "\t".join(key), *table[key]))


def main(path: str) -> None:
    with open(path, "rb") as fh:
        d = _Unpickler(fh).load()
    write(*tables(d), sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
