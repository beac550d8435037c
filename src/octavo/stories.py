"""The per-story stage of a build: read, parse, check and normalise one manuscript.

Each story depends only on its own bytes and the book's settings, so stories are processed
independently: from the build cache when nothing they depend on changed, and in worker
processes when there is enough cold work to pay for them. Either way the result is the same,
story for story, as a serial cold run.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
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


# Work for this process while the workers start on the stories (work for later stages, such
# as importing the backends, or the whole-book checks of check/early.py), given each job's
# bytes (None where the file cannot be read), in the jobs' order.
Meanwhile = Callable[[list[bytes | None]], object]


def process_stories(jobs: list[StoryJob], cache: BuildCache, workers: int = 1,
                    meanwhile: Meanwhile | None = None,
                    ) -> Iterator[tuple[StoryJob, StoryResult]]:
    """Every job's result, in the jobs' order. `meanwhile` is run by this process while the
    workers start on the stories, when there are workers."""
    todo: list[tuple[StoryJob, bytes, str]] = []  # (job, manuscript bytes, cache key)
    raws: list[bytes | None] = []
    weights: list[int] = []
    fresh: list[int] = []  # the todo jobs not in the cache
    unreadable: dict[int, tuple[Diagnostic, ...]] = {}
    for index, job in enumerate(jobs):
        raw, error = _read(job)
        raws.append(raw)
        if raw is None:
            unreadable[index] = error
            continue
        key = _key(job, raw)
        if not cache.has(CACHE_KIND, key):
            fresh.append(len(todo))
        todo.append((job, raw, key))
        weights.append(len(raw))
    # Only the stories to make go to workers: one read back from the cache is read here, as
    # it costs less than a worker's sending it back (decoded there, then pickled there and
    # unpickled here: more than twice the reading alone).
    parallel = (workers > 1 and len(fresh) > 1
                and sum(weights[i] for i in fresh) >= PARALLEL_MIN_BYTES)
    done = _run(todo, weights, cache.folder, workers if parallel else 1,
                None if meanwhile is None else functools.partial(meanwhile, raws), fresh)
    for index, job in enumerate(jobs):
        if index in unreadable:
            yield job, StoryResult(None, unreadable[index])
            continue
        result, from_cache = next(done)
        if cache.enabled:
            if from_cache:
                cache.hits += 1
            else:
                cache.misses += 1
        yield job, result


def _story(job: StoryJob, raw: bytes, cache_folder: Path | None,
           key: str) -> tuple[StoryResult, bool]:
    """The job's result, and whether it came from the cache. Run in a worker on big books: the
    entry is read and decoded there, and a fresh result is cached there, by the process that
    made it."""
    cache = BuildCache(cache_folder)
    cached = _cached(cache, key)
    if cached is not None:
        return cached, True
    result = process_story(job, raw)
    if result.story is not None and cache.enabled:
        cache.put(CACHE_KIND, key, serial.dumps(result))
    return result, False


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


def _run(todo: list[tuple[StoryJob, bytes, str]], weights: list[int],
         cache_folder: Path | None, workers: int,
         meanwhile: Callable[[], object] | None,
         fresh: list[int]) -> Iterator[tuple[StoryResult, bool]]:
    if workers <= 1:
        return (_story(job, raw, cache_folder, key) for job, raw, key in todo)
    return _shared_out(todo, weights, cache_folder, min(workers, len(fresh)), meanwhile, fresh)


def _shared_out(todo: list[tuple[StoryJob, bytes, str]], weights: list[int],
                cache_folder: Path | None, workers: int,
                meanwhile: Callable[[], object] | None = None,
                fresh: list[int] | None = None) -> Iterator[tuple[StoryResult, bool]]:
    """The `fresh` stories (default: all) over `workers` processes, this one among them: the
    pool's workers take the heaviest from the head of the queue, this process the lightest
    from its tail, until it meets one a worker has started. The others (in the cache) are
    read here, first."""
    from concurrent.futures import ProcessPoolExecutor

    fresh = list(range(len(todo))) if fresh is None else fresh
    order = sorted(fresh, key=lambda i: -weights[i])
    here: dict[int, tuple[StoryResult, bool]] = {}
    if len(fresh) >= 2:
        # The lightest story to make is made here before the workers fork: what making one
        # loads on first use (the pronouncing dictionary, the fonts' character maps, the
        # spelling dictionaries, a tenth of a second) is then inherited, not loaded again by
        # each worker.
        first = min(fresh, key=lambda i: (weights[i], i))
        job, raw, key = todo[first]
        here[first] = _story(job, raw, cache_folder, key)
        order.remove(first)
    pool = ProcessPoolExecutor(workers - 1, mp_context=_start_method())
    futures = {i: pool.submit(_story, *todo[i][:2], cache_folder, todo[i][2]) for i in order}
    try:
        if meanwhile is not None:
            meanwhile()
        making = set(fresh)
        for index, (job, raw, key) in enumerate(todo):
            if index not in making:
                here[index] = _story(job, raw, cache_folder, key)
        for index in reversed(order):
            if not futures[index].cancel():
                break
            job, raw, key = todo[index]
            here[index] = _story(job, raw, cache_folder, key)
        results = [here[index] if index in here else futures[index].result()
                   for index in range(len(todo))]
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    # Joined, so that its threads are gone when a backend forks its own workers (a process
    # running threads does not fork: octavo.forking).
    pool.shutdown(wait=True)
    yield from results


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
