"""Running the boilerplate stage to its fixed point, so that a second run removes nothing.

The stage judges a line by its neighbours (the context pass, the article's region and
end), and removing lines changes the neighbours: a heading that sat between a menu and the
article may stand first on the cleaned page, where it is judged again. So after the first
round the stage looks at the text it would leave (the kept lines, exactly as the cleaned
text has them) and removes what it would remove there too, until nothing changes.
Most pages settle after one look, which is cheap: a line no rule removed is asked again
only by the rules that read its neighbours (cleanup/boilerplate.py).
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Callable, Mapping

from .lines import Line, removal_findings, split_lines
from .model import Finding

# Rounds after the first; a page that has not settled by then keeps the last round's verdicts.
MAX_AGAIN = 10

# (text, lines, locked line indexes) -> {line index: verdict}, for a round after the first
Judge = Callable[[str, list[Line], set[int]], dict[int, Finding]]


def kept_view(text: str, lines: list[Line], verdicts: Mapping[int, Finding],
              removals: list[Finding] | None = None) -> tuple[str, list[Line], list[int]]:
    """The text the verdicts leave, its lines, and for each of them the index of the same
    line in `lines` (removals take whole lines, so every kept line is one of the originals).
    `removals`: removal_findings(text, lines, verdicts) when the caller has them."""
    if removals is None:
        removals = removal_findings(text, lines, verdicts)
    parts, shifts, starts = [], [], []  # kept segments: where each starts in the new text, and its shift
    pos = removed = 0
    for f in removals:
        if f.start > pos:
            starts.append(pos - removed)
            shifts.append(removed)
            parts.append(text[pos:f.start])
        removed += f.end - max(f.start, pos)
        pos = max(pos, f.end)
    if pos < len(text):
        starts.append(pos - removed)
        shifts.append(removed)
        parts.append(text[pos:])
    kept = "".join(parts)
    new_lines = split_lines(kept)
    old_starts = [ln.start for ln in lines]
    origin = []
    for ln in new_lines:
        shift = shifts[bisect_right(starts, ln.start) - 1]
        origin.append(bisect_right(old_starts, ln.start + shift) - 1)
    return kept, new_lines, origin


def settle(text: str, lines: list[Line], verdicts: dict[int, Finding], locked: set[int],
           again: Judge) -> list[Finding]:
    """The removals of the verdicts, with what `again` finds on the text they leave added,
    round after round, until it finds nothing (the fixed point: a second run of the stage
    changes nothing)."""
    removals = removal_findings(text, lines, verdicts)
    for _ in range(MAX_AGAIN):
        if not verdicts:
            break
        kept, kept_lines, origin = kept_view(text, lines, verdicts, removals)
        more = again(kept, kept_lines, {j for j, i in enumerate(origin) if i in locked})
        if not more:
            break
        verdicts = {**verdicts, **{origin[j]: f for j, f in more.items()}}
        removals = removal_findings(text, lines, verdicts)
    return removals
