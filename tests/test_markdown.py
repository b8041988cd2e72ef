"""Markdown articles: structure and non-prose spans are never rewritten; suppression works."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cleanup.cli import main

ARTICLE = """---
title: Openai and Deepseek
tags: [openai, deepseek]
---

# Openai ships a model

Openai said the model beats Deepseek. See [the post](https://openai.com/Openai "Openai  blog") and `Openai  client`.

```python
client = Openai()  # Openai  stays
```

| Company | Model |
|---------|-------|
| Openai  | GPT   |

<!-- Openai in a comment -->
Bytedance said so. <!-- cleanup: ignore -->

<!-- cleanup: off -->
Deepseek is left alone here.
<!-- cleanup: on -->

- Bytedance and Youtube in a list item.
"""

EXPECTED = ARTICLE.replace("# Openai ships", "# OpenAI ships").replace(
    "Openai said the model beats Deepseek.", "OpenAI said the model beats DeepSeek.").replace(
    "- Bytedance and Youtube", "- ByteDance and YouTube")


def test_markdown_keeps_front_matter_code_links_tables_and_suppressed_lines(rules_only):
    result = rules_only.clean(ARTICLE, markdown=True)
    assert result.text == EXPECTED


def test_cli_treats_md_files_as_markdown_and_keeps_the_missing_final_newline(tmp_path: Path):
    article = tmp_path / "post.md"
    article.write_text(ARTICLE.rstrip("\n"))
    res = CliRunner().invoke(main, ["fix", "--no-grammar", str(article)])
    assert res.exit_code == 0, res.output
    assert article.read_text() == EXPECTED.rstrip("\n")


def test_repository_settings_file(tmp_path: Path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".cleanup.toml").write_text('disable = ["casing.brands"]\nexclude = ["drafts/*"]\n')
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.txt").write_text("Home | News | Sport | Weather\n\nText.\n")
    (tmp_path / "a.txt").write_text("Openai said.\n")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "--no-grammar", "."])
    assert res.exit_code == 0, res.output
    (tmp_path / ".cleanup.toml").write_text("colour = 1\n")
    res = CliRunner().invoke(main, ["check", "--no-grammar", "."])
    assert res.exit_code == 2 and "unknown setting 'colour'" in res.output


def test_pyproject_tool_table(tmp_path: Path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.cleanup]\nenable = ["space.nbsp"]\n')
    (tmp_path / "a.txt").write_text("The\u00a0company said.\n")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["fix", "--no-grammar", "a.txt"])
    assert res.exit_code == 0
    assert (tmp_path / "a.txt").read_text() == "The company said.\n"
