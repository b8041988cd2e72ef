"""A pronoun in the wrong form after a preposition ("in he personal life", "on him farm",
"lost control of himself car", "with they" ): after a preposition English takes the object
form ("with him") or, before the noun it owns, the possessive ("in his personal life").

`forms` (table: wrong form -> [object form, possessive form]; "" = none) and `prepositions`
come from the rule. The word after the pronoun decides which form is meant:
- a subject form before a word of `owned_words` ("in they first training", "to they own"):
  the possessive;
- a mark or the line's end, a word of `function_words` ("and", "is", "too"), or after a
  subject form a verb of the word-class data ("all of they make"): the object
  form ("years younger than he," is not here: "than" is no preposition in the list);
- a lower-case content word ("his personal", "their two sons", "its true color"): the
  possessive form;
- anything else (a capital, a digit, a word ending in -ly or -ing: "to him Monday", "for
  him personally", "about himself being"): nothing.
A form whose object form is itself ("to him", "for itself") is changed only before a
content word. After a preposition of `partitive` ("all of them make", "many of them
foreigners") a possessive is reported, except for a reflexive ("of himself car"). A reflexive
after one of `reflexive_idioms` ("by itself", "in itself") is left alone; so is a capitalised
form in mid-sentence ("the likes of They Are Billions"). Forms in `report_forms` ("I": "from A
to I", "close to I think") are only reported.
A finding is applied at the rule's confidence; a possessive made from a form that could
also be right before that word (`report_possessive`, e.g. "it": "compared to it last
year") is reported, unless the form is one of `noun_owners` and that word a singular noun of
the word-class data (`wordclass`: "on him farm") or only a noun in the inflection lexicon
(`wordpos`: "to him suspension"); so is a subject form (`subject_forms`) after a preposition that also ends
a phrasal verb (`particles`: "Later on he became", "when he came in they left"), unless a noun
of the word-class data follows ("in she eyes": no verb can follow there).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..kinds import RuleError
from ..kinds.casing import text_key
from ..kinds.common import finding, match_case
from ..model import Finding, Rule
from .casing_pronoun_verb import ReflexiveMismatch, SubjectAfterVerb
from .casing_wordpos import WordPos
from .wordclass import WordClass
from .text import word_set
from .wordtrie import trie_pattern

_WORD_BYTE = [48 <= b <= 57 or 97 <= b <= 122 for b in range(256)]  # [a-z0-9], by byte
_LETTER_BYTE = [97 <= b <= 122 for b in range(256)]  # [a-z], by byte
_NEXT = re.compile(r"[ ]+([^\W\d_]+(?:['’][^\W\d_]+)?)|[ ]*([,.;:!?)\"”]|$)", re.MULTILINE)


class PronounObject:
    def __init__(self, rule: Rule):
        d = rule.data
        forms, preps = d.get("forms"), d.get("prepositions")
        if not isinstance(forms, dict) or not forms or not isinstance(preps, list) or not preps:
            raise RuleError("'forms' (a table: form = [object, possessive]) and 'prepositions' (a list) are required")
        self.rule = rule
        self.forms = {k.casefold(): (v[0], v[1]) for k, v in forms.items()}
        self.prepositions = {w.casefold() for w in preps}
        self.function_words = word_set(d, "function_words")
        self.report_possessive = word_set(d, "report_possessive")
        self.report_confidence = float(d.get("report_confidence", 0.5))
        self.subject_forms = word_set(d, "subject_forms")
        self.particles = word_set(d, "particles")
        self.partitive = word_set(d, "partitive")
        self.reflexive_idioms = word_set(d, "reflexive_idioms")
        self.report_forms = word_set(d, "report_forms")
        self.classes = WordClass(d["wordclass"]) if "wordclass" in d else None
        self.noun_owners = word_set(d, "noun_owners")
        self.owned_words = word_set(d, "owned_words")
        # One pass over the text's ASCII key (kinds.casing.text_key: lower-case, one byte per
        # character, so offsets are the text's): a preposition, one space, a form, a word's end.
        # Only " form" is searched (a space first: fast); the word before it is looked up in the
        # prepositions in find(). A pattern with the prepositions first was 5-10x slower.
        self.pattern = re.compile(rb" (?P<p>" + trie_pattern(w.encode() for w in {w.casefold() for w in forms})
                                  + rb")(?![a-z0-9'\-])")  # (a trie: a plain alternation is tried branch by branch)
        self.preposition_bytes = {w.encode() for w in self.prepositions}
        # "then squeeze they together": the object of a verb (word classes of an inflection lexicon)
        self.wordpos = WordPos(d["wordpos"]) if "wordpos" in d else None
        self.after_verb = SubjectAfterVerb(rule, self.wordpos) if self.wordpos is not None else None
        # "she had beaten itself": a reflexive that does not agree with the subject
        self.reflexive = ReflexiveMismatch(rule, WordPos(d["wordpos"])) if "reflexive_object" in d else None

    def _verb(self, word: str | None) -> bool:
        return word is not None and self.classes is not None and word.islower() and self.classes.is_verb(word)

    def _singular_noun(self, word: str) -> bool:
        """A noun of the word-class data, or only a noun in the inflection lexicon ("suspension"), not in -s."""
        if word.endswith("s"):
            return False
        return self._noun(word) or self.wordpos is not None and self.wordpos.classes(word) == "n"

    def _never_verb(self, word: str | None) -> bool:
        """A word of `owned_words` ("first", "own"), or a noun or adjective only in the inflection lexicon."""
        return word is not None and word.islower() and (
            word in self.owned_words or self.wordpos is not None and word in self.wordpos.table
            and self.wordpos.is_noun_only(word))

    def _noun(self, word: str | None) -> bool:
        return word is not None and self.classes is not None and word.islower() and self.classes.is_noun(word)

    def find(self, text: str) -> Iterator[Finding]:
        yield from self._after_prepositions(text)
        if self.after_verb is not None:
            yield from self.after_verb.find(text)
        if self.reflexive is not None:
            yield from self.reflexive.find(text)

    def _after_prepositions(self, text: str) -> Iterator[Finding]:
        key_text = text_key(text)
        for m in self.pattern.finditer(key_text):
            i = m.start()
            while i > 0 and _LETTER_BYTE[key_text[i - 1]]:
                i -= 1
            if key_text[i:m.start()] not in self.preposition_bytes or i > 0 and _WORD_BYTE[key_text[i - 1]]:
                continue  # not after a preposition ("2in him": not a word)
            before = key_text[i:m.start()].decode()
            found = text[m.start("p"):m.end("p")]
            if len(found) > 1 and found.isupper():
                continue  # "US", "IT": an acronym
            key = found.casefold()
            obj, poss = self.forms[key]
            after = _NEXT.match(text, m.end())
            if after is None:
                continue
            word = after.group(1)
            # "Later on he became": "on" may end a phrasal verb; not before a noun ("in she eyes")
            # (nor before an owned word or one that is never a verb: "in they first", "in he beloved")
            confidence_cap = (self.report_confidence if key in self.subject_forms and before in self.particles
                              and not self._noun(word) and not self._never_verb(word) else None)
            reflexive = key.endswith(("self", "selves"))
            if reflexive and before in self.reflexive_idioms:
                continue  # "by itself", "in itself": alone, as such
            if found[:1].isupper() and key != "i" and m.start("p") > 0:
                continue  # "the likes of They Are Billions", "the idea of She": a title or a name
            if key in self.subject_forms and word in self.owned_words:
                target, confidence = poss, None  # "in they first training", "to they own"
            elif word is None or word.casefold() in self.function_words or key in self.subject_forms and self._verb(word):
                target, confidence = obj, None  # "with they." -> "with them."; "all of they make" -> "them"
            elif word.islower() and not word.endswith(("ly", "ing")):
                target = poss
                # "on him farm": a noun of the word-class data, singular, is owned ("among them courses" is a list)
                owned = key in self.noun_owners and self._singular_noun(word)
                # "all of them make" (partitive); "the end of we work" is no partitive: a subject form
                weak = (key in self.report_possessive and not owned
                        or before in self.partitive and not reflexive and key not in self.subject_forms)
                confidence = self.report_confidence if weak else None
            else:
                continue
            if not target or target.casefold() == key:
                continue
            if confidence_cap is not None or key in self.report_forms:
                confidence = self.report_confidence
            replacement = target if key == "i" else match_case(found, target)
            message = self.rule.message.format(found=found, replacement=replacement)
            yield finding(self.rule, m.start("p"), m.end("p"), replacement, message, confidence)
