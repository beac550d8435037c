"""Professional typography for one paragraph at a time: spaces, primes, ellipses, dashes, quotes.

The rules run in a fixed order, each with its reason. They change only punctuation and spaces:
a letter or digit is never added, removed or reordered (a property test holds us to that).
URLs, e-mail addresses and `code spans` are set aside first and put back untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from octavo.characters import BIDI_CONTROLS
from octavo.normalise.quotes import (
    AMERICAN,
    BOUNDARY,
    BRITISH,
    Marks,
    QuoteStyle,
    apply_marks,
    scan_marks,
    speech_in_singles,
)


@dataclass(frozen=True, slots=True)
class HouseStyle:
    quotes: QuoteStyle = field(default_factory=lambda: AMERICAN)
    spaced_en_dash: bool = False  # "word – word" (British habit) instead of "word—word"
    spaced_ellipsis: bool = False  # ". . ." instead of "…"
    tie_last_word: bool = False  # a no-break space before a short last word (no lone "it.")

    @property
    def single_outer(self) -> bool:
        """Whether this style's speech marks are single quotes (British)."""
        return self.quotes.outer[0] in "‘'"


def house_style_for(language: str, quotes: str | None = None, dashes: str | None = None,
                    ellipsis: str | None = None, tie_last_word: bool = False) -> HouseStyle:
    """The book's style: explicit choices win; otherwise British English gets British quotes."""
    british = quotes == "british" or (quotes is None and language.lower().startswith("en-gb"))
    return HouseStyle(
        quotes=BRITISH if british else AMERICAN,
        spaced_en_dash=dashes == "spaced-en",
        spaced_ellipsis=ellipsis == "spaced",
        tie_last_word=tie_last_word,
    )


# -- protected spans: typed exactly as the author wrote them --------------------------------

_PROTECTED = re.compile(
    r"`[^`\n]+`"  # code spans
    r"|\b(?:https?://|www\.)[^\s<>\"“”‘’]*[^\s<>\"“”‘’.,;:!?)\]'…]"  # URLs, without trailing punctuation
    r"|\b\w[\w.+'’-]*@[\w-]+(?:\.[\w-]+)+\b"  # e-mail addresses (o'brien@ too)
)
_PLACEHOLDER_BASE = 0xE100


def _protect(text: str) -> tuple[str, list[str]]:
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return chr(_PLACEHOLDER_BASE + len(kept) - 1)

    if "`" in text or "@" in text or "://" in text or "www." in text:
        text = _PROTECTED.sub(hold, text)
    return text, kept


def _restore(text: str, kept: list[str]) -> str:
    for index, original in enumerate(kept):
        text = text.replace(chr(_PLACEHOLDER_BASE + index), original)
    return text


# -- spaces ----------------------------------------------------------------------------------

# Tabs, no-break and other Unicode spaces, in runs, become one plain space.
_ODD_SPACE = r"\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(rf"[ {_ODD_SPACE}]{{2,}}|[{_ODD_SPACE}]")
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
    return _ZERO_WIDTH.sub("", text) if _ZERO_WIDTH_ANY.search(text) else text


def tidy_spaces(text: str) -> str:
    if not _ODD_CHARACTERS.search(text):  # most paragraphs: nothing to do
        return text
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", text))


# -- primes ----------------------------------------------------------------------------------

# 6'2" and 5' 10" are feet and inches, not quotations.
_FEET_INCHES = re.compile(r"(\d)['‘’′](\s?)(\d{1,2}(?:\.\d+)?)[\"“”″]")


# A lone 7' or 12" before a word ("a 12" ruler"), unless the " closes an open quotation.
_LONE_PRIME = re.compile(r"(?<=\d)(['‘’]|[\"“”])(?= [a-z])")


_DIGIT_THEN_MARK = re.compile(r"\d['‘’′\"“”″]")


def primes(text: str) -> str:
    if not _DIGIT_THEN_MARK.search(text):
        return text
    text = _FEET_INCHES.sub(r"\1′\2\3″", text)

    def lone(match: re.Match[str]) -> str:
        if match.group(1) in "'‘’":
            return "′"
        inside_quotation = sum(text.count(q, 0, match.start()) for q in '"“”') % 2 == 1
        return match.group(1) if inside_quotation else "″"

    return _LONE_PRIME.sub(lone, text)


# -- ellipses --------------------------------------------------------------------------------

_FOUR_DOTS = re.compile(r"(?<=[^\W_])\.(?: ?\.){3}(?!\.)")  # sentence end + ellipsis
_DOTS = re.compile(r"\.(?: ?\.){2,}|…")  # ..., . . ., ....., …
# A space before an ellipsis that ends a sentence or a speech goes: "so ..." → "so…".
_SPACE_BEFORE_FINAL = re.compile(r" +…(?=[\"“”‘’')\]\ue000]*$|[\"“”‘’')\]](?:\s|$))")


def ellipses(text: str, spaced: bool = False) -> str:
    if ".." not in text and ". ." not in text and "…" not in text:
        return text
    text = _FOUR_DOTS.sub(".\ue0ff", text)  # a marker, so the period survives the next rule
    text = _DOTS.sub("…", text).replace("\ue0ff", "…")
    text = _SPACE_BEFORE_FINAL.sub("…", text)
    return text.replace("…", _SPACED_ELLIPSIS) if spaced else text


# -- dashes ----------------------------------------------------------------------------------

