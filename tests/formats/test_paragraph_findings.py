"""In a format without lines, `octavo check` points at the paragraph (`story.docx:¶2:9`) and, on
a terminal, shows that paragraph's text with a caret; XML entities never reach any reader."""

from __future__ import annotations

import io
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from octavo.diagnostics import OctavoError
from octavo.ingest.epub_in import read_epub
from octavo.ingest.html import read_html
from octavo.ingest.options import ReadOptions
from tests.conftest import run_octavo
from tests.formats.web_fixtures import EPUB_CHAPTERS, epub_bytes


def _docx(*paragraphs: str) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_check_points_at_the_paragraph(tmp_path: Path) -> None:
    (tmp_path / "s.docx").write_bytes(_docx("One quiet morning.", "She saw the the boat."))
    result = run_octavo("check", "s.docx", cwd=tmp_path)
    assert "s.docx:¶2:9: warning OCT310" in result.stdout, result.stdout
    json_run = run_octavo("check", "s.docx", "--format", "json", cwd=tmp_path)
    assert '"paragraph": 2' in json_run.stdout


def test_on_a_terminal_the_paragraph_is_shown_with_a_caret(tmp_path: Path) -> None:
    (tmp_path / "s.docx").write_bytes(_docx("One quiet morning.", "She saw the the boat."))
    command = f"{shlex.quote(sys.executable)} -m octavo check s.docx"
    shown = subprocess.run(["script", "-qec", command, "/dev/null"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=60,
                           env={"TERM": "dumb", "COLUMNS": "120", "PATH": "/usr/bin:/bin"}).stdout
    lines = [line.rstrip("\r") for line in shown.splitlines()]
    source = lines.index("    She saw the the boat.")
    assert lines[source + 1] == "    " + " " * 8 + "^" * 7


def test_html_entities_are_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRETWORD")
    page = (f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>'
            "<html><body><p>Before &x; after.</p></body></html>")
    story = read_html(page.encode(), "s.html", ReadOptions())
    text = repr(story.blocks)
    assert "TOPSECRETWORD" not in text and "Before" in text and "after" in text


def test_epub_entities_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRETWORD")
    chapter = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>'
               '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&x;</p></body></html>')
    data = epub_bytes(EPUB_CHAPTERS, extra={"OEBPS/chapter1.xhtml": chapter.encode()})
    with pytest.raises(OctavoError) as caught:
        read_epub(data, "s.epub", ReadOptions())
    assert caught.value.diagnostics[0].code == "OCT223"
