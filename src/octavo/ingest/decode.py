"""Manuscript bytes → text: detect the encoding, drop the BOM, normalise line endings.

Order matters: a byte-order mark is certain; strict UTF-8 is almost never a false positive on
real text; only then is a legacy encoding guessed (charset-normalizer), and the guess reported.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

from octavo.characters import CONTROL_CHARACTERS
from octavo.diagnostics import Diagnostic, OctavoError, Severity, Span

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures of formats people mistake for manuscripts (checked before any decoding).
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub file?)"),
    (b"\xd0\xcf\x11\xe0", "a legacy Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program"),
    (b"RIFF", "a media file"),
    (b"\x1f\x8b", "a gzip archive"),
)

_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
# Guessed only when the bytes are not UTF-8; the list keeps the detector to plausible choices.
_LEGACY_CANDIDATES = ["cp1252", "latin_1", "iso8859_15", "cp1250", "cp1251", "mac_roman",
                      "shift_jis", "gb18030", "big5", "euc_kr"]


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()


def decode_manuscript(raw: bytes, display: str) -> DecodedText:
    """Decode a manuscript; raise OctavoError (OCT201) when it is not text at all."""
    for signature, kind in _SIGNATURES:
        if raw.startswith(signature):
            raise OctavoError.single("OCT201", f"not a text file: it looks like {kind}",
                                     Span(display, 1, 1))
    notes: list[Diagnostic] = []
    encoding, text = _decode(raw, display, notes)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if first := _CONTROL.search(text):
        line = text[: first.start()].count("\n") + 1
        count = len(_CONTROL.findall(text))
        text = _CONTROL.sub("", text)
        notes.append(Diagnostic(Severity.WARNING, "OCT207",
                                f"removed {count} control character(s) that cannot appear in a "
                                "book", Span(display, line, 1)))
    return DecodedText(text, encoding, tuple(notes))


def _decode(raw: bytes, display: str, notes: list[Diagnostic]) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return encoding, raw[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise OctavoError.single("OCT200", f"starts with a {encoding} byte-order mark "
                                         f"but is not valid {encoding}", Span(display)) from None
    if b"\x00" not in raw:
        try:
            return "utf-8", raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        return utf16
    if raw.count(b"\x00") > max(8, len(raw) // 1000):
        raise OctavoError.single("OCT201", "not a text file: it contains NUL bytes",
                                 Span(display, 1, 1))
    try:  # a stray NUL or two in UTF-8 text: decode, the NULs are removed and reported later
        return "utf-8", raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw, cp_isolation=_LEGACY_CANDIDATES))
    if not matches:
        raise OctavoError.single("OCT201", "not a text file: no text encoding fits its bytes",
                                 Span(display, 1, 1))
    encoding = _prefer_windows_1252(raw, _preferred(matches))
    text = raw.decode(encoding)
    notes.append(Diagnostic(Severity.INFO, "OCT202", f"not UTF-8; read as {encoding} (detected)",
                            _first_non_ascii(text, display)))
    return encoding, text


def _first_non_ascii(text: str, display: str) -> Span:
    """Where a guessed encoding first matters: the first character outside ASCII."""
    found = re.search(r"[^\x00-\x7f]", text)
    if found is None:
        return Span(display, 1, 1)
    before = text[: found.start()]
    return Span(display, before.count("\n") + 1, found.start() - (before.rfind("\n") + 1) + 1)


def _preferred(matches: list[Any]) -> str:
    """The detector's best guess; on a near-tie (French reads as well in Windows-1250 as in
    Windows-1252), the encoding earlier in our preference order wins."""
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    close = [m for m in matches
             if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01]
    return str(min(close, key=lambda m: _LEGACY_CANDIDATES.index(m.encoding)
                   if m.encoding in _LEGACY_CANDIDATES else len(_LEGACY_CANDIDATES)).encoding)


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM has a NUL in every other byte for Latin script."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even_nuls = raw[0::2].count(0) / (len(raw) // 2)
    odd_nuls = raw[1::2].count(0) / (len(raw) // 2)
    for share, encoding in ((odd_nuls, "utf-16-le"), (even_nuls, "utf-16-be")):
        if share > 0.4:
            try:
                return encoding, raw.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _prefer_windows_1252(raw: bytes, detected: str) -> str:
    """Latin-1 and its ISO siblings put C1 controls at 0x80–0x9F; text that has bytes there was
    written on Windows (curly quotes, dashes), so read it as Windows-1252 when that works."""
    if detected in {"latin_1", "iso8859_15", "iso8859_1"} and re.search(rb"[\x80-\x9f]", raw):
        try:
            raw.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            return detected
    return detected
