"""octavo's command line with the typesetting pass switched off and everything else as in this
tree (the same stylesheets, print profiles and layout): the typesetting benchmark's "pass off".

    python benchmarks/octavo_without_pass.py build BOOK.yaml -o DIR --pdf

Every way a story is laid out goes without the pass: `render`, and the parallel prefetch that
calls `lay_out` (its results are found again by `render` under the same key, so no story is
laid out twice; patching `render` alone made the "pass off" build lay every story out with the
pass in the prefetch and again without it).
"""

from __future__ import annotations

from functools import partialmethod
from typing import Any

from octavo.backends.pdf_layout import PdfLayout
from octavo.cli import main

_place, _key_for = PdfLayout._place, PdfLayout.key_for


def _place_without_pass(self: PdfLayout, html: str, extra: list[Any], typeset: bool) -> Any:
    return _place(self, html, extra, False)


def _key_without_pass(self: PdfLayout, html: str, typeset: bool = True) -> str:
    return _key_for(self, html, False)


PdfLayout.render = partialmethod(PdfLayout.render, typeset=False)  # type: ignore[method-assign]
PdfLayout._place = _place_without_pass  # type: ignore[method-assign]
PdfLayout.key_for = _key_without_pass  # type: ignore[method-assign]

if __name__ == "__main__":
    main()
