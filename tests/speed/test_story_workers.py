"""How the story stage shares its work with forked workers: one story made before the fork (what
it loads is inherited), the later stages' preparation done while the workers run, and the pool
gone when the stage ends (so that the EPUB's own workers can fork)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from octavo import stories
from octavo.cache import BuildCache
from octavo.manifest import load_manifest
from octavo.serial import dumps
from octavo.stories import StoryJob, StoryResult, process_stories
from tests.conftest import BookFolder

PARAGRAPH = ("\"It's late,\" she said -- and it was... The harbour's lights went out one by one, "
             "and nobody said what they all thought. ")

_REAL_STORY = stories._story
_LOG: list[Path] = []


def _recording_story(job: StoryJob, raw: bytes, cache_folder: Path | None,
                     key: str) -> tuple[StoryResult, bool]:
    """`stories._story`, writing down which process made which story, in order, and whether
    a pool was running then (a module function: the pool sends it by name, and the forked
    worker finds it patched in)."""
    pool = "pool" if threading.active_count() > 1 else "alone"
    with _LOG[0].open("a", encoding="utf-8") as out:
        out.write(f"{os.getpid()} {pool} {job.display}\n")
    return _REAL_STORY(job, raw, cache_folder, key)


def _jobs(book: BookFolder, sizes: list[int]) -> list[StoryJob]:
    names = [f"stories/s{i:02d}.txt" for i in range(len(sizes))]
    for index, (name, paragraphs) in enumerate(zip(names, sizes, strict=True)):
        book.write(name, f"Story {index}\n\n" + "\n\n".join([PARAGRAPH] * paragraphs) + "\n")
    manifest, _ = load_manifest(book.manifest(
        "title: Tales\nlanguage: en\ncontents: [" + ", ".join(names) + "]\n"), "book.yaml")
    return [StoryJob(s.path, s.display, s.span, manifest.house_style, True,
                     manifest.check_enabled, manifest.house_words, s.habits, s.docx_changes)
            for s in manifest.stories()]


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    log = tmp_path / "made.log"
    log.touch()
    monkeypatch.setattr(stories, "_story", _recording_story)
    monkeypatch.setattr(stories, "PARALLEL_MIN_BYTES", 0)
    _LOG[:] = [log]
    return log


def test_the_lightest_story_is_made_here_before_the_workers_fork(book: BookFolder,
                                                                 spy: Path) -> None:
    jobs = _jobs(book, [40, 25, 5, 30, 35, 20])
    serial = [result for _, result in process_stories(jobs, BuildCache(None), workers=1)]
    spy.write_text("", encoding="utf-8")
    parallel = [result for _, result in process_stories(jobs, BuildCache(None), workers=2)]
    assert parallel == serial
    made = [line.split(" ") for line in spy.read_text(encoding="utf-8").splitlines()]
    assert sorted(name for _, _, name in made) == sorted(job.display for job in jobs)
    # The first story made is the smallest, by this process, before the pool existed; a worker
    # made others.
    assert made[0] == [str(os.getpid()), "alone", "stories/s02.txt"]
    assert {pid for pid, _, _ in made} - {str(os.getpid())}


def test_the_meanwhile_work_is_done_once_while_workers_run(book: BookFolder, spy: Path) -> None:
    jobs = _jobs(book, [30, 30, 30, 30])
    calls: list[int] = []
    list(process_stories(jobs, BuildCache(None), workers=2,
                         meanwhile=lambda raws: calls.append(threading.active_count())))
    # Called once, while the pool's manager thread was running beside this one.
    assert len(calls) == 1 and calls[0] > 1
    calls.clear()
    list(process_stories(jobs, BuildCache(None), workers=1, meanwhile=lambda raws: calls.append(1)))
    assert calls == []  # no workers: the later stages do their own preparation


def test_no_thread_of_the_story_pool_is_left_when_the_stage_ends(book: BookFolder,
                                                                spy: Path) -> None:
    jobs = _jobs(book, [30, 30, 30, 30])
    results = list(process_stories(jobs, BuildCache(None), workers=2))
    assert len(results) == len(jobs)
    # A process running threads does not fork (octavo.forking): the EPUB's page workers can.
    assert threading.active_count() == 1


def test_stories_in_the_cache_are_read_here_and_only_the_others_go_to_workers(
        book: BookFolder, spy: Path, tmp_path: Path) -> None:
    jobs = _jobs(book, [30, 25, 20, 35, 40, 15])
    cache = BuildCache(tmp_path / "cache")
    cold = [result for _, result in process_stories(jobs, cache, workers=2)]
    for name in ("stories/s01.txt", "stories/s04.txt"):  # two stories edited
        path = book.root / name
        path.write_text(path.read_text(encoding="utf-8") + "\nA correction.\n", encoding="utf-8")
    spy.write_text("", encoding="utf-8")
    warm = [result for _, result in process_stories(jobs, BuildCache(tmp_path / "cache"),
                                                    workers=2)]
    made = [line.split(" ") for line in spy.read_text(encoding="utf-8").splitlines()]
    by_name = {name: pid for pid, _, name in made}
    here = str(os.getpid())
    unchanged = {job.display for job in jobs} - {"stories/s01.txt", "stories/s04.txt"}
    assert sorted(by_name) == sorted(job.display for job in jobs)
    assert all(by_name[name] == here for name in unchanged)
    assert by_name["stories/s04.txt"] != here  # the heavier edited story: by a worker
    # The same results as a serial cold run (as the cache keeps them: a list comes back a tuple).
    serial = [result for _, result in process_stories(jobs, BuildCache(None), workers=1)]
    assert [dumps(r) for r in warm] == [dumps(r) for r in serial]
    assert [dumps(r) for r, job in zip(warm, jobs, strict=True) if job.display in unchanged] == [
        dumps(r) for r, job in zip(cold, jobs, strict=True) if job.display in unchanged]
