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
_ALNUM = [48 <= b <= 57 or 97 <= b <= 122 for b in range(256)]  # [a-z0-9], by byte
# Every byte but [a-z0-9] made a space: split() then gives the runs (what _RUN.findall gives, faster).
_RUNS_APART = bytes(b if _ALNUM[b] else 32 for b in range(256))


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


# The last text, its key and the set of its key's runs (or None): the rules of a stage see the
# same text one after another (casing rules, and detectors that use the key too). One tuple,
# replaced whole, so that threads sharing it never see one text's key with another's.
_last_key: tuple = (None, b"", None)


def text_key(text: str) -> bytes:
    """ascii_key(text), kept for the last text."""
    global _last_key
    last = _last_key
    if last[0] is not text:
        last = _last_key = (text, ascii_key(text), None)
    return last[1]


def _key_and_runs(text: str) -> tuple[bytes, frozenset]:
    global _last_key
    last = _last_key
    if last[0] is not text:
        last = (text, ascii_key(text), None)
    if last[2] is None:
        last = _last_key = (text, last[1], frozenset(last[1].translate(_RUNS_APART).split()))
    return last[1], last[2]


class NameStarts:
    """A first pass for a pattern that matches one of `names` (case-insensitively or exactly) with
    no letter or digit glued to it before, nor after when the name ends in one: where such a
    match can start in a text, found with plain byte searches in the text's key."""

    def __init__(self, names):
        firsts: set | None = set()
        by_run: dict[bytes, set[bytes]] = {}
        for name in names:
            key = ascii_key(name)
            m = _RUN.match(key)
            if m is None:  # not a letter or digit first: no first pass
                firsts = None
                break
            firsts.add(m.group())
            by_run.setdefault(m.group(), set()).add(key)
        self.first_runs = frozenset(firsts) if firsts is not None else None
        # A match has the same length as its name (IGNORECASE folds one character to one), so the
        # text's key holds the name's whole key where it starts: the runs that are not a name by
        # themselves ("you" of "YouTube") are checked so before the pattern is tried there.
        self.whole_keys = {r: tuple(keys) for r, keys in by_run.items() if r not in keys}
        # the run, not followed by a letter or digit (the one before is checked apart: a pattern that
        # starts with a look-behind is tried at every position, one that starts with the run is not)
        self.run_patterns = {r: re.compile(re.escape(r) + rb"(?![a-z0-9])") for r in firsts or ()}

    def starts(self, text: str) -> list[int] | None:
        """The positions to try, in order (None: every position)."""
        if self.first_runs is None:
            return None
        key, runs = _key_and_runs(text)
        found = self.first_runs & runs
        if not found:
            return []
        return sorted({p for r in found for p in self._run_starts(key, r)})

    def _run_starts(self, key: bytes, run: bytes) -> list[int]:
        """Where a name that starts with `run` can start in the text whose key is `key`."""
        starts = [m.start() for m in self.run_patterns[run].finditer(key)]
        starts = [p for p in starts if p == 0 or not _ALNUM[key[p - 1]]]
        whole = self.whole_keys.get(run)
        if whole is None:
            return starts
        return [p for p in starts if any(key.startswith(k, p) for k in whole)]

    def matches(self, pattern: regex.Pattern, text: str, budget: float,
                starts: list[int] | None = None) -> Iterator[regex.Match]:
        """What `pattern.finditer(text)` finds, the pattern tried only where a name can start
        (`starts`: self.starts(text), if known)."""
        starts = self.starts(text) if starts is None else starts
        if starts is None:
            yield from pattern.finditer(text, timeout=budget)
            return
        done = 0
        for pos in starts:
            if pos < done:
                continue
            m = pattern.match(text, pos, timeout=budget)
            if m is not None:
                done = m.end()
                yield m


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
        self.first_pass = NameStarts(names)

    def _matches(self, text: str) -> Iterator[regex.Match]:
        """What `self.pattern.finditer(text)` finds."""
        return self.first_pass.matches(self.pattern, text, timeout_for(text))

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
