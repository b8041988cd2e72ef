"""A learned line scorer: the last word on lines the rules and the structure kept.

boilerpipe's shallow-text classifier was a decision tree learned from labelled pages; this
is the same idea over the features the stage computes anyway: a line's words and stopword
share, its neighbours', repetition and link-row signals, and where it stands relative to
the article's region (before it, inside it, how much of the article's prose comes before
it, how close the next end-of-article marker is). The model is data
(rules/data/boilerplate-scorer-<language>.toml: a logistic regression's weights, learned by
scripts/boilerplate_train_scorer.py on labelled pages and validated by cross-validation
grouped by site), evaluated here in pure Python; without a model file the scorer is off.

Conservative: only lines outside the article's region, or in its head or tail (where little
of its prose precedes or follows them), are scored; the middle of an article is left to the
rules and the structure. A line is removed only when the model is very sure (`threshold`,
chosen so that article loss stays within its target on unseen sites). Every removal says
why, from the line's features, with its score.
"""
from __future__ import annotations

import math
import tomllib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

import regex

from .boilerplate_end import END_FAMILIES
from .boilerplate_features import BAD, GOOD, NEAR_GOOD, SHORT, Block

RULE_ID = "boilerplate.scorer"
# the structure's own removals (which the scorer may be asked to judge again)
STRUCTURE_PREFIX = "boilerplate.context."

_CAPITAL = regex.compile(r"\b\p{Lu}")
_WORD = regex.compile(r"\b\p{L}")
_SEPARATORS = regex.compile(r"[|•·»›/]")
_BULLET = regex.compile(r"^(?:[-*•·▪►✓✔]|\d{1,3}[.)]|\(\d{1,3}\)|\[\d{1,3}\])\s")
_DIGITS = regex.compile(r"\d")
_URLISH = regex.compile(r"https?://|www\.|@\w+\.\w|\.(?:com|org|net)\b", regex.I)
_END_PREFIXES = END_FAMILIES  # rules whose lines close an article


@dataclass(frozen=True)
class PageView:
    """What the stage knows of a page when the scorer runs: its blocks, the lines removed so
    far (index -> rule id), the article's region (positions in blocks, after growing it) and
    end (a position, or None), the teaser positions and how often each short line repeats."""

    blocks: Sequence[Block]
    removed: Mapping[int, str]
    first: int
    last: int
    end: int | None
    teasers: frozenset[int]
    repeats: Mapping[int, int]  # position -> how often its line occurs on the page (short lines)


FEATURES = (
    "bias", "log_words", "stop_density", "sentence", "good", "near_good", "short", "bad", "final_good",
    "before_region", "inside_region", "after_region", "prose_share_before", "prose_share_after",
    "log_prev_words", "log_next_words", "prev_removed", "next_removed", "removed_near",
    "prev_prose", "next_prose", "repeated", "teaser", "capital_share", "separators", "digit_share",
    "ends_colon", "ends_question", "bullet", "urlish", "end_marker_near_after", "end_marker_near_before",
    "log_region_prose", "position_in_page", "region_share_of_page", "log_short_run", "one_or_two_words",
)


def _prose_prefix(view: PageView) -> list[int]:
    """prefix[k]: the words of prose blocks (kept so far) before position k."""
    prefix, total = [0], 0
    for b in view.blocks:
        if b.cls in (GOOD, NEAR_GOOD) and b.index not in view.removed:
            total += b.words
        prefix.append(total)
    return prefix


def page_features(view: PageView, positions: Sequence[int], prefix: Sequence[int] | None = None) -> list[list[float]]:
    """The feature vector (in FEATURES order) of each block at `positions`."""
    blocks, removed = view.blocks, view.removed
    n = len(blocks)
    before = _prose_prefix(view) if prefix is None else prefix
    region_total = max(1, before[view.last + 1] - before[view.first])
    page_total = max(1, before[n])
    markers = [k for k, b in enumerate(blocks) if b.index in removed and removed[b.index].startswith(_END_PREFIXES)]
    out = []
    for k in positions:
        b = blocks[k]
        prev_b = blocks[k - 1] if k > 0 else None
        next_b = blocks[k + 1] if k + 1 < n else None
        near = sum(1 for j in range(max(0, k - 3), min(n, k + 4)) if j != k and blocks[j].index in removed)
        out.append([
            1.0,
            math.log1p(b.words),
            b.stop_density,
            float(b.sentence),
            float(b.cls == GOOD), float(b.cls == NEAR_GOOD), float(b.cls == SHORT), float(b.cls == BAD),
            float(b.final == GOOD),
            float(k < view.first), float(view.first <= k <= view.last), float(k > view.last),
            _clip((before[k] - before[view.first]) / region_total),
            _clip((before[view.last + 1] - before[k + 1]) / region_total),
            math.log1p(prev_b.words) if prev_b else 0.0,
            math.log1p(next_b.words) if next_b else 0.0,
            float(prev_b is not None and prev_b.index in removed),
            float(next_b is not None and next_b.index in removed),
            near / 6.0,
            float(prev_b is not None and prev_b.cls in (GOOD, NEAR_GOOD)),
            float(next_b is not None and next_b.cls in (GOOD, NEAR_GOOD)),
            float(view.repeats.get(k, 1) >= 2),
            float(k in view.teasers),
            *_text_features(b.text),
            *_marker_fades(markers, k),
            math.log1p(region_total) / 10.0,
            k / max(1, n - 1),
            region_total / page_total,
            math.log1p(_short_run(blocks, removed, k)),
            float(b.words <= 2),
        ])
    return out


