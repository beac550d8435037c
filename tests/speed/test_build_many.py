"""`octavo build-many`: every book of a catalogue built, fresh ones skipped, a failed book never
stopping the others, a worker killed mid-book retried once, and nothing partial left behind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.speed.faults import install

STORY = "It rained for three days.\n\nOn the fourth, the letters began to arrive.\n"


def make_catalogue(root: Path, names: list[str]) -> Path:
    for name in names:
        folder = root / name
        (folder / "stories").mkdir(parents=True)
        (folder / "stories" / "one.txt").write_text(f"{STORY}\nThis is {name}.\n",
                                                     encoding="utf-8")
        (folder / "book.yaml").write_text(
            f"title: The Book of {name}\nlanguage: en\ncontents: [stories/one.txt]\n",
            encoding="utf-8")
    return root


def break_book(folder: Path) -> None:
    (folder / "book.yaml").write_text("title: Broken\nlanguage: en\ncontents: [missing.txt]\n",
                                      encoding="utf-8")


def build_many(catalogue: Path, *args: str, env: dict[str, str] | None = None,
               ) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    run = subprocess.run([sys.executable, "-m", "octavo", "build-many", str(catalogue),
                          "--epub", *args], capture_output=True, text=True, timeout=600, env=env)
    report_file = catalogue / "octavo-report.json" if catalogue.is_dir() else (
        catalogue.parent / "octavo-report.json")
    return run, json.loads(report_file.read_text(encoding="utf-8"))


def by_book(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["book"]: b for b in report["books"]}


def leftovers(folder: Path) -> list[str]:
    dist = folder / "dist"
    return sorted(p.name for p in dist.iterdir() if p.name.startswith(".octavo-build-")
                  or p.name.endswith(".part")) if dist.is_dir() else []


def test_builds_every_book_and_skips_fresh_ones(tmp_path: Path) -> None:
    catalogue = make_catalogue(tmp_path / "cat", ["book-2", "book-10", "shelf/book-1"])
    break_book(catalogue / "book-10")
    run, report = build_many(catalogue, "-j", "2")
    assert run.returncode == 1, run.stderr  # one book failed
    assert "Traceback" not in run.stderr
    books = by_book(report)
    assert [b["book"] for b in report["books"]] == ["book-2", "book-10", "shelf/book-1"]
    assert books["book-10"]["status"] == "failed"
    assert any(d["code"] == "OCT111" for d in books["book-10"]["diagnostics"])
    for name in ("book-2", "shelf/book-1"):
        assert books[name]["status"] == "built"
        (output,) = books[name]["outputs"]
        assert Path(output["path"]).is_file() and output["format"] == "epub"
    assert report["summary"] == {"books": 3, "built": 2, "fresh": 0, "failed": 1}

    (catalogue / "book-2" / "stories" / "one.txt").write_text(STORY + "\nEdited.\n",
                                                            encoding="utf-8")
    _, report = build_many(catalogue)
    statuses = {name: b["status"] for name, b in by_book(report).items()}
    assert statuses == {"book-2": "built", "book-10": "failed", "shelf/book-1": "fresh"}

    _, report = build_many(catalogue, "--force")
    assert by_book(report)["shelf/book-1"]["status"] == "built"


def test_a_list_file_names_the_books(tmp_path: Path) -> None:
    make_catalogue(tmp_path / "cat", ["a", "b", "c"])
    listing = tmp_path / "cat" / "books.txt"
    listing.write_text("# two of the three\na\nc/book.yaml\n\n", encoding="utf-8")
    run, report = build_many(listing)
    assert run.returncode == 0, run.stderr
    assert [b["book"] for b in report["books"]] == ["a", "c"]


def test_a_list_naming_no_book_is_a_located_error(tmp_path: Path) -> None:
    listing = tmp_path / "books.txt"
    listing.write_text("nowhere\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "octavo", "build-many", str(listing)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert f"{listing}:1:1: error OCT150" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_a_killed_worker_is_retried_once_then_reported(tmp_path: Path, engine: str) -> None:
    catalogue = make_catalogue(tmp_path / "cat", ["broken", "doomed", "flaky", "steady"])
    break_book(catalogue / "broken")
    hook = tmp_path / "hook"
    env = install(hook, {"doomed": "always", "flaky": "once"})
    run, report = build_many(catalogue, "--engine", engine, "-j", "2", env=env)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    books = by_book(report)
    assert books["doomed"]["status"] == "failed" and books["doomed"]["attempts"] == 2
    assert "died" in books["doomed"]["error"]
    assert (hook / "flaky.killed").exists()  # it did die once, and then it was built
    assert books["flaky"]["status"] == "built" and books["flaky"]["attempts"] == 2
    assert books["steady"]["status"] == "built"
    assert books["broken"]["status"] == "failed" and books["broken"]["attempts"] == 1
    for name in ("doomed", "flaky", "steady"):
        assert leftovers(catalogue / name) == [], name
    assert not list((catalogue / "doomed" / "dist").glob("*.epub"))
    assert len(list((catalogue / "flaky" / "dist").glob("*.epub"))) == 1
