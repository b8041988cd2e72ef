"""The grammar stage the pipeline calls: LanguageTool findings, never an exception."""
from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, Sequence

from ..model import Finding, StageNote
from .client import CheckError, check, normalize_spans
from .policy import Policy, PolicyError, load_policy
from .provision import configured_url, installed_classpath
from .server import LocalServer, ServerError, is_alive, touch, warm_url

SETUP_HINT = "run `cleanup grammar setup`"
MAX_WORKERS = 8  # concurrent checks; the server runs up to 10 (maxPipelinePoolSize)

Spans = Sequence[tuple[int, int]]


def default_workers() -> int:
    """One concurrent check per core: LanguageTool checks one text on one thread."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


class GrammarStage:
    """Finds grammar problems with LanguageTool.

    Server choice, first found wins: `url`, $CLEANUP_LANGUAGETOOL_URL, the warm server
    of `cleanup grammar start`, else (if start_server) a private server for this stage's
    lifetime. Connecting is lazy, on the first find(), so an unused stage costs nothing.
    """

    name = "grammar"

    def __init__(
        self,
        url: str | None = None,
        language: str = "en-US",
        vocabulary: frozenset[str] = frozenset(),
        policy_path: Path | None = None,
        start_server: bool = True,
        timeout: float | None = None,
    ):
        self.language = language
        self.vocabulary = frozenset(vocabulary)
        self.policy_path = policy_path
        self.start_server = start_server
        self.timeout = timeout
        self._given_url = url or configured_url()
        self._url: str | None = None
        self._warm = False
        self._server: LocalServer | None = None
        self._policy: Policy | None = None
        self._connected = False
        self._disabled: tuple[str, str] | None = None  # (status, reason) once unusable
        self._restarted = False
        self._recoveries = 0  # bumped by each recovery, so concurrent checks recover once
        self._checked = 0
        self._failed = 0
        self._last_error = ""
        self._gave_up = ""  # why the server is not asked again (it did not answer in time)
        self._lock = threading.Lock()  # find_many checks from several threads

    # --- public interface -------------------------------------------------------------

    def find(self, text: str, protected: Sequence[tuple[int, int]] = ()) -> list[Finding]:
        try:
            return self._find(text, protected)
        except Exception as e:  # the contract: a broken checker must never break the pipeline
            self._fail_text(f"internal error: {type(e).__name__}: {e}")
            return []

    def find_many(self, items: Iterable[tuple[str, Spans]], workers: int | None = None) -> list[list[Finding]]:
        """[find(text, protected) for text, protected in items], the same findings, faster:
        up to `workers` texts are checked at once (default: one per core; LanguageTool
        checks each text on one thread) and a text that repeats in `items` is checked once."""
        items = list(items)
        keys = [(text, tuple(normalize_spans(protected, len(text)))) for text, protected in items]
        distinct = list(dict.fromkeys(keys))
        workers = min(workers or default_workers(), len(distinct))
        if workers <= 1:
            found = [self.find(text, spans) for text, spans in distinct]
        else:
            self._connect()  # once, before the threads: it may start a server
            with ThreadPoolExecutor(workers, thread_name_prefix="grammar") as pool:
                found = list(pool.map(lambda key: self.find(*key), distinct))
        by_key = dict(zip(distinct, found))
        return [list(by_key[key]) for key in keys]

    @property
    def note(self) -> StageNote:
        if self._disabled is not None:
            return StageNote(self.name, *self._disabled)
        if not self._connected:
            return StageNote(self.name, "skipped", "not run")
        if self._failed:
            total = self._checked + self._failed
            return StageNote(self.name, "failed", f"{self._failed} of {total} texts not checked: {self._last_error}")
        extra = ", server restarted once" if self._restarted else ""
        return StageNote(self.name, "ran", f"LanguageTool at {self._url}, {self._checked} texts checked{extra}")

    def close(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
        self._connected = False
        self._url = None

    def __enter__(self) -> "GrammarStage":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- internals --------------------------------------------------------------------

    def _find(self, text: str, protected: Sequence[tuple[int, int]]) -> list[Finding]:
        if self._disabled is not None or not self._connect() or not text.strip():
            return []
        if self._gave_up:
            self._fail_text(self._gave_up)
            return []
        assert self._url is not None and self._policy is not None
        if self._warm:
            touch()
        with self._lock:  # waits while another check restarts the server, so the URL is the new one
            recoveries = self._recoveries
        try:
            matches = self._check(text, protected)
        except CheckError as e:
            if e.kind != "connection" or not self._recover(recoveries):
                return self._failed_check(e)
            try:
                matches = self._check(text, protected)
            except CheckError as e2:
                return self._failed_check(e2)
        if self._warm:
            touch()  # again: a long check must not count as idle time
        with self._lock:
            self._checked += 1
        findings = (self._policy.to_finding(m, text, self.vocabulary) for m in matches)
        return [f for f in findings if f is not None]

    def _failed_check(self, e: CheckError) -> list[Finding]:
        """A text not checked. A server that did not answer in time is not asked again in
        this run: every later text would wait the whole timeout too (30 s or more each)."""
        self._fail_text(str(e))
        if e.kind == "timeout":
            with self._lock:
                self._gave_up = f"{e} (not asked again in this run)"
                self._last_error = self._gave_up
        return []

    def _check(self, text: str, protected: Sequence[tuple[int, int]]):
        assert self._url is not None and self._policy is not None
        timeout = self.timeout or 30.0 + len(text) / 2000  # long articles take longer
        return check(self._url, text, protected, self.language, timeout, sorted(self._policy.ignore_rules))

    def _connect(self) -> bool:
        if self._connected:
            return self._url is not None
        self._connected = True
        try:
            self._policy = load_policy(self.policy_path)
        except PolicyError as e:
            return self._disable("failed", str(e))
        if self._given_url:
            if not is_alive(self._given_url):
                return self._disable("skipped", f"no LanguageTool server answers at {self._given_url}")
            self._url = self._given_url
            return True
        self._url = warm_url()
        if self._url is not None:
            self._warm = True
            return True
        if not self.start_server:
            return self._disable("skipped", "no LanguageTool server running (`cleanup grammar start`)")
        return self._start_private("skipped")

    def _start_private(self, status_if_missing: str) -> bool:
        classpath = installed_classpath()
        if classpath is None:
            return self._disable(status_if_missing, f"LanguageTool is not installed; {SETUP_HINT}")
        self._server = LocalServer(classpath)
        try:
            self._url = self._server.start()
        except ServerError as e:
            self._server = None
            return self._disable("failed", f"LanguageTool could not start: {e}")
        self._warm = False
        return True

    def _recover(self, recoveries_seen: int) -> bool:
        """The server stopped answering: restart (or re-find) it, once per stage. Checks
        that failed at the same time wait here, then retry on the recovered server."""
        with self._lock:
            if self._disabled is not None:
                return False
            if self._recoveries != recoveries_seen:
                return True  # another check recovered after this one started
            self._recoveries += 1
            return self._restart()

    def _restart(self) -> bool:
        if self._restarted:
            return self._disable("failed", f"LanguageTool server at {self._url} stopped answering again")
        self._restarted = True
        if self._given_url:
            return is_alive(self._given_url) or self._disable(
                "failed", f"LanguageTool server at {self._given_url} stopped answering"
            )
        if self._server is not None:
            self._server.stop()
            self._server = None
        live = warm_url()
        if live is not None:
            self._url, self._warm = live, True
            return True
        if not self.start_server:
            return self._disable("failed", "LanguageTool server stopped answering")
        return self._start_private("failed")

    def _disable(self, status: str, reason: str) -> bool:
        self._disabled = (status, reason.splitlines()[0] if reason else status)
        return False

    def _fail_text(self, reason: str) -> None:
        with self._lock:
            self._failed += 1
            self._last_error = reason.splitlines()[0] if reason else "unknown error"
