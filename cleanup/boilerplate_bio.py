"""Author bios: a paragraph about the writer, which closes an article like an author box.

Two shapes, both structural (no site's words):
- a name on a line of its own (two to four capitalised words), then, within the next
  lines, a paragraph that begins with that name or its first name and a verb ("Jane Doe
  is a …", "Jane writes about …");
- a paragraph that begins with a two-to-four-word name, "is a/an/the" or "has been", and
  a trade of writers and experts as what the person is ("Jane Doe is a freelance
  writer …"; not "Acme is a shop that hires nutritionists").
They are end-of-article markers only, never removed on their own: they end the article
when most of its prose comes before them and little after (cleanup/boilerplate_end.py), so
an interview that introduces its guest mid-article is left alone. The first shape ends it at
the name line; the second after the paragraph (it may be the article's last word on its
author). A page with more than two of them is a list of people or products: none count.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Sequence

import regex

from .boilerplate_features import GOOD, NEAR_GOOD, Block

# an author box (a name line, then the bio): the article ends at the name
RULE_ID = "boilerplate.author-bio"
# a paragraph that says who a named writer is, with no name line: it may be the article's
# own last word about its author, so the article ends after it (conservative)
LAST_RULE_ID = "boilerplate.author-bio-last"

_NAME_WORD = r"\p{Lu}[\p{Ll}\p{Lu}'’.-]*"
_NAME_LINE = regex.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}")
_VERB = r"(?:is|was|has|had|writes|wrote|covers|joined|holds|brings|loves|lives|explores|specializes|specialises|leads|works|worked|founded|serves|began|started)\b"
_ROLE = regex.compile(
    r"\b(?:writer|editor|journalist|author|reporter|contributor|columnist|correspondent|blogger|"
    r"founder|co-founder|expert|specialist|instructor|trainer|coach|photographer|researcher|"
    r"consultant|strategist|analyst|dietitian|nutritionist|freelance|freelancer)s?\b", regex.I)
_PERSON = regex.compile(r"\b(?:he|she|his|her|him|he's|she's)\b", regex.I)
_NAMED_BIO = regex.compile(rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s+(?:is (?:an?|the)|has been)\s")
# the trade right after "is a": up to a few adjectives first ("an experienced beauty editor")
_TRADE = regex.compile(rf"(?:[\p{{L}}-]+,?\s+(?:and\s+)?){{0,5}}?{_ROLE.pattern}", regex.I)
# how far a bio may follow its name line (a role line such as "Contributing Writer" between)
_NAME_WINDOW = 3
_ROLE_WORDS = 15
_HEAD_CHARS = 80  # a name of up to four words and "is a" fit in this
# a page with more such paragraphs is a list of people, places or products, not an author box
_MAX_PER_PAGE = 2


def _prose(b: Block) -> bool:
    return b.cls in (GOOD, NEAR_GOOD)


def _name_line(b: Block) -> bool:
    return 2 <= b.words <= 4 and not b.sentence and _NAME_LINE.fullmatch(b.text) is not None


def _name_before(blocks: Sequence[Block], names: Sequence[int], k: int) -> int | None:
    """The position of a name line (one of `names`) just before the paragraph at k that it
    begins with (the name or its first name, then a verb), or None."""
    text = blocks[k].text
    for j in names:
        name = blocks[j].text
        for start in (name, name.split()[0]):
            if text.startswith(start + " ") and regex.match(_VERB, text[len(start) + 1:]):
                return j
    return None


def _near(positions: list[int], k: int) -> list[int]:
    """The positions just before k (within _NAME_WINDOW), from a sorted list."""
    i = bisect_left(positions, k - _NAME_WINDOW)
    return positions[i:bisect_left(positions, k, i)]


def _about_person(text: str) -> bool:
    """Is the paragraph about a person: a writer's or expert's trade named in its first words,
    or a personal pronoun in it (a product or a place is an "it")?"""
    head = " ".join(text.split()[:_ROLE_WORDS])
    return _ROLE.search(head) is not None or _PERSON.search(text) is not None


def _self_described(b: Block) -> bool:
    """A paragraph that opens by saying who a named person is, in a writer's or expert's trade:
    the trade is what the name is ("Jane Doe is a freelance writer"), not a word further on."""
    head = b.text[:_HEAD_CHARS]
    if " is " not in head and " has been " not in head:  # cheap test first: most paragraphs
        return False
    m = _NAMED_BIO.match(b.text)
    return m is not None and _TRADE.match(b.text, m.end()) is not None


def bio_markers(blocks: Sequence[Block], removed: set[int]) -> dict[int, str]:
    """Line index -> RULE_ID for each author bio (its name line and paragraph), none when the
    page has more than _MAX_PER_PAGE of them."""
    out: dict[int, str] = {}
    bios = 0
    name_lines = [k for k, b in enumerate(blocks) if _name_line(b)]
    for k, b in enumerate(blocks):
        if b.index in removed or not _prose(b) or not b.text[:1].isupper():
            continue
        named = _name_before(blocks, _near(name_lines, k), k) if name_lines else None
        if named is not None and _about_person(b.text):
            if blocks[named].index not in removed:
                out[blocks[named].index] = RULE_ID  # the box starts at the name
            out[b.index] = RULE_ID
            bios += 1
        elif _self_described(b):
            out[b.index] = LAST_RULE_ID
            bios += 1
    return out if bios <= _MAX_PER_PAGE else {}
