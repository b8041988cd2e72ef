"""Casing and pronoun repairs that use the spelling dictionary (rules/data/namecase.tsv,
lowerwords.txt), the inflection lexicon (wordpos.tsv) and the after-a-name statistics
(aftername.tsv), on sentences written for these tests (not benchmark data): applied where the
evidence is strong, reported or left alone where human text could mean it. FIXES and HUMAN run
in test_mt_casing.py's tests, beside that file's own cases."""
from __future__ import annotations

import pytest

import cleanup


@pytest.fixture(scope="module")
def cleaner():
    with cleanup.Cleaner(grammar=False, boilerplate=False) as c:
        yield c


FIXES = [
    # a text without any capital: names from the dictionary, words that are no English word,
    # a word that joins the name before it, abbreviations that do not end the sentence
    ("the talks between putin and the nsa took place in tibet last week.",
     "The talks between Putin and the NSA took place in Tibet last week."),
    ("the mayor of zorvath met farmers from quelbrin on the river bank.",
     "The mayor of Zorvath met farmers from Quelbrin on the river bank."),
    ("the bank lent 500 pln to the farmers of zorvath last spring.", "The bank lent 500 PLN to the farmers of Zorvath last spring."),
    ("the rally in mid-september ended after the post-mortem of the anti-american attack.",
     "The rally in mid-September ended after the post-mortem of the anti-American attack."),
    ("fans of manchester city waited for hours outside the stadium.",
     "Fans of Manchester City waited for hours outside the stadium."),
    ("yesterday mr. brown said that the chinese economy grew again.",
     "Yesterday Mr. Brown said that the Chinese economy grew again."),
    ("\"it worked well and i didn't have to wait,\" says the driver from ohio.",
     "\"It worked well and I didn't have to wait,\" says the driver from Ohio."),
    # pronoun forms decided by the word classes around them
    ("The trials are monitored and they effectiveness assessed.", "The trials are monitored and their effectiveness assessed."),
    ("He wrote that himself government is watching.", "He wrote that his government is watching."),
    ("As my watched the eclipse, clouds parted.", "As I watched the eclipse, clouds parted."),
    ("Them usually offer a discount to students.", "They usually offer a discount to students."),
    ("Mix the powders, then knead they together.", "Mix the powders, then knead them together."),
    ("Just when it seemed she had beaten itself, it came back.", "Just when it seemed she had beaten it, it came back."),
]


HUMAN = [
    # a lower-case sentence beside capitalised ones: code, a handle, a style
    "Install it first, then run this:\nsudo tailscale serve reset and then restart the ollama daemon.",
    "We use dbt for this. dbt also has a strong community that answers questions.",
    "for i in range(10): print(i)",
    # pronouns that only look like garbled forms
    "Aren't they lovely? We two went home.",
    "We must be constantly vigilant, and we humans forget.",
    "She told him to help himself.",
    "She was herself a doctor, and they hurt themselves.",
    "\"Yes,\" said he. So did they.",
    "He thinks they're right, and they know it.",
    "My watching the game annoyed her.",
    "Let them eat cake, and let them own the house.",
    "Him being late annoyed us.",
    "Their elected representatives met in the hall.",
    "I keep my most valuable things in my carry on.",
]


REPORTED = [
    # beside capitalised text, a word no list knows is not enough to capitalise it
    ("The meeting ended. the farmers from quelbrin went home after the talks.", "mt-case.sentence"),
    # a reflexive after a verb may be its object before another ("made himself coffee")
    ("He made himself coffee.", "mt-case.subject-before-noun"),
    ("The kids, them included, left.", "mt-case.pronoun"),
]


@pytest.mark.parametrize("text,rule", REPORTED)
def test_uncertain_findings_are_reported_not_applied(cleaner, text, rule):
    result = cleaner.clean(text)
    assert any(f.rule == rule and not f.applied for f in result.findings)
    assert not any(f.rule == rule and f.applied and "quelbrin" in f.message for f in result.findings)
