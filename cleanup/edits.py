"""Choosing, applying and tracing edits.

A stage proposes findings against its own input text. Here we pick a set of
non-overlapping edits, apply them, and keep an OffsetMap so that later stages'
findings can be traced back to the original text.
"""
from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Iterable, Sequence

from .model import Finding


def _overlaps(a: Finding, b: Finding) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions clash only at the same point or inside
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def _clashes(f: Finding, chosen: list[Finding], keys: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_left(keys, (f.start, -1))
    j = i - 1
    while j >= 0 and chosen[j].end >= f.start:  # those starting before f and reaching it
        if _overlaps(f, chosen[j]):
            return True
        j -= 1
    while i < len(chosen) and chosen[i].start <= f.end:  # those starting inside or at f's end
        if _overlaps(f, chosen[i]):
            return True
        i += 1
    return False


def choose_edits(
    findings: Iterable[Finding], threshold: float
) -> tuple[list[Finding], list[Finding]]:
    """Split findings into edits to apply and findings to report.

    An edit is applied when it is confident enough and does not overlap a
    stronger one (order: confidence, then earliest, then longest). The losers
    are reported, not silently dropped.
    """
    candidates, report = [], []
    for f in findings:
        (candidates if f.is_edit and f.confidence >= threshold else report).append(f)
    candidates.sort(key=lambda f: (-f.confidence, f.start, -(f.end - f.start), f.rule))
    # The chosen edits, kept sorted by (start, end): they never overlap, so only the
    # neighbours around a candidate's position can clash with it (n log n, not n²:
    # a long article has tens of thousands of findings).
    chosen: list[Finding] = []
    keys: list[tuple[int, int]] = []
    for f in candidates:
        if _clashes(f, chosen, keys):
            report.append(f)
        else:
            i = bisect.bisect_left(keys, (f.start, f.end))
            keys.insert(i, (f.start, f.end))
            chosen.insert(i, replace(f, applied=True))
    # Two edits that change nothing after all (replacement equals the text) are dropped by callers.
    return chosen, [replace(f, applied=False) for f in report]


def apply_edits(text: str, edits: Sequence[Finding]) -> str:
    """Apply sorted, non-overlapping edits."""
    parts, pos = [], 0
    for e in edits:
        parts.append(text[pos : e.start])
        parts.append(e.replacement or "")
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


class OffsetMap:
    """Maps positions in an edited text back to the text before the edits."""

    def __init__(self, edits: Sequence[Finding]):
        self._edits = list(edits)
        self._out_starts: list[int] = []
        self._deltas: list[int] = []  # shift in effect before edit i
        delta = 0
        for e in self._edits:
            self._out_starts.append(e.start + delta)
            self._deltas.append(delta)
            delta += len(e.replacement or "") - (e.end - e.start)
        self._final_delta = delta

    def to_input(self, pos: int, *, is_end: bool) -> int:
        i = bisect.bisect_right(self._out_starts, pos) - 1
        if i < 0:
            return pos
        e, out_start = self._edits[i], self._out_starts[i]
        out_end = out_start + len(e.replacement or "")
        if pos == out_start and (is_end or pos < out_end):
            # At the left edge of an edit: an end stays before it, a start covers it.
            return e.start
        if pos < out_end:
            return e.end if is_end else e.start
        next_delta = self._deltas[i + 1] if i + 1 < len(self._deltas) else self._final_delta
        return pos - next_delta

    def span_to_input(self, start: int, end: int) -> tuple[int, int]:
        s = self.to_input(start, is_end=False)
        return s, max(s, self.to_input(end, is_end=True))


def trace_back(finding: Finding, maps: Sequence[OffsetMap]) -> Finding:
    """Move a finding's span through earlier stages' maps to the original text."""
    start, end = finding.start, finding.end
    for m in reversed(maps):
        start, end = m.span_to_input(start, end)
    return replace(finding, start=start, end=end)
