"""The rules path's shortcuts give what the plain computation gives.

Each shortcut (a first pass that skips lines or positions, a one-pass test, a faster engine for
plain text) is checked against the plain way on generated text full of the cases that matter.
"""
from __future__ import annotations

import random

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup import edits
from cleanup.detectors import repetition
from cleanup.detectors.titlecase import TitleCaseWord
from cleanup.edits import _any_clash, _overlaps, choose_edits
from cleanup.kinds.block import _at_most_words
from cleanup.kinds.casing import CasingMatcher
from cleanup.markup import _WWW
from cleanup.model import Finding, Rule

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rule(kind: str = "detector", **data) -> Rule:
    return Rule(id="test.rule", kind=kind, message="'{found}'", category="test", confidence=0.85, data=data)


def _texts(pieces: list[str]):
    return st.lists(st.sampled_from(pieces), max_size=30).map(lambda ps: "".join(
        p if i == 0 or p in " \n" or ps[i - 1] in " \n" else " " + p for i, p in enumerate(ps)))


TITLE_PIECES = ["Alibaba", "Backed", "backed", "Startup", "startup", "Chatbot", "Cloud", "ChatGPT", "The", "the",
                "of", "said", "Based", "Company", "Market", "Short-Video", "Startup’s", "İstanbul", "Ⓐ", ".",
                ",", "!", "\n", " ", "  ", "-", "Google", "Flights", "New", "York", "a"]


@SETTINGS
@given(_texts(TITLE_PIECES))
def test_title_case_line_first_pass_drops_no_finding(text):
    """Plain: every line with two capitalised words in a row judged in full."""
    rule = TitleCaseWord(_rule(detector="title_case_word", participles=["Backed", "Based"], common=["chatbot"],
                               name_parts=["Cloud"]))
    fast = [(f.start, f.end, f.replacement, f.confidence) for f in rule.find(text)]
    rule._may_find = lambda pair: True
    assert fast == [(f.start, f.end, f.replacement, f.confidence) for f in rule.find(text)]


NAME_PIECES = ["you", "You", "YouTube", "youtube", "YOUTUBE", "Tube", "we", "WeChat", "wechat", "chat", "Open",
               "OpenAI", "open-source", "Open Source", "open  source", "ſource", "K", "Ⓐ", "?", ".", "-", "@",
               "\n", " ", "x", "2"]


@SETTINGS
@given(_texts(NAME_PIECES))
def test_name_first_pass_finds_what_the_pattern_finds(text):
    matcher = CasingMatcher(_rule(kind="casing", words=["YouTube", "WeChat", "OpenAI", "Open Source", "You.com"]))
    assert [m.span() for m in matcher._matches(text)] == [m.span() for m in matcher.pattern.finditer(text)]


@st.composite
def _findings(draw):
    out = []
    for i in range(draw(st.integers(0, 12))):
        s = draw(st.integers(0, 30))
        e = draw(st.integers(s, s + draw(st.sampled_from([0, 1, 3]))))
        out.append(Finding(s, e, f"r{i}", "c", "m", draw(st.sampled_from([None, "", "x"])),
                           draw(st.sampled_from([0.5, 0.9, 1.0]))))
    return out


@SETTINGS
@given(_findings())
def test_one_pass_clash_test_is_any_pair_overlapping(fs):
    in_place = sorted(fs, key=lambda f: (f.start, f.end))
    assert _any_clash(in_place) == any(_overlaps(a, b) for i, a in enumerate(fs) for b in fs[i + 1:])


@SETTINGS
@given(_findings())
def test_choose_edits_shortcut_chooses_as_the_general_path(fs):
    fast = choose_edits(fs, 0.8)
    real = edits._any_clash
    edits._any_clash = lambda in_place: True  # always the general path
    try:
        general = choose_edits(fs, 0.8)
    finally:
        edits._any_clash = real
    assert fast == general


