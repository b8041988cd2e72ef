"""A name spelled out before its acronym in brackets ("the national hurricane center (nhc)" ->
"National Hurricane Center (NHC)"): the words whose initials make the acronym, small words ("of",
"and") between them allowed, are the name's words and get a capital, and the acronym capitals
("world health organization (who)" -> "WHO"). For a text without any capital (casing_names.py asks
only there): weak evidence.
"""
from __future__ import annotations

# Words a name's acronym leaves out ("Department of Justice (DOJ)", "Food and Drug Administration").
_SKIPPED = {"of", "and", "for", "the", "on", "in", "&"}
_MIN_LETTERS, _MAX_LETTERS = 2, 6


def expansions(text: str, words: list, named: dict) -> dict[int, tuple[int, str, str]]:
    """position -> (1, capital, why) for the words spelled out before an acronym in brackets; `named`
    (position -> (length, replacement, ...)) says how the acronym itself is written."""
    found: dict[int, tuple[int, str, str]] = {}
    for i, m in enumerate(words):
        if not (m.start() and text[m.start() - 1] == "(" and text[m.end():m.end() + 1] == ")"):
            continue
        hit = named.get(m.start())
        acronym = hit[1] if hit is not None and hit[0] == len(m.group()) else m.group()
        if not (acronym.isascii() and acronym.isalpha() and _MIN_LETTERS <= len(acronym) <= _MAX_LETTERS):
            continue
        spelled = _spelled_out(text, words, i, acronym.casefold())
        if spelled is None:
            continue
        acronym = acronym.upper()
        if m.start() not in named and m.group() != acronym:  # "world health organization (who)": "WHO"
            found[m.start()] = (len(acronym), acronym, f"'{m.group()}' is the acronym of the words before it: capitals")
        for n in spelled:
            if n.start() not in named and n.group().islower() and n.group() not in _SKIPPED:  # "Department of Justice (DOJ)"
                found[n.start()] = (1, n.group()[0].upper(), f"'{n.group()}' spells out '{acronym}': capital letter")
    return found


def _spelled_out(text: str, words: list, i: int, letters: str) -> list | None:
    """The words right before words[i]'s bracket whose initials are `letters`, or None."""
    if i == 0 or text[words[i - 1].end():words[i].start()] != " (":
        return None
    spelled = []
    j = i - 1
    for letter in reversed(letters):
        while j >= 0 and words[j].group()[0].casefold() != letter and words[j].group() in _SKIPPED and spelled:
            j -= 1  # "department of justice": a small word inside the name
        if j < 0 or words[j].group()[0].casefold() != letter or not words[j].group().isalpha():
            return None
        if j < i - 1 and text[words[j].end():words[j + 1].start()] != " ":
            return None  # a mark between: not one name
        spelled.append(words[j])
        j -= 1
    return spelled
