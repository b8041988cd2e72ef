"""Lists of other articles and comment threads after an article, found by their structure:
teasers with a repeated line between them (a byline, "Learn More"), and comment headers
made of a name line and a timestamp line (cleanup/boilerplate_structure.py,
cleanup/boilerplate_comments.py)."""
from __future__ import annotations

from collections import Counter

from cleanup.boilerplate import BoilerplateStage
from cleanup.boilerplate_comments import comment_headers
from cleanup.boilerplate_features import load_profile, measure
from cleanup.boilerplate_structure import delimiter_lines, short_keys, teaser_runs
from cleanup.edits import apply_edits
from cleanup.kinds import KINDS
from cleanup.rulesets import load_rules

from test_boilerplate import PROSE  # the same prose paragraphs

TEASERS = [
    ("Harbour festival draws record crowds", "THE HARBOUR FESTIVAL returned on Saturday with more visitors than in any year "
     "since it began, and the organisers said they would add a second weekend in the sum..."),
    ("Clerk recalled from retirement", "MARIA OLSEN, who served as clerk of the assembly for 25 years, has been called "
     "back for one more session. A notice dated Decembe..."),
    ("New ferry timetable announced", "THE FERRY COMPANY will run two more crossings a day from March, the transport "
     "minister told reporters at the port on Monday afterno..."),
    ("Nurses urge more people to give blood", "WHEN YOU DONATE blood you help to save a life, the head of the blood "
     "bank said as the winter appeal opened in the capital this we..."),
]


def stage() -> BoilerplateStage:
    rules = [r for s in load_rules().sets if s.stage == "boilerplate" for r in s.rules]
    return BoilerplateStage([KINDS["block"].compile(r) for r in rules])


def run(text: str) -> str:
    return apply_edits(text, stage().find(text))


def teaser_list(byline: str) -> str:
    return "\n\n".join(f"{title}\n{byline}\n\n{excerpt}" for title, excerpt in TEASERS)


def blocks_of(text: str):
    profile = load_profile("en")
    blocks = [measure(i, line, profile) for i, line in enumerate(text.splitlines()) if line.strip()]
    from cleanup.boilerplate_features import classify
    for b in blocks:
        b.cls = classify(b, profile)
    return blocks, profile


def test_teasers_with_a_byline_between_them_after_an_article_are_removed():
    article = PROSE + PROSE[::-1]  # an article of some length (the list is not the page's content)
    page = "\n\n".join(article) + "\n\nShare this article\n\nAround the region\n\n" + teaser_list("Newsroom") + "\n"
    out = run(page)
    for p in PROSE:
        assert p in out
    for title, excerpt in TEASERS:
        assert title not in out and excerpt not in out
    assert "Newsroom" not in out


def test_delimited_teasers_count_only_after_prose():
    # the same list with nothing before it is what a listing page is made of: not teasers
    # by the delimiter rule (a page that is only a list may be what the reader came for)
    alone = teaser_list("Newsroom")
    after = "\n\n".join(PROSE + PROSE[::-1]) + "\n\n" + alone
    for text, expected in ((alone, False), (after, True)):
        blocks, profile = blocks_of(text)
        keys = short_keys(blocks, profile)
        delimiters = delimiter_lines(keys, Counter(keys.values()), profile)
        assert delimiters, "the repeated byline is a delimiter"
        found = teaser_runs(blocks, set(), profile, delimiters)
        titles = {k for k, b in enumerate(blocks) if b.text in dict(TEASERS)}
        assert (titles <= found) is expected


COMMENTS = [
    ("Jane Doe", "December 19, 2025, 4:13 am",
     "I have taken the tram to work for years and I am glad that it will finally reach the airport, "
     "because the bus that runs there now is slow and always full in the morning."),
    ("Dana_C", "December 19, 2025, 7:11 am",
     "The money would be better spent on the buses in the suburbs, where most of the people who need "
     "public transport actually live, and where the service has been cut twice."),
    ("Larry", "December 19, 2025, 8:13 am",
     "You have to remember that a tram line is built for fifty years, not for the next election, "
     "and that the airport will keep growing whatever anyone thinks of it now."),
    ("M. Okafor", "December 20, 2025 at 9:02 pm",
     "Does anyone know whether the meetings will be held in the evening as well, since most of the "
     "people on our street work during the day and cannot come to them?"),
]


def thread() -> str:
    return "\n\n".join(f"{name}\n{stamp}\n\n{text}" for name, stamp, text in COMMENTS)


def test_comment_thread_after_the_article_is_removed():
    page = "Trams to the airport\n\n" + "\n\n".join(PROSE) + "\n\n" + thread() + "\n"
    out = run(page)
    for p in PROSE:
        assert p in out
    for name, stamp, text in COMMENTS:
        assert text not in out and stamp not in out


def test_name_and_date_pairs_are_comment_headers_only_when_repeated():
    blocks, _ = blocks_of(thread())
    assert len(comment_headers(blocks, set())) == len(COMMENTS)
    byline = "Jane Doe\nDecember 19, 2025, 4:13 am\n\n" + "\n\n".join(PROSE)
    blocks, _ = blocks_of(byline)
    assert comment_headers(blocks, set()) == {}


def test_an_article_with_its_byline_and_date_is_kept():
    page = "Jane Doe\nDecember 19, 2025, 4:13 am\n\n" + "\n\n".join(PROSE) + "\n"
    out = run(page)
    for p in PROSE:
        assert p in out
