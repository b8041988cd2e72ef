"""Choosing, applying and tracing edits.

A stage proposes findings against its own input text. Here we pick a set of
non-overlapping edits, apply them, and keep an OffsetMap so that later stages'
findings can be traced back to the original text.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable, Sequence

from .model import Change, Finding


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
        (candidates if f.replacement is not None and f.confidence >= threshold else report).append(f)
    if not candidates:
        return [], [f.marked(False) for f in report]
    in_place = sorted(candidates, key=_span)
    if not _any_clash(in_place):  # the usual case: every candidate is chosen, whatever the order
        return [f.marked(True) for f in in_place], [f.marked(False) for f in report]
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
            chosen.insert(i, f.marked(True))
    # Two edits that change nothing after all (replacement equals the text) are dropped by callers.
    return chosen, [f.marked(False) for f in report]


def _span(f: Finding) -> tuple[int, int]:
    return f.start, f.end


def _any_clash(in_place: list[Finding]) -> bool:
    """Do any two of the findings (sorted by start, then end) clash (_overlaps)? One pass: a
    finding clashes with an earlier one only if that one starts at the same point (the one
    just before it does, then) or is a span reaching past its start."""
    reach = -1  # the furthest end of the spans (not insertions) so far
    prev_start = -1
    for f in in_place:
        if f.start == prev_start or f.start < reach:
            return True
        prev_start = f.start
        if f.end > f.start and f.end > reach:
            reach = f.end
    return False


def apply_edits(text: str, edits: Sequence[Finding]) -> str:
    """Apply sorted, non-overlapping edits."""
    parts, pos = [], 0
    for e in edits:
        parts.append(text[pos : e.start])
        parts.append(e.replacement or "")
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def _apply_shifted(text: str, edits: Sequence[Finding], offset: int) -> str:
    """apply_edits for edits whose offsets are `offset` past the start of `text`."""
    parts, pos = [], 0
    for e in edits:
        parts.append(text[pos : e.start - offset])
        parts.append(e.replacement or "")
        pos = e.end - offset
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
    return finding.moved(start, end)


@dataclass
class _Segment:
    c0: int  # span in the text the current stage edits
    c1: int
    o0: int  # span in the original
    o1: int
    text: str | None  # None: the original's own text
    rules: tuple[str, ...] = ()


class ChangeLog:
    """The original text as segments, kept or rewritten, updated stage by stage.

    A stage's edits that touch text an earlier stage rewrote are combined with
    it: the rewritten segment's text is edited in place, and the segment keeps
    its span in the original."""

    def __init__(self, original: str):
        self._original = original
        self._segments = [_Segment(0, len(original), 0, len(original), None)] if original else []

    def apply(self, edits: Sequence[Finding]) -> None:
        """`edits`: sorted, non-overlapping, in the coordinates of the current text."""
        if not edits:
            return
        if all(seg.text is None for seg in self._segments):  # nothing rewritten yet: the usual case
            self._segments = self._first(edits)
        else:
            self._segments = self._combined(edits)

    def _combined(self, edits: Sequence[Finding]) -> list[_Segment]:
        """The segments after `edits`, which may touch what earlier edits rewrote."""
        segments = self._split_at(sorted({p for e in edits for p in (e.start, e.end)}))
        out: list[_Segment] = []
        i = k = 0
        while k < len(edits):
            while i < len(segments) and _before(segments[i], edits[k]):
                out.append(segments[i])
                i += 1
            group, members = [edits[k]], []
            k += 1
            while True:
                while i < len(segments) and _joins(segments[i], group[-1]):
                    members.append(segments[i])
                    i += 1
                last = members[-1] if members else None
                if k < len(edits) and last is not None and last.text is not None and _joins(last, edits[k]):
                    group.append(edits[k])
                    k += 1
                    continue
                break
            out.append(self._rewrite(members, group, out[-1] if out else None))
        out.extend(segments[i:])
        return _renumber(out)

    def _first(self, edits: Sequence[Finding]) -> list[_Segment]:
        """What apply() makes of the first edits, directly: the current text is still the
        original, so each edit becomes a rewritten segment of its own (non-overlapping
        edits never join), and the text between them is kept."""
        out: list[_Segment] = []
        pos = c = 0  # in the original (= the current text), in the text after the edits
        for e in edits:
            if e.start > pos:
                out.append(_Segment(c, c + e.start - pos, pos, e.start, None))
                c += e.start - pos
            replacement = e.replacement or ""
            out.append(_Segment(c, c + len(replacement), e.start, e.end, replacement, (e.rule,)))
            c += len(replacement)
            pos = e.end
        if pos < len(self._original):
            out.append(_Segment(c, c + len(self._original) - pos, pos, len(self._original), None))
        return out

    def changes(self) -> list[Change]:
        """The rewritten regions; regions that touch are one change (a removed block of lines
        is one change naming its rules, not one per line: the findings keep each line)."""
        out: list[Change] = []
        for s in self._segments:
            if s.text is None:
                continue
            last = out[-1] if out else None
            if last is not None and last.end == s.o0:
                out[-1] = Change(last.start, s.o1, last.replacement + s.text, tuple(dict.fromkeys(last.rules + s.rules)))
            else:
                out.append(Change(s.o0, s.o1, s.text, s.rules))
        return out

    def _rewrite(self, members: list[_Segment], group: list[Finding], prev: _Segment | None) -> _Segment:
        if members:
            c0 = min(members[0].c0, group[0].start)
            o0, o1 = members[0].o0, members[-1].o1
        else:  # a pure insertion between two segments
            c0 = group[0].start
            o0 = o1 = prev.o1 if prev else 0
        before = "".join(self._original[m.o0 : m.o1] if m.text is None else m.text for m in members)
        rules = [r for m in members for r in m.rules] + [e.rule for e in group]
        c1 = c0 + len(before)
        return _Segment(c0, c1, o0, o1, _apply_shifted(before, group, c0), tuple(dict.fromkeys(rules)))

    def _split_at(self, points: list[int]) -> list[_Segment]:
        result, k = [], 0
        for seg in self._segments:
            cuts = []
            while k < len(points) and points[k] < seg.c1:
                if points[k] > seg.c0:
                    cuts.append(points[k])
                k += 1
            if seg.text is not None or not cuts:
                result.append(seg)
                continue
            start = seg.c0
            for cut in [*cuts, seg.c1]:
                shift = start - seg.c0
                result.append(_Segment(start, cut, seg.o0 + shift, seg.o0 + shift + cut - start, None))
                start = cut
        return result


def _before(seg: _Segment, e: Finding) -> bool:
    """Does the segment end before the edit, without touching a rewrite it must join?"""
    if seg.text is None:
        return seg.c1 <= e.start
    return seg.c1 < e.start


def _joins(seg: _Segment, e: Finding) -> bool:
    if seg.text is None:  # kept text, already cut at the edit's ends: inside it or not
        return seg.c0 < e.end and seg.c1 > e.start
    return seg.c0 <= e.end and seg.c1 >= e.start  # a rewritten segment that overlaps or touches


def _renumber(segments: list[_Segment]) -> list[_Segment]:
    """Give segments coordinates in the text after this stage."""
    out, pos = [], 0
    for seg in segments:
        length = len(seg.text) if seg.text is not None else seg.c1 - seg.c0
        out.append(_Segment(pos, pos + length, seg.o0, seg.o1, seg.text, seg.rules))
        pos += length
    return out
