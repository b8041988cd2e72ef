"""Find, read and validate rule files (TOML, read with the standard library).

A rule file holds one rule set:

    [set]
    id = "casing"              # every rule id in the file starts with "<set id>."
    stage = "mt"               # normalize | boilerplate | mt
    category = "casing"        # default category of its rules
    description = "..."

    [[rule]]
    id = "casing.brands"
    kind = "casing"            # one of cleanup.kinds.KINDS
    message = "..."
    confidence = 1.0           # below the apply threshold: reported, not applied
    examples = [{ before = "...", after = "..." }]
    unchanged = ["..."]        # text the rule must leave alone (and not flag)
    flagged = ["..."]          # text a report-only rule must flag
    ...                        # fields of the kind

Files are data only: nothing in them is executed.
"""
from __future__ import annotations

import string
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from .kinds import KINDS, RuleError

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from PyPI
    import tomli as tomllib
from .model import Example, Rule

STAGES = ("normalize", "boilerplate", "mt")
_RULE_KEYS = {"id", "kind", "message", "category", "confidence", "examples", "unchanged", "flagged", "enabled"}


@dataclass(frozen=True)
class RuleSet:
    id: str
    stage: str
    description: str
    path: Path
    rules: tuple[Rule, ...]
    enabled: bool = True


@dataclass
class LoadReport:
    """Rule sets that loaded and the problems found, each naming file, rule and reason."""

    sets: list[RuleSet] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # Each rule's matcher, compiled once when the rule was validated (by id(rule): the
    # rules live in `sets`), so the stages need not compile it again.
    compiled: dict[int, Any] = field(default_factory=dict, repr=False, compare=False)

    def matcher(self, rule: Rule):
        found = self.compiled.get(id(rule))
        return found if found is not None else KINDS[rule.kind].compile(rule)


