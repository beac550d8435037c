"""Jobs shared over forked workers (octavo.forking.share_out): the results of a serial run, in
order, with this process doing its share, and nothing lost when a job fails or a worker dies."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest

from octavo.forking import share_out

PARENT = os.getpid()


def job(index: int, *, seconds: float = 0.1) -> Callable[[], tuple[int, int]]:
    def run() -> tuple[int, int]:
        time.sleep(seconds)
        return index * index, os.getpid()
    return run


def test_the_results_are_those_of_a_serial_run_in_order_with_this_process_among_the_workers(
        ) -> None:
    jobs = [job(index) for index in range(12)]
    weights = [index % 5 for index in range(12)]
    done: list[int] = []
    results = share_out(jobs, weights, workers=2, done=done.append)
    assert [square for square, _ in results] == [index * index for index in range(12)]
    assert sorted(done) == list(range(12))
    pids = {pid for _, pid in results}
    # Two workers: this process and one forked; this one takes the lightest jobs first.
    assert PARENT in pids and len(pids) == 2
    lightest = min(range(12), key=lambda index: (weights[index], -index))
    assert results[lightest][1] == PARENT


def test_the_heaviest_jobs_go_to_the_forked_worker_first() -> None:
    jobs = [job(index, seconds=0.2) for index in range(8)]
    weights = [1, 1, 1, 9, 1, 1, 1, 1]
    results = share_out(jobs, weights, workers=2)
    assert results[3][1] != PARENT


def test_one_worker_runs_every_job_here_in_order() -> None:
    order: list[int] = []

    def noted(index: int) -> Callable[[], int]:
        def run() -> int:
            order.append(index)
            return os.getpid()
        return run

    assert share_out([noted(i) for i in range(5)], [5, 4, 3, 2, 1], workers=1) == [PARENT] * 5
    assert order == list(range(5))


def test_a_job_failing_in_a_worker_fails_here() -> None:
    def failing() -> tuple[int, int]:
        if os.getpid() != PARENT:
            raise ValueError("no such page")
        return 0, PARENT

    jobs = [failing if index == 0 else job(index) for index in range(6)]
    with pytest.raises(ValueError, match="no such page"):
        share_out(jobs, [9, 1, 1, 1, 1, 1], workers=2)


def test_the_jobs_of_a_worker_that_dies_are_run_here() -> None:
    def dying() -> tuple[int, int]:
        if os.getpid() != PARENT:
            os._exit(1)  # killed, out of memory
        return -1, PARENT

    jobs = [dying if index == 0 else job(index) for index in range(6)]
    results = share_out(jobs, [9, 1, 1, 1, 1, 1], workers=2)
    assert results[0] == (-1, PARENT)
    assert [square for square, _ in results[1:]] == [index * index for index in range(1, 6)]


def test_a_waiting_process_leaves_every_job_to_the_forked_workers() -> None:
    results = share_out([job(index) for index in range(6)], [1] * 6, workers=2,
                        this_process_works=False)
    assert [square for square, _ in results] == [index * index for index in range(6)]
    assert PARENT not in {pid for _, pid in results}
