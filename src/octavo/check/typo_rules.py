"""Likely typos (OCT347): a word no dictionary knows, used once in the whole book, and one slip
away from a common word — `teh`, `recieve`, `dont`.

The book's own vocabulary never fires: a name, an invented word or a dialect spelling that
recurs anywhere in the anthology is the author's choice, and `check: {words: ...}` names more.
Capitalised words (names), words joined to an apostrophe (dialect elisions: goin', 'em) and
web addresses are left alone, and so are dialect forms that only drop a g (nothin) or give an
irregular verb a regular past (knowed, growed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from octavo.check import registers
from octavo.check.anthology_rules import BookWords, StoryText, occurrences
from octavo.check.spelling import NoDictionary, Speller, elided_words, speller
from octavo.check.transcripts import transcript_lines
from octavo.check.words import word_set
from octavo.diagnostics import Diagnostic, Severity
from octavo.explanations import explained

TYPO = explained(
    "OCT347", "a likely typo", severity=Severity.WARNING,
    meaning="A word that the dictionary of the book's language does not know, that the whole "
            "book uses only once, and that is one slip (a letter dropped, added, changed, or two "
            "swapped) from a common word: `teh`, `recieve`, `dont`. Names and other capitalised "
            "words, dialect elisions (goin', 'em) and anything the book uses twice or more are "
            "the author's own and never reported; add more under `check: {words: {Word: ~}}` in "
            "book.yaml. The dictionary is the hunspell one for the book's `language` (en-US, "
            "en-GB...); another variety of the same language also counts as knowing a word, so "
            "British and American spellings are a question of consistency (OCT382), not of "
            "typos.",
    why="A typo is the slip readers forgive least in a printed book; one used only once is the "
        "kind the author's eye slides over.",
    fix="Correct the word (the message suggests the common word it is one slip from). If it is "
        "meant (an invented word, a dialect spelling used once), name it in book.yaml: "
        "`check: {words: {Quorl: ~}}`, or excuse it with `%% octavo: ignore OCT347` above its "
        "paragraph.",
    before="She did not recieve the letter.",
    after="She did not receive the letter.")
NO_DICTIONARY_NOTE = explained(
    "OCT348", "no spelling dictionary for the book's language: typos not checked",
    severity=Severity.INFO,
    meaning="The likely-typo check (OCT347) needs a hunspell or aspell dictionary for the "
            "book's `language`, and none is installed on this computer (or the one found cannot "
            "be opened), so typos were not looked for. The other checks ran as usual.",
    why="A clean `octavo check` would otherwise suggest the spelling was checked when it was "
        "not.",
    fix="Install the hunspell dictionary for the language (on Debian or Ubuntu: `apt install "
        "hunspell-fr` for French, hunspell-en-gb for British English), or accept that typos "
        "are not checked for this book.",
    before="language: fr-FR     # no French dictionary installed",
    after="language: fr-FR     # after `apt install hunspell-fr`")
CODE = TYPO.code
SUMMARY = TYPO.summary
EXPLANATION = TYPO.meaning
NO_DICTIONARY = NO_DICTIONARY_NOTE.code
NO_DICTIONARY_SUMMARY = NO_DICTIONARY_NOTE.summary

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_APOSTROPHES = "'’‘`"
_WEB = re.compile(r"[/@]|www\.|\.\w{2,3}\b")


@dataclass(frozen=True, slots=True)
class Typo:
    story: StoryText
    start: int
    end: int
    word: str
    suggestion: str


def _lost_apostrophe(word: str, check: Speller) -> bool:
    """`dont`, `cant`, `wont`: a contraction typed without its apostrophe."""
    return any(check.knows_in_book_language(word[:i] + "'" + word[i:])
               for i in range(max(1, len(word) - 3), len(word)))


_TAKES_ES = ("s", "x", "z", "ch", "sh", "o")


def _dialect_form(word: str, check: Speller) -> bool:
    """Forms that dialect, older spelling and plain morphology build from known words, which
    dictionaries often lack: nothin (nothing), knowed and growed (know, grow), stopt, dropt and
    popt (stopped), covies and chimnies (coveys), reasonings (reasoning), desponding (despond),
    tenour (tenor)."""
    if word.endswith("in") and check.knows(word + "g"):
        return True
    if _spoken_reduction(word, check):
        return True
    stems = []
    if word.endswith("s"):
        # (-es only after the sounds that take it, `boxes`, `goes`: `comees`, `eyees` are slips)
        stems += [word[:-1], word[:-2] if word.endswith("es") and
                  word[:-2].endswith(_TAKES_ES) else ""]
    if word.endswith("ed"):
        stems += [word[:-2], word[:-1]]
    if word.endswith("ing"):
        stems += [word[:-3], word[:-3] + "e"]
    # (a short word only after the sounds the older -t past follows: popt, kist)
    if word.endswith("t") and (len(word) > 4 or (len(word) == 4 and word[-2] in "pks")) and \
            not _lost_apostrophe(word, check):
        stems += [word[:-1] + "ed", word[:-1] + word[-2] + "ed"]  # stopt, dropt, stept, popt
    if word.endswith("ies") and len(word) > 5:
        stems.append(word[:-3] + "eys")  # covies, journies, chimnies: the older plural of -ey
    if any(len(stem) > 2 and check.knows(stem) for stem in stems):
        return True
    from octavo.check.spelling import american_forms, british_forms

    return any(check.knows(other) for other in american_forms(word) + british_forms(word))


def _spoken_reduction(word: str, check: Speller) -> bool:
    """`oughta`, `shoulda`, `musta`, `mighta`, `willya`: a word and the `a` (to, have, of) or
    `ya` (you) that speech runs into it, spelt as heard — a common word with that ending, of
    which no slip of the fingers makes one."""
    for ending in ("ya", "ja", "a"):
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 4 and stem[-1] not in "aeiou" and \
                check.index.is_common(stem):
            return True
    return False


def likely_typos(stories: list[StoryText], language: str,
                 own_words: frozenset[str] = frozenset(),
                 words: BookWords | None = None) -> list[Diagnostic]:
    """OCT347 across the book; one OCT348 note when the language has no dictionary.
    `words`: the book's words, if already counted."""
    book = words or BookWords.of(stories)
    counts = book.parts
    own = {w.lower() for w in own_words}
    # only words written in small letters (or in a script without capitals): a capitalised
    # one is a name, and never reported
    once = {w for w, n in counts.items() if n == 1 and len(w) >= 3 and w not in own
            and (w in book.lower or w == w.upper())}
    if not once:
        return []
    try:
        check = speller(language)
    except NoDictionary as exc:
        return [Diagnostic(Severity.INFO, NO_DICTIONARY, f"{exc}; typos are not checked",
                           stories[0].span(0, 0) if stories else None)]
    unknown = {w for w in once if not _drawn_out(w, check) and not check.knows(w)
               and not _dialect_form(w, check)
               and not _inflects_a_book_word(w, counts, check)}
    if not unknown:
        return []
    found = []
    for typo in _places(stories, unknown, check):
        # asked last, of the few words left: the list is large
        if _older_spelling(typo.word.lower(), language, check) or (
                _archaic_verb(typo.word.lower(), check) and _archaic_register(typo.story)):
            continue
        found.append(Diagnostic(
            Severity.WARNING, CODE, f"'{typo.word}' is not in the {check.tag} dictionary and is "
            f"used only here; did you mean '{typo.suggestion}'?",
            typo.story.span(typo.start, typo.end), typo.suggestion))
    return found


