"""Manifest + manuscripts → the intermediate document: titles, labels, parts, matter, ids."""

from __future__ import annotations

from pathlib import Path

from octavo.backends.base import NullProgress
from octavo.diagnostics import Diagnostics
from octavo.document import (
    Chapter,
    ContributorsPage,
    Dedication,
    MatterPage,
    Part,
    TableOfContents,
    block_text,
    chapter_text,
)
from octavo.pipeline import load_book
from tests.conftest import SAMPLE_MANIFEST, BookFolder


def compile_folder(book: BookFolder) -> tuple[list[Chapter], Diagnostics, object]:
    diags = Diagnostics()
    compiled = load_book(book.root / "book.yaml", diags, NullProgress())
    return list(compiled.chapters()), diags, compiled


def test_manuscript_heading_is_the_title_when_the_manifest_gives_none(book: BookFolder) -> None:
    book.manifest("title: Tales\nlanguage: en\ncontents: [stories/one.txt, stories/two.txt]\n")
    (one, two), diags, _ = compile_folder(book)
    assert (one.label, one.title) == ("Chapter 1", "The Harbour")
    assert two.title == "Two"  # no heading at all: from the file name
    assert not diags.items


def test_manifest_title_wins_and_a_different_heading_is_reported(book: BookFolder) -> None:
    book.manifest("""
        title: Tales
        language: en
        author: Ann Writer
        contents:
          - {file: stories/one.txt, title: Harbour Lights, author: [Bo, Cy]}
          - stories/two.txt
        """)
    (one, two), diags, _ = compile_folder(book)
    assert (one.label, one.title, one.byline) == ("Chapter 1", "Harbour Lights", "Bo and Cy")
    assert two.authors == ("Ann Writer",)  # inherits the book's author
    (warning,) = diags.items
    assert warning.code == "OCT204" and warning.span and warning.span.path.endswith("one.txt")


def test_parts_front_and_back_matter(book: BookFolder) -> None:
    book.write("foreword.md", "# Foreword\n\nA *short* word first.\n")
    book.manifest("""
        title: Tales
        dedication: For M.
        front: [{title: Foreword, file: foreword.md}]
        acknowledgements: Thanks, all.
        contributors: [{name: Bo, bio: Bo writes.}]
        contents:
          - part: Sea
            contents: [{file: stories/one.txt, author: Bo}]
          - stories/two.txt
        """)
    chapters, _, compiled = compile_folder(book)
    assert [type(p).__name__ for p in compiled.front] == [
        "TitlePage", "CopyrightPage", "Dedication", "TableOfContents", "MatterPage"]
    assert isinstance(compiled.front[2], Dedication) and isinstance(compiled.front[3], TableOfContents)
    foreword = compiled.front[4]
    assert isinstance(foreword, MatterPage) and foreword.title == "Foreword"
    assert [block_text(b) for b in foreword.blocks] == ["A short word first."]
    part, story = compiled.body
    assert isinstance(part, Part) and part.title == "Sea" and isinstance(story, Chapter)
    assert [c.id for c in chapters] == ["story-001", "story-002"]
    acknowledgements, contributors = compiled.back
    assert isinstance(acknowledgements, MatterPage)
    assert isinstance(contributors, ContributorsPage)
    assert contributors.contributors[0].works == ("The Harbour",)


def test_empty_story_is_an_error(book: BookFolder) -> None:
    book.write("stories/empty.txt", "\n\n   \n")
    book.manifest("title: Tales\nlanguage: en\ncontents: [stories/empty.txt]\n")
    from octavo.diagnostics import OctavoError

    try:
        compile_folder(book)
    except OctavoError as exc:
        assert [d.code for d in exc.diagnostics] == ["OCT203"]
    else:
        raise AssertionError("an empty story compiled")


def test_sample_anthology_compiles_as_the_editor_means() -> None:
    diags = Diagnostics()
    sample = load_book(SAMPLE_MANIFEST, diags, NullProgress())
    first, second = sample.chapters()
    assert (first.label, first.title, first.byline) == ("Session 1", "Come Back Symphony", "Lena Ortiz")
    assert (second.label, second.title, second.byline) == ("SESSION ONE", "Where I Belong", "Sam Whitaker")
    # The first manuscript's heading line reads "~Come Back Symphony (Updated)": reported, not silent.
    assert [d.code for d in diags.items if not d.code.startswith("OCT24")] == ["OCT204"]
    # …and the fan-fiction habits in it are found and kept (the manifest says nothing of them).
    habits = sorted((d.code, d.message.split("'")[1]) for d in diags.items
                    if d.code.startswith("OCT24"))
    assert habits == [("OCT242", "(Updated)"), ("OCT244", "2:18am 24th September, 2012"),
                      ("OCT244", "See You, Space Cowboy")]
    assert chapter_text(first).startswith("It was over. Finally.")
    assert chapter_text(first).endswith("2:18am 24th September, 2012")
    assert chapter_text(second).endswith("“Hey space cowboy,” she said, her voice shaking.")
    assert sample.meta.cover == Path(SAMPLE_MANIFEST).parent.parent.resolve() / "covers" / "cover.png"
