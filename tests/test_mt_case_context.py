"""The context truecaser for texts without any capital (casing_context.py, its table built by
scripts/build_casecontext.py) and the institution names after a capitalised head word
(casing_institutions.py): on small tables and sentences written for these tests."""
from __future__ import annotations

import pickle
import sys
from collections import Counter
from pathlib import Path

import pytest

import cleanup
from cleanup.detectors import text as t
from cleanup.detectors.casing_context import CaseContext
from cleanup.detectors.casing_institutions import InstitutionNames
from cleanup.detectors.casing_wordpos import WordPos

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_casecontext  # noqa: E402


def _model(tmp_path) -> Path:
    """A cased n-gram model in the truecase package's format (a pickle of counters)."""
    uni = Counter({"navy": 20, "Navy": 20, "the": 500, "The": 50, "data": 90, "Data": 10})
    back = Counter({"the_Navy": 25, "the_navy": 2, "Russian_Navy": 5, "of_data": 40, "The_Data": 9})
    fwd = Counter({"Navy_said": 6, "navy_blue": 8, "data_show": 30})
    tri = Counter({"the_Navy_said": 6, "the_navy_blue": 3})
    lookup = {"navy": {"navy", "Navy"}, "the": {"the", "The"}, "data": {"data", "Data"}}
    path = tmp_path / "english.dist"
    with open(path, "wb") as fh:
        pickle.dump({"uni_dist": uni, "backward_bi_dist": back, "forward_bi_dist": fwd, "trigram_dist": tri,
                     "word_casing_lookup": lookup}, fh)
    return path


def test_build_keeps_ambiguous_words_and_contexts_that_shift_them(tmp_path, capsys):
    build_casecontext.main(str(_model(tmp_path)))
    rows = {tuple(line.split("\t")[:-3]): tuple(map(int, line.split("\t")[-3:]))
            for line in capsys.readouterr().out.splitlines() if not line.startswith("#")}
    assert rows[("u", "navy")] == (20, 20, 0)
    assert rows[("b", "the", "navy")] == (2, 25, 0)  # 93% capitals against 50%: kept
    assert rows[("f", "navy", "blue")] == (8, 0, 0)
    assert ("b", "of", "data") not in rows  # all lower, as the word mostly is: says nothing new
    assert ("b", "Russian", "navy") in rows and ("t", "the", "navy", "blue") in rows


@pytest.fixture()
def context(tmp_path):
    table = tmp_path / "casecontext.tsv"
    table.write_text("# test table\nu\tnavy\t10\t30\t0\nu\tstate\t100\t60\t0\nu\treef\t1\t13\t0\n"
                     "b\tthe\tnavy\t2\t25\t0\nb\t``\tnavy\t0\t20\t0\nf\tnavy\tblue\t8\t0\t0\nb\tIslamic\tstate\t0\t20\t0\n", encoding="utf-8")
    return CaseContext({"casecontext": str(table), "context_share": 0.8})


def test_context_capitalises_only_where_its_neighbours_ask(context):
    form, share = context.form("the", "navy", "said")
    assert form == 1 and share >= 0.8
    assert context.form("Islamic", "state", "fighters")[0] == 1
    assert context.form("the", "state", "said")[0] == 0  # no context for capitals, the word mostly lower
    assert context.form("a", "navy", "blue")[0] == 0  # "navy blue"
    assert context.form("the", "reef", ".") == (0, 1.0)  # too rare alone
    assert context.form("the", "zorvath", ".") is None


def test_capitals_skip_tokens_and_quotes(context):
    text = 'he said "navy" and the navy, not 802.11navy or the navy.'
    words = list(t.WORD.finditer(text))
    found = context.capitals(text, words, {}, {words[0].start()})
    assert sorted(found) == [text.index("the navy,") + 4, text.rindex("the navy") + 4]
    assert all(new == "Navy" for _, new, _ in found.values())
    assert context.form("``", "navy", "''")[0] == 1  # the table asks for a capital after a quote, but
    # a quote's first word may start a sentence or not: no context there (above)


