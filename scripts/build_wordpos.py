"""Build rules/data/wordpos.tsv: which word classes an English word form can belong to
("suit": noun and verb; "appearance": noun only; "public": adjective and noun).

Source: the inflection table bundled with the `lemminflect` package on PyPI (lemminflect 0.2.3,
bjascob/LemmInflect, MIT; its data comes from the SPECIALIST Lexicon of the U.S. National
Library of Medicine), file lemminflect/resources/infl_lu.csv.gz: one line per lemma and class
with its inflected forms. Only run at build time, never at run time:

    pip download --no-deps lemminflect==0.2.3 && unzip lemminflect-0.2.3-*.whl
    python scripts/build_wordpos.py lemminflect/resources/infl_lu.csv.gz > rules/data/wordpos.tsv

Output: "word<TAB>classes", lower-case words (the lemma and every inflected form) with the
letters of their classes: n (noun), v (verb), a (adjective), r (adverb). Lemmas written with a
capital (names) are left out.
"""
from __future__ import annotations

import collections
import csv
import gzip
import re
import sys

_CLASSES = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
_WORD = re.compile(r"[a-z][a-z'\-]*")


def main(path: str) -> None:
    classes: dict[str, set[str]] = collections.defaultdict(set)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            lemma, pos, forms = row[0], row[1], row[2:]
            letter = _CLASSES.get(pos)
            if letter is None or not _WORD.fullmatch(lemma):
                continue
            for form in [lemma] + [f for field in forms for f in field.split("/")]:
                if _WORD.fullmatch(form):
                    classes[form].add(letter)
    out = sys.stdout
    out.write("# word\tclasses (n noun, v verb, a adjective, r adverb; see build_wordpos.py for the source)\n")
    for word in sorted(classes):
        out.write(f"{word}\t{''.join(sorted(classes[word]))}\n")


if __name__ == "__main__":
    main(sys.argv[1])
