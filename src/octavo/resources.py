"""Where packaged assets live: templates inside the package, styles and fonts shipped with it.

In a wheel the top-level `styles/` folder is installed as `octavo/styles`; in a source checkout
(editable install) it is found beside `src/`. Nothing else in octavo computes these paths.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def package_templates_dir() -> Path:
    return _PACKAGE_DIR / "templates"


@cache
def styles_dir() -> Path:
    installed = _PACKAGE_DIR / "styles"
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent.parent / "styles"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("octavo's styles folder is missing from this installation")


def fonts_dir() -> Path:
    return styles_dir() / "fonts"


def schema_path() -> Path:
    return _PACKAGE_DIR / "schema" / "book.schema.json"


# Body font families whose OFL files ship in styles/fonts/.
SHIPPED_FONT_FAMILIES: tuple[str, ...] = ("Charis SIL", "Linux Libertine O", "EB Garamond 12")
