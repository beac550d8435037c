"""An unclosed speech whose own tag follows inside it is reported at its opening quote, also
when the tag is inverted (`said he`) or in the present tense (`asks the agent`); a speech
that runs on into the next paragraph, with its tag before the quote, stays quiet."""

from __future__ import annotations

import pytest

from octavo.check import check_text


@pytest.mark.parametrize("text", [
    "“Tha’ll be t’ new parson, said he, when I came in.\n\n“Aye,” said I.\n",
    "\"I will call on her to-morrow, said I.\n\n\"Do,\" said he.\n",
    "“Are these the original floors? asks the agent.\n\n“They are,” I say.\n",
])
def test_a_lost_closing_quote_is_found_at_the_speech_it_leaves_open(text: str) -> None:
    found = [d for d in check_text(text, "s.txt") if d.code == "OCT322"]
    assert [(d.span.line, d.span.column) for d in found if d.span] == [(1, 1)]


def test_speech_running_on_into_the_next_paragraph_is_not_reported() -> None:
    text = ("“It was a long road,” said he, “and we walked it all.\n\n"
            "“And then we walked back,” he said.\n")
    assert [d for d in check_text(text, "s.txt") if d.code == "OCT322"] == []
