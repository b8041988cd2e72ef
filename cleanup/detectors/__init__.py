"""Detectors behind the `detector` rule kind, by name. Each: factory(rule) -> matcher
with `find(text) -> Iterator[Finding]`."""
from __future__ import annotations

from . import balance, fullwidth, pronoun_object, pronouns, repetition, sentence_case, subject_noun, titlecase

DETECTORS = {
    "repeated_word": repetition.RepeatedWord,
    "repeated_in_clause": repetition.RepeatedInClause,
    "repeated_sentence": repetition.RepeatedSentence,
    "unbalanced": balance.Unbalanced,
    "title_case_word": titlecase.TitleCaseWord,
    "sentence_case": sentence_case.SentenceCase,
    "full_width_punctuation": fullwidth.FullWidthPunctuation,
    "pronoun_case": pronouns.PronounCase,
    "pronoun_object": pronoun_object.PronounObject,
    "subject_before_noun": subject_noun.SubjectBeforeNoun,
}
