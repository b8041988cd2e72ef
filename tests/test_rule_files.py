"""The rule files are data: validate them (codespell-style)."""
from __future__ import annotations

from pathlib import Path

from cleanup.rulesets import builtin_rules_dir, load_rules, rule_files


def test_builtin_rule_files_load_without_problems():
    loaded = load_rules()
    assert loaded.problems == []
    assert len(loaded.sets) >= 3


def test_rule_ids_unique_and_every_rule_has_an_example():
    loaded = load_rules()
    ids = [r.id for s in loaded.sets for r in s.rules]
    assert len(ids) == len(set(ids))
    lacking = [r.id for s in loaded.sets for r in s.rules if not (r.examples or r.flagged)]
    assert lacking == [], "each rule needs an example of what it changes or flags"
    no_negative = [r.id for s in loaded.sets for r in s.rules if not r.unchanged]
    assert no_negative == [], "each rule needs text it must leave alone"


def test_every_rule_file_is_read():
    loaded = load_rules()
    read = {s.path.name for s in loaded.sets}
    on_disk = {p.name for p in rule_files([builtin_rules_dir()]) if p.name != "grammar.toml"}
    assert read == on_disk


def test_bad_rule_files_are_reported_with_file_and_reason(tmp_path: Path):
    (tmp_path / "broken.toml").write_text("[set\nid = 1\n")
    (tmp_path / "bad.toml").write_text(
        '[set]\nid = "mine"\nstage = "mt"\n'
        '[[rule]]\nid = "mine.a"\nkind = "pattern"\nmessage = "m"\npattern = "(unclosed"\n'
        '[[rule]]\nid = "other.b"\nkind = "pattern"\nmessage = "m"\npattern = "x"\n'
        '[[rule]]\nid = "mine.c"\nkind = "nosuchkind"\nmessage = "m"\n'
        '[[rule]]\nid = "mine.d"\nkind = "pattern"\nmessage = "m"\npattern = "(a)"\nreplacement = "\\\\2"\n'
    )
    loaded = load_rules([tmp_path], builtin=False)
    text = "\n".join(loaded.problems)
    assert "broken.toml" in text and "line" in text
    assert "mine.a" in text and "does not compile" in text
    assert "other.b" in text and "must start with 'mine.'" in text
    assert "unknown kind" in text
    assert "group 2" in text
    assert [s.id for s in loaded.sets] == ["mine"] and loaded.sets[0].rules == ()


def test_user_rule_folder_adds_rules(tmp_path: Path):
    (tmp_path / "house.toml").write_text(
        '[set]\nid = "house"\nstage = "mt"\n'
        '[[rule]]\nid = "house.colour"\nkind = "substitute"\nmessage = "House style: {replacement}."\n'
        'replacements = { colour = "color" }\n'
    )
    from cleanup import Cleaner

    with Cleaner(grammar=False, rule_paths=(tmp_path,)) as c:
        assert c.clean("The Colour of money.").text == "The Color of money."
