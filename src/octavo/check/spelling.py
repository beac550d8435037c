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
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from octavo.check import cache

# How many of the most frequent words count as "common": a slip is one edit from one of these.
COMMON_WORDS = 30_000
_LETTERS = "abcdefghijklmnopqrstuvwxyz'"
_ENGLISH = ("en_US", "en_GB", "en_CA", "en_AU")


class NoDictionary(Exception):
    """No spelling dictionary for the language (or Enchant itself is missing)."""


class WordIndex:
    """The language's word frequencies and which of them are common, in an SQLite file kept
    in octavo's cache (or in memory): a check looks up a few hundred words, so it opens the
    index in a millisecond instead of loading 160,000 words."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def frequency(self, word: str) -> int | None:
        row = self.db.execute("SELECT n FROM words WHERE word = ?", (word,)).fetchone()
        return None if row is None else int(row[0])

    def most_common(self, words: set[str]) -> str | None:
        """The most frequent of `words` that is common (ties: alphabetical order)."""
        if not words:
            return None
        marks = ",".join("?" * len(words))
        row = self.db.execute(f"SELECT word FROM words WHERE common = 1 AND word IN ({marks}) "
                              "ORDER BY n DESC, word LIMIT 1", sorted(words)).fetchone()
        return None if row is None else str(row[0])

    def common_among(self, words: set[str]) -> set[str]:
        """Those of `words` that are common."""
        if not words:
            return set()
        marks = ",".join("?" * len(words))
        return {str(row[0]) for row in self.db.execute(
            f"SELECT word FROM words WHERE common = 1 AND word IN ({marks})", sorted(words))}

    def is_common(self, word: str) -> bool:
        return self.most_common({word}) is not None


@dataclass(frozen=True)
class Speller:
    tag: str  # the dictionary used, e.g. "en_GB"
    book: Any  # its Enchant dictionary
    other_tags: tuple[str, ...]  # other varieties of the language, loaded when first needed
    index: WordIndex

    def knows(self, word: str) -> bool:
        """In a dictionary of the language, or among the words its frequency list has seen
        in real text (which has `chile`, `summat`, `afore` but no `teh`)."""
        word = word.replace("’", "'")
        if self.book.check(word) or self.index.frequency(word.lower()) is not None:
            return True
        return any(d is not None and d.check(word) for d in map(_dictionary, self.other_tags))

    def knows_in_book_language(self, word: str) -> bool:
        return bool(self.book.check(word.replace("’", "'")))

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

    def swap_of(self, word: str) -> str | None:
        """The most frequent common word that `word` is with two neighbouring letters swapped
        (`ronud`: round), or None. A swap is a slip of the fingers that no dialect or older
        spelling makes: those change, drop or add the letters of a sound (awfy, hissen)."""
        lower = word.lower()
        return self.index.most_common(_swaps(lower) - {lower})

    def all_one_slip_from(self, word: str) -> set[str]:
        """Every common word one edit away."""
        return self.index.common_among(_edits(word.lower()))

    def one_slip_from(self, word: str) -> str | None:
        """The most frequent common word one edit away (a letter dropped, added, changed, or
        two swapped), or None."""
        return self.index.most_common(_edits(word.lower()))


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
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | _swaps(word) | replaces | inserts) - {word}


def _swaps(word: str) -> set[str]:
    """`word` with two neighbouring letters swapped, every way (the word itself among them
    where two neighbours are the same letter)."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}


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
    # hunspell first, the same everywhere it is installed, then aspell; no other provider
    # (Hspell claims Hebrew, then fails and prints to the terminal when its files are missing)
    broker.set_ordering(tag, "hunspell,aspell")
    if tag not in _listed_tags():
        return None
    try:
        return broker.request_dict(tag)
    except Exception:  # enchant.errors.Error: a provider that claims the tag but cannot open it
        return None


@functools.cache
def _listed_tags() -> frozenset[str]:
    """The languages the hunspell and aspell providers have dictionaries for (asking Enchant
    about one tag at a time wakes every provider, and some print to the terminal)."""
    return frozenset(tag for tag, provider in _broker().list_dicts()
                     if provider.name in ("hunspell", "aspell"))


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
    found = next(((tag, d) for tag in tags if (d := _dictionary(tag)) is not None), None)
    if found is None:
        raise NoDictionary(f"no spelling dictionary for '{language}' (looked for "
                           f"{', '.join(tags)})")
    tag, book = found
    primary = language.split("-")[0].lower()
    others = tuple(t for t in (("en_US", "en_GB") if primary == "en" else tags) if t != tag)
    # The common words depend on the frequency list and the book's dictionary: made once and
    # kept in octavo's cache, since making them costs more than the rest of a check.
    return Speller(tag, book, others, _word_index(primary, tag, book))


