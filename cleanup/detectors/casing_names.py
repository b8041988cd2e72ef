"""The names of a sentence without any capital ("talks in paris and london", "xi jinping met the
nsa chief"), for mt-case.sentence (sentence_case.py): which words get a capital back, and how.

Strong evidence (applied wherever such a sentence stands): a word almost always Capitalised in the
word-case statistics (rules/data/wordcase.tsv; after "the" only when nearly never lower-case:
"the baker", but "the chinese"), a word never seen lower-case (`min_unseen_lower` times
Capitalised: "haiti"), a two-word name whose words alone are ordinary words ("central america",
`namephrases`), a word of the rule's `lower_sentence_names` ("nato" -> "NATO", "covid-19"), "us"
after "the" or before one of `us_before`, the word after an honorific and the honorific itself
(`honorifics`: "mr. brown", "gov. whitmer"; `honorifics_without_stop`: "dr mall"), and a title
(`titles`) before a name ("president putin").
Weak evidence (applied only in a text without any capital, reported elsewhere): a name of the
spelling dictionary (rules/data/namecase.tsv: "putin", "nsa" -> "NSA", "iphone" -> "iPhone"), a
word that is no English word at all (neither there nor in lowerwords.txt nor in the statistics:
"jinping", "frýdek-místek"; an acronym without a vowel, with consonants no word starts or ends
with, or alone in brackets: "pln", "tpca", "(ftir)" -> "PLN", "TPCA", "(FTIR)"), a short word
no corpus writes lower-case before such a name ("xi jinping"), a word never seen lower-case after a
determiner (`min_name_after_determiner_weak` times Capitalised: "the kremlin"), a word nearly always
Capitalised after a Capitalised word (rules/data/aftername.tsv, and `joins_names`: "manchester
city", "nagano prefecture"), and, in a text without any capital only, the words their neighbours
Capitalise (casing_context.py: "the navy", "in may,") and an institution's name after its head
(casing_institutions.py: "Ministry of foreign affairs").
"""
from __future__ import annotations

from functools import lru_cache

import regex

from . import text as t
from .casing_acronyms import pinyin, unpronounceable
from .casing_context import CaseContext
from .casing_expansions import expansions
from .casing_institutions import InstitutionNames
from .casing_lexicon import Lexicon
from .casing_wordpos import WordPos
from .wordcase import WordCase, data_path, load
from .text import word_set

# A plain word: letters (an apostrophe inside), then a space, a mark or the end; not an
# identifier, a path, a handle or a dotted name.
PLAIN = regex.compile(r"\p{L}+(?:['’]\p{L}+)?(?=[\s,;:!?)\]\"”’']|\.(?![\p{L}\p{N}])|$)")
_HYPHENATED = regex.compile(r"\p{L}+(?:-\p{L}+)+(?=[\s,;:!?)\]\"”’']|\.(?![\p{L}\p{N}])|$)")  # "mid-september"
_VOWEL = regex.compile(r"[aeiouy]")
_INSIDE_TOKEN = "./@#_\\"  # a word right after these is part of a token
_NUMBER_SUFFIX = regex.compile(r"-\d+(?![\p{L}\p{N}])")  # "-19" in "covid-19", not "-19th"

_UNKNOWN = "is no English word"
_DETERMINERS = {"the", "a", "an", "this", "these", "those", "his", "her", "their", "our", "my", "your",
                "its", "each", "every", "some", "any", "no"}


