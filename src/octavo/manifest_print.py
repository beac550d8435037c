"""The manifest's print keys: `build.*` print-shop and book-convention settings, and the print
edition's own `print: {isbn, edition, credits, back_cover, author_photo, cover_art}`.

The schema has already checked each value's type and enumeration; what is left here is what a
schema cannot say (an ISBN's check digit, a stylesheet that must be a .css file) and the
defaults that depend on other settings (the body font follows the house style).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from octavo.diagnostics import Diagnostics, Span
from octavo.document import Identifier, PrintSettings, Trim
from octavo.metadata_values import parse_identifier
from octavo.print_profiles import (
    DEFAULT_PROFILE,
    DEFAULT_STYLE,
    HOUSE_STYLES,
    OPENINGS_DEFAULTS,
    PAPERS,
    PROFILES,
    Profile,
    paper_name,
    trim_finding,
)

SpanOf = Callable[..., Span]
FileOf = Callable[[str, tuple[str | int, ...]], Path | None]


@dataclass(frozen=True, slots=True)
class CoverSpec:
    """What `octavo cover` draws besides the front image (`cover`)."""

    back_text: str | None = None
    back_file: Path | None = None  # a manuscript for the back cover, instead of back_text
    author_photo: Path | None = None
    artwork: Path | None = None  # a full wraparound image (back, spine and front)
    span: Span | None = None


def print_settings(data: dict[str, Any], trim: Trim, size: float, span: SpanOf,
                   file_of: FileOf, diags: Diagnostics, kind: str = "anthology") -> PrintSettings:
    build: dict[str, Any] = data.get("build", {})
    edition: dict[str, Any] = data.get("print", {})
    style = build.get("style", DEFAULT_STYLE)
    heads = build.get("running_heads", {})
    css = None
    if "css" in build:
        if not str(build["css"]).lower().endswith(".css"):
            diags.error("OCT142", f"'build.css' must name a .css file, not '{build['css']}'",
                        span("build", "css"))
        else:
            css = file_of(build["css"], ("build", "css"))
    profile = build.get("print", DEFAULT_PROFILE)
    safe_zone = float(build["safe_zone"]) if "safe_zone" in build else None
    shop = PROFILES[profile]
    required = shop.safe_zone(bool(build.get("bleed", False)))
    if safe_zone is not None and safe_zone < required:
        diags.warning("OCT141", f"a safe zone of {safe_zone:g} in is smaller than the "
                      f"{required:g} in {shop.shop} requires; its preflight will refuse text "
                      "that close to the trim", span("build", "safe_zone"))
    _shop_trim(shop, trim, build.get("trim"), span, diags)
    return PrintSettings(
        trim=trim,
        font_size_pt=size,
        font_family=build.get("font", HOUSE_STYLES[style].body_font),
        profile=profile,
        pdf_standard=build.get("pdf_standard"),
        fonts=build.get("fonts"),
        bleed=bool(build.get("bleed", False)),
        paper=paper_name(build.get("paper", "white")),
        gutter_in=float(build["gutter"]) if "gutter" in build else None,
        safe_zone_in=safe_zone,
        openings=build.get("openings", OPENINGS_DEFAULTS.get(kind, "recto")),
        verso_head=heads.get("verso"),  # None: the book kind's (Book.running_heads)
        recto_head=heads.get("recto"),
        style=style,
        css=css,
        lead_in=build.get("lead_in", "small-caps"),
        isbn=_print_isbn(edition, data, span, diags),
        edition=edition.get("edition"),
        credits=_lines(edition.get("credits")),
    )


def _shop_trim(shop: Profile, trim: Trim, given: str | None, span: SpanOf,
               diags: Diagnostics) -> None:
    """A trim the print shop does not print (IngramSpark), or prints only as a custom size
    (KDP), is said at `build.trim` (or at `build.print` when the trim is octavo's default)."""
    finding = trim_finding(shop, trim.width_in, trim.height_in)
    if finding is None:
        return
    code, message = finding
    where = span("build", "trim") if given is not None else span("build", "print")
    message = f"build.trim '{given or trim.name}': {message}"
    if code == "OCT448":
        diags.error(code, message, where)
    else:
        diags.warning(code, message, where)


def _lines(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value.strip(),) if isinstance(value, str) else tuple(v.strip() for v in value)


def _print_isbn(edition: dict[str, Any], data: dict[str, Any], span: SpanOf,
                diags: Diagnostics) -> str | None:
    raw = edition.get("isbn")
    if raw is None:
        return None
    parsed = parse_identifier(str(raw))
    if parsed is None or parsed.scheme != "isbn":
        diags.error("OCT143", f"'{raw}' is not a valid ISBN-13 (check digit included)",
                    span("print", "isbn"))
        return None
    ebook = parse_identifier(str(data["identifier"])) if "identifier" in data else None
    if isinstance(ebook, Identifier) and ebook.value == parsed.value:
        diags.warning("OCT144", "the print ISBN is the EPUB's identifier too; each format "
                      "needs its own ISBN", span("print", "isbn"))
    return parsed.value


def cover_spec(data: dict[str, Any], span: SpanOf, file_of: FileOf) -> CoverSpec | None:
    edition: dict[str, Any] = data.get("print", {})
    keys = ("back_cover", "author_photo", "cover_art")
    if not any(key in edition for key in keys):
        return None
    back = edition.get("back_cover")
    back_text = back if isinstance(back, str) else None
    back_file = file_of(back["file"], ("print", "back_cover", "file")) \
        if isinstance(back, dict) else None
    photo = file_of(edition["author_photo"], ("print", "author_photo")) \
        if "author_photo" in edition else None
    artwork = file_of(edition["cover_art"], ("print", "cover_art")) \
        if "cover_art" in edition else None
    return CoverSpec(back_text, back_file, photo, artwork, span("print"))


def book_paper(cwd: Path) -> str:
    """The paper of the book `cwd` lies in (its book.yaml's `build.paper`), for `octavo check
    --pdf FILE --profile NAME` run inside a book; white outside one, or when the book's manifest
    cannot be read or names no paper octavo knows (the check is of the PDF, not the book)."""
    from octavo.diagnostics import OctavoError
    from octavo.manifest import find_upwards
    from octavo.manifest_yaml import load_yaml

    manifest = find_upwards(cwd)
    if manifest is None:
        return "white"
    try:
        data = load_yaml(manifest.read_bytes(), str(manifest)).data
    except (OctavoError, OSError):
        return "white"
    build = data.get("build") if isinstance(data, dict) else None
    paper = build.get("paper") if isinstance(build, dict) else None
    paper = paper_name(paper) if isinstance(paper, str) else None
    return paper if paper in PAPERS else "white"
