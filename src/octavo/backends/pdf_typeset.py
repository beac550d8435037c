"""The layout pass on top of WeasyPrint: paragraph ends tied, loose paragraphs retracked,
spreads balanced. One story at a time, deterministic.

WeasyPrint breaks lines greedily and fills each page until the next line does not fit; it knows
nothing of spreads. For each story:

1. Before layout, a paragraph whose last word is short (a runt if alone) has it tied to the word
   before by a no-break space (`tie_paragraph_ends`).
2. WeasyPrint lays the story out once. `pdf_paginate.read_flow` reads the flow back from the
   boxes (each paragraph's line boxes, every other block) and checks that its own pagination
   reproduces WeasyPrint's; a story it cannot model is left exactly as laid out.
3. `pdf_paginate.choose_depths` finds the cheapest pagination, each spread normal, one line long
   or one line short (both pages together, as Vellum does). Paragraphs near the faults it cannot
   remove are laid out again in the variants that may change their length (±1.5 % tighter where
   the last line is short, looser where it is nearly full: `REACH`), those ending in a runt and
   the loosest ones a little tighter and looser, all together in one small probe document (a
   galley of the story's width); a variant replaces its paragraph when it reads better without
   hurting the pages, or when, a line shorter or longer, it removes a fault on the pages, alone
   or with a second variant (`VariantSearch`, which follows the few cheapest sets of changes
   side by side). A block (a chat, verse, a picture) may instead take a line more space around
   it. The story's first paragraph is probed with its lead-in, as set in the story. Faults
   left are probed further, wider each round.
4. `pdf_paginate.rebuild` moves the line boxes between the page boxes. Lines keep WeasyPrint's
   breaks and text; the story itself is never laid out twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from octavo.backends.pdf_paginate import (
    COST_SHORT_LAST_PAGE,
    EPSILON,
    LAST_PAGE_MIN_LINES,
    Flow,
    PagePlan,
    Unit,
    _line_text,
    _page_cost,
    _sinks,
    choose_depths,
    may_be_spaced,
    paginate,
    pagination_cost,
    read_flow,
    rebuild,
    settle,
    spaced,
)
from octavo.typeset.measure import LADDER_MAX, LINE_END_HYPHENS, LOOSE_SPACE_EM, RUNT_MAX_LETTERS

# ---- 1. Ties --------------------------------------------------------------------------------

_STORY_TEXT = re.compile(r'(<div class="story-text">)(.*?)(</div>\s*</section>)', re.DOTALL)
_PARAGRAPH = re.compile(r"(<p(?:\s[^>]*)?>)(.*?)(</p>)", re.DOTALL)
# The last two words of a paragraph's last run of text (no tag between them or after them:
# WeasyPrint mis-breaks lines where a no-break space meets an inline element, its issue #1614).
_LAST_TWO_WORDS = re.compile(r"(?<=[^\s<>])( )([^\s<>]+)(\s*)$")


def tie_paragraph_ends(html: str) -> str:
    """Every paragraph of the story's text whose last word is short enough to make a runt, with
    that word tied to the one before it by a no-break space."""
    def story(match: re.Match[str]) -> str:
        return match.group(1) + _PARAGRAPH.sub(_tie, match.group(2)) + match.group(3)
    return _STORY_TEXT.sub(story, html, count=1)


def _tie(match: re.Match[str]) -> str:
    opening, inner, closing = match.groups()
    words = _LAST_TWO_WORDS.search(inner)
    if words is None or sum(char.isalpha() for char in words.group(2)) > RUNT_MAX_LETTERS:
        return match.group(0)
    tied = inner[: words.start(1)] + "\u00a0" + inner[words.start(2):]
    return opening + tied + closing


# ---- 2. Variants of paragraphs, laid out together in one probe document ----------------------

# The variants a paragraph may be set in: tracking ±1.5 % of the em.
VARIANTS = {"tight": "letter-spacing: -0.015em", "loose": "letter-spacing: 0.015em",
            # and, for a paragraph with a word broken at a page's foot or a ladder of
            # hyphens, set without automatic hyphenation (an author's soft hyphens stay)
            "plain": "hyphens: manual",
            # word spaces too, by ±1.5 % of the measure spread over a line's ten or so spaces
            "tighter": "letter-spacing: -0.015em; word-spacing: -0.11em",
            "looser": "letter-spacing: 0.015em; word-spacing: -0.03em"}
# The variants probed: every paragraph tighter and looser; one whose hyphens are a fault also
# unhyphenated.
TRACKED = ("tight", "loose", "tighter", "looser")
DEHYPHENATED = ("tight", "loose", "tighter", "looser", "plain")
# The variants probed first near a fault: tracking alone, or unhyphenated.
MILD = ("tight", "loose", "plain")
SPACED = "spaced"  # a block's variant: a line more space around it (pdf_paginate.spaced)
MAX_LOOSE = 8  # loose paragraphs per story probed tighter
MAX_NEAR_FAULTS = 8  # paragraphs per story probed for the pages' sake
FAULT_ROUNDS = 4  # probes around the faults left, after the first
MAX_TRIALS = 24  # variants tried against the pagination per round
FIX_ROUNDS = 4  # changes made one after another to remove the faults on a story's pages
FIX_BEAM = 3  # sets of changes followed side by side
LOOKAHEAD = 4  # where no one variant helps, the changes that move a fault tried with a second
TRIAL_PAGES = 3000  # paginations tried per story × its pages: 300 for 10 pages, 5 for 600
_MARGIN_BOXES = ("top-left-corner", "top-left", "top-center", "top-right", "top-right-corner",
                 "bottom-left-corner", "bottom-left", "bottom-center", "bottom-right",
                 "bottom-right-corner", "left-top", "left-middle", "left-bottom", "right-top",
                 "right-middle", "right-bottom")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>")
_VOID = frozenset({"hr", "br", "img", "wbr"})


def split_story_text(html: str) -> tuple[str, list[str], str] | None:
    """The story's HTML around its text, and the text's top-level elements in order (they are
    the story-text box's children, in WeasyPrint's tree as here)."""
    match = _STORY_TEXT.search(html)
    if match is None:
        return None
    inner = match.group(2)
    children: list[str] = []
    depth, start = 0, 0
    for tag in _TAG.finditer(inner):
        closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
        if depth == 0 and not closing:
            start = tag.start()
        if closing:
            depth -= 1
        elif not self_closing and name not in _VOID:
            depth += 1
        if depth == 0:
            children.append(inner[start:tag.end()])
    return html[: match.end(1)], children, html[match.start(3):]


def _variant_html(child: str, key: str, style: str, indent: str) -> str | None:
    opening = re.match(r"<p(\s[^>]*)?>", child)
    if opening is None or "style=" in (opening.group(1) or ""):
        return None
    return f'<p data-oc-probe="{key}" style="{style}; text-indent: {indent}"' + child[2:]


def _indent(unit: Unit) -> str:
    value = unit.fragments[0].style["text_indent"]
    return f"{value.value}{value.unit or 'px'}"


def probe_variants(html: str, flow: Flow, wanted: dict[int, tuple[str, ...]],
                   lay_out: Callable[[str], Any]) -> tuple[dict[tuple[int, str], Unit], Any]:
    """Each paragraph unit in `wanted` laid out in the variants named there (VARIANTS), all
    in one document: (unit index, variant name) → the variant as a unit of the flow."""
    parts = split_story_text(html)
    if parts is None or not wanted:
        return {}, None
    prefix, children, suffix = parts
    bodies: list[str] = []
    openings: list[str] = []  # the story's first paragraph's variants
    for index, names in sorted(wanted.items()):
        unit = flow.units[index]
        if not 0 <= unit.child_index < len(children):
            continue
        for name in names:
            body = _variant_html(children[unit.child_index], f"{index}:{name}", VARIANTS[name],
                                 _indent(unit))
            if body is not None:
                (openings if unit.child_index == 0 else bodies).append(body)
    if not bodies and not openings:
        return {}, None
    # One tall page of the same width (a galley): no page breaks to make, no heads or folios.
    galley = (f"<style>@page {{ size: {flow.pages[0].margin_width()}px 60000px !important; "
              + " ".join(f"@{box} {{ content: none !important }}" for box in _MARGIN_BOXES)
              + " }</style>")
    # An element before the variants, so that none of them is the story's first paragraph to the
    # stylesheet (`p:first-child`: no indent, the lead-in's small capitals, a drop cap); the
    # first paragraph's own variants each first in a story text of its own after a header, so
    # that each is set with the lead-in, as in the story.
    document = lay_out(prefix.replace("</head>", galley + "</head>", 1) + "<div hidden></div>"
                       + "\n".join(bodies)
                       + "".join(f'</div><header class="story-header"></header>'
                                 f'<div class="story-text">{body}' for body in openings)
                       + suffix)
    from weasyprint.formatting_structure import boxes

    found: dict[tuple[int, str], Unit] = {}
    texts = (story_text for page in document.pages
             for story_text in _story_texts(page._page_box))
    for story_text in texts:
        origin = story_text.content_box_x()
        for child in story_text.children:
            key = child.element.get("data-oc-probe") if child.element is not None else None
            if not key:
                continue
            index_text, name = key.split(":")
            original = flow.units[int(index_text)]
            variant = found.setdefault((int(index_text), name), Unit(
                element=original.element, child_index=original.child_index,
                orphans=original.orphans, widows=original.widows))
            lines = [line for line in child.children if isinstance(line, boxes.LineBox)]
            variant.fragments.append(child)
            variant.lines += lines
            variant.heights += [line.height for line in lines]
            variant.origins += [origin] * len(lines)
    for variant in found.values():
        variant.hyphenated = [_line_text(line).rstrip()[-1:] in LINE_END_HYPHENS
                              for line in variant.lines]
        if variant.hyphenated:
            variant.hyphenated[-1] = False
    # WeasyPrint sometimes breaks a tracked paragraph badly: one word alone on a line in the
    # middle of a justified paragraph (`wall.` then the next sentence on a line of its own),
    # which a reader takes for a paragraph ending in a runt. Such a variant is never used.
    width = flow.text_boxes[0].width
    return {key: unit for key, unit in found.items() if unit.lines and _short_lines(unit, width)
            <= _short_lines(flow.units[key[0]], width)}, document


def _story_texts(box: Any) -> list[Any]:
    """Every story-text block box under `box`, in order."""
    element = getattr(box, "element", None)
    if element is not None and "story-text" in (element.get("class") or "").split() \
            and getattr(box, "element_tag", "") == "div":
        return [box]
    return [found for child in getattr(box, "children", ()) for found in _story_texts(child)]


SHORT_LINE_PX = 1.0


def _short_lines(unit: Unit, width: float) -> int:
    """How many lines but the last stop short of the measure (in a justified paragraph every
    one fills it, unless the text forces a break)."""
    from weasyprint.formatting_structure import boxes

    short = 0
    for line, origin in zip(unit.lines[:-1], unit.origins, strict=False):
        ends = [box.position_x + box.margin_width() for box in line.descendants()
                if isinstance(box, boxes.TextBox)]
        if ends and max(ends) - origin < width - SHORT_LINE_PX:
            short += 1
    return short


# ---- 3. Judging a paragraph ---------------------------------------------------------------------

_space_widths: dict[tuple[object, ...], float] = {}


def _space_width(style: Any) -> float:
    """The width of one word space in `style` before justification, word-spacing included."""
    key = (tuple(style["font_family"]), style["font_size"], style["font_weight"], style["font_style"],
           style["font_variant_caps"], style["word_spacing"], str(style["letter_spacing"]))
    if key not in _space_widths:
        from weasyprint.text.line_break import create_layout, line_size

        def width(text: str) -> float:
            layout = create_layout(text, style, None, None, 0)  # the line lives while it does
            line, _ = layout.get_first_line()
            return float(line_size(line, style)[0])
        _space_widths[key] = width("x x") - width("xx")
    return _space_widths[key]


@dataclass(frozen=True, slots=True, order=True)
class Quality:
    """A paragraph's faults, worst first: compared as a tuple, smaller is better."""

    runt: bool
    ladders: int  # runs of more than LADDER_MAX hyphenated lines
    loose: int
    hyphens: int