class LowerSentenceNames:
    def __init__(self, d: dict, stats: WordCase):
        self.stats = stats
        self.phrases = _phrases(d["namephrases"]) if "namephrases" in d else frozenset()
        self.names = {k.casefold(): v for k, v in d.get("lower_sentence_names", {}).items()}
        self.titles = word_set(d, "titles")
        self.honorifics = word_set(d, "honorifics")
        # honorifics also written without a full stop ("Dr Mall", "Mr Kumar": British style)
        self.honorifics_bare = word_set(d, "honorifics_without_stop")
        self.given_name_max = int(d.get("given_name_max_letters", 3))
        self.institutions = (InstitutionNames(word_set(d, "institution_heads"), word_set(d, "institution_stop"),
                                              WordPos(d["wordpos"])) if "institution_heads" in d and "wordpos" in d else None)
        self.us_next = set(d.get("us_before", []))
        self.us_not_after = word_set(d, "us_not_after")
        self.min_unseen_lower = int(d.get("min_unseen_lower", 1 << 30))
        self.lexicon = Lexicon(d.get("namecase", "data/namecase.tsv"), d.get("lowerwords", "data/lowerwords.txt"),
                               d.get("commonnames"))
        self.max_lower_share = float(d.get("name_after_determiner_max_lower", 0.01))
        self.min_unknown = int(d.get("unknown_name_min_letters", 3))
        # an unknown word this short is more often an acronym than a name ("irna", "cez", "fom")
        self.unknown_acronym_max = int(d.get("unknown_acronym_max_letters", 0))
        self.after_name = load(data_path(d["aftername"])) if "aftername" in d else None
        self.after_name_share = float(d.get("after_name_share", 0.85))
        self.after_name_min = int(d.get("after_name_min", 20))
        self.joins_names = word_set(d, "joins_names")
        self.context = CaseContext(d, self.lexicon.is_lower_word) if "casecontext" in d else None
        # "the chinese" (never lower-case, often seen), but "the internet" (never, in an older corpus)
        self.min_name_after_determiner = int(d.get("min_name_after_determiner", 50))
        self.min_name_after_determiner_weak = int(d.get("min_name_after_determiner_weak", 1 << 30))

    def names_in(self, text: str, start: int, end: int, all_lower: bool = False) -> dict[int, tuple[int, str, str, bool]]:
        """position -> (length, replacement, why, weak evidence) for the names of a lower-cased sentence;
        in a text without any capital (`all_lower`) also the words their context Capitalises."""
        words = [m for m in t.WORD.finditer(text, start, end)]
        named: dict[int, tuple[int, str, str, bool]] = {}
        for i, m in enumerate(words):
            w = m.group()
            before = words[i - 1].group().casefold() if i else ""
            base = t.POSSESSIVE_S.sub("", w)
            key = base.casefold()
            if m.start() > 0 and text[m.start() - 1] in _INSIDE_TOKEN:
                continue  # "russia.tv", "u/name", "#tag": a domain's, a path's or a handle's part
            if i and (before, key) in self.phrases and m.start() - words[i - 1].end() == 1:
                # "central america": a two-word name, its words alone ordinary words
                for n in (words[i - 1], m):
                    if n.start() != start:
                        named[n.start()] = (1, n.group()[0].upper(), f"'{before} {key}' is a name: capital letters", False)
                continue
            numbered = _NUMBER_SUFFIX.match(text, m.end())
            if numbered is not None and key + numbered.group() in self.names:
                # "covid-19": a name with a number
                canonical = self.names[key + numbered.group()]
                named[m.start()] = (len(canonical), canonical, f"'{key + numbered.group()}' is written '{canonical}'", False)
                continue
            if numbered is not None and all_lower and len(base) <= 3 and base.isalpha() and base.isascii():
                # "f-35", "rm-1": a model's code, in capitals (weak: only in a text without any capital)
                named[m.start()] = (len(base), base.upper(), f"'{key + numbered.group()}' is a code: capitals", True)
                continue
            if key in self.names and PLAIN.match(text, m.start()) is not None:
                # "un", "nato", "putin": the rule's own list (acronyms, names the statistics lack)
                canonical = self.names[key]
                named[m.start()] = (len(base), canonical, f"'{base}' is written '{canonical}'", False)
                continue
            if key == "us" and (before == "the" or i + 1 < len(words) and words[i + 1].group() in self.us_next
                                and not (before in self.us_not_after and text[words[i - 1].end():m.start()] == " ")):
                # (not "between us and", "told us and": the pronoun)
                named[m.start()] = (2, "US", "'the us', 'us president': the United States, 'US'", False)
                continue
            if len(base) < 2 or not (PLAIN.match(text, m.start()) or _HYPHENATED.match(text, m.start())) or m.start() in named:
                continue  # "i.e.", "u/name": no words
            if text[max(0, m.start() - 1):m.start()].isdigit():
                continue  # "0.4+0.1i"
            in_brackets = text[m.start() - 1:m.start()] == "(" and text[m.end():m.end() + 1] == ")"
            found = self._name_form(base, key, before in _DETERMINERS, in_brackets)
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
        self._after_honorifics(text, words, named)
        self._given_names(words, named)
        if all_lower:
            # "national hurricane center (nhc)" -> "National Hurricane Center (NHC)" (weak)
            for pos, (length, new, why) in expansions(text, words, named).items():
                named[pos] = (length, new, why, True)
        self._context(text, words, named, all_lower)
        self._titles(text, start, words, named)
        if all_lower and self.institutions is not None:
            # "Ministry of foreign affairs" -> "Ministry of Foreign Affairs" (weak)
            for pos, (length, new, why) in self.institutions.names(text, words, named).items():
                named[pos] = (length, new, why, True)
        return named

    def _context(self, text: str, words: list, named: dict, all_lower: bool) -> None:
        """"the navy", "islamic state", "in may,": capitals only the words around tell (weak; only in a
        text without any capital)."""
        if not all_lower or self.context is None:
            return
        starts = {m.start() for i, m in enumerate(words) if i == 0 or _ends_with_mark(text[words[i - 1].end():m.start()])}
        for pos, (length, new, why) in self.context.capitals(text, words, named, starts).items():
            named[pos] = (length, new, why, True)

    def _titles(self, text: str, start: int, words: list, named: dict) -> None:
        """"president putin", "prime minister abe", "st. petersburg": a title before a name."""
        for i in range(len(words) - 2, -1, -1):
            m, nxt = words[i], words[i + 1]
            if (nxt.start() in named and m.start() not in named and m.group() in self.titles and m.start() != start
                    and text[m.end():nxt.start()] in (" ", ". ")  # "st. louis", not "the mayor, artem suvorov"
                    and not text[max(0, m.start() - 1):m.start()].isdigit()):  # "1st"
                named[m.start()] = (1, m.group()[0].upper(), f"'{m.group()}' is a title before a name: capital letter",
                                    named[nxt.start()][3])

    def _after_honorifics(self, text: str, words: list, named: dict) -> None:
        """"mr. brown", "gov. gretchen whitmer", "dr mall": the word after an honorific is a name, and the
        honorific before a name is written with a capital ("ms. plibersek" -> "Ms. Plibersek")."""
        for i in range(1, len(words)):
            m, prev = words[i], words[i - 1]
            title = prev.group()
            gap = text[prev.end():m.start()]
            if title not in self.honorifics or not (gap == ". " or gap == " " and title in self.honorifics_bare):
                continue
            if not t.POSSESSIVE_S.sub("", m.group()).isalpha() or prev.start() > 0 and text[prev.start() - 1].isalnum():
                continue
            if m.start() not in named:
                named[m.start()] = (1, m.group()[0].upper(), f"'{title}{gap}{m.group()}' is a name: capital letter",
                                    False)
            if prev.start() not in named:
                named[prev.start()] = (1, title[0].upper(), f"'{title}' is a title before a name: capital letter",
                                       False)

    def _given_names(self, words: list, named: dict) -> None:
        """"xi jinping", "hu jintao": a short word no corpus writes in lower case, before a word that is no
        English word (a name), is the name's first part."""
        for i in range(len(words) - 2, -1, -1):
            m, nxt = words[i], words[i + 1]
            w = m.group()
            hit = named.get(nxt.start())
            if (hit is None or _UNKNOWN not in hit[2] or m.start() in named or not w.isalpha()
                    or not 2 <= len(w) <= self.given_name_max or self.stats.is_common(w) or w in _DETERMINERS
                    or nxt.start() - m.end() != 1):
                continue
            named[m.start()] = (1, w[0].upper(), f"'{w} {nxt.group()}' is a name: capital letter", True)

    def _common_name(self, key: str) -> tuple[str, str, bool] | None:
        """"einstein", "genoa": a common name whose lower-case word is rare (weak evidence)."""
        form = self.lexicon.common_name(key)
        return None if form is None else (form, "is mostly a name: capital letter", True)

    def _unknown(self, word: str) -> bool:
        """No English word: in neither the statistics nor the dictionary ("jinping", "nyiragongo")."""
        key = word.casefold()
        return (len(word) >= self.min_unknown and word.isalpha() and self.stats.counts(key) is None
                and not self.lexicon.is_word(key))

    def _joins_name(self, word: str) -> bool:
        """Capitalised after a Capitalised word nearly always ("City", "Republic", not "government")?"""
        if word in self.joins_names:
            return True  # "nagano prefecture": words the statistics' older corpora lack
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
            if all(self._unknown(part) for part in parts):
                # "kashiwazaki-kariwa", "frýdek-místek": no part is an English word (weak evidence)
                form = "-".join(part[0].upper() + part[1:] for part in parts)
                return form, f"{_UNKNOWN} in any of its parts, a name: '{form}'", True
            return None
        form = "-".join(parts)
        return form, f"is written '{form}'", False

    def _name_form(self, base: str, key: str, after_determiner: bool,
                   in_brackets: bool = False) -> tuple[str, str, bool] | None:
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
            return self._common_name(key) if c[1] >= c[0] else None
        if c is not None and c[1] >= (self.min_name_after_determiner if after_determiner else self.min_unseen_lower):
            return base[0].upper() + base[1:], "is a name: capital letter", False  # "haiti", "munich"
        if c is not None and after_determiner and c[1] >= self.min_name_after_determiner_weak:
            # "the kremlin", "the internet" (never lower-case in an older corpus; a newer style writes
            # "internet"): weak evidence
            return base[0].upper() + base[1:], "is a name: capital letter", True
        form = self.lexicon.name_form(key)
        if form is not None:
            return form, f"is written '{form}'", True  # "putin", "nsa", "iphone"
        if self.lexicon.common_name(key) is not None:
            return self._common_name(key)
        if self._unknown(base):
            # no English word: a name no list has ("jinping", "nyiragongo"); without a vowel an
            # acronym ("pln", "cnbc")
            if not _VOWEL.search(key) and len(base) <= 5:
                return base.upper(), _UNKNOWN + " and has no vowel, an acronym: capitals", True
            if len(base) <= 5 and unpronounceable(key):
                return base.upper(), _UNKNOWN + " and cannot be read as one, an acronym: capitals", True
            if len(base) <= self.unknown_acronym_max and not pinyin(key):  # "guo", "mei": Chinese names
                return base.upper(), _UNKNOWN + " and is this short, an acronym: capitals", True
            if in_brackets and len(base) <= 5:
                return base.upper(), _UNKNOWN + " and stands alone in brackets, an acronym: capitals", True
            return base[0].upper() + base[1:], _UNKNOWN + ", a name: capital letter", True
        return None


def _ends_with_mark(gap: str) -> bool:
    """Does the text between two words end a sentence ("talks. the", not "talks, the")?"""
    mark = gap.strip()[-1:]
    return mark != "" and mark in ".!?"


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
