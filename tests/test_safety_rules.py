"""Hostile and broken rule files (issue 7).

- A user rule with catastrophic backtracking, in any field that takes a regex, cannot hang
  a run: the run ends (a generous subprocess timeout, not a timing assert), exits as usual,
  names the rule that was skipped (stderr, JSON report, Result.notes), and the other rules
  still clean the text.
- A malformed file names file, line and reason; a bad rule names file, rule id and reason;
  `cleanup check --rules bad.toml x.txt` exits 2 with that one line, no traceback.
- Rule files are data: text in them is never executed, only inserted literally.
- The regex time budget grows with the text (kinds/common.py: timeout_for), so built-in
  rules do not time out on long articles.

Hostile runs happen in child processes: a hang must fail the test, not freeze the suite.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleanup
from cleanup.cli import main
from cleanup.kinds import common
from cleanup.pipeline import RuleStage

REPO = Path(__file__).resolve().parent.parent
# Generous: a hostile rule costs its regex budget (0.5 s on an article) a few times over;
# a hang is minutes to centuries (the pattern below backtracks in Fibonacci time).
RUN_TIMEOUT = 20

# Exponential backtracking on any run of 40+ lowercase letters/spaces not followed by a
# digit: every article sentence. No literal the regex engine could pre-check for.
HOSTILE = r"(?:[a-z ]|[a-z ]{2})+[0-9]"

ARTICLE = (
    "Openai said that the people of the whole country think that the big market would grow "
    "again this year while chips stayed scarce.\n"
    "\n"
    "Share this\n"
    "the whole market said that its new model would grow again this year while chips stayed scarce\n"
    "\n"
    "Deepseek said that the people of the whole country think the market would grow again.\n"
)


def rule_file(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return path


def toml_str(s: str) -> str:
    return "'" + s + "'"  # a TOML literal string: backslashes kept as they are


def env() -> dict[str, str]:
    e = {**os.environ, "PYTHONPATH": str(REPO)}
    e.pop("CLEANUP_LANGUAGETOOL_URL", None)
    return e


def cli(*args, cwd: Path, timeout: float = RUN_TIMEOUT) -> subprocess.CompletedProcess:
    """The real command, in a child process; a hang fails the test after `timeout`."""
    try:
        return subprocess.run([sys.executable, "-m", "cleanup", *map(str, args)], cwd=cwd, env=env(),
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`cleanup {' '.join(map(str, args))}` did not finish within {timeout}s (a hostile rule hung it)")


_LIBRARY = """
import json, sys
import cleanup
with cleanup.Cleaner(grammar=False, rule_paths=(sys.argv[1],)) as c:
    texts = json.loads(sys.stdin.read())
    out = [c.clean(t) for t in texts]
print(json.dumps({"problems": c.problems, "texts": [r.text for r in out],
                  "notes": [[vars(n) for n in r.notes] for r in out]}))
