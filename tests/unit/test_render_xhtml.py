"""The shared XHTML renderer: escaping, and typographic glue both formats need."""

from __future__ import annotations

from octavo.document import Emphasis, Link, Paragraph, SceneBreak, SmallCaps, Strong, Text
from octavo.render.xhtml import render_block, render_inlines


def test_text_is_escaped() -> None:
    assert str(render_inlines((Text("<b>&{{ x }}</b>"),))) == "&lt;b&gt;&amp;{{ x }}&lt;/b&gt;"


def test_an_em_dash_never_starts_a_line() -> None:
    # A word joiner ties the dash to the word before it: "I lo" never ends a line without "—”".
    assert str(render_inlines((Text("“Because I… I lo—”"),))).endswith("lo\u2060—”")
    assert str(render_inlines((Text("—and then"),))) == "—and then"  # nothing to tie it to


def test_blocks_and_scene_break_style() -> None:
    paragraph = Paragraph((Text("She "), Emphasis((Text("ran"),)), Text(".")))
    assert str(render_block(paragraph)) == "<p>She <em>ran</em>.</p>"
    assert str(render_block(SceneBreak(), scene_break="space")) == '<hr class="scene-break space"/>'


def test_markup_around_escaped_text_stays_markup() -> None:
    # The fragments are joined as plain strings: a tag next to escaped text is never escaped
    # again (as `"<em>" + Markup(...)` would be), and the text is escaped exactly once.
    inlines = (Emphasis((Text("<i>"),)), Strong((Text("a & b"),)), SmallCaps((Text('"q"'),)),
               Link("http://x.org/?a=1&b=2", (Emphasis((Text("it's"),)),)))
    assert str(render_inlines(inlines)) == (
        '<em>&lt;i&gt;</em><strong>a &amp; b</strong><span class="small-caps">&#34;q&#34;</span>'
        '<a href="http://x.org/?a=1&amp;b=2"><em>it&#39;s</em></a>')
