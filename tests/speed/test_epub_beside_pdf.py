"""A build of both formats makes the EPUB in a forked process while the PDF is joined: the same
EPUB (page list included), the same diagnostics and the same errors as when the EPUB is made
after the PDF, and nothing left behind when the PDF fails."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import pytest

from octavo import alongside, forking, pipeline
from octavo.backends import epub as epub_backend
from octavo.backends import pdf as pdf_backend
from octavo.diagnostics import OctavoError
from octavo.pipeline import BuildResult, build
from tests.conftest import BookFolder

WHEN = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
_REAL_EMIT = epub_backend.EpubBackend.emit
_LOG: list[Path] = []


def _recording_emit(self: epub_backend.EpubBackend, *args: object) -> object:
    """The EPUB backend's emit, writing down the process it ran in."""
    with _LOG[0].open("a", encoding="utf-8") as out:
        out.write(f"{os.getpid()}\n")
    return _REAL_EMIT(self, *args)  # type: ignore[arg-type]


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    log = tmp_path / "epub-made-in.log"
    log.touch()
    monkeypatch.setattr(epub_backend.EpubBackend, "emit", _recording_emit)
    _LOG[:] = [log]
    return log


@pytest.fixture(autouse=True)
def _beside_every_join(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """These builds are cold (no cache): the EPUB goes beside their joins all the same, since
    that is what is under test (a cold join keeps it back for memory's sake: tested below)."""
    if "keeps_the_epub_back" not in request.node.name:
        monkeypatch.setattr(pipeline, "BESIDE_COLD_JOINS", True)


def test_a_cold_join_keeps_the_epub_back_and_a_rebuilds_takes_it_beside(
        tales: BookFolder, spy: Path) -> None:
    tales.write("stories/one.txt", "One\n\nThe tide came in over the flats.\n")
    tales.write("stories/two.txt", "Two\n\nThe gulls rose with it.\n")

    def both_cached(out: str) -> BuildResult:
        return build(tales.root / "book.yaml", tales.root / out, ("epub", "pdf"),
                     timestamp=WHEN, workers=1)

    both_cached("cold")
    assert spy.read_text().split() == [str(os.getpid())]  # made here, after the PDF
    both_cached("again")  # every story and document from the cache
    made_in = spy.read_text().split()
    assert len(made_in) == 2 and made_in[1] != str(os.getpid())  # beside the join
    assert (tales.root / "cold" / "harbour-tales.epub").read_bytes() == (
        tales.root / "again" / "harbour-tales.epub").read_bytes()


@pytest.fixture
def tales(book: BookFolder) -> BookFolder:
    book.manifest("title: Harbour Tales\nauthor: Ann Writer\nlanguage: en\n"
                  "contents: [stories/one.txt, stories/two.txt]\n")
    return book


def both(book: BookFolder, out: str) -> BuildResult:
    return build(book.root / "book.yaml", book.root / out, ("epub", "pdf"), timestamp=WHEN,
                 use_cache=False, workers=1)


def test_the_epub_made_beside_the_pdf_join_is_the_one_made_after_it(
        tales: BookFolder, spy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    beside = both(tales, "beside")
    made_in = spy.read_text(encoding="utf-8").split()
    assert made_in and made_in[0] != str(os.getpid()), "the EPUB was not made in a child"
    with monkeypatch.context() as serial:  # no fork: the EPUB is made here, after the PDF
        serial.setattr(forking, "can_fork", lambda: False)
        spy.write_text("", encoding="utf-8")
        after = both(tales, "after")
        assert spy.read_text(encoding="utf-8").split() == [str(os.getpid())]
    assert [a.path.name for a in beside.artifacts] == [a.path.name for a in after.artifacts]
    for mine, theirs in zip(beside.artifacts, after.artifacts, strict=True):
        assert mine.path.read_bytes() == theirs.path.read_bytes(), mine.path.name
    assert beside.diagnostics == after.diagnostics
    epub = next(a for a in beside.artifacts if a.format == "epub").path
    with zipfile.ZipFile(epub) as archive:  # the print edition's page list came with it
        assert b'epub:type="page-list"' in archive.read("EPUB/text/nav.xhtml")


def test_an_epub_error_in_the_child_is_the_error_of_a_build_in_order(
        tales: BookFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    tales.write("templates/epub/chapter.xhtml.j2",
                '{% extends "epub/_layout.xhtml.j2" %}{% block body %}<p>{{ title }}<br>'
                "</p>{% endblock %}")
    errors = []
    for forks in (True, False):
        if not forks:  # the EPUB made here, after the PDF
            monkeypatch.setattr(forking, "can_fork", lambda: False)
        with pytest.raises(OctavoError) as caught:
            both(tales, f"out-{forks}")
        errors.append(caught.value.diagnostics)
        assert list((tales.root / f"out-{forks}").iterdir()) == []  # nothing written
    assert errors[0] == errors[1]
    assert errors[0][0].code == "OCT401" and "chapter.xhtml.j2" in errors[0][0].message


def test_a_pdf_failing_after_the_epub_started_leaves_nothing(
        tales: BookFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> object:
        raise OctavoError.single("OCT146", "the book has too many pages")

    children: list[int] = []

    class Recorded(alongside.Alongside):
        def __init__(self, make: alongside.Make) -> None:
            super().__init__(make)
            assert self._pid is not None
            children.append(self._pid)

    monkeypatch.setattr(pipeline, "Alongside", Recorded)
    monkeypatch.setattr(pdf_backend, "finish_documents", refused)  # after the page map
    with pytest.raises(OctavoError) as caught:
        both(tales, "dist")
    assert [d.code for d in caught.value.diagnostics] == ["OCT146"]
    assert list((tales.root / "dist").iterdir()) == []
    # The EPUB had been started in a child, which is gone and reaped.
    assert len(children) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)


_SCRIPT = """
import os, signal, sys, time
from octavo.alongside import Alongside

def make(diags, progress):
    time.sleep(60)

child = Alongside(make)
print(child._pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # the build is killed midway
"""


def test_the_child_dies_with_a_killed_build(tmp_path: Path) -> None:
    """A build killed midway (a catalogue's worker) leaves no child writing into the staging
    folder that its catalogue then removes."""
    import subprocess
    import sys
    import time

    run = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True,
                         timeout=60)
    child = int(run.stdout.split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        with open(f"/proc/{child}/stat", encoding="ascii") as stat:
            if stat.read().rsplit(")", 1)[1].split()[0] == "Z":  # dead, not yet reaped
                return
        time.sleep(0.05)
    raise AssertionError("the child outlived the build that started it")
