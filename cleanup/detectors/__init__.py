"""Detectors behind the `detector` rule kind, by name. Each: factory(rule) -> matcher
with `find(text) -> Iterator[Finding]`."""
from __future__ import annotations

from . import balance, fullwidth, pronouns, repetition, sentence_case, titlecase

DETECTORS = {
    "repeated_word": repetition.RepeatedWord,
    "repeated_in_clause": repetition.RepeatedInClause,
    "repeated_sentence": repetition.RepeatedSentence,
    "unbalanced": balance.Unbalanced,
    "title_case_word": titlecase.TitleCaseWord,
    "sentence_case": sentence_case.SentenceCase,
    "full_width_punctuation": fullwidth.FullWidthPunctuation,
    "pronoun_case": pronouns.PronounCase,
}
