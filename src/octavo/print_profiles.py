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
PAPERS = ("white", "cream", "colour")
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

    def gutter_for(self, pages: int) -> float:
        for last_page, inches in self.gutter_table:
            if pages <= last_page:
                return inches
        return self.gutter_table[-1][1]

    def safe_zone(self, bleed: bool) -> float:
        return self.safe_zone_bleed_in if bleed else self.safe_zone_in


_KDP_PAPER = {"white": 0.002252, "cream": 0.0025, "colour": 0.002347}

PROFILES: dict[str, Profile] = {
    "kdp": Profile(
        name="kdp", shop="KDP",
        gutter_table=((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75), (828, 0.875)),
        safe_zone_in=0.25, safe_zone_bleed_in=0.375,
        min_pages=24, max_pages={"white": 828, "cream": 776, "colour": 600},
        # KDP requires every font embedded and "recommends" whole fonts; it accepts subsets.
        # One subset for the whole book keeps the file near a one-pass PDF's size (whole fonts
        # add 0.75 MB to every book); `build.fonts: full` embeds them whole.
        max_file_mb=650, pdf_standard="x-1a", font_embedding="subset",
        annotations_allowed=False, spine_text_min_pages=79, paper_inch_per_page=_KDP_PAPER,
    ),
    "ingram": Profile(
        name="ingram", shop="IngramSpark",
        gutter_table=((150, 0.5), (400, 0.625), (600, 0.75), (1200, 0.875)),
        safe_zone_in=0.5, safe_zone_bleed_in=0.5,
        # IngramSpark's own page limits depend on trim and binding; 1,200 is the most its
        # calculator offers for a black-and-white paperback (unverified).
        min_pages=18, max_pages={"white": 1200, "cream": 1200, "colour": 1200},
        max_file_mb=None, pdf_standard="x-1a", font_embedding="subset",
        annotations_allowed=False, spine_text_min_pages=79,
        paper_inch_per_page={"white": 0.0022727, "cream": 0.0023256, "colour": 0.0022727},
    ),
    "generic": Profile(
        name="generic", shop="a print shop",
        gutter_table=((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75), (828, 0.875)),
        safe_zone_in=0.25, safe_zone_bleed_in=0.375,
        min_pages=1, max_pages={"white": 100_000, "cream": 100_000, "colour": 100_000},
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

    def required_gutter(self, pages: int) -> float:
        return self.profile.gutter_for(pages)

    def gutter_for(self, pages: int) -> float:
        """The inside margin octavo sets for a book of `pages` pages."""
        if self.gutter_in is not None:
            return self.gutter_in
        return self.required_gutter(pages) + VISIBLE_INSIDE_IN

    @property
    def max_pages(self) -> int:
        return self.profile.max_pages[self.paper]

    @property
    def black_and_white(self) -> bool:
        return self.paper != "colour"


# What stays visible of the inside margin once the binding has taken the shop's minimum: the
# inside margin octavo sets is the shop's figure for the page count plus this.
VISIBLE_INSIDE_IN = 0.25


def resolve_rules(profile: str = DEFAULT_PROFILE, *, pdf_standard: str | None = None,
                  font_embedding: str | None = None, bleed: bool = False,
                  paper: str = "white", gutter_in: float | None = None,
                  safe_zone_in: float | None = None) -> Rules:
    chosen = PROFILES[profile]
    return Rules(
        profile=chosen,
        pdf_standard=pdf_standard or chosen.pdf_standard,
        font_embedding=font_embedding or chosen.font_embedding,
        bleed=bleed,
        paper=paper,
        gutter_in=gutter_in,
        safe_zone_in=safe_zone_in if safe_zone_in is not None else chosen.safe_zone(bleed),
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
