"""The output folder: all formats land together or none do; unusable folders are clear errors."""

from __future__ import annotations

import pytest

from tests.conftest import BookFolder, run_octavo
from tests.hardening.harness import (
    assert_all_text_there,
    assert_built,
    assert_no_traceback,
    build,
    snapshot,
)

MANIFEST = "title: Harbour Tales\nlanguage: en\ncontents: [stories/one.txt, stories/two.txt]\n"


def test_a_missing_output_folder_is_created(book: BookFolder) -> None:
    book.manifest(MANIFEST)
    outcome = build(book)
    built = assert_built(outcome)
    assert_all_text_there((book.root / "stories" / "one.txt").read_text(encoding="utf-8"), built)


def test_a_failing_pdf_leaves_the_previous_epub_and_pdf_untouched(book: BookFolder) -> None:
    book.manifest(MANIFEST)
    assert_built(build(book))
    dist = book.root / "dist"
    before = {p.name: p.read_bytes() for p in dist.iterdir()}
    # The EPUB would build; the print template the book overrides is broken.
    (book.root / "stories" / "one.txt").write_text("A new first line.\n", encoding="utf-8")
    book.write("templates/print/story.html.j2", "{{ no_such_variable }}")
    outcome = build(book)
    assert outcome.run.returncode != 0 and outcome.run.returncode != 3, outcome.output
    assert_no_traceback(outcome)
    assert "story.html.j2" in outcome.output
    assert {p.name: p.read_bytes() for p in dist.iterdir()} == before  # no new EPUB, no leftovers


@pytest.mark.parametrize("output", ["file", "unwritable"])
def test_an_unusable_output_path_is_a_clear_error(book: BookFolder, output: str) -> None:
    book.manifest(MANIFEST)
    if output == "file":
        target = book.root / "dist"
        target.write_text("not a folder", encoding="utf-8")
        expected = "the output path is a file"
    else:
        target = book.root.parent / "proc-like"
        target.mkdir()
        target = target / "x"
        target.write_text("", encoding="utf-8")
        target = target / "dist"  # a folder inside a file cannot be made, even by root
        expected = "cannot write to the output folder"
    before = snapshot(book.root)
    result = run_octavo("build", book.root, "-o", target, cwd=book.root)
    assert result.returncode == 1, result.stderr
    assert f"error OCT400 {expected}" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(book.root) == before
