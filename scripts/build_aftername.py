"""Build rules/data/aftername.tsv: how often a word is Capitalised right after a Capitalised word in
the middle of a sentence ("Manchester City", "Czech Republic", but "Chinese government"): in a
sentence lower-cased by a tool, a word that is nearly always Capitalised there joins the name
before it.

Source: the same cased n-gram model as build_wordcase.py (truecase 0.0.14, file
truecase/data/english.dist), its bigram counts. Only run at build time:

    pip download --no-deps truecase==0.0.14 && unzip truecase-0.0.14-py3-none-any.whl
    python scripts/build_aftername.py truecase/data/english.dist > rules/data/aftername.tsv

Output: "word<TAB>lower<TAB>capital": after a Capitalised word (not a sentence mark), how often the
word is written in lower case and how often Capitalised; words seen there at least 10 times.
"""
from __future__ import annotations

import collections
import re
import sys

from build_wordcase import _BOUNDARY, _Unpickler, _shape

_WORD = re.compile(r"[a-z]+")


def main(path: str) -> None:
    with open(path, "rb") as fh:
        d = _Unpickler(fh).load()
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for key, n in d["backward_bi_dist"].items():
        prev, _, token = key.partition("_")
        if prev in _BOUNDARY or not prev.isalpha() or _shape(prev) != 1:
            continue
        shape = _shape(token)
        if shape is not None and _WORD.fullmatch(token.lower()):
            counts[token.lower()][shape] += n
    out = sys.stdout
    out.write("# word\tlower\tcapital  (after a Capitalised word; see build_aftername.py for the source)\n")
    for word in sorted(counts):
        lower, capital = counts[word]
        if lower + capital >= 10:
            out.write(f"{word}\t{lower}\t{capital}\n")


if __name__ == "__main__":
    main(sys.argv[1])
