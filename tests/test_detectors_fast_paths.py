"""The detectors' fast paths find exactly what their plain definitions find.

Several detectors skip work with a first pass (whole-text searches, candidate positions, a
trie of words); each test here states the plain definition the fast path must agree with and
checks it on generated text full of the cases that matter (repeats, capitals, marks, odd
Unicode letters, line breaks).
"""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleanup
from cleanup.detectors import text as t
from cleanup.detectors.balance import Unbalanced
from cleanup.detectors.repetition import RepeatedInClause, RepeatedWord
from cleanup.detectors.sentence_case import _AFTER_END, _I_BEFORE_WORD, _I_CONTRACTION, _Spots
from cleanup.detectors.titlecase import capitalised_runs
from cleanup.detectors.wordtrie import trie_pattern
from cleanup.model import Rule

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = ["the", "The", "the", "food", "Food", "FOOD", "a", "in Paris", "Paris", "New", "York", "i", "i'm",
          "reportedly", "Reportedly", "said to", "İstanbul", "ǅemal", "e\u0301te", "x", "2016", "Covid-19",
          "Ⓐ", "(", ")", "[", "]", "“", "”", '"', "«", "»", ".", ",", "!", "?", "'", "’", "-", "--", "—",
          " ", " ", " ", "  ", "\n", "\t", "3rd", "U.S.", "Startup", "Backed", "Alibaba"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map(lambda ps: "".join(
    p if i == 0 or p in " \n\t" or ps[i - 1] in " \n\t" else " " + p for i, p in enumerate(ps)))


def _rule(message: str = "'{found}'", **data) -> Rule:
    return Rule(id="test.rule", kind="detector", message=message, category="test", confidence=1.0, data=data)


@SETTINGS
@given(texts)
def test_repeated_word_candidates_miss_no_match(text):
    for n in (1, 2, 4):
        rule = RepeatedWord(_rule(detector="repeated_word", max_words=n))
        fast = [m.span() for m in rule._matches(text)]
        assert fast == [m.span() for m in rule.pattern.finditer(text)]


@SETTINGS
@given(texts)
def test_capitalised_runs_are_those_of_the_words(text):
    """Plain definition: t.WORD's words; a run goes on while the next word is capitalised and
    one space after the last."""
    for line in t.LINE.finditer(text):
        expected, prev = [], None
        for m in t.WORD.finditer(text, line.start(), line.end()):
            if not m.group()[:1].isupper():
                prev = None
                continue
            if prev is not None and text[prev.end():m.start()] == " ":
                expected[-1].append(m.span())
            else:
                expected.append([m.span()])
            prev = m
        assert capitalised_runs(text, line.start(), line.end()) == expected


@SETTINGS
@given(texts)
def test_sentence_case_spots_are_the_lines_matches(text):
    spots = _Spots(text)
    for line in t.LINE.finditer(text):
        for pattern, found in ((_AFTER_END, spots.after_end), (_I_CONTRACTION, spots.i_contraction),
                               (_I_BEFORE_WORD, spots.i_before_word)):
            assert ([m.span() for m in spots.within(found, line.start(), line.end())]
                    == [m.span() for m in pattern.finditer(text, line.start(), line.end())])


def test_sentence_case_lines_with_and_without_spots():
    """Lines the first pass skips (a capital first, nothing else to look at) and lines it keeps."""
    cleaner = cleanup.Cleaner(grammar=False)
    text = ("Intro line here.\nthe talks went on, and the company said so.\nAll Fine Here.\nTalks went on. The "
            "company said so.\nAid arrived. talks were held in paris and london on monday.\n")
    fixed = cleaner.clean(text).text
    assert fixed == ("Intro line here.\nThe talks went on, and the company said so.\nAll Fine Here.\nTalks went on. The "
                     "company said so.\nAid arrived. Talks were held in Paris and London on Monday.\n")


@SETTINGS
@given(texts)
def test_unbalanced_judges_each_line_alone(text):
    rule = Unbalanced(_rule(detector="unbalanced", message="{found} {side}"))
    expected = [(f.start + line.start(), f.message) for line in t.LINE.finditer(text)
                for f in rule.find(line.group())]
    assert [(f.start, f.message) for f in rule.find(text)] == expected


@SETTINGS
@given(texts)
def test_repeated_in_clause_whole_text_pass_is_clause_by_clause(text):
    rule = RepeatedInClause(_rule(detector="repeated_in_clause", words=["reportedly", "said to"], window=12))
    fast = [(f.start, f.end) for f in rule.find(text)]
    rule.marks_in_words = True  # the clause-by-clause path
    assert fast == [(f.start, f.end) for f in rule.find(text)]


words = st.lists(st.text(alphabet="abet ", min_size=1, max_size=4), min_size=1, max_size=8)


@SETTINGS
@given(words, st.text(alphabet="abet .", max_size=30))
def test_trie_matches_like_the_alternation_longest_first(ws, text):
    keys = sorted({w.encode() for w in ws}, key=len, reverse=True)
    plain = re.compile(b"(?:" + b"|".join(re.escape(k) for k in keys) + b")")
    trie = re.compile(b"(?:" + trie_pattern(keys) + b")")
    data = text.encode()
    assert [m.span() for m in trie.finditer(data)] == [m.span() for m in plain.finditer(data)]


def test_trie_rejects_an_empty_word():
    try:
        trie_pattern([b"a", b""])
    except ValueError:
        return
    raise AssertionError("an empty word was accepted")


def test_other_script_rule_still_finds_runs():
    cleaner = cleanup.Cleaner(grammar=False)
    text = ("The company said that the new model 非常强大 would be released, and Москва said "
            "the same thing again in the spring of next year.")
    found = [text[f.start:f.end] for f in cleaner.clean(text).findings if f.rule == "mt-punctuation.other-script"]
    assert found == ["非常强大", "Москва"]
