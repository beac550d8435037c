"""Typesetting quality: what a careful reader faults on a printed page, measured and repaired.

`measure` reads laid-out lines (from a PDF or from WeasyPrint's boxes) into paragraphs, pages
and spreads and counts runts, loose lines, hyphenation faults, short pages and unbalanced
spreads. Nothing here imports WeasyPrint; the layout pass lives in `octavo.backends.pdf_typeset`.
"""
