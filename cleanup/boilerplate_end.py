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
            if after <= profile["end_max_rest"] * before:
                return k
        before += prose[k]
    return None
