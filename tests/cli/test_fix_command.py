"""`octavo fix`: the normaliser's safe fixes applied to a book's manuscripts, with backups."""

from __future__ import annotations

from tests.conftest import BookFolder, run_octavo


def test_fix_applies_safe_fixes_to_every_manuscript_and_keeps_backups(book: BookFolder) -> None:
    book.write("stories/a.txt", 'He said -- "no..."  \n')
    book.write("stories/b.txt", "'Tis the '90s,' she said.\n")
    book.manifest("title: Tales\nlanguage: en-GB\ncontents: [stories/a.txt, stories/b.txt]\n"
                  "build: {quotes: british}\n")
    result = run_octavo("fix", book.root, cwd=book.root)
    assert result.returncode == 0, result.stderr
    # The book's British house style: single quotes outside.
    assert (book.root / "stories/a.txt").read_text(encoding="utf-8") == "He said—‘no…’\n"
    assert (book.root / "stories/b.txt").read_text(encoding="utf-8") == "‘Tis the ’90s,’ she said.\n"
    assert (book.root / "stories/a.txt.bak").read_text(encoding="utf-8") == 'He said -- "no..."  \n'
    check = run_octavo("check", book.root, cwd=book.root)
    assert "OCT330" not in check.stdout  # the trailing spaces are gone


def test_fix_keeps_the_authors_quotes_unless_the_book_converts(book: BookFolder) -> None:
    book.write("stories/a.txt", 'He said "no" and \'yes\'.\n')
    book.manifest("title: Tales\nlanguage: en-GB\ncontents: [stories/a.txt]\n")
    assert run_octavo("fix", book.root, cwd=book.root).returncode == 0
    assert (book.root / "stories/a.txt").read_text(encoding="utf-8") == "He said “no” and ‘yes’.\n"


def test_fix_reports_bad_input(book: BookFolder) -> None:
    book.write("stories/pic.txt", b"\x89PNG\r\n\x1a\n" + bytes(32))
    result = run_octavo("fix", "stories/pic.txt", cwd=book.root)
    assert result.returncode == 1 and "OCT201" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_fix_repairs_mojibake_and_doubled_punctuation(book: BookFolder) -> None:
    book.write("stories/a.txt", "I donâ€™t know, he said.. Then he waited... and left,, fast.\n")
    book.manifest("title: Tales\nlanguage: en\ncontents: [stories/a.txt]\n")
    assert run_octavo("fix", book.root, cwd=book.root).returncode == 0
    assert (book.root / "stories/a.txt").read_text(encoding="utf-8") == (
        "I don’t know, he said. Then he waited… and left, fast.\n")
    check = run_octavo("check", book.root, cwd=book.root)
    assert "OCT301" not in check.stdout and "OCT311" not in check.stdout
