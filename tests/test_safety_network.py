"""Nothing is contacted except the grammar server one asked for (issue 7).

An audit hook (sys.addaudithook: it sees every socket connect, DNS lookup, urllib
request and started process, whichever module makes them) records what the whole
pipeline does, as a library and as the command line in-process (click's CliRunner):
- grammar off: no connection, no lookup, no request, no process at all;
- the defaults without LanguageTool set up: the same;
- a local fake LanguageTool URL: connections to that 127.0.0.1 port only, and no process
  (no Java server is started when a URL is given).
"""
from __future__ import annotations

import http.server
import json
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleanup
from cleanup.cli import main

TEXT = "Openai and Deepseek said the market grew.\n\nHome | News | Sport | Weather\n\nThe model is is fast.\n"
MARKDOWN = "---\ntitle: x\n---\n# Openai news\n\nSee [Openai](https://openai.com/blog) and `Openai`.\n"

_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
           "socket.sendto", "socket.sendmsg", "urllib.Request", "subprocess.Popen", "os.system", "os.exec",
           "os.posix_spawn", "os.spawn", "os.fork"}
_recording: list[list[tuple[str, tuple]]] = []


def _hook(event: str, args: tuple) -> None:
    if _recording and event in _EVENTS:
        _recording[-1].append((event, args))


sys.addaudithook(_hook)  # cannot be removed; it records only inside record()


class record:
    """Context manager: the audited network and process events inside it."""

    def __enter__(self) -> list[tuple[str, tuple]]:
        self.events: list[tuple[str, tuple]] = []
        _recording.append(self.events)
        return self.events

    def __exit__(self, *exc) -> None:
        _recording.remove(self.events)


@pytest.fixture(autouse=True)
def no_configured_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CLEANUP_LANGUAGETOOL_URL", raising=False)
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))  # no install, no warm server
    monkeypatch.chdir(tmp_path)  # no repository settings


def docs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(TEXT)
    (folder / "b.md").write_text(MARKDOWN)
    (folder / "c.txt").write_bytes(TEXT.replace("\n", "\r\n").encode())
    return folder


def run_everything(folder: Path, *grammar_args: str, **library_options) -> None:
    """The whole pipeline: the library's entry points and the command line's commands."""
    cleanup.clean(TEXT, **library_options)
    with cleanup.Cleaner(**library_options) as c:
        c.clean(TEXT)
        c.clean(MARKDOWN, markdown=True)
        c.clean(TEXT).to_json()
    runner = CliRunner()
    for args in (["check", *grammar_args, "--diff", str(folder)],
                 ["check", *grammar_args, "--format", "json", str(folder)],
                 ["fix", *grammar_args, str(folder)],
                 ["fix", *grammar_args, "-"]):
        res = runner.invoke(main, args, input=TEXT)
        assert res.exit_code in (0, 1), (args, res.output, res.exception)
    assert runner.invoke(main, ["rules"]).exit_code == 0


def test_grammar_off_contacts_nothing(tmp_path: Path):
    folder = docs(tmp_path / "docs")
    with record() as events:
        run_everything(folder, "--no-grammar", grammar=False)
    assert events == []
    assert (folder / "a.txt").read_text().startswith("OpenAI and DeepSeek said")  # the run did run


def test_defaults_without_languagetool_contact_nothing(tmp_path: Path):
    folder = docs(tmp_path / "docs")
    with record() as events:
        run_everything(folder)
    assert events == []


class FakeLanguageTool:
    def __init__(self):
        self.requests = 0
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self):
                fake.requests += 1
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/v2/languages"):
                    body = json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"}])
                else:
                    body = json.dumps({"matches": []})
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.address = self.server.server_address[:2]
        self.url = f"http://127.0.0.1:{self.address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def test_a_local_grammar_url_is_the_only_address_contacted(tmp_path: Path):
    folder = docs(tmp_path / "docs")
    server = FakeLanguageTool()
    try:
        with record() as events:
            run_everything(folder, "--languagetool-url", server.url, languagetool_url=server.url)
    finally:
        server.stop()
    assert server.requests > 0  # the grammar stage did talk to it
    connects = [args[1] for event, args in events if event == "socket.connect"]
    assert connects and all(tuple(a[:2]) == server.address for a in connects), connects
    urls = [args[0] for event, args in events if event == "urllib.Request"]
    assert urls and all(u.startswith(server.url + "/v2/") for u in urls), urls
    others = [(event, args) for event, args in events
              if event not in ("socket.connect", "urllib.Request", "socket.getaddrinfo")]
    assert others == [], others  # no process (no Java server), no other traffic
    lookups = [args[0] for event, args in events if event == "socket.getaddrinfo"]
    assert all(host == "127.0.0.1" for host in lookups), lookups  # no DNS for anything else
