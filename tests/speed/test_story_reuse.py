"""A rebuild after one story was edited normalises and checks that story only: every other
story's normalised text and check findings come from the build cache."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from octavo import stories
from octavo.pipeline import BuildResult, build
from tests.conftest import BookFolder

WHEN = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)


def counting(calls: Counter[str], name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return real(*args, **kwargs)
    return wrapper


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    found: Counter[str] = Counter()
    monkeypatch.setattr(stories, "normalise_story",
                        counting(found, "normalise", stories.normalise_story))
    monkeypatch.setattr(stories, "check_text", counting(found, "check", stories.check_text))
    return found


def epub(book: BookFolder, out: str) -> BuildResult:
    return build(book.root / "book.yaml", book.root / out, ("epub",), timestamp=WHEN,
                 lint=True, workers=1)


def test_only_the_edited_story_is_normalised_and_checked_again(book: BookFolder,
                                                                 calls: Counter[str]) -> None:
    for name in ("one", "two", "three"):
        book.write(f"stories/{name}.txt", f"'Tis {name} -- she said... \"Go.\"\n\nThe end.\n")
    book.manifest("title: Harbour Tales\nlanguage: en\n"
                  "contents: [stories/one.txt, stories/two.txt, stories/three.txt]\n")
    cold = epub(book, "cold")
    assert calls == Counter(normalise=3, check=3)
    book.write("stories/two.txt", "It rained for four days -- or five.\n")
    calls.clear()
    warm = epub(book, "warm")
    assert calls == Counter(normalise=1, check=1)
    assert warm.stories_from_cache == 2
    assert [d for d in warm.diagnostics if d.span and "two" not in d.span.path] == \
        [d for d in cold.diagnostics if d.span and "two" not in d.span.path]
