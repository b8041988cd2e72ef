"""Reading and writing article files without losing anything.

Bytes are decoded exactly (no newline translation, a BOM remembered), and
written back in the same encoding, atomically: a temporary file in the same
folder, fsync, rename, with the original's mode (and owner, where allowed).
"""
from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str
    error: str | None = None  # why the file cannot be cleaned (binary, bad encoding…)


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data, name)
    if encoding:
        return _decode(data, encoding)
    if b"\x00" in data[:8192]:
        return Decoded(None, "binary", "binary file (NUL bytes), skipped")
    return _decode(data, "utf-8")


def _decode(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        return Decoded(None, encoding, f"not valid {encoding} at byte {exc.start} (use --encoding to name the file's encoding)")
    except LookupError:
        return Decoded(None, encoding, f"unknown encoding {encoding!r}")


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves the old or the new file, never half."""
    path = Path(path)
    st = path.stat()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".cleanup-tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, st.st_mode & 0o7777)
        if hasattr(os, "chown") and os.geteuid() == 0:
            os.chown(tmp, st.st_uid, st.st_gid)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