def _reads_better(variant: Quality, original: Quality) -> bool:
    """No runt where there was one, or as many and fewer ladders of hyphens, or as many and
    fewer loose lines (hyphens do not count)."""
    return (variant.runt, variant.ladders, variant.loose) < (
        original.runt, original.ladders, original.loose)


def _no_worse(variant: Quality, original: Quality, loose_allowed: int = 0) -> bool:
    return not variant.runt and variant.ladders <= original.ladders \
        and variant.loose <= original.loose + loose_allowed


def _ladders(hyphenated: Sequence[bool]) -> int:
    ladders, run = 0, 0
    for hyphen in hyphenated:
        run = run + 1 if hyphen else 0
        ladders += run == LADDER_MAX + 1
    return ladders


def judge(unit: Unit) -> Quality:
    from weasyprint.formatting_structure import boxes

    loose = 0
    for line in unit.lines[:-1]:
        for box in line.descendants():
            if isinstance(box, boxes.TextBox) and (" " in box.text or "\u00a0" in box.text):
                space = _space_width(box.style) + (box.justification_spacing or 0)
                if space > LOOSE_SPACE_EM * box.style["font_size"]:
                    loose += 1
                    break
    words = _line_text(unit.lines[-1]).split() if unit.lines else []
    runt = len(unit.lines) > 1 and len(words) == 1 and (
        unit.hyphenated[-2] or sum(char.isalpha() for char in words[0]) <= RUNT_MAX_LETTERS)
    return Quality(runt, _ladders(unit.hyphenated), loose, sum(unit.hyphenated))


