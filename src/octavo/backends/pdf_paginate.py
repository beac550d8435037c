"""A story's flow read from WeasyPrint's boxes, paginated again, and its line boxes moved.

WeasyPrint fills each page until the next line does not fit and knows nothing of spreads.
`read_flow` turns a laid-out story into its flow: each paragraph's line boxes, each block of
one-line blocks (a chat, verse) as lines too, every other block (a scene break, a picture) and
each full-page plate (kept on its page) with their heights. `fill_page` and `paginate` fill
pages from that flow with WeasyPrint's own rules (orphans, widows, a block whose break after
is avoided carried over with what follows), so that at normal depth they reproduce WeasyPrint's
pages exactly; the pass checks that they do before it acts. `choose_depths` tries, spread by
spread, the normal depth, one line long and one line short (both pages together, as Vellum does) and keeps the
cheapest pagination. `rebuild` then moves the line boxes between the pages' boxes: the lines
themselves, their breaks and their text are WeasyPrint's, untouched.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from octavo.typeset.measure import LINE_END_HYPHENS

EPSILON = 0.01  # px: WeasyPrint's positions are floats
MIN_BOTTOM_MARGIN_PX = 48.0  # 0.5 in: a page run long never brings text nearer the trim
LAST_PAGE_MIN_LINES = 5

# Costs of a pagination; the cheapest wins. A fault always outweighs any number of changes.
COST_SHORT_PAGE = 1000
COST_PAGE_TURN_HYPHEN = 600  # a recto's last word continued overleaf
COST_VERSO_HYPHEN = 200  # a verso's last word continued on the facing page
COST_SHORT_LAST_PAGE = 500
COST_LAST_PAGE_LINE = 20  # and for each line it lacks: a search gains lines one at a time
COST_SHORT_SPREAD = 900  # both pages a line short: balanced, but short of the full depth
BEAM = 16  # positions in the flow kept after each spread
COST_BREAK_AT_FOOT = 60  # a scene break ends the page: allowed (drawn as the ornament), not sought
COST_DEEPER_SINK = 300  # a recto opening's text a line lower: seen only beside other openings
COST_LONG_SPREAD = 40  # allowed, as Vellum does, but not where a normal spread does as well


# ---- The story's flow, read from the laid-out boxes --------------------------------------

@dataclass(slots=True, eq=False)  # compared by identity: its lists of boxes are long
class Unit:
    """A paragraph (its line boxes, in order) or another block (kept whole)."""

    element: Any
    lines: list[Any] = field(default_factory=list)  # LineBoxes, for a paragraph
    fragments: list[Any] = field(default_factory=list)  # its block boxes, page by page
    heights: list[float] = field(default_factory=list)  # one per line, or the block's one
    hyphenated: list[bool] = field(default_factory=list)  # a line ends inside a word
    origins: list[float] = field(default_factory=list)  # x of the text area each line came from
    child_index: int = -1  # its place among the story text's elements
    avoid_break_after: bool = False
    orphans: int = 2
    widows: int = 2
    # A block of one-line blocks (verse, a chat, a letter's address: `lines` are those blocks,
    # set ragged, never retracked), with the padding above its first line and below its last.
    ragged: bool = False
    pad_top: float = 0.0
    pad_bottom: float = 0.0
    space: float = 0.0  # for a block: space added around it, half above and half below
    plate: bool = False  # a full-page plate: a page of its own, where WeasyPrint put it
    # The running sums of `heights` (from 0), made when the unit is first paginated: its
    # heights are complete by then and never change.
    _prefix: list[float] | None = field(default=None, init=False, repr=False)

    @property
    def depth(self) -> float:
        return sum(self.heights)

    def prefix(self) -> list[float]:
        if self._prefix is None:
            self._prefix = [0.0, *itertools.accumulate(self.heights)]
        return self._prefix

    @property
    def is_paragraph(self) -> bool:
        return bool(self.lines)


@dataclass(frozen=True, slots=True)
class Position:
    unit: int
    line: int = 0
    # A full-page plate the text went past (`fill_page`): it takes the next page, and the text
    # goes on from `unit`, `line` on the page after it.
    plate: int = -1


@dataclass(slots=True)
class Flow:
    units: list[Unit]
    pages: list[Any]  # the story's page boxes
    text_boxes: list[Any]  # the story-text block box on each page
    first_top: float  # where the text starts on the opening page (below the heading)
    bottom: float  # the foot of the text area on every page
    top: float  # the head of the text area on every page but the first
    pitch: float  # the body's line height
    margin_bottom: float
    starts: list[Position]  # where WeasyPrint started each page
    # The story's first page is a recto; with `build.openings: any` a story may open on a verso,
    # and then its spreads are pages 1–2, 3–4... instead of 1, 2–3, 4–5...
    opens_on_recto: bool = True
    # The full-page plates: page index → the plate's unit. A plate page's box (no margins,
    # heads or folio, bled on its outer edge) is WeasyPrint's: each plate stays on its page.
    plates: dict[int, int] = field(default_factory=dict)
    # Once the flow is known to reproduce WeasyPrint's pages (`settle`): a scene break may end a
    # page (drawn as the ornament there, the rule, at a small cost) instead of always
    # being carried overleaf with the lines that follow it, and a recto opening one line
    # shorter sinks its text a line lower instead of ending short.
    settled: bool = False
    # Pages filled so far (`_fill`): (start, top, capacity, after the heading, settled) → the
    # units the filling read and the page. The search paginates the story thousands of times,
    # a paragraph or two changed each time: a page whose units are the same objects is filled
    # the same (a flow copied with `replace` shares this, and checks its own units).
    fills: dict[tuple[Any, ...], tuple[list[Unit], PagePlan]] = field(
        default_factory=dict, repr=False)

    def is_recto(self, index: int) -> bool:
        """Whether the story's page `index` (0-based) is a recto."""
        return (index % 2 == 0) == self.opens_on_recto

    def spread_pages(self, spread: int) -> list[int]:
        """The story's pages (0-based) that face each other in its `spread`-th spread; the
        first spread of a story opening on a recto is that page alone."""
        if self.opens_on_recto:
            return [0] if spread == 0 else [2 * spread - 1, 2 * spread]
        return [2 * spread, 2 * spread + 1]


