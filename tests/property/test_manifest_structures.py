"""Arbitrary book.yaml files through the manifest loader, `octavo check` and the compiler.

Properties:
- whatever the manifest holds, the only exception is OctavoError, and every error diagnostic
  names a file and a line (the CLI turns anything else into exit status 3 and a crash log);
- a manifest that is valid by the schema and by meaning compiles into a Book whose stories hold
  every word of their manuscripts, in order.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from octavo.backends.base import NullProgress
from octavo.check import check_book
from octavo.diagnostics import Diagnostic, Diagnostics, OctavoError, Severity
from octavo.document import (
    Book,
    Dedication,
    MatterPage,
    Part,
    block_text,
    chapter_text,
    timestamp_from_date,
)
from octavo.metadata_values import TRIMS
from octavo.pipeline import load_book
from octavo.resources import schema_path
from tests.conftest import BookFolder, run_octavo
from tests.property.conftest import PROPERTY
from tests.property.wordcheck import words
from tests.textcheck import assert_in_order

# -- the book folder every example uses (only book.yaml changes between examples) ----------

# Manuscript files: path → (heading words the compiler may take as the title, body text).
STORIES: dict[str, tuple[str, str]] = {
    "stories/one.txt": (
        "Chapter 1: The Harbour",
        "The boat came in at dawn, heavy with fish and rumours.\n\n"
        "\"Nobody leaves,\" said the harbour master. \"Not tonight.\"\n",
    ),
    "stories/two.md": (
        "# The Letters",
        "It rained for *three* days -- or 3.5, said Mrs. O'Brien...\n\n* * *\n\n"
        "On the fourth, the [letters](#) began to arrive: <https://example.com/x>.\n",
    ),
    "stories/three.txt": (
        "",
        "it was late, and the lamps were out.\nNobody came; nobody wrote 42 letters.\n",
    ),
    "stories/four.txt": (
        "",
        "\ufeffa <script>alert(1)</script> & {{ 7*7 }} story, the 4th.\r\nIts end.\r\n",
    ),
}
MATTER = {
    "matter/foreword.txt": "A word before: read slowly.\n",
    "matter/afterword.md": "# Afterword\n\nA word after, with *feeling*.\n",
}
STORY_FILES = sorted(STORIES)
MATTER_FILES = sorted(MATTER)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> BookFolder:
    book = BookFolder(tmp_path_factory.mktemp("property") / "book")
    for path, (heading, body) in STORIES.items():
        book.write(path, f"{heading}\n\n{body}" if heading else body)
    for path, text in MATTER.items():
        book.write(path, text)
    book.write("cover.png", b"\x89PNG\r\n\x1a\nnot really a png")
    book.write("empty.txt", "")
    book.write("image.txt", b"\x89PNG\r\n\x1a\n")
    return book


# -- strategies ------------------------------------------------------------------------------


def _schema_keys(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        found.update(node.get("properties", {}))
        for value in node.values():
            found |= _schema_keys(value)
    elif isinstance(node, list):
        for value in node:
            found |= _schema_keys(value)
    return found


SCHEMA_KEYS = sorted(_schema_keys(json.loads(schema_path().read_text(encoding="utf-8"))))

HOSTILE_TEXT = [
    "<script>alert(1)</script>", "{{ 7*7 }}", "{% include 'secret.txt' %}", "${HOME}", "%s%n",
    "]]>", "&amp; &", "'; DROP TABLE books; --", "\x00", "a\x00b", "\x07bell", "\u202eevil",
    "\ufeff", "\ufffe", " ", "", "\t\n", "~", "null", "yes", "0x1F", "1e400", ".nan",
]
HOSTILE_PATHS = [
    "../../etc/passwd", "/etc/passwd", "C:\\Windows\\win.ini", "\\\\server\\share", "~/x.txt",
    "stories", "stories/", ".", "..", "book.yaml", "missing.txt", "empty.txt", "image.txt",
    "cover.png", "stories/../stories/one.txt", "./stories/two.md", "a" * 300 + ".txt",
    "x/" * 2100, "stories/one.txt\x00.png", "file:///etc/passwd",
]
# Values the schema and the loader care about, right and wrong.
SCHEMA_VALUES = [
    "en", "en-GB", "EN-us", "x-klingon", "zz-ZZ-invalid-", "2026-11-21", "2026-02-30", "0000",
    "0000-01", "٢٠٢٠", "9780306406157", "978-0-306-40615-7", "isbn 9780306406158",
    "978٠٣٠٦٤٠٦١٥٧", "urn:uuid:12345678-1234-5678-1234-567812345678",
    "{12345678-1234-5678-1234-567812345678}", "OCT310", "OCT999", "OCT1", "error", "warning",
    "info", "american", "british", "em", "spaced-en", "character", "spaced", "ornament",
    "asterism", "space", "6x9", "A5", "8.5x11", "4x6 in", "٥x٨", "Charis SIL", "Comic Sans",
]
LONG = ["x" * 5000, "word " * 2000]
HOSTILE = HOSTILE_TEXT + HOSTILE_PATHS + SCHEMA_VALUES + LONG
PATHS = [*STORY_FILES, *MATTER_FILES, *HOSTILE_PATHS]

text_values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.text(string.printable, max_size=30),
)
keys = st.one_of(st.sampled_from(SCHEMA_KEYS), st.sampled_from(HOSTILE_TEXT),
                 st.text(max_size=12))
scalars = st.one_of(
    text_values,
    st.sampled_from(PATHS),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(),  # nan and ±inf included
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(keys, children, max_size=5)),
    max_leaves=20,
)
random_manifests = st.dictionaries(keys, structures, max_size=8)

# A manifest that passes the schema and every semantic check, with arbitrary text in its
# free-text fields.
# Text a valid manifest may hold: no surrogates, and none of the invisible controls octavo refuses
# in a manifest value (OCT105; tests/hardening/test_manifests.py).
# (C0 and C1 controls, DEL, every noncharacter, bidirectional controls.)
_NONCHARACTERS = "".join(chr(plane * 0x10000 + low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
_REFUSED_IN_VALUES = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef{_NONCHARACTERS}"
                                "\u202a-\u202e\u2066-\u2069]")
free_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1,
                    max_size=40).filter(lambda t: not _REFUSED_IN_VALUES.search(t))
names = st.one_of(free_text, st.lists(free_text, min_size=1, max_size=3))
dates = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1)).map(lambda d: d.isoformat()),
    st.dates(min_value=dt.date(1, 1, 1)).map(lambda d: d.isoformat()[:7]),
    st.integers(min_value=1, max_value=9999).map(lambda y: f"{y:04d}"),
    st.integers(min_value=1000, max_value=9999),
    st.dates(min_value=dt.date(1, 1, 1)),  # dumped as a YAML timestamp
)
identifiers = st.sampled_from([
    "9780306406157", "978-0-306-40615-7", "isbn:979-10-90636-07-1", "urn:isbn:9780306406157",
    9780306406157, "12345678-1234-5678-1234-567812345678",
    "urn:uuid:12345678-1234-5678-1234-567812345678",
])
languages = st.sampled_from(["en", "en-US", "en-gb", "fr-CA", "de", "pt-BR", "zh-Hant", "ja"])
codes = st.integers(min_value=100, max_value=999).map(lambda n: f"OCT{n}")


@st.composite
def story_entry(draw: st.DrawFn, path: str) -> Any:
    if draw(st.booleans()):
        return path
    entry: dict[str, Any] = {"file": path}
    for key, value in (("title", free_text), ("subtitle", free_text), ("author", names)):
        if draw(st.booleans()):
            entry[key] = draw(value)
    return entry


@st.composite
def valid_manifests(draw: st.DrawFn) -> dict[str, Any]:
    chosen = draw(st.permutations(STORY_FILES).flatmap(
        lambda order: st.integers(1, len(order)).map(lambda n: order[:n])))
    entries = [draw(story_entry(path)) for path in chosen]
    contents: list[Any] = []
    while entries:
        take = draw(st.integers(1, len(entries)))
        group, entries = entries[:take], entries[take:]
        if draw(st.booleans()):
            contents.append({"part": draw(free_text), "contents": group})
        else:
            contents.extend(group)
    data: dict[str, Any] = {"title": draw(free_text), "contents": contents}
    optional = {
        "subtitle": free_text, "author": names, "editor": names, "language": languages,
        "identifier": identifiers, "publisher": free_text, "date": dates, "rights": free_text,
        "description": free_text, "subjects": names, "root": st.just("."),
        "dedication": st.one_of(free_text, st.sampled_from(MATTER_FILES).map(
            lambda p: {"file": p})),
        "acknowledgements": free_text,
        "contributors": st.lists(st.fixed_dictionaries(
            {"name": free_text}, optional={"bio": free_text}), max_size=3),
        "front": st.lists(st.fixed_dictionaries(
            {"title": free_text, "file": st.sampled_from(MATTER_FILES)}), max_size=2),
        "back": st.lists(st.fixed_dictionaries(
            {"title": free_text, "file": st.sampled_from(MATTER_FILES)}), max_size=2),
        "build": st.fixed_dictionaries({}, optional={
            "trim": st.sampled_from([*TRIMS, "a5", "6 x 9", "5.5×8.5", "7x10in", "8.5x11"]),
            "font_size": st.one_of(st.integers(8, 16), st.floats(8, 16)),
            "font": st.just("Charis SIL"),
            "quotes": st.sampled_from(["american", "british"]),
            "dashes": st.sampled_from(["em", "spaced-en"]),
            "ellipsis": st.sampled_from(["character", "spaced"]),
            "scene_break": st.sampled_from(["ornament", "asterism", "space"]),
            "tie_last_word": st.booleans(),
        }),
        "check": st.fixed_dictionaries({}, optional={
            "disable": st.lists(codes, max_size=3),
            "enable": st.lists(codes, max_size=3),
            "severity": st.dictionaries(codes, st.sampled_from(["warning", "info"]), max_size=3),
            "words": st.dictionaries(st.from_regex(r"[a-z]{2,8}", fullmatch=True), free_text,
                                     max_size=3),
        }),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            data[key] = draw(strategy)
    return data


def _places(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a manifest, depth first."""
    found: list[tuple[Any, Any]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    for key, value in items:
        found.append((node, key))
        found.extend(_places(value))
    return found


@st.composite
def mutated_manifests(draw: st.DrawFn) -> dict[str, Any]:
    """Near misses: a valid manifest with a few values, anywhere in it, replaced or added."""
    data = draw(valid_manifests())
    for _ in range(draw(st.integers(1, 3))):
        container, key = draw(st.sampled_from(_places(data)))
        if isinstance(container, dict) and draw(st.booleans()):
            key = draw(keys)
        container[key] = draw(structures)
    return data


# Raw text that looks like YAML: keys, indicators, anchors, tags, escapes, and noise.
YAML_BITS = [
    *(f"{k}: " for k in SCHEMA_KEYS), "\n", "\n  ", "\n- ", "- ", ": ", "[", "]", "{", "}",
    ", ", "&a ", "*a", "&b [*a, *a, *a, *a]", "<<: *a", "? ", "!!python/object/apply:os.system ",
    "!!binary ", "!!set ", "!custom ", "!!str ", "!!int ", "!!timestamp ", "|\n  ", ">-\n  ",
    "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "\t", '"\\ud800"', '"\\x00"',
    '"\\u0007"', '"\\xff"', "\ufeff", "# comment", "'", '"', "~", "2026-11-21", "12:30",
    "0o17", "0x_1", "1_000", ".inf", "-.nan", "stories/one.txt", "../x.txt", "=", "\r\n",
    "!!int ''", "!!float", "!!bool maybe", "!!int 0x", "!!null x", "!!map x", "!!seq ",
]
raw_yaml = st.lists(st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=6)),
                    max_size=40).map("".join)

