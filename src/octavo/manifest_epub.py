"""The manifest keys that the EPUB's metadata, labels and accessibility claims come from.

Kept apart from `manifest._Builder`: the builder calls `epub_settings` once for the book and
`story_credits` once per story; the JSON Schema has already checked every value's shape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from octavo.diagnostics import Diagnostic, Diagnostics, Severity, Span
from octavo.document import Accessibility, Series, StoryCredits, SubjectCode
from octavo.i18n import check_overrides, has_catalogue
from octavo.metadata_values import normalise_language, parse_identifier

SpanOf = Callable[..., Span]

# W3C "EPUB Accessibility Exemption Property" values (a11y:exemption).
EXEMPTIONS = ("eaa-disproportionate-burden", "eaa-fundamental-alteration", "eaa-microenterprise")
EPUB_FONTS = ("reader", "embed")


@dataclass(frozen=True, slots=True)
class EpubManifest:
    labels: tuple[tuple[str, str], ...] = ()
    translators: tuple[str, ...] = ()
    illustrators: tuple[str, ...] = ()
    sort_names: tuple[tuple[str, str], ...] = ()  # name → file-as
    series: Series | None = None
    subject_codes: tuple[SubjectCode, ...] = ()
    print_isbn: str | None = None
    cover_alt: str | None = None
    accessibility: Accessibility = field(default_factory=Accessibility)
    epub_fonts: str = "reader"


def _names(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value.strip(),) if isinstance(value, str) else tuple(v.strip() for v in value)


def with_print_isbn(epub: EpubManifest, printed: str | None, span: SpanOf,
                    diags: Diagnostics) -> EpubManifest:
    """The print edition's ISBN, which the EPUB's page list and `dc:source` name, is the one
    the PDF prints (`print: {isbn}`); `print_isbn:` gives it for a book printed elsewhere.
    Two different ones are reported (OCT159) and the printed one is used."""
    if printed is None or epub.print_isbn == printed:
        return epub
    if epub.print_isbn is not None:
        diags.warning("OCT159", f"'print_isbn' ({epub.print_isbn}) is not the ISBN the print "
                      f"edition carries (print: {{isbn: {printed}}}); the EPUB's page list "
                      "follows the print edition's", span("print_isbn"))
    return replace(epub, print_isbn=printed)


def epub_settings(data: dict[str, Any], language: str, span: SpanOf,
                  diags: Diagnostics) -> EpubManifest:
    """Read and vet the EPUB keys of a manifest whose shape the schema has accepted."""
    labels = data.get("labels", {})
    for key, message in check_overrides(labels):
        diags.error("OCT157", message, span("labels", key))
    if not has_catalogue(language):
        diags.warning("OCT158", f"octavo has no words in '{language}' yet; the generated "
                      "labels (Contents, by, …) are English unless book.yaml's 'labels:' "
                      "gives them", span("language"))
    print_isbn = None
    if "print_isbn" in data:
        parsed = parse_identifier(str(data["print_isbn"]))
        if parsed is None or parsed.scheme != "isbn":
            diags.error("OCT107", f"'{data['print_isbn']}' is not a valid ISBN-13",
                        span("print_isbn"))
        else:
            print_isbn = parsed.value
    series = None
    if "series" in data:
        raw = data["series"]
        position = raw.get("position")
        series = Series(raw["name"].strip(), float(position) if position is not None else None)
    codes = [SubjectCode("BISAC", c) if isinstance(c, str) else
             SubjectCode("BISAC", c["code"], c.get("name")) for c in data.get("bisac", ())]
    codes += [SubjectCode("THEMA", c) if isinstance(c, str) else
              SubjectCode("THEMA", c["code"], c.get("name")) for c in data.get("thema", ())]
    a11y = data.get("accessibility", {})
    if a11y.get("exemption") and a11y.get("certified_by"):
        diags.error("OCT162", "'accessibility' claims both a certification and an exemption; "
                    "a book is certified or exempt, not both", span("accessibility"))
    build = data.get("build", {})
    return EpubManifest(
        labels=tuple((str(k), str(v)) for k, v in labels.items()),
        translators=_names(data.get("translator")),
        illustrators=_names(data.get("illustrator")),
        sort_names=tuple((k.strip(), v.strip()) for k, v in data.get("sort_names", {}).items()),
        series=series,
        subject_codes=tuple(codes),
        print_isbn=print_isbn,
        cover_alt=data.get("cover_alt"),
        accessibility=Accessibility(
            certified_by=a11y.get("certified_by"),
            credential=a11y.get("credential"),
            report=a11y.get("report"),
            exemption=a11y.get("exemption"),
            summary=a11y.get("summary"),
        ),
        epub_fonts=build.get("epub_fonts", "reader"),
    )


def cover_findings(has_cover: bool, cover_alt: str | None, top: Span,
                   cover_span: Span | None) -> list[Diagnostic]:
    """What `octavo check` says about the EPUB's cover: generated (OCT155), or without a text
    alternative (OCT156)."""
    if not has_cover:
        return [Diagnostic(Severity.INFO, "OCT155", "no 'cover': the EPUB gets a typographic "
                           "cover with the title and names, drawn by octavo", top)]
    if not cover_alt:
        return [Diagnostic(Severity.WARNING, "OCT156", "the cover has no text alternative: add "
                           "'cover_alt' saying what it shows", cover_span or top,
                           "cover_alt: ")]
    return []


def story_credits(meta: dict[str, Any], where: tuple[str | int, ...], span: SpanOf,
                  diags: Diagnostics) -> StoryCredits | None:
    """A story's own language, translators, illustrators and copyright credits, if any."""
    keys = ("language", "translator", "illustrator", "copyright", "first_published")
    if not any(k in meta for k in keys):
        return None
    language = None
    if "language" in meta:
        language = normalise_language(str(meta["language"]))
        if language is None:
            diags.error("OCT108", f"'{meta['language']}' is not a valid BCP 47 language tag",
                        span(*where, "language"))
    year = holder = None
    raw = meta.get("copyright")
    if isinstance(raw, dict):
        year, holder = str(raw.get("year", "")).strip() or None, raw.get("holder")
    elif raw is not None:
        year = str(raw).strip()
    return StoryCredits(
        language=language,
        translators=_names(meta.get("translator")),
        illustrators=_names(meta.get("illustrator")),
        copyright_year=year,
        copyright_holder=holder.strip() if isinstance(holder, str) else None,
        first_published=meta.get("first_published"),
    )
