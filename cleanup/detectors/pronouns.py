"""A pronoun in the wrong case where a clause starts ("Himself has said", "and itself
was announced"): before a finite verb, the subject form is meant.

`subject` (table: wrong form -> subject form) and `verbs` (finite verbs and
auxiliaries) come from the rule. Possessive pronouns that can stand alone
("Mine is", "His was") are not in the table: they are grammatical there.
"""
from __future__ import annotations

from typing import Iterator

import regex

from ..kinds import RuleError
from ..kinds.common import REGEX_TIMEOUT_SECONDS, finding, match_case
from ..model import Finding, Rule

_CLAUSE_START = r"(?:^|(?<=[.!?:;]['\"”’)]*[ ]+)|(?<=[\"“(][ ]*)|(?<=,?[ ]+(?:\L<conj>)[ ]+))"


class PronounCase:
    def __init__(self, rule: Rule):
        d = rule.data
        table, verbs = d.get("subject"), d.get("verbs")
        if not isinstance(table, dict) or not table or not isinstance(verbs, list) or not verbs:
            raise RuleError("'subject' (a table) and 'verbs' (a list) are required")
        self.rule = rule
        self.table = {k.casefold(): v for k, v in table.items()}
        self.pattern = regex.compile(
            _CLAUSE_START + r"(?P<p>\L<forms>)(?=[ ]+(?:\L<verbs>)\b(?!['’]))",
            regex.IGNORECASE | regex.MULTILINE,
            forms=list(table), verbs=verbs, conj=d.get("conjunctions", ["and", "but"]))

    def find(self, text: str) -> Iterator[Finding]:
        for m in self.pattern.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
            found = m.group("p")
            target = self.table[found.casefold()]
            replacement = target if target == "I" else match_case(found, target)
            if found[:1].islower() and target != "I":
                replacement = replacement[:1].lower() + replacement[1:]
            if replacement != found:
                yield finding(self.rule, m.start("p"), m.end("p"), replacement,
                              self.rule.message.format(found=found, replacement=replacement))
