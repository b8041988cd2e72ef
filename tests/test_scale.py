"""Scale: parallel batches (cleanup.batch), the result cache (cleanup.cache), streaming
JSONL (cleanup.jsonl). Called as functions; the command line is in test_scale_cli.py."""
from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cleanup import Cleaner, Options
from cleanup.batch import clean_many, clean_stream, partition_cleaner
from cleanup.cache import ResultCache, cache_dir, cleaner_fingerprint, decode_result, encode_result, ruleset_version
from cleanup.jsonl import clean_jsonl, finding_dicts

RULES = Options(grammar=False)

DOCS = [
    "Openai and Deepseek said the the model was ready.\n",
    "A plain sentence that needs nothing.\n",
    "Home | News | Sport | Weather\n\nThe article starts here and it is long enough to be prose, "
    "with words that carry meaning and a full stop.\n",
    "Ã©tÃ© was broken, and the chatgpt Chatbot is fine.\n",
    "",
    "No newline at the end and Deepseek again",
]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    """The examples again and again, with a counter so every text is distinct."""
    return [f"{d}Item {i}: Openai news.\n" for i in range(40) for d in DOCS]


@pytest.fixture(scope="module")
def expected(corpus) -> list:
    with Cleaner(RULES) as c:
        return [c.clean(t) for t in corpus]


# --- batch --------------------------------------------------------------------------------


def test_in_process_matches_cleaner(corpus, expected):
    assert list(clean_many(corpus, RULES, jobs=1)) == expected


def test_workers_give_the_same_results_in_input_order(corpus, expected):
    got = list(clean_many(corpus, RULES, jobs=2, chunk_docs=7))
    assert got == expected  # Results compare by original, text, findings and notes


def test_stream_keeps_tags_and_passes_unreadable_items_through(corpus, expected):
    items = [(i, None if i % 5 == 0 else t, False) for i, t in enumerate(corpus)]
    got = list(clean_stream(items, RULES, jobs=2, chunk_docs=4))
    assert [tag for tag, _ in got] == list(range(len(corpus)))
    for i, result in got:
        assert (result is None) if i % 5 == 0 else result == expected[i]


def test_markdown_flag_travels_per_item():
    text = "Openai wrote `openai.run()` here.\n"
    got = dict(clean_stream([("md", text, True), ("plain", text, False)] * 20, RULES, jobs=2, chunk_docs=3))
    with Cleaner(RULES) as c:
        assert got["md"] == c.clean(text, markdown=True)
        assert got["plain"] == c.clean(text, markdown=False)


def test_input_is_read_lazily_so_memory_stays_bounded():
    """The batch reads only a few chunks ahead of what it has yielded."""
    read = 0

    def texts():
        nonlocal read
        for i in range(10_000):
            read += 1
            yield f"Openai number {i}."

    stream = clean_many(texts(), RULES, jobs=2, chunk_docs=10)
    for _ in range(25):
        next(stream)
    assert read <= 25 + 2 * 3 * 10 + 10 + 20, read  # yielded + in-flight chunks + one being filled
    stream.close()


def test_given_cleaner_is_used_in_process():
    with Cleaner(RULES) as c:
        assert [r.text for r in clean_many(["Openai"] * 3, c, jobs=1)] == ["OpenAI"] * 3


def test_a_single_chunk_runs_without_a_pool(monkeypatch):
    import cleanup.batch as batch

    def no_pool(*a, **k):
        raise AssertionError("a pool was started for one chunk")

    monkeypatch.setattr(batch, "ProcessPoolExecutor", no_pool)
    assert [r.text for r in clean_many(["Openai"] * 5, RULES, jobs=4)] == ["OpenAI"] * 5


def test_partition_cleaner_pickles_and_matches(corpus, expected):
    import pickle

    fn = pickle.loads(pickle.dumps(partition_cleaner(RULES)))
    assert fn(corpus[:12]) == expected[:12]
    as_dict = partition_cleaner(RULES, as_dict=True)(corpus[:3])
    assert as_dict == [r.to_dict() for r in expected[:3]]


# --- cache --------------------------------------------------------------------------------


