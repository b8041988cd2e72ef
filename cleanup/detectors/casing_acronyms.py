"""Acronyms among the words no list knows: a short word read letter by letter, because its first or
last two letters are consonants that no English (or most European) word or name starts or ends with
("tpca", "cdu", "ufc", "echr"; but "petr", "bjorn", "korb" are names).
"""
from __future__ import annotations

import re

# Two consonants that start or end English (and most European) words and names: a short unknown
# word that starts or ends otherwise ("tpca", "cdu", "ufc", "echr") is read letter by letter.
_ONSETS = set("bl br ch cl cr dr dw dz fl fr gl gn gr gw kh kl kn kr kw ph pl pr ps pt sc sh sk sl sm sn sp st sv "
              "sw sz cz th tr ts tw tz vl vr wh wr zh zl zw zb zd zg dj hr hv bj fj hj kj sj tj hs ks gd rz wl vs zv dm "
              "mn".split())
_CODAS = set("ch ck ct dt ff ft gh ld lf lk ll lm ln lp ls lt mb mn mp ms nc nd ng nk nn ns nt nz ph pt rb rc rd rf "
             "rg rk rl rm rn rp rr rs rt rz sh sk sm sp ss st sz cz th tr dr ts tt tz wk wl wn ws zz ks ds ps rx "
             "lz nh ht kt pf bb dd gg mm pp".split())
_CONSONANT = set("bcdfghjklmnpqrstvwxz")


def unpronounceable(key: str) -> bool:
    """An ASCII word whose first or last two letters are consonants no word starts or ends with ("tpca", "ufc")."""
    if not key.isascii() or len(key) < 3 or key[0] == "x":  # ("xbox")
        return False
    start, end = key[:2], key[-2:]
    return (all(ch in _CONSONANT for ch in start) and start not in _ONSETS
            or all(ch in _CONSONANT for ch in end) and end not in _CODAS)


# A Chinese syllable in pinyin (an initial, then a final): a short unknown word of this shape is a
# name ("guo", "mei", "liu"), not an acronym.
_PINYIN = re.compile(r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
                     r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|er|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u)")


def pinyin(key: str) -> bool:
    """Is the word one syllable of pinyin ("guo", "mei"; not "cez", "fom")?"""
    return _PINYIN.fullmatch(key) is not None
