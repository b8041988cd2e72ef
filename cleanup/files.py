"""Which files a run cleans: the paths given, folders walked for text and markdown."""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Iterable, Iterator

DEFAULT_INCLUDE = ("*.txt", "*.text", "*.md", "*.markdown", "*.mdx")
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdx"}


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def _matches(path: Path, globs: Iterable[str]) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(path.name, g) or fnmatch.fnmatch(text, g) for g in globs)


def discover(paths: Iterable[str], include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> Iterator[Path]:
    """Files named on the command line are taken as they are (unless excluded);
    folders are walked for files matching `include`, without following links
    out of them and without hidden folders (.git)."""
    include = include or DEFAULT_INCLUDE
    seen: set[Path] = set()
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            candidates = _walk(root, include)
        else:
            candidates = iter([root])
        for path in candidates:
            if exclude and _matches(path, exclude):
                continue
            key = path.resolve() if path.exists() else path
            if key not in seen:
                seen.add(key)
                yield path


def _walk(root: Path, include: tuple[str, ...]) -> Iterator[Path]:
    real_root = root.resolve()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if not _matches(path, include):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                continue  # a link out of the tree we were given
            yield path
