"""Where the article ends: the first strong end-of-article marker after its body.

An article is followed by its furniture: share and follow prompts, tags, an author box,
"Related" lists, comment threads, newsletter boxes. The first such line (a line a rule
removed, of a family that closes articles) after most of the region's prose ends the
article when the prose left after it is a small share of the body: what follows is
teasers, comments or blurbs, prose-like but not the article. A marker in the middle of
a long article (a share row after the introduction) is ignored, because much prose follows.

Two more ways the furniture shows itself, however much prose-like text it holds:
- a comment thread: a comment marker ("12 Comments", "Leave a Reply") followed by more
  comment markers, about one per comment (a header, a reply link);
- a footer cluster: markers of two different families close together (share row, author
  box, related list), the article resuming after none of them, and nothing after them that
  scores nearly as well as the article before them (else the page may hold more of it).
"""
from __future__ import annotations

from typing import Mapping, Sequence

from .boilerplate_features import GOOD, NEAR_GOOD, Block, Profile
from .boilerplate_structure import block_scores

# Families of rules whose lines close an article (rule ids, or their prefixes).
END_FAMILIES = (
    "boilerplate.related-heading", "boilerplate.comment-prompt", "boilerplate.share-follow",
    "boilerplate.author-blurb-heading", "boilerplate.newsletter", "boilerplate.copyright",
    "boilerplate.comment-header", "boilerplate.feedback-widget", "boilerplate.author-bio",
)


# Markers that are not removed lines (an author bio is prose): they count as prose and in
# the region's scores, and only mark where the article may end.
SOFT_MARKERS = ("boilerplate.author-bio", "boilerplate.author-bio-last")
# Soft markers after which, not at which, the article ends.
ENDS_AFTER = ("boilerplate.author-bio-last",)

# Families that recur through a comment thread, once per comment.
THREAD_FAMILIES = ("boilerplate.comment-header", "boilerplate.comment-prompt")


def is_end_marker(rule_id: str | None) -> bool:
    return rule_id is not None and rule_id.startswith(END_FAMILIES)


def article_end(blocks: Sequence[Block], region: tuple[int, int], marks: Mapping[int, str],
                profile: Profile) -> int | None:
    """Position of the block that ends the article (the region's last block is before it), or None."""
    first, last = region
    removed = {i for i, rule in marks.items() if rule not in SOFT_MARKERS}
    prose = [b.words if b.cls in (GOOD, NEAR_GOOD) and b.index not in removed else 0 for b in blocks]
    total = sum(prose[first:last + 1])
    if total <= 0:
        return None
    threads = _thread_markers_after(blocks, region, marks)
    runs_after = None  # computed when first needed (most pages never get there)
    before = 0
    for k in range(first, last + 1):
        mark = marks.get(blocks[k].index)
        if is_end_marker(mark):
            after = total - before
            if (before >= profile["end_min_share"] * total and after <= profile["end_max_rest"] * before
                    or mark.startswith(THREAD_FAMILIES) and _thread_follows(before, after, threads[k - first], profile)) \
                    and not resumes(blocks, k, marks, profile):
                return k + 1 if mark in ENDS_AFTER else k
            if before >= profile["footer_min_share"] * total and before >= profile["thread_min_words_before"] \
                    and _footer_at(blocks, k, marks, profile):
                if runs_after is None:
                    runs_after = _RunsAfter(block_scores(blocks, removed, profile), first, last)
                if not runs_after.better_after(k, profile["footer_after_ratio"]):
                    return k + 1 if mark in ENDS_AFTER else k
        before += prose[k]
    return None


class _RunsAfter:
    """The region's block scores, prepared so that each question below is answered at once."""

    def __init__(self, scores: Sequence[float], first: int, last: int):
        n = last + 2
        self.first = first
        self.prefix = [0.0] * (n + 1)  # prefix[j]: sum of scores[first:j]
        for j in range(first, n - 1):
            self.prefix[j + 1] = self.prefix[j] + scores[j]
        # best_after[j]: the best score of a run inside scores[j:last + 1]
        self.best_after = [0.0] * (n + 1)
        starting = 0.0
        for j in range(last, first - 1, -1):
            starting = scores[j] + max(0.0, starting)
            self.best_after[j] = max(starting, self.best_after[j + 1])

    def better_after(self, k: int, ratio: float) -> bool:
        """Is there a run after k that scores nearly as well as an article (`ratio` of it) as
        the region before k? Then the page may hold more of the article (or another one)
        after the cluster: conservative, the cluster does not end it."""
        return self.best_after[k + 1] >= ratio * self.prefix[k]


def _family(rule_id: str) -> str:
    return next(f for f in END_FAMILIES if rule_id.startswith(f))


def _footer_at(blocks: Sequence[Block], k: int, marks: Mapping[int, str], profile: Profile) -> bool:
    """Does the article's footer start at k: markers of at least two different families
    (share, related, author box, comments, newsletter…) within the next footer_window
    lines, and the article resuming after none of them? A share row inside an article is
    followed by its prose; the furniture after its end comes in a cluster."""
    families, window = set(), blocks[k:k + int(profile["footer_window"])]
    for j, b in enumerate(window):
        mark = marks.get(b.index)
        if not is_end_marker(mark):
            continue
        if resumes(blocks, k + j, marks, profile, int(profile["footer_resume_window"])):
            return False
        families.add(_family(mark))
    return len(families) >= 2


def _thread_markers_after(blocks: Sequence[Block], region: tuple[int, int], marks: Mapping[int, str]) -> list[int]:
    """For each position of the region, how many comment markers (runs of lines the comment
    rules removed) come after it in the region."""
    first, last = region
    out = [0] * (last - first + 1)
    count, prev = 0, False
    for k in range(last, first - 1, -1):
        out[k - first] = count
        here = (marks.get(blocks[k].index) or "").startswith(THREAD_FAMILIES)
        if here and not prev:
            count += 1
        prev = here
    return out


def _thread_follows(before: int, after: int, markers_after: int, profile: Profile) -> bool:
    """Is what follows the marker furniture, however long: a comment thread (a header and a
    reply link per comment) or lists of other articles, where end-of-article markers keep
    coming back? An article goes on in long stretches of prose without them."""
    return before >= profile["thread_min_words_before"] and markers_after >= profile["thread_min_markers"] \
        and markers_after * profile["thread_words_per_marker"] >= after


def resumes(blocks: Sequence[Block], k: int, marks: Mapping[int, str], profile: Profile,
            window: int | None = None) -> bool:
    """Does the article go on after the marker at k? It does when, past the lines the rules
    removed there (a share row, a box of links), two paragraphs of prose follow one another
    within the next few lines (`window`, resume_window by default), one of them long: a teaser list alternates titles with one
    sentence each, and a comment thread interrupts its prose with names and dates."""
    seen, prev_prose = 0, None
    for b in blocks[k + 1:]:
        if b.index in marks:
            if seen:
                return False
            continue
        seen += 1
        if seen > (window or profile["resume_window"]):
            return False
        prose = b.cls in (GOOD, NEAR_GOOD)
        if prose and prev_prose is not None and max(b.words, prev_prose.words) >= profile["resume_min_words"]:
            return True
        prev_prose = b if prose else None
    return False
