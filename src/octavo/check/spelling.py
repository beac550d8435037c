"""Dictionaries: is a word spelt right, which common word is it one slip away from, and which
national style (colour, color) does it belong to.

Words are checked against the hunspell dictionary of the book's language through Enchant
(pyenchant; Debian's hunspell-en-us and hunspell-en-gb for English). A dictionary of another
English variety also counts as knowing a word, so `colour` in an American book is a question of
consistency (OCT382), not a typo. Which words are common comes from pyspellchecker's word
frequencies. Both load on first use and are kept for the rest of the run.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

# How many of the most frequent words count as "common": a slip is one edit from one of these.
COMMON_WORDS = 30_000
_LETTERS = "abcdefghijklmnopqrstuvwxyz'"
_ENGLISH = ("en_US", "en_GB", "en_CA", "en_AU")


class NoDictionary(Exception):
    """No spelling dictionary for the language (or Enchant itself is missing)."""


@dataclass(frozen=True)
class Speller:
    tag: str  # the dictionary used, e.g. "en_GB"
    dictionaries: tuple[Any, ...]  # the book's first, then other varieties of its language
    common: frozenset[str]
    frequency: dict[str, int]

    def knows(self, word: str) -> bool:
        """In a dictionary of the language, or among the words its frequency list has seen
        in real text (which has `chile`, `summat`, `afore` but no `teh`)."""
        word = word.replace("’", "'")
        return word.lower() in self.frequency or any(d.check(word) for d in self.dictionaries)

    def knows_in_book_language(self, word: str) -> bool:
        return bool(self.dictionaries[0].check(word.replace("’", "'")))

    def variety(self, word: str) -> str | None:
        """The one English dictionary (en_US or en_GB) that knows the word when the other
        does not; None when both or neither know it."""
        if not self.tag.startswith("en"):
            return None
        us, gb = _dictionary("en_US"), _dictionary("en_GB")
        if us is None or gb is None:
            return None
        in_us, in_gb = us.check(word), gb.check(word)
        return "en_US" if in_us and not in_gb else "en_GB" if in_gb and not in_us else None

    def one_slip_from(self, word: str) -> str | None:
        """The most frequent common word one edit away (a letter dropped, added, changed, or
        two swapped), or None."""
        candidates = [w for w in _edits(word.lower()) if w in self.common]
        if not candidates:
            return None
        return max(sorted(candidates), key=lambda w: self.frequency.get(w, 0))


# Spelling patterns that tell British and American English apart: (British, American), each
# a regular expression for the British ending and its American replacement. The dictionaries
# decide whether a pair they make is really one word in two styles.
_NATIONAL = (
    (r"our(?=s?$|ed$|ing$|ite|ites|able|ful|less|hood|ly$)", "or"),
    (r"is(?=e$|es$|ed$|ing$|ation|ations|er$|ers$)", "iz"),
    (r"ys(?=e$|es$|ed$|ing$)", "yz"),
    (r"(?<=[a-z]{2}[bcdfgkmnpst])re(?=s?$|d$)", "er"),
    (r"ogue(?=s?$)", "og"),
    (r"ence(?=s?$)", "ense"),
    (r"(?<=[aeiou][lr])l(?=ed$|ing$|er$|ers$|ery$)", ""),
    (r"^grey", "gray"),
    (r"amme(?=s?$)", "am"),
)
_TO_AMERICAN = [(re.compile(british), american) for british, american in _NATIONAL]
_TO_BRITISH = [
    (re.compile(r"or(?=s?$|ed$|ing$|ite|ites|able|ful|less|hood|ly$)"), "our"),
    (re.compile(r"iz(?=e$|es$|ed$|ing$|ation|ations|er$|ers$)"), "is"),
    (re.compile(r"yz(?=e$|es$|ed$|ing$)"), "ys"),
    (re.compile(r"(?<=[a-z]{2}[bcdfgkmnpst])er(?=s?$|d$)"), "re"),
    (re.compile(r"og(?=s?$)"), "ogue"),
    (re.compile(r"ense(?=s?$)"), "ence"),
    (re.compile(r"(?<=[aeiou][lr])(?=ed$|ing$|er$|ers$)"), "l"),
    (re.compile(r"^gray"), "grey"),
    (re.compile(r"(?<=gr)am(?=s?$)"), "amme"),
]


def american_forms(word: str) -> list[str]:
    """The word's possible American spellings, if it has a British ending (colour: color)."""
    return [p.sub(r, word, count=1) for p, r in _TO_AMERICAN if p.search(word)]


def british_forms(word: str) -> list[str]:
    return [p.sub(r, word, count=1) for p, r in _TO_BRITISH if p.search(word)]


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | swaps | replaces | inserts) - {word}


def dictionary_tags(language: str) -> list[str]:
    """Enchant tags for a BCP 47 language, the book's own variety first."""
    parts = language.replace("_", "-").split("-")
    primary = parts[0].lower()
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    tags = [f"{primary}_{region}"] if region else []
    if primary == "en":
        tags += [t for t in ("en_US", *_ENGLISH) if t not in tags]
    else:
        tags += [primary, f"{primary}_{primary.upper()}"]
    return list(dict.fromkeys(tags))


@functools.cache
def _broker() -> Any:
    try:
        import enchant
    except ImportError as exc:  # the Enchant C library is not installed
        raise NoDictionary(str(exc)) from None
    return enchant.Broker()


@functools.cache
def _dictionary(tag: str) -> Any:
    broker = _broker()
    broker.set_ordering(tag, "hunspell,*")  # hunspell first: the same everywhere it is installed
    if not broker.dict_exists(tag):
        return None
    return broker.request_dict(tag)


@functools.cache
def _frequencies(language: str) -> dict[str, int]:
    from spellchecker import SpellChecker

    try:
        checker = SpellChecker(language=language, distance=1)
    except ValueError:  # pyspellchecker has no list for this language
        return {}
    return dict(checker.word_frequency.dictionary)


@functools.cache
def speller(language: str) -> Speller:
    """The speller for a book's language. Raises NoDictionary when there is none."""
    tags = dictionary_tags(language)
    found = [(tag, d) for tag in tags if (d := _dictionary(tag)) is not None]
    if not found:
        raise NoDictionary(f"no spelling dictionary for '{language}' (looked for "
                           f"{', '.join(tags)})")
    primary = language.split("-")[0].lower()
    frequency = dict(_frequencies(primary))
    book = found[0][1]
    ranked = sorted(frequency, key=lambda w: -frequency[w])[:COMMON_WORDS]
    common = {w for w in ranked if len(w) > 1 and book.check(w)}
    if found[0][0] != "en_US" and primary == "en":
        # pyspellchecker's English is American: add the book's spellings of its common words
        for word in ranked:
            for other in british_forms(word):
                if other not in frequency and book.check(other):
                    common.add(other)
                    frequency[other] = frequency[word]
    # The book's own variety first; other varieties of the language only vouch for words.
    return Speller(found[0][0], tuple(d for _, d in found), frozenset(common), frequency)


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