# ---- 4. The pass ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Outcome:
    """What the pass did to one story, for the build's log and the tests."""

    modelled: bool  # the pass reproduced WeasyPrint's pagination and could act
    deltas: tuple[int, ...] = ()  # per page: lines run long (+) or short (−)
    cost_before: int = 0
    cost_after: int = 0
    probed: int = 0  # paragraphs laid out again, tighter and looser
    retracked: tuple[str, ...] = ()  # the variant each retracked paragraph is set in


def _faulty_neighbours(flow: Flow, plans: Sequence[PagePlan]) -> list[int]:
    """Paragraphs on a page that has a fault or runs short, or on the page before it."""
    wanted: list[int] = []
    for index, plan in enumerate(plans):
        last = index == len(plans) - 1
        short = not last and plan.capacity < flow.bottom - EPSILON  # a spread run short
        if _page_cost(flow, plan, index + 1, last) == 0 and not short:
            continue
        for page in (index, index - 1):
            if page < 0:
                continue
            start, end = plans[page].start, plans[page].end
            for unit in range(start.unit, min(end.unit + 1, len(flow.units))):
                if unit not in wanted:
                    wanted.append(unit)
    return wanted


def _variants_for(flow: Flow, index: int, *, for_pages: bool = False) -> tuple[str, ...]:
    """The variants a paragraph is probed in: unhyphenated too where its hyphens are a fault
    (a ladder) or may fall at a page's foot (it is long enough to cross a page).

    Probed `for_pages` (a paragraph a line longer or shorter would move a fault off the pages),
    only the variants that may change its length: a tighter setting where its last line is
    short enough to be taken up, a looser one where it is nearly full (REACH)."""
    unit = flow.units[index]
    hyphenated = unit.hyphenated
    names = DEHYPHENATED if any(hyphenated) and (_ladders(hyphenated) or len(hyphenated) >= 4) \
        else TRACKED
    if not for_pages:
        return names
    lines, fill = len(unit.lines), _last_line_fill(unit, flow.text_boxes[0].width)
    return tuple(name for name in names
                 if name == "plain" or (fill if name in ("tight", "tighter") else 1 - fill)
                 < REACH[name] * lines + REACH_WORD)


