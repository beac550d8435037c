"""Characters octavo refuses or removes, defined once (as the bodies of regex character classes).

The reader removes them from manuscripts, the normaliser from typeset text, the checker reports
them, and the manifest loader refuses them in values: all from these two definitions.
"""

from __future__ import annotations

# Noncharacters: U+FDD0-U+FDEF and the last two code points of every plane. Not text.
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))

# C0 controls other than tab and newline, DEL, the C1 controls U+0080-U+009F, and noncharacters:
# never valid in a book, most not even in XML. Decoding removes them (NEL, U+0085, is a line
# break first), so octavo's readers and normaliser may use noncharacters as internal markers
# that no manuscript can contain (normalise/markers.py).
CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + NONCHARACTERS

# Bidirectional embeddings, overrides and isolates: they can show words in an order other than
# the file's ("Trojan source"). The marks (LRM, RLM, ALM) are not among them: right-to-left text
# uses them legitimately and they reorder nothing on their own.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