def _line_text(line: Any) -> str:
    return "".join(getattr(box, "text", "") for box in line.descendants())


def _find_story_text(box: Any) -> Any | None:
    element = getattr(box, "element", None)
    if element is not None and "story-text" in (element.get("class") or "").split():
        return box
    for child in getattr(box, "children", ()):
        found = _find_story_text(child)
        if found is not None:
            return found
    return None


def read_flow(pages: Sequence[Any]) -> Flow | None:
    """The story's flow from its laid-out page boxes, or None when this pass cannot model it."""
    from weasyprint.formatting_structure import boxes

    units: list[Unit] = []
    by_element: dict[int, Unit] = {}
    index_of: dict[int, int] = {}  # id(unit) → its index (Units compare by value: slow)
    order: dict[int, int] = {}
    text_boxes: list[Any] = []
    starts: list[Position] = []
    plates: dict[int, int] = {}
    for page in pages:
        if any(isinstance(child, boxes.FootnoteAreaBox) for child in page.children):
            return None
        story_text = _find_story_text(page)
        if story_text is None or not story_text.children:
            return None
        text_boxes.append(story_text)
        if not order:
            order = {id(element): index for index, element in enumerate(story_text.element)}
        origin = story_text.content_box_x()
        first = True
        y = story_text.content_box_y()
        for child in story_text.children:
            plate = _is_plate(child)
            if plate and len(story_text.children) != 1:
                return None
            if abs(child.position_y - y) > EPSILON or (child.style["break_before"] in (
                    "page", "left", "right", "recto", "verso") and not plate):
                return None  # a margin collapsed across units, or a forced break
            y = child.position_y + child.margin_height()
            unit = by_element.get(id(child.element))
            lines = [c for c in child.children if isinstance(c, boxes.LineBox)]
            is_paragraph = bool(lines) and len(lines) == len(child.children) and not (
                child.margin_height() - child.height > EPSILON)
            ragged = not is_paragraph and not plate and _is_block_of_lines(child)
            if ragged:
                lines = list(child.children)
            if unit is None:
                unit = Unit(element=child.element, child_index=order.get(id(child.element), -1),
                            avoid_break_after=child.style["break_after"] in ("avoid", "avoid-page"),
                            orphans=child.style["orphans"], widows=child.style["widows"],
                            ragged=ragged, plate=plate)
                by_element[id(child.element)] = unit
                index_of[id(unit)] = len(units)
                units.append(unit)
                if plate:
                    plates[len(text_boxes) - 1] = index_of[id(unit)]
            elif not ((is_paragraph or ragged) and unit.is_paragraph and unit.ragged == ragged
                      and unit is units[-1] and first):
                return None  # a block split across pages: not modelled
            if first:
                starts.append(Position(index_of[id(unit)], len(unit.lines)))
                first = False
            unit.fragments.append(child)
            if is_paragraph:
                unit.lines += lines
                unit.heights += [line.height for line in lines]
                unit.origins += [origin] * len(lines)
            elif ragged:
                # The padding above is the first fragment's, the padding below the last's.
                if not unit.lines:
                    unit.pad_top = child.padding_top
                unit.pad_bottom = child.padding_bottom
                unit.lines += lines
                unit.heights += [line.margin_height() for line in lines]
                unit.origins += [origin] * len(lines)
            else:
                unit.heights.append(child.margin_height())
                unit.origins.append(origin)
    for unit in units:
        if unit.ragged:
            unit.heights[0] += unit.pad_top
            unit.heights[-1] += unit.pad_bottom
            unit.hyphenated = [False] * len(unit.lines)
        elif unit.is_paragraph:
            unit.hyphenated = [_line_text(line).rstrip()[-1:] in LINE_END_HYPHENS for line in unit.lines]
            unit.hyphenated[-1] = False
    body_lines = [h for unit in units if unit.is_paragraph and not unit.ragged for h in unit.heights]
    if not body_lines:
        return None
    pitch = max(set(body_lines), key=body_lines.count)
    first_page = pages[0]
    bottom = first_page.content_box_y() + first_page.height
    return Flow(units=units, pages=list(pages), text_boxes=text_boxes,
                first_top=text_boxes[0].children[0].position_y, bottom=bottom,
                top=first_page.content_box_y(), pitch=pitch, margin_bottom=first_page.margin_bottom,
                starts=starts, opens_on_recto=_opens_on_recto(first_page), plates=plates)


