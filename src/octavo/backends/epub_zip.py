"""Write an EPUB zip so that the same entries always give the same bytes.

EPUB readers need `mimetype` as the first entry, stored and without an extra field (OCF 3.3
§4.3); reproducible builds need a fixed date on every entry and a stable order for the rest.
The zip is written here rather than through `zipfile`, because the content documents arrive
already deflated (by the workers that rendered them, on big books): `zipfile` can only write
what it compresses itself.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Deflated:
    """An entry's content, compressed: the raw deflate stream, and what the zip records of the
    original (its CRC-32 and length)."""

    data: bytes
    crc: int
    size: int


def deflate(content: bytes) -> Deflated:
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return Deflated(packer.compress(content) + packer.flush(), zlib.crc32(content), len(content))


def repack(source: bytes, destination: Path, timestamp: dt.datetime) -> None:
    """Write the EPUB zip in `source` to `destination` as `write_epub` does."""
    with zipfile.ZipFile(io.BytesIO(source)) as src:
        entries = {info.filename: src.read(info) for info in src.infolist()}
    write_epub(entries, destination, timestamp)


def write_epub(entries: Mapping[str, bytes | Deflated], destination: Path,
               timestamp: dt.datetime) -> None:
    """Write `entries` (name → content, plain or already deflated) to `destination` as an
    EPUB zip: mimetype first and stored, then the other entries sorted (container, package
    document, the rest by name), deflated, all dated `timestamp`."""
    destination.write_bytes(epub_bytes(entries, timestamp))


def epub_bytes(entries: Mapping[str, bytes | Deflated], timestamp: dt.datetime) -> bytes:
    """The zip `write_epub` writes."""
    time, date = _dos_time(zip_date_time(timestamp))
    local = bytearray()
    central = bytearray()
    rest = sorted((name for name in entries if name != "mimetype"), key=_entry_order)
    for name in ("mimetype", *rest):
        if name == "mimetype":
            method, packed = _STORED, Deflated(MIMETYPE, zlib.crc32(MIMETYPE), len(MIMETYPE))
        else:
            content = entries[name]
            method, packed = _DEFLATED, (content if isinstance(content, Deflated)
                                         else deflate(content))
        if len(local) + len(packed.data) >= _ZIP32_LIMIT:
            raise ValueError("an EPUB of 4 GiB or more cannot be written")
        encoded = name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8_NAMES
        fields = (_VERSION, flags, method, time, date, packed.crc, len(packed.data), packed.size,
                  len(encoded))
        central += _CENTRAL.pack(b"PK\x01\x02", _CREATE_SYSTEM << 8 | _VERSION, *fields, 0, 0, 0,
                                 0, _EXTERNAL_ATTR, len(local)) + encoded
        local += _LOCAL.pack(b"PK\x03\x04", *fields, 0) + encoded + packed.data
    count = len(rest) + 1
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(central), len(local), 0)
    return bytes(local + central) + end


_STORED, _DEFLATED = 0, 8
_VERSION = 20  # 2.0: deflate, folders
_UTF8_NAMES = 0x800
_ZIP32_LIMIT = 2**32 - 1
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")


def _dos_time(date_time: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day