def test_cache_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x"
    monkeypatch.delenv("CLEANUP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "cleanup"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path.home() / ".cache" / "cleanup"


def test_result_round_trips_through_the_cache_encoding(expected, corpus):
    for text, r in zip(corpus[:12], expected[:12]):
        assert decode_result(text, encode_result(r)) == r


def test_cache_hit_returns_the_same_result(tmp_path, corpus, expected):
    path = tmp_path / "c.sqlite"
    with Cleaner(RULES) as c:
        with ResultCache.for_cleaner(c, path) as cache:
            assert list(clean_many(corpus, c, jobs=1, cache=cache)) == expected
            assert cache.misses == len(corpus) and cache.hits == 0
        with ResultCache.for_cleaner(c, path) as cache:
            assert list(clean_many(corpus, c, jobs=2, cache=cache)) == expected
            assert cache.hits == len(corpus) and cache.misses == 0


def test_a_batch_the_cache_answers_whole_compiles_no_stage(tmp_path, corpus, expected):
    cache = ResultCache.for_cleaner(Cleaner(RULES), tmp_path / "c.sqlite")
    list(clean_many(corpus, RULES, jobs=1, cache=cache))
    cache.flush()
    warm = Cleaner(RULES)
    assert list(clean_many(corpus, warm, jobs=1, cache=cache)) == expected
    assert warm._stages is None  # nothing compiled: every text came from the cache
    assert warm.stage_names == [s.name for s in warm.stages]  # the names the key uses are the stages'


def test_workers_and_grammar_start_only_for_texts_the_cache_lacks(tmp_path, corpus, expected, monkeypatch):
    import cleanup.batch as batch

    cache = ResultCache.for_cleaner(Cleaner(RULES), tmp_path / "c.sqlite")
    list(clean_many(corpus, RULES, jobs=1, cache=cache))
    cache.flush()

    def no_server(cleaner):
        raise AssertionError("a fully cached batch connected to the grammar checker")

    monkeypatch.setattr(batch, "_grammar_for_workers", no_server)
    assert list(clean_many(corpus, RULES, jobs=2, cache=cache)) == expected


def test_default_cache_lives_in_the_cache_dir(tmp_path, corpus, expected):
    assert list(clean_many(corpus[:6], RULES, jobs=1, cache=True)) == expected[:6]
    assert (tmp_path / "cache" / "results-v1.sqlite").is_file()


def test_key_depends_on_text_markdown_options_and_rules(tmp_path):
    a = Cleaner(RULES)
    b = Cleaner(Options(grammar=False, threshold=0.5))
    c = Cleaner(Options(grammar=False, disable=("casing",)))
    fps = {cleaner_fingerprint(x) for x in (a, b, c)}
    assert len(fps) == 3
    assert cleaner_fingerprint(a) == cleaner_fingerprint(Cleaner(RULES))
    cache = ResultCache.for_cleaner(a, tmp_path / "k.sqlite")
    assert cache.key("x") != cache.key("y")
    assert cache.key("x") != cache.key("x", markdown=True)


def test_an_edited_rule_file_changes_the_version(tmp_path):
    rules = tmp_path / "house.toml"
    rules.write_text(textwrap.dedent("""
        [set]
        id = "house"
        stage = "mt"

        [[rule]]
        id = "house.colour"
        kind = "substitute"
        message = "House style: {replacement}."
        replacements = { colour = "color" }
    """))
    before = ruleset_version(Cleaner(Options(grammar=False, rule_paths=(rules,))).rules.sets)
    rules.write_text(rules.read_text().replace('"color"', '"colr"'))
    after = ruleset_version(Cleaner(Options(grammar=False, rule_paths=(rules,))).rules.sets)
    assert before != after


def test_failed_results_are_not_stored(tmp_path):
    from dataclasses import replace

    from cleanup.model import StageNote

    with Cleaner(RULES) as c, ResultCache.for_cleaner(c, tmp_path / "f.sqlite") as cache:
        r = c.clean("Openai")
        cache.put("Openai", replace(r, notes=(StageNote("mt", "failed", "rule x timed out"),)))
        cache.flush()
        assert cache.get("Openai") is None
        cache.put("Openai", r)
        cache.flush()
        assert cache.get("Openai") == r


def test_a_broken_cache_file_is_only_a_miss(tmp_path):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with Cleaner(RULES) as c, ResultCache.for_cleaner(c, path) as cache:
        assert [r.text for r in clean_many(["Openai"], c, jobs=1, cache=cache)] == ["OpenAI"]


def test_a_damaged_entry_is_a_miss(tmp_path):
    path = tmp_path / "d.sqlite"
    with Cleaner(RULES) as c, ResultCache.for_cleaner(c, path) as cache:
        cache.put("Openai", c.clean("Openai"))
        cache.flush()
        sqlite3.connect(path).execute("UPDATE results SET value = x'00ff'").connection.commit()
        assert cache.get("Openai") is None


# --- JSONL --------------------------------------------------------------------------------


def _jsonl(records) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def test_jsonl_cleans_the_field_and_adds_findings(corpus, expected):
    records = [{"id": i, "body": t, "extra": [1, 2]} for i, t in enumerate(corpus)]
    out = io.BytesIO()
    stats = clean_jsonl(io.BytesIO(_jsonl(records)), out, "body", options=RULES, jobs=2, chunk_docs=5)
    lines = out.getvalue().decode().splitlines()
    assert len(lines) == len(records) == stats.lines
    for i, line in enumerate(lines):
        d = json.loads(line)
        assert list(d) == ["id", "body", "extra", "cleanup"]
        assert d["id"] == i and d["extra"] == [1, 2]
        assert d["body"] == expected[i].text
        assert d["cleanup"]["changed"] == expected[i].changed
        assert d["cleanup"]["findings"] == [f.to_dict(expected[i].original) for f in expected[i].findings]
    assert stats.cleaned == sum(r.changed for r in expected)


def test_jsonl_passes_bad_lines_through_in_order():
    src = b'{"text": "Openai"}\nnot json\n\n[1, 2]\n{"other": 1}\n{"text": 5}\n{"text": "ok."}\n'
    out, errors = io.StringIO(), []
    stats = clean_jsonl(io.BytesIO(src), out, options=RULES, jobs=1, on_error=errors.append)
    lines = out.getvalue().splitlines()
    assert json.loads(lines[0])["text"] == "OpenAI"
    assert lines[1:5] == ["not json", "[1, 2]", '{"other": 1}', '{"text": 5}']
    assert json.loads(lines[5])["cleanup"]["changed"] is not None
    assert stats.skipped == 4 and len(errors) == 4 and errors[0].startswith("line 2:")
    assert stats.lines == 6  # the blank line is dropped


def test_jsonl_keeps_unicode_as_is():
    out = io.BytesIO()
    clean_jsonl([json.dumps({"text": "Café « déjà » 北京 Openai"}, ensure_ascii=False)], out,
                options=Options(grammar=False, boilerplate=False))
    line = out.getvalue().decode("utf-8")
    assert "Café « déjà » 北京 OpenAI" in line


def test_finding_dicts_match_to_dict_on_a_long_document():
    text = "\n".join(f"Line {i}: Openai and Deepseek." for i in range(500))
    r = Cleaner(RULES).clean(text)
    assert finding_dicts(r) == [f.to_dict(r.original) for f in r.findings]


def test_jsonl_memory_is_flat(tmp_path):
    """Peak RSS after 23 MB of JSONL is within a few MB of that after 2.3 MB (a subprocess,
    so the test process's own heap does not count). The rules are off: this measures the
    streaming, not the stages (benchmarks/speed.py measures a real stream)."""
    script = textwrap.dedent(r"""
        import io, json, resource, sys
        from cleanup import Options
        from cleanup.jsonl import clean_jsonl
        from cleanup.rulesets import load_rules
        line = (json.dumps({"text": ("Openai said the the model was ready. " * 50 + "\n") * 2}) + "\n").encode()
        n = int(sys.argv[1])
        class Src:
            def __iter__(self):
                for _ in range(n):
                    yield line
        class Sink:
            def write(self, b): pass
        import cleanup.pipeline
        cleanup.pipeline.protected_spans = lambda *a, **k: []  # the slowest no-op step; not measured here
        off = tuple(s.id for s in load_rules().sets)
        opts = Options(grammar=False, boilerplate=False, encoding=False, disable=off)
        clean_jsonl(Src(), Sink(), options=opts, jobs=1)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    small = int(subprocess.run([sys.executable, "-c", script, "600"], capture_output=True, text=True,
                               check=True, env=env).stdout)
    large = int(subprocess.run([sys.executable, "-c", script, "6000"], capture_output=True, text=True,
                               check=True, env=env).stdout)
    assert large - small < 10_000, (small, large)  # KiB; holding the stream would add > 24 MB
