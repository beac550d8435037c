"""Manifest mistakes get messages that teach: plain-language YAML hints, suggestions by meaning,
a did-you-mean for paths, ranges said out loud, and every error in one run. Each message has a
look-alike that must not produce it."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.diagnostics import Diagnostic, OctavoError
from octavo.manifest import find_manifest, load_manifest


def errors_of(folder: Path, manifest: str) -> list[Diagnostic]:
    (folder / "book.yaml").write_text(manifest, encoding="utf-8")
    with pytest.raises(OctavoError) as caught:
        load_manifest(folder / "book.yaml", "book.yaml")
    return list(caught.value.diagnostics)


def loads(folder: Path, manifest: str) -> None:
    (folder / "book.yaml").write_text(manifest, encoding="utf-8")
    load_manifest(folder / "book.yaml", "book.yaml")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "chapters").mkdir()
    for name in ("01-the-shore.txt", "02-the-house.txt", "10-the-storm.txt"):
        (tmp_path / "chapters" / name).write_text(f"{name}\n\nText.\n", encoding="utf-8")
    return tmp_path


def test_unquoted_colon_in_a_title(folder: Path) -> None:
    (found,) = errors_of(folder, "title: The Salt House: A Novel\ncontents: [chapters/*.txt]\n")
    assert found.code == "OCT101" and str(found.span) == "book.yaml:1:8"
    assert 'quote the value: title: "The Salt House: A Novel"' in found.message
    assert found.fix == 'title: "The Salt House: A Novel"'
    loads(folder, 'title: "The Salt House: A Novel"\nlanguage: en\ncontents: [chapters/*.txt]\n')
    loads(folder, "title: The Salt House:A Novel\nlanguage: en\ncontents: [chapters/*.txt]\n")


def test_unclosed_quote_is_reported_where_it_opened(folder: Path) -> None:
    (found,) = errors_of(folder, 'title: "The Salt House\nlanguage: en\ncontents: [a.txt]\n')
    assert str(found.span) == "book.yaml:1:8"  # not at the end of the file, where YAML gave up
    assert "never closed" in found.message and found.fix == 'title: "The Salt House"'


def test_mis_indented_list_item(folder: Path) -> None:
    (found,) = errors_of(folder, "title: T\ncontents:\n  - chapters/01-the-shore.txt\n"
                                 " - chapters/02-the-house.txt\n")
    assert str(found.span) == "book.yaml:4:2"
    assert "list item is indented 1 space, but the items above it are indented 2" in found.message
    # Indented more, YAML reads the two items as one path: said so, not "does not exist".
    (deeper,) = errors_of(folder, "title: T\nlanguage: en\ncontents:\n"
                                  "  - chapters/01-the-shore.txt\n    - chapters/02-the-house.txt\n")
    assert deeper.code == "OCT111" and "two list items run together" in deeper.message


def test_tabs_and_over_indented_keys(folder: Path) -> None:
    (tab,) = errors_of(folder, "title: T\ncontents:\n\t- a.txt\n")
    assert "spaces, not tabs" in tab.message
    (key,) = errors_of(folder, "title: T\n  language: en\ncontents: [a]\n")
    assert "indented 2 spaces, more than the line above" in key.message


def test_suggestions_by_meaning_and_spelling(folder: Path) -> None:
    found = errors_of(folder, "title: T\nlanguage: en\ncontents: [chapters/*.txt]\n"
                              "build:\n  trim_size: 5x8\n  fontsize: 12\n")
    assert sorted((d.code, d.fix) for d in found) == [("OCT104", "font_size"), ("OCT104", "trim")]
    # A misspelt required key: one message, not also "missing the required key".
    (titel,) = errors_of(folder, "titel: T\nlanguage: en\ncontents: [chapters/*.txt]\n")
    assert titel.code == "OCT104" and "did you mean 'title'?" in titel.message
    (stories,) = errors_of(folder, "title: T\nstories: [chapters/*.txt]\n")
    assert "did you mean 'contents'?" in stories.message
    # Truly missing, it is still said.
    (missing,) = errors_of(folder, "language: en\ncontents: [chapters/*.txt]\n")
    assert missing.code == "OCT106" and "'title'" in missing.message


def test_misspelt_manuscript_path_gets_did_you_mean(folder: Path) -> None:
    (found,) = errors_of(folder, "title: T\nlanguage: en\ncontents:\n"
                                 "  - chapters/02-the-hose.txt\n")
    assert found.code == "OCT111"
    assert "did you mean chapters/02-the-house.txt?" in found.message
    (far,) = errors_of(folder, "title: T\nlanguage: en\ncontents: [chapters/zebra.txt]\n")
    assert "did you mean" not in far.message  # nothing like it: no wild guess
    (folderless,) = errors_of(folder, "title: T\nlanguage: en\ncontents: [chapter/02-the-house.txt]\n")
    assert "did you mean chapters/02-the-house.txt?" in folderless.message


def test_out_of_range_values_say_the_range(folder: Path) -> None:
    (trim,) = errors_of(folder, "title: T\nlanguage: en\ncontents: [chapters/*.txt]\n"
                                "build: {trim: 6x90}\n")
    assert trim.code == "OCT115" and "height, 90 in, is above the 11.69 in maximum" in trim.message
    (swapped,) = errors_of(folder, "title: T\nlanguage: en\ncontents: [chapters/*.txt]\n"
                                   "build: {trim: 9x6}\n")
    assert "width comes first: 6x9?" in swapped.message
    (date,) = errors_of(folder, "title: T\nlanguage: en\ndate: 2026-13-01\n"
                                "contents: [chapters/*.txt]\n")
    assert date.code == "OCT109" and "there is no month 13" in date.message
    (april,) = errors_of(folder, "title: T\nlanguage: en\ndate: 2026-04-31\n"
                                 "contents: [chapters/*.txt]\n")
    assert "April 2026 has no day 31 (it has 30)" in april.message
    (size,) = errors_of(folder, "title: T\nlanguage: en\ncontents: [chapters/*.txt]\n"
                                "build: {font_size: 30}\n")
    assert "is 30, above the maximum of 16; it must be from 8 to 16" in size.message
    loads(folder, "title: T\nlanguage: en\ndate: 2026-12-01\ncontents: [chapters/*.txt]\n"
                  "build: {trim: 6x9, font_size: 12}\n")


def test_one_run_reports_schema_and_path_errors_together(folder: Path) -> None:
    found = errors_of(folder, "title: T\nlanguage: en\ndate: 2026-13-01\n"
                              "contents: [chapters/02-the-hose.txt]\nbuild: {trim_size: 5x8}\n")
    assert sorted(d.code for d in found) == ["OCT104", "OCT109", "OCT111"]


def test_contents_patterns_sort_naturally_and_say_when_empty(folder: Path) -> None:
    loads(folder, "title: T\nlanguage: en\ncontents: [chapters/*.txt]\n")
    manifest, _ = load_manifest(folder / "book.yaml")
    assert [s.display for s in manifest.stories()] == [
        "chapters/01-the-shore.txt", "chapters/02-the-house.txt", "chapters/10-the-storm.txt"]
    # A file listed by name keeps its place; the pattern takes the rest.
    loads(folder, "title: T\nlanguage: en\ncontents: [chapters/10-the-storm.txt, chapters/*.txt]\n")
    manifest, _ = load_manifest(folder / "book.yaml")
    assert [s.path.name for s in manifest.stories()] == [
        "10-the-storm.txt", "01-the-shore.txt", "02-the-house.txt"]
    (empty,) = errors_of(folder, "title: T\nlanguage: en\ncontents: [chapters/*.md]\n")
    assert empty.code == "OCT167" and "its folder holds 01-the-shore.txt" in empty.message
    (nofolder,) = errors_of(folder, "title: T\nlanguage: en\ncontents: [chapter/*.txt]\n")
    assert "there is no folder 'chapter'" in nofolder.message
    (titled,) = errors_of(folder, "title: T\nlanguage: en\ncontents:\n"
                                  "  - {file: chapters/*.txt, title: Storm}\n")
    assert titled.code == "OCT169"


def test_book_yaml_is_found_from_any_subfolder(folder: Path) -> None:
    loads(folder, "title: T\nlanguage: en\ncontents: [chapters/*.txt]\n")
    deep = folder / "chapters" / "drafts"
    deep.mkdir()
    assert find_manifest(None, deep).resolve() == (folder / "book.yaml").resolve()
    lone = folder.parent / "elsewhere"
    lone.mkdir()
    with pytest.raises(OctavoError) as caught:
        find_manifest(None, lone)
    assert "octavo new" in caught.value.diagnostics[0].message
