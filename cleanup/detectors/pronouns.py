"""A pronoun in the wrong case where a clause starts ("Himself has said", "and itself
was announced"): before a finite verb, the subject form is meant.

`subject` (table: wrong form -> subject form) and `verbs` (finite verbs and
auxiliaries) come from the rule, with the verbs of the word-class data (`wordclass`). Possessive pronouns that can stand alone
("Mine is", "His was") are not in the table: they are grammatical there.

Many verbs are nouns too ("their needs", "your hopes", "Their trained movers"), so a form
in `possessive` (the possessive determiners) is fixed only before a verb of
`possessive_verbs` (auxiliaries and past tenses that are no nouns: "Its was", "Her said");
before another verb it is reported. A form in `standalone` ("his", "mine", "ours": possessives that
can stand for a noun: "His helped more", "Ours didn't show") is only reported, and not even that
before a verb of `standalone_verbs` ("His was the best", "Mine is red"); a form of `person_forms` ("his")
is fixed before a verb of `person_verbs` ("his added that": said of a person, not of a thing). A
clause also starts after a comma ("However, him coped"). A reflexive after one of
`reflexive_report_after` is reported ("a system that itself was flawed" is emphatic), unless the
word before is a verb or an adjective, no noun ("suggesting that itself was", "so different that
itself will": a clause starts). A form after one of `report_after` ("everyone but me had": "but" is
a preposition there; not a reflexive after ", but") or, unless it is a reflexive, after one of
`reflexive_only_after` ("named after her is"; but "before itself crashed") is reported; so is a
fix whose subject does not agree with the verb ("Your is aim" would give "You is"). A form in capitals ("ITS are": an
acronym) is left alone.
"""
from __future__ import annotations

import re
from typing import Iterator

import regex

from ..kinds import RuleError
from ..kinds.casing import ascii_key, text_key
from ..kinds.common import finding, match_case, timeout_for
from ..model import Finding, Rule
from .casing_pronoun_verb import PossessiveBeforeVerb
from .casing_wordpos import WordPos
from .wordclass import WordClass
from .text import word_set
from .wordtrie import WordStarts, trie_pattern

# the word before a form, the word before that one and whether a comma stands between them
_TWO_WORDS_BEFORE = regex.compile(r"(?:([\p{L}\p{N}]+)(,?)[ ]+)?(\p{L}+)[ ]+\Z")
_NEXT_VERB = regex.compile(r"(?:[ ]+not)?[ ]+(\p{L}+)")  # after an auxiliary: " not realize", " say"
_CLAUSE_START = r"(?:^|(?<=[.!?:;]['\"”’)]*[ ]+)|(?<=[\"“(][ ]*)|(?<=(?:^|[ ])(?:\L<conj>),?[ ]+)|(?<=,[ ]+))"


