"""The per-story stage of a build: read, parse, check and normalise one manuscript.

Each story depends only on its own bytes and the book's settings, so stories are processed
independently: from the build cache when nothing they depend on changed, and in worker
processes when there is enough cold work to pay for them. Either way the result is the same,
story for story, as a serial cold run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path

from octavo import serial
from octavo.cache import BuildCache, cache_key
from octavo.check import ALWAYS_CHECKED, check_blocks, check_text
from octavo.check.anthology_rules import StoryText
from octavo.diagnostics import Diagnostic, Diagnostics, OctavoError, Span
from octavo.ingest import MARKDOWN_SUFFIXES, ReadOptions, parse_source, read_source_bytes
from octavo.ingest.habits import apply_habits
from octavo.ingest.model import RawStory
from octavo.normalise import HouseStyle, normalise_story
from octavo.paths import display_path

CACHE_KIND = "story"
# Below this much cold text, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 200_000


@dataclass(frozen=True, slots=True)
class StoryJob:
    path: Path
    display: str  # as the manifest names the file
    span: Span  # the manifest entry, to point at when the file cannot be used
    style: HouseStyle
    lint: bool
    enabled: frozenset[str] = frozenset()
    house_words: tuple[tuple[str, str], ...] = ()
    habits: tuple[tuple[str, str], ...] = ()  # (habit kind, action): what the book does with each
    docx_changes: str | None = None  # a Word file's tracked changes: "accept", "refuse" or None


@dataclass(frozen=True, slots=True)
class StoryResult:
    story: RawStory | None  # normalised; None when the file cannot be used
    diagnostics: tuple[Diagnostic, ...]
    text: StoryText | None = None  # for the checks across the book (plain text, when linting)


serial.register(StoryResult, StoryText)


def process_stories(jobs: list[StoryJob], cache: BuildCache,
                    workers: int = 1) -> Iterator[tuple[StoryJob, StoryResult]]:
    """Every job's result, in the jobs' order."""
    loaded: list[tuple[StoryJob, str, StoryResult | None]] = []  # (job, cache key, cached)
    cold: list[tuple[StoryJob, bytes]] = []
    cold_keys: list[str] = []
    unreadable: dict[int, tuple[Diagnostic, ...]] = {}
    for index, job in enumerate(jobs):
        raw, error = _read(job)
        if raw is None:
            unreadable[index] = error
            continue
        key = _key(job, raw)
        cached = _cached(cache, key)
        if cached is None:
            cold.append((job, raw))
            cold_keys.append(key)
        loaded.append((job, key, cached))
    cold_bytes = sum(len(raw) for _, raw in cold)
    fresh = _run(cold, cold_keys, cache, workers if cold_bytes >= PARALLEL_MIN_BYTES else 1)
    done = iter(loaded)
    for index, job in enumerate(jobs):
        if index in unreadable:
            yield job, StoryResult(None, unreadable[index])
            continue
        _, key, cached = next(done)
        yield job, cached or next(fresh)


def process_story(job: StoryJob, raw: bytes) -> StoryResult:
    shown = display_path(job.path)
    try:
        story, decoded = parse_source(raw, job.path.suffix, shown,
                                      ReadOptions(docx_changes=job.docx_changes))
    except OctavoError as exc:
        return StoryResult(None, _pointing_at_entry(job, exc))
    story = apply_habits(story, job.habits, shown)
    found = Diagnostics()
    found.extend(story.diagnostics)
    text = None
    if decoded is None:  # a format without lines: checked paragraph by paragraph
        found.extend(check_blocks(story.blocks, shown, job.enabled, job.house_words,
                                  only=None if job.lint else ALWAYS_CHECKED))
    elif job.lint:
        markdown = job.path.suffix.lower() in MARKDOWN_SUFFIXES
        found.extend(check_text(decoded.text, shown, job.enabled, job.house_words,
                                markdown=markdown))
        if not markdown:
            text = StoryText(shown, decoded.text.split("\n"))
    else:
        found.extend(check_text(decoded.text, shown, only=ALWAYS_CHECKED))
    return StoryResult(normalise_story(story, job.style), tuple(found), text)


def _read(job: StoryJob) -> tuple[bytes | None, tuple[Diagnostic, ...]]:
    try:
        return read_source_bytes(job.path, display_path(job.path)), ()
    except OctavoError as exc:
        return None, _pointing_at_entry(job, exc)


def _pointing_at_entry(job: StoryJob, exc: OctavoError) -> tuple[Diagnostic, ...]:
    """Point at the manifest entry too, so the user knows which line named the file."""
    diags = Diagnostics()
    for d in exc.diagnostics:
        where = f" (at {d.span})" if d.span and (d.span.line or d.span.paragraph) else ""
        diags.error(d.code, f"{job.display}: {d.message}{where}", job.span)
    return tuple(diags)


def _key(job: StoryJob, raw: bytes) -> str:
    settings = repr((job.path.suffix.lower(), display_path(job.path), job.style, job.lint,
                     sorted(job.enabled), job.house_words, job.habits, job.docx_changes))
    return cache_key(CACHE_KIND, settings, raw)


def _cached(cache: BuildCache, key: str) -> StoryResult | None:
    payload = cache.get(CACHE_KIND, key)
    if payload is None:
        return None
    try:
        result = serial.loads(payload)
    except (ValueError, KeyError, TypeError):  # whole, but not ours: rebuilt
        result = None
    if not isinstance(result, StoryResult):
        cache.reject(CACHE_KIND, key)
        return None
    return result


def _processed_and_kept(job: StoryJob, raw: bytes, cache: BuildCache, key: str) -> StoryResult:
    """`process_story`, its result kept in the cache by the process that made it (a worker
    encodes its own stories, in parallel, instead of the parent encoding all of them)."""
    result = process_story(job, raw)
    if result.story is not None and cache.enabled:
        cache.put(CACHE_KIND, key, serial.dumps(result))
    return result


def _run(cold: list[tuple[StoryJob, bytes]], keys: list[str], cache: BuildCache,
         workers: int) -> Iterator[StoryResult]:
    if workers <= 1 or len(cold) < 2:
        return (_processed_and_kept(job, raw, cache, key)
                for (job, raw), key in zip(cold, keys, strict=True))
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(min(workers, len(cold)), mp_context=_start_method())
    # Largest first, so that no worker is left with one big story at the end.
    order = sorted(range(len(cold)), key=lambda i: -len(cold[i][1]))
    futures = {i: pool.submit(_processed_and_kept, *cold[i], cache, keys[i]) for i in order}
    pool.shutdown(wait=False)
    return (futures[i].result() for i in range(len(cold)))


def _start_method() -> BaseContext:
    """fork where it is safe (octavo.forking), else a clean interpreter."""
    import multiprocessing

    from octavo.forking import can_fork

    if can_fork():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver")


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