_ELONGATED = re.compile(r"([^\W\d_])\1\1$|([^\W\d_])\2\2\2")


def _drawn_out(word: str, check: Speller) -> bool:
    """Speech drawn out: a letter held four times (`reeeeally`), or a last letter held three
    times that a word does not end in twice (`sooo`, `nooo`, `shhh`). A letter tripled inside
    a word (`weeeks`) or at the end of one that ends doubled (`telll`, `alll`) is a slip."""
    match = _ELONGATED.search(word)
    if match is None:
        return False
    if match.group(2):
        return True
    base = word[:-1]
    return not (check.knows(base) and any(c in "aeiouy" for c in base))
_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ers", "y", "ish", "ly", "'s", "’s")


def _inflects_a_book_word(word: str, counts: Mapping[str, int], check: Speller) -> bool:
    """Whether the word is another word of the book, one the dictionary does not know either,
    with an ending added or taken away: the author's invented word used in two forms (`quorl`
    and `quorls`, `skelter` and `skeltering`) is the book's own vocabulary, each form used
    once. (A known word does not count: `thes` is a slip for `the`.)"""
    related = []
    for ending in _ENDINGS:
        related.append(word + ending)
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[:-len(ending)]
            related += [stem, stem + "e"] if ending in ("ed", "ing", "er", "ers", "y") else [stem]
    return any(counts.get(other, 0) and not check.knows(other) for other in related)