def _is_plate(box: Any) -> bool:
    """A full-page plate (print_html's `div.plate`: a page of its own)."""
    element = getattr(box, "element", None)
    return element is not None and getattr(box, "element_tag", "") == "div" \
        and "plate" in (element.get("class") or "").split()


def spaced(unit: Unit, extra: float) -> Unit:
    """A block (not a paragraph) with `extra` space more around it, half above and half below:
    the space around a chat, a verse or a picture gives, as a paragraph's tracking does."""
    heights = list(unit.heights)
    if unit.ragged:
        heights[0] += extra / 2
        heights[-1] += extra / 2
        return replace(unit, heights=heights, pad_top=unit.pad_top + extra / 2,
                       pad_bottom=unit.pad_bottom + extra / 2)
    heights[0] += extra
    return replace(unit, heights=heights, space=unit.space + extra)


def may_be_spaced(unit: Unit) -> bool:
    """Blocks whose space may grow: a block of lines or another block, not the story's first
    element, not a scene break (whose ornament must stay on its line)."""
    return (unit.ragged or not unit.is_paragraph) and unit.child_index > 0 \
        and not _is_scene_break(unit) and not unit.plate


def _is_block_of_lines(box: Any) -> bool:
    """A block whose children are blocks of one line each (verse, a chat), with no margin or
    border of its own (its padding is split between its first and last fragments). Not a
    scene break, whose ornament is such a block."""
    from weasyprint.formatting_structure import boxes

    children = box.children
    if not children or box.element_tag == "hr" or box.margin_top or box.margin_bottom \
            or box.border_top_width or box.border_bottom_width:
        return False
    return all(isinstance(child, boxes.BlockBox) and not child.margin_top and not child.margin_bottom
               and not child.padding_top and not child.padding_bottom
               and len(child.children) == 1 and isinstance(child.children[0], boxes.LineBox)
               for child in children)


def _opens_on_recto(page: Any) -> bool:
    """Whether WeasyPrint laid the story's first page out as a recto: a right-hand page in a
    left-to-right book, a left-hand one in a right-to-left book."""
    root = page.children[0] if page.children else page
    recto_side = "left" if root.style["direction"] == "rtl" else "right"
    return bool(page.page_type.side == recto_side)


