"""The build cache: a cached build is the same book as a cold one, and nothing stale survives.

Every input a story depends on invalidates it, and only it; a corrupt, truncated or foreign
entry is rebuilt, never trusted; two builds at once share the cache safely.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from pathlib import Path

import pytest

from octavo import cache as cache_module
from octavo.cache import CACHE_DIR_NAME
from octavo.pipeline import BuildResult, build
from tests.conftest import BookFolder, run_octavo

WHEN = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
MANIFEST = """\
title: Harbour Tales
language: en
contents: [stories/one.txt, stories/two.txt, stories/three.md]
"""
THREE = "# Three\n\nShe said 'hello' and *left*... It was the end -- or nearly.\n"


@pytest.fixture
def tales(book: BookFolder) -> BookFolder:
    book.write("stories/three.md", THREE)
    book.manifest(MANIFEST)
    return book


def epub(folder: BookFolder, out: str = "dist", **options: object) -> BuildResult:
    return build(folder.root / "book.yaml", folder.root / out, ("epub",), timestamp=WHEN,
                 workers=1, **options)  # type: ignore[arg-type]


def digest(result: BuildResult) -> str:
    return hashlib.sha256(result.artifacts[0].path.read_bytes()).hexdigest()


def entries(folder: BookFolder) -> list[Path]:
    return sorted(p for p in (folder.root / CACHE_DIR_NAME).rglob("*") if p.is_file())


def test_a_warm_build_is_the_cold_build(tales: BookFolder) -> None:
    cold = epub(tales, "cold", use_cache=False)
    assert not (tales.root / CACHE_DIR_NAME).exists()
    first = epub(tales, "first")
    warm = epub(tales, "warm")
    assert (first.stories_from_cache, warm.stories_from_cache) == (0, 3)
    assert digest(cold) == digest(first) == digest(warm)
    assert warm.diagnostics == cold.diagnostics


def test_editing_one_story_rebuilds_only_that_story(tales: BookFolder) -> None:
    epub(tales, "first")
    tales.write("stories/two.txt", "It rained for four days.\n")
    again = epub(tales, "again")
    assert again.stories_from_cache == 2
    cold = epub(tales, "cold", use_cache=False)
    assert digest(again) == digest(cold)


@pytest.mark.parametrize("change", [
    "build:\n  quotes: british\n",  # the house style changes every story
    "check:\n  enable: [OCT303]\n",  # so do the checks that run on it
])
def test_a_manifest_setting_a_story_depends_on_invalidates_it(tales: BookFolder,
                                                              change: str) -> None:
    epub(tales, "first")
    tales.manifest(MANIFEST + change)
    assert epub(tales, "again").stories_from_cache == 0


def test_a_manifest_change_no_story_depends_on_keeps_them(tales: BookFolder) -> None:
    epub(tales, "first")
    tales.manifest(MANIFEST + "description: A book of the sea.\n")
    assert epub(tales, "again").stories_from_cache == 3


def test_a_new_octavo_invalidates_everything(tales: BookFolder,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    epub(tales, "first")
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another octavo")
    assert epub(tales, "again").stories_from_cache == 0


def test_a_renamed_manuscript_is_read_again(tales: BookFolder) -> None:
    # Its diagnostics name the file, so a cached entry for the old name cannot be reused.
    epub(tales, "first")
    (tales.root / "stories/one.txt").rename(tales.root / "stories/uno.txt")
    tales.manifest(MANIFEST.replace("one.txt", "uno.txt"))
    assert epub(tales, "again").stories_from_cache == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "foreign"])
def test_a_damaged_entry_is_rebuilt_never_trusted(tales: BookFolder, damage: str) -> None:
    cold = epub(tales, "cold", use_cache=False)
    epub(tales, "first")
    for path in entries(tales):
        blob = path.read_bytes()
        if damage == "truncate":
            path.write_bytes(blob[: len(blob) // 2])
        elif damage == "flip":
            path.write_bytes(blob[:-10] + bytes(b ^ 0xFF for b in blob[-10:]))
        elif damage == "empty":
            path.write_bytes(b"")
        else:  # a well-formed entry whose payload is not octavo's: right digest, wrong data
            payload = b'{"@":"Popen","args":["rm","-rf","/"]}'
            path.write_bytes(blob[:15] + hashlib.sha256(payload).digest() + payload)
    rebuilt = epub(tales, "rebuilt")
    assert rebuilt.stories_from_cache == 0
    assert digest(rebuilt) == digest(cold)
    assert epub(tales, "again").stories_from_cache == 3  # the entries were written afresh


def test_two_builds_at_once_share_the_cache(tales: BookFolder) -> None:
    cold = epub(tales, "cold", use_cache=False)
    results: list[BuildResult] = []
    errors: list[BaseException] = []

    def run(out: str) -> None:
        try:
            results.append(epub(tales, out))
        except BaseException as exc:  # reported below, with the thread's own exception
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f"out{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert {digest(r) for r in results} == {digest(cold)}
    assert not [p for p in (tales.root / CACHE_DIR_NAME).rglob("*.part")]


def test_no_cache_and_clean_from_the_command_line(tales: BookFolder) -> None:
    run = run_octavo("build", tales.root, "-o", tales.root / "dist", "--epub", "--no-cache",
                     cwd=tales.root)
    assert run.returncode == 0, run.stderr
    assert not (tales.root / CACHE_DIR_NAME).exists()
    assert tales.build("--epub").returncode == 0
    assert entries(tales)
    run = run_octavo("clean", tales.root, cwd=tales.root)
    assert run.returncode == 0 and "removed" in run.stdout, run.stdout + run.stderr
    assert not (tales.root / CACHE_DIR_NAME).exists()
    run = run_octavo("clean", tales.root, cwd=tales.root)
    assert run.returncode == 0 and "no cache" in run.stdout


def _long_tales(book: BookFolder) -> tuple[Path, list[str]]:
    """Twelve stories of some 20 kB each: enough text for the stories to go to workers."""
    paragraph = ("\"It's late,\" she said -- and it was... The harbour's lights went out one by "
                 "one, and nobody said what they all thought. ") * 4
    names = [f"stories/s{i:02d}.txt" for i in range(12)]
    for index, name in enumerate(names):
        book.write(name, f"Story {index}\n\n" + "\n\n".join([paragraph] * 60) + "\n")
    book.manifest("title: Long Tales\nlanguage: en\ncontents: [" + ", ".join(names) + "]\n")
    return book.root / "book.yaml", names


def test_stories_in_worker_processes_give_the_serial_book(book: BookFolder) -> None:
    # Enough text that the stories are read, checked and normalised in worker processes.
    manifest, names = _long_tales(book)
    assert sum((book.root / n).stat().st_size for n in names) > 200_000
    serial_run = build(manifest, book.root / "serial", ("epub",), timestamp=WHEN, workers=1,
                       use_cache=False)
    parallel_run = build(manifest, book.root / "parallel", ("epub",), timestamp=WHEN, workers=2,
                         use_cache=False)
    assert digest(serial_run) == digest(parallel_run)
    assert serial_run.diagnostics == parallel_run.diagnostics


def test_stories_cached_and_read_back_by_workers_give_the_serial_book(
        book: BookFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    # The stories go to worker processes, cold and warm (however little there is to read back):
    # the workers write the entries, and read them back on the next build.
    from octavo import stories

    monkeypatch.setattr(stories, "PARALLEL_MIN_BYTES", 0)
    manifest, names = _long_tales(book)
    serial_run = build(manifest, book.root / "serial", ("epub",), timestamp=WHEN, workers=1,
                       use_cache=False)
    cold = build(manifest, book.root / "cold", ("epub",), timestamp=WHEN, workers=2)
    assert cold.stories_from_cache == 0
    assert len([p for p in entries(book) if p.parent.parent.name == "story"]) == len(names)
    (book.root / names[3]).write_text("Story 3\n\nA new beginning.\n", encoding="utf-8")
    warm = build(manifest, book.root / "warm", ("epub",), timestamp=WHEN, workers=2)
    assert warm.stories_from_cache == len(names) - 1
    again = build(manifest, book.root / "again", ("epub",), timestamp=WHEN, workers=2)
    assert again.stories_from_cache == len(names)
    assert digest(cold) == digest(serial_run)
    assert digest(again) == digest(warm) != digest(cold)
    assert warm.diagnostics == again.diagnostics