def _archaic_verb(word: str, check: Speller) -> bool:
    """A verb in the older second or third person (`thou findest`, `God seest`, `he goeth`,
    `thou sittest`): a known verb with -est or -eth, which dictionaries lack."""
    if len(word) < 5 or not word.endswith(("est", "eth")):
        return False
    base = word[:-3]
    # (a verb in -e takes -st, `lovest`, `seest`, `agreest`: `foreest` is a slip for `forest`)
    stems = [base + "e"] if base.endswith("e") and not base.endswith("ee") else [base, base + "e"]
    if len(base) > 2 and base[-1] == base[-2]:
        stems.append(base[:-1])  # sittest, runneth
    from octavo.check.lexicon import parts_of_speech

    return any(len(stem) >= 2 and check.knows(stem) and "VERB" in parts_of_speech(stem)
               for stem in stems)


_ARCHAIC_PRONOUNS = re.compile(r"\b(?:thou|thee|thy|thine|ye|hath|doth|dost|hast|art thou)\b",
                               re.IGNORECASE)


def _archaic_register(story: StoryText) -> bool:
    """Whether the story speaks, somewhere, in the older second person or verb forms (where
    `findest` is a form, not a slip for `finest`, as it would be in modern prose)."""
    return _ARCHAIC_PRONOUNS.search(story.text) is not None


def _older_spelling(word: str, language: str, check: Speller) -> bool:
    """A real word in an older, rarer or dialect spelling (teazing, vext, doat, nuncheon), as
    SCOWL's largest word list knows it — unless it is a contraction that lost its apostrophe
    (dont, cant, wont), which that list also has."""
    from octavo.check.spelling import in_large_word_list

    if not in_large_word_list(word, language):
        return False
    return not _lost_apostrophe(word, check)


# Grammar of dialect speech, which spells its words its own way too (`they was going
# further down, but howsever`).
# (only forms standard English never has: `them as` and `them there` are standard too)
_DIALECT_GRAMMAR = re.compile(r"\b(?:(?:they|we|you) was|(?:he|she|it) don['’]?t|ain['’]?t|I says)\b",
                              re.IGNORECASE)


_SENTENCE_END = re.compile(r"[.!?;:]\s")
_QUOTED = re.compile(r"“[^“”]*(?:”|$)|\"[^\"]*(?:\"|$)")


def _sentence(line: str, offset: int) -> tuple[int, int]:
    ends = [m.end() for m in _SENTENCE_END.finditer(line)]
    return (max([e for e in ends if e <= offset], default=0),
            min([e for e in ends if e > offset], default=len(line)))


# In speech, dialect shows as one word the dictionary lacks in every few dozen: one rare
# word (gentlemanlike) in a long speech of standard English is no dialect.
_SPEECH_WORDS_PER_UNKNOWN = 60


def _unknown_words(line: str, spans: list[tuple[int, int]], offset: int,
                   check: Speller) -> tuple[int, int, bool]:
    """Of the words in `spans` (the one at `offset` aside): how many, how many no dictionary
    knows, and whether dialect grammar stands among them."""
    unknown = words = 0
    for a, b in spans:
        if _DIALECT_GRAMMAR.search(line, a, b):
            return words, unknown, True
        for match in _TOKEN.finditer(line, a, b):
            word = match.group(0)
            words += 1
            if match.start() == offset or not word[:1].islower() or len(word) < 2 or \
                    "'" in word or "’" in word:  # elisions are counted below
                continue
            if not check.knows(word) and not _dialect_form(word, check):
                unknown += 1
        unknown += elided_words(line, a, b, check)  # an' I says, Ye're, wi'
    return words, unknown, False


