"""Writing direction: right-to-left paragraphs and books get `dir`, in both formats."""

from __future__ import annotations

import pytest

from octavo.document import Heading, Paragraph, Text, Verse
from octavo.normalise.typography import strip_invisible
from octavo.render.direction import language_direction, text_direction
from octavo.render.templating import make_environment
from octavo.render.xhtml import render_blocks


@pytest.mark.parametrize(("language", "direction"), [
    ("en", "ltr"), ("en-GB", "ltr"), ("ja", "ltr"), ("he", "rtl"), ("ar-EG", "rtl"),
    ("fa", "rtl"), ("ur", "rtl"), ("yi", "rtl"), ("az-Arab", "rtl"), ("ku-Latn", "ltr"),
    ("uz-Arab-AF", "rtl"),
])
def test_book_direction_comes_from_the_language(language: str, direction: str) -> None:
    assert language_direction(language) == direction


@pytest.mark.parametrize(("text", "direction"), [
    ("Hello", "ltr"), ("“שלום,” she said", "rtl"), ("— مرحبا", "rtl"),
    ("1984 was a year", "ltr"), ("123 — …", None), ("", None), ("中文", "ltr"),
])
def test_paragraph_direction_is_that_of_its_first_letter(text: str, direction: str | None) -> None:
    assert text_direction(text) == direction


def test_right_to_left_blocks_get_dir_in_a_left_to_right_book() -> None:
    blocks = (Paragraph((Text("Plain English."),)), Paragraph((Text("שלום עולם."),)),
              Heading(1, (Text("مرحبا"),)), Verse(((Text("שורה"),), (Text("two"),))),
              Paragraph((Text("42."),)))
    html = str(render_blocks(blocks))
    assert html.splitlines() == [
        "<p>Plain English.</p>", '<p dir="rtl">שלום עולם.</p>', '<h2 dir="rtl">مرحبا</h2>',
        '<p class="verse" dir="rtl"><span class="line">שורה</span><br/>',
        '<span class="line">two</span></p>', "<p>42.</p>"]


def test_left_to_right_blocks_get_dir_in_a_right_to_left_book() -> None:
    blocks = (Paragraph((Text("שלום."),)), Paragraph((Text("Hello."),)))
    html = str(render_blocks(blocks, direction="rtl"))
    assert html.splitlines() == ["<p>שלום.</p>", '<p dir="ltr">Hello.</p>']


def test_templates_set_the_book_direction_and_title_direction() -> None:
    env = make_environment(direction="rtl")
    template = env.from_string('<html dir="{{ direction }}"><h1{{ title|dir }}>{{ title }}</h1>')
    assert template.render(title="Tales") == '<html dir="rtl"><h1 dir="ltr">Tales</h1>'
    assert template.render(title="סיפורים") == '<html dir="rtl"><h1>סיפורים</h1>'
    assert template.render(title="<b>") == '<html dir="rtl"><h1 dir="ltr">&lt;b&gt;</h1>'


def test_bidi_overrides_are_removed_but_marks_stay() -> None:
    hostile = "pay \u202eevil\u202c to \u2066x\u2069 now"
    assert strip_invisible(hostile) == "pay evil to x now"
    assert strip_invisible("abc\u200fdef\u200e") == "abc\u200fdef\u200e"
