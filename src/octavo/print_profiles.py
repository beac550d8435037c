"""Print-on-demand shops' rules as data: one `Profile` per shop, and the rules a book resolves to.

A profile (`build.print: kdp | ingram | generic`) says what the shop requires: the inside margin
for a page count, how far text must stay from the trim, the page-count range, the file-size
limit, the PDF standard and how fonts are embedded. Every rule is also a book setting
(`build.gutter`, `build.safe_zone`, `build.pdf_standard`, `build.fonts`, `build.bleed`,
`build.paper`); `resolve_rules` folds the settings over the profile. The preflight
(`octavo check --pdf FILE --profile NAME`) and the PDF backend read the same `Rules`, so what
the build makes is exactly what the check demands. Nothing here imports WeasyPrint.

Figures: /work/shared/reference.md §2 (KDP's and IngramSpark's published requirements).
"""

from __future__ import annotations

from dataclasses import dataclass, field

BLEED_IN = 0.125  # added to the top, bottom and outside edges of a page that bleeds
# "colour" is premium colour; "standard-colour" is the shops' cheaper colour interior, with
# page limits of its own (KDP: 72 to 600 pages).
PAPERS = ("white", "cream", "colour", "standard-colour")
COLOUR_PAPERS = frozenset({"colour", "standard-colour"})
# The US spelling is accepted wherever a paper is named, and means the same paper.
PAPER_SPELLINGS = {"color": "colour", "premium-colour": "colour", "premium-color": "colour",
                   "standard-color": "standard-colour"}
PAPER_CHOICES = (*PAPERS, *PAPER_SPELLINGS)


def paper_name(value: str) -> str:
    """The paper `value` names, in octavo's spelling (`color` is `colour`)."""
    return PAPER_SPELLINGS.get(value, value)


PDF_STANDARDS = ("x-1a", "x-4", "none")
FONT_EMBEDDINGS = ("full", "subset")


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    shop: str  # how messages name the shop
    # (last page count of the step, inside margin in inches), ascending; the last step also
    # covers every longer book.
    gutter_table: tuple[tuple[int, float], ...]
    safe_zone_in: float  # from the trim: outside, top and bottom (and heads and folios)
    safe_zone_bleed_in: float  # the same for a book that bleeds
    min_pages: int
    max_pages: dict[str, int]  # by paper
    max_file_mb: float | None
    pdf_standard: str  # "x-1a" | "x-4" | "none"
    font_embedding: str  # "full" | "subset"
    annotations_allowed: bool
    spine_text_min_pages: int
    # Thickness of one page (inches) by paper, for the spine width of the cover.
    paper_inch_per_page: dict[str, float] = field(default_factory=dict)
    # The PDF/X versions the shop takes: a file that claims one of these is judged by it.
    accepted_standards: tuple[str, ...] = ("x-1a", "x-4")
    # The trims the shop prints (width, height in inches); empty: any trim. `custom_range`:
    # ((min, max) width, (min, max) height) of the other sizes it prints as custom trims.
    trims: tuple[tuple[float, float], ...] = ()
    custom_range: tuple[tuple[float, float], tuple[float, float]] | None = None
    # Trims that bind fewer pages than `max_pages` says: ((width, height), {paper: pages}).
    trim_page_limits: tuple[tuple[tuple[float, float], dict[str, int]], ...] = ()
    # Papers with a page minimum above `min_pages`.
    min_pages_by_paper: dict[str, int] = field(default_factory=dict)

    def gutter_for(self, pages: int) -> float:
        for last_page, inches in self.gutter_table:
            if pages <= last_page:
                return inches
        return self.gutter_table[-1][1]

    def safe_zone(self, bleed: bool) -> float:
        return self.safe_zone_bleed_in if bleed else self.safe_zone_in

    def min_pages_for(self, paper: str) -> int:
        return self.min_pages_by_paper.get(paper, self.min_pages)

    def max_pages_for(self, paper: str, trim: tuple[float, float] | None = None) -> int:
        for (width, height), limits in self.trim_page_limits:
            if trim is not None and paper in limits and _same_trim(trim, (width, height)):
                return min(limits[paper], self.max_pages.get(paper, limits[paper]))
        return self.max_pages.get(paper, self.max_pages["colour"])

    def prints_trim(self, width_in: float, height_in: float) -> bool:
        """The trim is on the shop's list (or the shop has no list)."""
        return not self.trims or any(_same_trim((width_in, height_in), t) for t in self.trims)

    def prints_as_custom(self, width_in: float, height_in: float) -> bool:
        if self.custom_range is None:
            return False
        (w0, w1), (h0, h1) = self.custom_range
        slack = TRIM_TOLERANCE_IN
        return w0 - slack <= width_in <= w1 + slack and h0 - slack <= height_in <= h1 + slack

    def nearest_trims(self, width_in: float, height_in: float, count: int = 3
                      ) -> list[tuple[float, float]]:
        """The shop's trims closest in size to this one, nearest first."""
        return sorted(self.trims, key=lambda t: (abs(t[0] - width_in) + abs(t[1] - height_in),
                                                 t))[:count]