"""


def library(rules: Path, texts: list[str], cwd: Path) -> dict:
    """cleanup.Cleaner(rule_paths=...) in a child process (same reason as cli())."""
    try:
        proc = subprocess.run([sys.executable, "-c", _LIBRARY, str(rules)], input=json.dumps(texts), cwd=cwd,
                              env=env(), capture_output=True, text=True, timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"Cleaner.clean did not finish within {RUN_TIMEOUT}s (a hostile rule hung it)")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def expected_without(text: str) -> str:
    """What our own rules make of the text: the hostile rule contributes nothing."""
    return cleanup.clean(text, grammar=False).text


# --- hostile rules --------------------------------------------------------------------

# (case id, stage, rule fields): every text kind, every field that takes a regex.
HOSTILE_RULES = {
    "pattern": ("mt", {"kind": "pattern", "pattern": HOSTILE, "replacement": "X"}),
    "pattern-report-only": ("mt", {"kind": "pattern", "pattern": HOSTILE}),
    "pattern-document": ("mt", {"kind": "pattern", "pattern": "market", "replacement": "marketplace",
                                "document": HOSTILE}),
    "substitute-after": ("mt", {"kind": "substitute", "replacements": {"market": "marketplace"},
                                "after": HOSTILE}),
    "substitute-before": ("mt", {"kind": "substitute", "replacements": {"market": "marketplace"},
                                 "before": HOSTILE}),
    "substitute-document": ("mt", {"kind": "substitute", "replacements": {"market": "marketplace"},
                                   "document": HOSTILE}),
    "normalize-stage": ("normalize", {"kind": "pattern", "pattern": HOSTILE, "replacement": "X"}),
}


def _toml_value(v) -> str:
    if isinstance(v, str):
        return toml_str(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + " }"
    return str(v)


def hostile_file(folder: Path, case: str) -> tuple[Path, str]:
    stage, fields = HOSTILE_RULES[case]
    rid = f"evil.{case}"
    body = f'[set]\nid = "evil"\nstage = "{stage}"\n\n[[rule]]\nid = "{rid}"\nmessage = "Evil: {{found}}."\n'
    body += "".join(f"{k} = {_toml_value(v)}\n" for k, v in fields.items())
    return rule_file(folder, "evil.toml", body), rid


@pytest.mark.parametrize("case", sorted(HOSTILE_RULES))
def test_a_hostile_text_rule_cannot_hang_the_command(tmp_path: Path, case: str):
    rules, rid = hostile_file(tmp_path / "rules", case)
    docs = tmp_path / "docs"
    docs.mkdir()
    names = ("a.txt", "b.txt") if case == "pattern" else ("a.txt",)  # two: the note is said once
    for name in names:
        (docs / name).write_text(ARTICLE)
    proc = cli("fix", "--no-grammar", "--format", "json", "--rules", rules, docs, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    named = [line for line in proc.stderr.splitlines() if rid in line]
    assert len(named) == 1 and "timed out" in named[0], proc.stderr  # said once for the batch
    stages = json.loads(proc.stdout)["stages"]
    assert any(s["status"] == "failed" and rid in s["detail"] for s in stages), stages
    # The hostile rule is skipped; every other rule still did its work.
    for name in names:
        assert (docs / name).read_text() == expected_without(ARTICLE)


@pytest.mark.parametrize("case", ["pattern", "substitute-after"])
def test_a_hostile_text_rule_cannot_hang_the_library(tmp_path: Path, case: str):
    rules, rid = hostile_file(tmp_path / "rules", case)
    texts = [ARTICLE, "Short and sweet.", ARTICLE.replace("Openai", "Chatgpt")]
    out = library(rules, texts, tmp_path)
    assert out["problems"] == []
    assert out["texts"] == [expected_without(t) for t in texts]
    for notes in (out["notes"][0], out["notes"][2]):  # each text says which rule it lost
        assert [n["detail"] for n in notes if rid in n["detail"]] == [f"rule {rid} timed out and was skipped"]
        assert all(n["status"] == "failed" for n in notes if rid in n["detail"])


# Block rules are judged line by line in the boilerplate stage: a hostile block rule must
# cost its time budget once per text, not once per line (an article has hundreds).
BLOCK_RULES = """
[set]
id = "evil"
stage = "boilerplate"

[[rule]]
id = "evil.block-pattern"
kind = "block"
message = "Evil line."
pattern = '\\w+ {hostile}'

[[rule]]
id = "evil.block-requires"
kind = "block"
message = "Evil line."
requires = '{hostile}'
pattern = '.*'

[[rule]]
id = "evil.block-next"
kind = "block"
message = "Evil line."
pattern = 'evil marker'
next_pattern = '{hostile}'

