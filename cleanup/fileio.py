"""Reading and writing article files without losing anything.

Bytes are decoded exactly (no newline translation, a BOM remembered), and
written back in the same encoding, atomically: a temporary file in the same
folder, fsync, rename, with the original's mode (and owner, where allowed).

What cannot be cleaned safely is refused with a one-line reason (Decoded.error)
instead of being guessed at: binary data (NUL bytes), bytes that are not valid in
the encoding, files larger than MAX_BYTES.

Temporary files are named `.NAME.PID.RANDOM.cleanup-tmp`. A run killed between
writing one and renaming it leaves it behind; file discovery never picks such a
file up, and the next write of NAME removes the ones whose process is gone.
"""
from __future__ import annotations

import codecs
import errno
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Longest input cleaned, in bytes. A scraped article is a few kilobytes; the rule
# stages take ~20 s per megabyte and regexes get a per-call timeout, so results on
# much larger inputs would depend on the machine. CLEANUP_MAX_BYTES overrides (0: none).
MAX_BYTES = 8 * 1024 * 1024

TEMP_SUFFIX = ".cleanup-tmp"
# Temporary files without a live pid in their name are stale after this long.
_STALE_SECONDS = 3600

# Order matters: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le-bom"),
    (codecs.BOM_UTF32_BE, "utf-32-be-bom"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le-bom"),
    (codecs.BOM_UTF16_BE, "utf-16-be-bom"),
)
# Our names for "this codec, with this BOM in front": written back exactly so.
_WITH_BOM = {
    "utf-32-le-bom": ("utf-32-le", codecs.BOM_UTF32_LE),
    "utf-32-be-bom": ("utf-32-be", codecs.BOM_UTF32_BE),
    "utf-16-le-bom": ("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be-bom": ("utf-16-be", codecs.BOM_UTF16_BE),
}


class EncodeError(OSError):
    """The cleaned text cannot be written in the file's encoding (the file is left alone).

    An OSError so that callers which report failed writes report this one too."""

    def __init__(self, message: str):
        super().__init__(errno.EILSEQ, message)


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str
    error: str | None = None  # why the file cannot be cleaned (binary, bad encoding…)


def max_bytes() -> int:
    raw = os.environ.get("CLEANUP_MAX_BYTES", "")
    try:
        return int(raw) if raw.strip() else MAX_BYTES
    except ValueError:
        return MAX_BYTES


def too_large(size: int) -> str | None:
    """Why an input of `size` bytes is refused, or None when it is within MAX_BYTES."""
    limit = max_bytes()
    if limit and size > limit:
        return f"file too large ({_size(size)}; the limit is {_size(limit)}), skipped"
    return None


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    large = too_large(len(data))
    if large:
        return Decoded(None, "unknown", large)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data, name)
    if encoding:
        try:
            wide = codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
        except LookupError:
            return Decoded(None, encoding, f"unknown encoding {encoding!r} (see --encoding)")
        if wide:  # NUL bytes are part of the text
            return _decode(data, encoding)
    reason = binary(data)
    if reason:
        return Decoded(None, "binary", reason)
    return _decode(data, encoding or "utf-8")


