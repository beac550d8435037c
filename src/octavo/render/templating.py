"""The one jinja2 environment: autoescaping, strict undefined, book overrides first."""

from __future__ import annotations

import functools
import traceback
from pathlib import Path

import jinja2
from markupsafe import Markup

from octavo.diagnostics import OctavoError, Span
from octavo.paths import display_path
from octavo.render.direction import Direction, dir_attribute
from octavo.render.xhtml import Target, render_blocks, render_inlines, render_notes
from octavo.resources import package_templates_dir


def make_environment(book_root: Path | None = None, scene_break: str = "ornament",
                     direction: Direction = "ltr", target: Target = "epub") -> jinja2.Environment:
    """Templates in the book's own `templates/` folder override the packaged ones (Pelican).

    `target` says which backend the markup is for ("epub" or "print": notes and images differ).
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
        # Each build makes its own environment, so a template edited between builds is read
        # again; within one, a template is not looked at on disk again for every page.
        auto_reload=False,
    )
    env.filters["blocks"] = functools.partial(render_blocks, scene_break=scene_break,
                                              direction=direction, target=target)
    env.filters["notes"] = functools.partial(render_notes, target=target)
    env.filters["dir"] = functools.partial(_dir_filter, base=direction)
    env.globals["direction"] = direction
    env.filters["inlines"] = functools.partial(render_inlines, target=target)
    return env


def _dir_filter(text: object, base: Direction) -> Markup:
    return dir_attribute(str(text), base) if text else Markup("")


def render_template(env: jinja2.Environment, name: str, **values: object) -> str:
    """Render template `name`; a broken template (a book's own override, most likely) is an
    OCT401 diagnostic at the template's failing line, not a crash."""
    try:
        return env.get_template(name).render(**values)
    except jinja2.TemplateError as exc:
        raise OctavoError.single("OCT401", f"the template {name} failed: {exc}",
                                 _template_span(exc, name)) from exc


def _template_span(exc: jinja2.TemplateError, name: str) -> Span:
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return Span(display_path(Path(exc.filename)), exc.lineno or 0, 1 if exc.lineno else 0)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    if frames:
        return Span(display_path(Path(frames[-1].filename)), frames[-1].lineno or 0, 1)
    return Span(name)
