"""Machine-translation artifact rules on sentences from other articles (not the seeds)."""
from __future__ import annotations

import pytest

import cleanup


@pytest.fixture(scope="module")
def cleaner():
    with cleanup.Cleaner(grammar=False, boilerplate=False) as c:
        yield c


FIXES = [
    ("Users of Tiktok and Whatsapp complained.", "Users of TikTok and WhatsApp complained."),
    ("Japanese tip makers rely on semiconductors from Taiwan.", "Japanese chip makers rely on semiconductors from Taiwan."),
    ("It is speculated that he will run in 2016 2016.", "It is speculated that he will run in 2016."),
    ("The vote was held in in the the morning.", "The vote was held in the morning."),
    ("Prices rose in May.Then they fell.", "Prices rose in May. Then they fell."),
    ("Sales rose. the company said demand was strong.", "Sales rose. The company said demand was strong."),
    ("Himself has been unable to relieve the pain.", "He has been unable to relieve the pain."),
]


@pytest.mark.parametrize("before,after", FIXES)
def test_fixes(cleaner, before, after):
    result = cleaner.clean(before)
    assert result.text == after
    assert all(f.rule and f.message for f in result.edits)


FLAGS = [
    ("He praised the models [and] According to him, sales rose.", "mt-punctuation.editorial-insertion"),
    ("Intro text.\nI welcome the new export rules\nMore text follows here.", "mt-flags.first-person-heading"),
    ("The singer is competing in her second tour of Asia.", "mt-flags.collocation"),
    ("The minister allegedly said that he allegedly took bribes.", "mt-repetition.in-clause"),
    ("“We will win this, the coach said after the game.", "mt-punctuation.unbalanced"),
    ("The report said the new model 非常强大 would be released in the spring next year.", "mt-punctuation.other-script"),
]


@pytest.mark.parametrize("text,rule", FLAGS)
def test_flags_without_changing(cleaner, text, rule):
    result = cleaner.clean(text)
    hits = [f for f in result.findings if f.rule == rule]
    assert hits and not any(f.applied for f in hits)


HUMAN = [
    "The Milky Way's dark matter pulls on the Sagittarius dwarf galaxy.",
    "The veteran goalie has won two Stanley Cups with Chicago.",
    "He works on Google Cloud and Microsoft Word at the Big Bang Theory studio.",
    "Amazon Prime Video subscribers rose, the White House press secretary said.",
    "Nvidia Backs Chinese Startup With New Chip",
    "What it is is a mess, and he had had enough of it.",
    "They flew to Bora Bora and ate ylang ylang sweets.",
    "Leave a tip for the waiter, she said.",
    "The machine itself was broken, and Mine was too.",
    "npm is a package manager; eBay and iPhone sales rose.",
    "The U.S. and China met at 5 p.m. on Monday, e.g. in Geneva.",
    "see https://openai.com/blog and pip install openai",
    "(Laughter) And there's no way of telling anyone.",
    # product and business names, quotes, asides, lists, headings in capitals, code-like names
    "Tools like Bing Webmaster Insights can help, and Kasa Moving stands out among movers.",
    "“Can we change the date of the move?” asked Marta.",
    "If the roof leaks (surprise!) you pay for it, and “I love tacos!” is a better line.",
    "The first service . . . wasn't good, and so on and so on.",
    "Best for: lunch, lunch lunch. More and more people came.",
    "We dived off Koh Phi Phi and ate the Vanilla Chicken Chicken Pie.",
    "Know your audience and their needs. Their trained packers? Excellent.",
    "Tutoring systems (ITS) help. ITS are used in schools.",
    "1.  Make a budget\n2.  Pick colours",
    "SOUTHEAST ASIA\n\nCoffee grows there, and pests like brussels sprouts.",
    "Join Fin.Link for free, or read about String.Index in Swift.",
    "Use the Acme.Extensions.Http.Logging library (call file.Close twice).",
]


@pytest.mark.parametrize("text", HUMAN)
def test_human_text_untouched(cleaner, text):
    result = cleaner.clean(text)
    assert result.text == text, [f.message for f in result.edits]


# Title Case in mid-sentence is fixed only where the text shows other signs of machine
# translation (lost brand casing, a pivot-language confusion, a translator's insertion);
# in other text the same words are often product names ("Google Flights has"): reported.
TITLE_CASE = [
    ("Samsung’s Foldable Smartphone sales rose sharply this year.", "Samsung’s Foldable smartphone sales rose sharply this year."),
    ("Last month a Tencent Backed Startup, Zhipu, raised money.", "Last month a Tencent-backed startup, Zhipu, raised money."),
    ("Users of Kuaishou’s Short-Video app said so.", "Users of Kuaishou’s short-video app said so."),
]
MT_CONTEXT = ("Bytedance and Minimax shares fell after the Openai event, and Deepseek said its tip exports "
              "to Japan would resume soon [and] Huawei said the tip restrictions hurt its semiconductor sales.\n")


@pytest.mark.parametrize("before,after", TITLE_CASE)
def test_title_case_fixed_in_machine_translated_text(cleaner, before, after):
    result = cleaner.clean(MT_CONTEXT + before)
    assert result.text.endswith("\n" + after)
    assert any(f.rule == "mt-titlecase.word" and f.applied for f in result.findings)


@pytest.mark.parametrize("before,after", TITLE_CASE)
def test_title_case_only_reported_in_other_text(cleaner, before, after):
    result = cleaner.clean(before)
    assert result.text == before
    assert any(f.rule == "mt-titlecase.word" and not f.applied for f in result.findings)


def test_name_repeats_only_reported_in_other_text(cleaner):
    text = "We ordered the Chocolate Chicken Chicken Cake there."
    result = cleaner.clean(text)
    assert result.text == text
    assert any(f.rule == "mt-repetition.capitalised" and not f.applied for f in result.findings)
    fixed = cleaner.clean(MT_CONTEXT + "Shares of Alibaba Alibaba rose on Monday.").text
    assert fixed.endswith("\nShares of Alibaba rose on Monday.")


@pytest.mark.parametrize("text", [b for b, _ in FIXES] + [t for t, _ in FLAGS])
def test_idempotent(cleaner, text):
    once = cleaner.clean(text).text
    assert cleaner.clean(once).text == once
