"""The data the pipeline passes around: rules, findings and results.

Offsets are Python string indices (code points). A removal is a finding whose
replacement is ""; a report-only finding has replacement None.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Example:
    """A rule example: `before` must become `after` when the rule runs alone."""

    before: str
    after: str


@dataclass(frozen=True)
class Rule:
    """One rule read from a rule file. `data` holds the kind-specific fields."""

    id: str
    kind: str
    message: str
    category: str
    confidence: float = 1.0
    data: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    examples: tuple[Example, ...] = ()
    unchanged: tuple[str, ...] = ()
    flagged: tuple[str, ...] = ()
    source: str = ""
    enabled: bool = True  # off by default: only runs when a user's config turns it on


@dataclass(frozen=True, init=False)  # __init__ below: the pipeline makes hundreds of thousands
class Finding:
    """Something a stage found. `start`/`end` index the text the finding refers to:
    a stage's own input while the pipeline works, the original text in a Result."""

    start: int
    end: int
    rule: str
    category: str
    message: str
    replacement: str | None = None
    confidence: float = 1.0
    applied: bool = False

    # What the dataclass's __init__ does, in one step: a frozen dataclass sets each field through
    # object.__setattr__, four times slower. (The fields stay those above: cleanup/cache.py
    # revives stored findings into __dict__ the same way.)
    def __init__(self, start: int, end: int, rule: str, category: str, message: str,
                 replacement: str | None = None, confidence: float = 1.0, applied: bool = False):
        self.__dict__.update(start=start, end=end, rule=rule, category=category, message=message,
                             replacement=replacement, confidence=confidence, applied=applied)

    @property
    def is_edit(self) -> bool:
        return self.replacement is not None

    # dataclasses.replace is several times slower, and the pipeline moves every finding
    # through each stage's offsets.
    def moved(self, start: int, end: int) -> "Finding":
        """The same finding at another span."""
        if start == self.start and end == self.end:
            return self
        return Finding(start, end, self.rule, self.category, self.message, self.replacement, self.confidence,
                       self.applied)

    def marked(self, applied: bool) -> "Finding":
        """The same finding, applied or only reported."""
        if applied == self.applied:
            return self
        return Finding(self.start, self.end, self.rule, self.category, self.message, self.replacement,
                       self.confidence, applied)

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        d = asdict(self)
        if text is not None:
            d["found"] = text[self.start : self.end]
            d["line"] = text.count("\n", 0, self.start) + 1
            d["column"] = self.start - (text.rfind("\n", 0, self.start) + 1) + 1
        return d


@dataclass(frozen=True, init=False)  # __init__ below, as Finding's
class Change:
    """One region of the original replaced in the result, and the rules that made it.

    Changes never overlap, so applying them to the original gives the result
    exactly, even where a later stage edited what an earlier one wrote (those
    edits become one change naming both rules)."""

    start: int
    end: int
    replacement: str
    rules: tuple[str, ...]

    def __init__(self, start: int, end: int, replacement: str, rules: tuple[str, ...]):
        self.__dict__.update(start=start, end=end, replacement=replacement, rules=rules)


@dataclass(frozen=True)
class StageNote:
    """What a stage said about itself, e.g. that the grammar checker was skipped."""

    stage: str
    status: str  # "ran" | "skipped" | "failed"
    detail: str = ""


@dataclass(frozen=True)
class Result:
    original: str
    text: str
    findings: tuple[Finding, ...]
    notes: tuple[StageNote, ...] = ()
    changes: tuple[Change, ...] = ()  # the applied edits, composed: replaying them gives `text`

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def edits(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.applied)

    @property
    def to_review(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.applied)

    def diff(self, name: str = "text", context: int = 3) -> str:
        before = self.original.splitlines(keepends=True)
        after = self.text.splitlines(keepends=True)
        lines = difflib.unified_diff(
            before, after, f"{name} (original)", f"{name} (cleaned)", n=context
        )
        # A last line without a newline would glue onto the next diff line.
        return "".join(l if l.endswith("\n") else l + "\n\\ No newline at end of file\n" for l in lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "text": self.text,
            "findings": [f.to_dict(self.original) for f in self.findings],
            "changes": [asdict(c) for c in self.changes],
            "stages": [asdict(n) for n in self.notes],
        }

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)
