"""Full-width CJK punctuation left in English text ("said，the" -> "said, the").

`map` (a table: mark -> ASCII) says what each mark becomes; a space follows the
ASCII mark when a word follows. Only between Latin letters, digits or quotes:
Chinese or Japanese text keeps its own punctuation.
"""
from __future__ import annotations

import re
from typing import Iterator

import regex

from ..kinds import RuleError
from ..kinds.common import finding, timeout_for
from ..model import Finding, Rule

_LATIN = r"[\p{Latin}\d%$)\]\"'’”]"


class FullWidthPunctuation:
    def __init__(self, rule: Rule):
        table = rule.data.get("map")
        if not isinstance(table, dict) or not table:
            raise RuleError("'map' must be a table of mark = replacement")
        self.rule = rule
        self.map = table
        marks = regex.escape("".join(table))
        self.pattern = regex.compile(
            r"(?<=" + _LATIN + r")[ ]*(?P<mark>[" + marks + r"])(?P<space>[ 　]*)(?=(?P<next>[\p{Latin}\d\"'“‘(]|$))",
            regex.MULTILINE)
        # a plain scan (the pattern starts with a look-behind), of a plain set of characters: the
        # standard library's re does it many times faster, with the same result
        self.any_mark = re.compile("[" + re.escape("".join(table)) + "]")

    def find(self, text: str) -> Iterator[Finding]:
        budget = timeout_for(text)
        if self.any_mark.search(text) is None:
            return  # none of the marks: nothing to find
        for m in self.pattern.finditer(text, timeout=budget):
            mark = m.group("mark")
            ascii_mark = self.map[mark]
            replacement = ascii_mark + (" " if m.group("next") and ascii_mark not in "(" else "")
            message = self.rule.message.format(found=mark, replacement=ascii_mark)
            yield finding(self.rule, m.start(), m.end(), replacement, message)
