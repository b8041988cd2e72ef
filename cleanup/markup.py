"""Which spans of a document are not prose, so no rule rewrites them.

Always: URLs, e-mail addresses, @handles, bare domains, `cleanup: ignore` lines. In markdown also: YAML/TOML front
matter, fenced and indented code, inline code, link targets, HTML comments and
tags, table rows. Suppression comments (`<!-- cleanup: off -->` …
`<!-- cleanup: on -->`, and `cleanup: ignore` on a line) protect what they cover.
"""
from __future__ import annotations

import bisect
import re

import regex

Span = tuple[int, int]

# Each pattern starts at a rare literal ("http", "@", ".com", "cleanup:") so a
# page is scanned quickly; the match is then widened to the whole token or line.
# The scheme in any case, spelled out: regex searches a literal with IGNORECASE much more
# slowly than these classes (which are what IGNORECASE matches: "s" also matches "ſ").
_URL = regex.compile(r"""(?:[hH][tT][tT][pP][sSſ]?://|[fF][tT][pP]://|[wW][wW][wW]\.)[^\s<>"'\])]+[^\s<>"'\])\.,;:!?]""")
_WWW = re.compile(r"\.(?<=[wW][wW][wW]\.)")  # (the dot first: a literal is found fastest)
_AT = regex.compile(r"@[\w-]+(?:\.[\w-]+)*")  # e-mail (with the local part before it) or @handle
_DOMAIN_END = regex.compile(r"\.(?:com|org|net|io|ai|co|gov|edu|hk|uk|cn|de|fr)\b(?:/[^\s]*)?", regex.IGNORECASE)
_IGNORE_LINE = regex.compile(r"cleanup:\s*ignore\b")
_TOKEN_CHARS = regex.compile(r"[\w.+-]*\Z")


def _inline_spans(text: str) -> list[Span]:
    # Most texts have no URL, no "@" and no "cleanup:" comment: plain substring tests say so
    # faster than the searches. (No character but "W" lower-cases to "w": the www test is
    # `"www." in text.lower()` without copying the text.)
    maybe_url = "://" in text or _WWW.search(text) is not None
    spans = [m.span() for m in _URL.finditer(text)] if maybe_url else []
    if "@" in text:
        for m in _AT.finditer(text):
            start = m.start() - len(_TOKEN_CHARS.search(text, max(0, m.start() - 64), m.start()).group())
            if start < m.start() or len(m.group()) > 2:  # an address, or a handle of 2+ characters
                spans.append((start, m.end()))
    for m in _DOMAIN_END.finditer(text):
        start = m.start() - len(_TOKEN_CHARS.search(text, max(0, m.start() - 64), m.start()).group())
        if start < m.start():  # "example.com", not a sentence ending in ".com"
            spans.append((start, m.end()))
    if "cleanup:" in text:
        for m in _IGNORE_LINE.finditer(text):
            spans.append((text.rfind("\n", 0, m.start()) + 1, _line_end(text, m.end())))
    return spans


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


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
_HEADING = regex.compile(r"(?m)^#{1,6}[ \t][^\n]*")
_IGNORE_LINE_SPAN = regex.compile(r"(?m)^[^\n]*cleanup:\s*ignore\b[^\n]*")
_SUPPRESSED = regex.compile(r"<!--\s*cleanup:\s*off\s*-->.*?(?:<!--\s*cleanup:\s*on\s*-->|\Z)", regex.DOTALL)


def protected_spans(text: str, markdown: bool = False, inline: bool = True) -> list[Span]:
    """Sorted, merged spans that no stage may touch. `inline=False` leaves out
    URLs, addresses and handles: for stages that judge whole lines."""
    commented = "cleanup:" in text  # what the suppression comments and ignore lines all contain
    if inline:
        spans = _inline_spans(text)
    else:
        spans = [m.span() for m in _IGNORE_LINE_SPAN.finditer(text)] if commented else []
    if commented:
        spans += [m.span() for m in _SUPPRESSED.finditer(text)]
    if markdown:
        spans += [m.span() for m in _MARKDOWN.finditer(text)]
        if not inline:  # an author's headings are the article's own, whatever a line classifier thinks
            spans += [m.span() for m in _HEADING.finditer(text)]
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
    if not spans:
        return False
    i = bisect.bisect_right(spans, (end, end))
    for s, e in spans[max(0, i - 2) : i + 1]:
        if (start < e and s < end) or (start == end and s < start < e):
            return True
    return False
