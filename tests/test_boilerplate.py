"""Behaviour of the boilerplate stage: real article text kept word for word,
boilerplate of many kinds of sites removed, idempotent, protected spans respected."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import cleanup
from cleanup.boilerplate import BoilerplateStage
from cleanup.edits import apply_edits
from cleanup.kinds import KINDS
from cleanup.rulesets import load_rules

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "004_9770777cebd9044c.txt"

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


def stage() -> BoilerplateStage:
    rules = [r for s in load_rules().sets if s.stage == "boilerplate" for r in s.rules]
    return BoilerplateStage([KINDS["block"].compile(r) for r in rules])


def run(text: str, protected=()) -> str:
    return apply_edits(text, stage().find(text, protected))


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.is_file():
        pytest.skip("seed file not available")
    return SEED.read_text(encoding="utf-8")


def test_seed_body_kept_word_for_word_and_boilerplate_gone(seed):
    out = cleanup.clean(seed, grammar=False).text
    flat = seed.replace("\xa0", " ")
    body = flat[flat.index("Nvidia CEO Jensen Huang called") : flat.index("members promo splash")]
    caption_lines = {"Nvidia founder and CEO Jensen Huang.", "Nvidia founder and CEO Jensen Huang. File photo: Nvidia.",
                     "He Lifeng", "Vice Premier He Lifeng. File photo: World Economic Forum, via Flickr."}
    article = [ln for ln in body.splitlines() if ln.strip() and ln.strip() not in caption_lines]
    # every word of the article, in order, and nothing else
    assert words(out) == words("\n".join(article))
    assert "‘Multiple risks intertwining’" in out
    for gone in ["File photo", "members promo splash", "Support HKFP", "HK$", "Dateline", "Trust Project",
                 "Google Play", "YouTube video", "Ethics Code"]:
        assert gone not in out, gone


def test_seed_every_removal_is_explained(seed):
    result = cleanup.clean(seed, grammar=False)
    removals = [f for f in result.findings if f.category == "boilerplate" and f.applied]
    assert removals
    for f in removals:
        assert f.rule.startswith("boilerplate.") and f.message and f.replacement == ""


MADE_UP_SITE = """Skip to main content
Menu
World
Business
Opinion
Sport
Sign in
Home › News › Transport
Tram line to reach the airport by 2029
By Maria Jensen Published: March 3, 2025
5 min read
Share this article
{p0}

{p1}

Photo: A tram in the city centre. Jane Doe/Getty Images

{p2}

Advertisement

{p3}

