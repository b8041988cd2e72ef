"""Where the article ends: the first strong end-of-article marker after its body.

An article is followed by its furniture: share and follow prompts, tags, an author box,
"Related" lists, comment threads, newsletter boxes. The first such line (a line a rule
removed, of a family that closes articles) after most of the region's prose ends the
article when the prose left after it is a small share of the body: what follows is
teasers, comments or blurbs, prose-like but not the article. A marker in the middle of
a long article (a share row after the introduction) is ignored, because much prose follows.
"""
from __future__ import annotations

from typing import Mapping, Sequence

from .boilerplate_features import GOOD, NEAR_GOOD, Block, Profile

# Families of rules whose lines close an article (rule ids, or their prefixes).
END_FAMILIES = (
    "boilerplate.related-heading", "boilerplate.comment-prompt", "boilerplate.share-follow",
    "boilerplate.author-blurb-heading", "boilerplate.newsletter", "boilerplate.copyright",
    "boilerplate.comment-header", "boilerplate.feedback-widget",
)


def is_end_marker(rule_id: str | None) -> bool:
    return rule_id is not None and rule_id.startswith(END_FAMILIES)


def article_end(blocks: Sequence[Block], region: tuple[int, int], marks: Mapping[int, str],
                profile: Profile) -> int | None:
    """Position of the block that ends the article (the region's last block is before it), or None."""
    first, last = region
    prose = [b.words if b.cls in (GOOD, NEAR_GOOD) and b.index not in marks else 0 for b in blocks]
    total = sum(prose[first:last + 1])
    if total <= 0:
        return None
    before = 0
    for k in range(first, last + 1):
        if is_end_marker(marks.get(blocks[k].index)) and before >= profile["end_min_share"] * total:
            after = total - before
            if after <= profile["end_max_rest"] * before and not resumes(blocks, k, marks, profile):
                return k
        before += prose[k]
    return None


def resumes(blocks: Sequence[Block], k: int, marks: Mapping[int, str], profile: Profile) -> bool:
    """Does the article go on after the marker at k? It does when, past the lines the rules
    removed there (a share row, a box of links), two paragraphs of prose follow one another
    within the next few lines, one of them long: a teaser list alternates titles with one
    sentence each, and a comment thread interrupts its prose with names and dates."""
    seen, prev_prose = 0, None
    for b in blocks[k + 1:]:
        if b.index in marks:
            if seen:
                return False
            continue
        seen += 1
        if seen > profile["resume_window"]:
            return False
        prose = b.cls in (GOOD, NEAR_GOOD)
        if prose and prev_prose is not None and max(b.words, prev_prose.words) >= profile["resume_min_words"]:
            return True
        prev_prose = b if prose else None
    return False
