"""book.yaml → a typed, validated `Manifest`.

All problems found are reported together (one diagnostic each, pointing at the culprit), and
loading raises `OctavoError` if any of them is an error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from octavo.diagnostics import Diagnostic, Diagnostics, OctavoError, Span
from octavo.document import Identifier, PrintSettings, StoryCredits
from octavo.loop_codes import GLOB_MATCHES_NOTHING, GLOB_WITH_TITLE
from octavo.manifest_contents import (
    expand_pattern,
    explicit_paths,
    is_pattern,
    pattern_hint,
    run_together_items,
    suggest_missing,
)
from octavo.manifest_epub import EpubManifest, epub_settings, story_credits, with_print_isbn
from octavo.manifest_hints import date_problem, trim_problem
from octavo.manifest_print import CoverSpec, cover_spec, print_settings
from octavo.manifest_schema import schema_diagnostics
from octavo.manifest_yaml import LoadedYaml, Path_, load_yaml
from octavo.metadata_values import (
    TRIMS,
    derived_identifier,
    normalise_date,
    normalise_language,
    parse_identifier,
    parse_trim,
)
from octavo.normalise.typography import HouseStyle, house_style_for
from octavo.paths import resolve_inside
from octavo.resources import SHIPPED_FONT_FAMILIES

MANIFEST_NAME = "book.yaml"
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class StoryEntry:
    path: Path  # resolved, inside the book folder
    display: str  # as written in the manifest
    span: Span
    title: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    credits: StoryCredits | None = None
    # Input settings, the book's merged with the story's own (see manifest_inputs.py).
    habits: tuple[tuple[str, str], ...] = ()  # (habit kind, "keep" | "endnote" | "drop")
    docx_changes: str | None = None  # "accept" | "refuse" | None


@dataclass(frozen=True, slots=True)
class PartEntry:
    title: str
    stories: tuple[StoryEntry, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class TextSource:
    """Front or back matter given inline (`text`) or as a manuscript file (`path`)."""

    span: Span
    text: str | None = None
    path: Path | None = None
    display: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class ContributorEntry:
    name: str
    bio: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Manifest:
    path: Path
    root: Path
    title: str
    language: str
    identifier: Identifier
    contents: tuple[StoryEntry | PartEntry, ...]
    print: PrintSettings
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    publisher: str | None = None
    date: str | None = None
    rights: str | None = None
    description: str | None = None
    subjects: tuple[str, ...] = ()
    cover: Path | None = None
    cover_span: Span | None = None
    dedication: TextSource | None = None
    acknowledgements: TextSource | None = None
    contributors: tuple[ContributorEntry, ...] = ()
    front: tuple[TextSource, ...] = ()
    back: tuple[TextSource, ...] = ()
    house_style: HouseStyle = field(default_factory=HouseStyle)
    scene_break: str = "ornament"
    check_disabled: frozenset[str] = frozenset()
    check_enabled: frozenset[str] = frozenset()
    house_words: tuple[tuple[str, str], ...] = ()  # (avoided, preferred)
    own_words: frozenset[str] = frozenset()  # the book's own vocabulary: never typos
    check_severity: tuple[tuple[str, str], ...] = ()  # (code, "error" | "warning" | "info")
    epub: EpubManifest = field(default_factory=EpubManifest)  # issue 12: labels, credits, a11y
    habits: tuple[tuple[str, str], ...] = ()  # the book's `habits:` (stories may add their own)
    docx_changes: str | None = None  # the book's `docx: {changes: ...}`
    print_cover: CoverSpec | None = None  # what `octavo cover` draws on the back and spine
    kind: str | None = None  # "novel" | "collection" | "anthology"; None: inferred (book_kind)
    numbering: str = "none"  # "none" | "words" | "digits"

    def stories(self) -> list[StoryEntry]:
        found: list[StoryEntry] = []
        for entry in self.contents:
            found.extend(entry.stories if isinstance(entry, PartEntry) else (entry,))
        return found


def find_upwards(start: Path) -> Path | None:
    """The book.yaml of the book `start` (a folder) lies in: in it or in the nearest folder
    above it, as git finds its repository."""
    folder = start.resolve()
    for candidate_folder in (folder, *folder.parents):
        candidate = candidate_folder / MANIFEST_NAME
        if candidate.is_file():
            return candidate
    return None


def find_manifest(book: str | None, cwd: Path) -> Path:
    """BOOK is a folder holding book.yaml or the file itself; by default ./book.yaml, then
    manuscripts/book.yaml, then the book.yaml of the nearest folder above."""
    if book is None:
        for candidate in (cwd / MANIFEST_NAME, cwd / "manuscripts" / MANIFEST_NAME):
            if candidate.is_file():
                return candidate
        found = find_upwards(cwd)
        if found is not None:
            return found
        raise OctavoError.single(
            "OCT100", f"no {MANIFEST_NAME} here, in manuscripts/ or in a folder above; name the "
            "book, or start one with `octavo new`", Span(str(cwd)),
        )
    path = (cwd / book) if not Path(book).is_absolute() else Path(book)
    if path.is_dir():
        path = path / MANIFEST_NAME
    if not path.is_file():
        raise OctavoError.single("OCT100", "no such manifest file", Span(str(path)))
    return path


def load_manifest(path: Path, display: str | None = None) -> tuple[Manifest, list[Diagnostic]]:
    """Read and validate a manifest. Returns it with its warnings; raises OctavoError on errors."""
    display = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise OctavoError.single("OCT100", f"cannot read the manifest: {exc.strerror}",
                                 Span(display)) from None
    loaded = load_yaml(raw, display)
    diags = Diagnostics()
    diags.extend(schema_diagnostics(loaded))
    if diags.has_errors:
        # One run reports every error it can find: the paths and values that are well formed
        # are checked too, so a misspelt key and a misspelt file name come out together.
        _Builder(path, loaded, diags).salvage()
        raise OctavoError(diags.sorted())
    manifest = _Builder(path, loaded, diags).build()
    if diags.has_errors or manifest is None:
        raise OctavoError(diags.sorted())
    return manifest, diags.sorted()


def _names(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value.strip(),) if isinstance(value, str) else tuple(v.strip() for v in value)


class _Builder:
    """Semantic checks beyond the schema, and conversion to the typed Manifest."""

    def __init__(self, path: Path, loaded: LoadedYaml, diags: Diagnostics) -> None:
        self.loaded = loaded
        self.data: dict[str, Any] = loaded.data
        self.diags = diags
        self.folder = path.parent.resolve()
        root = self.data.get("root", ".")
        # (A root of the wrong type is the schema's to report; the salvage pass goes on.)
        self.root = (self.folder / (root if isinstance(root, str) else ".")).resolve()
        self.path = path
        self.seen: dict[Path, Span] = {}
        self.seen_display: list[str] = []
        self.explicit = explicit_paths(self.data.get("contents", ()), self.folder, self.root)

    def span(self, *path: str | int) -> Span:
        return self.loaded.span(tuple(path))

    def salvage(self) -> None:
        """The checks that still make sense when the schema found errors: every value and
        path of the right type is checked, so one run reports every error it can find."""
        data = self.data
        for key, check in (("language", self._language), ("date", self._date)):
            if isinstance(data.get(key), str | int):
                check()
        if isinstance(data.get("identifier"), str):
            self._identifier(())
        build = data.get("build")
        if isinstance(build, dict) and isinstance(build.get("trim"), str) and \
                parse_trim(build["trim"]) is None:
            reason = trim_problem(build["trim"])
            self.diags.error("OCT115", f"trim size '{build['trim']}' cannot be printed: {reason}"
                             if reason else f"unknown trim size '{build['trim']}'",
                             self.span("build", "trim"))
        if isinstance(data.get("cover"), str) and data["cover"]:
            self._file_path(data["cover"], ("cover",))
        self._salvage_contents(data.get("contents"), ("contents",))

    def _salvage_contents(self, items: Any, where: Path_) -> None:
        if not isinstance(items, list):
            return
        for i, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("contents"), list):
                self._salvage_contents(item["contents"], (*where, i, "contents"))
            elif isinstance(item, str | dict) and isinstance(
                    raw := item if isinstance(item, str) else item.get("file"), str) and raw:
                if is_pattern(raw):
                    self._pattern_matches(raw, self.span(*where, i), {})
                else:
                    self._file_path(raw, (*where, i) if isinstance(item, str)
                                    else (*where, i, "file"))

    def build(self) -> Manifest | None:
        data = self.data
        title = data["title"].strip()
        build = data.get("build", {})
        authors, editors = _names(data.get("author")), _names(data.get("editor"))
        language = self._language()
        epub = epub_settings(data, language, self.span, self.diags)
        date = self._date()
        print_settings = self._print_settings()
        epub = with_print_isbn(epub, print_settings.isbn, self.span, self.diags)
        cover = self._file_path(data["cover"], ("cover",)) if "cover" in data else None
        if cover is not None:
            from octavo.cover import check_cover

            self.diags.extend(check_cover(cover, self.span("cover")))
        from octavo.manifest_inputs import docx_changes, merged_habits

        contents = tuple(entry for i, item in enumerate(data["contents"])
                         for entry in self._entries(item, ("contents", i), authors))
        identifier = self._identifier(authors or editors)
        if self.diags.has_errors:
            return None
        return Manifest(
            path=self.path,
            root=self.root,
            title=title,
            subtitle=data.get("subtitle"),
            authors=authors,
            editors=editors,
            language=language,
            identifier=identifier,
            publisher=data.get("publisher"),
            date=date,
            rights=data.get("rights"),
            description=data.get("description"),
            subjects=_names(data.get("subjects")),
            cover=cover,
            cover_span=self.span("cover") if cover else None,
            contents=contents,
            print=print_settings,
            dedication=self._text_source(data.get("dedication"), ("dedication",)),
            acknowledgements=self._text_source(data.get("acknowledgements"),
                                               ("acknowledgements",), "Acknowledgements"),
            contributors=tuple(
                ContributorEntry(c["name"].strip(), c.get("bio"), self.span("contributors", i))
                for i, c in enumerate(data.get("contributors", ()))
            ),
            front=self._matter("front"),
            back=self._matter("back"),
            house_style=house_style_for(language, build.get("quotes"), build.get("dashes"),
                                        build.get("ellipsis"), build.get("tie_last_word", False)),
            scene_break=build.get("scene_break", "ornament"),
            check_disabled=frozenset(data.get("check", {}).get("disable", ())),
            check_enabled=frozenset(data.get("check", {}).get("enable", ())),
            house_words=tuple((avoided, preferred) for avoided, preferred
                              in data.get("check", {}).get("words", {}).items()
                              if preferred is not None),
            # `words: {Tsarkov: ~}`: a word of the book's own, never a typo (OCT347)
            own_words=frozenset(word for word, preferred
                                in data.get("check", {}).get("words", {}).items()
                                if preferred is None),
            check_severity=tuple(sorted(data.get("check", {}).get("severity", {}).items())),
            epub=epub,
            habits=merged_habits(data, {}),
            docx_changes=docx_changes(data, {}),
            print_cover=cover_spec(data, self.span, self._file_path),
            kind=data.get("kind"),
            numbering=data.get("numbering", "none"),
        )

    # -- metadata values ----------------------------------------------------------------------

    def _language(self) -> str:
        raw = self.data.get("language")
        if raw is None:
            self.diags.warning("OCT106", f"no 'language' given; assuming '{DEFAULT_LANGUAGE}'",
                               self.span(), fix=f"language: {DEFAULT_LANGUAGE}")
            return DEFAULT_LANGUAGE
        tag = normalise_language(raw)
        if tag is None:
            self.diags.error("OCT108", f"'{raw}' is not a valid BCP 47 language tag "
                             "(for example en, en-US, en-GB, fr-CA)", self.span("language"))
            return DEFAULT_LANGUAGE
        return tag

    def _identifier(self, names: tuple[str, ...]) -> Identifier:
        # Derived from the names and the manuscripts' paths, not the title: renaming the book
        # keeps its identifier (README, "Identifiers").
        manuscripts = sorted(display for display in self.seen_display)
        raw = self.data.get("identifier")
        if raw is None:
            return derived_identifier(names, manuscripts)
        identifier = parse_identifier(str(raw))
        if identifier is None:
            self.diags.error("OCT107", f"'{raw}' is not a valid ISBN-13 (check digit included) "
                             "or UUID", self.span("identifier"))
            return derived_identifier(names, manuscripts)
        return identifier

    def _date(self) -> str | None:
        raw = self.data.get("date")
        if raw is None:
            return None
        date = normalise_date(str(raw))
        if date is None:
            reason = date_problem(str(raw))
            self.diags.error("OCT109", f"'{raw}' is not a date: {reason}" if reason else
                             f"'{raw}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
                             self.span("date"))
        return date

    def _print_settings(self) -> PrintSettings:
        build = self.data.get("build", {})
        trim = TRIMS["6x9"]
        if "trim" in build:
            parsed = parse_trim(build["trim"])
            if parsed is None:
                reason = trim_problem(build["trim"])
                self.diags.error("OCT115", f"trim size '{build['trim']}' cannot be printed: "
                                 f"{reason}" if reason else
                                 f"unknown trim size '{build['trim']}'; use one of "
                                 f"{', '.join(TRIMS)} or WIDTHxHEIGHT in inches (or "
                                 "millimetres: 148x210mm)",
                                 self.span("build", "trim"))
            else:
                trim = parsed
        family = build.get("font", SHIPPED_FONT_FAMILIES[0])
        if family not in SHIPPED_FONT_FAMILIES:
            self.diags.error("OCT115", f"font '{family}' is not shipped with octavo; available: "
                             f"{', '.join(SHIPPED_FONT_FAMILIES)}", self.span("build", "font"))
        size = float(build.get("font_size", 11))
        if not math.isfinite(size):  # .nan passes the schema's minimum and maximum
            self.diags.error("OCT105", "'build.font_size' must be a number of points from 8 to 16",
                             self.span("build", "font_size"))
            size = 11.0
        return print_settings(self.data, trim, size, self.span, self._file_path, self.diags)

    # -- files --------------------------------------------------------------------------------

    def _file_path(self, raw: str, where: Path_) -> Path | None:
        span = self.loaded.span(where)
        try:
            path = resolve_inside(self.root, self.folder, raw, span)
        except OctavoError as exc:
            self.diags.extend(exc.diagnostics)
            return None
        try:
            exists, is_file = path.exists(), path.is_file()
        except OSError as exc:  # a name too long for the file system, a permission denied
            self.diags.error("OCT111", f"'{raw[:200]}' cannot be opened: {exc.strerror}", span)
            return None
        if not exists:
            parts = run_together_items(raw, self.folder)
            if parts:
                self.diags.error("OCT111", f"'{raw}' does not exist: it reads as two list items "
                                 f"run together ({', '.join(parts)}), because the second dash "
                                 "is indented more than the first; line up the dashes", span)
                return None
            guess = suggest_missing(raw, self.folder, self.root)
            self.diags.error("OCT111", f"'{raw}' does not exist" + (
                f"; did you mean {guess}?" if guess else ""), span, fix=guess)
            return None
        if not is_file:
            self.diags.error("OCT111", f"'{raw}' is not a file", span)
            return None
        return path

    def _story(self, raw: str, where: Path_, meta: dict[str, Any],
               inherited: tuple[str, ...]) -> StoryEntry | None:
        path = self._file_path(raw, where)
        if path is None:
            return None
        span = self.loaded.span(where)
        if path in self.seen:
            first = self.seen[path]
            self.diags.error("OCT112", f"'{raw}' is already listed at line {first.line}", span)
            return None
        self.seen[path] = span
        self.seen_display.append(raw)
        from octavo.manifest_inputs import docx_changes, merged_habits

        return StoryEntry(path, raw, span, meta.get("title"), meta.get("subtitle"),
                          _names(meta.get("author")) or inherited,
                          story_credits(meta, where[:-1], self.span, self.diags) if meta else None,
                          habits=merged_habits(self.data, meta),
                          docx_changes=docx_changes(self.data, meta))

    def _entries(self, item: Any, where: Path_,
                 inherited: tuple[str, ...]) -> list[StoryEntry | PartEntry]:
        """One entry of `contents`; a pattern (chapters/*.md) stands for every file it
        matches, in natural order, less those listed elsewhere."""
        raw = item if isinstance(item, str) else (item.get("file") if "part" not in item
                                                 else None)
        if isinstance(raw, str) and is_pattern(raw):
            span = self.loaded.span(where if isinstance(item, str) else (*where, "file"))
            meta = {} if isinstance(item, str) else item
            matches = self._pattern_matches(raw, span, meta)
            from octavo.manifest_inputs import docx_changes, merged_habits

            habits, changes = merged_habits(self.data, meta), docx_changes(self.data, meta)
            stories = [StoryEntry(path, shown, span, None, None,
                                  _names(meta.get("author")) or inherited,
                                  habits=habits, docx_changes=changes)
                       for path, shown in matches
                       if path not in self.seen and path not in self.explicit]
            for story in stories:
                self.seen[story.path] = span
                self.seen_display.append(story.display)
            return list(stories)
        found = self._entry(item, where, inherited)
        return [found] if found is not None else []

    def _pattern_matches(self, raw: str, span: Span, meta: dict[str, Any]) -> list[tuple[Path, str]]:
        try:
            matches = expand_pattern(raw, self.folder, self.root, span)
        except OctavoError as exc:
            self.diags.extend(exc.diagnostics)
            return []
        if not matches:
            self.diags.error(GLOB_MATCHES_NOTHING, f"'{raw}' matches no manuscript"
                             + pattern_hint(raw, self.folder), span)
        elif (meta.get("title") or meta.get("subtitle")) and len(matches) > 1:
            self.diags.error(GLOB_WITH_TITLE, f"'{raw}' matches {len(matches)} files, which "
                             "cannot share one title", span)
            return []
        return matches

    def _entry(self, item: Any, where: Path_,
               inherited: tuple[str, ...]) -> StoryEntry | PartEntry | None:
        if isinstance(item, str):
            return self._story(item, where, {}, inherited)
        if "part" in item:
            stories = [s for i, sub in enumerate(item["contents"])
                       for s in self._entries(sub, (*where, "contents", i), inherited)]
            return PartEntry(item["part"].strip(),
                             tuple(s for s in stories if isinstance(s, StoryEntry)),
                             self.loaded.span(where))
        return self._story(item["file"], (*where, "file"), item, inherited)

    def _text_source(self, value: Any, where: Path_, title: str | None = None) -> TextSource | None:
        if value is None:
            return None
        if isinstance(value, str):
            return TextSource(self.loaded.span(where), text=value, title=title)
        path = self._file_path(value["file"], (*where, "file"))
        return TextSource(self.loaded.span(where), path=path, display=value["file"], title=title)

    def _matter(self, key: str) -> tuple[TextSource, ...]:
        pages = []
        for i, page in enumerate(self.data.get(key, ())):
            path = self._file_path(page["file"], (key, i, "file"))
            pages.append(TextSource(self.span(key, i), path=path, display=page["file"],
                                    title=page["title"].strip()))
        return tuple(pages)
