"""Kind `casing`: names written the canonical way ("Openai" -> "OpenAI").

Fields: `words` (canonical spellings), `aliases` (a table: other spelling ->
canonical, e.g. HighFlyer = "High-Flyer"), `require_capital` (only fix a
form that starts with a capital: for names that are also ordinary words),
`fix_all_caps` (default false: ALL-CAPS, in a name of several words too, "LATIN
AMERICA", is a heading or emphasis and deliberate), `except_followed_by` (a regex: not
when it matches right after the name, e.g. "brussels sprouts", a vegetable).
A name glued to a URL, path, handle or identifier is never touched.
"""
from __future__ import annotations

from typing import Iterator

import regex

from . import RuleError
from .common import REGEX_TIMEOUT_SECONDS, compile_regex, finding
from ..model import Finding, Rule

# Not inside a longer token: URLs, e-mail, paths, handles, snake_case, hyphenated ids.
_BEFORE = r"(?<![\w@#/\\.\-+])"
_AFTER = r"(?![\w@/\\+]|[.\-][\w])"


class CasingMatcher:
    def __init__(self, rule: Rule):
        words = rule.data.get("words", [])
        aliases = rule.data.get("aliases", {})
        if not isinstance(words, list) or not isinstance(aliases, dict) or not (words or aliases):
            raise RuleError("'words' (a list) or 'aliases' (a table) is required")
        self.rule = rule
        self.canonical: dict[str, str] = {}
        for w in words:
            self._add(w, w)
        for alias, target in aliases.items():
            self._add(alias, target)
        names = sorted(self.canonical, key=len, reverse=True)
        self.pattern = regex.compile(
            _BEFORE + r"(?:\L<names>)" + _AFTER, regex.IGNORECASE, names=names
        )
        self.require_capital = bool(rule.data.get("require_capital", False))
        self.fix_all_caps = bool(rule.data.get("fix_all_caps", False))
        unless = rule.data.get("except_followed_by")
        self.unless = compile_regex(rule, unless, "except_followed_by", regex.IGNORECASE) if unless else None

    def _add(self, form: str, target: str) -> None:
        if not isinstance(form, str) or not isinstance(target, str) or not form.strip():
            raise RuleError(f"bad name entry {form!r}")
        key = form.casefold()
        if self.canonical.get(key, target) != target:
            raise RuleError(f"'{form}' is given two canonical forms")
        self.canonical[key] = target

    def find(self, text: str) -> Iterator[Finding]:
        for m in self.pattern.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
            found = m.group()
            target = self.canonical[found.casefold()]
            if found == target:
                continue
            if self.require_capital and not found[:1].isupper():
                continue
            letters = [c for c in found if c.isalpha()]
            if not self.fix_all_caps and len(letters) > 1 and all(c.isupper() for c in letters):
                continue
            if self.unless is not None and self.unless.match(text, m.end(), timeout=REGEX_TIMEOUT_SECONDS):
                continue
            message = self.rule.message.format(found=found, canonical=target)
            yield finding(self.rule, m.start(), m.end(), target, message)


def compile(rule: Rule) -> CasingMatcher:
    return CasingMatcher(rule)
