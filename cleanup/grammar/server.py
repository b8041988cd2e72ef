"""LanguageTool server processes: a private one per batch, or a warm shared one.

Servers listen on 127.0.0.1 only (no --public), on a free port, with a heap cap, in
their own process group so stopping them also stops anything they spawned. The warm
server (`cleanup grammar start`) records pid/port in the cache folder, and a small
watchdog process stops it after an idle period so it never lingers forever.
"""
from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .client import CheckError, read_body
from .provision import cache_dir

HOST = "127.0.0.1"
DEFAULT_XMX = "1g"
READY_TIMEOUT = 90.0
DEFAULT_IDLE = 30 * 60
# Server options (HTTPServerConfig keys): keep warm rule pipelines and cache
# sentence results, which repeat a lot across scraped articles.
# maxSpellingSuggestions=-1: never compute spelling suggestions. They were a quarter of
# LanguageTool's time on real articles (profiled), and our policy only reports spelling
# matches, never applies them; LanguageTool then sends a placeholder, which client.py drops.
# JVM options beyond the heap cap (measured per article on real text; same findings):
# - ParallelGC: on 2 cores G1's concurrent work and write barriers cost LanguageTool ~5-10%
#   more CPU per article than the throughput collector; its pauses (tens of ms) do not matter
#   to a batch checker.
# - PerMethodTrapLimit=0: the optimizing JIT (C2) also compiles the paths (branches, receiver
#   types) its profile has not seen yet, instead of betting they never happen. LanguageTool's
#   thousands of rules keep taking "new" paths for a long time, and each lost bet threw the
#   compiled method away and compiled it again:
#   after 30 warm-up articles the C2 compiler still used ~30% of the server's CPU (175 of
#   565 ms per article). With the limit at 0 it uses ~55 ms, and the checks themselves cost
#   about the same, so ~19% less CPU per article (4 runs each, threads' CPU from /proc).
JVM_OPTIONS = ("-XX:+UseParallelGC", "-XX:PerMethodTrapLimit=0")
SERVER_PROPERTIES = "pipelineCaching=true\nmaxPipelinePoolSize=10\ncacheSize=2000\nmaxSpellingSuggestions=-1\n"


class ServerError(RuntimeError):
    """The server could not be started; the message is one readable line or a few."""


def state_path() -> Path:
    return cache_dir() / "server.json"


def last_used_path() -> Path:
    return cache_dir() / "server.last-used"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def is_alive(url: str, timeout: float = 3.0) -> bool:
    """True if `url` answers like a LanguageTool server (GET /v2/languages)."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/v2/languages", timeout=timeout) as r:
            body = read_body(r, time.monotonic() + timeout, limit=1024 * 1024)
            return r.status == 200 and isinstance(json.loads(body), list)
    except (OSError, ValueError, CheckError):  # URLError, timeouts, slow or bad answers: "not usable"
        return False


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    stat = Path(f"/proc/{pid}/stat")  # a zombie still "exists" for kill(0)
    if stat.exists():
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except (OSError, IndexError):
            return True
    return True


def kill_group(pid: int, grace: float = 10.0) -> None:
    """SIGTERM the process group led by `pid`, then SIGKILL if it does not go."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except (ProcessLookupError, PermissionError):
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            if not pid_alive(pid):
                return
            time.sleep(0.1)