# ---- Pagination ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PagePlan:
    start: Position
    end: Position  # exclusive
    bottom: float  # where its last line or block ends
    capacity: float  # the foot of its text area
    lines: int
    ends_hyphenated: bool
    ends_with_scene_break: bool = False
    top: float = 0.0  # where its text starts
    reach: int = 0  # the last unit read to fill it (what follows the page may decide it)
    plate: bool = False  # a full-page plate's page


def fill_page(flow: Flow, start: Position, top: float, capacity: float, *,
              after_heading: bool = False, defer_plate: bool = False) -> PagePlan:
    """One page filled from `start`, as WeasyPrint fills it: lines while they fit, a paragraph
    broken only where it leaves `orphans` lines before and `widows` after, a block whose break
    after is avoided carried over with what follows. With `defer_plate`, a plate met where
    the page has room goes to the next page, the text going on past it."""
    units = flow.units
    y, unit_index, line_index = top, start.unit, start.line
    lines = 0
    placed_any = after_heading  # the opening page already holds the story's heading
    last_hyphenated = False
    reach = start.unit
    pending = -1  # the plate the text went past
    while unit_index < len(units):
        unit = units[unit_index]
        if unit.lines:  # a paragraph (or a block of lines)
            count = len(unit.lines) - line_index
            # The lines that fit: those whose running sum stays above the page's foot.
            prefix = unit.prefix()
            base = prefix[line_index]
            room = capacity + EPSILON - y + base
            fit = count if prefix[-1] <= room else max(
                0, bisect.bisect_right(prefix, room, lo=line_index) - 1 - line_index)
            if fit == count:
                placed = prefix[-1] - base
                y += _block_height(flow, unit, placed, y, capacity) if unit.ragged else placed
                lines += fit
                last_hyphenated = False
                unit_index, line_index, placed_any = unit_index + 1, 0, True
                continue
            empty = not placed_any
            remaining = count - fit
            if fit < unit.orphans and not empty and line_index == 0:
                break
            needed = max(0, unit.widows - remaining)
            if needed > fit - unit.orphans and not empty:
                break
            if needed and needed <= fit - unit.orphans:
                fit -= needed
            fit = max(fit, 1) if empty else fit
            placed = prefix[line_index + fit] - base
            y += _block_height(flow, unit, placed, y, capacity) if unit.ragged else placed
            lines += fit
            line_index += fit
            last_hyphenated = unit.hyphenated[line_index - 1]
            break
        height = unit.heights[0]
        if unit.plate:  # a page of its own: text before it ends the page
            if unit_index == start.unit and not lines:
                y += height
                unit_index, line_index, last_hyphenated = unit_index + 1, 0, False
                return PagePlan(start, Position(unit_index), y, capacity, 0, False, top=top,
                                reach=start.unit, plate=True)
            if defer_plate and pending < 0 and capacity - y > 0.75 * flow.pitch:
                # Once settled, the text fills the page and the plate follows at the page turn
                # (as Vellum moves it), instead of the page ending short before it.
                pending = unit_index
                unit_index, line_index = unit_index + 1, 0
                continue
            break
        if y + height > capacity + EPSILON and placed_any:
            break
        height = _block_height(flow, unit, height, y, capacity)
        may_end = flow.settled and _may_end_page(flow, unit)
        if unit.avoid_break_after and placed_any and unit_index + 1 < len(units) and not may_end:
            after = fill_page(flow, Position(unit_index + 1), y + height, capacity,
                              after_heading=True)
            reach = max(reach, after.reach)
            if after.lines == 0 and after.end == Position(unit_index + 1):
                break  # nothing of what follows would join it: it goes overleaf too
        y += height
        unit_index, line_index, placed_any = unit_index + 1, 0, True
        last_hyphenated = False
    if pending >= 0 and (unit_index, line_index) == (pending + 1, 0):
        unit_index, pending = pending, -1  # nothing went on past it: the page ends before it
    end = Position(unit_index, line_index, pending)
    ends_with_break = line_index == 0 and unit_index > start.unit and unit_index < len(units) \
        and _is_scene_break(units[unit_index - 1])
    reach = max(reach, min(unit_index, len(units) - 1))
    return PagePlan(start, end, y, capacity, lines, last_hyphenated, ends_with_break, top, reach)


