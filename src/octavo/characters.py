"""Characters octavo refuses or removes, defined once (as the bodies of regex character classes).

The reader removes them from manuscripts, the normaliser from typeset text, the checker reports
them, and the manifest loader refuses them in values: all from these two definitions.
"""

from __future__ import annotations

# C0 controls other than tab and newline, DEL, and noncharacters: never valid in a book, most not
# even in XML. Decoding removes them, so octavo's readers may use the noncharacters
# U+FDD0-U+FDEF as internal placeholders that no manuscript can contain.
CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufdd0-\ufdef\ufffe\uffff"

# Bidirectional embeddings, overrides and isolates: they can show words in an order other than
# the file's ("Trojan source"). The marks (LRM, RLM, ALM) are not among them: right-to-left text
# uses them legitimately and they reorder nothing on their own.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