Related Stories
Bus fares to rise in June
New cycle lanes open downtown
Leave a Reply
Your email address will not be published. Required fields are marked *
Sign up for our daily newsletter
We use cookies to give you the best experience. By continuing you agree to our cookie policy.
Accept Reject Read More
About Us | Careers | Privacy Policy | Terms of Use | Contact
© 2025 The Example Courier. All rights reserved.
""".format(p0=PROSE[0], p1=PROSE[1], p2=PROSE[2], p3=PROSE[3])


def test_made_up_site_boilerplate_removed_body_kept():
    out = run(MADE_UP_SITE)
    for p in PROSE:
        assert p in out
    for gone in ["Skip to main content", "Sign in", "Home › News", "Published:", "5 min read", "Share this article",
                 "Getty Images", "Advertisement", "Related Stories", "Bus fares", "Leave a Reply",
                 "Required fields", "newsletter", "cookies", "Accept Reject", "Careers", "All rights reserved"]:
        assert gone not in out, gone
    assert words(out) == words("\n".join(PROSE))  # the headline goes too: it is outside the body


ANOTHER_SITE = """Recipes
Healthy Eating
Newsletters
Shop
{p0}
{p1}
Credit: The Example Kitchen
{p2}
{p3}
We may earn a commission when you buy through links on this page.
$24 at Amazon
You may also like
The best pans for searing
How to store fresh herbs
Follow us on Instagram, Facebook and Pinterest
""".format(p0=PROSE[0], p1=PROSE[1], p2=PROSE[2], p3=PROSE[3])


def test_another_site_without_blank_lines():
    out = run(ANOTHER_SITE)
    for p in PROSE:
        assert p in out
    for gone in ["Recipes", "Newsletters", "Credit:", "commission", "$24 at Amazon", "You may also like",
                 "The best pans", "Follow us"]:
        assert gone not in out, gone


PROSE_WITH_BOILERPLATE_WORDS = [
    "The advertisement ran for three weeks before regulators ordered it withdrawn from every station.",
    "Share prices fell sharply on Monday after the results were published, wiping out a year of gains.",
    "She declined to comment on the report when reached by phone on Tuesday afternoon.",
    "Members of the committee get few benefits beyond a modest allowance, the report found.",
    "By the end of the year, the company had hired more than 2,000 people in three countries.",
    "Copyright law has not kept pace with generative models, the judge wrote in her ruling.",
    "The union said it would support the workers and their families until the dispute was resolved.",
    "Related stories circulated for days, but none of them could be confirmed by the police.",
    "Subscribers to the newsletter grew by a third last year, the company said in a statement.",
]


def test_prose_with_boilerplate_words_kept():
    doc = "\n\n".join(PROSE[:2] + PROSE_WITH_BOILERPLATE_WORDS + PROSE[2:]) + "\n"
    assert run(doc) == doc


def test_short_headings_inside_the_article_kept():
    doc = "\n\n".join([PROSE[0], "What happens next", PROSE[1], "‘A decade of delays’", PROSE[2],
                       "Who pays", PROSE[3], "Conclusion", PROSE[0]]) + "\n"
    assert run(doc) == doc


@pytest.mark.parametrize("text", [MADE_UP_SITE, ANOTHER_SITE])
def test_idempotent(text):
    once = run(text)
    assert run(once) == once


def test_idempotent_on_seed(seed):
    once = cleanup.clean(seed, grammar=False).text
    assert cleanup.clean(once, grammar=False).text == once


def test_protected_spans_respected():
    text = MADE_UP_SITE
    start = text.index("Advertisement")
    protected = [(start, start + len("Advertisement"))]
    findings = stage().find(text, protected)
    assert all(f.end <= protected[0][0] or f.start >= protected[0][1] or
               text[f.start:f.end].strip() == "" for f in findings if f.replacement == "")
    assert "Advertisement" in apply_edits(text, findings)


def test_protected_caption_keeps_its_pair():
    text = "Body.\n\nJensen Huang.\nJensen Huang. Photo: Nvidia.\n\nMore body.\n"
    start = text.index("Photo: Nvidia")
    out = apply_edits(text, stage().find(text, [(start, start + 5)]))
    assert "Photo: Nvidia" in out


def test_short_document_only_rules():
    text = "Just a note.\nHome\nAnother line.\n"
    assert run(text) == "Just a note.\nAnother line.\n"


def test_stage_without_rules_keeps_prose_only_page():
    doc = "\n\n".join(PROSE * 3) + "\n"
    assert BoilerplateStage([]).find(doc) == []


COMMENTED_POST = """{p0}

{p1}

{p2}

{p3}

