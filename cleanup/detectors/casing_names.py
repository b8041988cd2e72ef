"""The names of a sentence without any capital ("talks in paris and london", "xi jinping met the
nsa chief"), for mt-case.sentence (sentence_case.py): which words get a capital back, and how.

Strong evidence (applied wherever such a sentence stands): a word almost always Capitalised in the
word-case statistics (rules/data/wordcase.tsv; after "the" only when nearly never lower-case:
"the baker", but "the chinese"), a word never seen lower-case (`min_unseen_lower` times
Capitalised: "haiti"), a two-word name whose words alone are ordinary words ("central america",
`namephrases`), a word of the rule's `lower_sentence_names` ("nato" -> "NATO"), "us" after "the"
or before one of `us_before`, the word after an honorific (`honorifics`: "mr. brown"), and a title
(`titles`) before a name ("president putin").
Weak evidence (applied only in a text without any capital, reported elsewhere): a name of the
spelling dictionary (rules/data/namecase.tsv: "putin", "nsa" -> "NSA", "iphone" -> "iPhone"), a
word that is no English word at all (neither there nor in lowerwords.txt nor in the statistics:
"jinping"; without a vowel an acronym: "pln" -> "PLN"), and a word nearly always Capitalised
after a Capitalised word (rules/data/aftername.tsv: "manchester city").
"""
from __future__ import annotations

from functools import lru_cache

import regex

from . import text as t
from .casing_lexicon import Lexicon
from .wordcase import WordCase, data_path, load
from .text import word_set

# A plain word: letters (an apostrophe inside), then a space, a mark or the end; not an
# identifier, a path, a handle or a dotted name.
PLAIN = regex.compile(r"\p{L}+(?:['’]\p{L}+)?(?=[\s,;:!?)\]\"”’']|\.(?![\p{L}\p{N}])|$)")
_HYPHENATED = regex.compile(r"\p{L}+(?:-\p{L}+)+(?=[\s,;:!?)\]\"”’']|\.(?![\p{L}\p{N}])|$)")  # "mid-september"
_VOWEL = regex.compile(r"[aeiouy]")
_UNKNOWN = "is no English word"
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "our", "my", "your",
                "its", "each", "every", "some", "any", "no"}


