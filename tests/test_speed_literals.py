"""The block rules' first pass (what a line must hold or start with for a rule to match it) drops
no match: cleanup/kinds/literals.py reads the patterns, cleanup/line_literals.py tests lines."""
from __future__ import annotations

import sys

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.boilerplate import BoilerplateStage
from cleanup.kinds import KINDS
from cleanup.line_literals import LiteralIndex, fold
from cleanup.model import Rule
from cleanup.kinds.literals import required_literals, required_starts
from cleanup.rulesets import load_rules

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _block_matchers():
    rules = [r for rs in load_rules().sets for r in rs.rules if r.kind == "block"]
    return [KINDS["block"].compile(r) for r in rules]


MATCHERS = _block_matchers()
STAGE = BoilerplateStage(MATCHERS, features=False)
# Pieces of lines: the rules' own words, their neighbours, and characters that case-folding
# or word splitting could get wrong.
PIECES = ["Share", "share", "SHARE", "this", "article", "Follow", "us", "on", "Facebook", "X", "Twitter", "|",
          "Home", "News", "Sport", "»", ">", "Photo", "photo:", "Getty", "Images", "Reuters", "AP", "©", "2024",
          "Copyright", "(c)", "All", "rights", "reserved", "Advertisement", "Subscribe", "ſubscribe", "ſhare",
          "\u212aeep", "readıng", "İmage", "newsletter", "Sign", "up", "Read", "more", "Related", "stories", ":",
          "Jan", "12,", "3", "min", "read", "Reply", "says", "Comments", "Cookie", "cookies", "Accept", "all",
          "We", "use", "Posted", "By", "Jane", "Doe", "Tags:", "politics", "$", "€5", "/month", "members", "unlock",
          "benefits", "the", "a", "of", "–", "-", "…", "*", "#", "!", "?", ".", "Menu", "Search", "Back", "to", "top",
          "Was", "helpful?", "Yes", "No", "app", "store", "Google", "Play", "</p>", "<div>", "x", "ok", "·"]


def _lines():
    return st.lists(st.sampled_from(PIECES), min_size=1, max_size=10).map(" ".join)


@SETTINGS
@given(st.lists(_lines(), min_size=1, max_size=6))
def test_fast_runner_finds_what_the_rules_one_by_one_find(lines):
    runner = STAGE.runner
    for i, line in enumerate(lines):
        n = len(line.split())
        expected = next(((m.rule.id, m.match(lines, i, n)) for m in MATCHERS
                         if n <= m.max_words and m.match(lines, i, n)), None)
        found = runner.match(lines, i, n)
        assert (found and (found[0].rule.id, found[1])) == expected, line


@SETTINGS
@given(_lines())
def test_a_line_a_pattern_matches_holds_its_literals(line):
    """Each rule's pattern and quick test, alone: a line they match has the index's bit set."""
    stripped = line.strip()
    for m in MATCHERS:
        for pattern, whole in ((m.pattern, True), (m.requires, False)):
            if pattern is None:
                continue
            hit = pattern.fullmatch(stripped) if whole else pattern.search(stripped)
            if hit is None:
                continue
            needs = required_literals(pattern.pattern, pattern.flags)
            if needs is not None:
                assert LiteralIndex([("in", needs)]).bits(stripped) & 1, (m.rule.id, stripped)
            starts = required_starts(pattern.pattern, pattern.flags) if whole else None
            if starts is not None:
                assert LiteralIndex([("starts", starts)]).bits(stripped) & 1, (m.rule.id, stripped)


SYNTAX = [  # (pattern, flags): the reader's corners; each is checked on generated text below
    (r"(?:ab|cd)+e", regex.I), (r"x?y{2}z*", 0), (r"\bfoo\b|bar\.", regex.I), (r"[abc]d|[^q]e", 0),
    (r"(?i)cookie|accept", 0), (r"(?-i:Ab)c", regex.I), (r"(?=.*k)\w+", 0), (r"(?!no)\w+ok", 0),
    (r"a(?P<n>b|c)\1", 0), (r"\x41b", 0), (r"a{,2}b", 0), (r"[\]a]b", 0), (r"(?<=a)b", 0), (r"a|", 0),
    (r"\p{L}+ says", regex.I), (r"(?:s|t)(?:k|x)", regex.I), (r"[-a]b", 0), (r"a\|b", 0), (r"(?x) a b", 0),
    (r"(?:ab|ac|ad|ae|aq)x", 0), (r"(?:sa|sb)(?: k)?e", regex.I), (r"\\p{L}a", 0), (r"(a)?(?(1)b|c)d", 0),
]
ALPHABET = "abcdekoqsxyzABKSſ\u212aİı|.- \n"


