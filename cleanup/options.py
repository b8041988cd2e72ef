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
        def named(ids: tuple[str, ...]) -> bool:
            return any(rule.id == i or rule.id.startswith(i.rstrip(".") + ".") for i in ids)

        if named(self.disable):
            return False
        return rule.enabled or named(self.enable)
