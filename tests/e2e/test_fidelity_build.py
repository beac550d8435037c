"""Every class of text fidelity, through `octavo build`, in both the EPUB and the PDF.

One small book holds all the cases (built once for the module): decoding (stray bytes in UTF-8,
a short Windows-1252 file, C1 controls and terminal colour codes), paragraphs (wraps, a first
line that is no title, verse), the author's quotation marks kept, apostrophes of every kind,
cut-off speech, name blanks, primes, ellipses, URLs, and private-use characters. The book is in
British English, which must reach the EPUB's metadata and must not convert its quotes.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import BookFolder
from tests.hardening.harness import (
    Outcome,
    assert_all_text_there,
    assert_built,
    assert_reported,
    build,
    epubcheck_problems,
)
from tests.textcheck import assert_in_order, epub_documents, pdf_tokens, story_text, tokens

MANIFEST = """\
title: Fidelity
author: A. Writer
language: en-GB
contents:
  - s/stray.txt
  - s/legacy.txt
  - s/shape.txt
  - s/speech.txt
  - s/marks.txt
"""

STRAY = ("“Hello,” she said. The caf".encode() + b"\xe9 was \x93shut\x94 at ten.\n\n"
         + "The \x1b[1;31mred\x1b[0m lamp\u0085was lit, \u0091quietly.\n".encode())
LEGACY = "The Legacy\n\nLe café – “très” bon… déjà vu, à Noël.\n".encode("cp1252")
SHAPE = """\
He walked to the door and
opened it slowly, then
stepped out.
Nobody followed.

The woods are lovely, dark and deep,
But I have promises to keep,
And miles to go before I sleep,
And miles to go before I sleep.

"Yes."
"No."
"Maybe."
"""
SPEECH = """\
The Speech

"Come in," she said. 'He looks tired,' she thought.

''Ere, 'ave you seen 'is 'at?' said Bert. ''E left it on the 'orse.'

"Tell 'em 'bout the '20s, the class of '85, and '63--the worst year," Pa said, "'cause it was."

'Tis the season, and 'twas ever thus; rock 'n' roll 'til dawn, 'round the block, 'nough said.

'The girls' room is upstairs,' she said. 'Just keep walkin',' he said.

'We'll walk,' said Nan. 'By the canal, if it's dry.

'And back by the road.'
"""
MARKS = """\
The Marks

"Wait-, no. How could-? I was comin'-" He stopped.

Lady B---- had been to see Mr. ----, the banker.

He was 5'2"-5'9" in his socks, with a 9' pole and a 14" pan.

Well ... maybe. She trailed off ...

In the year 17----, Sir T—— came, and Mr. H--- too. "I---I never," said A---well, no one.

You did what ...? Then ...nothing. It was over .... He ran it '71-'74.

See https://example.org/a/very/long/path/with-many/segments/that/must/break/somewhere/print.html \
or write to someone.with.a.long.name@mail.example.org today.

An apple \ue000 logo and *one* more, \ue0ff... and U+E100 \ue100 too.
"""

EXPECTED = {
    "stray": ["“Hello,” she said. The café was “shut” at ten.", "The red lamp", "was lit, quietly."],
    "legacy": ["Le café—“très” bon… déjà vu, à Noël."],
    "shape": ["He walked to the door and opened it slowly, then stepped out.", "Nobody followed.",
              "“Yes.”", "“No.”", "“Maybe.”"],
    "speech": ["“Come in,” she said. ‘He looks tired,’ she thought.",
               "‘’Ere, ’ave you seen ’is ’at?’ said Bert. ‘’E left it on the ’orse.’",
               "“Tell ’em ’bout the ’20s, the class of ’85, and ’63—the worst year,” Pa said, "
               "“’cause it was.”",
               "’Tis the season, and ’twas ever thus; rock ’n’ roll ’til dawn, ’round the block, "
               "’nough said.",
               "‘The girls’ room is upstairs,’ she said. ‘Just keep walkin’,’ he said.",
               "‘We’ll walk,’ said Nan. ‘By the canal, if it’s dry.", "‘And back by the road.’"],
    "marks": ["“Wait—, no. How could—? I was comin’—” He stopped.",
              "Lady B⸺ had been to see Mr. ⸺, the banker.",
              "He was 5′2″–5′9″ in his socks, with a 9′ pole and a 14″ pan.",
              "Well… maybe. She trailed off…",
              "In the year 17⸺, Sir T⸺ came, and Mr. H⸺ too. “I—I never,” said A—well, no one.",
              "You did what…? Then…nothing. It was over.… He ran it ’71–’74.",
              "An apple \ue000 logo and one more, \ue0ff… and U+E100 \ue100 too."],
}
URL = "https://example.org/a/very/long/path/with-many/segments/that/must/break/somewhere/print.html"
EMAIL = "someone.with.a.long.name@mail.example.org"
STANZA = ("The woods are lovely, dark and deep,", "But I have promises to keep,",
          "And miles to go before I sleep,", "And miles to go before I sleep.")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Outcome, dict[str, Path]]:
    book = BookFolder(tmp_path_factory.mktemp("fidelity") / "book")
    for name, content in (("stray", STRAY), ("legacy", LEGACY), ("shape", SHAPE),
                          ("speech", SPEECH), ("marks", MARKS)):
        book.write(f"s/{name}.txt", content)
    book.write("book.yaml", MANIFEST)
    outcome = build(book, "-v")  # every finding (a build shows the three that matter most)
    return outcome, assert_built(outcome)


def epub_xhtml(epub: Path) -> dict[str, str]:
    with zipfile.ZipFile(epub) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml")}


def story_bodies(epub: Path) -> list[str]:
    """Each story's body text in reading order, without the invisible word joiners."""
    return [body.replace("\u2060", "") for root in epub_documents(epub).values()
            if (parts := story_text(root)) for _, body in [parts]]


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout.replace("\u2060", "")


