"""Stage 1: encoding repair with ftfy, turned into local, explained findings.

ftfy fixes whole strings; we run it line by line (as ftfy itself segments
text) and trim each changed line to the part that differs, so every change is
a small finding whose message lists ftfy's steps, replayable with
`ftfy.apply_plan`.
"""
from __future__ import annotations

import unicodedata

import ftfy
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
        findings = []
        pos = 0
        for line in text.splitlines(keepends=True):
            if not line.isascii() or "&" in line or "\x1b" in line or _has_control(line):
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


_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _has_control(line: str) -> bool:
    return _CONTROL.search(line) is not None


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i
