"""Manuscript bytes → text: detect the encoding, drop the BOM, normalise line endings.

Order matters: a byte-order mark is certain; strict UTF-8 is almost never a false positive on
real text. A file that is UTF-8 but for a few stray bytes (one Latin-1 é typed in another
editor) is still UTF-8: each invalid byte is read on its own, as Windows-1252 (else Latin-1),
and reported where it stands, so that no valid UTF-8 sequence (a curly quote) turns into
mojibake. Only a file with no sign of UTF-8 gets a legacy encoding guessed (charset-normalizer),
and the guess reported. Then line endings become \n (CR LF, CR and NEL alike), terminal escape
sequences (colour codes) are removed whole, and control characters are removed.
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
# Terminal escape sequences, as text copied from a terminal or a log carries them: CSI
# (ESC [ 31 m, or the one-character CSI U+009B), the string commands OSC, DCS, SOS, PM and APC up
# to their terminator (within one line), and the short ESC sequences (ESC ( B, ESC 7).
_ANSI = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
                   r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]{0,512}(?:\x07|\x1b\\|\x9c)"
                   r"|\x1b[ -/]*[0-~]")
# Every control character is in one of these plain ranges (every noncharacter is at U+FDD0 or
# above): a text with none of them, most texts, is not searched with the full set, which is
# many times slower.
_MAY_HOLD_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\U0010ffff]")
_INVALID_BYTES = re.compile("[\udc80-\udcff]+")  # invalid bytes, as surrogateescape keeps them
_MAX_BYTE_NOTES = 20
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
    encoding, text, escaped = _decode(raw, display, notes)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")
    if "\x1b" in text or "\x9b" in text:
        text = _remove_escapes(text, display, notes)
    if _MAY_HOLD_CONTROL.search(text) and (first := _CONTROL.search(text)):
        line = text[: first.start()].count("\n") + 1
        count = len(_CONTROL.findall(text))
        text = _CONTROL.sub("", text)
        notes.append(Diagnostic(Severity.WARNING, "OCT207",
                                f"removed {count} control character(s) that cannot appear in a "
                                "book", Span(display, line, 1)))
    if escaped and _INVALID_BYTES.search(text):
        text = _read_stray_bytes(text, display, notes)
    return DecodedText(text, encoding, tuple(notes))


def _remove_escapes(text: str, display: str, notes: list[Diagnostic]) -> str:
    found = list(_ANSI.finditer(text))
    if not found:
        return text
    notes.append(Diagnostic(Severity.WARNING, "OCT209",
                            f"removed {len(found)} terminal escape sequence(s) (colour codes "
                            f"such as {found[0].group(0)[1:]!r})", _span_at(text, found[0].start(),
                                                                          display)))
    return _ANSI.sub("", text)


def _span_at(text: str, index: int, display: str) -> Span:
    line_start = text.rfind("\n", 0, index) + 1
    return Span(display, text.count("\n", 0, index) + 1, index - line_start + 1)


def _read_stray_bytes(text: str, display: str, notes: list[Diagnostic]) -> str:
    """Each byte that is not UTF-8 (kept as a surrogate escape), read on its own: as
    Windows-1252, else as Latin-1 (whose 0x81, 0x8D, 0x8F, 0x90 and 0x9D are C1 controls, so
    they are removed). One warning per run of such bytes, at its line and column."""
    pieces: list[str] = []
    position = 0
    runs = list(_INVALID_BYTES.finditer(text))
    for number, run in enumerate(runs):
        raw = bytes(ord(ch) - 0xDC00 for ch in run.group(0))
        read = "".join(_one_byte(byte) for byte in raw)
        pieces.append(text[position: run.start()])
        pieces.append(read)
        position = run.end()
        if number < _MAX_BYTE_NOTES:
            # Where the run stands in the text as it will be, after earlier runs are read.
            span = _span_at(text, run.start(), display)
            span = Span(display, span.line, span.column - _shift_on_line(text, runs[:number], run.start()))
            shown = " ".join(f"0x{byte:02X}" for byte in raw)
            controls = [f"0x{byte:02X}" for byte in raw if not _one_byte(byte)]
            message = (f"{'byte' if len(raw) == 1 else 'bytes'} {shown} not UTF-8 (the rest of "
                       f"the file is); read as Windows-1252" + (f": '{read}'" if read else ""))
            if controls:
                message += f"; {', '.join(controls)} is a Latin-1 control character, removed"
            notes.append(Diagnostic(Severity.WARNING, "OCT208", message, span))
    pieces.append(text[position:])
    if len(runs) > _MAX_BYTE_NOTES:
        notes.append(Diagnostic(Severity.WARNING, "OCT208",
                                f"and {len(runs) - _MAX_BYTE_NOTES} more run(s) of bytes that are "
                                "not UTF-8, read the same way", _span_at(text, runs[_MAX_BYTE_NOTES].start(),
                                                                         display)))
    return "".join(pieces)


def _shift_on_line(text: str, earlier: list[re.Match[str]], index: int) -> int:
    """How many characters fewer the earlier runs on the same line take once read (a removed
    control byte takes none)."""
    line_start = text.rfind("\n", 0, index) + 1
    shift = 0
    for run in earlier:
        if run.start() >= line_start:
            raw = bytes(ord(ch) - 0xDC00 for ch in run.group(0))
            shift += len(raw) - len("".join(_one_byte(byte) for byte in raw))
    return shift


def _one_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return ""  # Latin-1 reads it as a C1 control character, which a book cannot hold


def _decode(raw: bytes, display: str, notes: list[Diagnostic]) -> tuple[str, str, bool]:
    """(encoding, text, whether the text keeps undecodable bytes as surrogate escapes)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return encoding, raw[len(bom):].decode(encoding), False
            except UnicodeDecodeError:
                raise OctavoError.single("OCT200", f"starts with a {encoding} byte-order mark "
                                         f"but is not valid {encoding}", Span(display)) from None
    if b"\x00" not in raw:
        try:
            return "utf-8", raw.decode("utf-8"), False
        except UnicodeDecodeError:
            pass
        escaped = raw.decode("utf-8", errors="surrogateescape")
        if _mostly_utf8(escaped):
            return "utf-8", escaped, True  # the stray bytes are read one by one after clean-up
    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        return *utf16, False
    if raw.count(b"\x00") > max(8, len(raw) // 1000):
        raise OctavoError.single("OCT201", "not a text file: it contains NUL bytes",
                                 Span(display, 1, 1))
    try:  # a stray NUL or two in UTF-8 text: decode, the NULs are removed and reported later
        return "utf-8", raw.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw, cp_isolation=_LEGACY_CANDIDATES))
    how = "detected"
    if matches:
        encoding = _prefer_windows_1252(raw, _preferred(matches))
    elif _mostly_plain_ascii(raw) and _decodes(raw, "cp1252"):
        # The detector gives up on short texts ('Le café – “très” bon', three times): Western
        # text with a few Windows characters is by far the likeliest.
        encoding, how = "cp1252", "assumed: the most common legacy encoding"
    else:
        raise OctavoError.single("OCT201", "not a text file: no text encoding fits its bytes",
                                 Span(display, 1, 1))
    text = raw.decode(encoding)
    notes.append(Diagnostic(Severity.INFO, "OCT202", f"not UTF-8; read as {encoding} ({how})",
                            _first_non_ascii(text, display)))
    return encoding, text, False


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _mostly_plain_ascii(raw: bytes) -> bool:
    """Letters, digits, punctuation and spaces for the most part, and no control bytes: text."""
    printable = sum(1 for byte in raw if 0x20 <= byte < 0x7F or byte in b"\t\n\r")
    controls = sum(1 for byte in raw if byte < 0x20 and byte not in b"\t\n\r")
    return printable >= 0.5 * len(raw) and controls == 0


