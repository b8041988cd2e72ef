"""What a Cleaner is asked to do. One small frozen record instead of many parameters."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Rule


@dataclass(frozen=True)
class Options:
    grammar: bool | None = None  # None: use LanguageTool when it is installed or a server is configured
    encoding: bool = True
    boilerplate: bool = True
    threshold: float = 0.8  # findings at least this confident are applied; the rest are reported
    enable: tuple[str, ...] = ()  # rule ids or set ids (prefixes) to turn on, also rules off by default
    disable: tuple[str, ...] = ()  # rule ids or set ids (prefixes) to turn off
    rule_paths: tuple[Path, ...] = ()  # the user's rule files or folders
    markdown: bool = False  # protect front matter, code, link targets, HTML, tables
    languagetool_url: str | None = None
    language: str = "en-US"

    def wants(self, rule: Rule) -> bool:
        if _names(self.disable, rule.id):
            return False
        return rule.enabled or _names(self.enable, rule.id)

    def disables(self, rule_id: str) -> bool:
        """Whether --disable names this id (or a prefix of it): for checks that live in code
        rather than in a rule file, such as the boilerplate stage's learned scorer."""
        return _names(self.disable, rule_id)


def _names(ids: tuple[str, ...], rule_id: str) -> bool:
    return any(rule_id == i or rule_id.startswith(i.rstrip(".") + ".") for i in ids)
