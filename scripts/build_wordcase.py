"""Build rules/data/wordcase.tsv: how often an English word is written lower-case
or Capitalised in the middle of a sentence.

Source: the cased n-gram model bundled with the `truecase` package on PyPI
(truecase 0.0.14, daltonfury42/truecase, Apache-2.0 / MIT), file
truecase/data/english.dist, trained on NLTK's English corpora (Brown, Reuters…).
It is a pickle of nltk FreqDists; nltk is not needed to read it here.

Only run at build time, never at run time:

    pip download --no-deps truecase==0.0.14 && unzip truecase-0.0.14-py3-none-any.whl
    python scripts/build_wordcase.py truecase/data/english.dist > rules/data/wordcase.tsv

Output: "word<TAB>lower<TAB>capital", word lower-cased; counts are mid-sentence
occurrences (the previous token is not sentence punctuation) for words seen in
both casings, and plain unigram counts otherwise.
ALL-CAPS tokens are not counted.
"""
from __future__ import annotations

import collections
import pickle
import re
import sys

_BOUNDARY = {".", "!", "?", "``", "''", ":", ";", "--", "(", ")", '"', "`", "'", "[", "]", "-", "..."}
_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")


class _Counter(collections.Counter):
    pass


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if module.startswith("nltk"):
            return _Counter
        return super().find_class(module, name)


def _shape(token: str) -> int | None:
    """0 lower, 1 Capitalised, None other (ALL CAPS, mIxEd)."""
    if token.islower():
        return 0
    if token[:1].isupper() and (len(token) == 1 or token[1:].islower()):
        return 1
    return None


def main(path: str) -> None:
    with open(path, "rb") as fh:
        d = _Unpickler(fh).load()
    uni, backward, lookup = d["uni_dist"], d["backward_bi_dist"], d["word_casing_lookup"]
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    multi = {w for w, forms in lookup.items() if len({_shape(f) for f in forms} - {None}) >= 2}
    for key, n in backward.items():
        prev, _, token = key.partition("_")
        low = token.lower()
        if prev in _BOUNDARY or low not in multi:
            continue
        shape = _shape(token)
        if shape is not None:
            counts[low][shape] += n
    seen_in_context = set(counts)
    for token, n in uni.items():
        low = token.lower()
        shape = _shape(token)
        if low in seen_in_context or shape is None:
            continue
        counts[low][shape] += n  # one casing only, or no bigram kept: plain counts
    out = sys.stdout
    out.write("# word\tlower\tcapital  (mid-sentence counts; see build_wordcase.py for the source)\n")
    for word in sorted(counts):
        lower, capital = counts[word]
        if lower + capital >= 3 and _WORD.fullmatch(word):
            out.write(f"{word}\t{lower}\t{capital}\n")


if __name__ == "__main__":
    main(sys.argv[1])