def pdf_plain(pdf: Path) -> str:
    """pdftotext's text with lines joined by spaces, so phrases can be looked for."""
    return " ".join(pdftotext(pdf).split())


def test_the_epub_passes_epubcheck_and_keeps_the_books_language(
        built: tuple[Outcome, dict[str, Path]]) -> None:
    epub = built[1]["epub"]
    assert epubcheck_problems(epub) == []
    with zipfile.ZipFile(epub) as archive:
        opf = next(archive.read(n).decode() for n in archive.namelist() if n.endswith(".opf"))
    assert re.search(r"<dc:language>en-GB</dc:language>", opf), opf[:2000]
    for name, xhtml in epub_xhtml(epub).items():
        if "text/" in name:
            assert 'xml:lang="en-GB"' in xhtml or 'lang="en-GB"' in xhtml, name


def test_every_case_reads_right_in_the_epub(built: tuple[Outcome, dict[str, Path]]) -> None:
    bodies = story_bodies(built[1]["epub"])
    assert len(bodies) == 5
    for (name, phrases), body in zip(EXPECTED.items(), bodies, strict=True):
        flat = " ".join(body.split())
        for phrase in phrases:
            assert phrase in flat, f"{name}: {phrase!r} not in {flat!r}"


def test_every_case_reads_right_in_the_pdf(built: tuple[Outcome, dict[str, Path]]) -> None:
    text = pdf_plain(built[1]["pdf"])
    for name, phrases in EXPECTED.items():
        for phrase in phrases:
            # No font draws private-use characters: look for the words around them.
            for part in re.split("[\ue000-\uf8ff]", phrase):
                assert " ".join(part.split()) in text, f"{name}: {part!r} not in the PDF"
    assert "â€" not in text and "[1;31m" not in text


def test_decoding_is_reported_where_it_happened(built: tuple[Outcome, dict[str, Path]]) -> None:
    output = built[0].output
    for column in (27, 33, 38):  # é, “ and ” on line 1 of stray.txt
        assert re.search(rf"s/stray\.txt:1:{column}: warning OCT208 ", output), output
    assert_reported(output, "OCT209", "s/stray.txt", 3, "warning")
    assert_reported(output, "OCT207", "s/stray.txt", 4, "warning")  # U+0091; NEL broke line 3


def test_paragraphs_titles_and_verse(built: tuple[Outcome, dict[str, Path]]) -> None:
    documents = list(epub_xhtml(built[1]["epub"]).items())
    shape = next(x for n, x in documents if "He walked to the door" in x)
    assert ">Shape</h1>" in shape and "He walked to the door and</h" not in shape  # no such title
    assert '<p class="verse"' in shape
    for line in STANZA:
        assert f'<span class="line">{line}</span>' in shape
    assert shape.count("<p>“") == 3  # Yes, No, Maybe: three paragraphs
    pdf = pdf_plain(built[1]["pdf"])
    assert " ".join(STANZA) in pdf


def test_urls_are_marked_up_and_never_hyphenated_in_print(
        built: tuple[Outcome, dict[str, Path]]) -> None:
    marks = next(x for _, x in epub_xhtml(built[1]["epub"]).items() if "apple" in x)
    assert '<span class="url">https://<wbr/>example.<wbr/>org/<wbr/>a/' in marks
    text = pdftotext(built[1]["pdf"])
    assert URL in re.sub(r"\s+", "", text) and EMAIL in re.sub(r"\s+", "", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if "https://example.org" in line)
    pieces = [lines[start][lines[start].index("https://"):]]
    while len("".join(pieces)) < len(URL):
        pieces.append(lines[start + len(pieces)].split(" ")[0])
    assert "".join(pieces).startswith(URL), pieces  # no hyphen added where it broke
    assert len(pieces) >= 2, "the test URL is meant to need more than one line"
    assert all(piece[-1] in "/.-" for piece in pieces[:-1]), pieces


def test_every_word_is_there(built: tuple[Outcome, dict[str, Path]]) -> None:
    """In order, in both formats (pdftotext: pypdf misreads the ⸺ glyph's encoding)."""
    bodies = [text.split("\n\n", 1)[1] for text in (SPEECH, MARKS)]  # headings may be set in capitals
    expected = tokens("\n\n".join([SHAPE, *bodies]))
    assert_all_text_there("\n\n".join([SHAPE, *bodies]), {"epub": built[1]["epub"]}, exact=False)
    assert_in_order(expected, pdf_tokens(pdftotext(built[1]["pdf"]), set(expected)), "PDF")
