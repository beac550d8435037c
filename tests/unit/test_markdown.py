"""Markdown manuscripts: structure kept, raw HTML and unsafe links never become live markup."""

from __future__ import annotations

from octavo.document import Emphasis, Heading, Link, Paragraph, SceneBreak, Strong, Text
from octavo.ingest.markdown import parse_markdown


def test_heading_emphasis_and_breaks() -> None:
    story = parse_markdown("# Chapter 2: Night\n\nShe *ran*, **fast**.\n\n---\n\nDawn.\n", "s.md")
    assert story.heading is not None
    assert (story.heading.label, story.heading.title) == ("Chapter 2", "Night")
    first, brk, last = story.blocks
    assert isinstance(first, Paragraph)
    assert first.children == (Text("She "), Emphasis((Text("ran"),)), Text(", "),
                              Strong((Text("fast"),)), Text("."))
    assert isinstance(brk, SceneBreak) and isinstance(last, Paragraph)


def test_raw_html_stays_text() -> None:
    story = parse_markdown('<script>alert(1)</script>\n\nA <img src=x onerror="y"> b\n', "s.md")
    values = [c.value for b in story.blocks if isinstance(b, Paragraph)
              for c in b.children if isinstance(c, Text)]
    assert "<script>alert(1)</script>" in values[0]
    assert '<img src=x onerror="y">' in values[1]


def test_only_web_and_mail_links_survive() -> None:
    story = parse_markdown("[site](https://example.org) [bad](javascript:alert(1)) "
                           "[local](file:///etc/passwd) [rel](../secret.md) [ftp](ftp://x.org/f)\n",
                           "s.md")
    (paragraph,) = story.blocks
    assert isinstance(paragraph, Paragraph)
    links = [c for c in paragraph.children if isinstance(c, Link)]
    assert [link.href for link in links] == ["https://example.org"]
    # markdown-it refuses javascript: and file: itself; octavo refuses the rest, with a warning.
    assert [d.code for d in story.diagnostics] == ["OCT206", "OCT206"]
    text = "".join(c.value for c in paragraph.children if isinstance(c, Text))
    assert "bad" in text and "rel" in text and "ftp" in text


def test_subheadings_stay_in_the_body() -> None:
    story = parse_markdown("Intro.\n\n## Later\n\nMore.\n", "s.md")
    assert story.heading is None
    assert isinstance(story.blocks[1], Heading) and story.blocks[1].level == 2
