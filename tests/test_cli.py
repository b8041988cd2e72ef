"""The command line, run as a user runs it (a subprocess for stdin, CliRunner for the rest)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cleanup.cli import main

DIRTY = "Openai and Deepseek said.\n\nHome | News | Sport | Weather\n"
CLEAN = "A plain sentence that needs nothing.\n"


def run(*args, input=None):
    return CliRunner().invoke(main, [*args], input=input, catch_exceptions=False)


def test_stdin_to_stdout():
    proc = subprocess.run([sys.executable, "-m", "cleanup", "fix", "--no-grammar", "-"],
                          input=b"Openai and Deepseek said\n", capture_output=True, check=True)
    assert proc.stdout == b"OpenAI and DeepSeek said\n"


def test_check_changes_nothing_and_exits_1(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(DIRTY)
    res = run("check", "--no-grammar", "--diff", str(tmp_path))
    assert res.exit_code == 1
    assert f.read_text() == DIRTY
    assert "+OpenAI and DeepSeek said." in res.output
    assert "1 file would be cleaned, 0 unchanged" in res.output


def test_fix_rewrites_then_second_run_has_nothing_to_do(tmp_path: Path):
    (tmp_path / "a.txt").write_text(DIRTY)
    (tmp_path / "b.md").write_text(CLEAN)
    (tmp_path / "skip.py").write_text("Openai = 1\n")
    res = run("fix", "--no-grammar", str(tmp_path))
    assert res.exit_code == 0
    assert (tmp_path / "a.txt").read_text() == "OpenAI and DeepSeek said.\n"
    assert (tmp_path / "skip.py").read_text() == "Openai = 1\n"
    assert "1 file cleaned, 1 unchanged, 3 edits" in res.output
    again = run("check", "--no-grammar", str(tmp_path))
    assert again.exit_code == 0
    assert "0 files would be cleaned, 2 unchanged, 0 edits" in again.output


def test_json_report(tmp_path: Path):
    (tmp_path / "a.txt").write_text(DIRTY)
    res = CliRunner().invoke(main, ["check", "--no-grammar", "--format", "json", str(tmp_path)])
    data = json.loads(res.stdout)
    assert data["summary"]["cleaned"] == 1
    rules = {f["rule"] for f in data["files"][0]["findings"]}
    assert {"casing.brands", "boilerplate.link-row"} <= rules


def test_include_exclude_and_keep_boilerplate(tmp_path: Path):
    (tmp_path / "a.txt").write_text(DIRTY)
    (tmp_path / "b.txt").write_text(DIRTY)
    res = run("fix", "--no-grammar", "--keep-boilerplate", "--exclude", "b.txt", str(tmp_path))
    assert res.exit_code == 0
    assert (tmp_path / "a.txt").read_text() == "OpenAI and DeepSeek said.\n\nHome | News | Sport | Weather\n"
    assert (tmp_path / "b.txt").read_text() == DIRTY


def test_unreadable_input_exits_2_and_the_batch_goes_on(tmp_path: Path):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait\n")
    (tmp_path / "good.txt").write_text(DIRTY)
    res = run("fix", "--no-grammar", str(tmp_path))
    assert res.exit_code == 2
    assert "bad.txt: not valid utf-8" in res.output
    assert (tmp_path / "bad.txt").read_bytes() == b"caf\xe9 au lait\n"
    assert (tmp_path / "good.txt").read_text().startswith("OpenAI")
    latin = run("fix", "--no-grammar", "--encoding", "latin-1", str(tmp_path / "bad.txt"))
    assert latin.exit_code == 0


def test_missing_path_and_disable(tmp_path: Path):
    res = run("check", "--no-grammar", str(tmp_path / "nope.txt"))
    assert res.exit_code == 2 and "nope.txt" in res.output
    f = tmp_path / "a.txt"
    f.write_text("Openai said.\n")
    assert run("check", "--no-grammar", "--disable", "casing", str(f)).exit_code == 0


def test_rules_lists_ids_and_messages():
    res = run("rules")
    assert res.exit_code == 0
    assert "casing.brands" in res.output and "boilerplate.link-row" in res.output


def test_utf8_bom_and_mode_are_kept(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"\xef\xbb\xbfOpenai said.\n")
    f.chmod(0o640)
    assert run("fix", "--no-grammar", str(f)).exit_code == 0
    assert f.read_bytes() == b"\xef\xbb\xbfOpenAI said.\n"
    assert f.stat().st_mode & 0o777 == 0o640


def test_input_format_overrides_the_suffix_and_can_be_a_setting(tmp_path: Path, monkeypatch):
    text = "Openai said the name `Openai` is in its code.\n"
    as_markdown = "OpenAI said the name `Openai` is in its code.\n"
    f = tmp_path / "a.txt"
    f.write_text(text)
    assert "`OpenAI`" in run("fix", "--no-grammar", "--input-format", "text", "-", input=text).output
    assert run("fix", "--no-grammar", "--input-format", "markdown", str(f)).exit_code == 0
    assert f.read_text() == as_markdown, "inline code is protected in markdown"
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".cleanup.toml").write_text('input_format = "markdown"\n')
    f.write_text(text)
    assert run("fix", "--no-grammar", "a.txt").exit_code == 0
    assert f.read_text() == as_markdown
    (tmp_path / ".cleanup.toml").write_text('input_format = "pdf"\n')
    bad = run("check", "--no-grammar", "a.txt")
    assert bad.exit_code == 2 and "input_format must be one of auto, text, markdown, html" in bad.output
