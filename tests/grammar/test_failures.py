"""The stage never raises: missing, dead, slow or broken servers give [] and a note."""
from __future__ import annotations

import http.server
import os
import signal
import socket
import threading
import time

import pytest

from cleanup.grammar import GrammarStage, languagetool_available
from cleanup.grammar.server import pid_alive

DOC = "This is an test. He go to school yesterday."


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_bogus_url_is_skipped(isolated_cache):
    stage = GrammarStage(url=f"http://127.0.0.1:{_closed_port()}")
    assert stage.find(DOC) == []
    assert stage.find(DOC) == []
    assert stage.note.status == "skipped"
    assert "no LanguageTool server answers" in stage.note.detail


def test_not_installed_is_skipped(empty_cache):
    assert not languagetool_available()
    stage = GrammarStage()
    assert stage.find(DOC) == []
    assert stage.note.status == "skipped"
    assert "cleanup grammar setup" in stage.note.detail


def test_no_server_and_no_start_is_skipped(isolated_cache):
    assert languagetool_available()
    stage = GrammarStage(start_server=False)
    assert stage.find(DOC) == [] and stage.note.status == "skipped"


def test_server_killed_mid_batch_restarts_once_then_fails(isolated_cache):
    stage = GrammarStage()  # no URL, no warm server: it starts its own
    try:
        assert any(f.rule == "grammar.EN_A_VS_AN" for f in stage.find(DOC))
        first = stage._server.pid
        os.killpg(first, signal.SIGKILL)
        _wait_dead(first)
        # The next document triggers one restart and is still checked.
        assert any(f.rule == "grammar.EN_A_VS_AN" for f in stage.find(DOC))
        assert stage.note.status == "ran" and "restarted once" in stage.note.detail
        second = stage._server.pid
        assert second != first
        os.killpg(second, signal.SIGKILL)
        _wait_dead(second)
        # No second restart: [] and a "failed" note, for this and later documents.
        assert stage.find(DOC) == []
        assert stage.find(DOC) == []
        assert stage.note.status == "failed"
    finally:
        stage.close()


def _wait_dead(pid: int) -> None:
    deadline = time.monotonic() + 10
    while pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)


class _Fake(http.server.BaseHTTPRequestHandler):
    """Answers /v2/languages like LanguageTool, but /v2/check badly (see `mode`)."""

    mode = "garbage"

    def do_GET(self):
        self._send(200, b'[{"name":"English","code":"en","longCode":"en-US"}]')

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.mode == "slow":
            time.sleep(3)
        if self.mode == "error":
            self._send(500, b"Error: internal error")
        else:
            self._send(200, b"<html>not json</html>" if self.mode == "garbage" else b'{"no":"matches"}')

    def _send(self, code: int, body: bytes) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (timeout test)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("mode", ["garbage", "error", "slow", "shape"])
def test_broken_server_answers_give_failed_note(isolated_cache, mode):
    handler = type("H", (_Fake,), {"mode": mode})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        stage = GrammarStage(url=f"http://127.0.0.1:{httpd.server_port}", timeout=0.5)
        assert stage.find(DOC) == []
        assert stage.note.status == "failed"
        assert stage.note.detail.startswith("1 of 1 texts not checked")
        assert "\n" not in stage.note.detail
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_bad_policy_file_is_a_failed_note(lt_url, tmp_path):
    bad = tmp_path / "grammar.toml"
    bad.write_text("[auto]\nrules = 'EN_A_VS_AN'\n")
    stage = GrammarStage(url=lt_url, policy_path=bad)
    assert stage.find(DOC) == []
    assert stage.note.status == "failed" and "auto.rules" in stage.note.detail