def _another_unknown_word(text: str, start: int, end: int, check: Speller) -> bool:
    """Whether the word stands among other words no dictionary knows, or in dialect grammar
    (`they was`): dialect speech or a foreign phrase, where a lone slip in standard prose is
    not the likely story. Judged on the word's sentence, and in speech on all that the
    paragraph's speakers say (a dialect speaker's other words: `"They dinnae come..." He
    pulled on the oar. "My faither saw them"`), where such words must be frequent."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    offset = start - line_start
    _, unknown, grammar = _unknown_words(line, [_sentence(line, offset)], offset, check)
    if unknown or grammar:
        return True
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(line)]
    if not any(a <= offset < b for a, b in quoted):
        return False
    words, unknown, grammar = _unknown_words(line, quoted, offset, check)
    return grammar or (unknown > 0 and unknown * _SPEECH_WORDS_PER_UNKNOWN >= words)


_VOWELS = frozenset("aeiou")
# Letters a writer doubles to change a sound (`weel`, `noo`); doubling any other (`frrom`,
# `sayys`, `fiire`) leaves the sound as it was, so no spelling for the ear makes it.
_DOUBLED_FOR_SOUND = frozenset("eo")
# Keys side by side on a QWERTY keyboard, where a finger that slips lands (`ssid`, `winsow`).
_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _adjacent_keys() -> frozenset[tuple[str, str]]:
    pairs = set()
    for row, below in zip(_KEY_ROWS, (*_KEY_ROWS[1:], ""), strict=True):
        for i, key in enumerate(row):
            pairs.add((key, row[i + 1]) if i + 1 < len(row) else (key, key))
            # (a row is set half a key to the right of the one above: `a` is below q and w)
            for under in below[max(0, i - 1):i + 1]:
                pairs.add((key, under))
    return frozenset(pairs | {(b, a) for a, b in pairs})


_ADJACENT_KEYS = _adjacent_keys()
# The pairs of consonants an English word may begin with (`spose`, `blieve`: a vowel dropped
# as speech drops it); `tme`, `tld`, `nthing` begin as no word does.
_ONSETS = word_set("""
    bl br ch cl cr dr dw fl fr gl gn gr kl kn kr ph pl pr ps sc sh sk sl sm sn sp sq st sw
    th tr ts tw wh wr
