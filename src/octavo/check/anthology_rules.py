"""Checks across the stories of a book: one character, one spelling; one word, one form.

These rules see every story at once, so the book's own usage decides: a name spelt two ways
(OCT340), a word hyphenated two ways (OCT380), capitalised two ways in mid-sentence (OCT381),
spelt in two national styles (OCT382). Likely typos (OCT347, in `typo_rules`) also learn the
book's vocabulary here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from octavo.check.words import word_set
from octavo.diagnostics import Diagnostic, Severity, Span
from octavo.explanations import explained
from octavo.ingest.plaintext import blank_comment

# A capitalised word that does not start a sentence: most likely a name.
# (found as a space and a capital; the character before the space is checked afterwards)
_NAME = re.compile(r"(?<=[ \t])([A-Z][a-z]{2,})\b")  # the capital first: scanned fast
_SENTENCE_BEFORE = frozenset(".!?…“\"‘'(")
_CAPITALISED = re.compile(r"[A-Z][a-z]{2,}")
_DOUBLED = re.compile(r"(.)\1")
_WORD_CHAR = re.compile(r"\w")

_DECLARED = (
    explained(
        "OCT340", "a name spelled two ways across the anthology", severity=Severity.WARNING,
        meaning="A capitalised word used at least twice one way and at least twice another, the "
                "same once doubled letters are single (Jett and Jet, Anna and Ana). Every use of "
                "the less frequent spelling is reported, each at its own place.",
        why="Readers notice when a character's name changes between stories, and an "
            "anthology's writers rarely see each other's spellings.",
        fix="Use one spelling throughout (the message names the usual one), or excuse a "
            "deliberate variant with `%% octavo: ignore OCT340` above its paragraph.",
        before="Then Jett opened the hatch, and Jett waved, and Jett laughed. (story one)\n"
               "Later Jet came aboard, and Jet slept. (story two)",
        after="Then Jett opened the hatch, and Jett waved, and Jett laughed. (story one)\n"
              "Later Jett came aboard, and Jett slept. (story two)"),
    explained(
        "OCT380", "a word hyphenated two ways in the book", severity=Severity.WARNING,
        meaning="The same word written with and without a hyphen (e-mail and email, to-day and "
                "today). Reported once, at the first use of the less frequent form, with the "
                "counts. Pairs that are different words (re-cover and recover) are left alone.",
        why="One book, one spelling: a word that changes form from page to page (or from "
            "writer to writer) looks like a slip.",
        fix="Write the word the way the book mostly does (the message names it), or set the "
            "house form with `check: {words: {e-mail: email}}`.",
        before="She sent an e-mail. … He read the email twice. … Another email came.",
        after="She sent an email. … He read the email twice. … Another email came."),
    explained(
        "OCT381", "a title capitalised two ways in mid-sentence", severity=Severity.WARNING,
        meaning="A title or rank after 'the' in the middle of a sentence (the Captain, the "
                "Colonel, the Doctor, the King), capitalised in some places and not in others. "
                "Reported once, at the first use of the less frequent form, with the counts. "
                "Other words are left alone: there a capital usually makes a name (the Sound, "
                "the Green), which is the author's choice.",
        why="Whether 'the captain' takes a capital is house style; mixing the two looks "
            "careless.",
        fix="Choose one and use it throughout (the message names the form the book uses "
            "most).",
        before="He saw the Captain. … Later the captain slept. … Ask the captain.",
        after="He saw the captain. … Later the captain slept. … Ask the captain."),
    explained(
        "OCT382", "a word spelt in two national styles", severity=Severity.WARNING,
        meaning="The same word spelt the British way and the American way in one book (colour "
                "and color, realise and realize, travelled and traveled), as the hunspell "
                "dictionaries of the two tell them apart. Reported once, at the first use of the "
                "less frequent form, with the counts and the book's language.",
        why="A book keeps one spelling; mixed styles are the first thing a copy-editor marks, "
            "and common in anthologies with writers from both sides of the Atlantic.",
        fix="Use the spelling of the book's `language` (en-GB or en-US) throughout, or set "
            "the form with `check: {words: {color: colour}}`.",
        before="The colour faded. … Its color changed. … A colour chart.   (language: en-GB)",
        after="The colour faded. … Its colour changed. … A colour chart.   (language: en-GB)"),
)
# code → (usual severity, summary, what it means), as the whole-book checks report them.
BOOK_CODES: dict[str, tuple[Severity, str, str]] = {
    e.code: (e.severity or Severity.WARNING, e.summary, e.meaning) for e in _DECLARED}


@dataclass(frozen=True, slots=True)
class StoryText:
    display: str
    lines: list[str]
    text: str = field(init=False, compare=False)
    _offsets: tuple[int, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Editors' comments (and octavo directives) are blanked, so they are never words.
        lines = [blank_comment(line) for line in self.lines]
        offsets, at = [], 0
        for line in lines:
            offsets.append(at)
            at += len(line) + 1
        object.__setattr__(self, "text", "\n".join(lines))
        object.__setattr__(self, "_offsets", tuple(offsets))

    def span(self, start: int, end: int) -> Span:
        from bisect import bisect_right

        index = bisect_right(self._offsets, start) - 1
        column = start - self._offsets[index] + 1
        return Span(self.display, index + 1, column, index + 1, column + (end - start))


def _diagnostic(code: str, message: str, span: Span, fix: str | None = None) -> Diagnostic:
    return Diagnostic(BOOK_CODES[code][0], code, message, span, fix)


def _key(name: str) -> str:
    """Jett and Jet, Anna and Ana: the same name once doubled letters are single."""
    return _DOUBLED.sub(r"\1", name.lower())


def _where(stories: set[str]) -> str:
    return ", ".join(sorted(stories))


def name_spellings(stories: list[StoryText], words: BookWords | None = None
                   ) -> list[Diagnostic]:
    """OCT340: a name spelled two ways across the anthology (Jett in one story, Jet in another).
    A capitalised word is taken for a name once it is used in mid-sentence; another spelling of
    it may stand only where any word takes a capital (`"Bernnice cheat."`, `Dalle: you said`)
    if the dictionary does not know it. Each spelling must be used at least twice, so a one-off
    slip is never taken for a name, and one of them must be unknown to the dictionary (Good and
    God are two words). Every use of the less frequent spelling is reported. `words`: the
    book's words, if already counted."""
    mid_sentence: Counter[str] = Counter()
    used_in: dict[str, set[str]] = {}
    for story in stories:
        text = story.text
        for match in _NAME.finditer(text):
            at = match.start() - 1  # the space before the name
            if at == 0 or text[at - 1] in _SENTENCE_BEFORE or text[at - 1] == "\n" or (
                    at > 1 and text[at - 1] in " \t" and text[at - 2] in _SENTENCE_BEFORE):
                continue
            name = match.group(1)
            mid_sentence[name] += 1
            used_in.setdefault(name, set()).add(story.display)
    by_key: dict[str, list[str]] = {}
    for name in mid_sentence:
        by_key.setdefault(_key(name), []).append(name)
    # Spellings seen only where any word takes a capital join a name the book never writes
    # in lower case (Bernice, Dale; not Well, whose `Weel` is dialect).
    words = words or BookWords.of(stories)
    names = {_key(n) for n in mid_sentence if not words.folded[n.lower()] - words.tokens[n]}
    capitalised = [t for t, n in words.tokens.items()
                   if n >= 2 and _CAPITALISED.fullmatch(t) and t not in mid_sentence]
    at_starts_only = {t for t in capitalised if _key(t) in names and not _is_word(t)}
    for name in sorted(at_starts_only):
        by_key[_key(name)].append(name)
        used_in[name] = {story.display for story in stories if name in story.text}
    found: list[Diagnostic] = []
    for spellings in by_key.values():
        if len(spellings) < 2:
            continue
        uses = {name: _every_use(stories, name) for name in spellings}
        spellings = [n for n in spellings if len(uses[n]) >= 2]
        if len(spellings) < 2 or all(_is_word(n) for n in spellings):
            continue
        spellings.sort(key=lambda n: (-len(uses[n]), -mid_sentence[n], n))
        usual = spellings[0]
        for other in spellings[1:]:
            # every use, sentence starts included: each one needs changing
            message = (f"'{other}' ({len(uses[other])} times) is spelled '{usual}' "
                       f"{len(uses[usual])} times elsewhere ({_where(used_in[usual])})")
            found.extend(_diagnostic("OCT340", message, span, usual) for span in uses[other])
    return found


