"""Jobs shared over forked worker processes, this process among them, biggest first.

A forked worker starts with octavo (and WeasyPrint, the fonts, the stylesheets) already loaded,
which saves a third of a second or more per worker; but forking a process that runs threads can
deadlock the child, and some platforms cannot fork at all (`can_fork`): the jobs are then all
run here, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

# The jobs of the `share_out` running now, in the order the workers take them (heaviest first),
# a lock, and the shared [head, tail] of that order: a forked worker finds them here as they were
# when it was forked (a job is a closure: nothing of it is pickled but its result), and the
# head and tail, in shared memory, are where each side takes its next job.
_SHARED: tuple[Sequence[Callable[[], object]], list[int], Any, Any] | None = None


def can_fork() -> bool:
    import multiprocessing
    import threading

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def share_out(jobs: Sequence[Callable[[], T]], weights: Sequence[int], workers: int,
              done: Callable[[int], None] = lambda index: None, *,
              this_process_works: bool = True) -> list[T]:
    """Every job's result, in order, the jobs run by `workers` processes: this one and
    `workers - 1` forked from it. The forked ones take the heaviest jobs first (by `weights`),
    so that none is left alone with a long one at the end; this process takes the lightest,
    until the two ends meet, then collects the workers' results. `done` is told each job's
    index as its result arrives here.

    Without `this_process_works`, `workers` processes are forked and this one only collects:
    one process more, but this one (which holds the whole book and every result) does not
    grow by the memory a job takes while it runs.

    A job that raises in a worker raises here (its exception pickled back), and no job is
    started after it. A worker that dies (killed, out of memory) leaves its job to this
    process."""
    workers = min(workers, len(jobs))
    if workers <= 1 or not can_fork():
        return [_run_here(jobs, index, done) for index in range(len(jobs))]
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _SHARED
    context = multiprocessing.get_context("fork")
    order = sorted(range(len(jobs)), key=lambda i: -weights[i])
    lock, ends = context.Lock(), context.RawArray("q", [0, len(jobs) - 1])
    finished: dict[int, T] = {}
    _SHARED = (jobs, order, lock, ends)
    # The workers share this process's pages until they write to them; the collector writes
    # to every object it scans, so the objects made so far (the book, WeasyPrint's state) are
    # set aside from it while the workers live, and stay shared.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers - 1 if this_process_works else workers,
                                 mp_context=context) as pool:
            # One task per job: each takes the next job from the head, if any is left.
            futures = [pool.submit(_next_from_head) for _ in jobs]

            def collect(*, wait: bool) -> None:
                """The workers' results that have arrived (all of them, with `wait`)."""
                while futures and (wait or futures[0].done()):
                    try:
                        taken = futures.pop(0).result()
                    except BrokenProcessPool:
                        continue  # its job is run here
                    if taken is not None:
                        finished[taken[0]] = taken[1]  # type: ignore[assignment]
                        done(taken[0])

            try:
                while this_process_works and (
                        position := _take(lock, ends, from_head=False)) is not None:
                    finished[order[position]] = _run_here(jobs, order[position], done)
                    collect(wait=False)  # reported as they come, for the progress shown
                collect(wait=True)
            except BaseException:
                with lock:  # nothing more is started
                    ends[0], ends[1] = 1, 0
                raise
    finally:
        _SHARED = None
        gc.unfreeze()
    return [finished[index] if index in finished else _run_here(jobs, index, done)
            for index in range(len(jobs))]


def _take(lock: Any, ends: Any, *, from_head: bool) -> int | None:
    """The next position of the order to run, from its head (a worker) or its tail (this
    process), or None when the two ends have met."""
    with lock:
        head, tail = ends[0], ends[1]
        if head > tail:
            return None
        if from_head:
            ends[0] = head + 1
            return int(head)
        ends[1] = tail - 1
        return int(tail)


def _run_here(jobs: Sequence[Callable[[], T]], index: int, done: Callable[[int], None]) -> T:
    result = jobs[index]()
    done(index)
    return result


def _next_from_head() -> tuple[int, object] | None:
    """In a worker: (index, result) of the next job from the head, or None if none is left."""
    if _SHARED is None:
        raise RuntimeError("a worker was started without its jobs (not forked from the build?)")
    jobs, order, lock, ends = _SHARED
    position = _take(lock, ends, from_head=True)
    if position is None:
        return None
    return order[position], jobs[order[position]]()