""")


def _keys_side_by_side(a: str, b: str) -> bool:
    return a != b and (a, b) in _ADJACENT_KEYS


def _finger_slip(word: str, suggestion: str) -> bool:
    """Whether `word` is `suggestion` with a slip of the fingers that no spelling for the ear
    makes — dialect and older spelling write a word as it sounds (`weel`, `oot`, `telt`,
    `zummat`): a consonant (or i, u, a, y) doubled or a doubled consonant made single, which
    leaves the sound as it was (`frrom`, `sayys`, `wil`); a vowel after the first letter
    struck as the consonant on the key beside it (`ssid`, `blnnet`, `clme`); a vowel
    dropped so that the word begins as no English word does (`tme`, `tld`)."""
    if len(word) == len(suggestion) + 1:  # a letter added
        at = next((i for i in range(len(suggestion)) if word[i] != suggestion[i]),
                  len(suggestion))
        added = word[at]
        doubled = (at > 0 and word[at - 1] == added) or (at + 1 < len(word) and
                                                          word[at + 1] == added)
        return doubled and added not in _DOUBLED_FOR_SOUND
    if len(word) + 1 == len(suggestion):  # a letter dropped
        at = next((i for i in range(len(word)) if word[i] != suggestion[i]), len(word))
        dropped = suggestion[at]
        if dropped not in _VOWELS:
            single = (at > 0 and suggestion[at - 1] == dropped) or (
                at + 1 < len(suggestion) and suggestion[at + 1] == dropped)
            return single
        return at == 1 and len(word) >= 2 and word[0] not in _VOWELS and \
            word[1] not in _VOWELS | {"y"} and word[:2] not in _ONSETS
    if len(word) == len(suggestion):  # a letter changed (two swapped are told apart before)
        changed = [i for i in range(len(word)) if word[i] != suggestion[i]]
        if len(changed) != 1 or changed[0] == 0:
            return False  # (a first letter seldom slips, and dialect changes it: `een`, `jist`)
        # a vowel struck as the consonant beside it: dialect writes sounds, changing a vowel
        # to a vowel (`jist`) or a consonant (`weel`, `heid`, `mair`, `dae`, `neet`) to
        # another sound, and never takes a vowel away for a consonant
        a, b = suggestion[changed[0]], word[changed[0]]
        # (w and y write vowel sounds too: `owt`, `nowt` are `aught` and `naught`)
        return a in _VOWELS and b not in _VOWELS | {"w", "y"} and _keys_side_by_side(a, b)
    return False


def _finger_slip_of(word: str, check: Speller) -> str | None:
    """The most frequent common word of which `word` is a slip of the fingers, or None."""
    return check.index.most_common(
        {other for other in check.all_one_slip_from(word) if _finger_slip(word, other)})


def _doubled_inside_of(word: str, check: Speller) -> str | None:
    """The most frequent common word that `word` is with a consonant doubled before its last
    letter (`thinnk`, `havve`, `acctually`), or None: stress doubles a word's last letter
    (`yess`, `omgg`) and vowels (`sooo`), never a consonant inside it."""
    found = set()
    for at in range(1, len(word) - 1):
        if word[at] == word[at - 1] and word[at] not in _VOWELS | {"y"}:
            other = word[:at] + word[at + 1:]
            if other not in found and check.index.is_common(other):
                found.add(other)
    return check.index.most_common(found)


def _coined_compound(word: str, suggestion: str, check: Speller) -> bool:
    """`sunwell`, `skyrope`, `stormhound`: two common words joined, a compound the author coined
    (a fantasy's well of sunlight), which is one slip from a word (`unwell`) only by a letter
    added, dropped or changed at its start — where fingers seldom slip. A slip inside a word
    that happens to leave two words (`allways`, `cotage`) is still reported."""
    if suggestion[:1] == word[:1] or len(word) < 6 or any(
            other[:1] == word[:1] for other in check.all_one_slip_from(word)):
        return False  # (`moorway`: `doorway`, but `motorway` too, a slip inside the word)
    return any(check.index.is_common(word[:i]) and check.index.is_common(word[i:])
               for i in range(3, len(word) - 2))


# A run of short sounds, each of up to four letters, parted by commas or spaces: a singer's
# scale (`Mee, may, mah, moh, moo`), a chant, a noise (`bim, bam, bom`).
_SOUNDS = re.compile(r"(?:\b[^\W\d_]{1,4}\b[,;]?\s+){2,}\b[^\W\d_]{1,4}\b")


def _among_sounds(text: str, start: int, end: int, check: Speller) -> bool:
    """Whether the word is one of at least three short sounds in a row that open with the
    same letter (`Mee, may, mah, moh, moo`): syllables sung or chanted, not words."""
    for match in _SOUNDS.finditer(text, max(0, start - 40), min(len(text), end + 40)):
        if not match.start() <= start < match.end():
            continue
        words = [(m.start(), m.group(0)[:1].lower(), m.end())
                 for m in re.finditer(r"[^\W\d_]+", match.group(0))]
        mine = next((i for i, (at, _, _) in enumerate(words) if match.start() + at == start),
                    None)
        if mine is None:
            return False
        letter = words[mine][1]
        first = last = mine
        while first > 0 and words[first - 1][1] == letter:
            first -= 1
        while last + 1 < len(words) and words[last + 1][1] == letter:
            last += 1
        if last - first < 2:
            return False
        run = text[match.start() + words[first][0]:match.start() + words[last][2]]
        # a list of sounds (commas between them), or sounds no dictionary knows beside it
        # (`bim bam bom`): `to the thn` is a slip among words
        return "," in run or any(
            not check.index.is_common(m.group(0).lower())
            for m in re.finditer(r"[^\W\d_]+", run)
            if match.start() + words[first][0] + m.start() != start)
    return False


_TEXT_SPEAK_LETTERS = 4
# a word that is a sentence of its own: a sentence's end (or the unit's start) before it, and
# its own end after it
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?]\s+|[\"“]|\n)$")
_SENTENCE_ALONE = re.compile(r"[.!?]+(?:\s|[\"”]|$)|[\"”]?\s*$")


def _set_apart_or_as_typed(text: str, start: int, end: int, check: Speller) -> bool:
    """A word in `_..._` emphasis, where books set foreign words and sounds (`_Experto
    credite._`, `a small, clean _tok_`); a contraction without its apostrophe in a unit that
    writes them all so (`theyre like $30 on amazon`); a short word of text-speak that is a
    sentence of its own in a message typed in small letters throughout (`omw. 20 min.`, `idk.`;
    its letters may happen to be a swap of a word's, `mow`). Elsewhere two letters swapped are
    a slip even there."""
    word = text[start:end]
    if len(word) <= _TEXT_SPEAK_LETTERS and _SENTENCE_ALONE.match(text, end) and \
            _SENTENCE_BEFORE.search(text, max(0, start - 4), start) and \
            registers.lower_case_habit(text, start, blank_lines=True):
        return True
    if check.swap_of(word) is not None:
        return False
    # (a sound or a foreign word can be said: a word left without a vowel, `_tht_`, is a slip)
    sayable = any(c in "aeiouy" for c in word.lower())
    return (sayable and registers.in_emphasis(text, start, end)) or (
        _lost_apostrophe(word, check) and registers.casual_spelling(text, start, end,
                                                                    blank_lines=True))


def _places(stories: list[StoryText], unknown: set[str], check: Speller) -> list[Typo]:
    found = []
    # only the few unknown words are looked for, each by a substring search (each is used
    # once in the book, so the search for it stops where it is found)
    left = set(unknown)
    for story in stories:
        if not left:
            break
        text = story.text
        lower = text.lower()
        if len(lower) != len(text):  # a letter whose lower case is longer: search exactly
            lower = text
        spans = []
        for word in [w for w in left if w in lower]:
            for at in occurrences(text, word, lower):
                spans.append((at, at + len(word)))
                left.discard(word)
        transcript: frozenset[int] | None = None
        for start, end in sorted(spans):
            word = text[start:end]
            if not word[:1].islower():
                continue
            if transcript is None:
                transcript = transcript_lines(enumerate(story.lines, 1)) if ": " in text \
                    else frozenset()
            if text.count("\n", 0, start) + 1 in transcript and \
                    _doubled_inside_of(word.lower(), check) is None:
                # a chat log's typing (`omg`, `dont`, `yesss`, `txt`): the character's
                # register; a consonant doubled inside a word (`thinnk`, `workks`) is no
                # shorthand or stress, but a slip
                continue
            if _set_apart_or_as_typed(text, start, end, check):
                continue
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if before in _APOSTROPHES or after in _APOSTROPHES or before.isdigit() or any(
                    a in word for a in _APOSTROPHES):  # elisions: d'ye, goin', 'em
                continue
            if before == "-" or after == "-":  # part of a compound: unlover-like, spunging-house
                continue
            token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
            token_end = min((i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0),
                            default=len(text))
            if _WEB.search(text[token_start:token_end]):
                continue
            suggestion = check.one_slip_from(word)
            if suggestion is not None and _another_unknown_word(text, start, end, check):
                # dialect, or a foreign phrase: not one slip in standard prose, unless the
                # word is a slip that only fingers make (two letters swapped, `ronud`)
                suggestion = check.swap_of(word) or _finger_slip_of(word.lower(), check)
                if suggestion is None:
                    continue
            if suggestion is None or _coined_compound(word.lower(), suggestion, check) or \
                    _among_sounds(text, start, end, check):
                continue
            found.append(Typo(story, start, end, word, suggestion))
    return found
