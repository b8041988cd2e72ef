"""UTF-16 -> str offsets, markup annotation and policy, on recorded LanguageTool answers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanup.grammar.client import (
    CheckError, Match, annotation, base_url, normalize_spans, parse_matches, utf16_map,
)
from cleanup.grammar.policy import PolicyError, load_policy

RESPONSES = Path(__file__).with_name("responses")


def recorded(name: str) -> tuple[str, dict]:
    data = json.loads((RESPONSES / f"{name}.json").read_text(encoding="utf-8"))
    return data["text"], data["response"]


def found(name: str) -> list[tuple[str, str]]:
    text, response = recorded(name)
    return [(m.rule_id, text[m.start : m.end]) for m in parse_matches(response, text)]


def test_plain_text_offsets():
    assert found("plain") == [
        ("EN_A_VS_AN", "an"), ("HE_VERB_AGR", "go"),
        ("ENGLISH_WORD_REPEAT_RULE", "the the"), ("DOUBLE_PUNCTUATION", ",,"),
    ]


def test_astral_offsets():
    # LanguageTool counted 😀, 🍕, 🎉 and 𝒳 as two units each.
    assert found("astral") == [("EN_A_VS_AN", "an"), ("HE_VERB_AGR", "go"), ("MORFOLOGIK_RULE_EN_US", "teh")]


def test_cjk_combining_and_zwj_offsets():
    assert found("cjk_combining") == [
        ("MORFOLOGIK_RULE_EN_US", "Cafe\u0301"), ("EN_A_VS_AN", "an"), ("ENGLISH_WORD_REPEAT_RULE", "The the"),
    ]


def test_utf16_map():
    assert utf16_map("abc") is None and utf16_map("") is None and utf16_map("日本é\u0301") is None
    assert utf16_map("a😀b") == [0, 1, 1, 2, 3]


def test_end_inside_a_surrogate_pair_rounds_up():
    text = "a😀b"
    (m,) = parse_matches({"matches": [_raw(1, 1)]}, text)  # half of the emoji
    assert text[m.start : m.end] == "😀"


def test_malformed_and_out_of_range_matches_are_skipped():
    text = "This is an test."
    data = {"matches": [_raw(8, 2), _raw(15, 5), {"offset": "x"}, {"rule": {}}, _raw(-1, 2), "junk"]}
    assert [(m.start, m.end) for m in parse_matches(data, text)] == [(8, 10)]


@pytest.mark.parametrize("data", [None, [], {"matches": None}, {"software": {}}])
def test_answers_without_matches_are_garbage(data):
    with pytest.raises(CheckError) as e:
        parse_matches(data, "text")
    assert e.value.kind == "garbage"


def test_matches_touching_protected_spans_are_dropped():
    text = "See an https://x.y now. This is an test."
    url = (text.index("https"), text.index(" now"))
    data = {"matches": [_raw(4, 2), _raw(3, 19), _raw(text.rindex("an"), 2)]}
    kept = parse_matches(data, text, [url])
    assert [(m.start, m.end) for m in kept] == [(text.rindex("an"), text.rindex("an") + 2)]


def test_normalize_spans():
    assert normalize_spans([(5, 9), (0, 2), (8, 12), (12, 14), (3, 3), (-4, 1), (18, 99)], 20) == [
        (0, 2), (5, 14), (18, 20),
    ]


def test_annotation_round_trips_the_text():
    text = "---\na: b\n---\nSee http://x.y now."
    spans = [(0, 13), (text.index("http"), text.index(" now"))]
    parts = annotation(text, spans)
    assert "".join(p.get("text", p.get("markup")) for p in parts) == text
    assert [p.get("interpretAs") for p in parts if "markup" in p] == ["\n\n", "X"]


def test_base_url():
    for u in ("http://h:1", "http://h:1/", "http://h:1/v2", "http://h:1/v2/"):
        assert base_url(u) == "http://h:1"


def _raw(offset: int, length: int, rule: str = "R", reps: tuple[str, ...] = ()) -> dict:
    return {"offset": offset, "length": length, "message": "m",
            "rule": {"id": rule, "category": {"id": "MISC"}}, "replacements": [{"value": r} for r in reps]}


# --- policy ----------------------------------------------------------------------------

def test_default_policy_auto_vs_report():
    p = load_policy()
    text = "This is an test."
    auto = p.to_finding(Match(8, 10, "EN_A_VS_AN", "MISC", "msg", ("a",)), text)
    assert (auto.rule, auto.category, auto.replacement, auto.confidence) == ("grammar.EN_A_VS_AN", "grammar/misc", "a", 0.9)
    two = p.to_finding(Match(8, 10, "EN_A_VS_AN", "MISC", "msg", ("a", "the")), text)
    assert two.replacement is None and two.confidence == 0.5
    none = p.to_finding(Match(8, 10, "EN_A_VS_AN", "MISC", "msg", ()), text)
    assert none.replacement is None
    style = p.to_finding(Match(0, 4, "SOME_STYLE_RULE", "STYLE", "msg", ("That",)), text)
    assert style.replacement is None and style.category == "grammar/style"
    assert not auto.applied


def test_policy_vocabulary_and_ignore(tmp_path):
    f = tmp_path / "g.toml"
    f.write_text('[auto]\ncategories = ["TYPOGRAPHY"]\nconfidence = 0.8\n'
                 '[spelling]\nrules = ["SPELL"]\n[ignore]\nrules = ["NOISY"]\n[report]\nconfidence = 0.3\n')
    p = load_policy(f)
    text = "OpenAI and Openai"
    assert p.to_finding(Match(0, 6, "SPELL", "TYPOS", "m", ("Open",)), text, frozenset({"OpenAI"})) is None
    kept = p.to_finding(Match(11, 17, "SPELL", "TYPOS", "m", ("OpenAI",)), text, frozenset({"OpenAI"}))
    assert kept is not None and kept.replacement is None and kept.confidence == 0.3
    assert p.to_finding(Match(0, 1, "NOISY", "MISC", "m", ("x",)), text) is None
    typo = p.to_finding(Match(0, 1, "ANY", "TYPOGRAPHY", "m", ("x",)), text)
    assert typo.replacement == "x" and typo.confidence == 0.8


@pytest.mark.parametrize("body, error", [
    ("[auto]\nrules = 'X'\n", "auto.rules"),
    ("[auto]\nconfidence = 2\n", "auto.confidence"),
    ("[autos]\n", "unknown tables"),
    ("auto = 1\n", "must be a table"),
    ("[auto\n", "grammar.toml"),
])
def test_policy_errors(tmp_path, body, error):
    f = tmp_path / "grammar.toml"
    f.write_text(body)
    with pytest.raises(PolicyError, match=error):
        load_policy(f)


def test_missing_policy(tmp_path):
    with pytest.raises(PolicyError, match="not found"):
        load_policy(tmp_path / "nope.toml")
