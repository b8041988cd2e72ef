"""Which files a run cleans: the paths given, folders walked for text and markdown
(and for HTML pages when the input format is html), and how each one is read."""
from __future__ import annotations

import errno
import fnmatch
import os
import stat
from pathlib import Path
from typing import Iterable, Iterator

from .fileio import is_temp_file

DEFAULT_INCLUDE = ("*.txt", "*.text", "*.md", "*.markdown", "*.mdx")
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdx"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
HTML_INCLUDE = ("*.html", "*.htm", "*.xhtml")
INPUT_FORMATS = ("auto", "text", "markdown", "html")


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def input_kind(path: Path, input_format: str = "auto", markdown: bool | None = None) -> str:
    """"text", "markdown" or "html": the input format asked for, else by the file's suffix
    (`markdown`, from --markdown/--plain, overrides the suffix of text files)."""
    if input_format != "auto":
        return input_format
    if path.suffix.lower() in HTML_SUFFIXES:
        return "html"
    md = is_markdown(path) if markdown is None else markdown
    return "markdown" if md else "text"


def default_include(input_format: str) -> tuple[str, ...]:
    """What folders are walked for: HTML pages only when the user asked for HTML input."""
    return HTML_INCLUDE if input_format == "html" else DEFAULT_INCLUDE


def _matches(path: Path, globs: Iterable[str]) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(path.name, g) or fnmatch.fnmatch(text, g) for g in globs)


class Unreadable(type(Path())):  # type: ignore[misc]
    """A path discovery could not use (an unreadable folder, a FIFO…). Reading it raises
    the reason, so the caller reports it like any other file it cannot read."""

    reason: OSError

    def read_bytes(self) -> bytes:
        raise self.reason

    def read_text(self, *args, **kwargs) -> str:
        raise self.reason


def _unreadable(path: str | Path, reason: OSError) -> Unreadable:
    p = Unreadable(path)
    p.reason = reason
    return p


def _not_regular(path: Path, mode: int) -> Unreadable:
    what = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return _unreadable(path, OSError(errno.EINVAL, f"not a regular file ({what}), skipped"))


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
            candidates = iter([_check_regular(root)])
        for path in candidates:
            if exclude and _matches(path, exclude):
                continue
            if isinstance(path, Unreadable):
                yield path
                continue
            try:
                key = path.resolve() if path.exists() else path
            except (OSError, RuntimeError):  # a link loop
                key = path
            if key not in seen:
                seen.add(key)
                yield path


def _check_regular(path: Path) -> Path:
    """A named path is taken as it is, but a FIFO or device would hang or flood the run."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return path  # reading it reports why
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return path
    return _not_regular(path, mode)


def _walk(root: Path, include: tuple[str, ...]) -> Iterator[Path]:
    real_root = root.resolve()
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        yield from _flush(errors)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if is_temp_file(path) or not _matches(path, include):
                continue  # our own temporary files (a killed run's) are never articles
            try:
                if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                    continue  # a link out of the tree we were given
                mode = path.stat().st_mode
            except FileNotFoundError:
                yield path  # gone (or a dangling link): reading it says so
                continue
            except (OSError, RuntimeError) as exc:  # a link loop, a permission problem
                yield _unreadable(path, exc if isinstance(exc, OSError) else OSError(errno.ELOOP, str(exc)))
                continue
            if not stat.S_ISREG(mode):
                yield _not_regular(path, mode)
                continue
            yield path
    yield from _flush(errors)


def _flush(errors: list[OSError]) -> Iterator[Path]:
    """Folders os.walk could not list: reported as unreadable paths, not skipped in silence."""
    while errors:
        exc = errors.pop(0)
        name = exc.filename or "?"
        yield _unreadable(name, OSError(exc.errno, f"cannot read folder: {exc.strerror or exc}"))
