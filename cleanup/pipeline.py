"""The Cleaner: runs the stages in order, applies their chosen edits, and keeps
every finding with its span in the original text.

    text -> encoding -> normalize -> boilerplate -> mt -> grammar -> Result

Each stage sees the previous stage's output; an OffsetMap per stage traces
findings back to the original.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Protocol, Sequence

from .boilerplate import BoilerplateStage
from .boilerplate_scorer import RULE_ID as SCORER_RULE_ID
from .edits import ChangeLog, OffsetMap, apply_edits, choose_edits, trace_back
from .encoding import EncodingStage
from .kinds import KINDS
from .markup import protected_spans, touches
from .model import Finding, Result, Rule, StageNote
from .options import Options
from .rulesets import LoadReport, load_rules


_MAX_ROUNDS = 3


class Stage(Protocol):
    name: str

    def find(self, text: str, protected: Sequence[tuple[int, int]] = ()) -> list[Finding]: ...


class RuleStage:
    """Runs text rules (casing, substitute, pattern, detector) over the whole text.

    Document-level evidence of machine translation (two rule fields):
    - `mt_evidence = true`: the rule's findings are signs of machine translation (lost
      brand casing, pivot-language confusions, translators' insertions). Each distinct
      text a rule finds counts one point, at most `_EVIDENCE_CAP` per rule; findings the
      rule itself weakened (confidence below the rule's) do not count.
    - `needs_mt_evidence = N`: the rule's edits are applied only in a text whose evidence,
      from the other rules, is at least N points and at least `mt_evidence_per_1000`
      points per 1,000 words (default 2); elsewhere they are reported, at the rule's
      `report_confidence` (default 0.5). For rules that human text often trips
      (Title Case of product names).
    """

    def __init__(self, name: str, rules: Iterable[Rule], compile=None):
        rules = list(rules)
        self.name = name
        compile = compile or (lambda r: KINDS[r.kind].compile(r))  # or the loader's, compiled already
        self.matchers = [compile(r) for r in rules]
        self.timed_out: list[str] = []  # per text (the Cleaner clears both)
        self.rule_errors: dict[str, str] = {}
        self.evidence = {r.id: r.confidence for r in rules if r.data.get("mt_evidence")}
        self.gated = {r.id: (_points(r.data["needs_mt_evidence"]), float(r.data.get("mt_evidence_per_1000", 2.0)),
                             float(r.data.get("report_confidence", 0.5)))
                      for r in rules if r.data.get("needs_mt_evidence")}

    def find(self, text: str, protected=()) -> list[Finding]:
        found: list[Finding] = []
        for matcher in self.matchers:
            rid = matcher.rule.id
            if rid in self.timed_out or rid in self.rule_errors:
                continue  # it failed on this text already (an earlier round): do not pay again
            try:
                found.extend(list(matcher.find(text)))  # all of a rule's findings, or none
            except TimeoutError:  # a pathological pattern: skip the rule, say which
                self.timed_out.append(rid)
            except Exception as exc:  # one rule's fault must not cost the stage's other rules
                self.rule_errors[rid] = f"{type(exc).__name__}: {exc}".splitlines()[0]
        if protected:
            found = [f for f in found if not touches(protected, f.start, f.end)]
        return self._gate(text, found) if self.gated else found

    def mt_evidence(self, text: str, found: Sequence[Finding], exclude: str = "") -> int:
        """Points of machine-translation evidence among the findings (see the class)."""
        seen: dict[str, set[str]] = {}
        for f in found:
            conf = self.evidence.get(f.rule)
            if conf is not None and f.rule != exclude and f.confidence >= conf:
                seen.setdefault(f.rule, set()).add(text[f.start:f.end].casefold())
        return sum(min(_EVIDENCE_CAP, len(v)) for v in seen.values())

    def _gate(self, text: str, found: list[Finding]) -> list[Finding]:
        words = 0  # the text's words, counted only when needed (most texts have no gated edit)
        weak: dict[str, bool] = {}
        out = []
        for f in found:
            gate = self.gated.get(f.rule)
            if gate is not None and f.replacement is not None and f.confidence > gate[2]:
                if f.rule not in weak:
                    points = self.mt_evidence(text, found, exclude=f.rule)
                    if points >= gate[0] and not words:
                        words = max(1, len(text.split()))
                    weak[f.rule] = points < gate[0] or 1000 * points / words < gate[1]
                if weak[f.rule]:
                    f = replace(f, confidence=gate[2])
            out.append(f)
        return out


_EVIDENCE_CAP = 2


def _points(value) -> int:
    """`needs_mt_evidence`: a number of points, or true for the default (4)."""
    return 4 if value is True else int(value)


class Cleaner:
    """Reusable: rules are compiled and the grammar checker is kept warm across calls."""

    def __init__(self, options: Options | None = None, **overrides):
        self.options = replace(options or Options(), **overrides)
        self.rules: LoadReport = load_rules(self.options.rule_paths)
        self.grammar = self._grammar_stage()  # cheap: it connects on its first check
        self._plan = self._stage_plan()
        self._stages: list[Stage] | None = None

    @property
    def problems(self) -> list[str]:
        """Rule files that could not be read or rules that were left out, with reasons."""
        return self.rules.problems

    @property
    def stage_names(self) -> list[str]:
        """The stages' names in order, without compiling them."""
        return [name for name, _ in self._plan]

    @property
    def stages(self) -> list[Stage]:
        # Compiled on first use: a batch that the result cache answers whole never needs them.
        if self._stages is None:
            self._stages = [build() for _, build in self._plan]
        return self._stages

    def _selected(self, stage: str) -> list[Rule]:
        return [r for s in self.rules.sets if s.stage == stage and s.enabled for r in s.rules
                if self.options.wants(r)]

    def _stage_plan(self) -> list[tuple[str, Callable[[], Stage]]]:
        o = self.options
        plan: list[tuple[str, Callable[[], Stage]]] = []
        if o.encoding:
            plan.append(("encoding", EncodingStage))
        plan.append(("normalize", lambda: RuleStage("normalize", self._selected("normalize"), self.rules.matcher)))
        if o.boilerplate:
            plan.append(("boilerplate", lambda: BoilerplateStage(
                [self.rules.matcher(r) for r in self._selected("boilerplate")],
                use_scorer=not o.disables(SCORER_RULE_ID))))
        plan.append(("mt", lambda: RuleStage("mt", self._selected("mt"), self.rules.matcher)))
        if self.grammar is not None:  # the last stage: it gets the texts of a batch together
            plan.append(("grammar", lambda: self.grammar))
        return plan

    def _grammar_stage(self):
        wanted = self.options.grammar
        if wanted is False:
            return None
        from . import grammar  # the grammar package imports nothing heavy until used

        if wanted is None:
            wanted = bool(self.options.languagetool_url) or grammar.languagetool_available()
        if not wanted:
            return None
        vocabulary = frozenset(w for r in self.rules.sets for rule in r.rules if rule.kind == "casing"
                               for w in [*rule.data.get("words", []), *rule.data.get("aliases", {}).values()])
        return grammar.GrammarStage(url=self.options.languagetool_url, language=self.options.language,
                                    vocabulary=vocabulary)

    def clean(self, text: str, *, markdown: bool | None = None) -> Result:
        return self.clean_many([(text, markdown)])[0]

    def clean_many(self, items: Iterable[tuple[str, bool | None]]) -> list[Result]:
        """[clean(text, markdown=md) for text, md in items], the same results, but the
        grammar checker gets the texts together: it checks several at once."""
        runs = []
        for text, markdown in items:
            run = _Run(text, self.options.markdown if markdown is None else markdown)
            for stage in self.stages:
                if stage is not self.grammar:
                    self._run_stage(stage, run)
            run.notes = self._stage_notes(s for s in self.stages if s is not self.grammar)
            runs.append(run)
        if self.grammar is not None:
            self._run_grammar(runs)
        return [run.result([*_failure_notes(run.failures), *run.notes, *self._grammar_notes()]) for run in runs]

    def _run_stage(self, stage: Stage, run: "_Run") -> None:
        if isinstance(stage, RuleStage):
            stage.timed_out.clear()
            stage.rule_errors.clear()
        # An edit can uncover another ("a a a" -> "a a"): rule stages run again until they
        # have nothing left to do, so a second run of the whole pipeline finds nothing either.
        for _ in range(_MAX_ROUNDS if isinstance(stage, RuleStage) else 1):
            # Whole-line judgement may remove a line with a link in it; word rules may not touch links.
            protected = run.protected(inline=stage.name != "boilerplate")
            if not run.take(self._find(stage, run.text, protected, run.failures), self.options.threshold):
                break

    def _run_grammar(self, runs: list["_Run"]) -> None:
        try:
            found = self.grammar.find_many([(run.text, run.protected(inline=True)) for run in runs])
        except Exception as exc:  # the checker's contract is to never raise; if it does, the texts go on
            why = f"{type(exc).__name__}: {exc}".splitlines()[0]
            found = [[] for _ in runs]
            for run in runs:
                run.failures.setdefault(self.grammar.name, why)
        for run, findings in zip(runs, found):
            run.take(findings, self.options.threshold)

    @staticmethod
    def _find(stage: Stage, text: str, protected, failures: dict[str, str]) -> list[Finding]:
        try:
            return stage.find(text, protected)
        except Exception as exc:  # one stage's fault (a rule timing out…) must not crash the run
            failures.setdefault(stage.name, f"{type(exc).__name__}: {exc}".splitlines()[0])
            return []

    @staticmethod
    def _stage_notes(stages: Iterable[Stage]) -> list[StageNote]:
        notes = []
        for stage in stages:
            note = getattr(stage, "note", None)
            if note is not None:
                notes.append(note)
            for rule_id in getattr(stage, "timed_out", []):
                notes.append(StageNote(stage.name, "failed", f"rule {rule_id} timed out and was skipped"))
            for rule_id, why in getattr(stage, "rule_errors", {}).items():
                notes.append(StageNote(stage.name, "failed", f"rule {rule_id} failed and was skipped: {why}"))
        return notes

    def _grammar_notes(self) -> list[StageNote]:
        if self.grammar is not None:
            return [self.grammar.note]
        if self.options.grammar is False:
            return [StageNote("grammar", "off", "turned off")]
        return [StageNote("grammar", "skipped", "LanguageTool is not set up (run `cleanup grammar setup`)")]

    # A Cleaner travels to worker processes (multiprocessing, Dask, Spark) as its
    # options alone; each worker compiles the rules and starts its own checker.
    def __getstate__(self) -> dict:
        return {"options": self.options}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["options"])

    def close(self) -> None:
        for stage in self._stages or ([self.grammar] if self.grammar is not None else []):
            close = getattr(stage, "close", None)
            if close is not None:
                close()

    def __enter__(self) -> "Cleaner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _failure_notes(failures: dict[str, str]) -> list[StageNote]:
    return [StageNote(name, "failed", f"stage skipped for a text: {why}") for name, why in failures.items()]


