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

import re
from typing import Iterator

import regex

from . import RuleError
from .common import compile_regex, finding, timeout_for
from ..model import Finding, Rule

# Not inside a longer token: URLs, e-mail, paths, handles, snake_case, hyphenated ids.
_BEFORE = r"(?<![\w@#/\\.\-+])"
_AFTER = r"(?![\w@/\\+]|[.\-][\w])"

# A fast first pass (the IGNORECASE list tried at every position is slow): the text as an
# ASCII key of the same length, lower-cased, where case-insensitively equal strings are equal
# (a letter IGNORECASE takes for an ASCII one becomes that letter, any other non-ASCII
# character a '?'). A name can match only where its key's first run of [a-z0-9] is a whole
# run of the text's key: the list is tried only there.
_RUN = re.compile(rb"[a-z0-9]+")


def _ascii_twins() -> dict[str, str]:
    try:
        from regex import _regex  # a private helper; fall back to what it says today

        twins = {chr(o): chr(c).lower() for c in range(128)
                 for o in _regex.get_all_cases(regex.IGNORECASE, c) if o >= 128}
    except Exception:
        twins = {}
    return twins or {"\u0131": "i", "\u0130": "i", "\u212a": "k", "\u017f": "s"}


_TWINS = _ascii_twins()
_TWINS_CLASS = regex.compile("[" + regex.escape("".join(_TWINS)) + "]")


def ascii_key(text: str) -> bytes:
    """`text` as lower-case ASCII bytes, one byte per character (see above)."""
    if not text.isascii() and _TWINS_CLASS.search(text):
        for twin, letter in _TWINS.items():
            text = text.replace(twin, letter)
    return text.encode("ascii", "replace").lower()


_last_key: list = [None, b"", frozenset()]  # the last text, its key and its runs (the casing rules share them)


def _key_and_runs(text: str) -> tuple[bytes, frozenset]:
    if _last_key[0] is not text:
        key = ascii_key(text)
        _last_key[:] = [text, key, frozenset(_RUN.findall(key))]
    return _last_key[1], _last_key[2]


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
        # the first pass: each name's first run of its key, as a whole run of the text's key
        firsts = set()
        for name in names:
            m = _RUN.match(ascii_key(name))
            if m is None:  # not a letter or digit first: no first pass for this rule
                firsts = None
                break
            firsts.add(m.group())
        self.first_runs = frozenset(firsts) if firsts is not None else None
        self.run_patterns = {r: re.compile(rb"(?<![a-z0-9])" + r + rb"(?![a-z0-9])") for r in firsts or ()}

    def _matches(self, text: str) -> Iterator[regex.Match]:
        """What `self.pattern.finditer(text)` finds: the pattern is tried only where the first pass says a
        name can start."""
        budget = timeout_for(text)
        if self.first_runs is None:
            yield from self.pattern.finditer(text, timeout=budget)
            return
        key, runs = _key_and_runs(text)
        found = self.first_runs & runs
        if not found:
            return
        starts = sorted({m.start() for r in found for m in self.run_patterns[r].finditer(key)})
        done = 0
        for pos in starts:
            if pos < done:
                continue
            m = self.pattern.match(text, pos, timeout=budget)
            if m is not None:
                done = m.end()
                yield m

    def _add(self, form: str, target: str) -> None:
        if not isinstance(form, str) or not isinstance(target, str) or not form.strip():
            raise RuleError(f"bad name entry {form!r}")
        key = form.casefold()
        if self.canonical.get(key, target) != target:
            raise RuleError(f"'{form}' is given two canonical forms")
        self.canonical[key] = target

    def find(self, text: str) -> Iterator[Finding]:
        for m in self._matches(text):
            found = m.group()
            target = self.canonical[found.casefold()]
            if found == target:
                continue
            if self.require_capital and not found[:1].isupper():
                continue
            letters = [c for c in found if c.isalpha()]
            if not self.fix_all_caps and len(letters) > 1 and all(c.isupper() for c in letters):
                continue
            if self.unless is not None and self.unless.match(text, m.end(), timeout=timeout_for(len(text) - m.end())):
                continue
            message = self.rule.message.format(found=found, canonical=target)
            yield finding(self.rule, m.start(), m.end(), target, message)


def compile(rule: Rule) -> CasingMatcher:
    return CasingMatcher(rule)
