"""The shared XHTML renderer: escaping, and typographic glue both formats need."""

from __future__ import annotations

from octavo.document import Emphasis, Paragraph, SceneBreak, Text
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
