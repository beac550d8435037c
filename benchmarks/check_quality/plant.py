"""Realistic slips planted at known places in clean prose, one class at a time.

Each planter finds the places where a writer could make its slip (every `you're`, every
speech tag after a comma, every sentence start...), picks some at random (seeded: the same
every run), and records where the checker should point. A slip is planted at every kind of
place the class has, not only where a rule looks: a rule that only catches the easy cases
scores low.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from octavo.check.anthology_rules import TITLES
from octavo.check.spelling import american_forms, british_forms, speller
from octavo.check.words import ABBREVIATIONS, SPEECH_VERBS, word_set


@dataclass(frozen=True)
class Plant:
    kind: str  # the class, e.g. "dialogue: capitalised tag"
    code: str  # the finding that should report it
    story: int
    start: int  # the original text [start, end) becomes `text`
    end: int
    text: str
    anchor: int | None = None  # where the finding should point, in the original text;
    # None: at the start of the replacement


@dataclass(frozen=True)
class Expected:
    plant: Plant
    line: int
    column: int


_PRONOUNS = "she|he|they|we|you|it"
_VERBS = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
_SENTENCE_WORDS = word_set("""
    The It She He They We But And Then There This That When What In On At A An Her His My Our
    So Now No Not If As After Before For Even All One You Nothing Nobody Everyone Someone
