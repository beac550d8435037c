"""The gold set's own machinery: settings lines are read (and typos refused), and smartypants is
scored only on what it attempts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden.loader import GoldCase, load_cases
from tests.golden.score import main, smartypants_attempts, smartypants_engine

CASE = "=== a case\n'Hi,' she said.\n---\n‘Hi,’ she said.\n"


def _file(tmp_path: Path, text: str, name: str = "quote_things.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_settings_lines_apply_to_every_case_of_the_file(tmp_path: Path) -> None:
    path = _file(tmp_path, "#! quotes=british\n#! language=en-GB\n# a comment\n\n" + CASE
                 + "\n=== another\n\"Yes.\"\n---\n‘Yes.’\n")
    cases = load_cases(path)
    assert [c.settings for c in cases] == [{"quotes": "british", "language": "en-GB"}] * 2
    assert cases[1].setting("quotes") == "british"


def test_no_settings_means_the_book_defaults(tmp_path: Path) -> None:
    (case,) = load_cases(_file(tmp_path, "# just a comment\n" + CASE))
    assert case.settings == {}
    assert (case.setting("quotes"), case.setting("language")) == ("keep", "en-US")


@pytest.mark.parametrize("text, message", [
    ("#! quote=british\n" + CASE, "malformed setting"),
    ("#! quotes british\n" + CASE, "malformed setting"),
    ("#! quotes=brittish\n" + CASE, "bad value 'brittish'"),
    ("#! language=English\n" + CASE, "bad value 'English'"),
    ("#! quotes=keep\n#! quotes=american\n" + CASE, "given twice"),
    ("# comment first\n#! quotes=american\n" + CASE, ":2: settings lines"),
    (CASE + "\n#! quotes=american\n", ":6: settings lines"),
])
def test_a_mistyped_or_misplaced_setting_is_a_located_error(
        tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_cases(_file(tmp_path, text))


def test_check_reports_a_bad_settings_file_without_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _file(tmp_path, "#! quotes=sideways\n" + CASE)
    assert main(["--check", "--dir", str(tmp_path)]) == 2
    assert "bad value 'sideways'" in capsys.readouterr().err


def _case(category: str, given: str, expected: str) -> GoldCase:
    return GoldCase(category=category, name="x", input=given, expected=expected, line=1)


@pytest.mark.parametrize("given, expected", [
    ("\"Hi,\" she said.", "“Hi,” she said."),
    ("It's 'Tis--and then...", "It’s ’Tis—and then…"),
    ("Wait---no. . . fine", "Wait—no… fine"),
    ("“Already right.”", "“Already right.”"),
])
def test_smartypants_is_scored_on_curling_dashes_and_ellipses(given: str, expected: str) -> None:
    case = _case("initial_apostrophes", given, expected)
    assert smartypants_attempts(case)
    assert smartypants_engine(case) is not None


@pytest.mark.parametrize("given, expected", [
    ("Well ... maybe.", "Well… maybe."),            # a space removed
    ("\"I lo-\"", "“I lo—”"),                       # a hyphen made a dash
    ("pages 10-12", "pages 10–12"),                 # an en dash
    ("'Hi,' she said.", "“Hi,” she said."),         # a quote style changed
    ("He was 6'2\".", "He was 6′2″."),              # primes
    ("He left....", "He left.…"),                   # four dots
])
def test_smartypants_is_not_scored_on_rules_it_never_attempts(given: str, expected: str) -> None:
    case = _case("cut_off_speech", given, expected)
    assert not smartypants_attempts(case)
    assert smartypants_engine(case) is None


@pytest.mark.parametrize("category", ["spaces", "primes", "quote_conversion_american",
                                      "quote_conversion_british", "name_blanks", "private_use",
                                      "scene_breaks"])
def test_smartypants_is_not_applicable_to_categories_it_has_no_rules_for(category: str) -> None:
    assert not smartypants_attempts(_case(category, "\"Hi.\"", "“Hi.”"))
