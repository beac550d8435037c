"""The build cache: results keyed by the hash of everything they were made from.

It lives in the book's `.octavo-cache/` folder. An entry is written to a temporary file and
moved into place, so two builds running at once can only ever see whole entries; each entry
carries the SHA-256 of its payload, so a truncated or corrupt entry is detected, removed and
rebuilt, never trusted. Payloads are data (JSON or PDF bytes), never code: a cache copied in
from somewhere else can at worst be wrong, and then its hash does not match.

A key includes a fingerprint of octavo's own installed files (code, styles, templates, fonts),
so upgrading or editing octavo invalidates everything it could affect.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

from octavo import __version__

CACHE_DIR_NAME = ".octavo-cache"
_MAGIC = b"OCTAVO-CACHE-1\n"
_DIGEST = 32


class BuildCache:
    """A content-addressed store of byte payloads. `BuildCache(None)` stores nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_book(cls, book_folder: Path, enabled: bool = True) -> BuildCache:
        return cls(book_folder / CACHE_DIR_NAME if enabled else None)

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def get(self, kind: str, key: str) -> bytes | None:
        if self.folder is None:
            return None
        path = self._path(kind, key)
        try:
            blob = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        payload = _unwrap(blob)
        if payload is None:  # truncated, corrupt or foreign: never trusted, rebuilt
            path.unlink(missing_ok=True)
            self.misses += 1
            return None
        self.hits += 1
        return payload

    def has(self, kind: str, key: str) -> bool:
        """Whether an entry is there (whole or not: `get` says)."""
        return self.folder is not None and self._path(kind, key).is_file()

    def reject(self, kind: str, key: str) -> None:
        """An entry whose bytes are whole but whose content is not what it should be (written by
        something else): removed, and counted as a miss."""
        if self.folder is not None:
            self._path(kind, key).unlink(missing_ok=True)
            self.hits -= 1
            self.misses += 1

    def put(self, kind: str, key: str, payload: bytes) -> None:
        if self.folder is None:
            return
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, partial = tempfile.mkstemp(prefix=".", suffix=".part", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(partial, path)
        except OSError:
            # A cache that cannot be written (read-only book folder, full disk) only costs
            # time: the build goes on without it.
            return

    def _path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / key[:2] / key


def _unwrap(blob: bytes) -> bytes | None:
    head = len(_MAGIC) + _DIGEST
    if len(blob) < head or not blob.startswith(_MAGIC):
        return None
    payload = blob[head:]
    if hashlib.sha256(payload).digest() != blob[len(_MAGIC):head]:
        return None
    return payload


def cache_key(*parts: str | bytes) -> str:
    """The key of an entry made from `parts` by this installation of octavo."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """octavo's version and every installed file of it (name, size, modification time): a
    changed or reinstalled octavo never reuses what an older one cached."""
    from octavo.resources import styles_dir

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for folder in dict.fromkeys((package, styles_dir())):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\0"
                              .encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def clean(book_folder: Path) -> int:
    """Remove the book's cache; the number of bytes freed."""
    folder = book_folder / CACHE_DIR_NAME
    if not folder.is_dir():
        return 0
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    shutil.rmtree(folder, ignore_errors=True)
    return size