""")


def _tags(text: str) -> Iterator[re.Match[str]]:
    yield from re.finditer(
        rf"(?P<p>[,?!])(?P<q>[\"”’]) (?P<w>{_PRONOUNS}) (?:[a-z]+ly )?(?:{_VERBS})\b", text)


def capitalised_tag(text: str, story: int) -> Iterator[Plant]:
    for m in _tags(text):
        word = m.group("w")
        yield Plant("dialogue: capitalised tag", "OCT342", story, m.start("w"), m.end("w"),
                    word.capitalize())


def full_stop_before_tag(text: str, story: int) -> Iterator[Plant]:
    for m in _tags(text):
        if m.group("p") == ",":
            yield Plant("dialogue: full stop before tag", "OCT343", story, m.start("p"),
                        m.end("p"), ".")


def missing_comma(text: str, story: int) -> Iterator[Plant]:
    for m in _tags(text):
        if m.group("p") == "," and m.group("q") in "\"”":
            yield Plant("dialogue: missing comma before tag", "OCT344", story, m.start("p"),
                        m.end("p"), "")


def _ends_sentence(text: str, stop: int) -> bool:
    start = stop
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:stop].strip("\"“‘'(")
    return len(word) > 1 and word.isalpha() and word.lower() not in ABBREVIATIONS


def lower_case_start(text: str, story: int) -> Iterator[Plant]:
    for m in re.finditer(r"(?<=[a-z])\. (?P<w>[A-Z][a-z]*)\b", text):
        if m.group("w") in _SENTENCE_WORDS and _ends_sentence(text, m.start()):
            word = m.group("w")
            yield Plant("mechanics: small letter after a full stop", "OCT345", story,
                        m.start("w"), m.end("w"), word.lower())


def missing_space(text: str, story: int) -> Iterator[Plant]:
    for m in re.finditer(r"(?<=[a-z]{2})(?P<p>[.!?]) (?=[A-Z][a-z]+\b)", text):
        if m.group("p") != "." or _ends_sentence(text, m.start()):
            yield Plant("mechanics: no space after a sentence", "OCT346", story, m.start("p"),
                        m.end(), m.group("p"))


# -- confusables --------------------------------------------------------------------------------

def _swap(kind: str, code: str, pattern: str, make: Callable[[re.Match[str]], str | None],
          flags: int = 0) -> Callable[[str, int], Iterator[Plant]]:
    def planter(text: str, story: int) -> Iterator[Plant]:
        for m in re.finditer(pattern, text, flags):
            new = make(m)
            if new is not None:
                yield Plant(kind, code, story, m.start("w"), m.end("w"), new)
    return planter


def _keep_case(new: str, old: str) -> str:
    return new[0].upper() + new[1:] if old[:1].isupper() else new


CONFUSABLES = [
    _swap("confusable: you're → your", "OCT361", r"\b(?P<w>[Yy]ou['’]re)\b",
          lambda m: _keep_case("your", m.group("w"))),
    _swap("confusable: your → you're", "OCT361", r"\b(?P<w>[Yy]our)\b",
          lambda m: _keep_case("you’re" if "’" in m.string else "you're", m.group("w"))),
    _swap("confusable: it's → its", "OCT362", r"\b(?P<w>[Ii]t['’]s)\b",
          lambda m: _keep_case("its", m.group("w"))),
    _swap("confusable: its → it's", "OCT362", r"\b(?P<w>[Ii]ts)\b",
          lambda m: _keep_case("it’s" if "’" in m.string else "it's", m.group("w"))),
    _swap("confusable: who's → whose", "OCT363", r"\b(?P<w>[Ww]ho['’]s)\b",
          lambda m: _keep_case("whose", m.group("w"))),
    _swap("confusable: whose → who's", "OCT363", r"\b(?P<w>[Ww]hose)\b",
          lambda m: _keep_case("who's", m.group("w"))),
    _swap("confusable: there → their", "OCT364", r"\b(?P<w>[Tt]here) (?:is|are|was|were)\b",
          lambda m: _keep_case("their", m.group("w"))),
    _swap("confusable: they're → their", "OCT364", r"\b(?P<w>[Tt]hey['’]re)\b",
          lambda m: _keep_case("their", m.group("w"))),
    _swap("confusable: their → there", "OCT364", r"\b(?P<w>[Tt]heir)\b",
          lambda m: _keep_case("there", m.group("w"))),
    _swap("confusable: than → then", "OCT365", r"\b(?P<w>than)\b", lambda m: "then"),
    _swap("confusable: then → than", "OCT365", r"\b(?P<w>then)\b", lambda m: "than"),
    _swap("confusable: lose → loose", "OCT366", r"\b(?P<w>lose|losing)\b",
          lambda m: "loose" if m.group("w") == "lose" else "loosing"),
    _swap("confusable: effect → affect", "OCT367", r"\b(?:the|an|no|any|side|of) (?P<w>effects?)\b",
          lambda m: "a" + m.group("w")[1:]),
    _swap("confusable: affect → effect", "OCT367", r"\b(?P<w>affects?|affecting)\b",
          lambda m: "e" + m.group("w")[1:]),
    _swap("confusable: a lot → alot", "OCT368", r"\b(?P<w>a lot)\b", lambda m: "alot"),
    _swap("confusable: could have → could of", "OCT369",
          r"\b(?:[Cc]ould|[Ww]ould|[Ss]hould|[Mm]ust|[Mm]ight)(?:n['’]t)? (?P<w>have) "
          r"[a-z]+(?:ed|en|wn|ne|ght)\b",
          lambda m: "of"),
    _swap("confusable: an → a", "OCT370", r"\b(?P<w>[Aa]n) (?=[aeiou][a-z])", lambda m: m.group("w")[0]),
    _swap("confusable: a → an", "OCT370", r"\b(?P<w>[Aa]) (?=[bcdfgjklmnpqrstvz][a-z])",
          lambda m: m.group("w") + "n"),
]


# -- typos and the book's forms ----------------------------------------------------------------

_NEIGHBOURS = {k: v for k, v in zip(
    "qwertyuiopasdfghjklzxcvbnm",
    ["wa", "qes", "wrd", "etf", "ryg", "tuh", "yij", "uok", "ipl", "ol", "qsz", "awdx", "sefc",
     "drgv", "fthb", "gyjn", "hukm", "jilm", "kop", "xa", "zcs", "xvd", "cbf", "vng", "bmh", "nj"],
    strict=True)}


def _slip(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "neighbour"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice(_NEIGHBOURS.get(word[i], "e")) + word[i + 1:]


def typos(texts: list[str], language: str, rng: random.Random) -> Iterator[Plant]:
    check = speller(language)
    vocabulary = Counter(w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t))
    for story, text in enumerate(texts):
        for m in re.finditer(r"(?<![A-Za-z'’-])[a-z]{4,}(?![A-Za-z'’-])", text):
            word = m.group(0)
            if not check.index.is_common(word):
                continue
            slip = _slip(word, rng)
            if slip == word or vocabulary[slip] or check.knows(slip):
                continue
            yield Plant("typo", "OCT347", story, m.start(), m.end(), slip)


def _counts(texts: list[str], pattern: str) -> Counter[str]:
    return Counter(m.group(0) for t in texts for m in re.finditer(pattern, t))


def hyphenation(texts: list[str], language: str) -> Iterator[Plant]:
    check = speller(language)
    closed = _counts(texts, r"\b[a-z]{5,}\b")
    splittable = {}
    for word, n in closed.items():
        if n < 2:
            continue
        for i in range(2, len(word) - 2):
            a, b = word[:i], word[i:]
            if check.index.is_common(a) and check.index.is_common(b) and len(b) >= 3 and (
                    len(a) >= 3 or a == "to"):
                splittable[word] = f"{a}-{b}"
                break
    for story, text in enumerate(texts):
        for m in re.finditer(r"\b[a-z]{5,}\b", text):
            if m.group(0) in splittable:
                yield Plant("consistency: hyphenated two ways", "OCT380", story, m.start(),
                            m.end(), splittable[m.group(0)])


def capitalisation(texts: list[str]) -> Iterator[Plant]:
    after_the = _counts(texts, r"(?<=\bthe )[A-Za-z][a-z]+\b")
    for story, text in enumerate(texts):
        for m in re.finditer(r"(?<=\bthe )[A-Za-z][a-z]+\b", text):
            word = m.group(0)
            if word.lower() not in TITLES or after_the[word] < 3:
                continue
            other = word.lower() if word[0].isupper() else word.capitalize()
            if after_the[other] == 0:
                yield Plant("consistency: title capitalised two ways", "OCT381", story,
                            m.start(), m.end(), other)


def national(texts: list[str], language: str) -> Iterator[Plant]:
    check = speller(language)
    words = _counts(texts, r"\b[a-z]{4,}\b")
    for story, text in enumerate(texts):
        for m in re.finditer(r"\b[a-z]{4,}\b", text):
            word = m.group(0)
            if words[word] < 2:
                continue
            for other in american_forms(word) + british_forms(word):
                varieties = {check.variety(word), check.variety(other)}
                if other != word and words[other] == 0 and check.knows(other) and \
                        varieties & {"en_GB", "en_US"} and len(varieties) == 2 and \
                        (check.book.check(other) or check.variety(other) is not None):
                    yield Plant("consistency: national spelling", "OCT382", story, m.start(),
                                m.end(), other)
                    break


def name_variants(texts: list[str], rng: random.Random) -> list[list[Plant]]:
    """Groups of two plants: a name spelt another way twice (the rule needs two uses)."""
    names = _counts(texts, r"(?<=[a-z,;] )[A-Z][a-z]{3,}\b")
    groups = []
    everything = Counter(w for t in texts for w in re.findall(r"[A-Za-z]+", t))
    for name, n in sorted(names.items()):
        if n < 6:
            continue
        doubled = re.search(r"([a-z])\1", name)
        variant = name[:doubled.start()] + name[doubled.end() - 1:] if doubled else None
        if variant is None:
            i = next((i for i in range(len(name) - 1, 1, -1) if name[i] in "tlnrsmp"), None)
            variant = name[:i] + name[i] + name[i:] if i else None
        if not variant or everything[variant]:
            continue
        uses = [(s, m) for s, t in enumerate(texts) for m in re.finditer(rf"\b{name}\b", t)]
        picked = rng.sample(uses, 2)
        groups.append([Plant("names spelt two ways", "OCT340", s, m.start(), m.end(), variant)
                       for s, m in picked])
    return groups


def unclosed_quote(text: str, story: int) -> Iterator[Plant]:
    """Drop a speech's closing quote where more of the paragraph follows it."""
    for m in re.finditer(r"(?P<open>[“\"])(?P<speech>[^“”\"\n]{3,200}?[,.?!])(?P<close>[”\"]) [a-z]",
                         text):
        if m.group("open") == "“" and m.group("close") != "”":
            continue
        yield Plant("quotes: located at the unpartnered quote", "OCT322", story,
                    m.start("close"), m.end("close"), "", anchor=m.start("open"))


PER_STORY = [capitalised_tag, full_stop_before_tag, missing_comma, lower_case_start,
             missing_space, unclosed_quote, *CONFUSABLES]
