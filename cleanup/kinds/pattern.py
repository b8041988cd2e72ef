"""Kind `pattern`: a regular expression with a replacement, or none (flag only).

Fields: `pattern`, `replacement` (a template: \\1, \\g<name>; absent = report
only), `ignore_case`, `document` (a regex that must be found in the text).
The message may use {found}. Patterns run with a timeout (see common.py).
"""
from __future__ import annotations

from typing import Iterator

import regex

from . import RuleError
from .common import compile_regex, context_ok, finding, regex_flags, timeout_for
from .literals import may_match, required
from ..model import Finding, Rule

_GROUP_REF = regex.compile(r"\\(\d+)|\\g<(\w+)>")


class PatternMatcher:
    def __init__(self, rule: Rule):
        self.rule = rule
        self.pattern = compile_regex(rule, rule.data.get("pattern"), "pattern", regex_flags(rule))
        self.replacement = rule.data.get("replacement")
        self.document = compile_regex(rule, rule.data["document"], "document") if "document" in rule.data else None
        if self.replacement is not None:
            _check_template(self.pattern, self.replacement)
        # Literal text a match needs (one of these strings): a text without it is skipped unsearched.
        self.needs = required(self.pattern.pattern, self.pattern.flags)
        self.document_needs = required(self.document.pattern, self.document.flags) if self.document else None

    def find(self, text: str) -> Iterator[Finding]:
        if not may_match(self.needs, text):
            return
        if self.document is not None and not (may_match(self.document_needs, text) and context_ok(self.document, text)):
            return
        for m in self.pattern.finditer(text, timeout=timeout_for(text)):
            if m.start() == m.end() and self.replacement is None:
                continue
            replacement = m.expand(self.replacement) if self.replacement is not None else None
            if replacement == m.group():
                continue
            message = self.rule.message.format(found=m.group())
            yield finding(self.rule, m.start(), m.end(), replacement, message)


def _check_template(pattern, template: object) -> None:
    if not isinstance(template, str):
        raise RuleError("'replacement' must be a string")
    for ref in _GROUP_REF.finditer(template):
        name = ref.group(1) or ref.group(2)
        known = int(name) <= pattern.groups if name.isdigit() else name in pattern.groupindex
        if not known:
            raise RuleError(f"'replacement' refers to group {name}, which the pattern lacks")


def compile(rule: Rule) -> PatternMatcher:
    return PatternMatcher(rule)
