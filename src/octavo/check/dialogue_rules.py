"""Dialogue punctuation: how a speech and its tag (`she said`) join.

A speech tag continues the sentence of the speech, so it starts in lower case and the speech
before it ends in a comma, question mark, exclamation mark, ellipsis or dash — never in a full
stop. The rules decide what is a tag from the words after the closing quote: a subject (a
pronoun, or `the man`) followed by a speech verb, or a speech verb followed by its subject. An
action beat (`"Why?" She turned away.`) is a sentence of its own and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from octavo.check.text_rules import Finding, TextParagraph, finding_at, rule, scan
from octavo.check.words import (
    ABBREVIATIONS,
    DETERMINERS,
    POSSESSIVES,
    SPEECH_VERB_FORMS,
    SPEECH_VERBS,
    TAG_DETERMINERS,
    TAG_PRONOUNS,
    TAG_VERBS_WITH_OBJECT,
    word_set,
)
from octavo.diagnostics import Severity

_WORD = r"[A-Za-z]+(?:['’-][A-Za-z]+)*"
_AFTER = rf"(?P<w1>{_WORD})(?:[^\S\n]+(?P<w2>{_WORD}))?(?:[^\S\n]+(?P<w3>{_WORD}))?" \
         rf"(?:[^\S\n]+(?P<w4>{_WORD}))?"

# Speech that ends in , ? ! … or a dash, its closing quote, then the next words.
# (the quote first and the punctuation behind it: a pattern that starts with a literal class
# is scanned many times faster than one that starts with alternatives)
_AFTER_OPEN_END = re.compile(rf"[\"”’'](?:(?<=[,?!…—–][\"”’'])|(?<=\.\.\.[\"”’'])|"
                             rf"(?<=\. \. \.[\"”’'])|(?<=[^\W\d_]-[\"”’']))[^\S\n]+{_AFTER}")
# Speech that ends in a full stop (not an ellipsis), its closing quote, then the next words.
_AFTER_STOP = re.compile(rf"\.(?<![.…]\.)[\"”’'][^\S\n]+{_AFTER}")
# Speech that ends in a letter, its closing double quote, then the next words.
_AFTER_LETTER = re.compile(rf"[\"”](?<=[^\W_][\"”])[^\S\n]+{_AFTER}")


_WHAT_WAS_SAID = word_set("everything nothing all about the a an that what how why of something "
                          "anything")


def _is_tag(words: list[str | None], *, capital_subject: bool) -> bool:
    """Whether the words after a closing quote begin a speech tag. `capital_subject`: a name
    may be the subject (`Tom said`), as when the speech lacks its comma."""
    first = words[0] or ""
    lower = [w.lower() if w else "" for w in words]
    if lower[0] in SPEECH_VERBS:  # inverted: `said the captain`, `asked Tom`
        second = words[1] or ""
        return lower[1] in TAG_DETERMINERS or lower[1] in TAG_PRONOUNS or (
            second[:1].isupper() and second != "I")
    if lower[0] in TAG_PRONOUNS or (capital_subject and first[:1].isupper() and first != "I"
                                    and lower[0] not in TAG_DETERMINERS):
        verb = 1 if lower[1] in SPEECH_VERBS else 2 if (
            lower[1].endswith("ly") and lower[2] in SPEECH_VERBS) else 0
    elif lower[0] in TAG_DETERMINERS and lower[1] not in SPEECH_VERBS:  # `the old man said`
        verb = 2 if lower[2] in SPEECH_VERBS else 3 if (
            lower[3] in SPEECH_VERBS and lower[2] not in ("who", "that", "which")) else 0
    else:
        verb = 0
    if verb == 0:
        return False
    after = lower[verb + 1] if verb + 1 < len(lower) else ""
    then = lower[verb + 2] if verb + 2 < len(lower) else ""
    # `She asked for two sugars.`, `She told him everything.`: what was asked for or told is
    # in the sentence itself, so the sentence is not the tag of the speech before it
    if lower[verb] in ("asked", "asks") and after in ("for", "about", "after", "around"):
        return False
    if lower[verb] in TAG_VERBS_WITH_OBJECT and then in _WHAT_WAS_SAID:
        return False
    # `"What?" She said nothing.` is about not speaking; `She explained the situation.` has
    # an object of its own: sentences, not tags.
    return after != "nothing" and not (
        (after in DETERMINERS or after in POSSESSIVES) and lower[verb] not in TAG_VERBS_WITH_OBJECT)


def _words(match: re.Match[str]) -> list[str | None]:
    return [match.group("w1"), match.group("w2"), match.group("w3"), match.group("w4")]


@rule("OCT342", Severity.WARNING, "a speech tag starts with a capital letter",
      "A speech tag continues the sentence of the speech it follows, even when the speech ends "
      "in a question mark, an exclamation mark, an ellipsis or a dash: `\"Why?\" she asked.`, "
      "not `\"Why?\" She asked.` (a name keeps its capital: `\"Why?\" Tom asked.`). An action "
      "beat is a sentence of its own and keeps its capital (`\"Why?\" She turned away.`), so "
      "the check looks for a speech verb (said, asked, whispered...) after the subject. "
      "`octavo fix` makes the tag lower case.",
      why='A capital turns the tag into a sentence of its own, which it is not; published fiction sets it '
          'in lower case, and editors mark every one.',
      fix="Make the tag's first word lower case (a name keeps its capital); `octavo fix` does it for you.",
      before='“Why?” She asked.', after='“Why?” she asked.')
def capitalised_tag(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for _, _, match in scan(paragraphs, _AFTER_OPEN_END):
        first = match.group("w1")
        if not first[:1].isupper() or first == "I" or not _is_tag(_words(match),
                                                                  capital_subject=False):
            continue
        if _introduces_new_speech(match):
            continue
        yield finding_at(paragraphs, "OCT342",
                         f"'{first}' begins the speech tag, so it takes a small letter",
                         match.start("w1"), match.end("w1"), first[0].lower() + first[1:])


# After the tag's words: a comma or a colon, and a new speech opening with a capital.
_NEW_SPEECH = re.compile(r"[,:][^\S\n]+[\"“‘'][_*]*[A-Z]")


def _introduces_new_speech(match: re.Match[str]) -> bool:
    """`I said, ‘…in his own pew?’ He said, ‘My dear, I shall…’`: the speech before has its
    speaker already (its own lead-in, `I said,`), and it ends in a question or an exclamation,
    which can end a sentence; so a capitalised `He said,` followed by a new speech is a
    sentence of its own that introduces that speech, not a second tag of the one before.
    (`"Oh, Elinor!" She cried, "I have…` has no lead-in before its speech: the capital is
    a slip.)"""
    text = match.string
    closing = match.start()
    if text[closing - 1] not in "?!" or _NEW_SPEECH.match(text, match.end()) is None:
        return False
    line_start = text.rfind("\n", 0, closing) + 1
    opener = {"’": "‘", "”": "“"}.get(text[closing], text[closing])
    opening = text.rfind(opener, line_start, closing - 1)
    before = text[line_start:opening].rstrip() if opening >= 0 else ""
    if not before.endswith((",", ":")):
        return False
    lead_in = re.findall(r"[A-Za-z]+", before[-40:])[-4:]
    return any(word.lower() in SPEECH_VERB_FORMS for word in lead_in)


@rule("OCT343", Severity.WARNING, "a full stop closes a speech that a tag follows",
      "When a speech tag follows, the speech ends in a comma, not a full stop: "
      "`\"I'm here,\" she said.`, not `\"I'm here.\" she said.` (a question mark or an "
      "exclamation mark stays).",
      why='The full stop ends the sentence before the tag, leaving the tag a fragment: the commonest '
          'dialogue slip in manuscripts.',
      fix='Replace the full stop inside the quotes with a comma.',
      before='“I’m here.” she said.', after='“I’m here,” she said.')
def full_stop_before_tag(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for _, _, match in scan(paragraphs, _AFTER_STOP):
        first = match.group("w1")
        if not first[:1].islower() or not _is_tag(_words(match), capital_subject=False):
            continue
        if _abbreviation_before(match.string, match.start()):  # "…at 5 p.m." she said
            continue
        yield finding_at(paragraphs, "OCT343",
                         "the speech ends in a full stop but a speech tag follows; use a comma",
                         match.start(), match.start() + 1, ",")


@rule("OCT344", Severity.WARNING, "no comma before the closing quote of a speech that a tag "
      "follows",
      "A speech followed by its tag ends in punctuation inside the quotes: "
      "`\"I'm here,\" she said.`, not `\"I'm here\" she said.` Quoted titles and words in the "
      "middle of a sentence are not speech and are left alone: the check only looks at a "
      "quotation that opens a paragraph or a sentence.",
      why='Without the comma the speech runs into its tag, and readers stumble over where the speech ends.',
      fix='Add a comma before the closing quote (or a question or exclamation mark, if the speech asks or '
          'exclaims).',
      before='“I’m here” she said.', after='“I’m here,” she said.')
def missing_comma_before_tag(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for _, _, match in scan(paragraphs, _AFTER_LETTER):
        if not _is_tag(_words(match), capital_subject=True):
            continue
        if not _opens_a_sentence(match.string, match.start()):
            continue
        quote = match.string[match.start()]
        yield finding_at(paragraphs, "OCT344",
                         "a comma is missing before the closing quote: a speech tag follows",
                         match.start(), match.start() + 1, "," + quote)


def _abbreviation_before(text: str, stop: int) -> bool:
    start = stop
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "\"“‘'":
        start -= 1
    token = text[start:stop].lower()
    return "." in token or len(token) == 1 or token in ABBREVIATIONS


def _opens_a_sentence(text: str, closing: int) -> bool:
    """Whether the speech that ends at `closing` (a closing double quote) opened a paragraph
    or a sentence: its opening quote is at the start, or after . ! ? : or a dash."""
    quote = text[closing]
    line_start = text.rfind("\n", 0, closing) + 1
    opening = text.rfind("“", line_start, closing) if quote == "”" else _straight_opening(
        text, line_start, closing)
    if opening < 0:
        return False
    before = text[line_start:opening].rstrip()
    return not before or before[-1] in ".!?:—–…\"”’"


def _straight_opening(text: str, line_start: int, closing: int) -> int:
    quotes = [i for i in range(line_start, closing) if text[i] == '"']
    return quotes[-1] if len(quotes) % 2 == 1 else -1
