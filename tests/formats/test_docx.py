"""Word manuscripts: a python-docx fixture with every feature builds to EPUB and PDF with its
words in order and its structure kept; tracked changes, comments and hostile packages are
refused or removed, and reported."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from octavo.diagnostics import OctavoError
from octavo.document import BlockQuote, Footnote, ListBlock, Paragraph, SceneBreak, Verse
from octavo.ingest.docx import read_docx
from octavo.ingest.options import ReadOptions
from tests.conftest import BookFolder
from tests.formats.buildcheck import (
    Built,
    assert_epubcheck_clean,
    assert_pdf_sound,
    assert_words_in_order,
    build_book,
    story_words,
)
from tests.formats.docx_fixture import add_relationship, build_document, part, rewrite
from tests.hardening.harness import assert_diagnostic, assert_refused, build

pytestmark = pytest.mark.xdist_group("docx")

BODY_WORDS = (
    "Mara had lit the lamps on Verity Street for eleven years and she knew each one by its "
    "temper The underlined word was a name Lord Ashcombe The oldest lamp had been fitted in the "
    "year of the flood and it still burned blue on cold nights In the second scene the rain "
    "came early and stayed late The third scene began after a lone hash mark The fourth scene "
    "followed an empty centred line The fifth scene sat at the end of a page The sixth scene "
    "opened on the page after it The seventh scene began in a new section "
    "A quotation styled as a quote from the harbour charter A letter "
    "indented by an inch from the left margin signed by the guild Light the lamp and mind the "
    "wick keep the glass from soot the dark is long the night is thick and home is underfoot "
    "The harbour sleeps the lamps keep watch and so do I "
    "Part of the Night She counted the lamps she had left Verity Street Candle Row First the wick "
    "Then the flame She went home at dawn with the sun behind her")
FOOTNOTE = "The flood of the wet spring when the river took the mill"
ENDNOTE = "Blue flames mean the gas is lean the guild never fixed it"


def _folder(tmp_path: Path, name: str, data: bytes, extra: str = "") -> BookFolder:
    folder = BookFolder(tmp_path / name)
    folder.write("s/lamp.docx", data)
    folder.manifest(f"title: Lamps\nauthor: Ann Writer\nlanguage: en\ndate: 2024-01-01\n{extra}"
                    "contents:\n  - s/lamp.docx\n")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    data = build_document(tracked=True, comment=True)
    folder = _folder(tmp_path_factory.mktemp("docx"), "book", data, "docx: {changes: accept}\n")
    return build_book(folder)


def test_every_word_in_order_in_both_formats(built: Built) -> None:
    xhtml = built.story_xhtml()
    assert_words_in_order(BODY_WORDS + " " + FOOTNOTE + " " + ENDNOTE, story_words(xhtml), "EPUB")
    pdf_words = re.findall(r"[^\W\d_]+|\d+", " ".join(built.pdf_pages()))
    assert_words_in_order(BODY_WORDS, pdf_words, "PDF")
    assert "and slept" not in xhtml  # the accepted deletion is gone
    assert "Lovely ending" not in xhtml  # the comment never reaches the book
    assert_epubcheck_clean(built.epub)
    assert built.pdf is not None
    assert_pdf_sound(built.pdf, 5)


def test_structure_survives(built: Built) -> None:
    xhtml = built.story_xhtml()
    assert "<em>eleven</em>" in xhtml and "<strong>temper</strong>" in xhtml
    assert "<em>underlined</em>" in xhtml  # underline is emphasis
    assert '<span class="small-caps">Lord Ashcombe</span>' in xhtml
    # * * *, #, an empty centred line, a page break, a section break
    assert xhtml.count('<hr class="scene-break') == 5
    # (a print page may begin at either paragraph: its page-break marker then leads it)
    marker = r"(?:<span epub:type=\"pagebreak\"[^>]*/>)?"
    assert re.search(rf"<blockquote>\s*<p>{marker}A quotation.*?</p>\s*<p>{marker}A letter "
                     "indented", xhtml, re.S)
    assert xhtml.count('<span class="line">') == 5  # Shift-Enter lines and the Verse style
    assert '<span class="line indent-1">the lamps keep watch,' in xhtml  # its indents kept
    assert '<span class="line indent-2">and so do I.' in xhtml
    # The manuscript's heading sits one level below the story's title (issue 12: no skips).
    assert "<ul>" in xhtml and "<ol>" in xhtml and "<h2>Part of the Night</h2>" in xhtml


def test_footnotes_linked_both_ways_and_printed_at_the_foot(built: Built) -> None:
    xhtml = built.story_xhtml()
    assert re.search(r'<a class="noteref" id="noteref-1" href="#note-1" epub:type="noteref"', xhtml)
    assert re.search(r'<aside class="note" id="note-1" epub:type="footnote" role="doc-footnote">\s*'
                     r'<p><a class="note-backlink" href="#noteref-1" role="doc-backlink">', xhtml)
    assert 'id="note-2" epub:type="endnote"' in xhtml
    pages = built.pdf_pages()
    call_page = next(i for i, page in enumerate(pages) if "year of the flood" in page)
    assert "river took the mill" in pages[call_page]  # the footnote, on its call's page
    last_story_page = max(i for i, page in enumerate(pages) if "home at dawn" in page)
    assert "gas is lean" in pages[last_story_page]  # the endnote, after the story


def test_picture_packed_with_its_alt_text(built: Built) -> None:
    names = [n for n in built.names() if n.startswith("EPUB/images/img-")]
    assert len(names) == 1 and names[0].endswith(".png")
    assert (f'<p class="figure"><img src="../images/{names[0].rsplit("/", 1)[1]}" '
            'alt="A street lamp against a teal sky"/></p>') in built.story_xhtml()
    from pypdf import PdfReader

    images = [img for page in PdfReader(built.pdf).pages for img in page.images]  # type: ignore[arg-type]
    assert images, "the picture is in the PDF"


def test_comments_and_changes_are_reported(built: Built) -> None:
    assert_diagnostic(built.outcome, "OCT228", "s/lamp.docx", None, "warning")
    story = read_docx(build_document(tracked=True, comment=True), "s.docx", ReadOptions("accept"))
    messages = {d.code: d.message for d in story.diagnostics}
    assert messages["OCT227"] == "2 tracked change(s) accepted, as book.yaml says"
    assert messages["OCT228"].startswith("1 comment(s)")


def test_tracked_changes_stop_the_build_naming_the_first(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "book", build_document(tracked=True))
    outcome = build(folder, "--epub")
    assert_refused(outcome, "OCT226", "book.yaml", 6)
    assert "insertion by Editor Ed on 2024-03-04: ' with the sun behind her'" in outcome.output
    assert "s/lamp.docx:¶" in outcome.output  # which paragraph


def test_refused_changes_give_the_text_before_them() -> None:
    story = read_docx(build_document(tracked=True), "s.docx", ReadOptions("refuse"))
    last = story.blocks[-1]
    assert isinstance(last, Paragraph)
    assert "".join(getattr(c, "value", "") for c in last.children) == "She went home at dawn and slept."


def test_blocks_of_the_reader() -> None:
    story = read_docx(build_document(), "s.docx", ReadOptions())
    assert story.heading is not None and story.heading.title == "The Lamplighter's Daughter"
    kinds = [type(b) for b in story.blocks]
    assert kinds.count(SceneBreak) == 5 and BlockQuote in kinds and kinds.count(Verse) == 2
    assert [b.ordered for b in story.blocks if isinstance(b, ListBlock)] == [False, True]
    notes = [c for b in story.blocks if isinstance(b, Paragraph) for c in b.children
             if isinstance(c, Footnote)]
    assert [(n.number, n.kind) for n in notes] == [(1, "footnote"), (2, "endnote")]
    assert all(b.span is not None and b.span.paragraph > 0 for b in story.blocks)


# -- hostile packages -------------------------------------------------------------------------


def test_external_relationship_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRETWORD")
    data = add_relationship(build_document(), (
        '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/attachedTemplate" Target="file://{secret}" TargetMode="External"/>'))
    folder = _folder(tmp_path, "book", data)
    outcome = build(folder, "--epub")
    assert outcome.run.returncode == 0, outcome.output
    assert_diagnostic(outcome, "OCT225", "s/lamp.docx", None, "warning")
    epub = next((folder.root / "dist").glob("*.epub"))
    assert b"TOPSECRETWORD" not in epub.read_bytes()


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    data = rewrite(build_document(), {"word/bomb.xml": b"<a>" + b" " * (200 * 1024 * 1024) + b"</a>"})
    assert len(data) < 2 * 1024 * 1024  # tiny on disk, 200 MiB unpacked
    outcome = build(_folder(tmp_path, "book", data))
    assert_refused(outcome, "OCT221", "book.yaml", 6)


def test_a_bomb_that_lies_about_its_size_stays_bounded() -> None:
    """An entry whose directory says 1 KiB but whose data inflates to 300 MiB: zipfile stops
    at the recorded size, the CRC fails, and the file is refused; memory stays small."""
    import tracemalloc

    data = bytearray(rewrite(build_document(), {"word/bomb.xml": b"\0" * (300 * 1024 * 1024)}))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/bomb.xml")
    lie = (1024).to_bytes(4, "little")
    real = info.file_size.to_bytes(4, "little")
    data[info.header_offset + 22: info.header_offset + 26] = lie  # local header
    position = bytes(data).find(b"word/bomb.xml", archive.start_dir) - 46  # its directory entry
    assert data[position: position + 4] == b"PK\x01\x02" and data[position + 24: position + 28] == real
    data[position + 24: position + 28] = lie
    tracemalloc.start()
    with pytest.raises(OctavoError) as caught:
        read_docx(bytes(data), "s.docx", ReadOptions())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert caught.value.diagnostics[0].code in {"OCT220", "OCT221"}
    assert peak < 64 * 1024 * 1024, f"{peak / 1e6:.0f} MB"


def test_xxe_entity_is_refused_and_nothing_outside_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRETWORD")
    document = part(build_document(), "word/document.xml").decode()
    hostile = document.replace("<w:document", f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
                               "<w:document", 1).replace("Mara had lit", "&x; Mara had lit")
    folder = _folder(tmp_path, "book", rewrite(build_document(), {"word/document.xml": hostile.encode()}))
    outcome = build(folder)
    assert_refused(outcome, "OCT223", "book.yaml", 6)
    assert "TOPSECRETWORD" not in outcome.output


def test_macros_are_removed_unread(tmp_path: Path) -> None:
    data = build_document()
    types = part(data, "[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml")
    hostile = rewrite(data, {"[Content_Types].xml": types, "word/vbaProject.bin": b"MACROBYTES" * 100})
    folder = BookFolder(tmp_path / "book")
    folder.write("s/lamp.docm", hostile)
    folder.manifest("title: Lamps\nlanguage: en\ncontents:\n  - s/lamp.docm\n")
    outcome = build(folder, "--epub")
    assert outcome.run.returncode == 0, outcome.output
    assert_diagnostic(outcome, "OCT224", "s/lamp.docm", None, "warning")
    epub = next((folder.root / "dist").glob("*.epub"))
    with zipfile.ZipFile(io.BytesIO(epub.read_bytes())) as archive:
        assert not any(b"MACROBYTES" in archive.read(n) for n in archive.namelist())


def test_normalising_the_new_nodes_is_stable() -> None:
    from octavo.document import pformat
    from octavo.normalise import normalise_story

    once = normalise_story(read_docx(build_document(), "s.docx", ReadOptions()))
    twice = normalise_story(once)
    assert [pformat(b) for b in twice.blocks] == [pformat(b) for b in once.blocks]
    assert any(isinstance(c, Footnote) for b in once.blocks if isinstance(b, Paragraph)
               for c in b.children)