def _is_word(name: str) -> bool:
    """Whether an English dictionary knows the name as a word (Good, God); without one,
    nothing is."""
    from octavo.check.spelling import NoDictionary, speller

    try:
        check = speller("en-US")
    except NoDictionary:
        return False
    return check.knows_in_book_language(name.lower())


def _every_use(stories: list[StoryText], word: str) -> list[Span]:
    # the name first and its start checked afterwards: a pattern that begins with `\b` is
    # tried at every character
    anywhere = re.compile(rf"{re.escape(word)}\b")
    return [story.span(match.start(), match.end())
            for story in stories for match in anywhere.finditer(story.text)
            if not match.start() or not _WORD_CHAR.match(story.text, match.start() - 1)]


# -- one word, one form -------------------------------------------------------------------------

_HYPHENATED = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")
_PLAIN_WORD = re.compile(r"\b[a-z]{3,}\b")  # lower case: Gray's (a name) is not gray
# Hyphenated and closed forms that are different words.
_DIFFERENT_WORDS = word_set("""
    re-cover re-sign re-form re-press re-creation re-count re-treat re-lease re-mark re-sort
    re-serve re-collect re-dress re-fuse re-present re-sent re-solve re-call re-cord re-act
    co-op un-ionized multi-ply
""")


_POSSESSIVE_END = re.compile(r"['’]s$")
Place = tuple[StoryText, int, int, int]  # story, start, end, story's index in the book


