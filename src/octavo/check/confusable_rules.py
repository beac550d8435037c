"""Confusables: your/you're, its/it's, whose/who's, their/there/they're, then/than, lose/loose,
affect/effect, alot, could of, a/an.

Each is reported only where the neighbouring words make the error plain — `your talking`,
`whose seen`, `could of gone`, `their is` — never for the word alone: `your talking points`
and `whose seen-it-all smile` are fine. What a neighbour can be (a noun, a past participle, a
comparative) comes from the LemmInflect lexicon, how it sounds from the CMU Pronouncing
Dictionary (`lexicon`); the closed classes (pronouns, determiners, modals) from `words`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from octavo.check import lexicon
from octavo.check.registers import casual_spelling
from octavo.check.text_rules import (
    Finding,
    Paragraphs,
    TextParagraph,
    finding_at,
    paragraphs_view,
    rule,
)
from octavo.check.words import (
    ABBREVIATIONS,
    DETERMINERS,
    IRREGULAR_COMPARATIVES,
    MODALS,
    OBJECT_PRONOUNS,
    POSSESSIVES,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    word_set,
)
from octavo.diagnostics import Severity

# (the look-ahead at the first letters lets the scanner skip every other word quickly)
_TRIGGERS = re.compile(
    r"(?=[AaEeIiLlTtWwYy])\b(?:[Yy]our|[Yy]ou['’]re|[Ii]ts|[Ii]t['’]s|[Ww]hose|[Ww]ho['’]s|[Tt]hey['’]re|[Tt]han|"
    # `their`, `there` and `then` are common and mostly right: only the places a rule can
    # question them are taken (their + a verb or an article, or one word and the clause's
    # end; there not before a verb; then not before punctuation)
    r"[Tt]heir(?=[ \t]+(?:is|are|was|were|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|a|an|the|"
    r"gonna|going|not|still|both|all|more|under|over|past|down|up|out|off|[a-z]+ing|"
    r"a(?:sleep|wake|lone|fraid|live|ware|shamed|float|drift|blaze|loof|like|jar|broad|shore|board)|"
    r"[a-z]+er[ \t]+(?:than|to)|[a-z]+ly|always|never|just|very|so|too|for|about|at|in|on|with|"
    r"from|by|of|into|upon|to|this|that|these|those|like|"
    r"a-[a-z]+ing)\b|[ \t]+[a-z]+in['’]|[ \t]+[a-z]+[ \t]*(?:[.,;:!?]|and\b|or\b)|"
    r"[ \t]+[a-z]+(?:ed|en|[^s])[ \t]+(?:to|of|about|for|with|at|from|by)\b)|"
    r"[Tt]here(?![ \t]+(?:is|was|are|were|had|has|have|will|would|could|should|might|must|may|"
    r"seemed|be|been|came|stood|lay)\b|['’]s\b|[,.;:!?])|"
    r"[Tt]hen(?![,.;:!?])|loose|loosing|lose|effects?|effecting|affects?|[Aa]lot|"
    # `a` only before a vowel or h, `an` only before a consonant other than h: the rest are
    # right by their spelling and need no look at their sound
    r"[Aa](?=[ \t]+[aeiouhAEIOUH])|[Aa]n(?=[ \t]+[b-df-gj-np-tv-zB-DF-GJ-NP-TV-Z]))\b(?![-'’])")
# A word (with inner apostrophes and hyphens), or one punctuation mark.
_TOKEN = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|[^\sA-Za-z]")


@dataclass(frozen=True, slots=True)
class Site:
    """A trigger word in its sentence: the words on either side, lower-cased ('' where the
    paragraph ends), and whether the word starts a sentence."""

    word: str
    lower: str  # lower case, with a straight apostrophe
    start: int  # into the story's joined text
    end: int
    before: tuple[str, str]  # the word two back, the word just before
    after: tuple[str, str, str]
    after_raw: tuple[str, str, str]
    starts_sentence: bool
    text: str = field(repr=False, compare=False, default="")  # the story's joined text


def _sites(paragraphs: list[TextParagraph], word: str) -> list[Site]:
    """Every trigger `word` (lower case) in the story. The story is scanned once for all the
    triggers, and the sites are shared by the confusable rules."""
    view = paragraphs_view(paragraphs)
    by_word: dict[str, list[Site]] | None = view.cache.get("confusable-sites")  # type: ignore[assignment]
    if by_word is None:
        by_word = {}
        for site in _scan_sites(view.joined):
            by_word.setdefault(site.lower, []).append(site)
        view.cache["confusable-sites"] = by_word
    return by_word.get(word, [])


def _scan_sites(text: str) -> Iterator[Site]:
    for match in _TRIGGERS.finditer(text):
        start, end = match.span()
        line_start = text.rfind("\n", max(0, start - 60), start) + 1
        line_end = text.find("\n", end, end + 80)
        line_end = min(len(text), end + 80) if line_end < 0 else line_end
        # (`_thoughts_`: the underscores of emphasis are not words)
        behind = [t for t in _TOKEN.findall(text, max(line_start, start - 40), start)
                  if t != "_"][-2:]
        ahead_raw = _dialect_gerunds([t for t in _TOKEN.findall(text, end, min(line_end, end + 60))
                                      if t != "_"][:5])[:3]
        behind = ["", ""][: 2 - len(behind)] + behind
        ahead_raw += [""] * (3 - len(ahead_raw))
        ahead = tuple(w.lower().replace("’", "'") for w in ahead_raw)
        previous = behind[-1]
        starts = not previous or previous in ".!?“\"‘—" or (
            previous == ":" and text[start:start + 1].isupper()) or (
            previous in "'’" and behind[0] in (".", "!", "?", ""))
        word = match.group(0)
        yield Site(word, word.lower().replace("’", "'"), start, end,
                   (behind[0].lower().replace("’", "'"), previous.lower().replace("’", "'")),
                   (ahead[0], ahead[1], ahead[2]), (ahead_raw[0], ahead_raw[1], ahead_raw[2]),
                   starts, text)


def _dialect_gerunds(tokens: list[str]) -> list[str]:
    """Dialect spellings of an -ing form read as the form itself, so the grammar around them
    is judged the same: `bringin'` (the g dropped, an apostrophe for it) is `bringing`,
    `a-going` is `going`, and `t'` is `the`."""
    out: list[str] = []
    at = 0
    while at < len(tokens):
        token = tokens[at]
        if token.endswith("in") and at + 1 < len(tokens) and tokens[at + 1] in ("'", "’") and \
                lexicon.is_gerund(token.lower() + "g"):
            out.append(token + "g")
            at += 2
            continue
        if token in ("t", "T") and at + 1 < len(tokens) and tokens[at + 1] in ("'", "’"):
            out.append("the")  # `t' lass`
            at += 2
            continue
        if token[:2].lower() == "a-" and lexicon.is_gerund(token[2:].lower()):
            token = token[2:]
        out.append(token)
        at += 1
    return out


def _report(paragraphs: list[TextParagraph], code: str, words: set[str],
            decide: Callable[[Site], str | None]) -> Iterator[Finding]:
    """Run `decide` on every site of one of `words`; it returns the word that belongs there
    (the finding's fix), or None where the word is right or the grammar is not clear."""
    view: Paragraphs = paragraphs_view(paragraphs)
    sites = sorted((site for word in words for site in _sites(view, word)),
                   key=lambda site: site.start)
    for site in sites:
        right = decide(site)
        if right is None:
            continue
        if site.word[:1].isupper():
            right = right[0].upper() + right[1:]
        yield finding_at(view, code, f"'{site.word}' should probably be '{right}' here",
                         site.start, site.end, right)


_PUNCTUATION_END = frozenset(".,;:!?…—-)\"”’'")


def _is_end(token: str) -> bool:
    return token == "" or token in _PUNCTUATION_END


def _word(token: str) -> bool:
    return token[:1].isalpha()


# -- your / you're ----------------------------------------------------------------------------

# Words after which a clause must follow, not a noun phrase: `what your talking about`.
_CLAUSE_OPENERS = word_set("""
    what if when because cause cos coz cuz unless whether think know guess bet hope sure
    where why how
""")
_AFTER_GERUND = OBJECT_PRONOUNS | POSSESSIVES | DETERMINERS | word_set(
    "to about at on with for off out up down away back like into around over every each "
    "some any no all in through from across after round along past")
_ADVERBS_NOT_BEFORE_NOUNS = word_set("""
    probably definitely obviously clearly certainly totally actually already gonna kidding
    joking lying
""")


def _gerund_clause(site: Site) -> bool:
    """`what your talking about`: a possessive then an -ing verb that has an object or a
    particle, in a place where a clause (not a noun phrase) must stand. A possessive before
    a gerund is fine English (`Your telling it will help`, `of your going to Bath`), so this
    needs the clause opener."""
    first, second = site.after[0], site.after[1]
    if first in ("being", "having") or not lexicon.is_gerund(first):
        return False
    # (or nothing after it but the clause's end, an adverb or `and`: `what you think your
    # doing.`, `when your going uphill`, `if your going or not`)
    return site.before[1] in _CLAUSE_OPENERS and (
        second in _AFTER_GERUND or _is_end(second) or second in ("and", "or", "now") or (
            _word(second) and second not in _CLOSED and "ADV" in lexicon.parts_of_speech(second)
            and not site.after_raw[1][:1].isupper()))


def _going_to_verb(site: Site) -> bool:
    """`your going to love it`: going to + a verb's base form (not `going to Bath`)."""
    first, second, third = site.after
    return first == "going" and second == "to" and (_base_verb(third) or (
        _plain_verb(third) and third not in _DESTINATIONS and not site.after_raw[2][:1].isupper()))


# Nouns that `going to` leads to as places, not verbs (`going to work`, `going to bed`).
_DESTINATIONS = word_set("""
    bed school church town work sea war market court college prison jail hospital dinner
    lunch breakfast tea supper class mass chapel heaven hell pieces seed waste ruin press
    law university camp
""")


def _subject_complement(site: Site) -> bool:
    """What follows a subject and `is`/`are`, never an owner (`its still too wide`, `their
    not all labelled`, `its better than`, `Its moving.`, `its under the bridge`): a
    possessive is followed by what it owns."""
    first, second = site.after[0], site.after[1]
    if first in ("still", "both", "all") and _word(second) and (
            lexicon.only(second, "ADJ", "ADV") or second in ("too", "very", "so", "the", "a")
            or (lexicon.is_past_participle(second) and lexicon.only(second, "VERB", "ADJ"))):
        return True
    if first == "not" and (not lexicon.is_gerund(second) or (
            second == "going" and site.after[2] == "to")):
        return True  # (`their not going to do it`; `their not going` is a gerund's)
    if _is_comparative(first) and second == "than" and first not in ("other", "elder"):
        return True
    # `Your old enough to know`, `its big enough`: a describing word and `enough`, no noun
    if second == "enough" and _word(first) and "ADJ" in lexicon.parts_of_speech(first) and \
            not lexicon.is_gerund(first) and first not in _CLOSED:
        return True
    # `its closer to the door`, `Its easier to cover`: a comparative and `to` (`its elder
    # brother`, `its upper floors`: describing what is owned)
    if _is_comparative(first) and second == "to" and first.endswith("er") and \
            lexicon.is_comparative(first) and first not in _DESCRIBING_COMPARATIVES:
        return True
    if first == "more" and _word(second) and lexicon.only(second, "ADJ", "ADV") and \
            site.after[2] == "than":
        return True
    # `Its moving.`, but `nobody thought of your walking.`: a gerund may be owned, so only
    # where a clause must start
    if lexicon.is_gerund(first) and _is_end(second) and first not in ("being", "having") and \
            lexicon.only(first, "VERB") and (site.starts_sentence
                                             or site.before[1] in _CLAUSE_OPENERS):
        if second in (",", "—", "-"):  # `Your cooking, though, is the best`: the verb to come
            rest, ended = _rest_of_sentence(site, _SENTENCE_WORDS_LOOKED_AT)
            return ended and not _verb_without_subject(rest[1:], rest)
        return True
    return first in ("under", "over", "past", "down", "up", "out", "off") and (
        second in DETERMINERS | POSSESSIVES)


# Adverbs that may stand between an owner and a describing word (`its very existence`,
# `their always cheerful greeting`), so they count only with a predicate after them.
_DEGREE_ADVERBS = word_set("very so too just always never ever really still quite rather")
# What may follow a verb or a describing word that ends a predicate (`very kind to`, `always
# following their satnav`, `still in breach`), where no noun is owned.
_AFTER_PREDICATE = DETERMINERS | POSSESSIVES | OBJECT_PRONOUNS | PREPOSITIONS | word_set(
    "to for and as like")


def _adverb_predicate(site: Site) -> bool:
    """`its actually quite interesting.`, `your very kind to tell me`, `their always
    following the map`, `whose really in breach`, `its exactly the right size`: an adverb,
    and after it a predicate (a describing word or a verb's form that owns no noun, a
    preposition or an article; an -ing form only where a clause starts), never what a
    possessive is followed by. `its very
    existence`, `their always cheerful greeting` and `its newly built house` are left alone:
    the noun after them is owned."""
    first = site.after[0]
    if not _word(first) or site.after_raw[0][:1].isupper() or not (
            first in _DEGREE_ADVERBS or (lexicon.only(first, "ADV") and first not in _CLOSED)):
        return False
    words, mark = _clause_after(site, 5)
    if len(words) < 2:
        return False
    at = 2 if _word(words[1]) and (words[1] in _DEGREE_ADVERBS or (
        lexicon.only(words[1], "ADV") and words[1] not in _CLOSED)) else 1
    if at >= len(words):
        return False
    second = words[at]
    if at + 1 < len(words):
        after = words[at + 1]
    elif mark:
        after = "."  # the clause ends after it
    else:
        return False  # (the end of what is looked at, not of the clause)
    if second in DETERMINERS or second in ("for", "like") or (
            second in PREPOSITIONS and second not in ("down", "up", "out", "off", "over")):
        return True
    if not _word(second) or second in _CLOSED:
        return False
    pos = lexicon.parts_of_speech(second)
    # (an owner may stand before an adverb and an -ing form, `of your faithfully keeping
    # it`, but not where a clause starts)
    clause_start = site.starts_sentence or site.before[1] in _CLAUSE_OPENERS | {",", "and", "but",
                                                                            "so", "like"}
    predicate = (lexicon.is_gerund(second) and "VERB" in pos and clause_start) or (
        lexicon.is_past_participle(second) and "VERB" in pos and "NOUN" not in pos) or (
        "ADJ" in pos and not lexicon.only(second, "NOUN") and (
            clause_start or not lexicon.is_gerund(second)))  # (`of their still being`)
    return predicate and (_is_end(after) or after in _AFTER_PREDICATE)


# Prepositions an owner's word never stands before (`its at the door`, `whose in
# charge`): not those that may start a noun (`its inside`, `their down payment`, `its
# after-effects`).
_NEVER_OWNED_PREPOSITIONS = word_set("""
    at in on with from for by of into onto upon about among amongst beside besides between
    behind beneath near towards toward until till without within
""")


def _not_after_an_owner(site: Site) -> bool:
    """A demonstrative (`whose that?`, `its this or nothing`), `to` and a verb (`whose to
    pay`), or a preposition before its object or the clause's end (`its for the best`,
    `what their for.`, `whose at the door`): a possessive stands before what it owns, never
    before these."""
    first, second = site.after[0], site.after[1]
    if site.after_raw[0][:1].isupper():
        return False
    if first in ("this", "that", "these", "those") and (
            _is_end(second) or second in DETERMINERS or second in SUBJECT_PRONOUNS
            or site.after_raw[1][:1].isupper() or _adjective(second) or _noun(second)):
        return True
    if first == "to" and (_base_verb(second) or _plain_verb(second)):
        return True
    # `its like a rota`, `their like watching paint dry` (`we shall not see its like
    # again`: a noun, with nothing after it); `your out of luck`
    if first == "like" and (second in DETERMINERS | POSSESSIVES | OBJECT_PRONOUNS or (
            _word(second) and lexicon.is_gerund(second))):
        return True
    if first in ("out", "off") and second == "of":
        return True
    if first in ("in", "on"):  # `its on switch`, `their in tray`: a noun's first part
        return _is_end(second) or second in DETERMINERS | POSSESSIVES | OBJECT_PRONOUNS | {
            "charge", "love", "trouble", "time", "bed", "town", "here", "there", "league",
            "what", "which", "whom"}  # `whose in what?`: the preposition's object asked
    return first in _NEVER_OWNED_PREPOSITIONS


_NUMBER_WORDS = word_set("""
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred
""")
# After a number, what tells a time, a date or a measure (`Its six in the morning`, `its 52
# degrees`, `its five.`): it is, and nothing is owned.
_NUMBER_THEN_MEASURE = re.compile(
    r"[ \t]+(?P<number>\d+(?:[:.]\d+)?|[a-z]+)(?:[ \t]*(?:[.!?;]|,(?![ \t]*\d))|[ \t]+(?:o['’]clock|"
    r"degrees|percent|per[ \t]+cent|[ap]\.?m\b|in[ \t]+the[ \t]+(?:morning|afternoon|evening)|"
    r"past|minutes|to[ \t]+\w+))")
# After `it's` (whose slip, `its`, stands before a noun) a number may also be followed by any
# measure of distance, time or money, and a compound number counts: `it's sixty miles`,
# `it's forty-two.` (`its four feet` would be an owner's: `its` keeps the short list).
_IT_IS_NUMBER_THEN_MEASURE = re.compile(
    r"[ \t]+(?P<number>\d+(?:[:.,]\d+)*|[a-z]+(?:-[a-z]+)?)(?:[ \t]*(?:[.!?;:—]|,(?![ \t]*\d)|$)|"
    r"[ \t]+(?:o['’]clock|degrees?|percent|per[ \t]+cent|[ap]\.?m\b|"
    r"in[ \t]+the[ \t]+(?:morning|afternoon|evening)|past|minutes?|hours?|seconds|days|weeks|"
    r"months|years|miles?|yards|metres|meters|kilometres|kilometers|km|pounds|quid|pence|"
    r"dollars|bucks|euros|shillings|guineas|times|or[ \t]+so|and[ \t]+(?:a[ \t]+half|counting)|"
    r"hundred|thousand|million|to[ \t]+\w+)\b)")


def _number_predicate(site: Site, measures: re.Pattern[str] = _NUMBER_THEN_MEASURE) -> bool:
    """`its six in the morning`, `it's 52 degrees`, `it's two degrees too warm`, `and it's
    sixty.`, `it's forty-two miles`: a number, then a measure or the clause's end — what `it
    is` names, where an owner has a noun to own (`its six legs`, `its 52 members`)."""
    first = site.after[0]
    if not (first in _NUMBER_WORDS or first[:1].isdigit() or (
            "-" in first and first.split("-", 1)[0] in _NUMBER_WORDS)):
        return False
    match = measures.match(site.text, site.end, site.end + 40)
    return match is not None and (match.group("number")[:1].isdigit() or match.group(
        "number").split("-", 1)[0] in _NUMBER_WORDS)


def _number_or_name_predicate(site: Site) -> bool:
    """`Its six in the morning`, `its 52 degrees`, `Its Gus.`, `Its October.`: a time, a
    measure or a name, and then the clause ends — what `it is` names, where an owner would
    have a noun to own (`its six legs`, `its 52 members`, `its Chairman.`)."""
    first, raw = site.after[0], site.after_raw[0]
    if first in _NUMBER_WORDS or first[:1].isdigit():
        return _number_predicate(site)
    # a capitalised word the dictionary does not know (a name, a month), and the end
    return raw[:1].isupper() and raw.isalpha() and first not in ABBREVIATIONS and \
        not lexicon.parts_of_speech(first) and (
        _is_end(site.after[1]) and site.after[1] != "-")


# Words that only a clause can follow: `because`, `although` (never a noun phrase alone).
_SUBORDINATORS = word_set("because cause cos coz though although unless whereas")


def _clause_without_verb(site: Site) -> bool:
    """`Because its water.`, `for its true.`, `I think its lovely.`: where a clause must
    start, `its` and a noun phrase (or a describing word) that end the clause with no verb:
    `it is` is the verb. `because its engine stalls.` is left alone (a verb may end in -s)."""
    words, mark = _clause_after(site, 4)
    if not words or not mark or site.after_raw[0][:1].isupper():
        return False
    last = words[-1]
    pos = lexicon.parts_of_speech(last) if last.isalpha() else frozenset()
    previous = site.before[1]
    if len(words) == 1 and "ADJ" in pos and "NOUN" not in pos and not lexicon.is_gerund(last) \
            and previous in _TAKES_A_CLAUSE | _SUBORDINATORS | {"for", "as", "since"}:
        return True  # `for its true.`, `she says its lovely.`
    if previous not in _SUBORDINATORS or len(words) > 3:
        return False
    return "NOUN" in pos and not last.endswith("s") and last not in _CLOSED and \
        not lexicon.is_gerund(last) and \
        all(_describes(w) and not lexicon.is_gerund(w) for w in words[:-1])


# Words that a whole clause follows, never a noun phrase alone: `because their bored`,
# `when your tired`, `glad your here`.
_BEFORE_A_WHOLE_CLAUSE = _SUBORDINATORS | word_set("""
    when whenever if while until till unless once glad sure afraid
""")


def _one_word_clause(site: Site) -> bool:
    """`because their bored,`, `when your tired and`, `so glad your here!`, `when your
    seventeen.`: after a word a clause must follow, the owner's word and one describing word,
    participle, number or `here`, and the clause ends — no verb, so `are` is the verb.
    `because your mother, who...` (a noun: the verb may come later) is left alone."""
    if site.before[1] not in _BEFORE_A_WHOLE_CLAUSE or site.after_raw[0][:1].isupper():
        return False
    words, mark = _clause_after(site, 3)
    if not words or not (mark or len(words) > 1) or (
            len(words) > 1 and words[1] not in ("and", "or", "but")):
        return False
    word = words[0]
    if word in ("here", "there", "mine", "yours", "ours", "theirs", "hers") or \
            word in _NUMBER_WORDS:
        return True
    if not word.isalpha() or word in _CLOSED:
        return False
    pos = lexicon.parts_of_speech(word)  # (a word that may be a noun may be owned)
    return "NOUN" not in pos and ("ADJ" in pos or lexicon.is_past_participle(word)) and \
        not lexicon.is_gerund(word)


def _base_verb(word: str) -> bool:
    pos = lexicon.parts_of_speech(word)
    return word in ("be", "have", "do", "get", "go") or ("VERB" in pos and not ({"NOUN", "ADJ"} & pos)
                                                         and not word.endswith(("ed", "ing", "s")))


_CLOSED = DETERMINERS | POSSESSIVES | SUBJECT_PRONOUNS | OBJECT_PRONOUNS | PREPOSITIONS | MODALS \
    | word_set("and or but nor so yet not no if as than that which who what when where why how "
               "all both each every some any such own very just only even also still too here "
               "there then now never always ever once home back next yours ours theirs hers "
               "mine thine")
# Nouns that stand after `you are`, `who is` without an article, as idioms.
_PREDICATE_NOUNS = word_set("family kin trouble toast history fun boss gold welcome dinner lunch "
                            "breakfast bedtime midnight noon time nothing something everything")


def _noun_head(word: str) -> bool:
    """A noun that a possessive must come before (`your coat`, `whose faces`): it can be a
    noun, and cannot be an adjective, an adverb, a participle or a little word."""
    if not word.isalpha() or word in _CLOSED or word in _PREDICATE_NOUNS:
        return False
    pos = lexicon.parts_of_speech(word)
    return "NOUN" in pos and not ({"ADJ", "ADV", "AUX"} & pos) and not (
        lexicon.is_gerund(word) or lexicon.is_past_participle(word))


def _singular_noun_head(word: str) -> bool:
    return _noun_head(word) and not (word.endswith("s") and not word.endswith("ss"))


def _adjective(word: str) -> bool:
    """A word that can only describe (`dear`, `strong`, `spacious`): an adjective that is not
    also a verb or an adverb, so `its small arithmetic` reads as adjective and noun."""
    if not word.isalpha() or word in _CLOSED:
        return False
    pos = lexicon.parts_of_speech(word)
    return "ADJ" in pos and not ({"VERB", "AUX", "ADV"} & pos) and not lexicon.is_comparative(
        word)


def _noun(word: str) -> bool:
    """A word that can be a noun and cannot be an adjective, an adverb or a verb form of its
    own (`family`, `sister`, `pride`): what an adjective after a possessive describes."""
    if not word.isalpha() or word in _CLOSED:
        return False
    pos = lexicon.parts_of_speech(word)
    return "NOUN" in pos and not ({"ADV", "AUX"} & pos) and not (
        lexicon.is_gerund(word) or lexicon.is_past_participle(word))


def _described_noun(site: Site) -> bool:
    """`you're dear sister`, `who's strong family pride`, `it's semicircular sweep`: the word
    after the site is an adjective, the next a noun, so the site owns them."""
    first, second = site.after[0], site.after[1]
    if site.after_raw[1][:1].isupper():  # `dear Anne`: a name, perhaps addressed
        return False
    return _adjective(first) and _noun(second.rsplit("-", 1)[-1])  # `handsome drawing-rooms`


# Finite verbs a clause needs after a gerund subject (`Your telling it will help`).
_FINITE = MODALS | word_set("""
    is was are were am be been has had have does did do 's 're 'll 'd helps helped made makes
    means meant matters mattered shows showed
""")


def _words_after(site: Site, limit: int) -> list[str]:
    """The words after the site up to the end of its clause (punctuation ends it)."""
    return _clause_after(site, limit)[0]


def _clause_after(site: Site, limit: int) -> tuple[list[str], str]:
    """The words after the site up to the end of its clause, and the mark that ends it
    ('' at the end of the text or past what is looked at)."""
    text = site.text
    chunk = text[site.end:site.end + 120]
    cut = min((i for i in (chunk.find(c) for c in ".,;:!?—\n\"“”") if i >= 0), default=len(chunk))
    mark = chunk[cut] if cut < len(chunk) else ""
    if mark == "," and chunk[cut + 1:cut + 2] in ("”", "\"", "’"):
        mark = "”"  # `“Your rushing the chorus,” he said`: the speech ends there
    return [w.lower().replace("’", "'") for w in _WORDS.findall(chunk[:cut])][:limit], mark


def _your(site: Site) -> str | None:
    first, second = site.after[0], site.after[1]
    if site.lower == "your":
        if first in DETERMINERS or first in _ADVERBS_NOT_BEFORE_NOUNS or _adverb_predicate(site) \
                or _not_after_an_owner(site) or _one_word_clause(site):
            return "you're"
        if first == "welcome" and (_is_end(second) or second in (
                "any", "anytime", "back", "aboard", "here")):
            return "you're"  # `Your welcome any time`: nothing owned stands before `any`
        # `your sure you didn't`, `your afraid that`: a word that takes a clause, then one
        if first in _CLAUSE_ADJECTIVES and (second in SUBJECT_PRONOUNS | {"that"} or (
                _is_end(second) and not site.after_raw[0][:1].isupper())):
            return "you're"
        # `but your met.`, `after your gone.`: a participle that ends the clause
        if _word(first) and _is_end(second) and lexicon.is_past_participle(first) and \
                lexicon.only(first, "VERB") and not first.endswith("ing") and (
                    site.starts_sentence or site.before[1] in _CLAUSE_STARTS |
                    _BEFORE_A_WHOLE_CLAUSE | {"after", "before", "now", "and"}):
            return "you're"
        if first == "not" and second in DETERMINERS:
            return "you're"
        # `your about to`, `your in trouble`: a possessive never stands before a preposition
        if (first in PREPOSITIONS and first not in ("like", "round", "past", "down", "up", "in",
                                                    "out", "off", "over", "under")) or (
                first in ("in", "out", "up", "off") and second in DETERMINERS | POSSESSIVES):
            return "you're"
        if _word(first) and lexicon.is_past_participle(first) and second in ("to", "by", "with") \
                and not first.endswith("ing"):
            return "you're"
        if _gerund_clause(site) or _going_to_verb(site) or _gerund_predicate(site) or \
                _subject_complement(site):
            return "you're"
        # `your overqualified for this`, `your afraid of it`: a describing word and then a
        # preposition, where an owned thing would stand
        if _word(first) and second in _PREDICATE_PREPOSITIONS and (
                lexicon.only(first, "ADJ") or (lexicon.is_past_participle(first)
                                                and lexicon.only(first, "VERB", "ADJ"))):
            return "you're"
        if _word(first) and _is_end(second) and lexicon.only(first, "ADJ", "ADV") and \
                site.before[1] in _CLAUSE_OPENERS | {"think", "thought", "guess"}:
            return "you're"
        # `Your unbelievable.`, `Your civil the way a wasp is`: a describing word that owns
        # nothing, where a sentence starts
        ends = second in (".", "!", "?", "") or (second == "," and site.after[2] in ("”", "\""))
        if site.starts_sentence and _word(first) and first not in _CLOSED and (
                ends or second in DETERMINERS) and "ADJ" in lexicon.parts_of_speech(first) and \
                "NOUN" not in lexicon.parts_of_speech(first) and first != "own":
            return "you're"
        return None
    # you're: `you're coat`, `you're father's`, `you're own` want the possessive, and so
    # does a preposition or `are` before it (`of you're loaves`, `are you're neighbours`);
    # a name or a title after it is who you are (`You're Miss Ingoldby`)
    if first == "own" or (_word(first) and (site.before[1] in _BEFORE_POSSESSIVE_ONLY | {
            "about", "are", "were", "that's", "what's", "here's"})):
        return "your"  # (`That's you're trouble`, `what's you're name`)
    if site.after_raw[0][:1].isupper():
        return None
    if site.before[1] in _GERUND_OWNERS and lexicon.is_gerund(first) and first != "going":
        return "your"  # `as to you're continuing here`
    # `answer for you're being received`, `worth you're reading`: after a verb and `for`
    # (not `Sit down, for you're tired`, where `for` is `because`), or after `worth`
    if lexicon.is_gerund(first) and first != "going" and (site.before[1] == "worth" or (
            site.before[1] == "for" and _word(site.before[0]) and
            site.before[0] not in _CLOSED | _PARTICLE_VERBS)):
        return "your"
    if first in _FORMS_OF_ADDRESS:
        return "your"  # `you're ladyship`
    if _noun_head(first) and _verb_follows(second) and second not in ("'s", "'d"):
        return "your"  # `You're ideas are`
    if first.endswith("'s") and _noun_head(first[:-2]):
        return "your"
    if _singular_noun_head(first) and not (second in ("of",) and first in ("kind", "sort")):
        return "your"
    if _described_noun(site) and not _mass_noun(second) and not (
            second.endswith("s") and not second.endswith("ss")):  # `you're dear sister`, not
        return "your"  # `you're old news`, `you're great kids`
    if _youre_owns(site):
        return "your"
    return None


# Describing words that a clause follows (`sure you did`, `afraid that it was`).
_CLAUSE_ADJECTIVES = word_set("sure certain aware afraid glad sorry convinced positive")
# What a person is addressed as, after `your` (`your ladyship`, `your honour`).
_FORMS_OF_ADDRESS = word_set("""
    ladyship lordship majesty highness grace honour honor worship excellency reverence
    holiness eminence
""")
# Prepositions that `you are` never follows (`on you're head`, `to you're family`), unless a
# verb makes them a particle (`come on you're late`, `once it's over you're free`).
_BEFORE_YOUR_ONLY = word_set("on to against towards toward beside near through across behind")
_PARTICLE_VERBS = word_set("come hold hang go carry keep get right and so move")
# Verbs that take a clause, beyond `_TAKES_A_CLAUSE` (`I gather you're leaving`, `I trust
# you're well`): `you are` may follow them.
_TAKES_A_CLAUSE_TOO = word_set("""
    gather gathered trust presume presumed fancy fancied dare dread fear feared reckon grant
    warrant judge conclude concluded take bet like act acting acts glad sure mean swear
    pray praying suspect suspected gathers trusts presumes fancies fears suspects
""")
# Plural nouns that stand after `you are` as what the people addressed are.
_PEOPLE_PLURALS = word_set("""
    friends brothers sisters twins cousins parents kids children babies idiots fools heroes
    strangers lovers pals mates allies colleagues guests neighbours neighbors equals enemies
    rivals partners adults grown-ups orphans animals monsters angels saints nuts bananas
    people men women boys girls ladies gentlemen ones both family relations husbands wives
    sons daughters students dears darlings sweethearts cowards liars thieves
""")
_AGENT_ENDINGS = ("ers", "ors", "ists", "ians", "ants", "ents", "ees", "ies")


def _youre_owns(site: Site) -> bool:
    """`on you're head`, `spend you're time`, `for you're hard-hearted sister`, `you're
    feelings were`, `You're loving father,`: `you're` where only an owner can stand — after
    a preposition `you are` never follows, after a verb that takes an object (not a clause),
    or before a noun that is not what people are (`you're friends` is right)."""
    first, second, previous = site.after[0], site.after[1], site.before[1]
    if not _word(first) or site.after_raw[0][:1].isupper():
        return False
    length = _phrase_length(site.after)
    owned = bool(length) or _owned_head(first)
    if previous in _BEFORE_YOUR_ONLY and site.before[0] not in _PARTICLE_VERBS:
        return owned or (lexicon.is_gerund(first) and first not in ("going", "being"))
    if previous == "for" and site.before[0] not in _PARTICLE_VERBS:
        # `for you're sister-in-law`; `for you're a fool` and `for you're going` say why
        return (owned and not ({"ADJ", "ADV"} & lexicon.parts_of_speech(first)) and
                not first.endswith("s")) or (bool(length) and first not in _CLOSED)
    if _clear_verb(site) and previous not in _TAKES_A_CLAUSE | _TAKES_A_CLAUSE_TOO and \
            not previous.endswith("ly"):
        if first == "back" and _is_end(second):
            return True  # `before you break you're back.`
        if (_time_word(first) or first in _PREDICATE_NOUNS - {"welcome", "trouble"}) and \
                "NOUN" in lexicon.parts_of_speech(first):
            return True  # `spend you're time`, `found you're family well`
        if owned and first not in _PREDICATE_NOUNS and not (
                {"ADJ", "ADV"} & lexicon.parts_of_speech(first) and not length):
            return True
        return previous in _GERUND_OBJECT_VERBS | {"mention", "mentioned", "considered"} and \
            lexicon.is_gerund(first) and first not in ("going", "being")
    if previous in MODALS and site.before[0] not in (",",):
        return owned  # `may you're destiny be`
    # `“you're reasoning is very good”`: an -ing form with a verb after it is the subject,
    # where no relative clause can be (`what you're doing is wrong` is right)
    if (site.starts_sentence or previous in ("and", "but", "so")) and \
            lexicon.is_gerund(first) and first not in ("going", "being", "having") and \
            second in ("is", "was", "has", "will", "would", "must"):
        return True
    # `not only you're house will remain`: a noun and its verb
    if _owned_head(first) and first not in _PREDICATE_NOUNS | {"home"} and \
            second in MODALS | {"was", "were", "has", "had"} and \
            not ({"ADJ", "ADV"} & lexicon.parts_of_speech(first)):
        return True
    # `you're last impressions of`: describing words and a plural noun that is not people
    length = _phrase_length(site.after, strict=True)
    if length >= 2 and site.after[length - 1].endswith("s") and \
            site.after[length - 1] not in _PEOPLE_PLURALS and \
            not site.after[length - 1].endswith(_AGENT_ENDINGS) and (
                _words_after(site, 5)[length:length + 1] in (["of"], ["were"], ["are"])):
        return True
    # `You're last letter has made Papa uneasy`: describing words, a noun and its verb
    if length >= 2 and not site.after[length - 1].endswith("s") and \
            _words_after(site, 5)[length:length + 1] in (["has"], ["had"], ["was"], ["is"]):
        return True
    # `you're feelings were`, `you're notions of`: a plural noun that is not what people are
    return first.endswith("s") and not first.endswith("ss") and _owned_head(first) and \
        first not in _PEOPLE_PLURALS and not first.endswith(_AGENT_ENDINGS) and \
        not ({"ADJ", "ADV"} & lexicon.parts_of_speech(first)) and (
            _verb_follows(second) or second in ("of", "and", "with", "to", "for", "in", "on",
                                                 "about", "from")
            or second in (".", "!", "?") or (_plain_verb(second) and second not in _CLOSED))


def _gerund_predicate(site: Site) -> bool:
    """`Your rushing the chorus.`, `Its supposed to help`, `Your thinking I'm a fool.`, `Your
    going to Swindon, like the rest of us.`: a possessive, an -ing verb or a past participle
    with its object (or a clause), and no verb of the sentence's own after them, so the verb's
    form is the clause's own (`you are rushing`, `it is supposed`). A gerund that is a
    subject has its verb to come, after a comma too: `Your telling it will help`, `Their
    taking her home, and affording her every comfort, was kind`."""
    first, second = site.after[0], site.after[1]
    if first == "not" and _word(second) and lexicon.is_gerund(second) and \
            site.after[2] in _AFTER_GERUND:  # `Your not rolling them now.`
        first, second = second, site.after[2]
    if first in ("being", "having", "been") or not _word(first) or not (
            second in _AFTER_GERUND or second in _SUBJECT_WITH_VERB or (
                second in SUBJECT_PRONOUNS - {"you", "it"} and lexicon.is_gerund(first))):
        return False
    if not lexicon.is_gerund(first) and not (
            lexicon.is_past_participle(first) and "VERB" in lexicon.parts_of_speech(first)
            and not lexicon.only(first, "NOUN")):
        return False
    if not (site.starts_sentence or site.before[1] in _CLAUSE_OPENERS | _BEFORE_A_CLAUSE | {
            ",", "and", "but", "so", "like", "that"}):
        return False  # `of your giving them money`, `for your leaving us`: a gerund
    if site.before[1] == ",":
        # after a comma it may stand for what the clause before it named (`It was an awkward
        # business, your spending the autumn there`), or be an item of a list: only a short
        # clause that ends in a full stop is judged
        clause, mark = _clause_after(site, 9)
        return len(clause) < 9 and mark not in (",", ";", ":", "—") and not any(
            w in _FINITE or (w.endswith("ed") and lexicon.only(w, "VERB")) for w in clause[2:])
    rest, ended = _rest_of_sentence(site, _SENTENCE_WORDS_LOOKED_AT)
    # (a clause of its own after a comma ends the gerund's: `Your thinking about it now, and
    # you don't understand`)
    words = _before_next_clause(site, rest)
    if words is None and not ended:  # the sentence runs on past what is looked at
        return False
    rest = rest if words is None else rest[:words]
    return not _verb_without_subject(rest[2:], rest[1:])


_NEW_CLAUSE = re.compile(r",\s+(?:and|but|so|or)\s+(?:i|you|he|she|we|they|it)\b", re.IGNORECASE)


def _before_next_clause(site: Site, rest: list[str]) -> int | None:
    """How many of the words after the site come before `, and you...` (a comma, a
    conjunction and a subject: the next clause), or None when none follows within them."""
    chunk = site.text[site.end:site.end + 160]
    match = _NEW_CLAUSE.search(chunk)
    if match is None:
        return None
    count = len(_WORDS.findall(chunk[:match.start()]))
    return count if count <= len(rest) else None


# A subject and its verb in one word: the clause a verb of thinking takes (`thinking I'm`).
_SUBJECT_WITH_VERB = word_set("""
    i'm i've i'd i'll he's he'd he'll she's she'd she'll we're we've we'd we'll they're they've
    they'd they'll it's there's
""")
_SENTENCE_WORDS_LOOKED_AT = 16
_SENTENCE_END = re.compile(r"[.;!?]|\n|$")


def _rest_of_sentence(site: Site, limit: int) -> tuple[list[str], bool]:
    """The words after the site to the end of its sentence (commas and all), lower case, and
    whether the sentence ends within `limit` words."""
    chunk = site.text[site.end:site.end + 160]
    end = _SENTENCE_END.search(chunk)
    cut = end.start() if end else len(chunk)
    words = [w.lower().replace("’", "'") for w in _WORDS.findall(chunk[:cut])]
    return words[:limit], len(words) <= limit and (end is not None and (
        end.group(0) != "" or site.end + cut >= len(site.text)))


def _verb_without_subject(words: list[str], before: list[str]) -> bool:
    """Whether a finite verb stands among `words` that has no subject of its own just before
    it (`I suppose`, `you know` have theirs): the verb a gerund subject is waiting for.
    `before[i]` is the word before `words[i]`."""
    for word, previous in zip(words, before, strict=False):
        finite = word in _FINITE or (word.endswith("ed") and lexicon.only(word, "VERB")) or (
            word.endswith("s") and not word.endswith("ss") and lexicon.only(word, "VERB"))
        # (`it` and `you` may be the gerund's objects: `Your telling it will help`)
        if finite and (previous not in SUBJECT_PRONOUNS or previous in ("it", "you")) and \
                previous not in _SUBJECT_WITH_VERB:
            return True
    return False


_PREDICATE_PREPOSITIONS = word_set("for to about with at of from by")
_FINITE_AFTER_SUBJECT = word_set("is was are were has had isn't wasn't hasn't")


# Why a confusion matters: the same for every pair of real words.
_PASSES_SPELL_CHECKERS = ("Both spellings are words, so spell checkers pass them; readers notice at "
                          "once, and the slip looks careless in print.")


@rule("OCT361", Severity.WARNING, "'your' for 'you're' (or the other way round)",
      "'Your' owns something (your coat); 'you're' is 'you are' (you're late). Reported only "
      "where the next words make it plain: `your a liar`, `what your talking about`, `you're "
      "own`; `your talking points` and `your being here` are left alone.", markup_blind=True,
      why=_PASSES_SPELL_CHECKERS,
      fix="Write 'you're' where 'you are' is meant, 'your' for what belongs to you.",
      before='I don’t know what your talking about.', after='I don’t know what you’re talking about.')
def your_youre(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _report(paragraphs, "OCT361", {"your", "you're"}, _your)


# -- its / it's -------------------------------------------------------------------------------

_ITS_THEN_BE = word_set("a an the been gonna so too really probably had has got")
_POSSESSIVE_PREPOSITIONS = PREPOSITIONS - {"for", "as", "than", "like", "since", "till", "until",
                                           "to", "about", "after", "before"}


_TIME_NOUNS = word_set("hours ages years days weeks months minutes seconds miles centuries times")
_NOT_AFTER_POSSESSIVE = word_set("""
    i you he she we they me him us them why what how where who whom which whether never not
    always already yours mine hers ours theirs
""")
# Prepositions after which `it is`, `you are` cannot stand: `of it's being`, `by it's
# side`, `of you're neighbours` want the possessive.
_BEFORE_POSSESSIVE_ONLY = word_set("of by from with without into onto upon at in within among "
                                   "amongst beneath beside besides between throughout")


# What follows a thing owned, at the end of a phrase: `and`, a preposition (`its tip and`).
_AFTER_OWNED = _FINITE | PREPOSITIONS | word_set("and or but that which who")


def _verb_follows(word: str) -> bool:
    """A finite verb that a subject stands before (`was`, `could`, `spoke`)."""
    return word in _FINITE or (_word(word) and lexicon.is_past_participle(word)
                               and "VERB" in lexicon.parts_of_speech(word))
# Nouns that stand alone after `it is`, with no article (`it's time`, `it's nonsense`).
_MASS_NOUNS = _PREDICATE_NOUNS | word_set("""
    nonsense rubbish madness chaos luck magic money business love war progress life death
    game meat evil company
    work fate art science news weather winter summer spring autumn fall night day morning
    evening afternoon tonight today tomorrow yesterday christmas easter sunday monday tuesday
    wednesday thursday friday saturday freedom justice truth fact hell heaven murder
    pointless water fire snow rain ice food cash stuff history fine part kind sort lots
    plenty bit half type case way home matter one two three four five six seven eight nine
    ten eleven twelve twenty hundred thousand million
""")


# Verbs that take a clause, so `it's` may follow them (`I think it's late`, `saw it's gone`).
_TAKES_A_CLAUSE = word_set("""
    think thought thinks know knew knows known say said says hope hoped hopes guess guessed
    suppose supposed mean meant means feel felt feels see saw sees seen hear heard hears find
    found finds believe believed believes bet swear swore swears realize realized realise
    realised notice noticed tell told tells show showed shows expect expected wish wished
    imagine imagined figure figured figures admit admitted seem seems seemed look looks
    looked sound sounds sounded turn turns turned reckon reckoned pretend pretended promise
    promised doubt doubted prove proved decide decided remember remembered forget forgot
    understand understood agree agreed assume assumed worry worried complain complained
    insist insisted claim claimed explain explained warn warned mind learn learned learnt
    discover discovered confirm confirmed check checked read write wrote written ask asked
    wonder wondered happen happens happened bet means matter matters care cared like likes
    hate hates love loves
""")
# Words before `it's` that are prepositions or may be conjunctions (`for it's true`, `after
# it's done`): a thing owned after them wants `its` (`for it's cause`).
# Prepositions (never conjunctions) after which an -ing form is owned: `on your going`.
_GERUND_OWNERS = word_set("on upon to")
_LINKING = word_set("for after before since till until to on about through")
# Of those, the ones that may start a clause, so an -ing form after `it's` is its verb
# (`until it's working`), not a thing owned.
_CONJUNCTIONS = word_set("for after before since till until")


def _owned_after_verb_or_preposition(site: Site) -> bool:
    """`waste it's fragrance`, `prevent it's coming`, `for it's cause`, `privy to it's
    folly`: after a verb that takes no clause, or a preposition, `it is` cannot stand, and
    a noun, an -ing form or an adjective and noun after it is owned."""
    first, previous = site.after[0], site.before[1]
    owned = first not in _CLOSED and _word(first) and (
        (_word_is_noun(first) and not lexicon.only(first, "ADJ", "ADV", "NOUN")) or
        _noun_head(first) or (lexicon.is_gerund(first) and first != "going") or
        _described_noun(site) or (bool(_phrase_length(site.after)) and lexicon.is_gerund(previous)))
    if not owned or site.after_raw[0][:1].isupper():
        return False
    if previous in ("on", "about", "through", "to") and site.before[0] in _PARTICLE_VERBS:
        return False  # `Hold on it's coming`
    if previous in _LINKING:
        if previous in _CONJUNCTIONS and lexicon.is_gerund(first):
            return False
        return not (lexicon.is_past_participle(first) or ("ADJ" in lexicon.parts_of_speech(first)
                    and not _described_noun(site)))
    if not _word(previous) or previous in _TAKES_A_CLAUSE | _FINITE | _AUXILIARIES | _CLOSED:
        return False
    if "VERB" not in lexicon.parts_of_speech(previous) or site.before[0] in DETERMINERS | \
            POSSESSIVES | word_set("every each some any no next last first this that"):
        return False  # `every time it's raining`: a noun, and a clause after it
    return not (previous.endswith("s") and "NOUN" in lexicon.parts_of_speech(previous))


# Where a clause may start, so `its` + a predicate is `it is` (`It's too long, but its
# good.`, `“Its fine,” he said`).
_CLAUSE_STARTS = _CLAUSE_OPENERS | word_set(", but so because though although")
# Words that a clause follows, and seldom a thing owned (`he says it's`, `afraid it's`).
_BEFORE_A_CLAUSE = word_set("""
    say says said think thinks thought hope hopes hoped guess reckon suppose supposed
    believe believes afraid sure glad sorry certain aware convinced positive
""")
_SERIES_OF_ITS = re.compile(r"\bit['’]s\b", re.IGNORECASE)


def _predicate_place(site: Site) -> bool:
    """`I am afraid it's poor fare`, `He says it's indigestion.`, `It's glasses, it's
    haircuts, it's people`: after a word that a clause follows, or in a series of `it's`,
    what comes after `it's` is what it is."""
    if site.before[1] in _BEFORE_A_CLAUSE:
        return True
    after_comma = site.after[1] == "," and site.after[2] == "it's"
    before_comma = site.before[1] == "," and _SERIES_OF_ITS.search(
        site.text, max(0, site.start - 30), site.start) is not None
    return after_comma or before_comma


def _its_is(site: Site) -> bool:
    """`Its in quarters`, `Its done.`, `Its one of the things`, `Its half past three`, `its
    something in the wiring`, `but its good.`, `Its not going to fit`, `Its moving.`: what
    follows `is`, never what `its` owns. `for its good`, `its one weakness`, `its half of the
    bargain`, `knew its worth.` are left alone."""
    first, second, previous = site.after[0], site.after[1], site.before[1]
    if not _word(first):
        return False
    if first == "in" and _word(second):
        return True  # `its in-laws` is one word
    if first == "one" and second == "of":
        return True
    if first == "half" and second == "past":
        return True
    if first in _SOMETHING | {"everyone", "everybody", "someone", "somebody", "anyone",
                             "anybody", "nobody"} and first not in ("who", "whatever"):
        return True
    clause_start = site.starts_sentence or previous in _CLAUSE_STARTS
    ends = second in (".", "!", "?", "") or (second == "," and site.after[2] in ("”", "\""))
    if ends and lexicon.is_past_participle(first) and \
            "NOUN" not in lexicon.parts_of_speech(first) and previous not in PREPOSITIONS:
        return True  # `Its done.`
    if clause_start and ends and first not in ("worth", "own", "being", "having") and (
            "ADJ" in lexicon.parts_of_speech(first) or lexicon.is_gerund(first)) and \
            not lexicon.only(first, "NOUN"):
        return True  # `but its good.`, `Its moving.`
    return clause_start and first == "not" and (
        lexicon.is_gerund(second) or second == "going")


def _its_owned(site: Site) -> bool:
    """`all it's ingenuity`, `on it's high Gothic windows`, `has it's utility`, `was now it's
    first recommendation`: after `all`, a preposition, `have` or `was`, `it is` cannot stand
    before a noun or a describing word and a noun. `all it's worth`, `come on it's late` and
    `whatever it was it's gone` are left alone."""
    first, previous = site.after[0], site.before[1]
    if not _word(first) or site.after_raw[0][:1].isupper() or _mass_noun(first):
        return False
    phrase = bool(_phrase_length(site.after)) and not _mass_noun(site.after[1])
    noun = _owned_head(first) and not ({"ADJ", "ADV"} & lexicon.parts_of_speech(first))
    if previous == "all":
        return noun
    if previous in ("on", "to", "through", "about", "upon") and \
            site.before[0] not in _PARTICLE_VERBS:
        return phrase or noun
    if previous in ("have", "has", "had", "having"):
        return phrase or _owned_head(first)
    if previous == "was" or (previous in ("now", "then") and site.before[0] == "was"):
        return phrase or noun
    return False


# What `it is` can name that no owner stands before: `whether it's anything`, `it's nobody`.
_INDEFINITES = word_set("""
    anything nothing something everything anyone anybody someone somebody everyone everybody
    nobody none
""")
# Parts of a whole: `most of it's there`, `the rest of it's gone`, `none of it's true`.
# (not `part`, `piece`, `bit`: nouns that things have, `the widest part of its course`)
_SHARES = word_set("""
    most all some none any much rest half lot lots enough plenty each more less little
""")


def _it_is_names(site: Site) -> bool:
    """`whether it's anything`, `it's two degrees too warm`, `and it's sixty.`, `most of it's
    there`, `the rest of it's rubbish`: `it's` before an indefinite pronoun or a number that
    tells a measure, or `it` as a share's whole (`most of it`) before what no owner owns or
    a word for stuff (`much of it's charm`, `some of it's pages` are the owner's)."""
    first = site.after[0]
    if first in _INDEFINITES or _number_predicate(site, _IT_IS_NUMBER_THEN_MEASURE):
        return True
    if site.before[1] == "of" and site.before[0] in _SHARES:
        # a word for stuff, or one noun with nothing after it, is what the share is (`most of
        # it's wind, and`); a noun with a verb after it, or a plural, is owned (`much of it's
        # charm was lost`, `some of it's pages`)
        second = site.after[1]
        return not _ownable(site) or _mass_noun(first) or (
            _singular_noun_head(first) and (_is_end(second) or second in ("and", "but", "or")))
    return False


def _ownable(site: Site) -> bool:
    """What an owner's word stands before: a noun (or a word the lexicon lacks: `demesne`), an
    -ing form (`of it's being`, `of it's not being`, `of it's still snowing`), a describing
    word and a noun (`with it's long tail`, `from it's hitherto animated pitch`, `at it's very
    tip`) — not a place, a state or a pronoun (`with it's there`, `of it's gone`, `none of
    it's true`)."""
    first, second = site.after[0], site.after[1]
    if not _word(first):
        return False
    if first in ("being", "having"):
        return True
    if first in _CLOSED or first in _INDEFINITES or lexicon.only(first, "ADV"):
        return (_word(second) and lexicon.is_gerund(second)) or bool(
            _phrase_length(site.after[1:])) or (first == "very" and _owned_head(second))
    pos = lexicon.parts_of_speech(first)
    if not pos or "NOUN" in pos or lexicon.is_gerund(first):
        return True
    return bool(_phrase_length(site.after)) or _described_noun(site)


_SERIES_WORD = re.compile(r"[ \t]*(?:,|and\b)?[ \t]*([A-Za-z]+(?:-[A-Za-z]+)*)")


def _describing_series(site: Site) -> bool:
    """`its suitable, becoming, characteristic situation`: describing words parted by commas,
    and then the noun they describe — owned (`It's cold, wet and miserable.`, `Its fine,
    thanks.` and `Its late, Mom.` are not)."""
    at = site.end
    for describing in range(6):  # (how many describing words came before this one)
        match = _SERIES_WORD.match(site.text, at)
        if match is None or match.group(1)[:1].isupper():
            return False
        word = match.group(1).lower()
        if describing >= 2 and _owned_head(word) and "ADJ" not in lexicon.parts_of_speech(word):
            return True
        if not _describes(word):
            return False
        at = match.end()
    return False


def _mass_noun(word: str) -> bool:
    return word in _MASS_NOUNS or word.endswith(("ness", "ism", "ity", "ship", "dom", "hood"))


# A possessive never stands before `no` or `none` (`its no reason`, `its none of your business`).
_NEVER_AFTER_ITS = word_set("no none")


def _sentence_ends(site: Site, at: int) -> bool:
    """Whether the sentence ends after the word `at` places past `its` (`Its nowt.`, `Its
    TONIGHT.`, `"Its fine," she said`)."""
    after = site.after[at]
    return after in (".", "!", "?", "", "…") or (
        after == "," and at + 1 < len(site.after) and site.after[at + 1] in ("”", "\""))


def _its_before_what_none_owns(site: Site) -> bool:
    """`Its nowt.`, `Its nobbut seven mile.`, `Its summat to be going on wi'`, `Its TONIGHT.`,
    `Its Lucky's.`, `its no reason`: at the start of a clause, a word the lexicon has no part
    of speech for (dialect: nowt, nobbut, summat) with the sentence's end, a number or `to` and
    a verb after it, a word set in capitals for stress with the sentence's end after it, or a
    name's possessive — none of them a thing owned. `Its demesne stretched`, `its NATO
    membership` and `its owner's name` are left alone."""
    first, raw = site.after[0], site.after_raw[0]
    if first in _NEVER_AFTER_ITS and raw.islower():
        return True
    if not _word(first) or not (site.starts_sentence or site.before[1] in _CLAUSE_STARTS):
        return False
    if len(raw) > 1 and raw.isupper() and raw.isalpha():
        return _sentence_ends(site, 1)  # `Its TONIGHT.`, `Its COWS.`
    if raw[:1].isupper() and raw.endswith(("'s", "’s")) and _sentence_ends(site, 1):
        return True  # `Its Lucky's.`
    if not raw.islower() or "'" in first or "-" in first or first in _NUMBER_WORDS | _CLOSED \
            or lexicon.parts_of_speech(first):
        return False  # (`Its three hundred members`: a number is no dialect word)
    second, third = site.after[1], site.after[2]
    return _sentence_ends(site, 1) or second in _NUMBER_WORDS or second.isdigit() or (
        second == "to" and _base_verb(third))


_KNOWING = word_set("know knows knew see sees saw bet mean means meant")


def _plural_predicate(site: Site) -> bool:
    """`I know it's spades, boy.`, `It's hearts.`: a plural noun that ends the clause, after a
    verb that a clause follows or as a sentence of its own, is what it is (trumps, twins,
    nerves), not what it owns (`emptied it's contents.`)."""
    second = site.after[1]
    if site.before[1] in _BEFORE_A_CLAUSE or site.before[1] in _KNOWING:
        return _is_end(second)
    return site.starts_sentence and second in (".", "!", "?", "")


def _its_in_its_register(site: Site) -> str | None:
    """`_its`, except where the unit around the word writes every contraction without its
    apostrophe (`dont be scared its a nice room`): there `its` is the writer's `it's`, no
    confusion of the two."""
    right = _its(site)
    if right == "it's" and casual_spelling(site.text, site.start, site.end):
        return None
    return right


def _its(site: Site) -> str | None:
    first, second = site.after[0], site.after[1]
    if site.lower == "its":
        if first in ("too", "so") and _phrase_length(site.after[1:]):
            return None  # `feared its too strong effect on him`: owned
        if _its_before_what_none_owns(site):
            return "it's"
        if first in _ITS_THEN_BE or _going_to_verb(site) or _subject_complement(site) or \
                _its_is(site) or _adverb_predicate(site) or _not_after_an_owner(site) or \
                _gerund_predicate(site) or _number_or_name_predicate(site):
            return "it's"
        # `whether its worth waking him`, but `it proved its worth the hard way` is rare
        # beside `its worth was`: worth before an -ing form or a determiner is `it is worth`
        if first == "worth" and (lexicon.is_gerund(second) or second in ("it", "a", "an")):
            return "it's"
        # `its about ten`, `its in the car`: a possessive never stands before a preposition
        if (first in PREPOSITIONS and first not in ("like", "round", "past", "down", "up", "out",
                                                    "off", "over", "under", "in")) or (
                first == "in" and second in DETERMINERS | POSSESSIVES):
            return "it's"
        if _word(first) and _is_end(second) and lexicon.only(first, "ADJ", "ADV", "NOUN") \
                and "ADJ" in lexicon.parts_of_speech(first) and site.before[1] in (
                    _CLAUSE_OPENERS | {"if", "checking", "sure", "think", "hope", "because"}):
            return "it's"
        if _word(first) and _is_end(second) and lexicon.only(first, "ADJ", "ADV") and not \
                _describing_series(site):
            return "it's"
        if _clause_without_verb(site):
            return "it's"
        if _word(first) and lexicon.is_past_participle(first) and lexicon.only(first, "VERB") \
                and site.before[1] in ("before", "after", "when", "if", "because", "until"):
            return "it's"  # `before its wanted`
        # `its your fault`, `Its why I left`, `its never done any good`: a possessive stands
        # before a noun, never before a pronoun, a question word or these adverbs
        if (first in _NOT_AFTER_POSSESSIVE and first != "not") or (
                first == "not" and not lexicon.is_gerund(second)) or (
                first in POSSESSIVES and first != "its"):
            return "it's"
        if _word(first) and _is_end(second) and lexicon.is_past_participle(first) and \
                lexicon.only(first, "VERB"):
            return "it's"  # `Its done.`
        return None
    if first == "own":
        return "its"
    if _it_is_names(site):
        return None
    if site.before[1] in _BEFORE_POSSESSIVE_ONLY and _ownable(site):
        return "its"
    if site.after_raw[0][:1].isupper():  # `it's Tom`, `it's Christmas`
        return None
    if first in ("being", "having") and site.before[1] in _GERUND_OWNERS | {"about", "forget",
                                                                           "forgot"}:
        return "its"  # `On it's being proposed`, `owing to it's having rained`
    if _its_owned(site):
        return "its"
    if _noun_head(first) and _verb_follows(second):
        return "its"  # `it's composure spoke`
    if _owned_after_verb_or_preposition(site):
        return "its"  # `waste it's fragrance`, `for it's cause`, `prevent it's coming`
    # after a word that a clause follows (`I am afraid it's poor fare`, `he says it's
    # indigestion.`), or in a list of predicates (`It's glasses, it's haircuts`), a noun
    # phrase with nothing after it is what it is: only a verb after it shows an owner
    if _predicate_place(site) and not _verb_follows(
            site.after[2] if _described_noun(site) else second):
        return None
    if _described_noun(site) and not _mass_noun(site.after[1]):
        return "its"  # `it's semicircular sweep`
    if _phrase_length(site.after, strict=True) == 2 and not _mass_noun(site.after[1]) and \
            not site.after[1].endswith("s") and _verb_follows(site.after[2]):
        return "its"  # `It's missing foot was replaced`
    if _singular_noun_head(first) and not _mass_noun(first) and (_verb_follows(second) or (
            (_is_end(second) or second in _AFTER_OWNED) and not site.starts_sentence)):
        # `it's cause was`, `Pemberley and it's owner.`, `it's aspect and`; but a sentence's
        # `It's geometry, and` may well be `it is`: a noun may be the predicate
        return "its"
    # `it's contents`, `it's rooms`: `it is` never stands before a plural noun
    if first.endswith("s") and first not in _TIME_NOUNS and _noun_head(first) and \
            first not in ("news", "means", "series", "species") and not first.endswith("ics") \
            and not second.startswith(
                ("'", "’")) and not _plural_predicate(site):
        return "its"
    if site.before[1] in _POSSESSIVE_PREPOSITIONS and _word(first) and first not in (
            _ITS_THEN_BE | SUBJECT_PRONOUNS | OBJECT_PRONOUNS | {"all", "only", "still", "no"}) \
            and "NOUN" in lexicon.parts_of_speech(first) \
            and not ({"VERB", "ADV"} & lexicon.parts_of_speech(first)) \
            and (_is_end(second) or second in PREPOSITIONS or second == "and"):
        return "its"
    return None


@rule("OCT362", Severity.WARNING, "'its' for 'it's' (or the other way round)",
      "'Its' owns something (its tail); 'it's' is 'it is' or 'it has' (it's late). Reported "
      "only where the neighbouring words make it plain: `its a shame`, `its been`, `it's own`, "
      "`on it's side`.", markup_blind=True,
      why=_PASSES_SPELL_CHECKERS,
      fix="Write 'it's' where 'it is' or 'it has' is meant, 'its' for what belongs to it.",
      before='I think its a shame.', after='I think it’s a shame.')
def its_its(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _report(paragraphs, "OCT362", {"its", "it's"}, _its_in_its_register)


# -- whose / who's ----------------------------------------------------------------------------

def _whose(site: Site) -> str | None:
    first, second = site.after[0], site.after[1]
    if site.lower == "whose":
        if first in ("a", "an", "the", "been", "gonna", "there", "got") or _going_to_verb(site) \
                or (first == "not" and not lexicon.is_gerund(second)) or _adverb_predicate(site):
            return "who's"
        # `Whose that?`, `whose to pay them`, `whose at the door`, `whose for it`: what an
        # owner's word never stands before (a demonstrative, `to`, a preposition)
        if _not_after_an_owner(site) or _whose_is(site):
            return "who's"
        # `whose too proud of`, `a man whose very kind`: a degree word and a describing word
        # with nothing owned after them
        if first in ("too", "so", "very", "always", "never", "really", "just") and _word(second) \
                and lexicon.only(second, "ADJ", "ADV") and (
                    _is_end(site.after[2]) or site.after[2] in PREPOSITIONS | {"to", "and"}):
            return "who's"
        # `a man whose friendly to everyone`, `someone whose willing to plant it`: a
        # describing word and the preposition it takes, with nothing owned between
        pos = lexicon.parts_of_speech(first)
        if _word(first) and "ADJ" in pos and "NOUN" not in pos and not _word_is_noun(first) \
                and second in _PREDICATE_PREPOSITIONS and first not in _CLOSED:
            return "who's"
        # `everyone whose ever stood by him`, `whose still out there`: an adverb of time and
        # a participle or a place
        if first in ("ever", "never", "already", "just", "always", "still") and _word(second) and (
                (lexicon.is_past_participle(second) and lexicon.only(second, "VERB")) or
                second in ("out", "here", "there", "alive", "awake", "around", "up")):
            return "who's"
        # `Whose holding this end?`: an -ing verb with its object, at a question's start
        if site.starts_sentence and lexicon.is_gerund(first) and first not in (
                "being", "having") and second in DETERMINERS | POSSESSIVES | OBJECT_PRONOUNS:
            return "who's"
        pos = lexicon.parts_of_speech(first)
        # `whose seen too much`, but `whose landed property`: the participle is an adjective.
        if _word(first) and lexicon.is_past_participle(first) and not ({"NOUN", "ADJ"} & pos) \
                and not (_word(second) and "NOUN" in lexicon.parts_of_speech(second)):
            return "who's"
        return None
    # who's: `who's faces`, `who's car is this`, `who's own`, `who's strong family pride`
    # want the possessive (`Who's Aunt Louise going to tell?`: a name is who is meant)
    if site.after_raw[0][:1].isupper() or first in _INDEFINITES:
        return None  # (`Who's nobody?`, `who's anybody here`: `who is`; nobody owns one)
    # `saying who's it was`: a subject and its tensed verb after `who's` (`who's he kidding`
    # and `who's it for` are `who is`); `who's side are you on`: a noun, then the question
    if (first in SUBJECT_PRONOUNS - {"you"} and second in _TENSED - MODALS and
            _is_end(site.after[2])) or (_owned_head(first) and second in (
                "are", "is", "was", "were", "do", "does", "did") and
            site.after[2] in SUBJECT_PRONOUNS):
        return "whose"
    if first == "own" or _noun_head(first) or (
            _described_noun(site) and not _mass_noun(site.after[1])):
        return "whose"  # (`who's good company` is right)
    if _whose_owns(site):
        return "whose"
    # `who's second thoughts were`, `who's evening amusements were`: a word, a plural noun
    # and its verb (`who's best friends with him` is `who is`)
    second, third = site.after[1], site.after[2]
    if _word(first) and first not in _CLOSED and not lexicon.is_gerund(first) and not \
            lexicon.is_past_participle(first) and second.endswith("s") and \
            not second.endswith("ss") and lexicon.only(second, "NOUN") and \
            third not in ("with", "and") and _verb_follows(third):
        return "whose"
    return None


_PARTICLES = word_set("up out away off down back in on over around through")


def _whose_is(site: Site) -> bool:
    """`a man whose lost his umbrella`, `the only one whose done anything`, `whose sitting in
    the chair`, `Do you know whose buying?`, `the one whose fine.`: a participle or an -ing
    form with its object, or a describing word that ends the clause — `whose` owns a noun,
    and a verb follows it (`whose lost property was found`, `whose fine was paid`)."""
    first, second = site.after[0], site.after[1]
    if not first.isalpha() or first in _CLOSED or first in ("being", "having", "been"):
        return False
    pos = lexicon.parts_of_speech(first)
    objects = DETERMINERS | POSSESSIVES | OBJECT_PRONOUNS | _SOMETHING | _PARTICLES | {"to"}
    if lexicon.is_past_participle(first) and "VERB" in pos and second in objects - {"who"}:
        return True
    # (`whose blessing at the altar`: an -ing form that is a noun, and a preposition)
    if lexicon.is_gerund(first) and "VERB" in pos and (second in objects or (
            "NOUN" not in pos and (second in PREPOSITIONS | {"for"} or
                                   second in (".", "?", "!")))):
        return True
    # (`whose healthy, glowing faces`: describing words in a row)
    return second in (".", ";", "!") and "ADJ" in pos and not lexicon.is_gerund(first)


def _whose_owns(site: Site) -> bool:
    """`who's fine eyes were fixed`, `who's first views on`, `who's daughter she was`: a
    describing word and a noun with its verb or preposition after `who's`, or a noun and a
    subject. `who's best friends with him`, `who's watching television is` and `who's new
    here` are left alone."""
    first, second = site.after[0], site.after[1]
    if site.after_raw[0][:1].isupper() or lexicon.is_gerund(first):
        return False
    if _owned_head(first) and first not in _PREDICATE_NOUNS and second in SUBJECT_PRONOUNS:
        return True
    words = _words_after(site, 5)
    length = _phrase_length(tuple(words), strict=True)
    if not length or length >= len(words):
        return False
    after = words[length]
    return after in _FINITE - {"is", "'s"} or after in ("of", "on", "upon") or (
        lexicon.is_past_participle(after) and lexicon.only(after, "VERB"))


@rule("OCT363", Severity.WARNING, "'whose' for 'who's' (or the other way round)",
      "'Whose' asks or tells who owns something (whose coat); 'who's' is 'who is' or 'who has' "
      "(who's seen it). Reported only where the next words make it plain: `a man whose seen "
      "too much`, `whose going to tell`, `who's car is this`.", markup_blind=True,
      why=_PASSES_SPELL_CHECKERS,
      fix="Write 'who's' where 'who is' or 'who has' is meant, 'whose' for whom something belongs to.",
      before='He was a man whose seen too much.', after='He was a man who’s seen too much.')
def whose_whos(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _report(paragraphs, "OCT363", {"whose", "who's"}, _whose)


# -- their / there / they're ------------------------------------------------------------------

_BE_AFTER_THERE = word_set("is are was were isn't aren't wasn't weren't")
_BE_OR_MODAL = word_set("is are was were be been 's isn't wasn't will would could") | MODALS


def _their(site: Site) -> str | None:
    first = site.after[0]
    word = site.lower
    if word == "their":
        if first in _BE_AFTER_THERE:
            return "there"
        if first in ("a", "an", "the", "gonna") or _going_to_verb(site) or \
                _subject_complement(site) or _gerund_predicate(site) or _adverb_predicate(site) \
                or _not_after_an_owner(site) or _one_word_clause(site) or _their_state(site) \
                or _their_whereabouts(site):
            return "they're"
        return None
    if word == "there":
        if first == "own":
            return "their"
        if first == "while" and site.before[1] == "worth":
            return "their"  # `worth there while`
        if site.before[1] in _DEMONSTRATIVES and site.before[0] in (
                _BEFORE_THEIR | _PLACE_PREPOSITIONS):
            return None  # dialect's `with that there rifle`, `for them there hounds`
        if first in _NEVER_OWNED_PRONOUNS or first in _CLAUSE_WORDS:
            # `go there himself`, `the friends there whom he knew`, `stood there while the
            # aunt heard it`: a place
            return None
        if first == "gonna" or (_going_to_verb(site) and site.before[1] not in _BE_OR_MODAL):
            return "they're"
        # `of there friends`, `into there party`: after a preposition, `there` + a noun is
        # a possessive (`in there`, `up there`, `from there` are places, and left alone)
        if site.before[1] in _BEFORE_THEIR and (_noun_head(first) or (
                lexicon.is_gerund(first) and first not in ("being", "having"))):
            return "their"  # `of there friends`, `on there quitting it`
        if _possessive_there(site) or _there_owns_phrase(site) or _there_before_gerund(site):
            return "their"
        return None
    # they're
    if first == "own":
        return "their"
    if first in _BE_AFTER_THERE:
        return "there"
    if _noun_head(first) and not first.endswith("s"):
        return "their"
    return None


# Pronouns no owner's word stands before: after them `there` is a place.
_NEVER_OWNED_PRONOUNS = SUBJECT_PRONOUNS | OBJECT_PRONOUNS | word_set("""
    myself yourself himself herself itself ourselves yourselves themselves oneself whom who
    which whose
""")
# Describing words that also name people or a share (`their young`, `their best`), so they
# may stand for what is owned.
_DESCRIBING_AS_NOUNS = word_set("""
    young old poor rich dead sick wounded elderly living dying own all best worst utmost
    damnedest fill last first least most
""")


def _their_state(site: Site) -> bool:
    """`Their perfect.`, `their frightened.`, `Their hungry, Mr Skene`, `Their sure of it`,
    `their allowed to visit`, `their all talking`: a describing word or a participle that
    ends the clause or takes a preposition, or `all` and an -ing form — what people are,
    where an owner would have a noun. `Their young,` (offspring), `their best.` and `their
    allowed hours` are left alone."""
    first, second = site.after[0], site.after[1]
    if not _word(first) or site.after_raw[0][:1].isupper() or first in _DESCRIBING_AS_NOUNS | \
            _CLOSED or first.endswith("est"):
        # `Their all talking about it`, where a clause starts (`on their all dining
        # together`, `proposed their all walking out`: a gerund owned)
        return first == "all" and _word(second) and lexicon.is_gerund(second) and \
            lexicon.only(second, "VERB") and (site.starts_sentence or site.before[1] in
                                              _CLAUSE_STARTS | _BEFORE_A_CLAUSE)
    pos = lexicon.parts_of_speech(first)
    state = ("ADJ" in pos and "NOUN" not in pos and not lexicon.is_gerund(first)) or (
        lexicon.is_past_participle(first) and lexicon.only(first, "VERB", "ADJ")
        and not first.endswith("ing"))
    if not state:
        return False
    if second in (".", "!", "?", ",", ";", ""):
        return site.starts_sentence or site.before[1] in _CLAUSE_STARTS | _BEFORE_A_CLAUSE | {
            "and", "that"}
    return second in _PREDICATE_PREPOSITIONS and site.after[2] not in (",", ".")


# Describing words that never stand before a noun, only after a verb (`they're asleep`, not
# `their asleep children`), and particles that tell where people are (`once they're out,`).
_PREDICATIVE_ONLY = word_set("""
    asleep awake alone afraid alive aware ablaze adrift afloat aloof ashamed alike ajar abroad
    ashore aboard
""")
_WHEREABOUTS = word_set("out off away inside outside upstairs downstairs")


def _their_whereabouts(site: Site) -> bool:
    """`their asleep`, `their alone in it`, `once their out,`, `their away.`: a describing word
    that is never put before a noun, or a particle that tells where people are with the
    clause's end after it — what they are, never a thing owned (`their outings`, `their
    off-season` and `their away games` are owned)."""
    first, second = site.after[0], site.after[1]
    if site.after_raw[0][:1].isupper():
        return False
    if first in _PREDICATIVE_ONLY:
        return True
    return first in _WHEREABOUTS and (second in (".", "!", "?", ",", ";", "") or
                                      second in ("of", "now", "again"))


# Verbs that follow `there` as its own (`there stands`, `there lies`, `there remains`).
_VERBS_AFTER_THERE = word_set("""
    be seem seems appear appears come comes go goes remain remains exist exists stand stands
    lie lies live lives sit sits rise rises follow follows hang hangs grow grows run runs need
    needs used ought arise arises occur occurs happen happens rest rests wait waits sleep
    sleeps dwell dwells burst bursts flash flashes pass passes spring springs ensue ensues
    stretch stretches extend extends lurk lurks loom looms sound sounds linger lingers
""")
# Words before `there` that make it a place (`the people there say`, `them there horses`,
# `here and there patches of snow`) rather than a possessive.
_THERE_IS_A_PLACE = word_set("here them or then now all over up down out back right just only "
                             "still even thither")
# Words after which `there` + a noun + a verb must be `their` (`where there father stood`).
_CLAUSE_WORDS = word_set("where when which whom that because if while whereas though although "
                         "unless until since")


_QUANTIFIERS = word_set("many few several much more most less little enough half")
_SOMEONE = word_set("anybody anyone somebody someone everybody everyone nobody one other another")


def _possessive_there(site: Site) -> bool:
    """`quitting there box`, `there mother's handwriting`, `where there father had stood`,
    `from there praise`, `in there usual quarters`: `there` before a noun it must own.
    `There` as a place or a subject stands before a verb (`there stood`, `there lies`), an
    adverb, a pronoun or a time (`lived there years`), and after a noun it can stand before
    that noun's verb (`the people there say`); those are left alone."""
    first, previous = site.after[0], site.before[1]
    # `it was there turn,`, `that's there fault.`: whose it was (a singular noun that is not
    # stuff or a time: `it was there time to go` and `it was there Tom found it` are places)
    if ((previous in _BE_AFTER_THERE and site.before[0] in ("it", "that", "this")) or
            previous in ("it's", "that's")) and _singular_noun_head(first) and \
            not _mass_noun(first) and not _time_word(first) and \
            not site.after_raw[0][:1].isupper() and \
            not ({"ADJ", "ADV"} & lexicon.parts_of_speech(first)) and \
            site.after[1] in (".", "!", ",", ";", "", "to", "and"):
        return True
    if previous in _THERE_IS_A_PLACE or previous in _BE_OR_MODAL or (
            site.before[0] == "here") or site.after_raw[0][:1].isupper():
        return False
    if first in _QUANTIFIERS and previous not in _BEFORE_THEIR:
        return False  # `lived there many happy years`, `saw there several old friends`
    owner = first[:-2] if first.endswith("'s") and first[:-2] not in _MASS_NOUNS else ""
    if owner and (_noun_head(owner) or (
            "NOUN" in lexicon.parts_of_speech(owner) and owner not in _CLOSED | _SOMEONE
            and not ({"VERB", "ADV"} & lexicon.parts_of_speech(owner)))):
        return True  # `there mother's`, `there daughter's comfort`
    # `There evil was incalculable.`: a sentence's `There`, a singular noun and its verb
    # (`There again was`, `There stood a`: an adverb or a verb after it is left alone)
    if site.starts_sentence and _word(first) and first not in _CLOSED and not \
            first.endswith("s") and site.after[1] in ("was", "is", "had", "has") and \
            "NOUN" in lexicon.parts_of_speech(first) and \
            not ({"ADV", "VERB", "AUX"} & lexicon.parts_of_speech(first)):
        return True
    if _described_noun(site) and previous not in _PLACE_VERBS and not _time_word(site.after[1]):
        return True  # `there spacious theatre`, but `lived there many happy years`
    head = first.rsplit("-", 1)[-1]  # `there drawing-rooms`
    if first in _VERBS_AFTER_THERE and first.endswith("s") and site.after[1] in (
            "have", "are", "were", "had") and "NOUN" in lexicon.parts_of_speech(first):
        return True  # `there lives have meaning`: a verb after it makes `lives` a noun
    if not _noun_head(head) or head in _TIME_NOUNS or first in _VERBS_AFTER_THERE:
        return False
    # `the people there say`: a noun before `there` may be the subject of a verb after it
    return _verb_follows(site.after[1]) or not (
        "VERB" in lexicon.parts_of_speech(head) and _word(previous) and previous not in (
        PREPOSITIONS | _CLAUSE_WORDS) and "NOUN" in lexicon.parts_of_speech(previous) and
        not (lexicon.is_gerund(previous) or lexicon.is_past_participle(previous)))


# Words that tell when or how long, which stand after `there` as a place (`there last week`,
# `there many happy years`, `there every evening`).
_TIME_WORDS = _TIME_NOUNS | word_set("""
    time hour day night week month year minute moment while morning evening afternoon summer
    winter spring autumn season fortnight twelvemonth sunday monday tuesday wednesday thursday
    friday saturday christmas easter
""")
# Verbs after which `there` is often a place (`found there great comfort`, `sat there quiet
# hours`), so an adjective and a noun after it may be the verb's object or a time.
_PLACE_VERBS = word_set("""
    be been being is was are were find found finds finding see saw seen sees seeing meet met
    meets meeting leave left leaves leaving put puts putting place placed live lived lives
    living stay stayed stays staying sit sat sits sitting stand stood stands standing lie lay
    lain lies lying remain remained remains remaining wait waited waits waiting arrive arrived
    arrives arriving go went gone goes going come came comes coming get got gets getting walk
    walked walking keep kept keeps hid hidden buried settled dwelt work worked working reach
    reached stop stopped stopping run ran drove ride rode sent spend spent spending
""")
_DEGREE_BEFORE_ADJECTIVE = word_set("very most more less rather so too quite")


def _time_word(word: str) -> bool:
    return word in _TIME_WORDS or (word.endswith("s") and word[:-1] in _TIME_WORDS)


def _describes(word: str, strict: bool = False) -> bool:
    """A word that can stand between an owner and what it owns: an adjective, an ordinal, a
    participle (`first`, `due`, `renewed`, `lasting`, `yesterday's`). `strict` (where
    `there` may be a subject, `There followed a silence`): an adjective, and no verb's past."""
    if word in ("being", "having"):
        return False
    if "-" in word and word.replace("-", "").isalpha():  # `hard-hearted`, `well-known`
        last = word.rsplit("-", 1)[-1]
        return last.endswith("ed") or "ADJ" in lexicon.parts_of_speech(last)
    if not word.isalpha() or word in _CLOSED - {"own", "next"}:
        return word.endswith("'s") and word[:-2].isalpha() and not strict
    pos = lexicon.parts_of_speech(word)
    if strict:
        return "ADJ" in pos and word not in _VERBS_AFTER_THERE and not (
            lexicon.is_past_participle(word) and not word.endswith("ed"))
    return "ADJ" in pos or (lexicon.is_past_participle(word) and "VERB" in pos) or (
        lexicon.is_gerund(word) and "VERB" in pos)


def _owned_head(word: str) -> bool:
    """The noun an owner's phrase ends in (`party`, `feelings`, `drawing-rooms`)."""
    head = word.rsplit("-", 1)[-1]
    if not head.isalpha() or head in _CLOSED or _time_word(head) or head in _SOMEONE or \
            lexicon.is_gerund(head):
        return False
    return "NOUN" in lexicon.parts_of_speech(head) and not lexicon.only(head, "VERB")


def _phrase_length(words: tuple[str, ...], strict: bool = False) -> int:
    """How many of `words` make a noun phrase without a determiner: a degree word, up to two
    describing words, and the noun (`very warm attachment`, `first short dialogue`); 0 when
    they do not, or when no describing word comes before the noun."""
    at = 1 if words and words[0] in _DEGREE_BEFORE_ADJECTIVE else 0
    described = 0
    while at < len(words) and described < 2 and _describes(words[at], strict):
        if at + 1 < len(words) and _owned_head(words[at + 1]):
            return at + 2
        at += 1
        described += 1
    return 0


# Prepositions after which `there` may be a place (`in there`, `from there`, `to there`), so
# only a describing word and a noun after it show the owner (`in there warm gratitude`).
_PLACE_PREPOSITIONS = word_set("in from to near")


def _clear_verb(site: Site) -> bool:
    """The word before the site is a verb (`keep`, `entrusted`, `giving`, `they change`), not
    a noun that could be the subject of a verb after `there` (`the people there say`)."""
    previous = site.before[1]
    if not _word(previous) or previous in _CLOSED or "VERB" not in lexicon.parts_of_speech(
            previous):
        return False
    return lexicon.only(previous, "VERB") or lexicon.is_gerund(previous) or (
        lexicon.is_past_participle(previous) and "NOUN" not in lexicon.parts_of_speech(
            previous)) or site.before[0] in MODALS | OBJECT_PRONOUNS - {"it"} | {
        "to", "not", "and", "never", "did", "didn't", "don't", "'ll", "i", "we", "they"}


def _there_owns_phrase(site: Site) -> bool:
    """`of there several disappointments`, `all there feelings`, `took there last walk`,
    `keep there distance`, `There house was`: `there` before a noun (with its describing
    words) where it cannot be a place: after a preposition that never takes `there`, after
    `all`, after a verb that does not take a place, at a sentence's start before a noun and
    its verb. `went there last week`, `found there great comfort`, `all there is` and
    `There followed a silence` are left alone."""
    first, second, previous = site.after[0], site.after[1], site.before[1]
    if site.after_raw[0][:1].isupper() or site.before[0] in ("here", "them") or previous in (
            "them", "over", "up", "down", "out", "back"):
        return False
    length = _phrase_length(site.after)
    if previous in _BEFORE_THEIR:
        return bool(length) or _owned_head(first)
    if previous in _PLACE_PREPOSITIONS:
        return bool(length)
    if previous == "all":
        return bool(length) or (_owned_head(first) and (
            first.endswith("s") or _is_end(second) or second in PREPOSITIONS | {"and"}))
    if _clear_verb(site) and previous not in _PLACE_VERBS:
        return bool(length) or (_owned_head(first) and not (
            {"ADV", "ADJ"} & lexicon.parts_of_speech(first)) and first not in _VERBS_AFTER_THERE
            and not lexicon.is_gerund(first) and not lexicon.is_past_participle(first))
    if not site.starts_sentence:
        return False
    if first.endswith("'s") and _owned_head(first[:-2]) and first[:-2] not in _MASS_NOUNS:
        return True  # `There number's on the list`
    # `There house was undoubtedly the best`, `There first meeting in Milsom Street`: a
    # sentence's `There`, a noun in its base form and a verb, or a describing word and a noun
    if _phrase_length(site.after, strict=True):
        return True
    return _owned_head(first) and first not in _VERBS_AFTER_THERE and \
        not first.endswith("s") and not lexicon.is_past_participle(first) and \
        not lexicon.is_gerund(first) and "ADV" not in lexicon.parts_of_speech(first) and \
        second in ("was", "is", "had", "has", "were")


# Verbs whose object may be an -ing form with its owner (`prevented their doing more`), but
# not a place: `prevented there doing` can only be `their`.
_GERUND_OBJECT_VERBS = word_set("""
    prevent prevented prevents preventing propose proposed proposes proposing excuse excused
    forgive forgave forgiven mind minded avoid avoided hinder hindered oppose opposed resent
    resented regret regretted dislike disliked imagine imagined permit permitted allow allowed
    justify justified delay delayed
""")


def _there_before_gerund(site: Site) -> bool:
    """`prevented there doing more`, `on there quitting`, `of there being together`, `for
    there all promising`: an -ing form that `there` owns. `of there being an old friend in
    Bath` (there is one) and `sat there waiting` are left alone."""
    first, second, previous = site.after[0], site.after[1], site.before[1]
    if first == "all" and lexicon.is_gerund(second) and second not in ("being", "having") \
            and not _time_word(second):
        return previous not in _PLACE_VERBS
    if first == "being" and previous in _BEFORE_THEIR | {"in"} and _word(second) and (
            # (`so much`, `quite a`, `all sorts`, `now no` start what there is)
            second in ("together", "thus", "there", "here") or (
                lexicon.is_past_participle(second) and lexicon.only(second, "VERB")) or (
                second.endswith("ly") and lexicon.is_past_participle(site.after[2]))):
        return True
    return previous in _GERUND_OBJECT_VERBS and lexicon.is_gerund(first) and \
        first not in ("being", "having")


_DEMONSTRATIVES = word_set("that this these those them")
_BEFORE_THEIR = word_set("of into onto by with for at on upon about after before between among "
                         "amongst against towards toward during without within")


@rule("OCT364", Severity.WARNING, "'their', 'there' and 'they're' confused",
      "'Their' owns something (their house), 'there' is a place or starts a sentence (there "
      "is), 'they're' is 'they are'. Reported only where the next words make it plain: "
      "`their is`, `their going to`, `there own`, `they're car was`.", markup_blind=True,
      why=_PASSES_SPELL_CHECKERS,
      fix="Write 'they're' for 'they are', 'their' for what belongs to them, 'there' for a place or before "
          "'is'/'are'.",
      before='I think their going to be late.', after='I think they’re going to be late.')
def their_there(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _report(paragraphs, "OCT364", {"their", "there", "they're"}, _their)


# -- then / than ------------------------------------------------------------------------------

# After `older then`, a verb means `then` tells when: `a moment longer then would have been`.
_NOT_COMPARED = word_set("""
    and but or as than too still again now on is was were are had has have did do does
""") | MODALS
_THEN_TIME = word_set("and but since until till back by right")
_COMPARED_WITH = word_set("by at in if with from for anybody anyone anything ever usual expected "
                          "before a an")


def _is_comparative(word: str) -> bool:
    return word in IRREGULAR_COMPARATIVES or (word.endswith("er") and lexicon.is_comparative(word))


# The last sentence start in a chunk: the greedy `.*` backs off from the chunk's end, so only
# the tail is tried (every start from the front was tried before, at every character).
_LAST_SENTENCE_START = re.compile(
    r"(?s).*(?:(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bMs)[.!?;:]\s|\n)")
_COMPARING = IRREGULAR_COMPARATIVES | word_set("different differently otherwise sooner")


def _clause_before(site: Site, words: int) -> list[str]:
    """Up to `words` words before the site, back to the start of its clause."""
    text = site.text
    start = max(0, site.start - 300)
    chunk = text[start:site.start]
    last = _LAST_SENTENCE_START.match(chunk)
    cut = last.end() if last else 0
    return [w.lower() for w in _WORDS.findall(chunk[cut:])][-words:]


_WORDS = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_AUXILIARIES = word_set("is was are were am been has had have 's 're 'd")


def _compares(words: list[str]) -> bool:
    return any((w in _COMPARING or (w.endswith("er") and lexicon.is_comparative(w))) and
               not _describes_a_subject(words, i) for i, w in enumerate(words))


def _describes_a_subject(words: list[str], at: int) -> bool:
    """`the younger ones was then`: a comparative after a determiner, with the clause's verb
    just after its noun, describes the noun and compares nothing with what follows."""
    # (`a firmer determination to be`, `a better judge of how she is`: compared)
    return at > 0 and words[at - 1] in DETERMINERS | POSSESSIVES and any(
        v in _TENSED for v in words[at + 1:at + 4])


_TENSED = MODALS | word_set("is was are were has had isn't wasn't hasn't weren't aren't")


def _unmet_comparative(words: list[str]) -> bool:
    """A comparative among `words` that no `than` after it has met yet."""
    compared = [i for i, w in enumerate(words) if w not in _DESCRIBING_COMPARATIVES and (
        w in _COMPARING or (w.endswith("er") and lexicon.is_comparative(w)))]
    return bool(compared) and "than" not in words[compared[-1]:]


def _subject_before(site: Site) -> bool:
    """The word before the site is a subject pronoun or a name in mid-sentence."""
    if site.before[1] in SUBJECT_PRONOUNS:
        return True
    behind = _WORDS.findall(site.text, max(0, site.start - 30), site.start)
    return bool(behind) and behind[-1][:1].isupper() and behind[-1] != "I" and (
        len(behind) > 1 or site.before[0] not in ("", ".", "!", "?", "“", "\""))


# What a comparison's `than` leads to, beyond `_COMPARED_WITH`: what is compared (a pronoun,
# an owner's phrase, a clause's subject) or how (`than to have`, `than when`, `than is good`).
_THAN_LEADS_TO = OBJECT_PRONOUNS | SUBJECT_PRONOUNS | POSSESSIVES | DETERMINERS | word_set("""
    myself yourself himself herself itself ourselves yourselves themselves anybody anyone
    anything everybody everyone everything nobody either any all those what ever usual
    before to when as not on of about among is was any other
    otherwise mine yours hers ours theirs such
""")
_ONLY_COMPARED = word_set("""
    anybody anyone anything everybody everyone everything either those ever usual myself
    yourself himself herself ourselves themselves
""")
# Words after which `then` tells when whatever comes before (`and then`, `he then`, `just
# then`, `had then`).
_BEFORE_TIME_THEN = SUBJECT_PRONOUNS | MODALS | _AUXILIARIES | word_set("""
    and but or nor since till until by just even only now right back again not never yet so
    ever first till since but what for if because as that when though although unless
    whereas while
""")
# `better if then we can`, `for then we might`: a conjunction makes `then` tell when
_CONJUNCTIONS_BEFORE_THEN = word_set(", and for if because as that when though although unless "
                                     "whereas while")
# Comparatives that mostly describe rather than compare (`the elder sister`, `further on`)
_DESCRIBING_COMPARATIVES = word_set("elder other further farther")


def _then_compares(site: Site) -> bool:
    """`more pleasure then those of any other`, `rather then postpone`, `no sooner had he
    come, then Anne rose`, `more cake then is good`: a comparative earlier in the clause,
    not yet met by its `than`, and after `then` what it is compared with. `then` after
    `and`, a subject, a modal or a comma (`and then he left`, `he then left`, `older, then
    wiser`) and before a past verb (`the elder girl then came in`) tells when."""
    first, previous = site.after[0], site.before[1]
    clause = _clause_before(site, 15)
    # (`the younger ones was then no longer`: a comparative that describes a noun after a
    # determiner, with the clause's verb after it, compares nothing with what follows)
    compared = [i for i, w in enumerate(clause) if w not in _DESCRIBING_COMPARATIVES and (
        w in _COMPARING or (w.endswith("er") and lexicon.is_comparative(w))) and
        not _describes_a_subject(clause, i)]
    if not compared or "than" in clause[compared[-1]:]:
        return False
    if first.isdigit():
        return compared[-1] >= len(clause) - 3  # `more then 200 a year`
    if not _word(first):
        return False
    if previous == ",":
        # `No sooner was the funeral over, then Mrs. Dashwood came`, `more good nature, then
        # anybody living`: after a comma `then` mostly tells when (`first here, then in
        # London`, `he paused, then he left`), so only what nothing but a comparison takes
        return ("sooner" in clause and "no" in clause[:clause.index("sooner")]) or (
            first in _ONLY_COMPARED and "first" not in clause)
    if previous in _BEFORE_TIME_THEN or previous in ("'", "’") or site.starts_sentence:
        return False
    # `more inclined then entitled`, `rather dreaded then sought`: `more` and a describing
    # word or a verb, then another like it
    if len(clause) >= 2 and clause[-2] in ("more", "less", "rather") and _word(previous) and \
            _describes(previous) and _describes(first) and first not in _CLOSED:
        return True
    rather = any(clause[i] in ("rather", "sooner", "better") for i in compared)
    if first in _THAN_LEADS_TO or site.after_raw[0][:1].isupper():
        return True
    # `do little more then listen`, `a great deal better then leaving him`: the comparative
    # just before, and a verb's base form or an -ing form after
    if compared[-1] == len(clause) - 1 and (
            (_plain_verb(first) and not lexicon.is_past_participle(first) and
             any(w in ("do", "did", "does") for w in clause)) or (
                lexicon.is_gerund(first) and first not in ("being", "having"))):
        return True  # (`Eat more then sleep.` tells what to do next)
    if first == "had" and compared[-1] >= len(clause) - 3:
        return True  # `more then had been expected`
    # `rather see it again then not`, `rather then postpone`: a verb's base form after
    # `rather`, `sooner` or `better`
    return rather and _plain_verb(first) and not lexicon.is_past_participle(first)


def _then(site: Site) -> str | None:
    first = site.after[0]
    if site.lower == "then":
        # `taller then me`, `more warmth then she felt`: a comparative just before
        # ...but `he then bestowed`, `she must then learn`: `then` between a subject or a
        # modal and its verb tells when
        previous = site.before[1]
        if _word(first) and first not in _NOT_COMPARED and _compares(_clause_before(site, 4)) \
                and previous not in SUBJECT_PRONOUNS and previous not in MODALS \
                and previous not in _CONJUNCTIONS_BEFORE_THEN and not lexicon.only(first, "VERB") \
                and not (
                    lexicon.is_past_participle(first) and "VERB" in lexicon.parts_of_speech(first)) \
                and not (site.starts_sentence or (
                    # `Eat more then sleep.`: one thing to do, then the next
                    _plain_verb(first) and _clause_before(site, 40)[:1] != [] and
                    _plain_verb(_clause_before(site, 40)[0]) and
                    not lexicon.parts_of_speech(_clause_before(site, 40)[0]) & {"NOUN", "ADJ"})):
            return "than"  # (`her younger brother then spoke`, `older, then wiser`: when)
        # `less gratified by his admiration then by the general's`: a comparative further
        # back, and after `then` what it is compared with
        if (first in _COMPARED_WITH or site.after_raw[0][:1].isupper()) and _word(previous) \
                and previous not in SUBJECT_PRONOUNS | MODALS | {"and", "but", "or", "since"} \
                and not site.starts_sentence and _compares(_clause_before(site, 12)):
            return "than"
        if _then_compares(site):
            return "than"
        return None
    # than: nothing in its clause compares (`and than he left`, `She than found`, `Well than,`)
    # — and never after an auxiliary (`she had than been`, `which was than four years`)
    previous = site.before[1]
    # (`easier to leave me where I was than to find another`: the clause that ends in the
    # auxiliary sits inside the comparison)
    if previous in _AUXILIARIES and not (first in _THAN_LEADS_TO and first not in _AUXILIARIES
                                         and _unmet_comparative(_clause_before(site, 40))):
        return "then"
    near = _compares(_clause_before(site, 4))
    # `and than to have`, `could not than talk`: these never stand before a comparison's
    # `than`; nor does a verb in the past come after one (`Isabella than tried`), unless
    # the comparative is just before (`more than doubled`)
    if not near and (previous in _THEN_TIME - {"by", "back", "right"} or previous in MODALS
                     or previous == "not"):
        return "then"
    if not near and _word(first) and lexicon.is_past_participle(first) and \
            "VERB" in lexicon.parts_of_speech(first) and _subject_before(site):
        return "then"  # `Isabella than tried`, `he than bestowed`
    if not near and (previous == "so" or (previous == "," and site.before[0] in (
            "well", "so", "now"))) and not _compares(_clause_before(site, 40)):
        return "then"  # `So than it all came out`, `Very well, than there is an end`
    # `I little thought than--`, but `no sooner in possession of it than, hurrying`
    if not near and first in (".", "!", "?", "—", "-", ""):
        return "then"
    if _compares(_clause_before(site, 40)):
        return None
    if previous == "," and first in DETERMINERS | SUBJECT_PRONOUNS:
        return "then"  # `two through thirteen, than a gap`: nothing before it compares
    if _is_end(first) or site.starts_sentence or site.before[1] in _THEN_TIME or (
            site.before[1] in SUBJECT_PRONOUNS and _word(first)) or (
            _word(first) and lexicon.is_past_participle(first) and lexicon.only(first, "VERB")):
        return "then"
    return None


@rule("OCT365", Severity.WARNING, "'then' for 'than' (or the other way round)",
      "'Than' compares (bigger than me, rather than go); 'then' tells when (and then she "
      "left). Reported only after a comparative followed by what it is compared with "
      "(`older then me`, not `he was older then`), or where 'than' follows 'and', 'since' or "
      "'back', or starts a sentence.", markup_blind=True,
      why=_PASSES_SPELL_CHECKERS,
      fix="Write 'than' in a comparison, 'then' for what comes next.",
      before='She was older then me.', after='She was older than me.')
def then_than(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _report(paragraphs, "OCT365", {"then", "than"}, _then)


# -- lose / loose -----------------------------------------------------------------------------

_BEFORE_LOSE = MODALS | word_set("to not never don't didn't doesn't gonna 'll")
_LOSE_OBJECTS = POSSESSIVES | OBJECT_PRONOUNS | word_set("""
    the a an this that weight track control sight interest hope touch face heart count patience
    temper everything anything something nothing time money myself yourself himself herself
    itself ourselves themselves
""")
_BE = word_set("am is are was were be been being 'm 're 's")
_BEFORE_LOOSE = word_set("""
    a the too so very bit come came comes coming cut cuts break breaks broke broken let lets
    set sets turned turn turns hang hangs shook shake shaken worked work wriggled pulled tore
    torn shaking breaking cutting
""")


_LOST_PRONOUNS = word_set("it them everything anything all nothing him her me us heart track")
_LOOSE_VERB_OBJECTS = word_set("""
    arrow arrows dogs hounds hawk hawks bonds chains reins hair horse horses knot knots rope
    ropes cords shaft shafts bolt bolts wrath fury tongue tongues
""")


def _lose(site: Site) -> str | None:
    previous, first = site.before[1], site.after[0]
    ending = previous.endswith(("n't", "'ll", "'d"))
    if site.lower == "loose":
        # `to loose my keys`, `should loose neither`: after `to` or a modal it is the verb
        if (previous in _BEFORE_LOSE or ending) and _word(first) and first not in (
                "upon", "on", "off", "the") and first not in _LOOSE_VERB_OBJECTS:
            return "lose"
        if (previous in _BEFORE_LOSE or ending) and first == "the" and \
                site.after[1] not in _LOOSE_VERB_OBJECTS:
            return "lose"
        # `a heart to loose.`: `to` and then nothing; `they soon loose the look`: a subject
        # and an object
        if previous == "to" and _is_end(first) and site.before[0] not in ("come", "came",
                                                                          "break", "broke"):
            return "lose"
        if previous in MODALS and _is_end(first):
            return "lose"  # `something you might loose.`
        if previous in ("rather", "sooner") and first in DETERMINERS | POSSESSIVES and \
                site.after[1] not in _LOOSE_VERB_OBJECTS:
            return "lose"  # `I'd sooner loose a night's pay`
        subject = previous if previous in SUBJECT_PRONOUNS else site.before[0] if (
            previous.endswith("ly") or previous in ("soon", "never", "always", "often",
                                                    "all", "would", "will")) else ""
        if subject in SUBJECT_PRONOUNS and subject != "it" and (
                first in DETERMINERS | POSSESSIVES) and site.after[1] not in _LOOSE_VERB_OBJECTS:
            return "lose"
        # `if you loose them`, `I would rather loose it all`, `to see him loose everything`:
        # a person and then what is lost, a pronoun or everything (`let him loose`, `set
        # them loose on`, `cut it loose`: nothing is lost after them)
        if (previous in SUBJECT_PRONOUNS | OBJECT_PRONOUNS | {"rather", "sooner"} and
                previous != "it") and first in _LOST_PRONOUNS and \
                site.before[0] not in _BEFORE_LOOSE:
            return "lose"
        return None
    if site.lower == "loosing":
        if (previous in _BE or previous.endswith(("'m", "'re", "'s")) or previous in (
                "of", "in", "without", "from", "for", "by", "after", "about", "on", "at")) \
                and first not in _LOOSE_VERB_OBJECTS and not (
                    first in DETERMINERS | POSSESSIVES and site.after[1] in _LOOSE_VERB_OBJECTS):
            return "losing"
        # `loosing our jobs`, `loosing his will to live`, `not loosing money`: what is lost
        # (`loosing the hounds`, `loosing an arrow`: what is let go)
        if (first in POSSESSIVES and site.after[1] not in _LOOSE_VERB_OBJECTS and
                _word(site.after[1])) or (first in _LOSE_OBJECTS - DETERMINERS - POSSESSIVES
                                          - OBJECT_PRONOUNS):
            return "losing"
        return None
    if previous in _BEFORE_LOOSE and not (previous in ("let", "lets") and first in OBJECT_PRONOUNS):
        return "loose"
    return None


@rule("OCT366", Severity.WARNING, "'loose' for 'lose' (or the other way round)",
      "'Lose' is to mislay or be beaten (lose my keys); 'loose' is not tight (a loose tooth, "
      "break loose). Reported only where the neighbours make it plain: `to loose my keys`, "
      "`I'm loosing my mind`, `a lose thread`, `cut lose`.", markup_blind=True,
      why=_PASSES_SPELL_CHECKERS,
      fix="Write 'lose' (one o) for mislaying or being beaten, 'loose' for not tight.",
      before='I don’t want to loose my keys.', after='I don’t want to lose my keys.')
def lose_loose(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _report(paragraphs, "OCT366", {"loose", "loosing", "lose"}, _lose)


# -- affect / effect --------------------------------------------------------------------------

_BEFORE_VERB = MODALS | word_set("to not never don't didn't doesn't won't 'll")
_PEOPLE = OBJECT_PRONOUNS | word_set("everyone everybody anyone anybody people")
_DEGREE = word_set("very most so more too truly deeply really quite extremely rather less "
                   "particularly peculiarly")


def _plain_verb(word: str) -> bool:
    """A verb's base form (`take`, `slight`, `feed`, `need`), though it may be a noun too."""
    return _word(word) and "VERB" in lexicon.parts_of_speech(word) and not (
        word.endswith("ing") or (word.endswith("s") and not word.endswith("ss")) or (
            word.endswith("ed") and not word.endswith("eed")) or (
            word.endswith("eed") and len(word) > 4 and "VERB" in lexicon.parts_of_speech(
                word[:-1])))  # (`agreed`, `freed` are past; `feed`, `need`, `speed` are not)


def _word_is_noun(word: str) -> bool:
    return _word(word) and "NOUN" in lexicon.parts_of_speech(word) and word not in _CLOSED
_NOUN_ADJECTIVES = word_set("""
    side special desired opposite calming soothing lasting profound positive negative knock
    domino greenhouse butterfly placebo
""")


# What is affected, not brought about: feelings, states, conduct (swayed), and the manners
# and feelings one feigns (`affect indifference`, `affect the air of`).
_AFFECTED = word_set("""
    feelings feeling doubts doubt spirits health mind minds heart hearts happiness comfort
    opinion opinions judgment judgement conduct character temper nerves interests views
    manners manner ignorance indifference unconcern composure carelessness gaiety surprise
    air airs tone contempt coldness reserve modesty humility innocence sorrow grief delight
    cheerfulness ease calm cheerfulness disdain sensibility sympathy regard affection esteem
    resolution determination peace mood moods behaviour behavior reputation
    sister sisters brother brothers father mother parents family friend friends child children
    husband wife daughter daughters son sons aunt uncle cousin cousins people
""")


# What is brought about, so `effect` is the verb for it (`effect a change`, `effect their
# escape`, `effect his purpose`); nouns of doing in -tion, -sion, -ment, -al, -ure count too.
_BROUGHT_ABOUT = word_set("""
    change changes escape purpose purposes cure entrance entry exit reform reforms repair
    repairs rescue sale sales transfer union junction landing compromise exchange retreat
    release recovery improvement alteration arrangement settlement introduction marriage
    match meeting passage plan plans scheme design object objects end ends return savings
    saving cuts payment delivery turnaround breakthrough closure merger takeover peace truce
    withdrawal arrest capture shift switch it this that what which something anything
    nothing everything much little more less latter former same rest other others
""")
_DOING_ENDINGS = ("tion", "sion", "ment", "al", "ure", "tions", "sions", "ments", "als", "ures")


_SOMETHING = word_set("nothing anything everything something who whatever whoever")


def _affected_object(site: Site, listed_only: bool = False) -> bool:
    """The object after `effect`, past a determiner, a possessive and a describing word or
    two, is one of the things affected (`her doubts`, `greater indifference`, `the air`), or
    a thing that is not brought about (`the outcome`, `our plans`, `his joints`): a change, an
    escape, a cure, a reconciliation are effected, and `a` before the noun (`effect a
    lasting peace`) is left alone."""
    for word in site.after:
        if word in _AFFECTED:
            return True
        if word in ("a", "an", "some") or word in _BROUGHT_ABOUT:
            return False
        if word in DETERMINERS | POSSESSIVES or (_word(word) and (
                lexicon.is_comparative(word) or lexicon.only(word, "ADJ", "ADV"))):
            continue
        return not listed_only and _word(word) and word not in _CLOSED and \
            not word.endswith(_DOING_ENDINGS) and \
            "NOUN" in lexicon.parts_of_speech(word) and not lexicon.is_gerund(word) and \
            word != site.after[0] and site.after[0] in DETERMINERS | POSSESSIVES
    return False


# What a person is called by what they do (`a buyer`, `a reader`, `the voter`): people are
# affected, never brought about.
_PERSON_NOUNS = word_set("""
    man woman men women person people child children boy girl soul reader readers buyer buyers
    customer customers patient patients visitor visitors voter voters listener audience crowd
    stranger friend family
""")


_PEOPLE_SHARE = re.compile(r"[ \t]+(?:all|both|each|most|many|some|none|any|the[ \t]+rest|"
                           r"several|half)[ \t]+of[ \t]+(?:us|you|them)\b")


def _some_of_us(site: Site) -> bool:
    """`all of us`, `the rest of you`, `most of them` after the site: people."""
    return _PEOPLE_SHARE.match(site.text, site.end, site.end + 40) is not None


def _affected_one(site: Site) -> bool:
    """`to effect one so dear`, `it would effect Frank`, `might it not effect?`, `doesn't
    effect anything`, `nothing effects a buyer`, `it effects every hub`: where the verb
    stands, what follows is someone, a name, everything or nothing at all — what is swayed,
    never a change brought about (`effect a change`, `effect their escape`, `effect
    something`)."""
    first, second, previous = site.after[0], site.after[1], site.before[1]
    if first in ("?", "!") and (previous in MODALS | {"not", "never"} or previous.endswith("n't")):
        return True  # `Whose views might it not effect?` (but `to this effect.`)
    if first == "one" and not _noun_head(second):
        return True
    if first in ("mine", "yours", "ours", "theirs", "hers") or _some_of_us(site):
        return True  # `it must not effect mine`, `effect the rest of you`: someone's, someone
    if site.after_raw[0][:1].isupper() and first.isalpha() and first not in _CLOSED:
        return True  # a name
    if first in ("anything", "anyone", "anybody", "everyone", "everybody", "everything") and (
            previous.endswith("n't") or site.before[0] in ("not", "never") or previous == "not") \
            and not _adjective(second):  # (`could not effect anything useful`: bring about)
        return True  # `it doesn't effect anything`
    if first in ("a", "an", "the", "every", "each", "all", "both", "most", "many", "some") and (
            second in _PERSON_NOUNS or (second.endswith(("er", "ers")) and second.isalpha()
                                        and "VERB" in lexicon.parts_of_speech(
                                            second[:-3] if second.endswith("ers") else second[:-2])
                                        and "NOUN" not in lexicon.parts_of_speech(
                                            second[:-3] if second.endswith("ers") else second[:-2]))):
        return True  # `a buyer`, `every reader`
    return first in ("every", "each", "all", "both") and _word(second) and \
        _word_is_noun(second) and not second.endswith(_DOING_ENDINGS)


def _affect(site: Site) -> str | None:
    previous, first = site.before[1], site.after[0]
    word = site.lower
    if word.startswith("effect"):
        if word == "effect" and (previous in _BEFORE_VERB or previous.endswith("n't")) \
                and first in _PEOPLE:
            return "affect"
        if word == "effects" and previous in ("it", "this", "that", "which", "he", "she") \
                and first in _PEOPLE:
            return "affects"
        # `Things like that effect you less`, `Warmth always effects it.`, `It effects
        # everything.`: a subject, the verb and a pronoun with no verb after it (`the effect
        # you have on me` is the noun, with a clause)
        if previous in ("that", "this", "which", "it", "always", "never", "often", "really") \
                and first in _PEOPLE | {"everything"} and first != "her" and not (
                _verb_follows(site.after[1]) or _plain_verb(site.after[1]) or
                site.after[1] in SUBJECT_PRONOUNS | MODALS) and (
                word != "effect" or previous not in ("it", "this", "which")):
            return "a" + site.word[1:].lower()
        if word == "effecting" and ((first in _PEOPLE and first != "it") or _is_end(first)
                                    or previous in _DEGREE or _some_of_us(site)):
            return "affecting"  # `a most effecting scene`: moving; (`effecting it`: doing it)
        if word == "effecting" and previous in ("a", "an") and _word_is_noun(first) and \
                not first.endswith(_DOING_ENDINGS):
            return "affecting"  # `an effecting story`, but `the effecting of a change`
        # `to effect him`, `cannot effect us`: a person is affected, never brought about
        noun_before = previous in DETERMINERS | POSSESSIVES | word_set(
            "no any every some much little great good same such what whatever") or \
            _adjective(previous)  # `the effect him being there had`
        if not noun_before and (first in _PEOPLE - {"it", "her", "you"} or (
                first == "her" and not _word_is_noun(site.after[1]))):
            return "a" + site.word[1:].lower()
        # `to effect ignorance`, `could not effect her doubts`, `he effects greater
        # indifference`: what is feigned or swayed is affected; what is brought about
        # (`effect a change`, `effect their escape`) is effected
        verb_slot = previous in _BEFORE_VERB or previous.endswith("n't") or (
            previous.endswith("ly") and site.before[0] in _BEFORE_VERB) or (  # `may greatly effect`
            # `does this effect us`, `let it effect her work`
            word == "effect" and previous in ("this", "that", "it") and site.before[0] in
            _BEFORE_VERB | word_set("does did do let make made lets")) or (
            # `nothing effects her`, `the cold effects his joints` (but `the side effects
            # his doctor mentioned`: a clause follows)
            word == "effects" and (previous in _SOMETHING or (
                _word_is_noun(previous) and previous not in _NOUN_ADJECTIVES and
                first in POSSESSIVES - {"its"} | {"the"} and not _verb_follows(site.after[2]))))
        if word == "effect" and previous in ("this", "that") and verb_slot:
            noun_before = False
            if first in _PEOPLE:
                return "affect"  # `does this effect us`
        if not noun_before and (verb_slot or (
                previous in SUBJECT_PRONOUNS and word == "effects") or word == "effecting") and \
                _affected_object(site, listed_only=word == "effecting" and previous in PREPOSITIONS):
            return "a" + site.word[1:].lower()
        if not noun_before and (verb_slot or (previous in SUBJECT_PRONOUNS | _SOMETHING
                                              and word == "effects")) and _affected_one(site):
            return "a" + site.word[1:].lower()
        # `effect to be calm`, `effecting to slight it`: to feign is to affect
        if first == "to" and not noun_before and _plain_verb(site.after[1]) and \
                (site.after[1] != "be" or previous not in PREPOSITIONS):
            return "a" + site.word[1:].lower()
        return None
    # `the affect of`, `no affect at all`, `the affect a schoolma'am has`: a determiner makes
    # it the noun (`affect` as a psychologist's noun is rare in fiction)
    if previous in _NOUN_ADJECTIVES or (previous in ("the", "an", "no", "any") and (
            first in ("of", "on", "upon", "which", "that", "was", "is", "it", "at", "for", "a",
                      "an", "the", "he", "she", "they", "we", "i", "you", "had", "has") or
            _is_end(first))):
        return "effect" if word == "affect" else "effects"
    return None


@rule("OCT367", Severity.WARNING, "'affect' for 'effect' (or the other way round)",
      "'Affect' is usually the verb (it affects me); 'effect' the noun (the effect of it, side "
      "effects). Reported only where the neighbours make it plain: `the affect of`, `side "
      "affects`, `it won't effect me`; `to effect a change` (bring about) is right.",
      markup_blind=True,
      why=_PASSES_SPELL_CHECKERS,
      fix="Use 'effect' for the noun (the effect, side effects) and 'affect' for the verb (it affects me).",
      before='The affect of the storm was plain.', after='The effect of the storm was plain.')
def affect_effect(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _report(paragraphs, "OCT367", {"affect", "affects", "effect", "effects",
                                              "effecting"}, _affect)


# -- alot, could of, a / an -------------------------------------------------------------------

@rule("OCT368", Severity.WARNING, "'alot' for 'a lot'",
      "'Alot' is not a word: 'a lot' is two (a lot of people). (To allot is to share out.)",
      markup_blind=True,
      why="'Alot' is not in any dictionary of standard English; in print it looks like a slip.",
      fix="Write 'a lot' (two words).",
      before='She liked him alot.', after='She liked him a lot.')
def alot(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _report(paragraphs, "OCT368", {"alot"}, lambda site: "a lot")


# ` of ` first (a literal the scanner finds fast), the modal before it checked afterwards
_OF_THEN_WORD = re.compile(r" (?P<of>of) (?P<next>[a-z]+)\b")
_MODAL_BEFORE = re.compile(r"\b(?P<modal>(?:[Cc]ould|[Ss]hould|[Ww]ould|[Mm]ust|[Mm]ight|[Mm]ay)"
                           r"(?:n['’]t)?)$")


@rule("OCT369", Severity.WARNING, "'could of' for 'could have'",
      "'Could of', 'should of', 'would of', 'must of' are 'could have' and so on, written as "
      "they sound ('could've'). Reported only when a past participle follows (`could of "
      "gone`), so `it could of course be` is left alone.", markup_blind=True,
      why="It writes down what the ear hears ('could've'); in narration it reads as an error (in a "
          "character's speech it may be deliberate: excuse it with `%% octavo: ignore OCT369`).",
      fix="Write 'could have', 'should have', 'would have', 'must have' (or 'could've').",
      before='You could of gone home.', after='You could have gone home.')
def could_of(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    view = paragraphs_view(paragraphs)
    text = view.joined
    for match in _OF_THEN_WORD.finditer(text):
        modal = _MODAL_BEFORE.search(text, max(0, match.start() - 12), match.start())
        if modal is None:
            continue
        following = match.group("next")
        if following in ("been", "had") or lexicon.is_past_participle(following):
            yield finding_at(view, "OCT369", f"'{modal.group('modal')} of' should be "
                             f"'{modal.group('modal')} have'", match.start("of"), match.end("of"),
                             "have")


# Words no article stands before (a verb, a conjunction): `a` before them is the letter.
_NOT_AFTER_AN_ARTICLE = word_set("is isn't was wasn't are and or has had equals")


def _article(site: Site) -> str | None:
    raw = site.after_raw[0]
    if not raw[:1].isalpha() or (raw.isupper() and len(raw) > 1):  # numbers, FBI
        return None
    if site.word == "A" and not site.starts_sentence:  # Plan A, vitamin A
        return None
    if site.after[0] in _NOT_AFTER_AN_ARTICLE:
        return None  # `A is Agnetha and B is Bjørn`: the letter, named
    word = raw.lower()
    head = word.split("-")[0]
    vowel_letter = head[:1] in "aeiou"
    if site.lower == "a" and (vowel_letter or head[:1] == "h"):
        sound = lexicon.starts_with_vowel_sound(head)
        if sound is None:  # not in the dictionary: un-, in-, a-, e-, o- are vowel sounds
            sound = head[:1] in "aeio" or (head[:2] == "un" and head[2:3] not in "aeiou")
        return "an" if sound else None
    # `an hundred`, `an historic`, `an useful`, `an European`: the older style before h and
    # before a sounded u is not a slip, so only a plain consonant counts against `an`.
    if site.lower == "an" and not vowel_letter and head[:1] != "h":
        sound = lexicon.starts_with_vowel_sound(head)
        if sound is None:  # not in the dictionary (`an mapmaker`, `an deckhand`): a word
            # of two letters or more in small letters that starts with a consonant other
            # than h sounds it (`an x-ray`, `an f-stop` have a letter's name for a head)
            base = head[:-2] if head.endswith(("'s", "’s")) else head
            sound = not (raw.islower() and base.isalpha() and len(base) > 1 and
                         base[0] not in "aeiouhxy")
        return None if sound else "a"
    return None


@rule("OCT370", Severity.WARNING, "'a' before a vowel sound, or 'an' before a consonant sound",
      "'An' goes before a vowel sound and 'a' before a consonant sound, by how the next word "
      "sounds, not how it is spelt: an hour, an honest man, a university, a one-off. The "
      "older style, `an historic`, `an hundred`, `an useful`, is left alone.", markup_blind=True,
      why="The wrong article trips the reader's ear even when the spelling looks right (a hour, an "
          'university).',
      fix="Use 'an' before a vowel sound (an hour) and 'a' before a consonant sound (a unit, a one-off).",
      before='She waited for a hour.', after='She waited for an hour.')
def a_an(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _report(paragraphs, "OCT370", {"a", "an"}, _article)
