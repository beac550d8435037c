"""Where everything sits on the page: margins from the trim, the shop's safe zone and the gutter.

Running heads and folios are placed from the trim edge, not from the text block, so that the
safe zone holds for them exactly: the head's line box starts `head_offset` below the top edge
and the foot folio's line box ends `folio_offset` above the bottom edge, both at least the safe
zone. The text block starts below the head line and a gap. The inside margin is the gutter the
page count asks for (`Rules.gutter_for`); the outside margin scales with the trim but never
comes closer to the edge than the safe zone.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import jinja2
from markupsafe import Markup

from octavo.document import PrintSettings
from octavo.print_profiles import BLEED_IN, Rules
from octavo.render.direction import Direction
from octavo.render.templating import render_template

POINTS_PER_INCH = 72
HEAD_FONT_PT = 8.5
HEAD_LINE_IN = HEAD_FONT_PT * 1.35 / POINTS_PER_INCH  # the line box of a head or folio
# Design values for a 6×9 in page, scaled with the trim.
_HEAD_OFFSET_6X9 = 0.42
_GAP_6X9 = 0.2
_OUTSIDE_6X9 = 0.6
# Glyphs sit inside their line box; this keeps their ink, not only the box, in the safe zone.
_SAFETY_IN = 0.02


@dataclass(frozen=True, slots=True)
class PageGeometry:
    width_in: float
    height_in: float
    top_in: float  # trim edge → text block
    bottom_in: float
    inside_in: float
    outside_in: float
    head_offset_in: float  # trim top → running head's line box
    folio_offset_in: float  # trim bottom → foot folio's line box
    bleed_in: float

    @property
    def text_width_in(self) -> float:
        return self.width_in - self.inside_in - self.outside_in

    @property
    def text_height_in(self) -> float:
        return self.height_in - self.top_in - self.bottom_in


def page_geometry(settings: PrintSettings, rules: Rules, gutter_in: float) -> PageGeometry:
    trim = settings.trim
    scale_h = trim.height_in / 9
    safe = rules.safe_zone_in + _SAFETY_IN
    head = max(safe, _HEAD_OFFSET_6X9 * scale_h)
    gap = _GAP_6X9 * scale_h
    return PageGeometry(
        width_in=trim.width_in,
        height_in=trim.height_in,
        top_in=head + HEAD_LINE_IN + gap,
        bottom_in=head + HEAD_LINE_IN + gap,
        inside_in=max(gutter_in, safe),
        outside_in=max(safe, _OUTSIDE_6X9 * trim.width_in / 6),
        head_offset_in=head,
        folio_offset_in=head,
        bleed_in=BLEED_IN if rules.bleed else 0.0,
    )


def geometry_css(env: jinja2.Environment, geometry: PageGeometry, settings: PrintSettings,
                 direction: Direction, fallback_fonts: tuple[str, ...]) -> str:
    """The page rules of this build: size, bleed, margins, and where heads and folios go.

    A left-hand page is a verso in a left-to-right book and a recto in a right-to-left one;
    each side's outer corner carries the folio either way."""
    # Markup: the names are octavo's own (the manifest accepts shipped families only), and
    # autoescaping would turn their quotation marks into entities that CSS cannot read.
    families = Markup(", ".join(f'"{name}"' for name in (settings.font_family, *fallback_fonts)))
    verso_side = "left" if direction == "ltr" else "right"
    return render_template(
        env, "print/page.css.j2",
        width=f"{geometry.width_in:.4f}", height=f"{geometry.height_in:.4f}",
        top=f"{geometry.top_in:.4f}", bottom=f"{geometry.bottom_in:.4f}",
        inside=f"{geometry.inside_in:.4f}", outside=f"{geometry.outside_in:.4f}",
        head_offset=f"{geometry.head_offset_in:.4f}",
        folio_offset=f"{geometry.folio_offset_in:.4f}",
        bleed=f"{geometry.bleed_in:.4f}" if geometry.bleed_in else None,
        head_size=f"{HEAD_FONT_PT:g}",
        font_size=f"{settings.font_size_pt:g}", families=families,
        text_height=f"{geometry.text_height_in - 0.02:.4f}",
        left_head="verso-head" if verso_side == "left" else "recto-head",
        right_head="recto-head" if verso_side == "left" else "verso-head",
    )


def estimate_pages(paragraph_lengths: list[int], openings: int, geometry: PageGeometry,
                   font_size_pt: float, front_pages: int = 8) -> int:
    """A first guess at the book's length, before any layout, to choose the first gutter.

    The guess need not be exact: the layout counts the real pages and lays out again when the
    count falls in another gutter step (a pass costs as much as the first). Charis-like faces
    set about 2.1 characters per em; every paragraph takes whole lines."""
    line_pt = font_size_pt * 1.38
    per_line = max(1.0, geometry.text_width_in * POINTS_PER_INCH / font_size_pt * 2.1)
    lines_per_page = max(1.0, geometry.text_height_in * POINTS_PER_INCH / line_pt)
    lines = sum(max(1, math.ceil(length / per_line)) for length in paragraph_lengths)
    # Each opening loses about half a page to its sinkage, and half a blank verso on average.
    return int(lines / lines_per_page + openings * 1.0 + front_pages)


Layout = TypeVar("Layout")


@dataclass(frozen=True, slots=True)
class GutterPass:
    """One layout of the whole book: the inside margin it was laid out at, the pages it made."""

    inside_in: float
    pages: int


def settle_gutter(first_inside_in: float, lay_out: Callable[[float], Layout],
                  pages_of: Callable[[Layout], int], inside_for: Callable[[int], float]
                  ) -> tuple[Layout, list[GutterPass]]:
    """Lay the book out until its inside margin is the one its own page count calls for.

    The first layout is at the margin a first estimate of the length calls for. When its count
    calls for a wider margin the book is laid out again at that margin (and again while the
    count keeps climbing: a wider margin only adds pages). When it calls for a narrower one,
    the narrower layout is tried once and kept only if its own count still allows it. Once any
    second layout is made, a count that falls back across a threshold (fewer pages at the wider
    margin, as the typesetting pass may make) ends the search with the wider layout: the shop
    takes a margin wider than it requires, and laying out again could only cross back. So the
    search never oscillates: at most two layouts, or one more per step climbed."""
    layout = lay_out(first_inside_in)
    inside = first_inside_in
    passes = [GutterPass(inside, pages_of(layout))]
    while True:
        wanted = inside_for(passes[-1].pages)
        if wanted == inside or (wanted < inside and len(passes) > 1):
            return layout, passes
        trial = lay_out(wanted)
        passes.append(GutterPass(wanted, pages_of(trial)))
        if wanted < inside:  # the one step down: kept if it holds, else the first layout
            if inside_for(passes[-1].pages) <= wanted:
                return trial, passes
            return layout, passes
        layout, inside = trial, wanted
