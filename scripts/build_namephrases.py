"""Build rules/data/namephrases.tsv: two-word names written with two capitals in the middle
of a sentence ("Central America", "Supreme Court", "Hong Kong") whose words alone are often
lower-case words ("central", "supreme"): a lower-cased sentence gets them back only as a pair.

Source: the same cased n-gram model as build_wordcase.py (truecase 0.0.14, file
truecase/data/english.dist), its bigram and trigram counts. Only run at build time:

    pip download --no-deps truecase==0.0.14 && unzip truecase-0.0.14-py3-none-any.whl
    python scripts/build_namephrases.py truecase/data/english.dist > rules/data/namephrases.tsv

A pair is kept when both words are written Capitalised at least `_MIN` times and other ways at
most a fifth as often, and when its first word is Capitalised in mid-sentence (after a word
that is no sentence mark) at least twice: "In China" at a sentence start is no name.
Output: "first second<TAB>capitalised<TAB>other", lower-case.
"""
from __future__ import annotations

import collections
import re
import sys

from build_wordcase import _BOUNDARY, _Unpickler, _shape

_MIN = 3
_ALPHA = re.compile(r"[A-Za-z][a-z]+")


def main(path: str) -> None:
    with open(path, "rb") as fh:
        d = _Unpickler(fh).load()
    pairs: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
    for key, n in d["backward_bi_dist"].items():
        first, _, second = key.partition("_")
        if not (_ALPHA.fullmatch(first) and _ALPHA.fullmatch(second)):
            continue
        shapes = (_shape(first), _shape(second))
        low = (first.lower(), second.lower())
        if shapes == (1, 1):
            pairs[low][0] += n
        elif shapes[1] == 0 or shapes == (0, 1):  # "central america", "central America"
            pairs[low][1] += n
    mid_sentence = collections.Counter()  # (first, second): first Capitalised after a word
    for key, n in d["trigram_dist"].items():
        parts = key.split("_")
        if len(parts) != 3 or parts[0] in _BOUNDARY or not parts[0][:1].isalpha() or _shape(parts[1]) != 1:
            continue
        mid_sentence[(parts[1].lower(), parts[2].lower())] += n
    out = sys.stdout
    out.write("# first second\tcapitalised\tother  (see build_namephrases.py for the source)\n")
    for (a, b), (title, other) in sorted(pairs.items()):
        if title >= _MIN and other * 5 <= title and mid_sentence[(a, b)] >= 2:
            out.write(f"{a} {b}\t{title}\t{other}\n")


if __name__ == "__main__":
    main(sys.argv[1])