def _block_height(flow: Flow, unit: Unit, natural: float, y: float, capacity: float) -> float:
    """The height a block (or a block of lines' fragment) of `natural` height takes on the page
    at `y`: once the flow is settled, a whole number of lines, the space made up around it, so
    that what follows stays on the baseline grid and the page's last line on its foot (a chat
    or verse whose padding is split by a page break, a picture, a box of odd height). Not where
    the page has no room for the extra space."""
    if not flow.settled or flow.pitch <= 0 or unit.plate:
        return natural
    whole = math.ceil((natural - EPSILON) / flow.pitch) * flow.pitch
    return whole if y + whole <= capacity + EPSILON else natural


def _is_scene_break(unit: Unit) -> bool:
    element = unit.element
    return not unit.is_paragraph and element is not None and element.tag == "hr" and \
        "scene-break" in (element.get("class") or "").split()


def _may_end_page(flow: Flow, unit: Unit) -> bool:
    """A scene break whose ornament is one line (a blank-line break, or an ornament in its
    padding): at a page's foot it is drawn on the page's last baseline (`rebuild`). An
    asterism's two rows would not be."""
    content = unit.fragments[0].height if unit.fragments else unit.heights[0]
    return _is_scene_break(unit) and abs(content - flow.pitch) < EPSILON


def settle(flow: Flow) -> None:
    """Free the flow, once it is known to reproduce WeasyPrint's pages, to be paginated better:
    the opening page's text put on the baseline grid of the other pages (the nearest grid line,
    so that the opening ends level with the page it faces, whatever the heading's height),
    scene breaks allowed to end a page, a recto opening's sink allowed a line deeper."""
    lines_down = (flow.first_top - flow.top) / flow.pitch
    flow.first_top = flow.top + round(lines_down) * flow.pitch
    flow.settled = True


def _fill(flow: Flow, index: int, start: Position, delta: int) -> PagePlan:
    top = flow.first_top if index == 0 else flow.top
    if start.plate >= 0:  # the plate the page before went past
        return PagePlan(start, Position(start.unit, start.line), top, flow.bottom, 0, False,
                        top=top, reach=start.plate, plate=True)
    plate = flow.plates.get(index)
    # Until the flow is settled, each plate on the page WeasyPrint gave it; then a text page
    # may be filled where a plate was, and the plate a page later (the page boxes follow:
    # `rebuild`).
    if (not flow.settled and ((plate is not None and start != Position(plate)) or (
            plate is None and start.unit < len(flow.units) and flow.units[start.unit].plate))) \
            or (plate is not None and start != Position(plate) and _clone_source(flow, index) is None):
        return PagePlan(start, start, top, flow.bottom, 0, False, top=top)  # no such pagination
    if index == 0 and delta < 0 and _sinks(flow):
        # A recto opening faces no page of its story: instead of ending a line short, its text
        # starts a line lower (the sink a line deeper) and ends at the full depth.
        return _filled(flow, start, top - delta * flow.pitch, flow.bottom, True, index)
    return _filled(flow, start, top, flow.bottom + delta * flow.pitch, index == 0, index)


def _filled(flow: Flow, start: Position, top: float, capacity: float,
            after_heading: bool, index: int) -> PagePlan:
    """fill_page, remembered with the units it read (`Flow.fills`). A plate may go to the
    next page once the flow is settled, where the story has page boxes for it and the text
    after it."""
    defer_plate = flow.settled and bool(flow.plates) and index + 2 < len(flow.pages)
    key = (start, top, capacity, after_heading, flow.settled, defer_plate)
    known = flow.fills.get(key)
    if known is not None and flow.units[start.unit: known[1].reach + 1] == known[0]:
        return known[1]
    plan = fill_page(flow, start, top, capacity, after_heading=after_heading,
                     defer_plate=defer_plate)
    flow.fills[key] = (flow.units[start.unit: plan.reach + 1], plan)
    return plan


def _sinks(flow: Flow) -> bool:
    """Whether the opening page stands alone in its spread (a recto opening), so that one
    line fewer on it is a deeper sink rather than a page a line short."""
    return flow.opens_on_recto and flow.settled


def _done(flow: Flow, position: Position) -> bool:
    return position.unit >= len(flow.units) and position.plate < 0