# How much of a line each variant takes up or gives, per line of the paragraph, as a share of
# the measure (the tracking and word spacing of VARIANTS over a line's 60 letters and 10 spaces,
# with a margin): a paragraph of n lines whose last line fills less than n × REACH["tighter"]
# of the measure may come out a line shorter set tighter; one whose last line leaves less than
# n × REACH["looser"] empty may come out a line longer set looser; and, since a line break
# moves a whole word, give or take a short word (REACH_WORD). Measured on the held-out book's
# probes: no variant outside these reaches changed a paragraph's length; they leave out about
# two thirds of the variants.
REACH = {"tight": 0.08, "tighter": 0.11, "loose": 0.05, "looser": 0.075}
REACH_WORD = 0.03


def _broken_at_foot(flow: Flow, plans: Sequence[PagePlan]) -> dict[int, tuple[str, ...]]:
    """The paragraphs whose word is broken across a page's foot, in every variant: any that
    breaks its lines elsewhere may take the hyphen off the foot, whatever its length."""
    return {plan.end.unit: _variants_for(flow, plan.end.unit) for plan in plans
            if plan.ends_hyphenated and plan.end.unit < len(flow.units)
            and _probe_worthy(flow, plan.end.unit)}


def _mild_variants(flow: Flow, index: int) -> tuple[str, ...]:
    """A paragraph that reads badly, first probed a little tighter and looser, and unhyphenated
    where its hyphens are the fault (a ladder, a fragment alone on its last line)."""
    unit = flow.units[index]
    fragment = len(unit.hyphenated) >= 2 and unit.hyphenated[-2]
    return ("tight", "loose", "plain") if _ladders(unit.hyphenated) or fragment else ("tight", "loose")


