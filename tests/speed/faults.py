"""Kill a build's worker in the middle of a book, from outside octavo's code.

`install(folder, kills)` writes a `sitecustomize.py` into `folder` and returns an environment with
that folder on PYTHONPATH, so every Python process the test starts (the CLI, its pool workers,
Ray's workers) loads it. `kills` maps a book folder's name to "always" or "once". An "always"
book's process writes its first format into the build's staging folder and then kills itself
with SIGKILL, as the kernel's OOM killer would. A "once" book's process dies the same way, but
at once, before writing anything, and only on its first attempt (a marker file in `folder`
remembers it): so when both share a pool, the "once" book is always the one that broke it, and
which book the engine must retry is not left to timing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

SITECUSTOMIZE = '''
import json
import os

def _install():
    kills = json.loads(os.environ.get("OCTAVO_KILL", "{}"))
    if not kills:
        return
    import signal
    from pathlib import Path
    import octavo.pipeline as pipeline

    real_load_backend = pipeline.load_backend
    markers = Path(os.environ["OCTAVO_KILL_MARKERS"])

    def load_backend(name):
        backend = real_load_backend(name)
        real_emit = backend.emit

        def emit(book, options, diags, progress):
            how = kills.get(Path(book.root).name)
            if how == "once":
                marker = markers / f"{Path(book.root).name}.killed"
                if not marker.exists():
                    marker.touch()
                    os.kill(os.getpid(), signal.SIGKILL)
            artifact = real_emit(book, options, diags, progress)
            if how == "always":
                os.kill(os.getpid(), signal.SIGKILL)
            return artifact

        backend.emit = emit
        return backend

    pipeline.load_backend = load_backend

_install()
'''


def install(folder: Path, kills: dict[str, str]) -> dict[str, str]:
    """Write the fault hook; return the environment that activates it for child processes."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(folder), env.get("PYTHONPATH")) if p)
    env["OCTAVO_KILL"] = json.dumps(kills)
    env["OCTAVO_KILL_MARKERS"] = str(folder)
    return env
