"""A broken grammar server never breaks a run (issue 7).

Fake LanguageTool servers on 127.0.0.1 (http.server in a thread, or a bare socket):
HTTP 500, garbage, valid JSON of the wrong shape, a server that accepts and never
answers, a closed port, and servers whose /v2/languages is fine but whose /v2/check is
broken. For each, `cleanup check|fix --languagetool-url URL DIR` finishes with our rules,
exits 0/1 as usual (never a traceback), says so in one stderr line naming grammar as
skipped or failed, marks grammar skipped/failed in the JSON report, and leaves files
untouched (check) or cleaned exactly as our rules clean them (fix).
"""
from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleanup
from cleanup.cli import main
from cleanup.grammar import GrammarStage
from cleanup.grammar import stage as stage_module

REPO = Path(__file__).resolve().parent.parent
RUN_TIMEOUT = 60  # generous: the slowest fault costs the 3 s liveness probe

DOCS = {
    "a.txt": "Openai and Deepseek said the market grew.\n\nHome | News | Sport | Weather\n",
    "b.txt": "The model is is fast, said Chatgpt.\r\n",
    "c.txt": "A plain sentence that needs nothing.\n",
}
LANGUAGES = json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"}]).encode()
GARBAGE = b"\x00\xff<html>not json at all}{"
HANG = "hang"


class FakeLanguageTool:
    """An HTTP server whose answer per path is (status, body) or HANG (accept, never answer).
    Counts requests per path; stop() releases hanging handlers."""

    def __init__(self, languages, check):
        self.answers = {"/v2/languages": languages, "/v2/check": check}
        self.requests: dict[str, int] = {}
        self.release = threading.Event()
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output clean
                pass

            def _answer(self):
                path = self.path.split("?")[0]
                fake.requests[path] = fake.requests.get(path, 0) + 1
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                answer = fake.answers.get(path, (404, b"not found"))
                if answer == HANG:
                    fake.release.wait(RUN_TIMEOUT)
                    return
                status, body = answer
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


