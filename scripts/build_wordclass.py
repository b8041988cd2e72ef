"""Build rules/data/wordclass.tsv: how often an English word follows a subject pronoun
("he helped", "they tend": a finite verb) and how often a determiner or possessive
("the image", "his farm": a noun or an adjective).

Source: the same cased n-gram model as build_wordcase.py (truecase 0.0.14, file
truecase/data/english.dist, trained on NLTK's English corpora), its bigram counts.
Only run at build time, never at run time:

    pip download --no-deps truecase==0.0.14 && unzip truecase-0.0.14-py3-none-any.whl
    python scripts/build_wordclass.py truecase/data/english.dist > rules/data/wordclass.tsv

Output: "word<TAB>after_pronoun<TAB>after_determiner<TAB>after_modal" ("can suit", "will type": a
verb's base form, which a small corpus may never show after a pronoun), word lower-case (3 letters or more), for
words seen at least 3 times after one of the two. Adverbs in -ly and the function words of
_NOT_VERBS are left out ("he also", "the only": neither verbs nor nouns).
"""
from __future__ import annotations

import collections
import re
import sys

from build_wordcase import _Unpickler

# Subject pronouns that are no object forms ("put it away", "give you up" would count adverbs).
_PRONOUNS = {"he", "she", "they", "we", "i"}
# Words that follow a subject pronoun without being verbs ("he also", "they never", "we too").
_NOT_VERBS = {
    "also", "never", "again", "together", "today", "tonight", "there", "than", "that", "which", "where",
    "who", "for", "from", "into", "to", "with", "within", "without", "through", "during", "until", "against",
    "among", "before", "after", "either", "neither", "nor", "any", "anything", "anyway", "if", "though",
    "thus", "therefore", "nevertheless", "away", "himself", "herself", "myself", "yourself", "themselves",
    "ourselves", "her", "he", "they", "we", "you", "seldom", "please", "too", "and", "or", "but", "so",
    "yet", "still", "just", "even", "only", "now", "then", "here", "not", "all", "both", "each", "don",
    "first", "last", "next", "own", "more", "most", "less", "much", "many", "very", "well", "soon",
    "often", "always", "sometimes", "already", "ever", "later", "again", "almost", "quite", "rather",
}
_DETERMINERS = {"the", "a", "an", "his", "their", "its", "my", "our", "your"}  # not "this": "this is"
# Words before a verb's base form only ("they suit", "we type": "can suit", "will type"); not "to",
# which is a preposition too ("to government"). NLTK's tokens cut "don't" into "do" "n't".
_MODALS = {"will", "would", "can", "could", "may", "might", "must", "should", "shall", "cannot", "n't", "did"}
_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")


def main(path: str) -> None:
    with open(path, "rb") as fh:
        d = _Unpickler(fh).load()
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    for key, n in d["backward_bi_dist"].items():
        prev, _, token = key.lower().partition("_")
        if prev in _PRONOUNS:
            counts[token][0] += n
        elif prev in _DETERMINERS:
            counts[token][1] += n
        elif prev in _MODALS:
            counts[token][2] += n
    out = sys.stdout
    out.write("# word\tafter_pronoun\tafter_determiner\tafter_modal  (bigram counts; see build_wordclass.py for the source)\n")
    for word in sorted(counts):
        verb, noun, modal = counts[word]
        if verb + noun >= 3 and len(word) >= 3 and _WORD.fullmatch(word):
            if word in _NOT_VERBS or word.endswith("ly"):
                continue  # an adverb or a function word: neither a verb nor a noun
            out.write(f"{word}\t{verb}\t{noun}\t{modal}\n")


if __name__ == "__main__":
    main(sys.argv[1])
