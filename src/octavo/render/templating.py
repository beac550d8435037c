"""The one jinja2 environment: autoescaping, strict undefined, book overrides first."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from octavo.render.xhtml import render_blocks, render_inlines
from octavo.resources import package_templates_dir


def make_environment(book_root: Path | None = None,
                     scene_break: str = "ornament") -> jinja2.Environment:
    """Templates in the book's own `templates/` folder override the packaged ones (Pelican)."""
    loaders: list[jinja2.BaseLoader] = []
    if book_root is not None and (book_root / "templates").is_dir():
        loaders.append(jinja2.FileSystemLoader(book_root / "templates"))
    loaders.append(jinja2.FileSystemLoader(package_templates_dir()))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["blocks"] = functools.partial(render_blocks, scene_break=scene_break)
    env.filters["inlines"] = render_inlines
    return env
