"""Document structure: where the article is, and which lines repeat.

An article is usually one contiguous region of prose. The region is the run of
blocks with the largest score (prose words count for it, boilerplate words against
it: a maximum-sum segment), so navigation before it and footers after it fall outside.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Container, Sequence

import regex

from .boilerplate_features import BAD, GOOD, NEAR_GOOD, Block, Profile

_SPACES = regex.compile(r"\s+")


def block_scores(blocks: Sequence[Block], removed: set[int], profile: Profile,
                 teasers: set[int] | None = None) -> list[float]:
    """What each block adds to a region that includes it: prose words count for it,
    boilerplate words against it. A short line costs nothing as a heading between prose,
    but a run of short lines (a menu, a list of links or names) costs like boilerplate.
    `teasers`: teaser_runs(blocks, removed, profile) when the caller has it already."""
    runs = _short_runs(blocks, removed)
    if teasers is None:
        teasers = teaser_runs(blocks, removed, profile)
    out = []
    for k, b in enumerate(blocks):
        if k in teasers:
            out.append(-max(b.words, 1) * profile["region_run_weight"])
        elif b.index in removed:
            out.append(-max(b.words, 1) * profile["region_bad_weight"])
        elif b.cls in (GOOD, NEAR_GOOD):
            out.append(float(b.words))
        elif b.cls == BAD:
            out.append(-b.words * profile["region_bad_weight"])
        elif _short_sentence(b):
            out.append(b.words * profile["short_sentence_weight"])
        elif runs[k] > profile["heading_run_max"]:
            out.append(-max(b.words, 1) * profile["region_run_weight"])
        else:
            out.append(0.0 if b.final == GOOD else -max(b.words, 1) * profile["region_short_weight"])
    return out


_SENTENCE_BREAK = regex.compile(r"[.!?…][\s\"'”’»)\]]*\s+\S")


def _title(b: Block) -> bool:
    return not b.sentence and b.cls not in (GOOD, NEAR_GOOD) and 1 <= b.words <= 12


def _blurb(b: Block, profile: Profile) -> bool:
    """One sentence of prose, as under a teaser's title (not a paragraph), or an excerpt the
    page cut short ("… a notice dated Decembe..."): a teaser's, whatever its length."""
    if b.text.endswith(_CUT) and b.words <= profile["teaser_excerpt_max_words"]:
        return True
    return (b.cls in (GOOD, NEAR_GOOD) or _short_sentence(b)) and b.words <= profile["teaser_max_words"] \
        and not _SENTENCE_BREAK.search(b.text)


_CUT = ("...", "…", "[…]", "[...]")


def teaser_runs(blocks: Sequence[Block], removed: set[int], profile: Profile,
                delimiters: Container[int] = ()) -> set[int]:
    """Positions of blocks in runs of teasers: a short title followed by one sentence, repeated
    at least teaser_min_pairs times. Lines the rules removed in between, such as "Read more",
    and `delimiters` (positions of short lines the page repeats, such as a byline or "Learn
    More" under each teaser) do not break a run, and go with it. Menus with descriptions and
    lists of other articles look like this; an article's sections have paragraphs, not one
    sentence each."""
    kept = [k for k, b in enumerate(blocks) if b.index not in removed]
    prose_before = _prose_before(blocks, removed) if delimiters else []
    least = profile["teaser_min_pairs"]
    out: set[int] = set()
    j = 0
    while j + 1 < len(kept):
        # teasers with a line between them are a list after an article (a page that is only
        # such a list, a listing page, may be what the reader came for)
        between = delimiters if delimiters and prose_before[kept[j]] >= profile["delimited_teasers_min_prose_before"] else ()
        pairs, end = 0, j
        while end + 1 < len(kept):
            blurb = end + 1
            while blurb + 1 < len(kept) and kept[blurb] in between:  # a byline under the title
                blurb += 1
            if _title(blocks[kept[end]]) and _blurb(blocks[kept[blurb]], profile):
                pairs, end = pairs + 1, blurb + 1
            elif pairs and kept[end] in between:  # "Learn More" under a teaser
                end += 1
            else:
                break
        if pairs >= least:
            out.update(kept[j:end])
        j = end if pairs else j + 1
    return out


def _prose_before(blocks: Sequence[Block], removed: set[int]) -> list[int]:
    """For each position, the words of prose blocks before it."""
    out, total = [], 0
    for b in blocks:
        out.append(total)
        if b.index not in removed and b.cls in (GOOD, NEAR_GOOD):
            total += b.words
    return out


def delimiter_lines(keys: dict[int, str], counts: Counter, profile: Profile) -> set[int]:
    """Positions of the short lines a page repeats often (a byline, "Learn More"): in a list of
    teasers they stand between the items."""
    most = profile["delimiter_max_words"]
    return {k for k, line_key in keys.items() if counts[line_key] >= profile["delimiter_min_count"]
            and line_key.count(" ") < most}


def _short_sentence(b: Block) -> bool:
    """A short line that is a sentence of its own ("Book early.", "Include:"): prose, not a label."""
    return b.sentence and b.words >= 2 and b.stopwords >= 1


def _prose(b: Block, removed: set[int]) -> bool:
    return b.index not in removed and (b.cls in (GOOD, NEAR_GOOD) or _short_sentence(b))


def _short_runs(blocks: Sequence[Block], removed: set[int]) -> list[int]:
    """For each block, the length of the run of consecutive non-prose blocks it is in (0 for prose)."""
    n = len(blocks)
    runs = [0] * n
    k = 0
    while k < n:
        if _prose(blocks[k], removed):
            k += 1
            continue
        j = k
        while j < n and not _prose(blocks[j], removed):
            j += 1
        for m in range(k, j):
            runs[m] = j - k
        k = j
    return runs


def article_region(blocks: Sequence[Block], removed: set[int], profile: Profile,
                   teasers: set[int] | None = None) -> tuple[int, int] | None:
    """(first, last) positions in `blocks` of the best-scoring run, or None when no run has prose."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for k, score in enumerate(block_scores(blocks, removed, profile, teasers)):
        if total <= 0:
            total, start = 0.0, k
        total += score
        if total > best:
            best, best_span = total, (start, k)
    return best_span


@lru_cache(maxsize=65_536)
def key(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def short_keys(blocks: Sequence[Block], profile: Profile) -> dict[int, str]:
    """Position -> key of each short line (at most repeat_max_words): the lines that may repeat."""
    limit = profile["repeat_max_words"]
    return {k: key(b.text) for k, b in enumerate(blocks) if b.words <= limit}


def repeated(blocks: Sequence[Block], profile: Profile) -> Counter:
    """How often each short line's text occurs (only lines of at most repeat_max_words)."""
    return Counter(short_keys(blocks, profile).values())


def extend(blocks: Sequence[Block], region: tuple[int, int], removed: set[int], counts: Counter) -> tuple[int, int]:
    """Grow the region forward up to the first line that is boilerplate for sure (removed
    by a rule, or a line the page repeats): an article's closing list or table that the
    scores left out is kept, because nothing marks where it would end. (Not backward: the
    lines before an article are its site's menus, which need no marker.)"""
    first, last = region
    while last + 1 < len(blocks) and _unmarked(blocks[last + 1], removed, counts):
        last += 1
    return first, last


def _unmarked(b: Block, removed: set[int], counts: Counter) -> bool:
    return b.index not in removed