def binary(data: bytes) -> str | None:
    """Why `data` is not text (a NUL byte, without a UTF-16/32 byte-order mark), or None."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    nul = data.find(b"\x00")
    return f"binary file (NUL byte at offset {nul}), skipped" if nul >= 0 else None


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n} bytes"


def _decode(data: bytes, encoding: str) -> Decoded:
    codec, bom = _WITH_BOM.get(encoding, (encoding, b""))
    try:
        return Decoded(data[len(bom):].decode(codec), encoding)
    except UnicodeDecodeError as exc:
        where = exc.start + len(bom)
        label = codec if not bom else f"{codec} (it starts with a {codec.upper()} byte-order mark)"
        return Decoded(None, encoding, f"not valid {label} at byte {where} (use --encoding to name the file's encoding)")
    except LookupError:
        return Decoded(None, encoding, f"unknown encoding {encoding!r} (see --encoding)")


def encode(text: str, encoding: str) -> bytes:
    """The bytes of `text` in `encoding` (a name from Decoded.encoding), BOM included.

    Raises EncodeError (an OSError) when a character cannot be encoded."""
    codec, bom = _WITH_BOM.get(encoding, (encoding, b""))
    try:
        return bom + text.encode(codec)
    except UnicodeEncodeError as exc:
        ch = exc.object[exc.start]
        raise EncodeError(
            f"the cleaned text has {ch!r} (U+{ord(ch):04X}), which {codec} cannot encode; file left unchanged"
        ) from None
    except LookupError:
        raise EncodeError(f"unknown encoding {encoding!r}") from None


def is_temp_file(path: Path | str) -> bool:
    return Path(path).name.endswith(TEMP_SUFFIX)


def write_atomic(path: Path, data: bytes, *, expected: bytes | None = None) -> None:
    """Replace `path` with `data` so that a crash leaves the old or the new file, never half.

    A symlink is written through (the link stays, its target gets the data). The file's
    mode is kept, and its owner and group where allowed. A file we may not write (read-only)
    is refused, as an in-place write would be. With `expected`, the file must still hold
    those bytes (else it changed since it was read, and is left alone).
    """
    path = Path(os.path.realpath(path))
    st = path.stat()  # FileNotFoundError: it disappeared; we do not recreate it
    if not path.is_file():
        raise OSError(errno.EINVAL, "not a regular file")
    if not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "Permission denied (the file is read-only)")
    if expected is not None and (st.st_size != len(expected) or path.read_bytes() != expected):
        raise OSError(errno.EAGAIN, "the file changed while it was being cleaned; left alone")
    _sweep_temp_files(path)

    def finish(tmp: str) -> None:
        _copy_owner(tmp, st)
        os.chmod(tmp, st.st_mode & 0o7777)  # after chown, which may clear set-id bits
        os.replace(tmp, path)

    _via_temp_file(path, data, finish)


def write_new(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Create `path` with `data`, atomically (a crash leaves no file or the whole file),
    and never over a file that appeared meanwhile (FileExistsError)."""
    path = Path(path)

    def finish(tmp: str) -> None:
        os.chmod(tmp, mode & 0o777)
        _link_or_rename(tmp, path)

    _via_temp_file(path, data, finish)


def _via_temp_file(path: Path, data: bytes, finish) -> None:
    """Write `data` to a synced temp file beside `path`, let `finish(tmp)` put it in place;
    the temp file never outlives the call."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        finish(tmp)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
    _fsync_dir(path.parent)


def _link_or_rename(tmp: str, path: Path) -> None:
    """Unlike a rename, a hard link refuses to replace a file. File systems without hard
    links get a rename after a last look (a short race, as any `open(path, "x")` has)."""
    try:
        os.link(tmp, path)
        return
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK):
            raise
    if os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, "File exists", str(path))
    os.rename(tmp, path)


def _copy_owner(tmp: str, st: os.stat_result) -> None:
    if not hasattr(os, "chown"):
        return
    if os.geteuid() == 0:
        os.chown(tmp, st.st_uid, st.st_gid)
        return
    if st.st_gid != os.getegid():
        try:  # a group we belong to may be given away without privileges
            os.chown(tmp, -1, st.st_gid)
        except OSError:
            pass


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable. The data is already in place: a folder that cannot be
    opened or synced (some file systems) is not an error."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _sweep_temp_files(path: Path) -> None:
    """Remove temporary files a killed run left for `path`: those whose process is gone
    (or, without a pid, older than an hour). Best effort: a failure changes nothing."""
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    ours = re.compile(re.escape(f".{path.name}.") + r"(?:(?P<pid>\d+)\.)?[^.]+" + re.escape(TEMP_SUFFIX))
    for entry in entries:
        m = ours.fullmatch(entry.name)
        if m is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            pid = m.group("pid")
            if pid is not None:
                if int(pid) == os.getpid() or _alive(int(pid)):
                    continue
            elif time.time() - entry.stat(follow_symlinks=False).st_mtime < _STALE_SECONDS:
                continue
            os.unlink(entry.path)
        except OSError:
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    except OSError:
        return True
    return True
