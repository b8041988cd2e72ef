"""RepeatedSentence's first pass (repetition._maybe_repeated) drops no finding.

The first pass compares each sentence's letters apart instead of its key; the test states what
the pass must agree with: the detector's findings with the pass switched off, and, for plain
text, the letters apart as a function of the key (the key's words split at their apostrophes).
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.detectors import repetition
from cleanup.detectors.repetition import RepeatedSentence
from cleanup.model import Rule

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Sentences that repeat, some only by their key (case, marks, digits glued to letters, apostrophes).
PIECES = ["He said it was fine.", "he said it was FINE!", "He said it was fine", "I was 3rd in the race today.",
          "I was 4th in the race today.", "I was in the race today.", "rock'n'roll3 is here to stay now.",
          "rock'n' is here to stay now.", "dogs' toys are all over the floor.", "dogs toys are all over the floor.",
          "snake_case names are not words here.", "names are not words here.", "’Tis the season to be jolly.",
          "Tis the season to be jolly.", "Café au lait is served here daily.", "Short one.", "Short one.",
          "a b c d e.", "A B C D E?", "x", "2016", " ", "  ", "\n", "—", "“", "”", "'", "’", "_", "-"]
texts = st.lists(st.sampled_from(PIECES), max_size=14).map(" ".join)
plain_chars = st.text(alphabet="ab'’3_ -.#A\n\t‘“”–…©°\u00a0xZ9", max_size=16)


def _rule(**data) -> Rule:
    return Rule(id="test.sentence", kind="detector", message="'{found}'", category="test", confidence=1.0,
                data=data)


def _spans(detector: RepeatedSentence, text: str) -> list[tuple]:
    return [(f.start, f.end, f.replacement, f.confidence) for f in detector.find(text)]


@SETTINGS
@given(texts, st.integers(min_value=1, max_value=6))
def test_first_pass_drops_no_finding(text, min_words):
    detector = RepeatedSentence(_rule(min_words=min_words))
    fast = _spans(detector, text)
    original = repetition._maybe_repeated
    repetition._maybe_repeated = lambda text, budget, min_words, matches: matches  # every sentence
    try:
        plain = _spans(detector, text)
    finally:
        repetition._maybe_repeated = original
    assert fast == plain


@SETTINGS
@given(plain_chars)
def test_letters_apart_are_a_function_of_the_key(sentence):
    key = " ".join(repetition._PLAIN_WORD.findall(sentence)).casefold()
    apart = sentence.encode("ascii", "replace").translate(repetition._LETTERS_APART)
    apart = b" ".join(repetition._GLUED.sub(b"", apart).split())
    assert apart.decode() == " ".join(key.replace("'", " ").replace("’", " ").split())


def test_a_sentence_said_twice_is_found_and_one_said_once_is_not():
    detector = RepeatedSentence(_rule(min_words=5))
    assert _spans(detector, "I was 3rd in the race today. I was 4th in the race today.")
    assert not _spans(detector, "I was 3rd in the race today. I was 4th in the race yesterday.")
