"""The long-form fidelity benchmark (benchmarks/fidelity.py): its corpus is cleanly hand-set and
big enough, and its scoring finds what it claims to find. (The scores themselves are measured by
`make bench`, not asserted here.)"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]


def _fidelity() -> ModuleType:
    name = "benchmarks_fidelity"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "fidelity.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_the_corpus_is_hand_set_and_long_enough() -> None:
    fidelity = _fidelity()
    assert fidelity.check_corpus() == []
    words = sum(len(paragraph.split()) for name in fidelity.STORIES
                for paragraph in fidelity.story_paragraphs(fidelity.CORPUS / f"{name}.txt"))
    assert words >= 20_000


def test_stripping_gives_what_an_author_types() -> None:
    fidelity = _fidelity()
    handset = "“‘’Tis Lady B⸺,” she said—5′2″–5′9″… ’85"
    assert fidelity.strip_to_ascii(handset) == "\"''Tis Lady B----,\" she said--5'2\"-5'9\"... '85"


def test_word_initial_apostrophes_are_told_from_other_marks() -> None:
    fidelity = _fidelity()
    text = "‘’Tis ’em—’63, can’t, goin’ (’99)"
    kinds = {i: fidelity.mark_class(text, i) for i, c in enumerate(text) if c == "’"}
    initial = [i for i, kind in kinds.items() if kind and kind.startswith("’ word-initial")]
    assert [text[i + 1] for i in initial] == ["T", "e", "6", "9"]
    assert kinds[text.index("’t,")] == "’ apostrophe inside a word"
    assert kinds[text.index("’ (")] == "’ closing single or word-final apostrophe"


def test_an_apostrophe_set_as_an_opening_quote_is_counted_wrong() -> None:
    fidelity = _fidelity()
    expected, got = "Tell ’em ’bout it.", "Tell ’em ‘bout it."
    matched = fidelity.matched_positions(expected, got)
    assert expected.index("’em") in matched
    assert expected.index("’bout") not in matched
    blank = fidelity.matched_positions("Lady B⸺ came.", "Lady B—- came.")
    assert "Lady B⸺ came.".index("⸺") not in blank
    assert blank == set(range(len("Lady B⸺ came."))) - {"Lady B⸺ came.".index("⸺")}
