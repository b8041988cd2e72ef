"""A result cache: the same text, rules and options give the same Result, so keep it.

    with ResultCache.for_cleaner(cleaner) as cache:
        result = cache.get(text) or cleaner.clean(text)
        cache.put(text, result)

Where: `$CLEANUP_CACHE_DIR`, else `$XDG_CACHE_HOME/cleanup`, else `~/.cache/cleanup`;
one sqlite file, `results-v1.sqlite`, in it. Delete it at any time.

The key is sha256 of (content hash, rule-set version, options, markdown flag):
- the rule-set version (`ruleset_version`) hashes the package version, the bytes of
  every loaded rule file, the shipped data files the stages read (`rules/data/`:
  word-case statistics, boilerplate thresholds) and the package's own source, so an
  edited rule, threshold or detector never serves a stale result;
- the options are the Cleaner's Options minus `languagetool_url` (which server answers
  does not change what a result means), plus which stages the Cleaner actually built
  (grammar=None resolves to on or off by what is installed).

Results a stage could not finish (a note with status "failed": a rule timed out, the
grammar server failed) are never stored: a re-run should try again.

Values are zlib-compressed JSON (text, findings, notes), never pickle: a cache file is
data, not code. Only one process writes (the parent of a batch); readers and writers
in other processes are safe (sqlite WAL, busy timeout), a locked or broken cache file
only costs speed: every error turns into a miss.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from dataclasses import asdict, fields
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from .model import Result

SCHEMA = 1
FILE_NAME = f"results-v{SCHEMA}.sqlite"
_PACKAGE_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """`$CLEANUP_CACHE_DIR`, else `$XDG_CACHE_HOME/cleanup`, else `~/.cache/cleanup`."""
    explicit = os.environ.get("CLEANUP_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "cleanup"


def package_version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("cleanup")
    except Exception:  # a checkout that is not installed
        return "0+checkout"


@lru_cache(maxsize=1)
def _source_fingerprint() -> str:
    """The package's own code: in a working tree the version number does not move."""
    h = hashlib.sha256()
    for path in sorted(_PACKAGE_DIR.rglob("*.py")):
        try:
            h.update(path.relative_to(_PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            h.update(b"?")
    return h.hexdigest()


def _data_files() -> list[Path]:
    from .rulesets import builtin_rules_dir

    data = builtin_rules_dir() / "data"
    return sorted(p for p in data.rglob("*") if p.is_file()) if data.is_dir() else []


_DIGESTS: dict[tuple, bytes] = {}


def _file_digest(path: Path) -> bytes:
    """sha256 of a file's bytes, remembered for the process while its size and mtime stay
    (the shipped data is megabytes: a batch per call would hash it each time)."""
    try:
        st = path.stat()
        stamp = (str(path), st.st_size, st.st_mtime_ns)
        if stamp not in _DIGESTS:
            _DIGESTS[stamp] = hashlib.sha256(path.read_bytes()).digest()
        return _DIGESTS[stamp]
    except OSError:
        return b"?"


def ruleset_version(sets: Sequence, *, include_code: bool = True) -> str:
    """A hash of the package version and the bytes of each rule set's file
    (`cleaner.rules.sets`), plus the shipped data files the stages read and, with
    include_code, the package's source."""
    h = hashlib.sha256()
    h.update(f"cleanup {package_version()} schema {SCHEMA}\0".encode())
    for s in sets:
        path = Path(s.path)
        try:
            data = path.read_bytes()
        except OSError:
            data = b"<unreadable>"
        h.update(f"{s.id}\0{path.name}\0{len(data)}\0".encode() + data)
    for path in _data_files():
        h.update(path.name.encode() + b"\0" + _file_digest(path))
    if include_code:
        h.update(_source_fingerprint().encode())
    return h.hexdigest()


def options_key(cleaner) -> str:
    """What, besides the text and the rules, decides a Cleaner's result."""
    o = cleaner.options
    d = {f.name: getattr(o, f.name) for f in fields(o) if f.name != "languagetool_url"}
    d["rule_paths"] = [str(Path(p).resolve()) for p in o.rule_paths]
    d["stages"] = cleaner.stage_names
    return json.dumps(d, sort_keys=True, default=str)


def cleaner_fingerprint(cleaner) -> str:
    return hashlib.sha256((ruleset_version(cleaner.rules.sets) + "\0" + options_key(cleaner)).encode()).hexdigest()


def _plain(x) -> list:
    return [type(x).__name__, asdict(x)]


def _revive(item: list, classes: dict):
    """A model record from [class name, fields]; lists back to tuples (in place: a warm
    cache revives tens of thousands of findings per megabyte, so no copies)."""
    cls_name, d = item
    cls = classes.get(cls_name)
    if cls is None:
        from . import model

        cls = classes[cls_name] = getattr(model, cls_name)
    for k, v in d.items():
        if type(v) is list:
            d[k] = tuple(v)
    # The fields as stored, without the frozen dataclass's __init__ (a third of a warm
    # re-run): an entry is only read by the code that wrote it (the key holds the source).
    record = object.__new__(cls)
    record.__dict__.update(d)
    return record


def encode_result(result: Result) -> bytes:
    """Every field of the Result but `original` (the caller has it): the text, and each
    tuple of records (findings, notes, and whatever the model grows) as [class, fields]."""
    payload: dict = {"text": result.text}
    for f in fields(result):
        if f.name not in ("original", "text"):
            payload[f.name] = [_plain(x) for x in getattr(result, f.name)]
    return zlib.compress(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def decode_result(original: str, blob: bytes) -> Result:
    payload = json.loads(zlib.decompress(blob).decode("utf-8"))
    known = {f.name for f in fields(Result)}
    if set(payload) - known - {"text"}:
        raise ValueError("cache entry from another model")
    classes: dict = {}
    rest = {k: tuple([_revive(x, classes) for x in v]) for k, v in payload.items() if k != "text"}
    return Result(original=original, text=payload["text"], **rest)


def cacheable(result: Result) -> bool:
    return not any(n.status == "failed" for n in result.notes)


class ResultCache:
    """Results by key in one sqlite file. Writes are buffered; `flush()` (or close) commits."""

    def __init__(self, fingerprint: str, path: Path | str | None = None, *, flush_every: int = 256):
        self.fingerprint = fingerprint
        self.path = Path(path) if path is not None else cache_dir() / FILE_NAME
        self.flush_every = flush_every
        self.hits = self.misses = self.stored = 0
        self._pending: list[tuple[str, bytes]] = []
        self._db: sqlite3.Connection | None = None
        self._broken = False

    @classmethod
    def for_cleaner(cls, cleaner, path: Path | str | None = None) -> "ResultCache":
        return cls(cleaner_fingerprint(cleaner), path)

    # --- keys ---------------------------------------------------------------------------

    def key(self, text: str, markdown: bool = False) -> str:
        content = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return hashlib.sha256(f"{self.fingerprint}\0{int(bool(markdown))}\0{content}".encode()).hexdigest()

    # --- storage ------------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.path), timeout=10, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
            self._db = db
        except (sqlite3.Error, OSError):
            self._broken = True
        return self._db

    def get(self, text: str, markdown: bool = False) -> Result | None:
        return self.get_many([(text, markdown)])[0]

    def get_many(self, items: Sequence[tuple[str, bool]]) -> list[Result | None]:
        """Cached results for (text, markdown) pairs, None for a miss; one query for all."""
        out: list[Result | None] = [None] * len(items)
        db = self._conn()
        if db is None or not items:
            self.misses += len(items)
            return out
        keys = [self.key(t, m) for t, m in items]
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(keys), 500):  # sqlite's variable limit
                part = keys[start : start + 500]
                rows = db.execute(f"SELECT key, value FROM results WHERE key IN ({','.join('?' * len(part))})",
                                  part).fetchall()
                found.update(rows)
        except sqlite3.Error:
            pass
        for i, k in enumerate(keys):
            blob = found.get(k)
            if blob is not None:
                try:
                    out[i] = decode_result(items[i][0], blob)
                except Exception:  # a damaged entry is a miss
                    out[i] = None
            if out[i] is None:
                self.misses += 1
            else:
                self.hits += 1
        return out

    def put(self, text: str, result: Result, markdown: bool = False) -> None:
        if not cacheable(result):
            return
        self._pending.append((self.key(text, markdown), encode_result(result)))
        if len(self._pending) >= self.flush_every:
            self.flush()

    def put_many(self, items: Iterable[tuple[str, bool, Result]]) -> None:
        for text, markdown, result in items:
            self.put(text, result, markdown)

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        db = self._conn()
        if db is None or not pending:
            return
        try:
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", pending)
            db.execute("COMMIT")
            self.stored += len(pending)
        except sqlite3.Error:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def clear(self) -> None:
        db = self._conn()
        if db is not None:
            db.execute("DELETE FROM results")

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> "ResultCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
