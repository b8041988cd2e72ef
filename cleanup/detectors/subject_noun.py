"""A subject or reflexive pronoun before a noun where the possessive is meant ("they
effectiveness", "was on he way", "expressed he frustration" -> "his", "because herself image"
-> "her").

`forms` (table: subject form -> possessive) comes from the rule: "he" and "she", after which a
finite verb ends in -s or -ed (after "they", "we", "you" the base form of a verb stands, and
many verbs are nouns too: "they match", "you jump"). The next word must be a noun of the
word-class data (`wordclass`: seen at least `min_noun` times after a determiner and never after
a subject pronoun: "way", "attention", not "thought", which is a verb too), in lower case, and
not end in -s or -ed ("he reports", "she used"); not after an auxiliary of `inverted_after`
("Not only did she review"). A capitalised form in mid-sentence is a title
or a name ("They Live"): left alone.

With `wordpos` (rules/data/wordpos.tsv, an inflection lexicon: see casing_wordpos.py), a word
that can only be a noun or an adjective, never a verb ("grandmother", "effectiveness", "public",
not "suit" or "match"), is a noun too, and then also after the forms of `lexicon_forms`
("they", "we", reflexives). Forms of `apposition` stand before a plural noun ("we humans"):
there a word in -s is left alone. A reflexive ("himself") before such a noun is applied only
after a word of `reflexive_after` ("because herself image", "that himself government"); after a
verb it may be the object with another after it ("made himself coffee", "declared himself
king"): reported.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..kinds import RuleError
from ..kinds.casing import text_key
from ..kinds.common import finding, match_case
from ..model import Finding, Rule
from .casing_wordpos import WordPos
from .wordtrie import WordStarts, trie_pattern
from .text import word_set
from .wordclass import WordClass

_NOT_BEFORE = frozenset(b"'?-]")  # "[t]he", "it's he", "x-they": no form
_NEXT_WORD = re.compile(r" ([a-z]+)(?![a-z0-9'’\-])")
_WORD_BEFORE = re.compile(r"([A-Za-z]+(?:['’][a-z]+)?) $")


class SubjectBeforeNoun:
    def __init__(self, rule: Rule):
        d = rule.data
        forms = d.get("forms")
        if not isinstance(forms, dict) or not forms or "wordclass" not in d:
            raise RuleError("'forms' (a table: subject form = possessive) and 'wordclass' are required")
        self.rule = rule
        self.forms = {k.casefold(): v for k, v in forms.items()}
        self.classes = WordClass(d["wordclass"], min_count=int(d.get("min_noun", 10)), max_other=0.0)
        keys = trie_pattern(k.encode() for k in self.forms)
        # over the text's ASCII key (lower-case, same offsets), where a form starts as a word (not
        # "the", "ashe"; "[t]he", "it's he" are no forms either): the form, one space, a word
        self.pattern = re.compile(rb"(" + keys + rb")(?= [a-z])")
        self.starts = WordStarts(self.forms)
        self.inverted_after = word_set(d, "inverted_after")
        self.wordpos = WordPos(d["wordpos"]) if "wordpos" in d else None
        self.lexicon_forms = word_set(d, "lexicon_forms")
        self.apposition = word_set(d, "apposition")
        self.not_nouns = word_set(d, "not_nouns")
        self.reflexive_after = word_set(d, "reflexive_after")
        self.report_confidence = float(d.get("report_confidence", 0.5))

    def find(self, text: str) -> Iterator[Finding]:
        key_text = text_key(text)
        for pos in self.starts.starts(key_text):
            m = self.pattern.match(key_text, pos)
            if m is None or pos and key_text[pos - 1] in _NOT_BEFORE:
                continue
            found = text[m.start(1):m.end(1)]
            nxt = _NEXT_WORD.match(text, m.end())
            key = found.casefold()
            if nxt is None or not self._noun(key, nxt.group(1)):
                continue
            before = _WORD_BEFORE.search(text, max(0, m.start(1) - 12), m.start(1))
            if before is not None and before.group(1).casefold() in self.inverted_after:
                continue  # "Not only did she review": a question-like order, the verb follows
            if found[:1].isupper() and m.start(1) > 0 and text[m.start(1) - 2:m.start(1)].strip() not in ("", ".", "\"", "“"):
                continue  # "the film They Live": a title
            confidence = None
            if key.endswith(("self", "selves")):
                if before is None or before.group(1).casefold() not in self.reflexive_after:
                    confidence = self.report_confidence  # "made himself coffee", "declared himself king"
            replacement = match_case(found, self.forms[key])
            yield finding(self.rule, m.start(1), m.end(1), replacement,
                          self.rule.message.format(found=found, replacement=replacement), confidence)

    def _noun(self, key: str, word: str) -> bool:
        """Is `word`, after the form `key`, a noun (or an adjective) that no verb can be?"""
        if word.endswith("ed") or word.endswith("s") and key in self.apposition or word in self.not_nouns:
            return False  # "she used"; "we humans"; "we two", "they must"
        if key not in self.lexicon_forms and self.classes.is_noun(word) and not word.endswith("s"):
            return True  # "he reports" is a verb: a noun of the corpus data does not end in -s
        return (self.wordpos is not None and (key in self.lexicon_forms or not word.endswith("s"))
                and self.wordpos.is_noun_only(word) and "n" in self.wordpos.classes(word))  # not "they lovely"