# A trim named in inches to two decimals (5.06 x 7.81) or in millimetres (A5, 148 x 210 mm)
# matches the shop's figure to within this; a PDF's page size, in points, too.
TRIM_TOLERANCE_IN = 0.02


def _same_trim(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= TRIM_TOLERANCE_IN and abs(a[1] - b[1]) <= TRIM_TOLERANCE_IN


def trim_name(trim: tuple[float, float]) -> str:
    return f"{round(trim[0], 3):g}x{round(trim[1], 3):g}"


def trim_finding(profile: Profile, width_in: float, height_in: float) -> tuple[str, str] | None:
    """(code, message) when the shop does not print this trim as one of its standard sizes:
    OCT448 it does not print it at all, OCT449 only as a custom size. None: a standard trim."""
    if profile.prints_trim(width_in, height_in):
        return None
    size = f"{trim_name((width_in, height_in))} in"
    nearest = ", ".join(trim_name(t) for t in profile.nearest_trims(width_in, height_in))
    if profile.prints_as_custom(width_in, height_in):
        return ("OCT449", f"{profile.shop} prints {size} only as a custom size, sold on Amazon "
                f"but not through Expanded Distribution; its nearest standard trims are "
                f"{nearest}")
    return ("OCT448", f"{profile.shop} does not print {size}; the nearest trims it prints are "
            f"{nearest}")


# KDP's standard paperback trims (kdp.amazon.com/en_US/help/topic/G201834180, "Print
# options: trim size"; as read by the third-party summaries cited in /work/shared/reference.md
# and by kindlepreneur.com/book-sizes). Any other trim from 4 x 6 to 8.5 x 11.69 in KDP prints
# as a custom size, sold on Amazon but not through Expanded Distribution.
KDP_TRIMS: tuple[tuple[float, float], ...] = (
    (5, 8), (5.06, 7.81), (5.25, 8), (5.5, 8.5), (5.83, 8.27), (6, 9), (6.14, 9.21),
    (6.69, 9.61), (7, 10), (7.44, 9.69), (7.5, 9.25), (8, 10), (8.25, 6), (8.25, 8.25),
    (8.25, 11), (8.5, 8.5), (8.5, 11), (8.27, 11.69),
)
# The large trims bind fewer pages (KDP's Print options page, as summarised at
# bookbolt.kb.help/kdp-publishing-what-is-the-minimum-maximum-number-of-pages-...).
_KDP_TRIM_LIMITS: tuple[tuple[tuple[float, float], dict[str, int]], ...] = (
    ((8.25, 6), {"white": 800, "cream": 750, "colour": 800}),
    ((8.25, 8.25), {"white": 800, "cream": 750, "colour": 800}),
    ((8.5, 8.5), {"white": 590, "cream": 550, "colour": 590}),
    ((8.5, 11), {"white": 590, "cream": 550, "colour": 590}),
    ((8.27, 11.69), {"white": 780, "cream": 730, "colour": 590}),
)
# IngramSpark's paperback trims (its "Trim sizes and papers" list,
# help.ingramspark.com/hc/en-us/articles/5341425168013, and the trim matrix of its File
# Creation Guide, as tabulated by third-party print notes; 11 x 8.5 in is its landscape trim).
# IngramSpark prints no other size.
INGRAM_TRIMS: tuple[tuple[float, float], ...] = (
    (4, 6), (4, 7), (4.25, 7), (4.37, 7), (4.72, 7.48), (5, 7), (5, 8), (5.06, 7.81),
    (5.25, 8), (5.5, 8.25), (5.5, 8.5), (5.83, 8.27), (6, 9), (6.024, 9.252), (6.14, 9.21),
    (6.5, 6.5), (6.625, 10.25), (6.69, 9.61), (7, 10), (7.44, 9.69), (7.5, 9.25), (8, 8),
    (8, 10), (8, 10.88), (8.25, 8.25), (8.25, 10.75), (8.25, 11), (8.268, 11.693), (8.5, 8.5),
    (8.5, 11), (11, 8.5),
)

_KDP_PAPER = {"white": 0.002252, "cream": 0.0025, "colour": 0.002347,
              "standard-colour": 0.002252}

PROFILES: dict[str, Profile] = {
    "kdp": Profile(
        name="kdp", shop="KDP",
        gutter_table=((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75), (828, 0.875)),
        safe_zone_in=0.25, safe_zone_bleed_in=0.375,
        # octavo's "colour" is KDP's premium colour (its spine factor below): 24 to 828 pages;
        # standard colour prints 72 to 600 (kdp.amazon.com/en_US/help/topic/G201834180).
        min_pages=24, max_pages={"white": 828, "cream": 776, "colour": 828,
                                 "standard-colour": 600},
        min_pages_by_paper={"standard-colour": 72},
        # KDP requires every font embedded and "recommends" whole fonts; it accepts subsets.
        # One subset for the whole book keeps the file near a one-pass PDF's size (whole fonts
        # add 0.75 MB to every book); `build.fonts: full` embeds them whole.
        max_file_mb=650, pdf_standard="x-1a", font_embedding="subset",
        annotations_allowed=False, spine_text_min_pages=79, paper_inch_per_page=_KDP_PAPER,
        trims=KDP_TRIMS, custom_range=((4, 8.5), (6, 11.69)), trim_page_limits=_KDP_TRIM_LIMITS,
    ),
    "ingram": Profile(
        name="ingram", shop="IngramSpark",
        gutter_table=((150, 0.5), (400, 0.625), (600, 0.75), (1200, 0.875)),
        safe_zone_in=0.5, safe_zone_bleed_in=0.5,
        # IngramSpark's own page limits depend on trim and binding; 1,200 is the most its
        # calculator offers for a black-and-white paperback (unverified).
        # Its standard colour is taken to bind as many pages as its premium colour (unverified).
        min_pages=18, max_pages={"white": 1200, "cream": 1200, "colour": 1200,
                                 "standard-colour": 1200},
        max_file_mb=None, pdf_standard="x-1a", font_embedding="subset",
        annotations_allowed=False, spine_text_min_pages=79,
        paper_inch_per_page={"white": 0.0022727, "cream": 0.0023256, "colour": 0.0022727,
                             "standard-colour": 0.0022727},
        trims=INGRAM_TRIMS,
    ),
    "generic": Profile(
        name="generic", shop="a print shop",
        gutter_table=((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75), (828, 0.875)),
        safe_zone_in=0.25, safe_zone_bleed_in=0.375,
        min_pages=1, max_pages={"white": 100_000, "cream": 100_000, "colour": 100_000,
                                "standard-colour": 100_000},
        max_file_mb=None, pdf_standard="none", font_embedding="subset",
        annotations_allowed=True, spine_text_min_pages=79, paper_inch_per_page=_KDP_PAPER,
    ),
}
DEFAULT_PROFILE = "kdp"


@dataclass(frozen=True, slots=True)
class Rules:
    """What one book must satisfy: its profile with the book's own settings folded in."""

    profile: Profile
    pdf_standard: str
    font_embedding: str
    bleed: bool
    paper: str
    gutter_in: float | None  # the book's own inside margin; None: the profile's table
    safe_zone_in: float
    trim_in: tuple[float, float] | None = None  # (width, height): some trims bind fewer pages

    def required_gutter(self, pages: int) -> float:
        return self.profile.gutter_for(pages)

    def gutter_for(self, pages: int) -> float:
        """The inside margin octavo sets for a book of `pages` pages."""
        if self.gutter_in is not None:
            return self.gutter_in
        return self.required_gutter(pages) + VISIBLE_INSIDE_IN

    @property
    def min_pages(self) -> int:
        return self.profile.min_pages_for(self.paper)

    @property
    def max_pages(self) -> int:
        return self.profile.max_pages_for(self.paper, self.trim_in)

    @property
    def black_and_white(self) -> bool:
        return self.paper not in COLOUR_PAPERS


# What stays visible of the inside margin once the binding has taken the shop's minimum: the
# inside margin octavo sets is the shop's figure for the page count plus this.
VISIBLE_INSIDE_IN = 0.25


def resolve_rules(profile: str = DEFAULT_PROFILE, *, pdf_standard: str | None = None,
                  font_embedding: str | None = None, bleed: bool = False,
                  paper: str = "white", gutter_in: float | None = None,
                  safe_zone_in: float | None = None,
                  trim_in: tuple[float, float] | None = None) -> Rules:
    chosen = PROFILES[profile]
    return Rules(
        profile=chosen,
        pdf_standard=pdf_standard or chosen.pdf_standard,
        font_embedding=font_embedding or chosen.font_embedding,
        bleed=bleed,
        paper=paper,
        gutter_in=gutter_in,
        safe_zone_in=safe_zone_in if safe_zone_in is not None else chosen.safe_zone(bleed),
        trim_in=trim_in,
    )


def spine_width_in(rules: Rules, pages: int) -> float:
    return pages * rules.profile.paper_inch_per_page[rules.paper]


@dataclass(frozen=True, slots=True)
class HouseStyle:
    stylesheet: str  # in styles/
    body_font: str  # the family `build.font` defaults to
    font_note: str  # how the copyright page names the type


HOUSE_STYLES: dict[str, HouseStyle] = {
    "classic": HouseStyle("classic.css", "Charis SIL", "Charis SIL"),
    "modern": HouseStyle("modern.css", "Linux Libertine O", "Linux Libertine and Linux Biolinum"),
    "pulp": HouseStyle("pulp.css", "EB Garamond 12", "EB Garamond and Bebas Neue"),
}
DEFAULT_STYLE = "classic"

# Running heads, as data: what a verso and a recto may carry, and each kind of book's default
# (octavo.book_kind decides the kind; `build.running_heads` in the manifest wins over the row).
# An anthology's versos name the story's author, a novel's the author and its rectos the book.
VERSO_HEADS = ("book-title", "author", "story-author")
RECTO_HEADS = ("story-title", "book-title")
RUNNING_HEAD_DEFAULTS: dict[str, tuple[str, str]] = {
    "anthology": ("story-author", "story-title"),
    "collection": ("author", "story-title"),
    "novel": ("author", "book-title"),
}
OPENINGS_DEFAULTS: dict[str, str] = {"anthology": "recto", "novel": "recto"}
LEAD_INS = ("small-caps", "drop-cap", "none")
