"""The one jinja2 environment: autoescaping, strict undefined, book overrides first."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup

from octavo.render.direction import Direction, dir_attribute
from octavo.render.xhtml import render_blocks, render_inlines
from octavo.resources import package_templates_dir


def make_environment(book_root: Path | None = None, scene_break: str = "ornament",
                     direction: Direction = "ltr") -> jinja2.Environment:
    """Templates in the book's own `templates/` folder override the packaged ones (Pelican).

    `direction` is the book's writing direction: templates read it as `direction`, and
    `{{ text|dir }}` gives an element holding `text` its own `dir` when it runs the other way."""
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
    env.filters["blocks"] = functools.partial(render_blocks, scene_break=scene_break,
                                              direction=direction)
    env.filters["dir"] = functools.partial(_dir_filter, base=direction)
    env.globals["direction"] = direction
    env.filters["inlines"] = render_inlines
    return env


def _dir_filter(text: object, base: Direction) -> Markup:
    return dir_attribute(str(text), base) if text else Markup("")