def test_institution_names_end_at_function_words_and_open_commas():
    names = InstitutionNames({"ministry"}, {"in", "the"}, WordPos())
    cases = {
        "the Ministry of economy in Buenos Aires": "the Ministry of Economy in Buenos Aires",
        "the Ministry of economy, trade and industry said": "the Ministry of Economy, Trade and Industry said",
        "the Ministry of foreign affairs, a body": "the Ministry of Foreign Affairs, a body",
        "the Ministry of the interior": "the Ministry of the interior",
    }
    for text, expected in cases.items():
        words = list(t.WORD.finditer(text))
        head = text.index("Ministry")
        found = names.names(text, words, {head: (1, "M", "", True)})
        out = list(text)
        for pos, (n, new, _) in found.items():
            out[pos:pos + n] = new
        assert "".join(out) == expected


@pytest.fixture(scope="module")
def cleaner():
    with cleanup.Cleaner(grammar=False, boilerplate=False) as c:
        yield c


FIXES = [
    ("the senate passed the bill after a long debate in may, officials said on monday.",
     "The Senate passed the bill after a long debate in May, officials said on Monday."),
    ("the ministry of foreign affairs said that ms. plibersek met gov. whitmer in washington on friday.",
     "The Ministry of Foreign Affairs said that Ms. Plibersek met Gov. Whitmer in Washington on Friday."),
    ("general secretary xi jinping visited the frýdek-místek district on tuesday with officials.",
     "General Secretary Xi Jinping visited the Frýdek-Místek district on Tuesday with officials."),
    ("a study by infrared spectroscopy (ftir) showed that covid-19 spreads in the air.",
     "A study by infrared spectroscopy (FTIR) showed that Covid-19 spreads in the air."),
    # a name spelled out before its acronym: its words, not the small ones ("of"); a word it does not
    # spell stays as it is
    ("the world health organization (who) and the food and drug administration (fda) met on monday.",
     "The World Health Organization (WHO) and the Food and Drug Administration (FDA) met on Monday."),
    ("he said the agency for new ideas (fda) was closed and he went home after the long meeting.",
     "He said the agency for new ideas (FDA) was closed and he went home after the long meeting."),
    # a short word no list knows: an acronym, unless a pinyin syllable (a Chinese name); a code
    ("the state agency cez said so on monday after long talks with guo in the city.",
     "The state agency CEZ said so on Monday after long talks with Guo in the city."),
    ("the new b-52 bombers flew over the city on monday, the officials said in a statement.",
     "The new B-52 bombers flew over the city on Monday, the officials said in a statement."),
]
HUMAN = [
    # beside capitals, a word's context is no evidence: the words stay as written
    "Officials said the senate passed it in may, as the ministry of economy had asked.",
    "Read more on example.tv and news.cz today, or ask the navy blue team.",
    "The national hurricane center (NHC) is a name written in lower case on purpose by the author.",
    "We met guo and cez at the b-52 hangar, as Anna said.",
    # a sentence without capitals beside others: "the internet" is reported, not changed
    "The late 90s were a magical\ntime — the internet existed, but nobody really knew what it was for.",
]


@pytest.mark.parametrize("before,after", FIXES)
def test_lower_cased_text_gets_context_capitals_and_a_second_run_changes_nothing(cleaner, before, after):
    result = cleaner.clean(before)
    assert result.text == after
    assert cleaner.clean(result.text).text == result.text


@pytest.mark.parametrize("text", HUMAN)
def test_text_with_capitals_keeps_its_lower_case_words(cleaner, text):
    assert cleaner.clean(text).text == text


def test_common_names_are_names_whose_lower_case_word_only_a_larger_list_has():
    import build_commonnames

    common = {"Einstein", "Genoa", "Twitter", "twitter", "taxi", "Ac"}
    larger = common | {"einstein", "genoa", "ac", "zorvath"}
    assert build_commonnames.common_names(common, larger) == {"einstein": "Einstein", "genoa": "Genoa"}


def test_shipped_common_names_answer_as_the_lexicon_reads_them():
    from cleanup.detectors.casing_lexicon import Lexicon

    lexicon = Lexicon(common_names="data/commonnames.tsv")
    assert lexicon.common_name("einstein") == "Einstein" and lexicon.common_name("taxi") is None
    assert Lexicon().common_name("einstein") is None  # (a rule without the table)
