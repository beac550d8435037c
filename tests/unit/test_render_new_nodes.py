"""The nodes issue 15 added, rendered for each target: every one escaped, notes linked both ways
in the EPUB and at the page foot in print, images packed or embedded, never fetched."""

from __future__ import annotations

import base64

from lxml import etree

from octavo.document import (
    Aside,
    Chapter,
    Code,
    Footnote,
    Image,
    LineBreak,
    ListBlock,
    Paragraph,
    Text,
    Verse,
    chapter_text,
)
from octavo.render.xhtml import render_block, render_blocks, render_inlines, render_notes

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
                       "hKmMIQAAAABJRU5ErkJggg==")


def _well_formed(markup: str) -> None:
    etree.fromstring(f'<div xmlns:epub="http://www.idpf.org/2007/ops">{markup}</div>')


def test_code_and_breaks_are_escaped() -> None:
    assert str(render_inlines((Code("<x> & 'y'"), LineBreak(), Text("z")))) == (
        "<code>&lt;x&gt; &amp; &#39;y&#39;</code><br/>z")


def test_footnote_in_the_epub_links_both_ways() -> None:
    note = Footnote(1, (Paragraph((Text("A <note>."),)),))
    blocks = (Paragraph((Text("Text"), note, Text("."))),)
    body = str(render_blocks(blocks))
    notes = str(render_notes(blocks))
    assert 'id="noteref-1" href="#note-1" epub:type="noteref"' in body and "A &lt;note&gt;" not in body
    assert 'id="note-1" epub:type="footnote" role="doc-footnote"' in notes
    assert 'href="#noteref-1" role="doc-backlink"' in notes and "A &lt;note&gt;." in notes
    _well_formed(body + notes)


def test_footnote_in_print_floats_and_endnote_waits() -> None:
    foot = Footnote(1, (Paragraph((Text("At the foot."),)),))
    end = Footnote(2, (Paragraph((Text("At the end."),)),), "endnote")
    blocks = (Paragraph((Text("One"), foot, Text(" two"), end)),)
    body = str(render_blocks(blocks, target="print"))
    assert '<span class="footnote" data-note="1">At the foot.</span>' in body
    assert 'href="#note-2"' in body and "At the end." not in body
    notes = str(render_notes(blocks, target="print"))
    assert "At the end." in notes and "At the foot." not in notes and "epub:type" not in notes


def test_image_packed_for_the_epub_embedded_for_print() -> None:
    image = Image(PNG, "image/png", 'a "lamp"')
    epub = str(render_inlines((image,)))
    assert epub == f'<img src="../images/{image.file_name}" alt="a &#34;lamp&#34;"/>'
    assert str(render_inlines((image,), "print")).startswith('<img src="data:image/png;base64,iVBOR')


def test_lists_asides_centred_lines_and_verse_indents() -> None:
    listing = ListBlock(((Paragraph((Text("a"),)),), (Paragraph((Text("b"),)),)), True, 3)
    assert str(render_block(listing)) == '<ol start="3">\n<li><p>a</p></li>\n<li><p>b</p></li>\n</ol>'
    aside = Aside("notes", (Paragraph((Text("A/N: hi"),)),), "Author's notes")
    rendered = str(render_block(aside))
    assert rendered.startswith('<aside class="story-notes" aria-label="Author&#39;s notes">')
    assert str(render_block(Paragraph((Text("* * *?"),), align="center"))) == (
        '<p class="centred">* * *?</p>')
    verse = Verse(((Text("one"),), (Text("two"),)), indents=(0, 9))
    assert '<span class="line indent-6">two</span>' in str(render_block(verse))
    _well_formed(str(render_blocks((listing, aside, verse))))


def test_notes_count_as_the_story_s_words() -> None:
    chapter = Chapter("c", "T", (Paragraph((Text("Body"), Footnote(1, (Paragraph((Text("note"),)),)))),),
                      "s.md")
    assert chapter_text(chapter) == "Body\n\nnote"