class PronounCase:
    def __init__(self, rule: Rule):
        d = rule.data
        table, verbs = d.get("subject"), d.get("verbs")
        if not isinstance(table, dict) or not table or not isinstance(verbs, list) or not verbs:
            raise RuleError("'subject' (a table) and 'verbs' (a list) are required")
        self.rule = rule
        self.table = {k.casefold(): v for k, v in table.items()}
        self.possessive = word_set(d, "possessive")
        self.possessive_verbs = word_set(d, "possessive_verbs")
        self.report_after = word_set(d, "report_after")
        self.standalone = word_set(d, "standalone")
        self.reflexive_report_after = word_set(d, "reflexive_report_after")
        self.reflexive_only_after = word_set(d, "reflexive_only_after")
        self.standalone_verbs = word_set(d, "standalone_verbs")
        # "his added that", "his agrees": verbs whose subject is a person, not a thing that "his"
        # could stand for ("his broke"): the subject form is meant
        self.person_forms = word_set(d, "person_forms")
        self.person_verbs = word_set(d, "person_verbs")
        # "Mine didn't realize", "yours can't say": an auxiliary, then a verb of `person_verbs`
        self.person_auxiliaries = word_set(d, "person_auxiliaries")
        # "His was greeted by", "when his was detained": a passive said of a person only
        self.person_passives = word_set(d, "person_passives")
        # "its will postpone", "Our will strive": a modal that is also a noun ("its will"), then a verb
        self.noun_modals = word_set(d, "noun_modals")
        self.report_confidence = float(d.get("report_confidence", 0.5))
        self.listed_verbs = {v.casefold() for v in verbs}
        if "wordclass" in d:
            # verbs of the word-class data too ("they tend", "he feared"): they never follow a
            # determiner, so after a possessive too they are verbs ("their tend" -> "they tend")
            lexicon = WordClass(d["wordclass"]).verbs()
            verbs = verbs + sorted(lexicon)
            # not "-ed": a participle is an adjective after a possessive too ("its included spoon")
            self.possessive_verbs |= {v for v in lexicon if not v.endswith(("ed", "en"))}
        # "them never have", "itself usually refers": an adverb may stand before the verb
        adverbs = d.get("adverbs", ["never"])
        self.pattern = regex.compile(
            _CLAUSE_START + r"(?P<p>\L<forms>)(?=[ ]+(?:(?:\L<adverbs>)[ ]+)?(?P<v>\L<verbs>)\b(?!['’\-]))",
            regex.IGNORECASE | regex.MULTILINE,
            forms=list(table), verbs=verbs, conj=d.get("conjunctions", ["and", "but"]), adverbs=adverbs)
        # A first pass over the text's ASCII key (kinds.casing.ascii_key): where a form starts, not
        # inside a word, with spaces and a verb after it (zero-width: every such position). The pattern (its clause-start look-behinds are slow
        # tried at every position) is tried only where that pass finds one.
        # (each list as a trie: a plain alternation of hundreds of verbs is tried one by one)
        keys = lambda words: trie_pattern({ascii_key(w) for w in words})
        # word classes of an inflection lexicon: "As my watched the", "them generally pay"
        self.by_class = PossessiveBeforeVerb(rule, WordPos(d["wordpos"])) if "wordpos" in d else None
        # (where a form starts as a word is found by WordStarts: a pattern with a look-behind first
        # was tried at every position)
        self.form_starts = WordStarts(ascii_key(w).decode() for w in table)
        self.first_pass = re.compile(rb"(?:" + keys(table) + rb") +(?:(?:" + keys(adverbs)
                                     + rb") +)?(?:" + keys(verbs) + rb")")

    def _matches(self, text: str) -> Iterator[regex.Match]:
        """What `self.pattern.finditer(text)` finds (a match starts where its form does)."""
        budget, done = timeout_for(text), 0
        key = text_key(text)
        for start in self.form_starts.starts(key):
            if start < done or self.first_pass.match(key, start) is None:
                continue
            m = self.pattern.match(text, start, timeout=budget)
            if m is not None:
                done = m.end()
                yield m

    def find(self, text: str) -> Iterator[Finding]:
        starts = set()
        for f in self._find(text):
            starts.add(f.start)
            yield f
        if self.by_class is not None:
            yield from (f for f in self.by_class.find(text) if f.start not in starts)

    def _find(self, text: str) -> Iterator[Finding]:
        for m in self._matches(text):
            found = m.group("p")
            if len(found) > 1 and found.isupper():
                continue  # "ITS", "US": an acronym
            key = found.casefold()
            target = self.table[key]
            verb = m.group("v").casefold()
            if verb not in self.listed_verbs and not m.group("v").islower():
                continue  # "Its LED light", "My AI assistant": a word of the data in capitals is no verb
            before = _TWO_WORDS_BEFORE.search(text[max(0, m.start("p") - 40):m.start("p")])
            word_before = None if before is None else before.group(3).casefold()
            if key in self.standalone and verb in self.standalone_verbs and not (
                    key in self.person_forms and self._passive_of_person(text, m)):
                continue  # "His was the best", "Mine is red": grammatical
            weak = (key in self.standalone and not (key in self.person_forms and self._said_of_person(text, m, verb))
                    or key in self.possessive and verb not in self.possessive_verbs and not self._modal_then_verb(text, m, verb)
                    or word_before in self.report_after and not self._clause_conjunction(before, key)
                    # "named after her is": a preposition too; "before itself crashed": a clause
                    or word_before in self.reflexive_only_after and not key.endswith(("self", "selves"))
                    or key.endswith(("self", "selves")) and (
                        word_before in self.reflexive_report_after and not self._after_verb(before)
                        # "The city, itself founded in 1900": a participle, not a finite verb
                        or verb.endswith(("ed", "en")) and verb not in self.listed_verbs)
                    or not _agrees(target.casefold(), verb)
                    # "the kids, them included, left": a participle phrase
                    or verb.endswith("ed") and text[m.end("v"):m.end("v") + 1] in (",", ")")
                    and text[max(0, m.start("p") - 2):m.start("p")].strip() in (",", "("))
            replacement = target if target == "I" else match_case(found, target)
            if found[:1].islower() and target != "I":
                replacement = replacement[:1].lower() + replacement[1:]
            if replacement != found:
                yield finding(self.rule, m.start("p"), m.end("p"), replacement,
                              self.rule.message.format(found=found, replacement=replacement),
                              confidence=self.report_confidence if weak else None)


    def _said_of_person(self, text: str, m: regex.Match, verb: str) -> bool:
        """Is the verb after the form said of a person ("his added", "ours want", "mine didn't realize")?"""
        if verb in self.person_verbs or verb in self.standalone_verbs and self._passive_of_person(text, m):
            return True
        nxt = _NEXT_VERB.match(text, m.end("v"))
        return verb in self.person_auxiliaries and nxt is not None and nxt.group(1).casefold() in self.person_verbs

    def _modal_then_verb(self, text: str, m: regex.Match, verb: str) -> bool:
        """"its will postpone": a modal that is a noun too, then a word that is only a verb."""
        if verb not in self.noun_modals or self.by_class is None:
            return False
        nxt = _NEXT_VERB.match(text, m.end("v"))
        return nxt is not None and self.by_class.wordpos.is_verb_only(nxt.group(1))

    def _passive_of_person(self, text: str, m: regex.Match) -> bool:
        """"His was greeted", "his was detained": a passive verb said of a person, not of a thing."""
        nxt = _NEXT_VERB.match(text, m.end("v"))
        return nxt is not None and nxt.group(1).casefold() in self.person_passives

    def _clause_conjunction(self, before: regex.Match, key: str) -> bool:
        """", but itself was lost": "but" after a comma joins two clauses, before a reflexive (not
        a preposition: "everyone but me had")."""
        return key.endswith(("self", "selves")) and before.group(2) == ","

    def _after_verb(self, before: regex.Match) -> bool:
        """"suggesting that itself was", "so different that itself will": "that" after a verb or an
        adjective starts a clause (not after a noun: "a system that itself was flawed")."""
        if before.group(1) is None or before.group(2) or self.by_class is None:
            return False
        classes = self.by_class.wordpos.classes(before.group(1).casefold())
        return bool(classes) and "n" not in classes


_SINGULAR_VERBS = {"is", "has", "does", "isn't", "hasn't", "doesn't", "was", "wasn't"}
_PLURAL_VERBS = {"are", "were", "have", "do", "aren't", "weren't", "haven't", "don't"}


def _agrees(subject: str, verb: str) -> bool:
    """Does the subject pronoun agree with the verb ("it was", not "you is")?"""
    if subject in ("he", "she", "it"):
        return verb not in _PLURAL_VERBS
    if subject == "i":
        return verb not in ("is", "are", "has", "does", "isn't", "aren't", "hasn't", "doesn't", "were", "weren't")
    return verb not in _SINGULAR_VERBS  # you, we, they