def _short_run(blocks: Sequence[Block], removed: Mapping[int, str], k: int) -> int:
    """How many kept non-prose blocks stand in a row around position k (0 for prose): a menu
    or a list of links is a long run, a heading a run of one."""
    def short(b: Block) -> bool:
        return b.index not in removed and b.cls not in (GOOD, NEAR_GOOD)

    if not short(blocks[k]):
        return 0
    lo, hi = k, k
    while lo > 0 and short(blocks[lo - 1]):
        lo -= 1
    while hi + 1 < len(blocks) and short(blocks[hi + 1]):
        hi += 1
    return hi - lo + 1


def _clip(x: float) -> float:
    return min(1.0, max(-1.0, x))


@lru_cache(maxsize=65_536)
def _text_features(text: str) -> tuple[float, ...]:
    """What the line's own characters say (remembered: the stage's later rounds and a site's
    pages see the same lines again): capitals, separators, digits, its last character, a
    list bullet, a web address."""
    letters = max(1, len(_WORD.findall(text)))
    return (len(_CAPITAL.findall(text)) / letters,
            min(3, len(_SEPARATORS.findall(text))) / 3.0,
            len(_DIGITS.findall(text)) / max(1, len(text)),
            float(text.endswith(":")),
            float(text.endswith("?")),
            float(_BULLET.match(text) is not None),
            float(_URLISH.search(text) is not None))


def _marker_fades(markers: Sequence[int], k: int) -> tuple[float, float]:
    """How near the next end-of-article marker after k is, and the last one before it (see _fade)."""
    j = bisect_right(markers, k)
    after = markers[j] - k if j < len(markers) else 0
    j = bisect_left(markers, k)
    before = k - markers[j - 1] if j > 0 else 0
    return _fade(after), _fade(before)


def _fade(distance: int) -> float:
    """1 for a marker right next to the line, fading to 0 at 11 blocks; 0 for none."""
    return max(0.0, 1.0 - (distance - 1) / 10.0) if distance else 0.0


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]
    threshold: float  # remove a line when its boilerplate probability is at least this
    min_words: int  # lines shorter than this are not scored
    # Where lines are scored: outside the region, or where less than zone_after of its prose
    # follows them (its tail), or less than zone_before precedes them (its head). The middle
    # of an article is left to the rules and the structure.
    zone_after: float
    zone_before: float


@lru_cache(maxsize=4)
def load_model(path: str) -> Model | None:
    """The model stored at `path` (None when there is none: the scorer is then off)."""
    p = Path(path)
    if not p.is_file():
        return None
    doc = tomllib.loads(p.read_text("utf-8"))
    weights = dict(zip(doc["features"], doc["weights"]))
    # features the file does not know count zero: a model trained on fewer still loads
    return Model(tuple(float(weights.get(f, 0.0)) for f in FEATURES), float(doc["threshold"]),
                 int(doc["min_words"]), float(doc["zone_after"]), float(doc["zone_before"]))


def probability(model: Model, features: Sequence[float]) -> float:
    z = sum(w * x for w, x in zip(model.weights, features))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def candidates(view: PageView, model: Model, skip, prefix: Sequence[int]) -> list[int]:
    """Positions of the blocks the scorer judges: kept so far, not `skip`ped, long enough,
    and in its zone (outside the region, or in the region's head or tail)."""
    first, last = view.first, view.last
    total = max(1, prefix[last + 1] - prefix[first])
    head, tail = model.zone_before * total, model.zone_after * total
    out = []
    for k, b in enumerate(view.blocks):
        if b.words < model.min_words or b.index in view.removed or skip(b.index):
            continue
        if not first <= k <= last or prefix[k] - prefix[first] < head or prefix[last + 1] - prefix[k + 1] < tail:
            out.append(k)
    return out


def judge(view: PageView, model: Model, skip) -> dict[int, tuple[float, str]]:
    """Line index -> (boilerplate probability, reason) for each line the scorer removes."""
    prefix = _prose_prefix(view)
    positions = candidates(view, model, skip, prefix)
    out = {}
    for k, feats in zip(positions, page_features(view, positions, prefix)):
        p = probability(model, feats)
        if p >= model.threshold:
            out[view.blocks[k].index] = (p, reason(view, k, feats, p))
    return out


def reason(view: PageView, k: int, feats: Sequence[float], p: float) -> str:
    """A readable reason: what kind of line, where it stands, what is around it, and the score."""
    b = view.blocks[k]
    f = dict(zip(FEATURES, feats))
    kind = f"a {b.words}-word line" + (" ending like a sentence" if b.sentence else " that is not a sentence")
    if k < view.first:
        where = "before the article"
    elif k > view.last:
        where = "after the article"
    elif f["prose_share_after"] <= 0:
        where = "after all of the article's prose"
    elif f["prose_share_before"] <= 0:
        where = "before any of the article's prose"
    else:
        where = f"in the article's {'head' if f['prose_share_before'] < 0.5 else 'tail'}, " \
                f"after {100 * f['prose_share_before']:.0f}% of its prose"
    extras = []
    if f["log_short_run"] >= math.log1p(3):
        extras.append(f"in a run of {round(math.expm1(f['log_short_run']))} short lines")
    if f["end_marker_near_before"] > 0:
        extras.append("after an end-of-article marker")
    if f["repeated"]:
        extras.append("repeated on the page")
    if f["removed_near"] >= 0.5:
        extras.append("among removed lines")
    extra = f", {', '.join(extras)}" if extras else ""
    return (f"Learned line scorer: {kind} (stopword share {b.stop_density:.2f}) {where}{extra} "
            f"(boilerplate score {p:.2f}).")
