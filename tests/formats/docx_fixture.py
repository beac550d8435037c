# ruff: noqa: E501  (page and package fixtures: long lines of markup are data)
"""A Word manuscript with every feature the reader knows, written by python-docx (and, for what
python-docx cannot write, footnotes, endnotes and tracked changes, by adding the XML itself)."""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.shared import Inches
from PIL import Image as PILImage

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def png_bytes(colour: str = "teal") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), colour).save(buffer, "PNG")
    return buffer.getvalue()


def build_document(*, tracked: bool = False, comment: bool = False) -> bytes:
    """The full-featured manuscript. `tracked`: with one insertion and one deletion; `comment`:
    with an editor's comment."""
    doc = Document()
    doc.add_paragraph("The Lamplighter's Daughter", style="Title")
    first = doc.add_paragraph("Mara had lit the lamps on Verity Street for ")
    first.add_run("eleven").italic = True
    first.add_run(" years, and she knew each one by its ")
    first.add_run("temper").bold = True
    first.add_run(". The ")
    first.add_run("underlined").underline = True
    first.add_run(" word was a name: ")
    caps = first.add_run("Lord Ashcombe")
    caps.font.small_caps = True
    first.add_run(".")
    note_para = doc.add_paragraph("The oldest lamp had been fitted in the year of the flood")
    note_para._p.append(parse_xml(f'<w:r {W_NS}><w:footnoteReference w:id="1"/></w:r>'))
    note_para.add_run(", and it still burned blue on cold nights")
    note_para._p.append(parse_xml(f'<w:r {W_NS}><w:endnoteReference w:id="1"/></w:r>'))
    note_para.add_run(".")
    centred = doc.add_paragraph("* * *")
    centred.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("In the second scene the rain came early and stayed late.")
    doc.add_paragraph("#")
    doc.add_paragraph("The third scene began after a lone hash mark.")
    empty = doc.add_paragraph("")
    empty.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("The fourth scene followed an empty centred line.")
    broken = doc.add_paragraph("The fifth scene sat at the end of a page.")
    broken.add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("The sixth scene opened on the page after it.")
    doc.add_section(WD_SECTION.NEW_PAGE)  # a section break inside the story
    doc.add_paragraph("The seventh scene began in a new section.")
    doc.add_paragraph("A quotation styled as a quote, from the harbour charter.", style="Quote")
    indented = doc.add_paragraph("A letter indented by an inch from the left margin, signed by the guild.")
    indented.paragraph_format.left_indent = Inches(1)
    poem = doc.add_paragraph()
    for number, line in enumerate(("Light the lamp and mind the wick,", "keep the glass from soot,",
                                   "the dark is long, the night is thick,",
                                   "and home is underfoot.")):
        run = poem.add_run(line)
        if number < 3:
            run.add_break()  # Shift-Enter
    verse_style = doc.styles.add_style("Verse", WD_STYLE_TYPE.PARAGRAPH)
    verse_style.base_style = doc.styles["Normal"]
    for line, inches in (("The harbour sleeps,", 0.0), ("the lamps keep watch,", 0.25),
                         ("and so do I.", 0.5)):
        stanza = doc.add_paragraph(line, style="Verse")
        stanza.paragraph_format.left_indent = Inches(inches)
    doc.add_heading("Part of the Night", level=2)
    doc.add_paragraph("She counted the lamps she had left:")
    doc.add_paragraph("Verity Street", style="List Bullet")
    doc.add_paragraph("Candle Row", style="List Bullet")
    doc.add_paragraph("First, the wick.", style="List Number")
    doc.add_paragraph("Then, the flame.", style="List Number")
    picture = doc.add_paragraph()
    picture.add_run().add_picture(io.BytesIO(png_bytes()), width=Inches(1))
    for doc_pr in picture._p.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
        doc_pr.set("descr", "A street lamp against a teal sky")
    last = doc.add_paragraph("She went home at dawn")
    if tracked:
        last._p.append(parse_xml(
            f'<w:ins {W_NS} w:id="91" w:author="Editor Ed" w:date="2024-03-04T10:00:00Z">'
            '<w:r><w:t xml:space="preserve"> with the sun behind her</w:t></w:r></w:ins>'))
        last._p.append(parse_xml(
            f'<w:del {W_NS} w:id="92" w:author="Editor Ed" w:date="2024-03-04T10:01:00Z">'
            '<w:r><w:delText xml:space="preserve"> and slept</w:delText></w:r></w:del>'))
    last.add_run(".")
    if comment:
        doc.add_comment(last.runs[0], text="Lovely ending, but check the dawn timing.",
                        author="Editor Ed", initials="EE")
    buffer = io.BytesIO()
    doc.save(buffer)
    return _with_notes(buffer.getvalue())


_FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:{{kind}}s {W_NS}>
<w:{{kind}} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{{kind}}>
<w:{{kind}} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{{kind}}>
<w:{{kind}} w:id="1"><w:p><w:r><w:{{kind}}Ref/></w:r><w:r><w:t xml:space="preserve"> {{text}}</w:t></w:r></w:p></w:{{kind}}>
</w:{{kind}}s>"""


def _with_notes(data: bytes) -> bytes:
    """Add footnotes.xml and endnotes.xml with their relationships and content types."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "[Content_Types].xml":
                content = content.replace(b"</Types>", (
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
                    b'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
                    b'<Override PartName="/word/endnotes.xml" ContentType="application/vnd.'
                    b'openxmlformats-officedocument.wordprocessingml.endnotes+xml"/></Types>'))
            elif name == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", (
                    f'<Relationship Id="rIdFoot" Type="{NOTES_REL}footnotes" Target="footnotes.xml"/>'
                    f'<Relationship Id="rIdEnd" Type="{NOTES_REL}endnotes" Target="endnotes.xml"/>'
                    "</Relationships>").encode())
            target.writestr(name, content)
        target.writestr("word/footnotes.xml", _FOOTNOTES.format(
            kind="footnote", text="The flood of the wet spring, when the river took the mill."))
        target.writestr("word/endnotes.xml", _FOOTNOTES.format(
            kind="endnote", text="Blue flames mean the gas is lean; the guild never fixed it."))
    return out.getvalue()


def rewrite(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The same package with entries replaced, added, or (None) removed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name in changes:
                continue
            target.writestr(name, source.read(name))
        for name, content in changes.items():
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


def part(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def add_relationship(data: bytes, xml: str) -> bytes:
    rels = part(data, "word/_rels/document.xml.rels").decode()
    return rewrite(data, {"word/_rels/document.xml.rels":
                          re.sub("</Relationships>", xml + "</Relationships>", rels).encode()})
