"""The installed package carries everything a build needs: styles, fonts, templates, schema."""

from __future__ import annotations

from pathlib import Path

import octavo
from octavo.resources import fonts_dir, package_templates_dir, schema_path, styles_dir


def test_installed_package_carries_its_assets() -> None:
    for name in ("print.css", "epub.css"):
        assert (styles_dir() / name).is_file()
    faces = sorted(p.name for p in fonts_dir().iterdir() if p.suffix in (".ttf", ".otf"))
    assert faces == ["CharisSIL-Bold.ttf", "CharisSIL-BoldItalic.ttf", "CharisSIL-Italic.ttf",
                     "CharisSIL-Regular.ttf", "NotoColorEmoji.ttf", "NotoNaskhArabic-Bold.ttf",
                     "NotoNaskhArabic-Regular.ttf", "NotoSerifCJKsc-Regular.otf",
                     "NotoSerifGreek-Bold.ttf", "NotoSerifGreek-BoldItalic.ttf",
                     "NotoSerifGreek-Italic.ttf", "NotoSerifGreek-Regular.ttf",
                     "NotoSerifHebrew-Bold.ttf", "NotoSerifHebrew-Regular.ttf"]
    for licence in ("OFL.txt", "OFL-Noto.txt"):
        assert "SIL OPEN FONT LICENSE" in (fonts_dir() / licence).read_text(encoding="utf-8")
    assert (package_templates_dir() / "print" / "story.html.j2").is_file()
    assert (package_templates_dir() / "epub" / "chapter.xhtml.j2").is_file()
    assert schema_path().is_file()


def test_a_wheel_install_uses_its_own_copy_of_the_styles() -> None:
    package = Path(octavo.__file__).resolve().parent
    if "site-packages" in package.parts:  # `make test` installs the wheel, not the checkout
        assert styles_dir() == package / "styles"
    else:  # a development (editable) install reads the checkout's styles/
        assert styles_dir() == package.parent.parent / "styles"
