"""How likely a word-initial apostrophe is an elision (’tis, ’em, ’ouse, the ’90s), as a cost.

A straight ' before a word either opens a quotation ('Run,' he said) or stands for dropped
letters ('tis, 'em). The quote scanner weighs the two readings over the whole paragraph (a
quotation must close somewhere); this module gives the price of the elision reading for the
word after the mark. Lower is likelier. The prices are on the same scale as the scanner's
(see quotes.py): 0.1 near certain, 0.6 as likely as not, 1.4 for a word nobody lists
(an elision still, when no quotation could close after it).

Where the words come from:
- `APHETIC` and `SHORT_FORMS`: the elisions of dialect and period fiction, gathered from the
  Standard Ebooks typography list (’tis ’twas ’twixt ’em ’cos ’round ’pon ’un ’ud ’cept ’ave
  ’ome ’im ’midst ’gainst ’neath ’e ’er ’ere ’appen ’aven) and the usual spellings of rural
  American and Cockney speech in fiction (’bout ’cause ’til ’lowed ’nough ’fraid ’member
  ’spect ’fore ’sides ’nother ’kay ’specially ’course). `AMBIGUOUS` are those that are also
  ordinary words, so a quotation may as well open with them ('Round here,' / 'cause).
- h-dropping (’ouse, ’orses, ’ungry, ’Arry, and with a dropped g as well, ’avin’): every
  h-word of the SCOWL hunspell dictionaries (h_words.txt, made by tools/make_h_words.py),
  looked up after removing a common suffix, so one entry covers ’orse, ’orses and ’orsey.
  `COMMON` lists frequent words: those that are also h-less forms of h-words ('is / his,
  'and / hand, 'old / hold) are as likely a quotation as an elision, and the scanner needs the
  paragraph's balance to decide them; the others ('By dawn, 'The, 'We, 'If) are the elision
  of nothing, and are priced like any word nobody lists.
- Years and decades (’85, ’20s, ’63—): two digits, optionally s, then no more digits.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# Elisions that are not words of their own: the apostrophe can hardly open a quotation.
APHETIC = frozenset("""
tis twas twere twill twould twixt tween twon tain taint em bout cept nough lowed fraid spect
scuse specially spose sposed pears pon neath gainst mongst midst nother nuff kay cos coz cuz
til fore fer ceptin lectric lasses bacca baccy tater taters possum coon gator lection prentice
sperience stonished bliged ud un uns ull ee e im er ere ave aven ome ow ello appen appened ead
eart ouse orse orses ungry orrible ospital usband undred alf ands ope urt isself erself imself
""".split())  # noqa: SIM905 - a word list reads best as words

# Elisions that are also ordinary words ('round the bend, 'cause, 'most, 'member).
AMBIGUOUS = frozenset("""
cause round course member sides most way long cross bove stead deed count low cording
""".split())  # noqa: SIM905

# The h-less forms hunspell lists only as inflections of another word (has → 'as).
_IRREGULAR_H_FORMS = frozenset({"as"})

# Frequent English words: after a ' they may as well open a quotation, even when an h-word
# without its h looks the same ('in / hin, 'is / his, 'and / hand, 'old / hold).
COMMON = frozenset("""
a i is it at as am an and all air arm art ate eat ear earth edge eel eight elm er ill itch oar
old on one or our over owe owl ow ad are ash aunt ale ail anger angry arrow in if of to the
we us me my he by be no so up do go oh ok any are was were has had have his her him its it's
ever even every end ends each east ease easy eye eyes ice idea into inn ink ire isle
ought out own owner once only open oven ode odd off often oil old older opt order other
under until up upon us use used user art arts ant ants and any ape apt arc are ark arms army
aid aim ail air ale all alp alter am amp an and at ate aw awe awl ear earn eats eave eaves
ebb edge eel egg ego eke elf elk ell elm else em emu end eon era ere err eve ewe ex eye
""".split())  # noqa: SIM905

# Suffixes removed before an h-word is looked up: ’orses → orse, ’appened → appen.
_SUFFIXES = ("ings", "ing", "ers", "er", "est", "ies", "ied", "es", "ed", "s", "d", "ly", "y", "n")
_YEAR = re.compile(r"\d\d(?:s|’s|'s)?(?!\d)")
_LEADING_WORD = re.compile(r"[^\W\d_]+")

CERTAIN = 0.0
STRONG = 0.1
H_DROPPED = 0.15
WEAK = 0.3
H_WORD_TOO = 0.6
UNKNOWN = 1.4
UNKNOWN_CAPITALISED = 2.2  # 'Meet me there: a capital after the mark reads as a quotation


@lru_cache(maxsize=1)
def _h_words() -> frozenset[str]:
    text = resources.files("octavo.normalise").joinpath("h_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))


def _stems(word: str) -> list[str]:
    found = [word]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = word[: -len(suffix)]
            found += [base, base + "e"]
            if suffix in ("ies", "ied"):
                found.append(base + "y")
            if len(base) > 2 and base[-1] == base[-2]:  # ’oppin → opp → op (hop)
                found.append(base[:-1])
    return found


def is_h_dropped(word: str) -> bool:
    """`word` is an h-word without its h: ouse, orses, ungry, Arry; also with its g dropped
    as well (’avin’, ’ollerin’: having, hollering)."""
    lowered = word.lower()
    if lowered in _IRREGULAR_H_FORMS:
        return True
    if len(lowered) < 2:
        return False
    candidates = _stems(lowered)
    if lowered.endswith("in") and len(lowered) > 3:
        candidates += _stems(lowered + "g")
    return any(stem in _h_words() for stem in candidates)


def elision_cost(rest: str) -> float:
    """The price of reading a ' as an elision, given the text right after it."""
    if _YEAR.match(rest):
        return CERTAIN
    word_match = _LEADING_WORD.match(rest)
    if word_match is None:
        return UNKNOWN
    word = word_match.group(0)
    after = rest[word_match.end(): word_match.end() + 1]
    if after in ("'", "’", "‘") and word.lower() == "n":
        return CERTAIN  # rock 'n' roll, fish 'n' chips
    return _word_cost(word)


@lru_cache(maxsize=4096)
def _word_cost(word: str) -> float:
    lowered = word.lower()
    if lowered in APHETIC:
        return STRONG
    if lowered in AMBIGUOUS:
        return WEAK
    if is_h_dropped(lowered):
        return H_WORD_TOO if lowered in COMMON else H_DROPPED
    return UNKNOWN_CAPITALISED if word[0].isupper() else UNKNOWN
