"""Stage 3: boilerplate removal, line by line, for plain text without HTML.

Four layers, each removed line carrying the id of what removed it:
1. rules: the block rules of the rule files (whole-line patterns for the common
   families: link rows, promos, credits, share prompts…), by their rule ids, run all
   at once and under a timeout (cleanup/boilerplate_rules.py; `timed_out` names a rule
   that was too slow);
2. structure: the article is one contiguous region of prose (a maximum-sum run of
   blocks, where runs of short lines cost like menus; cleanup/boilerplate_structure.py),
   grown forward to the first line a rule removed, and cut at the first end-of-article
   marker (share, related, comments, comment headers, feedback widgets, author bios
   found by their shape in cleanup/boilerplate_bio.py, comment headers made of a name
   line and a timestamp line in cleanup/boilerplate_comments.py…) after most of its prose, or
   where a comment thread or a cluster of footer markers starts, unless
   the article resumes after it (cleanup/boilerplate_end.py). Runs of
   teasers (a short title, then one sentence or a cut-short excerpt, repeated, maybe with
   a line the page repeats between them, such as a byline) count against the region and are
   not kept outside it. Short, non-sentence lines outside it are boilerplate
   (`boilerplate.context.outside-article`), and so is everything after the article's
   end; so are short lines repeated on the page when one copy is outside it
   (`boilerplate.context.repeated`);
3. the features behind both (cleanup/boilerplate_features.py): word counts,
   stopword density, length classes and a jusText-style context pass;
4. a learned line scorer (cleanup/boilerplate_scorer.py): a logistic regression over those
   features and the structure's (where a line stands relative to the region, its neighbours,
   repetition, end markers nearby), whose weights are data (rules/data/boilerplate-scorer-en.toml,
   trained by scripts/boilerplate_train_scorer.py), judges the lines still kept before the
   article, after it, and in its head and tail (`boilerplate.scorer`, with the score in the
   reason); it removes a line only when it is very sure, and is off without a model file.
The stage runs to its fixed point (cleanup/boilerplate_rounds.py): the lines it keeps are
judged again as the cleaned text has them, so a second run removes nothing.
Conservative: a document without a clear article, or a sentence of prose outside the
region (before the article's end), is left alone by the feature layers. Removals are
spanned by cleanup.lines so paragraphs stay well formed.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from .boilerplate_features import GOOD, NEAR_GOOD, Block, Measures, load_profile, resolve_context
from .boilerplate_rules import RuleRunner
from .boilerplate_bio import bio_markers
from .boilerplate_comments import comment_headers
from .boilerplate_rounds import settle
from . import boilerplate_scorer as scorer
from .boilerplate_end import SOFT_MARKERS, article_end
from .boilerplate_structure import article_region, delimiter_lines, extend, short_keys, teaser_runs
from .kinds.block import BlockMatcher
from .kinds.common import finding
from .lines import removal_findings, split_lines
from .markup import touches
from .model import Finding

FEATURE_CATEGORY = "boilerplate"
# A removed line's mark when only bios may end the article.
NOT_AN_END = "boilerplate.removed"
# The feature layers run only on pages long enough to have a structure.
MIN_BLOCKS = 8


class BoilerplateStage:
    name = "boilerplate"

    def __init__(self, matchers: Sequence[BlockMatcher], language: str = "en", features: bool = True,
                 use_scorer: bool = True):
        self.matchers = list(matchers)
        self.runner = RuleRunner(self.matchers)
        self.profile = load_profile(language)
        self.measures = Measures(self.profile)
        self.features = features
        self.model = scorer.load_model(str(_scorer_path(self.profile.language))) if use_scorer else None

    @property
    def timed_out(self) -> list[str]:
        """Ids of rules whose pattern took too long on some line (skipped there)."""
        return self.runner.timed_out

    def find(self, text: str, protected=()) -> list[Finding]:
        self.runner.timed_out.clear()
        lines = split_lines(text)
        protected = list(protected)
        locked = {i for i, ln in enumerate(lines) if protected and touches(protected, ln.start, ln.end)}
        verdicts = self._verdicts(text, lines, locked, again=False)
        if self.features:  # without the feature layers no verdict depends on a removed neighbour's context
            return settle(text, lines, verdicts, locked, self._again)
        return removal_findings(text, lines, verdicts)

    def _again(self, text: str, lines: list, locked: set[int]) -> dict[int, Finding]:
        return self._verdicts(text, lines, locked, again=True)

    def _verdicts(self, text: str, lines: list, locked: set[int], again: bool) -> dict[int, Finding]:
        """Line index -> the finding that removes it. `again`: the text is what an earlier
        round left, so a line's own patterns were asked already (only rules that read its
        neighbours may say something new, unless protected lines make the hits differ)."""
        contents = [ln.text(text) for ln in lines]
        verdicts: dict[int, Finding] = {}
        self._rules(contents, lines, locked, verdicts, in_context_only=again and not locked)
        if self.features:
            self._structure(contents, lines, locked, verdicts)
        return verdicts

    def _rules(self, contents, lines, locked, verdicts, in_context_only: bool = False) -> None:
        match = self.runner.match_in_context if in_context_only else self.runner.match
        for i, content in enumerate(contents):
            if i in locked or i in verdicts or not content.strip():
                continue
            found = match(contents, i, len(content.split()), locked)
            if found is None:
                continue
            matcher, hit = found
            message = matcher.rule.message.format(found=content.strip())
            for j in hit:
                if j not in verdicts:
                    verdicts[j] = finding(matcher.rule, lines[j].start, lines[j].end, "", message)

    def _structure(self, contents, lines, locked, verdicts) -> None:
        p = self.profile
        measure = self.measures
        blocks = [measure(i, c) for i, c in enumerate(contents) if c.strip()]
        if len(blocks) < MIN_BLOCKS:
            return
        resolve_context(blocks)
        removed = set(verdicts)  # the rules' verdicts: fixed until the loop at the end
        keys = short_keys(blocks, p)  # each short line's key, computed once
        counts = Counter(keys.values())
        teasers = teaser_runs(blocks, removed, p, delimiter_lines(keys, counts, p))
        region = article_region(blocks, removed, p, teasers)
        if region is None:
            return
        marks = {i: f.rule for i, f in verdicts.items()}
        # author bios end an article like an author box, but are not removed on their own
        marks.update(bio_markers(blocks, removed))
        marks.update(comment_headers(blocks, removed))  # a thread's name-and-date headers
        end = article_end(blocks, region, marks, p)
        if end is not None and len(marks) > len(verdicts):
            end = _bio_end_before(blocks, (region[0], end - 1), marks, p) or end
        if end is not None:
            region = (region[0], max(region[0], end - 1))
        first, last = extend(blocks, region, removed, counts)
        if end is not None:
            last = min(last, end - 1)
        outside_keys = {line_key for k, line_key in keys.items() if not first <= k <= last}
        for k, b in enumerate(blocks):
            i = b.index
            if i in verdicts or i in locked:
                continue
            inside = first <= k <= last
            if not inside and (end is not None and k >= end or k in teasers or not self._keep_outside(b)):
                verdicts[i] = _feature(lines[i], "boilerplate.context.outside-article",
                                       f"Outside the article's region and not prose of its own "
                                       f"({b.words} words, stopword share {b.stop_density:.2f}).")
            elif inside and b.cls not in (GOOD, NEAR_GOOD) and keys.get(k) in outside_keys \
                    and counts[keys[k]] >= p["repeat_min_count"]:
                verdicts[i] = _feature(lines[i], "boilerplate.context.repeated",
                                       f"A short line repeated {counts[keys[k]]} times on the page, "
                                       f"also outside the article.")
        view = scorer.PageView(blocks, {i: f.rule for i, f in verdicts.items()}, first, last, end,
                               frozenset(teasers), {k: counts[line_key] for k, line_key in keys.items()})
        for i, (_, why) in self._score(view, locked).items():
            verdicts[i] = _feature(lines[i], scorer.RULE_ID, why)

    def _score(self, view: "scorer.PageView", locked: set[int]) -> dict[int, tuple[float, str]]:
        """The learned scorer's removals among the lines kept so far (none without a model)."""
        if self.model is None:
            return {}
        return scorer.judge(view, self.model, locked.__contains__)

    def _keep_outside(self, b: Block) -> bool:
        """Prose outside the region is kept when it is long enough to be article text
        the region missed (conservative: a long paragraph is never judged by position alone)."""
        p = self.profile
        if b.cls == GOOD and b.words >= p["outside_keep_min_words"]:
            return True
        return b.sentence and b.words >= p["outside_sentence_min_words"] and b.stopwords >= p["outside_sentence_min_stopwords"]


def _bio_end_before(blocks, region, marks, profile) -> int | None:
    """An author bio that ends the article once what follows its end (a comment thread) is
    cut: a second run over the cleaned text would end it there, so this one does (idempotence).
    Only bios are asked again; other markers keep their first verdict (conservative)."""
    if region[1] <= region[0]:
        return None
    only_bios = {i: rule if rule in SOFT_MARKERS else NOT_AN_END for i, rule in marks.items()}
    return article_end(blocks, region, only_bios, profile)


def _scorer_path(language: str):
    from .rulesets import builtin_rules_dir

    return builtin_rules_dir() / "data" / f"boilerplate-scorer-{language}.toml"


def _feature(line, rule_id: str, message: str) -> Finding:
    return Finding(line.start, line.end, rule_id, FEATURE_CATEGORY, message, "", 1.0)
