"""Removing whole lines so that the text around them stays well formed.

A removed line takes its line break with it. Blank lines that would end up
doubled, leading or trailing are taken by the removed line next to them, so
"A\\n\\nB\\n\\nC" without B is "A\\n\\nC", and without C is "A\\n" (a final line
break is kept as it was).
"""
from __future__ import annotations

from itertools import accumulate, repeat
from operator import sub
from typing import Mapping, NamedTuple

from .model import Finding


class Line(NamedTuple):  # a tuple, cheap to make: a long page has tens of thousands of lines
    start: int
    end: int  # end of the content, before the line break
    stop: int  # after the line break

    def text(self, doc: str) -> str:
        return doc[self.start : self.end]


def split_lines(text: str) -> list[Line]:
    # (in C: maps over the lines, no Python loop; a long page has tens of thousands of lines)
    raws = text.splitlines(keepends=True)
    stops = list(accumulate(map(len, raws)))
    breaks = map(sub, map(len, raws), map(len, map(str.rstrip, raws, repeat("\r\n"))))
    return list(map(tuple.__new__, repeat(Line), zip([0, *stops], map(sub, stops, breaks), stops)))


def removal_findings(text: str, lines: list[Line], verdicts: Mapping[int, Finding]) -> list[Finding]:
    """Turn per-line verdicts (a Finding template per removed line index) into
    non-overlapping removal findings whose spans keep paragraphs well formed."""
    spans = {i: [lines[i].start, lines[i].stop] for i in verdicts}
    blank = [not text[start:end].strip() for start, end, _ in lines]
    last_kept = None  # "text" | "blank" | None (nothing emitted yet)
    prev_removed = None
    i = 0
    while i < len(lines):
        if blank[i]:
            j = i
            while j < len(lines) and blank[j]:
                j += 1
            if last_kept != "text" and prev_removed is not None and prev_removed == i - 1:
                spans[prev_removed][1] = lines[j - 1].stop  # a doubled or leading paragraph break
            elif last_kept == "text":
                last_kept = "blank"
            i = j
            continue
        if i in verdicts:
            prev_removed = i
        else:
            last_kept, prev_removed = "text", None
        i += 1
    _trim_tail(text, lines, blank, verdicts, spans)
    return [_with_span(verdicts[i], *spans[i]) for i in sorted(verdicts)]


def _trim_tail(text, lines, blank, verdicts, spans) -> None:
    """Removed lines at the end must not leave blank lines (or a new final break) behind."""
    last_text = max((i for i in range(len(lines)) if not blank[i] and i not in verdicts), default=None)
    tail_removed = sorted(i for i in verdicts if last_text is None or i > last_text)
    if last_text is None or not tail_removed:
        return
    first = tail_removed[0]
    # Where the next removed tail line starts (the text's end after the last one).
    next_start = {i: lines[j].start for i, j in zip(tail_removed, tail_removed[1:])}
    next_start[tail_removed[-1]] = len(text)
    kept_end = lines[last_text].end
    ends_with_break = text.endswith(("\n", "\r"))
    # The first removed line of the tail takes the break after the last kept line,
    # and the blank lines between; the kept line's own break is given back at the end.
    if ends_with_break:
        spans[first][0] = lines[last_text].stop
        last = tail_removed[-1]
        spans[last][1] = max(spans[last][1], lines[-1].stop)
        for i in tail_removed:  # blank lines between removed tail lines
            spans[i][1] = max(spans[i][1], next_start[i])
    else:
        spans[first][0] = kept_end
        for i in tail_removed:
            spans[i][1] = next_start[i]
            if i != first:
                spans[i][0] = max(spans[i][0], lines[i].start)


def _with_span(template: Finding, start: int, end: int) -> Finding:
    return Finding(start, end, template.rule, template.category, template.message, "", template.confidence,
                   template.applied)