class _Run:
    """One text on its way through the stages: the text so far, its findings traced back
    to the original, the edits applied, and what failed."""

    def __init__(self, text: str, markdown: bool):
        self.original = self.text = text
        self.markdown = markdown
        self.maps: list[OffsetMap] = []
        self.findings: list[Finding] = []
        self.seen: set[tuple] = set()
        self.log = ChangeLog(text)
        self.failures: dict[str, str] = {}
        self.notes: list[StageNote] = []
        # protected spans, by `inline`: (the text they are for, the spans), computed again only when
        # the text changed (a stage that edits nothing leaves them to the next)
        self._protected: dict[bool, tuple[str, list[tuple[int, int]]]] = {}

    def protected(self, inline: bool) -> list[tuple[int, int]]:
        known = self._protected.get(inline)
        if known is None or known[0] is not self.text and known[0] != self.text:
            known = self._protected[inline] = (self.text, protected_spans(self.text, self.markdown, inline=inline))
        return known[1]

    def take(self, proposed: list[Finding], threshold: float) -> bool:
        """Apply the chosen edits, keep every finding (traced to the original); False when nothing changed."""
        edits, reported = choose_edits([f for f in proposed if f.start < f.end or f.replacement], threshold)
        for f in edits + reported:
            traced = trace_back(f, self.maps) if self.maps else f
            key = (traced.rule, traced.start, traced.end, traced.replacement, traced.applied)
            if key not in self.seen:
                self.seen.add(key)
                self.findings.append(traced)
        if not edits:
            return False
        self.text = apply_edits(self.text, edits)
        self.maps.append(OffsetMap(edits))
        self.log.apply(edits)
        return True

    def result(self, notes: list[StageNote]) -> Result:
        findings = sorted(self.findings, key=lambda f: (f.start, f.end, f.rule))
        return Result(self.original, self.text, tuple(findings), tuple(notes), tuple(self.log.changes()))
