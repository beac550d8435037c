"""The EPUB's smaller parts on their own: the generated cover, Kobo's sentence spans, slugs in
any script, page offsets, sort names, and what `octavo check` says about covers."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from octavo.backends.kepub import kepubify_document, sentences
from octavo.check import check_book
from octavo.covergen import generate_cover
from octavo.names import sort_name
from octavo.pagemap import index_after, roman, visible_length
from octavo.pipeline import slugify
from tests.conftest import BookFolder
from tests.unit.book_factory import write_png


def ink(band: Image.Image, background: tuple[int, ...]) -> int:
    """How many pixels of `band` differ from the background colour."""
    from PIL import ImageChops

    plain = Image.new("RGB", band.size, background)
    return sum(ImageChops.difference(band, plain).convert("L").histogram()[1:])


def test_generated_cover_is_store_sized_drawn_and_reproducible() -> None:
    first = generate_cover("After the Rain", "Stories", ["Ann Writer", "Bo Penn"], "en")
    assert first == generate_cover("After the Rain", "Stories", ["Ann Writer", "Bo Penn"], "en")
    with Image.open(io.BytesIO(first)) as image:
        assert (image.format, image.size) == ("PNG", (1600, 2560))
        rgb = image.convert("RGB")
        background = rgb.getpixel((800, 40))

        def inked(top: int, bottom: int) -> int:
            return ink(rgb.crop((200, top, 1400, bottom)), background)

        assert inked(560, 1000) > 20_000  # the title
        assert inked(1900, 2200) > 2_000  # the names near the foot
    other = generate_cover("Another Book", None, [], "en")
    with Image.open(io.BytesIO(other)) as image:
        assert image.convert("RGB").getpixel((800, 40)) != background  # its own colours


@pytest.mark.parametrize(("title", "language"), [("שירי ערש", "he"), ("كتاب الليل", "ar"),
                                                  ("東京物語", "ja"), ("Ἰλιάς", "el")])
def test_generated_cover_draws_any_script(title: str, language: str) -> None:
    with Image.open(io.BytesIO(generate_cover(title, None, ["דנה כהן"], language))) as image:
        rgb = image.convert("RGB")
        background = rgb.getpixel((800, 40))
        assert ink(rgb.crop((200, 560, 1400, 900)), background) > 5_000


def test_check_says_the_cover_is_generated_or_lacks_its_alternative(book: BookFolder) -> None:
    book.manifest("title: Tales\nlanguage: en\ndescription: D.\nauthor: A\ncontents: [stories/one.txt]\n")
    codes = [d.code for d in check_book(book.root / "book.yaml")]
    assert "OCT155" in codes and "OCT156" not in codes
    write_png(book.root / "cover.png", (1600, 2560))
    book.manifest("title: Tales\nlanguage: en\ndescription: D.\nauthor: A\ncover: cover.png\n"
                  "contents: [stories/one.txt]\n")
    found = {d.code: d for d in check_book(book.root / "book.yaml")}
    assert "OCT155" not in found and found["OCT156"].span.line == 5  # type: ignore[union-attr]
    book.manifest("title: Tales\nlanguage: en\ndescription: D.\nauthor: A\ncover: cover.png\n"
                  "cover_alt: A blue field.\ncontents: [stories/one.txt]\n")
    assert not {"OCT155", "OCT156"} & {d.code for d in check_book(book.root / "book.yaml")}


def test_sentences_cut_after_their_ends_and_join_back() -> None:
    text = "“Nobody leaves,” he said. “Not tonight!” Why? Because… it rained. end"
    pieces = sentences(text)
    assert "".join(pieces) == text
    assert pieces == ["“Nobody leaves,” he said. ", "“Not tonight!” ", "Why? ", "Because… ",
                      "it rained. ", "end"]


def test_kepub_document_spans_every_sentence_inside_inline_markup() -> None:
    page = (b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            b'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
            b"<head><title>t</title></head><body><section><h1>Title</h1>"
            b"<p>One. Two <em>three. Four</em> five.</p><hr/></section></body></html>")
    out = kepubify_document(page).decode()
    assert '<div id="book-columns"><div id="book-inner"><section>' in out
    assert '<h1><span class="koboSpan" id="kobo.1.1">Title</span></h1>' in out
    assert ('<p><span class="koboSpan" id="kobo.2.1">One. </span><span class="koboSpan" '
            'id="kobo.2.2">Two </span><em><span class="koboSpan" id="kobo.2.3">three. </span>'
            '<span class="koboSpan" id="kobo.2.4">Four</span></em><span class="koboSpan" '
            'id="kobo.2.5"> five.</span></p>') in out


def test_kindle_scene_breaks_are_images_in_separators() -> None:
    from lxml import etree

    from octavo.backends.stores import kindle_scene_breaks

    page = (b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            b'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>'
            b'<p>One.</p><hr class="scene-break asterism"/>\n<p>Two.</p>'
            b'<hr class="scene-break space"/><p>Three.</p></body></html>')
    root = etree.fromstring(kindle_scene_breaks(page))
    x = "{http://www.w3.org/1999/xhtml}"
    body = [(e.tag.replace(x, ""), e.get("class"), e.get("role")) for e in root.find(f"{x}body")]
    assert body == [("p", None, None), ("div", "scene-break asterism", "separator"),
                    ("p", None, None), ("hr", "scene-break space", None), ("p", None, None)]
    (image,) = root.iter(f"{x}img")
    assert (image.get("src"), image.get("alt")) == ("../images/scene-asterism.svg", "")


@pytest.mark.parametrize(("title", "slug"), [
    ("After the Real Folk Blues", "after-the-real-folk-blues"),
    ("Après la pluie", "apres-la-pluie"),
    ("Straße der Lieder", "strasse-der-lieder"),
    ("שירי ערש", "שירי-ערש"),
    ("كتاب الليل", "كتاب-الليل"),
    ("Война и мир", "война-и-мир"),
    ("नमस्ते दुनिया", "नमस्ते-दुनिया"),
    ("東京物語", "東京物語"),
    ("?!", "book"),
])
def test_slugs_are_readable_in_any_script(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_page_offsets_count_visible_characters() -> None:
    text = "A word\u2060—and\u00admore"
    assert visible_length(text) == 13
    assert text[index_after(text, 5):].startswith("—and")
    assert text[index_after(text, 6):].startswith("and")
    assert index_after(text, 99) == len(text)
    assert [roman(n) for n in (1, 4, 9, 14, 40, 1990)] == ["i", "iv", "ix", "xiv", "xl", "mcmxc"]


@pytest.mark.parametrize(("name", "sort"), [
    ("Lena Ortiz", "Ortiz, Lena"),
    ("Ludwig van Beethoven", "van Beethoven, Ludwig"),
    ("Martin Luther King Jr.", "King, Martin Luther, Jr."),
    ("Madonna", "Madonna"),
    ("村上 春樹", "村上 春樹"),
])
def test_sort_names(name: str, sort: str) -> None:
    assert sort_name(name) == sort
    assert sort_name(name, {name: "Override, An"}) == "Override, An"


def test_markers_go_into_rendered_text_by_visible_character() -> None:
    from octavo.backends.epub_pagelist import insert_markers

    markup = ('<p>Fish &amp; chips<a class="noteref" id="noteref-1" href="#note-1" '
              'epub:type="noteref" role="doc-noteref">1</a> were <em>cheap</em> then.</p>')
    # Visible characters: "Fish&chips" (10), the note's "1" not counted, "were" (4), …
    marked = insert_markers(markup, [(10, "7")])
    assert marked.startswith('<p>Fish &amp; chips<a class="noteref"')
    assert '</a> <span epub:type="pagebreak" role="doc-pagebreak" id="page-7" aria-label="7"/>were' in marked
    inside = insert_markers(markup, [(16, "8")])  # "ch|eap": after the word, not inside it
    assert "<em>cheap</em><span" not in inside and "cheap<span" in inside
    past = insert_markers(markup, [(99, "9")])
    assert past.endswith('aria-label="9"/></p>')
    assert insert_markers(markup, []) == markup