def test_choose_edits_takes_the_one_pass_path_for_disjoint_edits():
    rng = random.Random(3)
    fs = [Finding(s, s + rng.randint(0, 2), f"r{s}", "c", "m", "x", rng.choice([0.9, 1.0]))
          for s in range(0, 3000, 3)]
    calls = 0
    real = edits._clashes

    def counting(*args):
        nonlocal calls
        calls += 1
        return real(*args)

    edits._clashes = counting
    try:
        chosen, reported = choose_edits(fs, 0.8)
    finally:
        edits._clashes = real
    assert calls == 0 and len(chosen) == len(fs) and not reported
    assert [f.start for f in chosen] == sorted(f.start for f in chosen)


PLAIN = "ab'’ Z-9_.\n" + repetition._PLAIN_MARKS


@SETTINGS
@given(st.text(alphabet=PLAIN, max_size=40))
def test_plain_text_words_are_the_regex_words(text):
    assert repetition._NOT_PLAIN.search(text) is None
    assert repetition._PLAIN_WORD.findall(text) == repetition._WORD.findall(text)


def test_plain_marks_are_no_letters_nor_word_characters():
    import re

    for c in repetition._PLAIN_MARKS:
        assert not regex.match(r"\w", c) and not re.match(r"\w", c) and not regex.match(r"\p{L}", c)


@SETTINGS
@given(st.text(alphabet="ab \t\n\u00a0\u2028x", max_size=30), st.integers(0, 8))
def test_word_limit_without_splitting(line, n):
    assert _at_most_words(line, n) == (len(line.split()) <= n)


@SETTINGS
@given(st.text(alphabet="wW.\u0130 x", max_size=20))
def test_www_test_is_the_lower_case_test(text):
    assert (_WWW.search(text) is not None) == ("www." in text.lower())


# --- literal text a pattern needs (cleanup/kinds/literals.py) --------------------------------

PATTERN_PIECES = ["ab", "a", "b", "bc", "(?:a|bc)", "(?:ab|)", "x?", "[ab]", "[a]", "\\p{L}", "\\P{Lu}", "\\b",
                  "c+", "c*", "c{2}", "(?=a)", "(?<!b)", ".", "\\s", "[[:alpha:]]", "{e<=1}", "(", ")", "|", "-",
                  "\\-", "(?>ab)", "a++", "\\u212a", "K", "\\w+", "(?i:k)", "\\\\"]


@SETTINGS
@given(st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=6).map("".join),
       st.booleans(), st.text(alphabet="abcxKk-\u212a \\ABC", max_size=20))
def test_a_text_without_the_needed_literals_has_no_match(source, ignore_case, text):
    from cleanup.kinds.literals import may_match, required

    flags = regex.IGNORECASE if ignore_case else 0
    try:
        pattern = regex.compile(source, flags)
    except regex.error:
        return
    if pattern.search(text):
        assert may_match(required(pattern.pattern, pattern.flags), text)


def test_needed_literals_of_typical_patterns():
    from cleanup.kinds.literals import required

    assert required(r"(?i)\b(?:semiconductors?|chips|GPUs?)\b") == (b"chips", b"gpu", b"semiconductor")
    assert required(r"--(?:(?<=\p{L}--)(?=\p{L}))") == (b"--",)
    assert required(r"\b(?:make|made) (?:a |the )?photos?") == (b"photo",)  # not " the "
    assert required(r"[[:alpha:]]+x") is None  # POSIX classes: the standard parser reads them otherwise
    assert required(r"(?:abc){e<=1}") is None  # fuzzy matching
    assert required(r"\L<names>", 0) is None  # a named list: regex-only syntax
    assert required(r"a|\d") is None  # one branch needs no literal
    assert required(r"[ ]{2}") is None  # a space: every text has one
    assert required(r"[,;.]") is None  # a sentence mark: nearly every text has one
    assert required(r"(?:strong|big) rain(?:s|fall)?") == (b"rain",)  # the word all matches hold: one scan