[[rule]]
id = "evil.block-run"
kind = "block"
message = "Evil line."
pattern = 'evil marker'
run_pattern = '\\w+ {hostile}'
"""
BLOCK_IDS = ["evil.block-pattern", "evil.block-requires", "evil.block-next", "evil.block-run"]
# 40 paragraphs: a marker line only the evil rules know, then a line they choke on (no
# digit anywhere: the hostile pattern must fail, slowly, everywhere).
_KINDS = ["small", "large", "cheap", "costly", "open", "closed", "older", "newer"]
BLOCK_TEXT = "Openai said so.\n\n" + "".join(
    f"Evil marker\nthe whole market said that its {_KINDS[i % 8]} model for {_KINDS[i // 8]} buyers would grow "
    f"again this year while chips stayed scarce\n\n" for i in range(40))


def test_hostile_block_rules_cannot_hang_the_boilerplate_stage(tmp_path: Path):
    rules = rule_file(tmp_path / "rules", "evil.toml", BLOCK_RULES.replace("{hostile}", HOSTILE))
    doc = tmp_path / "a.txt"
    doc.write_text(BLOCK_TEXT)
    proc = cli("fix", "--no-grammar", "--format", "json", "--rules", rules, doc, cwd=tmp_path)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    stages = json.loads(proc.stdout)["stages"]
    assert any("evil.block-" in s["detail"] and s["status"] == "failed" for s in stages), stages
    assert not any("stage skipped" in s["detail"] for s in stages), stages  # the stage itself ran
    # Only the hostile rules are lost: everything else was cleaned as usual.
    assert doc.read_text() == expected_without(BLOCK_TEXT)


def test_every_hostile_block_rule_is_named(tmp_path: Path):
    rules = rule_file(tmp_path / "rules", "evil.toml", BLOCK_RULES.replace("{hostile}", HOSTILE))
    text = BLOCK_TEXT[:BLOCK_TEXT.index("Evil marker", 200)]  # a few paragraphs are enough here
    out = library(rules, [text], tmp_path)
    details = [n["detail"] for n in out["notes"][0]]
    for rid in BLOCK_IDS:
        assert f"rule {rid} timed out and was skipped" in details, (rid, details)
    doc = tmp_path / "a.txt"
    doc.write_text(text)
    proc = cli("check", "--no-grammar", "--rules", rules, doc, cwd=tmp_path)
    for rid in BLOCK_IDS:
        assert sum(rid in line for line in proc.stderr.splitlines()) == 1, (rid, proc.stderr)


def test_casing_rules_take_no_regex(tmp_path: Path):
    """Casing words are literal names: regex syntax in them is matched as text, fast."""
    rules = rule_file(tmp_path / "rules", "names.toml", f"""
        [set]
        id = "names"
        stage = "mt"

        [[rule]]
        id = "names.evil"
        kind = "casing"
        message = "Write {{canonical}}."
        words = [{toml_str(HOSTILE)}, "Evil.*Corp", "(a+)+Inc"]
        """)
    text = ARTICLE + "Made by evil.*corp and (A+)+inc, not by evilXcorp.\n"
    out = library(rules, [text], tmp_path)
    assert out["problems"] == []
    assert "Made by Evil.*Corp and (a+)+Inc, not by evilXcorp." in out["texts"][0]
    assert not any("names.evil" in n["detail"] for n in out["notes"][0])


# --- broken rule files ----------------------------------------------------------------

GOOD_TEXT = "Openai said.\n"


def check_cmd(*args):
    return CliRunner().invoke(main, ["check", "--no-grammar", *map(str, args)])


def test_malformed_toml_names_file_line_and_reason(tmp_path: Path):
    bad = rule_file(tmp_path, "bad.toml", """
        [set]
        id = "house"
        stage = "mt"

        [[rule]]
        id = "house.x"
        kind = "pattern
        message = "m"
        """)
    doc = tmp_path / "x.txt"
    doc.write_text(GOOD_TEXT)
    proc = cli("check", "--no-grammar", "--rules", bad, doc, cwd=tmp_path)  # the real exit code
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    errors = [l for l in proc.stderr.splitlines() if l.startswith("error:")]
    assert len(errors) == 1, proc.stderr
    assert str(bad) in errors[0] and "line 7" in errors[0] and "Illegal character" in errors[0], errors
    assert doc.read_text() == GOOD_TEXT
    problems = cleanup.Cleaner(grammar=False, rule_paths=(bad,)).problems
    assert len(problems) == 1 and str(bad) in problems[0] and "line 7" in problems[0]


# (case, rule fields or a whole file body, words the one error line must contain)
BAD_RULES = {
    "unknown-kind": ('kind = "regexp"\npattern = "a"', ["unknown kind 'regexp'"]),
    "no-compile": ("kind = \"pattern\"\npattern = '(a'", ["'pattern' does not compile"]),
    "bad-after": ("kind = \"substitute\"\nreplacements = { a = \"b\" }\nafter = '[z-a]'",
                  ["'after' does not compile"]),
    "bad-group": ('kind = "pattern"\npattern = "(a)"\nreplacement = "\\\\2"', ["refers to group 2"]),
    "no-table": ('kind = "substitute"\nreplacements = "colour"', ["'replacements' must be a table"]),
    "empty-casing": ('kind = "casing"\nwords = []', ["'words' (a list) or 'aliases' (a table) is required"]),
    "block-combo": ('kind = "block"\npattern = "a"\nalso_next = true\nrun_pattern = "b"',
                    ["'also_next' and 'run_pattern' cannot be combined"]),
    "unknown-detector": ('kind = "detector"\ndetector = "telepathy"', ["unknown detector 'telepathy'"]),
}
# Wrong types in fields the loader converts without checking: today a traceback (exit 1,
# which reads as "check found changes") instead of a one-line error and exit 2.
BAD_TYPES = {
    "confidence-type": ('kind = "pattern"\npattern = "a"\nconfidence = "high"', ["confidence"]),
    "unchanged-type": ('kind = "pattern"\npattern = "a"\nunchanged = 5', ["unchanged"]),
    "max-words-type": ('kind = "block"\npattern = "a"\nmax_words = "many"', ["max_words"]),
    "gate-type": ('kind = "pattern"\npattern = "a"\nneeds_mt_evidence = "lots"', ["needs_mt_evidence"]),
    "message-field": ('kind = "pattern"\npattern = "Openai"\nreplacement = "OpenAI"\nmessage = "Found {nope}."',
                      ["message", "nope"]),
}


def bad_rule_file(folder: Path, case: str, fields: str) -> Path:
    rid = f"house.{case}"
    has_message = "message =" in fields
    return rule_file(folder, f"{case}.toml", f'[set]\nid = "house"\nstage = "mt"\n\n[[rule]]\nid = "{rid}"\n'
                     + ("" if has_message else 'message = "m"\n') + fields + "\n")


def assert_one_rule_error(res, path: Path, rid: str, words: list[str]):
    assert res.exit_code == 2, (res.exit_code, res.output, res.exception)
    assert "Traceback" not in res.output
    errors = [l for l in res.output.splitlines() if l.startswith("error:")]
    assert len(errors) == 1, res.output
    assert str(path) in errors[0] and f"rule {rid}" in errors[0], errors
    for w in words:
        assert w in errors[0], errors


def _bad_rule_case(tmp_path: Path, case: str, table: dict):
    fields, words = table[case]
    path = bad_rule_file(tmp_path / "rules", case, fields)
    doc = tmp_path / "x.txt"
    doc.write_text(GOOD_TEXT)
    assert_one_rule_error(check_cmd("--rules", path, doc), path, f"house.{case}", words)
    assert doc.read_text() == GOOD_TEXT
    # The library reports the same line and keeps working with the other rules.
    with cleanup.Cleaner(grammar=False, rule_paths=(path,)) as c:
        assert [p for p in c.problems if f"rule house.{case}" in p and str(path) in p], c.problems
        assert c.clean(GOOD_TEXT).text == "OpenAI said.\n"


@pytest.mark.parametrize("case", sorted(BAD_RULES))
def test_a_bad_rule_names_file_rule_and_reason(tmp_path: Path, case: str):
    _bad_rule_case(tmp_path, case, BAD_RULES)


@pytest.mark.parametrize("case", sorted(BAD_TYPES))
def test_a_rule_with_a_wrong_field_type_names_file_rule_and_reason(tmp_path: Path, case: str):
    _bad_rule_case(tmp_path, case, BAD_TYPES)


def test_missing_fields_and_foreign_ids(tmp_path: Path):
    path = rule_file(tmp_path / "rules", "house.toml", """
        [set]
        id = "house"

        [[rule]]
        id = "house.nomessage"
        kind = "pattern"
        pattern = "a"

        [[rule]]
        id = "casing.brands"
        kind = "pattern"
        message = "m"
        pattern = "a"
        """)
    res = check_cmd("--rules", path, tmp_path / "rules")
    assert res.exit_code == 2 and "Traceback" not in res.output
    errors = [l for l in res.output.splitlines() if l.startswith("error:")]
    assert any("rule house.nomessage: missing message" in l and str(path) in l for l in errors), errors
    assert any("rule casing.brands: id must start with 'house.'" in l for l in errors), errors


def test_rule_entries_that_are_not_tables(tmp_path: Path):
    path = rule_file(tmp_path / "rules", "odd.toml", 'rule = [1, "two"]\n\n[set]\nid = "odd"\n')
    res = check_cmd("--rules", path, path)
    assert res.exit_code == 2 and isinstance(res.exception, (SystemExit, type(None))), res.exception
    errors = [l for l in res.output.splitlines() if l.startswith("error:")]
    assert errors and all(str(path) in l for l in errors), res.output


def test_a_rule_folder_with_an_unreadable_file(tmp_path: Path):
    folder = tmp_path / "rules"
    rule_file(folder, "latin.toml", "")
    (folder / "latin.toml").write_bytes(b'[set]\nid = "caf\xe9"\n')
    (folder / "dir.toml").mkdir()
    res = check_cmd("--rules", folder, folder)
    assert res.exit_code == 2 and "Traceback" not in res.output
    errors = [l for l in res.output.splitlines() if l.startswith("error:")]
    assert any("latin.toml" in l and "cannot read rule file" in l for l in errors), errors
    assert any("dir.toml" in l and "cannot read rule file" in l for l in errors), errors


# --- rule files are data --------------------------------------------------------------

def test_rule_files_are_data_only(tmp_path: Path):
    marker = tmp_path / "pwned"
    code = f"__import__('os').system('touch {marker}')"
    path = rule_file(tmp_path / "rules", "code.toml", f"""
        [set]
        id = "code"
        stage = "mt"
        description = "{code}"

        [[rule]]
        id = "code.pattern"
        kind = "pattern"
        message = "{code} {{found}}"
        pattern = "PATTERN"
        replacement = "{code}"

        [[rule]]
        id = "code.substitute"
        kind = "substitute"
        message = "{code}"
        replacements = {{ substituted = "{code}" }}
        ignore_case = false
        case = "keep"

        [[rule]]
        id = "code.casing"
        kind = "casing"
        message = "{code}"
        aliases = {{ cased = "{code}" }}
        """)
    doc = tmp_path / "x.txt"
    doc.write_text("PATTERN and substituted and cased.\n")
    res = CliRunner().invoke(main, ["fix", "--no-grammar", "--rules", str(path), str(doc)])
    assert res.exit_code == 0, res.output
    assert doc.read_text() == f"{code} and {code} and {code}.\n"
    assert not marker.exists()
    listed = CliRunner().invoke(main, ["rules", "--rules", str(path)])
    assert listed.exit_code == 0 and code in listed.output and not marker.exists()


# --- the time budget ------------------------------------------------------------------

def test_the_regex_budget_grows_with_the_text():
    base = common.REGEX_TIMEOUT_SECONDS
    assert common.timeout_for("") == base == common.timeout_for(0)
    assert common.timeout_for("x" * 1000) < base + 0.01  # an article: about the base
    one_mb = common.timeout_for(1_000_000)
    assert one_mb == common.timeout_for("x" * 1_000_000)
    assert one_mb >= base + 2.0  # the slowest built-in rule needs ~1 s per MB
    assert common.timeout_for(8_000_000) > one_mb and common.timeout_for(8_000_000) < 120


def _long_article() -> str:
    words = "the market said that its new model would grow again this year while chips stayed scarce".split()
    paras, i = [], 0
    while sum(map(len, paras)) < 1_000_000:
        i += 1
        body = " ".join(words[(i * 7 + k) % len(words)] for k in range(40 + i % 30))
        paras.append(f"Openai and Deepseek said {body}.")
    return "\n\n".join(paras) + "\n"


def test_built_in_rules_do_not_time_out_on_a_1mb_article():
    """Each built-in text rule once over a 1 MB article (the rule stages alone, one round)."""
    text = _long_article()
    with cleanup.Cleaner(grammar=False, encoding=False, boilerplate=False) as c:
        stages = [s for s in c.stages if isinstance(s, RuleStage)]
        found = [f for s in stages for f in s.find(text)]
        assert [rid for s in stages for rid in s.timed_out] == []
    assert any(f.rule == "casing.brands" for f in found)


def test_every_timed_out_rule_is_named(tmp_path: Path):
    rules = rule_file(tmp_path / "rules", "evil.toml", f"""
        [set]
        id = "evil"
        stage = "mt"

        [[rule]]
        id = "evil.one"
        kind = "pattern"
        message = "m"
        pattern = {toml_str(HOSTILE)}

        [[rule]]
        id = "evil.two"
        kind = "substitute"
        message = "m"
        replacements = {{ market = "marketplace" }}
        after = {toml_str(HOSTILE)}
        """)
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE)
    proc = cli("check", "--no-grammar", "--format", "json", "--rules", rules, doc, cwd=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    details = [s["detail"] for s in json.loads(proc.stdout)["stages"]]
    for rid in ("evil.one", "evil.two"):
        assert sum(rid in line for line in proc.stderr.splitlines()) == 1, proc.stderr
        assert any(rid in d for d in details), details