class LocalServer:
    """One LanguageTool HTTP server process started from a classpath."""

    def __init__(self, classpath: str, xmx: str = DEFAULT_XMX, port: int | None = None):
        self.classpath, self.xmx = classpath, xmx
        self.port = port or free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log_path = cache_dir() / "logs" / f"server-{self.port}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def command(self) -> list[str]:
        cfg = cache_dir() / "server.properties"
        cfg.write_text(SERVER_PROPERTIES, encoding="utf-8")
        return [
            "java", f"-Xmx{self.xmx}", *JVM_OPTIONS, "-Djava.awt.headless=true", "-cp", self.classpath,
            "org.languagetool.server.HTTPServer", "--port", str(self.port), "--config", str(cfg),
        ]

    def start(self, timeout: float = READY_TIMEOUT, stop_at_exit: bool = True) -> str:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "wb") as log:
            try:
                self.proc = subprocess.Popen(
                    self.command(), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                    cwd=cache_dir(), start_new_session=True,
                )
            except OSError as e:
                raise ServerError(f"cannot run java: {e}") from e
        if stop_at_exit:
            atexit.register(self.stop)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServerError(f"LanguageTool exited at start: {self._log_reason()}")
            if is_alive(self.url, timeout=2.0):
                return self.url
            time.sleep(0.25)
        self.stop()
        raise ServerError(f"LanguageTool did not answer within {timeout:.0f}s (log: {self.log_path})")

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            kill_group(self.proc.pid)
        self.proc.wait(timeout=30)
        self.proc = None
        self.log_path.unlink(missing_ok=True)

    def _log_reason(self) -> str:
        lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        causes = [l for l in lines if "Exception" in l or "Error" in l]
        return (causes[-1] if causes else (lines[-1] if lines else "no output")).strip()[:300]


# --- the warm server shared across CLI invocations -------------------------------------

def read_state() -> dict | None:
    try:
        state = json.loads(state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and isinstance(state.get("pid"), int) else None


def warm_url() -> str | None:
    """URL of a live recorded warm server, else None (and a stale record is removed)."""
    state = read_state()
    if state is None:
        return None
    if pid_alive(state["pid"]) and is_alive(str(state.get("url"))):
        return str(state["url"])
    if not pid_alive(state["pid"]):
        state_path().unlink(missing_ok=True)
    return None


def touch() -> None:
    """Record use, so the watchdog's idle clock restarts."""
    p = last_used_path()
    p.parent.mkdir(parents=True, exist_ok=True)
    p.touch()


def warm_start(classpath: str, idle: int = DEFAULT_IDLE, xmx: str = DEFAULT_XMX, warm_chars: int = 0) -> dict:
    """Start the warm server and its watchdog unless one is already live; return its state.
    warm_chars > 0: then feed it that much bundled prose in the background (warmup.py)."""
    url = warm_url()
    if url is not None:
        return read_state() or {"url": url}
    server = LocalServer(classpath, xmx=xmx)
    server.start(stop_at_exit=False)
    assert server.pid is not None
    _warm_up(server.url)
    touch()
    watchdog = _detached([sys.executable, "-m", "cleanup.grammar.watchdog", str(server.pid), str(idle),
                          str(state_path())])
    state = {"pid": server.pid, "port": server.port, "url": server.url, "watchdog_pid": watchdog.pid,
             "idle_seconds": idle, "started": time.time(), "log": str(server.log_path)}
    tmp = state_path().with_suffix(".tmp")
    tmp.write_text(json.dumps(state), encoding="utf-8")
    tmp.replace(state_path())
    if warm_chars > 0:
        _detached([sys.executable, "-m", "cleanup.grammar.warmup", server.url, str(warm_chars)])
    return state


def _detached(cmd: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, cwd=cache_dir(), env=_env_with_package())


def _warm_up(url: str) -> None:
    # The first check loads the English rules (seconds); pay that now, not in the first run.
    body = urllib.parse.urlencode({"language": "en-US", "text": "This is an test."}).encode()
    try:
        urllib.request.urlopen(url + "/v2/check", data=body, timeout=120).read()
    except OSError:
        pass  # only an optimisation; a broken server shows up on real use


def _env_with_package() -> dict[str, str]:
    # The watchdog runs `python -m cleanup.grammar.watchdog`; make `cleanup` importable
    # even when it is used from a source checkout rather than installed.
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def warm_stop() -> bool:
    """Stop the recorded warm server (and its watchdog). False if none was running."""
    state = read_state()
    if state is None:
        return False
    was_alive = pid_alive(state["pid"])
    kill_group(state["pid"])
    if isinstance(state.get("watchdog_pid"), int):
        kill_group(state["watchdog_pid"], grace=2.0)
    state_path().unlink(missing_ok=True)
    if isinstance(state.get("log"), str):
        Path(state["log"]).unlink(missing_ok=True)
    return was_alive
