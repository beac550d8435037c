"""Huge and odd-shaped input: builds, or fails cleanly (time and memory: benchmarks/hardening.py)."""

from __future__ import annotations

import random
import re

import pytest

from tests.conftest import BookFolder
from tests.hardening.harness import (
    assert_all_text_there,
    assert_built,
    assert_diagnostic,
    assert_no_traceback,
    assert_refused,
    build,
    pdf_words_outside_page,
    run_command,
)
from tests.textcheck import pdf_text, tokens

MANIFEST = """\
title: Sizes
author: A. Writer
language: en
contents:
  - s/story.txt
"""
WORDS = ("harbour", "lantern", "rope", "gull", "tide", "salt", "keel", "mast", "oar", "net")


def one_story(folder: BookFolder, text: str | bytes) -> BookFolder:
    folder.write("s/story.txt", text)
    folder.write("book.yaml", MANIFEST)
    return folder


def paragraph_of(characters: int, seed: int) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    length = 0
    while length < characters:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words) + "."


@pytest.fixture
def folder(book: BookFolder) -> BookFolder:
    return BookFolder(book.root.parent / "sizes")


def test_a_five_megabyte_paragraph_is_refused_with_its_line(folder: BookFolder) -> None:
    one_story(folder, "Big\n\nA first paragraph.\n\n" + paragraph_of(5_000_000, 1) + "\n")
    outcome = build(folder)
    assert_refused(outcome, "OCT326", "s/story.txt", 5)
    assert "5,000,0" in outcome.output and "separate its paragraphs" in outcome.output


@pytest.mark.parametrize(("name", "options"), [("story.md", ()), ("story.txt", ("--no-check",))])
def test_the_paragraph_limit_holds_for_markdown_and_without_checks(
        folder: BookFolder, name: str, options: tuple[str, ...]) -> None:
    folder.write(f"s/{name}", "# Big\n\n" + paragraph_of(300_000, 5) + "\n")
    folder.write("book.yaml", MANIFEST.replace("s/story.txt", f"s/{name}"))
    outcome = build(folder, *options)
    assert_refused(outcome, "OCT326", f"s/{name}", 3)


def test_a_five_megabyte_paragraph_can_still_be_checked_and_normalised(
        folder: BookFolder) -> None:
    text = "Big\n\n" + paragraph_of(5_000_000, 2) + "\n"
    one_story(folder, text)
    checked = run_command(folder, "check", folder.root)
    assert checked.run.returncode == 1 and checked.changed == []
    assert_no_traceback(checked)
    assert_diagnostic(checked, "OCT326", "s/story.txt", 3)
    normalised = run_command(folder, "normalize", folder.root / "s" / "story.txt")
    assert normalised.run.returncode == 0 and normalised.changed == []
    assert_no_traceback(normalised)
    assert tokens(normalised.run.stdout) == tokens(text)


def test_a_long_paragraph_below_the_limit_builds_whole(folder: BookFolder) -> None:
    text = "Long\n\n" + paragraph_of(60_000, 3) + "\n"
    built = assert_built(build(one_story(folder, text)))
    assert_all_text_there(text, built)


def test_twenty_thousand_tiny_paragraphs_build_whole(folder: BookFolder) -> None:
    text = "Many\n\n" + "\n\n".join(f"Line {i} of {WORDS[i % 10]}." for i in range(20_000)) + "\n"
    # One story of some 600 pages laid out by one process: about two minutes alone, more on a
    # loaded machine. The limit only tells a hang from a slow build.
    outcome = build(one_story(folder, text), timeout=900)
    built = assert_built(outcome)
    assert_all_text_there(text, built)


def test_a_three_thousand_letter_word_breaks_across_lines_inside_the_page(
        folder: BookFolder) -> None:
    word = "".join(random.Random(4).choice("abcdefghij") for _ in range(3000))
    text = f"Long\n\nBefore the word {word} and after it.\n"
    built = assert_built(build(one_story(folder, text)))
    assert_all_text_there("Before the word", built, exact=False)
    assert pdf_words_outside_page(built["pdf"]) == []
    # Broken across lines, the word comes back from the PDF in pieces: all its letters, in order.
    extracted = re.sub(r"[^a-j]", "", pdf_text(built["pdf"]))
    assert word in extracted


def test_an_image_named_txt_is_refused(folder: BookFolder) -> None:
    one_story(folder, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    outcome = build(folder)
    assert_refused(outcome, "OCT201", "book.yaml", 5)  # the manifest entry naming the file
    assert "s/story.txt: not a text file: it looks like a PNG image" in outcome.output
