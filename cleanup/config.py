"""Settings a repository commits: `.cleanup.toml`, or `[tool.cleanup]` in `pyproject.toml`.

    # .cleanup.toml (same keys under [tool.cleanup] in pyproject.toml)
    enable = ["space.nbsp"]          # rules or rule sets to turn on
    disable = ["casing.ordinary-word-names"]
    rules = ["style/"]               # extra rule files or folders, relative to this file
    exclude = ["drafts/*", "*.raw.txt"]
    grammar = false                  # true / false; absent: when LanguageTool is set up
    boilerplate = true
    threshold = 0.8                  # confidence needed to apply an edit
    input_format = "auto"            # auto / text / markdown / html (see --input-format)

The nearest config file at or above the current folder is used; command-line
options override it.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from PyPI
    import tomli as tomllib

_KEYS = {"enable", "disable", "rules", "exclude", "include", "grammar", "boilerplate", "threshold", "markdown",
         "input_format"}


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def paths(self, key: str) -> tuple[Path, ...]:
        base = self.path.parent if self.path else Path.cwd()
        return tuple(base / p for p in self.values.get(key, []))


def find_config(start: Path | None = None) -> Config:
    folder = (start or Path.cwd()).resolve()
    for candidate in [folder, *folder.parents]:
        dotfile, pyproject = candidate / ".cleanup.toml", candidate / "pyproject.toml"
        if dotfile.is_file():
            return _read(dotfile, table=None)
        if pyproject.is_file():
            config = _read(pyproject, table="cleanup")
            if config.values or config.problems:
                return config
        if (candidate / ".git").exists():
            break  # a repository's settings stop at its root
    return Config()


def _read(path: Path, table: str | None) -> Config:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Config(path, {}, (f"{path}: cannot read settings: {exc}",))
    values = doc.get("tool", {}).get(table, {}) if table else doc
    unknown = sorted(set(values) - _KEYS)
    problems = tuple(f"{path}: unknown setting '{k}' (known: {', '.join(sorted(_KEYS))})" for k in unknown)
    return Config(path, {k: v for k, v in values.items() if k in _KEYS}, problems)
