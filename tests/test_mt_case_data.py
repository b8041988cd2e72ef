"""The build scripts of the casing data (scripts/build_lexicon.py, build_wordpos.py) on small
inputs in their sources' formats, and the shipped tables read back as the detectors read them."""
from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_lexicon  # noqa: E402
import build_wordpos  # noqa: E402

from cleanup.detectors.casing_lexicon import Lexicon  # noqa: E402
from cleanup.detectors.casing_wordpos import WordPos  # noqa: E402


def test_lexicon_keeps_names_with_one_form_and_every_lower_case_word(tmp_path):
    words = tmp_path / "words"
    words.write_text("Putin\nPutin's\nNSA\niPhone\nTwitter\ntwitter\nBen\nBEN\ntaxi\ntaxi's\nre-enter\n", encoding="utf-8")
    build_lexicon.main(str(words), tmp_path)
    names = dict(line.split("\t") for line in (tmp_path / "namecase.tsv").read_text().splitlines()
                 if not line.startswith("#"))
    lower = [line for line in (tmp_path / "lowerwords.txt").read_text().splitlines() if not line.startswith("#")]
    assert names == {"putin": "Putin", "nsa": "NSA", "iphone": "iPhone"}  # not "twitter", not "ben"
    assert lower == ["re-enter", "taxi", "twitter"]


def test_wordpos_lists_the_classes_of_every_form(tmp_path, capsys):
    table = tmp_path / "infl_lu.csv.gz"
    with gzip.open(table, "wt", encoding="utf-8") as fh:
        fh.write("suit,noun,suits\nsuit,verb,suited,,suiting,suits\nappearance,noun,appearances/appearance\n"
                 "Paris,noun,Paris\npublic,adj,,\n")
    build_wordpos.main(str(table))
    rows = dict(line.split("\t") for line in capsys.readouterr().out.splitlines() if not line.startswith("#"))
    assert rows == {"suit": "nv", "suits": "nv", "suited": "v", "suiting": "v", "appearance": "n",
                    "appearances": "n", "public": "a"}


def test_shipped_tables_answer_as_the_detectors_expect():
    lexicon, pos = Lexicon(), WordPos()
    assert lexicon.name_form("putin") == "Putin" and lexicon.name_form("taxi") is None
    assert lexicon.is_lower_word("taxi") and not lexicon.is_word("zorvath")
    assert pos.is_noun_only("appearance") and not pos.is_noun_only("suit") and pos.may_be_verb("suit")
    assert not pos.is_noun_only("zorvath")  # unknown: no class