def _last_line_fill(unit: Unit, width: float) -> float:
    """The share of the measure the paragraph's last line fills."""
    from weasyprint.formatting_structure import boxes

    line, origin = unit.lines[-1], unit.origins[-1]
    ends = [box.position_x + box.margin_width() for box in line.descendants()
            if isinstance(box, boxes.TextBox)]
    return (max(ends) - origin) / width if ends and width > 0 else 0.0


def _probe_worthy(flow: Flow, index: int) -> bool:
    unit = flow.units[index]
    return unit.is_paragraph and not unit.ragged and len(unit.lines) >= 2 and unit.child_index >= 0


def _changes_length(variant: Unit, unit: Unit) -> bool:
    """Whether the variant takes more or fewer lines, or more or less room, than the unit."""
    return len(variant.lines) != len(unit.lines) or abs(variant.depth - unit.depth) > EPSILON


def short_last_page(flow: Flow, deltas: Sequence[int]) -> bool:
    """Whether the story's last page at these depths holds fewer than LAST_PAGE_MIN_LINES."""
    plans = paginate(flow, deltas)
    return plans is not None and len(plans) > 1 and not plans[-1].plate \
        and plans[-1].lines < LAST_PAGE_MIN_LINES


def has_fault(flow: Flow, deltas: Sequence[int]) -> bool:
    """Whether the story's pages at these depths leave a fault a reader sees: a page short of
    the full depth, a word broken across the page turn, a last page under LAST_PAGE_MIN_LINES,
    a spread run a line short together. (A verso's word continued on the facing page, a scene
    break ending a page, a spread a line long and a deeper sink are allowed.)"""
    plans = paginate(flow, deltas)
    if plans is None:
        return True
    short_spread = any(delta < 0 and not (index == 0 and _sinks(flow))
                       for index, delta in enumerate(deltas[: len(plans)]))
    return short_spread or any(
        _page_cost(flow, plan, index + 1, index == len(plans) - 1) >= COST_SHORT_LAST_PAGE
        for index, plan in enumerate(plans))

