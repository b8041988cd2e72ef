"""Pronoun forms that the word class of their neighbours decides (rules/data/wordpos.tsv, an
inflection lexicon: see casing_wordpos.py). Two checks, each used by a pronoun detector:

- `PossessiveBeforeVerb` (for mt-case.pronoun): a possessive determiner before a word that can
  only be a verb, itself followed by what a verb takes ("As my watched the eclipse", "their tend
  to" -> "I", "they"): a possessive owns a noun, and no noun is there. Not a
  word in -ing ("my watching the game" is a gerund), not one that could also be a noun or an
  adjective ("its included spoon"), only a past form in -ed or a verb of the corpus word classes
  (wordclass.py: "they tend"; the lexicon lacks some nouns: "my carry on"), and not where the subject would not agree ("their
  tends").
  An object form at the start of a clause before a word that can be a verb ("2009, them
  generally pay", "Them usually offer" -> "they"): an object form never starts a clause, and
  no noun can follow it there. Not before -ing or -ed ("him being late", "them included").
- `SubjectAfterVerb` (for mt-case.pronoun-object): a subject form right after a word that can
  only be a verb, before a mark or a particle ("then squeeze they together", "that follows
  they." -> "them"): the object of the verb. Not after auxiliaries and verbs of saying
  ("so did they.", "said he.": inverted subjects).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..kinds.casing import text_key
from ..kinds.common import finding, match_case
from ..model import Finding, Rule
from .casing_wordpos import WordPos
from .wordtrie import WordStarts, trie_pattern
from .text import word_set
from .wordclass import WordClass

_NEXT_WORD = re.compile(rb" ([a-z]+)")
_PARTICLES = {"in", "on", "at", "up", "down", "out", "off", "over", "for", "with", "from", "about", "into", "of", "by"}
_WORD_END = re.compile(rb"(?:^|(?<=[^a-z0-9']))([a-z]+)$")  # the word that ends the searched span
_WORD_BYTE = [48 <= b <= 57 or 97 <= b <= 122 or b == 39 for b in range(256)]  # [a-z0-9'], by byte
_MARK_ENDS = re.compile(r"[,.;:!?](?!\w)")  # a mark, not "they’re" (in the key: "they?re")


def _trie(words) -> bytes:
    """The words as one pattern in the shape of a trie (fast where a plain alternation is not)."""
    return trie_pattern(w.encode() for w in words)


class PossessiveBeforeVerb:
    def __init__(self, rule: Rule, wordpos: WordPos):
        d = rule.data
        self.rule = rule
        self.wordpos = wordpos
        self.forms = {k.casefold(): v for k, v in d.get("possessive_subject", {}).items()}
        self.objects = {k.casefold(): v for k, v in d.get("object_subject", {}).items()}
        self.classes = WordClass(d["wordclass"]) if "wordclass" in d else None
        self.takes = word_set(d, "verb_takes")  # what follows a verb: "the", "to", "it"
        self.adverbs = word_set(d, "adverbs")
        self.clause_before = word_set(d, "conjunctions")
        # over the text's ASCII key (lower-case, same offsets), where a form starts: the form,
        # one space, a word, and for a possessive a word a verb takes
        self.possessive = re.compile(rb"(" + _trie(self.forms) + rb") ([a-z]+)(?= (" + _trie(self.takes)
                                     + rb")(?![a-z0-9']))")
        self.object = re.compile(rb"(" + _trie(self.objects) + rb") ([a-z]+)(?![a-z0-9'])")
        self.starts = WordStarts(set(self.forms) | set(self.objects))
        self.prev_word = re.compile(rb"([a-z']+) $")

    def find(self, text: str) -> Iterator[Finding]:
        key = text_key(text)
        for pos in self.starts.starts(key):
            m = self.possessive.match(key, pos) or self.object.match(key, pos)
            f = None if m is None else self._check(text, key, m)
            if f is not None:
                yield f

    def _check(self, text: str, key: bytes, m: re.Match) -> Finding | None:
        form, word = m.group(1).decode(), m.group(2).decode()
        found = text[m.start(1):m.end(1)]
        if len(found) > 1 and found.isupper() or not text[m.start(2):m.end(2)].islower():
            return None  # "ITS", "US": acronyms; "my AI": a name
        if form in self.forms:
            return self._possessive(text, m, found, word)
        return self._object(text, key, m, found, word)

    def _possessive(self, text: str, m: re.Match, found: str, word: str) -> Finding | None:
        if not self.wordpos.is_verb_only(word) or word.endswith("ing"):
            return None
        if not word.endswith("ed") and (self.classes is None or not self.classes.is_verb(word)
                                        or m.group(3).decode() in _PARTICLES):
            # a base form may still be a noun the lexicon lacks ("my complete guide"), or one of a
            # compound before a particle ("my carry on"); "their tend to" is a verb
            return None
        target = self.forms[found.casefold()]
        if target.casefold() != "it" and word.endswith("s") and not word.endswith("ss"):
            return None  # "their tends": the fix would not agree either
        return self._finding(m, found, target, f"'{found}' owns no noun here: '{word}' is a verb")

    def _object(self, text: str, key: bytes, m: re.Match, found: str, word: str) -> Finding | None:
        if word in self.adverbs:  # "them generally pay": the verb comes after the adverb
            nxt = _NEXT_WORD.match(key, m.end(2))
            if nxt is None:
                return None
            word = nxt.group(1).decode()
        if not self.wordpos.may_be_verb(word) or word.endswith(("ing", "ed", "en")):
            return None
        if not self._clause_start(text, key, m.start(1)):
            return None
        target = self.objects[found.casefold()]
        return self._finding(m, found, target, f"'{found}' starts a clause before the verb '{word}'")

    def _clause_start(self, text: str, key: bytes, pos: int) -> bool:
        """A sentence start, after a comma, or after a conjunction (with no comma before it)."""
        before = text[max(0, pos - 3):pos].rstrip(" \"“(")
        if not before or before[-1] in ".!?:;,":
            return True
        prev = self.prev_word.search(key, max(0, pos - 30), pos)
        return prev is not None and prev.group(1).decode() in self.clause_before

    def _finding(self, m: re.Match, found: str, target: str, why: str) -> Finding:
        replacement = target if target == "I" else match_case(found, target)
        return finding(self.rule, m.start(1), m.end(1), replacement, f"{why}: '{replacement}'.")


class SubjectAfterVerb:
    def __init__(self, rule: Rule, wordpos: WordPos):
        d = rule.data
        self.rule = rule
        self.wordpos = wordpos
        self.forms = {k.casefold(): v for k, v in d.get("object_after_verb", {}).items()}
        self.particles = word_set(d, "after_object")
        self.not_verbs = word_set(d, "inverting_verbs")
        self.report_forms = word_set(d, "report_forms")
        self.report_confidence = float(d.get("report_confidence", 0.5))
        # a form after a space and before a mark or a particle; the verb before it is looked up after
        self.pattern = re.compile(rb"(" + _trie(self.forms) + rb")(?: (" + _trie(self.particles)
                                  + rb")(?![a-z0-9'\-])|[ ]*([,.;:!?]))")
        self.starts = WordStarts(self.forms)

    def find(self, text: str) -> Iterator[Finding]:
        key = text_key(text)
        for pos in self.starts.starts(key):
            m = self.pattern.match(key, pos) if pos and key[pos - 1] == 32 else None
            if m is None:
                continue
            if m.group(3) is not None and not _MARK_ENDS.match(text, m.start(3)):
                continue  # "they’re": the key reads the apostrophe as "?"
            before = _WORD_END.search(key, max(0, pos - 31), pos - 1)  # the word before the space
            if before is None:
                continue
            verb, form = before.group(1).decode(), m.group(1).decode()
            m_verb = before
            if verb in self.not_verbs or self.wordpos.classes(verb) not in ("v", "av") or verb.endswith("ing"):
                continue
            found = text[m.start(1):m.end(1)]
            if not (found.islower() or found == "I") or not text[m_verb.start(1):m_verb.end(1)].islower():
                continue  # "... Whom They Fear": a title
            if m_verb.start(1) > 1 and text[m_verb.start(1) - 2] in "\"”'’":
                continue  # '"Yes," said he.': an inverted subject after a quote
            target = self.forms[form]
            replacement = target if form == "i" else match_case(found, target)
            confidence = self.report_confidence if form in self.report_forms else None
            yield finding(self.rule, m.start(1), m.end(1), replacement,
                          f"After the verb '{verb}', '{found}' is its object: '{replacement}'.", confidence)


class ReflexiveMismatch:
    """A reflexive object that does not agree with its clause's subject pronoun ("she had beaten
    itself", "you prefer itself" -> "it"): a reflexive points back to the subject, so another
    form means the plain object. Only when the subject is a pronoun and nothing but verbs and
    adverbs stand between ("she told him to help himself" is another clause); not after a form of
    "be" ("she was herself a doctor")."""

    def __init__(self, rule: Rule, wordpos: WordPos):
        d = rule.data
        self.rule = rule
        self.wordpos = wordpos
        self.reflexives = {k.casefold(): v for k, v in d.get("reflexive_object", {}).items()}
        agrees = d.get("reflexive_agrees", {})
        self.agrees = {k.casefold(): word_set(agrees, k) for k in agrees}
        self.auxiliaries = word_set(d, "auxiliaries")
        self.copulas = word_set(d, "copulas")
        # "self"/"selves" first (a pattern with a plain prefix is scanned fast), then the word
        # it ends and the words before it
        self.pattern = re.compile(rb"sel(?:f|ves)(?![a-z0-9'\-])")
        self.reflexive = re.compile(rb" (" + _trie(self.reflexives) + rb")$")
        self.words_before = re.compile(rb"(?:^|(?<=[^a-z0-9']))((?:[a-z']+ ){2,4})$")

    def find(self, text: str) -> Iterator[Finding]:
        key = text_key(text)
        i = key.find(b"sel")  # (bytes.find is many times faster than a pattern's scan)
        while i >= 0:
            s, i = self.pattern.match(key, i), key.find(b"sel", i + 3)
            m = None if s is None else self.reflexive.search(key, max(0, s.start() - 6), s.end())
            if m is None:
                continue
            before = self.words_before.search(key, max(0, m.start() - 60), m.start() + 1)
            if before is None:
                continue
            subject = self._subject(before.group(1).decode().split())
            reflexive = m.group(1).decode()
            if subject is None or reflexive in self.agrees[subject]:
                continue
            found = text[m.start(1):m.end(1)]
            if not found.islower():
                continue
            target = self.reflexives[reflexive]
            yield finding(self.rule, m.start(1), m.end(1), target,
                          f"'{found}' does not point back to the subject '{subject}': '{target}'.")

    def _subject(self, words: list[str]) -> str | None:
        """The subject pronoun before the verbs that end `words`, if only verbs and adverbs follow it."""
        if words[-1] in self.copulas:
            return None
        for i in range(len(words) - 1, -1, -1):
            if words[i] in self.agrees:
                return words[i] if i < len(words) - 1 else None
            if not self._verbal(words[i]):
                return None
        return None

    def _verbal(self, word: str) -> bool:
        """A verb, an auxiliary or an adverb: no noun, pronoun or "to" that could start another phrase."""
        if word in self.auxiliaries:
            return True
        c = self.wordpos.classes(word)
        return c in ("v", "r", "av", "rv")
