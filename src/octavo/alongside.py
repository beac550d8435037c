"""One output made in a forked process while this one goes on with another: in a build of both
formats, the EPUB is made while the PDF is joined (the EPUB needs only the PDF's page map, known
once the stories are laid out, and not the join, which takes most of a warm rebuild's time).

The child starts with the book already in memory (it is forked), makes its output into the
same staging folder, and sends back what a run here would have given: the artifact, the
diagnostics it added, the progress steps it made (shown here, when they are collected, so the
log reads as a serial build's), or the error that stopped it. Anything else (the child killed,
a bug in octavo) gives no answer, and the caller makes the output itself, here: the same output,
or the same error with its traceback, as a serial build.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable
from dataclasses import dataclass, field

from octavo.backends.base import Artifact, Progress
from octavo.diagnostics import Diagnostic, Diagnostics, OctavoError

Make = Callable[[Diagnostics, Progress], Artifact]


@dataclass(slots=True)
class _Recorded:
    """The progress a child makes, to be shown by the parent."""

    calls: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, label, total)

    def stage(self, name: str, total: int) -> None:
        self.calls.append(("stage", name, total))

    def step(self, label: str) -> None:
        self.calls.append(("step", label, 0))


@dataclass(frozen=True, slots=True)
class _Answer:
    artifact: Artifact | None
    diagnostics: tuple[Diagnostic, ...]  # added to the run's (or, with no artifact, raised)
    progress: tuple[tuple[str, str, int], ...]


class Alongside:
    """`make` run in a child forked now. `collect` gives its artifact (its diagnostics added to
    `diags`, its progress replayed), raises its OctavoError, or gives None when the child gave
    no answer. `cancel` stops it; one of the two must be called."""

    def __init__(self, make: Make) -> None:
        import gc

        read, write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read)
            _die_with(parent)
            gc.freeze()  # what it inherited stays shared: the collector leaves it unscanned
            _answer_and_exit(make, write)
        os.close(write)
        self._pid: int | None = pid
        self._read: int | None = read

    def collect(self, diags: Diagnostics, progress: Progress) -> Artifact | None:
        assert self._read is not None, "collected twice"
        chunks = []
        with os.fdopen(self._read, "rb") as pipe:
            self._read = None
            while chunk := pipe.read(1 << 16):
                chunks.append(chunk)
        self._reap()
        try:
            answer = pickle.loads(b"".join(chunks))
        except Exception:  # no answer, or a cut one: the child died
            return None
        if not isinstance(answer, _Answer):
            return None
        for kind, label, total in answer.progress:
            if kind == "stage":
                progress.stage(label, total)
            else:
                progress.step(label)
        if answer.artifact is None:
            raise OctavoError(list(answer.diagnostics))
        diags.extend(answer.diagnostics)
        return answer.artifact

    def cancel(self) -> None:
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        self._reap()
        if self._read is not None:
            os.close(self._read)
            self._read = None

    def _reap(self) -> None:
        if self._pid is not None:
            os.waitpid(self._pid, 0)
            self._pid = None


def _die_with(parent: int) -> None:
    """In the child: be killed when the parent dies (Linux), so that a build killed midway
    (a catalogue's worker, say, whose staging folder is then removed) leaves no child writing
    there after it. Elsewhere the child ends when its work does."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # it died before that was set
        os._exit(1)


def _answer_and_exit(make: Make, write: int) -> None:
    """In the child: make the output, send the answer, and leave without running the parent's
    exit handlers or flushing its buffers (they are the parent's to flush)."""
    status = 1
    try:  # no answer but a whole one: otherwise the parent makes the output itself
        diags, progress = Diagnostics(), _Recorded()
        try:
            artifact = make(diags, progress)
            answer = _Answer(artifact, tuple(diags), tuple(progress.calls))
        except OctavoError as exc:
            answer = _Answer(None, tuple(exc.diagnostics), tuple(progress.calls))
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)
