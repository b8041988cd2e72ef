"""Build rules/data/commonnames.tsv: names that English also writes as a rarer lower-case word
("einstein", "genoa", "kashmir", "java"): the name is in a spelling list of common words, the
lower-case word only in a larger list of rarer ones. In a text lower-cased by a tool such a word is
more likely the name (weak evidence, see cleanup/detectors/casing_names.py).

Source: SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson, 2020.12.07), as Debian ships it:
`wamerican` (size 50, common words) and `wamerican-huge` (size 70). Only run at build time:

    apt-get install wamerican wamerican-huge
    python scripts/build_commonnames.py /usr/share/dict/american-english \\
        /usr/share/dict/american-english-huge > rules/data/commonnames.tsv

Output: "word<TAB>Name" for Capitalised names of three letters or more in the size-50 list whose
lower-case form is in the size-70 list but not in the size-50 one.
"""
from __future__ import annotations

import re
import sys

from build_lexicon import _NOTICE

_WORD = re.compile(r"[A-Z][a-z]{2,}")


def _words(path: str) -> set[str]:
    with open(path, encoding="utf-8") as fh:
        return {line.strip() for line in fh}


def common_names(common: set[str], larger: set[str]) -> dict[str, str]:
    """lower-case key -> name, for names common where their lower-case word is not."""
    return {w.lower(): w for w in common
            if _WORD.fullmatch(w) and w.lower() not in common and w.lower() in larger}


def main(common_path: str, larger_path: str) -> None:
    names = common_names(_words(common_path), _words(larger_path))
    out = sys.stdout
    out.write(_NOTICE.replace("Built by scripts/build_lexicon.py from Debian's wamerican-huge (SCOWL 2020.12.07, size 70).",
                              "Built by scripts/build_commonnames.py from Debian's wamerican (size 50) and wamerican-huge\n"
                              "# (size 70), SCOWL 2020.12.07."))
    out.write("# word\tname\n")
    out.writelines(f"{key}\t{names[key]}\n" for key in sorted(names))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
