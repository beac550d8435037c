"""Professional typography for one paragraph at a time: spaces, primes, ellipses, dashes, quotes.

The rules run in a fixed order, each with its reason. They change only punctuation and spaces:
a letter or digit is never added, removed or reordered (a property test holds us to that).
URLs, e-mail addresses and `code spans` are set aside first and put back untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from octavo.characters import BIDI_CONTROLS
from octavo.normalise.markers import (
    BOUNDARY,
    ELLIPSIS_AFTER_PERIOD,
    PROTECTED,
    without_noncharacters,
)
from octavo.normalise.quotes import (
    AMERICAN,
    BRITISH,
    FRACTIONS,
    Marks,
    QuoteStyle,
    apply_marks,
    kinds_changed,
    scan_marks,
)

QUOTE_STYLES = ("keep", "american", "british")


@dataclass(frozen=True, slots=True)
class HouseStyle:
    # None: keep the author's double and single marks and their nesting, only curled; a
    # QuoteStyle: set every quotation by its nesting level in that style.
    quotes: QuoteStyle | None = None
    spaced_en_dash: bool = False  # "word – word" (British habit) instead of "word—word"
    spaced_ellipsis: bool = False  # ". . ." instead of "…"
    tie_last_word: bool = False  # a no-break space before a short last word (no lone "it.")

    @property
    def quotes_name(self) -> str:
        """"keep", "american" or "british": the `build.quotes` value of this style."""
        if self.quotes is None:
            return "keep"
        return "british" if self.quotes == BRITISH else "american"


def house_style_for(language: str, quotes: str | None = None, dashes: str | None = None,
                    ellipsis: str | None = None, tie_last_word: bool = False) -> HouseStyle:
    """The book's style. Quotes are kept as the author set them unless `quotes` is "american"
    or "british" (None and "keep" keep them; the language alone never converts them: British
    authors use double quotes too, and a publisher's style is a choice, not a locale)."""
    del language  # kept in the signature: dashes and spacing may follow the language one day
    return HouseStyle(
        quotes={"american": AMERICAN, "british": BRITISH}.get(quotes or "keep"),
        spaced_en_dash=dashes == "spaced-en",
        spaced_ellipsis=ellipsis == "spaced",
        tie_last_word=tie_last_word,
    )


# -- protected spans: typed exactly as the author wrote them --------------------------------

# URLs (without trailing punctuation) and e-mail addresses (o'brien@ too); the renderer
# finds them with the same pattern to keep them from being hyphenated in print.
URL_OR_EMAIL = (r"\b(?:https?://|www\.)[^\s<>\"“”‘’]*[^\s<>\"“”‘’.,;:!?)\]'…]"
                r"|\b\w[\w.+'’-]*@[\w-]+(?:\.[\w-]+)+\b")
_PROTECTED = re.compile(r"`[^`\n]+`|" + URL_OR_EMAIL)  # code spans, URLs, e-mail addresses
_PROTECTED_SPAN = re.compile(PROTECTED)


def _protect(text: str) -> tuple[str, list[str]]:
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return PROTECTED

    if "`" in text or "@" in text or "://" in text or "www." in text:
        text = _PROTECTED.sub(hold, text)
    return text, kept


def _restore(text: str, kept: list[str]) -> str:
    """The protected spans back in place, in order (the rules never add, drop or reorder the
    markers: a property test holds them to that)."""
    if not kept:
        return text
    spans = iter(kept)
    return _PROTECTED_SPAN.sub(lambda _: next(spans), text)


# -- spaces ----------------------------------------------------------------------------------

# Tabs, no-break and other Unicode spaces, in runs, become one plain space.
_ODD_SPACE = r"\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(rf"[ {_ODD_SPACE}]{{2,}}|[{_ODD_SPACE}]")
_ODD_SPACE_ANY = re.compile(f"[{_ODD_SPACE}]")
_PLAIN_SPACES = re.compile("  +")  # what _SPACES matches in text with plain spaces only
# Invisible characters that only get in the way (zero-width joiners stay: emoji and scripts use them).
# ZWNJ is removed only after Latin text: Persian and Indic scripts need it.
# Bidirectional controls go too (octavo sets each paragraph's direction itself).
_ZERO_WIDTH = re.compile(f"[\u200b\u2060\ufeff\u00ad{BIDI_CONTROLS}]|(?<=[\x00-\u024f])\u200c")


_ZERO_WIDTH_ANY = re.compile(f"[\u200b\u200c\u2060\ufeff\u00ad{BIDI_CONTROLS}]")
# A spaced ellipsis is set with no-break spaces (it must not break across lines); those stay.
_SPACED_ELLIPSIS = ".\u00a0.\u00a0."
_ODD_CHARACTERS = re.compile(f"[{_ODD_SPACE}\u200b\u200c\u2060\ufeff\u00ad{BIDI_CONTROLS}]|  ")


def strip_invisible(text: str) -> str:
    """Without the zero-width characters the space rules remove."""
    if text.isascii():  # every invisible character is outside ASCII
        return text
    return _ZERO_WIDTH.sub("", text) if _ZERO_WIDTH_ANY.search(text) else text


def tidy_spaces(text: str) -> str:
    if not _ODD_CHARACTERS.search(text):  # most paragraphs: nothing to do
        return text
    if _ZERO_WIDTH_ANY.search(text):
        text = _ZERO_WIDTH.sub("", text)
    if not _ODD_SPACE_ANY.search(text):  # two spaces after sentences, the commonest case
        return _PLAIN_SPACES.sub(" ", text)
    return _SPACES.sub(" ", text)


# -- primes ----------------------------------------------------------------------------------

# 6'2", 5' 10" and 5'1½" are feet and inches, not quotations. (A lone 9' or 14" is decided by
# the quote scanner, which knows whether a quotation is open that the mark could close.)
_FEET_INCHES = re.compile(rf"(\d)['‘’′](\s?)(\d{{1,2}}(?:\.\d+|[{FRACTIONS}])?|[{FRACTIONS}])"
                          r"[\"“”″]")
# (Found from the mark, which is rarer than a digit: a search for the digit first is slow.)
_DIGIT_THEN_MARK = re.compile(rf"['‘’′\"“”″](?<=[\d{FRACTIONS}]['‘’′\"“”″])")


def primes(text: str) -> str:
    if not _DIGIT_THEN_MARK.search(text):
        return text
    return _FEET_INCHES.sub(r"\1′\2\3″", text)


# -- ellipses --------------------------------------------------------------------------------

# Four dots after a word end a sentence: a period and an ellipsis, the period attached to the
# word even when a space was typed before the dots ("over ...." → "over.…").
_FOUR_DOTS = re.compile(r"(?<=[^\W_]) *\.(?: ?\.){3}(?!\.)")
_DOTS = re.compile(r"\.(?: ?\.){2,}|…")  # ..., . . ., ....., …
# A space before an ellipsis goes: the ellipsis belongs to the word, the sentence's period, or
# the closing quote it trails, whatever follows it ("Well … maybe" → "Well… maybe", "what …?"
# → "what…?", "Well ...maybe" → "Well…maybe", "late. ..." → "late.…"). Only an ellipsis with
# nothing before it keeps its place: at the start of a paragraph (the paragraph is stripped
# first) or a bracket, or after an opening quote (a straight quote after a space or a bracket
# opens, a curly one says so).
_SPACE_BEFORE_ELLIPSIS = re.compile(r"(?<![\s(\[{“‘])(?<![\s(\[{]['\"])(?<!^['\"]) +…")


def ellipses(text: str, spaced: bool = False) -> str:
    if ".." not in text and ". ." not in text and "…" not in text:
        return text
    text = _FOUR_DOTS.sub("." + ELLIPSIS_AFTER_PERIOD, text)  # the period survives the next rule
    text = _DOTS.sub("…", text).replace(ELLIPSIS_AFTER_PERIOD, "…")
    if " …" in text:
        text = _SPACE_BEFORE_ELLIPSIS.sub("…", text)
    return text.replace("…", _SPACED_ELLIPSIS) if spaced else text


# -- dashes ----------------------------------------------------------------------------------

# A name, word or year left blank ("Lady B----", "Mr. D---'s", "the year 18---", "Mr. ----",
# "----shire") is the two-em dash ⸺ (Chicago 6.97), set closed as a letter would be. A blank
# follows an initial (one letter) or a century (two digits), or stands alone: three or four
# hyphens or dashes after the initial or century, four (or three dashes) standing alone.
# Three after an initial or century and before a word or a closing quote are an em dash, a
# false start or a cut-off between words ("I---I can't", "A---well", "'85---the", "I---"); four
# are a blank wherever they are ("d----d"). Standing alone, --- is an em dash, as typists use it.
_NAME_BLANK = re.compile(r"(?<![^\W_])(?P<stem>[^\W\d_]|\d\d)(?P<run>[-–—]{3,4})(?![-–—])"
                         r"(?P<word>[^\W_]|['‘’\"“”](?![^\W_]))?"
                         r"|(?<![^\s(\[\"“‘'])(?:-{4}|[–—][-–—]{2,3})(?![-–—])")
_MAY_BE_BLANK = re.compile("[-–—]{3}")
# Two em dashes are how a writer types a two-em dash (Standard Ebooks sets —— as ⸺ too).
_TWO_EM_DASHES = re.compile("(?<![-–—])——(?![-–—])")


def _blank(match: re.Match[str]) -> str:
    if match.group("word") is not None and len(match.group("run")) == 3:
        return match.group(0)  # between words: left for the em dash rules
    return (match.group("stem") or "") + "⸺" + (match.group("word") or "")


_DOUBLE_HYPHEN = re.compile(r"[ \t]*-{2,3}[ \t]*")  # -- and --- as em dashes, set closed
_SPACED_DASH = re.compile(r"(?<=\S) +[-–—] +(?=\S)")  # word - word, word – word, word — word
_LOOSE_EM_DASH = re.compile(r"(?<=\S) *— *(?=\S)|^— +|(?<=\S) +—$")
# A speech or sentence cut off with a hyphen: "I lo-", "wait-, she said", "how could-?",
# "comin'-" → an em dash. (Not a suspended compound: "first-, second- and third-class".)
_CUT_OFF = re.compile(r"(?:(?<=[^\W\d_])|(?<=[^\W\d_]['’‘]))(?: ?-| ?–)"
                      r"(?=[\"“”'’‘]+(?:\s|$)|[,;:?!]|$)")
_SUSPENDED_HYPHEN = re.compile(r"-(?<=[^\W\d_]-),? (?:and|or|to|nor)\b")  # searched for only
# A speech that starts interrupted: "-and then" → "—and then".
_OPENING_DASH = re.compile(r"(^|\s)([\"“”'‘’])[-–] ?(?=[^\W\d_])")
# Number ranges: 1990-95, 10-12, 9:00-5:00, 5′2″-5′9″; not ISO dates (2024-05-01) or longer
# chains.
_RANGE = re.compile(r"(?<![\d\-–/.])(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(?![\d\-–/])")
_PRIME_RANGE = re.compile(r"(?<=\d['‘’′\"“”″])-(?=\d)")  # the scanner sets the primes later
# A range to a year or decade with its century elided: '85-'89, 1998-'99, the '60s-'70s.
_ELIDED_YEAR_RANGE = re.compile(r"(?<=\d)-(?=['‘’]\d\d(?:s|['‘’]s)?(?![\d\-–]))"
                                r"|(?<=\d\ds)-(?=['‘’]?\d\ds\b)")
_PHONE = re.compile(r"\d{3}-\d{4}")  # 555-0134 keeps its hyphen
# What each rule after the em dashes needs somewhere in the text to match at all. Each starts
# with its characters (the rules start with a look-behind, which makes the regex engine try
# every position of the paragraph): one fast look skips a rule that cannot change anything.
# (A pattern that starts with one character is found fastest: hyphens and en dashes apart.)
_MAY_CUT_OFF = (re.compile(r"-(?:[\"“”'’‘]+(?:\s|$)|[,;:?!]|$)"),
                re.compile(r"–(?:[\"“”'’‘]+(?:\s|$)|[,;:?!]|$)"))
_MAY_OPEN_WITH_DASH = (re.compile("-(?<=[\"“”'‘’]-)"), re.compile("–(?<=[\"“”'‘’]–)"))
_MAY_BE_RANGE = re.compile(r"-(?<=\d-)\d")
_MAY_BE_ELIDED_YEAR_RANGE = re.compile(r"-(?<=[\ds]-)['‘’]?\d")


def _may(patterns: tuple[re.Pattern[str], re.Pattern[str]], text: str) -> bool:
    """The hyphen's pattern or the en dash's finds something (the en dash's only looked for
    when the text has one)."""
    return patterns[0].search(text) is not None or (
        "–" in text and patterns[1].search(text) is not None)


def _may_be_blank(text: str) -> bool:
    """A run of three dashes may be there: two hyphens together or a dash of another kind."""
    return ("--" in text or "—" in text or "–" in text) and _MAY_BE_BLANK.search(text) is not None


def dashes(text: str) -> str:
    if "-" not in text and "—" not in text and "–" not in text:
        return text
    if _may_be_blank(text):  # before -- becomes a dash, which would split the run
        text = _NAME_BLANK.sub(_blank, text)
    if "——" in text:
        text = _TWO_EM_DASHES.sub("⸺", text)
    if "--" in text:
        text = _DOUBLE_HYPHEN.sub("—", text)
    if " -" in text or " –" in text or " —" in text:
        text = _SPACED_DASH.sub("—", text)
    if "—" in text:
        if " —" in text or "— " in text:  # else every match is a lone "—", set as itself
            text = _LOOSE_EM_DASH.sub("—", text)
        if _may_be_blank(text):  # and after: "— — —" closed up is a run of three
            text = _NAME_BLANK.sub(_blank, text)
        if "——" in text:  # "— —" and "--—" closed up are two
            text = _TWO_EM_DASHES.sub("⸺", text)
    if "-" in text or "–" in text:
        if _may(_MAY_CUT_OFF, text) and not _SUSPENDED_HYPHEN.search(text):
            text = _CUT_OFF.sub("—", text)
        if _may(_MAY_OPEN_WITH_DASH, text):
            text = _OPENING_DASH.sub(r"\1\2—", text)
        if _MAY_BE_RANGE.search(text):
            text = _RANGE.sub(lambda m: m.group(0) if _PHONE.fullmatch(m.group(0)) else
                              f"{m.group(1)}–{m.group(2)}", text)
        if _DIGIT_THEN_MARK.search(text):
            text = _PRIME_RANGE.sub("–", text)
        if _MAY_BE_ELIDED_YEAR_RANGE.search(text):
            text = _ELIDED_YEAR_RANGE.sub("–", text)
    return text


# The British habit, applied after the quotes are curled so that a cut-off speech (“I lo—”) and
# an interrupted start (“—and then”) keep their closed dash: word – word, said – ‘Go’.
_SPACEABLE_DASH = re.compile(r"(?<=[^\s“‘(\[\-–—])—(?=[^\s”’.,;:!?)\]\-–—])")


# -- the whole paragraph ---------------------------------------------------------------------

# The space before a paragraph's last word of up to four letters (with its punctuation), so
# that word never stands alone on the last line.
_LAST_SHORT_WORD = re.compile(r" (?=[^\W_]{1,4}[^\w\s]*\s*$)")

# Quote marks typed by accident or from other keyboards become straight marks, so every rule
# sees the same few characters and the quote scanner decides their direction.
_RARE_QUOTES = str.maketrans({"`": "'", "´": "'", "‚": "'", "‛": "'", "„": '"', "‟": '"'})
_RARE_QUOTE_CHARACTERS = re.compile("[`´‚‛„‟]")
# Anything the invisible-character, rare-quote or space rules would touch, or a noncharacter
# (any character beyond the BMP is looked at more closely: it may be one). Two spaces are
# looked for apart: an alternative would keep the regex from scanning for its characters fast.
_UNUSUAL = re.compile(f"[`´‚‛„‟{_ODD_SPACE}\u200b\u200c\u2060\ufeff\u00ad\ufdd0-\ufdef\ufffe\uffff"
                      "\U00010000-\U0010ffff]")
# The same and the bidirectional controls: none of them there, two spaces need only the space
# rule (every other rule for unusual characters would find nothing to do).
_UNUSUAL_OR_BIDI = re.compile(_UNUSUAL.pattern[:-1] + BIDI_CONTROLS + "]")


@dataclass(frozen=True, slots=True)
class Prepared:
    """A paragraph with every rule but the quotes applied, its quote marks decided, and its
    protected spans set aside."""

    text: str
    kept: tuple[str, ...]
    marks: Marks


def prepare(text: str, style: HouseStyle, joined: bool = False) -> Prepared:
    """`text`: one paragraph as the author wrote it, or (`joined`) its inline nodes' texts,
    each cleaned of noncharacters (`clean`), joined by BOUNDARY."""
    if style.spaced_ellipsis and _SPACED_ELLIPSIS in text:
        # Our own spaced ellipsis is one ellipsis to every rule, and is spaced again at the end.
        text = text.replace(_SPACED_ELLIPSIS, "…")
    # One look, for four rules. (`isascii` is a flag of the string, not a scan: in ASCII text
    # only a backquote and a tab are unusual, and two spaces after a sentence, the commonest
    # case, need only the space rule.)
    if text.isascii():
        unusual = "`" in text or "\t" in text
        plain_spaces = not unusual and "  " in text
    elif "  " in text:
        unusual = _UNUSUAL_OR_BIDI.search(text) is not None
        plain_spaces = not unusual
    else:
        unusual = _UNUSUAL.search(text) is not None
        plain_spaces = False
    if unusual:
        if not joined:
            text = clean(text)  # no noncharacter may pass for one of the markers
        text = strip_invisible(text)  # before protection: invisible characters can hide a URL
    text, kept = _protect(text)
    if unusual:
        if "``" in text:  # TeX-style ``quotes''
            text = text.replace("``", "“").replace("''", "”")
        if _RARE_QUOTE_CHARACTERS.search(text):
            text = text.translate(_RARE_QUOTES)
        text = tidy_spaces(text)
    elif plain_spaces:  # (what tidy_spaces does to text with plain spaces only)
        text = _PLAIN_SPACES.sub(" ", text)
    text = text.strip(" ")  # the paragraph's outer edges only
    text = primes(text)
    text = ellipses(text, style.spaced_ellipsis)
    text = dashes(text)
    return Prepared(text, tuple(kept), scan_marks(text))


def clean(text: str) -> str:
    """An author's text without noncharacters, so it cannot hold the normaliser's markers."""
    return without_noncharacters(text)


def finish(prepared: Prepared, style: HouseStyle) -> tuple[str, bool]:
    """Quotes last: they are decided on the final dashes, ellipses and spaces. Also says whether
    a house style turned double quotations into single ones or back (then a second pass may
    read some marks differently, and the caller runs one)."""
    text = apply_marks(prepared.text, prepared.marks, style.quotes)
    changed = kinds_changed(prepared.text, prepared.marks, style.quotes)
    if style.spaced_en_dash and "—" in text:
        text = _SPACEABLE_DASH.sub(" – ", text).replace("  ", " ")
    if style.tie_last_word:
        text = _LAST_SHORT_WORD.sub("\u00a0", text, count=1)
    return _restore(text, list(prepared.kept)), changed


def typeset_paragraph(text: str, style: HouseStyle | None = None) -> str:
    """One paragraph of plain text (no inline markers), typeset; stable when typeset again."""
    style = style or HouseStyle()
    for _ in range(_MAX_PASSES):
        result, changed = finish(prepare(text, style), style)
        if not changed or result == text:
            return result
        text = result
    return result


# A house style that swaps single and double quotations is applied until the text no longer
# changes (a mark can read differently once swapped); keeping the author's marks needs one pass.
_MAX_PASSES = 8


__all__ = ["BOUNDARY", "QUOTE_STYLES", "URL_OR_EMAIL", "HouseStyle", "Prepared", "clean", "finish",
           "house_style_for", "prepare", "tidy_spaces", "typeset_paragraph"]
