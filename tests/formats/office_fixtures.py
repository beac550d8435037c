"""OpenDocument and RTF manuscripts written for the tests (odfpy for .odt; RTF by hand)."""

from __future__ import annotations

import io


def odt_bytes() -> bytes:
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import H, Note, NoteBody, NoteCitation, P, Span

    doc = OpenDocumentText()
    italic = Style(name="Ital", family="text")
    italic.addElement(TextProperties(fontstyle="italic"))
    doc.automaticstyles.addElement(italic)
    doc.text.addElement(H(outlinelevel=1, text="The Glass Orchard"))
    first = P(text="The orchard grew glass apples, ")
    first.addElement(Span(stylename=italic, text="clear as water"))
    first.addText(", every autumn.")
    note = Note(id="ftn1", noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="Glass apples ring when the wind is east."))
    note.addElement(body)
    first.addElement(note)
    comment = Annotation()
    comment.addElement(P(text="EDITORCOMMENT check this"))
    first.addElement(comment)
    doc.text.addElement(first)
    doc.text.addElement(P(text="* * *"))
    doc.text.addElement(P(text="Nobody picked them until the winter Ada turned nine."))
    buffer = io.BytesIO()
    doc.write(buffer)
    return buffer.getvalue()


ODT_WORDS = ("The orchard grew glass apples clear as water every autumn Nobody picked them until "
             "the winter Ada turned nine Glass apples ring when the wind is east")

RTF = (rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}"
       rb"\f0\fs24 The Salt Road\par"
       rb"\par The caravan left before the bells, and the salt was \i heavy\i0  that year.\par"
       rb"\par * * *\par"
       rb"\par By the third well, Tomas had stopped counting caf\'e9s and started counting stars.\par}")
RTF_WORDS = ("The caravan left before the bells and the salt was heavy that year By the third well "
             "Tomas had stopped counting cafés and started counting stars")
