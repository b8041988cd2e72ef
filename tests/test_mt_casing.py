"""Casing and pronoun-form repairs on sentences written for these tests (not benchmark data):
lower-cased sentences get their names back, garbled pronoun forms their grammatical form, and
human text that only looks similar stays as it is."""
from __future__ import annotations

import pytest

import cleanup
from test_mt_case_lexicon import FIXES as LEXICON_FIXES, HUMAN as LEXICON_HUMAN


@pytest.fixture(scope="module")
def cleaner():
    with cleanup.Cleaner(grammar=False, boilerplate=False) as c:
        yield c


FIXES = [
    # a whole sentence in lower case: names, two-word names, acronyms, titles before names
    ("officials from central america met in new york on monday.", "Officials from Central America met in New York on Monday."),
    ("i think the un and nato will meet in new york soon.", "I think the UN and NATO will meet in New York soon."),
    ("the us embassy in haiti was closed for a week.", "The US embassy in Haiti was closed for a week."),
    # pronoun forms
    ("In some areas, itself is enough to grow rice.", "In some areas, it is enough to grow rice."),
    ("However, him coped with the pressure well.", "However, he coped with the pressure well."),
    ("At home, them never have to wait for a bus.", "At home, they never have to wait for a bus."),
    ("The hospital lost control of himself car records.", "The hospital lost control of his car records."),
    ("She joined the team on he way to Berlin.", "She joined the team on his way to Berlin."),
    ("The farmer lived on him farm with she mother.", "The farmer lived on his farm with her mother."),
    ("A man in he thirties had tears in he eyes.", "A man in his thirties had tears in his eyes."),
]


@pytest.mark.parametrize("before,after", FIXES + LEXICON_FIXES)
def test_fixes_and_second_run_changes_nothing(cleaner, before, after):
    result = cleaner.clean(before)
    assert result.text == after
    assert all(f.rule and f.message for f in result.edits)
    assert cleaner.clean(result.text).text == result.text


HUMAN = [
    "The machine itself was broken, and the city itself was founded in 1900.",
    "A system that itself was flawed cannot judge.",
    "The head by itself doesn't have a soul, and correlation in itself proves nothing.",
    "We humans are odd, and you guys did well.",
    "His work is held in major collections; his was the best.",
    "Ours didn't seem to work, and mine lives on the fridge.",
    "Later on he became mayor.",
    "All of them make phones, and many of them are cheap.",
    "You'll be as important to them one year in.",
    "Booking with them online is a breeze.",
    "Check that they match the proposal before you jump in.",
    "Not only did she review the pies, she baked them.",
    "Its LED light lasts long, and my AI assistant checks it.",
    "If your get-together is informal, say so.",
    "Keep the notes in a README.md file or in custom context rules.",
    "A report found that 54 percent of U.S. internet households had problems.",
]


@pytest.mark.parametrize("text", HUMAN + LEXICON_HUMAN)
def test_human_text_stays(cleaner, text):
    assert cleaner.clean(text).text == text


CODE = [
    "sz_find ( text , length , pattern , 3 ); // Intel Haswell+ AVX2",
    "collator = icu . Collator . createInstance ( icu . Locale . getRoot ())",
    "auto [ offset , length ] = text . utf8_case_insensitive_find ( needle );",
    "git checkout .",
]


@pytest.mark.parametrize("line", CODE)
def test_spaced_out_code_keeps_its_spaces(cleaner, line):
    assert cleaner.clean(line).text == line


def test_a_link_glued_back_by_a_scraper_loses_the_space(cleaner):
    result = cleaner.clean("Join the Data Program , where you learn . Then apply.")
    assert result.text == "Join the Data Program, where you learn. Then apply."


REPORTED = [
    ("Japan, Finland, Norway, Sweden-their top 20% are rich.", "mt-punctuation.hyphen-as-dash"),
    ("The audience here -- if they want -- can vote.", "mt-punctuation.double-hyphen"),
    ("There are 250000 species of flowering plants.", "mt-punctuation.number-separators"),
    ("In 1989, his helped Brooks win.", "mt-case.pronoun"),
    ("All of them make phones.", "mt-case.pronoun-object"),
]


@pytest.mark.parametrize("text,rule", REPORTED)
def test_uncertain_findings_are_reported_not_applied(cleaner, text, rule):
    result = cleaner.clean(text)
    assert result.text == text
    assert any(f.rule == rule and not f.applied for f in result.findings)
