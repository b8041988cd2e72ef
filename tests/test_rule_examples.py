"""Every example in every rule file is a test: text that must change, text that
must stay, text a report-only rule must flag. Each runs through the real
pipeline with that rule alone."""
from __future__ import annotations

import functools

import pytest

from cleanup import Cleaner
from cleanup.rulesets import load_rules

LOADED = load_rules()
ALL_RULES = [r for s in LOADED.sets for r in s.rules]
ALL_IDS = tuple(r.id for r in ALL_RULES)


@functools.lru_cache(maxsize=None)
def cleaner_for(rule_id: str) -> Cleaner:
    others = tuple(i for i in ALL_IDS if i != rule_id)
    return Cleaner(grammar=False, encoding=False, enable=(rule_id,), disable=others)


def cases(field: str):
    for rule in ALL_RULES:
        for n, item in enumerate(getattr(rule, field)):
            yield pytest.param(rule.id, item, id=f"{rule.id}[{n}]")


@pytest.mark.parametrize("rule_id, example", list(cases("examples")))
def test_example_changes(rule_id, example):
    result = cleaner_for(rule_id).clean(example.before)
    assert result.text == example.after
    assert {f.rule for f in result.edits} == {rule_id}
    again = cleaner_for(rule_id).clean(result.text)
    assert not again.changed, "a second run must have nothing to do"


@pytest.mark.parametrize("rule_id, text", list(cases("unchanged")))
def test_unchanged_stays(rule_id, text):
    result = cleaner_for(rule_id).clean(text)
    assert result.text == text
    assert [f for f in result.findings if f.rule == rule_id] == []


@pytest.mark.parametrize("rule_id, text", list(cases("flagged")))
def test_flagged_is_reported(rule_id, text):
    result = cleaner_for(rule_id).clean(text)
    assert result.text == text, "a flag-only example must not change the text"
    assert any(f.rule == rule_id and not f.applied for f in result.findings)