# -- the property -----------------------------------------------------------------------------


def assert_located(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    for d in diagnostics:
        if d.severity is Severity.ERROR:
            assert d.span is not None and d.span.path, f"error without a file: {d}"
            assert d.span.line >= 1, f"error without a line: {d}"


def run_entry_points(manifest: Path) -> Book | None:
    """What `octavo check` and `octavo build` do in process, up to the backends. Anything but
    OctavoError propagates and fails the test."""
    assert_located(check_book(manifest))
    try:
        book = load_book(manifest, Diagnostics(), NullProgress())
    except OctavoError as exc:
        assert any(d.severity is Severity.ERROR for d in exc.diagnostics), exc.diagnostics
        assert_located(exc.diagnostics)
        return None
    assert timestamp_from_date(book.meta.date) or book.meta.date is None  # build uses it
    assert math.isfinite(book.print.font_size_pt)
    return book


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@PROPERTY
@given(random_manifests)
def test_arbitrary_structures_give_only_located_diagnostics(folder: BookFolder,
                                                            data: dict[str, Any]) -> None:
    run_entry_points(folder.write("book.yaml", dump(data)))


@PROPERTY
@given(mutated_manifests())
def test_near_misses_give_only_located_diagnostics(folder: BookFolder,
                                                   data: dict[str, Any]) -> None:
    run_entry_points(folder.write("book.yaml", dump(data)))


@PROPERTY
@given(st.one_of(structures, st.lists(structures)))
def test_any_yaml_document(folder: BookFolder, data: Any) -> None:
    run_entry_points(folder.write("book.yaml", dump(data)))


@PROPERTY
@given(st.one_of(raw_yaml, st.binary(max_size=200)))
@example(raw="title: T\ncontents: [stories/one.txt]\nx: " + "[" * 5000 + "]" * 5000 + "\n")
@example(raw="title: T\ncontents: [stories/one.txt]\nx: &a [*a]\n")
def test_raw_yaml_text(folder: BookFolder, raw: str | bytes) -> None:
    folder.write("book.yaml", raw.encode("utf-8", "surrogatepass") if isinstance(raw, str)
                 else raw)
    run_entry_points(folder.root / "book.yaml")


def expected_words(path: str, entry: Any) -> tuple[list[str], list[str]]:
    """(words of the body, words of the heading the compiler may use as title and label)."""
    heading, body = STORIES[path]
    has_title = isinstance(entry, dict) and "title" in entry
    return words(body), [] if has_title else words(heading)


@PROPERTY
@given(valid_manifests())
def test_valid_manifests_compile_with_every_word(folder: BookFolder, data: dict[str, Any]) -> None:
    text = dump(data)
    data = yaml.safe_load(text)  # what YAML reads back (PyYAML turns a dumped U+0085 into a space)
    book = run_entry_points(folder.write("book.yaml", text))
    assert book is not None, "a valid manifest must compile"
    entries = [e for item in data["contents"]
               for e in (item["contents"] if isinstance(item, dict) and "part" in item else [item])]
    chapters = list(book.chapters())
    assert len(chapters) == len(entries)
    for entry, chapter in zip(entries, chapters, strict=True):
        path = entry if isinstance(entry, str) else entry["file"]
        body, heading = expected_words(path, entry)
        assert_in_order(body, words(chapter_text(chapter)), f"{path} in {chapter.id}")
        assert_in_order(heading, words(f"{chapter.label or ''} {chapter.title}"), path)
        if isinstance(entry, dict) and "title" in entry:
            assert chapter.title == entry["title"].strip()
    parts = [item for item in data["contents"] if isinstance(item, dict) and "part" in item]
    assert [p.title for p in book.body if isinstance(p, Part)] == [p["part"].strip() for p in parts]
    if "dedication" in data:
        (dedication,) = [p for p in book.front if isinstance(p, Dedication)]
        text = "\n".join(block_text(b) for b in dedication.blocks)
        given = data["dedication"]
        wanted = words(given if isinstance(given, str) else MATTER[given["file"]])
        assert_in_order(wanted, words(text), "dedication")
    for page in data.get("front", []) + data.get("back", []):
        shown = [f"{p.title} " + " ".join(block_text(b) for b in p.blocks)
                 for p in (*book.front, *book.back) if isinstance(p, MatterPage)
                 and p.source == page["file"] and p.title == page["title"].strip()]
        assert shown, f"no page for {page}"
        assert_in_order(words(MATTER[page["file"]]), words(shown[0]), page["file"])


# -- a few examples through the real command (a subprocess each: kept few) ------------------


@pytest.mark.parametrize("manifest", [
    dump({"title": "<script>alert(1)</script>", "author": ["{{ 7*7 }}", "\x00"],
          "contents": ["stories/one.txt", {"file": "../../etc/passwd"}], "date": "0000"}),
    "title: T\ncontents: [stories/one.txt]\nx: " + "[" * 5000 + "]" * 5000 + "\n",
    "title: T\ncontents: [stories/one.txt]\nauthor: &a [*a]\n",
    'title: "T\\ud800"\ncontents: [stories/one.txt]\n',
    "title: T\ncontents: [" + "a" * 300 + ".txt]\n",
    dump({"title": "Fine", "language": "en", "contents": STORY_FILES,
          "check": {"severity": {"OCT999": "error"}}}),
])
def test_the_command_never_crashes(folder: BookFolder, manifest: str) -> None:
    folder.write("book.yaml", manifest)
    result = run_octavo("check", folder.root, cwd=folder.root)
    output = result.stdout + result.stderr
    assert result.returncode in (0, 1), output
    assert "Traceback" not in output and "internal error" not in output, output


def test_the_command_builds_hostile_metadata(folder: BookFolder) -> None:
    folder.write("book.yaml", dump({
        "title": "<script>alert(1)</script> {{ 7*7 }}", "author": ["&amp;", "]]>"],
        "language": "en", "date": "0001", "publisher": "x" * 5000, "contents": STORY_FILES,
        "description": "../../etc/passwd", "dedication": {"file": "matter/afterword.md"}}))
    result = run_octavo("build", folder.root, "--epub", "-o", folder.root / "dist",
                        cwd=folder.root)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output and "internal error" not in output, output


# -- regressions: the smallest inputs the properties above found ------------------------------


@pytest.mark.parametrize(("manifest", "code", "line"), [
    # RecursionError in PyYAML's composer
    ("title: T\ncontents: [stories/one.txt]\nx: " + "[" * 2000 + "]" * 2000 + "\n", "OCT102", 3),
    # RecursionError: an alias inside the collection it names
    ("title: T\ncontents: [stories/one.txt]\nx: &a [*a]\n", "OCT102", 3),
    ("title: T\ncontents: [stories/one.txt]\nx: &a {b: *a}\n", "OCT102", 3),
    # RecursionError: a chain of aliases nests deeper than the text does
    ("title: T\ncontents: [stories/one.txt]\nx0: &a0 [x]\n"
     + "".join(f"x{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 1500)), "OCT102", 34),
    # OSError (ENAMETOOLONG) from Path.exists
    ("title: T\ncontents: [" + "a" * 300 + ".txt]\n", "OCT111", 2),
    # UnicodeEncodeError deriving the identifier from a title holding a lone surrogate
    ('title: "T\\ud800"\ncontents: [stories/one.txt]\n', "OCT105", 1),
    # IndexError and KeyError inside PyYAML's constructors
    ("title: T\ncontents: [stories/one.txt]\nrights: !!int ''\n", "OCT105", 3),
    ("title: T\ncontents: [stories/one.txt]\nrights: !!float\n", "OCT105", 3),
    ("title: T\ncontents: [stories/one.txt]\nrights: !!bool maybe\n", "OCT105", 3),
    # an error without a line: a character YAML refuses
    ("title: T\ncontents: [stories/one.txt]\nrights: a\x01b\n", "OCT101", 3),
    # accepted, then a crash or a bad book: year 0 (ValueError in `octavo build`), digits
    # that are not ASCII, a font size that is not a number
    ("title: T\ncontents: [stories/one.txt]\ndate: '0000'\n", "OCT109", 3),
    ("title: T\ncontents: [stories/one.txt]\ndate: '0000-05'\n", "OCT109", 3),
    ("title: T\ncontents: [stories/one.txt]\ndate: '٢٠٢٠'\n", "OCT109", 3),
    ("title: T\ncontents: [stories/one.txt]\nidentifier: '978٠٣٠٦٤٠٦١٥٧'\n", "OCT107", 3),
    # a blank house-style word matched every word boundary (a warning for each)
    ("title: T\ncontents: [stories/one.txt]\ncheck: {words: {' ': x}}\n", "OCT105", 3),
    ("title: T\ncontents: [stories/one.txt]\nbuild: {font_size: .nan}\n", "OCT105", 3),
])
def test_manifest_regressions(folder: BookFolder, manifest: str, code: str, line: int) -> None:
    path = folder.write("book.yaml", manifest)
    with pytest.raises(OctavoError) as caught:
        load_book(path, Diagnostics(), NullProgress())
    errors = [d for d in caught.value.diagnostics if d.severity is Severity.ERROR]
    assert [(d.code, d.span and d.span.line) for d in errors] == [(code, line)], errors
    assert [(d.code, d.span and d.span.line) for d in check_book(path)
            if d.severity is Severity.ERROR] == [(code, line)]


def test_a_matter_pages_heading_label_is_kept(folder: BookFolder) -> None:
    """A back-matter file headed `# Afterword` (a label, no title) lost its heading."""
    path = folder.write("book.yaml", dump({
        "title": "T", "language": "en", "contents": ["stories/one.txt"],
        "back": [{"title": "Notes", "file": "matter/afterword.md"}],
        "front": [{"title": "Afterword", "file": "matter/afterword.md"}]}))
    book = load_book(path, Diagnostics(), NullProgress())
    (front,) = [p for p in book.front if isinstance(p, MatterPage)]
    (back,) = [p for p in book.back if isinstance(p, MatterPage)]
    assert block_text(back.blocks[0]) == "Afterword"
    assert block_text(front.blocks[0]) == "A word after, with feeling."  # the title says it
