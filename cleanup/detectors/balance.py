"""Unbalanced quotes and brackets in a paragraph, and editorial insertions like "[and]"."""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterator

from ..kinds.common import finding
from ..model import Finding, Rule

_PAIRS = {"“": "”", "(": ")", "[": "]", "«": "»"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
# All the loop looks at: a plain set of characters, which the standard library's re scans many
# times faster than regex (and with the same result: no case, no classes, no backtracking).
_MARKS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS) + '"') + "]")


class Unbalanced:
    """Flags an opening mark with no closing one in the same paragraph (and the reverse).

    Straight double quotes are counted: an odd number in a paragraph is flagged
    at the last one. Paragraphs are lines here: scraped text rarely wraps.
    """

    def __init__(self, rule: Rule):
        self.rule = rule

    def find(self, text: str) -> Iterator[Finding]:
        # the marks of the whole text at once, then line by line (lines without any have nothing)
        marks = [m.start() for m in _MARKS.finditer(text)]
        first = 0
        while first < len(marks):
            line_end = text.find("\n", marks[first])
            after = bisect_left(marks, len(text) if line_end < 0 else line_end, first)
            yield from self._paragraph(text, marks[first:after])
            first = after

    def _paragraph(self, text: str, marks: list[int]) -> Iterator[Finding]:
        """The findings of one paragraph (line), given where its marks are."""
        stack: list[tuple[str, int]] = []
        straight: list[int] = []
        for i in marks:
            c = text[i]
            if c in _PAIRS:
                stack.append((c, i))
            elif c in _CLOSERS:
                if stack and stack[-1][0] == _CLOSERS[c]:
                    stack.pop()
                elif not any(o == _CLOSERS[c] for o, _ in stack):
                    yield self._flag(i, c, "closing")
                else:  # crossing marks: close through to the opener
                    while stack and stack[-1][0] != _CLOSERS[c]:
                        opener, pos = stack.pop()
                        yield self._flag(pos, opener, "opening")
                    stack.pop()
            elif c == '"':
                straight.append(i)
        for opener, pos in stack:
            yield self._flag(pos, opener, "opening")
        if len(straight) % 2:
            yield self._flag(straight[-1], '"', "unpaired")

    def _flag(self, pos: int, mark: str, side: str) -> Finding:
        return finding(self.rule, pos, pos + 1, None, self.rule.message.format(found=mark, side=side))
