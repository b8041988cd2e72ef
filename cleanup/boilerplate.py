"""Stage 3: boilerplate removal, line by line.

Lines are judged by the block rules of the rule files (whole-line patterns for
the common families: link rows, promos, share prompts…). Removals are spanned
by cleanup.lines so paragraphs stay well formed.
"""
from __future__ import annotations

from typing import Sequence

from .kinds.block import BlockMatcher
from .kinds.common import finding
from .lines import removal_findings, split_lines
from .markup import touches
from .model import Finding


class BoilerplateStage:
    name = "boilerplate"

    def __init__(self, matchers: Sequence[BlockMatcher]):
        self.matchers = list(matchers)

    def find(self, text: str, protected=()) -> list[Finding]:
        lines = split_lines(text)
        verdicts: dict[int, Finding] = {}
        for i, line in enumerate(lines):
            if protected and touches(list(protected), line.start, line.end):
                continue
            content = line.text(text)
            for matcher in self.matchers:
                if matcher.matches_line(content):
                    message = matcher.rule.message.format(found=content.strip())
                    verdicts[i] = finding(matcher.rule, line.start, line.end, "", message)
                    break
        return removal_findings(text, lines, verdicts)
