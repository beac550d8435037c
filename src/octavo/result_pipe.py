"""A process pool's results sent without waiting for this process to read them.

A `ProcessPoolExecutor` worker sends each result down one pipe, and a thread of this process
reads it, with the interpreter lock, which this process's main thread holds while it works on
jobs of its own. A pipe holds 64 KiB; one story's result is about that much. So a worker that
finished a story used to stand still until this process's reading thread was given the lock,
several times per result (a switch interval, 5 ms, each): on the 1M-word book, seconds of the
worker's time. With the pipe widened to what Linux allows an ordinary process (1 MiB by
default) a worker writes a dozen results ahead and goes on with the next story.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

WANTED_BYTES = 1 << 20


def widen(pool: ProcessPoolExecutor, size: int = WANTED_BYTES) -> int:
    """Make the pipe that carries `pool`'s results `size` bytes wide, or as wide as the system
    allows; the width it has now (0 where it cannot be known: not Linux, or the pool's
    internals differ)."""
    try:
        import fcntl

        set_size, get_size = fcntl.F_SETPIPE_SZ, fcntl.F_GETPIPE_SZ
        reader = pool._result_queue._reader  # type: ignore[attr-defined]
        descriptor = reader.fileno()
    except (ImportError, AttributeError, OSError):
        return 0
    for wanted in (size, _system_limit()):
        try:
            fcntl.fcntl(descriptor, set_size, wanted)
            break
        except OSError:  # above the limit for this process: the limit itself, then as it is
            continue
    try:
        return int(fcntl.fcntl(descriptor, get_size))
    except OSError:
        return 0


def _system_limit() -> int:
    try:
        with open("/proc/sys/fs/pipe-max-size", encoding="ascii") as handle:
            return int(handle.read().strip())
    except (OSError, ValueError):
        return 0
