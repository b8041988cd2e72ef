"""The command line's scale options: --jobs, --jsonl/--field/-o, --no-cache.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main


DIRTY = "Openai and Deepseek said.\n\nHome | News | Sport | Weather\n"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))


def run(*args, input=None):
    return CliRunner().invoke(main, [*args], input=input, catch_exceptions=False)


def test_jobs_cleans_many_files_like_one_job(tmp_path: Path):
    one, two = tmp_path / "one", tmp_path / "two"
    for d in (one, two):
        d.mkdir()
        for i in range(70):  # more than one chunk, so workers start
            (d / f"f{i:03}.txt").write_text(f"Item {i}. {DIRTY}")
    a = run("fix", "--no-grammar", "--no-cache", "--jobs", "1", str(one))
    b = run("fix", "--no-grammar", "--no-cache", "--jobs", "2", str(two))
    assert a.exit_code == b.exit_code == 0
    for i in range(70):
        assert (one / f"f{i:03}.txt").read_text() == (two / f"f{i:03}.txt").read_text()
    assert "70 files cleaned" in b.output


def test_jsonl_to_stdout_and_to_a_file(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "body": DIRTY}) + "\n" for i in range(5)) + "oops\n")
    proc = subprocess.run([sys.executable, "-m", "cleanup", "fix", "--no-grammar", "--jsonl", "--field", "body",
                           str(src)], capture_output=True, text=True)
    lines = proc.stdout.splitlines()
    assert [json.loads(l)["id"] for l in lines[:5]] == list(range(5))
    assert json.loads(lines[0])["body"].startswith("OpenAI and DeepSeek said.")
    assert json.loads(lines[0])["cleanup"]["changed"] is True
    assert lines[5] == "oops" and proc.returncode == 2 and "line 6: not JSON" in proc.stderr
    out = tmp_path / "out.jsonl"
    res = run("fix", "--no-grammar", "--jsonl", "--field", "body", "-o", str(out), str(src))
    assert out.read_text().splitlines() == lines


def test_jsonl_from_stdin_check_exits_1():
    res = run("check", "--no-grammar", "--jsonl", "-", input=json.dumps({"text": "Openai"}) + "\n")
    assert res.exit_code == 1
    assert json.loads(res.stdout.splitlines()[0])["text"] == "OpenAI"


def test_output_needs_jsonl(tmp_path: Path):
    (tmp_path / "a.txt").write_text(DIRTY)
    assert run("fix", "--no-grammar", "-o", str(tmp_path / "x"), str(tmp_path)).exit_code == 2


def test_cache_is_used_and_no_cache_skips_it(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(DIRTY)
    run("check", "--no-grammar", "--no-cache", str(f))
    assert not (tmp_path / "cache").exists()
    first = run("check", "--no-grammar", "--diff", str(f))
    assert (tmp_path / "cache" / "results-v1.sqlite").is_file()
    again = run("check", "--no-grammar", "--diff", str(f))
    assert first.output == again.output and again.exit_code == 1
