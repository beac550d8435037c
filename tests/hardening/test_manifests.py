"""Every kind of manifest mistake (YAML, values, paths that leave the book folder) gets a located
diagnostic and exit status 1, never a traceback, and changes nothing."""

from __future__ import annotations

import os
import time

import pytest

from tests.conftest import BookFolder
from tests.hardening.harness import build

GOOD_CONTENTS = """
contents:
  - stories/one.txt
  - stories/two.txt
"""


def assert_fails_with(book: BookFolder, code: str, line: int | None, column: int | None = None,
                      text: str = "") -> str:
    outcome = build(book, "--epub")
    result = outcome.run
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert outcome.changed == [], outcome.changed
    where = "book.yaml:" + (f"{line}:" if line else "") + (f"{column}:" if column else "")
    matching = [row for row in result.stderr.splitlines() if f" error {code} " in row]
    assert matching, f"no {code} in:\n{result.stderr}"
    assert any(where in row and text in row for row in matching), result.stderr
    assert not (book.root / "dist").exists() or not any((book.root / "dist").iterdir())
    return result.stderr


def test_unknown_key_gets_did_you_mean(book: BookFolder) -> None:
    book.manifest("title: Harbour Tales\ntittle: oops\n" + GOOD_CONTENTS)
    stderr = assert_fails_with(book, "OCT104", 2, 1, "unknown key 'tittle'")
    assert "did you mean 'title'?" in stderr


def test_unknown_key_inside_a_story_entry(book: BookFolder) -> None:
    book.manifest("""
        title: Harbour Tales
        contents:
          - file: stories/one.txt
            titel: The Harbour
        """)
    stderr = assert_fails_with(book, "OCT104", 4, 5, "unknown key 'titel'")
    assert "did you mean 'title'?" in stderr


def test_wrong_type(book: BookFolder) -> None:
    book.manifest("title: [Harbour, Tales]\n" + GOOD_CONTENTS)
    assert_fails_with(book, "OCT105", 1, 8, "'title' must be text, not a list")


def test_missing_required_key(book: BookFolder) -> None:
    book.manifest("title: Harbour Tales\n")
    assert_fails_with(book, "OCT106", 1, 1, "missing the required key 'contents'")


def test_empty_contents(book: BookFolder) -> None:
    book.manifest("title: Harbour Tales\ncontents: []\n")
    assert_fails_with(book, "OCT113", 2, 11, "must not be empty")


def test_missing_manuscript(book: BookFolder) -> None:
    book.manifest("title: Harbour Tales\ncontents:\n  - stories/one.txt\n  - stories/three.txt\n")
    assert_fails_with(book, "OCT111", 4, 5, "'stories/three.txt' does not exist")


def test_duplicate_manuscript(book: BookFolder) -> None:
    book.manifest("""
        title: Harbour Tales
        contents:
          - stories/one.txt
          - file: ./stories/../stories/one.txt
        """)
    assert_fails_with(book, "OCT112", 4, 11, "already listed at line 3")