def _word_index(primary: str, tag: str, book: Any) -> WordIndex:
    path = cache.folder() / "check" / f"words-{primary}-{tag}-{_versions(tag)}.sqlite"
    if path.exists():
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            db.execute("SELECT 1 FROM words LIMIT 1")
            return WordIndex(db)
        except sqlite3.Error:
            pass
    frequency, common = _common_words(primary, tag, book)
    rows = [(w, n, int(w in common)) for w, n in frequency.items()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        db = sqlite3.connect(temporary)
        _fill(db, rows)
        db.close()
        os.replace(temporary, path)
        return WordIndex(sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                         check_same_thread=False))
    except (OSError, sqlite3.Error):
        db = sqlite3.connect(":memory:", check_same_thread=False)
        _fill(db, rows)
        return WordIndex(db)


def _fill(db: sqlite3.Connection, rows: list[tuple[str, int, int]]) -> None:
    db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, n INTEGER, common INTEGER) "
               "WITHOUT ROWID")
    db.executemany("INSERT OR REPLACE INTO words VALUES (?, ?, ?)", rows)
    db.commit()


def _versions(tag: str) -> str:
    """What the cached common words were made from: the packages and the dictionary file."""
    from octavo.check.cache import package_version as version

    stamp = ""
    for folder in ("/usr/share/hunspell", "/usr/share/myspell"):
        dic = Path(folder) / f"{tag}.dic"
        if dic.exists():
            stat = dic.stat()
            stamp = f"{stat.st_size}-{int(stat.st_mtime)}"
            break
    return (f"pyspellchecker{version('pyspellchecker', 'spellchecker')}"
            f"-pyenchant{version('pyenchant', 'enchant')}-{stamp}")


def _common_words(primary: str, tag: str, book: Any) -> tuple[dict[str, int], set[str]]:
    frequency = dict(_frequencies(primary))
    ranked = sorted(frequency, key=lambda w: -frequency[w])[:COMMON_WORDS]
    common = {w for w in ranked if len(w) > 1 and book.check(w)}
    if tag != "en_US" and primary == "en":
        # pyspellchecker's English is American: add the book's spellings of its common words
        for word in ranked:
            for other in british_forms(word):
                if other not in frequency and book.check(other):
                    common.add(other)
                    frequency[other] = frequency[word]
    return frequency, common


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


# SCOWL's largest English word lists (Debian's wbritish-insane and wamerican-insane): 660,000
# words each, with the older, rarer and dialect spellings that hunspell's dictionaries leave
# out (teazing, vext, doat, nuncheon, inforce). Too permissive to say a word is spelt right,
# they say that a word is a real one and not a slip. Read as text and searched, not loaded
# into a set: a book asks about a few dozen words.
_LARGE_LISTS = {"en": ("/usr/share/dict/british-english-insane",
                       "/usr/share/dict/american-english-insane")}


@functools.cache
def _large_list_text(language: str) -> str:
    parts = []
    for name in _LARGE_LISTS.get(language.split("-")[0].lower(), ()):
        try:
            parts.append(Path(name).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
    return "\n" + "\n".join(parts) + "\n" if parts else ""


def in_large_word_list(word: str, language: str) -> bool:
    """Whether SCOWL's largest list for the language has the word (False without the list)."""
    text = _large_list_text(language)
    return bool(text) and f"\n{word}\n" in text


def has_word_lists(language: str) -> bool:
    return bool(_large_list_text(language))


# A word written with an apostrophe for the letters that speech drops: `an'`, `wi'`, `goin'`
# (at the end, before the next word), `’ouse`, `’em` (at the start), `ye're`, `Ah've`, `d'ye`
# (inside).
_ELIDED = re.compile(r"(?<![^\W\d_'’])(?:’[^\W\d_]+(?:['’][^\W\d_]+)*"
                     r"|[^\W\d_]+(?:['’][^\W\d_]+)+|[^\W\d_]+['’](?=\s+[^\W\d_]))(?![^\W\d_'’])")


def elided_words(text: str, start: int, end: int, check: Speller) -> int:
    """How many words of text[start:end] are spelt with an apostrophe for dropped letters as no
    dictionary spells them (`an' I says`, `Ye're`, `’ouse`, `wi'`): the mark of dialect or
    broad speech, in which a word the dictionary lacks is more likely the speaker's than a
    slip. The contractions dictionaries know (don't, o'clock, 'tis), possessives (Emma's, the
    boys') and a closing single quote after the speech's last word are not counted."""
    if "'" not in text[start:end] and "’" not in text[start:end]:
        return 0
    found = 0
    for match in _ELIDED.finditer(text, start, end):
        word = match.group(0)
        plain = word.replace("’", "'")
        if plain.lower().endswith("'s") or (plain.endswith("'") and plain[-2:-1].lower() == "s"):
            continue  # a possessive, or `it's`
        if plain.endswith("'") and not (len(plain) <= 4 or check.knows(plain[:-1] + "g")):
            continue  # `young’ she said`: a closing quote; dropped letters end `an'`, `goin'`
        if not check.knows(plain) and not check.knows(plain.lower()):
            found += 1
    return found
