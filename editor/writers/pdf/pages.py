"""Page templates: cover, front matter, article pages with running header and footer, back cover.

Page numbering, kept in this one place: as in the printed bulletin, the numbers
start at 1 on the first article page. The cover, the colophon page and the
contents carry no header and no number, nor does the back cover. The PDF's page
labels say the same to the reader's viewer (封面, i, ii, then 1, 2, 3 …, 封底),
so the number in the viewer's page box is the one printed in the footer and in
the contents.
"""

from __future__ import annotations

from .flow import PageTemplate
from .kit import Kit
from ..linebreak import Piece
from .paragraph import ASCENT, draw_text

MM = 72 / 25.4


def footer_text(n: int) -> str:
    """The 公文 form of a page number."""
    return f"— {n} —"


class Pages:
    """The templates of one pass, and what it learns per physical page: its kind and printed number."""

    def __init__(self, kit: Kit, header: str, page_size_mm, margins_mm):
        self.kit = kit
        self.header = header
        self.width, self.height = page_size_mm[0] * MM, page_size_mm[1] * MM
        self.top, self.bottom, self.left, self.right = (m * MM for m in margins_mm)
        self.reset()

    def reset(self) -> None:
        self.kinds: dict[int, str] = {}          # physical page (1-based) → cover/front/body/back
        self.footers: dict[int, int] = {}        # physical page → printed number
        self.body_start: int | None = None
        self.body_pages = 0                      # article pages so far since the numbering (re)started

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom

    def templates(self, suffix: str = "", header: str | None = None, restart: bool = False,
                  counted: bool = False) -> list[PageTemplate]:
        """The cover, front, body and back templates. A volume of several issues (writers/pdf/volume.py)
        asks for a set per issue: named with `suffix`, its article pages headed `header` (the issue's
        line); when `restart`, its cover starts the page numbers from 1 again; when `counted`, its
        cover and front pages take a number (not printed) once numbering has begun, as a Word
        section continuing the numbering counts them."""
        body = (self.left, self.bottom, self.text_width, self.text_height)
        back = (self.left, self.bottom + 14 * MM, self.text_width, self.text_height - 14 * MM)
        head = self.header if header is None else header
        return [
            PageTemplate("cover" + suffix, (0.0, 0.0, self.width, self.height),
                         lambda canv, page: self._on_cover(canv, page, restart, counted)),
            PageTemplate("front" + suffix, body, lambda canv, page: self._on_front(canv, page, counted)),
            PageTemplate("body" + suffix, body, lambda canv, page: self._on_body(canv, page, head), self._on_body_end),
            PageTemplate("back" + suffix, back, self._on_back),
        ]

    def _label(self, canv, page: int, kind: str, **label) -> None:
        previous = self.kinds.get(page - 1)
        self.kinds[page] = kind
        if canv is not None and (previous != kind or kind == "cover"):
            canv.addPageLabel(page - 1, **label)

    def _on_cover(self, canv, page: int, restart: bool = False, counted: bool = False) -> None:
        if restart:
            self.body_pages = 0
        elif counted and self.body_start is not None:
            self.body_pages += 1
        self._label(canv, page, "cover", prefix="封面")

    def _on_front(self, canv, page: int, counted: bool = False) -> None:
        if counted and self.body_start is not None:
            self.body_pages += 1
        self._label(canv, page, "front", style="ROMAN_LOWER", start=1)

    def _on_back(self, canv, page: int) -> None:
        self._label(canv, page, "back", prefix="封底")
        if canv is None:
            return
        band = self.bottom * 0.75
        canv.saveState()
        canv.setFillColor(self.kit.color("primary"))
        canv.rect(0, 0, self.width, band, stroke=0, fill=1)
        # the back cover repeats the masthead line, reversed out of the band
        st = self.kit.style("header")
        font = self.kit.font(st.font)
        size = st.size + 1
        width = self.kit.measure(font, self.header, size)
        draw_text(canv, self.kit, Piece(self.header, font, size, False, "#FFFFFF"), (self.width - width) / 2,
                  band / 2 - size * 0.35, record="back_band")
        canv.restoreState()

    def _on_body(self, canv, page: int, header: str | None = None) -> None:
        if self.body_start is None:
            self.body_start = page
        # counted, not page - body_start: in a volume an issue's cover and front pages come between
        self.body_pages += 1
        self._label(canv, page, "body", style="ARABIC", start=self.body_pages)
        self.footers[page] = self.body_pages
        if canv is None:
            return
        kit = self.kit
        hs = kit.style("header")
        rule_y = self.height - self.top + 5 * MM
        canv.saveState()
        canv.setStrokeColor(kit.color(hs.color))
        canv.setLineWidth(0.6)
        canv.line(self.left, rule_y, self.width - self.right, rule_y)
        self._text(canv, self.header if header is None else header, "header", rule_y + 2.2 * MM)
        canv.restoreState()

    def _on_body_end(self, canv, page: int) -> None:
        # drawn last, so that text extraction reads the number after the page's text
        if canv is None:
            return
        fs = self.kit.style("footer")
        canv.saveState()
        self._text(canv, footer_text(self.footers[page]), "footer", self.bottom - 7 * MM - ASCENT * fs.size)
        canv.restoreState()

    def _text(self, canv, text: str, style: str, baseline: float) -> None:
        kit = self.kit
        st = kit.style(style)
        font = kit.font(st.font)
        width = kit.measure(font, text, st.size)
        left, right = self.left, self.width - self.right
        x = {"center": (left + right - width) / 2, "right": right - width}.get(st.align, left)
        draw_text(canv, kit, Piece(text, font, st.size, st.bold, st.color), x, baseline, record=style)