class LowerSentenceNames:
    def __init__(self, d: dict, stats: WordCase):
        self.stats = stats
        self.phrases = _phrases(d["namephrases"]) if "namephrases" in d else frozenset()
        self.names = {k.casefold(): v for k, v in d.get("lower_sentence_names", {}).items()}
        self.titles = word_set(d, "titles")
        self.honorifics = word_set(d, "honorifics")
        self.us_next = set(d.get("us_before", []))
        self.min_unseen_lower = int(d.get("min_unseen_lower", 1 << 30))
        self.lexicon = Lexicon(d.get("namecase", "data/namecase.tsv"), d.get("lowerwords", "data/lowerwords.txt"))
        self.max_lower_share = float(d.get("name_after_determiner_max_lower", 0.01))
        self.min_unknown = int(d.get("unknown_name_min_letters", 3))
        self.after_name = load(data_path(d["aftername"])) if "aftername" in d else None
        self.after_name_share = float(d.get("after_name_share", 0.85))
        self.after_name_min = int(d.get("after_name_min", 20))
        # "the chinese" (never lower-case, often seen), but "the internet" (never, in an older corpus)
        self.min_name_after_determiner = int(d.get("min_name_after_determiner", 50))

    def names_in(self, text: str, start: int, end: int) -> dict[int, tuple[int, str, str, bool]]:
        """position -> (length, replacement, why, weak evidence) for the names of a lower-cased sentence."""
        words = [m for m in t.WORD.finditer(text, start, end)]
        named: dict[int, tuple[int, str, str, bool]] = {}
        for i, m in enumerate(words):
            w = m.group()
            before = words[i - 1].group().casefold() if i else ""
            base = t.POSSESSIVE_S.sub("", w)
            key = base.casefold()
            if i and (before, key) in self.phrases and m.start() - words[i - 1].end() == 1:
                # "central america": a two-word name, its words alone ordinary words
                for n in (words[i - 1], m):
                    if n.start() != start:
                        named[n.start()] = (1, n.group()[0].upper(), f"'{before} {key}' is a name: capital letters", False)
                continue
            if key in self.names and PLAIN.match(text, m.start()) is not None:
                # "un", "nato", "putin": the rule's own list (acronyms, names the statistics lack)
                canonical = self.names[key]
                named[m.start()] = (len(base), canonical, f"'{base}' is written '{canonical}'", False)
                continue
            if key == "us" and (before == "the" or i + 1 < len(words) and words[i + 1].group() in self.us_next):
                named[m.start()] = (2, "US", "'the us', 'us president': the United States, 'US'", False)
                continue
            if len(base) < 2 or not (PLAIN.match(text, m.start()) or _HYPHENATED.match(text, m.start())) or m.start() in named:
                continue  # "i.e.", "u/name": no words
            if text[max(0, m.start() - 1):m.start()].isdigit():
                continue  # "0.4+0.1i"
            found = self._name_form(base, key, before in _DETERMINERS)
            if found is not None:
                named[m.start()] = (len(base), found[0], f"'{base}' {found[1]}", found[2])
        # "manchester city", "kofu city", "czech republic": a word nearly always Capitalised after a
        # name joins it (weak: only in a text without any capital)
        for i in range(1, len(words)):
            m, prev = words[i], words[i - 1]
            if (m.start() not in named and prev.start() in named and m.start() - prev.end() == 1
                    and self._joins_name(m.group())):
                named[m.start()] = (1, m.group()[0].upper(), f"'{prev.group()} {m.group()}' is a name: capital letter",
                                    True)
        # "mr. brown", "dr. green": the word after an honorific is a name
        for i in range(1, len(words)):
            m, prev = words[i], words[i - 1]
            if (m.start() not in named and prev.group() in self.honorifics and text[prev.end():m.start()] == ". "
                    and m.group().isalpha()):
                named[m.start()] = (1, m.group()[0].upper(), f"'{prev.group()}. {m.group()}' is a name: capital letter",
                                    False)
        # "president putin", "prime minister abe", "st. petersburg": a title before a name
        for i in range(len(words) - 2, -1, -1):
            m, nxt = words[i], words[i + 1]
            if (nxt.start() in named and m.start() not in named and m.group() in self.titles and m.start() != start
                    and not text[max(0, m.start() - 1):m.start()].isdigit()):  # "1st"
                named[m.start()] = (1, m.group()[0].upper(), f"'{m.group()}' is a title before a name: capital letter",
                                    named[nxt.start()][3])
        return named

    def _joins_name(self, word: str) -> bool:
        """Capitalised after a Capitalised word nearly always ("City", "Republic", not "government")?"""
        c = self.after_name.get(word) if self.after_name is not None else None
        return c is not None and c[0] + c[1] >= self.after_name_min and c[1] >= self.after_name_share * (c[0] + c[1])

    def _hyphenated(self, base: str, after_determiner: bool) -> tuple[str, str, bool] | None:
        """A word with hyphens, each part on its own, by the word-case statistics only ("mid-september",
        "anti-american"; not "eco-environment", though a dictionary has "Eco" as a name)."""
        if self.lexicon.is_lower_word(base.casefold()):
            return None  # "post-mortem": a word as a whole
        parts, changed = base.split("-"), False
        for i, part in enumerate(parts):
            found = self._name_form(part, part.casefold(), after_determiner) if len(part) > 1 else None
            if found is not None and not found[2]:  # strong evidence only: "eco-" is no "Eco"
                parts[i], changed = found[0], True
        if not changed:
            return None
        form = "-".join(parts)
        return form, f"is written '{form}'", False

    def _name_form(self, base: str, key: str, after_determiner: bool) -> tuple[str, str, bool] | None:
        """(the name's form, why, weak evidence) for a word of a sentence without capitals, or None."""
        if "-" in base:
            return self._hyphenated(base, after_determiner)
        c = self.stats.counts(key)
        if c is not None and c[0] > 0:
            # seen in lower case: a name only when almost never so, and after "the" only when
            # (nearly) never ("the baker", but "the chinese")
            strong = c[0] <= self.max_lower_share * (c[0] + c[1])
            if self.stats.is_name(base) and (strong or not after_determiner):
                return base[0].upper() + base[1:], "is a name: capital letter", False
            return None
        if c is not None and c[1] >= (self.min_name_after_determiner if after_determiner else self.min_unseen_lower):
            return base[0].upper() + base[1:], "is a name: capital letter", False  # "haiti", "munich"
        form = self.lexicon.name_form(key)
        if form is not None:
            return form, f"is written '{form}'", True  # "putin", "nsa", "iphone"
        if c is None and len(base) >= self.min_unknown and base.isalpha() and not self.lexicon.is_word(key):
            # no English word: a name no list has ("jinping", "nyiragongo"); without a vowel an
            # acronym ("pln", "cnbc")
            if not _VOWEL.search(key) and len(base) <= 5:
                return base.upper(), _UNKNOWN + " and has no vowel, an acronym: capitals", True
            return base[0].upper() + base[1:], _UNKNOWN + ", a name: capital letter", True
        return None


@lru_cache(maxsize=4)
def _phrases(name: str) -> frozenset[tuple[str, str]]:
    """The two-word names of rules/data/namephrases.tsv ("central america"), as word pairs."""
    pairs = set()
    with open(data_path(name), encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                first, _, second = line.split("\t", 1)[0].partition(" ")
                pairs.add((first, second))
    return frozenset(pairs)