def test_manuscript_that_is_an_image(book: BookFolder) -> None:
    book.write("stories/picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    book.manifest("title: Harbour Tales\ncontents:\n  - stories/picture.txt\n")
    assert_fails_with(book, "OCT201", 3, 5, "not a text file: it looks like a PNG image")


def test_manuscript_with_binary_content(book: BookFolder) -> None:
    book.write("stories/noise.txt", os.urandom(64) + b"\x00\x00\x01" + os.urandom(64))
    book.manifest("title: Harbour Tales\ncontents:\n  - stories/noise.txt\n")
    assert_fails_with(book, "OCT201", 3, 5, "not a text file")


def test_manuscript_that_is_a_folder(book: BookFolder) -> None:
    (book.root / "stories" / "folder.txt").mkdir()
    book.manifest("title: Harbour Tales\ncontents:\n  - stories/folder.txt\n")
    assert_fails_with(book, "OCT111", 3, 5, "is not a file")


def test_unsupported_manuscript_format(book: BookFolder) -> None:
    book.write("stories/one.pages", "not a format octavo reads")
    book.manifest("title: Harbour Tales\ncontents:\n  - stories/one.pages\n")
    assert_fails_with(book, "OCT201", 3, 5, "octavo reads .txt, .md, .docx, .html")


@pytest.mark.parametrize("path", ["../outside.txt", "stories/../../outside.txt", "/etc/hostname"])
def test_paths_leaving_the_book_folder_are_refused(book: BookFolder, path: str) -> None:
    (book.root.parent / "outside.txt").write_text("secret words", encoding="utf-8")
    book.manifest(f"title: Harbour Tales\ncontents:\n  - {path}\n")
    assert_fails_with(book, "OCT110", 3, 5)


def test_symlink_leading_outside_is_refused(book: BookFolder) -> None:
    secret = book.root.parent / "secret.txt"
    secret.write_text("secret words", encoding="utf-8")
    (book.root / "stories" / "link.txt").symlink_to(secret)
    book.manifest("title: Harbour Tales\ncontents:\n  - stories/link.txt\n")
    assert_fails_with(book, "OCT110", 3, 5, "leads outside the book folder")


def test_cover_outside_the_book_folder_is_refused(book: BookFolder) -> None:
    book.manifest("title: Harbour Tales\ncover: ../cover.png\n" + GOOD_CONTENTS)
    assert_fails_with(book, "OCT110", 2, 8)


def test_cover_symlink_leading_outside_is_refused(book: BookFolder) -> None:
    outside = book.root.parent / "elsewhere.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    (book.root / "cover.png").symlink_to(outside)
    book.manifest("title: Harbour Tales\ncover: cover.png\n" + GOOD_CONTENTS)
    assert_fails_with(book, "OCT110", 2, 8, "leads outside the book folder")


def test_cover_that_is_not_an_image(book: BookFolder) -> None:
    book.write("cover.png", "this is text, not a picture")
    book.manifest("title: Harbour Tales\ncover: cover.png\n" + GOOD_CONTENTS)
    assert_fails_with(book, "OCT114", 2, 8, "is not an image")


@pytest.mark.parametrize(
    ("line", "code", "message"),
    [
        ("identifier: 978-0-306-40615-8", "OCT107", "not a valid ISBN-13"),
        ("language: english", "OCT108", "not a valid BCP 47 language tag"),
        ("date: 2026-13-40", "OCT109", "not a date"),
        ("build: {trim: 7x3}", "OCT115", "unknown trim size"),
        ("build: {font: Comic Sans MS}", "OCT115", "not shipped"),
        ("root: /", "OCT105", "must be one of"),
    ],
)
def test_invalid_values(book: BookFolder, line: str, code: str, message: str) -> None:
    book.manifest(f"title: Harbour Tales\n{line}\n" + GOOD_CONTENTS)
    assert_fails_with(book, code, 2, None, message)


def test_yaml_syntax_error_is_located(book: BookFolder) -> None:
    book.manifest("title: Harbour Tales\ncontents:\n  - stories/one.txt\n - broken: [\n")
    assert_fails_with(book, "OCT101", 4, None, "invalid YAML")


def test_python_object_tags_are_refused(book: BookFolder) -> None:
    book.manifest("title: !!python/object/apply:os.system ['echo pwned']\n" + GOOD_CONTENTS)
    assert_fails_with(book, "OCT102", 1, 8, "is not allowed")


def test_billion_laughs_fails_fast(book: BookFolder) -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        prev = chr(ord("a") + n - 1)
        name = chr(ord("a") + n)
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    book.manifest("\n".join(levels) + "\ntitle: Laughs\n" + GOOD_CONTENTS)
    started = time.monotonic()
    stderr = assert_fails_with(book, "OCT102", None, None, "expands to too many values")
    assert "book.yaml:1:" not in stderr  # points at the key whose aliases explode, not at 'a'
    assert time.monotonic() - started < 20


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"", "OCT103", "the manifest is empty"),
        (b"- just\n- a list\n", "OCT103", "must be a mapping"),
        (b"title: Caf\xe9\ncontents: [stories/one.txt]\n", "OCT101", "not UTF-8"),
    ],
)
def test_manifest_that_is_not_a_mapping(book: BookFolder, content: bytes, code: str,
                                        message: str) -> None:
    book.write("book.yaml", content)
    assert_fails_with(book, code, 1, None, message)


def test_all_errors_are_reported_together(book: BookFolder) -> None:
    book.manifest("""
        title: Harbour Tales
        language: klingon-of-the-north
        date: yesterday
        contents:
          - stories/missing.txt
        """)
    result = book.build("--epub")
    assert result.returncode == 1
    for code in ("OCT108", "OCT109", "OCT111"):
        assert f" error {code} " in result.stderr


def test_no_manifest_found(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import run_octavo

    result = run_octavo("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "OCT100" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ['"Te\\0st"', '"A \\u202eevil\\u202c title"', '"Bell\\a"',
                                   '"\\u2066isolated\\u2069"'])
def test_invisible_controls_in_a_manifest_value_are_refused(book: BookFolder, value: str) -> None:
    book.manifest(f"title: Harbour Tales\nauthor: {value}\n" + GOOD_CONTENTS)
    assert_fails_with(book, "OCT105", 2, 9, "invisible control character")