_DOUBLE_HYPHEN = re.compile(r"[ \t]*-{2,3}[ \t]*")  # -- and --- as em dashes, set closed
_SPACED_DASH = re.compile(r"(?<=\S) +[-–—] +(?=\S)")  # word - word, word – word, word — word
_LOOSE_EM_DASH = re.compile(r"(?<=\S) *— *(?=\S)|^— +|(?<=\S) +—$")
# A speech or sentence cut off with a hyphen: "I lo-" → "I lo—".
_CUT_OFF = re.compile(r"(?<=[^\W\d_])(?: ?-| ?–)(?=[\"“”'’‘]+(?:\s|$)|$)")
# A speech that starts interrupted: "-and then" → "—and then".
_OPENING_DASH = re.compile(r"(^|\s)([\"“”'‘’])[-–] ?(?=[^\W\d_])")
# Number ranges: 1990-95, 10-12, 9:00-5:00; not ISO dates (2024-05-01) or longer chains.
_RANGE = re.compile(r"(?<![\d\-–/.])(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(?![\d\-–/])")
_PHONE = re.compile(r"\d{3}-\d{4}")  # 555-0134 keeps its hyphen


def dashes(text: str) -> str:
    if "-" not in text and "—" not in text and "–" not in text:
        return text
    if "--" in text:
        text = _DOUBLE_HYPHEN.sub("—", text)
    if " -" in text or " –" in text or " —" in text:
        text = _SPACED_DASH.sub("—", text)
    if "—" in text:
        text = _LOOSE_EM_DASH.sub("—", text)
    if "-" in text or "–" in text:
        text = _CUT_OFF.sub("—", text)
        text = _OPENING_DASH.sub(r"\1\2—", text)
        text = _RANGE.sub(lambda m: m.group(0) if _PHONE.fullmatch(m.group(0)) else
                          f"{m.group(1)}–{m.group(2)}", text)
    return text


# The British habit, applied after the quotes are curled so that a cut-off speech (“I lo—”) and
# an interrupted start (“—and then”) keep their closed dash: word – word, said – ‘Go’.
_SPACEABLE_DASH = re.compile(r"(?<=[^\s“‘(\[])—(?=[^\s”’.,;:!?)\]])")


# -- the whole paragraph ---------------------------------------------------------------------

# The space before a paragraph's last word of up to four letters (with its punctuation), so
# that word never stands alone on the last line.
_LAST_SHORT_WORD = re.compile(r" (?=[^\W_]{1,4}[^\w\s]*\s*$)")

# Quote marks typed by accident or from other keyboards become straight marks, so every rule
# sees the same few characters and the quote scanner decides their direction.
_RARE_QUOTES = str.maketrans({"`": "'", "´": "'", "‚": "'", "‛": "'", "„": '"', "‟": '"'})
_RARE_QUOTE_CHARACTERS = re.compile("[`´‚‛„‟]")
# Anything the invisible-character, rare-quote or space rules would touch.
_UNUSUAL = re.compile(f"[`´‚‛„‟{_ODD_SPACE}\u200b\u200c\u2060\ufeff\u00ad]|  ")


@dataclass(frozen=True, slots=True)
class Prepared:
    """A paragraph with every rule but the quotes applied, its quote marks decided, and its
    protected spans set aside."""

    text: str
    kept: tuple[str, ...]
    marks: Marks


def prepare(text: str, style: HouseStyle) -> Prepared:
    if style.spaced_ellipsis and _SPACED_ELLIPSIS in text:
        # Our own spaced ellipsis is one ellipsis to every rule, and is spaced again at the end.
        text = text.replace(_SPACED_ELLIPSIS, "…")
    unusual = _UNUSUAL.search(text) is not None  # one look decides whether three rules run
    if unusual:
        text = strip_invisible(text)  # before protection: invisible characters can hide a URL
    text, kept = _protect(text)
    if unusual:
        if "``" in text:  # TeX-style ``quotes''
            text = text.replace("``", "“").replace("''", "”")
        if _RARE_QUOTE_CHARACTERS.search(text):
            text = text.translate(_RARE_QUOTES)
        text = tidy_spaces(text)
    text = text.strip(" ")  # the paragraph's outer edges only
    text = primes(text)
    text = ellipses(text, style.spaced_ellipsis)
    text = dashes(text)
    return Prepared(text, tuple(kept), scan_marks(text))


def finish(prepared: Prepared, style: HouseStyle, single_outer: bool | None) -> str:
    """Quotes last: they are decided on the final dashes, ellipses and spaces. `single_outer`
    is what `speech_in_singles` found (None: nothing tells, assume the house style)."""
    if single_outer is None:
        single_outer = style.single_outer
    text = apply_marks(prepared.text, prepared.marks, style.quotes, single_outer)
    if single_outer != style.single_outer:
        # Singles and doubles were swapped, so a later pass would see marks of the other kind
        # (a ’ that became ” after a digit reads as inches); apply what it would apply now,
        # which makes normalising twice the same as once.
        text = primes(text)
        text = apply_marks(text, scan_marks(text), style.quotes, style.single_outer)
    if style.spaced_en_dash and "—" in text:
        text = _SPACEABLE_DASH.sub(" – ", text).replace("  ", " ")
    if style.tie_last_word:
        text = _LAST_SHORT_WORD.sub("\u00a0", text, count=1)
    return _restore(text, list(prepared.kept))


def typeset_paragraph(text: str, style: HouseStyle | None = None,
                      single_outer: bool | None = None) -> str:
    style = style or HouseStyle()
    prepared = prepare(text, style)
    if single_outer is None:
        single_outer = speech_in_singles([prepared.marks])
    return finish(prepared, style, single_outer)


__all__ = ["BOUNDARY", "HouseStyle", "Prepared", "finish", "house_style_for", "prepare", "tidy_spaces",
           "typeset_paragraph"]
