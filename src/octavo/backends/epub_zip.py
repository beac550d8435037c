"""Re-pack an EPUB zip so that the same input always gives the same bytes.

ebooklib stamps every entry with the current time and orders entries as it writes them. EPUB
readers need `mimetype` as the first entry, stored and without an extra field (OCF 3.3 §4.3);
reproducible builds need a fixed date on every entry and a stable order for the rest.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

MIMETYPE = b"application/epub+zip"

# Entry permission bits and "made on Unix", so the bytes do not depend on the build machine.
_EXTERNAL_ATTR = 0o100644 << 16
_CREATE_SYSTEM = 3


def zip_date_time(timestamp: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """The timestamp in UTC as a zip date, clamped to what the zip format can hold (1980–2107)."""
    if timestamp.tzinfo is not None:
        timestamp = timestamp.astimezone(dt.UTC)
    if timestamp.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    if timestamp.year > 2107:
        return (2107, 12, 31, 23, 59, 58)
    return (
        timestamp.year,
        timestamp.month,
        timestamp.day,
        timestamp.hour,
        timestamp.minute,
        timestamp.second - timestamp.second % 2,  # zip times have two-second resolution
    )


def _entry_order(name: str) -> tuple[int, str]:
    if name.startswith("META-INF/"):
        return (0, name)
    if name.endswith(".opf"):
        return (1, name)
    return (2, name)


def repack(source: bytes, destination: Path, timestamp: dt.datetime) -> None:
    """Write the EPUB zip in `source` to `destination`: mimetype first and stored, then the other
    entries sorted (container, package document, the rest by name), deflated, all dated
    `timestamp`."""
    date_time = zip_date_time(timestamp)
    with zipfile.ZipFile(io.BytesIO(source)) as src:
        entries = {info.filename: src.read(info) for info in src.infolist()}
    entries.pop("mimetype", None)

    with zipfile.ZipFile(destination, "w") as out:
        out.writestr(_info("mimetype", date_time, zipfile.ZIP_STORED), MIMETYPE)
        for name in sorted(entries, key=_entry_order):
            out.writestr(
                _info(name, date_time, zipfile.ZIP_DEFLATED), entries[name], compresslevel=9
            )


def _info(name: str, date_time: tuple[int, int, int, int, int, int], method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = method
    info.external_attr = _EXTERNAL_ATTR
    info.create_system = _CREATE_SYSTEM
    return info
