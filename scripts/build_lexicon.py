"""Build rules/data/namecase.tsv and rules/data/lowerwords.txt from a SCOWL word list: how a
name is written ("putin" -> "Putin", "nsa" -> "NSA", "iphone" -> "iPhone"), and which words
English writes in lower case at all. A sentence lower-cased by a tool gets its names back from
the first; a word in neither file nor in rules/data/wordcase.tsv is no English word (a name the
lists lack, "jinping", "nyiragongo").

Source: SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson, 2020.12.07), as Debian's
package `wamerican-huge` ships it (size 70: names and common words, not the rare variants of
the larger lists that write "tibet" or "moldova" in lower case). Only run at build time:

    apt-get install wamerican-huge
    python scripts/build_lexicon.py /usr/share/dict/american-english-huge

Output: namecase.tsv "word<TAB>form" for words that the list has in no lower-case form, one
form only (a word with two non-lower forms, "Ben"/"BEN", is left out); lowerwords.txt, one
lower-case word a line. Possessives ("Putin's") and words with other marks are left out.
"""
from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_DATA = Path(__file__).resolve().parent.parent / "rules" / "data"
_NOTICE = """# SCOWL (Spell Checker Oriented Word Lists), Copyright 2000-2011 by Kevin Atkinson.
# Permission to use, copy, modify, distribute and sell these word lists, the associated scripts,
# the output created from the scripts, and its documentation for any purpose is hereby granted
# without fee, provided that the above copyright notice appears in all copies and that both that
# copyright notice and this permission notice appear in supporting documentation. Kevin Atkinson
# makes no representations about the suitability of this array for any purpose. It is provided
# "as is" without express or implied warranty.
# Built by scripts/build_lexicon.py from Debian's wamerican-huge (SCOWL 2020.12.07, size 70).
"""


def main(path: str, out_dir: Path = _DATA) -> None:
    forms: dict[str, set[str]] = collections.defaultdict(set)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word = line.strip()
            if _WORD.fullmatch(word):
                forms[word.lower()].add(word)
    names = {}
    lower = []
    for key, seen in sorted(forms.items()):
        if key in seen:
            lower.append(key)
        elif len(seen) == 1:
            names[key] = next(iter(seen))
    with open(out_dir / "namecase.tsv", "w", encoding="utf-8") as out:
        out.write(_NOTICE + "# word\tform\n")
        out.writelines(f"{key}\t{form}\n" for key, form in names.items())
    with open(out_dir / "lowerwords.txt", "w", encoding="utf-8") as out:
        out.write(_NOTICE + "# one lower-case word a line\n")
        out.writelines(f"{key}\n" for key in lower)


if __name__ == "__main__":
    main(sys.argv[1])
