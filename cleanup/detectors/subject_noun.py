"""A subject pronoun before a noun where the possessive is meant ("they effectiveness",
"was on he way", "expressed he frustration" -> "his").

`forms` (table: subject form -> possessive) comes from the rule: "he" and "she", after which a
finite verb ends in -s or -ed (after "they", "we", "you" the base form of a verb stands, and
many verbs are nouns too: "they match", "you jump"). The next word must be a noun of the
word-class data (`wordclass`: seen at least `min_noun` times after a determiner and never after
a subject pronoun: "way", "attention", not "thought", which is a verb too), in lower case, and
not end in -s or -ed ("he reports", "she used"); not after an auxiliary of `inverted_after`
("Not only did she review"). A capitalised form in mid-sentence is a title
or a name ("They Live"): left alone.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..kinds import RuleError
from ..kinds.casing import text_key
from ..kinds.common import finding, match_case
from ..model import Finding, Rule
from .wordclass import WordClass

_NOT_BEFORE = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789'?-]")
_NEXT_WORD = re.compile(r" ([a-z]+)(?![a-z0-9'’\-])")
_WORD_BEFORE = re.compile(r"([A-Za-z]+) $")


class SubjectBeforeNoun:
    def __init__(self, rule: Rule):
        d = rule.data
        forms = d.get("forms")
        if not isinstance(forms, dict) or not forms or "wordclass" not in d:
            raise RuleError("'forms' (a table: subject form = possessive) and 'wordclass' are required")
        self.rule = rule
        self.forms = {k.casefold(): v for k, v in forms.items()}
        self.classes = WordClass(d["wordclass"], min_count=int(d.get("min_noun", 10)), max_other=0.0)
        keys = "|".join(re.escape(k) for k in sorted(self.forms, key=len, reverse=True))
        # over the text's ASCII key (lower-case, same offsets): a form, one space, a word
        # (no look-behind first: the engine would try every position; the byte before is checked in find())
        self.pattern = re.compile((r"(?:" + keys + r")(?= [a-z])").encode())
        self.inverted_after = {w.casefold() for w in d.get("inverted_after", [])}

    def find(self, text: str) -> Iterator[Finding]:
        key_text = text_key(text)
        for m in self.pattern.finditer(key_text):
            if m.start() and key_text[m.start() - 1] in _NOT_BEFORE:
                continue  # inside a word ("the", "ashe"), or "[t]he", "it's he"
            found = text[m.start():m.end()]
            nxt = _NEXT_WORD.match(text, m.end())
            if nxt is None or not self.classes.is_noun(nxt.group(1)):
                continue
            key = found.casefold()
            before = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())
            if before is not None and before.group(1).casefold() in self.inverted_after:
                continue  # "Not only did she review": a question-like order, the verb follows
            if found[:1].isupper() and m.start() > 0 and text[m.start() - 2:m.start()].strip() not in ("", ".", "\"", "“"):
                continue  # "the film They Live": a title
            if nxt.group(1).endswith(("s", "ed")):
                continue  # "he reports", "she used": a verb may end so
            replacement = match_case(found, self.forms[key])
            yield finding(self.rule, m.start(), m.end(), replacement,
                          self.rule.message.format(found=found, replacement=replacement))
