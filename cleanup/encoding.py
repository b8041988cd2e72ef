"""Stage 1: encoding repair with ftfy, turned into local, explained findings.

ftfy fixes whole strings; we run it line by line (as ftfy itself segments
text) and trim each changed line to the part that differs, so every change is
a small finding whose message lists ftfy's steps, replayable with
`ftfy.apply_plan`.
"""
from __future__ import annotations

import re
import unicodedata

import ftfy
import ftfy.badness
import ftfy.chardata
import ftfy.fixes
import regex

from .markup import touches
from .model import Finding

# Curly quotes and line breaks are the document's own choice; NFC would rewrite
# good text invisibly. Full-width punctuation is right in Chinese or Japanese
# text, so width is fixed here only for Latin letters and digits; the MT rules
# narrow punctuation where it stands in English (and add the space it needs).
_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_character_width=False,
    normalization=None,
    explain=True,
)
_FULL_WIDTH_ALNUM = regex.compile(r"[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+")


class EncodingStage:
    name = "encoding"

    def find(self, text: str, protected=()) -> list[Finding]:
        if text.isascii() and "&" not in text and _CONTROL.search(text) is None:
            return []  # most documents: nothing any line could be sent to ftfy for
        findings = []
        pos = 0
        for line in text.splitlines(keepends=True):
            if _selected(line) and _may_change(line):
                findings.extend(self._fix_line(line, pos))
            pos += len(line)
        return [f for f in findings if not touches(protected, f.start, f.end)]

    def _fix_line(self, line: str, offset: int) -> list[Finding]:
        narrowed = _FULL_WIDTH_ALNUM.sub(lambda m: unicodedata.normalize("NFKC", m.group()), line)
        fixed, plan = ftfy.fix_and_explain(narrowed, _CONFIG)
        if fixed == line:
            return []
        head = _common_prefix(line, fixed)
        tail = _common_prefix(line[head:][::-1], fixed[head:][::-1])
        steps = [f"{action} {param}" for action, param in plan]
        if narrowed != line:
            steps.insert(0, "narrow full-width letters and digits")
        return [
            Finding(
                start=offset + head,
                end=offset + len(line) - tail,
                rule="encoding.ftfy" if plan else "encoding.full-width",
                category="encoding",
                message=f"Repaired text encoding ({', '.join(steps)}).",
                replacement=fixed[head : len(fixed) - tail],
                confidence=1.0,
            )
        ]


# Plain character classes: the standard library's re scans them many times faster than regex.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _selected(line: str) -> bool:
    """The lines this stage repairs: text with anything but plain ASCII in it, or HTML
    entities, or control characters (a line of plain ASCII is left as it is)."""
    return not line.isascii() or "&" in line or _CONTROL.search(line) is not None


# ftfy (with _CONFIG) changes a line only through one of its fixes, and each fix acts on
# characters of its own: HTML entities, C1 controls, Latin ligatures, surrogates,
# control characters (terminal escapes start with one), or mojibake (ftfy's is_bad);
# the narrowing acts on full-width letters and digits. A line with none of them comes
# back unchanged, so ftfy's slower per-line work is skipped for it (a property test
# checks this shortcut against ftfy itself: tests/test_properties.py).
_TRIGGERS = re.compile(
    "[\\x80-\\x9f\\ud800-\\udfff\\uff10-\\uff19\\uff21-\\uff3a\\uff41-\\uff5a"
    + "".join(f"\\u{c:04x}" for c in sorted({*ftfy.chardata.CONTROL_CHARS, *ftfy.chardata.LIGATURES}))
    + "]"
)


def _may_change(line: str) -> bool:
    return (_TRIGGERS.search(line) is not None
            or "&" in line and ftfy.fixes.HTML_ENTITY_RE.search(line) is not None
            or _MOJIBAKE_HINT.search(line) is not None and ftfy.badness.is_bad(line))


def _mojibake_hint() -> re.Pattern:
    """Characters one of which every mojibake sequence ftfy looks for contains (from its
    is_bad pattern: each alternative's required character class that holds no ASCII
    and no common typography), so a line of curly quotes and dashes skips is_bad, a slow
    search. Anything unexpected in that pattern: every character (is_bad always runs)."""
    every = re.compile(r"[^\x00-\x7f]")
    bad = ftfy.badness.BADNESS_RE
    try:
        from re import _parser, _constants as c  # Python 3.11+
    except ImportError:
        return every
    if bad.flags & re.IGNORECASE:
        return every

    def char_set(op, av) -> set[int] | None:
        if op is c.LITERAL:
            return {av}
        if op is not c.IN:
            return None
        chars: set[int] = set()
        for o, a in av:
            if o is c.LITERAL:
                chars.add(a)
            elif o is c.RANGE:
                chars.update(range(a[0], a[1] + 1))
            else:  # a negation or a category: not a plain set
                return None
        return chars

    def required(seq) -> list[set[int]]:
        """Classes a match of the sequence takes a character from, each (not all known)."""
        out = []
        for op, av in seq:
            chars = char_set(op, av)
            if chars:
                out.append(chars)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                out += required(av[2])
            elif op is c.SUBPATTERN:
                out += required(av[-1])
        return out

    common = set(map(ord, "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a9\u00ae\u2122\u2022\u00b7\u00b0\u00b4\u00a0"))
    try:
        tree = list(_parser.parse(bad.pattern, bad.flags))
        alternatives = tree[0][1][1] if len(tree) == 1 and tree[0][0] is c.BRANCH else [tree]
        hint: set[int] = set()
        for alt in alternatives:
            classes = [r for r in required(alt) if not any(ch < 128 for ch in r)]
            if not classes:
                return every
            hint |= min(classes, key=lambda r: (len(r & common), len(r)))
    except Exception:  # another ftfy, another parser: no shortcut
        return every
    return re.compile("[" + "".join(f"\\u{ch:04x}" if ch < 0x10000 else f"\\U{ch:08x}" for ch in sorted(hint)) + "]")


_MOJIBAKE_HINT = _mojibake_hint()


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i
