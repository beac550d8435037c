"""A French, a Hebrew and a British anthology: every generated word in the book's language in
both formats, right to left where it should be, and EPUBCheck and DAISY Ace clean.

Each book is built once (EPUB and PDF) for the whole module.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import BookFolder, run_octavo
from tests.epubtools import ace_violations, epubcheck_many

NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}

BOOKS = {
    "fr": ("""\
title: Après la pluie
language: fr
editor: Claire Dubois
publisher: Éditions du Port
date: 2025-03-14
identifier: 978-0-306-40615-7
print: {isbn: 978-1-250-31677-6}
description: Deux nouvelles au bord de la mer.
contents:
  - {file: one.txt, title: Le Port, author: Jeanne Martin}
  - {file: two.txt, title: Les Lettres, author: Paul Lefèvre, copyright: 2019}
acknowledgements: Merci à toutes et à tous.
contributors:
  - {name: Jeanne Martin, bio: Jeanne Martin vit à Brest.}
""", "Le bateau rentra à l’aube, chargé de poissons et de rumeurs.\n\n« Personne ne part », dit "
     "le capitaine du port.\n", "Il plut pendant trois jours.\n\n* * *\n\nLe quatrième, les "
     "lettres arrivèrent.\n"),
    "he": ("""\
title: שירי ערש
language: he
editor: דנה כהן
publisher: הוצאת הים
date: 2025-03-14
description: שני סיפורים על הים.
contents:
  - {file: one.txt, title: הנמל, author: יואב לוי}
  - {file: two.txt, title: המכתבים, author: נועה בר}
acknowledgements: תודה לכל מי שקרא.
contributors:
  - {name: יואב לוי, bio: יואב לוי גר בחיפה.}
""", "הסירה חזרה עם שחר, כבדה מדגה ומשמועות.\n\n״איש לא עוזב״, אמר מנהל הנמל.\n",
     "ירד גשם שלושה ימים.\n\n* * *\n\nביום הרביעי הגיעו המכתבים.\n"),
    "en-GB": ("""\
title: Harbour Tales
language: en-GB
editor: [Ann Writer, Bo Penn, Cy Moss]
description: Stories of the sea.
date: 2025-03-14
contents:
  - {file: one.txt, title: The Harbour, author: Ann Writer}
  - {file: two.txt, title: The Letters, author: Bo Penn}