class SilentSocket:
    """Listens (the kernel completes the TCP handshake) but never accepts or answers."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def stop(self):
        self.sock.close()


class ClosedPort:
    def __init__(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.url = f"http://127.0.0.1:{s.getsockname()[1]}"

    def stop(self):
        pass


def wrong_shape(body) -> tuple[int, bytes]:
    return 200, json.dumps(body).encode()


OK_LANGUAGES = (200, LANGUAGES)
FAULTS = {
    # the server is unusable from the start: grammar is skipped
    "http-500": lambda: FakeLanguageTool((500, b"Internal Server Error"), (500, b"Internal Server Error")),
    "garbage": lambda: FakeLanguageTool((200, GARBAGE), (200, GARBAGE)),
    "wrong-shape": lambda: FakeLanguageTool(wrong_shape({"languages": "en"}), wrong_shape({"matches": []})),
    "never-answers": SilentSocket,
    "hangs-in-http": lambda: FakeLanguageTool(HANG, HANG),
    "closed-port": ClosedPort,
    # it answers the liveness probe, then every check fails: grammar failed
    "check-500": lambda: FakeLanguageTool(OK_LANGUAGES, (500, b"java.lang.OutOfMemoryError")),
    "check-garbage": lambda: FakeLanguageTool(OK_LANGUAGES, (200, GARBAGE)),
    "check-wrong-shape": lambda: FakeLanguageTool(OK_LANGUAGES, wrong_shape([{"offset": 0, "length": 4}])),
    "check-matches-not-a-list": lambda: FakeLanguageTool(OK_LANGUAGES, wrong_shape({"matches": {"offset": 0}})),
}


@pytest.fixture
def fault(request):
    server = FAULTS[request.param]()
    yield server
    server.stop()


def make_docs(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DOCS.items():
        (folder / name).write_bytes(text.encode())
    return {name: text.encode() for name, text in DOCS.items()}


def rules_only(text: str) -> bytes:
    return cleanup.clean(text, grammar=False).text.encode()


def _env(cwd: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("CLEANUP_LANGUAGETOOL_URL", None)
    env["CLEANUP_CACHE_DIR"] = str(cwd / "cache")  # no warm server of the developer's is used
    return env


def cli(*args, cwd: Path) -> subprocess.CompletedProcess:
    return cli_together([args], cwd)[0]


def cli_together(commands: list[tuple], cwd: Path) -> list[subprocess.CompletedProcess]:
    """Run the commands at the same time (each fault's slow probe is paid once)."""
    procs = [subprocess.Popen([sys.executable, "-m", "cleanup", *map(str, args)], cwd=cwd, env=_env(cwd),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for args in commands]
    done = []
    for args, proc in zip(commands, procs):
        try:
            out, err = proc.communicate(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            for p in procs:
                p.kill()
            pytest.fail(f"`cleanup {' '.join(map(str, args))}` did not finish within {RUN_TIMEOUT}s")
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def grammar_lines(stderr: str) -> list[str]:
    return [l for l in stderr.splitlines() if l.startswith("grammar:")]


def assert_grammar_reported(proc: subprocess.CompletedProcess, url: str):
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = grammar_lines(proc.stderr)
    assert len(lines) == 1, proc.stderr  # said once for the whole batch
    assert lines[0].startswith(("grammar: skipped:", "grammar: failed:")), lines
    stages = [s for s in json.loads(proc.stdout)["stages"] if s["stage"] == "grammar"]
    assert len(stages) == 1 and stages[0]["status"] in ("skipped", "failed"), stages
    assert not any(l.startswith("error:") for l in proc.stderr.splitlines()), proc.stderr


@pytest.mark.parametrize("fault", sorted(FAULTS), indirect=True)
def test_check_and_fix_with_a_broken_grammar_server(tmp_path: Path, fault):
    checked, fixed = tmp_path / "checked", tmp_path / "fixed"
    before = make_docs(checked)
    make_docs(fixed)
    check, fix = cli_together([("check", "--languagetool-url", fault.url, "--format", "json", checked),
                               ("fix", "--languagetool-url", fault.url, "--format", "json", fixed)], tmp_path)
    # check: our rules found something (exit 1, as without grammar); nothing written
    assert check.returncode == 1, check.stderr
    assert_grammar_reported(check, fault.url)
    summary = json.loads(check.stdout)["summary"]
    assert summary["cleaned"] == 2 and summary["failed"] == 0, summary
    for name, data in before.items():
        assert (checked / name).read_bytes() == data
    # fix: every file exactly as our rules alone clean it
    assert fix.returncode == 0, fix.stderr
    assert_grammar_reported(fix, fault.url)
    for name, text in DOCS.items():
        assert (fixed / name).read_bytes() == rules_only(text), name


def test_malformed_matches_are_skipped_and_the_check_counts_as_run(tmp_path: Path):
    """Valid answers with broken or out-of-range matches: those matches are dropped, the
    grammar stage ran, and nothing is applied from them."""
    matches = [{"offset": 10**9, "length": 5, "rule": {"id": "X"}, "replacements": [{"value": "boom"}]},
               {"offset": "zero", "length": 1, "rule": {"id": "Y"}},
               {"offset": 0, "length": -3, "rule": {"id": "Z"}},
               {"offset": 0, "length": 1},
               {"offset": 0, "length": 1, "rule": "not a table", "replacements": [{"value": "!"}]},
               "not a match", None, 7]
    server = FakeLanguageTool(OK_LANGUAGES, wrong_shape({"matches": matches}))
    try:
        docs = tmp_path / "docs"
        make_docs(docs)
        proc = cli("fix", "--languagetool-url", server.url, "--format", "json", docs, cwd=tmp_path)
    finally:
        server.stop()
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert grammar_lines(proc.stderr) == []
    stages = {s["stage"]: s for s in json.loads(proc.stdout)["stages"]}
    assert stages["grammar"]["status"] == "ran", stages
    for name, text in DOCS.items():
        assert (docs / name).read_bytes() == rules_only(text), name
    assert server.requests.get("/v2/check") == len(DOCS)


def _fast_check(monkeypatch, seconds: float):
    """The stage's per-request timeout is 30 s + length/2000; a test cannot wait that long."""
    real = stage_module.check

    def check(url, text, protected, language, timeout, disabled):
        return real(url, text, protected, language, seconds, disabled)

    monkeypatch.setattr(stage_module, "check", check)


def test_a_check_that_never_answers_fails_the_stage_not_the_run(tmp_path: Path, monkeypatch):
    server = FakeLanguageTool(OK_LANGUAGES, HANG)
    _fast_check(monkeypatch, 1.0)
    monkeypatch.delenv("CLEANUP_LANGUAGETOOL_URL", raising=False)
    docs = tmp_path / "docs"
    make_docs(docs)
    try:
        res = CliRunner().invoke(main, ["fix", "--languagetool-url", server.url, "--format", "json", str(docs)])
    finally:
        server.stop()
    assert res.exit_code == 0 and isinstance(res.exception, (SystemExit, type(None))), res.output
    lines = grammar_lines(res.stderr)
    assert len(lines) == 1 and lines[0].startswith("grammar: failed:") and "timeout" in lines[0], res.stderr
    for name, text in DOCS.items():
        assert (docs / name).read_bytes() == rules_only(text), name


def test_a_hanging_server_costs_one_timeout_per_run_not_per_file(tmp_path: Path, monkeypatch):
    """Today every file waits the full timeout (30 s + length/2000 each in real runs)."""
    server = FakeLanguageTool(OK_LANGUAGES, HANG)
    _fast_check(monkeypatch, 1.0)
    docs = tmp_path / "docs"
    make_docs(docs)
    try:
        with cleanup.Cleaner(languagetool_url=server.url) as c:
            notes = [c.clean(t).notes for t in DOCS.values()][-1]
    finally:
        server.stop()
    assert server.requests.get("/v2/check") == 1, server.requests
    grammar = [n for n in notes if n.stage == "grammar"]
    assert len(grammar) == 1 and grammar[0].status == "failed", grammar


class TrickleServer:
    """Answers /v2/languages, then sends /v2/check's body one byte every `pause` seconds:
    each read succeeds, so a per-read socket timeout never fires."""

    def __init__(self, pause: float = 0.5):
        body = json.dumps({"matches": []}).encode()
        fake = self
        self.release = threading.Event()

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self._send(LANGUAGES, 0)

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self._send(body, pause)

            def _send(self, data, delay):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    for i in range(len(data)):
                        if delay and fake.release.wait(delay):
                            return
                        self.wfile.write(data[i:i + 1])
                        self.wfile.flush()
                except OSError:
                    pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def test_a_trickling_answer_is_cut_off_at_the_timeout():
    server = TrickleServer(pause=0.3)  # 14 bytes: ~4 s, against a 1 s timeout
    try:
        stage = GrammarStage(url=server.url, timeout=1.0)
        started = time.monotonic()
        assert stage.find("This are a test.") == []
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    assert elapsed < 3.0, f"a 1 s timeout took {elapsed:.1f} s"
    assert stage.note.status == "failed"


def test_one_line_for_the_batch_counts_the_whole_batch(tmp_path: Path):
    """The stderr line of a failed grammar stage counts every text of the batch."""
    server = FakeLanguageTool(OK_LANGUAGES, (500, b"boom"))
    try:
        docs = tmp_path / "docs"
        make_docs(docs)
        proc = cli("check", "--languagetool-url", server.url, docs, cwd=tmp_path)
    finally:
        server.stop()
    lines = grammar_lines(proc.stderr)
    assert len(lines) == 1, proc.stderr
    assert f"{len(DOCS)} of {len(DOCS)} texts not checked" in lines[0], lines
