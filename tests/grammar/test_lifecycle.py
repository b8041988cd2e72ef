"""Provisioning idempotence, the warm server, its idle watchdog and the CLI."""
from __future__ import annotations

import time

from click.testing import CliRunner

from cleanup.grammar import GrammarStage, provision, server
from cleanup.grammar.cli import grammar


def test_provision_is_idempotent(lt_classpath):
    t0 = time.monotonic()
    assert provision.provision() == lt_classpath
    assert time.monotonic() - t0 < 2  # nothing downloaded, mvn not even run


def test_interrupted_download_is_redone(isolated_cache, lt_classpath):
    marker = isolated_cache / f"languagetool-{provision.DEFAULT_VERSION}" / "READY.json"
    marker.unlink()  # as if mvn had been interrupted: no marker means not installed
    assert provision.installed_classpath() is None
    assert not provision.languagetool_available()


def test_warm_server_is_reused_and_stops_when_idle(isolated_cache, lt_classpath):
    state = server.warm_start(lt_classpath, idle=6)
    try:
        assert server.warm_url() == state["url"]
        assert server.warm_start(lt_classpath)["pid"] == state["pid"]  # no second server
        with GrammarStage() as stage:
            assert any(f.rule == "grammar.EN_A_VS_AN" for f in stage.find("This is an test.")), stage.note
            assert state["url"] in stage.note.detail
        assert server.pid_alive(state["pid"])  # the stage did not stop the shared server
        deadline = time.monotonic() + 40
        while server.pid_alive(state["pid"]) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not server.pid_alive(state["pid"]), "watchdog did not stop the idle server"
        time.sleep(1)
        assert server.read_state() is None and server.warm_url() is None
    finally:
        server.warm_stop()


def test_cli_start_status_stop(isolated_cache):
    runner = CliRunner()
    r = runner.invoke(grammar, ["setup", "--no-verify"])
    assert r.exit_code == 0 and "already provisioned" in r.output
    r = runner.invoke(grammar, ["start", "--idle-minutes", "5"])
    assert r.exit_code == 0, r.output
    pid = server.read_state()["pid"]
    try:
        r = runner.invoke(grammar, ["status"])
        assert r.exit_code == 0 and "warm server: http://127.0.0.1:" in r.output
    finally:
        r = runner.invoke(grammar, ["stop"])
    assert r.exit_code == 0 and "Stopped" in r.output
    assert not server.pid_alive(pid)
    assert "not running" in runner.invoke(grammar, ["status"]).output


def test_cli_start_without_install_fails_clearly(empty_cache):
    r = CliRunner().invoke(grammar, ["start"])
    assert r.exit_code != 0 and "cleanup grammar setup" in r.output


def test_cli_bogus_url(empty_cache):
    r = CliRunner().invoke(grammar, ["--languagetool-url", "http://127.0.0.1:9", "setup"])
    assert r.exit_code != 0 and "no LanguageTool server answers" in r.output


def _fake_java(tmp_path, monkeypatch, version_line: str | None):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    if version_line is not None:
        java = bin_dir / "java"
        java.write_text(f"#!/bin/sh\necho '{version_line}' >&2\n")
        java.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))


def test_missing_java_is_a_clear_error(empty_cache, tmp_path, monkeypatch):
    _fake_java(tmp_path, monkeypatch, None)
    r = CliRunner().invoke(grammar, ["setup"])
    assert r.exit_code != 0 and "Java not found" in r.output and "17" in r.output


def test_old_java_is_a_clear_error(empty_cache, tmp_path, monkeypatch):
    _fake_java(tmp_path, monkeypatch, 'java version "1.8.0_292"')
    assert provision.java_major() == 8
    r = CliRunner().invoke(grammar, ["setup"])
    assert r.exit_code != 0 and "Java 8 found" in r.output


def test_java_version_parsing(tmp_path, monkeypatch):
    _fake_java(tmp_path, monkeypatch, 'openjdk version "21.0.2" 2024-01-16')
    assert provision.java_major() == 21
