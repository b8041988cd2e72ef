"""The pipeline: stages in order, edits chosen without overlaps, spans traced to the original."""
from __future__ import annotations

import pytest

import cleanup
from cleanup.edits import ChangeLog, OffsetMap, apply_edits, choose_edits, trace_back
from cleanup.model import Change, Finding


def edit(start, end, repl, conf=1.0, rule="r"):
    return Finding(start, end, rule, "c", "m", repl, conf)


def test_overlapping_edits_keep_the_stronger_and_report_the_other():
    chosen, reported = choose_edits([edit(0, 5, "x", 0.9, "a"), edit(3, 8, "y", 1.0, "b"), edit(9, 10, "z")], 0.8)
    assert [f.rule for f in chosen] == ["b", "r"] and all(f.applied for f in chosen)
    assert [f.rule for f in reported] == ["a"] and not reported[0].applied


def test_below_threshold_is_reported_not_applied():
    chosen, reported = choose_edits([edit(0, 1, "x", 0.5)], 0.8)
    assert chosen == [] and reported[0].replacement == "x"


@pytest.mark.parametrize("text, edits", [
    ("abcdefghij", [edit(1, 3, "XYZW"), edit(5, 6, ""), edit(8, 8, "++")]),
    ("0123456789", [edit(0, 10, "")]),
    ("hello world", [edit(6, 11, "there")]),
])
def test_offset_map_traces_untouched_text_back(text, edits):
    out = apply_edits(text, edits)
    m = OffsetMap(edits)
    # Every character of the output that no edit produced maps back to the same character.
    produced = set()
    for i, ch in enumerate(out):
        start, end = m.span_to_input(i, i + 1)
        if end - start == 1 and text[start] == ch:
            continue
        produced.add(i)
    inserted = sum(len(e.replacement) for e in edits)
    assert len(produced) <= inserted


def test_findings_point_into_the_original_after_earlier_stages_changed_the_text():
    text = "Intro line.\n\nSupport Us  |  Donate  |  Newsletter\n\nThe CEO of Openai met Deepseek staff.\n"
    r = cleanup.clean(text, grammar=False)
    assert "Support Us" not in r.text
    found = {f.rule: r.original[f.start:f.end] for f in r.findings}
    assert found["boilerplate.link-row"].strip() == "Support Us  |  Donate  |  Newsletter"
    names = sorted(r.original[f.start:f.end] for f in r.findings if f.rule == "casing.brands")
    assert names == ["Deepseek", "Openai"]


def test_encoding_then_casing_spans_are_exact():
    text = "Itâ€™s Openai’s day.\n"
    r = cleanup.clean(text, grammar=False)
    assert r.text == "It’s OpenAI’s day.\n"
    by_rule = {f.rule: r.original[f.start:f.end] for f in r.findings}
    assert by_rule["encoding.ftfy"] == "â€™"
    assert by_rule["casing.brands"] == "Openai"


def test_every_edit_has_a_rule_id_and_message_and_second_run_is_empty(rules_only):
    text = "Openai  and Deepseek said , again.\n\nHome | News | Sport | Weather\n"
    first = rules_only.clean(text)
    assert first.changed
    assert all(f.rule and f.message for f in first.findings)
    assert not rules_only.clean(first.text).changed


def test_urls_and_emails_are_never_rewritten(rules_only):
    text = "Write to press@openai.com or see https://deepseek.com/Openai page and www.youtube.com/watch?v=1"
    assert rules_only.clean(text).text == text


def test_result_diff_and_json(rules_only):
    r = rules_only.clean("Openai said")
    assert "-Openai said" in r.diff() and "+OpenAI said" in r.diff()
    import json

    data = json.loads(r.to_json())
    assert data["changed"] and data["findings"][0]["rule"] == "casing.brands"
    assert data["findings"][0]["line"] == 1 and data["findings"][0]["column"] == 1


def test_empty_and_whitespace_input(rules_only):
    for text in ["", "\n", "   ", "\r\n\r\n"]:
        r = rules_only.clean(text)
        assert r.text == text and r.findings == ()


def test_crlf_line_endings_are_kept(rules_only):
    text = "Openai said.\r\n\r\nHome | News | Sport | Weather\r\n\r\nMore text.\r\n"
    assert rules_only.clean(text).text == "OpenAI said.\r\n\r\nMore text.\r\n"


def test_touching_rewrites_are_one_change_naming_their_rules():
    text = "Menu\nShare\nThe article.\n"
    log = ChangeLog(text)
    log.apply([Finding(0, 5, "bp.menu", "boilerplate", "m", ""), Finding(5, 11, "bp.share", "boilerplate", "m", "")])
    assert log.changes() == [Change(0, 11, "", ("bp.menu", "bp.share"))]
    log2 = ChangeLog(text)
    log2.apply([Finding(0, 5, "bp.menu", "boilerplate", "m", ""), Finding(6, 11, "bp.share", "boilerplate", "m", "")])
    assert len(log2.changes()) == 2  # a kept character between them: two regions