acknowledgements: Thanks to everyone who read the drafts.
""", "The boat came in at dawn, heavy with fish and rumours.\n\n‘Nobody leaves,’ said the "
     "harbour master.\n", "It rained for three days.\n\n* * *\n\nOn the fourth, the letters "
     "began to arrive.\n"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """language → (EPUB, PDF)."""
    found = {}
    for language, (manifest, one, two) in BOOKS.items():
        folder = BookFolder(tmp_path_factory.mktemp(f"book-{language}"))
        folder.manifest(manifest)
        folder.write("one.txt", one)
        folder.write("two.txt", two)
        result = run_octavo("build", folder.root, "-o", folder.root / "dist", cwd=folder.root)
        assert result.returncode == 0, result.stderr
        (epub,) = (folder.root / "dist").glob("*.epub")
        (pdf,) = (folder.root / "dist").glob("*.pdf")
        found[language] = (epub, pdf)
    return found


def documents(epub: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(epub) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.endswith((".xhtml", ".opf"))}


def text(root: etree._Element) -> str:
    return " ".join("".join(root.itertext()).split())


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def test_all_three_pass_epubcheck_and_ace(built: dict[str, tuple[Path, Path]]) -> None:
    books = [epub for epub, _ in built.values()]
    assert epubcheck_many(books) == {book: [] for book in books}
    assert ace_violations(books) == {book: [] for book in books}


def test_french_words_in_both_formats(built: dict[str, tuple[Path, Path]]) -> None:
    epub, pdf = built["fr"]
    docs = documents(epub)
    assert epub.name == "apres-la-pluie.epub"
    assert "Sous la direction de Claire Dubois" in text(docs["EPUB/text/titlepage.xhtml"])
    assert text(docs["EPUB/text/toc.xhtml"]).startswith("Table des matières")
    assert "par Jeanne Martin" in text(docs["EPUB/text/story-001.xhtml"])
    copyright_page = text(docs["EPUB/text/copyright.xhtml"])
    assert "© 2025 Claire Dubois pour l’anthologie" in copyright_page
    assert "« Les Lettres » © 2019 Paul Lefèvre." in copyright_page
    assert "Première publication : 14 mars 2025." in copyright_page
    # French spacing: narrow no-break spaces inside guillemets, no-break before the colon.
    raw = "".join(docs["EPUB/text/copyright.xhtml"].itertext())
    assert "«\u202fLes Lettres\u202f»" in raw and "publication\u00a0:" in raw
    assert "Publié par Éditions du Port" in copyright_page
    assert "Composé avec octavo." in copyright_page
    nav = text(docs["EPUB/text/nav.xhtml"])
    assert "Repères" in nav and "Début de la lecture" in nav and "Couverture" in nav
    assert "Remerciements" in text(docs["EPUB/text/acknowledgements.xhtml"])
    assert "Les auteurs" in text(docs["EPUB/text/contributors.xhtml"])
    assert "Dans ce livre :" in text(docs["EPUB/text/contributors.xhtml"])
    (summary,) = docs["EPUB/content.opf"].xpath(
        "//opf:meta[@property='schema:accessibilitySummary']", namespaces=NS)
    assert summary.text.startswith("Ce livre numérique comporte une table des matières")
    printed = pdf_text(pdf).casefold()  # small capitals come out of the PDF in odd cases
    for words in ("Sous la direction de Claire Dubois", "Table des matières", "Remerciements",
                  "Publié par Éditions du Port", "Composé avec octavo en Charis SIL."):
        assert words.casefold() in printed, words
    assert "contents" not in printed and "edited by" not in printed
    # The paperback's copyright page names both ISBNs in French; the EPUB's page list and
    # dc:source name the paperback, whose pages they follow.
    assert "isbn 978-1-250-31677-6 (broché)" in printed
    assert "isbn 978-0-306-40615-7 (livre numérique)" in printed
    assert "paperback" not in printed and "(ebook)" not in printed
    assert "Édition imprimée : ISBN 9781250316776" in copyright_page.replace("\u00a0", " ")
    (source,) = docs["EPUB/content.opf"].xpath("//dc:source", namespaces=NS)
    assert source.text == "urn:isbn:9781250316776"


def test_hebrew_runs_right_to_left_in_its_own_words(built: dict[str, tuple[Path, Path]]) -> None:
    epub, pdf = built["he"]
    docs = documents(epub)
    assert epub.name == "שירי-ערש.epub"  # a readable name, not book.epub
    story = docs["EPUB/text/story-001.xhtml"]
    assert story.get("dir") == "rtl" and story.get("lang") == "he"
    assert "מאת יואב לוי" in text(story)
    assert text(docs["EPUB/text/toc.xhtml"]).startswith("תוכן העניינים")
    assert "בעריכת דנה כהן" in text(docs["EPUB/text/titlepage.xhtml"])
    assert "יצא לאור בהוצאת הוצאת הים" in text(docs["EPUB/text/copyright.xhtml"])
    opf = docs["EPUB/content.opf"]
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "he"
    (spine,) = opf.iterfind("opf:spine", NS)
    assert spine.get("page-progression-direction") == "rtl"
    printed = pdf_text(pdf)
    assert "תוכן העניינים" in printed or "םיניינעה ןכות" in printed  # either extraction order


def test_british_spelling_and_list_style(built: dict[str, tuple[Path, Path]]) -> None:
    epub, pdf = built["en-GB"]
    docs = documents(epub)
    assert "Edited by Ann Writer, Bo Penn and Cy Moss" in text(docs["EPUB/text/titlepage.xhtml"])
    assert "Acknowledgements" in text(docs["EPUB/text/acknowledgements.xhtml"])
    assert "First published 14 March 2025." in text(docs["EPUB/text/copyright.xhtml"])
    assert "acknowledgements" in pdf_text(pdf).casefold()

