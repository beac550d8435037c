"""The generated words: catalogues complete and well-formed, regions fall back to their
language, CLDR lists and dates, and book.yaml's `labels:` vetted and applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.diagnostics import Diagnostics, OctavoError
from octavo.i18n import check_overrides, fields_of, has_catalogue, labels_for
from octavo.i18n.messages import MESSAGES
from octavo.pipeline import load_book
from tests.conftest import BookFolder

SHIPPED = ("fr", "de", "es", "it", "pt", "nl", "he", "ar")
LOCALES = Path(__file__).resolve().parents[2] / "src" / "octavo" / "i18n" / "locales"


@pytest.mark.parametrize("language", SHIPPED)
def test_every_message_is_translated_with_the_same_placeholders(language: str) -> None:
    from babel.messages.pofile import read_po

    with (LOCALES / language / "LC_MESSAGES" / "octavo.po").open("rb") as handle:
        catalogue = read_po(handle)
    translated = {m.context: m for m in catalogue if m.id}
    assert set(translated) == set(MESSAGES)
    for key, message in translated.items():
        assert message.id == MESSAGES[key], key  # the msgid is the English text
        assert message.string, f"{language}: '{key}' is not translated"
        assert fields_of(message.string) == fields_of(MESSAGES[key]), (language, key)
    labels = labels_for(language)
    assert labels["contents"] != "Contents"


def test_regions_fall_back_to_their_language_and_english_is_the_last_resort() -> None:
    assert labels_for("fr-CA")["contents"] == "Table des matières"
    assert labels_for("pt-BR")["acknowledgements"] == "Agradecimentos"
    assert labels_for("en-US")["acknowledgements"] == "Acknowledgments"
    assert labels_for("en-GB")["acknowledgements"] == "Acknowledgements"
    assert labels_for("ja")["contents"] == "Contents"
    assert not has_catalogue("ja") and has_catalogue("en-AU") and has_catalogue("de-AT")


def test_names_and_dates_follow_cldr() -> None:
    assert labels_for("en-GB").names(["A", "B", "C"]) == "A, B and C"
    assert labels_for("en-US").names(["A", "B", "C"]) == "A, B, and C"
    assert labels_for("fr").names(["A", "B", "C"]) == "A, B et C"
    assert labels_for("de").names(["A", "B"]) == "A und B"
    assert labels_for("es").names(["Ana"]) == "Ana"
    assert labels_for("fr").date("2026-11-21") == "21 novembre 2026"
    assert labels_for("de").date("2026-11-21") == "21. November 2026"
    assert labels_for("en-GB").date("2026-11") == "November 2026"
    assert labels_for("it").date("2026") == "2026"


def test_values_are_data_not_templates() -> None:
    labels = labels_for("en")
    assert labels.format("by", names="{names} {0.__class__}") == "by {names} {0.__class__}"


def test_overrides_are_vetted() -> None:
    assert check_overrides({"contents": "Sommaire", "by": "de {names}"}) == []
    problems = dict(check_overrides({"contnts": "x", "edited_by": "{names.__class__}",
                                     "pages": "{", "by": "von {name}"}))
    assert problems["contnts"] == "unknown label 'contnts'; did you mean 'contents'?"
    assert "uses {names.__class__}" in problems["edited_by"]
    assert "not a valid template" in problems["pages"]
    assert problems["by"] == "label 'by' uses {name}; it offers {names}"


def test_labels_in_book_yaml_reach_the_book(book: BookFolder) -> None:
    book.manifest("""\
        title: Contes
        language: fr
        contents: [stories/one.txt]
        acknowledgements: Merci.
        labels: {contents: Sommaire, acknowledgements: Gratitude}
        """)
    compiled = load_book(book.root / "book.yaml", Diagnostics(), _Silent())
    assert [getattr(p, "title", None) for p in compiled.front][-1] == "Sommaire"
    assert compiled.back[0].title == "Gratitude"  # type: ignore[union-attr]


def test_a_wrong_label_is_a_located_error(book: BookFolder) -> None:
    book.manifest("""\
        title: Contes
        language: fr
        contents: [stories/one.txt]
        labels:
          contnts: Sommaire
        """)
    with pytest.raises(OctavoError) as caught:
        load_book(book.root / "book.yaml", Diagnostics(), _Silent())
    (problem,) = [d for d in caught.value.diagnostics if d.code == "OCT157"]
    assert problem.span is not None and problem.span.line == 5
    assert "did you mean 'contents'" in problem.message


def test_a_language_without_words_is_reported(book: BookFolder) -> None:
    book.manifest("title: Tales\nlanguage: ja\ncontents: [stories/one.txt]\n")
    diags = Diagnostics()
    load_book(book.root / "book.yaml", diags, _Silent())
    assert [d.code for d in diags if d.code == "OCT158"] == ["OCT158"]


class _Silent:
    def stage(self, name: str, total: int) -> None:
        pass

    def step(self, label: str) -> None:
        pass
