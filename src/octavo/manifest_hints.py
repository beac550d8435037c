"""Messages that teach: what a manifest mistake most likely is, and how to put it right.

- a misspelt or foreign key → the key it means, by meaning first (trim_size → trim, not
  font_size), then by spelling;
- a misspelt manuscript path → the file in that folder it most likely names;
- an out-of-range value → the range (6x90: the height is above the 11.69 in maximum; 2026-13-01:
  there is no month 13);
- a YAML syntax error → what it usually means in a book.yaml, in plain words (see yaml_hint).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

# Names other tools (or habit) use for octavo's keys. Looked up before any spelling match.
SYNONYMS: dict[str, str] = {
    # top level
    "name": "title", "book_title": "title", "booktitle": "title", "heading": "title",
    "sub_title": "subtitle", "tagline": "subtitle",
    "authors": "author", "writer": "author", "writers": "author", "by": "author",
    "creator": "author", "creators": "author", "byline": "author",
    "editors": "editor", "edited_by": "editor",
    "lang": "language", "locale": "language",
    "isbn": "identifier", "isbn13": "identifier", "uuid": "identifier", "id": "identifier",
    "press": "publisher", "imprint": "publisher",
    "year": "date", "published": "date", "pubdate": "date", "publication_date": "date",
    "copyright": "rights", "license": "rights", "licence": "rights",
    "blurb": "description", "summary": "description", "synopsis": "description",
    "abstract": "description",
    "tags": "subjects", "keywords": "subjects", "genre": "subjects", "genres": "subjects",
    "subject": "subjects", "categories": "subjects",
    "cover_image": "cover", "image": "cover", "coverimage": "cover", "cover_art": "cover",
    "chapters": "contents", "stories": "contents", "files": "contents", "toc": "contents",
    "manuscripts": "contents", "content": "contents", "table_of_contents": "contents",
    "type": "kind", "genre_kind": "kind", "book_type": "kind",
    "chapter_numbers": "numbering", "numbers": "numbering", "chapter_numbering": "numbering",
    "thanks": "acknowledgements", "acknowledgments": "acknowledgements",
    "authors_notes": "back", "appendix": "back", "afterword": "back",
    "foreword": "front", "preface": "front", "introduction": "front",
    "bios": "contributors", "about": "contributors",
    "settings": "build", "print": "build", "options": "build", "layout": "build",
    "lint": "check", "checks": "check",
    # build
    "trim_size": "trim", "page_size": "trim", "size": "trim", "paper": "trim",
    "format": "trim", "dimensions": "trim", "book_size": "trim", "pagesize": "trim",
    "fontsize": "font_size", "point_size": "font_size", "text_size": "font_size",
    "type_size": "font_size", "pt": "font_size",
    "font_family": "font", "typeface": "font", "fontfamily": "font",
    "quote_style": "quotes", "quotation_marks": "quotes", "smart_quotes": "quotes",
    "dash": "dashes", "dash_style": "dashes",
    "ellipses": "ellipsis", "ellipsis_style": "ellipsis",
    "scene_breaks": "scene_break", "section_break": "scene_break", "separator": "scene_break",
    "widows": "tie_last_word", "no_orphans": "tie_last_word",
    # check
    "ignore": "disable", "disabled": "disable", "skip": "disable", "exclude": "disable",
    "enabled": "enable", "select": "enable",
    "levels": "severity", "severities": "severity",
    "house_style": "words", "spellings": "words", "dictionary": "words",
    # entries
    "path": "file", "filename": "file", "src": "file", "source": "file",
    "chapter": "file", "story": "file",
}


def suggest_key(name: str, allowed: Iterable[str]) -> str | None:
    """The allowed key `name` most likely means: its synonym, a key it contains as a word
    (book_title → title), or the nearest spelling."""
    known = sorted(allowed)
    lowered = name.strip().lower().replace("-", "_").replace(" ", "_")
    if lowered in known:
        return lowered  # Title, TITLE, font-size
    synonym = SYNONYMS.get(lowered)
    if synonym in known:
        return synonym
    words = [w for w in re.split(r"[_\W]+", lowered) if w]
    for word in words:  # trim_size → trim, cover_path → cover
        if word in known and len(word) > 2:
            return word
        if SYNONYMS.get(word) in known:
            return SYNONYMS[word]
    guess = difflib.get_close_matches(lowered, known, n=1, cutoff=0.6)
    return guess[0] if guess else None


def suggest_path(raw: str, base: Path, root: Path) -> str | None:
    """For a manuscript path that does not exist, the file it most likely names: the closest
    name in the same folder (or, when that folder does not exist, anywhere in the book), as
    it should be written in the manifest."""
    wanted = Path(raw)
    folder = (base / wanted).parent
    if folder.is_dir():
        candidates = {p.name: p for p in folder.iterdir() if p.is_file()
                      and not p.name.startswith(".")}
        guess = _closest(wanted.name, list(candidates))
        if guess is None:
            return None
        return (wanted.parent / guess).as_posix()
    anywhere: dict[str, Path] = {}
    for path in root.rglob("*"):
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(root).parts):
            anywhere.setdefault(path.name, path)
        if len(anywhere) > 5000:  # a huge folder: not worth walking further
            break
    guess = _closest(wanted.name, list(anywhere))
    if guess is None:
        return None
    try:
        return str(anywhere[guess].relative_to(base.resolve()).as_posix())
    except ValueError:
        return None


def _closest(name: str, names: list[str]) -> str | None:
    lowered = {n.lower(): n for n in names}
    if name.lower() in lowered:
        return lowered[name.lower()]  # only the case differs
    guess = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
    if guess:
        return lowered[guess[0]]
    stem = Path(name).stem.lower()  # the same name with another extension
    same_stem = [n for n in names if Path(n).stem.lower() == stem]
    return same_stem[0] if same_stem else None


# -- ranges -----------------------------------------------------------------------------------

TRIM_WIDTH = (4.0, 8.5)  # inches: the print-on-demand range for custom trims (KDP's)
TRIM_HEIGHT = (6.0, 11.69)
_TRIM = re.compile(
    r"^\s*([0-9]+(?:\.[0-9]+)?)\s*[x×]\s*([0-9]+(?:\.[0-9]+)?)\s*(in|mm|cm)?\s*$", re.IGNORECASE)
_MM_PER_UNIT = {"in": 25.4, "mm": 1.0, "cm": 10.0}


def trim_problem(raw: str) -> str | None:
    """Why a WIDTHxHEIGHT trim is refused, in words; None when it is not of that form."""
    match = _TRIM.match(str(raw))
    if not match:
        return None
    unit = (match.group(3) or "in").lower()
    given_w, given_h = float(match.group(1)), float(match.group(2))
    width, height = (v * _MM_PER_UNIT[unit] / 25.4 for v in (given_w, given_h))
    problems = []
    for what, value, (low, high) in (("width", width, TRIM_WIDTH),
                                     ("height", height, TRIM_HEIGHT)):
        shown = f"{value:g} in" if unit == "in" else f"{value:.2f} in"
        if round(value, 2) > high:
            problems.append(f"the {what}, {shown}, is above the {high:g} in maximum")
        elif round(value, 2) < low:
            problems.append(f"the {what}, {shown}, is below the {low:g} in minimum")
    if not problems:
        return None
    hint = ""
    if width > height and _fits(height, width):
        hint = f"; width comes first: {given_h:g}x{given_w:g}{match.group(3) or ''}?"
    elif unit == "in" and not match.group(3) and _fits(width / 25.4, height / 25.4):
        # A trim with no unit is in inches; these numbers are a page in millimetres.
        hint = f"; a size with no unit is in inches: for millimetres write {given_w:g}x{given_h:g}mm"
    elif unit != "in" and _fits(given_w, given_h):
        hint = f"; in inches? write {given_w:g}x{given_h:g}"
    return " and ".join(problems) + hint


def _fits(width_in: float, height_in: float) -> bool:
    return (TRIM_WIDTH[0] <= round(width_in, 2) <= TRIM_WIDTH[1]
            and TRIM_HEIGHT[0] <= round(height_in, 2) <= TRIM_HEIGHT[1])


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def date_problem(raw: str) -> str | None:
    """Why a date of the right shape names no day (no month 13, no 31 April); None when the
    shape itself is wrong or the date is fine."""
    match = re.fullmatch(r"\s*([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?\s*", str(raw))
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if year == 0:
        return "there is no year 0"
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month} (months run from 01 to 12)"
    if month is not None and day is not None:
        import calendar

        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"{_MONTHS[month - 1]} {year} has no day {day} (it has {last})"
        if len(match.group(2)) == 1 or len(match.group(3)) == 1:
            return f"write two digits for the month and day: {year}-{month:02d}-{day:02d}"
    elif month is not None and len(match.group(2)) == 1:
        return f"write two digits for the month: {year}-{month:02d}"
    return None


# -- YAML syntax, in plain words ----------------------------------------------------------------

_KEY_AND_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s:#][^:#]*?):\s+(?P<value>\S.*?)\s*$")


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_hint(lines: list[str], problem: str, context: str | None,
              problem_at: tuple[int, int] | None,
              context_at: tuple[int, int] | None) -> tuple[str, tuple[int, int] | None,
                                                          str | None] | None:
    """A plain-language message for a YAML syntax error, the place to report it (0-based
    line, column) and a corrected line; None when octavo has nothing better than PyYAML's
    own words. The error's marks are 0-based (line, column)."""
    if context and "quoted scalar" in context and context_at is not None:
        line = lines[context_at[0]] if context_at[0] < len(lines) else ""
        mark = line[context_at[1]:context_at[1] + 1] or '"'
        fixed = line.rstrip() + mark
        return (f"this {mark} opens a quotation that is never closed; close it on the same "
                f"line: {fixed.strip()}", context_at, fixed.strip())
    if problem_at is None or problem_at[0] >= len(lines):
        return None
    number, column = problem_at
    line = lines[number]
    if "cannot start any token" in problem and "\\t" in problem:
        return ("YAML indents with spaces, not tabs: replace the tab at the start of this line "
                "with spaces", (number, column), line.replace("\t", "  "))
    if "mapping values are not allowed" in problem:
        above = next((lines[i] for i in range(number - 1, -1, -1)
                      if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
        key_here = re.match(r"^\s*[^\s:#][^:#]*:", line)
        if (above is not None and key_here and _indent(line) > _indent(above)
                and not above.rstrip().endswith(":")
                and key_here.end() - 1 == column):
            return (f"this key is indented {_spaces(_indent(line))}, more than the line above "
                    f"({_indent(above)}); keys of one mapping line up", (number, _indent(line)),
                    " " * _indent(above) + line.lstrip())
        found = _KEY_AND_VALUE.match(line)
        if found and ":" in found.group("value"):
            fixed = found.group("lead") + found.group("key") + ": " + _quoted(found.group("value"))
            return ("a colon followed by a space inside a value starts a new key in YAML; quote "
                    f"the value: {fixed.strip()}", (number, found.end("lead") + len(found.group("key")) + 2),
                    fixed.strip())
    if "block end" in problem and ("'-'" in problem or "block sequence start" in problem):
        dashes = [i for i in range(number - 1, -1, -1) if lines[i].lstrip().startswith("- ")]
        if dashes and _indent(lines[dashes[0]]) != _indent(line):
            wanted = _indent(lines[dashes[0]])
            return (f"this list item is indented {_spaces(_indent(line))}, but the items above "
                    f"it are indented {wanted}; line up the dashes of one list",
                    (number, _indent(line)), " " * wanted + line.lstrip())
        return ("this list item is not where a list can start: line it up with the other items "
                "of its list, or put it under a key ending in ':'", (number, _indent(line)), None)
    if "could not find expected ':'" in problem or "did not find expected key" in problem:
        return (f"YAML expected 'key: value' or a list item here ({problem}); check this line's "
                "indentation against the line above", (number, column), None)
    return None
