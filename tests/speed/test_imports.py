"""Heavy libraries are imported only by the work that needs them: `octavo --help` loads none,
and an EPUB-only build never loads the PDF engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import BookFolder

HEAVY = ("weasyprint", "ebooklib", "PIL", "pikepdf", "ray", "fontTools")


def imported(*args: str | Path, cwd: Path | None = None) -> set[str]:
    """The top-level packages a run of `octavo ARGS` imported, from `-X importtime`."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "octavo", *map(str, args)],
                         capture_output=True, text=True, timeout=300, cwd=cwd)
    assert run.returncode == 0, run.stderr[-2000:]
    names = set()
    for line in run.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def test_help_imports_nothing_heavy() -> None:
    assert imported("--help").isdisjoint(HEAVY)
    assert imported("build", "--help").isdisjoint(HEAVY)


def test_an_epub_build_never_loads_the_pdf_engine(book: BookFolder) -> None:
    book.manifest("title: Harbour Tales\nlanguage: en\ncontents: [stories/one.txt]\n")
    names = imported("build", book.root, "-o", book.root / "dist", "--epub", cwd=book.root)
    assert "ebooklib" in names  # the run did build the EPUB
    assert names.isdisjoint({"weasyprint", "pikepdf"})


def test_help_loads_no_manifest_or_check_machinery() -> None:
    """`octavo --help` stays fast: no schema validator, language database, name parser or
    spelling dictionary before a command needs them."""
    assert imported("--help").isdisjoint({"jsonschema", "langcodes", "nameparser", "enchant",
                                          "spellchecker", "lemminflect", "yaml", "ruamel"})


def test_an_epub_build_of_accented_text_reads_no_font(book: BookFolder) -> None:
    """Whether every character can be drawn is known from the table generated with the fonts
    (octavo.font_coverage), not by loading fontTools and reading them."""
    book.write("stories/one.txt", "Café\n\nThe señora's naïve café — «déjà vu» — and 東京 too.\n")
    book.manifest("title: Harbour Tales\nlanguage: en\ncontents: [stories/one.txt]\n")
    names = imported("build", book.root, "-o", book.root / "dist", "--epub", cwd=book.root)
    assert "ebooklib" in names
    assert names.isdisjoint({"weasyprint", "pikepdf", "fontTools"})
