"""`octavo build` as a user meets it: help, defaults, output folder problems, atomic output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from octavo import __version__
from octavo.backends.base import atomic_output
from tests.conftest import BookFolder, run_octavo

MANIFEST = "title: Harbour Tales\nlanguage: en\ncontents: [stories/one.txt, stories/two.txt]\n"


def test_help_and_version(tmp_path: Path) -> None:
    assert __version__ in run_octavo("--version", cwd=tmp_path).stdout
    help_text = run_octavo("build", "--help", cwd=tmp_path).stdout
    for option in ("--epub", "--pdf", "-o, --output"):
        assert option in help_text


def test_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    result = run_octavo("build", "--mobi", cwd=tmp_path)
    assert result.returncode == 2 and "No such option" in result.stderr


def test_default_book_is_manuscripts_book_yaml(book: BookFolder) -> None:
    (book.root / "manuscripts").mkdir()
    for name in ("one", "two"):
        (book.root / "stories" / f"{name}.txt").rename(book.root / "manuscripts" / f"{name}.txt")
    (book.root / "manuscripts" / "book.yaml").write_text(
        MANIFEST.replace("stories/", ""), encoding="utf-8")
    result = run_octavo("build", "--epub", cwd=book.root)
    assert result.returncode == 0, result.stderr
    assert (book.root / "dist" / "harbour-tales.epub").is_file()
    assert "2 stories" in result.stdout


def test_output_path_that_is_a_file(book: BookFolder) -> None:
    book.manifest(MANIFEST)
    (book.root / "dist").write_text("I am a file", encoding="utf-8")
    result = book.build("--epub")
    assert result.returncode == 1 and "OCT400" in result.stderr
    assert "output path is a file" in result.stderr and "Traceback" not in result.stderr


def test_output_folder_that_cannot_be_created(book: BookFolder) -> None:
    book.manifest(MANIFEST)
    result = run_octavo("build", book.root, "-o", "/proc/octavo-cannot-be-here", "--epub",
                        cwd=book.root)
    assert result.returncode == 1 and "OCT400" in result.stderr
    assert "Traceback" not in result.stderr


def test_failed_build_keeps_the_previous_output_untouched(book: BookFolder) -> None:
    book.manifest(MANIFEST)
    assert book.build("--epub").returncode == 0
    epub = book.root / "dist" / "harbour-tales.epub"
    before = epub.read_bytes()
    book.manifest(MANIFEST.replace("stories/two.txt", "stories/missing.txt"))
    assert book.build("--epub").returncode == 1
    assert epub.read_bytes() == before
    assert sorted(p.name for p in (book.root / "dist").iterdir()) == ["harbour-tales.epub"]


def test_epub_builds_are_byte_identical(book: BookFolder) -> None:
    book.manifest(MANIFEST + "date: 2024-05-01\n")
    assert book.build("--epub").returncode == 0
    first = (book.root / "dist" / "harbour-tales.epub").read_bytes()
    assert book.build("--epub").returncode == 0
    assert (book.root / "dist" / "harbour-tales.epub").read_bytes() == first


def test_atomic_output_leaves_nothing_when_writing_fails(tmp_path: Path) -> None:
    final = tmp_path / "book.pdf"
    with pytest.raises(RuntimeError), atomic_output(final) as partial:
        partial.write_bytes(b"%PDF- half a book")
        raise RuntimeError("layout crashed")
    assert list(tmp_path.iterdir()) == []


def test_source_date_epoch_sets_the_timestamp(book: BookFolder) -> None:
    import os
    import subprocess
    import sys
    import zipfile

    book.manifest(MANIFEST)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run([sys.executable, "-m", "octavo", "build", str(book.root), "-o",
                    str(book.root / "dist"), "--epub"], check=True, env=env, capture_output=True)
    with zipfile.ZipFile(book.root / "dist" / "harbour-tales.epub") as archive:
        opf = next(n for n in archive.namelist() if n.endswith(".opf"))
        expected = dt.datetime.fromtimestamp(1700000000, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert expected in archive.read(opf).decode()
