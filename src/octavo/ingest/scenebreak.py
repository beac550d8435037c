"""Scene-break lines in plain text: ***, * * *, #, ~~~, oOo, a lone ornament, <hr>."""

from __future__ import annotations

import re

# A scene break: a line made only of marks (***, * * *, #, ~~~, ---, ___, ~*~, §, lines of
# dots, one centred ornament such as ❦ or ◆), a classic oOo / xXx, or an HTML <hr>. Quotes
# are excluded: a line holding only ” belongs to the text.
SCENE_MARK = re.compile(
    r"^(?:[^\w\s\"'“”‘’«»„()\[\]]\s*){1,40}$"
    r"|^(?:o+O+o+|O+o+O+|x+X+x+|X+x+X+)(?:\s*(?:o+O+o+|x+X+x+))*$"
    r"|^(?:_\s*){3,}$"
    r"|^<hr\s*/?>$",
    re.IGNORECASE,
)


def is_scene_break(line: str) -> bool:
    return bool(SCENE_MARK.match(line.strip()))
