"""Kind `substitute`: a word or phrase replaced by another, the found casing kept.

Fields: `replacements` (table: phrase -> replacement), `ignore_case` (default
true), and context conditions, all optional: `before` (a regex that must end
right before the phrase), `after` (a regex that must match right after it),
`document` (a regex found anywhere in the text). Without its context a match
is reported with `weak_confidence` (default: not reported at all).
"""
from __future__ import annotations

from typing import Iterator

import regex

from . import RuleError
from .casing import NameStarts
from .common import compile_regex, context_ok, finding, match_case, timeout_for
from .literals import may_match, required
from ..model import Finding, Rule


class SubstituteMatcher:
    def __init__(self, rule: Rule):
        table = rule.data.get("replacements")
        if not isinstance(table, dict) or not table or not all(isinstance(v, str) for v in table.values()):
            raise RuleError("'replacements' must be a table of phrase = replacement")
        self.rule = rule
        ignore_case = rule.data.get("ignore_case", True)
        self.table = {(k.casefold() if ignore_case else k): v for k, v in table.items()}
        self.ignore_case = ignore_case
        flags = regex.IGNORECASE if ignore_case else 0
        self.pattern = regex.compile(r"(?<![\w\-])(?:\L<phrases>)(?![\w]|-\w)", flags,
                                     phrases=sorted(table, key=len, reverse=True))
        self.first_pass = NameStarts(table)  # where a phrase can start (the list at every position is slow)
        data = rule.data
        self.before = compile_regex(rule, "(?:" + data["before"] + r")\Z", "before") if "before" in data else None
        self.after = compile_regex(rule, data["after"], "after") if "after" in data else None
        self.document = compile_regex(rule, data["document"], "document") if "document" in data else None
        # literal text the document condition needs: a text without it is not searched
        self.document_needs = required(self.document.pattern, self.document.flags) if self.document else None
        self.weak_confidence = data.get("weak_confidence")
        self.keep_case = data.get("case", "match") == "match"

    def _strong(self, text: str, start: int, end: int) -> bool:
        if self.before is not None and not self.before.search(text[max(0, start - 200) : start],
                                                              timeout=timeout_for(200)):
            return False
        return context_ok(self.after, text, end)

    def find(self, text: str) -> Iterator[Finding]:
        starts = self.first_pass.starts(text)
        if starts == []:
            return  # no phrase anywhere: no need to look for the document's context
        if self.document is not None and not (may_match(self.document_needs, text) and context_ok(self.document, text)):
            return
        for m in self.first_pass.matches(self.pattern, text, timeout_for(text), starts):
            found = m.group()
            target = self.table[found.casefold() if self.ignore_case else found]
            replacement = match_case(found, target) if self.keep_case else target
            if replacement == found:
                continue
            message = self.rule.message.format(found=found, replacement=replacement)
            if self._strong(text, m.start(), m.end()):
                yield finding(self.rule, m.start(), m.end(), replacement, message)
            elif self.weak_confidence is not None:
                yield finding(self.rule, m.start(), m.end(), replacement, message,
                              confidence=float(self.weak_confidence))


def compile(rule: Rule) -> SubstituteMatcher:
    return SubstituteMatcher(rule)
