"""The EPUB's costly parts made in forked workers when the book is big enough: every content
document rendered and deflated, and the generated cover drawn.

Each document depends only on the compiled book and its own page, so the documents of a long
book are shared out over worker processes forked from this one (they start with the book, the
templates and their compiled code already loaded) and come back as deflated zip entries, in
the spine's order. A serial run calls the very same function on each job here, so the bytes
are the same either way. Where forking is unsafe (threads running) or there is one core, or
the work is too small to pay for the workers, everything is done in this process.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from octavo.diagnostics import Diagnostic, OctavoError
from octavo.forking import can_fork, share_out

# A job's weight is about the milliseconds it takes: a page's is its number of blocks (a
# 100,000-word book has about 3,000), the generated cover's as much as 2,500 of them. Below
# this much work in all, starting the workers costs more than they save.
PARALLEL_MIN_WEIGHT = 4_000
COVER_WEIGHT = 2_500

T = TypeVar("T")
_WORK: Sequence[Callable[[], object]] = ()  # set in the parent just before the workers fork


@dataclass(frozen=True, slots=True)
class _Refused:
    """A page whose rendering stopped with diagnostics (a book's broken template): raised
    again in the parent, in the spine's order, as a serial run would."""

    diagnostics: tuple[Diagnostic, ...]


def run_all(jobs: Sequence[Callable[[], T]], weights: Sequence[int], workers: int,
            done: Callable[[int], None] = lambda index: None) -> list[T]:
    """Every job's result, in order. `weights` decide whether workers pay, and which jobs go
    first; `done` is told each job's index as it is finished."""
    workers = min(workers, len(jobs))
    if workers <= 1 or sum(weights) < PARALLEL_MIN_WEIGHT or not can_fork():
        here = []
        for index, job in enumerate(jobs):
            here.append(job())
            done(index)
        return here
    global _WORK
    _WORK = jobs
    try:
        # A refusal comes back as a result, so that the first in the spine's order is raised,
        # as a serial run would raise it, whichever worker met it first.
        finished = share_out([functools.partial(_job, index) for index in range(len(jobs))],
                             weights, workers, done)
    finally:
        _WORK = ()
    for result in finished:
        if isinstance(result, _Refused):
            raise OctavoError(result.diagnostics)
    return finished  # type: ignore[return-value]  # what the jobs returned


def _job(index: int) -> object:
    return _in_worker(index)  # looked up when run (a test spies on it)


def _in_worker(index: int) -> object:
    try:
        return _WORK[index]()
    except OctavoError as exc:
        return _Refused(exc.diagnostics)