def occurrences(text: str, word: str, lower: str | None = None) -> Iterator[int]:
    """Where `word` stands in `text` with no letter on either side (`traveling` in
    `traveling-chaise` counts), by plain substring search: `lower`, the text lower-cased
    (of the same length), makes the search ignore case, with `word` in lower case."""
    haystack = text if lower is None else lower
    at = haystack.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and haystack[at - 1].isalpha()) and not (
                end < len(haystack) and haystack[end].isalpha()):
            yield at
        at = haystack.find(word, at + 1)


class FirstPlaces:
    """Where each form is first used in the book, looked up only for the forms reported (a
    substring search per form, instead of remembering a place for every word of a long
    book; a pattern with look-behinds would be tried at every character)."""

    def __init__(self, stories: list[StoryText], ignore_case: bool, after: str = "") -> None:
        self.stories = stories
        self.ignore_case = ignore_case
        self.after = after  # what stands before each counted use (`the ` for OCT381)
        self.found: dict[str, Place] = {}
        self._lower: dict[int, str | None] = {}

    def lower(self, number: int) -> str | None:
        """The story's text lower-cased, None where that changes its length (İ)."""
        if number not in self._lower:
            text = self.stories[number].text
            lower = text.lower()
            self._lower[number] = lower if len(lower) == len(text) else None
        return self._lower[number]

    def _search(self, word: str, ignore_case: bool) -> Place | None:
        for number, story in enumerate(self.stories):
            if ignore_case:
                lower = self.lower(number)
                if lower is None:
                    match = re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])",
                                      story.text, re.IGNORECASE)
                    if match:
                        return story, match.start(), match.end(), number
                    continue
                at = next(occurrences(story.text, word.lower(), lower), -1)
            else:
                at = next(occurrences(story.text, word), -1)
            if at >= 0:
                return story, at, at + len(word), number
        return None

    def __getitem__(self, word: str) -> Place:
        if word not in self.found:
            # never a failure: the case is relaxed, then what stands before, then the start
            # of the book
            place = None
            if self.after:
                found = self._search(self.after + word, self.ignore_case)
                if found:
                    story, start, end, number = found
                    place = story, start + len(self.after), end, number
            place = place or self._search(word, self.ignore_case) or self._search(word, True)
            self.found[word] = place or (self.stories[0], 0, len(word), 0)
        return self.found[word]


_ANY_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class BookWords:
    """The book's words counted once, for every whole-book check: `tokens`, each form as
    written (with inner apostrophes and hyphens); `lower`, the words written in lower case;
    `parts`, every word and every part of a hyphenated one, lower-cased; `folded`, each form
    lower-cased."""

    tokens: Counter[str]
    lower: Counter[str]
    parts: Counter[str]
    folded: Counter[str]

    @classmethod
    def of(cls, stories: list[StoryText]) -> BookWords:
        # split at spaces (fast), then the words of each distinct piece: a word never holds
        # a space, so the counts are those of the words of the whole text
        pieces: Counter[str] = Counter()
        for story in stories:
            pieces.update(story.text.split())
        tokens: Counter[str] = Counter()
        for piece, n in pieces.items():
            for token in _ANY_WORD.findall(piece):
                tokens[token] += n
        lower: Counter[str] = Counter()
        parts: Counter[str] = Counter()
        folded: Counter[str] = Counter()
        for token, n in tokens.items():  # each distinct form once: a few thousand, not millions
            folded[token.lower()] += n
            for part in token.split("-"):
                parts[part.lower()] += n
                if len(part) >= 3 and part.isalpha() and part.islower():
                    lower[part] += n
        return cls(tokens, lower, parts, folded)


def _counts(stories: list[StoryText], pattern: re.Pattern[str], lower: bool = True
            ) -> Counter[str]:
    counts: Counter[str] = Counter()
    for story in stories:
        found = pattern.findall(story.text)
        counts.update(map(str.lower, found) if lower else found)
    return counts


