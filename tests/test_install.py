"""`pip install .` into a new venv outside the repository finds the shipped rules."""
from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_installed_package_finds_its_rules(tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([bin_dir / "python", "-m", "pip", "install", "-q", str(REPO)], check=True, cwd=tmp_path)
    work = tmp_path / "articles"
    work.mkdir()
    (work / "a.txt").write_text("Openai and Deepseek said.\n")
    proc = subprocess.run([bin_dir / "cleanup", "check", "--no-grammar", "--diff", "articles"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert "+OpenAI and DeepSeek said." in proc.stdout
    listed = subprocess.run([bin_dir / "cleanup", "rules"], cwd=tmp_path, capture_output=True, text=True)
    assert "casing.brands" in listed.stdout
