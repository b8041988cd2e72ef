"""Which spans of a document are not prose, so no rule rewrites them.

Always: URLs, e-mail addresses, @handles. In markdown also: YAML/TOML front
matter, fenced and indented code, inline code, link targets, HTML comments and
tags, table rows. Suppression comments (`<!-- cleanup: off -->` …
`<!-- cleanup: on -->`, and `cleanup: ignore` on a line) protect what they cover.
"""
from __future__ import annotations

import regex

Span = tuple[int, int]

_ALWAYS = regex.compile(
    r"""(?:https?://|ftp://|www\.)[^\s<>"'\])]+[^\s<>"'\])\.,;:!?]"""  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|(?<![\w@])@\w{2,}"  # handles
    r"|\b(?:[\w-]+\.)+(?:com|org|net|io|ai|co|gov|edu|hk|uk|cn|de|fr)(?:/[^\s]*)?\b"  # bare domains
    r"|(?m:^.*\bcleanup:\s*ignore\b.*$)",
    regex.IGNORECASE,
)
_MARKDOWN = regex.compile(
    r"\A(?:---|\+\+\+)\r?\n.*?\n(?:---|\+\+\+)[ \t]*(?:\r?\n|\Z)"  # front matter
    r"|(?ms:^[ \t]*(```|~~~).*?(?:^[ \t]*\1[ \t]*$|\Z))"  # fenced code
    r"|(?m:^(?: {4}|\t).*$)"  # indented code (a simplification: also catches deep list text)
    r"|`[^`\n]+`"  # inline code
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # link targets
    r"|(?m:^\[[^\]\n]+\]:.*$)"  # reference definitions
    r"|<!--.*?-->"  # HTML comments
    r"|</?[a-zA-Z][^>\n]*>"  # HTML tags
    r"|(?m:^[ \t]*\|.*\|[ \t]*$)",  # table rows
    regex.DOTALL,
)
_SUPPRESSED = regex.compile(r"<!--\s*cleanup:\s*off\s*-->.*?(?:<!--\s*cleanup:\s*on\s*-->|\Z)", regex.DOTALL)


def protected_spans(text: str, markdown: bool = False) -> list[Span]:
    """Sorted, merged spans that no stage may touch."""
    spans = [m.span() for m in _ALWAYS.finditer(text)]
    spans += [m.span() for m in _SUPPRESSED.finditer(text)]
    if markdown:
        spans += [m.span() for m in _MARKDOWN.finditer(text)]
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def touches(spans: list[Span], start: int, end: int) -> bool:
    """Does [start, end) overlap a protected span (an insertion: sit strictly inside one)?"""
    import bisect

    i = bisect.bisect_right(spans, (end, end))
    for s, e in spans[max(0, i - 2) : i + 1]:
        if (start < e and s < end) or (start == end and s < start < e):
            return True
    return False