class VariantSearch:
    """The paragraph variants laid out so far for a story, tried against its pagination: which
    to put in place of their paragraphs (`retracked`, by unit index)."""

    def __init__(self, flow: Flow, variants: dict[tuple[int, str], Unit],
                 judged: dict[tuple[int, str], Quality], qualities: dict[int, Quality],
                 retracked: dict[int, str], trials: int) -> None:
        self.flow, self.variants, self.judged = flow, variants, judged
        self.qualities, self.retracked = qualities, retracked
        self.trials_left = trials  # each trial costs a pagination of the whole story
        # Loose lines a change may add to its paragraph (the last resort for a short last
        # page: `mend_last_page`).
        self.loose_allowed = 0
        # paginations by the set of variants put in place on top of `retracked` (cleared when
        # it changes)
        self._tried: dict[frozenset[tuple[int, str]], tuple[int, list[int]]] = {}

    def trial_depths(self) -> tuple[int, list[int]] | None:
        """The best pagination of the flow as it is, within the story's budget of trials (a
        very long story gets few)."""
        if self.trials_left <= 0:
            return None
        self.trials_left -= 1
        return choose_depths(self.flow)

    def trial_with(self, keys: tuple[tuple[int, str], ...]) -> tuple[int, list[int]] | None:
        """The best pagination with these variants in place (the flow given back as it was;
        a later change to a paragraph wins). Each set of variants is paginated once."""
        state = frozenset(self._settled(keys))
        if state in self._tried:
            return self._tried[state]
        units = self.flow.units
        originals = {key[0]: units[key[0]] for key in keys}
        for key in keys:
            units[key[0]] = self.variants[key]
        trial = self.trial_depths()
        for index, original in originals.items():
            units[index] = original
        if trial is not None:
            self._tried[state] = trial
        return trial

    def substitute(self, key: tuple[int, str]) -> None:
        self.flow.units[key[0]], self.qualities[key[0]] = self.variants[key], self.judged[key]
        self.retracked[key[0]] = key[1]
        self._tried.clear()

    def fix_faults(self, cost: int, deltas: list[int]) -> tuple[int, list[int]]:
        """Paragraphs a line longer or shorter, no worse to read, while that removes faults:
        one at a time, or two together where no one change helps. The few cheapest sets of
        changes are followed side by side (FIX_BEAM): the change that helps most first can
        lead where nothing helps further, where another as good would not."""
        return self.apply(self.search(cost, deltas))

    def apply(self, found: tuple[int, list[int], tuple[tuple[int, str], ...]]
              ) -> tuple[int, list[int]]:
        """A set of changes `search` found, put in place: its cost and depths."""
        for key in found[2]:
            self.substitute(key)
        return found[0], found[1]

    def mend_last_page(self, cost: int, deltas: list[int]) -> tuple[int, list[int]]:
        """A story's last page under LAST_PAGE_MIN_LINES that no change as good to read
        mends: the changes that make it good, each allowed one loose line more in its
        paragraph (a reader sees a story ending on a page of two lines; a line's wider spaces,
        within the ±1.5 % of its tracking, hardly). Kept only where the last page is mended
        and no other fault is left; else the story stays as it was."""
        if not short_last_page(self.flow, deltas):
            return cost, deltas
        self.loose_allowed = 1
        try:
            best = self.search(cost, deltas)
        finally:
            self.loose_allowed = 0
        if not best[2] or has_fault(self.flow_with(best[2]), best[1]):
            return cost, deltas
        for key in best[2]:
            self.substitute(key)
        return best[0], best[1]

    def flow_with(self, keys: tuple[tuple[int, str], ...]) -> Flow:
        """A copy of the flow with these variants in place."""
        units = list(self.flow.units)
        for key in keys:
            units[key[0]] = self.variants[key]
        return replace(self.flow, units=units)

    def search(self, cost: int, deltas: list[int]
               ) -> tuple[int, list[int], tuple[tuple[int, str], ...]]:
        """The cheapest set of changes found (fix_faults), not yet put in place."""
        if not has_fault(self.flow, deltas):
            return cost, deltas, ()
        beam: list[tuple[int, list[int], tuple[tuple[int, str], ...]]] = [(cost, deltas, ())]
        best = beam[0]
        for _ in range(FIX_ROUNDS):
            found: dict[frozenset[tuple[int, str]], tuple[int, list[int], tuple[tuple[int, str], ...]]] = {}
            for state_cost, state_deltas, changes in beam:
                if not has_fault(self.flow, state_deltas) and changes:
                    continue
                for trial_cost, trial_deltas, more in self._improvements(state_cost, changes):
                    keys = self._settled(changes + more)
                    state = frozenset(keys)
                    if state not in found or trial_cost < found[state][0]:
                        found[state] = (trial_cost, trial_deltas, keys)
            if not found:
                break
            # At equal cost, the fewest paragraphs already set for their reading set again, and
            # the fewest blocks spaced out.
            beam = sorted(found.values(), key=lambda item: (
                item[0], sum(index in self.retracked for index, _ in item[2]),
                sum(name == SPACED for _, name in item[2]), item[2]))[:FIX_BEAM]
            if beam[0][0] < best[0]:
                best = beam[0]
            if not has_fault(self.flow, best[1]):
                break
        return best

    @staticmethod
    def _settled(keys: tuple[tuple[int, str], ...]) -> tuple[tuple[int, str], ...]:
        """Changes with only the last one kept for each paragraph, in paragraph order."""
        return tuple(sorted(dict(keys).items()))

    def _improvements(self, cost: int, changes: tuple[tuple[int, str], ...]
                      ) -> list[tuple[int, list[int], tuple[tuple[int, str], ...]]]:
        """With `changes` in place: each change (or pair, where no one change helps) that
        makes the story's pages cheaper than `cost`."""
        units, variants, judged = self.flow.units, self.variants, self.judged
        assigned = {**self.retracked, **dict(changes)}
        current = {index: units[index] for index, _ in changes}

        def quality(index: int) -> Quality:
            name = assigned.get(index)
            return judged[(index, name)] if index in dict(changes) and name is not None \
                else self.qualities[index]

        def unit(index: int) -> Unit:
            return variants[(index, dict(changes)[index])] if index in current else units[index]

        # Variants a line longer or shorter first, then those breaking their words elsewhere
        # (a hyphen moved off a page's foot).
        trials = sorted((key for key in judged if assigned.get(key[0]) != key[1]
                         and _no_worse(judged[key], quality(key[0]), self.loose_allowed)
                         and (_changes_length(variants[key], unit(key[0]))
                              or variants[key].hyphenated != unit(key[0]).hyphenated)),
                        key=lambda key: (not _changes_length(variants[key], unit(key[0])),
                                         key[1] == SPACED, key))[:MAX_TRIALS]
        better: list[tuple[int, list[int], tuple[tuple[int, str], ...]]] = []
        moved: list[tuple[int, tuple[int, str]]] = []  # changes that move the faults
        for key in trials:
            trial = self.trial_with((*changes, key))
            if trial is not None and trial[0] < cost:
                better.append((trial[0], trial[1], (key,)))
            elif trial is not None and trial[0] < 10**9 and trial[0] != cost:
                moved.append((trial[0], key))
        if not better:
            # No one change removes a fault, but one may move it where another removes it
            # (an opening a line short made full by a paragraph a line longer, leaving a
            # spread short further on that a paragraph there mends): try pairs.
            for _, first in sorted(moved)[:LOOKAHEAD]:
                for key in trials:
                    if key[0] == first[0]:
                        continue
                    trial = self.trial_with((*changes, first, key))
                    if trial is not None and trial[0] < cost:
                        better.append((trial[0], trial[1], (first, key)))
        return better


