"""GrammarStage.find_many (several texts at once) and the spelling-suggestion shortcut,
against a real LanguageTool server."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from cleanup.grammar import GrammarStage
from cleanup.grammar.client import parse_matches
from cleanup.grammar.policy import default_policy_path
from cleanup.grammar.server import pid_alive

TEXTS = [
    "This is an test. He go to school yesterday.",
    "I saw the the cat 🎉 today. Teh results were close.",
    "Nothing wrong here at all.",
    "",
    "See https://example.com/an test for details. This is an test.",
    "𝒳𝒴𝒵 This is an apple and a orange.",
]


def _protected(text: str) -> list[tuple[int, int]]:
    i = text.find("https://")
    return [(i, text.index(" for", i))] if i >= 0 else []


@pytest.fixture
def stage(lt_url: str):
    with GrammarStage(url=lt_url) as s:
        yield s


@pytest.mark.parametrize("workers", [1, 2, 4])
def test_find_many_gives_the_same_findings_as_find(stage, workers):
    items = [(t, _protected(t)) for t in TEXTS]
    one_by_one = [stage.find(t, p) for t, p in items]
    assert any(one_by_one)  # the texts do have findings
    assert stage.find_many(items, workers=workers) == one_by_one


def test_find_many_checks_a_repeated_text_once(lt_url):
    doc = "This is an test. He go to school yesterday."
    with GrammarStage(url=lt_url) as stage:
        found = stage.find_many([(doc, []), ("Another text.", []), (doc, []), (doc, [])], workers=2)
        assert found[0] == found[2] == found[3] and found[0]
        assert found[2] is not found[0]  # each caller gets its own list
        assert "2 texts checked" in stage.note.detail


def test_find_many_of_nothing(stage):
    assert stage.find_many([]) == []


def test_spelling_matches_are_reported_without_a_placeholder_replacement(stage):
    text = "This is a tset of the speling."
    spelling = [f for f in stage.find(text) if f.rule.startswith("grammar.MORFOLOGIK")]
    assert {text[f.start : f.end] for f in spelling} == {"tset", "speling"}
    assert all(f.replacement is None and not f.applied for f in spelling)


def test_spelling_is_never_automatic_even_when_the_policy_lists_it(lt_url, tmp_path: Path):
    policy = tmp_path / "grammar.toml"
    policy.write_text(default_policy_path().read_text(encoding="utf-8").replace(
        'categories = []', 'categories = ["TYPOS"]').replace(
        '"CURRENCY_SPACE",', '"CURRENCY_SPACE", "MORFOLOGIK_RULE_EN_US",'), encoding="utf-8")
    text = "This is an test of the speling."
    with GrammarStage(url=lt_url, policy_path=policy) as stage:
        found = stage.find(text)
    (typo,) = [f for f in found if text[f.start : f.end] == "speling"]
    assert typo.replacement is None and typo.confidence < 0.8
    assert any(f.rule == "grammar.EN_A_VS_AN" and f.replacement == "a" for f in found)


def test_the_suggestion_placeholder_is_not_a_replacement():
    answer = {"matches": [
        {"offset": 10, "length": 4, "message": "Possible spelling mistake found.",
         "rule": {"id": "MORFOLOGIK_RULE_EN_US", "category": {"id": "TYPOS"}},
         "replacements": [{"value": "(suggestion limit reached)"}]},
        {"offset": 0, "length": 2, "message": "Use a.",
         "rule": {"id": "EN_A_VS_AN", "category": {"id": "MISC"}},
         "replacements": [{"value": "a"}, {"value": "(suggestion limit reached) "}]},
    ]}
    typo, an = parse_matches(answer, "an thing, tset.")
    assert typo.replacements == ()
    assert an.replacements == ("a", "(suggestion limit reached) ")  # only the exact placeholder


def test_find_many_after_the_server_died_restarts_it_once(isolated_cache):
    # No URL, no warm server: it starts its own. A generous timeout: a cold server's first
    # checks on a loaded machine can take tens of seconds, and a timeout stops asking it.
    stage = GrammarStage(timeout=180)
    try:
        assert stage.find("Warm up.") == []
        first = stage._server.pid
        os.killpg(first, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while pid_alive(first) and time.monotonic() < deadline:
            time.sleep(0.05)
        docs = [(f"This is an test number {i}.", []) for i in range(6)]
        found = stage.find_many(docs, workers=3)
        assert all(any(f.rule == "grammar.EN_A_VS_AN" for f in fs) for fs in found), found
        assert stage.note.status == "ran" and "restarted once" in stage.note.detail
        assert stage._server.pid != first
    finally:
        stage.close()
