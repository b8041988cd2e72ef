"""The boilerplate stage reaches its fixed point: a second run over its output removes nothing,
also where removing lines changes how the lines left are judged (cleanup/boilerplate_rounds.py)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.boilerplate import BoilerplateStage
from cleanup.boilerplate_rounds import kept_view
from cleanup.edits import apply_edits
from cleanup.kinds import KINDS
from cleanup.lines import split_lines
from cleanup.model import Finding
from cleanup.rulesets import load_rules

_STAGE = None


def stage() -> BoilerplateStage:
    global _STAGE
    if _STAGE is None:
        rules = [r for s in load_rules().sets if s.stage == "boilerplate" for r in s.rules]
        _STAGE = BoilerplateStage([KINDS["block"].compile(r) for r in rules])
    return _STAGE


def run(text: str) -> str:
    return apply_edits(text, stage().find(text))


PROSE = [
    "The city council voted on Tuesday to extend the tram line to the airport, a project that has been "
    "debated for more than a decade and will cost an estimated 1.2 billion euros.",
    "Supporters of the plan say it will cut traffic on the ring road, while critics argue that the money "
    "would be better spent on buses, which reach far more of the suburbs than any tram ever could.",
    "Construction is expected to begin next spring, and the first trams could be running by the end of 2029.",
    "Residents were invited to a series of public meetings.",
    "It is a long road from here, and we have only just started on it.",
]
# Lines of the page around an article: menus, headings, markers of its end, a location picker.
FURNITURE = [
    "Home", "News", "Installation", "Why trams?", "Share", "Print/Save as PDF", "Contact Us",
    "Choose your location:", "Europe Africa - French Brasil India Mexico Middle East (English) USA",
    "Related Articles", "Leave a Reply", "12 Comments", "Best Trams for Cities", "Best Trams for Cities - Model X",
    "By: Jane Doe on 04-08-2021 5:11:10", "Home | News | Sport | Contact", "Advertisement",
    "Sign up for our newsletter", "© 2025 Example Media. All rights reserved.", "Score:", "9.7 /10",
]
PIECES = st.sampled_from(PROSE + FURNITURE)
SEPARATORS = st.sampled_from(["\n", "\n\n"])


@st.composite
def pages(draw) -> str:
    pieces = draw(st.lists(PIECES, min_size=8, max_size=40))
    seps = draw(st.lists(SEPARATORS, min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + s for p, s in zip(pieces, seps))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_second_run_removes_nothing(page):
    once = run(page)
    assert run(once) == once


def test_line_judged_again_once_its_neighbours_are_gone():
    # a menu line before the article is kept while a location picker sits before it; once the
    # picker is removed, the line stands first on the page: a second run must not judge it anew
    page = "Choose your location:\nNews\n" + (PROSE[0] + "\n") * 7 + "Related Articles\nChoose your location:\n"
    once = run(page)
    assert PROSE[0] in once and "Choose your location" not in once
    assert run(once) == once


def test_kept_view_maps_each_kept_line_to_its_original():
    text = "a\n\nmenu\n\nb\nfooter\n"
    lines = split_lines(text)
    template = Finding(0, 0, "test.rule", "boilerplate", "removed", "", 1.0)
    kept, kept_lines, origin = kept_view(text, lines, {2: template, 5: template})
    assert kept == "a\n\nb\n"
    assert [kept_lines[j].text(kept) for j in range(len(kept_lines))] == ["a", "", "b"]
    assert [lines[i].text(text) for i in origin] == ["a", "", "b"]


def test_kept_view_without_verdicts_is_the_text():
    text = "one\ntwo\n\nthree"
    kept, _, origin = kept_view(text, split_lines(text), {})
    assert kept == text and origin == [0, 1, 2, 3]
