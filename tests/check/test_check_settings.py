"""Checks run before every build; a book can switch checks off or make them stricter."""

from __future__ import annotations

from tests.conftest import BookFolder

TYPO_STORY = "She saw the the boat.\n\nIt sailed at dawn.\n"
BASE = "title: Tales\nlanguage: en\ncontents: [stories/typo.txt]\n"


def test_build_runs_the_checks_and_no_check_skips_them(book: BookFolder) -> None:
    book.write("stories/typo.txt", TYPO_STORY)
    book.manifest(BASE)
    checked = book.build("--epub")
    assert checked.returncode == 0 and "warning OCT310 'the' is repeated" in checked.stderr
    skipped = book.build("--epub", "--no-check")
    assert skipped.returncode == 0 and "OCT310" not in skipped.stderr


def test_a_book_can_make_a_check_an_error_that_stops_the_build(book: BookFolder) -> None:
    book.write("stories/typo.txt", TYPO_STORY)
    book.manifest(BASE + "check: {severity: {OCT310: error}}\n")
    result = book.build("--epub")
    assert result.returncode == 1 and "error OCT310" in result.stderr
    assert not (book.root / "dist").exists() or not any((book.root / "dist").iterdir())
    assert book.build("--epub", "--no-check").returncode == 0


def test_a_book_can_disable_a_check(book: BookFolder) -> None:
    book.write("stories/typo.txt", TYPO_STORY)
    book.manifest(BASE + "check: {disable: [OCT310]}\n")
    from tests.conftest import run_octavo

    result = run_octavo("check", book.root, cwd=book.root)
    assert result.returncode == 0 and "OCT310" not in result.stdout


def test_check_settings_are_validated(book: BookFolder) -> None:
    book.write("stories/typo.txt", TYPO_STORY)
    book.manifest(BASE + "check: {severity: {OCT310: fatal}}\n")
    result = book.build("--epub")
    assert result.returncode == 1 and "OCT105" in result.stderr


def test_directive_lines_never_reach_the_book(book: BookFolder) -> None:
    import zipfile

    book.write("stories/typo.txt", "%% octavo: ignore OCT310\nShe saw the the boat.\n")
    book.manifest(BASE + "check: {enable: [OCT303]}\n")
    result = book.build("--epub")
    assert result.returncode == 0 and "OCT310" not in result.stderr
    with zipfile.ZipFile(book.root / "dist" / "tales.epub") as archive:
        story = archive.read("EPUB/text/story-001.xhtml").decode()
    assert "octavo" not in story and "%%" not in story and "She saw the the boat." in story


def test_a_book_can_turn_on_an_opt_in_check(book: BookFolder) -> None:
    book.write("stories/typo.txt", 'He said, "no."\n')
    book.manifest(BASE)
    assert "OCT303" not in book.build("--epub").stderr
    book.manifest(BASE + "check: {enable: [OCT303]}\n")
    assert "warning OCT303 straight quote" in book.build("--epub").stderr


def test_house_style_words_from_the_manifest(book: BookFolder) -> None:
    book.write("stories/typo.txt", "It was alright by then.\n")
    book.manifest(BASE + "check: {words: {alright: all right}}\n")
    assert "warning OCT341 the house style writes 'all right', not 'alright'" in book.build(
        "--epub").stderr