Share this:
12 Comments
Jenny says
August 12, 2018 at 8:57 am
Great projects to make, I will be featuring this tonight at our weekly party, hope to see you there!
Reply
Jim says
November 4, 2018 at 5:08 am
Love the benches and the lanterns, they look like something my father would have built for our cabin.
Reply
""".format(p0=PROSE[0], p1=PROSE[1], p2=PROSE[2], p3=PROSE[3])


def test_comment_thread_after_the_article_goes():
    out = run(COMMENTED_POST)
    assert words(out) == words("\n".join(PROSE))


def test_share_row_in_the_middle_of_a_long_article_does_not_end_it():
    doc = "\n\n".join(PROSE[:2] + ["Share this article"] + PROSE[2:] + PROSE) + "\n"
    out = run(doc)
    assert words(out) == words("\n".join(PROSE[:2] + PROSE[2:] + PROSE))


def test_hostile_user_rule_times_out_and_is_named():
    from cleanup.model import Rule

    rule = Rule(id="user.evil", kind="block", message="m", category="boilerplate",
                data={"pattern": "(?:a|a)+b", "max_words": 5}, source="/tmp/user.toml")
    st = BoilerplateStage([KINDS["block"].compile(rule)], features=False)
    text = "Body.\n" + "a" * 40 + "!\nMore.\n"
    assert st.find(text) == []
    assert st.timed_out == ["user.evil"]
    st.find("Body.\n")
    assert st.timed_out == []  # cleared at the start of each run


def test_combined_rules_agree_with_rules_one_by_one():
    st = stage()
    for doc in (MADE_UP_SITE, ANOTHER_SITE, COMMENTED_POST):
        lines = doc.splitlines()
        for i, line in enumerate(lines):
            if not line.strip():
                continue
            n = len(line.split())
            expected = next(((m.rule.id, m.match(lines, i, n)) for m in st.matchers
                             if n <= m.max_words and m.match(lines, i, n)), None)
            found = st.runner.match(lines, i, n)
            assert (found and (found[0].rule.id, found[1])) == expected, line


def test_long_run_of_short_lines_is_linear():
    import time

    # (boilerplate in the middle: the removal of a long tail is cleanup.lines' business)
    doc = "\n".join(PROSE) + "\n" + "Home\nAbout us\nA short line of the menu\n" * 20_000 + "\n".join(PROSE)
    t0 = time.perf_counter()
    stage().find(doc)
    assert time.perf_counter() - t0 < 10


TEASERS = "\n".join(f"{t}\n{s}" for t, s in [
    ("Bus fares to rise in June", "The city will raise fares for the first time in a decade."),
    ("New cycle lanes open downtown", "Riders can now cross the centre without sharing the road."),
    ("Night trams return", "The service had been suspended since the pandemic began."),
    ("Airport parking doubles", "A new garage opens next to the terminal in the autumn."),
])


def test_teaser_run_after_the_article_goes():
    doc = "\n\n".join(PROSE) + "\n\nMore from the city desk\n" + TEASERS + "\n"
    out = run(doc)
    assert words(out) == words("\n".join(PROSE))


def test_teaser_run_before_the_article_goes():
    doc = TEASERS + "\n" + "\n\n".join(PROSE * 2) + "\n"
    out = run(doc)
    assert words(out) == words("\n".join(PROSE * 2))


def test_sections_with_paragraphs_are_not_teasers():
    doc = "\n".join(f"Section {n}\n{p} {p}" for n, p in enumerate(PROSE * 2)) + "\n"
    # (the first heading is before the article's region, as a headline is)
    assert run(doc) == doc[doc.index("\n") + 1:]


def test_article_resumes_after_a_box_of_links_inside_it():
    doc = "\n\n".join(PROSE * 2 + ["Related Articles", "Bus fares to rise in June",
                                   "New cycle lanes open downtown"] + PROSE[:2]) + "\n"
    out = run(doc)
    assert words(out) == words("\n".join(PROSE * 2 + PROSE[:2]))


def test_comment_thread_with_says_headers_goes():
    doc = "\n\n".join(PROSE * 2) + "\n\n" + "\n".join([
        "Josh Simi says", "September 22, 2020 at 9:35 pm", PROSE[0], "reply to comment",
        "Balu says:", "About time, and a good thing too for everyone who lives out by the airport.",
        "reply to comment"]) + "\n"
    out = run(doc)
    assert words(out) == words("\n".join(PROSE * 2))


COMMENTS = [("Marta Kowalski", "This is exactly what our street has been asking for since the buses were cut."),
            ("Dev", "I would rather they fixed the potholes on the ring road before anything else."),
            ("Oskar", "Twenty years too late, but I am glad the council finally made up its mind."),
            ("Lena B.", "Does anyone know whether the meetings will be recorded for those of us who work late?")]


def test_comment_thread_longer_than_the_article_goes():
    thread = "\n".join(f"{name} says:\nMarch 3, 2025 at 9:1{n} pm\n{text} {text} {text}\nreply to comment"
                       for n, (name, text) in enumerate(COMMENTS * 2))
    doc = "\n\n".join(PROSE) + "\n\n12 Comments\n" + thread + "\n"
    out = run(doc)
    assert words(out) == words("\n".join(PROSE))


def test_footer_cluster_ends_the_article_before_bio_and_teasers():
    bio = ("Jane Doe has covered transport for the paper since 2011, and before that she reported on "
           "housing and planning for a regional weekly in the north of the country for many years.")
    doc = "\n\n".join(PROSE * 2) + "\n\nShare this article\nAbout the Author\n" + bio + "\nRelated Stories\n" \
        + "\n".join([TEASERS] * 3) + "\n"
    out = run(doc)
    assert words(out)[:len(words("\n".join(PROSE * 2)))] == words("\n".join(PROSE * 2))
    assert "Jane Doe" not in out and "Share this" not in out


def test_share_row_and_related_box_inside_an_article_do_not_end_it():
    doc = "\n\n".join(PROSE[:2]) + "\n\nShare this article\nRelated Stories\nBus fares to rise in June\n\n" \
        + "\n\n".join(PROSE[2:] + PROSE) + "\n"
    out = run(doc)
    assert words(out) == words("\n".join(PROSE + PROSE))


def test_list_of_dated_titles_after_the_article_goes():
    # long titles full of function words, each ending with its date: a list of articles, not prose
    titles = [f"What is the best way to get to the airport when the trams are not running? - {d} March 2025"
              for d in range(1, 9)] + [f"How the city plans to pay for all of the new lines over the next decade - {d} May 2024"
                                        for d in range(1, 9)]
    doc = "\n\n".join(PROSE) + "\n\nRelated Stories\n" + "\n".join(titles) + "\n"
    out = run(doc)
    assert words(out) == words("\n".join(PROSE))


AUTHOR_BIO = ("Jane Doe is a freelance writer and editor who has covered transport and city planning "
              "for regional newspapers and magazines for more than ten years.")
PROMO = ("Get our free guide to the city and find out about the best places to eat, shop and stay this "
         "summer, with a new list of ideas every single week of the year.")


def test_author_bio_after_the_article_ends_it():
    # a name on its own line, then a paragraph about that person: an author box without a heading
    doc = "\n\n".join(PROSE * 2) + "\n\nJane Doe\n" + AUTHOR_BIO + "\n\n" + PROMO + "\n"
    out = run(doc)
    assert words(out) == words("\n".join(PROSE * 2))


def test_author_bio_without_name_line_ends_the_article_after_it():
    # conservative: the paragraph may be the article's own last word on its author
    doc = "\n\n".join(PROSE * 2) + "\n\n" + AUTHOR_BIO + "\n\n" + PROMO + "\n"
    out = run(doc)
    assert words(out) == words("\n".join(PROSE * 2 + [AUTHOR_BIO]))


def test_person_introduced_inside_an_article_is_kept():
    # the same paragraph followed by much more of the article: an interview introducing its guest
    doc = "\n\n".join(PROSE[:2]) + "\n\nJane Doe\n" + AUTHOR_BIO + "\n\n" + "\n\n".join(PROSE[2:] + PROSE) + "\n"
    assert run(doc) == doc


def test_list_of_named_entries_is_not_an_author_bio():
    # many "<Name> / <Name> is a …" entries: a list of people or products, the page's content
    entries = [f"{name}\n{name} is a {trade} who has worked with the city on its transport plans for years, "
               f"and she still visits the depot every week to see how the new trams are getting on."
               for name, trade in (("Ann Lee", "writer"), ("Bea Cole", "consultant"), ("Cy Dunn", "researcher"))]
    doc = "\n\n".join(PROSE) + "\n\n" + "\n\n".join(entries) + "\n"
    assert run(doc) == doc


def test_author_bio_before_a_comment_thread_is_cut_in_one_run():
    # the thread after the bio is cut as a thread; the bio then ends the article at once, so a
    # second run over the output changes nothing
    thread = "\n".join(f"{name} says:\nMarch 3, 2025 at 9:1{n} pm\n{text} {text} {text}\nreply to comment"
                       for n, (name, text) in enumerate(COMMENTS * 2))
    doc = "\n\n".join(PROSE * 2) + "\n\nJane Doe\n" + AUTHOR_BIO + "\n\n" + PROMO + "\n\n12 Comments\n" + thread + "\n"
    out = run(doc)
    assert words(out) == words("\n".join(PROSE * 2))
    assert run(out) == out
