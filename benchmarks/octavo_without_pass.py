"""octavo's command line with the typesetting pass switched off and everything else as in this
tree (the same stylesheets, print profiles and layout): the typesetting benchmark's "pass off".

    python benchmarks/octavo_without_pass.py build BOOK.yaml -o DIR --pdf
"""

from __future__ import annotations

from functools import partialmethod

from octavo.backends.pdf_layout import PdfLayout
from octavo.cli import main

PdfLayout.render = partialmethod(PdfLayout.render, typeset=False)  # type: ignore[method-assign]

if __name__ == "__main__":
    main()
