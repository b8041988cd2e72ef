"""HTML input (the extra cleanup[html]): the article is extracted with the real trafilatura, then cleaned.

The page in samples/ is a realistic news page: cookie banner, navigation, share row, figure caption,
newsletter promo, advertisement, related stories, reader comments, membership promo and footer
around an article with headings, a list and a table (and three artifacts for the pipeline).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleanup
from cleanup.cli import main
from cleanup.htmlinput import MissingExtra, extract

pytest.importorskip("trafilatura")  # in the `test` extra; CI installs it

PAGE = Path(__file__).resolve().parent.parent / "samples" / "005_article_page.html"
ARTICLE = [
    "# Harbour city bets on tidal power as grid costs climb",
    "The city council voted on Monday to build a pilot array of twelve tidal turbines",
    "## How the array would work",
    "- Twelve turbines, each rated at 1.5 megawatts",
    "| 2027 | 8 | 13,000 |",
    "## Fishermen want guarantees",
    "“Nobody is against clean power,” said Tomas Berg",
    "before any work begins.",
]
AROUND = ["cookie", "Subscribe", "Share on", "Photo: Ledger staff", "Morning Briefing", "Related stories",
          "Great news, about time", "Become a member", "All rights reserved", "Google Play", "Tags:",
          "Follow her on X"]


def run(*args, input=None):
    return CliRunner().invoke(main, [*args], input=input, catch_exceptions=False)


def page_in(folder: Path, name: str = "page.html") -> Path:
    path = folder / name
    path.write_bytes(PAGE.read_bytes())
    return path


def test_the_article_is_extracted_and_cleaned_the_page_around_it_is_not():
    r = cleanup.clean_html(PAGE.read_bytes(), grammar=False)
    for line in ARTICLE:
        assert line in r.text, line
    for gone in AROUND:
        assert gone not in r.original, gone
    applied = {f.rule: r.original[f.start:f.end] for f in r.edits}
    assert applied == {"encoding.ftfy": "â€™", "boilerplate.advertisement": "Advertisement\n\n",
                       "boilerplate.related-link": "READ MORE: Offshore wind farm delayed again as costs rise\n\n",
                       "mt-repetition.word": " the"}
    assert "city’s homes" in r.text and "wants the council" in r.text
    assert not cleanup.clean(r.text, grammar=False, markdown=True).changed, "a second run changes nothing"


def test_the_extraction_is_visible_with_its_settings_and_the_page_metadata():
    r = cleanup.clean_html(PAGE.read_text(encoding="utf-8"), grammar=False)
    first = r.notes[0]
    assert (first.stage, first.status) == ("extract", "ran")
    assert "trafilatura" in first.detail and "favor_recall" in first.detail and "no comments" in first.detail
    assert r.metadata["title"] == "Harbour city bets on tidal power as grid costs climb"
    assert r.metadata["author"] == "Maren Ostby"
    assert r.metadata["date"] == "2024-03-18"
    assert json.loads(r.to_json())["metadata"]["sitename"] == "The Coastal Ledger"
    assert not r.original.startswith("---"), "trafilatura's metadata header is not part of the text"


@pytest.mark.parametrize("html", ["", "   ", b"\x00\x01" * 40,
                                  "<html><head><title>Index</title></head><body><script>x = 1</script></body></html>"])
def test_a_page_without_an_article_gives_an_empty_result_that_says_why(html):
    r = cleanup.clean_html(html, grammar=False)
    assert r.text == r.original == ""
    assert (r.notes[0].stage, r.notes[0].status) == ("extract", "failed")
    assert "no article text" in r.notes[0].detail


def test_a_fragment_and_a_declared_legacy_encoding_are_read():
    fragment = "<p>The council voted on Monday to build a pilot array of twelve tidal turbines.</p>"
    assert extract(fragment).text == "The council voted on Monday to build a pilot array of twelve tidal turbines.\n"
    latin = ('<html><head><meta charset="iso-8859-1"></head><body><article><p>The caf\xe9 on the pier '
             'reopened on Monday after a winter of repairs to its roof and terrace.</p></article></body></html>')
    assert "The café on the pier" in extract(latin.encode("latin-1")).text


_TAGS = st.sampled_from(["p", "div", "article", "nav", "footer", "h2", "li", "table", "td", "b", "script", "a"])
_WORDS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)


@st.composite
def pages(draw):
    parts = ["<html><body>"]
    for tag, words in draw(st.lists(st.tuples(_TAGS, _WORDS), max_size=12)):
        parts.append(f"<{tag}>{words}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    return "".join(parts) + draw(_WORDS)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pages())
def test_any_page_gives_a_result_and_its_text_is_stable(rules_only, html):
    from cleanup.htmlinput import clean_html

    r = clean_html(html, rules_only)
    assert r.notes[0].stage == "extract"
    assert not rules_only.clean(r.text, markdown=True).changed


# --- command line: pages are never overwritten -------------------------------------------------------


def test_fix_writes_the_article_beside_the_page_and_leaves_the_page_alone(tmp_path: Path):
    page = page_in(tmp_path)
    page.chmod(0o640)
    before = page.read_bytes()
    checked = run("check", "--no-grammar", str(page))
    assert checked.exit_code == 1 and "would write" in checked.output
    assert not (tmp_path / "page.md").exists(), "check writes nothing"
    res = run("fix", "--no-grammar", str(page))
    assert res.exit_code == 0, res.output
    assert page.read_bytes() == before
    written = (tmp_path / "page.md").read_text(encoding="utf-8")
    assert written == cleanup.clean_html(before, grammar=False).text
    assert (tmp_path / "page.md").stat().st_mode & 0o777 == 0o640
    assert "1 file cleaned, 0 unchanged, 4 edits" in res.output
    again = run("check", "--no-grammar", str(page))
    assert again.exit_code == 0, "the article beside the page is up to date"
    assert "0 files would be cleaned, 1 unchanged, 0 edits" in again.output


def test_an_outdated_article_beside_the_page_is_replaced(tmp_path: Path):
    page = page_in(tmp_path)
    (tmp_path / "page.md").write_text("An older extraction.\n")
    assert run("check", "--no-grammar", str(page)).exit_code == 1
    assert run("fix", "--no-grammar", str(page)).exit_code == 0
    assert (tmp_path / "page.md").read_text().startswith("# Harbour city")


def test_a_page_whose_article_would_overwrite_an_input_is_refused(tmp_path: Path):
    as_md = tmp_path / "notes.md"
    as_md.write_bytes(PAGE.read_bytes())
    res = run("fix", "--no-grammar", "--input-format", "html", str(as_md))
    assert res.exit_code == 2 and "would overwrite the page" in res.output
    assert as_md.read_bytes() == PAGE.read_bytes()
    page = page_in(tmp_path)
    (tmp_path / "page.md").write_text("A hand-written note.\n")
    both = run("fix", "--no-grammar", "--include", "*.html", "--include", "*.md", str(tmp_path))
    assert both.exit_code == 2 and "also an input of this run" in both.output
    assert (tmp_path / "page.md").read_text() == "A hand-written note.\n"
    assert page.read_bytes() == PAGE.read_bytes()


def test_two_pages_never_write_one_file(tmp_path: Path):
    first, second = page_in(tmp_path, "a.html"), page_in(tmp_path, "a.htm")
    res = run("fix", "--no-grammar", "--input-format", "html", str(tmp_path))
    assert res.exit_code == 2
    assert f"which is also written from {first}" in res.output or f"also written from {second}" in res.output
    assert (tmp_path / "a.md").read_text().startswith("# Harbour city")


def test_folders_are_walked_for_pages_only_when_asked(tmp_path: Path):
    page_in(tmp_path)
    (tmp_path / "a.txt").write_text("Openai said.\n")
    plain = run("fix", "--no-grammar", str(tmp_path))
    assert plain.exit_code == 0 and not (tmp_path / "page.md").exists()
    assert (tmp_path / "a.txt").read_text() == "OpenAI said.\n"
    (tmp_path / "a.txt").write_text("Openai said.\n")
    html = run("fix", "--no-grammar", "--input-format", "html", str(tmp_path))
    assert html.exit_code == 0 and (tmp_path / "page.md").exists()
    assert (tmp_path / "a.txt").read_text() == "Openai said.\n", "text files are not taken as pages"


def test_a_page_without_an_article_is_an_input_error_and_writes_nothing(tmp_path: Path):
    (tmp_path / "index.html").write_text("<html><body><script>location = '/home'</script></body></html>")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    page_in(tmp_path)
    res = run("fix", "--no-grammar", "--input-format", "html", str(tmp_path))
    assert res.exit_code == 2
    assert "index.html: no article text found" in res.output
    assert "image.html: binary file (NUL byte at offset 8), skipped" in res.output
    assert not (tmp_path / "index.md").exists() and not (tmp_path / "image.md").exists()
    assert (tmp_path / "page.md").exists(), "the other pages are still done"


def test_stdin_page_to_stdout_and_the_json_report():
    proc = subprocess.run([sys.executable, "-m", "cleanup", "fix", "--no-grammar", "--input-format", "html", "-"],
                          input=PAGE.read_bytes(), capture_output=True, check=True)
    assert proc.stdout.decode("utf-8") == cleanup.clean_html(PAGE.read_bytes(), grammar=False).text
    res = CliRunner().invoke(main, ["check", "--no-grammar", "--input-format", "html", "--format", "json", "-"],
                             input=PAGE.read_bytes())
    data = json.loads(res.stdout)
    assert data["files"][0]["metadata"]["author"] == "Maren Ostby"
    assert {"encoding.ftfy", "boilerplate.advertisement"} <= {f["rule"] for f in data["files"][0]["findings"]}


def test_without_trafilatura_one_line_names_the_extra(tmp_path: Path):
    page = page_in(tmp_path)
    block = "import sys; sys.modules['trafilatura'] = None; from cleanup.cli import main; main()"
    for args in (["fix", "--no-grammar", str(page)], ["fix", "--no-grammar", "--input-format", "html", "-"],
                 ["fix", "--no-grammar", "--jsonl", "--input-format", "html", "-"]):
        proc = subprocess.run([sys.executable, "-c", block, *args], input=b"<html></html>", capture_output=True,
                              text=False, env={**os.environ, "CLEANUP_CACHE_DIR": str(tmp_path / "cache")})
        err = proc.stderr.decode()
        assert proc.returncode == 2, err
        assert err.strip().splitlines() == ["error: HTML input needs the optional extra 'html' (trafilatura): "
                                            "pip install 'cleanup[html]'"]
    assert not (tmp_path / "page.md").exists()
    plain = subprocess.run([sys.executable, "-c", block, "check", "--no-grammar", str(tmp_path)],
                           capture_output=True, text=True)
    assert plain.returncode == 0, "text runs do not need the extra"
    library = subprocess.run([sys.executable, "-c", "import sys; sys.modules['trafilatura'] = None\n"
                              "import cleanup\ntry:\n    cleanup.clean_html('<p>x</p>', grammar=False)\n"
                              "except ImportError as e:\n    print(type(e).__name__, e)"],
                             capture_output=True, text=True)
    assert library.stdout.startswith(f"{MissingExtra.__name__} HTML input needs the optional extra"), library.stderr


# --- JSONL ---------------------------------------------------------------------------------------------


def _pages_jsonl(tmp_path: Path) -> Path:
    lines = [{"id": 1, "html": PAGE.read_text(encoding="utf-8")},
             {"id": 2, "html": "<html><body><script>location = '/'</script></body></html>"},
             {"id": 3, "body": "no html field"},
             {"id": 4, "html": "<p>Openai said on Monday that its new model would reach all users next week.</p>"}]
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in lines))
    return path


def test_jsonl_html_field_is_extracted_into_text(tmp_path: Path):
    src = _pages_jsonl(tmp_path)
    out = tmp_path / "out.jsonl"
    res = run("fix", "--no-grammar", "--jsonl", "--input-format", "html", "-o", str(out), str(src))
    assert res.exit_code == 2, "two lines were skipped"
    assert "line 2: no article text found" in res.output and "line 3: no string field 'html'" in res.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == [1, 2, 3, 4]
    first, _, third, fourth = records
    assert first["html"] == PAGE.read_text(encoding="utf-8"), "the page is kept"
    assert first["text"] == cleanup.clean_html(first["html"], grammar=False).text
    assert first["cleanup"]["extracted"]["title"].startswith("Harbour city")
    assert "trafilatura" in first["cleanup"]["extracted"]["by"]
    assert third == {"id": 3, "body": "no html field"}
    assert fourth["text"].startswith("OpenAI said on Monday")


def test_jsonl_html_with_worker_processes_keeps_the_order(tmp_path: Path):
    # Imported here: benchmarks/fuzz_cli.py re-imports the package when its sources change during a
    # run, and the workers unpickle by name, so the functions and classes must be the current ones.
    from cleanup.htmlinput import clean_html_jsonl
    from cleanup.options import Options

    src = tmp_path / "many.jsonl"
    html = PAGE.read_text(encoding="utf-8")
    src.write_text("".join(json.dumps({"id": i, "html": html.replace("twelve", f"{i + 12}")}) + "\n"
                           for i in range(6)))
    with open(src, "rb") as f, open(tmp_path / "out.jsonl", "wb") as out:
        stats = clean_html_jsonl(f, out, "html", options=Options(grammar=False), jobs=2, chunk_docs=2)
    assert (stats.lines, stats.cleaned, stats.skipped) == (6, 6, 0)
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == list(range(6))
    assert all(f"pilot array of {r['id'] + 12} tidal turbines" in r["text"] for r in records)