@SETTINGS
@given(st.text(alphabet=ALPHABET, max_size=12))
def test_literals_of_odd_syntax_are_in_every_match(text):
    for source, flags in SYNTAX:
        pattern = regex.compile(source, flags)
        for m in (pattern.fullmatch(text), pattern.search(text)):
            if m is None:
                continue
            needs = required_literals(source, pattern.flags)
            if needs is not None:
                assert LiteralIndex([("in", needs)]).bits(text) & 1, (source, text)
            starts = required_starts(source, pattern.flags)
            if starts is not None and m.start() == 0:
                assert LiteralIndex([("starts", starts)]).bits(m.group()) & 1, (source, text)


def test_unknown_syntax_says_nothing():
    for source, flags in [(r"(?x) a b", 0), (r"(?V1)[[a]--b]", 0), (r"abc", regex.VERBOSE),
                          (r"abc", regex.FULLCASE | regex.I), (r"[[:alpha:]]x", 0), (r"(?:abc){e<=1}", 0),
                          (r"\L<names>", 0), (r"(?x:a b)", 0)]:
        compiled = regex.compile(source, flags, names=["n"], ignore_unused=True)  # (\L<names> needs its list)
        assert required_literals(source, compiled.flags) is None, source
    assert required_literals(r"(?:photo|image) credit", regex.I) is not None
    assert required_literals(r"\x41b", 0) == {"Ab"}  # escapes both parsers read alike
    assert required_starts(r"s(?:ubscribe|ign up)(?: now)?\W", 0) == {"subscribe", "sign up", "subscribe now",
                                                                      "sign up now"}


def test_fold_maps_every_letter_regex_equates_with_an_ascii_letter():
    others = "".join(chr(i) for i in range(128, sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in regex.compile(regex.escape(letter), regex.IGNORECASE).finditer(others):
            assert letter in fold(m.group()), (letter, m.group())


def test_literal_index_marks_and_prefixes():
    index = LiteralIndex([("in", frozenset({"©"})), ("starts", frozenset({"read more", "read"})),
                          ("in", frozenset({"subscri"})), ("in", frozenset({"é"}))])
    assert index.bits("© 2024 Site") & 1
    assert not index.bits("2024 Site") & 1
    assert index.bits("Read more »") & 2 and index.bits("READ") & 2 and not index.bits("Do read") & 2
    assert index.bits("unſubscribed") & 4 and not index.bits("describe") & 4
    assert index.bits("anything") & 8  # a cased letter beyond ASCII: not tested, always set


def test_user_rule_with_odd_pattern_still_matches():
    rule = Rule(id="user.odd", kind="block", message="m", category="boilerplate",
                data={"pattern": r"(?:\x53hare|Tweet)\W*", "max_words": 3})
    stage = BoilerplateStage([KINDS["block"].compile(rule)], features=False)
    assert stage.runner.match(["Share!"], 0, 1) is not None
    assert stage.runner.match(["Tweet"], 0, 1) is not None
    assert stage.runner.match(["Twee"], 0, 1) is None


@SETTINGS
@given(st.lists(st.sampled_from(PIECES + ["</p>", "</div>", "Reuters is a news agency."]), min_size=60, max_size=140)
       .map(" ".join), st.sampled_from([None, 3, 30, 90]))
def test_long_lines_and_any_word_count(line, words):
    """Long lines (past every rule that needs a word), and a line asked with another word count
    than its own: the same answer as the rules one by one."""
    lines = [line]
    for n in (words or len(line.split()), len(line.split())):
        expected = next(((m.rule.id, m.match(lines, 0, n)) for m in MATCHERS
                         if n <= m.max_words and m.match(lines, 0, n)), None)
        found = STAGE.runner.match(lines, 0, n)
        assert (found and (found[0].rule.id, found[1])) == expected


def test_marks_match_only_themselves_case_ignored():
    """A mark probe (©, |, »…) is looked for as itself: regex's IGNORECASE equates it with no
    other character."""
    everything = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    for mark in STAGE.runner.index.mark_bits:
        found = {m.group() for m in regex.compile(regex.escape(mark), regex.IGNORECASE).finditer(everything)}
        assert found == {mark}