def _report_minority(code: str, a: str, b: str, counts: Counter[str],
                     first: FirstPlaces, what: str, keep_case: bool = False,
                     preferred: str | None = None) -> Diagnostic:
    """One finding at the first use of the less frequent form (of two used equally often,
    the one that is not `preferred`, else the one the book comes to later)."""
    minority, majority = sorted((a, b), key=lambda w: (counts[w], w == preferred, -first[w][3],
                                                       -first[w][1]))
    story, start, end, _ = first[minority]
    word = story.text[start:end]
    return _diagnostic(code, f"'{word}' ({counts[minority]} times) is written '{majority}' "
                       f"{counts[majority]} times elsewhere in the book{what}",
                       story.span(start, end),
                       majority if keep_case else _same_case(majority, word))


def _same_case(word: str, like: str) -> str:
    return word[0].upper() + word[1:] if like[:1].isupper() else word


def hyphenations(stories: list[StoryText], words: BookWords | None = None) -> list[Diagnostic]:
    """OCT380: e-mail and email, to-day and today in one book. `words`: the book's words, if
    already counted."""
    words = words or BookWords.of(stories)
    hyphenated: Counter[str] = Counter()
    for token, n in words.tokens.items():
        token = _POSSESSIVE_END.sub("", token)  # the after-noon's walk: after-noon
        if token.count("-") == 1 and "'" not in token and "’" not in token:
            hyphenated[token.lower()] += n
    candidates = {h.replace("-", ""): h for h in hyphenated if h not in _DIFFERENT_WORDS}
    closed = [c for c in sorted(candidates) if words.folded[c]
              and not (words.lower[c] == 0 and _name_in_mid_sentence(stories, c))]
    if not closed:
        return []
    counts = hyphenated + Counter({c: words.folded[c] for c in closed})
    first = FirstPlaces(stories, ignore_case=True)
    # of two forms used equally often, the closed one stays where the dictionary knows it
    # (hardware, headlamp): the hyphenated one is reported
    return [_report_minority("OCT380", candidates[c], c, counts, first, "",
                             preferred=c if counts[c] == counts[candidates[c]] and _is_word(c)
                             else None) for c in closed]


def _name_in_mid_sentence(stories: list[StoryText], word: str) -> bool:
    """Whether a word the book never writes in lower case stands capitalised in mid-sentence:
    a name (`instead of Midsummer, they` is the quarter day, not `mid-summer`)."""
    capitalised = re.compile(rf"[a-z,;] ({re.escape(word[0].upper() + word[1:])})\b")
    return any(capitalised.search(story.text) for story in stories)


_AFTER_THE = re.compile(r"the (?<=\bthe )([A-Za-z][a-z]{2,})\b")  # literal first: fast
# Titles and ranks: the words whose capital after `the` is a matter of house style.
TITLES = word_set("""
    captain colonel major general admiral commodore commander lieutenant sergeant corporal
    marshal doctor professor president chancellor minister king queen prince princess duke
    duchess earl marquis marquess baron baroness count countess viscount emperor empress czar
    tsar sultan pharaoh chief inspector detective superintendent constable sheriff judge
    magistrate governor mayor senator ambassador consul bishop archbishop vicar rector
    reverend pope cardinal abbot abbess prior prioress dean chaplain squire laird colonel
    commissioner director headmaster headmistress principal
""")


def capitalisations(stories: list[StoryText]) -> list[Diagnostic]:
    """OCT381: the Captain and the captain in mid-sentence."""
    counts = _counts(stories, _AFTER_THE, lower=False)
    # reported at a use after `the` (`the admiral`), the use counted, not `a rich admiral`
    first = FirstPlaces(stories, ignore_case=False, after="the ")
    found = []
    for word in sorted(counts):
        lower = word.lower()
        if not word[0].isupper() or lower not in TITLES:
            continue
        if counts[lower] == 0 or counts[word] + counts[lower] < 3:
            continue
        found.append(_report_minority("OCT381", word, lower, counts, first, " after 'the'",
                                      keep_case=True))
    return found


def national_spellings(stories: list[StoryText], language: str,
                       words: BookWords | None = None) -> list[Diagnostic]:
    """OCT382: colour and color in one book. `words`: the book's lower-case word counts, if
    already made (words written in lower case only: Gray's, a name, is not gray)."""
    from octavo.check.spelling import NoDictionary, american_forms, speller

    counts = (words or BookWords.of(stories)).lower
    pairs = [(word, us) for word in sorted(counts) for us in american_forms(word)
             if us != word and counts[us]]
    if not pairs:
        return []
    try:
        check = speller(language)
    except NoDictionary:
        return []
    first = FirstPlaces(stories, ignore_case=False)
    found = []
    for word, us in pairs:
        if not ({"en_GB", "en_US"} & {check.variety(word), check.variety(us)}):
            continue
        # of two used equally often, the one in the style of the book's language stays
        found.append(_report_minority(
            "OCT382", word, us, counts, first,
            f" (British '{word}', American '{us}'; the book's language is {language})",
            preferred=us if language.upper().endswith("-US") else word))
    return found