def paginate(flow: Flow, deltas: Sequence[int]) -> list[PagePlan] | None:
    """The pages of the flow when page i (0-based) runs `deltas[i]` lines long (+) or short (−);
    None when the flow needs more pages than WeasyPrint's layout has page boxes."""
    plans: list[PagePlan] = []
    position = Position(0)
    while not _done(flow, position):
        index = len(plans)
        if index >= len(flow.pages):
            return None
        delta = deltas[index] if index < len(deltas) else 0
        plan = _fill(flow, index, position, delta)
        if plan.end == position:
            return None
        plans.append(plan)
        position = plan.end
    return plans


def _page_cost(flow: Flow, plan: PagePlan, number: int, last: bool) -> int:
    """The faults of the story's page `number` (1-based)."""
    cost = 0
    if plan.plate:
        return cost
    # The story's last text page, a plate after it.
    last = last or (plan.end.plate >= 0 and plan.end.unit >= len(flow.units))
    if last:
        if number > 1 and plan.lines < LAST_PAGE_MIN_LINES:
            cost += COST_SHORT_LAST_PAGE + COST_LAST_PAGE_LINE * (LAST_PAGE_MIN_LINES - plan.lines)
        return cost
    if plan.capacity - plan.bottom > 0.75 * flow.pitch:
        cost += COST_SHORT_PAGE
    if plan.ends_hyphenated:
        cost += COST_PAGE_TURN_HYPHEN if flow.is_recto(number - 1) else COST_VERSO_HYPHEN
    if plan.ends_with_scene_break:
        cost += COST_BREAK_AT_FOOT
    return cost


def pagination_cost(flow: Flow, plans: Sequence[PagePlan]) -> int:
    """What a reader faults in these pages."""
    return sum(_page_cost(flow, plan, index + 1, index == len(plans) - 1)
               for index, plan in enumerate(plans))


def _spread_choices(flow: Flow, first_page: bool) -> tuple[int, ...]:
    # The opening page keeps its folio at the foot: it may run short, never long.
    long_ok = flow.margin_bottom - flow.pitch >= MIN_BOTTOM_MARGIN_PX and not first_page
    return (0, 1, -1) if long_ok else (0, -1)


def choose_depths(flow: Flow) -> tuple[int, list[int]]:
    """Per page, how many lines long or short it runs, and the cost: the cheapest pagination
    found by trying, spread by spread, every choice for both its pages together (dynamic
    programming over where each spread starts in the flow). The cost counts the pages' faults,
    the spreads run short (short pages too, if balanced) and, a little, those run long."""
    # state: where the next spread starts → (cost so far, deltas so far)
    states: dict[Position, tuple[int, list[int]]] = {Position(0): (0, [])}
    best: tuple[int, list[int]] | None = None
    spread = 0
    while states:
        pages = flow.spread_pages(spread)
        next_states: dict[Position, tuple[int, list[int]]] = {}
        for position, (cost, deltas) in sorted(states.items(), key=lambda item: (item[0].unit, item[0].line)):
            for delta in _spread_choices(flow, spread == 0):
                change = 0 if delta == 0 else COST_LONG_SPREAD if delta > 0 else \
                    COST_DEEPER_SINK if spread == 0 and _sinks(flow) else COST_SHORT_SPREAD
                total, here, at, finished = cost + change, list(deltas), position, False
                for index in pages:
                    if index >= len(flow.pages):
                        total = -1
                        break
                    plan = _fill(flow, index, at, delta)
                    if plan.end == at:
                        total = -1
                        break
                    here.append(delta)
                    finished = _done(flow, plan.end)
                    total += _page_cost(flow, plan, index + 1, finished)
                    at = plan.end
                    if finished:
                        break
                if total < 0:
                    continue
                if finished:
                    if best is None or total < best[0]:
                        best = (total, here)
                elif at not in next_states or total < next_states[at][0]:
                    next_states[at] = (total, here)
        # A long story could reach thousands of positions; the cheapest few are plenty.
        kept = sorted(next_states.items(), key=lambda item: (item[1][0], item[0].unit, item[0].line))
        states = dict(kept[:BEAM])
        spread += 1
    return best if best is not None else (10**9, [])


# ---- Moving the lines ----------------------------------------------------------------------

