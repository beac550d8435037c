"""What the preflight measured on a book's pages, kept for its next build.

The preflight (check/pdf_preflight.py) measures each page's text positions and scans each
content stream's colours; both depend only on what the measure reads (the stream's bytes, the
page's fonts and boxes), and the preflight keys what it measured by the hash of that. This
keeps those measures between builds, in one entry of the build cache per book and octavo
installation (the entry's key holds octavo's code fingerprint): a rebuild after one story was
edited measures that story's pages and copies the others' measures. Only the measures this
build used are kept, so the entry does not grow with every edit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from octavo.cache import BuildCache

MEMO_KIND = "pdf-preflight"


class PreflightMemo(dict[str, Any]):
    """A dict that remembers which keys were asked for or set."""

    def __init__(self, remembered: dict[str, Any]) -> None:
        super().__init__(remembered)
        self.seen: set[str] = set()

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.seen.add(key)
        return super().__contains__(key)

    def __setitem__(self, key: str, value: Any) -> None:
        self.seen.add(key)
        super().__setitem__(key, value)

    def used(self) -> dict[str, Any]:
        return {key: dict.__getitem__(self, key) for key in sorted(self.seen)
                if dict.__contains__(self, key)}


def _key(book_root: Path, stem: str) -> str:
    from octavo.cache import cache_key

    return cache_key(MEMO_KIND, str(book_root.resolve()), stem)


def load_memo(cache: BuildCache | None, book_root: Path, stem: str) -> PreflightMemo | None:
    """The book's memo (empty when there is none, or it is not one); None without a cache."""
    if cache is None:
        return None
    key = _key(book_root, stem)
    payload = cache.get(MEMO_KIND, key)
    remembered: Any = {}
    if payload is not None:
        try:
            remembered = json.loads(payload)
        except ValueError:
            remembered = None
        if not isinstance(remembered, dict):  # whole, but not a memo: written by something else
            cache.reject(MEMO_KIND, key)
            remembered = {}
    return PreflightMemo(remembered)


def save_memo(cache: BuildCache | None, book_root: Path, stem: str,
              memo: PreflightMemo | None) -> None:
    if cache is not None and memo is not None:
        cache.put(MEMO_KIND, _key(book_root, stem),
                  json.dumps(memo.used(), separators=(",", ":")).encode())
