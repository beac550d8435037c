"""Language tags answered without langcodes are exactly what langcodes answers."""

from __future__ import annotations

import langcodes
import pytest

from octavo.metadata_values import COMMON_LANGUAGE_TAGS, normalise_language


@pytest.mark.parametrize("tag", sorted(COMMON_LANGUAGE_TAGS))
def test_a_common_tag_is_valid_and_canonical_as_langcodes_says(tag: str) -> None:
    assert langcodes.tag_is_valid(tag)
    assert str(langcodes.standardize_tag(tag)) == tag == normalise_language(tag)


@pytest.mark.parametrize(("tag", "expected"), [("en-us", "en-US"), ("EN", "en"),
                                               ("fr-ca", "fr-CA"), ("english", None),
                                               ("xx-YY-zz", None)])
def test_other_tags_still_go_through_langcodes(tag: str, expected: str | None) -> None:
    assert normalise_language(tag) == expected
