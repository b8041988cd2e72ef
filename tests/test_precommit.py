"""The real pre-commit (from PyPI) runs our hooks on a temporary article repository.

pre-commit installs the hook from a commit of this checkout, so the test commits
the working tree to a throwaway clone first: it tests what is on disk now.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DIRTY = "---\ntitle: Openai news\nurl: https://openai.com/Openai\n---\n\nOpenai and Deepseek said.\n\n```\nOpenai()\n```\n"
FIXED = DIRTY.replace("Openai and Deepseek said.", "OpenAI and DeepSeek said.")
CLEAN = "A clean article about OpenAI.\n"
SUPPRESSED = "Openai said. <!-- cleanup: ignore -->\n"


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def snapshot_of_this_checkout(dest: Path) -> str:
    """Copy the working tree (tracked and new files, not ignored ones) into a repo and commit it."""
    files = git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    for name in filter(None, files):
        src = REPO / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-qm", "snapshot")
    return git(dest, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def pre_commit() -> list[str]:
    probe = subprocess.run([sys.executable, "-m", "pre_commit", "--version"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pre-commit"], check=True)
    return [sys.executable, "-m", "pre_commit"]


def test_hook_fixes_dirty_article_stops_commit_and_passes_clean_ones(tmp_path: Path, pre_commit):
    hook_repo = tmp_path / "hook"
    hook_repo.mkdir()
    rev = snapshot_of_this_checkout(hook_repo)
    articles = tmp_path / "articles"
    articles.mkdir()
    git(articles, "init", "-q")
    (articles / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hook_repo}\n  rev: {rev}\n  hooks:\n  - id: cleanup-fix\n    args: [--no-grammar]\n")
    (articles / "dirty.md").write_text(DIRTY)
    (articles / "clean.md").write_text(CLEAN)
    (articles / "suppressed.md").write_text(SUPPRESSED)
    (articles / "dirty.md").chmod(0o640)
    git(articles, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home")}
    run = subprocess.run([*pre_commit, "run", "--all-files"], cwd=articles, env=env, capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr  # it changed a file: the commit is stopped
    assert "files were modified by this hook" in run.stdout
    assert (articles / "dirty.md").read_text() == FIXED
    assert (articles / "dirty.md").stat().st_mode & 0o777 == 0o640
    assert (articles / "clean.md").read_text() == CLEAN
    assert (articles / "suppressed.md").read_text() == SUPPRESSED
    git(articles, "add", "-A")
    again = subprocess.run([*pre_commit, "run", "--all-files"], cwd=articles, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stdout + again.stderr