def _drop_to_foot(scene_break: Any) -> None:
    """A scene break ending a page, its ornament moved down through its bottom padding onto
    the page's last baseline (so the page ends level with the page facing it); its height,
    and so everything else, unchanged."""
    shift = scene_break.padding_bottom
    for child in scene_break.children:
        child.translate(0, shift)
    scene_break.padding_top += shift
    scene_break.padding_bottom = 0

def _clone_source(flow: Flow, index: int) -> int | None:
    """For a text page where WeasyPrint put a plate: the nearest other text page of the same
    side (not the opening, which holds the heading), whose box a copy of is the text's."""
    candidates = [other for other in range(1, len(flow.pages))
                  if other != index and other not in flow.plates
                  and flow.is_recto(other) == flow.is_recto(index)]
    return min(candidates, key=lambda other: (abs(other - index), other)) if candidates else None


def _text_page(flow: Flow, index: int) -> tuple[Any, Any]:
    """The page box and story-text box for the text on page `index`."""
    if index not in flow.plates:
        return flow.pages[index], flow.text_boxes[index]
    source = _clone_source(flow, index)
    assert source is not None  # `_fill` makes no such pagination without one
    page = flow.pages[source].deepcopy()
    return page, _find_story_text(page)


def rebuild(flow: Flow, plans: Sequence[PagePlan]) -> list[Any]:
    """The page boxes with their text placed as `plans` says; pages past the last are dropped.
    A plate keeps its own page box; a text page where a plate was takes a copy of another
    text page's box of the same side."""
    plate_pages = {unit: page for page, unit in flow.plates.items()}
    boxes: list[Any] = []
    for index, plan in enumerate(plans):
        if plan.plate:
            boxes.append(flow.pages[plate_pages[plan.reach]])
            continue
        page_box, text_box = _text_page(flow, index)
        boxes.append(page_box)
        x = text_box.content_box_x()
        y = plan.top
        children: list[Any] = []
        position, end = plan.start, Position(plan.end.unit, plan.end.line)  # a plate after it or not
        while position != end and position.unit < len(flow.units):
            unit = flow.units[position.unit]
            proto = unit.fragments[0]
            if unit.plate:  # on a page of its own (above), the text going on past it
                position = Position(position.unit + 1)
            elif unit.is_paragraph:
                stop = plan.end.line if plan.end.unit == position.unit else len(unit.lines)
                pad_top = unit.pad_top if position.line == 0 else 0.0
                pad_bottom = unit.pad_bottom if stop == len(unit.lines) else 0.0
                top = y
                y += pad_top
                for line, origin in zip(unit.lines[position.line:stop],
                                        unit.origins[position.line:stop], strict=True):
                    line.translate(x - origin, y - line.position_y)
                    y += line.margin_height()
                fragment = proto.copy_with_children(unit.lines[position.line:stop])
                fragment.position_x = x - (proto.content_box_x() - proto.position_x)
                fragment.position_y = top
                if unit.ragged:  # its fragment made a whole number of lines (fill_page)
                    natural = y + pad_bottom - top
                    extra = _block_height(flow, unit, natural, top, plan.capacity) - natural
                    if stop < len(unit.lines):  # it ends the page: its last line on the foot
                        shift = extra
                    elif position.line > 0:  # it starts the page: its first line at the head
                        shift = 0.0
                    else:
                        shift = extra / 2
                    for line in unit.lines[position.line:stop]:
                        line.translate(0, shift)
                    pad_top, pad_bottom = pad_top + shift, pad_bottom + extra - shift
                    y += shift
                fragment.padding_top, fragment.padding_bottom = pad_top, pad_bottom
                fragment.height = y - top - pad_top
                y += pad_bottom
                children.append(fragment)
                position = Position(position.unit + 1) if stop == len(unit.lines) else Position(
                    position.unit, stop)
            else:
                natural = proto.margin_height() + unit.space
                extra = _block_height(flow, unit, natural, y, plan.capacity) - natural
                proto.translate(x - unit.origins[0], y + (unit.space + extra) / 2 - proto.position_y)
                y += natural + extra
                children.append(proto)
                position = Position(position.unit + 1)
                if position == end and _is_scene_break(unit) and proto.padding_bottom > EPSILON:
                    _drop_to_foot(proto)
        text_box.children = children
    return boxes
