"""`octavo check` on a large book reads and checks its stories in worker processes: the
findings are the same, in the same order, as when every story is checked in this process."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from octavo import pipeline, stories
from octavo.cache import CACHE_DIR_NAME
from octavo.check import check_book, early
from tests.conftest import BookFolder

REPO = Path(__file__).resolve().parents[2]
SAMPLES = sorted((REPO / "manuscripts").glob("*.txt"))


def test_workers_find_what_one_process_finds(book: BookFolder,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # The sample's two real stories, flaws and all, copied; one copy excuses a finding, so the
    # directives' bookkeeping is crossed too. (A book this small is checked in worker processes
    # only with the threshold lowered.)
    monkeypatch.setattr(stories, "PARALLEL_MIN_BYTES", 1)
    names = []
    for copy in range(4):
        for sample in SAMPLES:
            name = f"stories/{copy:02d}-{sample.name}"
            text = sample.read_text(encoding="utf-8")
            if copy == 1:
                text = "%% octavo: ignore OCT310\n" + text
            book.write(name, text)
            names.append(name)
    book.manifest("title: Copies\nlanguage: en\ncontents: [" + ", ".join(names) + "]\n")
    manifest = book.root / "book.yaml"
    pools: list[tuple[int, list[bool]]] = []  # (processes, whether each story was made)
    run = stories._run

    def counted(todo: list[tuple[stories.StoryJob, bytes, str]], weights: list[int],
                cache_folder: Path | None, workers: int, *rest: Any
                ) -> Iterator[tuple[stories.StoryResult, bool]]:
        made: list[bool] = []
        pools.append((workers, made))
        for result, from_cache in run(todo, weights, cache_folder, workers, *rest):
            made.append(not from_cache)
            yield result, from_cache

    monkeypatch.setattr(stories, "_run", counted)
    serial = check_book(manifest, workers=1)
    shutil.rmtree(book.root / CACHE_DIR_NAME)  # cold again
    parallel = check_book(manifest, workers=2)
    assert pools == [(1, [True] * len(names)), (2, [True] * len(names))]
    # the workers kept what they made: a second check reads every story from the cache
    assert check_book(manifest, workers=2) == serial
    assert pools[-1][1] == [False] * len(names)
    assert {Path(d.span.path).name for d in serial if d.span} >= {Path(n).name for n in names}
    assert parallel == serial


def _copies(book: BookFolder, extra: dict[str, bytes]) -> Path:
    """Three copies of the sample's stories (the whole-book checks find names and forms in
    them), and the `extra` files, listed in that order."""
    names = []
    for copy in range(3):
        for sample in SAMPLES:
            name = f"stories/{copy:02d}-{sample.name}"
            book.write(name, sample.read_bytes())
            names.append(name)
    for name, raw in extra.items():
        book.write(name, raw)
        names.append(name)
    return book.manifest("title: Copies\nlanguage: en\ncontents: [" + ", ".join(names) + "]\n")


def _early_findings_used(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    used: list[bool] = []
    findings = early.EarlyBookFindings.findings

    def recorded(self: early.EarlyBookFindings, texts: list[early.StoryText]
                 ) -> list[early.Diagnostic] | None:
        made = findings(self, texts)
        used.append(made is not None)
        return made

    monkeypatch.setattr(early.EarlyBookFindings, "findings", recorded)
    return used


def test_whole_book_findings_made_while_workers_read_are_the_serial_ones(
        book: BookFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    # A name spelt two ways across stories is a whole-book finding: made here, from the bytes,
    # while the workers read the stories.
    monkeypatch.setattr(stories, "PARALLEL_MIN_BYTES", 1)
    manifest = _copies(book, {"stories/names.txt": b"Annabel met Anabel at the gate.\n\n"
                              b"Annabel laughed; Annabel left.\n"})
    used = _early_findings_used(monkeypatch)
    serial = check_book(manifest, workers=1)
    shutil.rmtree(book.root / CACHE_DIR_NAME)
    parallel = check_book(manifest, workers=2)
    assert used == [False, True]  # serially nothing was made early; in parallel it was used
    assert any(d.code == "OCT340" for d in serial)
    assert parallel == serial


def test_whole_book_findings_made_from_other_texts_than_the_stories_are_made_again(
        book: BookFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    # Should the text decoded here ever differ from the one a story gives (a story the reader
    # refuses gives none), the findings made from it are not used: made from the stories'.
    monkeypatch.setattr(stories, "PARALLEL_MIN_BYTES", 1)
    manifest = _copies(book, {})
    likely_text = pipeline.likely_text

    def misread(path: Path, raw: bytes) -> early.StoryText | None:
        text = likely_text(path, raw)
        return None if text is None else early.StoryText(
            text.display, ["Annabel met Anabel.", "", "Annabel left; Annabel came back.",
                           *text.lines])

    monkeypatch.setattr(pipeline, "likely_text", misread)
    used = _early_findings_used(monkeypatch)
    serial = check_book(manifest, workers=1)
    shutil.rmtree(book.root / CACHE_DIR_NAME)
    parallel = check_book(manifest, workers=2)
    assert used == [False, False]
    assert parallel == serial
