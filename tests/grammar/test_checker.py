"""The grammar stage against a real LanguageTool server."""
from __future__ import annotations

import pytest

from cleanup.grammar import GrammarStage


@pytest.fixture
def stage(lt_url: str):
    with GrammarStage(url=lt_url) as s:
        yield s


def spans(text: str, findings) -> dict[str, str]:
    return {f.rule: text[f.start : f.end] for f in findings}


def test_subject_verb_agreement_is_reported(stage):
    text = "He go to school yesterday."
    found = stage.find(text)
    go = [f for f in found if text[f.start : f.end] == "go"]
    assert go, found
    assert go[0].rule.startswith("grammar.") and go[0].category.startswith("grammar/")
    assert go[0].replacement is None  # several suggestions: report only
    assert not go[0].applied
    assert stage.note.status == "ran"


def test_a_vs_an_is_an_automatic_edit(stage):
    text = "This is an test."
    (f,) = [f for f in stage.find(text) if f.rule == "grammar.EN_A_VS_AN"]
    assert (f.start, f.end, text[f.start : f.end]) == (8, 10, "an")
    assert f.replacement == "a"
    assert f.category == "grammar/misc"
    assert f.confidence == pytest.approx(0.9)


@pytest.mark.parametrize(
    "prefix",
    ["😀😀 ", "日本語の文章。 ", "Cafe\u0301 and cafe\u0301. ", "𝒳𝒴𝒵 ", "👩\u200d👩\u200d👧 family. ", "🇫🇷 é\u0301\u0302 "],
)
def test_offsets_survive_astral_cjk_and_combining_characters(stage, prefix):
    text = prefix + "This is an test. I saw the the cat 🎉 today. He go to school yesterday."
    found = spans(text, stage.find(text))
    assert found["grammar.EN_A_VS_AN"] == "an"
    assert found["grammar.ENGLISH_WORD_REPEAT_RULE"] == "the the"
    assert any(v == "go" for v in found.values()), found


def test_offsets_after_many_astral_characters(stage):
    text = "🍕" * 50 + " This is an test. " + "🎉" * 30 + " I saw the the cat."
    found = spans(text, stage.find(text))
    assert found["grammar.EN_A_VS_AN"] == "an"
    assert found["grammar.ENGLISH_WORD_REPEAT_RULE"] == "the the"


def test_protected_spans_get_no_matches(stage):
    front = "---\ntitle: an test  page\n---\n\n"
    url = "https://example.com/an test,,x"
    code = "`an  apple the the`"
    text = f"{front}See {url} for details. Run {code} now. This is an test."
    protected = [(0, len(front)), (text.index(url), text.index(url) + len(url)),
                 (text.index(code), text.index(code) + len(code))]
    found = stage.find(text, protected)
    for f in found:
        for s, e in protected:
            assert f.end <= s or f.start >= e, (f, text[f.start : f.end])
    # Prose after the markup is still checked, with exact offsets.
    (an,) = [f for f in found if f.rule == "grammar.EN_A_VS_AN"]
    assert an.start == text.rindex("an test") and text[an.start : an.end] == "an"
    # Without protection the same text does get matches inside those spans.
    unprotected = stage.find(text)
    assert any(f.start < len(front) or f.start >= text.index(url) and f.end <= text.index(url) + len(url)
               for f in unprotected)


def test_vocabulary_words_are_not_flagged_as_misspelled(lt_url):
    text = "We compared DeepSeekk and OpenAIx models, and teh results were close."
    with GrammarStage(url=lt_url) as plain:
        flagged = {text[f.start : f.end] for f in plain.find(text) if "MORFOLOGIK" in f.rule}
    assert {"DeepSeekk", "OpenAIx", "teh"} <= flagged  # LanguageTool does flag them by default
    with GrammarStage(url=lt_url, vocabulary=frozenset({"DeepSeekk", "OpenAIx"})) as ours:
        flagged = {text[f.start : f.end] for f in ours.find(text) if "MORFOLOGIK" in f.rule}
    assert flagged == {"teh"}
    with GrammarStage(url=lt_url, vocabulary=frozenset({"deepseekk"})) as wrong_case:
        flagged = {text[f.start : f.end] for f in wrong_case.find(text) if "MORFOLOGIK" in f.rule}
    assert "DeepSeekk" in flagged  # case-sensitive


def test_spelling_is_report_only(stage):
    text = "The results were teh best."
    (f,) = [f for f in stage.find(text) if "MORFOLOGIK" in f.rule]
    assert f.replacement is None and f.confidence == pytest.approx(0.5)
    assert f.category == "grammar/typos"


def test_empty_and_blank_text(stage):
    assert stage.find("") == []
    assert stage.find("   \n\n ") == []
