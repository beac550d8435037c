"""One font program per font in the whole book, under one name.

Each story is laid out on its own, so each story's PDF brings its own subset of every font, all
under the same name (`RBQAEQ+Charis-SIL` five times over, with different glyphs): preflight
tools flag that. After merging, the fonts are grouped by the program they came from (its
PostScript name), and each group is replaced by one font: the shipped font file whole
(`build.fonts: full`, KDP's preference), or one subset of it holding every glyph the book uses
(`subset`). WeasyPrint subsets with the original glyph ids kept and writes text as glyph ids
(Identity-H), so every page's text stays valid with the merged font; the merged font's widths
and Unicode map are the union of the parts'. A font octavo did not ship (none today) keeps its
programs, each under a name of its own.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pikepdf

from octavo.fonts import FONT_SUFFIXES
from octavo.resources import fonts_dir

if TYPE_CHECKING:
    from octavo.cache import BuildCache

SUBSET_KIND = "pdf-font-subset"
NAME_KIND = "pdf-font-name"
# The first bytes of a TrueType or OpenType font program (what a subset entry must start with).
_SFNT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true")

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.DOTALL)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.DOTALL)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")


@dataclass(slots=True)
class _Group:
    fonts: list[Any] = field(default_factory=list)  # Type0 font dictionaries
    widths: dict[int, float] = field(default_factory=dict)


def unify_fonts(pdf: pikepdf.Pdf, embedding: str, cache: BuildCache | None = None) -> None:
    """Replace each shipped font's subsets by one program (`cache`: where the subsets made are
    kept, by font file and glyphs, for the next build)."""
    owners = list(_font_resource_dicts(pdf))
    groups: dict[str, _Group] = {}
    seen: set[tuple[int, int]] = set()
    for fonts in owners:
        for font in fonts.values():
            if not font.is_indirect or font.objgen in seen or font.get("/Subtype") != "/Type0":
                continue
            seen.add(font.objgen)
            program = _program(font)
            if program is None:
                continue
            group = groups.setdefault(_program_name(program, cache), _Group())
            group.fonts.append(font)
            group.widths.update(_widths(_descendant(font).get("/W", pikepdf.Array())))
    replacements: dict[tuple[int, int], Any] = {}
    for name, group in sorted(groups.items()):
        source = shipped_fonts().get(name)
        if source is None:
            _rename_distinct_programs(pdf, name, group)
            continue
        replacements.update(_merge(pdf, name, source, group, embedding, cache))
    for fonts in owners:
        for key in list(fonts.keys()):
            font = fonts[key]
            if font.is_indirect and font.objgen in replacements:
                fonts[key] = replacements[font.objgen]


def _font_resource_dicts(pdf: pikepdf.Pdf) -> Iterable[Any]:
    """Every /Font resource dictionary of the pages and their form XObjects, once each."""
    done: set[tuple[int, int]] = set()
    # A direct dictionary has no object number; it is reached once through its (indirect)
    # owner, so owners are what is counted. (Not id(): pikepdf makes a new Python object at each
    # access, and a freed one's id is given to the next, which skipped resources at random.)
    stack: list[Any] = [page.obj for page in pdf.pages]
    while stack:
        owner = stack.pop()
        if owner.is_indirect:
            if owner.objgen in done:
                continue
            done.add(owner.objgen)
        res = owner.get("/Resources")
        if not isinstance(res, pikepdf.Dictionary):
            continue
        if res.is_indirect:
            if res.objgen in done:
                continue
            done.add(res.objgen)
        if isinstance(res.get("/Font"), pikepdf.Dictionary):
            yield res.Font
        for xobject in (res.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form":
                stack.append(xobject)


def _descendant(font: Any) -> Any:
    return font.DescendantFonts[0]


def _program(font: Any) -> Any | None:
    descriptor = _descendant(font).get("/FontDescriptor")
    if descriptor is None:
        return None
    for key in ("/FontFile2", "/FontFile3", "/FontFile"):
        if key in descriptor:
            return descriptor[key]
    return None


def _program_name(program: Any, cache: BuildCache | None) -> str:
    """`_postscript_name` of the program stream, from the build cache when this program was
    read before (by its stored bytes: each document's subset is another program, and reading
    a thousand of them with fontTools takes most of this module's time on a long book)."""
    if cache is None:
        return _postscript_name(bytes(program.read_bytes()))
    from octavo.cache import cache_key

    key = cache_key(NAME_KIND, bytes(program.read_raw_bytes()),
                    repr(sorted((str(k), str(v)) for k, v in program.stream_dict.items()
                                if k != "/Length")))
    found = cache.get(NAME_KIND, key)
    if found is not None:
        try:
            name = found.decode("utf-8")
        except UnicodeDecodeError:
            name = ""
        if name and name.isprintable():
            return name
        cache.reject(NAME_KIND, key)  # whole, but not a name: written by something else
    name = _postscript_name(bytes(program.read_bytes()))
    cache.put(NAME_KIND, key, name.encode("utf-8"))
    return name


def _postscript_name(program: bytes) -> str:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    try:
        font = TTFont(io.BytesIO(program), lazy=True)
        name = font["name"].getDebugName(6)
    except Exception:  # not an sfnt (a bare CFF or Type 1 program): key it by its content
        return "program-" + hashlib.sha256(program).hexdigest()[:12]
    return str(name or "program-" + hashlib.sha256(program).hexdigest()[:12])


@cache
def shipped_fonts() -> dict[str, Path]:
    """PostScript name → shipped font file."""
    from fontTools.ttLib import TTFont

    found: dict[str, Path] = {}
    for path in sorted(p for p in fonts_dir().rglob("*") if p.suffix.lower() in FONT_SUFFIXES):
        font = TTFont(path, lazy=True)
        try:
            name = font["name"].getDebugName(6)
        finally:
            font.close()
        if name:
            found.setdefault(str(name), path)
    return found


def _widths(array: Any) -> dict[int, float]:
    out: dict[int, float] = {}
    items = list(array)
    i = 0
    while i + 1 < len(items):
        first, second = items[i], items[i + 1]
        if isinstance(second, pikepdf.Array):
            for offset, width in enumerate(second):
                out[int(first) + offset] = float(width)
            i += 2
        else:
            for cid in range(int(first), int(second) + 1):
                out[cid] = float(items[i + 2])
            i += 3
    return out


def _width_array(widths: dict[int, float]) -> pikepdf.Array:
    array: list[Any] = []
    run: list[float] = []
    previous = None
    for cid in sorted(widths):
        if previous is None or cid != previous + 1:
            if run:
                array.append(pikepdf.Array(run))
            array.append(cid)
            run = []
        run.append(round(widths[cid], 3))
        previous = cid
    if run:
        array.append(pikepdf.Array(run))
    return pikepdf.Array(array)


def _utf16(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode()).decode("utf-16-be", errors="replace")


def _to_unicode(cmap: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in _BFCHAR.findall(cmap):
        codes = _HEX.findall(block)
        for code, text in zip(codes[::2], codes[1::2], strict=False):
            out[int(code, 16)] = _utf16(text)
    for block in _BFRANGE.findall(cmap):
        codes = _HEX.findall(block)
        for start, end, text in zip(codes[::3], codes[1::3], codes[2::3], strict=False):
            base = _utf16(text)
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                out[code] = base[:-1] + chr(ord(base[-1]) + offset) if base else ""
    return out


def _cmap_stream(pdf: pikepdf.Pdf, mapping: dict[int, str]) -> pikepdf.Stream:
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <ffff>", b"endcodespacerange"]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):
        batch = items[start:start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines.extend(f"<{gid:04x}> <{text.encode('utf-16-be').hex()}>".encode()
                     for gid, text in batch)
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return pikepdf.Stream(pdf, b"\n".join(lines))


def cached_subset(source: Path, gids: set[int], cache: BuildCache | None) -> bytes:
    """`_subset(source, gids)`, from the build cache when that font file was cut to those glyphs
    before (fontTools takes 0.3-0.5 s a face, most of it reading the layout tables it drops)."""
    if cache is None:
        return _subset(source, gids)
    from octavo.cache import cache_key

    key = cache_key(hashlib.sha256(source.read_bytes()).hexdigest(),
                    ",".join(map(str, sorted(gids))))
    found = cache.get(SUBSET_KIND, key)
    if found is not None and found.startswith(_SFNT_MAGIC):
        return found
    if found is not None:  # whole, but not a font: written by something else
        cache.reject(SUBSET_KIND, key)
    data = _subset(source, gids)
    cache.put(SUBSET_KIND, key, data)
    return data


def _subset(source: Path, gids: set[int]) -> bytes:
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.retain_gids = True  # the pages draw glyph ids of the original font
    options.notdef_outline = True
    options.ignore_missing_glyphs = True
    options.desubroutinize = True
    options.hinting = False
    options.layout_features = []  # shaping is done; a PDF never reads GSUB or GPOS
    # Layout and Graphite (Charis) tables: the PDF has the shaped glyphs already.
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "DSIG", "SVG ", "Silf",
                            "Silt", "Sill", "Glat", "Gloc", "Feat"]
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(gids | {0}))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _tag(gids: set[int], name: str) -> str:
    digest = hashlib.sha256((name + ",".join(map(str, sorted(gids)))).encode()).digest()
    return "".join(chr(65 + byte % 26) for byte in digest[:6])


def _merge(pdf: pikepdf.Pdf, name: str, source: Path, group: _Group,
           embedding: str, cache: BuildCache | None = None) -> dict[tuple[int, int], Any]:
    gids = set(group.widths)
    cff = source.suffix.lower() == ".otf"
    data = source.read_bytes() if embedding == "full" else cached_subset(source, gids, cache)
    base = name if embedding == "full" else f"{_tag(gids, name)}+{name}"
    program = pikepdf.Stream(pdf, data)
    if cff:
        program.Subtype = pikepdf.Name.OpenType
    else:
        program.Length1 = len(data)
    first = group.fonts[0]
    old_descendant = _descendant(first)
    descriptor = pikepdf.Dictionary({k: v for k, v in old_descendant.FontDescriptor.items()
                                     if k not in ("/FontFile", "/FontFile2", "/FontFile3",
                                                  "/CIDSet")})
    descriptor.FontName = pikepdf.Name("/" + base)
    descriptor["/FontFile3" if cff else "/FontFile2"] = pdf.make_indirect(program)
    descendant = pikepdf.Dictionary({k: v for k, v in old_descendant.items()
                                     if k not in ("/W", "/FontDescriptor", "/BaseFont")})
    descendant.BaseFont = pikepdf.Name("/" + base)
    descendant.W = _width_array(group.widths)
    descendant.FontDescriptor = pdf.make_indirect(descriptor)
    descendant = pdf.make_indirect(descendant)
    # One Type0 font per face WeasyPrint named (regular, small capitals, all small capitals),
    # all drawing from the one program: a small-capital glyph is "c" in one face and "C" in
    # another, and each face's Unicode map (for copying and searching text) must say which.
    faces: dict[str, list[Any]] = {}
    for font in group.fonts:
        if font.get("/Encoding") == "/Identity-H":
            faces.setdefault(_face(font), []).append(font)
    replacements: dict[tuple[int, int], Any] = {}
    for members in faces.values():
        mapping: dict[int, str] = {}
        for font in members:
            if "/ToUnicode" in font:
                for gid, text in _to_unicode(font.ToUnicode.read_bytes()).items():
                    mapping.setdefault(gid, text)
        shared = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0,
            BaseFont=pikepdf.Name("/" + base), Encoding=pikepdf.Name("/Identity-H"),
            DescendantFonts=pikepdf.Array([descendant]),
            ToUnicode=pdf.make_indirect(_cmap_stream(pdf, mapping))))
        for font in members:
            replacements[font.objgen] = shared
    for font in group.fonts:
        if font.objgen not in replacements:
            # A font with missing glyphs has its own encoding (WeasyPrint maps them to 0).
            own = pikepdf.Dictionary({k: v for k, v in font.items()})
            own.BaseFont = pikepdf.Name("/" + base)
            own.DescendantFonts = pikepdf.Array([descendant])
            replacements[font.objgen] = pdf.make_indirect(own)
    return replacements


def _face(font: Any) -> str:
    """WeasyPrint's name for the face, without its subset tag (Charis-SIL-Small-Caps)."""
    name = str(font.get("/BaseFont", "/"))[1:]
    return name.split("+", 1)[1] if "+" in name[:7] else name


def _rename_distinct_programs(pdf: pikepdf.Pdf, name: str, group: _Group) -> None:
    """A font octavo did not ship: identical programs are shared, different ones renamed."""
    programs: dict[str, Any] = {}
    for font in group.fonts:
        program = _program(font)
        if program is None:
            continue
        data = bytes(program.read_bytes())
        digest = hashlib.sha256(data).hexdigest()
        shared = programs.setdefault(digest, program)
        tag = "".join(chr(65 + int(c, 16) % 26) for c in digest[:6])
        base = pikepdf.Name(f"/{tag}+{name}")
        descendant = _descendant(font)
        descriptor = descendant.FontDescriptor
        for key in ("/FontFile2", "/FontFile3", "/FontFile"):
            if key in descriptor:
                descriptor[key] = shared
        descriptor.FontName = base
        descendant.BaseFont = base
        font.BaseFont = base
