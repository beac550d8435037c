"""Resolve paths named by the book so that nothing outside the book folder is ever read."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from octavo.diagnostics import OctavoError, Span


def resolve_inside(root: Path, base: Path, raw: str, span: Span) -> Path:
    """`raw`, relative to `base`, resolved with symlinks followed; refused unless inside `root`.

    Raises OctavoError (OCT110) for absolute paths and for paths or symlinks leading outside.
    The file need not exist (missing files are reported separately, with their own code).
    """
    if PurePosixPath(raw).is_absolute() or PureWindowsPath(raw).is_absolute() or "\x00" in raw:
        raise OctavoError.single(
            "OCT110", f"'{raw}' is an absolute path; give a path relative to the book folder", span
        )
    root = root.resolve()
    candidate = (base / raw).resolve()
    if candidate != root and root not in candidate.parents:
        raise OctavoError.single(
            "OCT110", f"'{raw}' leads outside the book folder ({root}); refused", span
        )
    return candidate


def display_path(path: Path) -> str:
    """A path as diagnostics show it: relative to the working folder when it can be."""
    import os

    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
