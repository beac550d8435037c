"""A pool whose result pipe is widened still gives every result, whole and in order, and its
workers can send results much larger than a plain pipe holds without a reader."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from octavo import result_pipe


def _big(n: int) -> bytes:
    return bytes([n % 256]) * (150_000 + n)


def test_a_widened_pool_gives_every_result_whole_and_in_order() -> None:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        width = result_pipe.widen(pool)
        results = list(pool.map(_big, range(12)))
    assert results == [_big(n) for n in range(12)]
    limit = Path("/proc/sys/fs/pipe-max-size")
    if limit.exists():  # Linux: as wide as asked, or as the system allows
        assert width >= min(result_pipe.WANTED_BYTES, int(limit.read_text()))


def test_a_pool_without_the_usual_internals_is_left_as_it_is() -> None:
    class NotAPool:
        pass

    assert result_pipe.widen(NotAPool()) == 0  # type: ignore[arg-type]
