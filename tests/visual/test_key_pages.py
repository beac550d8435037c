"""Visual regression: the key pages (copyright, contents, an opening, a body spread, a scene
break at a page turn) against reviewed references in tests/visual/references/, with a
tolerance for rendering noise. A failure saves the new image beside the reference's name in
the test's temporary folder; `python -m tests.visual.key_pages --update` accepts a change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.visual.key_pages import (
    MAX_CHANGED_SHARE,
    MAX_MEAN_DIFFERENCE,
    REFERENCES,
    build_visual_book,
    difference,
    key_pages,
)

pytestmark = pytest.mark.xdist_group("print-visual")

NAMES = ("copyright", "contents", "opening", "body-spread", "scene-break-at-page-turn")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Image.Image], Path]:
    folder = tmp_path_factory.mktemp("visual")
    return key_pages(build_visual_book(folder / "book")), folder


@pytest.mark.parametrize("name", NAMES)
def test_key_page_matches_its_reference(pages: tuple[dict[str, Image.Image], Path],
                                        name: str) -> None:
    images, folder = pages
    image = images[name]
    reference = Image.open(REFERENCES / f"{name}.png").convert("L")
    if image.size != reference.size:
        image.save(folder / f"{name}.png")
        pytest.fail(f"{name}: {image.size} pixels, the reference is {reference.size}")
    mean, changed = difference(image, reference)
    if mean > MAX_MEAN_DIFFERENCE or changed > MAX_CHANGED_SHARE:
        image.save(folder / f"{name}.png")
        pytest.fail(f"{name} differs from its reference: mean {mean:.2f}, {changed:.2%} of "
                    f"pixels changed; new image in {folder}")


def test_the_comparison_sees_a_moved_line(pages: tuple[dict[str, Image.Image], Path]) -> None:
    """The tolerance is tight enough to catch a page whose text moved by one line."""
    images, _ = pages
    image = images["opening"]
    shifted = Image.new("L", image.size, 255)
    shifted.paste(image, (0, 10))
    mean, changed = difference(shifted, image)
    assert mean > MAX_MEAN_DIFFERENCE or changed > MAX_CHANGED_SHARE
