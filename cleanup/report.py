"""The batch report: counts, the one-line summary and the exit code live here only.

Exit codes: 0 nothing to do (or everything fixed), 1 `check` found something to
change, 2 a usage or input error (a file could not be read, decoded or written).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .model import Result, StageNote

EXIT_CLEAN, EXIT_CHANGES, EXIT_ERROR = 0, 1, 2


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass
class Report:
    check: bool  # True: nothing is written, changes are what a fix would make
    cleaned: int = 0
    unchanged: int = 0
    failed: int = 0
    edits: int = 0
    to_review: int = 0
    files: list[dict[str, Any]] = field(default_factory=list)
    notes: dict[tuple[str, str, str], StageNote] = field(default_factory=dict)

    def done(self, path: str, result: Result, changed: bool | None = None) -> None:
        """`changed`: whether the output differs from what is on disk, when that is not
        `result.changed` (an HTML page's NAME.md may be missing although the article needs
        no edit, or already hold the edits)."""
        changed = result.changed if changed is None else changed
        if changed:
            self.cleaned += 1
            self.edits += len(result.edits)
        else:
            self.unchanged += 1
        self.to_review += len(result.to_review)
        for note in result.notes:
            # One line per rule that was skipped ("rule X timed out…"), and one per stage and
            # status otherwise. A stage's own note counts the whole batch so far (the
            # grammar checker: "3 of 3 texts not checked"): the latest one is kept.
            rule = note.detail.split()[1] if note.detail.startswith("rule ") else ""
            self.notes[(note.stage, note.status, rule)] = note
        self.files.append({"path": path, "changed": changed,
                           "findings": [f.to_dict(result.original) for f in result.findings],
                           "changes": [vars(c) for c in result.changes]})

    def failed_file(self, path: str, reason: str) -> None:
        self.failed += 1
        self.files.append({"path": path, "error": reason})

    @property
    def exit_code(self) -> int:
        if self.failed:
            return EXIT_ERROR
        return EXIT_CHANGES if self.check and self.cleaned else EXIT_CLEAN

    def summary(self) -> str:
        verb = "would be cleaned" if self.check else "cleaned"
        parts = [f"{plural(self.cleaned, 'file')} {verb}", f"{self.unchanged} unchanged"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        parts.append(plural(self.edits, "edit"))
        parts.append(f"{plural(self.to_review, 'finding')} to review")
        return ", ".join(parts)

    def stage_lines(self) -> list[str]:
        """Each stage that did not run, said once for the whole batch."""
        return [f"{n.stage}: {n.status}: {n.detail}" for n in self.notes.values() if n.status not in ("ran", "off")]

    def to_json(self) -> str:
        return json.dumps(
            {
                "files": self.files,
                "summary": {"cleaned": self.cleaned, "unchanged": self.unchanged, "failed": self.failed,
                            "edits": self.edits, "to_review": self.to_review, "text": self.summary()},
                "stages": [vars(n) for n in self.notes.values()],
            },
            ensure_ascii=False,
            indent=2,
        )