def _mostly_utf8(escaped: str) -> bool:
    """UTF-8 with a few stray bytes: its valid non-ASCII characters outnumber the invalid bytes,
    or there are some characters of three UTF-8 bytes or more (curly quotes, dashes: legacy
    single-byte text never forms those by chance) and every invalid byte stands alone or in a
    pair, as a stray accented letter does. Legacy text in a multi-byte encoding (Chinese,
    Japanese) or a Cyrillic one has long runs of invalid bytes and few valid characters."""
    invalid = [len(run.group(0)) for run in _INVALID_BYTES.finditer(escaped)]
    valid = [ch for ch in _NON_ASCII.findall(escaped) if not "\udc80" <= ch <= "\udcff"]
    if not valid:
        return False
    if len(valid) >= sum(invalid):
        return True
    return any(ch > "\u07ff" for ch in valid) and max(invalid) <= 2


_NON_ASCII = re.compile("[^\x00-\x7f]")


def _first_non_ascii(text: str, display: str) -> Span:
    """Where a guessed encoding first matters: the first character outside ASCII."""
    found = re.search(r"[^\x00-\x7f]", text)
    if found is None:
        return Span(display, 1, 1)
    before = text[: found.start()]
    return Span(display, before.count("\n") + 1, found.start() - (before.rfind("\n") + 1) + 1)


def _preferred(matches: list[Any]) -> str:
    """The detector's best guess; on a near-tie (French reads as well in Windows-1250 as in
    Windows-1252), the encoding earlier in our preference order (Windows-1252 first) wins."""
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    # Language coherence is noisy on short or mixed text (Western words read as Windows-1250
    # score a few hundredths higher); the mess ratio is what separates real Central European
    # text from Western text (about 1.0 against 0.1).
    close = [m for m in matches
             if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.1]
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
        return "cp1252" if _decodes(raw, "cp1252") else detected
    # Central European Windows-1250 shares most of its letters with Windows-1252; where the two
    # read the file alike, the file is more likely Western.
    if detected == "cp1250" and _decodes(raw, "cp1252") and raw.decode("cp1252") == raw.decode("cp1250"):
        return "cp1252"
    return detected
