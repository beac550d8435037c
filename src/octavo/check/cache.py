"""A small on-disk cache for what the checks derive from their dictionaries, so that a check
does not pay for loading a lexicon again on every run (the 5-second budget for a million words
includes start-up).

Entries live in `$OCTAVO_CACHE_DIR`, else `$XDG_CACHE_HOME/octavo`, else `~/.cache/octavo`, one
file per name, named with the versions of the packages they were made from. They hold only
plain data (dicts, strings, numbers), written with `marshal` to a temporary file and moved into
place, so two runs at once never see half a file. Nothing fails if the folder cannot be
written: the data is then made in memory, as without a cache.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from pathlib import Path
from typing import Any


def package_version(distribution: str, module: str) -> str:
    """The installed version of `distribution` (whose import name is `module`), read from its
    `.dist-info` folder beside the module, without importing either: `importlib.metadata`
    alone costs a worker process a tenth of a second, and this is only a cache's name."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is not None and spec.origin:
        wanted = distribution.lower().replace("-", "_").replace(".", "_")
        for info in Path(spec.origin).resolve().parent.parent.glob("*.dist-info"):
            name, _, found = info.name[: -len(".dist-info")].partition("-")
            if name.lower().replace(".", "_") == wanted and found:
                return found
    from importlib.metadata import version

    return version(distribution)


def folder() -> Path:
    if os.environ.get("OCTAVO_CACHE_DIR"):
        return Path(os.environ["OCTAVO_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "octavo"


def _path(name: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
    return folder() / "check" / f"{safe}.marshal"


def load(name: str) -> Any | None:
    """The cached value, or None when there is none (or it cannot be read)."""
    try:
        return marshal.loads(_path(name).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def save(name: str, value: Any) -> None:
    """Keep `value` (plain data only) for later runs; silently skipped if it cannot be written."""
    path = _path(name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(value))
        os.replace(temporary, path)
    except (OSError, ValueError):
        Path(temporary).unlink(missing_ok=True)
