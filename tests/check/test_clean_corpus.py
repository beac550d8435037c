"""No noise: finished prose gets no finding at all, not even a note."""

from __future__ import annotations

from pathlib import Path

from octavo.check import check_files

CORPUS = Path(__file__).parent / "clean_corpus"


def test_the_corpus_is_large_enough() -> None:
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in CORPUS.glob("*.txt"))
    assert words >= 20_000


def test_finished_prose_has_no_findings() -> None:
    findings = check_files(sorted(CORPUS.glob("*.txt")))
    assert [str(d) for d in findings] == []
