"""Run a command and measure it: wall time, CPU time, and the peak of the memory its whole
process tree holds at once (the command and every worker it starts, summed), sampled every 10 ms.

Two sums: resident memory (RSS), and proportional memory (PSS, Linux; sampled every 100 ms, it
costs more to read). Workers forked from a build share its pages until they write to them; the
RSS sum counts each shared page once per process, the PSS sum once in all.

CPU time: the command's own and that of every descendant it waited for (getrusage) is exact,
but a process nobody waits for is missing from it: the workers of a forkserver pool (children
of the forkserver, which exits unwaited) and a Ray instance's processes, so build-many showed
the CPU of its main process alone. So the tree's CPU is also sampled, process by process (the
last user + system time seen of each), and the larger of the two sums is reported."""

from __future__ import annotations

import resource
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil


@dataclass(frozen=True)
class Measured:
    rc: int | None  # None: timed out
    wall: float  # seconds
    peak_mib: float  # the largest sum of the tree's resident memory seen
    peak_pss_mib: float = 0.0  # the largest sum of its proportional memory (RSS where no PSS)
    cpu: float = 0.0  # user + system seconds of the command and every worker it waited for

    @property
    def ok(self) -> bool:
        return self.rc == 0


def measure(cmd: Sequence[str | Path], *, log: Path, cwd: Path | None = None,
            env: Mapping[str, str] | None = None, timeout: float = 3600) -> Measured:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, cwd=cwd, env=env)
        root = psutil.Process(proc.pid)
        peak = peak_pss = samples = 0
        cpu_seen: dict[tuple[int, float], float] = {}  # (pid, start time) → CPU s last seen
        tree = _Tree(root)
        while proc.poll() is None:
            if samples % 5 == 0:
                tree.refresh()
            peak = max(peak, _tree_rss(tree.processes, cpu_seen=cpu_seen))
            if samples % 10 == 0:
                peak_pss = max(peak_pss, _tree_rss(tree.processes, proportional=True))
            samples += 1
            if time.perf_counter() - start > timeout:
                for child in root.children(recursive=True):
                    child.kill()
                proc.kill()
                proc.wait()
                return Measured(None, time.perf_counter() - start, peak / 2**20,
                                peak_pss / 2**20)
            time.sleep(0.01)
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    waited = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cpu = max(waited, sum(cpu_seen.values()))
    return Measured(proc.returncode, wall, peak / 2**20, peak_pss / 2**20, cpu)


class _Tree:
    """The command's process tree, looked up again every 50 ms rather than at every sample:
    finding a process's descendants reads every process's /proc entry (a millisecond or more on
    a busy machine), which at every 10 ms sample took a tenth of a core from the command being
    measured. A worker living less than 50 ms can be missed; none of octavo's does."""

    def __init__(self, root: psutil.Process) -> None:
        self.root = root
        self.processes = [root]

    def refresh(self) -> None:
        try:
            self.processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            self.processes = [self.root]


def _tree_rss(processes: list[psutil.Process], proportional: bool = False,
              cpu_seen: dict[tuple[int, float], float] | None = None) -> int:
    """The processes' resident (or proportional) memory summed; with `cpu_seen`, each one's own
    CPU time so far is recorded there too."""
    total = 0
    for process in processes:
        try:
            with process.oneshot():
                if proportional:
                    info = process.memory_full_info()
                    total += getattr(info, "pss", info.rss)
                else:
                    total += process.memory_info().rss
                if cpu_seen is not None:
                    times = process.cpu_times()
                    cpu_seen[(process.pid, process.create_time())] = times.user + times.system
        except psutil.Error:
            continue
    return total
