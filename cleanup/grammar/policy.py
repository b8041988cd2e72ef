"""Which LanguageTool matches become edits, which are only reported (rules/grammar.toml)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Finding
from .client import Match



def default_policy_path() -> Path:
    """rules/grammar.toml: inside the installed package (cleanup/rules), or in a checkout."""
    packaged = Path(__file__).resolve().parents[1] / "rules" / "grammar.toml"
    return packaged if packaged.is_file() else Path(__file__).resolve().parents[2] / "rules" / "grammar.toml"


class PolicyError(ValueError):
    """The policy file is missing or malformed."""


@dataclass(frozen=True)
class Policy:
    auto_rules: frozenset[str] = frozenset()
    auto_categories: frozenset[str] = frozenset()
    spelling_rules: frozenset[str] = frozenset()
    ignore_rules: frozenset[str] = frozenset()
    auto_confidence: float = 0.9
    report_confidence: float = 0.5

    def is_auto(self, m: Match) -> bool:
        # Spelling matches are guesses, and our servers do not even compute their
        # suggestions (server.py): never an automatic edit, whatever [auto] lists.
        listed = m.rule_id in self.auto_rules or m.category_id in self.auto_categories
        return listed and len(m.replacements) == 1 and m.rule_id not in self.spelling_rules

    def to_finding(self, m: Match, text: str, vocabulary: frozenset[str] = frozenset()) -> Finding | None:
        """The Finding for a match, or None if the policy drops it."""
        if m.rule_id in self.ignore_rules:
            return None
        if m.rule_id in self.spelling_rules and text[m.start : m.end] in vocabulary:
            return None
        auto = self.is_auto(m)
        return Finding(
            start=m.start,
            end=m.end,
            rule=f"grammar.{m.rule_id}",
            category=f"grammar/{m.category_id.lower()}",
            message=m.message,
            replacement=m.replacements[0] if auto else None,
            confidence=self.auto_confidence if auto else self.report_confidence,
        )


def _strings(table: dict[str, Any], key: str, where: str) -> frozenset[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PolicyError(f"{where}.{key} must be a list of strings")
    return frozenset(value)


def _number(table: dict[str, Any], key: str, default: float, where: str) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise PolicyError(f"{where}.{key} must be a number between 0 and 1")
    return float(value)


def load_policy(path: Path | None = None) -> Policy:
    path = path or default_policy_path()
    if not path.is_file():
        raise PolicyError(f"grammar policy not found: {path}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise PolicyError(f"{path}: {e}") from e
    unknown = set(data) - {"auto", "report", "spelling", "ignore"}
    if unknown:
        raise PolicyError(f"{path}: unknown tables {sorted(unknown)}")
    auto, report, spelling, ignore = (data.get(k, {}) for k in ("auto", "report", "spelling", "ignore"))
    for name, table in (("auto", auto), ("report", report), ("spelling", spelling), ("ignore", ignore)):
        if not isinstance(table, dict):
            raise PolicyError(f"{path}: [{name}] must be a table")
    return Policy(
        auto_rules=_strings(auto, "rules", "auto"),
        auto_categories=_strings(auto, "categories", "auto"),
        spelling_rules=_strings(spelling, "rules", "spelling"),
        ignore_rules=_strings(ignore, "rules", "ignore"),
        auto_confidence=_number(auto, "confidence", 0.9, "auto"),
        report_confidence=_number(report, "confidence", 0.5, "report"),
    )
