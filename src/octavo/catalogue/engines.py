"""Where the books of a catalogue are built: a local process pool, or a Ray cluster.

Both run `task.run_book` on plain `BookTask`s and hand each `BookReport` back as soon as it is
done. A book whose worker dies (killed, out of memory) is retried once; if its worker dies
again the book is reported failed and what it left in its output folder is removed.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import Protocol

from octavo.catalogue.task import BookReport, BookTask, remove_partial_outputs, run_book

Done = Callable[[BookReport], None]
ENGINES = ("local", "ray")
# A worker builds at most this many books before it is replaced, so that memory a long-lived
# worker would otherwise keep (WeasyPrint's caches, fragmentation) is given back.
BOOKS_PER_WORKER = 25


class Engine(Protocol):
    name: str

    def run(self, tasks: list[BookTask], done: Done) -> None: ...


def make_engine(name: str, jobs: int) -> Engine:
    if name == "ray":
        return RayEngine(jobs)
    return LocalEngine(jobs)


def crashed(task: BookTask) -> BookReport:
    """The report of a book whose worker died on both attempts; its leftovers are removed."""
    remove_partial_outputs(Path(task.output))
    return BookReport(task.name, task.manifest, "failed", attempts=2,
                      error="the worker building this book died on both attempts "
                            "(killed, or out of memory)")


class LocalEngine:
    """A pool of worker processes on this machine, `jobs` books at a time."""

    name = "local"

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)

    def run(self, tasks: list[BookTask], done: Done) -> None:
        suspects = self._run_pool(tasks, self.jobs, done)
        # Any of the books in flight when a worker died may have killed it: retry each alone,
        # so that an innocent book is never blamed for its neighbour.
        for task in suspects:
            again = self._run_pool([task], 1, lambda report: done(_retried(report)))
            for lost in again:
                done(crashed(lost))

    def _run_pool(self, tasks: Iterable[BookTask], jobs: int, done: Done) -> list[BookTask]:
        """Run the tasks; return those whose pool broke under them."""
        pending = deque(tasks)
        suspects: list[BookTask] = []
        while pending:
            with _pool(jobs) as pool:
                in_flight: dict[Future[BookReport], BookTask] = {}
                broken = False
                while (pending or in_flight) and not broken:
                    while pending and len(in_flight) < jobs:
                        task = pending.popleft()
                        in_flight[pool.submit(run_book, task)] = task
                    finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                    for future in finished:
                        task = in_flight.pop(future)
                        try:
                            done(future.result())
                        except BrokenProcessPool:
                            suspects.append(task)
                            broken = True
                for future, task in in_flight.items():  # the pool broke: what was in flight?
                    if future.done() and future.exception() is None:
                        done(future.result())
                    else:
                        suspects.append(task)
        return suspects


def _pool(jobs: int) -> ProcessPoolExecutor:
    # forkserver: workers start from a clean interpreter, not a copy of this one's state.
    return ProcessPoolExecutor(jobs, mp_context=get_context("forkserver"),
                               max_tasks_per_child=BOOKS_PER_WORKER)


def _retried(report: BookReport) -> BookReport:
    report.attempts = 2
    return report


class RayEngine:
    """The same tasks on a Ray cluster: `RAY_ADDRESS` if set, else a local Ray instance.

    A book is one task, so its stories stay on one worker. Outputs go where the task's output
    folder says, which on a cluster must be storage every node shares."""

    name = "ray"

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)

    def run(self, tasks: list[BookTask], done: Done) -> None:
        import ray
        from ray.exceptions import RayError

        started_here = not ray.is_initialized()
        if started_here:
            address = os.environ.get("RAY_ADDRESS") or None
            ray.init(address=address, num_cpus=None if address else self.jobs,
                     include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR,
                     configure_logging=True)
        try:
            # max_retries: Ray runs a task again when its worker dies, once. A book that fails
            # (bad manifest, an internal error) returns its report and is never retried.
            remote = ray.remote(max_retries=1, retry_exceptions=False)(run_book)
            refs = {remote.remote(task): task for task in tasks}
            waiting = list(refs)
            while waiting:
                finished, waiting = ray.wait(waiting, num_returns=1)
                for ref in finished:
                    try:
                        done(ray.get(ref))
                    except RayError:
                        done(crashed(refs[ref]))
        finally:
            if started_here:
                ray.shutdown()
