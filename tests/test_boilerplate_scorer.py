"""The learned line scorer (cleanup/boilerplate_scorer.py): its model is data that loads, it judges
only the article region's head and tail and what lies outside it, it explains every removal, and
it leaves prose and pages without a model alone."""
from __future__ import annotations

import tomllib

from cleanup import boilerplate_scorer as scorer
from cleanup.boilerplate import BoilerplateStage, _scorer_path
from cleanup.boilerplate_features import Measures, load_profile, resolve_context
from cleanup.edits import apply_edits
from cleanup.kinds import KINDS
from cleanup.rulesets import load_rules

PROSE = [
    "The city council voted on Tuesday to extend the tram line to the airport, a project that has been "
    "debated for more than a decade and will cost an estimated 1.2 billion euros.",
    "Supporters of the plan say it will cut traffic on the ring road, while critics argue that the money "
    "would be better spent on buses, which reach far more of the suburbs than any tram ever could.",
    "Construction is expected to begin next spring, and the first trams could be running by the end of "
    "2029 if the contracts are signed on time, the transport department said in a statement.",
    "Residents who live along the planned route have been invited to a series of public meetings, where "
    "engineers will explain how the work will affect their streets and what compensation is on offer.",
]
# a site menu after the article that no rule names: only the scorer can tell it from a closing list
MENU = ["Committees", "Research Centers", "Academic Calendar", "Call Us", "Campus Map", "Careers",
        "Alumni Relations", "Visit Campus"]

_STAGES: dict[bool, BoilerplateStage] = {}


def stage(with_model: bool = True) -> BoilerplateStage:
    if with_model not in _STAGES:
        rules = [r for s in load_rules().sets if s.stage == "boilerplate" for r in s.rules]
        st = BoilerplateStage([KINDS["block"].compile(r) for r in rules], use_scorer=with_model)
        _STAGES[with_model] = st
    return _STAGES[with_model]


def page() -> str:
    return "City news\n\n" + "\n\n".join(PROSE * 2) + "\n\n" + "\n".join(MENU) + "\n"


def test_shipped_model_names_only_known_features():
    path = _scorer_path("en")
    doc = tomllib.loads(path.read_text("utf-8"))
    assert set(doc["features"]) <= set(scorer.FEATURES)
    assert len(doc["features"]) == len(doc["weights"])
    model = scorer.load_model(str(path))
    assert model is not None and 0.5 < model.threshold < 1.0


def test_missing_model_turns_the_scorer_off(tmp_path):
    assert scorer.load_model(str(tmp_path / "none.toml")) is None
    found = stage(with_model=False).find(page())
    assert not any(f.rule == scorer.RULE_ID for f in found)


def test_menu_after_the_article_is_removed_with_a_reason():
    text = page()
    found = stage().find(text)
    by_scorer = [f for f in found if f.rule == scorer.RULE_ID]
    assert by_scorer
    for f in by_scorer:
        assert text[f.start:f.end].strip() in MENU
        assert "Learned line scorer" in f.message and "boilerplate score 0." in f.message
    out = apply_edits(text, found)
    for paragraph in PROSE:
        assert paragraph in out


def test_disable_turns_the_scorer_off_alone():
    from cleanup import Cleaner, Options
    kept = Cleaner(Options(grammar=False, disable=("boilerplate.scorer",))).clean(page())
    assert not any(f.rule == scorer.RULE_ID for f in kept.findings)
    assert all(line in kept.text for line in MENU)
    assert any(f.rule == scorer.RULE_ID for f in Cleaner(Options(grammar=False)).clean(page()).findings)


def test_the_scorer_reaches_a_fixed_point():
    out = apply_edits(page(), stage().find(page()))
    assert stage().find(out) == []


def test_prose_only_page_is_left_alone():
    text = "\n\n".join(PROSE * 3) + "\n"
    assert not any(f.rule == scorer.RULE_ID for f in stage().find(text))


def _view(lines: list[str]) -> scorer.PageView:
    measure = Measures(load_profile("en"))
    blocks = [measure(i, c) for i, c in enumerate(lines)]
    resolve_context(blocks)
    return scorer.PageView(blocks, {}, 0, len(blocks) - 1, None, frozenset(), {})


def test_the_middle_of_the_article_is_never_a_candidate():
    # a model that would remove every line it is asked about
    eager = scorer.Model(tuple([10.0] + [0.0] * (len(scorer.FEATURES) - 1)), 0.5, 1, 0.10, 0.05)
    lines = ["Intro"] + PROSE * 5 + ["Share this"]
    view = _view(lines)
    removed = scorer.judge(view, eager, lambda i: False)
    assert 0 in removed and len(lines) - 1 in removed  # before any prose, after all of it
    middle = range(5, len(lines) - 5)  # 20 paragraphs: these have 20% of the prose on either side
    assert not any(i in removed for i in middle)


def test_locked_lines_are_skipped():
    eager = scorer.Model(tuple([10.0] + [0.0] * (len(scorer.FEATURES) - 1)), 0.5, 1, 0.10, 0.05)
    view = _view(["Intro"] + PROSE * 5 + ["Share this"])
    assert 0 not in scorer.judge(view, eager, lambda i: i == 0)


def test_training_script_extracts_labelled_features(tmp_path):
    import importlib.util
    import json
    import pickle
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "boilerplate_train_scorer.py"
    spec = importlib.util.spec_from_file_location("boilerplate_train_scorer", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = tmp_path / "pages.jsonl"
    rows = [{"id": "p1", "url": "https://example.org/a", "text": page(), "main_content": "\n\n".join(PROSE)}]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "features.pkl"
    module.extract(data, out, 0)
    with out.open("rb") as fh:
        got = pickle.load(fh)
    assert got["features"] == scorer.FEATURES
    (only,) = got["pages"]
    assert only["host"] == "example.org"
    labels = {page().splitlines()[i]: art for i, (x, art) in only["scored"].items()}
    assert labels[MENU[2]] is False  # a menu line is not in the article
    assert all(len(x) == len(scorer.FEATURES) for x, _ in only["scored"].values())
