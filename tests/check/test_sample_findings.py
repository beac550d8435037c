"""The sample anthology's copy-editing slips that issue 13 names are all found, each at its place."""

from __future__ import annotations

from octavo.check import check_book
from tests.conftest import SAMPLE_MANIFEST


def test_the_four_slips_in_the_sample_are_found() -> None:
    found = {(d.span.path.rsplit("/", 1)[-1], d.span.line, d.span.column, d.code, d.fix)
             for d in check_book(SAMPLE_MANIFEST) if d.span}
    assert {
        # "I don’t know what your talking about"
        ("003_4cf53e13c3f0ee84.txt", 33, 20, "OCT361", "you're"),
        # "a man whose seen too many"
        ("003_4cf53e13c3f0ee84.txt", 35, 49, "OCT363", "who's"),
        # "Why couldn't you ask for help?" She asked him.
        ("000_cae833c62a8e726c.txt", 29, 34, "OCT342", "she"),
        # "I love you..." She whispered
        ("000_cae833c62a8e726c.txt", 33, 17, "OCT342", "she"),
    } <= found