def builtin_rules_dir() -> Path:
    """The shipped rules: inside the installed package, or `rules/` beside it in a checkout."""
    packaged = Path(str(resources.files("cleanup"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def rule_files(dirs: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        d = Path(d)
        files.extend(sorted(d.glob("*.toml")) if d.is_dir() else [d])
    return files


def load_rules(extra: Iterable[Path] = (), builtin: bool = True) -> LoadReport:
    """Load the built-in rule files, then the user's (files or folders)."""
    dirs = ([builtin_rules_dir()] if builtin else []) + [Path(p) for p in extra]
    report = LoadReport()
    seen_ids: dict[str, Path] = {}
    for path in rule_files(dirs):
        ruleset = _load_file(path, report.problems, report.compiled)
        if ruleset is None:
            continue
        for rule in ruleset.rules:
            if rule.id in seen_ids:
                report.problems.append(f"{path}: rule {rule.id}: id already used in {seen_ids[rule.id]}")
            seen_ids[rule.id] = path
        report.sets.append(ruleset)
    return report


def _load_file(path: Path, problems: list[str], compiled: dict[int, Any]) -> RuleSet | None:
    try:
        raw = path.read_bytes().decode("utf-8")
        doc = tomllib.loads(raw)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(f"{path}: cannot read rule file: {exc}")
        return None
    if path.name == "grammar.toml" and "set" not in doc:
        return None  # the grammar checker's policy file, read by cleanup.grammar
    head = doc.get("set")
    if not isinstance(head, dict) or not isinstance(head.get("id"), str):
        problems.append(f"{path}: missing [set] table with an id")
        return None
    set_id, stage = head["id"], head.get("stage", "mt")
    if stage not in STAGES:
        problems.append(f"{path}: set {set_id}: stage must be one of {', '.join(STAGES)}")
        return None
    entries = doc.get("rule", [])
    if not isinstance(entries, list):
        problems.append(f"{path}: set {set_id}: 'rule' must be an array of tables ([[rule]])")
        return None
    rules = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            problems.append(f"{path}: rule #{n}: must be a table ([[rule]]), not {type(entry).__name__}")
            continue
        rule = _make_rule(entry, head, path, problems, compiled)
        if rule is not None:
            rules.append(rule)
    return RuleSet(set_id, stage, head.get("description", ""), path, tuple(rules), head.get("enabled", True))


def _make_rule(entry: dict[str, Any], head: dict[str, Any], path: Path, problems: list[str],
               compiled: dict[int, Any]) -> Rule | None:
    rid = entry.get("id")
    where = f"{path}: rule {rid or '?'}"
    missing = [k for k in ("id", "kind", "message") if not isinstance(entry.get(k), str)]
    if missing:
        problems.append(f"{where}: missing {', '.join(missing)}")
        return None
    if not rid.startswith(head["id"] + "."):
        problems.append(f"{where}: id must start with '{head['id']}.'")
        return None
    kind = KINDS.get(entry["kind"])
    if kind is None:
        problems.append(f"{where}: unknown kind '{entry['kind']}' (known: {', '.join(sorted(KINDS))})")
        return None
    try:
        examples = tuple(Example(e["before"], e["after"]) for e in entry.get("examples", []))
    except (KeyError, TypeError):
        problems.append(f"{where}: each example needs 'before' and 'after'")
        return None
    wrong = _wrong_types(entry)
    if wrong:
        problems.append(f"{where}: {wrong}")
        return None
    rule = Rule(
        id=rid,
        kind=entry["kind"],
        message=entry["message"],
        category=entry.get("category", head.get("category", head["id"])),
        confidence=float(entry.get("confidence", 1.0)),
        data={k: v for k, v in entry.items() if k not in _RULE_KEYS},
        examples=examples,
        unchanged=tuple(entry.get("unchanged", [])),
        flagged=tuple(entry.get("flagged", [])),
        source=f"{path.name}",
        enabled=bool(entry.get("enabled", True)),
    )
    try:
        compiled[id(rule)] = kind.compile(rule)  # validates the kind's fields
    except RuleError as exc:
        problems.append(f"{where}: {exc}")
        return None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:  # a field of the wrong type
        problems.append(f"{where}: a field has the wrong type or value: {type(exc).__name__}: {exc}")
        return None
    return rule


_NUMBERS = {"confidence", "weak_confidence", "report_confidence", "mt_evidence_per_1000"}
_INTEGERS = {"max_words", "next_max_words", "run_max", "window", "min_words"}
_LISTS_OF_STRINGS = {"unchanged", "flagged"}
_BOOLS = {"enabled", "ignore_case", "mt_evidence", "also_next", "next_contains_line", "next_starts_with_line",
          "require_capital", "fix_all_caps"}
# What a message may name: {found}, and per kind {replacement}, {canonical}, {side}.
_MESSAGE_FIELDS = {"found", "replacement", "canonical", "side"}


def _wrong_types(entry: dict[str, Any]) -> str | None:
    """The first field of a rule whose type is wrong, as a reason; None when all are fine.
    (Fields a kind converts with int()/float() would otherwise fail later, as tracebacks.)"""
    for key, value in entry.items():
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if key in _NUMBERS and not number:
            return f"'{key}' must be a number, not {value!r}"
        if key in _INTEGERS and not (isinstance(value, int) and not isinstance(value, bool)):
            return f"'{key}' must be a whole number, not {value!r}"
        if key in _LISTS_OF_STRINGS and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return f"'{key}' must be a list of strings"
        if key in _BOOLS and not isinstance(value, bool):
            return f"'{key}' must be true or false, not {value!r}"
    if not isinstance(entry.get("examples", []), list):
        return "'examples' must be a list of { before, after } tables"
    gate = entry.get("needs_mt_evidence")
    if gate is not None and not (gate is True or isinstance(gate, int) and not isinstance(gate, bool) and gate >= 0):
        return f"'needs_mt_evidence' must be true or a number of points, not {gate!r}"
    if "confidence" in entry and not 0 <= entry["confidence"] <= 1:
        return f"'confidence' must be between 0 and 1, not {entry['confidence']!r}"
    return _message_problem(entry["message"])


def _message_problem(message: str) -> str | None:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(message) if f is not None]
    except ValueError as exc:
        return f"'message' is not a valid template ({exc}); write {{{{ and }}}} for braces"
    for f in fields:
        if f not in _MESSAGE_FIELDS:
            return (f"'message' names {{{f}}}, which is not one of "
                    + ", ".join(f"{{{k}}}" for k in sorted(_MESSAGE_FIELDS)))
    return None
