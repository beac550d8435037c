"""The EPUB's pages and cover made in forked workers give the same book as a serial build.

The page workers start only on long books; here the threshold is lowered so that a small book
goes through them, and a spy proves the pages really were rendered in other processes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from octavo.backends import epub_render
from octavo.diagnostics import OctavoError
from octavo.pipeline import build
from tests.conftest import BookFolder

WHEN = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
PARAGRAPH = ("\"It's late,\" she said -- and it was... The harbour's lights went out one by one, "
             "and nobody said what they all thought.")


@pytest.fixture
def long_tales(book: BookFolder) -> BookFolder:
    names = [f"stories/s{i:02d}.txt" for i in range(8)]
    for index, name in enumerate(names):
        book.write(name, f"Story {index}\n\n" + "\n\n".join([PARAGRAPH] * 30) + "\n")
    # No cover named: the generated one is drawn in a worker too.
    book.manifest("title: Long Tales\nauthor: Ann Writer\nlanguage: en\ncontents: ["
                  + ", ".join(names) + "]\n")
    return book


def epub_bytes(book: BookFolder, out: str, workers: int) -> bytes:
    result = build(book.root / "book.yaml", book.root / out, ("epub",), timestamp=WHEN,
                   workers=workers, use_cache=False)
    return result.artifacts[0].path.read_bytes()


_REAL_JOB: Callable[[int], object] = epub_render._in_worker
_SPY_LOG: list[Path] = []
_SPY_PARENT: list[int] = []


def _recording_job(index: int) -> object:
    """A worker's job that also writes the worker's process id down (a module function: the
    pool sends it by name, and the forked worker finds it patched in). This process, which
    takes the lightest pages while the forked worker starts, waits (up to 10 s) for the worker
    to have taken one: otherwise it can render them all before the fork is up, and the test
    would show nothing of the workers."""
    log = _SPY_LOG[0]
    with log.open("a", encoding="utf-8") as out:
        out.write(f"{os.getpid()}\n")
    if os.getpid() == _SPY_PARENT[0]:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and set(log.read_text(encoding="utf-8").split()) <= {
                str(os.getpid())}:
            time.sleep(0.01)
    return _REAL_JOB(index)


def spy_on_workers(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    monkeypatch.setattr(epub_render, "_in_worker", _recording_job)
    _SPY_LOG[:] = [log]
    _SPY_PARENT[:] = [os.getpid()]


def test_pages_rendered_in_workers_give_the_serial_epub(long_tales: BookFolder, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    serial = epub_bytes(long_tales, "serial", workers=1)
    monkeypatch.setattr(epub_render, "PARALLEL_MIN_WEIGHT", 0)
    log = tmp_path / "workers.log"
    spy_on_workers(monkeypatch, log)
    parallel = epub_bytes(long_tales, "parallel", workers=2)
    worker_pids = set(log.read_text(encoding="utf-8").split())
    assert worker_pids - {str(os.getpid())}, "no page was rendered in a worker process"
    assert hashlib.sha256(parallel).hexdigest() == hashlib.sha256(serial).hexdigest()
    with zipfile.ZipFile(long_tales.root / "parallel" / "long-tales.epub") as archive:
        assert archive.testzip() is None
        assert archive.namelist()[0] == "mimetype"
        assert "EPUB/images/cover.png" in archive.namelist()
        assert archive.read("EPUB/images/cover.png").startswith(b"\x89PNG")


def test_a_broken_template_in_a_worker_is_the_serial_error(long_tales: BookFolder,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    long_tales.write("templates/epub/chapter.xhtml.j2",
                     '{% extends "epub/_layout.xhtml.j2" %}{% block body %}<p>{{ title }}<br>'
                     "</p>{% endblock %}")
    errors = []
    for workers, threshold in ((1, epub_render.PARALLEL_MIN_WEIGHT), (2, 0)):
        monkeypatch.setattr(epub_render, "PARALLEL_MIN_WEIGHT", threshold)
        with pytest.raises(OctavoError) as caught:
            epub_bytes(long_tales, f"out-{workers}", workers)
        errors.append(caught.value.diagnostics)
        assert list((long_tales.root / f"out-{workers}").iterdir()) == []
    assert errors[0] == errors[1]
    assert errors[0][0].code == "OCT401" and "chapter.xhtml.j2" in errors[0][0].message