def typeset_story(html: str, lay_out: Callable[[str], Any]) -> tuple[Any, Outcome]:
    """Lay out one story's HTML with `lay_out` (HTML → WeasyPrint Document): paragraph ends
    tied, loose paragraphs retracked, pages balanced. The story's own layout is done once; the
    variants of a few paragraphs are laid out together in a few small probe documents (one per
    round, at most FAULT_ROUNDS + 1)."""
    from weasyprint.document import Page

    tied = tie_paragraph_ends(html)
    document = lay_out(tied)
    page_boxes = [page._page_box for page in document.pages]
    flow = read_flow(page_boxes)
    if flow is None:
        return document, Outcome(False)
    as_laid_out = paginate(flow, [0] * len(page_boxes))
    if as_laid_out is None or [plan.start for plan in as_laid_out] != flow.starts:
        return document, Outcome(False)
    before = pagination_cost(flow, as_laid_out)
    settle(flow)
    cost, deltas = choose_depths(flow)

    probes: list[Any] = []  # the retracked paragraphs' boxes belong to these documents
    retracked: dict[int, str] = {}
    qualities = {index: judge(unit) for index, unit in enumerate(flow.units)
                 if unit.is_paragraph and not unit.ragged}
    # Blocks (a chat, verse, a picture) may take a line more space around them, where that
    # mends the pages: no probe needed, their lines stay as they are.
    clean = Quality(False, 0, 0, 0)
    variants: dict[tuple[int, str], Unit] = {
        (index, SPACED): spaced(unit, flow.pitch) for index, unit in enumerate(flow.units)
        if may_be_spaced(unit)}
    judged: dict[tuple[int, str], Quality] = dict.fromkeys(variants, clean)
    qualities.update((index, clean) for index, _ in variants)
    probed: set[tuple[int, str]] = set()

    def probe(wanted: dict[int, tuple[str, ...]]) -> None:
        wanted = {index: fresh for index, names in wanted.items()
                  if (fresh := tuple(name for name in names if (index, name) not in probed))}
        if wanted:
            found, document = probe_variants(tied, flow, wanted, lay_out)
            probes.append(document)
            probed.update((index, name) for index, names in wanted.items() for name in names)
            variants.update(found)
            judged.update((key, judge(unit)) for key, unit in found.items())

    search = VariantSearch(flow, variants, judged, qualities, retracked,
                           max(2, TRIAL_PAGES // len(page_boxes)))
    substitute, trial_depths, fix_faults = search.substitute, search.trial_depths, search.fix_faults

    def read_better_in_place() -> None:
        """Paragraphs that read better retracked where the pages do not change (the same
        length)."""
        for key in sorted(judged):
            same = not _changes_length(variants[key], flow.units[key[0]])
            if same and key[0] not in retracked and _reads_better(judged[key], qualities[key[0]]):
                substitute(key)

    def faulty_reading() -> list[int]:
        """Paragraphs ending in a runt, with a ladder of hyphens or loose lines, worst first."""
        faulty = sorted((index for index, quality in qualities.items()
                         if (quality.loose or quality.runt or quality.ladders)
                         and index not in retracked and _probe_worthy(flow, index)),
                        key=lambda index: (not qualities[index].runt, -qualities[index].loose, index))
        return faulty[:MAX_LOOSE]

    # One probe: the paragraphs near a fault in the variants that may change their length, and
    # those that read badly a little tighter and looser; then, for those still reading badly,
    # the stronger variants (most are mended by the milder ones: one probe of every variant
    # laid out three times as many paragraphs for little more).
    plans = paginate(flow, deltas) or []
    near = [index for index in _faulty_neighbours(flow, plans) if _probe_worthy(flow, index)
            and _variants_for(flow, index, for_pages=True)][:MAX_NEAR_FAULTS]
    # Near the faults, the mild variants first; the stronger ones (a third of the lines laid
    # out, seldom taken) only where the mild ones leave a fault.
    for_pages = {index: _variants_for(flow, index, for_pages=True) for index in near}
    for_pages.update(_broken_at_foot(flow, plans))
    wanted = {index: mild for index, names in for_pages.items()
              if (mild := tuple(name for name in names if name in MILD))}
    reading_badly = faulty_reading()
    for index in reading_badly:
        wanted[index] = tuple(dict.fromkeys((*wanted.get(index, ()), *_mild_variants(flow, index))))
    probe(wanted)
    read_better_in_place()
    # (A paragraph with a loose line, the least of these faults, gets no second probe.)
    probe({index: _variants_for(flow, index) for index in faulty_reading()
           if index in reading_badly and (qualities[index].runt or qualities[index].ladders)})
    read_better_in_place()
    found = search.search(cost, deltas)
    if has_fault(search.flow_with(found[2]), found[1]) and any((index, name) not in probed
                                         for index, names in for_pages.items() for name in names):
        # The search again, from where it started, with every variant near the faults.
        probe(for_pages)
        read_better_in_place()
        found = search.search(cost, deltas)
    cost, deltas = search.apply(found)
    for _ in range(FAULT_ROUNDS):  # faults left: probe further around them
        if not has_fault(flow, deltas):
            break
        plans = paginate(flow, deltas) or []
        def flexible(index: int) -> bool:
            return _probe_worthy(flow, index) and any(
                (index, name) not in probed for name in _variants_for(flow, index, for_pages=True))
        near = [index for index in _faulty_neighbours(flow, plans) if flexible(index)]
        near = near[:MAX_NEAR_FAULTS]
        if not near:
            # A fault the pages around it cannot remove (a short opening, a short spread) is
            # moved by any paragraph of the story a line longer or shorter: probe them all.
            near = [index for index in range(len(flow.units)) if flexible(index)]
            if not near:
                break
        probe({**{index: _variants_for(flow, index, for_pages=True) for index in near},
               **_broken_at_foot(flow, plans)})
        cost, deltas = fix_faults(cost, deltas)
    cost, deltas = search.mend_last_page(cost, deltas)
    # Paragraphs whose better setting changes their length, where the pages stay as good.
    for key in sorted(judged):
        if key[0] in retracked or not _reads_better(judged[key], qualities[key[0]]):
            continue
        original = flow.units[key[0]]
        flow.units[key[0]] = variants[key]
        trial = trial_depths()
        flow.units[key[0]] = original
        if trial is not None and trial[0] <= cost:
            cost, deltas = trial
            substitute(key)

    final = paginate(flow, deltas)
    if final is None:
        return document, Outcome(True, (), before, before, len({index for index, _ in probed}))
    # Rebuilt even with every page at its normal depth: the opening's text is on the grid now.
    document.pages = [Page(box) for box in rebuild(flow, final)]
    document.octavo_probes = probes
    return document, Outcome(True, tuple(deltas[: len(final)]), before, cost,
                             len({index for index, _ in probed}),
                             tuple(name for _, name in sorted(retracked.items())))
